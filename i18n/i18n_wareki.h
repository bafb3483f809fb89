/*
 * i18n_wareki.h — dates as clerks type and read them: 和暦 (令和/平成/昭和/
 * 大正/明治) and western forms, on ICU's japanese calendar.
 *
 * The eras, their first days, names and letters are read from ICU at first
 * use (ICU: 明治 1868-09-08, 大正 1912-07-30, 昭和 1926-12-25, 平成
 * 1989-01-08, 令和 2019-05-01; a later era in ICU's data is picked up too).
 * Every function returns MG_EI18N when the ICU data cannot be loaded.
 * All functions are thread-safe (one internal lock) and do not block on I/O.
 */
#ifndef I18N_WAREKI_H
#define I18N_WAREKI_H

#include <stddef.h>
#include "i18n/i18n_date.h"

/*
 * i18n_wareki_parse — parse a calendar date in any accepted form:
 * 令和7年3月14日, 令7.3.14, R7.3.14, R07/03/14, r7-3-14, 令和元年5月1日,
 * H31.4.30, S55.2.17, 2025-03-14, 2025/3/14, 2025年3月14日, 20250314,
 * R070314, with full-width digits, letters and punctuation, spaces anywhere.
 * Era: its name (令和), first character (令) or letter (R, any case); era
 * year 1–2 digits or 元; western year 4 digits; one separator kind per date.
 * An era date outside its era (平成31年5月1日, 令和元年4月30日), era year 0,
 * an impossible date (2/30) or a 不詳 part gives MG_EDATE.
 * OUT: *day. Returns 0, MG_EDATE or MG_EINVAL (not a date at all, NULL).
 */
int i18n_wareki_parse(const char *in, i18n_day *day);

/*
 * i18n_wareki_parse_birth — a 生年月日 as stored (標準仕様 1.1.8): like
 * i18n_wareki_parse, but also accepts the non-calendar and 不詳 forms the
 * registry allows: day or month unknown (令和7年3月不詳[日] → "2025-03-00",
 * 1950年不詳[月] → "1950-00-00"), the stored form itself ("1950-03-00"),
 * and non-calendar days such as 2月29日 of a common year or 2月30日
 * ("YYYY-02-30"); month must be 1..12 or unknown, day 1..31 or unknown.
 * The named period must still meet the typed era (a non-calendar day counts
 * as the month's last day: H31.4.31 is accepted, R1.4.31 is not).
 * OUT: iso[I18N_DATE_ISO_LEN] "YYYY-MM-DD" with 00 for unknown.
 * Returns 0, MG_EDATE or MG_EINVAL.
 */
int i18n_wareki_parse_birth(const char *in, char *iso);

/*
 * i18n_wareki_format — "令和7年3月14日" (元年 for year 1), ICU's long
 * japanese date, whatever the catalog language; before 明治 (ICU: before
 * 1868-09-08) the western form "1850年1月2日". Returns the length,
 * MG_ETOOLONG (out is then ""), MG_EDATE (year outside 1..9999) or MG_EI18N.
 */
int i18n_wareki_format(i18n_day day, char *out, size_t cap);

/*
 * i18n_wareki_format_iso — format a stored ISO date (possibly with 00 parts)
 * in the language of the loaded catalog: 和暦 for ja ("令和7年3月14日",
 * "令和7年3月不詳", "昭和25年不詳", non-calendar "令和5年2月30日", "不詳"
 * for 0000-00-00), "14 Mar 2025" / "Mar 2025 (day unknown)" for en.
 * A partial date takes the era of its period's last day (1989-00-00 →
 * 平成元年不詳). Invalid input is copied through sanitised.
 * Returns the length or a negative code.
 */
int i18n_wareki_format_iso(const char *iso, char *out, size_t cap);

/*
 * i18n_wareki_text — a stored ISO date as a screen shows it: "" (or NULL) is "",
 * else i18n_wareki_format_iso, and the text as it is when that fails.
 * OUT: out[cap]. Returns out.
 */
const char *i18n_wareki_text(const char *iso, char *out, size_t cap);

/*
 * i18n_wareki_yymmdd — the 2-digit era year + MM + DD of a date, as used in
 * 照合番号B ("550217" for 1980-02-17, "010501" for 2019-05-01), from the
 * same era table as i18n_wareki_format. OUT: out[7]. Returns 0, MG_EDATE
 * (before 明治) or MG_EI18N.
 */
int i18n_wareki_yymmdd(i18n_day day, char *out);

/*
 * i18n_wareki_explain — why in is not accepted (by i18n_wareki_parse, or by
 * i18n_wareki_parse_birth when birth is set), as a catalog message for the
 * clerk: the era's range for a date outside its era ("平成は平成元年1月8日
 * から平成31年4月30日までです。…"), the month's length for a day it does
 * not have ("2月29日という日はありません（2月は28日までです）。"), else the
 * general date message with examples (rc_date). OUT: out[cap]. Returns the
 * length, 0 (out "") when in is accepted, or a negative code.
 */
int i18n_wareki_explain(const char *in, int birth, char *out, size_t cap);

/* i18n_wareki_fini — close the cached ICU formats (tests, exit); reloaded on use. */
void i18n_wareki_fini(void);

#endif
