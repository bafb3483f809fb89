/*
 * i18n_width.c — display columns of UTF-8 text: grapheme clusters from ICU's
 * character break iterator, widths from East Asian Width and the emoji
 * properties, truncation at a column boundary.
 *
 * Width of a cluster: 0 for controls, format characters and a lone
 * combining mark; 2 for East Asian Wide/Fullwidth, for Emoji_Presentation
 * and for an emoji made graphic by U+FE0F; 1 otherwise (Ambiguous = 1, as
 * terminals in a Japanese locale without CJK-width settings draw it).
 */
#include "i18n/i18n_width.h"
#include "i18n/mg_rc.h"

#include <pthread.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

static pthread_mutex_t width_lock = PTHREAD_MUTEX_INITIALIZER;
static UBreakIterator *width_bi;     /* cached character break iterator */
static UText width_ut = UTEXT_INITIALIZER;
static int width_ut_open;

static const char width_ellipsis[] = "\xE2\x80\xA6";   /* … U+2026, 1 column */

/* Column width of one code point as the base of a cluster. */
static int width_cp(UChar32 c)
{
	int8_t gc;
	int32_t ea;

	if (c < 0)
		return 1;                      /* shown as U+FFFD */
	if (c < 0x20 || (c >= 0x7F && c < 0xA0))
		return 0;
	if (c < 0x7F)
		return 1;
	gc = u_charType(c);
	if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_FORMAT_CHAR ||
	    (c >= 0x1160 && c <= 0x11FF) || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
		return 0;
	if (u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION))
		return 2;
	ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
	return ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
}

/* Column width of the cluster s[a..b). */
static int width_cluster(const char *s, int32_t a, int32_t b)
{
	int32_t i = a;
	UChar32 base, c;
	int w;

	U8_NEXT(s, i, b, base);
	w = width_cp(base);
	while (i < b) {
		U8_NEXT(s, i, b, c);
		if (c == 0xFE0F && w == 1 && base >= 0 && u_hasBinaryProperty(base, UCHAR_EMOJI))
			w = 2;                     /* emoji presentation selector */
		if (w == 0 && c >= 0)
			w = width_cp(c);           /* e.g. a prepended mark before its base */
		else if (c == 0xFF9E || c == 0xFF9F)
			w += 1;                    /* ﾞ ﾟ extend the cluster but take a cell */
	}
	return w;
}

/* 1 when s[0..n) is plain printable-or-control ASCII (no clustering needed). */
static int width_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/* Point the cached iterator at s[0..n) (lock held). Returns 0 or MG_EI18N. */
static int width_attach(const char *s, size_t n)
{
	UErrorCode e = U_ZERO_ERROR;

	if (n > INT32_MAX)
		return MG_ETOOLONG;
	if (!width_bi) {
		width_bi = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &e);
		if (U_FAILURE(e)) {
			width_bi = NULL;
			return MG_EI18N;
		}
	}
	utext_openUTF8(&width_ut, s, (int64_t)n, &e);
	if (U_FAILURE(e))
		return MG_EI18N;
	width_ut_open = 1;
	ubrk_setUText(width_bi, &width_ut, &e);
	return U_FAILURE(e) ? MG_EI18N : 0;
}

/*
 * Walk the clusters of s[0..n) while they fit in cols columns and max bytes
 * (cols < 0: no limit). OUT: *end (bytes of the prefix). Returns its columns.
 * The lock is held by the caller when the text is not ASCII.
 */
static int width_walk(const char *s, size_t n, int cols, size_t max, size_t *end)
{
	int used = 0;

	*end = 0;
	if (width_ascii(s, n)) {
		size_t i;

		for (i = 0; i < n && i < max; i++) {
			int w = width_cp((unsigned char)s[i]);

			if (cols >= 0 && used + w > cols)
				break;
			used += w;
		}
		*end = i;
		return used;
	}
	if (width_attach(s, n) != 0) {
		/* No ICU: count code points as single columns rather than fail. */
		int32_t i = 0, len = (int32_t)n;
		UChar32 c;

		while (i < len && (cols < 0 || used < cols)) {
			int32_t j = i;

			U8_NEXT(s, j, len, c);
			if ((size_t)j > max)
				break;
			i = j;
			used++;
		}
		*end = (size_t)i;
		return used;
	}
	for (int32_t a = 0, b; (b = ubrk_next(width_bi)) != UBRK_DONE; a = b) {
		int w;

		if ((size_t)b > max)
			break;
		w = width_cluster(s, a, b);
		if (cols >= 0 && used + w > cols)
			break;
		used += w;
		*end = (size_t)b;
	}
	return used;
}

int i18n_width_of(const char *s)
{
	size_t n, end;
	int w;

	if (!s)
		return 0;
	n = strlen(s);
	if (width_ascii(s, n))
		return width_walk(s, n, -1, n, &end);
	pthread_mutex_lock(&width_lock);
	w = width_walk(s, n, -1, n, &end);
	pthread_mutex_unlock(&width_lock);
	return w;
}

int i18n_width_truncate(const char *s, int cols, int ellipsis, char *out, size_t cap)
{
	size_t n, end;
	int w;

	if (!out || cap == 0)
		return 0;
	out[0] = '\0';
	if (!s || cols <= 0)
		return 0;
	n = strlen(s);
	pthread_mutex_lock(&width_lock);
	w = width_walk(s, n, cols, cap - 1, &end);
	if (end < n && ellipsis && cap > sizeof width_ellipsis) {
		/* Cut: make room for "…" in the last column and in the buffer. */
		w = width_walk(s, n, cols - 1, cap - sizeof width_ellipsis, &end);
		memcpy(out, s, end);
		memcpy(out + end, width_ellipsis, sizeof width_ellipsis);
		pthread_mutex_unlock(&width_lock);
		return w + 1;
	}
	pthread_mutex_unlock(&width_lock);
	memcpy(out, s, end);
	out[end] = '\0';
	return w;
}

size_t i18n_width_next(const char *s, size_t off, int *cols)
{
	size_t n;
	int32_t b;

	if (cols)
		*cols = 0;
	if (!s)
		return 0;
	n = strlen(s);
	if (off >= n)
		return n;
	if ((unsigned char)s[off] < 0x80 && (unsigned char)s[off + 1] < 0x80 &&
	    !(s[off] == '\r' && s[off + 1] == '\n')) {
		if (cols)
			*cols = width_cp((unsigned char)s[off]);
		return off + 1;
	}
	pthread_mutex_lock(&width_lock);
	if (width_attach(s, n) != 0) {
		int32_t i = (int32_t)off;
		UChar32 c;

		U8_NEXT(s, i, (int32_t)n, c);
		b = i;
		if (cols)
			*cols = 1;
		(void)c;
	} else {
		b = ubrk_following(width_bi, (int32_t)off);
		if (b == UBRK_DONE)
			b = (int32_t)n;
		if (cols)
			*cols = width_cluster(s, (int32_t)off, b);
	}
	pthread_mutex_unlock(&width_lock);
	return (size_t)b;
}

size_t i18n_width_prev(const char *s, size_t off)
{
	size_t n;
	int32_t a;

	if (!s || off == 0)
		return 0;
	n = strlen(s);
	if (off > n)
		off = n;
	pthread_mutex_lock(&width_lock);
	if (width_attach(s, n) != 0) {
		int32_t i = (int32_t)off;

		U8_BACK_1((const uint8_t *)s, 0, i);
		a = i;
	} else {
		a = ubrk_preceding(width_bi, (int32_t)off);
		if (a == UBRK_DONE)
			a = 0;
	}
	pthread_mutex_unlock(&width_lock);
	return (size_t)a;
}

void i18n_width_fini(void)
{
	pthread_mutex_lock(&width_lock);
	if (width_bi)
		ubrk_close(width_bi);
	width_bi = NULL;
	if (width_ut_open) {
		static const UText fresh = UTEXT_INITIALIZER;

		utext_close(&width_ut);
		width_ut = fresh;
	}
	width_ut_open = 0;
	pthread_mutex_unlock(&width_lock);
}
