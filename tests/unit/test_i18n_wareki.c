/* test_i18n_wareki.c — 和暦 parsing, birth forms, formatting, 照合番号B YYMMDD. */
#include "tests/unit/testutil.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_wareki.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <string.h>

/* Day number of an ISO date (the test's own fixed points). */
static i18n_day D(const char *iso)
{
	i18n_day d = 0;

	CU_ASSERT_EQUAL_FATAL(i18n_date_parse_iso(iso, &d), 0);
	return d;
}

/* A parse row: input, expected code, expected ISO date. */
struct prow {
	const char *in;    /* what the clerk typed */
	int rc;            /* expected code */
	const char *iso;   /* expected date when rc == 0 */
};

static void check_parse(const struct prow *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		i18n_day d = -1;
		int rc = i18n_wareki_parse(t[i].in, &d);
		char iso[I18N_DATE_ISO_LEN] = "";

		if (rc == 0)
			i18n_date_format_iso(d, iso);
		if (rc != t[i].rc || (rc == 0 && strcmp(iso, t[i].iso) != 0))
			fprintf(stderr, "\n  parse [%s] → %d %s, want %d %s\n", t[i].in, rc, iso,
			        t[i].rc, t[i].iso ? t[i].iso : "");
		CU_ASSERT_EQUAL(rc, t[i].rc);
		if (t[i].rc == 0)
			CU_ASSERT_STRING_EQUAL(iso, t[i].iso);
	}
}

static void t_parse_forms(void)
{
	static const struct prow t[] = {
		{ "令和7年3月14日", 0, "2025-03-14" },
		{ "R7.3.14", 0, "2025-03-14" },
		{ "R07/03/14", 0, "2025-03-14" },
		{ "r7-3-14", 0, "2025-03-14" },
		{ "令7.3.14", 0, "2025-03-14" },
		{ "令和元年5月1日", 0, "2019-05-01" },
		{ "R元.5.1", 0, "2019-05-01" },
		{ "R1.5.1", 0, "2019-05-01" },
		{ "H31.4.30", 0, "2019-04-30" },
		{ "S55.2.17", 0, "1980-02-17" },
		{ "昭和55年2月17日", 0, "1980-02-17" },
		{ "T15.12.24", 0, "1926-12-24" },
		{ "大正元年7月30日", 0, "1912-07-30" },
		{ "M45.7.29", 0, "1912-07-29" },
		{ "明治45年7月29日", 0, "1912-07-29" },
		{ "2025-03-14", 0, "2025-03-14" },
		{ "2025/3/14", 0, "2025-03-14" },
		{ "2025.3.14", 0, "2025-03-14" },
		{ "2025年3月14日", 0, "2025-03-14" },
		{ "西暦2025年3月14日", 0, "2025-03-14" },
		{ "20250314", 0, "2025-03-14" },
		{ "R070314", 0, "2025-03-14" },
		/* full-width digits, letters and punctuation; spaces */
		{ "令和７年３月１４日", 0, "2025-03-14" },
		{ "Ｒ７．３．１４", 0, "2025-03-14" },
		{ "２０２５－０３－１４", 0, "2025-03-14" },
		{ "２０２５ー０３ー１４", 0, "2025-03-14" },
		{ " 令和 7年 3月 14日 ", 0, "2025-03-14" },
		{ "2024-02-29", 0, "2024-02-29" },
		{ "\xE3\x8D\xBB" "31.4.30", 0, "2019-04-30" },      /* ㍻ (NFKC → 平成) */
		{ "\xE3\x8B\xBF" "元年5月1日", 0, "2019-05-01" },   /* ㋿ */
	};

	check_parse(t, sizeof t / sizeof t[0]);
}

static void t_parse_boundaries(void)
{
	static const struct prow t[] = {
		/* 昭和 → 平成 */
		{ "昭和64年1月7日", 0, "1989-01-07" },
		{ "S64.1.8", MG_EDATE, NULL },
		{ "平成元年1月8日", 0, "1989-01-08" },
		{ "H1.1.7", MG_EDATE, NULL },
		/* 平成 → 令和 */
		{ "平成31年4月30日", 0, "2019-04-30" },
		{ "平成31年5月1日", MG_EDATE, NULL },
		{ "令和元年4月30日", MG_EDATE, NULL },
		{ "令和元年5月1日", 0, "2019-05-01" },
		{ "H32.1.1", MG_EDATE, NULL },
		/* 大正 → 昭和 */
		{ "大正15年12月24日", 0, "1926-12-24" },
		{ "大正15年12月25日", MG_EDATE, NULL },
		{ "昭和元年12月25日", 0, "1926-12-25" },
		{ "昭和元年12月24日", MG_EDATE, NULL },
		/* 明治 → 大正 */
		{ "大正元年7月29日", MG_EDATE, NULL },
		{ "明治45年7月30日", MG_EDATE, NULL },
	};

	check_parse(t, sizeof t / sizeof t[0]);
}

static void t_parse_rejects(void)
{
	static const struct prow t[] = {
		{ "2025-02-30", MG_EDATE, NULL },
		{ "R7.2.30", MG_EDATE, NULL },
		{ "令和7年2月29日", MG_EDATE, NULL },      /* 2025 is not a leap year */
		{ "2025/13/1", MG_EDATE, NULL },
		{ "2025/0/1", MG_EDATE, NULL },
		{ "2025/4/31", MG_EDATE, NULL },
		{ "R0.1.1", MG_EDATE, NULL },
		{ "令和7年3月不詳", MG_EDATE, NULL },        /* 不詳 only for 生年月日 */
		{ "", MG_EINVAL, NULL },
		{ "abc", MG_EINVAL, NULL },
		{ "令和", MG_EINVAL, NULL },
		{ "R7", MG_EINVAL, NULL },
		{ "令和7年3月", MG_EINVAL, NULL },
		{ "R7.3/14", MG_EINVAL, NULL },           /* mixed separators */
		{ "25-03-14", MG_EINVAL, NULL },          /* 2-digit western year */
		{ "R123.1.1", MG_EINVAL, NULL },
		{ "2025-03-14x", MG_EINVAL, NULL },
		{ "X7.3.14", MG_EINVAL, NULL },
		{ "2025031", MG_EINVAL, NULL },
		{ "\xff", MG_EINVAL, NULL },
	};

	check_parse(t, sizeof t / sizeof t[0]);
	{
		i18n_day d;

		CU_ASSERT_EQUAL(i18n_wareki_parse(NULL, &d), MG_EINVAL);
	}
}

static void t_parse_birth(void)
{
	static const struct { const char *in; int rc; const char *iso; } t[] = {
		{ "S55.2.17", 0, "1980-02-17" },
		{ "令和7年3月不詳", 0, "2025-03-00" },
		{ "令和7年3月不詳日", 0, "2025-03-00" },
		{ "1950年不詳月", 0, "1950-00-00" },
		{ "1950年不詳", 0, "1950-00-00" },
		{ "1950年不詳月不詳日", 0, "1950-00-00" },
		{ "昭和25年不詳", 0, "1950-00-00" },
		{ "1950-00-00", 0, "1950-00-00" },
		{ "1950-03-00", 0, "1950-03-00" },
		/* non-calendar days */
		{ "2023-02-29", 0, "2023-02-29" },
		{ "令和5年2月30日", 0, "2023-02-30" },
		{ "H31.4.31", 0, "2019-04-31" },
		{ "R1.4.31", MG_EDATE, NULL },            /* still outside 令和 */
		{ "2023-02-32", MG_EDATE, NULL },
		{ "2023-13-01", MG_EDATE, NULL },
		{ "2023-00-05", MG_EDATE, NULL },
		{ "S25.0.0", MG_EDATE, NULL },             /* 0 is not how 不詳 is typed */
		{ "令和元年不詳", 0, "2019-00-00" },       /* the year meets 令和 */
		{ "平成31年5月不詳", MG_EDATE, NULL },     /* the month does not meet 平成 */
		{ "平成31年4月不詳", 0, "2019-04-00" },
		{ "不詳", MG_EINVAL, NULL },
		{ "abc", MG_EINVAL, NULL },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char iso[I18N_DATE_ISO_LEN] = "";
		int rc = i18n_wareki_parse_birth(t[i].in, iso);

		if (rc != t[i].rc || (rc == 0 && strcmp(iso, t[i].iso) != 0))
			fprintf(stderr, "\n  birth [%s] → %d %s\n", t[i].in, rc, iso);
		CU_ASSERT_EQUAL(rc, t[i].rc);
		if (t[i].rc == 0)
			CU_ASSERT_STRING_EQUAL(iso, t[i].iso);
	}
}

static void t_format(void)
{
	static const struct { const char *iso, *want; } t[] = {
		{ "2025-03-14", "令和7年3月14日" },
		{ "2019-05-01", "令和元年5月1日" },
		{ "2019-04-30", "平成31年4月30日" },
		{ "1989-01-08", "平成元年1月8日" },
		{ "1989-01-07", "昭和64年1月7日" },
		{ "1926-12-25", "昭和元年12月25日" },
		{ "1926-12-24", "大正15年12月24日" },
		{ "1912-07-30", "大正元年7月30日" },
		{ "1912-07-29", "明治45年7月29日" },
		{ "1868-09-08", "明治元年9月8日" },
		{ "1868-09-07", "1868年9月7日" },        /* before 明治 (ICU): western */
		{ "1600-01-01", "1600年1月1日" },
	};
	char out[64];

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int rc = i18n_wareki_format(D(t[i].iso), out, sizeof out);

		if (rc < 0 || strcmp(out, t[i].want) != 0)
			fprintf(stderr, "\n  format %s → %d [%s]\n", t[i].iso, rc, rc < 0 ? "" : out);
		CU_ASSERT_EQUAL(rc, (int)strlen(t[i].want));
		CU_ASSERT_STRING_EQUAL(out, t[i].want);
	}
	CU_ASSERT_EQUAL(i18n_wareki_format(D("2025-03-14"), out, 10), MG_ETOOLONG);
	CU_ASSERT_STRING_EQUAL(out, "");
}

static void t_round_trip(void)
{
	char out[64];
	int bad = 0;

	/* Every day 1868-09-08 … 2030-12-31: format then parse gives the day back. */
	for (i18n_day d = D("1868-09-08"); d <= D("2030-12-31"); d += 7) {
		i18n_day back = -1;

		if (i18n_wareki_format(d, out, sizeof out) < 0 ||
		    i18n_wareki_parse(out, &back) != 0 || back != d)
			bad++;
	}
	CU_ASSERT_EQUAL(bad, 0);
}

static void t_yymmdd(void)
{
	static const struct { const char *iso, *want; } t[] = {
		{ "1980-02-17", "550217" }, { "2019-05-01", "010501" },
		{ "2019-04-30", "310430" }, { "1989-01-07", "640107" },
		{ "1989-01-08", "010108" }, { "1912-07-29", "450729" },
		{ "2025-12-31", "071231" },
	};
	char out[7];

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		CU_ASSERT_EQUAL(i18n_wareki_yymmdd(D(t[i].iso), out), 0);
		CU_ASSERT_STRING_EQUAL(out, t[i].want);
	}
	CU_ASSERT_EQUAL(i18n_wareki_yymmdd(D("1868-01-01"), out), MG_EDATE);
	/* fini drops the cache; the next call loads it again */
	i18n_wareki_fini();
	CU_ASSERT_EQUAL(i18n_wareki_yymmdd(D("1980-02-17"), out), 0);
	CU_ASSERT_STRING_EQUAL(out, "550217");
}

static void t_format_iso(void)
{
	static const struct { const char *lang, *iso, *want; } t[] = {
		{ "ja", "2025-03-14", "令和7年3月14日" },
		{ "ja", "2025-03-00", "令和7年3月不詳" },
		{ "ja", "1950-00-00", "昭和25年不詳" },
		{ "ja", "2023-02-30", "令和5年2月30日" },
		{ "ja", "2019-04-31", "平成31年4月31日" },
		{ "ja", "1989-00-00", "平成元年不詳" },
		{ "ja", "0000-00-00", "不詳" },
		{ "ja", "1850-03-00", "1850年3月不詳" },
		{ "ja", "garbage\x1b[31m", "garbage" },
		{ "en", "2025-03-14", "14 Mar 2025" },
		{ "en", "2025-03-00", "Mar 2025 (day unknown)" },
		{ "en", "1950-00-00", "1950 (month and day unknown)" },
		{ "en", "2023-02-30", "30 Feb 2023" },
		{ "en", "0000-00-00", "date unknown" },
	};
	char out[96];

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int rc;

		CU_ASSERT_EQUAL_FATAL(i18n_msg_init(t[i].lang), 0);
		rc = i18n_wareki_format_iso(t[i].iso, out, sizeof out);
		if (rc < 0 || strcmp(out, t[i].want) != 0)
			fprintf(stderr, "\n  format_iso %s %s → %d [%s]\n", t[i].lang, t[i].iso, rc, out);
		CU_ASSERT_EQUAL(rc, (int)strlen(t[i].want));
		CU_ASSERT_STRING_EQUAL(out, t[i].want);
	}
	CU_ASSERT_EQUAL(i18n_msg_init("ja"), 0);
	/* i18n_wareki_text, what the screens call: "" and NULL stay "", text too long is kept. */
	strcpy(out, "x");
	CU_ASSERT_PTR_EQUAL(i18n_wareki_text("", out, sizeof out), out);
	CU_ASSERT_STRING_EQUAL(out, "");
	strcpy(out, "x");
	CU_ASSERT_STRING_EQUAL(i18n_wareki_text(NULL, out, sizeof out), "");
	CU_ASSERT_STRING_EQUAL(i18n_wareki_text("2025-03-14", out, sizeof out), "令和7年3月14日");
	{
		char small[8];

		CU_ASSERT_STRING_EQUAL(i18n_wareki_text("2025-03-14", small, sizeof small), "2025-03");
	}
}

static void t_explain(void)
{
	static const struct { const char *lang, *in; int birth; const char *want; } t[] = {
		{ "ja", "平成31年5月1日", 0,
		  "平成は平成元年1月8日から平成31年4月30日までです。元号と年を確認してください。" },
		{ "ja", "令和元年4月30日", 0, "令和は令和元年5月1日からです。元号と年を確認してください。" },
		{ "ja", "S64.1.8", 0,
		  "昭和は昭和元年12月25日から昭和64年1月7日までです。元号と年を確認してください。" },
		{ "ja", "令和7年2月29日", 0,
		  "2月29日という日はありません（2月は28日までです）。日付を確認してください。" },
		{ "ja", "2025/4/31", 0,
		  "4月31日という日はありません（4月は30日までです）。日付を確認してください。" },
		{ "ja", "R1.4.31", 1,
		  "令和は令和元年5月1日からです。元号と年を確認してください。" },
		{ "en", "H31.5.1", 0,
		  "The 平成 era runs from 平成元年1月8日 to 平成31年4月30日. Check the era and the year." },
		{ "en", "2025-02-30", 0, "Month 2 has no day 30 (it has 28 days). Check the date." },
		{ "ja", "2025-02-30", 1, "" },              /* a non-calendar 生年月日 is fine */
		{ "ja", "R7.3.14", 0, "" },
	};
	char out[256];

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int rc;

		CU_ASSERT_EQUAL_FATAL(i18n_msg_init(t[i].lang), 0);
		rc = i18n_wareki_explain(t[i].in, t[i].birth, out, sizeof out);
		if (rc < 0 || strcmp(out, t[i].want) != 0)
			fprintf(stderr, "\n  explain %s → %d [%s]\n", t[i].in, rc, out);
		CU_ASSERT_EQUAL(rc, (int)strlen(t[i].want));
		CU_ASSERT_STRING_EQUAL(out, t[i].want);
	}
	/* not a date at all: the general message with examples */
	CU_ASSERT_EQUAL_FATAL(i18n_msg_init("ja"), 0);
	CU_ASSERT(i18n_wareki_explain("abc", 0, out, sizeof out) > 0);
	CU_ASSERT_STRING_EQUAL(out, i18n_msg("rc_date"));
	CU_ASSERT(i18n_wareki_explain(NULL, 0, out, sizeof out) > 0);
}

TESTUTIL_REGISTER(i18n_wareki)
{
	static const struct testutil_case cases[] = {
		{ "parse_forms", t_parse_forms },
		{ "parse_boundaries", t_parse_boundaries },
		{ "parse_rejects", t_parse_rejects },
		{ "parse_birth", t_parse_birth },
		{ "format", t_format },
		{ "round_trip", t_round_trip },
		{ "yymmdd", t_yymmdd },
		{ "format_iso", t_format_iso },
		{ "explain", t_explain },
		{ NULL, NULL }
	};

	testutil_suite("i18n_wareki", NULL, NULL, cases);
}
