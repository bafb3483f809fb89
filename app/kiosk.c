/*
 * kiosk.c — kiosk applications: checks, creation, the counter's pick-up and
 * the hand-over to the workflows (see kiosk.h).
 */
#include "app/kiosk.h"

#include "app/audit.h"
#include "app/auth.h"
#include "app/ident.h"
#include "app/log.h"
#include "app/perm.h"
#include "app/session.h"
#include "app/wf.h"
#include "db/db_operator.h"
#include "db/db_registry.h"
#include "db/db_resident.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <string.h>

/* The stored kind names, indexed by enum kiosk_kind. */
static const char *const kiosk_kinds[] = {
	[KIOSK_TENNYU] = "tennyu",
	[KIOSK_TENSHUTSU] = "tenshutsu",
	[KIOSK_JUSHO] = "jusho",
};

/* The catalog keys naming the kinds. */
static const char *const kiosk_kind_msgs[] = {
	[KIOSK_TENNYU] = MSG("kiosk_kind_tennyu"),
	[KIOSK_TENSHUTSU] = MSG("kiosk_kind_tenshutsu"),
	[KIOSK_JUSHO] = MSG("kiosk_kind_jusho"),
};

const char *kiosk_kind_name(enum kiosk_kind k)
{
	return k >= KIOSK_TENNYU && k <= KIOSK_JUSHO ? kiosk_kinds[k] : NULL;
}

const char *kiosk_kind_msgid(enum kiosk_kind k)
{
	return k >= KIOSK_TENNYU && k <= KIOSK_JUSHO ? kiosk_kind_msgs[k] : NULL;
}

enum kiosk_kind kiosk_kind_parse(const char *s)
{
	for (int k = KIOSK_TENNYU; s && k <= KIOSK_JUSHO; k++)
		if (strcmp(s, kiosk_kinds[k]) == 0)
			return (enum kiosk_kind)k;
	return (enum kiosk_kind)0;
}

const char *kiosk_verdict_name(int verdict)
{
	switch (verdict) {
	case TOKUREI_GENUINE: return "genuine";
	case TOKUREI_NOT_GENUINE: return "not_genuine";
	case TOKUREI_UNKNOWN_CA: return "unknown_ca";
	default: return "unchecked";
	}
}

void kiosk_wipe(void *p, size_t n)
{
	if (p)
		explicit_bzero(p, n);
}

/* 0 when ctx may act at the kiosk or at the counter, else MG_EPERM. */
static int kiosk_perm_either(const struct app_ctx *ctx)
{
	if (perm_check(ctx, PERM_KIOSK) == 0 || perm_check(ctx, PERM_WORKFLOW) == 0)
		return 0;
	return MG_EPERM;
}

/* 1 when s is a valid ISO calendar date. */
static int iso_ok(const char *s)
{
	i18n_day d;

	return s && i18n_date_parse_iso(s, &d) == 0;
}

int kiosk_card_check(const struct app_ctx *ctx, const struct tokurei_card *card,
                     const char **msgid)
{
	char today[DB_DATE_CAP];
	const char *m = NULL;

	if (msgid)
		*msgid = NULL;
	if (!ctx || !card)
		return MG_EINVAL;
	wf_today(ctx, today);
	if (card->verdict == TOKUREI_UNKNOWN_CA)
		m = MSG("kiosk_card_unknown_ca");
	else if (card->verdict != TOKUREI_GENUINE)
		m = MSG("kiosk_card_not_genuine");
	else if (!ident_kojin_bango_valid(card->kojin_bango))
		m = MSG("kiosk_card_bad_number");
	else if (card->card_expiry[0] &&
	         (!iso_ok(card->card_expiry) || wf_date_cmp(card->card_expiry, today) < 0))
		m = MSG("kiosk_card_expired");
	else if (!card->name[0] || !iso_ok(card->birth))
		m = MSG("kiosk_card_bad_data");
	if (msgid)
		*msgid = m;
	return m ? MG_ERULE : 0;
}

/* The 転入 answers: date, 町字, 番地, members. Sets *m on the first problem. */
static int check_tennyu(struct app_ctx *ctx, const struct kiosk_answers *a, const char *today,
                        const char **m)
{
	struct db_machiaza mz;
	int rc;

	if (!iso_ok(a->move_date))
		*m = MSG("kiosk_ans_date_bad");
	else if (wf_date_cmp(a->move_date, today) > 0)
		*m = MSG("kiosk_ans_tennyu_future");
	else if (!a->addr_code[0])
		*m = MSG("kiosk_ans_town_missing");
	if (*m)
		return 0;
	rc = db_registry_machiaza(ctx->db, a->addr_code, &mz);
	if (rc == MG_ENOTFOUND) {
		*m = MSG("kiosk_ans_town_missing");
		return 0;
	}
	if (rc)
		return rc;
	if (!a->banchi[0])
		*m = MSG("kiosk_ans_banchi_missing");
	else if (a->n_members < 1 || a->n_members > WF_MAX_PERSONS)
		*m = MSG("kiosk_ans_members_bad");
	return 0;
}

/* The 転出 answers: date, destination, its code, a resident here. */
static int check_tenshutsu(struct app_ctx *ctx, const struct tokurei_card *card,
                           const struct kiosk_answers *a, const char *today, const char **m)
{
	struct db_resident r;
	char earliest[DB_DATE_CAP];
	int rc;

	if (wf_date_add(today, -14, earliest) != 0)
		return MG_EDATE;
	if (!iso_ok(a->move_date))
		*m = MSG("kiosk_ans_date_bad");
	else if (wf_date_cmp(a->move_date, earliest) < 0)
		*m = MSG("kiosk_ans_planned_past");
	else if (!a->dest_address[0])
		*m = MSG("kiosk_ans_dest_missing");
	else if (a->dest_muni_code[0] && !ident_muni_city_valid(a->dest_muni_code))
		*m = MSG("kiosk_ans_dest_code_bad");
	else if (a->dest_muni_code[0] && strcmp(a->dest_muni_code, ctx->muni_code) == 0)
		*m = MSG("kiosk_ans_dest_code_own");
	if (*m)
		return 0;
	rc = db_resident_by_kojin(ctx->db, card->kojin_bango, &r);
	if (rc == 0 && strcmp(r.state, "current") != 0)
		rc = MG_ENOTFOUND;
	explicit_bzero(&r, sizeof r);
	if (rc == MG_ENOTFOUND) {
		*m = MSG("kiosk_ans_not_resident");
		return 0;
	}
	return rc;
}

int kiosk_answers_check(struct app_ctx *ctx, const struct tokurei_card *card,
                        const struct kiosk_answers *ans, const char **msgid)
{
	char today[DB_DATE_CAP];
	const char *m = NULL;
	int rc;

	if (msgid)
		*msgid = NULL;
	if (!ctx || !card || !ans)
		return MG_EINVAL;
	rc = kiosk_perm_either(ctx);
	if (rc)
		return rc;
	wf_today(ctx, today);
	switch (ans->kind) {
	case KIOSK_TENNYU:
		rc = check_tennyu(ctx, ans, today, &m);
		break;
	case KIOSK_TENSHUTSU:
		rc = check_tenshutsu(ctx, card, ans, today, &m);
		break;
	case KIOSK_JUSHO:
		break;
	default:
		m = MSG("kiosk_ans_kind_bad");
		break;
	}
	if (rc)
		return rc;
	if (msgid)
		*msgid = m;
	return m ? MG_EINVAL : 0;
}

/* Fill the row of a new application (everything but its number). */
static int fill_row(const struct app_ctx *ctx, const struct tokurei_card *card,
                    const struct kiosk_answers *a, struct db_kiosk *k)
{
	memset(k, 0, sizeof *k);
	wf_copy(k->kind, sizeof k->kind, kiosk_kind_name(a->kind));
	wf_copy(k->state, sizeof k->state, "pending");
	wf_copy(k->name, sizeof k->name, card->name);
	wf_copy(k->address, sizeof k->address, card->address);
	wf_copy(k->birth, sizeof k->birth, card->birth);
	wf_copy(k->sex, sizeof k->sex, card->sex);
	wf_copy(k->kojin_bango, sizeof k->kojin_bango, card->kojin_bango);
	wf_copy(k->card_expiry, sizeof k->card_expiry, card->card_expiry);
	k->verdict = (int)card->verdict;
	k->n_members = 1;
	if (a->kind == KIOSK_TENNYU) {
		wf_copy(k->move_date, sizeof k->move_date, a->move_date);
		wf_copy(k->addr_code, sizeof k->addr_code, a->addr_code);
		wf_copy(k->banchi, sizeof k->banchi, a->banchi);
		wf_copy(k->katagaki, sizeof k->katagaki, a->katagaki);
		k->n_members = a->n_members;
	} else if (a->kind == KIOSK_TENSHUTSU) {
		wf_copy(k->move_date, sizeof k->move_date, a->move_date);
		wf_copy(k->dest_address, sizeof k->dest_address, a->dest_address);
		wf_copy(k->dest_muni_code, sizeof k->dest_muni_code, a->dest_muni_code);
		k->household = a->household ? 1 : 0;
	}
	wf_copy(k->terminal, sizeof k->terminal,
	        ctx->sess ? ctx->sess->terminal : (ctx->terminal ? ctx->terminal : ""));
	wf_now(k->created_at);
	wf_today(ctx, k->created_on);
	return wf_date_add(k->created_on, KIOSK_DAYS_KEPT, k->expires_on);
}

int kiosk_create(struct app_ctx *ctx, const struct tokurei_card *card,
                 const struct kiosk_answers *ans, char *no)
{
	struct db_kiosk k;
	char detail[96];
	const char *m = NULL;
	long long v = 0;
	int rc;

	if (no)
		no[0] = 0;
	if (!ctx || !card || !ans || !no)
		return MG_EINVAL;
	rc = perm_check(ctx, PERM_KIOSK);
	if (rc)
		return rc;
	if (kiosk_card_check(ctx, card, &m) != 0)
		return MG_ERULE;
	rc = kiosk_answers_check(ctx, card, ans, &m);
	if (rc)
		return rc;
	rc = fill_row(ctx, card, ans, &k);
	if (rc == 0)
		rc = db_begin(ctx->db);
	if (rc)
		goto out;
	rc = db_registry_next(ctx->db, "kiosk", &v);
	if (rc == 0) {
		snprintf(k.kiosk_no, sizeof k.kiosk_no, "K-%04lld", v);
		rc = db_kiosk_add(ctx->db, &k);
	}
	if (rc == 0) {
		snprintf(detail, sizeof detail, "event=create kind=%s verdict=%s", k.kind,
		         kiosk_verdict_name(k.verdict));
		rc = audit_log(ctx, AUDIT_KIOSK, k.kiosk_no, detail);
	}
	rc = db_finish(ctx->db, rc);
	if (rc == 0)
		wf_copy(no, KIOSK_NO_CAP, k.kiosk_no);
out:
	explicit_bzero(&k, sizeof k);
	return rc;
}

int kiosk_log_use(struct app_ctx *ctx, const char *event, int verdict)
{
	char detail[96];
	size_t n;
	int rc;

	if (!ctx || !event)
		return MG_EINVAL;
	n = strlen(event);
	if (n == 0 || n > 24 || strspn(event, "abcdefghijklmnopqrstuvwxyz_") != n)
		return MG_EINVAL;
	rc = perm_check(ctx, PERM_KIOSK);
	if (rc)
		return rc;
	if (verdict < 0)
		snprintf(detail, sizeof detail, "event=%s", event);
	else
		snprintf(detail, sizeof detail, "event=%s verdict=%s", event,
		         kiosk_verdict_name(verdict));
	return audit_log(ctx, AUDIT_KIOSK, NULL, detail);
}

/* Turn a row into the application the callers see. */
static void from_row(const struct db_kiosk *k, struct kiosk_app *a)
{
	memset(a, 0, sizeof *a);
	wf_copy(a->kiosk_no, sizeof a->kiosk_no, k->kiosk_no);
	wf_copy(a->state, sizeof a->state, k->state);
	wf_copy(a->card.name, sizeof a->card.name, k->name);
	wf_copy(a->card.address, sizeof a->card.address, k->address);
	wf_copy(a->card.birth, sizeof a->card.birth, k->birth);
	wf_copy(a->card.sex, sizeof a->card.sex, k->sex);
	wf_copy(a->card.kojin_bango, sizeof a->card.kojin_bango, k->kojin_bango);
	wf_copy(a->card.card_expiry, sizeof a->card.card_expiry, k->card_expiry);
	a->card.verdict = (enum tokurei_verdict)k->verdict;
	a->ans.kind = kiosk_kind_parse(k->kind);
	wf_copy(a->ans.move_date, sizeof a->ans.move_date, k->move_date);
	wf_copy(a->ans.addr_code, sizeof a->ans.addr_code, k->addr_code);
	wf_copy(a->ans.banchi, sizeof a->ans.banchi, k->banchi);
	wf_copy(a->ans.katagaki, sizeof a->ans.katagaki, k->katagaki);
	wf_copy(a->ans.dest_address, sizeof a->ans.dest_address, k->dest_address);
	wf_copy(a->ans.dest_muni_code, sizeof a->ans.dest_muni_code, k->dest_muni_code);
	a->ans.household = k->household;
	a->ans.n_members = k->n_members;
	wf_copy(a->created_at, sizeof a->created_at, k->created_at);
	wf_copy(a->expires_on, sizeof a->expires_on, k->expires_on);
	wf_copy(a->terminal, sizeof a->terminal, k->terminal);
	wf_copy(a->picked_by, sizeof a->picked_by, k->picked_by);
	wf_copy(a->done_uketsuke, sizeof a->done_uketsuke, k->done_uketsuke);
}

/* kiosk_list's walk: convert and pass on. */
struct list_walk {
	kiosk_fn fn;
	void *arg;
	struct kiosk_app app;
};

/* Convert one row for the caller's function. */
static int list_one(void *arg, const struct db_kiosk *k)
{
	struct list_walk *w = arg;

	from_row(k, &w->app);
	return w->fn ? w->fn(w->arg, &w->app) : 0;
}

int kiosk_list(struct app_ctx *ctx, kiosk_fn fn, void *arg)
{
	struct list_walk w;
	char today[DB_DATE_CAP];
	int rc;

	if (!ctx)
		return MG_EINVAL;
	rc = perm_check(ctx, PERM_WORKFLOW);
	if (rc)
		return rc;
	memset(&w, 0, sizeof w);
	w.fn = fn;
	w.arg = arg;
	wf_today(ctx, today);
	rc = db_kiosk_list_open(ctx->db, today, list_one, &w);
	explicit_bzero(&w.app, sizeof w.app);
	return rc;
}

int kiosk_pick(struct app_ctx *ctx, const char *kiosk_no, struct kiosk_app *out)
{
	struct db_kiosk k;
	char today[DB_DATE_CAP], now[24];
	int rc;

	if (!ctx || !kiosk_no || !out)
		return MG_EINVAL;
	memset(out, 0, sizeof *out);
	rc = perm_check(ctx, PERM_WORKFLOW);
	if (rc)
		return rc;
	wf_today(ctx, today);
	wf_now(now);
	rc = db_begin(ctx->db);
	if (rc)
		return rc;
	rc = db_kiosk_get(ctx->db, kiosk_no, &k);
	if (rc == 0 && wf_date_cmp(k.expires_on, today) < 0)
		rc = MG_ENOTFOUND;
	if (rc == 0 && strcmp(k.state, "done") == 0)
		rc = MG_ESTATE;
	if (rc == 0)
		rc = db_kiosk_set_picked(ctx->db, kiosk_no, ctx->sess ? ctx->sess->operator_id : "",
		                         now);
	if (rc == 0)
		rc = audit_log(ctx, AUDIT_KIOSK, kiosk_no, "event=pick");
	rc = db_finish(ctx->db, rc);
	if (rc == 0) {
		wf_copy(k.state, sizeof k.state, "picked");
		wf_copy(k.picked_by, sizeof k.picked_by, ctx->sess ? ctx->sess->operator_id : "");
		from_row(&k, out);
	}
	explicit_bzero(&k, sizeof k);
	return rc;
}

int kiosk_mark_done(struct app_ctx *ctx, const char *kiosk_no, const char *uketsuke_no)
{
	char detail[80], now[24];
	int rc;

	if (!ctx || !kiosk_no || !uketsuke_no || !uketsuke_no[0] ||
	    strlen(uketsuke_no) >= 24 || strchr(uketsuke_no, ' '))
		return MG_EINVAL;
	rc = perm_check(ctx, PERM_WORKFLOW);
	if (rc)
		return rc;
	wf_now(now);
	rc = db_begin(ctx->db);
	if (rc)
		return rc;
	rc = db_kiosk_set_done(ctx->db, kiosk_no, uketsuke_no, now);
	if (rc == 0) {
		snprintf(detail, sizeof detail, "event=done uketsuke=%s", uketsuke_no);
		rc = audit_log(ctx, AUDIT_KIOSK, kiosk_no, detail);
	}
	return db_finish(ctx->db, rc);
}

int kiosk_sync(struct app_ctx *ctx, const char *kiosk_no, char *uketsuke)
{
	struct db_kiosk k;
	struct db_resident r;
	int rc, found = 0;

	if (!ctx || !kiosk_no || !uketsuke)
		return MG_EINVAL;
	uketsuke[0] = 0;
	rc = perm_check(ctx, PERM_WORKFLOW);
	if (rc)
		return rc;
	rc = db_kiosk_get(ctx->db, kiosk_no, &k);
	if (rc == 0 && strcmp(k.state, "done") == 0) {
		wf_copy(uketsuke, 24, k.done_uketsuke);
		goto out;
	}
	if (rc == 0)
		rc = db_resident_by_kojin(ctx->db, k.kojin_bango, &r);
	if (rc)
		goto out;
	if (wf_date_cmp(r.shori_date, k.created_on) >= 0) {
		if (strcmp(k.kind, "tennyu") == 0)
			found = strcmp(r.state, "current") == 0 &&
			        (strcmp(r.idou_jiyu, "tennyu") == 0 ||
			         strcmp(r.idou_jiyu, "tokurei_tennyu") == 0);
		else if (strcmp(k.kind, "tenshutsu") == 0)
			found = strcmp(r.state, "current") != 0 &&
			        strncmp(r.idou_jiyu, "tenshutsu", 9) == 0;
	}
	rc = found ? kiosk_mark_done(ctx, kiosk_no, r.uketsuke_no) : MG_ENOTFOUND;
	if (rc == 0)
		wf_copy(uketsuke, 24, r.uketsuke_no);
	explicit_bzero(&r, sizeof r);
out:
	explicit_bzero(&k, sizeof k);
	return rc;
}

int kiosk_purge(struct app_ctx *ctx, long long *n)
{
	char today[DB_DATE_CAP];

	if (n)
		*n = 0;
	if (!ctx)
		return MG_EINVAL;
	if (perm_check(ctx, PERM_WORKFLOW) != 0 && perm_check(ctx, PERM_BATCH) != 0)
		return MG_EPERM;
	wf_today(ctx, today);
	return db_kiosk_purge(ctx->db, today, n);
}

int kiosk_to_tokurei_req(const struct kiosk_app *a, struct tokurei_req *req)
{
	if (!a || !req)
		return MG_EINVAL;
	memset(req, 0, sizeof *req);
	if (a->ans.kind != KIOSK_TENNYU)
		return MG_EINVAL;
	req->card = a->card;
	req->card_submitted = 0;
	wf_copy(req->tennyu_date, sizeof req->tennyu_date, a->ans.move_date);
	wf_copy(req->addr_code, sizeof req->addr_code, a->ans.addr_code);
	wf_copy(req->banchi, sizeof req->banchi, a->ans.banchi);
	wf_copy(req->katagaki, sizeof req->katagaki, a->ans.katagaki);
	return 0;
}

int kiosk_to_tennyu_req(const struct kiosk_app *a, struct tennyu_req *req)
{
	struct tennyu_person *p;

	if (!a || !req)
		return MG_EINVAL;
	memset(req, 0, sizeof *req);
	if (a->ans.kind != KIOSK_TENNYU)
		return MG_EINVAL;
	wf_copy(req->prev_address, sizeof req->prev_address, a->card.address);
	wf_copy(req->tennyu_date, sizeof req->tennyu_date, a->ans.move_date);
	wf_copy(req->addr_code, sizeof req->addr_code, a->ans.addr_code);
	wf_copy(req->banchi, sizeof req->banchi, a->ans.banchi);
	wf_copy(req->katagaki, sizeof req->katagaki, a->ans.katagaki);
	req->n = 1;
	p = &req->p[0];
	wf_copy(p->name, sizeof p->name, a->card.name);
	wf_copy(p->birth, sizeof p->birth, a->card.birth);
	wf_copy(p->sex, sizeof p->sex, a->card.sex);
	wf_copy(p->zokugara, sizeof p->zokugara, "世帯主");
	wf_copy(p->kojin_bango, sizeof p->kojin_bango, a->card.kojin_bango);
	wf_copy(p->card_expiry, sizeof p->card_expiry, a->card.card_expiry);
	return 0;
}

/* Collect the current members of a household other than the card holder. */
struct members {
	struct tenshutsu_req *req;
	const char *holder;
};

/* Add one current member (not the holder) to the movers. */
static int add_member(void *arg, const struct db_resident *r)
{
	struct members *m = arg;

	if (strcmp(r->state, "current") != 0 || strcmp(r->atena_no, m->holder) == 0)
		return 0;
	if (m->req->n >= WF_MAX_PERSONS)
		return 0;
	wf_copy(m->req->atena[m->req->n], DB_ID_CAP, r->atena_no);
	m->req->n++;
	return 0;
}

int kiosk_to_tenshutsu_req(struct app_ctx *ctx, const struct kiosk_app *a,
                           struct tenshutsu_req *req)
{
	struct db_resident r;
	struct members m;
	int rc;

	if (!ctx || !a || !req)
		return MG_EINVAL;
	memset(req, 0, sizeof *req);
	if (a->ans.kind != KIOSK_TENSHUTSU)
		return MG_EINVAL;
	rc = perm_check(ctx, PERM_WORKFLOW);
	if (rc)
		return rc;
	rc = db_resident_by_kojin(ctx->db, a->card.kojin_bango, &r);
	if (rc == 0 && strcmp(r.state, "current") != 0)
		rc = MG_ENOTFOUND;
	if (rc)
		goto out;
	wf_copy(req->setai_no, sizeof req->setai_no, r.setai_no);
	wf_copy(req->atena[0], DB_ID_CAP, r.atena_no);
	req->n = 1;
	if (a->ans.household) {
		m.req = req;
		m.holder = r.atena_no;
		rc = db_resident_household(ctx->db, r.setai_no, add_member, &m);
	}
	wf_copy(req->dest_address, sizeof req->dest_address, a->ans.dest_address);
	wf_copy(req->dest_muni_code, sizeof req->dest_muni_code, a->ans.dest_muni_code);
	wf_copy(req->planned_date, sizeof req->planned_date, a->ans.move_date);
	req->tokurei = 1;
out:
	explicit_bzero(&r, sizeof r);
	return rc;
}

/* kiosk_machiaza_list's walk. */
struct town_walk {
	int (*fn)(void *arg, const char *code, const char *name);
	void *arg;
};

/* Pass one 町字 on. */
static int town_one(void *arg, const struct db_machiaza *mz)
{
	struct town_walk *w = arg;

	return w->fn ? w->fn(w->arg, mz->code, mz->name) : 0;
}

int kiosk_machiaza_list(struct app_ctx *ctx,
                        int (*fn)(void *arg, const char *code, const char *name), void *arg)
{
	struct town_walk w = { fn, arg };
	int rc;

	if (!ctx)
		return MG_EINVAL;
	rc = kiosk_perm_either(ctx);
	if (rc)
		return rc;
	return db_registry_machiaza_list(ctx->db, town_one, &w);
}

int kiosk_machiaza_name(struct app_ctx *ctx, const char *code, char *name, size_t cap)
{
	struct db_machiaza mz;
	int rc;

	if (!ctx || !code || !name || cap == 0)
		return MG_EINVAL;
	name[0] = 0;
	rc = db_registry_machiaza(ctx->db, code, &mz);
	if (rc == 0)
		wf_copy(name, cap, mz.name);
	return rc;
}

long long kiosk_exit_wait(const struct kiosk_exit_guard *g, long long now)
{
	if (!g || g->failures < KIOSK_EXIT_FREE_TRIES || now - g->last_failure >= KIOSK_EXIT_FORGET)
		return 0;
	return g->not_before > now ? g->not_before - now : 0;
}

/* Count one failed exit at now and set the next allowed time. */
static void exit_failed(struct kiosk_exit_guard *g, long long now)
{
	long long d = KIOSK_EXIT_DELAY;

	if (g->failures > 0 && now - g->last_failure >= KIOSK_EXIT_FORGET)
		g->failures = 0;
	if (g->failures < 1000)
		g->failures++;
	g->last_failure = now;
	g->not_before = now;
	if (g->failures < KIOSK_EXIT_FREE_TRIES)
		return;
	for (int i = KIOSK_EXIT_FREE_TRIES; i < g->failures && d < KIOSK_EXIT_DELAY_MAX; i++)
		d *= 2;
	g->not_before = now + (d < KIOSK_EXIT_DELAY_MAX ? d : KIOSK_EXIT_DELAY_MAX);
}

/*
 * Verify id + password of an operator of role want without touching the
 * account. Always does the scrypt work (a dummy hash for an unknown id) so
 * that the time taken does not tell known ids from unknown ones.
 * OUT: *reason, the log token of a refusal; *known = 1 when id names an
 * operator (only then may the id reach the log: a password typed into the
 * id field must not, as in app/session.c). Returns 0, MG_EAUTH or an
 * error code.
 */
static int verify_role(struct app_ctx *ctx, const char *id, const char *password,
                       enum session_role want, const char **reason, int *known)
{
	struct db_operator_row row;
	struct auth_params p;
	enum session_role role;
	char dummy[AUTH_HASH_MAX];
	int rc, vrc;

	*known = 0;
	memset(&row, 0, sizeof row);
	rc = auth_id_valid(id) ? db_operator_get(ctx->db, id, &row) : MG_ENOTFOUND;
	if (rc) {
		auth_params_from_ctx(ctx, &p);
		(void)auth_hash(password, &p, dummy, sizeof dummy);
		explicit_bzero(dummy, sizeof dummy);
		*reason = rc == MG_ENOTFOUND ? "unknown" : "error";
		rc = rc == MG_ENOTFOUND ? MG_EAUTH : rc;
		goto out;
	}
	*known = 1;
	vrc = auth_verify(password, row.pw_hash);
	if (row.locked) {
		*reason = "locked";
		rc = MG_EAUTH;
	} else if (vrc == MG_EAUTH || vrc == MG_EINVAL) {
		*reason = "password";   /* a malformed stored hash never matches */
		rc = MG_EAUTH;
	} else if (vrc) {
		*reason = "error";
		rc = vrc;
	} else if (session_role_parse(row.role, &role) != 0 || role != want) {
		*reason = "role";
		rc = MG_EAUTH;
	}
out:
	explicit_bzero(&row, sizeof row);
	return rc;
}

/*
 * A try inside the back-off wait (event "exit" or "start"): not checked; the
 * first try of each wait window is logged, the id only when it names an
 * operator. Returns MG_ETOOMANY.
 */
static int waited(struct app_ctx *ctx, struct kiosk_exit_guard *g, const char *event,
                  const char *id)
{
	struct db_operator_row row;
	char detail[96];
	int known;

	if (g->wait_logged == g->not_before)
		return MG_ETOOMANY;
	g->wait_logged = g->not_before;
	known = auth_id_valid(id) && db_operator_get(ctx->db, id, &row) == 0;
	explicit_bzero(&row, sizeof row);
	snprintf(detail, sizeof detail, "event=%s ok=0 id=%s reason=wait", event, known ? id : "-");
	(void)audit_log(ctx, AUDIT_KIOSK, NULL, detail);
	return MG_ETOOMANY;
}

/* A refused check (event "exit" or "start"): count it in g and log it. Returns MG_EAUTH. */
static int refused(struct app_ctx *ctx, struct kiosk_exit_guard *g, long long now,
                   const char *event, const char *id, int known, const char *reason)
{
	char detail[96];

	exit_failed(g, now);
	snprintf(detail, sizeof detail, "event=%s ok=0 id=%s reason=%s", event, known ? id : "-",
	         reason);
	(void)audit_log(ctx, AUDIT_KIOSK, NULL, detail);
	return MG_EAUTH;
}

int kiosk_admin_check(struct app_ctx *ctx, struct kiosk_exit_guard *g, long long now,
                      const char *admin_id, const char *password)
{
	const char *reason = "error";
	char detail[96];
	int rc, known = 0;

	if (!ctx || !ctx->db || !g || !admin_id || !password)
		return MG_EINVAL;
	if (kiosk_exit_wait(g, now) > 0)
		return waited(ctx, g, "exit", admin_id);
	rc = verify_role(ctx, admin_id, password, SESSION_ROLE_ADMIN, &reason, &known);
	if (rc == 0) {
		/* no row, no exit: the end of the kiosk must be on record */
		snprintf(detail, sizeof detail, "event=exit ok=1 id=%s", admin_id);
		rc = audit_log(ctx, AUDIT_KIOSK, NULL, detail);
		if (rc == 0)
			memset(g, 0, sizeof *g);
		else
			log_event(LOG_LEVEL_ERR, "kiosk.exit_log", rc, NULL);
		return rc;
	}
	if (rc != MG_EAUTH)
		log_event(LOG_LEVEL_ERR, "kiosk.exit_check", rc, NULL);
	return refused(ctx, g, now, "exit", admin_id, known, reason);
}

int kiosk_staff_check(struct app_ctx *ctx, struct kiosk_exit_guard *g, long long now,
                      const char *id, const char *password)
{
	const char *reason = "error";
	int rc, known = 0;

	if (!ctx || !ctx->db || !g || !id || !password)
		return MG_EINVAL;
	if (kiosk_exit_wait(g, now) > 0)
		return waited(ctx, g, "start", id);
	rc = verify_role(ctx, id, password, SESSION_ROLE_KIOSK, &reason, &known);
	if (rc == 0) {
		memset(g, 0, sizeof *g);   /* staff is here: the back-off starts over */
		return 0;                  /* session_login logs the kiosk account in */
	}
	if (rc != MG_EAUTH)
		log_event(LOG_LEVEL_ERR, "kiosk.staff_check", rc, NULL);
	return refused(ctx, g, now, "start", id, known, reason);
}
