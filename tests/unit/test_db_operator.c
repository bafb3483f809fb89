/* test_db_operator.c — operator rows, persisted failure counts and locks, settings. */
#include "tests/unit/testutil.h"
#include "db/db.h"
#include "db/db_operator.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* A fresh registry file. */
static struct db *fresh(const char *name)
{
	struct db *db = NULL;

	unlink(testutil_path(name));
	return db_open(testutil_path(name), DB_OPEN_CREATE, &db) == 0 ? db : NULL;
}

/* A row with the given id and role. */
static struct db_operator_row row(const char *id, const char *role)
{
	struct db_operator_row r;

	memset(&r, 0, sizeof r);
	snprintf(r.id, sizeof r.id, "%s", id);
	snprintf(r.name, sizeof r.name, "窓口 太郎");
	snprintf(r.role, sizeof r.role, "%s", role);
	snprintf(r.pw_hash, sizeof r.pw_hash, "$scrypt$ln=10,r=8,p=1$x$y");
	r.created_at = 100;
	r.pw_changed_at = 100;
	return r;
}

static void t_insert_get_and_duplicates(void)
{
	struct db *db = fresh("op1.db");
	struct db_operator_row r = row("C001", "clerk"), got;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL(db_operator_insert(db, &r), 0);
	CU_ASSERT_EQUAL(db_operator_insert(db, &r), MG_EEXISTS);
	CU_ASSERT_EQUAL(db_operator_get(db, "C001", &got), 0);
	CU_ASSERT_STRING_EQUAL(got.name, "窓口 太郎");
	CU_ASSERT_STRING_EQUAL(got.role, "clerk");
	CU_ASSERT_EQUAL(got.failures, 0);
	CU_ASSERT_EQUAL(got.locked, 0);
	CU_ASSERT_EQUAL(got.created_at, 100);
	CU_ASSERT_EQUAL(db_operator_get(db, "nobody", &got), MG_ENOTFOUND);
	CU_ASSERT_EQUAL(db_operator_get(db, "c001", &got), MG_ENOTFOUND);   /* ids are exact */
	db_close(db);
}

static void t_checks_refuse_bad_rows(void)
{
	struct db *db = fresh("op2.db");
	struct db_operator_row r;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	r = row("bad id", "clerk");
	CU_ASSERT_EQUAL(db_operator_insert(db, &r), MG_ECONSTRAINT);
	r = row("C002", "root");
	CU_ASSERT_EQUAL(db_operator_insert(db, &r), MG_ECONSTRAINT);
	r = row("C003", "clerk");
	snprintf(r.pw_hash, sizeof r.pw_hash, "plaintext");
	CU_ASSERT_EQUAL(db_operator_insert(db, &r), MG_ECONSTRAINT);
	r = row("C004", "clerk");
	r.name[0] = '\0';
	CU_ASSERT_EQUAL(db_operator_insert(db, &r), MG_ECONSTRAINT);
	db_close(db);
}

static void t_failures_lock_at_threshold_and_persist(void)
{
	const char *name = "op3.db";
	struct db *db = fresh(name);
	struct db_operator_row r = row("C001", "clerk"), got;
	int f = -1, l = -1;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL(db_operator_insert(db, &r), 0);
	CU_ASSERT_EQUAL(db_operator_fail(db, "C001", 3, 200, &f, &l), 0);
	CU_ASSERT_EQUAL(f, 1);
	CU_ASSERT_EQUAL(l, 0);
	CU_ASSERT_EQUAL(db_operator_fail(db, "C001", 3, 201, &f, &l), 0);
	CU_ASSERT_EQUAL(f, 2);
	CU_ASSERT_EQUAL(l, 0);
	db_close(db);
	/* the count survives a restart */
	CU_ASSERT_EQUAL_FATAL(db_open(testutil_path(name), 0, &db), 0);
	CU_ASSERT_EQUAL(db_operator_get(db, "C001", &got), 0);
	CU_ASSERT_EQUAL(got.failures, 2);
	CU_ASSERT_EQUAL(got.last_failure_at, 201);
	CU_ASSERT_EQUAL(db_operator_fail(db, "C001", 3, 202, &f, &l), 0);
	CU_ASSERT_EQUAL(f, 3);
	CU_ASSERT_EQUAL(l, 1);
	CU_ASSERT_EQUAL(db_operator_get(db, "C001", &got), 0);
	CU_ASSERT_EQUAL(got.locked, 1);
	CU_ASSERT_EQUAL(got.locked_at, 202);
	/* further failures keep the first lock time */
	CU_ASSERT_EQUAL(db_operator_fail(db, "C001", 3, 300, &f, &l), 0);
	CU_ASSERT_EQUAL(db_operator_get(db, "C001", &got), 0);
	CU_ASSERT_EQUAL(got.locked_at, 202);
	CU_ASSERT_EQUAL(got.failures, 4);
	db_close(db);
	CU_ASSERT_EQUAL_FATAL(db_open(testutil_path(name), 0, &db), 0);
	CU_ASSERT_EQUAL(db_operator_get(db, "C001", &got), 0);
	CU_ASSERT_EQUAL(got.locked, 1);
	/* unlock clears the lock and the count */
	CU_ASSERT_EQUAL(db_operator_set_locked(db, "C001", 0, 400), 0);
	CU_ASSERT_EQUAL(db_operator_get(db, "C001", &got), 0);
	CU_ASSERT_EQUAL(got.locked, 0);
	CU_ASSERT_EQUAL(got.failures, 0);
	CU_ASSERT_EQUAL(got.locked_at, 0);
	CU_ASSERT_EQUAL(db_operator_fail(db, "nobody", 3, 1, &f, &l), MG_ENOTFOUND);
	db_close(db);
}

static void t_success_resets_and_hash_change(void)
{
	struct db *db = fresh("op4.db");
	struct db_operator_row r = row("S001", "supervisor"), got;
	int f = 0, l = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL(db_operator_insert(db, &r), 0);
	CU_ASSERT_EQUAL(db_operator_fail(db, "S001", 5, 10, &f, &l), 0);
	CU_ASSERT_EQUAL(db_operator_fail(db, "S001", 5, 11, &f, &l), 0);
	CU_ASSERT_EQUAL(db_operator_success(db, "S001", 12), 0);
	CU_ASSERT_EQUAL(db_operator_get(db, "S001", &got), 0);
	CU_ASSERT_EQUAL(got.failures, 0);
	CU_ASSERT_EQUAL(got.last_login_at, 12);
	CU_ASSERT_EQUAL(db_operator_fail(db, "S001", 5, 13, &f, &l), 0);
	CU_ASSERT_EQUAL(db_operator_set_hash(db, "S001", "$scrypt$new", 14), 0);
	CU_ASSERT_EQUAL(db_operator_get(db, "S001", &got), 0);
	CU_ASSERT_STRING_EQUAL(got.pw_hash, "$scrypt$new");
	CU_ASSERT_EQUAL(got.pw_changed_at, 14);
	CU_ASSERT_EQUAL(got.failures, 0);
	/* a new password does not lift a lock */
	CU_ASSERT_EQUAL(db_operator_set_locked(db, "S001", 1, 15), 0);
	CU_ASSERT_EQUAL(db_operator_set_hash(db, "S001", "$scrypt$newer", 16), 0);
	CU_ASSERT_EQUAL(db_operator_get(db, "S001", &got), 0);
	CU_ASSERT_EQUAL(got.locked, 1);
	CU_ASSERT_EQUAL(db_operator_set_hash(db, "X", "$scrypt$z", 1), MG_ENOTFOUND);
	CU_ASSERT_EQUAL(db_operator_set_role(db, "S001", "admin"), 0);
	CU_ASSERT_EQUAL(db_operator_set_role(db, "S001", "god"), MG_ECONSTRAINT);
	CU_ASSERT_EQUAL(db_operator_set_name(db, "S001", "監督 花子"), 0);
	CU_ASSERT_EQUAL(db_operator_get(db, "S001", &got), 0);
	CU_ASSERT_STRING_EQUAL(got.role, "admin");
	CU_ASSERT_STRING_EQUAL(got.name, "監督 花子");
	db_close(db);
}

/* Collect ids of the list walk. */
static int list_ids(void *arg, const struct db_operator_row *r)
{
	char *acc = arg;

	strcat(acc, r->id);
	strcat(acc, ",");
	return 0;
}

static void t_list_count_and_settings(void)
{
	struct db *db = fresh("op5.db");
	const char *ids[] = { "K01", "A01", "C02", "C01" };
	const char *roles[] = { "kiosk", "admin", "clerk", "clerk" };
	char acc[128] = "", v[32];
	int n = -1;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	for (int i = 0; i < 4; i++) {
		struct db_operator_row r = row(ids[i], roles[i]);

		CU_ASSERT_EQUAL(db_operator_insert(db, &r), 0);
	}
	CU_ASSERT_EQUAL(db_operator_list(db, list_ids, acc), 0);
	CU_ASSERT_STRING_EQUAL(acc, "A01,C01,C02,K01,");
	CU_ASSERT_EQUAL(db_operator_count(db, NULL, &n), 0);
	CU_ASSERT_EQUAL(n, 4);
	CU_ASSERT_EQUAL(db_operator_count(db, "clerk", &n), 0);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_EQUAL(db_operator_setting_get(db, "result_cap", v, sizeof v), MG_ENOTFOUND);
	CU_ASSERT_EQUAL(db_operator_setting_put(db, "result_cap", "40", "A01", 5), 0);
	CU_ASSERT_EQUAL(db_operator_setting_put(db, "result_cap", "30", "A01", 6), 0);
	CU_ASSERT_EQUAL(db_operator_setting_get(db, "result_cap", v, sizeof v), 0);
	CU_ASSERT_STRING_EQUAL(v, "30");
	db_close(db);
}

TESTUTIL_REGISTER(db_operator)
{
	static const struct testutil_case cases[] = {
		{ "insert, get, duplicates", t_insert_get_and_duplicates },
		{ "CHECKs refuse bad rows", t_checks_refuse_bad_rows },
		{ "failures lock at the threshold and persist", t_failures_lock_at_threshold_and_persist },
		{ "success resets; new hash", t_success_resets_and_hash_change },
		{ "list, count, settings", t_list_count_and_settings },
		{ NULL, NULL }
	};
	testutil_suite("db_operator", NULL, NULL, cases);
}
