/*
 * scr_unnotified.c — 転入通知未着者一覧 and its 照会書 (see scr_unnotified.h).
 * Two pages share one state (swapped in s->ops, as scr_setai does): the list
 * and the letter. The rows are formatted on demand from the view's list;
 * the letter's lines live in a wgt_lines that is wiped when it is closed.
 */
#include "screens/scr_unnotified.h"

#include "screens/cells.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_dialog.h"
#include "screens/wgt_keybar.h"
#include "screens/wgt_lines.h"
#include "screens/wgt_list.h"

#include "app/app_ctx.h"
#include "app/view_unnotified.h"
#include "app/wf.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/i18n_wareki.h"
#include "i18n/i18n_width.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ACT_INQUIRE = 1, ACT_WHOLE, ACT_BACK };

static const struct wgt_keybar_item keys_list[] = {
	{ UI_K_F5, ACT_INQUIRE, MSG("unnot_key_inquire") },
	{ UI_K_F6, ACT_WHOLE, MSG("unnot_key_whole") },
	{ UI_K_ESC, ACT_BACK, MSG("unnot_key_back") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_letter[] = {
	{ UI_K_ESC, ACT_BACK, MSG("unnot_key_back") },
	{ 0, 0, NULL }
};

#define UN_LINES 48        /* lines of the letter */
#define UN_MSG_ROWS 3      /* rows the message may wrap into */
#define UN_PENDING_ROWS 2  /* rows of the pending-notice line */

/* Fixed column widths of a row (display columns); 転出先 gets the rest. */
enum { W_DATE = 15, W_ATENA = 10, W_NAME = 10, W_DEST_MIN = 6 };

struct un_st {
	struct view_unnotified_list l;  /* the list (wiped on leave) */
	int whole;                      /* 1: the whole past (F6) */
	struct wgt_list list;           /* its rows */
	struct wgt_lines out;           /* the letter (wiped when closed) */
	char msg[640];                  /* a note below the list ("" none) */
	int msg_attr;                   /* its attribute */
	/* Column widths of the last draw (the row callback reads them). */
	int w_days, w_dest, w_state, w_inq;
};

static const struct scr_ops un_letter_ops;

/* Format a key with up to three arguments into out ("" when it fails). */
static void fmt(char *out, size_t cap, const char *key, const char *a0, const char *a1,
                const char *a2)
{
	const char *a[3] = { a0 ? a0 : "", a1 ? a1 : "", a2 ? a2 : "" };

	if (i18n_msg_format(out, cap, key, 3, a) < 0)
		out[0] = '\0';
}

/* Set the note below the list. */
static void say(struct un_st *st, int attr, const char *key, const char *a0, const char *a1)
{
	fmt(st->msg, sizeof st->msg, key, a0, a1, NULL);
	st->msg_attr = attr;
}

/* An ISO date (or the date part of a time) in the catalog's form (和暦 in
 * Japanese); "" stays "". */
static const char *wareki(const char *iso, char *out, size_t cap)
{
	char day[DB_DATE_CAP];

	wf_copy(day, sizeof day, iso);
	return i18n_wareki_text(day, out, cap);
}

/* Append s to buf padded or cut to exactly cols display columns; right:
 * padded on the left. */
static void col(char *buf, size_t cap, const char *s, int cols, int right)
{
	char clean[1024], cut[1024];
	size_t len = strlen(buf);
	int w;

	if (cols <= 0 || len + 1 >= cap)
		return;
	i18n_text_sanitize(s, clean, sizeof clean);
	if (i18n_width_truncate(clean, cols, 1, cut, sizeof cut) < 0)
		cut[0] = '\0';
	w = i18n_width_of(cut);
	if (w < 0)
		w = 0;
	for (; right && w < cols && len + 1 < cap; w++)
		buf[len++] = ' ';
	buf[len] = '\0';
	wf_copy(buf + len, cap - len, cut);
	len = strlen(buf);
	for (; !right && w < cols && len + 1 < cap; w++)
		buf[len++] = ' ';
	buf[len] = '\0';
}

/* The 経過日数 of a row as shown ("42日"). */
static void days_text(int days, char *out, size_t cap)
{
	char n[16];

	snprintf(n, sizeof n, "%d", days);
	fmt(out, cap, MSG("unnot_days_value"), n, NULL, NULL);
}

/* The 状態 of a row: 転出予定 or 除票. */
static const char *state_text(const struct db_resident *r)
{
	return strcmp(r->state, "yotei") == 0 ? i18n_msg(MSG("unnot_state_yotei"))
	                                      : i18n_msg(MSG("unnot_state_jyohyo"));
}

/* The text of row i: 転出予定日, 経過, 宛名番号, 氏名, 転出先, 状態, 照会. */
static void un_row(void *arg, int i, char *buf, size_t cap)
{
	const struct un_st *st = arg;
	const struct view_unnotified_row *row = &st->l.rows[i];
	char d[128], days[64];

	buf[0] = '\0';
	col(buf, cap, wareki(row->r.dest_planned_date, d, sizeof d), W_DATE, 0);
	col(buf, cap, " ", 1, 0);
	days_text(row->days, days, sizeof days);
	col(buf, cap, days, st->w_days, 1);
	col(buf, cap, " ", 1, 0);
	col(buf, cap, row->r.atena_no, W_ATENA, 0);
	col(buf, cap, " ", 1, 0);
	col(buf, cap, row->r.name, W_NAME, 0);
	col(buf, cap, " ", 1, 0);
	col(buf, cap, row->r.dest_planned, st->w_dest, 0);
	col(buf, cap, " ", 1, 0);
	col(buf, cap, state_text(&row->r), st->w_state, 0);
	col(buf, cap, " ", 1, 0);
	col(buf, cap, row->inquired_at[0] ? wareki(row->inquired_at, d, sizeof d)
	                                  : i18n_msg(MSG("unnot_not_inquired")), st->w_inq, 0);
}

/* The larger of a and the display width of s. */
static int wider(int a, const char *s)
{
	int w = cells_width(s);

	return w > a ? w : a;
}

/* Column widths for a list text of tw columns (the rows as they are now). */
static void widths(struct un_st *st, int tw)
{
	char days[64];
	int any_inq = 0, max_days = 0, fixed;

	for (int i = 0; i < st->l.n; i++) {
		if (st->l.rows[i].inquired_at[0])
			any_inq = 1;
		if (st->l.rows[i].days > max_days)
			max_days = st->l.rows[i].days;
	}
	days_text(max_days, days, sizeof days);
	st->w_days = wider(cells_width(i18n_msg(MSG("unnot_col_days"))), days);
	st->w_state = wider(wider(cells_width(i18n_msg(MSG("unnot_col_state"))),
	                          i18n_msg(MSG("unnot_state_yotei"))),
	                    i18n_msg(MSG("unnot_state_jyohyo")));
	st->w_inq = wider(cells_width(i18n_msg(MSG("unnot_col_inquiry"))),
	                  i18n_msg(MSG("unnot_not_inquired")));
	if (any_inq)
		st->w_inq = st->w_inq > W_DATE ? st->w_inq : W_DATE;
	fixed = W_DATE + st->w_days + W_ATENA + W_NAME + st->w_state + st->w_inq + 6;
	st->w_dest = tw - fixed > W_DEST_MIN ? tw - fixed : W_DEST_MIN;
}

/* The column heads, laid out as the rows. */
static void header_text(const struct un_st *st, char *buf, size_t cap)
{
	buf[0] = '\0';
	col(buf, cap, i18n_msg(MSG("unnot_col_planned")), W_DATE, 0);
	col(buf, cap, " ", 1, 0);
	col(buf, cap, i18n_msg(MSG("unnot_col_days")), st->w_days, 1);
	col(buf, cap, " ", 1, 0);
	col(buf, cap, i18n_msg(MSG("unnot_col_atena")), W_ATENA, 0);
	col(buf, cap, " ", 1, 0);
	col(buf, cap, i18n_msg(MSG("unnot_col_name")), W_NAME, 0);
	col(buf, cap, " ", 1, 0);
	col(buf, cap, i18n_msg(MSG("unnot_col_dest")), st->w_dest, 0);
	col(buf, cap, " ", 1, 0);
	col(buf, cap, i18n_msg(MSG("unnot_col_state")), st->w_state, 0);
	col(buf, cap, " ", 1, 0);
	col(buf, cap, i18n_msg(MSG("unnot_col_inquiry")), st->w_inq, 0);
}

/* Load the list (whole: the whole past). On failure the list shown stays
 * as it was and the code is returned. */
static int load(struct scr_app *app, struct un_st *st, int whole)
{
	struct view_unnotified_list l;
	int rc = view_unnotified_load(app->ctx, VIEW_UNNOTIFIED_DAYS, whole, &l);

	if (rc)
		return rc;
	view_unnotified_free(&st->l);
	st->l = l;
	explicit_bzero(&l, sizeof l);
	st->whole = whole;
	wgt_list_init(&st->list, st->l.n, un_row, st);
	return 0;
}

/* Load the last year's list (PERM_WORKFLOW: the view checks it). */
static int un_enter(struct scr_app *app, struct scr *s)
{
	struct un_st *st = calloc(1, sizeof *st);
	int rc;

	if (!st)
		return MG_ENOMEM;
	rc = load(app, st, 0);
	if (rc) {
		view_unnotified_free(&st->l);
		explicit_bzero(st, sizeof *st);
		free(st);
		return rc;
	}
	s->st = st;
	return 0;
}

/* Append a catalog line with up to three arguments to the letter. */
static void line_fmt(struct un_st *st, int attr, const char *key, const char *a0,
                     const char *a1, const char *a2)
{
	char line[sizeof st->out.line[0].text];

	fmt(line, sizeof line, key, a0, a1, a2);
	wgt_lines_add(&st->out, attr, line);
	explicit_bzero(line, sizeof line);
}

/* The 性別 of a row as a catalog text ("" when not a known code). */
static const char *sex_text(const char *sex)
{
	switch (sex[0]) {
	case '0': return i18n_msg(MSG("unnot_sex_0"));
	case '1': return i18n_msg(MSG("unnot_sex_1"));
	case '2': return i18n_msg(MSG("unnot_sex_2"));
	case '9': return i18n_msg(MSG("unnot_sex_9"));
	default: return "";
	}
}

/* The 転入通知未着照会書 for row (never its 個人番号). */
static void lines_letter(struct app_ctx *ctx, struct un_st *st,
                         const struct view_unnotified_row *row)
{
	const struct db_resident *r = &row->r;
	char d[128], planned[128];
	const char *none = i18n_msg(MSG("unnot_none"));

	wgt_lines_clear(&st->out);
	wgt_lines_add(&st->out, CELLS_R_TITLE | CELLS_BOLD, i18n_msg(MSG("unnot_lt_heading")));
	line_fmt(st, CELLS_R_NORMAL, MSG("unnot_lt_issued"), wareki(row->issued_on, d, sizeof d),
	         NULL, NULL);
	wgt_lines_add(&st->out, CELLS_R_NORMAL, "");
	line_fmt(st, CELLS_R_NORMAL | CELLS_BOLD, MSG("unnot_lt_to"),
	         r->dest_planned[0] ? r->dest_planned : none, r->dest_muni_code, NULL);
	line_fmt(st, CELLS_R_NORMAL, MSG("unnot_lt_from"), ctx->muni_name, ctx->muni_code, NULL);
	wgt_lines_add(&st->out, CELLS_R_NORMAL, "");
	wareki(r->dest_planned_date, planned, sizeof planned);
	line_fmt(st, CELLS_R_NORMAL, MSG("unnot_lt_body"), planned, NULL, NULL);
	wgt_lines_add(&st->out, CELLS_R_NORMAL, "");
	wgt_lines_add(&st->out, CELLS_R_TITLE | CELLS_BOLD, i18n_msg(MSG("unnot_lt_person")));
	line_fmt(st, CELLS_R_NORMAL, MSG("unnot_lt_name"), r->name, r->name_kana, NULL);
	line_fmt(st, CELLS_R_NORMAL, MSG("unnot_lt_birth"), wareki(r->birth, d, sizeof d),
	         sex_text(r->sex), NULL);
	line_fmt(st, CELLS_R_NORMAL, MSG("unnot_lt_jcode"),
	         r->juminhyo_code[0] ? r->juminhyo_code : none, NULL, NULL);
	line_fmt(st, CELLS_R_NORMAL, MSG("unnot_lt_address"), r->addr_text, r->katagaki, NULL);
	line_fmt(st, CELLS_R_NORMAL, MSG("unnot_lt_dest"), r->dest_planned[0] ? r->dest_planned : none,
	         NULL, NULL);
	line_fmt(st, CELLS_R_NORMAL, MSG("unnot_lt_planned"), planned, NULL, NULL);
	line_fmt(st, CELLS_R_NORMAL, MSG("unnot_lt_kind"),
	         i18n_msg(r->tokurei ? MSG("unnot_lt_tokurei") : MSG("unnot_lt_ordinary")), NULL,
	         NULL);
	line_fmt(st, CELLS_R_NORMAL, MSG("unnot_lt_uketsuke"), r->uketsuke_no[0] ? r->uketsuke_no : none,
	         NULL, NULL);
	wgt_lines_add(&st->out, CELLS_R_NORMAL, "");
	wgt_lines_add(&st->out, CELLS_R_NORMAL, i18n_msg(MSG("unnot_lt_end")));
}

/* F5: issue the 照会書 for the selected person and show it; the row gets
 * the new 照会 date (the list is not read again). */
static int inquire(struct scr_app *app, struct scr *s, struct un_st *st)
{
	struct view_unnotified_row *got;
	struct view_unnotified_row *row;
	char name[DB_NAME_CAP], d[128];
	int rc;

	if (st->l.n == 0) {
		say(st, CELLS_R_ALERT | CELLS_BOLD, MSG("unnot_nobody"), NULL, NULL);
		return SCR_HANDLED | SCR_REDRAW;
	}
	row = &st->l.rows[st->list.sel];
	if (wgt_lines_alloc(&st->out, UN_LINES) != 0) {
		wgt_dialog_open_rc(&app->dialog, MSG("unnot_failed_title"), MG_ENOMEM, 0);
		return SCR_HANDLED | SCR_REDRAW;
	}
	got = calloc(1, sizeof *got);
	if (!got) {
		wgt_dialog_open_rc(&app->dialog, MSG("unnot_failed_title"), MG_ENOMEM, 0);
		return SCR_HANDLED | SCR_REDRAW;
	}
	wf_copy(name, sizeof name, row->r.name);
	rc = view_unnotified_inquire(app->ctx, row->r.atena_no, got);
	if (rc == 0) {
		*row = *got;
		lines_letter(app->ctx, st, got);
		say(st, CELLS_R_INFO, MSG("unnot_issued"), name, wareki(got->inquired_at, d, sizeof d));
		s->ops = &un_letter_ops;
	} else {
		wgt_dialog_open_rc(&app->dialog, MSG("unnot_failed_title"), rc, 0);
		if (rc == MG_ESTATE)
			say(st, CELLS_R_ALERT | CELLS_BOLD, MSG("unnot_state_changed"), name, NULL);
		else
			say(st, CELLS_R_ERROR | CELLS_BOLD, MSG("unnot_not_issued"), NULL, NULL);
	}
	explicit_bzero(got, sizeof *got);
	free(got);
	explicit_bzero(name, sizeof name);
	return SCR_HANDLED | SCR_REDRAW;
}

/* F6: the whole past, or back to the last year; a failed load keeps the list. */
static int toggle_whole(struct scr_app *app, struct un_st *st)
{
	int rc = load(app, st, !st->whole);

	st->msg[0] = '\0';
	if (rc)
		wgt_dialog_open_rc(&app->dialog, MSG("unnot_load_failed_title"), rc, 0);
	return SCR_HANDLED | SCR_REDRAW;
}

/* Keys of the list page. */
static int key_list(struct scr_app *app, struct scr *s, struct un_st *st, const struct ui_key *k)
{
	switch (wgt_keybar_match(keys_list, k)) {
	case ACT_INQUIRE:
		return inquire(app, s, st);
	case ACT_WHOLE:
		return toggle_whole(app, st);
	case ACT_BACK:
		return SCR_HANDLED | SCR_CLOSE;
	default:
		break;
	}
	if (wgt_list_key(&st->list, k) & WGT_HANDLED)
		return SCR_HANDLED | SCR_REDRAW;
	return 0;
}

/* Keys of the letter: Esc wipes it and returns to the list; arrows scroll. */
static int key_letter(struct scr *s, struct un_st *st, const struct ui_key *k)
{
	if (wgt_keybar_match(keys_letter, k) == ACT_BACK) {
		wgt_lines_free(&st->out);
		s->ops = &scr_unnotified;
		return SCR_HANDLED | SCR_REDRAW;
	}
	return scr_lines_key(&st->out, k);
}

/* Keys: the page's table. */
static int un_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct un_st *st = s->st;

	if (s->ops == &un_letter_ops)
		return key_letter(s, st, k);
	return key_list(app, s, st, k);
}

/* The selected person's 転出先 in full and his last 照会書, at y (2 rows). */
static void draw_detail(const struct un_st *st, struct cells *c, int x, int y, int w)
{
	const struct view_unnotified_row *row = &st->l.rows[st->list.sel];
	char line[1024], d[128];

	fmt(line, sizeof line, MSG("unnot_detail_dest"), row->r.dest_planned, row->r.dest_muni_code,
	    NULL);
	cells_text(c, x, y, w, line, CELLS_R_NORMAL, CELLS_ELLIPSIS);
	if (row->inquired_at[0])
		fmt(line, sizeof line, MSG("unnot_detail_inquired"),
		    wareki(row->inquired_at, d, sizeof d),
		    strlen(row->inquired_at) > 11 ? row->inquired_at + 11 : "", NULL);
	else
		fmt(line, sizeof line, MSG("unnot_detail_never"), NULL, NULL, NULL);
	cells_text(c, x, y + 1, w, line, CELLS_R_DIM, CELLS_ELLIPSIS);
	explicit_bzero(line, sizeof line);
}

/* The list page: window, count, pending notices, rows, details, note. */
static void draw_list(struct un_st *st, struct cells *c, int top, int rows)
{
	char line[1024], a0[128], a1[128], n[16];
	int x = 1, w = c->w - 2, y = top, end = top + rows, mrows = 0, lh;

	snprintf(n, sizeof n, "%d", st->l.days);
	if (st->whole)
		fmt(line, sizeof line, MSG("unnot_window_whole"), wareki(st->l.to, a1, sizeof a1), n,
		    NULL);
	else
		fmt(line, sizeof line, MSG("unnot_window"), wareki(st->l.from, a0, sizeof a0),
		    wareki(st->l.to, a1, sizeof a1), n);
	cells_text(c, x, y++, w, line, CELLS_R_TITLE | CELLS_BOLD, CELLS_ELLIPSIS);
	snprintf(n, sizeof n, "%d", st->l.n);
	fmt(line, sizeof line, MSG("unnot_count"), n, NULL, NULL);
	{
		int cw = cells_text(c, x, y, w, line, CELLS_R_NORMAL, CELLS_ELLIPSIS);
		const char *hint = i18n_msg(st->whole ? MSG("unnot_hint_recent")
		                                      : MSG("unnot_hint_whole"));

		if (cw + 3 < w)
			cells_text(c, x + cw + 3, y, w - cw - 3, hint, CELLS_R_DIM, CELLS_ELLIPSIS);
	}
	y++;
	if (st->l.pending_notices > 0) {
		snprintf(n, sizeof n, "%d", st->l.pending_notices);
		fmt(line, sizeof line, MSG("unnot_pending"), n, NULL, NULL);
		lh = cells_wrap(c, x, y, w, UN_PENDING_ROWS, line, CELLS_R_ALERT | CELLS_BOLD);
		y += lh < UN_PENDING_ROWS ? lh : UN_PENDING_ROWS;
	}
	if (st->msg[0]) {
		mrows = cells_wrap(NULL, 0, 0, w, 0, st->msg, 0);
		if (mrows > UN_MSG_ROWS)
			mrows = UN_MSG_ROWS;
	}
	if (st->l.n == 0) {
		cells_wrap(c, x + 1, y + 1, w - 2, 3,
		           i18n_msg(st->whole ? MSG("unnot_empty_whole") : MSG("unnot_empty")),
		           CELLS_R_DIM);
	} else {
		widths(st, w - 1);
		header_text(st, line, sizeof line);
		cells_text(c, x, y++, w - 1, line, CELLS_R_DIM, CELLS_ELLIPSIS);
		lh = end - y - 1 - 2 - (mrows ? mrows : 0);
		if (lh > st->l.n)
			lh = st->l.n;
		if (lh < 1)
			lh = 1;
		wgt_list_draw(&st->list, c, x, y, w, lh);
		y += lh;
		if (y + 3 <= end - mrows) {
			cells_hline(c, x, y++, w, CELLS_R_DIM);
			draw_detail(st, c, x, y, w);
		}
	}
	if (mrows > 0 && end - mrows >= top)
		cells_wrap(c, x, end - mrows, w, mrows, st->msg, st->msg_attr);
	explicit_bzero(line, sizeof line);
}

/* Draw the page. */
static void un_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows)
{
	struct un_st *st = s->st;

	(void)app;
	if (s->ops == &un_letter_ops)
		wgt_lines_draw(&st->out, c, top, rows, i18n_msg(MSG("unnot_scroll_hint")));
	else
		draw_list(st, c, top, rows);
}

/* Wipe the list and the letter, free the state. */
static void un_leave(struct scr_app *app, struct scr *s)
{
	struct un_st *st = s->st;

	(void)app;
	if (!st)
		return;
	view_unnotified_free(&st->l);
	wgt_lines_free(&st->out);
	explicit_bzero(st, sizeof *st);
	free(st);
	s->st = NULL;
}

/* The list and the letter are one screen with two key tables and titles. */
#define UN_OPS(title, keytab) { \
	.name = "unnotified", .title_msgid = title, .keys = keytab, .needs_session = 1, \
	.enter = un_enter, .key = un_key, .tick = NULL, .draw = un_draw, .leave = un_leave }

const struct scr_ops scr_unnotified = UN_OPS(MSG("unnot_title"), keys_list);
static const struct scr_ops un_letter_ops = UN_OPS(MSG("unnot_letter_title"), keys_letter);
