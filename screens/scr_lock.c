/*
 * scr_lock.c — the lock page (see scr_lock.h). It shows no data of the
 * work: only that the terminal is locked, whose password unlocks it, and the
 * password field.
 */
#include "screens/scr_lock.h"

#include "screens/cells.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_field.h"
#include "screens/wgt_keybar.h"

#include "app/session.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdlib.h>
#include <string.h>

enum { ACT_UNLOCK = 1, ACT_LOGOUT };

static const struct wgt_keybar_item lock_keys[] = {
	{ UI_K_ENTER, ACT_UNLOCK, MSG("ui_lock_key_unlock") },
	{ UI_K_F9, ACT_LOGOUT, MSG("ui_lock_key_logout") },
	{ 0, 0, NULL }
};

struct lock_st {
	struct wgt_field pw;     /* the password (masked, wiped) */
	const char *msg_msgid;   /* the last result ("" none) */
};

/* Set up the empty password field. */
static int lock_enter(struct scr_app *app, struct scr *s)
{
	struct lock_st *st = calloc(1, sizeof *st);

	(void)app;
	if (!st)
		return MG_ENOMEM;
	wgt_field_init(&st->pw, WGT_FIELD_MASKED, 128);
	s->st = st;
	return 0;
}

/* Check the password with session_reauth. */
static int unlock_try(struct scr_app *app, struct lock_st *st)
{
	int rc;

	if (st->pw.len == 0) {
		st->msg_msgid = MSG("ui_lock_need_password");
		return SCR_HANDLED | SCR_REDRAW;
	}
	rc = session_reauth(app->ctx, &app->sess, wgt_field_value(&st->pw));
	wgt_field_clear(&st->pw);
	if (rc == 0)
		return SCR_HANDLED | SCR_CLOSE;
	if (rc == MG_ELOCKED) {
		/* The account locked itself: the session cannot go on. */
		app->notice_msgid = MSG("ui_notice_locked_out");
		return SCR_HANDLED | SCR_LOGOUT;
	}
	st->msg_msgid = rc == MG_EAUTH ? MSG("ui_lock_wrong_password") : mg_rc_msgid(rc);
	return SCR_HANDLED | SCR_REDRAW;
}

/* Keys: password editing, Enter unlocks, F9 logs out. */
static int lock_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct lock_st *st = s->st;

	switch (wgt_keybar_match(lock_keys, k)) {
	case ACT_UNLOCK:
		return unlock_try(app, st);
	case ACT_LOGOUT:
		return SCR_HANDLED | SCR_LOGOUT;
	default:
		break;
	}
	if (wgt_field_key(&st->pw, k) & WGT_HANDLED) {
		st->msg_msgid = NULL;
		return SCR_HANDLED | SCR_REDRAW;
	}
	return 0;
}

/* The neutral page: the lock notice, whose password, the field. */
static void lock_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows)
{
	struct lock_st *st = s->st;
	char line[512];
	const char *a[1] = { app->sess.operator_id };
	int y = top + 2, lw;

	(void)rows;
	cells_text(c, 4, y, c->w - 8, i18n_msg(MSG("ui_lock_heading")), CELLS_R_ALERT | CELLS_BOLD,
	           CELLS_ELLIPSIS);
	y += 2;
	y += cells_wrap(c, 4, y, c->w - 8, 3, i18n_msg(MSG("ui_lock_wiped")), CELLS_R_NORMAL);
	y++;
	if (i18n_msg_format(line, sizeof line, MSG("ui_lock_prompt"), 1, a) < 0)
		line[0] = 0;
	y += cells_wrap(c, 4, y, c->w - 8, 3, line, CELLS_R_NORMAL);
	y++;
	lw = cells_text(c, 4, y, 20, i18n_msg(MSG("ui_lock_password")), CELLS_R_LABEL | CELLS_BOLD,
	                CELLS_ELLIPSIS);
	wgt_field_draw(&st->pw, c, 4 + lw + 2, y, 32, 1);
	if (st->msg_msgid)
		cells_wrap(c, 4, y + 2, c->w - 8, 3, i18n_msg(st->msg_msgid), CELLS_R_ERROR | CELLS_BOLD);
}

/* Wipe the password and free the state. */
static void lock_leave(struct scr_app *app, struct scr *s)
{
	struct lock_st *st = s->st;

	(void)app;
	if (!st)
		return;
	wgt_field_wipe(&st->pw);
	explicit_bzero(st, sizeof *st);
	free(st);
	s->st = NULL;
}

const struct scr_ops scr_lock = {
	.name = "lock",
	.title_msgid = MSG("ui_lock_title"),
	.keys = lock_keys,
	.needs_session = 1,
	.enter = lock_enter,
	.key = lock_key,
	.tick = NULL,
	.draw = lock_draw,
	.leave = lock_leave,
};
