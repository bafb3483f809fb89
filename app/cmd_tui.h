/*
 * cmd_tui.h — starting an interactive program (the counter, the kiosk).
 */
#ifndef CMD_TUI_H
#define CMD_TUI_H

#include "app/cmd.h"

struct scr_ops;

/*
 * cmd_tui_start — harden the process, load the configuration, apply the
 * guard (terminal, capture tools), open the registry, send stderr to the log
 * file, run the screens from `first` until the program ends, and restore
 * everything. name is the subcommand (usage text); after_ui (may be NULL)
 * runs once the terminal is set up (the kiosk ignores job-control keys).
 * Returns the exit code. Blocks until the operator quits.
 */
int cmd_tui_start(struct cmd_env *env, int argc, char **argv, const char *name,
                  const struct scr_ops *first, void (*after_ui)(void));

#endif
