/* test_db_vfs.c — the WAL-gathering VFS under db_open (db/db_vfs.c), and
 * when the WAL is checkpointed (db_idle, the backstop). */
#include "tests/unit/testutil.h"
#include "db/db.h"
#include "db/db_vfs.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A registry-like file: WAL, and a table whose rows spread over many pages. */
static struct db *open_fresh(const char *name)
{
	const char *p = testutil_path(name);
	struct db *db = NULL;
	char wal[512];

	snprintf(wal, sizeof wal, "%s-wal", p);
	unlink(p);
	unlink(wal);
	if (db_open(p, DB_OPEN_CREATE | DB_OPEN_NOMIGRATE, &db) != 0)
		return NULL;
	if (db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	                "CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB);"
	                "CREATE INDEX t_v ON t(v);") != 0) {
		db_close(db);
		return NULL;
	}
	return db;
}

/* SQL that inserts rows first … first+n-1 of 3 KiB (each row about one page
 * per b-tree), into a static buffer. */
static const char *rows_sql(int first, int n)
{
	static char sql[160];

	snprintf(sql, sizeof sql,
	         "WITH RECURSIVE c(i) AS (SELECT %d UNION ALL SELECT i + 1 FROM c WHERE i < %d)"
	         " INSERT INTO t (k, v) SELECT i, randomblob(3000) FROM c",
	         first, first + n - 1);
	return sql;
}

/* Insert n rows of 3 KiB in one transaction. */
static int insert_rows(struct db *db, int first, int n)
{
	return db_exec(db, rows_sql(first, n));
}

/* Count the rows another connection (SQLite's own VFS, no gathering) sees. */
static int rows_seen_by_other(const char *path)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int n = -1;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "SELECT count(*) FROM t", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

static int integrity_ok_other(const char *path)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int ok = 0;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		ok = strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	sqlite3_finalize(st);
	sqlite3_close(h);
	return ok;
}

static void t_registry_opens_through_the_shim(void)
{
	struct db *db = open_fresh("vfs-name.db");
	char *name = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_PTR_NOT_NULL(db_vfs_name());
	CU_ASSERT_EQUAL(sqlite3_file_control(db->h, "main", SQLITE_FCNTL_VFSNAME, &name), SQLITE_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(name);
	CU_ASSERT(strncmp(name, "madoguchi-walbuf/", 17) == 0);
	sqlite3_free(name);
	db_close(db);
}

/* 1 when the frames of db's WAL are gathered, 0 when not, -1 off the shim. */
static int gathering(struct db *db)
{
	int on = -1;

	if (sqlite3_file_control(db->h, "main", DB_VFS_FCNTL_GATHERING, &on) != SQLITE_OK)
		return -1;
	return on;
}

/* db_open gathers the WAL of a registry it opens for writing, at
 * synchronous=FULL; a lower level, or a read-only open, does not. */
static void t_db_open_gathers_at_full(void)
{
	const char *p = testutil_path("vfs-on.db");
	struct db *db = open_fresh("vfs-on.db");

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL(gathering(db), 1);
	CU_ASSERT_EQUAL_FATAL(db_exec(db, "PRAGMA synchronous=NORMAL"), 0);
	CU_ASSERT_EQUAL(gathering(db), 0);
	db_close(db);
	CU_ASSERT_EQUAL_FATAL(db_open(p, DB_OPEN_READONLY | DB_OPEN_NOMIGRATE, &db), 0);
	CU_ASSERT_EQUAL(gathering(db), 0);
	db_close(db);
}

/* Transactions larger than one gathered write (the unix VFS writes at most
 * 128 KiB per call), big enough to spill the page cache into the WAL before
 * the commit, and commits under each synchronous setting: every one is
 * visible to another connection at once, and the file stays sound. */
static void t_large_and_unsynced_commits_stay_whole(void)
{
	const char *p = testutil_path("vfs-large.db");
	struct db *db = open_fresh("vfs-large.db");
	static const char *const modes[] = { "FULL", "OFF", "NORMAL", "EXTRA", "2" };
	int total = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL_FATAL(db_exec(db, "PRAGMA cache_size=20"), 0);
	CU_ASSERT_EQUAL_FATAL(insert_rows(db, 1, 300), 0);   /* ~1.2 MiB of frames */
	total += 300;
	CU_ASSERT_EQUAL(rows_seen_by_other(p), total);
	for (size_t i = 0; i < sizeof modes / sizeof *modes; i++) {
		char pragma[48];

		snprintf(pragma, sizeof pragma, "PRAGMA synchronous=%s", modes[i]);
		CU_ASSERT_EQUAL_FATAL(db_exec(db, pragma), 0);
		CU_ASSERT_EQUAL_FATAL(insert_rows(db, 1000 * (int)(i + 1), 40), 0);
		total += 40;
		CU_ASSERT_EQUAL(rows_seen_by_other(p), total);
	}
	/* a rolled-back transaction leaves nothing, and the next one is whole */
	CU_ASSERT_EQUAL_FATAL(db_exec(db, "PRAGMA synchronous=FULL; BEGIN"), 0);
	CU_ASSERT_EQUAL_FATAL(insert_rows(db, 9000, 60), 0);
	CU_ASSERT_EQUAL_FATAL(db_exec(db, "ROLLBACK"), 0);
	CU_ASSERT_EQUAL(rows_seen_by_other(p), total);
	CU_ASSERT_EQUAL_FATAL(insert_rows(db, 9000, 60), 0);
	total += 60;
	CU_ASSERT_EQUAL_FATAL(db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)"), 0);
	CU_ASSERT_EQUAL_FATAL(insert_rows(db, 20000, 10), 0);
	total += 10;
	CU_ASSERT_EQUAL(rows_seen_by_other(p), total);
	CU_ASSERT(db_integrity_ok(db));
	db_close(db);
	CU_ASSERT(integrity_ok_other(p));
	CU_ASSERT_EQUAL(rows_seen_by_other(p), total);
}

/* The size of a file in bytes, -1 when it cannot be read. */
static long long file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

/* Commits below the backstop leave their pages in the WAL (the database file
 * does not move) until db_idle, which does nothing inside a transaction or
 * with fewer than DB_WAL_IDLE frames. */
static void t_checkpoints_wait_for_idle(void)
{
	struct db *db = open_fresh("vfs-idle.db");
	const char *p = testutil_path("vfs-idle.db");
	long long s0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	s0 = file_size(p);
	CU_ASSERT_FATAL(s0 >= 0);
	CU_ASSERT_EQUAL_FATAL(insert_rows(db, 1, 600), 0);
	CU_ASSERT(db->wal_frames >= DB_WAL_IDLE);
	CU_ASSERT(db->wal_frames < DB_WAL_BACKSTOP);
	CU_ASSERT_EQUAL(file_size(p), s0);
	CU_ASSERT_EQUAL_FATAL(db_begin(db), 0);
	CU_ASSERT_EQUAL(db_idle(db), 0);
	CU_ASSERT_EQUAL(file_size(p), s0);
	db_rollback(db);
	CU_ASSERT_EQUAL(db_idle(db), 0);
	CU_ASSERT(file_size(p) > s0 + 600LL * 3000);
	CU_ASSERT_EQUAL(db->wal_frames, 0);
	s0 = file_size(p);
	/* the WAL starts over: a small commit stays there, idle or not */
	CU_ASSERT_EQUAL_FATAL(insert_rows(db, 1000, 1), 0);
	CU_ASSERT(db->wal_frames > 0 && db->wal_frames < 20);
	CU_ASSERT_EQUAL(db_idle(db), 0);
	CU_ASSERT_EQUAL(file_size(p), s0);
	CU_ASSERT_EQUAL(rows_seen_by_other(p), 601);
	CU_ASSERT_EQUAL(db_idle(NULL), 0);
	db_close(db);
	CU_ASSERT(integrity_ok_other(p));
}

/* A program that never idles: the commit that takes the WAL past the
 * backstop checkpoints it itself. */
static void t_backstop_checkpoints_in_the_commit(void)
{
	struct db *db = open_fresh("vfs-backstop.db");
	const char *p = testutil_path("vfs-backstop.db");
	long long s0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	s0 = file_size(p);
	CU_ASSERT_EQUAL_FATAL(insert_rows(db, 1, 2500), 0);
	CU_ASSERT_EQUAL(db->wal_frames, 0);
	CU_ASSERT(file_size(p) > s0 + 2500LL * 3000);
	CU_ASSERT_EQUAL(rows_seen_by_other(p), 2500);
	db_close(db);
	CU_ASSERT(integrity_ok_other(p));
}

/*
 * A disk that is full for a moment: a VFS over the default one whose WAL
 * files fail one write, the first that covers byte fault_at (then it is
 * disarmed). The shim is stacked on it as "mg-walbuf-fault", so a failed
 * write of gathered frames can be made at a chosen point and then go away.
 */
static sqlite3_vfs fault_vfs;
static sqlite3_io_methods fault_wal_methods;   /* the base's, with fault_write */
static int (*fault_base_write)(sqlite3_file *, const void *, int, sqlite3_int64);
static long long fault_at = -1;
static int fault_hits;
static long fault_writes;   /* WAL writes that reached the base VFS */

static int fault_write(sqlite3_file *p, const void *in, int amt, sqlite3_int64 off)
{
	fault_writes++;
	if (fault_at >= 0 && off <= fault_at && fault_at < off + amt) {
		fault_at = -1;
		fault_hits++;
		return SQLITE_FULL;
	}
	return fault_base_write(p, in, amt, off);
}

/* The base's own file, with the faulty write when it is a WAL file. */
static int fault_open(sqlite3_vfs *v, const char *name, sqlite3_file *p, int flags, int *out)
{
	sqlite3_vfs *base = v->pAppData;
	int rc = base->xOpen(base, name, p, flags, out);

	if (rc == SQLITE_OK && p->pMethods && (flags & SQLITE_OPEN_WAL)) {
		if (!fault_base_write) {
			fault_wal_methods = *p->pMethods;
			fault_base_write = p->pMethods->xWrite;
			fault_wal_methods.xWrite = fault_write;
		}
		if (p->pMethods->xWrite == fault_base_write)
			p->pMethods = &fault_wal_methods;
	}
	return rc;
}

static int fault_vfs_ready(void)
{
	static int ready;
	sqlite3_vfs *base = sqlite3_vfs_find(NULL);

	if (!ready && base) {
		fault_vfs = *base;
		fault_vfs.iVersion = 2;
		fault_vfs.zName = "mg-fault";
		fault_vfs.pAppData = base;
		fault_vfs.xOpen = fault_open;
		ready = sqlite3_vfs_register(&fault_vfs, 0) == SQLITE_OK &&
		        db_vfs_register("mg-walbuf-fault", &fault_vfs) == SQLITE_OK;
	}
	return ready;
}

static int run(sqlite3 *h, const char *sql)
{
	return sqlite3_exec(h, sql, NULL, NULL, NULL);
}

/* A fresh file on the faulty disk, gathering like a registry, with 4 KiB
 * pages, a small page cache (a big transaction spills into the WAL before
 * its commit) and no automatic checkpoint (the WAL only grows). */
static sqlite3 *open_faulty(const char *name)
{
	const char *p = testutil_path(name);
	char aux[540];
	sqlite3 *h = NULL;
	int on = 1;

	snprintf(aux, sizeof aux, "%s-wal", p);
	unlink(aux);
	snprintf(aux, sizeof aux, "%s-shm", p);
	unlink(aux);
	unlink(p);
	if (!fault_vfs_ready() ||
	    sqlite3_open_v2(p, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	                    "mg-walbuf-fault") != SQLITE_OK ||
	    run(h, "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	           "PRAGMA wal_autocheckpoint=0; PRAGMA cache_size=20;"
	           "CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB)") != SQLITE_OK ||
	    sqlite3_file_control(h, "main", DB_VFS_FCNTL_GATHER, &on) != SQLITE_OK) {
		sqlite3_close(h);
		return NULL;
	}
	return h;
}

/*
 * A commit of about 24 frames (48 xWrite calls in SQLite's own VFS) reaches
 * the file in a few calls; under synchronous=OFF nothing is gathered. The
 * calls are counted where the shim hands them to the VFS below it, not as
 * the process's system calls, which a tool such as valgrind adds to.
 */
static void t_frames_of_a_commit_are_written_together(void)
{
	sqlite3 *h = open_faulty("vfs-gather.db");
	long before, full, off;

	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_EQUAL_FATAL(run(h, "PRAGMA cache_size=2000; CREATE INDEX t_v ON t(v)"), SQLITE_OK);
	CU_ASSERT_EQUAL_FATAL(run(h, rows_sql(1, 4)), SQLITE_OK);   /* WAL header and first frames */
	before = fault_writes;
	CU_ASSERT_EQUAL_FATAL(run(h, rows_sql(100, 12)), SQLITE_OK);
	full = fault_writes - before;
	CU_ASSERT_EQUAL_FATAL(run(h, "PRAGMA synchronous=OFF"), SQLITE_OK);
	before = fault_writes;
	CU_ASSERT_EQUAL_FATAL(run(h, rows_sql(200, 12)), SQLITE_OK);
	off = fault_writes - before;
	CU_ASSERT(full >= 1 && full <= 4);
	CU_ASSERT(off >= 40);
	sqlite3_close(h);
}

/* Roll back what a failed statement left open. */
static void end_tx(sqlite3 *h)
{
	if (!sqlite3_get_autocommit(h))
		(void)run(h, "ROLLBACK");
}

/* The WAL frame (4 KiB pages) from which the wal-index needs its second
 * page: SQLite maps it while it appends that frame in a spill, so the
 * connection's own gathered frames are written from the xShmMap call,
 * whose caller hears of no failure. The write of that frame fails once:
 * the error must stay with the WAL and fail the transaction, even though
 * every later write succeeds. */
#define WAL_HDR 32LL
#define WAL_FRAME (24LL + 4096)
#define WAL_INDEX_PAGE1_FRAME 4063

static void t_a_lost_run_fails_its_transaction(void)
{
	sqlite3 *h = open_faulty("vfs-fault-map.db");
	const char *p = testutil_path("vfs-fault-map.db");
	int rc_ins, rc_commit = SQLITE_ERROR;

	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	fault_hits = 0;
	fault_at = WAL_HDR + (WAL_INDEX_PAGE1_FRAME - 1) * WAL_FRAME + 24 + 100;
	CU_ASSERT_EQUAL_FATAL(run(h, "BEGIN"), SQLITE_OK);
	rc_ins = run(h, rows_sql(1, 4500));
	if (rc_ins == SQLITE_OK)
		rc_commit = run(h, "COMMIT");
	end_tx(h);
	fault_at = -1;
	CU_ASSERT_EQUAL(fault_hits, 1);
	CU_ASSERT(rc_ins != SQLITE_OK || rc_commit != SQLITE_OK);
	CU_ASSERT_EQUAL(rows_seen_by_other(p), 0);
	CU_ASSERT(integrity_ok_other(p));
	/* the error went with that transaction: the same one commits now */
	CU_ASSERT_EQUAL(run(h, rows_sql(1, 4500)), SQLITE_OK);
	CU_ASSERT_EQUAL(rows_seen_by_other(p), 4500);
	CU_ASSERT(integrity_ok_other(p));
	sqlite3_close(h);
}

/* While A's spilled frames are gathered, another connection of the process
 * reads its own database (wal-index calls) as the disk is full for a moment.
 * A's frames are not written from B's calls, so nothing is lost there, and
 * A's commit afterwards is whole. */
static void t_another_connection_leaves_the_frames_alone(void)
{
	sqlite3 *a = open_faulty("vfs-fault-a.db");
	sqlite3 *b = open_faulty("vfs-fault-b.db");
	const char *p = testutil_path("vfs-fault-a.db");
	char wal[540];
	long long s;
	sqlite3_stmt *st = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	snprintf(wal, sizeof wal, "%s-wal", p);
	CU_ASSERT_EQUAL_FATAL(run(b, "INSERT INTO t VALUES (1, x'00')"), SQLITE_OK);
	/* the default cache: the spill leaves a run gathered (a small cache
	 * reads spilled pages back, which writes the run out) */
	CU_ASSERT_EQUAL_FATAL(run(a, "PRAGMA cache_size=-2000; BEGIN"), SQLITE_OK);
	CU_ASSERT_EQUAL_FATAL(run(a, rows_sql(1, 1500)), SQLITE_OK);
	s = file_size(wal);
	CU_ASSERT(s > 1000 * WAL_FRAME);
	fault_hits = 0;
	fault_at = s;                     /* A's first gathered byte */
	CU_ASSERT_EQUAL(sqlite3_prepare_v2(b, "SELECT count(*) FROM t", -1, &st, NULL), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_step(st), SQLITE_ROW);
	CU_ASSERT_EQUAL(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	CU_ASSERT_EQUAL(fault_hits, 0);
	CU_ASSERT_EQUAL(file_size(wal), s);
	fault_at = -1;                    /* space again */
	CU_ASSERT_EQUAL(run(a, rows_sql(5000, 10)), SQLITE_OK);
	CU_ASSERT_EQUAL(run(a, "COMMIT"), SQLITE_OK);
	end_tx(a);
	CU_ASSERT_EQUAL(rows_seen_by_other(p), 1510);
	CU_ASSERT(integrity_ok_other(p));
	sqlite3_close(b);
	sqlite3_close(a);
}

/* `PRAGMA synchronous=FULL` refused inside a transaction: the connection
 * stays at NORMAL, whose commit publishes without a sync, so its frames
 * must not be gathered; a write that fails in that commit fails it. */
static void t_a_refused_pragma_does_not_gather(void)
{
	sqlite3 *h = open_faulty("vfs-fault-sync.db");
	const char *p = testutil_path("vfs-fault-sync.db");
	char wal[540];
	int rc;

	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	snprintf(wal, sizeof wal, "%s-wal", p);
	CU_ASSERT_EQUAL_FATAL(run(h, "PRAGMA synchronous=NORMAL; BEGIN"), SQLITE_OK);
	CU_ASSERT_NOT_EQUAL(run(h, "PRAGMA synchronous=FULL"), SQLITE_OK);
	CU_ASSERT_EQUAL_FATAL(run(h, rows_sql(1, 3)), SQLITE_OK);
	fault_hits = 0;
	fault_at = file_size(wal) + 100;  /* the commit's first frame */
	rc = run(h, "COMMIT");
	end_tx(h);
	fault_at = -1;
	CU_ASSERT_EQUAL(fault_hits, 1);
	CU_ASSERT_NOT_EQUAL(rc, SQLITE_OK);
	CU_ASSERT_EQUAL(rows_seen_by_other(p), 0);
	CU_ASSERT(integrity_ok_other(p));
	sqlite3_close(h);
}

/* A reader on an old snapshot stops the backstop's checkpoint short: the
 * frames stay counted, so db_idle finishes the checkpoint once the reader
 * has gone. */
static void t_a_short_backstop_leaves_the_rest_to_idle(void)
{
	struct db *db = open_fresh("vfs-short.db");
	const char *p = testutil_path("vfs-short.db");
	sqlite3 *r = NULL;
	sqlite3_stmt *st = NULL;
	long long s0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL_FATAL(insert_rows(db, 1, 1), 0);
	CU_ASSERT_EQUAL_FATAL(sqlite3_open_v2(p, &r, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	CU_ASSERT_EQUAL(run(r, "BEGIN"), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_prepare_v2(r, "SELECT count(*) FROM t", -1, &st, NULL), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_step(st), SQLITE_ROW);
	CU_ASSERT_EQUAL(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	CU_ASSERT_EQUAL_FATAL(insert_rows(db, 100, 2500), 0);
	CU_ASSERT(db->wal_frames >= DB_WAL_BACKSTOP);
	CU_ASSERT_EQUAL(db->ckpt_short, db->wal_frames);   /* the next try waits */
	s0 = file_size(p);
	CU_ASSERT_EQUAL(db_idle(db), 0);              /* the reader still holds it */
	CU_ASSERT(db->wal_frames >= DB_WAL_BACKSTOP);
	CU_ASSERT_EQUAL(run(r, "COMMIT"), SQLITE_OK);
	sqlite3_close(r);
	CU_ASSERT_EQUAL(db_idle(db), 0);
	CU_ASSERT_EQUAL(db->wal_frames, 0);
	CU_ASSERT_EQUAL(db->ckpt_short, 0);
	CU_ASSERT(file_size(p) > s0 + 2500LL * 3000);
	/* the WAL starts over: a commit below the last short try ends the wait */
	db->ckpt_short = DB_WAL_BACKSTOP;
	CU_ASSERT_EQUAL_FATAL(insert_rows(db, 5000, 1), 0);
	CU_ASSERT_EQUAL(db->ckpt_short, 0);
	db_close(db);
	CU_ASSERT(integrity_ok_other(p));
	CU_ASSERT_EQUAL(rows_seen_by_other(p), 2502);
}

TESTUTIL_REGISTER(db_vfs)
{
	static const struct testutil_case cases[] = {
		{ "the registry opens through the WAL-gathering VFS", t_registry_opens_through_the_shim },
		{ "db_open gathers the WAL at synchronous=FULL only", t_db_open_gathers_at_full },
		{ "a commit's frames reach the file in one write", t_frames_of_a_commit_are_written_together },
		{ "large, spilled and unsynced commits stay whole", t_large_and_unsynced_commits_stay_whole },
		{ "commits leave the checkpoint to db_idle", t_checkpoints_wait_for_idle },
		{ "past the backstop a commit checkpoints itself", t_backstop_checkpoints_in_the_commit },
		{ "a run of frames lost on a full disk fails its transaction",
		  t_a_lost_run_fails_its_transaction },
		{ "another connection's wal-index calls leave the frames alone",
		  t_another_connection_leaves_the_frames_alone },
		{ "a refused synchronous=FULL does not gather", t_a_refused_pragma_does_not_gather },
		{ "a short backstop checkpoint leaves the rest to db_idle",
		  t_a_short_backstop_leaves_the_rest_to_idle },
		{ NULL, NULL },
	};

	testutil_suite("db_vfs", NULL, NULL, cases);
}
