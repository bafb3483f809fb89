/*
 * scr_setai.c — 世帯主変更届 (see scr_setai.h). Pages are static scr_ops of
 * this file sharing one state (swapped in s->ops), so each page has its own
 * key bar and title: the form, the 続柄 list, the confirmation and the
 * result. The typed values live in the state, never in the layout: going
 * back from the confirmation, a refused commit or a resize keeps them.
 */
#include "screens/scr_setai.h"

#include "screens/cells.h"
#include "screens/scr_search.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_dialog.h"
#include "screens/wgt_field.h"
#include "screens/wgt_keybar.h"
#include "screens/wgt_lines.h"
#include "screens/wgt_list.h"

#include "app/app_ctx.h"
#include "app/check.h"
#include "app/perm.h"
#include "app/setai.h"
#include "app/view_check.h"
#include "app/view_setai.h"
#include "app/wf.h"
#include "app/zokugara.h"
#include "i18n/i18n_date.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_wareki.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	ACT_SEARCH = 1, ACT_HEAD, ACT_CHOICES, ACT_CONFIRM, ACT_BACK, ACT_COMMIT, ACT_DONE,
	ACT_CHOOSE
};

/* Dialog tags. */
enum { TAG_NONE, TAG_DISCARD, TAG_ALERT, TAG_BLOCKED };

static const struct wgt_keybar_item keys_form[] = {
	{ UI_K_F4, ACT_SEARCH, MSG("setai_key_search") },
	{ UI_K_F5, ACT_HEAD, MSG("setai_key_head") },
	{ UI_K_F6, ACT_CHOICES, MSG("setai_key_choices") },
	{ UI_K_F10, ACT_CONFIRM, MSG("setai_key_confirm") },
	{ UI_K_ESC, ACT_BACK, MSG("setai_key_back") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_pick[] = {
	{ UI_K_ENTER, ACT_CHOOSE, MSG("setai_key_choose") },
	{ UI_K_ESC, ACT_BACK, MSG("setai_key_cancel") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_confirm[] = {
	{ UI_K_F10, ACT_COMMIT, MSG("setai_key_commit") },
	{ UI_K_ESC, ACT_BACK, MSG("setai_key_edit") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_done[] = {
	{ UI_K_ENTER, ACT_DONE, MSG("setai_key_done") },
	{ UI_K_ESC, ACT_DONE, NULL },
	{ 0, 0, NULL }
};

/* The date fields below the members. */
enum { F_IDOU, F_TODOKE, F_N };

static const struct { const char *label, *hint; } fdefs[F_N] = {
	{ MSG("setai_idou"), MSG("setai_idou_hint") },
	/* 届出日: empty is today; an earlier day when the 届 was received before
	 * it is entered (the workflow refuses a future one, 標準仕様 4.1.0.2). */
	{ MSG("setai_todoke"), MSG("setai_todoke_hint") },
};

#define ST_NO_MAX 40       /* bytes typed into the 世帯番号 field (spaces, hyphens) */
#define ST_ZOKU_MAX 60     /* bytes of a typed 続柄 */
#define ST_LINES 160       /* lines of the confirmation / result */
#define ST_MSG_ROWS 3      /* rows the form's message may wrap into */
#define ST_HEAD "世帯主"   /* the registry's 続柄 of a 世帯主 (a value, not a text) */

/* Member row columns: mark, 氏名, 生年月日, current 続柄, new 続柄, hint. */
enum { X_MARK = 2, X_NAME = 4, W_NAME = 14, X_BIRTH = 19, W_BIRTH = 16, X_NOW = 36,
       W_NOW = 8, X_NEW = 45, W_NEW = 12, X_HINT = 58 };

/* A 続柄 typed (NFC, parentheses made full-width) still fits the request. */
_Static_assert(ST_ZOKU_MAX * 3 < 256, "the normaliser's buffer holds a typed 続柄");
_Static_assert(ST_ZOKU_MAX < sizeof(((struct setai_member *)0)->zokugara), "続柄 fits");

struct st_st {
	struct scr_search_pick pick;           /* how the search hands a member back */
	struct wgt_field no;                   /* 世帯番号 as typed */
	const char *no_err;                    /* its error (catalog key) */
	int no_dirty;                          /* typed since the 世帯 was loaded */
	struct view_setai v;                   /* the 世帯 loaded (wiped on leave) */
	int have;                              /* 1: v holds a 世帯 */
	int head;                              /* index in v.m of the new 世帯主, -1 none */
	struct wgt_field zoku[VIEW_SETAI_MAX]; /* each member's new 続柄 */
	struct wgt_field f[F_N];               /* 異動日, 届出日 */
	const char *ferr[F_N];                 /* a date field's error (catalog key) */
	int focus;                             /* 0 世帯番号, 1..n members, then the dates */
	int fscroll;                           /* first body row shown */
	int changed;                           /* anything typed or chosen */
	char msg[640];                         /* a note above the key bar */
	int msg_attr;
	struct wgt_list lpick;                 /* the 続柄 list */
	int pick_for;                          /* the member the list is for */
	struct setai_req req;                  /* built at F10 */
	struct setai_result res;               /* of the last check / commit */
	struct setai_result shown;             /* the findings on the confirmation page */
	struct wgt_lines out;                  /* confirmation / result lines */
	int ack;                               /* alerts acknowledged so far */
	struct wgt_dialog dlg;
};

static const struct scr_ops st_pick_ops;
static const struct scr_ops st_confirm_ops;
static const struct scr_ops st_done_ops;

/* Format a key with up to three arguments into out. */
static void fmt(char *out, size_t cap, const char *key, const char *a0, const char *a1,
                const char *a2)
{
	const char *a[3] = { a0, a1, a2 };

	if (i18n_msg_format(out, cap, key, 3, a) < 0)
		out[0] = 0;
}

/* Set the form's message from a key (attr: its colour). */
static void say(struct st_st *st, int attr, const char *key, const char *a0, const char *a1)
{
	fmt(st->msg, sizeof st->msg, key, a0, a1, NULL);
	st->msg_attr = attr;
}

/* Focus slots: the 世帯番号, the members, the date fields. */
static int slots(const struct st_st *st)
{
	return 1 + (st->have ? st->v.n : 0) + F_N;
}

/* The member under the focus, or -1. */
static int focus_member(const struct st_st *st)
{
	int i = st->focus - 1;

	return st->have && i >= 0 && i < st->v.n ? i : -1;
}

/* The date field under the focus, or -1. */
static int focus_date(const struct st_st *st)
{
	int j = st->focus - 1 - (st->have ? st->v.n : 0);

	return st->focus > 0 && j >= 0 && j < F_N ? j : -1;
}

/* Forget the loaded 世帯 and its typed 続柄. */
static void unload(struct st_st *st)
{
	for (int i = 0; i < VIEW_SETAI_MAX; i++)
		wgt_field_init(&st->zoku[i], WGT_FIELD_TEXT, ST_ZOKU_MAX);
	view_setai_wipe(&st->v);
	st->have = 0;
	st->head = -1;
	st->fscroll = 0;
}

/* Read the 世帯 whose number the field holds. Returns 0 or the load's code
 * (then the field says why, or the code's box is open). */
static int load(struct scr_app *app, struct st_st *st)
{
	char n[16];
	const char *msgid = NULL;
	int rc;

	st->no_err = NULL;
	st->msg[0] = 0;
	if (st->no.len == 0) {
		st->no_err = MSG("ui_field_required");
		return MG_EINVAL;
	}
	if (wgt_field_check(&st->no, &msgid) != 0 || strlen(st->no.digits) >= DB_ID_CAP) {
		st->no_err = msgid && strlen(st->no.digits) < DB_ID_CAP ? msgid : MSG("setai_bad_no");
		return MG_EINVAL;
	}
	unload(st);
	st->focus = 0;
	rc = view_setai_load(app->ctx, st->no.digits, &st->v);
	if (rc == MG_EINVAL) {
		st->no_err = MSG("setai_bad_no");
		return rc;
	}
	if (rc == MG_ENOTFOUND) {
		st->no_err = MSG("setai_not_found");
		return rc;
	}
	if (rc) {
		wgt_dialog_open_rc(&st->dlg, MSG("setai_error_title"), rc, TAG_NONE);
		return rc;
	}
	st->have = 1;
	st->no_dirty = 0;
	st->changed = 1;
	if (st->v.more) {
		snprintf(n, sizeof n, "%d", VIEW_SETAI_MAX);
		say(st, CELLS_R_ERROR | CELLS_BOLD, MSG("setai_too_many"), n, NULL);
	} else if (st->v.n == 0) {
		say(st, CELLS_R_ALERT | CELLS_BOLD, MSG("setai_nobody"), NULL, NULL);
	} else {
		snprintf(n, sizeof n, "%d", st->v.n);
		say(st, CELLS_R_INFO, MSG("setai_loaded"), st->v.setai_no, n);
		st->focus = 1;
	}
	return 0;
}

/* The search handed back a member: load his 世帯. */
static int picked(struct scr_app *app, void *owner, const struct db_resident *r)
{
	struct st_st *st = owner;
	int rc;

	if (wgt_field_set(&st->no, r->setai_no) != 0)
		return MG_EINVAL;
	st->no.changed = 1;
	rc = load(app, st);
	if (rc == 0)
		return 0;
	/* The search shows the code in its own box: not a second one here. */
	st->dlg.open = 0;
	return rc == MG_EINVAL ? MG_ENOTFOUND : rc;
}

/* A row of the 続柄 list. */
static void pick_row(void *arg, int i, char *buf, size_t cap)
{
	const char *const *c;
	int n;

	(void)arg;
	c = view_setai_choices(&n);
	snprintf(buf, cap, " %s", i >= 0 && i < n ? c[i] : "");
}

/* Set up the empty form (PERM_WORKFLOW only). */
static int st_enter(struct scr_app *app, struct scr *s)
{
	struct st_st *st;
	int n, rc = perm_check(app->ctx, PERM_WORKFLOW);

	if (rc)
		return rc;
	st = calloc(1, sizeof *st);
	if (!st)
		return MG_ENOMEM;
	wgt_field_init(&st->no, WGT_FIELD_DIGITS, ST_NO_MAX);
	for (int i = 0; i < F_N; i++)
		wgt_field_init(&st->f[i], WGT_FIELD_DATE, 60);
	unload(st);
	view_setai_choices(&n);
	wgt_list_init(&st->lpick, n, pick_row, st);
	st->pick.picked = picked;
	st->pick.owner = st;
	s->st = st;
	return 0;
}

/* Check the date fields. Returns the number of bad fields (focus on the first). */
static int dates_check(struct st_st *st)
{
	int bad = 0, first = -1;

	for (int i = 0; i < F_N; i++) {
		const char *msgid = NULL;

		st->ferr[i] = NULL;
		if (i == F_IDOU && st->f[i].len == 0)
			msgid = MSG("ui_field_required");
		else if (wgt_field_check(&st->f[i], &msgid) != 0 && !msgid)
			msgid = MSG("ui_field_invalid");
		if (msgid) {
			st->ferr[i] = msgid;
			bad++;
			if (first < 0)
				first = i;
		}
	}
	if (first >= 0)
		st->focus = 1 + st->v.n + first;
	return bad;
}

/* Build the request from the form (an empty 届出日 is today, so the
 * confirmation shows the day that is stored). A member whose 続柄 is empty
 * is left out: the workflow names him (chk_setai_member_missing). */
static void build_req(const struct app_ctx *ctx, struct st_st *st)
{
	struct setai_req *q = &st->req;

	memset(q, 0, sizeof *q);
	wf_copy(q->setai_no, sizeof q->setai_no, st->v.setai_no);
	wf_copy(q->head_atena, sizeof q->head_atena, st->v.m[st->head].atena_no);
	for (int i = 0; i < st->v.n && q->n < WF_MAX_PERSONS; i++) {
		struct setai_member *m = &q->m[q->n];
		const char *typed = wgt_field_value(&st->zoku[i]);

		if (i == st->head || !typed[0])
			continue;
		wf_copy(m->atena_no, sizeof m->atena_no, st->v.m[i].atena_no);
		if (view_setai_zokugara_norm(typed, m->zokugara, sizeof m->zokugara) != 0)
			wf_copy(m->zokugara, sizeof m->zokugara, typed);
		q->n++;
	}
	i18n_date_format_iso(st->f[F_IDOU].day, q->idou_date);
	if (st->f[F_TODOKE].len)
		i18n_date_format_iso(st->f[F_TODOKE].day, q->todoke_date);
	else
		wf_today(ctx, q->todoke_date);
}

/* Append a catalog line with up to three arguments. */
static void line_fmt(struct st_st *st, int attr, const char *key, const char *a0,
                     const char *a1, const char *a2)
{
	char line[640];

	fmt(line, sizeof line, key, a0, a1, a2);
	wgt_lines_add(&st->out, attr, line);
}

/* The member of the 世帯 with this 宛名番号, or NULL. */
static const struct view_setai_member *member_of(const struct st_st *st, const char *atena)
{
	for (int i = 0; i < st->v.n; i++)
		if (strcmp(st->v.m[i].atena_no, atena) == 0)
			return &st->v.m[i];
	return NULL;
}

/* The 氏名 a finding is about (its person index: 0 the new 世帯主, i + 1
 * member m[i] of the request), or NULL for the whole 届出. */
static const char *finding_who(const struct st_st *st, const struct check_item *it)
{
	const struct view_setai_member *m = NULL;

	if (it->person == 0)
		m = member_of(st, st->req.head_atena);
	else if (it->person > 0 && it->person <= st->req.n)
		m = member_of(st, st->req.m[it->person - 1].atena_no);
	return m ? m->name : NULL;
}

/* The new 続柄 of a member as the request holds it, or NULL when none. */
static const char *req_zokugara(const struct setai_req *q, const char *atena)
{
	if (strcmp(q->head_atena, atena) == 0)
		return ST_HEAD;
	for (int i = 0; i < q->n; i++)
		if (strcmp(q->m[i].atena_no, atena) == 0)
			return q->m[i].zokugara;
	return NULL;
}

/* The confirmation: every finding (errors first), then the 届出 as the
 * request holds it (what the commit stores). */
static void lines_confirm(struct st_st *st)
{
	static const struct { int level; const char *tag; int attr; } kinds[] = {
		{ CHECK_ERROR, MSG("setai_finding_error"), CELLS_R_ERROR | CELLS_BOLD },
		{ CHECK_ALERT, MSG("setai_finding_alert"), CELLS_R_ALERT | CELLS_BOLD },
		{ CHECK_INFO, MSG("setai_finding_info"), CELLS_R_INFO },
	};
	const struct setai_req *q = &st->req;
	const struct view_setai_member *head = member_of(st, q->head_atena);
	char text[512], who[300], line[1100], d[64];

	wgt_lines_clear(&st->out);
	wgt_lines_add(&st->out, CELLS_R_NORMAL, i18n_msg(MSG("setai_confirm_prompt")));
	wgt_lines_add(&st->out, CELLS_R_TITLE | CELLS_BOLD, i18n_msg(MSG("setai_sec_findings")));
	if (st->res.checks.n == 0)
		wgt_lines_add(&st->out, CELLS_R_NORMAL, i18n_msg(MSG("setai_no_findings")));
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		for (int i = 0; i < st->res.checks.n; i++) {
			const struct check_item *it = &st->res.checks.item[i];
			const char *name;

			if ((int)it->level != kinds[k].level)
				continue;
			view_check_text(it, text, sizeof text);
			who[0] = 0;
			name = finding_who(st, it);
			if (name)
				fmt(who, sizeof who, MSG("setai_finding_who"), name, NULL, NULL);
			snprintf(line, sizeof line, "%s %s%s", i18n_msg(kinds[k].tag), who, text);
			wgt_lines_add(&st->out, kinds[k].attr, line);
		}
	wgt_lines_add(&st->out, CELLS_R_TITLE | CELLS_BOLD, i18n_msg(MSG("setai_sec_request")));
	line_fmt(st, CELLS_R_NORMAL, MSG("setai_conf_household"), q->setai_no, st->v.address, NULL);
	if (head)
		line_fmt(st, CELLS_R_NORMAL | CELLS_BOLD, MSG("setai_conf_head"), head->name,
		         head->zokugara, NULL);
	for (int i = 0; i < st->v.n; i++) {
		const struct view_setai_member *m = &st->v.m[i];
		const char *z = req_zokugara(q, m->atena_no);

		if (m == head)
			continue;
		line_fmt(st, z ? CELLS_R_NORMAL : CELLS_R_ERROR | CELLS_BOLD, MSG("setai_conf_member"),
		         m->name, m->zokugara, z ? z : i18n_msg(MSG("setai_conf_unset")));
	}
	line_fmt(st, CELLS_R_NORMAL, MSG("setai_conf_idou"), i18n_wareki_text(q->idou_date, d, sizeof d), NULL,
	         NULL);
	line_fmt(st, CELLS_R_NORMAL, MSG("setai_conf_todoke"), i18n_wareki_text(q->todoke_date, d, sizeof d),
	         NULL, NULL);
	if (st->res.last_day[0])
		line_fmt(st, CELLS_R_NORMAL, MSG("setai_conf_last_day"),
		         i18n_wareki_text(st->res.last_day, d, sizeof d), NULL, NULL);
}

/* The result: the 受付番号, the new 世帯主 and each member's 続柄. */
static void lines_done(struct st_st *st)
{
	const struct setai_req *q = &st->req;
	const struct view_setai_member *head = member_of(st, q->head_atena);

	wgt_lines_clear(&st->out);
	line_fmt(st, CELLS_R_INFO | CELLS_BOLD, MSG("setai_done"), st->res.uketsuke_no, NULL, NULL);
	if (head)
		line_fmt(st, CELLS_R_NORMAL, MSG("setai_done_head"), head->name, NULL, NULL);
	for (int i = 0; i < q->n; i++) {
		const struct view_setai_member *m = member_of(st, q->m[i].atena_no);

		if (m)
			line_fmt(st, CELLS_R_NORMAL, MSG("setai_done_member"), m->name, q->m[i].zokugara,
			         NULL);
	}
	wgt_lines_add(&st->out, CELLS_R_NORMAL, "");
	wgt_lines_add(&st->out, CELLS_R_NORMAL, i18n_msg(MSG("setai_done_next")));
}

/* F10 on the form: the form's own checks, then setai_henko_check, then the
 * confirmation (with the findings, even errors: they are read there). */
static int go_confirm(struct scr_app *app, struct scr *s, struct st_st *st)
{
	char n[16];
	int rc;

	st->msg[0] = 0;
	if (!st->have || st->v.n == 0) {
		st->focus = 0;
		say(st, CELLS_R_ALERT | CELLS_BOLD, st->have ? MSG("setai_nobody")
		                                             : MSG("setai_need_household"), NULL, NULL);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (st->no_dirty) {
		st->focus = 0;
		say(st, CELLS_R_ALERT | CELLS_BOLD, MSG("setai_reload"), NULL, NULL);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (st->v.more) {
		snprintf(n, sizeof n, "%d", VIEW_SETAI_MAX);
		say(st, CELLS_R_ERROR | CELLS_BOLD, MSG("setai_too_many"), n, NULL);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (st->head < 0) {
		if (focus_member(st) < 0)
			st->focus = 1;
		say(st, CELLS_R_ALERT | CELLS_BOLD, MSG("setai_need_head"), NULL, NULL);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (dates_check(st) != 0)
		return SCR_HANDLED | SCR_REDRAW;
	build_req(app->ctx, st);
	rc = setai_henko_check(app->ctx, &st->req, &st->res);
	if (rc) {
		wgt_dialog_open_rc(&st->dlg, MSG("setai_error_title"), rc, TAG_NONE);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (wgt_lines_alloc(&st->out, ST_LINES) != 0) {
		wgt_dialog_open_rc(&st->dlg, MSG("setai_error_title"), MG_ENOMEM, TAG_NONE);
		return SCR_HANDLED | SCR_REDRAW;
	}
	lines_confirm(st);
	st->ack = 0;
	s->ops = &st_confirm_ops;
	return SCR_HANDLED | SCR_REDRAW;
}

/* Commit (the alerts were acknowledged); a refusal stays on the
 * confirmation with the new findings, the form untouched. */
static int do_commit(struct scr_app *app, struct scr *s, struct st_st *st)
{
	int rc;

	st->req.alerts_acknowledged = 1;
	st->shown = st->res;
	rc = setai_henko_commit(app->ctx, &st->req, &st->res);
	if (rc) {
		/* Refused: the commit's findings are the ones to read now. Failed
		 * (db, permission): the page keeps the findings it shows, so F10
		 * asks for the alerts again. */
		if (rc == MG_ERULE)
			lines_confirm(st);
		else
			st->res = st->shown;
		wgt_dialog_open_commit(&st->dlg, rc, TAG_BLOCKED, TAG_NONE);
		return SCR_HANDLED | SCR_REDRAW;
	}
	st->changed = 0;
	lines_done(st);
	s->ops = &st_done_ops;
	return SCR_HANDLED | SCR_REDRAW;
}

/* Errors block; else the box of alert n (0-based). 1 when a box opened. */
static int ask(struct st_st *st, int n)
{
	return wgt_dialog_ask(&st->dlg, &st->res.checks, n, MSG("setai_alert_title"),
	                      MSG("setai_alert_remedy"), TAG_ALERT, TAG_BLOCKED);
}

/* F10 on the confirmation: errors block, each alert needs F2, then commit. */
static int try_commit(struct scr_app *app, struct scr *s, struct st_st *st)
{
	st->ack = 0;
	return ask(st, 0) ? SCR_HANDLED | SCR_REDRAW : do_commit(app, s, st);
}

/* The answer of the screen's box. */
static int dialog_answer(struct scr_app *app, struct scr *s, struct st_st *st)
{
	if (st->dlg.tag == TAG_DISCARD)
		return st->dlg.answer == WGT_ANSWER_YES ? SCR_HANDLED | SCR_CLOSE
		                                        : SCR_HANDLED | SCR_REDRAW;
	if (st->dlg.tag == TAG_ALERT && st->dlg.answer == WGT_ANSWER_YES)
		return ask(st, ++st->ack) ? SCR_HANDLED | SCR_REDRAW : do_commit(app, s, st);
	return SCR_HANDLED | SCR_REDRAW;
}

/* F5 on a member: he becomes the new 世帯主 (again: nobody is chosen). */
static int choose_head(struct st_st *st)
{
	int i = focus_member(st);

	if (i < 0) {
		say(st, CELLS_R_ALERT | CELLS_BOLD, MSG("setai_member_row_only"), NULL, NULL);
		return SCR_HANDLED | SCR_REDRAW;
	}
	st->head = st->head == i ? -1 : i;
	st->changed = 1;
	st->msg[0] = 0;
	return SCR_HANDLED | SCR_REDRAW;
}

/* F6 on a member other than the new 世帯主: the 続柄 list. */
static int open_choices(struct scr *s, struct st_st *st)
{
	const char *const *c;
	int i = focus_member(st), n;
	const char *v;

	if (i < 0 || i == st->head) {
		say(st, CELLS_R_ALERT | CELLS_BOLD, i < 0 ? MSG("setai_member_row_only")
		                                          : MSG("setai_head_no_zoku"), NULL, NULL);
		return SCR_HANDLED | SCR_REDRAW;
	}
	c = view_setai_choices(&n);
	st->pick_for = i;
	st->lpick.sel = 0;
	v = wgt_field_value(&st->zoku[i]);
	for (int k = 0; k < n; k++)
		if (strcmp(c[k], v) == 0)
			st->lpick.sel = k;
	s->ops = &st_pick_ops;
	return SCR_HANDLED | SCR_REDRAW;
}

/* A key for the field under the focus (the new 世帯主's 続柄 is fixed). */
static int key_field(struct st_st *st, const struct ui_key *k)
{
	struct wgt_field *f = NULL;
	int i = focus_member(st), j = focus_date(st), r;

	if (st->focus == 0)
		f = &st->no;
	else if (i >= 0 && i != st->head)
		f = &st->zoku[i];
	else if (j >= 0)
		f = &st->f[j];
	if (!f) {
		if (i >= 0 && k->code == UI_K_CHAR) {
			say(st, CELLS_R_ALERT | CELLS_BOLD, MSG("setai_head_no_zoku"), NULL, NULL);
			return SCR_HANDLED | SCR_REDRAW;
		}
		return 0;
	}
	if (f == &st->no && k->code == UI_K_CHAR && k->ch >= 0xff10 && k->ch <= 0xff19) {
		/* A digit field shows what it holds: full-width digits (an IME's
		 * usual output) go in as ASCII, as on the 転入 form. */
		struct ui_key ascii = *k;

		ascii.ch = (wchar_t)(k->ch - 0xff10 + '0');
		r = wgt_field_key(f, &ascii);
	} else {
		r = wgt_field_key(f, k);
	}
	if (r & WGT_CHANGED) {
		st->changed = 1;
		if (st->focus == 0) {
			st->no_err = NULL;
			st->no_dirty = st->have;
		}
		if (j >= 0)
			st->ferr[j] = NULL;
	}
	return r ? SCR_HANDLED | SCR_REDRAW : 0;
}

/* Keys of the form page. */
static int key_form(struct scr_app *app, struct scr *s, struct st_st *st,
                    const struct ui_key *k)
{
	int n = slots(st);

	switch (wgt_keybar_match(keys_form, k)) {
	case ACT_SEARCH:
		app->push_ops = &scr_search;
		app->push_arg = &st->pick;
		return SCR_HANDLED | SCR_REDRAW | SCR_PUSH;
	case ACT_HEAD:
		return choose_head(st);
	case ACT_CHOICES:
		return open_choices(s, st);
	case ACT_CONFIRM:
		return go_confirm(app, s, st);
	case ACT_BACK:
		if (st->changed) {
			wgt_dialog_open(&st->dlg, WGT_DIALOG_CONFIRM, MSG("setai_discard_title"),
			                MSG("setai_discard_text"), NULL, TAG_DISCARD);
			return SCR_HANDLED | SCR_REDRAW;
		}
		return SCR_HANDLED | SCR_CLOSE;
	default:
		break;
	}
	switch (k->code) {
	case UI_K_TAB:
	case UI_K_DOWN:
		st->focus = (st->focus + 1) % n;
		return SCR_HANDLED | SCR_REDRAW;
	case UI_K_BTAB:
	case UI_K_UP:
		st->focus = (st->focus + n - 1) % n;
		return SCR_HANDLED | SCR_REDRAW;
	case UI_K_ENTER:
		if (st->focus == 0) {
			load(app, st);
			return SCR_HANDLED | SCR_REDRAW;
		}
		if (st->focus >= n - 1)
			return go_confirm(app, s, st);
		st->focus++;
		return SCR_HANDLED | SCR_REDRAW;
	default:
		break;
	}
	return key_field(st, k);
}

/* Keys of the 続柄 list: Enter puts the choice into the member's field. */
static int key_pick(struct scr *s, struct st_st *st, const struct ui_key *k)
{
	const char *const *c;
	int n, r;

	switch (wgt_keybar_match(keys_pick, k)) {
	case ACT_CHOOSE:
		c = view_setai_choices(&n);
		if (st->lpick.sel >= 0 && st->lpick.sel < n) {
			wgt_field_set(&st->zoku[st->pick_for], c[st->lpick.sel]);
			st->zoku[st->pick_for].changed = 1;
			st->changed = 1;
			if (st->pick_for + 2 < slots(st))
				st->focus = st->pick_for + 2;
		}
		s->ops = &scr_setai;
		return SCR_HANDLED | SCR_REDRAW;
	case ACT_BACK:
		s->ops = &scr_setai;
		return SCR_HANDLED | SCR_REDRAW;
	default:
		break;
	}
	r = wgt_list_key(&st->lpick, k);
	if (r & WGT_SUBMIT) {
		struct ui_key enter = { UI_K_ENTER, 0 };

		return key_pick(s, st, &enter);
	}
	return r ? SCR_HANDLED | SCR_REDRAW : 0;
}

/* Keys: the box first, then the page's table. */
static int st_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct st_st *st = s->st;

	if (st->dlg.open) {
		if (wgt_dialog_key(&st->dlg, k) & WGT_CLOSED)
			return dialog_answer(app, s, st);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (s->ops == &st_pick_ops)
		return key_pick(s, st, k);
	if (s->ops == &st_confirm_ops) {
		switch (wgt_keybar_match(keys_confirm, k)) {
		case ACT_COMMIT:
			return try_commit(app, s, st);
		case ACT_BACK:
			s->ops = &scr_setai;
			return SCR_HANDLED | SCR_REDRAW;
		default:
			return scr_lines_key(&st->out, k);
		}
	}
	if (s->ops == &st_done_ops) {
		if (wgt_keybar_match(keys_done, k) == ACT_DONE)
			return SCR_HANDLED | SCR_CLOSE;
		return scr_lines_key(&st->out, k);
	}
	return key_form(app, s, st, k);
}

/* The width of the widest form label, at most 20 columns. */
static int label_width(void)
{
	int lw = cells_width(i18n_msg(MSG("setai_no")));

	for (int i = 0; i < F_N; i++) {
		int w = cells_width(i18n_msg(fdefs[i].label));

		if (w > lw)
			lw = w;
	}
	return lw > 20 ? 20 : lw;
}

/* A label, a field and its hint (or error) on row y. */
static void draw_labelled(struct cells *c, int y, int lw, const char *label,
                          const struct wgt_field *f, int fw, int focused, const char *hint,
                          int hint_attr)
{
	int fx = 3 + lw + 2;

	cells_text(c, 3, y, lw, label, CELLS_R_LABEL | (focused ? CELLS_BOLD : 0), CELLS_ELLIPSIS);
	if (fx + fw > c->w - 2)
		fw = c->w - 2 - fx;
	wgt_field_draw(f, c, fx, y, fw, focused);
	if (hint && fx + fw + 1 < c->w - 1)
		cells_text(c, fx + fw + 1, y, c->w - 1 - (fx + fw + 1), hint, hint_attr,
		           CELLS_ELLIPSIS);
}

/* A date field with its error, its date read back in 和暦, or its hint. */
static void draw_date(struct st_st *st, struct cells *c, int y, int j, int lw)
{
	const struct wgt_field *f = &st->f[j];
	const char *hint = i18n_msg(fdefs[j].hint);
	int attr = CELLS_R_DIM;
	char buf[128];
	i18n_day d;

	if (st->ferr[j]) {
		hint = i18n_msg(st->ferr[j]);
		attr = CELLS_R_ERROR | CELLS_BOLD;
	} else if (f->len && i18n_wareki_parse(f->text, &d) == 0 &&
	           i18n_wareki_format(d, buf, sizeof buf) > 0) {
		hint = buf;
	}
	draw_labelled(c, y, lw, i18n_msg(fdefs[j].label), f, 20, focus_date(st) == j, hint, attr);
}

/* The hint of member i: new 世帯主, a 続柄 the registry does not allow, or
 * the 転出予定日 of one moving out later. */
static const char *member_hint(const struct st_st *st, int i, char *buf, size_t cap, int *attr)
{
	const struct view_setai_member *m = &st->v.m[i];
	const char *typed = wgt_field_value(&st->zoku[i]);
	char norm[256], d[64];

	*attr = CELLS_R_DIM;
	if (i == st->head) {
		*attr = CELLS_R_INFO | CELLS_BOLD;
		return i18n_msg(MSG("setai_hint_new_head"));
	}
	if (typed[0] && (view_setai_zokugara_norm(typed, norm, sizeof norm) != 0 ||
	                 !zokugara_valid(norm, 0))) {
		*attr = CELLS_R_ERROR | CELLS_BOLD;
		return i18n_msg(MSG("setai_hint_bad_zoku"));
	}
	if (m->leaving[0]) {
		fmt(buf, cap, MSG("setai_hint_leaving"), i18n_wareki_text(m->leaving, d, sizeof d), NULL, NULL);
		return buf;
	}
	return NULL;
}

/* Member i's row at y: mark, 氏名, 生年月日, 続柄 now, the new one, hint. */
static void draw_member(struct st_st *st, struct cells *c, int y, int i)
{
	const struct view_setai_member *m = &st->v.m[i];
	int focused = focus_member(st) == i, attr;
	char d[64], buf[256];
	const char *hint;

	if (m->is_head)
		cells_text(c, X_MARK, y, 1, "*", CELLS_R_NORMAL | CELLS_BOLD, 0);
	cells_text(c, X_NAME, y, W_NAME, m->name,
	           focused ? CELLS_R_SELECT | CELLS_REVERSE : CELLS_R_NORMAL,
	           CELLS_ELLIPSIS | CELLS_PAD);
	cells_text(c, X_BIRTH, y, W_BIRTH, i18n_wareki_text(m->birth, d, sizeof d), CELLS_R_DIM, CELLS_ELLIPSIS);
	cells_text(c, X_NOW, y, W_NOW, m->zokugara,
	           m->is_head ? CELLS_R_NORMAL | CELLS_BOLD : CELLS_R_NORMAL, CELLS_ELLIPSIS);
	if (i == st->head)
		cells_text(c, X_NEW, y, W_NEW, ST_HEAD, CELLS_R_INFO | CELLS_BOLD, CELLS_ELLIPSIS);
	else
		wgt_field_draw(&st->zoku[i], c, X_NEW, y, W_NEW, focused);
	hint = member_hint(st, i, buf, sizeof buf, &attr);
	if (hint && X_HINT < c->w - 1)
		cells_text(c, X_HINT, y, c->w - 1 - X_HINT, hint, attr, CELLS_ELLIPSIS);
}

/* The body below the fixed rows: the members, a blank row, the dates. The
 * focus slot s (>= 1) is body row s - 1, or one more past the members. */
static int body_rows(const struct st_st *st)
{
	return (st->have ? st->v.n + 1 : 0) + F_N;
}

/* The body row of the focus (0 while it is on the 世帯番号, above the body). */
static int focus_row(const struct st_st *st)
{
	if (st->focus == 0)
		return 0;
	return focus_member(st) >= 0 ? st->focus - 1 : st->focus - 1 + (st->have ? 1 : 0);
}

/* One body row at screen row y. */
static void draw_body_row(struct st_st *st, struct cells *c, int y, int row, int lw)
{
	int nm = st->have ? st->v.n : 0;

	if (row < nm)
		draw_member(st, c, y, row);
	else if (row > nm || !st->have)
		draw_date(st, c, y, row - nm - (st->have ? 1 : 0), lw);
}

/* The form: the 世帯番号, the 世帯 (address, 世帯主, column heads), the body
 * scrolled to the focus with a line of the rows above and below, and the
 * message, wrapped, at the bottom. */
static void draw_form(struct st_st *st, struct cells *c, int top, int rows)
{
	char line[800], above[16], below[16];
	int y = top, lw = label_width(), bottom = top + rows - 1, mrows = 0, n, total, fr;
	const char *hint = i18n_msg(MSG("setai_no_hint"));

	draw_labelled(c, y++, lw, i18n_msg(MSG("setai_no")), &st->no, 14, st->focus == 0,
	              st->no_err ? i18n_msg(st->no_err) : hint,
	              st->no_err ? CELLS_R_ERROR | CELLS_BOLD : CELLS_R_DIM);
	if (st->have) {
		fmt(line, sizeof line, MSG("setai_household"), st->v.address,
		    st->v.head_name[0] ? st->v.head_name : i18n_msg(MSG("setai_no_head")), NULL);
		cells_text(c, 1, y++, c->w - 2, line, CELLS_R_TITLE | CELLS_BOLD, CELLS_ELLIPSIS);
		cells_text(c, 2, y++, c->w - 4, i18n_msg(MSG("setai_members_hint")), CELLS_R_DIM,
		           CELLS_ELLIPSIS);
		cells_text(c, X_NAME, y, W_NAME, i18n_msg(MSG("setai_col_name")), CELLS_R_DIM,
		           CELLS_ELLIPSIS);
		cells_text(c, X_BIRTH, y, W_BIRTH, i18n_msg(MSG("setai_col_birth")), CELLS_R_DIM,
		           CELLS_ELLIPSIS);
		cells_text(c, X_NOW, y, W_NOW, i18n_msg(MSG("setai_col_now")), CELLS_R_DIM,
		           CELLS_ELLIPSIS);
		cells_text(c, X_NEW, y++, W_NEW, i18n_msg(MSG("setai_col_new")), CELLS_R_DIM,
		           CELLS_ELLIPSIS);
	} else {
		y++;
		y += cells_wrap(c, 2, y, c->w - 4, 2, i18n_msg(MSG("setai_prompt")), CELLS_R_NORMAL);
		y++;
	}
	if (st->msg[0])
		mrows = cells_wrap(NULL, 2, 0, c->w - 4, 0, st->msg, 0);
	if (mrows > ST_MSG_ROWS)
		mrows = ST_MSG_ROWS;
	n = bottom - y - mrows;
	total = body_rows(st);
	if (n >= 1) {
		fr = focus_row(st);
		if (st->focus > 0 && fr < st->fscroll)
			st->fscroll = fr;
		if (st->focus > 0 && fr >= st->fscroll + n)
			st->fscroll = fr - n + 1;
		if (st->fscroll > total - n)
			st->fscroll = total - n;
		if (st->fscroll < 0)
			st->fscroll = 0;
		for (int r = st->fscroll; r < total && r < st->fscroll + n; r++)
			draw_body_row(st, c, y + r - st->fscroll, r, lw);
		if (st->fscroll > 0 || total > st->fscroll + n) {
			snprintf(above, sizeof above, "%d", st->fscroll);
			snprintf(below, sizeof below, "%d",
			         total > st->fscroll + n ? total - st->fscroll - n : 0);
			fmt(line, sizeof line, MSG("setai_more_rows"), above, below, NULL);
			cells_text(c, 2, y + n, c->w - 4, line, CELLS_R_DIM, CELLS_ELLIPSIS);
		}
	}
	if (mrows > 0 && bottom - mrows + 1 >= top)
		cells_wrap(c, 2, bottom - mrows + 1, c->w - 4, mrows, st->msg, st->msg_attr);
}

/* The 続柄 list: whom it is for, then the choices. */
static void draw_pick(struct st_st *st, struct cells *c, int top, int rows)
{
	char line[640];
	int h;

	fmt(line, sizeof line, MSG("setai_pick_prompt"), st->v.m[st->pick_for].name, NULL, NULL);
	h = cells_wrap(c, 2, top + 1, c->w - 4, 3, line, CELLS_R_NORMAL);
	wgt_list_draw(&st->lpick, c, 2, top + 2 + h, 30, rows - 3 - h);
}

/* The confirmation/result lines (wgt_lines) and the scroll hint. */
static void draw_lines(struct st_st *st, struct cells *c, int top, int rows)
{
	wgt_lines_draw(&st->out, c, top, rows, i18n_msg(MSG("setai_scroll_hint")));
}

/* Draw the page and the box. */
static void st_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows)
{
	struct st_st *st = s->st;

	(void)app;
	if (s->ops == &st_pick_ops)
		draw_pick(st, c, top, rows);
	else if (s->ops == &st_confirm_ops || s->ops == &st_done_ops)
		draw_lines(st, c, top, rows);
	else
		draw_form(st, c, top, rows);
	if (st->dlg.open) {
		c->cur_visible = 0;
		wgt_dialog_draw(&st->dlg, c);
	}
}

/* Wipe everything typed and shown, free the state. */
static void st_leave(struct scr_app *app, struct scr *s)
{
	struct st_st *st = s->st;

	(void)app;
	if (!st)
		return;
	wgt_lines_free(&st->out);
	explicit_bzero(st, sizeof *st);
	free(st);
	s->st = NULL;
}

/* One screen in four steps: the same calls, each its title and keys. */
#define ST_OPS(title, keytab) { \
	.name = "setai", .title_msgid = title, .keys = keytab, .needs_session = 1, \
	.enter = st_enter, .key = st_key, .tick = NULL, .draw = st_draw, .leave = st_leave }

const struct scr_ops scr_setai = ST_OPS(MSG("setai_title"), keys_form);
static const struct scr_ops st_pick_ops = ST_OPS(MSG("setai_pick_title"), keys_pick);
static const struct scr_ops st_confirm_ops = ST_OPS(MSG("setai_confirm_title"), keys_confirm);
static const struct scr_ops st_done_ops = ST_OPS(MSG("setai_done_title"), keys_done);
