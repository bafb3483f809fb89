/*
 * i18n_width.h — terminal display width of UTF-8 text (East Asian Width,
 * grapheme clusters) and truncation at a column boundary.
 */
#ifndef I18N_WIDTH_H
#define I18N_WIDTH_H

#include <stddef.h>

/*
 * i18n_width_of — display columns of s per East Asian Width and grapheme
 * clusters (combining marks and ZWJ sequences count once; wide = 2).
 */
int i18n_width_of(const char *s);

/*
 * i18n_width_truncate — copy the longest prefix of s that fits in cols columns,
 * never splitting a grapheme cluster; when s is cut and ellipsis is set, the
 * last column holds "…". Returns the columns used.
 */
int i18n_width_truncate(const char *s, int cols, int ellipsis, char *out, size_t cap);

#endif
