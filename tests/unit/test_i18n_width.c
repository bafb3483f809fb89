/* test_i18n_width.c — display widths, truncation, cluster movement. */
#include "tests/unit/testutil.h"
#include "i18n/i18n_width.h"

#include <stdio.h>
#include <string.h>

#define E_ACUTE   "e\xCC\x81"                              /* e + U+0301 */
#define GRIN      "\xF0\x9F\x98\x80"                       /* 😀 U+1F600 */
#define FAMILY    "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"
#define FLAG_JP   "\xF0\x9F\x87\xAF\xF0\x9F\x87\xB5"       /* 🇯🇵 */
#define HEART_VS  "\xE2\x9D\xA4\xEF\xB8\x8F"               /* ❤️ U+2764 U+FE0F */
#define HEART     "\xE2\x9D\xA4"                           /* ❤ text style */
#define GA_NFD    "\xE3\x82\xAB\xE3\x82\x99"               /* カ + U+3099 */
#define HANGUL_LV "\xE1\x84\x80\xE1\x85\xA1"               /* ᄀ + ᅡ (jamo) */

static void t_width_of(void)
{
	static const struct { const char *s; int w; } t[] = {
		{ "", 0 }, { "abc", 3 }, { "山田", 4 }, { "ヤマダ", 6 }, { "ﾔﾏﾀﾞ", 4 },
		{ "山田 太郎", 9 }, { "山田　太郎", 10 }, { "ＡＢＣ", 6 },
		{ "a山b", 4 }, { E_ACUTE, 1 }, { "caf" E_ACUTE, 4 }, { GA_NFD, 2 },
		{ GRIN, 2 }, { FAMILY, 2 }, { FLAG_JP, 2 }, { HEART_VS, 2 }, { HEART, 1 },
		{ "○§…", 3 },                       /* East Asian Ambiguous = 1 */
		{ HANGUL_LV, 2 }, { "\xE2\x80\x8B", 0 },   /* ZWSP */
		{ "\xCC\x81", 0 },                  /* lone combining mark */
		{ "a\tb\x1b", 2 },                  /* controls count 0 */
		{ "\xff", 1 },                      /* invalid byte: U+FFFD */
		{ "山田" GRIN E_ACUTE "x", 8 },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int w = i18n_width_of(t[i].s);

		if (w != t[i].w)
			fprintf(stderr, "\n  width row %zu = %d, want %d\n", i, w, t[i].w);
		CU_ASSERT_EQUAL(w, t[i].w);
	}
	CU_ASSERT_EQUAL(i18n_width_of(NULL), 0);
}

static void t_truncate(void)
{
	static const struct {
		const char *s;
		int cols, ellipsis;
		const char *out;
		int w;
	} t[] = {
		{ "abcdef", 4, 0, "abcd", 4 },
		{ "abcdef", 4, 1, "abc…", 4 },
		{ "abcd", 4, 1, "abcd", 4 },              /* fits: no ellipsis */
		{ "山田太郎", 5, 0, "山田", 4 },           /* never half a wide char */
		{ "山田太郎", 5, 1, "山田…", 5 },
		{ "山田太郎", 4, 1, "山…", 3 },
		{ "山田太郎", 8, 1, "山田太郎", 8 },
		{ "山田太郎", 1, 0, "", 0 },
		{ "山田太郎", 1, 1, "…", 1 },
		{ "caf" E_ACUTE "s", 4, 0, "caf" E_ACUTE, 4 },   /* mark stays with its base */
		{ "caf" E_ACUTE "s", 4, 1, "caf…", 4 },
		{ "a" FAMILY "b", 3, 0, "a" FAMILY, 3 },           /* ZWJ sequence kept whole */
		{ "a" FAMILY "b", 2, 0, "a", 1 },
		{ FLAG_JP FLAG_JP, 3, 0, FLAG_JP, 2 },
		{ "ガ" GA_NFD "ガ", 4, 0, "ガ" GA_NFD, 4 },
		{ "abc", 0, 1, "", 0 },
		{ "abc", -3, 0, "", 0 },
	};
	char out[64];

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int w;

		memset(out, 'x', sizeof out);
		w = i18n_width_truncate(t[i].s, t[i].cols, t[i].ellipsis, out, sizeof out);
		if (w != t[i].w || strcmp(out, t[i].out) != 0)
			fprintf(stderr, "\n  truncate row %zu → %d [%s]\n", i, w, out);
		CU_ASSERT_EQUAL(w, t[i].w);
		CU_ASSERT_STRING_EQUAL(out, t[i].out);
		CU_ASSERT(i18n_width_of(out) == w);
	}
}

static void t_truncate_buffer(void)
{
	char out[8];

	/* The byte capacity cuts too, at a cluster boundary. */
	CU_ASSERT_EQUAL(i18n_width_truncate("山田太郎", 20, 0, out, 8), 4);
	CU_ASSERT_STRING_EQUAL(out, "山田");
	CU_ASSERT_EQUAL(i18n_width_truncate("山田太郎", 20, 1, out, 8), 3);
	CU_ASSERT_STRING_EQUAL(out, "山…");
	CU_ASSERT_EQUAL(i18n_width_truncate("abcdefghij", 20, 1, out, 8), 5);
	CU_ASSERT_STRING_EQUAL(out, "abcd…");
	CU_ASSERT_EQUAL(i18n_width_truncate("caf" E_ACUTE, 20, 0, out, 5), 3);
	CU_ASSERT_STRING_EQUAL(out, "caf");
	CU_ASSERT_EQUAL(i18n_width_truncate("abc", 2, 1, out, 3), 2);   /* no room for … */
	CU_ASSERT_STRING_EQUAL(out, "ab");
	CU_ASSERT_EQUAL(i18n_width_truncate("abc", 2, 1, NULL, 0), 0);
	CU_ASSERT_EQUAL(i18n_width_truncate(NULL, 2, 1, out, sizeof out), 0);
	CU_ASSERT_STRING_EQUAL(out, "");
}

static void t_next_prev(void)
{
	const char *s = "a" E_ACUTE "山" FAMILY "\r\nz";
	size_t want[] = { 0, 1, 4, 7, 7 + sizeof FAMILY - 1, 9 + sizeof FAMILY - 1,
	                  10 + sizeof FAMILY - 1 };
	int wcols[] = { 1, 1, 2, 2, 0, 1 };
	size_t n = sizeof want / sizeof want[0];
	size_t off = 0;
	int cols;

	for (size_t i = 1; i < n; i++) {
		off = i18n_width_next(s, off, &cols);
		CU_ASSERT_EQUAL(off, want[i]);
		CU_ASSERT_EQUAL(cols, wcols[i - 1]);
	}
	CU_ASSERT_EQUAL(i18n_width_next(s, off, &cols), strlen(s));
	CU_ASSERT_EQUAL(cols, 0);
	for (size_t i = n - 1; i > 0; i--) {
		off = i18n_width_prev(s, off);
		CU_ASSERT_EQUAL(off, want[i - 1]);
	}
	CU_ASSERT_EQUAL(i18n_width_prev(s, 0), 0);
	CU_ASSERT_EQUAL(i18n_width_next(NULL, 0, NULL), 0);
}

static void t_fini_reopen(void)
{
	i18n_width_fini();
	CU_ASSERT_EQUAL(i18n_width_of("山" E_ACUTE), 3);
	i18n_width_fini();
	i18n_width_fini();
	CU_ASSERT_EQUAL(i18n_width_of(FAMILY), 2);
}

TESTUTIL_REGISTER(i18n_width)
{
	static const struct testutil_case cases[] = {
		{ "width_of", t_width_of },
		{ "truncate", t_truncate },
		{ "truncate_buffer", t_truncate_buffer },
		{ "next_prev", t_next_prev },
		{ "fini_reopen", t_fini_reopen },
		{ NULL, NULL }
	};

	testutil_suite("i18n_width", NULL, NULL, cases);
}
