/*
 * cmd_init.c — `madoguchi init --db D --municipality CODE --name NAME
 * [--pref NAME]`: create a registry file for one municipality. The 団体コード
 * must carry a valid check digit (domain-rules §6.3). Refuses an initialised
 * file. Exit 0 created, 1 failure, 2 usage.
 */
#include "app/app_ctx.h"
#include "app/cmd.h"
#include "app/config.h"
#include "app/ident.h"
#include "app/wf.h"
#include "db/db.h"
#include "db/db_registry.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/mg_rc.h"

#include <string.h>

int cmd_init_main(struct cmd_env *env, int argc, char **argv);
int cmd_init_main(struct cmd_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		CMD_COMMON_OPTS,
		{ "municipality", required_argument, NULL, 'm' },
		{ "name", required_argument, NULL, 'n' },
		{ "pref", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_getopt_state gs = { { 0 }, 0 };
	const char *code = NULL, *name = NULL, *pref = NULL;
	char digits[16], clean[96], now[24];
	struct app_ctx ctx;
	struct config cfg;
	int c, rc;

	while ((c = cmd_getopt(env, &gs, argc, argv, "", opts, NULL)) != -1) {
		if (c == 'm')
			code = optarg;
		else if (c == 'n')
			name = optarg;
		else if (c == 'p')
			pref = optarg;
		else if (cmd_common_opt(env, c, optarg) != 1)
			return cmd_usage(env, "init");
	}
	if (optind < argc || cmd_need(env, code, "--municipality") || cmd_need(env, name, "--name"))
		return cmd_usage(env, "init");
	/* A 市区町村: check digit, prefecture 01–47, not a prefecture itself. */
	if (i18n_text_digits(code, digits, sizeof digits) < 0 || !ident_muni_city_valid(digits)) {
		const char *a[1] = { code };

		cmd_msg(env->err, MSG("cli_init_bad_code"), 1, a);
		return 1;
	}
	if (i18n_text_sanitize(name, clean, sizeof clean) < 0 || !clean[0] ||
	    strcmp(clean, name) != 0) {
		cmd_msg(env->err, MSG("cli_init_bad_name"), 0, NULL);
		return 1;
	}
	/* The 都道府県 follows from the code (JIS X 0401); --pref may only repeat it. */
	if (pref && (i18n_text_nfkc(pref, clean, sizeof clean) < 0 ||
	             strcmp(clean, ident_pref_name(digits)) != 0)) {
		const char *a[2] = { digits, ident_pref_name(digits) };

		cmd_msg(env->err, MSG("cli_init_bad_pref"), 2, a);
		return 2;
	}
	pref = ident_pref_name(digits);
	rc = app_ctx_open(env, APP_CTX_CREATE, &ctx, &cfg);
	if (rc)
		return rc == MG_EUSAGE ? 2 : 1;   /* 2: no --db (usage) */
	wf_now(now);
	rc = db_begin(ctx.db);
	if (rc == 0)
		rc = db_registry_set_muni(ctx.db, digits, name, pref, now);
	/* Made under a test or demo configuration: a demo registry for good, so it
	 * is never taken for a real one and a production one never for it. */
	if (rc == 0 && cfg.mode != CONFIG_MODE_PRODUCTION)
		rc = db_registry_set_mode(ctx.db, "demo");
	if (rc == 0 || ctx.db->tx)
		rc = db_finish(ctx.db, rc);
	app_ctx_close(&ctx);
	if (rc == MG_EEXISTS) {
		cmd_msg(env->err, MSG("cli_init_exists"), 0, NULL);
		return 1;
	}
	if (rc)
		return cmd_err(env, rc);
	{
		const char *a[2] = { name, digits };

		cmd_msg(env->out, MSG("cli_init_done"), 2, a);
	}
	return 0;
}
