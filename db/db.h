/*
 * db.h — the SQLite connection: open, pragmas, migrations, transactions,
 * a prepared-statement cache and SQLite → mg_rc mapping. The only layer
 * that contains SQL is db/ (ARCHITECTURE.md §1).
 */
#ifndef DB_H
#define DB_H

#include <sqlite3.h>

/* One numbered migration (db/schema/NNN_name.sql, embedded by the build). */
struct db_migration {
	int version;        /* NNN, strictly increasing */
	const char *name;   /* file name, for messages */
	const char *sql;    /* statements, run in one transaction */
};

/* The generated list, ended by a row with version 0. */
extern const struct db_migration gen_migrations[];

#define DB_STMT_CACHE 160

struct db {
	sqlite3 *h;                           /* the connection */
	char *path;                           /* file path (new, owned) */
	int tx;                               /* 1 inside db_begin … commit/rollback */
	const char *cache_sql[DB_STMT_CACHE]; /* cache keys: SQL literal addresses */
	sqlite3_stmt *cache_stmt[DB_STMT_CACHE]; /* prepared statements */
	sqlite3_stmt *rollback;               /* ROLLBACK, prepared at open, never evicted */
	int wal_frames;                       /* frames in the WAL after the last commit */
	int ckpt_short;                       /* frames at the backstop's last short checkpoint */
};

/*
 * When a connection checkpoints its WAL into the database file. SQLite's own
 * automatic checkpoint runs inside the committing call once the WAL holds
 * 1000 frames, so one commit in some fifty carries the copying and the
 * database file's fsync, and that is the commit a clerk waits on. A registry
 * connection leaves that work to db_idle, which the terminal's loop calls
 * when no key has come for a second; a commit checkpoints by itself only
 * past the backstop, for a program that never idles.
 */
#define DB_WAL_IDLE     1000   /* frames from which db_idle checkpoints */
#define DB_WAL_BACKSTOP 4000   /* frames from which a commit checkpoints itself */
#define DB_WAL_RETRY    1000   /* frames before a short backstop checkpoint is tried again */

/* PRAGMA application_id of a registry ("MDGC"; set by migration 018). */
#define DB_APPLICATION_ID 0x4D444743

enum db_open_flags {
	DB_OPEN_CREATE   = 1,   /* create the file if missing (mode 0600) */
	DB_OPEN_READONLY = 2,   /* open read-only; no migration is run */
	DB_OPEN_NOMIGRATE = 4,  /* a plain connection (e.g. the CS exchange file) */
};

/*
 * db_open — open a registry file, set the pragmas (WAL, synchronous=FULL,
 * foreign_keys=ON, secure_delete=ON, busy timeout 5 s) and apply the
 * pending migrations in one transaction.
 * OUT: *out, new, close with db_close. Returns 0, MG_ENOTFOUND (no file and
 * no DB_OPEN_CREATE), MG_ESCHEMA (the file is newer than this program),
 * MG_EDB_FOREIGN (not a registry: another program's application id,
 * tables but no schema version, or a schema version without the registry's
 * tables; the CS exchange; not checked with DB_OPEN_NOMIGRATE),
 * MG_EDB_NOTDB (not an SQLite file), MG_EDB_NOTFILE, MG_EDB_NOFOLDER (the
 * folder does not exist), MG_EDB_BROKENLINK (a symbolic link to nothing),
 * MG_EREADONLY (the file or its -wal/-shm may not be written; checked
 * before SQLite opens it), MG_ECORRUPT, MG_EBUSY,
 * MG_ENOMEM or MG_EDB. Every refusal writes nothing to the file, not even
 * its journal mode: a rollback-journal file is switched to WAL only after
 * the migrations committed. Blocks up to the busy timeout.
 */
int db_open(const char *path, unsigned flags, struct db **out);

/*
 * db_idle — checkpoint the WAL (passive: waits for no one, stops at the
 * oldest reader) when the last commit left DB_WAL_IDLE frames or more in it.
 * Does nothing inside a transaction or on NULL. Returns 0, or a code
 * (MG_EBUSY when another connection was checkpointing); what is left is
 * tried again by the next call.
 */
int db_idle(struct db *db);

/* db_close — finalise the cached statements and close. Accepts NULL. */
void db_close(struct db *db);

/*
 * db_begin — BEGIN IMMEDIATE (takes the write lock now, so a workflow never
 * fails half-way on a lock). Returns 0 or a mapped code; MG_ESTATE when a
 * transaction is already open.
 */
int db_begin(struct db *db);

/* db_commit — COMMIT; on failure the transaction is rolled back. */
int db_commit(struct db *db);

/* db_rollback — ROLLBACK if a transaction is open; always leaves none open. */
void db_rollback(struct db *db);

/*
 * db_finish — COMMIT when rc is 0, else ROLLBACK; returns the final code.
 * The usual tail of a multi-step write: `return db_finish(db, rc);`.
 */
int db_finish(struct db *db, int rc);

/*
 * db_stmt — a prepared statement for a SQL string literal, cached by the
 * literal's address and reset with its bindings cleared. Borrowed: valid
 * until the next db_stmt of another literal may evict it (only when the cache
 * is full, and never a statement being stepped) or db_close; do not
 * finalize. Returns NULL on failure, with the connection's error code set.
 */
sqlite3_stmt *db_stmt(struct db *db, const char *sql);

/* db_map — map a SQLite result code to an mg_rc code (SQLITE_OK/ROW/DONE → 0). */
int db_map(int sqlite_rc);

/* db_step_done — step a write statement to SQLITE_DONE and reset it; 0 or a mapped code. */
int db_step_done(sqlite3_stmt *st);

/*
 * db_count — run sql, a query of one integer (count(*) and the like), with
 * the n texts v bound as ?1 … ?n (NULL binds NULL). OUT: *out (0 for no row
 * or NULL). Returns 0 or a mapped code.
 */
int db_count(struct db *db, const char *sql, const char *const *v, int n, long long *out);

/* db_row_fn — copy the current row of st into out. */
typedef void (*db_row_fn)(sqlite3_stmt *st, void *out);

/*
 * db_step_one — step a bound statement expected to give at most one row:
 * copy it with fn into out, then reset the statement. Returns 0,
 * MG_ENOTFOUND (no row), MG_ENOMEM (a bind failed), or a mapped code.
 */
int db_step_one(sqlite3_stmt *st, db_row_fn fn, void *out);

/* db_exec — run SQL text with no results; returns 0 or a mapped code. */
int db_exec(struct db *db, const char *sql);

/*
 * db_migration_functions — register on h the SQL functions a migration may
 * call (mg_name_key: the written-name key, 019 and 020); only a migration's
 * own statements can call them. Returns 0 or a mapped code.
 */
int db_migration_functions(sqlite3 *h);

/* db_schema_version — the applied migration number. OUT: *version. */
int db_schema_version(struct db *db, int *version);

/* db_integrity_ok — 1 when PRAGMA integrity_check says "ok", else 0. */
int db_integrity_ok(struct db *db);

/*
 * db_quick_check — PRAGMA quick_check over the whole file (every page and
 * row, not the index contents; seconds on a 1M registry). Returns 0 when it
 * says "ok", MG_ECORRUPT when it names a fault or the file cannot be read
 * as a database, else a mapped code. Writes nothing.
 */
int db_quick_check(struct db *db);

/*
 * db_writable — 0 when the effective user may write the file at path and
 * its -wal and -shm files where they exist (and, with folder set, the
 * folder SQLite makes them in: a symbolic link's target's folder).
 * MG_EREADONLY when not, MG_EIO when it cannot tell. Called before SQLite
 * touches a file: opening a read-only file leaves read-only -wal and -shm
 * files that keep every later open failing after the file itself is made
 * writable.
 */
int db_writable(const char *path, int folder);

/* db_errmsg — SQLite's last error text, for the log file only (never the screen). */
const char *db_errmsg(struct db *db);

/*
 * db_bind_check — MG_ENOMEM (and st reset) when a db_bind_* since the last
 * check failed, else 0. db_step_done calls it; readers call it before their
 * first step, so a failed bind never runs a statement with NULL in its place.
 */
int db_bind_check(sqlite3_stmt *st);

/* Binding helpers: NULL text binds NULL. Return the SQLite code (a failure is
 * remembered for db_bind_check). */
int db_bind_text(sqlite3_stmt *st, int i, const char *s);
int db_bind_int(sqlite3_stmt *st, int i, long long v);

/* db_col_text — a column as a new string (NULL column → NULL). Sets *rc on OOM. */
char *db_col_dup(sqlite3_stmt *st, int i, int *rc);

/* db_col_copy — copy a text column into buf (cap bytes incl. NUL; "" for NULL). */
void db_col_copy(sqlite3_stmt *st, int i, char *buf, unsigned cap);

#endif
