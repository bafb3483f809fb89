/* db_household.c — the household table. */
#include "db/db_household.h"
#include "i18n/mg_rc.h"

#include <string.h>

int db_household_add(struct db *db, const struct db_household *h)
{
	static const char sql[] =
		"INSERT INTO household (setai_no, addr_code, banchi, katagaki, head_atena, created_on) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, h->setai_no);
	db_bind_text(st, 2, h->addr_code);
	db_bind_text(st, 3, h->banchi);
	db_bind_text(st, 4, h->katagaki);
	db_bind_text(st, 5, h->head_atena[0] ? h->head_atena : NULL);
	db_bind_text(st, 6, h->created_on);
	return db_step_done(st);
}

/* Copy a household row (out: struct db_household). */
static void household_read(sqlite3_stmt *st, void *p)
{
	struct db_household *out = p;

	db_col_copy(st, 0, out->setai_no, sizeof out->setai_no);
	db_col_copy(st, 1, out->addr_code, sizeof out->addr_code);
	db_col_copy(st, 2, out->banchi, sizeof out->banchi);
	db_col_copy(st, 3, out->katagaki, sizeof out->katagaki);
	db_col_copy(st, 4, out->head_atena, sizeof out->head_atena);
	db_col_copy(st, 5, out->created_on, sizeof out->created_on);
	db_col_copy(st, 6, out->closed_on, sizeof out->closed_on);
}

int db_household_get(struct db *db, const char *setai_no, struct db_household *out)
{
	static const char sql[] =
		"SELECT setai_no, addr_code, banchi, katagaki, head_atena, created_on, closed_on "
		"FROM household WHERE setai_no = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, setai_no);
	return db_step_one(st, household_read, out);
}

int db_household_head_left(struct db *db, const char *setai_no, char out[11])
{
	static const char sql[] =
		"SELECT coalesce(max(h.shojo_date), '') FROM person p JOIN resident_history h "
		"ON h.atena_no = p.atena_no AND h.rireki_no = p.rireki_no "
		"WHERE p.setai_no = ?1 AND p.state = 'jyohyo' AND h.zokugara = '世帯主'";
	sqlite3_stmt *st = db_stmt(db, sql);
	int src;

	out[0] = '\0';
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, setai_no);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		db_col_copy(st, 0, out, 11);
	sqlite3_reset(st);
	return src == SQLITE_ROW ? 0 : db_map(src);
}

/* Run a two-parameter UPDATE and require that it touched one row. */
static int update_one(struct db *db, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, a);
	db_bind_text(st, 2, b);
	rc = db_step_done(st);
	if (rc == 0 && sqlite3_changes(db->h) != 1)
		rc = MG_ENOTFOUND;
	return rc;
}

int db_household_set_head(struct db *db, const char *setai_no, const char *head_atena)
{
	static const char sql[] = "UPDATE household SET head_atena = ?2 WHERE setai_no = ?1";

	return update_one(db, sql, setai_no, head_atena && *head_atena ? head_atena : NULL);
}

int db_household_close(struct db *db, const char *setai_no, const char *day)
{
	static const char sql[] = "UPDATE household SET closed_on = ?2 WHERE setai_no = ?1";

	return update_one(db, sql, setai_no, day);
}

int db_household_pending_add(struct db *db, const struct db_setai_pending *p)
{
	static const char sql[] =
		"INSERT INTO setai_pending (leaving_atena, atena_no, setai_no, zokugara, head_atena, "
		"head_name, todoke_kind, todoke_date, uketsuke_no) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, p->leaving_atena);
	db_bind_text(st, 2, p->atena_no);
	db_bind_text(st, 3, p->setai_no);
	db_bind_text(st, 4, p->zokugara);
	db_bind_text(st, 5, p->head_atena);
	db_bind_text(st, 6, p->head_name);
	db_bind_text(st, 7, p->todoke_kind);
	db_bind_text(st, 8, p->todoke_date);
	db_bind_text(st, 9, p->uketsuke_no);
	return db_step_done(st);
}

int db_household_pending_walk(struct db *db, const char *leaving_atena,
                              int (*fn)(void *arg, const struct db_setai_pending *p), void *arg)
{
	/* Not cached: fn writes registry rows while the walk is open. */
	static const char sql[] =
		"SELECT leaving_atena, atena_no, setai_no, zokugara, head_atena, head_name, "
		"todoke_kind, todoke_date, uketsuke_no FROM setai_pending WHERE leaving_atena = ?1 "
		"ORDER BY zokugara <> '世帯主', atena_no";
	sqlite3_stmt *st = NULL;
	struct db_setai_pending p;
	int src, n = 0, rc = 0;

	src = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (src != SQLITE_OK)
		return db_map(src);
	db_bind_text(st, 1, leaving_atena);
	while (rc == 0 && (src = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&p, 0, sizeof p);
		db_col_copy(st, 0, p.leaving_atena, sizeof p.leaving_atena);
		db_col_copy(st, 1, p.atena_no, sizeof p.atena_no);
		db_col_copy(st, 2, p.setai_no, sizeof p.setai_no);
		db_col_copy(st, 3, p.zokugara, sizeof p.zokugara);
		db_col_copy(st, 4, p.head_atena, sizeof p.head_atena);
		db_col_copy(st, 5, p.head_name, sizeof p.head_name);
		db_col_copy(st, 6, p.todoke_kind, sizeof p.todoke_kind);
		db_col_copy(st, 7, p.todoke_date, sizeof p.todoke_date);
		db_col_copy(st, 8, p.uketsuke_no, sizeof p.uketsuke_no);
		n++;
		rc = fn ? fn(arg, &p) : 0;
	}
	if (rc == 0 && src != SQLITE_DONE)
		rc = db_map(src);
	sqlite3_finalize(st);
	return rc ? rc : n;
}

/* Copy the leaving 世帯主 of a pending row. */
static void pending_leaver_read(sqlite3_stmt *st, void *out)
{
	db_col_copy(st, 0, out, DB_HOUSEHOLD_ID_CAP);
}

int db_household_pending_named(struct db *db, const char *atena_no, char *leaving_atena)
{
	static const char sql[] =
		"SELECT leaving_atena FROM setai_pending WHERE head_atena = ?1 AND atena_no = ?1 "
		"ORDER BY leaving_atena LIMIT 1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, atena_no);
	return db_step_one(st, pending_leaver_read, leaving_atena);
}

int db_household_pending_drop(struct db *db, const char *leaving_atena)
{
	static const char sql[] = "DELETE FROM setai_pending WHERE leaving_atena = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, leaving_atena);
	return db_step_done(st);
}
