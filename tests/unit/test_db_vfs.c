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

/* Write-family system calls made by this process so far (/proc/self/io). */
static long syscw(void)
{
	FILE *f = fopen("/proc/self/io", "r");
	char line[128];
	long v = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "syscw: %ld", &v) == 1)
			break;
	fclose(f);
	return v;
}

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

/* Insert n rows of 3 KiB in one transaction (each row about one page per b-tree). */
static int insert_rows(struct db *db, int first, int n)
{
	char sql[160];

	snprintf(sql, sizeof sql,
	         "WITH RECURSIVE c(i) AS (SELECT %d UNION ALL SELECT i + 1 FROM c WHERE i < %d)"
	         " INSERT INTO t (k, v) SELECT i, randomblob(3000) FROM c",
	         first, first + n - 1);
	return db_exec(db, sql);
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

/* A commit of about 24 frames (48 write() calls in SQLite's own VFS) reaches
 * the file in a few calls; under synchronous=OFF nothing is gathered. */
static void t_frames_of_a_commit_are_written_together(void)
{
	struct db *db = open_fresh("vfs-gather.db");
	long before, full, off;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL_FATAL(insert_rows(db, 1, 4), 0);   /* WAL header and first frames */
	before = syscw();
	CU_ASSERT_EQUAL_FATAL(insert_rows(db, 100, 12), 0);
	full = syscw() - before;
	CU_ASSERT_EQUAL_FATAL(db_exec(db, "PRAGMA synchronous=OFF"), 0);
	before = syscw();
	CU_ASSERT_EQUAL_FATAL(insert_rows(db, 200, 12), 0);
	off = syscw() - before;
	CU_ASSERT(before >= 0);
	CU_ASSERT(full >= 1 && full <= 4);
	CU_ASSERT(off >= 40);
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

TESTUTIL_REGISTER(db_vfs)
{
	static const struct testutil_case cases[] = {
		{ "the registry opens through the WAL-gathering VFS", t_registry_opens_through_the_shim },
		{ "a commit's frames reach the file in one write", t_frames_of_a_commit_are_written_together },
		{ "large, spilled and unsynced commits stay whole", t_large_and_unsynced_commits_stay_whole },
		{ "commits leave the checkpoint to db_idle", t_checkpoints_wait_for_idle },
		{ "past the backstop a commit checkpoints itself", t_backstop_checkpoints_in_the_commit },
		{ NULL, NULL },
	};

	testutil_suite("db_vfs", NULL, NULL, cases);
}
