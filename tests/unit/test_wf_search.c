/*
 * test_wf_search.c — 住民検索 under the privacy assessments' policy
 * (ARCHITECTURE.md §5): two of 氏名 / 住所 / 生年月日, 性別 never counts, each
 * criterion specific enough, a capped result (MG_ETOOMANY with no rows),
 * approval raising the cap, kana folding (標準仕様 2.1.2), 除票 only on
 * request, and one operation-log row per search and per view.
 */
#include "tests/unit/testutil.h"
#include "tests/unit/wftest.h"
#include "app/audit.h"
#include "app/auth.h"
#include "app/search.h"
#include "app/session.h"
#include "db/db_resident.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TODAY "2025-04-20"

static struct wftest T;
static struct tennyu_result *F1, *F2;   /* 山田 (3 persons), 佐藤 (2 persons) */
static char jyohyo_atena[DB_ID_CAP];    /* 鈴木 太郎, moved out */

/* The registry of the suite: three families at 栄町一丁目, one of them moved out. */
static int suite_init(void)
{
	struct tennyu_result *f3 = calloc(1, sizeof *f3);
	struct tenshutsu_result *ts = calloc(1, sizeof *ts);
	int rc;

	F1 = calloc(1, sizeof *F1);
	F2 = calloc(1, sizeof *F2);
	if (!F1 || !F2 || !f3 || !ts)
		return 1;
	rc = wftest_open(&T, "search.db", WFTEST_B_CODE, WFTEST_B_NAME, TODAY);
	if (rc == 0)
		rc = wftest_settle(&T, 1, 3, 0, "2025-04-10", F1);
	if (rc == 0)
		rc = wftest_settle(&T, 2, 2, 0, "2025-04-10", F2);
	if (rc == 0)
		rc = wftest_settle(&T, 3, 1, 0, "2025-04-10", f3);
	if (rc == 0)
		rc = wftest_move_out(&T, f3->setai_no, 1, f3->atena, WFTEST_A_CODE, TODAY, 0, ts);
	if (rc == 0)
		strcpy(jyohyo_atena, f3->atena[0]);
	free(f3);
	free(ts);
	return rc ? 1 : 0;
}

/* Close and free. */
static int suite_fini(void)
{
	wftest_close(&T);
	free(F1);
	free(F2);
	return 0;
}

/* Run a search; returns its code, res filled (caller frees). */
static int run(const char *name, const char *address, const char *birth, const char *sex,
               struct search_result *res)
{
	struct search_req q;

	memset(&q, 0, sizeof q);
	snprintf(q.name, sizeof q.name, "%s", name);
	snprintf(q.address, sizeof q.address, "%s", address);
	snprintf(q.birth, sizeof q.birth, "%s", birth);
	snprintf(q.sex, sizeof q.sex, "%s", sex);
	return search_run(&T.ctx, &q, res);
}

static void t_policy_table(void)
{
	static const struct {
		const char *name, *address, *birth, *sex;
		int rc;
		const char *why;       /* the finding when refused */
		int rows;              /* rows when accepted */
	} cases[] = {
		/* two of name / address / birth */
		{ "山田", WFTEST_TOWN1_NAME, "", "", 0, NULL, 3 },
		{ "山田", "", "1980-05-10", "", 0, NULL, 1 },
		{ "", WFTEST_TOWN1, "1980-05-10", "", 0, NULL, 2 },   /* 山田 and 佐藤 太郎 */
		{ "ヤマダ", WFTEST_TOWN1, "S55.5.10", "", 0, NULL, 1 },
		{ "山田", WFTEST_TOWN1, "", "2", 0, NULL, 1 },
		/* a 町字 as documents write it: Arabic 丁目, spaces, the 番地, the city first */
		{ "山田", "栄町1丁目", "", "", 0, NULL, 3 },
		{ "山田", "栄町１丁目", "", "", 0, NULL, 3 },
		{ "山田", " 栄町一丁目\u3000", "", "", 0, NULL, 3 },
		{ "山田", "栄町一丁目1番1号", "", "", 0, NULL, 3 },
		{ "山田", "宝塚市栄町1丁目2-3", "", "", 0, NULL, 3 },
		/* sex never counts */
		{ "山田", "", "", "1", MG_ERULE, "chk_search_two_criteria", 0 },
		{ "", WFTEST_TOWN1, "", "2", MG_ERULE, "chk_search_two_criteria", 0 },
		{ "", "", "1980-05-10", "1", MG_ERULE, "chk_search_two_criteria", 0 },
		{ "", "", "", "", MG_ERULE, "chk_search_two_criteria", 0 },
		/* each criterion specific enough */
		{ "山", WFTEST_TOWN1, "", "", MG_ERULE, "chk_search_name_short", 0 },
		/* spaces and voice marks are not characters of a name */
		{ "山\u3000", WFTEST_TOWN1, "", "", MG_ERULE, "chk_search_name_short", 0 },
		{ " ヤ", "", "1980-05-10", "", MG_ERULE, "chk_search_name_short", 0 },
		{ "ヤ", "", "1980-05-10", "", MG_ERULE, "chk_search_name_short", 0 },
		{ "ｶﾞ", WFTEST_TOWN1, "", "", MG_ERULE, "chk_search_name_short", 0 },
		{ "カ゛", WFTEST_TOWN1, "", "", MG_ERULE, "chk_search_name_short", 0 },
		{ "カ\u3099 ", WFTEST_TOWN1, "", "", MG_ERULE, "chk_search_name_short", 0 },
		{ "山田", "宝塚市", "", "", MG_ERULE, "chk_search_address_vague", 0 },
		{ "山田", "栄町", "", "", MG_ERULE, "chk_search_address_vague", 0 },
		{ "山田", "栄町11丁目", "", "", MG_ERULE, "chk_search_address_vague", 0 },
		{ "山田", "宝塚市栄", "", "", MG_ERULE, "chk_search_address_vague", 0 },
		{ "山田", "", "1980-05-00", "", MG_ERULE, "chk_search_birth_invalid", 0 },
		{ "山田", "", "昭和55年5月不詳", "", MG_ERULE, "chk_search_birth_invalid", 0 },
		{ "山田", "", "1980", "", MG_ERULE, "chk_search_birth_invalid", 0 },
		{ "山田", WFTEST_TOWN1, "", "3", MG_ERULE, "chk_sex_invalid", 0 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct search_result res;
		long long before = wftest_audit(T.db, "search");
		int rc = run(cases[i].name, cases[i].address, cases[i].birth, cases[i].sex, &res);

		if (rc != cases[i].rc)
			fprintf(stderr, "search case %zu: rc %d, want %d\n", i, rc, cases[i].rc);
		CU_ASSERT_EQUAL(rc, cases[i].rc);
		if (cases[i].why) {
			CU_ASSERT(check_has(&res.checks, cases[i].why));
		} else {
			CU_ASSERT_EQUAL(res.n, cases[i].rows);
		}
		CU_ASSERT(wftest_catalog_ok(&res.checks));
		/* Every search — refused ones too — writes exactly one log row. */
		CU_ASSERT_EQUAL(wftest_audit(T.db, "search"), before + 1);
		search_free(&res);
	}
}

static void t_kana_folding(void)
{
	static const char *const forms[] = { "さとう", "ｻﾄｳ", "サトー", "サトウ", "さとう　たろう" };

	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		struct search_result res;

		CU_ASSERT_EQUAL(run(forms[i], WFTEST_TOWN1, "", "", &res), 0);
		CU_ASSERT(res.n >= 1);
		for (int k = 0; k < res.n; k++)
			CU_ASSERT_PTR_NOT_NULL(strstr(res.rows[k].name, "佐藤"));
		search_free(&res);
	}
	/* A name typed with a space, in the written form. */
	{
		struct search_result res;

		CU_ASSERT_EQUAL(run("佐藤 花子", "", "1982-07-21", "", &res), 0);
		CU_ASSERT_EQUAL(res.n, 1);
		if (res.n == 1)
			CU_ASSERT_STRING_EQUAL(res.rows[0].atena_no, F2->atena[1]);
		search_free(&res);
	}
}

/* Commit one person (numbers of family fam), 世帯主 of a new household at
 * 栄町一丁目, with the name, reading and birth date as typed. */
static int settle_one(int fam, const char *name, const char *kana, const char *birth)
{
	struct tennyu_req *q = calloc(1, sizeof *q);
	struct tennyu_result *r = calloc(1, sizeof *r);
	int rc = MG_ENOMEM;

	if (q && r) {
		wftest_tennyu_req(q, WFTEST_C_CODE, "2025-04-10");
		wftest_family(q, fam, 1, 0);
		snprintf(q->p[0].name, sizeof q->p[0].name, "%s", name);
		snprintf(q->p[0].name_kana, sizeof q->p[0].name_kana, "%s", kana);
		snprintf(q->p[0].birth, sizeof q->p[0].birth, "%s", birth);
		rc = wftest_tennyu_commit(&T, q, r);
	}
	free(q);
	free(r);
	return rc;
}

/*
 * A resident is found by what was stored, typed back: a name that goes on
 * beyond the BMP (𠮷), a name stored with a variation selector (葛󠄀城) or
 * a 旧字体 (髙橋) by its plain kanji, a 氏名 in katakana as written
 * whatever its recorded reading (ヴォルコフ, read ボルコフ), a reading that
 * folds to one kana (コウ), a reading with spacing ゛ and long-vowel or
 * hyphen variants, a birth date that is not on the calendar (2月29日 of
 * 1981).
 */
static void t_found_as_typed(void)
{
	static const struct {
		const char *name, *address, *birth;
		int rows;
	} cases[] = {
		{ "田中", "", "1970-01-02", 1 },                    /* 田中　𠮷男 */
		{ "田中", WFTEST_TOWN1, "", 2 },                     /* and 田中　はな */
		{ "ゴトウ　タ゛イコ゛", "", "1975-06-07", 1 },        /* the reading as stored */
		{ "こ゛とう", "", "1975-06-07", 1 },
		{ "ゴト〜", "", "1975-06-07", 1 },
		{ "ゴト－ダイゴ", "", "1975-06-07", 1 },
		{ "ｺﾞﾄ-", WFTEST_TOWN1, "", 1 },
		{ "モリ", "", "1981-02-29", 1 },
		{ "森　花", "", "昭和56年2月29日", 1 },
		{ "葛城", "", "1960-03-04", 1 },                    /* 葛󠄀城　一郎 (IVS) */
		{ "葛城　一郎", WFTEST_TOWN1, "", 1 },
		{ "田中 ハナ", "", "1990-07-08", 1 },              /* 田中　はな */
		{ "コウ", "", "1985-09-10", 1 },                    /* 洪　美: key コ, typed two */
		{ "高橋　真", "", "1992-11-12", 1 },                /* 髙橋　眞 */
		{ "髙橋", WFTEST_TOWN1, "", 1 },
		/* a 氏名 in katakana, its reading recorded otherwise: as written, as read */
		{ "ヴォルコフ", "", "1988-03-15", 1 },              /* ヴォルコフ　アンナ */
		{ "ヴォルコフ　アンナ", WFTEST_TOWN1, "", 1 },
		{ "ボルコフ", WFTEST_TOWN1, "", 1 },
		{ "マリア", WFTEST_TOWN1, "", 1 },                   /* both keys: one row */
		{ "マリア", "", "1979-12-01", 1 },
		{ "ウ゛ォルコフ", "", "1988-03-15", 1 },           /* a spacing ゛, as older forms write ヴ */
		{ "NGUYEN DUC", "", "1990-02-03", 1 },             /* NGUYỄN　ĐỨC */
	};

	CU_ASSERT_EQUAL_FATAL(settle_one(4, "田中　\U00020BB7男", "タナカ　ヨシオ", "1970-01-02"), 0);
	CU_ASSERT_EQUAL_FATAL(settle_one(5, "後藤　大吾", "ゴトウ　タ゛イコ゛", "1975-06-07"), 0);
	CU_ASSERT_EQUAL_FATAL(settle_one(6, "森　花", "モリ　ハナ", "1981-02-29"), 0);
	CU_ASSERT_EQUAL_FATAL(settle_one(7, "葛\U000E0100城　一郎", "カツラギ　イチロウ", "1960-03-04"), 0);
	CU_ASSERT_EQUAL_FATAL(settle_one(8, "田中　はな", "タナカ　ハナ", "1990-07-08"), 0);
	CU_ASSERT_EQUAL_FATAL(settle_one(9, "洪　美", "コウ　ミ", "1985-09-10"), 0);
	CU_ASSERT_EQUAL_FATAL(settle_one(10, "髙橋　眞", "タカハシ　マコト", "1992-11-12"), 0);
	CU_ASSERT_EQUAL_FATAL(settle_one(11, "ヴォルコフ　アンナ", "ボルコフ　アンナ", "1988-03-15"), 0);
	CU_ASSERT_EQUAL_FATAL(settle_one(12, "マリア　サントス", "マリア　サントス", "1979-12-01"), 0);
	CU_ASSERT_EQUAL_FATAL(settle_one(13, "NGUYỄN　ĐỨC", "グエン　ドゥック", "1990-02-03"), 0);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct search_result res;
		int rc = run(cases[i].name, cases[i].address, cases[i].birth, "", &res);

		if (rc != 0 || res.n != cases[i].rows)
			fprintf(stderr, "found-as-typed case %zu: rc %d, %d rows\n", i, rc, res.n);
		CU_ASSERT_EQUAL(rc, 0);
		CU_ASSERT_EQUAL(res.n, cases[i].rows);
		search_free(&res);
	}
	/* One kanji and its selector are one character: too short a name. */
	{
		struct search_result res;

		CU_ASSERT_EQUAL(run("葛\U000E0100", "", "1960-03-04", "", &res), MG_ERULE);
		CU_ASSERT(check_has(&res.checks, MSG("chk_search_name_short")));
		search_free(&res);
	}
	/* An unknown day (不詳) is still too vague to lead a search. */
	{
		struct search_result res;

		CU_ASSERT_EQUAL(run("モリ", "", "1981-02-00", "", &res), MG_ERULE);
		CU_ASSERT(check_has(&res.checks, MSG("chk_search_birth_invalid")));
		search_free(&res);
	}
}

/* The plan of the statement a query runs, its details joined by " | ". */
static void plan_of(const struct db_resident_query *q, char *plan, size_t cap)
{
	sqlite3_stmt *st = NULL;
	char sql[8192];

	snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", db_resident_search_sql(q));
	plan[0] = '\0';
	CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(T.db->h, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		snprintf(plan + strlen(plan), cap - strlen(plan), "%s | ",
		         (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
}

/* 1 when the plan holds what; else 0, and the plan on stderr. */
static int plan_has(const char *plan, const char *what)
{
	if (strstr(plan, what))
		return 1;
	fprintf(stderr, "plan without %s: %s\n", what, plan);
	return 0;
}

/* A birth date and a 町字 seek the birth date's entries, not the whole 町字. */
static void t_birth_and_address_use_the_birth_index(void)
{
	struct db_resident_query q;
	char plan[1024];

	memset(&q, 0, sizeof q);
	strcpy(q.birth, "1980-05-10");
	strcpy(q.addr_code, WFTEST_TOWN1);
	plan_of(&q, plan, sizeof plan);
	CU_ASSERT(plan_has(plan, "USING INDEX rh_birth (birth=?)"));
	CU_ASSERT_PTR_NULL(strstr(plan, "rh_addr"));
}

/*
 * A name typed in kana with a 町字 seeks both name keys' ranges, each in its
 * own index, and merges them: an OR in one WHERE would walk every entry of
 * the 町字.
 */
static void t_kana_and_address_seek_both_keys(void)
{
	struct db_resident_query q;
	char plan[1024];

	memset(&q, 0, sizeof q);
	strcpy(q.kana_prefix, "マリア");
	strcpy(q.name_prefix, "マリア");
	strcpy(q.addr_code, WFTEST_TOWN1);
	plan_of(&q, plan, sizeof plan);
	CU_ASSERT(plan_has(plan, "MERGE (UNION)"));
	CU_ASSERT(plan_has(plan, "rh_addr_kana (addr_code=? AND kana_key>? AND kana_key<?)"));
	CU_ASSERT(plan_has(plan, "rh_addr_name (addr_code=? AND name_key>? AND name_key<?)"));
}

static void t_jyohyo_only_on_request(void)
{
	struct search_req q;
	struct search_result res;

	CU_ASSERT_EQUAL(run("鈴木", WFTEST_TOWN1, "", "", &res), 0);
	CU_ASSERT_EQUAL(res.n, 0);
	search_free(&res);
	memset(&q, 0, sizeof q);
	strcpy(q.name, "スズキ");
	strcpy(q.birth, "1980-05-10");
	q.include_jyohyo = 1;
	CU_ASSERT_EQUAL(search_run(&T.ctx, &q, &res), 0);
	CU_ASSERT_EQUAL(res.n, 1);
	if (res.n == 1) {
		CU_ASSERT_STRING_EQUAL(res.rows[0].atena_no, jyohyo_atena);
		CU_ASSERT_STRING_EQUAL(res.rows[0].state, "jyohyo");
	}
	search_free(&res);
}

static void t_cap_and_approval(void)
{
	struct config cfg;
	struct search_req q;
	struct search_result res;
	char detail[256];

	config_defaults(&cfg);
	cfg.result_cap = 4;
	T.ctx.cfg = &cfg;
	/* 山田 ×3 at 栄町一丁目: under a cap of 4, on a cap of 3, over a cap of 2. */
	memset(&q, 0, sizeof q);
	strcpy(q.address, WFTEST_TOWN1);
	strcpy(q.name, "ヤマダ");
	CU_ASSERT_EQUAL(search_run(&T.ctx, &q, &res), 0);
	CU_ASSERT_EQUAL(res.n, 3);
	CU_ASSERT_EQUAL(res.cap, 4);
	search_free(&res);
	cfg.result_cap = 3;
	CU_ASSERT_EQUAL(search_run(&T.ctx, &q, &res), 0);
	CU_ASSERT_EQUAL(res.n, 3);
	search_free(&res);
	cfg.result_cap = 2;
	CU_ASSERT_EQUAL(search_run(&T.ctx, &q, &res), MG_ETOOMANY);
	CU_ASSERT_EQUAL(res.n, 0);
	CU_ASSERT_PTR_NULL(res.rows);
	search_free(&res);
	wftest_text(T.db, detail, sizeof detail, "SELECT detail FROM audit WHERE action = 'search' "
	            "ORDER BY seq DESC LIMIT 1");
	CU_ASSERT_PTR_NOT_NULL(strstr(detail, "result=too_many"));
	/* More than the cap needs an approval… */
	q.want = 10;
	CU_ASSERT_EQUAL(search_run(&T.ctx, &q, &res), MG_ERULE);
	CU_ASSERT(check_has(&res.checks, MSG("chk_search_needs_approval")));
	search_free(&res);
	/* …checked by search_run (session_approve): a wrong password is refused… */
	{
		const struct session *clerk = T.ctx.sess;

		T.ctx.sess = NULL;   /* the system actor adds the supervisor */
		cfg.scrypt_log2_n = 10;
		CU_ASSERT_EQUAL_FATAL(auth_operator_add(&T.ctx, "super1", "監督　花子",
		                                        SESSION_ROLE_SUPERVISOR, "correct horse 1"), 0);
		T.ctx.sess = clerk;
	}
	strcpy(q.approver, "super1");
	strcpy(q.approver_password, "wrong horse 22");
	CU_ASSERT_EQUAL(search_run(&T.ctx, &q, &res), MG_EAUTH);
	CU_ASSERT_EQUAL(res.n, 0);
	search_free(&res);
	/* …and the right one raises the cap, logged. */
	strcpy(q.approver_password, "correct horse 1");
	CU_ASSERT_EQUAL(search_run(&T.ctx, &q, &res), 0);
	CU_ASSERT_EQUAL(res.n, 3);
	CU_ASSERT_EQUAL(res.cap, 10);
	search_free(&res);
	wftest_text(T.db, detail, sizeof detail, "SELECT detail FROM audit WHERE action = 'search' "
	            "ORDER BY seq DESC LIMIT 1");
	CU_ASSERT_PTR_NOT_NULL(strstr(detail, "approved_by=super1"));
	CU_ASSERT_PTR_NOT_NULL(strstr(detail, "count=3"));
	/* The log holds the kinds of criteria, never their values. */
	CU_ASSERT_PTR_NULL(strstr(detail, "ヤマダ"));
	CU_ASSERT_PTR_NULL(strstr(detail, WFTEST_TOWN1));
	/* Within the cap nothing is approved, so no approver is named, whatever was sent. */
	cfg.result_cap = 4;
	q.want = 0;
	strcpy(q.approver_password, "wrong horse 22");
	CU_ASSERT_EQUAL(search_run(&T.ctx, &q, &res), 0);
	search_free(&res);
	wftest_text(T.db, detail, sizeof detail, "SELECT detail FROM audit WHERE action = 'search' "
	            "ORDER BY seq DESC LIMIT 1");
	CU_ASSERT_PTR_NOT_NULL(strstr(detail, "count=3"));
	CU_ASSERT_PTR_NULL(strstr(detail, "approved_by"));
	T.ctx.cfg = NULL;
}

static void t_log_names_the_results(void)
{
	struct search_result res;
	char detail[512];

	CU_ASSERT_EQUAL(run("山田", WFTEST_TOWN1_NAME, "", "", &res), 0);
	CU_ASSERT_EQUAL_FATAL(res.n, 3);
	wftest_text(T.db, detail, sizeof detail, "SELECT detail FROM audit WHERE action = 'search' "
	            "ORDER BY seq DESC LIMIT 1");
	/* audit.h: the 宛名番号s listed to the clerk, for the monthly review. */
	for (int i = 0; i < 3; i++)
		CU_ASSERT(audit_atena_in(detail, F1->atena[i]));
	CU_ASSERT(!audit_atena_in(detail, F2->atena[0]));
	CU_ASSERT_PTR_NOT_NULL(strstr(detail, "count=3"));
	CU_ASSERT_PTR_NULL(strstr(detail, "山田"));
	search_free(&res);
}

static void t_view_and_permission(void)
{
	struct db_resident r;
	struct search_result res;
	struct session adm;
	long long views = wftest_audit(T.db, "view");
	long long searches;

	CU_ASSERT_EQUAL(search_view(&T.ctx, F1->atena[0], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.name, "山田\u3000太郎");
	CU_ASSERT_EQUAL(wftest_audit(T.db, "view"), views + 1);
	CU_ASSERT_EQUAL(wftest_count(T.db, "SELECT count(*) FROM audit WHERE action = 'view' AND "
	                "target = '%s' AND operator = 'clerk1'", F1->atena[0]), 1);
	CU_ASSERT_EQUAL(search_view(&T.ctx, "0000099990", &r), MG_ENOTFOUND);
	/* The system actor and an administrator may not search or view. */
	searches = wftest_audit(T.db, "search");
	wftest_system(&T);
	CU_ASSERT_EQUAL(run("山田", WFTEST_TOWN1, "", "", &res), MG_EPERM);
	search_free(&res);
	CU_ASSERT_EQUAL(search_view(&T.ctx, F1->atena[0], &r), MG_EPERM);
	adm = T.clerk;
	adm.role = SESSION_ROLE_ADMIN;
	T.ctx.sess = &adm;
	CU_ASSERT_EQUAL(run("山田", WFTEST_TOWN1, "", "", &res), MG_EPERM);
	search_free(&res);
	wftest_clerk(&T);
	CU_ASSERT_EQUAL(wftest_audit(T.db, "search"), searches);
}

TESTUTIL_REGISTER(wf_search)
{
	static const struct testutil_case cases[] = {
		{ "policy table: two criteria, sex, specificity", t_policy_table },
		{ "kana folding: さとう / ｻﾄｳ / サトー find サトウ", t_kana_folding },
		{ "found as typed: 𠮷, spacing ゛, 〜 and -, 2月29日", t_found_as_typed },
		{ "birth + 町字 seeks by the birth date", t_birth_and_address_use_the_birth_index },
		{ "kana + 町字 seeks the reading and the written name", t_kana_and_address_seek_both_keys },
		{ "除票 only with include_jyohyo", t_jyohyo_only_on_request },
		{ "cap → MG_ETOOMANY with no rows; approval", t_cap_and_approval },
		{ "the log names the persons listed, not the criteria", t_log_names_the_results },
		{ "view is logged; permission", t_view_and_permission },
		{ NULL, NULL }
	};

	testutil_suite("wf_search", suite_init, suite_fini, cases);
}
