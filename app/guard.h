/*
 * guard.h — process hardening for the interactive counter program (issue 5).
 *
 * Start of the interactive program (app/cmd_tui.c), in this order:
 *   guard_harden();                        core dumps off, not dumpable/ptraceable
 *   guard_probe_collect(&p);               what we run under (tty, $TMUX, $STY, ancestors)
 *   guard_decide(&p, cfg->allow_capture, &capture, &tool);   refuse or allow
 *   guard_set_capture(capture);            remembered for session_login / the status bar
 *   … open the DB, load the municipality …
 *   guard_stderr_begin(log path);          while the screen is up
 *   … run the UI …
 *   guard_stderr_end();
 * session_login logs AUDIT_CAPTURE_ALLOWED (with the tool's name) when the
 * capture flag is set, and copies it into struct session.capture_allowed.
 * The decision functions are pure so tests inject environments and
 * ancestor names instead of really running under tmux.
 */
#ifndef GUARD_H
#define GUARD_H

#include <stddef.h>

#define GUARD_MAX_ANCESTORS 16
#define GUARD_NAME_MAX 32

/* What the process runs under (collected, or made up by a test). */
struct guard_probe {
	int stdin_tty;                     /* 1 when stdin is a terminal */
	int stdout_tty;                    /* 1 when stdout is a terminal */
	int in_tmux;                       /* 1 when $TMUX is set and non-empty */
	int in_screen;                     /* 1 when $STY is set and non-empty */
	char ancestors[GUARD_MAX_ANCESTORS][GUARD_NAME_MAX]; /* parent, grandparent, … process names */
	int n_ancestors;                   /* entries used */
};

/*
 * guard_harden — RLIMIT_CORE 0 (soft and hard) and PR_SET_DUMPABLE 0 (no
 * core dump, no ptrace attach by the same user). Returns 0 or MG_EGUARD_CORE.
 */
int guard_harden(void);

/*
 * guard_probe_collect — fill *p for this process: isatty(0/1), $TMUX, $STY
 * and the names (/proc/PID/comm) of up to GUARD_MAX_ANCESTORS ancestors.
 */
void guard_probe_collect(struct guard_probe *p);

/*
 * guard_capture_tool — the recorder/multiplexer found in p, or NULL: "tmux"
 * for $TMUX, "screen" for $STY, else the first ancestor whose name is a
 * known recorder or multiplexer (script, asciinema, ttyrec, termrec,
 * tlog-rec, tmux, tmate, screen, byobu, zellij, dtach, abduco, ttyd, gotty,
 * tty-share, upterm, vhs …; compared case-insensitively, up to a ':' or
 * space as in "tmux: server"). Returns a static string or a pointer into p.
 */
const char *guard_capture_tool(const struct guard_probe *p);

/*
 * guard_decide — may the interactive program run? Not when stdin or stdout
 * is not a terminal (MG_EGUARD_TTY); not under a capture tool unless
 * allow_capture (MG_EGUARD_CAPTURE). OUT: *capture = 1 when a capture tool
 * was found and allowed, else 0 (may be NULL); *tool = its name or NULL (may
 * be NULL; borrowed from p or static). Returns 0, MG_EGUARD_TTY or
 * MG_EGUARD_CAPTURE. Pure.
 */
int guard_decide(const struct guard_probe *p, int allow_capture, int *capture,
                 const char **tool);

/*
 * guard_set_capture / guard_capture_allowed / guard_capture_tool_name — the
 * process-wide "running under an allowed capture tool" mark (0 at start).
 * tool is copied (NULL allowed). guard_capture_tool_name returns "" when none.
 */
void guard_set_capture(int allowed, const char *tool);
int guard_capture_allowed(void);
const char *guard_capture_tool_name(void);

/*
 * guard_stderr_begin — redirect fd 2 to the log file path (created 0600,
 * appended, close-on-exec) while the screen is up, keeping the old stderr
 * for guard_stderr_end. Returns 0, MG_ESTATE (already redirected) or
 * MG_EGUARD_LOG (cannot open).
 */
int guard_stderr_begin(const char *path);

/* guard_stderr_end — put the original stderr back (no-op when not redirected). */
void guard_stderr_end(void);

#endif
