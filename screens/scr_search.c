/*
 * scr_search.c — 住民検索 (see scr_search.h). One stack entry with three
 * pages: the criteria form, the result list and the supervisor's approval
 * for more results than the cap. A page is a static scr_ops of this file
 * sharing the handlers and the state, so each page's key bar and title come
 * from its own key table; switching page swaps s->ops.
 */
#include "screens/scr_search.h"

#include "screens/cells.h"
#include "screens/scr_view.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_dialog.h"
#include "screens/wgt_field.h"
#include "screens/wgt_form.h"
#include "screens/wgt_keybar.h"
#include "screens/wgt_list.h"

#include "app/view_registry.h"
#include "app/app_ctx.h"
#include "app/perm.h"
#include "app/search.h"
#include "app/session.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_wareki.h"
#include "i18n/i18n_width.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	ACT_SEARCH = 1, ACT_JYOHYO, ACT_APPROVE, ACT_BACK, ACT_OPEN, ACT_DO_APPROVE
};

/* Dialog tags. */
enum { TAG_NONE, TAG_DISCARD };

static const struct wgt_keybar_item keys_form[] = {
	{ UI_K_F10, ACT_SEARCH, MSG("sa_search_key_search") },
	{ UI_K_F6, ACT_JYOHYO, MSG("sa_search_key_jyohyo") },
	{ UI_K_F7, ACT_APPROVE, MSG("sa_search_key_approve") },
	{ UI_K_ESC, ACT_BACK, MSG("sa_key_back") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_list[] = {
	{ UI_K_ENTER, ACT_OPEN, MSG("sa_search_key_open") },
	{ UI_K_ESC, ACT_BACK, MSG("sa_search_key_criteria") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_pick[] = {
	{ UI_K_ENTER, ACT_OPEN, MSG("sa_search_key_pick") },
	{ UI_K_ESC, ACT_BACK, MSG("sa_search_key_criteria") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_approve[] = {
	{ UI_K_F10, ACT_DO_APPROVE, MSG("sa_search_key_do_approve") },
	{ UI_K_ESC, ACT_BACK, MSG("sa_key_back") },
	{ 0, 0, NULL }
};

struct search_st {
	struct wgt_field name, addr, birth, sex;   /* the criteria */
	struct wgt_form_item items[4];
	struct wgt_form form;
	int jyohyo;                                /* 1: include 除票 */
	struct search_result res;                  /* the last result (rows owned) */
	int have_rows;                             /* 1: res.rows is the list */
	struct wgt_list list;
	char msg[2048];                            /* refusals / notes under the form */
	int msg_attr;
	int too_many;                              /* the last search hit the cap */
	int want;                                  /* approved rows beyond the cap */
	char approver[33];                         /* the approving supervisor */
	char approver_pw[256];                     /* their password, until the search ran */
	struct wgt_field sup_id, sup_pw;           /* approval form */
	struct wgt_form_item aitems[2];
	struct wgt_form aform;
	char amsg[512];                            /* approval result */
	char atena[DB_ID_CAP];                     /* the row opened in scr_view */
	const struct scr_search_pick *pick;        /* pick mode (borrowed) */
	struct wgt_dialog dlg;                     /* the screen's own box */
};

static const struct scr_ops search_list_ops;
static const struct scr_ops search_pick_ops;
static const struct scr_ops search_approve_ops;

/* Copy s cut/padded to exactly cols display columns after *used in buf. */
static void col_add(char *buf, size_t cap, size_t *used, const char *s, int cols)
{
	char cut[512];
	int w = i18n_width_truncate(s ? s : "", cols, 1, cut, sizeof cut);
	int n;

	n = snprintf(buf + *used, cap - *used, "%s%*s", cut, cols - w > 0 ? cols - w : 0, "");
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

/* One result row: name, birth (和暦), sex, state, address. */
static void list_row(void *arg, int i, char *buf, size_t cap)
{
	const struct search_st *st = arg;
	const struct db_resident *r = &st->res.rows[i];
	char birth[64];
	size_t used = 0;

	i18n_wareki_text(r->birth, birth, sizeof birth);
	buf[0] = 0;
	col_add(buf, cap, &used, r->name, 16);
	col_add(buf, cap, &used, " ", 1);
	col_add(buf, cap, &used, birth, 17);
	col_add(buf, cap, &used, sex_text(r->sex), 3);
	col_add(buf, cap, &used, state_text(r->state), 9);
	col_add(buf, cap, &used, r->addr_text, 30);
}

/* Set up the criteria form. */
static int search_enter(struct scr_app *app, struct scr *s)
{
	struct search_st *st = calloc(1, sizeof *st);

	(void)app;
	if (!st)
		return MG_ENOMEM;
	wgt_field_init(&st->name, WGT_FIELD_TEXT, 120);
	wgt_field_init(&st->addr, WGT_FIELD_TEXT, 120);
	/* Text, not a calendar date: the registry holds 2月30日 too (標準仕様
	 * 1.1.8), and search_run tells the clerk what it cannot read. */
	wgt_field_init(&st->birth, WGT_FIELD_TEXT, 60);
	wgt_field_init(&st->sex, WGT_FIELD_TEXT, 3);
	st->items[0] = (struct wgt_form_item){ .label_msgid = MSG("sa_search_name"),
	                                       .field = &st->name, .width = 28,
	                                       .hint_msgid = MSG("sa_search_name_hint") };
	st->items[1] = (struct wgt_form_item){ .label_msgid = MSG("sa_search_address"),
	                                       .field = &st->addr, .width = 28,
	                                       .hint_msgid = MSG("sa_search_address_hint") };
	st->items[2] = (struct wgt_form_item){ .label_msgid = MSG("sa_search_birth"),
	                                       .field = &st->birth, .width = 28 };
	st->items[3] = (struct wgt_form_item){ .label_msgid = MSG("sa_search_sex"),
	                                       .field = &st->sex, .width = 6,
	                                       .hint_msgid = MSG("sa_search_sex_hint") };
	wgt_form_init(&st->form, st->items, 4);
	wgt_field_init(&st->sup_id, WGT_FIELD_TEXT, SESSION_ID_MAX);
	wgt_field_init(&st->sup_pw, WGT_FIELD_MASKED, 128);
	st->aitems[0] = (struct wgt_form_item){ .label_msgid = MSG("sa_approve_id"),
	                                        .field = &st->sup_id, .width = 34, .required = 1 };
	st->aitems[1] = (struct wgt_form_item){ .label_msgid = MSG("sa_approve_password"),
	                                        .field = &st->sup_pw, .width = 34, .required = 1 };
	wgt_form_init(&st->aform, st->aitems, 2);
	st->pick = s->arg;
	s->st = st;
	return 0;
}

/* Append the formatted text of every refusal of the policy to the message. */
static void say_checks(struct search_st *st, const struct check_list *l)
{
	size_t used = 0;

	st->msg[0] = 0;
	for (int i = 0; i < l->n && used + 2 < sizeof st->msg; i++) {
		const char *a[3] = { l->item[i].args[0], l->item[i].args[1], l->item[i].args[2] };
		int n = i18n_msg_format(st->msg + used, sizeof st->msg - used, l->item[i].msgid,
		                        l->item[i].nargs, a);

		if (n < 0)
			break;
		used += (size_t)n;
		if (used + 2 < sizeof st->msg && i + 1 < l->n) {
			st->msg[used++] = '\n';
			st->msg[used] = 0;
		}
	}
	st->msg_attr = CELLS_R_ERROR | CELLS_BOLD;
}

/* Set the message from a key with up to one argument. */
static void say(char *out, size_t cap, const char *key, const char *arg)
{
	const char *a[1] = { arg };

	if (i18n_msg_format(out, cap, key, arg ? 1 : 0, a) < 0)
		out[0] = 0;
}

/* Open the list page (pick mode or view mode). */
static void show_list(struct scr *s, struct search_st *st)
{
	wgt_list_init(&st->list, st->res.n, list_row, st);
	s->ops = st->pick ? &search_pick_ops : &search_list_ops;
}

/* An approval is for the one search it was given for: once that has run (or
 * could not), the password is wiped and the next search sends no id. */
static void forget_approval(struct search_st *st)
{
	explicit_bzero(st->approver_pw, sizeof st->approver_pw);
	st->approver[0] = 0;
	st->want = 0;
}

/* Run the search with the form's criteria. */
static int do_search(struct scr_app *app, struct scr *s, struct search_st *st)
{
	struct search_req *q;
	const char *sex = wgt_field_value(&st->sex);
	char n[16];
	int rc, approved = st->approver[0] != 0;

	search_free(&st->res);
	st->have_rows = 0;
	st->msg[0] = 0;
	st->too_many = 0;
	if (wgt_form_check(&st->form) != 0) {
		forget_approval(st);
		return SCR_HANDLED | SCR_REDRAW;
	}
	q = calloc(1, sizeof *q);
	if (!q) {
		forget_approval(st);
		wgt_dialog_open_rc(&st->dlg, MSG("ui_dlg_title_error"), MG_ENOMEM, TAG_NONE);
		return SCR_HANDLED | SCR_REDRAW;
	}
	snprintf(q->name, sizeof q->name, "%s", wgt_field_value(&st->name));
	snprintf(q->address, sizeof q->address, "%s", wgt_field_value(&st->addr));
	snprintf(q->birth, sizeof q->birth, "%s", wgt_field_value(&st->birth));
	if (strcmp(sex, "男") == 0)
		sex = "1";
	else if (strcmp(sex, "女") == 0)
		sex = "2";
	snprintf(q->sex, sizeof q->sex, "%s", sex);
	q->include_jyohyo = st->jyohyo;
	if (st->approver[0]) {
		q->want = st->want;
		snprintf(q->approver, sizeof q->approver, "%s", st->approver);
		snprintf(q->approver_password, sizeof q->approver_password, "%s", st->approver_pw);
	}
	rc = search_run(app->ctx, q, &st->res);
	explicit_bzero(q, sizeof *q);
	free(q);
	forget_approval(st);
	if (rc == MG_EAUTH || rc == MG_EPERM) {
		/* search_run checked the supervisor's approval and refused it. */
		say(st->msg, sizeof st->msg, rc == MG_EAUTH ? MSG("sa_approve_failed")
		                             : MSG("sa_approve_not_allowed"), NULL);
		st->msg_attr = CELLS_R_ALERT | CELLS_BOLD;
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (rc == MG_ERULE) {
		say_checks(st, &st->res.checks);
		search_free(&st->res);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (rc == MG_ETOOMANY) {
		snprintf(n, sizeof n, "%d", st->res.cap);
		say(st->msg, sizeof st->msg, approved ? MSG("sa_search_too_many_max")
		                                      : MSG("sa_search_too_many"), n);
		st->msg_attr = CELLS_R_ALERT | CELLS_BOLD;
		st->too_many = 1;
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (rc) {
		wgt_dialog_open_rc(&st->dlg, MSG("ui_dlg_title_error"), rc, TAG_NONE);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (st->res.n == 0) {
		say(st->msg, sizeof st->msg, MSG("sa_search_none"), NULL);
		st->msg_attr = CELLS_R_ALERT | CELLS_BOLD;
		return SCR_HANDLED | SCR_REDRAW;
	}
	st->have_rows = 1;
	show_list(s, st);
	return SCR_HANDLED | SCR_REDRAW;
}

/* The supervisor approves more results than the cap; then search again. */
static int do_approve(struct scr_app *app, struct scr *s, struct search_st *st)
{
	st->amsg[0] = 0;
	if (wgt_form_check(&st->aform) != 0) {
		wgt_field_clear(&st->sup_pw);
		return SCR_HANDLED | SCR_REDRAW;
	}
	/* search_run checks the approval with session_approve and logs it. */
	snprintf(st->approver, sizeof st->approver, "%s", wgt_field_value(&st->sup_id));
	snprintf(st->approver_pw, sizeof st->approver_pw, "%s", wgt_field_value(&st->sup_pw));
	wgt_field_wipe(&st->sup_pw);
	wgt_field_wipe(&st->sup_id);
	st->aform.focus = 0;
	st->want = SEARCH_HARD_MAX;
	s->ops = &scr_search;
	return do_search(app, s, st);
}

/* Open the chosen row: the 住民票, or hand it to the opener in pick mode. */
static int open_row(struct scr_app *app, struct search_st *st)
{
	const struct db_resident *r;
	int rc;

	if (!st->have_rows || st->list.sel < 0 || st->list.sel >= st->res.n)
		return SCR_HANDLED;
	r = &st->res.rows[st->list.sel];
	if (st->pick) {
		rc = st->pick->picked(app, st->pick->owner, r);
		if (rc) {
			wgt_dialog_open_rc(&st->dlg, MSG("ui_dlg_title_error"), rc, TAG_NONE);
			return SCR_HANDLED | SCR_REDRAW;
		}
		return SCR_HANDLED | SCR_REDRAW | SCR_CLOSE;
	}
	snprintf(st->atena, sizeof st->atena, "%s", r->atena_no);
	app->push_ops = &scr_view;
	app->push_arg = st->atena;
	return SCR_HANDLED | SCR_REDRAW | SCR_PUSH;
}

/* Keys of the criteria page. */
static int key_form(struct scr_app *app, struct scr *s, struct search_st *st,
                    const struct ui_key *k)
{
	int r;

	switch (wgt_keybar_match(keys_form, k)) {
	case ACT_SEARCH:
		return do_search(app, s, st);
	case ACT_JYOHYO:
		st->jyohyo = !st->jyohyo;
		return SCR_HANDLED | SCR_REDRAW;
	case ACT_APPROVE:
		if (!st->too_many) {
			say(st->msg, sizeof st->msg, MSG("sa_search_approve_not_needed"), NULL);
			st->msg_attr = CELLS_R_ALERT;
			return SCR_HANDLED | SCR_REDRAW;
		}
		st->amsg[0] = 0;
		s->ops = &search_approve_ops;
		return SCR_HANDLED | SCR_REDRAW;
	case ACT_BACK:
		if (wgt_form_changed(&st->form)) {
			wgt_dialog_open(&st->dlg, WGT_DIALOG_CONFIRM, MSG("sa_discard_title"),
			                MSG("sa_discard_text"), NULL, TAG_DISCARD);
			return SCR_HANDLED | SCR_REDRAW;
		}
		return SCR_HANDLED | SCR_CLOSE;
	default:
		break;
	}
	r = wgt_form_key(&st->form, k);
	if (r & WGT_SUBMIT)
		return do_search(app, s, st);
	return r ? SCR_HANDLED | SCR_REDRAW : 0;
}

/* Keys: the screen's box first, then the page's table. */
static int search_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct search_st *st = s->st;
	int r;

	if (st->dlg.open) {
		if ((wgt_dialog_key(&st->dlg, k) & WGT_CLOSED) && st->dlg.tag == TAG_DISCARD &&
		    st->dlg.answer == WGT_ANSWER_YES)
			return SCR_HANDLED | SCR_CLOSE;
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (s->ops == &search_list_ops || s->ops == &search_pick_ops) {
		switch (wgt_keybar_match(s->ops->keys, k)) {
		case ACT_OPEN:
			return open_row(app, st);
		case ACT_BACK:
			s->ops = &scr_search;
			return SCR_HANDLED | SCR_REDRAW;
		default:
			break;
		}
		r = wgt_list_key(&st->list, k);
		if (r & WGT_SUBMIT)
			return open_row(app, st);
		return r ? SCR_HANDLED | SCR_REDRAW : 0;
	}
	if (s->ops == &search_approve_ops) {
		switch (wgt_keybar_match(keys_approve, k)) {
		case ACT_DO_APPROVE:
			return do_approve(app, s, st);
		case ACT_BACK:
			wgt_field_wipe(&st->sup_pw);
			s->ops = &scr_search;
			return SCR_HANDLED | SCR_REDRAW;
		default:
			break;
		}
		r = wgt_form_key(&st->aform, k);
		if (r & WGT_SUBMIT)
			return do_approve(app, s, st);
		return r ? SCR_HANDLED | SCR_REDRAW : 0;
	}
	return key_form(app, s, st, k);
}

/* The criteria page: the policy, the form, 除票 on/off, the last result. */
static void draw_form(struct search_st *st, struct cells *c, int top, int rows)
{
	int y = top + 1, w = c->w - 4;
	char line[256];

	y += cells_wrap(c, 2, y, w, 2, i18n_msg(MSG("sa_search_prompt")), CELLS_R_NORMAL) + 1;
	wgt_form_draw(&st->form, c, 2, y, w, 8);
	y += wgt_form_rows(&st->form) + 1;
	say(line, sizeof line, MSG("sa_search_jyohyo_line"),
	    i18n_msg(st->jyohyo ? MSG("sa_yes") : MSG("sa_no")));
	cells_text(c, 2, y, w, line, CELLS_R_NORMAL, CELLS_ELLIPSIS);
	y += 2;
	if (st->msg[0] && y < top + rows)
		cells_wrap(c, 2, y, w, top + rows - y, st->msg, st->msg_attr);
}

/* The result list with its column heads and count. */
static void draw_list(struct search_st *st, struct cells *c, int top, int rows)
{
	char head[512], count[16], line[256];
	size_t used = 0;

	snprintf(count, sizeof count, "%d", st->res.n);
	say(line, sizeof line, st->pick ? MSG("sa_search_count_pick") : MSG("sa_search_count"),
	    count);
	cells_text(c, 2, top + 1, c->w - 4, line, CELLS_R_NORMAL, CELLS_ELLIPSIS);
	head[0] = 0;
	col_add(head, sizeof head, &used, i18n_msg(MSG("sa_col_name")), 16);
	col_add(head, sizeof head, &used, " ", 1);
	col_add(head, sizeof head, &used, i18n_msg(MSG("sa_col_birth")), 17);
	col_add(head, sizeof head, &used, i18n_msg(MSG("sa_col_sex")), 3);
	col_add(head, sizeof head, &used, i18n_msg(MSG("sa_col_state")), 9);
	col_add(head, sizeof head, &used, i18n_msg(MSG("sa_col_address")), 30);
	cells_text(c, 2, top + 3, c->w - 4, head, CELLS_R_LABEL | CELLS_BOLD, CELLS_ELLIPSIS);
	wgt_list_draw(&st->list, c, 2, top + 4, c->w - 4, rows - 5);
}

/* The approval page: why, whose approval, the form and its result. */
static void draw_approve(struct search_st *st, struct cells *c, int top)
{
	int y = top + 1, w = c->w - 4;

	y += cells_wrap(c, 2, y, w, 3, i18n_msg(MSG("sa_search_approve_prompt")), CELLS_R_NORMAL) + 1;
	wgt_form_draw(&st->aform, c, 2, y, w, 4);
	y += wgt_form_rows(&st->aform) + 1;
	if (st->amsg[0])
		cells_wrap(c, 2, y, w, 3, st->amsg, CELLS_R_ERROR | CELLS_BOLD);
}

/* Draw the current page and the screen's box. */
static void search_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows)
{
	struct search_st *st = s->st;

	(void)app;
	if (s->ops == &search_list_ops || s->ops == &search_pick_ops)
		draw_list(st, c, top, rows);
	else if (s->ops == &search_approve_ops)
		draw_approve(st, c, top);
	else
		draw_form(st, c, top, rows);
	if (st->dlg.open) {
		c->cur_visible = 0;
		wgt_dialog_draw(&st->dlg, c);
	}
}

/* Free the rows, wipe the criteria and the approval fields. */
static void search_leave(struct scr_app *app, struct scr *s)
{
	struct search_st *st = s->st;

	(void)app;
	if (!st)
		return;
	if (st->res.rows)
		explicit_bzero(st->res.rows, (size_t)st->res.n * sizeof *st->res.rows);
	search_free(&st->res);
	wgt_field_wipe(&st->sup_pw);
	explicit_bzero(st, sizeof *st);
	free(st);
	s->st = NULL;
}

const struct scr_ops scr_search = {
	.name = "search",
	.title_msgid = MSG("sa_search_title"),
	.keys = keys_form,
	.needs_session = 1,
	.enter = search_enter,
	.key = search_key,
	.tick = NULL,
	.draw = search_draw,
	.leave = search_leave,
};

static const struct scr_ops search_list_ops = {
	.name = "search",
	.title_msgid = MSG("sa_search_list_title"),
	.keys = keys_list,
	.needs_session = 1,
	.enter = search_enter,
	.key = search_key,
	.tick = NULL,
	.draw = search_draw,
	.leave = search_leave,
};

static const struct scr_ops search_pick_ops = {
	.name = "search",
	.title_msgid = MSG("sa_search_pick_title"),
	.keys = keys_pick,
	.needs_session = 1,
	.enter = search_enter,
	.key = search_key,
	.tick = NULL,
	.draw = search_draw,
	.leave = search_leave,
};

static const struct scr_ops search_approve_ops = {
	.name = "search",
	.title_msgid = MSG("sa_search_approve_title"),
	.keys = keys_approve,
	.needs_session = 1,
	.enter = search_enter,
	.key = search_key,
	.tick = NULL,
	.draw = search_draw,
	.leave = search_leave,
};
