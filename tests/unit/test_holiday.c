/*
 * test_holiday.c — the national holiday calendar against the published lists
 * (内閣府「国民の祝日について」), 振替休日 and 国民の休日 in both wordings of
 * 3条, the changes of the law, 春分/秋分, and the closing-day roll-over of
 * 地方自治法4条の2④ (domain-rules §1.1, §9).
 */
#include "tests/unit/testutil.h"
#include "app/holiday.h"
#include "i18n/i18n_msg.h"

#include <stdio.h>
#include <string.h>

/* A date and the catalog key of its holiday name (NULL: not a holiday). */
struct hday {
	const char *iso;
	const char *msgid;
};

/* Day number of an ISO date written in the test (aborts the test if bad). */
static i18n_day D(const char *iso)
{
	i18n_day day = 0;

	CU_ASSERT_EQUAL_FATAL(i18n_date_parse_iso(iso, &day), 0);
	return day;
}

/* Record one assertion with a message naming the date and both values. */
static void expect(int ok, const char *iso, const char *want, const char *got)
{
	char msg[160];

	snprintf(msg, sizeof msg, "%s: expected %s, got %s", iso,
	         want ? want : "(none)", got ? got : "(none)");
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, __LINE__, msg, __FILE__, "", CU_FALSE);
}

/* Check that day is (want != NULL) or is not (want == NULL) a national holiday. */
static void check_day(i18n_day day, const char *want)
{
	char iso[I18N_DATE_ISO_LEN];
	const char *got = "junk";
	int r = holiday_national(day, &got);

	i18n_date_format_iso(day, iso);
	if (want)
		expect(r == 1 && got && strcmp(got, want) == 0, iso, want, got);
	else
		expect(r == 0 && got == NULL, iso, want, got);
}

/* Check every day of year y: exactly the days of list (n entries) are holidays. */
static void check_year(int y, const struct hday *list, size_t n)
{
	i18n_day first = i18n_date_from_ymd(y, 1, 1), last = i18n_date_from_ymd(y, 12, 31);
	size_t seen = 0;

	for (i18n_day day = first; day <= last; day++) {
		const char *want = NULL;

		for (size_t i = 0; i < n; i++)
			if (D(list[i].iso) == day) {
				want = list[i].msgid;
				seen++;
			}
		check_day(day, want);
	}
	CU_ASSERT_EQUAL(seen, n);   /* every listed date lies in the year */
}

#define CHECK_YEAR(y, list) check_year((y), (list), sizeof (list) / sizeof (list)[0])

/* 2019: 即位の日, 即位礼正殿の儀, GW 国民の休日 on both sides, no 天皇誕生日. */
static void t_year_2019(void)
{
	static const struct hday list[] = {
		{ "2019-01-01", "holiday_ganjitsu" }, { "2019-01-14", "holiday_seijin" },
		{ "2019-02-11", "holiday_kenkoku" },  { "2019-03-21", "holiday_shunbun" },
		{ "2019-04-29", "holiday_showa" },    { "2019-04-30", "holiday_kokumin" },
		{ "2019-05-01", "holiday_sokui" },    { "2019-05-02", "holiday_kokumin" },
		{ "2019-05-03", "holiday_kenpo" },    { "2019-05-04", "holiday_midori" },
		{ "2019-05-05", "holiday_kodomo" },   { "2019-05-06", "holiday_furikae" },
		{ "2019-07-15", "holiday_umi" },      { "2019-08-11", "holiday_yama" },
		{ "2019-08-12", "holiday_furikae" },  { "2019-09-16", "holiday_keiro" },
		{ "2019-09-23", "holiday_shubun" },   { "2019-10-14", "holiday_taiiku" },
		{ "2019-10-22", "holiday_sokuirei" }, { "2019-11-03", "holiday_bunka" },
		{ "2019-11-04", "holiday_furikae" },  { "2019-11-23", "holiday_kinro" },
	};

	CHECK_YEAR(2019, list);
}

/* 2020: Olympic moves (海の日 7/23, スポーツの日 7/24, 山の日 8/10), 2/23 on a Sunday. */
static void t_year_2020(void)
{
	static const struct hday list[] = {
		{ "2020-01-01", "holiday_ganjitsu" }, { "2020-01-13", "holiday_seijin" },
		{ "2020-02-11", "holiday_kenkoku" },  { "2020-02-23", "holiday_tenno" },
		{ "2020-02-24", "holiday_furikae" },  { "2020-03-20", "holiday_shunbun" },
		{ "2020-04-29", "holiday_showa" },    { "2020-05-03", "holiday_kenpo" },
		{ "2020-05-04", "holiday_midori" },   { "2020-05-05", "holiday_kodomo" },
		{ "2020-05-06", "holiday_furikae" },  { "2020-07-23", "holiday_umi" },
		{ "2020-07-24", "holiday_sports" },   { "2020-08-10", "holiday_yama" },
		{ "2020-09-21", "holiday_keiro" },    { "2020-09-22", "holiday_shubun" },
		{ "2020-11-03", "holiday_bunka" },    { "2020-11-23", "holiday_kinro" },
	};

	CHECK_YEAR(2020, list);
}

/* 2021: Olympic moves (7/22, 7/23, 山の日 8/8 on a Sunday → 8/9). */
static void t_year_2021(void)
{
	static const struct hday list[] = {
		{ "2021-01-01", "holiday_ganjitsu" }, { "2021-01-11", "holiday_seijin" },
		{ "2021-02-11", "holiday_kenkoku" },  { "2021-02-23", "holiday_tenno" },
		{ "2021-03-20", "holiday_shunbun" },  { "2021-04-29", "holiday_showa" },
		{ "2021-05-03", "holiday_kenpo" },    { "2021-05-04", "holiday_midori" },
		{ "2021-05-05", "holiday_kodomo" },   { "2021-07-22", "holiday_umi" },
		{ "2021-07-23", "holiday_sports" },   { "2021-08-08", "holiday_yama" },
		{ "2021-08-09", "holiday_furikae" },  { "2021-09-20", "holiday_keiro" },
		{ "2021-09-23", "holiday_shubun" },   { "2021-11-03", "holiday_bunka" },
		{ "2021-11-23", "holiday_kinro" },
	};

	CHECK_YEAR(2021, list);
}

/* 2024: five 振替休日 (2/12, 5/6, 8/12, 9/23, 11/4). */
static void t_year_2024(void)
{
	static const struct hday list[] = {
		{ "2024-01-01", "holiday_ganjitsu" }, { "2024-01-08", "holiday_seijin" },
		{ "2024-02-11", "holiday_kenkoku" },  { "2024-02-12", "holiday_furikae" },
		{ "2024-02-23", "holiday_tenno" },    { "2024-03-20", "holiday_shunbun" },
		{ "2024-04-29", "holiday_showa" },    { "2024-05-03", "holiday_kenpo" },
		{ "2024-05-04", "holiday_midori" },   { "2024-05-05", "holiday_kodomo" },
		{ "2024-05-06", "holiday_furikae" },  { "2024-07-15", "holiday_umi" },
		{ "2024-08-11", "holiday_yama" },     { "2024-08-12", "holiday_furikae" },
		{ "2024-09-16", "holiday_keiro" },    { "2024-09-22", "holiday_shubun" },
		{ "2024-09-23", "holiday_furikae" },  { "2024-10-14", "holiday_sports" },
		{ "2024-11-03", "holiday_bunka" },    { "2024-11-04", "holiday_furikae" },
		{ "2024-11-23", "holiday_kinro" },
	};

	CHECK_YEAR(2024, list);
}

/* 2025: 2/23 and 11/23 on Sundays; 5/4 on a Sunday → 5/6 (2007 wording). */
static void t_year_2025(void)
{
	static const struct hday list[] = {
		{ "2025-01-01", "holiday_ganjitsu" }, { "2025-01-13", "holiday_seijin" },
		{ "2025-02-11", "holiday_kenkoku" },  { "2025-02-23", "holiday_tenno" },
		{ "2025-02-24", "holiday_furikae" },  { "2025-03-20", "holiday_shunbun" },
		{ "2025-04-29", "holiday_showa" },    { "2025-05-03", "holiday_kenpo" },
		{ "2025-05-04", "holiday_midori" },   { "2025-05-05", "holiday_kodomo" },
		{ "2025-05-06", "holiday_furikae" },  { "2025-07-21", "holiday_umi" },
		{ "2025-08-11", "holiday_yama" },     { "2025-09-15", "holiday_keiro" },
		{ "2025-09-23", "holiday_shubun" },   { "2025-10-13", "holiday_sports" },
		{ "2025-11-03", "holiday_bunka" },    { "2025-11-23", "holiday_kinro" },
		{ "2025-11-24", "holiday_furikae" },
	};

	CHECK_YEAR(2025, list);
}

/* 2026: 5/3 on a Sunday → 5/6; 国民の休日 9/22. */
static void t_year_2026(void)
{
	static const struct hday list[] = {
		{ "2026-01-01", "holiday_ganjitsu" }, { "2026-01-12", "holiday_seijin" },
		{ "2026-02-11", "holiday_kenkoku" },  { "2026-02-23", "holiday_tenno" },
		{ "2026-03-20", "holiday_shunbun" },  { "2026-04-29", "holiday_showa" },
		{ "2026-05-03", "holiday_kenpo" },    { "2026-05-04", "holiday_midori" },
		{ "2026-05-05", "holiday_kodomo" },   { "2026-05-06", "holiday_furikae" },
		{ "2026-07-20", "holiday_umi" },      { "2026-08-11", "holiday_yama" },
		{ "2026-09-21", "holiday_keiro" },    { "2026-09-22", "holiday_kokumin" },
		{ "2026-09-23", "holiday_shubun" },   { "2026-10-12", "holiday_sports" },
		{ "2026-11-03", "holiday_bunka" },    { "2026-11-23", "holiday_kinro" },
	};

	CHECK_YEAR(2026, list);
}

/* Check a list of single dates. */
static void check_list(const struct hday *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		check_day(D(list[i].iso), list[i].msgid);
}

#define CHECK_LIST(list) check_list((list), sizeof (list) / sizeof (list)[0])

/* 振替休日 (3条2項): the cases of the brief, and the days around them. */
static void t_furikae(void)
{
	static const struct hday list[] = {
		{ "2024-02-12", "holiday_furikae" }, { "2024-02-13", NULL },
		{ "2024-09-23", "holiday_furikae" }, { "2024-09-24", NULL },
		{ "2025-02-24", "holiday_furikae" }, { "2025-02-25", NULL },
		{ "2026-05-06", "holiday_furikae" }, { "2026-05-07", NULL },
		{ "2018-12-24", "holiday_furikae" },   /* 天皇誕生日 12/23 on a Sunday */
		{ "2019-12-23", NULL },                /* no 天皇誕生日 in 2019 */
		{ "2013-05-06", "holiday_furikae" },   /* 5/5 Sunday */
		{ "2021-08-09", "holiday_furikae" },   /* moved 山の日 on a Sunday */
		{ "2023-01-02", "holiday_furikae" },   /* 元日 Sunday (office closed anyway) */
	};

	CHECK_LIST(list);
}

/*
 * The 2007 change of 3条2項: before, only the day after a Sunday 祝日; after,
 * the first day after it that is not a 祝日 (with みどりの日 on 5/4, a Sunday
 * 5/3 or 5/4 now gives 5/6). The 1973 introduction: nothing before 1973-04-12.
 */
static void t_furikae_rule_change(void)
{
	static const struct hday list[] = {
		{ "2003-05-04", NULL },                /* Sunday, not yet みどりの日 */
		{ "2003-05-05", "holiday_kodomo" },
		{ "2003-05-06", NULL },                /* 2003: nothing on 5/6 */
		{ "2008-05-04", "holiday_midori" },    /* Sunday */
		{ "2008-05-06", "holiday_furikae" },   /* 2008: 振替 after 5/5 */
		{ "2009-05-03", "holiday_kenpo" },     /* Sunday */
		{ "2009-05-06", "holiday_furikae" },
		{ "1998-05-03", "holiday_kenpo" },     /* Sunday, old wording */
		{ "1998-05-04", "holiday_furikae" },   /* the Monday, not 国民の休日 */
		{ "1998-05-06", NULL },
		{ "2006-01-02", "holiday_furikae" },   /* 元日 Sunday, old wording */
		{ "1999-10-11", "holiday_furikae" },   /* 体育の日 10/10 Sunday */
		{ "1973-02-12", NULL },                /* 2/11 Sunday, before the law */
		{ "1973-04-30", "holiday_furikae" },   /* the first 振替休日 */
	};

	CHECK_LIST(list);
}

/* 国民の休日 (3条3項): between two 祝日; not on a Sunday before 2007; not before 1985-12-27. */
static void t_kokumin(void)
{
	static const struct hday list[] = {
		{ "2009-09-22", "holiday_kokumin" },
		{ "2015-09-22", "holiday_kokumin" },
		{ "2026-09-22", "holiday_kokumin" },
		{ "2019-04-30", "holiday_kokumin" },
		{ "2019-05-02", "holiday_kokumin" },
		{ "2032-09-21", "holiday_kokumin" },   /* 敬老 9/20, 秋分 9/22 */
		{ "1988-05-04", "holiday_kokumin" },   /* the first one */
		{ "2006-05-04", "holiday_kokumin" },
		{ "1986-05-04", NULL },                /* Sunday, old wording */
		{ "1985-05-04", NULL },                /* before the 1985 amendment */
		{ "2010-09-21", NULL },                /* 敬老 9/20, 秋分 9/23: not between */
	};

	CHECK_LIST(list);
}

/* The eras of the law: names and dates that moved. */
static void t_law_eras(void)
{
	static const struct hday list[] = {
		{ "1999-01-15", "holiday_seijin" },  { "2000-01-15", NULL },
		{ "2000-01-10", "holiday_seijin" },
		{ "1988-04-29", "holiday_tenno" },   { "1989-04-29", "holiday_midori" },
		{ "2006-04-29", "holiday_midori" },  { "2007-04-29", "holiday_showa" },
		{ "2007-05-04", "holiday_midori" },
		{ "1988-12-23", NULL },              { "1989-12-23", "holiday_tenno" },
		{ "2018-12-23", "holiday_tenno" },   { "2019-02-23", NULL },
		{ "1995-07-20", NULL },              { "1996-07-20", "holiday_umi" },
		{ "2002-07-20", "holiday_umi" },     { "2003-07-21", "holiday_umi" },
		{ "2003-07-20", NULL },
		{ "2002-09-15", "holiday_keiro" },   { "2002-09-16", "holiday_furikae" },
		{ "2003-09-15", "holiday_keiro" },   { "2004-09-20", "holiday_keiro" },
		{ "2004-09-15", NULL },
		{ "1999-10-10", "holiday_taiiku" },  { "2000-10-09", "holiday_taiiku" },
		{ "2000-10-10", NULL },              { "2019-10-14", "holiday_taiiku" },
		{ "2022-10-10", "holiday_sports" },  { "2020-10-12", NULL },
		{ "2021-10-11", NULL },              { "2020-07-20", NULL },
		{ "2021-07-19", NULL },              { "2020-08-11", NULL },
		{ "2021-08-11", NULL },              { "2022-08-11", "holiday_yama" },
		{ "2015-08-11", NULL },              { "2016-08-11", "holiday_yama" },
		{ "1966-02-11", NULL },              { "1967-02-11", "holiday_kenkoku" },
		{ "1989-02-24", "holiday_taiso" },   { "1990-11-12", "holiday_sokuirei" },
		{ "1993-06-09", "holiday_kekkon_naruhito" },
		{ "1959-04-10", "holiday_kekkon_akihito" },
		{ "1948-01-01", NULL },              { "1948-09-23", "holiday_shubun" },
		{ "2099-01-12", "holiday_seijin" },  { "2150-11-03", "holiday_bunka" },
	};

	CHECK_LIST(list);
}

/* The equinox day of the formula evaluated in floating point, as published. */
static int equinox_float(int y, double base)
{
	return (int)(base + 0.242194 * (y - 1980) - (int)((y - 1980) / 4));
}

/* Day of month of the 春分/秋分 holiday that holiday_national reports in year y. */
static int equinox_found(int y, int m, const char *key)
{
	for (int d = 19; d <= 24; d++) {
		const char *got = NULL;

		if (holiday_national(i18n_date_from_ymd(y, m, d), &got) && strcmp(got, key) == 0)
			return d;
	}
	return 0;
}

/* 春分/秋分 1980–2099 by the standard formula, and published days around it. */
static void t_equinox(void)
{
	static const struct hday list[] = {
		{ "1979-03-21", "holiday_shunbun" }, { "1979-09-24", "holiday_shubun" },
		{ "1980-03-20", "holiday_shunbun" }, { "1980-09-23", "holiday_shubun" },
		{ "2012-09-22", "holiday_shubun" },  { "2023-03-21", "holiday_shunbun" },
		{ "2023-09-23", "holiday_shubun" },  { "2027-03-21", "holiday_shunbun" },
		{ "2028-09-22", "holiday_shubun" },  { "2030-03-20", "holiday_shunbun" },
		{ "2100-03-20", "holiday_shunbun" }, { "2100-09-23", "holiday_shubun" },
	};

	for (int y = 1980; y <= 2099; y++) {
		int sp = equinox_float(y, 20.8431), au = equinox_float(y, 23.2488);

		CU_ASSERT_EQUAL(equinox_found(y, 3, "holiday_shunbun"), sp);
		CU_ASSERT_EQUAL(equinox_found(y, 9, "holiday_shubun"), au);
	}
	CHECK_LIST(list);
}

/* Closing days: weekends, holidays, 12/29–1/3 unless turned off, extra days. */
static void t_closed(void)
{
	struct holiday_cal no_ye = { 0, NULL, 0, 0 };
	static const char *const ye[] = {
		"2025-12-29", "2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02",
	};

	CU_ASSERT_EQUAL(holiday_closed(NULL, D("2024-06-15")), 1);   /* Saturday */
	CU_ASSERT_EQUAL(holiday_closed(NULL, D("2024-06-16")), 1);   /* Sunday */
	CU_ASSERT_EQUAL(holiday_closed(NULL, D("2024-06-17")), 0);   /* Monday */
	CU_ASSERT_EQUAL(holiday_closed(NULL, D("2024-07-15")), 1);   /* 海の日 */
	CU_ASSERT_EQUAL(holiday_closed(NULL, D("2024-11-04")), 1);   /* 振替休日 */
	CU_ASSERT_EQUAL(holiday_closed(NULL, D("2026-09-22")), 1);   /* 国民の休日 */
	for (size_t i = 0; i < sizeof ye / sizeof ye[0]; i++) {
		CU_ASSERT_EQUAL(holiday_closed(NULL, D(ye[i])), 1);
		CU_ASSERT_EQUAL(holiday_closed(&no_ye, D(ye[i])), D(ye[i]) == D("2026-01-01"));
	}
	CU_ASSERT_EQUAL(holiday_closed(NULL, D("2024-01-03")), 1);   /* Wednesday */
	CU_ASSERT_EQUAL(holiday_closed(&no_ye, D("2024-01-03")), 0);
	CU_ASSERT_EQUAL(holiday_closed(NULL, D("2024-12-27")), 0);   /* Friday before */
	CU_ASSERT_EQUAL(holiday_closed(NULL, D("2024-12-28")), 1);   /* Saturday */
	CU_ASSERT_EQUAL(holiday_closed(NULL, D("2025-01-06")), 0);   /* Monday after */
	CU_ASSERT_EQUAL(holiday_closed(NULL, D("2024-01-04")), 0);   /* Thursday 1/4 */
}

/* 地方自治法4条の2④: a deadline on a closing day moves to the next open day. */
static void t_next_open(void)
{
	/* 転入 2023-12-23 + 14 = Saturday 2024-01-06; 1/7 Sunday, 1/8 成人の日. */
	i18n_day deadline = D("2023-12-23") + 14;

	CU_ASSERT_EQUAL(deadline, D("2024-01-06"));
	CU_ASSERT_EQUAL(holiday_next_open(NULL, deadline), D("2024-01-09"));
	CU_ASSERT_EQUAL(holiday_next_open(NULL, D("2024-01-05")), D("2024-01-05"));
	CU_ASSERT_EQUAL(holiday_next_open(NULL, D("2024-01-09")), D("2024-01-09"));
	/* Saturday 2024-09-21, Sunday 秋分の日, Monday 振替休日. */
	CU_ASSERT_EQUAL(holiday_next_open(NULL, D("2024-09-21")), D("2024-09-24"));
	/* Saturday 2025-02-22, Sunday 天皇誕生日, Monday 振替休日. */
	CU_ASSERT_EQUAL(holiday_next_open(NULL, D("2025-02-22")), D("2025-02-25"));
	/* Golden Week 2026: Saturday 5/2 … Wednesday 5/6. */
	CU_ASSERT_EQUAL(holiday_next_open(NULL, D("2026-05-02")), D("2026-05-07"));
	/* Year end: Saturday 2025-12-27 … Sunday 2026-01-04. */
	CU_ASSERT_EQUAL(holiday_next_open(NULL, D("2025-12-27")), D("2026-01-05"));
	CU_ASSERT_EQUAL(holiday_next_open(NULL, D("2025-12-29")), D("2026-01-05"));
}

/* Extra closing days, unsorted and repeated; NULL extra is ignored. */
static void t_next_open_extra(void)
{
	static const char *const iso[] = { "2024-01-11", "2024-01-09", "2024-01-10", "2024-01-09" };
	i18n_day extra[4];
	struct holiday_cal cal = { 1, extra, 4, 0 };
	struct holiday_cal bad = { 1, NULL, 3, 0 };
	struct holiday_cal open_holidays = { 1, NULL, 0, 1 };
	i18n_day seijin = i18n_date_from_ymd(2024, 1, 8);   /* 成人の日, a Monday */

	/* holidays_open: the national holiday is an open day, weekends are not. */
	CU_ASSERT(holiday_closed(NULL, seijin));
	CU_ASSERT(!holiday_closed(&open_holidays, seijin));
	CU_ASSERT(holiday_closed(&open_holidays, seijin - 1));

	for (size_t i = 0; i < 4; i++)
		extra[i] = D(iso[i]);
	CU_ASSERT_EQUAL(holiday_closed(&cal, D("2024-01-10")), 1);
	CU_ASSERT_EQUAL(holiday_closed(&cal, D("2024-01-12")), 0);
	CU_ASSERT_EQUAL(holiday_next_open(&cal, D("2024-01-06")), D("2024-01-12"));
	CU_ASSERT_EQUAL(holiday_next_open(&cal, D("2024-01-11")), D("2024-01-12"));
	CU_ASSERT_EQUAL(holiday_next_open(&cal, D("2024-01-05")), D("2024-01-05"));
	/* An extra day that is already closed changes nothing. */
	extra[0] = D("2024-01-13");
	CU_ASSERT_EQUAL(holiday_next_open(&cal, D("2024-01-06")), D("2024-01-11"));
	/* Extra days on the 4th and 5th after the year end (2024: Thu, Fri). */
	extra[0] = D("2024-01-04");
	extra[1] = D("2024-01-05");
	cal.n_extra = 2;
	CU_ASSERT_EQUAL(holiday_next_open(&cal, D("2023-12-29")), D("2024-01-09"));
	CU_ASSERT_EQUAL(holiday_next_open(&bad, D("2024-01-06")), D("2024-01-09"));
}

/* holiday_national accepts a NULL msgid, and sets it to NULL on an ordinary day. */
static void t_msgid_out(void)
{
	const char *got = "junk";

	CU_ASSERT_EQUAL(holiday_national(D("2025-01-01"), NULL), 1);
	CU_ASSERT_EQUAL(holiday_national(D("2025-01-02"), NULL), 0);
	CU_ASSERT_EQUAL(holiday_national(D("2025-01-02"), &got), 0);
	CU_ASSERT_PTR_NULL(got);
}

/* Every name key the calendar yields 1948–2150 is in both catalogs, and all are yielded. */
static void t_names_in_catalog(void)
{
	static const char *const all[] = {
		"holiday_ganjitsu", "holiday_seijin", "holiday_kenkoku", "holiday_tenno",
		"holiday_shunbun", "holiday_showa", "holiday_kenpo", "holiday_midori",
		"holiday_kodomo", "holiday_umi", "holiday_yama", "holiday_keiro",
		"holiday_shubun", "holiday_taiiku", "holiday_sports", "holiday_bunka",
		"holiday_kinro", "holiday_furikae", "holiday_kokumin", "holiday_sokui",
		"holiday_sokuirei", "holiday_taiso", "holiday_kekkon_akihito",
		"holiday_kekkon_naruhito",
	};
	enum { N = sizeof all / sizeof all[0] };
	int seen[N] = { 0 };
	int unknown = 0;

	for (i18n_day day = i18n_date_from_ymd(1948, 1, 1);
	     day <= i18n_date_from_ymd(2150, 12, 31); day++) {
		const char *got = NULL;
		size_t i;

		if (!holiday_national(day, &got))
			continue;
		for (i = 0; i < N && strcmp(all[i], got) != 0; i++)
			;
		if (i < N)
			seen[i] = 1;
		else
			unknown++;
	}
	CU_ASSERT_EQUAL(unknown, 0);
	for (int lang = 0; lang < 2; lang++) {
		CU_ASSERT_EQUAL_FATAL(i18n_msg_init(lang ? "en" : "ja"), 0);
		for (size_t i = 0; i < N; i++) {
			expect(seen[i], all[i], "yielded", "never");
			expect(i18n_msg_has(all[i]), all[i], "in catalog", "missing");
		}
	}
	CU_ASSERT_STRING_EQUAL(i18n_msg("holiday_sports"), "Sports Day");
	CU_ASSERT_EQUAL_FATAL(i18n_msg_init("ja"), 0);
	CU_ASSERT_STRING_EQUAL(i18n_msg("holiday_furikae"), "休日（振替休日）");
}

TESTUTIL_REGISTER(holiday)
{
	static const struct testutil_case cases[] = {
		{ "national holidays 2019", t_year_2019 },
		{ "national holidays 2020", t_year_2020 },
		{ "national holidays 2021", t_year_2021 },
		{ "national holidays 2024", t_year_2024 },
		{ "national holidays 2025", t_year_2025 },
		{ "national holidays 2026", t_year_2026 },
		{ "振替休日", t_furikae },
		{ "振替休日 1973 and 2007 wordings", t_furikae_rule_change },
		{ "国民の休日", t_kokumin },
		{ "eras of the law", t_law_eras },
		{ "春分/秋分 1980-2099", t_equinox },
		{ "closing days", t_closed },
		{ "next open day (地方自治法4条の2④)", t_next_open },
		{ "next open day with extra closing days", t_next_open_extra },
		{ "msgid out-parameter", t_msgid_out },
		{ "names in both catalogs", t_names_in_catalog },
		{ NULL, NULL },
	};

	testutil_suite("holiday", NULL, NULL, cases);
}
