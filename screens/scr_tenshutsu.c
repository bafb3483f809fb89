/*
 * scr_tenshutsu.c — 転出 / 特例転出 (see scr_tenshutsu.h). Pages are static
 * scr_ops of this file sharing one state (swapped in s->ops): the form
 * (household, members, destination, dates, kind, new 世帯主 when asked),
 * the confirmation, and the result. The household comes from scr_search in
 * pick mode; the certificate is scr_cert.
 */
#include "screens/scr_tenshutsu.h"

#include "screens/cells.h"
#include "screens/scr_cert.h"
#include "screens/scr_search.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_dialog.h"
#include "screens/wgt_field.h"
#include "screens/wgt_keybar.h"
#include "screens/wgt_lines.h"

#include "app/view_check.h"
#include "app/app_ctx.h"
#include "app/check.h"
#include "app/tenshutsu.h"
#include "app/view_registry.h"
#include "app/wf.h"
#include "i18n/i18n_date.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_wareki.h"
#include "i18n/i18n_width.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	ACT_SEARCH = 1, ACT_ALL, ACT_KIND, ACT_CONFIRM, ACT_BACK, ACT_COMMIT, ACT_DONE, ACT_CERT
};

/* Dialog tags. */
enum { TAG_NONE, TAG_DISCARD, TAG_ALERT, TAG_BLOCKED };

static const struct wgt_keybar_item keys_form[] = {
	{ UI_K_F4, ACT_SEARCH, MSG("sa_ts_key_search") },
	{ UI_K_F5, ACT_ALL, MSG("sa_ts_key_all") },
	{ UI_K_F8, ACT_KIND, MSG("sa_ts_key_kind") },
	{ UI_K_F10, ACT_CONFIRM, MSG("sa_ts_key_confirm") },
	{ UI_K_ESC, ACT_BACK, MSG("sa_key_back") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_confirm[] = {
	{ UI_K_F10, ACT_COMMIT, MSG("sa_ts_key_commit") },
	{ UI_K_ESC, ACT_BACK, MSG("sa_tn_key_edit") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_done[] = {
	{ UI_K_F5, ACT_CERT, MSG("sa_ts_key_cert") },
	{ UI_K_ENTER, ACT_DONE, MSG("sa_tn_key_done") },
	{ UI_K_ESC, ACT_DONE, NULL },
	{ 0, 0, NULL }
};

enum { F_DEST, F_CODE, F_PLANNED, F_MOVED, F_TODOKE, F_N };

static const struct { const char *label, *hint; enum wgt_field_kind kind; int max, width; } fdefs[F_N] = {
	{ MSG("sa_ts_dest"), NULL, WGT_FIELD_TEXT, 240, 40 },
	{ MSG("sa_ts_code"), MSG("sa_tn_prev_code_hint"), WGT_FIELD_DIGITS, 20, 10 },
	{ MSG("sa_ts_planned"), NULL, WGT_FIELD_DATE, 60, 20 },
	{ MSG("sa_ts_moved"), MSG("sa_ts_moved_hint"), WGT_FIELD_DATE, 60, 20 },
	/* 届出日: empty is today; a 転出届 received by post is filed on the day it
	 * arrived, the day the 14 days after the move are counted to (職権 and a
	 * 準ずる証明書 beyond them, 標準仕様 4.1.3.0.1; no 特例転出 either). */
	{ MSG("sa_ts_todoke"), MSG("sa_ts_todoke_hint"), WGT_FIELD_DATE, 60, 20 },
};

#define TS_MEMBERS 24
#define TS_LINES 200
#define TS_ZOKU_MAX 60   /* bytes of a new 続柄 */
#define TS_MSG_ROWS 3    /* rows the form's message may wrap into */

/* rv-input 1: each field fits the request member it is copied into (the
 * code field's value goes in as its ASCII digits, never more than typed). */
_Static_assert(240 < sizeof(((struct tenshutsu_req *)0)->dest_address), "転出先 fits");
_Static_assert(20 < sizeof(((struct tenshutsu_req *)0)->dest_muni_code), "団体コード fits");
_Static_assert(TS_ZOKU_MAX < sizeof(((struct tenshutsu_req *)0)->new_zokugara[0]), "続柄 fits");

struct ts_st {
	struct scr_search_pick pick;             /* how the search hands the household back */
	int have;                                /* 1: a household is chosen */
	char setai[DB_ID_CAP];
	struct db_resident memb[TS_MEMBERS];     /* its current members */
	int nm;
	int sel[TS_MEMBERS];                     /* 1: moves out */
	struct wgt_field f[F_N];                 /* destination and dates */
	const char *ferr[F_N];                   /* a field's error (catalog key) */
	int tokurei;                             /* 1: 特例転出 */
	int need_head;                           /* the app asked for a new 世帯主 */
	struct wgt_field zoku[TS_MEMBERS];       /* new 続柄 of a remaining member ("世帯主") */
	int focus;                               /* members, then fields, then new 続柄 */
	int fscroll;                             /* first body row of the form shown */
	int changed;                             /* anything chosen or typed */
	char msg[512];                           /* a note above the key bar */
	struct tenshutsu_req req;
	struct tenshutsu_result res;
	struct wgt_lines out;                    /* confirmation / result lines */
	int ack;                                 /* alerts acknowledged so far */
	long long serial;                        /* the certificate (scr_cert's argument) */
	struct wgt_dialog dlg;
};

static const struct scr_ops ts_confirm_ops;
static const struct scr_ops ts_done_ops;


/* Format a key with up to three arguments into out. */
static void fmt(char *out, size_t cap, const char *key, const char *a0, const char *a1,
                const char *a2)
{
	const char *a[3] = { a0, a1, a2 };

	if (i18n_msg_format(out, cap, key, 3, a) < 0)
		out[0] = 0;
}

/* Keep one current member of the chosen household. */
static int keep_member(void *arg, const struct db_resident *r)
{
	struct ts_st *st = arg;

	if (strcmp(r->state, "current") != 0 || st->nm >= TS_MEMBERS)
		return 0;
	st->memb[st->nm] = *r;
	st->sel[st->nm] = 1;
	wgt_field_init(&st->zoku[st->nm], WGT_FIELD_TEXT, TS_ZOKU_MAX);
	st->nm++;
	return 0;
}

/* The search handed back a person: load their household, everyone selected. */
static int picked(struct scr_app *app, void *owner, const struct db_resident *r)
{
	struct ts_st *st = owner;
	int rc;

	if (strcmp(r->state, "current") != 0)
		return MG_ESTATE;
	for (int i = 0; i < st->nm; i++)
		explicit_bzero(&st->memb[i], sizeof st->memb[i]);
	st->nm = 0;
	st->need_head = 0;
	rc = view_registry_household(app->ctx, r->setai_no, keep_member, st);
	if (rc)
		return rc;
	wf_copy(st->setai, sizeof st->setai, r->setai_no);
	st->have = st->nm > 0;
	st->changed = 1;
	st->focus = 0;
	st->msg[0] = 0;
	return 0;
}

/* Set up the empty form. */
static int ts_enter(struct scr_app *app, struct scr *s)
{
	struct ts_st *st = calloc(1, sizeof *st);

	if (!st)
		return MG_ENOMEM;
	for (int i = 0; i < F_N; i++)
		wgt_field_init(&st->f[i], fdefs[i].kind, (size_t)fdefs[i].max);
	st->pick.picked = picked;
	st->pick.owner = st;
	s->st = st;
	if (s->arg) {
		/* A prepared request (a kiosk application handed over): its household
		 * with the movers chosen, the destination and the dates filled in. */
		const struct tenshutsu_req *q = s->arg;
		int rc;

		rc = view_registry_household(app->ctx, q->setai_no, keep_member, st);
		if (rc)
			return rc;
		wf_copy(st->setai, sizeof st->setai, q->setai_no);
		st->have = st->nm > 0;
		for (int i = 0; i < st->nm; i++) {
			st->sel[i] = 0;
			for (int k = 0; k < q->n; k++)
				if (strcmp(st->memb[i].atena_no, q->atena[k]) == 0)
					st->sel[i] = 1;
		}
		if (q->dest_address[0])
			wgt_field_set(&st->f[F_DEST], q->dest_address);
		if (q->dest_muni_code[0])
			wgt_field_set(&st->f[F_CODE], q->dest_muni_code);
		if (q->planned_date[0])
			wgt_field_set(&st->f[F_PLANNED], q->planned_date);
		if (q->moved_date[0])
			wgt_field_set(&st->f[F_MOVED], q->moved_date);
		if (q->todoke_date[0])
			wgt_field_set(&st->f[F_TODOKE], q->todoke_date);
		st->tokurei = q->tokurei;
		st->changed = 1;
	}
	return 0;
}

/* The remaining members (not moving), in order: OUT idx[], returns the count. */
static int remaining(const struct ts_st *st, int *idx)
{
	int n = 0;

	for (int i = 0; i < st->nm; i++)
		if (!st->sel[i])
			idx[n++] = i;
	return n;
}

/* Focus slots: members, the fields, the new 続柄 of the remaining members. */
static int slots(const struct ts_st *st)
{
	int idx[TS_MEMBERS];

	return st->nm + F_N + (st->need_head ? remaining(st, idx) : 0);
}

/* The field under the focus, or NULL for a member row. */
static struct wgt_field *focus_field(struct ts_st *st)
{
	int idx[TS_MEMBERS], f = st->focus - st->nm;

	if (f < 0)
		return NULL;
	if (f < F_N)
		return &st->f[f];
	f -= F_N;
	return st->need_head && f < remaining(st, idx) ? &st->zoku[idx[f]] : NULL;
}

/* Check the fields' own rules. Returns the number of bad fields. */
static int form_check(struct ts_st *st)
{
	const char *msgid;
	int bad = 0, first = -1;

	for (int i = 0; i < F_N; i++) {
		msgid = NULL;
		st->ferr[i] = NULL;
		if (i != F_MOVED && i != F_TODOKE && st->f[i].len == 0)
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
		st->focus = st->nm + first;
	return bad;
}

/* Build the request from the form (an empty 届出日 is today, so the
 * confirmation shows the day that is stored). */
static void build_req(const struct app_ctx *ctx, struct ts_st *st)
{
	struct tenshutsu_req *q = &st->req;
	int idx[TS_MEMBERS], nr = remaining(st, idx), z = 0;

	memset(q, 0, sizeof *q);
	wf_copy(q->setai_no, sizeof q->setai_no, st->setai);
	for (int i = 0; i < st->nm && q->n < WF_MAX_PERSONS; i++)
		if (st->sel[i])
			wf_copy(q->atena[q->n++], DB_ID_CAP, st->memb[i].atena_no);
	wf_copy(q->dest_address, sizeof q->dest_address, wgt_field_value(&st->f[F_DEST]));
	wf_copy(q->dest_muni_code, sizeof q->dest_muni_code, st->f[F_CODE].digits);
	if (st->f[F_PLANNED].len)
		i18n_date_format_iso(st->f[F_PLANNED].day, q->planned_date);
	if (st->f[F_MOVED].len)
		i18n_date_format_iso(st->f[F_MOVED].day, q->moved_date);
	if (st->f[F_TODOKE].len)
		i18n_date_format_iso(st->f[F_TODOKE].day, q->todoke_date);
	else
		wf_today(ctx, q->todoke_date);
	q->tokurei = st->tokurei;
	if (!st->need_head)
		return;
	for (int k = 0; k < nr && z < WF_MAX_PERSONS; k++) {
		const char *v = wgt_field_value(&st->zoku[idx[k]]);

		if (strcmp(v, "世帯主") == 0) {
			wf_copy(q->new_head, sizeof q->new_head, st->memb[idx[k]].atena_no);
		} else {
			wf_copy(q->new_zokugara[z], sizeof q->new_zokugara[z], v);
			wf_copy(q->new_zokugara_atena[z], DB_ID_CAP, st->memb[idx[k]].atena_no);
			z++;
		}
	}
}

/* Append a catalog line with up to three arguments. */
static void line_fmt(struct ts_st *st, int attr, const char *key, const char *a0,
                     const char *a1, const char *a2)
{
	char line[600];

	fmt(line, sizeof line, key, a0, a1, a2);
	wgt_lines_add(&st->out, attr, line);
}

/* The new 続柄 of a remaining member as the request holds it ("" = none). */
static const char *req_zokugara(const struct tenshutsu_req *q, const char *atena)
{
	if (q->new_head[0] && strcmp(q->new_head, atena) == 0)
		return "世帯主";
	for (int z = 0; z < WF_MAX_PERSONS; z++)
		if (q->new_zokugara_atena[z][0] && strcmp(q->new_zokugara_atena[z], atena) == 0)
			return q->new_zokugara[z];
	return "";
}

/* The confirmation: every finding (errors first), then every value as the
 * request holds it (what the commit stores). */
static void lines_confirm(struct ts_st *st)
{
	static const struct { int level; const char *tag; int attr; } kinds[] = {
		{ CHECK_ERROR, MSG("sa_tn_finding_error"), CELLS_R_ERROR | CELLS_BOLD },
		{ CHECK_ALERT, MSG("sa_tn_finding_alert"), CELLS_R_ALERT | CELLS_BOLD },
		{ CHECK_INFO, MSG("sa_tn_finding_info"), CELLS_R_INFO },
	};
	const struct tenshutsu_req *q = &st->req;
	char d[64], text[512], line[1100];

	wgt_lines_clear(&st->out);
	wgt_lines_add(&st->out, CELLS_R_NORMAL, i18n_msg(MSG("sa_ts_confirm_prompt")));
	wgt_lines_add(&st->out, CELLS_R_TITLE | CELLS_BOLD, i18n_msg(MSG("sa_tn_sec_findings")));
	if (st->res.checks.n == 0)
		wgt_lines_add(&st->out, CELLS_R_NORMAL, i18n_msg(MSG("sa_tn_no_findings")));
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		for (int i = 0; i < st->res.checks.n; i++) {
			const struct check_item *it = &st->res.checks.item[i];

			if ((int)it->level != kinds[k].level)
				continue;
			view_check_text(it, text, sizeof text);
			snprintf(line, sizeof line, "%s %s", i18n_msg(kinds[k].tag), text);
			wgt_lines_add(&st->out, kinds[k].attr, line);
		}
	line_fmt(st, CELLS_R_TITLE | CELLS_BOLD, MSG("sa_ts_household"), st->setai,
	         st->memb[0].addr_text, NULL);
	for (int i = 0; i < st->nm; i++)
		line_fmt(st, st->sel[i] ? CELLS_R_NORMAL | CELLS_BOLD : CELLS_R_DIM,
		         st->sel[i] ? MSG("sa_ts_conf_moves") : MSG("sa_ts_conf_stays"),
		         st->memb[i].name, st->memb[i].zokugara, NULL);
	line_fmt(st, CELLS_R_NORMAL, MSG("sa_ts_conf_dest"), q->dest_address, q->dest_muni_code, NULL);
	line_fmt(st, CELLS_R_NORMAL, MSG("sa_ts_conf_planned"), i18n_wareki_text(q->planned_date, d, sizeof d),
	         NULL, NULL);
	if (q->moved_date[0])
		line_fmt(st, CELLS_R_NORMAL, MSG("sa_ts_conf_moved"), i18n_wareki_text(q->moved_date, d, sizeof d),
		         NULL, NULL);
	line_fmt(st, CELLS_R_NORMAL, MSG("sa_ts_conf_todoke"), i18n_wareki_text(q->todoke_date, d, sizeof d),
	         NULL, NULL);
	wgt_lines_add(&st->out, CELLS_R_NORMAL | CELLS_BOLD,
	              i18n_msg(q->tokurei ? MSG("sa_ts_kind_tokurei") : MSG("sa_ts_kind_ordinary")));
	for (int i = 0; i < st->nm; i++)
		if (!st->sel[i] && st->need_head)
			line_fmt(st, CELLS_R_NORMAL, MSG("sa_ts_conf_new_zoku"), st->memb[i].name,
			         req_zokugara(q, st->memb[i].atena_no), NULL);
}

/* The result: 受付番号 and the certificate, or the 特例 note. */
static void lines_done(struct ts_st *st)
{
	char no[32];

	wgt_lines_clear(&st->out);
	line_fmt(st, CELLS_R_INFO | CELLS_BOLD, MSG("sa_ts_done"), st->res.uketsuke_no, NULL, NULL);
	if (st->req.tokurei) {
		wgt_lines_add(&st->out, CELLS_R_ALERT | CELLS_BOLD, i18n_msg(MSG("sa_ts_done_tokurei")));
	} else {
		snprintf(no, sizeof no, "%lld", st->res.cert_serial);
		line_fmt(st, CELLS_R_NORMAL, strcmp(st->res.cert_kind, "junzuru") == 0
		                             ? MSG("sa_ts_done_junzuru") : MSG("sa_ts_done_cert"),
		         no, NULL, NULL);
	}
	if (st->res.auto_head[0])
		line_fmt(st, CELLS_R_NORMAL, MSG("sa_ts_done_auto_head"), st->res.auto_head, NULL, NULL);
	wgt_lines_add(&st->out, CELLS_R_NORMAL, "");
	wgt_lines_add(&st->out, CELLS_R_NORMAL, i18n_msg(MSG("sa_tn_done_next")));
}

/* 1 when the check asks for the new 世帯主 and 続柄 (標準仕様 4.1.4.2). */
static int asks_head(const struct check_list *l)
{
	return check_has(l, MSG("chk_new_head_required")) ||
	       check_has(l, MSG("chk_new_zokugara_required")) ||
	       check_has(l, MSG("chk_new_head_not_member"));
}

/* F10 on the form: check, let the app say whether it needs a new 世帯主, confirm. */
static int go_confirm(struct scr_app *app, struct scr *s, struct ts_st *st)
{
	int rc, sel = 0;

	st->msg[0] = 0;
	for (int i = 0; i < st->nm; i++)
		sel += st->sel[i];
	if (!st->have || sel == 0) {
		fmt(st->msg, sizeof st->msg, st->have ? MSG("sa_ts_need_member")
		                                      : MSG("sa_ts_need_household"), NULL, NULL, NULL);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (form_check(st) != 0)
		return SCR_HANDLED | SCR_REDRAW;
	build_req(app->ctx, st);
	rc = tenshutsu_check(app->ctx, &st->req, &st->res);
	if (rc == 0 && st->need_head && check_has(&st->res.checks, MSG("chk_new_head_not_needed"))) {
		st->need_head = 0;
		build_req(app->ctx, st);
		rc = tenshutsu_check(app->ctx, &st->req, &st->res);
	}
	if (rc) {
		wgt_dialog_open_rc(&st->dlg, MSG("ui_dlg_title_error"), rc, TAG_NONE);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (!st->need_head && check_has(&st->res.checks, MSG("chk_new_head_required"))) {
		st->need_head = 1;
		st->focus = st->nm + F_N;
		fmt(st->msg, sizeof st->msg, MSG("sa_ts_ask_head"), NULL, NULL, NULL);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (wgt_lines_alloc(&st->out, TS_LINES) != 0) {
		wgt_dialog_open_rc(&st->dlg, MSG("ui_dlg_title_error"), MG_ENOMEM, TAG_NONE);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (asks_head(&st->res.checks))
		fmt(st->msg, sizeof st->msg, MSG("sa_ts_ask_head"), NULL, NULL, NULL);
	lines_confirm(st);
	s->ops = &ts_confirm_ops;
	return SCR_HANDLED | SCR_REDRAW;
}

/* Commit (alerts acknowledged); then the certificate or the 特例 note. */
static int do_commit(struct scr_app *app, struct scr *s, struct ts_st *st)
{
	int rc;

	st->req.alerts_acknowledged = 1;
	rc = tenshutsu_commit(app->ctx, &st->req, &st->res);
	if (rc) {
		if (rc == MG_ERULE)
			lines_confirm(st);
		wgt_dialog_open_commit(&st->dlg, rc, TAG_BLOCKED, TAG_NONE);
		return SCR_HANDLED | SCR_REDRAW;
	}
	st->changed = 0;
	lines_done(st);
	s->ops = &ts_done_ops;
	if (st->req.tokurei || st->res.cert_serial <= 0)
		return SCR_HANDLED | SCR_REDRAW;
	st->serial = st->res.cert_serial;
	app->push_ops = &scr_cert;
	app->push_arg = &st->serial;
	return SCR_HANDLED | SCR_REDRAW | SCR_PUSH;
}

/* Errors block; else the box of alert n (0-based). 1 when a box opened. */
static int ask(struct ts_st *st, int n)
{
	return wgt_dialog_ask(&st->dlg, &st->res.checks, n, MSG("sa_tn_alert_title"),
	                      MSG("sa_tn_alert_remedy"), TAG_ALERT, TAG_BLOCKED);
}

/* F10 on the confirmation: errors block, alerts one by one, then commit. */
static int try_commit(struct scr_app *app, struct scr *s, struct ts_st *st)
{
	st->ack = 0;
	return ask(st, 0) ? SCR_HANDLED | SCR_REDRAW : do_commit(app, s, st);
}

/* The answer of the screen's box. */
static int dialog_answer(struct scr_app *app, struct scr *s, struct ts_st *st)
{
	if (st->dlg.tag == TAG_DISCARD)
		return st->dlg.answer == WGT_ANSWER_YES ? SCR_HANDLED | SCR_CLOSE
		                                        : SCR_HANDLED | SCR_REDRAW;
	if (st->dlg.tag == TAG_ALERT && st->dlg.answer == WGT_ANSWER_YES)
		return ask(st, ++st->ack) ? SCR_HANDLED | SCR_REDRAW : do_commit(app, s, st);
	return SCR_HANDLED | SCR_REDRAW;
}

/* Keys of the form page. */
static int key_form(struct scr_app *app, struct scr *s, struct ts_st *st,
                    const struct ui_key *k)
{
	struct wgt_field *f;
	int n = slots(st), r;

	switch (wgt_keybar_match(keys_form, k)) {
	case ACT_SEARCH:
		app->push_ops = &scr_search;
		app->push_arg = &st->pick;
		return SCR_HANDLED | SCR_REDRAW | SCR_PUSH;
	case ACT_ALL: {
		int all = 1;

		for (int i = 0; i < st->nm; i++)
			all &= st->sel[i];
		for (int i = 0; i < st->nm; i++)
			st->sel[i] = !all;
		st->changed = 1;
		return SCR_HANDLED | SCR_REDRAW;
	}
	case ACT_KIND:
		st->tokurei = !st->tokurei;
		st->changed = 1;
		return SCR_HANDLED | SCR_REDRAW;
	case ACT_CONFIRM:
		return go_confirm(app, s, st);
	case ACT_BACK:
		if (st->changed) {
			wgt_dialog_open(&st->dlg, WGT_DIALOG_CONFIRM, MSG("sa_discard_title"),
			                MSG("sa_discard_text"), NULL, TAG_DISCARD);
			return SCR_HANDLED | SCR_REDRAW;
		}
		return SCR_HANDLED | SCR_CLOSE;
	default:
		break;
	}
	switch (k->code) {
	case UI_K_TAB:
	case UI_K_DOWN:
		st->focus = n > 0 ? (st->focus + 1) % n : 0;
		return SCR_HANDLED | SCR_REDRAW;
	case UI_K_BTAB:
	case UI_K_UP:
		st->focus = n > 0 ? (st->focus + n - 1) % n : 0;
		return SCR_HANDLED | SCR_REDRAW;
	case UI_K_ENTER:
		if (st->focus >= n - 1)
			return go_confirm(app, s, st);
		st->focus++;
		return SCR_HANDLED | SCR_REDRAW;
	default:
		break;
	}
	if (st->focus < st->nm) {
		if (k->code == UI_K_CHAR && k->ch == L' ') {
			st->sel[st->focus] = !st->sel[st->focus];
			st->changed = 1;
			return SCR_HANDLED | SCR_REDRAW;
		}
		return 0;
	}
	f = focus_field(st);
	if (!f)
		return 0;
	r = wgt_field_key(f, k);
	if (r & WGT_CHANGED) {
		st->changed = 1;
		if (st->focus - st->nm < F_N)
			st->ferr[st->focus - st->nm] = NULL;
	}
	return r ? SCR_HANDLED | SCR_REDRAW : 0;
}

/* Keys: the box, then the page's table. */
static int ts_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct ts_st *st = s->st;

	if (st->dlg.open) {
		if (wgt_dialog_key(&st->dlg, k) & WGT_CLOSED)
			return dialog_answer(app, s, st);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (s->ops == &ts_confirm_ops) {
		switch (wgt_keybar_match(keys_confirm, k)) {
		case ACT_COMMIT:
			return try_commit(app, s, st);
		case ACT_BACK:
			s->ops = &scr_tenshutsu;
			return SCR_HANDLED | SCR_REDRAW;
		default:
			return scr_lines_key(&st->out, k);
		}
	}
	if (s->ops == &ts_done_ops) {
		switch (wgt_keybar_match(keys_done, k)) {
		case ACT_DONE:
			return SCR_HANDLED | SCR_CLOSE;
		case ACT_CERT:
			if (st->serial <= 0)
				return SCR_HANDLED;
			app->push_ops = &scr_cert;
			app->push_arg = &st->serial;
			return SCR_HANDLED | SCR_REDRAW | SCR_PUSH;
		default:
			return scr_lines_key(&st->out, k);
		}
	}
	return key_form(app, s, st, k);
}

/* A label and a field (or its error / 和暦 echo / hint) on row y. */
static void draw_field(struct ts_st *st, struct cells *c, int y, int i, int lw)
{
	const struct wgt_field *f = &st->f[i];
	int fx = 3 + lw + 2, fw = fdefs[i].width, focused = st->focus == st->nm + i, attr = CELLS_R_DIM;
	const char *hint = fdefs[i].hint ? i18n_msg(fdefs[i].hint) : NULL;
	char buf[128];
	i18n_day d;

	cells_text(c, 3, y, lw, i18n_msg(fdefs[i].label), CELLS_R_LABEL | (focused ? CELLS_BOLD : 0),
	           CELLS_ELLIPSIS);
	if (fx + fw > c->w - 2)
		fw = c->w - 2 - fx;
	wgt_field_draw(f, c, fx, y, fw, focused);
	if (st->ferr[i]) {
		hint = i18n_msg(st->ferr[i]);
		attr = CELLS_R_ERROR | CELLS_BOLD;
	} else if (f->kind == WGT_FIELD_DATE && f->len && i18n_wareki_parse(f->text, &d) == 0 &&
	           i18n_wareki_format(d, buf, sizeof buf) > 0) {
		hint = buf;
	}
	if (hint && fx + fw + 1 < c->w - 1)
		cells_text(c, fx + fw + 1, y, c->w - 1 - (fx + fw + 1), hint, attr, CELLS_ELLIPSIS);
}

/*
 * The form's body, below the household's two rows, as one list of rows:
 * the members, the fields, the kind, then (when asked) the new 続柄
 * section: its title and one row per member who stays. A focus slot's row
 * is its own number, plus two past the kind row and the section title.
 */
static int body_rows(const struct ts_st *st)
{
	return slots(st) + 1 + st->need_head;
}

static int slot_row(const struct ts_st *st, int slot)
{
	return slot < st->nm + F_N ? slot : slot + 2;
}

/* Move the window of n rows over the body so the focus is in it; the first
 * 続柄 row brings the section title along. */
static void follow_focus(struct ts_st *st, int n)
{
	int row = slot_row(st, st->focus), total = body_rows(st);
	int first = row == st->nm + F_N + 2 ? row - 1 : row;

	if (first < st->fscroll)
		st->fscroll = first;
	if (row >= st->fscroll + n)
		st->fscroll = row - n + 1;
	if (st->fscroll > total - n)
		st->fscroll = total - n;
	if (st->fscroll < 0)
		st->fscroll = 0;
}

/* One body row at screen row y. */
static void draw_body_row(struct ts_st *st, struct cells *c, int y, int row, int lw,
                          const int *idx)
{
	char line[600], d[64];
	int k = row - st->nm - F_N - 2, slot = st->nm + F_N + k;

	if (row < st->nm) {
		fmt(line, sizeof line, MSG("sa_ts_member"), st->sel[row] ? "[x]" : "[ ]",
		    st->memb[row].zokugara, st->memb[row].name);
		i18n_wareki_text(st->memb[row].birth, d, sizeof d);
		cells_text(c, 2, y, 50, line,
		           st->focus == row ? CELLS_R_SELECT | CELLS_REVERSE : CELLS_R_NORMAL, CELLS_PAD);
		cells_text(c, 53, y, c->w - 55, d, CELLS_R_DIM, CELLS_ELLIPSIS);
	} else if (row < st->nm + F_N) {
		draw_field(st, c, y, row - st->nm, lw);
	} else if (row == st->nm + F_N) {
		cells_text(c, 3, y, c->w - 6,
		           i18n_msg(st->tokurei ? MSG("sa_ts_kind_tokurei") : MSG("sa_ts_kind_ordinary")),
		           CELLS_R_NORMAL | CELLS_BOLD, CELLS_ELLIPSIS);
	} else if (k < 0) {
		cells_text(c, 1, y, c->w - 2, i18n_msg(MSG("sa_ts_new_head_title")),
		           CELLS_R_TITLE | CELLS_BOLD, CELLS_ELLIPSIS);
	} else {
		cells_text(c, 3, y, 24, st->memb[idx[k]].name, CELLS_R_LABEL |
		           (st->focus == slot ? CELLS_BOLD : 0), CELLS_ELLIPSIS);
		wgt_field_draw(&st->zoku[idx[k]], c, 28, y, 16, st->focus == slot);
		cells_text(c, 45, y, c->w - 47, i18n_msg(MSG("sa_ts_new_zoku_hint")), CELLS_R_DIM,
		           CELLS_ELLIPSIS);
	}
}

/* The form: household, then the body scrolled to the focus; below it a row
 * saying how many rows lie above and below (blank when none), and under
 * that the message, wrapped, when there is one. */
static void draw_form(struct ts_st *st, struct cells *c, int top, int rows)
{
	char line[600], above[16], below[16];
	int y = top, lw = 0, idx[TS_MEMBERS], bottom = top + rows - 1, n, total, mrows = 0;

	if (!st->have) {
		cells_wrap(c, 2, y + 1, c->w - 4, 3, i18n_msg(MSG("sa_ts_prompt")), CELLS_R_NORMAL);
		if (st->msg[0])
			cells_wrap(c, 2, bottom - 1, c->w - 4, 2, st->msg, CELLS_R_ALERT | CELLS_BOLD);
		return;
	}
	fmt(line, sizeof line, MSG("sa_ts_household"), st->setai, st->memb[0].addr_text, NULL);
	cells_text(c, 1, y++, c->w - 2, line, CELLS_R_TITLE | CELLS_BOLD, CELLS_ELLIPSIS);
	cells_text(c, 2, y++, c->w - 4, i18n_msg(MSG("sa_ts_members_hint")), CELLS_R_DIM,
	           CELLS_ELLIPSIS);
	for (int i = 0; i < F_N; i++) {
		int w = cells_width(i18n_msg(fdefs[i].label));

		if (w > lw)
			lw = w;
	}
	remaining(st, idx);
	if (st->msg[0])
		mrows = cells_wrap(NULL, 2, 0, c->w - 4, 0, st->msg, 0);
	if (mrows > TS_MSG_ROWS)
		mrows = TS_MSG_ROWS;
	n = bottom - y - mrows;
	total = body_rows(st);
	if (n >= 1) {
		follow_focus(st, n);
		for (int r = st->fscroll; r < total && r < st->fscroll + n; r++)
			draw_body_row(st, c, y + r - st->fscroll, r, lw, idx);
	}
	if (n >= 1 && (st->fscroll > 0 || total > st->fscroll + n)) {
		snprintf(above, sizeof above, "%d", st->fscroll);
		snprintf(below, sizeof below, "%d", total > st->fscroll + n ? total - st->fscroll - n : 0);
		fmt(line, sizeof line, MSG("sa_ts_more_rows"), above, below, NULL);
		cells_text(c, 2, y + n, c->w - 4, line, CELLS_R_DIM, CELLS_ELLIPSIS);
	}
	if (mrows > 0 && bottom - mrows + 1 >= top)
		cells_wrap(c, 2, bottom - mrows + 1, c->w - 4, mrows, st->msg, CELLS_R_ALERT | CELLS_BOLD);
}

/* The confirmation/result lines (wgt_lines) and the scroll hint. */
static void draw_lines(struct ts_st *st, struct cells *c, int top, int rows)
{
	wgt_lines_draw(&st->out, c, top, rows, i18n_msg(MSG("sa_scroll_hint")));
}

/* Draw the page and the box. */
static void ts_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows)
{
	struct ts_st *st = s->st;

	(void)app;
	if (s->ops == &ts_confirm_ops || s->ops == &ts_done_ops)
		draw_lines(st, c, top, rows);
	else
		draw_form(st, c, top, rows);
	if (st->dlg.open) {
		c->cur_visible = 0;
		wgt_dialog_draw(&st->dlg, c);
	}
}

/* Wipe everything and free the state. */
static void ts_leave(struct scr_app *app, struct scr *s)
{
	struct ts_st *st = s->st;

	(void)app;
	if (!st)
		return;
	wgt_lines_free(&st->out);
	explicit_bzero(st, sizeof *st);
	free(st);
	s->st = NULL;
}

const struct scr_ops scr_tenshutsu = {
	.name = "tenshutsu",
	.title_msgid = MSG("sa_ts_title"),
	.keys = keys_form,
	.needs_session = 1,
	.enter = ts_enter,
	.key = ts_key,
	.tick = NULL,
	.draw = ts_draw,
	.leave = ts_leave,
};

static const struct scr_ops ts_confirm_ops = {
	.name = "tenshutsu",
	.title_msgid = MSG("sa_ts_confirm_title"),
	.keys = keys_confirm,
	.needs_session = 1,
	.enter = ts_enter,
	.key = ts_key,
	.tick = NULL,
	.draw = ts_draw,
	.leave = ts_leave,
};

static const struct scr_ops ts_done_ops = {
	.name = "tenshutsu",
	.title_msgid = MSG("sa_ts_done_title"),
	.keys = keys_done,
	.needs_session = 1,
	.enter = ts_enter,
	.key = ts_key,
	.tick = NULL,
	.draw = ts_draw,
	.leave = ts_leave,
};
