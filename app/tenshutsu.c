/* tenshutsu.c — 転出 and 特例転出. */
#include "app/tenshutsu.h"
#include "app/audit.h"
#include "app/ident.h"
#include "app/perm.h"
#include "app/session.h"
#include "app/wf.h"
#include "app/zokugara.h"
#include "db/db_cert.h"
#include "db/db_household.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the checks learned, for the commit. */
struct ts_work {
	struct tenshutsu_req q;                    /* normalised copy */
	struct db_household h;
	struct db_resident mover[WF_MAX_PERSONS];  /* current rows of the movers */
	struct db_resident stay[WF_MAX_PERSONS * 2]; /* current rows of those who stay */
	int nstay;
	int head_leaves;
	int todoke_ok;                             /* q.todoke_date is a date */
	char today[DB_DATE_CAP];
};

/*
 * Collect the members who are still in the household after the movers leave:
 * the current ones, and those 転出予定 on a later day than this planned date
 * (a member who leaves on or before it does not stay).
 */
static int ts_member(void *arg, const struct db_resident *r)
{
	struct ts_work *w = arg;

	if (!wf_in_setai_on(r, w->q.planned_date))
		return 0;
	for (int i = 0; i < w->q.n; i++)
		if (strcmp(w->q.atena[i], r->atena_no) == 0)
			return 0;
	if (w->nstay >= WF_MAX_PERSONS * 2)
		return MG_ETOOMANY;
	w->stay[w->nstay++] = *r;
	return 0;
}

/* 1 when the row holds a 個人番号カード valid on day. */
static int ts_card_valid(const struct db_resident *r, const char *day)
{
	return r->card_issued[0] && r->card_expiry[0] && strcmp(r->card_expiry, day) >= 0;
}

/* The new 続柄 the request gives a remaining member, or NULL. */
static const char *ts_new_zokugara(const struct tenshutsu_req *q, const char *atena)
{
	for (int i = 0; i < WF_MAX_PERSONS; i++)
		if (q->new_zokugara_atena[i][0] && strcmp(q->new_zokugara_atena[i], atena) == 0)
			return q->new_zokugara[i];
	return NULL;
}

/* Dates: 届出日 (wf_todoke), planned date, and the 14-day rule of 標準仕様 4.1.3.0.1. */
static void ts_dates(const struct app_ctx *ctx, struct ts_work *w, struct tenshutsu_result *res)
{
	struct tenshutsu_req *q = &w->q;
	struct check_list *l = &res->checks;
	int typed = q->moved_date[0] != '\0';   /* not filled in from a past 予定日 */
	i18n_day d;

	w->todoke_ok = wf_todoke(ctx, q->todoke_date, l, &d) == 0;
	/* A move already made has its own day as the 異動日 (標準仕様 4.1.3.0.1):
	 * a later 予定日 would keep the person a resident until then (rv19wf M2). */
	if (q->moved_date[0] && q->planned_date[0] && strcmp(q->moved_date, q->planned_date) != 0)
		check_add(l, CHECK_ERROR, MSG("chk_moved_planned_differ"), -1, q->moved_date,
		          q->planned_date, NULL);
	/* A planned date already past is the day of the move (標準仕様 4.1.3.0.1). */
	if (!q->moved_date[0] && q->planned_date[0] && strcmp(q->planned_date, w->today) < 0 &&
	    i18n_date_parse_iso(q->planned_date, &d) == 0)
		memcpy(q->moved_date, q->planned_date, sizeof q->moved_date);
	if (q->moved_date[0]) {
		if (i18n_date_parse_iso(q->moved_date, &d) != 0) {
			check_add(l, CHECK_ERROR, MSG("chk_moved_date_invalid"), -1, q->moved_date, NULL, NULL);
		} else if (strcmp(q->moved_date, w->today) > 0) {
			check_add(l, CHECK_ERROR, MSG("chk_moved_date_future"), -1, q->moved_date, NULL, NULL);
		} else if (typed && w->todoke_ok && strcmp(q->moved_date, q->todoke_date) > 0) {
			/* A 届出 made before the move, keyed after its 予定日, is fine. */
			check_add(l, CHECK_ERROR, MSG("chk_moved_after_todoke"), -1, q->moved_date,
			          q->todoke_date, NULL);
		} else {
			i18n_date_format_iso(d + 14, res->last_day);
			if (strcmp(q->todoke_date, res->last_day) > 0) {
				res->shokken = 1;
				check_add(l, CHECK_ALERT, MSG("chk_tenshutsu_shokken"), -1, res->last_day,
				          NULL, NULL);
				if (q->tokurei)
					check_add(l, CHECK_ERROR, MSG("chk_tokurei_late_tenshutsu"), -1,
					          res->last_day, NULL, NULL);
			}
		}
		if (!q->planned_date[0])
			memcpy(q->planned_date, q->moved_date, sizeof q->planned_date);
	}
	if (i18n_date_parse_iso(q->planned_date, &d) != 0)
		check_add(l, CHECK_ERROR, MSG("chk_planned_date_invalid"), -1, q->planned_date, NULL, NULL);
}

/* Household rules: 世帯主 leaving (令25; 標準仕様 4.0.4, 4.1.4.2). */
static void ts_head(struct ts_work *w, struct tenshutsu_result *res)
{
	struct tenshutsu_req *q = &w->q;
	struct check_list *l = &res->checks;

	res->remaining = w->nstay;
	for (int i = 0; i < q->n; i++)
		if (w->h.head_atena[0] && strcmp(w->h.head_atena, q->atena[i]) == 0)
			w->head_leaves = 1;
	if (!w->head_leaves) {
		if (q->new_head[0])
			check_add(l, CHECK_ERROR, MSG("chk_new_head_not_needed"), -1, NULL, NULL, NULL);
		return;
	}
	if (w->nstay == 1) {
		memcpy(res->auto_head, w->stay[0].atena_no, DB_ID_CAP);
		check_add(l, CHECK_INFO, MSG("chk_auto_head"), -1, w->stay[0].atena_no, NULL, NULL);
		return;
	}
	if (w->nstay < 2)
		return;
	if (!q->new_head[0]) {
		check_add(l, CHECK_ERROR, MSG("chk_new_head_required"), -1, NULL, NULL, NULL);
		return;
	}
	{
		int found = 0;

		for (int i = 0; i < w->nstay; i++) {
			const char *z;

			if (strcmp(w->stay[i].atena_no, q->new_head) == 0) {
				found = 1;
				continue;
			}
			z = ts_new_zokugara(q, w->stay[i].atena_no);
			if (!z || !zokugara_valid(z, 0))
				check_add(l, CHECK_ERROR, MSG("chk_new_zokugara_required"), -1,
				          w->stay[i].atena_no, NULL, NULL);
		}
		if (!found)
			check_add(l, CHECK_ERROR, MSG("chk_new_head_not_member"), -1, q->new_head, NULL, NULL);
	}
}

/* 特例転出 (法24の2①②): every mover holds a valid card, or moves with the card-holding 世帯主. */
static void ts_tokurei(struct ts_work *w, struct tenshutsu_result *res)
{
	struct tenshutsu_req *q = &w->q;
	int head_card = 0;

	if (!q->tokurei)
		return;
	for (int i = 0; i < q->n; i++)
		if (w->head_leaves && strcmp(w->mover[i].atena_no, w->h.head_atena) == 0)
			head_card = ts_card_valid(&w->mover[i], q->todoke_date);
	for (int i = 0; i < q->n; i++)
		if (!ts_card_valid(&w->mover[i], q->todoke_date) && !head_card)
			check_add(&res->checks, CHECK_ERROR, MSG("chk_tokurei_no_card"), i,
			          w->mover[i].atena_no, NULL, NULL);
}

/*
 * A mover whom the future-dated 転出 of the 世帯主 names as the next 世帯主:
 * that change will not fit when its day comes, and the 世帯 is settled
 * again then (wf_setai_takeover). The clerk says so at the counter.
 */
static int ts_pending_head(struct app_ctx *ctx, struct ts_work *w, int i,
                           struct tenshutsu_result *res)
{
	char leaver[DB_HOUSEHOLD_ID_CAP];
	struct db_resident *r;
	int rc = db_household_pending_named(ctx->db, w->q.atena[i], leaver);

	if (rc == MG_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	r = malloc(sizeof *r);
	if (!r)
		return MG_ENOMEM;
	rc = db_resident_current(ctx->db, leaver, r);
	if (rc == 0)
		check_add(&res->checks, CHECK_ALERT, MSG("chk_mover_pending_head"), i, w->q.atena[i],
		          r->dest_planned_date, NULL);
	free(r);
	return rc == MG_ENOTFOUND ? 0 : rc;
}

/* Run every check (no writes). */
static int ts_checks(struct app_ctx *ctx, struct ts_work *w, struct tenshutsu_result *res)
{
	struct tenshutsu_req *q = &w->q;
	struct check_list *l = &res->checks;
	char tmp[DB_ADDR_CAP];
	int rc;

	if (q->n <= 0 || q->n > WF_MAX_PERSONS) {
		check_add(l, CHECK_ERROR, MSG("chk_no_persons"), -1, NULL, NULL, NULL);
		return 0;
	}
	if (q->dest_address[0] && i18n_text_nfkc(q->dest_address, tmp, sizeof tmp) >= 0)
		wf_copy(q->dest_address, sizeof q->dest_address, tmp);
	if (q->dest_muni_code[0] && i18n_text_digits(q->dest_muni_code, tmp, sizeof tmp) >= 0)
		wf_copy(q->dest_muni_code, sizeof q->dest_muni_code, tmp);
	if (!q->dest_address[0])
		check_add(l, CHECK_ERROR, MSG("chk_dest_required"), -1, NULL, NULL, NULL);
	if (!ident_muni_city_valid(q->dest_muni_code))
		check_add(l, CHECK_ERROR, MSG("chk_muni_code_invalid"), -1, q->dest_muni_code, NULL, NULL);
	else if (strcmp(q->dest_muni_code, ctx->muni_code) == 0)
		check_add(l, CHECK_ERROR, MSG("chk_tenshutsu_same_muni"), -1, NULL, NULL, NULL);
	ts_dates(ctx, w, res);
	rc = db_household_get(ctx->db, q->setai_no, &w->h);
	if (rc == MG_ENOTFOUND || (rc == 0 && w->h.closed_on[0])) {
		check_add(l, CHECK_ERROR, MSG("chk_setai_unknown"), -1, q->setai_no, NULL, NULL);
		return 0;
	}
	if (rc)
		return rc;
	for (int i = 0; i < q->n; i++) {
		const char *since, *moved;

		rc = db_resident_current(ctx->db, q->atena[i], &w->mover[i]);
		if (rc == MG_ENOTFOUND) {
			check_add(l, CHECK_ERROR, MSG("chk_person_unknown"), i, q->atena[i], NULL, NULL);
			continue;
		}
		if (rc)
			return rc;
		if (strcmp(w->mover[i].state, "current") != 0)
			check_add(l, CHECK_ERROR, MSG("chk_not_current"), i, q->atena[i], NULL, NULL);
		if (strcmp(w->mover[i].setai_no, q->setai_no) != 0)
			check_add(l, CHECK_ERROR, MSG("chk_not_in_setai"), i, q->atena[i], NULL, NULL);
		/* A 転出届 cannot predate the day the mover took up this address
		 * (住所を定めた日; a 世帯主変更 since then does not count). */
		since = w->mover[i].jusho_date[0] ? w->mover[i].jusho_date : w->mover[i].idou_date;
		if (w->todoke_ok && strcmp(q->todoke_date, since) < 0)
			check_add(l, CHECK_ERROR, MSG("chk_todoke_before_idou"), i, q->todoke_date, since,
			          NULL);
		/* nor can the move itself: a 除票 before 住所を定めた日 (rv19wf M2) */
		moved = q->moved_date[0] ? q->moved_date : q->planned_date;
		if (moved[0] && strcmp(moved, since) < 0)
			check_add(l, CHECK_ERROR, MSG("chk_tenshutsu_before_jusho"), i, moved, since,
			          NULL);
		for (int j = 0; j < i; j++)
			if (strcmp(q->atena[i], q->atena[j]) == 0)
				check_add(l, CHECK_ERROR, MSG("chk_person_twice"), i, NULL, NULL, NULL);
		rc = ts_pending_head(ctx, w, i, res);
		if (rc)
			return rc;
	}
	rc = db_resident_household(ctx->db, q->setai_no, ts_member, w);
	if (rc)
		return rc;
	ts_head(w, res);
	ts_tokurei(w, res);
	return 0;
}

/* Prepare the work area and run the checks. */
static int ts_prepare(struct app_ctx *ctx, const struct tenshutsu_req *req,
                      struct tenshutsu_result *res, struct ts_work **out)
{
	struct ts_work *w;
	int rc;

	memset(res, 0, sizeof *res);
	check_init(&res->checks);
	rc = perm_check(ctx, PERM_WORKFLOW);
	if (rc)
		return rc;
	w = calloc(1, sizeof *w);
	if (!w)
		return MG_ENOMEM;
	w->q = *req;
	wf_today(ctx, w->today);
	rc = ts_checks(ctx, w, res);
	if (rc) {
		free(w);
		return rc;
	}
	*out = w;
	return 0;
}

int tenshutsu_check(struct app_ctx *ctx, const struct tenshutsu_req *req,
                    struct tenshutsu_result *res)
{
	struct ts_work *w = NULL;
	int rc = ts_prepare(ctx, req, res, &w);

	free(w);
	return rc;
}

/* Append the 転出 row of mover i (転出予定, or 除票 when the planned date has come). */
static int ts_write_mover(struct app_ctx *ctx, const struct ts_work *w, int i,
                          const struct tenshutsu_result *res, struct db_resident *r)
{
	const struct tenshutsu_req *q = &w->q;
	int jyohyo = strcmp(q->planned_date, w->today) <= 0;
	int rc;

	*r = w->mover[i];
	r->rireki_no++;
	wf_copy(r->dest_planned, sizeof r->dest_planned, q->dest_address);
	wf_copy(r->dest_muni_code, sizeof r->dest_muni_code, q->dest_muni_code);
	wf_copy(r->dest_planned_date, sizeof r->dest_planned_date, q->planned_date);
	r->tokurei = q->tokurei;
	wf_copy(r->idou_jiyu, sizeof r->idou_jiyu, "tenshutsu");
	wf_copy(r->idou_date, sizeof r->idou_date, q->planned_date);
	wf_copy(r->todoke_date, sizeof r->todoke_date, q->todoke_date);
	wf_copy(r->shori_date, sizeof r->shori_date, w->today);
	wf_copy(r->todoke_kind, sizeof r->todoke_kind, res->shokken ? "shokken" : "todoke");
	wf_copy(r->uketsuke_no, sizeof r->uketsuke_no, res->uketsuke_no);
	if (jyohyo) {
		/* 令13①: 消除 with the reason and the planned date as the event date. */
		wf_copy(r->state, sizeof r->state, "jyohyo");
		wf_copy(r->shojo_jiyu, sizeof r->shojo_jiyu, "tenshutsu");
		wf_copy(r->shojo_date, sizeof r->shojo_date, q->planned_date);
	} else {
		wf_copy(r->state, sizeof r->state, "yotei");
	}
	rc = db_resident_append(ctx->db, r);
	if (rc == 0 && jyohyo)
		rc = wf_honnin(ctx, r, "shojo", res->uketsuke_no);
	if (rc == 0 && q->tokurei)
		rc = wf_tenshutsu_info(ctx, r, strcmp(w->h.head_atena, r->atena_no) == 0,
		                       q->dest_muni_code, res->uketsuke_no, res->uketsuke_no, NULL);
	return rc;
}

/* 1 when the 転出 takes effect after today: the leaving 世帯主 stays 世帯主 until then. */
static int ts_later(const struct ts_work *w)
{
	return strcmp(w->q.planned_date, w->today) > 0;
}

/*
 * Give a remaining member its new 続柄 under the new 世帯主 nh: at once when
 * the 転出 is effective today or earlier, else queued until the leaving
 * 世帯主's 除票 (wf_setai_takeover), so the 世帯 never has two 世帯主.
 */
static int ts_stay_change(struct app_ctx *ctx, const struct ts_work *w,
                          const struct db_resident *cur, const char *zokugara,
                          const struct db_resident *nh, const char *uketsuke_no, const char *kind)
{
	struct db_setai_pending p;

	memset(&p, 0, sizeof p);
	wf_copy(p.leaving_atena, sizeof p.leaving_atena, w->h.head_atena);
	wf_copy(p.atena_no, sizeof p.atena_no, cur->atena_no);
	wf_copy(p.setai_no, sizeof p.setai_no, w->q.setai_no);
	wf_copy(p.zokugara, sizeof p.zokugara, zokugara);
	wf_copy(p.head_atena, sizeof p.head_atena, nh->atena_no);
	wf_copy(p.head_name, sizeof p.head_name, nh->name);
	wf_copy(p.todoke_kind, sizeof p.todoke_kind, kind);
	wf_copy(p.todoke_date, sizeof p.todoke_date, w->q.todoke_date);
	wf_copy(p.uketsuke_no, sizeof p.uketsuke_no, uketsuke_no);
	if (!ts_later(w))
		return wf_setai_apply(ctx, cur, &p, w->q.planned_date);
	return db_household_pending_add(ctx->db, &p);
}

/*
 * Household changes when the 世帯主 leaves or the household empties. A 世帯
 * whose members all leave on later days stays open until the last of them
 * is a 除票 (wf_setai_takeover closes it then): until that day they live
 * there, and someone may still join it.
 */
static int ts_household(struct app_ctx *ctx, const struct ts_work *w,
                        const struct tenshutsu_result *res)
{
	const struct tenshutsu_req *q = &w->q;
	const struct db_resident *nh = NULL;
	int rc = 0;

	if (w->nstay == 0)
		return ts_later(w) ? 0 : db_household_close(ctx->db, q->setai_no, q->planned_date);
	if (!w->head_leaves) {
		/* A 世帯 without a 世帯主 that one member is left in: that member is
		 * its 世帯主 by 職権 (令25) from the day, as wf_setai_takeover does for
		 * a later 除票 (rv19wf M3). */
		if (ts_later(w) || w->h.head_atena[0] || w->nstay != 1)
			return 0;
		nh = &w->stay[0];
		return ts_stay_change(ctx, w, nh, "世帯主", nh, res->uketsuke_no, "shokken");
	}
	if (w->nstay == 1) {
		/* 令25: the one remaining member is the 世帯主 without a 世帯変更届. */
		nh = &w->stay[0];
		rc = ts_stay_change(ctx, w, nh, "世帯主", nh, res->uketsuke_no, "shokken");
	} else {
		for (int i = 0; i < w->nstay; i++)
			if (strcmp(w->stay[i].atena_no, q->new_head) == 0)
				nh = &w->stay[i];
		if (!nh)
			return MG_ESTATE;
		for (int i = 0; i < w->nstay && rc == 0; i++) {
			const char *z = &w->stay[i] == nh ? "世帯主" : ts_new_zokugara(q, w->stay[i].atena_no);

			rc = ts_stay_change(ctx, w, &w->stay[i], z, nh, res->uketsuke_no, "todoke");
		}
	}
	return rc;
}

/* Issue the 転出証明書 (or 準ずる証明書) for the movers' new rows. */
static int ts_certificate(struct app_ctx *ctx, const struct ts_work *w,
                          struct tenshutsu_result *res, char (*atena)[DB_ID_CAP])
{
	const char *ids[WF_MAX_PERSONS];
	int rireki[WF_MAX_PERSONS];
	struct db_form f;
	char serial[24];
	int rc;

	for (int i = 0; i < w->q.n; i++) {
		ids[i] = atena[i];
		rireki[i] = w->mover[i].rireki_no + 1;
	}
	wf_copy(res->cert_kind, sizeof res->cert_kind, res->shokken ? "junzuru" : "ordinary");
	rc = db_cert_add(ctx->db, res->cert_kind, res->uketsuke_no, w->today, ids, rireki, w->q.n,
	                 &res->cert_serial);
	if (rc)
		return rc;
	memset(&f, 0, sizeof f);
	wf_copy(f.form_kind, sizeof f.form_kind,
	        res->shokken ? "tenshutsu_junzuru" : "tenshutsu_cert");
	snprintf(serial, sizeof serial, "%lld", res->cert_serial);
	wf_copy(f.form_serial, sizeof f.form_serial, serial);
	wf_copy(f.uketsuke_no, sizeof f.uketsuke_no, res->uketsuke_no);
	wf_now(f.issued_at);
	if (ctx->sess)
		wf_copy(f.operator_id, sizeof f.operator_id, ctx->sess->operator_id);
	wf_copy(f.terminal, sizeof f.terminal, ctx->terminal ? ctx->terminal : "");
	f.copies = 1;
	rc = db_cert_register_form(ctx->db, &f);
	if (rc == 0)
		rc = audit_log(ctx, AUDIT_CERT_ISSUE, serial, f.form_kind);
	return rc;
}

int tenshutsu_commit(struct app_ctx *ctx, const struct tenshutsu_req *req,
                     struct tenshutsu_result *res)
{
	struct ts_work *w = NULL;
	struct db_resident *r = NULL;
	char (*atena)[DB_ID_CAP] = NULL;
	char alerts[512];
	int rc;

	rc = db_begin(ctx->db);
	if (rc)
		return rc;
	rc = ts_prepare(ctx, req, res, &w);
	if (rc == 0)
		rc = check_verdict(&res->checks, req->alerts_acknowledged);
	if (rc == 0) {
		r = malloc(sizeof *r);
		atena = calloc(WF_MAX_PERSONS, DB_ID_CAP);
		if (!r || !atena)
			rc = MG_ENOMEM;
	}
	if (rc == 0) {
		check_alert_ids(&res->checks, alerts, sizeof alerts);
		rc = wf_uketsuke(ctx, req->tokurei ? "tokurei_tenshutsu" : "tenshutsu",
		                 w->q.todoke_date, alerts, res->uketsuke_no);
	}
	for (int i = 0; rc == 0 && i < w->q.n; i++) {
		memcpy(atena[i], w->mover[i].atena_no, DB_ID_CAP);
		rc = ts_write_mover(ctx, w, i, res, r);
	}
	if (rc == 0)
		rc = ts_household(ctx, w, res);
	if (rc == 0 && !w->q.tokurei)
		rc = ts_certificate(ctx, w, res, atena);
	if (rc == 0)
		rc = wf_audit_commit(ctx, req->tokurei ? "tokurei_tenshutsu" : "tenshutsu",
		                     res->uketsuke_no, atena, w->q.n, w->q.todoke_date);
	rc = db_finish(ctx->db, rc);
	if (rc) {
		res->uketsuke_no[0] = '\0';
		res->cert_serial = 0;
	}
	free(atena);
	free(r);
	free(w);
	return rc;
}
