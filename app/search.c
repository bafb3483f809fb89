/* search.c — the search policy and the logged search and view. */
#include "app/search.h"
#include "app/audit.h"
#include "app/config.h"
#include "app/perm.h"
#include "app/session.h"
#include "app/wf.h"
#include "db/db_registry.h"
#include "i18n/i18n_kana.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/i18n_wareki.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Number of code points of a UTF-8 string. */
static int sr_chars(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/*
 * Characters of a query as typed, without its spaces (ASCII and 全角) and
 * voice marks: ｶﾞ and カ゛ are one character, as ガ is (rv24 F2).
 */
static int sr_typed_chars(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	int n = 0;

	for (; *u; u++) {
		if (*u == ' ')
			continue;
		if (u[0] == 0xE3 && ((u[1] == 0x80 && u[2] == 0x80) ||          /* U+3000 */
		                     (u[1] == 0x82 && u[2] >= 0x99 && u[2] <= 0x9C))) {
			u += 2;                                      /* U+3099..U+309C */
			continue;
		}
		if (u[0] == 0xEF && u[1] == 0xBE && (u[2] == 0x9E || u[2] == 0x9F)) {
			u += 2;                                      /* ﾞ ﾟ */
			continue;
		}
		n += (*u & 0xC0) != 0x80;
	}
	return n;
}

/* Growable row array for the search callback. */
struct sr_rows {
	struct db_resident *rows;
	int n, cap;
};

/* Keep one row. */
static int sr_add(void *arg, const struct db_resident *r)
{
	struct sr_rows *a = arg;

	if (a->n == a->cap) {
		int cap = a->cap ? a->cap * 2 : 16;
		struct db_resident *g = realloc(a->rows, (size_t)cap * sizeof *g);

		if (!g)
			return MG_ENOMEM;
		a->rows = g;
		a->cap = cap;
	}
	a->rows[a->n++] = *r;
	return 0;
}

/* The longest 町字 name an address begins with (db_registry_machiaza_list). */
struct sr_town {
	const char *text;
	struct db_machiaza best;
	size_t len;
};

static int sr_town_prefix(void *arg, const struct db_machiaza *m)
{
	struct sr_town *t = arg;
	size_t n = strlen(m->name);

	if (n > t->len && strncmp(t->text, m->name, n) == 0) {
		t->best = *m;
		t->len = n;
	}
	return 0;
}

/*
 * The 町字 an address criterion names (NFKC text): its code, its name, or
 * the longest 町字 name the text begins with (栄町一丁目1番1号), after the
 * spaces, a leading name of this municipality, and Arabic 丁目 numbers
 * (栄町1丁目, as most documents write it) are made the master's way.
 * Returns 0 (OUT: *m), MG_ENOTFOUND or a db code.
 */
static int sr_town(struct app_ctx *ctx, const char *in, struct db_machiaza *m)
{
	static const char *const digit[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	static const char chome[] = "丁目";
	char text[DB_ADDR_CAP];
	size_t k = 0, ml = strlen(ctx->muni_name);
	struct sr_town t;
	int rc;

	if (db_registry_machiaza(ctx->db, in, m) == 0)
		return 0;
	if (ml && strncmp(in, ctx->muni_name, ml) == 0)
		in += ml;
	for (const char *p = in; *p && k + 16 < sizeof text;) {
		char *end;
		long n = *p >= '0' && *p <= '9' ? strtol(p, &end, 10) : 0;

		if (*p == ' ') {
			p++;
		} else if (n >= 1 && n <= 99 && strncmp(end, chome, sizeof chome - 1) == 0) {
			k += (size_t)snprintf(text + k, sizeof text - k, "%s%s%s", n >= 20 ? digit[n / 10] : "",
			                      n >= 10 ? "十" : "", digit[n % 10]);
			p = end;
		} else {
			text[k++] = *p++;
		}
	}
	text[k] = '\0';
	rc = db_registry_machiaza_by_name(ctx->db, text, m);
	if (rc != MG_ENOTFOUND)
		return rc;
	memset(&t, 0, sizeof t);
	t.text = text;
	rc = db_registry_machiaza_list(ctx->db, sr_town_prefix, &t);
	if (rc < 0)
		return rc;
	if (!t.len)
		return MG_ENOTFOUND;
	*m = t.best;
	return 0;
}

/* Apply the policy and fill the indexed query. */
static void sr_policy(struct app_ctx *ctx, const struct search_req *req,
                      struct db_resident_query *q, struct search_result *res)
{
	struct check_list *l = &res->checks;
	char tmp[DB_ADDR_CAP];

	memset(q, 0, sizeof *q);
	if (req->name[0]) {
		res->criteria++;
		/* Two characters (spaces do not count): of a written name's key;
		 * of a reading as typed, whose key may fold them to one (コウ → コ)
		 * but must keep one. A reading is told as typed: NFKC would part a
		 * spacing ゛ from its kana. */
		if (i18n_text_is_kana(req->name)) {
			if (i18n_kana_search_key(req->name, q->kana_prefix, sizeof q->kana_prefix) < 0 ||
			    sr_chars(q->kana_prefix) < 1 || sr_typed_chars(req->name) < 2)
				check_add(l, CHECK_ERROR, MSG("chk_search_name_short"), -1, NULL, NULL, NULL);
			/* It may also be a 氏名 written in kana (a foreign resident's
			 * in katakana), whose reading was recorded otherwise (ヴ as
			 * ブ) or not at all: the written name is searched as well. */
			else if (i18n_kana_name_key(req->name, q->name_prefix, sizeof q->name_prefix) < 0)
				q->name_prefix[0] = '\0';
		} else if (i18n_text_nfkc(req->name, tmp, sizeof tmp) < 0 ||
		           i18n_kana_name_key(tmp, q->name_prefix, sizeof q->name_prefix) < 0 ||
		           sr_chars(q->name_prefix) < 2) {
			check_add(l, CHECK_ERROR, MSG("chk_search_name_short"), -1, NULL, NULL, NULL);
		}
	}
	if (req->address[0]) {
		struct db_machiaza m;

		res->criteria++;
		if (i18n_text_nfkc(req->address, tmp, sizeof tmp) < 0 || sr_town(ctx, tmp, &m) != 0)
			check_add(l, CHECK_ERROR, MSG("chk_search_address_vague"), -1, NULL, NULL, NULL);
		else
			wf_copy(q->addr_code, sizeof q->addr_code, m.code);
	}
	if (req->birth[0]) {
		/* A whole date as the registry stores it, 2月30日 too (標準仕様 1.1.8);
		 * an unknown month or day (不詳) is too vague to lead the search. */
		res->criteria++;
		if (i18n_wareki_parse_birth(req->birth, q->birth) != 0 || strstr(q->birth + 4, "-00")) {
			q->birth[0] = '\0';
			check_add(l, CHECK_ERROR, MSG("chk_search_birth_invalid"), -1, NULL, NULL, NULL);
		}
	}
	if (res->criteria < 2)
		check_add(l, CHECK_ERROR, MSG("chk_search_two_criteria"), -1, NULL, NULL, NULL);
	if (req->sex[0] && strcmp(req->sex, "1") != 0 && strcmp(req->sex, "2") != 0)
		check_add(l, CHECK_ERROR, MSG("chk_sex_invalid"), -1, req->sex, NULL, NULL);
	wf_copy(q->sex, sizeof q->sex, req->sex);
	q->include_jyohyo = req->include_jyohyo;
}

/*
 * The log detail of a search: which kinds of criteria (never their values),
 * the count, the supervisor whose approval session_approve accepted for it
 * (approved_by, "" for none), and the 宛名番号s shown, so the monthly review
 * can tell whether a search led to a workflow for that person. Returns a
 * new string.
 */
static char *sr_detail(const struct search_req *req, const struct search_result *res, int rc,
                       const char *approved_by)
{
	size_t cap = 256 + (size_t)res->n * (DB_ID_CAP + 1);
	char *out = malloc(cap);
	size_t used;

	if (!out)
		return NULL;
	used = (size_t)snprintf(out, cap, "criteria=%s%s%s%s count=%d cap=%d%s%s%s",
	         req->name[0] ? "name," : "", req->address[0] ? "address," : "",
	         req->birth[0] ? "birth," : "", req->sex[0] ? "sex," : "", res->n, res->cap,
	         rc == MG_ETOOMANY ? " result=too_many" : rc == MG_ERULE ? " result=refused" : "",
	         approved_by[0] ? " approved_by=" : "", approved_by);
	if (res->n && used + 8 < cap) {
		used += (size_t)snprintf(out + used, cap - used, " atena=");
		for (int i = 0; i < res->n; i++)
			audit_ids_add(out + used, cap - used, res->rows[i].atena_no);
	}
	return out;
}

int search_run(struct app_ctx *ctx, const struct search_req *req, struct search_result *res)
{
	struct db_resident_query q;
	struct sr_rows rows = { NULL, 0, 0 };
	char approved_by[33] = "";
	char *detail;
	int rc, limit;

	memset(res, 0, sizeof *res);
	check_init(&res->checks);
	rc = perm_check(ctx, PERM_SEARCH);
	if (rc)
		return rc;
	res->cap = ctx->cfg && ctx->cfg->result_cap > 0 ? ctx->cfg->result_cap : 50;
	if (req->want > res->cap) {
		/* Beyond the cap only with a supervisor's approval, checked and logged here. */
		if (!req->approver[0]) {
			check_add(&res->checks, CHECK_ERROR, MSG("chk_search_needs_approval"), -1,
			          NULL, NULL, NULL);
		} else {
			rc = session_approve(ctx, req->approver, req->approver_password,
			                     PERM_BULK_APPROVE, "more_results", approved_by,
			                     sizeof approved_by);
			if (rc)
				return rc;
			res->cap = req->want > SEARCH_HARD_MAX ? SEARCH_HARD_MAX : req->want;
		}
	}
	sr_policy(ctx, req, &q, res);
	rc = check_verdict(&res->checks, 0);
	limit = res->cap + 1;
	if (rc == 0) {
		rc = db_resident_search(ctx->db, &q, limit, sr_add, &rows);
		if (rc >= 0)
			rc = 0;
	}
	if (rc == 0 && rows.n > res->cap) {
		rc = MG_ETOOMANY;
		free(rows.rows);
		rows.rows = NULL;
		rows.n = 0;
	}
	res->rows = rows.rows;
	res->n = rows.n;
	if (rc == 0 || rc == MG_ERULE || rc == MG_ETOOMANY) {
		int lrc;

		detail = sr_detail(req, res, rc, approved_by);
		lrc = detail ? audit_log(ctx, AUDIT_SEARCH, NULL, detail) : MG_ENOMEM;
		free(detail);
		if (lrc) {
			/* Unlogged results are never shown. */
			search_free(res);
			return lrc;
		}
	}
	if (rc && rc != MG_ERULE && rc != MG_ETOOMANY)
		search_free(res);
	return rc;
}

void search_free(struct search_result *res)
{
	free(res->rows);
	res->rows = NULL;
	res->n = 0;
}

int search_view(struct app_ctx *ctx, const char *atena_no, struct db_resident *out)
{
	int rc = perm_check(ctx, PERM_VIEW);

	if (rc == 0)
		rc = db_resident_current(ctx->db, atena_no, out);
	if (rc == 0)
		rc = audit_log(ctx, AUDIT_VIEW, atena_no, NULL);
	if (rc && rc != MG_ENOTFOUND && rc != MG_EPERM)
		memset(out, 0, sizeof *out);
	return rc;
}

int search_history(struct app_ctx *ctx, const char *atena_no, db_resident_fn fn, void *arg)
{
	int rc = perm_check(ctx, PERM_VIEW);

	return rc ? rc : db_resident_history(ctx->db, atena_no, fn, arg);
}
