/*
 * mg_crash.c — the crash test's worker and checker (tests/cli/t_crash.sh).
 *
 *   mg_crash run DB START COUNT   commit COUNT 転入 (2 persons each), numbered from
 *                                 START; after each commit returns, print its
 *                                 受付番号 and 住民票コード base to stdout (flushed),
 *                                 then db_idle as the terminal would (so a kill
 *                                 may land in a WAL checkpoint too)
 *   mg_crash verify DB LOG        PRAGMA integrity_check; every commit printed
 *                                 in LOG is wholly present; every 受付 in the
 *                                 registry is whole (2 history rows, 2 転入通知,
 *                                 2 本人確認情報更新, 1 log row); exit 0 or 1
 *
 * The worker is killed with SIGKILL at random points by the script: what
 * SQLite's journal makes atomic must stay atomic.
 */
#include "app/app_ctx.h"
#include "app/session.h"
#include "app/tennyu.h"
#include "app/wf.h"
#include "db/db.h"
#include "db/db_registry.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One 転入 of two persons whose 住民票コード derive from n. */
static void crash_req(long n, const char *town, struct tennyu_req *q)
{
	memset(q, 0, sizeof *q);
	snprintf(q->prev_address, sizeof q->prev_address, "三重県津市西丸之内%ld番", n % 50 + 1);
	strcpy(q->prev_muni_code, "242012");
	strcpy(q->addr_code, town);
	snprintf(q->banchi, sizeof q->banchi, "%ld番%ld号", n % 30 + 1, n % 7 + 1);
	q->n = 2;
	for (int i = 0; i < 2; i++) {
		struct tennyu_person *p = &q->p[i];

		snprintf(p->name, sizeof p->name, "試験\u3000%s%ld", i ? "花子" : "太郎", n);
		strcpy(p->name_kana, i ? "シケン\u3000ハナコ" : "シケン\u3000タロウ");
		strcpy(p->birth, i ? "1982-03-04" : "1980-01-02");
		strcpy(p->sex, i ? "2" : "1");
		strcpy(p->zokugara, i ? "妻" : "世帯主");
		snprintf(p->juminhyo_code, sizeof p->juminhyo_code, "9%08ld%d%d", n, i, 0);
	}
	q->alerts_acknowledged = 1;
}

/* The first 町字 code of the registry. */
static int crash_town(void *arg, const struct db_machiaza *m)
{
	strcpy(arg, m->code);
	return 1;
}

/* Open the registry with a clerk session. */
static int crash_open(const char *path, struct app_ctx *ctx, struct session *s)
{
	int rc;

	memset(ctx, 0, sizeof *ctx);
	memset(s, 0, sizeof *s);
	strcpy(s->operator_id, "crash");
	strcpy(s->terminal, "T-CRASH");
	s->role = SESSION_ROLE_CLERK;
	ctx->sess = s;
	ctx->terminal = "T-CRASH";
	ctx->today = i18n_date_today();
	rc = db_open(path, 0, &ctx->db);
	if (rc == 0)
		rc = db_registry_muni(ctx->db, ctx->muni_code, ctx->muni_name, sizeof ctx->muni_name);
	return rc;
}

/* The worker loop. */
static int crash_run(const char *db, long start, long count)
{
	struct app_ctx ctx;
	struct session s;
	struct tennyu_req *q = malloc(sizeof *q);
	struct tennyu_result *r = malloc(sizeof *r);
	char town[16] = "";
	int rc;

	if (!q || !r)
		return 2;
	rc = crash_open(db, &ctx, &s);
	if (rc == 0 && db_registry_machiaza_list(ctx.db, crash_town, town) < 0)
		rc = MG_EDB;
	if (rc)      /* the registry a kill left behind does not open: say so */
		fprintf(stderr, "open %s: %s\n", db, mg_rc_name(rc));
	for (long n = start; rc == 0 && n < start + count; n++) {
		crash_req(n, town, q);
		wf_today(&ctx, q->tennyu_date);
		rc = tennyu_commit(&ctx, q, r);
		if (rc == 0) {
			printf("%s %ld\n", r->uketsuke_no, n);
			fflush(stdout);
			rc = db_idle(ctx.db);
			if (rc == MG_EBUSY)     /* another worker was checkpointing */
				rc = 0;
			if (rc)
				fprintf(stderr, "checkpoint after %ld: %s\n", n, mg_rc_name(rc));
		} else {
			fprintf(stderr, "commit %ld: %s\n", n, mg_rc_name(rc));
		}
	}
	db_close(ctx.db);
	free(q);
	free(r);
	return rc ? 1 : 0;
}

/* One integer from a query with one text parameter. */
static long long crash_q(struct db *db, const char *sql, const char *p)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) == SQLITE_OK) {
		if (p)
			sqlite3_bind_text(st, 1, p, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return v;
}

/* 1 when the commit with this 受付番号 is wholly present. */
static int crash_whole(struct db *db, const char *u)
{
	return crash_q(db, "SELECT count(*) FROM resident_history WHERE uketsuke_no = ?1", u) == 2 &&
	       crash_q(db, "SELECT count(*) FROM outbox WHERE uketsuke_no = ?1 AND kind = 'tennyu_notice'", u) == 2 &&
	       crash_q(db, "SELECT count(*) FROM outbox WHERE uketsuke_no = ?1 AND kind = 'honnin_update'", u) == 2 &&
	       crash_q(db, "SELECT count(*) FROM audit WHERE target = ?1 AND action = 'commit'", u) == 1 &&
	       crash_q(db, "SELECT count(*) FROM household h JOIN person p ON p.atena_no = h.head_atena "
	                   "JOIN resident_history r ON r.atena_no = p.atena_no AND r.uketsuke_no = ?1", u) == 1;
}

/* The checker. */
static int crash_verify(const char *path, const char *log)
{
	struct db *db = NULL;
	sqlite3_stmt *st = NULL;
	FILE *f = fopen(log, "r");
	char line[128], u[32];
	long printed = 0, whole = 0, bad = 0;
	long n;

	if (!f || db_open(path, 0, &db) != 0) {
		fprintf(stderr, "cannot open %s or %s\n", path, log);
		return 2;
	}
	if (!db_integrity_ok(db)) {
		fprintf(stderr, "integrity_check failed\n");
		bad++;
	}
	/* Durability: what the worker saw committed is there, whole. */
	while (fgets(line, sizeof line, f)) {
		if (sscanf(line, "%31s %ld", u, &n) != 2)
			continue;
		printed++;
		if (!crash_whole(db, u)) {
			fprintf(stderr, "printed commit %s is not wholly present\n", u);
			bad++;
		}
	}
	fclose(f);
	/* Atomicity: every 受付 in the registry is whole. */
	if (sqlite3_prepare_v2(db->h, "SELECT uketsuke_no FROM uketsuke WHERE workflow = 'tennyu'",
	                       -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *x = (const char *)sqlite3_column_text(st, 0);

			if (crash_whole(db, x)) {
				whole++;
			} else {
				fprintf(stderr, "commit %s is partial\n", x);
				bad++;
			}
		}
	}
	sqlite3_finalize(st);
	if (crash_q(db, "SELECT count(*) FROM resident_history WHERE uketsuke_no NOT IN "
	                "(SELECT uketsuke_no FROM uketsuke) AND uketsuke_no NOT LIKE 'SEED-%'", NULL) != 0) {
		fprintf(stderr, "history rows without their 受付\n");
		bad++;
	}
	db_close(db);
	printf("commits printed %ld, commits present %ld, problems %ld\n", printed, whole, bad);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (i18n_msg_init("en") != 0)
		return 2;
	if (argc == 5 && strcmp(argv[1], "run") == 0)
		return crash_run(argv[2], atol(argv[3]), atol(argv[4]));
	if (argc == 4 && strcmp(argv[1], "verify") == 0)
		return crash_verify(argv[2], argv[3]);
	fprintf(stderr, "usage: mg_crash run DB START COUNT | verify DB LOG\n");
	return 2;
}
