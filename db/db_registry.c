/* db_registry.c — municipality, 町字 master, counters, closing days, 受付. */
#include "db/db_registry.h"
#include "i18n/mg_rc.h"

#include <string.h>

int db_registry_set_muni(struct db *db, const char *code, const char *name,
                         const char *pref_name, const char *created_at)
{
	static const char sql[] =
		"INSERT INTO municipality (id, code, name, pref_name, created_at) "
		"VALUES (1, ?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, pref_name ? pref_name : "");
	db_bind_text(st, 4, created_at);
	rc = db_step_done(st);
	return rc == MG_ECONSTRAINT ? MG_EEXISTS : rc;
}

int db_registry_muni(struct db *db, char *code, char *name, size_t name_cap)
{
	static const char sql[] = "SELECT code, name FROM municipality WHERE id = 1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int src;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		db_col_copy(st, 0, code, 7);
		db_col_copy(st, 1, name, (unsigned)name_cap);
	}
	sqlite3_reset(st);
	if (src == SQLITE_DONE)
		return MG_ENOTINIT;
	return src == SQLITE_ROW ? 0 : db_map(src);
}

int db_registry_mode(struct db *db, char *mode)
{
	static const char sql[] = "SELECT mode FROM municipality WHERE id = 1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int src;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		db_col_copy(st, 0, mode, 16);
	sqlite3_reset(st);
	if (src == SQLITE_DONE)
		return MG_ENOTINIT;
	return src == SQLITE_ROW ? 0 : db_map(src);
}

int db_registry_set_mode(struct db *db, const char *mode)
{
	static const char sql[] = "UPDATE municipality SET mode = ?1 WHERE id = 1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, mode);
	rc = db_step_done(st);
	if (rc == 0 && sqlite3_changes(db->h) != 1)
		rc = MG_ENOTINIT;
	return rc;
}

int db_registry_add_machiaza(struct db *db, const struct db_machiaza *m)
{
	static const char sql[] =
		"INSERT INTO machiaza (code, name, kana, postal_code, search_key) "
		"VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, m->code);
	db_bind_text(st, 2, m->name);
	db_bind_text(st, 3, m->kana);
	db_bind_text(st, 4, m->postal_code);
	db_bind_text(st, 5, m->search_key);
	return db_step_done(st);
}

/* Copy a machiaza row (columns code, name, kana, postal_code, search_key; out: struct db_machiaza). */
static void machiaza_read(sqlite3_stmt *st, void *out)
{
	struct db_machiaza *m = out;

	db_col_copy(st, 0, m->code, sizeof m->code);
	db_col_copy(st, 1, m->name, sizeof m->name);
	db_col_copy(st, 2, m->kana, sizeof m->kana);
	db_col_copy(st, 3, m->postal_code, sizeof m->postal_code);
	db_col_copy(st, 4, m->search_key, sizeof m->search_key);
}

/* Run a one-parameter machiaza lookup. */
static int machiaza_one(struct db *db, const char *sql, const char *key, struct db_machiaza *out)
{
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, key);
	return db_step_one(st, machiaza_read, out);
}

int db_registry_machiaza(struct db *db, const char *code, struct db_machiaza *out)
{
	static const char sql[] =
		"SELECT code, name, kana, postal_code, search_key FROM machiaza WHERE code = ?1";

	return machiaza_one(db, sql, code, out);
}

int db_registry_machiaza_by_name(struct db *db, const char *name, struct db_machiaza *out)
{
	static const char sql[] =
		"SELECT code, name, kana, postal_code, search_key FROM machiaza WHERE name = ?1 "
		"ORDER BY code LIMIT 1";

	return machiaza_one(db, sql, name, out);
}

int db_registry_machiaza_list(struct db *db,
                              int (*fn)(void *arg, const struct db_machiaza *m), void *arg)
{
	static const char sql[] =
		"SELECT code, name, kana, postal_code, search_key FROM machiaza ORDER BY code";
	sqlite3_stmt *st = db_stmt(db, sql);
	struct db_machiaza m;
	int n = 0, src;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&m, 0, sizeof m);
		machiaza_read(st, &m);
		n++;
		if (fn && fn(arg, &m))
			break;
	}
	sqlite3_reset(st);
	return src == SQLITE_ROW || src == SQLITE_DONE ? n : db_map(src);
}

static void registry_value_row(sqlite3_stmt *st, void *out)
{
	*(long long *)out = sqlite3_column_int64(st, 0);
}

int db_registry_next(struct db *db, const char *counter, long long *value)
{
	/* Three plain statements rather than one UPSERT … RETURNING, which
	 * builds an ephemeral table and a statement journal on every call: a
	 * 転入 draws five numbers, and that made them cost more than its checks. */
	static const char up[] = "UPDATE counter SET value = value + 1 WHERE name = ?1";
	static const char get[] = "SELECT value FROM counter WHERE name = ?1";
	static const char add[] = "INSERT INTO counter (name, value) VALUES (?1, 1)";
	sqlite3_stmt *st = db_stmt(db, up);
	int rc;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, counter);
	rc = db_step_done(st);
	if (rc == 0 && sqlite3_changes(db->h) == 0) {
		st = db_stmt(db, add);
		if (!st)
			return db_map(sqlite3_errcode(db->h));
		db_bind_text(st, 1, counter);
		rc = db_step_done(st);
		if (rc == 0)
			*value = 1;
		return rc;
	}
	if (rc)
		return rc;
	st = db_stmt(db, get);
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, counter);
	return db_step_one(st, registry_value_row, value);
}

int db_registry_add_closing_day(struct db *db, const char *day, const char *reason)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO closing_day (day, reason) VALUES (?1, ?2)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, day);
	db_bind_text(st, 2, reason ? reason : "");
	return db_step_done(st);
}

int db_registry_closing_days(struct db *db, int (*fn)(void *arg, const char *day), void *arg)
{
	static const char sql[] = "SELECT day FROM closing_day ORDER BY day";
	sqlite3_stmt *st = db_stmt(db, sql);
	int n = 0, src;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		if (fn && fn(arg, (const char *)sqlite3_column_text(st, 0)))
			break;
	}
	sqlite3_reset(st);
	return src == SQLITE_ROW || src == SQLITE_DONE ? n : db_map(src);
}

int db_registry_add_uketsuke(struct db *db, const struct db_uketsuke *u)
{
	static const char sql[] =
		"INSERT INTO uketsuke (uketsuke_no, workflow, todoke_date, shori_date, operator, "
		"terminal, alerts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, u->uketsuke_no);
	db_bind_text(st, 2, u->workflow);
	db_bind_text(st, 3, u->todoke_date);
	db_bind_text(st, 4, u->shori_date);
	db_bind_text(st, 5, u->operator_id);
	db_bind_text(st, 6, u->terminal);
	db_bind_text(st, 7, u->alerts);
	return db_step_done(st);
}

/* Copy an uketsuke row (out: struct db_uketsuke). */
static void uketsuke_read(sqlite3_stmt *st, void *p)
{
	struct db_uketsuke *out = p;

	db_col_copy(st, 0, out->uketsuke_no, sizeof out->uketsuke_no);
	db_col_copy(st, 1, out->workflow, sizeof out->workflow);
	db_col_copy(st, 2, out->todoke_date, sizeof out->todoke_date);
	db_col_copy(st, 3, out->shori_date, sizeof out->shori_date);
	db_col_copy(st, 4, out->operator_id, sizeof out->operator_id);
	db_col_copy(st, 5, out->terminal, sizeof out->terminal);
	db_col_copy(st, 6, out->alerts, sizeof out->alerts);
}

int db_registry_uketsuke(struct db *db, const char *no, struct db_uketsuke *out)
{
	static const char sql[] =
		"SELECT uketsuke_no, workflow, todoke_date, shori_date, operator, terminal, alerts "
		"FROM uketsuke WHERE uketsuke_no = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, no);
	return db_step_one(st, uketsuke_read, out);
}
