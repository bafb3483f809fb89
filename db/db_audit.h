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
 * explicitly), MG_ECRYPTO, MG_EAUDIT_LOST (the INSERT stored no row, or not
 * under the seq the chain expects: the table was changed behind the
 * program's back; the caller's transaction must be rolled back, as for any
 * failure) or a db code.
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

/*
 * A head of the chain: row seq and its stored hash. Written down outside the
 * file (a paper register, a separate medium) it becomes an anchor: a later
 * verify proves that row seq still exists with exactly this hash and that the
 * chain from row 1 to it is intact, which a rewrite of the file (rows removed
 * and every later hash recomputed, or the tail cut off and sqlite_sequence set
 * back) cannot fake. Text form: "SEQ:HEX", seq as at least 7 decimal digits
 * (zero-padded), ':', the 64 lowercase hex digits of the hash.
 */
struct db_audit_anchor {
	long long seq;                           /* row (0 = the log is empty) */
	unsigned char hash[DB_AUDIT_HASH_LEN];   /* its stored hash */
};

#define DB_AUDIT_ANCHOR_TEXT 96  /* buffer for the text form, with its NUL */

/*
 * db_audit_anchor_format — the text form of a ("0000123:9f…").
 * OUT: out (DB_AUDIT_ANCHOR_TEXT bytes). Returns 0 or MG_EINVAL (seq < 0).
 */
int db_audit_anchor_format(const struct db_audit_anchor *a, char out[DB_AUDIT_ANCHOR_TEXT]);

/*
 * db_audit_anchor_parse — read the text form: 1 to 18 decimal digits (leading
 * zeros allowed, value at least 1), ':', exactly 64 hex digits (either case),
 * nothing else. OUT: *a. Returns 0 or MG_EINVAL (then *a is zeroed).
 */
int db_audit_anchor_parse(const char *s, struct db_audit_anchor *a);

/*
 * db_audit_head — the current head: the last row's seq and stored hash
 * (seq 0 and zeros when the log is empty). Unverified: verify it, or record
 * it only after a verify. OUT: *head. Returns 0 or a db code.
 */
int db_audit_head(struct db *db, struct db_audit_anchor *head);

/* The faults of the log's definitions a verdict lists at most. */
#define DB_AUDIT_TRIGGER_FAULTS 8

/* One fault of the log's definitions (table, index, append-only triggers). */
struct db_audit_trigger_fault {
	const char *reason;      /* catalog key ({0} = name): audit_trig_missing | _altered |
	                          * _extra, audit_table_missing | _altered, audit_index_missing
	                          * | _altered | _extra, audit_object_extra */
	char name[64];           /* the object's name (printable ASCII, cut to fit) */
};

/* The outcome of db_audit_verify. */
struct db_audit_verdict {
	long long rows;          /* rows checked */
	long long bad_seq;       /* first bad row's seq (0 when the chain is good) */
	const char *reason;      /* catalog key of what is wrong (static), or NULL */
	int triggers_ok;         /* 1 when the log's definitions are intact: the table and
	                          * its index as the schema creates them, and exactly the
	                          * two append-only triggers, as the schema creates them */
	int table_ok;            /* 1 when the table and its indexes are intact (a 0 here
	                          * also makes triggers_ok 0) */
	size_t n_trigger_faults; /* entries of trigger_faults used */
	struct db_audit_trigger_fault trigger_faults[DB_AUDIT_TRIGGER_FAULTS];
	struct db_audit_anchor head; /* the last row read (seq 0 when the log is empty):
	                          * worth recording only when the verdict is 0 */
	long long anchor_seq;    /* the first recorded head that failed (0 = none) */
	const char *anchor_reason; /* catalog key: audit_anchor_missing | audit_anchor_mismatch
	                          * ({0} = anchor_seq), or NULL */
	size_t anchors_ok;       /* recorded heads that held */
};

/*
 * db_audit_verify — walk the whole chain: seq must be 1, 2, 3 … with no gap,
 * each prev_hash must be the previous row's hash, each hash must match the
 * row, times must not go backwards, and the highest seq ever issued
 * (sqlite_sequence, which must hold a row for the log when it has rows) must
 * be the last row's. Then each of the n recorded heads in anchors (may be
 * NULL when n is 0) must still be there: its row present with exactly its
 * hash (the walk proves the chain up to it). Last, the log's definitions must
 * be as the schema creates them (comments, whitespace and keyword case
 * aside): the table audit, its index audit_at, and the append-only triggers
 * audit_no_update and audit_no_delete, with no other trigger or index on the
 * log table. A table rebuilt with an ON CONFLICT IGNORE constraint, or a
 * BEFORE INSERT … RAISE(IGNORE) trigger, would silently drop new rows while
 * the chain stays whole. Everything is read in one snapshot.
 *
 * What the chain alone proves: no row was changed, removed, inserted or
 * reordered by someone who did not recompute the chain. Someone with write
 * access to the file can recompute it (the hash is unkeyed) or cut off the
 * tail and set sqlite_sequence back; that is caught only against a head
 * recorded outside the file before the rewrite (anchors).
 *
 * OUT: *v (every check's result, whatever the code). Returns 0 when all hold;
 * else, in this order, MG_ECHAIN (v->bad_seq and v->reason name the first bad
 * row), MG_EAUDIT_ANCHOR (v->anchor_seq, v->anchor_reason), MG_EAUDIT_TRIGGER
 * (the definitions: v->table_ok, v->trigger_faults), or a db code. Blocks only on the busy timeout.
 */
int db_audit_verify_anchored(struct db *db, const struct db_audit_anchor *anchors, size_t n,
                             struct db_audit_verdict *v);

/* db_audit_verify — db_audit_verify_anchored without recorded heads. */
int db_audit_verify(struct db *db, struct db_audit_verdict *v);

/* db_audit_count — OUT: *n rows. */
int db_audit_count(struct db *db, long long *n);

/*
 * db_audit_resent — whether the message msg_id was sent again already (a
 * "resend as=<new id>" row of action deliver, target msg_id). OUT: as (cap
 * bytes) the first new id, "" when none. Returns 1, 0 or a db code.
 */
int db_audit_resent(struct db *db, const char *msg_id, char *as, size_t cap);

/*
 * db_audit_open_evidence — open the registry at path read-only as an
 * immutable file (URI "file:…?immutable=1"): no lock, no -wal or -shm is
 * read or created, so a 0444 copy in a folder nobody may write (a CD, a
 * read-only mount) can be verified and nothing is left beside it. Only for a
 * file that nothing writes while it is open (a -wal beside it is ignored).
 * No migration is run. OUT: *out, new, close with db_close. Returns 0,
 * MG_ENOTFOUND (missing or empty), MG_EDB_NOTFILE, MG_ECORRUPT (not a
 * database), MG_ENOMEM, MG_EIO or MG_EDB.
 */
int db_audit_open_evidence(const char *path, struct db **out);

/*
 * db_audit_readable — read db's schema now, so that a file that is not a
 * database, or a read-only connection that cannot read the file (no -shm
 * can be set up beside a -wal), fails here rather than in the middle of a
 * check. Returns 0 or a db code (MG_ECORRUPT, MG_EREADONLY, MG_EIO …).
 */
int db_audit_readable(struct db *db);

/*
 * db_audit_schema_newer — OUT: *newer = 1 when the file's schema version
 * (PRAGMA user_version) is newer than the last migration this program knows
 * (then nothing may be written to it), else 0. Returns 0 or a db code.
 */
int db_audit_schema_newer(struct db *db, int *newer);

#endif
