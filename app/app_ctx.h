/*
 * app_ctx.h — what every workflow, search and command runs with: the
 * registry connection, this municipality, the processing date, and who is
 * acting (the logged-in session, or the system for batch commands).
 */
#ifndef APP_CTX_H
#define APP_CTX_H

#include "i18n/i18n_date.h"

struct db;
struct session;
struct config;

struct app_ctx {
	struct db *db;                 /* the registry (borrowed) */
	const char *cs_path;           /* the CS exchange file, or NULL */
	i18n_day today;                /* 処理日 (the clock; fixed in tests and demo) */
	char muni_code[7];             /* 全国地方公共団体コード of this registry */
	char muni_name[96];            /* its name */
	const struct session *sess;    /* the operator's session; NULL = system (batch CLI) */
	const struct config *cfg;      /* settings (borrowed), or NULL for defaults */
	const char *terminal;          /* terminal id for logs ("" when none) */
	const char *config_path;       /* the settings file read ("" = built-in defaults) */
	int config_explicit;           /* 1: named with --config */
	const char *db_path;           /* the registry file opened */
};

#endif

#ifndef APP_CTX_FUNCS
#define APP_CTX_FUNCS
struct cmd_env;

/* What a command needs from its registry. */
enum app_ctx_flags {
	APP_CTX_NEED_MUNI = 1,     /* the registry must be initialised (municipality row) */
	APP_CTX_CREATE    = 2,     /* create the file if missing (init) */
	APP_CTX_READONLY  = 4,     /* open read-only */
	APP_CTX_CONFIG_LOADED = 8  /* *cfg already holds config_load_default's result */
};

/*
 * app_ctx_open — the context of a command: load the configuration
 * (--config, else the default file if present), open --db (or the
 * configuration's db_path), read the municipality, and set today (the clock,
 * or --today, which only a configuration in test or demo mode accepts).
 * OUT: *ctx and *cfg (the caller owns both; close with app_ctx_close).
 * Prints the reason to env->err and returns a code on failure.
 */
int app_ctx_open(struct cmd_env *env, unsigned flags, struct app_ctx *ctx, struct config *cfg);

/*
 * app_ctx_mode_match — a test or demo configuration trusts the demo CA, lets
 * --today move the date and may weaken the password policy: never on a
 * production registry (a demo/test registry is marked "demo" by demo-seed,
 * or by init under such a configuration). app_ctx_open calls it; a command
 * that opens the registry itself (audit, for evidence copies) calls it too.
 * Says why on env->err. Returns 0 or MG_EPERM.
 */
int app_ctx_mode_match(struct cmd_env *env, const struct config *cfg, struct db *db);

/*
 * app_ctx_idle — the registry's housekeeping while nobody waits on it: the
 * WAL checkpoint that db_idle holds back from the commits. The terminal's
 * loop calls it when a second passes without a key. A failure is logged
 * (a busy one is not: another connection was checkpointing) and left for
 * the next call; nothing the clerk sees depends on it. Accepts NULL.
 */
void app_ctx_idle(struct app_ctx *ctx);

/* app_ctx_close — close the registry of a context. */
void app_ctx_close(struct app_ctx *ctx);
#endif
