/*
 * cmd_operator.c — `madoguchi operator add|passwd|lock|unlock|list --db D …`:
 * operator accounts from the command line (the system actor; every change is
 * logged by app/auth.c). Passwords are read from the terminal without echo,
 * or from --password-fd N for scripts, and wiped after use.
 */
#include "app/app_ctx.h"
#include "app/auth.h"
#include "app/cmd.h"
#include "app/config.h"
#include "app/session.h"
#include "db/db.h"
#include "db/db_operator.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/mg_rc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define CMD_OPERATOR_PW_MAX 1024

/* Parsed command line. */
struct cmd_operator_opts {
	const char *verb;       /* add | passwd | lock | unlock | list */
	const char *id;         /* --id */
	const char *name;       /* --name */
	const char *role;       /* --role */
	int pw_fd;              /* --password-fd, -1 = terminal */
};

/* A SIGTERM or SIGHUP that arrived while the terminal's echo was off. */
static volatile sig_atomic_t cmd_operator_sig;

/* Note the signal; the prompt restores the terminal and then re-raises it. */
static void cmd_operator_on_sig(int sig)
{
	cmd_operator_sig = sig;
}

/* Read one line (without its newline) from fd into buf; 0, or -1 (error/too long/empty). */
static int cmd_operator_read_line(int fd, char *buf, size_t cap)
{
	size_t n = 0;
	char c;

	for (;;) {
		ssize_t r = read(fd, &c, 1);

		if (r < 0 && errno == EINTR && !cmd_operator_sig)
			continue;
		if (r <= 0 || c == '\n')
			break;
		if (n + 1 >= cap) {
			explicit_bzero(buf, cap);
			return -1;
		}
		buf[n++] = c;
	}
	if (n && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	return n ? 0 : -1;
}

/* Prompt on the terminal and read a line with echo off; 0 or -1. */
static int cmd_operator_read_tty(const char *prompt, char *buf, size_t cap)
{
	struct termios old, quiet;
	struct sigaction act, old_term, old_hup;
	sigset_t block, saved;
	int fd, rc = -1;

	fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -1;
	if (tcgetattr(fd, &old) != 0)
		goto out;
	/* no ^C / ^Z while echo is off: the terminal must be restored */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTSTP);
	sigaddset(&block, SIGQUIT);
	sigprocmask(SIG_BLOCK, &block, &saved);
	/* SIGTERM / SIGHUP end the program, but only after the echo is back */
	memset(&act, 0, sizeof act);
	act.sa_handler = cmd_operator_on_sig;
	sigemptyset(&act.sa_mask);
	cmd_operator_sig = 0;
	sigaction(SIGTERM, &act, &old_term);
	sigaction(SIGHUP, &act, &old_hup);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	if (tcsetattr(fd, TCSAFLUSH, &quiet) == 0) {
		if (write(fd, prompt, strlen(prompt)) >= 0)
			rc = cmd_operator_read_line(fd, buf, cap);
		tcsetattr(fd, TCSAFLUSH, &old);
		if (write(fd, "\n", 1) < 0)
			rc = rc ? rc : 0;
	}
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	sigprocmask(SIG_SETMASK, &saved, NULL);
	if (cmd_operator_sig) {
		explicit_bzero(buf, cap);
		close(fd);
		raise(cmd_operator_sig);
		return -1;
	}
out:
	close(fd);
	return rc;
}

/* Get the new password of id into pw: from --password-fd or twice from the terminal. */
static int cmd_operator_password(struct cmd_env *env, const struct cmd_operator_opts *o,
                                 char *pw, size_t cap)
{
	char again[CMD_OPERATOR_PW_MAX + 2], prompt[256];
	const char *a[1] = { o->id };
	int rc = 0;

	if (o->pw_fd >= 0) {
		if (cmd_operator_read_line(o->pw_fd, pw, cap) != 0) {
			cmd_msg(env->err, MSG("operator_pw_read_failed"), 0, NULL);
			return MG_EIO;
		}
		return 0;
	}
	if (i18n_msg_format(prompt, sizeof prompt, MSG("operator_prompt_password"), 1, a) < 0 ||
	    cmd_operator_read_tty(prompt, pw, cap) != 0) {
		cmd_msg(env->err, MSG("operator_no_tty"), 0, NULL);
		return MG_EIO;
	}
	if (cmd_operator_read_tty(i18n_msg(MSG("operator_prompt_again")), again, sizeof again) != 0 ||
	    strcmp(pw, again) != 0) {
		cmd_msg(env->err, MSG("operator_pw_mismatch"), 0, NULL);
		explicit_bzero(pw, cap);
		rc = MG_EINVAL;
	}
	explicit_bzero(again, sizeof again);
	return rc;
}

/* Print one operator of the list. */
static int cmd_operator_list_row(void *arg, const struct db_operator_row *r)
{
	FILE *out = arg;
	char name[200], fails[16], last[32];
	const char *status;
	const char *a[5];
	time_t t = (time_t)r->last_login_at;
	struct tm tm;

	i18n_text_sanitize(r->name, name, sizeof name);
	snprintf(fails, sizeof fails, "%d", r->failures);
	if (r->last_login_at && localtime_r(&t, &tm))
		strftime(last, sizeof last, "%Y-%m-%d %H:%M", &tm);
	else
		snprintf(last, sizeof last, "-");
	status = i18n_msg(r->locked ? MSG("operator_status_locked") : MSG("operator_status_active"));
	a[0] = r->id;
	a[1] = r->role;
	a[2] = status;
	a[3] = fails;
	a[4] = last;
	{
		const char *b[6] = { a[0], a[1], a[2], a[3], a[4], name };

		cmd_msg(out, MSG("operator_list_row"), 6, b);
	}
	return 0;
}

/* Parse the command line into *o; 0 or MG_EUSAGE (message printed). */
static int cmd_operator_parse(struct cmd_env *env, int argc, char **argv,
                              struct cmd_operator_opts *o)
{
	static const struct option opts[] = {
		CMD_COMMON_OPTS,
		{ "id", required_argument, NULL, 'i' },
		{ "name", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ "password-fd", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_getopt_state gs = { { 0 }, 0 };
	int c, r;

	memset(o, 0, sizeof *o);
	o->pw_fd = -1;
	/* the verb comes first: `operator add --id …` */
	if (argc < 2 || argv[1][0] == '-')
		return MG_EUSAGE;
	o->verb = argv[1];
	argc--;
	argv++;
	optind = 1;
	while ((c = cmd_getopt(env, &gs, argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'i': o->id = optarg; break;
		case 'n': o->name = optarg; break;
		case 'r': o->role = optarg; break;
		case 'p': {
			char *end;
			long fd = strtol(optarg, &end, 10);

			if (!*optarg || *end || fd < 0 || fd > 1024 || fcntl((int)fd, F_GETFD) < 0) {
				const char *a[1] = { optarg };

				cmd_msg(env->err, MSG("operator_bad_fd"), 1, a);
				return MG_EUSAGE;
			}
			o->pw_fd = (int)fd;
			break;
		}
		case 'h':
			return MG_EUSAGE;
		default:
			r = cmd_common_opt(env, c, optarg);
			if (r <= 0)
				return MG_EUSAGE;   /* explained by cmd_getopt or cmd_common_opt */
		}
	}
	if (optind < argc)
		return MG_EUSAGE;
	return 0;
}

/* Run one verb with ctx ready. */
static int cmd_operator_run(struct cmd_env *env, struct app_ctx *ctx,
                            const struct cmd_operator_opts *o)
{
	char pw[CMD_OPERATOR_PW_MAX + 2];
	const char *a[2];
	enum session_role role = SESSION_ROLE_CLERK;
	int rc = 0;

	a[0] = o->id;
	if (strcmp(o->verb, "list") == 0)
		return db_operator_list(ctx->db, cmd_operator_list_row, env->out);
	if (strcmp(o->verb, "lock") == 0 || strcmp(o->verb, "unlock") == 0) {
		int lock = o->verb[0] == 'l';

		rc = auth_operator_set_locked(ctx, o->id, lock);
		if (rc == 0)
			cmd_msg(env->out, lock ? MSG("operator_locked_done") : MSG("operator_unlocked_done"),
			        1, a);
		return rc;
	}
	if (strcmp(o->verb, "add") == 0 && session_role_parse(o->role, &role) != 0)
		return MG_EINVAL;
	rc = cmd_operator_password(env, o, pw, sizeof pw);
	if (rc == 0 && strcmp(o->verb, "add") == 0) {
		rc = auth_operator_add(ctx, o->id, o->name, role, pw);
		a[1] = o->role;
		if (rc == 0)
			cmd_msg(env->out, MSG("operator_added"), 2, a);
	} else if (rc == 0) {
		rc = auth_operator_passwd(ctx, o->id, pw);
		if (rc == 0)
			cmd_msg(env->out, MSG("operator_passwd_done"), 1, a);
	}
	explicit_bzero(pw, sizeof pw);
	return rc;
}

int cmd_operator_main(struct cmd_env *env, int argc, char **argv);
int cmd_operator_main(struct cmd_env *env, int argc, char **argv)
{
	struct cmd_operator_opts o;
	struct config cfg;
	struct app_ctx ctx;
	int rc, known;

	rc = cmd_operator_parse(env, argc, argv, &o);
	if (rc)
		return cmd_usage(env, "operator");
	known = strcmp(o.verb, "add") == 0 || strcmp(o.verb, "passwd") == 0 ||
	        strcmp(o.verb, "lock") == 0 || strcmp(o.verb, "unlock") == 0 ||
	        strcmp(o.verb, "list") == 0;
	if (!known)
		return cmd_usage(env, "operator");
	if (strcmp(o.verb, "list") != 0 && cmd_need(env, o.id, "--id"))
		return 2;
	if (strcmp(o.verb, "add") == 0 &&
	    (cmd_need(env, o.name, "--name") || cmd_need(env, o.role, "--role")))
		return 2;
	/* Said before the registry is opened, each with its rule. */
	if (o.id && !auth_id_valid(o.id)) {
		cmd_msg(env->err, MSG("operator_bad_id"), 0, NULL);
		return 2;
	}
	if (o.name && !auth_name_valid(o.name)) {
		cmd_msg(env->err, MSG("operator_bad_name"), 0, NULL);
		return 2;
	}
	if (o.role) {
		enum session_role r;

		if (session_role_parse(o.role, &r) != 0) {
			const char *a[1] = { o.role };

			cmd_msg(env->err, MSG("operator_bad_role"), 1, a);
			return 2;
		}
	}
	/* An initialised registry only (a misspelt --db creates nothing), and
	 * never a production one under a test or demo configuration, whose
	 * password policy is not the municipality's (app_ctx_open). */
	rc = app_ctx_open(env, APP_CTX_NEED_MUNI, &ctx, &cfg);
	if (rc)
		return rc == MG_EUSAGE ? 2 : 1;
	rc = cmd_operator_run(env, &ctx, &o);
	app_ctx_close(&ctx);
	return rc ? cmd_err(env, rc) : 0;
}
