/*
 * scr.h — the screen stack and the one loop that decides what to redraw.
 *
 * Each screens/scr_<name>.c exports one `const struct scr_ops scr_<name>`;
 * its handlers are static. A key handler returns SCR_* flags; scr_key
 * applies them (push, close, lock, logout, quit) and says whether to
 * redraw. scr_draw lays the whole frame out into a cell grid: status bar,
 * title, the top screen's body, the key bar generated from the screen's key
 * table (plus the global keys), and any modal box. Nothing here touches the
 * terminal except scr_run, which moves keys and grids through screens/ui.h.
 *
 * Privacy (issue 6): after idle_lock_seconds without a key, or at once with
 * F12 (離席), the session locks: the frame shows only the neutral lock page
 * (nothing of the stack is drawn) and the terminal's screen and scrollback
 * are wiped; the stack's state is kept and redrawn only after the operator's
 * password unlocks it. After idle_logout_seconds the operator is logged out
 * and every screen above login is left (their leave handlers wipe unsaved
 * input).
 */
#ifndef SCR_H
#define SCR_H

#include <stddef.h>

#include "app/session.h"
#include "screens/wgt_dialog.h"

struct app_ctx;
struct cells;
struct config;
struct ui_key;
struct wgt_keybar_item;

/* Flags returned by key and tick handlers. */
#define SCR_HANDLED 0x01   /* the key was used */
#define SCR_REDRAW  0x02   /* the frame must be drawn again */
#define SCR_CLOSE   0x04   /* leave this screen (back to the one below) */
#define SCR_PUSH    0x08   /* open app->push_ops (set by the handler) on top */
#define SCR_LOCK    0x10   /* lock the session now */
#define SCR_LOGOUT  0x20   /* end the session: back to the login page (with app->notice_msgid) */
#define SCR_QUIT    0x40   /* end the program */

#define SCR_STACK_MAX 8

struct scr_app;
struct scr;

/* A screen's table. */
struct scr_ops {
	const char *name;                       /* short ASCII name ("login") for tests */
	const char *title_msgid;                /* the title row (catalog key) */
	const struct wgt_keybar_item *keys;     /* the key table (bar, help, dispatch) */
	int needs_session;                      /* 1: only while logged in */
	/* enter — set up s->st (new); returns 0 or a code (the screen is not shown). */
	int (*enter)(struct scr_app *app, struct scr *s);
	/* key — handle a key; returns SCR_* flags. */
	int (*key)(struct scr_app *app, struct scr *s, const struct ui_key *k);
	/* tick — once a second (may be NULL); returns SCR_* flags. */
	int (*tick)(struct scr_app *app, struct scr *s);
	/* draw — lay out the body: rows top..top+rows-1 of the grid. */
	void (*draw)(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows);
	/* leave — wipe secrets and unsaved input, free s->st. */
	void (*leave)(struct scr_app *app, struct scr *s);
};

/* A screen on the stack. */
struct scr {
	const struct scr_ops *ops;   /* its table (static) */
	void *st;                    /* its state (owned by the screen: enter/leave) */
	const void *arg;             /* the argument its opener gave (borrowed) */
};

/* The running program. */
struct scr_app {
	struct app_ctx *ctx;            /* borrowed; ctx->sess points at sess while logged in */
	const struct config *cfg;       /* borrowed, never NULL (defaults) */
	struct session sess;            /* the operator (valid while logged_in) */
	int logged_in;                  /* 1 after a successful login */
	int locked;                     /* 1 while the lock page is up */
	int capture;                    /* 1: running under an allowed capture tool (badge) */
	long long now;                  /* monotonic seconds (scr_tick) */
	long long last_input;           /* monotonic seconds of the last key */
	long long wall;                 /* unix time for the clock */
	struct scr stack[SCR_STACK_MAX];/* the screens, [0] at the bottom */
	int depth;                      /* screens on the stack */
	struct scr lock;                /* the lock page while locked */
	const struct scr_ops *push_ops; /* the screen a handler asks to open (SCR_PUSH) */
	const void *push_arg;           /* its argument */
	struct wgt_dialog dialog;       /* the program's own box (errors, not available) */
	int help_open;                  /* 1 while the key help is shown */
	int quit;                       /* 1: scr_run ends */
	int wipe;                       /* 1: the terminal must be wiped before the next frame */
	int badinput;                   /* 1: the title row says the keyboard input is not UTF-8
	                                   (UI_K_BADINPUT) until a key that is not a character */
	const char *notice_msgid;       /* one message for the login page (e.g. idle logout) */
	const struct scr_ops *home;     /* the first screen (login), opened again after logout */
	int small;                      /* 1: the last frame was too small to show screens */
};

/*
 * scr_app_init — an idle program over ctx (borrowed) and cfg (borrowed;
 * NULL: the built-in defaults). Call scr_start next.
 */
void scr_app_init(struct scr_app *app, struct app_ctx *ctx, const struct config *cfg);

/*
 * scr_start — open the first screen (the login page). now: monotonic
 * seconds, wall: unix time. Returns 0 or the screen's enter code.
 */
int scr_start(struct scr_app *app, const struct scr_ops *first, long long now, long long wall);

/* scr_app_fini — log out if logged in and leave every screen. */
void scr_app_fini(struct scr_app *app);

/*
 * scr_push — open a screen on top. Returns 0, MG_EUI_STACK (too deep) or the
 * screen's enter code (not opened).
 */
int scr_push(struct scr_app *app, const struct scr_ops *ops, const void *arg);

/* scr_pop — leave the top screen. */
void scr_pop(struct scr_app *app);

/* scr_top — the top screen, or NULL. Borrowed. */
struct scr *scr_top(struct scr_app *app);

/*
 * scr_key — a key (or a ui event) arrives: the modal box, the help, the lock
 * page or the top screen gets it; F1 (help) and F12 (離席) are global. Marks
 * input activity. Returns 1 when the frame must be redrawn.
 */
int scr_key(struct scr_app *app, const struct ui_key *k);

/*
 * scr_tick — time passes: now (monotonic seconds), wall (unix time). Locks
 * after idle_lock_seconds and logs out after idle_logout_seconds of no input
 * (config); runs the screens' tick handlers. Returns 1 when the frame must
 * be redrawn.
 */
int scr_tick(struct scr_app *app, long long now, long long wall);

/*
 * scr_draw — lay the whole frame out into c (any size; below 80×24 only a
 * "terminal too small" page). Pure apart from the screens' own state.
 */
void scr_draw(struct scr_app *app, struct cells *c);

/*
 * scr_login_done — a screen reports a successful session_login: copies *s
 * into the program (and wipes *s), points ctx->sess at it. Returns 0.
 */
int scr_login_done(struct scr_app *app, struct session *s);

/* scr_lock_now — lock the session (no-op when not logged in or already locked). */
void scr_lock_now(struct scr_app *app);

/*
 * scr_logout — end the session: leave every screen that needs one (their
 * leave handlers discard unsaved input), session_logout, and show the login
 * page with notice_msgid (may be NULL).
 */
void scr_logout(struct scr_app *app, const char *notice_msgid);

/*
 * scr_message — open the program's modal box with catalog texts (kind as
 * wgt_dialog_open).
 */
void scr_message(struct scr_app *app, enum wgt_dialog_kind kind, const char *title_msgid,
                 const char *cause_msgid, const char *remedy_msgid);

/*
 * scr_idle_lock_seconds / scr_idle_logout_seconds — the configured idle
 * times (defaults 60 and 600 when there is no config; 0 = never).
 */
int scr_idle_lock_seconds(const struct scr_app *app);
int scr_idle_logout_seconds(const struct scr_app *app);

struct wgt_lines;

/*
 * scr_lines_key — a page's scrolling lines take k (wgt_lines_key): returns
 * SCR_HANDLED, with SCR_REDRAW when they moved, or 0 when k is not theirs.
 */
int scr_lines_key(struct wgt_lines *l, const struct ui_key *k);

/*
 * scr_run — the interactive loop on the terminal (screens/ui.h must be
 * initialised): read keys with a one-second timeout, tick, draw what
 * changed, wipe on lock, lock before a suspend. Returns when the program
 * ends (quit, or the last screen closed). Blocks.
 */
int scr_run(struct scr_app *app);

#endif
