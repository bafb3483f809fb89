/*
 * i18n_kana.h — search keys shared by the registry and the screens (標準仕様 2.1.2).
 */
/*
 * Output buffers: out has cap bytes including the NUL. Functions return the
 * length written (>= 0), MG_ETOOLONG when the result does not fit (out is
 * then an empty string), MG_EINVAL for invalid UTF-8 input, or MG_EI18N.
 */
#ifndef I18N_KANA_H
#define I18N_KANA_H

#include <stddef.h>

/*
 * i18n_kana_search_key — the stored search key of a reading (標準仕様 2.1.2):
 * NFKC, hiragana→katakana, 清音化 (dakuten/handakuten dropped), small kana to
 * large, long-vowel marks and spaces removed, オ段+ウ → オ段 (e.g. トウ→ト,
 * as a long vowel), hyphen variants removed. Two readings that a clerk would
 * call "the same" give the same key.
 */
int i18n_kana_search_key(const char *in, char *out, size_t cap);

/*
 * i18n_kana_name_key — the stored search key of a written name: NFKC
 * (search only), all spaces removed. Used for prefix search on 氏名.
 */
int i18n_kana_name_key(const char *in, char *out, size_t cap);

#endif
