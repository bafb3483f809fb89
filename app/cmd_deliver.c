/*
 * cmd_deliver.c — `madoguchi deliver --db D --cs C`: one delivery between the
 * registry and the CS exchange (app/deliver.h). The exchange must exist
 * (`madoguchi cs-init` creates it); a refusal names the path and its cause.
 * Exit 0 done, 1 failure, 2 usage.
 */
#include "app/app_ctx.h"
#include "app/cmd.h"
#include "app/config.h"
#include "app/deliver.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/mg_rc.h"

#include <stdio.h>

int cmd_deliver_main(struct cmd_env *env, int argc, char **argv);

/* Print an exchange failure with the (sanitised) path; returns 1. */
static int cmd_deliver_cs_err(struct cmd_env *env, const char *path, int rc)
{
	char clean[1024];
	const char *a[2] = { clean, i18n_msg(mg_rc_msgid(rc)) };

	i18n_text_sanitize(path, clean, sizeof clean);
	cmd_msg(env->err, MSG("cli_cs_error"), 2, a);
	return 1;
}

int cmd_deliver_main(struct cmd_env *env, int argc, char **argv)
{
	static const struct option opts[] = { CMD_COMMON_OPTS, { NULL, 0, NULL, 0 } };
	struct cmd_getopt_state gs = { { 0 }, 0 };
	struct deliver_stats st;
	struct app_ctx ctx;
	struct config cfg;
	char n[6][16];
	int c, rc;

	while ((c = cmd_getopt(env, &gs, argc, argv, "", opts, NULL)) != -1)
		if (cmd_common_opt(env, c, optarg) != 1)
			return cmd_usage(env, "deliver");
	if (optind < argc)
		return cmd_usage(env, "deliver");
	rc = app_ctx_open(env, APP_CTX_NEED_MUNI, &ctx, &cfg);
	if (rc)
		return rc == MG_EUSAGE ? 2 : 1;   /* 2: no --db (usage) */
	if (cmd_need(env, ctx.cs_path, "--cs")) {
		app_ctx_close(&ctx);
		return 2;
	}
	rc = deliver_run(&ctx, ctx.cs_path, &st);
	if (deliver_cs_failed(rc)) {
		rc = cmd_deliver_cs_err(env, ctx.cs_path, rc);
		app_ctx_close(&ctx);
		return rc;
	}
	app_ctx_close(&ctx);
	if (rc && rc != MG_ECS_IDCONFLICT)
		return cmd_err(env, rc);
	snprintf(n[0], sizeof n[0], "%d", st.sent);
	snprintf(n[1], sizeof n[1], "%d", st.received);
	snprintf(n[2], sizeof n[2], "%d", st.duplicates);
	snprintf(n[3], sizeof n[3], "%d", st.rejected);
	snprintf(n[4], sizeof n[4], "%d", st.answered);
	snprintf(n[5], sizeof n[5], "%d", st.refused);
	{
		const char *a[6] = { n[0], n[1], n[2], n[3], n[4], n[5] };

		cmd_msg(env->out, MSG("cli_deliver_done"), 6, a);
	}
	/* The counts above stand; what was held back is said after them. */
	if (st.counter_advanced)
		cmd_msg(env->err, MSG("cli_deliver_counter_advanced"), 0, NULL);
	return rc ? cmd_err(env, rc) : 0;
}
