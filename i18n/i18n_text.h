/*
 * i18n_text.h — Japanese text handling on ICU: normalisation of what clerks
 * type and the sanitiser for untrusted text. All strings are UTF-8.
 * Search keys: i18n_kana.h; display width: i18n_width.h; collation: i18n_collate.h.
 *
 * Output buffers: out has cap bytes including the NUL. Functions return the
 * length written (>= 0), MG_ETOOLONG when the result does not fit (out is
 * then an empty string), MG_EINVAL for invalid UTF-8 input (or NULL), or
 * MG_EI18N when the ICU data is missing. They do not block.
 */
#ifndef I18N_TEXT_H
#define I18N_TEXT_H

#include <stddef.h>

/*
 * i18n_text_name — a person's name for storage: NFC (never NFKC), except
 * that CJK compatibility ideographs (U+F900–FAFF, U+2F800–2FA1F, e.g. 神
 * U+FA19), which plain NFC would replace, keep their code points, as do
 * 異体字 and variation selectors; half-width katakana to full-width, runs
 * of spaces (ASCII, U+3000, any Zs) between parts folded to one U+3000,
 * leading/trailing spaces removed; C0/C1 controls, DEL and bidi controls
 * refused (MG_EINVAL). Thread-safe.
 */
int i18n_text_name(const char *in, char *out, size_t cap);

/*
 * i18n_text_kana — a reading (振り仮名) for storage: hiragana and half-width
 * katakana to full-width katakana (NFC: ｶﾞ and カ゛ become ガ), spaces folded
 * to one U+3000 and trimmed. Refuses (MG_EINVAL) anything that is not kana,
 * ー, ・, ヽヾ, a voice mark after a kana, or a space.
 */
int i18n_text_kana(const char *in, char *out, size_t cap);

/*
 * i18n_text_digits — a numeric field: full-width digits to ASCII, spaces and
 * hyphens (any width, and ー which IMEs give after digits) removed;
 * MG_EINVAL if anything else remains (other scripts' digits included).
 */
int i18n_text_digits(const char *in, char *out, size_t cap);

/*
 * i18n_text_nfkc — NFKC with half-width katakana to full-width: for addresses,
 * free text and search input (not for names, see i18n_text_name).
 */
int i18n_text_nfkc(const char *in, char *out, size_t cap);

/*
 * i18n_text_is_kana — 1 when s, as typed (before NFKC, which parts a spacing
 * ゛ from its kana), holds at least one kana letter and otherwise only kana
 * of any width, ー, ・, voice marks after a kana, and what a reading's search
 * key ignores (spaces, hyphens, 〜, ".": i18n_kana_key_ignores); 0 otherwise
 * (NULL, invalid UTF-8 included). A search text it accepts is a reading.
 */
int i18n_text_is_kana(const char *s);

/*
 * i18n_text_sanitize — remove C0/C1 control characters, DEL, ESC sequences
 * (CSI, OSC, DCS … up to their terminator) and bidi overrides from
 * untrusted text (card, database, exchange message) before display.
 * Both the 7-bit (ESC [) and the C1 (U+009B …) forms are removed; an
 * unterminated string sequence removes the rest of the text.
 * Invalid UTF-8 bytes become U+FFFD. Never fails for cap >= 1 (truncates at
 * a character boundary); returns the length written (0 for NULL in or cap 0).
 */
int i18n_text_sanitize(const char *in, char *out, size_t cap);

/* i18n_text_hex — lower-case hex of the n bytes of in. OUT: out (2n + 1 bytes). */
void i18n_text_hex(const unsigned char *in, size_t n, char *out);

/* i18n_text_hexval — the value of one hex digit (either case), or -1. */
int i18n_text_hexval(int c);

/*
 * i18n_text_unhex — decode the len hex digits of s (len even, at least 2)
 * into out (cap bytes). Returns the byte count, or -1 (odd, empty, too
 * long, or a non-hex character).
 */
long i18n_text_unhex(const char *s, size_t len, unsigned char *out, size_t cap);

/*
 * i18n_text_fini — release the cached ICU objects (tests, exit). A later
 * call of a function above builds them again.
 */
void i18n_text_fini(void);

#endif
