/*
 * cells.h — the screen in memory: a grid of cells (a grapheme cluster as wide
 * characters + an attribute). Widgets and screens draw into a grid with the
 * pure functions below; only screens/ui.c copies a grid to the terminal
 * (STYLE.md "The terminal"), so unit tests assert exactly what is shown.
 *
 * Every string drawn passes i18n_text_sanitize first, and the grid refuses
 * control characters on its own as well: no escape sequence can reach the
 * terminal through a cell. Widths come from i18n/i18n_width.h: a cluster of
 * width 2 occupies its cell and a continuation cell on its right.
 */
#ifndef CELLS_H
#define CELLS_H

#include <stddef.h>
#include <wchar.h>

#define CELLS_CLUSTER_MAX 5   /* wide chars kept per cell (ncurses CCHARW_MAX) */
#define CELLS_TEXT_MAX 2048   /* bytes of one string drawn (longer text is cut) */
#define CELLS_MIN_W 80        /* the smallest supported terminal */
#define CELLS_MIN_H 24

/* What a cell shows; ui maps a role to a colour pair or, without colour, to
 * bold/reverse/underline. Stored in the low byte of an attribute. */
enum cells_role {
	CELLS_R_NORMAL,    /* body text */
	CELLS_R_TITLE,     /* screen title */
	CELLS_R_STATUS,    /* status bar */
	CELLS_R_BADGE,     /* status bar badge (demo, capture) */
	CELLS_R_KEY,       /* key name in the key bar */
	CELLS_R_KEYLABEL,  /* key label in the key bar */
	CELLS_R_LABEL,     /* form label */
	CELLS_R_FIELD,     /* input field */
	CELLS_R_FOCUS,     /* the focused input field */
	CELLS_R_SELECT,    /* selected list row */
	CELLS_R_ERROR,     /* error text / error dialog */
	CELLS_R_ALERT,     /* alert (warning) text / dialog */
	CELLS_R_INFO,      /* information dialog */
	CELLS_R_FRAME,     /* dialog frame */
	CELLS_R_DIM,       /* secondary text */
	CELLS_ROLE_COUNT_
};

/* Attribute flags added to a role. */
#define CELLS_BOLD      0x100
#define CELLS_REVERSE   0x200
#define CELLS_UNDERLINE 0x400
#define CELLS_ROLE(attr) ((enum cells_role)((attr) & 0xff))

/* One cell. A blank is L' ' of width 1. */
struct cells_cell {
	wchar_t wc[CELLS_CLUSTER_MAX]; /* the cluster; NUL-terminated when shorter */
	unsigned short attr;           /* role | flags */
	unsigned char width;           /* 1 or 2; 0 = right half of the wide cell on the left */
};

/* A grid. */
struct cells {
	int w, h;                 /* columns, rows */
	struct cells_cell *c;     /* w*h cells, row-major (owned) */
	int cur_x, cur_y;         /* where the terminal cursor goes */
	int cur_visible;          /* 1 to show the cursor */
};

/* Flags of cells_text. */
#define CELLS_ELLIPSIS 1      /* a cut string ends in "…" */
#define CELLS_PAD      2      /* fill the rest of maxw with blanks of attr */

/*
 * cells_new — a w×h grid of blanks (w, h >= 1). Returns new (cells_free) or
 * NULL when out of memory.
 */
struct cells *cells_new(int w, int h);

/* cells_free — free a grid. Accepts NULL. */
void cells_free(struct cells *c);

/* cells_resize — change the size and clear. Returns 0 or MG_ENOMEM (grid unchanged). */
int cells_resize(struct cells *c, int w, int h);

/* cells_clear — every cell blank with CELLS_R_NORMAL; cursor hidden. */
void cells_clear(struct cells *c);

/* cells_fill — blank the rectangle (clipped to the grid) with attribute attr. */
void cells_fill(struct cells *c, int x, int y, int w, int h, int attr);

/*
 * cells_text — draw UTF-8 text at (x, y) in at most maxw columns (clipped to
 * the grid). The text is sanitised, then cut at a grapheme boundary when too
 * wide (flags CELLS_ELLIPSIS: "…" in the last column). A wide cluster never
 * straddles the right edge; overwriting half of a wide cell blanks the other
 * half. s may be NULL (nothing). Returns the columns drawn (without padding).
 */
int cells_text(struct cells *c, int x, int y, int maxw, const char *s, int attr, int flags);

/* cells_width — display columns of s after sanitising (what cells_text would need). */
int cells_width(const char *s);

/*
 * cells_wrap — draw s wrapped into lines of w columns from (x, y), at most
 * maxlines lines; breaks between any two clusters (Japanese), preferring a
 * space for Latin text; '\n' in s (before sanitising) starts a new line.
 * c may be NULL to only count. Returns the lines the whole text needs.
 */
int cells_wrap(struct cells *c, int x, int y, int w, int maxlines, const char *s, int attr);

/* cells_box — an ASCII frame ('+', '-', '|') around the rectangle, inside blanked. */
void cells_box(struct cells *c, int x, int y, int w, int h, int attr);

/* cells_hline — a row of '-' from (x, y), w columns. */
void cells_hline(struct cells *c, int x, int y, int w, int attr);

/* cells_cursor — show the terminal cursor at (x, y) (hidden when outside). */
void cells_cursor(struct cells *c, int x, int y);

/* cells_at — the cell at (x, y), or NULL outside the grid. Borrowed. */
const struct cells_cell *cells_at(const struct cells *c, int x, int y);

/*
 * cells_row — the UTF-8 text of row y as shown (continuation cells skipped,
 * trailing blanks removed), cap bytes incl. NUL. Returns the length, or -1
 * for a bad row. For tests and for checks such as "no name on screen".
 */
int cells_row(const struct cells *c, int y, char *out, size_t cap);

/*
 * cells_find — 1 when needle (UTF-8) appears in a row; OUT (may be NULL): the
 * column and row of the first match. Matches inside one row only.
 */
int cells_find(const struct cells *c, const char *needle, int *x, int *y);

/*
 * cells_next_cluster — the byte length of the grapheme cluster at the start
 * of s (a sanitised UTF-8 string) and OUT: *width its columns (0 for a lone
 * zero-width character). Returns 0 at the end of s. Used by the input field
 * to move by grapheme.
 */
size_t cells_next_cluster(const char *s, int *width);

/*
 * cells_utf8_encode — append wide char wc as UTF-8 to out (4 bytes room
 * needed). Returns the bytes written (0 for an invalid code point).
 */
int cells_utf8_encode(wchar_t wc, char *out);

#endif
