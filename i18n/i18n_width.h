/*
 * i18n_width.h — terminal display width of UTF-8 text (East Asian Width,
 * grapheme clusters) and truncation at a column boundary.
 */
#ifndef I18N_WIDTH_H
#define I18N_WIDTH_H

#include <stddef.h>

/*
 * Widths: a grapheme cluster (ICU character break iterator: a base with its
 * combining marks, a ZWJ emoji sequence, a flag, CR LF) counts once. Its
 * width: 0 for controls, format characters and a lone combining mark;
 * 2 for East Asian Wide/Fullwidth (kanji, kana, full-width forms), for
 * Emoji_Presentation and for an emoji followed by U+FE0F; 1 otherwise,
 * East Asian Ambiguous included (○, §, …); half-width ﾞ/ﾟ add their own
 * column to the cluster they extend (ﾀﾞ = 2). Invalid UTF-8 counts 1 a byte
 * sequence (drawn as U+FFFD). Callers sanitise untrusted text first
 * (i18n_text_sanitize). All functions are thread-safe and never block;
 * without ICU data they count one column per code point.
 */

/* i18n_width_of — display columns of s (NULL → 0). */
int i18n_width_of(const char *s);

/*
 * i18n_width_truncate — copy the longest prefix of s that fits in cols columns
 * and in out[cap] (NUL included), never splitting a grapheme cluster or a
 * double-width character; when s is cut and ellipsis is set (and cap >= 4),
 * the last column holds "…" (U+2026). Returns the columns used, which may
 * be less than cols when a wide character did not fit (the caller pads).
 * cols <= 0, NULL s: out is "" and 0 is returned; cap == 0: nothing written.
 */
int i18n_width_truncate(const char *s, int cols, int ellipsis, char *out, size_t cap);

/*
 * i18n_width_next — for cursor movement: the byte offset just after the
 * grapheme cluster that starts at byte off of s (strlen(s) at the end).
 * OUT: *cols (may be NULL) its width. off must be a cluster boundary.
 */
size_t i18n_width_next(const char *s, size_t off, int *cols);

/*
 * i18n_width_prev — the byte offset where the grapheme cluster ending at
 * byte off of s starts (0 at the start): for backspace and cursor left.
 */
size_t i18n_width_prev(const char *s, size_t off);

/* i18n_width_fini — close the cached break iterator (tests, exit). */
void i18n_width_fini(void);

#endif
