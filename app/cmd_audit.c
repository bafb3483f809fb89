/*
 * cmd_audit.c — `madoguchi audit verify|report --db D [--expect SEQ:HASH]…
 * [--month YYYY-MM] [--csv]`: prove the operation log's hash chain (and the
 * heads of it recorded outside the file), print its head to record, and the
 * monthly review the privacy impact assessments promise (per-operator
 * counts, searches and views not followed by a workflow, activity outside
 * office hours, account and settings changes, failed logins), each report
 * headed by the chain check's verdict.
 */
#include "app/app_ctx.h"
#include "app/audit.h"
#include "app/cmd.h"
#include "app/config.h"
#include "db/db.h"
#include "db/db_audit.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/mg_rc.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CMD_AUDIT_EXPECT_MAX 32   /* --expect values at most */

/* Parsed command line. */
struct cmd_audit_opts {
	const char *verb;     /* verify | report */
	const char *month;    /* --month YYYY-MM */
	int csv;              /* --csv */
	struct db_audit_anchor expect[CMD_AUDIT_EXPECT_MAX];  /* --expect SEQ:HASH */
	size_t n_expect;
};

/* Format unix time t as local "YYYY-MM-DD HH:MM:SS". */
static void cmd_audit_time(long long t, char *buf, size_t cap)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!localtime_r(&tt, &tm) || !strftime(buf, cap, "%Y-%m-%d %H:%M:%S", &tm))
		snprintf(buf, cap, "%lld", t);
}

/* Write one CSV field: quoted when needed, formula starts neutralised. */
static void cmd_audit_csv_field(FILE *f, const char *s, int last)
{
	char clean[256];
	const char *p;

	i18n_text_sanitize(s ? s : "", clean, sizeof clean);
	p = clean;
	if (strpbrk(p, ",\"\n") || *p == '=' || *p == '+' || *p == '@') {
		fputc('"', f);
		if (*p == '=' || *p == '+' || *p == '@')
			fputc('\'', f);
		for (; *p; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	} else {
		fputs(p, f);
	}
	fputc(last ? '\n' : ',', f);
}

/* The displayed operator id ("(system)" for the system actor). */
static const char *cmd_audit_who(const char *id)
{
	return id[0] ? id : i18n_msg(MSG("audit_system_actor"));
}

/*
 * Print a list of report items in plain text under a heading; with_detail
 * (account and settings changes) adds each row's detail as a 7th argument.
 */
static void cmd_audit_text_items(FILE *f, const char *head_key, const char *item_key,
                                 const struct audit_report_item *it, size_t n, int with_detail)
{
	char count[24], seq[24], when[32], target[128], detail[128];
	const char *a[7] = { count };

	snprintf(count, sizeof count, "%zu", n);
	cmd_msg(f, head_key, 1, a);
	if (n == 0)
		cmd_msg(f, MSG("audit_report_none"), 0, NULL);
	for (size_t i = 0; i < n; i++) {
		snprintf(seq, sizeof seq, "%lld", it[i].seq);
		cmd_audit_time(it[i].at, when, sizeof when);
		i18n_text_sanitize(it[i].target, target, sizeof target);
		a[0] = seq;
		a[1] = when;
		a[2] = cmd_audit_who(it[i].operator_id);
		a[3] = it[i].terminal[0] ? it[i].terminal : "-";
		a[4] = it[i].action;
		a[5] = target[0] ? target : "-";
		if (with_detail) {
			i18n_text_sanitize(it[i].detail, detail, sizeof detail);
			a[6] = detail[0] ? detail : "-";
		}
		cmd_msg(f, item_key, with_detail ? 7 : 6, a);
	}
}

/* The report in plain text. */
static void cmd_audit_text(FILE *f, const struct audit_report *r)
{
	char month[16], rows[24], num[8][24];

	snprintf(month, sizeof month, "%04d-%02d", r->year, r->month);
	snprintf(rows, sizeof rows, "%lld", r->rows);
	{
		const char *a[2] = { month, rows };

		cmd_msg(f, MSG("audit_report_title"), 2, a);
	}
	cmd_msg(f, MSG("audit_report_ops_head"), 0, NULL);
	if (r->n_ops == 0)
		cmd_msg(f, MSG("audit_report_none"), 0, NULL);
	for (size_t i = 0; i < r->n_ops; i++) {
		const struct audit_report_op *o = &r->ops[i];
		const long v[8] = { o->searches, o->views, o->reveals, o->commits,
		                    o->logins, o->failed_logins, o->locks, o->off_hours };
		const char *a[9];

		a[0] = cmd_audit_who(o->id);
		for (int k = 0; k < 8; k++) {
			snprintf(num[k], sizeof num[k], "%ld", v[k]);
			a[k + 1] = num[k];
		}
		cmd_msg(f, MSG("audit_report_op_row"), 9, a);
	}
	cmd_audit_text_items(f, MSG("audit_report_unfollowed_head"), MSG("audit_report_item"),
	                     r->unfollowed, r->n_unfollowed, 0);
	cmd_audit_text_items(f, MSG("audit_report_offhours_head"), MSG("audit_report_item"),
	                     r->off_hours, r->n_off_hours, 0);
	cmd_audit_text_items(f, MSG("audit_report_failures_head"), MSG("audit_report_item"),
	                     r->failures, r->n_failures, 0);
	cmd_audit_text_items(f, MSG("audit_report_changes_head"), MSG("audit_report_change_item"),
	                     r->changes, r->n_changes, 1);
	if (r->verify_rc == 0 && r->head.seq > 0) {
		char head[DB_AUDIT_ANCHOR_TEXT];
		const char *a[1] = { head };

		if (db_audit_anchor_format(&r->head, head) == 0)
			cmd_msg(f, MSG("audit_report_head"), 1, a);
	}
}

/* CSV rows of one item list, section name first. */
static void cmd_audit_csv_items(FILE *f, const char *section,
                                const struct audit_report_item *it, size_t n)
{
	char seq[24], when[32];

	for (size_t i = 0; i < n; i++) {
		snprintf(seq, sizeof seq, "%lld", it[i].seq);
		cmd_audit_time(it[i].at, when, sizeof when);
		cmd_audit_csv_field(f, section, 0);
		cmd_audit_csv_field(f, seq, 0);
		cmd_audit_csv_field(f, when, 0);
		cmd_audit_csv_field(f, it[i].operator_id, 0);
		cmd_audit_csv_field(f, it[i].terminal, 0);
		cmd_audit_csv_field(f, it[i].action, 0);
		cmd_audit_csv_field(f, it[i].target, 1);
	}
}

/*
 * The report as CSV: a table of per-operator counts (section "operator"),
 * then a table of listed rows (sections "unfollowed", "off_hours",
 * "failure"), then a table of account and settings changes with their
 * detail (section "change"), each with its header line.
 */
static void cmd_audit_csv(FILE *f, const struct audit_report *r)
{
	char num[24];

	cmd_msg(f, MSG("audit_csv_ops_head"), 0, NULL);
	for (size_t i = 0; i < r->n_ops; i++) {
		const struct audit_report_op *o = &r->ops[i];
		const long v[8] = { o->searches, o->views, o->reveals, o->commits,
		                    o->logins, o->failed_logins, o->locks, o->off_hours };

		cmd_audit_csv_field(f, "operator", 0);
		cmd_audit_csv_field(f, o->id, 0);
		for (int k = 0; k < 8; k++) {
			snprintf(num, sizeof num, "%ld", v[k]);
			cmd_audit_csv_field(f, num, k == 7);
		}
	}
	cmd_msg(f, MSG("audit_csv_items_head"), 0, NULL);
	cmd_audit_csv_items(f, "unfollowed", r->unfollowed, r->n_unfollowed);
	cmd_audit_csv_items(f, "off_hours", r->off_hours, r->n_off_hours);
	cmd_audit_csv_items(f, "failure", r->failures, r->n_failures);
	cmd_msg(f, MSG("audit_csv_changes_head"), 0, NULL);
	for (size_t i = 0; i < r->n_changes; i++) {
		const struct audit_report_item *it = &r->changes[i];
		char seq[24], when[32];

		snprintf(seq, sizeof seq, "%lld", it->seq);
		cmd_audit_time(it->at, when, sizeof when);
		cmd_audit_csv_field(f, "change", 0);
		cmd_audit_csv_field(f, seq, 0);
		cmd_audit_csv_field(f, when, 0);
		cmd_audit_csv_field(f, it->operator_id, 0);
		cmd_audit_csv_field(f, it->terminal, 0);
		cmd_audit_csv_field(f, it->action, 0);
		cmd_audit_csv_field(f, it->target, 0);
		cmd_audit_csv_field(f, it->detail, 1);
	}
}

/* Parse "YYYY-MM"; 0 or -1. */
static int cmd_audit_month(const char *s, int *y, int *m)
{
	char tail;

	if (!s || strlen(s) != 7 || s[4] != '-' ||
	    sscanf(s, "%4d-%2d%c", y, m, &tail) != 2 || *m < 1 || *m > 12 || *y < 1970)
		return -1;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	return 0;
}

/* Print the trigger faults of v as one line (audit_verify_no_triggers) to f. */
static void cmd_audit_triggers(FILE *f, const struct db_audit_verdict *v)
{
	char list[512];
	const char *a[1] = { list };

	audit_trigger_faults_text(v, list, sizeof list);
	cmd_msg(f, MSG("audit_verify_no_triggers"), 1, a);
}

/* Print what verify (code rc, verdict v) found wrong, one line each, to f. */
static void cmd_audit_faults(FILE *f, int rc, const struct db_audit_verdict *v)
{
	char num[24], text[512];

	if (rc == MG_ECHAIN) {
		const char *a[2] = { num, i18n_msg(v->reason ? v->reason : MSG("audit_bad_content")) };

		snprintf(num, sizeof num, "%lld", v->bad_seq);
		cmd_msg(f, MSG("audit_verify_bad"), 2, a);
	}
	if (v->anchor_reason) {
		const char *a[1] = { num };

		snprintf(num, sizeof num, "%lld", v->anchor_seq);
		if (i18n_msg_format(text, sizeof text, v->anchor_reason, 1, a) >= 0) {
			a[0] = text;
			cmd_msg(f, MSG("audit_verify_anchor_bad"), 1, a);
		}
	}
	if (!v->triggers_ok)
		cmd_audit_triggers(f, v);
}

/*
 * audit verify: exit 0 when the file reads as sound (PRAGMA quick_check),
 * and the chain, every recorded head and the log's definitions hold (then
 * the head to record is printed), else 1 naming what failed.
 */
static int cmd_audit_verify(struct cmd_env *env, struct app_ctx *ctx,
                            const struct cmd_audit_opts *o)
{
	struct db_audit_verdict v;
	char num[24], head[DB_AUDIT_ANCHOR_TEXT];
	int rc = db_quick_check(ctx->db);

	if (rc != 0)
		return cmd_err(env, rc);   /* a damaged file: no verdict on its log */
	rc = audit_verify_anchored(ctx, o->expect, o->n_expect, &v);
	if (rc != 0 && rc != MG_ECHAIN && rc != MG_EAUDIT_ANCHOR && rc != MG_EAUDIT_TRIGGER)
		return cmd_err(env, rc);
	cmd_audit_faults(env->err, rc, &v);
	if (rc != 0)
		return 1;
	{
		const char *a[2] = { num, NULL };

		snprintf(num, sizeof num, "%lld", v.rows);
		cmd_msg(env->out, MSG("audit_verify_ok"), 1, a);
		for (size_t i = 0; i < o->n_expect; i++) {
			if (db_audit_anchor_format(&o->expect[i], head) != 0)
				continue;
			snprintf(num, sizeof num, "%lld", o->expect[i].seq);
			a[0] = head;
			a[1] = num;
			cmd_msg(env->out, MSG("audit_verify_anchor_ok"), 2, a);
		}
		if (v.head.seq > 0 && db_audit_anchor_format(&v.head, head) == 0) {
			a[0] = head;
			cmd_msg(env->out, MSG("audit_verify_head"), 1, a);
			cmd_msg(env->out, MSG("audit_verify_head_note"), 1, a);
		}
	}
	return 0;
}

/*
 * audit report: the chain check's verdict first (on stdout above a text
 * report; with CSV only a failure, on stderr), then the month's review as
 * text or CSV.
 * Exit 0 when the log is intact, 1 when it is tampered or unprotected (the
 * review is printed all the same, without a head to record).
 */
static int cmd_audit_report(struct cmd_env *env, struct app_ctx *ctx,
                            const struct cmd_audit_opts *o)
{
	struct audit_report r;
	int y, m, rc;

	if (cmd_need(env, o->month, "--month"))
		return 2;
	if (cmd_audit_month(o->month, &y, &m) != 0) {
		const char *a[1] = { o->month };

		cmd_msg(env->err, MSG("audit_bad_month"), 1, a);
		return 2;
	}
	rc = audit_report_build(ctx, y, m, &r);
	if (rc)
		return cmd_err(env, rc);
	{
		FILE *vf = o->csv ? env->err : env->out;
		char num[24];
		const char *a[1] = { num };

		snprintf(num, sizeof num, "%lld", r.verdict.rows);
		cmd_audit_faults(vf, r.verify_rc, &r.verdict);
		/* CSV stays a clean table when the log is intact (exit 0 says so) */
		if (r.verify_rc != 0)
			cmd_msg(vf, MSG("audit_report_verdict_bad"), 0, NULL);
		else if (!o->csv)
			cmd_msg(vf, MSG("audit_report_verdict_ok"), 1, a);
	}
	if (o->csv)
		cmd_audit_csv(env->out, &r);
	else
		cmd_audit_text(env->out, &r);
	rc = r.verify_rc == 0 ? 0 : 1;
	audit_report_free(&r);
	return rc;
}

/* Parse the command line into *o; 0, MG_EUSAGE (usage shown by the caller) or
 * MG_EINVAL (a bad --expect, already explained). */
static int cmd_audit_parse(struct cmd_env *env, int argc, char **argv, struct cmd_audit_opts *o)
{
	static const struct option opts[] = {
		CMD_COMMON_OPTS,
		{ "month", required_argument, NULL, 'm' },
		{ "csv", no_argument, NULL, 'c' },
		{ "expect", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const int again[] = { 'e', 0 };   /* --expect may be repeated */
	struct cmd_getopt_state gs = { { 0 }, 0 };
	int c, r;

	memset(o, 0, sizeof *o);
	/* the verb comes first: `audit verify --db …` */
	if (argc < 2 || argv[1][0] == '-')
		return MG_EUSAGE;
	o->verb = argv[1];
	argc--;
	argv++;
	optind = 1;
	while ((c = cmd_getopt(env, &gs, argc, argv, "+h", opts, again)) != -1) {
		switch (c) {
		case 'm': o->month = optarg; break;
		case 'c': o->csv = 1; break;
		case 'e':
			if (o->n_expect == CMD_AUDIT_EXPECT_MAX) {
				char max[16];
				const char *a[1] = { max };

				snprintf(max, sizeof max, "%d", CMD_AUDIT_EXPECT_MAX);
				cmd_msg(env->err, MSG("audit_expect_too_many"), 1, a);
				return MG_EINVAL;
			}
			if (db_audit_anchor_parse(optarg, &o->expect[o->n_expect]) != 0) {
				const char *a[1] = { optarg };

				cmd_msg(env->err, MSG("audit_bad_expect"), 1, a);
				return MG_EINVAL;
			}
			o->n_expect++;
			break;
		case 'h': return MG_EUSAGE;
		default:
			r = cmd_common_opt(env, c, optarg);
			if (r <= 0)
				return MG_EUSAGE;   /* explained by cmd_getopt or cmd_common_opt */
		}
	}
	if (optind != argc)
		return MG_EUSAGE;
	if (strcmp(o->verb, "verify") != 0 && strcmp(o->verb, "report") != 0)
		return MG_EUSAGE;
	if (o->n_expect && strcmp(o->verb, "verify") != 0)
		return MG_EUSAGE;
	return 0;
}

/* 1 when path's "-wal" file exists and is not empty (a writer's uncheckpointed work). */
static int cmd_audit_has_wal(const char *path)
{
	char wal[4096];
	struct stat sb;
	int n = snprintf(wal, sizeof wal, "%s-wal", path);

	return n > 0 && (size_t)n < sizeof wal && stat(wal, &sb) == 0 && sb.st_size > 0;
}

/*
 * Open the registry under examination: never migrated or created by its
 * own check. A file we may not write is an evidence copy: opened immutable
 * (nothing read or created beside it, no lock), unless a -wal beside it
 * holds a writer's work, which a plain read-only open sees (falling back to
 * immutable when that open cannot set up its shared memory, e.g. in a folder
 * we may not write). OUT: *db. Returns 0 or a code.
 */
static int cmd_audit_open(const char *path, struct db **db)
{
	int rc;

	if (access(path, W_OK) != 0 && (errno == EACCES || errno == EROFS || errno == EPERM)) {
		if (!cmd_audit_has_wal(path))
			return db_audit_open_evidence(path, db);
		rc = db_open(path, DB_OPEN_READONLY, db);
		if (rc == 0)
			rc = db_audit_readable(*db);
		if (rc == 0)
			return 0;
		db_close(*db);
		*db = NULL;
		if (rc == MG_EREADONLY || rc == MG_EIO || rc == MG_EDB)
			rc = db_audit_open_evidence(path, db);
		return rc;
	}
	rc = db_open(path, DB_OPEN_NOMIGRATE, db);
	if (rc == MG_EREADONLY || rc == MG_EIO)
		rc = db_audit_open_evidence(path, db);
	return rc;
}

int cmd_audit_main(struct cmd_env *env, int argc, char **argv);
int cmd_audit_main(struct cmd_env *env, int argc, char **argv)
{
	struct cmd_audit_opts o;
	struct config cfg;
	struct app_ctx ctx;
	struct db *db = NULL;
	const char *path;
	char err[1024];
	int rc, readonly = 0;

	rc = cmd_audit_parse(env, argc, argv, &o);
	if (rc == MG_EINVAL)
		return 2;
	if (rc != 0)
		return cmd_usage(env, "audit");
	rc = config_load_default(env->config_path, &cfg, err, sizeof err);
	if (rc) {
		fputs(err, env->err);
		fputc('\n', env->err);
		return cmd_err(env, rc);
	}
	cmd_config_lang(env, cfg.lang);
	/* --db, else the configuration's db_path, as every other command. */
	path = env->db_path ? env->db_path : (cfg.db_path[0] ? cfg.db_path : NULL);
	if (cmd_need(env, path, "--db"))
		return 2;
	rc = cmd_audit_open(path, &db);
	if (rc == 0)
		readonly = sqlite3_db_readonly(db->h, "main") == 1;
	if (rc == 0) {
		int newer = 0;

		/* A newer program's registry: refused like every other command
		 * does (nothing appended, no verdict against a schema we do not
		 * know). */
		rc = db_audit_schema_newer(db, &newer);
		if (rc == 0 && newer)
			rc = MG_ESCHEMA;
		if (rc) {
			db_close(db);
			return cmd_err(env, rc);
		}
		/* Evidence copies too: a test configuration's terminal id and
		 * actor must not land in a production log, nor its verdict
		 * stand for one (app_ctx_mode_match). */
		if (app_ctx_mode_match(env, &cfg, db) != 0) {
			db_close(db);
			return 1;
		}
	}
	if (rc == MG_ENOTFOUND) {
		const char *a[1] = { path };

		cmd_msg(env->err, MSG("cli_db_missing"), 1, a);
		return 1;
	}
	if (rc)
		return cmd_err(env, rc);
	memset(&ctx, 0, sizeof ctx);
	ctx.db = db;
	ctx.cfg = &cfg;
	ctx.terminal = env->terminal ? env->terminal : cfg.terminal_id;
	if (strcmp(o.verb, "verify") == 0)
		rc = cmd_audit_verify(env, &ctx, &o);
	else
		rc = cmd_audit_report(env, &ctx, &o);
	if (readonly)
		cmd_msg(env->err, MSG("audit_not_logged_readonly"), 0, NULL);
	db_close(db);
	return rc;
}
