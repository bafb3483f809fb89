/*
 * cmd_cs_init.c — `madoguchi cs-init --cs PATH`: the explicit set-up step
 * that creates a CS exchange file (mode 0600, the `message` table). Delivery
 * never creates one, so that a misspelt or unmounted path is refused instead
 * of silently receiving the outbox. An existing exchange is left unchanged
 * (exit 0); an existing file that is not an exchange is refused, never
 * overwritten. The path may also come from the configuration's cs_path.
 * Exit 0 created or already there, 1 failure, 2 usage.
 */
#include "app/cmd.h"
#include "app/config.h"
#include "db/db.h"
#include "db/db_outbox.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/mg_rc.h"

#include <stdio.h>

int cmd_cs_init_main(struct cmd_env *env, int argc, char **argv);
int cmd_cs_init_main(struct cmd_env *env, int argc, char **argv)
{
	static const struct option opts[] = { CMD_COMMON_OPTS, { NULL, 0, NULL, 0 } };
	struct cmd_getopt_state gs = { { 0 }, 0 };
	struct config cfg;
	struct db *cs = NULL;
	const char *path;
	char err[512], clean[1024];
	const char *a[2] = { clean, NULL };
	int c, rc;

	while ((c = cmd_getopt(env, &gs, argc, argv, "", opts, NULL)) != -1)
		if (cmd_common_opt(env, c, optarg) != 1)
			return cmd_usage(env, "cs-init");
	if (optind < argc)
		return cmd_usage(env, "cs-init");
	config_defaults(&cfg);
	rc = config_load_default(env->config_path, &cfg, err, sizeof err);
	if (rc) {
		fprintf(env->err, "%s\n", err);
		return 1;
	}
	cmd_config_lang(env, cfg.lang);
	path = env->cs_path ? env->cs_path : (cfg.cs_path[0] ? cfg.cs_path : NULL);
	if (cmd_need(env, path, "--cs"))
		return cmd_usage(env, "cs-init");
	i18n_text_sanitize(path, clean, sizeof clean);
	rc = db_outbox_cs_create(path, &cs);
	db_close(cs);
	if (rc == 0 || rc == MG_EEXISTS) {
		cmd_msg(env->out, rc == 0 ? MSG("cli_cs_init_done") : MSG("cli_cs_init_exists"), 1, a);
		return 0;
	}
	a[1] = i18n_msg(mg_rc_msgid(rc));
	cmd_msg(env->err, MSG("cli_cs_error"), 2, a);
	return 1;
}
