/* setai.c — 世帯主変更届 (法25; 標準仕様 1.1.10). */
#include "app/setai.h"
#include "app/perm.h"
#include "app/wf.h"
#include "app/zokugara.h"
#include "db/db.h"
#include "db/db_household.h"
#include "i18n/i18n_date.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdlib.h>
#include <string.h>

/* History rows one 世帯主変更 can write: the new 世帯主 and every member named. */
#define ST_MAX_ROWS (WF_MAX_PERSONS + 1)

/* The members living in the 世帯 today, read once. */
struct st_work {
	const char *today;
	struct db_household h;
	char head_left[11];         /* no 世帯主: the day the last one left ("" none) */
	struct db_resident *live;
	size_t nlive, cap;
};

/* Keep a member still living there: current, or 転出予定 for a later day. */
static int st_member(void *arg, const struct db_resident *r)
{
	struct st_work *w = arg;

	if (!wf_in_setai_on(r, w->today))
		return 0;
	if (wf_grow((void **)&w->live, &w->cap, w->nlive, sizeof *w->live) != 0)
		return MG_ENOMEM;
	w->live[w->nlive++] = *r;
	return 0;
}

/* The member living there with this 宛名番号, or NULL. */
static const struct db_resident *st_find(const struct st_work *w, const char *atena)
{
	for (size_t i = 0; i < w->nlive; i++)
		if (strcmp(w->live[i].atena_no, atena) == 0)
			return &w->live[i];
	return NULL;
}

/* The 続柄 the 届出 gives a member ("世帯主" for the new head), or NULL. */
static const char *st_zokugara(const struct setai_req *q, const char *atena)
{
	if (strcmp(q->head_atena, atena) == 0)
		return "世帯主";
	for (int i = 0; i < q->n; i++)
		if (strcmp(q->m[i].atena_no, atena) == 0)
			return q->m[i].zokugara;
	return NULL;
}

/* Dates: 届出日 (wf_todoke), 異動日 <= 届出日, and the 14 days of 法25. */
static int st_dates(struct app_ctx *ctx, struct setai_req *q, struct setai_result *res)
{
	static const struct wf_event_msgs msgs = {
		MSG("chk_setai_idou_invalid"), MSG("chk_setai_idou_after_todoke"), MSG("chk_setai_late")
	};

	return wf_event_dates(ctx, q->todoke_date, q->idou_date, &msgs, &res->checks,
	                      res->last_day);
}

/* The day a member's record stands from: the 住所を定めた日, and for a
 * resident the 異動日 of the latest row (a 転出予定's latest row is the 転出). */
static const char *st_since(const struct db_resident *r)
{
	if (strcmp(r->state, "current") == 0 && strcmp(r->idou_date, r->jusho_date) > 0)
		return r->idou_date;
	return r->jusho_date;
}

/* The 世帯, its new 世帯主 and every member's 続柄; the change is not dated
 * before a member's record (history stays in order, no two 世帯主 at once). */
static void st_members(const struct setai_req *q, const struct st_work *w,
                       struct setai_result *res)
{
	struct check_list *l = &res->checks;
	const struct db_resident *head = st_find(w, q->head_atena);
	int changes = 0;

	if (!head)
		check_add(l, CHECK_ERROR, MSG("chk_setai_head_not_member"), 0, q->head_atena,
		          w->h.setai_no, NULL);
	else if (strcmp(head->state, "yotei") == 0)
		check_add(l, CHECK_ERROR, MSG("chk_setai_head_leaving"), 0, head->name,
		          head->dest_planned_date, NULL);
	for (int i = 0; i < q->n; i++) {
		const struct setai_member *m = &q->m[i];

		/* Named twice: as the head, or the first entry of the 宛名番号 is another. */
		if (strcmp(m->atena_no, q->head_atena) == 0 || st_zokugara(q, m->atena_no) != m->zokugara)
			check_add(l, CHECK_ERROR, MSG("chk_setai_member_twice"), i + 1, m->atena_no, NULL,
			          NULL);
		else if (!st_find(w, m->atena_no))
			check_add(l, CHECK_ERROR, MSG("chk_setai_member_unknown"), i + 1, m->atena_no,
			          w->h.setai_no, NULL);
		else if (!zokugara_valid(m->zokugara, 0))
			check_add(l, CHECK_ERROR, MSG("chk_zokugara_invalid"), i + 1, m->zokugara, NULL,
			          NULL);
	}
	for (size_t k = 0; k < w->nlive; k++) {
		const struct db_resident *r = &w->live[k];
		const char *z = st_zokugara(q, r->atena_no);

		if (q->idou_date[0] && strcmp(q->idou_date, st_since(r)) < 0)
			check_add(l, CHECK_ERROR, MSG("chk_setai_idou_before"), -1, r->name,
			          st_since(r), q->idou_date);
		if (!z)
			check_add(l, CHECK_ERROR, MSG("chk_setai_member_missing"), -1, r->name,
			          r->atena_no, NULL);
		else if (strcmp(z, r->zokugara) != 0 || !head || strcmp(head->name, r->head_name) != 0)
			changes++;
	}
	/* nor before the day the old 世帯主 left a 世帯 without one (rv13dom M1) */
	if (w->head_left[0] && q->idou_date[0] && strcmp(q->idou_date, w->head_left) < 0)
		check_add(l, CHECK_ERROR, MSG("chk_setai_before_head_left"), -1, w->head_left,
		          q->idou_date, NULL);
	if (head && changes == 0 && strcmp(w->h.head_atena, q->head_atena) == 0)
		check_add(l, CHECK_ERROR, MSG("chk_setai_no_change"), -1, NULL, NULL, NULL);
}

/* Run every check into res (no writes); w keeps what was read. */
static int st_checks(struct app_ctx *ctx, struct setai_req *q, struct st_work *w,
                     struct setai_result *res)
{
	int rc;

	rc = perm_check(ctx, PERM_WORKFLOW);
	if (rc == 0)
		rc = st_dates(ctx, q, res);
	if (rc)
		return rc;
	rc = db_household_get(ctx->db, q->setai_no, &w->h);
	if (rc == MG_ENOTFOUND || (rc == 0 && w->h.closed_on[0] &&
	                           strcmp(w->h.closed_on, w->today) <= 0)) {
		check_add(&res->checks, CHECK_ERROR, MSG("chk_setai_unknown"), -1, q->setai_no, NULL,
		          NULL);
		return 0;
	}
	if (rc == 0)
		rc = db_resident_household(ctx->db, q->setai_no, st_member, w);
	if (rc == 0 && !w->h.head_atena[0])
		rc = db_household_head_left(ctx->db, q->setai_no, w->head_left);
	if (rc < 0)
		return rc;
	st_members(q, w, res);
	return 0;
}

/* Empty result and work; MG_EINVAL for a request out of bounds. */
static int st_begin(const struct app_ctx *ctx, const struct setai_req *req, struct st_work *w,
                    char *today, struct setai_result *res)
{
	memset(res, 0, sizeof *res);
	check_init(&res->checks);
	memset(w, 0, sizeof *w);
	wf_today(ctx, today);
	w->today = today;
	return req->n < 0 || req->n > WF_MAX_PERSONS ? MG_EINVAL : 0;
}

int setai_henko_check(struct app_ctx *ctx, struct setai_req *req, struct setai_result *res)
{
	char today[DB_DATE_CAP];
	struct st_work w;
	int rc = st_begin(ctx, req, &w, today, res);

	if (rc)
		return rc;
	rc = st_checks(ctx, req, &w, res);
	free(w.live);
	return rc;
}

/* Write the members' rows and the 世帯's head (inside the transaction). */
static int st_write(struct app_ctx *ctx, const struct setai_req *q, const struct st_work *w,
                    const char *uketsuke_no, char (*atena)[DB_ID_CAP], int *n)
{
	const struct db_resident *head = st_find(w, q->head_atena);
	struct db_setai_pending p;
	int rc = 0;

	*n = 0;
	memset(&p, 0, sizeof p);
	wf_copy(p.setai_no, sizeof p.setai_no, q->setai_no);
	wf_copy(p.head_atena, sizeof p.head_atena, q->head_atena);
	wf_copy(p.head_name, sizeof p.head_name, head->name);
	wf_copy(p.todoke_kind, sizeof p.todoke_kind, "todoke");
	wf_copy(p.todoke_date, sizeof p.todoke_date, q->todoke_date);
	wf_copy(p.uketsuke_no, sizeof p.uketsuke_no, uketsuke_no);
	for (size_t k = 0; k < w->nlive && rc == 0; k++) {
		const struct db_resident *r = &w->live[k];
		const char *z = st_zokugara(q, r->atena_no);

		if (strcmp(z, r->zokugara) == 0 && strcmp(head->name, r->head_name) == 0)
			continue;
		wf_copy(p.atena_no, sizeof p.atena_no, r->atena_no);
		wf_copy(p.zokugara, sizeof p.zokugara, z);
		rc = wf_setai_apply(ctx, r, &p, q->idou_date);
		if (rc == 0 && *n < ST_MAX_ROWS)
			wf_copy(atena[(*n)++], DB_ID_CAP, r->atena_no);
	}
	/* The head is set even when his own row needed no change. */
	if (rc == 0)
		rc = db_household_set_head(ctx->db, q->setai_no, q->head_atena);
	return rc;
}

int setai_henko_commit(struct app_ctx *ctx, struct setai_req *req, struct setai_result *res)
{
	char today[DB_DATE_CAP], alerts[256], atena[ST_MAX_ROWS][DB_ID_CAP];
	struct st_work w;
	int n = 0, rc = st_begin(ctx, req, &w, today, res);

	if (rc)
		return rc;
	rc = db_begin(ctx->db);
	if (rc)
		return rc;
	rc = st_checks(ctx, req, &w, res);
	if (rc == 0)
		rc = check_verdict(&res->checks, req->alerts_acknowledged);
	if (rc == 0) {
		check_alert_ids(&res->checks, alerts, sizeof alerts);
		rc = wf_uketsuke(ctx, "setai_henko", req->todoke_date, alerts, res->uketsuke_no);
	}
	if (rc == 0)
		rc = st_write(ctx, req, &w, res->uketsuke_no, atena, &n);
	if (rc == 0)
		rc = wf_audit_commit(ctx, "setai_henko", res->uketsuke_no, atena, n, req->todoke_date);
	rc = db_finish(ctx->db, rc);
	if (rc)
		res->uketsuke_no[0] = '\0';
	free(w.live);
	return rc;
}
