/* test_db_audit.c — the operation log table: append-only triggers, hash chain, tampering. */
#include "tests/unit/testutil.h"
#include "db/db.h"
#include "db/db_audit.h"
#include "i18n/mg_rc.h"

#include <openssl/sha.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* A fresh registry with n log rows at times 1000, 1010, … */
static struct db *seeded(const char *name, int n)
{
	const char *p = testutil_path(name);
	struct db *db = NULL;
	char target[16], detail[32];

	unlink(p);
	if (db_open(p, DB_OPEN_CREATE, &db) != 0)
		return NULL;
	for (int i = 1; i <= n; i++) {
		snprintf(target, sizeof target, "%d", 100 + i);
		snprintf(detail, sizeof detail, "count=%d", i);
		if (db_audit_append(db, 1000 + 10 * i, i % 2 ? "C001" : "S001", "T01",
		                    i % 3 ? "view" : "search", target, detail, NULL) != 0) {
			db_close(db);
			return NULL;
		}
	}
	return db;
}

/* Run SQL on the file with a plain connection of its own (behind the program's back). */
static int tamper(const char *name, const char *sql)
{
	sqlite3 *h = NULL;
	char *err = NULL;
	int src;

	if (sqlite3_open_v2(testutil_path(name), &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return -1;
	}
	src = sqlite3_exec(h, sql, NULL, NULL, &err);
	if (src != SQLITE_OK)
		fprintf(stderr, "tamper: %s\n", err ? err : "?");
	sqlite3_free(err);
	sqlite3_close(h);
	return src == SQLITE_OK ? 0 : -1;
}

/* Verify the file; OUT: *v. */
static int verify_file(const char *name, struct db_audit_verdict *v)
{
	struct db *db = NULL;
	int rc;

	memset(v, 0, sizeof *v);
	rc = db_open(testutil_path(name), 0, &db);
	if (rc)
		return rc;
	rc = db_audit_verify(db, v);
	db_close(db);
	return rc;
}

#define DROP_TRIGGERS "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;"

static void t_append_and_verify_good_chain(void)
{
	struct db *db = seeded("good.db", 6);
	struct db_audit_verdict v;
	long long n = 0, seq = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL(db_audit_count(db, &n), 0);
	CU_ASSERT_EQUAL(n, 6);
	CU_ASSERT_EQUAL(db_audit_verify(db, &v), 0);
	CU_ASSERT_EQUAL(v.rows, 6);
	CU_ASSERT_EQUAL(v.bad_seq, 0);
	CU_ASSERT_PTR_NULL(v.reason);
	CU_ASSERT_EQUAL(v.triggers_ok, 1);
	/* an explicit time earlier than the last row is refused; now (-1) is not */
	CU_ASSERT_EQUAL(db_audit_append(db, 1005, "C001", "T01", "view", "1", NULL, NULL), MG_EINVAL);
	CU_ASSERT_EQUAL(db_audit_append(db, -1, "C001", "T01", "view", "1", NULL, &seq), 0);
	CU_ASSERT_EQUAL(seq, 7);
	CU_ASSERT_EQUAL(db_audit_verify(db, &v), 0);
	CU_ASSERT_EQUAL(v.rows, 7);
	db_close(db);
}

static void t_empty_log_verifies(void)
{
	struct db *db = seeded("empty.db", 0);
	struct db_audit_verdict v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL(db_audit_verify(db, &v), 0);
	CU_ASSERT_EQUAL(v.rows, 0);
	db_close(db);
}

static void t_triggers_refuse_update_and_delete(void)
{
	struct db *db = seeded("trig.db", 3);
	struct db_audit_verdict v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL(db_exec(db, "UPDATE audit SET detail = 'x' WHERE seq = 2"), MG_ECONSTRAINT);
	CU_ASSERT_EQUAL(db_exec(db, "DELETE FROM audit WHERE seq = 3"), MG_ECONSTRAINT);
	CU_ASSERT_EQUAL(db_exec(db, "DELETE FROM audit"), MG_ECONSTRAINT);
	CU_ASSERT_EQUAL(db_audit_verify(db, &v), 0);
	CU_ASSERT_EQUAL(v.rows, 3);
	db_close(db);
}

/* The stored hash is SHA-256 of the serialisation documented in db_audit.h. */
static void t_hash_matches_documented_serialisation(void)
{
	struct db *db = seeded("doc.db", 2);
	unsigned char buf[512], want[32];
	size_t n = 0;
	sqlite3_stmt *st;
	const char *fields[7] = { "2", "1020", "S001", "T01", "view", "102", "count=2" };

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	memcpy(buf, "madoguchi-audit-v1", 18);
	buf[18] = 0;
	n = 19;
	for (int i = 0; i < 7; i++) {
		size_t len = strlen(fields[i]);

		buf[n++] = 0;
		buf[n++] = 0;
		buf[n++] = (unsigned char)(len >> 8);
		buf[n++] = (unsigned char)len;
		memcpy(buf + n, fields[i], len);
		n += len;
	}
	st = db_stmt(db, "SELECT prev_hash, hash FROM audit WHERE seq = 2");
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL_FATAL(sqlite3_step(st), SQLITE_ROW);
	memcpy(buf + n, sqlite3_column_blob(st, 0), 32);
	n += 32;
	SHA256(buf, n, want);
	CU_ASSERT_EQUAL(memcmp(sqlite3_column_blob(st, 1), want, 32), 0);
	sqlite3_reset(st);
	/* and the first row links to 32 zero bytes */
	st = db_stmt(db, "SELECT prev_hash FROM audit WHERE seq = 1");
	CU_ASSERT_EQUAL_FATAL(sqlite3_step(st), SQLITE_ROW);
	{
		unsigned char zero[32] = { 0 };

		CU_ASSERT_EQUAL(memcmp(sqlite3_column_blob(st, 0), zero, 32), 0);
	}
	sqlite3_reset(st);
	db_close(db);
}

static void t_changed_row_is_named(void)
{
	struct db *db = seeded("chg.db", 6);
	struct db_audit_verdict v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	db_close(db);
	CU_ASSERT_EQUAL_FATAL(tamper("chg.db", DROP_TRIGGERS
	                             "UPDATE audit SET target = '999' WHERE seq = 4;"), 0);
	CU_ASSERT_EQUAL(verify_file("chg.db", &v), MG_ECHAIN);
	CU_ASSERT_EQUAL(v.bad_seq, 4);
	CU_ASSERT_STRING_EQUAL(v.reason, "audit_bad_content");
	CU_ASSERT_EQUAL(v.triggers_ok, 0);
}

static void t_changed_operator_time_and_null_are_named(void)
{
	static const char *const edits[] = {
		"UPDATE audit SET operator = 'X999' WHERE seq = 2;",
		"UPDATE audit SET at = at + 1 WHERE seq = 2;",
		"UPDATE audit SET detail = NULL WHERE seq = 2;",
		"UPDATE audit SET terminal = 'T02' WHERE seq = 2;",
		"UPDATE audit SET action = 'login' WHERE seq = 2;",
	};

	for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		struct db *db = seeded("chg2.db", 4);
		struct db_audit_verdict v;
		char sql[256];

		CU_ASSERT_PTR_NOT_NULL_FATAL(db);
		db_close(db);
		snprintf(sql, sizeof sql, "%s%s", DROP_TRIGGERS, edits[i]);
		CU_ASSERT_EQUAL_FATAL(tamper("chg2.db", sql), 0);
		CU_ASSERT_EQUAL(verify_file("chg2.db", &v), MG_ECHAIN);
		CU_ASSERT_EQUAL(v.bad_seq, 2);
	}
}

/* A changed row whose own hash was recomputed breaks the link of the next row. */
static void t_rehashed_row_breaks_next_link(void)
{
	const char *name = "rehash.db";
	struct db *db = seeded(name, 5);
	struct db_audit_row r;
	sqlite3_stmt *st;
	unsigned char h[32];
	char sql[512], hex[65];

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	st = db_stmt(db, "SELECT seq, at, operator, terminal, action, target, detail, prev_hash"
	                 " FROM audit WHERE seq = 3");
	CU_ASSERT_EQUAL_FATAL(sqlite3_step(st), SQLITE_ROW);
	memset(&r, 0, sizeof r);
	r.seq = 3;
	r.at = sqlite3_column_int64(st, 1);
	r.operator_id = "C001";
	r.terminal = "T01";
	r.action = (const char *)sqlite3_column_text(st, 4);
	r.target = "555";
	r.detail = (const char *)sqlite3_column_text(st, 6);
	memcpy(r.prev_hash, sqlite3_column_blob(st, 7), 32);
	CU_ASSERT_EQUAL(db_audit_hash(&r, h), 0);
	sqlite3_reset(st);
	db_close(db);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
	snprintf(sql, sizeof sql, DROP_TRIGGERS
	         "UPDATE audit SET operator = 'C001', target = '555', hash = x'%s' WHERE seq = 3;", hex);
	CU_ASSERT_EQUAL_FATAL(tamper(name, sql), 0);
	{
		struct db_audit_verdict v;

		CU_ASSERT_EQUAL(verify_file(name, &v), MG_ECHAIN);
		CU_ASSERT_EQUAL(v.bad_seq, 4);
		CU_ASSERT_STRING_EQUAL(v.reason, "audit_bad_link");
	}
}

static void t_removed_middle_row_is_named(void)
{
	struct db *db = seeded("del.db", 6);
	struct db_audit_verdict v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	db_close(db);
	CU_ASSERT_EQUAL_FATAL(tamper("del.db", DROP_TRIGGERS "DELETE FROM audit WHERE seq = 3;"), 0);
	CU_ASSERT_EQUAL(verify_file("del.db", &v), MG_ECHAIN);
	CU_ASSERT_EQUAL(v.bad_seq, 3);
	CU_ASSERT_STRING_EQUAL(v.reason, "audit_bad_missing");
}

/* Removing a middle row and renumbering the rest still breaks the chain. */
static void t_removed_and_renumbered_is_named(void)
{
	struct db *db = seeded("ren.db", 6);
	struct db_audit_verdict v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	db_close(db);
	CU_ASSERT_EQUAL_FATAL(tamper("ren.db", DROP_TRIGGERS
	                             "DELETE FROM audit WHERE seq = 3;"
	                             "UPDATE audit SET seq = seq - 1 WHERE seq > 3;"
	                             "UPDATE sqlite_sequence SET seq = 5 WHERE name = 'audit';"), 0);
	CU_ASSERT_EQUAL(verify_file("ren.db", &v), MG_ECHAIN);
	CU_ASSERT_EQUAL(v.bad_seq, 3);
}

static void t_removed_last_rows_are_named(void)
{
	struct db *db = seeded("tail.db", 6);
	struct db_audit_verdict v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	db_close(db);
	CU_ASSERT_EQUAL_FATAL(tamper("tail.db", DROP_TRIGGERS "DELETE FROM audit WHERE seq >= 5;"), 0);
	CU_ASSERT_EQUAL(verify_file("tail.db", &v), MG_ECHAIN);
	CU_ASSERT_EQUAL(v.bad_seq, 5);
	CU_ASSERT_STRING_EQUAL(v.reason, "audit_bad_truncated");
	/* a new row after the cut does not hide it: the gap stays visible */
	CU_ASSERT_EQUAL_FATAL(db_open(testutil_path("tail.db"), 0, &db), 0);
	CU_ASSERT_EQUAL(db_audit_append(db, -1, "C001", "T01", "view", "1", NULL, NULL), 0);
	CU_ASSERT_EQUAL(db_audit_verify(db, &v), MG_ECHAIN);
	CU_ASSERT_EQUAL(v.bad_seq, 5);
	db_close(db);
}

static void t_inserted_row_is_named(void)
{
	struct db *db = seeded("ins.db", 4);
	struct db_audit_verdict v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	db_close(db);
	/* an extra row appended with a made-up hash */
	CU_ASSERT_EQUAL_FATAL(tamper("ins.db",
	        "INSERT INTO audit (at, operator, terminal, action, target, detail, prev_hash, hash)"
	        " SELECT 5000, 'C001', 'T01', 'view', '1', NULL, hash, randomblob(32)"
	        " FROM audit WHERE seq = 4;"), 0);
	CU_ASSERT_EQUAL(verify_file("ins.db", &v), MG_ECHAIN);
	CU_ASSERT_EQUAL(v.bad_seq, 5);
	CU_ASSERT_STRING_EQUAL(v.reason, "audit_bad_content");
}

/* A row slipped in between (a freed seq reused) is caught at its place. */
static void t_row_inserted_between_is_named(void)
{
	struct db *db = seeded("mid.db", 5);
	struct db_audit_verdict v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	db_close(db);
	CU_ASSERT_EQUAL_FATAL(tamper("mid.db", DROP_TRIGGERS
	        "CREATE TEMP TABLE keep AS SELECT * FROM audit WHERE seq >= 3;"
	        "DELETE FROM audit WHERE seq >= 3;"
	        "INSERT INTO audit SELECT seq + 1, at, operator, terminal, action, target, detail,"
	        " prev_hash, hash FROM keep;"
	        "INSERT INTO audit (seq, at, operator, terminal, action, target, detail, prev_hash, hash)"
	        " SELECT 3, 1025, 'C001', 'T01', 'view', '7', NULL, hash, randomblob(32)"
	        " FROM audit WHERE seq = 2;"), 0);
	CU_ASSERT_EQUAL(verify_file("mid.db", &v), MG_ECHAIN);
	CU_ASSERT_EQUAL(v.bad_seq, 3);
}

/* Rows appended with a correct hash but an earlier time: inserted out of order. */
static void t_row_out_of_time_order_is_named(void)
{
	const char *name = "time.db";
	struct db *db = seeded(name, 3);
	struct db_audit_row r;
	struct db_audit_verdict v;
	sqlite3_stmt *st;
	unsigned char h[32];
	char sql[600], hex[65], phex[65];

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	st = db_stmt(db, "SELECT hash FROM audit WHERE seq = 3");
	CU_ASSERT_EQUAL_FATAL(sqlite3_step(st), SQLITE_ROW);
	memset(&r, 0, sizeof r);
	memcpy(r.prev_hash, sqlite3_column_blob(st, 0), 32);
	sqlite3_reset(st);
	db_close(db);
	r.seq = 4;
	r.at = 500;                        /* before row 1 */
	r.operator_id = "C001";
	r.terminal = "T01";
	r.action = "view";
	r.target = "42";
	CU_ASSERT_EQUAL(db_audit_hash(&r, h), 0);
	for (int i = 0; i < 32; i++) {
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
		snprintf(phex + 2 * i, 3, "%02x", r.prev_hash[i]);
	}
	snprintf(sql, sizeof sql,
	         "INSERT INTO audit (seq, at, operator, terminal, action, target, detail, prev_hash, hash)"
	         " VALUES (4, 500, 'C001', 'T01', 'view', '42', NULL, x'%s', x'%s');", phex, hex);
	CU_ASSERT_EQUAL_FATAL(tamper(name, sql), 0);
	CU_ASSERT_EQUAL(verify_file(name, &v), MG_ECHAIN);
	CU_ASSERT_EQUAL(v.bad_seq, 4);
	CU_ASSERT_STRING_EQUAL(v.reason, "audit_bad_time");
}

static void t_swapped_rows_are_named(void)
{
	struct db *db = seeded("swap.db", 5);
	struct db_audit_verdict v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	db_close(db);
	CU_ASSERT_EQUAL_FATAL(tamper("swap.db", DROP_TRIGGERS
	        "UPDATE audit SET seq = 100 WHERE seq = 2;"
	        "UPDATE audit SET seq = 2 WHERE seq = 3;"
	        "UPDATE audit SET seq = 3 WHERE seq = 100;"
	        "UPDATE sqlite_sequence SET seq = 5 WHERE name = 'audit';"), 0);
	CU_ASSERT_EQUAL(verify_file("swap.db", &v), MG_ECHAIN);
	CU_ASSERT_EQUAL(v.bad_seq, 2);
}

/* Walk: time window and early stop. */
static int walk_collect(void *arg, const struct db_audit_row *r)
{
	long long *acc = arg;

	acc[0]++;
	acc[1] += r->seq;
	return r->seq == 5 ? 99 : 0;
}

static void t_walk_window_and_stop(void)
{
	struct db *db = seeded("walk.db", 6);
	long long acc[2] = { 0, 0 };

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL(db_audit_walk(db, 1020, 1050, walk_collect, acc), 0);
	CU_ASSERT_EQUAL(acc[0], 3);             /* rows 2, 3, 4 (times 1020, 1030, 1040) */
	CU_ASSERT_EQUAL(acc[1], 2 + 3 + 4);
	acc[0] = acc[1] = 0;
	CU_ASSERT_EQUAL(db_audit_walk(db, 0, 0, walk_collect, acc), 99);
	CU_ASSERT_EQUAL(acc[0], 5);
	db_close(db);
}

/* A row appended inside a transaction goes away with its rollback. */
static void t_append_joins_open_transaction(void)
{
	struct db *db = seeded("tx.db", 2);
	long long n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL_FATAL(db_begin(db), 0);
	CU_ASSERT_EQUAL(db_audit_append(db, -1, "C001", "T01", "commit", "U1", "wf=tennyu atena=1", NULL), 0);
	db_rollback(db);
	CU_ASSERT_EQUAL(db_audit_count(db, &n), 0);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_EQUAL_FATAL(db_begin(db), 0);
	CU_ASSERT_EQUAL(db_audit_append(db, -1, "C001", "T01", "commit", "U1", "wf=tennyu atena=1", NULL), 0);
	CU_ASSERT_EQUAL(db_commit(db), 0);
	CU_ASSERT_EQUAL(db_audit_count(db, &n), 0);
	CU_ASSERT_EQUAL(n, 3);
	{
		struct db_audit_verdict v;

		CU_ASSERT_EQUAL(db_audit_verify(db, &v), 0);
	}
	db_close(db);
}

/* SQLite allocation failures during append end in a clean error and a good chain. */
static void t_append_under_allocation_failures(void)
{
	struct db *db = seeded("fault.db", 2);
	struct db_audit_verdict v;
	int ok = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	for (long n = 1; n < 200 && !ok; n++) {
		int rc;

		testutil_fault_arm(n);
		rc = db_audit_append(db, -1, "C001", "T01", "view", "9", "x", NULL);
		testutil_fault_arm(0);
		if (rc == 0)
			ok = 1;
		else
			CU_ASSERT(rc == MG_ENOMEM || rc == MG_EDB || rc == MG_EIO);
		CU_ASSERT_FALSE(db->tx);
		/* db_rollback's own ROLLBACK can fail while every allocation fails;
		 * roll back once allocations work again (as the next caller would) */
		db_rollback(db);
	}
	CU_ASSERT(ok);
	CU_ASSERT_EQUAL(db_audit_verify(db, &v), 0);
	db_close(db);
}

TESTUTIL_REGISTER(db_audit)
{
	static const struct testutil_case cases[] = {
		{ "append and verify a good chain", t_append_and_verify_good_chain },
		{ "an empty log verifies", t_empty_log_verifies },
		{ "triggers refuse UPDATE and DELETE", t_triggers_refuse_update_and_delete },
		{ "hash = documented serialisation", t_hash_matches_documented_serialisation },
		{ "changed row is named", t_changed_row_is_named },
		{ "every changed field is caught", t_changed_operator_time_and_null_are_named },
		{ "re-hashed row breaks the next link", t_rehashed_row_breaks_next_link },
		{ "removed middle row is named", t_removed_middle_row_is_named },
		{ "removed and renumbered is named", t_removed_and_renumbered_is_named },
		{ "removed last rows are named", t_removed_last_rows_are_named },
		{ "appended forged row is named", t_inserted_row_is_named },
		{ "row inserted between is named", t_row_inserted_between_is_named },
		{ "row out of time order is named", t_row_out_of_time_order_is_named },
		{ "swapped rows are named", t_swapped_rows_are_named },
		{ "walk: window and early stop", t_walk_window_and_stop },
		{ "append joins an open transaction", t_append_joins_open_transaction },
		{ "append under allocation failures", t_append_under_allocation_failures },
		{ NULL, NULL }
	};
	testutil_suite("db_audit", NULL, NULL, cases);
}
