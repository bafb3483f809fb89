/* test_perm.c — the roles × actions table, the system actor, bad roles. */
#include "tests/unit/testutil.h"
#include "app/app_ctx.h"
#include "app/perm.h"
#include "app/session.h"
#include "i18n/mg_rc.h"

#include <string.h>

/* Expected: 1 = allowed. Rows: clerk, supervisor, admin, kiosk, system. */
static const char expect[5][PERM_ACTION_COUNT_] = {
	/*            SEARCH VIEW WF CARD REVEAL BULK AUDIT OPADM SET KIOSK DELIV BATCH */
	/* clerk */      { 1,  1,  1,  1,   0,    0,   0,    0,   0,   0,    1,    0 },
	/* supervisor */ { 1,  1,  1,  1,   1,    1,   1,    0,   0,   0,    1,    0 },
	/* admin */      { 0,  0,  0,  0,   0,    0,   0,    1,   1,   0,    0,    0 },
	/* kiosk */      { 0,  0,  0,  1,   0,    0,   0,    0,   0,   1,    0,    0 },
	/* system */     { 0,  0,  0,  0,   0,    0,   1,    1,   1,   0,    1,    1 },
};

_Static_assert(PERM_ACTION_COUNT_ == 12, "update the expected table for new actions");

static void t_every_role_and_action(void)
{
	struct session s;
	struct app_ctx ctx;

	memset(&ctx, 0, sizeof ctx);
	memset(&s, 0, sizeof s);
	for (int role = 0; role < 5; role++) {
		if (role < 4) {
			s.role = (enum session_role)role;
			ctx.sess = &s;
		} else {
			ctx.sess = NULL;
		}
		for (int a = 0; a < PERM_ACTION_COUNT_; a++) {
			int rc = perm_check(&ctx, (enum perm_action)a);

			CU_ASSERT_EQUAL(rc, expect[role][a] ? 0 : MG_EPERM);
			if ((rc == 0) != expect[role][a])
				fprintf(stderr, "role %d action %d: rc %d\n", role, a, rc);
		}
	}
}

static void t_admin_does_no_registry_work(void)
{
	struct session s;
	struct app_ctx ctx;

	memset(&ctx, 0, sizeof ctx);
	memset(&s, 0, sizeof s);
	s.role = SESSION_ROLE_ADMIN;
	ctx.sess = &s;
	CU_ASSERT_EQUAL(perm_check(&ctx, PERM_SEARCH), MG_EPERM);
	CU_ASSERT_EQUAL(perm_check(&ctx, PERM_VIEW), MG_EPERM);
	CU_ASSERT_EQUAL(perm_check(&ctx, PERM_WORKFLOW), MG_EPERM);
	CU_ASSERT_EQUAL(perm_check(&ctx, PERM_OPERATOR_ADMIN), 0);
}

static void t_out_of_range_is_refused(void)
{
	struct session s;
	struct app_ctx ctx;

	memset(&ctx, 0, sizeof ctx);
	memset(&s, 0, sizeof s);
	s.role = SESSION_ROLE_SUPERVISOR;
	ctx.sess = &s;
	CU_ASSERT_EQUAL(perm_check(&ctx, PERM_ACTION_COUNT_), MG_EPERM);
	CU_ASSERT_EQUAL(perm_check(&ctx, (enum perm_action)-1), MG_EPERM);
	CU_ASSERT_EQUAL(perm_check(NULL, PERM_SEARCH), MG_EPERM);
	s.role = (enum session_role)7;
	CU_ASSERT_EQUAL(perm_check(&ctx, PERM_SEARCH), MG_EPERM);
	CU_ASSERT_EQUAL(perm_check(&ctx, PERM_KIOSK), MG_EPERM);
}

static void t_role_names_round_trip(void)
{
	static const char *const names[] = { "clerk", "supervisor", "admin", "kiosk" };
	enum session_role r;

	for (int i = 0; i < 4; i++) {
		CU_ASSERT_STRING_EQUAL(session_role_name((enum session_role)i), names[i]);
		CU_ASSERT_EQUAL(session_role_parse(names[i], &r), 0);
		CU_ASSERT_EQUAL((int)r, i);
	}
	CU_ASSERT_EQUAL(session_role_parse("Clerk", &r), MG_EINVAL);
	CU_ASSERT_EQUAL(session_role_parse("", &r), MG_EINVAL);
	CU_ASSERT_EQUAL(session_role_parse(NULL, &r), MG_EINVAL);
	CU_ASSERT_PTR_NULL(session_role_name((enum session_role)9));
}

TESTUTIL_REGISTER(perm)
{
	static const struct testutil_case cases[] = {
		{ "every role and action", t_every_role_and_action },
		{ "admin does no registry work", t_admin_does_no_registry_work },
		{ "out-of-range role/action refused", t_out_of_range_is_refused },
		{ "role names round trip", t_role_names_round_trip },
		{ NULL, NULL }
	};
	testutil_suite("perm", NULL, NULL, cases);
}
