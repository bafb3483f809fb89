/*
 * wgt_lines.c — a scrolled page of text lines (see wgt_lines.h).
 */
#include "screens/wgt_lines.h"

#include "app/wf.h"
#include "i18n/mg_rc.h"
#include "screens/cells.h"
#include "screens/ui.h"
#include "screens/wgt.h"

#include <stdlib.h>
#include <string.h>

int wgt_lines_alloc(struct wgt_lines *l, int cap)
{
	if (l->line)
		return 0;
	l->line = calloc((size_t)cap, sizeof *l->line);
	if (!l->line)
		return MG_ENOMEM;
	l->cap = cap;
	return 0;
}

void wgt_lines_clear(struct wgt_lines *l)
{
	l->n = 0;
	l->scroll = 0;
}

void wgt_lines_add(struct wgt_lines *l, int attr, const char *text)
{
	if (l->n >= l->cap)
		return;
	wf_copy(l->line[l->n].text, sizeof l->line[0].text, text);
	l->line[l->n].attr = attr;
	l->n++;
}

int wgt_lines_key(struct wgt_lines *l, const struct ui_key *k)
{
	int old = l->scroll;

	switch (k->code) {
	case UI_K_UP: l->scroll--; break;
	case UI_K_DOWN: l->scroll++; break;
	case UI_K_PGUP: l->scroll -= 10; break;
	case UI_K_PGDN: l->scroll += 10; break;
	case UI_K_HOME: l->scroll = 0; break;
	case UI_K_END: l->scroll = l->n - 1; break;
	default: return 0;
	}
	if (l->scroll > l->n - 1)
		l->scroll = l->n - 1;
	if (l->scroll < 0)
		l->scroll = 0;
	return l->scroll != old ? WGT_HANDLED | WGT_CHANGED : WGT_HANDLED;
}

void wgt_lines_draw(const struct wgt_lines *l, struct cells *c, int top, int rows,
                    const char *hint)
{
	int y = top;

	for (int i = l->scroll; i < l->n && y < top + rows - 1; i++)
		y += cells_wrap(c, 1, y, c->w - 2, top + rows - 1 - y, l->line[i].text, l->line[i].attr);
	if (l->n > 0)
		cells_text(c, 1, top + rows - 1, c->w - 2, hint, CELLS_R_DIM, CELLS_ELLIPSIS);
}

void wgt_lines_free(struct wgt_lines *l)
{
	if (l->line)
		explicit_bzero(l->line, (size_t)l->cap * sizeof *l->line);
	free(l->line);
	memset(l, 0, sizeof *l);
}
