/*
 * wgt_keybar.h — key tables and the function-key bar. Each screen has one
 * table {key, action, label_msgid}; the bar at the bottom and the help page
 * (F1) are generated from the tables, so what a key does is written once.
 */
#ifndef WGT_KEYBAR_H
#define WGT_KEYBAR_H

#include <stddef.h>

struct cells;
struct ui_key;

/* A table key for a typed character (e.g. the menu's number keys). */
#define WGT_KEY_CHAR(ch) (0x10000 | (int)(ch))

/* One binding. A table ends with a row whose key is 0. */
struct wgt_keybar_item {
	int key;                  /* enum ui_keycode, or WGT_KEY_CHAR(ch) */
	int action;               /* the screen's action number (> 0) */
	const char *label_msgid;  /* label (catalog key); NULL: bound but not shown in the bar */
};

/*
 * wgt_keybar_match — the action of key k in table t (first match), or 0.
 * Characters match WGT_KEY_CHAR rows; t may be NULL.
 */
int wgt_keybar_match(const struct wgt_keybar_item *t, const struct ui_key *k);

/*
 * wgt_keybar_keyname — the key's name as printed on the keyboard ("F1",
 * "Esc", "1"…, from the catalog), into buf (cap bytes incl. NUL). Returns buf.
 */
const char *wgt_keybar_keyname(int key, char *buf, size_t cap);

/*
 * wgt_keybar_draw — the bar on row y: "key label" for every labelled row of
 * tables[0..n-1] in order (NULL tables are skipped). When the bar is too
 * wide, labels are shortened (with "…") before anything is dropped.
 */
void wgt_keybar_draw(const struct wgt_keybar_item *const *tables, int n, struct cells *c,
                     int y);

/*
 * wgt_keybar_help_draw — the help page body: one row per labelled binding,
 * key name then label, from (x, y) in w columns and at most h rows.
 * Returns the rows the whole list needs.
 */
int wgt_keybar_help_draw(const struct wgt_keybar_item *const *tables, int n, struct cells *c,
                         int x, int y, int w, int h);

#endif
