/* notice.c — 転入通知 receipt and the date job. */
#include "app/notice.h"
#include "app/audit.h"
#include "app/perm.h"
#include "app/view_check.h"
#include "app/wf.h"
#include "db/db_household.h"
#include "db/db_inbox.h"
#include "i18n/i18n_kana.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The notice's dates against the record (令13②, 法22①): the 転入 there
 * cannot precede the day the person took up the address here, nor be
 * after today; the notice is dated between that 転入 and today. Its
 * 転入日 becomes the 消除日, so a wrong one would stay on record.
 */
static void nt_dates(const struct app_ctx *ctx, const struct db_notice *n,
                     const struct db_resident *cur, struct check_list *l)
{
	const char *since = cur->jusho_date[0] ? cur->jusho_date : cur->jumin_date;
	char today[DB_DATE_CAP];

	wf_today(ctx, today);
	if (strcmp(n->tennyu_date, today) > 0)
		check_add(l, CHECK_ERROR, MSG("chk_notice_tennyu_future"), -1, n->tennyu_date, NULL, NULL);
	else if (since[0] && strcmp(n->tennyu_date, since) < 0)
		check_add(l, CHECK_ERROR, MSG("chk_notice_tennyu_too_early"), -1, n->tennyu_date, since,
		          NULL);
	if (strcmp(n->notice_date, today) > 0 || strcmp(n->notice_date, n->tennyu_date) < 0)
		check_add(l, CHECK_ERROR, MSG("chk_notice_date_invalid"), -1, n->notice_date,
		          n->tennyu_date, NULL);
}

/* Find the person a notice names and check it may be confirmed. */
static int nt_find(struct app_ctx *ctx, const struct db_notice *n, struct db_resident *cur,
                   struct notice_result *res)
{
	struct check_list *l = &res->checks;
	char k1[DB_NAME_CAP], k2[DB_NAME_CAP];
	int rc;

	rc = db_resident_by_jcode(ctx->db, n->juminhyo_code, cur);
	if (rc == MG_ENOTFOUND)
		rc = db_resident_by_kojin(ctx->db, n->kojin_bango, cur);
	if (rc == MG_ENOTFOUND) {
		check_add(l, CHECK_ERROR, MSG("chk_notice_no_person"), -1, NULL, NULL, NULL);
		return 0;
	}
	if (rc)
		return rc;
	memcpy(res->atena_no, cur->atena_no, DB_ID_CAP);
	if (!cur->dest_planned_date[0] || strcmp(cur->state, "current") == 0) {
		check_add(l, CHECK_ERROR, MSG("chk_notice_not_moved_out"), -1, cur->atena_no, NULL, NULL);
		return 0;
	}
	if (cur->notice_date[0]) {
		check_add(l, CHECK_ERROR, MSG("chk_notice_already"), -1, cur->atena_no, cur->notice_date,
		          NULL);
		return 0;
	}
	if (i18n_kana_name_ident(n->name, k1, sizeof k1) < 0 ||
	    i18n_kana_name_ident(cur->name, k2, sizeof k2) < 0 || strcmp(k1, k2) != 0 ||
	    strcmp(n->birth, cur->birth) != 0)
		check_add(l, CHECK_ERROR, MSG("chk_notice_mismatch"), -1, cur->atena_no, NULL, NULL);
	nt_dates(ctx, n, cur, l);
	/* 転出確定 keeps the planned destination beside the real one; a notice
	 * from elsewhere is lawful (the resident moved on) but worth a look. */
	if (cur->dest_muni_code[0] && strcmp(n->from_code, cur->dest_muni_code) != 0)
		check_add(l, CHECK_ALERT, MSG("chk_notice_other_muni"), -1, n->from_code,
		          cur->dest_muni_code, NULL);
	return 0;
}

/* The members whose latest row is the 世帯主 change a 世帯主's 除票 made:
 * dated his old 消除日, under the date job's 受付 or his 転出's. */
struct nt_redo {
	const char *day;
	const char *uketsuke[2];
	struct db_resident *r;
	size_t n, cap;
};

/* Keep a member whose latest row is that change. */
static int nt_redo_member(void *arg, const struct db_resident *r)
{
	struct nt_redo *d = arg;

	if (strcmp(r->idou_jiyu, "setainushi_henko") != 0 || strcmp(r->idou_date, d->day) != 0 ||
	    (strcmp(r->uketsuke_no, d->uketsuke[0]) != 0 && strcmp(r->uketsuke_no, d->uketsuke[1]) != 0))
		return 0;
	if (wf_grow((void **)&d->r, &d->cap, d->n, sizeof *d->r))
		return MG_ENOMEM;
	d->r[d->n++] = *r;
	return 0;
}

/* Remember the 受付 of a 転出予定 row (the last one seen is the 転出's). */
static int nt_yotei_uketsuke(void *arg, const struct db_resident *r)
{
	if (strcmp(r->state, "yotei") == 0)
		wf_copy(arg, 24, r->uketsuke_no);
	return 0;
}

/*
 * The date job made cur a 除票 on the planned date, and the 世帯主 change
 * that followed (wf_setai_takeover) is dated that day. The notice moves the
 * 消除日 earlier (rv13dom L2): the change moves with it, or the 世帯 would
 * keep a 除票 as 世帯主 between the two dates. Each member whose latest row
 * is that change gets one more, dated the new 消除日 under the notice's
 * 受付. A later change (a 届出 since) is left as it is.
 */
static int nt_redate_setai(struct app_ctx *ctx, const struct db_resident *cur, const char *shojo,
                           const char *uketsuke_no)
{
	char tenshutsu[24] = "";
	struct nt_redo d = { cur->shojo_date, { cur->uketsuke_no, tenshutsu }, NULL, 0, 0 };
	int rc;

	if (strcmp(cur->state, "jyohyo") != 0 || !cur->shojo_date[0] ||
	    strcmp(shojo, cur->shojo_date) >= 0)
		return 0;
	rc = db_resident_history(ctx->db, cur->atena_no, nt_yotei_uketsuke, tenshutsu);
	if (rc >= 0)
		rc = db_resident_household(ctx->db, cur->setai_no, nt_redo_member, &d);
	rc = rc > 0 ? 0 : rc;
	for (size_t i = 0; rc == 0 && i < d.n; i++) {
		struct db_resident *r = &d.r[i];

		r->rireki_no++;
		wf_copy(r->idou_date, sizeof r->idou_date, shojo);
		wf_today(ctx, r->shori_date);
		wf_copy(r->todoke_kind, sizeof r->todoke_kind, "shokken");
		wf_copy(r->uketsuke_no, sizeof r->uketsuke_no, uketsuke_no);
		rc = db_resident_append(ctx->db, r);
	}
	free(d.r);
	return rc;
}

/* Append the 転出確定 row (and 消除 if still 転出予定). */
static int nt_confirm(struct app_ctx *ctx, const struct db_notice *n, const struct db_resident *cur,
                      struct notice_result *res)
{
	struct db_resident *r = malloc(sizeof *r);
	char today[DB_DATE_CAP];
	int rc;

	if (!r)
		return MG_ENOMEM;
	wf_today(ctx, today);
	*r = *cur;
	r->rireki_no++;
	wf_copy(r->dest_confirmed, sizeof r->dest_confirmed, n->new_address);
	wf_copy(r->moved_date_confirmed, sizeof r->moved_date_confirmed, n->tennyu_date);
	wf_copy(r->notice_date, sizeof r->notice_date, n->notice_date);
	wf_copy(r->idou_jiyu, sizeof r->idou_jiyu, "tenshutsu_kakutei");
	/* 異動日 of the 転出確定: the day the person moved (the 転入 there). */
	wf_copy(r->idou_date, sizeof r->idou_date, n->tennyu_date);
	wf_copy(r->shori_date, sizeof r->shori_date, today);
	wf_copy(r->uketsuke_no, sizeof r->uketsuke_no, res->uketsuke_no);
	res->was_yotei = strcmp(cur->state, "yotei") == 0;
	if (res->was_yotei) {
		wf_copy(r->state, sizeof r->state, "jyohyo");
		wf_copy(r->shojo_jiyu, sizeof r->shojo_jiyu, "tenshutsu");
	}
	/* 標準仕様 1.1.5: 消除日 = the earlier of the planned date and the 転入日,
	 * whether the notice or the date job made the 除票 first. */
	if (strcmp(r->shojo_jiyu, "tenshutsu") == 0)
		wf_copy(r->shojo_date, sizeof r->shojo_date,
		        strcmp(cur->dest_planned_date, n->tennyu_date) < 0 ? cur->dest_planned_date
		                                                            : n->tennyu_date);
	memcpy(res->shojo_date, r->shojo_date, DB_DATE_CAP);
	rc = db_resident_append(ctx->db, r);
	if (rc == 0 && !res->was_yotei)
		rc = nt_redate_setai(ctx, cur, r->shojo_date, res->uketsuke_no);
	/* The 除票 settles the 世帯 as it is now (wf_setai_takeover). */
	if (rc == 0 && res->was_yotei)
		rc = wf_setai_takeover(ctx, r->atena_no, r->shojo_date, res->headless_setai);
	if (rc == 0 && res->headless_setai[0])
		rc = audit_log(ctx, AUDIT_BATCH, res->headless_setai, "setai_headless");
	/* 令13③: the 転出確定 is reported to the prefecture. */
	if (rc == 0)
		rc = wf_honnin(ctx, r, "kakutei", res->uketsuke_no);
	free(r);
	return rc;
}

/* An empty result, the clerk's permission, and the transaction opened. */
static int nt_start(struct app_ctx *ctx, struct notice_result *res)
{
	int rc;

	memset(res, 0, sizeof *res);
	check_init(&res->checks);
	rc = perm_check(ctx, PERM_WORKFLOW);
	return rc ? rc : db_begin(ctx->db);
}

/*
 * The notice msg_id (one settled already is chk_notice_already) and its
 * person, found and checked (nt_find). OUT: *n, *cur (a new row the caller
 * frees; NULL when not reached).
 */
static int nt_load(struct app_ctx *ctx, const char *msg_id, struct notice_result *res,
                   struct db_notice *n, struct db_resident **cur)
{
	int rc = db_inbox_notice(ctx->db, msg_id, n);

	*cur = NULL;
	if (rc == 0 && n->applied_by[0]) {
		check_add(&res->checks, CHECK_ERROR, MSG("chk_notice_already"), -1, n->atena_no,
		          n->applied_by, NULL);
		rc = MG_ERULE;
	}
	if (rc == 0) {
		*cur = malloc(sizeof **cur);
		rc = *cur ? nt_find(ctx, n, *cur, res) : MG_ENOMEM;
	}
	return rc;
}

int notice_apply(struct app_ctx *ctx, const char *msg_id, int alerts_acknowledged,
                 struct notice_result *res)
{
	struct db_notice n;
	struct db_resident *cur;
	char atena[1][DB_ID_CAP];
	char today[DB_DATE_CAP];
	int rc;

	rc = nt_start(ctx, res);
	if (rc)
		return rc;
	rc = nt_load(ctx, msg_id, res, &n, &cur);
	if (rc == 0)
		rc = check_verdict(&res->checks, alerts_acknowledged);
	wf_today(ctx, today);
	if (rc == 0)
		rc = wf_uketsuke(ctx, "tennyu_notice", today, "", res->uketsuke_no);
	if (rc == 0)
		rc = nt_confirm(ctx, &n, cur, res);
	if (rc == 0)
		rc = db_inbox_notice_applied(ctx->db, msg_id, res->uketsuke_no, res->atena_no, NULL);
	if (rc == 0) {
		memcpy(atena[0], res->atena_no, DB_ID_CAP);
		rc = wf_audit_commit(ctx, "tennyu_notice", res->uketsuke_no, atena, 1, NULL);
	}
	rc = db_finish(ctx->db, rc);
	if (rc)
		res->uketsuke_no[0] = '\0';
	free(cur);
	return rc;
}

/* Why a notice may be set aside: the check that blocks it, the code kept
 * with the notice, and the short text a screen shows for that code. */
static const struct {
	const char *check, *code, *label;
} nt_reasons[] = {
	{ MSG("chk_notice_no_person"), "no_person", MSG("nt_declined_no_person") },
	{ MSG("chk_notice_not_moved_out"), "not_moved_out", MSG("nt_declined_not_moved_out") },
	{ MSG("chk_notice_already"), "already", MSG("nt_declined_already") },
	{ MSG("chk_notice_mismatch"), "mismatch", MSG("nt_declined_mismatch") },
	{ MSG("chk_notice_tennyu_future"), "dates", MSG("nt_declined_dates") },
	{ MSG("chk_notice_tennyu_too_early"), "dates", MSG("nt_declined_dates") },
	{ MSG("chk_notice_date_invalid"), "dates", MSG("nt_declined_dates") },
};

/* The reason code of a blocking check, or NULL. */
static const char *nt_reason(const char *check)
{
	for (size_t i = 0; i < sizeof nt_reasons / sizeof nt_reasons[0]; i++)
		if (strcmp(nt_reasons[i].check, check) == 0)
			return nt_reasons[i].code;
	return NULL;
}

const char *notice_declined_msgid(const char *code)
{
	for (size_t i = 0; i < sizeof nt_reasons / sizeof nt_reasons[0]; i++)
		if (strcmp(nt_reasons[i].code, code) == 0)
			return nt_reasons[i].label;
	return MSG("nt_declined_other");
}

int notice_decline(struct app_ctx *ctx, const char *msg_id, struct notice_result *res)
{
	struct db_notice n;
	struct db_resident *cur;
	const struct check_item *why = NULL;
	char today[DB_DATE_CAP], detail[200];
	int rc;

	rc = nt_start(ctx, res);
	if (rc)
		return rc;
	rc = nt_load(ctx, msg_id, res, &n, &cur);
	/* Only a notice that cannot be applied: one that can is applied. */
	if (rc == 0 && !(why = view_check_first(&res->checks, CHECK_ERROR))) {
		check_add(&res->checks, CHECK_ERROR, MSG("chk_notice_decline_applicable"), -1, NULL,
		          NULL, NULL);
		rc = MG_ERULE;
	}
	if (rc == 0) {
		const char *code = nt_reason(why->msgid);

		wf_copy(res->declined, sizeof res->declined, code ? code : "other");
		wf_today(ctx, today);
		rc = wf_uketsuke(ctx, "tennyu_notice_declined", today, "", res->uketsuke_no);
	}
	if (rc == 0)
		rc = db_inbox_notice_applied(ctx->db, msg_id, res->uketsuke_no, res->atena_no,
		                             res->declined);
	if (rc == 0) {
		snprintf(detail, sizeof detail, "wf=tennyu_notice_declined msg=%s why=%s atena=%s",
		         msg_id, res->declined, res->atena_no);
		rc = audit_log(ctx, AUDIT_COMMIT, res->uketsuke_no, detail);
	}
	rc = db_finish(ctx->db, rc);
	if (rc) {
		res->uketsuke_no[0] = '\0';
		res->declined[0] = '\0';
	}
	free(cur);
	return rc;
}

/* Collected pending notice ids. */
struct nt_ids {
	int n;
	char (*id)[48];
};

/* Remember a pending notice's id. */
static int nt_collect(void *arg, const struct db_notice *n)
{
	struct nt_ids *ids = arg;
	char (*grown)[48] = realloc(ids->id, (size_t)(ids->n + 1) * sizeof *ids->id);

	if (!grown)
		return MG_ENOMEM;
	ids->id = grown;
	memcpy(ids->id[ids->n++], n->msg_id, 48);
	return 0;
}

int notice_apply_all(struct app_ctx *ctx, int *applied, int *failed)
{
	struct nt_ids ids = { 0, NULL };
	struct notice_result *res = NULL;
	int rc;

	*applied = *failed = 0;
	rc = perm_check(ctx, PERM_WORKFLOW);
	if (rc)
		return rc;
	rc = db_inbox_notices(ctx->db, 1, nt_collect, &ids);
	if (rc > 0)
		rc = 0;
	if (rc == 0) {
		res = malloc(sizeof *res);
		if (!res)
			rc = MG_ENOMEM;
	}
	for (int i = 0; rc == 0 && i < ids.n; i++) {
		int r = notice_apply(ctx, ids.id[i], 0, res);

		if (r == 0)
			(*applied)++;
		else if (r == MG_ERULE)
			(*failed)++;
		else
			rc = r;
	}
	free(res);
	free(ids.id);
	return rc;
}

/* The 宛名番号s due for 消除 (each is read again in its own transaction). */
struct nt_due {
	size_t n, cap;
	char (*atena)[DB_ID_CAP];
};

/* Remember a due person. */
static int nt_due_add(void *arg, const struct db_resident *r)
{
	struct nt_due *d = arg;

	if (wf_grow((void **)&d->atena, &d->cap, d->n, sizeof *d->atena))
		return MG_ENOMEM;
	memcpy(d->atena[d->n++], r->atena_no, DB_ID_CAP);
	return 0;
}

int notice_date_job(struct app_ctx *ctx, struct notice_job *out)
{
	struct nt_due due = { 0, 0, NULL };
	struct db_resident *r;
	char today[DB_DATE_CAP], uketsuke[24], detail[96], headless[DB_ID_CAP];
	int rc;

	memset(out, 0, sizeof *out);
	rc = perm_check(ctx, PERM_BATCH);
	if (rc == MG_EPERM)
		rc = perm_check(ctx, PERM_WORKFLOW);
	if (rc)
		return rc;
	wf_today(ctx, today);
	r = malloc(sizeof *r);
	rc = r ? db_resident_yotei_due(ctx->db, today, nt_due_add, &due) : MG_ENOMEM;
	for (size_t i = 0; rc == 0 && i < due.n; i++) {
		char atena[1][DB_ID_CAP];

		headless[0] = '\0';
		rc = db_begin(ctx->db);
		if (rc)
			break;
		/* The person as now: a 世帯主 change of an earlier person of this run
		 * may have written a row since the list was read (rv19wf M1). */
		rc = db_resident_current(ctx->db, due.atena[i], r);
		if (rc == 0 && (strcmp(r->state, "yotei") != 0 || !r->dest_planned_date[0] ||
		                strcmp(r->dest_planned_date, today) > 0)) {
			rc = db_finish(ctx->db, 0);
			continue;
		}
		if (rc == 0)
			rc = wf_uketsuke(ctx, "shojo_tenshutsu", today, "", uketsuke);
		r->rireki_no++;
		wf_copy(r->state, sizeof r->state, "jyohyo");
		wf_copy(r->shojo_jiyu, sizeof r->shojo_jiyu, "tenshutsu");
		wf_copy(r->shojo_date, sizeof r->shojo_date, r->dest_planned_date);
		wf_copy(r->idou_jiyu, sizeof r->idou_jiyu, "shojo_tenshutsu");
		/* the 除票's 異動日 is the 転出's, not a later 世帯主 change's (rv19wf L1) */
		wf_copy(r->idou_date, sizeof r->idou_date, r->dest_planned_date);
		wf_copy(r->shori_date, sizeof r->shori_date, today);
		/* todoke_kind stays the 転出's (a late one is 職権, 標準仕様
		 * 4.1.3.0.1); idou_jiyu says the date job made the 除票. */
		wf_copy(r->uketsuke_no, sizeof r->uketsuke_no, uketsuke);
		if (rc == 0)
			rc = db_resident_append(ctx->db, r);
		if (rc == 0)
			rc = wf_setai_takeover(ctx, r->atena_no, r->shojo_date, headless);
		if (rc == 0 && headless[0])
			rc = audit_log(ctx, AUDIT_BATCH, headless, "setai_headless");
		if (rc == 0)
			rc = wf_honnin(ctx, r, "shojo", uketsuke);
		if (rc == 0) {
			memcpy(atena[0], r->atena_no, DB_ID_CAP);
			rc = wf_audit_commit(ctx, "shojo_tenshutsu", uketsuke, atena, 1, NULL);
		}
		rc = db_finish(ctx->db, rc);
		if (rc == 0)
			out->shojo++;
		if (rc == 0 && headless[0] && out->headless++ < NOTICE_JOB_LIST)
			memcpy(out->setai[out->headless - 1], headless, DB_ID_CAP);
	}
	free(due.atena);
	free(r);
	if (rc == 0)
		rc = db_begin(ctx->db);
	if (rc == 0) {
		rc = db_inbox_info_expire(ctx->db, today, &out->erased);
		snprintf(detail, sizeof detail, "shojo=%d erased=%lld headless=%d", out->shojo,
		         out->erased, out->headless);
		if (rc == 0)
			rc = audit_log(ctx, AUDIT_BATCH, "date-job", detail);
		rc = db_finish(ctx->db, rc);
	}
	return rc;
}
