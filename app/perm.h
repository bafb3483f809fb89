/*
 * perm.h — who may do what: one table of roles × actions (issue 5).
 * Every workflow, search and view entry point calls perm_check first.
 */
#ifndef PERM_H
#define PERM_H

struct app_ctx;

enum perm_action {
	PERM_SEARCH,          /* 住民検索 */
	PERM_VIEW,            /* open a person's 住民票 */
	PERM_WORKFLOW,        /* commit 転入 / 転出 / 特例転入 / 転入通知受理 */
	PERM_CARD_READ,       /* read a My Number card at the counter */
	PERM_REVEAL_APPROVE,  /* approve showing a 個人番号 */
	PERM_BULK_APPROVE,    /* approve results beyond the search cap */
	PERM_AUDIT_REPORT,    /* monthly review, audit verify */
	PERM_OPERATOR_ADMIN,  /* add/lock/unlock operators */
	PERM_SETTINGS,        /* change settings */
	PERM_KIOSK,           /* the kiosk flow only */
	PERM_DELIVER,         /* CS send/receive */
	PERM_BATCH,           /* date job, init, demo-seed: system actor only */
	PERM_ACTION_COUNT_
};

/*
 * perm_check — 0 when the acting role of ctx (ctx->sess, or the system actor
 * when NULL) may do action a, else MG_EPERM. Pure; logs nothing.
 */
int perm_check(const struct app_ctx *ctx, enum perm_action a);

#endif
