/*
 * session.h — a logged-in operator at one terminal (issue 5).
 *
 * A session is produced by session_login (id + password checked with
 * scrypt, failures counted and persisted, lock after the configured number
 * of consecutive failures) and ended by session_logout. The screens keep
 * one struct session and point app_ctx.sess at it; batch commands run with
 * app_ctx.sess == NULL (the system actor, see perm.h).
 *
 * No function here keeps a copy of a password: callers own the password
 * buffers and wipe them (explicit_bzero) after the call.
 */
#ifndef SESSION_H
#define SESSION_H

#include <stddef.h>

#include "app/perm.h"

struct app_ctx;

enum session_role {
	SESSION_ROLE_CLERK,       /* workflows, search, card read */
	SESSION_ROLE_SUPERVISOR,  /* + 個人番号 reveal approval, bulk approval, audit report */
	SESSION_ROLE_ADMIN,       /* operators, settings; no registry work */
	SESSION_ROLE_KIOSK        /* the kiosk flow only */
};

#define SESSION_ID_MAX 32     /* operator id / terminal id: bytes, excl. NUL */

struct session {
	char operator_id[33];      /* login id */
	char display_name[97];     /* shown in the status bar (UTF-8) */
	enum session_role role;
	char terminal[33];         /* terminal id ("" when none) */
	long long started_at;      /* unix time */
	int capture_allowed;       /* 1 when running under a recorder/multiplexer by allow_capture */
};

/*
 * session_login — check id + password (scrypt) against ctx->db's operators,
 * count failures (lock after the configured lockout threshold, persisted in
 * the DB) and log AUDIT_LOGIN / AUDIT_LOGIN_FAILED / AUDIT_LOCKED.
 * The terminal id is taken from ctx->terminal (or the config's terminal_id
 * when ctx->terminal is NULL or ""); started_at is the current time;
 * capture_allowed is set to guard_capture_allowed() (app/guard.h).
 * OUT: *out (filled on success, zeroed otherwise); *tries_left (attempts
 * left before the account locks, set on MG_EAUTH for a known id and 0 on
 * MG_ELOCKED; may be NULL; an unknown id reports the full threshold so the
 * answer does not reveal which ids exist).
 * Returns 0, MG_EAUTH (wrong id or password: the same code for both),
 * MG_ELOCKED (account locked, even with the right password), MG_EINVAL
 * (NULL arguments), or a db code. Blocks on the scrypt computation
 * (~0.1 s) and the DB.
 */
int session_login(struct app_ctx *ctx, const char *operator_id, const char *password,
                  struct session *out, int *tries_left);

/*
 * session_logout — log AUDIT_LOGOUT for s and wipe *s. Accepts NULL.
 * When ctx->sess == s the log row is written as s's operator.
 */
void session_logout(struct app_ctx *ctx, struct session *s);

/*
 * session_reauth — idle unlock: check the password of s's operator again.
 * A wrong password counts as a failed login (and may lock the account, which
 * the caller should treat as a logout). Returns 0, MG_EAUTH, MG_ELOCKED,
 * MG_EINVAL or a db code. Blocks like session_login.
 */
int session_reauth(struct app_ctx *ctx, const struct session *s, const char *password);

/*
 * session_approve — a supervisor's id + password approves `what`
 * (PERM_REVEAL_APPROVE or PERM_BULK_APPROVE): verifies the password (failures
 * count towards the supervisor's lockout like a login), then the role
 * (perm table: the supervisor's role must hold `what`), then logs one
 * AUDIT_APPROVE row (operator = the acting session, target = approver id,
 * detail "what=reveal|bulk reason=<reason>"). The caller then logs its own
 * row (e.g. AUDIT_REVEAL with the 宛名番号 and the approver). The approver
 * may not be the acting session's own operator (four eyes).
 * reason: a short reason code or text; it must not hold names, addresses,
 * birth dates or a 個人番号.
 * OUT: approver_out (the supervisor's id, cap bytes incl. NUL; "" on error).
 * Returns 0, MG_EAUTH (wrong id or password), MG_ELOCKED, MG_EPERM (not
 * allowed to approve, or the same operator as ctx->sess), MG_EINVAL (empty
 * reason, bad `what`, cap too small) or a db code. Blocks like session_login.
 */
int session_approve(struct app_ctx *ctx, const char *supervisor_id, const char *password,
                    enum perm_action what, const char *reason, char *approver_out, size_t cap);

/* session_role_name — "clerk", "supervisor", "admin", "kiosk" (static). */
const char *session_role_name(enum session_role r);

/* session_role_parse — inverse of session_role_name. OUT: *r. Returns 0 or MG_EINVAL. */
int session_role_parse(const char *name, enum session_role *r);

#endif
