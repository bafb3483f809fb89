/*
 * cmd.h — subcommands of bin/madoguchi.
 *
 * Each app/cmd_<name>.c defines `int cmd_<name>_main(struct cmd_env *, int, char **)`
 * and is listed automatically (scripts/gen-commands.sh): `madoguchi <name> …`,
 * with '_' in the file name written '-' on the command line. argv[0] is the
 * subcommand name; options are parsed with getopt_long and cmd_common_opt.
 * Exit codes: 0 success, 1 failure (a message was printed), 2 usage.
 */
#ifndef CMD_H
#define CMD_H

#include <getopt.h>
#include <stdio.h>

/* Options every subcommand accepts (also before the subcommand name). */
struct cmd_env {
	const char *db_path;      /* --db PATH */
	const char *cs_path;      /* --cs PATH: the CS exchange file */
	const char *config_path;  /* --config PATH */
	const char *terminal;     /* --terminal ID */
	const char *reader;       /* --reader NAME */
	const char *lang;         /* --lang ja|en (NULL: from the locale) */
	const char *today;        /* --today YYYY-MM-DD (test and demo databases only) */
	int kiosk;                /* --kiosk */
	FILE *out;                /* normal output (stdout) */
	FILE *err;                /* messages (stderr) */
};

struct cmd_def {
	const char *name;       /* subcommand as typed */
	const char *help_msgid; /* one-line help, catalog key cmd_<name>_help */
	int (*main)(struct cmd_env *env, int argc, char **argv);
};

/* The generated table, ended by a NULL name. */
extern const struct cmd_def gen_commands[];

/* The getopt values of the common options (CMD_COMMON_OPTS). */
#define CMD_COMMON_FIRST 0x1001
#define CMD_COMMON_LAST 0x1008

/* Long options shared by all subcommands; append to a getopt_long table. */
#define CMD_COMMON_OPTS \
	{ "db", required_argument, NULL, 0x1001 }, \
	{ "cs", required_argument, NULL, 0x1002 }, \
	{ "config", required_argument, NULL, 0x1003 }, \
	{ "terminal", required_argument, NULL, 0x1004 }, \
	{ "reader", required_argument, NULL, 0x1005 }, \
	{ "lang", required_argument, NULL, 0x1006 }, \
	{ "today", required_argument, NULL, 0x1007 }, \
	{ "kiosk", no_argument, NULL, 0x1008 }

/*
 * cmd_common_opt — apply a common option returned by getopt_long.
 * Returns 1 when c was a common option (and applied), 0 when it is not,
 * or MG_EINVAL (message printed) for a bad --lang or --terminal value or
 * a common option with a value given twice (before or after the subcommand).
 */
int cmd_common_opt(struct cmd_env *env, int c, const char *arg);

/* The options one parse has seen (cmd_getopt); start it zeroed. */
struct cmd_getopt_state {
	int seen[24];
	int n;
};

/*
 * cmd_getopt — getopt_long (opterr off) for bin/madoguchi. shortopts as
 * getopt_long's, a leading '+' kept; opts the long table. An option missing
 * its value, and an option of this subcommand given a value twice (unless
 * its val is listed in repeatable, 0-terminated, may be NULL), print their
 * message to env->err and return '?', as an unknown option does (its
 * message printed too). Repeated common options are left to cmd_common_opt.
 * Returns what getopt_long returns.
 */
int cmd_getopt(struct cmd_env *env, struct cmd_getopt_state *st, int argc, char **argv,
               const char *shortopts, const struct option *opts, const int *repeatable);

/*
 * cmd_msg — print a catalog message with string arguments to f, then '\n'.
 * Text from outside (names, addresses) must be passed through the i18n
 * sanitiser by the caller before it reaches a terminal.
 */
void cmd_msg(FILE *f, const char *key, int nargs, const char *const *args);

/* cmd_err — print "madoguchi: <message of rc>" to env->err; returns 1. */
int cmd_err(struct cmd_env *env, int rc);

/* cmd_usage — print the subcommand's usage (catalog key cmd_<name>_usage); returns 2. */
int cmd_usage(struct cmd_env *env, const char *name);

/* cmd_help — the same usage asked for (SUBCOMMAND --help): to env->out, returns 0. */
int cmd_help(struct cmd_env *env, const char *name);

/*
 * cmd_config_lang — after a command loaded its configuration: its `lang`
 * (may be "" or NULL) becomes the message language unless --lang chose one.
 */
void cmd_config_lang(const struct cmd_env *env, const char *lang);

/* cmd_need — MG_EUSAGE with a message when a required option is missing. */
int cmd_need(struct cmd_env *env, const char *value, const char *option);

#endif
