/*
 * card_probe.c — test client of the card module against the real pcscd
 * (tests/card/t_read_*.sh, tests/bench/card_read.sh). Prints key=value
 * lines for scripts (test output, not user text).
 *
 *   card_probe [options] kenhojo | kenkaku | jpki | bench
 *     --reader NAME          reader (default: the first with a card)
 *     --pin-fd N             kenhojo: PIN from fd N (one line)
 *     --trust FILE           trust store; --allow-demo trusts the demo CA
 *     --last-try             kenhojo/kenkaku: allow the last attempt
 *     --birth YYYYMMDD --expiry-year YYYY --code NNNN   kenkaku: 照合番号B parts
 *     --hook-at N --hook CMD run CMD (sh -c) before C-APDU number N is sent
 *     --repeat N             bench: N full reads + verification; jpki: N reads (≤ 64)
 *   card_probe [--reader NAME] apdu HEX...
 *     another client: connects, sends each C-APDU (hex, no spaces) as given —
 *     no PIN — and prints sw=XXXX per answer; ends with a reset
 *   card_probe [--reader NAME] [--absent] [--timeout MS] [--cancel-after MS] wait
 *     waits for a card (or its absence) with card_pcsc_wait; --cancel-after
 *     calls card_pcsc_cancel from another thread
 *   card_probe [--reader NAME] events
 *     pcscd's count of card insertions and removals in the reader, and
 *     whether a card is in it (card_pcsc_card_events)
 * Exit: 0 when the operation returned 0, 1 otherwise, 2 usage.
 */
#include "card/card_jpki.h"
#include "card/card_kenhojo.h"
#include "card/card_kenkaku.h"
#include "card/card_pcsc.h"
#include "card/card_secret.h"
#include "card/card_verify.h"
#include "i18n/mg_rc.h"

#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The wrapper transport: the real one, plus a command run before APDU N. */
struct hooked {
	const struct card_pcsc_ops *ops;   /* real operations */
	void *impl;                        /* their state */
	long n, at;                        /* APDUs seen, hook position */
	const char *cmd;                   /* the hook */
};

/* Forward list. */
static int h_list(void *i, char *b, size_t c)
{
	struct hooked *h = i;

	return h->ops->list(h->impl, b, c);
}

/* Forward status_change. */
static int h_status(void *i, struct card_pcsc_reader *r, size_t n, long t)
{
	struct hooked *h = i;

	return h->ops->status_change(h->impl, r, n, t);
}

/* Forward cancel. */
static int h_cancel(void *i)
{
	struct hooked *h = i;

	return h->ops->cancel(h->impl);
}

/* Forward connect. */
static int h_connect(void *i, const char *r, uint8_t *a, size_t *al)
{
	struct hooked *h = i;

	return h->ops->connect(h->impl, r, a, al);
}

/* Run the hook before APDU number at, then forward transmit. */
static int h_transmit(void *i, const uint8_t *c, size_t cl, uint8_t *r, size_t *rl)
{
	struct hooked *h = i;

	if (++h->n == h->at && h->cmd) {
		int st = system(h->cmd);

		fprintf(stderr, "card_probe: hook before APDU %ld: status %d\n", h->n, st);
	}
	return h->ops->transmit(h->impl, c, cl, r, rl);
}

/* Forward disconnect. */
static int h_disconnect(void *i, int reset)
{
	struct hooked *h = i;

	return h->ops->disconnect(h->impl, reset);
}

/* Release the real state. */
static void h_release(void *i)
{
	struct hooked *h = i;

	h->ops->release(h->impl);
}

static const struct card_pcsc_ops hooked_ops = {
	h_list, h_status, h_cancel, h_connect, h_transmit, h_disconnect, h_release
};

/* The canceller thread's arguments. */
struct canceller {
	struct card_pcsc *pc;   /* transport to cancel */
	long ms;                /* delay */
};

/* Sleep, then cancel the wait in progress. */
static void *cancel_later(void *arg)
{
	struct canceller *c = arg;
	struct timespec ts = { c->ms / 1000, (c->ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
	card_pcsc_cancel(c->pc);
	return NULL;
}

/* Milliseconds on the monotonic clock. */
static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Compare doubles for qsort. */
static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Send each hex C-APDU as is on a connection of its own; print each status word. */
static int raw_apdus(struct card_pcsc *pc, const char *reader, char **hex, int n)
{
	int rc = card_pcsc_connect(pc, reader);

	for (int i = 0; i < n && rc == 0; i++) {
		uint8_t cmd[261], r[258];
		size_t len = strlen(hex[i]) / 2, rlen = sizeof r;
		unsigned v;

		if (strlen(hex[i]) % 2 || len < 4 || len > sizeof cmd) {
			rc = MG_EUSAGE;
			break;
		}
		for (size_t j = 0; j < len && rc == 0; j++) {
			if (sscanf(hex[i] + 2 * j, "%2x", &v) != 1)
				rc = MG_EUSAGE;
			cmd[j] = (uint8_t)v;
		}
		if (rc == 0)
			rc = card_pcsc_transmit(pc, cmd, len, r, &rlen);
		if (rc == 0)
			printf("sw=%02X%02X\n", r[rlen - 2], r[rlen - 1]);
	}
	card_pcsc_disconnect(pc, 1);
	return rc;
}

/* Print the result of a kenhojo read. */
static void print_kenhojo(const struct card_kenhojo *k)
{
	char mask[16];

	card_kenhojo_mask(k->mynumber, mask, sizeof mask);
	printf("name=%s\naddress=%s\nbirth=%s\nsex=%s\nmynumber_masked=%s\nmynumber_valid=%d\n"
	       "expiry=%s\nverdict=%d\nfailed=%s\nissuer=%s\n",
	       k->name, k->address, k->birth, k->sex, mask,
	       card_kenhojo_mynumber_valid(k->mynumber), k->expiry, (int)k->verdict.kind,
	       card_verify_check_name(k->verdict.failed), k->verdict.issuer);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reader", required_argument, NULL, 'r' },
		{ "pin-fd", required_argument, NULL, 'p' },
		{ "trust", required_argument, NULL, 't' },
		{ "allow-demo", no_argument, NULL, 'd' },
		{ "last-try", no_argument, NULL, 'l' },
		{ "birth", required_argument, NULL, 'b' },
		{ "expiry-year", required_argument, NULL, 'y' },
		{ "code", required_argument, NULL, 'c' },
		{ "hook-at", required_argument, NULL, 'N' },
		{ "hook", required_argument, NULL, 'H' },
		{ "repeat", required_argument, NULL, 'R' },
		{ "absent", no_argument, NULL, 'A' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "cancel-after", required_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 }
	};
	struct hooked h = { 0 };
	struct card_pcsc *pc = NULL;
	struct card_trust *trust = NULL;
	struct card_secret *sec = NULL;
	const char *want = NULL, *trust_path = NULL, *birth = NULL, *code = NULL, *op;
	char reader[CARD_PCSC_NAME_MAX];
	unsigned vflags = 0, rflags = 0;
	int c, pin_fd = -1, year = 0, repeat = 1, rc, printed = 0, absent = 0;
	long timeout_ms = -1, cancel_ms = -1;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r': want = optarg; break;
		case 'p': pin_fd = atoi(optarg); break;
		case 't': trust_path = optarg; break;
		case 'd': vflags |= CARD_VERIFY_ALLOW_DEMO; break;
		case 'l': rflags |= CARD_KENHOJO_LAST_TRY; break;
		case 'b': birth = optarg; break;
		case 'y': year = atoi(optarg); break;
		case 'c': code = optarg; break;
		case 'N': h.at = atol(optarg); break;
		case 'H': h.cmd = optarg; break;
		case 'R': repeat = atoi(optarg); break;
		case 'A': absent = 1; break;
		case 'T': timeout_ms = atol(optarg); break;
		case 'C': cancel_ms = atol(optarg); break;
		default: return 2;
		}
	}
	if (optind >= argc || repeat < 1 || repeat > 10000)
		return 2;
	op = argv[optind];
	if (optind + 1 != argc && strcmp(op, "apdu") != 0)
		return 2;
	if (trust_path && (rc = card_verify_trust_load(trust_path, 0, &trust, NULL, NULL, 0)) != 0) {
		printf("rc=%s\n", mg_rc_name(rc));
		return 1;
	}
	rc = card_secret_new(&sec);
	if (rc == 0)
		rc = card_pcsc_system(&h.ops, &h.impl);
	if (rc == 0) {
		rc = card_pcsc_open_ops(&hooked_ops, &h, &pc);
		if (rc != 0)
			h.ops->release(h.impl);
	}
	if (rc == 0 && strcmp(op, "wait") == 0) {
		struct canceller cn = { pc, cancel_ms };
		pthread_t th;
		int started = cancel_ms >= 0 && pthread_create(&th, NULL, cancel_later, &cn) == 0;

		reader[0] = '\0';
		rc = card_pcsc_wait(pc, want, !absent, timeout_ms, reader, sizeof reader);
		if (started)
			pthread_join(th, NULL);
		printf("rc=%s\nreader=%s\n", mg_rc_name(rc), reader);
		printed = 1;
		goto out;
	}
	if (rc == 0 && strcmp(op, "events") == 0) {
		unsigned ev = 0;
		int in = 0;

		rc = card_pcsc_choose(pc, want, reader, sizeof reader);
		if (rc == 0 || rc == MG_ECARD_NOCARD)
			rc = card_pcsc_card_events(pc, reader, &ev, &in);
		printf("rc=%s\nevents=%u\npresent=%d\n", mg_rc_name(rc), ev, in);
		printed = 1;
		goto out;
	}
	if (rc == 0)
		rc = card_pcsc_choose(pc, want, reader, sizeof reader);
	if (rc != 0)
		goto out;
	if (strcmp(op, "kenhojo") == 0 || strcmp(op, "bench") == 0) {
		struct card_kenhojo *k = calloc(1, sizeof *k);
		double *ms = calloc((size_t)repeat, sizeof *ms);
		char pin[CARD_SECRET_MAX + 1] = "";
		int n = strcmp(op, "bench") == 0 ? repeat : 1;

		if (!k || !ms) {
			rc = MG_ENOMEM;
		} else if (pin_fd >= 0) {
			rc = card_secret_read_fd(sec, pin_fd);
			if (rc == 0) {
				memcpy(pin, card_secret_data(sec), card_secret_len(sec));
				pin[card_secret_len(sec)] = '\0';
			}
		}
		for (int i = 0; i < n && rc == 0; i++) {
			double t0 = now_ms();

			card_secret_set(sec, pin, strlen(pin));
			rc = card_kenhojo_read(pc, reader, sec, rflags, k);
			if (rc == 0)
				rc = card_kenhojo_verify(k, trust, vflags);
			ms[i] = now_ms() - t0;
			if (rc == 0 && k->verdict.kind != CARD_VERDICT_GENUINE && n > 1)
				rc = MG_ECARD_NOT_GENUINE;
		}
		explicit_bzero(pin, sizeof pin);
		printf("rc=%s\nretries=%d\napdus=%lu\n", mg_rc_name(rc), k ? k->retries : -1, k ? k->apdus : 0);
		if (rc == 0 && n == 1)
			print_kenhojo(k);
		if (rc == 0 && n > 1) {
			qsort(ms, (size_t)n, sizeof *ms, cmp_d);
			printf("reads=%d\nms_min=%.3f\nms_median=%.3f\nms_max=%.3f\n", n, ms[0], ms[n / 2], ms[n - 1]);
		}
		if (k)
			card_kenhojo_wipe(k);
		free(k);
		free(ms);
	} else if (strcmp(op, "kenkaku") == 0) {
		struct card_kenkaku kk;

		memset(&kk, 0, sizeof kk);
		rc = card_kenkaku_key_b(birth, year, code, sec);
		if (rc == 0)
			rc = card_kenkaku_read(pc, reader, sec, rflags ? CARD_KENKAKU_LAST_TRY : 0, &kk);
		printf("rc=%s\nretries=%d\napdus=%lu\n", mg_rc_name(rc), kk.retries, kk.apdus);
		if (rc == 0)
			printf("birth=%s\nsex=%s\nexpiry=%s\nname_image=%zu\naddress_image=%zu\nface_image=%zu\n"
			       "code_image=%zu\nface_png=%d\n",
			       kk.birth, kk.sex, kk.expiry, kk.name.len, kk.address.len, kk.face.len, kk.code.len,
			       kk.face.len > 8 && memcmp(kk.face.data, "\x89PNG", 4) == 0);
		card_kenkaku_free(&kk);
	} else if (strcmp(op, "apdu") == 0) {
		rc = raw_apdus(pc, reader, argv + optind + 1, argc - optind - 1);
	} else if (strcmp(op, "jpki") == 0) {
		struct card_jpki j;
		struct card_verdict v;
		double ms[64];
		int reps = repeat < 64 ? repeat : 64;

		memset(&j, 0, sizeof j);
		rc = 0;
		for (int i = 0; i < reps && rc == 0; i++) {
			double t0 = now_ms();

			card_jpki_free(&j);
			rc = card_jpki_read(pc, reader, &j);
			if (rc == 0)
				rc = card_verify_jpki(trust, j.auth_der, j.auth_len, j.ca_der, j.ca_len, &v);
			ms[i] = now_ms() - t0;
		}
		printf("rc=%s\napdus=%lu\n", mg_rc_name(rc), j.apdus);
		if (rc == 0 && reps > 1) {
			qsort(ms, (size_t)reps, sizeof ms[0], cmp_d);
			printf("reads=%d\nms_min=%.3f\nms_median=%.3f\n", reps, ms[0], ms[reps / 2]);
		}
		if (rc == 0)
			printf("label=%s\nserial=%s\nnot_after=%s\nsubject=%s\nissuer=%s\nca_subject=%s\n"
			       "cert_len=%zu\nchain=%d\n",
			       j.label, j.auth.serial, j.auth.not_after, j.auth.subject, j.auth.issuer,
			       j.ca.subject, j.auth_len, (int)v.kind);
		card_jpki_free(&j);
	} else {
		rc = MG_EUSAGE;
		goto out;
	}
	printed = 1;
out:
	if (!printed)
		printf("rc=%s\n", mg_rc_name(rc));
	card_pcsc_close(pc);
	card_secret_free(sec);
	card_verify_trust_free(trust);
	return rc == 0 ? 0 : 1;
}
