/*
 * i18n_utf8.h — small UTF-8/UTF-16 helpers shared by the i18n/ modules
 * (text, kana, width, wareki). Other layers use i18n_text.h instead.
 *
 * ICU's normaliser works on UTF-16; the rest of madoguchi keeps UTF-8. A
 * struct i18n_utf8_u16 holds a UTF-16 text with inline storage for short
 * strings (names, readings) so the common case never allocates; a struct
 * i18n_utf8_out writes UTF-8 into a caller's bounded buffer.
 * None of these functions block; none keep global state.
 */
#ifndef I18N_UTF8_H
#define I18N_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <unicode/unorm2.h>
#include <unicode/utypes.h>

#define I18N_UTF8_INLINE 192   /* UTF-16 units held without allocating */

/* A growable UTF-16 text. */
struct i18n_utf8_u16 {
	UChar *s;                        /* the text: inl or a heap block */
	int32_t len;                     /* units used */
	int32_t cap;                     /* units available in s */
	UChar inl[I18N_UTF8_INLINE];     /* inline storage */
};

/* i18n_utf8_u16_init — an empty text using its inline storage. */
void i18n_utf8_u16_init(struct i18n_utf8_u16 *u);

/* i18n_utf8_u16_free — release a heap block (the struct may be reused after init). */
void i18n_utf8_u16_free(struct i18n_utf8_u16 *u);

/*
 * i18n_utf8_u16_append — append code point c (0..0x10FFFF, not a surrogate).
 * Returns 0 or MG_ENOMEM (u unchanged).
 */
int i18n_utf8_u16_append(struct i18n_utf8_u16 *u, UChar32 c);

/*
 * i18n_utf8_u16_normalize — normalise u in place with n (an ICU singleton
 * such as unorm2_getNFKCInstance; borrowed). Text that is already normal
 * is left alone without copying. Returns 0, MG_ENOMEM or MG_EI18N.
 */
int i18n_utf8_u16_normalize(struct i18n_utf8_u16 *u, const UNormalizer2 *n);

/*
 * i18n_utf8_nfc / i18n_utf8_nfkc — ICU's shared normaliser instances
 * (owned by ICU, never closed), or NULL when the ICU data is missing.
 */
const UNormalizer2 *i18n_utf8_nfc(void);
const UNormalizer2 *i18n_utf8_nfkc(void);

/* A bounded UTF-8 output: out[cap] including the NUL. */
struct i18n_utf8_out {
	char *p;       /* caller's buffer (borrowed) */
	size_t cap;    /* its size in bytes, NUL included */
	size_t len;    /* bytes written so far */
	int full;      /* 1 once a character did not fit */
};

/* i18n_utf8_out_init — start writing into p[cap] (cap may be 0). */
void i18n_utf8_out_init(struct i18n_utf8_out *o, char *p, size_t cap);

/*
 * i18n_utf8_out_put — append code point c. When it does not fit (one byte
 * is kept for the NUL) nothing more is written and o->full is set.
 */
void i18n_utf8_out_put(struct i18n_utf8_out *o, UChar32 c);

/*
 * i18n_utf8_out_bytes — append n raw bytes (already UTF-8) as one unit:
 * all of them or none (then o->full is set).
 */
void i18n_utf8_out_bytes(struct i18n_utf8_out *o, const char *s, size_t n);

/*
 * i18n_utf8_out_end — terminate the output. Returns the length, or
 * MG_ETOOLONG when something did not fit (the buffer then holds "").
 */
int i18n_utf8_out_end(struct i18n_utf8_out *o);

/*
 * i18n_utf8_out_end_cut — terminate the output, keeping what fit (cut at a
 * character boundary). Returns the length.
 */
int i18n_utf8_out_end_cut(struct i18n_utf8_out *o);

/*
 * i18n_utf8_valid — 1 when s[0..n) is well-formed UTF-8 (no overlongs, no
 * surrogates, nothing above U+10FFFF), else 0.
 */
int i18n_utf8_valid(const char *s, size_t n);

/*
 * Character classes shared by the i18n/ modules (pure functions).
 * i18n_utf8_is_space: U+0020 and every Zs space (U+3000, U+00A0, U+2000–200A …).
 * i18n_utf8_is_hyphen: hyphen and dash variants clerks and IMEs produce
 *   (-, U+2010–2015, U+2043, U+2212, U+2E3A/B, U+FE58, U+FE63, U+FF0D).
 * i18n_utf8_is_bidi: bidi marks, embeddings, overrides and isolates
 *   (U+061C, U+200E/F, U+202A–202E, U+2066–2069) and U+2028/2029.
 * i18n_utf8_halfwidth_kana: a half-width katakana or mark (U+FF61–FF9F)
 *   mapped to its full-width form by ICU's NFKC data (ﾞ/ﾟ become the
 *   combining U+3099/309A); any other c is returned unchanged.
 */
int i18n_utf8_is_space(UChar32 c);
int i18n_utf8_is_hyphen(UChar32 c);
int i18n_utf8_is_bidi(UChar32 c);
UChar32 i18n_utf8_halfwidth_kana(UChar32 c);

#endif
