/*
 * db_kiosk.h — applications prepared at a card-reader kiosk (table kiosk_app,
 * db/schema/003_kiosk.sql): add, read, list the open ones, move the state
 * pending → picked → done, and remove the expired ones. Text is UTF-8;
 * dates ISO. The caller (app/kiosk.c) checks permissions, validates the
 * values and owns the transactions.
 */
#ifndef DB_KIOSK_H
#define DB_KIOSK_H

#include "db/db.h"
#include "db/db_resident.h"

#define DB_KIOSK_NO_CAP 24

/* One kiosk application (a row of kiosk_app). */
struct db_kiosk {
	char kiosk_no[DB_KIOSK_NO_CAP];  /* 受付番号 shown at the kiosk ("K-0001") */
	char kind[16];                   /* "tennyu", "tenshutsu", "jusho" */
	char state[16];                  /* "pending", "picked", "done" */
	char name[DB_NAME_CAP];          /* card: 氏名 */
	char address[DB_ADDR_CAP];       /* card: 住所 */
	char birth[DB_DATE_CAP];         /* card: 生年月日 (ISO) */
	char sex[2];                     /* card: 性別 */
	char kojin_bango[13];            /* card: 個人番号 (12 digits) */
	char card_expiry[DB_DATE_CAP];   /* card: expiry (ISO, "" unknown) */
	int verdict;                     /* enum tokurei_verdict of the read */
	char move_date[DB_DATE_CAP];     /* 転入日 / 転出予定日 ("" none) */
	char addr_code[DB_ID_CAP];       /* 転入: new 町字 code */
	char banchi[128];                /* 転入: 番地 */
	char katagaki[DB_NAME_CAP];      /* 転入: 方書 */
	char dest_address[DB_ADDR_CAP];  /* 転出: 転出先 */
	char dest_muni_code[8];          /* 転出: its 団体コード ("" unknown) */
	int household;                   /* 1: the whole 世帯 moves */
	int n_members;                   /* persons moving, 1..16 */
	char terminal[33];               /* the kiosk's terminal id */
	char created_at[24];             /* local time */
	char created_on[DB_DATE_CAP];    /* processing date */
	char expires_on[DB_DATE_CAP];    /* removed after this day */
	char picked_by[33];              /* clerk who opened it ("" none) */
	char picked_at[24];
	char done_uketsuke[24];          /* the workflow's 受付番号 ("" until done) */
	char done_at[24];
};

/* Called per row; a non-zero return stops the walk and is returned. */
typedef int (*db_kiosk_fn)(void *arg, const struct db_kiosk *k);

/*
 * db_kiosk_add — insert an application (state from k->state, "" = pending).
 * Returns 0, MG_EEXISTS (the number is taken), MG_ECONSTRAINT (a value the
 * schema refuses) or a db code.
 */
int db_kiosk_add(struct db *db, const struct db_kiosk *k);

/* db_kiosk_get — one application. OUT: *out. Returns 0, MG_ENOTFOUND or a db code. */
int db_kiosk_get(struct db *db, const char *kiosk_no, struct db_kiosk *out);

/*
 * db_kiosk_list_open — the applications not done and not expired on
 * today_iso (expires_on >= today), oldest first; fn gets a borrowed row
 * (valid during the call). Returns the number of rows passed, fn's non-zero
 * return, or a db code (< 0).
 */
int db_kiosk_list_open(struct db *db, const char *today_iso, db_kiosk_fn fn, void *arg);

/*
 * db_kiosk_set_picked — a clerk opened an open application: state picked,
 * picked_by/picked_at set. Returns 0, MG_ENOTFOUND, MG_ESTATE (done) or a
 * db code.
 */
int db_kiosk_set_picked(struct db *db, const char *kiosk_no, const char *operator_id,
                        const char *at);

/*
 * db_kiosk_set_done — the counter committed the workflow: state done,
 * done_uketsuke/done_at set, and the personal data blanked (the 4情報,
 * the 個人番号 as 000000000000, the card expiry and the answers; kind,
 * dates and numbers stay for the log and kiosk_sync). Returns 0, MG_ENOTFOUND, MG_ESTATE (already
 * done) or a db code.
 */
int db_kiosk_set_done(struct db *db, const char *kiosk_no, const char *uketsuke_no,
                      const char *at);

/*
 * db_kiosk_purge — delete the applications whose expires_on is before
 * today_iso (any state). OUT: *n rows deleted (may be NULL). Returns 0 or
 * a db code.
 */
int db_kiosk_purge(struct db *db, const char *today_iso, long long *n);

#endif
