/*
 * test_config.c — defaults, every key, errors with file:line, office hours,
 * and the production guard of config_load_default (the file and every
 * folder above it root's alone; demo and test files read wherever they
 * are). The guard cases that need root's files run in testutil_rootdir
 * as root; elsewhere they are skipped with the reason printed.
 */
#include "tests/unit/testutil.h"
#include "app/config.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define NOBODY 65534   /* a uid that is not root */

static char saved_tz[64];
static int had_tz;

/* Office hours are local time: pin the zone to Japan for the suite; English messages. */
static int cfg_init(void)
{
	const char *tz = getenv("TZ");

	had_tz = tz != NULL;
	snprintf(saved_tz, sizeof saved_tz, "%s", tz ? tz : "");
	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	return i18n_msg_init("en");
}

/* Put TZ and the catalog back. */
static int cfg_fini(void)
{
	if (had_tz)
		setenv("TZ", saved_tz, 1);
	else
		unsetenv("TZ");
	tzset();
	i18n_msg_init(NULL);
	return 0;
}

/* Write text to a temp file; returns its path. */
static const char *write_file(const char *name, const char *text)
{
	const char *p = testutil_path(name);
	FILE *f = fopen(p, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
	return p;
}

/* Local time → unix seconds. */
static long long at(int y, int mo, int d, int h, int mi)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	return (long long)mktime(&tm);
}

static void t_defaults(void)
{
	struct config c;

	config_defaults(&c);
	CU_ASSERT_STRING_EQUAL(c.terminal_id, "");
	CU_ASSERT_EQUAL(c.idle_lock_seconds, 60);
	CU_ASSERT_EQUAL(c.idle_logout_seconds, 600);
	CU_ASSERT_EQUAL(c.result_cap, 50);
	CU_ASSERT_EQUAL(c.office_open_min, 510);
	CU_ASSERT_EQUAL(c.office_close_min, 1035);
	CU_ASSERT_EQUAL(c.office_days, 0x3Eu);
	CU_ASSERT_EQUAL(c.allow_capture, 0);
	CU_ASSERT_EQUAL(c.mode, CONFIG_MODE_PRODUCTION);
	CU_ASSERT_EQUAL(c.lockout_threshold, 5);
	CU_ASSERT_EQUAL(c.min_password_length, 10);
	CU_ASSERT_EQUAL(c.scrypt_log2_n, 15);
	CU_ASSERT_EQUAL(c.reveal_seconds, 30);
	CU_ASSERT_STRING_EQUAL(config_mode_name(CONFIG_MODE_DEMO), "demo");
}

static void t_every_key_parses(void)
{
	struct config c;
	char err[256];
	const char *p = write_file("all.conf",
		"\xEF\xBB\xBF# a comment\n"
		"\n"
		"terminal_id = T-07\n"
		"  idle_lock_seconds=30  \n"
		"idle_logout_seconds = 300\r\n"
		"result_cap = 20\n"
		"office_hours = 09:00-17:00\n"
		"office_days = mon,wed-fri,sat\n"
		"year_end_closed = no\n"
		"holidays_closed = off\n"
		"closed_days = 2025-05-02,2025-08-13\n"
		"closed_days = 2025-08-14\n"
		"allow_capture = yes\n"
		"trust_store = /etc/madoguchi/trust.pem\n"
		"mode = demo\n"
		"db_path = /var/lib/madoguchi/r.db\n"
		"cs_path = \"/var/lib/madoguchi/cs x.db\"\n"
		"log_file = /var/log/m.log\n"
		"lang = en\n"
		"reader = \"ACS ACR39U 00 00\"\n"
		"lockout_threshold = 3\n"
		"min_password_length = 12\n"
		"scrypt_log2_n = 14\n"
		"scrypt_r = 16\n"
		"scrypt_p = 2\n"
		"reveal_seconds = 20\n");

	config_defaults(&c);
	CU_ASSERT_EQUAL_FATAL(config_load(p, &c, err, sizeof err), 0);
	CU_ASSERT_STRING_EQUAL(err, "");
	CU_ASSERT_STRING_EQUAL(c.terminal_id, "T-07");
	CU_ASSERT_EQUAL(c.idle_lock_seconds, 30);
	CU_ASSERT_EQUAL(c.idle_logout_seconds, 300);
	CU_ASSERT_EQUAL(c.result_cap, 20);
	CU_ASSERT_EQUAL(c.office_open_min, 540);
	CU_ASSERT_EQUAL(c.office_close_min, 1020);
	CU_ASSERT_EQUAL(c.office_days, (1u << 1) | (1u << 3) | (1u << 4) | (1u << 5) | (1u << 6));
	CU_ASSERT_EQUAL(c.year_end_closed, 0);
	CU_ASSERT_EQUAL(c.holidays_closed, 0);
	CU_ASSERT_EQUAL(c.n_closed_days, 3);
	CU_ASSERT_EQUAL(c.closed_days[2], i18n_date_from_ymd(2025, 8, 14));
	CU_ASSERT_EQUAL(c.allow_capture, 1);
	CU_ASSERT_STRING_EQUAL(c.trust_store, "/etc/madoguchi/trust.pem");
	CU_ASSERT_EQUAL(c.mode, CONFIG_MODE_DEMO);
	CU_ASSERT_STRING_EQUAL(c.db_path, "/var/lib/madoguchi/r.db");
	CU_ASSERT_STRING_EQUAL(c.cs_path, "/var/lib/madoguchi/cs x.db");
	CU_ASSERT_STRING_EQUAL(c.log_file, "/var/log/m.log");
	CU_ASSERT_STRING_EQUAL(c.lang, "en");
	CU_ASSERT_STRING_EQUAL(c.reader, "ACS ACR39U 00 00");
	CU_ASSERT_EQUAL(c.lockout_threshold, 3);
	CU_ASSERT_EQUAL(c.min_password_length, 12);
	CU_ASSERT_EQUAL(c.scrypt_log2_n, 14);
	CU_ASSERT_EQUAL(c.scrypt_r, 16);
	CU_ASSERT_EQUAL(c.scrypt_p, 2);
	CU_ASSERT_EQUAL(c.reveal_seconds, 20);
}

/* Each bad file gives MG_ECONFIG, leaves the config unchanged and names file:line. */
static void t_errors_name_file_and_line(void)
{
	static const struct {
		const char *text;
		int line;
		const char *needle;
	} bad[] = {
		{ "result_cap = 20\ncolour = blue\n", 2, "unknown setting colour" },
		{ "result_cap = 20\nresult_cap = 30\n", 2, "first set on line 1" },
		{ "\n\nresult_cap = many\n", 3, "result_cap takes a whole number from 1 to 1000" },
		{ "result_cap = 0\n", 1, "from 1 to 1000" },
		{ "result_cap = 20x\n", 1, "whole number" },
		{ "result_cap = -5\n", 1, "whole number" },
		{ "idle_lock_seconds = 99999999999999999999\n", 1, "whole number" },
		{ "allow_capture = maybe\n", 1, "allow_capture takes yes or no" },
		{ "office_hours = 17:00-09:00\n", 1, "HH:MM-HH:MM" },
		{ "office_hours = 8:30-17:15\n", 1, "HH:MM-HH:MM" },
		{ "office_hours = 08:60-17:15\n", 1, "HH:MM-HH:MM" },
		{ "office_days = mon,funday\n", 1, "weekday names" },
		{ "office_days = fri-mon\n", 1, "weekday names" },
		{ "office_days = mon,\n", 1, "weekday names" },
		{ "closed_days = 2025-02-30\n", 1, "YYYY-MM-DD" },
		{ "closed_days = 2025/05/02\n", 1, "YYYY-MM-DD" },
		{ "terminal_id = カウンター1\n", 1, "terminal_id takes 1 to 32" },
		{ "mode = staging\n", 1, "production, demo or test" },
		{ "lang = fr\n", 1, "ja or en" },
		{ "reader = \"abc\n", 1, "quoted value" },
		{ "reader = \"a\"b\"\n", 1, "quoted value" },
		{ "just some words\n", 1, "key = value" },
		{ " = 5\n", 1, "key = value" },
		{ "lockout_threshold = 0\n", 1, "from 1 to 100" },
		{ "min_password_length = 4\n", 1, "from 8 to 128" },
		{ "scrypt_log2_n = 9\n", 1, "from 10 to 20" },
		{ "reveal_seconds = 60\n", 1, "from 1 to 30" },
		{ "idle_lock_seconds = 300\nidle_logout_seconds = 120\n", 2, "idle_logout_seconds must not" },
		{ "idle_logout_seconds = 30\n", 1, "must not be shorter" },
	};
	char err[512], want[64];

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct config c, before;
		const char *p = write_file("bad.conf", bad[i].text);

		config_defaults(&c);
		before = c;
		err[0] = '\0';
		CU_ASSERT_EQUAL(config_load(p, &c, err, sizeof err), MG_ECONFIG);
		CU_ASSERT_EQUAL(memcmp(&c, &before, sizeof c), 0);
		snprintf(want, sizeof want, "%s:%d: ", p, bad[i].line);
		CU_ASSERT_EQUAL(strncmp(err, want, strlen(want)), 0);
		CU_ASSERT_PTR_NOT_NULL(strstr(err, bad[i].needle));
		if (strncmp(err, want, strlen(want)) != 0 || !strstr(err, bad[i].needle))
			fprintf(stderr, "case %zu: %s\n", i, err);
	}
}

static void t_long_line_and_missing_file(void)
{
	struct config c;
	char err[512], line[5000];
	const char *p;

	memset(line, 'x', sizeof line);
	memcpy(line, "reader = ", 9);
	line[sizeof line - 2] = '\n';
	line[sizeof line - 1] = '\0';
	p = write_file("long.conf", line);
	config_defaults(&c);
	CU_ASSERT_EQUAL(config_load(p, &c, err, sizeof err), MG_ECONFIG);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, ":1: "));
	CU_ASSERT_EQUAL(config_load(testutil_path("none.conf"), &c, err, sizeof err), MG_ENOTFOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "none.conf"));
	/* config_load_default: an explicit missing file is an error, the default path is optional */
	CU_ASSERT_EQUAL(config_load_default(testutil_path("none.conf"), &c, err, sizeof err),
	                MG_ENOTFOUND);
	p = write_file("ok.conf", "mode = test\nresult_cap = 7\n");   /* under /tmp: not production */
	CU_ASSERT_EQUAL(config_load_default(p, &c, err, sizeof err), 0);
	CU_ASSERT_EQUAL(c.result_cap, 7);
	/* a NUL byte in a short line is named as such (not "too long"), with its line */
	{
		static const char nul[] = "result_cap = 7\nreader = a\0b\n";
		FILE *f = fopen(testutil_path("nul.conf"), "w");

		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		CU_ASSERT_EQUAL(fwrite(nul, 1, sizeof nul - 1, f), sizeof nul - 1);
		fclose(f);
		CU_ASSERT_EQUAL(config_load(testutil_path("nul.conf"), &c, err, sizeof err), MG_ECONFIG);
		CU_ASSERT_PTR_NOT_NULL(strstr(err, ":2: "));
		CU_ASSERT_PTR_NOT_NULL(strstr(err, i18n_msg(MSG("config_err_nul"))));
	}
}

/* config_load_default(path) is MG_EPERM with err naming path and the refused where; *c the defaults. */
static void guard_refused(const char *path, const char *where)
{
	struct config c;
	char err[1024], want[1024];
	const char *a[2] = { path, where };

	CU_ASSERT_EQUAL(config_load_default(path, &c, err, sizeof err), MG_EPERM);
	CU_ASSERT_FATAL(i18n_msg_format(want, sizeof want, MSG("config_err_unprotected"), 2, a) > 0);
	CU_ASSERT_STRING_EQUAL(err, want);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, where));
	CU_ASSERT_EQUAL(c.result_cap, 50);   /* nothing of the refused file applied */
	CU_ASSERT_STRING_EQUAL(c.terminal_id, "");
}

/* config_load_default(path) loads: result_cap 9 from the file. */
static void guard_loads(const char *path)
{
	struct config c;
	char err[1024] = "x";

	CU_ASSERT_EQUAL(config_load_default(path, &c, err, sizeof err), 0);
	CU_ASSERT_STRING_EQUAL(err, "");
	CU_ASSERT_EQUAL(c.result_cap, 9);
	if (err[0])
		fprintf(stderr, "%s\n", err);
}

/* Write text to dir/name with mode; returns the path (static rotating buffer). */
static const char *put_conf(const char *dir, const char *name, const char *text, mode_t mode)
{
	static char buf[4][PATH_MAX];   /* its own slots: the names outlive many testutil_path calls */
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof buf[i], "%s/%s", dir, name);
	testutil_put_file(buf[i], text, mode);
	return buf[i];
}

/* Under /tmp (1777) a production configuration is refused at /tmp; demo and test ones load. */
static void t_guard_tmp(void)
{
	char tmp[PATH_MAX];
	const char *dir = testutil_tmpdir(), *p;

	CU_ASSERT_FATAL(realpath(dir, tmp) != NULL);
	*strchr(tmp + 1, '/') = '\0';   /* "/tmp" */
	p = put_conf(dir, "prod.conf", "terminal_id = MADO-09\nresult_cap = 9\n", 0644);
	guard_refused(p, tmp);
	p = put_conf(dir, "prod2.conf", "mode = production\nresult_cap = 9\n", 0600);
	guard_refused(p, tmp);
	/* the same settings as a test or demo configuration, even world-writable */
	p = put_conf(dir, "test.conf", "mode = test\nresult_cap = 9\n", 0666);
	guard_loads(p);
	p = put_conf(dir, "demo.conf", "result_cap = 9\nmode = demo\n", 0644);
	guard_loads(p);
	/* a parse error is reported as such (the mode of a broken file is unknown) */
	p = put_conf(dir, "bad.conf", "result_cap = x\n", 0644);
	{
		struct config c;
		char err[512];

		CU_ASSERT_EQUAL(config_load_default(p, &c, err, sizeof err), MG_ECONFIG);
		CU_ASSERT_PTR_NOT_NULL(strstr(err, ":1: "));
	}
}

/* In a root-only folder a production configuration loads; a writable folder or file is named. */
static void t_guard_root_folder(void)
{
	const char *dir = testutil_rootcase("root-only configuration cases"), *p, *t;

	if (!dir)
		return;
	p = put_conf(dir, "madoguchi.conf", "terminal_id = MADO-09\nresult_cap = 9\n", 0644);
	guard_loads(p);
	{
		struct config c;
		char err[512];

		CU_ASSERT_EQUAL(config_load_default(p, &c, err, sizeof err), 0);
		CU_ASSERT_STRING_EQUAL(c.terminal_id, "MADO-09");
		CU_ASSERT_EQUAL(c.mode, CONFIG_MODE_PRODUCTION);
	}
	/* the same file in a 0777 folder (not sticky), a group-writable one, a foreign one */
	CU_ASSERT_FATAL(chmod(dir, 0777) == 0);
	guard_refused(p, dir);
	CU_ASSERT_FATAL(chmod(dir, 0775) == 0);
	guard_refused(p, dir);
	CU_ASSERT_FATAL(chmod(dir, 0755) == 0 && chown(dir, NOBODY, 0) == 0);
	guard_refused(p, dir);
	/* a test configuration in that folder still loads */
	t = put_conf(dir, "test.conf", "mode = test\nresult_cap = 9\n", 0666);
	guard_loads(t);
	CU_ASSERT_FATAL(chown(dir, 0, 0) == 0);
	guard_loads(p);
	/* the file itself: writable by others, by the group, or not root's */
	CU_ASSERT_FATAL(chmod(p, 0666) == 0);
	guard_refused(p, p);
	CU_ASSERT_FATAL(chmod(p, 0664) == 0);
	guard_refused(p, p);
	CU_ASSERT_FATAL(chmod(p, 0644) == 0 && chown(p, NOBODY, NOBODY) == 0);
	guard_refused(p, p);
	CU_ASSERT_FATAL(chown(p, 0, 0) == 0);
	guard_loads(p);
}

static void t_example_file_is_valid(void)
{
	const char *root = getenv("MG_CATALOG_CHECK_SRC");
	char path[512], err[512];
	struct config c;
	FILE *f;

	snprintf(path, sizeof path, "%s/docs/madoguchi.conf.example", root ? root : ".");
	f = fopen(path, "r");
	if (!f) {
		CU_PASS("docs/madoguchi.conf.example not reachable from here");
		return;
	}
	fclose(f);
	config_defaults(&c);
	CU_ASSERT_EQUAL(config_load(path, &c, err, sizeof err), 0);
	if (err[0])
		fprintf(stderr, "%s\n", err);
	CU_ASSERT_STRING_EQUAL(c.terminal_id, "MADO-01");
	CU_ASSERT_EQUAL(c.result_cap, 50);
}

static void t_config_set(void)
{
	struct config c;
	const char *msgid = NULL;

	config_defaults(&c);
	CU_ASSERT_EQUAL(config_set(&c, "result_cap", "10", &msgid), 0);
	CU_ASSERT_EQUAL(c.result_cap, 10);
	CU_ASSERT_PTR_NULL(msgid);
	CU_ASSERT_EQUAL(config_set(&c, "result_cap", "x", &msgid), MG_ECONFIG);
	CU_ASSERT_STRING_EQUAL(msgid, "config_err_int");
	CU_ASSERT_EQUAL(c.result_cap, 10);
	CU_ASSERT_EQUAL(config_set(&c, "nope", "1", &msgid), MG_ECONFIG);
	CU_ASSERT_STRING_EQUAL(msgid, "config_err_unknown");
	CU_ASSERT_EQUAL(config_set(&c, "idle_logout_seconds", "10", &msgid), MG_ECONFIG);
	CU_ASSERT_EQUAL(c.idle_logout_seconds, 600);
}

static void t_office_time(void)
{
	struct config c;

	config_defaults(&c);
	CU_ASSERT(config_is_office_time(&c, at(2025, 3, 3, 8, 30)));        /* Monday, opening */
	CU_ASSERT_FALSE(config_is_office_time(&c, at(2025, 3, 3, 8, 29)));
	CU_ASSERT(config_is_office_time(&c, at(2025, 3, 3, 17, 14)));
	CU_ASSERT_FALSE(config_is_office_time(&c, at(2025, 3, 3, 17, 15)));  /* closing */
	CU_ASSERT_FALSE(config_is_office_time(&c, at(2025, 3, 8, 10, 0)));   /* Saturday */
	CU_ASSERT_FALSE(config_is_office_time(&c, at(2025, 3, 9, 10, 0)));   /* Sunday */
	CU_ASSERT_FALSE(config_is_office_time(&c, at(2025, 3, 20, 10, 0)));  /* 春分の日 */
	CU_ASSERT_FALSE(config_is_office_time(&c, at(2024, 12, 30, 10, 0))); /* year end, Monday */
	CU_ASSERT_FALSE(config_is_office_time(&c, at(2025, 1, 3, 10, 0)));   /* Friday */
	CU_ASSERT(config_is_office_time(&c, at(2024, 12, 27, 10, 0)));
	CU_ASSERT(config_is_office_time(&c, at(2025, 1, 6, 10, 0)));
	CU_ASSERT(config_is_office_time(NULL, at(2025, 3, 3, 10, 0)));
	c.holidays_closed = 0;
	CU_ASSERT(config_is_office_time(&c, at(2025, 3, 20, 10, 0)));
	c.year_end_closed = 0;
	CU_ASSERT(config_is_office_time(&c, at(2024, 12, 30, 10, 0)));
	c.closed_days[c.n_closed_days++] = i18n_date_from_ymd(2025, 3, 3);
	CU_ASSERT_FALSE(config_is_office_time(&c, at(2025, 3, 3, 10, 0)));
}

static void t_log_path(void)
{
	struct config c;
	char out[64];

	config_defaults(&c);
	CU_ASSERT_EQUAL(config_log_path(&c, "/x/r.db", out, sizeof out), 0);
	CU_ASSERT_STRING_EQUAL(out, "/x/r.db.log");
	snprintf(c.log_file, sizeof c.log_file, "/var/log/m.log");
	CU_ASSERT_EQUAL(config_log_path(&c, "/x/r.db", out, sizeof out), 0);
	CU_ASSERT_STRING_EQUAL(out, "/var/log/m.log");
	CU_ASSERT_EQUAL(config_log_path(NULL, NULL, out, sizeof out), MG_EINVAL);
	CU_ASSERT_EQUAL(config_log_path(NULL, "/a/very/long/path/name/that/does/not/fit/here.db",
	                                out, 20), MG_ETOOLONG);
}

TESTUTIL_REGISTER(config)
{
	static const struct testutil_case cases[] = {
		{ "defaults", t_defaults },
		{ "every key parses", t_every_key_parses },
		{ "errors name file and line", t_errors_name_file_and_line },
		{ "long line, missing file", t_long_line_and_missing_file },
		{ "the example file is valid", t_example_file_is_valid },
		{ "config_set", t_config_set },
		{ "office time", t_office_time },
		{ "log path", t_log_path },
		{ "guard: /tmp refuses production only", t_guard_tmp },
		{ "guard: root-only folder", t_guard_root_folder },
		{ NULL, NULL }
	};
	testutil_suite("config", cfg_init, cfg_fini, cases);
}
