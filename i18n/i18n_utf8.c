/* i18n_utf8.c — UTF-16 buffers for ICU and bounded UTF-8 output. */
#include "i18n/i18n_utf8.h"
#include "i18n/mg_rc.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

void i18n_utf8_u16_init(struct i18n_utf8_u16 *u)
{
	u->s = u->inl;
	u->len = 0;
	u->cap = I18N_UTF8_INLINE;
}

void i18n_utf8_u16_free(struct i18n_utf8_u16 *u)
{
	if (u->s != u->inl)
		free(u->s);
	i18n_utf8_u16_init(u);
}

/* Make room for at least need units in u (keeping its text). */
static int u16_reserve(struct i18n_utf8_u16 *u, int32_t need)
{
	int32_t ncap;
	UChar *ns;

	if (need <= u->cap)
		return 0;
	if (need > INT32_MAX / 2)
		return MG_ENOMEM;
	ncap = u->cap * 2 > need ? u->cap * 2 : need;
	ns = malloc((size_t)ncap * sizeof(UChar));
	if (!ns)
		return MG_ENOMEM;
	memcpy(ns, u->s, (size_t)u->len * sizeof(UChar));
	if (u->s != u->inl)
		free(u->s);
	u->s = ns;
	u->cap = ncap;
	return 0;
}

int i18n_utf8_u16_append(struct i18n_utf8_u16 *u, UChar32 c)
{
	if (u->len + 2 > u->cap && u16_reserve(u, u->len + 2) != 0)
		return MG_ENOMEM;
	if (c <= 0xFFFF) {
		u->s[u->len++] = (UChar)c;
	} else {
		u->s[u->len++] = U16_LEAD(c);
		u->s[u->len++] = U16_TRAIL(c);
	}
	return 0;
}

int i18n_utf8_u16_normalize(struct i18n_utf8_u16 *u, const UNormalizer2 *n)
{
	UErrorCode e = U_ZERO_ERROR;
	struct i18n_utf8_u16 t;
	int32_t span, need;

	if (!n)
		return MG_EI18N;
	span = unorm2_spanQuickCheckYes(n, u->s, u->len, &e);
	if (U_FAILURE(e))
		return MG_EI18N;
	if (span == u->len)
		return 0;
	i18n_utf8_u16_init(&t);
	need = unorm2_normalize(n, u->s, u->len, t.s, t.cap, &e);
	if (e == U_BUFFER_OVERFLOW_ERROR) {
		e = U_ZERO_ERROR;
		if (u16_reserve(&t, need + 1) != 0)
			return MG_ENOMEM;
		need = unorm2_normalize(n, u->s, u->len, t.s, t.cap, &e);
	}
	if (U_FAILURE(e)) {
		i18n_utf8_u16_free(&t);
		return MG_EI18N;
	}
	/* Move the result into u (t may be inline: copy in that case). */
	if (t.s == t.inl) {
		if (u16_reserve(u, need) != 0)
			return MG_ENOMEM;
		memcpy(u->s, t.s, (size_t)need * sizeof(UChar));
	} else {
		if (u->s != u->inl)
			free(u->s);
		u->s = t.s;
		u->cap = t.cap;
	}
	u->len = need;
	return 0;
}

const UNormalizer2 *i18n_utf8_nfc(void)
{
	UErrorCode e = U_ZERO_ERROR;
	const UNormalizer2 *n = unorm2_getNFCInstance(&e);

	return U_SUCCESS(e) ? n : NULL;
}

const UNormalizer2 *i18n_utf8_nfkc(void)
{
	UErrorCode e = U_ZERO_ERROR;
	const UNormalizer2 *n = unorm2_getNFKCInstance(&e);

	return U_SUCCESS(e) ? n : NULL;
}

void i18n_utf8_out_init(struct i18n_utf8_out *o, char *p, size_t cap)
{
	o->p = p;
	o->cap = cap;
	o->len = 0;
	o->full = 0;
}

void i18n_utf8_out_bytes(struct i18n_utf8_out *o, const char *s, size_t n)
{
	if (o->full)
		return;
	if (o->cap == 0 || n > o->cap - 1 - o->len) {
		o->full = 1;
		return;
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
}

void i18n_utf8_out_put(struct i18n_utf8_out *o, UChar32 c)
{
	char b[4];
	int32_t n = 0;

	U8_APPEND_UNSAFE(b, n, c);
	i18n_utf8_out_bytes(o, b, (size_t)n);
}

int i18n_utf8_out_end(struct i18n_utf8_out *o)
{
	if (o->cap == 0)
		return MG_ETOOLONG;
	if (o->full) {
		o->p[0] = '\0';
		return MG_ETOOLONG;
	}
	o->p[o->len] = '\0';
	return (int)o->len;
}

int i18n_utf8_out_end_cut(struct i18n_utf8_out *o)
{
	if (o->cap == 0)
		return 0;
	o->p[o->len] = '\0';
	return (int)o->len;
}

int i18n_utf8_valid(const char *s, size_t n)
{
	int32_t i = 0, len;
	UChar32 c;

	if (n > INT32_MAX)
		return 0;
	len = (int32_t)n;
	while (i < len) {
		U8_NEXT(s, i, len, c);
		if (c < 0)
			return 0;
	}
	return 1;
}

int i18n_utf8_is_space(UChar32 c)
{
	if (c < 0x80)
		return c == ' ';
	return u_charType(c) == U_SPACE_SEPARATOR;
}

int i18n_utf8_is_hyphen(UChar32 c)
{
	switch (c) {
	case '-': case 0x2010: case 0x2011: case 0x2012: case 0x2013:
	case 0x2014: case 0x2015: case 0x2043: case 0x2212: case 0x2E3A:
	case 0x2E3B: case 0xFE58: case 0xFE63: case 0xFF0D:
		return 1;
	default:
		return 0;
	}
}

int i18n_utf8_is_bidi(UChar32 c)
{
	return c == 0x061C || c == 0x200E || c == 0x200F ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x2028 || c == 0x2029;
}

UChar32 i18n_utf8_halfwidth_kana(UChar32 c)
{
	const UNormalizer2 *n;
	UErrorCode e = U_ZERO_ERROR;
	UChar d[4];
	int32_t len;

	if (c < 0xFF61 || c > 0xFF9F)
		return c;
	n = i18n_utf8_nfkc();
	if (!n)
		return c;
	len = unorm2_getRawDecomposition(n, c, d, 4, &e);
	if (U_FAILURE(e) || len != 1)
		return c;
	return d[0];
}
