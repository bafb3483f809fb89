/* db_cert.c — certificates and the form register. */
#include "db/db_cert.h"
#include "i18n/mg_rc.h"

#include <string.h>

int db_cert_add(struct db *db, const char *kind, const char *uketsuke_no,
                const char *issued_on, const char *const *atena, const int *rireki,
                int n, long long *serial)
{
	static const char sql_c[] =
		"INSERT INTO tenshutsu_cert (kind, uketsuke_no, issued_on) VALUES (?1, ?2, ?3)";
	static const char sql_p[] =
		"INSERT INTO tenshutsu_cert_person (serial, seq, atena_no, rireki_no) "
		"VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = db_stmt(db, sql_c);
	int rc;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, kind);
	db_bind_text(st, 2, uketsuke_no);
	db_bind_text(st, 3, issued_on);
	rc = db_step_done(st);
	if (rc)
		return rc;
	*serial = sqlite3_last_insert_rowid(db->h);
	for (int i = 0; i < n && rc == 0; i++) {
		st = db_stmt(db, sql_p);
		if (!st)
			return db_map(sqlite3_errcode(db->h));
		db_bind_int(st, 1, *serial);
		db_bind_int(st, 2, i + 1);
		db_bind_text(st, 3, atena[i]);
		db_bind_int(st, 4, rireki[i]);
		rc = db_step_done(st);
	}
	return rc;
}

int db_cert_get(struct db *db, long long serial, struct db_cert *c,
                int (*fn)(void *arg, const char *atena, int rireki), void *arg)
{
	static const char sql_c[] =
		"SELECT serial, kind, uketsuke_no, issued_on FROM tenshutsu_cert WHERE serial = ?1";
	static const char sql_p[] =
		"SELECT atena_no, rireki_no FROM tenshutsu_cert_person WHERE serial = ?1 ORDER BY seq";
	sqlite3_stmt *st = db_stmt(db, sql_c);
	int src;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_int(st, 1, serial);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		c->serial = sqlite3_column_int64(st, 0);
		db_col_copy(st, 1, c->kind, sizeof c->kind);
		db_col_copy(st, 2, c->uketsuke_no, sizeof c->uketsuke_no);
		db_col_copy(st, 3, c->issued_on, sizeof c->issued_on);
	}
	sqlite3_reset(st);
	if (src != SQLITE_ROW)
		return src == SQLITE_DONE ? MG_ENOTFOUND : db_map(src);
	st = db_stmt(db, sql_p);
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_int(st, 1, serial);
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		if (fn && fn(arg, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1)))
			break;
	sqlite3_reset(st);
	return src == SQLITE_ROW || src == SQLITE_DONE ? 0 : db_map(src);
}

int db_cert_register_form(struct db *db, const struct db_form *f)
{
	static const char sql[] =
		"INSERT INTO form_register (form_kind, form_serial, uketsuke_no, issued_at, operator, "
		"terminal, copies, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, f->form_kind);
	db_bind_text(st, 2, f->form_serial);
	db_bind_text(st, 3, f->uketsuke_no[0] ? f->uketsuke_no : NULL);
	db_bind_text(st, 4, f->issued_at);
	db_bind_text(st, 5, f->operator_id);
	db_bind_text(st, 6, f->terminal);
	db_bind_int(st, 7, f->copies > 0 ? f->copies : 1);
	db_bind_text(st, 8, f->note);
	return db_step_done(st);
}

int db_cert_form_count(struct db *db, const char *form_kind, long long *n)
{
	static const char sql[] = "SELECT count(*) FROM form_register WHERE form_kind = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int src;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, form_kind);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return src == SQLITE_ROW ? 0 : db_map(src);
}

int db_cert_form_last(struct db *db, const char *form_kind, const char *form_serial,
                      struct db_form *out)
{
	static const char sql[] =
		"SELECT form_kind, form_serial, uketsuke_no, issued_at, operator, terminal, copies, "
		"note FROM form_register WHERE form_kind = ?1 AND form_serial = ?2 "
		"ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int src;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, form_kind);
	db_bind_text(st, 2, form_serial);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		db_col_copy(st, 0, out->form_kind, sizeof out->form_kind);
		db_col_copy(st, 1, out->form_serial, sizeof out->form_serial);
		db_col_copy(st, 2, out->uketsuke_no, sizeof out->uketsuke_no);
		db_col_copy(st, 3, out->issued_at, sizeof out->issued_at);
		db_col_copy(st, 4, out->operator_id, sizeof out->operator_id);
		db_col_copy(st, 5, out->terminal, sizeof out->terminal);
		out->copies = sqlite3_column_int(st, 6);
		db_col_copy(st, 7, out->note, sizeof out->note);
	}
	sqlite3_reset(st);
	if (src == SQLITE_ROW)
		return 0;
	return src == SQLITE_DONE ? MG_ENOTFOUND : db_map(src);
}
