/*
 * view_notice.c — the received 転入通知 for the screen (see view_notice.h).
 */
#include "app/view_notice.h"

#include "app/perm.h"
#include "i18n/mg_rc.h"

#include <stdlib.h>
#include <string.h>

/* The list being filled, its capacity and the first error. */
struct vn_acc {
	struct view_notice_list *l;
	int cap;
	int rc;
};

/* Append one notice to the growing list. */
static int vn_add(void *arg, const struct db_notice *n)
{
	struct vn_acc *a = arg;
	struct view_notice_list *l = a->l;

	if (l->n == a->cap) {
		int cap = a->cap ? a->cap * 2 : 8;
		struct db_notice *r = calloc((size_t)cap, sizeof *r);

		if (!r) {
			a->rc = MG_ENOMEM;
			return 1;
		}
		if (l->n)
			memcpy(r, l->rows, (size_t)l->n * sizeof *r);
		if (l->rows) {
			explicit_bzero(l->rows, (size_t)l->n * sizeof *l->rows);
			free(l->rows);
		}
		l->rows = r;
		a->cap = cap;
	}
	l->rows[l->n++] = *n;
	if (!n->applied_by[0])
		l->pending++;
	return 0;
}

int view_notice_load(struct app_ctx *ctx, int pending_only, struct view_notice_list *out)
{
	struct vn_acc a = { out, 0, 0 };
	int rc;

	memset(out, 0, sizeof *out);
	rc = perm_check(ctx, PERM_WORKFLOW);
	if (rc)
		return rc;
	rc = db_inbox_notices(ctx->db, pending_only, vn_add, &a);
	if (rc >= 0 && a.rc)
		rc = a.rc;
	if (rc < 0) {
		view_notice_free(out);
		return rc;
	}
	return 0;
}

void view_notice_free(struct view_notice_list *l)
{
	if (!l)
		return;
	if (l->rows) {
		explicit_bzero(l->rows, (size_t)l->n * sizeof *l->rows);
		free(l->rows);
	}
	memset(l, 0, sizeof *l);
}
