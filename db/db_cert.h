/*
 * db_cert.h — issued 転出証明書 / 準ずる証明書 (each person pointing at an
 * immutable history row) and the form register (帳票発行簿).
 */
#ifndef DB_CERT_H
#define DB_CERT_H

#include <stddef.h>
#include "db/db.h"

/*
 * db_cert_add — register a certificate and its persons (atena/rireki pairs,
 * n of them) in one step. OUT: *serial (the certificate number, from the
 * table's row id). Call inside the workflow's transaction.
 */
int db_cert_add(struct db *db, const char *kind, const char *uketsuke_no,
                const char *issued_on, const char *const *atena, const int *rireki,
                int n, long long *serial);

/* A certificate's header. */
struct db_cert {
	long long serial;
	char kind[16];         /* 'ordinary' or 'junzuru' */
	char uketsuke_no[24];
	char issued_on[11];
};

/*
 * db_cert_get — a certificate and its persons in order. OUT: *c; fn is called
 * with each (atena, rireki). Returns 0 or MG_ENOTFOUND.
 */
int db_cert_get(struct db *db, long long serial, struct db_cert *c,
                int (*fn)(void *arg, const char *atena, int rireki), void *arg);

/* One row of the form register. */
struct db_form {
	char form_kind[32];    /* e.g. 'tenshutsu_cert' */
	char form_serial[32];
	char uketsuke_no[24];
	char issued_at[24];
	char operator_id[33];
	char terminal[33];
	int copies;
	char note[128];
};

/* db_cert_register_form — append a row to the form register. */
int db_cert_register_form(struct db *db, const struct db_form *f);

/* db_cert_form_count — number of register rows of a kind (tests, reports). */
int db_cert_form_count(struct db *db, const char *form_kind, long long *n);

/*
 * db_cert_form_last — the newest register row of a kind and form serial.
 * OUT: *out. Returns 0, MG_ENOTFOUND or a db code.
 */
int db_cert_form_last(struct db *db, const char *form_kind, const char *form_serial,
                      struct db_form *out);

#endif
