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
#include <unicode/umachine.h>

/*
 * i18n_kana_search_key — the stored search key of a reading (標準仕様 2.1.2):
 * NFKC, hiragana→katakana, 清音化 (dakuten/handakuten dropped: ガ→カ, パ→ハ,
 * ヴ→ウ), small kana to large (ッ→ツ, ョ→ヨ, ヵ→カ), long-vowel marks (ー,
 * 〜), spaces, ・ and hyphen variants removed, オ段+ウ → オ段 (トウ→ト, as a
 * long vowel), ヽヾ repeat the previous kana, ASCII letters upper-cased;
 * other characters (kanji, digits) are kept. Two readings that a clerk would
 * call "the same" give the same key: サトウ, さとう, サトー, ｻﾄｳ → "サト";
 * ジョウ and ショウ → "シヨ". A fixed table: the key never depends on the
 * locale or the ICU version beyond NFKC. Thread-safe, does not block.
 */
int i18n_kana_search_key(const char *in, char *out, size_t cap);

/*
 * i18n_kana_name_key — the stored search key of a written name: NFKC
 * (search only: 神 U+FA19 and 神 match; a spacing ゛ or ゜ after a kana
 * composes with it first: ウ゛, ｳﾞ and ヴ match), all spaces and
 * default-ignorable code points (variation selectors: 葛󠄀 U+845B U+E0100 and
 * 葛 match; ZWJ, soft hyphen) removed, hiragana made katakana (田中はな and
 * 田中ハナ), letters upper-cased without accents or strokes (José, JOSÉ and
 * JOSE; Đức and DUC), 旧字体 and common 異体字 of names folded (髙橋 and 高橋,
 * 﨑 and 崎, 𠮷 and 吉). Stored keys are recomputed by a migration when this
 * changes (019, 020). Used for prefix search on 氏名. Thread-safe, does not
 * block.
 */
int i18n_kana_name_key(const char *in, char *out, size_t cap);

/*
 * i18n_kana_name_ident — the form in which two written names are the same
 * name, for identity checks (a 転入通知 against the 除票, a 再転入 against its
 * 除票): NFKC (a spacing ゛ composing as for the search key), spaces and
 * default-ignorable code points removed, ASCII letters upper-cased; hiragana and katakana, other letters' case and
 * accents, and 旧字体 stay apart (山田いちろう is not 山田イチロウ, 髙橋 is not
 * 高橋), unlike the search key. Same returns and errors as
 * i18n_kana_name_key.
 */
int i18n_kana_name_ident(const char *in, char *out, size_t cap);

/*
 * i18n_kana_key_ignores — 1 for a character i18n_kana_search_key drops
 * without a trace, in any width: spaces, hyphens, 〜 〰 ~, voice marks, the
 * middle dot · and ".". (ー and ・ are katakana, folded by the table.)
 */
int i18n_kana_key_ignores(UChar32 c);

#endif
