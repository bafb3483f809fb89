/*
 * i18n_collate.h — sorting by reading with the ICU ja collator.
 *
 * Order: ICU's ja tailoring at quaternary strength (アイウ… order, a plain
 * kana before its voiced form, hiragana and katakana of the same reading
 * adjacent), ties broken by byte order so the order is total. The collator
 * is opened once and cached; the functions are thread-safe (one internal
 * lock) and never block on I/O. Without ICU data they fall back to byte
 * order (i18n_collate_ready reports it).
 */
#ifndef I18N_COLLATE_H
#define I18N_COLLATE_H

#include <stddef.h>

/* i18n_collate_cmp — compare two UTF-8 readings (<0, 0, >0); NULL sorts as "". */
int i18n_collate_cmp(const char *a, const char *b);

/*
 * i18n_collate_cmpn — the same for counted strings (not NUL-terminated),
 * with the shape of a SQLite collation callback body: returns -1, 0 or 1.
 */
int i18n_collate_cmpn(const char *a, size_t alen, const char *b, size_t blen);

/* i18n_collate_ready — 0 when the ICU collator can be used, else MG_EI18N. */
int i18n_collate_ready(void);

/* i18n_collate_fini — close the cached collator (a later call reopens it). */
void i18n_collate_fini(void);

#endif
