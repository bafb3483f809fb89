/*
 * i18n_date.h — calendar dates as day numbers (proleptic Gregorian).
 *
 * A date is an i18n_day: days since 1970-01-01 (negative before). Registry
 * rows store dates as ISO text "YYYY-MM-DD". Parsing what clerks type
 * (和暦, R7.3.14, full-width digits …) and 和暦 formatting live in
 * i18n_wareki.h; this file is only arithmetic and the ISO form.
 */
#ifndef I18N_DATE_H
#define I18N_DATE_H

#include <stdint.h>

typedef int32_t i18n_day;

#define I18N_DATE_ISO_LEN 11   /* "YYYY-MM-DD" + NUL */

/* i18n_date_valid — 1 when y-m-d is a real calendar date (years 1..9999). */
int i18n_date_valid(int y, int m, int d);

/* i18n_date_leap — 1 when y is a Gregorian leap year. */
int i18n_date_leap(int y);

/* i18n_date_mdays — days in month m of year y (0 for a bad month). */
int i18n_date_mdays(int y, int m);

/* i18n_date_from_ymd — day number of a valid y-m-d (not checked). */
i18n_day i18n_date_from_ymd(int y, int m, int d);

/* i18n_date_to_ymd — y-m-d of a day number. OUT: y, m, d. */
void i18n_date_to_ymd(i18n_day day, int *y, int *m, int *d);

/* i18n_date_weekday — 0 = Sunday … 6 = Saturday. */
int i18n_date_weekday(i18n_day day);

/*
 * i18n_date_parse_iso — parse exactly "YYYY-MM-DD" (a real date).
 * OUT: *day. Returns 0 or MG_EDATE.
 */
int i18n_date_parse_iso(const char *s, i18n_day *day);

/* i18n_date_format_iso — write "YYYY-MM-DD" (out holds I18N_DATE_ISO_LEN). */
void i18n_date_format_iso(i18n_day day, char *out);

/*
 * i18n_date_today — today's local date, from the clock.
 * Not overridable: callers that need a fixed date (tests, demo) carry their
 * own "today" (see struct app_ctx).
 */
i18n_day i18n_date_today(void);

#endif
