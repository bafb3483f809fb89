/*
 * view_admin.h — what the supervisor and administrator screens read and the
 * one account rule they need (issue 6): the operator list (a read-only
 * wrapper over db_operator_list, checked with PERM_OPERATOR_ADMIN, without
 * the password hashes), a lock that refuses the acting operator's own
 * account (an administrator cannot lock themself out; the change itself is
 * auth_operator_set_locked, which logs it), and the effective configuration
 * with the file it came from (checked with PERM_SETTINGS). Nothing here
 * writes to the registry except view_admin_set_locked through auth.
 */
#ifndef VIEW_ADMIN_H
#define VIEW_ADMIN_H

#include <stddef.h>

#include "app/app_ctx.h"
#include "app/config.h"
#include "app/session.h"

/* One operator as the administrator's list shows it (no password hash). */
struct view_admin_op {
	char id[33];               /* operator id */
	char name[97];             /* display name (UTF-8, from the registry: sanitise to draw) */
	enum session_role role;    /* role */
	int role_known;            /* 0 when the stored role name is not one of the four */
	int failures;              /* consecutive failed logins */
	int locked;                /* 1 when locked */
	long long last_login_at;   /* unix time, 0 = never */
};

/* The operators of a registry (a new array). */
struct view_admin_ops {
	struct view_admin_op *rows;   /* ordered by id (owned; free with view_admin_ops_free) */
	int n;                        /* rows */
};

/*
 * view_admin_ops_load — every operator of ctx->db, ordered by id (perm
 * PERM_OPERATOR_ADMIN). Logs nothing. OUT: *out (free with
 * view_admin_ops_free; empty on error). Returns 0, MG_EPERM, MG_ENOMEM or a
 * db code. Blocks on the registry.
 */
int view_admin_ops_load(struct app_ctx *ctx, struct view_admin_ops *out);

/* view_admin_ops_free — free the rows. Accepts an empty list. */
void view_admin_ops_free(struct view_admin_ops *l);

/*
 * view_admin_set_locked — lock (locked = 1) or unlock (0) the account id
 * with auth_operator_set_locked (perm PERM_OPERATOR_ADMIN, logged
 * AUDIT_OPERATOR). Locking the acting session's own account is refused:
 * an administrator cannot lock themself out. OUT: *why (may be NULL): the
 * catalog key of a refusal made here ("adm_op_err_self_lock"), else NULL.
 * Returns 0, MG_EPERM (no permission, or the own account: *why set),
 * MG_EINVAL, MG_ENOTFOUND or a db code. Blocks on the registry.
 */
int view_admin_set_locked(struct app_ctx *ctx, const char *id, int locked, const char **why);

/*
 * view_admin_is_self — 1 when id is the acting session's operator, else 0
 * (also when there is no session).
 */
int view_admin_is_self(const struct app_ctx *ctx, const char *id);

/* The configuration the program runs with, as the settings page shows it. */
struct view_admin_settings {
	struct config cfg;               /* a copy of ctx->cfg (defaults when NULL), with the
	                                    command line's choices applied: terminal_id,
	                                    db_path, cs_path; log_file = the effective log path */
	char source[CONFIG_PATH_MAX];    /* the file it was read from; "" = none (built-in defaults) */
	int source_explicit;             /* 1: named with --config; 0: the default file or none */
};

/*
 * view_admin_settings_load — the effective configuration (perm
 * PERM_SETTINGS): ctx->cfg, with the file and the registry that
 * app_ctx_open used (ctx->config_path, ctx->db_path). Holds no secret:
 * struct config has none (PINs and passwords never live in the settings
 * file). Logs nothing. OUT: *out. Returns 0 or MG_EPERM.
 */
int view_admin_settings_load(const struct app_ctx *ctx, struct view_admin_settings *out);

#endif
