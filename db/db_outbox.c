/* db_outbox.c — the outbox and the CS exchange file. */
#include "db/db_outbox.h"
#include "i18n/mg_rc.h"

#include <stdint.h>
#include <string.h>

int db_outbox_add(struct db *db, const struct db_message *m)
{
	static const char sql[] =
		"INSERT INTO outbox (msg_id, kind, to_code, created_at, uketsuke_no, payload) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, m->msg_id);
	db_bind_text(st, 2, m->kind);
	db_bind_text(st, 3, m->to_code);
	db_bind_text(st, 4, m->created_at);
	db_bind_text(st, 5, m->uketsuke_no[0] ? m->uketsuke_no : NULL);
	db_bind_text(st, 6, m->payload ? m->payload : "");
	return db_step_done(st);
}

/* Walk message rows (msg_id, kind, from, to, created_at, uketsuke, payload). */
static int msg_walk(sqlite3_stmt *st, int (*fn)(void *arg, const struct db_message *m),
                    void *arg)
{
	struct db_message m;
	int n = 0, src;

	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&m, 0, sizeof m);
		db_col_copy(st, 0, m.msg_id, sizeof m.msg_id);
		db_col_copy(st, 1, m.kind, sizeof m.kind);
		db_col_copy(st, 2, m.from_code, sizeof m.from_code);
		db_col_copy(st, 3, m.to_code, sizeof m.to_code);
		db_col_copy(st, 4, m.created_at, sizeof m.created_at);
		db_col_copy(st, 5, m.uketsuke_no, sizeof m.uketsuke_no);
		m.payload = (char *)(uintptr_t)sqlite3_column_text(st, 6);
		n++;
		if (fn) {
			int rc = fn(arg, &m);

			if (rc) {
				sqlite3_reset(st);
				return rc < 0 ? rc : n;
			}
		}
	}
	sqlite3_reset(st);
	return src == SQLITE_DONE ? n : db_map(src);
}

int db_outbox_unsent(struct db *db, int (*fn)(void *arg, const struct db_message *m), void *arg)
{
	static const char sql[] =
		"SELECT msg_id, kind, '', to_code, created_at, uketsuke_no, payload FROM outbox "
		"ORDER BY created_at, msg_id";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	return msg_walk(st, fn, arg);
}

/* The outbox holds only undelivered messages: a delivered one moves to
 * outbox_sent without its payload (two statements; the caller's
 * transaction makes them one). */
int db_outbox_mark_sent(struct db *db, const char *msg_id, const char *sent_at)
{
	static const char copy[] =
		"INSERT INTO outbox_sent (msg_id, kind, to_code, created_at, uketsuke_no, sent_at) "
		"SELECT msg_id, kind, to_code, created_at, uketsuke_no, ?2 FROM outbox "
		"WHERE msg_id = ?1 ON CONFLICT (msg_id) DO NOTHING";
	static const char drop[] = "DELETE FROM outbox WHERE msg_id = ?1";
	sqlite3_stmt *st = db_stmt(db, copy);
	int rc;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, msg_id);
	db_bind_text(st, 2, sent_at);
	rc = db_step_done(st);
	if (rc)
		return rc;
	st = db_stmt(db, drop);
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, msg_id);
	return db_step_done(st);
}

int db_outbox_cs_open(const char *path, struct db **out)
{
	static const char schema[] =
		"CREATE TABLE IF NOT EXISTS message ("
		"  msg_id TEXT PRIMARY KEY, kind TEXT NOT NULL, from_code TEXT NOT NULL,"
		"  to_code TEXT NOT NULL, created_at TEXT NOT NULL, uketsuke_no TEXT,"
		"  payload TEXT NOT NULL, posted_at TEXT NOT NULL, fetched_at TEXT);"
		"CREATE INDEX IF NOT EXISTS message_to ON message(to_code, fetched_at);";
	struct db *cs = NULL;
	int rc;

	rc = db_open(path, DB_OPEN_CREATE | DB_OPEN_NOMIGRATE, &cs);
	if (rc == 0)
		rc = db_exec(cs, schema);
	if (rc) {
		db_close(cs);
		return rc;
	}
	*out = cs;
	return 0;
}

int db_outbox_cs_post(struct db *cs, const struct db_message *m, const char *posted_at)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO message (msg_id, kind, from_code, to_code, created_at, "
		"uketsuke_no, payload, posted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st = db_stmt(cs, sql);

	if (!st)
		return db_map(sqlite3_errcode(cs->h));
	db_bind_text(st, 1, m->msg_id);
	db_bind_text(st, 2, m->kind);
	db_bind_text(st, 3, m->from_code);
	db_bind_text(st, 4, m->to_code);
	db_bind_text(st, 5, m->created_at);
	db_bind_text(st, 6, m->uketsuke_no[0] ? m->uketsuke_no : NULL);
	db_bind_text(st, 7, m->payload ? m->payload : "");
	db_bind_text(st, 8, posted_at);
	return db_step_done(st);
}

int db_outbox_cs_pending(struct db *cs, const char *to_code,
                         int (*fn)(void *arg, const struct db_message *m), void *arg)
{
	static const char sql[] =
		"SELECT msg_id, kind, from_code, to_code, created_at, coalesce(uketsuke_no, ''), "
		"payload FROM message WHERE to_code = ?1 AND fetched_at IS NULL "
		"ORDER BY posted_at, msg_id";
	sqlite3_stmt *st = db_stmt(cs, sql);

	if (!st)
		return db_map(sqlite3_errcode(cs->h));
	db_bind_text(st, 1, to_code);
	return msg_walk(st, fn, arg);
}

int db_outbox_cs_ack(struct db *cs, const char *msg_id, const char *fetched_at)
{
	static const char sql[] =
		"UPDATE message SET fetched_at = ?2, payload = '' WHERE msg_id = ?1 "
		"AND fetched_at IS NULL";
	sqlite3_stmt *st = db_stmt(cs, sql);

	if (!st)
		return db_map(sqlite3_errcode(cs->h));
	db_bind_text(st, 1, msg_id);
	db_bind_text(st, 2, fetched_at);
	return db_step_done(st);
}

int db_outbox_cs_count(struct db *cs, const char *from_code, const char *to_code,
                       const char *kind, long long *n)
{
	static const char sql[] =
		"SELECT count(*) FROM message WHERE (?1 IS NULL OR from_code = ?1) "
		"AND (?2 IS NULL OR to_code = ?2) AND (?3 IS NULL OR kind = ?3)";
	sqlite3_stmt *st = db_stmt(cs, sql);
	int src;

	if (!st)
		return db_map(sqlite3_errcode(cs->h));
	db_bind_text(st, 1, from_code);
	db_bind_text(st, 2, to_code);
	db_bind_text(st, 3, kind);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return src == SQLITE_ROW ? 0 : db_map(src);
}
