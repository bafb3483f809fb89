/*
 * search.h — 住民検索 under the search policy of the municipalities' privacy
 * assessments (ARCHITECTURE.md §5): at least two of 氏名 / 住所 / 生年月日
 * (性別 never counts), each specific enough (a name of two characters or
 * more, an address that names a 町字, a full real date), results capped
 * (config result_cap, 50) — more needs a supervisor's approval, which is
 * logged. Every search and every view writes an operation-log row.
 */
#ifndef SEARCH_H
#define SEARCH_H

#include "app/app_ctx.h"
#include "app/check.h"
#include "db/db_resident.h"

#define SEARCH_HARD_MAX 1000   /* never more rows, even with approval */

struct search_req {
	char name[DB_NAME_CAP];      /* 氏名 or its reading (prefix), as typed */
	char address[DB_ADDR_CAP];   /* 町字 name or code, as typed */
	char birth[64];              /* 生年月日 as typed (和暦 or western) */
	char sex[4];                 /* filter only ("" = any) */
	int include_jyohyo;          /* also 除票 */
	int want;                    /* rows wanted beyond the cap (0 = the cap) */
	char approver[33];           /* supervisor approving `want`: id … */
	char approver_password[256]; /* … and password, checked and logged by search_run
	                                through session_approve; the caller wipes it */
};

struct search_result {
	struct check_list checks;    /* why a search was refused */
	int n;                       /* rows */
	struct db_resident *rows;    /* new array; free with search_free */
	int cap;                     /* the cap that applied */
	int criteria;                /* how many of 氏名/住所/生年月日 were given */
};

/*
 * search_run — check the policy, run the indexed search, log it.
 * OUT: *res (free with search_free). Returns 0, MG_ERULE (refused by the
 * policy: res->checks says why), MG_ETOOMANY (more matches than the cap: no
 * rows are returned; narrow the search or get approval), MG_EPERM, or a code.
 */
int search_run(struct app_ctx *ctx, const struct search_req *req, struct search_result *res);

/* search_free — release the rows. */
void search_free(struct search_result *res);

/*
 * search_view — open a person's 住民票 (current row), logged as a view.
 * OUT: *out. Returns 0, MG_ENOTFOUND, MG_EPERM or a code.
 */
int search_view(struct app_ctx *ctx, const char *atena_no, struct db_resident *out);

/*
 * search_history — the person's history rows, oldest first (call after
 * search_view; not logged again). Returns 0 or a code.
 */
int search_history(struct app_ctx *ctx, const char *atena_no, db_resident_fn fn, void *arg);

#endif
