/*
 * wgt_dialog.h — a modal box over the screen: information, an error (blocks:
 * the clerk can only go back), an alert (needs an explicit acknowledgement:
 * Enter alone does not dismiss it) or a yes/no question. Each error and
 * alert shows its cause and its remedy. The keys of each kind are a key
 * table, shown at the bottom of the box.
 */
#ifndef WGT_DIALOG_H
#define WGT_DIALOG_H

struct cells;
struct ui_key;
struct wgt_keybar_item;

enum wgt_dialog_kind {
	WGT_DIALOG_INFO,      /* Enter or Esc closes (OK) */
	WGT_DIALOG_ERROR,     /* Enter or Esc closes (OK); the action stays blocked */
	WGT_DIALOG_ALERT,     /* F2 acknowledges (YES), Esc goes back (NO); Enter does nothing */
	WGT_DIALOG_CONFIRM    /* F2 answers YES, Esc NO; other keys do nothing */
};

enum wgt_dialog_answer {
	WGT_ANSWER_NONE,      /* not answered yet */
	WGT_ANSWER_OK,        /* an information or error box was closed */
	WGT_ANSWER_YES,       /* acknowledged / yes */
	WGT_ANSWER_NO         /* went back / no */
};

#define WGT_DIALOG_TEXT 768   /* bytes of cause and of remedy incl. NUL */

struct wgt_dialog {
	int open;                     /* 1 while shown */
	enum wgt_dialog_kind kind;    /* see above */
	const char *title_msgid;      /* title (catalog key) */
	char cause[WGT_DIALOG_TEXT];  /* what happened (UTF-8; sanitised when drawn) */
	char remedy[WGT_DIALOG_TEXT]; /* what to do ("" = none shown) */
	int answer;                   /* enum wgt_dialog_answer once closed */
	int tag;                      /* the opener's number for the question */
};

/*
 * wgt_dialog_open — open with texts from the catalog (remedy_msgid may be
 * NULL). tag is returned untouched in d->tag.
 */
void wgt_dialog_open(struct wgt_dialog *d, enum wgt_dialog_kind kind, const char *title_msgid,
                     const char *cause_msgid, const char *remedy_msgid, int tag);

/*
 * wgt_dialog_open_text — open with texts already formatted (e.g. with
 * i18n_msg_format); copied, cut to WGT_DIALOG_TEXT.
 */
void wgt_dialog_open_text(struct wgt_dialog *d, enum wgt_dialog_kind kind,
                          const char *title_msgid, const char *cause, const char *remedy,
                          int tag);

/*
 * wgt_dialog_open_rc — an error box for a result code: the code's catalog
 * message (which says cause and remedy) and its symbolic name for the help
 * desk.
 */
void wgt_dialog_open_rc(struct wgt_dialog *d, const char *title_msgid, int rc, int tag);

struct check_item;

/*
 * wgt_dialog_open_finding — the box of one workflow finding (error or alert):
 * its catalog text (cause and remedy, dates in 和暦) under title_msgid, with
 * remedy_msgid below (may be NULL). An alert's box needs the explicit
 * acknowledgement key.
 */
void wgt_dialog_open_finding(struct wgt_dialog *d, const struct check_item *it,
                             const char *title_msgid, const char *remedy_msgid, int tag);

/*
 * wgt_dialog_open_commit — after a workflow's commit returned rc (not 0):
 * MG_ERULE opens the "blocked by the checks" box (tag_blocked), any other
 * code the error box of that code (tag_other).
 */
void wgt_dialog_open_commit(struct wgt_dialog *d, int rc, int tag_blocked, int tag_other);

struct check_list;

/*
 * wgt_dialog_ask — before a workflow's commit, its findings l one box at a
 * time: an error opens the "blocked by the checks" box (tag_blocked); else
 * alert number n (0-based, in list order) opens under title_msgid with
 * remedy_msgid (tag_alert), so the clerk acknowledges them one by one
 * (n = 0 on F10, then one more after each acknowledgement). Returns 1 when
 * a box opened, 0 when nothing is left to ask: the caller commits.
 */
int wgt_dialog_ask(struct wgt_dialog *d, const struct check_list *l, int n,
                   const char *title_msgid, const char *remedy_msgid, int tag_alert,
                   int tag_blocked);

/*
 * wgt_dialog_key — answer with a key of the kind's table. Returns
 * WGT_HANDLED | WGT_CLOSED when answered (d->answer set, d->open 0),
 * WGT_HANDLED for any other key (a modal box swallows keys).
 */
int wgt_dialog_key(struct wgt_dialog *d, const struct ui_key *k);

/* wgt_dialog_keys — the key table of the kind (static). */
const struct wgt_keybar_item *wgt_dialog_keys(enum wgt_dialog_kind kind);

/*
 * wgt_dialog_draw — the box centred on the grid (at most 72 columns wide),
 * with title, cause, remedy and the keys; nothing when closed.
 */
void wgt_dialog_draw(const struct wgt_dialog *d, struct cells *c);

#endif
