/*
 * i18n_msg.h — message catalogs (ICU resource bundles, ja default, en).
 *
 * The catalogs are built from the fragments i18n/msg/<area>.<lang>.txt by
 * scripts/gen-catalog.sh and embedded in the program. In C code every
 * catalog key is written inside the MSG macro below so that the catalog
 * test (tests/unit/test_i18n_catalog.c) finds every key the code refers to.
 */
#ifndef I18N_MSG_H
#define I18N_MSG_H

#include <stddef.h>

/* Marks a catalog key in code; expands to the key itself. */
#define MSG(key) key

/* The embedded ICU common data holding ja.res, en.res and root.res (generated). */
extern const unsigned char gen_catalog_data[];
extern const size_t gen_catalog_size;

/*
 * i18n_msg_init — load the catalog of a language.
 * lang: "ja", "en", or NULL to choose from LC_ALL / LC_MESSAGES / LANG
 * (a value starting with "en" selects en; anything else ja).
 * May be called again to switch language. Returns 0, MG_EINVAL for an
 * unknown language, or MG_EI18N when ICU cannot open the data.
 * Not thread-safe; call from the main thread.
 */
int i18n_msg_init(const char *lang);

/* i18n_msg_fini — free the loaded catalog. */
void i18n_msg_fini(void);

/* i18n_msg_lang — "ja" or "en" (the loaded catalog; "ja" before init). */
const char *i18n_msg_lang(void);

/*
 * i18n_msg_choose_lang — the language for an explicit choice (may be NULL)
 * and the environment, as i18n_msg_init applies it. Returns "ja" or "en",
 * or NULL when explicit is neither.
 */
const char *i18n_msg_choose_lang(const char *explicit_lang);

/*
 * i18n_msg — the UTF-8 text of a key in the loaded catalog. Borrowed,
 * valid until i18n_msg_init/fini. Never NULL: a missing key returns the key
 * itself, so a gap is visible rather than fatal. Loads the default catalog
 * on first use if none is loaded.
 */
const char *i18n_msg(const char *key);

/* i18n_msg_has — 1 when the loaded catalog has the key, else 0. */
int i18n_msg_has(const char *key);

/*
 * i18n_msg_format — format a key's ICU MessageFormat pattern with string
 * arguments {0}..{n-1} (args are UTF-8; NULL, invalid bytes and arguments
 * beyond nargs count as "" / U+FFFD). Writes at most cap bytes including the
 * NUL into out, truncating at a character boundary. Returns the length
 * written, or a negative code (MG_EI18N on a bad pattern or one that
 * expects a number or date; out is then ""). A missing key formats the key.
 */
int i18n_msg_format(char *out, size_t cap, const char *key,
                    int nargs, const char *const *args);

/*
 * i18n_msg_format_count — like i18n_msg_format, with a number as {0} and
 * the string args as {1}..{nargs}: for counts and English plurals, e.g.
 * "{0,plural, one{# resident} other{# residents}} in {1}" or
 * "{0,number}件". {0} must be a number, plural or selectordinal argument
 * (or unused); the others plain {n} or select. Returns the length or a
 * negative code (MG_EI18N when the pattern's argument types do not match).
 */
int i18n_msg_format_count(char *out, size_t cap, const char *key, double count,
                          int nargs, const char *const *args);

/*
 * i18n_msg_format_pattern — i18n_msg_format on a pattern given as text
 * rather than a key (for composed messages and tests).
 */
int i18n_msg_format_pattern(char *out, size_t cap, const char *pattern,
                            int nargs, const char *const *args);

/*
 * i18n_msg_arg_types — the argument types a MessageFormat pattern uses.
 * OUT: types[10], per argument index 0 (unused), 's' (plain {n} or select),
 * 'n' (number, plural, selectordinal, spellout, ordinal, duration) or 'd'
 * (date, time). Returns the number of argument slots used (highest index
 * + 1), MG_EINVAL for NULL, or MG_EI18N for a malformed pattern, a named
 * argument, choice, or one index used with two types.
 */
int i18n_msg_arg_types(const char *pattern, char types[10]);

/*
 * i18n_msg_keys — the sorted keys of the catalog of lang ("ja" or "en"),
 * for the catalog completeness test. Returns a count >= 0 and sets *keys to
 * a new array of new strings (free each and the array), or a negative code.
 */
int i18n_msg_keys(const char *lang, char ***keys);

#endif
