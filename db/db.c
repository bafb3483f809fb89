/* db.c — connection, pragmas, migrations, transactions, statement cache. */
#include "db/db.h"
#include "db/db_vfs.h"
#include "i18n/i18n_kana.h"
#include "i18n/mg_rc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int db_map(int src)
{
	switch (src & 0xFF) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE:
		return 0;
	case SQLITE_NOMEM:
		return MG_ENOMEM;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return MG_EBUSY;
	case SQLITE_CORRUPT:
		return MG_ECORRUPT;
	case SQLITE_NOTADB:
		return MG_EDB_NOTDB;
	case SQLITE_CONSTRAINT:
		return MG_ECONSTRAINT;
	case SQLITE_FULL:
		return MG_EFULL;
	case SQLITE_READONLY:
		return MG_EREADONLY;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return MG_EIO;
	default:
		return MG_EDB;
	}
}

/* Set when a bind failed (out of memory): the next step must not run with a
 * NULL in its place. Cleared by db_stmt, which starts every statement use. */
static _Thread_local int db_bind_failed;

int db_bind_check(sqlite3_stmt *st)
{
	if (!db_bind_failed)
		return 0;
	db_bind_failed = 0;
	if (st)
		sqlite3_reset(st);
	return MG_ENOMEM;
}

int db_step_done(sqlite3_stmt *st)
{
	int src;

	if (db_bind_check(st))
		return MG_ENOMEM;
	src = sqlite3_step(st);

	sqlite3_reset(st);
	return src == SQLITE_DONE ? 0 : db_map(src);
}

int db_count(struct db *db, const char *sql, const char *const *v, int n, long long *out)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	int src;

	*out = 0;
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	for (int i = 0; i < n; i++)
		db_bind_text(st, i + 1, v[i]);
	if (db_bind_check(st))
		return MG_ENOMEM;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return src == SQLITE_ROW || src == SQLITE_DONE ? 0 : db_map(src);
}

int db_step_one(sqlite3_stmt *st, db_row_fn fn, void *out)
{
	int src;

	if (db_bind_check(st))
		return MG_ENOMEM;
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		fn(st, out);
	sqlite3_reset(st);
	if (src == SQLITE_DONE)
		return MG_ENOTFOUND;
	return src == SQLITE_ROW ? 0 : db_map(src);
}

int db_exec(struct db *db, const char *sql)
{
	return db_map(sqlite3_exec(db->h, sql, NULL, NULL, NULL));
}

const char *db_errmsg(struct db *db)
{
	return db && db->h ? sqlite3_errmsg(db->h) : "no connection";
}

sqlite3_stmt *db_stmt(struct db *db, const char *sql)
{
	unsigned slot = (unsigned)(((uintptr_t)sql >> 3) % DB_STMT_CACHE);
	sqlite3_stmt *st = NULL;
	int victim = -1;

	db_bind_failed = 0;
	for (unsigned i = 0; i < DB_STMT_CACHE; i++) {
		unsigned k = (slot + i) % DB_STMT_CACHE;

		if (db->cache_sql[k] == sql) {
			st = db->cache_stmt[k];
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
		if (!db->cache_sql[k]) {
			victim = (int)k;
			break;
		}
		/* A statement being stepped (a walk whose callback asks for
		 * another statement) is never the one evicted. */
		if (victim < 0 && !sqlite3_stmt_busy(db->cache_stmt[k]))
			victim = (int)k;
	}
	if (victim < 0) {
		sqlite3_exec(db->h, "SELECT raise(ABORT, 'statement cache exhausted')", NULL, NULL, NULL);
		return NULL;
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		return NULL;
	if (db->cache_sql[victim])
		sqlite3_finalize(db->cache_stmt[victim]);   /* the cache was full: evict one */
	db->cache_sql[victim] = sql;
	db->cache_stmt[victim] = st;
	return st;
}

/* Finalise every cached statement. */
static void db_cache_clear(struct db *db)
{
	for (unsigned i = 0; i < DB_STMT_CACHE; i++) {
		if (db->cache_stmt[i])
			sqlite3_finalize(db->cache_stmt[i]);
		db->cache_stmt[i] = NULL;
		db->cache_sql[i] = NULL;
	}
}

int db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	int rc = s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);

	if (rc != SQLITE_OK)
		db_bind_failed = 1;
	return rc;
}

int db_bind_int(sqlite3_stmt *st, int i, long long v)
{
	int rc = sqlite3_bind_int64(st, i, v);

	if (rc != SQLITE_OK)
		db_bind_failed = 1;
	return rc;
}

char *db_col_dup(sqlite3_stmt *st, int i, int *rc)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	char *d;

	if (!s)
		return NULL;
	d = strdup((const char *)s);
	if (!d && rc)
		*rc = MG_ENOMEM;
	return d;
}

void db_col_copy(sqlite3_stmt *st, int i, char *buf, unsigned cap)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	size_t n;

	if (cap == 0)
		return;
	if (!s) {
		buf[0] = '\0';
		return;
	}
	n = strlen((const char *)s);
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && (s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
}

int db_schema_version(struct db *db, int *version)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = db_map(sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL));
	if (rc == 0 && sqlite3_step(st) == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	else if (rc == 0)
		rc = db_map(sqlite3_errcode(db->h));
	sqlite3_finalize(st);
	return rc;
}

/* 0 when a checking pragma (integrity_check, quick_check) says "ok";
 * MG_ECORRUPT when it names a fault, gives no verdict or meets a header
 * that is not SQLite's; else a mapped code. */
static int db_check_pragma(struct db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int src = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	int rc;

	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);

		rc = t && strcmp((const char *)t, "ok") == 0 ? 0 : MG_ECORRUPT;
	} else {
		rc = db_map(src);
		if (rc == 0 || rc == MG_EDB_NOTDB)
			rc = MG_ECORRUPT;
	}
	sqlite3_finalize(st);
	return rc;
}

int db_integrity_ok(struct db *db)
{
	return db_check_pragma(db, "PRAGMA integrity_check") == 0;
}

int db_quick_check(struct db *db)
{
	return db_check_pragma(db, "PRAGMA quick_check");
}

int db_writable(const char *path, int folder)
{
	static const char *const sfx[] = { "", NULL, "-wal", "-shm" };   /* NULL: the folder */
	char *real = realpath(path, NULL);
	const char *file = real ? real : path;
	const char *slash = strrchr(file, '/');
	struct stat sb;
	char p[4096];
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < sizeof sfx / sizeof sfx[0]; i++) {
		size_t n;

		if (!sfx[i] && !folder)
			continue;
		if (sfx[i])
			n = (size_t)snprintf(p, sizeof p, "%s%s", file, sfx[i]);
		else if (!slash)
			n = (size_t)snprintf(p, sizeof p, ".");
		else
			n = (size_t)snprintf(p, sizeof p, "%.*s",
			                     slash == file ? 1 : (int)(slash - file), file);
		if (n >= sizeof p)
			rc = MG_EIO;
		else if (i >= 2 && stat(p, &sb) != 0)
			continue;            /* not there: SQLite makes it in the folder */
		else if (faccessat(AT_FDCWD, p, W_OK, AT_EACCESS) != 0)
			rc = errno == EACCES || errno == EROFS || errno == EPERM ? MG_EREADONLY
			                                                          : MG_EIO;
	}
	free(real);
	return rc;
}

/* BEGIN and COMMIT run for every write: cached, they are not parsed again. */
static const char sql_begin[] = "BEGIN IMMEDIATE";
static const char sql_commit[] = "COMMIT";

/* Run a cached statement that returns no row. */
static int db_run(struct db *db, const char *sql)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (st)
		return db_step_done(st);
	rc = db_map(sqlite3_errcode(db->h));
	return rc ? rc : MG_EDB;
}

int db_begin(struct db *db)
{
	int rc;

	if (db->tx)
		return MG_ESTATE;
	rc = db_run(db, sql_begin);
	if (rc == 0)
		db->tx = 1;
	else if (!sqlite3_get_autocommit(db->h))
		db_rollback(db);   /* the BEGIN took effect, then an allocation failed */
	return rc;
}

void db_rollback(struct db *db)
{
	/* The statement is prepared at open and kept outside the statement
	 * cache (which evicts), so a rollback needs no new memory: it must work
	 * exactly when allocations have just started failing. */
	if (!sqlite3_get_autocommit(db->h)) {
		sqlite3_stmt *st = db->rollback;

		if (!st || sqlite3_step(st) != SQLITE_DONE)
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		if (st)
			sqlite3_reset(st);
	}
	db->tx = 0;
}

int db_commit(struct db *db)
{
	int rc = db_run(db, sql_commit);

	if (rc)
		db_rollback(db);
	db->tx = 0;
	return rc;
}

int db_finish(struct db *db, int rc)
{
	if (rc == 0)
		return db_commit(db);
	db_rollback(db);
	return rc;
}

/* 0 when PRAGMA foreign_key_check finds no row, MG_ECONSTRAINT when it finds one. */
static int db_foreign_keys_check(struct db *db)
{
	sqlite3_stmt *st = NULL;
	int src = sqlite3_prepare_v2(db->h, "PRAGMA foreign_key_check", -1, &st, NULL);

	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	sqlite3_finalize(st);
	return src == SQLITE_DONE ? 0 : src == SQLITE_ROW ? MG_ECONSTRAINT : db_map(src);
}

/*
 * mg_name_key(name, key) — name's search key as this program builds it
 * (i18n_kana_name_key), for a migration that recomputes the stored keys
 * (019, 020); key, the one stored, when name has none (not valid text, too long).
 */
static void db_fn_name_key(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const unsigned char *name = sqlite3_value_text(argv[0]);
	char key[1024];

	(void)argc;
	if (!name && sqlite3_value_type(argv[0]) != SQLITE_NULL)
		sqlite3_result_error_nomem(cx);
	else if (name && i18n_kana_name_key((const char *)name, key, sizeof key) >= 0)
		sqlite3_result_text(cx, key, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_value(cx, argv[1]);
}

int db_migration_functions(sqlite3 *h)
{
	return db_map(sqlite3_create_function(h, "mg_name_key", 2,
	                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
	                                      NULL, db_fn_name_key, NULL, NULL));
}

/* The newest migration this program has. */
static int db_schema_last(void)
{
	int last = 0;

	for (const struct db_migration *m = gen_migrations; m->version; m++)
		last = m->version;
	return last;
}

/*
 * Apply the migrations newer than the file's user_version, in one
 * transaction. Foreign keys are off while they run, so a migration may
 * rebuild a table that others refer to (SQLite's 12-step procedure for
 * changes ALTER TABLE cannot make), and are checked as a whole before the
 * commit: a migration that leaves a dangling reference is rolled back.
 */
static int db_migrate(struct db *db)
{
	char pragma[48];
	int cur = 0, last = db_schema_last(), rc;

	rc = db_exec(db, "PRAGMA foreign_keys=OFF");
	if (rc == 0)
		rc = db_migration_functions(db->h);
	if (rc == 0)
		rc = db_begin(db);
	if (rc == 0)
		rc = db_schema_version(db, &cur);
	if (rc == 0 && cur > last)
		rc = MG_ESCHEMA;
	for (const struct db_migration *m = gen_migrations; rc == 0 && m->version; m++) {
		if (m->version <= cur)
			continue;
		rc = db_exec(db, m->sql);
		if (rc == 0) {
			snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", m->version);
			rc = db_exec(db, pragma);
		}
	}
	if (rc == 0 && cur < last)
		rc = db_foreign_keys_check(db);
	rc = db_finish(db, rc);
	if (db_exec(db, "PRAGMA foreign_keys=ON") != 0 && rc == 0)
		rc = MG_EDB;
	return rc;
}

/*
 * Make sure a new file is created 0600 (the registry holds 特定個人情報). An
 * existing empty file is a missing registry (a failed copy or restore, a
 * wiped file), not one to fill with a fresh schema, unless creating. A
 * folder, device or pipe is never a registry (its own message, not an I/O
 * error from deep inside SQLite); a symbolic link to nothing and a missing
 * folder are named as such. An existing file we may not write is
 * refused before SQLite opens it (db_writable), unless it is to be opened
 * read-only (never with DB_OPEN_CREATE).
 */
static int db_precreate(const char *path, unsigned flags)
{
	struct stat sb;
	int fd;

	if (stat(path, &sb) == 0) {
		if (!S_ISREG(sb.st_mode))
			return MG_EDB_NOTFILE;
		if (sb.st_size == 0 && !(flags & DB_OPEN_CREATE))
			return MG_ENOTFOUND;
		return (flags & DB_OPEN_READONLY) ? 0 : db_writable(path, 0);
	}
	if (errno == ENOTDIR)  /* a file where the path names a folder */
		return MG_EDB_NOFOLDER;
	if (errno != ENOENT)   /* a folder on the way we may not search: not "missing" */
		return MG_EIO;
	if (lstat(path, &sb) == 0)   /* a symbolic link to a file that is not there */
		return MG_EDB_BROKENLINK;
	if (!(flags & DB_OPEN_CREATE))
		return MG_ENOTFOUND;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == EEXIST ? 0 : errno == ENOENT || errno == ENOTDIR ? MG_EDB_NOFOLDER
		     : errno == EACCES || errno == EROFS || errno == EPERM ? MG_EREADONLY : MG_EIO;
	close(fd);
	return 0;
}

/*
 * Is this file a registry this program may use? Another program's file
 * (its own application id; tables but no schema version, as the CS
 * exchange; a schema version without the registry's tables) is
 * MG_EDB_FOREIGN, a registry of a newer program MG_ESCHEMA. Asked before
 * anything writes to the file, even its journal mode, so a swapped --db /
 * --cs or a refused registry changes nothing.
 */
static int db_foreign(struct db *db)
{
	sqlite3_stmt *st = NULL;
	int rc = db_map(sqlite3_prepare_v2(db->h,
	        "SELECT (SELECT user_version FROM pragma_user_version),"
	        " (SELECT application_id FROM pragma_application_id),"
	        " EXISTS (SELECT 1 FROM sqlite_master),"
	        " EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'municipality')",
	        -1, &st, NULL));

	if (rc == 0) {
		int src = sqlite3_step(st);

		if (src == SQLITE_ROW) {
			int version = sqlite3_column_int(st, 0);
			long long app = sqlite3_column_int64(st, 1);
			int tables = sqlite3_column_int(st, 2), ours = sqlite3_column_int(st, 3);

			if ((app != 0 && app != DB_APPLICATION_ID) || (version == 0 && tables) ||
			    (version > 0 && !ours))
				rc = MG_EDB_FOREIGN;
			else if (version > db_schema_last())
				rc = MG_ESCHEMA;
		} else {
			rc = db_map(src);
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * Process-wide settings, made before SQLite's first use (afterwards the
 * call is refused and changes nothing). No memory statistics: nothing here
 * reads them, and keeping them takes a global mutex on every allocation,
 * about 6 % of a 転入's instructions (issue 2).
 */
static void db_library_init(void)
{
	static int done;

	if (!done)
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	done = 1;
}

/* After each commit (sqlite3_wal_hook, which replaces SQLite's automatic
 * checkpoint): note the WAL's frames for db_idle, and checkpoint here only
 * past the backstop. A checkpoint that a reader stopped short leaves the
 * count as it is (db_idle finishes it later), and the commits wait for
 * DB_WAL_RETRY more frames, or a WAL started over, before the next try. */
static int db_wal_hook(void *arg, sqlite3 *h, const char *name, int frames)
{
	struct db *db = arg;
	int log = 0, done = 0;

	db->wal_frames = frames;
	if (frames < db->ckpt_short)          /* the WAL started over: no wait */
		db->ckpt_short = 0;
	if (frames < DB_WAL_BACKSTOP ||
	    (frames >= db->ckpt_short && frames < db->ckpt_short + DB_WAL_RETRY))
		return SQLITE_OK;
	if (sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, &log, &done) ==
	        SQLITE_OK && log == done) {
		db->wal_frames = 0;
		db->ckpt_short = 0;
	} else {
		db->ckpt_short = frames;
	}
	return SQLITE_OK;
}

int db_open(const char *path, unsigned flags, struct db **out)
{
	struct db *db = NULL;
	int oflags, rc;

	*out = NULL;
	rc = db_precreate(path, (flags & DB_OPEN_READONLY) ? flags & ~(unsigned)DB_OPEN_CREATE : flags);
	if (rc)
		return rc;
	db_library_init();
	db = calloc(1, sizeof *db);
	if (!db)
		return MG_ENOMEM;
	db->path = strdup(path);
	if (!db->path) {
		rc = MG_ENOMEM;
		goto fail;
	}
	oflags = (flags & DB_OPEN_READONLY) ? SQLITE_OPEN_READONLY
	                                   : SQLITE_OPEN_READWRITE;
	rc = db_map(sqlite3_open_v2(path, &db->h, oflags | SQLITE_OPEN_NOMUTEX, db_vfs_name()));
	if (rc)
		goto fail;
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, 5000);
	sqlite3_wal_hook(db->h, db_wal_hook, db);
	rc = db_exec(db, "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;"
	                 "PRAGMA trusted_schema=OFF;");
	if (rc == 0 && !(flags & DB_OPEN_NOMIGRATE))
		rc = db_foreign(db);
	if (rc == 0 && !(flags & DB_OPEN_READONLY))
		rc = db_exec(db, "PRAGMA synchronous=FULL");
	/* The migrations first, in the file's own journal mode: a migration
	 * that fails leaves a rollback-journal file as it was, header and all. */
	if (rc == 0 && !(flags & (DB_OPEN_READONLY | DB_OPEN_NOMIGRATE)))
		rc = db_migrate(db);
	if (rc == 0 && !(flags & DB_OPEN_READONLY)) {
		rc = db_exec(db, "PRAGMA journal_mode=WAL");
		if (rc == 0) {
			/* FULL is in effect (outside a transaction it always is) */
			int on = 1;

			(void)sqlite3_file_control(db->h, "main", DB_VFS_FCNTL_GATHER, &on);
		}
	}
	if (rc == 0)
		rc = db_map(sqlite3_prepare_v3(db->h, "ROLLBACK", -1, SQLITE_PREPARE_PERSISTENT,
		                               &db->rollback, NULL));
	if (rc)
		goto fail;
	*out = db;
	return 0;
fail:
	db_close(db);
	return rc;
}

int db_idle(struct db *db)
{
	int log = 0, done = 0, rc;

	if (!db || db->tx || db->wal_frames < DB_WAL_IDLE)
		return 0;
	rc = sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
	if (rc != SQLITE_OK)
		return db_map(rc);
	/* a reader still on older frames keeps the rest for the next call */
	if (log == done) {
		db->wal_frames = 0;
		db->ckpt_short = 0;
	}
	return 0;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	if (db->h) {
		db_rollback(db);
		db_cache_clear(db);
		sqlite3_finalize(db->rollback);
		sqlite3_close_v2(db->h);
	}
	free(db->path);
	free(db);
}
