/*
 * wgt_list.c — a scrollable list (see wgt_list.h).
 */
#include "screens/wgt_list.h"

#include "screens/cells.h"
#include "screens/ui.h"
#include "screens/wgt.h"

void wgt_list_init(struct wgt_list *l, int count, wgt_list_row_fn row, void *arg)
{
	l->count = count < 0 ? 0 : count;
	l->sel = 0;
	l->top = 0;
	l->page = 1;
	l->row = row;
	l->arg = arg;
}

/* Keep sel inside the rows and top such that sel is shown. */
static void clamp(struct wgt_list *l)
{
	int page = l->page > 0 ? l->page : 1;

	if (l->sel >= l->count)
		l->sel = l->count - 1;
	if (l->sel < 0)
		l->sel = 0;
	if (l->top > l->sel)
		l->top = l->sel;
	if (l->sel >= l->top + page)
		l->top = l->sel - page + 1;
	if (l->top > l->count - page)
		l->top = l->count - page;
	if (l->top < 0)
		l->top = 0;
}

int wgt_list_key(struct wgt_list *l, const struct ui_key *k)
{
	int old = l->sel;

	switch (k->code) {
	case UI_K_UP:
		l->sel--;
		break;
	case UI_K_DOWN:
		l->sel++;
		break;
	case UI_K_PGUP:
		l->sel -= l->page > 1 ? l->page - 1 : 1;
		break;
	case UI_K_PGDN:
		l->sel += l->page > 1 ? l->page - 1 : 1;
		break;
	case UI_K_HOME:
		l->sel = 0;
		break;
	case UI_K_END:
		l->sel = l->count - 1;
		break;
	case UI_K_ENTER:
		return l->count > 0 ? (WGT_HANDLED | WGT_SUBMIT) : WGT_HANDLED;
	default:
		return 0;
	}
	clamp(l);
	return WGT_HANDLED | (l->sel != old ? WGT_CHANGED : 0);
}

void wgt_list_draw(struct wgt_list *l, struct cells *c, int x, int y, int w, int h)
{
	char buf[CELLS_TEXT_MAX];

	if (w < 2 || h < 1)
		return;
	l->page = h;
	clamp(l);
	cells_fill(c, x, y, w, h, CELLS_R_NORMAL);
	for (int r = 0; r < h && l->top + r < l->count; r++) {
		int i = l->top + r;
		int attr = i == l->sel ? (CELLS_R_SELECT | CELLS_REVERSE) : CELLS_R_NORMAL;

		buf[0] = 0;
		if (l->row)
			l->row(l->arg, i, buf, sizeof buf);
		cells_text(c, x, y + r, w - 1, buf, attr, CELLS_ELLIPSIS | CELLS_PAD);
	}
	if (l->top > 0)
		cells_text(c, x + w - 1, y, 1, "^", CELLS_R_DIM | CELLS_BOLD, 0);
	if (l->top + h < l->count)
		cells_text(c, x + w - 1, y + h - 1, 1, "v", CELLS_R_DIM | CELLS_BOLD, 0);
}
