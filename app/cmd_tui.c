/*
 * cmd_tui.c — `madoguchi` with no subcommand, or `madoguchi tui`: the
 * interactive counter program. Order (app/guard.h): harden the process,
 * load the configuration, refuse a non-terminal or an unallowed capture
 * tool, open the registry and read the municipality, send stderr to the log
 * file while the screen is up, then run the screens until the program ends.
 * cmd_tui_start is that sequence for any first screen (the kiosk uses it too).
 */
#include "app/app_ctx.h"
#include "app/cmd.h"
#include "app/cmd_tui.h"
#include "app/config.h"
#include "app/guard.h"
#include "app/log.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"
#include "screens/scr.h"
#include "screens/scr_login.h"
#include "screens/ui.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Monotonic seconds (the idle timers). */
static long long tui_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec;
}

int cmd_tui_start(struct cmd_env *env, int argc, char **argv, const char *name,
                  const struct scr_ops *first, void (*after_ui)(void))
{
	static const struct option opts[] = {
		CMD_COMMON_OPTS,
		{ "no-colour", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct ui_opts uo = { 0 };
	struct config cfg;
	struct app_ctx ctx;
	struct guard_probe probe;
	struct scr_app app;
	char err[600], logpath[CONFIG_PATH_MAX + 8];
	const char *tool = NULL, *dbpath;
	int c, r, rc, capture = 0, logging = 0;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h')
			return cmd_usage(env, name);
		if (c == 'C') {
			uo.no_colour = 1;
			continue;
		}
		r = cmd_common_opt(env, c, optarg);
		if (r < 0)
			return 2;
		if (r == 0)
			return cmd_usage(env, name);
	}
	if (optind < argc)
		return cmd_usage(env, name);
	rc = guard_harden();
	if (rc)
		return cmd_err(env, rc);
	/* The guard's decision needs the configuration (allow_capture). */
	rc = config_load_default(env->config_path, &cfg, err, sizeof err);
	if (rc) {
		const char *a[1] = { err };

		cmd_msg(env->err, MSG("ui_tui_config"), 1, a);
		return 1;
	}
	guard_probe_collect(&probe);
	rc = guard_decide(&probe, cfg.allow_capture, &capture, &tool);
	if (rc)
		return cmd_err(env, rc);
	guard_set_capture(capture, tool);
	if (!env->lang && cfg.lang[0])
		i18n_msg_init(cfg.lang);
	rc = app_ctx_open(env, APP_CTX_NEED_MUNI | APP_CTX_CONFIG_LOADED, &ctx, &cfg);
	if (rc)
		return 1;
	dbpath = env->db_path ? env->db_path : cfg.db_path;
	if (config_log_path(&cfg, dbpath, logpath, sizeof logpath) == 0) {
		log_open(logpath);
		logging = guard_stderr_begin(logpath) == 0;
	}
	rc = ui_init(&uo);
	if (rc == 0) {
		if (after_ui)
			after_ui();
		scr_app_init(&app, &ctx, &cfg);
		app.capture = capture;
		rc = scr_start(&app, first, tui_mono(), (long long)time(NULL));
		if (rc == 0)
			rc = scr_run(&app);
		scr_app_fini(&app);
		ui_fini();
	}
	if (logging)
		guard_stderr_end();
	log_event(rc ? LOG_LEVEL_ERR : LOG_LEVEL_INFO, first == &scr_login ? "tui.end" : "kiosk.end",
	          rc, ctx.terminal);
	log_close();
	app_ctx_close(&ctx);
	return rc ? cmd_err(env, rc) : 0;
}

int cmd_tui_main(struct cmd_env *env, int argc, char **argv);
int cmd_tui_main(struct cmd_env *env, int argc, char **argv)
{
	return cmd_tui_start(env, argc, argv, "tui", &scr_login, NULL);
}
