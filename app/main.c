/*
 * main.c — bin/madoguchi: global options, then a subcommand from the
 * generated table, or the interactive counter program when none is named.
 */
#include "app/cmd.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Print the list of subcommands with their one-line help. */
static int main_help(struct cmd_env *env)
{
	fputs(i18n_msg(MSG("cli_usage")), env->out);
	fputc('\n', env->out);
	for (const struct cmd_def *c = gen_commands; c->name; c++)
		fprintf(env->out, "  %-12s %s\n", c->name, i18n_msg(c->help_msgid));
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		CMD_COMMON_OPTS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_env env = { .out = stdout, .err = stderr };
	struct cmd_getopt_state gs = { { 0 }, 0 };
	int c, r;

	setlocale(LC_ALL, "");
	if (i18n_msg_init(NULL) != 0) {
		fputs("madoguchi: cannot load the message catalog (ICU)\n", stderr);
		return 1;
	}
	/* Global options end at the first non-option (the subcommand). */
	while ((c = cmd_getopt(&env, &gs, argc, argv, "+h", opts, NULL)) != -1) {
		if (c == 'h')
			return main_help(&env);
		r = cmd_common_opt(&env, c, optarg);
		if (r <= 0)
			return 2;   /* explained by cmd_getopt or cmd_common_opt */
	}
	if (optind >= argc)
		r = -1;
	else
		r = 0;
	if (r < 0) {
		/* The interactive program: the counter ("tui"), or with --kiosk the kiosk. */
		const char *name = env.kiosk ? "kiosk" : "tui";

		for (const struct cmd_def *d = gen_commands; d->name; d++)
			if (strcmp(d->name, name) == 0) {
				char *targv[] = { (char *)(uintptr_t)name, NULL };

				optind = 1;
				return d->main(&env, 1, targv);
			}
		return main_help(&env);
	}
	if (env.kiosk) {
		/* --kiosk starts the kiosk; it does not combine with a subcommand. */
		cmd_msg(env.err, MSG("cli_kiosk_no_subcommand"), 0, NULL);
		return 2;
	}
	for (const struct cmd_def *d = gen_commands; d->name; d++) {
		if (strcmp(d->name, argv[optind]) == 0) {
			int sub_argc = argc - optind;
			char **sub_argv = argv + optind;

			/* SUBCOMMAND --help alone asks for its usage: not an error. */
			if (sub_argc == 2 && (strcmp(sub_argv[1], "--help") == 0 ||
			                      strcmp(sub_argv[1], "-h") == 0))
				return cmd_help(&env, d->name);
			optind = 1;
			opterr = 0;
			r = d->main(&env, sub_argc, sub_argv);
			i18n_msg_fini();
			return r;
		}
	}
	{
		const char *a[1] = { argv[optind] };

		cmd_msg(env.err, MSG("cli_unknown_command"), 1, a);
	}
	main_help(&env);
	return 2;
}
