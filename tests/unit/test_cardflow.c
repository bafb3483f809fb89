/*
 * test_cardflow.c — app/cardflow.c and the card steps of the 特例転入 screen
 * against the real card emulator (card/vcard/vcard_card.c) in-process: the
 * PC/SC operations are a small transport that hands every APDU to the
 * emulated card and can insert, remove and pull it at APDU N. The demo CA
 * and the trust store are made here (vcard_ca_init), so authenticity is
 * checked for real: genuine, tampered (NOT GENUINE), demo CA refused in
 * production mode, and a production trust store any user could write
 * refused (MG_ECARD_TRUST_PERM) before the card is touched. The PIN rule: tries fall, the last try needs the
 * confirmation, a blocked card gets no VERIFY, a PIN that is not 4 digits
 * never reaches the card. Every read writes one AUDIT_CARD_READ row with
 * neither the PIN nor the data.
 *
 * The second suite drives screens/scr_tokurei.c from "カードを置いてください"
 * to the 受付番号 with a card made for a resident that 千代田区 moved out
 * with 特例 to 宝塚市 (tests/unit/wftest.h), and checks the PIN page and the
 * card pulled during the read (back to the wait page, nothing written).
 */
#include "tests/unit/testutil.h"
#include "tests/unit/scrtest.h"
#include "tests/unit/wftest.h"

#include "app/cardflow.h"
#include "app/config.h"
#include "card/card_pcsc.h"
#include "card/vcard/vcard_ca.h"
#include "card/vcard/vcard_card.h"
#include "card/vcard/vcard_profile.h"
#include "db/db_resident.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"
#include "screens/cells.h"
#include "screens/scr.h"
#include "screens/scr_tokurei.h"
#include "screens/ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <wchar.h>

/* The transport constructor of app/cardflow.c (tests only). */


#define EMU_READER "Emu Reader 00"

/* ---- the in-process reader ---------------------------------------------- */

struct emu {
	struct vcard_card *card;    /* the card (owned by the test) */
	int present;                /* 1: in the reader */
	int connected;
	long pull_at;               /* pull the card when transmit N arrives (0: never) */
	long transmits;             /* C-APDUs since the last emu_reset */
	int verifies_with_data;     /* VERIFY commands carrying a PIN */
	int opened;                 /* transports made */
	unsigned events;            /* insertions and removals, as pcscd counts them */
	int seen;                   /* `present` at the last status_change (+1; 0 = none yet) */
};

static struct emu E;
static char ca_dir[400], trust[480];

/* ops: list */
static int emu_list(void *impl, char *buf, size_t cap)
{
	(void)impl;
	if (cap < sizeof EMU_READER + 1)
		return MG_ETOOLONG;
	memcpy(buf, EMU_READER "\0", sizeof EMU_READER + 1);
	return 0;
}

/*
 * ops: status_change — the reader's state; no change → timeout at once. Like
 * pcscd's presence poll, a change of E.present counts as one event when it is
 * seen; a test adds to E.events for a swap faster than a poll.
 */
static int emu_status_change(void *impl, struct card_pcsc_reader *r, size_t n, long t)
{
	int changed = 0;

	(void)impl;
	if (E.seen && E.seen - 1 != E.present)
		E.events++;
	E.seen = E.present + 1;
	for (size_t i = 0; i < n; i++) {
		unsigned st = 0;

		if (strcmp(r[i].name, EMU_READER) == 0 && E.present)
			st = CARD_PCSC_PRESENT;
		r[i].state = st;
		r[i].event = (unsigned long)(E.events & 0xFFFFu) << 16 | st;
		r[i].atr_len = 0;
		if (st) {
			memcpy(r[i].atr, vcard_card_atr, sizeof vcard_card_atr);
			r[i].atr_len = sizeof vcard_card_atr;
		}
		if (r[i].known == ~0u || r[i].known != st)
			changed = 1;
	}
	return changed || t == 0 ? 0 : MG_ECARD_TIMEOUT;
}

/* ops: cancel */
static int emu_cancel(void *impl)
{
	(void)impl;
	return 0;
}

/* ops: connect — power on the card */
static int emu_connect(void *impl, const char *reader, uint8_t *atr, size_t *atr_len)
{
	(void)impl;
	if (strcmp(reader, EMU_READER) != 0)
		return MG_ECARD_NOREADER;
	if (!E.present || !E.card)
		return MG_ECARD_NOCARD;
	vcard_card_power(E.card, VCARD_CARD_POWER_ON);
	memcpy(atr, vcard_card_atr, sizeof vcard_card_atr);
	*atr_len = sizeof vcard_card_atr;
	E.connected = 1;
	return 0;
}

/* ops: transmit — one APDU to the emulated card, or the card pulled */
static int emu_transmit(void *impl, const uint8_t *c, size_t clen, uint8_t *r, size_t *rlen)
{
	static uint8_t big[VCARD_CARD_RAPDU_MAX];
	size_t n = 0;

	(void)impl;
	if (!E.connected)
		return MG_ESTATE;
	if (!E.present)
		return MG_ECARD_REMOVED;
	E.transmits++;
	if (E.pull_at && E.transmits == E.pull_at) {
		E.present = 0;
		E.connected = 0;
		return MG_ECARD_REMOVED;
	}
	if (clen > 5 && c[1] == 0x20)
		E.verifies_with_data++;
	vcard_card_apdu(E.card, c, clen, big, sizeof big, &n);
	if (n > *rlen)
		return MG_ETOOLONG;
	memcpy(r, big, n);
	*rlen = n;
	return 0;
}

/* ops: disconnect — a reset clears the verified state */
static int emu_disconnect(void *impl, int reset)
{
	(void)impl;
	if (reset && E.present && E.card)
		vcard_card_power(E.card, VCARD_CARD_POWER_RESET);
	E.connected = 0;
	return 0;
}

/* ops: release */
static void emu_release(void *impl)
{
	(void)impl;
}

static const struct card_pcsc_ops emu_ops = {
	emu_list, emu_status_change, emu_cancel, emu_connect, emu_transmit, emu_disconnect,
	emu_release
};

/* The transport cardflow opens in these tests. */
static int emu_open(struct card_pcsc **out)
{
	E.opened++;
	return card_pcsc_open_ops(&emu_ops, &E, out);
}

/* A holder of the default card. */
static void holder_default(struct vcard_ca_holder *h)
{
	memset(h, 0, sizeof *h);
	h->name = "山田　太郎";
	h->address = "東京都千代田区霞が関二丁目１番２号";
	h->birth = "19850401";
	h->sex = "1";
	h->mynumber = "123456789018";
	h->pin = "1234";
	h->sign_pin = "ABC123";
	h->expiry = "20350401";
	h->security_code = "2285";
	h->tries = -1;
}

/*
 * Put a new card in the reader (E.card replaced): holder h, then each
 * "key=value" edit (without re-signing: a tampered card).
 */
static int emu_insert(const struct vcard_ca_holder *h, const char *edit_key,
                      const char *edit_value)
{
	struct vcard_profile *p = NULL;
	int rc;

	vcard_card_free(E.card);
	E.card = NULL;
	rc = vcard_ca_profile_new(ca_dir, h, &p, NULL);
	if (rc == 0 && edit_key)
		rc = vcard_profile_set(p, edit_key, edit_value);
	if (rc == 0)
		rc = vcard_card_new(p, &E.card, NULL);
	else
		vcard_profile_free(p);
	E.present = rc == 0;
	E.connected = 0;
	E.pull_at = 0;
	E.transmits = 0;
	E.verifies_with_data = 0;
	return rc;
}

/* ---- suite 1: the cardflow API ----------------------------------------- */

static struct wftest *T;

/* The default holder's card in the reader (h), and a cardflow on it (*cf). */
static void emu_open_default(struct vcard_ca_holder *h, struct cardflow **cf)
{
	holder_default(h);
	CU_ASSERT_EQUAL_FATAL(emu_insert(h, NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cardflow_open(&T->ctx, NULL, cf), 0);
}

/* The demo CA for the whole file. */
static int ca_once(void)
{
	static int done;

	if (done)
		return 0;
	snprintf(ca_dir, sizeof ca_dir, "%s", testutil_path("cardflow-ca"));
	snprintf(trust, sizeof trust, "%s/trust.txt", ca_dir);
	if (vcard_ca_init(ca_dir) != 0)
		return 1;
	done = 1;
	return 0;
}

/* A registry with a clerk, test mode trusting the demo CA, the emulated reader. */
static int cf_init(void)
{
	if (ca_once())
		return 1;
	T = calloc(1, sizeof *T);
	if (!T || wftest_open(T, "cardflow.db", WFTEST_B_CODE, WFTEST_B_NAME, "2025-04-12") != 0)
		return 1;
	T->cfg.mode = CONFIG_MODE_TEST;
	snprintf(T->cfg.trust_store, sizeof T->cfg.trust_store, "%s", trust);
	T->ctx.cfg = &T->cfg;
	cardflow_transport = emu_open;
	return 0;
}

/* Close, restore the real transport. */
static int cf_fini(void)
{
	cardflow_transport = card_pcsc_open;
	if (T)
		wftest_close(T);
	free(T);
	T = NULL;
	vcard_card_free(E.card);
	memset(&E, 0, sizeof E);
	return 0;
}

/* The detail of the newest card_read row ("" when none). */
static void last_card_read(char *out, size_t cap)
{
	wftest_text(T->db, out, cap,
	            "SELECT detail FROM audit WHERE action = 'card_read' ORDER BY seq DESC LIMIT 1");
}

static void t_wait_then_read_genuine(void)
{
	struct vcard_ca_holder h;
	struct cardflow *cf = NULL;
	struct tokurei_card card;
	char detail[256];
	long long before = wftest_audit(T->db, "card_read");
	int left = -9;

	holder_default(&h);
	CU_ASSERT_EQUAL_FATAL(emu_insert(&h, NULL, NULL), 0);
	E.present = 0;
	CU_ASSERT_EQUAL_FATAL(cardflow_open(&T->ctx, NULL, &cf), 0);
	CU_ASSERT_EQUAL(cardflow_wait(cf, 1, 20), MG_ECARD_TIMEOUT);
	CU_ASSERT_EQUAL(cardflow_wait(cf, 0, 20), 0);
	E.present = 1;
	CU_ASSERT_EQUAL(cardflow_wait(cf, 1, 20), 0);
	CU_ASSERT_EQUAL(cardflow_retries(cf, &left), 0);
	CU_ASSERT_EQUAL(left, 3);
	CU_ASSERT_EQUAL(E.verifies_with_data, 0);
	CU_ASSERT_EQUAL(cardflow_read(cf, "1234", 0, &card, &left), 0);
	CU_ASSERT_EQUAL(left, 3);
	CU_ASSERT_STRING_EQUAL(card.name, "山田　太郎");
	CU_ASSERT_STRING_EQUAL(card.address, "東京都千代田区霞が関二丁目１番２号");
	CU_ASSERT_STRING_EQUAL(card.birth, "1985-04-01");
	CU_ASSERT_STRING_EQUAL(card.sex, "1");
	CU_ASSERT_STRING_EQUAL(card.kojin_bango, "123456789018");
	CU_ASSERT_STRING_EQUAL(card.card_expiry, "2035-04-01");
	CU_ASSERT_EQUAL(card.verdict, TOKUREI_GENUINE);
	CU_ASSERT_EQUAL(E.verifies_with_data, 1);
	/* the card is reset after the read: no verified state outlives it */
	CU_ASSERT_EQUAL(vcard_card_verified(E.card, VCARD_CARD_PIN_KENHOJO), 0);
	CU_ASSERT_EQUAL(wftest_audit(T->db, "card_read"), before + 1);
	last_card_read(detail, sizeof detail);
	CU_ASSERT_PTR_NOT_NULL(strstr(detail, "result=genuine"));
	CU_ASSERT_PTR_NULL(strstr(detail, "1234"));
	CU_ASSERT_PTR_NULL(strstr(detail, "123456789018"));
	/* the card leaves */
	E.present = 0;
	CU_ASSERT_EQUAL(cardflow_wait(cf, 0, 20), 0);
	cardflow_close(cf);
}

/*
 * rv18kiosk 3: the card bound by cardflow_mark stays "the same" through a
 * read (its reset is no event) and stops being so once taken out, even when
 * it is back, or swapped faster than a poll.
 */
static void t_same_card(void)
{
	struct vcard_ca_holder h;
	struct cardflow *cf = NULL;
	struct tokurei_card card;
	int left = -9;

	emu_open_default(&h, &cf);
	CU_ASSERT_EQUAL(cardflow_same_card(cf), MG_ESTATE);   /* nothing bound yet */
	CU_ASSERT_EQUAL(cardflow_wait(cf, 1, 20), 0);
	CU_ASSERT_EQUAL(cardflow_mark(cf), 0);
	CU_ASSERT_EQUAL(cardflow_same_card(cf), 1);
	CU_ASSERT_EQUAL(cardflow_read(cf, "1234", 0, &card, &left), 0);
	CU_ASSERT_EQUAL(cardflow_same_card(cf), 1);
	CU_ASSERT_EQUAL(cardflow_same_card(cf), 1);
	/* out and back in between two looks: not the same any more, and it stays so */
	E.present = 0;
	CU_ASSERT_EQUAL(cardflow_wait(cf, 0, 20), 0);
	E.present = 1;
	CU_ASSERT_EQUAL(cardflow_same_card(cf), 0);
	CU_ASSERT_EQUAL(cardflow_same_card(cf), MG_ESTATE);
	/* bound again; a swap pcscd saw (two events) while we did not look */
	CU_ASSERT_EQUAL(cardflow_mark(cf), 0);
	CU_ASSERT_EQUAL(cardflow_same_card(cf), 1);
	E.events += 2;
	CU_ASSERT_EQUAL(cardflow_same_card(cf), 0);
	/* taken out and not back */
	CU_ASSERT_EQUAL(cardflow_mark(cf), 0);
	E.present = 0;
	CU_ASSERT_EQUAL(cardflow_same_card(cf), 0);
	CU_ASSERT_EQUAL(cardflow_mark(cf), MG_ECARD_NOCARD);
	CU_ASSERT_EQUAL(cardflow_same_card(cf), MG_ESTATE);
	E.present = 1;
	cardflow_close(cf);
	CU_ASSERT_EQUAL(cardflow_same_card(NULL), MG_EINVAL);
	CU_ASSERT_EQUAL(cardflow_mark(NULL), MG_EINVAL);
}

static void t_wrong_pin_then_last_try(void)
{
	struct vcard_ca_holder h;
	struct cardflow *cf = NULL;
	struct tokurei_card card;
	char detail[256];
	int left = -9;

	emu_open_default(&h, &cf);
	CU_ASSERT_EQUAL(cardflow_wait(cf, 1, 20), 0);
	CU_ASSERT_EQUAL(cardflow_read(cf, "9999", 0, &card, &left), MG_ECARD_PIN_WRONG);
	CU_ASSERT_EQUAL(left, 2);
	CU_ASSERT_EQUAL(card.name[0], 0);
	last_card_read(detail, sizeof detail);
	CU_ASSERT_PTR_NOT_NULL(strstr(detail, "MG_ECARD_PIN_WRONG"));
	CU_ASSERT_PTR_NULL(strstr(detail, "9999"));
	CU_ASSERT_EQUAL(cardflow_read(cf, "9998", 0, &card, &left), MG_ECARD_PIN_WRONG);
	CU_ASSERT_EQUAL(left, 1);
	/* one left: nothing is sent without the confirmation */
	E.verifies_with_data = 0;
	CU_ASSERT_EQUAL(cardflow_read(cf, "1234", 0, &card, &left), MG_ECARD_PIN_LASTTRY);
	CU_ASSERT_EQUAL(left, 1);
	CU_ASSERT_EQUAL(E.verifies_with_data, 0);
	CU_ASSERT_EQUAL(vcard_card_tries(E.card, VCARD_CARD_PIN_KENHOJO), 1);
	CU_ASSERT_EQUAL(cardflow_retries(cf, &left), 0);
	CU_ASSERT_EQUAL(left, 1);
	/* confirmed: sent, right, the counter is back to 3 */
	CU_ASSERT_EQUAL(cardflow_read(cf, "1234", 1, &card, &left), 0);
	CU_ASSERT_EQUAL(left, 3);
	CU_ASSERT_EQUAL(card.verdict, TOKUREI_GENUINE);
	cardflow_close(cf);
}

static void t_pin_format_and_blocked(void)
{
	struct vcard_ca_holder h;
	struct cardflow *cf = NULL;
	struct tokurei_card card;
	int left = -9;

	emu_open_default(&h, &cf);
	CU_ASSERT_EQUAL(cardflow_wait(cf, 1, 20), 0);
	CU_ASSERT_EQUAL(cardflow_read(cf, "12a4", 0, &card, &left), MG_ECARD_PIN_FORMAT);
	CU_ASSERT_EQUAL(cardflow_read(cf, "12345", 0, &card, &left), MG_ECARD_PIN_FORMAT);
	CU_ASSERT_EQUAL(E.transmits, 0);
	cardflow_close(cf);
	h.blocked = 1;
	CU_ASSERT_EQUAL_FATAL(emu_insert(&h, NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cardflow_open(&T->ctx, NULL, &cf), 0);
	CU_ASSERT_EQUAL(cardflow_retries(cf, &left), 0);
	CU_ASSERT_EQUAL(left, 0);
	CU_ASSERT_EQUAL(cardflow_read(cf, "1234", 1, &card, &left), MG_ECARD_PIN_BLOCKED);
	CU_ASSERT_EQUAL(E.verifies_with_data, 0);
	cardflow_close(cf);
}

/* Copy the file src to dst with mode 0644. Returns 0 or -1. */
static int copy_file(const char *src, const char *dst)
{
	char buf[8192];
	FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
	size_t n;
	int rc = in && out ? 0 : -1;

	while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
		rc = fwrite(buf, 1, n, out) == n ? 0 : -1;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		rc = -1;
	return rc == 0 ? chmod(dst, 0644) : -1;
}

/*
 * The demo trust store and its certificate copied to a folder whose whole
 * path is root's (the production rule). OUT: path. 1, or 0 after printing
 * why that cannot be made here.
 */
static int guarded_trust(char *path, size_t cap)
{
	const char *why = "", *root = testutil_rootdir(&why);
	char src[520], crt[520];

	if (!root) {
		printf("\n  SKIPPED (production trust store): %s\n", why);
		return 0;
	}
	snprintf(src, sizeof src, "%s/jpki-ca.crt", ca_dir);
	snprintf(crt, sizeof crt, "%s/cardflow-jpki-ca.crt", root);
	CU_ASSERT_EQUAL_FATAL(copy_file(src, crt), 0);
	snprintf(path, cap, "%s/cardflow-trust.txt", root);
	CU_ASSERT_FATAL(copy_file(trust, path) == 0);
	{
		/* the copy names the copied certificate */
		FILE *f = fopen(path, "r+");
		char text[8192];
		size_t n;
		char *x;

		CU_ASSERT_FATAL(f != NULL);
		n = fread(text, 1, sizeof text - 1, f);
		text[n] = '\0';
		x = strstr(text, "x509 jpki-ca.crt");
		CU_ASSERT_FATAL(x != NULL);
		snprintf(x, sizeof text - (size_t)(x - text), "x509 cardflow-jpki-ca.crt\n");
		CU_ASSERT_FATAL(freopen(path, "w", f) != NULL);
		fputs(text, f);
		CU_ASSERT_FATAL(fclose(f) == 0);
	}
	return 1;
}

static void t_tampered_and_production(void)
{
	char prod_trust[CONFIG_PATH_MAX];
	struct vcard_ca_holder h;
	struct cardflow *cf = NULL;
	struct tokurei_card card;
	char detail[256];
	int left;

	holder_default(&h);
	CU_ASSERT_EQUAL_FATAL(emu_insert(&h, "name", "山田　次郎"), 0);
	CU_ASSERT_EQUAL_FATAL(cardflow_open(&T->ctx, NULL, &cf), 0);
	CU_ASSERT_EQUAL(cardflow_read(cf, "1234", 0, &card, &left), 0);
	CU_ASSERT_EQUAL(card.verdict, TOKUREI_NOT_GENUINE);
	CU_ASSERT_STRING_EQUAL(card.name, "山田　次郎");
	last_card_read(detail, sizeof detail);
	CU_ASSERT_PTR_NOT_NULL(strstr(detail, "result=not-genuine"));
	cardflow_close(cf);
	/* a genuine demo card under a production configuration whose trust store
	 * is under the world-writable /tmp: refused before the card is touched */
	CU_ASSERT_EQUAL_FATAL(emu_insert(&h, NULL, NULL), 0);
	T->cfg.mode = CONFIG_MODE_PRODUCTION;
	{
		int opened = E.opened;

		E.transmits = 0;
		CU_ASSERT_EQUAL(cardflow_open(&T->ctx, NULL, &cf), MG_ECARD_TRUST_PERM);
		CU_ASSERT_PTR_NULL(cf);
		CU_ASSERT_EQUAL(E.opened, opened);   /* no PC/SC transport was even made */
		CU_ASSERT_EQUAL(E.transmits, 0);
	}
	/* the same store in a folder only root writes: read, the demo CA not trusted */
	if (guarded_trust(prod_trust, sizeof prod_trust)) {
		snprintf(T->cfg.trust_store, sizeof T->cfg.trust_store, "%s", prod_trust);
		CU_ASSERT_EQUAL_FATAL(cardflow_open(&T->ctx, NULL, &cf), 0);
		CU_ASSERT_EQUAL(cardflow_read(cf, "1234", 0, &card, &left), 0);
		CU_ASSERT_EQUAL(card.verdict, TOKUREI_UNKNOWN_CA);
		cardflow_close(cf);
		snprintf(T->cfg.trust_store, sizeof T->cfg.trust_store, "%s", trust);
	}
	T->cfg.mode = CONFIG_MODE_TEST;
	/* no trust store at all: nobody is trusted */
	T->cfg.trust_store[0] = '\0';
	CU_ASSERT_EQUAL_FATAL(cardflow_open(&T->ctx, NULL, &cf), 0);
	CU_ASSERT_EQUAL(cardflow_read(cf, "1234", 0, &card, &left), 0);
	CU_ASSERT_EQUAL(card.verdict, TOKUREI_UNKNOWN_CA);
	cardflow_close(cf);
	snprintf(T->cfg.trust_store, sizeof T->cfg.trust_store, "%s", trust);
}

static void t_pulled_at_every_apdu(void)
{
	struct vcard_ca_holder h;
	struct cardflow *cf = NULL;
	struct tokurei_card card;
	long total;
	int left;

	emu_open_default(&h, &cf);
	CU_ASSERT_EQUAL_FATAL(cardflow_read(cf, "1234", 0, &card, &left), 0);
	total = E.transmits;
	CU_ASSERT(total > 4);
	for (long n = 1; n <= total; n++) {
		int rc;

		E.present = 1;
		E.transmits = 0;
		E.pull_at = n;
		rc = cardflow_read(cf, "1234", 0, &card, &left);
		CU_ASSERT_EQUAL(rc, MG_ECARD_REMOVED);
		CU_ASSERT_EQUAL(card.name[0], 0);
		CU_ASSERT_EQUAL(card.kojin_bango[0], 0);
		if (rc != MG_ECARD_REMOVED)
			fprintf(stderr, "\n  pulled at APDU %ld: %s", n, mg_rc_name(rc));
	}
	/* the pulled APDU never reached the card: no attempt was lost */
	CU_ASSERT_EQUAL(vcard_card_tries(E.card, VCARD_CARD_PIN_KENHOJO), 3);
	E.pull_at = 0;
	E.present = 1;
	cardflow_close(cf);
}

static void t_reader_and_permission(void)
{
	struct cardflow *cf = NULL;
	struct session admin;

	CU_ASSERT_EQUAL(cardflow_open(&T->ctx, "No Such Reader", &cf), MG_ECARD_NOREADER);
	CU_ASSERT_PTR_NULL(cf);
	CU_ASSERT_EQUAL(cardflow_open(&T->ctx, EMU_READER, &cf), 0);
	cardflow_close(cf);
	cf = NULL;
	memset(&admin, 0, sizeof admin);
	snprintf(admin.operator_id, sizeof admin.operator_id, "admin1");
	admin.role = SESSION_ROLE_ADMIN;
	T->ctx.sess = &admin;
	CU_ASSERT_EQUAL(cardflow_open(&T->ctx, NULL, &cf), MG_EPERM);
	CU_ASSERT_PTR_NULL(cf);
	wftest_clerk(T);
	/* a broken trust store is refused when opening, not at the read */
	snprintf(T->cfg.trust_store, sizeof T->cfg.trust_store, "%s", testutil_path("nothing.txt"));
	CU_ASSERT_NOT_EQUAL(cardflow_open(&T->ctx, NULL, &cf), 0);
	CU_ASSERT_PTR_NULL(cf);
	snprintf(T->cfg.trust_store, sizeof T->cfg.trust_store, "%s", trust);
	cardflow_close(NULL);
}

/* ---- suite 2: the 特例転入 screen with the card ---------------------------- */

static struct wftest_pair *P;
static struct scr_app *A;
static struct cells *C;
static long long NOW;

/* 千代田区 moves its resident out with 特例 to 宝塚市; both deliver. */
static int scr_init(void)
{
	static const int head[] = { 0 };

	if (ca_once())
		return 1;
	P = calloc(1, sizeof *P);
	A = calloc(1, sizeof *A);
	C = cells_new(80, 24);
	if (!P || !A || !C)
		return 1;
	if (wftest_pair_open(P, "cfscr", 1, 1, 1, "2025-04-01", "2025-04-12") != 0 ||
	    wftest_pair_move(P, 1, head, WFTEST_B_CODE, "2025-04-10", 1, 1) != 0)
		return 1;
	wftest_clerk(&P->b);
	P->b.cfg.mode = CONFIG_MODE_TEST;
	snprintf(P->b.cfg.trust_store, sizeof P->b.cfg.trust_store, "%s", trust);
	P->b.ctx.cfg = &P->b.cfg;
	cardflow_transport = emu_open;
	return 0;
}

/* Close. */
static int scr_fini(void)
{
	cardflow_transport = card_pcsc_open;
	if (A && A->depth)
		scr_app_fini(A);
	if (P)
		wftest_pair_close(P);
	free(P);
	free(A);
	cells_free(C);
	vcard_card_free(E.card);
	memset(&E, 0, sizeof E);
	return 0;
}

/* Send a key code. */
static void press(int code)
{
	scrtest_press(A, code);
}

/* Type UTF-8 text. */
static void type(const char *s)
{
	scrtest_type(A, s);
}

/* One second passes. */
static void tick(void)
{
	NOW++;
	scr_tick(A, NOW, 1744416000LL + NOW);
}

/* The frame as one string (rows without their outer blanks, joined). */
static const char *screen(void)
{
	return scrtest_screen(A, C);
}

/* 1 when the frame shows the text. */
static int shows(const char *text)
{
	int ok = strstr(screen(), text) != NULL;

	if (!ok)
		fprintf(stderr, "\n  not on screen: %s\n%s\n", text, screen());
	return ok;
}

/* A catalog text with one argument. */
static const char *msg1(const char *key, const char *arg)
{
	static char buf[1024];
	const char *a[1] = { arg };

	i18n_msg_format(buf, sizeof buf, key, arg ? 1 : 0, a);
	return buf;
}

/* The card the moved resident carries (made from A's registry row). */
static int card_for_resident(const char *edit_key, const char *edit_value)
{
	struct tokurei_card tc;
	struct vcard_ca_holder h;
	char birth[9];

	if (wftest_card_of(&P->a, P->fam.atena[0], &tc) != 0)
		return 1;
	holder_default(&h);
	snprintf(birth, sizeof birth, "%.4s%.2s%.2s", tc.birth, tc.birth + 5, tc.birth + 8);
	h.name = tc.name;
	h.address = tc.address;
	h.birth = birth;
	h.sex = tc.sex;
	h.mynumber = tc.kojin_bango;
	return emu_insert(&h, edit_key, edit_value);
}

/* Open the screen with no card on the reader. */
static void open_screen(void)
{
	if (A->depth)
		scr_app_fini(A);
	wftest_clerk(&P->b);     /* scr_app_fini leaves ctx.sess NULL */
	scr_app_init(A, &P->b.ctx, &P->b.cfg);
	NOW = 100;
	CU_ASSERT_EQUAL_FATAL(scr_push(A, &scr_tokurei, NULL), 0);
}

static void t_screen_pin_pages(void)
{
	char n[8];

	CU_ASSERT_EQUAL_FATAL(card_for_resident(NULL, NULL), 0);
	E.present = 0;
	open_screen();
	tick();
	CU_ASSERT(shows(i18n_msg(MSG("scrb_tk_place_card"))));
	CU_ASSERT(shows(i18n_msg(MSG("scrb_tk_waiting"))));
	E.present = 1;
	tick();
	CU_ASSERT(shows(msg1(MSG("scrb_tk_tries"), "3")));
	/* the PIN is masked */
	type("9999");
	CU_ASSERT(shows("****"));
	CU_ASSERT(!strstr(screen(), "9999"));
	press(UI_K_ENTER);
	CU_ASSERT(shows(msg1(MSG("scrb_tk_pin_wrong"), "2")));
	CU_ASSERT(shows(msg1(MSG("scrb_tk_tries"), "2")));
	type("9998");
	press(UI_K_F10);
	snprintf(n, sizeof n, "1");
	CU_ASSERT(shows(msg1(MSG("scrb_tk_tries"), n)));
	CU_ASSERT(shows(i18n_msg(MSG("scrb_tk_last_try_warning"))));
	/* the last try: a box that Enter does not pass; Esc sends nothing */
	type("1234");
	press(UI_K_ENTER);
	CU_ASSERT(shows(i18n_msg(MSG("scrb_tk_lasttry_title"))));
	press(UI_K_ENTER);
	CU_ASSERT(shows(i18n_msg(MSG("scrb_tk_lasttry_title"))));
	press(UI_K_ESC);
	CU_ASSERT(shows(i18n_msg(MSG("scrb_tk_lasttry_cancelled"))));
	CU_ASSERT_EQUAL(vcard_card_tries(E.card, VCARD_CARD_PIN_KENHOJO), 1);
	/* F2 confirms: the right PIN reads the card, 個人番号 masked */
	type("1234");
	press(UI_K_ENTER);
	press(UI_K_F2);
	CU_ASSERT(shows(i18n_msg(MSG("scrb_tk_chip_title"))));
	CU_ASSERT(shows(i18n_msg(MSG("scrb_tk_verdict_genuine"))));
	CU_ASSERT(shows("************"));
	CU_ASSERT_EQUAL(vcard_card_tries(E.card, VCARD_CARD_PIN_KENHOJO), 3);
	{
		struct tokurei_card tc;

		CU_ASSERT_EQUAL(wftest_card_of(&P->a, P->fam.atena[0], &tc), 0);
		CU_ASSERT(shows(tc.name));
		CU_ASSERT(!strstr(screen(), tc.kojin_bango));
	}
	scr_app_fini(A);
}

static void t_screen_card_pulled(void)
{
	long long rows = wftest_count(P->b.db, "SELECT count(*) FROM resident_history");

	CU_ASSERT_EQUAL_FATAL(card_for_resident(NULL, NULL), 0);
	open_screen();
	tick();
	CU_ASSERT(shows(msg1(MSG("scrb_tk_tries"), "3")));
	E.transmits = 0;
	E.pull_at = 6;
	type("1234");
	press(UI_K_ENTER);
	CU_ASSERT(shows(i18n_msg(MSG("scrb_tk_place_card"))));
	CU_ASSERT(shows(i18n_msg(MSG("rc_card_removed"))));
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM resident_history"), rows);
	/* put back: the PIN page again */
	E.pull_at = 0;
	E.present = 1;
	tick();
	CU_ASSERT(shows(msg1(MSG("scrb_tk_tries"), "3")));
	scr_app_fini(A);
}

static void t_screen_tampered_blocks(void)
{
	long long rows = wftest_count(P->b.db, "SELECT count(*) FROM resident_history");

	CU_ASSERT_EQUAL_FATAL(card_for_resident("address", "東京都千代田区永田町一丁目７番１号"), 0);
	open_screen();
	tick();
	type("1234");
	press(UI_K_ENTER);
	CU_ASSERT(shows("NOT GENUINE"));
	type("2025-04-10");
	press(UI_K_F10);
	CU_ASSERT(shows(i18n_msg(MSG("scrb_tk_col_info"))));
	press(UI_K_F10);
	CU_ASSERT(shows(i18n_msg(MSG("scrb_tk_blocked_title"))));
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM resident_history"), rows);
	scr_app_fini(A);
}

static void t_screen_happy_path(void)
{
	char no[32];

	CU_ASSERT_EQUAL_FATAL(card_for_resident(NULL, NULL), 0);
	open_screen();
	tick();
	type("1234");
	press(UI_K_ENTER);
	CU_ASSERT(shows(i18n_msg(MSG("scrb_tk_verdict_genuine"))));
	type("2025-04-10");
	press(UI_K_F10);
	/* side by side, each day of the deadline in 和暦 */
	CU_ASSERT(shows(i18n_msg(MSG("scrb_tk_match"))));
	CU_ASSERT(shows("令和7年5月10日"));   /* 予定日 2025-04-10 + 30 */
	CU_ASSERT(shows("令和7年4月24日"));   /* 転入日 2025-04-10 + 14 */
	CU_ASSERT(shows(i18n_msg(MSG("scrb_tk_in_time"))));
	press(UI_K_F10);
	if (strstr(screen(), i18n_msg(MSG("scrb_tk_alerts_title"))))
		press(UI_K_F2);
	CU_ASSERT_FATAL(shows(i18n_msg(MSG("scrb_tk_members_zokugara"))));
	press(UI_K_F4);
	CU_ASSERT(shows(WFTEST_TOWN1_NAME));
	press(UI_K_ENTER);
	type("3番5号");
	press(UI_K_F10);
	CU_ASSERT_FATAL(shows(i18n_msg(MSG("scrb_tk_commit_prompt"))));
	CU_ASSERT(shows(WFTEST_TOWN1_NAME " 3番5号"));
	press(UI_K_F10);
	CU_ASSERT_FATAL(shows(i18n_msg(MSG("scrb_tk_done"))));
	wftest_text(P->b.db, no, sizeof no,
	            "SELECT uketsuke_no FROM uketsuke WHERE workflow = 'tokurei_tennyu'");
	CU_ASSERT(no[0] != 0);
	CU_ASSERT(shows(no));
	CU_ASSERT(shows(i18n_msg(MSG("scrb_tk_sign_lapsed"))));
	CU_ASSERT_EQUAL(wftest_count(P->b.db, "SELECT count(*) FROM tokurei_inbox "
	                                      "WHERE consumed_by = '%s'", no), 1);
	press(UI_K_ENTER);
	CU_ASSERT_EQUAL(A->depth, 0);
}

/*
 * Production with a trust store under the world-writable /tmp: the wait page
 * shows why (MG_ECARD_TRUST_PERM), the card on the reader is never read.
 */
static void t_screen_trust_unprotected(void)
{
	char head[16];

	CU_ASSERT_EQUAL_FATAL(card_for_resident(NULL, NULL), 0);
	E.present = 1;
	E.transmits = 0;
	P->b.cfg.mode = CONFIG_MODE_PRODUCTION;
	open_screen();
	tick();
	tick();
	/* the message's first characters (wrapping may split it later on) */
	snprintf(head, sizeof head, "%s", i18n_msg(mg_rc_msgid(MG_ECARD_TRUST_PERM)));
	CU_ASSERT(shows(head));
	CU_ASSERT(shows(i18n_msg(MSG("scrb_tk_place_card"))));
	CU_ASSERT(strstr(screen(), msg1(MSG("scrb_tk_tries"), "3")) == NULL);
	CU_ASSERT_EQUAL(E.transmits, 0);
	P->b.cfg.mode = CONFIG_MODE_TEST;
	tick();
	CU_ASSERT(shows(msg1(MSG("scrb_tk_tries"), "3")));   /* test mode reads it as before */
}

TESTUTIL_REGISTER(cardflow)
{
	static const struct testutil_case cf_cases[] = {
		{ "wait, retries, genuine read, audit row without PIN or data", t_wait_then_read_genuine },
		{ "same card: a read keeps it, a removal or quick swap ends it", t_same_card },
		{ "wrong PIN: tries fall; the last try only when confirmed", t_wrong_pin_then_last_try },
		{ "PIN format checked before the card; blocked card gets no VERIFY",
		  t_pin_format_and_blocked },
		{ "tampered data NOT GENUINE; demo CA refused in production", t_tampered_and_production },
		{ "card pulled at every APDU: removed, nothing kept", t_pulled_at_every_apdu },
		{ "reader choice, permission, trust store", t_reader_and_permission },
		{ NULL, NULL }
	};
	static const struct testutil_case scr_cases[] = {
		{ "card wait, masked PIN, tries, last-try confirmation", t_screen_pin_pages },
		{ "card pulled during the read: wait page, nothing written", t_screen_card_pulled },
		{ "tampered card: NOT GENUINE shown, commit blocked", t_screen_tampered_blocks },
		{ "production trust store others can write: shown, card not read",
		  t_screen_trust_unprotected },
		{ "card to 受付番号 with the deadline in 和暦", t_screen_happy_path },
		{ NULL, NULL }
	};

	testutil_suite("cardflow", cf_init, cf_fini, cf_cases);
	testutil_suite("scr_b_tokurei_card", scr_init, scr_fini, scr_cases);
}
