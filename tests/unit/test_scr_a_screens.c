/*
 * test_scr_a_screens.c — the counter screens of part A laid out into cells
 * with a real registry: 住民検索 (refusal text, result list cells), the 住民票
 * (個人番号 masked; an approved reveal shows it, re-masks after
 * reveal_seconds and is logged), the 転入 form (label and field columns,
 * errors beside the fields, values kept across grid sizes) and the
 * 転出証明書 after an ordinary 転出.
 */
#include "tests/unit/testutil.h"
#include "tests/unit/scrtest.h"
#include "tests/unit/wftest.h"
#include "screens/cells.h"
#include "screens/scr.h"
#include "screens/scr_search.h"
#include "screens/scr_tennyu.h"
#include "screens/scr_tenshutsu.h"
#include "screens/ui.h"
#include "app/audit.h"
#include "app/auth.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_width.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define T0 5000LL
#define WALL 1743465600LL
#define SUP_PW "super-visor-pw-1"

static struct wftest T;
static struct scr_app A;
static struct cells *C;
static struct tennyu_result *FAM;

/* A registry with one settled family of 3 (cards), a supervisor, the app at 80×24. */
static void open_fx(const char *file)
{
	FAM = calloc(1, sizeof *FAM);
	CU_ASSERT_PTR_NOT_NULL_FATAL(FAM);
	CU_ASSERT_EQUAL_FATAL(wftest_open(&T, file, WFTEST_B_CODE, WFTEST_B_NAME, "2025-04-01"), 0);
	T.cfg.scrypt_log2_n = 10;
	T.cfg.reveal_seconds = 3;
	T.ctx.cfg = &T.cfg;
	CU_ASSERT_EQUAL_FATAL(wftest_settle(&T, 1, 3, 1, "2025-03-01", FAM), 0);
	wftest_system(&T);
	CU_ASSERT_EQUAL_FATAL(auth_operator_add(&T.ctx, "sup1", "責任　花子",
	                                        SESSION_ROLE_SUPERVISOR, SUP_PW), 0);
	wftest_clerk(&T);
	C = scrtest_login(&A, &T.ctx, &T.cfg, &T.clerk, T0, WALL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(C);
}

/* Leave every screen, close the registry. */
static void close_fx(void)
{
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

/* Draw the frame; 1 when needle is on it (OUT: its column and row). */
static int shown(const char *needle, int *x, int *y)
{
	scr_draw(&A, C);
	return cells_find(C, needle, x, y);
}

/* The text of the first row holding needle ("" when none). */
static const char *row_with(const char *needle)
{
	static char row[2048];
	int x, y;

	row[0] = 0;
	if (shown(needle, &x, &y))
		cells_row(C, y, row, sizeof row);
	return row;
}

/* The current 個人番号 of the family's member i. */
static void kojin_of(int i, char *out, size_t cap)
{
	wftest_text(T.db, out, cap, "SELECT h.kojin_bango FROM person p JOIN resident_history h "
	            "ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no WHERE p.atena_no='%s'",
	            FAM->atena[i]);
}

/* A search with one criterion shows the policy's refusal and no list. */
static void test_search_refused(void)
{
	int x, y;

	open_fx("scra_refused.db");
	CU_ASSERT_EQUAL_FATAL(scr_push(&A, &scr_search, NULL), 0);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("sa_search_name")), &x, &y));
	CU_ASSERT_EQUAL(x, 2);
	type("ヤマダ");
	press(UI_K_F10);
	CU_ASSERT_TRUE(shown("検索には", &x, &y));
	CU_ASSERT_EQUAL(C->c[y * C->w + x].attr & 0xff, CELLS_R_ERROR);
	CU_ASSERT_FALSE(shown("山田", NULL, NULL));
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->title_msgid, MSG("sa_search_title"));
	CU_ASSERT_EQUAL(wftest_audit(T.db, "search"), 1);
	close_fx();
}

/* 氏名 + 生年月日 lists the person in columns; Enter opens the masked 住民票. */
static void test_search_list_view(void)
{
	char kojin[16], grouped[32];
	int x, y;

	open_fx("scra_view.db");
	kojin_of(0, kojin, sizeof kojin);
	CU_ASSERT_EQUAL_FATAL(strlen(kojin), 12);
	snprintf(grouped, sizeof grouped, "%.4s %.4s %.4s", kojin, kojin + 4, kojin + 8);
	CU_ASSERT_EQUAL_FATAL(scr_push(&A, &scr_search, NULL), 0);
	type("ヤマダ　タロウ");
	press(UI_K_ENTER);
	press(UI_K_ENTER);
	type("昭和55年5月10日");
	CU_ASSERT_TRUE(shown("昭和55年5月10日", NULL, NULL));
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->title_msgid, MSG("sa_search_list_title"));
	/* The row: name in the first column, then the birth date in 和暦. */
	CU_ASSERT_TRUE(shown("山田　太郎", &x, &y));
	CU_ASSERT_EQUAL(x, 2);
	CU_ASSERT_EQUAL(y, 6);
	CU_ASSERT_EQUAL(C->c[y * C->w + x].attr & CELLS_REVERSE, CELLS_REVERSE);
	CU_ASSERT_TRUE(shown("昭和55年5月10日", &x, NULL));
	CU_ASSERT_EQUAL(x, 2 + 17);
	press(UI_K_ENTER);
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->name, "view");
	CU_ASSERT_TRUE(shown("山田　太郎（ヤマダ　タロウ）", &x, &y));
	CU_ASSERT_EQUAL(x, 2);
	CU_ASSERT_EQUAL(y, 2);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("sa_state_current")), NULL, NULL));
	CU_ASSERT_TRUE(shown("****-****-****", NULL, NULL));
	CU_ASSERT_FALSE(shown(kojin, NULL, NULL));
	CU_ASSERT_FALSE(shown(grouped, NULL, NULL));
	/* The household with 続柄. */
	CU_ASSERT_TRUE(strstr(row_with("山田　花子"), "妻") != NULL);
	CU_ASSERT_TRUE(strstr(row_with("山田　一郎"), "子") != NULL);
	/* One view row for the person, one naming every household member shown. */
	CU_ASSERT_EQUAL(wftest_audit(T.db, "view"), 2);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM audit WHERE action = 'view' AND "
	                                   "detail LIKE 'household=%%' AND target LIKE '%%,%%,%%'"), 1);
	/* The history pane. */
	press(UI_K_F6);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("sa_jiyu_tennyu")), NULL, NULL));
	close_fx();
}

/* An approved reveal shows the number, re-masks after reveal_seconds, and is logged. */
static void test_reveal(void)
{
	char kojin[16], grouped[32];

	open_fx("scra_reveal.db");
	kojin_of(0, kojin, sizeof kojin);
	snprintf(grouped, sizeof grouped, "%.4s %.4s %.4s", kojin, kojin + 4, kojin + 8);
	CU_ASSERT_EQUAL_FATAL(scr_push(&A, &scr_search, NULL), 0);
	type("ヤマダ　タロウ");
	press(UI_K_ENTER);
	press(UI_K_ENTER);
	type("1980-05-10");
	press(UI_K_F10);
	press(UI_K_ENTER);
	press(UI_K_F5);
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->title_msgid, MSG("sa_view_reason_title"));
	press(UI_K_DOWN);
	press(UI_K_ENTER);
	type("sup1");
	press(UI_K_ENTER);
	type("not-the-password");
	press(UI_K_F10);
	CU_ASSERT_FALSE(shown(grouped, NULL, NULL));
	CU_ASSERT_EQUAL(wftest_audit(T.db, "reveal"), 0);
	type(SUP_PW);
	press(UI_K_F10);
	CU_ASSERT_TRUE(shown(grouped, NULL, NULL));
	CU_ASSERT_EQUAL(wftest_audit(T.db, "reveal"), 1);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM audit WHERE action='reveal' AND "
	                             "target='%s' AND detail='reason=card_procedure approver=sup1'",
	                             FAM->atena[0]), 1);
	scr_tick(&A, T0 + 2, WALL + 2);
	CU_ASSERT_TRUE(shown(grouped, NULL, NULL));
	scr_tick(&A, T0 + 3, WALL + 3);
	CU_ASSERT_FALSE(shown(grouped, NULL, NULL));
	CU_ASSERT_TRUE(shown("****-****-****", NULL, NULL));
	close_fx();
}

/*
 * An approval of more results is for the search it was given for: the next
 * search from the same screen runs under the cap again, sends no supervisor
 * id without a password, and leaves the supervisor's failure count alone.
 */
static void test_search_approval_once(void)
{
	open_fx("scra_approve.db");
	T.cfg.result_cap = 2;
	CU_ASSERT_EQUAL_FATAL(scr_push(&A, &scr_search, NULL), 0);
	type("ヤマダ");
	press(UI_K_ENTER);
	type(WFTEST_TOWN1_NAME);
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->title_msgid, MSG("sa_search_title"));
	press(UI_K_F7);
	type("sup1");
	press(UI_K_ENTER);
	type(SUP_PW);
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->title_msgid, MSG("sa_search_list_title"));
	CU_ASSERT_TRUE(shown("山田　太郎", NULL, NULL));
	CU_ASSERT_EQUAL(wftest_audit(T.db, "approve"), 1);
	press(UI_K_ESC);
	press(UI_K_F10);
	CU_ASSERT_FALSE(shown(i18n_msg(MSG("sa_approve_failed")), NULL, NULL));
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->title_msgid, MSG("sa_search_title"));
	CU_ASSERT_EQUAL(wftest_audit(T.db, "login_failed"), 0);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT failures FROM operator WHERE id = 'sup1'"), 0);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM audit WHERE action = 'search' AND "
	                             "detail LIKE '%%approved_by=%%'"), 1);
	T.cfg.result_cap = 0;
	close_fx();
}

/* The 転入 form: columns of labels and fields, errors beside them, values kept on resize. */
static void test_tennyu_layout(void)
{
	int x, y, lx, ly, fx;

	open_fx("scra_tennyu.db");
	CU_ASSERT_EQUAL_FATAL(scr_push(&A, &scr_tennyu, NULL), 0);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("sa_tn_sec_prev")), &x, &y));
	CU_ASSERT_EQUAL(x, 1);
	CU_ASSERT_EQUAL(y, 2);
	/* The first field's label under the head, indented. */
	{
		char needle[128];

		snprintf(needle, sizeof needle, "   %s", i18n_msg(MSG("sa_tn_prev_address")));
		CU_ASSERT_TRUE(shown(needle, &lx, &ly));
		lx += 3;
	}
	CU_ASSERT_EQUAL(lx, 3);
	CU_ASSERT_EQUAL(ly, 3);
	type("東京都千代田区千代田1番1号");
	CU_ASSERT_TRUE(shown("東京都千代田区千代田1番1号", &fx, &y));
	CU_ASSERT_EQUAL(y, ly);
	CU_ASSERT_TRUE(fx > lx + i18n_width_of(i18n_msg(MSG("sa_tn_prev_address"))));
	CU_ASSERT_EQUAL(C->c[y * C->w + fx].attr & 0xff, CELLS_R_FOCUS);
	/* Submitting an incomplete form marks the missing fields beside them. */
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->title_msgid, MSG("sa_tn_title"));
	CU_ASSERT_TRUE(strstr(row_with(i18n_msg(MSG("sa_tn_prev_code"))),
	                      i18n_msg(MSG("ui_field_required"))) != NULL);
	type("131016");
	press(UI_K_ENTER);
	type("R7.3.25");
	CU_ASSERT_TRUE(strstr(row_with(i18n_msg(MSG("sa_tn_date"))), "令和7年3月25日") != NULL);
	/* Larger, then 80×24 again: the values are the same. */
	CU_ASSERT_EQUAL_FATAL(cells_resize(C, 120, 40), 0);
	CU_ASSERT_TRUE(shown("東京都千代田区千代田1番1号", NULL, NULL));
	CU_ASSERT_TRUE(shown("R7.3.25", NULL, NULL));
	CU_ASSERT_EQUAL_FATAL(cells_resize(C, 60, 20), 0);
	CU_ASSERT_FALSE(shown("東京都", NULL, NULL));
	CU_ASSERT_EQUAL_FATAL(cells_resize(C, 80, 24), 0);
	CU_ASSERT_TRUE(shown("東京都千代田区千代田1番1号", NULL, NULL));
	CU_ASSERT_TRUE(shown("131016", NULL, NULL));
	/* Esc with typed data asks first; "no" keeps the form. */
	press(UI_K_ESC);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("sa_discard_text")), NULL, NULL));
	press(UI_K_ESC);
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->name, "tennyu");
	CU_ASSERT_TRUE(shown("131016", NULL, NULL));
	close_fx();
}

/* Type a field's value and go to the next field. */
static void fill(const char *s)
{
	type(s);
	press(UI_K_ENTER);
}

/*
 * rv-input 1 and 11: the 国民年金 items go to the registry whole, a wrong
 * 基礎年金番号 is a field error, the confirmation shows what is stored (not
 * what was typed), and a full-width digit or a wide character in a flag
 * field stays visible.
 */
static void test_tennyu_nenkin(void)
{
	char jc[12], buf[256];
	const char *row;

	open_fx("scra_tennyu_nenkin.db");
	wftest_jcode(500, jc);
	CU_ASSERT_EQUAL_FATAL(scr_push(&A, &scr_tennyu, NULL), 0);
	fill("東京都千代田区千代田1番1号");
	fill("131016");
	fill("R7.3.25");
	fill("");   /* 届出日: today */
	fill("鈴木　一郎");
	fill("スズキ　イチロウ");
	fill("S55.2.17");
	fill("1");
	fill("世帯主");
	fill("");
	fill("");
	fill("");
	fill(jc);
	fill("");
	/* 後期高齢者医療: a full-width 1 is shown (as the ASCII 1 it becomes). */
	type("１");
	row = row_with(i18n_msg(MSG("sa_tn_kouki")));
	CU_ASSERT_PTR_NOT_NULL(strstr(row, " 1 "));
	press(UI_K_ENTER);
	/* 介護保険: a wide character is shown too (then removed). */
	type("漢");
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with(i18n_msg(MSG("sa_tn_kaigo"))), "漢"));
	press(UI_K_BACKSPACE);
	press(UI_K_ENTER);
	fill("第1号被保険者");
	fill("1234567890123456789");
	fill("");
	fill("");
	fill("");
	press(UI_K_F4);
	press(UI_K_ENTER);
	fill("3番5号");
	/* Too many digits: a field error beside the field, not a cut number. */
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->title_msgid, MSG("sa_tn_title"));
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with(i18n_msg(MSG("sa_tn_kiso"))),
	                              scrtest_prefix(i18n_msg(MSG("sa_tn_bad_kiso")), 24)));
	press(UI_K_CTRL_U);
	type("１２３４－５６７８９０");
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL_FATAL(scr_top(&A)->ops->title_msgid, MSG("sa_tn_confirm_title"));
	/* The confirmation shows what the registry will hold. */
	row = row_with(i18n_msg(MSG("sa_tn_nenkin")));
	CU_ASSERT_PTR_NOT_NULL(strstr(row, "第1号"));
	CU_ASSERT_PTR_NULL(strstr(row, "被保険者"));
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with(i18n_msg(MSG("sa_tn_kiso"))), "1234567890"));
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with(i18n_msg(MSG("sa_tn_kouki"))),
	                              i18n_msg(MSG("sa_tn_flag_yes"))));
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL_FATAL(scr_top(&A)->ops->title_msgid, MSG("sa_tn_done_title"));
	wftest_text(T.db, buf, sizeof buf, "SELECT nenkin_kind || '|' || kiso_nenkin_no || '|' || kouki "
	            "|| '|' || kaigo FROM resident_history WHERE juminhyo_code = '%s'", jc);
	CU_ASSERT_STRING_EQUAL(buf, "第1号|1234567890|1|0");
	close_fx();
}

/* Open the 転出 form on the family's household, found through the pick search. */
static void tenshutsu_pick_family(void)
{
	CU_ASSERT_EQUAL_FATAL(scr_push(&A, &scr_tenshutsu, NULL), 0);
	press(UI_K_F4);
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->name, "search");
	type("ヤマダ");
	press(UI_K_ENTER);
	press(UI_K_ENTER);
	type("1980-05-10");
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->title_msgid, MSG("sa_search_pick_title"));
	press(UI_K_ENTER);
	CU_ASSERT_STRING_EQUAL_FATAL(scr_top(&A)->ops->name, "tenshutsu");
}

/* From the focused 転出先: destination, its code, the planned date. */
static void tenshutsu_type_destination(void)
{
	type(wftest_dest_address(WFTEST_A_CODE));
	press(UI_K_ENTER);
	type(WFTEST_A_CODE);
	press(UI_K_ENTER);
	type("2025-04-10");
}

/* 転出 of the whole family through the pick search shows the certificate. */
static void test_tenshutsu_cert(void)
{
	char kojin[16], grouped[32];

	open_fx("scra_tenshutsu.db");
	kojin_of(1, kojin, sizeof kojin);
	snprintf(grouped, sizeof grouped, "%.4s %.4s %.4s", kojin, kojin + 4, kojin + 8);
	tenshutsu_pick_family();
	CU_ASSERT_TRUE(strstr(row_with("山田　花子"), "[x]") != NULL);
	for (int i = 0; i < 3; i++)
		press(UI_K_TAB);
	tenshutsu_type_destination();
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->title_msgid, MSG("sa_ts_confirm_title"));
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->name, "cert");
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM tenshutsu_cert"), 1);
	CU_ASSERT_TRUE(shown("転出証明書　第1号", NULL, NULL));
	CU_ASSERT_TRUE(shown("山田　太郎", NULL, NULL));
	for (int i = 0; i < 14; i++)
		press(UI_K_DOWN);
	CU_ASSERT_TRUE(shown(grouped, NULL, NULL));
	press(UI_K_ENTER);
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->title_msgid, MSG("sa_ts_done_title"));
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("sa_ts_key_cert")), NULL, NULL));
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM person WHERE state='yotei'"), 3);
	close_fx();
}

/* The last bytes of a catalog text (whole characters), as a needle. */
static const char *msg_end(const char *key, size_t bytes)
{
	const char *m = i18n_msg(key);
	size_t n = strlen(m);

	if (n <= bytes)
		return m;
	m += n - bytes;
	while (((unsigned char)*m & 0xc0) == 0x80)
		m++;
	return m;
}

/*
 * The 転出 form's "rows above and below" line on the frame: 1 with the two
 * counts (OUT), 0 when no row reads like it.
 */
static int more_rows_shown(int *above, int *below)
{
	char pat[256], row[2048];
	const char *a, *b;
	static const char *const marks[] = { "\x01", "\x02" };

	CU_ASSERT_FATAL(i18n_msg_format(pat, sizeof pat, MSG("sa_ts_more_rows"), 2, marks) > 0);
	a = strchr(pat, '\x01');
	b = strchr(pat, '\x02');
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	scr_draw(&A, C);
	for (int y = 0; y < 24; y++) {
		const char *p;
		char *end;

		cells_row(C, y, row, sizeof row);
		for (p = row; *p == ' '; p++)
			;
		if (strncmp(p, pat, (size_t)(a - pat)) != 0)
			continue;
		*above = (int)strtol(p + (a - pat), &end, 10);
		if (end == p + (a - pat) || strncmp(end, a + 1, (size_t)(b - a - 1)) != 0)
			continue;
		p = end + (b - a - 1);
		*below = (int)strtol(p, &end, 10);
		if (end == p)
			continue;
		return 1;
	}
	return 0;
}

/* Eleven more children join the family's household by a real 転入: 14 members. */
static void join_children(void)
{
	static const struct { const char *name, *kana; } kids[] = {
		{ "二郎", "ジロウ" }, { "三郎", "サブロウ" }, { "四郎", "シロウ" }, { "五郎", "ゴロウ" },
		{ "梅", "ウメ" }, { "菊", "キク" }, { "藤", "フジ" }, { "萩", "ハギ" },
		{ "桃", "モモ" }, { "椿", "ツバキ" }, { "蓮", "レン" },
	};
	struct tennyu_req *q = calloc(1, sizeof *q);
	struct tennyu_result *r = calloc(1, sizeof *r);

	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	wftest_tennyu_req(q, WFTEST_C_CODE, "2025-03-05");
	snprintf(q->join_setai, sizeof q->join_setai, "%s", FAM->setai_no);
	q->n = (int)(sizeof kids / sizeof kids[0]);
	for (int i = 0; i < q->n; i++) {
		char name[64], kana[64], birth[11];

		snprintf(name, sizeof name, "山田\u3000%s", kids[i].name);
		snprintf(kana, sizeof kana, "ヤマダ\u3000%s", kids[i].kana);
		snprintf(birth, sizeof birth, "%d-06-15", 2011 + i);
		wftest_person(&q->p[i], name, kana, birth, i < 4 ? "1" : "2", "子", 200 + i);
	}
	q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL_FATAL(tennyu_commit(&T.ctx, q, r), 0);
	free(q);
	free(r);
}

/*
 * The 転出 form of a household of 14 at 80×24 scrolls with the focus: the
 * 世帯主 alone leaves, so each of the 13 who stay needs a new 続柄; every
 * member row and every 続柄 row comes into view when focused, and the
 * commit queues all 13 under the new 世帯主.
 */
static void test_tenshutsu_big_household(void)
{
	char names[14][64];
	int nm;

	open_fx("scra_tenshutsu_big.db");
	join_children();
	nm = wftest_count(T.db, "SELECT count(*) FROM person WHERE setai_no='%s' AND state='current'",
	                  FAM->setai_no);
	CU_ASSERT_EQUAL_FATAL(nm, 14);
	for (int i = 0; i < nm; i++)
		wftest_text(T.db, names[i], sizeof names[i], "SELECT h.name FROM person p JOIN "
		            "resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no "
		            "WHERE p.setai_no='%s' ORDER BY h.birth, h.atena_no LIMIT 1 OFFSET %d",
		            FAM->setai_no, i);
	tenshutsu_pick_family();
	press(UI_K_F5);                      /* everyone off … */
	type(" ");                           /* … but the 世帯主 (first: the eldest) */
	CU_ASSERT_TRUE(strstr(row_with(names[0]), "[x]") != NULL);
	for (int i = 1; i < nm; i++) {
		press(UI_K_TAB);
		CU_ASSERT_TRUE(shown(names[i], NULL, NULL));
	}
	press(UI_K_TAB);
	tenshutsu_type_destination();
	press(UI_K_TAB);
	press(UI_K_TAB);                     /* 届出日, the 19th row: the list moves up one */
	CU_ASSERT_FALSE(shown(names[0], NULL, NULL));
	CU_ASSERT_TRUE(shown(names[1], NULL, NULL));
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("sa_ts_todoke")), NULL, NULL));
	press(UI_K_F10);                     /* asks for the new 世帯主 and 続柄 */
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->name, "tenshutsu");
	for (int k = 1; k < nm; k++) {
		int above = -1, below = -1;

		CU_ASSERT_TRUE(shown(names[k], NULL, NULL));
		/* The request stays whole on screen, with the rows above and below. */
		CU_ASSERT_TRUE(shown(scrtest_prefix(i18n_msg(MSG("sa_ts_ask_head")), 24), NULL, NULL));
		CU_ASSERT_TRUE(shown(msg_end(MSG("sa_ts_ask_head"), 24), NULL, NULL));
		CU_ASSERT_TRUE(more_rows_shown(&above, &below));
		CU_ASSERT_TRUE(above > 0);
		CU_ASSERT_TRUE(k + 1 < nm ? below > 0 : below == 0);
		type(k == 1 ? "世帯主" : "子");
		press(k + 1 < nm ? UI_K_TAB : UI_K_ENTER);
	}
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->title_msgid, MSG("sa_ts_confirm_title"));
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->name, "cert");
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM setai_pending WHERE setai_no='%s'",
	                             FAM->setai_no), 13);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM setai_pending WHERE setai_no='%s' "
	                             "AND zokugara='世帯主' AND atena_no=head_atena AND atena_no='%s'",
	                             FAM->setai_no, FAM->atena[1]), 1);
	close_fx();
}

TESTUTIL_REGISTER(scr_a_screens)
{
	static const struct testutil_case cases[] = {
		{ "search refused with one criterion", test_search_refused },
		{ "search list cells and masked view", test_search_list_view },
		{ "reveal approved, re-masked, logged", test_reveal },
		{ "an approval of more results is for one search", test_search_approval_once },
		{ "tennyu form layout and resize", test_tennyu_layout },
		{ "tennyu 国民年金 items whole, confirmation as stored", test_tennyu_nenkin },
		{ "tenshutsu shows the certificate", test_tenshutsu_cert },
		{ "tenshutsu form of 14 scrolls with the focus", test_tenshutsu_big_household },
		{ NULL, NULL }
	};

	testutil_suite("scr_a_screens", NULL, NULL, cases);
}
