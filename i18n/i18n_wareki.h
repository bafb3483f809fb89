/*
 * i18n_wareki.h — dates as clerks type and read them: 和暦 (令和/平成/昭和/
 * 大正/明治) and western forms, on ICU's japanese calendar.
 */
#ifndef I18N_WAREKI_H
#define I18N_WAREKI_H

#include <stddef.h>
#include "i18n/i18n_date.h"

/*
 * i18n_wareki_parse — parse a calendar date in any accepted form:
 * 令和7年3月14日, 令7.3.14, R7.3.14, R07/03/14, r7-3-14, 令和元年5月1日,
 * H31.4.30, S55.2.17, 2025-03-14, 2025/3/14, 20250314, with full-width digits
 * and punctuation. An era date outside its era (平成31年5月1日, 令和元年4月30日)
 * or an impossible date (2/30) gives MG_EDATE.
 * OUT: *day. Returns 0, MG_EDATE or MG_EINVAL (not a date at all).
 */
int i18n_wareki_parse(const char *in, i18n_day *day);

/*
 * i18n_wareki_parse_birth — a 生年月日 as stored (標準仕様 1.1.8): like
 * i18n_wareki_parse, but also accepts the non-calendar and 不詳 forms the
 * registry allows: day or month unknown (令和7年3月不詳日 / 1950年不詳月 →
 * "1950-00-00"), and non-calendar days such as 2月29日 of a common year or
 * 2月30日 ("YYYY-02-30"); month must be 1..12 or unknown, day 1..31 or
 * unknown. OUT: iso[I18N_DATE_ISO_LEN] "YYYY-MM-DD" with 00 for unknown.
 * Returns 0, MG_EDATE or MG_EINVAL.
 */
int i18n_wareki_parse_birth(const char *in, char *iso);

/*
 * i18n_wareki_format — "令和7年3月14日" (元年 for year 1); before 明治
 * (1868-01-25) the western form is used. Returns the length or a code.
 */
int i18n_wareki_format(i18n_day day, char *out, size_t cap);

/*
 * i18n_wareki_format_iso — format a stored ISO date (possibly with 00 parts)
 * in the language of the loaded catalog: 和暦 for ja ("令和7年3月不詳"),
 * "14 Mar 2025" style for en. Invalid input is copied through sanitised.
 */
int i18n_wareki_format_iso(const char *iso, char *out, size_t cap);

/*
 * i18n_wareki_yymmdd — the 2-digit era year + MM + DD of a date, as used in
 * 照合番号B ("550217" for 1980-02-17). OUT: out[7]. Returns 0 or MG_EDATE
 * (before 明治).
 */
int i18n_wareki_yymmdd(i18n_day day, char *out);

#endif
