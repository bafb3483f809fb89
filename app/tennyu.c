/* tennyu.c — 転入 with a paper 転出証明書. */
#include "app/tennyu.h"
#include "app/audit.h"
#include "app/csmsg.h"
#include "app/ident.h"
#include "app/perm.h"
#include "app/wf.h"
#include "app/zokugara.h"
#include "db/db.h"
#include "db/db_household.h"
#include "db/db_registry.h"
#include "i18n/i18n_kana.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The request after normalisation, and what the checks learned. */
struct tn_work {
	struct tennyu_req q;                     /* normalised copy */
	struct wf_match match[WF_MAX_PERSONS];
	struct db_machiaza town;
	struct db_resident head;                 /* current head of the joined household */
	char head_name[DB_NAME_CAP];
	char today[DB_DATE_CAP];
};

/* Add a finding when there is a list to add it to (tennyu_normalise takes NULL). */
static void tn_add(struct check_list *l, const char *msgid, int person, const char *a0)
{
	if (l)
		check_add(l, CHECK_ERROR, msgid, person, a0, NULL, NULL);
}

/* Normalise one text field in place; on failure add an error for the person
 * (its own one when the value only grew too long: spaces become U+3000). */
static void tn_norm(struct check_list *l, int person, char *field, size_t cap,
                    int (*fn)(const char *, char *, size_t), const char *msgid)
{
	char tmp[DB_ADDR_CAP];
	int rc;

	if (!field[0])
		return;
	rc = fn(field, tmp, sizeof tmp);
	if (rc == MG_ETOOLONG || (rc >= 0 && strlen(tmp) >= cap)) {
		tn_add(l, MSG("chk_text_too_long"), person, NULL);
		return;
	}
	if (rc < 0) {
		tn_add(l, msgid, person, NULL);
		return;
	}
	memcpy(field, tmp, strlen(tmp) + 1);
}

/* 令23② 四: the 基礎年金番号 is 10 digits (4+6); full-width digits, hyphens
 * and spaces of the input are normalised away, anything else is an error. */
static void tn_kiso(struct check_list *l, int person, char *kiso, size_t cap)
{
	char tmp[DB_ADDR_CAP];
	size_t n;

	if (!kiso[0])
		return;
	if (i18n_text_digits(kiso, tmp, sizeof tmp) < 0 || (n = strlen(tmp)) != 10 || n >= cap) {
		tn_add(l, MSG("chk_kiso_nenkin_invalid"), person, NULL);
		return;
	}
	memcpy(kiso, tmp, n + 1);
}

/* Remove the suffix suf from s when s ends with it (and is longer). */
static void tn_strip_suffix(char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	if (n > k && strcmp(s + n - k, suf) == 0)
		s[n - k] = '\0';
}

/* The 国民年金 種別 (令23② 四) as stored: NFKC, without the "被保険者" the
 * item's name already says, "第N号" for 1/2/3 written any way ("1", "1号",
 * "第１号", "第一号被保険者"). What still does not fit the registry's column
 * (63 bytes) is an error, never cut. */
static void tn_nenkin_kind(struct check_list *l, int person, char *kind, size_t cap)
{
	static const char *const kanji[] = { "一", "二", "三" };
	char tmp[DB_ADDR_CAP];
	const char *p;
	size_t n;
	int no = 0;

	if (!kind[0])
		return;
	if (i18n_text_nfkc(kind, tmp, sizeof tmp) < 0) {
		tn_add(l, MSG("chk_text_invalid"), person, NULL);
		return;
	}
	/* Spaces around the value and inside it ("第 1 号") carry nothing. */
	n = 0;
	for (p = tmp; *p; p++)
		if (*p != ' ')
			tmp[n++] = *p;
	tmp[n] = '\0';
	tn_strip_suffix(tmp, "被保険者");
	p = tmp;
	if (strncmp(p, "第", strlen("第")) == 0)
		p += strlen("第");
	if (*p >= '1' && *p <= '3') {
		no = *p - '0';
		p++;
	} else {
		for (int i = 0; i < 3 && !no; i++)
			if (strncmp(p, kanji[i], strlen(kanji[i])) == 0) {
				no = i + 1;
				p += strlen(kanji[i]);
			}
	}
	if (no && strncmp(p, "号", strlen("号")) == 0)
		p += strlen("号");
	if (no && !*p)
		snprintf(tmp, sizeof tmp, "第%d号", no);
	n = strlen(tmp);
	if (n >= sizeof ((struct db_resident *)0)->nenkin_kind || n >= cap) {
		tn_add(l, MSG("chk_nenkin_kind_long"), person, kind);
		return;
	}
	memcpy(kind, tmp, n + 1);
}

void tennyu_normalise(struct tennyu_req *q, struct check_list *l)
{
	tn_norm(l, -1, q->prev_address, sizeof q->prev_address, i18n_text_nfkc, MSG("chk_text_invalid"));
	tn_norm(l, -1, q->prev_muni_code, sizeof q->prev_muni_code, i18n_text_digits, MSG("chk_muni_code_invalid"));
	tn_norm(l, -1, q->banchi, sizeof q->banchi, i18n_text_nfkc, MSG("chk_text_invalid"));
	tn_norm(l, -1, q->katagaki, sizeof q->katagaki, i18n_text_nfkc, MSG("chk_text_invalid"));
	for (int i = 0; i < q->n && i < WF_MAX_PERSONS; i++) {
		struct tennyu_person *p = &q->p[i];

		tn_norm(l, i, p->name, sizeof p->name, i18n_text_name, MSG("chk_name_invalid"));
		tn_norm(l, i, p->name_kana, sizeof p->name_kana, i18n_text_kana, MSG("chk_kana_invalid"));
		tn_norm(l, i, p->kojin_bango, sizeof p->kojin_bango, i18n_text_digits, MSG("chk_kojin_invalid"));
		tn_norm(l, i, p->juminhyo_code, sizeof p->juminhyo_code, i18n_text_digits, MSG("chk_jcode_invalid"));
		tn_norm(l, i, p->honseki, sizeof p->honseki, i18n_text_nfkc, MSG("chk_text_invalid"));
		tn_norm(l, i, p->hittosha, sizeof p->hittosha, i18n_text_name, MSG("chk_text_invalid"));
		tn_nenkin_kind(l, i, p->nenkin_kind, sizeof p->nenkin_kind);
		tn_kiso(l, i, p->kiso_nenkin_no, sizeof p->kiso_nenkin_no);
	}
}

/* Checks of the dates (標準仕様 4.0.3, 4.1.0.2; 法22①, 地方自治法4条の2④). */
static int tn_dates(struct app_ctx *ctx, struct tn_work *w, struct tennyu_result *res)
{
	static const struct wf_event_msgs msgs = {
		MSG("chk_tennyu_date_invalid"), MSG("chk_tennyu_after_todoke"), MSG("chk_tennyu_late")
	};

	/* 法22①: within 14 days, the last day moved past a 休日. */
	return wf_event_dates(ctx, w->q.todoke_date, w->q.tennyu_date, &msgs, &res->checks,
	                      res->last_day);
}

/* Checks of the new address and the household (標準仕様 4.0.2, 1.1.10, 1.1.11). */
static int tn_household(struct app_ctx *ctx, struct tn_work *w, struct tennyu_result *res)
{
	struct tennyu_req *q = &w->q;
	struct check_list *l = &res->checks;
	int heads = 0, rc;

	rc = db_registry_machiaza(ctx->db, q->addr_code, &w->town);
	if (rc == MG_ENOTFOUND)
		check_add(l, CHECK_ERROR, MSG("chk_addr_unknown"), -1, q->addr_code, NULL, NULL);
	else if (rc)
		return rc;
	for (int i = 0; i < q->n; i++) {
		const char *z = q->p[i].zokugara;

		if (zokugara_is_head(z))
			heads++;
		else if (!zokugara_valid(z, 0))
			check_add(l, CHECK_ERROR, MSG("chk_zokugara_invalid"), i, z, NULL, NULL);
	}
	if (q->join_setai[0]) {
		struct db_household h;

		rc = db_household_get(ctx->db, q->join_setai, &h);
		if (rc == MG_ENOTFOUND || (rc == 0 && h.closed_on[0])) {
			check_add(l, CHECK_ERROR, MSG("chk_setai_unknown"), -1, q->join_setai, NULL, NULL);
			return 0;
		}
		if (rc)
			return rc;
		if (heads > 0)
			check_add(l, CHECK_ERROR, MSG("chk_join_with_head"), -1, NULL, NULL, NULL);
		if (strcmp(h.addr_code, q->addr_code) != 0 || strcmp(h.banchi, q->banchi) != 0 ||
		    strcmp(h.katagaki, q->katagaki) != 0)
			check_add(l, CHECK_ERROR, MSG("chk_join_other_address"), -1, NULL, NULL, NULL);
		if (h.head_atena[0]) {
			rc = db_resident_current(ctx->db, h.head_atena, &w->head);
			if (rc)
				return rc;
			memcpy(w->head_name, w->head.name, sizeof w->head_name);
			/* The 世帯主 leaves on a later day: who follows him is settled then. */
			if (strcmp(w->head.state, "yotei") == 0)
				check_add(l, CHECK_ALERT, MSG("chk_join_head_leaving"), -1,
				          w->head.dest_planned_date, NULL, NULL);
		} else {
			/* A 世帯 left without a 世帯主 (wf_setai_takeover): the
			 * 続柄 relates to nobody until a 世帯主変更届 names one. */
			check_add(l, CHECK_ALERT, MSG("chk_join_no_head"), -1, q->join_setai, NULL,
			          NULL);
		}
		memcpy(res->setai_no, q->join_setai, sizeof res->setai_no);
		return 0;
	}
	if (heads > 1)
		check_add(l, CHECK_ERROR, MSG("chk_multiple_heads"), -1, NULL, NULL, NULL);
	else if (heads == 0)
		check_add(l, CHECK_ALERT, MSG("chk_no_head"), -1, NULL, NULL, NULL);
	for (int i = 0; i < q->n; i++)
		if (zokugara_is_head(q->p[i].zokugara))
			memcpy(w->head_name, q->p[i].name, sizeof w->head_name);
	return 0;
}

/*
 * A 再転入 found by 個人番号 or 住民票コード continues the 除票's history, so it
 * must be that person (rv19wf H1): another 生年月日 or 性別 is a wrong or
 * swapped number, an error; another 氏名 may be a marriage, an alert.
 */
static void tn_reentry_same(struct check_list *l, int i, const struct tennyu_person *p,
                            const struct wf_match *m)
{
	char k1[DB_NAME_CAP * 2], k2[DB_NAME_CAP * 2];

	if (strcmp(p->birth, m->birth) != 0)
		check_add(l, CHECK_ERROR, MSG("chk_reentry_birth_differs"), i, m->atena, m->birth,
		          NULL);
	if (strcmp(p->sex, m->sex) != 0)
		check_add(l, CHECK_ERROR, MSG("chk_reentry_sex_differs"), i, m->atena, NULL, NULL);
	/* the same name as written (not as searched: はな is not ハナ) */
	if (i18n_kana_name_ident(p->name, k1, sizeof k1) < 0 ||
	    i18n_kana_name_ident(m->name, k2, sizeof k2) < 0 || strcmp(k1, k2) != 0)
		check_add(l, CHECK_ALERT, MSG("chk_reentry_name_differs"), i, m->atena, m->name, NULL);
}

/*
 * A 再転入 begins after the 除票 ended: a 転入日 on or before its 消除日 would
 * make two residence periods overlap (rv19wf M4). A wrong 消除日 is mended by
 * 異動の取消し or 職権修正 (標準仕様 4.6), not by a second period.
 */
static void tn_reentry_after(struct check_list *l, int i, const struct tennyu_req *q,
                             const struct wf_match *m)
{
	if (m->shojo_date[0] && q->tennyu_date[0] && strcmp(q->tennyu_date, m->shojo_date) <= 0)
		check_add(l, CHECK_ERROR, MSG("chk_reentry_before_shojo"), i, q->tennyu_date,
		          m->atena, m->shojo_date);
}

/* Checks of each person's items and their relation to the registry. */
static int tn_persons(struct app_ctx *ctx, struct tn_work *w, struct tennyu_result *res)
{
	struct tennyu_req *q = &w->q;
	struct check_list *l = &res->checks;

	for (int i = 0; i < q->n; i++) {
		struct tennyu_person *p = &q->p[i];
		char name_key[DB_NAME_CAP];
		int rc;

		if (!p->name[0])
			check_add(l, CHECK_ERROR, MSG("chk_name_required"), i, NULL, NULL, NULL);
		if (!p->name_kana[0])
			check_add(l, CHECK_ERROR, MSG("chk_kana_required"), i, NULL, NULL, NULL);
		if (!wf_check_birth(p->birth, w->today))
			check_add(l, CHECK_ERROR, MSG("chk_birth_invalid"), i, p->birth, NULL, NULL);
		if (strcmp(p->sex, "1") != 0 && strcmp(p->sex, "2") != 0 &&
		    strcmp(p->sex, "9") != 0)
			check_add(l, CHECK_ERROR, MSG("chk_sex_invalid"), i, p->sex, NULL, NULL);
		if (p->kojin_bango[0] && !ident_kojin_bango_valid(p->kojin_bango))
			check_add(l, CHECK_ERROR, MSG("chk_kojin_invalid"), i, NULL, NULL, NULL);
		if (p->juminhyo_code[0] && !ident_juminhyo_code_valid(p->juminhyo_code))
			check_add(l, CHECK_ERROR, MSG("chk_jcode_invalid"), i, NULL, NULL, NULL);
		if (!p->juminhyo_code[0])
			check_add(l, CHECK_ERROR, MSG("chk_jcode_required"), i, NULL, NULL, NULL);
		for (int j = 0; j < i; j++)
			if ((p->kojin_bango[0] && strcmp(p->kojin_bango, q->p[j].kojin_bango) == 0) ||
			    (p->juminhyo_code[0] &&
			     strcmp(p->juminhyo_code, q->p[j].juminhyo_code) == 0))
				check_add(l, CHECK_ERROR, MSG("chk_person_twice"), i, NULL, NULL, NULL);
		if (!p->name[0] || i18n_kana_name_key(p->name, name_key, sizeof name_key) < 0)
			name_key[0] = '\0';
		rc = wf_match_person(ctx, p->kojin_bango, p->juminhyo_code, name_key, p->birth,
		                     p->sex, &w->match[i]);
		if (rc)
			return rc;
		switch (w->match[i].kind) {
		case WF_MATCH_CURRENT_ID:
			check_add(l, CHECK_ERROR, MSG("chk_already_resident"), i, w->match[i].atena,
			          NULL, NULL);
			break;
		case WF_MATCH_JYOHYO_ID:
			res->reentry[i] = 1;
			memcpy(res->atena[i], w->match[i].atena, DB_ID_CAP);
			check_add(l, CHECK_INFO, MSG("chk_reentry"), i, w->match[i].atena, NULL, NULL);
			tn_reentry_same(l, i, p, &w->match[i]);
			tn_reentry_after(l, i, q, &w->match[i]);
			break;
		case WF_MATCH_CURRENT_3:
			memcpy(res->match_atena[i], w->match[i].atena, DB_ID_CAP);
			check_add(l, CHECK_ALERT, MSG("chk_maybe_resident"), i, w->match[i].atena,
			          NULL, NULL);
			break;
		case WF_MATCH_JYOHYO_3:
			memcpy(res->match_atena[i], w->match[i].atena, DB_ID_CAP);
			check_add(l, CHECK_ALERT, MSG("chk_maybe_reentry"), i, w->match[i].atena,
			          NULL, NULL);
			if (p->reuse_atena[0]) {
				if (strcmp(p->reuse_atena, w->match[i].atena) != 0) {
					check_add(l, CHECK_ERROR, MSG("chk_reuse_mismatch"), i,
					          p->reuse_atena, NULL, NULL);
				} else {
					res->reentry[i] = 1;
					memcpy(res->atena[i], w->match[i].atena, DB_ID_CAP);
					tn_reentry_after(l, i, q, &w->match[i]);
				}
			}
			break;
		case WF_MATCH_NONE:
			if (p->reuse_atena[0])
				check_add(l, CHECK_ERROR, MSG("chk_reuse_mismatch"), i, p->reuse_atena,
				          NULL, NULL);
			break;
		}
	}
	return 0;
}

/* Run every check into res (no writes). */
static int tn_checks(struct app_ctx *ctx, struct tn_work *w, struct tennyu_result *res)
{
	struct tennyu_req *q = &w->q;
	struct check_list *l = &res->checks;
	int rc;

	if (q->n <= 0 || q->n > WF_MAX_PERSONS) {
		check_add(l, CHECK_ERROR, MSG("chk_no_persons"), -1, NULL, NULL, NULL);
		return 0;
	}
	tennyu_normalise(q, l);
	if (!q->prev_address[0])
		check_add(l, CHECK_ERROR, MSG("chk_prev_address_required"), -1, NULL, NULL, NULL);
	if (!ident_muni_city_valid(q->prev_muni_code))
		check_add(l, CHECK_ERROR, MSG("chk_muni_code_invalid"), -1, q->prev_muni_code, NULL, NULL);
	else if (strcmp(q->prev_muni_code, ctx->muni_code) == 0)
		check_add(l, CHECK_ERROR, MSG("chk_tennyu_same_muni"), -1, NULL, NULL, NULL);
	rc = tn_dates(ctx, w, res);
	if (rc == 0)
		rc = tn_household(ctx, w, res);
	if (rc == 0)
		rc = tn_persons(ctx, w, res);
	return rc;
}

/* Prepare the work area and run the checks. */
static int tn_prepare(struct app_ctx *ctx, const struct tennyu_req *req,
                      struct tennyu_result *res, struct tn_work **out)
{
	struct tn_work *w;
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
	rc = tn_checks(ctx, w, res);
	if (rc) {
		free(w);
		return rc;
	}
	*out = w;
	return 0;
}

/*
 * rv-privacy 4: a check that names an existing person (個人番号 / 住民票コード
 * or 氏名+生年月日+性別 of a resident or 除票) is a lookup, so it is logged as
 * a search with the 宛名番号s it shows (audit.h conventions: ids only, never
 * the 個人番号 or the name), for the monthly review of unfollowed lookups.
 * Returns 0 (also when nothing matched) or a db code.
 */
static int tn_log_matches(struct app_ctx *ctx, const struct tn_work *w)
{
	char detail[128 + WF_MAX_PERSONS * DB_ID_CAP];
	char ids[WF_MAX_PERSONS * DB_ID_CAP] = "";
	const char *wfname = w->q.workflow[0] ? w->q.workflow : "tennyu";
	int n = 0, by_id = 0, by_3 = 0;

	for (int i = 0; i < w->q.n && i < WF_MAX_PERSONS; i++) {
		const struct wf_match *m = &w->match[i];
		int seen = 0;

		if (m->kind == WF_MATCH_NONE || !m->atena[0])
			continue;
		if (m->kind == WF_MATCH_CURRENT_ID || m->kind == WF_MATCH_JYOHYO_ID)
			by_id = 1;
		else
			by_3 = 1;
		for (int j = 0; j < i; j++)
			if (w->match[j].kind != WF_MATCH_NONE && strcmp(w->match[j].atena, m->atena) == 0)
				seen = 1;
		if (seen || audit_ids_add(ids, sizeof ids, m->atena) != 0)
			continue;
		n++;
	}
	if (n == 0)
		return 0;
	snprintf(detail, sizeof detail, "criteria=tennyu_check match=%s%s%s%s%s count=%d atena=%s",
	         by_id ? "id" : "", by_id && by_3 ? "," : "", by_3 ? "3items" : "",
	         strcmp(wfname, "tennyu") != 0 ? " via=" : "",
	         strcmp(wfname, "tennyu") != 0 ? wfname : "", n, ids);
	return audit_log(ctx, AUDIT_SEARCH, NULL, detail);
}

int tennyu_check(struct app_ctx *ctx, const struct tennyu_req *req, struct tennyu_result *res)
{
	struct tn_work *w = NULL;
	int rc = tn_prepare(ctx, req, res, &w);

	/* Logged once per lookup: inside a transaction this is a commit's re-check. */
	if (rc == 0 && !ctx->db->tx) {
		rc = tn_log_matches(ctx, w);
		if (rc) {
			memset(res, 0, sizeof *res);
			check_init(&res->checks);
		}
	}
	free(w);
	return rc;
}

int tennyu_notice_send(struct app_ctx *ctx, const struct db_resident *r, const char *to_code,
                       const char *uketsuke_no, const char *notice_date, char *id_out)
{
	struct csmsg_out o;
	char *p;
	int rc;

	csmsg_begin(&o);
	csmsg_put(&o, "from_name", ctx->muni_name);
	csmsg_put(&o, "juminhyo_code", r->juminhyo_code);
	csmsg_put(&o, "kojin_bango", r->kojin_bango);
	csmsg_put(&o, "name", r->name);
	csmsg_put(&o, "birth", r->birth);
	csmsg_put(&o, "sex", r->sex);
	csmsg_put(&o, "new_address", r->addr_text);
	csmsg_put(&o, "tennyu_date", r->idou_date);
	csmsg_put(&o, "notice_date", notice_date);
	p = csmsg_end(&o, &rc);
	if (!p)
		return rc;
	return wf_send(ctx, "tennyu_notice", to_code, uketsuke_no, r->atena_no, p, id_out);
}

/* Build and append the history row of mover i. */
static int tn_write_person(struct app_ctx *ctx, const struct tn_work *w, int i,
                           struct tennyu_result *res, struct db_resident *r)
{
	const struct tennyu_req *q = &w->q;
	const struct tennyu_person *p = &q->p[i];
	int rc = 0;

	memset(r, 0, sizeof *r);
	if (res->reentry[i]) {
		struct db_resident old;

		rc = db_resident_current(ctx->db, res->atena[i], &old);
		if (rc)
			return rc;
		if (strcmp(old.state, "jyohyo") != 0)
			return MG_ESTATE;
		memcpy(r->atena_no, res->atena[i], DB_ID_CAP);
		r->rireki_no = old.rireki_no + 1;
	} else {
		rc = wf_new_atena(ctx, r->atena_no);
		if (rc)
			return rc;
		memcpy(res->atena[i], r->atena_no, DB_ID_CAP);
		r->rireki_no = 1;
	}
	wf_copy(r->name, sizeof r->name, p->name);
	wf_copy(r->name_kana, sizeof r->name_kana, p->name_kana);
	wf_copy(r->birth, sizeof r->birth, p->birth);
	wf_copy(r->sex, sizeof r->sex, p->sex);
	wf_copy(r->setai_no, sizeof r->setai_no, res->setai_no);
	wf_copy(r->zokugara, sizeof r->zokugara, p->zokugara);
	wf_copy(r->head_name, sizeof r->head_name, w->head_name);
	wf_copy(r->honseki, sizeof r->honseki, p->honseki);
	wf_copy(r->hittosha, sizeof r->hittosha, p->hittosha);
	wf_copy(r->kojin_bango, sizeof r->kojin_bango, p->kojin_bango);
	wf_copy(r->juminhyo_code, sizeof r->juminhyo_code, p->juminhyo_code);
	wf_copy(r->addr_code, sizeof r->addr_code, q->addr_code);
	wf_address(ctx, w->town.name, q->banchi, r->addr_text, sizeof r->addr_text);
	wf_copy(r->katagaki, sizeof r->katagaki, q->katagaki);
	wf_copy(r->postal_code, sizeof r->postal_code, w->town.postal_code);
	/* 標準仕様 4.1.1.1: 住所を定めた年月日 = 住民となった年月日 = 転入日. */
	wf_copy(r->jumin_date, sizeof r->jumin_date, q->tennyu_date);
	wf_copy(r->jusho_date, sizeof r->jusho_date, q->tennyu_date);
	wf_copy(r->prev_address, sizeof r->prev_address, q->prev_address);
	wf_copy(r->prev_muni_code, sizeof r->prev_muni_code, q->prev_muni_code);
	r->kokuho = p->kokuho;
	r->kouki = p->kouki;
	r->kaigo = p->kaigo;
	wf_copy(r->nenkin_kind, sizeof r->nenkin_kind, p->nenkin_kind);
	wf_copy(r->kiso_nenkin_no, sizeof r->kiso_nenkin_no, p->kiso_nenkin_no);
	r->jidou_teate = p->jidou_teate;
	wf_copy(r->card_issued, sizeof r->card_issued, p->card_issued);
	wf_copy(r->card_expiry, sizeof r->card_expiry, p->card_expiry);
	wf_copy(r->idou_jiyu, sizeof r->idou_jiyu, q->workflow[0] ? q->workflow : "tennyu");
	wf_copy(r->idou_date, sizeof r->idou_date, q->tennyu_date);
	wf_copy(r->todoke_date, sizeof r->todoke_date, q->todoke_date);
	wf_copy(r->shori_date, sizeof r->shori_date, w->today);
	wf_copy(r->todoke_kind, sizeof r->todoke_kind, "todoke");
	wf_copy(r->state, sizeof r->state, "current");
	wf_copy(r->uketsuke_no, sizeof r->uketsuke_no, res->uketsuke_no);
	rc = wf_keys(r);
	if (rc == 0)
		rc = db_resident_append(ctx->db, r);
	if (rc == 0)
		rc = tennyu_notice_send(ctx, r, w->q.prev_muni_code, res->uketsuke_no, w->today,
		                        NULL);
	if (rc == 0)
		rc = wf_honnin(ctx, r, "kisai", res->uketsuke_no);
	return rc;
}

int tennyu_apply(struct app_ctx *ctx, const struct tennyu_req *req, struct tennyu_result *res)
{
	const char *wfname = req->workflow[0] ? req->workflow : "tennyu";
	struct tn_work *w = NULL;
	struct db_resident *r = NULL;
	char alerts[512];
	char head_atena[DB_ID_CAP] = "";
	int rc;

	/* The checks run again inside the transaction: what was checked is what commits. */
	rc = tn_prepare(ctx, req, res, &w);
	if (rc == 0)
		rc = check_verdict(&res->checks, req->alerts_acknowledged);
	if (rc == 0) {
		r = malloc(sizeof *r);
		if (!r)
			rc = MG_ENOMEM;
	}
	if (rc == 0) {
		size_t k = strlen(req->prior_alerts);

		/* The 受付 records every acknowledged alert, the caller's first. */
		memcpy(alerts, req->prior_alerts, k + 1);
		if (k && k + 1 < sizeof alerts) {
			alerts[k++] = ',';
			alerts[k] = '\0';
		}
		check_alert_ids(&res->checks, alerts + k, (unsigned)(sizeof alerts - k));
		if (k && !alerts[k])
			alerts[k - 1] = '\0';
		rc = wf_uketsuke(ctx, wfname, w->q.todoke_date, alerts, res->uketsuke_no);
	}
	if (rc == 0 && !w->q.join_setai[0]) {
		struct db_household h;

		memset(&h, 0, sizeof h);
		rc = wf_new_setai(ctx, res->setai_no);
		memcpy(h.setai_no, res->setai_no, sizeof h.setai_no);
		wf_copy(h.addr_code, sizeof h.addr_code, w->q.addr_code);
		wf_copy(h.banchi, sizeof h.banchi, w->q.banchi);
		wf_copy(h.katagaki, sizeof h.katagaki, w->q.katagaki);
		wf_copy(h.created_on, sizeof h.created_on, w->q.tennyu_date);
		if (rc == 0)
			rc = db_household_add(ctx->db, &h);
	}
	for (int i = 0; rc == 0 && i < w->q.n; i++) {
		rc = tn_write_person(ctx, w, i, res, r);
		if (rc == 0 && zokugara_is_head(w->q.p[i].zokugara))
			memcpy(head_atena, r->atena_no, sizeof head_atena);
	}
	if (rc == 0 && head_atena[0])
		rc = db_household_set_head(ctx->db, res->setai_no, head_atena);
	if (rc == 0)
		rc = wf_audit_commit(ctx, wfname, res->uketsuke_no, res->atena, w->q.n,
		                     w->q.todoke_date);
	if (rc)
		res->uketsuke_no[0] = '\0';
	free(r);
	free(w);
	return rc;
}

int tennyu_commit(struct app_ctx *ctx, const struct tennyu_req *req, struct tennyu_result *res)
{
	int rc = db_begin(ctx->db);

	if (rc)
		return rc;
	rc = db_finish(ctx->db, tennyu_apply(ctx, req, res));
	if (rc)
		res->uketsuke_no[0] = '\0';
	return rc;
}
