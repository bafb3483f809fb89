/*
 * scr_menu.c — the main menu (see scr_menu.h). The items are one table;
 * which rows an operator sees comes from perm_check, so the menu adds no
 * rule of its own. A row whose screen is not in this build says so in a box
 * instead of pretending to work.
 */
#include "screens/scr_menu.h"

#include "screens/cells.h"
#include "screens/scr_audit.h"
#include "screens/scr_deliver.h"
#include "screens/scr_kiosk_pickup.h"
#include "screens/scr_notice.h"
#include "screens/scr_operators.h"
#include "screens/scr_search.h"
#include "screens/scr_setai.h"
#include "screens/scr_settings.h"
#include "screens/scr_tennyu.h"
#include "screens/scr_tenshutsu.h"
#include "screens/scr_tokurei.h"
#include "screens/scr_unnotified.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_keybar.h"
#include "screens/wgt_list.h"

#include "app/app_ctx.h"
#include "app/perm.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ACT_OPEN = 1, ACT_LOGOUT, ACT_PICK1 };

#define NO_PERM (-1)

/* One menu row. */
struct menu_item {
	const char *label_msgid;        /* the row (catalog key) */
	int perm;                       /* enum perm_action the role needs, or NO_PERM */
	int perm2;                      /* a second one, or NO_PERM */
	const struct scr_ops *screen;   /* its screen; NULL: not in this build */
	int logout;                     /* 1: the logout row */
};

/* Workflow screens; NULL until a screen is in this build. */
static const struct menu_item menu_items[] = {
	{ MSG("ui_menu_tennyu"), PERM_WORKFLOW, NO_PERM, &scr_tennyu, 0 },
	{ MSG("ui_menu_tenshutsu"), PERM_WORKFLOW, NO_PERM, &scr_tenshutsu, 0 },
	{ MSG("ui_menu_tokurei"), PERM_WORKFLOW, PERM_CARD_READ, &scr_tokurei, 0 },
	{ MSG("ui_menu_search"), PERM_SEARCH, NO_PERM, &scr_search, 0 },
	{ MSG("ui_menu_notice"), PERM_WORKFLOW, NO_PERM, &scr_notice, 0 },
	{ MSG("ui_menu_deliver"), PERM_DELIVER, NO_PERM, &scr_deliver, 0 },
	{ MSG("ui_menu_audit"), PERM_AUDIT_REPORT, NO_PERM, &scr_audit, 0 },
	{ MSG("ui_menu_operators"), PERM_OPERATOR_ADMIN, NO_PERM, &scr_operators, 0 },
	{ MSG("ui_menu_settings"), PERM_SETTINGS, NO_PERM, &scr_settings, 0 },
	{ MSG("ui_menu_kiosk"), PERM_WORKFLOW, NO_PERM, &scr_kiosk_pickup, 0 },
	/* 世帯主変更届 (法25); after the rows whose number keys scripts and tests use. */
	{ MSG("setai_menu"), PERM_WORKFLOW, NO_PERM, &scr_setai, 0 },
	/* 転入通知未着者一覧 (標準仕様 4.1.3.1.4); appended so the keys above stay. */
	{ MSG("unnot_menu"), PERM_WORKFLOW, NO_PERM, &scr_unnotified, 0 },
	{ MSG("ui_menu_logout"), NO_PERM, NO_PERM, NULL, 1 },
};

#define N_ITEMS ((int)(sizeof menu_items / sizeof menu_items[0]))

static const struct wgt_keybar_item menu_keys[] = {
	{ UI_K_ENTER, ACT_OPEN, MSG("ui_menu_key_open") },
	{ UI_K_F9, ACT_LOGOUT, MSG("ui_menu_key_logout") },
	{ WGT_KEY_CHAR(L'0'), ACT_LOGOUT, NULL },
	{ WGT_KEY_CHAR(L'1'), ACT_PICK1 + 0, NULL },
	{ WGT_KEY_CHAR(L'2'), ACT_PICK1 + 1, NULL },
	{ WGT_KEY_CHAR(L'3'), ACT_PICK1 + 2, NULL },
	{ WGT_KEY_CHAR(L'4'), ACT_PICK1 + 3, NULL },
	{ WGT_KEY_CHAR(L'5'), ACT_PICK1 + 4, NULL },
	{ WGT_KEY_CHAR(L'6'), ACT_PICK1 + 5, NULL },
	{ WGT_KEY_CHAR(L'7'), ACT_PICK1 + 6, NULL },
	{ WGT_KEY_CHAR(L'8'), ACT_PICK1 + 7, NULL },
	{ WGT_KEY_CHAR(L'9'), ACT_PICK1 + 8, NULL },
	{ 0, 0, NULL }
};

struct menu_st {
	int shown[N_ITEMS];     /* indexes into menu_items the role may use */
	int n;                  /* rows shown */
	struct wgt_list list;   /* the rows */
};

/*
 * The text of row i: its number key and its label. Logout is always 0, so a
 * row added above it never moves the key a clerk logs out with.
 */
static void menu_row(void *arg, int i, char *buf, size_t cap)
{
	const struct menu_st *st = arg;
	const struct menu_item *it = &menu_items[st->shown[i]];

	if (it->logout)
		snprintf(buf, cap, " 0  %s", i18n_msg(it->label_msgid));
	else if (i < 9)
		snprintf(buf, cap, " %d  %s", i + 1, i18n_msg(it->label_msgid));
	else
		snprintf(buf, cap, "    %s", i18n_msg(it->label_msgid));
}

/* 1 when the operator's role may use the item. */
static int allowed(const struct scr_app *app, const struct menu_item *it)
{
	if (it->perm != NO_PERM && perm_check(app->ctx, (enum perm_action)it->perm) != 0)
		return 0;
	if (it->perm2 != NO_PERM && perm_check(app->ctx, (enum perm_action)it->perm2) != 0)
		return 0;
	return 1;
}

/* Choose the rows for this operator. */
static int menu_enter(struct scr_app *app, struct scr *s)
{
	struct menu_st *st = calloc(1, sizeof *st);

	if (!st)
		return MG_ENOMEM;
	for (int i = 0; i < N_ITEMS; i++)
		if (allowed(app, &menu_items[i]))
			st->shown[st->n++] = i;
	wgt_list_init(&st->list, st->n, menu_row, st);
	s->st = st;
	return 0;
}

/* Open row i: its screen, logout, or the "not in this build" box. */
static int open_row(struct scr_app *app, struct menu_st *st, int i)
{
	const struct menu_item *it;

	if (i < 0 || i >= st->n)
		return 0;
	st->list.sel = i;
	it = &menu_items[st->shown[i]];
	if (it->logout)
		return SCR_HANDLED | SCR_LOGOUT;
	if (!it->screen) {
		scr_message(app, WGT_DIALOG_INFO, it->label_msgid, MSG("ui_menu_unavailable"),
		            MSG("ui_menu_unavailable_remedy"));
		return SCR_HANDLED | SCR_REDRAW;
	}
	app->push_ops = it->screen;
	app->push_arg = NULL;
	return SCR_HANDLED | SCR_REDRAW | SCR_PUSH;
}

/* Keys: number keys and Enter open a row, F9 and 0 log out, arrows move. */
static int menu_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct menu_st *st = s->st;
	int act = wgt_keybar_match(menu_keys, k);

	if (act == ACT_OPEN)
		return open_row(app, st, st->list.sel);
	if (act == ACT_LOGOUT)
		return SCR_HANDLED | SCR_LOGOUT;
	if (act >= ACT_PICK1) {
		int i = act - ACT_PICK1;

		/* Only the number shown: the logout row's is 0. */
		if (i < st->n && menu_items[st->shown[i]].logout)
			return SCR_HANDLED;
		return open_row(app, st, i);
	}
	if (wgt_list_key(&st->list, k) & WGT_HANDLED)
		return SCR_HANDLED | SCR_REDRAW;
	return 0;
}

/* The rows, and a line saying how to choose. */
static void menu_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows)
{
	struct menu_st *st = s->st;
	int h = st->n < rows - 3 ? st->n : rows - 3;

	(void)app;
	cells_text(c, 4, top + 1, c->w - 8, i18n_msg(MSG("ui_menu_prompt")), CELLS_R_NORMAL,
	           CELLS_ELLIPSIS);
	wgt_list_draw(&st->list, c, 4, top + 3, c->w - 8 < 48 ? c->w - 8 : 48, h);
}

/* Free the state. */
static void menu_leave(struct scr_app *app, struct scr *s)
{
	(void)app;
	free(s->st);
	s->st = NULL;
}

const struct scr_ops scr_menu = {
	.name = "menu",
	.title_msgid = MSG("ui_menu_title"),
	.keys = menu_keys,
	.needs_session = 1,
	.enter = menu_enter,
	.key = menu_key,
	.tick = NULL,
	.draw = menu_draw,
	.leave = menu_leave,
};
