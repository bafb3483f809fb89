/*
 * scr_notice.c — 転入通知受理 (see scr_notice.h).
 */
#include "screens/scr_notice.h"

#include "screens/cells.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_dialog.h"
#include "screens/wgt_keybar.h"
#include "screens/wgt_list.h"

#include "app/app_ctx.h"
#include "app/notice.h"
#include "app/view_check.h"
#include "app/view_notice.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/i18n_wareki.h"
#include "i18n/i18n_width.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ACT_APPLY = 1, ACT_ALL, ACT_DECLINE, ACT_BACK };
enum { TAG_ALL = 1, TAG_ACK, TAG_DECLINE };

static const struct wgt_keybar_item notice_keys[] = {
	{ UI_K_F5, ACT_APPLY, MSG("scrb_nt_key_apply") },
	{ UI_K_F6, ACT_ALL, MSG("scrb_nt_key_all") },
	{ UI_K_F7, ACT_DECLINE, MSG("scrb_nt_key_decline") },
	{ UI_K_ESC, ACT_BACK, MSG("scrb_key_back") },
	{ 0, 0, NULL }
};

struct notice_st {
	struct view_notice_list nl;   /* the notices (wiped on leave) */
	struct wgt_list list;         /* their rows */
	struct wgt_dialog dlg;        /* the question before applying all */
	char result[768];             /* the last result ("" none) */
	int result_attr;              /* its attribute */
};

/* Write s into out padded or cut to exactly cols display columns. */
static void fit(char *out, size_t cap, const char *s, int cols)
{
	char clean[512];
	int w;

	i18n_text_sanitize(s, clean, sizeof clean);
	if (i18n_width_truncate(clean, cols, 1, out, cap) < 0)
		out[0] = '\0';
	w = i18n_width_of(out);
	for (size_t len = strlen(out); w < cols && len + 1 < cap; w++, len++) {
		out[len] = ' ';
		out[len + 1] = '\0';
	}
}

/* The text of row i: state, received, name, birth, from. */
static void notice_row(void *arg, int i, char *buf, size_t cap)
{
	const struct notice_st *st = arg;
	const struct db_notice *n = &st->nl.rows[i];
	char a[64], b[128], c[128], d[128], e[128];

	fit(a, sizeof a, i18n_msg(n->declined[0]     ? MSG("scrb_nt_state_declined")
	                          : n->applied_by[0] ? MSG("scrb_nt_state_done")
	                                             : MSG("scrb_nt_state_pending")), 8);
	fit(b, sizeof b, n->name, 18);
	i18n_wareki_text(n->birth, d, sizeof d);
	fit(c, sizeof c, d, 18);
	fit(e, sizeof e, n->from_name, 12);
	i18n_wareki_text(n->tennyu_date, d, sizeof d);
	snprintf(buf, cap, "%s %s %s %s %s", a, b, c, e, d);
}

/* (Re)load the notices, keeping the selection where it was. */
static int reload(struct scr_app *app, struct notice_st *st)
{
	int sel = st->list.sel, rc;

	view_notice_free(&st->nl);
	rc = view_notice_load(app->ctx, 0, &st->nl);
	wgt_list_init(&st->list, st->nl.n, notice_row, st);
	if (sel >= st->nl.n)
		sel = st->nl.n - 1;
	st->list.sel = sel < 0 ? 0 : sel;
	return rc;
}

/* Load the notices. */
static int notice_enter(struct scr_app *app, struct scr *s)
{
	struct notice_st *st = calloc(1, sizeof *st);
	int rc;

	if (!st)
		return MG_ENOMEM;
	rc = reload(app, st);
	if (rc) {
		view_notice_free(&st->nl);
		free(st);
		return rc;
	}
	s->st = st;
	return 0;
}

/* Set the result line from a key and up to three arguments. */
static void say(struct notice_st *st, const char *key, int n, const char *const *a, int attr)
{
	if (i18n_msg_format(st->result, sizeof st->result, key, n, a) < 0)
		st->result[0] = '\0';
	st->result_attr = attr;
}

/* A notice not applied or set aside: why (its first error, or the code)
 * in a dialog, and that it stays pending on the result line. */
static void refused(struct scr_app *app, struct notice_st *st, const struct notice_result *res,
                    int rc)
{
	const struct check_item *it = view_check_first(&res->checks, CHECK_ERROR);
	char text[WGT_DIALOG_TEXT];

	if (rc != MG_ERULE) {
		wgt_dialog_open_rc(&app->dialog, MSG("scrb_nt_failed_title"), rc, 0);
	} else {
		if (!it)
			it = res->checks.n > 0 ? &res->checks.item[0] : NULL;
		if (it)
			view_check_text(it, text, sizeof text);
		else
			snprintf(text, sizeof text, "%s", i18n_msg(mg_rc_msgid(rc)));
		wgt_dialog_open_text(&app->dialog, WGT_DIALOG_ERROR, MSG("scrb_nt_failed_title"),
		                     text, NULL, 0);
	}
	say(st, MSG("scrb_nt_failed"), 0, NULL, CELLS_R_ERROR | CELLS_BOLD);
}

/* After a notice was acted on: the list as it is now. */
static int settled(struct scr_app *app, struct notice_st *st)
{
	int rc = reload(app, st);

	if (rc)
		wgt_dialog_open_rc(&app->dialog, MSG("scrb_nt_failed_title"), rc, 0);
	return SCR_HANDLED | SCR_REDRAW;
}

/* The selected notice, or NULL (none, or settled already: said so). */
static const struct db_notice *selected_pending(struct notice_st *st)
{
	const struct db_notice *n;

	if (st->nl.n == 0)
		return NULL;
	n = &st->nl.rows[st->list.sel];
	if (n->applied_by[0]) {
		const char *a[1] = { n->applied_by };

		say(st, MSG("scrb_nt_already"), 1, a, CELLS_R_ALERT | CELLS_BOLD);
		return NULL;
	}
	return n;
}

/* Set the selected notice aside (受理しない), after the question. */
static int decline_one(struct scr_app *app, struct notice_st *st)
{
	struct notice_result res;
	const struct db_notice *n = selected_pending(st);
	char msg_id[sizeof n->msg_id];
	int rc;

	if (!n)
		return SCR_HANDLED | SCR_REDRAW;
	memcpy(msg_id, n->msg_id, sizeof msg_id);
	memset(&res, 0, sizeof res);
	rc = notice_decline(app->ctx, msg_id, &res);
	if (rc == 0) {
		const char *a[2] = { res.uketsuke_no, i18n_msg(notice_declined_msgid(res.declined)) };

		say(st, MSG("scrb_nt_declined"), 2, a, CELLS_R_INFO | CELLS_BOLD);
	} else {
		refused(app, st, &res, rc);
	}
	return settled(app, st);
}

/* Apply the selected notice (ack: the clerk confirmed its alerts). */
static int apply_one(struct scr_app *app, struct notice_st *st, int ack)
{
	struct notice_result res;
	const struct db_notice *n;
	char msg_id[sizeof n->msg_id], shojo[128];
	int rc;

	n = selected_pending(st);
	if (!n)
		return SCR_HANDLED | SCR_REDRAW;
	memcpy(msg_id, n->msg_id, sizeof msg_id);
	memset(&res, 0, sizeof res);
	rc = notice_apply(app->ctx, msg_id, ack, &res);
	if (rc == 0 && res.headless_setai[0]) {
		const char *a[4] = { res.atena_no, shojo, res.uketsuke_no, res.headless_setai };

		i18n_wareki_text(res.shojo_date, shojo, sizeof shojo);
		say(st, MSG("scrb_nt_done_headless"), 4, a, CELLS_R_ALERT | CELLS_BOLD);
	} else if (rc == 0) {
		const char *a[3] = { res.atena_no, shojo, res.uketsuke_no };

		i18n_wareki_text(res.shojo_date, shojo, sizeof shojo);
		say(st, res.was_yotei ? MSG("scrb_nt_done_yotei") : MSG("scrb_nt_done"), 3, a,
		    CELLS_R_INFO | CELLS_BOLD);
	} else if (rc == MG_ERULE && !ack && !view_check_first(&res.checks, CHECK_ERROR) &&
	           view_check_first(&res.checks, CHECK_ALERT)) {
		/* Only alerts: the clerk reads them and confirms with F2, or not. */
		char text[WGT_DIALOG_TEXT];

		view_check_text(view_check_first(&res.checks, CHECK_ALERT), text, sizeof text);
		wgt_dialog_open_text(&st->dlg, WGT_DIALOG_CONFIRM, MSG("scrb_nt_ack_title"), text, NULL,
		                     TAG_ACK);
		return SCR_HANDLED | SCR_REDRAW;
	} else {
		refused(app, st, &res, rc);
	}
	return settled(app, st);
}

/* Apply every pending notice (after the question). */
static int apply_all(struct scr_app *app, struct notice_st *st)
{
	char a0[16], a1[16];
	const char *a[2] = { a0, a1 };
	int applied = 0, failed = 0, rc;

	rc = notice_apply_all(app->ctx, &applied, &failed);
	snprintf(a0, sizeof a0, "%d", applied);
	snprintf(a1, sizeof a1, "%d", failed);
	if (rc != 0)
		wgt_dialog_open_rc(&app->dialog, MSG("scrb_nt_failed_title"), rc, 0);
	say(st, failed ? MSG("scrb_nt_all_partial") : MSG("scrb_nt_all_done"), 2, a,
	    failed || rc ? CELLS_R_ALERT | CELLS_BOLD : CELLS_R_INFO | CELLS_BOLD);
	rc = reload(app, st);
	if (rc)
		wgt_dialog_open_rc(&app->dialog, MSG("scrb_nt_failed_title"), rc, 0);
	return SCR_HANDLED | SCR_REDRAW;
}

/* Keys: the question first, then F5/F6, Esc, the list. */
static int notice_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct notice_st *st = s->st;

	if (st->dlg.open) {
		if ((wgt_dialog_key(&st->dlg, k) & WGT_CLOSED) && st->dlg.answer == WGT_ANSWER_YES)
			return st->dlg.tag == TAG_ALL       ? apply_all(app, st)
			     : st->dlg.tag == TAG_DECLINE ? decline_one(app, st)
			                                  : apply_one(app, st, 1);
		return SCR_HANDLED | SCR_REDRAW;
	}
	switch (wgt_keybar_match(notice_keys, k)) {
	case ACT_APPLY:
		return apply_one(app, st, 0);
	case ACT_ALL:
		if (st->nl.pending == 0) {
			say(st, MSG("scrb_nt_none_pending"), 0, NULL, CELLS_R_ALERT | CELLS_BOLD);
			return SCR_HANDLED | SCR_REDRAW;
		}
		{
			char n[16], q[512];
			const char *a[1] = { n };

			snprintf(n, sizeof n, "%d", st->nl.pending);
			if (i18n_msg_format(q, sizeof q, MSG("scrb_nt_all_question"), 1, a) < 0)
				q[0] = '\0';
			wgt_dialog_open_text(&st->dlg, WGT_DIALOG_CONFIRM, MSG("scrb_nt_key_all"), q,
			                     NULL, TAG_ALL);
		}
		return SCR_HANDLED | SCR_REDRAW;
	case ACT_DECLINE:
		if (selected_pending(st))
			wgt_dialog_open_text(&st->dlg, WGT_DIALOG_CONFIRM, MSG("scrb_nt_key_decline"),
			                     i18n_msg(MSG("scrb_nt_decline_question")), NULL,
			                     TAG_DECLINE);
		return SCR_HANDLED | SCR_REDRAW;
	case ACT_BACK:
		return SCR_HANDLED | SCR_CLOSE;
	default:
		break;
	}
	if (wgt_list_key(&st->list, k) & WGT_HANDLED)
		return SCR_HANDLED | SCR_REDRAW;
	return 0;
}

/* One "label: value" line of the detail pane. */
static void detail_row(struct cells *c, int x, int y, int w, const char *label_msgid,
                       const char *value)
{
	int lw = cells_text(c, x, y, 14, i18n_msg(label_msgid), CELLS_R_LABEL, CELLS_ELLIPSIS);

	(void)lw;
	cells_text(c, x + 15, y, w - 15, value, CELLS_R_NORMAL, CELLS_ELLIPSIS);
}

/* The details of the selected notice. */
static void draw_detail(const struct notice_st *st, struct cells *c, int x, int y, int w, int h)
{
	const struct db_notice *n = &st->nl.rows[st->list.sel];
	char d[128], line[512];
	int r = 0;

	if (h < 1)
		return;
	detail_row(c, x, y + r++, w, MSG("scrb_nt_name"), n->name);
	if (r < h) {
		i18n_wareki_text(n->birth, d, sizeof d);
		detail_row(c, x, y + r++, w, MSG("scrb_nt_birth"), d);
	}
	if (r < h)
		detail_row(c, x, y + r++, w, MSG("scrb_nt_kojin"),
		           n->kojin_bango[0] ? "************" : "");
	if (r < h)
		detail_row(c, x, y + r++, w, MSG("scrb_nt_new_address"), n->new_address);
	if (r < h) {
		i18n_wareki_text(n->tennyu_date, d, sizeof d);
		detail_row(c, x, y + r++, w, MSG("scrb_nt_tennyu_date"), d);
	}
	if (r < h) {
		const char *a[2] = { n->from_name, n->from_code };

		if (i18n_msg_format(line, sizeof line, MSG("scrb_nt_from_value"), 2, a) < 0)
			line[0] = '\0';
		detail_row(c, x, y + r++, w, MSG("scrb_nt_from"), line);
	}
	if (r < h) {
		const char *a[2] = { n->applied_by, n->atena_no };
		const char *why[2] = { n->applied_by, i18n_msg(notice_declined_msgid(n->declined)) };

		if (n->declined[0]) {
			if (i18n_msg_format(line, sizeof line, MSG("scrb_nt_state_declined_value"), 2,
			                    why) < 0)
				line[0] = '\0';
		} else if (n->applied_by[0]) {
			if (i18n_msg_format(line, sizeof line, MSG("scrb_nt_state_done_value"), 2, a) < 0)
				line[0] = '\0';
		} else {
			snprintf(line, sizeof line, "%s", i18n_msg(MSG("scrb_nt_state_pending")));
		}
		detail_row(c, x, y + r, w, MSG("scrb_nt_state"), line);
	}
}

/* The page: count, list, details, result. */
static void notice_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows)
{
	struct notice_st *st = s->st;
	char n0[16], n1[16], line[256];
	const char *a[2] = { n0, n1 };
	int x = 2, w = c->w - 4, y = top, end = top + rows, lh, dh = 7, rh;

	(void)app;
	snprintf(n0, sizeof n0, "%d", st->nl.n);
	snprintf(n1, sizeof n1, "%d", st->nl.pending);
	if (i18n_msg_format(line, sizeof line, MSG("scrb_nt_count"), 2, a) < 0)
		line[0] = '\0';
	cells_text(c, x, y++, w, line, CELLS_R_NORMAL, CELLS_ELLIPSIS);
	if (st->nl.n == 0) {
		cells_wrap(c, x, y + 1, w, 3, i18n_msg(MSG("scrb_nt_empty")), CELLS_R_DIM);
	} else {
		rh = st->result[0] ? cells_wrap(NULL, 0, 0, w, 3, st->result, 0) : 0;
		lh = end - y - 1 - dh - 1 - (rh ? rh + 1 : 0);
		if (lh > st->nl.n)
			lh = st->nl.n;
		if (lh < 2)
			lh = 2;
		cells_text(c, x, y++, w, i18n_msg(MSG("scrb_nt_header")), CELLS_R_DIM, CELLS_ELLIPSIS);
		wgt_list_draw(&st->list, c, x, y, w, lh);
		y += lh;
		cells_hline(c, x, y++, w, CELLS_R_DIM);
		if (dh > end - y - (rh ? rh + 1 : 0))
			dh = end - y - (rh ? rh + 1 : 0);
		draw_detail(st, c, x, y, w, dh);
		y += dh > 0 ? dh : 0;
	}
	if (st->result[0] && y < end)
		cells_wrap(c, x, y + (st->nl.n ? 0 : 4), w, end - y, st->result, st->result_attr);
	if (st->dlg.open) {
		c->cur_visible = 0;
		wgt_dialog_draw(&st->dlg, c);
	}
}

/* Wipe the notices and free the state. */
static void notice_leave(struct scr_app *app, struct scr *s)
{
	struct notice_st *st = s->st;

	(void)app;
	if (!st)
		return;
	view_notice_free(&st->nl);
	explicit_bzero(st, sizeof *st);
	free(st);
	s->st = NULL;
}

const struct scr_ops scr_notice = {
	.name = "notice",
	.title_msgid = MSG("scrb_nt_title"),
	.keys = notice_keys,
	.needs_session = 1,
	.enter = notice_enter,
	.key = notice_key,
	.tick = NULL,
	.draw = notice_draw,
	.leave = notice_leave,
};
