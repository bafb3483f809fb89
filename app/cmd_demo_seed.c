/*
 * cmd_demo_seed.c — `madoguchi demo-seed --db D --residents N [--seed S]`:
 * synthetic residents (app/seed.h). Only into a registry that is empty or
 * already a demo registry; the registry is marked "demo" for good.
 * Exit 0 seeded, 1 failure, 2 usage.
 */
#include "app/app_ctx.h"
#include "app/cmd.h"
#include "app/config.h"
#include "app/seed.h"
#include "db/db.h"
#include "db/db_registry.h"
#include "db/db_resident.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parse a positive decimal; 0 when bad. */
static long long seed_arg(const char *s, long long max)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	return (*s && !*end && v > 0 && v <= max) ? v : 0;
}

int cmd_demo_seed_main(struct cmd_env *env, int argc, char **argv);
int cmd_demo_seed_main(struct cmd_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		CMD_COMMON_OPTS,
		{ "residents", required_argument, NULL, 'r' },
		{ "seed", required_argument, NULL, 's' },
		{ "towns", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_getopt_state gs = { { 0 }, 0 };
	struct seed_opts o = { 0, 1, 0 };
	struct seed_stats st;
	struct app_ctx ctx;
	struct config cfg;
	char mode[16], n1[24], n2[24], n3[24], n4[24];
	long long persons = 0;
	int c, rc;

	while ((c = cmd_getopt(env, &gs, argc, argv, "", opts, NULL)) != -1) {
		if (c == 'r')
			o.residents = (long)seed_arg(optarg, 50000000);
		else if (c == 's')
			o.seed = (unsigned long long)seed_arg(optarg, 0x7FFFFFFFFFFFFFFFLL);
		else if (c == 't')
			o.towns = (int)seed_arg(optarg, 200);
		else if (cmd_common_opt(env, c, optarg) != 1)
			return cmd_usage(env, "demo-seed");
	}
	if (optind < argc || o.residents <= 0 || o.seed == 0)
		return cmd_usage(env, "demo-seed");
	rc = app_ctx_open(env, APP_CTX_NEED_MUNI, &ctx, &cfg);
	if (rc)
		return rc == MG_EUSAGE ? 2 : 1;   /* 2: no --db (usage) */
	rc = db_registry_mode(ctx.db, mode);
	if (rc == 0)
		rc = db_resident_count(ctx.db, &persons);
	if (rc == 0 && strcmp(mode, "demo") != 0 && persons > 0) {
		cmd_msg(env->err, MSG("cli_seed_real_registry"), 0, NULL);
		app_ctx_close(&ctx);
		return 1;
	}
	if (rc == 0 && strcmp(mode, "demo") != 0) {
		rc = db_begin(ctx.db);
		if (rc == 0)
			rc = db_finish(ctx.db, db_registry_set_mode(ctx.db, "demo"));
	}
	if (rc == 0)
		rc = seed_run(&ctx, &o, &st);
	app_ctx_close(&ctx);
	if (rc)
		return cmd_err(env, rc);
	snprintf(n1, sizeof n1, "%ld", st.persons);
	snprintf(n2, sizeof n2, "%ld", st.households);
	snprintf(n3, sizeof n3, "%ld", st.jyohyo);
	snprintf(n4, sizeof n4, "%ld", st.yotei);
	{
		const char *a[4] = { n1, n2, n3, n4 };

		cmd_msg(env->out, MSG("cli_seed_done"), 4, a);
	}
	return 0;
}
