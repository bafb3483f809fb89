/*
 * view_admin.c — operator list, self-lock rule and effective settings for
 * the supervisor/administrator screens (see view_admin.h).
 */
#include "app/view_admin.h"

#include "app/auth.h"
#include "app/perm.h"
#include "db/db_operator.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


/* The list being filled, its capacity and the first error. */
struct va_acc {
	struct view_admin_ops *l;
	int cap;
	int rc;
};

/* Append one operator (without its hash) to the growing list. */
static int va_add(void *arg, const struct db_operator_row *r)
{
	struct va_acc *a = arg;
	struct view_admin_ops *l = a->l;
	struct view_admin_op *o;

	if (l->n == a->cap) {
		int cap = a->cap ? a->cap * 2 : 16;
		struct view_admin_op *n = realloc(l->rows, (size_t)cap * sizeof *n);

		if (!n) {
			a->rc = MG_ENOMEM;
			return 1;
		}
		l->rows = n;
		a->cap = cap;
	}
	o = &l->rows[l->n++];
	memset(o, 0, sizeof *o);
	snprintf(o->id, sizeof o->id, "%s", r->id);
	snprintf(o->name, sizeof o->name, "%s", r->name);
	o->role_known = session_role_parse(r->role, &o->role) == 0;
	if (!o->role_known)
		o->role = SESSION_ROLE_CLERK;
	o->failures = r->failures;
	o->locked = r->locked ? 1 : 0;
	o->last_login_at = r->last_login_at;
	return 0;
}

int view_admin_ops_load(struct app_ctx *ctx, struct view_admin_ops *out)
{
	struct va_acc a = { out, 0, 0 };
	int rc;

	memset(out, 0, sizeof *out);
	rc = perm_check(ctx, PERM_OPERATOR_ADMIN);
	if (rc)
		return rc;
	rc = db_operator_list(ctx->db, va_add, &a);
	if (rc >= 0 && a.rc)
		rc = a.rc;
	if (rc < 0) {
		view_admin_ops_free(out);
		return rc;
	}
	return 0;
}

void view_admin_ops_free(struct view_admin_ops *l)
{
	if (!l)
		return;
	free(l->rows);
	memset(l, 0, sizeof *l);
}

int view_admin_is_self(const struct app_ctx *ctx, const char *id)
{
	return ctx && ctx->sess && id && strcmp(ctx->sess->operator_id, id) == 0;
}

int view_admin_set_locked(struct app_ctx *ctx, const char *id, int locked, const char **why)
{
	int rc;

	if (why)
		*why = NULL;
	if (!ctx || !id)
		return MG_EINVAL;
	rc = perm_check(ctx, PERM_OPERATOR_ADMIN);
	if (rc)
		return rc;
	if (locked && view_admin_is_self(ctx, id)) {
		/* An administrator cannot lock themself out. */
		if (why)
			*why = MSG("adm_op_err_self_lock");
		return MG_EPERM;
	}
	return auth_operator_set_locked(ctx, id, locked);
}

/* A path as the settings page shows it: absolute when it can be resolved. */
static void va_path(const char *in, char *out, size_t cap)
{
	char abs[PATH_MAX];
	size_t n;

	if (in[0] && realpath(in, abs) && (n = strlen(abs)) < cap) {
		memcpy(out, abs, n + 1);
		return;
	}
	snprintf(out, cap, "%s", in);
}

int view_admin_settings_load(const struct app_ctx *ctx, struct view_admin_settings *out)
{
	char logp[CONFIG_PATH_MAX];
	const char *db;
	int rc;

	memset(out, 0, sizeof *out);
	rc = perm_check(ctx, PERM_SETTINGS);
	if (rc)
		return rc;
	if (ctx->cfg)
		out->cfg = *ctx->cfg;
	else
		config_defaults(&out->cfg);
	/* The file and the registry app_ctx_open actually used. */
	if (ctx->config_path && ctx->config_path[0])
		va_path(ctx->config_path, out->source, sizeof out->source);
	out->source_explicit = ctx->config_explicit;
	if (ctx->db_path && ctx->db_path[0])
		va_path(ctx->db_path, out->cfg.db_path, sizeof out->cfg.db_path);
	if (ctx->terminal)
		snprintf(out->cfg.terminal_id, sizeof out->cfg.terminal_id, "%s", ctx->terminal);
	snprintf(out->cfg.cs_path, sizeof out->cfg.cs_path, "%s", ctx->cs_path ? ctx->cs_path : "");
	db = out->cfg.db_path[0] ? out->cfg.db_path : NULL;
	if (config_log_path(&out->cfg, db, logp, sizeof logp) == 0)
		snprintf(out->cfg.log_file, sizeof out->cfg.log_file, "%s", logp);
	return 0;
}
