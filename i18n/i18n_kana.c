/*
 * i18n_kana.c — the stored search keys of readings and names (標準仕様 2.1.2:
 * ignore 濁点・半濁点, small kana, long-vowel marks, spaces, オ段+ウ, hyphens).
 *
 * The folding is a fixed table, not a locale-dependent transliterator, so a
 * key never changes with the environment, and it costs a table lookup per
 * character (the registry computes a key for every row it writes).
 */
#include "i18n/i18n_kana.h"
#include "i18n/i18n_utf8.h"
#include "i18n/mg_rc.h"

#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/utf16.h>

/*
 * Search form of each katakana U+30A0..U+30FF: small → large, voiced and
 * semi-voiced → plain (ヴ → ウ, ヷ → ワ …), ヵヶ → カケ. 0 = dropped
 * (ー, ・, ゠); 1 = an iteration mark (repeat the previous character).
 */
static const uint16_t kana_fold[96] = {
	/* 30A0 ゠ァアィイゥウェエォオカガキギク */
	0, 0x30A2, 0x30A2, 0x30A4, 0x30A4, 0x30A6, 0x30A6, 0x30A8,
	0x30A8, 0x30AA, 0x30AA, 0x30AB, 0x30AB, 0x30AD, 0x30AD, 0x30AF,
	/* 30B0 グケゲコゴサザシジスズセゼソゾタ */
	0x30AF, 0x30B1, 0x30B1, 0x30B3, 0x30B3, 0x30B5, 0x30B5, 0x30B7,
	0x30B7, 0x30B9, 0x30B9, 0x30BB, 0x30BB, 0x30BD, 0x30BD, 0x30BF,
	/* 30C0 ダチヂッツヅテデトドナニヌネノハ */
	0x30BF, 0x30C1, 0x30C1, 0x30C4, 0x30C4, 0x30C4, 0x30C6, 0x30C6,
	0x30C8, 0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE, 0x30CF,
	/* 30D0 バパヒビピフブプヘベペホボポマミ */
	0x30CF, 0x30CF, 0x30D2, 0x30D2, 0x30D2, 0x30D5, 0x30D5, 0x30D5,
	0x30D8, 0x30D8, 0x30D8, 0x30DB, 0x30DB, 0x30DB, 0x30DE, 0x30DF,
	/* 30E0 ムメモャヤュユョヨラリルレロヮワ */
	0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E4, 0x30E6, 0x30E6, 0x30E8,
	0x30E8, 0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30EF,
	/* 30F0 ヰヱヲンヴヵヶヷヸヹヺ・ーヽヾヿ */
	0x30F0, 0x30F1, 0x30F2, 0x30F3, 0x30A6, 0x30AB, 0x30B1, 0x30EF,
	0x30F0, 0x30F1, 0x30F2, 0, 0, 1, 1, 0x30FF,
};

/* Large forms of the small katakana extensions U+31F0..U+31FF (ㇰ → ク …). */
static const uint16_t kana_small_ext[16] = {
	0x30AF, 0x30B7, 0x30B9, 0x30C8, 0x30CC, 0x30CF, 0x30D2, 0x30D5,
	0x30D8, 0x30DB, 0x30E0, 0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED,
};

/* 1 for a katakana of the オ段 (after folding): オコソトノホモヨロヲ. */
static int kana_is_o_row(UChar32 c)
{
	switch (c) {
	case 0x30AA: case 0x30B3: case 0x30BD: case 0x30C8: case 0x30CE:
	case 0x30DB: case 0x30E2: case 0x30E8: case 0x30ED: case 0x30F2:
		return 1;
	default:
		return 0;
	}
}

/* 1 for characters a search key ignores besides spaces and hyphens. */
static int kana_is_ignored(UChar32 c)
{
	return c == 0x3099 || c == 0x309A ||                 /* combining 濁点・半濁点 */
	       c == 0x309B || c == 0x309C ||                 /* spacing ゛゜ */
	       c == 0x301C || c == 0x3030 || c == '~' ||     /* 〜 〰 used as long vowel */
	       c == 0x00B7 || c == '.';                      /* middle dots between names */
}

int i18n_kana_key_ignores(UChar32 c)
{
	if (c >= 0xFF01 && c <= 0xFF5E)
		c -= 0xFEE0;                                 /* full-width ASCII, as NFKC has it */
	return i18n_utf8_is_space(c) || i18n_utf8_is_hyphen(c) || kana_is_ignored(c);
}

/* Decode strict UTF-8 into u and apply NFKC. */
static int kana_nfkc(const char *in, struct i18n_utf8_u16 *u)
{
	size_t n = strlen(in);
	int32_t i = 0, len;
	UChar32 c;

	if (n > INT32_MAX / 4)
		return MG_ETOOLONG;
	len = (int32_t)n;
	while (i < len) {
		U8_NEXT(in, i, len, c);
		if (c < 0)
			return MG_EINVAL;
		if (i18n_utf8_u16_append(u, c) != 0)
			return MG_ENOMEM;
	}
	return i18n_utf8_u16_normalize(u, i18n_utf8_nfkc());
}

/* Fold the NFKC text u into a reading key written to o. */
static void kana_fold_reading(const struct i18n_utf8_u16 *u, struct i18n_utf8_out *o)
{
	int32_t i = 0;
	UChar32 c, prev = 0;

	while (i < u->len) {
		U16_NEXT(u->s, i, u->len, c);
		if (i18n_utf8_is_space(c) || i18n_utf8_is_hyphen(c) || kana_is_ignored(c))
			continue;
		if ((c >= 0x3041 && c <= 0x3096) || c == 0x309D || c == 0x309E)
			c += 0x60;                                   /* hiragana → katakana */
		if (c >= 0x30A0 && c <= 0x30FF) {
			c = kana_fold[c - 0x30A0];
			if (c == 0)
				continue;
			if (c == 1) {                                /* ヽ ヾ: repeat */
				if (!prev)
					continue;
				c = prev;
			}
		} else if (c >= 0x31F0 && c <= 0x31FF) {
			c = kana_small_ext[c - 0x31F0];
		} else if (c >= 'a' && c <= 'z') {
			c -= 'a' - 'A';
		}
		if (c == 0x30A6 && kana_is_o_row(prev))
			continue;                                    /* オ段+ウ: a long vowel */
		i18n_utf8_out_put(o, c);
		prev = c;
	}
}

enum kana_kind { KANA_READING, KANA_NAME, KANA_IDENT };

/*
 * Write the NFKC text u without spaces and invisible code points (a
 * variation selector, 葛 + U+E0100, and the others NFKC keeps: never typed
 * at the counter), letters upper-cased: for KANA_NAME every letter below
 * U+3000 (José, JOSÉ) and hiragana as katakana (はな, ハナ), for KANA_IDENT
 * ASCII letters only.
 */
static void kana_fold_name(const struct i18n_utf8_u16 *u, struct i18n_utf8_out *o,
                           enum kana_kind kind)
{
	int32_t i = 0;
	UChar32 c;

	while (i < u->len) {
		U16_NEXT(u->s, i, u->len, c);
		if (i18n_utf8_is_space(c) || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
			continue;
		if (kind == KANA_IDENT)
			c = c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
		else if ((c >= 0x3041 && c <= 0x3096) || c == 0x309D || c == 0x309E)
			c += 0x60;
		else if (c < 0x3000)
			c = u_toupper(c);
		i18n_utf8_out_put(o, c);
	}
}

/* Common frame of the keys. */
static int kana_key(const char *in, char *out, size_t cap, enum kana_kind kind)
{
	struct i18n_utf8_u16 u;
	struct i18n_utf8_out o;
	int rc;

	i18n_utf8_out_init(&o, out, cap);
	if (!in) {
		i18n_utf8_out_end(&o);
		return MG_EINVAL;
	}
	i18n_utf8_u16_init(&u);
	rc = kana_nfkc(in, &u);
	if (rc == 0) {
		if (kind == KANA_READING)
			kana_fold_reading(&u, &o);
		else
			kana_fold_name(&u, &o, kind);
	}
	i18n_utf8_u16_free(&u);
	if (rc != 0) {
		o.full = 1;
		i18n_utf8_out_end(&o);
		return rc;
	}
	return i18n_utf8_out_end(&o);
}

int i18n_kana_search_key(const char *in, char *out, size_t cap)
{
	return kana_key(in, out, cap, KANA_READING);
}

int i18n_kana_name_key(const char *in, char *out, size_t cap)
{
	return kana_key(in, out, cap, KANA_NAME);
}

int i18n_kana_name_ident(const char *in, char *out, size_t cap)
{
	return kana_key(in, out, cap, KANA_IDENT);
}
