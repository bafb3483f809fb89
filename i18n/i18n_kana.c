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
#include <unicode/unorm2.h>
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

/* 1 for a kana that a voice mark may follow (hiragana, katakana, ゝ ヽ, half-width). */
static int kana_takes_mark(UChar32 c)
{
	return (c >= 0x3041 && c <= 0x3096) || c == 0x309D || (c >= 0x30A1 && c <= 0x30FA) ||
	       c == 0x30FD || (c >= 0xFF66 && c <= 0xFF9D);
}

/*
 * Decode strict UTF-8 into u and apply NFKC. A spacing ゛ or ゜ after a kana
 * is that kana's voice mark as typed (ウ゛ for ヴ): it is made the combining
 * mark first, so that NFKC composes it as it does ｳﾞ. NFKC alone would part
 * it into a space and a mark of its own (rv24 F1).
 */
static int kana_nfkc(const char *in, struct i18n_utf8_u16 *u)
{
	size_t n = strlen(in);
	int32_t i = 0, len;
	UChar32 c, prev = 0;

	if (n > INT32_MAX / 4)
		return MG_ETOOLONG;
	len = (int32_t)n;
	while (i < len) {
		U8_NEXT(in, i, len, c);
		if (c < 0)
			return MG_EINVAL;
		if ((c == 0x309B || c == 0x309C) && kana_takes_mark(prev))
			c -= 2;
		if (i18n_utf8_u16_append(u, c) != 0)
			return MG_ENOMEM;
		prev = c;
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
 * 旧字体 and 異体字 common in names, each with the form the search key keeps:
 * a clerk typing 高橋 finds 髙橋, and one typing 﨑 finds 崎. Only pairs read
 * as the same character (旧字体/新字体, 俗字); names that differ by a character
 * of their own (斎藤/斉藤, 畠山/畑山, 龍/竜) stay apart. NFKC already folds
 * the compatibility ideographs that decompose (神 U+FA19); 﨑 U+FA11 does not.
 * Sorted by variant, for bsearch.
 */
static const struct { uint32_t from, to; } kana_itaiji[] = {
	{ 0x4E9E, 0x4E9C },   /* 亞 亜 */   { 0x4F86, 0x6765 },   /* 來 来 */
	{ 0x50B3, 0x4F1D },   /* 傳 伝 */   { 0x5152, 0x5150 },   /* 兒 児 */
	{ 0x51A8, 0x5BCC },   /* 冨 富 */   { 0x570B, 0x56FD },   /* 國 国 */
	{ 0x5713, 0x5186 },   /* 圓 円 */   { 0x5718, 0x56E3 },   /* 團 団 */
	{ 0x5721, 0x571F },   /* 圡 土 */   { 0x589E, 0x5897 },   /* 增 増 */
	{ 0x58FD, 0x5BFF },   /* 壽 寿 */   { 0x5B78, 0x5B66 },   /* 學 学 */
	{ 0x5BE6, 0x5B9F },   /* 實 実 */   { 0x5CEF, 0x5CF0 },   /* 峯 峰 */
	{ 0x5D5C, 0x5D0E },   /* 嵜 崎 */   { 0x5D8B, 0x5CF6 },   /* 嶋 島 */
	{ 0x5D8C, 0x5CF6 },   /* 嶌 島 */   { 0x5EE3, 0x5E83 },   /* 廣 広 */
	{ 0x5F4C, 0x5F25 },   /* 彌 弥 */   { 0x5FB7, 0x5FB3 },   /* 德 徳 */
	{ 0x60E0, 0x6075 },   /* 惠 恵 */   { 0x6236, 0x6238 },   /* 戶 戸 */
	{ 0x6649, 0x664B },   /* 晉 晋 */   { 0x66FE, 0x66FD },   /* 曾 曽 */
	{ 0x6703, 0x4F1A },   /* 會 会 */   { 0x689D, 0x6761 },   /* 條 条 */
	{ 0x69AE, 0x6804 },   /* 榮 栄 */   { 0x69C7, 0x69D9 },   /* 槇 槙 */
	{ 0x6A9C, 0x6867 },   /* 檜 桧 */   { 0x6AFB, 0x685C },   /* 櫻 桜 */
	{ 0x6DFA, 0x6D45 },   /* 淺 浅 */   { 0x6E15, 0x6DF5 },   /* 渕 淵 */
	{ 0x6F80, 0x6E0B },   /* 澀 渋 */   { 0x6F81, 0x6E0B },   /* 澁 渋 */
	{ 0x6FA4, 0x6CA2 },   /* 澤 沢 */   { 0x6FF1, 0x6D5C },   /* 濱 浜 */
	{ 0x6FF5, 0x6D5C },   /* 濵 浜 */   { 0x7028, 0x702C },   /* 瀨 瀬 */
	{ 0x771E, 0x771F },   /* 眞 真 */   { 0x79AE, 0x793C },   /* 禮 礼 */
	{ 0x7A57, 0x7A42 },   /* 穗 穂 */   { 0x7DD6, 0x7DD2 },   /* 緖 緒 */
	{ 0x7E23, 0x770C },   /* 縣 県 */   { 0x7E6A, 0x7D75 },   /* 繪 絵 */
	{ 0x8207, 0x4E0E },   /* 與 与 */   { 0x8218, 0x9928 },   /* 舘 館 */
	{ 0x838A, 0x8358 },   /* 莊 荘 */   { 0x842C, 0x4E07 },   /* 萬 万 */
	{ 0x85CF, 0x8535 },   /* 藏 蔵 */   { 0x8C50, 0x8C4A },   /* 豐 豊 */
	{ 0x9089, 0x8FBA },   /* 邉 辺 */   { 0x908A, 0x8FBA },   /* 邊 辺 */
	{ 0x9435, 0x9244 },   /* 鐵 鉄 */   { 0x95DC, 0x95A2 },   /* 關 関 */
	{ 0x975C, 0x9759 },   /* 靜 静 */   { 0x9AD9, 0x9AD8 },   /* 髙 高 */
	{ 0x9ED1, 0x9ED2 },   /* 黑 黒 */   { 0x9F4A, 0x6589 },   /* 齊 斉 */
	{ 0x9F4B, 0x658E },   /* 齋 斎 */   { 0x9F9C, 0x4E80 },   /* 龜 亀 */
	{ 0xFA11, 0x5D0E },   /* 﨑 崎 */   { 0x20BB7, 0x5409 },  /* 𠮷 吉 */
};

/* The search key's form of the kanji c (kana_itaiji), or c. */
static UChar32 kana_itaiji_fold(UChar32 c)
{
	size_t lo = 0, hi = sizeof kana_itaiji / sizeof kana_itaiji[0];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (kana_itaiji[mid].from == (uint32_t)c)
			return (UChar32)kana_itaiji[mid].to;
		if (kana_itaiji[mid].from < (uint32_t)c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return c;
}

/*
 * The base letter of an accented Latin letter (é → e, ǖ → u: the first code
 * point of its canonical decomposition), or c. Letters with a stroke have no
 * decomposition: those of names (Vietnamese Đ, Polish Ł, Danish Ø, Maltese
 * Ħ, Sami Ŧ) are listed (rv24 F3).
 */
static UChar32 kana_latin_base(UChar32 c)
{
	static const struct { UChar32 from, to; } stroke[] = {
		{ 0x00D8, 'O' }, { 0x00F8, 'o' }, { 0x0110, 'D' }, { 0x0111, 'd' },
		{ 0x0126, 'H' }, { 0x0127, 'h' }, { 0x0141, 'L' }, { 0x0142, 'l' },
		{ 0x0166, 'T' }, { 0x0167, 't' },
	};
	const UNormalizer2 *nfc = i18n_utf8_nfc();
	UErrorCode e = U_ZERO_ERROR;
	UChar d[8];
	int32_t n;

	if (c < 0xC0 || !(c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF)))
		return c;
	for (size_t k = 0; k < sizeof stroke / sizeof stroke[0]; k++)
		if (stroke[k].from == c)
			return stroke[k].to;
	if (!nfc)
		return c;
	n = unorm2_getDecomposition(nfc, c, d, 8, &e);
	if (U_FAILURE(e) || n < 2 || U16_IS_SURROGATE(d[0]) || d[0] >= 0x250)
		return c;
	return d[0];
}

/*
 * Write the NFKC text u without spaces and invisible code points (a
 * variation selector, 葛 + U+E0100, and the others NFKC keeps: never typed
 * at the counter), letters upper-cased. KANA_IDENT upper-cases ASCII letters
 * only. KANA_NAME also upper-cases every letter below U+3000 without its
 * accents (José, JOSE: U+0300..U+036F dropped), makes hiragana katakana
 * (はな, ハナ) and folds 旧字体 (髙, 高: kana_itaiji).
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
		else if (c >= 0x0300 && c <= 0x036F)
			continue;                        /* a combining accent */
		else if (c < 0x3000)
			c = u_toupper(kana_latin_base(c));
		else
			c = kana_itaiji_fold(c);
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
