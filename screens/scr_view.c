/*
 * scr_view.c — the 住民票 view (see scr_view.h). Pages (static scr_ops of
 * this file sharing the state, swapped in s->ops): the view itself, the
 * reason list of a reveal and the supervisor's approval form.
 */
#include "screens/scr_view.h"

#include "screens/cells.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_dialog.h"
#include "screens/wgt_field.h"
#include "screens/wgt_form.h"
#include "screens/wgt_keybar.h"
#include "screens/wgt_list.h"

#include "app/app_ctx.h"
#include "app/config.h"
#include "app/search.h"
#include "app/session.h"
#include "app/view_registry.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_wareki.h"
#include "i18n/i18n_width.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ACT_BACK = 1, ACT_REVEAL, ACT_PANE, ACT_OPEN, ACT_CHOOSE, ACT_APPROVE };

#define VIEW_MAX_ROWS 64     /* household members / history rows kept */
#define REVEAL_MAX 30        /* issue 6: a reveal lasts at most 30 seconds */

static const struct wgt_keybar_item keys_view[] = {
	{ UI_K_F5, ACT_REVEAL, MSG("sa_view_key_reveal") },
	{ UI_K_F6, ACT_PANE, MSG("sa_view_key_pane") },
	{ UI_K_ENTER, ACT_OPEN, MSG("sa_view_key_open") },
	{ UI_K_ESC, ACT_BACK, MSG("sa_key_back") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_reason[] = {
	{ UI_K_ENTER, ACT_CHOOSE, MSG("sa_view_key_choose") },
	{ UI_K_ESC, ACT_BACK, MSG("sa_key_cancel") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_approve[] = {
	{ UI_K_F10, ACT_APPROVE, MSG("sa_view_key_approve") },
	{ UI_K_ESC, ACT_BACK, MSG("sa_key_cancel") },
	{ 0, 0, NULL }
};

/* The reasons a reveal may be asked for (code logged, text from the catalog). */
static const struct { const char *code, *msgid; } reasons[] = {
	{ "identity_check", MSG("sa_reason_identity") },
	{ "card_procedure", MSG("sa_reason_card") },
	{ "agency_inquiry", MSG("sa_reason_agency") },
	{ "record_correction", MSG("sa_reason_correction") },
};

#define N_REASONS ((int)(sizeof reasons / sizeof reasons[0]))

/* 異動事由 codes and their catalog texts. */
static const struct { const char *code, *msgid; } jiyu[] = {
	{ "tennyu", MSG("sa_jiyu_tennyu") },
	{ "tokurei_tennyu", MSG("sa_jiyu_tokurei_tennyu") },
	{ "tenshutsu", MSG("sa_jiyu_tenshutsu") },
	{ "tenshutsu_kakutei", MSG("sa_jiyu_tenshutsu_kakutei") },
	{ "setainushi_henko", MSG("sa_jiyu_setainushi_henko") },
	{ "shussei", MSG("sa_jiyu_shussei") },
};

struct view_st {
	struct db_resident p;                      /* the person (current row) */
	struct db_resident *memb;                  /* household members (owned) */
	int nmemb;
	struct db_resident *hist;                  /* history rows (owned) */
	int nhist;
	int pane;                                  /* 0: household, 1: history */
	struct wgt_list lmemb, lhist, lreason;
	long long reveal_until;                    /* app->now until which the number shows */
	int reason;                                /* chosen reason index */
	struct wgt_field sup_id, sup_pw;           /* the approval form */
	struct wgt_form_item aitems[2];
	struct wgt_form aform;
	char amsg[512];                            /* approval result */
	char approver[33];
	char open_atena[DB_ID_CAP];                /* a member opened from the list */
	struct wgt_dialog dlg;
};

static const struct scr_ops view_reason_ops;
static const struct scr_ops view_approve_ops;

/* Copy s cut/padded to exactly cols display columns after *used in buf. */
static void col_add(char *buf, size_t cap, size_t *used, const char *s, int cols)
{
	char cut[512];
	int w = i18n_width_truncate(s ? s : "", cols, 1, cut, sizeof cut);
	int n = snprintf(buf + *used, cap - *used, "%s%*s", cut, cols - w > 0 ? cols - w : 0, "");

	if (n > 0)
		*used = *used + (size_t)n < cap ? *used + (size_t)n : cap - 1;
}

/* The catalog text of a person's state. */
static const char *state_text(const char *state)
{
	return i18n_msg(view_registry_state_msgid(state));
}

/* The catalog text of a sex code. */
static const char *sex_text(const char *sex)
{
	return i18n_msg(view_registry_sex_msgid(sex));
}

/* The catalog text of a 異動事由 code (the code itself when unknown). */
static const char *jiyu_text(const char *code)
{
	for (size_t i = 0; i < sizeof jiyu / sizeof jiyu[0]; i++)
		if (strcmp(jiyu[i].code, code) == 0)
			return i18n_msg(jiyu[i].msgid);
	return code;
}

/* Format a key with up to three arguments into out. */
static void fmt(char *out, size_t cap, const char *key, const char *a0, const char *a1,
                const char *a2)
{
	const char *a[3] = { a0, a1, a2 };

	if (i18n_msg_format(out, cap, key, 3, a) < 0)
		out[0] = 0;
}

/* Append a row to a growable array (capped at VIEW_MAX_ROWS). */
static int keep(struct db_resident **arr, int *n, const struct db_resident *r)
{
	struct db_resident *g;

	if (*n >= VIEW_MAX_ROWS)
		return 0;
	g = realloc(*arr, (size_t)(*n + 1) * sizeof *g);
	if (!g)
		return MG_ENOMEM;
	*arr = g;
	g[(*n)++] = *r;
	return 0;
}

/* Keep one household member. */
static int keep_member(void *arg, const struct db_resident *r)
{
	struct view_st *st = arg;

	return keep(&st->memb, &st->nmemb, r);
}

/* Keep one history row. */
static int keep_history(void *arg, const struct db_resident *r)
{
	struct view_st *st = arg;

	return keep(&st->hist, &st->nhist, r);
}

/* A household row: 続柄, 氏名, 生年月日, 性別, state. */
static void memb_row(void *arg, int i, char *buf, size_t cap)
{
	const struct view_st *st = arg;
	const struct db_resident *r = &st->memb[i];
	char birth[64];
	size_t used = 0;

	i18n_wareki_text(r->birth, birth, sizeof birth);
	buf[0] = 0;
	col_add(buf, cap, &used, r->zokugara, 12);
	col_add(buf, cap, &used, r->name, 18);
	col_add(buf, cap, &used, birth, 18);
	col_add(buf, cap, &used, sex_text(r->sex), 4);
	col_add(buf, cap, &used, state_text(r->state), 10);
}

/* A history row: 履歴番号, 異動事由, 異動日, 届出日, state, 受付番号. */
static void hist_row(void *arg, int i, char *buf, size_t cap)
{
	const struct view_st *st = arg;
	const struct db_resident *r = &st->hist[i];
	char d1[64], d2[64], no[16];
	size_t used = 0;

	i18n_wareki_text(r->idou_date, d1, sizeof d1);
	i18n_wareki_text(r->todoke_date, d2, sizeof d2);
	snprintf(no, sizeof no, "%d", r->rireki_no);
	buf[0] = 0;
	col_add(buf, cap, &used, no, 4);
	col_add(buf, cap, &used, jiyu_text(r->idou_jiyu), 14);
	col_add(buf, cap, &used, d1, 18);
	col_add(buf, cap, &used, d2, 18);
	col_add(buf, cap, &used, state_text(r->state), 10);
	col_add(buf, cap, &used, r->uketsuke_no, 14);
}

/* A reason row. */
static void reason_row(void *arg, int i, char *buf, size_t cap)
{
	(void)arg;
	snprintf(buf, cap, " %d  %s", i + 1, i18n_msg(reasons[i].msgid));
}

/* Load the person (logged view), the household and the history. */
static int view_enter(struct scr_app *app, struct scr *s)
{
	const char *atena = s->arg;
	struct view_st *st;
	int rc;

	if (!atena || !atena[0])
		return MG_EINVAL;
	st = calloc(1, sizeof *st);
	if (!st)
		return MG_ENOMEM;
	rc = search_view(app->ctx, atena, &st->p);
	if (rc == 0 && st->p.setai_no[0] && strcmp(st->p.state, "jyohyo") != 0)
		rc = view_registry_household(app->ctx, st->p.setai_no, keep_member, st);
	if (rc == 0)
		rc = search_history(app->ctx, atena, keep_history, st);
	if (rc) {
		free(st->memb);
		free(st->hist);
		explicit_bzero(st, sizeof *st);
		free(st);
		return rc;
	}
	wgt_list_init(&st->lmemb, st->nmemb, memb_row, st);
	wgt_list_init(&st->lhist, st->nhist, hist_row, st);
	st->lhist.sel = st->nhist > 0 ? st->nhist - 1 : 0;
	wgt_list_init(&st->lreason, N_REASONS, reason_row, st);
	wgt_field_init(&st->sup_id, WGT_FIELD_TEXT, SESSION_ID_MAX);
	wgt_field_init(&st->sup_pw, WGT_FIELD_MASKED, 128);
	st->aitems[0] = (struct wgt_form_item){ .label_msgid = MSG("sa_approve_id"),
	                                        .field = &st->sup_id, .width = 34, .required = 1 };
	st->aitems[1] = (struct wgt_form_item){ .label_msgid = MSG("sa_approve_password"),
	                                        .field = &st->sup_pw, .width = 34, .required = 1 };
	wgt_form_init(&st->aform, st->aitems, 2);
	s->st = st;
	return 0;
}

/* The configured reveal time, at most REVEAL_MAX seconds. */
static int reveal_seconds(const struct scr_app *app)
{
	int n = app->cfg ? app->cfg->reveal_seconds : REVEAL_MAX;

	if (n <= 0 || n > REVEAL_MAX)
		n = REVEAL_MAX;
	return n;
}

/* 1 while the 個人番号 may be shown. */
static int revealed(const struct scr_app *app, const struct view_st *st)
{
	return st->reveal_until > 0 && app->now < st->reveal_until;
}

/* Ask the supervisor's approval; on success show the number for a while. */
static int do_approve(struct scr_app *app, struct scr *s, struct view_st *st)
{
	int rc;

	st->amsg[0] = 0;
	if (wgt_form_check(&st->aform) != 0) {
		wgt_field_clear(&st->sup_pw);
		return SCR_HANDLED | SCR_REDRAW;
	}
	rc = view_registry_reveal(app->ctx, st->p.atena_no, wgt_field_value(&st->sup_id),
	                          wgt_field_value(&st->sup_pw), reasons[st->reason].code,
	                          st->approver, sizeof st->approver);
	wgt_field_wipe(&st->sup_pw);
	if (rc) {
		fmt(st->amsg, sizeof st->amsg, rc == MG_EAUTH ? MSG("sa_approve_failed")
		                               : rc == MG_EPERM ? MSG("sa_approve_not_allowed")
		                                                : mg_rc_msgid(rc), NULL, NULL, NULL);
		return SCR_HANDLED | SCR_REDRAW;
	}
	wgt_field_wipe(&st->sup_id);
	st->aform.focus = 0;
	st->reveal_until = app->now + reveal_seconds(app);
	s->ops = &scr_view;
	return SCR_HANDLED | SCR_REDRAW;
}

/* Keys of the view page. */
static int key_view(struct scr_app *app, struct scr *s, struct view_st *st,
                    const struct ui_key *k)
{
	struct wgt_list *l = st->pane ? &st->lhist : &st->lmemb;

	switch (wgt_keybar_match(keys_view, k)) {
	case ACT_BACK:
		return SCR_HANDLED | SCR_CLOSE;
	case ACT_REVEAL:
		if (!st->p.kojin_bango[0]) {
			wgt_dialog_open(&st->dlg, WGT_DIALOG_INFO, MSG("sa_view_reveal_title"),
			                MSG("sa_view_no_kojin"), NULL, 0);
			return SCR_HANDLED | SCR_REDRAW;
		}
		if (revealed(app, st))
			return SCR_HANDLED;
		st->amsg[0] = 0;
		st->lreason.sel = 0;
		s->ops = &view_reason_ops;
		return SCR_HANDLED | SCR_REDRAW;
	case ACT_PANE:
		st->pane = !st->pane;
		return SCR_HANDLED | SCR_REDRAW;
	case ACT_OPEN:
		if (st->pane || st->lmemb.sel >= st->nmemb ||
		    strcmp(st->memb[st->lmemb.sel].atena_no, st->p.atena_no) == 0)
			return SCR_HANDLED;
		snprintf(st->open_atena, sizeof st->open_atena, "%s", st->memb[st->lmemb.sel].atena_no);
		app->push_ops = &scr_view;
		app->push_arg = st->open_atena;
		return SCR_HANDLED | SCR_REDRAW | SCR_PUSH;
	default:
		break;
	}
	return wgt_list_key(l, k) ? SCR_HANDLED | SCR_REDRAW : 0;
}

/* Keys: the box, then the page's table. */
static int view_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct view_st *st = s->st;
	int r;

	if (st->dlg.open) {
		wgt_dialog_key(&st->dlg, k);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (s->ops == &view_reason_ops) {
		switch (wgt_keybar_match(keys_reason, k)) {
		case ACT_CHOOSE:
			st->reason = st->lreason.sel;
			st->aform.focus = 0;
			s->ops = &view_approve_ops;
			return SCR_HANDLED | SCR_REDRAW;
		case ACT_BACK:
			s->ops = &scr_view;
			return SCR_HANDLED | SCR_REDRAW;
		default:
			break;
		}
		if (k->code == UI_K_CHAR && k->ch >= L'1' && k->ch < L'1' + N_REASONS) {
			st->lreason.sel = (int)(k->ch - L'1');
			return SCR_HANDLED | SCR_REDRAW;
		}
		return wgt_list_key(&st->lreason, k) ? SCR_HANDLED | SCR_REDRAW : 0;
	}
	if (s->ops == &view_approve_ops) {
		switch (wgt_keybar_match(keys_approve, k)) {
		case ACT_APPROVE:
			return do_approve(app, s, st);
		case ACT_BACK:
			wgt_field_wipe(&st->sup_id);
			wgt_field_wipe(&st->sup_pw);
			s->ops = &scr_view;
			return SCR_HANDLED | SCR_REDRAW;
		default:
			break;
		}
		r = wgt_form_key(&st->aform, k);
		if (r & WGT_SUBMIT)
			return do_approve(app, s, st);
		return r ? SCR_HANDLED | SCR_REDRAW : 0;
	}
	return key_view(app, s, st, k);
}

/* Re-mask when the time is up; count down while shown. */
static int view_tick(struct scr_app *app, struct scr *s)
{
	struct view_st *st = s->st;

	if (st->reveal_until == 0)
		return 0;
	if (app->now >= st->reveal_until)
		st->reveal_until = 0;
	return SCR_REDRAW;
}

/* The 個人番号 line: masked, or the digits with the seconds left. */
static void kojin_text(const struct scr_app *app, const struct view_st *st, char *out,
                       size_t cap)
{
	const char *k = st->p.kojin_bango;
	char digits[32], left[16];

	if (!k[0]) {
		fmt(out, cap, MSG("sa_view_kojin_none"), NULL, NULL, NULL);
	} else if (revealed(app, st) && strlen(k) == 12) {
		snprintf(digits, sizeof digits, "%.4s %.4s %.4s", k, k + 4, k + 8);
		snprintf(left, sizeof left, "%lld", st->reveal_until - app->now);
		fmt(out, cap, MSG("sa_view_kojin_shown"), digits, left, NULL);
	} else {
		fmt(out, cap, MSG("sa_view_kojin_masked"), NULL, NULL, NULL);
	}
}

/* The person's block; returns the next free row. */
static int draw_person(const struct scr_app *app, const struct view_st *st, struct cells *c,
                       int y)
{
	const struct db_resident *p = &st->p;
	char line[1024], d1[64], d2[64];
	int w = c->w - 4, sw;

	fmt(line, sizeof line, MSG("sa_view_name"), p->name, p->name_kana, NULL);
	cells_text(c, 2, y, w - 14, line, CELLS_R_NORMAL | CELLS_BOLD, CELLS_ELLIPSIS);
	fmt(line, sizeof line, MSG("sa_view_state"), state_text(p->state), NULL, NULL);
	sw = cells_width(line);
	cells_text(c, c->w - 2 - sw, y, sw, line,
	           (strcmp(p->state, "current") == 0 ? CELLS_R_INFO : CELLS_R_ALERT) | CELLS_REVERSE,
	           0);
	i18n_wareki_text(p->birth, d1, sizeof d1);
	fmt(line, sizeof line, MSG("sa_view_birth"), d1, sex_text(p->sex), p->atena_no);
	cells_text(c, 2, ++y, w, line, CELLS_R_NORMAL, CELLS_ELLIPSIS);
	fmt(line, sizeof line, MSG("sa_view_address"), p->addr_text, p->katagaki, NULL);
	cells_text(c, 2, ++y, w, line, CELLS_R_NORMAL, CELLS_ELLIPSIS);
	fmt(line, sizeof line, MSG("sa_view_household"), p->setai_no, p->head_name, p->zokugara);
	cells_text(c, 2, ++y, w, line, CELLS_R_NORMAL, CELLS_ELLIPSIS);
	i18n_wareki_text(p->jumin_date, d1, sizeof d1);
	i18n_wareki_text(p->jusho_date, d2, sizeof d2);
	fmt(line, sizeof line, MSG("sa_view_dates"), d1, d2, NULL);
	cells_text(c, 2, ++y, w, line, CELLS_R_NORMAL, CELLS_ELLIPSIS);
	kojin_text(app, st, line, sizeof line);
	cells_text(c, 2, ++y, w, line, revealed(app, st) ? CELLS_R_ALERT | CELLS_BOLD : CELLS_R_NORMAL,
	           CELLS_ELLIPSIS);
	if (strcmp(p->state, "yotei") == 0) {
		i18n_wareki_text(p->dest_planned_date, d1, sizeof d1);
		fmt(line, sizeof line, MSG("sa_view_yotei"), p->dest_planned, d1, NULL);
		cells_text(c, 2, ++y, w, line, CELLS_R_ALERT, CELLS_ELLIPSIS);
	} else if (strcmp(p->state, "jyohyo") == 0) {
		i18n_wareki_text(p->shojo_date, d1, sizeof d1);
		fmt(line, sizeof line, MSG("sa_view_jyohyo"), jiyu_text(p->shojo_jiyu), d1,
		    p->dest_confirmed[0] ? p->dest_confirmed : p->dest_planned);
		cells_text(c, 2, ++y, w, line, CELLS_R_ALERT, CELLS_ELLIPSIS);
	}
	return y + 2;
}

/* The view page: the person, then the household or the history. */
static void draw_view(const struct scr_app *app, struct view_st *st, struct cells *c, int top,
                      int rows)
{
	char head[512];
	size_t used = 0;
	int y = draw_person(app, st, c, top);

	cells_text(c, 2, y, c->w - 4,
	           i18n_msg(st->pane ? MSG("sa_view_pane_history") : MSG("sa_view_pane_household")),
	           CELLS_R_TITLE | CELLS_BOLD, CELLS_ELLIPSIS);
	head[0] = 0;
	if (st->pane) {
		col_add(head, sizeof head, &used, i18n_msg(MSG("sa_col_rireki")), 4);
		col_add(head, sizeof head, &used, i18n_msg(MSG("sa_col_jiyu")), 14);
		col_add(head, sizeof head, &used, i18n_msg(MSG("sa_col_idou_date")), 18);
		col_add(head, sizeof head, &used, i18n_msg(MSG("sa_col_todoke_date")), 18);
		col_add(head, sizeof head, &used, i18n_msg(MSG("sa_col_state")), 10);
		col_add(head, sizeof head, &used, i18n_msg(MSG("sa_col_uketsuke")), 14);
	} else {
		col_add(head, sizeof head, &used, i18n_msg(MSG("sa_col_zokugara")), 12);
		col_add(head, sizeof head, &used, i18n_msg(MSG("sa_col_name")), 18);
		col_add(head, sizeof head, &used, i18n_msg(MSG("sa_col_birth")), 18);
		col_add(head, sizeof head, &used, i18n_msg(MSG("sa_col_sex")), 4);
		col_add(head, sizeof head, &used, i18n_msg(MSG("sa_col_state")), 10);
	}
	cells_text(c, 2, y + 1, c->w - 4, head, CELLS_R_LABEL, CELLS_ELLIPSIS);
	if (!st->pane && st->nmemb == 0)
		cells_text(c, 2, y + 2, c->w - 4, i18n_msg(MSG("sa_view_no_household")), CELLS_R_DIM,
		           CELLS_ELLIPSIS);
	else
		wgt_list_draw(st->pane ? &st->lhist : &st->lmemb, c, 2, y + 2, c->w - 4,
		              top + rows - y - 2);
}

/* Draw the page and the box. */
static void view_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows)
{
	struct view_st *st = s->st;
	int y = top + 1, w = c->w - 4;
	char line[512];

	if (s->ops == &view_reason_ops) {
		fmt(line, sizeof line, MSG("sa_view_reason_prompt"), st->p.name, NULL, NULL);
		y += cells_wrap(c, 2, y, w, 3, line, CELLS_R_NORMAL) + 1;
		wgt_list_draw(&st->lreason, c, 4, y, w - 4 < 60 ? w - 4 : 60, N_REASONS);
	} else if (s->ops == &view_approve_ops) {
		fmt(line, sizeof line, MSG("sa_view_approve_prompt"), i18n_msg(reasons[st->reason].msgid),
		    NULL, NULL);
		y += cells_wrap(c, 2, y, w, 3, line, CELLS_R_NORMAL) + 1;
		wgt_form_draw(&st->aform, c, 2, y, w, 4);
		y += wgt_form_rows(&st->aform) + 1;
		if (st->amsg[0])
			cells_wrap(c, 2, y, w, 3, st->amsg, CELLS_R_ERROR | CELLS_BOLD);
	} else {
		draw_view(app, st, c, top, rows);
	}
	if (st->dlg.open) {
		c->cur_visible = 0;
		wgt_dialog_draw(&st->dlg, c);
	}
}

/* Wipe everything shown and typed, free the rows. */
static void view_leave(struct scr_app *app, struct scr *s)
{
	struct view_st *st = s->st;

	(void)app;
	if (!st)
		return;
	if (st->memb)
		explicit_bzero(st->memb, (size_t)st->nmemb * sizeof *st->memb);
	if (st->hist)
		explicit_bzero(st->hist, (size_t)st->nhist * sizeof *st->hist);
	free(st->memb);
	free(st->hist);
	wgt_field_wipe(&st->sup_pw);
	explicit_bzero(st, sizeof *st);
	free(st);
	s->st = NULL;
}

const struct scr_ops scr_view = {
	.name = "view",
	.title_msgid = MSG("sa_view_title"),
	.keys = keys_view,
	.needs_session = 1,
	.enter = view_enter,
	.key = view_key,
	.tick = view_tick,
	.draw = view_draw,
	.leave = view_leave,
};

static const struct scr_ops view_reason_ops = {
	.name = "view",
	.title_msgid = MSG("sa_view_reason_title"),
	.keys = keys_reason,
	.needs_session = 1,
	.enter = view_enter,
	.key = view_key,
	.tick = view_tick,
	.draw = view_draw,
	.leave = view_leave,
};

static const struct scr_ops view_approve_ops = {
	.name = "view",
	.title_msgid = MSG("sa_view_approve_title"),
	.keys = keys_approve,
	.needs_session = 1,
	.enter = view_enter,
	.key = view_key,
	.tick = view_tick,
	.draw = view_draw,
	.leave = view_leave,
};
