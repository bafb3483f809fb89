/*
 * view_notice.h — the received 転入通知 as the 転入通知受理 screen lists them:
 * a thin read-only wrapper over db_inbox_notices, checked with
 * PERM_WORKFLOW. Writes nothing and logs nothing (applying a notice is
 * notice_apply, which logs).
 */
#ifndef VIEW_NOTICE_H
#define VIEW_NOTICE_H

#include "app/app_ctx.h"
#include "db/db_inbox.h"

/* The notices of a registry (a new array). */
struct view_notice_list {
	struct db_notice *rows;   /* oldest first (owned; free with view_notice_free) */
	int n;                    /* rows */
	int pending;              /* rows not applied yet */
};

/*
 * view_notice_load — every notice (pending_only = 0) or only the unapplied
 * ones. OUT: *out (free with view_notice_free; empty on error). Returns 0,
 * MG_EPERM, MG_ENOMEM or a db code. Blocks on the registry.
 */
int view_notice_load(struct app_ctx *ctx, int pending_only, struct view_notice_list *out);

/* view_notice_free — wipe and free the rows (they hold 個人番号). Accepts an empty list. */
void view_notice_free(struct view_notice_list *l);

#endif
