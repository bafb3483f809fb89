/*
 * test_wf_tenshutsu.c — 転出 and 特例転出 (法24, 法24の2, 令23–24の3, 令25;
 * 標準仕様 4.1.3): whole/part household, 転出予定 vs 除票 by the planned date,
 * the 14-day rule (職権 + 準ずる証明書, 特例 refused), the 世帯主 leaving,
 * the certificate and the 転出証明書情報.
 */
#include "tests/unit/testutil.h"
#include "tests/unit/wftest.h"
#include "app/csmsg.h"
#include "app/notice.h"
#include "app/tenshutsu.h"
#include "db/db_cert.h"
#include "db/db_household.h"
#include "db/db_resident.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TODAY "2025-04-01"

static struct wftest T;
static struct tenshutsu_req *Q;
static struct tenshutsu_result *R;
static struct tennyu_result *F;     /* the settled family */

/* Allocate the big structs once. */
static int suite_init(void)
{
	Q = calloc(1, sizeof *Q);
	R = calloc(1, sizeof *R);
	F = calloc(1, sizeof *F);
	return Q && R && F ? 0 : 1;
}

/* Free them. */
static int suite_fini(void)
{
	free(Q);
	free(R);
	free(F);
	wftest_close(&T);
	return 0;
}

/* 千代田区 with a family of n (cards when with_card) moved in on 2025-03-01; today TODAY. */
static void setup(int n, int with_card)
{
	CU_ASSERT_EQUAL_FATAL(wftest_open(&T, "tenshutsu.db", WFTEST_A_CODE, WFTEST_A_NAME, TODAY), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_settle(&T, 1, n, with_card, "2025-03-01", F), 0);
	memset(R, 0, sizeof *R);
}

/* A request: members idx[0..n-1] of the family to 宝塚市 on planned. */
static void req(int n, const int *idx, const char *planned, int tokurei)
{
	memset(Q, 0, sizeof *Q);
	strcpy(Q->setai_no, F->setai_no);
	Q->n = n;
	for (int i = 0; i < n; i++)
		strcpy(Q->atena[i], F->atena[idx[i]]);
	strcpy(Q->dest_address, wftest_dest_address(WFTEST_B_CODE));
	strcpy(Q->dest_muni_code, WFTEST_B_CODE);
	snprintf(Q->planned_date, sizeof Q->planned_date, "%s", planned);
	Q->tokurei = tokurei;
}

/* The level of a finding, 0 when absent. */
static int level_of(const struct check_list *l, const char *msgid)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->item[i].msgid, msgid) == 0)
			return (int)l->item[i].level;
	return 0;
}

/* Commit a request that must be refused and check nothing was written. */
static void refused_unchanged(int want_rc)
{
	char *before = wftest_snapshot(T.db, WFTEST_SNAP_ALL), *after;

	CU_ASSERT_EQUAL(tenshutsu_commit(&T.ctx, Q, R), want_rc);
	CU_ASSERT_STRING_EQUAL(R->uketsuke_no, "");
	CU_ASSERT_EQUAL(R->cert_serial, 0);
	after = wftest_snapshot(T.db, WFTEST_SNAP_ALL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	CU_ASSERT_PTR_NOT_NULL_FATAL(after);
	CU_ASSERT_STRING_EQUAL(before, after);
	free(before);
	free(after);
}

/* Collect certificate persons. */
static int cert_person(void *arg, const char *atena, int rireki)
{
	char (*out)[32] = arg;
	int i = 0;

	while (out[i][0])
		i++;
	snprintf(out[i], 32, "%s/%d", atena, rireki);
	return 0;
}

static void t_part_household_future(void)
{
	static const int child[] = { 2 };
	struct db_resident r;
	struct db_household h;
	struct db_cert c;
	char persons[4][32];
	char want[32];
	long long n = -1;

	setup(3, 0);
	req(1, child, "2025-04-10", 0);
	CU_ASSERT_EQUAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(R->checks.n, 0);
	CU_ASSERT_EQUAL(R->shokken, 0);
	CU_ASSERT_EQUAL(R->remaining, 2);
	CU_ASSERT_STRING_EQUAL(R->auto_head, "");
	/* Still a resident until the planned date: 転出予定. */
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, F->atena[2], &r), 0);
	CU_ASSERT_EQUAL(r.rireki_no, 2);
	CU_ASSERT_STRING_EQUAL(r.state, "yotei");
	CU_ASSERT_STRING_EQUAL(r.idou_jiyu, "tenshutsu");
	CU_ASSERT_STRING_EQUAL(r.idou_date, "2025-04-10");
	CU_ASSERT_STRING_EQUAL(r.dest_planned_date, "2025-04-10");
	CU_ASSERT_STRING_EQUAL(r.dest_muni_code, WFTEST_B_CODE);
	CU_ASSERT_STRING_EQUAL(r.dest_planned, wftest_dest_address(WFTEST_B_CODE));
	CU_ASSERT_STRING_EQUAL(r.todoke_date, TODAY);
	CU_ASSERT_STRING_EQUAL(r.todoke_kind, "todoke");
	CU_ASSERT_STRING_EQUAL(r.shojo_date, "");
	CU_ASSERT_EQUAL(r.tokurei, 0);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM person WHERE state = 'current'"), 2);
	/* The head and household are unchanged. */
	CU_ASSERT_EQUAL_FATAL(db_household_get(T.db, F->setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.head_atena, F->atena[0]);
	CU_ASSERT_STRING_EQUAL(h.closed_on, "");
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM resident_history WHERE atena_no IN "
	                "('%s','%s')", F->atena[0], F->atena[1]), 2);
	/* An ordinary 転出証明書 pointing at the 転出 row, in the form register. */
	CU_ASSERT_STRING_EQUAL(R->cert_kind, "ordinary");
	CU_ASSERT(R->cert_serial > 0);
	memset(persons, 0, sizeof persons);
	CU_ASSERT_EQUAL_FATAL(db_cert_get(T.db, R->cert_serial, &c, cert_person, persons), 0);
	CU_ASSERT_STRING_EQUAL(c.kind, "ordinary");
	CU_ASSERT_STRING_EQUAL(c.uketsuke_no, R->uketsuke_no);
	CU_ASSERT_STRING_EQUAL(c.issued_on, TODAY);
	snprintf(want, sizeof want, "%s/2", F->atena[2]);
	CU_ASSERT_STRING_EQUAL(persons[0], want);
	CU_ASSERT_STRING_EQUAL(persons[1], "");
	CU_ASSERT_EQUAL(db_cert_form_count(T.db, "tenshutsu_cert", &n), 0);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM form_register WHERE uketsuke_no = '%s' "
	                "AND form_serial = '%lld' AND operator = 'clerk1'", R->uketsuke_no,
	                R->cert_serial), 1);
	/* No 転出証明書情報, no CS update yet (the 消除 comes on the planned date). */
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM outbox WHERE uketsuke_no = '%s'",
	                R->uketsuke_no), 0);
	CU_ASSERT_EQUAL(wftest_audit(T.db, "commit"), 2);        /* the 転入 and this 転出 */
	CU_ASSERT_EQUAL(wftest_audit(T.db, "cert_issue"), 1);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM uketsuke WHERE uketsuke_no = '%s' AND "
	                "workflow = 'tenshutsu'", R->uketsuke_no), 1);
	/* A 転出予定 person cannot move out again. */
	req(1, child, "2025-04-12", 0);
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_not_current")), CHECK_ERROR);
	wftest_close(&T);
}

static void t_planned_today_or_past_is_jyohyo(void)
{
	static const int child[] = { 2 }, wife[] = { 1 };
	struct db_resident r;
	char buf[2048];

	setup(3, 0);
	req(1, child, TODAY, 0);
	CU_ASSERT_EQUAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, F->atena[2], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.state, "jyohyo");
	CU_ASSERT_STRING_EQUAL(r.shojo_jiyu, "tenshutsu");
	CU_ASSERT_STRING_EQUAL(r.shojo_date, TODAY);
	CU_ASSERT_STRING_EQUAL(r.dest_planned_date, TODAY);
	/* 令30の5二: the 消除 goes to the CS. */
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM outbox WHERE kind = 'honnin_update' "
	                "AND uketsuke_no = '%s'", R->uketsuke_no), 1);
	wftest_text(T.db, buf, sizeof buf, "SELECT payload FROM outbox WHERE kind = 'honnin_update' "
	            "AND uketsuke_no = '%s'", R->uketsuke_no);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "event=shojo"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "event_date=" TODAY));
	/* The day before today, too. */
	req(1, wife, "2025-03-31", 0);
	CU_ASSERT_EQUAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, F->atena[1], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.state, "jyohyo");
	CU_ASSERT_STRING_EQUAL(r.shojo_date, "2025-03-31");
	/* Tomorrow: 転出予定. */
	{
		static const int head[] = { 0 };

		req(1, head, "2025-04-02", 0);
		CU_ASSERT_EQUAL(tenshutsu_commit(&T.ctx, Q, R), 0);
		CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, F->atena[0], &r), 0);
		CU_ASSERT_STRING_EQUAL(r.state, "yotei");
	}
	wftest_close(&T);
}

/* The date job on day (as the clerk): 転出予定 whose day came become 除票. */
static void date_job_on(const char *day, int want_shojo)
{
	struct notice_job job;

	wftest_today(&T, day);
	CU_ASSERT_EQUAL(notice_date_job(&T.ctx, &job), 0);
	CU_ASSERT_EQUAL(job.shojo, want_shojo);
}

static void t_whole_household(void)
{
	static const int all[] = { 0, 1, 2 };
	struct db_household h;

	setup(3, 0);
	req(3, all, "2025-04-05", 0);
	CU_ASSERT_EQUAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(R->remaining, 0);
	CU_ASSERT_STRING_EQUAL(R->auto_head, "");
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM person WHERE state = 'yotei'"), 3);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM tenshutsu_cert_person"), 3);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM tenshutsu_cert"), 1);
	/* They live there until the day, so the 世帯 stays open (rv5 R5) … */
	CU_ASSERT_EQUAL_FATAL(db_household_get(T.db, F->setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.closed_on, "");
	date_job_on("2025-04-04", 0);
	CU_ASSERT_EQUAL_FATAL(db_household_get(T.db, F->setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.closed_on, "");
	/* … and closes when the last of them is a 除票. */
	date_job_on("2025-04-05", 3);
	CU_ASSERT_EQUAL_FATAL(db_household_get(T.db, F->setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.closed_on, "2025-04-05");
	CU_ASSERT_STRING_EQUAL(h.head_atena, F->atena[0]);
	wftest_close(&T);
}

static void t_head_leaves_one_remaining(void)
{
	static const int head[] = { 0 };
	struct db_resident r;
	struct db_household h;

	setup(2, 0);
	req(1, head, "2025-04-05", 0);
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_auto_head")), CHECK_INFO);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ALERT), 0);
	CU_ASSERT_EQUAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	/* 令25: the one who stays is 世帯主 by 職権, without a 世帯変更届 — on the
	 * planned date: until then the leaving 世帯主 still is one, alone. */
	CU_ASSERT_STRING_EQUAL(R->auto_head, F->atena[1]);
	CU_ASSERT_EQUAL(R->remaining, 1);
	CU_ASSERT_EQUAL_FATAL(db_household_get(T.db, F->setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.head_atena, F->atena[0]);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, F->atena[1], &r), 0);
	CU_ASSERT_EQUAL(r.rireki_no, 1);
	CU_ASSERT_STRING_EQUAL(r.zokugara, "妻");
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM resident_history h JOIN person p "
	                                   "ON p.atena_no = h.atena_no AND p.rireki_no = h.rireki_no "
	                                   "WHERE p.setai_no = '%s' AND h.zokugara = '世帯主'",
	                             F->setai_no), 1);
	date_job_on("2025-04-04", 0);                           /* the day before: nothing */
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, F->atena[1], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.zokugara, "妻");
	date_job_on("2025-04-05", 1);                           /* on the day */
	CU_ASSERT_EQUAL_FATAL(db_household_get(T.db, F->setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.head_atena, F->atena[1]);
	CU_ASSERT_STRING_EQUAL(h.closed_on, "");
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, F->atena[1], &r), 0);
	CU_ASSERT_EQUAL(r.rireki_no, 2);
	CU_ASSERT_STRING_EQUAL(r.zokugara, "世帯主");
	CU_ASSERT_STRING_EQUAL(r.head_name, "山田\u3000花子");
	CU_ASSERT_STRING_EQUAL(r.todoke_kind, "shokken");
	CU_ASSERT_STRING_EQUAL(r.state, "current");
	CU_ASSERT_STRING_EQUAL(r.idou_jiyu, "setainushi_henko");
	CU_ASSERT_STRING_EQUAL(r.idou_date, "2025-04-05");
	CU_ASSERT_STRING_EQUAL(r.uketsuke_no, R->uketsuke_no);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM setai_pending"), 0);
	wftest_close(&T);

	/* Effective today: at once. */
	setup(2, 0);
	req(1, head, TODAY, 0);
	CU_ASSERT_EQUAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL_FATAL(db_household_get(T.db, F->setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.head_atena, F->atena[1]);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, F->atena[1], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.zokugara, "世帯主");
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM setai_pending"), 0);
	wftest_close(&T);
}

/*
 * A member already 転出予定 on a later day than the 世帯主 is still in the
 * household when he leaves (令25 counts who remains then): with the child
 * that makes two, so a new 世帯主 is required; leaving on or before his day,
 * she does not count. Only such members left: the 世帯 ends with the last.
 */
static void t_head_leaves_before_planned_member(void)
{
	static const int head[] = { 0 }, wife[] = { 1 };
	struct db_household h;
	struct db_resident r;

	setup(3, 0);
	req(1, wife, "2025-04-20", 0);
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL_FATAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	req(1, head, "2025-04-05", 0);
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(R->remaining, 2);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_new_head_required")), CHECK_ERROR);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_auto_head")), 0);
	req(1, head, "2025-04-20", 0);                         /* the same day: she goes too */
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(R->remaining, 1);
	CU_ASSERT_STRING_EQUAL(R->auto_head, F->atena[2]);
	wftest_close(&T);

	setup(2, 0);
	req(1, wife, "2025-04-20", 0);
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL_FATAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	req(1, head, "2025-04-05", 0);
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_STRING_EQUAL(R->auto_head, F->atena[1]);
	CU_ASSERT_EQUAL_FATAL(db_household_get(T.db, F->setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.closed_on, "");
	CU_ASSERT_STRING_EQUAL(h.head_atena, F->atena[0]);     /* until his day */
	date_job_on("2025-04-05", 1);
	CU_ASSERT_EQUAL_FATAL(db_household_get(T.db, F->setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.head_atena, F->atena[1]);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, F->atena[1], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.zokugara, "世帯主");
	CU_ASSERT_STRING_EQUAL(r.state, "yotei");
	CU_ASSERT_STRING_EQUAL(r.dest_planned_date, "2025-04-20");
	date_job_on("2025-04-20", 1);                          /* she is the last: the 世帯 ends */
	CU_ASSERT_EQUAL_FATAL(db_household_get(T.db, F->setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.closed_on, "2025-04-20");
	CU_ASSERT_STRING_EQUAL(h.head_atena, F->atena[1]);
	wftest_close(&T);
}

static void t_head_leaves_two_remaining(void)
{
	static const int head[] = { 0 }, wife[] = { 1 };
	struct db_resident r;
	struct db_household h;

	setup(3, 0);
	req(1, head, "2025-04-05", 0);
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_new_head_required")), CHECK_ERROR);
	refused_unchanged(MG_ERULE);
	/* A new head, but no new 続柄 for the child (標準仕様 4.1.4.2). */
	strcpy(Q->new_head, F->atena[1]);
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_new_zokugara_required")), CHECK_ERROR);
	strcpy(Q->new_zokugara_atena[0], F->atena[2]);
	strcpy(Q->new_zokugara[0], "孫");                       /* not allowed */
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_new_zokugara_required")), CHECK_ERROR);
	/* The leaving head cannot be the new one. */
	strcpy(Q->new_head, F->atena[0]);
	strcpy(Q->new_zokugara[0], "子");
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_new_head_not_member")), CHECK_ERROR);
	strcpy(Q->new_head, F->atena[1]);
	CU_ASSERT_EQUAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(R->remaining, 2);
	/* The change the 届出 names waits for the planned date. */
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM setai_pending"), 2);
	CU_ASSERT_EQUAL_FATAL(db_household_get(T.db, F->setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.head_atena, F->atena[0]);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, F->atena[2], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.head_name, "山田　太郎");
	date_job_on("2025-04-05", 1);
	CU_ASSERT_EQUAL_FATAL(db_household_get(T.db, F->setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.head_atena, F->atena[1]);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, F->atena[1], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.zokugara, "世帯主");
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, F->atena[2], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.zokugara, "子");
	CU_ASSERT_STRING_EQUAL(r.head_name, "山田\u3000花子");
	CU_ASSERT_STRING_EQUAL(r.todoke_kind, "todoke");
	/* A new head when the head stays is refused. */
	req(1, wife, "2025-04-05", 0);
	strcpy(Q->setai_no, F->setai_no);
	strcpy(Q->atena[0], F->atena[2]);
	strcpy(Q->new_head, F->atena[1]);
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_new_head_not_needed")), CHECK_ERROR);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	wftest_close(&T);
}

/* The current row of member i of the family. */
static struct db_resident *member(int i)
{
	static struct db_resident r;

	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, F->atena[i], &r), 0);
	return &r;
}

/* The 世帯主 the household row names now. */
static const char *household_head(void)
{
	static struct db_household h;

	CU_ASSERT_EQUAL_FATAL(db_household_get(T.db, F->setai_no, &h), 0);
	return h.head_atena;
}

/* Member i is 世帯主 by 職権 (令25) since day. */
static void head_ex_officio(int i, const char *day)
{
	struct db_resident *r = member(i);

	CU_ASSERT_STRING_EQUAL(r->zokugara, "世帯主");
	CU_ASSERT_STRING_EQUAL(r->head_name, r->name);
	CU_ASSERT_STRING_EQUAL(r->idou_jiyu, "setainushi_henko");
	CU_ASSERT_STRING_EQUAL(r->idou_date, day);
	CU_ASSERT_STRING_EQUAL(r->todoke_kind, "shokken");
	CU_ASSERT_STRING_EQUAL(household_head(), F->atena[i]);
}

/* The 世帯主 (member 0) leaves on day naming his wife (1) 世帯主 and the child (2) 子. */
static void head_leaves_naming_wife(const char *day)
{
	static const int head[] = { 0 };

	req(1, head, day, 0);
	strcpy(Q->new_head, F->atena[1]);
	strcpy(Q->new_zokugara_atena[0], F->atena[2]);
	strcpy(Q->new_zokugara[0], "子");
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL_FATAL(tenshutsu_commit(&T.ctx, Q, R), 0);
}

/*
 * rv19wf M1, L1: days the date job missed. He leaves on 04-05 naming her
 * 世帯主, the child leaves on 04-06; the job runs first on 04-07. The
 * change written to the child for 04-05 must not make the child's 除票
 * collide with a stale row: both become 除票 in one run, she is 世帯主,
 * and the child's 除票 keeps the 転出's 異動日, not the change's.
 */
static void t_date_job_missed_days(void)
{
	static const int child[] = { 2 };
	struct notice_job job;

	setup(3, 0);
	head_leaves_naming_wife("2025-04-05");
	req(1, child, "2025-04-06", 0);
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL_FATAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	wftest_today(&T, "2025-04-07");
	CU_ASSERT_EQUAL(notice_date_job(&T.ctx, &job), 0);
	CU_ASSERT_EQUAL(job.shojo, 2);
	CU_ASSERT_STRING_EQUAL(member(0)->state, "jyohyo");
	CU_ASSERT_STRING_EQUAL(member(2)->state, "jyohyo");
	CU_ASSERT_STRING_EQUAL(member(2)->shojo_date, "2025-04-06");
	CU_ASSERT_STRING_EQUAL(member(2)->idou_date, "2025-04-06");
	CU_ASSERT_STRING_EQUAL(member(1)->state, "current");
	CU_ASSERT_STRING_EQUAL(household_head(), F->atena[1]);
	/* the erase step ran too: its row is there */
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM audit WHERE action = 'batch' AND "
	                             "target = 'date-job' AND detail LIKE 'shojo=2 %%'"), 1);
	/* nothing is due the day after */
	date_job_on("2025-04-08", 0);
	wftest_close(&T);
}

/*
 * rv5 R1: the 世帯主 change a future-dated 転出 decided is settled again
 * on its day, against the 世帯 as it is then: never a 除票 as 世帯主, 令25
 * only for one who remains alone, and none (listed) when two or more remain
 * and no 届出 fits them.
 */
static void t_household_changes_before_the_day(void)
{
	static const int head[] = { 0 }, wife[] = { 1 };
	struct tennyu_req *tq = calloc(1, sizeof *tq);
	struct tennyu_result *tr = calloc(1, sizeof *tr);
	struct notice_job job;

	CU_ASSERT_PTR_NOT_NULL_FATAL(tq);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tr);
	/* 1. She leaves on 04-20; he names her 世帯主 from 04-05; the child then
	 *    stays alone when she goes, and is 世帯主 by 令25. */
	setup(3, 0);
	req(1, wife, "2025-04-20", 0);
	CU_ASSERT_EQUAL_FATAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	head_leaves_naming_wife("2025-04-05");
	date_job_on("2025-04-05", 1);
	CU_ASSERT_STRING_EQUAL(household_head(), F->atena[1]);
	date_job_on("2025-04-20", 1);
	CU_ASSERT_STRING_EQUAL(member(1)->state, "jyohyo");
	head_ex_officio(2, "2025-04-20");
	wftest_close(&T);

	/* 2. He names her 世帯主 from 04-20; she then files to leave on 04-10
	 *    (an alert says his change will not fit); on 04-20 the child alone
	 *    remains: 令25, not the stale change naming her. */
	setup(3, 0);
	req(1, head, "2025-04-20", 0);
	strcpy(Q->new_head, F->atena[1]);
	strcpy(Q->new_zokugara_atena[0], F->atena[2]);
	strcpy(Q->new_zokugara[0], "子");
	CU_ASSERT_EQUAL_FATAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	req(1, wife, "2025-04-10", 0);
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_mover_pending_head")), CHECK_ALERT);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL_FATAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	req(1, head, "2025-04-20", 0);                       /* nobody else is named */
	strcpy(Q->atena[0], F->atena[2]);
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_mover_pending_head")), 0);
	date_job_on("2025-04-10", 1);
	CU_ASSERT_STRING_EQUAL(household_head(), F->atena[0]);
	CU_ASSERT_STRING_EQUAL(member(2)->head_name, "山田　太郎");
	date_job_on("2025-04-20", 1);
	head_ex_officio(2, "2025-04-20");
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM setai_pending"), 0);
	wftest_close(&T);

	/* 3. He leaves on 04-20 and she alone would remain (令25 queued); their
	 *    son joins by 転入 on 04-10 (an alert says the head is leaving); on
	 *    04-20 two remain: no 世帯主, listed and logged, nobody's 続柄 moved. */
	setup(2, 0);
	req(1, head, "2025-04-20", 0);
	CU_ASSERT_EQUAL_FATAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_STRING_EQUAL(R->auto_head, F->atena[1]);
	wftest_today(&T, "2025-04-10");
	wftest_tennyu_req(tq, WFTEST_C_CODE, "2025-04-10");
	snprintf(tq->join_setai, sizeof tq->join_setai, "%s", F->setai_no);
	tq->n = 1;
	wftest_person(&tq->p[0], "山田　一郎", "ヤマダ　イチロウ", "2001-05-05", "1", "子", 901);
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, tq, tr), 0);
	CU_ASSERT_EQUAL(level_of(&tr->checks, MSG("chk_join_head_leaving")), CHECK_ALERT);
	CU_ASSERT(wftest_catalog_ok(&tr->checks));
	tq->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL_FATAL(tennyu_commit(&T.ctx, tq, tr), 0);
	wftest_today(&T, "2025-04-20");
	CU_ASSERT_EQUAL(notice_date_job(&T.ctx, &job), 0);
	CU_ASSERT_EQUAL(job.shojo, 1);
	CU_ASSERT_EQUAL(job.headless, 1);
	CU_ASSERT_STRING_EQUAL(job.setai[0], F->setai_no);
	CU_ASSERT_STRING_EQUAL(household_head(), "");
	CU_ASSERT_STRING_EQUAL(member(1)->zokugara, "妻");
	CU_ASSERT_STRING_NOT_EQUAL(member(1)->idou_jiyu, "setainushi_henko");
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM audit WHERE action = 'batch' AND "
	                             "target = '%s' AND detail = 'setai_headless'", F->setai_no), 1);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM setai_pending"), 0);
	/* 4. (rv19wf M3) the son leaves that day, at once: she alone remains in
	 *    the 世帯 without a 世帯主, and is its 世帯主 by 令25 from that day. */
	req(0, head, "2025-04-20", 0);
	Q->n = 1;
	strcpy(Q->atena[0], tr->atena[0]);
	CU_ASSERT_EQUAL_FATAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_STRING_EQUAL(household_head(), F->atena[1]);
	head_ex_officio(1, "2025-04-20");
	wftest_close(&T);
	free(tq);
	free(tr);
}

/*
 * rv5 R4: a 転出届 posted before a 職権 世帯主変更 took effect is lawful: the
 * 届出日 may not precede the day the mover took up the address, whatever
 * changed on the record since.
 */
static void t_todoke_before_head_change(void)
{
	static const int head[] = { 0 }, wife[] = { 1 };

	setup(2, 0);
	req(1, head, "2025-04-05", 0);
	CU_ASSERT_EQUAL_FATAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	date_job_on("2025-04-05", 1);
	head_ex_officio(1, "2025-04-05");
	wftest_today(&T, "2025-04-08");
	req(1, wife, "2025-04-20", 0);
	strcpy(Q->todoke_date, "2025-04-03");                /* posted before the change */
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_todoke_before_idou")), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_todoke_past")), CHECK_ALERT);
	strcpy(Q->todoke_date, "2025-03-01");                /* the day she moved in */
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_todoke_before_idou")), 0);
	strcpy(Q->todoke_date, "2025-02-28");                /* before it: never */
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_todoke_before_idou")), CHECK_ERROR);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	strcpy(Q->todoke_date, "2025-04-03");
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_STRING_EQUAL(member(1)->todoke_date, "2025-04-03");
	wftest_close(&T);
}

/* Check a 転出 filed on today for a move on moved (no planned date). */
static void late_case(const char *today, const char *moved, int tokurei)
{
	static const int child[] = { 2 };

	wftest_today(&T, today);
	req(1, child, "", tokurei);
	strcpy(Q->moved_date, moved);
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
}

static void t_late_shokken(void)
{
	struct db_resident r;
	long long n = 0;

	setup(3, 1);
	/* Moved 2025-03-10: last day 2025-03-24 (no holiday roll-over in 標準仕様 4.1.3.0.1). */
	late_case("2025-03-23", "2025-03-10", 0);
	CU_ASSERT_EQUAL(R->shokken, 0);
	late_case("2025-03-24", "2025-03-10", 0);
	CU_ASSERT_EQUAL(R->shokken, 0);
	CU_ASSERT_STRING_EQUAL(R->last_day, "2025-03-24");
	CU_ASSERT_EQUAL(R->checks.n, 0);
	late_case("2025-03-25", "2025-03-10", 0);
	CU_ASSERT_EQUAL(R->shokken, 1);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_tenshutsu_shokken")), CHECK_ALERT);
	/* 特例: possible up to the last day, refused after it. */
	late_case("2025-03-24", "2025-03-10", 1);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	late_case("2025-03-25", "2025-03-10", 1);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_tokurei_late_tenshutsu")), CHECK_ERROR);
	refused_unchanged(MG_ERULE);
	/* The late ordinary one: 職権, 準ずる証明書, 除票 on the move date. */
	late_case("2025-03-25", "2025-03-10", 0);
	refused_unchanged(MG_ERULE);                            /* alert not acknowledged */
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(R->shokken, 1);
	CU_ASSERT_STRING_EQUAL(R->cert_kind, "junzuru");
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM tenshutsu_cert WHERE kind = 'junzuru' "
	                "AND serial = %lld", R->cert_serial), 1);
	CU_ASSERT_EQUAL(db_cert_form_count(T.db, "tenshutsu_junzuru", &n), 0);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, F->atena[2], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.todoke_kind, "shokken");
	CU_ASSERT_STRING_EQUAL(r.state, "jyohyo");
	CU_ASSERT_STRING_EQUAL(r.shojo_date, "2025-03-10");
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM uketsuke WHERE uketsuke_no = '%s' AND "
	                "alerts = 'chk_tenshutsu_shokken'", R->uketsuke_no), 1);
	/* A move date in the future is an error (use the planned date). */
	late_case("2025-03-25", "2025-03-26", 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_moved_date_future")), CHECK_ERROR);
	late_case("2025-03-25", "2025-02-30", 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_moved_date_invalid")), CHECK_ERROR);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	/* rv19wf M2: not before 住所を定めた日 (2025-03-01): the day before, on, after */
	late_case("2025-03-25", "2025-02-28", 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_tenshutsu_before_jusho")), CHECK_ERROR);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	late_case("2025-03-25", "2025-03-01", 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_tenshutsu_before_jusho")), 0);
	late_case("2025-03-25", "2025-03-02", 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_tenshutsu_before_jusho")), 0);
	/* rv19wf M2 a: a move already made on 03-10 with a later 予定日 would keep
	 * the person a resident until then: an error unless the same day. */
	wftest_today(&T, "2025-03-25");
	req(1, (const int[]){ 2 }, "2025-05-01", 0);
	strcpy(Q->moved_date, "2025-03-10");
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_moved_planned_differ")), CHECK_ERROR);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	refused_unchanged(MG_ERULE);
	req(1, (const int[]){ 2 }, "2025-03-10", 0);
	strcpy(Q->moved_date, "2025-03-10");
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_moved_planned_differ")), 0);
	/* A move after the 届出日 (filed 03-20, entered on 03-25): the day before, on, after. */
	for (int k = 0; k < 3; k++) {
		static const char *const moved[3] = { "2025-03-19", "2025-03-20", "2025-03-21" };

		req(1, (const int[]){ 2 }, "", 0);
		strcpy(Q->todoke_date, "2025-03-20");
		strcpy(Q->moved_date, moved[k]);
		CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
		CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_moved_after_todoke")),
		                k == 2 ? CHECK_ERROR : 0);
	}
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	/* rv20 1: a 届出 made on 03-20 before the move planned for 03-22, keyed on
	 * 03-25: the 予定日 past is the moving date, after the 届出日, and fine
	 * (member 1: member 2 left above). */
	req(1, (const int[]){ 1 }, "2025-03-22", 0);
	strcpy(Q->todoke_date, "2025-03-20");
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_moved_after_todoke")), 0);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	wftest_close(&T);
}

/*
 * A planned date that is already 20 days past is the move date: the 届出 is
 * more than 14 days late (標準仕様 4.1.3.0.1), so it is 職権 — and a 特例転出
 * is refused (domain-rules §3.5). (Regression: the 14-day rule used to look
 * only at moved_date, so a past planned_date passed as a normal 届出.)
 */
static void t_past_planned_date_is_late(void)
{
	static const int child[] = { 2 };

	setup(3, 1);
	req(1, child, "2025-03-12", 1);                          /* TODAY − 20 */
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT(R->shokken == 1 || check_count(&R->checks, CHECK_ERROR) > 0);
	req(1, child, "2025-03-12", 0);
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(R->shokken, 1);
	wftest_close(&T);
}

static void t_tokurei_no_certificate(void)
{
	static const int all[] = { 0, 1, 2 };
	struct db_resident r;
	char buf[4096], kojin[13];
	struct csmsg m;

	setup(3, 1);
	req(3, all, "2025-04-10", 1);
	CU_ASSERT_EQUAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(R->cert_serial, 0);
	CU_ASSERT_STRING_EQUAL(R->cert_kind, "");
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM tenshutsu_cert"), 0);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM form_register"), 0);
	CU_ASSERT_EQUAL(wftest_audit(T.db, "cert_issue"), 0);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM uketsuke WHERE uketsuke_no = '%s' AND "
	                "workflow = 'tokurei_tenshutsu'", R->uketsuke_no), 1);
	/* One 転出証明書情報 per mover to the destination (法24の2③, 令24の3). */
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM outbox WHERE kind = 'tenshutsu_info' "
	                "AND to_code = '%s' AND uketsuke_no = '%s'", WFTEST_B_CODE, R->uketsuke_no), 3);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM outbox"), 6 + 3);
	for (int i = 0; i < 3; i++) {
		CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, F->atena[i], &r), 0);
		CU_ASSERT_EQUAL(r.tokurei, 1);
		CU_ASSERT_STRING_EQUAL(r.state, "yotei");
	}
	wftest_kojin(11, kojin);
	wftest_text(T.db, buf, sizeof buf, "SELECT payload FROM outbox WHERE kind = 'tenshutsu_info' "
	            "AND payload LIKE '%%kojin_bango=%s%%'", kojin);
	CU_ASSERT_EQUAL_FATAL(csmsg_parse(buf, strlen(buf), &m), 0);
	CU_ASSERT_STRING_EQUAL(csmsg_get(&m, "group_id"), R->uketsuke_no);
	CU_ASSERT_STRING_EQUAL(csmsg_get(&m, "is_head"), "1");
	CU_ASSERT_STRING_EQUAL(csmsg_get(&m, "planned_date"), "2025-04-10");
	CU_ASSERT_STRING_EQUAL(csmsg_get(&m, "card_holder"), "1");
	CU_ASSERT_STRING_EQUAL(csmsg_get(&m, "card_issued"), "2024-02-01");
	CU_ASSERT_STRING_EQUAL(csmsg_get(&m, "card_expiry"), "2034-05-10");
	CU_ASSERT_STRING_EQUAL(csmsg_get(&m, "name"), "山田\u3000太郎");
	CU_ASSERT_STRING_EQUAL(csmsg_get(&m, "birth"), "1980-05-10");
	CU_ASSERT_STRING_EQUAL(csmsg_get(&m, "zokugara"), "世帯主");
	CU_ASSERT_STRING_EQUAL(csmsg_get(&m, "from_name"), WFTEST_A_NAME);
	CU_ASSERT_STRING_EQUAL(csmsg_get(&m, "dest_address"), wftest_dest_address(WFTEST_B_CODE));
	csmsg_free(&m);
	wftest_close(&T);
}

/*
 * 令24の3 / 令23② 一: the 転出前の住所 in the 転出証明書情報 is the address the
 * person leaves — it becomes the 前住所 at the new municipality, so it must
 * name this municipality. (Regression: it used to be 町字 + 番地 only.)
 */
static void t_tokurei_info_full_address(void)
{
	static const int head[] = { 0, 1 };
	char buf[4096];
	struct csmsg m;

	setup(2, 1);
	req(2, head, "2025-04-10", 1);
	CU_ASSERT_EQUAL_FATAL(tenshutsu_commit(&T.ctx, Q, R), 0);
	wftest_text(T.db, buf, sizeof buf, "SELECT payload FROM outbox WHERE kind = 'tenshutsu_info' "
	            "ORDER BY msg_id LIMIT 1");
	CU_ASSERT_EQUAL_FATAL(csmsg_parse(buf, strlen(buf), &m), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(csmsg_get(&m, "prev_address"), "栄町一丁目1番1号"));
	CU_ASSERT_PTR_NOT_NULL(strstr(csmsg_get(&m, "prev_address"), WFTEST_A_NAME));
	csmsg_free(&m);
	wftest_close(&T);
}

/* Set a member's card expiry (a history row of its own, as a card renewal would be). */
static void set_card(int idx, const char *issued, const char *expiry)
{
	struct db_resident r;

	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, F->atena[idx], &r), 0);
	r.rireki_no++;
	snprintf(r.card_issued, sizeof r.card_issued, "%s", issued);
	snprintf(r.card_expiry, sizeof r.card_expiry, "%s", expiry);
	strcpy(r.idou_jiyu, "card");
	CU_ASSERT_EQUAL_FATAL(db_begin(T.db), 0);
	CU_ASSERT_EQUAL_FATAL(db_finish(T.db, db_resident_append(T.db, &r)), 0);
}

static void t_tokurei_card_rules(void)
{
	static const int head_child[] = { 0, 2 }, child[] = { 2 }, wife_child[] = { 1, 2 };

	setup(3, 1);
	set_card(2, "", "");                                     /* the child has no card */
	/* 法24の2②: a card-less member moves with the card-holding 世帯主. */
	req(2, head_child, "2025-04-10", 1);
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_tokurei_no_card")), 0);
	/* Alone, or with a card-holding member who is not the 世帯主: refused. */
	req(1, child, "2025-04-10", 1);
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_tokurei_no_card")), CHECK_ERROR);
	req(2, wife_child, "2025-04-10", 1);
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_tokurei_no_card")), CHECK_ERROR);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 1);   /* the child only */
	CU_ASSERT_EQUAL(R->checks.item[0].person, 1);
	/* The head's card expires today: still valid; yesterday: not. */
	set_card(0, "2015-04-01", TODAY);
	req(2, head_child, "2025-04-10", 1);
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	set_card(0, "2015-04-01", "2025-03-31");
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 2);   /* head and child */
	refused_unchanged(MG_ERULE);
	/* The same move as an ordinary 転出 is fine. */
	Q->tokurei = 0;
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	wftest_close(&T);
}

static void t_request_checks(void)
{
	static const int child[] = { 2 }, twice[] = { 2, 2 };
	struct tennyu_result *other = calloc(1, sizeof *other);

	setup(3, 0);
	CU_ASSERT_EQUAL_FATAL(wftest_settle(&T, 2, 1, 0, "2025-03-01", other), 0);
	req(1, child, "2025-04-10", 0);
	strcpy(Q->atena[0], other->atena[0]);
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_not_in_setai")), CHECK_ERROR);
	strcpy(Q->atena[0], "0000099990");
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_person_unknown")), CHECK_ERROR);
	req(2, twice, "2025-04-10", 0);
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_person_twice")), CHECK_ERROR);
	req(1, child, "2025-04-10", 0);
	strcpy(Q->dest_muni_code, WFTEST_A_CODE);
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_tenshutsu_same_muni")), CHECK_ERROR);
	strcpy(Q->dest_muni_code, "282140");
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_muni_code_invalid")), CHECK_ERROR);
	/* check digits right, but no 市区町村: 東京都 itself, prefecture 99 (rv19wf L2) */
	strcpy(Q->dest_muni_code, "130001");
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_muni_code_invalid")), CHECK_ERROR);
	strcpy(Q->dest_muni_code, "990001");
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_muni_code_invalid")), CHECK_ERROR);
	req(1, child, "2025-04-10", 0);
	Q->dest_address[0] = '\0';
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_dest_required")), CHECK_ERROR);
	req(1, child, "2025-04-31", 0);
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_planned_date_invalid")), CHECK_ERROR);
	req(1, child, "", 0);
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_planned_date_invalid")), CHECK_ERROR);
	req(1, child, "2025-04-10", 0);
	strcpy(Q->todoke_date, TODAY);                         /* today: nothing to confirm */
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(R->checks.n, 0);
	strcpy(Q->todoke_date, "2025-03-31");                  /* received yesterday: confirm */
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_todoke_past")), CHECK_ALERT);
	CU_ASSERT_EQUAL(R->checks.n, 1);
	/* not before the family's 転入 of 2025-03-01, the change on record */
	strcpy(Q->todoke_date, "2025-03-02");
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_todoke_before_idou")), 0);
	strcpy(Q->todoke_date, "2025-03-01");
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_todoke_before_idou")), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_todoke_past")), CHECK_ALERT);
	strcpy(Q->todoke_date, "2025-02-28");
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_todoke_before_idou")), CHECK_ERROR);
	refused_unchanged(MG_ERULE);
	strcpy(Q->todoke_date, "2025-03-32");
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_todoke_date_invalid")), CHECK_ERROR);
	strcpy(Q->todoke_date, "2025-04-02");                  /* tomorrow: never */
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_todoke_future")), CHECK_ERROR);
	refused_unchanged(MG_ERULE);
	req(1, child, "2025-04-10", 0);
	strcpy(Q->setai_no, "0000099990");
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_setai_unknown")), CHECK_ERROR);
	req(0, child, "2025-04-10", 0);
	CU_ASSERT_EQUAL(tenshutsu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_no_persons")), CHECK_ERROR);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	/* The system actor may not commit a 転出; nothing is logged. */
	req(1, child, "2025-04-10", 0);
	wftest_system(&T);
	refused_unchanged(MG_EPERM);
	wftest_clerk(&T);
	CU_ASSERT_EQUAL(wftest_audit(T.db, "commit"), 2);
	free(other);
	wftest_close(&T);
}

TESTUTIL_REGISTER(wf_tenshutsu)
{
	static const struct testutil_case cases[] = {
		{ "part of a household, future date: 転出予定 + 転出証明書", t_part_household_future },
		{ "planned date today or past: 除票 at once", t_planned_today_or_past_is_jyohyo },
		{ "whole household: closed on the planned date", t_whole_household },
		{ "世帯主 leaves, one remains: auto head (令25)", t_head_leaves_one_remaining },
		{ "世帯主 leaves, two remain: new head and 続柄", t_head_leaves_two_remaining },
		{ "世帯主 leaves before a 転出予定 member", t_head_leaves_before_planned_member },
		{ "date job after missed days: two 除票 in one run", t_date_job_missed_days },
		{ "世帯 changed before the 世帯主's day: settled then", t_household_changes_before_the_day },
		{ "届出日 before a 職権 世帯主変更 is lawful", t_todoke_before_head_change },
		{ "moved + 14 days: 職権, 準ずる証明書, 特例 refused", t_late_shokken },
		{ "a planned date 20 days past is a late filing", t_past_planned_date_is_late },
		{ "特例転出: no certificate, one 転出証明書情報 per mover", t_tokurei_no_certificate },
		{ "特例転出: 転出前の住所 names the municipality", t_tokurei_info_full_address },
		{ "特例転出: card-less members only with the card-holding head", t_tokurei_card_rules },
		{ "request checks and permission", t_request_checks },
		{ NULL, NULL }
	};

	testutil_suite("wf_tenshutsu", suite_init, suite_fini, cases);
}
