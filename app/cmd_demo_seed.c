/*
 * cmd_demo_seed.c — `madoguchi demo-seed --db D --residents N [--seed S]
 * [--towns T]`: synthetic residents (app/seed.h). Only under a test or demo
 * configuration (a production configuration file is refused before the
 * registry is opened), or under the built-in defaults into a registry as
 * init left it (no operators, no 町字 master, no residents: the two
 * commands on a machine not set up yet); only into a registry that is
 * empty or already a demo registry,
 * and only once (a registry that holds seeded persons is refused); the
 * registry is marked "demo" for good.
 * Exit 0 seeded, 1 failure or refusal, 2 usage.
 */
#include "app/app_ctx.h"
#include "app/cmd.h"
#include "app/config.h"
#include "app/seed.h"
#include "db/db.h"
#include "db/db_operator.h"
#include "db/db_registry.h"
#include "db/db_resident.h"
#include "i18n/i18n_date.h"
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
	char mode[16], n1[24], n2[24], n3[24], n4[24], err[512];
	long long persons = 0, seeded = 0, towns = 0;
	i18n_day min = 0;
	int c, rc, refused = 0, defaults, operators = 0;

	while ((c = cmd_getopt(env, &gs, argc, argv, "", opts, NULL)) != -1) {
		if (c == 'r')
			o.residents = (long)seed_arg(optarg, SEED_RESIDENTS_MAX);
		else if (c == 's')
			o.seed = (unsigned long long)seed_arg(optarg, 0x7FFFFFFFFFFFFFFFLL);
		else if (c == 't' && (towns = seed_arg(optarg, 1000000)) > 0)
			o.towns = (int)towns;
		else if (c == 't')
			o.towns = -1;   /* not a positive number: usage */
		else if (cmd_common_opt(env, c, optarg) != 1)
			return cmd_usage(env, "demo-seed");
	}
	if (o.towns > SEED_TOWNS_MAX) {   /* more would repeat 町字 names */
		const char *a[1] = { n1 };

		snprintf(n1, sizeof n1, "%d", SEED_TOWNS_MAX);
		cmd_msg(env->err, MSG("cli_seed_towns"), 1, a);
		return 2;
	}
	if (optind < argc || o.residents <= 0 || o.seed == 0 || o.towns < 0)
		return cmd_usage(env, "demo-seed");
	/* The configuration first: a production configuration file never
	 * opens the registry. The built-in defaults (no file: a machine not set
	 * up for a municipality yet) are production too; under them only a
	 * registry as init left it is seeded, one without operators or a 町字
	 * master (a registry being prepared for real data has them). */
	rc = config_load_default(env->config_path, &cfg, err, sizeof err);
	if (rc) {
		fprintf(env->err, "%s\n", err);
		return 1;
	}
	cmd_config_lang(env, cfg.lang);
	defaults = cfg.mode == CONFIG_MODE_PRODUCTION && !config_source(env->config_path)[0];
	if (cfg.mode == CONFIG_MODE_PRODUCTION && !defaults && (env->db_path || cfg.db_path[0])) {
		cmd_msg(env->err, MSG("cli_seed_production"), 0, NULL);
		return 1;
	}
	rc = app_ctx_open(env, APP_CTX_NEED_MUNI | APP_CTX_CONFIG_LOADED, &ctx, &cfg);
	if (rc)
		return rc == MG_EUSAGE ? 2 : 1;   /* 2: no --db (usage) */
	rc = db_registry_mode(ctx.db, mode);
	if (rc == 0)
		rc = db_resident_count(ctx.db, &persons);
	if (rc == 0)
		rc = db_resident_seeded(ctx.db, &seeded);
	if (rc == 0 && defaults)
		rc = db_operator_count(ctx.db, NULL, &operators);
	if (rc == 0 && defaults && (towns = db_registry_machiaza_list(ctx.db, NULL, NULL)) < 0)
		rc = (int)towns;
	if (rc == 0 && (i18n_date_parse_iso(SEED_TODAY_MIN, &min) != 0 || ctx.today < min)) {
		const char *a[1] = { SEED_TODAY_MIN };

		cmd_msg(env->err, MSG("cli_seed_today_early"), 1, a);
		refused = 1;
	} else if (rc == 0 && strcmp(mode, "demo") != 0 && persons > 0) {
		cmd_msg(env->err, MSG("cli_seed_real_registry"), 0, NULL);
		refused = 1;
	} else if (rc == 0 && seeded > 0) {
		/* Once per registry: the same seed would make a twin of everyone. */
		const char *a[1] = { n1 };

		snprintf(n1, sizeof n1, "%lld", seeded);
		cmd_msg(env->err, MSG("cli_seed_again"), 1, a);
		refused = 1;
	} else if (rc == 0 && defaults && (operators > 0 || towns > 0 || persons > 0)) {
		cmd_msg(env->err, MSG("cli_seed_prepared"), 0, NULL);
		refused = 1;
	} else if (rc == 0 && strcmp(mode, "demo") != 0) {
		rc = db_begin(ctx.db);
		if (rc == 0)
			rc = db_finish(ctx.db, db_registry_set_mode(ctx.db, "demo"));
	}
	if (rc == 0 && !refused)
		rc = seed_run(&ctx, &o, &st);
	app_ctx_close(&ctx);
	if (refused)
		return 1;
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
