/*
 * cmd_kiosk.c — `madoguchi kiosk` (and `madoguchi --kiosk`): the
 * resident-facing kiosk (screens/scr_kiosk.h). The same
 * start as the counter program (app/cmd_tui.c: harden, configuration,
 * refuse a non-terminal or an unallowed capture tool, open the registry,
 * stderr to the log file), then the terminal's job-control and quit keys
 * are ignored — Ctrl-C (SIGINT), Ctrl-\ (SIGQUIT) and Ctrl-Z (SIGTSTP) do
 * nothing — so only an administrator's password (F11) ends the kiosk.
 * SIGTERM and SIGHUP still end it cleanly (the machine's own shutdown).
 */
#include "app/cmd.h"
#include "app/cmd_tui.h"
#include "screens/scr_kiosk.h"

#include <signal.h>
#include <string.h>

/* Ignore the keys that would interrupt, quit or stop the program. */
static void kiosk_ignore_keys(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
}

int cmd_kiosk_main(struct cmd_env *env, int argc, char **argv);
int cmd_kiosk_main(struct cmd_env *env, int argc, char **argv)
{
	return cmd_tui_start(env, argc, argv, "kiosk", &scr_kiosk, kiosk_ignore_keys);
}
