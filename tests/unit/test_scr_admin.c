/*
 * test_scr_admin.c — the supervisor and administrator screens laid out into
 * cells with a real registry and real operators: the menu opens them by
 * role; 操作ログ点検 verifies the chain (intact, then a row changed behind
 * the program's back is named) and shows the monthly review (current month
 * by default, 和暦 input, stepping, scrolling; both logged as review rows);
 * 操作者管理 adds an operator (role chosen, password twice and masked, weak
 * and mismatched passwords refused and wiped, duplicate id), locks and
 * unlocks (never the admin's own account), resets a password; 設定 shows
 * the effective configuration read only; the --config/--db reading of a
 * command line; every screen at 80×24, larger and after a resize.
 */
#include "tests/unit/testutil.h"
#include "tests/unit/scrtest.h"
#include "tests/unit/wftest.h"
#include "screens/cells.h"
#include "screens/scr.h"
#include "screens/scr_audit.h"
#include "screens/scr_menu.h"
#include "screens/scr_operators.h"
#include "screens/scr_settings.h"
#include "screens/ui.h"
#include "app/app_ctx.h"
#include "app/audit.h"
#include "app/auth.h"
#include "app/config.h"
#include "app/session.h"
#include "app/view_admin.h"
#include "db/db.h"
#include "db/db_operator.h"
#include "db/db_registry.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#define T0 7000LL
#define ADMIN_PW "admin-password-1"
#define SUP_PW "super-visor-pw-1"
#define CLERK_PW "correct-horse-1"
#define NEW_PW "new-clerk-pass-1"

/* One program over a fresh registry with an admin, a supervisor and a clerk. */
struct fx {
	struct db *db;
	struct config cfg;
	struct app_ctx ctx;
	struct scr_app app;
	struct cells *c;
};

static struct fx F;

/* ---- helpers --------------------------------------------------------- */

/* Open a fresh registry with the three operators; nobody logged in yet. */
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
	F.cfg.mode = CONFIG_MODE_TEST;
	snprintf(F.cfg.terminal_id, sizeof F.cfg.terminal_id, "T01");
	F.ctx.db = F.db;
	F.ctx.cfg = &F.cfg;
	F.ctx.terminal = "T01";
	snprintf(F.ctx.muni_code, sizeof F.ctx.muni_code, "282146");
	snprintf(F.ctx.muni_name, sizeof F.ctx.muni_name, "宝塚市");
	CU_ASSERT_EQUAL_FATAL(auth_operator_add(&F.ctx, "admin1", "管理　次郎", SESSION_ROLE_ADMIN,
	                                        ADMIN_PW), 0);
	CU_ASSERT_EQUAL_FATAL(auth_operator_add(&F.ctx, "sup1", "監督　花子",
	                                        SESSION_ROLE_SUPERVISOR, SUP_PW), 0);
	CU_ASSERT_EQUAL_FATAL(auth_operator_add(&F.ctx, "clerk1", "山田　太郎", SESSION_ROLE_CLERK,
	                                        CLERK_PW), 0);
	scr_app_init(&F.app, &F.ctx, &F.cfg);
	F.app.now = F.app.last_input = T0;
	F.app.wall = (long long)time(NULL);   /* the log's rows carry the real time */
	F.c = cells_new(80, 24);
	CU_ASSERT_PTR_NOT_NULL_FATAL(F.c);
}

/* Log in as id (session_login, as the login page does) and show the menu. */
static void fx_login(const char *id, const char *pw)
{
	struct session s;

	memset(&s, 0, sizeof s);
	CU_ASSERT_EQUAL_FATAL(session_login(&F.ctx, id, pw, &s, NULL), 0);
	scr_login_done(&F.app, &s);
	CU_ASSERT_EQUAL_FATAL(scr_push(&F.app, &scr_menu, NULL), 0);
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

/* Draw the frame; the whole screen as one string (rows trimmed and joined). */
static const char *screen(void)
{
	return scrtest_screen(&F.app, F.c);
}

/*
 * 1 when the open box (drawn) contains the text: the inside of every framed
 * row, trimmed and joined, so wrapped causes and remedies read as one text.
 */
static int boxed(const char *text)
{
	static char all[16 * 1024];
	char row[4096];
	size_t len = 0;

	scr_draw(&F.app, F.c);
	all[0] = 0;
	for (int y = 0; y < F.c->h; y++) {
		char *a, *b;
		size_t n;

		cells_row(F.c, y, row, sizeof row);
		a = strchr(row, '|');
		b = strrchr(row, '|');
		if (!a || a == b)
			continue;
		*b = 0;
		for (a++; *a == ' '; a++)
			;
		n = strlen(a);
		while (n > 0 && a[n - 1] == ' ')
			a[--n] = 0;
		if (len + n + 1 < sizeof all) {
			memcpy(all + len, a, n + 1);
			len += n;
		}
	}
	return strstr(all, text) != NULL;
}

/* 1 when the drawn screen contains the text. */
static int shows(const char *text)
{
	return strstr(screen(), text) != NULL;
}

/* A catalog message with up to three arguments (static buffer per call slot). */
static const char *msg(const char *key, const char *a0, const char *a1, const char *a2)
{
	static char buf[4][1024];
	static int slot;
	const char *a[3] = { a0, a1, a2 };
	char *b = buf[slot++ % 4];

	i18n_msg_format(b, 1024, key, 3, a);
	return b;
}

/* The text of the first row holding needle ("" when none). */
static const char *row_with(const char *needle)
{
	static char row[4096];
	int x, y;

	row[0] = 0;
	scr_draw(&F.app, F.c);
	if (cells_find(F.c, needle, &x, &y))
		cells_row(F.c, y, row, sizeof row);
	return row;
}

/* The name of the top screen. */
static const char *top_name(void)
{
	struct scr *s = scr_top(&F.app);

	return s ? s->ops->name : "";
}

/* An integer from the registry (one-value query); -1 on error. */
static long long q_int(const char *sql)
{
	return wftest_count(F.db, "%s", sql);
}

/* Rows of the log with this action and detail. */
static long long audit_rows(const char *action, const char *detail)
{
	char sql[640];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action='%s' AND detail='%s'",
	         action, detail);
	return q_int(sql);
}

/* "HH:MM" of the program's wall clock (the verdict's time). */
static const char *hm_now(void)
{
	static char hm[16];
	time_t t = (time_t)F.app.wall;
	struct tm tm;

	localtime_r(&t, &tm);
	snprintf(hm, sizeof hm, "%02d:%02d", tm.tm_hour, tm.tm_min);
	return hm;
}

/* Rows of operator id that fall outside office hours (the report's rule). */
static int off_hours_of(const char *id)
{
	sqlite3_stmt *st = db_stmt(F.db, "SELECT at FROM audit WHERE operator=?1");
	int n = 0;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (!config_is_office_time(&F.cfg, sqlite3_column_int64(st, 0)))
			n++;
	sqlite3_reset(st);
	return n;
}

/* This month as "YYYY-MM" and its catalog form. */
static void this_month(char *iso, size_t cap, char *shown_month, size_t cap2)
{
	time_t t = time(NULL);
	struct tm tm;
	char y[16], m[16];

	localtime_r(&t, &tm);
	snprintf(iso, cap, "%04d-%02d", tm.tm_year + 1900, tm.tm_mon + 1);
	snprintf(y, sizeof y, "%04d", tm.tm_year + 1900);
	snprintf(m, sizeof m, "%d", tm.tm_mon + 1);
	snprintf(shown_month, cap2, "%s", msg(MSG("adm_au_month"), y, m, NULL));
}

/* ---- the menu --------------------------------------------------------- */

/* The admin's rows 1 and 2 open 操作者管理 and 設定; the supervisor's row 7 opens 点検. */
static void t_menu_opens_screens(void)
{
	fx_open("adm_menu.db");
	fx_login("admin1", ADMIN_PW);
	type("1");
	CU_ASSERT_FALSE(F.app.dialog.open);
	CU_ASSERT_STRING_EQUAL(top_name(), "operators");
	press(UI_K_ESC);
	CU_ASSERT_PTR_EQUAL(scr_top(&F.app)->ops, &scr_menu);
	type("2");
	CU_ASSERT_STRING_EQUAL(top_name(), "settings");
	press(UI_K_ESC);
	CU_ASSERT_PTR_EQUAL(scr_top(&F.app)->ops, &scr_menu);
	fx_close();

	fx_open("adm_menu2.db");
	fx_login("sup1", SUP_PW);
	CU_ASSERT(shows(i18n_msg(MSG("ui_menu_audit"))));
	CU_ASSERT_FALSE(shows(i18n_msg(MSG("ui_menu_operators"))));
	type("7");
	CU_ASSERT_FALSE(F.app.dialog.open);
	CU_ASSERT_STRING_EQUAL(top_name(), "audit");
	press(UI_K_ESC);
	CU_ASSERT_PTR_EQUAL(scr_top(&F.app)->ops, &scr_menu);
	fx_close();
}

/* A role without the permission cannot open the screens even when pushed directly. */
static void t_roles_refused(void)
{
	fx_open("adm_roles.db");
	fx_login("clerk1", CLERK_PW);
	CU_ASSERT_EQUAL(scr_push(&F.app, &scr_operators, NULL), MG_EPERM);
	CU_ASSERT_EQUAL(scr_push(&F.app, &scr_settings, NULL), MG_EPERM);
	CU_ASSERT_PTR_EQUAL(scr_top(&F.app)->ops, &scr_menu);
	/* The audit page opens, but its actions are refused by audit_*. */
	CU_ASSERT_EQUAL_FATAL(scr_push(&F.app, &scr_audit, NULL), 0);
	press(UI_K_F5);
	CU_ASSERT(boxed(i18n_msg(mg_rc_msgid(MG_EPERM))));
	CU_ASSERT_EQUAL(q_int("SELECT count(*) FROM audit WHERE action='review'"), 0);
	fx_close();
}

/* ---- 操作ログ点検 -------------------------------------------------------- */

/* Verify: intact with its row count; then a changed row is named, with the trigger warning. */
static void t_audit_verify(void)
{
	char rows[24], sql[256];
	long long n;

	fx_open("adm_verify.db");
	fx_login("sup1", SUP_PW);
	CU_ASSERT_EQUAL_FATAL(scr_push(&F.app, &scr_audit, NULL), 0);
	CU_ASSERT(shows(i18n_msg(MSG("adm_au_not_run"))));
	n = q_int("SELECT count(*) FROM audit");
	CU_ASSERT(n >= 4);
	press(UI_K_F5);
	snprintf(rows, sizeof rows, "%lld", n);
	CU_ASSERT(shows(msg(MSG("adm_au_ok"), rows, hm_now(), NULL)));
	CU_ASSERT_FALSE(F.app.dialog.open);
	CU_ASSERT_FALSE(shows(i18n_msg(MSG("adm_au_no_triggers"))));
	snprintf(sql, sizeof sql, "verify=ok rows=%lld", n);
	CU_ASSERT_EQUAL(audit_rows("review", sql), 1);
	/* Behind the program's back: triggers dropped, row 2 changed. */
	CU_ASSERT_EQUAL_FATAL(db_exec(F.db, "DROP TRIGGER audit_no_update; DROP TRIGGER "
	                                    "audit_no_delete; UPDATE audit SET target='X' "
	                                    "WHERE seq=2"), 0);
	press(UI_K_F5);
	/* The error box names the row and why, and gives the remedy. */
	CU_ASSERT(boxed(i18n_msg(MSG("adm_au_bad_title"))));
	CU_ASSERT(boxed(i18n_msg(MSG("adm_au_bad_remedy"))));
	CU_ASSERT(boxed(msg(MSG("adm_au_bad"), "2", hm_now(), i18n_msg(MSG("audit_bad_content")))));
	press(UI_K_ENTER);
	/* The verdict stays on the page, in the error role, with the trigger warning. */
	{
		int x, y;

		CU_ASSERT(shows(msg(MSG("adm_au_bad"), "2", hm_now(),
		                    i18n_msg(MSG("audit_bad_content")))));
		CU_ASSERT(shows(i18n_msg(MSG("adm_au_no_triggers"))));
		CU_ASSERT(cells_find(F.c, "#2", &x, &y));
		CU_ASSERT_EQUAL(CELLS_ROLE(cells_at(F.c, x, y)->attr), CELLS_R_ERROR);
	}
	CU_ASSERT_EQUAL(audit_rows("review", "verify=bad seq=2"), 1);
	CU_ASSERT_STRING_EQUAL(top_name(), "audit");
	fx_close();
}

/* The review: current month by default, operators' counts, 和暦 input, stepping, logging. */
static void t_audit_report(void)
{
	char iso[32], month[64], detail[48], num[24], line[1024];
	long long n;
	int off;

	fx_open("adm_report.db");
	fx_login("sup1", SUP_PW);
	CU_ASSERT_EQUAL_FATAL(scr_push(&F.app, &scr_audit, NULL), 0);
	this_month(iso, sizeof iso, month, sizeof month);
	CU_ASSERT(shows(iso));                     /* the field holds the current month */
	CU_ASSERT(shows(i18n_msg(MSG("adm_au_no_report"))));
	n = q_int("SELECT count(*) FROM audit");
	off = off_hours_of("sup1");
	press(UI_K_F6);
	snprintf(num, sizeof num, "%lld", n);
	CU_ASSERT(shows(msg(MSG("adm_au_rep_title"), month, num, NULL)));
	CU_ASSERT(shows(i18n_msg(MSG("adm_au_rep_ops"))));
	/* sup1 logged in once this month and did nothing else. */
	{
		char offs[16];
		const char *a[9] = { "sup1", "0", "0", "0", "0", "1", "0", "0", offs };

		snprintf(offs, sizeof offs, "%d", off);
		CU_ASSERT(i18n_msg_format(line, sizeof line, MSG("adm_au_rep_op"), 9, a) > 0);
		CU_ASSERT(shows(line + 2));
	}
	CU_ASSERT(shows(msg(MSG("adm_au_rep_failures"), "0", NULL, NULL)));
	snprintf(detail, sizeof detail, "report=%s", iso);
	CU_ASSERT_EQUAL(audit_rows("review", detail), 1);
	/* Nothing of it was written anywhere but the review row. */
	CU_ASSERT_EQUAL(q_int("SELECT count(*) FROM audit WHERE action='review'"), 1);
	/* A bad month is refused under the field; nothing is logged. */
	press(UI_K_CTRL_U);
	type("2025-13");
	press(UI_K_F6);
	CU_ASSERT(shows(i18n_msg(MSG("adm_au_err_month"))));
	CU_ASSERT_EQUAL(q_int("SELECT count(*) FROM audit WHERE action='review'"), 1);
	/* 和暦 and full-width input. */
	press(UI_K_CTRL_U);
	type("令和7年3月");
	press(UI_K_ENTER);
	CU_ASSERT(shows("2025-03"));
	CU_ASSERT(shows(msg(MSG("adm_au_month"), "2025", "3", NULL)));
	CU_ASSERT_EQUAL(audit_rows("review", "report=2025-03"), 1);
	CU_ASSERT(shows(msg(MSG("adm_au_rep_failures"), "0", NULL, NULL)));
	press(UI_K_F7);
	CU_ASSERT(shows("2025-02"));
	CU_ASSERT_EQUAL(audit_rows("review", "report=2025-02"), 1);
	press(UI_K_CTRL_U);
	type("２０２５／１");
	press(UI_K_F8);
	CU_ASSERT(shows("2025-02"));
	CU_ASSERT_EQUAL(audit_rows("review", "report=2025-02"), 2);
	press(UI_K_F7);
	press(UI_K_F7);
	CU_ASSERT(shows("2024-12"));
	/* Esc with a typed month asks first; "no" stays. */
	type("x");
	press(UI_K_ESC);
	CU_ASSERT(shows(i18n_msg(MSG("adm_discard_text"))));
	press(UI_K_ESC);
	CU_ASSERT_STRING_EQUAL(top_name(), "audit");
	press(UI_K_BACKSPACE);
	press(UI_K_F6);
	press(UI_K_ESC);
	CU_ASSERT_PTR_EQUAL(scr_top(&F.app)->ops, &scr_menu);
	fx_close();
}

/* A long review scrolls; the hint says from which line; a resize keeps it. */
static void t_audit_scroll_and_sizes(void)
{
	struct app_ctx sys;
	char first[1024], n[24];

	fx_open("adm_scroll.db");
	sys = F.ctx;
	sys.sess = NULL;
	for (int i = 0; i < 40; i++)
		CU_ASSERT_EQUAL_FATAL(audit_log(&sys, AUDIT_LOGIN_FAILED, "clerk1", "reason=password"), 0);
	fx_login("sup1", SUP_PW);
	CU_ASSERT_EQUAL_FATAL(scr_push(&F.app, &scr_audit, NULL), 0);
	press(UI_K_F6);
	/* 3 head lines, 2 operators, 3 sections of blank + head + items (40 failures). */
	CU_ASSERT(shows(msg(MSG("adm_au_scroll"), "1", "53", NULL)));
	snprintf(first, sizeof first, "%s", row_with(i18n_msg(MSG("adm_au_rep_ops"))));
	CU_ASSERT(first[0] != 0);
	press(UI_K_PGDN);
	CU_ASSERT(shows(msg(MSG("adm_au_rep_failures"), "40", NULL, NULL)));
	CU_ASSERT_FALSE(shows(i18n_msg(MSG("adm_au_rep_ops"))));
	CU_ASSERT_FALSE(shows(msg(MSG("adm_au_scroll"), "1", "53", NULL)));
	CU_ASSERT_FALSE(shows("reason"));       /* details are never shown, only ids */
	press(UI_K_PGUP);
	CU_ASSERT(shows(i18n_msg(MSG("adm_au_rep_ops"))));
	press(UI_K_F5);
	snprintf(n, sizeof n, "%lld", q_int("SELECT count(*) FROM audit") - 1);
	/* Larger, then back to 80×24: the verdict and the report are kept. */
	CU_ASSERT_EQUAL(cells_resize(F.c, 120, 40), 0);
	CU_ASSERT(shows(msg(MSG("adm_au_ok"), n, hm_now(), NULL)));
	CU_ASSERT(shows(i18n_msg(MSG("adm_au_rep_ops"))));
	CU_ASSERT_EQUAL(cells_resize(F.c, 80, 24), 0);
	CU_ASSERT(shows(msg(MSG("adm_au_ok"), n, hm_now(), NULL)));
	CU_ASSERT(shows(i18n_msg(MSG("adm_au_rep_ops"))));
	CU_ASSERT(shows(msg(MSG("adm_au_scroll"), "1", "53", NULL)));
	/* Too small: only the notice; the state survives. */
	CU_ASSERT_EQUAL(cells_resize(F.c, 60, 20), 0);
	CU_ASSERT_FALSE(shows(i18n_msg(MSG("adm_au_rep_ops"))));
	CU_ASSERT_EQUAL(cells_resize(F.c, 80, 24), 0);
	CU_ASSERT(shows(i18n_msg(MSG("adm_au_rep_ops"))));
	fx_close();
}

/* A section lists at most 2000 rows and counts the rest. */
static void t_audit_cap(void)
{
	struct app_ctx sys;

	fx_open("adm_cap.db");
	sys = F.ctx;
	sys.sess = NULL;
	CU_ASSERT_EQUAL_FATAL(db_begin(F.db), 0);
	for (int i = 0; i < 2003; i++)
		CU_ASSERT_EQUAL_FATAL(audit_log(&sys, AUDIT_LOGIN_FAILED, "clerk1", "reason=password"), 0);
	CU_ASSERT_EQUAL_FATAL(db_commit(F.db), 0);
	fx_login("sup1", SUP_PW);
	CU_ASSERT_EQUAL_FATAL(scr_push(&F.app, &scr_audit, NULL), 0);
	press(UI_K_F6);
	for (int i = 0; i < 200; i++) {   /* a page is what the last frame showed */
		scr_draw(&F.app, F.c);
		press(UI_K_PGDN);
	}
	CU_ASSERT(shows(msg(MSG("adm_au_rep_more"), "3", NULL, NULL) + 2));
	CU_ASSERT(shows("#2003 "));               /* seq 4..2003: the first 2000 rows */
	CU_ASSERT_FALSE(shows("#2004 "));
	fx_close();
}

/* ---- 操作者管理 --------------------------------------------------------- */

/* The list shows each operator's role, state and failures. */
static void t_operators_list(void)
{
	const char *r;
	int x, y;

	fx_open("adm_oplist.db");
	CU_ASSERT_EQUAL(auth_check(&F.ctx, "clerk1", "wrong-password-1", NULL, NULL, NULL), MG_EAUTH);
	CU_ASSERT_EQUAL(auth_check(&F.ctx, "clerk1", "wrong-password-2", NULL, NULL, NULL), MG_EAUTH);
	fx_login("admin1", ADMIN_PW);
	CU_ASSERT_EQUAL_FATAL(scr_push(&F.app, &scr_operators, NULL), 0);
	CU_ASSERT(shows(i18n_msg(MSG("adm_op_col_state"))));
	r = row_with("clerk1");
	CU_ASSERT(strstr(r, "山田　太郎") != NULL);
	CU_ASSERT(strstr(r, i18n_msg(MSG("adm_role_clerk"))) != NULL);
	CU_ASSERT(strstr(r, i18n_msg(MSG("adm_op_state_active"))) != NULL);
	CU_ASSERT(strstr(r, "   2") != NULL);
	r = row_with("sup1");
	CU_ASSERT(strstr(r, i18n_msg(MSG("adm_role_supervisor"))) != NULL);
	r = row_with("admin1");
	CU_ASSERT(strstr(r, i18n_msg(MSG("adm_role_admin"))) != NULL);
	/* Rows in id order, the first one selected (reverse). */
	CU_ASSERT(cells_find(F.c, "admin1", &x, &y));
	CU_ASSERT(F.c->c[y * F.c->w + x].attr & CELLS_REVERSE);
	{
		int y2;

		CU_ASSERT(cells_find(F.c, "clerk1", NULL, &y2));
		CU_ASSERT_EQUAL(y2, y + 1);
		CU_ASSERT(cells_find(F.c, "sup1", NULL, &y2));
		CU_ASSERT_EQUAL(y2, y + 2);
	}
	/* The key bar at 80 columns. */
	{
		char bar[1024];

		cells_row(F.c, 23, bar, sizeof bar);
		CU_ASSERT(strstr(bar, "F2") != NULL);
		CU_ASSERT(strstr(bar, "F7") != NULL);
		CU_ASSERT(strstr(bar, i18n_msg(MSG("adm_op_key_passwd"))) != NULL);   /* not cut */
		CU_ASSERT(strstr(bar, "Esc") != NULL);
	}
	fx_close();
}

/* Add: weak and mismatched passwords refused and wiped, then a clerk is added and logged. */
static void t_operators_add(void)
{
	struct db_operator_row row;

	fx_open("adm_opadd.db");
	fx_login("admin1", ADMIN_PW);
	CU_ASSERT_EQUAL_FATAL(scr_push(&F.app, &scr_operators, NULL), 0);
	press(UI_K_F2);
	CU_ASSERT(shows(i18n_msg(MSG("adm_op_add_title"))));
	CU_ASSERT(shows(i18n_msg(MSG("adm_role_clerk"))));
	type("clerk2");
	press(UI_K_ENTER);
	type("新人　三郎");
	press(UI_K_ENTER);
	/* Role: → supervisor, → admin, ← ← clerk; typing does not change it. */
	press(UI_K_RIGHT);
	CU_ASSERT(shows(i18n_msg(MSG("adm_role_supervisor"))));
	press(UI_K_RIGHT);
	CU_ASSERT(shows(i18n_msg(MSG("adm_role_admin"))));
	type("zz");
	press(UI_K_BACKSPACE);
	CU_ASSERT(shows(i18n_msg(MSG("adm_role_admin"))));
	press(UI_K_LEFT);
	press(UI_K_LEFT);
	CU_ASSERT(shows(i18n_msg(MSG("adm_role_clerk"))));
	press(UI_K_ENTER);
	/* Too short: refused by auth, both fields wiped. */
	type("short");
	CU_ASSERT(shows("*****"));
	CU_ASSERT_FALSE(shows("short"));
	press(UI_K_ENTER);
	type("short");
	press(UI_K_ENTER);
	CU_ASSERT(shows(i18n_msg(MSG("adm_op_err_weak"))));
	CU_ASSERT_FALSE(shows("*****"));
	CU_ASSERT_EQUAL(q_int("SELECT count(*) FROM operator WHERE id='clerk2'"), 0);
	/* Two different passwords: refused before auth, wiped. */
	type(NEW_PW);
	press(UI_K_ENTER);
	type("other-clerk-pass-1");
	press(UI_K_F10);
	CU_ASSERT(shows(i18n_msg(MSG("adm_op_err_mismatch"))));
	CU_ASSERT_FALSE(shows("*****"));
	CU_ASSERT_EQUAL(q_int("SELECT count(*) FROM operator WHERE id='clerk2'"), 0);
	/* Right: back on the list with the new row selected. */
	type(NEW_PW);
	press(UI_K_ENTER);
	type(NEW_PW);
	press(UI_K_F10);
	CU_ASSERT_STRING_EQUAL(scr_top(&F.app)->ops->title_msgid, MSG("adm_op_title"));
	CU_ASSERT(shows(msg(MSG("adm_op_added"), "clerk2", "新人　三郎", NULL)));
	{
		int x, y;

		CU_ASSERT(cells_find(F.c, "clerk2", &x, &y));
		CU_ASSERT(F.c->c[y * F.c->w + x].attr & CELLS_REVERSE);
	}
	CU_ASSERT_EQUAL_FATAL(db_operator_get(F.db, "clerk2", &row), 0);
	CU_ASSERT_STRING_EQUAL(row.role, "clerk");
	CU_ASSERT_STRING_EQUAL(row.name, "新人　三郎");
	CU_ASSERT_EQUAL(row.locked, 0);
	CU_ASSERT_EQUAL(q_int("SELECT count(*) FROM audit WHERE action='operator' AND "
	                      "operator='admin1' AND target='clerk2' AND detail='add role=clerk'"), 1);
	CU_ASSERT_EQUAL(auth_check(&F.ctx, "clerk2", NEW_PW, NULL, NULL, NULL), 0);
	/* The same id again: refused under the id field. */
	press(UI_K_F2);
	type("clerk2");
	press(UI_K_ENTER);
	type("重複");
	press(UI_K_ENTER);
	press(UI_K_ENTER);
	type(NEW_PW);
	press(UI_K_ENTER);
	type(NEW_PW);
	press(UI_K_ENTER);
	CU_ASSERT(shows(i18n_msg(MSG("adm_op_err_exists"))));
	CU_ASSERT_FALSE(shows("*****"));
	/* A bad id is refused before anything is tried. */
	press(UI_K_CTRL_U);
	type("-bad id");
	press(UI_K_ENTER);
	press(UI_K_ENTER);
	press(UI_K_ENTER);
	type(NEW_PW);
	press(UI_K_ENTER);
	type(NEW_PW);
	press(UI_K_F10);
	CU_ASSERT(shows(i18n_msg(MSG("adm_op_err_id"))));
	CU_ASSERT_EQUAL(q_int("SELECT count(*) FROM operator"), 4);
	/* Esc asks before discarding; "no" stays, "yes" goes back to the list;
	 * letters typed ahead answer nothing. */
	press(UI_K_ESC);
	CU_ASSERT(shows(i18n_msg(MSG("adm_discard_text"))));
	press(UI_K_ESC);
	CU_ASSERT(shows(i18n_msg(MSG("adm_op_add_prompt"))));
	press(UI_K_ESC);
	type("yes");
	CU_ASSERT(shows(i18n_msg(MSG("adm_discard_text"))));
	CU_ASSERT_STRING_NOT_EQUAL(scr_top(&F.app)->ops->title_msgid, MSG("adm_op_title"));
	press(UI_K_F2);
	CU_ASSERT_STRING_EQUAL(scr_top(&F.app)->ops->title_msgid, MSG("adm_op_title"));
	CU_ASSERT_EQUAL(q_int("SELECT count(*) FROM operator"), 4);
	/* Opened again, the form is empty. */
	press(UI_K_F2);
	CU_ASSERT_FALSE(shows("-bad"));
	CU_ASSERT_FALSE(shows("重複"));
	press(UI_K_ESC);
	CU_ASSERT_STRING_EQUAL(scr_top(&F.app)->ops->title_msgid, MSG("adm_op_title"));
	fx_close();
}

/* Lock and unlock after a question; the admin's own account cannot be locked. */
static void t_operators_lock(void)
{
	struct db_operator_row row;

	fx_open("adm_oplock.db");
	fx_login("admin1", ADMIN_PW);
	CU_ASSERT_EQUAL_FATAL(scr_push(&F.app, &scr_operators, NULL), 0);
	/* admin1 (own account) is the first row. */
	press(UI_K_F5);
	CU_ASSERT(boxed(i18n_msg(MSG("adm_op_err_self_lock"))));
	CU_ASSERT(boxed(i18n_msg(MSG("adm_op_err_self_lock_remedy"))));
	press(UI_K_ENTER);
	CU_ASSERT_EQUAL_FATAL(db_operator_get(F.db, "admin1", &row), 0);
	CU_ASSERT_EQUAL(row.locked, 0);
	/* The app rule itself, whatever the screen does. */
	{
		const char *why = NULL;

		CU_ASSERT_EQUAL(view_admin_set_locked(&F.ctx, "admin1", 1, &why), MG_EPERM);
		CU_ASSERT_PTR_NOT_NULL(why);
		CU_ASSERT_EQUAL(q_int("SELECT locked FROM operator WHERE id='admin1'"), 0);
	}
	/* clerk1: question, "no" changes nothing. */
	press(UI_K_DOWN);
	press(UI_K_F5);
	CU_ASSERT(boxed(msg(MSG("adm_op_lock_q"), "clerk1", "山田　太郎", NULL)));
	type("n");
	CU_ASSERT_EQUAL(q_int("SELECT locked FROM operator WHERE id='clerk1'"), 0);
	press(UI_K_F5);
	press(UI_K_F2);
	CU_ASSERT(shows(msg(MSG("adm_op_locked"), "clerk1", NULL, NULL)));
	CU_ASSERT(strstr(row_with("clerk1"), i18n_msg(MSG("adm_op_state_locked"))) != NULL);
	CU_ASSERT_EQUAL(q_int("SELECT locked FROM operator WHERE id='clerk1'"), 1);
	CU_ASSERT_EQUAL(auth_check(&F.ctx, "clerk1", CLERK_PW, NULL, NULL, NULL), MG_ELOCKED);
	CU_ASSERT_EQUAL(q_int("SELECT count(*) FROM audit WHERE action='operator' AND "
	                      "operator='admin1' AND target='clerk1' AND detail='lock'"), 1);
	/* Unlock. */
	press(UI_K_F6);
	CU_ASSERT(boxed(msg(MSG("adm_op_unlock_q"), "clerk1", "山田　太郎", NULL)));
	press(UI_K_F2);
	CU_ASSERT(shows(msg(MSG("adm_op_unlocked"), "clerk1", NULL, NULL)));
	CU_ASSERT(strstr(row_with("clerk1"), i18n_msg(MSG("adm_op_state_active"))) != NULL);
	CU_ASSERT_EQUAL(auth_check(&F.ctx, "clerk1", CLERK_PW, NULL, NULL, NULL), 0);
	CU_ASSERT_EQUAL(q_int("SELECT count(*) FROM audit WHERE action='operator' AND "
	                      "target='clerk1' AND detail='unlock'"), 1);
	fx_close();
}

/* Reset a password: typed twice, masked, logged; the old one no longer works. */
static void t_operators_passwd(void)
{
	fx_open("adm_oppw.db");
	fx_login("admin1", ADMIN_PW);
	CU_ASSERT_EQUAL_FATAL(scr_push(&F.app, &scr_operators, NULL), 0);
	press(UI_K_DOWN);                       /* clerk1 */
	press(UI_K_F7);
	CU_ASSERT(shows(i18n_msg(MSG("adm_op_pw_title"))));
	CU_ASSERT(shows(msg(MSG("adm_op_pw_prompt"), "clerk1", "山田　太郎", NULL)));
	type(NEW_PW);
	press(UI_K_ENTER);
	type("another-pass-999");
	press(UI_K_ENTER);
	CU_ASSERT(shows(i18n_msg(MSG("adm_op_err_mismatch"))));
	CU_ASSERT_FALSE(shows("****"));
	type(NEW_PW);
	CU_ASSERT_FALSE(shows(NEW_PW));
	press(UI_K_ENTER);
	type(NEW_PW);
	press(UI_K_ENTER);
	CU_ASSERT(shows(msg(MSG("adm_op_pw_done"), "clerk1", NULL, NULL)));
	CU_ASSERT_EQUAL(auth_check(&F.ctx, "clerk1", NEW_PW, NULL, NULL, NULL), 0);
	CU_ASSERT_EQUAL(auth_check(&F.ctx, "clerk1", CLERK_PW, NULL, NULL, NULL), MG_EAUTH);
	CU_ASSERT_EQUAL(q_int("SELECT count(*) FROM audit WHERE action='operator' AND "
	                      "target='clerk1' AND detail='passwd'"), 1);
	/* Esc on an untouched form goes straight back. */
	press(UI_K_F7);
	press(UI_K_ESC);
	CU_ASSERT_STRING_EQUAL(scr_top(&F.app)->ops->title_msgid, MSG("adm_op_title"));
	/* Half-typed passwords do not survive leaving the screen (idle logout path). */
	press(UI_K_F7);
	type("half-typed");
	scr_logout(&F.app, NULL);
	CU_ASSERT_STRING_EQUAL(top_name(), "");
	fx_close();
}

/* ---- 設定 -------------------------------------------------------------- */

/* Read only: the file line, the how-to-change line, the effective values, scrolling. */
static void t_settings(void)
{
	struct stat sb;
	char bar[1024];

	fx_open("adm_settings.db");
	F.cfg.idle_lock_seconds = 45;
	F.cfg.closed_days[0] = i18n_date_from_ymd(2025, 8, 13);
	F.cfg.n_closed_days = 1;
	fx_login("admin1", ADMIN_PW);
	CU_ASSERT_EQUAL_FATAL(scr_push(&F.app, &scr_settings, NULL), 0);
	CU_ASSERT(shows(i18n_msg(MSG("adm_set_how_to_change"))));
	if (stat(CONFIG_DEFAULT_PATH, &sb) != 0)
		CU_ASSERT(shows(i18n_msg(MSG("adm_set_source_none"))));
	CU_ASSERT(strstr(row_with(i18n_msg(MSG("adm_set_terminal_id"))), "T01") != NULL);
	CU_ASSERT(strstr(row_with(i18n_msg(MSG("adm_set_mode"))),
	                 i18n_msg(MSG("adm_set_mode_test"))) != NULL);
	CU_ASSERT(strstr(row_with(i18n_msg(MSG("adm_set_idle_lock"))),
	                 msg(MSG("adm_set_seconds"), "45", NULL, NULL)) != NULL);
	CU_ASSERT(strstr(row_with(i18n_msg(MSG("adm_set_office_hours"))), "08:30") != NULL);
	/* Only Esc and the scrolling keys: typing changes nothing. */
	type("x");
	CU_ASSERT_STRING_EQUAL(top_name(), "settings");
	cells_row(F.c, 23, bar, sizeof bar);
	CU_ASSERT(strstr(bar, "Esc") != NULL);
	CU_ASSERT_FALSE(strstr(bar, "F10") != NULL);
	/* The last rows come into view by scrolling. */
	CU_ASSERT_FALSE(shows(i18n_msg(MSG("adm_set_scrypt"))));
	press(UI_K_PGDN);
	CU_ASSERT(shows(i18n_msg(MSG("adm_set_scrypt"))));
	CU_ASSERT(shows("N = 2^10"));
	CU_ASSERT(shows("令和7年8月13日"));
	press(UI_K_HOME);
	CU_ASSERT(shows(i18n_msg(MSG("adm_set_terminal_id"))));
	/* A larger terminal shows every row at once. */
	CU_ASSERT_EQUAL(cells_resize(F.c, 120, 50), 0);
	CU_ASSERT(shows(i18n_msg(MSG("adm_set_scrypt"))));
	CU_ASSERT(shows("T01"));
	press(UI_K_ESC);
	CU_ASSERT_PTR_EQUAL(scr_top(&F.app)->ops, &scr_menu);
	fx_close();
}

/* The operator list wrapper: admin only, no hashes, id order. */
static void t_view_admin_ops(void)
{
	struct view_admin_ops l;
	struct session s;

	fx_open("adm_view.db");
	CU_ASSERT_EQUAL(view_admin_ops_load(&F.ctx, &l), 0);   /* system actor */
	CU_ASSERT_EQUAL(l.n, 3);
	if (l.n == 3) {
		CU_ASSERT_STRING_EQUAL(l.rows[0].id, "admin1");
		CU_ASSERT_EQUAL(l.rows[0].role, SESSION_ROLE_ADMIN);
		CU_ASSERT_STRING_EQUAL(l.rows[1].id, "clerk1");
		CU_ASSERT_STRING_EQUAL(l.rows[2].id, "sup1");
		CU_ASSERT_EQUAL(l.rows[2].role, SESSION_ROLE_SUPERVISOR);
	}
	view_admin_ops_free(&l);
	CU_ASSERT_EQUAL(l.n, 0);
	memset(&s, 0, sizeof s);
	CU_ASSERT_EQUAL_FATAL(session_login(&F.ctx, "sup1", SUP_PW, &s, NULL), 0);
	F.ctx.sess = &s;
	CU_ASSERT_EQUAL(view_admin_ops_load(&F.ctx, &l), MG_EPERM);
	CU_ASSERT_EQUAL(l.n, 0);
	{
		struct view_admin_settings vs;

		CU_ASSERT_EQUAL(view_admin_settings_load(&F.ctx, &vs), MG_EPERM);
	}
	F.ctx.sess = NULL;
	explicit_bzero(&s, sizeof s);
	fx_close();
}

TESTUTIL_REGISTER(scr_admin)
{
	static const struct testutil_case cases[] = {
		{ "menu_opens_screens", t_menu_opens_screens },
		{ "roles_refused", t_roles_refused },
		{ "audit_verify", t_audit_verify },
		{ "audit_report", t_audit_report },
		{ "audit_scroll_and_sizes", t_audit_scroll_and_sizes },
		{ "audit_cap", t_audit_cap },
		{ "operators_list", t_operators_list },
		{ "operators_add", t_operators_add },
		{ "operators_lock", t_operators_lock },
		{ "operators_passwd", t_operators_passwd },
		{ "settings", t_settings },
		{ "view_admin_ops", t_view_admin_ops },
		{ NULL, NULL }
	};
	testutil_suite("scr_admin", NULL, NULL, cases);
}
