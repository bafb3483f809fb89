/*
 * config.h — the municipality's settings file (issue 5).
 *
 * One file, /etc/madoguchi/madoguchi.conf by default (CONFIG_DEFAULT_PATH),
 * overridable with --config. Format: UTF-8 lines `key = value`; `#` starts a
 * comment line; blank lines are ignored; values may be written in double
 * quotes. Unknown keys, repeated keys and bad values are errors reported as
 * "FILE:LINE: …" (see config_load). docs/madoguchi.conf.example lists every key.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stddef.h>

#include "i18n/i18n_date.h"

#define CONFIG_DEFAULT_PATH "/etc/madoguchi/madoguchi.conf"
#define CONFIG_PATH_MAX 512        /* bytes incl. NUL for every path value */
#define CONFIG_MAX_CLOSED 64       /* extra closing days */

enum config_mode {
	CONFIG_MODE_PRODUCTION,    /* real registry: demo trust anchors refused */
	CONFIG_MODE_DEMO,          /* synthetic data, demo CA trusted, badge shown */
	CONFIG_MODE_TEST           /* automated tests (like demo; --today allowed) */
};

struct config {
	char terminal_id[33];          /* terminal_id: this counter's id ("" = none; --terminal wins) */
	int idle_lock_seconds;         /* idle_lock_seconds: blank + lock after this idle time (60) */
	int idle_logout_seconds;       /* idle_logout_seconds: log out after this idle time (600) */
	int result_cap;                /* result_cap: search results shown without approval (50) */
	int office_open_min;           /* office_hours start, minutes after midnight (8:30 → 510) */
	int office_close_min;          /* office_hours end, minutes after midnight (17:15 → 1035) */
	unsigned office_days;          /* office_days: bit d set = weekday d open (0 = Sunday); Mon–Fri */
	int year_end_closed;           /* year_end_closed: 12/29–1/3 closed (1) */
	int holidays_closed;           /* holidays_closed: national holidays closed (1) */
	i18n_day closed_days[CONFIG_MAX_CLOSED]; /* closed_days: extra closing days */
	size_t n_closed_days;          /* entries used in closed_days */
	int allow_capture;             /* allow_capture: run under tmux/screen/recorders (0) */
	char trust_store[CONFIG_PATH_MAX]; /* trust_store: card trust file (card/card_verify.h format) */
	enum config_mode mode;         /* mode: production | demo | test (production) */
	char db_path[CONFIG_PATH_MAX]; /* db_path: the registry file (--db wins) */
	char cs_path[CONFIG_PATH_MAX]; /* cs_path: the CS exchange file (--cs wins; "" = none) */
	char log_file[CONFIG_PATH_MAX];/* log_file: diagnostic log ("" = "<db_path>.log") */
	char lang[3];                  /* lang: "ja", "en" or "" (from the locale) */
	char reader[128];              /* reader: PC/SC reader name ("" = the first one) */
	int lockout_threshold;         /* lockout_threshold: consecutive failures that lock (5) */
	int min_password_length;       /* min_password_length: characters (10) */
	int scrypt_log2_n;             /* scrypt_log2_n: cost of new password hashes, N = 2^x (15) */
	int scrypt_r;                  /* scrypt_r: block size of new hashes (8) */
	int scrypt_p;                  /* scrypt_p: parallelism of new hashes (1) */
	int reveal_seconds;            /* reveal_seconds: a revealed 個人番号 re-masks after (30) */
};

/* config_defaults — fill *c with the built-in defaults (values in the comments above). */
void config_defaults(struct config *c);

/*
 * config_load — read path over *c (start from config_defaults; keys not in
 * the file keep their value). On error *c is left as it was and err gets
 * "PATH:LINE: message" (UTF-8 from the catalog, at most errcap bytes incl.
 * NUL; err may be NULL). The whole file is checked before anything is applied.
 * Returns 0, MG_ENOTFOUND (no such file; err says which), MG_EIO, or
 * MG_ECONFIG (unknown key, repeated key, bad value, syntax; err names the
 * first bad line). Blocks on file I/O.
 */
int config_load(const char *path, struct config *c, char *err, size_t errcap);

/*
 * config_source — the file config_load_default reads for explicit_path:
 * explicit_path itself, else CONFIG_DEFAULT_PATH when it exists, else ""
 * (the built-in defaults alone). Looks at the file system, does not read.
 */
const char *config_source(const char *explicit_path);

/*
 * config_load_default — the configuration a command runs with: defaults,
 * then explicit_path (--config; must exist), or when it is NULL the file
 * CONFIG_DEFAULT_PATH if it exists (its absence is not an error). The file
 * is opened through the production guard (i18n/mg_file.h): when it says
 * mode = production (or has no mode line), the file and every folder on
 * its resolved path must be root's and writable by no one else, checked on
 * the descriptor that is parsed and before it is; a demo or test file is
 * read wherever it is. Same errors and err format as config_load, plus
 * MG_EPERM (err names the file and the refused file or folder) and
 * MG_ENOMEM. On an error *c holds the defaults.
 */
int config_load_default(const char *explicit_path, struct config *c, char *err, size_t errcap);

/*
 * config_set — apply one `key = value` setting to *c (the same parser as the
 * file). Returns 0, MG_ECONFIG for an unknown key or a bad value. OUT (may be
 * NULL): *msgid, the catalog key saying what is wrong.
 */
int config_set(struct config *c, const char *key, const char *value, const char **msgid);

/*
 * config_is_office_time — 1 when unix time t (local time) falls inside office
 * hours on an open day (office_days, minus national holidays when
 * holidays_closed, 12/29–1/3 when year_end_closed, and closed_days), else 0.
 * c may be NULL (defaults).
 */
int config_is_office_time(const struct config *c, long long t);

/*
 * config_log_path — the diagnostic log file path: c->log_file, or db_path
 * with ".log" appended when log_file is "". Writes at most cap bytes incl.
 * NUL. Returns 0 or MG_ETOOLONG / MG_EINVAL (no path known).
 */
int config_log_path(const struct config *c, const char *db_path, char *out, size_t cap);

/* config_mode_name — "production", "demo" or "test" (static). */
const char *config_mode_name(enum config_mode m);

#endif
