/* db_inbox.c — received messages. */
#include "db/db_inbox.h"
#include "i18n/mg_rc.h"

#include <string.h>

#define INFO_COLS \
	"msg_id, group_id, from_code, from_name, received_at, expires_on, consumed_by, " \
	"name, name_kana, birth, sex, is_head, zokugara, head_name, honseki, hittosha, " \
	"kojin_bango, juminhyo_code, prev_address, dest_address, planned_date, kokuho, " \
	"kouki, kaigo, nenkin_kind, kiso_nenkin_no, jidou_teate, card_holder, card_issued, " \
	"card_expiry, prev_katagaki"

/* Bind a seen record as ?1 … ?8 (msg_id, kind, from_code, received_at,
 * status, error, size, sha256). */
static void seen_bind(sqlite3_stmt *st, const struct db_seen *s)
{
	db_bind_text(st, 1, s->msg_id);
	db_bind_text(st, 2, s->kind ? s->kind : "");
	db_bind_text(st, 3, s->from_code ? s->from_code : "");
	db_bind_text(st, 4, s->received_at);
	db_bind_text(st, 5, s->status);
	db_bind_text(st, 6, s->error ? s->error : "");
	if (s->size >= 0)
		db_bind_int(st, 7, s->size);
	else
		sqlite3_bind_null(st, 7);
	db_bind_text(st, 8, s->sha256 && s->sha256[0] ? s->sha256 : NULL);
}

int db_inbox_seen(struct db *db, const struct db_seen *s)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO inbox_seen (msg_id, kind, from_code, received_at, status, "
		"error, size, sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	seen_bind(st, s);
	rc = db_step_done(st);
	if (rc)
		return rc;
	return sqlite3_changes(db->h) == 1;
}

int db_inbox_seen_prior(struct db *db, const char *msg_id, char status[16], char sha256[65])
{
	static const char sql[] =
		"SELECT status, coalesce(sha256, '') FROM inbox_seen WHERE msg_id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int src;

	status[0] = sha256[0] = '\0';
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, msg_id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		db_col_copy(st, 0, status, 16);
		db_col_copy(st, 1, sha256, 65);
	}
	sqlite3_reset(st);
	return src == SQLITE_ROW ? 1 : src == SQLITE_DONE ? 0 : db_map(src);
}

int db_inbox_seen_replace(struct db *db, const struct db_seen *s)
{
	static const char sql[] =
		"UPDATE inbox_seen SET kind = ?2, from_code = ?3, received_at = ?4, status = ?5, "
		"error = ?6, size = ?7, sha256 = ?8 WHERE msg_id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	seen_bind(st, s);
	return db_step_done(st);
}

int db_inbox_seen_error(struct db *db, const char *msg_id, const char *error)
{
	static const char sql[] = "UPDATE inbox_seen SET error = ?2 WHERE msg_id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, msg_id);
	db_bind_text(st, 2, error);
	return db_step_done(st);
}

int db_inbox_rejected_count(struct db *db, long long *n)
{
	static const char sql[] = "SELECT count(*) FROM inbox_seen WHERE status = 'rejected'";

	return db_count(db, sql, NULL, 0, n);
}

/* Bind a 転出証明書情報 as ?1 … ?31 in INFO_COLS order (?7, consumed_by, unbound). */
static void info_bind(sqlite3_stmt *st, const struct db_tenshutsu_info *t)
{
	db_bind_text(st, 1, t->msg_id);
	db_bind_text(st, 2, t->group_id);
	db_bind_text(st, 3, t->from_code);
	db_bind_text(st, 4, t->from_name);
	db_bind_text(st, 5, t->received_at);
	db_bind_text(st, 6, t->expires_on);
	db_bind_text(st, 8, t->name);
	db_bind_text(st, 9, t->name_kana);
	db_bind_text(st, 10, t->birth);
	db_bind_text(st, 11, t->sex);
	db_bind_int(st, 12, t->is_head);
	db_bind_text(st, 13, t->zokugara);
	db_bind_text(st, 14, t->head_name);
	db_bind_text(st, 15, t->honseki);
	db_bind_text(st, 16, t->hittosha);
	db_bind_text(st, 17, t->kojin_bango[0] ? t->kojin_bango : NULL);
	db_bind_text(st, 18, t->juminhyo_code[0] ? t->juminhyo_code : NULL);
	db_bind_text(st, 19, t->prev_address);
	db_bind_text(st, 20, t->dest_address);
	db_bind_text(st, 21, t->planned_date);
	db_bind_int(st, 22, t->kokuho);
	db_bind_int(st, 23, t->kouki);
	db_bind_int(st, 24, t->kaigo);
	db_bind_text(st, 25, t->nenkin_kind);
	db_bind_text(st, 26, t->kiso_nenkin_no);
	db_bind_int(st, 27, t->jidou_teate);
	db_bind_int(st, 28, t->card_holder);
	db_bind_text(st, 29, t->card_issued[0] ? t->card_issued : NULL);
	db_bind_text(st, 30, t->card_expiry[0] ? t->card_expiry : NULL);
	db_bind_text(st, 31, t->prev_katagaki);
}

int db_inbox_add_info(struct db *db, const struct db_tenshutsu_info *t)
{
	/* One row per person of a 転出 (sender, group, 住民票コード): the pushed copy
	 * and a copy sent on request (法24の2⑤⑥) are the same information. */
	static const char sql[] =
		"INSERT INTO tokurei_inbox (" INFO_COLS ") SELECT ?1, ?2, ?3, ?4, ?5, ?6, NULL, "
		"?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
		"?25, ?26, ?27, ?28, ?29, ?30, ?31 WHERE NOT EXISTS (SELECT 1 FROM tokurei_inbox "
		"WHERE from_code = ?3 AND group_id = ?2 AND juminhyo_code = ?18)";
	/* Both copies are made from the same row at the sender: any field that
	 * differs is damage or forgery (rv19cs 8), never a second version. */
	static const char differs[] =
		"SELECT count(*) FROM tokurei_inbox WHERE from_code = ?3 AND group_id = ?2 "
		"AND juminhyo_code = ?18 AND NOT (name IS ?8 AND name_kana IS ?9 AND birth IS ?10 "
		"AND sex IS ?11 AND is_head IS ?12 AND zokugara IS ?13 AND head_name IS ?14 "
		"AND honseki IS ?15 AND hittosha IS ?16 AND kojin_bango IS ?17 "
		"AND prev_address IS ?19 AND dest_address IS ?20 AND planned_date IS ?21 "
		"AND kokuho IS ?22 AND kouki IS ?23 AND kaigo IS ?24 AND nenkin_kind IS ?25 "
		"AND kiso_nenkin_no IS ?26 AND jidou_teate IS ?27 AND card_holder IS ?28 "
		"AND card_issued IS ?29 AND card_expiry IS ?30 AND prev_katagaki IS ?31 "
		"AND from_name IS ?4)";
	/* The copy held keeps the later of the two keeping periods: an answer to a
	 * request is kept longer than the push (see db_inbox.h). */
	static const char extend[] =
		"UPDATE tokurei_inbox SET expires_on = ?4 WHERE from_code = ?1 AND group_id = ?2 "
		"AND juminhyo_code = ?3 AND consumed_by IS NULL AND expires_on < ?4";
	sqlite3_stmt *st = db_stmt(db, sql);
	long long n = 0;
	int rc;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	info_bind(st, t);
	rc = db_step_done(st);
	if (rc || sqlite3_changes(db->h) > 0)
		return rc ? rc : 1;
	st = db_stmt(db, differs);
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	info_bind(st, t);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_map(rc);
	if (n > 0)
		return 2;
	st = db_stmt(db, extend);
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, t->from_code);
	db_bind_text(st, 2, t->group_id);
	db_bind_text(st, 3, t->juminhyo_code[0] ? t->juminhyo_code : NULL);
	db_bind_text(st, 4, t->expires_on);
	return db_step_done(st);
}

/* Copy a tokurei_inbox row selected with INFO_COLS (out: struct db_tenshutsu_info). */
static void info_read(sqlite3_stmt *st, void *out)
{
	struct db_tenshutsu_info *t = out;

	memset(t, 0, sizeof *t);
	db_col_copy(st, 0, t->msg_id, sizeof t->msg_id);
	db_col_copy(st, 1, t->group_id, sizeof t->group_id);
	db_col_copy(st, 2, t->from_code, sizeof t->from_code);
	db_col_copy(st, 3, t->from_name, sizeof t->from_name);
	db_col_copy(st, 4, t->received_at, sizeof t->received_at);
	db_col_copy(st, 5, t->expires_on, sizeof t->expires_on);
	db_col_copy(st, 6, t->consumed_by, sizeof t->consumed_by);
	db_col_copy(st, 7, t->name, sizeof t->name);
	db_col_copy(st, 8, t->name_kana, sizeof t->name_kana);
	db_col_copy(st, 9, t->birth, sizeof t->birth);
	db_col_copy(st, 10, t->sex, sizeof t->sex);
	t->is_head = sqlite3_column_int(st, 11);
	db_col_copy(st, 12, t->zokugara, sizeof t->zokugara);
	db_col_copy(st, 13, t->head_name, sizeof t->head_name);
	db_col_copy(st, 14, t->honseki, sizeof t->honseki);
	db_col_copy(st, 15, t->hittosha, sizeof t->hittosha);
	db_col_copy(st, 16, t->kojin_bango, sizeof t->kojin_bango);
	db_col_copy(st, 17, t->juminhyo_code, sizeof t->juminhyo_code);
	db_col_copy(st, 18, t->prev_address, sizeof t->prev_address);
	db_col_copy(st, 19, t->dest_address, sizeof t->dest_address);
	db_col_copy(st, 20, t->planned_date, sizeof t->planned_date);
	t->kokuho = sqlite3_column_int(st, 21);
	t->kouki = sqlite3_column_int(st, 22);
	t->kaigo = sqlite3_column_int(st, 23);
	db_col_copy(st, 24, t->nenkin_kind, sizeof t->nenkin_kind);
	db_col_copy(st, 25, t->kiso_nenkin_no, sizeof t->kiso_nenkin_no);
	t->jidou_teate = sqlite3_column_int(st, 26);
	t->card_holder = sqlite3_column_int(st, 27);
	db_col_copy(st, 28, t->card_issued, sizeof t->card_issued);
	db_col_copy(st, 29, t->card_expiry, sizeof t->card_expiry);
	db_col_copy(st, 30, t->prev_katagaki, sizeof t->prev_katagaki);
}

/* Run an info lookup by one key and the day it must still be kept on. */
static int info_one(struct db *db, const char *sql, const char *key, const char *day,
                    struct db_tenshutsu_info *out)
{
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	if (!key || !*key)
		return MG_ENOTFOUND;
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, day);
	return db_step_one(st, info_read, out);
}

int db_inbox_info_by_kojin(struct db *db, const char *kojin_bango, const char *day_iso,
                           struct db_tenshutsu_info *out)
{
	static const char sql[] =
		"SELECT " INFO_COLS " FROM tokurei_inbox WHERE kojin_bango = ?1 AND "
		"consumed_by IS NULL AND expires_on >= ?2 ORDER BY received_at DESC LIMIT 1";

	return info_one(db, sql, kojin_bango, day_iso, out);
}

int db_inbox_info_by_jcode(struct db *db, const char *juminhyo_code, const char *day_iso,
                           struct db_tenshutsu_info *out)
{
	static const char sql[] =
		"SELECT " INFO_COLS " FROM tokurei_inbox WHERE juminhyo_code = ?1 AND "
		"consumed_by IS NULL AND expires_on >= ?2 ORDER BY received_at DESC LIMIT 1";

	return info_one(db, sql, juminhyo_code, day_iso, out);
}

int db_inbox_info_group(struct db *db, const char *from_code, const char *group_id,
                        int (*fn)(void *arg, const struct db_tenshutsu_info *t), void *arg)
{
	/* A group id is the sender's 受付番号: unique only within its municipality. */
	static const char sql[] =
		"SELECT " INFO_COLS " FROM tokurei_inbox WHERE group_id = ?2 AND from_code = ?1 "
		"ORDER BY is_head DESC, birth, msg_id";
	sqlite3_stmt *st = db_stmt(db, sql);
	struct db_tenshutsu_info t;
	int n = 0, src;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, from_code);
	db_bind_text(st, 2, group_id);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		int rc;

		info_read(st, &t);
		n++;
		rc = fn ? fn(arg, &t) : 0;
		if (rc) {
			sqlite3_reset(st);
			return rc < 0 ? rc : n;   /* a callback's error code is the caller's */
		}
	}
	sqlite3_reset(st);
	return src == SQLITE_DONE ? n : db_map(src);
}

int db_inbox_info_consume(struct db *db, const char *msg_id, const char *uketsuke_no)
{
	static const char sql[] =
		"UPDATE tokurei_inbox SET consumed_by = ?2 WHERE msg_id = ?1 AND consumed_by IS NULL";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, msg_id);
	db_bind_text(st, 2, uketsuke_no);
	rc = db_step_done(st);
	if (rc == 0 && sqlite3_changes(db->h) != 1)
		rc = MG_ESTATE;
	return rc;
}

int db_inbox_info_expire(struct db *db, const char *today_iso, long long *n)
{
	static const char sql[] = "DELETE FROM tokurei_inbox WHERE expires_on < ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, today_iso);
	rc = db_step_done(st);
	if (rc == 0)
		*n = sqlite3_changes(db->h);
	return rc;
}

#define NOTICE_COLS \
	"msg_id, from_code, from_name, received_at, juminhyo_code, kojin_bango, name, birth, " \
	"sex, new_address, tennyu_date, notice_date, applied_by, atena_no, declined"

int db_inbox_add_notice(struct db *db, const struct db_notice *n)
{
	static const char sql[] =
		"INSERT INTO notice_inbox (" NOTICE_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
		"?9, ?10, ?11, ?12, NULL, NULL, NULL)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, n->msg_id);
	db_bind_text(st, 2, n->from_code);
	db_bind_text(st, 3, n->from_name);
	db_bind_text(st, 4, n->received_at);
	db_bind_text(st, 5, n->juminhyo_code[0] ? n->juminhyo_code : NULL);
	db_bind_text(st, 6, n->kojin_bango[0] ? n->kojin_bango : NULL);
	db_bind_text(st, 7, n->name);
	db_bind_text(st, 8, n->birth);
	db_bind_text(st, 9, n->sex);
	db_bind_text(st, 10, n->new_address);
	db_bind_text(st, 11, n->tennyu_date);
	db_bind_text(st, 12, n->notice_date);
	return db_step_done(st);
}

/* Copy a notice_inbox row selected with NOTICE_COLS (out: struct db_notice). */
static void notice_read(sqlite3_stmt *st, void *out)
{
	struct db_notice *n = out;

	memset(n, 0, sizeof *n);
	db_col_copy(st, 0, n->msg_id, sizeof n->msg_id);
	db_col_copy(st, 1, n->from_code, sizeof n->from_code);
	db_col_copy(st, 2, n->from_name, sizeof n->from_name);
	db_col_copy(st, 3, n->received_at, sizeof n->received_at);
	db_col_copy(st, 4, n->juminhyo_code, sizeof n->juminhyo_code);
	db_col_copy(st, 5, n->kojin_bango, sizeof n->kojin_bango);
	db_col_copy(st, 6, n->name, sizeof n->name);
	db_col_copy(st, 7, n->birth, sizeof n->birth);
	db_col_copy(st, 8, n->sex, sizeof n->sex);
	db_col_copy(st, 9, n->new_address, sizeof n->new_address);
	db_col_copy(st, 10, n->tennyu_date, sizeof n->tennyu_date);
	db_col_copy(st, 11, n->notice_date, sizeof n->notice_date);
	db_col_copy(st, 12, n->applied_by, sizeof n->applied_by);
	db_col_copy(st, 13, n->atena_no, sizeof n->atena_no);
	db_col_copy(st, 14, n->declined, sizeof n->declined);
}

int db_inbox_notices(struct db *db, int pending_only,
                     int (*fn)(void *arg, const struct db_notice *n), void *arg)
{
	static const char sql[] =
		"SELECT " NOTICE_COLS " FROM notice_inbox WHERE (?1 = 0 OR applied_by IS NULL) "
		"ORDER BY received_at, msg_id";
	sqlite3_stmt *st = db_stmt(db, sql);
	struct db_notice n;
	int cnt = 0, src;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_int(st, 1, pending_only);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		notice_read(st, &n);
		cnt++;
		if (fn && fn(arg, &n))
			break;
	}
	sqlite3_reset(st);
	return src == SQLITE_ROW || src == SQLITE_DONE ? cnt : db_map(src);
}

int db_inbox_notice(struct db *db, const char *msg_id, struct db_notice *out)
{
	static const char sql[] = "SELECT " NOTICE_COLS " FROM notice_inbox WHERE msg_id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, msg_id);
	return db_step_one(st, notice_read, out);
}

int db_inbox_notice_applied(struct db *db, const char *msg_id, const char *uketsuke_no,
                            const char *atena_no, const char *declined)
{
	static const char sql[] =
		"UPDATE notice_inbox SET applied_by = ?2, atena_no = ?3, declined = ?4 "
		"WHERE msg_id = ?1 AND applied_by IS NULL";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, msg_id);
	db_bind_text(st, 2, uketsuke_no);
	db_bind_text(st, 3, atena_no && atena_no[0] ? atena_no : NULL);
	db_bind_text(st, 4, declined && declined[0] ? declined : NULL);
	rc = db_step_done(st);
	if (rc == 0 && sqlite3_changes(db->h) != 1)
		rc = MG_ESTATE;
	return rc;
}

int db_inbox_notices_pending_for(struct db *db, const char *juminhyo_code,
                                 const char *kojin_bango,
                                 int (*fn)(void *arg, const struct db_notice *n), void *arg)
{
	static const char sql[] =
		"SELECT " NOTICE_COLS " FROM notice_inbox WHERE applied_by IS NULL AND "
		"(juminhyo_code = ?1 OR kojin_bango = ?2) ORDER BY received_at, msg_id";
	sqlite3_stmt *st = db_stmt(db, sql);
	struct db_notice n;
	int cnt = 0, src;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, juminhyo_code && juminhyo_code[0] ? juminhyo_code : NULL);
	db_bind_text(st, 2, kojin_bango && kojin_bango[0] ? kojin_bango : NULL);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		cnt++;
		if (!fn)
			continue;
		notice_read(st, &n);
		if (fn(arg, &n))
			break;
	}
	sqlite3_reset(st);
	return src == SQLITE_ROW || src == SQLITE_DONE ? cnt : db_map(src);
}

int db_inbox_notice_pending_for(struct db *db, const char *juminhyo_code,
                                const char *kojin_bango)
{
	int n = db_inbox_notices_pending_for(db, juminhyo_code, kojin_bango, NULL, NULL);

	return n < 0 ? n : n > 0;
}
