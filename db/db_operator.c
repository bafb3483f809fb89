/* db_operator.c — operators, their failed-login counts and locks, settings. */
#include "db/db_operator.h"
#include "db/db.h"
#include "i18n/mg_rc.h"

#include <string.h>

#define DB_OPERATOR_COLS \
	"id, name, role, pw_hash, failures, locked, coalesce(locked_at, 0)," \
	" coalesce(last_failure_at, 0), coalesce(last_login_at, 0), created_at, pw_changed_at"

/* The code of a failed prepare. */
static int db_operator_prep_rc(struct db *db)
{
	int rc = db_map(sqlite3_errcode(db->h));

	return rc ? rc : MG_EDB;
}

/* Run a write statement and report MG_ENOTFOUND when it changed no row. */
static int db_operator_write_one(struct db *db, sqlite3_stmt *st)
{
	int rc = db_step_done(st);

	if (rc == 0 && sqlite3_changes(db->h) == 0)
		rc = MG_ENOTFOUND;
	return rc;
}

/* Copy the current row of a DB_OPERATOR_COLS statement into *r. */
static void db_operator_from_stmt(sqlite3_stmt *st, struct db_operator_row *r)
{
	memset(r, 0, sizeof *r);
	db_col_copy(st, 0, r->id, sizeof r->id);
	db_col_copy(st, 1, r->name, sizeof r->name);
	db_col_copy(st, 2, r->role, sizeof r->role);
	db_col_copy(st, 3, r->pw_hash, sizeof r->pw_hash);
	r->failures = sqlite3_column_int(st, 4);
	r->locked = sqlite3_column_int(st, 5);
	r->locked_at = sqlite3_column_int64(st, 6);
	r->last_failure_at = sqlite3_column_int64(st, 7);
	r->last_login_at = sqlite3_column_int64(st, 8);
	r->created_at = sqlite3_column_int64(st, 9);
	r->pw_changed_at = sqlite3_column_int64(st, 10);
}

int db_operator_insert(struct db *db, const struct db_operator_row *r)
{
	static const char sql[] =
		"INSERT INTO operator (id, name, role, pw_hash, failures, locked, locked_at,"
		" created_at, pw_changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, 0), ?8, ?9)";
	static const char exists_sql[] = "SELECT 1 FROM operator WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(db, exists_sql);
	int src;

	if (!st)
		return db_operator_prep_rc(db);
	db_bind_text(st, 1, r->id);
	src = sqlite3_step(st);
	sqlite3_reset(st);
	if (src == SQLITE_ROW)
		return MG_EEXISTS;
	if (src != SQLITE_DONE)
		return db_map(src);
	st = db_stmt(db, sql);
	if (!st)
		return db_operator_prep_rc(db);
	db_bind_text(st, 1, r->id);
	db_bind_text(st, 2, r->name);
	db_bind_text(st, 3, r->role);
	db_bind_text(st, 4, r->pw_hash);
	db_bind_int(st, 5, r->failures);
	db_bind_int(st, 6, r->locked);
	db_bind_int(st, 7, r->locked_at);
	db_bind_int(st, 8, r->created_at);
	db_bind_int(st, 9, r->pw_changed_at);
	return db_step_done(st);
}

int db_operator_get(struct db *db, const char *id, struct db_operator_row *out)
{
	static const char sql[] = "SELECT " DB_OPERATOR_COLS " FROM operator WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int src, rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return db_operator_prep_rc(db);
	db_bind_text(st, 1, id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		db_operator_from_stmt(st, out);
		rc = 0;
	} else {
		rc = src == SQLITE_DONE ? MG_ENOTFOUND : db_map(src);
	}
	sqlite3_reset(st);
	return rc;
}

int db_operator_set_hash(struct db *db, const char *id, const char *pw_hash, long long now)
{
	static const char sql[] =
		"UPDATE operator SET pw_hash = ?2, pw_changed_at = ?3, failures = 0 WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_operator_prep_rc(db);
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, pw_hash);
	db_bind_int(st, 3, now);
	return db_operator_write_one(db, st);
}

int db_operator_set_name(struct db *db, const char *id, const char *name)
{
	static const char sql[] = "UPDATE operator SET name = ?2 WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_operator_prep_rc(db);
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, name);
	return db_operator_write_one(db, st);
}

int db_operator_set_role(struct db *db, const char *id, const char *role)
{
	static const char sql[] = "UPDATE operator SET role = ?2 WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_operator_prep_rc(db);
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, role);
	return db_operator_write_one(db, st);
}

int db_operator_set_locked(struct db *db, const char *id, int locked, long long now)
{
	static const char lock_sql[] =
		"UPDATE operator SET locked = 1, locked_at = ?2 WHERE id = ?1";
	static const char unlock_sql[] =
		"UPDATE operator SET locked = 0, locked_at = NULL, failures = 0 WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(db, locked ? lock_sql : unlock_sql);

	if (!st)
		return db_operator_prep_rc(db);
	db_bind_text(st, 1, id);
	if (locked)
		db_bind_int(st, 2, now);
	return db_operator_write_one(db, st);
}

int db_operator_fail(struct db *db, const char *id, int threshold, long long now,
                     int *failures, int *locked)
{
	/* One statement: concurrent terminals cannot lose a count. */
	static const char sql[] =
		"UPDATE operator SET failures = failures + 1, last_failure_at = ?3,"
		" locked = CASE WHEN ?2 > 0 AND failures + 1 >= ?2 THEN 1 ELSE locked END,"
		" locked_at = CASE WHEN locked = 0 AND ?2 > 0 AND failures + 1 >= ?2 THEN ?3"
		"             ELSE locked_at END"
		" WHERE id = ?1 RETURNING failures, locked";
	sqlite3_stmt *st = db_stmt(db, sql);
	int src, rc;

	if (!st)
		return db_operator_prep_rc(db);
	db_bind_text(st, 1, id);
	db_bind_int(st, 2, threshold);
	db_bind_int(st, 3, now);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		if (failures)
			*failures = sqlite3_column_int(st, 0);
		if (locked)
			*locked = sqlite3_column_int(st, 1);
		src = sqlite3_step(st);
		rc = src == SQLITE_DONE ? 0 : db_map(src);
	} else {
		rc = src == SQLITE_DONE ? MG_ENOTFOUND : db_map(src);
	}
	sqlite3_reset(st);
	return rc;
}

int db_operator_success(struct db *db, const char *id, long long now)
{
	static const char sql[] =
		"UPDATE operator SET failures = 0, last_login_at = ?2 WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_operator_prep_rc(db);
	db_bind_text(st, 1, id);
	db_bind_int(st, 2, now);
	return db_operator_write_one(db, st);
}

int db_operator_list(struct db *db, int (*fn)(void *arg, const struct db_operator_row *r),
                     void *arg)
{
	static const char sql[] = "SELECT " DB_OPERATOR_COLS " FROM operator ORDER BY id";
	struct db_operator_row r;
	sqlite3_stmt *st = NULL;
	int src, rc = 0;

	/* Not cached: fn may use the cached statements. */
	src = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (src != SQLITE_OK)
		return db_map(src);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		db_operator_from_stmt(st, &r);
		rc = fn(arg, &r);
		if (rc)
			break;
	}
	if (rc == 0 && src != SQLITE_DONE)
		rc = db_map(src);
	sqlite3_finalize(st);
	explicit_bzero(r.pw_hash, sizeof r.pw_hash);
	return rc;
}

int db_operator_count(struct db *db, const char *role, int *n)
{
	static const char sql[] =
		"SELECT count(*) FROM operator WHERE ?1 IS NULL OR role = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int src;

	*n = 0;
	if (!st)
		return db_operator_prep_rc(db);
	db_bind_text(st, 1, role);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*n = sqlite3_column_int(st, 0);
		src = SQLITE_DONE;
	}
	sqlite3_reset(st);
	return src == SQLITE_DONE ? 0 : db_map(src);
}

int db_operator_setting_put(struct db *db, const char *key, const char *value,
                            const char *by, long long now)
{
	static const char sql[] =
		"INSERT INTO setting (key, value, changed_at, changed_by) VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value,"
		" changed_at = excluded.changed_at, changed_by = excluded.changed_by";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_operator_prep_rc(db);
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, value);
	db_bind_int(st, 3, now);
	db_bind_text(st, 4, by ? by : "");
	return db_step_done(st);
}

int db_operator_setting_get(struct db *db, const char *key, char *value, size_t cap)
{
	static const char sql[] = "SELECT value FROM setting WHERE key = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int src, rc;

	if (cap)
		value[0] = '\0';
	if (!st)
		return db_operator_prep_rc(db);
	db_bind_text(st, 1, key);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		db_col_copy(st, 0, value, (unsigned)cap);
		rc = 0;
	} else {
		rc = src == SQLITE_DONE ? MG_ENOTFOUND : db_map(src);
	}
	sqlite3_reset(st);
	return rc;
}
