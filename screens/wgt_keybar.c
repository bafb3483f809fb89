/*
 * wgt_keybar.c — key tables, the function-key bar and the help page (see
 * wgt_keybar.h).
 */
#include "screens/wgt_keybar.h"

#include "screens/cells.h"
#include "screens/ui.h"

#include "i18n/i18n_msg.h"

#include <stdio.h>
#include <string.h>

int wgt_keybar_match(const struct wgt_keybar_item *t, const struct ui_key *k)
{
	int want;

	if (!t || !k)
		return 0;
	want = k->code == UI_K_CHAR ? WGT_KEY_CHAR(k->ch) : k->code;
	for (; t->key; t++)
		if (t->key == want)
			return t->action;
	return 0;
}

const char *wgt_keybar_keyname(int key, char *buf, size_t cap)
{
	const char *msgid = NULL;

	if (cap == 0)
		return buf;
	buf[0] = 0;
	if (key & 0x10000) {
		wchar_t ch = (wchar_t)(key & 0xffff);
		char u[5] = { 0 };

		if (cells_utf8_encode(ch, u) > 0 && cap > strlen(u))
			memcpy(buf, u, strlen(u) + 1);
		return buf;
	}
	if (key >= UI_K_F1 && key <= UI_K_F12) {
		char num[4];
		const char *a[1] = { num };

		snprintf(num, sizeof num, "%d", key - UI_K_F1 + 1);
		if (i18n_msg_format(buf, cap, MSG("ui_key_f"), 1, a) < 0)
			buf[0] = 0;
		return buf;
	}
	switch (key) {
	case UI_K_ENTER: msgid = MSG("ui_key_enter"); break;
	case UI_K_ESC: msgid = MSG("ui_key_esc"); break;
	case UI_K_TAB: msgid = MSG("ui_key_tab"); break;
	case UI_K_BTAB: msgid = MSG("ui_key_btab"); break;
	case UI_K_UP: msgid = MSG("ui_key_up"); break;
	case UI_K_DOWN: msgid = MSG("ui_key_down"); break;
	case UI_K_LEFT: msgid = MSG("ui_key_left"); break;
	case UI_K_RIGHT: msgid = MSG("ui_key_right"); break;
	case UI_K_PGUP: msgid = MSG("ui_key_pgup"); break;
	case UI_K_PGDN: msgid = MSG("ui_key_pgdn"); break;
	case UI_K_HOME: msgid = MSG("ui_key_home"); break;
	case UI_K_END: msgid = MSG("ui_key_end"); break;
	case UI_K_BACKSPACE: msgid = MSG("ui_key_backspace"); break;
	case UI_K_DELETE: msgid = MSG("ui_key_delete"); break;
	case UI_K_CTRL_U: msgid = MSG("ui_key_ctrl_u"); break;
	default: break;
	}
	if (msgid)
		snprintf(buf, cap, "%s", i18n_msg(msgid));
	return buf;
}

/* Iterates over the labelled rows of the tables, in order. */
#define EACH_LABELLED(tables, n, it)                                      \
	for (int t_ = 0; t_ < (n); t_++)                                  \
		for (const struct wgt_keybar_item *it = (tables)[t_];     \
		     it && it->key; it++)                                 \
			if (it->label_msgid)

/* Columns of the bar when labels are cut to cap columns (no trailing gap). */
static int bar_width(const struct wgt_keybar_item *const *tables, int n, int cap)
{
	char name[32];
	int total = 0;

	EACH_LABELLED(tables, n, it) {
		int lw = cells_width(i18n_msg(it->label_msgid));

		if (total > 0)
			total += 2;
		total += cells_width(wgt_keybar_keyname(it->key, name, sizeof name));
		if (cap > 0)
			total += 1 + (lw < cap ? lw : cap);
	}
	return total;
}

void wgt_keybar_draw(const struct wgt_keybar_item *const *tables, int n, struct cells *c,
                     int y)
{
	char name[32];
	int maxl = 0, cap, x = 0;

	cells_fill(c, 0, y, c->w, 1, CELLS_R_KEYLABEL);
	EACH_LABELLED(tables, n, it) {
		int lw = cells_width(i18n_msg(it->label_msgid));

		if (lw > maxl)
			maxl = lw;
	}
	/* Shorten the longest labels first until the bar fits. */
	for (cap = maxl; cap > 0 && bar_width(tables, n, cap) > c->w; cap--)
		;
	EACH_LABELLED(tables, n, it) {
		if (x >= c->w)
			break;
		x += cells_text(c, x, y, c->w - x, wgt_keybar_keyname(it->key, name, sizeof name),
		                CELLS_R_KEY | CELLS_REVERSE, 0);
		if (cap > 0 && x + 1 < c->w)
			x += 1 + cells_text(c, x + 1, y, cap < c->w - x - 1 ? cap : c->w - x - 1,
			                    i18n_msg(it->label_msgid), CELLS_R_KEYLABEL, CELLS_ELLIPSIS);
		x += 2;
	}
}

int wgt_keybar_help_draw(const struct wgt_keybar_item *const *tables, int n, struct cells *c,
                         int x, int y, int w, int h)
{
	char name[32];
	int rows = 0, kw = 0;

	EACH_LABELLED(tables, n, it) {
		int k = cells_width(wgt_keybar_keyname(it->key, name, sizeof name));

		if (k > kw)
			kw = k;
	}
	EACH_LABELLED(tables, n, it) {
		if (c && rows < h) {
			cells_text(c, x, y + rows, kw, wgt_keybar_keyname(it->key, name, sizeof name),
			           CELLS_R_KEY | CELLS_BOLD, 0);
			cells_text(c, x + kw + 2, y + rows, w - kw - 2, i18n_msg(it->label_msgid),
			           CELLS_R_NORMAL, CELLS_ELLIPSIS);
		}
		rows++;
	}
	return rows;
}
