/*
 * db_audit.h — the operation log table (操作ログ): append with the hash
 * chain, walk, and the monthly aggregates (issue 5).
 *
 * Chain: every row stores prev_hash (the previous row's hash; 32 zero bytes
 * for the first row) and hash = SHA-256 of the canonical serialisation:
 *   "madoguchi-audit-v1" 0x00, then for each field in the order seq, at,
 *   operator, terminal, action, target, detail: a 4-byte big-endian length
 *   and the bytes (integers as decimal ASCII; a NULL text as length
 *   0xFFFFFFFF and no bytes), then the 32 bytes of prev_hash.
 * Times are unix seconds and never go backwards along the chain.
 */
#ifndef DB_AUDIT_H
#define DB_AUDIT_H

#include <stddef.h>

struct db;

#define DB_AUDIT_HASH_LEN 32

/* One log row (text fields borrowed from the statement during a walk). */
struct db_audit_row {
	long long seq;                           /* 1, 2, 3 … */
	long long at;                            /* unix time */
	const char *operator_id;                 /* "" = system */
	const char *terminal;                    /* "" when none */
	const char *action;                      /* "login", "search", … */
	const char *target;                      /* ids, or NULL */
	const char *detail;                      /* codes/ids, or NULL */
	unsigned char prev_hash[DB_AUDIT_HASH_LEN];
	unsigned char hash[DB_AUDIT_HASH_LEN];
};

/*
 * db_audit_hash — the chain hash of r (over its fields and r->prev_hash).
 * OUT: out. Returns 0 or MG_ECRYPTO.
 */
int db_audit_hash(const struct db_audit_row *r, unsigned char out[DB_AUDIT_HASH_LEN]);

/*
 * db_audit_append — append one row chained to the last one. at < 0 takes the
 * current time; the stored time is never earlier than the last row's. Runs
 * inside the caller's transaction when one is open (then it is rolled back
 * with it), else in its own BEGIN IMMEDIATE … COMMIT. OUT: *seq (may be
 * NULL). Returns 0, MG_EINVAL (at earlier than the last row when given
 * explicitly), MG_ECRYPTO or a db code.
 */
int db_audit_append(struct db *db, long long at, const char *operator_id,
                    const char *terminal, const char *action, const char *target,
                    const char *detail, long long *seq);

/*
 * db_audit_walk — call fn for each row with from <= at < to (to <= 0: no
 * upper bound), in seq order. Rows are borrowed for the call. A non-zero
 * return from fn stops the walk and is returned. Returns 0, fn's code or a
 * db code.
 */
int db_audit_walk(struct db *db, long long from, long long to,
                  int (*fn)(void *arg, const struct db_audit_row *r), void *arg);

/* The outcome of db_audit_verify. */
struct db_audit_verdict {
	long long rows;          /* rows checked */
	long long bad_seq;       /* first bad row's seq (0 when the chain is good) */
	const char *reason;      /* catalog key of what is wrong (static), or NULL */
	int triggers_ok;         /* 1 when both append-only triggers are in place */
};

/*
 * db_audit_verify — walk the whole chain: seq must be 1, 2, 3 … with no gap,
 * each prev_hash must be the previous row's hash, each hash must match the
 * row, times must not go backwards, and the highest seq ever issued
 * (sqlite_sequence) must be the last row's. Also reports whether the
 * append-only triggers still exist (v->triggers_ok). OUT: *v. Returns 0 when the
 * chain is good, MG_ECHAIN when not (v names the first bad row and why), or
 * a db code.
 */
int db_audit_verify(struct db *db, struct db_audit_verdict *v);

/* db_audit_count — OUT: *n rows. */
int db_audit_count(struct db *db, long long *n);

#endif
