/*
 * cmd_kiosk.c — `madoguchi kiosk` (and `madoguchi --kiosk`, see the report
 * of issue 7): the resident-facing kiosk (screens/scr_kiosk.h). The same
 * start as the counter program (app/cmd_tui.c: harden, configuration,
 * refuse a non-terminal or an unallowed capture tool, open the registry,
 * stderr to the log file), then the terminal's job-control and quit keys
 * are ignored — Ctrl-C (SIGINT), Ctrl-\ (SIGQUIT) and Ctrl-Z (SIGTSTP) do
 * nothing — so only an administrator's password (F11) ends the kiosk.
 * SIGTERM and SIGHUP still end it cleanly (the machine's own shutdown).
 */
#include "app/app_ctx.h"
#include "app/cmd.h"
#include "app/config.h"
#include "app/guard.h"
#include "app/log.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"
#include "screens/scr.h"
#include "screens/scr_kiosk.h"
#include "screens/ui.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Monotonic seconds (the idle timer). */
static long long kiosk_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec;
}

/* Ignore the keys that would interrupt, quit or stop the program. */
static void kiosk_ignore_keys(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
}

int cmd_kiosk_main(struct cmd_env *env, int argc, char **argv);
int cmd_kiosk_main(struct cmd_env *env, int argc, char **argv)
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
			return cmd_usage(env, "kiosk");
		if (c == 'C') {
			uo.no_colour = 1;
			continue;
		}
		r = cmd_common_opt(env, c, optarg);
		if (r < 0)
			return 2;
		if (r == 0)
			return cmd_usage(env, "kiosk");
	}
	if (optind < argc)
		return cmd_usage(env, "kiosk");
	rc = guard_harden();
	if (rc)
		return cmd_err(env, rc);
	config_defaults(&cfg);
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
	rc = app_ctx_open(env, APP_CTX_NEED_MUNI, &ctx, &cfg);
	if (rc)
		return 1;
	dbpath = env->db_path ? env->db_path : cfg.db_path;
	if (config_log_path(&cfg, dbpath, logpath, sizeof logpath) == 0) {
		log_open(logpath);
		logging = guard_stderr_begin(logpath) == 0;
	}
	rc = ui_init(&uo);
	if (rc == 0) {
		kiosk_ignore_keys();
		scr_app_init(&app, &ctx, &cfg);
		app.capture = capture;
		rc = scr_start(&app, &scr_kiosk, kiosk_mono(), (long long)time(NULL));
		if (rc == 0)
			rc = scr_run(&app);
		scr_app_fini(&app);
		ui_fini();
	}
	if (logging)
		guard_stderr_end();
	log_event(rc ? LOG_LEVEL_ERR : LOG_LEVEL_INFO, "kiosk.end", rc, ctx.terminal);
	log_close();
	app_ctx_close(&ctx);
	return rc ? cmd_err(env, rc) : 0;
}
