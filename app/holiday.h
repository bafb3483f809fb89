/*
 * holiday.h — the Japanese holiday calendar, computed by rule, and the
 * municipality's closing days (for 地方自治法4条の2④: a deadline that falls on
 * a 休日 moves to the next day that is not one).
 *
 * National holidays follow 国民の祝日に関する法律 as amended, including
 * 振替休日 (3条2項), 国民の休日 (3条3項), 春分の日/秋分の日 by the standard
 * astronomical approximation, Happy Monday rules, and the one-off changes
 * (e.g. 2019 即位の日, 2020/2021 Olympic moves).
 */
#ifndef HOLIDAY_H
#define HOLIDAY_H

#include <stddef.h>
#include "i18n/i18n_date.h"

/* A municipality's calendar of closing days beyond weekends and national holidays. */
struct holiday_cal {
	int year_end;            /* 1: 12/29–1/3 are closed (the default) */
	const i18n_day *extra;   /* extra closing days (borrowed), sorted or not; NULL = none */
	size_t n_extra;
	int holidays_open;       /* 1: national holidays are open days (config holidays_closed = 0) */
};

/*
 * holiday_national — 1 when day is a national holiday (祝日, 振替休日 or
 * 国民の休日), else 0. OUT (may be NULL): *msgid, the catalog key of its name
 * ("holiday_ganjitsu", "holiday_furikae", …; a static string), NULL when 0.
 * Any day is accepted: the law as in force on that day (none before
 * 1948-07-20); 春分/秋分 by the standard formula of 1980–2099, and of
 * 1900–1979 / 2100–2150 in those ranges (the nearest range beyond).
 * Pure; does not block.
 */
int holiday_national(i18n_day day, const char **msgid);

/*
 * holiday_closed — 1 when the office is closed on day: Saturday, Sunday,
 * a national holiday, 12/29–1/3 when cal->year_end, or one of cal->extra.
 * cal may be NULL (defaults: year_end on, no extra days).
 */
int holiday_closed(const struct holiday_cal *cal, i18n_day day);

/*
 * holiday_next_open — day itself if open, else the first open day after it
 * (地方自治法4条の2④). cal as for holiday_closed. Pure; does not block.
 */
i18n_day holiday_next_open(const struct holiday_cal *cal, i18n_day day);

#endif
