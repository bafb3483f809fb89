/* db_household.h — households (世帯): address, current 世帯主, open/closed. */
#ifndef DB_HOUSEHOLD_H
#define DB_HOUSEHOLD_H

#include <stddef.h>
#include "db/db.h"

#define DB_HOUSEHOLD_ID_CAP 16
struct db_household {
	char setai_no[16];     /* 世帯番号 */
	char addr_code[16];    /* 町字 code */
	char banchi[128];      /* 番地 */
	char katagaki[256];    /* 方書 */
	char head_atena[16];   /* 世帯主の宛名番号, "" = none (標準仕様 1.1.10) */
	char created_on[11];
	char closed_on[11];    /* "" while open */
};

/*
 * db_household_head_left — the latest 消除日 of a former 世帯主 of the 世帯
 * (a 除票 whose last row in it is its 世帯主). OUT: out ("" when none).
 * Returns 0 or a code.
 */
int db_household_head_left(struct db *db, const char *setai_no, char out[11]);

/* db_household_add — create a household row. */
int db_household_add(struct db *db, const struct db_household *h);

/* db_household_get — read one. OUT: *out. 0 or MG_ENOTFOUND. */
int db_household_get(struct db *db, const char *setai_no, struct db_household *out);

/* db_household_set_head — change the 世帯主 ("" = none). 0 or MG_ENOTFOUND. */
int db_household_set_head(struct db *db, const char *setai_no, const char *head_atena);

/* db_household_close — mark a household closed on day (its last member left). */
int db_household_close(struct db *db, const char *setai_no, const char *day);

/* A 世帯主 change waiting for the leaving 世帯主's 除票 (schema 007). */
struct db_setai_pending {
	char leaving_atena[16];   /* the 世帯主 who leaves */
	char atena_no[16];        /* a member who remains */
	char setai_no[16];
	char zokugara[64];        /* new 続柄 ("世帯主" for the new head) */
	char head_atena[16];      /* the new 世帯主 */
	char head_name[256];      /* DB_NAME_CAP */
	char todoke_kind[16];     /* "todoke" | "shokken" (令25) */
	char todoke_date[11];
	char uketsuke_no[24];     /* the 転出's 受付番号 */
};

/* db_household_pending_add — queue one member's change (inside the 転出's transaction). */
int db_household_pending_add(struct db *db, const struct db_setai_pending *p);

/*
 * db_household_pending_walk — the changes waiting for leaving_atena, calling
 * fn for each (row borrowed for the call). Returns the count, fn's non-zero
 * return, or a db code.
 */
int db_household_pending_walk(struct db *db, const char *leaving_atena,
                              int (*fn)(void *arg, const struct db_setai_pending *p), void *arg);

/*
 * db_household_pending_named — whether a queued change names atena_no the new
 * 世帯主. OUT: leaving_atena (DB_HOUSEHOLD_ID_CAP bytes), the 世帯主 whose
 * 転出 queued it. 0, MG_ENOTFOUND or a db code.
 */
int db_household_pending_named(struct db *db, const char *atena_no, char *leaving_atena);
/* db_household_pending_drop — forget the changes waiting for leaving_atena. */
int db_household_pending_drop(struct db *db, const char *leaving_atena);

#endif
