/*
 * audit.h — the tamper-evident operation log (操作ログ, issue 5).
 * Each row: time, operator, terminal, action, target ids, detail; SHA-256
 * over its content and the previous row's hash. Rows never hold a PIN,
 * password, 個人番号 or name: targets are ids (宛名番号, 受付番号).
 */
#ifndef AUDIT_H
#define AUDIT_H

struct app_ctx;

enum audit_action {
	AUDIT_LOGIN, AUDIT_LOGOUT, AUDIT_LOGIN_FAILED, AUDIT_LOCKED,
	AUDIT_SEARCH,        /* detail: criteria kinds and result count */
	AUDIT_VIEW,          /* target: 宛名番号 */
	AUDIT_REVEAL,        /* target: 宛名番号, detail: reason + approver */
	AUDIT_CARD_READ,     /* detail: verdict, never the PIN */
	AUDIT_COMMIT,        /* target: 受付番号, detail: workflow and 宛名番号s */
	AUDIT_CERT_ISSUE,    /* target: certificate serial */
	AUDIT_DELIVER,       /* detail: counts sent/received */
	AUDIT_SETTING,
	AUDIT_OPERATOR,
	AUDIT_KIOSK,
	AUDIT_BATCH,         /* date job, seed */
	AUDIT_CAPTURE_ALLOWED,
	AUDIT_ACTION_COUNT_
};

/*
 * audit_log — append one row to ctx->db's log. When called inside an open
 * transaction (a workflow commit) the row is part of it and disappears with
 * a rollback. target and detail may be NULL. Returns 0 or a db code.
 */
int audit_log(struct app_ctx *ctx, enum audit_action a,
              const char *target, const char *detail);

#endif
