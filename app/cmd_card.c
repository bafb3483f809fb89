/*
 * cmd_card.c — `madoguchi card status` and `madoguchi card read`.
 *
 *   madoguchi card status [--reader NAME]
 *       readers, card present, ATR, PIN retry counters, JPKI token label and
 *       利用者証明用 certificate expiry; never asks for or sends a PIN.
 *   madoguchi card read [--reader NAME] [--pin-fd N] [--trust FILE]
 *                       [--allow-demo-ca] [--last-try]
 *       reads the 券面事項入力補助AP with the 4-digit PIN (from the terminal
 *       without echo, or one line from file descriptor N), checks the chip
 *       data's authenticity against the trust store, and prints the 4情報,
 *       the masked 個人番号 (all digits hidden, see card/card_kenhojo.h), the
 *       card expiry, the verdict and the PIN attempts left.
 *       The trust store is the configuration's trust_store (--config), or
 *       --trust FILE. The demo CA of madoguchi-vcard is trusted only when
 *       the configuration's mode is demo or test; --allow-demo-ca says so
 *       explicitly. Both options are refused under a production
 *       configuration, whose trust store, the certificates it names and
 *       their folders must be root's and writable by no one else (else
 *       nothing is read: the refused file or folder is named, exit 1).
 *       --last-try allows sending the PIN when only one attempt is left.
 *
 * Exit codes:
 *   0  genuine read (card read: verdict GENUINE; card status: listed)
 *   1  other error
 *   2  usage
 *   3  wrong PIN, or one attempt left and --last-try not given (nothing sent)
 *   4  PIN blocked (no VERIFY was sent)
 *   5  no card or no reader, card removed or unreadable during the read
 *   6  data read but NOT GENUINE (the failed check is printed)
 *   7  data read but the issuer is not a trusted CA (UNKNOWN CA)
 *   8  no PC/SC service (pcscd not running or stopped)
 */
#include "app/cmd.h"
#include "app/guard.h"
#include "app/config.h"
#include "card/card_jpki.h"
#include "card/card_kenhojo.h"
#include "card/card_pcsc.h"
#include "card/card_secret.h"
#include "card/card_verify.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/mg_rc.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
	EXIT_GENUINE = 0, EXIT_OTHER = 1, EXIT_USAGE = 2, EXIT_PIN_WRONG = 3, EXIT_BLOCKED = 4,
	EXIT_NOCARD = 5, EXIT_NOT_GENUINE = 6, EXIT_UNKNOWN_CA = 7, EXIT_NOSERVICE = 8
};

/* The exit code of a failure code. */
static int exit_of(int rc)
{
	switch (rc) {
	case MG_ECARD_PIN_WRONG:
	case MG_ECARD_PIN_LASTTRY:
		return EXIT_PIN_WRONG;
	case MG_ECARD_PIN_BLOCKED:
		return EXIT_BLOCKED;
	case MG_ECARD_NOREADER:
	case MG_ECARD_NOCARD:
	case MG_ECARD_REMOVED:
	case MG_ECARD_RESET:
	case MG_ECARD_UNRESPONSIVE:
	case MG_ECARD_COMM:
	case MG_ECARD_SHARING:
	case MG_ECARD_NOTMYNA:
		return EXIT_NOCARD;
	case MG_ECARD_NOSERVICE:
		return EXIT_NOSERVICE;
	case MG_EUSAGE:
		return EXIT_USAGE;
	default:
		return EXIT_OTHER;
	}
}

/* Print a catalog line with one argument taken from outside (sanitised). */
static void line1(FILE *f, const char *key, const char *arg)
{
	char clean[1024];
	const char *a[1] = { clean };

	i18n_text_sanitize(arg ? arg : "", clean, sizeof clean);
	cmd_msg(f, key, 1, a);
	explicit_bzero(clean, sizeof clean);
}

/* Print the message of a failure code and return its exit code. */
static int fail(struct cmd_env *env, int rc)
{
	cmd_err(env, rc);
	return exit_of(rc);
}

/* Hex text of bytes ("3B E0 00 …"). */
static void hex(const uint8_t *b, size_t n, char *out, size_t cap)
{
	size_t o = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && o + 4 < cap; i++)
		o += (size_t)snprintf(out + o, cap - o, i ? " %02X" : "%02X", b[i]);
}

/* "YYYYMMDD" → "YYYY-MM-DD" (anything else copied). */
static void iso(const char *ymd, char *out, size_t cap)
{
	if (strlen(ymd) == 8)
		snprintf(out, cap, "%.4s-%.2s-%.2s", ymd, ymd + 4, ymd + 6);
	else
		snprintf(out, cap, "%s", ymd);
}

/* Retry count as text: a number, or the catalog's "unknown". */
static void tries_text(int n, char *out, size_t cap)
{
	if (n < 0)
		snprintf(out, cap, "%s", i18n_msg(MSG("card_unknown")));
	else
		snprintf(out, cap, "%d", n);
}

/* The catalog key of a 性別 code. */
static const char *sex_msgid(const char *sex)
{
	switch (sex[0]) {
	case '1': return MSG("card_sex_1");
	case '2': return MSG("card_sex_2");
	case '9': return MSG("card_sex_9");
	default: return MSG("card_sex_0");
	}
}

/* Status of one reader holding a card: counters, label, certificate expiry. */
static void status_card(struct cmd_env *env, struct card_pcsc *pc, const char *name)
{
	struct card_jpki j;
	char t[32], d[32];
	int left = -1, auth = -1, sign = -1, rc;

	rc = card_kenhojo_retries(pc, name, &left);
	if (rc != 0) {
		cmd_err(env, rc);
		return;
	}
	tries_text(left, t, sizeof t);
	line1(env->out, MSG("card_status_pin_kenhojo"), t);
	if (card_jpki_retries(pc, name, &auth, &sign) == 0) {
		tries_text(auth, t, sizeof t);
		line1(env->out, MSG("card_status_pin_auth"), t);
		tries_text(sign, t, sizeof t);
		line1(env->out, MSG("card_status_pin_sign"), t);
	}
	if (card_jpki_read(pc, name, &j) == 0) {
		line1(env->out, MSG("card_status_label"), j.label);
		snprintf(t, sizeof t, "%.8s", j.auth.not_after);
		iso(t, d, sizeof d);
		line1(env->out, MSG("card_status_cert_expiry"), d);
		card_jpki_free(&j);
	}
}

/* card status */
static int do_status(struct cmd_env *env)
{
	struct card_pcsc_reader list[CARD_PCSC_READERS];
	struct card_pcsc *pc = NULL;
	size_t n = 0, shown = 0;
	int rc;

	rc = card_pcsc_open(&pc);
	if (rc == 0)
		rc = card_pcsc_readers(pc, list, CARD_PCSC_READERS, &n);
	if (rc != 0) {
		card_pcsc_close(pc);
		return fail(env, rc);
	}
	for (size_t i = 0; i < n; i++) {
		char atr[CARD_PCSC_ATR_MAX * 3 + 1];

		if (env->reader && strcmp(env->reader, list[i].name) != 0)
			continue;
		shown++;
		line1(env->out, MSG("card_status_reader"), list[i].name);
		if (!(list[i].state & CARD_PCSC_PRESENT)) {
			cmd_msg(env->out, MSG("card_status_empty"), 0, NULL);
			continue;
		}
		hex(list[i].atr, list[i].atr_len, atr, sizeof atr);
		line1(env->out, MSG("card_status_present"), atr);
		status_card(env, pc, list[i].name);
	}
	card_pcsc_close(pc);
	if (env->reader && !shown)
		return fail(env, MG_ECARD_NOREADER);
	return EXIT_GENUINE;
}

/* Read the PIN from fd, or from the terminal without echo. */
static int get_pin(struct cmd_env *env, int fd, struct card_secret *pin)
{
	int rc, tty;

	if (fd >= 0)
		return card_secret_read_fd(pin, fd);
	tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (tty < 0) {
		cmd_msg(env->err, MSG("card_pin_no_tty"), 0, NULL);
		return MG_EUSAGE;
	}
	{
		const char *prompt = i18n_msg(MSG("card_pin_prompt"));

		if (write(tty, prompt, strlen(prompt)) < 0) {
			close(tty);
			return MG_EIO;
		}
	}
	rc = card_secret_read_fd(pin, tty);
	if (write(tty, "\n", 1) < 0 && rc == 0)
		rc = MG_EIO;
	close(tty);
	return rc;
}

/* Print the data and verdict of a read; returns the exit code. */
static int show_read(struct cmd_env *env, const struct card_kenhojo *k)
{
	char buf[64], mask[16];
	int code;

	line1(env->out, MSG("card_read_name"), k->name);
	line1(env->out, MSG("card_read_address"), k->address);
	iso(k->birth, buf, sizeof buf);
	line1(env->out, MSG("card_read_birth"), buf);
	line1(env->out, MSG("card_read_sex"), i18n_msg(sex_msgid(k->sex)));
	card_kenhojo_mask(k->mynumber, mask, sizeof mask);
	line1(env->out, MSG("card_read_mynumber"), mask);
	if (k->expiry[0]) {
		iso(k->expiry, buf, sizeof buf);
		line1(env->out, MSG("card_read_expiry"), buf);
	} else {
		line1(env->out, MSG("card_read_expiry"), i18n_msg(MSG("card_unknown")));
	}
	switch (k->verdict.kind) {
	case CARD_VERDICT_GENUINE:
		line1(env->out, MSG("card_read_genuine"), k->verdict.issuer);
		code = EXIT_GENUINE;
		break;
	case CARD_VERDICT_NOT_GENUINE:
		line1(env->out, MSG("card_read_not_genuine"), i18n_msg(card_verify_check_msgid(k->verdict.failed)));
		code = EXIT_NOT_GENUINE;
		break;
	default:
		line1(env->out, MSG("card_read_unknown_ca"), k->verdict.issuer);
		code = EXIT_UNKNOWN_CA;
		break;
	}
	tries_text(k->retries, buf, sizeof buf);
	line1(env->out, MSG("card_read_retries"), buf);
	return code;
}

/* card read */
static int do_read(struct cmd_env *env, int pin_fd, const char *trust_path, unsigned vflags,
                   unsigned tflags, unsigned rflags)
{
	struct card_kenhojo *k = NULL;
	struct card_secret *pin = NULL;
	struct card_trust *trust = NULL;
	struct card_pcsc *pc = NULL;
	char reader[CARD_PCSC_NAME_MAX];
	int rc, code = EXIT_OTHER, line = 0;

	k = calloc(1, sizeof *k);
	if (!k)
		return fail(env, MG_ENOMEM);
	rc = card_secret_new(&pin);
	if (rc == 0)
		rc = get_pin(env, pin_fd, pin);
	if (rc == 0 && !card_secret_is_digits(pin, 4))
		rc = MG_ECARD_PIN_FORMAT;      /* checked before the card is touched */
	if (rc != 0) {
		code = fail(env, rc);
		goto out;
	}
	if (trust_path && trust_path[0]) {
		char where[4096];

		rc = card_verify_trust_load(trust_path, tflags, &trust, &line, where,
		                            sizeof where);
		if (rc == MG_ECARD_TRUST_PERM) {
			/* the file or folder that is not root's alone, then what is required */
			line1(env->err, MSG("card_trust_unprotected"), where[0] ? where : trust_path);
			code = fail(env, rc);
			goto out;
		}
		if (rc != 0) {
			char ln[16];
			const char *a[2] = { trust_path, ln };

			snprintf(ln, sizeof ln, "%d", line);
			cmd_msg(env->err, MSG("card_trust_bad"), 2, a);
			code = fail(env, rc);
			goto out;
		}
	}
	rc = card_pcsc_open(&pc);
	if (rc == 0)
		rc = card_pcsc_choose(pc, env->reader, reader, sizeof reader);
	if (rc == 0)
		rc = card_kenhojo_read(pc, reader, pin, rflags, k);
	if (rc == MG_ECARD_PIN_WRONG || rc == MG_ECARD_PIN_LASTTRY || rc == MG_ECARD_PIN_BLOCKED) {
		char t[16];

		tries_text(k->retries, t, sizeof t);
		code = fail(env, rc);
		line1(env->err, MSG("card_read_retries"), t);
		goto out;
	}
	if (rc != 0) {
		code = fail(env, rc);
		/* the PIN went and its answer was lost: the card may have counted it */
		if (k->pin_sent && k->retries < 0)
			line1(env->err, MSG("card_read_retries_lost"), NULL);
		goto out;
	}
	rc = card_kenhojo_verify(k, trust, vflags);
	if (rc != 0) {
		code = fail(env, rc);
		goto out;
	}
	code = show_read(env, k);
out:
	card_pcsc_close(pc);
	card_verify_trust_free(trust);
	card_secret_free(pin);
	if (k)
		card_kenhojo_wipe(k);
	free(k);
	return code;
}

int cmd_card_main(struct cmd_env *env, int argc, char **argv);
int cmd_card_main(struct cmd_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		CMD_COMMON_OPTS,
		{ "pin-fd", required_argument, NULL, 'p' },
		{ "trust", required_argument, NULL, 't' },
		{ "allow-demo-ca", no_argument, NULL, 'd' },
		{ "last-try", no_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_getopt_state gs = { { 0 }, 0 };
	const char *trust = NULL;
	unsigned vflags = 0, tflags = 0, rflags = 0;
	int c, pin_fd = -1, read_cmd, want_demo = 0;
	struct config cfg;
	char err[512];

	if (argc < 2)
		return cmd_usage(env, "card");
	if (strcmp(argv[1], "status") == 0)
		read_cmd = 0;
	else if (strcmp(argv[1], "read") == 0)
		read_cmd = 1;
	else
		return cmd_usage(env, "card");
	argc--;
	argv++;
	optind = 0;
	opterr = 0;
	while ((c = cmd_getopt(env, &gs, argc, argv, "+h", opts, NULL)) != -1) {
		int r = cmd_common_opt(env, c, optarg);

		if (r < 0)
			return EXIT_USAGE;
		if (r == 1)
			continue;
		switch (c) {
		case 'p': {
			char *end = NULL;
			long v = strtol(optarg, &end, 10);

			if (!read_cmd)
				return cmd_usage(env, "card");
			if (!*optarg || *end || v < 0 || v > 1024 || fcntl((int)v, F_GETFD) < 0) {
				const char *a[1] = { optarg };

				cmd_msg(env->err, MSG("card_bad_pin_fd"), 1, a);
				return EXIT_USAGE;
			}
			pin_fd = (int)v;
			break;
		}
		case 't':
			if (!read_cmd)
				return cmd_usage(env, "card");
			trust = optarg;
			break;
		case 'd':
			want_demo = 1;
			break;
		case 'l':
			rflags |= CARD_KENHOJO_LAST_TRY;
			break;
		case 'h':
		default:
			return cmd_usage(env, "card");
		}
	}
	if (optind != argc)
		return cmd_usage(env, "card");
	if (!read_cmd)
		return do_status(env);
	/* Trust anchors and the demo CA come from the municipality's configuration. */
	if (config_load_default(env->config_path, &cfg, err, sizeof err) != 0) {
		fprintf(env->err, "%s\n", err);
		return EXIT_OTHER;
	}
	cmd_config_lang(env, cfg.lang);
	if (cfg.mode != CONFIG_MODE_PRODUCTION)
		vflags |= CARD_VERIFY_ALLOW_DEMO;
	else if (want_demo) {
		cmd_msg(env->err, MSG("card_demo_ca_refused"), 0, NULL);
		return EXIT_USAGE;
	} else if (trust) {
		/* Production trusts the anchors of the root-guarded configuration
		 * only: a file any user writes must not vouch for a card. */
		cmd_msg(env->err, MSG("card_trust_refused"), 0, NULL);
		return EXIT_USAGE;
	} else {
		/* ... and the trust store it names, its certificates and their
		 * folders are root's alone too (MG_ECARD_TRUST_PERM otherwise). */
		tflags = CARD_VERIFY_TRUST_GUARDED;
	}
	if (!trust && cfg.trust_store[0])
		trust = cfg.trust_store;
	/* The PIN and the chip's 4情報 / 個人番号 are in this process's memory:
	 * no core dump, no ptrace, as in the TUI. */
	if (guard_harden() != 0) {
		cmd_msg(env->err, MSG("card_harden_failed"), 0, NULL);
		return EXIT_OTHER;
	}
	return do_read(env, pin_fd, trust, vflags, tflags, rflags);
}
