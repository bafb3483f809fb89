/*
 * wgt_form.c — labelled fields in tab order (see wgt_form.h).
 */
#include "screens/wgt_form.h"

#include "screens/cells.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_field.h"

#include "i18n/i18n_msg.h"
#include "i18n/i18n_wareki.h"

void wgt_form_init(struct wgt_form *f, struct wgt_form_item *items, int n)
{
	f->items = items;
	f->n = n;
	f->focus = 0;
}

/* Move the focus by d rows, wrapping around. */
static void move(struct wgt_form *f, int d)
{
	if (f->n > 0)
		f->focus = (f->focus + d + f->n) % f->n;
}

int wgt_form_key(struct wgt_form *f, const struct ui_key *k)
{
	int r;

	if (f->n <= 0)
		return 0;
	switch (k->code) {
	case UI_K_TAB:
	case UI_K_DOWN:
		move(f, 1);
		return WGT_HANDLED;
	case UI_K_BTAB:
	case UI_K_UP:
		move(f, -1);
		return WGT_HANDLED;
	case UI_K_ENTER:
		if (f->focus == f->n - 1)
			return WGT_HANDLED | WGT_SUBMIT;
		move(f, 1);
		return WGT_HANDLED;
	default:
		break;
	}
	r = wgt_field_key(f->items[f->focus].field, k);
	if (r & WGT_CHANGED)
		f->items[f->focus].error_msgid = NULL;
	return r;
}

int wgt_form_check(struct wgt_form *f)
{
	int bad = 0, first = -1;

	for (int i = 0; i < f->n; i++) {
		struct wgt_form_item *it = &f->items[i];
		const char *msgid = NULL;

		it->error_msgid = NULL;
		if (it->required && wgt_field_value(it->field)[0] == 0)
			msgid = MSG("ui_field_required");
		else if (wgt_field_check(it->field, &msgid) != 0 && !msgid)
			msgid = MSG("ui_field_invalid");
		if (msgid) {
			it->error_msgid = msgid;
			bad++;
			if (first < 0)
				first = i;
		}
	}
	if (first >= 0)
		f->focus = first;
	return bad;
}

int wgt_form_changed(const struct wgt_form *f)
{
	for (int i = 0; i < f->n; i++)
		if (f->items[i].field->changed)
			return 1;
	return 0;
}

int wgt_form_rows(const struct wgt_form *f)
{
	int rows = 0;

	for (int i = 0; i < f->n; i++)
		rows += f->items[i].error_msgid ? 2 : 1;
	return rows;
}

void wgt_form_draw(const struct wgt_form *f, struct cells *c, int x, int y, int w, int h)
{
	int lw = 0, row = 0;

	for (int i = 0; i < f->n; i++) {
		int lwi = cells_width(i18n_msg(f->items[i].label_msgid));

		if (lwi > lw)
			lw = lwi;
	}
	if (lw > w / 2)
		lw = w / 2;
	for (int i = 0; i < f->n && row < h; i++, row++) {
		const struct wgt_form_item *it = &f->items[i];
		int fx = x + lw + 2, fw = w - lw - 2;

		cells_text(c, x, y + row, lw, i18n_msg(it->label_msgid),
		           CELLS_R_LABEL | (i == f->focus ? CELLS_BOLD : 0), CELLS_ELLIPSIS);
		if (it->width > 0 && it->width < fw)
			fw = it->width;
		wgt_field_draw(it->field, c, fx, y + row, fw, i == f->focus);
		if (fx + fw + 1 < x + w) {
			const char *hint = it->hint_msgid ? i18n_msg(it->hint_msgid) : NULL;
			char wareki[64];
			i18n_day day;

			/* A date is echoed in 和暦 so the clerk sees how it was read. */
			if (!hint && it->field->kind == WGT_FIELD_DATE && it->field->len > 0 &&
			    i18n_wareki_parse(wgt_field_value(it->field), &day) == 0 &&
			    i18n_wareki_format(day, wareki, sizeof wareki) > 0)
				hint = wareki;
			if (hint)
				cells_text(c, fx + fw + 1, y + row, x + w - fx - fw - 1, hint,
				           CELLS_R_DIM, CELLS_ELLIPSIS);
		}
		if (it->error_msgid && row + 1 < h) {
			row++;
			cells_text(c, fx, y + row, w - lw - 2, i18n_msg(it->error_msgid),
			           CELLS_R_ERROR | CELLS_BOLD, CELLS_ELLIPSIS);
		}
	}
}
