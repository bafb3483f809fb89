/*
 * test_wf_setai.c — 世帯主変更届 (法25; 標準仕様 1.1.10): a 世帯 the date job
 * left without a 世帯主 gets one, a 世帯 changes its 世帯主 of its own
 * accord, and each check refuses the 届出 with nothing written; the 14 days
 * of 法25 with the holiday roll-over, before, on and after.
 */
#include "tests/unit/testutil.h"
#include "tests/unit/wftest.h"
#include "app/notice.h"
#include "app/setai.h"
#include "app/tennyu.h"
#include "app/tenshutsu.h"
#include "db/db_household.h"
#include "db/db_resident.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct wftest T;
static struct tennyu_result *F;      /* the family: atena[], setai_no */
static struct setai_req *Q;
static struct setai_result *R;
static struct tenshutsu_result *OUT; /* a 転出's result (set-ups) */
static struct tennyu_req *TQ;        /* a 転入 joining the 世帯 (set-ups) */
static struct tennyu_result *TR;

/* Allocate once. */
static int suite_init(void)
{
	F = calloc(1, sizeof *F);
	Q = calloc(1, sizeof *Q);
	R = calloc(1, sizeof *R);
	OUT = calloc(1, sizeof *OUT);
	TQ = calloc(1, sizeof *TQ);
	TR = calloc(1, sizeof *TR);
	return F && Q && R && OUT && TQ && TR ? 0 : 1;
}

/* Free. */
static int suite_fini(void)
{
	free(F);
	free(Q);
	free(R);
	free(OUT);
	free(TQ);
	free(TR);
	return 0;
}

/* The level of a finding, 0 when absent. */
static int level_of(const char *msgid)
{
	for (int i = 0; i < R->checks.n; i++)
		if (strcmp(R->checks.item[i].msgid, msgid) == 0)
			return (int)R->checks.item[i].level;
	return 0;
}

/* A registry with a family of n settled on 2025-03-01; today is today. */
static void setup(const char *file, int n, const char *today)
{
	CU_ASSERT_EQUAL_FATAL(wftest_open(&T, file, "282146", "宝塚市", "2025-03-01"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_settle(&T, 1, n, 0, "2025-03-01", F), 0);
	wftest_today(&T, today);
}

/* The request: head = member h; the others in order with their 続柄. */
static void req(int h, const char *idou, const char *todoke, int n, const int *who,
                const char *const *zokugara)
{
	memset(Q, 0, sizeof *Q);
	strcpy(Q->setai_no, F->setai_no);
	strcpy(Q->head_atena, F->atena[h]);
	Q->n = n;
	for (int i = 0; i < n; i++) {
		strcpy(Q->m[i].atena_no, F->atena[who[i]]);
		strcpy(Q->m[i].zokugara, zokugara[i]);
	}
	strcpy(Q->idou_date, idou);
	strcpy(Q->todoke_date, todoke);
}

/* The current row of member i. */
static struct db_resident *member(int i)
{
	static struct db_resident r;

	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, F->atena[i], &r), 0);
	return &r;
}

/* The 世帯's 世帯主 ("" for none). */
static const char *household_head(void)
{
	static struct db_household h;

	CU_ASSERT_EQUAL_FATAL(db_household_get(T.db, F->setai_no, &h), 0);
	return h.head_atena;
}

/*
 * The way a 世帯 loses its 世帯主 (test_wf_tenshutsu, case 3): he leaves
 * on 04-20 with his wife alone to remain, their son (member 2) joins on
 * 04-10, and on 04-20 two remain: the date job leaves the 世帯 without one.
 */
static void headless(const char *file)
{
	char head_only[1][DB_ID_CAP];
	struct notice_job job;

	setup(file, 2, "2025-04-01");
	strcpy(head_only[0], F->atena[0]);
	CU_ASSERT_EQUAL_FATAL(wftest_move_out(&T, F->setai_no, 1, head_only, "131016", "2025-04-20",
	                                      0, OUT), 0);
	wftest_today(&T, "2025-04-10");
	wftest_tennyu_req(TQ, "131016", "2025-04-10");
	snprintf(TQ->join_setai, sizeof TQ->join_setai, "%s", F->setai_no);
	TQ->n = 1;
	wftest_person(&TQ->p[0], "山田　一郎", "ヤマダ　イチロウ", "2001-05-05", "1", "子", 901);
	TQ->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL_FATAL(tennyu_commit(&T.ctx, TQ, TR), 0);
	strcpy(F->atena[2], TR->atena[0]);
	wftest_today(&T, "2025-04-20");
	wftest_system(&T);
	CU_ASSERT_EQUAL_FATAL(notice_date_job(&T.ctx, &job), 0);
	wftest_clerk(&T);
	CU_ASSERT_EQUAL_FATAL(job.headless, 1);
	CU_ASSERT_STRING_EQUAL(household_head(), "");
}

/* Two days later the wife files: she is 世帯主 from 04-20, the son her 子. */
static void t_headless_gets_a_head(void)
{
	static const int son[] = { 2 };
	static const char *const ko[] = { "子" };

	headless("setai_headless.db");
	wftest_today(&T, "2025-04-22");
	/* not before the day the old 世帯主 left (rv13dom M1): the members'
	 * own records (the son's from 04-10) would allow 04-19 */
	req(1, "2025-04-19", "", 1, son, ko);
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(R->checks.n, 1);
	CU_ASSERT_EQUAL(level_of(MSG("chk_setai_before_head_left")), CHECK_ERROR);
	CU_ASSERT_EQUAL(setai_henko_commit(&T.ctx, Q, R), MG_ERULE);
	CU_ASSERT_STRING_EQUAL(household_head(), "");
	req(1, "2025-04-20", "", 1, son, ko);
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(R->checks.n, 0);
	CU_ASSERT_STRING_EQUAL(R->last_day, "2025-05-07");   /* 05-04 is a Sunday in GW: 05-07 */
	CU_ASSERT_EQUAL(setai_henko_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_STRING_EQUAL(household_head(), F->atena[1]);
	CU_ASSERT_STRING_EQUAL(member(1)->zokugara, "世帯主");
	CU_ASSERT_STRING_EQUAL(member(1)->head_name, "山田　花子");
	CU_ASSERT_STRING_EQUAL(member(1)->idou_jiyu, "setainushi_henko");
	CU_ASSERT_STRING_EQUAL(member(1)->idou_date, "2025-04-20");
	CU_ASSERT_STRING_EQUAL(member(1)->todoke_date, "2025-04-22");
	CU_ASSERT_STRING_EQUAL(member(1)->todoke_kind, "todoke");
	CU_ASSERT_STRING_EQUAL(member(1)->uketsuke_no, R->uketsuke_no);
	CU_ASSERT_STRING_EQUAL(member(2)->zokugara, "子");
	CU_ASSERT_STRING_EQUAL(member(2)->head_name, "山田　花子");
	CU_ASSERT_STRING_EQUAL(member(2)->uketsuke_no, R->uketsuke_no);
	/* The 除票 of the old 世帯主 is left as it was. */
	CU_ASSERT_STRING_EQUAL(member(0)->state, "jyohyo");
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM uketsuke WHERE uketsuke_no = '%s' "
	                "AND workflow = 'setai_henko'", R->uketsuke_no), 1);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM audit WHERE action = 'commit' AND "
	                "target = '%s' AND detail = 'wf=setai_henko atena=%s,%s todoke=2025-04-22'",
	                R->uketsuke_no, F->atena[1], F->atena[2]), 1);
	/* Nothing for the CS: the 世帯主 is no 本人確認情報 item. */
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM outbox WHERE uketsuke_no = '%s'",
	                R->uketsuke_no), 0);
	/* Filed again: nothing changes any more. */
	CU_ASSERT_EQUAL(setai_henko_commit(&T.ctx, Q, R), MG_ERULE);
	CU_ASSERT_EQUAL(level_of(MSG("chk_setai_no_change")), CHECK_ERROR);
	wftest_close(&T);
}

/*
 * No 届出 comes; the son moves out on 05-10 and the wife stays alone: 令25
 * makes her the 世帯主 by 職権 on that day. Regression (rv13 M3): a 世帯
 * without a 世帯主 was skipped ("the 世帯主 stays") and she stayed 妻 of a
 * 除票 for good.
 */
static void t_headless_down_to_one(void)
{
	char son_only[1][DB_ID_CAP];
	struct notice_job job;

	headless("setai_alone.db");
	wftest_today(&T, "2025-04-25");
	strcpy(son_only[0], F->atena[2]);
	CU_ASSERT_EQUAL_FATAL(wftest_move_out(&T, F->setai_no, 1, son_only, "131016", "2025-05-10",
	                                      0, OUT), 0);
	CU_ASSERT_STRING_EQUAL(household_head(), "");
	wftest_today(&T, "2025-05-10");
	wftest_system(&T);
	CU_ASSERT_EQUAL_FATAL(notice_date_job(&T.ctx, &job), 0);
	wftest_clerk(&T);
	CU_ASSERT_EQUAL(job.headless, 0);
	CU_ASSERT_STRING_EQUAL(household_head(), F->atena[1]);
	CU_ASSERT_STRING_EQUAL(member(1)->zokugara, "世帯主");
	CU_ASSERT_STRING_EQUAL(member(1)->head_name, "山田　花子");
	CU_ASSERT_STRING_EQUAL(member(1)->idou_date, "2025-05-10");
	CU_ASSERT_STRING_EQUAL(member(1)->todoke_kind, "shokken");
	CU_ASSERT_STRING_EQUAL(member(2)->state, "jyohyo");
	wftest_close(&T);
}

/*
 * A 転入 joins the 世帯 while it has no 世帯主: an alert (rv13dom M3), since
 * the newcomer's 続柄 relates to nobody until a 世帯主変更届. Refused until
 * acknowledged, with nothing written; then the newcomer joins with no
 * 世帯主 named, and the 世帯 still has none.
 */
static void t_join_headless(void)
{
	long long before;

	headless("setai_join.db");
	wftest_today(&T, "2025-04-22");
	wftest_tennyu_req(TQ, "131016", "2025-04-22");
	snprintf(TQ->join_setai, sizeof TQ->join_setai, "%s", F->setai_no);
	TQ->n = 1;
	wftest_person(&TQ->p[0], "山田　二郎", "ヤマダ　ジロウ", "2003-06-06", "1", "子", 902);
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, TQ, TR), 0);
	CU_ASSERT_EQUAL_FATAL(TR->checks.n, 1);
	CU_ASSERT_STRING_EQUAL(TR->checks.item[0].msgid, MSG("chk_join_no_head"));
	CU_ASSERT_EQUAL(TR->checks.item[0].level, CHECK_ALERT);
	before = wftest_count(T.db, "SELECT count(*) FROM resident_history");
	CU_ASSERT_EQUAL(tennyu_commit(&T.ctx, TQ, TR), MG_ERULE);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM resident_history"), before);
	TQ->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tennyu_commit(&T.ctx, TQ, TR), 0);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM resident_history WHERE setai_no = '%s' "
	                "AND head_name = '' AND atena_no = '%s'", F->setai_no, TR->atena[0]), 1);
	CU_ASSERT_STRING_EQUAL(household_head(), "");
	wftest_close(&T);
}

/* The wife becomes 世帯主 of her own accord; her husband is then her 夫. */
static void t_change_of_own_accord(void)
{
	static const int others[] = { 0, 2 };
	static const char *const z[] = { "夫", "子" };

	setup("setai_accord.db", 3, "2025-06-02");
	req(1, "2025-06-02", "", 2, others, z);
	CU_ASSERT_EQUAL(setai_henko_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_STRING_EQUAL(household_head(), F->atena[1]);
	CU_ASSERT_STRING_EQUAL(member(0)->zokugara, "夫");
	CU_ASSERT_STRING_EQUAL(member(0)->head_name, "山田　花子");
	CU_ASSERT_STRING_EQUAL(member(1)->zokugara, "世帯主");
	CU_ASSERT_STRING_EQUAL(member(2)->zokugara, "子");
	CU_ASSERT_EQUAL(member(2)->rireki_no, 2);
	wftest_close(&T);
}

/* Each check refuses, and a refused commit writes nothing. */
static void t_refusals(void)
{
	static const int both[] = { 1, 2 }, one[] = { 1 }, twice[] = { 1, 1 }, head_too[] = { 0, 1 };
	static const char *const z2[] = { "妻", "子" }, *const z1[] = { "妻" },
		*const bad[] = { "妻", "いとこ" };
	char leaving[1][DB_ID_CAP];
	char *before;

	CU_ASSERT_FATAL(OUT != NULL);
	setup("setai_refusals.db", 3, "2025-06-02");
	/* Nothing changes: the same head, the same 続柄. */
	req(0, "2025-06-02", "", 2, both, z2);
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(MSG("chk_setai_no_change")), CHECK_ERROR);
	/* A member left OUT; named twice; the head named as a member too. */
	req(0, "2025-06-02", "", 1, one, z1);
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(MSG("chk_setai_member_missing")), CHECK_ERROR);
	req(2, "2025-06-02", "", 2, twice, z2);
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(MSG("chk_setai_member_twice")), CHECK_ERROR);
	CU_ASSERT_EQUAL(level_of(MSG("chk_setai_member_missing")), CHECK_ERROR);
	req(1, "2025-06-02", "", 2, head_too, z2);
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(MSG("chk_setai_member_twice")), CHECK_ERROR);
	/* A 続柄 not in the list. */
	req(0, "2025-06-02", "", 2, both, bad);
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(MSG("chk_zokugara_invalid")), CHECK_ERROR);
	/* A head or a member from elsewhere; an unknown 世帯. */
	req(1, "2025-06-02", "", 2, head_too, z2);
	strcpy(Q->head_atena, "nosuch-1");
	strcpy(Q->m[1].atena_no, "nosuch-2");
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(MSG("chk_setai_head_not_member")), CHECK_ERROR);
	CU_ASSERT_EQUAL(level_of(MSG("chk_setai_member_unknown")), CHECK_ERROR);
	strcpy(Q->setai_no, "nosuch-3");
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(MSG("chk_setai_unknown")), CHECK_ERROR);
	/* Dates: not a date, after the 届出日, a 届出日 in the future. */
	req(1, "2025-02-30", "", 2, head_too, z2);
	strcpy(Q->m[0].zokugara, "夫");
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(MSG("chk_setai_idou_invalid")), CHECK_ERROR);
	strcpy(Q->idou_date, "2025-06-02");
	strcpy(Q->todoke_date, "2025-06-01");
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(MSG("chk_setai_idou_after_todoke")), CHECK_ERROR);
	strcpy(Q->todoke_date, "2025-06-03");
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(MSG("chk_todoke_future")), CHECK_ERROR);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	/* A member moving OUT later may not become 世帯主. */
	strcpy(leaving[0], F->atena[2]);
	CU_ASSERT_EQUAL_FATAL(wftest_move_out(&T, F->setai_no, 1, leaving, "131016", "2025-06-30", 0,
	                                      OUT), 0);
	req(2, "2025-06-02", "", 2, head_too, z2);
	strcpy(Q->m[0].zokugara, "父");
	strcpy(Q->m[1].zokugara, "母");
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(MSG("chk_setai_head_leaving")), CHECK_ERROR);
	before = wftest_snapshot(T.db, WFTEST_SNAP_ALL);
	CU_ASSERT_EQUAL(setai_henko_commit(&T.ctx, Q, R), MG_ERULE);
	{
		char *after = wftest_snapshot(T.db, WFTEST_SNAP_ALL);

		CU_ASSERT_PTR_NOT_NULL_FATAL(before);
		CU_ASSERT_PTR_NOT_NULL_FATAL(after);
		CU_ASSERT_STRING_EQUAL(after, before);
		free(after);
	}
	free(before);
	wftest_close(&T);
}

/*
 * 法25: 14 days, the last one moved past a 休日. A change on 2025-04-20:
 * +14 = 05-04 (Sunday, GW), 05-05 and 05-06 are holidays: 05-07 is the
 * last day. 05-07 is in time; 05-08 is late (an alert, acknowledged into
 * the 受付).
 */
static void t_fourteen_days(void)
{
	static const int others[] = { 0, 2 };
	static const char *const z[] = { "夫", "子" };

	setup("setai_days.db", 3, "2025-05-07");
	req(1, "2025-04-20", "", 2, others, z);
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_STRING_EQUAL(R->last_day, "2025-05-07");
	CU_ASSERT_EQUAL(R->checks.n, 0);
	wftest_today(&T, "2025-05-08");
	req(1, "2025-04-20", "", 2, others, z);
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(MSG("chk_setai_late")), CHECK_ALERT);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	CU_ASSERT_EQUAL(setai_henko_commit(&T.ctx, Q, R), MG_ERULE);
	CU_ASSERT_STRING_EQUAL(household_head(), F->atena[0]);
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(setai_henko_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM uketsuke WHERE uketsuke_no = '%s' "
	                "AND alerts = 'chk_setai_late'", R->uketsuke_no), 1);
	wftest_close(&T);
}

/*
 * The change is not dated before a member's record: the family settled on
 * 03-01, so a change on 02-28 is refused and one on 03-01 is not; after a
 * change on 03-05, another dated 03-04 is refused too (history in order).
 * Regression (rv13 M1): a change dated before the 転入 got only the late alert.
 */
static void t_not_before_the_record(void)
{
	static const int others[] = { 0, 2 }, back[] = { 1, 2 };
	static const char *const z[] = { "夫", "子" }, *const zb[] = { "妻", "子" };

	setup("setai_order.db", 3, "2025-03-10");
	req(1, "2025-02-28", "", 2, others, z);
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(MSG("chk_setai_idou_before")), CHECK_ERROR);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(setai_henko_commit(&T.ctx, Q, R), MG_ERULE);
	CU_ASSERT_STRING_EQUAL(household_head(), F->atena[0]);
	CU_ASSERT_EQUAL(member(1)->rireki_no, 1);
	req(1, "2025-03-01", "", 2, others, z);
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(MSG("chk_setai_idou_before")), 0);
	req(1, "2025-03-05", "", 2, others, z);
	CU_ASSERT_EQUAL(setai_henko_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_STRING_EQUAL(household_head(), F->atena[1]);
	req(0, "2025-03-04", "", 2, back, zb);
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(MSG("chk_setai_idou_before")), CHECK_ERROR);
	req(0, "2025-03-05", "", 2, back, zb);
	CU_ASSERT_EQUAL(setai_henko_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(MSG("chk_setai_idou_before")), 0);
	wftest_close(&T);
}

TESTUTIL_REGISTER(wf_setai)
{
	static const struct testutil_case cases[] = {
		{ "a 世帯 left without a 世帯主 gets one", t_headless_gets_a_head },
		{ "a 世帯 without a 世帯主 down to one: 令25", t_headless_down_to_one },
		{ "a 転入 joining a 世帯 without a 世帯主 is an alert", t_join_headless },
		{ "a change of 世帯主 of its own accord", t_change_of_own_accord },
		{ "refusals write nothing", t_refusals },
		{ "14 days, rolled past 休日 (法25)", t_fourteen_days },
		{ "not dated before a member's record", t_not_before_the_record },
		{ NULL, NULL }
	};
	testutil_suite("wf_setai", suite_init, suite_fini, cases);
}
