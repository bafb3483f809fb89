/*
 * wgt_status.h — the status bar (top row): municipality, terminal, operator,
 * clock, and badges for demo/test mode and for a screen capture allowed by
 * the administrator. Badges and the clock always show; the names are
 * shortened (with "…") when the row is too narrow.
 */
#ifndef WGT_STATUS_H
#define WGT_STATUS_H

struct cells;

struct wgt_status_info {
	const char *muni_name;     /* 市区町村名 ("" when unknown) */
	const char *terminal;      /* terminal id ("" = none) */
	const char *operator_name; /* display name of the operator (NULL = not logged in) */
	const char *clock;         /* "HH:MM" */
	int demo;                  /* 1: demo mode badge */
	int test;                  /* 1: test mode badge */
	int capture;               /* 1: capture-allowed badge */
	int locked;                /* 1: the operator is hidden (lock page) */
};

/* wgt_status_draw — the bar on row y, full width. Strings are sanitised. */
void wgt_status_draw(const struct wgt_status_info *s, struct cells *c, int y);

#endif
