/* wf.c — pieces shared by the workflows. */
#include "app/wf.h"
#include "app/audit.h"
#include "app/config.h"
#include "app/csmsg.h"
#include "app/ident.h"
#include "app/session.h"
#include "db/db_household.h"
#include "db/db_outbox.h"
#include "db/db_registry.h"
#include "i18n/i18n_kana.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int wf_grow(void **arr, size_t *cap, size_t n, size_t sz)
{
	void *p;
	size_t ncap;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	p = realloc(*arr, ncap * sz);
	if (!p)
		return MG_ENOMEM;
	*arr = p;
	*cap = ncap;
	return 0;
}

char *wf_copy(char *dst, size_t cap, const char *src)
{
	size_t n;

	if (cap == 0)
		return dst;
	n = src ? strlen(src) : 0;
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
	return dst;
}

void wf_address(const struct app_ctx *ctx, const char *town, const char *banchi,
                char *out, size_t cap)
{
	const char *pref = ident_pref_name(ctx->muni_code);

	snprintf(out, cap, "%s%s%s%s", pref ? pref : "", ctx->muni_name, town, banchi);
}

void wf_today(const struct app_ctx *ctx, char *out)
{
	i18n_date_format_iso(ctx->today, out);
}

int wf_todoke(const struct app_ctx *ctx, char *todoke, struct check_list *l, i18n_day *day)
{
	char today[DB_DATE_CAP];

	wf_today(ctx, today);
	if (!todoke[0])
		memcpy(todoke, today, sizeof today);
	if (i18n_date_parse_iso(todoke, day) != 0) {
		check_add(l, CHECK_ERROR, MSG("chk_todoke_date_invalid"), -1, todoke, NULL, NULL);
		return -1;
	}
	if (*day > ctx->today)
		check_add(l, CHECK_ERROR, MSG("chk_todoke_future"), -1, todoke, today, NULL);
	else if (*day < ctx->today)
		check_add(l, CHECK_ALERT, MSG("chk_todoke_past"), -1, todoke, today, NULL);
	return 0;
}

void wf_now(char *out)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 24, "%Y-%m-%dT%H:%M:%S", &tm);
}

int wf_date_add(const char *iso, int days, char *out)
{
	i18n_day d;

	if (i18n_date_parse_iso(iso, &d) != 0)
		return MG_EDATE;
	i18n_date_format_iso(d + days, out);
	return 0;
}

int wf_date_cmp(const char *a, const char *b)
{
	return strcmp(a, b);
}

/* Collect one closing day into the calendar. */
static int cal_add(void *arg, const char *day)
{
	struct wf_cal *c = arg;
	i18n_day d;

	if (c->cal.n_extra < WF_CAL_MAX && i18n_date_parse_iso(day, &d) == 0)
		c->extra[c->cal.n_extra++] = d;
	return 0;
}

int wf_load_cal(const struct app_ctx *ctx, struct wf_cal *c)
{
	int n;

	memset(c, 0, sizeof *c);
	c->cal.year_end = ctx->cfg ? ctx->cfg->year_end_closed : 1;
	c->cal.holidays_open = ctx->cfg && !ctx->cfg->holidays_closed;
	c->cal.extra = c->extra;
	/* Closing days come from the configuration and from the registry. */
	for (size_t i = 0; ctx->cfg && i < ctx->cfg->n_closed_days && c->cal.n_extra < WF_CAL_MAX; i++)
		c->extra[c->cal.n_extra++] = ctx->cfg->closed_days[i];
	n = db_registry_closing_days(ctx->db, cal_add, c);
	return n < 0 ? n : 0;
}

int wf_event_dates(const struct app_ctx *ctx, char *todoke, const char *event,
                   const struct wf_event_msgs *m, struct check_list *l, char *last_day)
{
	struct wf_cal cal;
	i18n_day day, todoke_day;
	int rc;

	if (wf_todoke(ctx, todoke, l, &todoke_day) != 0)
		return 0;
	if (i18n_date_parse_iso(event, &day) != 0) {
		check_add(l, CHECK_ERROR, m->invalid, -1, event, NULL, NULL);
		return 0;
	}
	if (day > todoke_day) {
		check_add(l, CHECK_ERROR, m->after, -1, event, todoke, NULL);
		return 0;
	}
	rc = wf_load_cal(ctx, &cal);
	if (rc)
		return rc;
	i18n_date_format_iso(holiday_next_open(&cal.cal, day + 14), last_day);
	if (strcmp(todoke, last_day) > 0)
		check_add(l, CHECK_ALERT, m->late, -1, last_day, event, NULL);
	return 0;
}

int wf_uketsuke(const struct app_ctx *ctx, const char *workflow, const char *todoke_date,
                const char *alerts, char *no)
{
	struct db_uketsuke u;
	char counter[32], today[11];
	long long v = 0;
	int rc;

	wf_today(ctx, today);
	snprintf(counter, sizeof counter, "uketsuke:%s", today);
	rc = db_registry_next(ctx->db, counter, &v);
	if (rc)
		return rc;
	memset(&u, 0, sizeof u);
	snprintf(u.uketsuke_no, sizeof u.uketsuke_no, "%.4s%.2s%.2s-%04lld",
	         today, today + 5, today + 8, v);
	wf_copy(u.workflow, sizeof u.workflow, workflow);
	wf_copy(u.todoke_date, sizeof u.todoke_date, todoke_date);
	wf_copy(u.shori_date, sizeof u.shori_date, today);
	if (ctx->sess)
		wf_copy(u.operator_id, sizeof u.operator_id, ctx->sess->operator_id);
	wf_copy(u.terminal, sizeof u.terminal, ctx->terminal ? ctx->terminal : "");
	wf_copy(u.alerts, sizeof u.alerts, alerts ? alerts : "");
	rc = db_registry_add_uketsuke(ctx->db, &u);
	if (rc == 0)
		memcpy(no, u.uketsuke_no, sizeof u.uketsuke_no);
	return rc;
}

/* Next serial of a counter whose check digit exists (remainder 1 is skipped). */
static int wf_serial(const struct app_ctx *ctx, const char *counter, char *out)
{
	for (int tries = 0; tries < 4; tries++) {
		char base[16];
		long long v = 0;
		int rc = db_registry_next(ctx->db, counter, &v), cd;

		if (rc)
			return rc;
		snprintf(base, sizeof base, "%09lld", v % 1000000000LL);
		cd = ident_serial_check(base);
		if (cd >= 0 && cd <= 9) {
			memcpy(out, base, 9);
			out[9] = (char)('0' + cd);
			out[10] = '\0';
			return 0;
		}
	}
	return MG_EDB;
}

int wf_new_atena(const struct app_ctx *ctx, char *out)
{
	return wf_serial(ctx, "atena", out);
}

int wf_new_setai(const struct app_ctx *ctx, char *out)
{
	return wf_serial(ctx, "setai", out);
}

int wf_keys(struct db_resident *r)
{
	if (i18n_kana_search_key(r->name_kana, r->kana_key, sizeof r->kana_key) < 0)
		return MG_EINVAL;
	if (i18n_kana_name_key(r->name, r->name_key, sizeof r->name_key) < 0)
		return MG_EINVAL;
	return 0;
}

int wf_message(const struct app_ctx *ctx, const char *kind, const char *to_code,
               struct db_message *m)
{
	int rc;

	memset(m, 0, sizeof *m);
	rc = db_registry_next(ctx->db, "msg", &m->seq);
	if (rc)
		return rc;
	snprintf(m->msg_id, sizeof m->msg_id, "%s-%09lld", ctx->muni_code, m->seq);
	wf_copy(m->kind, sizeof m->kind, kind);
	wf_copy(m->from_code, sizeof m->from_code, ctx->muni_code);
	wf_copy(m->to_code, sizeof m->to_code, to_code);
	wf_now(m->created_at);
	return 0;
}

int wf_send(const struct app_ctx *ctx, const char *kind, const char *to_code,
            const char *uketsuke_no, const char *atena_no, char *payload, char *id_out)
{
	struct db_message m;
	int rc = wf_message(ctx, kind, to_code, &m);

	if (rc == 0) {
		wf_copy(m.uketsuke_no, sizeof m.uketsuke_no, uketsuke_no ? uketsuke_no : "");
		wf_copy(m.atena_no, sizeof m.atena_no, atena_no ? atena_no : "");
		m.payload = payload;
		rc = db_outbox_add(ctx->db, &m);
	}
	if (rc == 0 && id_out)
		memcpy(id_out, m.msg_id, sizeof m.msg_id);
	free(payload);
	return rc;
}

int wf_honnin(const struct app_ctx *ctx, const struct db_resident *r, const char *event,
              const char *uketsuke_no)
{
	struct csmsg_out o;
	char *p;
	int rc;

	csmsg_begin(&o);
	csmsg_put(&o, "event", event);
	csmsg_put(&o, "jiyu", r->state[0] == 'j' ? r->shojo_jiyu : r->idou_jiyu);
	csmsg_put(&o, "event_date", r->state[0] == 'j' ? r->shojo_date : r->idou_date);
	csmsg_put(&o, "muni_code", ctx->muni_code);
	csmsg_put(&o, "name", r->name);
	csmsg_put(&o, "name_kana", r->name_kana);
	csmsg_put(&o, "birth", r->birth);
	csmsg_put(&o, "sex", r->sex);
	csmsg_put(&o, "address", r->addr_text);
	csmsg_put(&o, "kojin_bango", r->kojin_bango);
	csmsg_put(&o, "juminhyo_code", r->juminhyo_code);
	p = csmsg_end(&o, &rc);
	if (!p)
		return rc;
	return wf_send(ctx, "honnin_update", "CS", uketsuke_no, r->atena_no, p, NULL);
}

int wf_tenshutsu_info(const struct app_ctx *ctx, const struct db_resident *r, int is_head,
                      const char *to_code, const char *group_id, const char *uketsuke_no,
                      const char *answer_to)
{
	struct csmsg_out o;
	char *p;
	int rc;

	csmsg_begin(&o);
	csmsg_put(&o, "group_id", group_id);
	csmsg_put(&o, "from_name", ctx->muni_name);
	csmsg_put(&o, "name", r->name);
	csmsg_put(&o, "name_kana", r->name_kana);
	csmsg_put(&o, "birth", r->birth);
	csmsg_put(&o, "sex", r->sex);
	csmsg_put_int(&o, "is_head", is_head);
	csmsg_put(&o, "zokugara", r->zokugara);
	csmsg_put(&o, "head_name", r->head_name);
	csmsg_put(&o, "honseki", r->honseki);
	csmsg_put(&o, "hittosha", r->hittosha);
	csmsg_put(&o, "kojin_bango", r->kojin_bango);
	csmsg_put(&o, "juminhyo_code", r->juminhyo_code);
	csmsg_put(&o, "prev_address", r->addr_text);
	csmsg_put(&o, "prev_katagaki", r->katagaki);
	csmsg_put(&o, "dest_address", r->dest_planned);
	csmsg_put(&o, "planned_date", r->dest_planned_date);
	csmsg_put_int(&o, "kokuho", r->kokuho);
	csmsg_put_int(&o, "kouki", r->kouki);
	csmsg_put_int(&o, "kaigo", r->kaigo);
	csmsg_put(&o, "nenkin_kind", r->nenkin_kind);
	csmsg_put(&o, "kiso_nenkin_no", r->kiso_nenkin_no);
	csmsg_put_int(&o, "jidou_teate", r->jidou_teate);
	csmsg_put_int(&o, "card_holder", r->card_issued[0] != '\0');
	csmsg_put(&o, "card_issued", r->card_issued);
	csmsg_put(&o, "card_expiry", r->card_expiry);
	if (answer_to)
		csmsg_put(&o, "answer_to", answer_to);
	p = csmsg_end(&o, &rc);
	if (!p)
		return rc;
	return wf_send(ctx, "tenshutsu_info", to_code, uketsuke_no, r->atena_no, p, NULL);
}

int wf_audit_commit(struct app_ctx *ctx, const char *workflow, const char *uketsuke_no,
                    char (*atena)[DB_ID_CAP], int n, const char *todoke)
{
	char detail[560], ids[480] = "";

	for (int i = 0; i < n && audit_ids_add(ids, sizeof ids, atena[i]) == 0; i++)
		;
	snprintf(detail, sizeof detail, "wf=%s atena=%s%s%.10s", workflow, ids,
	         todoke && todoke[0] ? " todoke=" : "", todoke ? todoke : "");
	return audit_log(ctx, AUDIT_COMMIT, uketsuke_no, detail);
}

/* Remember the first 3-item match. */
static int match3_cb(void *arg, const struct db_resident *r)
{
	struct db_resident *first = arg;

	if (!first->atena_no[0])
		*first = *r;
	return 0;
}

int wf_match_person(const struct app_ctx *ctx, const char *kojin, const char *jcode,
                    const char *name_key, const char *birth, const char *sex,
                    struct wf_match *m)
{
	struct db_resident *r = calloc(1, sizeof *r);
	int rc;

	memset(m, 0, sizeof *m);
	if (!r)
		return MG_ENOMEM;
	rc = kojin && *kojin ? db_resident_by_kojin(ctx->db, kojin, r) : MG_ENOTFOUND;
	if (rc == MG_ENOTFOUND && jcode && *jcode)
		rc = db_resident_by_jcode(ctx->db, jcode, r);
	if (rc == 0) {
		m->kind = strcmp(r->state, "jyohyo") == 0 ? WF_MATCH_JYOHYO_ID : WF_MATCH_CURRENT_ID;
	} else if (rc == MG_ENOTFOUND) {
		memset(r, 0, sizeof *r);
		rc = db_resident_by_3items(ctx->db, name_key, birth, sex, match3_cb, r);
		if (rc == 0 && r->atena_no[0])
			m->kind = strcmp(r->state, "jyohyo") == 0 ? WF_MATCH_JYOHYO_3
			                                         : WF_MATCH_CURRENT_3;
	}
	if (rc == 0 && m->kind != WF_MATCH_NONE) {
		memcpy(m->atena, r->atena_no, sizeof m->atena);
		m->rireki_no = r->rireki_no;
		memcpy(m->name, r->name, sizeof m->name);
		memcpy(m->name_key, r->name_key, sizeof m->name_key);
		memcpy(m->birth, r->birth, sizeof m->birth);
		memcpy(m->sex, r->sex, sizeof m->sex);
		memcpy(m->shojo_date, r->shojo_date, sizeof m->shojo_date);
	}
	free(r);
	return rc;
}

int wf_check_birth(const char *iso, const char *today)
{
	int y, mo, d;

	if (strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
			return 0;
	y = atoi(iso);
	mo = atoi(iso + 5);
	d = atoi(iso + 8);
	if (y < 1 || mo > 12 || d > 31 || (mo == 0 && d != 0))
		return 0;
	/* Compare as text: an unknown part (00) sorts before any real one. */
	return strcmp(iso, today) <= 0;
}

int wf_setai_apply(const struct app_ctx *ctx, const struct db_resident *cur,
                   const struct db_setai_pending *p, const char *day)
{
	struct db_resident *r = malloc(sizeof *r);
	int rc;

	if (!r)
		return MG_ENOMEM;
	*r = *cur;
	r->rireki_no++;
	wf_copy(r->zokugara, sizeof r->zokugara, p->zokugara);
	wf_copy(r->head_name, sizeof r->head_name, p->head_name);
	wf_copy(r->idou_jiyu, sizeof r->idou_jiyu, "setainushi_henko");
	wf_copy(r->idou_date, sizeof r->idou_date, day);
	wf_copy(r->todoke_date, sizeof r->todoke_date, p->todoke_date);
	wf_today(ctx, r->shori_date);
	wf_copy(r->todoke_kind, sizeof r->todoke_kind, p->todoke_kind);
	wf_copy(r->uketsuke_no, sizeof r->uketsuke_no, p->uketsuke_no);
	rc = db_resident_append(ctx->db, r);
	if (rc == 0 && strcmp(p->atena_no, p->head_atena) == 0)
		rc = db_household_set_head(ctx->db, p->setai_no, p->head_atena);
	free(r);
	return rc;
}

int wf_in_setai_on(const struct db_resident *r, const char *day)
{
	if (strcmp(r->state, "yotei") == 0)
		return day[0] && strcmp(r->dest_planned_date, day) > 0;
	return strcmp(r->state, "current") == 0;
}

/* What a 世帯主's 除票 leaves behind: the members still in the 世帯 that day
 * and the change his future-dated 転出 queued for them. */
struct wf_takeover {
	const char *leaving, *day;
	struct db_resident *stay;
	size_t nstay, capstay;
	struct db_setai_pending *plan;
	size_t nplan, capplan;
};

/* Keep a member still in the 世帯 on the day: current, or 転出予定 for a later day. */
static int wf_takeover_member(void *arg, const struct db_resident *r)
{
	struct wf_takeover *t = arg;

	if (strcmp(r->atena_no, t->leaving) == 0 || !wf_in_setai_on(r, t->day))
		return 0;
	if (wf_grow((void **)&t->stay, &t->capstay, t->nstay, sizeof *t->stay))
		return MG_ENOMEM;
	t->stay[t->nstay++] = *r;
	return 0;
}

/* Keep one queued member change. */
static int wf_takeover_plan(void *arg, const struct db_setai_pending *p)
{
	struct wf_takeover *t = arg;

	if (wf_grow((void **)&t->plan, &t->capplan, t->nplan, sizeof *t->plan))
		return MG_ENOMEM;
	t->plan[t->nplan++] = *p;
	return 0;
}

/* The remaining member with this 宛名番号, or NULL. */
static const struct db_resident *wf_takeover_find(const struct wf_takeover *t, const char *atena)
{
	for (size_t i = 0; i < t->nstay; i++)
		if (strcmp(t->stay[i].atena_no, atena) == 0)
			return &t->stay[i];
	return NULL;
}

/*
 * 1 when the queued change still fits the 世帯: it names every member who
 * remains and no one else, and its new 世帯主 is one of them. A member who
 * left or joined since the 転出 was filed makes it stale.
 */
static int wf_plan_fits(const struct wf_takeover *t)
{
	int head = 0;

	if (t->nplan == 0 || t->nplan != t->nstay)
		return 0;
	for (size_t i = 0; i < t->nplan; i++) {
		if (!wf_takeover_find(t, t->plan[i].atena_no))
			return 0;
		head |= strcmp(t->plan[i].atena_no, t->plan[i].head_atena) == 0;
	}
	return head;
}

/* 令25 on the day: the one member who remains is the 世帯主 by 職権. */
static int wf_takeover_alone(const struct app_ctx *ctx, const struct wf_takeover *t,
                             const struct db_resident *leaver)
{
	struct db_setai_pending p;

	memset(&p, 0, sizeof p);
	wf_copy(p.leaving_atena, sizeof p.leaving_atena, t->leaving);
	wf_copy(p.atena_no, sizeof p.atena_no, t->stay[0].atena_no);
	wf_copy(p.setai_no, sizeof p.setai_no, t->stay[0].setai_no);
	wf_copy(p.zokugara, sizeof p.zokugara, "世帯主");
	wf_copy(p.head_atena, sizeof p.head_atena, t->stay[0].atena_no);
	wf_copy(p.head_name, sizeof p.head_name, t->stay[0].name);
	wf_copy(p.todoke_kind, sizeof p.todoke_kind, "shokken");
	wf_copy(p.todoke_date, sizeof p.todoke_date, leaver->todoke_date);
	wf_copy(p.uketsuke_no, sizeof p.uketsuke_no, leaver->uketsuke_no);
	return wf_setai_apply(ctx, &t->stay[0], &p, t->day);
}

int wf_setai_takeover(const struct app_ctx *ctx, const char *leaving_atena, const char *day,
                      char *headless)
{
	struct wf_takeover t = { leaving_atena, day, NULL, 0, 0, NULL, 0, 0 };
	struct db_resident *me = malloc(sizeof *me);
	struct db_household h;
	int rc = me ? 0 : MG_ENOMEM;

	if (headless)
		headless[0] = '\0';
	if (rc == 0)
		rc = db_resident_current(ctx->db, leaving_atena, me);
	if (rc == 0)
		rc = db_household_get(ctx->db, me->setai_no, &h);
	if (rc == 0 && !h.closed_on[0])
		rc = db_resident_household(ctx->db, h.setai_no, wf_takeover_member, &t);
	if (rc == 0 && !h.closed_on[0]) {
		rc = db_household_pending_walk(ctx->db, leaving_atena, wf_takeover_plan, &t);
		rc = rc > 0 ? 0 : rc;
	}
	if (rc == 0 && !h.closed_on[0]) {
		if (t.nstay == 0) {
			rc = db_household_close(ctx->db, h.setai_no, day);
		} else if (h.head_atena[0] && strcmp(h.head_atena, leaving_atena) != 0) {
			/* A member left; the 世帯主 stays. (A 世帯 without one goes on:
			 * one member left is its 世帯主 by 令25, two or more are
			 * listed again.) */
		} else if (wf_plan_fits(&t)) {
			for (size_t i = 0; i < t.nplan && rc == 0; i++)
				rc = wf_setai_apply(ctx, wf_takeover_find(&t, t.plan[i].atena_no),
				                    &t.plan[i], day);
		} else if (t.nstay == 1) {
			rc = wf_takeover_alone(ctx, &t, me);
		} else {
			/* Two or more remain and no 届出 names the 世帯主 for them as
			 * they are: none until a 世帯主変更届 (標準仕様 1.1.10). */
			rc = db_household_set_head(ctx->db, h.setai_no, "");
			if (rc == 0 && headless)
				wf_copy(headless, DB_ID_CAP, h.setai_no);
		}
	}
	if (rc == 0)
		rc = db_household_pending_drop(ctx->db, leaving_atena);
	free(t.stay);
	free(t.plan);
	free(me);
	return rc;
}
