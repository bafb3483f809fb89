/*
 * test_kiosk.c — kiosk applications (app/kiosk.c, db/db_kiosk.c): the card
 * and answer checks, creation by the kiosk role only (nothing written on a
 * refusal), the operation log with ids only, the counter's list / pick /
 * done with their state rules and expiry, the pre-filled workflow requests,
 * and two whole paths: a kiosk 転出 committed at the counter as a 特例転出,
 * and a kiosk 転入 committed as a 特例転入 after a real CS exchange.
 */
#include "tests/unit/testutil.h"
#include "tests/unit/wftest.h"
#include "tests/unit/scrtest.h"
#include "app/auth.h"
#include "app/kiosk.h"
#include "app/tenshutsu.h"
#include "app/tokurei.h"
#include "db/db_kiosk.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"
#include "screens/cells.h"
#include "screens/scr.h"
#include "screens/scr_kiosk.h"
#include "screens/ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TODAY "2025-06-02"

static struct wftest *T;
static struct wftest_pair *P;
static struct session kiosk_sess;

/* Allocate once. */
static int suite_init(void)
{
	T = calloc(1, sizeof *T);
	P = calloc(1, sizeof *P);
	return T && P ? 0 : 1;
}

/* Free. */
static int suite_fini(void)
{
	wftest_close(T);
	wftest_pair_close(P);
	free(T);
	free(P);
	return 0;
}

/* Act as the kiosk operator of t. */
static void as_kiosk(struct wftest *t)
{
	memset(&kiosk_sess, 0, sizeof kiosk_sess);
	strcpy(kiosk_sess.operator_id, "kiosk1");
	strcpy(kiosk_sess.display_name, "キオスク");
	kiosk_sess.role = SESSION_ROLE_KIOSK;
	strcpy(kiosk_sess.terminal, "KIOSK01");
	t->ctx.sess = &kiosk_sess;
}

/* A fresh registry (B, 宝塚市) on TODAY. */
static void fresh(const char *file)
{
	wftest_close(T);
	CU_ASSERT_EQUAL_FATAL(wftest_open(T, file, WFTEST_B_CODE, WFTEST_B_NAME, TODAY), 0);
	T->cfg.scrypt_log2_n = 10;
	T->ctx.cfg = &T->cfg;
}

/* A genuine card of someone not registered here, valid until 2030. */
static void card_of_visitor(struct tokurei_card *c)
{
	memset(c, 0, sizeof *c);
	strcpy(c->name, "高橋　一郎");
	strcpy(c->address, "三重県津市西丸之内２３番１号");
	strcpy(c->birth, "1980-05-06");
	strcpy(c->sex, "1");
	wftest_kojin(901, c->kojin_bango);
	strcpy(c->card_expiry, "2030-05-06");
	c->verdict = TOKUREI_GENUINE;
}

/* 転入 answers: today, 栄町一丁目 1番1号, n persons. */
static void tennyu_answers(struct kiosk_answers *a, int n)
{
	memset(a, 0, sizeof *a);
	a->kind = KIOSK_TENNYU;
	strcpy(a->move_date, TODAY);
	strcpy(a->addr_code, WFTEST_TOWN1);
	strcpy(a->banchi, "1番1号");
	a->n_members = n;
}

static void test_card_check(void)
{
	struct tokurei_card c;
	const char *m = "x";

	fresh("kiosk_card.db");
	card_of_visitor(&c);
	CU_ASSERT_EQUAL(kiosk_card_check(&T->ctx, &c, &m), 0);
	CU_ASSERT_PTR_NULL(m);
	c.verdict = TOKUREI_NOT_GENUINE;
	CU_ASSERT_EQUAL(kiosk_card_check(&T->ctx, &c, &m), MG_ERULE);
	CU_ASSERT_STRING_EQUAL(m, "kiosk_card_not_genuine");
	c.verdict = TOKUREI_UNCHECKED;
	CU_ASSERT_EQUAL(kiosk_card_check(&T->ctx, &c, &m), MG_ERULE);
	c.verdict = TOKUREI_UNKNOWN_CA;
	CU_ASSERT_EQUAL(kiosk_card_check(&T->ctx, &c, &m), MG_ERULE);
	CU_ASSERT_STRING_EQUAL(m, "kiosk_card_unknown_ca");
	/* expiry: the last valid day is the expiry day itself */
	card_of_visitor(&c);
	strcpy(c.card_expiry, TODAY);
	CU_ASSERT_EQUAL(kiosk_card_check(&T->ctx, &c, &m), 0);
	strcpy(c.card_expiry, "2025-06-01");
	CU_ASSERT_EQUAL(kiosk_card_check(&T->ctx, &c, &m), MG_ERULE);
	CU_ASSERT_STRING_EQUAL(m, "kiosk_card_expired");
	card_of_visitor(&c);
	c.kojin_bango[11] = c.kojin_bango[11] == '9' ? '0' : (char)(c.kojin_bango[11] + 1);
	CU_ASSERT_EQUAL(kiosk_card_check(&T->ctx, &c, &m), MG_ERULE);
	CU_ASSERT_STRING_EQUAL(m, "kiosk_card_bad_number");
	CU_ASSERT_TRUE(i18n_msg_has("kiosk_card_bad_number"));
	CU_ASSERT_EQUAL(kiosk_card_check(&T->ctx, NULL, &m), MG_EINVAL);
}

static void test_answers_check(void)
{
	struct tokurei_card c;
	struct kiosk_answers a;
	const char *m = NULL;

	fresh("kiosk_answers.db");
	as_kiosk(T);
	card_of_visitor(&c);
	tennyu_answers(&a, 2);
	CU_ASSERT_EQUAL(kiosk_answers_check(&T->ctx, &c, &a, &m), 0);
	CU_ASSERT_PTR_NULL(m);
	strcpy(a.move_date, "2025-06-03");           /* tomorrow: not yet moved in */
	CU_ASSERT_EQUAL(kiosk_answers_check(&T->ctx, &c, &a, &m), MG_EINVAL);
	CU_ASSERT_STRING_EQUAL(m, "kiosk_ans_tennyu_future");
	strcpy(a.move_date, "2025-02-30");
	CU_ASSERT_EQUAL(kiosk_answers_check(&T->ctx, &c, &a, &m), MG_EINVAL);
	CU_ASSERT_STRING_EQUAL(m, "kiosk_ans_date_bad");
	tennyu_answers(&a, 1);
	strcpy(a.addr_code, "999999");
	CU_ASSERT_EQUAL(kiosk_answers_check(&T->ctx, &c, &a, &m), MG_EINVAL);
	CU_ASSERT_STRING_EQUAL(m, "kiosk_ans_town_missing");
	tennyu_answers(&a, 1);
	a.banchi[0] = 0;
	CU_ASSERT_EQUAL(kiosk_answers_check(&T->ctx, &c, &a, &m), MG_EINVAL);
	CU_ASSERT_STRING_EQUAL(m, "kiosk_ans_banchi_missing");
	tennyu_answers(&a, 0);
	CU_ASSERT_EQUAL(kiosk_answers_check(&T->ctx, &c, &a, &m), MG_EINVAL);
	CU_ASSERT_STRING_EQUAL(m, "kiosk_ans_members_bad");
	tennyu_answers(&a, WF_MAX_PERSONS + 1);
	CU_ASSERT_EQUAL(kiosk_answers_check(&T->ctx, &c, &a, &m), MG_EINVAL);
	tennyu_answers(&a, WF_MAX_PERSONS);
	CU_ASSERT_EQUAL(kiosk_answers_check(&T->ctx, &c, &a, &m), 0);

	/* 転出: the card holder must live here */
	memset(&a, 0, sizeof a);
	a.kind = KIOSK_TENSHUTSU;
	strcpy(a.move_date, "2025-06-20");
	strcpy(a.dest_address, "三重県津市西丸之内２３番１号");
	CU_ASSERT_EQUAL(kiosk_answers_check(&T->ctx, &c, &a, &m), MG_EINVAL);
	CU_ASSERT_STRING_EQUAL(m, "kiosk_ans_not_resident");
	strcpy(a.dest_muni_code, "242013");          /* wrong check digit (津市 is 242012) */
	CU_ASSERT_EQUAL(kiosk_answers_check(&T->ctx, &c, &a, &m), MG_EINVAL);
	CU_ASSERT_STRING_EQUAL(m, "kiosk_ans_dest_code_bad");
	strcpy(a.dest_muni_code, WFTEST_B_CODE);     /* this municipality */
	CU_ASSERT_EQUAL(kiosk_answers_check(&T->ctx, &c, &a, &m), MG_EINVAL);
	CU_ASSERT_STRING_EQUAL(m, "kiosk_ans_dest_code_own");
	strcpy(a.dest_muni_code, "242012");
	a.dest_address[0] = 0;
	CU_ASSERT_EQUAL(kiosk_answers_check(&T->ctx, &c, &a, &m), MG_EINVAL);
	CU_ASSERT_STRING_EQUAL(m, "kiosk_ans_dest_missing");
	strcpy(a.dest_address, "三重県津市");
	strcpy(a.move_date, "2025-05-18");           /* today − 15 */
	CU_ASSERT_EQUAL(kiosk_answers_check(&T->ctx, &c, &a, &m), MG_EINVAL);
	CU_ASSERT_STRING_EQUAL(m, "kiosk_ans_planned_past");
	/* 住所確認 has no form */
	memset(&a, 0, sizeof a);
	a.kind = KIOSK_JUSHO;
	CU_ASSERT_EQUAL(kiosk_answers_check(&T->ctx, &c, &a, &m), 0);
	a.kind = (enum kiosk_kind)9;
	CU_ASSERT_EQUAL(kiosk_answers_check(&T->ctx, &c, &a, &m), MG_EINVAL);
	CU_ASSERT_STRING_EQUAL(m, "kiosk_ans_kind_bad");
	/* the system actor is neither kiosk nor counter */
	wftest_system(T);
	a.kind = KIOSK_JUSHO;
	CU_ASSERT_EQUAL(kiosk_answers_check(&T->ctx, &c, &a, &m), MG_EPERM);
}

static void test_create(void)
{
	struct tokurei_card c;
	struct kiosk_answers a;
	struct db_kiosk k;
	char no[KIOSK_NO_CAP], no2[KIOSK_NO_CAP], detail[256], kojin[13];
	char *before, *after;

	fresh("kiosk_create.db");
	card_of_visitor(&c);
	tennyu_answers(&a, 2);
	/* only the kiosk role creates */
	CU_ASSERT_EQUAL(kiosk_create(&T->ctx, &c, &a, no), MG_EPERM);
	CU_ASSERT_STRING_EQUAL(no, "");
	as_kiosk(T);
	before = wftest_snapshot(T->db, WFTEST_SNAP_ALL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	/* a refused card or bad answers write nothing (not even a number) */
	c.verdict = TOKUREI_NOT_GENUINE;
	CU_ASSERT_EQUAL(kiosk_create(&T->ctx, &c, &a, no), MG_ERULE);
	card_of_visitor(&c);
	a.banchi[0] = 0;
	CU_ASSERT_EQUAL(kiosk_create(&T->ctx, &c, &a, no), MG_EINVAL);
	after = wftest_snapshot(T->db, WFTEST_SNAP_ALL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(after);
	CU_ASSERT_STRING_EQUAL(before, after);
	free(before);
	free(after);

	tennyu_answers(&a, 2);
	CU_ASSERT_EQUAL_FATAL(kiosk_create(&T->ctx, &c, &a, no), 0);
	CU_ASSERT_STRING_EQUAL(no, "K-0001");
	CU_ASSERT_EQUAL_FATAL(db_kiosk_get(T->db, no, &k), 0);
	CU_ASSERT_STRING_EQUAL(k.kind, "tennyu");
	CU_ASSERT_STRING_EQUAL(k.state, "pending");
	CU_ASSERT_STRING_EQUAL(k.name, c.name);
	CU_ASSERT_STRING_EQUAL(k.kojin_bango, c.kojin_bango);
	CU_ASSERT_STRING_EQUAL(k.move_date, TODAY);
	CU_ASSERT_STRING_EQUAL(k.addr_code, WFTEST_TOWN1);
	CU_ASSERT_EQUAL(k.n_members, 2);
	CU_ASSERT_STRING_EQUAL(k.terminal, "KIOSK01");
	CU_ASSERT_STRING_EQUAL(k.created_on, TODAY);
	CU_ASSERT_STRING_EQUAL(k.expires_on, "2025-06-09");
	/* the log: ids only */
	CU_ASSERT_EQUAL(wftest_audit(T->db, "kiosk"), 1);
	wftest_text(T->db, detail, sizeof detail,
	            "SELECT operator || '|' || target || '|' || detail FROM audit "
	            "WHERE action = 'kiosk'");
	CU_ASSERT_STRING_EQUAL(detail, "kiosk1|K-0001|event=create kind=tennyu verdict=genuine");
	wftest_kojin(901, kojin);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE "
	                             "instr(coalesce(detail,'') || coalesce(target,''), '%s') > 0 "
	                             "OR instr(coalesce(detail,''), '高橋') > 0", kojin), 0);
	/* 住所確認 gets the next number */
	memset(&a, 0, sizeof a);
	a.kind = KIOSK_JUSHO;
	CU_ASSERT_EQUAL(kiosk_create(&T->ctx, &c, &a, no2), 0);
	CU_ASSERT_STRING_EQUAL(no2, "K-0002");
	CU_ASSERT_EQUAL(db_kiosk_get(T->db, no2, &k), 0);
	CU_ASSERT_STRING_EQUAL(k.kind, "jusho");
	CU_ASSERT_STRING_EQUAL(k.move_date, "");
	/* a use without an application */
	CU_ASSERT_EQUAL(kiosk_log_use(&T->ctx, "removed", TOKUREI_GENUINE), 0);
	CU_ASSERT_EQUAL(kiosk_log_use(&T->ctx, "idle", -1), 0);
	CU_ASSERT_EQUAL(kiosk_log_use(&T->ctx, "Bad token", -1), MG_EINVAL);
	CU_ASSERT_EQUAL(kiosk_log_use(&T->ctx, "", -1), MG_EINVAL);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE action = 'kiosk' "
	                             "AND detail IN ('event=removed verdict=genuine', 'event=idle')"), 2);
	/* the kiosk cannot list or pick */
	CU_ASSERT_EQUAL(kiosk_list(&T->ctx, NULL, NULL), MG_EPERM);
	{
		struct kiosk_app app;

		CU_ASSERT_EQUAL(kiosk_pick(&T->ctx, no, &app), MG_EPERM);
	}
	kiosk_wipe(&c, sizeof c);
	CU_ASSERT_EQUAL(c.name[0], 0);
}

/* Collects the numbers listed. */
struct seen {
	int n;
	char no[8][KIOSK_NO_CAP];
};

/* kiosk_list callback. */
static int seen_one(void *arg, const struct kiosk_app *a)
{
	struct seen *s = arg;

	if (s->n < 8)
		strcpy(s->no[s->n++], a->kiosk_no);
	return 0;
}

static void test_counter(void)
{
	struct tokurei_card c;
	struct kiosk_answers a;
	struct kiosk_app app;
	struct tokurei_req tq;
	struct tennyu_req nq;
	struct seen s;
	char no[KIOSK_NO_CAP], name[64];
	long long n = -1;

	fresh("kiosk_counter.db");
	as_kiosk(T);
	card_of_visitor(&c);
	tennyu_answers(&a, 1);
	strcpy(a.katagaki, "ハイツ101");
	CU_ASSERT_EQUAL_FATAL(kiosk_create(&T->ctx, &c, &a, no), 0);
	memset(&a, 0, sizeof a);
	a.kind = KIOSK_JUSHO;
	CU_ASSERT_EQUAL_FATAL(kiosk_create(&T->ctx, &c, &a, no), 0);
	wftest_clerk(T);
	memset(&s, 0, sizeof s);
	CU_ASSERT_EQUAL(kiosk_list(&T->ctx, seen_one, &s), 2);
	CU_ASSERT_STRING_EQUAL(s.no[0], "K-0001");
	CU_ASSERT_STRING_EQUAL(s.no[1], "K-0002");

	CU_ASSERT_EQUAL_FATAL(kiosk_pick(&T->ctx, "K-0001", &app), 0);
	CU_ASSERT_STRING_EQUAL(app.state, "picked");
	CU_ASSERT_STRING_EQUAL(app.picked_by, "clerk1");
	CU_ASSERT_EQUAL(app.ans.kind, KIOSK_TENNYU);
	CU_ASSERT_STRING_EQUAL(app.card.kojin_bango, c.kojin_bango);
	CU_ASSERT_EQUAL(app.card.verdict, TOKUREI_GENUINE);
	CU_ASSERT_EQUAL(kiosk_pick(&T->ctx, "K-0099", &app), MG_ENOTFOUND);
	CU_ASSERT_EQUAL(kiosk_pick(&T->ctx, "K-0001", &app), 0);   /* opened again: still open */

	/* the requests the workflows get */
	CU_ASSERT_EQUAL(kiosk_to_tokurei_req(&app, &tq), 0);
	CU_ASSERT_STRING_EQUAL(tq.card.name, c.name);
	CU_ASSERT_STRING_EQUAL(tq.card.kojin_bango, c.kojin_bango);
	CU_ASSERT_EQUAL(tq.card_submitted, 0);
	CU_ASSERT_STRING_EQUAL(tq.tennyu_date, TODAY);
	CU_ASSERT_STRING_EQUAL(tq.addr_code, WFTEST_TOWN1);
	CU_ASSERT_STRING_EQUAL(tq.banchi, "1番1号");
	CU_ASSERT_STRING_EQUAL(tq.katagaki, "ハイツ101");
	CU_ASSERT_STRING_EQUAL(tq.join_setai, "");
	CU_ASSERT_EQUAL(kiosk_to_tennyu_req(&app, &nq), 0);
	CU_ASSERT_EQUAL(nq.n, 1);
	CU_ASSERT_STRING_EQUAL(nq.prev_address, c.address);
	CU_ASSERT_STRING_EQUAL(nq.p[0].name, c.name);
	CU_ASSERT_STRING_EQUAL(nq.p[0].birth, c.birth);
	CU_ASSERT_STRING_EQUAL(nq.p[0].kojin_bango, c.kojin_bango);
	CU_ASSERT_STRING_EQUAL(nq.p[0].zokugara, "世帯主");
	{
		struct tenshutsu_req sq;

		CU_ASSERT_EQUAL(kiosk_to_tenshutsu_req(&T->ctx, &app, &sq), MG_EINVAL);
	}
	CU_ASSERT_EQUAL(kiosk_machiaza_name(&T->ctx, app.ans.addr_code, name, sizeof name), 0);
	CU_ASSERT_STRING_EQUAL(name, WFTEST_TOWN1_NAME);

	/* done: out of the list, once only */
	CU_ASSERT_EQUAL(kiosk_mark_done(&T->ctx, "K-0001", ""), MG_EINVAL);
	CU_ASSERT_EQUAL(kiosk_mark_done(&T->ctx, "K-0001", "20250602-0001"), 0);
	CU_ASSERT_EQUAL(kiosk_mark_done(&T->ctx, "K-0001", "20250602-0002"), MG_ESTATE);
	CU_ASSERT_EQUAL(kiosk_pick(&T->ctx, "K-0001", &app), MG_ESTATE);
	/* the card data does not outlive its use (rv18kiosk 5); K-0002 still waits with its own */
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM kiosk_app WHERE kiosk_no = 'K-0001' "
	                             "AND name || address || birth || card_expiry || move_date || "
	                             "addr_code || banchi || katagaki || dest_address || "
	                             "dest_muni_code = '' AND kojin_bango = '000000000000' "
	                             "AND done_uketsuke = '20250602-0001'"), 1);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM kiosk_app WHERE kiosk_no = 'K-0002' "
	                             "AND name <> '' AND kojin_bango <> '000000000000'"), 1);
	memset(&s, 0, sizeof s);
	CU_ASSERT_EQUAL(kiosk_list(&T->ctx, seen_one, &s), 1);
	CU_ASSERT_STRING_EQUAL(s.no[0], "K-0002");
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE action = 'kiosk' "
	                             "AND target = 'K-0001' AND detail = 'event=done uketsuke=20250602-0001'"),
	                1);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE action = 'kiosk' "
	                             "AND operator = 'clerk1' AND detail = 'event=pick'"), 2);

	/* expiry: kept through the 7th day, gone on the 8th */
	wftest_today(T, "2025-06-09");
	memset(&s, 0, sizeof s);
	CU_ASSERT_EQUAL(kiosk_list(&T->ctx, seen_one, &s), 1);
	CU_ASSERT_EQUAL(kiosk_purge(&T->ctx, &n), 0);
	CU_ASSERT_EQUAL(n, 0);
	wftest_today(T, "2025-06-10");
	CU_ASSERT_EQUAL(kiosk_list(&T->ctx, seen_one, NULL), 0);
	CU_ASSERT_EQUAL(kiosk_pick(&T->ctx, "K-0002", &app), MG_ENOTFOUND);
	CU_ASSERT_EQUAL(kiosk_purge(&T->ctx, &n), 0);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM kiosk_app"), 0);
	kiosk_wipe(&app, sizeof app);
}

/* A kiosk 転出 of a whole household, committed at the counter as 特例転出. */
static void test_tenshutsu_path(void)
{
	struct tennyu_result *fam = calloc(1, sizeof *fam);
	struct tenshutsu_result *res = calloc(1, sizeof *res);
	struct tenshutsu_req *q = calloc(1, sizeof *q);
	struct tokurei_card c;
	struct kiosk_answers a;
	struct kiosk_app app;
	char no[KIOSK_NO_CAP];

	CU_ASSERT_PTR_NOT_NULL_FATAL(fam && res && q);
	fresh("kiosk_tenshutsu.db");
	CU_ASSERT_EQUAL_FATAL(wftest_settle(T, 1, 3, 1, "2025-03-01", fam), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(T, fam->atena[0], &c), 0);
	as_kiosk(T);
	memset(&a, 0, sizeof a);
	a.kind = KIOSK_TENSHUTSU;
	strcpy(a.move_date, "2025-06-20");
	strcpy(a.dest_address, "三重県津市西丸之内２３番１号");
	strcpy(a.dest_muni_code, "242012");
	a.household = 1;
	CU_ASSERT_EQUAL_FATAL(kiosk_create(&T->ctx, &c, &a, no), 0);
	wftest_clerk(T);
	CU_ASSERT_EQUAL_FATAL(kiosk_pick(&T->ctx, no, &app), 0);
	CU_ASSERT_EQUAL_FATAL(kiosk_to_tenshutsu_req(&T->ctx, &app, q), 0);
	CU_ASSERT_EQUAL(q->n, 3);
	CU_ASSERT_STRING_EQUAL(q->setai_no, fam->setai_no);
	CU_ASSERT_STRING_EQUAL(q->atena[0], fam->atena[0]);
	CU_ASSERT_EQUAL(q->tokurei, 1);
	CU_ASSERT_STRING_EQUAL(q->dest_muni_code, "242012");
	CU_ASSERT_STRING_EQUAL(q->planned_date, "2025-06-20");
	q->alerts_acknowledged = 1;
	{
		char u[24] = "x";

		CU_ASSERT_EQUAL(kiosk_sync(&T->ctx, no, u), MG_ENOTFOUND);   /* not committed yet */
		CU_ASSERT_STRING_EQUAL(u, "");
		CU_ASSERT_EQUAL_FATAL(tenshutsu_commit(&T->ctx, q, res), 0);
		CU_ASSERT_EQUAL(kiosk_sync(&T->ctx, no, u), 0);              /* found by the commit */
		CU_ASSERT_STRING_EQUAL(u, res->uketsuke_no);
		CU_ASSERT_EQUAL(kiosk_sync(&T->ctx, no, u), 0);              /* already done */
		CU_ASSERT_STRING_EQUAL(u, res->uketsuke_no);
	}
	CU_ASSERT_EQUAL(kiosk_mark_done(&T->ctx, no, res->uketsuke_no), MG_ESTATE);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM kiosk_app WHERE state = 'done' "
	                             "AND done_uketsuke = '%s'", res->uketsuke_no), 1);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM person WHERE state = 'yotei'"), 3);
	/* the holder only */
	as_kiosk(T);
	a.household = 0;
	CU_ASSERT_EQUAL(kiosk_create(&T->ctx, &c, &a, no), MG_EINVAL);   /* now 転出予定, not current */
	kiosk_wipe(&app, sizeof app);
	free(fam);
	free(res);
	free(q);
}

/* A 特例転出 from A, delivered; the resident prepares the 転入 at B's kiosk; the clerk commits. */
static void test_tokurei_path(void)
{
	struct tokurei_req *q = calloc(1, sizeof *q);
	struct tokurei_result *r = calloc(1, sizeof *r);
	struct tokurei_card c;
	struct kiosk_answers a;
	struct kiosk_app app;
	static const int idx[1] = { 0 };
	char no[KIOSK_NO_CAP];

	CU_ASSERT_PTR_NOT_NULL_FATAL(q && r);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "kiosk_pair", 1, 1, 1, "2025-04-01", "2025-04-12"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 1, idx, WFTEST_B_CODE, "2025-04-10", 1, 1), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &c), 0);
	as_kiosk(&P->b);
	tennyu_answers(&a, 1);
	strcpy(a.move_date, "2025-04-10");
	strcpy(a.addr_code, WFTEST_TOWN2);
	strcpy(a.banchi, "3番5号");
	CU_ASSERT_EQUAL_FATAL(kiosk_create(&P->b.ctx, &c, &a, no), 0);
	wftest_clerk(&P->b);
	CU_ASSERT_EQUAL_FATAL(kiosk_pick(&P->b.ctx, no, &app), 0);
	CU_ASSERT_EQUAL_FATAL(kiosk_to_tokurei_req(&app, q), 0);
	q->card_submitted = 1;          /* the clerk confirms the hand-over */
	q->alerts_acknowledged = 1;
	{
		char u[24];

		CU_ASSERT_EQUAL(kiosk_sync(&P->b.ctx, no, u), MG_ENOTFOUND);
		CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, q, r), 0);
		if (r->checks.n)
			wftest_dump_checks("kiosk tokurei", &r->checks);
		CU_ASSERT_EQUAL(kiosk_sync(&P->b.ctx, no, u), 0);
		CU_ASSERT_STRING_EQUAL(u, r->uketsuke_no);
	}
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person WHERE state = 'current'"), 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM kiosk_app WHERE state = 'done'"), 1);
	kiosk_wipe(&app, sizeof app);
	kiosk_wipe(q, sizeof *q);
	free(q);
	free(r);
}

/* Add the operators of the exit tests: two admins (one locked), a clerk and the kiosk. */
static void exit_operators(void)
{
	wftest_system(T);
	T->cfg.lockout_threshold = 3;
	CU_ASSERT_EQUAL_FATAL(auth_operator_add(&T->ctx, "admin1", "管理　三郎", SESSION_ROLE_ADMIN,
	                                        "admin password 1"), 0);
	CU_ASSERT_EQUAL_FATAL(auth_operator_add(&T->ctx, "admin2", "管理　四郎", SESSION_ROLE_ADMIN,
	                                        "admin password 2"), 0);
	CU_ASSERT_EQUAL_FATAL(auth_operator_add(&T->ctx, "clerk9", "窓口　九郎", SESSION_ROLE_CLERK,
	                                        "clerk password 9"), 0);
	CU_ASSERT_EQUAL_FATAL(auth_operator_add(&T->ctx, "kiosk1", "キオスク", SESSION_ROLE_KIOSK,
	                                        "kiosk password 1"), 0);
	CU_ASSERT_EQUAL_FATAL(auth_operator_set_locked(&T->ctx, "admin2", 1), 0);
}

/* 1 when no operator's failure count, lock or last failure changed (admin2 stays locked). */
static int operators_untouched(void)
{
	return wftest_count(T->db, "SELECT count(*) FROM operator WHERE failures <> 0 OR "
	                    "last_failure_at IS NOT NULL OR last_login_at IS NOT NULL") == 0 &&
	       wftest_count(T->db, "SELECT count(*) FROM operator WHERE locked = 1") == 1 &&
	       wftest_count(T->db, "SELECT locked FROM operator WHERE id = 'admin2'") == 1;
}

/*
 * Finding 7 (rv-privacy): the kiosk's admin exit accepts an administrator
 * only, never touches any operator's failure count or lock, answers every
 * failure with the same code, and logs each attempt as the kiosk operator
 * with the attempted id in the detail (never the password).
 */
static void test_admin_exit(void)
{
	struct kiosk_exit_guard g;
	long long now = 1000;

	fresh("kiosk_admin.db");
	exit_operators();
	as_kiosk(T);
	memset(&g, 0, sizeof g);
	/* more wrong passwords than the lockout threshold: no account locks */
	for (int i = 0; i < 5; i++) {
		now += kiosk_exit_wait(&g, now);
		CU_ASSERT_EQUAL(kiosk_admin_check(&T->ctx, &g, now, "admin1", "wrong password"),
		                MG_EAUTH);
	}
	CU_ASSERT_TRUE(operators_untouched());
	/* one answer whatever the reason: unknown id, bad id, not an admin, locked */
	now += kiosk_exit_wait(&g, now);
	CU_ASSERT_EQUAL(kiosk_admin_check(&T->ctx, &g, now, "nobody", "admin password 1"), MG_EAUTH);
	now += kiosk_exit_wait(&g, now);
	CU_ASSERT_EQUAL(kiosk_admin_check(&T->ctx, &g, now, "bad id!", "x"), MG_EAUTH);
	now += kiosk_exit_wait(&g, now);
	CU_ASSERT_EQUAL(kiosk_admin_check(&T->ctx, &g, now, "clerk9", "clerk password 9"), MG_EAUTH);
	now += kiosk_exit_wait(&g, now);
	CU_ASSERT_EQUAL(kiosk_admin_check(&T->ctx, &g, now, "kiosk1", "kiosk password 1"), MG_EAUTH);
	now += kiosk_exit_wait(&g, now);
	CU_ASSERT_EQUAL(kiosk_admin_check(&T->ctx, &g, now, "admin2", "admin password 2"), MG_EAUTH);
	CU_ASSERT_TRUE(operators_untouched());
	/* the right administrator ends the kiosk and clears the back-off */
	now += kiosk_exit_wait(&g, now);
	CU_ASSERT_EQUAL(kiosk_admin_check(&T->ctx, &g, now, "admin1", "admin password 1"), 0);
	CU_ASSERT_EQUAL(g.failures, 0);
	CU_ASSERT_EQUAL(kiosk_exit_wait(&g, now), 0);
	CU_ASSERT_TRUE(operators_untouched());
	/* the log: one kiosk row per attempt, as the kiosk operator, no login rows */
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE action IN "
	                             "('login', 'logout', 'login_failed', 'locked')"), 0);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE action = 'kiosk' "
	                             "AND detail LIKE 'event=exit %%'"), 11);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE action = 'kiosk' "
	                             "AND detail LIKE 'event=exit %%' AND operator = 'kiosk1' "
	                             "AND terminal = 'KIOSK01'"), 11);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE detail = "
	                             "'event=exit ok=0 id=admin1 reason=password'"), 5);
	/* an id that names no operator is not logged (it may be a mistyped password) */
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE detail = "
	                             "'event=exit ok=0 id=- reason=unknown'"), 2);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE "
	                             "coalesce(detail, '') LIKE '%%nobody%%'"), 0);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE detail = "
	                             "'event=exit ok=0 id=clerk9 reason=role'"), 1);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE detail = "
	                             "'event=exit ok=0 id=admin2 reason=locked'"), 1);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE detail = "
	                             "'event=exit ok=1 id=admin1'"), 1);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE "
	                             "coalesce(detail, '') || coalesce(target, '') LIKE '%%wrong%%' "
	                             "OR coalesce(detail, '') || coalesce(target, '') LIKE "
	                             "'%%password _%%'"), 0);
	CU_ASSERT_PTR_EQUAL(T->ctx.sess, &kiosk_sess);
	CU_ASSERT_EQUAL(kiosk_admin_check(&T->ctx, NULL, now, "admin1", "admin password 1"),
	                MG_EINVAL);
	CU_ASSERT_EQUAL(kiosk_admin_check(&T->ctx, &g, now, NULL, "admin password 1"), MG_EINVAL);
}

/*
 * The per-kiosk back-off: three free tries, then each further try waits
 * KIOSK_EXIT_DELAY seconds doubled per failure up to KIOSK_EXIT_DELAY_MAX;
 * a try inside the wait is refused without checking (even the right
 * password) and logged; an hour without failures forgets them.
 */
static void test_exit_backoff(void)
{
	struct kiosk_exit_guard g;
	long long now = 5000, want = KIOSK_EXIT_DELAY;

	fresh("kiosk_backoff.db");
	exit_operators();
	as_kiosk(T);
	memset(&g, 0, sizeof g);
	for (int i = 0; i < KIOSK_EXIT_FREE_TRIES; i++) {
		CU_ASSERT_EQUAL(kiosk_exit_wait(&g, now), 0);
		CU_ASSERT_EQUAL(kiosk_admin_check(&T->ctx, &g, now, "admin1", "wrong"), MG_EAUTH);
	}
	for (int i = 0; i < 10; i++) {
		CU_ASSERT_EQUAL(kiosk_exit_wait(&g, now), want);
		/* inside the wait: refused unchecked, the right password too; logged once a wait */
		for (int j = 0; j < 3; j++)
			CU_ASSERT_EQUAL(kiosk_admin_check(&T->ctx, &g, now + want - 1 - j, "admin1",
			                                  "admin password 1"), MG_ETOOMANY);
		CU_ASSERT_EQUAL(kiosk_exit_wait(&g, now + want - 1), 1);
		now += want;
		CU_ASSERT_EQUAL(kiosk_exit_wait(&g, now), 0);
		CU_ASSERT_EQUAL(kiosk_admin_check(&T->ctx, &g, now, "nobody", "wrong"), MG_EAUTH);
		want = want * 2 > KIOSK_EXIT_DELAY_MAX ? KIOSK_EXIT_DELAY_MAX : want * 2;
	}
	CU_ASSERT_EQUAL(kiosk_exit_wait(&g, now), KIOSK_EXIT_DELAY_MAX);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE detail = "
	                             "'event=exit ok=0 id=admin1 reason=wait'"), 10);
	CU_ASSERT_TRUE(operators_untouched());
	/* an hour after the last failure the kiosk forgets them: three free tries again */
	now += KIOSK_EXIT_FORGET;
	CU_ASSERT_EQUAL(kiosk_exit_wait(&g, now), 0);
	CU_ASSERT_EQUAL(kiosk_admin_check(&T->ctx, &g, now, "admin1", "wrong"), MG_EAUTH);
	CU_ASSERT_EQUAL(g.failures, 1);
	CU_ASSERT_EQUAL(kiosk_exit_wait(&g, now), 0);
	CU_ASSERT_EQUAL(kiosk_admin_check(&T->ctx, &g, now, "admin1", "admin password 1"), 0);
	CU_ASSERT_EQUAL(g.failures, 0);
}

/*
 * The start page's check (finding 7, the same attack through the first
 * page; rv18kiosk 1): every id is verified without touching the account,
 * refused alike (the right password of another role too, so the page tells
 * no password), under the kiosk's back-off; the kiosk account's right
 * password passes and clears the back-off.
 */
static void test_staff_check(void)
{
	struct kiosk_exit_guard g;
	long long now = 7000;

	fresh("kiosk_staff.db");
	exit_operators();
	T->ctx.sess = NULL;     /* the start page: no kiosk session yet */
	memset(&g, 0, sizeof g);
	for (int i = 0; i < 5; i++) {
		now += kiosk_exit_wait(&g, now);
		CU_ASSERT_EQUAL(kiosk_staff_check(&T->ctx, &g, now, "admin1", "wrong password"),
		                MG_EAUTH);
	}
	now += kiosk_exit_wait(&g, now);
	CU_ASSERT_EQUAL(kiosk_staff_check(&T->ctx, &g, now, "admin2", "admin password 2"), MG_EAUTH);
	now += kiosk_exit_wait(&g, now);
	CU_ASSERT_EQUAL(kiosk_staff_check(&T->ctx, &g, now, "nobody", "wrong password"), MG_EAUTH);
	now += kiosk_exit_wait(&g, now);
	CU_ASSERT_EQUAL(kiosk_staff_check(&T->ctx, &g, now, "bad id!", "x"), MG_EAUTH);
	/* the right password of another role reads like a wrong one */
	now += kiosk_exit_wait(&g, now);
	CU_ASSERT_EQUAL(kiosk_staff_check(&T->ctx, &g, now, "clerk9", "clerk password 9"), MG_EAUTH);
	now += kiosk_exit_wait(&g, now);
	CU_ASSERT_EQUAL(kiosk_staff_check(&T->ctx, &g, now, "kiosk1", "wrong password"), MG_EAUTH);
	CU_ASSERT_TRUE(operators_untouched());
	/* inside the wait even the kiosk account's right password is not checked; Enter
	 * pressed over and over writes one row per wait, not one per press */
	CU_ASSERT(kiosk_exit_wait(&g, now) > 1);
	for (int i = 0; i < 50; i++)
		CU_ASSERT_EQUAL(kiosk_staff_check(&T->ctx, &g, now + 1, "kiosk1", "kiosk password 1"),
		                MG_ETOOMANY);
	now += kiosk_exit_wait(&g, now);
	CU_ASSERT_EQUAL(kiosk_staff_check(&T->ctx, &g, now, "kiosk1", "kiosk password 1"), 0);
	CU_ASSERT_EQUAL(g.failures, 0);
	CU_ASSERT_EQUAL(kiosk_exit_wait(&g, now), 0);
	CU_ASSERT_TRUE(operators_untouched());
	CU_ASSERT_EQUAL(kiosk_staff_check(&T->ctx, NULL, now, "kiosk1", "x"), MG_EINVAL);
	CU_ASSERT_EQUAL(kiosk_staff_check(&T->ctx, &g, now, NULL, "x"), MG_EINVAL);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE action IN "
	                             "('login', 'logout', 'login_failed', 'locked')"), 0);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE detail = "
	                             "'event=start ok=0 id=admin1 reason=password'"), 5);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE detail = "
	                             "'event=start ok=0 id=admin2 reason=locked'"), 1);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE detail = "
	                             "'event=start ok=0 id=- reason=unknown'"), 2);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE detail = "
	                             "'event=start ok=0 id=clerk9 reason=role'"), 1);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE detail = "
	                             "'event=start ok=0 id=kiosk1 reason=password'"), 1);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE detail = "
	                             "'event=start ok=0 id=kiosk1 reason=wait'"), 1);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE action = 'kiosk'"), 11);
}

/* ---- the kiosk screen's staff pages (screens/scr_kiosk.c) -------------- */

#define KT0 100000LL                 /* monotonic start of the screen tests */
#define KWALL 1748822400LL           /* 2025-06-02 00:00 UTC */

static struct scr_app kapp;
static struct cells *kc;

/* The drawn screen as one string. */
static const char *kscreen(void)
{
	return scrtest_screen(&kapp, kc);
}

/* 1 when the drawn screen shows the catalog text of key (with one argument or none). */
static int kshows(const char *key, const char *arg)
{
	char buf[1024];
	const char *a[1] = { arg };

	if (i18n_msg_format(buf, sizeof buf, key, arg ? 1 : 0, a) < 0)
		return 0;
	return strstr(kscreen(), buf) != NULL;
}

/* Let time pass to t (monotonic seconds). */
static void ktick(long long t)
{
	scr_tick(&kapp, t, KWALL + (t - KT0));
}

/* On the admin page: type id and password and submit. */
static void kadmin(const char *id, const char *pw)
{
	scrtest_type(&kapp, id);
	scrtest_press(&kapp, UI_K_ENTER);
	scrtest_type(&kapp, pw);
	scrtest_press(&kapp, UI_K_ENTER);
}

/*
 * Finding 8 (rv-privacy): on the kiosk's first (staff) page no key ends the
 * program; F11 asks for an administrator there too. Finding 7 on the
 * screen: every refusal shows one neutral text, the back-off shows a neutral
 * "please wait" with no blocking (the idle return still happens during it),
 * and only the administrator's password ends the kiosk.
 */
static void test_screen_staff_exit(void)
{
	static const int keys[] = { UI_K_F1, UI_K_ESC, UI_K_F2, UI_K_F3, UI_K_F4, UI_K_F5, UI_K_F6,
	                            UI_K_F7, UI_K_F8, UI_K_F9, UI_K_F10, UI_K_F12, UI_K_ESC };
	long long t = KT0;

	fresh("kiosk_screen.db");
	exit_operators();
	T->cfg.idle_lock_seconds = 3;
	T->ctx.sess = NULL;
	memset(&kapp, 0, sizeof kapp);
	scr_app_init(&kapp, &T->ctx, &T->cfg);
	CU_ASSERT_EQUAL_FATAL(scr_start(&kapp, &scr_kiosk, t, KWALL), 0);
	kc = cells_new(80, 24);
	CU_ASSERT_PTR_NOT_NULL_FATAL(kc);
	CU_ASSERT_TRUE(kshows(MSG("kiosk_staff_prompt"), NULL));
	/* no key leaves the staff page */
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		scrtest_press(&kapp, keys[i]);
		CU_ASSERT_FALSE(kapp.quit);
		CU_ASSERT_EQUAL(kapp.depth, 1);
	}
	CU_ASSERT_TRUE(kshows(MSG("kiosk_staff_prompt"), NULL));
	/* the start page locks no staff account and tells no right password
	 * (rv18kiosk 1): one text, then its own back-off */
	for (int i = 0; i < KIOSK_EXIT_FREE_TRIES + 1; i++) {
		scrtest_press(&kapp, UI_K_ESC);
		scrtest_press(&kapp, UI_K_F11);
		scrtest_press(&kapp, UI_K_ESC);    /* back on the start page, fields wiped */
		if (i == 1)
			kadmin("clerk9", "clerk password 9");
		else if (i == KIOSK_EXIT_FREE_TRIES)
			kadmin("kiosk1", "kiosk password 1");
		else
			kadmin("admin1", "wrong password");
		if (i < KIOSK_EXIT_FREE_TRIES) {
			CU_ASSERT_TRUE(kshows(MSG("kiosk_staff_failed"), NULL));
		} else {
			/* inside the wait the kiosk account's right password is not checked */
			CU_ASSERT_FALSE(kshows(MSG("kiosk_staff_failed"), NULL));
			CU_ASSERT_TRUE(kshows(MSG("kiosk_admin_wait"), "5"));
			CU_ASSERT_TRUE(kshows(MSG("kiosk_staff_prompt"), NULL));
		}
	}
	CU_ASSERT_TRUE(operators_untouched());
	CU_ASSERT_FALSE(kapp.quit);
	/* F11: the administrator's page; three refusals with one text */
	scrtest_press(&kapp, UI_K_F11);
	CU_ASSERT_TRUE(kshows(MSG("kiosk_admin_prompt"), NULL));
	kadmin("admin1", "wrong password");
	CU_ASSERT_TRUE(kshows(MSG("kiosk_admin_failed"), NULL));
	CU_ASSERT_PTR_NULL(strstr(kscreen(), "wrong password"));
	scrtest_press(&kapp, UI_K_ESC);
	CU_ASSERT_TRUE(kshows(MSG("kiosk_staff_prompt"), NULL));
	scrtest_press(&kapp, UI_K_F11);
	kadmin("clerk9", "clerk password 9");
	CU_ASSERT_TRUE(kshows(MSG("kiosk_admin_failed"), NULL));
	scrtest_press(&kapp, UI_K_ESC);
	scrtest_press(&kapp, UI_K_F11);
	kadmin("admin2", "admin password 2");
	CU_ASSERT_TRUE(kshows(MSG("kiosk_admin_failed"), NULL));
	CU_ASSERT_FALSE(kapp.quit);
	/* the back-off: a neutral wait, counted down by the tick */
	CU_ASSERT_TRUE(kshows(MSG("kiosk_admin_wait"), "5"));
	ktick(t + 2);
	CU_ASSERT_TRUE(kshows(MSG("kiosk_admin_wait"), "3"));
	/* the idle return is not held up by the wait */
	ktick(t + 3);
	CU_ASSERT_TRUE(kshows(MSG("kiosk_staff_prompt"), NULL));
	CU_ASSERT_FALSE(kshows(MSG("kiosk_admin_prompt"), NULL));
	/* inside the wait even the right password is not checked */
	scrtest_press(&kapp, UI_K_F11);
	CU_ASSERT_TRUE(kshows(MSG("kiosk_admin_wait"), "2"));
	kadmin("admin1", "admin password 1");
	CU_ASSERT_FALSE(kapp.quit);
	CU_ASSERT_TRUE(kshows(MSG("kiosk_admin_wait"), "2"));
	CU_ASSERT_TRUE(operators_untouched());
	/* after the wait the administrator ends the kiosk */
	ktick(t + 5);
	CU_ASSERT_FALSE(kshows(MSG("kiosk_admin_wait"), "0"));
	scrtest_press(&kapp, UI_K_ESC);
	scrtest_press(&kapp, UI_K_F11);
	kadmin("admin1", "admin password 1");
	CU_ASSERT_TRUE(kapp.quit);
	CU_ASSERT_EQUAL(wftest_count(T->db, "SELECT count(*) FROM audit WHERE detail = "
	                             "'event=exit ok=1 id=admin1'"), 1);
	CU_ASSERT_TRUE(operators_untouched());
	scr_app_fini(&kapp);
	cells_free(kc);
	kc = NULL;
}

static void test_names(void)
{
	CU_ASSERT_STRING_EQUAL(kiosk_kind_name(KIOSK_TENSHUTSU), "tenshutsu");
	CU_ASSERT_EQUAL(kiosk_kind_parse("jusho"), KIOSK_JUSHO);
	CU_ASSERT_EQUAL(kiosk_kind_parse("x"), 0);
	CU_ASSERT_PTR_NULL(kiosk_kind_name((enum kiosk_kind)0));
	CU_ASSERT_TRUE(i18n_msg_has(kiosk_kind_msgid(KIOSK_TENNYU)));
	CU_ASSERT_STRING_EQUAL(kiosk_verdict_name(TOKUREI_UNKNOWN_CA), "unknown_ca");
}

TESTUTIL_REGISTER(kiosk)
{
	static const struct testutil_case cases[] = {
		{ "card_check", test_card_check },
		{ "answers_check", test_answers_check },
		{ "create_and_log", test_create },
		{ "counter_list_pick_done_expiry", test_counter },
		{ "tenshutsu_path", test_tenshutsu_path },
		{ "tokurei_path", test_tokurei_path },
		{ "admin_exit", test_admin_exit },
		{ "exit_backoff", test_exit_backoff },
		{ "staff_check", test_staff_check },
		{ "screen_staff_exit", test_screen_staff_exit },
		{ "names", test_names },
		{ NULL, NULL }
	};
	testutil_suite("kiosk", suite_init, suite_fini, cases);
}
