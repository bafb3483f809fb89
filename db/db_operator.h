/*
 * db_operator.h — the operator table (職員) and its persisted failed-login
 * counts and locks (issue 5). Roles are stored as text ("clerk",
 * "supervisor", "admin", "kiosk"); the app layer maps them to
 * enum session_role. Times are unix seconds supplied by the caller.
 */
#ifndef DB_OPERATOR_H
#define DB_OPERATOR_H

#include <stddef.h>

struct db;

/* One operator row. */
struct db_operator_row {
	char id[33];              /* operator id */
	char name[97];            /* display name (UTF-8) */
	char role[12];            /* "clerk" | "supervisor" | "admin" | "kiosk" */
	char pw_hash[160];        /* "$scrypt$…" (app/auth.h) */
	int failures;             /* consecutive failed logins */
	int locked;               /* 1 when locked */
	long long locked_at;      /* 0 when never */
	long long last_failure_at;/* 0 when never */
	long long last_login_at;  /* 0 when never */
	long long created_at;     /* unix time */
	long long pw_changed_at;  /* unix time */
};

/*
 * db_operator_insert — add r (failures/locked/… taken from r). Returns 0,
 * MG_EEXISTS (the id is taken), MG_ECONSTRAINT (a CHECK failed) or a db code.
 */
int db_operator_insert(struct db *db, const struct db_operator_row *r);

/* db_operator_get — OUT: *out. Returns 0, MG_ENOTFOUND or a db code. */
int db_operator_get(struct db *db, const char *id, struct db_operator_row *out);

/*
 * db_operator_set_hash — a new password hash; resets failures (not the lock).
 * Returns 0, MG_ENOTFOUND or a db code.
 */
int db_operator_set_hash(struct db *db, const char *id, const char *pw_hash, long long now);

/* db_operator_set_name / db_operator_set_role — 0, MG_ENOTFOUND, MG_ECONSTRAINT or a db code. */
int db_operator_set_name(struct db *db, const char *id, const char *name);
int db_operator_set_role(struct db *db, const char *id, const char *role);

/*
 * db_operator_set_locked — lock (1) or unlock (0; also sets failures to 0).
 * Returns 0, MG_ENOTFOUND or a db code.
 */
int db_operator_set_locked(struct db *db, const char *id, int locked, long long now);

/*
 * db_operator_fail — count one failed login, atomically (one UPDATE); lock
 * when the count reaches threshold (threshold <= 0: never lock).
 * OUT: *failures, *locked after the update (may be NULL).
 * Returns 0, MG_ENOTFOUND or a db code.
 */
int db_operator_fail(struct db *db, const char *id, int threshold, long long now,
                     int *failures, int *locked);

/* db_operator_success — a good login: failures = 0, last_login_at = now. */
int db_operator_success(struct db *db, const char *id, long long now);

/*
 * db_operator_list — call fn for each operator ordered by id; a non-zero
 * return from fn stops the walk and is returned. The row is borrowed for the
 * call. Returns 0, fn's code or a db code.
 */
int db_operator_list(struct db *db, int (*fn)(void *arg, const struct db_operator_row *r),
                     void *arg);

/* db_operator_count — OUT: *n operators (of role when role != NULL). */
int db_operator_count(struct db *db, const char *role, int *n);

/*
 * db_operator_setting_put — store key = value in the setting table with who
 * changed it. Returns 0 or a db code. db_operator_setting_get — OUT: value
 * (cap bytes incl. NUL). Returns 0, MG_ENOTFOUND or a db code.
 */
int db_operator_setting_put(struct db *db, const char *key, const char *value,
                            const char *by, long long now);
int db_operator_setting_get(struct db *db, const char *key, char *value, size_t cap);

#endif
