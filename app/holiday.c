/*
 * holiday.c — national holidays by rule (国民の祝日に関する法律 as amended and
 * the one-off laws) and the municipality's closing days (地方自治法4条の2①④).
 *
 * A 祝日 is found in a table of rules, each valid for a span of years of the
 * law; 振替休日 (3条2項) and 国民の休日 (3条3項) are derived from the 祝日 of
 * the neighbouring days, with the wording in force on the relevant date.
 */
#include "app/holiday.h"
#include "i18n/i18n_msg.h"

#include <limits.h>

/* How a rule places its day in the month. */
enum rule_kind {
	RULE_FIXED,     /* arg = day of the month */
	RULE_MONDAY,    /* arg = n: the n-th Monday (ハッピーマンデー) */
	RULE_SHUNBUN,   /* 春分日 by the standard approximation */
	RULE_SHUBUN,    /* 秋分日 by the standard approximation */
};

/* One 祝日 rule of one era of the law. */
struct rule {
	int from;             /* first year it applies */
	int to;               /* last year it applies */
	int month;            /* 1..12 */
	enum rule_kind kind;  /* how the day is placed */
	int arg;              /* day or n, see rule_kind */
	const char *msgid;    /* catalog key of the name */
};

#define YMAX INT_MAX

/*
 * The 祝日 of 国民の祝日に関する法律 (昭和23年法律第178号, in force 1948-07-20,
 * so 1948 only has the holidays from 秋分の日 on) and its amendments:
 * 1966 敬老の日・体育の日; 1967 建国記念の日; 1989 天皇誕生日 12/23 and
 * みどりの日; 1996 海の日; 2000 成人の日・体育の日 and 2003 海の日・敬老の日
 * become Monday holidays; 2007 昭和の日 and みどりの日 on 5/4; 2016 山の日;
 * 2019 no 天皇誕生日 (退位特例法), 2/23 from 2020; 2020 体育の日 renamed
 * スポーツの日; 2020/2021 moves for the Olympic Games (特措法). One-off
 * holidays by their own laws are one-year rules; 2019's are deemed 祝日 for
 * 3条2項/3項 by their law, the earlier ones are treated alike (no case in
 * which it would matter).
 */
static const struct rule rules[] = {
	{ 1949, YMAX,  1, RULE_FIXED,   1, MSG("holiday_ganjitsu") },
	{ 1949, 1999,  1, RULE_FIXED,  15, MSG("holiday_seijin") },
	{ 2000, YMAX,  1, RULE_MONDAY,  2, MSG("holiday_seijin") },
	{ 1967, YMAX,  2, RULE_FIXED,  11, MSG("holiday_kenkoku") },
	{ 2020, YMAX,  2, RULE_FIXED,  23, MSG("holiday_tenno") },
	{ 1989, 1989,  2, RULE_FIXED,  24, MSG("holiday_taiso") },
	{ 1949, YMAX,  3, RULE_SHUNBUN, 0, MSG("holiday_shunbun") },
	{ 1959, 1959,  4, RULE_FIXED,  10, MSG("holiday_kekkon_akihito") },
	{ 1949, 1988,  4, RULE_FIXED,  29, MSG("holiday_tenno") },
	{ 1989, 2006,  4, RULE_FIXED,  29, MSG("holiday_midori") },
	{ 2007, YMAX,  4, RULE_FIXED,  29, MSG("holiday_showa") },
	{ 2019, 2019,  5, RULE_FIXED,   1, MSG("holiday_sokui") },
	{ 1949, YMAX,  5, RULE_FIXED,   3, MSG("holiday_kenpo") },
	{ 2007, YMAX,  5, RULE_FIXED,   4, MSG("holiday_midori") },
	{ 1949, YMAX,  5, RULE_FIXED,   5, MSG("holiday_kodomo") },
	{ 1993, 1993,  6, RULE_FIXED,   9, MSG("holiday_kekkon_naruhito") },
	{ 1996, 2002,  7, RULE_FIXED,  20, MSG("holiday_umi") },
	{ 2003, 2019,  7, RULE_MONDAY,  3, MSG("holiday_umi") },
	{ 2020, 2020,  7, RULE_FIXED,  23, MSG("holiday_umi") },
	{ 2020, 2020,  7, RULE_FIXED,  24, MSG("holiday_sports") },
	{ 2021, 2021,  7, RULE_FIXED,  22, MSG("holiday_umi") },
	{ 2021, 2021,  7, RULE_FIXED,  23, MSG("holiday_sports") },
	{ 2022, YMAX,  7, RULE_MONDAY,  3, MSG("holiday_umi") },
	{ 2016, 2019,  8, RULE_FIXED,  11, MSG("holiday_yama") },
	{ 2020, 2020,  8, RULE_FIXED,  10, MSG("holiday_yama") },
	{ 2021, 2021,  8, RULE_FIXED,   8, MSG("holiday_yama") },
	{ 2022, YMAX,  8, RULE_FIXED,  11, MSG("holiday_yama") },
	{ 1966, 2002,  9, RULE_FIXED,  15, MSG("holiday_keiro") },
	{ 2003, YMAX,  9, RULE_MONDAY,  3, MSG("holiday_keiro") },
	{ 1948, YMAX,  9, RULE_SHUBUN,  0, MSG("holiday_shubun") },
	{ 1966, 1999, 10, RULE_FIXED,  10, MSG("holiday_taiiku") },
	{ 2000, 2019, 10, RULE_MONDAY,  2, MSG("holiday_taiiku") },
	{ 2022, YMAX, 10, RULE_MONDAY,  2, MSG("holiday_sports") },
	{ 2019, 2019, 10, RULE_FIXED,  22, MSG("holiday_sokuirei") },
	{ 1948, YMAX, 11, RULE_FIXED,   3, MSG("holiday_bunka") },
	{ 1990, 1990, 11, RULE_FIXED,  12, MSG("holiday_sokuirei") },
	{ 1948, YMAX, 11, RULE_FIXED,  23, MSG("holiday_kinro") },
	{ 1989, 2018, 12, RULE_FIXED,  23, MSG("holiday_tenno") },
};

/*
 * The standard approximation of the equinox day, per range of years:
 * day = int(base + 0.242194·(y−1980) − int((y−ref)/4)). Constants are in
 * millionths so that the sum is exact integer arithmetic (no rounding at a
 * boundary). 1980–2099 is the range the application relies on; the
 * published 1900–1979 and 2100–2150 constants are used where they apply and
 * the nearest range beyond them (nothing is refused).
 */
struct equinox_era {
	int from;           /* first year of the range */
	long shunbun;       /* base of 春分, millionths of a day */
	long shubun;        /* base of 秋分, millionths of a day */
	int ref;            /* year of the leap-year count */
};

static const struct equinox_era equinox_eras[] = {
	{ INT_MIN, 20835700L, 23258800L, 1983 },
	{ 1980,    20843100L, 23248800L, 1980 },
	{ 2100,    21851000L, 24248800L, 1980 },
};

/* Day of March (春分) or September (秋分) of the equinox of year y. */
static int equinox_day(int y, int autumn)
{
	const struct equinox_era *e = &equinox_eras[0];
	long v;

	for (size_t i = 1; i < sizeof equinox_eras / sizeof equinox_eras[0]; i++)
		if (y >= equinox_eras[i].from)
			e = &equinox_eras[i];
	/* C division truncates toward zero, as int() does in the formula. */
	v = (autumn ? e->shubun : e->shunbun) + 242194L * (long)(y - 1980)
	    - 1000000L * (long)((y - e->ref) / 4);
	return (int)(v / 1000000L);
}

/* Day of the month of the n-th Monday of y-m. */
static int nth_monday(int y, int m, int n)
{
	int w1 = i18n_date_weekday(i18n_date_from_ymd(y, m, 1));

	return 1 + (8 - w1) % 7 + 7 * (n - 1);
}

/* The 祝日 (国民の祝日, incl. one-off laws) on y-m-d, or NULL. */
static const char *shukujitsu_ymd(int y, int m, int d)
{
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		const struct rule *r = &rules[i];
		int day = 0;

		if (r->month != m || y < r->from || y > r->to)
			continue;
		switch (r->kind) {
		case RULE_FIXED:   day = r->arg; break;
		case RULE_MONDAY:  day = nth_monday(y, m, r->arg); break;
		case RULE_SHUNBUN: day = equinox_day(y, 0); break;
		case RULE_SHUBUN:  day = equinox_day(y, 1); break;
		}
		if (day == d)
			return r->msgid;
	}
	return NULL;
}

/* The 祝日 on a day number, or NULL. */
static const char *shukujitsu(i18n_day day)
{
	int y, m, d;

	i18n_date_to_ymd(day, &y, &m, &d);
	return shukujitsu_ymd(y, m, d);
}

/*
 * 1 when day (not itself a 祝日) is a 振替休日. 3条2項 as of 1973-04-12:
 * the day after a 祝日 on a Sunday; as of 2007-01-01: the first day after it
 * that is not a 祝日. The wording in force on the Sunday's date applies.
 */
static int furikae(i18n_day day)
{
	const i18n_day from1973 = i18n_date_from_ymd(1973, 4, 12);
	const i18n_day from2007 = i18n_date_from_ymd(2007, 1, 1);

	for (i18n_day p = day - 1; shukujitsu(p); p--) {
		if (i18n_date_weekday(p) != 0)
			continue;
		if (p >= from2007)
			return 1;
		return p == day - 1 && p >= from1973;
	}
	return 0;
}

/*
 * 1 when day (neither a 祝日 nor a 振替休日) is a 国民の休日: 3条3項 as of
 * 1985-12-27, a day between two 祝日 — until 2006 not a Sunday (nor a
 * 振替休日, excluded by the caller).
 */
static int kokumin(i18n_day day)
{
	if (day < i18n_date_from_ymd(1985, 12, 27))
		return 0;
	if (day < i18n_date_from_ymd(2007, 1, 1) && i18n_date_weekday(day) == 0)
		return 0;
	return shukujitsu(day - 1) && shukujitsu(day + 1);
}

int holiday_national(i18n_day day, const char **msgid)
{
	const char *name = shukujitsu(day);

	if (!name && furikae(day))
		name = MSG("holiday_furikae");
	else if (!name && kokumin(day))
		name = MSG("holiday_kokumin");
	if (msgid)
		*msgid = name;
	return name != NULL;
}

int holiday_closed(const struct holiday_cal *cal, i18n_day day)
{
	int wd = i18n_date_weekday(day);
	int year_end = cal ? cal->year_end : 1;
	int y, m, d;

	if (wd == 0 || wd == 6)
		return 1;
	i18n_date_to_ymd(day, &y, &m, &d);
	/* 地方自治法4条の2②三: 12/29–1/3 (by the municipality's ordinance). */
	if (year_end && ((m == 12 && d >= 29) || (m == 1 && d <= 3)))
		return 1;
	if (!(cal && cal->holidays_open) && holiday_national(day, NULL))
		return 1;
	if (cal && cal->extra)
		for (size_t i = 0; i < cal->n_extra; i++)
			if (cal->extra[i] == day)
				return 1;
	return 0;
}

i18n_day holiday_next_open(const struct holiday_cal *cal, i18n_day day)
{
	/* Ends: extra days are finite and the other closing runs are short. */
	while (holiday_closed(cal, day))
		day++;
	return day;
}
