/*
 * test_wf_deliver.c — the CS exchange (ARCHITECTURE.md §3): idempotent
 * delivery, a crash after each step ("posted", "marked", "stored", "acked")
 * followed by a normal run delivers every message exactly once, malformed
 * payloads are kept as 'rejected' while the valid ones of the same batch
 * arrive, and the on-demand 転出証明書情報 request (法24の2⑤⑥).
 */
#include "tests/unit/testutil.h"
#include "tests/unit/wftest.h"
#include "app/deliver.h"
#include "app/tokurei.h"
#include "db/db_inbox.h"
#include "db/db_outbox.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLANNED "2025-04-10"

static struct wftest_pair *P;

/* Allocate once. */
static int suite_init(void)
{
	P = calloc(1, sizeof *P);
	return P ? 0 : 1;
}

/* Free. */
static int suite_fini(void)
{
	deliver_fault_hook = NULL;
	wftest_pair_close(P);
	free(P);
	return 0;
}

/* A count over the exchange file. */
static long long cs_count(const char *fmt_where)
{
	struct db *cs = NULL;
	long long n = -1;

	if (db_outbox_cs_open(P->cs, &cs) != 0)
		return -1;
	n = wftest_count(cs, "SELECT count(*) FROM message WHERE %s", fmt_where);
	db_close(cs);
	return n;
}

/* Run SQL on the exchange file (test set-up only). */
static int cs_exec(const char *sql)
{
	struct db *cs = NULL;
	int rc = db_outbox_cs_open(P->cs, &cs);

	if (rc == 0)
		rc = db_exec(cs, sql);
	db_close(cs);
	return rc;
}

/* A's family of three with cards moves out by 特例 to 宝塚市 (not delivered yet). */
static void setup(const char *tag)
{
	static const int all[] = { 0, 1, 2 };

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, tag, 1, 3, 1, "2025-04-01", "2025-04-12"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 3, all, WFTEST_B_CODE, PLANNED, 1, 0), 0);
	/* 3 転入通知 + 3 本人確認情報 of the 転入 from 大阪市, 3 転出証明書情報. */
	CU_ASSERT_EQUAL_FATAL(wftest_count(P->a.db, "SELECT count(*) FROM outbox"), 9);
}

/* Everything arrived exactly once. */
static void delivered_once(void)
{
	CU_ASSERT_EQUAL(cs_count("from_code = '131016'"), 9);
	CU_ASSERT_EQUAL(cs_count("to_code = '282146'"), 3);
	CU_ASSERT_EQUAL(cs_count("to_code = '282146' AND fetched_at IS NULL"), 0);
	/* what the addressee fetched is not kept in the exchange */
	CU_ASSERT_EQUAL(cs_count("fetched_at IS NOT NULL AND payload <> ''"), 0);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM outbox"), 0);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM outbox_sent WHERE sent_at IS NOT NULL"), 9);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox"), 3);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(DISTINCT kojin_bango) FROM tokurei_inbox"), 3);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM inbox_seen WHERE status = 'ok'"), 3);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM inbox_seen"), 3);
}

static void t_idempotent(void)
{
	struct deliver_stats st;

	setup("deliver");
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.sent, 9);
	CU_ASSERT_EQUAL(st.received, 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.sent, 0);
	CU_ASSERT_EQUAL(cs_count("1"), 9);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 3);
	CU_ASSERT_EQUAL(st.rejected, 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 0);
	CU_ASSERT_EQUAL(st.duplicates, 0);
	delivered_once();
	/* The exchange offers them again (e.g. a lost acknowledgement): seen, not applied. */
	CU_ASSERT_EQUAL_FATAL(cs_exec("UPDATE message SET fetched_at = NULL WHERE to_code = '282146'"), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.duplicates, 3);
	CU_ASSERT_EQUAL(st.received, 0);
	delivered_once();
	/* The stored information is what A sent, kept until 予定日 + 30. */
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE from_code = '131016' "
	                "AND planned_date = '" PLANNED "' AND expires_on = '2025-05-10' AND group_id = '%s'",
	                P->out.uketsuke_no), 3);
	/* Every run is logged. */
	CU_ASSERT_EQUAL(wftest_audit(P->a.db, "deliver"), 2);
	CU_ASSERT_EQUAL(wftest_audit(P->b.db, "deliver"), 3);
	wftest_pair_close(P);
}

static void t_refusals(void)
{
	struct deliver_stats st;
	struct session adm;

	setup("deliver");
	CU_ASSERT_EQUAL(deliver_run(&P->a.ctx, NULL, &st), MG_ECS);
	CU_ASSERT_EQUAL(deliver_run(&P->a.ctx, "/nonexistent-dir/cs.db", &st), MG_ECS);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM outbox"), 9);
	adm = P->a.clerk;
	adm.role = SESSION_ROLE_ADMIN;
	P->a.ctx.sess = &adm;
	CU_ASSERT_EQUAL(deliver_run(&P->a.ctx, P->cs, &st), MG_EPERM);
	wftest_system(&P->a);                   /* the batch command's actor may deliver */
	CU_ASSERT_EQUAL(deliver_run(&P->a.ctx, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.sent, 9);
	wftest_clerk(&P->a);
	wftest_pair_close(P);
}

static const char *fault_step;
static int fault_fired;

/* Abort the run once, right after fault_step. */
static int fault_hook(const char *step)
{
	if (!fault_fired && fault_step && strcmp(step, fault_step) == 0) {
		fault_fired = 1;
		return 1;
	}
	return 0;
}

static void t_crash_after_each_step(void)
{
	static const char *const steps[] = { "posted", "marked", "stored", "acked" };

	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		struct deliver_stats sa, sb;
		int ra, rb, received = 0;

		setup("crash");
		fault_step = steps[i];
		fault_fired = 0;
		deliver_fault_hook = fault_hook;
		ra = wftest_deliver(&P->a, P->cs, &sa);
		rb = wftest_deliver(&P->b, P->cs, &sb);
		deliver_fault_hook = NULL;
		CU_ASSERT_EQUAL(fault_fired, 1);
		/* The crashed side reports MG_ECS; the other one ran normally. */
		CU_ASSERT((ra == MG_ECS && rb == 0) || (ra == 0 && rb == MG_ECS));
		received += rb == 0 ? sb.received : 0;
		/* The next normal runs finish the work. */
		CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &sa), 0);
		CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &sb), 0);
		received += sb.received;
		if (strcmp(steps[i], "stored") == 0) {
			CU_ASSERT_EQUAL(sb.duplicates, 3);     /* stored, not acknowledged */
			CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox"), 3);
		} else {
			CU_ASSERT_EQUAL(sb.duplicates, 0);
		}
		/* A crash before B's pull: B's normal runs received all three. */
		if (i < 2)
			CU_ASSERT_EQUAL(received, 3);
		delivered_once();
		wftest_pair_close(P);
	}
	fault_step = NULL;
}

/* Post a message of kind from A to B straight into the exchange. */
static void post_raw(const char *id, const char *kind, const char *payload)
{
	struct db *cs = NULL;
	struct db_message m;

	memset(&m, 0, sizeof m);
	snprintf(m.msg_id, sizeof m.msg_id, "%s", id);
	snprintf(m.kind, sizeof m.kind, "%s", kind);
	strcpy(m.from_code, WFTEST_A_CODE);
	strcpy(m.to_code, WFTEST_B_CODE);
	strcpy(m.created_at, "2025-04-01T09:00:00");
	m.payload = (char *)(uintptr_t)payload;
	CU_ASSERT_EQUAL_FATAL(db_outbox_cs_open(P->cs, &cs), 0);
	CU_ASSERT_EQUAL(db_outbox_cs_post(cs, &m, "2025-04-01T09:00:00"), 0);
	db_close(cs);
}

static void t_malformed_kept_rejected(void)
{
	static const char bad_date[] =
		"v=1\ngroup_id=G\nname=山田　太郎\nname_kana=ヤマダ　タロウ\nbirth=1980-05-10\nsex=1\n"
		"is_head=1\nzokugara=世帯主\njuminhyo_code=50000104740\nprev_address=x\n"
		"dest_address=y\nplanned_date=2025-02-30";
	struct deliver_stats st;
	long long n = -1;
	char buf[512];

	setup("malformed");
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->a, P->cs, NULL), 0);
	post_raw("131016-900000001", "tenshutsu_info", "not a payload");
	post_raw("131016-900000002", "what_is_this", "v=1\nx=1");
	post_raw("131016-900000003", "tenshutsu_info", bad_date);
	post_raw("131016-900000004", "tennyu_notice", "v=1\nname=x\nbirth=1980-01-01\nsex=1\n"
	         "new_address=a\ntennyu_date=2025-04-01\nnotice_date=2025-04-02");
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	/* The valid ones of the same batch arrive. */
	CU_ASSERT_EQUAL(st.received, 3);
	CU_ASSERT_EQUAL(st.rejected, 4);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox"), 3);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM notice_inbox"), 0);
	CU_ASSERT_EQUAL(cs_count("to_code = '282146' AND fetched_at IS NULL"), 0);
	/* what the addressee fetched is not kept in the exchange */
	CU_ASSERT_EQUAL(cs_count("fetched_at IS NOT NULL AND payload <> ''"), 0);
	/* The bad ones are kept whole, as rejected, with the reason. */
	CU_ASSERT_EQUAL(db_inbox_rejected_count(P->b.db, &n), 0);
	CU_ASSERT_EQUAL(n, 4);
	wftest_text(P->b.db, buf, sizeof buf, "SELECT payload FROM inbox_seen WHERE msg_id = "
	            "'131016-900000001'");
	CU_ASSERT_STRING_EQUAL(buf, "not a payload");
	wftest_text(P->b.db, buf, sizeof buf, "SELECT status || ':' || error FROM inbox_seen WHERE "
	            "msg_id = '131016-900000002'");
	CU_ASSERT_STRING_EQUAL(buf, "rejected:unknown_kind");
	wftest_text(P->b.db, buf, sizeof buf, "SELECT status || ':' || error FROM inbox_seen WHERE "
	            "msg_id = '131016-900000003'");
	CU_ASSERT_STRING_EQUAL(buf, "rejected:malformed");
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM inbox_seen WHERE status = 'ok'"), 3);
	/* Offered again, they are not evaluated again. */
	CU_ASSERT_EQUAL_FATAL(cs_exec("UPDATE message SET fetched_at = NULL"), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.duplicates, 7);
	CU_ASSERT_EQUAL(st.rejected, 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM inbox_seen"), 7);
	wftest_pair_close(P);
}

static void t_request_answered(void)
{
	static const int all[] = { 0, 1, 2 };
	struct tokurei_req *q = calloc(1, sizeof *q);
	struct tokurei_result *r = calloc(1, sizeof *r);
	struct deliver_stats st;
	char kojin[13];

	/* A's 特例転出 names 大阪市, but the family moves to 宝塚市 instead. */
	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "request", 1, 3, 1, "2025-04-01", "2025-04-12"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 3, all, WFTEST_C_CODE, PLANNED, 1, 1), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &q->card), 0);
	q->card_submitted = 1;
	strcpy(q->tennyu_date, "2025-04-10");
	strcpy(q->addr_code, WFTEST_TOWN1);
	q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL(tokurei_prepare(&P->b.ctx, q, r), 0);
	CU_ASSERT_EQUAL(r->found, 0);
	/* Bad requests. */
	strcpy(kojin, q->card.kojin_bango);
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, "123456789019", WFTEST_A_CODE, "2025-04-10"), MG_EINVAL);
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, kojin, WFTEST_B_CODE, "2025-04-10"), MG_EINVAL);
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, kojin, "131017", "2025-04-10"), MG_EINVAL);
	wftest_system(&P->b);
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, kojin, WFTEST_A_CODE, "2025-04-10"), MG_EPERM);
	wftest_clerk(&P->b);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM outbox"), 0);
	/* 法24の2⑤: B tells A; ⑥: A answers on its next delivery. */
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, kojin, WFTEST_A_CODE, "2025-04-10"), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM outbox WHERE kind = 'tenshutsu_request' "
	                "AND to_code = '131016'"), 1);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.sent, 1);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.answered, 1);
	CU_ASSERT_EQUAL(st.sent, 3);
	CU_ASSERT_EQUAL(cs_count("to_code = '282146' AND kind = 'tenshutsu_info'"), 3);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 3);
	CU_ASSERT_EQUAL(tokurei_prepare(&P->b.ctx, q, r), 0);
	CU_ASSERT_EQUAL(r->found, 1);
	CU_ASSERT_EQUAL(r->n, 3);
	CU_ASSERT_EQUAL(check_count(&r->checks, CHECK_ERROR), 0);
	CU_ASSERT_EQUAL(tokurei_commit(&P->b.ctx, q, r), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM person"), 3);
	/* A repeated request (same message offered again) is not answered twice. */
	CU_ASSERT_EQUAL_FATAL(cs_exec("UPDATE message SET fetched_at = NULL WHERE kind = 'tenshutsu_request'"),
	                      0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.answered, 0);
	CU_ASSERT_EQUAL(st.duplicates, 1);
	CU_ASSERT_EQUAL(cs_count("to_code = '282146' AND kind = 'tenshutsu_info'"), 3);
	free(q);
	free(r);
	wftest_pair_close(P);
}

/*
 * A request for someone A has no 特例転出 of is not answered, and kept as
 * rejected with its reason (regression: the 'ok' record of a rejected
 * message used to be kept instead, without the payload).
 */
static void t_request_unknown_person(void)
{
	struct deliver_stats st;
	char kojin[13], buf[128];

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "request", 1, 1, 1, "2025-04-01", "2025-04-12"), 0);
	wftest_kojin(9999, kojin);
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, kojin, WFTEST_A_CODE, "2025-04-10"), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.answered, 0);
	CU_ASSERT_EQUAL(st.rejected, 1);
	CU_ASSERT_EQUAL(cs_count("to_code = '282146'"), 0);
	wftest_text(P->a.db, buf, sizeof buf, "SELECT status || ':' || error FROM inbox_seen WHERE "
	            "kind = 'tenshutsu_request'");
	CU_ASSERT_STRING_EQUAL(buf, "rejected:no_tokurei_tenshutsu");
	wftest_pair_close(P);
}

TESTUTIL_REGISTER(wf_deliver)
{
	static const struct testutil_case cases[] = {
		{ "idempotent: twice, and offered again", t_idempotent },
		{ "no exchange, no permission", t_refusals },
		{ "crash after each step, then a normal run", t_crash_after_each_step },
		{ "malformed payloads kept as rejected, valid ones arrive", t_malformed_kept_rejected },
		{ "on-demand request answered by the former municipality", t_request_answered },
		{ "request for an unknown person: rejected", t_request_unknown_person },
		{ NULL, NULL }
	};

	testutil_suite("wf_deliver", suite_init, suite_fini, cases);
}
