/* vcard_serve.c — the emulator's event loop: vpcd link, control socket, signals. */
#include "card/vcard/vcard_serve.h"
#include "card/vcard/vcard_card.h"
#include "card/vcard/vcard_profile.h"
#include "card/vcard/vcard_vpcd.h"
#include "app/cmd.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define BACKOFF_MIN_MS 20
#define BACKOFF_MAX_MS 500

/* Everything the loop works on. */
struct state {
	const struct vcard_serve_opts *o;
	size_t cur;                 /* index of the current profile */
	int inserted;               /* the card is "in the reader" */
	struct vcard_card *card;    /* loaded while inserted */
	struct vcard_vpcd *link;    /* connected to vpcd, or NULL */
	long long next_try;         /* monotonic ms of the next connect attempt */
	int backoff;                /* current back-off in ms */
	long fault_at;              /* APDU countdown to a pull or garbled answer, <= 0 = off */
	enum vcard_fault fault;     /* what happens there */
	FILE *log;                  /* APDU log or NULL */
	int sfd;                    /* signalfd */
	int lfd;                    /* control socket listener or -1 */
	int stop;                   /* SIGTERM/SIGINT seen */
};

/* Monotonic clock in milliseconds. */
static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Print a catalog message with up to two arguments. */
static void say(const struct state *s, const char *key, const char *a0, const char *a1)
{
	const char *a[2] = { a0, a1 };

	if (s->o->msg)
		cmd_msg(s->o->msg, key, a1 ? 2 : (a0 ? 1 : 0), a);
}

/* Load profile i into a new card. */
static int load_card(const struct state *s, size_t i, struct vcard_card **out)
{
	struct vcard_profile *p = NULL;
	const char *bad = NULL;
	char line[16];
	int rc, bad_line = 0;

	*out = NULL;
	rc = vcard_profile_load(s->o->profiles[i], &p, &bad_line);
	if (rc != 0) {
		snprintf(line, sizeof line, "%d", bad_line);
		if (rc == MG_EBADMSG)
			say(s, MSG("vcard_profile_bad_line"), s->o->profiles[i], line);
		else
			say(s, MSG("vcard_profile_unreadable"), s->o->profiles[i], i18n_msg(mg_rc_msgid(rc)));
		return rc;
	}
	rc = vcard_card_new(p, out, &bad);
	if (rc != 0)
		say(s, MSG("vcard_profile_bad_field"), s->o->profiles[i], bad ? bad : "?");
	return rc;
}

/* Drop the vpcd link (the reader sees the card removed). */
static void drop_link(struct state *s)
{
	if (s->link) {
		vcard_vpcd_close(s->link);
		s->link = NULL;
		say(s, MSG("vcard_link_closed"), s->o->profiles[s->cur], NULL);
	}
}

/* Pull the card: no link, no card. */
static void do_remove(struct state *s)
{
	drop_link(s);
	vcard_card_free(s->card);
	s->card = NULL;
	s->inserted = 0;
	s->fault_at = 0;
	s->fault = VCARD_PULL_BEFORE;
}

/* Insert the current profile's card (reloaded from its file) and connect at once. */
static int do_insert(struct state *s)
{
	int rc;

	do_remove(s);
	rc = load_card(s, s->cur, &s->card);
	if (rc != 0)
		return rc;
	s->inserted = 1;
	s->backoff = BACKOFF_MIN_MS;
	s->next_try = now_ms();
	return 0;
}

/* Try to connect when inserted and unlinked and the back-off has passed. */
static void try_connect(struct state *s)
{
	char port[16];

	if (!s->inserted || s->link || now_ms() < s->next_try)
		return;
	if (vcard_vpcd_open(s->o->host, s->o->port, &s->link) == 0) {
		vcard_card_power(s->card, VCARD_CARD_POWER_OFF);
		s->backoff = BACKOFF_MIN_MS;
		snprintf(port, sizeof port, "%d", s->o->port);
		say(s, MSG("vcard_link_up"), port, s->o->profiles[s->cur]);
		return;
	}
	s->next_try = now_ms() + s->backoff;
	s->backoff = s->backoff * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : s->backoff * 2;
}

/* The index of the profile called name (path, file name, or file name without extension). */
static long find_profile(const struct state *s, const char *name)
{
	for (size_t i = 0; i < s->o->nprofiles; i++) {
		const char *p = s->o->profiles[i], *b = strrchr(p, '/');
		const char *dot;

		b = b ? b + 1 : p;
		dot = strrchr(b, '.');
		if (strcmp(p, name) == 0 || strcmp(b, name) == 0 ||
		    (dot && strlen(name) == (size_t)(dot - b) && strncmp(b, name, (size_t)(dot - b)) == 0))
			return (long)i;
	}
	return -1;
}

/* Execute one control command; writes the reply line (without newline). */
static void run_command(struct state *s, char *cmd, char *reply, size_t cap)
{
	char *arg = strchr(cmd, ' ');

	if (arg)
		*arg++ = '\0';
	if (strcmp(cmd, "remove") == 0) {
		do_remove(s);
		snprintf(reply, cap, "ok removed");
	} else if (strcmp(cmd, "insert") == 0) {
		if (do_insert(s) == 0) {
			try_connect(s);
			snprintf(reply, cap, "ok inserted");
		} else {
			snprintf(reply, cap, "error profile does not load");
		}
	} else if (strcmp(cmd, "swap") == 0 && arg) {
		long i = find_profile(s, arg);

		if (i < 0) {
			snprintf(reply, cap, "error unknown profile %s", arg);
			return;
		}
		s->cur = (size_t)i;
		if (do_insert(s) == 0) {
			try_connect(s);
			snprintf(reply, cap, "ok swapped %s", s->o->profiles[s->cur]);
		} else {
			snprintf(reply, cap, "error profile does not load");
		}
	} else if ((strcmp(cmd, "pull-at") == 0 || strcmp(cmd, "pull-after") == 0 ||
	            strcmp(cmd, "garble-at") == 0) && arg) {
		char *end;
		long n;

		errno = 0;
		n = strtol(arg, &end, 10);
		if (end == arg || *end || n < 0 || errno) {
			snprintf(reply, cap, "error bad number");
			return;
		}
		/* one fault is planned at a time: the last command wins */
		s->fault_at = n;
		s->fault = strcmp(cmd, "pull-after") == 0 ? VCARD_PULL_AFTER :
		           strcmp(cmd, "garble-at") == 0 ? VCARD_GARBLE : VCARD_PULL_BEFORE;
		snprintf(reply, cap, "ok %s %ld", cmd, n);
	} else if (strcmp(cmd, "status") == 0) {
		int t1 = s->card ? vcard_card_tries(s->card, VCARD_CARD_PIN_KENHOJO) : -1;
		int t2 = s->card ? vcard_card_tries(s->card, VCARD_CARD_PIN_AUTH) : -1;
		int t3 = s->card ? vcard_card_tries(s->card, VCARD_CARD_PIN_SIGN) : -1;

		snprintf(reply, cap, "ok inserted=%s connected=%s profile=%s kenhojo_pin_tries=%d "
		         "auth_pin_tries=%d sign_pin_tries=%d", s->inserted ? "yes" : "no",
		         s->link ? "yes" : "no", s->o->profiles[s->cur], t1, t2, t3);
	} else {
		snprintf(reply, cap, "error unknown command");
	}
}

/* Accept one control client, read its line, answer, close. */
static void serve_ctl(struct state *s)
{
	struct timeval tv = { 2, 0 };
	char buf[512], reply[1024];
	size_t n = 0;
	int fd = accept4(s->lfd, NULL, NULL, SOCK_CLOEXEC);

	if (fd < 0)
		return;
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	while (n < sizeof buf - 1) {
		ssize_t r = read(fd, buf + n, sizeof buf - 1 - n);

		if (r <= 0)
			break;
		n += (size_t)r;
		if (memchr(buf, '\n', n))
			break;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	run_command(s, buf, reply, sizeof reply - 1);
	strcat(reply, "\n");
	if (write(fd, reply, strlen(reply)) < 0) {
		/* the client went away; nothing to do */
	}
	close(fd);
}

/* Handle pending signals: stop, or toggle the card. */
static void serve_signal(struct state *s)
{
	struct signalfd_siginfo si;

	while (read(s->sfd, &si, sizeof si) == (ssize_t)sizeof si) {
		if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT) {
			s->stop = 1;
		} else if (si.ssi_signo == SIGUSR1) {
			if (s->inserted)
				do_remove(s);
			else if (do_insert(s) == 0)
				try_connect(s);
		}
	}
}

/* Create the control socket (replacing a stale one). */
static int open_ctl(const char *path, int *out)
{
	struct sockaddr_un sa;
	int fd;

	*out = -1;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa.sun_path)
		return MG_EINVAL;
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return MG_EIO;
	unlink(path);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 || chmod(path, 0600) != 0 ||
	    listen(fd, 8) != 0) {
		close(fd);
		return MG_EIO;
	}
	*out = fd;
	return 0;
}

/* Open the APDU log for appending (0600, line by line). */
static int open_log(const char *path, FILE **out)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);

	*out = NULL;
	if (fd < 0)
		return MG_EIO;
	*out = fdopen(fd, "a");
	if (!*out) {
		close(fd);
		return MG_EIO;
	}
	return 0;
}

int vcard_serve_run(const struct vcard_serve_opts *o)
{
	struct state s;
	sigset_t set, old;
	int rc = 0;

	memset(&s, 0, sizeof s);
	s.o = o;
	s.sfd = -1;
	s.lfd = -1;
	/* validate every profile before touching anything */
	for (size_t i = 0; i < o->nprofiles && rc == 0; i++) {
		struct vcard_card *c = NULL;

		rc = load_card(&s, i, &c);
		vcard_card_free(c);
	}
	if (rc != 0)
		return MG_EINVAL;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	signal(SIGPIPE, SIG_IGN);
	s.sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (s.sfd < 0) {
		rc = MG_EIO;
		goto out;
	}
	if (o->apdu_log && (rc = open_log(o->apdu_log, &s.log)) != 0) {
		say(&s, MSG("vcard_cannot_create"), o->apdu_log, NULL);
		goto out;
	}
	if (o->ctl_path && (rc = open_ctl(o->ctl_path, &s.lfd)) != 0) {
		say(&s, MSG("vcard_cannot_create"), o->ctl_path, NULL);
		goto out;
	}
	if (!o->start_removed && (rc = do_insert(&s)) != 0)
		goto out;
	say(&s, MSG("vcard_serving"), o->profiles[0], NULL);
	while (!s.stop) {
		struct pollfd pf[3];
		int n = 0, timeout = -1, i_link = -1, i_ctl = -1;

		try_connect(&s);
		pf[n].fd = s.sfd;
		pf[n++].events = POLLIN;
		if (s.lfd >= 0) {
			i_ctl = n;
			pf[n].fd = s.lfd;
			pf[n++].events = POLLIN;
		}
		if (s.link) {
			i_link = n;
			pf[n].fd = vcard_vpcd_fd(s.link);
			pf[n++].events = POLLIN;
		} else if (s.inserted) {
			long long d = s.next_try - now_ms();

			timeout = d < 0 ? 0 : (int)d;
		}
		if (poll(pf, (nfds_t)n, timeout) < 0) {
			if (errno == EINTR)
				continue;
			rc = MG_EIO;
			break;
		}
		if (pf[0].revents)
			serve_signal(&s);
		if (i_link >= 0 && s.link && pf[i_link].revents) {
			int prc = vcard_vpcd_pump(s.link, s.card, s.log, &s.fault_at, s.fault);

			if (prc == MG_ESTATE) {
				say(&s, MSG("vcard_pulled"), o->profiles[s.cur], NULL);
				do_remove(&s);
			} else if (prc != 0) {
				/* pcscd went away or broke the protocol: reconnect later */
				drop_link(&s);
				s.next_try = now_ms() + s.backoff;
			}
		}
		if (i_ctl >= 0 && (pf[i_ctl].revents & POLLIN))
			serve_ctl(&s);
	}
	say(&s, MSG("vcard_stopped"), NULL, NULL);
out:
	do_remove(&s);
	if (s.lfd >= 0) {
		close(s.lfd);
		unlink(o->ctl_path);
	}
	if (s.log)
		fclose(s.log);
	if (s.sfd >= 0)
		close(s.sfd);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}

int vcard_serve_ctl(const char *path, const char *command, char *reply, size_t cap)
{
	struct sockaddr_un sa;
	struct timeval tv = { 10, 0 };
	size_t n = 0;
	int fd, rc = MG_EIO;

	if (cap == 0)
		return MG_EINVAL;
	reply[0] = '\0';
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa.sun_path)
		return MG_EINVAL;
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return MG_EIO;
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0)
		goto out;
	if (write(fd, command, strlen(command)) != (ssize_t)strlen(command) || write(fd, "\n", 1) != 1)
		goto out;
	while (n < cap - 1) {
		ssize_t r = read(fd, reply + n, cap - 1 - n);

		if (r <= 0)
			break;
		n += (size_t)r;
		if (memchr(reply, '\n', n))
			break;
	}
	reply[n] = '\0';
	reply[strcspn(reply, "\r\n")] = '\0';
	if (strncmp(reply, "ok", 2) == 0)
		rc = 0;
	else if (strncmp(reply, "error", 5) == 0)
		rc = MG_ESTATE;
out:
	close(fd);
	return rc;
}
