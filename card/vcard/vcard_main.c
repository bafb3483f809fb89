/*
 * vcard_main.c — bin/madoguchi-vcard: the My Number card emulator and its
 * tools (demo CA, profiles, control client, PC/SC wait). See README.md.
 */
#include "card/vcard/vcard_ca.h"
#include "card/vcard/vcard_card.h"
#include "card/vcard/vcard_pcsc.h"
#include "card/vcard/vcard_profile.h"
#include "card/vcard/vcard_serve.h"
#include "app/cmd.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Print a catalog message with up to two arguments to stderr. */
static void msg2(const char *key, const char *a0, const char *a1)
{
	const char *a[2] = { a0, a1 };

	cmd_msg(stderr, key, a1 ? 2 : (a0 ? 1 : 0), a);
}

/* Print the error message of a code; returns 1. */
static int fail(int rc, const char *what)
{
	msg2(MSG("vcard_error"), what ? what : "", i18n_msg(mg_rc_msgid(rc)));
	return 1;
}

/* Print the usage; returns 2. */
static int usage(void)
{
	fputs(i18n_msg(MSG("vcard_usage")), stderr);
	fputc('\n', stderr);
	return 2;
}

/* ca-init DIR */
static int main_ca_init(int argc, char **argv)
{
	int rc;

	if (argc != 2 || argv[1][0] == '-')
		return usage();
	rc = vcard_ca_init(argv[1]);
	if (rc != 0)
		return fail(rc, argv[1]);
	msg2(MSG("vcard_ca_created"), argv[1], NULL);
	return 0;
}

/* profile-new --ca DIR --out FILE [holder options] */
static int main_profile_new(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ca", required_argument, NULL, 'c' },
		{ "out", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'n' },
		{ "address", required_argument, NULL, 'a' },
		{ "birth", required_argument, NULL, 'b' },
		{ "sex", required_argument, NULL, 's' },
		{ "mynumber", required_argument, NULL, 'm' },
		{ "pin", required_argument, NULL, 'p' },
		{ "auth-pin", required_argument, NULL, 'P' },
		{ "sign-pin", required_argument, NULL, 'S' },
		{ "expiry", required_argument, NULL, 'e' },
		{ "cert-expiry", required_argument, NULL, 'E' },
		{ "security-code", required_argument, NULL, 'k' },
		{ "tries", required_argument, NULL, 't' },
		{ "expired", no_argument, NULL, 'X' },
		{ "blocked", no_argument, NULL, 'B' },
		{ "unknown-ca", no_argument, NULL, 'U' },
		{ NULL, 0, NULL, 0 }
	};
	struct vcard_ca_holder h = {
		.name = "山田　太郎",
		.address = "東京都千代田区霞が関二丁目１番２号",
		.birth = "19850401", .sex = "1", .mynumber = "123456789018",
		.pin = "1234", .sign_pin = "ABC123", .security_code = "2285", .tries = -1,
	};
	struct vcard_profile *p = NULL;
	const char *ca = NULL, *out = NULL, *bad = NULL;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c': ca = optarg; break;
		case 'o': out = optarg; break;
		case 'n': h.name = optarg; break;
		case 'a': h.address = optarg; break;
		case 'b': h.birth = optarg; break;
		case 's': h.sex = optarg; break;
		case 'm': h.mynumber = optarg; break;
		case 'p': h.pin = optarg; break;
		case 'P': h.auth_pin = optarg; break;
		case 'S': h.sign_pin = optarg; break;
		case 'e': h.expiry = optarg; break;
		case 'E': h.cert_expiry = optarg; break;
		case 'k': h.security_code = optarg; break;
		case 't':
			h.tries = (int)strtol(optarg, NULL, 10);
			if (strlen(optarg) != 1 || optarg[0] < '0' || optarg[0] > '3') {
				msg2(MSG("vcard_bad_value"), "--tries", optarg);
				return 2;
			}
			break;
		case 'X': h.expired = 1; break;
		case 'B': h.blocked = 1; break;
		case 'U': h.unknown_ca = 1; break;
		default: return usage();
		}
	}
	if (!ca || !out || optind != argc)
		return usage();
	rc = vcard_ca_profile_new(ca, &h, &p, &bad);
	if (rc == MG_EINVAL || rc == MG_ECHECKDIGIT) {
		msg2(MSG("vcard_bad_value"), bad ? bad : "?", i18n_msg(mg_rc_msgid(rc)));
		return 2;
	}
	if (rc != 0)
		return fail(rc, ca);
	rc = vcard_profile_save_as(p, out);
	vcard_profile_free(p);
	if (rc != 0)
		return fail(rc, out);
	msg2(MSG("vcard_profile_written"), out, NULL);
	return 0;
}

/* profile-edit FILE key=value... (no re-signing: that is the point) */
static int main_profile_edit(int argc, char **argv)
{
	struct vcard_profile *p = NULL;
	int rc, bad_line = 0;

	if (argc < 3)
		return usage();
	rc = vcard_profile_load(argv[1], &p, &bad_line);
	if (rc != 0)
		return fail(rc, argv[1]);
	for (int i = 2; i < argc && rc == 0; i++) {
		char *eq = strchr(argv[i], '=');

		if (!eq) {
			rc = MG_EINVAL;
		} else {
			*eq = '\0';
			rc = vcard_profile_set(p, argv[i], eq + 1);
			*eq = '=';
		}
		if (rc != 0)
			msg2(MSG("vcard_bad_value"), argv[i], i18n_msg(mg_rc_msgid(rc)));
	}
	if (rc == 0) {
		/* the result must still load as a card */
		struct vcard_profile *copy = NULL;
		struct vcard_card *card = NULL;
		const char *bad = NULL;

		rc = vcard_profile_save(p);
		if (rc == 0 && (rc = vcard_profile_load(argv[1], &copy, NULL)) == 0) {
			rc = vcard_card_new(copy, &card, &bad);
			if (rc != 0)
				msg2(MSG("vcard_profile_bad_field"), argv[1], bad ? bad : "?");
			vcard_card_free(card);
		}
	}
	vcard_profile_free(p);
	return rc == 0 ? 0 : 1;
}

/* serve [--host H] [--port N] [--ctl SOCKET] [--apdu-log FILE] [--removed] PROFILE... */
static int main_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "host", required_argument, NULL, 'h' },
		{ "port", required_argument, NULL, 'p' },
		{ "ctl", required_argument, NULL, 'c' },
		{ "apdu-log", required_argument, NULL, 'l' },
		{ "removed", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct vcard_serve_opts o = { .host = "127.0.0.1", .port = 35963, .msg = stderr };
	char *end;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'h': o.host = optarg; break;
		case 'p':
			o.port = (int)strtol(optarg, &end, 10);
			if (*end || o.port <= 0 || o.port > 65535) {
				msg2(MSG("vcard_bad_value"), "--port", optarg);
				return 2;
			}
			break;
		case 'c': o.ctl_path = optarg; break;
		case 'l': o.apdu_log = optarg; break;
		case 'r': o.start_removed = 1; break;
		default: return usage();
		}
	}
	if (optind >= argc)
		return usage();
	o.profiles = (const char *const *)(argv + optind);
	o.nprofiles = (size_t)(argc - optind);
	rc = vcard_serve_run(&o);
	return rc == 0 ? 0 : 1;
}

/* ctl SOCKET COMMAND [ARG]: print the reply line. */
static int main_ctl(int argc, char **argv)
{
	char cmd[512], reply[1024];
	int rc;

	if (argc < 3 || argc > 4)
		return usage();
	snprintf(cmd, sizeof cmd, "%s%s%s", argv[2], argc == 4 ? " " : "", argc == 4 ? argv[3] : "");
	rc = vcard_serve_ctl(argv[1], cmd, reply, sizeof reply);
	if (rc == MG_EIO) {
		msg2(MSG("vcard_ctl_failed"), argv[1], NULL);
		return 1;
	}
	puts(reply);
	return rc == 0 ? 0 : 1;
}

/* wait present|absent [--reader NAME] [--timeout SECONDS] */
static int main_wait(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reader", required_argument, NULL, 'r' },
		{ "timeout", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	const char *reader = "Virtual PCD 00 00";
	double secs = 10;
	char *end;
	int c, present;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r': reader = optarg; break;
		case 't':
			secs = strtod(optarg, &end);
			if (*end || secs <= 0 || secs > 3600) {
				msg2(MSG("vcard_bad_value"), "--timeout", optarg);
				return 2;
			}
			break;
		default: return usage();
		}
	}
	if (optind != argc - 1)
		return usage();
	if (strcmp(argv[optind], "present") == 0)
		present = 1;
	else if (strcmp(argv[optind], "absent") == 0)
		present = 0;
	else
		return usage();
	if (vcard_pcsc_wait(reader, present, (long)(secs * 1000)) != 0) {
		msg2(MSG("vcard_wait_timeout"), reader, argv[optind]);
		return 1;
	}
	return 0;
}

/* rtt [--reader NAME] [--count N]: APDU round trip through pcscd */
static int main_rtt(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reader", required_argument, NULL, 'r' },
		{ "count", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const char *reader = "Virtual PCD 00 00";
	long count = 1000;
	double mean = 0, best = 0;
	char a[32], b[32], n[32], *end;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r': reader = optarg; break;
		case 'n':
			count = strtol(optarg, &end, 10);
			if (*end || count < 1 || count > 10000000) {
				msg2(MSG("vcard_bad_value"), "--count", optarg);
				return 2;
			}
			break;
		default: return usage();
		}
	}
	if (optind != argc)
		return usage();
	if (vcard_pcsc_rtt(reader, count, &mean, &best) != 0)
		return fail(MG_EIO, reader);
	snprintf(n, sizeof n, "%ld", count);
	snprintf(a, sizeof a, "%.1f", mean);
	snprintf(b, sizeof b, "%.1f", best);
	{
		const char *args[3] = { n, a, b };

		cmd_msg(stdout, MSG("vcard_rtt_result"), 3, args);
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "ca-init", main_ca_init }, { "profile-new", main_profile_new },
		{ "profile-edit", main_profile_edit }, { "serve", main_serve },
		{ "ctl", main_ctl }, { "wait", main_wait }, { "rtt", main_rtt },
	};
	int rc = 2;

	setlocale(LC_ALL, "");
	i18n_msg_init(NULL);
	opterr = 0;   /* a bad option gets our usage, in the catalog's language */
	if (argc < 2) {
		rc = usage();
		goto out;
	}
	/* -h / --help anywhere is a question, never an argument (a CA folder
	 * named "--help" was once made of it). */
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			rc = usage();
			goto out;
		}
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(argv[1], cmds[i].name) == 0) {
			rc = cmds[i].fn(argc - 1, argv + 1);
			goto out;
		}
	msg2(MSG("vcard_unknown_command"), argv[1], NULL);
	rc = usage();
out:
	i18n_msg_fini();
	return rc;
}
