/*
 * wgt_status.c — the status bar (see wgt_status.h).
 */
#include "screens/wgt_status.h"

#include "screens/cells.h"

#include "i18n/i18n_msg.h"

/* Format a catalog pattern with one argument into out. */
static const char *fmt1(char *out, size_t cap, const char *key, const char *arg)
{
	const char *a[1] = { arg ? arg : "" };

	if (i18n_msg_format(out, cap, key, 1, a) < 0)
		out[0] = 0;
	return out;
}

void wgt_status_draw(const struct wgt_status_info *s, struct cells *c, int y)
{
	const int attr = CELLS_R_STATUS | CELLS_REVERSE;
	const int badge = CELLS_R_BADGE | CELLS_BOLD;
	char term[96], op[160];
	const char *badges[3];
	int nb = 0, right, x = 1, room, seg;

	cells_fill(c, 0, y, c->w, 1, attr);
	if (s->demo)
		badges[nb++] = i18n_msg(MSG("ui_badge_demo"));
	if (s->test)
		badges[nb++] = i18n_msg(MSG("ui_badge_test"));
	if (s->capture)
		badges[nb++] = i18n_msg(MSG("ui_badge_capture"));
	/* Right side: badges then the clock, always shown. */
	right = c->w - 1 - cells_width(s->clock);
	cells_text(c, right, y, c->w - right, s->clock, attr, 0);
	for (int i = nb - 1; i >= 0; i--) {
		int bw = cells_width(badges[i]) + 2;

		if (right - bw - 1 < c->w / 3)
			break;
		right -= bw + 1;
		cells_text(c, right, y, bw, "[", badge, 0);
		cells_text(c, right + 1, y, bw - 2, badges[i], badge, 0);
		cells_text(c, right + bw - 1, y, 1, "]", badge, 0);
	}
	room = right - 2 - x;
	/* Left side: municipality, terminal, operator; the operator gets what is left. */
	seg = room / 3 < 20 ? room / 3 : 20;
	x += cells_text(c, x, y, seg, s->muni_name, attr | CELLS_BOLD, CELLS_ELLIPSIS) + 2;
	if (s->terminal && s->terminal[0])
		x += cells_text(c, x, y, seg, fmt1(term, sizeof term, MSG("ui_status_terminal"),
		                                   s->terminal), attr, CELLS_ELLIPSIS) + 2;
	if (s->operator_name && !s->locked && x < right - 2)
		cells_text(c, x, y, right - 2 - x, fmt1(op, sizeof op, MSG("ui_status_operator"),
		                                         s->operator_name), attr, CELLS_ELLIPSIS);
}
