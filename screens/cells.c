/*
 * cells.c — the screen in memory (see cells.h). Pure functions: no terminal,
 * no globals.
 */
#include "screens/cells.h"

#include "i18n/i18n_text.h"
#include "i18n/i18n_width.h"
#include "i18n/mg_rc.h"

#include <stdlib.h>
#include <string.h>

/* 1 for a code point that must never reach a terminal cell. */
static int is_control(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

/* Decode one UTF-8 character of s (at most n bytes); OUT: *cp. Returns the
 * bytes used (1 with U+FFFD for a bad sequence, 0 at the end). */
static size_t utf8_decode(const char *s, size_t n, unsigned long *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len, i;
	unsigned long v;

	if (n == 0 || u[0] == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0) {
		len = 2;
		v = u[0] & 0x1f;
	} else if ((u[0] & 0xf0) == 0xe0) {
		len = 3;
		v = u[0] & 0x0f;
	} else if ((u[0] & 0xf8) == 0xf0) {
		len = 4;
		v = u[0] & 0x07;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	if (len > n) {
		*cp = 0xfffd;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		v = (v << 6) | (u[i] & 0x3f);
	}
	if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff) ||
	    (len == 2 && v < 0x80) || (len == 3 && v < 0x800) || (len == 4 && v < 0x10000))
		v = 0xfffd;
	*cp = v;
	return len;
}

int cells_utf8_encode(wchar_t wc, char *out)
{
	unsigned long v = (unsigned long)wc;

	if (v < 0x80) {
		out[0] = (char)v;
		return 1;
	}
	if (v < 0x800) {
		out[0] = (char)(0xc0 | (v >> 6));
		out[1] = (char)(0x80 | (v & 0x3f));
		return 2;
	}
	if ((v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff)
		return 0;
	if (v < 0x10000) {
		out[0] = (char)(0xe0 | (v >> 12));
		out[1] = (char)(0x80 | ((v >> 6) & 0x3f));
		out[2] = (char)(0x80 | (v & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (v >> 18));
	out[1] = (char)(0x80 | ((v >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((v >> 6) & 0x3f));
	out[3] = (char)(0x80 | (v & 0x3f));
	return 4;
}

/* Make a cell blank with attribute attr. */
static void blank(struct cells_cell *cell, int attr)
{
	memset(cell->wc, 0, sizeof cell->wc);
	cell->wc[0] = L' ';
	cell->attr = (unsigned short)attr;
	cell->width = 1;
}

struct cells *cells_new(int w, int h)
{
	struct cells *c;

	if (w < 1 || h < 1)
		return NULL;
	c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->c = calloc((size_t)w * (size_t)h, sizeof *c->c);
	if (!c->c) {
		free(c);
		return NULL;
	}
	c->w = w;
	c->h = h;
	cells_clear(c);
	return c;
}

void cells_free(struct cells *c)
{
	if (!c)
		return;
	free(c->c);
	free(c);
}

int cells_resize(struct cells *c, int w, int h)
{
	struct cells_cell *n;

	if (w < 1 || h < 1)
		return MG_EINVAL;
	n = calloc((size_t)w * (size_t)h, sizeof *n);
	if (!n)
		return MG_ENOMEM;
	free(c->c);
	c->c = n;
	c->w = w;
	c->h = h;
	cells_clear(c);
	return 0;
}

void cells_clear(struct cells *c)
{
	for (int i = 0; i < c->w * c->h; i++)
		blank(&c->c[i], CELLS_R_NORMAL);
	c->cur_x = c->cur_y = 0;
	c->cur_visible = 0;
}

/* The cell at (x, y); the caller has checked the bounds. */
static struct cells_cell *at(struct cells *c, int x, int y)
{
	return &c->c[(size_t)y * (size_t)c->w + (size_t)x];
}

const struct cells_cell *cells_at(const struct cells *c, int x, int y)
{
	if (!c || x < 0 || y < 0 || x >= c->w || y >= c->h)
		return NULL;
	return &c->c[(size_t)y * (size_t)c->w + (size_t)x];
}

/* Before cells [x, x+n) of row y are overwritten, blank the halves of wide
 * cells that stick out of the range. */
static void unsplit(struct cells *c, int x, int y, int n)
{
	struct cells_cell *p;

	if (x > 0 && at(c, x, y)->width == 0) {
		p = at(c, x - 1, y);
		blank(p, p->attr);
	}
	if (x + n < c->w && at(c, x + n, y)->width == 0) {
		p = at(c, x + n, y);
		blank(p, p->attr);
	}
}

void cells_fill(struct cells *c, int x, int y, int w, int h, int attr)
{
	if (x < 0) {
		w += x;
		x = 0;
	}
	if (y < 0) {
		h += y;
		y = 0;
	}
	if (x + w > c->w)
		w = c->w - x;
	if (y + h > c->h)
		h = c->h - y;
	if (w <= 0 || h <= 0)
		return;
	for (int r = y; r < y + h; r++) {
		unsplit(c, x, r, w);
		for (int i = x; i < x + w; i++)
			blank(at(c, i, r), attr);
	}
}

size_t cells_next_cluster(const char *s, int *width)
{
	char buf[256];
	unsigned long cp;
	size_t n, len = strlen(s);
	int cols, w;

	*width = 0;
	if (len == 0)
		return 0;
	/* Fast path: printable ASCII followed by ASCII (or the end) is one column. */
	if ((unsigned char)s[0] >= 0x20 && (unsigned char)s[0] < 0x7f &&
	    (unsigned char)s[1] < 0x80) {
		*width = 1;
		return 1;
	}
	for (cols = 1; cols <= 2; cols++) {
		w = i18n_width_truncate(s, cols, 0, buf, sizeof buf);
		n = strlen(buf);
		if (n > 0 && n <= len && memcmp(buf, s, n) == 0) {
			*width = w < 0 ? 1 : w;
			return n;
		}
	}
	/* Not measurable as a cluster: one character alone. */
	n = utf8_decode(s, len, &cp);
	memcpy(buf, s, n);
	buf[n] = 0;
	w = i18n_width_of(buf);
	*width = w < 0 ? 1 : (w > 2 ? 2 : w);
	return n;
}

/* Put one cluster (UTF-8, n bytes) of the given width at (x, y): returns 1 if
 * placed. Control characters are dropped; an empty cluster is not placed. */
static int put_cluster(struct cells *c, int x, int y, const char *s, size_t n,
                       int width, int attr)
{
	wchar_t wc[CELLS_CLUSTER_MAX];
	unsigned long cp;
	size_t i = 0, k, m = 0;
	struct cells_cell *p;

	memset(wc, 0, sizeof wc);
	while (i < n && (k = utf8_decode(s + i, n - i, &cp)) > 0) {
		i += k;
		if (is_control(cp))
			continue;
		if (m < CELLS_CLUSTER_MAX)
			wc[m++] = (wchar_t)cp;
	}
	if (m == 0 || width < 1 || width > 2 || x + width > c->w)
		return 0;
	unsplit(c, x, y, width);
	p = at(c, x, y);
	memcpy(p->wc, wc, sizeof wc);
	p->attr = (unsigned short)attr;
	p->width = (unsigned char)width;
	if (width == 2) {
		p = at(c, x + 1, y);
		memset(p->wc, 0, sizeof p->wc);
		p->attr = (unsigned short)attr;
		p->width = 0;
	}
	return 1;
}

/* Add the characters of a zero-width cluster to the cell at (x, y). */
static void attach(struct cells *c, int x, int y, const char *s, size_t n)
{
	struct cells_cell *p = at(c, x, y);
	unsigned long cp;
	size_t i = 0, k, m = 0;

	while (m < CELLS_CLUSTER_MAX && p->wc[m])
		m++;
	while (i < n && (k = utf8_decode(s + i, n - i, &cp)) > 0) {
		i += k;
		if (!is_control(cp) && m < CELLS_CLUSTER_MAX)
			p->wc[m++] = (wchar_t)cp;
	}
}

/* Draw sanitised, already fitting text p from (x, y) within maxw columns. */
static int put_run(struct cells *c, int x, int y, int maxw, const char *p, int attr)
{
	int used = 0, w, last = -1;
	size_t n;

	while ((n = cells_next_cluster(p, &w)) > 0) {
		if (w == 0) {
			if (last >= 0)
				attach(c, last, y, p, n);
		} else {
			if (used + w > maxw)
				break;
			if (put_cluster(c, x + used, y, p, n, w, attr)) {
				last = x + used;
				used += w;
			}
		}
		p += n;
	}
	return used;
}

int cells_text(struct cells *c, int x, int y, int maxw, const char *s, int attr, int flags)
{
	char clean[CELLS_TEXT_MAX], cut[CELLS_TEXT_MAX];
	const char *p = clean;
	int used = 0;

	if (!c || y < 0 || y >= c->h || x < 0 || x >= c->w || maxw <= 0)
		return 0;
	if (x + maxw > c->w)
		maxw = c->w - x;
	if (s) {
		i18n_text_sanitize(s, clean, sizeof clean);
		if (i18n_width_of(clean) > maxw) {
			i18n_width_truncate(clean, maxw, (flags & CELLS_ELLIPSIS) != 0, cut, sizeof cut);
			p = cut;
		}
		used = put_run(c, x, y, maxw, p, attr);
	}
	if ((flags & CELLS_PAD) && used < maxw)
		cells_fill(c, x + used, y, maxw - used, 1, attr);
	return used;
}

int cells_width(const char *s)
{
	char clean[CELLS_TEXT_MAX];

	if (!s)
		return 0;
	i18n_text_sanitize(s, clean, sizeof clean);
	return i18n_width_of(clean);
}

/* 1 when the cluster is a space (ASCII or U+3000). */
static int is_space(const char *p, size_t n)
{
	return (n == 1 && p[0] == ' ') || (n == 3 && memcmp(p, "\xe3\x80\x80", 3) == 0);
}

/* Wrap one sanitised paragraph; draws when c is set. Returns the lines used
 * (at least 1); *line is the next line number relative to the start. */
static int wrap_para(struct cells *c, int x, int y, int w, int maxlines, const char *s,
                     int attr, int *line)
{
	char buf[CELLS_TEXT_MAX];
	const char *start = s, *p = s, *brk = NULL;
	int used = 0, cw, lines = 0;
	size_t n;

	for (;;) {
		n = cells_next_cluster(p, &cw);
		if (n > 0 && (used + cw <= w || used == 0)) {
			if (is_space(p, n) && used > 0)
				brk = p + n;
			used += cw;
			p += n;
			continue;
		}
		/* End of the paragraph or a full line: emit [start, end). */
		{
			const char *end = p;

			if (n > 0 && brk && (unsigned char)*p < 0x80 && *p != ' ' &&
			    (unsigned char)brk[-1] == ' ')
				end = brk;           /* break a Latin word at its space */
			if (c && *line < maxlines) {
				size_t len = (size_t)(end - start);

				if (len >= sizeof buf)
					len = sizeof buf - 1;
				memcpy(buf, start, len);
				buf[len] = 0;
				put_run(c, x, y + *line, w, buf, attr);
			}
			(*line)++;
			lines++;
			if (n == 0 && end == p)
				break;
			p = end;
			while (*p == ' ')
				p++;
			if (!*p)
				break;
			start = p;
			used = 0;
			brk = NULL;
		}
	}
	return lines;
}

int cells_wrap(struct cells *c, int x, int y, int w, int maxlines, const char *s, int attr)
{
	char para[CELLS_TEXT_MAX], clean[CELLS_TEXT_MAX];
	int line = 0;
	const char *p = s, *nl;

	if (!s || w <= 0)
		return 0;
	if (c && (x < 0 || x + w > c->w))
		return 0;
	if (c && y + maxlines > c->h)
		maxlines = c->h - y;
	for (;;) {
		size_t len;

		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if (len >= sizeof para)
			len = sizeof para - 1;
		memcpy(para, p, len);
		para[len] = 0;
		i18n_text_sanitize(para, clean, sizeof clean);
		if (clean[0])
			wrap_para(c, x, y, w, maxlines, clean, attr, &line);
		else
			line++;
		if (!nl)
			break;
		p = nl + 1;
	}
	return line;
}

/* Put one ASCII character at (x, y) when inside the grid. */
static void put_ascii(struct cells *c, int x, int y, char ch, int attr)
{
	if (x < 0 || y < 0 || x >= c->w || y >= c->h)
		return;
	put_cluster(c, x, y, &ch, 1, 1, attr);
}

void cells_hline(struct cells *c, int x, int y, int w, int attr)
{
	for (int i = 0; i < w; i++)
		put_ascii(c, x + i, y, '-', attr);
}

void cells_box(struct cells *c, int x, int y, int w, int h, int attr)
{
	if (w < 2 || h < 2)
		return;
	cells_fill(c, x, y, w, h, attr);
	cells_hline(c, x + 1, y, w - 2, attr);
	cells_hline(c, x + 1, y + h - 1, w - 2, attr);
	for (int r = y + 1; r < y + h - 1; r++) {
		put_ascii(c, x, r, '|', attr);
		put_ascii(c, x + w - 1, r, '|', attr);
	}
	put_ascii(c, x, y, '+', attr);
	put_ascii(c, x + w - 1, y, '+', attr);
	put_ascii(c, x, y + h - 1, '+', attr);
	put_ascii(c, x + w - 1, y + h - 1, '+', attr);
}

void cells_cursor(struct cells *c, int x, int y)
{
	c->cur_x = x;
	c->cur_y = y;
	c->cur_visible = x >= 0 && y >= 0 && x < c->w && y < c->h;
}

/* Row y as UTF-8 into out (cap incl. NUL); OUT: cols[i] = column of byte i
 * (may be NULL). Returns the length without trailing blanks. */
static int row_text(const struct cells *c, int y, char *out, size_t cap, int *cols)
{
	size_t len = 0, keep = 0;
	char u[4];

	for (int x = 0; x < c->w; x++) {
		const struct cells_cell *p = &c->c[(size_t)y * (size_t)c->w + (size_t)x];

		if (p->width == 0)
			continue;
		for (int k = 0; k < CELLS_CLUSTER_MAX && p->wc[k]; k++) {
			int n = cells_utf8_encode(p->wc[k], u);

			if (len + (size_t)n + 1 > cap)
				goto done;
			if (cols)
				for (int j = 0; j < n; j++)
					cols[len + (size_t)j] = x;
			memcpy(out + len, u, (size_t)n);
			len += (size_t)n;
		}
		if (!(p->wc[0] == L' ' && p->wc[1] == 0))
			keep = len;
	}
done:
	out[keep] = 0;
	return (int)keep;
}

int cells_row(const struct cells *c, int y, char *out, size_t cap)
{
	if (!c || y < 0 || y >= c->h || cap == 0)
		return -1;
	return row_text(c, y, out, cap, NULL);
}

int cells_find(const struct cells *c, const char *needle, int *x, int *y)
{
	size_t cap = (size_t)c->w * CELLS_CLUSTER_MAX * 4 + 1;
	char *row = malloc(cap);
	int *cols = malloc(cap * sizeof *cols);
	int found = 0;

	if (!row || !cols || !needle || !*needle)
		goto out;
	for (int r = 0; r < c->h && !found; r++) {
		const char *m;

		row_text(c, r, row, cap, cols);
		m = strstr(row, needle);
		if (m) {
			found = 1;
			if (x)
				*x = cols[m - row];
			if (y)
				*y = r;
		}
	}
out:
	free(row);
	free(cols);
	return found;
}
