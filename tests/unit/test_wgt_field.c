/* test_wgt_field.c — input fields: grapheme editing, masking and wiping, dates, scrolling. */
#include "tests/unit/testutil.h"
#include "screens/cells.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_field.h"
#include "i18n/i18n_date.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <string.h>

/* Send one key code. */
static int key(struct wgt_field *f, int code)
{
	struct ui_key k = { code, 0 };

	return wgt_field_key(f, &k);
}

/* Type a UTF-8 string character by character. */
static void type(struct wgt_field *f, const char *s)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;

	memset(&st, 0, sizeof st);
	while (*s && (n = mbrtowc(&wc, s, strlen(s), &st)) > 0 && n < (size_t)-2) {
		struct ui_key k = { UI_K_CHAR, wc };

		wgt_field_key(f, &k);
		s += n;
	}
}

/* Row y of c as text (static buffer). */
static const char *row(const struct cells *c, int y)
{
	static char buf[2048];

	cells_row(c, y, buf, sizeof buf);
	return buf;
}

static void t_insert_and_move(void)
{
	struct wgt_field f;

	wgt_field_init(&f, WGT_FIELD_TEXT, 0);
	type(&f, "abc");
	CU_ASSERT_STRING_EQUAL(wgt_field_value(&f), "abc");
	CU_ASSERT(f.changed);
	CU_ASSERT_EQUAL(key(&f, UI_K_LEFT), WGT_HANDLED);
	type(&f, "X");
	CU_ASSERT_STRING_EQUAL(wgt_field_value(&f), "abXc");
	key(&f, UI_K_HOME);
	CU_ASSERT_EQUAL(key(&f, UI_K_DELETE), WGT_HANDLED | WGT_CHANGED);
	CU_ASSERT_STRING_EQUAL(wgt_field_value(&f), "bXc");
	key(&f, UI_K_END);
	key(&f, UI_K_BACKSPACE);
	CU_ASSERT_STRING_EQUAL(wgt_field_value(&f), "bX");
	/* Keys a field does not use are left to the form. */
	CU_ASSERT_EQUAL(key(&f, UI_K_TAB), 0);
	CU_ASSERT_EQUAL(key(&f, UI_K_F10), 0);
	CU_ASSERT_EQUAL(key(&f, UI_K_CTRL_U), WGT_HANDLED | WGT_CHANGED);
	CU_ASSERT_STRING_EQUAL(wgt_field_value(&f), "");
	/* Control characters are refused. */
	{
		struct ui_key k = { UI_K_CHAR, 0x1b };

		CU_ASSERT_EQUAL(wgt_field_key(&f, &k), WGT_HANDLED);
		k.ch = 0x9b;
		wgt_field_key(&f, &k);
		CU_ASSERT_EQUAL(f.len, 0);
	}
}

static void t_moves_by_grapheme(void)
{
	struct wgt_field f;

	wgt_field_init(&f, WGT_FIELD_TEXT, 0);
	/* 山田 then e + combining acute: three clusters. */
	CU_ASSERT_EQUAL(wgt_field_set(&f, "山田e\xcc\x81"), 0);
	CU_ASSERT_EQUAL(f.cur, strlen("山田e\xcc\x81"));
	key(&f, UI_K_LEFT);
	CU_ASSERT_EQUAL(f.cur, strlen("山田"));
	key(&f, UI_K_LEFT);
	CU_ASSERT_EQUAL(f.cur, strlen("山"));
	key(&f, UI_K_RIGHT);
	key(&f, UI_K_DELETE);   /* removes e + U+0301 together */
	CU_ASSERT_STRING_EQUAL(wgt_field_value(&f), "山田");
	key(&f, UI_K_BACKSPACE);  /* removes 田 (three bytes) */
	CU_ASSERT_STRING_EQUAL(wgt_field_value(&f), "山");
	/* ガ typed as カ + U+3099 is one step for the cursor. */
	wgt_field_set(&f, "\xe3\x82\xab\xe3\x82\x99x");
	key(&f, UI_K_HOME);
	key(&f, UI_K_RIGHT);
	CU_ASSERT_EQUAL(f.cur, 6);
}

static void t_masked_never_shows_and_wipes(void)
{
	struct cells *c = cells_new(80, 24);
	struct wgt_field f;
	static const char zero[WGT_FIELD_CAP];

	wgt_field_init(&f, WGT_FIELD_MASKED, 64);
	type(&f, "s3cret");
	wgt_field_draw(&f, c, 10, 3, 20, 1);
	CU_ASSERT_STRING_EQUAL(row(c, 3), "          ******");
	CU_ASSERT_FALSE(cells_find(c, "s3", NULL, NULL));
	CU_ASSERT(c->cur_visible);
	CU_ASSERT_EQUAL(c->cur_x, 16);
	CU_ASSERT_EQUAL(c->cur_y, 3);
	/* A deleted character does not linger in the buffer. */
	key(&f, UI_K_BACKSPACE);
	CU_ASSERT_EQUAL(f.text[5], 0);
	CU_ASSERT_STRING_EQUAL(wgt_field_value(&f), "s3cre");
	/* Non-ASCII secrets are masked one star per character. */
	type(&f, "パス");
	cells_clear(c);
	wgt_field_draw(&f, c, 0, 0, 20, 0);
	CU_ASSERT_STRING_EQUAL(row(c, 0), "*******");
	wgt_field_wipe(&f);
	CU_ASSERT_EQUAL(memcmp(f.text, zero, sizeof zero), 0);
	CU_ASSERT_EQUAL(f.len, 0);
	CU_ASSERT_FALSE(f.changed);
	cells_free(c);
}

static void t_date_field_reads_wareki(void)
{
	struct wgt_field f;
	const char *msgid = NULL;

	wgt_field_init(&f, WGT_FIELD_DATE, 0);
	wgt_field_set(&f, "R7.3.14");
	CU_ASSERT_EQUAL(wgt_field_check(&f, &msgid), 0);
	CU_ASSERT_PTR_NULL(msgid);
	CU_ASSERT_EQUAL(f.day, i18n_date_from_ymd(2025, 3, 14));
	type(&f, "");
	wgt_field_set(&f, "令和元年5月1日");
	CU_ASSERT_EQUAL(wgt_field_check(&f, NULL), 0);
	CU_ASSERT_EQUAL(f.day, i18n_date_from_ymd(2019, 5, 1));
	/* 令和元年4月30日 did not exist: refused with the date message. */
	wgt_field_set(&f, "令和元年4月30日");
	CU_ASSERT_EQUAL(wgt_field_check(&f, &msgid), MG_EDATE);
	CU_ASSERT_STRING_EQUAL(msgid, MSG("ui_field_bad_date"));
	wgt_field_set(&f, "きのう");
	CU_ASSERT(wgt_field_check(&f, &msgid) < 0);
	CU_ASSERT_STRING_EQUAL(msgid, MSG("ui_field_bad_date"));
	/* Empty is left to the form's "required". */
	wgt_field_set(&f, "");
	CU_ASSERT_EQUAL(wgt_field_check(&f, &msgid), 0);
}

static void t_digits_field(void)
{
	struct wgt_field f;
	const char *msgid = NULL;

	wgt_field_init(&f, WGT_FIELD_DIGITS, 0);
	wgt_field_set(&f, "１２３４ ５６７８-9012");
	CU_ASSERT_EQUAL(wgt_field_check(&f, &msgid), 0);
	CU_ASSERT_STRING_EQUAL(f.digits, "123456789012");
	wgt_field_set(&f, "12a4");
	CU_ASSERT_EQUAL(wgt_field_check(&f, &msgid), MG_EINVAL);
	CU_ASSERT_STRING_EQUAL(msgid, MSG("ui_field_bad_digits"));
	CU_ASSERT_STRING_EQUAL(f.digits, "");
}

static void t_limits_and_scrolling(void)
{
	struct cells *c = cells_new(80, 24);
	struct wgt_field f;

	wgt_field_init(&f, WGT_FIELD_TEXT, 6);
	type(&f, "abcdefgh");
	CU_ASSERT_STRING_EQUAL(wgt_field_value(&f), "abcdef");
	type(&f, "");
	CU_ASSERT_EQUAL(wgt_field_set(&f, "1234567"), MG_ETOOLONG);
	CU_ASSERT_STRING_EQUAL(wgt_field_value(&f), "");
	/* A long value scrolls so that the cursor stays inside 10 columns. */
	wgt_field_init(&f, WGT_FIELD_TEXT, 0);
	type(&f, "兵庫県宝塚市東洋町一番一号");
	wgt_field_draw(&f, c, 0, 0, 10, 1);
	CU_ASSERT(c->cur_x <= 9);
	CU_ASSERT_PTR_NOT_NULL(strstr(row(c, 0), "一号"));
	CU_ASSERT_PTR_NULL(strstr(row(c, 0), "兵庫"));
	key(&f, UI_K_HOME);
	cells_clear(c);
	wgt_field_draw(&f, c, 0, 0, 10, 1);
	CU_ASSERT_EQUAL(c->cur_x, 0);
	CU_ASSERT_STRING_EQUAL(row(c, 0), "兵庫県宝塚");
	/* Not focused: no cursor. */
	cells_clear(c);
	wgt_field_draw(&f, c, 0, 0, 10, 0);
	CU_ASSERT_FALSE(c->cur_visible);
	cells_free(c);
}

TESTUTIL_REGISTER(wgt_field)
{
	static const struct testutil_case cases[] = {
		{ "insert_and_move", t_insert_and_move },
		{ "moves_by_grapheme", t_moves_by_grapheme },
		{ "masked_never_shows_and_wipes", t_masked_never_shows_and_wipes },
		{ "date_field_reads_wareki", t_date_field_reads_wareki },
		{ "digits_field", t_digits_field },
		{ "limits_and_scrolling", t_limits_and_scrolling },
		{ NULL, NULL }
	};
	testutil_suite("wgt_field", NULL, NULL, cases);
}
