/*
 * ui.c — the single owner of curses (see ui.h). Nothing else in madoguchi
 * includes curses; nothing here knows what a screen means.
 */
#include "screens/ui.h"

#include "screens/cells.h"

#include "i18n/mg_rc.h"

#include <curses.h>
#include <term.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

/* ESC[3J: erase the terminal's scrollback (xterm and compatibles). */
#define UI_ERASE_SCROLLBACK "\033[3J"

static SCREEN *ui_screen;                 /* the curses screen while active */
static int ui_on;                         /* 1 between ui_init and ui_fini */
static int ui_colours;                    /* 1 when colour pairs are in use */
static int ui_atexit_done;                /* atexit registered once */
static struct termios ui_saved_tio;       /* terminal modes before curses */
static int ui_tio_ok;                     /* ui_saved_tio is valid */
static char ui_reset_seq[512];            /* what a fatal signal writes (async-safe) */
static size_t ui_reset_len;
static volatile sig_atomic_t ui_sig_quit; /* SIGTERM / SIGHUP / SIGINT / SIGQUIT seen */
static volatile sig_atomic_t ui_sig_tstp; /* SIGTSTP seen */
static volatile sig_atomic_t ui_sig_winch;/* SIGWINCH seen */
static struct sigaction ui_old_winch;     /* curses' own SIGWINCH handler (chained) */
static int ui_ahead = ERR;                /* a byte or KEY_ code read but not used yet */

/* Colours and the no-colour look of each role. */
static const struct {
	short fg, bg;      /* colour pair (-1: the terminal's default) */
	attr_t mono;       /* attributes without colour */
} ui_style[CELLS_ROLE_COUNT_] = {
	[CELLS_R_NORMAL]   = { -1, -1, A_NORMAL },
	[CELLS_R_TITLE]    = { COLOR_CYAN, -1, A_BOLD },
	[CELLS_R_STATUS]   = { COLOR_WHITE, COLOR_BLUE, A_REVERSE },
	[CELLS_R_BADGE]    = { COLOR_BLACK, COLOR_YELLOW, A_BOLD | A_UNDERLINE },
	[CELLS_R_KEY]      = { COLOR_BLACK, COLOR_CYAN, A_REVERSE },
	[CELLS_R_KEYLABEL] = { -1, -1, A_NORMAL },
	[CELLS_R_LABEL]    = { -1, -1, A_NORMAL },
	[CELLS_R_FIELD]    = { -1, -1, A_UNDERLINE },
	[CELLS_R_FOCUS]    = { COLOR_BLACK, COLOR_WHITE, A_UNDERLINE | A_BOLD },
	[CELLS_R_SELECT]   = { COLOR_BLACK, COLOR_CYAN, A_REVERSE },
	[CELLS_R_ERROR]    = { COLOR_RED, -1, A_BOLD },
	[CELLS_R_ALERT]    = { COLOR_YELLOW, -1, A_BOLD | A_UNDERLINE },
	[CELLS_R_INFO]     = { COLOR_GREEN, -1, A_NORMAL },
	[CELLS_R_FRAME]    = { -1, -1, A_NORMAL },
	[CELLS_R_DIM]      = { -1, -1, A_DIM },
};

/* Write all of s to the terminal (async-signal-safe). */
static void ui_write(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, s, n);

		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* Append a terminfo string capability (if the terminal has it) to the reset sequence. */
static void reset_add(const char *capname, const char *fallback)
{
	char *v = tigetstr(capname);
	const char *s = (v && v != (char *)-1) ? v : fallback;
	size_t n;

	if (!s)
		return;
	n = strlen(s);
	if (ui_reset_len + n < sizeof ui_reset_seq) {
		memcpy(ui_reset_seq + ui_reset_len, s, n);
		ui_reset_len += n;
	}
}

/* Fatal signal: put the terminal back without curses (async-safe), re-raise. */
static void ui_on_fatal(int sig)
{
	if (ui_on && ui_reset_len)
		ui_write(ui_reset_seq, ui_reset_len);
	if (ui_on && ui_tio_ok)
		tcsetattr(STDIN_FILENO, TCSANOW, &ui_saved_tio);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* SIGTERM, SIGHUP, SIGINT, SIGQUIT: the loop logs out and ends. */
static void ui_on_quit(int sig)
{
	(void)sig;
	ui_sig_quit = 1;
}

/* SIGTSTP: the loop locks first, then suspends (ui_suspend). */
static void ui_on_tstp(int sig)
{
	(void)sig;
	ui_sig_tstp = 1;
}

/* SIGWINCH: remember it and let curses see it too (KEY_RESIZE). */
static void ui_on_winch(int sig)
{
	ui_sig_winch = 1;
	if ((ui_old_winch.sa_flags & SA_SIGINFO) == 0 && ui_old_winch.sa_handler != SIG_DFL &&
	    ui_old_winch.sa_handler != SIG_IGN && ui_old_winch.sa_handler != NULL)
		ui_old_winch.sa_handler(sig);
}

/* Install a handler without SA_RESTART (so a blocked read returns). */
static void on_signal(int sig, void (*fn)(int), int flags, struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = flags;
	sigaction(sig, &sa, old);
}

/* 1 when the character type locale is UTF-8. */
static int utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

/* Set up the colour pairs (pair n+1 for role n). */
static void colours_init(void)
{
	start_color();
	use_default_colors();
	for (int r = 0; r < CELLS_ROLE_COUNT_; r++)
		init_pair((short)(r + 1), ui_style[r].fg, ui_style[r].bg);
	ui_colours = 1;
}

/* 1 when the terminal description has the string capability name. */
static int ui_has_cap(const char *name)
{
	const char *s = tigetstr(name);

	return s && s != (const char *)-1 && *s;
}

/*
 * No XON/XOFF flow control: a Ctrl-S would block the next screen write, and
 * with it the idle lock and logout, leaving a resident's data on the screen
 * until someone pressed Ctrl-Q. ^O (discard) and ^V (literal next) are plain
 * keys too. Saved as the program mode, so a resume after Ctrl-Z keeps it.
 */
static void ui_tio_keys(void)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &t) != 0)
		return;
	t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
#ifdef VDISCARD
	t.c_cc[VDISCARD] = _POSIX_VDISABLE;
#endif
	t.c_cc[VLNEXT] = _POSIX_VDISABLE;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0)
		def_prog_mode();
}

int ui_init(const struct ui_opts *o)
{
	const char *term = getenv("TERM");

	if (ui_on)
		return 0;
	if (!utf8_locale()) {
		setlocale(LC_CTYPE, "");
		if (!utf8_locale())
			setlocale(LC_CTYPE, "C.UTF-8");
		if (!utf8_locale())
			return MG_EUI_LOCALE;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) || !term || !*term)
		return MG_EUI_TERM;
	ui_tio_ok = tcgetattr(STDIN_FILENO, &ui_saved_tio) == 0;
	set_escdelay(60);
	ui_screen = newterm(term, stdout, stdin);
	if (!ui_screen)
		return MG_EUI_TERM;
	set_term(ui_screen);
	/* A terminal that cannot address the cursor or clear (TERM=dumb) would
	 * print every screen as a stream into its scrollback: refused. */
	if (!ui_has_cap("cup") || !ui_has_cap("clear")) {
		endwin();
		delscreen(ui_screen);
		ui_screen = NULL;
		if (ui_tio_ok)
			tcsetattr(STDIN_FILENO, TCSANOW, &ui_saved_tio);
		return MG_EUI_TERM;
	}
	ui_on = 1;
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	ui_tio_keys();
	curs_set(0);
	ui_colours = 0;
	if (!(o && o->no_colour) && !getenv("NO_COLOR") && has_colors())
		colours_init();
	ui_reset_len = 0;
	reset_add("sgr0", "\033[0m");
	reset_add("clear", "\033[H\033[2J");
	reset_add("rmcup", NULL);
	reset_add("cnorm", NULL);
	{
		const char *e3 = UI_ERASE_SCROLLBACK;

		if (ui_reset_len + strlen(e3) < sizeof ui_reset_seq) {
			memcpy(ui_reset_seq + ui_reset_len, e3, strlen(e3));
			ui_reset_len += strlen(e3);
		}
	}
	on_signal(SIGSEGV, ui_on_fatal, SA_RESETHAND, NULL);
	on_signal(SIGBUS, ui_on_fatal, SA_RESETHAND, NULL);
	on_signal(SIGILL, ui_on_fatal, SA_RESETHAND, NULL);
	on_signal(SIGFPE, ui_on_fatal, SA_RESETHAND, NULL);
	on_signal(SIGABRT, ui_on_fatal, SA_RESETHAND, NULL);
	on_signal(SIGTERM, ui_on_quit, 0, NULL);
	on_signal(SIGHUP, ui_on_quit, 0, NULL);
	on_signal(SIGINT, ui_on_quit, 0, NULL);
	on_signal(SIGQUIT, ui_on_quit, 0, NULL);
	on_signal(SIGTSTP, ui_on_tstp, 0, NULL);
	on_signal(SIGWINCH, ui_on_winch, 0, &ui_old_winch);
	if (!ui_atexit_done) {
		atexit(ui_fini);
		ui_atexit_done = 1;
	}
	ui_sig_quit = ui_sig_tstp = ui_sig_winch = 0;
	ui_ahead = ERR;
	return 0;
}

int ui_active(void)
{
	return ui_on;
}

int ui_colour(void)
{
	return ui_colours;
}

void ui_wipe(void)
{
	if (!ui_on)
		return;
	clear();
	refresh();
	ui_write(UI_ERASE_SCROLLBACK, strlen(UI_ERASE_SCROLLBACK));
}

void ui_fini(void)
{
	if (!ui_on)
		return;
	curs_set(1);
	clear();
	refresh();
	endwin();
	ui_write(UI_ERASE_SCROLLBACK, strlen(UI_ERASE_SCROLLBACK));
	delscreen(ui_screen);
	ui_screen = NULL;
	ui_on = 0;
	ui_ahead = ERR;
	on_signal(SIGTSTP, SIG_DFL, 0, NULL);
	on_signal(SIGWINCH, SIG_DFL, 0, NULL);
}

void ui_size(int *w, int *h)
{
	int y = 0, x = 0;

	if (ui_on)
		getmaxyx(stdscr, y, x);
	*w = x;
	*h = y;
}

/* Follow a SIGWINCH that curses did not turn into KEY_RESIZE. */
static void resize_from_tty(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0 &&
	    (ws.ws_row != LINES || ws.ws_col != COLS))
		resizeterm(ws.ws_row, ws.ws_col);
}

/* Map a curses function-key code to a ui key code. */
static int map_keycode(wint_t c)
{
	if (c >= (wint_t)KEY_F(1) && c <= (wint_t)KEY_F(12))
		return UI_K_F1 + (int)(c - (wint_t)KEY_F(1));
	switch (c) {
	case KEY_RESIZE: return UI_K_RESIZE;
	case KEY_UP: return UI_K_UP;
	case KEY_DOWN: return UI_K_DOWN;
	case KEY_LEFT: return UI_K_LEFT;
	case KEY_RIGHT: return UI_K_RIGHT;
	case KEY_HOME: return UI_K_HOME;
	case KEY_END: return UI_K_END;
	case KEY_PPAGE: return UI_K_PGUP;
	case KEY_NPAGE: return UI_K_PGDN;
	case KEY_BACKSPACE: return UI_K_BACKSPACE;
	case KEY_DC: return UI_K_DELETE;
	case KEY_BTAB: return UI_K_BTAB;
	case KEY_ENTER: return UI_K_ENTER;
	default: return UI_K_NONE;
	}
}

/* Map a typed character to a ui key. */
static void map_char(wint_t c, struct ui_key *k)
{
	switch (c) {
	case L'\r':
	case L'\n':
		k->code = UI_K_ENTER;
		return;
	case L'\t':
		k->code = UI_K_TAB;
		return;
	case 27:
		k->code = UI_K_ESC;
		return;
	case 8:
	case 127:
		k->code = UI_K_BACKSPACE;
		return;
	case 21:
		k->code = UI_K_CTRL_U;
		return;
	default:
		break;
	}
	if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
		k->code = UI_K_NONE;
		return;
	}
	k->code = UI_K_CHAR;
	k->ch = (wchar_t)c;
}

/* A pending signal as an event, or 0. */
static int pending_event(void)
{
	if (ui_sig_quit)
		return UI_K_QUIT;
	if (ui_sig_tstp) {
		ui_sig_tstp = 0;
		return UI_K_SUSPEND;
	}
	if (ui_sig_winch) {
		ui_sig_winch = 0;
		resize_from_tty();
		return UI_K_RESIZE;
	}
	return 0;
}

/*
 * The next input: the value kept from the last call, else wgetch within
 * timeout_ms. A byte (0..255; 8 bits: the tty is CS8 and ncurses passes
 * them through), a KEY_ code (keypad: function keys, KEY_RESIZE) or ERR.
 */
static int next_input(int timeout_ms)
{
	int c = ui_ahead;

	if (c != ERR) {
		ui_ahead = ERR;
		return c;
	}
	timeout(timeout_ms);
	return wgetch(stdscr);
}

/*
 * How many continuation bytes follow UTF-8 lead byte b (0: not a lead), and
 * the range of the first one (RFC 3629: excludes overlong forms, the
 * surrogates and code points above U+10FFFF).
 */
static int utf8_lead(int b, int *lo, int *hi)
{
	*lo = 0x80;
	*hi = 0xbf;
	if (b >= 0xc2 && b <= 0xdf)
		return 1;
	if (b >= 0xe0 && b <= 0xef) {
		if (b == 0xe0)
			*lo = 0xa0;
		else if (b == 0xed)
			*hi = 0x9f;
		return 2;
	}
	if (b >= 0xf0 && b <= 0xf4) {
		if (b == 0xf0)
			*lo = 0x90;
		else if (b == 0xf4)
			*hi = 0x8f;
		return 3;
	}
	return 0;
}

/*
 * Decode the character whose first byte (>= 0x80) is lead, reading the rest.
 * Returns 1 with *wc, or 0: not UTF-8 (the sequence is dropped; a byte or
 * key that cannot continue it is kept for the next read).
 */
static int read_utf8(int lead, wchar_t *wc)
{
	int lo, hi, need = utf8_lead(lead, &lo, &hi);
	unsigned long v;

	if (need == 0)
		return 0;
	v = (unsigned long)lead & (0x3fUL >> need);
	while (need-- > 0) {
		int b = next_input(UI_UTF8_WAIT_MS);

		if (b == ERR)
			return 0;
		if (b < lo || b > hi) {
			ui_ahead = b;
			return 0;
		}
		v = (v << 6) | ((unsigned long)b & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*wc = (wchar_t)v;
	return 1;
}

/*
 * Keys are read as bytes and decoded here, not with get_wch: ncurses 6.4's
 * wget_wch, after a byte that cannot start UTF-8, keeps appending the
 * following bytes to the same invalid buffer until a key code or the
 * timeout, and then returns ERR: the bad bytes and every character typed
 * after them in the same burst were lost without a word (rv5 L5).
 */
void ui_read_key(struct ui_key *k, int timeout_ms)
{
	wchar_t wc = 0;
	int c, ev;

	k->code = UI_K_TIMEOUT;
	k->ch = 0;
	if (!ui_on) {
		k->code = UI_K_QUIT;
		return;
	}
	if ((ev = pending_event()) != 0) {
		k->code = ev;
		return;
	}
	c = next_input(timeout_ms);
	if (c == ERR) {
		if ((ev = pending_event()) != 0)
			k->code = ev;
		return;
	}
	if (c >= KEY_MIN) {
		k->code = map_keycode((wint_t)c);
		if (k->code == UI_K_RESIZE)
			ui_sig_winch = 0;
		return;
	}
	if (c < 0x80) {
		map_char((wint_t)c, k);
		return;
	}
	if (!read_utf8(c, &wc)) {
		k->code = UI_K_BADINPUT;
		return;
	}
	map_char((wint_t)wc, k);
}

/* The curses attributes and pair of a cell attribute. */
static void cell_style(unsigned short a, attr_t *attr, short *pair)
{
	int role = CELLS_ROLE(a);
	attr_t x = 0;

	if (role < 0 || role >= CELLS_ROLE_COUNT_)
		role = CELLS_R_NORMAL;
	if (a & CELLS_BOLD)
		x |= A_BOLD;
	if (a & CELLS_UNDERLINE)
		x |= A_UNDERLINE;
	if (ui_colours) {
		*pair = (short)(role + 1);
		if ((a & CELLS_REVERSE) && ui_style[role].bg == -1)
			x |= A_REVERSE;
		if (role == CELLS_R_DIM)
			x |= A_DIM;
	} else {
		*pair = 0;
		x |= ui_style[role].mono;
		if ((a & CELLS_REVERSE) && role != CELLS_R_BADGE)
			x |= A_REVERSE;
	}
	*attr = x;
}

void ui_present(const struct cells *c)
{
	int h, w;

	if (!ui_on)
		return;
	getmaxyx(stdscr, h, w);
	if (c->h < h)
		h = c->h;
	if (c->w < w)
		w = c->w;
	erase();
	for (int y = 0; y < h; y++) {
		for (int x = 0; x < w; x++) {
			const struct cells_cell *p = &c->c[(size_t)y * (size_t)c->w + (size_t)x];
			wchar_t wcs[CELLS_CLUSTER_MAX + 1];
			cchar_t cc;
			attr_t attr;
			short pair;

			if (p->width == 0)
				continue;
			if (p->width == 2 && x + 1 >= w)
				break;
			memcpy(wcs, p->wc, sizeof p->wc);
			wcs[CELLS_CLUSTER_MAX] = 0;
			if (wcs[0] == 0)
				wcs[0] = L' ';
			cell_style(p->attr, &attr, &pair);
			if (setcchar(&cc, wcs, attr, pair, NULL) == OK)
				mvadd_wch(y, x, &cc);
		}
	}
	if (c->cur_visible && c->cur_x < w && c->cur_y < h) {
		move(c->cur_y, c->cur_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

void ui_suspend(void)
{
	sigset_t set;

	if (!ui_on)
		return;
	ui_wipe();
	endwin();
	ui_write(UI_ERASE_SCROLLBACK, strlen(UI_ERASE_SCROLLBACK));
	on_signal(SIGTSTP, SIG_DFL, 0, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGTSTP);
	/* Continued. */
	on_signal(SIGTSTP, ui_on_tstp, 0, NULL);
	ui_sig_tstp = 0;
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	resize_from_tty();
}

void ui_beep(void)
{
	if (ui_on)
		beep();
}
