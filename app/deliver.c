/* deliver.c — moving messages through the CS exchange. */
#include "app/deliver.h"
#include "app/audit.h"
#include "app/csmsg.h"
#include "app/ident.h"
#include "app/perm.h"
#include "app/tokurei.h"
#include "app/wf.h"
#include "db/db_inbox.h"
#include "db/db_outbox.h"
#include "i18n/mg_rc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int (*deliver_fault_hook)(const char *step);

/* A copied list of messages (payloads owned); max > 0 stops the walk there. */
struct dl_list {
	int n, cap, max;
	struct db_message *m;
};

/* One run: what it has written to the operation log so far. */
struct dl_run {
	struct app_ctx *ctx;
	struct db *cs;
	struct deliver_stats *st;
	int logged;      /* rows this run wrote */
};

/* The id the exchange holds for another message: kept in the outbox (rv5 H1). */
#define DL_ECONFLICT MG_ECS_IDCONFLICT

/* A copy of len bytes plus a NUL (new), or NULL. */
static char *dl_dup(const char *p, size_t len)
{
	char *q = malloc(len + 1);

	if (q) {
		if (len)
			memcpy(q, p, len);
		q[len] = '\0';
	}
	return q;
}

/* Copy a borrowed message into the list (payload and raw id owned by the list). */
static int dl_add(void *arg, const struct db_message *m)
{
	struct dl_list *l = arg;
	struct db_message *c;

	if (l->max > 0 && l->n >= l->max)
		return 1;                 /* a full batch: the rest waits for the next one */
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 32;
		struct db_message *g = realloc(l->m, (size_t)cap * sizeof *g);

		if (!g)
			return MG_ENOMEM;
		l->m = g;
		l->cap = cap;
	}
	c = &l->m[l->n];
	*c = *m;
	c->payload = NULL;
	c->raw_id = NULL;
	if (m->payload) {
		c->payload = dl_dup(m->payload, m->payload_len);
		if (!c->payload)
			return MG_ENOMEM;
	}
	if (m->raw_id) {
		char *id = dl_dup(m->raw_id, m->raw_id_len);

		if (!id) {
			free(c->payload);
			return MG_ENOMEM;
		}
		c->raw_id = id;
	}
	l->n++;
	return 0;
}

/* Free a list. */
static void dl_free(struct dl_list *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->m[i].payload);
		free((char *)(uintptr_t)l->m[i].raw_id);
	}
	free(l->m);
	memset(l, 0, sizeof *l);
}

/* Let a crash test stop the run after a step. */
static int dl_step(const char *step)
{
	return deliver_fault_hook && deliver_fault_hook(step) ? MG_ECS : 0;
}

/* Append ",code" to a list of recipients unless it is there (or the list is full). */
static void dl_to_add(char *list, size_t cap, const char *code)
{
	size_t n = strlen(code), len = strlen(list);

	for (const char *p = list; *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : p + strlen(p))
		if (strncmp(p, code, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return;
	if (len + n + 2 <= cap)
		snprintf(list + len, cap - len, "%s%s", len ? "," : "", code);
}

int deliver_cs_failed(int rc)
{
	switch (rc) {
	case MG_ECS:
	case MG_ECS_MISSING:
	case MG_ECS_NOTFILE:
	case MG_ECS_NOTCS:
	case MG_ECS_BUSY:
	case MG_ECS_READONLY:
	case MG_ECS_FULL:
	case MG_ECS_IO:
		return 1;
	default:
		return 0;
	}
}

/* The code of a failed step on the exchange (db_outbox_cs_rc); an exchange
 * code already is kept. */
static int dl_cs_rc(int rc)
{
	return deliver_cs_failed(rc) ? rc : db_outbox_cs_rc(rc);
}

/*
 * Outbox → exchange, then mark sent. A message whose id the exchange holds
 * for a different message stays in the outbox (counted in st->conflicts).
 * The marking transaction also checks the message counter against every
 * serial already used (ours in outbox_sent, the outbox and the exchange) and
 * writes the push's log row, counting only the rows this process moved.
 */
static int dl_push(struct dl_run *run)
{
	struct app_ctx *ctx = run->ctx;
	struct deliver_stats *st = run->st;
	struct dl_list out = { 0, 0, 0, NULL };
	char now[24], to[128] = "", bad[3 * 48] = "", detail[512];
	long long hi = 0, before = 0, after = 0;
	int *ok = NULL, moved = 0, conflicts = 0, adv = 0, rc;

	rc = db_outbox_unsent(ctx->db, dl_add, &out);
	if (rc > 0)
		rc = 0;
	if (rc)
		goto done;
	wf_now(now);
	if (out.n) {
		ok = calloc((size_t)out.n, sizeof *ok);
		if (!ok) {
			rc = MG_ENOMEM;
			goto done;
		}
		rc = db_begin(run->cs);
		for (int i = 0; rc == 0 && i < out.n; i++) {
			memcpy(out.m[i].from_code, ctx->muni_code, sizeof out.m[i].from_code);
			rc = db_outbox_cs_post(run->cs, &out.m[i], now);
			if (rc == MG_EEXISTS) {
				/* Never counted as sent, never dropped: named in the log. */
				if (conflicts++ < 3)
					dl_to_add(bad, sizeof bad, out.m[i].msg_id);
				rc = 0;
			} else if (rc >= 0) {
				ok[i] = 1;
				rc = 0;
			}
		}
		rc = db_finish(run->cs, rc);
		if (rc) {
			rc = dl_cs_rc(rc);
			goto done;
		}
		rc = dl_step("posted");
		if (rc)
			goto done;
	}
	rc = db_outbox_cs_max_serial(run->cs, ctx->muni_code, &hi);
	if (rc) {
		rc = dl_cs_rc(rc);
		goto done;
	}
	rc = db_begin(ctx->db);
	for (int i = 0; rc == 0 && i < out.n; i++) {
		if (!ok[i])
			continue;
		rc = db_outbox_mark_sent(ctx->db, out.m[i].seq, now);
		if (rc > 0) {
			moved++;
			dl_to_add(to, sizeof to, out.m[i].to_code);
		}
		rc = rc > 0 ? 0 : rc;
	}
	if (rc == 0) {
		adv = db_outbox_msg_counter_guard(ctx->db, ctx->muni_code, hi, &before, &after);
		rc = adv < 0 ? adv : 0;
	}
	if (rc == 0 && (moved || conflicts || adv > 0)) {
		int len = snprintf(detail, sizeof detail, "sent=%d to=%s", moved, to[0] ? to : "-");

		if (conflicts && len > 0 && (size_t)len < sizeof detail)
			len += snprintf(detail + len, sizeof detail - (size_t)len,
			                " kept=%d id_in_use=%s", conflicts, bad);
		if (adv > 0 && len > 0 && (size_t)len < sizeof detail)
			snprintf(detail + len, sizeof detail - (size_t)len, " msg_counter=%lld->%lld",
			         before, after);
		rc = audit_log(ctx, AUDIT_DELIVER, NULL, detail);
	}
	if (rc == 0 || ctx->db->tx)
		rc = db_finish(ctx->db, rc);
	if (rc == 0) {
		st->sent += moved;
		st->conflicts = conflicts;
		st->counter_advanced |= adv > 0;
		run->logged += moved || conflicts || adv > 0;
	}
	if (rc == 0 && out.n)
		rc = dl_step("marked");
done:
	free(ok);
	dl_free(&out);
	return rc;
}

/* Copy a message value or fail validation. */
static int dl_req(const struct csmsg *m, const char *key, char *out, size_t cap, int required)
{
	const char *v = csmsg_get(m, key);

	if (!v || (required && !*v) || strlen(v) >= cap)
		return MG_EBADMSG;
	memcpy(out, v, strlen(v) + 1);
	return 0;
}

/* A value that senders before some version did not send: "" when absent. */
static int dl_opt(const struct csmsg *m, const char *key, char *out, size_t cap)
{
	out[0] = '\0';
	return csmsg_get(m, key) ? dl_req(m, key, out, cap, 0) : 0;
}

/* An optional integer flag 0/1. */
static int dl_flag(const struct csmsg *m, const char *key, int *out)
{
	const char *v = csmsg_get(m, key);

	*out = 0;
	if (!v || !*v)
		return 0;
	if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
		return MG_EBADMSG;
	*out = v[0] == '1';
	return 0;
}

/* 1 when s is "" or a valid ISO date. */
static int dl_date_ok(const char *s, int required)
{
	i18n_day d;

	if (!*s)
		return !required;
	return i18n_date_parse_iso(s, &d) == 0;
}

/* 1 when no value of the message holds a control character (C0, DEL, C1; after unescaping). */
static int dl_no_controls(const struct csmsg *m)
{
	for (int i = 0; i < m->n; i++)
		for (const unsigned char *p = (const unsigned char *)m->val[i]; *p; p++)
			if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
				return 0;
	return 1;
}

/* 1 when a valid ISO date lies within a year of today. */
static int dl_date_near(const struct app_ctx *ctx, const char *s)
{
	i18n_day d;

	return i18n_date_parse_iso(s, &d) == 0 && d >= ctx->today - 366 && d <= ctx->today + 366;
}

/* Parse and validate a 転出証明書情報; *err names a refusal (MG_EBADMSG). */
static int dl_info(const struct app_ctx *ctx, const struct db_message *msg, const struct csmsg *m,
                   struct db_tenshutsu_info *t, const char **err)
{
	char today[DB_DATE_CAP], kept[DB_DATE_CAP], answer_to[48];
	int rc = 0;

	memset(t, 0, sizeof *t);
	wf_copy(t->msg_id, sizeof t->msg_id, msg->msg_id);
	wf_copy(t->from_code, sizeof t->from_code, msg->from_code);
	rc |= dl_req(m, "group_id", t->group_id, sizeof t->group_id, 1);
	rc |= dl_req(m, "from_name", t->from_name, sizeof t->from_name, 0);
	rc |= dl_req(m, "name", t->name, sizeof t->name, 1);
	rc |= dl_req(m, "name_kana", t->name_kana, sizeof t->name_kana, 1);
	rc |= dl_req(m, "birth", t->birth, sizeof t->birth, 1);
	rc |= dl_req(m, "sex", t->sex, sizeof t->sex, 1);
	rc |= dl_flag(m, "is_head", &t->is_head);
	rc |= dl_req(m, "zokugara", t->zokugara, sizeof t->zokugara, 1);
	rc |= dl_req(m, "head_name", t->head_name, sizeof t->head_name, 0);
	rc |= dl_req(m, "honseki", t->honseki, sizeof t->honseki, 0);
	rc |= dl_req(m, "hittosha", t->hittosha, sizeof t->hittosha, 0);
	rc |= dl_req(m, "kojin_bango", t->kojin_bango, sizeof t->kojin_bango, 0);
	rc |= dl_req(m, "juminhyo_code", t->juminhyo_code, sizeof t->juminhyo_code, 1);
	rc |= dl_req(m, "prev_address", t->prev_address, sizeof t->prev_address, 1);
	rc |= dl_opt(m, "prev_katagaki", t->prev_katagaki, sizeof t->prev_katagaki);
	rc |= dl_req(m, "dest_address", t->dest_address, sizeof t->dest_address, 1);
	rc |= dl_req(m, "planned_date", t->planned_date, sizeof t->planned_date, 1);
	rc |= dl_flag(m, "kokuho", &t->kokuho);
	rc |= dl_flag(m, "kouki", &t->kouki);
	rc |= dl_flag(m, "kaigo", &t->kaigo);
	rc |= dl_req(m, "nenkin_kind", t->nenkin_kind, sizeof t->nenkin_kind, 0);
	rc |= dl_req(m, "kiso_nenkin_no", t->kiso_nenkin_no, sizeof t->kiso_nenkin_no, 0);
	rc |= dl_flag(m, "jidou_teate", &t->jidou_teate);
	rc |= dl_flag(m, "card_holder", &t->card_holder);
	rc |= dl_req(m, "card_issued", t->card_issued, sizeof t->card_issued, 0);
	rc |= dl_req(m, "card_expiry", t->card_expiry, sizeof t->card_expiry, 0);
	rc |= dl_opt(m, "answer_to", answer_to, sizeof answer_to);
	if (rc)
		return MG_EBADMSG;
	if (!dl_no_controls(m)) {
		*err = "control_character";
		return MG_EBADMSG;
	}
	if (!dl_date_ok(t->planned_date, 1) || !dl_date_ok(t->card_issued, 0) ||
	    !dl_date_ok(t->card_expiry, 0) || !ident_juminhyo_code_valid(t->juminhyo_code) ||
	    (t->kojin_bango[0] && !ident_kojin_bango_valid(t->kojin_bango)) ||
	    !strchr("1290", t->sex[0]) || !ident_muni_city_valid(t->from_code))
		return MG_EBADMSG;
	wf_today(ctx, today);
	if (!wf_check_birth(t->birth, today)) {
		*err = "birth_invalid";
		return MG_EBADMSG;
	}
	/* A 転出予定日 far from today is no 転出 in progress (and would wrap the year). */
	if (!dl_date_near(ctx, t->planned_date)) {
		*err = "planned_date_out_of_range";
		return MG_EBADMSG;
	}
	/* 令24の4: kept until 予定日 + 30, computed here, not taken from the sender. */
	rc = wf_date_add(t->planned_date, 30, t->expires_on);
	/*
	 * An answer to our request (法24の2⑥) is for a 転入届 already received,
	 * perhaps on the last day of 予定日 + 30 and entered later (rv5 R2): it is
	 * kept 30 days from its receipt too, so that it does not arrive already
	 * erased. Whether the 届出 was in time is still judged on its 届出日.
	 */
	if (rc == 0 && answer_to[0]) {
		int ours = db_outbox_sent_by_us(ctx->db, answer_to, "tenshutsu_request",
		                                msg->from_code);

		if (ours < 0)
			return ours;
		if (ours && wf_date_add(today, 30, kept) == 0 && strcmp(kept, t->expires_on) > 0)
			memcpy(t->expires_on, kept, sizeof kept);
	}
	return rc;
}

/* Parse and validate a 転入通知; *err names a refusal (MG_EBADMSG). */
static int dl_notice(const struct app_ctx *ctx, const struct db_message *msg,
                     const struct csmsg *m, struct db_notice *n, const char **err)
{
	char today[DB_DATE_CAP];
	int rc = 0;

	memset(n, 0, sizeof *n);
	wf_copy(n->msg_id, sizeof n->msg_id, msg->msg_id);
	wf_copy(n->from_code, sizeof n->from_code, msg->from_code);
	rc |= dl_req(m, "from_name", n->from_name, sizeof n->from_name, 0);
	rc |= dl_req(m, "juminhyo_code", n->juminhyo_code, sizeof n->juminhyo_code, 0);
	rc |= dl_req(m, "kojin_bango", n->kojin_bango, sizeof n->kojin_bango, 0);
	rc |= dl_req(m, "name", n->name, sizeof n->name, 1);
	rc |= dl_req(m, "birth", n->birth, sizeof n->birth, 1);
	rc |= dl_req(m, "sex", n->sex, sizeof n->sex, 1);
	rc |= dl_req(m, "new_address", n->new_address, sizeof n->new_address, 1);
	rc |= dl_req(m, "tennyu_date", n->tennyu_date, sizeof n->tennyu_date, 1);
	rc |= dl_req(m, "notice_date", n->notice_date, sizeof n->notice_date, 1);
	if (rc || (!n->juminhyo_code[0] && !n->kojin_bango[0]) ||
	    !dl_date_ok(n->tennyu_date, 1) || !dl_date_ok(n->notice_date, 1) ||
	    !ident_muni_city_valid(n->from_code))
		return MG_EBADMSG;
	wf_today(ctx, today);
	if (!dl_no_controls(m))
		*err = "control_character";
	else if (!wf_check_birth(n->birth, today))
		*err = "birth_invalid";
	else if (strlen(n->sex) != 1 || !strchr("1290", n->sex[0]))
		*err = "sex_invalid";
	else if (n->kojin_bango[0] && !ident_kojin_bango_valid(n->kojin_bango))
		*err = "kojin_bango_invalid";
	else if (n->juminhyo_code[0] && !ident_juminhyo_code_valid(n->juminhyo_code))
		*err = "juminhyo_code_invalid";
	return **err ? MG_EBADMSG : 0;
}

/* A pending 転入通知 about the person of row r, by 氏名 and 生年月日 too, not by
 * a number alone (rv20 4): found sets hit and stops the walk. */
struct dl_waiting {
	const struct db_resident *r;
	int hit;
};

static int dl_notice_names(void *arg, const struct db_notice *n)
{
	struct dl_waiting *w = arg;

	w->hit = tokurei_same_name(n->name, w->r->name) && strcmp(n->birth, w->r->birth) == 0;
	return w->hit;
}

/*
 * *why = NULL while a person's latest row r is still the way out of a 転出
 * that no 転入通知 has confirmed: 転出予定 (a 令25 row while waiting
 * included), or the 除票 the 転出 (or the date job on its planned date)
 * made, and no 転入通知 about the person waits to be applied. The caller has
 * checked that the latest 転出 is the 特例転出. Otherwise why the information
 * may not go out again: "already_confirmed" (a municipality has registered
 * the person and told us: applied, or received and waiting, rv19cs 5),
 * "not_moving_out" (a resident again, or a later 異動). Returns 0 or a code.
 */
static int dl_still_leaving(struct db *db, const struct db_resident *r, const char **why)
{
	struct dl_waiting w = { r, 0 };
	int n;

	*why = NULL;
	if (r->notice_date[0]) {
		*why = "already_confirmed";
		return 0;
	}
	if (strcmp(r->state, "yotei") != 0 &&
	    !(strcmp(r->state, "jyohyo") == 0 && strcmp(r->shojo_jiyu, "tenshutsu") == 0)) {
		*why = "not_moving_out";
		return 0;
	}
	n = db_inbox_notices_pending_for(db, r->juminhyo_code, r->kojin_bango, dl_notice_names, &w);
	if (n < 0)
		return n;
	if (w.hit)
		*why = "already_confirmed";
	return 0;
}

/* Rows of one 転出 group, for answering a request. */
struct dl_group {
	const struct app_ctx *ctx;
	const char *to_code;
	const char *group;
	const char *request;       /* the id of the request answered */
	const char *only;          /* the one member to send, NULL = every member */
	struct db_resident now;    /* scratch: a member's latest row */
	int sent;
	int rc;
	char atena[WF_MAX_PERSONS * (DB_ID_CAP + 1) + 1];  /* "NNN,NNN" of the members sent */
};

/* Re-send the 転出証明書情報 of one member of the group, unless that member
 * has been registered elsewhere (or here) since, told or not yet applied. */
static int dl_resend(void *arg, const struct db_resident *r)
{
	struct dl_group *g = arg;
	const char *why;

	if (strcmp(r->idou_jiyu, "tenshutsu") != 0 || !r->tokurei ||
	    (g->only && strcmp(r->atena_no, g->only) != 0))
		return 0;
	g->rc = db_resident_current(g->ctx->db, r->atena_no, &g->now);
	if (g->rc == 0)
		g->rc = dl_still_leaving(g->ctx->db, &g->now, &why);
	if (g->rc)
		return g->rc;
	if (why)
		return 0;
	g->rc = wf_tenshutsu_info(g->ctx, r, strcmp(r->zokugara, "世帯主") == 0, g->to_code,
	                          g->group, NULL, g->request);
	if (g->rc)
		return g->rc;
	audit_ids_add(g->atena, sizeof g->atena, r->atena_no);
	g->sent++;
	return 0;
}

/* The 特例転出 row of a person (its 受付番号 names the group), as recorded then. */
struct dl_tokurei {
	char group[24];
	char atena[DB_ID_CAP];
	char name[DB_NAME_CAP];
	char birth[DB_DATE_CAP];
	char sex[2];
	int head;                  /* 1: the 世帯主, whose card carried the group */
};

/* Keep the person's latest 転出 row when it was a 特例転出 (group "" when the
 * latest 転出 was an ordinary one: its 転出証明書 is on paper). */
static int dl_find_tenshutsu(void *arg, const struct db_resident *r)
{
	struct dl_tokurei *f = arg;

	if (strcmp(r->idou_jiyu, "tenshutsu") != 0)
		return 0;
	f->group[0] = '\0';
	if (r->tokurei) {
		wf_copy(f->group, sizeof f->group, r->uketsuke_no);
		wf_copy(f->atena, sizeof f->atena, r->atena_no);
		f->head = strcmp(r->zokugara, "世帯主") == 0;
		wf_copy(f->name, sizeof f->name, r->name);
		wf_copy(f->birth, sizeof f->birth, r->birth);
		wf_copy(f->sex, sizeof f->sex, r->sex);
	}
	return 0;
}

/* 1 when the request's 氏名, 生年月日 (and 性別 when given) are those of row r. */
static int dl_same_person(const char *name, const char *birth, const char *sex,
                          const char *r_name, const char *r_birth, const char *r_sex)
{
	return tokurei_same_name(name, r_name) && strcmp(birth, r_birth) == 0 &&
	       (!sex || !*sex || strcmp(sex, r_sex) == 0);
}

/*
 * 法24の2⑤⑥: answer a request with the 転出証明書情報 of the person's 特例転出,
 * only while the person is still on the way out of it (no 転入通知 has
 * confirmed it or waits to be applied, not registered here again), only when
 * the request's 氏名, 生年月日 (and 性別 when given) match the record, once
 * per request (a later request of the same requester is answered again,
 * logged as a repeat). The group's other members travel only with their 世帯主
 * (法24の2②: the head's card carries them); a member's own request gets
 * that member alone (rv19cs 1). Members registered since do not travel.
 * A request whose 4情報 match nobody's record learns nothing more than
 * "no_match", whatever the person did (rv19cs 4). The answer is in the
 * operation log: the 宛名番号s sent and the requesting code, never the
 * 個人番号. *err names a refusal (MG_EBADMSG).
 */
static int dl_answer(struct app_ctx *ctx, const struct db_message *msg, const struct csmsg *m,
                     const char *now, struct deliver_stats *st, const char **err)
{
	const char *kojin = csmsg_get(m, "kojin_bango");
	const char *name = csmsg_get(m, "name");
	const char *birth = csmsg_get(m, "birth");
	const char *sex = csmsg_get(m, "sex");
	const char *tennyu = csmsg_get(m, "tennyu_date");
	const char *why = NULL;
	struct db_resident *cur;
	struct dl_tokurei f;
	struct dl_group *g;
	char detail[WF_MAX_PERSONS * (DB_ID_CAP + 1) + 160];
	char unit[sizeof f.group + DB_ID_CAP + 1];
	int rc, nth = 0;

	if (!kojin || !ident_kojin_bango_valid(kojin) || !ident_muni_city_valid(msg->from_code) ||
	    !name || !*name || !birth || !*birth || !tennyu || !dl_date_ok(tennyu, 1))
		return MG_EBADMSG;
	memset(&f, 0, sizeof f);
	cur = malloc(sizeof *cur);
	if (!cur)
		return MG_ENOMEM;
	rc = db_resident_by_kojin(ctx->db, kojin, cur);
	if (rc == 0)
		rc = db_resident_history(ctx->db, cur->atena_no, dl_find_tenshutsu, &f);
	/* The 転入届's 4情報 against the record (names normalised as 特例転入 does):
	 * the 特例転出's, else the person's latest; nobody's: no_match. */
	if (rc == 0 && !(f.group[0] ? dl_same_person(name, birth, sex, f.name, f.birth, f.sex)
	                             : dl_same_person(name, birth, sex, cur->name, cur->birth,
	                                              cur->sex)))
		rc = MG_ENOTFOUND;
	if (rc == 0 && f.group[0])
		rc = dl_still_leaving(ctx->db, cur, &why);
	free(cur);
	if (rc == MG_ENOTFOUND) {
		*err = "no_match";
		return MG_EBADMSG;
	}
	if (rc)
		return rc;
	if (!f.group[0]) {
		*err = "no_tokurei_tenshutsu";
		return MG_EBADMSG;
	}
	if (why) {
		*err = why;
		return MG_EBADMSG;
	}
	/* Once per request; a later request (an answer lost or damaged on its
	 * way, rv19cs 3) is answered again, counted per requester and what is
	 * sent: the group, or the member alone. */
	if (f.head)
		wf_copy(unit, sizeof unit, f.group);
	else
		snprintf(unit, sizeof unit, "%s/%s", f.group, f.atena);
	rc = db_outbox_answer_once(ctx->db, unit, msg->from_code, msg->msg_id, now, &nth);
	if (rc == 0) {
		*err = "already_answered";
		return MG_EBADMSG;
	}
	if (rc < 0)
		return rc;
	g = calloc(1, sizeof *g);
	if (!g)
		return MG_ENOMEM;
	g->ctx = ctx;
	g->to_code = msg->from_code;
	g->group = f.group;
	g->request = msg->msg_id;
	g->only = f.head ? NULL : f.atena;
	rc = db_resident_tokurei_group(ctx->db, f.group, dl_resend, g);
	if (rc == 0)
		rc = g->rc;
	if (rc == 0 && g->sent) {
		char repeat[24] = "";

		if (nth > 1)
			snprintf(repeat, sizeof repeat, " repeat=%d", nth);
		snprintf(detail, sizeof detail, "answer=tenshutsu_info to=%s request=%s atena=%s%s",
		         msg->from_code, msg->msg_id, g->atena, repeat);
		rc = audit_log(ctx, AUDIT_DELIVER, f.group, detail);
		if (rc == 0)
			st->answered++;
	}
	free(g);
	return rc;
}

/*
 * A refusal of one of our 転出証明書情報 requests (法24の2⑤; rv13dom L4):
 * exactly the keys answer_to and reason; answer_to a request we sent to
 * the sender (not merely queued), reason a known code. Stored with its log
 * row (target = our request, as tokurei_request logged it). *err names a
 * refusal (MG_EBADMSG).
 */
static int dl_refusal(struct app_ctx *ctx, const struct db_message *msg, const struct csmsg *m,
                      const char **err)
{
	struct db_refusal r;
	struct db_message req;
	char detail[160];
	int sent = 0, rc = 0;

	memset(&r, 0, sizeof r);
	wf_copy(r.msg_id, sizeof r.msg_id, msg->msg_id);
	wf_copy(r.from_code, sizeof r.from_code, msg->from_code);
	rc |= dl_req(m, "answer_to", r.request_id, sizeof r.request_id, 1);
	rc |= dl_req(m, "reason", r.reason, sizeof r.reason, 1);
	if (rc || !ident_muni_city_valid(r.from_code))
		return MG_EBADMSG;
	if (!dl_no_controls(m)) {
		*err = "control_character";
		return MG_EBADMSG;
	}
	/* Ids and a code only: a refusal carrying anything else is not taken. */
	for (int i = 1; i < m->n; i++)
		if (strcmp(m->key[i], "answer_to") != 0 && strcmp(m->key[i], "reason") != 0) {
			*err = "unexpected_field";
			return MG_EBADMSG;
		}
	if (!tokurei_refusal_reason_known(r.reason)) {
		*err = "reason_unknown";
		return MG_EBADMSG;
	}
	if (!csmsg_id_valid(r.request_id, strlen(r.request_id), ctx->muni_code)) {
		*err = "unknown_request";
		return MG_EBADMSG;
	}
	rc = db_outbox_find(ctx->db, r.request_id, &req, &sent);
	if (rc == MG_ENOTFOUND || (rc == 0 && (!sent || strcmp(req.kind, "tenshutsu_request") != 0 ||
	                                      strcmp(req.to_code, msg->from_code) != 0))) {
		*err = "unknown_request";
		return MG_EBADMSG;
	}
	if (rc)
		return rc;
	wf_now(r.received_at);
	rc = db_outbox_refusal_add(ctx->db, &r);
	if (rc == 0) {
		*err = "already_refused";
		return MG_EBADMSG;
	}
	if (rc < 0)
		return rc;
	snprintf(detail, sizeof detail, "refused_by=%s reason=%s answer=%s", r.from_code,
	         r.reason, r.msg_id);
	return audit_log(ctx, AUDIT_DELIVER, r.request_id, detail);
}

/*
 * The former municipality: answer a refused request (a well-formed request
 * from a valid municipality, refused for a reason tokurei_refusal_reason_known
 * names) with a tenshutsu_refusal message to the requester carrying
 * answer_to (the request's id) and reason, nothing of the person; once per
 * request id (tenshutsu_refused). OUT: answer_id ("" when not answered).
 * Call in the transaction that logs the refusal. Returns 0 or a code.
 */
static int dl_refuse(struct app_ctx *ctx, const struct db_message *msg, const char *reason,
                     const char *now, char answer_id[48])
{
	struct csmsg_out o;
	char *p;
	int rc;

	answer_id[0] = '\0';
	if (!tokurei_refusal_reason_known(reason))
		return 0;
	rc = db_outbox_refusal_once(ctx->db, msg->msg_id, msg->from_code, reason, now);
	if (rc <= 0)
		return rc;
	csmsg_begin(&o);
	csmsg_put(&o, "answer_to", msg->msg_id);
	csmsg_put(&o, "reason", reason);
	p = csmsg_end(&o, &rc);
	if (!p)
		return rc;
	return wf_send(ctx, "tenshutsu_refusal", msg->from_code, NULL, NULL, p, answer_id);
}

/*
 * 1 when the person of a 転出証明書情報 is registered here already (current,
 * or 転出予定 again), by 住民票コード or 個人番号: the 転入 was done, so the
 * information has no use and must not be kept (令24の4; rv19cs 5: an answer
 * arriving after the 特例転入). 0 when not, or a negative code.
 */
static int dl_registered_here(struct db *db, const struct db_tenshutsu_info *t)
{
	struct db_resident *r = malloc(sizeof *r);
	int rc;

	if (!r)
		return MG_ENOMEM;
	rc = db_resident_by_jcode(db, t->juminhyo_code, r);
	if (rc == MG_ENOTFOUND && t->kojin_bango[0])
		rc = db_resident_by_kojin(db, t->kojin_bango, r);
	if (rc == 0)
		rc = strcmp(r->state, "jyohyo") != 0;
	else if (rc == MG_ENOTFOUND)
		rc = 0;
	free(r);
	return rc;
}

/*
 * Store one new message (already recorded as seen by the caller on success).
 * Returns 0 (stored), 1 (a 転出証明書情報 with nothing to store: a second
 * copy of one held, or of a person registered here since; *err says which),
 * MG_EBADMSG with *err, or a code.
 */
static int dl_store(struct app_ctx *ctx, const struct db_message *msg, const char *now,
                    struct deliver_stats *st, const char **err)
{
	struct csmsg m;
	int rc;

	*err = "";
	rc = csmsg_parse(msg->payload, msg->payload_len, &m);
	if (rc == 0) {
		if (strcmp(msg->kind, "tenshutsu_info") == 0) {
			struct db_tenshutsu_info *t = malloc(sizeof *t);

			rc = t ? dl_info(ctx, msg, &m, t, err) : MG_ENOMEM;
			if (rc == 0) {
				rc = dl_registered_here(ctx->db, t);
				if (rc == 1)
					*err = "already_registered";
			}
			if (rc == 0) {
				wf_now(t->received_at);
				rc = db_inbox_add_info(ctx->db, t);
				if (rc == 2) {
					/* the copy held differs: damage or forgery */
					*err = "copy_differs";
					rc = MG_EBADMSG;
				} else if (rc == 0) {
					*err = "duplicate_copy";
					rc = 1;
				} else if (rc == 1) {
					rc = 0;
				}
			}
			free(t);
		} else if (strcmp(msg->kind, "tennyu_notice") == 0) {
			struct db_notice *n = malloc(sizeof *n);

			rc = n ? dl_notice(ctx, msg, &m, n, err) : MG_ENOMEM;
			if (rc == 0) {
				wf_now(n->received_at);
				rc = db_inbox_add_notice(ctx->db, n);
			}
			free(n);
		} else if (strcmp(msg->kind, "tenshutsu_request") == 0) {
			rc = dl_answer(ctx, msg, &m, now, st, err);
		} else if (strcmp(msg->kind, "tenshutsu_refusal") == 0) {
			rc = dl_refusal(ctx, msg, &m, err);
		} else {
			*err = "unknown_kind";
			rc = MG_EBADMSG;
		}
	}
	if (rc == MG_EBADMSG && !**err)
		*err = "malformed";
	csmsg_free(&m);
	return rc;
}

/*
 * Why a message cannot be taken as it is offered, before its payload is
 * parsed: "" when it can. An unusable id is never trusted to tell messages
 * apart (rv: a cut id made a second message a "duplicate"). Nothing we
 * send is addressed to ourselves (a move within the city is a 転居), so a
 * message from our own code is damaged or forged: "own_code".
 */
static const char *dl_precheck(const struct db_message *msg, const char *own_code)
{
	if ((msg->bad & DB_MSG_BAD_FROM) || !ident_muni_city_valid(msg->from_code))
		return "bad_sender";
	if (strcmp(msg->from_code, own_code) == 0)
		return "own_code";
	if ((msg->bad & DB_MSG_BAD_ID) || !csmsg_id_valid(msg->raw_id, msg->raw_id_len, msg->from_code))
		return "bad_msg_id";
	if (msg->bad & DB_MSG_BAD_KIND)
		return "unknown_kind";
	if (msg->over_cap)
		return "too_large";
	if (!msg->payload || (msg->bad & DB_MSG_BAD_OTHER))
		return "malformed";
	return "";
}

/* The key a message is recorded under: its id, a digest of an unusable id,
 * or for a second body under an id we applied, the digest of that body. */
static void dl_seen_key(const struct db_message *msg, const char *why, char *key, size_t cap)
{
	if (strcmp(why, "bad_sender") == 0 || strcmp(why, "bad_msg_id") == 0)
		snprintf(key, cap, "invalid:%s", msg->raw_id_sha256);
	else if (strcmp(why, "id_reused") == 0)
		snprintf(key, cap, "reused:%s", msg->sha256);
	else
		snprintf(key, cap, "%s", msg->msg_id);
}

/*
 * A message whose id (seen->msg_id) is recorded already. Returns
 *   0  the same message again, or nothing to tell it by (no body, no digest
 *      kept): a duplicate;
 *   1  another body under an id we rejected: the sender corrected the
 *      message and offered it again under the same id (rv13dom M4). Its
 *      record is replaced by seen, and it is taken as a new message;
 *   2  another body under an id we took: never applied;
 * or a negative code.
 */
static int dl_seen_again(struct db *db, const struct db_message *msg, const struct db_seen *seen)
{
	char status[16], sha[65];
	int rc;

	if (msg->size <= 0 || !msg->sha256[0])
		return 0;
	rc = db_inbox_seen_prior(db, seen->msg_id, status, sha);
	if (rc <= 0)
		return rc;
	if (!sha[0] || strcmp(sha, msg->sha256) == 0)
		return 0;
	if (strcmp(status, "rejected") != 0)
		return 2;
	rc = db_inbox_seen_replace(db, seen);
	return rc ? rc : 1;
}

/*
 * One batch, exchange → inbox in one local transaction (with its log row,
 * counting what this process stored), then acknowledged in the exchange.
 * OUT: *acked (rows the acknowledgement marked now).
 */
static int dl_pull_batch(struct dl_run *run, struct dl_list *in, int *acked)
{
	struct app_ctx *ctx = run->ctx;
	struct deliver_stats *st = run->st;
	struct deliver_stats was = *st;
	char now[24], detail[160];
	int order[DELIVER_BATCH], n = 0;
	int rc;

	/* Requests last, each class in the order posted: a 転入通知 of the same
	 * batch is stored before a request about its person is judged, and
	 * dl_answer refuses while such a notice is pending (rv19cs 5). */
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < in->n && n < DELIVER_BATCH; i++)
			if (pass == (!(in->m[i].bad & DB_MSG_BAD_KIND) &&
			             strcmp(in->m[i].kind, "tenshutsu_request") == 0))
				order[n++] = i;
	*acked = 0;
	wf_now(now);
	rc = db_begin(ctx->db);
	for (int k = 0; rc == 0 && k < n; k++) {
		struct db_message *msg = &in->m[order[k]];
		const char *err = dl_precheck(msg, ctx->muni_code);
		struct db_seen seen = { NULL, "", "", now, "ok", "", msg->size, msg->sha256 };
		char key[96];
		int isnew;

		dl_seen_key(msg, err, key, sizeof key);
		seen.msg_id = key;
		seen.kind = (msg->bad & DB_MSG_BAD_KIND) ? "" : msg->kind;
		seen.from_code = (msg->bad & DB_MSG_BAD_FROM) ? "" : msg->from_code;
		/* A message seen before (stored, or rejected) is never applied again,
		 * but a new body under an id we rejected is a new message
		 * (dl_seen_again). The savepoint covers the "seen" record too, so a
		 * message rejected while being stored replaces it with its
		 * "rejected" record. */
		rc = db_exec(ctx->db, "SAVEPOINT msg");
		if (rc)
			break;
		isnew = *err ? 0 : db_inbox_seen(ctx->db, &seen);
		if (isnew == 0 && !*err) {
			isnew = dl_seen_again(ctx->db, msg, &seen);
			if (isnew == 2) {
				/* rejected under a key of its own: the record of the
				 * message we took stays as it is */
				err = "id_reused";
				dl_seen_key(msg, err, key, sizeof key);
			}
		}
		if (!*err) {
			if (isnew <= 0) {
				rc = db_exec(ctx->db, "RELEASE msg");
				if (isnew < 0) {
					rc = isnew;
					break;
				}
				st->duplicates++;
				continue;
			}
			rc = dl_store(ctx, msg, now, st, &err);
			if (rc == 0) {
				st->received++;
				rc = db_exec(ctx->db, "RELEASE msg");
				continue;
			}
			if (rc == 1) {
				/* The same person of the same 転出, held already (the push and
				 * the answer to a request, R3): seen, kept once. The copy held
				 * may have taken the answer's keeping period (R2). Or the
				 * person is registered here since: seen, nothing kept. */
				rc = db_inbox_seen_error(ctx->db, seen.msg_id, err);
				if (rc == 0) {
					st->duplicates++;
					rc = db_exec(ctx->db, "RELEASE msg");
				}
				if (rc)
					break;
				continue;
			}
			if (rc != MG_EBADMSG)
				break;
			rc = db_exec(ctx->db, "ROLLBACK TO msg");
			if (rc)
				break;
		}
		/* Rejected: only what a resend request needs is kept, never the payload. */
		seen.status = "rejected";
		seen.error = err;
		isnew = db_inbox_seen(ctx->db, &seen);
		if (isnew == 0 && strcmp(err, "id_reused") != 0) {
			/* a new bad body under an id we rejected replaces that
			 * record; a bad copy of one we took is a duplicate */
			isnew = dl_seen_again(ctx->db, msg, &seen);
			if (isnew == 2)
				isnew = 0;
		}
		if (isnew < 0) {
			rc = isnew;
			break;
		}
		if (isnew == 0) {
			st->duplicates++;
		} else {
			st->rejected++;
			if (strcmp(msg->kind, "tenshutsu_request") == 0 && seen.from_code[0] &&
			    csmsg_id_valid(msg->raw_id, msg->raw_id_len, msg->from_code)) {
				char why[224], answer[48];

				/* A refused request is evidence too (who asked, why not
				 * answered), and the requester is told why (rv13dom L4):
				 * the answer is queued in this transaction. */
				rc = dl_refuse(ctx, msg, err, now, answer);
				if (rc == 0 && answer[0])
					st->refused++;
				snprintf(why, sizeof why, "answer=refused to=%s request=%s reason=%s%s%s",
				         msg->from_code, msg->msg_id, err, answer[0] ? " refusal=" : "",
				         answer);
				if (rc == 0)
					rc = audit_log(ctx, AUDIT_DELIVER, NULL, why);
			}
		}
		if (rc == 0)
			rc = db_exec(ctx->db, "RELEASE msg");
	}
	if (rc == 0) {
		/* This batch's row, in the transaction that stores it (rv5 admin §2). */
		snprintf(detail, sizeof detail, "received=%d duplicates=%d rejected=%d answered=%d",
		         st->received - was.received, st->duplicates - was.duplicates,
		         st->rejected - was.rejected, st->answered - was.answered);
		rc = audit_log(ctx, AUDIT_DELIVER, NULL, detail);
	}
	if (rc == 0 || ctx->db->tx)
		rc = db_finish(ctx->db, rc);
	if (rc) {
		*st = was;
		return rc;
	}
	run->logged++;
	rc = dl_step("stored");
	if (rc)
		return rc;
	rc = db_begin(run->cs);
	for (int i = 0; rc == 0 && i < in->n; i++) {
		rc = db_outbox_cs_ack(run->cs, &in->m[i], now);
		if (rc > 0)
			*acked += rc;
		rc = rc > 0 ? 0 : rc;
	}
	rc = db_finish(run->cs, rc);
	if (rc)
		return dl_cs_rc(rc);
	return dl_step("acked");
}

/* Exchange → inbox, DELIVER_BATCH messages at a time (memory stays bounded). */
static int dl_pull(struct dl_run *run)
{
	int rc = 0;

	for (;;) {
		struct dl_list in = { 0, 0, DELIVER_BATCH, NULL };
		int n, acked = 0;

		rc = db_outbox_cs_pending(run->cs, run->ctx->muni_code, CSMSG_MAX_SIZE, dl_add, &in);
		if (rc > 0)
			rc = 0;
		if (rc)
			rc = dl_cs_rc(rc);
		n = in.n;
		if (rc == 0 && n > 0)
			rc = dl_pull_batch(run, &in, &acked);
		dl_free(&in);
		/* Done when the batch was not full; stop too if nothing could be acknowledged. */
		if (rc || n < DELIVER_BATCH || acked == 0)
			break;
	}
	return rc;
}

int deliver_run(struct app_ctx *ctx, const char *cs_path, struct deliver_stats *st)
{
	struct dl_run run = { ctx, NULL, st, 0 };
	char detail[128];
	int rc;

	memset(st, 0, sizeof *st);
	rc = perm_check(ctx, PERM_DELIVER);
	if (rc)
		return rc;
	if (!cs_path || !*cs_path)
		return MG_ECS;
	/* Never created here: a misspelt or unmounted path must not receive the outbox. */
	rc = db_outbox_cs_attach(cs_path, &run.cs);
	if (rc)
		return dl_cs_rc(rc);
	rc = dl_push(&run);
	if (rc == 0)
		rc = dl_pull(&run);
	/* Answers to requests (and refusals of them) were queued by the pull: send them now. */
	if (rc == 0 && (st->answered || st->refused))
		rc = dl_push(&run);
	db_close(run.cs);
	/* A run that moved nothing is logged too (each step logged what it moved). */
	if (rc == 0 && !run.logged) {
		snprintf(detail, sizeof detail, "sent=%d received=%d duplicates=%d rejected=%d "
		         "answered=%d", st->sent, st->received, st->duplicates, st->rejected,
		         st->answered);
		rc = db_begin(ctx->db);
		if (rc == 0)
			rc = db_finish(ctx->db, audit_log(ctx, AUDIT_DELIVER, NULL, detail));
	}
	if (rc == 0 && st->conflicts)
		rc = DL_ECONFLICT;
	return rc;
}
