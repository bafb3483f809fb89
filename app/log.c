/* log.c — the diagnostic log file: event keys, codes and ids only. */
#include "app/log.h"
#include "i18n/mg_rc.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static FILE *log_file;
static enum log_level log_min = LOG_LEVEL_INFO;

int log_open_fd(const char *path)
{
	struct stat sb;
	int fd, fl;

	if (!path)
		return MG_EIO;
	/* O_NONBLOCK: a FIFO nobody reads fails at once instead of blocking the start. */
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK |
	                O_NOCTTY, 0600);
	if (fd < 0)
		return MG_EIO;
	if (fstat(fd, &sb) != 0 || !(S_ISREG(sb.st_mode) || S_ISCHR(sb.st_mode)) ||
	    (fl = fcntl(fd, F_GETFL)) < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
		close(fd);
		return MG_EIO;
	}
	return fd;
}

int log_open(const char *path)
{
	int fd = log_open_fd(path);
	FILE *f;

	if (fd < 0)
		return fd;
	f = fdopen(fd, "a");
	if (!f) {
		close(fd);
		return MG_EIO;
	}
	log_close();
	log_file = f;
	return 0;
}

void log_close(void)
{
	if (log_file)
		fclose(log_file);
	log_file = NULL;
}

void log_set_level(enum log_level lv)
{
	log_min = lv;
}

void log_filter_id(const char *id, char *out, unsigned cap)
{
	unsigned n = 0;

	if (cap == 0)
		return;
	for (; id && *id && n + 1 < cap && n < 32; id++) {
		char c = *id;
		int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		         (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';

		out[n++] = ok ? c : '?';
	}
	out[n] = '\0';
}

/* Copy an event key keeping only [a-z0-9._]. */
static void log_filter_event(const char *ev, char *out, unsigned cap)
{
	unsigned n = 0;

	for (; ev && *ev && n + 1 < cap; ev++) {
		char c = *ev;
		int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_';

		out[n++] = ok ? c : '?';
	}
	out[n] = '\0';
}

/* Write one line (with or without a number). */
static void log_write(enum log_level lv, const char *event, int rc, const char *id,
                      int has_n, long long num)
{
	static const char *const lvname[] = { "ERR", "WARN", "INFO", "DEBUG" };
	char ts[32], ev[48], idb[40];
	time_t now;
	struct tm tm;

	if (!log_file || lv > log_min || (unsigned)lv > LOG_LEVEL_DEBUG)
		return;
	now = time(NULL);
	if (!localtime_r(&now, &tm) || !strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm))
		ts[0] = '\0';
	log_filter_event(event, ev, sizeof ev);
	fprintf(log_file, "%s %s %s", ts, lvname[lv], ev);
	if (rc)
		fprintf(log_file, " rc=%s", mg_rc_name(rc));
	if (id) {
		log_filter_id(id, idb, sizeof idb);
		fprintf(log_file, " id=%s", idb);
	}
	if (has_n)
		fprintf(log_file, " n=%lld", num);
	fputc('\n', log_file);
	fflush(log_file);
}

void log_event(enum log_level lv, const char *event, int rc, const char *id)
{
	log_write(lv, event, rc, id, 0, 0);
}

void log_event_n(enum log_level lv, const char *event, int rc, const char *id, long long n)
{
	log_write(lv, event, rc, id, 1, n);
}
