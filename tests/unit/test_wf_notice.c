/*
 * test_wf_notice.c — the 転入通知 (法9①) at the former municipality (令13②③;
 * 標準仕様 1.1.5, 4.1.3.1.1) after a real exchange: 宝塚市 (B) registers the
 * 転入, both deliver, 千代田区 (A) applies the notice; and the date job
 * (令13①: 転出予定 → 除票 on the planned date; 令24の4: 転出証明書情報 erased
 * after 予定日 + 30).
 */
#include "tests/unit/testutil.h"
#include "tests/unit/wftest.h"
#include "app/notice.h"
#include "app/resend.h"
#include "app/deliver.h"
#include "app/view_notice.h"
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
static struct tennyu_req *TQ;
static struct tennyu_result *TR;
static struct notice_result *NR;

/* Allocate once. */
static int suite_init(void)
{
	P = calloc(1, sizeof *P);
	TQ = calloc(1, sizeof *TQ);
	TR = calloc(1, sizeof *TR);
	NR = calloc(1, sizeof *NR);
	return P && TQ && TR && NR ? 0 : 1;
}

/* Free. */
static int suite_fini(void)
{
	wftest_pair_close(P);
	free(P);
	free(TQ);
	free(TR);
	free(NR);
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

/* The id of the only (or first) pending notice at A, into id[48]. */
static void notice_id(char *id)
{
	wftest_text(P->a.db, id, 48, "SELECT msg_id FROM notice_inbox WHERE applied_by IS NULL "
	            "ORDER BY msg_id LIMIT 1");
}

/*
 * A (today 2025-04-01) moves the child of a family of three to B on PLANNED
 * (ordinary 転出, 転出予定); B (today b_today) registers the child's 転入 on
 * tennyu with the 転出証明書's data and delivers.
 */
static void flow_b(const char *b_today, const char *tennyu)
{
	static const int child[] = { 2 };

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "notice", 1, 3, 0, "2025-04-01", b_today), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 1, child, WFTEST_B_CODE, PLANNED, 0, 0), 0);
	wftest_tennyu_req(TQ, WFTEST_A_CODE, tennyu);
	wftest_family(TQ, 1, 3, 0);
	TQ->p[0] = TQ->p[2];
	TQ->n = 1;
	strcpy(TQ->p[0].zokugara, "世帯主");
	CU_ASSERT_EQUAL_FATAL(tennyu_commit(&P->b.ctx, TQ, TR), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->b, P->cs, NULL), 0);
}

/* flow_b, then A delivers (receives the 転入通知). */
static void flow(const char *b_today, const char *tennyu)
{
	flow_b(b_today, tennyu);
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->a, P->cs, NULL), 0);
}

/* The result of the last resend_refused. */
static struct resend_result refused_rr;

/* resend_message must refuse with why and write nothing at B. */
static void resend_refused(const char *msg_id, const char *atena, const char *why)
{
	struct resend_result *rr = &refused_rr;
	long long out = wftest_count(P->b.db, "SELECT count(*) FROM outbox");
	long long logged = wftest_audit(P->b.db, "deliver");

	CU_ASSERT_EQUAL(resend_message(&P->b.ctx, msg_id, atena, 0, rr), MG_ERULE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rr->why);
	CU_ASSERT_STRING_EQUAL(rr->why, why);
	CU_ASSERT_STRING_EQUAL(rr->new_msg_id, "");
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM outbox"), out);
	CU_ASSERT_EQUAL(wftest_audit(P->b.db, "deliver"), logged);
}

/*
 * rv5 L4 (標準仕様 7.1.1.1 "resend"): A could not take B's 転入通知 (its
 * payload was damaged in the exchange) and keeps nothing of it. B sends it
 * again from the id A quotes: rebuilt from the history row of the 転入 with
 * the very content of the original, under a new id, the log row tying the
 * two ids; A then takes it and confirms the 転出. Refused, writing nothing:
 * an id of another municipality, an id never sent, a message still queued,
 * a 本人確認情報更新, another person than the message's, a message without
 * its person (queued before migration 012) unless --atena names him, a
 * person without a 転入 under that 受付, and a second resend unless forced
 * (rv13dom L1). A sets the forced copy aside as a second notice.
 */
static void t_rejected_notice_resent(void)
{
	struct resend_result rr;
	struct deliver_stats st;
	struct db *cs = NULL;
	char id[48], honnin[48], first[48], original[2048], rebuilt[2048], other[48];
	long long logged;

	flow_b("2025-04-08", "2025-04-07");
	/* The notice in the exchange: kept aside, then damaged (a birth date
	 * that cannot be), so that A rejects it and keeps nothing. */
	CU_ASSERT_EQUAL_FATAL(wftest_cs_open(P->cs, &cs), 0);
	wftest_text(cs, id, sizeof id, "SELECT msg_id FROM message WHERE kind = 'tennyu_notice' "
	            "AND to_code = '%s'", WFTEST_A_CODE);
	wftest_text(cs, original, sizeof original, "SELECT payload FROM message WHERE msg_id = '%s'",
	            id);
	CU_ASSERT_EQUAL(db_exec(cs, "UPDATE message SET payload = replace(payload, 'birth=', "
	                        "'birth=9') WHERE kind = 'tennyu_notice'"), 0);
	db_close(cs);
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.rejected, 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM notice_inbox"), 0);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM inbox_seen WHERE msg_id = '%s' "
	                "AND status = 'rejected'", id), 1);
	/* B sent it with its person; nothing of it is kept but the record. */
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM outbox_sent WHERE msg_id = '%s' "
	                "AND atena_no = '%s' AND uketsuke_no = '%s'", id, TR->atena[0],
	                TR->uketsuke_no), 1);

	/* Refusals. */
	wftest_text(P->b.db, honnin, sizeof honnin, "SELECT msg_id FROM outbox_sent WHERE kind = "
	            "'honnin_update' LIMIT 1");
	snprintf(other, sizeof other, "%s-000000001", WFTEST_A_CODE);
	resend_refused(other, NULL, MSG("resend_not_ours"));
	resend_refused("not-an-id", NULL, MSG("resend_not_ours"));
	snprintf(other, sizeof other, "%s-999999999", WFTEST_B_CODE);
	resend_refused(other, NULL, MSG("resend_not_found"));
	resend_refused(honnin, NULL, MSG("resend_kind"));
	resend_refused(id, "000000019", MSG("resend_atena_differs"));

	/* The resend, a day later: the same content (dated as the original) under
	 * a new id, logged against the old one. */
	wftest_today(&P->b, "2025-04-09");
	logged = wftest_audit(P->b.db, "deliver");
	CU_ASSERT_EQUAL_FATAL(resend_message(&P->b.ctx, id, NULL, 0, &rr), 0);
	CU_ASSERT_PTR_NULL(rr.why);
	CU_ASSERT_STRING_NOT_EQUAL(rr.new_msg_id, id);
	CU_ASSERT_STRING_EQUAL(rr.atena_no, TR->atena[0]);
	CU_ASSERT_STRING_EQUAL(rr.to_code, WFTEST_A_CODE);
	CU_ASSERT_STRING_EQUAL(rr.earlier, "");
	wftest_text(P->b.db, rebuilt, sizeof rebuilt, "SELECT payload FROM outbox WHERE msg_id = '%s' "
	            "AND kind = 'tennyu_notice' AND to_code = '%s' AND uketsuke_no = '%s' AND "
	            "atena_no = '%s'", rr.new_msg_id, WFTEST_A_CODE, TR->uketsuke_no, TR->atena[0]);
	CU_ASSERT_STRING_EQUAL(rebuilt, original);
	CU_ASSERT_EQUAL(wftest_audit(P->b.db, "deliver"), logged + 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM audit WHERE action = 'deliver' AND "
	                "target = '%s' AND detail LIKE 'resend as=%s %%'", id, rr.new_msg_id), 1);
	/* Not sent yet: run deliver first. */
	resend_refused(rr.new_msg_id, NULL, MSG("resend_not_sent"));
	snprintf(first, sizeof first, "%s", rr.new_msg_id);

	/* A message from before migration 012 has no person: --atena names him. */
	CU_ASSERT_EQUAL(db_exec(P->b.db, "UPDATE outbox_sent SET atena_no = NULL WHERE kind = "
	                        "'tennyu_notice'"), 0);
	resend_refused(id, NULL, MSG("resend_need_atena"));
	resend_refused(id, "000000019", MSG("resend_no_row"));
	/* Sent again once already (rv13dom L1): again only with force. */
	resend_refused(id, TR->atena[0], MSG("resend_again"));
	CU_ASSERT_STRING_EQUAL(refused_rr.earlier, first);
	CU_ASSERT_EQUAL(resend_message(&P->b.ctx, id, TR->atena[0], 1, &rr), 0);
	CU_ASSERT_STRING_EQUAL(rr.earlier, first);
	wftest_text(P->b.db, rebuilt, sizeof rebuilt, "SELECT payload FROM outbox WHERE msg_id = '%s'",
	            rr.new_msg_id);
	CU_ASSERT_STRING_EQUAL(rebuilt, original);

	/* Delivered, A takes the first copy and confirms the 転出; the second is
	 * the same person's, refused there as already applied. */
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->b, P->cs, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 2);
	CU_ASSERT_EQUAL(st.rejected, 0);
	wftest_today(&P->a, "2025-04-09");
	CU_ASSERT_EQUAL(notice_apply(&P->a.ctx, first, 0, NR), 0);
	CU_ASSERT_STRING_EQUAL(NR->atena_no, P->fam.atena[2]);
	CU_ASSERT_STRING_EQUAL(NR->shojo_date, "2025-04-07");
	CU_ASSERT_EQUAL(notice_apply(&P->a.ctx, rr.new_msg_id, 0, NR), MG_ERULE);
	CU_ASSERT(check_has(&NR->checks, MSG("chk_notice_already")));
	CU_ASSERT_EQUAL(notice_decline(&P->a.ctx, rr.new_msg_id, NR), 0);
	CU_ASSERT_STRING_EQUAL(NR->declined, "already");
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM notice_inbox WHERE applied_by IS NULL"),
	                0);
	wftest_pair_close(P);
}

static void t_notice_before_planned_date(void)
{
	struct db_resident before, r;
	char id[48];

	/* 転入 on 04-07, three days before the planned 04-10. */
	flow("2025-04-08", "2025-04-07");
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM notice_inbox"), 1);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[2], &before), 0);
	CU_ASSERT_STRING_EQUAL(before.state, "yotei");
	notice_id(id);
	wftest_today(&P->a, "2025-04-09");
	CU_ASSERT_EQUAL(notice_apply(&P->a.ctx, id, 0, NR), 0);
	CU_ASSERT_EQUAL(NR->was_yotei, 1);
	CU_ASSERT_STRING_EQUAL(NR->atena_no, P->fam.atena[2]);
	/* 消除日 = the earlier of the planned date and the 転入日. */
	CU_ASSERT_STRING_EQUAL(NR->shojo_date, "2025-04-07");
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[2], &r), 0);
	CU_ASSERT_EQUAL(r.rireki_no, before.rireki_no + 1);
	CU_ASSERT_STRING_EQUAL(r.state, "jyohyo");
	CU_ASSERT_STRING_EQUAL(r.shojo_jiyu, "tenshutsu");
	CU_ASSERT_STRING_EQUAL(r.shojo_date, "2025-04-07");
	CU_ASSERT_STRING_EQUAL(r.idou_jiyu, "tenshutsu_kakutei");
	/* Confirmed values beside the planned ones, which are kept (標準仕様 4.1.3.1.1). */
	CU_ASSERT_STRING_EQUAL(r.moved_date_confirmed, "2025-04-07");
	CU_ASSERT_STRING_EQUAL(r.notice_date, "2025-04-08");
	CU_ASSERT_STRING_NOT_EQUAL(r.dest_confirmed, "");
	CU_ASSERT_STRING_EQUAL(r.dest_planned, before.dest_planned);
	CU_ASSERT_STRING_EQUAL(r.dest_planned_date, PLANNED);
	CU_ASSERT_STRING_EQUAL(r.dest_muni_code, WFTEST_B_CODE);
	CU_ASSERT_STRING_EQUAL(r.shori_date, "2025-04-09");
	CU_ASSERT_STRING_EQUAL(r.uketsuke_no, NR->uketsuke_no);
	/* The notice is marked applied; the 転出確定 goes to the CS (令13③); one log row. */
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM notice_inbox WHERE applied_by = '%s' "
	                "AND atena_no = '%s'", NR->uketsuke_no, P->fam.atena[2]), 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM outbox WHERE kind = 'honnin_update' "
	                "AND uketsuke_no = '%s' AND payload LIKE '%%event=kakutei%%'", NR->uketsuke_no), 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE action = 'commit' AND "
	                "target = '%s' AND detail = 'wf=tennyu_notice atena=%s'", NR->uketsuke_no,
	                P->fam.atena[2]), 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM uketsuke WHERE uketsuke_no = '%s' AND "
	                "workflow = 'tennyu_notice'", NR->uketsuke_no), 1);
	/* Applying it twice is refused and writes nothing. */
	{
		char *snap = wftest_snapshot(P->a.db, WFTEST_SNAP_ALL), *after;

		CU_ASSERT_EQUAL(notice_apply(&P->a.ctx, id, 0, NR), MG_ERULE);
		CU_ASSERT_EQUAL(level_of(&NR->checks, MSG("chk_notice_already")), CHECK_ERROR);
		CU_ASSERT_STRING_EQUAL(NR->uketsuke_no, "");
		after = wftest_snapshot(P->a.db, WFTEST_SNAP_ALL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(snap);
		CU_ASSERT_PTR_NOT_NULL_FATAL(after);
		CU_ASSERT_STRING_EQUAL(snap, after);
		free(snap);
		free(after);
	}
	CU_ASSERT(wftest_catalog_ok(&NR->checks));
	CU_ASSERT_EQUAL(notice_apply(&P->a.ctx, "nosuch-1", 0, NR), MG_ENOTFOUND);
	/* The date job later leaves the confirmed 除票 alone. */
	{
		struct notice_job job;

		wftest_today(&P->a, "2025-04-10");
		wftest_system(&P->a);
		CU_ASSERT_EQUAL(notice_date_job(&P->a.ctx, &job), 0);
		CU_ASSERT_EQUAL(job.shojo, 0);
		wftest_clerk(&P->a);
	}
	wftest_pair_close(P);
}

/*
 * B registers the 転入 on tennyu (its today b_today); A applies the notice on
 * a_today: 除票 on the planned date (the earlier one), the 転入日 confirmed.
 */
static void shojo_on_planned_date(const char *b_today, const char *tennyu, const char *a_today)
{
	struct db_resident r;
	char id[48];

	flow(b_today, tennyu);
	notice_id(id);
	wftest_today(&P->a, a_today);
	CU_ASSERT_EQUAL(notice_apply(&P->a.ctx, id, 0, NR), 0);
	CU_ASSERT_EQUAL(NR->was_yotei, 1);
	CU_ASSERT_STRING_EQUAL(NR->shojo_date, PLANNED);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[2], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.state, "jyohyo");
	CU_ASSERT_STRING_EQUAL(r.shojo_date, PLANNED);
	CU_ASSERT_STRING_EQUAL(r.moved_date_confirmed, tennyu);
	wftest_pair_close(P);
}

static void t_notice_after_planned_date(void)
{
	/* 転入 on 04-12, after the planned 04-10; A has not run its date job. */
	shojo_on_planned_date("2025-04-14", "2025-04-12", "2025-04-15");
}

/* 転入日 = 予定日: the "on" side of min(予定日, 転入日) for the 消除日 (rv5 R8). */
static void t_notice_on_planned_date(void)
{
	shojo_on_planned_date("2025-04-11", PLANNED, "2025-04-11");
}

static void t_notice_after_date_job(void)
{
	struct db_resident r, jy;
	char id[48];
	struct notice_job job;

	flow("2025-04-14", "2025-04-12");
	/* A's date job on the planned date made the 除票 first. */
	wftest_today(&P->a, PLANNED);
	wftest_system(&P->a);
	CU_ASSERT_EQUAL(notice_date_job(&P->a.ctx, &job), 0);
	wftest_clerk(&P->a);
	CU_ASSERT_EQUAL(job.shojo, 1);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[2], &jy), 0);
	CU_ASSERT_STRING_EQUAL(jy.state, "jyohyo");
	notice_id(id);
	wftest_today(&P->a, "2025-04-15");
	CU_ASSERT_EQUAL(notice_apply(&P->a.ctx, id, 0, NR), 0);
	CU_ASSERT_EQUAL(NR->was_yotei, 0);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[2], &r), 0);
	CU_ASSERT_EQUAL(r.rireki_no, jy.rireki_no + 1);
	CU_ASSERT_STRING_EQUAL(r.state, "jyohyo");
	CU_ASSERT_STRING_EQUAL(r.shojo_date, PLANNED);
	CU_ASSERT_STRING_EQUAL(r.moved_date_confirmed, "2025-04-12");
	CU_ASSERT_STRING_EQUAL(r.notice_date, "2025-04-14");
	wftest_pair_close(P);
}

/*
 * The person moved in before the planned date and the date job made the 除票
 * before the notice came: the notice moves 消除日 to the 転入日, as it would
 * have had it arrived first (the two paths agree).
 */
static void t_notice_after_date_job_earlier_move(void)
{
	struct db_resident r;
	char id[48];
	struct notice_job job;

	flow("2025-04-14", "2025-04-08");
	wftest_today(&P->a, PLANNED);
	wftest_system(&P->a);
	CU_ASSERT_EQUAL(notice_date_job(&P->a.ctx, &job), 0);
	wftest_clerk(&P->a);
	CU_ASSERT_EQUAL(job.shojo, 1);
	notice_id(id);
	wftest_today(&P->a, "2025-04-15");
	CU_ASSERT_EQUAL(notice_apply(&P->a.ctx, id, 0, NR), 0);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[2], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.state, "jyohyo");
	CU_ASSERT_STRING_EQUAL(r.shojo_date, "2025-04-08");
	CU_ASSERT_STRING_EQUAL(NR->shojo_date, "2025-04-08");
	CU_ASSERT_STRING_EQUAL(r.dest_planned_date, PLANNED);
	CU_ASSERT_STRING_EQUAL(r.moved_date_confirmed, "2025-04-08");
	wftest_pair_close(P);
}

/*
 * The confirmed destination (転出先住所(確定), 令13②: corrected to the address
 * in the notice) names the new municipality. (Regression: the 転入通知 used
 * to carry only B's 町字 + 番地.)
 */
static void t_confirmed_destination_names_municipality(void)
{
	struct db_resident r;
	char id[48];

	flow("2025-04-08", "2025-04-07");
	notice_id(id);
	wftest_today(&P->a, "2025-04-09");
	CU_ASSERT_EQUAL_FATAL(notice_apply(&P->a.ctx, id, 0, NR), 0);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[2], &r), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.dest_confirmed, WFTEST_B_NAME));
	wftest_pair_close(P);
}

/*
 * Store a notice at A directly (what a delivery would have stored) about
 * who, from a municipality, with its dates; name/birth NULL: who's own.
 */
static void add_notice_full(const char *id, const struct db_resident *who, const char *from,
                            const char *name, const char *birth, const char *tennyu,
                            const char *notice)
{
	struct db_notice n;

	memset(&n, 0, sizeof n);
	snprintf(n.msg_id, sizeof n.msg_id, "%s", id);
	snprintf(n.from_code, sizeof n.from_code, "%s", from);
	strcpy(n.received_at, "2025-04-09T10:00:00");
	strcpy(n.juminhyo_code, who->juminhyo_code);
	strcpy(n.kojin_bango, who->kojin_bango);
	snprintf(n.name, sizeof n.name, "%s", name ? name : who->name);
	snprintf(n.birth, sizeof n.birth, "%s", birth ? birth : who->birth);
	strcpy(n.sex, who->sex);
	strcpy(n.new_address, "兵庫県宝塚市栄町一丁目1番1号");
	snprintf(n.tennyu_date, sizeof n.tennyu_date, "%s", tennyu);
	snprintf(n.notice_date, sizeof n.notice_date, "%s", notice);
	CU_ASSERT_EQUAL_FATAL(db_inbox_add_notice(P->a.db, &n), 0);
}

/* A notice from B of a 転入 on 04-07, sent 04-08 (name/birth NULL: who's own). */
static void add_notice(const char *id, const struct db_resident *who, const char *name,
                       const char *birth)
{
	add_notice_full(id, who, WFTEST_B_CODE, name, birth, "2025-04-07", "2025-04-08");
}

/* A notice with its sender and dates, about who as on record. */
static void add_notice_from(const char *id, const struct db_resident *who, const char *from,
                            const char *tennyu, const char *notice)
{
	add_notice_full(id, who, from, NULL, NULL, tennyu, notice);
}

/*
 * A family of three at A whose child moves to B on PLANNED. OUT: the rows of
 * the head (never moved out), the child, and nobody (the child's with a
 * 住民票コード and 個人番号 no one has).
 */
static void refusal_setup(struct db_resident *head, struct db_resident *kid,
                          struct db_resident *nobody)
{
	static const int child[] = { 2 };

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "notice", 1, 3, 0, "2025-04-01", "2025-04-08"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 1, child, WFTEST_B_CODE, PLANNED, 0, 0), 0);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[0], head), 0);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[2], kid), 0);
	*nobody = *kid;
	wftest_jcode(4444, nobody->juminhyo_code);
	wftest_kojin(4444, nobody->kojin_bango);
}

static void t_notice_refusals(void)
{
	struct db_resident head, kid, nobody;
	int applied = -1, failed = -1;

	refusal_setup(&head, &kid, &nobody);
	add_notice("282146-000000901", &head, NULL, NULL);          /* never moved out */
	add_notice("282146-000000902", &kid, "山田\u3000一朗", NULL); /* another name */
	add_notice("282146-000000903", &kid, NULL, "2010-03-04");    /* another birth */
	add_notice("282146-000000904", &nobody, NULL, NULL);         /* not in the register */
	wftest_today(&P->a, "2025-04-09");
	CU_ASSERT_EQUAL(notice_apply(&P->a.ctx, "282146-000000901", 0, NR), MG_ERULE);
	CU_ASSERT_EQUAL(level_of(&NR->checks, MSG("chk_notice_not_moved_out")), CHECK_ERROR);
	CU_ASSERT_EQUAL(notice_apply(&P->a.ctx, "282146-000000902", 0, NR), MG_ERULE);
	CU_ASSERT_EQUAL(level_of(&NR->checks, MSG("chk_notice_mismatch")), CHECK_ERROR);
	CU_ASSERT_EQUAL(notice_apply(&P->a.ctx, "282146-000000903", 0, NR), MG_ERULE);
	CU_ASSERT_EQUAL(level_of(&NR->checks, MSG("chk_notice_mismatch")), CHECK_ERROR);
	CU_ASSERT_EQUAL(notice_apply(&P->a.ctx, "282146-000000904", 0, NR), MG_ERULE);
	CU_ASSERT_EQUAL(level_of(&NR->checks, MSG("chk_notice_no_person")), CHECK_ERROR);
	CU_ASSERT(wftest_catalog_ok(&NR->checks));
	CU_ASSERT_EQUAL(wftest_audit(P->a.db, "commit"), 2);          /* 転入 + 転出 only */
	/* Apply-all: the refused stay pending; a good one (same person, ASCII space) applies. */
	add_notice("282146-000000905", &kid, "山田 一郎", NULL);
	CU_ASSERT_EQUAL(notice_apply_all(&P->a.ctx, &applied, &failed), 0);
	CU_ASSERT_EQUAL(applied, 1);
	CU_ASSERT_EQUAL(failed, 4);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM notice_inbox WHERE applied_by IS NULL"),
	                4);
	/* The system actor cannot apply a notice. */
	wftest_system(&P->a);
	CU_ASSERT_EQUAL(notice_apply(&P->a.ctx, "282146-000000901", 0, NR), MG_EPERM);
	wftest_clerk(&P->a);
	wftest_pair_close(P);
}

/* Set notice id aside at A: 0, and its row keeps the 受付番号 and why. */
static void declined(const char *id, const char *why, const char *atena)
{
	CU_ASSERT_EQUAL_FATAL(notice_decline(&P->a.ctx, id, NR), 0);
	CU_ASSERT_STRING_EQUAL(NR->declined, why);
	CU_ASSERT(NR->uketsuke_no[0] != '\0');
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM notice_inbox WHERE msg_id = '%s' "
	                "AND applied_by = '%s' AND declined = '%s' AND coalesce(atena_no, '') = '%s'",
	                id, NR->uketsuke_no, why, atena), 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM uketsuke WHERE uketsuke_no = '%s' "
	                "AND workflow = 'tennyu_notice_declined'", NR->uketsuke_no), 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE action = 'commit' AND "
	                "target = '%s' AND detail = 'wf=tennyu_notice_declined msg=%s why=%s atena=%s'",
	                NR->uketsuke_no, id, why, atena), 1);
}

/*
 * rv13dom L1: a notice that can never be applied is set aside (受理しない)
 * with its reason, under a 受付番号 of its own, and leaves the queue; one
 * that can be applied cannot be set aside, nor can one settled already.
 */
static void t_notice_declined(void)
{
	struct db_resident head, kid, nobody;
	struct view_notice_list vl;
	int applied = -1, failed = -1;
	long long commits;

	refusal_setup(&head, &kid, &nobody);
	add_notice("282146-000000901", &head, NULL, NULL);          /* never moved out */
	add_notice("282146-000000904", &nobody, NULL, NULL);         /* not in the register */
	add_notice("282146-000000906", &kid, NULL, NULL);            /* good */
	wftest_today(&P->a, "2025-04-09");

	/* One that can be applied is not set aside: nothing written. */
	commits = wftest_audit(P->a.db, "commit");
	CU_ASSERT_EQUAL(notice_decline(&P->a.ctx, "282146-000000906", NR), MG_ERULE);
	CU_ASSERT_EQUAL(level_of(&NR->checks, MSG("chk_notice_decline_applicable")), CHECK_ERROR);
	CU_ASSERT_STRING_EQUAL(NR->uketsuke_no, "");
	CU_ASSERT_EQUAL(wftest_audit(P->a.db, "commit"), commits);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM notice_inbox WHERE applied_by IS NULL"),
	                3);
	CU_ASSERT_EQUAL(notice_decline(&P->a.ctx, "282146-000000999", NR), MG_ENOTFOUND);

	declined("282146-000000901", "not_moved_out", head.atena_no);
	declined("282146-000000904", "no_person", "");
	CU_ASSERT(wftest_catalog_ok(&NR->checks));
	/* Settled: neither set aside again nor applied. */
	CU_ASSERT_EQUAL(notice_decline(&P->a.ctx, "282146-000000901", NR), MG_ERULE);
	CU_ASSERT_EQUAL(level_of(&NR->checks, MSG("chk_notice_already")), CHECK_ERROR);
	CU_ASSERT_EQUAL(notice_apply(&P->a.ctx, "282146-000000904", 0, NR), MG_ERULE);
	CU_ASSERT_EQUAL(level_of(&NR->checks, MSG("chk_notice_already")), CHECK_ERROR);
	/* Apply-all no longer counts them; the good one applies. */
	CU_ASSERT_EQUAL(notice_apply_all(&P->a.ctx, &applied, &failed), 0);
	CU_ASSERT_EQUAL(applied, 1);
	CU_ASSERT_EQUAL(failed, 0);
	/* A second notice for the confirmed child: set aside as such. */
	add_notice("282146-000000907", &kid, NULL, NULL);
	declined("282146-000000907", "already", kid.atena_no);
	CU_ASSERT_EQUAL_FATAL(view_notice_load(&P->a.ctx, 0, &vl), 0);
	CU_ASSERT_EQUAL(vl.n, 4);
	CU_ASSERT_EQUAL(vl.pending, 0);
	for (int i = 0; i < vl.n; i++)
		CU_ASSERT_EQUAL(strcmp(vl.rows[i].msg_id, "282146-000000906") == 0,
		                vl.rows[i].declined[0] == '\0');
	view_notice_free(&vl);
	CU_ASSERT_STRING_EQUAL(notice_declined_msgid("mismatch"), MSG("nt_declined_mismatch"));
	CU_ASSERT_STRING_EQUAL(notice_declined_msgid("dates"), MSG("nt_declined_dates"));
	CU_ASSERT_STRING_EQUAL(notice_declined_msgid("?"), MSG("nt_declined_other"));
	/* The system actor cannot set a notice aside. */
	add_notice("282146-000000908", &nobody, NULL, NULL);
	wftest_system(&P->a);
	CU_ASSERT_EQUAL(notice_decline(&P->a.ctx, "282146-000000908", NR), MG_EPERM);
	wftest_clerk(&P->a);
	wftest_pair_close(P);
}

/* Apply notice id at A (today 04-09): 0 or the one finding it raises. */
static int notice_finding(const char *id, const char *msgid, int level)
{
	int rc = notice_apply(&P->a.ctx, id, 0, NR);

	if (msgid)
		CU_ASSERT_EQUAL(level_of(&NR->checks, msgid), level);
	CU_ASSERT(wftest_catalog_ok(&NR->checks));
	return rc;
}

/*
 * rv5inp H2: a 転入通知's dates are checked against the record before its
 * 転入日 becomes the 消除日 (the day before, on and after each bound), and
 * one from another municipality than planned needs the clerk's confirmation
 * (apply-all leaves it pending).
 */
static void t_notice_dates_and_sender(void)
{
	static const int child[] = { 2 };
	struct db_resident kid, r;
	int applied = -1, failed = -1;

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "notice", 1, 3, 0, "2025-04-01", "2025-04-08"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 1, child, WFTEST_B_CODE, PLANNED, 0, 0), 0);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[2], &kid), 0);
	CU_ASSERT_STRING_EQUAL_FATAL(kid.jusho_date, "2025-03-01");
	wftest_today(&P->a, "2025-04-09");
	add_notice_from("282146-000000911", &kid, WFTEST_B_CODE, "2025-04-10", "2025-04-10");
	CU_ASSERT_EQUAL(notice_finding("282146-000000911", MSG("chk_notice_tennyu_future"),
	                               CHECK_ERROR), MG_ERULE);
	add_notice_from("282146-000000912", &kid, WFTEST_B_CODE, "2025-02-28", "2025-04-08");
	CU_ASSERT_EQUAL(notice_finding("282146-000000912", MSG("chk_notice_tennyu_too_early"),
	                               CHECK_ERROR), MG_ERULE);
	add_notice_from("282146-000000913", &kid, WFTEST_B_CODE, "2025-04-07", "2025-04-06");
	CU_ASSERT_EQUAL(notice_finding("282146-000000913", MSG("chk_notice_date_invalid"),
	                               CHECK_ERROR), MG_ERULE);
	add_notice_from("282146-000000914", &kid, WFTEST_B_CODE, "2025-04-07", "2025-04-10");
	CU_ASSERT_EQUAL(notice_finding("282146-000000914", MSG("chk_notice_date_invalid"),
	                               CHECK_ERROR), MG_ERULE);
	add_notice_from("271004-000000915", &kid, WFTEST_C_CODE, "2025-03-01", "2025-03-01");
	CU_ASSERT_EQUAL(notice_finding("271004-000000915", MSG("chk_notice_other_muni"), CHECK_ALERT),
	                MG_ERULE);
	CU_ASSERT_EQUAL(level_of(&NR->checks, MSG("chk_notice_tennyu_too_early")), 0);
	CU_ASSERT_EQUAL(level_of(&NR->checks, MSG("chk_notice_date_invalid")), 0);
	CU_ASSERT_EQUAL(NR->checks.n, 1);
	CU_ASSERT_EQUAL(wftest_audit(P->a.db, "commit"), 2);          /* 転入 + 転出 only */
	CU_ASSERT_EQUAL(notice_apply_all(&P->a.ctx, &applied, &failed), 0);
	CU_ASSERT_EQUAL(applied, 0);
	CU_ASSERT_EQUAL(failed, 5);
	/* Confirmed by the clerk: 転出確定 with the real destination, 消除日 its 転入日. */
	CU_ASSERT_EQUAL(notice_apply(&P->a.ctx, "271004-000000915", 1, NR), 0);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[2], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.state, "jyohyo");
	CU_ASSERT_STRING_EQUAL(r.shojo_date, "2025-03-01");
	CU_ASSERT_STRING_EQUAL(r.dest_muni_code, WFTEST_B_CODE);      /* the plan is kept */
	wftest_pair_close(P);
}

/* Run the date job on day as the system actor. */
static void date_job(struct wftest *t, const char *day, struct notice_job *job)
{
	wftest_today(t, day);
	wftest_system(t);
	CU_ASSERT_EQUAL(notice_date_job(&t->ctx, job), 0);
	wftest_clerk(t);
}

static void t_date_job_planned_date(void)
{
	static const int child[] = { 2 };
	struct db_resident r;
	struct notice_job job;
	long long batch0;

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "notice", 1, 3, 0, "2025-04-01", "2025-04-08"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 1, child, WFTEST_B_CODE, PLANNED, 0, 0), 0);
	batch0 = wftest_audit(P->a.db, "batch");
	date_job(&P->a, "2025-04-09", &job);                 /* the day before */
	CU_ASSERT_EQUAL(job.shojo, 0);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[2], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.state, "yotei");
	date_job(&P->a, PLANNED, &job);                      /* on the day */
	CU_ASSERT_EQUAL(job.shojo, 1);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[2], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.state, "jyohyo");
	CU_ASSERT_STRING_EQUAL(r.shojo_date, PLANNED);
	CU_ASSERT_STRING_EQUAL(r.shojo_jiyu, "tenshutsu");
	CU_ASSERT_STRING_EQUAL(r.idou_jiyu, "shojo_tenshutsu");
	CU_ASSERT_STRING_EQUAL(r.todoke_kind, "todoke");        /* the 転出's, in time (rv5 R7) */
	CU_ASSERT_STRING_EQUAL(r.dest_planned_date, PLANNED);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM outbox WHERE kind = 'honnin_update' "
	                "AND uketsuke_no = '%s' AND payload LIKE '%%event=shojo%%'", r.uketsuke_no), 1);
	date_job(&P->a, "2025-04-11", &job);                 /* the day after: nothing more */
	CU_ASSERT_EQUAL(job.shojo, 0);
	CU_ASSERT_EQUAL(wftest_audit(P->a.db, "batch"), batch0 + 3);
	/* A clerk may run it too; an administrator may not. */
	{
		struct session adm = P->a.clerk;

		adm.role = SESSION_ROLE_ADMIN;
		P->a.ctx.sess = &adm;
		CU_ASSERT_EQUAL(notice_date_job(&P->a.ctx, &job), MG_EPERM);
		wftest_clerk(&P->a);
		CU_ASSERT_EQUAL(notice_date_job(&P->a.ctx, &job), 0);
	}
	wftest_pair_close(P);
}

static void t_date_job_erases_information(void)
{
	static const int all[] = { 0, 1, 2 };
	struct notice_job job;

	/* B holds three 転出証明書情報 rows of a 特例転出 planned on 04-10: kept to 05-10. */
	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "notice", 1, 3, 1, "2025-04-01", "2025-04-08"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 3, all, WFTEST_B_CODE, PLANNED, 1, 1), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE expires_on = "
	                "'2025-05-10'"), 3);
	date_job(&P->b, "2025-05-09", &job);
	CU_ASSERT_EQUAL(job.erased, 0);
	date_job(&P->b, "2025-05-10", &job);
	CU_ASSERT_EQUAL(job.erased, 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox"), 3);
	date_job(&P->b, "2025-05-11", &job);
	CU_ASSERT_EQUAL(job.erased, 3);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox"), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM audit WHERE action = 'batch' AND "
	                "detail = 'shojo=0 erased=3 headless=0'"), 1);
	/* And A's 特例転出 persons became 除票 on the planned date. */
	date_job(&P->a, PLANNED, &job);
	CU_ASSERT_EQUAL(job.shojo, 3);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM person WHERE state = 'jyohyo'"), 3);
	wftest_pair_close(P);
}

/*
 * The 世帯主 moved out (planned 04-10) leaving his wife: she becomes 世帯主
 * (令25) when he becomes a 除票 — here by a 転入通知 that arrives before the
 * planned date, on his 転入日 — and not before.
 */
static void t_notice_hands_household_over(void)
{
	static const int head[] = { 0 };
	struct db_resident r;
	struct db_household h;
	char id[48];

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "notice", 1, 2, 0, "2025-04-01", "2025-04-08"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 1, head, WFTEST_B_CODE, PLANNED, 0, 0), 0);
	CU_ASSERT_EQUAL_FATAL(db_household_get(P->a.db, P->fam.setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.head_atena, P->fam.atena[0]);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[1], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.zokugara, "妻");
	wftest_tennyu_req(TQ, WFTEST_A_CODE, "2025-04-07");
	wftest_family(TQ, 1, 1, 0);
	CU_ASSERT_EQUAL_FATAL(tennyu_commit(&P->b.ctx, TQ, TR), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->b, P->cs, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->a, P->cs, NULL), 0);
	notice_id(id);
	wftest_today(&P->a, "2025-04-08");
	CU_ASSERT_EQUAL(notice_apply(&P->a.ctx, id, 0, NR), 0);
	CU_ASSERT_EQUAL(NR->was_yotei, 1);
	CU_ASSERT_EQUAL_FATAL(db_household_get(P->a.db, P->fam.setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.head_atena, P->fam.atena[1]);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[1], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.zokugara, "世帯主");
	CU_ASSERT_STRING_EQUAL(r.idou_jiyu, "setainushi_henko");
	CU_ASSERT_STRING_EQUAL(r.idou_date, "2025-04-07");
	CU_ASSERT_STRING_EQUAL(r.todoke_kind, "shokken");
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM setai_pending"), 0);
	wftest_pair_close(P);
}

/*
 * rv13dom L2: the date job makes the leaving 世帯主 a 除票 on the planned
 * 04-10 and his wife 世帯主 by 職権 that day; his 転入通知 then says he moved
 * on 04-07. The 消除日 moves to 04-07 and her change with it (a row dated
 * 04-07 under the notice's 受付), so no day has a 除票 as 世帯主; the
 * 転出確定 row is dated the day he moved.
 */
/*
 * After the 世帯主 of P's family moved out (planned PLANNED): B registers his
 * 転入 on 04-07, both deliver, A's date job runs on PLANNED (he becomes a
 * 除票, his 世帯 changes 世帯主 that day). Leaves A's today at 04-11 and the
 * notice's id in id[48], not yet applied.
 */
static void late_notice_after_date_job(char *id)
{
	struct notice_job job;

	wftest_tennyu_req(TQ, WFTEST_A_CODE, "2025-04-07");
	wftest_family(TQ, 1, 1, 0);
	CU_ASSERT_EQUAL_FATAL(tennyu_commit(&P->b.ctx, TQ, TR), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->b, P->cs, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->a, P->cs, NULL), 0);
	wftest_today(&P->a, PLANNED);
	wftest_system(&P->a);
	CU_ASSERT_EQUAL_FATAL(notice_date_job(&P->a.ctx, &job), 0);
	CU_ASSERT_EQUAL(job.shojo, 1);
	wftest_clerk(&P->a);
	notice_id(id);
	wftest_today(&P->a, "2025-04-11");
}

/* The member atena's 世帯主 change (before: his row then) moved to the
 * 転入日 2025-04-07 as one more row under the notice's 受付. OUT: *r. */
static void change_moved(const char *atena, const struct db_resident *before,
                         struct db_resident *r)
{
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, atena, r), 0);
	CU_ASSERT_EQUAL(r->rireki_no, before->rireki_no + 1);
	CU_ASSERT_STRING_EQUAL(r->zokugara, before->zokugara);
	CU_ASSERT_STRING_EQUAL(r->idou_jiyu, "setainushi_henko");
	CU_ASSERT_STRING_EQUAL(r->idou_date, "2025-04-07");
	CU_ASSERT_STRING_EQUAL(r->todoke_kind, "shokken");
	CU_ASSERT_STRING_EQUAL(r->uketsuke_no, NR->uketsuke_no);
}

static void t_notice_after_date_job_hands_over_earlier(void)
{
	static const int head[] = { 0 };
	struct db_resident before, r;
	char id[48];

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "notice", 1, 2, 0, "2025-04-01", "2025-04-08"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 1, head, WFTEST_B_CODE, PLANNED, 0, 0), 0);
	late_notice_after_date_job(id);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[1], &before), 0);
	CU_ASSERT_STRING_EQUAL(before.zokugara, "世帯主");
	CU_ASSERT_STRING_EQUAL(before.idou_date, PLANNED);
	CU_ASSERT_EQUAL_FATAL(notice_apply(&P->a.ctx, id, 0, NR), 0);
	CU_ASSERT_EQUAL(NR->was_yotei, 0);
	CU_ASSERT_STRING_EQUAL(NR->shojo_date, "2025-04-07");
	change_moved(P->fam.atena[1], &before, &r);
	CU_ASSERT_STRING_EQUAL(r.shori_date, "2025-04-11");
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[0], &r), 0);
	CU_ASSERT_STRING_EQUAL(r.idou_jiyu, "tenshutsu_kakutei");
	CU_ASSERT_STRING_EQUAL(r.idou_date, "2025-04-07");
	CU_ASSERT_STRING_EQUAL(r.shojo_date, "2025-04-07");
	wftest_pair_close(P);
}

/*
 * The same with the 世帯主 change his 転出届 named (two remain: 妻 becomes
 * 世帯主, the 子 stays 子), which the date job applied on PLANNED under the
 * 転出's 受付: both members' change moves to his 転入日, under the notice's
 * 受付; a member's later 届出 would not move (nt_redo_member).
 */
static void t_notice_after_date_job_moves_planned_change(void)
{
	struct tenshutsu_req *q = calloc(1, sizeof *q);
	struct db_resident before[2], r;
	struct db_household h;
	char id[48];

	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "notice", 1, 3, 0, "2025-04-01", "2025-04-08"), 0);
	strcpy(q->setai_no, P->fam.setai_no);
	q->n = 1;
	strcpy(q->atena[0], P->fam.atena[0]);
	strcpy(q->dest_address, wftest_dest_address(WFTEST_B_CODE));
	strcpy(q->dest_muni_code, WFTEST_B_CODE);
	strcpy(q->planned_date, PLANNED);
	strcpy(q->new_head, P->fam.atena[1]);
	strcpy(q->new_zokugara_atena[0], P->fam.atena[2]);
	strcpy(q->new_zokugara[0], "子");
	CU_ASSERT_EQUAL_FATAL(wftest_move_out_req(&P->a, q, &P->out), 0);
	free(q);
	late_notice_after_date_job(id);
	for (int i = 0; i < 2; i++) {
		CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[1 + i], &before[i]), 0);
		CU_ASSERT_STRING_EQUAL(before[i].idou_jiyu, "setainushi_henko");
		CU_ASSERT_STRING_EQUAL(before[i].idou_date, PLANNED);
		CU_ASSERT_STRING_EQUAL(before[i].todoke_kind, "todoke");
		CU_ASSERT_STRING_EQUAL(before[i].uketsuke_no, P->out.uketsuke_no);
	}
	CU_ASSERT_EQUAL_FATAL(notice_apply(&P->a.ctx, id, 0, NR), 0);
	CU_ASSERT_STRING_EQUAL(NR->shojo_date, "2025-04-07");
	for (int i = 0; i < 2; i++) {
		change_moved(P->fam.atena[1 + i], &before[i], &r);
		CU_ASSERT_STRING_EQUAL(r.head_name, "山田\u3000花子");
	}
	CU_ASSERT_STRING_EQUAL(before[0].zokugara, "世帯主");
	CU_ASSERT_STRING_EQUAL(before[1].zokugara, "子");
	CU_ASSERT_EQUAL_FATAL(db_household_get(P->a.db, P->fam.setai_no, &h), 0);
	CU_ASSERT_STRING_EQUAL(h.head_atena, P->fam.atena[1]);
	wftest_pair_close(P);
}

TESTUTIL_REGISTER(wf_notice)
{
	static const struct testutil_case cases[] = {
		{ "notice before the planned date: 除票 on the 転入日", t_notice_before_planned_date },
		{ "notice after the planned date: 除票 on the planned date", t_notice_after_planned_date },
		{ "notice on the planned date: 除票 on that day", t_notice_on_planned_date },
		{ "notice after the date job: confirmed, 消除日 kept", t_notice_after_date_job },
		{ "notice after the date job, earlier move: 消除日 = 転入日",
		  t_notice_after_date_job_earlier_move },
		{ "notice after the date job moves the 世帯's change to the earlier 消除日",
		  t_notice_after_date_job_hands_over_earlier },
		{ "notice after the date job, earlier move: the filed 世帯主 change moves too",
		  t_notice_after_date_job_moves_planned_change },
		{ "notice makes the leaving 世帯主 a 除票: the 世帯 is handed over",
		  t_notice_hands_household_over },
		{ "confirmed destination names the municipality", t_confirmed_destination_names_municipality },
		{ "refused notices stay pending; apply-all", t_notice_refusals },
		{ "a notice that cannot be applied is set aside (受理しない)", t_notice_declined },
		{ "date job: 転出予定 → 除票 on the planned date", t_date_job_planned_date },
		{ "date job: 転出証明書情報 erased after 予定日+30", t_date_job_erases_information },
		{ "notice dates and sender checked", t_notice_dates_and_sender },
		{ "a rejected 転入通知 sent again by its id (rv5 L4)", t_rejected_notice_resent },
		{ NULL, NULL }
	};

	testutil_suite("wf_notice", suite_init, suite_fini, cases);
}
