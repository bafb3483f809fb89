/*
 * wgt_dialog.c — modal boxes (see wgt_dialog.h).
 */
#include "screens/wgt_dialog.h"

#include "screens/cells.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_keybar.h"

#include "app/check.h"
#include "app/view_check.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <string.h>

enum { ACT_OK = 1, ACT_YES, ACT_NO };

static const struct wgt_keybar_item keys_info[] = {
	{ UI_K_ENTER, ACT_OK, MSG("ui_dlg_key_ok") },
	{ UI_K_ESC, ACT_OK, NULL },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_alert[] = {
	{ UI_K_F2, ACT_YES, MSG("ui_dlg_key_ack") },
	{ UI_K_ESC, ACT_NO, MSG("ui_dlg_key_back") },
	{ 0, 0, NULL }
};

/* Only the keys on the bar answer: a clerk typing ahead from the paper
 * (or a paste) must not say "yes" to discarding a form with a letter. */
static const struct wgt_keybar_item keys_confirm[] = {
	{ UI_K_F2, ACT_YES, MSG("ui_dlg_key_yes") },
	{ UI_K_ESC, ACT_NO, MSG("ui_dlg_key_no") },
	{ 0, 0, NULL }
};

const struct wgt_keybar_item *wgt_dialog_keys(enum wgt_dialog_kind kind)
{
	switch (kind) {
	case WGT_DIALOG_ALERT:
		return keys_alert;
	case WGT_DIALOG_CONFIRM:
		return keys_confirm;
	default:
		return keys_info;
	}
}

void wgt_dialog_open_text(struct wgt_dialog *d, enum wgt_dialog_kind kind,
                          const char *title_msgid, const char *cause, const char *remedy,
                          int tag)
{
	d->open = 1;
	d->kind = kind;
	d->title_msgid = title_msgid;
	snprintf(d->cause, sizeof d->cause, "%s", cause ? cause : "");
	snprintf(d->remedy, sizeof d->remedy, "%s", remedy ? remedy : "");
	d->answer = WGT_ANSWER_NONE;
	d->tag = tag;
}

void wgt_dialog_open(struct wgt_dialog *d, enum wgt_dialog_kind kind, const char *title_msgid,
                     const char *cause_msgid, const char *remedy_msgid, int tag)
{
	wgt_dialog_open_text(d, kind, title_msgid, cause_msgid ? i18n_msg(cause_msgid) : "",
	                     remedy_msgid ? i18n_msg(remedy_msgid) : "", tag);
}

void wgt_dialog_open_rc(struct wgt_dialog *d, const char *title_msgid, int rc, int tag)
{
	char code[256];
	const char *a[1] = { mg_rc_name(rc) };

	if (i18n_msg_format(code, sizeof code, MSG("ui_dlg_code"), 1, a) < 0)
		code[0] = 0;
	wgt_dialog_open_text(d, WGT_DIALOG_ERROR, title_msgid, i18n_msg(mg_rc_msgid(rc)), code, tag);
}

int wgt_dialog_key(struct wgt_dialog *d, const struct ui_key *k)
{
	int act;

	if (!d->open)
		return 0;
	act = wgt_keybar_match(wgt_dialog_keys(d->kind), k);
	if (act == 0)
		return WGT_HANDLED;
	d->answer = act == ACT_OK ? WGT_ANSWER_OK : act == ACT_YES ? WGT_ANSWER_YES : WGT_ANSWER_NO;
	d->open = 0;
	return WGT_HANDLED | WGT_CLOSED;
}

/* The role of a dialog kind. */
static int kind_role(enum wgt_dialog_kind kind)
{
	switch (kind) {
	case WGT_DIALOG_ERROR:
		return CELLS_R_ERROR;
	case WGT_DIALOG_ALERT:
		return CELLS_R_ALERT;
	default:
		return CELLS_R_INFO;
	}
}

/* Lay out (or only count, c == NULL) the body; returns the rows used. */
static int body(const struct wgt_dialog *d, struct cells *c, int x, int y, int w, int h)
{
	int rows = 0, lw, n;
	const char *lc = i18n_msg(MSG("ui_dlg_cause")), *lr = i18n_msg(MSG("ui_dlg_remedy"));

	lw = cells_width(lc);
	if (cells_width(lr) > lw)
		lw = cells_width(lr);
	if (d->cause[0]) {
		if (c && d->remedy[0])
			cells_text(c, x, y, lw, lc, CELLS_R_FRAME | CELLS_BOLD, 0);
		n = d->remedy[0] ? cells_wrap(c, x + lw + 1, y, w - lw - 1, h, d->cause, CELLS_R_FRAME)
		                 : cells_wrap(c, x, y, w, h, d->cause, CELLS_R_FRAME);
		rows += n;
	}
	if (d->remedy[0]) {
		if (c && rows < h)
			cells_text(c, x, y + rows, lw, lr, CELLS_R_FRAME | CELLS_BOLD, 0);
		rows += cells_wrap(c, x + lw + 1, y + rows, w - lw - 1, h - rows > 0 ? h - rows : 0,
		                   d->remedy, CELLS_R_FRAME);
	}
	return rows;
}

void wgt_dialog_draw(const struct wgt_dialog *d, struct cells *c)
{
	const struct wgt_keybar_item *keys;
	char name[32];
	int w, h, x, y, inner, rows, kx;
	int role = kind_role(d->kind);

	if (!d->open)
		return;
	w = c->w - 4 < 72 ? c->w - 4 : 72;
	if (w < 20)
		return;
	inner = w - 4;
	rows = body(d, NULL, 0, 0, inner, 1000);
	h = rows + 6;
	if (h > c->h - 2)
		h = c->h - 2;
	x = (c->w - w) / 2;
	y = (c->h - h) / 2;
	cells_box(c, x, y, w, h, CELLS_R_FRAME);
	cells_fill(c, x + 1, y + 1, w - 2, 1, role | CELLS_REVERSE);
	cells_text(c, x + 2, y + 1, w - 4, i18n_msg(d->title_msgid ? d->title_msgid
	                                                            : MSG("ui_dlg_title")),
	           role | CELLS_REVERSE | CELLS_BOLD, CELLS_ELLIPSIS);
	body(d, c, x + 2, y + 3, inner, h - 6);
	/* The keys of this kind, generated from its table. */
	kx = x + 2;
	keys = wgt_dialog_keys(d->kind);
	for (; keys->key; keys++) {
		if (!keys->label_msgid)
			continue;
		kx += cells_text(c, kx, y + h - 2, x + w - 2 - kx,
		                 wgt_keybar_keyname(keys->key, name, sizeof name),
		                 CELLS_R_KEY | CELLS_REVERSE, 0) + 1;
		kx += cells_text(c, kx, y + h - 2, x + w - 2 - kx, i18n_msg(keys->label_msgid),
		                 CELLS_R_FRAME, 0);
		kx += 2;
	}
}

void wgt_dialog_open_finding(struct wgt_dialog *d, const struct check_item *it,
                             const char *title_msgid, const char *remedy_msgid, int tag)
{
	char text[WGT_DIALOG_TEXT];

	view_check_text(it, text, sizeof text);
	wgt_dialog_open_text(d, it->level == CHECK_ALERT ? WGT_DIALOG_ALERT : WGT_DIALOG_ERROR,
	                     title_msgid, text, remedy_msgid ? i18n_msg(remedy_msgid) : NULL, tag);
}

int wgt_dialog_ask(struct wgt_dialog *d, const struct check_list *l, int n,
                   const char *title_msgid, const char *remedy_msgid, int tag_alert,
                   int tag_blocked)
{
	int idx;

	if (check_count(l, CHECK_ERROR) > 0) {
		wgt_dialog_open_commit(d, MG_ERULE, tag_blocked, tag_blocked);
		return 1;
	}
	idx = view_check_nth(l, CHECK_ALERT, n);
	if (idx < 0)
		return 0;
	wgt_dialog_open_finding(d, &l->item[idx], title_msgid, remedy_msgid, tag_alert);
	return 1;
}

void wgt_dialog_open_commit(struct wgt_dialog *d, int rc, int tag_blocked, int tag_other)
{
	if (rc == MG_ERULE)
		wgt_dialog_open(d, WGT_DIALOG_ERROR, MSG("sa_tn_blocked_title"), MSG("sa_tn_blocked"),
		                MSG("sa_tn_blocked_remedy"), tag_blocked);
	else
		wgt_dialog_open_rc(d, MSG("ui_dlg_title_error"), rc, tag_other);
}
