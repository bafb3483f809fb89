/* session.c — operator login/logout, idle re-authentication, supervisor approval. */
#include "app/session.h"
#include "app/app_ctx.h"
#include "app/audit.h"
#include "app/auth.h"
#include "app/config.h"
#include "app/guard.h"
#include "app/perm.h"
#include "i18n/mg_rc.h"

#include <openssl/crypto.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const session_roles[] = {
	[SESSION_ROLE_CLERK] = "clerk",
	[SESSION_ROLE_SUPERVISOR] = "supervisor",
	[SESSION_ROLE_ADMIN] = "admin",
	[SESSION_ROLE_KIOSK] = "kiosk",
};

const char *session_role_name(enum session_role r)
{
	if ((unsigned)r > SESSION_ROLE_KIOSK)
		return NULL;
	return session_roles[r];
}

int session_role_parse(const char *name, enum session_role *r)
{
	if (!name)
		return MG_EINVAL;
	for (unsigned i = 0; i <= SESSION_ROLE_KIOSK; i++)
		if (strcmp(session_roles[i], name) == 0) {
			*r = (enum session_role)i;
			return 0;
		}
	return MG_EINVAL;
}

/* The terminal id of ctx: --terminal, else the configuration's, else "". */
static const char *session_terminal(const struct app_ctx *ctx)
{
	if (ctx->terminal && ctx->terminal[0])
		return ctx->terminal;
	if (ctx->cfg && ctx->cfg->terminal_id[0])
		return ctx->cfg->terminal_id;
	return "";
}

/*
 * Log a row as the operator `as` (who is not logged in yet, or someone
 * else's failed attempt): a temporary session carries the id and terminal.
 */
static int session_log_as(struct app_ctx *ctx, const char *as, enum audit_action a,
                          const char *target, const char *detail)
{
	struct session tmp;
	const struct session *saved = ctx->sess;
	int rc;

	memset(&tmp, 0, sizeof tmp);
	snprintf(tmp.operator_id, sizeof tmp.operator_id, "%s", as ? as : "");
	snprintf(tmp.terminal, sizeof tmp.terminal, "%s", session_terminal(ctx));
	ctx->sess = &tmp;
	rc = audit_log(ctx, a, target, detail);
	ctx->sess = saved;
	return rc;
}

/*
 * Log the outcome of a failed check of id: AUDIT_LOGIN_FAILED (the target is
 * the id only when it names an operator, so a password typed into the id
 * field never reaches the log), and AUDIT_LOCKED when this attempt locked it.
 */
static int session_log_failure(struct app_ctx *ctx, const char *id, int rc, int just_locked,
                               int tries_left, const char *what)
{
	char detail[64];
	int known = rc == MG_ELOCKED || (rc == MG_EAUTH && tries_left < (ctx->cfg &&
	            ctx->cfg->lockout_threshold > 0 ? ctx->cfg->lockout_threshold : 5));
	int lrc;

	snprintf(detail, sizeof detail, "%s %s", what,
	         rc == MG_ELOCKED ? "reason=locked" : known ? "reason=password" : "reason=unknown_id");
	lrc = session_log_as(ctx, known ? id : "", AUDIT_LOGIN_FAILED, known ? id : NULL, detail);
	if (lrc == 0 && just_locked)
		lrc = session_log_as(ctx, id, AUDIT_LOCKED, id, what);
	return lrc;
}

int session_login(struct app_ctx *ctx, const char *operator_id, const char *password,
                  struct session *out, int *tries_left)
{
	struct auth_operator op;
	struct session s;
	const struct session *saved;
	int just_locked = 0, tl = 0, rc, lrc;

	if (out)
		memset(out, 0, sizeof *out);
	if (tries_left)
		*tries_left = 0;
	if (!ctx || !ctx->db || !operator_id || !password || !out)
		return MG_EINVAL;
	rc = auth_check(ctx, operator_id, password, &op, &tl, &just_locked);
	if (tries_left)
		*tries_left = tl;
	if (rc == MG_EAUTH || rc == MG_ELOCKED) {
		lrc = session_log_failure(ctx, operator_id, rc, just_locked, tl, "login");
		return lrc ? lrc : rc;
	}
	if (rc)
		return rc;
	memset(&s, 0, sizeof s);
	snprintf(s.operator_id, sizeof s.operator_id, "%s", op.id);
	snprintf(s.display_name, sizeof s.display_name, "%s", op.name);
	s.role = op.role;
	snprintf(s.terminal, sizeof s.terminal, "%s", session_terminal(ctx));
	s.started_at = (long long)time(NULL);
	s.capture_allowed = guard_capture_allowed();
	saved = ctx->sess;
	ctx->sess = &s;
	rc = audit_log(ctx, AUDIT_LOGIN, s.operator_id, session_role_name(s.role));
	if (rc == 0 && s.capture_allowed) {
		char detail[64];

		snprintf(detail, sizeof detail, "tool=%.40s", guard_capture_tool_name());
		rc = audit_log(ctx, AUDIT_CAPTURE_ALLOWED, s.terminal, detail);
	}
	ctx->sess = saved;
	if (rc == 0)
		*out = s;
	OPENSSL_cleanse(&s, sizeof s);
	return rc;
}

void session_logout(struct app_ctx *ctx, struct session *s)
{
	const struct session *saved;

	if (!s)
		return;
	if (ctx && ctx->db && s->operator_id[0]) {
		saved = ctx->sess;
		ctx->sess = s;
		(void)audit_log(ctx, AUDIT_LOGOUT, s->operator_id, NULL);
		ctx->sess = saved == s ? NULL : saved;
	}
	OPENSSL_cleanse(s, sizeof *s);
}

int session_reauth(struct app_ctx *ctx, const struct session *s, const char *password)
{
	int just_locked = 0, tl = 0, rc, lrc;

	if (!ctx || !ctx->db || !s || !s->operator_id[0] || !password)
		return MG_EINVAL;
	rc = auth_check(ctx, s->operator_id, password, NULL, &tl, &just_locked);
	if (rc == MG_EAUTH || rc == MG_ELOCKED) {
		lrc = session_log_failure(ctx, s->operator_id, rc, just_locked, tl, "unlock");
		return lrc ? lrc : rc;
	}
	return rc;
}

int session_approve(struct app_ctx *ctx, const char *supervisor_id, const char *password,
                    enum perm_action what, const char *reason, char *approver_out, size_t cap)
{
	struct auth_operator op;
	struct session who;
	struct app_ctx probe;
	char detail[160];
	int just_locked = 0, tl = 0, rc, lrc, n;

	if (approver_out && cap)
		approver_out[0] = '\0';
	if (!ctx || !ctx->db || !supervisor_id || !password || !approver_out ||
	    cap < sizeof op.id || !reason || !reason[0] || strlen(reason) > 100 ||
	    (what != PERM_REVEAL_APPROVE && what != PERM_BULK_APPROVE))
		return MG_EINVAL;
	rc = auth_check(ctx, supervisor_id, password, &op, &tl, &just_locked);
	if (rc == MG_EAUTH || rc == MG_ELOCKED) {
		lrc = session_log_failure(ctx, supervisor_id, rc, just_locked, tl, "approve");
		return lrc ? lrc : rc;
	}
	if (rc)
		return rc;
	/* the approver's role must hold the permission (the one table in perm.c) */
	memset(&who, 0, sizeof who);
	who.role = op.role;
	probe = *ctx;
	probe.sess = &who;
	rc = perm_check(&probe, what);
	/* four eyes: nobody approves their own request */
	if (rc == 0 && ctx->sess && strcmp(ctx->sess->operator_id, op.id) == 0)
		rc = MG_EPERM;
	n = snprintf(detail, sizeof detail, "what=%s result=%s reason=",
	             what == PERM_REVEAL_APPROVE ? "reveal" : "bulk", rc ? "refused" : "approved");
	snprintf(detail + n, sizeof detail - (size_t)n, "%s", reason);
	/* the reason is one token: no spaces or control characters */
	for (char *p = detail + n; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7F)
			*p = '_';
	lrc = audit_log(ctx, AUDIT_APPROVE, op.id, detail);
	if (rc == 0 && lrc == 0)
		snprintf(approver_out, cap, "%s", op.id);
	return rc ? rc : lrc;
}
