/*
 * scr_kiosk_pickup.c — キオスク受付 (see scr_kiosk_pickup.h). The hand-over to
 * the workflows is data only: a pre-filled request as the workflow screen's
 * argument, and kiosk_sync afterwards.
 */
#include "screens/scr_kiosk_pickup.h"

#include "screens/cells.h"
#include "screens/scr_tennyu.h"
#include "screens/scr_tenshutsu.h"
#include "screens/scr_tokurei.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_dialog.h"
#include "screens/wgt_keybar.h"
#include "screens/wgt_list.h"

#include "app/app_ctx.h"
#include "app/kiosk.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_wareki.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ACT_OPEN = 1, ACT_BACK, ACT_RELOAD, ACT_WORK, ACT_PAPER, ACT_CLOSE };

static const struct wgt_keybar_item keys_list[] = {
	{ UI_K_ENTER, ACT_OPEN, MSG("kpu_key_open") },
	{ UI_K_F5, ACT_RELOAD, MSG("kpu_key_reload") },
	{ UI_K_ESC, ACT_BACK, MSG("kpu_key_back") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_detail[] = {
	{ UI_K_F10, ACT_WORK, MSG("kpu_key_work") },
	{ UI_K_F6, ACT_PAPER, MSG("kpu_key_paper") },
	{ UI_K_F8, ACT_CLOSE, MSG("kpu_key_close") },
	{ UI_K_ESC, ACT_BACK, MSG("kpu_key_back") },
	{ 0, 0, NULL }
};

#define ROWS_MAX 200

/* One row of the list (no personal data). */
struct kpu_row {
	char no[KIOSK_NO_CAP];
	enum kiosk_kind kind;
	char state[16];
	char time[8];           /* HH:MM of the kiosk */
	char day[DB_DATE_CAP];
};

struct kpu_st {
	struct kpu_row rows[ROWS_MAX];
	int n;
	struct wgt_list list;
	int detail;                     /* 1: one application is open */
	struct kiosk_app app;           /* the open application (wiped on close) */
	union {
		struct tokurei_req tokurei;
		struct tennyu_req tennyu;
		struct tenshutsu_req tenshutsu;
	} req;                          /* the request handed to a workflow (wiped) */
	int handed;                     /* 1: a workflow screen was opened */
	const char *msgid;              /* message line */
	char msgarg[32];
	int msg_attr;
};

static int kpu_enter(struct scr_app *app, struct scr *s);
static int kpu_key(struct scr_app *app, struct scr *s, const struct ui_key *k);
static int kpu_tick(struct scr_app *app, struct scr *s);
static void kpu_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows);
static void kpu_leave(struct scr_app *app, struct scr *s);

const struct scr_ops scr_kiosk_pickup = {
	.name = "kiosk_pickup", .title_msgid = MSG("kpu_title"), .keys = keys_list,
	.needs_session = 1, .enter = kpu_enter, .key = kpu_key, .tick = kpu_tick,
	.draw = kpu_draw, .leave = kpu_leave,
};

/* The detail page: the same handlers, its own keys. */
static const struct scr_ops kpu_detail_ops = {
	.name = "kiosk_pickup", .title_msgid = MSG("kpu_title_detail"), .keys = keys_detail,
	.needs_session = 1, .enter = kpu_enter, .key = kpu_key, .tick = kpu_tick,
	.draw = kpu_draw, .leave = kpu_leave,
};

/* Set the message line. */
static void say(struct kpu_st *st, const char *msgid, const char *arg, int attr)
{
	st->msgid = msgid;
	snprintf(st->msgarg, sizeof st->msgarg, "%s", arg ? arg : "");
	st->msg_attr = attr;
}

/* Collect one application as a list row. */
static int collect(void *arg, const struct kiosk_app *a)
{
	struct kpu_st *st = arg;
	struct kpu_row *r;

	if (st->n >= ROWS_MAX)
		return 1;
	r = &st->rows[st->n++];
	snprintf(r->no, sizeof r->no, "%s", a->kiosk_no);
	r->kind = a->ans.kind;
	snprintf(r->state, sizeof r->state, "%s", a->state);
	snprintf(r->time, sizeof r->time, "%.5s", strlen(a->created_at) >= 16 ? a->created_at + 11 : "");
	snprintf(r->day, sizeof r->day, "%.10s", a->created_at);
	return 0;
}

/* The text of a list row. */
static void row_text(void *arg, int i, char *buf, size_t cap)
{
	const struct kpu_st *st = arg;
	const struct kpu_row *r = &st->rows[i];

	snprintf(buf, cap, " %-8s %-10s %s %s  %s", r->no, r->day, r->time,
	         i18n_msg(strcmp(r->state, "picked") == 0 ? MSG("kpu_state_picked") :
	                                                   MSG("kpu_state_pending")),
	         i18n_msg(kiosk_kind_msgid(r->kind)));
}

/* Read the list again. */
static void reload(struct scr_app *app, struct kpu_st *st)
{
	int rc, sel = st->list.sel;

	st->n = 0;
	rc = kiosk_list(app->ctx, collect, st);
	if (rc < 0)
		say(st, mg_rc_msgid(rc), NULL, CELLS_R_ERROR | CELLS_BOLD);
	wgt_list_init(&st->list, st->n, row_text, st);
	st->list.sel = sel < st->n ? sel : 0;
}

/* Remove expired applications and show the list. */
static int kpu_enter(struct scr_app *app, struct scr *s)
{
	struct kpu_st *st = calloc(1, sizeof *st);

	if (!st)
		return MG_ENOMEM;
	kiosk_purge(app->ctx, NULL);
	s->st = st;
	reload(app, st);
	return 0;
}

/* Close the open application (wipe it) and go back to the list. */
static void close_detail(struct scr_app *app, struct scr *s, struct kpu_st *st)
{
	kiosk_wipe(&st->app, sizeof st->app);
	kiosk_wipe(&st->req, sizeof st->req);
	st->detail = 0;
	st->handed = 0;
	s->ops = &scr_kiosk_pickup;
	reload(app, st);
}

/* Open the selected application. */
static int open_row(struct scr_app *app, struct scr *s, struct kpu_st *st)
{
	int rc;

	if (st->n == 0)
		return SCR_HANDLED;
	rc = kiosk_pick(app->ctx, st->rows[st->list.sel].no, &st->app);
	if (rc) {
		wgt_dialog_open_rc(&app->dialog, MSG("kpu_title"), rc, 0);
		reload(app, st);
		return SCR_HANDLED | SCR_REDRAW;
	}
	st->detail = 1;
	st->msgid = NULL;
	s->ops = &kpu_detail_ops;
	return SCR_HANDLED | SCR_REDRAW;
}

/* Hand the application to its workflow screen (paper: the ordinary 転入). */
static int hand_over(struct scr_app *app, struct kpu_st *st, int paper)
{
	const struct scr_ops *to = NULL;
	const void *arg = NULL;
	int rc = MG_EINVAL;

	kiosk_wipe(&st->req, sizeof st->req);
	if (st->app.ans.kind == KIOSK_TENNYU && !paper) {
		rc = kiosk_to_tokurei_req(&st->app, &st->req.tokurei);
		to = &scr_tokurei;
		arg = &st->req.tokurei;
	} else if (st->app.ans.kind == KIOSK_TENNYU) {
		rc = kiosk_to_tennyu_req(&st->app, &st->req.tennyu);
		to = &scr_tennyu;
		arg = &st->req.tennyu;
	} else if (st->app.ans.kind == KIOSK_TENSHUTSU && !paper) {
		rc = kiosk_to_tenshutsu_req(app->ctx, &st->app, &st->req.tenshutsu);
		to = &scr_tenshutsu;
		arg = &st->req.tenshutsu;
	} else {
		say(st, MSG("kpu_no_workflow"), NULL, CELLS_R_ALERT | CELLS_BOLD);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (rc) {
		wgt_dialog_open_rc(&app->dialog, MSG("kpu_title_detail"), rc, 0);
		return SCR_HANDLED | SCR_REDRAW;
	}
	st->handed = 1;
	app->push_ops = to;
	app->push_arg = arg;
	return SCR_HANDLED | SCR_REDRAW | SCR_PUSH;
}

/* Close a 住所確認 (no workflow: the kiosk number stands for the 受付). */
static int close_jusho(struct scr_app *app, struct scr *s, struct kpu_st *st)
{
	char no[KIOSK_NO_CAP];
	int rc;

	if (st->app.ans.kind != KIOSK_JUSHO) {
		say(st, MSG("kpu_close_only_jusho"), NULL, CELLS_R_ALERT | CELLS_BOLD);
		return SCR_HANDLED | SCR_REDRAW;
	}
	snprintf(no, sizeof no, "%s", st->app.kiosk_no);
	rc = kiosk_mark_done(app->ctx, no, no);
	if (rc) {
		wgt_dialog_open_rc(&app->dialog, MSG("kpu_title_detail"), rc, 0);
		return SCR_HANDLED | SCR_REDRAW;
	}
	close_detail(app, s, st);
	say(st, MSG("kpu_closed"), no, CELLS_R_INFO | CELLS_BOLD);
	return SCR_HANDLED | SCR_REDRAW;
}

/* Keys of the list and of the detail page. */
static int kpu_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct kpu_st *st = s->st;
	int act = wgt_keybar_match(s->ops->keys, k);

	if (!st->detail) {
		switch (act) {
		case ACT_OPEN:
			return open_row(app, s, st);
		case ACT_RELOAD:
			reload(app, st);
			st->msgid = NULL;
			return SCR_HANDLED | SCR_REDRAW;
		case ACT_BACK:
			return SCR_HANDLED | SCR_CLOSE;
		default:
			return (wgt_list_key(&st->list, k) & WGT_HANDLED) ? SCR_HANDLED | SCR_REDRAW : 0;
		}
	}
	switch (act) {
	case ACT_WORK:
		return hand_over(app, st, 0);
	case ACT_PAPER:
		if (st->app.ans.kind != KIOSK_TENNYU) {
			say(st, MSG("kpu_paper_only_tennyu"), NULL, CELLS_R_ALERT | CELLS_BOLD);
			return SCR_HANDLED | SCR_REDRAW;
		}
		return hand_over(app, st, 1);
	case ACT_CLOSE:
		return close_jusho(app, s, st);
	case ACT_BACK:
		close_detail(app, s, st);
		return SCR_HANDLED | SCR_REDRAW;
	default:
		return 0;
	}
}

/* Back from a workflow screen: did it commit? */
static int kpu_tick(struct scr_app *app, struct scr *s)
{
	struct kpu_st *st = s->st;
	char u[24] = "", no[KIOSK_NO_CAP];
	int rc;

	if (!st->detail || !st->handed)
		return 0;
	st->handed = 0;
	kiosk_wipe(&st->req, sizeof st->req);
	snprintf(no, sizeof no, "%s", st->app.kiosk_no);
	rc = kiosk_sync(app->ctx, no, u);
	if (rc == 0) {
		close_detail(app, s, st);
		say(st, MSG("kpu_done"), u, CELLS_R_INFO | CELLS_BOLD);
	} else if (rc == MG_ENOTFOUND) {
		say(st, MSG("kpu_not_done"), NULL, CELLS_R_ALERT | CELLS_BOLD);
	} else {
		say(st, mg_rc_msgid(rc), NULL, CELLS_R_ERROR | CELLS_BOLD);
	}
	return SCR_REDRAW;
}

/* One "label  value" row of the detail page. */
static int kv(struct cells *c, int y, const char *label_msgid, const char *value)
{
	cells_text(c, 4, y, 22, i18n_msg(label_msgid), CELLS_R_LABEL, CELLS_ELLIPSIS);
	cells_text(c, 28, y, c->w - 32, value, CELLS_R_NORMAL, CELLS_ELLIPSIS);
	return y + 1;
}

/* The open application: card (個人番号 masked), verdict, answers. */
static void draw_detail(struct scr_app *app, struct kpu_st *st, struct cells *c, int y)
{
	const struct kiosk_app *a = &st->app;
	char d[64], town[640], n[16];

	y = kv(c, y, MSG("kpu_no"), a->kiosk_no);
	y = kv(c, y, MSG("kpu_kind"), i18n_msg(kiosk_kind_msgid(a->ans.kind)));
	y = kv(c, y, MSG("kpu_name"), a->card.name);
	y = kv(c, y, MSG("kpu_card_address"), a->card.address);
	i18n_wareki_text(a->card.birth, d, sizeof d);
	y = kv(c, y, MSG("kpu_birth"), d);
	y = kv(c, y, MSG("kpu_sex"), i18n_msg(a->card.sex[0] == '1' ? MSG("kpu_sex_1") :
	                                      a->card.sex[0] == '2' ? MSG("kpu_sex_2") :
	                                                              MSG("kpu_sex_9")));
	y = kv(c, y, MSG("kpu_kojin"), "************");
	i18n_wareki_text(a->card.card_expiry, d, sizeof d);
	y = kv(c, y, MSG("kpu_expiry"), d);
	y = kv(c, y, MSG("kpu_verdict"), i18n_msg(a->card.verdict == TOKUREI_GENUINE ?
	                                          MSG("kpu_verdict_genuine") :
	                                          MSG("kpu_verdict_bad")));
	if (a->ans.kind == KIOSK_TENNYU) {
		i18n_wareki_text(a->ans.move_date, d, sizeof d);
		y = kv(c, y, MSG("kpu_tennyu_date"), d);
		if (kiosk_machiaza_name(app->ctx, a->ans.addr_code, town, sizeof town) != 0)
			town[0] = 0;
		snprintf(town + strlen(town), sizeof town - strlen(town), "%.127s %.255s",
		         a->ans.banchi, a->ans.katagaki);
		y = kv(c, y, MSG("kpu_new_address"), town);
		snprintf(n, sizeof n, "%d", a->ans.n_members);
		y = kv(c, y, MSG("kpu_members"), n);
	} else if (a->ans.kind == KIOSK_TENSHUTSU) {
		i18n_wareki_text(a->ans.move_date, d, sizeof d);
		y = kv(c, y, MSG("kpu_planned_date"), d);
		y = kv(c, y, MSG("kpu_dest"), a->ans.dest_address);
		y = kv(c, y, MSG("kpu_dest_code"), a->ans.dest_muni_code);
		y = kv(c, y, MSG("kpu_who"), i18n_msg(a->ans.household ? MSG("kpu_who_household") :
		                                                         MSG("kpu_who_self")));
	}
	(void)y;
}

/* The list or the open application, and the message line. */
static void kpu_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows)
{
	struct kpu_st *st = s->st;
	int y = top + 1, bottom = top + rows;
	char buf[512];
	const char *a[1] = { st->msgarg };

	if (st->detail) {
		cells_wrap(c, 2, y, c->w - 4, 2, i18n_msg(MSG("kpu_detail_prompt")), CELLS_R_NORMAL);
		draw_detail(app, st, c, y + 2);
	} else if (st->n == 0) {
		cells_wrap(c, 2, y, c->w - 4, 2, i18n_msg(MSG("kpu_empty")), CELLS_R_NORMAL);
	} else {
		cells_wrap(c, 2, y, c->w - 4, 2, i18n_msg(MSG("kpu_prompt")), CELLS_R_NORMAL);
		wgt_list_draw(&st->list, c, 2, y + 2, c->w - 4 < 70 ? c->w - 4 : 70, bottom - y - 5);
	}
	if (st->msgid && i18n_msg_format(buf, sizeof buf, st->msgid, 1, a) >= 0)
		cells_wrap(c, 2, bottom - 2, c->w - 4, 2, buf, st->msg_attr);
}

/* Wipe the open application and free the state. */
static void kpu_leave(struct scr_app *app, struct scr *s)
{
	struct kpu_st *st = s->st;

	(void)app;
	if (!st)
		return;
	explicit_bzero(st, sizeof *st);
	free(st);
	s->st = NULL;
}
