/*
 * scr_deliver.c — 受信・送信 (see scr_deliver.h). F5 runs deliver_run with
 * the configured exchange; the result stays on the page until the next run.
 */
#include "screens/scr_deliver.h"

#include "screens/cells.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_dialog.h"
#include "screens/wgt_keybar.h"

#include "app/app_ctx.h"
#include "app/deliver.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ACT_RUN = 1, ACT_BACK };

static const struct wgt_keybar_item deliver_keys[] = {
	{ UI_K_F5, ACT_RUN, MSG("scrb_dl_key_run") },
	{ UI_K_ENTER, ACT_RUN, NULL },
	{ UI_K_ESC, ACT_BACK, MSG("scrb_key_back") },
	{ 0, 0, NULL }
};

struct deliver_st {
	int runs;                   /* deliveries made on this page */
	int rc;                     /* the last one's code */
	struct deliver_stats st;    /* its counts */
	char when[8];               /* "HH:MM" of the last run */
};

/* Set up an empty page. */
static int deliver_enter(struct scr_app *app, struct scr *s)
{
	struct deliver_st *st = calloc(1, sizeof *st);

	(void)app;
	if (!st)
		return MG_ENOMEM;
	s->st = st;
	return 0;
}

/* Run one delivery and keep its result; a failure opens the code's box. */
static int deliver_go(struct scr_app *app, struct deliver_st *st)
{
	time_t t = (time_t)app->wall;
	struct tm tm;

	memset(&st->st, 0, sizeof st->st);
	if (!app->ctx || !app->ctx->cs_path || !app->ctx->cs_path[0]) {
		st->rc = MG_ECS;
		st->runs++;
		st->when[0] = '\0';
		scr_message(app, WGT_DIALOG_ERROR, MSG("scrb_dl_title"), MSG("scrb_dl_no_cs"),
		            MSG("scrb_dl_no_cs_remedy"));
		return SCR_HANDLED | SCR_REDRAW;
	}
	st->rc = deliver_run(app->ctx, app->ctx->cs_path, &st->st);
	st->runs++;
	if (t <= 0)
		t = time(NULL);
	if (localtime_r(&t, &tm))
		snprintf(st->when, sizeof st->when, "%02d:%02d", tm.tm_hour, tm.tm_min);
	if (deliver_cs_failed(st->rc)) {
		/* The exchange itself: name the path and the cause, not only the code. */
		char clean[512], cause[1024];
		const char *a[1] = { clean };

		i18n_text_sanitize(app->ctx->cs_path, clean, sizeof clean);
		if (i18n_msg_format(cause, sizeof cause, MSG("scrb_dl_cs_refused"), 1, a) < 0)
			cause[0] = '\0';
		wgt_dialog_open_text(&app->dialog, WGT_DIALOG_ERROR, MSG("scrb_dl_title"), cause,
		                     i18n_msg(mg_rc_msgid(st->rc)), 0);
	} else if (st->rc != 0) {
		wgt_dialog_open_rc(&app->dialog, MSG("scrb_dl_title"), st->rc, 0);
	}
	return SCR_HANDLED | SCR_REDRAW;
}

/* Keys: F5/Enter run, Esc back to the menu. */
static int deliver_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct deliver_st *st = s->st;

	switch (wgt_keybar_match(deliver_keys, k)) {
	case ACT_RUN:
		return deliver_go(app, st);
	case ACT_BACK:
		return SCR_HANDLED | SCR_CLOSE;
	default:
		return 0;
	}
}

/* One "label  N件" row of the result. */
static void count_row(struct cells *c, int x, int y, int w, const char *key, int n)
{
	char num[16], line[256];
	const char *a[1] = { num };

	snprintf(num, sizeof num, "%d", n);
	if (i18n_msg_format(line, sizeof line, key, 1, a) < 0)
		line[0] = '\0';
	cells_text(c, x, y, w, line, CELLS_R_NORMAL, CELLS_ELLIPSIS);
}

/* The page: what it does, where to, and the last result. */
static void deliver_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows)
{
	struct deliver_st *st = s->st;
	const char *cs = app->ctx && app->ctx->cs_path && app->ctx->cs_path[0]
	                 ? app->ctx->cs_path : NULL;
	const char *a[1] = { cs };
	char line[1024];
	int x = 4, w = c->w - 8, y = top + 1, end = top + rows;

	y += cells_wrap(c, x, y, w, 3, i18n_msg(MSG("scrb_dl_prompt")), CELLS_R_NORMAL) + 1;
	if (cs && i18n_msg_format(line, sizeof line, MSG("scrb_dl_target"), 1, a) >= 0)
		cells_text(c, x, y, w, line, CELLS_R_DIM, CELLS_ELLIPSIS);
	else
		cells_text(c, x, y, w, i18n_msg(MSG("scrb_dl_no_cs")), CELLS_R_ERROR | CELLS_BOLD,
		           CELLS_ELLIPSIS);
	y += 2;
	if (!st->runs || y + 7 > end)
		return;
	/* Held-back messages (MG_ECS_IDCONFLICT) leave the others' counts true. */
	if (st->rc != 0 && st->rc != MG_ECS_IDCONFLICT) {
		cells_text(c, x, y, w, i18n_msg(MSG("scrb_dl_failed")), CELLS_R_ERROR | CELLS_BOLD,
		           CELLS_ELLIPSIS);
		return;
	}
	a[0] = st->when;
	if (i18n_msg_format(line, sizeof line, MSG("scrb_dl_done"), 1, a) < 0)
		line[0] = '\0';
	cells_text(c, x, y++, w, line, CELLS_R_INFO | CELLS_BOLD, CELLS_ELLIPSIS);
	count_row(c, x + 2, y++, w - 2, MSG("scrb_dl_sent"), st->st.sent);
	count_row(c, x + 2, y++, w - 2, MSG("scrb_dl_received"), st->st.received);
	count_row(c, x + 2, y++, w - 2, MSG("scrb_dl_duplicates"), st->st.duplicates);
	count_row(c, x + 2, y++, w - 2, MSG("scrb_dl_rejected"), st->st.rejected);
	count_row(c, x + 2, y++, w - 2, MSG("scrb_dl_answered"), st->st.answered);
	count_row(c, x + 2, y++, w - 2, MSG("scrb_dl_refused"), st->st.refused);
	if (st->st.received > 0 && y + 1 < end)
		cells_wrap(c, x, y + 1, w, end - y - 1, i18n_msg(MSG("scrb_dl_next")), CELLS_R_NORMAL);
}

/* Free the state. */
static void deliver_leave(struct scr_app *app, struct scr *s)
{
	(void)app;
	free(s->st);
	s->st = NULL;
}

const struct scr_ops scr_deliver = {
	.name = "deliver",
	.title_msgid = MSG("scrb_dl_title"),
	.keys = deliver_keys,
	.needs_session = 1,
	.enter = deliver_enter,
	.key = deliver_key,
	.tick = NULL,
	.draw = deliver_draw,
	.leave = deliver_leave,
};
