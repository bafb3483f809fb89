/*
 * wgt_field.h — a one-line text input: UTF-8 kept as typed, the cursor moves
 * by grapheme cluster, the view scrolls by display width. Kinds: plain text,
 * masked (passwords, PINs: one '*' per character, value wiped on every
 * path), date (和暦 or western, checked with i18n_wareki_parse) and digits
 * (full-width digits, spaces and hyphens allowed, i18n_text_digits).
 */
#ifndef WGT_FIELD_H
#define WGT_FIELD_H

#include <stddef.h>

#include "i18n/i18n_date.h"

struct cells;
struct ui_key;

#define WGT_FIELD_CAP 512   /* bytes of a value incl. NUL: an address (DB_ADDR_CAP) */

enum wgt_field_kind {
	WGT_FIELD_TEXT,     /* any printable text */
	WGT_FIELD_MASKED,   /* shown as '*', wiped with explicit_bzero */
	WGT_FIELD_DATE,     /* a calendar date in any form i18n_wareki_parse accepts */
	WGT_FIELD_DIGITS    /* digits (full-width allowed), spaces and hyphens */
};

struct wgt_field {
	char text[WGT_FIELD_CAP];   /* the value, UTF-8, NUL-terminated */
	size_t len;                 /* bytes used in text */
	size_t cur;                 /* cursor: byte offset, always at a cluster boundary */
	size_t max_bytes;           /* longest value accepted (< WGT_FIELD_CAP) */
	enum wgt_field_kind kind;   /* see above */
	int changed;                /* 1 once edited by a key (Esc asks before discarding) */
	i18n_day day;               /* date fields: the parsed date after a valid check */
	char digits[WGT_FIELD_CAP]; /* digit fields: the ASCII digits after a valid check */
};

/*
 * wgt_field_init — an empty field of a kind; max_bytes 0 or too large means
 * WGT_FIELD_CAP - 1. f is wiped first.
 */
void wgt_field_init(struct wgt_field *f, enum wgt_field_kind kind, size_t max_bytes);

/*
 * wgt_field_set — replace the value (cursor at the end, not marked changed).
 * Control characters are dropped. Returns 0 or MG_ETOOLONG (value cleared).
 */
int wgt_field_set(struct wgt_field *f, const char *s);

/* wgt_field_value — the value (borrowed: valid until the next edit or wipe). */
const char *wgt_field_value(const struct wgt_field *f);

/* wgt_field_clear — empty the field, wiping the old bytes. */
void wgt_field_clear(struct wgt_field *f);

/* wgt_field_wipe — explicit_bzero of the whole field (secrets; before leaving a screen). */
void wgt_field_wipe(struct wgt_field *f);

/*
 * wgt_field_key — edit with a key: a character is inserted at the cursor;
 * Left/Right/Home/End move by cluster; Backspace/Delete remove one cluster;
 * Ctrl+U clears. Returns WGT_HANDLED (| WGT_CHANGED when the value changed),
 * or 0 for a key the field does not use (Tab, Enter, F-keys…). A character
 * that does not fit is refused (WGT_HANDLED alone).
 */
int wgt_field_key(struct wgt_field *f, const struct ui_key *k);

/*
 * wgt_field_check — validate the value for its kind: dates with
 * i18n_wareki_parse (sets f->day), digits with i18n_text_digits (sets
 * f->digits). An empty value is accepted here (the form checks "required").
 * OUT: *msgid (may be NULL): catalog key of the problem. Returns 0, MG_EDATE
 * or MG_EINVAL.
 */
int wgt_field_check(struct wgt_field *f, const char **msgid);

/*
 * wgt_field_draw — draw the field in w columns at (x, y): the visible part
 * of the value (scrolled so the cursor shows), '*' per cluster when masked;
 * when focused, the grid's cursor is placed at the insertion point.
 */
void wgt_field_draw(const struct wgt_field *f, struct cells *c, int x, int y, int w,
                    int focused);

#endif
