/*
 * db_resident.h — residents: the append-only history rows (resident_history)
 * and the person pointer to the current row (person). Search over the stored
 * keys. Text fields are UTF-8; "" stands for SQL NULL in nullable columns
 * (個人番号, 住民票コード, 転出 fields, card dates, 消除 fields).
 */
#ifndef DB_RESIDENT_H
#define DB_RESIDENT_H

#include "db/db.h"

#define DB_NAME_CAP 256
#define DB_ADDR_CAP 512
#define DB_DATE_CAP 11
#define DB_ID_CAP   16

/* One 住民票 history row (標準仕様 1.1.1/1.1.2 items that the 転出証明書 carries). */
struct db_resident {
	char atena_no[DB_ID_CAP];        /* 宛名番号 */
	int rireki_no;                   /* 履歴番号, 1.. */
	char name[DB_NAME_CAP];          /* 氏名 (U+3000 between family and given name) */
	char name_kana[DB_NAME_CAP];     /* 振り仮名 (katakana) */
	char birth[DB_DATE_CAP];         /* 生年月日, ISO; 00 for unknown parts */
	char sex[2];                     /* '1' 男, '2' 女, '9' 適用不能, '0' 不明 */
	char setai_no[DB_ID_CAP];        /* 世帯番号 */
	char zokugara[64];               /* 続柄 ('世帯主' for the head) */
	char head_name[DB_NAME_CAP];     /* 世帯主の氏名 */
	char honseki[DB_ADDR_CAP];       /* 本籍 */
	char hittosha[DB_NAME_CAP];      /* 筆頭者 */
	char kojin_bango[13];            /* 個人番号, "" = none */
	char juminhyo_code[12];          /* 住民票コード, "" = none */
	char addr_code[DB_ID_CAP];       /* 町字 code */
	char addr_text[DB_ADDR_CAP];     /* 住所 as printed (町字 + 番地) */
	char katagaki[DB_NAME_CAP];      /* 方書 */
	char postal_code[8];             /* 郵便番号 */
	char jumin_date[DB_DATE_CAP];    /* 住民となった年月日 */
	char jusho_date[DB_DATE_CAP];    /* 住所を定めた年月日 */
	char prev_address[DB_ADDR_CAP];  /* 前住所 */
	char prev_muni_code[7];          /* 前住所の団体コード */
	char dest_planned[DB_ADDR_CAP];  /* 転出先 (予定) */
	char dest_muni_code[7];          /* 転出先の団体コード */
	char dest_planned_date[DB_DATE_CAP]; /* 転出予定年月日 */
	char dest_confirmed[DB_ADDR_CAP];    /* 転出先 (確定) */
	char moved_date_confirmed[DB_DATE_CAP]; /* 転出年月日 (確定) */
	char notice_date[DB_DATE_CAP];   /* 転入通知年月日 */
	int tokurei;                     /* 1: 特例転出 */
	int kokuho, kouki, kaigo;        /* 令23② 三: 国保 / 後期高齢者医療 / 介護保険 */
	char nenkin_kind[64];            /* 令23② 四: 国民年金 種別 (第1号 … 特例任意加入) */
	char kiso_nenkin_no[16];         /* 基礎年金番号 */
	int jidou_teate;                 /* 令23② 五: 児童手当 */
	char card_issued[DB_DATE_CAP];   /* 個人番号カード 交付日, "" = no card */
	char card_expiry[DB_DATE_CAP];   /* 有効期限 */
	char idou_jiyu[32];              /* 異動事由 code */
	char idou_date[DB_DATE_CAP];     /* 異動日 */
	char todoke_date[DB_DATE_CAP];   /* 届出日 */
	char shori_date[DB_DATE_CAP];    /* 処理日 */
	char todoke_kind[16];            /* 'todoke' or 'shokken' */
	char state[16];                  /* 'current', 'yotei' (転出予定), 'jyohyo' (除票) */
	char shojo_jiyu[32];             /* 消除事由 */
	char shojo_date[DB_DATE_CAP];    /* 消除日 */
	char uketsuke_no[24];            /* 受付番号 of the 異動 */
	char name_key[DB_NAME_CAP];      /* stored search key of 氏名 */
	char kana_key[DB_NAME_CAP];      /* stored search key of 振り仮名 */
};

/* Called once per row; a non-zero return stops the walk and is returned. */
typedef int (*db_resident_fn)(void *arg, const struct db_resident *r);

/*
 * db_resident_append — append a history row and point the person at it
 * (creating the person on rireki_no 1). r->rireki_no must be the next
 * number. Call inside a transaction. Returns 0, MG_ECONSTRAINT, or a code.
 */
int db_resident_append(struct db *db, const struct db_resident *r);

/* db_resident_current — the current row of a 宛名番号. OUT: *out. 0 or MG_ENOTFOUND. */
int db_resident_current(struct db *db, const char *atena_no, struct db_resident *out);

/* db_resident_get — one history row. OUT: *out. 0 or MG_ENOTFOUND. */
int db_resident_get(struct db *db, const char *atena_no, int rireki_no,
                    struct db_resident *out);

/* db_resident_history — every row of a person, oldest first. */
int db_resident_history(struct db *db, const char *atena_no, db_resident_fn fn, void *arg);

/*
 * db_resident_by_kojin / db_resident_by_jcode — the current row of the person
 * whose history carries this 個人番号 / 住民票コード (any state). OUT: *out.
 * 0 or MG_ENOTFOUND.
 */
int db_resident_by_kojin(struct db *db, const char *kojin_bango, struct db_resident *out);
int db_resident_by_jcode(struct db *db, const char *juminhyo_code, struct db_resident *out);

/*
 * db_resident_by_3items — current rows whose current 氏名 key, 生年月日 and
 * 性別 match exactly (標準仕様 4.1.1.2: 3-item match), any state.
 */
int db_resident_by_3items(struct db *db, const char *name_key, const char *birth,
                          const char *sex, db_resident_fn fn, void *arg);

/* db_resident_household — current rows of the members (state current or yotei) of a 世帯. */
int db_resident_household(struct db *db, const char *setai_no, db_resident_fn fn, void *arg);

/* Search criteria on the stored keys; empty strings are "not given". */
struct db_resident_query {
	char kana_prefix[DB_NAME_CAP];  /* kana search key prefix */
	char name_prefix[DB_NAME_CAP];  /* name search key prefix */
	char birth[DB_DATE_CAP];        /* exact ISO birth date */
	char addr_code[DB_ID_CAP];      /* 町字 code */
	char sex[2];                    /* filter only */
	int include_jyohyo;             /* 1: also 除票 */
};

/*
 * db_resident_search — current rows matching every given criterion (prefix
 * on the keys), at most limit rows, in 振り仮名 key order. The two name keys
 * are alternatives: given both, a row matches when either has its prefix (a
 * name typed in kana is a reading, and a 氏名 written in kana as well). A
 * birth date or a 町字 code must be given together with a name key, or both
 * together (else MG_EINVAL). Returns the number of rows passed to fn, or a negative
 * code. The caller enforces the search policy (app/search.c); this only runs
 * the indexed query.
 */
int db_resident_search(struct db *db, const struct db_resident_query *q, int limit,
                       db_resident_fn fn, void *arg);

/*
 * db_resident_search_sql — the statement text db_resident_search runs for q
 * (its parameters: ?1 kana prefix, ?2 name prefix, ?4 birth, ?5 町字 code,
 * ?6 sex, ?7 include 除票, ?8 limit), or NULL when q is not searchable.
 * Static. For the benchmark that runs the same query in the sqlite3 CLI.
 */
const char *db_resident_search_sql(const struct db_resident_query *q);

/* db_resident_yotei_due — current rows in state 'yotei' whose 転出予定日 <= day_iso. */
int db_resident_yotei_due(struct db *db, const char *day_iso, db_resident_fn fn, void *arg);

/*
 * db_resident_unnotified — current rows of persons who filed a 転出 and whose
 * 転入通知 has not been applied (state 'yotei', or a 除票 by 転出 without a
 * 転入通知年月日), with a 転出予定日 in [from_iso, to_iso], by planned date then
 * 宛名番号 (標準仕様 4.1.3.1.4).
 */
int db_resident_unnotified(struct db *db, const char *from_iso, const char *to_iso,
                           db_resident_fn fn, void *arg);

/* db_resident_tokurei_group — the rows a 特例転出 受付 wrote (its group), in 宛名番号 order. */
int db_resident_tokurei_group(struct db *db, const char *uketsuke_no, db_resident_fn fn,
                              void *arg);

/* db_resident_count — number of persons (for seeding and benchmarks). */
int db_resident_count(struct db *db, long long *n);

/*
 * db_resident_seeded — number of persons written by demo-seed (app/seed.h):
 * those whose first history row (履歴番号 1) has a 受付番号 starting "SEED-".
 * OUT: *n. Returns 0 or a db code. Reads the whole history (no index): for
 * demo-seed's own check, not for the counter.
 */
int db_resident_seeded(struct db *db, long long *n);

#endif
