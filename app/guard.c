/* guard.c — core dumps off, not dumpable, terminal required, no recorders. */
#include "app/guard.h"
#include "app/log.h"
#include "i18n/mg_rc.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

/* Session recorders, screen sharers and terminal multiplexers. */
static const char *const guard_tools[] = {
	"script", "scriptlive", "asciinema", "ttyrec", "termrec", "ttyrec2", "tlog-rec",
	"tlog-rec-sessio", "tlog-rec-session", "tmux", "tmate", "screen", "byobu", "zellij",
	"dtach", "abduco", "ttyd", "gotty", "tty-share", "upterm", "vhs", "teleconsole",
	"conspy", "expect", "sshx", "shellinaboxd", NULL
};

static int guard_capture_flag;
static char guard_capture_name[GUARD_NAME_MAX];
static int guard_saved_stderr = -1;

int guard_harden(void)
{
	struct rlimit rl = { 0, 0 };
	int rc = 0;

	if (setrlimit(RLIMIT_CORE, &rl) != 0)
		rc = MG_EGUARD_CORE;
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		rc = MG_EGUARD_CORE;
	return rc;
}

/* Read the name and parent of process pid from /proc; 0 or -1. */
static int guard_proc(pid_t pid, char *name, size_t cap, pid_t *ppid)
{
	char path[64], buf[512];
	const char *open_p, *close_p;
	size_t n;
	long pp;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	open_p = strchr(buf, '(');
	close_p = strrchr(buf, ')');
	if (!open_p || !close_p || close_p < open_p)
		return -1;
	n = (size_t)(close_p - open_p - 1);
	if (n >= cap)
		n = cap - 1;
	memcpy(name, open_p + 1, n);
	name[n] = '\0';
	if (sscanf(close_p + 1, " %*c %ld", &pp) != 1)
		return -1;
	*ppid = (pid_t)pp;
	return 0;
}

/* 1 when the environment variable is set and not empty. */
static int guard_env_set(const char *name)
{
	const char *v = getenv(name);

	return v && *v;
}

void guard_probe_collect(struct guard_probe *p)
{
	pid_t pid = getppid(), next;

	memset(p, 0, sizeof *p);
	p->stdin_tty = isatty(STDIN_FILENO);
	p->stdout_tty = isatty(STDOUT_FILENO);
	p->in_tmux = guard_env_set("TMUX");
	p->in_screen = guard_env_set("STY");
	while (pid > 1 && p->n_ancestors < GUARD_MAX_ANCESTORS) {
		if (guard_proc(pid, p->ancestors[p->n_ancestors], GUARD_NAME_MAX, &next) != 0)
			break;
		p->n_ancestors++;
		if (next == pid)
			break;
		pid = next;
	}
}

/* 1 when a process name (up to ':' or ' ') is one of the capture tools. */
static int guard_is_tool(const char *name)
{
	size_t n = strcspn(name, ": ");

	if (n == 0)
		return 0;
	for (size_t i = 0; guard_tools[i]; i++)
		if (strlen(guard_tools[i]) == n && strncasecmp(guard_tools[i], name, n) == 0)
			return 1;
	return 0;
}

const char *guard_capture_tool(const struct guard_probe *p)
{
	if (p->in_tmux)
		return "tmux";
	if (p->in_screen)
		return "screen";
	for (int i = 0; i < p->n_ancestors && i < GUARD_MAX_ANCESTORS; i++)
		if (guard_is_tool(p->ancestors[i]))
			return p->ancestors[i];
	return NULL;
}

int guard_decide(const struct guard_probe *p, int allow_capture, int *capture,
                 const char **tool)
{
	const char *t = guard_capture_tool(p);

	if (capture)
		*capture = 0;
	if (tool)
		*tool = t;
	if (!p->stdin_tty || !p->stdout_tty)
		return MG_EGUARD_TTY;
	if (t && !allow_capture)
		return MG_EGUARD_CAPTURE;
	if (t && capture)
		*capture = 1;
	return 0;
}

void guard_set_capture(int allowed, const char *tool)
{
	guard_capture_flag = allowed ? 1 : 0;
	snprintf(guard_capture_name, sizeof guard_capture_name, "%s",
	         allowed && tool ? tool : "");
	/* the name goes into the log: keep it to safe characters */
	for (char *c = guard_capture_name; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.'))
			*c = '_';
}

int guard_capture_allowed(void)
{
	return guard_capture_flag;
}

const char *guard_capture_tool_name(void)
{
	return guard_capture_name;
}

int guard_stderr_begin(const char *path)
{
	int fd, saved;

	if (guard_saved_stderr >= 0)
		return MG_ESTATE;
	if (!path)
		return MG_EGUARD_LOG;
	fd = log_open_fd(path);
	if (fd < 0)
		return MG_EGUARD_LOG;
	saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	if (saved < 0 || dup2(fd, STDERR_FILENO) < 0) {
		if (saved >= 0)
			close(saved);
		close(fd);
		return MG_EGUARD_LOG;
	}
	close(fd);
	guard_saved_stderr = saved;
	return 0;
}

void guard_stderr_end(void)
{
	if (guard_saved_stderr < 0)
		return;
	fflush(stderr);
	dup2(guard_saved_stderr, STDERR_FILENO);
	close(guard_saved_stderr);
	guard_saved_stderr = -1;
}
