/*
 * card_secret.h — PINs and 照合番号 in locked, wiped memory.
 *
 * A secret lives in its own page, mlock()ed (never swapped) and excluded
 * from core dumps (MADV_DONTDUMP); it is wiped with explicit_bzero when
 * cleared and when freed, on every path. Values are short ASCII strings
 * (at most CARD_SECRET_MAX bytes).
 */
#ifndef CARD_SECRET_H
#define CARD_SECRET_H

#include <stddef.h>
#include <stdint.h>

#define CARD_SECRET_MAX 64

struct card_secret;

/*
 * card_secret_new — an empty secret. OUT: *out (returns new: free with
 * card_secret_free). Returns 0, MG_ENOMEM or MG_ECARD_SECRET (the page
 * could not be locked).
 */
int card_secret_new(struct card_secret **out);

/* card_secret_free — wipe, unlock and free. NULL is fine. */
void card_secret_free(struct card_secret *s);

/* card_secret_clear — wipe the value (length 0). */
void card_secret_clear(struct card_secret *s);

/*
 * card_secret_set — copy len bytes of value (borrowed; the caller wipes its
 * copy). Returns 0 or MG_ETOOLONG (the secret is then empty).
 */
int card_secret_set(struct card_secret *s, const char *value, size_t len);

/*
 * card_secret_append — add bytes at the end (building 照合番号B from its
 * parts). Returns 0 or MG_ETOOLONG (the secret is then cleared).
 */
int card_secret_append(struct card_secret *s, const char *value, size_t len);

/*
 * card_secret_read_fd — read one line (up to '\n' or end of file, '\r'
 * dropped) from fd into s. When fd is a terminal its echo is turned off for
 * the read and restored afterwards (also when the read fails). Reads byte
 * by byte so nothing after the line is consumed or buffered.
 * Returns 0, MG_ETOOLONG (line longer than CARD_SECRET_MAX; the rest of
 * the line is read and dropped) or MG_EIO. Blocks.
 */
int card_secret_read_fd(struct card_secret *s, int fd);

/* card_secret_data — the bytes (borrowed, valid until clear/free). */
const uint8_t *card_secret_data(const struct card_secret *s);

/* card_secret_len — the length. */
size_t card_secret_len(const struct card_secret *s);

/* card_secret_is_digits — 1 when the value is exactly n ASCII digits. */
int card_secret_is_digits(const struct card_secret *s, size_t n);

#endif
