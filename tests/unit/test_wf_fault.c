/*
 * test_wf_fault.c — SQLite allocation failures in every commit (STYLE.md:
 * "a counting allocator that fails call N, looped over every N").
 *
 * For tennyu_commit, tenshutsu_commit, tokurei_commit and notice_apply: the
 * fixture is built once and copied; for n = 1, 2, … allocation n and every
 * later one fails (testutil_fault_arm) until a run succeeds without the
 * fault firing. Each run ends with 0 or a negative code; after a failure
 * the database is byte for byte what it was (text snapshot); a run that
 * succeeds although a fault fired must have written exactly what a clean
 * run writes (snapshot without the wall-clock columns). Leaks show under ASan.
 *
 * deliver_run commits step by step by design, so after a failed run the
 * next normal run must finish the work: the final registry and exchange are
 * those of a clean delivery (every message exactly once).
 */
#include "tests/unit/testutil.h"
#include "tests/unit/wftest.h"
#include "app/deliver.h"
#include "app/notice.h"
#include "app/setai.h"
#include "app/tennyu.h"
#include "app/tenshutsu.h"
#include "app/tokurei.h"
#include "db/db_outbox.h"
#include "i18n/mg_rc.h"

#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <dirent.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#define FAULT_MAX 200000L      /* a run never needs this many allocations */

static struct tennyu_req *TQ;
static struct tennyu_result *TR;
static struct tenshutsu_req *SQ;
static struct tenshutsu_result *SR;
static struct tokurei_req *KQ;
static struct tokurei_result *KR;
static struct notice_result *NR;
static struct wftest_pair *P;
static char notice_msg[48];
static char fam_atena[3][DB_ID_CAP];
static char fam_setai[DB_ID_CAP];

/*
 * The loops open, fail and roll back thousands of transactions: their files
 * live on tmpfs (/dev/shm) when there is one, where synchronous=FULL costs
 * nothing, else in the test tmpdir. Removed by suite_fini.
 */
static char fz_dir[256];

/* A file of the loops: "<fz_dir>/<name>" in a rotating buffer. */
static const char *fz_path(const char *name)
{
	static char buf[4][512];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof buf[i], "%s/%s", fz_dir, name);
	return buf[i];
}

/* Copy a closed registry file to a template of the loops. */
static void keep(const char *path, const char *tmpl)
{
	CU_ASSERT_EQUAL_FATAL(wftest_copy(path, fz_path(tmpl)), 0);
}

/* Put a template back as the work file. */
static int restore(const char *tmpl, const char *work)
{
	return wftest_copy(fz_path(tmpl), fz_path(work));
}

/* Attach a file of the loops. */
static int fz_attach(struct wftest *t, const char *name, const char *today)
{
	return wftest_attach_path(t, fz_path(name), today);
}

/* Seconds of the monotonic clock (for MG_WFTEST_VERBOSE). */
static double fz_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Allocate once. */
static int suite_init(void)
{
	TQ = calloc(1, sizeof *TQ);
	TR = calloc(1, sizeof *TR);
	SQ = calloc(1, sizeof *SQ);
	SR = calloc(1, sizeof *SR);
	KQ = calloc(1, sizeof *KQ);
	KR = calloc(1, sizeof *KR);
	NR = calloc(1, sizeof *NR);
	P = calloc(1, sizeof *P);
	snprintf(fz_dir, sizeof fz_dir, "/dev/shm/mg-wf-XXXXXX");
	if (access("/dev/shm", W_OK) != 0 || !mkdtemp(fz_dir))
		snprintf(fz_dir, sizeof fz_dir, "%s", testutil_tmpdir());
	return TQ && TR && SQ && SR && KQ && KR && NR && P ? 0 : 1;
}

/* Free. */
static int suite_fini(void)
{
	testutil_fault_arm(0);
	wftest_snapshot_fini();
	if (strncmp(fz_dir, "/dev/shm/", 9) == 0) {
		DIR *d = opendir(fz_dir);
		struct dirent *e;

		while (d && (e = readdir(d)) != NULL)
			if (e->d_name[0] != '.')
				unlink(fz_path(e->d_name));
		if (d)
			closedir(d);
		rmdir(fz_dir);
	}
	free(TQ);
	free(TR);
	free(SQ);
	free(SR);
	free(KQ);
	free(KR);
	free(NR);
	free(P);
	return 0;
}


/*
 * A second connection to the work file: PRAGMA data_version on it changes
 * whenever another connection commits, so "nothing was committed" (hence the
 * content is unchanged) is known cheaply after every failed run; the full
 * text snapshot is compared when it changed and every 16th run anyway.
 */
struct fz_observer {
	struct db *db;
	sqlite3_stmt *dv;
	long long last;
};

/* Open the observer of path. 0 or -1. */
static int fz_observe(struct fz_observer *o, const char *path)
{
	memset(o, 0, sizeof *o);
	if (db_open(path, DB_OPEN_NOMIGRATE, &o->db) != 0 ||
	    sqlite3_prepare_v2(o->db->h, "PRAGMA data_version", -1, &o->dv, NULL) != SQLITE_OK)
		return -1;
	return 0;
}

/* Read data_version; 1 when it moved since the last read. */
static int fz_committed(struct fz_observer *o)
{
	long long v = -1;

	if (sqlite3_step(o->dv) == SQLITE_ROW)
		v = sqlite3_column_int64(o->dv, 0);
	sqlite3_reset(o->dv);
	if (v == o->last)
		return 0;
	o->last = v;
	return 1;
}

/* Close the observer. */
static void fz_unobserve(struct fz_observer *o)
{
	sqlite3_finalize(o->dv);
	db_close(o->db);
	memset(o, 0, sizeof *o);
}

/*
 * The loop for one all-or-nothing workflow: template tmpl, processing date
 * today, the operation op on the attached work registry.
 */
static void fault_commit(const char *what, const char *tmpl, const char *today,
                         int (*op)(struct wftest *t))
{
	struct wftest t;
	struct fz_observer obs;
	char *ref = NULL, *before = NULL;
	long n, failed = 0, ok_fired = 0, bad_rc = 0, changed = 0, wrong = 0, compared = 0;
	long first_changed = 0, first_wrong = 0;
	double t0 = fz_clock();
	int rc;

	/* What a clean run writes. */
	CU_ASSERT_EQUAL_FATAL(restore(tmpl, "fz_work.db"), 0);
	CU_ASSERT_EQUAL_FATAL(fz_attach(&t, "fz_work.db", today), 0);
	CU_ASSERT_EQUAL_FATAL(op(&t), 0);
	ref = wftest_snapshot(t.db, WFTEST_SNAP_STABLE);
	wftest_close(&t);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
	CU_ASSERT_EQUAL_FATAL(restore(tmpl, "fz_work.db"), 0);
	CU_ASSERT_EQUAL_FATAL(fz_attach(&t, "fz_work.db", today), 0);
	CU_ASSERT_EQUAL_FATAL(fz_observe(&obs, fz_path("fz_work.db")), 0);
	fz_committed(&obs);
	before = wftest_snapshot(t.db, WFTEST_SNAP_ALL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	for (n = 1; n < FAULT_MAX; n++) {
		char *now;
		int fired, moved;

		testutil_fault_arm(n);
		rc = op(&t);
		fired = testutil_fault_fired();
		testutil_fault_arm(0);
		if (!fired || rc == 0) {
			/* Committed: exactly what a clean run commits. */
			if (rc != 0)
				bad_rc++;
			now = wftest_snapshot(t.db, WFTEST_SNAP_STABLE);
			if (!now || strcmp(now, ref) != 0) {
				if (!wrong++)
					first_wrong = n;
			}
			free(now);
			if (!fired) {
				/* The observer does see a commit. */
				CU_ASSERT(fz_committed(&obs));
				break;
			}
			ok_fired++;
			fz_unobserve(&obs);
			wftest_close(&t);
			CU_ASSERT_EQUAL_FATAL(restore(tmpl, "fz_work.db"), 0);
			CU_ASSERT_EQUAL_FATAL(fz_attach(&t, "fz_work.db", today), 0);
			CU_ASSERT_EQUAL_FATAL(fz_observe(&obs, fz_path("fz_work.db")), 0);
			fz_committed(&obs);
			continue;
		}
		failed++;
		if (rc >= 0 || rc == MG_ERULE)
			bad_rc++;
		moved = fz_committed(&obs);
		if (!moved && n % 16 != 0)
			continue;
		compared++;
		now = wftest_snapshot(t.db, WFTEST_SNAP_ALL);
		if (moved || !now || strcmp(now, before) != 0) {
			if (!changed++)
				first_changed = n;
		}
		free(now);
	}
	if (bad_rc || changed || wrong || n >= FAULT_MAX || getenv("MG_WFTEST_VERBOSE"))
		fprintf(stderr, "\n%s: %ld runs failed cleanly (%ld compared in full), %ld succeeded "
		        "despite a fault; bad codes %ld, changed after failure %ld (first n=%ld), "
		        "wrong content after success %ld (first n=%ld); %.2f s\n", what, failed,
		        compared, ok_fired, bad_rc, changed, first_changed, wrong, first_wrong,
		        fz_clock() - t0);
	CU_ASSERT(n < FAULT_MAX);
	CU_ASSERT(failed > 10);                /* the loop did exercise the workflow */
	CU_ASSERT_EQUAL(bad_rc, 0);
	CU_ASSERT_EQUAL(changed, 0);
	CU_ASSERT_EQUAL(wrong, 0);
	free(ref);
	free(before);
	fz_unobserve(&obs);
	wftest_close(&t);
}

/* ---- 転入 ---------------------------------------------------------------- */

/* A family of three from 大阪市 into a new household. */
static int op_tennyu(struct wftest *t)
{
	wftest_tennyu_req(TQ, WFTEST_C_CODE, "2025-04-18");
	wftest_family(TQ, 2, 3, 1);
	return tennyu_commit(&t->ctx, TQ, TR);
}

static void t_fault_tennyu(void)
{
	struct wftest t;

	CU_ASSERT_EQUAL_FATAL(wftest_open(&t, "fz_tennyu.db", WFTEST_B_CODE, WFTEST_B_NAME, "2025-04-20"),
	                      0);
	CU_ASSERT_EQUAL_FATAL(wftest_settle(&t, 1, 2, 0, "2025-04-10", TR), 0);
	wftest_close(&t);
	keep(t.path, "fz_tennyu.tmpl");
	fault_commit("tennyu_commit", "fz_tennyu.tmpl", "2025-04-20", op_tennyu);
}

/* ---- 転出 ---------------------------------------------------------------- */

/* The head and the child leave today (除票, certificate); the wife becomes head (令25). */
static int op_tenshutsu(struct wftest *t)
{
	memset(SQ, 0, sizeof *SQ);
	strcpy(SQ->setai_no, fam_setai);
	SQ->n = 2;
	strcpy(SQ->atena[0], fam_atena[0]);
	strcpy(SQ->atena[1], fam_atena[2]);
	strcpy(SQ->dest_address, wftest_dest_address(WFTEST_B_CODE));
	strcpy(SQ->dest_muni_code, WFTEST_B_CODE);
	strcpy(SQ->planned_date, "2025-04-01");
	return tenshutsu_commit(&t->ctx, SQ, SR);
}

/* The whole family leaves by 特例 on a future date (転出証明書情報 ×3). */
static int op_tenshutsu_tokurei(struct wftest *t)
{
	memset(SQ, 0, sizeof *SQ);
	strcpy(SQ->setai_no, fam_setai);
	SQ->n = 3;
	for (int i = 0; i < 3; i++)
		strcpy(SQ->atena[i], fam_atena[i]);
	strcpy(SQ->dest_address, wftest_dest_address(WFTEST_B_CODE));
	strcpy(SQ->dest_muni_code, WFTEST_B_CODE);
	strcpy(SQ->planned_date, "2025-04-10");
	SQ->tokurei = 1;
	return tenshutsu_commit(&t->ctx, SQ, SR);
}

/* 千代田区 with a family of three holding cards. */
static void tenshutsu_fixture(void)
{
	struct wftest t;

	CU_ASSERT_EQUAL_FATAL(wftest_open(&t, "fz_tenshutsu.db", WFTEST_A_CODE, WFTEST_A_NAME,
	                                  "2025-04-01"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_settle(&t, 1, 3, 1, "2025-03-01", TR), 0);
	for (int i = 0; i < 3; i++)
		strcpy(fam_atena[i], TR->atena[i]);
	strcpy(fam_setai, TR->setai_no);
	wftest_close(&t);
	keep(t.path, "fz_tenshutsu.tmpl");
}

static void t_fault_tenshutsu(void)
{
	tenshutsu_fixture();
	fault_commit("tenshutsu_commit", "fz_tenshutsu.tmpl", "2025-04-01", op_tenshutsu);
}

static void t_fault_tenshutsu_tokurei(void)
{
	tenshutsu_fixture();
	fault_commit("tenshutsu_commit (特例)", "fz_tenshutsu.tmpl", "2025-04-01", op_tenshutsu_tokurei);
}

/* ---- 世帯主変更届 ----------------------------------------------------------- */

/* The wife becomes 世帯主; her husband is her 夫, the child her 子. */
static int op_setai(struct wftest *t)
{
	struct setai_req q;
	struct setai_result *r = malloc(sizeof *r);
	int rc;

	if (!r)
		return MG_ENOMEM;
	memset(&q, 0, sizeof q);
	strcpy(q.setai_no, fam_setai);
	strcpy(q.head_atena, fam_atena[1]);
	q.n = 2;
	strcpy(q.m[0].atena_no, fam_atena[0]);
	strcpy(q.m[0].zokugara, "夫");
	strcpy(q.m[1].atena_no, fam_atena[2]);
	strcpy(q.m[1].zokugara, "子");
	strcpy(q.idou_date, "2025-04-01");
	rc = setai_henko_commit(&t->ctx, &q, r);
	free(r);
	return rc;
}

static void t_fault_setai(void)
{
	tenshutsu_fixture();
	fault_commit("setai_henko_commit", "fz_tenshutsu.tmpl", "2025-04-01", op_setai);
}

/* ---- 特例転入 ------------------------------------------------------------- */

/* B takes the household in with the head's card. */
static int op_tokurei(struct wftest *t)
{
	return tokurei_commit(&t->ctx, KQ, KR);
}

static void t_fault_tokurei(void)
{
	static const int all[] = { 0, 1, 2 };

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "fz_tk", 1, 3, 1, "2025-04-01", "2025-04-12"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 3, all, WFTEST_B_CODE, "2025-04-10", 1, 1), 0);
	memset(KQ, 0, sizeof *KQ);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &KQ->card), 0);
	KQ->card_submitted = 1;
	strcpy(KQ->tennyu_date, "2025-04-10");
	strcpy(KQ->addr_code, WFTEST_TOWN2);
	strcpy(KQ->banchi, "3番5号");
	KQ->alerts_acknowledged = 1;
	wftest_pair_close(P);
	keep(P->b.path, "fz_tokurei.tmpl");
	fault_commit("tokurei_commit", "fz_tokurei.tmpl", "2025-04-12", op_tokurei);
}

/* ---- 転入通知 ------------------------------------------------------------- */

/* A applies the notice of the child's 転入 at B. */
static int op_notice(struct wftest *t)
{
	return notice_apply(&t->ctx, notice_msg, 0, NR);
}

static void t_fault_notice(void)
{
	static const int child[] = { 2 };

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "fz_nt", 1, 3, 0, "2025-04-01", "2025-04-08"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 1, child, WFTEST_B_CODE, "2025-04-10", 0, 0), 0);
	wftest_tennyu_req(TQ, WFTEST_A_CODE, "2025-04-07");
	wftest_family(TQ, 1, 3, 0);
	TQ->p[0] = TQ->p[2];
	TQ->n = 1;
	strcpy(TQ->p[0].zokugara, "世帯主");
	CU_ASSERT_EQUAL_FATAL(tennyu_commit(&P->b.ctx, TQ, TR), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->b, P->cs, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->a, P->cs, NULL), 0);
	wftest_text(P->a.db, notice_msg, sizeof notice_msg, "SELECT msg_id FROM notice_inbox");
	CU_ASSERT_STRING_NOT_EQUAL_FATAL(notice_msg, "");
	wftest_pair_close(P);
	keep(P->a.path, "fz_notice.tmpl");
	fault_commit("notice_apply", "fz_notice.tmpl", "2025-04-09", op_notice);
}

/* ---- delivery ------------------------------------------------------------- */

/* The test's own connection to the exchange file (snapshots, undo). */
static struct db *fz_cs;

/* Snapshot of the side that delivered and of the exchange, without times or the log. */
static char *deliver_state(struct wftest *side)
{
	char *a, *b, *all = NULL;

	a = wftest_snapshot(side->db, WFTEST_SNAP_STABLE | WFTEST_SNAP_NO_AUDIT);
	b = wftest_snapshot(fz_cs, WFTEST_SNAP_STABLE);
	if (a && b) {
		all = malloc(strlen(a) + strlen(b) + 8);
		if (all)
			sprintf(all, "%s\n--\n%s", a, b);
	}
	free(a);
	free(b);
	return all;
}

/*
 * What a delivery consumes, kept in memory before the first one (a delivery
 * keeps no payloads, and a TEMP table would change the schema under the
 * connection and expire its prepared ROLLBACK): A's outbox rows, or the
 * exchange's messages for B.
 */
#define FZ_KEEP_MAX 64
static struct fz_keep {
	int n, cols;
	char *v[FZ_KEEP_MAX][9];
} fz_keep;

/* Read every row of sql (up to 9 text columns) into fz_keep. */
static int fz_keep_rows(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int src;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return 1;
	fz_keep.cols = sqlite3_column_count(st);
	while ((src = sqlite3_step(st)) == SQLITE_ROW && fz_keep.n < FZ_KEEP_MAX) {
		for (int c = 0; c < fz_keep.cols && c < 9; c++) {
			const unsigned char *t = sqlite3_column_text(st, c);

			fz_keep.v[fz_keep.n][c] = t ? strdup((const char *)t) : NULL;
		}
		fz_keep.n++;
	}
	sqlite3_finalize(st);
	return src == SQLITE_DONE ? 0 : 1;
}

/* Insert the kept rows with sql (one parameter per column). */
static int fz_keep_put(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc = 0;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return 1;
	for (int r = 0; rc == 0 && r < fz_keep.n; r++) {
		sqlite3_reset(st);
		for (int c = 0; c < fz_keep.cols; c++)
			sqlite3_bind_text(st, c + 1, fz_keep.v[r][c], -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : 1;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Free the kept rows. */
static void fz_keep_free(void)
{
	for (int r = 0; r < fz_keep.n; r++)
		for (int c = 0; c < fz_keep.cols && c < 9; c++)
			free(fz_keep.v[r][c]);
	memset(&fz_keep, 0, sizeof fz_keep);
}

/* Keep what deliver_undo restores (before the first delivery). */
static int deliver_keep(struct wftest *me, int side)
{
	fz_keep_free();
	return side ? fz_keep_rows(fz_cs->h, "SELECT * FROM message")
	            : fz_keep_rows(me->db->h, "SELECT * FROM outbox");
}

/*
 * Undo a delivery without copying files (test SQL and the kept rows): the
 * push side gets its outbox back and an empty exchange; the pull side
 * forgets what it received and the exchange offers it again. The log rows
 * stay (left out of the comparison).
 */
static int deliver_undo(struct wftest *me, int side)
{
	int rc;

	if (side == 0) {
		rc = db_exec(me->db, "DELETE FROM outbox_sent");
		if (rc == 0 && fz_keep_put(me->db->h, "INSERT INTO outbox VALUES (?,?,?,?,?,?,?,?)"))
			rc = MG_EDB;
		return rc ? rc : db_exec(fz_cs, "DELETE FROM message");
	}
	rc = db_exec(me->db, "DELETE FROM tokurei_inbox; DELETE FROM notice_inbox; "
	             "DELETE FROM inbox_seen");
	if (rc == 0)
		rc = db_exec(fz_cs, "DELETE FROM message");
	if (rc == 0 && fz_keep_put(fz_cs->h, "INSERT INTO message VALUES (?,?,?,?,?,?,?,?,?)"))
		rc = MG_EDB;
	return rc;
}

/*
 * One delivery side (0: A pushes its outbox, 1: B pulls what A posted):
 * after a faulted run, a normal run must reach the state of a clean run.
 */
static void fault_deliver(int side)
{
	struct wftest me;
	const char *file = side ? "fz_dl_b.db" : "fz_dl_a.db";
	const char *today = side ? "2025-04-12" : "2025-04-01";
	char *ref = NULL, *start = NULL, *now;
	long n, failed = 0, wrong = 0, first_wrong = 0, bad_rc = 0;
	double t0 = fz_clock();
	int rc;

	CU_ASSERT_EQUAL_FATAL(restore(side ? "fz_dl_b.tmpl" : "fz_dl_a.tmpl", file), 0);
	if (side) {
		CU_ASSERT_EQUAL_FATAL(restore("fz_dl_cs.tmpl", "fz_dl_cs.db"), 0);
	} else {
		wftest_unlink(fz_path("fz_dl_cs.db"));
	}
	CU_ASSERT_EQUAL_FATAL(fz_attach(&me, file, today), 0);
	CU_ASSERT_EQUAL_FATAL(db_exec(me.db, "PRAGMA synchronous=OFF"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_cs_open(fz_path("fz_dl_cs.db"), &fz_cs), 0);
	start = deliver_state(&me);
	CU_ASSERT_EQUAL_FATAL(deliver_keep(&me, side), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&me, fz_path("fz_dl_cs.db"), NULL), 0);
	ref = deliver_state(&me);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
	CU_ASSERT_PTR_NOT_NULL_FATAL(start);
	CU_ASSERT_STRING_NOT_EQUAL_FATAL(ref, start);
	/* The undo really gives back the start. */
	CU_ASSERT_EQUAL_FATAL(deliver_undo(&me, side), 0);
	now = deliver_state(&me);
	CU_ASSERT_PTR_NOT_NULL_FATAL(now);
	CU_ASSERT_STRING_EQUAL_FATAL(now, start);
	free(now);
	for (n = 1; n < FAULT_MAX; n++) {
		int fired;

		testutil_fault_arm(n);
		rc = wftest_deliver(&me, fz_path("fz_dl_cs.db"), NULL);
		fired = testutil_fault_fired();
		testutil_fault_arm(0);
		if (rc > 0 || (rc != 0 && !fired))
			bad_rc++;
		if (rc != 0) {
			failed++;
			/* The next normal run finishes. */
			if (wftest_deliver(&me, fz_path("fz_dl_cs.db"), NULL) != 0)
				bad_rc++;
		}
		now = deliver_state(&me);
		if (!now || strcmp(now, ref) != 0) {
			if (!wrong++) {
				first_wrong = n;
				if (getenv("MG_WFTEST_DIFF"))
					fprintf(stderr, "REF\n%s\nNOW\n%s\n", ref, now ? now : "(null)");
			}
		}
		free(now);
		if (!fired)
			break;
		CU_ASSERT_EQUAL_FATAL(deliver_undo(&me, side), 0);
	}
	if (bad_rc || wrong || n >= FAULT_MAX || getenv("MG_WFTEST_VERBOSE"))
		fprintf(stderr, "\ndeliver_run (%s): %ld runs failed; bad codes %ld; "
		        "wrong final state %ld (first n=%ld); %.2f s\n", side ? "pull" : "push", failed,
		        bad_rc, wrong, first_wrong, fz_clock() - t0);
	CU_ASSERT(n < FAULT_MAX);
	CU_ASSERT(failed > 10);
	CU_ASSERT_EQUAL(bad_rc, 0);
	CU_ASSERT_EQUAL(wrong, 0);
	free(ref);
	free(start);
	db_close(fz_cs);
	fz_cs = NULL;
	fz_keep_free();
	wftest_close(&me);
}

/* A with a 特例転出 not yet delivered, B, and the exchange after A's push. */
static void deliver_fixture(void)
{
	static const int all[] = { 0, 1, 2 };

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "fz_dlfix", 1, 3, 1, "2025-04-01", "2025-04-12"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 3, all, WFTEST_B_CODE, "2025-04-10", 1, 0), 0);
	wftest_close(&P->a);
	keep(P->a.path, "fz_dl_a.tmpl");
	wftest_close(&P->b);
	keep(P->b.path, "fz_dl_b.tmpl");
	/* The exchange after A's delivery, for the pull. */
	CU_ASSERT_EQUAL_FATAL(wftest_attach(&P->a, "fz_dlfix_a.db", "2025-04-01"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->a, P->cs, NULL), 0);
	wftest_close(&P->a);
	keep(P->cs, "fz_dl_cs.tmpl");
}

static void t_fault_deliver_push(void)
{
	deliver_fixture();
	fault_deliver(0);
}

static void t_fault_deliver_pull(void)
{
	deliver_fixture();
	fault_deliver(1);
}

TESTUTIL_REGISTER(wf_fault)
{
	static const struct testutil_case cases[] = {
		{ "tennyu_commit under allocation failures", t_fault_tennyu },
		{ "tenshutsu_commit under allocation failures", t_fault_tenshutsu },
		{ "tenshutsu_commit (特例) under allocation failures", t_fault_tenshutsu_tokurei },
		{ "setai_henko_commit under allocation failures", t_fault_setai },
		{ "tokurei_commit under allocation failures", t_fault_tokurei },
		{ "notice_apply under allocation failures", t_fault_notice },
		{ "deliver_run (push) under allocation failures", t_fault_deliver_push },
		{ "deliver_run (pull) under allocation failures", t_fault_deliver_pull },
		{ NULL, NULL }
	};

	testutil_suite("wf_fault", suite_init, suite_fini, cases);
}
