/* test_db_audit.c — the operation log table: append-only triggers, hash chain, tampering. */
#include "tests/unit/testutil.h"
#include "db/db.h"
#include "db/db_audit.h"
#include "i18n/mg_rc.h"

#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
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

/* ---- recorded heads (anchors) and the triggers --------------------------- */

/* The triggers exactly as db/schema/002_security.sql creates them. */
#define CREATE_TRIGGERS \
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n" \
	"BEGIN\n" \
	"  SELECT RAISE(ABORT, 'audit rows are append-only');\n" \
	"END;\n" \
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\n" \
	"BEGIN\n" \
	"  SELECT RAISE(ABORT, 'audit rows are append-only');\n" \
	"END;\n"

/* The stored head of row seq of the file (seq 0 when there is no such row). */
static struct db_audit_anchor row_anchor(const char *name, long long seq)
{
	struct db_audit_anchor a;
	struct db *db = NULL;
	sqlite3_stmt *st;

	memset(&a, 0, sizeof a);
	if (db_open(testutil_path(name), 0, &db) != 0)
		return a;
	st = db_stmt(db, "SELECT hash FROM audit WHERE seq = ?1");
	if (st) {
		db_bind_int(st, 1, seq);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 32) {
			a.seq = seq;
			memcpy(a.hash, sqlite3_column_blob(st, 0), 32);
		}
		sqlite3_reset(st);
	}
	db_close(db);
	return a;
}

/* Verify the file against recorded heads; OUT: *v. */
static int verify_file_anchored(const char *name, const struct db_audit_anchor *a, size_t n,
                                struct db_audit_verdict *v)
{
	struct db *db = NULL;
	int rc;

	memset(v, 0, sizeof *v);
	rc = db_open(testutil_path(name), 0, &db);
	if (rc)
		return rc;
	rc = db_audit_verify_anchored(db, a, n, v);
	db_close(db);
	return rc;
}

/* Lower-case hex of n bytes into out (2n + 1 bytes). */
static void to_hex(const unsigned char *b, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

/* One row read back for the rewrite below. */
struct saved_row {
	long long at;
	char operator_id[16], terminal[16], action[16], target[16], detail[32];
	int has_target, has_detail;
};

/*
 * The attack of rv-privacy finding 1: someone with write access to the file
 * removes row drop, renumbers the rows after it, recomputes every hash with
 * the module's own (public) function, sets sqlite_sequence to the new last
 * row and puts the triggers back exactly as the schema has them. When
 * forge_tail is set, a made-up row is appended as well so the row count
 * stays the same. Returns 0 or -1.
 */
static int rewrite_without(const char *name, long long drop, int forge_tail)
{
	struct saved_row rows[32];
	struct db_audit_row r;
	unsigned char prev[32], h[32];
	char *sql = NULL, hex[65], phex[65];
	size_t n = 0, cap = 32768, len = 0;
	struct db *db = NULL;
	sqlite3_stmt *st;
	int rc = -1;

	if (db_open(testutil_path(name), 0, &db) != 0)
		return -1;
	st = db_stmt(db, "SELECT seq, at, operator, terminal, action, target, detail"
	                 " FROM audit ORDER BY seq");
	while (st && n < 31 && sqlite3_step(st) == SQLITE_ROW) {
		struct saved_row *s = &rows[n];

		if (sqlite3_column_int64(st, 0) == drop)
			continue;
		memset(s, 0, sizeof *s);
		s->at = sqlite3_column_int64(st, 1);
		db_col_copy(st, 2, s->operator_id, sizeof s->operator_id);
		db_col_copy(st, 3, s->terminal, sizeof s->terminal);
		db_col_copy(st, 4, s->action, sizeof s->action);
		s->has_target = sqlite3_column_type(st, 5) != SQLITE_NULL;
		s->has_detail = sqlite3_column_type(st, 6) != SQLITE_NULL;
		db_col_copy(st, 5, s->target, sizeof s->target);
		db_col_copy(st, 6, s->detail, sizeof s->detail);
		n++;
	}
	if (st)
		sqlite3_reset(st);
	db_close(db);
	if (forge_tail && n > 0) {
		rows[n] = rows[n - 1];
		snprintf(rows[n].target, sizeof rows[n].target, "%s", "7777");
		rows[n].has_target = 1;
		n++;
	}
	sql = malloc(cap);
	if (!sql)
		return -1;
	len = (size_t)snprintf(sql, cap, "%s", DROP_TRIGGERS "DELETE FROM audit;");
	memset(prev, 0, sizeof prev);
	for (size_t i = 0; i < n; i++) {
		memset(&r, 0, sizeof r);
		r.seq = (long long)i + 1;
		r.at = rows[i].at;
		r.operator_id = rows[i].operator_id;
		r.terminal = rows[i].terminal;
		r.action = rows[i].action;
		r.target = rows[i].has_target ? rows[i].target : NULL;
		r.detail = rows[i].has_detail ? rows[i].detail : NULL;
		memcpy(r.prev_hash, prev, 32);
		if (db_audit_hash(&r, h) != 0)
			goto out;
		to_hex(prev, 32, phex);
		to_hex(h, 32, hex);
		len += (size_t)snprintf(sql + len, cap - len,
		        "INSERT INTO audit (seq, at, operator, terminal, action, target, detail,"
		        " prev_hash, hash) VALUES (%lld, %lld, '%s', '%s', '%s', %s%s%s, %s%s%s,"
		        " x'%s', x'%s');", r.seq, r.at, r.operator_id, r.terminal, r.action,
		        r.target ? "'" : "", r.target ? r.target : "NULL", r.target ? "'" : "",
		        r.detail ? "'" : "", r.detail ? r.detail : "NULL", r.detail ? "'" : "",
		        phex, hex);
		memcpy(prev, h, 32);
		if (len >= cap - 1024)
			goto out;
	}
	snprintf(sql + len, cap - len, "UPDATE sqlite_sequence SET seq = %zu WHERE name = 'audit';"
	         CREATE_TRIGGERS, n);
	rc = tamper(name, sql);
out:
	free(sql);
	return rc;
}

static void t_anchor_text(void)
{
	struct db_audit_anchor a, b;
	char text[DB_AUDIT_ANCHOR_TEXT], hex64[65], s[160];
	/* prefix, how many hex digits of the hash, suffix */
	static const struct { const char *pre; int nhex; const char *post; } bad[] = {
		{ "", 0, "" }, { "123", 0, "" }, { "123:", 0, "" }, { ":", 64, "" },
		{ "0:", 64, "" }, { "00000:", 64, "" }, { "-1:", 64, "" }, { "+5:", 64, "" },
		{ " 5:", 64, "" }, { "5 :", 64, "" }, { "5:", 64, " " }, { "5:", 64, "\n" },
		{ "5:", 64, "0" }, { "5;", 64, "" }, { "1234567890123456789:", 64, "" },
		{ "5:", 63, "" }, { "5:", 62, "zz" }, { "x5:", 64, "" }, { "5:0x", 62, "" },
	};
	memset(&a, 0, sizeof a);
	a.seq = 123;
	for (int i = 0; i < 32; i++)
		a.hash[i] = (unsigned char)(0x9f + 7 * i);
	CU_ASSERT_EQUAL(db_audit_anchor_format(&a, text), 0);
	CU_ASSERT_EQUAL(strlen(text), 7 + 1 + 64);
	CU_ASSERT_EQUAL(strncmp(text, "0000123:9f", 10), 0);
	CU_ASSERT_EQUAL(db_audit_anchor_parse(text, &b), 0);
	CU_ASSERT_EQUAL(b.seq, 123);
	CU_ASSERT_EQUAL(memcmp(a.hash, b.hash, 32), 0);
	/* upper-case hex and no zero padding are accepted; a long seq keeps all digits */
	to_hex(a.hash, 32, hex64);
	for (char *p = hex64; *p; p++)
		if (*p >= 'a' && *p <= 'f')
			*p = (char)(*p - 'a' + 'A');
	snprintf(s, sizeof s, "123:%s", hex64);
	CU_ASSERT_EQUAL(db_audit_anchor_parse(s, &b), 0);
	CU_ASSERT_EQUAL(b.seq, 123);
	CU_ASSERT_EQUAL(memcmp(a.hash, b.hash, 32), 0);
	a.seq = 123456789012LL;
	CU_ASSERT_EQUAL(db_audit_anchor_format(&a, text), 0);
	CU_ASSERT_EQUAL(db_audit_anchor_parse(text, &b), 0);
	CU_ASSERT_EQUAL(b.seq, 123456789012LL);
	a.seq = -1;
	CU_ASSERT_EQUAL(db_audit_anchor_format(&a, text), MG_EINVAL);
	to_hex(a.hash, 32, hex64);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(s, sizeof s, "%s%.*s%s", bad[i].pre, bad[i].nhex, hex64, bad[i].post);
		b.seq = 99;
		CU_ASSERT_EQUAL(db_audit_anchor_parse(s, &b), MG_EINVAL);
		CU_ASSERT_EQUAL(b.seq, 0);
	}
	CU_ASSERT_EQUAL(db_audit_anchor_parse(NULL, &b), MG_EINVAL);
}

/* The verdict's head is the last row; recorded heads hold on an untouched log. */
static void t_head_and_anchors_hold_untouched(void)
{
	struct db *db = seeded("head.db", 6);
	struct db_audit_anchor head, a[2];
	struct db_audit_verdict v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL(db_audit_head(db, &head), 0);
	CU_ASSERT_EQUAL(head.seq, 6);
	CU_ASSERT_EQUAL(db_audit_verify(db, &v), 0);
	CU_ASSERT_EQUAL(v.head.seq, 6);
	CU_ASSERT_EQUAL(memcmp(v.head.hash, head.hash, 32), 0);
	db_close(db);
	a[0] = row_anchor("head.db", 3);
	a[1] = head;
	CU_ASSERT_EQUAL(verify_file_anchored("head.db", a, 2, &v), 0);
	CU_ASSERT_EQUAL(v.anchors_ok, 2);
	CU_ASSERT_EQUAL(v.anchor_seq, 0);
	CU_ASSERT_PTR_NULL(v.anchor_reason);
	/* later rows do not disturb a recorded head */
	CU_ASSERT_EQUAL_FATAL(db_open(testutil_path("head.db"), 0, &db), 0);
	CU_ASSERT_EQUAL(db_audit_append(db, -1, "C001", "T01", "view", "1", NULL, NULL), 0);
	CU_ASSERT_EQUAL(db_audit_verify_anchored(db, a, 2, &v), 0);
	CU_ASSERT_EQUAL(v.head.seq, 7);
	/* a head that never existed */
	a[0].seq = 50;
	CU_ASSERT_EQUAL(db_audit_verify_anchored(db, a, 2, &v), MG_EAUDIT_ANCHOR);
	CU_ASSERT_EQUAL(v.anchor_seq, 50);
	CU_ASSERT_STRING_EQUAL(v.anchor_reason, "audit_anchor_missing");
	CU_ASSERT_EQUAL(v.anchors_ok, 1);
	CU_ASSERT_EQUAL(db_audit_verify_anchored(db, NULL, 1, &v), MG_EINVAL);
	db_close(db);
	/* an empty log has no head */
	db = seeded("head0.db", 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL(db_audit_head(db, &head), 0);
	CU_ASSERT_EQUAL(head.seq, 0);
	db_close(db);
}

/*
 * rv-privacy finding 1, truncation: triggers dropped, the tail deleted,
 * sqlite_sequence set back, the triggers put back. The chain alone cannot
 * see it; a head recorded before the cut can.
 */
static void t_truncation_caught_by_recorded_head(void)
{
	const char *name = "cut.db";
	struct db *db = seeded(name, 8);
	struct db_audit_anchor head, early;
	struct db_audit_verdict v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL(db_audit_head(db, &head), 0);
	db_close(db);
	early = row_anchor(name, 5);
	CU_ASSERT_EQUAL_FATAL(early.seq, 5);
	CU_ASSERT_EQUAL(verify_file_anchored(name, &head, 1, &v), 0);
	CU_ASSERT_EQUAL_FATAL(tamper(name, DROP_TRIGGERS "DELETE FROM audit WHERE seq >= 6;"
	                             "UPDATE sqlite_sequence SET seq = 5 WHERE name = 'audit';"
	                             CREATE_TRIGGERS), 0);
	/* what the chain alone can say: nothing (the limit the README states) */
	CU_ASSERT_EQUAL(verify_file(name, &v), 0);
	CU_ASSERT_EQUAL(v.rows, 5);
	CU_ASSERT_EQUAL(v.triggers_ok, 1);
	/* against the head recorded outside the file */
	CU_ASSERT_EQUAL(verify_file_anchored(name, &head, 1, &v), MG_EAUDIT_ANCHOR);
	CU_ASSERT_EQUAL(v.anchor_seq, 8);
	CU_ASSERT_STRING_EQUAL(v.anchor_reason, "audit_anchor_missing");
	CU_ASSERT_EQUAL(v.bad_seq, 0);
	CU_ASSERT_PTR_NULL(v.reason);
	CU_ASSERT_EQUAL(v.triggers_ok, 1);
	/* a head recorded before the cut point still holds */
	CU_ASSERT_EQUAL(verify_file_anchored(name, &early, 1, &v), 0);
	/* and new rows after the cut do not hide it */
	CU_ASSERT_EQUAL_FATAL(db_open(testutil_path(name), 0, &db), 0);
	for (int i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(db_audit_append(db, -1, "C001", "T01", "view", "1", NULL, NULL), 0);
	CU_ASSERT_EQUAL(db_audit_verify_anchored(db, &head, 1, &v), MG_EAUDIT_ANCHOR);
	CU_ASSERT_EQUAL(v.anchor_seq, 8);
	CU_ASSERT_STRING_EQUAL(v.anchor_reason, "audit_anchor_mismatch");
	db_close(db);
}

/*
 * rv-privacy finding 1, rewrite: a middle row removed and every later hash
 * recomputed with the module's own function (sqlite_sequence fixed, the
 * triggers back). Caught against any head recorded at or after the removed
 * row; a head before it still holds (the chain up to it is untouched).
 */
static void t_rehash_caught_by_recorded_head(void)
{
	const char *name = "rechain.db";
	struct db *db = seeded(name, 8);
	struct db_audit_anchor head, mid, early, both[2];
	struct db_audit_verdict v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL(db_audit_head(db, &head), 0);
	db_close(db);
	mid = row_anchor(name, 6);
	early = row_anchor(name, 3);
	CU_ASSERT_EQUAL_FATAL(rewrite_without(name, 4, 0), 0);
	/* the rewrite is consistent: the chain alone passes it */
	CU_ASSERT_EQUAL(verify_file(name, &v), 0);
	CU_ASSERT_EQUAL(v.rows, 7);
	CU_ASSERT_EQUAL(v.triggers_ok, 1);
	CU_ASSERT_EQUAL(verify_file_anchored(name, &head, 1, &v), MG_EAUDIT_ANCHOR);
	CU_ASSERT_EQUAL(v.anchor_seq, 8);
	CU_ASSERT_STRING_EQUAL(v.anchor_reason, "audit_anchor_missing");
	CU_ASSERT_EQUAL(verify_file_anchored(name, &mid, 1, &v), MG_EAUDIT_ANCHOR);
	CU_ASSERT_EQUAL(v.anchor_seq, 6);
	CU_ASSERT_STRING_EQUAL(v.anchor_reason, "audit_anchor_mismatch");
	CU_ASSERT_EQUAL(verify_file_anchored(name, &early, 1, &v), 0);
	/* several heads: the first that fails is named, the others counted */
	both[0] = early;
	both[1] = mid;
	CU_ASSERT_EQUAL(verify_file_anchored(name, both, 2, &v), MG_EAUDIT_ANCHOR);
	CU_ASSERT_EQUAL(v.anchor_seq, 6);
	CU_ASSERT_EQUAL(v.anchors_ok, 1);

	/* the same with a forged last row, so that the row count stays 8 */
	db = seeded(name, 8);
	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL(db_audit_head(db, &head), 0);
	db_close(db);
	CU_ASSERT_EQUAL_FATAL(rewrite_without(name, 4, 1), 0);
	CU_ASSERT_EQUAL(verify_file(name, &v), 0);
	CU_ASSERT_EQUAL(v.rows, 8);
	CU_ASSERT_EQUAL(verify_file_anchored(name, &head, 1, &v), MG_EAUDIT_ANCHOR);
	CU_ASSERT_EQUAL(v.anchor_seq, 8);
	CU_ASSERT_STRING_EQUAL(v.anchor_reason, "audit_anchor_mismatch");
}

/* A chain break is named first; a failing head is reported along with it. */
static void t_chain_break_and_head_both_reported(void)
{
	const char *name = "both.db";
	struct db *db = seeded(name, 6);
	struct db_audit_anchor head;
	struct db_audit_verdict v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL(db_audit_head(db, &head), 0);
	db_close(db);
	CU_ASSERT_EQUAL_FATAL(tamper(name, DROP_TRIGGERS "DELETE FROM audit WHERE seq = 6;"
	                             "UPDATE audit SET target = 'x' WHERE seq = 2;"), 0);
	CU_ASSERT_EQUAL(verify_file_anchored(name, &head, 1, &v), MG_ECHAIN);
	CU_ASSERT_EQUAL(v.bad_seq, 2);
	CU_ASSERT_EQUAL(v.anchor_seq, 6);
	CU_ASSERT_STRING_EQUAL(v.anchor_reason, "audit_anchor_missing");
	CU_ASSERT_EQUAL(v.triggers_ok, 0);
	CU_ASSERT_EQUAL(v.n_trigger_faults, 2);
}

/* A missing append-only trigger is a failure of its own, naming it. */
static void t_missing_trigger_fails(void)
{
	struct db *db = seeded("notrig.db", 4);
	struct db_audit_verdict v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	db_close(db);
	CU_ASSERT_EQUAL_FATAL(tamper("notrig.db", "DROP TRIGGER audit_no_delete;"), 0);
	CU_ASSERT_EQUAL(verify_file("notrig.db", &v), MG_EAUDIT_TRIGGER);
	CU_ASSERT_EQUAL(v.rows, 4);
	CU_ASSERT_EQUAL(v.bad_seq, 0);
	CU_ASSERT_PTR_NULL(v.reason);
	CU_ASSERT_EQUAL(v.triggers_ok, 0);
	CU_ASSERT_EQUAL_FATAL(v.n_trigger_faults, 1);
	CU_ASSERT_STRING_EQUAL(v.trigger_faults[0].reason, "audit_trig_missing");
	CU_ASSERT_STRING_EQUAL(v.trigger_faults[0].name, "audit_no_delete");
	CU_ASSERT_EQUAL_FATAL(tamper("notrig.db", "DROP TRIGGER audit_no_update;"), 0);
	CU_ASSERT_EQUAL(verify_file("notrig.db", &v), MG_EAUDIT_TRIGGER);
	CU_ASSERT_EQUAL_FATAL(v.n_trigger_faults, 2);
	CU_ASSERT_STRING_EQUAL(v.trigger_faults[0].name, "audit_no_update");
	CU_ASSERT_STRING_EQUAL(v.trigger_faults[1].name, "audit_no_delete");
	/* put back as the schema has them: whole again */
	CU_ASSERT_EQUAL_FATAL(tamper("notrig.db", CREATE_TRIGGERS), 0);
	CU_ASSERT_EQUAL(verify_file("notrig.db", &v), 0);
	CU_ASSERT_EQUAL(v.triggers_ok, 1);
}

/* A trigger defused in place, or an extra one on the table, fails too. */
static void t_altered_or_extra_trigger_fails(void)
{
	static const struct {
		const char *sql;        /* after dropping audit_no_delete */
		int rc;                 /* verify's code */
		const char *reason;     /* the fault, or NULL */
		const char *name;
	} cases[] = {
		/* never fires */
		{ "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit WHEN 0 BEGIN"
		  " SELECT RAISE(ABORT, 'audit rows are append-only'); END;",
		  MG_EAUDIT_TRIGGER, "audit_trig_altered", "audit_no_delete" },
		/* lets the row go */
		{ "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN"
		  " SELECT RAISE(IGNORE); END;",
		  MG_EAUDIT_TRIGGER, "audit_trig_altered", "audit_no_delete" },
		/* the name on another table */
		{ "CREATE TABLE decoy (x); CREATE TRIGGER audit_no_delete BEFORE DELETE ON decoy"
		  " BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;",
		  MG_EAUDIT_TRIGGER, "audit_trig_missing", "audit_no_delete" },
		/* the same trigger in another layout and letter case: fine */
		{ "create trigger audit_no_delete before delete on AUDIT begin select"
		  " raise ( abort , 'audit rows are append-only' ) ; end;",
		  0, NULL, NULL },
		/* an extra trigger that swallows new rows */
		{ CREATE_TRIGGERS "CREATE TRIGGER audit_quiet BEFORE INSERT ON audit BEGIN"
		  " SELECT RAISE(IGNORE); END;",
		  MG_EAUDIT_TRIGGER, "audit_trig_extra", "audit_quiet" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct db *db = seeded("alt.db", 3);
		struct db_audit_verdict v;
		char sql[1024];

		CU_ASSERT_PTR_NOT_NULL_FATAL(db);
		db_close(db);
		snprintf(sql, sizeof sql, "%s%s", strncmp(cases[i].sql, "CREATE TRIGGER audit_no_update", 30)
		         ? "DROP TRIGGER audit_no_delete;" : DROP_TRIGGERS, cases[i].sql);
		CU_ASSERT_EQUAL_FATAL(tamper("alt.db", sql), 0);
		CU_ASSERT_EQUAL(verify_file("alt.db", &v), cases[i].rc);
		CU_ASSERT_EQUAL(v.bad_seq, 0);
		if (!cases[i].reason) {
			CU_ASSERT_EQUAL(v.triggers_ok, 1);
			continue;
		}
		CU_ASSERT_EQUAL(v.triggers_ok, 0);
		CU_ASSERT_EQUAL_FATAL(v.n_trigger_faults, 1);
		CU_ASSERT_STRING_EQUAL(v.trigger_faults[0].reason, cases[i].reason);
		CU_ASSERT_STRING_EQUAL(v.trigger_faults[0].name, cases[i].name);
	}
}

/* Verify reads one snapshot: rows appended by another connection meanwhile do not look cut. */
static void t_verify_inside_open_transaction(void)
{
	struct db *db = seeded("snap.db", 3);
	struct db_audit_verdict v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL_FATAL(db_begin(db), 0);
	CU_ASSERT_EQUAL(db_audit_append(db, -1, "C001", "T01", "view", "1", NULL, NULL), 0);
	CU_ASSERT_EQUAL(db_audit_verify(db, &v), 0);       /* joins the caller's transaction */
	CU_ASSERT_EQUAL(v.rows, 4);
	CU_ASSERT_TRUE(db->tx);
	CU_ASSERT_EQUAL(db_commit(db), 0);
	CU_ASSERT_EQUAL(db_audit_verify(db, &v), 0);
	CU_ASSERT(sqlite3_get_autocommit(db->h));          /* its own read is closed again */
	db_close(db);
}

/* The rebuilt table of the review (rv5adm §1): a generated NOT NULL … ON CONFLICT IGNORE
 * column drops every future 'view' row; rows copied unchanged, triggers recreated as
 * the schema has them, the sqlite_sequence row deleted. */
#define REBUILD_IGNORING \
	"BEGIN;" DROP_TRIGGERS \
	"CREATE TABLE audit_new (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL," \
	" operator TEXT NOT NULL, terminal TEXT NOT NULL, action TEXT NOT NULL, target TEXT," \
	" detail TEXT, prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32)," \
	" hash BLOB NOT NULL CHECK (length(hash) = 32)," \
	" keep INTEGER GENERATED ALWAYS AS (CASE WHEN action = 'view' AND seq > 6 THEN NULL" \
	" ELSE 1 END) VIRTUAL NOT NULL ON CONFLICT IGNORE);" \
	"INSERT INTO audit_new (seq, at, operator, terminal, action, target, detail, prev_hash, hash)" \
	" SELECT seq, at, operator, terminal, action, target, detail, prev_hash, hash FROM audit;" \
	"DROP TABLE audit; ALTER TABLE audit_new RENAME TO audit;" \
	"DELETE FROM sqlite_sequence WHERE name IN ('audit', 'audit_new');" \
	"CREATE INDEX audit_at ON audit(at);" \
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\nBEGIN\n" \
	"  SELECT RAISE(ABORT, 'audit rows are append-only');\nEND;\n" \
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\nBEGIN\n" \
	"  SELECT RAISE(ABORT, 'audit rows are append-only');\nEND;\nCOMMIT;"

/* 1 when fault list of v has reason for name. */
static int has_fault(const struct db_audit_verdict *v, const char *reason, const char *name)
{
	for (size_t i = 0; i < v->n_trigger_faults; i++)
		if (strcmp(v->trigger_faults[i].reason, reason) == 0 &&
		    strcmp(v->trigger_faults[i].name, name) == 0)
			return 1;
	return 0;
}

static void t_rebuilt_ignoring_table_is_caught(void)
{
	struct db *db = seeded("rebuilt.db", 6);
	struct db_audit_verdict v;
	long long n = 0, seq = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	db_close(db);
	CU_ASSERT_EQUAL_FATAL(tamper("rebuilt.db", REBUILD_IGNORING), 0);
	/* the chain itself is whole, but the issued-seq record is gone and the table changed */
	CU_ASSERT_EQUAL(verify_file("rebuilt.db", &v), MG_ECHAIN);
	CU_ASSERT_EQUAL(v.bad_seq, 6);
	CU_ASSERT_STRING_EQUAL(v.reason, "audit_bad_sequence");
	CU_ASSERT_EQUAL(v.table_ok, 0);
	CU_ASSERT_EQUAL(v.triggers_ok, 0);
	CU_ASSERT(has_fault(&v, "audit_table_altered", "audit"));
	/* with the sqlite_sequence row put back, the definitions alone fail it */
	CU_ASSERT_EQUAL_FATAL(tamper("rebuilt.db",
	                             "INSERT INTO sqlite_sequence (name, seq) VALUES ('audit', 6);"), 0);
	CU_ASSERT_EQUAL(verify_file("rebuilt.db", &v), MG_EAUDIT_TRIGGER);
	CU_ASSERT_EQUAL(v.bad_seq, 0);
	CU_ASSERT_EQUAL(v.table_ok, 0);
	CU_ASSERT_EQUAL_FATAL(v.n_trigger_faults, 1);
	CU_ASSERT_STRING_EQUAL(v.trigger_faults[0].reason, "audit_table_altered");
	/* an insert the table drops fails, alone or in the caller's transaction */
	CU_ASSERT_EQUAL_FATAL(db_open(testutil_path("rebuilt.db"), 0, &db), 0);
	CU_ASSERT_EQUAL(db_audit_append(db, 2000, "C001", "T01", "view", "900", NULL, &seq),
	                MG_EAUDIT_LOST);
	CU_ASSERT_EQUAL_FATAL(db_begin(db), 0);
	CU_ASSERT_EQUAL(db_audit_append(db, 2000, "C001", "T01", "view", "900", NULL, NULL),
	                MG_EAUDIT_LOST);
	db_rollback(db);
	CU_ASSERT_EQUAL(db_audit_count(db, &n), 0);
	CU_ASSERT_EQUAL(n, 6);
	/* a row the table keeps is stored as before */
	CU_ASSERT_EQUAL(db_audit_append(db, 2000, "C001", "T01", "search", NULL, "count=0", &seq), 0);
	CU_ASSERT_EQUAL(seq, 7);
	db_close(db);
}

static void t_insert_dropped_by_trigger_fails(void)
{
	struct db *db = seeded("ignore.db", 2);
	struct db_audit_verdict v;
	long long n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	db_close(db);
	CU_ASSERT_EQUAL_FATAL(tamper("ignore.db", "CREATE TRIGGER audit_quiet BEFORE INSERT ON audit"
	                                          " BEGIN SELECT RAISE(IGNORE); END;"), 0);
	CU_ASSERT_EQUAL_FATAL(db_open(testutil_path("ignore.db"), 0, &db), 0);
	CU_ASSERT_EQUAL(db_audit_append(db, -1, "", "T01", "operator", "A1", "add role=admin", NULL),
	                MG_EAUDIT_LOST);
	CU_ASSERT_EQUAL(db_audit_count(db, &n), 0);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_EQUAL(db_audit_verify(db, &v), MG_EAUDIT_TRIGGER);
	CU_ASSERT(has_fault(&v, "audit_trig_extra", "audit_quiet"));
	CU_ASSERT_EQUAL(v.table_ok, 1);
	db_close(db);
}

static void t_index_and_view_faults(void)
{
	struct db *db = seeded("index.db", 3);
	struct db_audit_verdict v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	db_close(db);
	/* a forged index in place of audit_at, and an extra one */
	CU_ASSERT_EQUAL_FATAL(tamper("index.db", "DROP INDEX audit_at; CREATE INDEX audit_at ON"
	                                         " audit(at) WHERE action <> 'view';"
	                                         "CREATE INDEX audit_x ON audit(action);"), 0);
	CU_ASSERT_EQUAL(verify_file("index.db", &v), MG_EAUDIT_TRIGGER);
	CU_ASSERT_EQUAL(v.table_ok, 0);
	CU_ASSERT(has_fault(&v, "audit_index_altered", "audit_at"));
	CU_ASSERT(has_fault(&v, "audit_index_extra", "audit_x"));
	/* the index gone: missing */
	CU_ASSERT_EQUAL_FATAL(tamper("index.db", "DROP INDEX audit_at; DROP INDEX audit_x;"), 0);
	CU_ASSERT_EQUAL(verify_file("index.db", &v), MG_EAUDIT_TRIGGER);
	CU_ASSERT(has_fault(&v, "audit_index_missing", "audit_at"));
	/* the legacy audit_operator index of migration 002 (before 004) is accepted */
	CU_ASSERT_EQUAL_FATAL(tamper("index.db", "CREATE INDEX audit_at ON audit(at);\n"
	                                         "CREATE INDEX audit_operator ON audit(operator, at);"), 0);
	CU_ASSERT_EQUAL(verify_file("index.db", &v), 0);
	CU_ASSERT_EQUAL(v.table_ok, 1);
	/* a view in the table's place (its rows moved aside) */
	CU_ASSERT_EQUAL_FATAL(tamper("index.db", DROP_TRIGGERS "ALTER TABLE audit RENAME TO audit_real;"
	                                         "CREATE VIEW audit AS SELECT * FROM audit_real;"), 0);
	CU_ASSERT_EQUAL(verify_file("index.db", &v), MG_ECHAIN);   /* sqlite_sequence went along */
	CU_ASSERT_STRING_EQUAL(v.reason, "audit_bad_sequence");
	CU_ASSERT_EQUAL(v.table_ok, 0);
	CU_ASSERT(has_fault(&v, "audit_table_missing", "audit"));
	CU_ASSERT(has_fault(&v, "audit_object_extra", "audit"));
}

/* 1 when the file name+suffix exists. */
static int exists_with(const char *name, const char *suffix)
{
	char p[4096];

	snprintf(p, sizeof p, "%s%s", testutil_path(name), suffix);
	return access(p, F_OK) == 0;
}

static void t_evidence_copy_opens_immutable(void)
{
	struct db *db = seeded("evid dir?#%.db", 4);
	struct db_audit_verdict v;
	int newer = -1;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	db_close(db);
	CU_ASSERT_FALSE(exists_with("evid dir?#%.db", "-wal"));
	CU_ASSERT_EQUAL_FATAL(db_audit_open_evidence(testutil_path("evid dir?#%.db"), &db), 0);
	CU_ASSERT_EQUAL(db_audit_verify(db, &v), 0);
	CU_ASSERT_EQUAL(v.rows, 4);
	CU_ASSERT_EQUAL(db_audit_schema_newer(db, &newer), 0);
	CU_ASSERT_EQUAL(newer, 0);
	/* nothing can be written through it, and nothing is created beside it */
	CU_ASSERT_EQUAL(db_audit_append(db, -1, "", "T01", "review", NULL, "verify=ok", NULL),
	                MG_EREADONLY);
	CU_ASSERT_FALSE(exists_with("evid dir?#%.db", "-wal"));
	CU_ASSERT_FALSE(exists_with("evid dir?#%.db", "-shm"));
	db_close(db);
	CU_ASSERT_FALSE(exists_with("evid dir?#%.db", "-wal"));
	CU_ASSERT_FALSE(exists_with("evid dir?#%.db", "-shm"));
	/* a missing file, and a file that is not a database */
	CU_ASSERT_EQUAL(db_audit_open_evidence(testutil_path("evid-none.db"), &db), MG_ENOTFOUND);
	CU_ASSERT_PTR_NULL(db);
	{
		FILE *f = fopen(testutil_path("evid-junk.db"), "w");

		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		for (int i = 0; i < 512; i++)
			fputs("not a database ", f);
		fclose(f);
	}
	CU_ASSERT_EQUAL(db_audit_open_evidence(testutil_path("evid-junk.db"), &db), MG_EDB_NOTDB);
	CU_ASSERT_PTR_NULL(db);
}

static void t_newer_schema_is_told(void)
{
	struct db *db = seeded("newer.db", 1);
	int newer = -1;

	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_EQUAL(db_audit_schema_newer(db, &newer), 0);
	CU_ASSERT_EQUAL(newer, 0);
	db_close(db);
	CU_ASSERT_EQUAL_FATAL(tamper("newer.db", "PRAGMA user_version = 9999;"), 0);
	CU_ASSERT_EQUAL_FATAL(db_open(testutil_path("newer.db"), DB_OPEN_NOMIGRATE, &db), 0);
	CU_ASSERT_EQUAL(db_audit_schema_newer(db, &newer), 0);
	CU_ASSERT_EQUAL(newer, 1);
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
		{ "head text: format and parse", t_anchor_text },
		{ "head and recorded heads hold untouched", t_head_and_anchors_hold_untouched },
		{ "truncation caught by a recorded head", t_truncation_caught_by_recorded_head },
		{ "full rehash caught by a recorded head", t_rehash_caught_by_recorded_head },
		{ "chain break and head both reported", t_chain_break_and_head_both_reported },
		{ "missing trigger fails", t_missing_trigger_fails },
		{ "altered or extra trigger fails", t_altered_or_extra_trigger_fails },
		{ "verify inside an open transaction", t_verify_inside_open_transaction },
		{ "rebuilt ignoring table is caught", t_rebuilt_ignoring_table_is_caught },
		{ "insert dropped by a trigger fails", t_insert_dropped_by_trigger_fails },
		{ "index and view faults", t_index_and_view_faults },
		{ "evidence copy opens immutable", t_evidence_copy_opens_immutable },
		{ "newer schema is told", t_newer_schema_is_told },
		{ NULL, NULL }
	};
	testutil_suite("db_audit", NULL, NULL, cases);
}
