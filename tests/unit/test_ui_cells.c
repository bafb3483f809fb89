/* test_ui_cells.c — the cell grid: widths, truncation, wrapping, inert control text. */
#include "tests/unit/testutil.h"
#include "screens/cells.h"
#include "i18n/mg_rc.h"

#include <string.h>

/* Row y of c as text (static buffer). */
static const char *row(const struct cells *c, int y)
{
	static char buf[4096];

	cells_row(c, y, buf, sizeof buf);
	return buf;
}

/* 1 when no cell of c holds a control character. */
static int no_controls(const struct cells *c)
{
	for (int y = 0; y < c->h; y++)
		for (int x = 0; x < c->w; x++) {
			const struct cells_cell *p = cells_at(c, x, y);

			for (int k = 0; k < CELLS_CLUSTER_MAX && p->wc[k]; k++) {
				unsigned long v = (unsigned long)p->wc[k];

				if (v < 0x20 || (v >= 0x7f && v < 0xa0))
					return 0;
			}
		}
	return 1;
}

static void t_ascii_and_wide(void)
{
	struct cells *c = cells_new(80, 24);

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(cells_text(c, 2, 1, 20, "abc", CELLS_R_NORMAL, 0), 3);
	CU_ASSERT_STRING_EQUAL(row(c, 1), "  abc");
	/* 山田 takes four cells: lead, continuation, lead, continuation. */
	CU_ASSERT_EQUAL(cells_text(c, 0, 2, 20, "山田", CELLS_R_TITLE, 0), 4);
	CU_ASSERT_EQUAL(cells_at(c, 0, 2)->width, 2);
	CU_ASSERT_EQUAL(cells_at(c, 0, 2)->wc[0], (wchar_t)0x5c71);
	CU_ASSERT_EQUAL(cells_at(c, 1, 2)->width, 0);
	CU_ASSERT_EQUAL(cells_at(c, 2, 2)->wc[0], (wchar_t)0x7530);
	CU_ASSERT_EQUAL(cells_at(c, 3, 2)->width, 0);
	CU_ASSERT_EQUAL(CELLS_ROLE(cells_at(c, 1, 2)->attr), CELLS_R_TITLE);
	CU_ASSERT_EQUAL(cells_at(c, 4, 2)->wc[0], L' ');
	CU_ASSERT_STRING_EQUAL(row(c, 2), "山田");
	CU_ASSERT_EQUAL(cells_width("山田 taro"), 9);
	cells_free(c);
}

static void t_truncation_of_wide_names(void)
{
	struct cells *c = cells_new(80, 24);

	/* 7 columns: three wide characters and the ellipsis. */
	CU_ASSERT_EQUAL(cells_text(c, 0, 0, 7, "山田太郎花子", 0, CELLS_ELLIPSIS), 7);
	CU_ASSERT_STRING_EQUAL(row(c, 0), "山田太…");
	/* Without the ellipsis the odd column stays blank: no half character. */
	CU_ASSERT_EQUAL(cells_text(c, 0, 1, 7, "山田太郎花子", 0, 0), 6);
	CU_ASSERT_STRING_EQUAL(row(c, 1), "山田太");
	CU_ASSERT_EQUAL(cells_at(c, 6, 1)->wc[0], L' ');
	CU_ASSERT_EQUAL(cells_at(c, 6, 1)->width, 1);
	/* A wide character never straddles the right edge of the grid. */
	CU_ASSERT_EQUAL(cells_text(c, 78, 2, 10, "a山", 0, 0), 1);
	CU_ASSERT_EQUAL(cells_at(c, 79, 2)->wc[0], L' ');
	CU_ASSERT_EQUAL(cells_text(c, 79, 3, 1, "山", 0, 0), 0);
	/* Padding fills the rest of the width with the attribute. */
	cells_text(c, 0, 4, 10, "ab", CELLS_R_SELECT, CELLS_PAD);
	CU_ASSERT_EQUAL(CELLS_ROLE(cells_at(c, 9, 4)->attr), CELLS_R_SELECT);
	CU_ASSERT_EQUAL(CELLS_ROLE(cells_at(c, 10, 4)->attr), CELLS_R_NORMAL);
	cells_free(c);
}

static void t_overwrite_half_of_wide(void)
{
	struct cells *c = cells_new(80, 24);

	cells_text(c, 0, 0, 10, "山田", 0, 0);
	/* Writing into the right half of 山 blanks its left half. */
	cells_text(c, 1, 0, 1, "x", 0, 0);
	CU_ASSERT_EQUAL(cells_at(c, 0, 0)->wc[0], L' ');
	CU_ASSERT_EQUAL(cells_at(c, 0, 0)->width, 1);
	CU_ASSERT_EQUAL(cells_at(c, 1, 0)->wc[0], L'x');
	CU_ASSERT_STRING_EQUAL(row(c, 0), " x田");
	/* Writing over the left half of 田 blanks its right half. */
	cells_text(c, 2, 0, 1, "y", 0, 0);
	CU_ASSERT_EQUAL(cells_at(c, 3, 0)->width, 1);
	CU_ASSERT_STRING_EQUAL(row(c, 0), " xy");
	cells_free(c);
}

static void t_combining_marks_stay_in_one_cell(void)
{
	struct cells *c = cells_new(80, 24);

	/* e + U+0301 is one cluster of one column. */
	CU_ASSERT_EQUAL(cells_text(c, 0, 0, 10, "e\xcc\x81x", 0, 0), 2);
	CU_ASSERT_EQUAL(cells_at(c, 0, 0)->wc[0], L'e');
	CU_ASSERT_EQUAL(cells_at(c, 0, 0)->wc[1], (wchar_t)0x301);
	CU_ASSERT_EQUAL(cells_at(c, 1, 0)->wc[0], L'x');
	/* ガ written as カ + U+3099 is one wide cluster. */
	CU_ASSERT_EQUAL(cells_text(c, 0, 1, 10, "\xe3\x82\xab\xe3\x82\x99", 0, 0), 2);
	CU_ASSERT_EQUAL(cells_at(c, 0, 1)->width, 2);
	CU_ASSERT_EQUAL(cells_at(c, 0, 1)->wc[1], (wchar_t)0x3099);
	cells_free(c);
}

static void t_osc52_name_is_inert(void)
{
	struct cells *c = cells_new(80, 24);
	/* A resident name carrying a clipboard-write (OSC 52), a CSI and a C1 CSI. */
	const char *evil = "山田\x1b]52;c;SGVsbG8=\x07太郎\x1b[2J\xc2\x9b" "31m";

	cells_text(c, 0, 0, 80, evil, 0, 0);
	cells_wrap(c, 0, 2, 80, 3, evil, 0);
	CU_ASSERT(no_controls(c));
	CU_ASSERT_PTR_NOT_NULL(strstr(row(c, 0), "山田"));
	CU_ASSERT_PTR_NOT_NULL(strstr(row(c, 0), "太郎"));
	CU_ASSERT_PTR_NULL(strstr(row(c, 0), "52;"));
	CU_ASSERT_PTR_NULL(strstr(row(c, 0), "SGVsbG8"));
	CU_ASSERT_PTR_NULL(strstr(row(c, 0), "[2J"));
	CU_ASSERT(cells_find(c, "山田", NULL, NULL));
	CU_ASSERT_FALSE(cells_find(c, "\x1b", NULL, NULL));
	cells_free(c);
}

static void t_wrap(void)
{
	struct cells *c = cells_new(80, 24);
	char buf[256];
	int n;

	/* Japanese breaks between any two characters; 10 columns = 5 wide chars. */
	n = cells_wrap(c, 0, 0, 10, 5, "あいうえおかきくけこさし", 0);
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_STRING_EQUAL(row(c, 0), "あいうえお");
	CU_ASSERT_STRING_EQUAL(row(c, 1), "かきくけこ");
	CU_ASSERT_STRING_EQUAL(row(c, 2), "さし");
	/* Latin text breaks at a space. */
	n = cells_wrap(c, 0, 5, 12, 5, "alpha beta gamma delta", 0);
	CU_ASSERT_EQUAL(n, 2);
	cells_row(c, 5, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "alpha beta");
	cells_row(c, 6, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "gamma delta");
	/* '\n' starts a new line; counting without a grid gives the same answer. */
	CU_ASSERT_EQUAL(cells_wrap(NULL, 0, 0, 12, 99, "ab\ncd", 0), 2);
	CU_ASSERT_EQUAL(cells_wrap(NULL, 0, 0, 10, 99, "あいうえおかきくけこさし", 0), 3);
	/* maxlines stops drawing but not counting. */
	CU_ASSERT_EQUAL(cells_wrap(c, 0, 10, 4, 1, "あいうえ", 0), 2);
	CU_ASSERT_STRING_EQUAL(row(c, 10), "あい");
	CU_ASSERT_STRING_EQUAL(row(c, 11), "");
	cells_free(c);
}

static void t_box_find_resize(void)
{
	struct cells *c = cells_new(80, 24);
	int x = -1, y = -1;

	cells_box(c, 10, 5, 20, 4, CELLS_R_FRAME);
	CU_ASSERT_EQUAL(cells_at(c, 10, 5)->wc[0], L'+');
	CU_ASSERT_EQUAL(cells_at(c, 29, 8)->wc[0], L'+');
	CU_ASSERT_EQUAL(cells_at(c, 10, 6)->wc[0], L'|');
	CU_ASSERT_EQUAL(cells_at(c, 11, 5)->wc[0], L'-');
	cells_text(c, 12, 6, 10, "窓口abc", 0, 0);
	CU_ASSERT(cells_find(c, "口a", &x, &y));
	CU_ASSERT_EQUAL(x, 14);
	CU_ASSERT_EQUAL(y, 6);
	CU_ASSERT_FALSE(cells_find(c, "zzz", NULL, NULL));
	CU_ASSERT_PTR_NULL(cells_at(c, 80, 0));
	CU_ASSERT_EQUAL(cells_resize(c, 120, 40), 0);
	CU_ASSERT_EQUAL(c->w, 120);
	CU_ASSERT_FALSE(cells_find(c, "窓口", NULL, NULL));
	cells_cursor(c, 5, 5);
	CU_ASSERT(c->cur_visible);
	cells_cursor(c, 120, 5);
	CU_ASSERT_FALSE(c->cur_visible);
	CU_ASSERT_PTR_NULL(cells_new(0, 10));
	cells_free(c);
}

TESTUTIL_REGISTER(ui_cells)
{
	static const struct testutil_case cases[] = {
		{ "ascii_and_wide", t_ascii_and_wide },
		{ "truncation_of_wide_names", t_truncation_of_wide_names },
		{ "overwrite_half_of_wide", t_overwrite_half_of_wide },
		{ "combining_marks_stay_in_one_cell", t_combining_marks_stay_in_one_cell },
		{ "osc52_name_is_inert", t_osc52_name_is_inert },
		{ "wrap", t_wrap },
		{ "box_find_resize", t_box_find_resize },
		{ NULL, NULL }
	};
	testutil_suite("ui_cells", NULL, NULL, cases);
}
