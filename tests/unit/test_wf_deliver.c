/*
 * test_wf_deliver.c — the CS exchange (ARCHITECTURE.md §3): idempotent
 * delivery, a crash after each step ("posted", "marked", "stored", "acked")
 * followed by a normal run delivers every message exactly once, malformed
 * payloads are recorded as 'rejected' (id, size, SHA-256, never the
 * payload) while the valid ones of the same batch arrive, oversize payloads
 * and unusable message ids, the exchange never created by a delivery, and
 * the on-demand 転出証明書情報 request (法24の2⑤⑥): 4情報 matched, answered
 * once per group and requester, both sides in the operation log.
 */
#include "tests/unit/testutil.h"
#include "tests/unit/wftest.h"
#include "app/deliver.h"
#include "app/notice.h"
#include "app/tokurei.h"
#include "db/db_inbox.h"
#include "db/db_outbox.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"
#include "app/csmsg.h"

#include <openssl/evp.h>
#include <sqlite3.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

	if (wftest_cs_open(P->cs, &cs) != 0)
		return -1;
	n = wftest_count(cs, "SELECT count(*) FROM message WHERE %s", fmt_where);
	db_close(cs);
	return n;
}

/* Run SQL on the exchange file (test set-up only). */
static int cs_exec(const char *sql)
{
	struct db *cs = NULL;
	int rc = wftest_cs_open(P->cs, &cs);

	if (rc == 0)
		rc = db_exec(cs, sql);
	db_close(cs);
	return rc;
}

/* Hex SHA-256 of len bytes. OUT: out[65]. */
static void sha_hex(const void *p, size_t len, char *out)
{
	unsigned char d[32];
	unsigned int n = 0;

	CU_ASSERT_FATAL(EVP_Digest(p, len, d, &n, EVP_sha256(), NULL) == 1 && n == 32);
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
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
	CU_ASSERT_EQUAL(deliver_run(&P->a.ctx, "/nonexistent-dir/cs.db", &st), MG_ECS_MISSING);
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

/* Post a message straight into the exchange, created and posted at `at`. */
static void post_msg(const char *id, const char *kind, const char *from, const char *to,
                     const char *at, const char *payload)
{
	struct db *cs = NULL;
	struct db_message m;

	memset(&m, 0, sizeof m);
	snprintf(m.msg_id, sizeof m.msg_id, "%s", id);
	snprintf(m.kind, sizeof m.kind, "%s", kind);
	snprintf(m.from_code, sizeof m.from_code, "%s", from);
	snprintf(m.to_code, sizeof m.to_code, "%s", to);
	snprintf(m.created_at, sizeof m.created_at, "%s", at);
	m.payload = (char *)(uintptr_t)payload;
	CU_ASSERT_EQUAL_FATAL(wftest_cs_open(P->cs, &cs), 0);
	CU_ASSERT_EQUAL(db_outbox_cs_post(cs, &m, at), 0);
	db_close(cs);
}

/* Post a message of kind from A to B straight into the exchange. */
static void post_raw(const char *id, const char *kind, const char *payload)
{
	post_msg(id, kind, WFTEST_A_CODE, WFTEST_B_CODE, "2025-04-01T09:00:00", payload);
}

/*
 * rv19cs 2: rows whose msg_id is NULL (the exchange's key allows it) are
 * rejected and acknowledged like any bad row. They were never acknowledged
 * (msg_id = '' never matches NULL), came back on every run, and a batch of
 * them posted first hid every real message behind it for good.
 */
static void t_null_ids_do_not_block(void)
{
	struct deliver_stats st;

	setup("nullid");
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->a, P->cs, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cs_exec("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
	                              "FROM c WHERE i < 250) INSERT INTO message (msg_id, kind, "
	                              "from_code, to_code, created_at, uketsuke_no, payload, "
	                              "posted_at, fetched_at) SELECT NULL, 'tennyu_notice', "
	                              "'131016', '282146', '2025-01-01T00:00:00', NULL, 'v=1', "
	                              "'2000-01-01T00:00:00', NULL FROM c"), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 3);
	/* one record of the invalid id, the rest the same invalid id again */
	CU_ASSERT_EQUAL(st.rejected, 1);
	CU_ASSERT_EQUAL(st.rejected + st.duplicates, 250);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox"), 3);
	CU_ASSERT_EQUAL(cs_count("to_code = '282146' AND fetched_at IS NULL"), 0);
	/* and they do not come back */
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received + st.rejected + st.duplicates, 0);
	wftest_pair_close(P);
}

static void t_malformed_rejected(void)
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
	/* The bad ones are recorded as rejected with the reason, size and SHA-256
	 * of what was offered: not the payload itself. */
	CU_ASSERT_EQUAL(db_inbox_rejected_count(P->b.db, &n), 0);
	CU_ASSERT_EQUAL(n, 4);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM pragma_table_info('inbox_seen') "
	                "WHERE name = 'payload'"), 0);
	sha_hex("not a payload", 13, buf);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM inbox_seen WHERE msg_id = "
	                "'131016-900000001' AND status = 'rejected' AND error = 'malformed' "
	                "AND size = 13 AND sha256 = '%s' AND kind = 'tenshutsu_info' "
	                "AND from_code = '131016'", buf), 1);
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

/* tokurei_request refuses what it cannot vouch for, and writes nothing then. */
static void request_refusals(const struct tokurei_card *good)
{
	long long logged = wftest_audit(P->b.db, "deliver");
	struct tokurei_card c;

	c = *good;
	strcpy(c.kojin_bango, "123456789019");
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &c, WFTEST_A_CODE, "2025-04-10"), MG_EINVAL);
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, good, WFTEST_B_CODE, "2025-04-10"), MG_EINVAL);
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, good, "131017", "2025-04-10"), MG_EINVAL);
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, NULL, WFTEST_A_CODE, "2025-04-10"), MG_EINVAL);
	/* 法24の2⑤: the 転入届's 氏名, 生年月日 and 転入日 are required. */
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, good, WFTEST_A_CODE, ""), MG_EINVAL);
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, good, WFTEST_A_CODE, NULL), MG_EINVAL);
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, good, WFTEST_A_CODE, "2025-02-30"), MG_EINVAL);
	c = *good;
	c.name[0] = '\0';
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &c, WFTEST_A_CODE, "2025-04-10"), MG_EINVAL);
	c = *good;
	c.birth[0] = '\0';
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &c, WFTEST_A_CODE, "2025-04-10"), MG_EINVAL);
	/* Only a card verified genuine vouches for the 4情報 it sends. */
	c = *good;
	c.verdict = TOKUREI_NOT_GENUINE;
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &c, WFTEST_A_CODE, "2025-04-10"),
	                MG_ECARD_NOT_GENUINE);
	c.verdict = TOKUREI_UNCHECKED;
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &c, WFTEST_A_CODE, "2025-04-10"),
	                MG_ECARD_NOT_GENUINE);
	wftest_system(&P->b);
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, good, WFTEST_A_CODE, "2025-04-10"), MG_EPERM);
	wftest_clerk(&P->b);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM outbox"), 0);
	CU_ASSERT_EQUAL(wftest_audit(P->b.db, "deliver"), logged);
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
	request_refusals(&q->card);
	/* The name as typed elsewhere (ASCII space): compared as 特例転入 does. */
	CU_ASSERT_PTR_NOT_NULL_FATAL(strstr(q->card.name, "\u3000"));
	memcpy(strstr(q->card.name, "\u3000"), " ", 1);
	memmove(strchr(q->card.name, ' ') + 1, strchr(q->card.name, ' ') + 3,
	        strlen(strchr(q->card.name, ' ') + 3) + 1);
	/* 法24の2⑤: B tells A; ⑥: A answers on its next delivery. */
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &q->card, WFTEST_A_CODE, "2025-04-10"), 0);
	/* The request is in B's operation log, without the 個人番号. */
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM audit a JOIN outbox o ON "
	                "o.msg_id = a.target WHERE a.action = 'deliver' AND o.kind = "
	                "'tenshutsu_request' AND a.detail = 'request=tenshutsu_info to=131016'"), 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM audit WHERE instr(coalesce(target,'') "
	                "|| coalesce(detail,''), '%s') > 0", kojin), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM outbox WHERE kind = 'tenshutsu_request' "
	                "AND to_code = '131016'"), 1);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.sent, 1);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.answered, 1);
	CU_ASSERT_EQUAL(st.sent, 3);
	CU_ASSERT_EQUAL(cs_count("to_code = '282146' AND kind = 'tenshutsu_info'"), 3);
	/* The answer is in A's operation log: the group, the 宛名番号s sent, the requester. */
	for (int i = 0; i < 3; i++)
		CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE action = 'deliver' "
		                "AND target = '%s' AND detail LIKE 'answer=tenshutsu_info to=282146 "
		                "request=282146-%% atena=%%' AND instr(detail, '%s') > 0",
		                P->out.uketsuke_no, P->fam.atena[i]), 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE instr(coalesce(target,'') "
	                "|| coalesce(detail,''), '%s') > 0", kojin), 0);
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

/* A genuine card of someone A never had (個人番号 from 9999). */
static void stranger_card(struct tokurei_card *c)
{
	memset(c, 0, sizeof *c);
	wftest_kojin(9999, c->kojin_bango);
	strcpy(c->name, "誰\u3000某");
	strcpy(c->birth, "1970-01-01");
	strcpy(c->sex, "1");
	c->verdict = TOKUREI_GENUINE;
}

/*
 * A request for someone A has no 特例転出 of is not answered, and kept as
 * rejected with its reason (regression: the 'ok' record of a rejected
 * message used to be kept instead, without the payload). The reason tells
 * what the person did only to a request that knows their 4情報 (rv19cs 4):
 * a resident's 個人番号 under a made-up 氏名 and 生年月日 gets the same
 * "no_match" as a person A never had.
 */
static void t_request_unknown_person(void)
{
	static const char *const want[3] = { "rejected:no_match", "rejected:no_tokurei_tenshutsu",
	                                     "rejected:no_match" };
	struct deliver_stats st;
	struct tokurei_card card[3];
	char buf[128];

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "request", 1, 1, 1, "2025-04-01", "2025-04-12"), 0);
	stranger_card(&card[0]);
	/* A's resident, who made no 特例転出: with the 4情報, and with a stranger's */
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &card[1]), 0);
	card[2] = card[0];
	strcpy(card[2].kojin_bango, card[1].kojin_bango);
	for (int i = 0; i < 3; i++) {
		CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &card[i], WFTEST_A_CODE, "2025-04-10"), 0);
		CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
		CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
		CU_ASSERT_EQUAL(st.answered, 0);
		CU_ASSERT_EQUAL(st.rejected, 1);
		wftest_text(P->a.db, buf, sizeof buf, "SELECT status || ':' || error FROM inbox_seen "
		            "WHERE kind = 'tenshutsu_request' ORDER BY msg_id DESC LIMIT 1");
		CU_ASSERT_STRING_EQUAL(buf, want[i]);
	}
	/* No information goes back; the refusals do (rv13dom L4), nothing of the person. */
	CU_ASSERT_EQUAL(cs_count("to_code = '282146' AND kind = 'tenshutsu_info'"), 0);
	CU_ASSERT_EQUAL(cs_count("to_code = '282146' AND kind = 'tenshutsu_refusal'"), 3);
	CU_ASSERT_EQUAL(cs_count("to_code = '282146'"), 3);
	wftest_pair_close(P);
}

/* 1 when the file holds the bytes of s (a registry's own file, after a checkpoint). */
static int file_has(const char *path, const char *s)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;
	int found = 0;

	if (!f)
		return 0;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n);
		if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n)
			found = memmem(buf, (size_t)n, s, strlen(s)) != NULL;
	}
	free(buf);
	fclose(f);
	return found;
}

/* Write a whole file. */
static void put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(text, f);
	fclose(f);
}

/*
 * rv-input 2: delivery never creates the exchange. A missing path, a
 * directory, an empty or non-SQLite file and a database without the message
 * table are each refused with their own code; nothing is sent, nothing is
 * written to the wrong file. The explicit set-up step creates it.
 */
static void t_exchange_never_created(void)
{
	char missing[600], dir[600], text[600], empty[600];
	struct deliver_stats st;
	struct db *cs = NULL;
	struct stat sb;

	setup("nocreate");
	snprintf(missing, sizeof missing, "%s", testutil_path("nocreate_typo-cs.db"));
	snprintf(dir, sizeof dir, "%s", testutil_path("nocreate_dir"));
	snprintf(text, sizeof text, "%s", testutil_path("nocreate_text"));
	snprintf(empty, sizeof empty, "%s", testutil_path("nocreate_empty"));
	wftest_unlink(missing);
	rmdir(dir);
	CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0700) == 0 || errno == EEXIST, 1);
	put_file(text, "this is not an exchange\n");
	put_file(empty, "");

	CU_ASSERT_EQUAL(deliver_run(&P->a.ctx, missing, &st), MG_ECS_MISSING);
	CU_ASSERT_EQUAL(stat(missing, &sb), -1);          /* not created */
	CU_ASSERT_EQUAL(deliver_run(&P->a.ctx, dir, &st), MG_ECS_NOTFILE);
	CU_ASSERT_EQUAL(deliver_run(&P->a.ctx, text, &st), MG_ECS_NOTCS);
	CU_ASSERT_EQUAL(deliver_run(&P->a.ctx, empty, &st), MG_ECS_NOTCS);
	CU_ASSERT_EQUAL(stat(empty, &sb), 0);
	CU_ASSERT_EQUAL(sb.st_size, 0);
	/* Another registry named as the exchange: refused, and not given a message table. */
	CU_ASSERT_EQUAL(deliver_run(&P->a.ctx, P->b.path, &st), MG_ECS_NOTCS);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM sqlite_schema WHERE name = 'message'"), 0);
	/* Nothing was marked sent, nothing logged as a delivery. */
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM outbox"), 9);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM outbox_sent"), 0);
	CU_ASSERT_EQUAL(wftest_audit(P->a.db, "deliver"), 0);
	/* The set-up step never overwrites what is there. */
	CU_ASSERT_EQUAL(db_outbox_cs_create(text, &cs), MG_ECS_NOTCS);
	CU_ASSERT_PTR_NULL(cs);
	CU_ASSERT(file_has(text, "this is not an exchange"));
	CU_ASSERT_EQUAL(db_outbox_cs_create(dir, &cs), MG_ECS_NOTFILE);
	CU_ASSERT_EQUAL(db_outbox_cs_create(P->cs, &cs), MG_EEXISTS);
	db_close(cs);
	cs = NULL;
	/* Created explicitly (0600), then delivery works. */
	CU_ASSERT_EQUAL(db_outbox_cs_create(missing, &cs), 0);
	db_close(cs);
	CU_ASSERT_EQUAL(stat(missing, &sb), 0);
	CU_ASSERT_EQUAL(sb.st_mode & 0777, 0600);
	CU_ASSERT_EQUAL(deliver_run(&P->a.ctx, missing, &st), 0);
	CU_ASSERT_EQUAL(st.sent, 9);
	wftest_unlink(missing);
	unlink(text);
	unlink(empty);
	rmdir(dir);
	wftest_pair_close(P);
}

/*
 * rv19cs 7: cs-init failing part way (every allocation from the Nth fails)
 * leaves no file behind, so the next cs-init makes the exchange; it never
 * leaves a half-made file that it would then refuse as "not an exchange".
 */
static void t_cs_create_failure_leaves_nothing(void)
{
	const char *p = testutil_path("csfault-cs.db");
	char side[600];
	struct stat sb;
	int failed = 0, ok = 0;

	for (long n = 1; n < 20000 && !ok; n += n < 400 ? 1 : 7) {
		struct db *cs = NULL;
		int rc;

		wftest_unlink(p);
		testutil_fault_arm(n);
		rc = db_outbox_cs_create(p, &cs);
		testutil_fault_arm(0);
		if (rc == 0) {
			ok = !testutil_fault_fired();
			db_close(cs);
			continue;
		}
		failed++;
		CU_ASSERT_PTR_NULL(cs);
		CU_ASSERT(rc == MG_ENOMEM || rc == MG_EIO || rc == MG_EDB);
		CU_ASSERT_EQUAL(stat(p, &sb), -1);
		snprintf(side, sizeof side, "%s-wal", p);
		CU_ASSERT_EQUAL(stat(side, &sb), -1);
		/* And the next cs-init makes it. */
		CU_ASSERT_EQUAL(db_outbox_cs_create(p, &cs), 0);
		db_close(cs);
	}
	CU_ASSERT(failed > 0);
	CU_ASSERT(ok);
	{
		struct db *cs = NULL;

		CU_ASSERT_EQUAL(db_outbox_cs_attach(p, &cs), 0);   /* a whole exchange */
		db_close(cs);
	}
	wftest_unlink(p);
}

/* What db_outbox_cs_pending gave for the oversize row. */
struct big_seen {
	int n, over_cap, payload_null;
	long long size;
	char sha[65];
};

/* Keep what the walker says of each row. */
static int big_fn(void *arg, const struct db_message *m)
{
	struct big_seen *b = arg;

	if (strcmp(m->msg_id, "131016-900000010") == 0) {
		b->over_cap = m->over_cap;
		b->payload_null = m->payload == NULL;
		b->size = m->size;
		memcpy(b->sha, m->sha256, sizeof b->sha);
	}
	b->n++;
	return 0;
}

/*
 * rv-input 3: a payload over CSMSG_MAX_SIZE is never loaded: it is
 * acknowledged as rejected ("too_large") with its size and SHA-256 only.
 */
static void t_oversize_rejected_unread(void)
{
	size_t big = (size_t)CSMSG_MAX_SIZE + 1;
	char *payload = malloc(big + 1), sha[65];
	struct big_seen b;
	struct deliver_stats st;
	struct db *cs = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(payload);
	setup("oversize");
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->a, P->cs, NULL), 0);
	memset(payload, 'x', big);
	memcpy(payload, "v=1\nname=", 9);
	payload[big] = '\0';
	post_raw("131016-900000010", "tenshutsu_info", payload);
	sha_hex(payload, big, sha);
	/* The walker reports the size and digest, but not the bytes. */
	memset(&b, 0, sizeof b);
	CU_ASSERT_EQUAL_FATAL(wftest_cs_open(P->cs, &cs), 0);
	CU_ASSERT_EQUAL(db_outbox_cs_pending(cs, WFTEST_B_CODE, CSMSG_MAX_SIZE, big_fn, &b), 4);
	db_close(cs);
	CU_ASSERT_EQUAL(b.over_cap, 1);
	CU_ASSERT_EQUAL(b.payload_null, 1);
	CU_ASSERT_EQUAL(b.size, (long long)big);
	CU_ASSERT_STRING_EQUAL(b.sha, sha);
	/* Delivery: the three real ones arrive, the big one is rejected and acknowledged. */
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 3);
	CU_ASSERT_EQUAL(st.rejected, 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM inbox_seen WHERE msg_id = "
	                "'131016-900000010' AND status = 'rejected' AND error = 'too_large' AND "
	                "size = %zu AND sha256 = '%s'", big, sha), 1);
	CU_ASSERT_EQUAL(cs_count("msg_id = '131016-900000010' AND fetched_at IS NOT NULL "
	                         "AND payload = ''"), 1);
	/* Exactly at the cap is read (and parsed: here, malformed). */
	payload[CSMSG_MAX_SIZE] = '\0';
	post_raw("131016-900000011", "tenshutsu_info", payload);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.rejected, 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM inbox_seen WHERE msg_id = "
	                "'131016-900000011' AND error = 'malformed' AND size = %d", CSMSG_MAX_SIZE), 1);
	free(payload);
	wftest_pair_close(P);
}

/*
 * rv-input 3 / 令24の4: a rejected 転出証明書情報 leaves no trace of its
 * 個人番号 or name in the registry file.
 */
static void t_rejected_keeps_no_payload(void)
{
	char kojin[13], payload[1024];
	struct deliver_stats st;

	setup("nopayload");
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->a, P->cs, NULL), 0);
	wftest_kojin(777771, kojin);
	snprintf(payload, sizeof payload,
	         "v=1\ngroup_id=G\nname=秘密\u3000花子\nname_kana=ヒミツ　ハナコ\nbirth=1980-05-10\n"
	         "sex=2\nis_head=1\nzokugara=世帯主\njuminhyo_code=50000104740\nkojin_bango=%s\n"
	         "prev_address=x\ndest_address=y\nplanned_date=2025-02-30", kojin);
	post_raw("131016-900000020", "tenshutsu_info", payload);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.rejected, 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM inbox_seen WHERE msg_id = "
	                "'131016-900000020' AND status = 'rejected'"), 1);
	CU_ASSERT_EQUAL_FATAL(db_exec(P->b.db, "PRAGMA wal_checkpoint(TRUNCATE)"), 0);
	wftest_close(&P->b);
	CU_ASSERT(!file_has(P->b.path, kojin));
	CU_ASSERT(!file_has(P->b.path, "秘密"));
	wftest_pair_close(P);
}

/* Post a row into the exchange with SQL (ids of any type and length). */
static void post_sql(const char *id_sql, const char *from, const char *payload)
{
	char *sql = sqlite3_mprintf("INSERT INTO message VALUES (%s, 'tennyu_notice', %Q, '282146', "
	                            "'2025-04-01T09:00:00', NULL, %Q, '2025-04-01T09:00:0%d', NULL)",
	                            id_sql, from, payload, 0);

	CU_ASSERT_PTR_NOT_NULL_FATAL(sql);
	CU_ASSERT_EQUAL(cs_exec(sql), 0);
	sqlite3_free(sql);
}

/*
 * rv-input 4: message ids are validated. Two long ids sharing their first
 * 47 bytes are two messages, each acknowledged under its exact id; a BLOB id
 * and an id with a NUL are acknowledged too (they never come back); an id
 * that names another sender's code is refused, and that sender's real
 * message with the same id is then received, not taken for a duplicate.
 */
static void t_msg_id_validated(void)
{
	char notice[512], kojin[13];
	struct deliver_stats st;

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "msgid", 1, 1, 1, "2025-04-01", "2025-04-12"), 0);
	wftest_kojin(4242, kojin);
	snprintf(notice, sizeof notice, "v=1\nfrom_name=大阪市\njuminhyo_code=\nkojin_bango=%s\n"
	         "name=x\nbirth=1980-01-01\nsex=1\n"
	         "new_address=a\ntennyu_date=2025-04-01\nnotice_date=2025-04-02", kojin);
	post_sql("'131016-' || printf('%060d', 1) || 'L1'", "131016", notice);
	post_sql("'131016-' || printf('%060d', 1) || 'L2'", "131016", notice);
	post_sql("x'0031333130313600'", "131016", notice);
	post_sql("CAST(x'3133313031362d310078797a' AS TEXT)", "131016", notice);
	post_sql("'271004-000000001'", "131016", notice);        /* another sender's id */
	post_sql("'131016-000000777'", "13101", notice);         /* a bad sender code */
	CU_ASSERT_EQUAL(cs_count("fetched_at IS NULL"), 6);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 0);
	CU_ASSERT_EQUAL(st.duplicates, 0);
	CU_ASSERT_EQUAL(st.rejected, 6);
	/* All acknowledged under their exact ids: nothing comes back. */
	CU_ASSERT_EQUAL(cs_count("fetched_at IS NULL"), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM inbox_seen WHERE status = 'rejected' "
	                "AND msg_id LIKE 'invalid:%%' AND length(msg_id) = 72"), 6);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM inbox_seen WHERE error = 'bad_msg_id'"), 5);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM inbox_seen WHERE error = 'bad_sender'"), 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM notice_inbox"), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.rejected + st.duplicates + st.received, 0);
	/* Offered again: each is recognised as itself. */
	CU_ASSERT_EQUAL_FATAL(cs_exec("UPDATE message SET fetched_at = NULL"), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.duplicates, 6);
	CU_ASSERT_EQUAL(st.rejected, 0);
	CU_ASSERT_EQUAL(cs_count("fetched_at IS NULL"), 0);
	/* 大阪市's own message with the id 131016 tried to take: received. */
	CU_ASSERT_EQUAL_FATAL(cs_exec("DELETE FROM message WHERE msg_id = '271004-000000001'"), 0);
	post_sql("'271004-000000001'", "271004", notice);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 1);
	CU_ASSERT_EQUAL(st.duplicates, 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM notice_inbox WHERE msg_id = "
	                "'271004-000000001' AND from_code = '271004'"), 1);
	/* The validator itself. */
	CU_ASSERT(csmsg_id_valid("131016-1", 8, "131016"));
	CU_ASSERT(csmsg_id_valid("131016-0000000000000000000000000000000000000001", 47, "131016"));
	CU_ASSERT(!csmsg_id_valid("131016-00000000000000000000000000000000000000001", 48, "131016"));
	CU_ASSERT(!csmsg_id_valid("131016-", 7, "131016"));
	CU_ASSERT(!csmsg_id_valid("131016-1a", 9, "131016"));
	CU_ASSERT(!csmsg_id_valid("131016-1", 8, "271004"));
	CU_ASSERT(!csmsg_id_valid("131016_1", 8, "131016"));
	CU_ASSERT(!csmsg_id_valid("131016-1\0" "2", 10, "131016"));
	wftest_pair_close(P);
}

/*
 * rv-input 5 / rv-privacy 5: a request is answered only when its 氏名 and
 * 生年月日 match the 特例転出, once per request; a request
 * carrying only a 個人番号 (the old form) is not answered. Refusals are in
 * the answering side's log; nothing of the person is sent.
 */
static void t_request_must_match(void)
{
	static const int all[] = { 0, 1, 2 };
	struct tokurei_card card, bad;
	struct deliver_stats st;
	char payload[512];

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "match", 1, 3, 1, "2025-04-01", "2025-04-12"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 3, all, WFTEST_C_CODE, PLANNED, 1, 1), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &card), 0);
	/* The old request: a bare 個人番号, posted straight into the exchange. */
	snprintf(payload, sizeof payload, "v=1\nkojin_bango=%s\ntennyu_date=2025-04-10\n"
	         "request_date=2025-04-12\nfrom_name=宝塚市", card.kojin_bango);
	post_msg("282146-900000001", "tenshutsu_request", WFTEST_B_CODE, WFTEST_A_CODE,
	         "2025-04-12T09:00:00", payload);
	/* Wrong 生年月日, then wrong 氏名. */
	bad = card;
	strcpy(bad.birth, "1999-09-09");
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &bad, WFTEST_A_CODE, "2025-04-10"), 0);
	bad = card;
	strcpy(bad.name, "別人\u3000太郎");
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &bad, WFTEST_A_CODE, "2025-04-10"), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.sent, 2);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.answered, 0);
	CU_ASSERT_EQUAL(st.rejected, 3);
	CU_ASSERT_EQUAL(cs_count("to_code = '282146' AND kind = 'tenshutsu_info'"), 0);
	/* The two well-formed requests are told why; the old bare one is not answered. */
	CU_ASSERT_EQUAL(st.refused, 2);
	CU_ASSERT_EQUAL(cs_count("to_code = '282146' AND kind = 'tenshutsu_refusal'"), 2);
	CU_ASSERT_EQUAL(cs_count("kind = 'tenshutsu_refusal' AND instr(payload, "
	                "'answer_to=282146-900000001') > 0"), 0);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM inbox_seen WHERE kind = "
	                "'tenshutsu_request' AND status = 'rejected' AND error = 'malformed'"), 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM inbox_seen WHERE kind = "
	                "'tenshutsu_request' AND status = 'rejected' AND error = 'no_match'"), 2);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE action = 'deliver' "
	                "AND detail LIKE 'answer=refused to=282146 request=282146-%% reason=%%'"), 3);
	/* The matching request is answered. */
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &card, WFTEST_A_CODE, "2025-04-10"), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM audit WHERE action = 'deliver' "
	                "AND detail = 'request=tenshutsu_info to=131016'"), 3);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.answered, 1);
	CU_ASSERT_EQUAL(st.rejected + st.refused, 0);
	CU_ASSERT_EQUAL(st.sent, 3);
	CU_ASSERT_EQUAL(cs_count("to_code = '282146' AND kind = 'tenshutsu_info'"), 3);
	/* rv19cs 3: the answer is damaged on its way, so B rejects it ... */
	CU_ASSERT_EQUAL_FATAL(cs_exec("UPDATE message SET payload = replace(payload, 'birth=', "
	                              "'birth=9') WHERE kind = 'tenshutsu_info'"), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.rejected, 3);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox"), 0);
	/* ... and asks again: answered again, logged as a repeat, and stored. */
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &card, WFTEST_A_CODE, "2025-04-11"), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.answered, 1);
	CU_ASSERT_EQUAL(st.rejected + st.refused, 0);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM tenshutsu_answer WHERE "
	                "group_id = '%s' AND requester = '282146'", P->out.uketsuke_no), 2);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE action = 'deliver' "
	                "AND detail LIKE 'answer=tenshutsu_info to=282146 %%'"), 2);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE action = 'deliver' "
	                "AND detail LIKE 'answer=tenshutsu_info to=282146 %% repeat=2'"), 1);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 3);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox"), 3);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE instr(coalesce(target,'') "
	                "|| coalesce(detail,''), '%s') > 0", card.kojin_bango), 0);
	wftest_pair_close(P);
}

/* A registry file at path made by the migrations up to version, then rows (SQL). */
static void registry_at_version(const char *path, int version, const char *rows)
{
	sqlite3 *h = NULL;
	char *sql;
	int ok = 1;

	wftest_unlink(path);
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &h), SQLITE_OK);
	for (const struct db_migration *m = gen_migrations; ok && m->version && m->version <= version;
	     m++)
		ok = sqlite3_exec(h, m->sql, NULL, NULL, NULL) == SQLITE_OK;
	CU_ASSERT_FATAL(ok);
	sql = sqlite3_mprintf("PRAGMA user_version=%d;%s", version, rows);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sql);
	CU_ASSERT_EQUAL_FATAL(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(sql);
	sqlite3_close(h);
}

/* Migration 006: rejected rows of an older registry lose their payload, keep their size. */
static void t_migration_6_drops_rejected_payload(void)
{
	const char *p = testutil_path("mig6.db");
	struct db *db = NULL;

	registry_at_version(p, 5,
	        "INSERT INTO inbox_seen VALUES ('131016-1','tenshutsu_info','131016',"
	        "  '2025-04-01T09:00:00','rejected','malformed','v=1\nkojin_bango=123456789018');"
	        "INSERT INTO inbox_seen VALUES ('131016-2','tennyu_notice','131016',"
	        "  '2025-04-01T09:00:00','ok','',NULL);");
	CU_ASSERT_EQUAL_FATAL(db_open(p, 0, &db), 0);
	CU_ASSERT_EQUAL(wftest_count(db, "SELECT count(*) FROM pragma_table_info('inbox_seen') "
	                "WHERE name = 'payload'"), 0);
	CU_ASSERT_EQUAL(wftest_count(db, "SELECT count(*) FROM inbox_seen WHERE msg_id = '131016-1' "
	                "AND size = 28 AND sha256 IS NULL AND status = 'rejected'"), 1);
	CU_ASSERT_EQUAL(wftest_count(db, "SELECT count(*) FROM inbox_seen WHERE msg_id = '131016-2' "
	                "AND size IS NULL"), 1);
	CU_ASSERT_EQUAL(wftest_count(db, "SELECT count(*) FROM tenshutsu_answer"), 0);
	CU_ASSERT(db_integrity_ok(db));
	db_close(db);
	CU_ASSERT(!file_has(p, "123456789018"));
}

/* Migration 017: the answers recorded by an older registry are kept, one per request. */
static void t_migration_17_keeps_answers(void)
{
	const char *p = testutil_path("mig17.db");
	struct db *db = NULL;

	registry_at_version(p, 16,
	        "INSERT INTO tenshutsu_answer VALUES ('20250401-0001','282146','282146-000000001',"
	        "  '2025-04-02T09:00:00');"
	        "INSERT INTO tenshutsu_answer VALUES ('20250401-0001','271004','271004-000000007',"
	        "  '2025-04-03T09:00:00');");
	CU_ASSERT_EQUAL_FATAL(db_open(p, 0, &db), 0);
	CU_ASSERT_EQUAL(wftest_count(db, "SELECT count(*) FROM tenshutsu_answer WHERE request_id = "
	                "'282146-000000001' AND group_id = '20250401-0001' AND requester = '282146' "
	                "AND answered_at = '2025-04-02T09:00:00'"), 1);
	CU_ASSERT_EQUAL(wftest_count(db, "SELECT count(*) FROM tenshutsu_answer"), 2);
	{
		int nth = 0;

		/* a second request of 282146: recorded, the second answer to it */
		CU_ASSERT_EQUAL(db_outbox_answer_once(db, "20250401-0001", "282146", "282146-000000002",
		                                      "2025-04-04T09:00:00", &nth), 1);
		CU_ASSERT_EQUAL(nth, 2);
		CU_ASSERT_EQUAL(db_outbox_answer_once(db, "20250401-0001", "282146", "282146-000000002",
		                                      "2025-04-04T09:00:00", &nth), 0);
	}
	CU_ASSERT(db_integrity_ok(db));
	db_close(db);
}

/*
 * The counter guard reads the highest nine-digit serial of ours: from the
 * exchange, then from outbox_sent. Ids of another form or prefix are not
 * ours and move nothing.
 */
static void t_counter_guard_highest_serial(void)
{
	struct deliver_stats st;
	char buf[512];

	setup("guard");
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.sent, 9);
	CU_ASSERT_EQUAL(cs_count("msg_id = '131016-000000009'"), 1);
	CU_ASSERT_EQUAL(cs_count("msg_id > '131016-000000009' AND msg_id < '131016.'"), 0);
	/* The sent list restored without its rows, and rows that are not our ids. */
	CU_ASSERT_EQUAL_FATAL(db_exec(P->a.db,
		"DELETE FROM outbox_sent; UPDATE counter SET value = 0 WHERE name = 'msg';"
		"INSERT INTO outbox_sent (msg_id, kind, to_code, created_at, sent_at) VALUES"
		" ('131016-9999999999', 'x', '271004', '2025-04-12T10:00:00', '2025-04-12T10:00:00'),"
		" ('131016-99999999x', 'x', '271004', '2025-04-12T10:00:00', '2025-04-12T10:00:00'),"
		" ('131017-000000900', 'x', '271004', '2025-04-12T10:00:00', '2025-04-12T10:00:00'),"
		" ('131016-00000080', 'x', '271004', '2025-04-12T10:00:00', '2025-04-12T10:00:00')"), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.sent, 0);
	CU_ASSERT_EQUAL(st.counter_advanced, 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT value FROM counter WHERE name = 'msg'"), 9);
	/* A sent serial above the exchange's: the counter goes past it. */
	CU_ASSERT_EQUAL_FATAL(db_exec(P->a.db,
		"UPDATE counter SET value = 3 WHERE name = 'msg';"
		"INSERT INTO outbox_sent (msg_id, kind, to_code, created_at, sent_at) VALUES"
		" ('131016-000000500', 'x', '271004', '2025-04-12T10:00:00', '2025-04-12T10:00:00')"),
		0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.counter_advanced, 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT value FROM counter WHERE name = 'msg'"), 500);
	wftest_text(P->a.db, buf, sizeof buf, "SELECT detail FROM audit WHERE action = 'deliver' "
	            "ORDER BY seq DESC LIMIT 1");
	CU_ASSERT_STRING_EQUAL(buf, "sent=0 to=- msg_counter=3->500");
	/* Nothing below it moves it back. */
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.counter_advanced, 0);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT value FROM counter WHERE name = 'msg'"), 500);
	wftest_pair_close(P);
}

/*
 * rv5 H1: an outbox message whose id the exchange holds for a different
 * message (the registry restored from a backup, its counter gone back) is
 * neither counted as sent nor dropped: it stays in the outbox, the run says
 * so, and the other messages go. The counter is moved past every serial
 * already used, in the push's transaction, and the log says so.
 */
static void t_msg_id_reused(void)
{
	struct deliver_stats st;
	struct db_message m;
	char buf[512];

	setup("reuse");
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.sent, 9);
	CU_ASSERT_EQUAL(st.counter_advanced, 0);
	/* The restored registry: no outbox_sent, counter back at 0; its next message reuses an id. */
	CU_ASSERT_EQUAL_FATAL(db_exec(P->a.db, "DELETE FROM outbox_sent; "
	                              "UPDATE counter SET value = 0 WHERE name = 'msg'"), 0);
	memset(&m, 0, sizeof m);
	strcpy(m.msg_id, "131016-000000001");
	m.seq = 1;
	strcpy(m.kind, "tennyu_notice");
	strcpy(m.to_code, WFTEST_C_CODE);
	strcpy(m.created_at, "2025-04-12T10:00:00");
	m.payload = (char *)(uintptr_t)"v=1\nname=other";
	CU_ASSERT_EQUAL_FATAL(db_outbox_add(P->a.db, &m), 0);
	strcpy(m.msg_id, "131016-000000100");
	m.seq = 100;
	CU_ASSERT_EQUAL_FATAL(db_outbox_add(P->a.db, &m), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), MG_ECS_IDCONFLICT);
	CU_ASSERT_EQUAL(st.sent, 1);
	CU_ASSERT_EQUAL(st.conflicts, 1);
	CU_ASSERT_EQUAL(st.counter_advanced, 1);
	/* Kept, not marked sent; the exchange still holds the first message under that id. */
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM outbox WHERE msg_id = "
	                "'131016-000000001'"), 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM outbox_sent WHERE msg_id = "
	                "'131016-000000001'"), 0);
	CU_ASSERT_EQUAL(cs_count("msg_id = '131016-000000001' AND kind = 'tennyu_notice' AND "
	                         "to_code = '271004' AND payload <> 'v=1\nname=other'"), 1);
	CU_ASSERT_EQUAL(cs_count("msg_id = '131016-000000100'"), 1);
	/* The counter is past the highest serial the exchange holds (100), in the log too. */
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT value FROM counter WHERE name = 'msg'"), 100);
	wftest_text(P->a.db, buf, sizeof buf, "SELECT detail FROM audit WHERE action = 'deliver' "
	            "ORDER BY seq DESC LIMIT 1");
	CU_ASSERT_STRING_EQUAL(buf, "sent=1 to=271004 kept=1 id_in_use=131016-000000001 "
	                       "msg_counter=0->100");
	/* Still refused on the next run; nothing else happens. */
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), MG_ECS_IDCONFLICT);
	CU_ASSERT_EQUAL(st.sent, 0);
	CU_ASSERT_EQUAL(st.counter_advanced, 0);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM outbox"), 1);
	/* The same message posted again (a crash before marking it) is harmless. */
	CU_ASSERT_EQUAL_FATAL(db_exec(P->a.db, "DELETE FROM outbox"), 0);
	CU_ASSERT_EQUAL_FATAL(db_outbox_add(P->a.db, &m), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.sent, 1);
	CU_ASSERT_EQUAL(st.conflicts, 0);
	CU_ASSERT_EQUAL(cs_count("msg_id = '131016-000000100'"), 1);
	wftest_pair_close(P);
}

static struct wftest *nested;

/* At "posted", a second delivery of the same registry runs to its end first. */
static int race_hook(const char *step)
{
	struct deliver_stats st;

	if (nested && strcmp(step, "posted") == 0) {
		struct wftest *t = nested;

		nested = NULL;
		CU_ASSERT_EQUAL(wftest_deliver(t, P->cs, &st), 0);
		CU_ASSERT_EQUAL(st.sent, 9);
	}
	return 0;
}

/*
 * rv5 admin §2: each step's log row is in its own transaction, counting
 * what this process moved: a run stopped after its push or after storing
 * still left its row; two overlapping runs do not both log sent=9.
 */
static void t_log_rows_per_step(void)
{
	struct deliver_stats st;

	setup("logstep");
	fault_step = "marked";
	fault_fired = 0;
	deliver_fault_hook = fault_hook;
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), MG_ECS);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE action = 'deliver' "
	                "AND detail LIKE 'sent=9 to=%%'"), 1);
	fault_step = "stored";
	fault_fired = 0;
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), MG_ECS);
	deliver_fault_hook = NULL;
	fault_step = NULL;
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM audit WHERE action = 'deliver' "
	                "AND detail = 'received=3 duplicates=0 rejected=0 answered=0'"), 1);
	wftest_pair_close(P);

	/* Overlapping runs: the outer one finds its messages moved by the inner one. */
	setup("lograce");
	nested = &P->a;
	deliver_fault_hook = race_hook;
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	deliver_fault_hook = NULL;
	CU_ASSERT_PTR_NULL(nested);
	CU_ASSERT_EQUAL(st.sent, 0);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM outbox_sent"), 9);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE action = 'deliver' "
	                "AND detail LIKE 'sent=9 %%'"), 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE action = 'deliver'"), 2);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE action = 'deliver' "
	                "AND detail LIKE 'sent=0 %%'"), 1);
	wftest_pair_close(P);
}

/* A valid 転出証明書情報 payload with one field replaced (key=value, or "" to keep all). */
static void info_payload(char *out, size_t cap, const char *key, const char *value)
{
	static const char *const f[][2] = {
		{ "group_id", "G9" }, { "name", "山田　太郎" }, { "name_kana", "ヤマダ　タロウ" },
		{ "birth", "1980-05-10" }, { "sex", "1" }, { "is_head", "1" },
		{ "zokugara", "世帯主" }, { "juminhyo_code", "50000104740" },
		{ "prev_address", "x" }, { "dest_address", "y" }, { "planned_date", "2025-04-10" },
		{ "honseki", "z" }, { "from_name", "" }, { "head_name", "" }, { "hittosha", "" },
		{ "kojin_bango", "" }, { "nenkin_kind", "" }, { "kiso_nenkin_no", "" },
		{ "card_issued", "" }, { "card_expiry", "" }
	};
	size_t len = (size_t)snprintf(out, cap, "v=1");

	for (size_t i = 0; i < sizeof f / sizeof f[0] && len < cap; i++)
		len += (size_t)snprintf(out + len, cap - len, "\n%s=%s", f[i][0],
		                        strcmp(f[i][0], key) == 0 ? value : f[i][1]);
}

/* The status:error a message was recorded with. */
static void seen_as(const char *id, const char *want)
{
	char buf[128];

	wftest_text(P->b.db, buf, sizeof buf, "SELECT status || ':' || error FROM inbox_seen "
	            "WHERE msg_id = '%s'", id);
	CU_ASSERT_STRING_EQUAL(buf, want);
}

/*
 * rv5 L2: received fields are validated: 生年月日 by the birth rules, the
 * 転出予定日 within a year of today (9999-12-31 used to wrap 予定日 + 30 to
 * year 0), no control characters after unescaping; 転入通知 birth, sex,
 * 個人番号 too. Each is rejected with its reason and acknowledged.
 */
static void t_fields_validated(void)
{
	static const char *const bad_info[][3] = {
		{ "131016-910000001", "birth", "garbage!!" },
		{ "131016-910000002", "birth", "2030-01-01" },
		{ "131016-910000003", "planned_date", "9999-12-31" },
		{ "131016-910000004", "planned_date", "0001-01-01" },
		{ "131016-910000005", "name", "山田\\n太郎" },
		{ "131016-910000006", "honseki", "a\\tb" },
		{ "131016-910000007", "zokugara", "世帯主\\r" },
	};
	static const char *const why[] = { "birth_invalid", "birth_invalid",
		"planned_date_out_of_range", "planned_date_out_of_range", "control_character",
		"control_character", "control_character" };
	char payload[1024], kojin[13];
	struct deliver_stats st;

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "fields", 1, 1, 1, "2025-04-01", "2025-04-12"), 0);
	for (size_t i = 0; i < sizeof bad_info / sizeof bad_info[0]; i++) {
		info_payload(payload, sizeof payload, bad_info[i][1], bad_info[i][2]);
		post_raw(bad_info[i][0], "tenshutsu_info", payload);
	}
	/* 00 parts are a valid 生年月日 (unknown month/day). */
	info_payload(payload, sizeof payload, "birth", "1980-00-00");
	post_raw("131016-910000008", "tenshutsu_info", payload);
	wftest_kojin(4242, kojin);
	snprintf(payload, sizeof payload, "v=1\nfrom_name=\njuminhyo_code=\nkojin_bango=%s\nname=x\nbirth=zz\nsex=1\n"
	         "new_address=a\ntennyu_date=2025-04-01\nnotice_date=2025-04-02", kojin);
	post_raw("131016-910000011", "tennyu_notice", payload);
	snprintf(payload, sizeof payload, "v=1\nfrom_name=\njuminhyo_code=\nkojin_bango=%s\nname=x\nbirth=1980-01-01\nsex=Q\n"
	         "new_address=a\ntennyu_date=2025-04-01\nnotice_date=2025-04-02", kojin);
	post_raw("131016-910000012", "tennyu_notice", payload);
	post_raw("131016-910000013", "tennyu_notice", "v=1\nfrom_name=\njuminhyo_code=\nkojin_bango=123456789012\nname=x\n"
	         "birth=1980-01-01\nsex=1\nnew_address=a\ntennyu_date=2025-04-01\n"
	         "notice_date=2025-04-02");
	snprintf(payload, sizeof payload, "v=1\nfrom_name=\njuminhyo_code=\nkojin_bango=%s\nname=x\nbirth=1980-01-01\nsex=1\n"
	         "new_address=a\\nb\ntennyu_date=2025-04-01\nnotice_date=2025-04-02", kojin);
	post_raw("131016-910000014", "tennyu_notice", payload);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 1);
	CU_ASSERT_EQUAL(st.rejected, 11);
	for (size_t i = 0; i < sizeof bad_info / sizeof bad_info[0]; i++) {
		char want[64];

		snprintf(want, sizeof want, "rejected:%s", why[i]);
		seen_as(bad_info[i][0], want);
	}
	seen_as("131016-910000008", "ok:");
	seen_as("131016-910000011", "rejected:birth_invalid");
	seen_as("131016-910000012", "rejected:sex_invalid");
	seen_as("131016-910000013", "rejected:kojin_bango_invalid");
	seen_as("131016-910000014", "rejected:control_character");
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox"), 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM notice_inbox"), 0);
	CU_ASSERT_EQUAL(cs_count("fetched_at IS NULL"), 0);
	wftest_pair_close(P);
}

/*
 * rv19cs 8: a second copy of a person's 転出証明書情報 (same sender, group
 * and 住民票コード) is a duplicate only when every field is the same; a copy
 * with a field that differs (a name with a bidi control, another 性別,
 * another 予定日) is rejected "copy_differs", its payload not kept, and the
 * copy held is left as it was.
 */
static void t_differing_copy_rejected(void)
{
	static const char *const other[][3] = {
		{ "131016-920000002", "name", "山田\u202e太郎" },
		{ "131016-920000003", "sex", "2" },
		{ "131016-920000004", "planned_date", "2025-04-11" },
		{ "131016-920000005", "kojin_bango", "" },   /* the same: a duplicate */
	};
	char payload[1024];
	struct deliver_stats st;

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "copydiff", 1, 1, 1, "2025-04-01", "2025-04-12"), 0);
	info_payload(payload, sizeof payload, "", "");
	post_raw("131016-920000001", "tenshutsu_info", payload);
	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
		info_payload(payload, sizeof payload, other[i][1], other[i][2]);
		post_raw(other[i][0], "tenshutsu_info", payload);
	}
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 1);
	CU_ASSERT_EQUAL(st.duplicates, 1);
	CU_ASSERT_EQUAL(st.rejected, 3);
	seen_as("131016-920000001", "ok:");
	seen_as("131016-920000002", "rejected:copy_differs");
	seen_as("131016-920000003", "rejected:copy_differs");
	seen_as("131016-920000004", "rejected:copy_differs");
	seen_as("131016-920000005", "ok:duplicate_copy");
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox"), 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE "
	                "msg_id = '131016-920000001' AND name = '山田　太郎' AND sex = '1' "
	                "AND planned_date = '2025-04-10' AND expires_on = '2025-05-10'"), 1);
	wftest_pair_close(P);
}

/*
 * Fields added after the first senders (rv5 R2, R6): the 方書 is optional (a
 * sender without it gives ""), and an answer_to extends the keeping period
 * only for a request this registry did send to that sender.
 */
static void t_optional_info_fields(void)
{
	char payload[1200];
	size_t len;
	struct deliver_stats st;

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "optional", 1, 1, 1, "2025-04-01", "2025-04-12"), 0);
	info_payload(payload, sizeof payload, "group_id", "G1");
	post_raw("131016-920000001", "tenshutsu_info", payload);
	info_payload(payload, sizeof payload, "group_id", "G2");
	len = strlen(payload);
	snprintf(payload + len, sizeof payload - len, "\nprev_katagaki=サンハイツ101号");
	post_raw("131016-920000002", "tenshutsu_info", payload);
	info_payload(payload, sizeof payload, "group_id", "G3");
	len = strlen(payload);
	snprintf(payload + len, sizeof payload - len, "\nanswer_to=242012-000000099");
	post_raw("131016-920000003", "tenshutsu_info", payload);
	info_payload(payload, sizeof payload, "group_id", "G4");
	len = strlen(payload);
	snprintf(payload + len, sizeof payload - len, "\nprev_katagaki=a\\nb");
	post_raw("131016-920000004", "tenshutsu_info", payload);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 3);
	CU_ASSERT_EQUAL(st.rejected, 1);
	seen_as("131016-920000004", "rejected:control_character");
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE "
	                "group_id = 'G1' AND prev_katagaki = ''"), 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE "
	                "group_id = 'G2' AND prev_katagaki = 'サンハイツ101号'"), 1);
	/* 予定日 2025-04-10 + 30: no request of B's is answered by it. */
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE "
	                "expires_on = '2025-05-10'"), 3);
	wftest_pair_close(P);
}

/*
 * rv5 L3: a backlog is taken DELIVER_BATCH messages at a time, each batch
 * stored, logged and acknowledged on its own; all of them arrive.
 */
static void t_pull_in_batches(void)
{
	char kojin[13], *sql;
	struct deliver_stats st;
	int n = 2 * DELIVER_BATCH + 50;

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "batch", 1, 1, 1, "2025-04-01", "2025-04-12"), 0);
	wftest_kojin(4242, kojin);
	sql = sqlite3_mprintf("WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k "
	                      "WHERE i < %d) INSERT INTO message SELECT '131016-' || (920000000 + i), "
	                      "'tennyu_notice', '131016', '282146', '2025-04-01T09:00:00', NULL, "
	                      "'v=1' || char(10) || 'from_name=' || char(10) || 'juminhyo_code=' || char(10) || 'kojin_bango=%q' || char(10) || 'name=x' || "
	                      "char(10) || 'birth=1980-01-01' || char(10) || 'sex=1' || char(10) || "
	                      "'new_address=a' || char(10) || 'tennyu_date=2025-04-01' || char(10) || "
	                      "'notice_date=2025-04-02', '2025-04-01T09:00:00', NULL FROM k", n, kojin);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sql);
	CU_ASSERT_EQUAL_FATAL(cs_exec(sql), 0);
	sqlite3_free(sql);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, n);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM notice_inbox"), n);
	CU_ASSERT_EQUAL(cs_count("fetched_at IS NULL"), 0);
	/* One row per batch: 200, 200, 50. */
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM audit WHERE action = 'deliver'"), 3);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM audit WHERE action = 'deliver' "
	                "AND detail = 'received=%d duplicates=0 rejected=0 answered=0'",
	                DELIVER_BATCH), 2);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM audit WHERE action = 'deliver' "
	                "AND detail = 'received=50 duplicates=0 rejected=0 answered=0'"), 1);
	wftest_pair_close(P);
}

/*
 * rv19cs 1: the group travels on its 世帯主's card (法24の2②). A member who
 * asks on their own, while the 世帯主 is still on the way, is answered with
 * that member alone; the 世帯主's request carries the whole group.
 */
static void t_request_member_alone(void)
{
	static const int all[] = { 0, 1 };
	struct wftest *c = calloc(1, sizeof *c);
	struct tokurei_card head, son;
	struct deliver_stats st;

	CU_ASSERT_FATAL(c != NULL);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "alone", 1, 2, 1, "2025-04-01", "2025-04-05"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 2, all, WFTEST_B_CODE, PLANNED, 1, 1), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &head), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[1], &son), 0);
	wftest_unlink(testutil_path("alone_c.db"));
	CU_ASSERT_EQUAL_FATAL(wftest_open(c, "alone_c.db", WFTEST_C_CODE, "大阪市", "2025-04-08"), 0);
	CU_ASSERT_EQUAL(tokurei_request(&c->ctx, &son, WFTEST_A_CODE, "2025-04-08"), 0);
	CU_ASSERT_EQUAL(wftest_deliver(c, P->cs, &st), 0);
	wftest_today(&P->a, "2025-04-08");
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.answered, 1);
	CU_ASSERT_EQUAL(cs_count("to_code = '271004' AND kind = 'tenshutsu_info'"), 1);
	{
		char where[200];

		snprintf(where, sizeof where, "to_code = '271004' AND instr(payload, '%s') > 0",
		         head.kojin_bango);
		CU_ASSERT_EQUAL(cs_count(where), 0);   /* nothing of the 世帯主 */
		snprintf(where, sizeof where, "to_code = '271004' AND instr(payload, '%s') > 0",
		         son.kojin_bango);
		CU_ASSERT_EQUAL(cs_count(where), 1);
	}
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE action = 'deliver' "
	                "AND detail LIKE 'answer=tenshutsu_info to=271004 %%atena=%s'",
	                P->fam.atena[1]), 1);
	/* the 世帯主 asks: the whole group */
	CU_ASSERT_EQUAL(tokurei_request(&c->ctx, &head, WFTEST_A_CODE, "2025-04-08"), 0);
	CU_ASSERT_EQUAL(wftest_deliver(c, P->cs, &st), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.answered, 1);
	CU_ASSERT_EQUAL(cs_count("to_code = '271004' AND kind = 'tenshutsu_info'"), 3);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE action = 'deliver' "
	                "AND detail LIKE 'answer=tenshutsu_info to=271004 %%atena=%s,%s'",
	                P->fam.atena[0], P->fam.atena[1]), 1);
	wftest_close(c);
	free(c);
	wftest_pair_close(P);
}

/*
 * rv19cs 5: B asks A for a person's information, then registers the person
 * by 特例転入 from the push before the answer comes. B's request and 転入通知
 * reach A in one batch: A stores the notice first and refuses the request
 * (already_confirmed), though the notice is not applied yet. A copy that
 * arrives at B all the same (here: the push posted again) is not kept: the
 * person is registered at B, and nothing of the person may stay in the
 * 転出証明書情報 table unconsumed for another 30 days.
 */
static void t_late_answer_not_kept(void)
{
	static const int all[] = { 0 };
	struct tokurei_req *q = calloc(1, sizeof *q);
	struct tokurei_result *r = calloc(1, sizeof *r);
	struct deliver_stats st;

	CU_ASSERT_FATAL(q && r);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "late", 1, 1, 1, "2025-04-01", "2025-04-05"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 1, all, WFTEST_B_CODE, PLANNED, 1, 0), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	/* A second copy of the push, held back from B until after the 特例転入. */
	CU_ASSERT_EQUAL(cs_exec("INSERT INTO message SELECT '131016-930000001', kind, from_code, "
	                "'999999', created_at, uketsuke_no, payload, posted_at, NULL FROM message "
	                "WHERE kind = 'tenshutsu_info'"), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 1);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &q->card), 0);
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &q->card, WFTEST_A_CODE, "2025-04-05"), 0);
	wftest_tokurei_at(q, "2025-04-05");
	q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL_FATAL(tokurei_prepare(&P->b.ctx, q, r), 0);
	CU_ASSERT_EQUAL_FATAL(tokurei_commit(&P->b.ctx, q, r), 0);
	/* The request was queued before the notice: both go in one push. */
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(cs_count("to_code = '131016' AND fetched_at IS NULL"), 2);
	wftest_today(&P->a, "2025-04-06");
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.answered, 0);
	CU_ASSERT_EQUAL(st.refused, 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM inbox_seen WHERE kind = "
	                "'tenshutsu_request' AND status = 'rejected' AND error = 'already_confirmed'"), 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM notice_inbox WHERE "
	                "applied_by IS NULL"), 1);
	/* The copy reaches B now: not kept. */
	CU_ASSERT_EQUAL(cs_exec("UPDATE message SET to_code = '282146' WHERE msg_id = "
	                "'131016-930000001'"), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 1);             /* the refusal */
	CU_ASSERT_EQUAL(st.duplicates, 1);
	seen_as("131016-930000001", "ok:already_registered");
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox"), 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox WHERE "
	                "consumed_by IS NULL"), 0);
	free(q);
	free(r);
	wftest_pair_close(P);
}

/* A 転入通知 from 大阪市 to A about a person (c), posted into the exchange. */
static void notice_from_c(const char *id, const struct tokurei_card *c, const char *name,
                          const char *birth)
{
	char payload[512];

	snprintf(payload, sizeof payload, "v=1\nfrom_name=大阪市\njuminhyo_code=\nkojin_bango=%s\n"
	         "name=%s\nbirth=%s\nsex=%s\nnew_address=大阪市北区梅田1-1\n"
	         "tennyu_date=2025-04-03\nnotice_date=2025-04-04", c->kojin_bango, name, birth,
	         c->sex);
	post_msg(id, "tennyu_notice", WFTEST_C_CODE, WFTEST_A_CODE, "2025-04-04T09:00:00", payload);
}

/*
 * rv20 3, 4: a 転入通知 waiting at A keeps its person out of an answer: the
 * son's (大阪市 registered him) keeps him out of the group answer to the
 * 世帯主's request. A waiting notice that carries the 世帯主's 個人番号 with
 * another 氏名 and 生年月日 is about nobody A knows by that number, so it
 * does not make the 世帯主 "already_confirmed".
 */
static void t_waiting_notice_keeps_member_out(void)
{
	static const int all[] = { 0, 1 };
	struct tokurei_card head, son;
	struct deliver_stats st;

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "waiting", 1, 2, 1, "2025-04-01", "2025-04-05"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 2, all, WFTEST_B_CODE, PLANNED, 1, 0), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &head), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[1], &son), 0);
	notice_from_c("271004-940000001", &son, son.name, son.birth);
	notice_from_c("271004-940000002", &head, "別人　花子", "1990-01-01");
	wftest_today(&P->a, "2025-04-05");
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 2);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM notice_inbox WHERE "
	                "applied_by IS NULL"), 2);
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &head, WFTEST_A_CODE, "2025-04-05"), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.answered, 1);
	CU_ASSERT_EQUAL(st.refused, 0);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE action = 'deliver' "
	                "AND detail LIKE 'answer=tenshutsu_info to=282146 request=%% atena=%s'",
	                P->fam.atena[0]), 1);
	CU_ASSERT_EQUAL(cs_count("to_code = '282146' AND kind = 'tenshutsu_info' AND "
	                "instr(payload, 'answer_to=') > 0"), 1);
	wftest_pair_close(P);
}

/*
 * 法24の2⑥ answers only for a person still on the way out: a family of two
 * makes a 特例転出 to B; B registers the head alone (the son stays out for
 * now) and its 転入通知 makes the head 転出確定 at A. C then asks for each:
 * the head's request is refused (already_confirmed) and the son's answer
 * carries the son alone. Regression (rv13 H1): the head was answered too,
 * and C could register a person B had already registered.
 */
static void t_request_after_confirmed(void)
{
	static const int all[] = { 0, 1 };
	struct tokurei_req *q = calloc(1, sizeof *q);
	struct tokurei_result *r = calloc(1, sizeof *r);
	struct notice_result *nr = calloc(1, sizeof *nr);
	struct wftest *c = calloc(1, sizeof *c);
	struct tokurei_card son;
	struct deliver_stats st;
	char id[48];

	CU_ASSERT_FATAL(q && r && nr && c);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "confirmed", 1, 2, 1, "2025-04-01", "2025-04-05"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 2, all, WFTEST_B_CODE, PLANNED, 1, 1), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &q->card), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[1], &son), 0);
	wftest_tokurei_at(q, "2025-04-05");
	CU_ASSERT_EQUAL_FATAL(tokurei_prepare(&P->b.ctx, q, r), 0);
	CU_ASSERT_EQUAL_FATAL(r->n, 2);
	strcpy(q->not_moving[0], r->member[1].msg_id);
	q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL_FATAL(tokurei_commit(&P->b.ctx, q, r), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	wftest_today(&P->a, "2025-04-06");
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	wftest_text(P->a.db, id, sizeof id, "SELECT msg_id FROM notice_inbox WHERE applied_by IS NULL");
	CU_ASSERT_EQUAL_FATAL(notice_apply(&P->a.ctx, id, 0, nr), 0);
	/* C asks for both on 04-08. */
	wftest_unlink(testutil_path("confirmed_c.db"));
	CU_ASSERT_EQUAL_FATAL(wftest_open(c, "confirmed_c.db", WFTEST_C_CODE, "大阪市", "2025-04-08"), 0);
	CU_ASSERT_EQUAL(tokurei_request(&c->ctx, &q->card, WFTEST_A_CODE, "2025-04-08"), 0);
	CU_ASSERT_EQUAL(tokurei_request(&c->ctx, &son, WFTEST_A_CODE, "2025-04-08"), 0);
	CU_ASSERT_EQUAL(wftest_deliver(c, P->cs, &st), 0);
	wftest_today(&P->a, "2025-04-08");
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.answered, 1);
	CU_ASSERT_EQUAL(st.rejected, 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM inbox_seen WHERE kind = "
	                "'tenshutsu_request' AND status = 'rejected' AND error = 'already_confirmed'"), 1);
	CU_ASSERT_EQUAL(cs_count("to_code = '271004' AND kind = 'tenshutsu_info'"), 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE action = 'deliver' "
	                "AND detail = 'answer=tenshutsu_info to=271004 request=271004-000000002 "
	                "atena=%s'", P->fam.atena[1]), 1);
	CU_ASSERT_EQUAL(wftest_deliver(c, P->cs, &st), 0);
	/* the son's information, and the refusal of the head's request (rv13dom L4) */
	CU_ASSERT_EQUAL(st.received, 2);
	CU_ASSERT_EQUAL(st.rejected, 0);
	CU_ASSERT_EQUAL(wftest_count(c->db, "SELECT count(*) FROM tokurei_inbox WHERE kojin_bango = '%s'",
	                             q->card.kojin_bango), 0);
	{
		struct tokurei_request_status rs;

		CU_ASSERT_EQUAL(tokurei_request_status(&c->ctx, q->card.kojin_bango, &rs), 0);
		CU_ASSERT_EQUAL(rs.state, TOKUREI_REQ_REFUSED);
		CU_ASSERT_STRING_EQUAL(rs.reason, "already_confirmed");
		CU_ASSERT_STRING_EQUAL(rs.request_id, "271004-000000001");
		CU_ASSERT_EQUAL(tokurei_request_status(&c->ctx, son.kojin_bango, &rs), 0);
		CU_ASSERT_EQUAL(rs.state, TOKUREI_REQ_WAITING);
	}
	wftest_close(c);
	free(c);
	free(nr);
	free(q);
	free(r);
	wftest_pair_close(P);
}

/*
 * A message that names our own code as its sender is damaged or forged
 * (nothing we send is addressed to ourselves): rejected at receipt as
 * own_code, never stored. Regression (rv13 M2): a 転入通知 "from" A was
 * stored, and one acknowledged alert made a resident of A a 除票.
 */
static void t_own_code_rejected(void)
{
	static const int child[] = { 2 };
	struct db_resident cur;
	struct deliver_stats st;
	char payload[1024];

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "own", 1, 3, 0, "2025-04-01", "2025-04-08"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 1, child, WFTEST_B_CODE, PLANNED, 0, 0), 0);
	CU_ASSERT_EQUAL_FATAL(db_resident_current(P->a.db, P->fam.atena[2], &cur), 0);
	snprintf(payload, sizeof payload, "v=1\nfrom_name=X\njuminhyo_code=%s\nkojin_bango=%s\n"
	         "name=%s\nbirth=%s\nsex=%s\nnew_address=東京都千代田区栄町二丁目9番9号\n"
	         "tennyu_date=2025-04-07\nnotice_date=2025-04-08\n", cur.juminhyo_code,
	         cur.kojin_bango, cur.name, cur.birth, cur.sex);
	post_msg("131016-000000900", "tennyu_notice", WFTEST_A_CODE, WFTEST_A_CODE,
	         "2025-04-08T10:00:00", payload);
	wftest_today(&P->a, "2025-04-08");
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 0);
	CU_ASSERT_EQUAL(st.rejected, 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM notice_inbox"), 0);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM inbox_seen WHERE msg_id = "
	                "'131016-000000900' AND status = 'rejected' AND error = 'own_code'"), 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM person WHERE atena_no = '%s' "
	                "AND state = 'yotei'", P->fam.atena[2]), 1);
	wftest_pair_close(P);
}

/*
 * Under an id we have seen, only the same body is a duplicate. Regression
 * (rv13dom M4): a message we rejected, corrected by its sender and offered
 * again under the same id, was counted as a duplicate, acknowledged and
 * lost. A second body under an id we took is never applied: it is rejected
 * as id_reused under a key of its own, and the first record stays.
 */
static void t_reoffered_after_reject(void)
{
	struct deliver_stats st;
	char id[64], other[64], sha[65], sql[512];

	setup("reoffer");
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->a, P->cs, &st), 0);
	{
		struct db *cs = NULL;

		CU_ASSERT_EQUAL_FATAL(wftest_cs_open(P->cs, &cs), 0);
		wftest_text(cs, id, sizeof id, "SELECT msg_id FROM message WHERE to_code = '%s' "
		            "ORDER BY msg_id LIMIT 1", WFTEST_B_CODE);
		wftest_text(cs, other, sizeof other, "SELECT msg_id FROM message WHERE to_code = "
		            "'%s' ORDER BY msg_id DESC LIMIT 1", WFTEST_B_CODE);
		db_close(cs);
	}
	CU_ASSERT_FATAL(id[0] && other[0] && strcmp(id, other) != 0);
	/* the sender keeps the good body aside (to a code nobody fetches) and
	 * offers a damaged one */
	snprintf(sql, sizeof sql, "INSERT INTO message SELECT 'keep-' || msg_id, kind, from_code, "
	         "'000000', created_at, uketsuke_no, payload, posted_at, fetched_at FROM message "
	         "WHERE msg_id IN ('%s', '%s'); UPDATE message SET payload = 'v=1\nname=' "
	         "WHERE msg_id = '%s'", id, other, id);
	CU_ASSERT_EQUAL_FATAL(cs_exec(sql), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 2);
	CU_ASSERT_EQUAL(st.rejected, 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM inbox_seen WHERE msg_id = "
	                "'%s' AND status = 'rejected'", id), 1);
	/* corrected and offered again under the same id: taken */
	snprintf(sql, sizeof sql, "UPDATE message SET payload = (SELECT payload FROM message "
	         "WHERE msg_id = 'keep-%s'), fetched_at = NULL WHERE msg_id = '%s'", id, id);
	CU_ASSERT_EQUAL_FATAL(cs_exec(sql), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 1);
	CU_ASSERT_EQUAL(st.duplicates, 0);
	CU_ASSERT_EQUAL(st.rejected, 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox"), 3);
	wftest_text(P->b.db, sha, sizeof sha, "SELECT sha256 FROM inbox_seen WHERE msg_id = '%s' "
	            "AND status = 'ok' AND error = ''", id);
	CU_ASSERT_EQUAL(strlen(sha), 64);
	/* the same body once more: a duplicate */
	CU_ASSERT_EQUAL_FATAL(cs_exec(sql), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.duplicates, 1);
	CU_ASSERT_EQUAL(st.received + st.rejected, 0);
	/* another body under that id: never applied, rejected on its own key */
	snprintf(sql, sizeof sql, "UPDATE message SET payload = (SELECT payload FROM message "
	         "WHERE msg_id = 'keep-%s'), fetched_at = NULL WHERE msg_id = '%s'", other, id);
	CU_ASSERT_EQUAL_FATAL(cs_exec(sql), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.rejected, 1);
	CU_ASSERT_EQUAL(st.received + st.duplicates, 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox"), 3);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM inbox_seen WHERE msg_id = "
	                "'%s' AND status = 'ok' AND sha256 = '%s'", id, sha), 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM inbox_seen WHERE msg_id "
	                "LIKE 'reused:%%' AND status = 'rejected' AND error = 'id_reused' AND "
	                "from_code = '%s'", WFTEST_A_CODE), 1);
	wftest_pair_close(P);
}

/* The id of B's newest tenshutsu_request (queued or sent). OUT: id[48]. */
static void last_request(char id[48])
{
	wftest_text(P->b.db, id, 48, "SELECT msg_id FROM (SELECT msg_id FROM outbox WHERE kind = "
	            "'tenshutsu_request' UNION ALL SELECT msg_id FROM outbox_sent WHERE kind = "
	            "'tenshutsu_request') ORDER BY msg_id DESC LIMIT 1");
}

/*
 * rv13dom L4: a well-formed request A refuses is answered with a
 * tenshutsu_refusal naming the request and the reason (no personal data),
 * exactly once per request, in the transaction of the refusal's log row;
 * B stores it and tokurei_request_status (what the 特例転入 screen shows)
 * reports it. A request offered again gets no second answer; a second
 * request of the head is answered again (rv19cs 3).
 */
static void t_refusal_answered(void)
{
	static const int all[] = { 0, 1, 2 };
	static const char *const why[2] = { "no_match", "no_match" };
	struct tokurei_card card, bad, nobody;
	struct tokurei_request_status rs;
	struct deliver_stats st;
	char id[4][48], buf[512];

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "refusal", 1, 3, 1, "2025-04-01", "2025-04-12"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 3, all, WFTEST_C_CODE, PLANNED, 1, 1), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &card), 0);
	stranger_card(&nobody);
	bad = card;
	strcpy(bad.birth, "1999-09-09");
	/* Nothing asked yet: nothing to show. */
	CU_ASSERT_EQUAL(tokurei_request_status(&P->b.ctx, nobody.kojin_bango, &rs), 0);
	CU_ASSERT_EQUAL(rs.state, TOKUREI_REQ_NONE);
	/* 1 nobody A knows, 2 no 4情報 match, 3 answered, 4 answered again. */
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &nobody, WFTEST_A_CODE, "2025-04-10"), 0);
	last_request(id[0]);
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &bad, WFTEST_A_CODE, "2025-04-10"), 0);
	last_request(id[1]);
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &card, WFTEST_A_CODE, "2025-04-10"), 0);
	last_request(id[2]);
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &card, WFTEST_A_CODE, "2025-04-11"), 0);
	last_request(id[3]);
	CU_ASSERT_EQUAL(tokurei_request_status(&P->b.ctx, nobody.kojin_bango, &rs), 0);
	CU_ASSERT_EQUAL(rs.state, TOKUREI_REQ_WAITING);
	CU_ASSERT_STRING_EQUAL(rs.request_id, id[0]);
	CU_ASSERT_STRING_EQUAL(rs.to_code, WFTEST_A_CODE);
	CU_ASSERT_EQUAL(tokurei_request_status(&P->b.ctx, "123456789019", &rs), MG_EINVAL);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.sent, 4);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.answered, 2);
	CU_ASSERT_EQUAL(st.rejected, 2);
	CU_ASSERT_EQUAL(st.refused, 2);
	CU_ASSERT_EQUAL(st.sent, 8);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE action = 'deliver' "
	                "AND detail LIKE 'answer=tenshutsu_info to=282146 request=%s atena=%% "
	                "repeat=2'", id[3]), 1);
	/* One answer per refused request: its id and the reason, nothing else. */
	CU_ASSERT_EQUAL(cs_count("kind = 'tenshutsu_refusal'"), 2);
	for (int i = 0; i < 2; i++) {
		int k = i;

		snprintf(buf, sizeof buf, "v=1\nanswer_to=%s\nreason=%s", id[k], why[i]);
		{
			char where[640];

			snprintf(where, sizeof where, "kind = 'tenshutsu_refusal' AND from_code = '131016' "
			         "AND to_code = '282146' AND payload = '%s'", buf);
			CU_ASSERT_EQUAL(cs_count(where), 1);
		}
		CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM tenshutsu_refused WHERE "
		                "request_id = '%s' AND requester = '282146' AND reason = '%s'", id[k],
		                why[i]), 1);
		/* the refusal's log row names the answer queued with it */
		CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit a JOIN outbox_sent o "
		                "ON a.detail = 'answer=refused to=282146 request=%s reason=%s refusal=' "
		                "|| o.msg_id WHERE a.action = 'deliver' AND o.kind = 'tenshutsu_refusal' "
		                "AND o.to_code = '282146'", id[k], why[i]), 1);
	}
	for (int i = 0; i < 2; i++) {
		char where[160];
		const char *k = i ? card.kojin_bango : nobody.kojin_bango;

		snprintf(where, sizeof where, "kind = 'tenshutsu_refusal' AND instr(payload, '%s') > 0", k);
		CU_ASSERT_EQUAL(cs_count(where), 0);
	}
	/* B takes them: stored, logged, reported (the second answer is a copy). */
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 5);
	CU_ASSERT_EQUAL(st.duplicates, 3);
	CU_ASSERT_EQUAL(st.rejected, 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tenshutsu_refusal"), 2);
	for (int i = 0; i < 2; i++) {
		int k = i;

		CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tenshutsu_refusal WHERE "
		                "request_id = '%s' AND from_code = '131016' AND reason = '%s'", id[k],
		                why[i]), 1);
		CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM audit WHERE action = "
		                "'deliver' AND target = '%s' AND detail LIKE 'refused_by=131016 "
		                "reason=%s answer=131016-%%'", id[k], why[i]), 1);
	}
	CU_ASSERT_EQUAL(tokurei_request_status(&P->b.ctx, nobody.kojin_bango, &rs), 0);
	CU_ASSERT_EQUAL(rs.state, TOKUREI_REQ_REFUSED);
	CU_ASSERT_STRING_EQUAL(rs.reason, "no_match");
	CU_ASSERT_STRING_EQUAL(rs.request_id, id[0]);
	CU_ASSERT_STRING_EQUAL(rs.to_code, WFTEST_A_CODE);
	/* the newest request for the head: answered, not refused */
	CU_ASSERT_EQUAL(tokurei_request_status(&P->b.ctx, card.kojin_bango, &rs), 0);
	CU_ASSERT_EQUAL(rs.state, TOKUREI_REQ_WAITING);
	CU_ASSERT_STRING_EQUAL(rs.request_id, id[3]);
	/* Offered again, the requests are duplicates: no second answer. */
	CU_ASSERT_EQUAL_FATAL(cs_exec("UPDATE message SET fetched_at = NULL WHERE kind = "
	                              "'tenshutsu_request'"), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.duplicates, 4);
	CU_ASSERT_EQUAL(st.refused + st.answered + st.sent, 0);
	CU_ASSERT_EQUAL(cs_count("kind = 'tenshutsu_refusal'"), 2);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM tenshutsu_refused"), 2);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM tenshutsu_answer"), 2);
	/* Another body under a refused request's id is a new message (rv13dom M4),
	 * refused again, but that request id is never answered twice. */
	snprintf(buf, sizeof buf, "UPDATE message SET fetched_at = NULL, payload = 'v=1' || "
	         "char(10) || 'kojin_bango=%s' || char(10) || 'name=誰　某' || char(10) || "
	         "'birth=1970-01-01' || char(10) || 'sex=1' || char(10) || 'tennyu_date=2025-04-09' "
	         "WHERE msg_id = '%s'", nobody.kojin_bango, id[0]);
	CU_ASSERT_EQUAL_FATAL(cs_exec(buf), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.rejected, 1);
	CU_ASSERT_EQUAL(st.refused + st.answered + st.sent, 0);
	CU_ASSERT_EQUAL(cs_count("kind = 'tenshutsu_refusal'"), 2);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE detail = "
	                "'answer=refused to=282146 request=%s reason=no_match'", id[0]), 1);
	/* The requests are erased with their 個人番号 after 30 days, the refusals with them. */
	wftest_system(&P->b);
	wftest_today(&P->b, "2025-05-12");
	CU_ASSERT_EQUAL(tokurei_request_purge(&P->b.ctx, NULL), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tenshutsu_request"), 4);
	wftest_today(&P->b, "2025-05-13");
	{
		long long n = -1;

		CU_ASSERT_EQUAL(tokurei_request_purge(&P->b.ctx, &n), 0);
		CU_ASSERT_EQUAL(n, 4);
	}
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tenshutsu_request"), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tenshutsu_refusal"), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM audit WHERE action = 'batch' "
	                "AND detail = 'requests_erased=4'"), 1);
	wftest_pair_close(P);
}

/*
 * not_moving_out: the resident made a 特例転出 to B, became a 除票 on the
 * planned date, and then moved back in (a 再転入 at A under the same 宛名番号,
 * with a paper 転出証明書). B's later request for him is refused with that
 * reason, and B shows it.
 */
static void t_refusal_not_moving_out(void)
{
	static const int head[] = { 0 };
	struct tennyu_req *q = calloc(1, sizeof *q);
	struct tennyu_result *r = calloc(1, sizeof *r);
	struct tokurei_request_status rs;
	struct tokurei_card card;
	struct deliver_stats st;
	struct notice_job job;
	char id[48];

	CU_ASSERT_FATAL(q && r);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "refusal_back", 1, 1, 1, "2025-04-01", "2025-04-12"),
	                      0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 1, head, WFTEST_B_CODE, PLANNED, 1, 1), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_card_of(&P->a, P->fam.atena[0], &card), 0);
	wftest_today(&P->a, PLANNED);
	wftest_system(&P->a);
	CU_ASSERT_EQUAL_FATAL(notice_date_job(&P->a.ctx, &job), 0);
	CU_ASSERT_EQUAL(job.shojo, 1);
	wftest_clerk(&P->a);
	wftest_today(&P->a, "2025-04-12");
	wftest_tennyu_req(q, WFTEST_C_CODE, "2025-04-12");
	wftest_family(q, 1, 1, 1);
	q->alerts_acknowledged = 1;
	CU_ASSERT_EQUAL_FATAL(tennyu_commit(&P->a.ctx, q, r), 0);
	CU_ASSERT_STRING_EQUAL(r->atena[0], P->fam.atena[0]);
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &card, WFTEST_A_CODE, "2025-04-12"), 0);
	last_request(id);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(wftest_deliver(&P->a, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.answered, 0);
	CU_ASSERT_EQUAL(st.refused, 1);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM tenshutsu_refused WHERE "
	                "request_id = '%s' AND reason = 'not_moving_out'", id), 1);
	/* the 特例転出's own information is the only one ever sent */
	CU_ASSERT_EQUAL(cs_count("kind = 'tenshutsu_info'"), 1);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.rejected, 0);
	CU_ASSERT_EQUAL(tokurei_request_status(&P->b.ctx, card.kojin_bango, &rs), 0);
	CU_ASSERT_EQUAL(rs.state, TOKUREI_REQ_REFUSED);
	CU_ASSERT_STRING_EQUAL(rs.reason, "not_moving_out");
	CU_ASSERT_STRING_EQUAL(rs.request_id, id);
	CU_ASSERT(tokurei_refusal_reason_known(rs.reason));
	free(q);
	free(r);
	wftest_pair_close(P);
}

/* tmpl with each '@' replaced by id. OUT: out (cap bytes). */
static void with_id(char *out, size_t cap, const char *tmpl, const char *id)
{
	size_t len = 0;

	out[0] = '\0';
	for (const char *p = tmpl; *p && len + 1 < cap; p++) {
		if (*p == '@')
			len += (size_t)snprintf(out + len, cap - len, "%s", id);
		else
			out[len++] = *p;
		if (len >= cap)
			len = cap - 1;
		out[len] = '\0';
	}
}

/*
 * A refusal is taken only for a request B sent to its sender, with a known
 * reason and nothing else in it; anything else is rejected with its reason
 * and stores nothing. A second refusal of the same request is rejected.
 */
static void t_refusal_forged(void)
{
	static const struct {
		const char *id, *from, *payload_fmt, *err;
	} bad[] = {
		{ "131016-900000001", WFTEST_A_CODE, "v=1\nanswer_to=282146-000000999\nreason=no_match",
		  "unknown_request" },
		{ "271004-900000001", WFTEST_C_CODE, "v=1\nanswer_to=@\nreason=no_match",
		  "unknown_request" },
		{ "131016-900000002", WFTEST_A_CODE, "v=1\nanswer_to=@\nreason=busy", "reason_unknown" },
		{ "131016-900000003", WFTEST_A_CODE, "v=1\nanswer_to=@\nreason=no_match\nname=山田",
		  "unexpected_field" },
		{ "131016-900000004", WFTEST_A_CODE, "v=1\nanswer_to=@", "malformed" },
		{ "131016-900000005", WFTEST_A_CODE, "v=1\nanswer_to=131016-000000001\nreason=no_match",
		  "unknown_request" },
		{ "131016-900000006", WFTEST_A_CODE, "v=1\nanswer_to=@\nreason=no_match\x01",
		  "malformed" },
	};
	struct tokurei_card nobody;
	struct tokurei_request_status rs;
	struct deliver_stats st;
	char id[48], newer[48], payload[256], buf[128];
	size_t n = sizeof bad / sizeof bad[0];

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, "forged", 1, 1, 1, "2025-04-01", "2025-04-12"), 0);
	stranger_card(&nobody);
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &nobody, WFTEST_A_CODE, "2025-04-10"), 0);
	last_request(id);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.sent, 1);
	for (size_t i = 0; i < n; i++) {
		with_id(payload, sizeof payload, bad[i].payload_fmt, id);
		post_msg(bad[i].id, "tenshutsu_refusal", bad[i].from, WFTEST_B_CODE,
		         "2025-04-12T09:00:00", payload);
	}
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 0);
	CU_ASSERT_EQUAL(st.rejected, (int)n);
	for (size_t i = 0; i < n; i++) {
		wftest_text(P->b.db, buf, sizeof buf, "SELECT status || ':' || error FROM inbox_seen "
		            "WHERE msg_id = '%s'", bad[i].id);
		snprintf(payload, sizeof payload, "rejected:%s", bad[i].err);
		CU_ASSERT_STRING_EQUAL(buf, payload);
	}
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tenshutsu_refusal"), 0);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM audit WHERE detail LIKE "
	                "'refused_by=%%'"), 0);
	CU_ASSERT_EQUAL(tokurei_request_status(&P->b.ctx, nobody.kojin_bango, &rs), 0);
	CU_ASSERT_EQUAL(rs.state, TOKUREI_REQ_WAITING);
	/* A genuine refusal is taken; a second one of the same request is not. */
	snprintf(payload, sizeof payload, "v=1\nanswer_to=%s\nreason=no_tokurei_tenshutsu", id);
	post_msg("131016-900000010", "tenshutsu_refusal", WFTEST_A_CODE, WFTEST_B_CODE,
	         "2025-04-12T10:00:00", payload);
	snprintf(payload, sizeof payload, "v=1\nanswer_to=%s\nreason=no_match", id);
	post_msg("131016-900000011", "tenshutsu_refusal", WFTEST_A_CODE, WFTEST_B_CODE,
	         "2025-04-12T10:00:01", payload);
	CU_ASSERT_EQUAL(wftest_deliver(&P->b, P->cs, &st), 0);
	CU_ASSERT_EQUAL(st.received, 1);
	CU_ASSERT_EQUAL(st.rejected, 1);
	wftest_text(P->b.db, buf, sizeof buf, "SELECT status || ':' || error FROM inbox_seen "
	            "WHERE msg_id = '131016-900000011'");
	CU_ASSERT_STRING_EQUAL(buf, "rejected:already_refused");
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tenshutsu_refusal WHERE "
	                "msg_id = '131016-900000010' AND request_id = '%s' AND reason = "
	                "'no_tokurei_tenshutsu'", id), 1);
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tenshutsu_refusal"), 1);
	CU_ASSERT_EQUAL(tokurei_request_status(&P->b.ctx, nobody.kojin_bango, &rs), 0);
	CU_ASSERT_EQUAL(rs.state, TOKUREI_REQ_REFUSED);
	CU_ASSERT_STRING_EQUAL(rs.reason, "no_tokurei_tenshutsu");
	/* A newer request is what the screen shows: waiting again. */
	CU_ASSERT_EQUAL(tokurei_request(&P->b.ctx, &nobody, WFTEST_A_CODE, "2025-04-10"), 0);
	last_request(newer);
	CU_ASSERT_STRING_NOT_EQUAL(newer, id);
	CU_ASSERT_EQUAL(tokurei_request_status(&P->b.ctx, nobody.kojin_bango, &rs), 0);
	CU_ASSERT_EQUAL(rs.state, TOKUREI_REQ_WAITING);
	CU_ASSERT_STRING_EQUAL(rs.request_id, newer);
	wftest_pair_close(P);
}

TESTUTIL_REGISTER(wf_deliver)
{
	static const struct testutil_case cases[] = {
		{ "idempotent: twice, and offered again", t_idempotent },
		{ "no exchange, no permission", t_refusals },
		{ "crash after each step, then a normal run", t_crash_after_each_step },
		{ "malformed payloads rejected (no payload kept), valid ones arrive", t_malformed_rejected },
		{ "NULL message ids are acknowledged and never block the inbox", t_null_ids_do_not_block },
		{ "on-demand request answered by the former municipality", t_request_answered },
		{ "request for an unknown person: rejected", t_request_unknown_person },
		{ "a member's own request: that member alone; the 世帯主's: the group",
		  t_request_member_alone },
		{ "the exchange is never created by a delivery", t_exchange_never_created },
		{ "cs-init failing part way leaves no file", t_cs_create_failure_leaves_nothing },
		{ "an oversize payload is rejected without being read", t_oversize_rejected_unread },
		{ "a rejected 転出証明書情報 leaves no trace of its payload", t_rejected_keeps_no_payload },
		{ "message ids validated, acknowledged exactly", t_msg_id_validated },
		{ "a request is answered only on a 4情報 match, again when asked again",
		  t_request_must_match },
		{ "migration 006 drops the payload of rejected rows", t_migration_6_drops_rejected_payload },
		{ "migration 017 keeps the answers recorded, one per request", t_migration_17_keeps_answers },
		{ "an id used for another message: kept, reported; counter advanced", t_msg_id_reused },
		{ "the counter guard reads the highest serial of ours", t_counter_guard_highest_serial },
		{ "a log row per step, counting what this run moved", t_log_rows_per_step },
		{ "received fields validated, rejected with a reason", t_fields_validated },
		{ "a copy of a person's information that differs is rejected", t_differing_copy_rejected },
		{ "a backlog is pulled in batches", t_pull_in_batches },
		{ "optional fields: 方書, answer_to only for our request", t_optional_info_fields },
		{ "no answer for a person already registered since", t_request_after_confirmed },
		{ "no answer while a 転入通知 waits; a late copy is not kept", t_late_answer_not_kept },
		{ "a waiting 転入通知 keeps its person, and only its person, out of an answer",
		  t_waiting_notice_keeps_member_out },
		{ "a message from our own code is rejected", t_own_code_rejected },
		{ "offered again under an id: only the same body is a duplicate",
		  t_reoffered_after_reject },
		{ "a refused request is answered with its reason, once", t_refusal_answered },
		{ "a forged refusal is rejected and stores nothing", t_refusal_forged },
		{ "a request for a resident who moved back in: not_moving_out",
		  t_refusal_not_moving_out },
		{ NULL, NULL }
	};

	testutil_suite("wf_deliver", suite_init, suite_fini, cases);
}
