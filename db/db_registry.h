/*
 * db_registry.h — the registry's own data: the municipality row, the 町字
 * master, serial counters, municipal closing days and the 受付 register.
 */
#ifndef DB_REGISTRY_H
#define DB_REGISTRY_H

#include <stddef.h>
#include "db/db.h"

struct db_machiaza {
	char code[16];         /* 町字 code (municipality-internal) */
	char name[128];        /* 町字 name, e.g. 栄町一丁目 */
	char kana[128];        /* reading (katakana) */
	char postal_code[8];   /* 7 digits */
	char search_key[128];  /* kana search key of the reading */
};

/*
 * db_registry_set_muni — write the municipality row (only when none exists).
 * Returns 0, MG_EEXISTS (already initialised) or a code.
 */
int db_registry_set_muni(struct db *db, const char *code, const char *name,
                         const char *pref_name, const char *created_at);

/*
 * db_registry_muni — read the municipality. OUT: code (7 bytes), name (cap).
 * Returns 0 or MG_ENOTINIT.
 */
int db_registry_muni(struct db *db, char *code, char *name, size_t name_cap);

/* db_registry_mode — "production" or "demo". OUT: mode[16]. 0 or MG_ENOTINIT. */
int db_registry_mode(struct db *db, char *mode);

/* db_registry_set_mode — mark the registry "demo" (or back to "production"). */
int db_registry_set_mode(struct db *db, const char *mode);

/* db_registry_add_machiaza — insert a 町字 (MG_ECONSTRAINT if the code exists). */
int db_registry_add_machiaza(struct db *db, const struct db_machiaza *m);

/* db_registry_machiaza — one 町字 by code. OUT: *out. 0 or MG_ENOTFOUND. */
int db_registry_machiaza(struct db *db, const char *code, struct db_machiaza *out);

/*
 * db_registry_machiaza_list — 町字 in code order, calling fn for each
 * (a non-zero return stops). Returns the count or a code.
 */
int db_registry_machiaza_list(struct db *db,
                              int (*fn)(void *arg, const struct db_machiaza *m), void *arg);

/*
 * db_registry_machiaza_by_name — the 町字 whose name equals name exactly.
 * OUT: *out. 0 or MG_ENOTFOUND.
 */
int db_registry_machiaza_by_name(struct db *db, const char *name, struct db_machiaza *out);

/*
 * db_registry_next — increment and return a named counter (starting at 1).
 * Call inside the transaction that uses the number, so a rollback returns it.
 * OUT: *value. Returns 0 or a code.
 */
int db_registry_next(struct db *db, const char *counter, long long *value);

/* db_registry_add_closing_day — a municipal closing day (ISO date). */
int db_registry_add_closing_day(struct db *db, const char *day, const char *reason);

/*
 * db_registry_closing_days — the closing days as ISO strings, calling fn for
 * each. Returns the count or a code.
 */
int db_registry_closing_days(struct db *db, int (*fn)(void *arg, const char *day), void *arg);

/* One 受付 (committed workflow). */
struct db_uketsuke {
	char uketsuke_no[24];
	char workflow[32];
	char todoke_date[11];
	char shori_date[11];
	char operator_id[33];
	char terminal[33];
	char alerts[512];      /* acknowledged alert message ids, comma separated */
};

/* db_registry_add_uketsuke — record a 受付. */
int db_registry_add_uketsuke(struct db *db, const struct db_uketsuke *u);

/* db_registry_uketsuke — read a 受付. 0 or MG_ENOTFOUND. */
int db_registry_uketsuke(struct db *db, const char *no, struct db_uketsuke *out);

#endif
