/* test_i18n_collate.c — sort order of readings with the ICU ja collator. */
#include "tests/unit/testutil.h"
#include "i18n/i18n_collate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* qsort adapter. */
static int cmp_ptr(const void *a, const void *b)
{
	return i18n_collate_cmp(*(const char *const *)a, *(const char *const *)b);
}

static void t_sort_readings(void)
{
	/*
	 * The order of a 50音 index: 濁点 is a secondary difference (ゴトウ sorts
	 * as コトウ, before コバヤシ; パク as ハク, before ハタ) and only breaks
	 * ties (カトウ < ガトウ); ー counts as the vowel it lengthens (サトー
	 * after サトウ).
	 */
	static const char *const want[] = {
		"アオキ", "アベ", "イトウ", "ウエノ", "オオノ", "オノ", "カトウ", "ガトウ",
		"キムラ", "ゴトウ", "コバヤシ", "サイトウ", "サトウ", "サトー", "ジョウ",
		"スズキ", "タナカ", "ナカムラ", "パク", "ハタ", "バンバ", "ヤマダ", "ワタナベ",
	};
	enum { N = sizeof want / sizeof want[0] };
	const char *v[N];

	/* Shuffle deterministically, sort, compare. */
	for (size_t i = 0; i < N; i++)
		v[i] = want[(i * 7 + 3) % N];
	qsort(v, N, sizeof v[0], cmp_ptr);
	for (size_t i = 0; i < N; i++) {
		if (strcmp(v[i], want[i]) != 0)
			fprintf(stderr, "\n  sorted[%zu] = %s, want %s\n", i, v[i], want[i]);
		CU_ASSERT_STRING_EQUAL(v[i], want[i]);
	}
}

static void t_pairs(void)
{
	CU_ASSERT(i18n_collate_cmp("カ", "ガ") < 0);
	CU_ASSERT(i18n_collate_cmp("ハ", "バ") < 0);
	CU_ASSERT(i18n_collate_cmp("バ", "パ") < 0);
	CU_ASSERT(i18n_collate_cmp("ツ", "ッ") != 0);
	/* Hiragana and katakana of a reading are adjacent, not equal. */
	CU_ASSERT(i18n_collate_cmp("さとう", "サトウ") != 0);
	CU_ASSERT(i18n_collate_cmp("さとう", "サトウ") == -i18n_collate_cmp("サトウ", "さとう"));
	CU_ASSERT(i18n_collate_cmp("さとう", "サトー") < 0);
	CU_ASSERT(i18n_collate_cmp("サトウ", "さとー") < 0);
	CU_ASSERT(i18n_collate_cmp("さとう", "スズキ") < 0);
	CU_ASSERT(i18n_collate_cmp("あべ", "イトウ") < 0);
	/* Equal strings, NULL, counted strings. */
	CU_ASSERT_EQUAL(i18n_collate_cmp("ヤマダ", "ヤマダ"), 0);
	CU_ASSERT_EQUAL(i18n_collate_cmp(NULL, ""), 0);
	CU_ASSERT(i18n_collate_cmp(NULL, "ア") < 0);
	CU_ASSERT_EQUAL(i18n_collate_cmpn("サトウXX", 9, "サトウYY", 9), 0);
	CU_ASSERT(i18n_collate_cmpn("サトウ", 9, "サトウ", 6) > 0);
	/* Canonically equivalent but different bytes: a total order, not 0. */
	CU_ASSERT(i18n_collate_cmp("ガ", "カ\xE3\x82\x99") != 0);
}

static void t_fini_reopen(void)
{
	CU_ASSERT_EQUAL(i18n_collate_ready(), 0);
	i18n_collate_fini();
	i18n_collate_fini();
	CU_ASSERT(i18n_collate_cmp("ア", "イ") < 0);
	CU_ASSERT_EQUAL(i18n_collate_ready(), 0);
}

TESTUTIL_REGISTER(i18n_collate)
{
	static const struct testutil_case cases[] = {
		{ "sort_readings", t_sort_readings },
		{ "pairs", t_pairs },
		{ "fini_reopen", t_fini_reopen },
		{ NULL, NULL }
	};

	testutil_suite("i18n_collate", NULL, NULL, cases);
}
