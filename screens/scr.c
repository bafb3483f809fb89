/*
 * scr.c — the screen stack, idle lock/logout and the frame layout (see
 * scr.h). scr_run is the only part that talks to the terminal (through
 * screens/ui.h).
 */
#include "screens/scr.h"

#include "screens/cells.h"
#include "screens/scr_lock.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_keybar.h"
#include "screens/wgt_lines.h"
#include "screens/wgt_status.h"

#include "app/app_ctx.h"
#include "app/config.h"
#include "app/session.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

enum { G_HELP = 1, G_LOCK };

/* Global keys: help everywhere, 離席 while logged in. */
static const struct wgt_keybar_item keys_help[] = {
	{ UI_K_F1, G_HELP, MSG("ui_key_help") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_lock[] = {
	{ UI_K_F12, G_LOCK, MSG("ui_key_lock") },
	{ 0, 0, NULL }
};

void scr_app_init(struct scr_app *app, struct app_ctx *ctx, const struct config *cfg)
{
	memset(app, 0, sizeof *app);
	app->ctx = ctx;
	app->cfg = cfg;
}

int scr_idle_lock_seconds(const struct scr_app *app)
{
	return app->cfg ? app->cfg->idle_lock_seconds : 60;
}

int scr_idle_logout_seconds(const struct scr_app *app)
{
	return app->cfg ? app->cfg->idle_logout_seconds : 600;
}

int scr_lines_key(struct wgt_lines *l, const struct ui_key *k)
{
	int r = wgt_lines_key(l, k);

	return r ? SCR_HANDLED | ((r & WGT_CHANGED) ? SCR_REDRAW : 0) : 0;
}

struct scr *scr_top(struct scr_app *app)
{
	return app->depth > 0 ? &app->stack[app->depth - 1] : NULL;
}

int scr_push(struct scr_app *app, const struct scr_ops *ops, const void *arg)
{
	struct scr *s;
	int rc;

	if (app->depth >= SCR_STACK_MAX)
		return MG_EUI_STACK;
	s = &app->stack[app->depth];
	s->ops = ops;
	s->st = NULL;
	s->arg = arg;
	rc = ops->enter ? ops->enter(app, s) : 0;
	if (rc != 0) {
		memset(s, 0, sizeof *s);
		return rc;
	}
	app->depth++;
	return 0;
}

void scr_pop(struct scr_app *app)
{
	struct scr *s = scr_top(app);

	if (!s)
		return;
	if (s->ops->leave)
		s->ops->leave(app, s);
	memset(s, 0, sizeof *s);
	app->depth--;
}

int scr_start(struct scr_app *app, const struct scr_ops *first, long long now, long long wall)
{
	app->home = first;
	app->now = now;
	app->last_input = now;
	app->wall = wall;
	return scr_push(app, first, NULL);
}

/* Leave the lock page instance (after unlock or logout). */
static void unlock(struct scr_app *app)
{
	if (!app->locked)
		return;
	if (app->lock.ops && app->lock.ops->leave)
		app->lock.ops->leave(app, &app->lock);
	memset(&app->lock, 0, sizeof app->lock);
	app->locked = 0;
}

void scr_logout(struct scr_app *app, const char *notice_msgid)
{
	while (app->depth > 0)
		scr_pop(app);
	unlock(app);
	if (app->logged_in) {
		session_logout(app->ctx, &app->sess);
		app->logged_in = 0;
	}
	if (app->ctx)
		app->ctx->sess = NULL;
	explicit_bzero(&app->sess, sizeof app->sess);
	app->dialog.open = 0;
	app->help_open = 0;
	app->notice_msgid = notice_msgid;
	app->wipe = 1;
	app->badinput = 0;
	if (app->home && scr_push(app, app->home, NULL) != 0)
		app->quit = 1;
}

void scr_app_fini(struct scr_app *app)
{
	while (app->depth > 0)
		scr_pop(app);
	unlock(app);
	if (app->logged_in) {
		session_logout(app->ctx, &app->sess);
		app->logged_in = 0;
	}
	if (app->ctx)
		app->ctx->sess = NULL;
	explicit_bzero(&app->sess, sizeof app->sess);
}

int scr_login_done(struct scr_app *app, struct session *s)
{
	app->sess = *s;
	explicit_bzero(s, sizeof *s);
	app->logged_in = 1;
	app->locked = 0;
	app->notice_msgid = NULL;
	app->last_input = app->now;
	if (app->sess.capture_allowed)
		app->capture = 1;
	if (app->ctx)
		app->ctx->sess = &app->sess;
	return 0;
}

void scr_lock_now(struct scr_app *app)
{
	if (!app->logged_in || app->locked)
		return;
	app->help_open = 0;
	app->lock.ops = &scr_lock;
	app->lock.st = NULL;
	app->lock.arg = NULL;
	if (scr_lock.enter(app, &app->lock) != 0) {
		/* Cannot show the lock page: logging out is the safe side. */
		memset(&app->lock, 0, sizeof app->lock);
		scr_logout(app, MSG("ui_notice_idle_logout"));
		return;
	}
	app->locked = 1;
	app->wipe = 1;
	app->badinput = 0;
}

void scr_message(struct scr_app *app, enum wgt_dialog_kind kind, const char *title_msgid,
                 const char *cause_msgid, const char *remedy_msgid)
{
	wgt_dialog_open(&app->dialog, kind, title_msgid, cause_msgid, remedy_msgid, 0);
}

/* Apply the flags of a stack screen's handler; returns 1 to redraw. */
static int apply(struct scr_app *app, int r)
{
	if (r & SCR_QUIT)
		app->quit = 1;
	if (r & SCR_LOGOUT) {
		scr_logout(app, app->notice_msgid);
		return 1;
	}
	if (r & SCR_CLOSE) {
		scr_pop(app);
		if (app->depth == 0)
			app->quit = 1;
	}
	if (r & SCR_PUSH) {
		const struct scr_ops *o = app->push_ops;
		int rc;

		app->push_ops = NULL;
		rc = o ? scr_push(app, o, app->push_arg) : MG_EUI_UNAVAILABLE;
		app->push_arg = NULL;
		if (rc != 0)
			wgt_dialog_open_rc(&app->dialog, MSG("ui_dlg_title_error"), rc, 0);
	}
	if (r & SCR_LOCK)
		scr_lock_now(app);
	return (r & (SCR_REDRAW | SCR_CLOSE | SCR_PUSH | SCR_LOCK | SCR_QUIT)) != 0;
}

/* Apply the flags of the lock page's handler; returns 1 to redraw. */
static int apply_lock(struct scr_app *app, int r)
{
	if (r & SCR_QUIT)
		app->quit = 1;
	if (r & SCR_LOGOUT) {
		scr_logout(app, app->notice_msgid);
		return 1;
	}
	if (r & SCR_CLOSE) {
		unlock(app);
		app->last_input = app->now;
		return 1;
	}
	return (r & SCR_REDRAW) != 0;
}

int scr_key(struct scr_app *app, const struct ui_key *k)
{
	struct scr *top;

	switch (k->code) {
	case UI_K_TIMEOUT:
		return 0;
	case UI_K_RESIZE:
		return 1;
	case UI_K_QUIT:
		app->quit = 1;
		return 1;
	case UI_K_SUSPEND:
		scr_lock_now(app);
		return 1;
	case UI_K_BADINPUT:
		/* Typing all the same (the idle timer restarts); nothing reaches a screen.
		 * The message stays while characters of the same burst arrive (rv5 L5). */
		app->last_input = app->now;
		app->badinput = 1;
		return 1;
	default:
		break;
	}
	app->last_input = app->now;
	if (k->code != UI_K_CHAR)
		app->badinput = 0;
	if (app->help_open) {
		app->help_open = 0;
		return 1;
	}
	if (k->code == UI_K_F1) {
		app->help_open = 1;
		return 1;
	}
	if (app->locked)
		return apply_lock(app, app->lock.ops->key(app, &app->lock, k));
	if (k->code == UI_K_F12 && app->logged_in) {
		scr_lock_now(app);
		return 1;
	}
	if (app->small)
		return 0;
	if (app->dialog.open) {
		wgt_dialog_key(&app->dialog, k);
		return 1;
	}
	top = scr_top(app);
	if (!top)
		return 0;
	return apply(app, top->ops->key(app, top, k));
}

int scr_tick(struct scr_app *app, long long now, long long wall)
{
	int redraw = (wall / 60) != (app->wall / 60);
	struct scr *top;

	app->now = now;
	app->wall = wall;
	if (app->logged_in) {
		long long idle = now - app->last_input;
		int lo = scr_idle_logout_seconds(app), lk = scr_idle_lock_seconds(app);

		if (lo > 0 && idle >= lo) {
			scr_logout(app, MSG("ui_notice_idle_logout"));
			return 1;
		}
		if (!app->locked && lk > 0 && idle >= lk) {
			scr_lock_now(app);
			return 1;
		}
	}
	if (app->locked) {
		if (app->lock.ops->tick)
			redraw |= apply_lock(app, app->lock.ops->tick(app, &app->lock));
		return redraw;
	}
	top = scr_top(app);
	if (top && top->ops->tick)
		redraw |= apply(app, top->ops->tick(app, top));
	return redraw;
}

/* The help box: every labelled key of the tables. */
static void draw_help(struct cells *c, const struct wgt_keybar_item *const *t, int n)
{
	int rows = wgt_keybar_help_draw(t, n, NULL, 0, 0, 0, 1000);
	int w = c->w - 4 < 60 ? c->w - 4 : 60, h = rows + 5, x, y;

	if (h > c->h - 2)
		h = c->h - 2;
	x = (c->w - w) / 2;
	y = (c->h - h) / 2;
	cells_box(c, x, y, w, h, CELLS_R_FRAME);
	cells_fill(c, x + 1, y + 1, w - 2, 1, CELLS_R_INFO | CELLS_REVERSE);
	cells_text(c, x + 2, y + 1, w - 4, i18n_msg(MSG("ui_help_title")),
	           CELLS_R_INFO | CELLS_REVERSE | CELLS_BOLD, CELLS_ELLIPSIS);
	wgt_keybar_help_draw(t, n, c, x + 2, y + 2, w - 4, h - 4);
	cells_text(c, x + 2, y + h - 2, w - 4, i18n_msg(MSG("ui_help_close")), CELLS_R_DIM,
	           CELLS_ELLIPSIS);
}

/* The page shown instead of the screens when the terminal is too small. */
static void draw_small(struct cells *c)
{
	char msg[512], w[16], h[16];
	const char *a[2] = { w, h };

	snprintf(w, sizeof w, "%d", c->w);
	snprintf(h, sizeof h, "%d", c->h);
	if (i18n_msg_format(msg, sizeof msg, MSG("ui_too_small"), 2, a) < 0)
		msg[0] = 0;
	cells_wrap(c, 0, 0, c->w, c->h, msg, CELLS_R_ALERT | CELLS_BOLD);
}

void scr_draw(struct scr_app *app, struct cells *c)
{
	const struct wgt_keybar_item *tables[3];
	struct wgt_status_info si;
	struct scr *s;
	char clock[16] = "";
	time_t t = (time_t)app->wall;
	struct tm tm;

	cells_clear(c);
	app->small = c->w < CELLS_MIN_W || c->h < CELLS_MIN_H;
	if (app->small) {
		draw_small(c);
		return;
	}
	if (localtime_r(&t, &tm))
		snprintf(clock, sizeof clock, "%02d:%02d", tm.tm_hour, tm.tm_min);
	memset(&si, 0, sizeof si);
	si.muni_name = app->ctx ? app->ctx->muni_name : "";
	si.terminal = app->logged_in ? app->sess.terminal
	                             : (app->ctx && app->ctx->terminal ? app->ctx->terminal : "");
	si.operator_name = app->logged_in ? app->sess.display_name : NULL;
	si.clock = clock;
	si.demo = app->cfg && app->cfg->mode == CONFIG_MODE_DEMO;
	si.test = app->cfg && app->cfg->mode == CONFIG_MODE_TEST;
	si.capture = app->capture;
	si.locked = app->locked;
	wgt_status_draw(&si, c, 0);
	s = app->locked ? &app->lock : scr_top(app);
	if (!s)
		return;
	if (app->badinput)
		cells_text(c, 1, 1, c->w - 2, i18n_msg(MSG("ui_input_not_utf8")),
		           CELLS_R_ALERT | CELLS_BOLD, CELLS_ELLIPSIS);
	else
		cells_text(c, 1, 1, c->w - 2, i18n_msg(s->ops->title_msgid),
		           CELLS_R_TITLE | CELLS_BOLD, CELLS_ELLIPSIS);
	s->ops->draw(app, s, c, 2, c->h - 3);
	tables[0] = keys_help;
	tables[1] = s->ops->keys;
	tables[2] = app->logged_in && !app->locked ? keys_lock : NULL;
	wgt_keybar_draw(tables, 3, c, c->h - 1);
	if (app->locked) {
		if (app->help_open)
			draw_help(c, tables, 3);
		return;
	}
	if (app->dialog.open) {
		c->cur_visible = 0;
		wgt_dialog_draw(&app->dialog, c);
	}
	if (app->help_open) {
		c->cur_visible = 0;
		draw_help(c, tables, 3);
	}
}

/* Monotonic seconds. */
static long long mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec;
}

int scr_run(struct scr_app *app)
{
	struct cells *c = NULL;
	struct ui_key k;
	int w, h, redraw = 1;

	ui_size(&w, &h);
	c = cells_new(w > 0 ? w : CELLS_MIN_W, h > 0 ? h : CELLS_MIN_H);
	if (!c)
		return MG_ENOMEM;
	while (!app->quit && app->depth > 0) {
		if (redraw) {
			if (app->wipe) {
				ui_wipe();
				app->wipe = 0;
			}
			ui_size(&w, &h);
			if ((w != c->w || h != c->h) && w > 0 && h > 0 && cells_resize(c, w, h) != 0)
				break;
			scr_draw(app, c);
			ui_present(c);
			redraw = 0;
		}
		ui_read_key(&k, 1000);
		app->now = mono_now();
		if (k.code == UI_K_SUSPEND) {
			/* Lock first, show only the lock page, wipe, then stop. */
			scr_key(app, &k);
			ui_wipe();
			app->wipe = 0;
			scr_draw(app, c);
			ui_present(c);
			ui_suspend();
			redraw = 1;
			continue;
		}
		if (k.code == UI_K_TIMEOUT)
			app_ctx_idle(app->ctx);
		else if (scr_key(app, &k))
			redraw = 1;
		if (scr_tick(app, app->now, (long long)time(NULL)))
			redraw = 1;
	}
	cells_free(c);
	return 0;
}
