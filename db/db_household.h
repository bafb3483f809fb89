/* db_household.h — households (世帯): address, current 世帯主, open/closed. */
#ifndef DB_HOUSEHOLD_H
#define DB_HOUSEHOLD_H

#include <stddef.h>
#include "db/db.h"

struct db_household {
	char setai_no[16];     /* 世帯番号 */
	char addr_code[16];    /* 町字 code */
	char banchi[128];      /* 番地 */
	char katagaki[256];    /* 方書 */
	char head_atena[16];   /* 世帯主の宛名番号, "" = none (標準仕様 1.1.10) */
	char created_on[11];
	char closed_on[11];    /* "" while open */
};

/* db_household_add — create a household row. */
int db_household_add(struct db *db, const struct db_household *h);

/* db_household_get — read one. OUT: *out. 0 or MG_ENOTFOUND. */
int db_household_get(struct db *db, const char *setai_no, struct db_household *out);

/* db_household_set_head — change the 世帯主 ("" = none). 0 or MG_ENOTFOUND. */
int db_household_set_head(struct db *db, const char *setai_no, const char *head_atena);

/* db_household_close — mark a household closed on day (its last member left). */
int db_household_close(struct db *db, const char *setai_no, const char *day);

#endif
