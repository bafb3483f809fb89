/*
 * vcard_profile.h — card profiles of the emulator: small UTF-8 text files of
 * `key=value` lines (format in card/vcard/README.md).
 *
 * A profile keeps its lines in file order, comments included, so that a
 * rewrite (retry counters, profile-edit) changes only the values it sets.
 * Saving is atomic: a temporary file in the same folder, fsync, rename.
 * Not thread-safe; one owner at a time.
 */
#ifndef VCARD_PROFILE_H
#define VCARD_PROFILE_H

#include <stddef.h>
#include <stdint.h>

struct vcard_profile;

/* Longest accepted line (hex of a certificate or a key fits easily). */
#define VCARD_PROFILE_LINE_MAX 65536

/*
 * vcard_profile_new — an empty profile that saves to path (NULL: never saved,
 * vcard_profile_save is then a no-op; used by tests and the fuzz target).
 * OUT: *out, returns new (free with vcard_profile_free).
 * Returns 0 or MG_ENOMEM.
 */
int vcard_profile_new(const char *path, struct vcard_profile **out);

/*
 * vcard_profile_load — read a profile file. Blank lines and lines starting
 * with '#' are kept as comments; every other line must be key=value with a
 * key of [a-z0-9_] characters, each key at most once.
 * OUT: *out, returns new (free with vcard_profile_free); *out is NULL on error.
 * Returns 0, MG_ENOTFOUND (no such file), MG_EIO, MG_EBADMSG (bad line; the
 * 1-based line number in *bad_line when bad_line is not NULL) or MG_ENOMEM.
 * Blocks on file I/O.
 */
int vcard_profile_load(const char *path, struct vcard_profile **out, int *bad_line);

/*
 * vcard_profile_parse — the same from a memory buffer (no file; path NULL).
 * Same codes and ownership as vcard_profile_load.
 */
int vcard_profile_parse(const char *text, size_t len, struct vcard_profile **out,
                        int *bad_line);

/* vcard_profile_free — free a profile (NULL is fine). Values are wiped. */
void vcard_profile_free(struct vcard_profile *p);

/* vcard_profile_path — the file it saves to (borrowed; NULL for memory). */
const char *vcard_profile_path(const struct vcard_profile *p);

/*
 * vcard_profile_get — the value of key, or NULL when absent. Borrowed,
 * valid until the key is set again or the profile is freed.
 */
const char *vcard_profile_get(const struct vcard_profile *p, const char *key);

/*
 * vcard_profile_get_int — the value of key as a decimal integer in lo..hi.
 * OUT: *v. Returns 0, MG_ENOTFOUND (absent) or MG_EINVAL (not a number in range).
 */
int vcard_profile_get_int(const struct vcard_profile *p, const char *key,
                          long lo, long hi, long *v);

/*
 * vcard_profile_get_hex — decode the hex value of key (spaces allowed).
 * OUT: *data (returns new, free with free()), *len.
 * Returns 0, MG_ENOTFOUND, MG_EINVAL (not hex) or MG_ENOMEM.
 */
int vcard_profile_get_hex(const struct vcard_profile *p, const char *key,
                          uint8_t **data, size_t *len);

/*
 * vcard_profile_set — set key to value (copied); appended when new.
 * The key must be [a-z0-9_]+ and the value a single line.
 * Returns 0, MG_EINVAL or MG_ENOMEM.
 */
int vcard_profile_set(struct vcard_profile *p, const char *key, const char *value);

/*
 * vcard_profile_comment — append a comment line (must start with '#', one
 * line). Returns 0, MG_EINVAL or MG_ENOMEM.
 */
int vcard_profile_comment(struct vcard_profile *p, const char *text);

/* vcard_profile_set_hex — set key to the lower-case hex of data. Codes as _set. */
int vcard_profile_set_hex(struct vcard_profile *p, const char *key,
                          const uint8_t *data, size_t len);

/* vcard_profile_set_int — set key to a decimal number. Codes as _set. */
int vcard_profile_set_int(struct vcard_profile *p, const char *key, long v);

/*
 * vcard_profile_save — write the profile to its path atomically (mode 0600,
 * temporary file + fsync + rename + fsync of the folder). A memory profile
 * (path NULL) is not written. Returns 0, MG_EIO or MG_ENOMEM. Blocks on I/O.
 */
int vcard_profile_save(const struct vcard_profile *p);

/*
 * vcard_profile_save_as — write to another path (atomically, as _save) and
 * make it the profile's path. Returns 0, MG_EIO or MG_ENOMEM.
 */
int vcard_profile_save_as(struct vcard_profile *p, const char *path);

/*
 * vcard_profile_hex_decode — decode hex text (pairs of hex digits, spaces and
 * colons ignored). OUT: *data (returns new, free()), *len.
 * Returns 0, MG_EINVAL or MG_ENOMEM.
 */
int vcard_profile_hex_decode(const char *hex, uint8_t **data, size_t *len);

#endif
