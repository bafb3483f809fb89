/*
 * scr_audit.c — 操作ログ点検 (see scr_audit.h).
 */
#include "screens/scr_audit.h"

#include "screens/cells.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_dialog.h"
#include "screens/wgt_field.h"
#include "screens/wgt_keybar.h"

#include "app/app_ctx.h"
#include "app/audit.h"
#include "db/db_audit.h"
#include "i18n/i18n_date.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/i18n_wareki.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ACT_VERIFY = 1, ACT_REPORT, ACT_PREV, ACT_NEXT, ACT_BACK };
enum { TAG_NONE = 0, TAG_DISCARD };

static const struct wgt_keybar_item audit_keys[] = {
	{ UI_K_F5, ACT_VERIFY, MSG("adm_au_key_verify") },
	{ UI_K_F6, ACT_REPORT, MSG("adm_au_key_report") },
	{ UI_K_ENTER, ACT_REPORT, NULL },
	{ UI_K_F7, ACT_PREV, MSG("adm_au_key_prev") },
	{ UI_K_F8, ACT_NEXT, MSG("adm_au_key_next") },
	{ UI_K_ESC, ACT_BACK, MSG("adm_key_back") },
	{ 0, 0, NULL }
};

/* The label of each logged action (audit_action_name order). */
static const char *const action_label[AUDIT_ACTION_COUNT_] = {
	[AUDIT_LOGIN] = MSG("adm_act_login"),
	[AUDIT_LOGOUT] = MSG("adm_act_logout"),
	[AUDIT_LOGIN_FAILED] = MSG("adm_act_login_failed"),
	[AUDIT_LOCKED] = MSG("adm_act_locked"),
	[AUDIT_SEARCH] = MSG("adm_act_search"),
	[AUDIT_VIEW] = MSG("adm_act_view"),
	[AUDIT_REVEAL] = MSG("adm_act_reveal"),
	[AUDIT_CARD_READ] = MSG("adm_act_card_read"),
	[AUDIT_COMMIT] = MSG("adm_act_commit"),
	[AUDIT_CERT_ISSUE] = MSG("adm_act_cert_issue"),
	[AUDIT_DELIVER] = MSG("adm_act_deliver"),
	[AUDIT_SETTING] = MSG("adm_act_setting"),
	[AUDIT_OPERATOR] = MSG("adm_act_operator"),
	[AUDIT_KIOSK] = MSG("adm_act_kiosk"),
	[AUDIT_BATCH] = MSG("adm_act_batch"),
	[AUDIT_CAPTURE_ALLOWED] = MSG("adm_act_capture"),
	[AUDIT_APPROVE] = MSG("adm_act_approve"),
	[AUDIT_REVIEW] = MSG("adm_act_review"),
};

#define LINE_MAX_BYTES 448   /* bytes of one report line */
#define ITEMS_MAX 2000       /* rows listed per section (the rest counted) */

/* One line of the report. */
struct au_line {
	char text[LINE_MAX_BYTES];   /* UTF-8 (ids and counts only) */
	int attr;                    /* cells attribute */
};

struct audit_st {
	struct wgt_field month;        /* the month of the report */
	const char *month_err;         /* catalog key of a bad month, or NULL */
	int vrun;                      /* 1 once verified on this page */
	int vrc;                       /* audit_verify's code */
	struct db_audit_verdict v;     /* its verdict */
	char vtext[512];               /* the verdict line */
	int vattr;                     /* its attribute */
	char vmore[512];               /* a second verdict line (the triggers), or "" */
	struct db_audit_anchor head;   /* the head to record (verify or report) */
	int head_shown;                /* 1 when head is shown */
	struct au_line *lines;         /* the report (owned) */
	int nlines, caplines;          /* lines used, allocated */
	int shown_month;               /* 1 when a report is shown */
	int scroll;                    /* first line shown */
	int page;                      /* lines shown by the last draw */
	struct wgt_dialog dlg;         /* errors, tampering, the discard question */
};

/* Format a catalog key with string arguments into out ("" on error). */
static void fmt(char *out, size_t cap, const char *key, int n, const char *const *a)
{
	if (i18n_msg_format(out, cap, key, n, a) < 0)
		out[0] = '\0';
}

/* "HH:MM" of unix time t (local), or "". */
static void clock_of(long long t, char *out, size_t cap)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t > 0 && localtime_r(&tt, &tm))
		snprintf(out, cap, "%02d:%02d", tm.tm_hour, tm.tm_min);
	else if (cap)
		out[0] = '\0';
}

/* Unix time t as the catalog's date (和暦 in Japanese) and time. */
static void when_of(long long t, char *out, size_t cap)
{
	time_t tt = (time_t)t;
	char iso[I18N_DATE_ISO_LEN], day[64], hm[8];
	const char *a[2] = { day, hm };
	struct tm tm;

	if (!localtime_r(&tt, &tm)) {
		snprintf(out, cap, "%lld", t);
		return;
	}
	i18n_date_format_iso(i18n_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), iso);
	if (i18n_wareki_format_iso(iso, day, sizeof day) <= 0)
		snprintf(day, sizeof day, "%s", iso);
	snprintf(hm, sizeof hm, "%02d:%02d", tm.tm_hour, tm.tm_min);
	fmt(out, cap, MSG("adm_au_when"), 2, a);
}

/* Set the month field to year-month ("YYYY-MM"). */
static void set_month(struct audit_st *st, int y, int m)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%04d-%02d", y, m);
	wgt_field_set(&st->month, buf);
	st->month_err = NULL;
}

/*
 * Read a month from text: "2025-03", "2025/3", "2025年3月" (full-width
 * digits too) or a 和暦 month "令和7年3月". Returns 0 or -1.
 */
static int parse_month(const char *text, int *y, int *m)
{
	char norm[64], withday[80];
	int g[2] = { 0, 0 }, glen[2] = { 0, 0 }, ng = 0, in = 0, dd;
	i18n_day day;

	if (i18n_text_nfkc(text, norm, sizeof norm) < 0)
		return -1;
	if (norm[0] >= '0' && norm[0] <= '9') {
		for (const char *p = norm; *p; p++) {
			if (*p >= '0' && *p <= '9') {
				if (!in && ng == 2)
					return -1;
				if (!in)
					ng++;
				in = 1;
				if (glen[ng - 1]++ >= 4)
					return -1;
				g[ng - 1] = g[ng - 1] * 10 + (*p - '0');
			} else {
				in = 0;
			}
		}
		if (ng != 2 || glen[0] != 4 || glen[1] > 2 || g[1] < 1 || g[1] > 12 || g[0] < 1970)
			return -1;
		*y = g[0];
		*m = g[1];
		return 0;
	}
	/* 和暦: the first day of the month. */
	snprintf(withday, sizeof withday, "%s1日", norm);
	if (i18n_wareki_parse(withday, &day) != 0)
		return -1;
	i18n_date_to_ymd(day, y, m, &dd);
	return *y >= 1970 ? 0 : -1;
}

/* Append one line (cut to LINE_MAX_BYTES). Returns 0 or MG_ENOMEM. */
static int add_line(struct audit_st *st, const char *text, int attr)
{
	if (st->nlines == st->caplines) {
		int cap = st->caplines ? st->caplines * 2 : 64;
		struct au_line *n = realloc(st->lines, (size_t)cap * sizeof *n);

		if (!n)
			return MG_ENOMEM;
		st->lines = n;
		st->caplines = cap;
	}
	snprintf(st->lines[st->nlines].text, LINE_MAX_BYTES, "%s", text);
	st->lines[st->nlines].attr = attr;
	st->nlines++;
	return 0;
}

/* Forget the shown report (its lines are wiped). */
static void clear_lines(struct audit_st *st)
{
	if (st->lines)
		explicit_bzero(st->lines, (size_t)st->caplines * sizeof *st->lines);
	free(st->lines);
	st->lines = NULL;
	st->nlines = st->caplines = 0;
	st->scroll = 0;
	st->shown_month = 0;
}

/* The shown name of an operator id ("（システム）" for the system actor). */
static const char *who(const char *id)
{
	return id[0] ? id : i18n_msg(MSG("adm_au_system"));
}

/* A heading with a count, then one line per item (or "none"). */
static int add_items(struct audit_st *st, const char *head_key,
                     const struct audit_report_item *it, size_t n)
{
	char line[LINE_MAX_BYTES], count[24], seq[24], when[96], target[128];
	const char *a[6];
	int rc;

	snprintf(count, sizeof count, "%zu", n);
	a[0] = count;
	fmt(line, sizeof line, head_key, 1, a);
	rc = add_line(st, "", CELLS_R_NORMAL);
	if (rc == 0)
		rc = add_line(st, line, CELLS_R_LABEL | CELLS_BOLD);
	if (rc == 0 && n == 0)
		rc = add_line(st, i18n_msg(MSG("adm_au_rep_none")), CELLS_R_DIM);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		int act = audit_action_parse(it[i].action);

		if (i == ITEMS_MAX) {
			snprintf(count, sizeof count, "%zu", n - i);
			a[0] = count;
			fmt(line, sizeof line, MSG("adm_au_rep_more"), 1, a);
			rc = add_line(st, line, CELLS_R_DIM);
			break;
		}

		snprintf(seq, sizeof seq, "%lld", it[i].seq);
		when_of(it[i].at, when, sizeof when);
		i18n_text_sanitize(it[i].target, target, sizeof target);
		a[0] = seq;
		a[1] = when;
		a[2] = who(it[i].operator_id);
		a[3] = it[i].terminal[0] ? it[i].terminal : "-";
		a[4] = act >= 0 && act < AUDIT_ACTION_COUNT_ ? i18n_msg(action_label[act]) : it[i].action;
		a[5] = target[0] ? target : "-";
		fmt(line, sizeof line, MSG("adm_au_rep_item"), 6, a);
		rc = add_line(st, line, CELLS_R_NORMAL);
	}
	return rc;
}

/* The lines of a report. */
static int build_lines(struct audit_st *st, const struct audit_report *r)
{
	char line[LINE_MAX_BYTES], month[48], ys[8], ms[8], rows[24], num[8][24];
	const char *a[9];
	int rc;

	snprintf(ys, sizeof ys, "%04d", r->year);
	snprintf(ms, sizeof ms, "%d", r->month);
	a[0] = ys;
	a[1] = ms;
	fmt(month, sizeof month, MSG("adm_au_month"), 2, a);
	snprintf(rows, sizeof rows, "%lld", r->rows);
	a[0] = month;
	a[1] = rows;
	fmt(line, sizeof line, MSG("adm_au_rep_title"), 2, a);
	rc = add_line(st, line, CELLS_R_INFO | CELLS_BOLD);
	if (rc == 0)
		rc = add_line(st, "", CELLS_R_NORMAL);
	if (rc == 0)
		rc = add_line(st, i18n_msg(MSG("adm_au_rep_ops")), CELLS_R_LABEL | CELLS_BOLD);
	if (rc == 0 && r->n_ops == 0)
		rc = add_line(st, i18n_msg(MSG("adm_au_rep_none")), CELLS_R_DIM);
	for (size_t i = 0; rc == 0 && i < r->n_ops; i++) {
		const struct audit_report_op *o = &r->ops[i];
		const long v[8] = { o->searches, o->views, o->reveals, o->commits,
		                    o->logins, o->failed_logins, o->locks, o->off_hours };

		a[0] = who(o->id);
		for (int k = 0; k < 8; k++) {
			snprintf(num[k], sizeof num[k], "%ld", v[k]);
			a[k + 1] = num[k];
		}
		fmt(line, sizeof line, MSG("adm_au_rep_op"), 9, a);
		rc = add_line(st, line, o->off_hours || o->failed_logins || o->locks
		                        ? CELLS_R_ALERT : CELLS_R_NORMAL);
	}
	if (rc == 0)
		rc = add_items(st, MSG("adm_au_rep_unfollowed"), r->unfollowed, r->n_unfollowed);
	if (rc == 0)
		rc = add_items(st, MSG("adm_au_rep_offhours"), r->off_hours, r->n_off_hours);
	if (rc == 0)
		rc = add_items(st, MSG("adm_au_rep_failures"), r->failures, r->n_failures);
	return rc;
}

/* Build and show the review of the month in the field (logged by audit_report_build). */
static int show_report(struct scr_app *app, struct audit_st *st)
{
	struct audit_report r;
	int y, m, rc;

	if (parse_month(wgt_field_value(&st->month), &y, &m) != 0) {
		st->month_err = MSG("adm_au_err_month");
		return SCR_HANDLED | SCR_REDRAW;
	}
	set_month(st, y, m);
	clear_lines(st);
	rc = audit_report_build(app->ctx, y, m, &r);
	if (rc == 0) {
		int bad = r.verify_rc;

		rc = build_lines(st, &r);
		/* never invite recording the head of a log that failed its check */
		if (rc == 0 && !(st->vrun && st->vrc != 0)) {
			st->head = r.head;
			st->head_shown = r.head.seq > 0;
		}
		audit_report_free(&r);
		/* The report runs the check first: a failed one is said at once. */
		if (rc == 0 && bad != 0)
			wgt_dialog_open_rc(&st->dlg, MSG("adm_au_title"), bad, TAG_NONE);
	}
	if (rc != 0) {
		clear_lines(st);
		wgt_dialog_open_rc(&st->dlg, MSG("adm_au_title"), rc, TAG_NONE);
		return SCR_HANDLED | SCR_REDRAW;
	}
	st->shown_month = 1;
	st->month.changed = 0;
	return SCR_HANDLED | SCR_REDRAW;
}

/* Step the month field by delta months and show that month. */
static int step_month(struct scr_app *app, struct audit_st *st, int delta)
{
	int y, m;

	if (parse_month(wgt_field_value(&st->month), &y, &m) != 0) {
		st->month_err = MSG("adm_au_err_month");
		return SCR_HANDLED | SCR_REDRAW;
	}
	m += delta;
	if (m < 1) {
		m = 12;
		y--;
	} else if (m > 12) {
		m = 1;
		y++;
	}
	if (y < 1970 || y > 9999)
		return SCR_HANDLED;
	set_month(st, y, m);
	return show_report(app, st);
}

/* 1 when every trigger fault of v is a missing trigger. */
static int only_missing(const struct db_audit_verdict *v)
{
	for (size_t i = 0; i < v->n_trigger_faults; i++)
		if (strcmp(v->trigger_faults[i].reason, MSG("audit_trig_missing")) != 0)
			return 0;
	return 1;
}

/* Verify the chain and the triggers (logged by audit_verify) and keep the verdict. */
static int verify(struct scr_app *app, struct audit_st *st)
{
	char num[24] = "", hm[8], list[400];
	const char *a[3] = { num, hm, NULL };

	clock_of(app->wall > 0 ? app->wall : (long long)time(NULL), hm, sizeof hm);
	st->vrc = audit_verify(app->ctx, &st->v);
	st->vrun = 1;
	st->vmore[0] = '\0';
	st->head_shown = 0;
	audit_trigger_faults_text(&st->v, list, sizeof list);
	if (st->vrc == 0) {
		snprintf(num, sizeof num, "%lld", st->v.rows);
		fmt(st->vtext, sizeof st->vtext, MSG("adm_au_ok"), 2, a);
		st->vattr = CELLS_R_INFO | CELLS_BOLD;
		st->head = st->v.head;
		st->head_shown = st->v.head.seq > 0;
	} else if (st->vrc == MG_ECHAIN) {
		snprintf(num, sizeof num, "%lld", st->v.bad_seq);
		a[2] = i18n_msg(st->v.reason ? st->v.reason : MSG("audit_bad_content"));
		fmt(st->vtext, sizeof st->vtext, MSG("adm_au_bad"), 3, a);
		st->vattr = CELLS_R_ERROR | CELLS_BOLD;
		if (!st->v.triggers_ok && only_missing(&st->v)) {
			snprintf(st->vmore, sizeof st->vmore, "%s", i18n_msg(MSG("adm_au_no_triggers")));
		} else if (!st->v.triggers_ok) {
			a[0] = list;
			fmt(st->vmore, sizeof st->vmore, MSG("audit_scr_triggers_also"), 1, a);
		}
		wgt_dialog_open_text(&st->dlg, WGT_DIALOG_ERROR, MSG("adm_au_bad_title"), st->vtext,
		                     i18n_msg(MSG("adm_au_bad_remedy")), TAG_NONE);
	} else if (st->vrc == MG_EAUDIT_TRIGGER) {
		/* the chain holds, but nothing keeps the log append-only any more */
		a[0] = hm;
		a[1] = list;
		fmt(st->vtext, sizeof st->vtext, MSG("audit_scr_triggers_bad"), 2, a);
		st->vattr = CELLS_R_ERROR | CELLS_BOLD;
		wgt_dialog_open_text(&st->dlg, WGT_DIALOG_ERROR, MSG("audit_scr_triggers_title"),
		                     st->vtext, i18n_msg(MSG("audit_scr_triggers_remedy")), TAG_NONE);
	} else {
		fmt(st->vtext, sizeof st->vtext, MSG("adm_au_failed"), 2, a);
		st->vattr = CELLS_R_ERROR | CELLS_BOLD;
		wgt_dialog_open_rc(&st->dlg, MSG("adm_au_title"), st->vrc, TAG_NONE);
	}
	return SCR_HANDLED | SCR_REDRAW;
}

/* Set up the page with the current month in the field. */
static int audit_enter(struct scr_app *app, struct scr *s)
{
	struct audit_st *st = calloc(1, sizeof *st);
	time_t t = (time_t)(app->wall > 0 ? app->wall : (long long)time(NULL));
	struct tm tm;

	if (!st)
		return MG_ENOMEM;
	wgt_field_init(&st->month, WGT_FIELD_TEXT, 32);
	if (localtime_r(&t, &tm))
		set_month(st, tm.tm_year + 1900, tm.tm_mon + 1);
	s->st = st;
	return 0;
}

/* Scroll the report with the arrow and page keys; 0 when k is not one of them. */
static int scroll_key(struct audit_st *st, const struct ui_key *k)
{
	int old = st->scroll, page = st->page > 1 ? st->page - 1 : 1;

	switch (k->code) {
	case UI_K_UP: st->scroll--; break;
	case UI_K_DOWN: st->scroll++; break;
	case UI_K_PGUP: st->scroll -= page; break;
	case UI_K_PGDN: st->scroll += page; break;
	default: return 0;
	}
	if (st->scroll > st->nlines - 1)
		st->scroll = st->nlines - 1;
	if (st->scroll < 0)
		st->scroll = 0;
	return st->scroll != old ? SCR_HANDLED | SCR_REDRAW : SCR_HANDLED;
}

/* Keys: the box first, then the table, scrolling, and the month field. */
static int audit_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct audit_st *st = s->st;
	int r;

	if (st->dlg.open) {
		if ((wgt_dialog_key(&st->dlg, k) & WGT_CLOSED) && st->dlg.tag == TAG_DISCARD &&
		    st->dlg.answer == WGT_ANSWER_YES)
			return SCR_HANDLED | SCR_CLOSE;
		return SCR_HANDLED | SCR_REDRAW;
	}
	switch (wgt_keybar_match(audit_keys, k)) {
	case ACT_VERIFY:
		return verify(app, st);
	case ACT_REPORT:
		return show_report(app, st);
	case ACT_PREV:
		return step_month(app, st, -1);
	case ACT_NEXT:
		return step_month(app, st, 1);
	case ACT_BACK:
		if (st->month.changed) {
			wgt_dialog_open(&st->dlg, WGT_DIALOG_CONFIRM, MSG("adm_discard_title"),
			                MSG("adm_discard_text"), NULL, TAG_DISCARD);
			return SCR_HANDLED | SCR_REDRAW;
		}
		return SCR_HANDLED | SCR_CLOSE;
	default:
		break;
	}
	r = scroll_key(st, k);
	if (r)
		return r;
	r = wgt_field_key(&st->month, k);
	if (r & WGT_CHANGED)
		st->month_err = NULL;
	return r ? SCR_HANDLED | SCR_REDRAW : 0;
}

/* The page: prompt, verdict, month field, and the report from scroll. */
static void audit_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows)
{
	struct audit_st *st = s->st;
	char line[256], a0[16], a1[16];
	const char *a[2] = { a0, a1 };
	int x = 2, w = c->w - 4, y = top, end = top + rows - 1, lw, fx, i, h;

	(void)app;
	if (st->head_shown && db_audit_anchor_format(&st->head, line) == 0) {
		/* The anchor, in the prompt's place (the keybar names the keys): to be
		 * written down outside the system and checked by audit verify --expect. */
		cells_text(c, x, y++, w, i18n_msg(MSG("audit_scr_head_label")), CELLS_R_LABEL,
		           CELLS_ELLIPSIS);
		cells_text(c, x + 2, y++, w - 2, line, CELLS_R_INFO | CELLS_BOLD, CELLS_ELLIPSIS);
	} else {
		y += cells_wrap(c, x, y, w, 2, i18n_msg(MSG("adm_au_prompt")), CELLS_R_NORMAL);
	}
	if (st->vrun)
		y += cells_wrap(c, x, y, w, 2, st->vtext, st->vattr);
	else
		y += cells_wrap(c, x, y, w, 2, i18n_msg(MSG("adm_au_not_run")), CELLS_R_DIM);
	if (st->vrun && st->vmore[0])
		y += cells_wrap(c, x, y, w, 2, st->vmore, CELLS_R_ALERT | CELLS_BOLD);
	lw = cells_text(c, x, y, w, i18n_msg(MSG("adm_au_month_label")), CELLS_R_LABEL, 0);
	fx = x + lw + 1;
	wgt_field_draw(&st->month, c, fx, y, 12, !st->dlg.open);
	if (st->month_err)
		cells_text(c, fx + 13, y, x + w - fx - 13, i18n_msg(st->month_err),
		           CELLS_R_ERROR | CELLS_BOLD, CELLS_ELLIPSIS);
	else
		cells_text(c, fx + 13, y, x + w - fx - 13, i18n_msg(MSG("adm_au_month_hint")),
		           CELLS_R_DIM, CELLS_ELLIPSIS);
	y++;
	cells_hline(c, x, y++, w, CELLS_R_DIM);
	if (!st->shown_month) {
		cells_wrap(c, x, y, w, end - y, i18n_msg(MSG("adm_au_no_report")), CELLS_R_DIM);
		st->page = 1;
	} else {
		/* The last page is a full one: scroll no further than the lines that fill it. */
		for (i = st->nlines - 1, h = 0; i >= 0; i--) {
			h += cells_wrap(NULL, 0, 0, w, end - y, st->lines[i].text, st->lines[i].attr);
			if (h > end - y)
				break;
		}
		if (st->scroll > i + 1)
			st->scroll = i + 1;
		for (i = st->scroll; i < st->nlines && y < end; i++)
			y += cells_wrap(c, x, y, w, end - y, st->lines[i].text, st->lines[i].attr);
		st->page = i - st->scroll;
		snprintf(a0, sizeof a0, "%d", st->scroll + 1);
		snprintf(a1, sizeof a1, "%d", st->nlines);
		fmt(line, sizeof line, MSG("adm_au_scroll"), 2, a);
		cells_text(c, x, end, w, line, CELLS_R_DIM, CELLS_ELLIPSIS);
	}
	if (st->dlg.open) {
		c->cur_visible = 0;
		wgt_dialog_draw(&st->dlg, c);
	}
}

/* Wipe the report and free the state. */
static void audit_leave(struct scr_app *app, struct scr *s)
{
	struct audit_st *st = s->st;

	(void)app;
	if (!st)
		return;
	clear_lines(st);
	explicit_bzero(st, sizeof *st);
	free(st);
	s->st = NULL;
}

const struct scr_ops scr_audit = {
	.name = "audit",
	.title_msgid = MSG("adm_au_title"),
	.keys = audit_keys,
	.needs_session = 1,
	.enter = audit_enter,
	.key = audit_key,
	.tick = NULL,
	.draw = audit_draw,
	.leave = audit_leave,
};
