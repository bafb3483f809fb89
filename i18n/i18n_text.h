/*
 * i18n_text.h — Japanese text handling on ICU: normalisation of what clerks
 * type and the sanitiser for untrusted text. All strings are UTF-8.
 * Search keys: i18n_kana.h; display width: i18n_width.h; collation: i18n_collate.h.
 *
 * Output buffers: out has cap bytes including the NUL. Functions return the
 * length written (>= 0), MG_ETOOLONG when the result does not fit (out is
 * then an empty string), MG_EINVAL for invalid UTF-8 input, or MG_EI18N.
 */
#ifndef I18N_TEXT_H
#define I18N_TEXT_H

#include <stddef.h>

/*
 * i18n_text_name — a person's name for storage: NFC (never NFKC: 異体字 and
 * compatibility ideographs keep their code points), half-width katakana to
 * full-width, ASCII/full-width spaces between parts folded to one U+3000,
 * leading/trailing spaces removed, control characters refused (MG_EINVAL).
 */
int i18n_text_name(const char *in, char *out, size_t cap);

/*
 * i18n_text_kana — a reading (振り仮名) for storage: hiragana and half-width
 * katakana to full-width katakana, spaces folded to one U+3000. Refuses
 * (MG_EINVAL) anything that is not kana, the long-vowel mark, U+3000 or space.
 */
int i18n_text_kana(const char *in, char *out, size_t cap);

/*
 * i18n_text_digits — a numeric field: full-width digits to ASCII, spaces and
 * hyphens (any width) removed; MG_EINVAL if anything else remains.
 */
int i18n_text_digits(const char *in, char *out, size_t cap);

/*
 * i18n_text_nfkc — NFKC with half-width katakana to full-width: for addresses,
 * free text and search input (not for names, see i18n_text_name).
 */
int i18n_text_nfkc(const char *in, char *out, size_t cap);

/* i18n_text_is_kana — 1 when s (non-empty) holds only kana/long vowel/spaces. */
int i18n_text_is_kana(const char *s);

/*
 * i18n_text_sanitize — remove C0/C1 control characters, DEL, ESC sequences
 * (CSI, OSC, DCS … up to their terminator) and bidi overrides from
 * untrusted text (card, database, exchange message) before display.
 * Invalid UTF-8 bytes become U+FFFD. Never fails for cap >= 1 (truncates at
 * a character boundary); returns the length written.
 */
int i18n_text_sanitize(const char *in, char *out, size_t cap);

/* i18n_text_fini — release the cached ICU objects (tests, exit). */
void i18n_text_fini(void);

#endif
