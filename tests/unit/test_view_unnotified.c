/*
 * test_view_unnotified.c — the 転入通知未着者一覧 and its 照会書
 * (app/view_unnotified, 標準仕様 4.1.3.1.4): who is listed on the day
 * before, on and after the waiting period ends, the window, the states,
 * the log rows, the form register, and what ends a wait (the notice).
 */
#include "tests/unit/testutil.h"
#include "tests/unit/wftest.h"
#include "app/notice.h"
#include "app/view_unnotified.h"
#include "i18n/mg_rc.h"

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
	testutil_fault_arm(0);
	wftest_pair_close(P);
	wftest_snapshot_fini();
	free(P);
	free(TQ);
	free(TR);
	free(NR);
	return 0;
}

/* A (today 2025-04-01) moves the child of a family of three to B on PLANNED. */
static void move_child(const char *tag)
{
	static const int child[] = { 2 };

	CU_ASSERT_EQUAL_FATAL(wftest_pair_open(P, tag, 1, 3, 0, "2025-04-01", "2025-04-14"), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_pair_move(P, 1, child, WFTEST_B_CODE, PLANNED, 0, 0), 0);
}

/* Load A's list on day (PLANNED + offset days). */
static int load_on(int offset, int days, int whole, struct view_unnotified_list *l)
{
	char day[11];

	wftest_date(PLANNED, offset, day);
	wftest_today(&P->a, day);
	return view_unnotified_load(&P->a.ctx, days, whole, l);
}

/* The detail of A's newest log row of an action into out[512]. */
static void last_detail(const char *action, char *out)
{
	wftest_text(P->a.db, out, 512, "SELECT detail FROM audit WHERE action = '%s' "
	            "ORDER BY seq DESC LIMIT 1", action);
}

/*
 * The waiting period (30 days by default) ends on PLANNED + 30: the day
 * before nothing is listed, on and after it the child is, first 転出予定,
 * after the date job a 除票 by 転出. The window reaches back a year from its
 * end unless the whole past is asked for. Each load is one search row with
 * the 宛名番号s listed; an administrator may not load it.
 */
static void t_list_days_and_window(void)
{
	struct view_unnotified_list l;
	struct notice_job job;
	char detail[512], want[128], day[11];
	long long searches;
	const char *child;

	move_child("unnot_list");
	child = P->fam.atena[2];
	searches = wftest_audit(P->a.db, "search");

	CU_ASSERT_EQUAL_FATAL(load_on(29, VIEW_UNNOTIFIED_DAYS, 0, &l), 0);   /* the day before */
	CU_ASSERT_EQUAL(l.n, 0);
	CU_ASSERT_STRING_EQUAL(l.to, "2025-04-09");
	CU_ASSERT_STRING_EQUAL(l.from, "2024-04-09");
	view_unnotified_free(&l);
	last_detail("search", detail);
	CU_ASSERT_PTR_NOT_NULL(strstr(detail, "criteria=unnotified count=0 days=30"));

	CU_ASSERT_EQUAL_FATAL(load_on(30, VIEW_UNNOTIFIED_DAYS, 0, &l), 0);   /* on the day */
	CU_ASSERT_EQUAL_FATAL(l.n, 1);
	CU_ASSERT_STRING_EQUAL(l.rows[0].r.atena_no, child);
	CU_ASSERT_STRING_EQUAL(l.rows[0].r.state, "yotei");
	CU_ASSERT_STRING_EQUAL(l.rows[0].r.dest_muni_code, WFTEST_B_CODE);
	CU_ASSERT_EQUAL(l.rows[0].days, 30);
	CU_ASSERT_STRING_EQUAL(l.rows[0].inquired_at, "");
	CU_ASSERT_EQUAL(l.pending_notices, 0);
	view_unnotified_free(&l);
	CU_ASSERT_PTR_NULL(l.rows);
	last_detail("search", detail);
	snprintf(want, sizeof want, "count=1 days=30 from=2024-04-10 to=2025-04-10 atena=%s", child);
	CU_ASSERT_PTR_NOT_NULL(strstr(detail, want));

	/* The date job made the 除票: still waiting for the notice. */
	wftest_date(PLANNED, 31, day);
	wftest_today(&P->a, day);
	wftest_system(&P->a);
	CU_ASSERT_EQUAL(notice_date_job(&P->a.ctx, &job), 0);
	wftest_clerk(&P->a);
	CU_ASSERT_EQUAL(job.shojo, 1);
	CU_ASSERT_EQUAL_FATAL(load_on(31, VIEW_UNNOTIFIED_DAYS, 0, &l), 0);   /* the day after */
	CU_ASSERT_EQUAL_FATAL(l.n, 1);
	CU_ASSERT_STRING_EQUAL(l.rows[0].r.state, "jyohyo");
	CU_ASSERT_STRING_EQUAL(l.rows[0].r.shojo_jiyu, "tenshutsu");
	CU_ASSERT_EQUAL(l.rows[0].days, 31);
	view_unnotified_free(&l);

	/* Days: 0 lists it at once; out of range is refused and not logged. */
	CU_ASSERT_EQUAL(load_on(0, 0, 0, &l), 0);
	CU_ASSERT_EQUAL(l.n, 1);
	view_unnotified_free(&l);
	CU_ASSERT_EQUAL(load_on(0, -1, 0, &l), MG_EINVAL);
	CU_ASSERT_EQUAL(load_on(0, VIEW_UNNOTIFIED_MAX_DAYS + 1, 0, &l), MG_EINVAL);
	CU_ASSERT_EQUAL(l.n, 0);

	/* The window: a year back from its end, then only with the whole past. */
	CU_ASSERT_EQUAL(load_on(30 + VIEW_UNNOTIFIED_WINDOW, 30, 0, &l), 0);
	CU_ASSERT_EQUAL(l.n, 1);
	view_unnotified_free(&l);
	CU_ASSERT_EQUAL(load_on(31 + VIEW_UNNOTIFIED_WINDOW, 30, 0, &l), 0);
	CU_ASSERT_EQUAL(l.n, 0);
	view_unnotified_free(&l);
	CU_ASSERT_EQUAL(load_on(31 + VIEW_UNNOTIFIED_WINDOW, 30, 1, &l), 0);
	CU_ASSERT_EQUAL(l.n, 1);
	CU_ASSERT_STRING_EQUAL(l.from, "");
	view_unnotified_free(&l);
	CU_ASSERT_EQUAL(wftest_audit(P->a.db, "search"), searches + 7);

	/* An administrator does no registry work: refused, nothing logged. */
	{
		struct session adm = P->a.clerk;

		adm.role = SESSION_ROLE_ADMIN;
		P->a.ctx.sess = &adm;
		CU_ASSERT_EQUAL(load_on(31, 30, 0, &l), MG_EPERM);
		wftest_clerk(&P->a);
		CU_ASSERT_EQUAL(wftest_audit(P->a.db, "search"), searches + 7);
	}
	wftest_pair_close(P);
}

/*
 * The 照会書: registered as a form of that 転出 and logged as a view of the
 * person, shown on the list from then on. Refused, writing nothing, for a
 * person who does not wait (a current resident, an unknown number). B's
 * 転入 and its notice end the wait: received, the list says a notice is
 * still to apply; applied, the child is gone from the list and no 照会書
 * can be issued any more.
 */
static void t_inquiry(void)
{
	struct view_unnotified_list l;
	struct view_unnotified_row row;
	char detail[512], want[128], serial[40], id[48];
	long long views;
	const char *child;

	move_child("unnot_inq");
	child = P->fam.atena[2];
	CU_ASSERT_EQUAL_FATAL(load_on(31, 30, 0, &l), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 1);
	view_unnotified_free(&l);
	views = wftest_audit(P->a.db, "view");

	CU_ASSERT_EQUAL_FATAL(view_unnotified_inquire(&P->a.ctx, child, &row), 0);
	CU_ASSERT_STRING_EQUAL(row.r.atena_no, child);
	CU_ASSERT_STRING_EQUAL(row.r.dest_planned_date, PLANNED);
	CU_ASSERT_EQUAL(row.days, 31);
	CU_ASSERT_NOT_EQUAL(row.inquired_at[0], '\0');
	CU_ASSERT_STRING_EQUAL(row.issued_on, "2025-05-11");    /* the 処理日 */
	snprintf(serial, sizeof serial, "%s/%s", child, PLANNED);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM form_register WHERE "
	                "form_kind = 'notice_inquiry' AND form_serial = '%s' AND operator = 'clerk1' "
	                "AND note = 'to=%s'", serial, WFTEST_B_CODE), 1);
	CU_ASSERT_EQUAL(wftest_audit(P->a.db, "view"), views + 1);
	last_detail("view", detail);
	snprintf(want, sizeof want, "form=notice_inquiry to=%s", WFTEST_B_CODE);
	CU_ASSERT_STRING_EQUAL(detail, want);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE action = 'view' "
	                "AND target = '%s'", child), 1);

	CU_ASSERT_EQUAL_FATAL(load_on(32, 30, 0, &l), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 1);
	CU_ASSERT_STRING_EQUAL(l.rows[0].inquired_at, row.inquired_at);
	view_unnotified_free(&l);

	/* Nobody waits: a current resident, an unknown 宛名番号. */
	CU_ASSERT_EQUAL(view_unnotified_inquire(&P->a.ctx, P->fam.atena[0], &row), MG_ESTATE);
	CU_ASSERT_STRING_EQUAL(row.r.atena_no, "");
	CU_ASSERT_EQUAL(view_unnotified_inquire(&P->a.ctx, "999999999", &row), MG_ENOTFOUND);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM form_register WHERE "
	                "form_kind = 'notice_inquiry'"), 1);
	CU_ASSERT_EQUAL(wftest_audit(P->a.db, "view"), views + 1);

	/* B registers the child's 転入 and its notice reaches A. */
	wftest_tennyu_req(TQ, WFTEST_A_CODE, "2025-04-12");
	wftest_family(TQ, 1, 3, 0);
	TQ->p[0] = TQ->p[2];
	TQ->n = 1;
	strcpy(TQ->p[0].zokugara, "世帯主");
	CU_ASSERT_EQUAL_FATAL(tennyu_commit(&P->b.ctx, TQ, TR), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->b, P->cs, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(wftest_deliver(&P->a, P->cs, NULL), 0);
	/* Received, not applied yet: the notice has come, so the child is not
	 * listed and no 照会書 is issued (rv13dom L5). */
	CU_ASSERT_EQUAL_FATAL(load_on(32, 30, 0, &l), 0);
	CU_ASSERT_EQUAL(l.n, 0);
	CU_ASSERT_EQUAL(l.pending_notices, 1);
	view_unnotified_free(&l);
	CU_ASSERT_EQUAL(view_unnotified_inquire(&P->a.ctx, child, &row), MG_ESTATE);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM form_register WHERE "
	                "form_kind = 'notice_inquiry'"), 1);
	wftest_text(P->a.db, id, sizeof id, "SELECT msg_id FROM notice_inbox WHERE applied_by IS NULL");
	CU_ASSERT_EQUAL_FATAL(notice_apply(&P->a.ctx, id, 1, NR), 0);
	CU_ASSERT_EQUAL_FATAL(load_on(32, 30, 1, &l), 0);
	CU_ASSERT_EQUAL(l.n, 0);
	CU_ASSERT_EQUAL(l.pending_notices, 0);
	view_unnotified_free(&l);
	CU_ASSERT_EQUAL(view_unnotified_inquire(&P->a.ctx, child, &row), MG_ESTATE);
	CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM form_register WHERE "
	                "form_kind = 'notice_inquiry'"), 1);
	wftest_pair_close(P);
}

/*
 * Allocation failures (the Nth and every later one, looped): the 照会書
 * either is issued wholly (form row and log row) or leaves the registry
 * byte for byte as it was.
 */
static void t_inquiry_faults(void)
{
	struct view_unnotified_row row;
	char *before, *after, day[11];
	const char *child;
	int done = 0, failed = 0;

	move_child("unnot_fault");
	child = P->fam.atena[2];
	wftest_date(PLANNED, 31, day);
	wftest_today(&P->a, day);
	before = wftest_snapshot(P->a.db, WFTEST_SNAP_ALL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	for (long n = 1; n < 2000 && !done; n++) {
		int rc, fired;

		testutil_fault_arm(n);
		rc = view_unnotified_inquire(&P->a.ctx, child, &row);
		fired = testutil_fault_fired();
		testutil_fault_arm(0);
		if (rc == 0) {
			done = 1;
			CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM form_register WHERE "
			                "form_kind = 'notice_inquiry'"), 1);
			CU_ASSERT_EQUAL(wftest_count(P->a.db, "SELECT count(*) FROM audit WHERE "
			                "action = 'view' AND target = '%s'", child), 1);
			break;
		}
		failed++;
		CU_ASSERT_TRUE(fired);
		CU_ASSERT_TRUE(rc < 0);
		after = wftest_snapshot(P->a.db, WFTEST_SNAP_ALL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(after);
		CU_ASSERT_STRING_EQUAL(after, before);
		free(after);
	}
	CU_ASSERT_TRUE(done);
	CU_ASSERT_TRUE(failed > 10);   /* the loop reached past the transaction's start */
	free(before);
	wftest_pair_close(P);
}

TESTUTIL_REGISTER(view_unnotified)
{
	static const struct testutil_case cases[] = {
		{ "未着者一覧: the waiting period, states, window, log", t_list_days_and_window },
		{ "照会書: registered, logged, shown; ended by the notice", t_inquiry },
		{ "照会書 under allocation failures: all or nothing", t_inquiry_faults },
		{ NULL, NULL }
	};

	testutil_suite("view_unnotified", suite_init, suite_fini, cases);
}
