/*
 * test_scr_unnotified.c — the 転入通知未着者一覧 screen
 * (screens/scr_unnotified.c, 標準仕様 4.1.3.1.4) driven by keys over real
 * registries: 千代田区 (A) files two 転出 on 2025-04-01 (the child to 宝塚市
 * on 04-10, ordinary; the wife to 大阪市 on 04-20, 特例転出), 宝塚市 (B)
 * registers the head's 転入 and its 転入通知 reaches A unapplied; A's day
 * is 2025-05-22. The menu row opens the screen; the header says the window,
 * the count and the notice to apply first; each row shows 転出予定日, 経過,
 * 宛名番号, 氏名, 転出先, 状態, 照会 and never a 個人番号; F5 issues the
 * 照会書 (form register, log) and shows the letter; Esc shows the 照会 date
 * on the row without a second search. F6 switches to the whole past and
 * back; an empty list says so; a notice applied meanwhile (MG_ESTATE), a
 * registry failure and a missing permission are boxes from the rc catalog
 * with nothing written; the English catalog.
 */
#include "tests/unit/testutil.h"
#include "tests/unit/scrtest.h"
#include "tests/unit/wftest.h"
#include "screens/cells.h"
#include "screens/scr.h"
#include "screens/scr_menu.h"
#include "screens/scr_unnotified.h"
#include "screens/ui.h"
#include "app/notice.h"
#include "app/view_unnotified.h"
#include "app/wf.h"
#include "db/db_resident.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_wareki.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T0 5000LL
#define WALL 1747872000LL          /* 2025-05-22 */
#define CHILD_PLANNED "2025-04-10"
#define WIFE_PLANNED "2025-04-20"
#define A_TODAY "2025-05-22"       /* child + 42, wife + 32 */
#define KATAGAKI "栄ハイツ101号室"

static struct wftest_pair *P;
static struct tennyu_req *TQ;
static struct tennyu_result *TR;
static struct notice_result *NR;
static struct scr_app A;
static struct cells *C;
static char LANG0[8];              /* the catalog language before the suite */

/* Allocate once; remember the catalog language (test_english switches it). */
static int suite_init(void)
{
	snprintf(LANG0, sizeof LANG0, "%s", i18n_msg_lang());
	P = calloc(1, sizeof *P);
	TQ = calloc(1, sizeof *TQ);
	TR = calloc(1, sizeof *TR);
	NR = calloc(1, sizeof *NR);
	return P && TQ && TR && NR ? 0 : 1;
}

/* Free; put the catalog language back, even after a failed test. */
static int suite_fini(void)
{
	testutil_fault_arm(0);
	wftest_snapshot_fini();
	free(P);
	free(TQ);
	free(TR);
	free(NR);
	P = NULL;
	return i18n_msg_lang()[0] && strcmp(i18n_msg_lang(), LANG0) != 0 ? i18n_msg_init(LANG0) != 0
	                                                                   : 0;
}

/* B registers the 転入 of A's family member m (0 the head, 2 the child) on
 * 2025-04-12 and both deliver: A holds the 転入通知 unapplied. */
static void notice_from_b(int m)
{
	wftest_tennyu_req(TQ, WFTEST_A_CODE, "2025-04-12");
	wftest_family(TQ, 1, 3, 0);
	TQ->p[0] = TQ->p[m];
	TQ->n = 1;
	strcpy(TQ->p[0].zokugara, "世帯主");
	CU_ASSERT_EQUAL_FATAL(tennyu_commit(&P->b.ctx, TQ, TR), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->b, P->cs, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->a, P->cs, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_count(P->a.db, "SELECT count(*) FROM notice_inbox WHERE "
	                                   "applied_by IS NULL"), 1);
}

/*
 * The two registries: A's family of three (cards, 方書) settled on
 * 2025-03-01; when moves, on 2025-04-01 the child moves out to B on
 * CHILD_PLANNED and the wife to 大阪市 on WIFE_PLANNED (特例転出); when
 * notice, B registers the head's 転入 (he never filed a 転出 at A) and A
 * holds that notice unapplied: the list counts it, and still lists the
 * child and the wife, whom it does not name. A's day is today; the clerk is
 * logged in on an 80×24 grid.
 */
static void open_fx(const char *tag, int moves, int notice, const char *today)
{
	static const int child[] = { 2 }, wife[] = { 1 };

	memset(P, 0, sizeof *P);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_open_at(P, tag, 1, 3, 1, "2025-04-01", "2025-04-14",
	                                          KATAGAKI), 0);
	if (moves) {
		CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 1, child, WFTEST_B_CODE, CHILD_PLANNED, 0, 0),
		                      0);
		CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 1, wife, WFTEST_C_CODE, WIFE_PLANNED, 1, 0), 0);
	}
	if (notice)
		notice_from_b(0);
	wftest_today(&P->a, today);
	C = scrtest_login(&A, &P->a.ctx, &P->a.cfg, &P->a.clerk, T0, WALL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(C);
}

/* Leave every screen, close the registries. */
static void close_fx(void)
{
	testutil_fault_arm(0);
	scrtest_logout(&A, &P->a.ctx, C);
	C = NULL;
	wftest_pair_close(P);
}

/* Send a key code. */
static void press(int code)
{
	scrtest_press(&A, code);
}

/* Draw the frame; 1 when needle is on it (OUT: its column and row, may be NULL). */
static int shown(const char *needle, int *x, int *y)
{
	scr_draw(&A, C);
	return cells_find(C, needle, x, y);
}

/* 1 when needle is on a frame of h rows (the whole letter at once). */
static int shown_tall(const char *needle, int h)
{
	struct cells *t = cells_new(80, h);
	int r;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	scr_draw(&A, t);
	r = cells_find(t, needle, NULL, NULL);
	cells_free(t);
	return r;
}

/* The text of the row holding needle ("" when none). */
static const char *row_with(const char *needle)
{
	static char row[2048];
	int y;

	row[0] = 0;
	if (shown(needle, NULL, &y))
		cells_row(C, y, row, sizeof row);
	return row;
}

/* A catalog text with up to three arguments (static buffer). */
static const char *msgf(const char *key, const char *a0, const char *a1, const char *a2)
{
	static char out[1024];
	const char *a[3] = { a0 ? a0 : "", a1 ? a1 : "", a2 ? a2 : "" };

	CU_ASSERT(i18n_msg_format(out, sizeof out, key, 3, a) > 0);
	return out;
}

/* An ISO date (or the date of a time) in the catalog's form. */
static const char *wareki(const char *iso)
{
	static char out[4][64];
	static int k;
	char day[11];

	k = (k + 1) % 4;
	snprintf(day, sizeof day, "%s", iso);
	CU_ASSERT(i18n_wareki_format_iso(day, out[k], sizeof out[k]) > 0);
	return out[k];
}

/* The current row of A's family member i. */
static struct db_resident *member(int i)
{
	static struct db_resident r;

	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[i], &r), 0);
	return &r;
}

/* No 個人番号 of the family on the frame (plain or grouped by four). */
static void no_kojin(void)
{
	char grouped[32];

	for (int i = 0; i < 3; i++) {
		const struct db_resident *r = member(i);

		CU_ASSERT_EQUAL_FATAL(strlen(r->kojin_bango), 12);
		snprintf(grouped, sizeof grouped, "%.4s %.4s %.4s", r->kojin_bango, r->kojin_bango + 4,
		         r->kojin_bango + 8);
		CU_ASSERT_FALSE(shown(r->kojin_bango, NULL, NULL));
		CU_ASSERT_FALSE(shown(grouped, NULL, NULL));
		CU_ASSERT_FALSE(shown_tall(r->kojin_bango, 60));
	}
}

/* Rows of the operation log: the list's searches / views of a person. */
static long long searches(void)
{
	return wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE action='search' AND "
	                    "detail LIKE 'criteria=unnotified %%'");
}

/* 照会書 rows in the form register. */
static long long forms(void)
{
	return wftest_count(P->a.db, "SELECT count(*) FROM form_register WHERE "
	                    "form_kind='notice_inquiry'");
}

/*
 * The menu row opens the list: window, count, the notice to apply first,
 * both persons by 転出予定日 with their columns, no 個人番号, one search row.
 * F5 on the child issues the 照会書 and shows it with everything the
 * destination needs; Esc shows its date on the row, without a new search.
 */
static void test_list_and_letter(void)
{
	struct db_resident child, wife;
	char key[2] = { 0, 0 }, r[256], issued[32], today[DB_DATE_CAP], serial[40], days[1024];
	const char *row, *p;
	int x, y, cy, wy;

	open_fx("scrun_ok", 1, 1, A_TODAY);
	child = *member(2);
	wife = *member(1);
	CU_ASSERT_STRING_EQUAL(child.state, "yotei");
	/* The menu: the new row has a number key, which opens the screen. */
	CU_ASSERT_EQUAL_FATAL(scr_push(&A, &scr_menu, NULL), 0);
	CU_ASSERT_TRUE_FATAL(shown(i18n_msg(MSG("unnot_menu")), &x, &y));
	cells_row(C, y, r, sizeof r);
	for (p = r; *p == ' '; p++)
		;
	key[0] = *p;
	CU_ASSERT_TRUE_FATAL(key[0] >= '1' && key[0] <= '9');
	scrtest_type(&A, key);
	CU_ASSERT_PTR_NOT_NULL_FATAL(scr_top(&A));
	CU_ASSERT_STRING_EQUAL_FATAL(scr_top(&A)->ops->name, "unnotified");
	CU_ASSERT_STRING_EQUAL(scrtest_title(&A), MSG("unnot_title"));
	/* The header: the window (to = today - 30, a year long), the count, the notice. */
	CU_ASSERT_TRUE(shown(msgf(MSG("unnot_window"), wareki("2024-04-22"), wareki("2025-04-22"),
	                          "30"), NULL, NULL));
	CU_ASSERT_TRUE(shown(msgf(MSG("unnot_count"), "2", NULL, NULL), NULL, NULL));
	CU_ASSERT_TRUE(shown(scrtest_prefix(msgf(MSG("unnot_pending"), "1", NULL, NULL), 48), NULL, NULL));
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("unnot_col_atena")), NULL, NULL));
	/* The rows, the child (04-10) above the wife (04-20). */
	row = row_with(child.atena_no);
	CU_ASSERT_PTR_NOT_NULL(strstr(row, "令和7年4月10日"));
	CU_ASSERT_PTR_NOT_NULL(strstr(row, msgf(MSG("unnot_days_value"), "42", NULL, NULL)));
	CU_ASSERT_PTR_NOT_NULL(strstr(row, child.name));
	CU_ASSERT_PTR_NOT_NULL(strstr(row, scrtest_prefix(wftest_dest_address(WFTEST_B_CODE), 6)));
	CU_ASSERT_PTR_NOT_NULL(strstr(row, i18n_msg(MSG("unnot_state_yotei"))));
	CU_ASSERT_PTR_NOT_NULL(strstr(row, i18n_msg(MSG("unnot_not_inquired"))));
	row = row_with(wife.atena_no);
	CU_ASSERT_PTR_NOT_NULL(strstr(row, "令和7年4月20日"));
	snprintf(days, sizeof days, "%s", msgf(MSG("unnot_days_value"), "32", NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL(strstr(row, days));
	CU_ASSERT_PTR_NOT_NULL(strstr(row, wife.name));
	CU_ASSERT_TRUE(shown(child.atena_no, NULL, &cy));
	CU_ASSERT_TRUE(shown(wife.atena_no, NULL, &wy));
	CU_ASSERT_TRUE(cy < wy);
	CU_ASSERT_FALSE(shown(member(0)->atena_no, NULL, NULL));   /* the husband stays */
	/* The selected row's destination in full. */
	CU_ASSERT_TRUE(shown(msgf(MSG("unnot_detail_dest"), wftest_dest_address(WFTEST_B_CODE),
	                          WFTEST_B_CODE, NULL), NULL, NULL));
	no_kojin();
	CU_ASSERT_EQUAL(searches(), 1);
	CU_ASSERT_EQUAL(forms(), 0);

	/* F5 on the child: the 照会書. */
	press(UI_K_F5);
	CU_ASSERT_FALSE(A.dialog.open);
	CU_ASSERT_STRING_EQUAL_FATAL(scrtest_title(&A), MSG("unnot_letter_title"));
	snprintf(serial, sizeof serial, "%s/%s", child.atena_no, CHILD_PLANNED);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM form_register WHERE "
	                             "form_kind='notice_inquiry' AND form_serial='%s' AND "
	                             "operator='clerk1'", serial), 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE action='view' AND "
	                             "target='%s' AND detail='form=notice_inquiry to=%s'",
	                             child.atena_no, WFTEST_B_CODE), 1);
	wftest_text(P->a.db, issued, sizeof issued, "SELECT issued_at FROM form_register WHERE "
	            "form_kind='notice_inquiry'");
	CU_ASSERT_EQUAL_FATAL(strlen(issued) >= 10, 1);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("unnot_lt_heading")), NULL, NULL));
	/* The letter is dated with the 処理日, not the clock. */
	wf_today(&P->a.ctx, today);
	CU_ASSERT_TRUE(shown(msgf(MSG("unnot_lt_issued"), wareki(today), NULL, NULL), NULL, NULL));
	CU_ASSERT_TRUE(shown_tall(scrtest_prefix(msgf(MSG("unnot_lt_to"), child.dest_planned,
	                                        WFTEST_B_CODE, NULL), 60), 60));
	CU_ASSERT_TRUE(shown_tall(WFTEST_B_CODE, 60));
	CU_ASSERT_TRUE(shown_tall(msgf(MSG("unnot_lt_from"), WFTEST_A_NAME, WFTEST_A_CODE, NULL),
	                          60));
	CU_ASSERT_TRUE(shown_tall(scrtest_prefix(msgf(MSG("unnot_lt_body"), "令和7年4月10日", NULL, NULL),
	                                   60), 60));
	CU_ASSERT_TRUE(shown_tall(msgf(MSG("unnot_lt_name"), child.name, child.name_kana, NULL), 60));
	CU_ASSERT_TRUE(shown_tall(msgf(MSG("unnot_lt_birth"), wareki(child.birth),
	                               i18n_msg(MSG("unnot_sex_1")), NULL), 60));
	CU_ASSERT_EQUAL(strlen(child.juminhyo_code), 11);
	CU_ASSERT_TRUE(shown_tall(msgf(MSG("unnot_lt_jcode"), child.juminhyo_code, NULL, NULL), 60));
	CU_ASSERT_TRUE(shown_tall(msgf(MSG("unnot_lt_address"), child.addr_text, KATAGAKI, NULL), 60));
	CU_ASSERT_TRUE(shown_tall(msgf(MSG("unnot_lt_dest"), child.dest_planned, NULL, NULL), 60));
	CU_ASSERT_TRUE(shown_tall(msgf(MSG("unnot_lt_planned"), "令和7年4月10日", NULL, NULL), 60));
	CU_ASSERT_TRUE(shown_tall(msgf(MSG("unnot_lt_kind"), i18n_msg(MSG("unnot_lt_ordinary")), NULL,
	                               NULL), 60));
	CU_ASSERT_EQUAL_FATAL(strlen(child.uketsuke_no) > 0, 1);
	CU_ASSERT_TRUE(shown_tall(msgf(MSG("unnot_lt_uketsuke"), child.uketsuke_no, NULL, NULL), 60));
	no_kojin();
	/* At 80×24 the end of the letter comes into view by scrolling. */
	press(UI_K_END);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("unnot_lt_end")), NULL, NULL));
	press(UI_K_HOME);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("unnot_lt_heading")), NULL, NULL));

	/* Esc: the list, the child's row with the 照会 date, no second search. */
	press(UI_K_ESC);
	CU_ASSERT_STRING_EQUAL(scrtest_title(&A), MSG("unnot_title"));
	row = row_with(child.atena_no);
	CU_ASSERT_PTR_NOT_NULL(strstr(row, wareki(issued)));
	CU_ASSERT_PTR_NULL(strstr(row, i18n_msg(MSG("unnot_not_inquired"))));
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with(wife.atena_no), i18n_msg(MSG("unnot_not_inquired"))));
	CU_ASSERT_TRUE(shown(scrtest_prefix(msgf(MSG("unnot_issued"), child.name, wareki(issued), NULL), 30),
	                     NULL, NULL));
	CU_ASSERT_TRUE(shown(scrtest_prefix(msgf(MSG("unnot_detail_inquired"), wareki(issued), issued + 11,
	                                   NULL), 40), NULL, NULL));
	CU_ASSERT_EQUAL(searches(), 1);
	CU_ASSERT_EQUAL(forms(), 1);
	/* The wife's 照会書 says 特例転出 and goes to 大阪市. */
	press(UI_K_DOWN);
	press(UI_K_F5);
	CU_ASSERT_STRING_EQUAL_FATAL(scrtest_title(&A), MSG("unnot_letter_title"));
	CU_ASSERT_TRUE(shown_tall(msgf(MSG("unnot_lt_kind"), i18n_msg(MSG("unnot_lt_tokurei")), NULL,
	                               NULL), 60));
	CU_ASSERT_TRUE(shown_tall(msgf(MSG("unnot_lt_name"), wife.name, wife.name_kana, NULL), 60));
	CU_ASSERT_TRUE(shown_tall(msgf(MSG("unnot_lt_birth"), wareki(wife.birth),
	                               i18n_msg(MSG("unnot_sex_2")), NULL), 60));
	CU_ASSERT_TRUE(shown_tall(WFTEST_C_CODE, 60));
	press(UI_K_ESC);
	CU_ASSERT_PTR_NULL(strstr(row_with(wife.atena_no), i18n_msg(MSG("unnot_not_inquired"))));
	CU_ASSERT_EQUAL(forms(), 2);
	CU_ASSERT_EQUAL(searches(), 1);
	/* Esc: back to the menu. */
	press(UI_K_ESC);
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->name, "menu");
	close_fx();
}

/*
 * A year later both 転出 are out of the window: the list is empty and says
 * so, F5 issues nothing; F6 shows the whole past (a second search), F6
 * again the last year. A registry without any 転出 is empty either way.
 */
static void test_whole_and_empty(void)
{
	struct db_resident child;

	open_fx("scrun_whole", 1, 0, "2026-06-01");
	child = *member(2);
	CU_ASSERT_EQUAL_FATAL(scr_push(&A, &scr_unnotified, NULL), 0);
	CU_ASSERT_TRUE(shown(msgf(MSG("unnot_window"), wareki("2025-05-02"), wareki("2026-05-02"),
	                          "30"), NULL, NULL));
	CU_ASSERT_TRUE(shown(msgf(MSG("unnot_count"), "0", NULL, NULL), NULL, NULL));
	CU_ASSERT_TRUE(shown(scrtest_prefix(i18n_msg(MSG("unnot_empty")), 40), NULL, NULL));
	CU_ASSERT_FALSE(shown(child.atena_no, NULL, NULL));
	CU_ASSERT_FALSE(shown(scrtest_prefix(msgf(MSG("unnot_pending"), "1", NULL, NULL), 30), NULL, NULL));
	press(UI_K_F5);
	CU_ASSERT_FALSE(A.dialog.open);
	CU_ASSERT_STRING_EQUAL(scrtest_title(&A), MSG("unnot_title"));
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("unnot_nobody")), NULL, NULL));
	CU_ASSERT_EQUAL(forms(), 0);
	CU_ASSERT_EQUAL(searches(), 1);
	/* F6: the whole past. */
	press(UI_K_F6);
	CU_ASSERT_EQUAL(searches(), 2);
	CU_ASSERT_TRUE(shown(msgf(MSG("unnot_window_whole"), wareki("2026-05-02"), "30", NULL), NULL,
	                     NULL));
	CU_ASSERT_TRUE(shown(msgf(MSG("unnot_count"), "2", NULL, NULL), NULL, NULL));
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("unnot_hint_recent")), NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with(child.atena_no), "令和7年4月10日"));
	/* 2025-04-10 .. 2026-06-01 */
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with(child.atena_no),
	                              msgf(MSG("unnot_days_value"), "417", NULL, NULL)));
	CU_ASSERT_TRUE(shown(member(1)->atena_no, NULL, NULL));
	no_kojin();
	/* F6 again: the last year. */
	press(UI_K_F6);
	CU_ASSERT_EQUAL(searches(), 3);
	CU_ASSERT_TRUE(shown(scrtest_prefix(i18n_msg(MSG("unnot_empty")), 40), NULL, NULL));
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("unnot_hint_whole")), NULL, NULL));
	close_fx();

	/* Nobody moved out: empty, and the whole past too. */
	open_fx("scrun_none", 0, 0, A_TODAY);
	CU_ASSERT_EQUAL_FATAL(scr_push(&A, &scr_unnotified, NULL), 0);
	CU_ASSERT_TRUE(shown(scrtest_prefix(i18n_msg(MSG("unnot_empty")), 40), NULL, NULL));
	press(UI_K_F6);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("unnot_empty_whole")), NULL, NULL));
	CU_ASSERT_FALSE(shown(i18n_msg(MSG("unnot_col_atena")), NULL, NULL));
	close_fx();
}

/*
 * The child's notice arrives and is applied (on the 転入通知受理 screen,
 * here by the workflow) while the list is shown: F5 on him is refused with
 * MG_ESTATE's catalog text and the screen's own line, nothing is written,
 * the list stays; the wife's 照会書 is still issued.
 */
static void test_notice_applied_meanwhile(void)
{
	char id[48], *before, *after;
	struct db_resident child;

	open_fx("scrun_state", 1, 0, A_TODAY);
	child = *member(2);
	CU_ASSERT_EQUAL_FATAL(scr_push(&A, &scr_unnotified, NULL), 0);
	CU_ASSERT_TRUE_FATAL(shown(child.atena_no, NULL, NULL));
	notice_from_b(2);
	wftest_text(P->a.db, id, sizeof id, "SELECT msg_id FROM notice_inbox WHERE applied_by IS NULL");
	CU_ASSERT_EQUAL_FATAL(notice_apply(&P->a.ctx, id, 1, NR), 0);
	CU_ASSERT_STRING_EQUAL(member(2)->state, "jyohyo");
	before = wftest_snapshot(P->a.db, WFTEST_SNAP_ALL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	press(UI_K_F5);
	CU_ASSERT_TRUE(A.dialog.open);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("unnot_failed_title")), NULL, NULL));
	CU_ASSERT_TRUE(shown(scrtest_prefix(i18n_msg(mg_rc_msgid(MG_ESTATE)), 24), NULL, NULL));
	after = wftest_snapshot(P->a.db, WFTEST_SNAP_ALL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(after);
	CU_ASSERT_STRING_EQUAL(after, before);
	free(before);
	free(after);
	press(UI_K_ENTER);
	CU_ASSERT_FALSE(A.dialog.open);
	CU_ASSERT_STRING_EQUAL(scrtest_title(&A), MSG("unnot_title"));
	CU_ASSERT_TRUE(shown(scrtest_prefix(msgf(MSG("unnot_state_changed"), child.name, NULL, NULL), 40),
	                     NULL, NULL));
	CU_ASSERT_PTR_NOT_NULL(strstr(row_with(child.atena_no), i18n_msg(MSG("unnot_not_inquired"))));
	CU_ASSERT_EQUAL(forms(), 0);
	press(UI_K_DOWN);
	press(UI_K_F5);
	CU_ASSERT_STRING_EQUAL(scrtest_title(&A), MSG("unnot_letter_title"));
	CU_ASSERT_EQUAL(forms(), 1);
	close_fx();
}

/*
 * The registry fails (allocation failures in SQLite): F5 shows the code's
 * box and writes nothing; F6 keeps the list shown; both work afterwards.
 * Opening the screen while it fails is the menu's error box.
 */
static void test_registry_failure(void)
{
	struct db_resident child;
	char *before, *after;
	long long s0;

	open_fx("scrun_fail", 1, 0, A_TODAY);
	child = *member(2);
	CU_ASSERT_EQUAL_FATAL(scr_push(&A, &scr_unnotified, NULL), 0);
	s0 = searches();
	before = wftest_snapshot(P->a.db, WFTEST_SNAP_ALL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	testutil_fault_arm(1);
	press(UI_K_F5);
	testutil_fault_arm(0);
	CU_ASSERT_TRUE(A.dialog.open);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("unnot_failed_title")), NULL, NULL));
	CU_ASSERT_STRING_EQUAL(scrtest_title(&A), MSG("unnot_title"));
	after = wftest_snapshot(P->a.db, WFTEST_SNAP_ALL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(after);
	CU_ASSERT_STRING_EQUAL(after, before);
	free(before);
	free(after);
	press(UI_K_ENTER);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("unnot_not_issued")), NULL, NULL));
	/* F6 failing: the box, the same list and window. */
	testutil_fault_arm(1);
	press(UI_K_F6);
	testutil_fault_arm(0);
	CU_ASSERT_TRUE(A.dialog.open);
	CU_ASSERT_TRUE(shown(i18n_msg(MSG("unnot_load_failed_title")), NULL, NULL));
	press(UI_K_ENTER);
	CU_ASSERT_TRUE(shown(child.atena_no, NULL, NULL));
	CU_ASSERT_TRUE(shown(msgf(MSG("unnot_window"), wareki("2024-04-22"), wareki("2025-04-22"),
	                          "30"), NULL, NULL));
	CU_ASSERT_EQUAL(searches(), s0);
	/* Healthy again: F5 issues. */
	press(UI_K_F5);
	CU_ASSERT_STRING_EQUAL(scrtest_title(&A), MSG("unnot_letter_title"));
	CU_ASSERT_EQUAL(forms(), 1);
	press(UI_K_ESC);
	press(UI_K_ESC);
	/* Opening while the registry fails: not opened, the error box. */
	CU_ASSERT_EQUAL_FATAL(scr_push(&A, &scr_menu, NULL), 0);
	testutil_fault_arm(1);
	CU_ASSERT_NOT_EQUAL(scr_push(&A, &scr_unnotified, NULL), 0);
	testutil_fault_arm(0);
	CU_ASSERT_STRING_EQUAL(scr_top(&A)->ops->name, "menu");
	CU_ASSERT_EQUAL(searches(), s0);
	close_fx();
}

/* Without PERM_WORKFLOW the screen does not open and nothing is logged. */
static void test_perm(void)
{
	int role;

	open_fx("scrun_perm", 1, 0, A_TODAY);
	role = (int)A.sess.role;
	A.sess.role = SESSION_ROLE_ADMIN;
	CU_ASSERT_EQUAL(scr_push(&A, &scr_unnotified, NULL), MG_EPERM);
	CU_ASSERT_EQUAL(searches(), 0);
	A.sess.role = (enum session_role)role;
	CU_ASSERT_EQUAL(scr_push(&A, &scr_unnotified, NULL), 0);
	CU_ASSERT_EQUAL(searches(), 1);
	close_fx();
}

/* The privacy rules hold: idle, the lock page shows nothing of the list;
 * the idle logout leaves the screen. */
static void test_idle_lock(void)
{
	struct db_resident child;
	int lock, logout;

	open_fx("scrun_idle", 1, 0, A_TODAY);
	child = *member(2);
	CU_ASSERT_EQUAL_FATAL(scr_push(&A, &scr_unnotified, NULL), 0);
	press(UI_K_F5);
	CU_ASSERT_TRUE_FATAL(shown(child.name, NULL, NULL));
	lock = scr_idle_lock_seconds(&A);
	logout = scr_idle_logout_seconds(&A);
	CU_ASSERT_FATAL(lock > 0 && logout > lock);
	scr_tick(&A, T0 + lock, WALL + lock);
	CU_ASSERT_TRUE(A.locked);
	CU_ASSERT_FALSE(shown(child.name, NULL, NULL));
	CU_ASSERT_FALSE(shown(child.atena_no, NULL, NULL));
	scr_tick(&A, T0 + logout, WALL + logout);
	CU_ASSERT_FALSE(A.logged_in);
	CU_ASSERT_PTR_NULL(scr_top(&A));
	CU_ASSERT_FALSE(shown(child.name, NULL, NULL));
	close_fx();
}

/* In English the screen reads from the English catalog. */
static void test_english(void)
{
	open_fx("scrun_en", 1, 1, A_TODAY);
	CU_ASSERT_EQUAL_FATAL(i18n_msg_init("en"), 0);
	CU_ASSERT_EQUAL_FATAL(scr_push(&A, &scr_unnotified, NULL), 0);
	CU_ASSERT_TRUE(shown("Missing 転入通知 list", NULL, NULL));
	CU_ASSERT_TRUE(shown("22 Apr 2025", NULL, NULL));
	CU_ASSERT_TRUE(shown("10 Apr 2025", NULL, NULL));
	CU_ASSERT_TRUE(shown("F5 Inquiry", NULL, NULL));
	CU_ASSERT_TRUE(shown("received 転入通知 are not applied", NULL, NULL));
	press(UI_K_F5);
	CU_ASSERT_TRUE(shown("Issued", NULL, NULL));
	close_fx();
	CU_ASSERT_EQUAL(i18n_msg_init(LANG0), 0);
}

TESTUTIL_REGISTER(scr_unnotified)
{
	static const struct testutil_case cases[] = {
		{ "menu row, list, 照会書, 照会 date on the row", test_list_and_letter },
		{ "F6 whole past, empty lists", test_whole_and_empty },
		{ "notice applied meanwhile: MG_ESTATE, nothing written", test_notice_applied_meanwhile },
		{ "registry failure: box, nothing written, list kept", test_registry_failure },
		{ "PERM_WORKFLOW needed", test_perm },
		{ "idle lock hides it, idle logout leaves it", test_idle_lock },
		{ "English texts", test_english },
		{ NULL, NULL }
	};

	testutil_suite("scr_unnotified", suite_init, suite_fini, cases);
}
