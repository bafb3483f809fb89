/* runner.c — the single CUnit runner: registers every test file's suites. */
#include "tests/unit/testutil.h"

#include <CUnit/Basic.h>
#include <dirent.h>
#include <limits.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n/i18n_msg.h"

static char tmpdir[256];

const char *testutil_tmpdir(void)
{
	return tmpdir;
}

const char *testutil_join(const char *dir, const char *name)
{
	static char buf[8][PATH_MAX];
	static int i;

	i = (i + 1) % 8;
	/* also used outside a test (suite set-up): no CUnit assert here */
	if (dir == buf[i] || (size_t)snprintf(buf[i], sizeof buf[i], "%s/%s", dir, name) >= sizeof buf[i]) {
		fprintf(stderr, "testutil_join: %s/%s does not fit\n", dir, name);
		abort();
	}
	return buf[i];
}

const char *testutil_path(const char *name)
{
	return testutil_join(tmpdir, name);
}

void testutil_put_file(const char *path, const char *text, unsigned mode)
{
	FILE *f = fopen(path, "w");

	CU_ASSERT_FATAL(f != NULL);
	fputs(text, f);
	CU_ASSERT_FATAL(fclose(f) == 0);
	CU_ASSERT_FATAL(chmod(path, (mode_t)mode) == 0);
}

static char rootdir[256];

/* A folder (not a link) that is root's and writable by no one else. */
static int root_only_dir(const char *dir)
{
	struct stat sb;

	return lstat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) && sb.st_uid == 0 && !(sb.st_mode & 022);
}

/* 1 when "/" and every folder of the resolved absolute path p pass root_only_dir. */
static int root_only_path(const char *p)
{
	char dir[256];
	size_t len = strlen(p);

	if (p[0] != '/' || len >= sizeof dir || !root_only_dir("/"))
		return 0;
	for (size_t i = 1; i <= len; i++) {
		if (i < len && p[i] != '/')
			continue;
		memcpy(dir, p, i);
		dir[i] = '\0';
		if (!root_only_dir(dir))
			return 0;
	}
	return 1;
}

const char *testutil_rootdir(const char **why)
{
	static const char *const bases[] = { "/run", "/root" };
	char real[PATH_MAX];

	if (rootdir[0])
		return rootdir;
	if (geteuid() != 0) {
		if (why)
			*why = "not running as root: a test cannot make a file root's";
		return NULL;
	}
	for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
		size_t n;

		if (!realpath(bases[i], real) || !root_only_path(real) ||
		    (n = strlen(real)) + sizeof "/mg-unit-XXXXXX" > sizeof rootdir)
			continue;
		memcpy(rootdir, real, n);
		memcpy(rootdir + n, "/mg-unit-XXXXXX", sizeof "/mg-unit-XXXXXX");
		if (mkdtemp(rootdir) && chmod(rootdir, 0755) == 0)
			return rootdir;
		rootdir[0] = '\0';
	}
	if (why)
		*why = "no folder under /run or /root whose whole path is root's and not group/other-writable";
	return NULL;
}

const char *testutil_rootcase(const char *what)
{
	static char dir[PATH_MAX];
	static int n;
	const char *why = "", *root = testutil_rootdir(&why);

	if (!root) {
		printf("\n  SKIPPED (%s): %s\n", what, why);
		return NULL;
	}
	snprintf(dir, sizeof dir, "%s/case%d", root, ++n);
	CU_ASSERT_FATAL(mkdir(dir, 0755) == 0 && chmod(dir, 0755) == 0);
	return dir;
}

void testutil_suite(const char *name, int (*init)(void), int (*fini)(void),
                    const struct testutil_case *cases)
{
	CU_pSuite s = CU_add_suite(name, init, fini);

	if (!s) {
		fprintf(stderr, "cannot add suite %s\n", name);
		exit(2);
	}
	for (; cases->name; cases++)
		if (!CU_add_test(s, cases->name, cases->fn)) {
			fprintf(stderr, "cannot add test %s\n", cases->name);
			exit(2);
		}
}

/* ---- SQLite fault injection ------------------------------------------- */
static sqlite3_mem_methods fault_orig;
static long fault_at, fault_seen;
static int fault_hit;

static void *fault_malloc(int n)
{
	if (fault_at > 0 && ++fault_seen >= fault_at) {
		fault_hit = 1;
		return NULL;
	}
	return fault_orig.xMalloc(n);
}

static void *fault_realloc(void *p, int n)
{
	if (fault_at > 0 && ++fault_seen >= fault_at) {
		fault_hit = 1;
		return NULL;
	}
	return fault_orig.xRealloc(p, n);
}

void testutil_fault_arm(long n)
{
	fault_at = n;
	fault_seen = 0;
	fault_hit = 0;
}

long testutil_fault_count(void)
{
	return fault_seen;
}

int testutil_fault_fired(void)
{
	return fault_hit;
}

/* Install the wrapper around SQLite's default allocator. */
static void fault_install(void)
{
	sqlite3_mem_methods m;

	sqlite3_config(SQLITE_CONFIG_GETMALLOC, &fault_orig);
	m = fault_orig;
	m.xMalloc = fault_malloc;
	m.xRealloc = fault_realloc;
	sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
}

/* Remove the temporary folders and what the tests left in them. */
static void rm_tmpdir(void)
{
	char cmd[300];

	if (!tmpdir[0] || getenv("MG_KEEP_TMP"))
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	if (!rootdir[0])
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", rootdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", rootdir);
}

int main(int argc, char **argv)
{
	unsigned failures, want;

	setlocale(LC_ALL, "C.UTF-8");
	fault_install();
	snprintf(tmpdir, sizeof tmpdir, "/tmp/mg-unit-XXXXXX");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 2;
	}
	atexit(rm_tmpdir);
	if (i18n_msg_init("ja") != 0) {
		fprintf(stderr, "catalog does not load\n");
		return 2;
	}
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	for (size_t i = 0; gen_tests[i]; i++)
		gen_tests[i]();
	CU_basic_set_mode(argc > 1 ? CU_BRM_VERBOSE : CU_BRM_NORMAL);
	if (argc > 1) {
		/* Run one suite by name: unit-tests SUITE */
		CU_pSuite s = CU_get_suite(argv[1]);

		if (!s) {
			fprintf(stderr, "no suite %s\n", argv[1]);
			return 2;
		}
		want = s->uiNumberOfTests;
		CU_basic_run_suite(s);
	} else {
		want = CU_get_registry()->uiNumberOfTests;
		CU_basic_run_tests();
	}
	failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed() +
	           CU_get_number_of_suites_failed();
	/* A suite whose set-up failed ran none of its tests: that is a failure. */
	if (CU_get_number_of_suites_failed() > 0 || CU_get_run_summary()->nTestsRun != want) {
		fprintf(stderr, "\nunit-tests: %u of %u tests ran; %u suite(s) could not start\n",
		        CU_get_run_summary()->nTestsRun, want, CU_get_number_of_suites_failed());
		failures++;
	}
	CU_cleanup_registry();
	i18n_msg_fini();
	return failures ? 1 : 0;
}
