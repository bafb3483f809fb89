/*
 * csmsg.h — the payload format of CS exchange messages: UTF-8 lines
 * `key=value`, first line `v=1`, keys [a-z0-9_]{1,31} and unique, values with
 * the escapes \\ \n \r \t and no raw control characters, at most CSMSG_MAX_KEYS
 * keys and 64 KiB. Messages come from another system: the parser is strict
 * and fuzzed (tests/fuzz/fuzz_csmsg.c).
 */
#ifndef CSMSG_H
#define CSMSG_H

#include <stddef.h>

#define CSMSG_MAX_KEYS 64
#define CSMSG_MAX_SIZE 65536
#define CSMSG_MAX_VALUE 4096

struct csmsg {
	int n;                          /* number of keys */
	const char *key[CSMSG_MAX_KEYS];   /* into buf */
	const char *val[CSMSG_MAX_KEYS];   /* unescaped, into buf */
	char *buf;                      /* owned copy */
};

/*
 * csmsg_parse — parse len bytes. OUT: *m (free with csmsg_free, also after a
 * failure). Returns 0, MG_EBADMSG (malformed) or MG_ENOMEM.
 */
int csmsg_parse(const char *payload, size_t len, struct csmsg *m);

/* csmsg_free — release a parsed message. */
void csmsg_free(struct csmsg *m);

/* csmsg_get — the value of key, or NULL. Borrowed from m. */
const char *csmsg_get(const struct csmsg *m, const char *key);

/*
 * csmsg_id_valid — 1 when id (len bytes, not NUL-terminated necessarily) is
 * a usable message id of the sender from_code: "<6 digits>-<1 to 40
 * digits>" (so it fits struct db_message.msg_id) whose 6 digits are
 * from_code; else 0. An id that is not valid is never used to tell messages
 * apart: one sender cannot take another sender's ids.
 */
int csmsg_id_valid(const char *id, size_t len, const char *from_code);

/* A payload being built. */
struct csmsg_out {
	char *p;       /* text so far (new) */
	size_t len;
	size_t cap;
	int rc;        /* first error (MG_ENOMEM, MG_EINVAL for a bad key) */
};

/* csmsg_begin — start a payload with the version line. */
void csmsg_begin(struct csmsg_out *o);

/* csmsg_put — append key=value (value escaped; NULL = ""). */
void csmsg_put(struct csmsg_out *o, const char *key, const char *value);

/* csmsg_put_int — append key=<decimal>. */
void csmsg_put_int(struct csmsg_out *o, const char *key, long long v);

/*
 * csmsg_end — the payload (new; caller frees) or NULL with *rc set.
 * Frees the builder's memory on failure.
 */
char *csmsg_end(struct csmsg_out *o, int *rc);

#endif
