/* db_resident.c — resident history rows, the current pointer, and search. */
#include "db/db_resident.h"
#include "i18n/mg_rc.h"

#include <stddef.h>
#include <string.h>

/* Column kinds: text NOT NULL, nullable text ("" ↔ NULL), integer. */
enum col_kind { COL_TEXT, COL_NULLABLE, COL_INT };

struct col {
	const char *name;     /* column name */
	size_t off;           /* offset in struct db_resident */
	size_t cap;           /* buffer size for text */
	enum col_kind kind;
};

#define T(f) { #f, offsetof(struct db_resident, f), sizeof(((struct db_resident *)0)->f), COL_TEXT }
#define N(f) { #f, offsetof(struct db_resident, f), sizeof(((struct db_resident *)0)->f), COL_NULLABLE }
#define I(f) { #f, offsetof(struct db_resident, f), 0, COL_INT }

/* Every column of resident_history, in the order of the SQL below. */
static const struct col cols[] = {
	T(atena_no), I(rireki_no), T(name), T(name_kana), T(birth), T(sex),
	T(setai_no), T(zokugara), T(head_name), T(honseki), T(hittosha),
	N(kojin_bango), N(juminhyo_code), T(addr_code), T(addr_text), T(katagaki),
	T(postal_code), T(jumin_date), T(jusho_date), T(prev_address), T(prev_muni_code),
	N(dest_planned), N(dest_muni_code), N(dest_planned_date), N(dest_confirmed),
	N(moved_date_confirmed), N(notice_date), I(tokurei), I(kokuho), I(kouki), I(kaigo),
	T(nenkin_kind), T(kiso_nenkin_no), I(jidou_teate), N(card_issued), N(card_expiry),
	T(idou_jiyu), T(idou_date), T(todoke_date), T(shori_date), T(todoke_kind),
	T(state), N(shojo_jiyu), N(shojo_date), T(uketsuke_no), T(name_key), T(kana_key),
};
#define NCOLS (sizeof cols / sizeof cols[0])

#define H_COLS \
	"h.atena_no, h.rireki_no, h.name, h.name_kana, h.birth, h.sex, " \
	"h.setai_no, h.zokugara, h.head_name, h.honseki, h.hittosha, " \
	"h.kojin_bango, h.juminhyo_code, h.addr_code, h.addr_text, h.katagaki, " \
	"h.postal_code, h.jumin_date, h.jusho_date, h.prev_address, h.prev_muni_code, " \
	"h.dest_planned, h.dest_muni_code, h.dest_planned_date, h.dest_confirmed, " \
	"h.moved_date_confirmed, h.notice_date, h.tokurei, h.kokuho, h.kouki, h.kaigo, " \
	"h.nenkin_kind, h.kiso_nenkin_no, h.jidou_teate, h.card_issued, h.card_expiry, " \
	"h.idou_jiyu, h.idou_date, h.todoke_date, h.shori_date, h.todoke_kind, " \
	"h.state, h.shojo_jiyu, h.shojo_date, h.uketsuke_no, h.name_key, h.kana_key"

static const char sql_insert[] =
	"INSERT INTO resident_history (atena_no, rireki_no, name, name_kana, birth, sex, "
	"setai_no, zokugara, head_name, honseki, hittosha, kojin_bango, juminhyo_code, "
	"addr_code, addr_text, katagaki, postal_code, jumin_date, jusho_date, prev_address, "
	"prev_muni_code, dest_planned, dest_muni_code, dest_planned_date, dest_confirmed, "
	"moved_date_confirmed, notice_date, tokurei, kokuho, kouki, kaigo, nenkin_kind, "
	"kiso_nenkin_no, jidou_teate, card_issued, card_expiry, idou_jiyu, idou_date, "
	"todoke_date, shori_date, todoke_kind, state, shojo_jiyu, shojo_date, uketsuke_no, "
	"name_key, kana_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
	"?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

static const char sql_person_new[] =
	"INSERT INTO person (atena_no, rireki_no, state, setai_no) VALUES (?1, ?2, ?3, ?4)";
static const char sql_person_move[] =
	"UPDATE person SET rireki_no = ?2, state = ?3, setai_no = ?4 "
	"WHERE atena_no = ?1 AND rireki_no = ?2 - 1";

static const char sql_current[] =
	"SELECT " H_COLS " FROM person p JOIN resident_history h "
	"ON h.atena_no = p.atena_no AND h.rireki_no = p.rireki_no WHERE p.atena_no = ?1";
static const char sql_get[] =
	"SELECT " H_COLS " FROM resident_history h WHERE h.atena_no = ?1 AND h.rireki_no = ?2";
static const char sql_history[] =
	"SELECT " H_COLS " FROM resident_history h WHERE h.atena_no = ?1 ORDER BY h.rireki_no";
/* The 宛名番号 of the newest history row with an identifier. max() with a
 * bare column takes it from that row; ORDER BY rireki_no DESC LIMIT 1 would
 * sort through a temporary b-tree, built anew by each 転入's duplicate check.
 * One row always: a NULL 宛名番号 means none. */
static const char sql_by_kojin[] =
	"SELECT atena_no, max(rireki_no) FROM resident_history WHERE kojin_bango = ?1";
static const char sql_by_jcode[] =
	"SELECT atena_no, max(rireki_no) FROM resident_history WHERE juminhyo_code = ?1";
static const char sql_by_3items[] =
	"SELECT " H_COLS " FROM resident_history h JOIN person p "
	"ON p.atena_no = h.atena_no AND p.rireki_no = h.rireki_no "
	"WHERE h.name_key = ?1 AND h.birth = ?2 AND h.sex = ?3 ORDER BY h.kana_key, h.atena_no";
static const char sql_household[] =
	"SELECT " H_COLS " FROM person p JOIN resident_history h "
	"ON h.atena_no = p.atena_no AND h.rireki_no = p.rireki_no "
	"WHERE p.setai_no = ?1 AND p.state IN ('current', 'yotei') ORDER BY h.birth, h.atena_no";
static const char sql_yotei_due[] =
	"SELECT " H_COLS " FROM person p JOIN resident_history h "
	"ON h.atena_no = p.atena_no AND h.rireki_no = p.rireki_no "
	"WHERE p.state = 'yotei' AND h.dest_planned_date <= ?1 ORDER BY h.dest_planned_date, p.atena_no";
/* The terms repeat rh_unnotified's WHERE so that the planner may use it. */
static const char sql_unnotified[] =
	"SELECT " H_COLS " FROM resident_history h JOIN person p "
	"ON p.atena_no = h.atena_no AND p.rireki_no = h.rireki_no "
	"WHERE h.dest_planned_date IS NOT NULL AND h.notice_date IS NULL "
	"AND h.state IN ('yotei', 'jyohyo') AND h.dest_planned_date BETWEEN ?1 AND ?2 "
	"AND (h.state = 'yotei' OR h.shojo_jiyu = 'tenshutsu') "
	"ORDER BY h.dest_planned_date, h.atena_no";
static const char sql_count[] = "SELECT count(*) FROM person";
/* Persons demo-seed wrote: their first row's 受付番号 is "SEED-" + 世帯番号. */
static const char sql_seeded[] =
	"SELECT count(*) FROM resident_history WHERE rireki_no = 1 AND uketsuke_no GLOB 'SEED-*'";
static const char sql_tokurei_group[] =
	"SELECT " H_COLS " FROM resident_history h WHERE h.uketsuke_no = ?1 AND h.tokurei = 1 "
	"ORDER BY h.atena_no";

/* Search statements: the policy (app/search.c) guarantees a birth date or a
 * 町字, so one of them leads the index; the name keys are prefix ranges
 * [prefix, prefix || U+10FFFF): a bound of U+FFFF would leave out every key
 * that goes on with a character beyond the BMP (𠮷, an IVS), whose UTF-8
 * sorts above it. The remaining criteria filter. */
#define S_JOIN \
	" FROM resident_history h JOIN person p ON p.atena_no = h.atena_no AND p.rireki_no = h.rireki_no"
#define S_KANA " h.kana_key >= ?1 AND h.kana_key < ?1 || char(1114111)"
#define S_NAME " h.name_key >= ?2 AND h.name_key < ?2 || char(1114111)"
#define S_FILTER " AND (?6 = '' OR h.sex = ?6) AND (?7 OR h.state <> 'jyohyo')"
#define S_TAIL S_FILTER " ORDER BY h.kana_key, h.atena_no LIMIT ?8"
static const char sql_s_birth_name[] =
	"SELECT " H_COLS S_JOIN " WHERE h.birth = ?4 AND" S_NAME
	" AND (?5 = '' OR h.addr_code = ?5)" S_TAIL;
/* rh_birth is (birth, name_key, kana_key): a reading is compared inside the
 * index first (a covering scan of that birth date's entries), so only the
 * rows that match are read. Written as one join, SQLite would read every
 * row of the date before comparing: a WITHOUT ROWID table has no deferred
 * seek. LIMIT -1 keeps the subquery from being flattened into the join.
 * The written name is the alternative of a reading typed in kana (?2 set
 * too): the same scan compares both keys. */
static const char sql_s_birth_kana[] =
	"SELECT " H_COLS " FROM (SELECT atena_no AS a, rireki_no AS r FROM resident_history"
	" WHERE birth = ?4 AND (kana_key >= ?1 AND kana_key < ?1 || char(1114111)"
	" OR ?2 <> '' AND name_key >= ?2 AND name_key < ?2 || char(1114111)) LIMIT -1) k"
	" JOIN resident_history h ON h.atena_no = k.a AND h.rireki_no = k.r"
	" JOIN person p ON p.atena_no = h.atena_no AND p.rireki_no = h.rireki_no"
	" WHERE (?5 = '' OR h.addr_code = ?5)" S_TAIL;
static const char sql_s_addr_kana[] =
	"SELECT " H_COLS S_JOIN " WHERE h.addr_code = ?5 AND" S_KANA S_TAIL;
static const char sql_s_addr_name[] =
	"SELECT " H_COLS S_JOIN " WHERE h.addr_code = ?5 AND" S_NAME S_TAIL;
/* A reading and a written name in one 町字: each arm walks its own index in
 * its key's range; the compound's ORDER BY merges them (the reading's arm
 * comes in rh_addr_kana's order, so the LIMIT can stop it early), and UNION
 * drops a row both arms found. As one WHERE with an OR, SQLite would walk
 * every entry of the 町字 in rh_addr_kana. */
static const char sql_s_addr_either[] =
	"SELECT " H_COLS S_JOIN " WHERE h.addr_code = ?5 AND" S_KANA S_FILTER
	" UNION SELECT " H_COLS S_JOIN " WHERE h.addr_code = ?5 AND" S_NAME S_FILTER
	" ORDER BY h.kana_key, h.atena_no LIMIT ?8";
/* The unary + keeps SQLite from walking the whole 町字 in rh_addr_kana to
 * spare the sort of the few rows of one birth date. */
static const char sql_s_birth_addr[] =
	"SELECT " H_COLS S_JOIN " WHERE h.birth = ?4 AND +h.addr_code = ?5" S_TAIL;

/* Fill a row struct from a statement whose columns are H_COLS (out: struct db_resident). */
static void row_read(sqlite3_stmt *st, void *out)
{
	struct db_resident *r = out;

	memset(r, 0, sizeof *r);
	for (unsigned i = 0; i < NCOLS; i++) {
		char *base = (char *)r + cols[i].off;

		if (cols[i].kind == COL_INT)
			*(int *)(void *)base = sqlite3_column_int(st, (int)i);
		else
			db_col_copy(st, (int)i, base, (unsigned)cols[i].cap);
	}
}

/* Bind every column of a row to the insert statement. */
static int row_bind(sqlite3_stmt *st, const struct db_resident *r)
{
	int rc = SQLITE_OK;

	for (unsigned i = 0; i < NCOLS && rc == SQLITE_OK; i++) {
		const char *base = (const char *)r + cols[i].off;

		switch (cols[i].kind) {
		case COL_INT:
			rc = sqlite3_bind_int(st, (int)i + 1, *(const int *)(const void *)base);
			break;
		case COL_NULLABLE:
			rc = db_bind_text(st, (int)i + 1, base[0] ? base : NULL);
			break;
		case COL_TEXT:
			rc = db_bind_text(st, (int)i + 1, base);
			break;
		}
	}
	return db_map(rc);
}

/* Step a statement that returns H_COLS rows; call fn for each. Returns the count or a code. */
static int rows_walk(struct db *db, sqlite3_stmt *st, db_resident_fn fn, void *arg)
{
	struct db_resident r;
	int n = 0, src;

	(void)db;
	if (db_bind_check(st))
		return MG_ENOMEM;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		int rc;

		row_read(st, &r);
		n++;
		rc = fn ? fn(arg, &r) : 0;
		if (rc) {
			sqlite3_reset(st);
			return rc;
		}
	}
	sqlite3_reset(st);
	return src == SQLITE_DONE ? n : db_map(src);
}

int db_resident_append(struct db *db, const struct db_resident *r)
{
	sqlite3_stmt *st = db_stmt(db, sql_insert);
	int rc;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	rc = row_bind(st, r);
	if (rc == 0)
		rc = db_step_done(st);
	if (rc)
		return rc;
	st = db_stmt(db, r->rireki_no == 1 ? sql_person_new : sql_person_move);
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, r->atena_no);
	db_bind_int(st, 2, r->rireki_no);
	db_bind_text(st, 3, r->state);
	db_bind_text(st, 4, r->setai_no);
	rc = db_step_done(st);
	if (rc == 0 && r->rireki_no > 1 && sqlite3_changes(db->h) != 1)
		rc = MG_ESTATE;   /* not the next 履歴番号: someone else moved the person */
	return rc;
}

int db_resident_current(struct db *db, const char *atena_no, struct db_resident *out)
{
	sqlite3_stmt *st = db_stmt(db, sql_current);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, atena_no);
	return db_step_one(st, row_read, out);
}

int db_resident_get(struct db *db, const char *atena_no, int rireki_no,
                    struct db_resident *out)
{
	sqlite3_stmt *st = db_stmt(db, sql_get);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, atena_no);
	db_bind_int(st, 2, rireki_no);
	return db_step_one(st, row_read, out);
}

int db_resident_history(struct db *db, const char *atena_no, db_resident_fn fn, void *arg)
{
	sqlite3_stmt *st = db_stmt(db, sql_history);
	int n;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, atena_no);
	n = rows_walk(db, st, fn, arg);
	return n < 0 ? n : 0;
}

/* Find the 宛名番号 by a single-key statement, then its current row. */
static int by_key(struct db *db, const char *sql, const char *key, struct db_resident *out)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	char atena[DB_ID_CAP];
	int src;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	if (!key || !*key)
		return MG_ENOTFOUND;
	db_bind_text(st, 1, key);
	if (db_bind_check(st))
		return MG_ENOMEM;
	src = sqlite3_step(st);
	if (src != SQLITE_ROW || sqlite3_column_type(st, 0) == SQLITE_NULL) {
		sqlite3_reset(st);
		return src == SQLITE_DONE || src == SQLITE_ROW ? MG_ENOTFOUND : db_map(src);
	}
	db_col_copy(st, 0, atena, sizeof atena);
	sqlite3_reset(st);
	return db_resident_current(db, atena, out);
}

int db_resident_by_kojin(struct db *db, const char *kojin_bango, struct db_resident *out)
{
	return by_key(db, sql_by_kojin, kojin_bango, out);
}

int db_resident_by_jcode(struct db *db, const char *juminhyo_code, struct db_resident *out)
{
	return by_key(db, sql_by_jcode, juminhyo_code, out);
}

int db_resident_by_3items(struct db *db, const char *name_key, const char *birth,
                          const char *sex, db_resident_fn fn, void *arg)
{
	sqlite3_stmt *st = db_stmt(db, sql_by_3items);
	int n;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, name_key);
	db_bind_text(st, 2, birth);
	db_bind_text(st, 3, sex);
	n = rows_walk(db, st, fn, arg);
	return n < 0 ? n : 0;
}

int db_resident_household(struct db *db, const char *setai_no, db_resident_fn fn, void *arg)
{
	sqlite3_stmt *st = db_stmt(db, sql_household);
	int n;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, setai_no);
	n = rows_walk(db, st, fn, arg);
	return n < 0 ? n : 0;
}

const char *db_resident_search_sql(const struct db_resident_query *q)
{
	/* Equality on the birth date or the 町字 leads; a name key narrows it.
	 * Both name keys are alternatives (db_resident_search). */
	if (q->birth[0] && q->kana_prefix[0])
		return sql_s_birth_kana;
	if (q->birth[0] && q->name_prefix[0])
		return sql_s_birth_name;
	if (q->addr_code[0] && q->kana_prefix[0] && q->name_prefix[0])
		return sql_s_addr_either;
	if (q->addr_code[0] && q->kana_prefix[0])
		return sql_s_addr_kana;
	if (q->addr_code[0] && q->name_prefix[0])
		return sql_s_addr_name;
	if (q->birth[0] && q->addr_code[0])
		return sql_s_birth_addr;
	return NULL;
}

int db_resident_search(struct db *db, const struct db_resident_query *q, int limit,
                       db_resident_fn fn, void *arg)
{
	const char *sql = db_resident_search_sql(q);
	sqlite3_stmt *st;

	if (!sql)
		return MG_EINVAL;
	st = db_stmt(db, sql);
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, q->kana_prefix);
	db_bind_text(st, 2, q->name_prefix);
	db_bind_text(st, 4, q->birth);
	db_bind_text(st, 5, q->addr_code);
	db_bind_text(st, 6, q->sex);
	db_bind_int(st, 7, q->include_jyohyo ? 1 : 0);
	db_bind_int(st, 8, limit);
	return rows_walk(db, st, fn, arg);
}

int db_resident_yotei_due(struct db *db, const char *day_iso, db_resident_fn fn, void *arg)
{
	sqlite3_stmt *st = db_stmt(db, sql_yotei_due);
	int n;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, day_iso);
	n = rows_walk(db, st, fn, arg);
	return n < 0 ? n : 0;
}

int db_resident_unnotified(struct db *db, const char *from_iso, const char *to_iso,
                           db_resident_fn fn, void *arg)
{
	sqlite3_stmt *st = db_stmt(db, sql_unnotified);
	int n;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, from_iso);
	db_bind_text(st, 2, to_iso);
	n = rows_walk(db, st, fn, arg);
	return n < 0 ? n : 0;
}

int db_resident_tokurei_group(struct db *db, const char *uketsuke_no, db_resident_fn fn,
                               void *arg)
{
	sqlite3_stmt *st = db_stmt(db, sql_tokurei_group);
	int n;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, uketsuke_no);
	n = rows_walk(db, st, fn, arg);
	return n < 0 ? n : 0;
}

/* The one integer a counting statement gives. OUT: *n. Returns 0 or a db code. */
static int count_of(struct db *db, const char *sql, long long *n)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	int src;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return src == SQLITE_ROW ? 0 : db_map(src);
}

int db_resident_count(struct db *db, long long *n)
{
	return count_of(db, sql_count, n);
}

int db_resident_seeded(struct db *db, long long *n)
{
	return count_of(db, sql_seeded, n);
}
