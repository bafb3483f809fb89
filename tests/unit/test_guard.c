/* test_guard.c — the guard's decisions (injected environments), hardening, stderr, the log file. */
#include "tests/unit/testutil.h"
#include "app/guard.h"
#include "app/log.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* A probe of a plain terminal session with the given ancestors. */
static struct guard_probe probe(const char *const *names, int n)
{
	struct guard_probe p;

	memset(&p, 0, sizeof p);
	p.stdin_tty = 1;
	p.stdout_tty = 1;
	for (int i = 0; i < n && i < GUARD_MAX_ANCESTORS; i++)
		snprintf(p.ancestors[i], GUARD_NAME_MAX, "%s", names[i]);
	p.n_ancestors = n;
	return p;
}

static void t_terminal_required(void)
{
	static const char *const shell[] = { "bash", "sshd", "systemd" };
	struct guard_probe p = probe(shell, 3);
	int cap = -1;

	CU_ASSERT_EQUAL(guard_decide(&p, 0, &cap, NULL), 0);
	CU_ASSERT_EQUAL(cap, 0);
	p.stdin_tty = 0;
	CU_ASSERT_EQUAL(guard_decide(&p, 0, &cap, NULL), MG_EGUARD_TTY);
	CU_ASSERT_EQUAL(guard_decide(&p, 1, &cap, NULL), MG_EGUARD_TTY);   /* allow_capture does not help */
	p.stdin_tty = 1;
	p.stdout_tty = 0;                                                  /* output piped to a file */
	CU_ASSERT_EQUAL(guard_decide(&p, 1, &cap, NULL), MG_EGUARD_TTY);
}

static void t_multiplexers_from_environment(void)
{
	static const char *const shell[] = { "bash" };
	struct guard_probe p = probe(shell, 1);
	const char *tool = NULL;
	int cap = -1;

	p.in_tmux = 1;
	CU_ASSERT_EQUAL(guard_decide(&p, 0, &cap, &tool), MG_EGUARD_CAPTURE);
	CU_ASSERT_STRING_EQUAL(tool, "tmux");
	CU_ASSERT_EQUAL(cap, 0);
	CU_ASSERT_EQUAL(guard_decide(&p, 1, &cap, &tool), 0);
	CU_ASSERT_EQUAL(cap, 1);
	p.in_tmux = 0;
	p.in_screen = 1;
	CU_ASSERT_EQUAL(guard_decide(&p, 0, &cap, &tool), MG_EGUARD_CAPTURE);
	CU_ASSERT_STRING_EQUAL(tool, "screen");
}

static void t_recorders_among_ancestors(void)
{
	static const struct {
		const char *names[4];
		int n;
		const char *tool;     /* NULL = allowed */
	} cases[] = {
		{ { "bash", "script", "sshd" }, 3, "script" },
		{ { "sh", "bash", "asciinema" }, 3, "asciinema" },
		{ { "bash", "ttyrec" }, 2, "ttyrec" },
		{ { "bash", "tmux: server" }, 2, "tmux: server" },
		{ { "bash", "SCREEN" }, 2, "SCREEN" },
		{ { "zsh", "tlog-rec-sessio" }, 2, "tlog-rec-sessio" },
		{ { "bash", "tmate" }, 2, "tmate" },
		{ { "bash", "zellij" }, 2, "zellij" },
		{ { "bash", "scripts" }, 2, NULL },              /* not a recorder */
		{ { "bash", "transcript" }, 2, NULL },
		{ { "bash", "sshd", "systemd" }, 3, NULL },
		{ { "login" }, 1, NULL },
		{ { 0 }, 0, NULL },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct guard_probe p = probe(cases[i].names, cases[i].n);
		const char *tool = NULL;
		int cap = -1;
		int rc = guard_decide(&p, 0, &cap, &tool);

		if (cases[i].tool) {
			CU_ASSERT_EQUAL(rc, MG_EGUARD_CAPTURE);
			CU_ASSERT_PTR_NOT_NULL(tool);
			if (tool)
				CU_ASSERT_STRING_EQUAL(tool, cases[i].tool);
			CU_ASSERT_EQUAL(guard_decide(&p, 1, &cap, &tool), 0);
			CU_ASSERT_EQUAL(cap, 1);
		} else {
			CU_ASSERT_EQUAL(rc, 0);
			CU_ASSERT_PTR_NULL(tool);
			CU_ASSERT_EQUAL(cap, 0);
		}
	}
}

static void t_capture_mark(void)
{
	CU_ASSERT_EQUAL(guard_capture_allowed(), 0);
	CU_ASSERT_STRING_EQUAL(guard_capture_tool_name(), "");
	guard_set_capture(1, "tmux: server");
	CU_ASSERT_EQUAL(guard_capture_allowed(), 1);
	CU_ASSERT_STRING_EQUAL(guard_capture_tool_name(), "tmux__server");
	guard_set_capture(0, "tmux");
	CU_ASSERT_EQUAL(guard_capture_allowed(), 0);
	CU_ASSERT_STRING_EQUAL(guard_capture_tool_name(), "");
}

static void t_probe_of_this_process(void)
{
	struct guard_probe p;

	guard_probe_collect(&p);
	CU_ASSERT_EQUAL(p.stdin_tty, isatty(0));
	CU_ASSERT_EQUAL(p.stdout_tty, isatty(1));
	CU_ASSERT_EQUAL(p.in_tmux, getenv("TMUX") && *getenv("TMUX"));
	CU_ASSERT(p.n_ancestors >= 1);                  /* at least whoever started the runner */
	CU_ASSERT(p.ancestors[0][0] != '\0');
}

static void t_harden_in_a_child(void)
{
	pid_t pid = fork();
	int st = -1;

	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		struct rlimit rl;
		int ok = guard_harden() == 0 &&
		         getrlimit(RLIMIT_CORE, &rl) == 0 && rl.rlim_cur == 0 && rl.rlim_max == 0 &&
		         prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;

		_exit(ok ? 0 : 1);
	}
	CU_ASSERT_EQUAL(waitpid(pid, &st, 0), pid);
	CU_ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* Read a whole small file into buf. */
static size_t slurp(const char *path, char *buf, size_t cap)
{
	FILE *f = fopen(path, "r");
	size_t n = 0;

	if (f) {
		n = fread(buf, 1, cap - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return n;
}

static void t_stderr_goes_to_the_log_while_the_screen_is_up(void)
{
	const char *p = testutil_path("stderr.log");
	char buf[256];
	struct stat sb;

	unlink(p);
	CU_ASSERT_EQUAL_FATAL(guard_stderr_begin(p), 0);
	CU_ASSERT_EQUAL(guard_stderr_begin(p), MG_ESTATE);
	fprintf(stderr, "diagnostic from a library\n");
	fflush(stderr);
	guard_stderr_end();
	guard_stderr_end();
	slurp(p, buf, sizeof buf);
	CU_ASSERT_STRING_EQUAL(buf, "diagnostic from a library\n");
	CU_ASSERT_EQUAL(stat(p, &sb), 0);
	CU_ASSERT_EQUAL(sb.st_mode & 0777, 0600);
	CU_ASSERT_EQUAL(guard_stderr_begin(testutil_path("no/such/dir/x.log")), MG_EGUARD_LOG);
}

static void t_log_file_holds_only_codes_and_ids(void)
{
	const char *p = testutil_path("diag.log");
	const char *link = testutil_path("diag-link.log");
	char buf[1024], id[40];
	struct stat sb;

	unlink(p);
	log_event(LOG_LEVEL_ERR, "before.open", 0, "x");        /* goes nowhere */
	CU_ASSERT_EQUAL_FATAL(log_open(p), 0);
	log_event(LOG_LEVEL_ERR, "db.open", MG_EBUSY, "T01");
	log_event_n(LOG_LEVEL_WARN, "card.read", 0, "1000123", 3);
	log_event(LOG_LEVEL_INFO, "workflow.commit", 0, "山田太郎");           /* a name by mistake */
	log_event(LOG_LEVEL_INFO, "search", 0, "兵庫県宝塚市東洋町1-1");     /* an address */
	log_event(LOG_LEVEL_INFO, "Name: 山田", 0, NULL);                      /* free text as key */
	log_event(LOG_LEVEL_DEBUG, "debug.hidden", 0, NULL);                   /* below INFO */
	log_close();
	log_event(LOG_LEVEL_ERR, "after.close", 0, NULL);
	slurp(p, buf, sizeof buf);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, " ERR db.open rc=MG_EBUSY id=T01\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, " WARN card.read id=1000123 n=3\n"));
	CU_ASSERT_PTR_NULL(strstr(buf, "山田"));
	CU_ASSERT_PTR_NULL(strstr(buf, "宝塚"));
	CU_ASSERT_PTR_NULL(strstr(buf, "Name"));
	CU_ASSERT_PTR_NULL(strstr(buf, "before.open"));
	CU_ASSERT_PTR_NULL(strstr(buf, "after.close"));
	CU_ASSERT_PTR_NULL(strstr(buf, "debug.hidden"));
	for (const unsigned char *c = (const unsigned char *)buf; *c; c++)
		CU_ASSERT(*c < 0x80);                     /* nothing but ASCII ever reaches the file */
	CU_ASSERT_EQUAL(stat(p, &sb), 0);
	CU_ASSERT_EQUAL(sb.st_mode & 0777, 0600);
	/* levels */
	log_set_level(LOG_LEVEL_DEBUG);
	CU_ASSERT_EQUAL_FATAL(log_open(p), 0);
	log_event(LOG_LEVEL_DEBUG, "debug.shown", 0, NULL);
	log_close();
	log_set_level(LOG_LEVEL_INFO);
	slurp(p, buf, sizeof buf);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "DEBUG debug.shown"));
	/* a symlink planted at the log path is not followed */
	unlink(link);
	CU_ASSERT_EQUAL(symlink(p, link), 0);
	CU_ASSERT_EQUAL(log_open(link), MG_EIO);
	/* the id filter */
	log_filter_id("C001.x_y-z", id, sizeof id);
	CU_ASSERT_STRING_EQUAL(id, "C001.x_y-z");
	log_filter_id("a b\nc", id, sizeof id);
	CU_ASSERT_STRING_EQUAL(id, "a?b?c");
	log_filter_id("0123456789012345678901234567890123456789", id, sizeof id);
	CU_ASSERT_EQUAL(strlen(id), 32);
	log_filter_id(NULL, id, sizeof id);
	CU_ASSERT_STRING_EQUAL(id, "");
	log_filter_id("abc", id, 2);
	CU_ASSERT_STRING_EQUAL(id, "a");
}

TESTUTIL_REGISTER(guard)
{
	static const struct testutil_case cases[] = {
		{ "a terminal is required", t_terminal_required },
		{ "multiplexers from the environment", t_multiplexers_from_environment },
		{ "recorders among the ancestors", t_recorders_among_ancestors },
		{ "the capture mark", t_capture_mark },
		{ "probe of this process", t_probe_of_this_process },
		{ "hardening (in a child)", t_harden_in_a_child },
		{ "stderr to the log while the screen is up", t_stderr_goes_to_the_log_while_the_screen_is_up },
		{ "log file holds only codes and ids", t_log_file_holds_only_codes_and_ids },
		{ NULL, NULL }
	};
	testutil_suite("guard", NULL, NULL, cases);
}
