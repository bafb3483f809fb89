/*
 * wgt_list.h — a scrollable list with one selected row. Rows are produced
 * on demand by the screen (a callback writes a row's text), so the list
 * holds no copy of the data.
 */
#ifndef WGT_LIST_H
#define WGT_LIST_H

#include <stddef.h>

struct cells;
struct ui_key;

/* Writes the text of row i (UTF-8, cap bytes incl. NUL) into buf. */
typedef void (*wgt_list_row_fn)(void *arg, int i, char *buf, size_t cap);

struct wgt_list {
	int count;              /* rows */
	int sel;                /* selected row (0 when empty) */
	int top;                /* first row shown */
	int page;               /* rows shown by the last draw (for PgUp/PgDn; 1 before) */
	wgt_list_row_fn row;    /* row text (borrowed) */
	void *arg;              /* for row (borrowed) */
};

/* wgt_list_init — a list of count rows, first row selected. */
void wgt_list_init(struct wgt_list *l, int count, wgt_list_row_fn row, void *arg);

/*
 * wgt_list_key — Up/Down/PgUp/PgDn/Home/End move the selection (the view
 * follows); Enter returns WGT_SUBMIT. Returns WGT_* flags or 0.
 */
int wgt_list_key(struct wgt_list *l, const struct ui_key *k);

/*
 * wgt_list_draw — rows top.. in h rows of w columns at (x, y), the selected
 * row in reverse; the last column shows '^' / 'v' when rows are hidden above
 * / below. Adjusts top so the selection is visible and records page.
 */
void wgt_list_draw(struct wgt_list *l, struct cells *c, int x, int y, int w, int h);

#endif
