/*
 * i18n_text.c — normalisation of what clerks type (names, readings, numbers,
 * free text) on ICU's normalisers, and the sanitiser for untrusted text.
 */
#include "i18n/i18n_text.h"
#include "i18n/i18n_kana.h"
#include "i18n/i18n_utf8.h"
#include "i18n/mg_rc.h"

#include <pthread.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uset.h>
#include <unicode/utf8.h>
#include <unicode/utf16.h>

enum text_mode {
	TEXT_NAME,   /* NFC, half-width kana widened, controls refused, spaces folded */
	TEXT_KANA,   /* katakana reading, spaces folded */
	TEXT_NFKC    /* NFKC only */
};

/*
 * Names: NFC would replace CJK compatibility ideographs (U+F900–FAFF,
 * U+2F800–2FA1F; e.g. 神 U+FA19 → 神 U+795E) by their unified twins, a
 * silent 異体字 substitution. A filtered NFC leaves exactly those alone.
 */
static UNormalizer2 *text_name_norm;
static USet *text_name_set;
static pthread_mutex_t text_lock = PTHREAD_MUTEX_INITIALIZER;

/* Build the filtered normaliser for names (caller holds text_lock). */
static void text_init_locked(void)
{
	static const UChar pat[] = u"[^[\\uF900-\\uFAFF][\\U0002F800-\\U0002FA1F]]";
	UErrorCode e = U_ZERO_ERROR;
	const UNormalizer2 *nfc = i18n_utf8_nfc();

	if (!nfc)
		return;
	if (text_name_set)
		uset_close(text_name_set);
	text_name_set = uset_openPattern(pat, -1, &e);
	if (U_FAILURE(e)) {
		text_name_set = NULL;
	pthread_mutex_unlock(&text_lock);
		return;
	}
	uset_freeze(text_name_set);
	text_name_norm = unorm2_openFiltered(nfc, text_name_set, &e);
	if (U_FAILURE(e))
		text_name_norm = NULL;
}

/* The normaliser of a mode, or NULL when ICU cannot provide it. */
static const UNormalizer2 *text_norm(int mode);

/* 1 for a C0/C1 control character or DEL. */
static int text_is_control(UChar32 c)
{
	return c < 0x20 || (c >= 0x7F && c < 0xA0);
}

/*
 * 1 for an invisible character a name must not hold (ZWSP, BOM, WJ, soft
 * hyphen, Hangul filler …: Default_Ignorable_Code_Point, which pasted text
 * brings along and which would hide a name from the duplicate check), but
 * not a variation selector: IVS (U+E0100…) and SVS pick a name's 異体字.
 */
static int text_is_invisible(UChar32 c)
{
	if ((c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF))
		return 0;
	return u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

/* 1 for a hiragana letter or iteration mark (they have a katakana twin at +0x60). */
static int text_is_hiragana(UChar32 c)
{
	return (c >= 0x3041 && c <= 0x3096) || c == 0x309D || c == 0x309E;
}

/* 1 for what a stored reading may hold besides spaces: katakana, ー, ・, ヽヾ. */
static int text_is_katakana(UChar32 c)
{
	return (c >= 0x30A1 && c <= 0x30FE) || (c >= 0x31F0 && c <= 0x31FF);
}

/* 1 for a (combining or spacing) voiced / semi-voiced sound mark. */
static int text_is_voice_mark(UChar32 c)
{
	return c >= 0x3099 && c <= 0x309C;
}

/*
 * Decode in (strict UTF-8) into u, widening half-width katakana (not in
 * NFKC mode, where NFKC does it) and, for readings, turning hiragana into
 * katakana and a spacing ゛/゜ after a kana into the combining mark so
 * that NFC composes カ゛ into ガ. Names refuse controls, bidi controls and
 * invisible characters.
 */
static int text_decode(const char *in, enum text_mode mode, struct i18n_utf8_u16 *u)
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
		if (mode != TEXT_NFKC)
			c = i18n_utf8_halfwidth_kana(c);
		if (mode == TEXT_NAME &&
		    (text_is_control(c) || i18n_utf8_is_bidi(c) || text_is_invisible(c)))
			return MG_EINVAL;
		if (mode == TEXT_KANA) {
			if (text_is_hiragana(c))
				c += 0x60;
			else if ((c == 0x309B || c == 0x309C) && text_is_katakana(prev))
				c -= 2;
		}
		if (i18n_utf8_u16_append(u, c) != 0)
			return MG_ENOMEM;
		prev = c;
	}
	return 0;
}

/*
 * Write u to o: for names and readings, runs of spaces become one U+3000
 * and leading/trailing spaces go; readings refuse anything but katakana
 * (a combining voice mark only right after one).
 */
static int text_encode(const struct i18n_utf8_u16 *u, enum text_mode mode,
                       struct i18n_utf8_out *o)
{
	int32_t i = 0;
	int started = 0, pending = 0;
	UChar32 c, prev = 0;

	while (i < u->len) {
		U16_NEXT(u->s, i, u->len, c);
		if (mode == TEXT_NFKC) {
			i18n_utf8_out_put(o, c);
			continue;
		}
		if (i18n_utf8_is_space(c)) {
			pending = started;
			prev = 0;
			continue;
		}
		if (mode == TEXT_KANA && !text_is_katakana(c) &&
		    !((c == 0x3099 || c == 0x309A) && text_is_katakana(prev)))
			return MG_EINVAL;
		if (pending)
			i18n_utf8_out_put(o, 0x3000);
		pending = 0;
		started = 1;
		i18n_utf8_out_put(o, c);
		prev = c;
	}
	return 0;
}

/* NFKC for free text, NFC for readings, the filtered NFC for names. */
static const UNormalizer2 *text_norm(int mode)
{
	if (mode == TEXT_NFKC)
		return i18n_utf8_nfkc();
	if (mode == TEXT_KANA)
		return i18n_utf8_nfc();
	const UNormalizer2 *n;

	pthread_mutex_lock(&text_lock);
	if (!text_name_norm)
		text_init_locked();
	n = text_name_norm;
	pthread_mutex_unlock(&text_lock);
	return n;
}

/* The common path of name / kana / nfkc: decode, normalise, encode. */
static int text_run(const char *in, char *out, size_t cap, enum text_mode mode)
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
	rc = text_decode(in, mode, &u);
	if (rc == 0)
		rc = i18n_utf8_u16_normalize(&u, text_norm(mode));
	if (rc == 0)
		rc = text_encode(&u, mode, &o);
	i18n_utf8_u16_free(&u);
	if (rc != 0) {
		o.full = 1;
		i18n_utf8_out_end(&o);
		return rc;
	}
	return i18n_utf8_out_end(&o);
}

int i18n_text_name(const char *in, char *out, size_t cap)
{
	return text_run(in, out, cap, TEXT_NAME);
}

int i18n_text_kana(const char *in, char *out, size_t cap)
{
	return text_run(in, out, cap, TEXT_KANA);
}

int i18n_text_nfkc(const char *in, char *out, size_t cap)
{
	return text_run(in, out, cap, TEXT_NFKC);
}

int i18n_text_digits(const char *in, char *out, size_t cap)
{
	struct i18n_utf8_out o;
	int32_t i = 0, len;
	size_t n;
	UChar32 c;

	i18n_utf8_out_init(&o, out, cap);
	if (!in || (n = strlen(in)) > INT32_MAX) {
		i18n_utf8_out_end(&o);
		return MG_EINVAL;
	}
	len = (int32_t)n;
	while (i < len) {
		U8_NEXT(in, i, len, c);
		if (c >= '0' && c <= '9') {
			i18n_utf8_out_put(&o, c);
		} else if (c >= 0xFF10 && c <= 0xFF19) {
			i18n_utf8_out_put(&o, c - 0xFF10 + '0');
		} else if (!(c >= 0 && (i18n_utf8_is_space(c) || i18n_utf8_is_hyphen(c) ||
		                         c == 0x30FC || c == 0xFF70))) {
			/* ー (U+30FC/FF70) is what an IME gives for a hyphen after digits. */
			o.full = 1;
			i18n_utf8_out_end(&o);
			return MG_EINVAL;
		}
	}
	return i18n_utf8_out_end(&o);
}

int i18n_text_is_kana(const char *s)
{
	int32_t i = 0, len;
	int letters = 0;
	size_t n;
	UChar32 c, prev = 0;

	if (!s || (n = strlen(s)) > INT32_MAX)
		return 0;
	len = (int32_t)n;
	while (i < len) {
		U8_NEXT(s, i, len, c);
		if (c < 0)
			return 0;
		c = i18n_utf8_halfwidth_kana(c);
		if (i18n_utf8_is_space(c)) {
			prev = 0;
			continue;
		}
		if (text_is_hiragana(c))
			c += 0x60;
		if (text_is_voice_mark(c)) {
			if (!text_is_katakana(prev))
				return 0;
			continue;
		}
		if (i18n_kana_key_ignores(c))
			continue;
		if (!text_is_katakana(c))
			return 0;
		if (c != 0x30FC && c != 0x30FB)
			letters = 1;
		prev = c;
	}
	return letters;
}

/* After a CSI introducer: parameters, intermediates, one final byte. */
static int32_t text_skip_csi(const char *s, int32_t i, int32_t len)
{
	while (i < len && (unsigned char)s[i] >= 0x30 && (unsigned char)s[i] <= 0x3F)
		i++;
	while (i < len && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] <= 0x2F)
		i++;
	if (i < len && (unsigned char)s[i] >= 0x40 && (unsigned char)s[i] <= 0x7E)
		i++;
	return i;
}

/*
 * After an OSC/DCS/SOS/PM/APC introducer: skip the string up to and
 * including its terminator (BEL, ESC \ or C1 ST). An ESC that starts
 * anything else ends the string there and is handled as a new sequence.
 */
static int32_t text_skip_string(const char *s, int32_t i, int32_t len)
{
	while (i < len) {
		unsigned char b = (unsigned char)s[i];

		if (b == 0x07)
			return i + 1;
		if (b == 0x1B)
			return (i + 1 < len && s[i + 1] == '\\') ? i + 2 : i;
		if (b == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0x9C)
			return i + 2;
		i++;
	}
	return len;
}

/* After ESC: skip the rest of the escape sequence it starts. */
static int32_t text_skip_esc(const char *s, int32_t i, int32_t len)
{
	unsigned char b;

	if (i >= len)
		return i;
	b = (unsigned char)s[i];
	if (b == '[')
		return text_skip_csi(s, i + 1, len);
	if (b == ']' || b == 'P' || b == 'X' || b == '^' || b == '_')
		return text_skip_string(s, i + 1, len);
	if (b >= 0x20 && b <= 0x2F) {
		while (i < len && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] <= 0x2F)
			i++;
		if (i < len && (unsigned char)s[i] >= 0x30 && (unsigned char)s[i] <= 0x7E)
			i++;
		return i;
	}
	if (b >= 0x30 && b <= 0x7E)
		return i + 1;
	return i;
}

int i18n_text_sanitize(const char *in, char *out, size_t cap)
{
	struct i18n_utf8_out o;
	int32_t i = 0, len, start;
	size_t n;
	UChar32 c;

	i18n_utf8_out_init(&o, out, cap);
	if (!in)
		return i18n_utf8_out_end_cut(&o);
	n = strlen(in);
	len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
	while (i < len && !o.full) {
		start = i;
		U8_NEXT(in, i, len, c);
		if (c < 0) {
			i18n_utf8_out_put(&o, 0xFFFD);
		} else if (c == 0x1B) {
			i = text_skip_esc(in, i, len);
		} else if (c == 0x9B) {
			i = text_skip_csi(in, i, len);
		} else if (c == 0x90 || c == 0x98 || c == 0x9D || c == 0x9E || c == 0x9F) {
			i = text_skip_string(in, i, len);
		} else if (!text_is_control(c) && !i18n_utf8_is_bidi(c)) {
			i18n_utf8_out_bytes(&o, in + start, (size_t)(i - start));
		}
	}
	return i18n_utf8_out_end_cut(&o);
}

void i18n_text_fini(void)
{
	pthread_mutex_lock(&text_lock);
	if (text_name_norm)
		unorm2_close(text_name_norm);
	if (text_name_set)
		uset_close(text_name_set);
	text_name_norm = NULL;
	text_name_set = NULL;
	pthread_mutex_unlock(&text_lock);
}

void i18n_text_hex(const unsigned char *in, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[in[i] >> 4];
		out[2 * i + 1] = hex[in[i] & 15];
	}
	out[2 * n] = '\0';
}

int i18n_text_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long i18n_text_unhex(const char *s, size_t len, unsigned char *out, size_t cap)
{
	if (len == 0 || len % 2 || len / 2 > cap)
		return -1;
	for (size_t i = 0; i < len; i += 2) {
		int h = i18n_text_hexval((unsigned char)s[i]);
		int l = i18n_text_hexval((unsigned char)s[i + 1]);

		if (h < 0 || l < 0)
			return -1;
		out[i / 2] = (unsigned char)(h << 4 | l);
	}
	return (long)(len / 2);
}
