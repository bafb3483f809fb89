/*
 * scr_operators.c — 操作者管理 (see scr_operators.h). Three pages share one
 * state: the list (scr_operators), the add form and the password form; a
 * page is chosen by pointing s->ops at its table.
 */
#include "screens/scr_operators.h"

#include "screens/cells.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_dialog.h"
#include "screens/wgt_field.h"
#include "screens/wgt_form.h"
#include "screens/wgt_keybar.h"
#include "screens/wgt_list.h"

#include "app/app_ctx.h"
#include "app/auth.h"
#include "app/config.h"
#include "app/session.h"
#include "app/view_admin.h"
#include "i18n/i18n_date.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/i18n_wareki.h"
#include "i18n/i18n_width.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ACT_ADD = 1, ACT_LOCK, ACT_UNLOCK, ACT_PASSWD, ACT_BACK, ACT_SAVE, ACT_CANCEL };
enum { TAG_NONE = 0, TAG_LOCK, TAG_UNLOCK, TAG_DISCARD };

static const struct wgt_keybar_item list_keys[] = {
	{ UI_K_F2, ACT_ADD, MSG("adm_op_key_add") },
	{ UI_K_F5, ACT_LOCK, MSG("adm_op_key_lock") },
	{ UI_K_F6, ACT_UNLOCK, MSG("adm_op_key_unlock") },
	{ UI_K_F7, ACT_PASSWD, MSG("adm_op_key_passwd") },
	{ UI_K_ESC, ACT_BACK, MSG("adm_key_back") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item form_keys[] = {
	{ UI_K_F10, ACT_SAVE, MSG("adm_op_key_save") },
	{ UI_K_ESC, ACT_CANCEL, MSG("adm_key_back") },
	{ 0, 0, NULL }
};

/* The roles an operator can be given, in the order ←/→ steps through them. */
static const struct {
	enum session_role role;
	const char *label;
} roles[] = {
	{ SESSION_ROLE_CLERK, MSG("adm_role_clerk") },
	{ SESSION_ROLE_SUPERVISOR, MSG("adm_role_supervisor") },
	{ SESSION_ROLE_ADMIN, MSG("adm_role_admin") },
	{ SESSION_ROLE_KIOSK, MSG("adm_role_kiosk") },
};

#define N_ROLES ((int)(sizeof roles / sizeof roles[0]))

/* The fields of the add form, in tab order. */
enum { F_ID, F_NAME, F_ROLE, F_PW1, F_PW2, F_N };

/* Column widths of the list (display columns). */
enum { W_ID = 12, W_NAME = 14, W_ROLE = 10, W_STATE = 10, W_FAIL = 4, W_LAST = 16 };

struct op_st {
	struct view_admin_ops ops;        /* the operators shown */
	struct wgt_list list;             /* their rows */
	struct wgt_dialog dlg;            /* questions and errors */
	char result[512];                 /* the last change's result ("" none) */
	int result_attr;                  /* its attribute */
	char pending[33];                 /* the operator of the open lock/unlock question */
	struct wgt_field f[F_N];          /* the add form's fields (passwords masked) */
	struct wgt_form_item items[F_N];  /* its rows */
	struct wgt_form form;             /* the add form */
	int role;                         /* index into roles[] */
	struct wgt_field p[2];            /* the new password, twice (masked) */
	struct wgt_form_item pitems[2];   /* its rows */
	struct wgt_form pform;            /* the password form */
	char target[33];                  /* the operator whose password is reset */
	char target_name[97];             /* their name */
};

static const struct scr_ops op_add_ops;
static const struct scr_ops op_pw_ops;

/* Format a catalog key with up to two string arguments into out. */
static void fmt(char *out, size_t cap, const char *key, const char *a0, const char *a1)
{
	const char *a[2] = { a0, a1 };

	if (i18n_msg_format(out, cap, key, 2, a) < 0)
		out[0] = '\0';
}

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

/* The catalog label of a role. */
static const char *role_label(enum session_role r)
{
	for (int i = 0; i < N_ROLES; i++)
		if (roles[i].role == r)
			return roles[i].label;
	return MSG("adm_role_unknown");
}

/* The date of unix time t in the catalog's form (和暦 in Japanese); "-" for 0. */
static void date_of(long long t, char *out, size_t cap)
{
	time_t tt = (time_t)t;
	char iso[I18N_DATE_ISO_LEN];
	struct tm tm;

	if (t <= 0 || !localtime_r(&tt, &tm)) {
		snprintf(out, cap, "-");
		return;
	}
	i18n_date_format_iso(i18n_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), iso);
	if (i18n_wareki_format_iso(iso, out, cap) <= 0)
		snprintf(out, cap, "%s", iso);
}

/* The columns of one row: id, name, role, state, failures, last login. */
static void columns(char *buf, size_t cap, const char *id, const char *name, const char *role,
                    const char *state, const char *fail, const char *last)
{
	char a[64], b[128], c[64], d[64], e[32], f[96];

	fit(a, sizeof a, id, W_ID);
	fit(b, sizeof b, name, W_NAME);
	fit(c, sizeof c, role, W_ROLE);
	fit(d, sizeof d, state, W_STATE);
	fit(e, sizeof e, fail, W_FAIL);
	fit(f, sizeof f, last, W_LAST);
	snprintf(buf, cap, "%s %s %s %s %s %s", a, b, c, d, e, f);
}

/* The text of list row i. */
static void op_row(void *arg, int i, char *buf, size_t cap)
{
	const struct op_st *st = arg;
	const struct view_admin_op *o = &st->ops.rows[i];
	char fail[16], last[64];

	snprintf(fail, sizeof fail, "%4d", o->failures);
	date_of(o->last_login_at, last, sizeof last);
	columns(buf, cap, o->id, o->name,
	        i18n_msg(o->role_known ? role_label(o->role) : MSG("adm_role_unknown")),
	        i18n_msg(o->locked ? MSG("adm_op_state_locked") : MSG("adm_op_state_active")),
	        fail, last);
}

/* (Re)load the operators; select id when given, else keep the selection. */
static int reload(struct scr_app *app, struct op_st *st, const char *id)
{
	int sel = st->list.sel, rc;

	view_admin_ops_free(&st->ops);
	rc = view_admin_ops_load(app->ctx, &st->ops);
	wgt_list_init(&st->list, st->ops.n, op_row, st);
	for (int i = 0; id && i < st->ops.n; i++)
		if (strcmp(st->ops.rows[i].id, id) == 0)
			sel = i;
	if (sel >= st->ops.n)
		sel = st->ops.n - 1;
	st->list.sel = sel < 0 ? 0 : sel;
	return rc;
}

/* Set the result line. */
static void say(struct op_st *st, const char *key, const char *a0, const char *a1, int attr)
{
	fmt(st->result, sizeof st->result, key, a0, a1);
	st->result_attr = attr;
}

/* The configured minimum password length. */
static int min_pw(const struct scr_app *app)
{
	struct config d;

	if (app->ctx && app->ctx->cfg)
		return app->ctx->cfg->min_password_length;
	config_defaults(&d);
	return d.min_password_length;
}

/* Show role index i in the role field. */
static void set_role(struct op_st *st, int i)
{
	st->role = (i % N_ROLES + N_ROLES) % N_ROLES;
	wgt_field_set(&st->f[F_ROLE], i18n_msg(roles[st->role].label));
}

/* Wipe every field of both forms. */
static void wipe_forms(struct op_st *st)
{
	for (int i = 0; i < F_N; i++)
		wgt_field_wipe(&st->f[i]);
	wgt_field_wipe(&st->p[0]);
	wgt_field_wipe(&st->p[1]);
	for (int i = 0; i < F_N; i++)
		st->items[i].error_msgid = NULL;
	st->pitems[0].error_msgid = st->pitems[1].error_msgid = NULL;
	explicit_bzero(st->target, sizeof st->target);
	explicit_bzero(st->target_name, sizeof st->target_name);
}

/* Back to the list page, forms wiped. */
static int to_list(struct scr *s, struct op_st *st)
{
	wipe_forms(st);
	s->ops = &scr_operators;
	return SCR_HANDLED | SCR_REDRAW;
}

/* Set up the add form's fields and rows (once). */
static void init_add_form(struct op_st *st)
{
	static const struct {
		const char *label;
		int kind, max, width, required;
		const char *hint;
	} def[F_N] = {
		[F_ID] = { MSG("adm_op_f_id"), WGT_FIELD_TEXT, SESSION_ID_MAX, 20, 1,
		           MSG("adm_op_h_id") },
		[F_NAME] = { MSG("adm_op_f_name"), WGT_FIELD_TEXT, 96, 30, 1, NULL },
		[F_ROLE] = { MSG("adm_op_f_role"), WGT_FIELD_TEXT, 64, 16, 0, MSG("adm_op_h_role") },
		[F_PW1] = { MSG("adm_op_f_pw1"), WGT_FIELD_MASKED, 128, 30, 1, NULL },
		[F_PW2] = { MSG("adm_op_f_pw2"), WGT_FIELD_MASKED, 128, 30, 1, NULL },
	};

	for (int i = 0; i < F_N; i++) {
		wgt_field_init(&st->f[i], (enum wgt_field_kind)def[i].kind, (size_t)def[i].max);
		st->items[i] = (struct wgt_form_item){ .label_msgid = def[i].label, .field = &st->f[i],
		                                        .width = def[i].width,
		                                        .required = def[i].required,
		                                        .hint_msgid = def[i].hint };
	}
	wgt_form_init(&st->form, st->items, F_N);
	for (int i = 0; i < 2; i++) {
		wgt_field_init(&st->p[i], WGT_FIELD_MASKED, 128);
		st->pitems[i] = (struct wgt_form_item){ .label_msgid = def[F_PW1 + i].label,
		                                         .field = &st->p[i], .width = 30,
		                                         .required = 1 };
	}
	wgt_form_init(&st->pform, st->pitems, 2);
}

/* Load the operators. */
static int op_enter(struct scr_app *app, struct scr *s)
{
	struct op_st *st = calloc(1, sizeof *st);
	int rc;

	if (!st)
		return MG_ENOMEM;
	init_add_form(st);
	rc = reload(app, st, NULL);
	if (rc) {
		view_admin_ops_free(&st->ops);
		free(st);
		return rc;
	}
	s->st = st;
	return 0;
}

/* The selected operator, or NULL when the list is empty. */
static const struct view_admin_op *selected(const struct op_st *st)
{
	return st->ops.n > 0 ? &st->ops.rows[st->list.sel] : NULL;
}

/* Ask before locking (or unlocking) the selected operator. */
static int ask_lock(struct scr_app *app, struct op_st *st, int lock)
{
	const struct view_admin_op *o = selected(st);
	char q[WGT_DIALOG_TEXT];

	if (!o)
		return SCR_HANDLED;
	st->result[0] = '\0';
	if (lock && view_admin_is_self(app->ctx, o->id)) {
		wgt_dialog_open(&st->dlg, WGT_DIALOG_ERROR, MSG("adm_op_lock_title"),
		                MSG("adm_op_err_self_lock"), MSG("adm_op_err_self_lock_remedy"),
		                TAG_NONE);
		return SCR_HANDLED | SCR_REDRAW;
	}
	snprintf(st->pending, sizeof st->pending, "%s", o->id);
	fmt(q, sizeof q, lock ? MSG("adm_op_lock_q") : MSG("adm_op_unlock_q"), o->id, o->name);
	wgt_dialog_open_text(&st->dlg, WGT_DIALOG_CONFIRM,
	                     lock ? MSG("adm_op_lock_title") : MSG("adm_op_unlock_title"), q, "",
	                     lock ? TAG_LOCK : TAG_UNLOCK);
	return SCR_HANDLED | SCR_REDRAW;
}

/* Lock or unlock the operator of the answered question. */
static int do_lock(struct scr_app *app, struct op_st *st, int lock)
{
	const char *why = NULL;
	int rc = view_admin_set_locked(app->ctx, st->pending, lock, &why);

	if (rc == 0) {
		say(st, lock ? MSG("adm_op_locked") : MSG("adm_op_unlocked"), st->pending, NULL,
		    CELLS_R_INFO | CELLS_BOLD);
		rc = reload(app, st, st->pending);
		if (rc)
			wgt_dialog_open_rc(&st->dlg, MSG("adm_op_title"), rc, TAG_NONE);
	} else if (why) {
		wgt_dialog_open(&st->dlg, WGT_DIALOG_ERROR, MSG("adm_op_lock_title"), why,
		                MSG("adm_op_err_self_lock_remedy"), TAG_NONE);
	} else {
		wgt_dialog_open_rc(&st->dlg, lock ? MSG("adm_op_lock_title")
		                                  : MSG("adm_op_unlock_title"), rc, TAG_NONE);
	}
	explicit_bzero(st->pending, sizeof st->pending);
	return SCR_HANDLED | SCR_REDRAW;
}

/* Open the add form, empty, role clerk. */
static int open_add(struct scr *s, struct op_st *st)
{
	wipe_forms(st);
	set_role(st, 0);
	st->form.focus = F_ID;
	st->result[0] = '\0';
	s->ops = &op_add_ops;
	return SCR_HANDLED | SCR_REDRAW;
}

/* Open the password form for the selected operator. */
static int open_passwd(struct scr *s, struct op_st *st)
{
	const struct view_admin_op *o = selected(st);

	if (!o)
		return SCR_HANDLED;
	wipe_forms(st);
	snprintf(st->target, sizeof st->target, "%s", o->id);
	snprintf(st->target_name, sizeof st->target_name, "%s", o->name);
	st->pform.focus = 0;
	st->result[0] = '\0';
	s->ops = &op_pw_ops;
	return SCR_HANDLED | SCR_REDRAW;
}

/*
 * The two password fields hold the same text; otherwise mark the second,
 * wipe both and return -1.
 */
static int same_twice(struct wgt_form *form, struct wgt_field *a, struct wgt_field *b,
                      struct wgt_form_item *ia, struct wgt_form_item *ib)
{
	if (a->len == b->len && memcmp(a->text, b->text, a->len) == 0)
		return 0;
	wgt_field_wipe(a);
	wgt_field_wipe(b);
	ia->error_msgid = NULL;
	ib->error_msgid = MSG("adm_op_err_mismatch");
	form->focus = (int)(ia - form->items);
	return -1;
}

/* Add the operator of the form with auth_operator_add; passwords wiped whatever happens. */
static int do_add(struct scr_app *app, struct scr *s, struct op_st *st)
{
	char id[64], name[128];
	int rc;

	if (wgt_form_check(&st->form) != 0) {
		wgt_field_wipe(&st->f[F_PW1]);
		wgt_field_wipe(&st->f[F_PW2]);
		return SCR_HANDLED | SCR_REDRAW;
	}
	snprintf(id, sizeof id, "%s", wgt_field_value(&st->f[F_ID]));
	snprintf(name, sizeof name, "%s", wgt_field_value(&st->f[F_NAME]));
	if (!auth_id_valid(id)) {
		wgt_field_wipe(&st->f[F_PW1]);
		wgt_field_wipe(&st->f[F_PW2]);
		st->items[F_ID].error_msgid = MSG("adm_op_err_id");
		st->form.focus = F_ID;
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (same_twice(&st->form, &st->f[F_PW1], &st->f[F_PW2], &st->items[F_PW1],
	               &st->items[F_PW2]) != 0)
		return SCR_HANDLED | SCR_REDRAW;
	rc = auth_operator_add(app->ctx, id, name, roles[st->role].role,
	                       wgt_field_value(&st->f[F_PW1]));
	wgt_field_wipe(&st->f[F_PW1]);
	wgt_field_wipe(&st->f[F_PW2]);
	switch (rc) {
	case 0:
		say(st, MSG("adm_op_added"), id, name, CELLS_R_INFO | CELLS_BOLD);
		rc = reload(app, st, id);
		if (rc)
			wgt_dialog_open_rc(&st->dlg, MSG("adm_op_title"), rc, TAG_NONE);
		return to_list(s, st);
	case MG_EEXISTS:
		st->items[F_ID].error_msgid = MSG("adm_op_err_exists");
		st->form.focus = F_ID;
		break;
	case MG_EWEAKPW:
		st->items[F_PW1].error_msgid = MSG("adm_op_err_weak");
		st->form.focus = F_PW1;
		break;
	case MG_EINVAL:
		st->items[F_NAME].error_msgid = MSG("adm_op_err_name");
		st->form.focus = F_NAME;
		break;
	default:
		wgt_dialog_open_rc(&st->dlg, MSG("adm_op_add_title"), rc, TAG_NONE);
		break;
	}
	return SCR_HANDLED | SCR_REDRAW;
}

/* Set the new password with auth_operator_passwd; the fields are wiped whatever happens. */
static int do_passwd(struct scr_app *app, struct scr *s, struct op_st *st)
{
	char id[sizeof st->target];
	int rc;

	if (wgt_form_check(&st->pform) != 0) {
		wgt_field_wipe(&st->p[0]);
		wgt_field_wipe(&st->p[1]);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (same_twice(&st->pform, &st->p[0], &st->p[1], &st->pitems[0], &st->pitems[1]) != 0)
		return SCR_HANDLED | SCR_REDRAW;
	snprintf(id, sizeof id, "%s", st->target);
	rc = auth_operator_passwd(app->ctx, id, wgt_field_value(&st->p[0]));
	wgt_field_wipe(&st->p[0]);
	wgt_field_wipe(&st->p[1]);
	if (rc == 0) {
		const struct view_admin_op *o = selected(st);

		say(st, o && o->locked ? MSG("adm_op_pw_done_locked") : MSG("adm_op_pw_done"), id,
		    NULL, CELLS_R_INFO | CELLS_BOLD);
		rc = reload(app, st, id);
		if (rc)
			wgt_dialog_open_rc(&st->dlg, MSG("adm_op_title"), rc, TAG_NONE);
		return to_list(s, st);
	}
	if (rc == MG_EWEAKPW) {
		st->pitems[0].error_msgid = MSG("adm_op_err_weak");
		st->pform.focus = 0;
	} else {
		wgt_dialog_open_rc(&st->dlg, MSG("adm_op_pw_title"), rc, TAG_NONE);
	}
	return SCR_HANDLED | SCR_REDRAW;
}

/* The answer of the page's box. */
static int answered(struct scr_app *app, struct scr *s, struct op_st *st)
{
	int yes = st->dlg.answer == WGT_ANSWER_YES;

	switch (st->dlg.tag) {
	case TAG_LOCK:
	case TAG_UNLOCK:
		if (yes)
			return do_lock(app, st, st->dlg.tag == TAG_LOCK);
		explicit_bzero(st->pending, sizeof st->pending);
		return SCR_HANDLED | SCR_REDRAW;
	case TAG_DISCARD:
		return yes ? to_list(s, st) : SCR_HANDLED | SCR_REDRAW;
	default:
		return SCR_HANDLED | SCR_REDRAW;
	}
}

/* Keys of the role row: ←/→/Space choose, other editing keys do nothing. */
static int role_key(struct op_st *st, const struct ui_key *k)
{
	switch (k->code) {
	case UI_K_LEFT:
		set_role(st, st->role - 1);
		break;
	case UI_K_RIGHT:
		set_role(st, st->role + 1);
		break;
	case UI_K_CHAR:
		if (k->ch != L' ')
			return SCR_HANDLED;
		set_role(st, st->role + 1);
		break;
	case UI_K_BACKSPACE: case UI_K_DELETE: case UI_K_CTRL_U: case UI_K_HOME: case UI_K_END:
		return SCR_HANDLED;
	default:
		return 0;
	}
	st->f[F_ROLE].changed = 1;
	return SCR_HANDLED | SCR_REDRAW;
}

/* Keys of a form page (add or password). */
static int form_key(struct scr_app *app, struct scr *s, struct op_st *st,
                    const struct ui_key *k)
{
	int add = s->ops == &op_add_ops, r;
	struct wgt_form *form = add ? &st->form : &st->pform;

	switch (wgt_keybar_match(form_keys, k)) {
	case ACT_SAVE:
		return add ? do_add(app, s, st) : do_passwd(app, s, st);
	case ACT_CANCEL:
		if (wgt_form_changed(form)) {
			wgt_dialog_open(&st->dlg, WGT_DIALOG_CONFIRM, MSG("adm_discard_title"),
			                MSG("adm_discard_text"), NULL, TAG_DISCARD);
			return SCR_HANDLED | SCR_REDRAW;
		}
		return to_list(s, st);
	default:
		break;
	}
	if (add && st->form.focus == F_ROLE && (r = role_key(st, k)) != 0)
		return r;
	r = wgt_form_key(form, k);
	if (r & WGT_SUBMIT)
		return add ? do_add(app, s, st) : do_passwd(app, s, st);
	return r ? SCR_HANDLED | SCR_REDRAW : 0;
}

/* Keys: the box first, then the page's table. */
static int op_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct op_st *st = s->st;

	if (st->dlg.open) {
		if (wgt_dialog_key(&st->dlg, k) & WGT_CLOSED)
			return answered(app, s, st);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (s->ops != &scr_operators)
		return form_key(app, s, st, k);
	switch (wgt_keybar_match(list_keys, k)) {
	case ACT_ADD:
		return open_add(s, st);
	case ACT_LOCK:
		return ask_lock(app, st, 1);
	case ACT_UNLOCK:
		return ask_lock(app, st, 0);
	case ACT_PASSWD:
		return open_passwd(s, st);
	case ACT_BACK:
		return SCR_HANDLED | SCR_CLOSE;
	default:
		break;
	}
	return wgt_list_key(&st->list, k) & WGT_HANDLED ? SCR_HANDLED | SCR_REDRAW : 0;
}

/* The list page: column heads, the rows, the last result. */
static void draw_list(struct op_st *st, struct cells *c, int top, int rows)
{
	char head[512];
	int x = 2, w = c->w - 4, y = top, end = top + rows, h;

	y += cells_wrap(c, x, y, w, 2, i18n_msg(MSG("adm_op_prompt")), CELLS_R_NORMAL);
	columns(head, sizeof head, i18n_msg(MSG("adm_op_col_id")), i18n_msg(MSG("adm_op_col_name")),
	        i18n_msg(MSG("adm_op_col_role")), i18n_msg(MSG("adm_op_col_state")),
	        i18n_msg(MSG("adm_op_col_fail")), i18n_msg(MSG("adm_op_col_last")));
	cells_text(c, x, ++y, w, head, CELLS_R_LABEL | CELLS_UNDERLINE, CELLS_ELLIPSIS);
	y++;
	h = end - y - 3;
	if (st->ops.n == 0)
		cells_text(c, x, y, w, i18n_msg(MSG("adm_op_empty")), CELLS_R_DIM, CELLS_ELLIPSIS);
	else if (h > 0)
		wgt_list_draw(&st->list, c, x, y, w, h);
	if (st->result[0])
		cells_wrap(c, x, end - 2, w, 2, st->result, st->result_attr);
}

/* A form page: what to do, the form, the password rule. */
static void draw_form(struct scr_app *app, struct op_st *st, int add, struct cells *c, int top,
                      int rows)
{
	char line[512], num[16];
	int x = 2, w = c->w - 4, y = top + 1, end = top + rows;
	struct wgt_form *form = add ? &st->form : &st->pform;

	if (add)
		snprintf(line, sizeof line, "%s", i18n_msg(MSG("adm_op_add_prompt")));
	else
		fmt(line, sizeof line, MSG("adm_op_pw_prompt"), st->target, st->target_name);
	y += cells_wrap(c, x, y, w, 3, line, CELLS_R_NORMAL) + 1;
	wgt_form_draw(form, c, x, y, w, end - y - 3);
	y += wgt_form_rows(form) + 1;
	snprintf(num, sizeof num, "%d", min_pw(app));
	fmt(line, sizeof line, MSG("adm_op_pw_rule"), num, NULL);
	if (y < end)
		cells_wrap(c, x, y, w, end - y, line, CELLS_R_DIM);
}

/* Draw the current page and the box. */
static void op_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows)
{
	struct op_st *st = s->st;

	if (s->ops == &scr_operators)
		draw_list(st, c, top, rows);
	else
		draw_form(app, st, s->ops == &op_add_ops, c, top, rows);
	if (st->dlg.open) {
		c->cur_visible = 0;
		wgt_dialog_draw(&st->dlg, c);
	}
}

/* Wipe every typed value, free the list and the state. */
static void op_leave(struct scr_app *app, struct scr *s)
{
	struct op_st *st = s->st;

	(void)app;
	if (!st)
		return;
	wipe_forms(st);
	view_admin_ops_free(&st->ops);
	explicit_bzero(st, sizeof *st);
	free(st);
	s->st = NULL;
}

const struct scr_ops scr_operators = {
	.name = "operators",
	.title_msgid = MSG("adm_op_title"),
	.keys = list_keys,
	.needs_session = 1,
	.enter = op_enter,
	.key = op_key,
	.tick = NULL,
	.draw = op_draw,
	.leave = op_leave,
};

static const struct scr_ops op_add_ops = {
	.name = "operators",
	.title_msgid = MSG("adm_op_add_title"),
	.keys = form_keys,
	.needs_session = 1,
	.enter = op_enter,
	.key = op_key,
	.tick = NULL,
	.draw = op_draw,
	.leave = op_leave,
};

static const struct scr_ops op_pw_ops = {
	.name = "operators",
	.title_msgid = MSG("adm_op_pw_title"),
	.keys = form_keys,
	.needs_session = 1,
	.enter = op_enter,
	.key = op_key,
	.tick = NULL,
	.draw = op_draw,
	.leave = op_leave,
};
