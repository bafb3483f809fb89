/*
 * view_tokurei.c — lookups for the 特例転入 screen (see view_tokurei.h).
 */
#include "app/view_tokurei.h"

#include "app/perm.h"
#include "db/db_household.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The array being filled. */
struct vt_acc {
	struct db_machiaza *rows;
	int n, cap, rc;
};

/* Append one 町字. */
static int vt_add(void *arg, const struct db_machiaza *m)
{
	struct vt_acc *a = arg;

	if (a->n == a->cap) {
		int cap = a->cap ? a->cap * 2 : 32;
		struct db_machiaza *r = realloc(a->rows, (size_t)cap * sizeof *r);

		if (!r) {
			a->rc = MG_ENOMEM;
			return 1;
		}
		a->rows = r;
		a->cap = cap;
	}
	a->rows[a->n++] = *m;
	return 0;
}

int view_tokurei_towns(struct app_ctx *ctx, struct db_machiaza **out, int *n)
{
	struct vt_acc a = { NULL, 0, 0, 0 };
	int rc;

	*out = NULL;
	*n = 0;
	rc = perm_check(ctx, PERM_WORKFLOW);
	if (rc)
		return rc;
	rc = db_registry_machiaza_list(ctx->db, vt_add, &a);
	if (rc >= 0 && a.rc)
		rc = a.rc;
	if (rc < 0) {
		free(a.rows);
		return rc;
	}
	*out = a.rows;
	*n = a.n;
	return 0;
}

int view_tokurei_town(struct app_ctx *ctx, const char *name, struct db_machiaza *out)
{
	int rc = perm_check(ctx, PERM_WORKFLOW);

	if (rc)
		return rc;
	if (!name || !name[0])
		return MG_ENOTFOUND;
	rc = db_registry_machiaza_by_name(ctx->db, name, out);
	if (rc == MG_ENOTFOUND)
		rc = db_registry_machiaza(ctx->db, name, out);
	return rc;
}

int view_tokurei_household(struct app_ctx *ctx, const char *setai_no, char *addr, size_t cap)
{
	struct db_household h;
	struct db_machiaza m;
	int rc = perm_check(ctx, PERM_WORKFLOW);

	if (rc)
		return rc;
	if (!setai_no || !setai_no[0])
		return MG_ENOTFOUND;
	rc = db_household_get(ctx->db, setai_no, &h);
	if (rc)
		return rc;
	if (h.closed_on[0])
		return MG_ENOTFOUND;
	if (db_registry_machiaza(ctx->db, h.addr_code, &m) != 0)
		snprintf(m.name, sizeof m.name, "%s", h.addr_code);
	if (addr && cap)
		snprintf(addr, cap, "%s%s%s%s", m.name, h.banchi, h.katagaki[0] ? " " : "",
		         h.katagaki);
	return 0;
}
