/*
 * test_wf_tennyu.c — 転入 with a 転出証明書 (法22, 令23; 標準仕様 4.1.1):
 * matching against current residents and 除票 (4.1.1.2), households and
 * 続柄 (4.0.2, 1.1.11), the dates (4.0.3, 4.1.0.2) and the 14-day deadline
 * rolled past 休日 (法22①, 地方自治法4条の2④), the outbox and the log.
 */
#include "tests/unit/testutil.h"
#include "tests/unit/wftest.h"
#include "app/csmsg.h"
#include "app/ident.h"
#include "app/tennyu.h"
#include "db/db.h"
#include "db/db_household.h"
#include "db/db_registry.h"
#include "db/db_resident.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TODAY "2025-04-20"

static struct wftest T;
static struct tennyu_req *Q;
static struct tennyu_result *R;

/* A fresh registry of 宝塚市 for one test, and zeroed request/result. */
static void setup(const char *today)
{
	CU_ASSERT_EQUAL_FATAL(wftest_open(&T, "tennyu.db", WFTEST_B_CODE, WFTEST_B_NAME, today), 0);
	memset(Q, 0, sizeof *Q);
	memset(R, 0, sizeof *R);
}

/* Allocate the big request/result once for the suite. */
static int suite_init(void)
{
	Q = calloc(1, sizeof *Q);
	R = calloc(1, sizeof *R);
	return Q && R ? 0 : 1;
}

/* Free them. */
static int suite_fini(void)
{
	free(Q);
	free(R);
	wftest_close(&T);
	return 0;
}

/* Find a finding by id; its level, or 0 when absent. */
static int level_of(const struct check_list *l, const char *msgid)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->item[i].msgid, msgid) == 0)
			return (int)l->item[i].level;
	return 0;
}

/* Parse an outbox payload and compare one key. */
static int payload_has(const char *payload, const char *key, const char *want)
{
	struct csmsg m;
	int ok;

	ok = csmsg_parse(payload, strlen(payload), &m) == 0 && csmsg_get(&m, key) &&
	     strcmp(csmsg_get(&m, key), want) == 0;
	csmsg_free(&m);
	return ok;
}

static void t_commit_new_household(void)
{
	struct db_resident r;
	struct db_household h;
	struct db_uketsuke u;
	char kojin[13], jcode[12], buf[4096];

	setup(TODAY);
	wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
	wftest_family(Q, 1, 3, 0);
	CU_ASSERT_EQUAL(tennyu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(R->checks.n, 0);
	CU_ASSERT_STRING_EQUAL(R->uketsuke_no, "20250420-0001");
	/* 宛名番号 and 世帯番号 carry their mod-11 check digit (標準仕様 1.1.13). */
	CU_ASSERT(ident_serial_valid(R->setai_no));
	for (int i = 0; i < 3; i++)
		CU_ASSERT(ident_serial_valid(R->atena[i]));
	CU_ASSERT_STRING_NOT_EQUAL(R->atena[0], R->atena[1]);
	CU_ASSERT_EQUAL_FATAL(db_household_get(T.db, R->setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.head_atena, R->atena[0]);
	CU_ASSERT_STRING_EQUAL(h.addr_code, WFTEST_TOWN1);
	CU_ASSERT_STRING_EQUAL(h.closed_on, "");
	for (int i = 0; i < 3; i++) {
		CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, R->atena[i], &r), 0);
		CU_ASSERT_EQUAL(r.rireki_no, 1);
		CU_ASSERT_STRING_EQUAL(r.state, "current");
		CU_ASSERT_STRING_EQUAL(r.setai_no, R->setai_no);
		CU_ASSERT_STRING_EQUAL(r.head_name, "山田\u3000太郎");
		CU_ASSERT_STRING_EQUAL(r.addr_text, "兵庫県宝塚市栄町一丁目1番1号");
		CU_ASSERT_STRING_EQUAL(r.postal_code, "6650845");
		CU_ASSERT_STRING_EQUAL(r.jumin_date, "2025-04-18");
		CU_ASSERT_STRING_EQUAL(r.jusho_date, "2025-04-18");
		CU_ASSERT_STRING_EQUAL(r.idou_date, "2025-04-18");
		CU_ASSERT_STRING_EQUAL(r.todoke_date, TODAY);
		CU_ASSERT_STRING_EQUAL(r.shori_date, TODAY);
		CU_ASSERT_STRING_EQUAL(r.idou_jiyu, "tennyu");
		CU_ASSERT_STRING_EQUAL(r.todoke_kind, "todoke");
		CU_ASSERT_STRING_EQUAL(r.prev_muni_code, WFTEST_C_CODE);
		CU_ASSERT_STRING_EQUAL(r.uketsuke_no, R->uketsuke_no);
		wftest_kojin(10 + i + 1, kojin);
		wftest_jcode(10 + i + 1, jcode);
		CU_ASSERT_STRING_EQUAL(r.kojin_bango, kojin);
		CU_ASSERT_STRING_EQUAL(r.juminhyo_code, jcode);
		CU_ASSERT_STRING_NOT_EQUAL(r.kana_key, "");
		CU_ASSERT_STRING_NOT_EQUAL(r.name_key, "");
	}
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, R->atena[1], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.zokugara, "妻");
	/* One 転入通知 to the former municipality per person (法9①) and one
	 * 本人確認情報更新 per person to the CS (法30の6). */
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM outbox WHERE kind = 'tennyu_notice' "
	                "AND to_code = '%s' AND uketsuke_no = '%s'", WFTEST_C_CODE, R->uketsuke_no), 3);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM outbox WHERE kind = 'honnin_update' "
	                "AND to_code = 'CS'"), 3);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM outbox"), 6);
	/* each keyed by the serial of its id, drawn from the "msg" counter */
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM outbox WHERE msg_id = "
	                "(SELECT code FROM municipality) || printf('-%%09d', seq)"), 6);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT max(seq) FROM outbox"),
	                wftest_count(T.db, "SELECT value FROM counter WHERE name = 'msg'"));
	wftest_jcode(11, jcode);
	wftest_text(T.db, buf, sizeof buf, "SELECT payload FROM outbox WHERE kind = 'tennyu_notice' "
	            "AND payload LIKE '%%%s%%'", jcode);
	CU_ASSERT(payload_has(buf, "tennyu_date", "2025-04-18"));
	CU_ASSERT(payload_has(buf, "notice_date", TODAY));
	CU_ASSERT(payload_has(buf, "name", "山田\u3000太郎"));
	CU_ASSERT(payload_has(buf, "birth", "1980-05-10"));
	wftest_text(T.db, buf, sizeof buf, "SELECT payload FROM outbox WHERE kind = 'honnin_update' "
	            "AND payload LIKE '%%%s%%'", jcode);
	CU_ASSERT(payload_has(buf, "event", "kisai"));
	CU_ASSERT(payload_has(buf, "jiyu", "tennyu"));
	CU_ASSERT(payload_has(buf, "event_date", "2025-04-18"));
	CU_ASSERT(payload_has(buf, "muni_code", WFTEST_B_CODE));
	/* The 受付 and exactly one operation-log row naming the three persons. */
	CU_ASSERT_EQUAL_FATAL(db_registry_uketsuke(T.db, R->uketsuke_no, &u), 0);
	CU_ASSERT_STRING_EQUAL(u.workflow, "tennyu");
	CU_ASSERT_STRING_EQUAL(u.operator_id, "clerk1");
	CU_ASSERT_STRING_EQUAL(u.terminal, "T01");
	CU_ASSERT_STRING_EQUAL(u.alerts, "");
	CU_ASSERT_EQUAL(wftest_audit(T.db, "commit"), 1);
	wftest_text(T.db, buf, sizeof buf, "SELECT target FROM audit WHERE action = 'commit'");
	CU_ASSERT_STRING_EQUAL(buf, R->uketsuke_no);
	wftest_text(T.db, buf, sizeof buf, "SELECT detail FROM audit WHERE action = 'commit'");
	{
		char want[256];

		/* the 届出日 (here today, left empty) is in the chained row */
		snprintf(want, sizeof want, "wf=tennyu atena=%s,%s,%s todoke=%s", R->atena[0],
		         R->atena[1], R->atena[2], TODAY);
		CU_ASSERT_STRING_EQUAL(buf, want);
	}
	wftest_text(T.db, buf, sizeof buf, "SELECT operator FROM audit WHERE action = 'commit'");
	CU_ASSERT_STRING_EQUAL(buf, "clerk1");
	/* A second 受付 of the day gets the next number. */
	wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
	wftest_family(Q, 2, 1, 0);
	CU_ASSERT_EQUAL(tennyu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_STRING_EQUAL(R->uketsuke_no, "20250420-0002");
	wftest_close(&T);
}

static void t_system_actor_refused(void)
{
	char *before, *after;

	setup(TODAY);
	wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
	wftest_family(Q, 1, 2, 0);
	before = wftest_snapshot(T.db, WFTEST_SNAP_ALL);
	wftest_system(&T);
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), MG_EPERM);
	CU_ASSERT_EQUAL(tennyu_commit(&T.ctx, Q, R), MG_EPERM);
	CU_ASSERT_STRING_EQUAL(R->uketsuke_no, "");
	after = wftest_snapshot(T.db, WFTEST_SNAP_ALL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	CU_ASSERT_PTR_NOT_NULL_FATAL(after);
	CU_ASSERT_STRING_EQUAL(before, after);
	CU_ASSERT_EQUAL(wftest_audit(T.db, "commit"), 0);
	free(before);
	free(after);
	wftest_close(&T);
}

/* Commit a refused request and check nothing at all was written. */
static void refused_unchanged(int want_rc)
{
	char *before = wftest_snapshot(T.db, WFTEST_SNAP_ALL), *after;

	CU_ASSERT_EQUAL(tennyu_commit(&T.ctx, Q, R), want_rc);
	CU_ASSERT_STRING_EQUAL(R->uketsuke_no, "");
	after = wftest_snapshot(T.db, WFTEST_SNAP_ALL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	CU_ASSERT_PTR_NOT_NULL_FATAL(after);
	CU_ASSERT_STRING_EQUAL(before, after);
	free(before);
	free(after);
}

static void t_already_resident_by_id(void)
{
	struct tennyu_result *first = calloc(1, sizeof *first);

	setup(TODAY);
	CU_ASSERT_EQUAL_FATAL(wftest_settle(&T, 1, 2, 0, "2025-04-10", first), 0);
	/* Same 個人番号, another name and 住民票コード: an error (標準仕様 4.0.1). */
	wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
	wftest_person(&Q->p[0], "別人\u3000一", "ベツジン\u3000ハジメ", "1999-01-01", "1",
	              "世帯主", 900);
	wftest_kojin(11, Q->p[0].kojin_bango);
	Q->n = 1;
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_already_resident")), CHECK_ERROR);
	CU_ASSERT_STRING_EQUAL(R->checks.item[R->checks.n - 1].args[0], first->atena[0]);
	refused_unchanged(MG_ERULE);
	/* Same 住民票コード only (no 個人番号 given). */
	wftest_person(&Q->p[0], "別人\u3000一", "ベツジン\u3000ハジメ", "1999-01-01", "1",
	              "世帯主", 901);
	Q->p[0].kojin_bango[0] = '\0';
	wftest_jcode(12, Q->p[0].juminhyo_code);
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_already_resident")), CHECK_ERROR);
	refused_unchanged(MG_ERULE);
	CU_ASSERT_EQUAL(wftest_audit(T.db, "commit"), 1);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	free(first);
	wftest_close(&T);
}

static void t_same_three_items_alert(void)
{
	struct tennyu_result *first = calloc(1, sizeof *first);

	setup(TODAY);
	CU_ASSERT_EQUAL_FATAL(wftest_settle(&T, 1, 1, 0, "2025-04-10", first), 0);
	/* Other ids, same 氏名 (typed with an ASCII space) + 生年月日 + 性別: an alert. */
	wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
	wftest_person(&Q->p[0], "山田 太郎", "ヤマダ タロウ", "1980-05-10", "1", "世帯主", 500);
	Q->n = 1;
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_maybe_resident")), CHECK_ALERT);
	CU_ASSERT_STRING_EQUAL(R->match_atena[0], first->atena[0]);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	refused_unchanged(MG_ERULE);             /* not acknowledged */
	/* A different sex is not a match. */
	strcpy(Q->p[0].sex, "2");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_maybe_resident")), 0);
	strcpy(Q->p[0].sex, "1");
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tennyu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_STRING_NOT_EQUAL(R->atena[0], first->atena[0]);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM uketsuke WHERE uketsuke_no = '%s' "
	                "AND alerts = 'chk_maybe_resident'", R->uketsuke_no), 1);
	free(first);
	wftest_close(&T);
}

/* Settle one person and move them out today: a 除票. OUT: atena. */
static void make_jyohyo(int fam, char *atena)
{
	struct tennyu_result *tr = calloc(1, sizeof *tr);
	struct tenshutsu_result *ts = calloc(1, sizeof *ts);
	struct db_resident r;

	CU_ASSERT_EQUAL_FATAL(wftest_settle(&T, fam, 1, 0, "2025-03-01", tr), 0);
	char today[DB_DATE_CAP];

	wftest_date(TODAY, (int)(T.ctx.today - wftest_day(TODAY)), today);
	CU_ASSERT_EQUAL_FATAL(wftest_move_out(&T, tr->setai_no, 1, tr->atena, WFTEST_A_CODE,
	                                      today, 0, ts), 0);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, tr->atena[0], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.state, "jyohyo");
	strcpy(atena, tr->atena[0]);
	free(tr);
	free(ts);
}

static void t_reentry_by_id_reuses_atena(void)
{
	char old[DB_ID_CAP];
	struct db_resident before, r;

	setup("2025-03-10");
	wftest_today(&T, "2025-03-10");
	make_jyohyo(3, old);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, old, &before), 0);
	wftest_today(&T, TODAY);
	wftest_tennyu_req(Q, WFTEST_A_CODE, "2025-04-18");
	wftest_family(Q, 3, 1, 0);
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_reentry")), CHECK_INFO);
	CU_ASSERT_EQUAL(R->reentry[0], 1);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ALERT), 0);
	CU_ASSERT_EQUAL(tennyu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_STRING_EQUAL(R->atena[0], old);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, old, &r), 0);
	CU_ASSERT_EQUAL(r.rireki_no, before.rireki_no + 1);
	CU_ASSERT_STRING_EQUAL(r.state, "current");
	CU_ASSERT_STRING_EQUAL(r.idou_jiyu, "tennyu");
	CU_ASSERT_STRING_EQUAL(r.shojo_date, "");
	CU_ASSERT_STRING_EQUAL(r.dest_planned_date, "");
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM person"), 1);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM resident_history WHERE atena_no = '%s'",
	                old), before.rireki_no + 1);
	wftest_close(&T);
}

/*
 * rv19wf H1, M4: a 再転入 matched by id must be the 除票's person (生年月日 and
 * 性別 the same: else an error; another 氏名 is an alert), and its 転入日 must
 * come after the 除票's 消除日 (2025-03-10 here), on the day before, on and after.
 */
static void t_reentry_by_id_same_person_after_shojo(void)
{
	char old[DB_ID_CAP];
	struct db_resident before;

	setup("2025-03-10");
	make_jyohyo(3, old);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, old, &before), 0);
	CU_ASSERT_STRING_EQUAL(before.shojo_date, "2025-03-10");
	wftest_today(&T, TODAY);
	wftest_tennyu_req(Q, WFTEST_A_CODE, "2025-04-18");
	wftest_family(Q, 3, 1, 0);
	/* the 除票's numbers typed for someone born on another day: a swapped number */
	strcpy(Q->p[0].birth, "1982-07-21");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_reentry_birth_differs")), CHECK_ERROR);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_reentry_sex_differs")), 0);
	Q->alerts_acknowledged = 1;
	refused_unchanged(MG_ERULE);
	strcpy(Q->p[0].birth, before.birth);
	strcpy(Q->p[0].sex, strcmp(before.sex, "1") == 0 ? "2" : "1");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_reentry_sex_differs")), CHECK_ERROR);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_reentry_birth_differs")), 0);
	refused_unchanged(MG_ERULE);
	strcpy(Q->p[0].sex, before.sex);
	/* the 転入日 on the 消除日: periods overlap; the day before too */
	strcpy(Q->tennyu_date, "2025-03-10");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_reentry_before_shojo")), CHECK_ERROR);
	refused_unchanged(MG_ERULE);
	strcpy(Q->tennyu_date, "2025-03-09");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_reentry_before_shojo")), CHECK_ERROR);
	/* the day after is fine */
	strcpy(Q->tennyu_date, "2025-03-11");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_reentry_before_shojo")), 0);
	/* a new 氏名 (marriage): an alert the clerk acknowledges, and the 再転入 goes on */
	strcpy(Q->tennyu_date, "2025-04-18");
	strcpy(Q->p[0].name, "佐藤　太郎");
	strcpy(Q->p[0].name_kana, "サトウ　タロウ");
	Q->alerts_acknowledged = 0;
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_reentry_name_differs")), CHECK_ALERT);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	refused_unchanged(MG_ERULE);             /* not acknowledged */
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tennyu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_STRING_EQUAL(R->atena[0], old);
	CU_ASSERT_EQUAL(R->reentry[0], 1);
	wftest_close(&T);
}

static void t_reentry_three_items_clerk_choice(void)
{
	char old[DB_ID_CAP];

	setup("2025-03-10");
	make_jyohyo(4, old);
	wftest_today(&T, TODAY);
	wftest_tennyu_req(Q, WFTEST_A_CODE, "2025-04-18");
	wftest_family(Q, 4, 1, 0);
	/* Other ids (a new 住民票コード), same 3 items: an alert, the clerk chooses. */
	wftest_kojin(777, Q->p[0].kojin_bango);
	wftest_jcode(777, Q->p[0].juminhyo_code);
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_maybe_reentry")), CHECK_ALERT);
	CU_ASSERT_STRING_EQUAL(R->match_atena[0], old);
	CU_ASSERT_EQUAL(R->reentry[0], 0);
	/* A wrong number to keep is an error. */
	strcpy(Q->p[0].reuse_atena, "0000099990");
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_reuse_mismatch")), CHECK_ERROR);
	refused_unchanged(MG_ERULE);
	/* Keeping the matched number: a 再転入 on the same 宛名番号, after its 消除日. */
	strcpy(Q->p[0].reuse_atena, old);
	strcpy(Q->tennyu_date, "2025-03-10");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_reentry_before_shojo")), CHECK_ERROR);
	strcpy(Q->tennyu_date, "2025-04-18");
	CU_ASSERT_EQUAL(tennyu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_STRING_EQUAL(R->atena[0], old);
	CU_ASSERT_EQUAL(R->reentry[0], 1);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM person"), 1);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT rireki_no FROM person WHERE atena_no = '%s'", old),
	                3);
	wftest_close(&T);
}

static void t_reentry_three_items_new_number(void)
{
	char old[DB_ID_CAP];

	setup("2025-03-10");
	make_jyohyo(5, old);
	wftest_today(&T, TODAY);
	wftest_tennyu_req(Q, WFTEST_A_CODE, "2025-04-18");
	wftest_family(Q, 5, 1, 0);
	wftest_kojin(778, Q->p[0].kojin_bango);
	wftest_jcode(778, Q->p[0].juminhyo_code);
	Q->alerts_acknowledged = 1;
	/* The clerk judged it another person: a new 宛名番号. */
	CU_ASSERT_EQUAL(tennyu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_STRING_NOT_EQUAL(R->atena[0], old);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM person"), 2);
	/* reuse_atena without any match is an error. */
	wftest_tennyu_req(Q, WFTEST_A_CODE, "2025-04-18");
	wftest_family(Q, 6, 1, 0);
	strcpy(Q->p[0].reuse_atena, old);
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_reuse_mismatch")), CHECK_ERROR);
	wftest_close(&T);
}

static void t_join_household(void)
{
	struct tennyu_result *fam = calloc(1, sizeof *fam);
	struct db_household h;
	struct db_resident r;

	setup(TODAY);
	CU_ASSERT_EQUAL_FATAL(wftest_settle(&T, 1, 2, 0, "2025-04-10", fam), 0);
	wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
	wftest_person(&Q->p[0], "山田\u3000良子", "ヤマダ\u3000ヨシコ", "1955-02-02", "2", "父の母", 600);
	wftest_person(&Q->p[1], "鈴木\u3000一", "スズキ\u3000ハジメ", "1990-09-09", "1", "子の夫", 601);
	Q->n = 2;
	strcpy(Q->join_setai, fam->setai_no);
	CU_ASSERT_EQUAL(tennyu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_STRING_EQUAL(R->setai_no, fam->setai_no);
	CU_ASSERT_EQUAL_FATAL(db_household_get(T.db, fam->setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.head_atena, fam->atena[0]);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM household"), 1);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, R->atena[0], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.setai_no, fam->setai_no);
	CU_ASSERT_STRING_EQUAL(r.zokugara, "父の母");
	CU_ASSERT_STRING_EQUAL(r.head_name, "山田\u3000太郎");
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM person WHERE setai_no = '%s'",
	                fam->setai_no), 4);
	free(fam);
	wftest_close(&T);
}

static void t_join_household_errors(void)
{
	struct tennyu_result *fam = calloc(1, sizeof *fam);

	setup(TODAY);
	CU_ASSERT_EQUAL_FATAL(wftest_settle(&T, 1, 2, 0, "2025-04-10", fam), 0);
	wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
	wftest_person(&Q->p[0], "山田\u3000次郎", "ヤマダ\u3000ジロウ", "1985-01-01", "1", "世帯主", 610);
	Q->n = 1;
	Q->alerts_acknowledged = 1;
	strcpy(Q->join_setai, fam->setai_no);
	/* Joining as 世帯主 is a 世帯主変更 (法25), not part of a 転入. */
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_join_with_head")), CHECK_ERROR);
	refused_unchanged(MG_ERULE);
	/* 続柄 not in the list of 標準仕様 1.1.11. */
	{
		static const char *const bad[] = { "孫", "祖父", "おじ", "甥", "準世帯主",
		                                   "子の子の子の子の子", "家事使用人", "" };

		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			strcpy(Q->p[0].zokugara, bad[i]);
			CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
			CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_zokugara_invalid")), CHECK_ERROR);
		}
	}
	strcpy(Q->p[0].zokugara, "兄");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	/* Another 町字 than the household's. */
	strcpy(Q->addr_code, WFTEST_TOWN2);
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_join_other_address")), CHECK_ERROR);
	strcpy(Q->addr_code, WFTEST_TOWN1);
	/* An unknown household. */
	strcpy(Q->join_setai, "0000099990");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_setai_unknown")), CHECK_ERROR);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	free(fam);
	wftest_close(&T);
}

/*
 * A household lives at one address (法6): joining it with another 番地 in
 * the same 町字 must be refused like another 町字. (Regression: tn_household
 * used to compare only the 町字 code.)
 */
static void t_join_household_other_banchi(void)
{
	struct tennyu_result *fam = calloc(1, sizeof *fam);
	struct db_resident head, r;

	setup(TODAY);
	CU_ASSERT_EQUAL_FATAL(wftest_settle(&T, 1, 1, 0, "2025-04-10", fam), 0);
	wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
	wftest_person(&Q->p[0], "山田\u3000次郎", "ヤマダ\u3000ジロウ", "1985-01-01", "1", "兄", 620);
	Q->n = 1;
	strcpy(Q->join_setai, fam->setai_no);
	strcpy(Q->banchi, "25番8号");           /* household: 1番1号 */
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_join_other_address")), CHECK_ERROR);
	if (tennyu_commit(&T.ctx, Q, R) == 0) {
		CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, fam->atena[0], &head), 0);
		CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, R->atena[0], &r), 0);
		/* Two members of one household at different addresses. */
		CU_ASSERT_STRING_EQUAL(r.addr_text, head.addr_text);
	}
	free(fam);
	wftest_close(&T);
}

static void t_new_household_heads(void)
{
	struct db_household h;

	setup(TODAY);
	wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
	wftest_family(Q, 1, 2, 0);
	strcpy(Q->p[1].zokugara, "世帯主");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_multiple_heads")), CHECK_ERROR);
	/* No 世帯主: allowed (標準仕様 1.1.10) after an acknowledged alert. */
	strcpy(Q->p[0].zokugara, "同居人");
	strcpy(Q->p[1].zokugara, "縁故者");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_no_head")), CHECK_ALERT);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	refused_unchanged(MG_ERULE);
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tennyu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL_FATAL(db_household_get(T.db, R->setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.head_atena, "");
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM household WHERE head_atena IS NULL"), 1);
	wftest_close(&T);
}

/* Run the checks of a one-person 転入 on tennyu with today; the level of chk_tennyu_late. */
static int late_level(const char *today, const char *tennyu)
{
	wftest_today(&T, today);
	wftest_tennyu_req(Q, WFTEST_C_CODE, tennyu);
	wftest_family(Q, 1, 1, 0);
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	return level_of(&R->checks, MSG("chk_tennyu_late"));
}

static void t_deadline_year_end(void)
{
	setup("2025-01-06");
	/* 2024-12-20 + 14 = 2025-01-03 (年末年始) → Sat 4, Sun 5 → Mon 2025-01-06. */
	CU_ASSERT_EQUAL(late_level("2025-01-03", "2024-12-20"), 0);
	CU_ASSERT_STRING_EQUAL(R->last_day, "2025-01-06");
	CU_ASSERT_EQUAL(late_level("2025-01-05", "2024-12-20"), 0);
	CU_ASSERT_EQUAL(late_level("2025-01-06", "2024-12-20"), 0);
	CU_ASSERT_EQUAL(late_level("2025-01-07", "2024-12-20"), CHECK_ALERT);
	CU_ASSERT_STRING_EQUAL(R->last_day, "2025-01-06");
	/* A late filing is accepted after acknowledgement and remembered on the 受付. */
	wftest_today(&T, "2025-01-07");
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tennyu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM uketsuke WHERE alerts = 'chk_tennyu_late'"),
	                1);
	wftest_close(&T);
}

static void t_deadline_showa_day(void)
{
	setup("2025-04-29");
	/* 2025-04-15 + 14 = Tue 2025-04-29 昭和の日 → Wed 2025-04-30. */
	CU_ASSERT_EQUAL(late_level("2025-04-29", "2025-04-15"), 0);
	CU_ASSERT_STRING_EQUAL(R->last_day, "2025-04-30");
	CU_ASSERT_EQUAL(late_level("2025-04-30", "2025-04-15"), 0);
	CU_ASSERT_EQUAL(late_level("2025-05-01", "2025-04-15"), CHECK_ALERT);
	/* An open day: 2025-06-02 + 14 = Mon 2025-06-16 itself. */
	CU_ASSERT_EQUAL(late_level("2025-06-15", "2025-06-02"), 0);
	CU_ASSERT_EQUAL(late_level("2025-06-16", "2025-06-02"), 0);
	CU_ASSERT_STRING_EQUAL(R->last_day, "2025-06-16");
	CU_ASSERT_EQUAL(late_level("2025-06-17", "2025-06-02"), CHECK_ALERT);
	/* The same day on the day of the move. */
	CU_ASSERT_EQUAL(late_level("2025-06-02", "2025-06-02"), 0);
	wftest_close(&T);
}

static void t_deadline_municipal_closing_day(void)
{
	setup("2025-06-16");
	/* A closing day of the municipality's ordinance, from the registry. */
	CU_ASSERT_EQUAL_FATAL(db_registry_add_closing_day(T.db, "2025-06-16", "庁舎停電"), 0);
	CU_ASSERT_EQUAL(late_level("2025-06-17", "2025-06-02"), 0);
	CU_ASSERT_STRING_EQUAL(R->last_day, "2025-06-17");
	CU_ASSERT_EQUAL(late_level("2025-06-18", "2025-06-02"), CHECK_ALERT);
	wftest_close(&T);
}

/*
 * The configuration says which days the office is closed (app/config.h):
 * with year_end_closed = 0 the 12/29–1/3 days are open, with
 * holidays_closed = 0 national holidays are. The deadline rolls only past
 * closed days. The holidays_closed part fails today: wf_load_cal never
 * reads it (struct holiday_cal in app/holiday.h has no switch for national
 * holidays), while config_is_office_time does.
 */
static void t_deadline_follows_configuration(void)
{
	setup("2025-01-06");
	T.cfg.year_end_closed = 0;
	T.ctx.cfg = &T.cfg;
	/* 2024-12-20 + 14 = Fri 2025-01-03, an open day now. */
	CU_ASSERT_EQUAL(late_level("2025-01-03", "2024-12-20"), 0);
	CU_ASSERT_STRING_EQUAL(R->last_day, "2025-01-03");
	CU_ASSERT_EQUAL(late_level("2025-01-06", "2024-12-20"), CHECK_ALERT);
	/* Extra closing days of the configuration count like the registry's. */
	T.cfg.year_end_closed = 1;
	T.cfg.closed_days[0] = wftest_day("2025-06-16");
	T.cfg.n_closed_days = 1;
	CU_ASSERT_EQUAL(late_level("2025-06-17", "2025-06-02"), 0);
	CU_ASSERT_STRING_EQUAL(R->last_day, "2025-06-17");
	T.cfg.n_closed_days = 0;
	/* Office open on national holidays: 2025-04-29 (昭和の日) is the last day. */
	T.cfg.holidays_closed = 0;
	CU_ASSERT_EQUAL(late_level("2025-04-30", "2025-04-15"), CHECK_ALERT);
	CU_ASSERT_STRING_EQUAL(R->last_day, "2025-04-29");
	T.ctx.cfg = NULL;
	wftest_close(&T);
}

static void t_dates(void)
{
	setup(TODAY);
	wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-21");       /* tomorrow */
	wftest_family(Q, 1, 1, 0);
	Q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_tennyu_after_todoke")), CHECK_ERROR);
	refused_unchanged(MG_ERULE);
	strcpy(Q->tennyu_date, TODAY);                          /* today: fine */
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(R->checks.n, 0);
	strcpy(Q->todoke_date, TODAY);                          /* explicit today: fine */
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(R->checks.n, 0);
	strcpy(Q->todoke_date, "2025-04-19");                   /* received yesterday: confirm */
	strcpy(Q->tennyu_date, "2025-04-18");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_todoke_past")), CHECK_ALERT);
	CU_ASSERT_EQUAL(R->checks.n, 1);
	Q->alerts_acknowledged = 0;                             /* not without confirming */
	refused_unchanged(MG_ERULE);
	Q->alerts_acknowledged = 1;
	strcpy(Q->tennyu_date, "2025-04-20");                   /* but not before the move */
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_tennyu_after_todoke")), CHECK_ERROR);
	strcpy(Q->todoke_date, "2025-04-21");                   /* tomorrow: never */
	strcpy(Q->tennyu_date, "2025-04-18");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_todoke_future")), CHECK_ERROR);
	Q->todoke_date[0] = '\0';
	strcpy(Q->tennyu_date, "2025-02-29");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_tennyu_date_invalid")), CHECK_ERROR);
	Q->tennyu_date[0] = '\0';
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_tennyu_date_invalid")), CHECK_ERROR);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	wftest_close(&T);
}

/*
 * A 氏名 that fits as typed but grows past its member once normalised
 * (each inner ASCII space becomes U+3000, 1 → 3 bytes) gets its own error,
 * not the "invalid characters" one: 252 and 255 bytes normalised are
 * stored, 258 is refused.
 */
static void t_name_grows_too_long(void)
{
	static const struct { int spaced, plain, ok; } cases[] = {
		{ 40, 2, 1 },   /* 6 + 40*6 + 2*3 = 252 */
		{ 40, 3, 1 },   /* 255: the last byte before the terminator */
		{ 41, 2, 0 },   /* 258 */
	};

	setup(TODAY);
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		char name[DB_NAME_CAP] = "山田";
		struct db_resident r;

		for (int i = 0; i < cases[c].spaced; i++)
			strcat(name, " 太");
		for (int i = 0; i < cases[c].plain; i++)
			strcat(name, "郎");
		wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
		wftest_family(Q, (int)c + 1, 1, 0);
		strcpy(Q->p[0].name, name);
		CU_ASSERT_TRUE(strlen(name) < sizeof Q->p[0].name);
		CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
		CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_text_too_long")),
		                cases[c].ok ? 0 : CHECK_ERROR);
		CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_name_invalid")), 0);
		if (!cases[c].ok) {
			refused_unchanged(MG_ERULE);
			continue;
		}
		CU_ASSERT_EQUAL_FATAL(tennyu_commit(&T.ctx, Q, R), 0);
		CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, R->atena[0], &r), 0);
		CU_ASSERT_EQUAL(strlen(r.name), (size_t)(6 + cases[c].spaced * 6 + cases[c].plain * 3));
	}
	wftest_close(&T);
}

static void t_person_items(void)
{
	struct db_resident r;

	setup(TODAY);
	wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
	wftest_family(Q, 1, 2, 0);
	/* A hiragana reading is stored in katakana; hyphens in ids are dropped. */
	{
		char k[13];

		wftest_kojin(11, k);
		snprintf(Q->p[0].kojin_bango, sizeof Q->p[0].kojin_bango, "%.4s-%.4s-%.4s", k, k + 4,
		         k + 8);
	}
	strcpy(Q->p[0].name_kana, "やまだ　たろう");
	CU_ASSERT_EQUAL(tennyu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, R->atena[0], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.name_kana, "ヤマダ\u3000タロウ");
	CU_ASSERT_STRING_EQUAL(r.prev_muni_code, WFTEST_C_CODE);
	wftest_close(&T);

	setup(TODAY);
	wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
	wftest_family(Q, 1, 2, 0);
	Q->p[0].kojin_bango[11] = Q->p[0].kojin_bango[11] == '9' ? '0' : (char)(Q->p[0].kojin_bango[11] + 1);
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_kojin_invalid")), CHECK_ERROR);
	wftest_family(Q, 1, 2, 0);
	Q->p[1].juminhyo_code[0] = '\0';
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_jcode_required")), CHECK_ERROR);
	strcpy(Q->p[1].juminhyo_code, "1234567890");            /* 10 digits */
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_jcode_invalid")), CHECK_ERROR);
	wftest_family(Q, 1, 2, 0);
	strcpy(Q->p[1].kojin_bango, Q->p[0].kojin_bango);
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_person_twice")), CHECK_ERROR);
	wftest_family(Q, 1, 2, 0);
	strcpy(Q->p[1].sex, "3");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_sex_invalid")), CHECK_ERROR);
	wftest_family(Q, 1, 2, 0);
	strcpy(Q->p[1].birth, "2025-04-21");                    /* after today */
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_birth_invalid")), CHECK_ERROR);
	strcpy(Q->p[1].birth, "1950-13-01");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_birth_invalid")), CHECK_ERROR);
	/* 標準仕様 1.1.8: unknown parts and non-calendar days are allowed for births. */
	strcpy(Q->p[1].birth, "1950-00-00");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	strcpy(Q->p[1].birth, "1951-02-29");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(check_count(&R->checks, CHECK_ERROR), 0);
	wftest_family(Q, 1, 2, 0);
	Q->p[1].name[0] = '\0';
	Q->p[1].name_kana[0] = '\0';
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_name_required")), CHECK_ERROR);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_kana_required")), CHECK_ERROR);
	wftest_family(Q, 1, 2, 0);
	strcpy(Q->p[1].name_kana, "Yamada");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_kana_invalid")), CHECK_ERROR);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	wftest_close(&T);
}

static void t_request_items(void)
{
	setup(TODAY);
	wftest_tennyu_req(Q, WFTEST_B_CODE, "2025-04-18");      /* from this municipality */
	wftest_family(Q, 1, 1, 0);
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_tennyu_same_muni")), CHECK_ERROR);
	strcpy(Q->prev_muni_code, "282145");                    /* bad check digit */
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_muni_code_invalid")), CHECK_ERROR);
	strcpy(Q->prev_muni_code, "000001");                    /* no prefecture (rv19wf L2) */
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_muni_code_invalid")), CHECK_ERROR);
	strcpy(Q->prev_muni_code, WFTEST_C_CODE);
	Q->prev_address[0] = '\0';
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_prev_address_required")), CHECK_ERROR);
	wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
	wftest_family(Q, 1, 1, 0);
	strcpy(Q->addr_code, "999999");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_addr_unknown")), CHECK_ERROR);
	refused_unchanged(MG_ERULE);
	Q->n = 0;
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_no_persons")), CHECK_ERROR);
	Q->n = WF_MAX_PERSONS + 1;
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_no_persons")), CHECK_ERROR);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	wftest_close(&T);
}

/* rv-input 1, 令23② 四: the 基礎年金番号 is 10 digits (4+6) in any width, the
 * 国民年金 種別 is stored short; neither is ever cut on the way to the registry. */
static void t_nenkin_items(void)
{
	static const struct { const char *in, *want; } kinds[] = {
		{ "第1号被保険者", "第1号" }, { "第１号", "第1号" }, { "3", "第3号" },
		{ "第三号被保険者", "第3号" }, { "２号", "第2号" }, { "第 1 号", "第1号" },
		{ "任意加入被保険者", "任意加入" }, { "任意加入", "任意加入" },
		{ "特例任意加入被保険者", "特例任意加入" },
	};
	static const struct { const char *in, *want; } kiso[] = {
		{ "1234-567890", "1234567890" }, { "１２３４－５６７８９０", "1234567890" },
		{ "1234 567890", "1234567890" }, { "1234567890", "1234567890" },
	};
	static const char *const bad_kiso[] = { "1234567890123456789", "123456789012345",
	                                        "12345", "12a4567890", "1234-56789" };
	static const char *const bad_kind[] = {
		"あいうえおかきくけこさしすせそたちつてとなにぬね",   /* 66 bytes */
	};
	struct db_resident r;

	setup(TODAY);
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
		wftest_family(Q, 1, 1, 0);
		strcpy(Q->p[0].nenkin_kind, kinds[i].in);
		check_init(&R->checks);
		tennyu_normalise(Q, &R->checks);
		CU_ASSERT_STRING_EQUAL(Q->p[0].nenkin_kind, kinds[i].want);
		CU_ASSERT_EQUAL(R->checks.n, 0);
		tennyu_normalise(Q, NULL);                       /* idempotent */
		CU_ASSERT_STRING_EQUAL(Q->p[0].nenkin_kind, kinds[i].want);
	}
	for (size_t i = 0; i < sizeof kiso / sizeof kiso[0]; i++) {
		wftest_family(Q, 1, 1, 0);
		strcpy(Q->p[0].kiso_nenkin_no, kiso[i].in);
		tennyu_normalise(Q, NULL);
		CU_ASSERT_STRING_EQUAL(Q->p[0].kiso_nenkin_no, kiso[i].want);
	}
	/* What the clerk typed is what the registry holds, whole. */
	wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
	wftest_family(Q, 1, 1, 0);
	strcpy(Q->p[0].nenkin_kind, "第1号被保険者");
	strcpy(Q->p[0].kiso_nenkin_no, "１２３４－５６７８９０");
	CU_ASSERT_EQUAL_FATAL(tennyu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(T.db, R->atena[0], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.nenkin_kind, "第1号");
	CU_ASSERT_STRING_EQUAL(r.kiso_nenkin_no, "1234567890");
	/* A wrong 基礎年金番号 is an error finding, nothing is written. */
	for (size_t i = 0; i < sizeof bad_kiso / sizeof bad_kiso[0]; i++) {
		wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
		wftest_family(Q, 2, 1, 0);
		Q->alerts_acknowledged = 1;
		strcpy(Q->p[0].kiso_nenkin_no, bad_kiso[i]);
		CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
		CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_kiso_nenkin_invalid")), CHECK_ERROR);
		CU_ASSERT_EQUAL(R->checks.item[R->checks.n - 1].person, 0);
		refused_unchanged(MG_ERULE);
	}
	/* A 種別 that does not fit the registry's column is refused, never cut. */
	for (size_t i = 0; i < sizeof bad_kind / sizeof bad_kind[0]; i++) {
		wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
		wftest_family(Q, 2, 1, 0);
		Q->alerts_acknowledged = 1;
		strcpy(Q->p[0].nenkin_kind, bad_kind[i]);
		CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
		CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_nenkin_kind_long")), CHECK_ERROR);
		refused_unchanged(MG_ERULE);
	}
	/* Broken UTF-8 (from any caller) is refused as text. */
	wftest_family(Q, 2, 1, 0);
	strcpy(Q->p[0].nenkin_kind, "\xe7\xac\xac\x31\xe5\x8f\xb7\xe8\xa2\xab\xe4\xbf\x9d\xe9\x99");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_text_invalid")), CHECK_ERROR);
	refused_unchanged(MG_ERULE);
	CU_ASSERT(wftest_catalog_ok(&R->checks));
	wftest_close(&T);
}

/* The search rows of the log naming atena through a tennyu_check. */
static long long check_rows(const char *atena)
{
	return wftest_count(T.db, "SELECT count(*) FROM audit WHERE action = 'search' AND "
	                    "detail LIKE 'criteria=tennyu_check %%atena=%%%s%%'", atena);
}

/* rv-privacy 4: a check that names an existing person (by 個人番号, 住民票コード
 * or 3 items) is a logged lookup — ids only; no match, no row; the re-check
 * of the commit does not log again. */
static void t_match_logged(void)
{
	struct tennyu_result *first = calloc(1, sizeof *first);
	char kojin[13], buf[512];

	setup(TODAY);
	CU_ASSERT_EQUAL_FATAL(wftest_settle(&T, 1, 2, 0, "2025-04-10", first), 0);
	CU_ASSERT_EQUAL(wftest_audit(T.db, "search"), 0);
	/* Nobody known: nothing to log. */
	wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
	wftest_person(&Q->p[0], "別人\u3000一", "ベツジン\u3000ハジメ", "1999-01-01", "1", "世帯主", 900);
	Q->n = 1;
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(wftest_audit(T.db, "search"), 0);
	/* The 個人番号 of a resident: one row naming the 宛名番号 shown. */
	wftest_kojin(11, kojin);
	strcpy(Q->p[0].kojin_bango, kojin);
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_already_resident")), CHECK_ERROR);
	CU_ASSERT_EQUAL(wftest_audit(T.db, "search"), 1);
	wftest_text(T.db, buf, sizeof buf, "SELECT operator || '|' || terminal || '|' || "
	            "ifnull(target, '') || '|' || detail FROM audit WHERE action = 'search'");
	{
		char want[256];

		snprintf(want, sizeof want, "clerk1|T01||criteria=tennyu_check match=id count=1 atena=%s",
		         first->atena[0]);
		CU_ASSERT_STRING_EQUAL(buf, want);
	}
	CU_ASSERT_PTR_NULL(strstr(buf, kojin));
	/* Refused at commit: the commit's re-check writes nothing at all. */
	Q->alerts_acknowledged = 1;
	refused_unchanged(MG_ERULE);
	/* The 住民票コード of the other member. */
	wftest_person(&Q->p[0], "別人\u3000一", "ベツジン\u3000ハジメ", "1999-01-01", "1", "世帯主", 901);
	Q->p[0].kojin_bango[0] = '\0';
	wftest_jcode(12, Q->p[0].juminhyo_code);
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(check_rows(first->atena[1]), 1);
	/* 3 items of a resident: a row too; the commit after it adds only its own. */
	wftest_person(&Q->p[0], "山田 太郎", "ヤマダ タロウ", "1980-05-10", "1", "世帯主", 500);
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_maybe_resident")), CHECK_ALERT);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM audit WHERE action = 'search' AND "
	                "detail = 'criteria=tennyu_check match=3items count=1 atena=%s'",
	                first->atena[0]), 1);
	CU_ASSERT_EQUAL(wftest_audit(T.db, "search"), 3);
	CU_ASSERT_EQUAL(tennyu_commit(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(wftest_audit(T.db, "search"), 3);
	CU_ASSERT_EQUAL(wftest_audit(T.db, "commit"), 2);
	/* Inside a transaction (a commit's re-check, as tokurei_commit runs it): no row. */
	wftest_person(&Q->p[0], "別人\u3000一", "ベツジン\u3000ハジメ", "1999-01-01", "1", "世帯主", 902);
	strcpy(Q->p[0].kojin_bango, kojin);
	CU_ASSERT_EQUAL_FATAL(db_begin(T.db), 0);
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(level_of(&R->checks, MSG("chk_already_resident")), CHECK_ERROR);
	db_rollback(T.db);
	CU_ASSERT_EQUAL(wftest_audit(T.db, "search"), 3);
	/* A 特例転入's check says which workflow looked. */
	strcpy(Q->workflow, "tokurei_tennyu");
	CU_ASSERT_EQUAL(tennyu_check(&T.ctx, Q, R), 0);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM audit WHERE action = 'search' AND "
	                "detail = 'criteria=tennyu_check match=id via=tokurei_tennyu count=1 atena=%s'",
	                first->atena[0]), 1);
	free(first);
	wftest_close(&T);
}

/* When the log row cannot be written, the check shows no 宛名番号 at all. */
static void t_match_log_fails_closed(void)
{
	struct tennyu_result *first = calloc(1, sizeof *first);
	long long rows;
	int done = 0;

	setup(TODAY);
	CU_ASSERT_EQUAL_FATAL(wftest_settle(&T, 1, 1, 0, "2025-04-10", first), 0);
	wftest_tennyu_req(Q, WFTEST_C_CODE, "2025-04-18");
	wftest_person(&Q->p[0], "別人\u3000一", "ベツジン\u3000ハジメ", "1999-01-01", "1", "世帯主", 900);
	wftest_kojin(11, Q->p[0].kojin_bango);
	Q->n = 1;
	for (long n = 1; n < 2000 && !done; n++) {
		int rc, named = 0;

		rows = wftest_audit(T.db, "search");
		testutil_fault_arm(n);
		rc = tennyu_check(&T.ctx, Q, R);
		done = !testutil_fault_fired();
		testutil_fault_arm(0);
		for (int i = 0; i < R->checks.n; i++)
			for (int a = 0; a < R->checks.item[i].nargs; a++)
				if (strcmp(R->checks.item[i].args[a], first->atena[0]) == 0)
					named = 1;
		if (named)
			CU_ASSERT_EQUAL(wftest_audit(T.db, "search"), rows + 1);
		if (rc != 0)
			CU_ASSERT_FALSE(named);
	}
	CU_ASSERT_TRUE(done);
	free(first);
	wftest_close(&T);
}

TESTUTIL_REGISTER(wf_tennyu)
{
	static const struct testutil_case cases[] = {
		{ "commit: new household, rows, outbox, 受付, log", t_commit_new_household },
		{ "system actor is refused, nothing written", t_system_actor_refused },
		{ "current resident by 個人番号 / 住民票コード: error", t_already_resident_by_id },
		{ "same 氏名+生年月日+性別 as a resident: alert", t_same_three_items_alert },
		{ "再転入 by id reuses the 宛名番号", t_reentry_by_id_reuses_atena },
		{ "再転入 by id: same 生年月日/性別, 転入日 after the 消除日",
		  t_reentry_by_id_same_person_after_shojo },
		{ "3-item 除票 match: alert, clerk keeps the number", t_reentry_three_items_clerk_choice },
		{ "3-item 除票 match: clerk gives a new number", t_reentry_three_items_new_number },
		{ "join an existing household", t_join_household },
		{ "join: head, 続柄, address, unknown household", t_join_household_errors },
		{ "join with another 番地 of the same 町字 is refused", t_join_household_other_banchi },
		{ "new household: one head, or none after an alert", t_new_household_heads },
		{ "deadline 2024-12-20 → 2025-01-06 (年末年始)", t_deadline_year_end },
		{ "deadline 2025-04-15 → 2025-04-30 (昭和の日), open day", t_deadline_showa_day },
		{ "deadline rolled past a municipal closing day", t_deadline_municipal_closing_day },
		{ "deadline follows the office calendar of the configuration", t_deadline_follows_configuration },
		{ "転入日 <= 届出日 = today", t_dates },
		{ "person items: ids, sex, birth, names", t_person_items },
		{ "a 氏名 grown too long by normalising", t_name_grows_too_long },
		{ "request items: former municipality, address, count", t_request_items },
		{ "国民年金 種別 and 基礎年金番号: normalised, checked, never cut", t_nenkin_items },
		{ "a check that names an existing person is logged once", t_match_logged },
		{ "no 宛名番号 shown when the log row cannot be written", t_match_log_fails_closed },
		{ NULL, NULL }
	};

	testutil_suite("wf_tennyu", suite_init, suite_fini, cases);
}
