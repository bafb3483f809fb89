/*
 * wgt_form.h — labelled input fields in tab order, with a validation message
 * under the field that is wrong. Labels come from the catalog; the label
 * column is as wide as the widest label (display width).
 */
#ifndef WGT_FORM_H
#define WGT_FORM_H

struct cells;
struct ui_key;
struct wgt_field;

/* One row of a form. */
struct wgt_form_item {
	const char *label_msgid;    /* label (catalog key) */
	struct wgt_field *field;    /* the field (borrowed) */
	int width;                  /* field columns (0: the rest of the row) */
	int required;               /* 1: an empty value is an error */
	const char *hint_msgid;     /* text after the field (catalog key) or NULL */
	const char *error_msgid;    /* set by wgt_form_check / the screen; shown under the field */
};

struct wgt_form {
	struct wgt_form_item *items; /* the rows in tab order (borrowed) */
	int n;                       /* number of rows */
	int focus;                   /* index of the focused row */
};

/* wgt_form_init — a form over items[0..n-1], focus on the first. */
void wgt_form_init(struct wgt_form *f, struct wgt_form_item *items, int n);

/*
 * wgt_form_key — Tab/Down go to the next field, Shift+Tab/Up to the previous
 * one; Enter goes to the next field, or returns WGT_SUBMIT on the last one;
 * other keys go to the focused field (its error is cleared when it changes).
 * Returns WGT_* flags, 0 when the key is not used.
 */
int wgt_form_key(struct wgt_form *f, const struct ui_key *k);

/*
 * wgt_form_check — check every field (required, then its kind). Sets each
 * item's error_msgid; the focus moves to the first bad field. Returns the
 * number of bad fields (0 = all valid).
 */
int wgt_form_check(struct wgt_form *f);

/* wgt_form_changed — 1 when any field was edited (Esc asks before discarding). */
int wgt_form_changed(const struct wgt_form *f);

/*
 * wgt_form_rows — the grid rows the form needs (one per field, plus one per
 * shown error).
 */
int wgt_form_rows(const struct wgt_form *f);

/*
 * wgt_form_draw — draw the form from (x, y) in w columns and at most h rows:
 * label, field, hint; an error line under a bad field. The focused field
 * gets the grid's cursor.
 */
void wgt_form_draw(const struct wgt_form *f, struct cells *c, int x, int y, int w, int h);

#endif
