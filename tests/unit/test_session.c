/* test_session.c — login/logout, failures and locks in the log, re-auth, supervisor approval. */
#include "tests/unit/testutil.h"
#include "app/app_ctx.h"
#include "app/auth.h"
#include "app/config.h"
#include "app/guard.h"
#include "app/session.h"
#include "db/db.h"
#include "db/db_audit.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static struct config cfg;

/* A context on a fresh file with three operators (fast scrypt, threshold 3). */
static int setup(struct app_ctx *ctx, const char *name)
{
	struct db *db = NULL;

	config_defaults(&cfg);
	cfg.scrypt_log2_n = 10;
	cfg.lockout_threshold = 3;
	snprintf(cfg.terminal_id, sizeof cfg.terminal_id, "CFG-T9");
	unlink(testutil_path(name));
	memset(ctx, 0, sizeof *ctx);
	if (db_open(testutil_path(name), DB_OPEN_CREATE, &db) != 0)
		return -1;
	ctx->db = db;
	ctx->cfg = &cfg;
	ctx->terminal = "T01";
	if (auth_operator_add(ctx, "C001", "窓口 一郎", SESSION_ROLE_CLERK, "clerk password") ||
	    auth_operator_add(ctx, "S001", "監督 花子", SESSION_ROLE_SUPERVISOR, "super password") ||
	    auth_operator_add(ctx, "S002", "監督 次郎", SESSION_ROLE_SUPERVISOR, "super2 password") ||
	    auth_operator_add(ctx, "A001", "管理 三郎", SESSION_ROLE_ADMIN, "admin password"))
		return -1;
	return 0;
}

/* The last audit row. OUT: fields (cap 128 each, "" for NULL). Returns its seq or -1. */
static long long last_row(struct app_ctx *ctx, char *op, char *term, char *action,
                          char *target, char *detail)
{
	sqlite3_stmt *st = db_stmt(ctx->db, "SELECT seq, operator, terminal, action, target, detail"
	                                    " FROM audit ORDER BY seq DESC LIMIT 1");
	long long seq = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW) {
		seq = sqlite3_column_int64(st, 0);
		db_col_copy(st, 1, op, 128);
		db_col_copy(st, 2, term, 128);
		db_col_copy(st, 3, action, 128);
		db_col_copy(st, 4, target, 128);
		db_col_copy(st, 5, detail, 128);
	}
	if (st)
		sqlite3_reset(st);
	return seq;
}

/* Count rows whose any text column contains s. */
static int rows_containing(struct app_ctx *ctx, const char *s)
{
	sqlite3_stmt *st = db_stmt(ctx->db, "SELECT count(*) FROM audit WHERE"
	        " instr(operator || '|' || terminal || '|' || action || '|' || coalesce(target, '')"
	        " || '|' || coalesce(detail, ''), ?1) > 0");
	int n = -1;

	db_bind_text(st, 1, s);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return n;
}

static void t_login_logout(void)
{
	struct app_ctx ctx;
	struct session s;
	char op[128], term[128], act[128], tgt[128], det[128];
	long long before = (long long)time(NULL);
	long long seq;
	int tries = -1;

	CU_ASSERT_EQUAL_FATAL(setup(&ctx, "login.db"), 0);
	CU_ASSERT_EQUAL(session_login(&ctx, "C001", "clerk password", &s, &tries), 0);
	CU_ASSERT_STRING_EQUAL(s.operator_id, "C001");
	CU_ASSERT_STRING_EQUAL(s.display_name, "窓口 一郎");
	CU_ASSERT_EQUAL(s.role, SESSION_ROLE_CLERK);
	CU_ASSERT_STRING_EQUAL(s.terminal, "T01");
	CU_ASSERT(s.started_at >= before && s.started_at <= (long long)time(NULL));
	CU_ASSERT_EQUAL(s.capture_allowed, 0);
	CU_ASSERT_EQUAL(tries, 3);
	seq = last_row(&ctx, op, term, act, tgt, det);
	CU_ASSERT_STRING_EQUAL(act, "login");
	CU_ASSERT_STRING_EQUAL(op, "C001");
	CU_ASSERT_STRING_EQUAL(term, "T01");
	/* the caller's actor is untouched */
	CU_ASSERT_PTR_NULL(ctx.sess);
	ctx.sess = &s;
	session_logout(&ctx, &s);
	CU_ASSERT_PTR_NULL(ctx.sess);
	CU_ASSERT_EQUAL(last_row(&ctx, op, term, act, tgt, det), seq + 1);
	CU_ASSERT_STRING_EQUAL(act, "logout");
	CU_ASSERT_STRING_EQUAL(op, "C001");
	CU_ASSERT_STRING_EQUAL(s.operator_id, "");           /* wiped */
	CU_ASSERT_STRING_EQUAL(s.display_name, "");
	session_logout(&ctx, NULL);
	/* terminal from the configuration when --terminal is not given */
	ctx.terminal = NULL;
	CU_ASSERT_EQUAL(session_login(&ctx, "S001", "super password", &s, NULL), 0);
	CU_ASSERT_STRING_EQUAL(s.terminal, "CFG-T9");
	CU_ASSERT_EQUAL(s.role, SESSION_ROLE_SUPERVISOR);
	db_close(ctx.db);
}

static void t_failures_are_logged_without_secrets(void)
{
	struct app_ctx ctx;
	struct session s;
	char op[128], term[128], act[128], tgt[128], det[128];
	int tries = -1;

	CU_ASSERT_EQUAL_FATAL(setup(&ctx, "fail.db"), 0);
	CU_ASSERT_EQUAL(session_login(&ctx, "C001", "not-the-password", &s, &tries), MG_EAUTH);
	CU_ASSERT_EQUAL(tries, 2);
	CU_ASSERT_STRING_EQUAL(s.operator_id, "");
	last_row(&ctx, op, term, act, tgt, det);
	CU_ASSERT_STRING_EQUAL(act, "login_failed");
	CU_ASSERT_STRING_EQUAL(tgt, "C001");
	CU_ASSERT_STRING_EQUAL(op, "C001");
	CU_ASSERT_STRING_EQUAL(term, "T01");
	/* an unknown id: same answer, and the typed id is not logged (it may be a password) */
	CU_ASSERT_EQUAL(session_login(&ctx, "secret-typed-as-id", "x", &s, &tries), MG_EAUTH);
	CU_ASSERT_EQUAL(tries, 3);
	last_row(&ctx, op, term, act, tgt, det);
	CU_ASSERT_STRING_EQUAL(act, "login_failed");
	CU_ASSERT_STRING_EQUAL(tgt, "");
	CU_ASSERT_STRING_EQUAL(op, "");
	CU_ASSERT_EQUAL(rows_containing(&ctx, "secret-typed-as-id"), 0);
	CU_ASSERT_EQUAL(rows_containing(&ctx, "not-the-password"), 0);
	CU_ASSERT_EQUAL(rows_containing(&ctx, "clerk password"), 0);
	db_close(ctx.db);
}

static void t_lock_is_logged_and_blocks(void)
{
	struct app_ctx ctx;
	struct session s;
	char op[128], term[128], act[128], tgt[128], det[128];
	int tries = -1;

	CU_ASSERT_EQUAL_FATAL(setup(&ctx, "lock.db"), 0);
	CU_ASSERT_EQUAL(session_login(&ctx, "C001", "bad1", &s, &tries), MG_EAUTH);
	CU_ASSERT_EQUAL(session_login(&ctx, "C001", "bad2", &s, &tries), MG_EAUTH);
	CU_ASSERT_EQUAL(tries, 1);
	CU_ASSERT_EQUAL(session_login(&ctx, "C001", "bad3", &s, &tries), MG_ELOCKED);
	CU_ASSERT_EQUAL(tries, 0);
	last_row(&ctx, op, term, act, tgt, det);
	CU_ASSERT_STRING_EQUAL(act, "locked");
	CU_ASSERT_STRING_EQUAL(tgt, "C001");
	CU_ASSERT_EQUAL(session_login(&ctx, "C001", "clerk password", &s, &tries), MG_ELOCKED);
	last_row(&ctx, op, term, act, tgt, det);
	CU_ASSERT_STRING_EQUAL(act, "login_failed");
	CU_ASSERT_PTR_NOT_NULL(strstr(det, "locked"));
	CU_ASSERT_EQUAL(auth_operator_set_locked(&ctx, "C001", 0), 0);
	CU_ASSERT_EQUAL(session_login(&ctx, "C001", "clerk password", &s, &tries), 0);
	db_close(ctx.db);
}

static void t_reauth(void)
{
	struct app_ctx ctx;
	struct session s;

	CU_ASSERT_EQUAL_FATAL(setup(&ctx, "reauth.db"), 0);
	CU_ASSERT_EQUAL_FATAL(session_login(&ctx, "C001", "clerk password", &s, NULL), 0);
	ctx.sess = &s;
	CU_ASSERT_EQUAL(session_reauth(&ctx, &s, "clerk password"), 0);
	CU_ASSERT_EQUAL(session_reauth(&ctx, &s, "wrong"), MG_EAUTH);
	CU_ASSERT_EQUAL(session_reauth(&ctx, &s, "wrong"), MG_EAUTH);
	CU_ASSERT_EQUAL(session_reauth(&ctx, &s, "wrong"), MG_ELOCKED);
	CU_ASSERT_EQUAL(session_reauth(&ctx, &s, "clerk password"), MG_ELOCKED);
	CU_ASSERT_EQUAL(session_reauth(&ctx, NULL, "x"), MG_EINVAL);
	ctx.sess = NULL;
	db_close(ctx.db);
}

static void t_approve(void)
{
	struct app_ctx ctx;
	struct session clerk, sup;
	char who[40], op[128], term[128], act[128], tgt[128], det[128];

	CU_ASSERT_EQUAL_FATAL(setup(&ctx, "approve.db"), 0);
	CU_ASSERT_EQUAL_FATAL(session_login(&ctx, "C001", "clerk password", &clerk, NULL), 0);
	ctx.sess = &clerk;
	CU_ASSERT_EQUAL(session_approve(&ctx, "S001", "super password", PERM_REVEAL_APPROVE,
	                                "kojin_check", who, sizeof who), 0);
	CU_ASSERT_STRING_EQUAL(who, "S001");
	last_row(&ctx, op, term, act, tgt, det);
	CU_ASSERT_STRING_EQUAL(act, "approve");
	CU_ASSERT_STRING_EQUAL(op, "C001");
	CU_ASSERT_STRING_EQUAL(tgt, "S001");
	CU_ASSERT_STRING_EQUAL(det, "what=reveal result=approved reason=kojin_check");
	CU_ASSERT_EQUAL(session_approve(&ctx, "S001", "super password", PERM_BULK_APPROVE,
	                                "over cap\n", who, sizeof who), 0);
	last_row(&ctx, op, term, act, tgt, det);
	CU_ASSERT_STRING_EQUAL(det, "what=bulk result=approved reason=over_cap_");
	/* a clerk or an admin cannot approve */
	CU_ASSERT_EQUAL(session_approve(&ctx, "A001", "admin password", PERM_REVEAL_APPROVE,
	                                "r", who, sizeof who), MG_EPERM);
	CU_ASSERT_STRING_EQUAL(who, "");
	last_row(&ctx, op, term, act, tgt, det);
	CU_ASSERT_STRING_EQUAL(det, "what=reveal result=refused reason=r");
	/* wrong password, bad arguments */
	CU_ASSERT_EQUAL(session_approve(&ctx, "S001", "wrong", PERM_REVEAL_APPROVE, "r",
	                                who, sizeof who), MG_EAUTH);
	CU_ASSERT_EQUAL(session_approve(&ctx, "S001", "super password", PERM_SEARCH, "r",
	                                who, sizeof who), MG_EINVAL);
	CU_ASSERT_EQUAL(session_approve(&ctx, "S001", "super password", PERM_REVEAL_APPROVE, "",
	                                who, sizeof who), MG_EINVAL);
	CU_ASSERT_EQUAL(session_approve(&ctx, "S001", "super password", PERM_REVEAL_APPROVE, "r",
	                                who, 4), MG_EINVAL);
	/* four eyes: a supervisor cannot approve their own request */
	CU_ASSERT_EQUAL_FATAL(session_login(&ctx, "S002", "super2 password", &sup, NULL), 0);
	ctx.sess = &sup;
	CU_ASSERT_EQUAL(session_approve(&ctx, "S002", "super2 password", PERM_BULK_APPROVE, "r",
	                                who, sizeof who), MG_EPERM);
	CU_ASSERT_EQUAL(session_approve(&ctx, "S001", "super password", PERM_BULK_APPROVE, "r",
	                                who, sizeof who), 0);
	CU_ASSERT_EQUAL(rows_containing(&ctx, "super password"), 0);
	{
		struct db_audit_verdict v;

		CU_ASSERT_EQUAL(db_audit_verify(ctx.db, &v), 0);
	}
	ctx.sess = NULL;
	db_close(ctx.db);
}

static void t_capture_allowed_is_logged_at_login(void)
{
	struct app_ctx ctx;
	struct session s;
	char op[128], term[128], act[128], tgt[128], det[128];

	CU_ASSERT_EQUAL_FATAL(setup(&ctx, "capture.db"), 0);
	guard_set_capture(1, "tmux");
	CU_ASSERT_EQUAL(session_login(&ctx, "C001", "clerk password", &s, NULL), 0);
	guard_set_capture(0, NULL);
	CU_ASSERT_EQUAL(s.capture_allowed, 1);
	last_row(&ctx, op, term, act, tgt, det);
	CU_ASSERT_STRING_EQUAL(act, "capture_allowed");
	CU_ASSERT_STRING_EQUAL(op, "C001");
	CU_ASSERT_STRING_EQUAL(det, "tool=tmux");
	CU_ASSERT_EQUAL(session_login(&ctx, "C001", "clerk password", &s, NULL), 0);
	CU_ASSERT_EQUAL(s.capture_allowed, 0);
	last_row(&ctx, op, term, act, tgt, det);
	CU_ASSERT_STRING_EQUAL(act, "login");
	db_close(ctx.db);
}

TESTUTIL_REGISTER(session)
{
	static const struct testutil_case cases[] = {
		{ "login and logout", t_login_logout },
		{ "failures logged without secrets", t_failures_are_logged_without_secrets },
		{ "lock is logged and blocks", t_lock_is_logged_and_blocks },
		{ "idle re-authentication", t_reauth },
		{ "supervisor approval", t_approve },
		{ "allowed capture is logged at login", t_capture_allowed_is_logged_at_login },
		{ NULL, NULL }
	};
	testutil_suite("session", NULL, NULL, cases);
}
