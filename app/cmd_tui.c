/*
 * cmd_tui.c — `madoguchi` with no subcommand, or `madoguchi tui`: the
 * interactive counter program. Order (app/guard.h): harden the process,
 * load the configuration, refuse a non-terminal or an unallowed capture
 * tool, open the registry and read the municipality, open the log file and
 * send stderr to it while the screen is up, then run the screens until the
 * program ends. cmd_tui_start is that sequence for any first screen (the
 * kiosk uses it too).
 *
 * A log file that cannot be opened (log_file, or the registry's path with
 * ".log" when log_file is not set) stops the start with a message naming the
 * file and why, exit code 1 (rv5 L6): the administrator who configured a log
 * expects every run to be in it, as an auditor does; a warning on the
 * clerk's screen would reach someone who cannot fix it, and stderr would
 * write over the screen. The same as for a configuration error.
 */
#include "app/app_ctx.h"
#include "app/cmd.h"
#include "app/cmd_tui.h"
#include "app/config.h"
#include "app/guard.h"
#include "app/log.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/mg_rc.h"
#include "screens/scr.h"
#include "screens/scr_login.h"
#include "screens/ui.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* Monotonic seconds (the idle timers). */
static long long tui_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec;
}

/* Why the log file path cannot be opened for appending (a catalog key). */
static const char *tui_log_reason(const char *path)
{
	char dir[CONFIG_PATH_MAX + 8];
	struct stat sb;
	char *slash;

	if (lstat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return MSG("ui_tui_log_isdir");
		if (S_ISLNK(sb.st_mode))
			return MSG("ui_tui_log_link");
		if (!S_ISREG(sb.st_mode) && !S_ISCHR(sb.st_mode))
			return MSG("ui_tui_log_notfile");
		return MSG("ui_tui_log_denied");
	}
	if (errno == ENOTDIR)
		return MSG("ui_tui_log_nodir");
	if (errno != ENOENT)
		return MSG("ui_tui_log_denied");
	/* The file is missing: is its folder missing too, or not writable? */
	snprintf(dir, sizeof dir, "%s", path);
	slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return MSG("ui_tui_log_nodir");
	return MSG("ui_tui_log_denied");
}

/* Say that the log file path cannot be used, and why (reason: a catalog key). */
static void tui_log_refused(struct cmd_env *env, const char *path, const char *reason)
{
	char clean[CONFIG_PATH_MAX + 16];
	const char *a[2] = { clean, i18n_msg(reason) };

	i18n_text_sanitize(path, clean, sizeof clean);
	cmd_msg(env->err, MSG("ui_tui_log"), 2, a);
}

/*
 * Open the log file and send stderr to it. Returns 0 (*logging 1), or 1
 * after printing why (nothing left open).
 */
static int tui_log_begin(struct cmd_env *env, const struct config *cfg, const char *dbpath,
                         int *logging)
{
	char logpath[CONFIG_PATH_MAX + 8];
	int rc;

	*logging = 0;
	if (config_log_path(cfg, dbpath, logpath, sizeof logpath) != 0) {
		tui_log_refused(env, cfg->log_file[0] ? cfg->log_file : (dbpath ? dbpath : ""),
		                MSG("ui_tui_log_toolong"));
		return 1;
	}
	rc = log_open(logpath);
	if (rc == 0) {
		rc = guard_stderr_begin(logpath);
		if (rc)
			log_close();
	}
	if (rc) {
		tui_log_refused(env, logpath, tui_log_reason(logpath));
		return 1;
	}
	*logging = 1;
	return 0;
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
	struct cmd_getopt_state gs = { { 0 }, 0 };
	struct ui_opts uo = { 0 };
	struct config cfg;
	struct app_ctx ctx;
	struct guard_probe probe;
	struct scr_app app;
	char err[600];
	const char *tool = NULL, *dbpath;
	int c, r, rc, capture = 0, logging = 0;

	while ((c = cmd_getopt(env, &gs, argc, argv, "h", opts, NULL)) != -1) {
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
	cmd_config_lang(env, cfg.lang);
	rc = app_ctx_open(env, APP_CTX_NEED_MUNI | APP_CTX_CONFIG_LOADED, &ctx, &cfg);
	if (rc)
		return rc == MG_EUSAGE ? 2 : 1;   /* 2: no --db (usage) */
	dbpath = env->db_path ? env->db_path : cfg.db_path;
	if (tui_log_begin(env, &cfg, dbpath, &logging) != 0) {
		app_ctx_close(&ctx);
		return 1;
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
