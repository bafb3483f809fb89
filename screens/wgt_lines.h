/*
 * wgt_lines.h — a page of text lines (a workflow's confirmation or result)
 * that the screen fills line by line, drawn wrapped to the width from a
 * first line the arrow and page keys move. The lines hold personal data:
 * wgt_lines_free wipes them.
 */
#ifndef WGT_LINES_H
#define WGT_LINES_H

struct cells;
struct ui_key;

/* One line and its cells rendition (CELLS_R_*, CELLS_BOLD). */
struct wgt_line {
	char text[640];
	int attr;
};

struct wgt_lines {
	struct wgt_line *line;  /* cap lines (owned; NULL until wgt_lines_alloc) */
	int cap;                /* lines allocated; more are dropped */
	int n;                  /* lines filled */
	int scroll;             /* first line shown */
};

/*
 * wgt_lines_alloc — room for cap lines, once (a second call keeps the
 * first). Returns 0, or MG_ENOMEM with nothing allocated.
 */
int wgt_lines_alloc(struct wgt_lines *l, int cap);

/* wgt_lines_clear — no lines, shown from the first (the room is kept). */
void wgt_lines_clear(struct wgt_lines *l);

/* wgt_lines_add — append text (cut at a character boundary to fit); dropped when full. */
void wgt_lines_add(struct wgt_lines *l, int attr, const char *text);

/*
 * wgt_lines_key — Up/Down one line, PgUp/PgDn ten, Home/End the first /
 * last line. Returns WGT_HANDLED (| WGT_CHANGED when the view moved), or 0
 * for any other key.
 */
int wgt_lines_key(struct wgt_lines *l, const struct ui_key *k);

/*
 * wgt_lines_draw — the lines from scroll, wrapped, in rows - 1 rows from
 * row top (columns 1 .. w - 2), and hint dimmed on the last row when there
 * are lines.
 */
void wgt_lines_draw(const struct wgt_lines *l, struct cells *c, int top, int rows,
                    const char *hint);

/* wgt_lines_free — wipe the lines and free them; the struct is left empty. */
void wgt_lines_free(struct wgt_lines *l);

#endif
