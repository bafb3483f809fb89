/* tokurei.c — 特例転入. */
#include "app/tokurei.h"
#include "app/audit.h"
#include "app/csmsg.h"
#include "app/ident.h"
#include "app/perm.h"
#include "app/wf.h"
#include "app/zokugara.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/mg_rc.h"
#include "db/db_outbox.h"
#include "db/db_registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Compare two texts after a normaliser; 1 when equal, 0 otherwise. */
static int tk_same(const char *a, const char *b, int (*fn)(const char *, char *, size_t),
                   int drop_spaces)
{
	char x[DB_ADDR_CAP], y[DB_ADDR_CAP];

	if (fn(a, x, sizeof x) < 0 || fn(b, y, sizeof y) < 0)
		return 0;
	if (drop_spaces) {
		/* Addresses: ASCII and ideographic spaces carry no meaning. */
		char *s[2] = { x, y };

		for (int k = 0; k < 2; k++) {
			char *r = s[k], *w = s[k];

			while (*r) {
				if (*r == ' ') {
					r++;
				} else if ((unsigned char)r[0] == 0xE3 && (unsigned char)r[1] == 0x80 &&
				           (unsigned char)r[2] == 0x80) {
					r += 3;
				} else {
					*w++ = *r++;
				}
			}
			*w = '\0';
		}
	}
	return strcmp(x, y) == 0;
}

/* Collect the travelling members of the holder's group. */
struct tk_group {
	struct tokurei_result *res;
	const struct tokurei_req *q;
	const char *holder_msg;
	int holder_is_head;
};

/* 1 when the request names msg_id as a member not moving in now. */
static int tk_left_out(const struct tokurei_req *q, const char *msg_id)
{
	size_t cap = sizeof q->not_moving[0];

	for (int k = 0; k < WF_MAX_PERSONS; k++)
		if (q->not_moving[k][0] && strncmp(q->not_moving[k], msg_id, cap) == 0 &&
		    memchr(q->not_moving[k], '\0', cap))
			return 1;
	return 0;
}

/* 1 when two rows name the same person (住民票コード or 個人番号). */
static int tk_same_person(const struct db_tenshutsu_info *a, const struct db_tenshutsu_info *b)
{
	return (a->juminhyo_code[0] && strcmp(a->juminhyo_code, b->juminhyo_code) == 0) ||
	       (a->kojin_bango[0] && strcmp(a->kojin_bango, b->kojin_bango) == 0);
}

/* Add a group row: the holder first, then (only with a card-holding head, 法24の2②) the others. */
static int tk_member(void *arg, const struct db_tenshutsu_info *t)
{
	struct tk_group *g = arg;
	struct tokurei_result *res = g->res;
	int i;

	if (strcmp(t->msg_id, g->holder_msg) == 0 || t->consumed_by[0])
		return 0;
	/* A second copy of the holder or of a member taken (the push and the
	 * answer to a request, rv5 R3): the person is listed once. */
	for (i = 0; i < res->n; i++)
		if (tk_same_person(t, &res->member[i]))
			return 0;
	if (!g->holder_is_head) {
		check_add(&res->checks, CHECK_INFO, MSG("chk_member_not_travelling"), -1, t->name,
		          NULL, NULL);
		return 0;
	}
	if (res->n >= WF_MAX_PERSONS)
		return MG_ETOOMANY;
	i = res->n++;
	res->member[i] = *t;
	/* 法24の2②: only the members the head files for now; the others stay pending. */
	if (tk_left_out(g->q, t->msg_id)) {
		res->not_moving[i] = 1;
		check_add(&res->checks, CHECK_INFO, MSG("chk_member_not_moving"), i, t->name, NULL,
		          NULL);
		return 0;
	}
	res->moving++;
	if (t->card_holder)
		check_add(&res->checks, CHECK_ALERT, MSG("chk_member_card"), i, t->name, NULL, NULL);
	return 0;
}

/* The rows of a group to consume with the movers: their unconsumed copies. */
struct tk_copies {
	struct db *db;
	const struct tokurei_result *res;
	const int *idx;
	int m;
	const char *uketsuke_no;
	int rc;
};

/* Consume a still unconsumed second copy of a person who moved in now. */
static int tk_consume_copy(void *arg, const struct db_tenshutsu_info *t)
{
	struct tk_copies *c = arg;

	if (t->consumed_by[0])
		return 0;
	for (int j = 0; j < c->m; j++)
		if (tk_same_person(t, &c->res->member[c->idx[j]])) {
			c->rc = db_inbox_info_consume(c->db, t->msg_id, c->uketsuke_no);
			return c->rc;
		}
	return 0;
}

/* Every member named as not moving must be one of the others of the group. */
static void tk_check_left_out(const struct tokurei_req *q, struct tokurei_result *res)
{
	size_t cap = sizeof q->not_moving[0];
	char id[sizeof q->not_moving[0]];

	for (int k = 0; k < WF_MAX_PERSONS; k++) {
		int known = 0;

		if (!q->not_moving[k][0])
			continue;
		snprintf(id, sizeof id, "%.*s", (int)(cap - 1), q->not_moving[k]);
		if (strcmp(id, res->member[0].msg_id) == 0) {
			check_add(&res->checks, CHECK_ERROR, MSG("chk_not_moving_holder"), 0,
			          res->member[0].name, NULL, NULL);
			continue;
		}
		for (int i = 1; i < res->n; i++)
			known |= res->not_moving[i] && strcmp(id, res->member[i].msg_id) == 0;
		if (!known)
			check_add(&res->checks, CHECK_ERROR, MSG("chk_not_moving_unknown"), -1, id, NULL,
			          NULL);
	}
}

/* The members in the 転入, in the result's order: OUT idx[j] = i. Returns their count. */
static int tk_movers(const struct tokurei_result *res, int idx[WF_MAX_PERSONS])
{
	int m = 0;

	for (int i = 0; i < res->n && i < WF_MAX_PERSONS; i++)
		if (!res->not_moving[i])
			idx[m++] = i;
	return m;
}

/* The card's own checks: submitted, 個人番号, validity, authenticity. */
static void tk_card(const struct tokurei_req *q, const char *todoke, struct tokurei_result *res)
{
	struct check_list *l = &res->checks;

	if (!q->card_submitted)
		check_add(l, CHECK_ERROR, MSG("chk_card_not_submitted"), -1, NULL, NULL, NULL);
	if (!ident_kojin_bango_valid(q->card.kojin_bango))
		check_add(l, CHECK_ERROR, MSG("chk_kojin_invalid"), -1, NULL, NULL, NULL);
	switch (q->card.verdict) {
	case TOKUREI_GENUINE:
		break;
	case TOKUREI_NOT_GENUINE:
		check_add(l, CHECK_ERROR, MSG("chk_card_not_genuine"), -1, NULL, NULL, NULL);
		break;
	case TOKUREI_UNKNOWN_CA:
		check_add(l, CHECK_ERROR, MSG("chk_card_unknown_ca"), -1, NULL, NULL, NULL);
		break;
	default:
		check_add(l, CHECK_ERROR, MSG("chk_card_unchecked"), -1, NULL, NULL, NULL);
	}
	if (!q->card.card_expiry[0]) {
		check_add(l, CHECK_ALERT, MSG("chk_card_expiry_unknown"), -1, NULL, NULL, NULL);
		res->card_valid = 1;
	} else if (strcmp(q->card.card_expiry, todoke) < 0) {
		check_add(l, CHECK_ERROR, MSG("chk_card_expired"), -1, q->card.card_expiry, NULL, NULL);
	} else {
		res->card_valid = 1;
	}
}

/* 令24の2①二: on or before min(予定日 + 30, 転入日 + 14), no holiday roll-over. */
static void tk_deadline(const struct tokurei_req *q, const char *todoke,
                        struct tokurei_result *res)
{
	struct check_list *l = &res->checks;
	const struct db_tenshutsu_info *t = &res->member[0];

	if (wf_date_add(t->planned_date, 30, res->last_day_planned) != 0 ||
	    wf_date_add(q->tennyu_date, 14, res->last_day_tennyu) != 0) {
		check_add(l, CHECK_ERROR, MSG("chk_tennyu_date_invalid"), -1, q->tennyu_date, NULL, NULL);
		return;
	}
	memcpy(res->last_day, strcmp(res->last_day_planned, res->last_day_tennyu) < 0
	       ? res->last_day_planned : res->last_day_tennyu, DB_DATE_CAP);
	if (strcmp(todoke, res->last_day) > 0)
		check_add(l, CHECK_ERROR, MSG("chk_tokurei_deadline"), -1, res->last_day,
		          res->last_day_planned, res->last_day_tennyu);
}

/* Chip 4情報 against the 転出証明書情報 (name, birth, sex exact; address = 転出前の住所). */
static void tk_match(const struct tokurei_req *q, struct tokurei_result *res)
{
	struct check_list *l = &res->checks;
	const struct db_tenshutsu_info *t = &res->member[0];
	char full[DB_ADDR_CAP];

	/* The chip's 住所 carries the 方書; one written before it was added does not.
	 * A 前住所 that would be recorded cut is refused rather than lost. */
	if (tokurei_prev_address(t, full, sizeof full) != 0)
		check_add(l, CHECK_ERROR, MSG("chk_text_too_long"), 0, NULL, NULL, NULL);
	res->match_name = tk_same(q->card.name, t->name, i18n_text_name, 1);
	res->match_birth = strcmp(q->card.birth, t->birth) == 0;
	res->match_sex = strcmp(q->card.sex, t->sex) == 0;
	res->match_address = tk_same(q->card.address, full, i18n_text_nfkc, 1) ||
	                     (t->prev_katagaki[0] &&
	                      tk_same(q->card.address, t->prev_address, i18n_text_nfkc, 1));
	if (!res->match_name)
		check_add(l, CHECK_ERROR, MSG("chk_card_name_mismatch"), 0, q->card.name, t->name, NULL);
	if (!res->match_birth)
		check_add(l, CHECK_ERROR, MSG("chk_card_birth_mismatch"), 0, q->card.birth, t->birth, NULL);
	if (!res->match_sex)
		check_add(l, CHECK_ERROR, MSG("chk_card_sex_mismatch"), 0, q->card.sex, t->sex, NULL);
	if (!res->match_address)
		check_add(l, CHECK_ALERT, MSG("chk_card_address_mismatch"), 0, q->card.address,
		          full, NULL);
}

/* Find the information and run the 特例 checks (no writes). */
static int tk_checks(struct app_ctx *ctx, const struct tokurei_req *q, struct tokurei_result *res)
{
	struct check_list *l = &res->checks;
	struct db_resident *cur;
	char todoke[DB_DATE_CAP], kept_on[DB_DATE_CAP];
	struct tk_group g;
	i18n_day day;
	int rc;

	/*
	 * The 届出日 decides (rv5 R2): a 届出 made on the last day the information
	 * was kept and entered later finds it still, if the date job has not
	 * erased it. A 届出日 in the future or unreadable is an error of its own
	 * (wf_todoke) and looks the information up as of today.
	 */
	wf_copy(todoke, sizeof todoke, q->todoke_date);
	wf_today(ctx, kept_on);
	if (wf_todoke(ctx, todoke, l, &day) == 0 && day <= ctx->today)
		memcpy(kept_on, todoke, sizeof kept_on);
	tk_card(q, todoke, res);
	rc = db_inbox_info_by_kojin(ctx->db, q->card.kojin_bango, kept_on, &res->member[0]);
	if (rc == MG_ENOTFOUND) {
		check_add(l, CHECK_ERROR, MSG("chk_no_tenshutsu_info"), -1, NULL, NULL, NULL);
		return 0;
	}
	if (rc)
		return rc;
	res->found = 1;
	res->n = 1;
	res->moving = 1;
	/* 令24の2①一: registered somewhere in between (here: already a resident). */
	cur = malloc(sizeof *cur);
	if (!cur)
		return MG_ENOMEM;
	rc = db_resident_by_kojin(ctx->db, q->card.kojin_bango, cur);
	if (rc == 0 && strcmp(cur->state, "jyohyo") != 0)
		check_add(l, CHECK_ERROR, MSG("chk_already_resident"), 0, cur->atena_no, NULL, NULL);
	free(cur);
	if (rc && rc != MG_ENOTFOUND)
		return rc;
	tk_deadline(q, todoke, res);
	tk_match(q, res);
	g.res = res;
	g.q = q;
	g.holder_msg = res->member[0].msg_id;
	g.holder_is_head = res->member[0].is_head;
	rc = db_inbox_info_group(ctx->db, res->member[0].from_code, res->member[0].group_id,
	                         tk_member, &g);
	if (rc < 0)
		return rc;
	tk_check_left_out(q, res);
	/* Follow-ups (domain-rules §4.1–4.3). */
	wf_date_add(todoke, 90, res->keizoku_due);
	res->card_tsuiki = 1;
	res->sign_cert_lapsed = 1;
	return 0;
}

/* Forward: the 転入 request built from the information. */
static void tk_tennyu_req(const struct app_ctx *ctx, const struct tokurei_req *q,
                          const struct tokurei_result *res, struct tennyu_req *t);

/*
 * Add the findings of the 転入 that this list does not have yet; a person
 * index j of the 転入 becomes the member index of the result.
 */
static void tk_merge(struct check_list *to, const struct check_list *from,
                     const struct tokurei_result *res)
{
	int idx[WF_MAX_PERSONS], m = tk_movers(res, idx);

	for (int i = 0; i < from->n; i++) {
		const struct check_item *it = &from->item[i];
		int person = it->person >= 0 && it->person < m ? idx[it->person] : it->person;

		if (!check_has(to, it->msgid))
			check_add(to, it->level, it->msgid, person,
			          it->nargs > 0 ? it->args[0] : NULL,
			          it->nargs > 1 ? it->args[1] : NULL,
			          it->nargs > 2 ? it->args[2] : NULL);
	}
}

int tokurei_prepare(struct app_ctx *ctx, const struct tokurei_req *req,
                    struct tokurei_result *res)
{
	struct tennyu_req *t = NULL;
	struct tennyu_result *tr = NULL;
	int rc;

	memset(res, 0, sizeof *res);
	check_init(&res->checks);
	rc = perm_check(ctx, PERM_WORKFLOW);
	if (rc == 0)
		rc = tk_checks(ctx, req, res);
	/* Once the new address is entered, the 転入's own checks (household,
	 * 続柄, residents already here…) are shown too, so that the alerts the
	 * clerk acknowledges are all the alerts the commit will meet. */
	if (rc == 0 && res->found && req->addr_code[0]) {
		t = malloc(sizeof *t);
		tr = malloc(sizeof *tr);
		if (!t || !tr)
			rc = MG_ENOMEM;
		if (rc == 0) {
			tk_tennyu_req(ctx, req, res, t);
			rc = tennyu_check(ctx, t, tr);
		}
		if (rc == 0)
			tk_merge(&res->checks, &tr->checks, res);
	}
	free(t);
	free(tr);
	return rc;
}

/* Build the 転入 request from the information and the clerk's entries. */
static void tk_tennyu_req(const struct app_ctx *ctx, const struct tokurei_req *q,
                          const struct tokurei_result *res, struct tennyu_req *t)
{
	int idx[WF_MAX_PERSONS];

	(void)ctx;
	memset(t, 0, sizeof *t);
	wf_copy(t->workflow, sizeof t->workflow, "tokurei_tennyu");
	tokurei_prev_address(&res->member[0], t->prev_address, sizeof t->prev_address);
	wf_copy(t->prev_muni_code, sizeof t->prev_muni_code, res->member[0].from_code);
	wf_copy(t->tennyu_date, sizeof t->tennyu_date, q->tennyu_date);
	wf_copy(t->todoke_date, sizeof t->todoke_date, q->todoke_date);
	wf_copy(t->addr_code, sizeof t->addr_code, q->addr_code);
	wf_copy(t->banchi, sizeof t->banchi, q->banchi);
	wf_copy(t->katagaki, sizeof t->katagaki, q->katagaki);
	wf_copy(t->join_setai, sizeof t->join_setai, q->join_setai);
	t->n = tk_movers(res, idx);
	t->alerts_acknowledged = q->alerts_acknowledged;
	for (int j = 0; j < t->n; j++) {
		int i = idx[j];
		const struct db_tenshutsu_info *m = &res->member[i];
		struct tennyu_person *p = &t->p[j];

		wf_copy(p->name, sizeof p->name, m->name);
		wf_copy(p->name_kana, sizeof p->name_kana, m->name_kana);
		wf_copy(p->birth, sizeof p->birth, m->birth);
		wf_copy(p->sex, sizeof p->sex, m->sex);
		wf_copy(p->zokugara, sizeof p->zokugara, q->zokugara[i][0] ? q->zokugara[i]
		        : (m->is_head && !q->join_setai[0] ? "世帯主" : m->zokugara));
		wf_copy(p->honseki, sizeof p->honseki, m->honseki);
		wf_copy(p->hittosha, sizeof p->hittosha, m->hittosha);
		wf_copy(p->kojin_bango, sizeof p->kojin_bango, m->kojin_bango);
		wf_copy(p->juminhyo_code, sizeof p->juminhyo_code, m->juminhyo_code);
		p->kokuho = m->kokuho;
		p->kouki = m->kouki;
		p->kaigo = m->kaigo;
		wf_copy(p->nenkin_kind, sizeof p->nenkin_kind, m->nenkin_kind);
		wf_copy(p->kiso_nenkin_no, sizeof p->kiso_nenkin_no, m->kiso_nenkin_no);
		p->jidou_teate = m->jidou_teate;
		wf_copy(p->card_issued, sizeof p->card_issued, m->card_issued);
		wf_copy(p->card_expiry, sizeof p->card_expiry, m->card_expiry);
	}
}

int tokurei_commit(struct app_ctx *ctx, const struct tokurei_req *req,
                   struct tokurei_result *res)
{
	struct tennyu_req *t = NULL;
	struct tennyu_result *tr = NULL;
	int idx[WF_MAX_PERSONS], m = 0;
	int rc;

	rc = db_begin(ctx->db);
	if (rc)
		return rc;
	rc = tokurei_prepare(ctx, req, res);
	if (rc == 0 && check_count(&res->checks, CHECK_ERROR) > 0)
		rc = MG_ERULE;
	if (rc == 0) {
		t = malloc(sizeof *t);
		tr = malloc(sizeof *tr);
		if (!t || !tr)
			rc = MG_ENOMEM;
	}
	if (rc == 0) {
		tk_tennyu_req(ctx, req, res, t);
		check_alert_ids(&res->checks, t->prior_alerts, sizeof t->prior_alerts);
		rc = check_verdict(&res->checks, req->alerts_acknowledged);
		if (rc == 0) {
			rc = tennyu_apply(ctx, t, tr);
			/* The 転入's own findings join the 特例's. */
			if (rc == 0 || rc == MG_ERULE)
				tk_merge(&res->checks, &tr->checks, res);
		}
	}
	/* Only the members who moved in: the others' information stays pending. */
	if (rc == 0)
		m = tk_movers(res, idx);
	for (int j = 0; rc == 0 && j < m; j++)
		rc = db_inbox_info_consume(ctx->db, res->member[idx[j]].msg_id, tr->uketsuke_no);
	/* Copies of the same persons (received before copies were dropped) go with them. */
	if (rc == 0 && m > 0) {
		struct tk_copies c = { ctx->db, res, idx, m, tr->uketsuke_no, 0 };

		rc = db_inbox_info_group(ctx->db, res->member[0].from_code, res->member[0].group_id,
		                         tk_consume_copy, &c);
		rc = rc < 0 ? rc : c.rc;
	}
	if (rc == 0) {
		memcpy(res->uketsuke_no, tr->uketsuke_no, sizeof res->uketsuke_no);
		memcpy(res->setai_no, tr->setai_no, sizeof res->setai_no);
		memset(res->atena, 0, sizeof res->atena);
		for (int j = 0; j < m; j++)
			memcpy(res->atena[idx[j]], tr->atena[j], sizeof res->atena[0]);
	}
	rc = db_finish(ctx->db, rc);
	if (rc)
		res->uketsuke_no[0] = '\0';
	free(t);
	free(tr);
	return rc;
}

int tokurei_prev_address(const struct db_tenshutsu_info *t, char *out, size_t cap)
{
	char buf[sizeof t->prev_address + 3 + sizeof t->prev_katagaki];

	/* An ideographic space between the address and the 方書, as printed. */
	snprintf(buf, sizeof buf, "%s%s%s", t->prev_address,
	         t->prev_katagaki[0] ? "\xe3\x80\x80" : "", t->prev_katagaki);
	wf_copy(out, cap, buf);
	return strlen(buf) < cap ? 0 : -1;
}

int tokurei_same_name(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	return tk_same(a, b, i18n_text_name, 1);
}

int tokurei_request(struct app_ctx *ctx, const struct tokurei_card *card,
                    const char *from_muni_code, const char *tennyu_date)
{
	struct csmsg_out o;
	char today[DB_DATE_CAP], keep[DB_DATE_CAP], detail[64], msg_id[48];
	i18n_day d;
	char *p;
	int rc;

	rc = perm_check(ctx, PERM_WORKFLOW);
	if (rc)
		return rc;
	if (!card || !from_muni_code || !ident_kojin_bango_valid(card->kojin_bango) ||
	    !ident_muni_city_valid(from_muni_code) || strcmp(from_muni_code, ctx->muni_code) == 0 ||
	    !card->name[0] || !card->birth[0] || !tennyu_date ||
	    i18n_date_parse_iso(tennyu_date, &d) != 0)
		return MG_EINVAL;
	/* The 4情報 sent are the chip's: only a card verified genuine vouches for them. */
	if (card->verdict != TOKUREI_GENUINE)
		return MG_ECARD_NOT_GENUINE;
	wf_today(ctx, today);
	csmsg_begin(&o);
	csmsg_put(&o, "kojin_bango", card->kojin_bango);
	csmsg_put(&o, "name", card->name);
	csmsg_put(&o, "birth", card->birth);
	csmsg_put(&o, "sex", card->sex);
	csmsg_put(&o, "tennyu_date", tennyu_date);
	csmsg_put(&o, "request_date", today);
	csmsg_put(&o, "from_name", ctx->muni_name);
	p = csmsg_end(&o, &rc);
	if (!p)
		return rc;
	rc = db_begin(ctx->db);
	if (rc) {
		free(p);
		return rc;
	}
	rc = wf_send(ctx, "tenshutsu_request", from_muni_code, NULL, NULL, p, msg_id);
	/* Kept so that the screen finds the request (and a refusal) when the card is read again. */
	if (rc == 0)
		rc = wf_date_add(today, TOKUREI_REQUEST_KEEP_DAYS, keep);
	if (rc == 0)
		rc = db_outbox_request_add(ctx->db, msg_id, from_muni_code, card->kojin_bango, today,
		                           keep);
	if (rc == 0) {
		snprintf(detail, sizeof detail, "request=tenshutsu_info to=%s", from_muni_code);
		rc = audit_log(ctx, AUDIT_DELIVER, msg_id, detail);
	}
	return db_finish(ctx->db, rc);
}

int tokurei_refusal_reason_known(const char *reason)
{
	static const char *const known[] = {
		"no_tokurei_tenshutsu", "not_moving_out", "already_confirmed", "no_match",
		"already_answered"
	};

	for (size_t i = 0; reason && i < sizeof known / sizeof known[0]; i++)
		if (strcmp(reason, known[i]) == 0)
			return 1;
	return 0;
}

int tokurei_request_status(struct app_ctx *ctx, const char *kojin_bango,
                           struct tokurei_request_status *out)
{
	struct db_request_state q;
	char today[DB_DATE_CAP];
	int rc;

	memset(out, 0, sizeof *out);
	rc = perm_check(ctx, PERM_WORKFLOW);
	if (rc)
		return rc;
	if (!kojin_bango || !ident_kojin_bango_valid(kojin_bango))
		return MG_EINVAL;
	wf_today(ctx, today);
	rc = db_outbox_request_for(ctx->db, kojin_bango, today, &q);
	if (rc == MG_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	out->state = q.refused ? TOKUREI_REQ_REFUSED : TOKUREI_REQ_WAITING;
	wf_copy(out->request_id, sizeof out->request_id, q.request_id);
	wf_copy(out->to_code, sizeof out->to_code, q.to_code);
	wf_copy(out->requested_on, sizeof out->requested_on, q.requested_on);
	if (q.refused) {
		wf_copy(out->reason, sizeof out->reason, q.r.reason);
		wf_copy(out->refused_at, sizeof out->refused_at, q.r.received_at);
	}
	return 0;
}

int tokurei_request_purge(struct app_ctx *ctx, long long *n)
{
	char today[DB_DATE_CAP], detail[48];
	long long erased = 0;
	int rc;

	if (n)
		*n = 0;
	if (perm_check(ctx, PERM_BATCH) != 0 && perm_check(ctx, PERM_WORKFLOW) != 0)
		return MG_EPERM;
	wf_today(ctx, today);
	rc = db_begin(ctx->db);
	if (rc)
		return rc;
	rc = db_outbox_request_expire(ctx->db, today, &erased);
	if (rc == 0 && erased > 0) {
		snprintf(detail, sizeof detail, "requests_erased=%lld", erased);
		rc = audit_log(ctx, AUDIT_BATCH, "date-job", detail);
	}
	rc = db_finish(ctx->db, rc);
	if (rc == 0 && n)
		*n = erased;
	return rc;
}
