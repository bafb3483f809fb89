/*
 * test_scr_session.c — the screen stack with a real registry and real
 * operators: login (tries left, lockout), the menu by role, idle lock and
 * F12 (nothing of the work on the lock page, redrawn only after unlock),
 * idle logout (unsaved input discarded), sizes 80×24, smaller and larger.
 */
#include "tests/unit/testutil.h"
#include "tests/unit/scrtest.h"
#include "screens/cells.h"
#include "screens/scr.h"
#include "screens/scr_lock.h"
#include "screens/scr_login.h"
#include "screens/scr_menu.h"
#include "screens/ui.h"
#include "screens/wgt_field.h"
#include "app/app_ctx.h"
#include "app/auth.h"
#include "app/config.h"
#include "app/session.h"
#include "db/db.h"
#include "db/db_registry.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define T0 1000LL               /* monotonic start */
#define WALL 1742000000LL       /* a fixed clock */
#define CLERK_PW "correct-horse-1"
#define ADMIN_PW "admin-password-1"

/* One program over a fresh registry. */
struct fx {
	struct db *db;
	struct config cfg;
	struct app_ctx ctx;
	struct scr_app app;
	struct cells *c;
};

static struct fx F;

/* ---- a fixture screen showing resident data (what the lock must hide) ---- */

static int fixture_left;   /* leave handler ran */
static int fixture_keys;   /* keys it received */

struct fixture_st {
	struct wgt_field memo;   /* unsaved input */
};

/* Allocate the fixture's state. */
static int fixture_enter(struct scr_app *app, struct scr *s)
{
	struct fixture_st *st = calloc(1, sizeof *st);

	(void)app;
	if (!st)
		return MG_ENOMEM;
	wgt_field_init(&st->memo, WGT_FIELD_TEXT, 0);
	s->st = st;
	fixture_left = 0;
	fixture_keys = 0;
	return 0;
}

/* Count keys and type into the memo field. */
static int fixture_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct fixture_st *st = s->st;

	(void)app;
	fixture_keys++;
	if (k->code == UI_K_ESC)
		return SCR_HANDLED | SCR_CLOSE;
	return wgt_field_key(&st->memo, k) ? SCR_HANDLED | SCR_REDRAW : 0;
}

/* A resident's name, a 個人番号 and the memo. */
static void fixture_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows)
{
	struct fixture_st *st = s->st;

	(void)app;
	(void)rows;
	cells_text(c, 2, top + 1, 40, "住民　一郎", CELLS_R_NORMAL, 0);
	cells_text(c, 2, top + 2, 40, "123456789018", CELLS_R_NORMAL, 0);
	wgt_field_draw(&st->memo, c, 2, top + 3, 30, 1);
}

/* Mark that the screen was left and wipe its input. */
static void fixture_leave(struct scr_app *app, struct scr *s)
{
	struct fixture_st *st = s->st;

	(void)app;
	fixture_left = 1;
	wgt_field_wipe(&st->memo);
	free(st);
	s->st = NULL;
}

static const struct scr_ops fixture_ops = {
	.name = "fixture", .title_msgid = MSG("ui_menu_search"), .keys = NULL, .needs_session = 1,
	.enter = fixture_enter, .key = fixture_key, .tick = NULL, .draw = fixture_draw,
	.leave = fixture_leave,
};

/* ---- helpers --------------------------------------------------------- */

/* Open a fresh registry with a clerk and an admin, and start at the login page. */
static void fx_open(const char *name)
{
	const char *path = testutil_path(name);
	char wal[600];

	memset(&F, 0, sizeof F);
	unlink(path);
	snprintf(wal, sizeof wal, "%s-wal", path);
	unlink(wal);
	CU_ASSERT_EQUAL_FATAL(db_open(path, DB_OPEN_CREATE, &F.db), 0);
	CU_ASSERT_EQUAL_FATAL(db_registry_set_muni(F.db, "282146", "宝塚市", "兵庫県", "2025-01-01"), 0);
	config_defaults(&F.cfg);
	F.cfg.scrypt_log2_n = 10;
	F.cfg.lockout_threshold = 3;
	F.cfg.mode = CONFIG_MODE_TEST;
	snprintf(F.cfg.terminal_id, sizeof F.cfg.terminal_id, "T01");
	F.ctx.db = F.db;
	F.ctx.cfg = &F.cfg;
	F.ctx.terminal = "T01";
	snprintf(F.ctx.muni_code, sizeof F.ctx.muni_code, "282146");
	snprintf(F.ctx.muni_name, sizeof F.ctx.muni_name, "宝塚市");
	CU_ASSERT_EQUAL_FATAL(auth_operator_add(&F.ctx, "clerk1", "山田　花子", SESSION_ROLE_CLERK,
	                                        CLERK_PW), 0);
	CU_ASSERT_EQUAL_FATAL(auth_operator_add(&F.ctx, "admin1", "管理　次郎", SESSION_ROLE_ADMIN,
	                                        ADMIN_PW), 0);
	scr_app_init(&F.app, &F.ctx, &F.cfg);
	CU_ASSERT_EQUAL_FATAL(scr_start(&F.app, &scr_login, T0, WALL), 0);
	F.c = cells_new(80, 24);
	CU_ASSERT_PTR_NOT_NULL_FATAL(F.c);
}

/* Close everything of the fixture. */
static void fx_close(void)
{
	scr_app_fini(&F.app);
	cells_free(F.c);
	db_close(F.db);
	memset(&F, 0, sizeof F);
}

/* Send a key code. */
static void press(int code)
{
	scrtest_press(&F.app, code);
}

/* Type UTF-8 text. */
static void type(const char *s)
{
	scrtest_type(&F.app, s);
}

/* Draw the frame and return the whole screen as one string: every row
 * without its leading and trailing blanks, joined (wrapped text joins up). */
static const char *screen(void)
{
	return scrtest_screen(&F.app, F.c);
}

/* 1 when the drawn screen contains the text. */
static int shows(const char *text)
{
	return strstr(screen(), text) != NULL;
}

/* A catalog message with one argument. */
static const char *msg1(const char *key, const char *arg)
{
	static char buf[1024];
	const char *a[1] = { arg };

	i18n_msg_format(buf, sizeof buf, key, arg ? 1 : 0, a);
	return buf;
}

/* Log in through the form. */
static void login(const char *id, const char *pw)
{
	type(id);
	press(UI_K_ENTER);
	type(pw);
	press(UI_K_ENTER);
}

/* ---- tests ------------------------------------------------------------ */

static void t_login_page_layout(void)
{
	char row[512], clock[8];
	struct tm tm;
	time_t t = (time_t)WALL;
	int x, y;

	fx_open("login_layout.db");
	scr_draw(&F.app, F.c);
	cells_row(F.c, 1, row, sizeof row);
	CU_ASSERT_STRING_EQUAL(row + 1, msg1(MSG("ui_login_title"), NULL));
	CU_ASSERT(cells_find(F.c, i18n_msg(MSG("ui_login_id")), &x, &y));
	CU_ASSERT(cells_find(F.c, i18n_msg(MSG("ui_login_password")), NULL, NULL));
	/* Status bar: municipality, terminal, test badge, clock; no operator yet. */
	CU_ASSERT(cells_find(F.c, "宝塚市", &x, &y));
	CU_ASSERT_EQUAL(y, 0);
	CU_ASSERT(cells_find(F.c, "T01", NULL, &y));
	CU_ASSERT_EQUAL(y, 0);
	CU_ASSERT(cells_find(F.c, i18n_msg(MSG("ui_badge_test")), NULL, NULL));
	localtime_r(&t, &tm);
	snprintf(clock, sizeof clock, "%02d:%02d", tm.tm_hour, tm.tm_min);
	CU_ASSERT(cells_find(F.c, clock, &x, &y));
	CU_ASSERT_EQUAL(x, 74);
	CU_ASSERT_FALSE(cells_find(F.c, i18n_msg(MSG("ui_badge_capture")), NULL, NULL));
	/* Key bar on the last row, generated from the global keys + the login table. */
	cells_row(F.c, 23, row, sizeof row);
	{
		char expect[512];

		snprintf(expect, sizeof expect, "F1 %s  F10 %s  Esc %s  F3 %s", i18n_msg(MSG("ui_key_help")),
		         i18n_msg(MSG("ui_login_key_login")), i18n_msg(MSG("ui_login_key_clear")),
		         i18n_msg(MSG("ui_login_key_quit")));
		CU_ASSERT_STRING_EQUAL(row, expect);
	}
	CU_ASSERT_FALSE(cells_find(F.c, "F12", NULL, NULL));   /* 離席 only when logged in */
	/* The cursor is in the operator id field. */
	CU_ASSERT(F.c->cur_visible);
	fx_close();
}

static void t_login_ok_opens_menu(void)
{
	fx_open("login_ok.db");
	type("clerk1");
	press(UI_K_ENTER);
	type(CLERK_PW);
	/* The password is never on screen, only stars. */
	CU_ASSERT_FALSE(shows("correct"));
	CU_ASSERT(shows("clerk1"));
	CU_ASSERT(shows("***************"));
	CU_ASSERT_FALSE(shows("****************"));
	press(UI_K_ENTER);
	CU_ASSERT(F.app.logged_in);
	CU_ASSERT_PTR_EQUAL(F.ctx.sess, &F.app.sess);
	CU_ASSERT_PTR_EQUAL(scr_top(&F.app)->ops, &scr_menu);
	CU_ASSERT_STRING_EQUAL(F.app.sess.operator_id, "clerk1");
	CU_ASSERT(shows("山田　花子"));
	CU_ASSERT(shows(i18n_msg(MSG("ui_menu_tennyu"))));
	CU_ASSERT(shows(i18n_msg(MSG("ui_menu_search"))));
	CU_ASSERT(shows(i18n_msg(MSG("ui_menu_deliver"))));
	CU_ASSERT_FALSE(shows(i18n_msg(MSG("ui_menu_operators"))));
	CU_ASSERT_FALSE(shows(i18n_msg(MSG("ui_menu_audit"))));
	CU_ASSERT(cells_find(F.c, "F12", NULL, NULL));
	/* F9 logs out: back to an empty login page. */
	press(UI_K_F9);
	CU_ASSERT_FALSE(F.app.logged_in);
	CU_ASSERT_PTR_NULL(F.ctx.sess);
	CU_ASSERT_PTR_EQUAL(scr_top(&F.app)->ops, &scr_login);
	CU_ASSERT_FALSE(shows("山田"));
	CU_ASSERT_FALSE(shows("clerk1"));
	fx_close();
}

static void t_login_wrong_tries_and_lockout(void)
{
	fx_open("login_wrong.db");
	login("clerk1", "wrong-password-1");
	CU_ASSERT_FALSE(F.app.logged_in);
	CU_ASSERT(shows(msg1(MSG("ui_login_failed_tries"), "2")));
	/* The id stays, the password is wiped, the focus is on the password. */
	CU_ASSERT(shows("clerk1"));
	CU_ASSERT_FALSE(shows("*"));
	type("wrong-password-2");
	press(UI_K_ENTER);
	CU_ASSERT(shows(msg1(MSG("ui_login_failed_last"), NULL)));
	type("wrong-password-3");
	press(UI_K_ENTER);
	CU_ASSERT(shows(msg1(MSG("ui_login_locked"), NULL)));
	/* Locked: even the right password is refused. */
	type(CLERK_PW);
	press(UI_K_F10);
	CU_ASSERT_FALSE(F.app.logged_in);
	CU_ASSERT(shows(msg1(MSG("ui_login_locked"), NULL)));
	/* An unknown id gets the same answer as a wrong password. */
	press(UI_K_ESC);
	CU_ASSERT_FALSE(shows("clerk1"));
	login("nobody", "whatever-pw-1");
	CU_ASSERT(shows(msg1(MSG("ui_login_failed_tries"), "3")));
	/* Empty fields: the form says what is missing, nothing is tried. */
	press(UI_K_ESC);
	press(UI_K_F10);
	CU_ASSERT(shows(i18n_msg(MSG("ui_field_required"))));
	fx_close();
}

static void t_menu_by_role_and_unavailable(void)
{
	fx_open("menu_admin.db");
	login("admin1", ADMIN_PW);
	CU_ASSERT(F.app.logged_in);
	CU_ASSERT(shows(i18n_msg(MSG("ui_menu_operators"))));
	CU_ASSERT(shows(i18n_msg(MSG("ui_menu_settings"))));
	CU_ASSERT_FALSE(shows(i18n_msg(MSG("ui_menu_tennyu"))));
	CU_ASSERT_FALSE(shows(i18n_msg(MSG("ui_menu_search"))));
	/* Number key 1 (operators) opens the operators screen; Esc goes back. */
	type("1");
	CU_ASSERT_FALSE(F.app.dialog.open);
	CU_ASSERT_STRING_EQUAL(scr_top(&F.app)->ops->name, "operators");
	press(UI_K_ESC);
	CU_ASSERT_PTR_EQUAL(scr_top(&F.app)->ops, &scr_menu);
	/* Logout is key 0 wherever its row is; the number of its place does nothing. */
	{
		char row[96], digit[2];
		int x0, y0, x, y;

		snprintf(row, sizeof row, " 0  %s", i18n_msg(MSG("ui_menu_logout")));
		CU_ASSERT_TRUE_FATAL(cells_find(F.c, i18n_msg(MSG("ui_menu_operators")), &x0, &y0));
		CU_ASSERT_TRUE_FATAL(cells_find(F.c, row, &x, &y));
		CU_ASSERT_TRUE_FATAL(y > y0 && y - y0 < 9);
		digit[0] = (char)('1' + (y - y0));
		digit[1] = '\0';
		type(digit);
		CU_ASSERT(F.app.logged_in);
		CU_ASSERT_PTR_EQUAL(scr_top(&F.app)->ops, &scr_menu);
		type("0");
		CU_ASSERT_FALSE(F.app.logged_in);
		login("admin1", ADMIN_PW);
		CU_ASSERT_TRUE_FATAL(F.app.logged_in);
	}
	/* Down + Enter on the logout row. */
	press(UI_K_END);
	press(UI_K_ENTER);
	CU_ASSERT_FALSE(F.app.logged_in);
	fx_close();
}

static void t_idle_lock_hides_and_restores(void)
{
	fx_open("idle_lock.db");
	login("clerk1", CLERK_PW);
	CU_ASSERT_EQUAL_FATAL(scr_push(&F.app, &fixture_ops, NULL), 0);
	type("メモ");
	CU_ASSERT(shows("住民　一郎"));
	CU_ASSERT(shows("123456789018"));
	/* One second before the idle time: still open. */
	scr_tick(&F.app, T0 + 59, WALL + 59);
	CU_ASSERT_FALSE(F.app.locked);
	CU_ASSERT_EQUAL(scr_tick(&F.app, T0 + 60, WALL + 60), 1);
	CU_ASSERT(F.app.locked);
	CU_ASSERT(F.app.wipe);
	/* The lock page shows nothing of the work, nor the operator's name. */
	CU_ASSERT_FALSE(shows("住民"));
	CU_ASSERT_FALSE(shows("1234"));
	CU_ASSERT_FALSE(shows("メモ"));
	CU_ASSERT_FALSE(shows("山田"));
	CU_ASSERT(shows(i18n_msg(MSG("ui_lock_heading"))));
	CU_ASSERT(shows("clerk1"));
	/* Keys go to the lock page, not to the screen under it. */
	fixture_keys = 0;
	type("wrong-password-1");
	press(UI_K_ENTER);
	CU_ASSERT_EQUAL(fixture_keys, 0);
	CU_ASSERT(F.app.locked);
	CU_ASSERT(shows(i18n_msg(MSG("ui_lock_wrong_password"))));
	CU_ASSERT_FALSE(shows("wrong"));
	/* The right password: the work comes back from state, as it was. */
	type(CLERK_PW);
	press(UI_K_ENTER);
	CU_ASSERT_FALSE(F.app.locked);
	CU_ASSERT(shows("住民　一郎"));
	CU_ASSERT(shows("メモ"));
	CU_ASSERT_FALSE(fixture_left);
	fx_close();
}

static void t_f12_and_suspend_lock_at_once(void)
{
	struct ui_key k = { UI_K_SUSPEND, 0 };

	fx_open("f12.db");
	/* Not logged in: F12 does nothing. */
	press(UI_K_F12);
	CU_ASSERT_FALSE(F.app.locked);
	login("clerk1", CLERK_PW);
	CU_ASSERT_EQUAL_FATAL(scr_push(&F.app, &fixture_ops, NULL), 0);
	/* A box with resident data is not drawn over the lock page either. */
	scr_message(&F.app, WGT_DIALOG_INFO, NULL, NULL, NULL);
	snprintf(F.app.dialog.cause, sizeof F.app.dialog.cause, "住民　一郎");
	F.app.now = T0 + 3;
	press(UI_K_F12);
	CU_ASSERT(F.app.locked);
	CU_ASSERT_FALSE(shows("住民"));
	/* Help on the lock page lists the lock page's keys only. */
	press(UI_K_F1);
	CU_ASSERT(shows(i18n_msg(MSG("ui_help_title"))));
	CU_ASSERT(shows(i18n_msg(MSG("ui_lock_key_unlock"))));
	CU_ASSERT_FALSE(shows("住民"));
	press(UI_K_ESC);
	type(CLERK_PW);
	press(UI_K_ENTER);
	CU_ASSERT_FALSE(F.app.locked);
	CU_ASSERT(shows("住民　一郎"));
	F.app.dialog.open = 0;
	/* SIGTSTP (suspend) locks first. */
	scr_key(&F.app, &k);
	CU_ASSERT(F.app.locked);
	CU_ASSERT_FALSE(shows("住民"));
	fx_close();
}

static void t_idle_logout_discards_input(void)
{
	fx_open("idle_logout.db");
	login("clerk1", CLERK_PW);
	CU_ASSERT_EQUAL_FATAL(scr_push(&F.app, &fixture_ops, NULL), 0);
	type("未保存");
	scr_tick(&F.app, T0 + 60, WALL + 60);
	CU_ASSERT(F.app.locked);
	scr_tick(&F.app, T0 + 599, WALL + 599);
	CU_ASSERT(F.app.logged_in);
	CU_ASSERT_EQUAL(scr_tick(&F.app, T0 + 600, WALL + 600), 1);
	CU_ASSERT_FALSE(F.app.logged_in);
	CU_ASSERT_FALSE(F.app.locked);
	CU_ASSERT(fixture_left);
	CU_ASSERT_PTR_NULL(F.ctx.sess);
	CU_ASSERT_EQUAL(F.app.depth, 1);
	CU_ASSERT_PTR_EQUAL(scr_top(&F.app)->ops, &scr_login);
	CU_ASSERT(shows(msg1(MSG("ui_notice_idle_logout"), NULL)));
	CU_ASSERT_FALSE(shows("未保存"));
	CU_ASSERT_FALSE(shows("山田"));
	fx_close();
}

static void t_wrong_unlocks_lock_the_account(void)
{
	fx_open("unlock_wrong.db");
	login("clerk1", CLERK_PW);
	press(UI_K_F12);
	for (int i = 0; i < 3; i++) {
		type("not-the-password");
		press(UI_K_ENTER);
	}
	/* The account locked itself: logged out, told why. */
	CU_ASSERT_FALSE(F.app.logged_in);
	CU_ASSERT_FALSE(F.app.locked);
	CU_ASSERT(shows(msg1(MSG("ui_notice_locked_out"), NULL)));
	login("clerk1", CLERK_PW);
	CU_ASSERT_FALSE(F.app.logged_in);
	/* F9 on the lock page logs out (another operator takes the terminal). */
	press(UI_K_ESC);
	login("admin1", ADMIN_PW);
	CU_ASSERT(F.app.logged_in);
	press(UI_K_F12);
	press(UI_K_F9);
	CU_ASSERT_FALSE(F.app.logged_in);
	CU_ASSERT_PTR_EQUAL(scr_top(&F.app)->ops, &scr_login);
	fx_close();
}

static void t_small_and_large_terminals(void)
{
	char expect[64];
	int x, y;

	fx_open("sizes.db");
	/* 79×24: only the "too small" page; keys do not reach hidden screens. */
	cells_resize(F.c, 79, 24);
	snprintf(expect, sizeof expect, "%d", 79);
	CU_ASSERT(shows(expect));
	CU_ASSERT_FALSE(shows(i18n_msg(MSG("ui_login_id"))));
	type("clerk1");
	cells_resize(F.c, 80, 24);
	CU_ASSERT_FALSE(shows("clerk1"));
	/* 120×40: the same layout stretched: key bar on row 39, clock at the right. */
	cells_resize(F.c, 120, 40);
	login("clerk1", CLERK_PW);
	scr_draw(&F.app, F.c);
	CU_ASSERT(cells_find(F.c, "F12", &x, &y));
	CU_ASSERT_EQUAL(y, 39);
	CU_ASSERT(cells_find(F.c, "山田　花子", NULL, &y));
	CU_ASSERT_EQUAL(y, 0);
	CU_ASSERT(cells_find(F.c, i18n_msg(MSG("ui_menu_tennyu")), NULL, NULL));
	/* Back to 80×24 (a resize in the middle of work keeps the state). */
	cells_resize(F.c, 80, 24);
	CU_ASSERT(shows(i18n_msg(MSG("ui_menu_tennyu"))));
	fx_close();
}

static void t_resize_keeps_the_login_form(void)
{
	struct ui_key k = { UI_K_RESIZE, 0 };

	fx_open("resize.db");
	type("clerk1");
	press(UI_K_TAB);
	type("corr");
	CU_ASSERT_EQUAL(scr_key(&F.app, &k), 1);
	cells_resize(F.c, 100, 30);
	CU_ASSERT(shows("clerk1"));
	CU_ASSERT(shows("****"));
	type("ect-horse-1");
	press(UI_K_ENTER);
	CU_ASSERT(F.app.logged_in);
	fx_close();
}

/*
 * rv5 L5: bytes that are not UTF-8 (UI_K_BADINPUT) put the message on the
 * title row; the characters of the same burst still reach the field and
 * keep it there; the next other key takes it away. The field is not touched
 * by the event itself.
 */
static void t_bad_input_says_so(void)
{
	const char *msg;

	fx_open("badinput.db");
	msg = i18n_msg(MSG("ui_input_not_utf8"));
	CU_ASSERT_FALSE(shows(msg));
	type("X");
	press(UI_K_BADINPUT);
	CU_ASSERT(shows(msg));
	type("CDE");
	CU_ASSERT(shows(msg));
	CU_ASSERT(shows("XCDE"));
	press(UI_K_TAB);
	CU_ASSERT_FALSE(shows(msg));
	CU_ASSERT(shows(i18n_msg(MSG("ui_login_id"))));
	/* A lock takes it away too. */
	press(UI_K_ESC);
	login("clerk1", CLERK_PW);
	CU_ASSERT_FATAL(F.app.logged_in);
	press(UI_K_BADINPUT);
	CU_ASSERT(shows(msg));
	scr_lock_now(&F.app);
	CU_ASSERT_FALSE(shows(msg));
	fx_close();
}

TESTUTIL_REGISTER(scr_session)
{
	static const struct testutil_case cases[] = {
		{ "login_page_layout", t_login_page_layout },
		{ "login_ok_opens_menu", t_login_ok_opens_menu },
		{ "login_wrong_tries_and_lockout", t_login_wrong_tries_and_lockout },
		{ "menu_by_role_and_unavailable", t_menu_by_role_and_unavailable },
		{ "idle_lock_hides_and_restores", t_idle_lock_hides_and_restores },
		{ "f12_and_suspend_lock_at_once", t_f12_and_suspend_lock_at_once },
		{ "idle_logout_discards_input", t_idle_logout_discards_input },
		{ "wrong_unlocks_lock_the_account", t_wrong_unlocks_lock_the_account },
		{ "small_and_large_terminals", t_small_and_large_terminals },
		{ "resize_keeps_the_login_form", t_resize_keeps_the_login_form },
		{ "bad_input_says_so", t_bad_input_says_so },
		{ NULL, NULL }
	};
	testutil_suite("scr_session", NULL, NULL, cases);
}
