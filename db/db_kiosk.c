/* db_kiosk.c — kiosk applications (see db_kiosk.h). */
#include "db/db_kiosk.h"
#include "i18n/mg_rc.h"

#include <string.h>

#define KIOSK_COLS \
	"kiosk_no, kind, state, name, address, birth, sex, kojin_bango, card_expiry, " \
	"verdict, move_date, addr_code, banchi, katagaki, dest_address, dest_muni_code, " \
	"household, n_members, terminal, created_at, created_on, expires_on, picked_by, " \
	"picked_at, done_uketsuke, done_at"

int db_kiosk_add(struct db *db, const struct db_kiosk *k)
{
	static const char sql[] =
		"INSERT INTO kiosk_app (" KIOSK_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
		"?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
		"?25, ?26)";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, k->kiosk_no);
	db_bind_text(st, 2, k->kind);
	db_bind_text(st, 3, k->state[0] ? k->state : "pending");
	db_bind_text(st, 4, k->name);
	db_bind_text(st, 5, k->address);
	db_bind_text(st, 6, k->birth);
	db_bind_text(st, 7, k->sex);
	db_bind_text(st, 8, k->kojin_bango);
	db_bind_text(st, 9, k->card_expiry);
	db_bind_int(st, 10, k->verdict);
	db_bind_text(st, 11, k->move_date);
	db_bind_text(st, 12, k->addr_code);
	db_bind_text(st, 13, k->banchi);
	db_bind_text(st, 14, k->katagaki);
	db_bind_text(st, 15, k->dest_address);
	db_bind_text(st, 16, k->dest_muni_code);
	db_bind_int(st, 17, k->household);
	db_bind_int(st, 18, k->n_members);
	db_bind_text(st, 19, k->terminal);
	db_bind_text(st, 20, k->created_at);
	db_bind_text(st, 21, k->created_on);
	db_bind_text(st, 22, k->expires_on);
	db_bind_text(st, 23, k->picked_by);
	db_bind_text(st, 24, k->picked_at);
	db_bind_text(st, 25, k->done_uketsuke);
	db_bind_text(st, 26, k->done_at);
	rc = db_step_done(st);
	if (rc == MG_ECONSTRAINT &&
	    sqlite3_extended_errcode(db->h) == SQLITE_CONSTRAINT_PRIMARYKEY)
		rc = MG_EEXISTS;
	return rc;
}

/* Copy a row of KIOSK_COLS into *k. */
static void kiosk_read(sqlite3_stmt *st, struct db_kiosk *k)
{
	memset(k, 0, sizeof *k);
	db_col_copy(st, 0, k->kiosk_no, sizeof k->kiosk_no);
	db_col_copy(st, 1, k->kind, sizeof k->kind);
	db_col_copy(st, 2, k->state, sizeof k->state);
	db_col_copy(st, 3, k->name, sizeof k->name);
	db_col_copy(st, 4, k->address, sizeof k->address);
	db_col_copy(st, 5, k->birth, sizeof k->birth);
	db_col_copy(st, 6, k->sex, sizeof k->sex);
	db_col_copy(st, 7, k->kojin_bango, sizeof k->kojin_bango);
	db_col_copy(st, 8, k->card_expiry, sizeof k->card_expiry);
	k->verdict = sqlite3_column_int(st, 9);
	db_col_copy(st, 10, k->move_date, sizeof k->move_date);
	db_col_copy(st, 11, k->addr_code, sizeof k->addr_code);
	db_col_copy(st, 12, k->banchi, sizeof k->banchi);
	db_col_copy(st, 13, k->katagaki, sizeof k->katagaki);
	db_col_copy(st, 14, k->dest_address, sizeof k->dest_address);
	db_col_copy(st, 15, k->dest_muni_code, sizeof k->dest_muni_code);
	k->household = sqlite3_column_int(st, 16);
	k->n_members = sqlite3_column_int(st, 17);
	db_col_copy(st, 18, k->terminal, sizeof k->terminal);
	db_col_copy(st, 19, k->created_at, sizeof k->created_at);
	db_col_copy(st, 20, k->created_on, sizeof k->created_on);
	db_col_copy(st, 21, k->expires_on, sizeof k->expires_on);
	db_col_copy(st, 22, k->picked_by, sizeof k->picked_by);
	db_col_copy(st, 23, k->picked_at, sizeof k->picked_at);
	db_col_copy(st, 24, k->done_uketsuke, sizeof k->done_uketsuke);
	db_col_copy(st, 25, k->done_at, sizeof k->done_at);
}

int db_kiosk_get(struct db *db, const char *kiosk_no, struct db_kiosk *out)
{
	static const char sql[] = "SELECT " KIOSK_COLS " FROM kiosk_app WHERE kiosk_no = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int src;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, kiosk_no);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		kiosk_read(st, out);
	sqlite3_reset(st);
	if (src == SQLITE_DONE)
		return MG_ENOTFOUND;
	return src == SQLITE_ROW ? 0 : db_map(src);
}

int db_kiosk_list_open(struct db *db, const char *today_iso, db_kiosk_fn fn, void *arg)
{
	static const char sql[] =
		"SELECT " KIOSK_COLS " FROM kiosk_app WHERE state <> 'done' AND expires_on >= ?1 "
		"ORDER BY created_at, kiosk_no";
	sqlite3_stmt *st = db_stmt(db, sql);
	struct db_kiosk k;
	int n = 0, src, r = 0;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, today_iso);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		kiosk_read(st, &k);
		n++;
		r = fn ? fn(arg, &k) : 0;
		if (r)
			break;
	}
	sqlite3_reset(st);
	explicit_bzero(&k, sizeof k);
	if (r)
		return r;
	return src == SQLITE_ROW || src == SQLITE_DONE ? n : db_map(src);
}

/* The state of an application into state[16]. 0, MG_ENOTFOUND or a db code. */
static int kiosk_state(struct db *db, const char *kiosk_no, char *state)
{
	static const char sql[] = "SELECT state FROM kiosk_app WHERE kiosk_no = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int src;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, kiosk_no);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		db_col_copy(st, 0, state, 16);
	sqlite3_reset(st);
	if (src == SQLITE_DONE)
		return MG_ENOTFOUND;
	return src == SQLITE_ROW ? 0 : db_map(src);
}

/* Move an application that is not done yet on (sql: ?1 number, ?2 who or
 * what, ?3 when); MG_ESTATE once it is done. */
static int kiosk_advance(struct db *db, const char *sql, const char *kiosk_no, const char *v2,
                         const char *at)
{
	sqlite3_stmt *st;
	char state[16] = "";
	int rc = kiosk_state(db, kiosk_no, state);

	if (rc)
		return rc;
	if (strcmp(state, "done") == 0)
		return MG_ESTATE;
	st = db_stmt(db, sql);
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, kiosk_no);
	db_bind_text(st, 2, v2);
	db_bind_text(st, 3, at);
	return db_step_done(st);
}

int db_kiosk_set_picked(struct db *db, const char *kiosk_no, const char *operator_id,
                        const char *at)
{
	return kiosk_advance(db,
	                     "UPDATE kiosk_app SET state = 'picked', picked_by = ?2, picked_at = ?3 "
	                     "WHERE kiosk_no = ?1 AND state <> 'done'",
	                     kiosk_no, operator_id ? operator_id : "", at);
}

int db_kiosk_set_done(struct db *db, const char *kiosk_no, const char *uketsuke_no,
                      const char *at)
{
	/* the registry holds the 異動 now: the card data and answers go (the 個人番号
	 * column keeps its length check with a placeholder; secure_delete is on) */
	return kiosk_advance(db,
	                     "UPDATE kiosk_app SET state = 'done', done_uketsuke = ?2, done_at = ?3, "
	                     "name = '', address = '', birth = '', sex = '0', "
	                     "kojin_bango = '000000000000', card_expiry = '', move_date = '', "
	                     "addr_code = '', banchi = '', katagaki = '', dest_address = '', "
	                     "dest_muni_code = '' "
	                     "WHERE kiosk_no = ?1 AND state <> 'done'",
	                     kiosk_no, uketsuke_no, at);
}

int db_kiosk_purge(struct db *db, const char *today_iso, long long *n)
{
	static const char sql[] = "DELETE FROM kiosk_app WHERE expires_on < ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (n)
		*n = 0;
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, today_iso);
	rc = db_step_done(st);
	if (rc == 0 && n)
		*n = sqlite3_changes(db->h);
	return rc;
}
