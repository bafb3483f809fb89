/*
 * test_scr_setai.c — the 世帯主変更届 screen (screens/scr_setai.c) driven by
 * keys over a real registry: the menu opens it; a 世帯番号 lists the members
 * living there (氏名, 和暦 生年月日, 続柄, the 世帯主 marked, no 個人番号); the
 * wife becomes 世帯主 and the registry says so with the 受付番号 shown; a
 * member without a 続柄 and a new 世帯主 moving out are errors that block;
 * a filing after the 14 days of 法25 is an alert the clerk acknowledges
 * with F2 (Esc writes nothing); a 世帯番号 with a wrong check digit or of
 * no 世帯 is refused beside the field; a refused or failed commit keeps the
 * form as it was; a 世帯 of 14 scrolls; idle lock and logout hide and leave
 * the screen; the English catalog.
 */
#include "tests/unit/testutil.h"
#include "tests/unit/scrtest.h"
#include "tests/unit/wftest.h"
#include "screens/cells.h"
#include "screens/scr.h"
#include "screens/scr_menu.h"
#include "screens/scr_setai.h"
#include "screens/ui.h"
#include "app/ident.h"
#include "app/view_check.h"
#include "app/view_setai.h"
#include "app/zokugara.h"
#include "db/db_household.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T0 5000LL
#define WALL 1748822400LL   /* 2025-06-02 */

static struct wftest T;
static struct scr_app A;
static struct cells *C;
static struct tennyu_result *FAM;   /* 山田 太郎 (世帯主), 花子 (妻), 一郎 (子) */
static char LANG0[8];               /* the catalog language before the suite */

/* Remember the catalog language (test_english switches it). */
static int suite_init(void)
{
	snprintf(LANG0, sizeof LANG0, "%s", i18n_msg_lang());
	return 0;
}

/* Put the catalog language back, even after a failed test. */
static int suite_fini(void)
{
	return i18n_msg_lang()[0] && strcmp(i18n_msg_lang(), LANG0) != 0 ? i18n_msg_init(LANG0) != 0
	                                                                   : 0;
}

/* A registry with the family settled on 2025-03-01, today 2025-06-02, the
 * clerk logged in, an 80×24 grid. */
static void open_fx(const char *file)
{
	FAM = calloc(1, sizeof *FAM);
	CU_ASSERT_PTR_NOT_NULL_FATAL(FAM);
	CU_ASSERT_EQUAL_FATAL(wftest_open(&T, file, WFTEST_B_CODE, WFTEST_B_NAME, "2025-03-01"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_settle(&T, 1, 3, 0, "2025-03-01", FAM), 0);
	wftest_today(&T, "2025-06-02");
	C = scrtest_login(&A, &T.ctx, &T.cfg, &T.clerk, T0, WALL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(C);
}

/* Leave every screen, close the registry. */
static void close_fx(void)
{
	testutil_fault_arm(0);
	scrtest_logout(&A, &T.ctx, C);
	C = NULL;
	wftest_close(&T);
	free(FAM);
	FAM = NULL;
}

/* Send a key code. */
static void press(int code)
{
	scrtest_press(&A, code);
}

/* Type UTF-8 text. */
static void type(const char *s)
{
	scrtest_type(&A, s);
}

/* Draw the frame; 1 when needle is on it (OUT: its column and row, may be NULL). */
static int shown(const char *needle, int *x, int *y)
{
	scr_draw(&A, C);
	return cells_find(C, needle, x, y);
}

/* The text of the last row holding needle ("" when none): a member's row
 * comes after the lines that may name him (世帯主, findings). */
static const char *row_with(const char *needle)
{
	static char row[2048];
	char r[2048];

	row[0] = 0;
	scr_draw(&A, C);
	for (int y = 0; y < C->h; y++) {
		cells_row(C, y, r, sizeof r);
		if (strstr(r, needle))
			memcpy(row, r, sizeof row);
	}
	return row;
}

/* The text of the first row holding needle ("" when none). */
static const char *first_row(const char *needle)
{
	static char row[2048];
	int x, y;

	row[0] = 0;
	if (shown(needle, &x, &y))
		cells_row(C, y, row, sizeof row);
	return row;
}

/* A finding's text as the screen writes it (catalog text, dates in 和暦). */
static const char *finding(const char *msgid, const char *a0, const char *a1)
{
	static char out[768];
	struct check_item it;

	memset(&it, 0, sizeof it);
	it.level = CHECK_ERROR;
	it.msgid = msgid;
	it.nargs = a1 ? 2 : a0 ? 1 : 0;
	if (a0)
		snprintf(it.args[0], sizeof it.args[0], "%s", a0);
	if (a1)
		snprintf(it.args[1], sizeof it.args[1], "%s", a1);
	CU_ASSERT(view_check_text(&it, out, sizeof out) > 0);
	return out;
}

/* The 世帯's 世帯主 ("" for none). */
static const char *household_head(void)
{
	static struct db_household h;

	CU_ASSERT_EQUAL_FATAL(db_household_get(T.db, FAM->setai_no, &h), 0);
	return h.head_atena;
}

/* The current row of family member i. */
static struct db_resident *member(int i)
{
	static struct db_resident r;

	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, FAM->atena[i], &r), 0);
	return &r;
}

/* Open the screen on the family's 世帯 (focus on the first member: the 世帯主). */
static void open_family(void)
{
	CU_ASSERT_EQUAL_FATAL(scr_push(&A, &scr_setai, NULL), 0);
	CU_ASSERT_STRING_EQUAL(scrtest_title(&A), MSG("setai_title"));
	type(FAM->setai_no);
	press(UI_K_ENTER);
	CU_ASSERT_TRUE_FATAL(shown("山田　太郎", NULL, NULL));
}

/* On the family's list (focus on 太郎): 花子 becomes 世帯主, 太郎 her 夫, and
 * 一郎 gets zoku_ichiro ("" = none); the focus ends on the 異動日. */
static void fill_wife_head(const char *zoku_ichiro)
{
	press(UI_K_DOWN);
	press(UI_K_F5);
	press(UI_K_UP);
	type("夫");
	press(UI_K_DOWN);
	press(UI_K_DOWN);
	type(zoku_ichiro);
	press(UI_K_TAB);
}

/* The wife becomes 世帯主: list, F5, 続柄 typed and chosen from the list,
 * confirmation, commit, the 受付番号 and the registry. */
static void test_happy_path(void)
{
	char kojin[16], grouped[32], uk[32], line[256];
	const char *const *ch;
	int nch, ko = -1, x, y;
	const char *row;

	open_fx("scrsetai_ok.db");
	/* The menu has the row; its number key opens the screen. */
	CU_ASSERT_EQUAL_FATAL(scr_push(&A, &scr_menu, NULL), 0);
	CU_ASSERT_TRUE_FATAL(shown(i18n_msg(MSG("setai_menu")), &x, &y));
	{
		char r[256], key[2] = { 0, 0 };
		const char *p;

		cells_row(C, y, r, sizeof r);
		for (p = r; *p == ' '; p++)
			;
		key[0] = *p;
		CU_ASSERT_TRUE(key[0] >= '1' && key[0] <= '9');
		type(key);
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(scr_top(&A));
	CU_ASSERT_STRING_EQUAL_FATAL(scr_top(&A)->ops->name, "setai");
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("setai_no")), NULL, NULL));
	type(FAM->setai_no);
	press(UI_K_ENTER);
	/* The members: 世帯主 first and marked, 和暦 birth dates, current 続柄. */
	row = row_with("山田　太郎");
	CU_ASSERT_PTR_NOT_NULL(strstr(row, "*"));
	CU_ASSERT_PTR_NOT_NULL(strstr(row, "昭和55年5月10日"));
	CU_ASSERT_PTR_NOT_NULL(strstr(row, "世帯主"));
	row = row_with("山田　花子");
	CU_ASSERT_PTR_NULL(strstr(row, "*"));
	CU_ASSERT_PTR_NOT_NULL(strstr(row, "昭和57年7月21日"));
	CU_ASSERT_PTR_NOT_NULL(strstr(row, "妻"));
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with("山田　一郎"), "子"));
	{
		int ty, hy, iy;

		CU_ASSERT_TRUE(shown("山田　太郎", NULL, &ty));
		CU_ASSERT_TRUE(shown("山田　花子", NULL, &hy));
		CU_ASSERT_TRUE(shown("山田　一郎", NULL, &iy));
		CU_ASSERT_TRUE(ty < hy && hy < iy);
	}
	/* No 個人番号 anywhere on the screen. */
	for (int i = 0; i < 3; i++) {
		wftest_text(T.db, kojin, sizeof kojin, "SELECT h.kojin_bango FROM person p JOIN "
		            "resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no "
		            "WHERE p.atena_no='%s'", FAM->atena[i]);
		CU_ASSERT_EQUAL_FATAL(strlen(kojin), 12);
		snprintf(grouped, sizeof grouped, "%.4s %.4s %.4s", kojin, kojin + 4, kojin + 8);
		CU_ASSERT_FALSE(shown(kojin, NULL, NULL));
		CU_ASSERT_FALSE(shown(grouped, NULL, NULL));
	}
	/* Showing the members is a logged view of each. */
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM audit WHERE action='view' AND "
	                             "detail='household=%s' AND target='%s,%s,%s'", FAM->setai_no,
	                             FAM->atena[0], FAM->atena[1], FAM->atena[2]), 1);
	/* 花子 becomes the new 世帯主. */
	press(UI_K_DOWN);
	press(UI_K_F5);
	row = row_with("山田　花子");
	CU_ASSERT_PTR_NOT_NULL(strstr(row, i18n_msg(MSG("setai_hint_new_head"))));
	/* 太郎: a 続柄 the registry does not allow is marked at once, then 夫. */
	press(UI_K_UP);
	type("主人");
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with("山田　太郎"), i18n_msg(MSG("setai_hint_bad_zoku"))));
	press(UI_K_CTRL_U);
	type("夫");
	CU_ASSERT_PTR_NULL(strstr(row_with("山田　太郎"), i18n_msg(MSG("setai_hint_bad_zoku"))));
	/* 一郎: 子, chosen from the list (F6). */
	press(UI_K_DOWN);
	press(UI_K_DOWN);
	press(UI_K_F6);
	CU_ASSERT_STRING_EQUAL(scrtest_title(&A), MSG("setai_pick_title"));
	ch = view_setai_choices(&nch);
	for (int i = 0; i < nch; i++)
		if (strcmp(ch[i], "子") == 0)
			ko = i;
	CU_ASSERT_FATAL(ko > 0);
	for (int i = 0; i < ko; i++)
		press(UI_K_DOWN);
	press(UI_K_ENTER);
	CU_ASSERT_STRING_EQUAL(scrtest_title(&A), MSG("setai_title"));
	/* The focus is on the 異動日 now. */
	type("R7.6.1");
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with(i18n_msg(MSG("setai_idou"))), "令和7年6月1日"));
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL_FATAL(scrtest_title(&A), MSG("setai_confirm_title"));
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("setai_no_findings")), NULL, NULL));
	snprintf(line, sizeof line, "%s", row_with("山田　一郎"));
	CU_ASSERT_PTR_NOT_NULL(strstr(line, "子 → 子"));
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with("山田　太郎"), "世帯主 → 夫"));
	CU_ASSERT_TRUE(shown("令和7年6月2日", NULL, NULL));      /* 届出日: today */
	CU_ASSERT_TRUE(shown("令和7年6月16日", NULL, NULL));     /* 届出期限: 6-15 is a Sunday */
	/* Nothing is written before F10 on the confirmation. */
	CU_ASSERT_STRING_EQUAL(household_head(), FAM->atena[0]);
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL_FATAL(scrtest_title(&A), MSG("setai_done_title"));
	wftest_text(T.db, uk, sizeof uk, "SELECT uketsuke_no FROM uketsuke WHERE workflow='setai_henko'");
	CU_ASSERT_EQUAL_FATAL(strlen(uk) > 0, 1);
	{
		char done[256];
		const char *a[1] = { uk };

		CU_ASSERT(i18n_msg_format(done, sizeof done, MSG("setai_done"), 1, a) > 0);
		CU_ASSERT_TRUE(shown(done, NULL, NULL));
	}
	/* The registry: the new 世帯主 and everyone's 続柄 to her. */
	CU_ASSERT_STRING_EQUAL(household_head(), FAM->atena[1]);
	CU_ASSERT_STRING_EQUAL(member(1)->zokugara, "世帯主");
	CU_ASSERT_STRING_EQUAL(member(0)->zokugara, "夫");
	CU_ASSERT_STRING_EQUAL(member(0)->head_name, "山田　花子");
	CU_ASSERT_STRING_EQUAL(member(0)->idou_jiyu, "setainushi_henko");
	CU_ASSERT_STRING_EQUAL(member(0)->idou_date, "2025-06-01");
	CU_ASSERT_STRING_EQUAL(member(0)->uketsuke_no, uk);
	CU_ASSERT_STRING_EQUAL(member(2)->zokugara, "子");
	CU_ASSERT_STRING_EQUAL(member(2)->head_name, "山田　花子");
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM audit WHERE action='commit' AND "
	                             "target='%s' AND detail LIKE 'wf=setai_henko %%'", uk), 1);
	press(UI_K_ENTER);
	CU_ASSERT_PTR_NOT_NULL_FATAL(scr_top(&A));
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->name, "menu");
	close_fx();
}

/* A member left without a 続柄 is an error that blocks; back on the form
 * every value is kept; completed, it commits. */
static void test_error_blocks(void)
{
	char *before, *after;

	open_fx("scrsetai_missing.db");
	open_family();
	fill_wife_head("");
	type("2025-06-01");
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL_FATAL(scrtest_title(&A), MSG("setai_confirm_title"));
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("setai_finding_error")), NULL, NULL));
	CU_ASSERT_TRUE(shown(scrtest_prefix(finding(MSG("chk_setai_member_missing"), "山田　一郎",
	                                      FAM->atena[2]), 60), NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with("山田　一郎"), i18n_msg(MSG("setai_conf_unset"))));
	before = wftest_snapshot(T.db, WFTEST_SNAP_ALL);
	press(UI_K_F10);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("sa_tn_blocked")), NULL, NULL));
	press(UI_K_ENTER);
	CU_ASSERT_FALSE(shown(i18n_msg(MSG("sa_tn_blocked")), NULL, NULL));
	CU_ASSERT_STRING_EQUAL(scrtest_title(&A), MSG("setai_confirm_title"));
	after = wftest_snapshot(T.db, WFTEST_SNAP_ALL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	CU_ASSERT_PTR_NOT_NULL_FATAL(after);
	CU_ASSERT_STRING_EQUAL(after, before);
	free(before);
	free(after);
	/* Esc: the form as it was. */
	press(UI_K_ESC);
	CU_ASSERT_STRING_EQUAL(scrtest_title(&A), MSG("setai_title"));
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with("山田　花子"), i18n_msg(MSG("setai_hint_new_head"))));
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with("山田　太郎"), "夫"));
	CU_ASSERT_TRUE(shown("2025-06-01", NULL, NULL));
	press(UI_K_UP);   /* from the 異動日 up to 一郎 */
	type("子");
	press(UI_K_F10);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("setai_no_findings")), NULL, NULL));
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL(scrtest_title(&A), MSG("setai_done_title"));
	CU_ASSERT_STRING_EQUAL(household_head(), FAM->atena[1]);
	close_fx();
}

/* A 世帯 without a 世帯主 (標準仕様 1.1.10: what the date job leaves) says
 * so, marks nobody, and gets one. */
static void test_headless(void)
{
	char line[256];
	const char *a[2] = { "", "" };

	open_fx("scrsetai_headless.db");
	CU_ASSERT_EQUAL_FATAL(db_household_set_head(T.db, FAM->setai_no, ""), 0);
	open_family();
	a[1] = i18n_msg(MSG("setai_no_head"));
	CU_ASSERT(i18n_msg_format(line, sizeof line, MSG("setai_household"), 2, a) > 0);
	CU_ASSERT_TRUE(shown(line + strlen(line) - strlen(a[1]) - 4, NULL, NULL));
	CU_ASSERT_PTR_NULL(strstr(row_with("昭和55年5月10日"), "*"));
	fill_wife_head("子");
	type("2025-06-01");
	press(UI_K_F10);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("setai_no_findings")), NULL, NULL));
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL(scrtest_title(&A), MSG("setai_done_title"));
	CU_ASSERT_STRING_EQUAL(household_head(), FAM->atena[1]);
	close_fx();
}

/* A member moving out later is listed (with the day) but cannot become 世帯主. */
static void test_head_leaving(void)
{
	struct tenshutsu_result *out = calloc(1, sizeof *out);
	char leaving[1][DB_ID_CAP];

	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	open_fx("scrsetai_leaving.db");
	strcpy(leaving[0], FAM->atena[2]);
	CU_ASSERT_EQUAL_FATAL(wftest_move_out(&T, FAM->setai_no, 1, leaving, "131016", "2025-06-30",
	                                      0, out), 0);
	open_family();
	CU_ASSERT_TRUE(shown("山田　一郎", NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with("山田　一郎"), "令和7年6月30日"));
	press(UI_K_DOWN);
	press(UI_K_DOWN);
	press(UI_K_F5);                 /* 一郎 as the new 世帯主 */
	press(UI_K_UP);
	type("母");
	press(UI_K_UP);
	type("父");
	press(UI_K_F10);
	/* The 異動日 is required: said beside the field, nothing checked yet. */
	CU_ASSERT_STRING_EQUAL(scrtest_title(&A), MSG("setai_title"));
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with(i18n_msg(MSG("setai_idou"))),
	                              i18n_msg(MSG("ui_field_required"))));
	type("2025-06-02");
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL_FATAL(scrtest_title(&A), MSG("setai_confirm_title"));
	CU_ASSERT_TRUE(shown(scrtest_prefix(finding(MSG("chk_setai_head_leaving"), "山田　一郎",
	                                      "2025-06-30"), 45), NULL, NULL));
	press(UI_K_F10);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("sa_tn_blocked")), NULL, NULL));
	press(UI_K_ESC);
	CU_ASSERT_STRING_EQUAL(household_head(), FAM->atena[0]);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM uketsuke WHERE "
	                             "workflow='setai_henko'"), 0);
	close_fx();
	free(out);
}

/* 法25: filed after 異動日 + 14 is an alert: F10 asks, Esc writes nothing,
 * F2 acknowledges and commits with the alert on the 受付. */
static void test_alert_late(void)
{
	open_fx("scrsetai_late.db");
	open_family();
	fill_wife_head("子");
	type("2025-05-01");              /* + 14 = 05-15: 06-02 is late */
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL_FATAL(scrtest_title(&A), MSG("setai_confirm_title"));
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("setai_finding_alert")), NULL, NULL));
	CU_ASSERT_FALSE(shown(i18n_msg(MSG("setai_finding_error")), NULL, NULL));
	CU_ASSERT_TRUE(shown(scrtest_prefix(finding(MSG("chk_setai_late"), "2025-05-15", "2025-05-01"),
	                              48), NULL, NULL));
	press(UI_K_F10);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("setai_alert_title")), NULL, NULL));
	/* Enter does not dismiss an alert; Esc goes back and writes nothing. */
	press(UI_K_ENTER);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("setai_alert_title")), NULL, NULL));
	press(UI_K_ESC);
	CU_ASSERT_FALSE(shown(i18n_msg(MSG("setai_alert_title")), NULL, NULL));
	CU_ASSERT_STRING_EQUAL(scrtest_title(&A), MSG("setai_confirm_title"));
	CU_ASSERT_STRING_EQUAL(household_head(), FAM->atena[0]);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM uketsuke"), 1);   /* the 転入 */
	press(UI_K_F10);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("setai_alert_title")), NULL, NULL));
	press(UI_K_F2);
	CU_ASSERT_STRING_EQUAL_FATAL(scrtest_title(&A), MSG("setai_done_title"));
	CU_ASSERT_STRING_EQUAL(household_head(), FAM->atena[1]);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM uketsuke WHERE workflow="
	                             "'setai_henko' AND alerts='chk_setai_late'"), 1);
	close_fx();
}

/* A 世帯番号 with a wrong check digit, or of no 世帯, is refused beside the
 * field; nothing is listed or logged; F10 asks for a 世帯 first. */
static void test_bad_setai_no(void)
{
	char bad[16], none[40], base[24];
	int cd;

	open_fx("scrsetai_badno.db");
	snprintf(bad, sizeof bad, "%s", FAM->setai_no);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == '9' ? '0' : (char)(bad[strlen(bad) - 1] + 1);
	CU_ASSERT_FALSE_FATAL(ident_serial_valid(bad));
	CU_ASSERT_EQUAL_FATAL(scr_push(&A, &scr_setai, NULL), 0);
	press(UI_K_F10);
	CU_ASSERT_TRUE(shown(scrtest_prefix(i18n_msg(MSG("setai_need_household")), 30), NULL, NULL));
	type(bad);
	press(UI_K_ENTER);
	CU_ASSERT_PTR_NOT_NULL(strstr(first_row(i18n_msg(MSG("setai_no"))),
	                              scrtest_prefix(i18n_msg(MSG("setai_bad_no")), 24)));
	CU_ASSERT_FALSE(shown("山田", NULL, NULL));
	/* A valid number of no 世帯. */
	for (int v = 900000000;; v++) {
		snprintf(base, sizeof base, "%09d", v % 1000000000);
		cd = ident_serial_check(base);
		if (cd >= 0)
			break;
	}
	snprintf(none, sizeof none, "%s%d", base, cd % 10);
	CU_ASSERT_TRUE_FATAL(ident_serial_valid(none));
	press(UI_K_CTRL_U);
	type(none);
	press(UI_K_ENTER);
	CU_ASSERT_PTR_NOT_NULL(strstr(first_row(i18n_msg(MSG("setai_no"))),
	                              scrtest_prefix(i18n_msg(MSG("setai_not_found")), 24)));
	CU_ASSERT_FALSE(shown("山田", NULL, NULL));
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM audit WHERE action='view'"), 0);
	/* Full-width digits with hyphens are read as the number. */
	press(UI_K_CTRL_U);
	{
		char wide[64] = "";

		for (const char *p = FAM->setai_no; *p; p++) {
			char d[4] = { (char)0xef, (char)0xbc, (char)(0x90 + (*p - '0')), 0 };

			strcat(wide, d);
			if (p == FAM->setai_no + 4)
				strcat(wide, "-");
		}
		type(wide);
	}
	press(UI_K_ENTER);
	CU_ASSERT_TRUE(shown("山田　花子", NULL, NULL));
	close_fx();
}

/* A commit refused because the 世帯 changed after the check, and one that
 * fails in the registry, both leave the form as it was; then it commits. */
static void test_failed_commit_keeps_form(void)
{
	struct tennyu_req *q = calloc(1, sizeof *q);
	struct tennyu_result *r = calloc(1, sizeof *r);

	CU_ASSERT_FATAL(q && r);
	open_fx("scrsetai_keep.db");
	open_family();
	fill_wife_head("子");
	type("2025-06-01");
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL_FATAL(scrtest_title(&A), MSG("setai_confirm_title"));
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("setai_no_findings")), NULL, NULL));
	/* Meanwhile the registry fails: the commit's error box, the page stays. */
	testutil_fault_arm(1);
	press(UI_K_F10);
	testutil_fault_arm(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(scr_top(&A));
	CU_ASSERT_STRING_EQUAL(scrtest_title(&A), MSG("setai_confirm_title"));
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("setai_error_title")), NULL, NULL) ||
	               shown(i18n_msg(MSG("ui_dlg_title_error")), NULL, NULL));
	CU_ASSERT_STRING_EQUAL(household_head(), FAM->atena[0]);
	press(UI_K_ENTER);
	/* … and a second child joins the 世帯: the commit is refused with the new finding. */
	wftest_tennyu_req(q, WFTEST_C_CODE, "2025-06-02");
	snprintf(q->join_setai, sizeof q->join_setai, "%s", FAM->setai_no);
	q->n = 1;
	wftest_person(&q->p[0], "山田　桜", "ヤマダ　サクラ", "2014-11-30", "2", "子", 77);
	CU_ASSERT_EQUAL_FATAL(wftest_tennyu_commit(&T, q, r), 0);
	press(UI_K_F10);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("sa_tn_blocked")), NULL, NULL));
	press(UI_K_ENTER);
	CU_ASSERT_TRUE(shown(scrtest_prefix(finding(MSG("chk_setai_member_missing"), "山田　桜",
	                                      r->atena[0]), 45), NULL, NULL));
	CU_ASSERT_STRING_EQUAL(household_head(), FAM->atena[0]);
	/* Back on the form: every value as typed. */
	press(UI_K_ESC);
	CU_ASSERT_STRING_EQUAL(scrtest_title(&A), MSG("setai_title"));
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with("山田　花子"), i18n_msg(MSG("setai_hint_new_head"))));
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with("山田　太郎"), "夫"));
	CU_ASSERT_TRUE(shown("2025-06-01", NULL, NULL));
	/* Reloaded, the newcomer is listed and needs a 続柄 too. */
	press(UI_K_UP);
	press(UI_K_UP);
	press(UI_K_UP);
	press(UI_K_UP);
	press(UI_K_ENTER);
	CU_ASSERT_TRUE(shown("山田　桜", NULL, NULL));
	CU_ASSERT_PTR_NULL(strstr(row_with("山田　花子"), i18n_msg(MSG("setai_hint_new_head"))));
	close_fx();
	free(q);
	free(r);
}

/*
 * A 世帯 of 14 at 80×24: the list scrolls with the focus, every member comes
 * into view when focused, a line counts the rows above and below; the last
 * member can be made 世帯主 and the whole 届出 commits.
 */
static void test_big_household(void)
{
	static const char *const kids[] = {
		"二郎", "三郎", "四郎", "五郎", "梅", "菊", "藤", "萩", "桃", "椿", "蓮",
	};
	struct tennyu_req *q = calloc(1, sizeof *q);
	struct tennyu_result *r = calloc(1, sizeof *r);
	char names[14][64], more[256];
	const char *marks[2] = { "", "" };
	int nm = 0;

	CU_ASSERT_FATAL(q && r);
	open_fx("scrsetai_big.db");
	wftest_tennyu_req(q, WFTEST_C_CODE, "2025-05-20");
	snprintf(q->join_setai, sizeof q->join_setai, "%s", FAM->setai_no);
	q->n = (int)(sizeof kids / sizeof kids[0]);
	for (int i = 0; i < q->n; i++) {
		char name[64], birth[11];

		snprintf(name, sizeof name, "山田\u3000%s", kids[i]);
		snprintf(birth, sizeof birth, "%d-06-15", 2011 + i);
		wftest_person(&q->p[i], name, "ヤマダ\u3000コ", birth, i < 4 ? "1" : "2", "子", 300 + i);
	}
	CU_ASSERT_EQUAL_FATAL(wftest_tennyu_commit(&T, q, r), 0);
	/* The order the screen lists them: the 世帯主, then by 生年月日. */
	snprintf(names[nm++], sizeof names[0], "山田　太郎");
	for (int i = 0; i < 13; i++)
		wftest_text(T.db, names[nm++], sizeof names[0], "SELECT h.name FROM person p JOIN "
		            "resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no "
		            "WHERE p.setai_no='%s' AND h.zokugara<>'世帯主' ORDER BY h.birth, h.atena_no "
		            "LIMIT 1 OFFSET %d", FAM->setai_no, i);
	open_family();
	CU_ASSERT(i18n_msg_format(more, sizeof more, MSG("setai_more_rows"), 2, marks) > 0);
	/* 太郎 becomes 夫, 花子 世帯主, the twelve children stay 子. */
	for (int i = 0; i < nm; i++) {
		CU_ASSERT_TRUE(shown(names[i], NULL, NULL));
		if (i == 1)
			press(UI_K_F5);
		else
			type(i == 0 ? "夫" : "子");
		press(UI_K_TAB);
	}
	type("2025-06-01");
	press(UI_K_TAB);                     /* 届出日, the last row: the top is out of view */
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("setai_todoke")), NULL, NULL));
	CU_ASSERT_FALSE(shown("昭和55年5月10日", NULL, NULL));   /* 太郎's row */
	CU_ASSERT_TRUE(shown(names[13], NULL, NULL));
	CU_ASSERT_TRUE(shown(scrtest_prefix(more, 6), NULL, NULL));
	for (int i = 0; i <= nm; i++)        /* back up to 太郎 */
		press(UI_K_UP);
	CU_ASSERT_TRUE(shown("昭和55年5月10日", NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with(names[0]), "夫"));
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL_FATAL(scrtest_title(&A), MSG("setai_confirm_title"));
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("setai_no_findings")), NULL, NULL));
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL_FATAL(scrtest_title(&A), MSG("setai_done_title"));
	CU_ASSERT_STRING_EQUAL(household_head(), FAM->atena[1]);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM person p JOIN resident_history h "
	                             "ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no WHERE "
	                             "p.setai_no='%s' AND h.zokugara='子' AND h.head_name='山田　花子'",
	                             FAM->setai_no), 12);
	close_fx();
	free(q);
	free(r);
}

/*
 * The framework's privacy rules hold on this screen: idle, the session
 * locks and the frame shows nothing of the 世帯; later the idle logout
 * leaves the screen (its input discarded).
 */
static void test_idle_lock_and_logout(void)
{
	int lock = 0, logout = 0;

	open_fx("scrsetai_idle.db");
	open_family();
	fill_wife_head("子");
	lock = scr_idle_lock_seconds(&A);
	logout = scr_idle_logout_seconds(&A);
	CU_ASSERT_FATAL(lock > 0 && logout > lock);
	scr_tick(&A, T0 + lock, WALL + lock);
	CU_ASSERT_TRUE(A.locked);
	CU_ASSERT_FALSE(shown("山田", NULL, NULL));
	CU_ASSERT_FALSE(shown(FAM->setai_no, NULL, NULL));
	CU_ASSERT_FALSE(shown(i18n_msg(MSG("setai_title")), NULL, NULL));
	scr_tick(&A, T0 + logout, WALL + logout);
	CU_ASSERT_FALSE(A.logged_in);
	CU_ASSERT_PTR_NULL(scr_top(&A));
	CU_ASSERT_FALSE(shown("山田", NULL, NULL));
	CU_ASSERT_STRING_EQUAL(household_head(), FAM->atena[0]);
	close_fx();
}

/* In English the same screen reads from the English catalog, nothing cut. */
static void test_english(void)
{
	open_fx("scrsetai_en.db");
	CU_ASSERT_EQUAL_FATAL(i18n_msg_init("en"), 0);
	open_family();
	CU_ASSERT_TRUE(shown("Change of head of household", NULL, NULL));
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("setai_members_hint")), NULL, NULL));
	CU_ASSERT_TRUE(shown("Household no.", NULL, NULL));
	CU_ASSERT_TRUE(shown("10 May 1980", NULL, NULL));
	CU_ASSERT_TRUE(shown("F5 Make head", NULL, NULL));
	press(UI_K_DOWN);
	press(UI_K_F5);
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with("山田　花子"), i18n_msg(MSG("setai_hint_new_head"))));
	close_fx();
	CU_ASSERT_EQUAL(i18n_msg_init(LANG0), 0);
}

/* The view model: the 続柄 list is all allowed; typed 続柄 tidied. */
static void test_view_helpers(void)
{
	const char *const *c;
	char out[128];
	int n;

	c = view_setai_choices(&n);
	CU_ASSERT_TRUE(n > 10);
	for (int i = 0; i < n; i++)
		CU_ASSERT_TRUE(zokugara_valid(c[i], 0));
	CU_ASSERT_EQUAL(view_setai_zokugara_norm(" 夫(未届)\u3000", out, sizeof out), 0);
	CU_ASSERT_STRING_EQUAL(out, "夫（未届）");
	CU_ASSERT_TRUE(zokugara_valid(out, 0));
	CU_ASSERT_EQUAL(view_setai_zokugara_norm("子の子", out, 4), MG_ETOOLONG);
	CU_ASSERT_STRING_EQUAL(out, "");
}

/* Without PERM_WORKFLOW the screen does not open. */
static void test_perm(void)
{
	int role;

	open_fx("scrsetai_perm.db");
	role = (int)A.sess.role;
	A.sess.role = SESSION_ROLE_ADMIN;
	CU_ASSERT_EQUAL(scr_push(&A, &scr_setai, NULL), MG_EPERM);
	A.sess.role = (enum session_role)role;
	CU_ASSERT_EQUAL(scr_push(&A, &scr_setai, NULL), 0);
	close_fx();
}

TESTUTIL_REGISTER(scr_setai)
{
	static const struct testutil_case cases[] = {
		{ "wife becomes 世帯主, 受付番号 shown, registry updated", test_happy_path },
		{ "member without 続柄 blocks, form kept", test_error_blocks },
		{ "new 世帯主 moving out blocks", test_head_leaving },
		{ "a 世帯 without 世帯主 gets one", test_headless },
		{ "late filing alert needs F2", test_alert_late },
		{ "bad or unknown 世帯番号", test_bad_setai_no },
		{ "failed commit keeps the form", test_failed_commit_keeps_form },
		{ "a 世帯 of 14 scrolls with the focus", test_big_household },
		{ "idle lock hides it, idle logout leaves it", test_idle_lock_and_logout },
		{ "English texts", test_english },
		{ "view helpers", test_view_helpers },
		{ "PERM_WORKFLOW needed", test_perm },
		{ NULL, NULL }
	};

	testutil_suite("scr_setai", suite_init, suite_fini, cases);
}
