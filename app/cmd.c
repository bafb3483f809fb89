/* cmd.c — shared option handling and message output for subcommands. */
#include "app/cmd.h"
#include "app/auth.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <string.h>

/* The option's name as typed ("--db"), from the long table. */
static void cmd_opt_name(const struct option *opts, int c, const char *fallback, char *out,
                         size_t cap)
{
	for (const struct option *o = opts; o && o->name; o++)
		if (o->val == c && !o->flag) {
			snprintf(out, cap, "--%s", o->name);
			return;
		}
	if (c > 0 && c < 0x80 && c != '?' && c != ':')
		snprintf(out, cap, "-%c", c);
	else
		snprintf(out, cap, "%s", fallback ? fallback : "");
}

/* Print that an option was given twice; returns MG_EINVAL. */
static int cmd_twice(struct cmd_env *env, const char *name)
{
	const char *a[1] = { name };

	cmd_msg(env->err, MSG("cli_option_twice"), 1, a);
	return MG_EINVAL;
}

/* Set a common option's value once. */
static int cmd_once(struct cmd_env *env, const char **slot, const char *arg, const char *name)
{
	if (*slot)
		return cmd_twice(env, name);
	*slot = arg;
	return 1;
}

int cmd_common_opt(struct cmd_env *env, int c, const char *arg)
{
	switch (c) {
	case 0x1001: return cmd_once(env, &env->db_path, arg, "--db");
	case 0x1002: return cmd_once(env, &env->cs_path, arg, "--cs");
	case 0x1003: return cmd_once(env, &env->config_path, arg, "--config");
	case 0x1004:
		if (env->terminal)
			return cmd_twice(env, "--terminal");
		/* The id goes into every operation-log row: the same rule as the
		 * configuration's terminal_id (no escapes, no size surprises). */
		if (!auth_id_valid(arg)) {
			cmd_msg(env->err, MSG("cli_bad_terminal"), 0, NULL);
			return MG_EINVAL;
		}
		env->terminal = arg;
		return 1;
	case 0x1005: return cmd_once(env, &env->reader, arg, "--reader");
	case 0x1006:
		if (env->lang)
			return cmd_twice(env, "--lang");
		if (!i18n_msg_choose_lang(arg)) {
			const char *a[1] = { arg };

			cmd_msg(env->err, MSG("cli_bad_lang"), 1, a);
			return MG_EINVAL;
		}
		env->lang = arg;
		i18n_msg_init(arg);
		return 1;
	case 0x1007: return cmd_once(env, &env->today, arg, "--today");
	case 0x1008: env->kiosk = 1; return 1;
	default: return 0;
	}
}

int cmd_getopt(struct cmd_env *env, struct cmd_getopt_state *st, int argc, char **argv,
               const char *shortopts, const struct option *opts, const int *repeatable)
{
	char spec[64], name[64];
	int plus = shortopts[0] == '+';
	int c;

	/* A leading ':' (after '+') makes a missing value ':' instead of '?'. */
	snprintf(spec, sizeof spec, "%s:%s", plus ? "+" : "", shortopts + plus);
	opterr = 0;
	c = getopt_long(argc, argv, spec, opts, NULL);
	if (c == ':') {
		const char *a[1] = { name };

		cmd_opt_name(opts, optopt, argv[optind - 1], name, sizeof name);
		cmd_msg(env->err, MSG("cli_option_needs_value"), 1, a);
		return '?';
	}
	if (c == '?') {
		const char *a[1] = { argv[optind - 1] };

		cmd_msg(env->err, MSG("cli_bad_option"), 1, a);
		return c;
	}
	if (c == -1 || !optarg || (c >= CMD_COMMON_FIRST && c <= CMD_COMMON_LAST))
		return c;
	for (const int *r = repeatable; r && *r; r++)
		if (*r == c)
			return c;
	for (int i = 0; i < st->n; i++)
		if (st->seen[i] == c) {
			cmd_opt_name(opts, c, NULL, name, sizeof name);
			cmd_twice(env, name);
			return '?';
		}
	if (st->n < (int)(sizeof st->seen / sizeof st->seen[0]))
		st->seen[st->n++] = c;
	return c;
}

void cmd_msg(FILE *f, const char *key, int nargs, const char *const *args)
{
	char buf[2048];

	if (i18n_msg_format(buf, sizeof buf, key, nargs, args) < 0)
		fputs(key, f);
	else
		fputs(buf, f);
	fputc('\n', f);
}

int cmd_err(struct cmd_env *env, int rc)
{
	const char *a[1] = { i18n_msg(mg_rc_msgid(rc)) };

	cmd_msg(env->err, MSG("cli_error"), 1, a);
	return 1;
}

/* Print the subcommand's usage (catalog key cmd_<name>_usage) to f. */
static void cmd_usage_to(FILE *f, const char *name)
{
	char key[64];

	snprintf(key, sizeof key, "cmd_%s_usage", name);
	for (char *p = key; *p; p++)
		if (*p == '-')
			*p = '_';
	fputs(i18n_msg(key), f);
	fputc('\n', f);
}

int cmd_usage(struct cmd_env *env, const char *name)
{
	cmd_usage_to(env->err, name);
	return 2;
}

int cmd_help(struct cmd_env *env, const char *name)
{
	cmd_usage_to(env->out, name);
	return 0;
}

void cmd_config_lang(const struct cmd_env *env, const char *lang)
{
	if (!env->lang && lang && lang[0])
		i18n_msg_init(lang);
}

int cmd_need(struct cmd_env *env, const char *value, const char *option)
{
	const char *a[1] = { option };

	if (value && *value)
		return 0;
	cmd_msg(env->err, MSG("cli_missing_option"), 1, a);
	return MG_EUSAGE;
}
