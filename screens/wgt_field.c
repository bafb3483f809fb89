/*
 * wgt_field.c — one-line text input (see wgt_field.h).
 */
#include "screens/wgt_field.h"

#include "screens/cells.h"
#include "screens/ui.h"
#include "screens/wgt.h"

#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/i18n_wareki.h"
#include "i18n/mg_rc.h"

#include <string.h>

/* 1 when a typed character may go into a field. */
static int printable(wchar_t ch)
{
	unsigned long v = (unsigned long)ch;

	return v >= 0x20 && v != 0x7f && !(v >= 0x80 && v < 0xa0) &&
	       !(v >= 0x202a && v <= 0x202e) && !(v >= 0x2066 && v <= 0x2069) &&
	       !(v >= 0xd800 && v <= 0xdfff) && v <= 0x10ffff;
}

/* Zero the bytes after the value (deleted text must not linger). */
static void wipe_tail(struct wgt_field *f)
{
	explicit_bzero(f->text + f->len, sizeof f->text - f->len);
}

void wgt_field_init(struct wgt_field *f, enum wgt_field_kind kind, size_t max_bytes)
{
	explicit_bzero(f, sizeof *f);
	f->kind = kind;
	f->max_bytes = (max_bytes == 0 || max_bytes >= WGT_FIELD_CAP) ? WGT_FIELD_CAP - 1 : max_bytes;
}

void wgt_field_clear(struct wgt_field *f)
{
	f->len = 0;
	f->cur = 0;
	wipe_tail(f);
	explicit_bzero(f->digits, sizeof f->digits);
	f->day = 0;
}

void wgt_field_wipe(struct wgt_field *f)
{
	wgt_field_clear(f);
	f->changed = 0;
}

const char *wgt_field_value(const struct wgt_field *f)
{
	return f->text;
}

int wgt_field_set(struct wgt_field *f, const char *s)
{
	size_t n = 0;

	wgt_field_clear(f);
	if (!s)
		return 0;
	for (; *s; s++) {
		unsigned char b = (unsigned char)*s;

		if (b < 0x20 || b == 0x7f)
			continue;
		if (n >= f->max_bytes) {
			wgt_field_clear(f);
			return MG_ETOOLONG;
		}
		f->text[n++] = (char)b;
	}
	f->len = n;
	f->cur = n;
	wipe_tail(f);
	return 0;
}

/* The length of the editing unit at byte pos: a grapheme cluster, or for a
 * masked field one character (its bytes are never handed to other code).
 * OUT: *w its columns. Returns 0 at the end. */
static size_t unit(const struct wgt_field *f, size_t pos, int *w)
{
	const unsigned char *u = (const unsigned char *)f->text + pos;
	size_t n = 1;

	if (f->kind != WGT_FIELD_MASKED)
		return cells_next_cluster(f->text + pos, w);
	*w = 1;
	if (pos >= f->len)
		return 0;
	while (pos + n < f->len && (u[n] & 0xc0) == 0x80)
		n++;
	return n;
}

/* The cluster boundary just before byte offset pos (0 at the start). */
static size_t prev_boundary(const struct wgt_field *f, size_t pos)
{
	size_t b = 0, n;
	int w;

	while (b < f->len) {
		n = unit(f, b, &w);
		if (n == 0 || b + n >= pos)
			break;
		b += n;
	}
	return b;
}

/* The cluster boundary after the cluster at pos (len at the end). */
static size_t next_boundary(const struct wgt_field *f, size_t pos)
{
	int w;
	size_t n;

	if (pos >= f->len)
		return f->len;
	n = unit(f, pos, &w);
	return n == 0 ? f->len : pos + n;
}

/* The first cluster boundary at or after pos. */
static size_t snap(const struct wgt_field *f, size_t pos)
{
	size_t b = 0, n;
	int w;

	while (b < pos && b < f->len) {
		n = unit(f, b, &w);
		if (n == 0)
			return f->len;
		b += n;
	}
	return b > f->len ? f->len : b;
}

/* Remove bytes [a, b) and put the cursor at a. */
static void cut(struct wgt_field *f, size_t a, size_t b)
{
	if (b <= a)
		return;
	memmove(f->text + a, f->text + b, f->len - b);
	f->len -= b - a;
	f->cur = a;
	wipe_tail(f);
}

/* Insert a typed character at the cursor; 1 when inserted. */
static int insert(struct wgt_field *f, wchar_t ch)
{
	char u[4];
	int n;

	if (!printable(ch))
		return 0;
	n = cells_utf8_encode(ch, u);
	if (n <= 0 || f->len + (size_t)n > f->max_bytes)
		return 0;
	memmove(f->text + f->cur + n, f->text + f->cur, f->len - f->cur);
	memcpy(f->text + f->cur, u, (size_t)n);
	f->len += (size_t)n;
	f->text[f->len] = 0;
	f->cur = snap(f, f->cur + (size_t)n);
	explicit_bzero(u, sizeof u);
	return 1;
}

int wgt_field_key(struct wgt_field *f, const struct ui_key *k)
{
	size_t old_len = f->len;

	switch (k->code) {
	case UI_K_CHAR:
		if (!insert(f, k->ch))
			return WGT_HANDLED;
		break;
	case UI_K_LEFT:
		f->cur = f->cur > 0 ? prev_boundary(f, f->cur) : 0;
		return WGT_HANDLED;
	case UI_K_RIGHT:
		f->cur = next_boundary(f, f->cur);
		return WGT_HANDLED;
	case UI_K_HOME:
		f->cur = 0;
		return WGT_HANDLED;
	case UI_K_END:
		f->cur = f->len;
		return WGT_HANDLED;
	case UI_K_BACKSPACE:
		if (f->cur == 0)
			return WGT_HANDLED;
		cut(f, prev_boundary(f, f->cur), f->cur);
		break;
	case UI_K_DELETE:
		if (f->cur >= f->len)
			return WGT_HANDLED;
		cut(f, f->cur, next_boundary(f, f->cur));
		break;
	case UI_K_CTRL_U:
		if (f->len == 0)
			return WGT_HANDLED;
		wgt_field_clear(f);
		break;
	default:
		return 0;
	}
	if (f->len == old_len && k->code == UI_K_CHAR)
		return WGT_HANDLED;
	f->changed = 1;
	return WGT_HANDLED | WGT_CHANGED;
}

int wgt_field_check(struct wgt_field *f, const char **msgid)
{
	int rc = 0;

	if (msgid)
		*msgid = NULL;
	if (f->len == 0)
		return 0;
	switch (f->kind) {
	case WGT_FIELD_DATE:
		rc = i18n_wareki_parse(f->text, &f->day);
		if (rc != 0) {
			if (msgid)
				*msgid = MSG("ui_field_bad_date");
			return rc == MG_EDATE ? MG_EDATE : MG_EINVAL;
		}
		break;
	case WGT_FIELD_DIGITS:
		rc = i18n_text_digits(f->text, f->digits, sizeof f->digits);
		if (rc < 0) {
			explicit_bzero(f->digits, sizeof f->digits);
			if (msgid)
				*msgid = MSG("ui_field_bad_digits");
			return MG_EINVAL;
		}
		break;
	default:
		break;
	}
	return 0;
}

/* Columns of the clusters of f in [a, b); masked clusters count 1. */
static int span_width(const struct wgt_field *f, size_t a, size_t b)
{
	int cols = 0, w;
	size_t n;

	while (a < b) {
		n = unit(f, a, &w);
		if (n == 0)
			break;
		cols += f->kind == WGT_FIELD_MASKED ? (w > 0) : w;
		a += n;
	}
	return cols;
}

void wgt_field_draw(const struct wgt_field *f, struct cells *c, int x, int y, int w,
                    int focused)
{
	int attr = focused ? (CELLS_R_FOCUS | CELLS_UNDERLINE) : (CELLS_R_FIELD | CELLS_UNDERLINE);
	size_t first = 0, n;
	int cw, col = 0, curcol;

	if (w <= 0)
		return;
	cells_fill(c, x, y, w, 1, attr);
	/* Scroll: the first shown cluster leaves the cursor inside the view. */
	while (first < f->cur && span_width(f, first, f->cur) > w - 1) {
		n = unit(f, first, &cw);
		if (n == 0)
			break;
		first += n;
	}
	curcol = span_width(f, first, f->cur);
	if (f->kind == WGT_FIELD_MASKED) {
		size_t p = first;

		while (p < f->len && col < w) {
			n = unit(f, p, &cw);
			if (n == 0)
				break;
			if (cw > 0)
				cells_text(c, x + col++, y, 1, "*", attr, 0);
			p += n;
		}
	} else {
		cells_text(c, x, y, w, f->text + first, attr, 0);
	}
	if (focused)
		cells_cursor(c, x + (curcol < w ? curcol : w - 1), y);
}
