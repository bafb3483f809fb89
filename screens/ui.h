/*
 * ui.h — the terminal. screens/ui.c is the single owner of curses (ncursesw):
 * locale, initscr/endwin, the alternate screen, colours (with a no-colour
 * fallback), keys (bytes read with wgetch and decoded from UTF-8 here, so
 * that input in another encoding is reported, not lost), resize (KEY_RESIZE
 * and SIGWINCH), the input timeout that drives the idle lock, wiping the
 * screen and the scrollback (ESC[3J) on lock, suspend and exit, and
 * restoring the terminal on every exit path (atexit, fatal signals). It
 * copies a cell grid (screens/cells.h) to the terminal and never writes
 * screen contents anywhere else (no scr_dump, putwin or similar is ever called).
 *
 * This header does not include curses: widgets and screens see only the key
 * codes below.
 */
#ifndef UI_H
#define UI_H

#include <wchar.h>

struct cells;

/* Key and event codes (what ui_read_key reports). */
enum ui_keycode {
	UI_K_NONE = 0,
	UI_K_CHAR,        /* a character: struct ui_key.ch */
	UI_K_ENTER,
	UI_K_ESC,
	UI_K_TAB,
	UI_K_BTAB,        /* Shift+Tab */
	UI_K_UP,
	UI_K_DOWN,
	UI_K_LEFT,
	UI_K_RIGHT,
	UI_K_HOME,
	UI_K_END,
	UI_K_PGUP,
	UI_K_PGDN,
	UI_K_BACKSPACE,
	UI_K_DELETE,
	UI_K_CTRL_U,      /* clear the field */
	UI_K_F1, UI_K_F2, UI_K_F3, UI_K_F4, UI_K_F5, UI_K_F6,
	UI_K_F7, UI_K_F8, UI_K_F9, UI_K_F10, UI_K_F11, UI_K_F12,
	/* Events, not keys: */
	UI_K_TIMEOUT,     /* no input within the timeout */
	UI_K_RESIZE,      /* the terminal changed size */
	UI_K_SUSPEND,     /* SIGTSTP arrived: lock, then ui_suspend */
	UI_K_QUIT,        /* SIGTERM / SIGHUP / SIGINT: log out and exit */
	UI_K_BADINPUT,    /* the keyboard sent bytes that are not UTF-8 (a terminal set to
	                     EUC-JP or Shift_JIS): they are dropped, the screen says so */
	UI_K_CODE_COUNT_
};

/* UI_K_F(n): the code of function key n (1..12). */
#define UI_K_F(n) (UI_K_F1 + (n) - 1)

/* One key or event. */
struct ui_key {
	int code;         /* enum ui_keycode */
	wchar_t ch;       /* the character for UI_K_CHAR, else 0 */
};

/* Options of ui_init. */
struct ui_opts {
	int no_colour;    /* 1: never use colour (also when $NO_COLOR is set) */
};

/*
 * ui_init — set a UTF-8 locale for the character type (LC_CTYPE from the
 * environment, else C.UTF-8), start curses on the terminal (alternate screen,
 * cbreak, no echo, keypad), colours when the terminal has them, and install
 * the handlers that restore the terminal (atexit; SIGSEGV, SIGBUS, SIGILL,
 * SIGFPE, SIGABRT restore and re-raise; SIGTERM, SIGHUP, SIGINT become
 * UI_K_QUIT; SIGTSTP becomes UI_K_SUSPEND; SIGWINCH becomes UI_K_RESIZE).
 * Returns 0, MG_EUI_TERM (no usable terminal) or MG_EUI_LOCALE (no UTF-8).
 */
int ui_init(const struct ui_opts *o);

/*
 * ui_fini — clear the screen and the scrollback, leave the alternate screen,
 * restore the terminal modes. Idempotent; also run at exit.
 */
void ui_fini(void);

/* ui_active — 1 between ui_init and ui_fini. */
int ui_active(void);

/* ui_size — the terminal size now. OUT: *w, *h. */
void ui_size(int *w, int *h);

/*
 * ui_read_key — wait up to timeout_ms (-1: forever) for a key or an event.
 * OUT: *k. Blocks. Function keys arrive as UI_K_F1..F12; Escape alone as
 * UI_K_ESC (after a short delay to tell it from an escape sequence).
 * Characters are decoded from UTF-8 here (strictly: no overlong forms, no
 * surrogates, nothing above U+10FFFF); once a lead byte has arrived, the
 * rest of its character is awaited at most UI_UTF8_WAIT_MS. Bytes that are
 * not UTF-8 give one UI_K_BADINPUT per broken sequence and are dropped;
 * the byte or key that broke a sequence is kept for the next call, so
 * nothing typed after them is lost.
 */
void ui_read_key(struct ui_key *k, int timeout_ms);

/* How long ui_read_key waits for the rest of a started UTF-8 character. */
#define UI_UTF8_WAIT_MS 250

/*
 * ui_present — copy the grid to the terminal (sizes may differ: the grid is
 * clipped) and place the cursor. The grid is borrowed for the call.
 */
void ui_present(const struct cells *c);

/*
 * ui_wipe — clear the screen and the terminal's scrollback (ESC[3J) now,
 * before anything else is drawn (lock).
 */
void ui_wipe(void);

/*
 * ui_suspend — wipe, leave curses, stop the process (SIGTSTP default
 * action); when continued, re-enter curses. The caller locks first and
 * redraws after. Blocks while stopped.
 */
void ui_suspend(void);

/* ui_beep — an audible hint (invalid key). */
void ui_beep(void);

/* ui_colour — 1 when colours are in use (for tests of the fallback). */
int ui_colour(void);

#endif
