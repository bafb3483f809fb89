/*
 * testutil.h — shared helpers of the CUnit tests.
 * Each tests/unit/test_<module>.c defines `void test_<module>_register(void)`
 * that adds its suites with testutil_suite(); the runner calls them all.
 */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <CUnit/CUnit.h>
#include <stddef.h>

struct db;

extern void (*const gen_tests[])(void);

/* Defines the register function of a test file: TESTUTIL_REGISTER(db) { … } */
#define TESTUTIL_REGISTER(mod) \
	void test_##mod##_register(void); \
	void test_##mod##_register(void)

/* A test case of a table passed to testutil_suite. */
struct testutil_case {
	const char *name;
	void (*fn)(void);
};

/*
 * testutil_suite — add a suite and its tests (cases ends with {NULL, NULL}).
 * init/fini may be NULL. Aborts the run when CUnit cannot register it.
 */
void testutil_suite(const char *name, int (*init)(void), int (*fini)(void),
                    const struct testutil_case *cases);

/* testutil_tmpdir — a per-run temporary folder (created once, removed at exit). */
const char *testutil_tmpdir(void);

/* testutil_path — "<tmpdir>/<name>" in a static rotating buffer. */
const char *testutil_path(const char *name);

/*
 * testutil_rootdir — a per-run folder (made on first use, mode 0755,
 * removed at exit) whose whole resolved path is root's and writable by no
 * one else (the production rule for trust stores, card/card_verify.h):
 * under /run or /root, since the tmpdir is under the world-writable /tmp.
 * Returns its resolved path, or NULL when this process is not root or no
 * such place exists; *why (when why is not NULL) then says which.
 */
const char *testutil_rootdir(const char **why);

/* testutil_join — "<dir>/<name>" in a static rotating buffer (8 slots). */
const char *testutil_join(const char *dir, const char *name);

/*
 * testutil_rootcase — a fresh folder (mode 0755) in testutil_rootdir for one
 * test case, or NULL after printing "SKIPPED (<what>): <why>". The name
 * stays valid until the next call.
 */
const char *testutil_rootcase(const char *what);

/* testutil_put_file — write text to path, then chmod it to mode (the umask does not matter). */
void testutil_put_file(const char *path, const char *text, unsigned mode);

/*
 * Fault injection: a SQLite allocator wrapper that fails allocation number N
 * (counting from 1 after testutil_fault_arm) and every later one until
 * disarmed. testutil_fault_arm(0) disarms. Installed before SQLite starts.
 */
void testutil_fault_arm(long n);
long testutil_fault_count(void);   /* allocations seen since arming */
int testutil_fault_fired(void);    /* 1 when an allocation was failed */

#endif
