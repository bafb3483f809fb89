/*
 * vcard_serve.h — the emulator process: one card inserted in a vpcd reader,
 * a control socket and signals to pull, insert or swap it without a restart.
 *
 * Control socket (UNIX stream, one command line per connection, one reply
 * line "ok …" or "error …"):
 *   remove        close the vpcd link (pcscd sees the card removed)
 *   insert        reload the current profile from its file and connect
 *   swap NAME     pull the card and insert the profile NAME (a path given to
 *                 serve, its file name, or its file name without extension)
 *   status        "ok inserted=yes|no connected=yes|no profile=PATH …tries…"
 *   pull-at N     answer N-1 more C-APDUs, then pull the card on the N-th:
 *                 the card never processes it (no state change, not
 *                 answered); pull-at 0 cancels
 *   pull-after N  answer N-1 more C-APDUs; the card processes the N-th (its
 *                 state changes, counters reach the profile file) and is
 *                 pulled before the answer goes out; pull-after 0 cancels.
 *                 Either pull leaves the card removed, like `remove`, until
 *                 `insert`; a new pull-at/pull-after replaces a pending one
 * SIGUSR1 toggles remove/insert; SIGTERM and SIGINT end the process cleanly.
 * When pcscd goes away the emulator keeps the card "inserted" and reconnects
 * with a back-off of 20 ms doubling up to 500 ms.
 */
#ifndef VCARD_SERVE_H
#define VCARD_SERVE_H

#include <stddef.h>
#include <stdio.h>

/* What vcard_serve_run needs; every pointer is borrowed for the whole run. */
struct vcard_serve_opts {
	const char *host;              /* vpcd host, "127.0.0.1" */
	int port;                      /* vpcd port of the reader, 35963 */
	const char *ctl_path;          /* control socket path or NULL */
	const char *apdu_log;          /* APDU log file or NULL */
	const char *const *profiles;   /* profile files; the first is inserted */
	size_t nprofiles;              /* at least 1 */
	int start_removed;             /* 1: start with the card pulled */
	FILE *msg;                     /* progress and error messages (stderr) */
};

/*
 * vcard_serve_run — run the emulator until SIGTERM/SIGINT. Every profile is
 * loaded once at start to catch errors early; the inserted one is reloaded
 * from its file on each insert (counters are persisted by the card).
 * Returns 0 after a clean stop, or MG_EINVAL (a profile does not load),
 * MG_EIO (control socket or log cannot be created) or MG_ENOMEM.
 * Blocks; installs a signal mask for SIGTERM, SIGINT, SIGUSR1 and SIGPIPE.
 */
int vcard_serve_run(const struct vcard_serve_opts *o);

/*
 * vcard_serve_ctl — client side: send one command line to a control socket
 * and copy the reply line (without newline) to reply (cap bytes).
 * Returns 0 (reply begins with "ok"), MG_ESTATE (reply begins with "error"),
 * or MG_EIO (cannot connect or no reply within 10 s). Blocks.
 */
int vcard_serve_ctl(const char *path, const char *command, char *reply, size_t cap);

#endif
