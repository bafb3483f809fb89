/* test_i18n_kana.c — search keys of readings and names (標準仕様 2.1.2 folding). */
#include "tests/unit/testutil.h"
#include "i18n/i18n_kana.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The reading key of s (or "<rc>" on failure) in a rotating buffer. */
static const char *key(const char *s)
{
	static char buf[4][256];
	static int i;
	int rc;

	i = (i + 1) % 4;
	rc = i18n_kana_search_key(s, buf[i], sizeof buf[i]);
	if (rc < 0)
		snprintf(buf[i], sizeof buf[i], "<%d>", rc);
	return buf[i];
}

static void t_examples(void)
{
	static const struct { const char *in, *want; } t[] = {
		/* katakana / hiragana / half-width / long vowel all meet */
		{ "サトウ", "サト" }, { "さとう", "サト" }, { "サトー", "サト" },
		{ "ｻﾄｳ", "サト" }, { "ｻﾄｰ", "サト" }, { "さと", "サト" },
		/* 清音化 */
		{ "ジョウ", "シヨ" }, { "ショウ", "シヨ" }, { "ガトウ", "カト" },
		{ "パンダ", "ハンタ" }, { "ﾊﾟﾝﾀﾞ", "ハンタ" }, { "ヴァイオリン", "ウアイオリン" },
		/* small kana */
		{ "ハットリ", "ハツトリ" }, { "ハツトリ", "ハツトリ" }, { "キャ", "キヤ" },
		{ "ヵ", "カ" }, { "ヶ", "ケ" }, { "\xE3\x87\xB0", "ク" },   /* ㇰ */
		/* オ段+ウ only: other rows keep their ウ */
		{ "オオノ", "オオノ" }, { "オノ", "オノ" }, { "コウノ", "コノ" },
		{ "クウガ", "クウカ" }, { "ユウキ", "ユウキ" }, { "ヨウコ", "ヨコ" },
		/* spaces, hyphens, dots removed */
		{ "サトウ　タロウ", "サトタロ" }, { "サトウ タロウ", "サトタロ" },
		{ "ジョン・スミス", "シヨンスミス" }, { "ｼﾞｮﾝ･ｽﾐｽ", "シヨンスミス" },
		{ "スミス-ジョーンズ", "スミスシヨンス" }, { "スミス－ジョーンズ", "スミスシヨンス" },
		{ "サト〜", "サト" },
		/* iteration marks */
		{ "ササキ", "ササキ" }, { "サヽキ", "ササキ" }, { "さゝき", "ササキ" },
		/* combining marks from decomposed input */
		{ "カ\xE3\x82\x99トウ", "カト" },
		/* other scripts are kept, ASCII upper-cased */
		{ "smith", "SMITH" }, { "ＳＭＩＴＨ", "SMITH" }, { "佐藤", "佐藤" },
		{ "", "" },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		const char *k = key(t[i].in);

		if (strcmp(k, t[i].want) != 0)
			fprintf(stderr, "\n  key(%s) = %s, want %s\n", t[i].in, k, t[i].want);
		CU_ASSERT_STRING_EQUAL(k, t[i].want);
	}
}

static void t_which_fold_together(void)
{
	/* Pairs a clerk calls the same reading… */
	static const char *const same[][2] = {
		{ "サトウ", "ｻﾄｳ" }, { "サトウ", "さとー" }, { "ジョウ", "ショウ" },
		{ "ハット", "ハツト" }, { "ヤマダ　タロウ", "やまだたろう" },
		{ "カトウ", "ガトー" },
	};
	/* …and pairs that must stay apart. */
	static const char *const apart[][2] = {
		{ "サトウ", "サイトウ" }, { "サトウ", "サトミ" }, { "オオノ", "オノ" },
		{ "ユウキ", "ユキ" }, { "ハタ", "ハダカ" }, { "イトウ", "イトイ" },
	};

	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
		CU_ASSERT_STRING_EQUAL(key(same[i][0]), key(same[i][1]));
	for (size_t i = 0; i < sizeof apart / sizeof apart[0]; i++)
		CU_ASSERT(strcmp(key(apart[i][0]), key(apart[i][1])) != 0);
}

static void t_errors(void)
{
	char out[8];

	memset(out, 'x', sizeof out);
	CU_ASSERT_EQUAL(i18n_kana_search_key("サ\xff", out, sizeof out), MG_EINVAL);
	CU_ASSERT_STRING_EQUAL(out, "");
	CU_ASSERT_EQUAL(i18n_kana_search_key(NULL, out, sizeof out), MG_EINVAL);
	CU_ASSERT_EQUAL(i18n_kana_search_key("サトウタロウ", out, sizeof out), MG_ETOOLONG);
	CU_ASSERT_STRING_EQUAL(out, "");
	CU_ASSERT_EQUAL(i18n_kana_search_key("サトウタ", out, 7), MG_ETOOLONG);  /* "サトタ": 9 bytes */
	CU_ASSERT_EQUAL(i18n_kana_search_key("サトウ", out, 7), 6);             /* "サト" fits */
	CU_ASSERT_STRING_EQUAL(out, "サト");
	CU_ASSERT_EQUAL(i18n_kana_name_key("\xED\xA0\x80", out, sizeof out), MG_EINVAL);
}

/*
 * The identity form (a 転入通知 or a 再転入 against its 除票): spaces, selectors
 * and ASCII case do not make another name; hiragana against katakana, or a
 * letter's case beyond ASCII, do (the search key folds them: rv22db 1).
 */
static void t_name_ident(void)
{
	static const struct { const char *a, *b; int same, searched_same; } t[] = {
		{ "山田　一郎", "山田 一郎", 1, 1 }, { "葛\U000E0100城　一郎", "葛城一郎", 1, 1 },
		{ "Ｊｏｈｎ Smith", "JOHN SMITH", 1, 1 }, { "\xEF\xA8\x99田", "\xE7\xA5\x9E田", 1, 1 },
		{ "山田　いちろう", "山田　イチロウ", 0, 1 }, { "José", "JOSÉ", 0, 1 },
		{ "JOSÉ", "JOSE", 0, 1 }, { "髙橋　一郎", "高橋　一郎", 0, 1 },
		{ "山田　一郎", "山田　一朗", 0, 0 },
		/* a spacing ゛ is the mark of the kana before it, as ﾞ is */
		{ "ウ゛ォルコフ", "ヴォルコフ", 1, 1 }, { "ｳﾞｫﾙｺﾌ", "ヴォルコフ", 1, 1 },
		{ "NGUYỄN　ĐỨC", "NGUYEN DUC", 0, 1 },
	};
	char a[128], b[128];

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		CU_ASSERT(i18n_kana_name_ident(t[i].a, a, sizeof a) >= 0);
		CU_ASSERT(i18n_kana_name_ident(t[i].b, b, sizeof b) >= 0);
		CU_ASSERT_EQUAL(strcmp(a, b) == 0, t[i].same);
		CU_ASSERT(i18n_kana_name_key(t[i].a, a, sizeof a) >= 0);
		CU_ASSERT(i18n_kana_name_key(t[i].b, b, sizeof b) >= 0);
		CU_ASSERT_EQUAL(strcmp(a, b) == 0, t[i].searched_same);
	}
	CU_ASSERT_EQUAL(i18n_kana_name_ident(NULL, a, sizeof a), MG_EINVAL);
}

static void t_name_key(void)
{
	static const struct { const char *in, *want; } t[] = {
		{ "山田　太郎", "山田太郎" }, { "山田 太郎", "山田太郎" },
		{ "\xEF\xA8\x99田", "\xE7\xA5\x9E田" },                /* 神 U+FA19 → U+795E */
		{ "ﾔﾏﾀﾞ", "ヤマダ" }, { "Ｊｏｈｎ Smith", "JOHNSMITH" }, { "", "" },
		/* variation selectors (IVS, FE0F), ZWJ and a soft hyphen: never typed */
		{ "葛\U000E0100城　一郎", "葛城一郎" }, { "辻\uFE00本", "辻本" },
		{ "A\u200DB\u00ADC", "ABC" },
		/* hiragana as katakana, letters beyond ASCII upper-cased, no accents */
		{ "田中　はな", "田中ハナ" }, { "José García", "JOSEGARCIA" },
		{ "Dvořák Zoë", "DVORAKZOE" }, { "Jose\u0301", "JOSE" }, { "Straße", "STRAßE" },
		/* letters with a stroke, which have no decomposition */
		{ "NGUYỄN　ĐỨC", "NGUYENDUC" }, { "Łukasz Søren", "LUKASZSOREN" },
		{ "Ħaġar đø", "HAGARDO" },
		/* a spacing ゛ or ゜ after a kana composes with it; after anything else it stays */
		{ "ウ゛ォルコフ", "ヴォルコフ" }, { "は゜る", "パル" }, { "ゝ゛", "ヾ" },
		{ "山゛", "山\u3099" },
		/* 旧字体 and common 異体字 of names; 斎 and 斉 are two characters */
		{ "髙橋　一郎", "高橋一郎" }, { "山\uFA11", "山崎" }, { "\U00020BB7田", "吉田" },
		{ "渡邉　澤子", "渡辺沢子" }, { "齋藤", "斎藤" }, { "齊藤", "斉藤" },
	};
	char out[64];

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		CU_ASSERT_EQUAL(i18n_kana_name_key(t[i].in, out, sizeof out), (int)strlen(t[i].want));
		CU_ASSERT_STRING_EQUAL(out, t[i].want);
	}
}

static void t_locale_independent(void)
{
	char a[64], b[64];

	/* The key depends on nothing but its input (no locale, no state). */
	i18n_kana_search_key("ジョウ", a, sizeof a);
	setenv("LC_ALL", "tr_TR.UTF-8", 1);
	i18n_kana_search_key("ジョウ", b, sizeof b);
	unsetenv("LC_ALL");
	CU_ASSERT_STRING_EQUAL(a, b);
	i18n_kana_search_key("istanbul", a, sizeof a);
	CU_ASSERT_STRING_EQUAL(a, "ISTANBUL");
}

static void t_cost(void)
{
	char out[64];
	int bad = 0;

	/* 100k keys: a functional loop (no timing assertion), also under ASan. */
	for (int i = 0; i < 100000; i++)
		if (i18n_kana_search_key(i % 2 ? "ヤマダ　タロウ" : "ｻﾄｳ ｼﾞﾛｳ", out, sizeof out) <= 0)
			bad++;
	CU_ASSERT_EQUAL(bad, 0);
}

TESTUTIL_REGISTER(i18n_kana)
{
	static const struct testutil_case cases[] = {
		{ "examples", t_examples },
		{ "which_fold_together", t_which_fold_together },
		{ "errors", t_errors },
		{ "name_key", t_name_key },
		{ "name_ident: the same name as written", t_name_ident },
		{ "locale_independent", t_locale_independent },
		{ "cost", t_cost },
		{ NULL, NULL }
	};

	testutil_suite("i18n_kana", NULL, NULL, cases);
}
