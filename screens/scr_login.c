/*
 * scr_login.c — the login page (see scr_login.h).
 */
#include "screens/scr_login.h"

#include "screens/cells.h"
#include "screens/scr_menu.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_field.h"
#include "screens/wgt_form.h"
#include "screens/wgt_keybar.h"

#include "app/app_ctx.h"
#include "app/session.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ACT_LOGIN = 1, ACT_CLEAR, ACT_QUIT };

static const struct wgt_keybar_item login_keys[] = {
	{ UI_K_F10, ACT_LOGIN, MSG("ui_login_key_login") },
	{ UI_K_ESC, ACT_CLEAR, MSG("ui_login_key_clear") },
	{ UI_K_F3, ACT_QUIT, MSG("ui_login_key_quit") },
	{ 0, 0, NULL }
};

struct login_st {
	struct wgt_field id;            /* operator id */
	struct wgt_field pw;            /* password (masked, wiped after every try) */
	struct wgt_form_item items[2];  /* the form rows */
	struct wgt_form form;           /* id, password */
	char msg[512];                  /* the result of the last try ("" none) */
	int msg_attr;                   /* its attribute */
};

/* Set up the empty form. */
static int login_enter(struct scr_app *app, struct scr *s)
{
	struct login_st *st = calloc(1, sizeof *st);

	(void)app;
	if (!st)
		return MG_ENOMEM;
	wgt_field_init(&st->id, WGT_FIELD_TEXT, SESSION_ID_MAX);
	wgt_field_init(&st->pw, WGT_FIELD_MASKED, 128);
	st->items[0] = (struct wgt_form_item){ .label_msgid = MSG("ui_login_id"), .field = &st->id,
	                                        .width = 34, .required = 1 };
	st->items[1] = (struct wgt_form_item){ .label_msgid = MSG("ui_login_password"),
	                                        .field = &st->pw, .width = 34, .required = 1 };
	wgt_form_init(&st->form, st->items, 2);
	s->st = st;
	return 0;
}

/* Set the result line from a catalog key with up to one argument. */
static void say(struct login_st *st, const char *key, const char *arg, int attr)
{
	const char *a[1] = { arg };

	if (i18n_msg_format(st->msg, sizeof st->msg, key, arg ? 1 : 0, a) < 0)
		st->msg[0] = 0;
	st->msg_attr = attr;
}

/* Try session_login with the form; the password is wiped whatever happens. */
static int login_try(struct scr_app *app, struct login_st *st)
{
	struct session sess;
	int tries = -1, rc;
	char n[16];

	st->msg[0] = 0;
	if (wgt_form_check(&st->form) != 0) {
		wgt_field_clear(&st->pw);
		return SCR_HANDLED | SCR_REDRAW;
	}
	memset(&sess, 0, sizeof sess);
	rc = session_login(app->ctx, wgt_field_value(&st->id), wgt_field_value(&st->pw), &sess,
	                   &tries);
	wgt_field_wipe(&st->pw);
	if (rc == 0) {
		wgt_field_wipe(&st->id);
		st->form.focus = 0;
		scr_login_done(app, &sess);
		app->push_ops = &scr_menu;
		app->push_arg = NULL;
		return SCR_HANDLED | SCR_REDRAW | SCR_PUSH;
	}
	explicit_bzero(&sess, sizeof sess);
	st->form.focus = 1;
	app->notice_msgid = NULL;
	if (rc == MG_EAUTH) {
		snprintf(n, sizeof n, "%d", tries);
		if (tries == 1)
			say(st, MSG("ui_login_failed_last"), NULL, CELLS_R_ALERT | CELLS_BOLD);
		else if (tries > 1)
			say(st, MSG("ui_login_failed_tries"), n, CELLS_R_ERROR | CELLS_BOLD);
		else
			say(st, MSG("ui_login_failed"), NULL, CELLS_R_ERROR | CELLS_BOLD);
	} else if (rc == MG_ELOCKED) {
		say(st, MSG("ui_login_locked"), NULL, CELLS_R_ERROR | CELLS_BOLD);
	} else {
		say(st, mg_rc_msgid(rc), NULL, CELLS_R_ERROR | CELLS_BOLD);
	}
	return SCR_HANDLED | SCR_REDRAW;
}

/* Keys: the form, F10/Enter on the last field logs in, Esc clears, F3 quits. */
static int login_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct login_st *st = s->st;
	int r;

	switch (wgt_keybar_match(login_keys, k)) {
	case ACT_LOGIN:
		return login_try(app, st);
	case ACT_CLEAR:
		wgt_field_wipe(&st->id);
		wgt_field_wipe(&st->pw);
		st->items[0].error_msgid = st->items[1].error_msgid = NULL;
		st->form.focus = 0;
		st->msg[0] = 0;
		return SCR_HANDLED | SCR_REDRAW;
	case ACT_QUIT:
		return SCR_HANDLED | SCR_QUIT;
	default:
		break;
	}
	r = wgt_form_key(&st->form, k);
	if (r & WGT_SUBMIT)
		return login_try(app, st);
	return r ? (SCR_HANDLED | SCR_REDRAW) : 0;
}

/* A half-typed password does not outlive the idle lock time. */
static int login_tick(struct scr_app *app, struct scr *s)
{
	struct login_st *st = s->st;
	int lk = scr_idle_lock_seconds(app);

	if (st->pw.len > 0 && lk > 0 && app->now - app->last_input >= lk) {
		wgt_field_wipe(&st->pw);
		return SCR_REDRAW;
	}
	return 0;
}

/* The page: who this system is for, the form, the result and any notice. */
static void login_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows)
{
	struct login_st *st = s->st;
	int y = top + 1, w = c->w - 8;

	(void)rows;
	if (app->ctx && app->ctx->muni_name[0])
		cells_text(c, 4, y, w, app->ctx->muni_name, CELLS_R_TITLE | CELLS_BOLD, CELLS_ELLIPSIS);
	cells_text(c, 4, y + 1, w, i18n_msg(MSG("ui_login_system")), CELLS_R_NORMAL, CELLS_ELLIPSIS);
	y += 3;
	y += cells_wrap(c, 4, y, w, 2, i18n_msg(MSG("ui_login_prompt")), CELLS_R_NORMAL) + 1;
	wgt_form_draw(&st->form, c, 4, y, w, 4);
	y += wgt_form_rows(&st->form) + 1;
	if (st->msg[0])
		y += cells_wrap(c, 4, y, w, 3, st->msg, st->msg_attr) + 1;
	if (app->notice_msgid)
		cells_wrap(c, 4, y, w, 3, i18n_msg(app->notice_msgid), CELLS_R_ALERT | CELLS_BOLD);
}

/* Wipe both fields and free the state. */
static void login_leave(struct scr_app *app, struct scr *s)
{
	struct login_st *st = s->st;

	(void)app;
	if (!st)
		return;
	wgt_field_wipe(&st->id);
	wgt_field_wipe(&st->pw);
	explicit_bzero(st, sizeof *st);
	free(st);
	s->st = NULL;
}

const struct scr_ops scr_login = {
	.name = "login",
	.title_msgid = MSG("ui_login_title"),
	.keys = login_keys,
	.needs_session = 0,
	.enter = login_enter,
	.key = login_key,
	.tick = login_tick,
	.draw = login_draw,
	.leave = login_leave,
};
