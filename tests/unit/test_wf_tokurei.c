/*
 * test_wf_tokurei.c — 特例転入 (法24の2, 令24の2–24の4; 標準仕様 4.1.1.3) on a
 * real exchange: 千代田区 (A) makes a 特例転出 to 宝塚市 (B), both deliver
 * through a CS file, and B receives the card holder. The deadline
 * min(予定日+30, 転入日+14) without holiday roll-over (domain-rules §3.3),
 * the card checks, chip 4情報 ↔ 転出証明書情報, members travelling with a
 * card-holding head, members left out (not moving in now), consumption
 * and the follow-ups.
 */
#include "tests/unit/testutil.h"
#include "tests/unit/wftest.h"
#include "app/notice.h"
#include "app/tokurei.h"
#include "db/db_household.h"
#include "db/db_inbox.h"
#include "db/db_resident.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLANNED "2025-04-10"

static struct wftest_pair *P;
static struct tokurei_req *Q;
static struct tokurei_result *R;

/* Allocate once. */
static int suite_init(void)
{
	P = calloc(1, sizeof *P);
	Q = calloc(1, sizeof *Q);
	R = calloc(1, sizeof *R);
	return P && Q && R ? 0 : 1;
}

/* Free. */
static int suite_fini(void)
{
	wftest_pair_close(P);
	free(P);
	free(Q);
	free(R);
	return 0;
}

/* The level of a finding, 0 when absent. */
static int level_of(const struct check_list *l, const char *msgid)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->item[i].msgid, msgid) == 0)
			return (int)l->item[i].level;
	return 0;
}

/*
 * A moves members idx (n) out with 特例 on PLANNED (A's today 2025-04-01;
 * the head alone: a household of one),
 * both deliver; B's today b_today; the request holds the card of member
 * idx[0], 転入日 tennyu, new household at WFTEST_TOWN2.
 */
static void exchange(int n, const int *idx, int with_card, const char *b_today,
                     const char *tennyu)
{
	/* A family of exactly the movers, or of three when some stay. */
	int fam_n = n == 1 && idx[0] == 0 ? 1 : 3;

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "tokurei", 1, fam_n, with_card, "2025-04-01", b_today),
	                      0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, n, idx, WFTEST_B_CODE, PLANNED, 1, 1), 0);
	memset(Q, 0, sizeof *Q);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[idx[0]], &Q->card), 0);
	wftest_tokurei_at(Q, tennyu);
}

/* Prepare on B with today. */
static void prepare_on(const char *today)
{
	wftest_today(&P->b, today);
	CU_ASSERT_EQUAL(tokurei_prepare(&P->b.ctx, Q, R), 0);
}

/* In a child: commit B's request with its alerts unacknowledged on a connection of its own. */
static int commit_unacknowledged(void *arg)
{
	struct app_ctx ctx = P->b.ctx;
	struct db *db = NULL;
	int rc;

	(void)arg;
	if (db_open(P->b.path, 0, &db) != 0)
		return 2;
	ctx.db = db;
	Q->alerts_acknowledged = 0;
	rc = tokurei_commit(&ctx, Q, R);
	db_close(db);
	return rc == MG_ERULE ? 0 : 1;
}

static void t_household_moves_in(void)
{
	static const int all[] = { 0, 1, 2 };
	struct db_resident r, old;
	struct db_household h;
	char kojin[13];

	exchange(3, all, 1, "2025-04-12", "2025-04-10");
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox"), 3);
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(R->found, 1);
	CU_ASSERT_EQUAL(R->n, 3);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	CU_ASSERT_EQUAL(R->match_name, 1);
	CU_ASSERT_EQUAL(R->match_birth, 1);
	CU_ASSERT_EQUAL(R->match_sex, 1);
	CU_ASSERT_EQUAL(R->match_address, 1);
	CU_ASSERT_EQUAL(R->card_valid, 1);
	CU_ASSERT_STRING_EQUAL(R->last_day_planned, "2025-05-10");
	CU_ASSERT_STRING_EQUAL(R->last_day_tennyu, "2025-04-24");
	CU_ASSERT_STRING_EQUAL(R->last_day, "2025-04-24");
	/* The members hold cards of their own: an alert to take and update them. */
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_member_card")), CHECK_ALERT);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	/* Follow-ups (domain-rules §4). */
	CU_ASSERT_STRING_EQUAL(R->keizoku_due, "2025-07-11");
	CU_ASSERT_EQUAL(R->card_tsuiki, 1);
	CU_ASSERT_EQUAL(R->sign_cert_lapsed, 1);
	/*
	 * Not acknowledged: MG_ERULE and nothing written. Run in a child with
	 * perturbed malloc (regression: tokurei_commit used to merge the
	 * findings of a tennyu_result it never filled, and crashed).
	 */
	CU_ASSERT_EQUAL(wftest_forked(commit_unacknowledged, NULL), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person"), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE consumed_by IS NULL"),
	                3);
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), 0);
	CU_ASSERT_STRING_NOT_EQUAL(R->uketsuke_no, "");
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person WHERE state = 'current'"), 3);
	CU_ASSERT_EQUAL_FATAL(db_household_get(P->b.db, R->setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.head_atena, R->atena[0]);
	CU_ASSERT_STRING_EQUAL(h.addr_code, WFTEST_TOWN2);
	for (int i = 0; i < 3; i++) {
		CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[i], &old), 0);
		CU_ASSERT_EQUAL_FATAL(db_resident_by_kojin(P->b.db, old.kojin_bango, &r), 0);
		CU_ASSERT_STRING_EQUAL(r.name, old.name);
		CU_ASSERT_STRING_EQUAL(r.juminhyo_code, old.juminhyo_code);
		CU_ASSERT_STRING_EQUAL(r.birth, old.birth);
		CU_ASSERT_STRING_EQUAL(r.zokugara, old.zokugara);
		CU_ASSERT_STRING_EQUAL(r.card_expiry, old.card_expiry);
		CU_ASSERT_STRING_EQUAL(r.idou_jiyu, "tokurei_tennyu");
		CU_ASSERT_STRING_EQUAL(r.idou_date, "2025-04-10");
		CU_ASSERT_STRING_EQUAL(r.prev_muni_code, WFTEST_A_CODE);
		CU_ASSERT_STRING_EQUAL(r.setai_no, R->setai_no);
		CU_ASSERT_STRING_EQUAL(r.addr_text, "兵庫県宝塚市栄町二丁目3番5号");
	}
	/* The information is consumed by this 受付, all three rows. */
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE consumed_by = '%s'",
	                R->uketsuke_no), 3);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM uketsuke WHERE uketsuke_no = '%s' "
	                "AND workflow = 'tokurei_tennyu' AND alerts LIKE '%%chk_member_card%%'",
	                R->uketsuke_no), 1);
	/* 転入通知 to A and 本人確認情報更新 to the CS, one per person. */
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM outbox WHERE kind = 'tennyu_notice' "
	                "AND to_code = '%s'", WFTEST_A_CODE), 3);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM outbox WHERE kind = 'honnin_update'"), 3);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM audit WHERE action = 'commit' AND "
	                "detail LIKE 'wf=tokurei_tennyu %%'"), 1);
	/* It cannot be used twice. */
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), MG_ERULE);
	CU_ASSERT(check_count(&R->checks, CHECK_ERROR) > 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person"), 3);
	wftest_kojin(11, kojin);
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_no_tenshutsu_info")), CHECK_ERROR);
	wftest_pair_close(P);
}

/*
 * The 前住所 recorded at B names the former municipality (令23② 一 carried
 * by the 転出証明書情報). (Regression: B used to store A's 町字 + 番地 only.)
 */
static void t_prev_address_names_municipality(void)
{
	static const int head[] = { 0 };
	struct db_resident r;

	exchange(1, head, 1, "2025-04-12", "2025-04-10");
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL_FATAL(tokurei_commit(&P->b.ctx, Q, R), 0);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->b.db, R->atena[0], &r), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.prev_address, WFTEST_A_NAME));
	wftest_pair_close(P);
}

/*
 * The card's 住所 (券面事項入力補助AP) is the full address as printed
 * "東京都千代田区栄町一丁目１番１号": it is the same address and must not raise
 * the mismatch alert.
 */
static void t_card_address_as_printed(void)
{
	static const int head[] = { 0 };

	exchange(1, head, 1, "2025-04-12", "2025-04-10");
	strcpy(Q->card.address, "東京都千代田区栄町一丁目１番１号");
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(R->match_address, 1);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_card_address_mismatch")), 0);
	wftest_pair_close(P);
}

static void t_deadline_tennyu_limb(void)
{
	static const int head[] = { 0 };

	/* 転入 2025-04-15: +14 = 2025-04-29 (昭和の日) and no roll-over: 04-29 is the last day. */
	exchange(1, head, 1, "2025-04-28", "2025-04-15");
	prepare_on("2025-04-28");
	CU_ASSERT_STRING_EQUAL(R->last_day, "2025-04-29");
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	prepare_on("2025-04-29");
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	prepare_on("2025-04-30");
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_tokurei_deadline")), CHECK_ERROR);
	for (int i = 0; i < R->checks.n; i++)
		if (strcmp(R->checks.item[i].msgid, "chk_tokurei_deadline") == 0) {
			CU_ASSERT_EQUAL(R->checks.item[i].nargs, 3);
			CU_ASSERT_STRING_EQUAL(R->checks.item[i].args[0], "2025-04-29");
		}
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	/* The commit refuses it and writes nothing; on the last day it commits. */
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), MG_ERULE);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person"), 0);
	CU_ASSERT_EQUAL(wftest_audit(P->b.db, "commit"), 0);
	wftest_today(&P->b, "2025-04-29");
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), 0);
	wftest_pair_close(P);
}

static void t_deadline_planned_limb(void)
{
	static const int head[] = { 0 };

	/* 転入 2025-04-30 (20 days after the planned date): 予定日+30 = 05-10 comes first. */
	exchange(1, head, 1, "2025-05-09", "2025-04-30");
	prepare_on("2025-05-09");
	CU_ASSERT_STRING_EQUAL(R->last_day_planned, "2025-05-10");
	CU_ASSERT_STRING_EQUAL(R->last_day_tennyu, "2025-05-14");
	CU_ASSERT_STRING_EQUAL(R->last_day, "2025-05-10");
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	prepare_on("2025-05-10");
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	CU_ASSERT_EQUAL(R->found, 1);
	/* The day after: the information is past its keeping period (令24の4) too. */
	prepare_on("2025-05-11");
	CU_ASSERT(check_count(&R->checks, CHECK_ERROR) > 0);
	CU_ASSERT(level_of(&R->checks, MSG("chk_tokurei_deadline")) == CHECK_ERROR ||
	          level_of(&R->checks, MSG("chk_no_tenshutsu_info")) == CHECK_ERROR);
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), MG_ERULE);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person"), 0);
	wftest_pair_close(P);
}

static void t_card_checks(void)
{
	static const int head[] = { 0 };
	static const struct {
		enum tokurei_verdict v;
		const char *msgid;
	} verdicts[] = {
		{ TOKUREI_NOT_GENUINE, "chk_card_not_genuine" },
		{ TOKUREI_UNKNOWN_CA, "chk_card_unknown_ca" },
		{ TOKUREI_UNCHECKED, "chk_card_unchecked" },
	};

	exchange(1, head, 1, "2025-04-12", "2025-04-10");
	Q->alerts_acknowledged = 1;
	Q->card_submitted = 0;
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_card_not_submitted")), CHECK_ERROR);
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), MG_ERULE);
	Q->card_submitted = 1;
	for (size_t i = 0; i < sizeof verdicts / sizeof verdicts[0]; i++) {
		Q->card.verdict = verdicts[i].v;
		prepare_on("2025-04-12");
		CU_ASSERT_EQUAL(level_of(&R->checks, verdicts[i].msgid), CHECK_ERROR);
		CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), MG_ERULE);
	}
	Q->card.verdict = TOKUREI_GENUINE;
	/* Expiry: the day before the 届出日 is expired; on it and after it is valid. */
	strcpy(Q->card.card_expiry, "2025-04-11");
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_card_expired")), CHECK_ERROR);
	CU_ASSERT_EQUAL(R->card_valid, 0);
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), MG_ERULE);
	strcpy(Q->card.card_expiry, "2025-04-12");
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	CU_ASSERT_EQUAL(R->card_valid, 1);
	strcpy(Q->card.card_expiry, "2025-04-13");
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	/* Unknown expiry: an alert. */
	Q->card.card_expiry[0] = '\0';
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_card_expiry_unknown")), CHECK_ALERT);
	/* A 個人番号 with a bad check digit. */
	strcpy(Q->card.card_expiry, "2034-05-10");
	Q->card.kojin_bango[11] = Q->card.kojin_bango[11] == '0' ? '1' : '0';
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_kojin_invalid")), CHECK_ERROR);
	CU_ASSERT_EQUAL(R->found, 0);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person"), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE consumed_by IS NULL"),
	                1);
	wftest_pair_close(P);
}

static void t_four_items(void)
{
	static const int head[] = { 0 };
	struct tokurei_card good;

	exchange(1, head, 1, "2025-04-12", "2025-04-10");
	good = Q->card;
	strcpy(Q->card.name, "山田\u3000次郎");
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_card_name_mismatch")), CHECK_ERROR);
	CU_ASSERT_EQUAL(R->match_name, 0);
	Q->card = good;
	strcpy(Q->card.birth, "1980-05-11");
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_card_birth_mismatch")), CHECK_ERROR);
	Q->card = good;
	strcpy(Q->card.sex, "2");
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_card_sex_mismatch")), CHECK_ERROR);
	Q->card = good;
	strcpy(Q->card.address, "東京都千代田区栄町一丁目2番1号");
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_card_address_mismatch")), CHECK_ALERT);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	/* Notation only: spaces, full-width digits and an ASCII space in the name. */
	Q->card = good;
	strcpy(Q->card.name, "山田 太郎");
	strcpy(Q->card.address, "東京都 千代田区栄町一丁目　１番 １号");
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(R->match_name, 1);
	CU_ASSERT_EQUAL(R->match_address, 1);
	CU_ASSERT_EQUAL(R->checks.n, 0);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	wftest_pair_close(P);
}

static void t_katakana_name_normalised(void)
{
	struct tennyu_req *tq = calloc(1, sizeof *tq);
	struct tennyu_result *tr = calloc(1, sizeof *tr);
	char atena[1][DB_ID_CAP];

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "tokurei", 1, 1, 1, "2025-04-01", "2025-04-12"), 0);
	/* A person whose name is written in katakana. */
	wftest_today(&P->a, "2025-03-05");
	wftest_tennyu_req(tq, WFTEST_C_CODE, "2025-03-05");
	wftest_person(&tq->p[0], "スミス\u3000ジョン", "スミス\u3000ジョン", "1975-10-01", "1",
	              "世帯主", 88);
	wftest_card(&tq->p[0], "2023-01-01", "2033-01-01");
	tq->n = 1;
	CU_ASSERT_EQUAL_FATAL(tennyu_commit(&P->a.ctx, tq, tr), 0);
	wftest_today(&P->a, "2025-04-01");
	strcpy(atena[0], tr->atena[0]);
	CU_ASSERT_EQUAL_FATAL(wftest_move_out(&P->a, tr->setai_no, 1, atena, WFTEST_B_CODE, PLANNED, 1,
	                                      &P->out), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->a, P->cs, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->b, P->cs, NULL), 0);
	memset(Q, 0, sizeof *Q);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, tr->atena[0], &Q->card), 0);
	/* Half-width katakana with an ASCII space, as some readers deliver it. */
	strcpy(Q->card.name, "ｽﾐｽ ｼﾞｮﾝ");
	Q->card_submitted = 1;
	strcpy(Q->tennyu_date, "2025-04-10");
	strcpy(Q->addr_code, WFTEST_TOWN1);
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(R->found, 1);
	CU_ASSERT_EQUAL(R->match_name, 1);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	free(tq);
	free(tr);
	wftest_pair_close(P);
}

static void t_members_need_card_holding_head(void)
{
	static const int all[] = { 0, 1, 2 }, wife_first[] = { 1, 0, 2 };

	/* The wife presents her card: only she moves in (法24の2② needs the 世帯主's card). */
	exchange(3, all, 1, "2025-04-12", "2025-04-10");
	memset(&Q->card, 0, sizeof Q->card);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[wife_first[0]], &Q->card), 0);
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(R->found, 1);
	CU_ASSERT_EQUAL(R->n, 1);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_member_not_travelling")), CHECK_INFO);
	/* Joining no household as a 妻 without a head: the 転入 alerts; acknowledged, she alone moves. */
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person"), 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE consumed_by IS NULL"),
	                2);
	/* Then the head presents his card: he and the card-less child move; the wife's row is used. */
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &Q->card), 0);
	Q->alerts_acknowledged = 0;
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(R->n, 2);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person"), 3);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE consumed_by IS NULL"),
	                0);
	wftest_pair_close(P);
}

static void t_cardless_members_travel(void)
{
	static const int head_child[] = { 0, 2 };
	struct db_resident r;

	/* Only the head holds a card; the child travels with him (法24の2②). */
	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "tokurei", 1, 1, 1, "2025-03-01", "2025-04-12"), 0);
	{
		struct tennyu_req *tq = calloc(1, sizeof *tq);
		struct tennyu_result *tr = calloc(1, sizeof *tr);

		wftest_tennyu_req(tq, WFTEST_C_CODE, "2025-03-01");
		wftest_family(tq, 2, 3, 0);
		wftest_card(&tq->p[0], "2024-02-01", "2034-05-10");
		tq->alerts_acknowledged = 1;
		CU_ASSERT_EQUAL_FATAL(tennyu_commit(&P->a.ctx, tq, tr), 0);
		P->fam = *tr;
		free(tq);
		free(tr);
	}
	wftest_today(&P->a, "2025-04-01");
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 2, head_child, WFTEST_B_CODE, PLANNED, 1, 1), 0);
	memset(Q, 0, sizeof *Q);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &Q->card), 0);
	Q->card_submitted = 1;
	strcpy(Q->tennyu_date, "2025-04-10");
	strcpy(Q->addr_code, WFTEST_TOWN1);
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(R->n, 2);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ALERT), 0);
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), 0);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->b.db, R->atena[1], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.zokugara, "子");
	CU_ASSERT_STRING_EQUAL(r.head_name, "佐藤\u3000太郎");
	CU_ASSERT_STRING_EQUAL(r.card_issued, "");
	wftest_pair_close(P);
}

static void t_registered_in_between(void)
{
	static const int head[] = { 0 };
	struct tennyu_req *tq = calloc(1, sizeof *tq);
	struct tennyu_result *tr = calloc(1, sizeof *tr);
	struct db_resident old;

	exchange(1, head, 1, "2025-04-12", "2025-04-10");
	/* B already registered him with a paper certificate (令24の2①一). */
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[0], &old), 0);
	wftest_tennyu_req(tq, WFTEST_A_CODE, "2025-04-10");
	wftest_family(tq, 1, 1, 1);
	CU_ASSERT_EQUAL_FATAL(tennyu_commit(&P->b.ctx, tq, tr), 0);
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_already_resident")), CHECK_ERROR);
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), MG_ERULE);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person"), 1);
	free(tq);
	free(tr);
	wftest_pair_close(P);
}

static void t_no_information_and_permission(void)
{
	static const int head[] = { 0 };

	/* A ordinary 転出: no information travels. */
	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "tokurei", 1, 1, 1, "2025-04-01", "2025-04-12"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 1, head, WFTEST_B_CODE, PLANNED, 0, 1), 0);
	memset(Q, 0, sizeof *Q);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &Q->card), 0);
	Q->card_submitted = 1;
	strcpy(Q->tennyu_date, "2025-04-10");
	strcpy(Q->addr_code, WFTEST_TOWN1);
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(R->found, 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_no_tenshutsu_info")), CHECK_ERROR);
	wftest_system(&P->b);
	CU_ASSERT_EQUAL(tokurei_prepare(&P->b.ctx, Q, R), MG_EPERM);
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), MG_EPERM);
	wftest_clerk(&P->b);
	CU_ASSERT_EQUAL(wftest_audit(P->b.db, "commit"), 0);
	wftest_pair_close(P);
}

static void t_join_household_at_b(void)
{
	static const int head[] = { 0 };
	struct tennyu_result *tr = calloc(1, sizeof *tr);
	struct db_resident r;

	exchange(1, head, 1, "2025-04-12", "2025-04-10");
	CU_ASSERT_EQUAL_FATAL(wftest_settle(&P->b, 7, 1, 0, "2025-04-01", tr), 0);
	strcpy(Q->join_setai, tr->setai_no);
	strcpy(Q->addr_code, WFTEST_TOWN1);
	strcpy(Q->banchi, "1番1号");
	/* The holder was 世帯主 at A; joining he needs a 続柄 to B's head. The
	 * 転入's own checks show already in the prepare, once the address is in. */
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_join_with_head")), CHECK_ERROR);
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), MG_ERULE);
	CU_ASSERT(check_has(&R->checks, MSG("chk_join_with_head")));
	strcpy(Q->zokugara[0], "同居人");
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), 0);
	CU_ASSERT_STRING_EQUAL(R->setai_no, tr->setai_no);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->b.db, R->atena[0], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.zokugara, "同居人");
	CU_ASSERT_STRING_EQUAL(r.head_name, "渡辺\u3000太郎");
	free(tr);
	wftest_pair_close(P);
}

/*
 * Two municipalities number their 受付 alike, so two 特例転出 groups reach B
 * under the same group id: the head's group is the one his city sent.
 */
static void t_group_is_per_municipality(void)
{
	static const int head_wife[] = { 0, 1 };
	struct wftest *x = calloc(1, sizeof *x);
	struct tennyu_result *fx = calloc(1, sizeof *fx);
	struct tenshutsu_result *rx = calloc(1, sizeof *rx);
	char wife[1][DB_ID_CAP];

	CU_ASSERT_FATAL(x && fx && rx);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "tkgroup", 1, 2, 1, "2025-04-01", "2025-04-12"), 0);
	/* 大阪市 moves a card-holding wife out alone on A's day: its 受付 is -0001 too. */
	CU_ASSERT_EQUAL_FATAL(wftest_open(x, "tkgroup_x.db", WFTEST_C_CODE, "大阪市", "2025-03-01"), 0);
	{
		struct tennyu_req *q = calloc(1, sizeof *q);

		CU_ASSERT_PTR_NOT_NULL_FATAL(q);
		wftest_tennyu_req(q, WFTEST_A_CODE, "2025-03-01");
		wftest_family(q, 2, 2, 1);
		q->alerts_acknowledged = 1;
		CU_ASSERT_EQUAL_FATAL(tennyu_commit(&x->ctx, q, fx), 0);
		free(q);
	}
	wftest_today(x, "2025-04-01");
	memcpy(wife[0], fx->atena[1], DB_ID_CAP);
	CU_ASSERT_EQUAL_FATAL(wftest_move_out(x, fx->setai_no, 1, wife, WFTEST_B_CODE, PLANNED, 1, rx),
	                      0);
	/* A: the card-holding 世帯主 and his wife. */
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 2, head_wife, WFTEST_B_CODE, PLANNED, 1, 0), 0);
	CU_ASSERT_STRING_EQUAL(rx->uketsuke_no, P->out.uketsuke_no);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, NULL), 0);
	CU_ASSERT_EQUAL(wftest_deliver(x, P->cs, NULL), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, NULL), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(DISTINCT from_code) FROM tokurei_inbox "
	                                      "WHERE group_id = '%s'", P->out.uketsuke_no), 2);
	memset(Q, 0, sizeof *Q);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &Q->card), 0);
	wftest_tokurei_at(Q, "2025-04-10");
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(R->n, 2);
	for (int i = 0; i < R->n; i++)
		CU_ASSERT_STRING_EQUAL(R->member[i].from_code, WFTEST_A_CODE);
	/* 大阪市's wife is still waiting for her own card at B. */
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE from_code = '%s' "
	                                      "AND consumed_by IS NULL", WFTEST_C_CODE), 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM outbox WHERE kind = 'tennyu_notice' "
	                                      "AND to_code <> '%s'", WFTEST_A_CODE), 0);
	wftest_close(x);
	free(x);
	free(fx);
	free(rx);
	wftest_pair_close(P);
}

/*
 * A family of three where only the 世帯主 holds a card (佐藤: 世帯主, 妻, 子)
 * moves out of A by 特例 on PLANNED and both deliver; Q holds the head's
 * card, 転入日 2025-04-10, a new household at WFTEST_TOWN2; B's today 2025-04-12.
 */
static void family_moves_out(const char *tag)
{
	static const int all[] = { 0, 1, 2 };
	struct tennyu_req *tq = calloc(1, sizeof *tq);
	struct tennyu_result *tr = calloc(1, sizeof *tr);

	CU_ASSERT_PTR_NOT_NULL_FATAL(tq);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tr);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, tag, 1, 1, 1, "2025-03-01", "2025-04-12"), 0);
	wftest_tennyu_req(tq, WFTEST_C_CODE, "2025-03-01");
	wftest_family(tq, 2, 3, 0);
	wftest_card(&tq->p[0], "2024-02-01", "2034-05-10");
	tq->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL_FATAL(tennyu_commit(&P->a.ctx, tq, tr), 0);
	P->fam = *tr;
	free(tq);
	free(tr);
	wftest_today(&P->a, "2025-04-01");
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 3, all, WFTEST_B_CODE, PLANNED, 1, 1), 0);
	memset(Q, 0, sizeof *Q);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &Q->card), 0);
	wftest_tokurei_at(Q, "2025-04-10");
}

/* The index in R->member of the member whose 続柄 is zokugara, -1 when absent. */
static int member_by_zokugara(const char *zokugara)
{
	for (int i = 0; i < R->n; i++)
		if (strcmp(R->member[i].zokugara, zokugara) == 0)
			return i;
	return -1;
}

/* The finding with this message id, NULL when absent. */
static const struct check_item *finding(const char *msgid)
{
	for (int i = 0; i < R->checks.n; i++)
		if (strcmp(R->checks.item[i].msgid, msgid) == 0)
			return &R->checks.item[i];
	return NULL;
}

/*
 * 法24の2②: the head files the 転入届 for himself and his wife; the child
 * is not moving in now. Two are registered; the child's 転出証明書情報
 * stays unconsumed, no 転入通知 / 本人確認情報 goes out for the child.
 */
static void t_member_left_out(void)
{
	struct db_household h;
	struct db_resident r;
	const struct check_item *it;
	char child_msg[48], child_kojin[13], child_name[DB_NAME_CAP];
	int c, w;

	family_moves_out("tkleave");
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL_FATAL(R->n, 3);
	CU_ASSERT_EQUAL(R->moving, 3);
	c = member_by_zokugara("子");
	w = member_by_zokugara("妻");
	CU_ASSERT_FATAL(c > 0 && w > 0);
	snprintf(child_msg, sizeof child_msg, "%s", R->member[c].msg_id);
	snprintf(child_kojin, sizeof child_kojin, "%s", R->member[c].kojin_bango);
	snprintf(child_name, sizeof child_name, "%s", R->member[c].name);
	/* The choice names the member by the msg_id, in any slot. */
	snprintf(Q->not_moving[3], sizeof Q->not_moving[3], "%s", child_msg);
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(R->n, 3);
	CU_ASSERT_EQUAL(R->moving, 2);
	CU_ASSERT_EQUAL(R->not_moving[0], 0);
	CU_ASSERT_EQUAL(R->not_moving[w], 0);
	CU_ASSERT_EQUAL(R->not_moving[c], 1);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	it = finding(MSG("chk_member_not_moving"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(it);
	CU_ASSERT_EQUAL(it->level, CHECK_INFO);
	CU_ASSERT_EQUAL(it->person, c);
	CU_ASSERT_STRING_EQUAL(it->args[0], child_name);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL_FATAL(tokurei_commit(&P->b.ctx, Q, R), 0);
	CU_ASSERT(check_has(&R->checks, MSG("chk_member_not_moving")));
	CU_ASSERT_EQUAL(R->moving, 2);
	/* Two registered: the head (世帯主 of the new 世帯) and his wife (妻). */
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person"), 2);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person WHERE state = 'current'"), 2);
	CU_ASSERT_STRING_NOT_EQUAL(R->atena[0], "");
	CU_ASSERT_STRING_NOT_EQUAL(R->atena[w], "");
	CU_ASSERT_STRING_EQUAL(R->atena[c], "");
	CU_ASSERT_EQUAL_FATAL(db_household_get(P->b.db, R->setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.head_atena, R->atena[0]);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->b.db, R->atena[0], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.zokugara, "世帯主");
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->b.db, R->atena[w], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.zokugara, "妻");
	CU_ASSERT_STRING_EQUAL(r.head_name, "佐藤\u3000太郎");
	CU_ASSERT_STRING_EQUAL(r.setai_no, R->setai_no);
	CU_ASSERT_EQUAL(db_resident_by_kojin(P->b.db, child_kojin, &r), MG_ENOTFOUND);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM resident_history WHERE "
	                "kojin_bango = '%s'", child_kojin), 0);
	/* The child's row stays: there, unconsumed; the others are consumed by this 受付. */
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE msg_id = '%s' "
	                "AND consumed_by IS NULL", child_msg), 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE consumed_by = '%s'",
	                R->uketsuke_no), 2);
	/* 転入通知 to A and 本人確認情報 to the CS: for the two only. */
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM outbox WHERE kind = 'tennyu_notice'"), 2);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM outbox WHERE kind = 'tennyu_notice' "
	                "AND payload LIKE '%%%s%%'", child_kojin), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM outbox WHERE kind = 'honnin_update'"), 2);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM outbox WHERE payload LIKE '%%%s%%'",
	                child_kojin), 0);
	/*
	 * Later: the head's own information is used up, the child's is still
	 * there, unconsumed and unexpired, for the child's own 転入 (a
	 * card-less child cannot file a 特例転入 alone).
	 */
	memset(Q->not_moving, 0, sizeof Q->not_moving);
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_no_tenshutsu_info")), CHECK_ERROR);
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), MG_ERULE);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE msg_id = '%s' "
	                "AND consumed_by IS NULL", child_msg), 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person"), 2);
	wftest_pair_close(P);
}

/* Leaving out everyone but the holder: just the holder's 転入 (a 世帯 of one). */
static void t_all_members_left_out(void)
{
	struct db_household h;
	struct db_resident r;

	family_moves_out("tkleaveall");
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL_FATAL(R->n, 3);
	snprintf(Q->not_moving[0], sizeof Q->not_moving[0], "%s", R->member[1].msg_id);
	snprintf(Q->not_moving[1], sizeof Q->not_moving[1], "%s", R->member[2].msg_id);
	/* Named twice is the same choice. */
	snprintf(Q->not_moving[2], sizeof Q->not_moving[2], "%s", R->member[2].msg_id);
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL_FATAL(tokurei_commit(&P->b.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(R->moving, 1);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person"), 1);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->b.db, R->atena[0], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.zokugara, "世帯主");
	CU_ASSERT_EQUAL_FATAL(db_household_get(P->b.db, R->setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.head_atena, R->atena[0]);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE consumed_by IS NULL"),
	                2);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM outbox WHERE kind = 'tennyu_notice'"), 1);
	wftest_pair_close(P);
}

/* The holder can never be left out; an unknown msg_id is refused; nothing is written. */
static void t_left_out_refused(void)
{
	char holder[48];

	family_moves_out("tkleavebad");
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL_FATAL(R->n, 3);
	snprintf(holder, sizeof holder, "%s", R->member[0].msg_id);
	snprintf(Q->not_moving[0], sizeof Q->not_moving[0], "%s", holder);
	Q->alerts_acknowledged = 1;
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_not_moving_holder")), CHECK_ERROR);
	CU_ASSERT_EQUAL(R->moving, 3);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), MG_ERULE);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person"), 0);
	/* An id that is no member of this group (another's, or made up). */
	snprintf(Q->not_moving[0], sizeof Q->not_moving[0], "%s", WFTEST_A_CODE "-000999999");
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_not_moving_unknown")), CHECK_ERROR);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), MG_ERULE);
	/* Not NUL-terminated within its slot: unknown, and read no further. */
	memset(Q->not_moving[0], 'x', sizeof Q->not_moving[0]);
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_not_moving_unknown")), CHECK_ERROR);
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), MG_ERULE);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person"), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE consumed_by IS NULL"),
	                3);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM outbox WHERE kind = 'tennyu_notice'"), 0);
	wftest_pair_close(P);
}

/*
 * The 続柄 stay indexed as the result's members when one is left out, and
 * the 転入's findings name the member by the result's index.
 */
static void t_left_out_keeps_indexes(void)
{
	const struct check_item *it;
	struct db_resident r;
	int c, w;

	family_moves_out("tkleaveidx");
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL_FATAL(R->n, 3);
	c = member_by_zokugara("子");
	w = member_by_zokugara("妻");
	CU_ASSERT_FATAL(c > 0 && w > 0);
	/* The wife stays; the child moves with a 続柄 that is not allowed. */
	snprintf(Q->not_moving[0], sizeof Q->not_moving[0], "%s", R->member[w].msg_id);
	strcpy(Q->zokugara[c], "祖父");
	prepare_on("2025-04-12");
	it = finding(MSG("chk_zokugara_invalid"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(it);
	CU_ASSERT_EQUAL(it->person, c);
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), MG_ERULE);
	strcpy(Q->zokugara[c], "子");
	CU_ASSERT_EQUAL_FATAL(tokurei_commit(&P->b.ctx, Q, R), 0);
	CU_ASSERT_STRING_EQUAL(R->atena[w], "");
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->b.db, R->atena[c], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.zokugara, "子");
	CU_ASSERT_STRING_EQUAL(r.name, R->member[c].name);
	wftest_pair_close(P);
}

/*
 * rv5 R3: asked for the information (法24の2⑤) while the push was still on
 * its way, B receives both copies: each person is kept once (the second
 * copy recorded as seen, "duplicate_copy"), and copies already stored (as
 * older versions did) are skipped by the member list and consumed with
 * the row used, so the 特例転入 goes through with each member once.
 */
static void t_two_copies_of_the_group(void)
{
	static const int all[] = { 0, 1, 2 };
	struct deliver_stats st;

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "copies", 1, 3, 1, "2025-04-01", "2025-04-10"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 3, all, WFTEST_B_CODE, PLANNED, 1, 0), 0);
	memset(Q, 0, sizeof *Q);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &Q->card), 0);
	wftest_tokurei_at(Q, "2025-04-08");
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL_FATAL(tokurei_request(&P->b.ctx, &Q->card, WFTEST_A_CODE, "2025-04-08"), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, NULL), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.answered, 1);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 3);
	CU_ASSERT_EQUAL(st.duplicates, 3);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox"), 3);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM inbox_seen WHERE status = 'ok' "
	                "AND error = 'duplicate_copy'"), 3);
	/* Copies stored before this fix: the member list skips them. */
	CU_ASSERT_EQUAL_FATAL(db_exec(P->b.db, "INSERT INTO tokurei_inbox SELECT msg_id || 'c', "
	                      "group_id, from_code, from_name, received_at, expires_on, consumed_by, "
	                      "name, name_kana, birth, sex, is_head, zokugara, head_name, honseki, "
	                      "hittosha, kojin_bango, juminhyo_code, prev_address, dest_address, "
	                      "planned_date, kokuho, kouki, kaigo, nenkin_kind, kiso_nenkin_no, "
	                      "jidou_teate, card_holder, card_issued, card_expiry, prev_katagaki "
	                      "FROM tokurei_inbox"), 0);
	CU_ASSERT_EQUAL(tokurei_prepare(&P->b.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(R->found, 1);
	CU_ASSERT_EQUAL(R->n, 3);
	CU_ASSERT_EQUAL(level_of(&R->checks, "chk_person_twice"), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, "chk_multiple_heads"), 0);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	for (int i = 1; i < R->n; i++)
		CU_ASSERT(strcmp(R->member[i].kojin_bango, R->member[0].kojin_bango) != 0);
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person"), 3);
	/* Every copy went with the row used: none is left to a later 特例転入. */
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE consumed_by "
	                "IS NULL"), 0);
	wftest_pair_close(P);
}

/* B's date job on day (it erases what is past its keeping period). */
static long long date_job_on_b(const char *day)
{
	struct notice_job job;

	wftest_today(&P->b, day);
	wftest_system(&P->b);
	CU_ASSERT_EQUAL(notice_date_job(&P->b.ctx, &job), 0);
	wftest_clerk(&P->b);
	return job.erased;
}

/* B asks A for the information (法24の2⑤), A answers (⑥), B receives it. */
static void request_and_answer(void)
{
	struct deliver_stats st;

	CU_ASSERT_EQUAL_FATAL(tokurei_request(&P->b.ctx, &Q->card, WFTEST_A_CODE, Q->tennyu_date), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, NULL), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.answered, 1);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, NULL), 0);
}

/*
 * rv5 R2: the window is judged on the 届出日, and so is the lookup. Planned
 * 04-10, 転入 04-28: the last day is min(05-10, 05-12) = 05-10. A 届出 of
 * 05-10 entered on 05-11 (before the date job) finds the information; one of
 * 05-11 does not, and one dated in the future is an error of its own.
 */
static void t_todoke_before_processing_day(void)
{
	static const int head[] = { 0 };

	exchange(1, head, 1, "2025-05-11", "2025-04-28");
	strcpy(Q->todoke_date, "2025-05-10");
	prepare_on("2025-05-11");
	CU_ASSERT_EQUAL(R->found, 1);
	CU_ASSERT_STRING_EQUAL(R->last_day, "2025-05-10");
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_todoke_past")), CHECK_ALERT);
	/* The continued-use limit counts from the 届出日. */
	CU_ASSERT_STRING_EQUAL(R->keizoku_due, "2025-08-08");
	/* Filed on the processing day, the day after the window: nothing to use. */
	strcpy(Q->todoke_date, "2025-05-11");
	prepare_on("2025-05-11");
	CU_ASSERT_EQUAL(R->found, 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_no_tenshutsu_info")), CHECK_ERROR);
	/* A 届出日 after today: refused as such, the information looked up as of today. */
	strcpy(Q->todoke_date, "2025-05-10");
	prepare_on("2025-05-09");
	CU_ASSERT_EQUAL(R->found, 1);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_todoke_future")), CHECK_ERROR);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	/* The timely 届出 commits on 05-11, alerts acknowledged. */
	strcpy(Q->todoke_date, "2025-05-10");
	wftest_today(&P->b, "2025-05-11");
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person"), 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE "
	                "consumed_by IS NULL"), 0);
	wftest_pair_close(P);
}

/*
 * rv5 R2, the rest: once the date job has erased the information (令24の4),
 * the way on is to ask for it (法24の2⑤⑥). The answer is kept 30 days from
 * its receipt, not to 予定日+30 (it would arrive erased): a 届出 of the last
 * day then commits, and one of the day after meets the planned-date limb of
 * the deadline itself (rv5 R8), not "no information".
 */
static void t_answer_after_erasure(void)
{
	static const int head[] = { 0 };

	exchange(1, head, 1, "2025-05-11", "2025-04-28");
	strcpy(Q->todoke_date, "2025-05-10");
	CU_ASSERT_EQUAL(date_job_on_b("2025-05-11"), 1);
	prepare_on("2025-05-11");
	CU_ASSERT_EQUAL(R->found, 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_no_tenshutsu_info")), CHECK_ERROR);
	request_and_answer();
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE "
	                "expires_on = '2025-06-10'"), 1);
	/* Kept through the next days' date jobs. */
	CU_ASSERT_EQUAL(date_job_on_b("2025-05-13"), 0);
	strcpy(Q->todoke_date, "2025-05-11");
	prepare_on("2025-05-13");
	CU_ASSERT_EQUAL(R->found, 1);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_tokurei_deadline")), CHECK_ERROR);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_no_tenshutsu_info")), 0);
	CU_ASSERT_STRING_EQUAL(R->last_day_planned, "2025-05-10");
	strcpy(Q->todoke_date, "2025-05-10");
	prepare_on("2025-05-13");
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person"), 1);
	/* 30 days after its receipt the answer goes too. */
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox"), 1);
	CU_ASSERT_EQUAL(date_job_on_b("2025-06-11"), 1);
	wftest_pair_close(P);
}

/*
 * The pushed copy still held (no date job yet) when the answer arrives: the
 * answer is not stored twice, but the held copy takes its longer keeping
 * period. A copy naming a request B never sent keeps 予定日+30.
 */
static void t_answer_extends_the_held_copy(void)
{
	static const int head[] = { 0 };

	exchange(1, head, 1, "2025-05-11", "2025-04-28");
	strcpy(Q->todoke_date, "2025-05-10");
	request_and_answer();
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox"), 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE "
	                "expires_on = '2025-06-10'"), 1);
	CU_ASSERT_EQUAL(date_job_on_b("2025-05-12"), 0);
	prepare_on("2025-05-12");
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	wftest_pair_close(P);
}

/*
 * rv5 R6: the 方書 travels with the 転出証明書情報. The chip's 住所 carries it
 * and is no mismatch; a card written before the 方書 was recorded (the
 * address alone) is none either; the 前住所 at B keeps it.
 */
static void t_katagaki_travels(void)
{
	static const int head[] = { 0 };
	struct db_resident r;

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open_at(P, "katagaki", 1, 1, 1, "2025-04-01", "2025-04-12",
	                                          "サンハイツ101号"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 1, head, WFTEST_B_CODE, PLANNED, 1, 1), 0);
	memset(Q, 0, sizeof *Q);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &Q->card), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(Q->card.address, "サンハイツ101号"));
	wftest_tokurei_at(Q, "2025-04-10");
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE "
	                "prev_katagaki = 'サンハイツ101号'"), 1);
	prepare_on("2025-04-12");
	CU_ASSERT_EQUAL(R->match_address, 1);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_card_address_mismatch")), 0);
	/* Without the space, and without the 方書: the same address. */
	{
		char *sp = strstr(Q->card.address, " ");

		CU_ASSERT_PTR_NOT_NULL_FATAL(sp);
		memmove(sp, sp + 1, strlen(sp + 1) + 1);
		prepare_on("2025-04-12");
		CU_ASSERT_EQUAL(R->match_address, 1);
		*strstr(Q->card.address, "サンハイツ") = '\0';
		prepare_on("2025-04-12");
		CU_ASSERT_EQUAL(R->match_address, 1);
		strcat(Q->card.address, "コーポ202号");
		prepare_on("2025-04-12");
		CU_ASSERT_EQUAL(R->match_address, 0);
		CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_card_address_mismatch")), CHECK_ALERT);
	}
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &Q->card), 0);
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL_FATAL(tokurei_commit(&P->b.ctx, Q, R), 0);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->b.db, R->atena[0], &r), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.prev_address, WFTEST_A_NAME));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.prev_address, "号 サンハイツ101号"));  /* NFKC: U+3000 → " " */
	wftest_pair_close(P);
}

/* A 方書 too long to be recorded with the address is refused, not cut. */
static void t_katagaki_too_long(void)
{
	struct db_tenshutsu_info t;
	char out[DB_ADDR_CAP];

	memset(&t, 0, sizeof t);
	memset(t.prev_address, 'a', 400);
	memset(t.prev_katagaki, 'b', 100);
	CU_ASSERT_EQUAL(tokurei_prev_address(&t, out, sizeof out), 0);
	CU_ASSERT_EQUAL(strlen(out), 503);
	memset(t.prev_katagaki, 'b', 108);
	CU_ASSERT_EQUAL(tokurei_prev_address(&t, out, sizeof out), 0);
	CU_ASSERT_EQUAL(strlen(out), 511);
	t.prev_katagaki[108] = 'b';
	CU_ASSERT_EQUAL(tokurei_prev_address(&t, out, sizeof out), -1);
	CU_ASSERT_EQUAL(strlen(out), 511);
	t.prev_katagaki[0] = '\0';
	CU_ASSERT_EQUAL(tokurei_prev_address(&t, out, sizeof out), 0);
	CU_ASSERT_EQUAL(strlen(out), 400);
}

TESTUTIL_REGISTER(wf_tokurei)
{
	static const struct testutil_case cases[] = {
		{ "household moves in, info consumed once, outbox", t_household_moves_in },
		{ "前住所 at B names the former municipality", t_prev_address_names_municipality },
		{ "card address as printed is not a mismatch", t_card_address_as_printed },
		{ "deadline 転入日+14 (no holiday roll-over)", t_deadline_tennyu_limb },
		{ "deadline 予定日+30", t_deadline_planned_limb },
		{ "card: submitted, verdict, expiry, 個人番号", t_card_checks },
		{ "chip 4情報: mismatches and notation", t_four_items },
		{ "katakana name in half-width equals", t_katakana_name_normalised },
		{ "members travel only with the card-holding head", t_members_need_card_holding_head },
		{ "card-less members travel with the head", t_cardless_members_travel },
		{ "registered in between: refused", t_registered_in_between },
		{ "no information; permission", t_no_information_and_permission },
		{ "joining a household at B", t_join_household_at_b },
		{ "a group is keyed by its sender too", t_group_is_per_municipality },
		{ "a member left out stays pending (法24の2②)", t_member_left_out },
		{ "every member left out: the holder alone", t_all_members_left_out },
		{ "leaving out the holder or an unknown id: refused", t_left_out_refused },
		{ "a member left out keeps the others' indexes", t_left_out_keeps_indexes },
		{ "two copies of a group (push and request): each person once", t_two_copies_of_the_group },
		{ "届出日 before the processing day decides the lookup", t_todoke_before_processing_day },
		{ "an answer after erasure is kept from its receipt", t_answer_after_erasure },
		{ "an answer extends the copy held", t_answer_extends_the_held_copy },
		{ "the 方書 travels with the information", t_katagaki_travels },
		{ "a 前住所 too long is refused, not cut", t_katagaki_too_long },
		{ NULL, NULL }
	};

	testutil_suite("wf_tokurei", suite_init, suite_fini, cases);
}
