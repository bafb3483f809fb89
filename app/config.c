/* config.c — the settings file: defaults, parsing with file:line errors, office hours. */
#include "app/config.h"
#include "app/auth.h"
#include "app/holiday.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_file.h"
#include "i18n/mg_rc.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define CONFIG_LINE_MAX 4096

/* What is wrong with one setting: a catalog key and its arguments. */
struct config_err {
	const char *msgid;      /* catalog key, {0} = the setting's key */
	char arg1[24];          /* {1} */
	char arg2[24];          /* {2} */
};

/* Record an error and return MG_ECONFIG. */
static int config_fail(struct config_err *e, const char *msgid)
{
	e->msgid = msgid;
	return MG_ECONFIG;
}

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->idle_lock_seconds = 60;
	c->idle_logout_seconds = 600;
	c->result_cap = 50;
	c->office_open_min = 8 * 60 + 30;
	c->office_close_min = 17 * 60 + 15;
	c->office_days = 0x3Eu;               /* Mon–Fri */
	c->year_end_closed = 1;
	c->holidays_closed = 1;
	c->allow_capture = 0;
	c->mode = CONFIG_MODE_PRODUCTION;
	c->lockout_threshold = 5;
	c->min_password_length = 10;
	c->scrypt_log2_n = 15;
	c->scrypt_r = 8;
	c->scrypt_p = 1;
	c->reveal_seconds = 30;
}

const char *config_mode_name(enum config_mode m)
{
	switch (m) {
	case CONFIG_MODE_DEMO: return "demo";
	case CONFIG_MODE_TEST: return "test";
	default: return "production";
	}
}

/* Parse a whole decimal number in [lo, hi]. */
static int config_int(const char *v, int lo, int hi, int *out, struct config_err *e)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (!*v || *end || errno || n < lo || n > hi || !isdigit((unsigned char)v[0])) {
		snprintf(e->arg1, sizeof e->arg1, "%d", lo);
		snprintf(e->arg2, sizeof e->arg2, "%d", hi);
		return config_fail(e, MSG("config_err_int"));
	}
	*out = (int)n;
	return 0;
}

/* Parse yes/no, true/false, on/off, 1/0. */
static int config_bool(const char *v, int *out, struct config_err *e)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return config_fail(e, MSG("config_err_bool"));
}

/* Parse "HH:MM" into minutes after midnight (24:00 allowed as an end). */
static int config_hhmm(const char *s, size_t n, int *min)
{
	int h, m;

	if (n != 5 || !isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
	    s[2] != ':' || !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]))
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	*min = h * 60 + m;
	return 0;
}

/* Parse "HH:MM-HH:MM" (start before end). */
static int config_hours(const char *v, int *open, int *close, struct config_err *e)
{
	const char *dash = strchr(v, '-');
	int a, b;

	if (!dash || config_hhmm(v, (size_t)(dash - v), &a) ||
	    config_hhmm(dash + 1, strlen(dash + 1), &b) || a >= b)
		return config_fail(e, MSG("config_err_hours"));
	*open = a;
	*close = b;
	return 0;
}

/* Weekday index of a three-letter English name, or -1. */
static int config_wday(const char *s, size_t n)
{
	static const char names[7][4] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };

	for (int i = 0; i < 7; i++)
		if (n == 3 && strncasecmp(s, names[i], 3) == 0)
			return i;
	return -1;
}

/* Parse "mon,tue,…" with ranges "mon-fri" into a bit set. */
static int config_days(const char *v, unsigned *out, struct config_err *e)
{
	unsigned set = 0;
	const char *p = v;

	while (*p) {
		size_t n = strcspn(p, ",");
		const char *dash = memchr(p, '-', n);
		int a, b;

		if (dash) {
			a = config_wday(p, (size_t)(dash - p));
			b = config_wday(dash + 1, n - (size_t)(dash - p) - 1);
		} else {
			a = b = config_wday(p, n);
		}
		if (a < 0 || b < 0 || a > b)
			return config_fail(e, MSG("config_err_days"));
		for (int d = a; d <= b; d++)
			set |= 1u << d;
		p += n;
		if (*p == ',' && *++p == '\0')
			return config_fail(e, MSG("config_err_days"));
	}
	if (!set)
		return config_fail(e, MSG("config_err_days"));
	*out = set;
	return 0;
}

/* Append the dates "YYYY-MM-DD,…" to c->closed_days. */
static int config_dates(const char *v, struct config *c, struct config_err *e)
{
	const char *p = v;
	char buf[16];

	if (!*v)
		return config_fail(e, MSG("config_err_date"));
	while (*p) {
		size_t n = strcspn(p, ",");
		i18n_day d;

		if (n >= sizeof buf)
			return config_fail(e, MSG("config_err_date"));
		memcpy(buf, p, n);
		buf[n] = '\0';
		if (i18n_date_parse_iso(buf, &d) != 0)
			return config_fail(e, MSG("config_err_date"));
		if (c->n_closed_days >= CONFIG_MAX_CLOSED) {
			snprintf(e->arg1, sizeof e->arg1, "%d", CONFIG_MAX_CLOSED);
			return config_fail(e, MSG("config_err_too_many"));
		}
		c->closed_days[c->n_closed_days++] = d;
		p += n;
		if (*p == ',' && *++p == '\0')
			return config_fail(e, MSG("config_err_date"));
	}
	return 0;
}

/* Copy a text value (no control characters) into a fixed buffer. */
static int config_text(const char *v, char *dst, size_t cap, struct config_err *e)
{
	size_t n = strlen(v);

	for (size_t i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7F)
			return config_fail(e, MSG("config_err_text"));
	if (n >= cap)
		return config_fail(e, MSG("config_err_text"));
	memcpy(dst, v, n + 1);
	return 0;
}

/* An id value: "" or 1–32 of [A-Za-z0-9._-]. */
static int config_id(const char *v, char *dst, size_t cap, struct config_err *e)
{
	if (*v && !auth_id_valid(v))
		return config_fail(e, MSG("config_err_id"));
	return config_text(v, dst, cap, e);
}

/* A path value: non-empty text. */
static int config_path(const char *v, char *dst, size_t cap, struct config_err *e)
{
	return config_text(v, dst, cap, e);
}

/* The keys of the file, in the order of docs/madoguchi.conf.example. */
enum config_key {
	CK_TERMINAL_ID, CK_IDLE_LOCK, CK_IDLE_LOGOUT, CK_RESULT_CAP, CK_OFFICE_HOURS,
	CK_OFFICE_DAYS, CK_YEAR_END, CK_HOLIDAYS, CK_CLOSED_DAYS, CK_ALLOW_CAPTURE,
	CK_TRUST_STORE, CK_MODE, CK_DB_PATH, CK_CS_PATH, CK_LOG_FILE, CK_LANG, CK_READER,
	CK_LOCKOUT, CK_MIN_PW, CK_SCRYPT_N, CK_SCRYPT_R, CK_SCRYPT_P, CK_REVEAL, CK_COUNT
};

static const char *const config_keys[CK_COUNT] = {
	"terminal_id", "idle_lock_seconds", "idle_logout_seconds", "result_cap",
	"office_hours", "office_days", "year_end_closed", "holidays_closed", "closed_days",
	"allow_capture", "trust_store", "mode", "db_path", "cs_path", "log_file", "lang",
	"reader", "lockout_threshold", "min_password_length", "scrypt_log2_n", "scrypt_r",
	"scrypt_p", "reveal_seconds",
};

/* The index of a key, or -1. */
static int config_key_index(const char *key)
{
	for (int i = 0; i < CK_COUNT; i++)
		if (strcmp(config_keys[i], key) == 0)
			return i;
	return -1;
}

/* Apply one known key k = v to *c. */
static int config_apply(struct config *c, int k, const char *v, struct config_err *e)
{
	switch (k) {
	case CK_TERMINAL_ID: return config_id(v, c->terminal_id, sizeof c->terminal_id, e);
	case CK_IDLE_LOCK: return config_int(v, 5, 3600, &c->idle_lock_seconds, e);
	case CK_IDLE_LOGOUT: return config_int(v, 5, 86400, &c->idle_logout_seconds, e);
	case CK_RESULT_CAP: return config_int(v, 1, 1000, &c->result_cap, e);
	case CK_OFFICE_HOURS:
		return config_hours(v, &c->office_open_min, &c->office_close_min, e);
	case CK_OFFICE_DAYS: return config_days(v, &c->office_days, e);
	case CK_YEAR_END: return config_bool(v, &c->year_end_closed, e);
	case CK_HOLIDAYS: return config_bool(v, &c->holidays_closed, e);
	case CK_CLOSED_DAYS: return config_dates(v, c, e);
	case CK_ALLOW_CAPTURE: return config_bool(v, &c->allow_capture, e);
	case CK_TRUST_STORE: return config_path(v, c->trust_store, sizeof c->trust_store, e);
	case CK_MODE:
		if (strcmp(v, "production") == 0)
			c->mode = CONFIG_MODE_PRODUCTION;
		else if (strcmp(v, "demo") == 0)
			c->mode = CONFIG_MODE_DEMO;
		else if (strcmp(v, "test") == 0)
			c->mode = CONFIG_MODE_TEST;
		else
			return config_fail(e, MSG("config_err_mode"));
		return 0;
	case CK_DB_PATH: return config_path(v, c->db_path, sizeof c->db_path, e);
	case CK_CS_PATH: return config_path(v, c->cs_path, sizeof c->cs_path, e);
	case CK_LOG_FILE: return config_path(v, c->log_file, sizeof c->log_file, e);
	case CK_LANG:
		if (*v && strcmp(v, "ja") != 0 && strcmp(v, "en") != 0)
			return config_fail(e, MSG("config_err_lang"));
		return config_text(v, c->lang, sizeof c->lang, e);
	case CK_READER: return config_text(v, c->reader, sizeof c->reader, e);
	case CK_LOCKOUT: return config_int(v, 1, 100, &c->lockout_threshold, e);
	case CK_MIN_PW: return config_int(v, 8, 128, &c->min_password_length, e);
	case CK_SCRYPT_N:
		return config_int(v, AUTH_LOG2N_MIN, AUTH_LOG2N_MAX, &c->scrypt_log2_n, e);
	case CK_SCRYPT_R: return config_int(v, 1, AUTH_R_MAX, &c->scrypt_r, e);
	case CK_SCRYPT_P: return config_int(v, 1, AUTH_P_MAX, &c->scrypt_p, e);
	case CK_REVEAL: return config_int(v, 1, 30, &c->reveal_seconds, e);
	default: return config_fail(e, MSG("config_err_unknown"));
	}
}

int config_set(struct config *c, const char *key, const char *value, const char **msgid)
{
	struct config_err e;
	struct config tmp = *c;
	int k = key ? config_key_index(key) : -1, rc;

	memset(&e, 0, sizeof e);
	if (k < 0 || !value)
		rc = config_fail(&e, MSG("config_err_unknown"));
	else
		rc = config_apply(&tmp, k, value, &e);
	if (rc == 0 && tmp.idle_logout_seconds < tmp.idle_lock_seconds)
		rc = config_fail(&e, MSG("config_err_idle"));
	if (rc == 0)
		*c = tmp;
	if (msgid)
		*msgid = rc ? e.msgid : NULL;
	return rc;
}

/* Format "path:line: <message of e with key>" into err. */
static void config_report(char *err, size_t errcap, const char *path, int line,
                          const char *key, const struct config_err *e)
{
	char msg[512], lbuf[16];
	const char *args[3] = { key ? key : "", e->arg1, e->arg2 };
	const char *outer[3];

	if (!err || !errcap)
		return;
	i18n_msg_format(msg, sizeof msg, e->msgid, 3, args);
	snprintf(lbuf, sizeof lbuf, "%d", line);
	outer[0] = path;
	outer[1] = lbuf;
	outer[2] = msg;
	if (i18n_msg_format(err, errcap, MSG("config_err_at"), 3, outer) < 0)
		snprintf(err, errcap, "%s:%d", path, line);
}

/* Trim spaces and tabs at both ends in place; returns the new start. */
static char *config_trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

/* Split one line into key and value; 1 = setting, 0 = blank/comment, <0 = syntax. */
static int config_split(char *line, char **key, char **val, struct config_err *e)
{
	char *s = config_trim(line), *eq, *v;
	size_t n;

	if (!*s || *s == '#')
		return 0;
	eq = strchr(s, '=');
	if (!eq)
		return config_fail(e, MSG("config_err_syntax"));
	*eq = '\0';
	*key = config_trim(s);
	v = config_trim(eq + 1);
	if (!**key)
		return config_fail(e, MSG("config_err_syntax"));
	n = strlen(v);
	if (n && v[0] == '"') {
		if (n < 2 || v[n - 1] != '"')
			return config_fail(e, MSG("config_err_quote"));
		v[n - 1] = '\0';
		v++;
		if (strchr(v, '"'))
			return config_fail(e, MSG("config_err_quote"));
	}
	*val = v;
	return 1;
}

/* Put "path: cannot read (strerror(e))" into err; returns rc. */
static int config_open_err(const char *path, int e, int rc, char *err, size_t errcap)
{
	const char *a[2] = { path, strerror(e) };

	if (err && errcap)
		i18n_msg_format(err, errcap, MSG("config_err_open"), 2, a);
	return rc;
}

/* Parse the opened file f (named path in messages) over *c: config_load's rules, f not closed. */
static int config_read(FILE *f, const char *path, struct config *c, char *err, size_t errcap)
{
	char line[CONFIG_LINE_MAX + 2];
	int seen[CK_COUNT];
	struct config tmp = *c;
	struct config_err e;
	int lineno = 0, rc = 0, idle_line = 0, first_closed = 1;

	memset(seen, 0, sizeof seen);
	memset(&e, 0, sizeof e);
	if (err && errcap)
		err[0] = '\0';
	for (;;) {
		char *key = NULL, *val = NULL, *s = line;
		size_t n, end = sizeof line;
		int k, r;

		/* Filled with non-zero bytes first, so the last NUL is the one fgets
		 * wrote: one before it was in the file. */
		memset(line, 1, sizeof line);
		if (rc != 0 || !fgets(line, sizeof line, f))
			break;
		n = strlen(line);
		while (end > 0 && line[end - 1] != '\0')
			end--;
		lineno++;
		if (end - 1 != n) {
			rc = config_fail(&e, MSG("config_err_nul"));
			break;
		}
		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		else if (!feof(f)) {
			rc = config_fail(&e, MSG("config_err_long"));
			break;
		}
		if (lineno == 1 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
			s += 3;
		r = config_split(s, &key, &val, &e);
		if (r < 0) {
			rc = r;
			break;
		}
		if (r == 0)
			continue;
		k = config_key_index(key);
		if (k < 0) {
			rc = config_fail(&e, MSG("config_err_unknown"));
		} else if (seen[k] && k != CK_CLOSED_DAYS) {
			snprintf(e.arg1, sizeof e.arg1, "%d", seen[k]);
			rc = config_fail(&e, MSG("config_err_repeated"));
		} else {
			if (k == CK_CLOSED_DAYS && first_closed) {
				tmp.n_closed_days = 0;   /* the file's list replaces the default */
				first_closed = 0;
			}
			seen[k] = lineno;
			rc = config_apply(&tmp, k, val, &e);
			if (k == CK_IDLE_LOCK || k == CK_IDLE_LOGOUT)
				idle_line = lineno;
		}
		if (rc)
			config_report(err, errcap, path, lineno, key, &e);
	}
	if (rc == 0 && ferror(f)) {
		rc = config_open_err(path, errno, MG_EIO, err, errcap);
	} else if (rc == MG_ECONFIG && e.msgid && err && errcap && !err[0]) {
		config_report(err, errcap, path, lineno, NULL, &e);
	}
	if (rc == 0 && tmp.idle_logout_seconds < tmp.idle_lock_seconds) {
		rc = config_fail(&e, MSG("config_err_idle"));
		config_report(err, errcap, path, idle_line, config_keys[CK_IDLE_LOGOUT], &e);
	}
	if (rc == 0)
		*c = tmp;
	return rc;
}

int config_load(const char *path, struct config *c, char *err, size_t errcap)
{
	FILE *f;
	int rc, e;

	if (err && errcap)
		err[0] = '\0';
	f = fopen(path, "re");
	if (!f) {
		e = errno;
		return config_open_err(path, e, e == ENOENT ? MG_ENOTFOUND : MG_EIO, err, errcap);
	}
	rc = config_read(f, path, c, err, errcap);
	fclose(f);
	return rc;
}

/*
 * Read path over *c through the production guard. A production
 * configuration decides the privacy settings (capture, idle times, result
 * cap) and the terminal id: it must be root's and writable by no one else,
 * the file and every folder above it, or any user could loosen or swap it.
 * The checks run on the folders and on the descriptor that is then parsed
 * (mg_file_open, MG_FILE_KEEP); their verdict counts only once the file
 * says it is production, so demo and test ones are read wherever they are.
 * Returns config_load's codes or MG_EPERM (err names the refused file or
 * folder); *c changes only on success.
 */
static int config_load_guarded(const char *path, struct config *c, char *err, size_t errcap)
{
	char where[PATH_MAX];
	struct config tmp = *c;
	FILE *f = NULL;
	int rc = 0, verdict, e;

	if (err && errcap)
		err[0] = '\0';
	verdict = mg_file_open(path, MG_FILE_GUARDED | MG_FILE_KEEP, &f, NULL, where, sizeof where);
	if (verdict != 0 && verdict != MG_EPERM) {
		e = errno;
		rc = verdict == MG_EIO && e == ENOENT ? MG_ENOTFOUND : verdict;
		return config_open_err(path, e, rc, err, errcap);
	}
	if (f)   /* no stream only when a final link appeared after resolving: refused */
		rc = config_read(f, path, &tmp, err, errcap);
	if (rc == 0 && verdict == MG_EPERM && (!f || tmp.mode == CONFIG_MODE_PRODUCTION)) {
		const char *a[2] = { path, where };

		if (err && errcap)
			i18n_msg_format(err, errcap, MSG("config_err_unprotected"), 2, a);
		rc = MG_EPERM;
	}
	if (f)
		fclose(f);
	if (rc == 0)
		*c = tmp;
	return rc;
}

const char *config_source(const char *explicit_path)
{
	if (explicit_path)
		return explicit_path;
	return access(CONFIG_DEFAULT_PATH, F_OK) == 0 ? CONFIG_DEFAULT_PATH : "";
}

int config_load_default(const char *explicit_path, struct config *c, char *err, size_t errcap)
{
	int rc;

	config_defaults(c);
	if (err && errcap)
		err[0] = '\0';
	if (explicit_path)
		return config_load_guarded(explicit_path, c, err, errcap);
	rc = config_load_guarded(CONFIG_DEFAULT_PATH, c, err, errcap);
	if (rc == MG_ENOTFOUND) {
		if (err && errcap)
			err[0] = '\0';
		rc = 0;
	}
	return rc;
}

int config_is_office_time(const struct config *c, long long t)
{
	struct config def;
	struct tm tm;
	time_t tt = (time_t)t;
	i18n_day day;
	int min;

	if (!c) {
		config_defaults(&def);
		c = &def;
	}
	if (!localtime_r(&tt, &tm))
		return 0;
	if (!(c->office_days & (1u << tm.tm_wday)))
		return 0;
	min = tm.tm_hour * 60 + tm.tm_min;
	if (min < c->office_open_min || min >= c->office_close_min)
		return 0;
	day = i18n_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	if (c->year_end_closed &&
	    ((tm.tm_mon == 11 && tm.tm_mday >= 29) || (tm.tm_mon == 0 && tm.tm_mday <= 3)))
		return 0;
	if (c->holidays_closed && holiday_national(day, NULL))
		return 0;
	for (size_t i = 0; i < c->n_closed_days; i++)
		if (c->closed_days[i] == day)
			return 0;
	return 1;
}

int config_log_path(const struct config *c, const char *db_path, char *out, size_t cap)
{
	int n;

	if (!cap)
		return MG_EINVAL;
	out[0] = '\0';
	if (c && c->log_file[0])
		n = snprintf(out, cap, "%s", c->log_file);
	else if (db_path && db_path[0])
		n = snprintf(out, cap, "%s.log", db_path);
	else
		return MG_EINVAL;
	if (n < 0 || (size_t)n >= cap) {
		out[0] = '\0';
		return MG_ETOOLONG;
	}
	return 0;
}
