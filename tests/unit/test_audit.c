/* test_audit.c — each log action, transactions, verify, and the monthly review on a seeded month. */
#include "tests/unit/testutil.h"
#include "app/app_ctx.h"
#include "app/audit.h"
#include "app/config.h"
#include "app/session.h"
#include "db/db.h"
#include "db/db_audit.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char saved_tz[64];
static int had_tz;

/* The report works in local time: pin it to Japan for the suite. */
static int tz_init(void)
{
	const char *tz = getenv("TZ");

	had_tz = tz != NULL;
	snprintf(saved_tz, sizeof saved_tz, "%s", tz ? tz : "");
	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	return 0;
}

/* Put TZ back. */
static int tz_fini(void)
{
	if (had_tz)
		setenv("TZ", saved_tz, 1);
	else
		unsetenv("TZ");
	tzset();
	return 0;
}

/* Local time → unix seconds. */
static long long at(int y, int mo, int d, int h, int mi)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	return (long long)mktime(&tm);
}

/* A context on a fresh file, system actor. */
static int open_ctx(struct app_ctx *ctx, const char *name)
{
	struct db *db = NULL;

	unlink(testutil_path(name));
	memset(ctx, 0, sizeof *ctx);
	if (db_open(testutil_path(name), DB_OPEN_CREATE, &db) != 0)
		return -1;
	ctx->db = db;
	ctx->terminal = "T01";
	return 0;
}

/* Log one row at time t as operator op ("" = system). */
static int log_as(struct app_ctx *ctx, const char *op, long long t, enum audit_action a,
                  const char *target, const char *detail)
{
	struct session s;
	const struct session *saved = ctx->sess;
	int rc;

	memset(&s, 0, sizeof s);
	snprintf(s.operator_id, sizeof s.operator_id, "%s", op);
	snprintf(s.terminal, sizeof s.terminal, "T%s", op[0] ? op + 1 : "00");
	s.role = op[0] == 'S' ? SESSION_ROLE_SUPERVISOR : SESSION_ROLE_CLERK;
	ctx->sess = op[0] ? &s : NULL;
	rc = audit_log_at(ctx, t, a, target, detail);
	ctx->sess = saved;
	return rc;
}

static void t_every_action_writes_one_row(void)
{
	struct app_ctx ctx;
	struct session s;

	CU_ASSERT_EQUAL_FATAL(open_ctx(&ctx, "actions.db"), 0);
	memset(&s, 0, sizeof s);
	snprintf(s.operator_id, sizeof s.operator_id, "C001");
	snprintf(s.terminal, sizeof s.terminal, "T07");
	ctx.sess = &s;
	for (int a = 0; a < AUDIT_ACTION_COUNT_; a++) {
		char target[16], detail[32];
		sqlite3_stmt *st;

		snprintf(target, sizeof target, "1000%d", a);
		snprintf(detail, sizeof detail, "n=%d", a);
		CU_ASSERT_EQUAL(audit_log(&ctx, (enum audit_action)a, target, detail), 0);
		st = db_stmt(ctx.db, "SELECT seq, operator, terminal, action, target, detail, at"
		                     " FROM audit ORDER BY seq DESC LIMIT 1");
		CU_ASSERT_EQUAL_FATAL(sqlite3_step(st), SQLITE_ROW);
		CU_ASSERT_EQUAL(sqlite3_column_int(st, 0), a + 1);
		CU_ASSERT_STRING_EQUAL(sqlite3_column_text(st, 1), "C001");
		CU_ASSERT_STRING_EQUAL(sqlite3_column_text(st, 2), "T07");
		CU_ASSERT_STRING_EQUAL(sqlite3_column_text(st, 3), audit_action_name((enum audit_action)a));
		CU_ASSERT_STRING_EQUAL(sqlite3_column_text(st, 4), target);
		CU_ASSERT_STRING_EQUAL(sqlite3_column_text(st, 5), detail);
		CU_ASSERT(llabs(sqlite3_column_int64(st, 6) - (long long)time(NULL)) < 5);
		sqlite3_reset(st);
		CU_ASSERT_EQUAL(audit_action_parse(audit_action_name((enum audit_action)a)), a);
	}
	CU_ASSERT_EQUAL(audit_log(&ctx, AUDIT_ACTION_COUNT_, NULL, NULL), MG_EINVAL);
	CU_ASSERT_EQUAL(audit_action_parse("nonsense"), -1);
	/* NULL target/detail stay NULL; the system actor is "" with ctx->terminal */
	ctx.sess = NULL;
	CU_ASSERT_EQUAL(audit_log(&ctx, AUDIT_BATCH, NULL, NULL), 0);
	{
		sqlite3_stmt *st = db_stmt(ctx.db, "SELECT operator, terminal, target IS NULL,"
		                                   " detail IS NULL FROM audit ORDER BY seq DESC LIMIT 1");

		CU_ASSERT_EQUAL_FATAL(sqlite3_step(st), SQLITE_ROW);
		CU_ASSERT_STRING_EQUAL(sqlite3_column_text(st, 0), "");
		CU_ASSERT_STRING_EQUAL(sqlite3_column_text(st, 1), "T01");
		CU_ASSERT_EQUAL(sqlite3_column_int(st, 2), 1);
		CU_ASSERT_EQUAL(sqlite3_column_int(st, 3), 1);
		sqlite3_reset(st);
	}
	db_close(ctx.db);
}

static void t_row_rolls_back_with_the_workflow(void)
{
	struct app_ctx ctx;
	long long n = 0;

	CU_ASSERT_EQUAL_FATAL(open_ctx(&ctx, "rollback.db"), 0);
	CU_ASSERT_EQUAL_FATAL(db_begin(ctx.db), 0);
	CU_ASSERT_EQUAL(audit_log(&ctx, AUDIT_COMMIT, "U1", "wf=tennyu atena=1"), 0);
	db_rollback(ctx.db);
	CU_ASSERT_EQUAL(db_audit_count(ctx.db, &n), 0);
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT_EQUAL_FATAL(db_begin(ctx.db), 0);
	CU_ASSERT_EQUAL(audit_log(&ctx, AUDIT_COMMIT, "U1", "wf=tennyu atena=1"), 0);
	CU_ASSERT_EQUAL(db_finish(ctx.db, 0), 0);
	CU_ASSERT_EQUAL(db_audit_count(ctx.db, &n), 0);
	CU_ASSERT_EQUAL(n, 1);
	db_close(ctx.db);
}

static void t_atena_matching(void)
{
	CU_ASSERT(audit_atena_in("wf=tennyu atena=101,102", "101"));
	CU_ASSERT(audit_atena_in("wf=tennyu atena=101,102", "102"));
	CU_ASSERT_FALSE(audit_atena_in("wf=tennyu atena=101,102", "10"));
	CU_ASSERT_FALSE(audit_atena_in("wf=tennyu atena=1011", "101"));
	CU_ASSERT_FALSE(audit_atena_in("wf=tennyu xatena=101", "101"));
	CU_ASSERT_FALSE(audit_atena_in("count=101", "101"));
	CU_ASSERT(audit_atena_in("atena=7 wf=x", "7"));
	CU_ASSERT(audit_atena_in("101", "101"));
	CU_ASSERT_FALSE(audit_atena_in(NULL, "101"));
	CU_ASSERT_FALSE(audit_atena_in("atena=", ""));
}

static void t_verify_checks_permission_and_logs(void)
{
	struct app_ctx ctx;
	struct db_audit_verdict v;
	struct session s;
	long long n = 0;

	CU_ASSERT_EQUAL_FATAL(open_ctx(&ctx, "verify.db"), 0);
	CU_ASSERT_EQUAL(audit_log(&ctx, AUDIT_BATCH, NULL, "job=date"), 0);
	CU_ASSERT_EQUAL(audit_verify(&ctx, &v), 0);
	CU_ASSERT_EQUAL(v.rows, 1);
	CU_ASSERT_EQUAL(db_audit_count(ctx.db, &n), 0);
	CU_ASSERT_EQUAL(n, 2);                               /* + the review row */
	memset(&s, 0, sizeof s);
	snprintf(s.operator_id, sizeof s.operator_id, "C001");
	s.role = SESSION_ROLE_CLERK;
	ctx.sess = &s;
	CU_ASSERT_EQUAL(audit_verify(&ctx, &v), MG_EPERM);
	s.role = SESSION_ROLE_SUPERVISOR;
	CU_ASSERT_EQUAL(audit_verify(&ctx, &v), 0);
	ctx.sess = NULL;
	db_close(ctx.db);
}

/* Seed March 2025 (春分の日 is Thursday 20 March) and the days around it. */
static int seed_month(struct app_ctx *ctx)
{
	int rc = 0;

	rc |= log_as(ctx, "C001", at(2025, 2, 28, 23, 0), AUDIT_VIEW, "900", NULL);
	rc |= log_as(ctx, "C001", at(2025, 3, 3, 9, 0), AUDIT_LOGIN, "C001", "clerk");
	rc |= log_as(ctx, "C001", at(2025, 3, 3, 9, 5), AUDIT_SEARCH, NULL,
	             "criteria=name,birth count=2 atena=101,102");              /* followed (101) */
	rc |= log_as(ctx, "C001", at(2025, 3, 3, 9, 6), AUDIT_VIEW, "101", NULL);  /* followed */
	rc |= log_as(ctx, "C001", at(2025, 3, 3, 9, 20), AUDIT_COMMIT, "U1", "wf=tennyu atena=101");
	rc |= log_as(ctx, "C001", at(2025, 3, 3, 10, 0), AUDIT_VIEW, "102", NULL);  /* unfollowed */
	rc |= log_as(ctx, "S001", at(2025, 3, 4, 9, 0), AUDIT_SEARCH, NULL,
	             "criteria=name,addr count=0");                              /* unfollowed */
	rc |= log_as(ctx, "C001", at(2025, 3, 4, 9, 10), AUDIT_SEARCH, NULL,
	             "criteria=name,addr count=1 atena=103");                    /* followed in April */
	rc |= log_as(ctx, "C001", at(2025, 3, 8, 10, 0), AUDIT_VIEW, "104", NULL);  /* Saturday */
	rc |= log_as(ctx, "S001", at(2025, 3, 10, 20, 0), AUDIT_REVEAL, "101",
	             "reason=kojin_check approver=S002");                        /* after hours */
	rc |= log_as(ctx, "C001", at(2025, 3, 20, 10, 0), AUDIT_LOGIN, "C001", "clerk"); /* holiday */
	rc |= log_as(ctx, "C002", at(2025, 3, 21, 9, 0), AUDIT_LOGIN_FAILED, "C002", "login");
	rc |= log_as(ctx, "C002", at(2025, 3, 21, 9, 1), AUDIT_LOCKED, "C002", "login");
	rc |= log_as(ctx, "", at(2025, 3, 22, 2, 0), AUDIT_BATCH, NULL, "job=date");  /* system */
	rc |= log_as(ctx, "C001", at(2025, 3, 31, 17, 14), AUDIT_VIEW, "101", NULL);  /* in hours */
	rc |= log_as(ctx, "C001", at(2025, 4, 2, 9, 0), AUDIT_COMMIT, "U2", "wf=tokurei atena=103");
	return rc;
}

/* The report's operator entry of id, or NULL. */
static const struct audit_report_op *op_of(const struct audit_report *r, const char *id)
{
	for (size_t i = 0; i < r->n_ops; i++)
		if (strcmp(r->ops[i].id, id) == 0)
			return &r->ops[i];
	return NULL;
}

static void t_report_on_a_seeded_month(void)
{
	struct app_ctx ctx;
	struct audit_report r;
	const struct audit_report_op *o;

	CU_ASSERT_EQUAL_FATAL(open_ctx(&ctx, "report.db"), 0);
	CU_ASSERT_EQUAL_FATAL(seed_month(&ctx), 0);
	CU_ASSERT_EQUAL_FATAL(audit_report_build(&ctx, 2025, 3, &r), 0);
	CU_ASSERT_EQUAL(r.from, at(2025, 3, 1, 0, 0));
	CU_ASSERT_EQUAL(r.to, at(2025, 4, 1, 0, 0));
	CU_ASSERT_EQUAL(r.rows, 14);
	CU_ASSERT_EQUAL_FATAL(r.n_ops, 4);
	CU_ASSERT_STRING_EQUAL(r.ops[0].id, "");              /* sorted by id */
	CU_ASSERT_STRING_EQUAL(r.ops[1].id, "C001");
	CU_ASSERT_STRING_EQUAL(r.ops[3].id, "S001");
	o = op_of(&r, "C001");
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_EQUAL(o->searches, 2);
	CU_ASSERT_EQUAL(o->views, 4);
	CU_ASSERT_EQUAL(o->reveals, 0);
	CU_ASSERT_EQUAL(o->commits, 1);
	CU_ASSERT_EQUAL(o->logins, 2);
	CU_ASSERT_EQUAL(o->off_hours, 2);
	o = op_of(&r, "S001");
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_EQUAL(o->searches, 1);
	CU_ASSERT_EQUAL(o->reveals, 1);
	CU_ASSERT_EQUAL(o->off_hours, 1);
	o = op_of(&r, "C002");
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_EQUAL(o->failed_logins, 1);
	CU_ASSERT_EQUAL(o->locks, 1);
	o = op_of(&r, "");
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_EQUAL(o->off_hours, 1);                     /* the system's night job, counted */
	/* not followed by a workflow for that person */
	CU_ASSERT_EQUAL_FATAL(r.n_unfollowed, 4);
	CU_ASSERT_STRING_EQUAL(r.unfollowed[0].target, "102");
	CU_ASSERT_STRING_EQUAL(r.unfollowed[0].action, "view");
	CU_ASSERT_STRING_EQUAL(r.unfollowed[1].operator_id, "S001");
	CU_ASSERT_STRING_EQUAL(r.unfollowed[1].action, "search");
	CU_ASSERT_STRING_EQUAL(r.unfollowed[2].target, "104");
	CU_ASSERT_STRING_EQUAL(r.unfollowed[3].target, "101");  /* viewed after its commit */
	CU_ASSERT_EQUAL(r.unfollowed[0].at, at(2025, 3, 3, 10, 0));
	/* outside office hours: Saturday, 20:00, 春分の日 */
	CU_ASSERT_EQUAL_FATAL(r.n_off_hours, 3);
	CU_ASSERT_EQUAL(r.off_hours[0].at, at(2025, 3, 8, 10, 0));
	CU_ASSERT_STRING_EQUAL(r.off_hours[1].action, "reveal");
	CU_ASSERT_EQUAL(r.off_hours[2].at, at(2025, 3, 20, 10, 0));
	/* failed logins and locks */
	CU_ASSERT_EQUAL_FATAL(r.n_failures, 2);
	CU_ASSERT_STRING_EQUAL(r.failures[0].action, "login_failed");
	CU_ASSERT_STRING_EQUAL(r.failures[1].action, "locked");
	audit_report_free(&r);
	CU_ASSERT_PTR_NULL(r.ops);
	/* February: only the one view, unfollowed */
	CU_ASSERT_EQUAL_FATAL(audit_report_build(&ctx, 2025, 2, &r), 0);
	CU_ASSERT_EQUAL(r.rows, 1);
	CU_ASSERT_EQUAL(r.n_unfollowed, 1);
	CU_ASSERT_EQUAL(r.n_off_hours, 1);
	audit_report_free(&r);
	CU_ASSERT_EQUAL(audit_report_build(&ctx, 2025, 13, &r), MG_EINVAL);
	db_close(ctx.db);
}

static void t_report_uses_configured_office_hours(void)
{
	struct app_ctx ctx;
	struct audit_report r;
	struct config cfg;
	const char *msgid = NULL;

	CU_ASSERT_EQUAL_FATAL(open_ctx(&ctx, "report2.db"), 0);
	CU_ASSERT_EQUAL_FATAL(seed_month(&ctx), 0);
	config_defaults(&cfg);
	CU_ASSERT_EQUAL(config_set(&cfg, "office_hours", "08:00-21:00", &msgid), 0);
	CU_ASSERT_EQUAL(config_set(&cfg, "office_days", "mon-sat", &msgid), 0);
	CU_ASSERT_EQUAL(config_set(&cfg, "holidays_closed", "no", &msgid), 0);
	ctx.cfg = &cfg;
	CU_ASSERT_EQUAL_FATAL(audit_report_build(&ctx, 2025, 3, &r), 0);
	CU_ASSERT_EQUAL(r.n_off_hours, 0);
	audit_report_free(&r);
	CU_ASSERT_EQUAL(config_set(&cfg, "closed_days", "2025-03-03", &msgid), 0);
	CU_ASSERT_EQUAL_FATAL(audit_report_build(&ctx, 2025, 3, &r), 0);
	CU_ASSERT_EQUAL(r.n_off_hours, 5);                    /* the five rows of operators on 3 March */
	audit_report_free(&r);
	db_close(ctx.db);
}

static void t_report_needs_permission(void)
{
	struct app_ctx ctx;
	struct audit_report r;
	struct session s;

	CU_ASSERT_EQUAL_FATAL(open_ctx(&ctx, "report3.db"), 0);
	memset(&s, 0, sizeof s);
	snprintf(s.operator_id, sizeof s.operator_id, "C001");
	ctx.sess = &s;
	s.role = SESSION_ROLE_CLERK;
	CU_ASSERT_EQUAL(audit_report_build(&ctx, 2025, 3, &r), MG_EPERM);
	s.role = SESSION_ROLE_ADMIN;
	CU_ASSERT_EQUAL(audit_report_build(&ctx, 2025, 3, &r), MG_EPERM);
	s.role = SESSION_ROLE_SUPERVISOR;
	CU_ASSERT_EQUAL(audit_report_build(&ctx, 2025, 3, &r), 0);
	CU_ASSERT_EQUAL(r.rows, 0);
	audit_report_free(&r);
	ctx.sess = NULL;
	db_close(ctx.db);
}

/* Rows of the log with this action and detail. */
static long long count_rows(struct app_ctx *ctx, const char *action, const char *detail)
{
	sqlite3_stmt *st = db_stmt(ctx->db, "SELECT count(*) FROM audit WHERE action = ?1 AND detail = ?2");
	long long n = -1;

	if (!st)
		return -1;
	db_bind_text(st, 1, action);
	db_bind_text(st, 2, detail);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

#define TRIGGERS_BACK \
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\nBEGIN\n" \
	"  SELECT RAISE(ABORT, 'audit rows are append-only');\nEND;\n" \
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\nBEGIN\n" \
	"  SELECT RAISE(ABORT, 'audit rows are append-only');\nEND;\n"

/*
 * audit_verify_anchored on a real file: a recorded head holds and is logged;
 * a dropped trigger fails and is logged; the tail cut behind the program's
 * back (sqlite_sequence set back, triggers put back) passes the chain but
 * not the recorded head.
 */
static void t_verify_anchored_and_triggers(void)
{
	struct app_ctx ctx;
	struct db_audit_verdict v;
	struct db_audit_anchor head;
	char text[512], detail[64];

	CU_ASSERT_EQUAL_FATAL(open_ctx(&ctx, "anchor.db"), 0);
	for (int i = 0; i < 5; i++)
		CU_ASSERT_EQUAL_FATAL(audit_log(&ctx, AUDIT_BATCH, NULL, "job=date"), 0);
	CU_ASSERT_EQUAL(audit_verify(&ctx, &v), 0);
	CU_ASSERT_EQUAL(v.rows, 5);
	CU_ASSERT_EQUAL(v.head.seq, 5);
	head = v.head;                                   /* written down on paper */
	CU_ASSERT_EQUAL(count_rows(&ctx, "review", "verify=ok rows=5"), 1);
	CU_ASSERT_EQUAL(audit_verify_anchored(&ctx, &head, 1, &v), 0);
	CU_ASSERT_EQUAL(v.anchors_ok, 1);
	CU_ASSERT_EQUAL(count_rows(&ctx, "review", "verify=ok rows=6 expect=1"), 1);
	audit_trigger_faults_text(&v, text, sizeof text);
	CU_ASSERT_STRING_EQUAL(text, "");
	/* a trigger dropped: a failure of its own, logged, named in the text */
	CU_ASSERT_EQUAL_FATAL(db_exec(ctx.db, "DROP TRIGGER audit_no_update;"), 0);
	CU_ASSERT_EQUAL(audit_verify(&ctx, &v), MG_EAUDIT_TRIGGER);
	CU_ASSERT_EQUAL(count_rows(&ctx, "review", "verify=bad triggers"), 1);
	audit_trigger_faults_text(&v, text, sizeof text);
	{
		char want[256];
		const char *a[1] = { "audit_no_update" };

		CU_ASSERT(i18n_msg_format(want, sizeof want, MSG("audit_trig_missing"), 1, a) > 0);
		CU_ASSERT_STRING_EQUAL(text, want);
	}
	/* the tail cut and everything tidied up: only the recorded head sees it */
	CU_ASSERT_EQUAL_FATAL(db_exec(ctx.db, "DROP TRIGGER audit_no_delete;"
	                                      "DELETE FROM audit WHERE seq >= 4;"
	                                      "UPDATE sqlite_sequence SET seq = 3 WHERE name = 'audit';"
	                                      TRIGGERS_BACK), 0);
	CU_ASSERT_EQUAL(audit_verify(&ctx, &v), 0);
	CU_ASSERT_EQUAL(v.rows, 3);
	CU_ASSERT_EQUAL(audit_verify_anchored(&ctx, &head, 1, &v), MG_EAUDIT_ANCHOR);
	CU_ASSERT_EQUAL(v.anchor_seq, 5);
	snprintf(detail, sizeof detail, "verify=bad expect=%lld", head.seq);
	CU_ASSERT_EQUAL(count_rows(&ctx, "review", detail), 1);
	db_close(ctx.db);
}

/* The report carries the head read just before its own review row. */
static void t_report_head(void)
{
	struct app_ctx ctx;
	struct audit_report r;
	struct db_audit_anchor head;

	CU_ASSERT_EQUAL_FATAL(open_ctx(&ctx, "rephead.db"), 0);
	CU_ASSERT_EQUAL_FATAL(seed_month(&ctx), 0);
	CU_ASSERT_EQUAL_FATAL(db_audit_head(ctx.db, &head), 0);
	CU_ASSERT_EQUAL(head.seq, 16);
	CU_ASSERT_EQUAL_FATAL(audit_report_build(&ctx, 2025, 3, &r), 0);
	CU_ASSERT_EQUAL(r.head.seq, 16);
	CU_ASSERT_EQUAL(memcmp(r.head.hash, head.hash, DB_AUDIT_HASH_LEN), 0);
	audit_report_free(&r);
	CU_ASSERT_EQUAL(r.head.seq, 0);
	CU_ASSERT_EQUAL_FATAL(db_audit_head(ctx.db, &head), 0);
	CU_ASSERT_EQUAL(head.seq, 17);                       /* the review row */
	db_close(ctx.db);
}

/* The detail of the last row. */
static void last_detail(struct app_ctx *ctx, char *out, size_t cap, char *term, size_t tcap)
{
	sqlite3_stmt *st = db_stmt(ctx->db, "SELECT coalesce(detail, ''), terminal FROM audit"
	                                    " ORDER BY seq DESC LIMIT 1");

	out[0] = term[0] = '\0';
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(term, tcap, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	if (st)
		sqlite3_reset(st);
}

/* Account administration without a session names the Unix account, also with a terminal id. */
static void t_cli_change_names_unix_account(void)
{
	struct app_ctx ctx;
	char detail[256], term[64], want[64];

	CU_ASSERT_EQUAL_FATAL(open_ctx(&ctx, "unix.db"), 0);
	snprintf(want, sizeof want, "unix=uid%lu@", (unsigned long)getuid());
	/* terminal id set: kept, and the account is the last detail token */
	CU_ASSERT_EQUAL(audit_log(&ctx, AUDIT_OPERATOR, "A1", "add role=admin"), 0);
	last_detail(&ctx, detail, sizeof detail, term, sizeof term);
	CU_ASSERT_STRING_EQUAL(term, "T01");
	CU_ASSERT_EQUAL(strncmp(detail, "add role=admin ", 15), 0);
	CU_ASSERT_EQUAL(strncmp(detail + 15, want, strlen(want)), 0);
	CU_ASSERT_PTR_NULL(strchr(detail + 15, ' '));
	CU_ASSERT_EQUAL(audit_log(&ctx, AUDIT_SETTING, "capture", NULL), 0);
	last_detail(&ctx, detail, sizeof detail, term, sizeof term);
	CU_ASSERT_EQUAL(strncmp(detail, want, strlen(want)), 0);
	/* a batch row keeps its detail as it was */
	CU_ASSERT_EQUAL(audit_log(&ctx, AUDIT_BATCH, NULL, "job=date"), 0);
	last_detail(&ctx, detail, sizeof detail, term, sizeof term);
	CU_ASSERT_STRING_EQUAL(detail, "job=date");
	/* no terminal id: the account is the terminal, the detail unchanged */
	ctx.terminal = NULL;
	CU_ASSERT_EQUAL(audit_log(&ctx, AUDIT_OPERATOR, "A1", "unlock"), 0);
	last_detail(&ctx, detail, sizeof detail, term, sizeof term);
	CU_ASSERT_STRING_EQUAL(detail, "unlock");
	CU_ASSERT_EQUAL(strncmp(term, want + 5, strlen(want) - 5), 0);
	/* in a session nothing is added */
	CU_ASSERT_EQUAL(log_as(&ctx, "S001", -1, AUDIT_SETTING, "idle", "v=300"), 0);
	last_detail(&ctx, detail, sizeof detail, term, sizeof term);
	CU_ASSERT_STRING_EQUAL(detail, "v=300");
	CU_ASSERT_EQUAL(db_audit_verify(ctx.db, &(struct db_audit_verdict){ 0 }), 0);
	db_close(ctx.db);
}

/* The review lists account and settings changes, checks the chain first, and withholds the
 * head of a tampered log. */
static void t_report_changes_and_verdict(void)
{
	struct app_ctx ctx;
	struct audit_report r;

	CU_ASSERT_EQUAL_FATAL(open_ctx(&ctx, "changes.db"), 0);
	CU_ASSERT_EQUAL(log_as(&ctx, "", at(2025, 3, 9, 23, 0), AUDIT_OPERATOR, "A9",
	                       "add role=admin"), 0);                       /* Sunday night */
	CU_ASSERT_EQUAL(log_as(&ctx, "S001", at(2025, 3, 10, 10, 0), AUDIT_CAPTURE_ALLOWED, NULL,
	                       "on"), 0);
	CU_ASSERT_EQUAL(log_as(&ctx, "C001", at(2025, 3, 10, 11, 0), AUDIT_VIEW, "101", NULL), 0);
	CU_ASSERT_EQUAL(log_as(&ctx, "", at(2025, 3, 11, 2, 0), AUDIT_BATCH, NULL, "job=date"), 0);
	CU_ASSERT_EQUAL_FATAL(audit_report_build(&ctx, 2025, 3, &r), 0);
	CU_ASSERT_EQUAL(r.verify_rc, 0);
	CU_ASSERT_EQUAL(r.verdict.rows, 4);
	CU_ASSERT_EQUAL(r.head.seq, 4);
	CU_ASSERT_EQUAL_FATAL(r.n_changes, 2);
	CU_ASSERT_STRING_EQUAL(r.changes[0].action, "operator");
	CU_ASSERT_STRING_EQUAL(r.changes[0].target, "A9");
	CU_ASSERT_EQUAL(strncmp(r.changes[0].detail, "add role=admin unix=uid", 23), 0);
	CU_ASSERT_STRING_EQUAL(r.changes[1].action, "capture_allowed");
	CU_ASSERT_STRING_EQUAL(r.changes[1].operator_id, "S001");
	/* the system's night rows are counted, listed only among the changes */
	CU_ASSERT_STRING_EQUAL_FATAL(r.ops[0].id, "");
	CU_ASSERT_EQUAL(r.ops[0].off_hours, 2);
	CU_ASSERT_EQUAL(r.n_off_hours, 0);
	audit_report_free(&r);
	/* row 3 changed behind the program's back: the report is built, with its verdict */
	CU_ASSERT_EQUAL_FATAL(db_exec(ctx.db, "DROP TRIGGER audit_no_update;"
	                                      "UPDATE audit SET target = '999' WHERE seq = 3;"
	                                      "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n"
	                                      "BEGIN\n  SELECT RAISE(ABORT, 'audit rows are"
	                                      " append-only');\nEND;"), 0);
	CU_ASSERT_EQUAL_FATAL(audit_report_build(&ctx, 2025, 3, &r), 0);
	CU_ASSERT_EQUAL(r.verify_rc, MG_ECHAIN);
	CU_ASSERT_EQUAL(r.verdict.bad_seq, 3);
	CU_ASSERT_EQUAL(r.head.seq, 0);                      /* nothing to record */
	CU_ASSERT_EQUAL(r.n_changes, 2);
	audit_report_free(&r);
	CU_ASSERT_EQUAL(count_rows(&ctx, "review", "report=2025-03"), 2);
	db_close(ctx.db);
}

TESTUTIL_REGISTER(audit)
{
	static const struct testutil_case cases[] = {
		{ "every action writes one row", t_every_action_writes_one_row },
		{ "row rolls back with the workflow", t_row_rolls_back_with_the_workflow },
		{ "atena matching", t_atena_matching },
		{ "verify checks permission and logs", t_verify_checks_permission_and_logs },
		{ "report on a seeded month", t_report_on_a_seeded_month },
		{ "report uses configured office hours", t_report_uses_configured_office_hours },
		{ "report needs permission", t_report_needs_permission },
		{ "verify with recorded heads and triggers", t_verify_anchored_and_triggers },
		{ "report carries the head", t_report_head },
		{ "CLI change names the Unix account", t_cli_change_names_unix_account },
		{ "report: changes and the verdict first", t_report_changes_and_verdict },
		{ NULL, NULL }
	};
	testutil_suite("audit", tz_init, tz_fini, cases);
}
