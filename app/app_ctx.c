/* app_ctx.c — building the context a command runs in. */
#include "app/app_ctx.h"
#include "app/cmd.h"
#include "app/config.h"
#include "app/log.h"
#include "db/db.h"
#include "db/db_registry.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <string.h>

int app_ctx_mode_match(struct cmd_env *env, const struct config *cfg, struct db *db)
{
	char mode[16];

	if (cfg->mode == CONFIG_MODE_PRODUCTION || db_registry_mode(db, mode) != 0 ||
	    strcmp(mode, "production") != 0)
		return 0;
	cmd_msg(env->err, MSG("cli_production_registry"), 0, NULL);
	return MG_EPERM;
}

int app_ctx_open(struct cmd_env *env, unsigned flags, struct app_ctx *ctx, struct config *cfg)
{
	const char *path;
	char err[512];
	unsigned dbf = 0;
	int rc;

	memset(ctx, 0, sizeof *ctx);
	if (!(flags & APP_CTX_CONFIG_LOADED)) {
		rc = config_load_default(env->config_path, cfg, err, sizeof err);
		if (rc) {
			fprintf(env->err, "%s\n", err);
			return rc;
		}
		cmd_config_lang(env, cfg->lang);
	}
	ctx->config_explicit = env->config_path != NULL;
	ctx->config_path = config_source(env->config_path);
	/* Command-line choices win over the file. */
	if (env->reader && env->reader[0])
		snprintf(cfg->reader, sizeof cfg->reader, "%s", env->reader);
	ctx->cfg = cfg;
	ctx->terminal = env->terminal ? env->terminal : cfg->terminal_id;
	ctx->cs_path = env->cs_path ? env->cs_path : (cfg->cs_path[0] ? cfg->cs_path : NULL);
	ctx->today = i18n_date_today();
	if (env->today) {
		if (cfg->mode == CONFIG_MODE_PRODUCTION) {
			cmd_msg(env->err, MSG("cli_today_not_allowed"), 0, NULL);
			return MG_EUSAGE;
		}
		if (i18n_date_parse_iso(env->today, &ctx->today) != 0) {
			const char *a[1] = { env->today };

			cmd_msg(env->err, MSG("cli_bad_date"), 1, a);
			return MG_EUSAGE;
		}
	}
	path = env->db_path ? env->db_path : (cfg->db_path[0] ? cfg->db_path : NULL);
	rc = cmd_need(env, path, "--db");
	if (rc)
		return rc;
	ctx->db_path = path;
	if (flags & APP_CTX_CREATE)
		dbf |= DB_OPEN_CREATE;
	if (flags & APP_CTX_READONLY)
		dbf |= DB_OPEN_READONLY;
	rc = db_open(path, dbf, &ctx->db);
	if (rc) {
		const char *a[2] = { path, i18n_msg(mg_rc_msgid(rc)) };

		/* Missing (or empty): say so and how to make one, not "no data". */
		cmd_msg(env->err, rc == MG_ENOTFOUND ? MSG("cli_db_missing") : MSG("cli_db_open_failed"),
		        rc == MG_ENOTFOUND ? 1 : 2, a);
		return rc;
	}
	rc = app_ctx_mode_match(env, cfg, ctx->db);
	if (rc) {
		app_ctx_close(ctx);
		return rc;
	}
	if (flags & APP_CTX_NEED_MUNI) {
		rc = db_registry_muni(ctx->db, ctx->muni_code, ctx->muni_name, sizeof ctx->muni_name);
		if (rc) {
			cmd_err(env, rc);
			app_ctx_close(ctx);
			return rc;
		}
	}
	return 0;
}

void app_ctx_idle(struct app_ctx *ctx)
{
	static int told;        /* the failure last logged: once, not every second */
	int rc = ctx ? db_idle(ctx->db) : 0;

	if (rc && rc != MG_EBUSY && rc != told)
		log_event(LOG_LEVEL_ERR, "db.checkpoint", rc, NULL);
	if (rc != MG_EBUSY)
		told = rc;
}

void app_ctx_close(struct app_ctx *ctx)
{
	db_close(ctx->db);
	ctx->db = NULL;
}
