/* test_db.c — connection, pragmas, migrations, transactions, fault injection. */
#include "tests/unit/testutil.h"
#include "db/db.h"
#include "db/db_inbox.h"
#include "db/db_outbox.h"
#include "db/db_resident.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define NOBODY 65534   /* a uid that is not root */

/* Read one integer pragma. */
static long pragma_int(struct db *db, const char *sql)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	long v = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	return v;
}

static void t_open_creates_0600_with_pragmas(void)
{
	const char *p = testutil_path("open.db");
	struct db *db = NULL;
	struct stat sb;
	int ver = 0;

	unlink(p);
	CU_ASSERT_EQUAL(db_open(p, 0, &db), MG_ENOTFOUND);
	CU_ASSERT_PTR_NULL(db);
	CU_ASSERT_EQUAL_FATAL(db_open(p, DB_OPEN_CREATE, &db), 0);
	CU_ASSERT_EQUAL(stat(p, &sb), 0);
	CU_ASSERT_EQUAL(sb.st_mode & 0777, 0600);
	CU_ASSERT_EQUAL(pragma_int(db, "PRAGMA foreign_keys"), 1);
	CU_ASSERT_EQUAL(pragma_int(db, "PRAGMA secure_delete"), 1);
	CU_ASSERT_EQUAL(pragma_int(db, "PRAGMA synchronous"), 2);   /* FULL */
	{
		sqlite3_stmt *st = db_stmt(db, "PRAGMA journal_mode");

		CU_ASSERT_EQUAL_FATAL(sqlite3_step(st), SQLITE_ROW);
		CU_ASSERT_STRING_EQUAL(sqlite3_column_text(st, 0), "wal");
	}
	CU_ASSERT_EQUAL(db_schema_version(db, &ver), 0);
	CU_ASSERT(ver >= 1);
	CU_ASSERT(db_integrity_ok(db));
	db_close(db);
}

static void t_reopen_keeps_version_and_refuses_newer(void)
{
	const char *p = testutil_path("newer.db");
	struct db *db = NULL;
	int ver = 0, ver2 = 0;

	unlink(p);
	CU_ASSERT_EQUAL_FATAL(db_open(p, DB_OPEN_CREATE, &db), 0);
	db_schema_version(db, &ver);
	db_close(db);
	CU_ASSERT_EQUAL_FATAL(db_open(p, 0, &db), 0);
	db_schema_version(db, &ver2);
	CU_ASSERT_EQUAL(ver, ver2);
	CU_ASSERT_EQUAL(db_exec(db, "PRAGMA user_version=9999"), 0);
	db_close(db);
	CU_ASSERT_EQUAL(db_open(p, 0, &db), MG_ESCHEMA);
	CU_ASSERT_PTR_NULL(db);
}

/* One text value a statement on path gives ("" on any error). */
static const char *peek(const char *path, const char *sql)
{
	static char out[64];
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;

	out[0] = '\0';
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, sizeof out, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return out;
}

/*
 * rv5inp M1: a file with tables but no schema version (another program's
 * database, the CS exchange given as --db) is refused before anything is
 * written to it: no registry tables, not even WAL mode; also with CREATE
 * (init) and read-only (audit verify).
 */
static void t_foreign_file_untouched(void)
{
	const char *path = testutil_path("foreign.db");
	struct db *db = NULL;
	sqlite3 *h = NULL;

	unlink(path);
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &h), SQLITE_OK);
	CU_ASSERT_EQUAL_FATAL(sqlite3_exec(h, "CREATE TABLE message (id TEXT PRIMARY KEY);"
	                                      "INSERT INTO message VALUES ('x')", NULL, NULL, NULL),
	                      SQLITE_OK);
	sqlite3_close(h);
	CU_ASSERT_EQUAL(db_open(path, 0, &db), MG_EDB_FOREIGN);
	CU_ASSERT_PTR_NULL(db);
	CU_ASSERT_EQUAL(db_open(path, DB_OPEN_CREATE, &db), MG_EDB_FOREIGN);
	CU_ASSERT_EQUAL(db_open(path, DB_OPEN_READONLY, &db), MG_EDB_FOREIGN);
	CU_ASSERT_STRING_EQUAL(peek(path, "SELECT group_concat(name) FROM sqlite_master "
	                                  "WHERE type = 'table'"), "message");
	CU_ASSERT_STRING_EQUAL(peek(path, "PRAGMA journal_mode"), "delete");
	CU_ASSERT_STRING_EQUAL(peek(path, "PRAGMA user_version"), "0");
	/* A plain connection (the exchange's own) still opens it. */
	CU_ASSERT_EQUAL(db_open(path, DB_OPEN_NOMIGRATE, &db), 0);
	db_close(db);
	unlink(path);
}

/* The whole file at path in a malloc'd buffer (NULL when unreadable). OUT: *n. */
static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long len;

	*n = 0;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)len + 1)) != NULL && fread(buf, 1, (size_t)len, f) == (size_t)len)
		*n = (size_t)len;
	fclose(f);
	return buf;
}

/* Run SQL on path through a plain SQLite connection (not db_open). */
static int raw_exec(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	int src = sqlite3_open(path, &h);

	if (src == SQLITE_OK)
		src = sqlite3_exec(h, sql, NULL, NULL, NULL);
	sqlite3_close(h);
	return src;
}

/* 1 when db_open(path, flags) returns want and leaves the file byte for
 * byte as it was, with no -wal or -journal beside it. */
static int refused_untouched(const char *path, unsigned flags, int want)
{
	size_t n0, n1;
	unsigned char *before = slurp(path, &n0), *after;
	struct db *db = NULL;
	char side[512];
	int rc = db_open(path, flags, &db), ok;

	after = slurp(path, &n1);
	ok = rc == want && !db && before && after && n0 == n1 && memcmp(before, after, n0) == 0;
	snprintf(side, sizeof side, "%s-wal", path);
	ok = ok && access(side, F_OK) != 0;
	snprintf(side, sizeof side, "%s-journal", path);
	ok = ok && access(side, F_OK) != 0;
	if (!ok)
		fprintf(stderr, "\n  %s: rc %d (want %d)\n", path, rc, want);
	free(before);
	free(after);
	return ok;
}

/*
 * rv21seed F3: a refusal writes nothing, not even the journal mode. A
 * registry in rollback-journal mode (a restore, a copy made by the sqlite3
 * shell) of a newer program stays as it is; another program's file with a
 * schema version of its own, or its own application id, is foreign; a
 * registry from before migration 018 (no application id) still opens, is
 * marked, and only then goes to WAL.
 */
static void t_refusals_write_nothing(void)
{
	const char *p = testutil_path("refuse.db");
	struct db *db = NULL;

	unlink(p);
	CU_ASSERT_EQUAL_FATAL(db_open(p, DB_OPEN_CREATE, &db), 0);
	CU_ASSERT_EQUAL(pragma_int(db, "PRAGMA application_id"), DB_APPLICATION_ID);
	db_close(db);
	CU_ASSERT_EQUAL_FATAL(raw_exec(p, "PRAGMA journal_mode=DELETE; PRAGMA user_version=9999"),
	                      SQLITE_OK);
	CU_ASSERT(refused_untouched(p, 0, MG_ESCHEMA));
	CU_ASSERT(refused_untouched(p, DB_OPEN_READONLY, MG_ESCHEMA));
	CU_ASSERT_STRING_EQUAL(peek(p, "PRAGMA journal_mode"), "delete");

	/* Before 018: no application id; marked by the migration, then WAL. */
	CU_ASSERT_EQUAL_FATAL(raw_exec(p, "PRAGMA user_version=17; PRAGMA application_id=0"),
	                      SQLITE_OK);
	CU_ASSERT_EQUAL_FATAL(db_open(p, 0, &db), 0);
	CU_ASSERT_EQUAL(pragma_int(db, "PRAGMA application_id"), DB_APPLICATION_ID);
	CU_ASSERT(pragma_int(db, "PRAGMA user_version") >= 18);
	db_close(db);
	CU_ASSERT_STRING_EQUAL(peek(p, "PRAGMA journal_mode"), "wal");

	/* A registry's tables under another program's application id. */
	CU_ASSERT_EQUAL_FATAL(raw_exec(p, "PRAGMA journal_mode=DELETE; "
	                                  "PRAGMA application_id=305419896"), SQLITE_OK);
	CU_ASSERT(refused_untouched(p, 0, MG_EDB_FOREIGN));
	CU_ASSERT(refused_untouched(p, DB_OPEN_CREATE, MG_EDB_FOREIGN));

	/* Another program's file with a schema version of its own. */
	unlink(p);
	CU_ASSERT_EQUAL_FATAL(raw_exec(p, "CREATE TABLE notes (id INTEGER PRIMARY KEY, t TEXT);"
	                                  "INSERT INTO notes (t) VALUES ('x'); PRAGMA user_version=3"),
	                      SQLITE_OK);
	CU_ASSERT(refused_untouched(p, 0, MG_EDB_FOREIGN));
	CU_ASSERT(refused_untouched(p, DB_OPEN_READONLY, MG_EDB_FOREIGN));
	CU_ASSERT_EQUAL_FATAL(raw_exec(p, "PRAGMA user_version=9999"), SQLITE_OK);
	CU_ASSERT(refused_untouched(p, 0, MG_EDB_FOREIGN));
	unlink(p);
}

/*
 * rv21seed F5: a file that is not SQLite at all is "not a database", not
 * "corrupt" (which sends the administrator to a restore); a missing folder
 * and a symbolic link to nothing get their own message, and nothing is made.
 */
static void t_wrong_paths_named(void)
{
	const char *p = testutil_path("text.db");
	char bad[600];
	struct db *db = NULL;
	FILE *f = fopen(p, "w");

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	for (int i = 0; i < 200; i++)
		fputs("root:x:0:0:root:/root:/bin/bash\n", f);
	fclose(f);
	CU_ASSERT(refused_untouched(p, 0, MG_EDB_NOTDB));
	CU_ASSERT(refused_untouched(p, DB_OPEN_CREATE, MG_EDB_NOTDB));
	CU_ASSERT_EQUAL(db_open(p, DB_OPEN_READONLY, &db), MG_EDB_NOTDB);
	CU_ASSERT_STRING_NOT_EQUAL(i18n_msg(mg_rc_msgid(MG_EDB_NOTDB)),
	                           i18n_msg(mg_rc_msgid(MG_ECORRUPT)));

	snprintf(bad, sizeof bad, "%s.nofolder/r.db", p);
	CU_ASSERT_EQUAL(db_open(bad, DB_OPEN_CREATE, &db), MG_EDB_NOFOLDER);
	snprintf(bad, sizeof bad, "%s/r.db", p);          /* a file as the folder */
	CU_ASSERT_EQUAL(db_open(bad, DB_OPEN_CREATE, &db), MG_EDB_NOFOLDER);
	CU_ASSERT_EQUAL(db_open(bad, 0, &db), MG_EDB_NOFOLDER);
	snprintf(bad, sizeof bad, "%s.link", p);
	unlink(bad);
	CU_ASSERT_EQUAL_FATAL(symlink("nothing-here.db", bad), 0);
	CU_ASSERT_EQUAL(db_open(bad, DB_OPEN_CREATE, &db), MG_EDB_BROKENLINK);
	CU_ASSERT_EQUAL(db_open(bad, 0, &db), MG_EDB_BROKENLINK);
	CU_ASSERT_EQUAL(db_open(bad, DB_OPEN_READONLY, &db), MG_EDB_BROKENLINK);
	CU_ASSERT_PTR_NULL(db);
	unlink(bad);
	unlink(p);
}

/*
 * The steps of t_readonly_left_clean, as the user that runs them (never
 * root, who may write any file): 0 when all hold, else the failing step.
 */
static int readonly_steps(const char *dir)
{
	char p[512], side[520];
	struct db *db = NULL;
	int fd;

	snprintf(p, sizeof p, "%s/ro.db", dir);
	if (db_open(p, DB_OPEN_CREATE, &db) != 0)
		return 1;
	db_close(db);
	if (chmod(p, 0400) != 0)
		return 2;
	if (db_open(p, 0, &db) != MG_EREADONLY || db)
		return 3;
	if (db_open(p, DB_OPEN_NOMIGRATE, &db) != MG_EREADONLY || db)
		return 4;
	snprintf(side, sizeof side, "%s-wal", p);
	if (access(side, F_OK) == 0)
		return 5;
	snprintf(side, sizeof side, "%s-shm", p);
	if (access(side, F_OK) == 0)
		return 6;
	if (chmod(p, 0600) != 0)
		return 7;
	if (db_open(p, 0, &db) != 0)        /* the administrator's fix is enough */
		return 8;
	db_close(db);
	/* a read-only -shm that another user's open left is named too */
	fd = open(side, O_WRONLY | O_CREAT | O_EXCL, 0400);
	if (fd < 0)
		return 9;
	close(fd);
	if (db_open(p, 0, &db) != MG_EREADONLY || db)
		return 10;
	return unlink(side) == 0 ? 0 : 11;
}

/*
 * rv21seed F2: a registry the user may not write is refused before SQLite
 * opens it, so no read-only -wal/-shm is left behind and making the file
 * writable is all it takes. Run as nobody (in a child) when the tests run
 * as root.
 */
static void t_readonly_left_clean(void)
{
	char dir[] = "/tmp/mg-db-ro.XXXXXX";
	pid_t pid;
	int st = -1;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	CU_ASSERT_FATAL(chmod(dir, 0777) == 0);
	fflush(NULL);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		if (geteuid() == 0 && (setgid(NOBODY) != 0 || setuid(NOBODY) != 0))
			_exit(100);
		_exit(readonly_steps(dir));
	}
	CU_ASSERT_EQUAL(waitpid(pid, &st, 0), pid);
	CU_ASSERT(WIFEXITED(st));
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fprintf(stderr, "\n  read-only registry: step %d failed\n",
		        WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	CU_ASSERT_EQUAL(WEXITSTATUS(st), 0);
	{
		char cmd[64];

		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		CU_ASSERT_EQUAL(system(cmd), 0);
	}
}

/*
 * rv21seed F4: db_quick_check finds a damaged page that opening does not
 * read (a table's root page smashed), and passes a sound registry.
 */
static void t_quick_check_finds_damage(void)
{
	const char *p = testutil_path("damaged.db");
	struct db *db = NULL;
	long root, psize;
	FILE *f;

	unlink(p);
	CU_ASSERT_EQUAL_FATAL(db_open(p, DB_OPEN_CREATE, &db), 0);
	CU_ASSERT_EQUAL(db_quick_check(db), 0);
	root = pragma_int(db, "SELECT rootpage FROM sqlite_master WHERE name = 'resident_history'");
	psize = pragma_int(db, "PRAGMA page_size");
	db_close(db);
	CU_ASSERT_FATAL(root > 1 && psize >= 512);
	f = fopen(p, "r+b");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(fseek(f, (root - 1) * psize, SEEK_SET), 0);
	for (int i = 0; i < 8; i++)
		fputc(0xEE, f);                     /* no b-tree page type */
	fclose(f);
	CU_ASSERT_EQUAL_FATAL(db_open(p, 0, &db), 0);
	CU_ASSERT_EQUAL(db_quick_check(db), MG_ECORRUPT);
	db_close(db);
	unlink(p);
}

static void t_history_is_append_only(void)
{
	const char *p = testutil_path("append.db");
	struct db *db = NULL;

	unlink(p);
	CU_ASSERT_EQUAL_FATAL(db_open(p, DB_OPEN_CREATE, &db), 0);
	CU_ASSERT_EQUAL(db_exec(db, "INSERT INTO resident_history(atena_no,rireki_no,name,name_kana,"
	        "birth,sex,setai_no,zokugara,addr_code,addr_text,jumin_date,jusho_date,idou_jiyu,"
	        "idou_date,todoke_date,shori_date,state,uketsuke_no,name_key,kana_key) VALUES("
	        "'1',1,'a','a','2000-01-01','1','s','世帯主','c','x','2000-01-01','2000-01-01','tennyu',"
	        "'2000-01-01','2000-01-01','2000-01-01','current','u','a','a')"), 0);
	CU_ASSERT_EQUAL(db_exec(db, "UPDATE resident_history SET name='b'"), MG_ECONSTRAINT);
	CU_ASSERT_EQUAL(db_exec(db, "DELETE FROM resident_history"), MG_ECONSTRAINT);
	db_close(db);
}

static void t_finish_rolls_back_on_error(void)
{
	const char *p = testutil_path("tx.db");
	struct db *db = NULL;

	unlink(p);
	CU_ASSERT_EQUAL_FATAL(db_open(p, DB_OPEN_CREATE, &db), 0);
	CU_ASSERT_EQUAL(db_begin(db), 0);
	CU_ASSERT_EQUAL(db_begin(db), MG_ESTATE);
	CU_ASSERT_EQUAL(db_exec(db, "INSERT INTO counter VALUES('x', 1)"), 0);
	CU_ASSERT_EQUAL(db_finish(db, MG_EINVAL), MG_EINVAL);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM counter"), 0);
	CU_ASSERT_EQUAL(db_begin(db), 0);
	CU_ASSERT_EQUAL(db_exec(db, "INSERT INTO counter VALUES('x', 1)"), 0);
	CU_ASSERT_EQUAL(db_finish(db, 0), 0);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM counter"), 1);
	db_close(db);
}

/*
 * Opening (with migrations, ~6000 allocations) under allocation failure:
 * every N up to 600, then every 13th (each try creates and syncs a file),
 * always a clean code and no leak.
 */
static void t_open_under_allocation_failure(void)
{
	const char *p = testutil_path("fault.db");
	int ok_once = 0;

	for (long n = 1; n < 100000 && !ok_once; n += n < 600 ? 1 : 13) {
		struct db *db = NULL;
		int rc;

		unlink(p);
		testutil_fault_arm(n);
		rc = db_open(p, DB_OPEN_CREATE, &db);
		testutil_fault_arm(0);
		if (rc == 0) {
			ok_once = !testutil_fault_fired();
			db_close(db);
			continue;
		}
		CU_ASSERT_PTR_NULL(db);
		CU_ASSERT(rc == MG_ENOMEM || rc == MG_EDB || rc == MG_EIO);
	}
	CU_ASSERT(ok_once);
	{
		struct db *db = NULL;

		CU_ASSERT_EQUAL_FATAL(db_open(p, 0, &db), 0);
		CU_ASSERT(db_integrity_ok(db));
		db_close(db);
	}
}

/* More statements than the cache holds: evicted ones come back, a statement
 * being stepped is never evicted under it. */
static void t_stmt_cache_eviction(void)
{
	static char sql[DB_STMT_CACHE + 40][40];
	const char *p = testutil_path("cache.db");
	struct db *db = NULL;
	sqlite3_stmt *walk, *st;
	int rows = 0;

	unlink(p);
	CU_ASSERT_EQUAL_FATAL(db_open(p, DB_OPEN_CREATE, &db), 0);
	for (int i = 0; i < DB_STMT_CACHE + 40; i++)
		snprintf(sql[i], sizeof sql[i], "SELECT %d", i);
	walk = db_stmt(db, "SELECT value FROM generate_series(1, 3)");
	if (!walk)   /* no generate_series in this SQLite: walk a VALUES list */
		walk = db_stmt(db, "WITH t(v) AS (VALUES (1), (2), (3)) SELECT v FROM t");
	CU_ASSERT_PTR_NOT_NULL_FATAL(walk);
	while (sqlite3_step(walk) == SQLITE_ROW) {
		rows++;
		/* Fill the whole cache while the walk is active. */
		for (int i = 0; i < DB_STMT_CACHE + 40; i++) {
			st = db_stmt(db, sql[i]);
			CU_ASSERT_PTR_NOT_NULL_FATAL(st);
			CU_ASSERT_EQUAL(sqlite3_step(st), SQLITE_ROW);
			CU_ASSERT_EQUAL(sqlite3_column_int(st, 0), i);
			sqlite3_reset(st);
		}
	}
	CU_ASSERT_EQUAL(rows, 3);
	db_close(db);
}

/* A registry at schema 3 with one delivered and one pending message upgrades:
 * the delivered one moves to outbox_sent (004) without its payload (005), the
 * pending one stays. */
/* A new file at schema version v (migrations 1..v applied by a plain
 * connection, as an older madoguchi left it) holding the rows of sql.
 * Returns 1 on success. */
static int file_at_version(const char *path, int v, const char *sql)
{
	sqlite3 *h = NULL;
	char pragma[48];
	int ok;

	unlink(path);
	ok = sqlite3_open(path, &h) == SQLITE_OK && db_migration_functions(h) == 0;
	for (const struct db_migration *m = gen_migrations; ok && m->version && m->version <= v; m++)
		ok = sqlite3_exec(h, m->sql, NULL, NULL, NULL) == SQLITE_OK;
	snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", v);
	ok = ok && sqlite3_exec(h, pragma, NULL, NULL, NULL) == SQLITE_OK &&
	     sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_close(h);
	return ok;
}

static void t_migration_4_moves_sent_messages(void)
{
	const char *p = testutil_path("mig4.db");
	struct db *db = NULL;
	int ver = 0;

	CU_ASSERT_FATAL(file_at_version(p, 3,
	        "INSERT INTO outbox VALUES ('m1','tennyu_notice','242012','2025-04-01T09:00:00',"
	        "  '20250401-0001','p1','2025-04-01T10:00:00');"
	        "INSERT INTO outbox VALUES ('m2','honnin_update','000000','2025-04-01T09:00:01',"
	        "  '20250401-0001','p2',NULL);"));
	CU_ASSERT_EQUAL_FATAL(db_open(p, 0, &db), 0);
	CU_ASSERT_EQUAL(db_schema_version(db, &ver), 0);
	CU_ASSERT(ver >= 4);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM outbox WHERE msg_id = 'm2'"), 1);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM outbox"), 1);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM outbox_sent WHERE msg_id = 'm1' "
	                               "AND sent_at = '2025-04-01T10:00:00'"), 1);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM pragma_table_info('outbox_sent') "
	                               "WHERE name = 'payload'"), 0);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
	                               "('audit_operator','person_state','rh_uketsuke',"
	                               "'outbox_unsent')"), 0);
	CU_ASSERT(db_integrity_ok(db));
	db_close(db);
}

/* Count the rows of a query's EXPLAIN whose opcode is op. */
static long explain_count(struct db *db, const char *sql, const char *op)
{
	sqlite3_stmt *st = NULL;
	long n = 0;
	char q[512];

	snprintf(q, sizeof q, "EXPLAIN %s", sql);
	if (sqlite3_prepare_v2(db->h, q, -1, &st, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW)
		n += strcmp((const char *)sqlite3_column_text(st, 1), op) == 0;
	sqlite3_finalize(st);
	return n;
}

/* Migration 8 rebuilds person and resident_history (their CHECKs as
 * comparisons): rows, references into them, indexes, triggers and the rules
 * all survive, and writing a row no longer builds a temporary b-tree. */
static void t_migration_8_rebuilds_without_losing_anything(void)
{
	const char *p = testutil_path("mig8.db");
	static const char person_sql[] =
		"INSERT INTO person (atena_no, rireki_no, state, setai_no) VALUES (?1, 1, 'current', 's1')";
	struct db *db = NULL;
	int ver = 0;

	CU_ASSERT_FATAL(file_at_version(p, 7,
	        "INSERT INTO machiaza (code, name, kana, postal_code, search_key) "
	        "  VALUES ('c1', '町', 'チョウ', '6650000', 'チヨウ');"
	        "INSERT INTO household (setai_no, addr_code, banchi, katagaki, head_atena, created_on)"
	        "  VALUES ('s1', 'c1', '1', '', 'a1', '2020-01-01');"
	        "INSERT INTO person VALUES ('a1', 1, 'yotei', 's1');"
	        "INSERT INTO resident_history(atena_no,rireki_no,name,name_kana,birth,sex,setai_no,"
	        "  zokugara,addr_code,addr_text,jumin_date,jusho_date,idou_jiyu,idou_date,"
	        "  todoke_date,shori_date,state,uketsuke_no,name_key,kana_key,kojin_bango) VALUES("
	        "  'a1',1,'甲','コウ','2000-01-01','9','s1','世帯主','c1','町1','2000-01-01',"
	        "  '2000-01-01','tenshutsu','2000-01-01','2000-01-01','2000-01-01','yotei','u1',"
	        "  '甲','コウ','123456789012');"
	        "INSERT INTO uketsuke (uketsuke_no, workflow, todoke_date, shori_date)"
	        "  VALUES ('u1', 'tenshutsu', '2000-01-01', '2000-01-01');"
	        "INSERT INTO tenshutsu_cert (serial, kind, uketsuke_no, issued_on)"
	        "  VALUES (1, 'ordinary', 'u1', '2000-01-01');"
	        "INSERT INTO tenshutsu_cert_person VALUES (1, 1, 'a1', 1);"));
	CU_ASSERT_EQUAL_FATAL(db_open(p, 0, &db), 0);
	CU_ASSERT_EQUAL(db_schema_version(db, &ver), 0);
	CU_ASSERT(ver >= 8);
	CU_ASSERT_EQUAL(pragma_int(db, "PRAGMA foreign_keys"), 1);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM person WHERE atena_no = 'a1' "
	                               "AND state = 'yotei' AND setai_no = 's1'"), 1);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM resident_history WHERE sex = '9' "
	                               "AND kojin_bango = '123456789012'"), 1);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM tenshutsu_cert_person p JOIN "
	                               "resident_history h USING (atena_no, rireki_no)"), 1);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	/* 10 before migration 9 folded the two birth indexes into one; 013 adds rh_unnotified */
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
	                               "AND tbl_name IN ('person', 'resident_history') "
	                               "AND name NOT LIKE 'sqlite_%'"), 9);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
	                               "AND tbl_name = 'resident_history'"), 2);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE '%_new'"), 0);
	/* the rules hold as before */
	CU_ASSERT_EQUAL(db_exec(db, "INSERT INTO person VALUES ('a2', 1, 'gone', 's1')"),
	                MG_ECONSTRAINT);
	CU_ASSERT_EQUAL(db_exec(db, "INSERT INTO person VALUES ('a2', 1, 'current', 'nowhere')"),
	                MG_ECONSTRAINT);
	CU_ASSERT_EQUAL(db_exec(db, "INSERT INTO resident_history(atena_no,rireki_no,name,"
	        "name_kana,birth,sex,setai_no,zokugara,addr_code,addr_text,jumin_date,jusho_date,"
	        "idou_jiyu,idou_date,todoke_date,shori_date,state,uketsuke_no,name_key,kana_key) "
	        "VALUES('a1',2,'甲','コウ','2000-01-01','3','s1','世帯主','c1','町1','2000-01-01',"
	        "'2000-01-01','x','2000-01-01','2000-01-01','2000-01-01','current','u1','甲','コウ')"),
	        MG_ECONSTRAINT);
	CU_ASSERT_EQUAL(db_exec(db, "DELETE FROM resident_history"), MG_ECONSTRAINT);
	/* and writing a person checks its state without a temporary b-tree */
	CU_ASSERT_EQUAL(explain_count(db, person_sql, "OpenEphemeral"), 0);
	CU_ASSERT(db_integrity_ok(db));
	db_close(db);
}

/* Count the rows handed over (db_resident_fn). */
static int count_row(void *arg, const struct db_resident *r)
{
	(void)r;
	(*(int *)arg)++;
	return 0;
}

/* The cached statement whose text contains what, or NULL. */
static sqlite3_stmt *cached_stmt(struct db *db, const char *what)
{
	for (sqlite3_stmt *st = sqlite3_next_stmt(db->h, NULL); st; st = sqlite3_next_stmt(db->h, st))
		if (strstr(sqlite3_sql(st), what))
			return st;
	return NULL;
}

/* Pages the connection asked its cache for since the last reset (reset: 1). */
static int page_reads(struct db *db, int reset)
{
	int hit = 0, miss = 0, hi = 0;

	sqlite3_db_status(db->h, SQLITE_DBSTATUS_CACHE_HIT, &hit, &hi, reset);
	sqlite3_db_status(db->h, SQLITE_DBSTATUS_CACHE_MISS, &miss, &hi, reset);
	return reset ? 0 : hit + miss;
}

/* Migration 9: one index leads with the birth date. The 氏名+生年月日+性別
 * duplicate check of every 転入 stays a seek when many residents share a
 * birth date (as the 不詳 forms do), never a walk over that date's rows or a
 * sort; searching that date by reading reads only the row that matches. */
static void t_migration_9_birth_check_is_a_seek(void)
{
	const char *p = testutil_path("mig9.db");
	struct db *db = NULL;
	struct db_resident_query q;
	sqlite3_stmt *st;
	int n = 0, steps_one, steps_many;

	unlink(p);
	CU_ASSERT_EQUAL_FATAL(db_open(p, DB_OPEN_CREATE, &db), 0);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
	                               "('rh_birth_kana', 'rh_birth_name')"), 0);
	CU_ASSERT_EQUAL_FATAL(db_exec(db,
	        "INSERT INTO machiaza (code, name, kana, postal_code, search_key) "
	        "  VALUES ('c1', '町', 'チョウ', '6650000', 'チヨウ');"
	        "INSERT INTO household (setai_no, addr_code, created_on) VALUES ('s1', 'c1', '2020-01-01');"
	        "WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 400) "
	        "INSERT INTO resident_history(atena_no,rireki_no,name,name_kana,birth,sex,setai_no,"
	        "  zokugara,addr_code,addr_text,jumin_date,jusho_date,idou_jiyu,idou_date,"
	        "  todoke_date,shori_date,state,uketsuke_no,name_key,kana_key) "
	        "  SELECT printf('a%03d', n), 1, printf('名%03d', n), printf('カナ%03d', n), "
	        "  CASE WHEN n = 400 THEN '1990-05-05' ELSE '1980-00-00' END, '1', 's1', '世帯員', "
	        "  'c1', '町1', '2000-01-01', '2000-01-01', 'tennyu', '2000-01-01', '2000-01-01', "
	        "  '2000-01-01', 'current', 'u1', printf('名%03d', n), printf('カナ%03d', n) FROM i;"
	        "INSERT INTO person SELECT atena_no, 1, 'current', 's1' FROM resident_history;"), 0);

	CU_ASSERT_EQUAL(db_resident_by_3items(db, "名400", "1990-05-05", "1", count_row, &n), 0);
	CU_ASSERT_EQUAL(n, 1);
	st = cached_stmt(db, "h.sex = ?3");
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	steps_one = sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 1);
	n = 0;
	CU_ASSERT_EQUAL(db_resident_by_3items(db, "名200", "1980-00-00", "1", count_row, &n), 0);
	CU_ASSERT_EQUAL(n, 1);
	steps_many = sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 1);
	/* the same work for a date shared by 399 as for a date of one */
	CU_ASSERT(steps_many <= steps_one + 8);
	CU_ASSERT_EQUAL(sqlite3_stmt_status(st, SQLITE_STMTSTATUS_SORT, 0), 0);
	CU_ASSERT_EQUAL(sqlite3_stmt_status(st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0), 0);

	/* a reading on that date is compared inside the index: the rows of
	 * the other 398 are never read (each would cost a page or more) */
	memset(&q, 0, sizeof q);
	strcpy(q.birth, "1980-00-00");
	strcpy(q.kana_prefix, "カナ123");
	n = 0;
	page_reads(db, 1);
	CU_ASSERT_EQUAL(db_resident_search(db, &q, 51, count_row, &n), 1);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT(page_reads(db, 0) < 40);
	CU_ASSERT(db_integrity_ok(db));
	db_close(db);
}

/* Append each unsent message's seq and id to a text buffer. */
static int note_message(void *arg, const struct db_message *m)
{
	char *buf = arg;
	size_t len = strlen(buf);

	snprintf(buf + len, 256 - len, "%lld:%s ", m->seq, m->msg_id);
	return 0;
}

/*
 * 010: the outbox becomes a rowid table keyed by the serial of the id. Old
 * rows keep their ids and get their serials as keys (an id without one gets
 * the next key); delivery order is serial order; a serial queued twice still
 * fails, as the text key did.
 */
static void t_migration_10_outbox_in_serial_order(void)
{
	const char *p = testutil_path("mig10.db");
	struct db *db = NULL;
	struct db_message m;
	char order[256] = "";

	CU_ASSERT_FATAL(file_at_version(p, 9,
	        "INSERT INTO outbox VALUES ('131016-000000012','tennyu_notice','242012',"
	        "  '2025-04-01T09:00:02','20250401-0001','p12');"
	        "INSERT INTO outbox VALUES ('131016-000000003','honnin_update','CS',"
	        "  '2025-04-01T09:00:01','20250401-0001','p3');"
	        "INSERT INTO outbox VALUES ('131016-x7','honnin_update','CS',"
	        "  '2025-04-01T09:00:00',NULL,'px');"));
	CU_ASSERT_EQUAL_FATAL(db_open(p, 0, &db), 0);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT wr FROM pragma_table_list WHERE name = 'outbox'"), 0);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM outbox"), 3);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM outbox WHERE seq = 12 AND "
	                               "msg_id = '131016-000000012' AND payload = 'p12' AND "
	                               "to_code = '242012' AND uketsuke_no = '20250401-0001'"), 1);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM outbox WHERE seq = 13 AND "
	                               "msg_id = '131016-x7' AND uketsuke_no IS NULL"), 1);
	CU_ASSERT_EQUAL(db_outbox_unsent(db, note_message, order), 3);
	CU_ASSERT_STRING_EQUAL(order, "3:131016-000000003 12:131016-000000012 13:131016-x7 ");

	memset(&m, 0, sizeof m);
	strcpy(m.msg_id, "131016-000000012");
	strcpy(m.kind, "tennyu_notice");
	strcpy(m.to_code, "242012");
	strcpy(m.created_at, "2025-04-02T09:00:00");
	m.seq = 12;
	CU_ASSERT_EQUAL(db_outbox_add(db, &m), MG_ECONSTRAINT);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM outbox"), 3);
	CU_ASSERT_EQUAL(db_outbox_mark_sent(db, 12, "2025-04-02T10:00:00"), 1);
	CU_ASSERT_EQUAL(db_outbox_mark_sent(db, 12, "2025-04-02T10:00:01"), 0);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM outbox_sent WHERE "
	                               "msg_id = '131016-000000012' AND "
	                               "sent_at = '2025-04-02T10:00:00'"), 1);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM outbox"), 2);
	CU_ASSERT(db_integrity_ok(db));
	db_close(db);
}

/* 011: a 転出証明書情報 received before it keeps an empty 方書 and reads back whole. */
static void t_migration_11_katagaki(void)
{
	const char *p = testutil_path("mig11.db");
	struct db *db = NULL;
	struct db_tenshutsu_info t;

	CU_ASSERT_FATAL(file_at_version(p, 10,
	        "INSERT INTO tokurei_inbox (msg_id, group_id, from_code, received_at, expires_on, "
	        "  name, name_kana, birth, sex, is_head, zokugara, juminhyo_code, prev_address, "
	        "  dest_address, planned_date) VALUES ('131016-000000007', 'G1', '131016', "
	        "  '2025-04-01T09:00:00', '2025-05-10', '山田　太郎', 'ヤマダ　タロウ', '1980-05-10', "
	        "  '1', 1, '世帯主', '50000104740', '東京都千代田区栄町一丁目1番1号', 'y', "
	        "  '2025-04-10');"));
	CU_ASSERT_EQUAL_FATAL(db_open(p, 0, &db), 0);
	CU_ASSERT_EQUAL(db_inbox_info_by_jcode(db, "50000104740", "2025-05-10", &t), 0);
	CU_ASSERT_STRING_EQUAL(t.prev_address, "東京都千代田区栄町一丁目1番1号");
	CU_ASSERT_STRING_EQUAL(t.prev_katagaki, "");
	CU_ASSERT_STRING_EQUAL(t.planned_date, "2025-04-10");
	CU_ASSERT_EQUAL(db_inbox_info_by_jcode(db, "50000104740", "2025-05-11", &t), MG_ENOTFOUND);
	CU_ASSERT(db_integrity_ok(db));
	db_close(db);
}

/*
 * Migration 019 (rv21search 3, 10): the stored written-name keys lose their
 * variation selectors and 旧字体 (髙橋 眞 is keyed 高橋真), computed by the
 * program's own key function; the other keys and every 住民票 item stay as
 * they were, and the history is append-only again afterwards.
 */
static void t_migration_19_name_keys(void)
{
	const char *p = testutil_path("mig19.db");
	struct db *db = NULL;

	CU_ASSERT_FATAL(file_at_version(p, 18,
	        "INSERT INTO resident_history(atena_no,rireki_no,name,name_kana,birth,sex,setai_no,"
	        "  zokugara,addr_code,addr_text,jumin_date,jusho_date,idou_jiyu,idou_date,todoke_date,"
	        "  shori_date,state,uketsuke_no,name_key,kana_key) VALUES"
	        " ('1',1,'葛\U000E0100城　一郎','カツラギ　イチロウ','1960-03-04','1','s','世帯主','c',"
	        "  'x','2000-01-01','2000-01-01','tennyu','2000-01-01','2000-01-01','2000-01-01',"
	        "  'current','u','葛\U000E0100城一郎','カツラキイチロ'),"
	        " ('2',1,'山田　花子','ヤマダ　ハナコ','1970-01-01','2','s','妻','c',"
	        "  'x','2000-01-01','2000-01-01','tennyu','2000-01-01','2000-01-01','2000-01-01',"
	        "  'current','u','山田花子','ヤマタハナコ'),"
	        " ('3',1,'髙橋　眞','タカハシ　マコト','1980-01-01','1','s','世帯主','c',"
	        "  'x','2000-01-01','2000-01-01','tennyu','2000-01-01','2000-01-01','2000-01-01',"
	        "  'current','u','髙橋眞','タカハシマコト');"));
	CU_ASSERT_EQUAL_FATAL(db_open(p, 0, &db), 0);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM resident_history WHERE "
	                               "(atena_no = '1' AND name_key = '葛城一郎' AND "
	                               " name = '葛\U000E0100城　一郎' AND kana_key = 'カツラキイチロ') OR "
	                               "(atena_no = '2' AND name_key = '山田花子') OR "
	                               "(atena_no = '3' AND name_key = '高橋真' AND name = '髙橋　眞')"), 3);
	CU_ASSERT_EQUAL(db_exec(db, "UPDATE resident_history SET name_key = 'x'"), MG_ECONSTRAINT);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
	                               "AND name IN ('rh_no_update', 'rh_no_delete')"), 2);
	CU_ASSERT(db_integrity_ok(db));
	db_close(db);
}

/*
 * Migration 020 (rv24 F1, F3): a 氏名 written with a spacing ゛ (ウ゛ォルコフ)
 * is keyed as ヴォルコフ, and one with a stroke (NGUYỄN ĐỨC) as NGUYENDUC;
 * a key already right is left alone, and the 氏名 as written stays.
 */
static void t_migration_20_name_keys(void)
{
	const char *p = testutil_path("mig20.db");
	struct db *db = NULL;

	CU_ASSERT_FATAL(file_at_version(p, 19,
	        "INSERT INTO resident_history(atena_no,rireki_no,name,name_kana,birth,sex,setai_no,"
	        "  zokugara,addr_code,addr_text,jumin_date,jusho_date,idou_jiyu,idou_date,todoke_date,"
	        "  shori_date,state,uketsuke_no,name_key,kana_key) VALUES"
	        " ('1',1,'ウ゛ォルコフ　アンナ','ボルコフ　アンナ','1988-03-15','2','s','世帯主','c',"
	        "  'x','2000-01-01','2000-01-01','tennyu','2000-01-01','2000-01-01','2000-01-01',"
	        "  'current','u','ウ\u3099ォルコフアンナ','ホルコフアンナ'),"
	        " ('2',1,'NGUYỄN　ĐỨC','グエン　ドゥック','1990-02-03','1','s','世帯主','c',"
	        "  'x','2000-01-01','2000-01-01','tennyu','2000-01-01','2000-01-01','2000-01-01',"
	        "  'current','u','NGUYENĐUC','クエントツク'),"
	        " ('3',1,'山田　花子','ヤマダ　ハナコ','1970-01-01','2','s','妻','c',"
	        "  'x','2000-01-01','2000-01-01','tennyu','2000-01-01','2000-01-01','2000-01-01',"
	        "  'current','u','山田花子','ヤマタハナコ');"));
	CU_ASSERT_EQUAL_FATAL(db_open(p, 0, &db), 0);
	CU_ASSERT_EQUAL(pragma_int(db, "SELECT count(*) FROM resident_history WHERE "
	                               "(atena_no = '1' AND name_key = 'ヴォルコフアンナ' AND "
	                               " name = 'ウ゛ォルコフ　アンナ' AND kana_key = 'ホルコフアンナ') OR "
	                               "(atena_no = '2' AND name_key = 'NGUYENDUC' AND name = 'NGUYỄN　ĐỨC') OR "
	                               "(atena_no = '3' AND name_key = '山田花子')"), 3);
	CU_ASSERT_EQUAL(db_exec(db, "UPDATE resident_history SET name_key = 'x'"), MG_ECONSTRAINT);
	CU_ASSERT(db_integrity_ok(db));
	db_close(db);
}

TESTUTIL_REGISTER(db)
{
	static const struct testutil_case cases[] = {
		{ "open creates 0600 with pragmas", t_open_creates_0600_with_pragmas },
		{ "reopen keeps version, refuses newer", t_reopen_keeps_version_and_refuses_newer },
		{ "a foreign SQLite file is refused untouched", t_foreign_file_untouched },
		{ "refusals write nothing, not even the journal mode", t_refusals_write_nothing },
		{ "a text file, a missing folder, a dangling link are named", t_wrong_paths_named },
		{ "a read-only registry leaves no -wal/-shm behind", t_readonly_left_clean },
		{ "quick_check finds a damaged page", t_quick_check_finds_damage },
		{ "history is append-only", t_history_is_append_only },
		{ "finish rolls back on error", t_finish_rolls_back_on_error },
		{ "open under allocation failure", t_open_under_allocation_failure },
		{ "statement cache eviction", t_stmt_cache_eviction },
		{ "migration 4 moves sent messages", t_migration_4_moves_sent_messages },
		{ "migration 8 rebuilds without losing anything",
		  t_migration_8_rebuilds_without_losing_anything },
		{ "migration 9: the birth-date check is a seek", t_migration_9_birth_check_is_a_seek },
		{ "migration 10: the outbox in serial order", t_migration_10_outbox_in_serial_order },
		{ "migration 11: the 方書 of the 転出証明書情報", t_migration_11_katagaki },
		{ "migration 19: name keys without variation selectors", t_migration_19_name_keys },
		{ "migration 20: name keys compose a spacing ゛, drop strokes", t_migration_20_name_keys },
		{ NULL, NULL }
	};
	testutil_suite("db", NULL, NULL, cases);
}
