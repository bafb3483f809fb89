/* test_wgt_layout.c — forms, lists, dialogs, the key bar and the status bar, cell by cell. */
#include "tests/unit/testutil.h"
#include "screens/cells.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_dialog.h"
#include "screens/wgt_field.h"
#include "screens/wgt_form.h"
#include "screens/wgt_keybar.h"
#include "screens/wgt_list.h"
#include "screens/wgt_status.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <string.h>

/* Row y of c as text (static rotating buffers). */
static const char *row(const struct cells *c, int y)
{
	static char buf[4][4096];
	static int i;

	i = (i + 1) % 4;
	cells_row(c, y, buf[i], sizeof buf[i]);
	return buf[i];
}

/* A key with no character. */
static struct ui_key k_(int code)
{
	struct ui_key k = { code, 0 };

	return k;
}

static void t_form_tab_order_and_checks(void)
{
	struct cells *c = cells_new(80, 24);
	struct wgt_field id, pw, day;
	struct wgt_form_item items[3];
	struct wgt_form f;
	struct ui_key k;
	int x = -1, y = -1;

	wgt_field_init(&id, WGT_FIELD_TEXT, 0);
	wgt_field_init(&pw, WGT_FIELD_MASKED, 0);
	wgt_field_init(&day, WGT_FIELD_DATE, 0);
	memset(items, 0, sizeof items);
	items[0] = (struct wgt_form_item){ .label_msgid = MSG("ui_login_id"), .field = &id, .required = 1 };
	items[1] = (struct wgt_form_item){ .label_msgid = MSG("ui_login_password"), .field = &pw,
	                                   .width = 20, .required = 1 };
	items[2] = (struct wgt_form_item){ .label_msgid = MSG("ui_dlg_cause"), .field = &day, .width = 12 };
	wgt_form_init(&f, items, 3);
	/* Tab, Shift+Tab and Enter walk the fields; Enter on the last submits. */
	k = k_(UI_K_TAB);
	CU_ASSERT_EQUAL(wgt_form_key(&f, &k), WGT_HANDLED);
	CU_ASSERT_EQUAL(f.focus, 1);
	k = k_(UI_K_BTAB);
	wgt_form_key(&f, &k);
	CU_ASSERT_EQUAL(f.focus, 0);
	k = k_(UI_K_UP);
	wgt_form_key(&f, &k);
	CU_ASSERT_EQUAL(f.focus, 2);
	k = k_(UI_K_ENTER);
	CU_ASSERT_EQUAL(wgt_form_key(&f, &k), WGT_HANDLED | WGT_SUBMIT);
	CU_ASSERT_FALSE(wgt_form_changed(&f));
	k.code = UI_K_CHAR;
	k.ch = L'x';
	CU_ASSERT(wgt_form_key(&f, &k) & WGT_CHANGED);
	CU_ASSERT(wgt_form_changed(&f));
	/* Checks: two required fields empty, one bad date; focus to the first. */
	CU_ASSERT_EQUAL(wgt_form_check(&f), 3);
	CU_ASSERT_EQUAL(f.focus, 0);
	CU_ASSERT_STRING_EQUAL(items[0].error_msgid, MSG("ui_field_required"));
	CU_ASSERT_STRING_EQUAL(items[2].error_msgid, MSG("ui_field_bad_date"));
	CU_ASSERT_EQUAL(wgt_form_rows(&f), 6);
	wgt_form_draw(&f, c, 2, 3, 70, 10);
	/* Labels in one column as wide as the widest label; fields after it. */
	CU_ASSERT_PTR_NOT_NULL(strstr(row(c, 3), i18n_msg(MSG("ui_login_id"))));
	CU_ASSERT(cells_find(c, i18n_msg(MSG("ui_field_required")), &x, &y));
	CU_ASSERT_EQUAL(y, 4);
	CU_ASSERT_EQUAL(x, 2 + cells_width(i18n_msg(MSG("ui_login_password"))) + 2);
	CU_ASSERT_EQUAL(CELLS_ROLE(cells_at(c, x, y)->attr), CELLS_R_ERROR);
	CU_ASSERT(cells_find(c, i18n_msg(MSG("ui_login_password")), NULL, &y));
	CU_ASSERT_EQUAL(y, 5);
	/* The focused field has the cursor. */
	CU_ASSERT(c->cur_visible);
	CU_ASSERT_EQUAL(c->cur_y, 3);
	/* Fixing a field clears its message; a good date is echoed in 和暦. */
	wgt_field_set(&id, "clerk1");
	wgt_field_set(&pw, "pw");
	wgt_field_set(&day, "2025-03-14");
	CU_ASSERT_EQUAL(wgt_form_check(&f), 0);
	CU_ASSERT_EQUAL(wgt_form_rows(&f), 3);
	cells_clear(c);
	wgt_form_draw(&f, c, 2, 3, 70, 10);
	CU_ASSERT(cells_find(c, "令和7年3月14日", NULL, &y));
	CU_ASSERT_EQUAL(y, 5);
	CU_ASSERT_FALSE(cells_find(c, "pw", NULL, NULL));
	cells_free(c);
}

/* Row text of the list test: "row N". */
static void list_row(void *arg, int i, char *buf, size_t cap)
{
	(void)arg;
	snprintf(buf, cap, "行%02d 山田", i);
}

static void t_list_scrolls_with_selection(void)
{
	struct cells *c = cells_new(80, 24);
	struct wgt_list l;
	struct ui_key k;

	wgt_list_init(&l, 30, list_row, NULL);
	wgt_list_draw(&l, c, 0, 2, 40, 10);
	CU_ASSERT_STRING_EQUAL(row(c, 2), "行00 山田");
	CU_ASSERT_EQUAL(cells_at(c, 0, 2)->attr & CELLS_REVERSE, CELLS_REVERSE);
	CU_ASSERT_EQUAL(cells_at(c, 38, 2)->attr & CELLS_REVERSE, CELLS_REVERSE);
	CU_ASSERT_EQUAL(cells_at(c, 0, 3)->attr & CELLS_REVERSE, 0);
	CU_ASSERT_EQUAL(cells_at(c, 39, 11)->wc[0], L'v');
	CU_ASSERT_EQUAL(cells_at(c, 39, 2)->wc[0], L' ');
	k = k_(UI_K_PGDN);
	CU_ASSERT_EQUAL(wgt_list_key(&l, &k), WGT_HANDLED | WGT_CHANGED);
	CU_ASSERT_EQUAL(l.sel, 9);
	k = k_(UI_K_DOWN);
	wgt_list_key(&l, &k);
	CU_ASSERT_EQUAL(l.sel, 10);
	CU_ASSERT_EQUAL(l.top, 1);
	k = k_(UI_K_END);
	wgt_list_key(&l, &k);
	cells_clear(c);
	wgt_list_draw(&l, c, 0, 2, 40, 10);
	CU_ASSERT_EQUAL(l.top, 20);
	CU_ASSERT_STRING_EQUAL(row(c, 11), "行29 山田");
	CU_ASSERT_EQUAL(cells_at(c, 39, 2)->wc[0], L'^');
	k = k_(UI_K_DOWN);
	CU_ASSERT_EQUAL(wgt_list_key(&l, &k), WGT_HANDLED);
	k = k_(UI_K_ENTER);
	CU_ASSERT_EQUAL(wgt_list_key(&l, &k), WGT_HANDLED | WGT_SUBMIT);
	k = k_(UI_K_F5);
	CU_ASSERT_EQUAL(wgt_list_key(&l, &k), 0);
	cells_free(c);
}

static void t_dialog_kinds(void)
{
	struct cells *c = cells_new(80, 24);
	struct wgt_dialog d;
	struct ui_key k;
	int x, y;

	memset(&d, 0, sizeof d);
	/* An error shows its cause and remedy and closes with Enter. */
	wgt_dialog_open(&d, WGT_DIALOG_ERROR, MSG("ui_dlg_title_error"), MSG("ui_menu_unavailable"),
	                MSG("ui_menu_unavailable_remedy"), 7);
	wgt_dialog_draw(&d, c);
	CU_ASSERT(cells_find(c, i18n_msg(MSG("ui_dlg_cause")), &x, &y));
	CU_ASSERT(cells_find(c, i18n_msg(MSG("ui_dlg_remedy")), NULL, NULL));
	CU_ASSERT(cells_find(c, i18n_msg(MSG("ui_menu_unavailable")), NULL, NULL));
	CU_ASSERT(cells_find(c, i18n_msg(MSG("ui_dlg_title_error")), NULL, &y));
	CU_ASSERT_EQUAL(CELLS_ROLE(cells_at(c, 6, y)->attr), CELLS_R_ERROR);
	/* Centred inside 80×24, framed. */
	CU_ASSERT_EQUAL(cells_at(c, 4, y - 1)->wc[0], L'+');
	CU_ASSERT_EQUAL(cells_at(c, 75, y - 1)->wc[0], L'+');
	k = k_(UI_K_F5);
	CU_ASSERT_EQUAL(wgt_dialog_key(&d, &k), WGT_HANDLED);
	CU_ASSERT(d.open);
	k = k_(UI_K_ENTER);
	CU_ASSERT_EQUAL(wgt_dialog_key(&d, &k), WGT_HANDLED | WGT_CLOSED);
	CU_ASSERT_EQUAL(d.answer, WGT_ANSWER_OK);
	CU_ASSERT_EQUAL(d.tag, 7);
	/* An alert is not dismissed by Enter: F2 acknowledges, Esc goes back. */
	wgt_dialog_open_text(&d, WGT_DIALOG_ALERT, NULL, "届出期間を過ぎています", "理由を確認", 1);
	k = k_(UI_K_ENTER);
	CU_ASSERT_EQUAL(wgt_dialog_key(&d, &k), WGT_HANDLED);
	CU_ASSERT(d.open);
	k = k_(UI_K_F2);
	CU_ASSERT_EQUAL(wgt_dialog_key(&d, &k), WGT_HANDLED | WGT_CLOSED);
	CU_ASSERT_EQUAL(d.answer, WGT_ANSWER_YES);
	wgt_dialog_open_text(&d, WGT_DIALOG_ALERT, NULL, "x", "", 1);
	k = k_(UI_K_ESC);
	wgt_dialog_key(&d, &k);
	CU_ASSERT_EQUAL(d.answer, WGT_ANSWER_NO);
	/* The alert's keys are drawn from its table. */
	wgt_dialog_open_text(&d, WGT_DIALOG_ALERT, NULL, "x", "", 1);
	cells_clear(c);
	wgt_dialog_draw(&d, c);
	CU_ASSERT(cells_find(c, i18n_msg(MSG("ui_dlg_key_ack")), NULL, NULL));
	CU_ASSERT(cells_find(c, "F2", NULL, NULL));
	/* Letters typed ahead answer nothing: only F2 / Esc (rv5inp M3). */
	wgt_dialog_open_text(&d, WGT_DIALOG_CONFIRM, NULL, "x", "", 1);
	d.answer = WGT_ANSWER_NONE;
	k.code = UI_K_CHAR;
	for (const wchar_t *p = L"yYnN"; *p; p++) {
		k.ch = *p;
		CU_ASSERT_EQUAL(wgt_dialog_key(&d, &k), WGT_HANDLED);
		CU_ASSERT_EQUAL(d.open, 1);
		CU_ASSERT_EQUAL(d.answer, WGT_ANSWER_NONE);
	}
	k = k_(UI_K_ESC);
	CU_ASSERT_EQUAL(wgt_dialog_key(&d, &k), WGT_HANDLED | WGT_CLOSED);
	CU_ASSERT_EQUAL(d.answer, WGT_ANSWER_NO);
	/* A code's box names the code for the help desk. */
	wgt_dialog_open_rc(&d, NULL, MG_EBUSY, 0);
	cells_clear(c);
	wgt_dialog_draw(&d, c);
	CU_ASSERT(cells_find(c, "MG_EBUSY", NULL, NULL));
	CU_ASSERT_EQUAL(d.kind, WGT_DIALOG_ERROR);
	/* Closed: nothing drawn. */
	d.open = 0;
	cells_clear(c);
	wgt_dialog_draw(&d, c);
	CU_ASSERT_FALSE(cells_find(c, "+", NULL, NULL));
	cells_free(c);
}

enum { A_HELP = 1, A_SAVE, A_BACK, A_HIDDEN, A_ONE };

static const struct wgt_keybar_item keys[] = {
	{ UI_K_F1, A_HELP, MSG("ui_key_help") },
	{ UI_K_F10, A_SAVE, MSG("ui_login_key_login") },
	{ UI_K_ESC, A_BACK, MSG("ui_dlg_key_back") },
	{ UI_K_F5, A_HIDDEN, NULL },
	{ WGT_KEY_CHAR(L'1'), A_ONE, NULL },
	{ 0, 0, NULL }
};

static void t_keybar_from_table(void)
{
	struct cells *c = cells_new(80, 24);
	const struct wgt_keybar_item *t[1] = { keys };
	struct ui_key k;
	char expect[256];
	int x;

	wgt_keybar_draw(t, 1, c, 23);
	snprintf(expect, sizeof expect, "F1 %s  F10 %s  Esc %s", i18n_msg(MSG("ui_key_help")),
	         i18n_msg(MSG("ui_login_key_login")), i18n_msg(MSG("ui_dlg_key_back")));
	CU_ASSERT_STRING_EQUAL(row(c, 23), expect);
	/* Key names in the key role, labels in the label role. */
	CU_ASSERT_EQUAL(CELLS_ROLE(cells_at(c, 0, 23)->attr), CELLS_R_KEY);
	CU_ASSERT_EQUAL(CELLS_ROLE(cells_at(c, 3, 23)->attr), CELLS_R_KEYLABEL);
	/* Dispatch by the same table; hidden rows still bind. */
	k = k_(UI_K_F10);
	CU_ASSERT_EQUAL(wgt_keybar_match(keys, &k), A_SAVE);
	k = k_(UI_K_F5);
	CU_ASSERT_EQUAL(wgt_keybar_match(keys, &k), A_HIDDEN);
	k.code = UI_K_CHAR;
	k.ch = L'1';
	CU_ASSERT_EQUAL(wgt_keybar_match(keys, &k), A_ONE);
	k.ch = L'2';
	CU_ASSERT_EQUAL(wgt_keybar_match(keys, &k), 0);
	/* The help page lists the labelled rows. */
	cells_clear(c);
	CU_ASSERT_EQUAL(wgt_keybar_help_draw(t, 1, c, 2, 2, 60, 10), 3);
	CU_ASSERT(cells_find(c, "F10", &x, NULL));
	CU_ASSERT_EQUAL(x, 2);
	CU_ASSERT_FALSE(cells_find(c, "F5", NULL, NULL));
	cells_free(c);
}

static void t_keybar_shortens_labels(void)
{
	static const struct wgt_keybar_item many[] = {
		{ UI_K_F1, 1, MSG("ui_menu_tokurei") }, { UI_K_F2, 2, MSG("ui_menu_tokurei") },
		{ UI_K_F3, 3, MSG("ui_menu_tokurei") }, { UI_K_F4, 4, MSG("ui_menu_tokurei") },
		{ UI_K_F5, 5, MSG("ui_menu_tokurei") }, { UI_K_F6, 6, MSG("ui_menu_tokurei") },
		{ UI_K_F7, 7, MSG("ui_menu_tokurei") }, { UI_K_F8, 8, MSG("ui_menu_tokurei") },
		{ UI_K_F9, 9, MSG("ui_key_help") }, { UI_K_F10, 10, MSG("ui_key_help") },
		{ 0, 0, NULL }
	};
	const struct wgt_keybar_item *t[2] = { many, NULL };
	struct cells *c = cells_new(80, 24);

	wgt_keybar_draw(t, 2, c, 0);
	/* Every key is still there, within 80 columns, labels cut with "…". */
	CU_ASSERT(cells_find(c, "F1", NULL, NULL));
	CU_ASSERT(cells_find(c, "F10", NULL, NULL));
	CU_ASSERT(cells_find(c, "…", NULL, NULL));
	CU_ASSERT(cells_width(row(c, 0)) <= 80);
	cells_free(c);
}

static void t_status_bar(void)
{
	struct cells *c = cells_new(80, 24);
	struct wgt_status_info s = {
		.muni_name = "宝塚市", .terminal = "T01", .operator_name = "山田　花子",
		.clock = "10:32", .demo = 1, .capture = 1
	};
	int x, y;

	wgt_status_draw(&s, c, 0);
	CU_ASSERT(cells_find(c, "宝塚市", &x, &y));
	CU_ASSERT_EQUAL(x, 1);
	CU_ASSERT_EQUAL(y, 0);
	CU_ASSERT(cells_find(c, "T01", NULL, NULL));
	CU_ASSERT(cells_find(c, "山田　花子", NULL, NULL));
	CU_ASSERT(cells_find(c, "10:32", &x, NULL));
	CU_ASSERT_EQUAL(x, 74);
	CU_ASSERT(cells_find(c, i18n_msg(MSG("ui_badge_demo")), &x, NULL));
	CU_ASSERT_EQUAL(CELLS_ROLE(cells_at(c, x, 0)->attr), CELLS_R_BADGE);
	CU_ASSERT(cells_find(c, i18n_msg(MSG("ui_badge_capture")), NULL, NULL));
	CU_ASSERT_EQUAL(CELLS_ROLE(cells_at(c, 0, 0)->attr), CELLS_R_STATUS);
	/* Long names are cut, badges and clock stay; an escape in a name is inert. */
	s.muni_name = "東京都千代田区霞が関一丁目特別長い名前の市区町村";
	s.operator_name = "寿限無寿限無五劫の擦り切れ海砂利水魚\x1b]52;c;AAAA\x07の水行末";
	cells_clear(c);
	wgt_status_draw(&s, c, 0);
	CU_ASSERT(cells_find(c, "10:32", &x, NULL));
	CU_ASSERT_EQUAL(x, 74);
	CU_ASSERT(cells_find(c, i18n_msg(MSG("ui_badge_capture")), NULL, NULL));
	CU_ASSERT(cells_find(c, "…", NULL, NULL));
	CU_ASSERT_FALSE(cells_find(c, "52;", NULL, NULL));
	CU_ASSERT(cells_width(row(c, 0)) <= 80);
	/* Locked: the operator is not shown. */
	s.locked = 1;
	cells_clear(c);
	wgt_status_draw(&s, c, 0);
	CU_ASSERT_FALSE(cells_find(c, "寿限無", NULL, NULL));
	/* A wider terminal keeps the clock at the right edge. */
	cells_resize(c, 132, 40);
	wgt_status_draw(&s, c, 0);
	CU_ASSERT(cells_find(c, "10:32", &x, NULL));
	CU_ASSERT_EQUAL(x, 126);
	cells_free(c);
}

TESTUTIL_REGISTER(wgt_layout)
{
	static const struct testutil_case cases[] = {
		{ "form_tab_order_and_checks", t_form_tab_order_and_checks },
		{ "list_scrolls_with_selection", t_list_scrolls_with_selection },
		{ "dialog_kinds", t_dialog_kinds },
		{ "keybar_from_table", t_keybar_from_table },
		{ "keybar_shortens_labels", t_keybar_shortens_labels },
		{ "status_bar", t_status_bar },
		{ NULL, NULL }
	};
	testutil_suite("wgt_layout", NULL, NULL, cases);
}
