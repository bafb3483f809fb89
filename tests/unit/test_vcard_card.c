/*
 * test_vcard_card.c — the card emulator without sockets: APDU dispatcher
 * (spec §11 checklist), profiles, vpcd framing, demo CA and signed material.
 * The unit runner links the emulator's objects (all but vcard_main.o).
 */

#include "tests/unit/testutil.h"
#include "card/vcard/vcard_ca.h"
#include "card/vcard/vcard_card.h"
#include "card/vcard/vcard_image.h"
#include "card/vcard/vcard_profile.h"
#include "card/vcard/vcard_vpcd.h"
#include "i18n/mg_rc.h"

#include <openssl/param_build.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

static char base_profile[512];  /* a complete profile made by the suite init */
static char ca_dir[512];        /* its demo CA */

/* Create the demo CA and one profile for the whole suite. */
static int suite_init(void)
{
	struct vcard_ca_holder h = {
		.name = "山田　太郎", .address = "東京都千代田区霞が関二丁目１番２号",
		.birth = "19850401", .sex = "1", .mynumber = "123456789018", .pin = "1234",
		.sign_pin = "ABC123", .expiry = "20350401", .security_code = "2285", .tries = -1,
	};
	struct vcard_profile *p = NULL;
	int rc;

	snprintf(ca_dir, sizeof ca_dir, "%s", testutil_path("vcard-ca"));
	snprintf(base_profile, sizeof base_profile, "%s", testutil_path("vcard-base.profile"));
	if (vcard_ca_init(ca_dir) != 0)
		return 1;
	if (vcard_ca_profile_new(ca_dir, &h, &p, NULL) != 0)
		return 1;
	rc = vcard_profile_save_as(p, base_profile);
	vcard_profile_free(p);
	return rc != 0;
}

/* Copy the base profile to a fresh file and load it as a card. */
static struct vcard_card *card_copy(const char *name)
{
	struct vcard_profile *p = NULL;
	struct vcard_card *c = NULL;

	if (vcard_profile_load(base_profile, &p, NULL) != 0)
		return NULL;
	if (vcard_profile_save_as(p, testutil_path(name)) != 0) {
		vcard_profile_free(p);
		return NULL;
	}
	if (vcard_card_new(p, &c, NULL) != 0)
		return NULL;
	return c;
}

/* Reload a card from its profile file (an emulator restart). */
static struct vcard_card *card_reload(struct vcard_card *old)
{
	char path[512];
	struct vcard_profile *p = NULL;
	struct vcard_card *c = NULL;

	snprintf(path, sizeof path, "%s", vcard_profile_path(vcard_card_profile(old)));
	vcard_card_free(old);
	if (vcard_profile_load(path, &p, NULL) != 0 || vcard_card_new(p, &c, NULL) != 0)
		return NULL;
	return c;
}

static uint8_t R[VCARD_CARD_RAPDU_MAX];
static size_t RL;

/* Send an APDU written in hex; returns the SW, response in R/RL (data length RL-2). */
static unsigned tx(struct vcard_card *c, const char *hexcmd)
{
	uint8_t *cmd = NULL;
	size_t n = 0;
	unsigned sw;

	if (vcard_profile_hex_decode(hexcmd, &cmd, &n) != 0)
		return 0;
	sw = vcard_card_apdu(c, cmd, n, R, sizeof R, &RL);
	free(cmd);
	CU_ASSERT_EQUAL(sw, (unsigned)(R[RL - 2] << 8 | R[RL - 1]));
	return sw;
}

#define SEL_KENHOJO "00A4040C0AD3921000310001010408"
#define SEL_JPKI "00A4040C0AD392F000260100000001"
#define SEL_KENKAKU "00A4040C0AD3921000310001010402"

static void t_select(void)
{
	struct vcard_card *c = card_copy("sel.profile");

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(tx(c, "00A40000"), 0x6A86);            /* MF right after reset */
	CU_ASSERT_EQUAL(tx(c, "00A4020C020001"), 0x6A82);      /* EF at MF level */
	CU_ASSERT_EQUAL(tx(c, "00A4040C0AD3921000310001010409"), 0x6A82);
	CU_ASSERT_EQUAL(tx(c, "00A4040C07A0000000031010"), 0x6A82);
	CU_ASSERT_EQUAL(tx(c, SEL_KENHOJO), 0x9000);
	CU_ASSERT_EQUAL(RL, 2);
	CU_ASSERT_EQUAL(tx(c, "00A40000"), 0x9000);            /* MF with an AP current */
	CU_ASSERT_EQUAL(tx(c, "00A4000C023F00"), 0x6A82);
	CU_ASSERT_EQUAL(tx(c, "00A4020C020099"), 0x6A82);
	CU_ASSERT_EQUAL(tx(c, "00A4020C0200"), 0x6700);
	CU_ASSERT_EQUAL(tx(c, SEL_JPKI), 0x9000);
	CU_ASSERT_EQUAL(tx(c, "00A4020C02000A"), 0x9000);
	CU_ASSERT_EQUAL(tx(c, "00A4040C07A0000001510000"), 0x9000);   /* ISD: MF level again */
	CU_ASSERT_EQUAL(tx(c, "00A40000"), 0x6A86);
	vcard_card_free(c);
}

static void t_read_binary_forms(void)
{
	struct vcard_card *c = card_copy("read.profile");
	uint8_t first[568];

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	tx(c, SEL_KENHOJO);
	CU_ASSERT_EQUAL(tx(c, "00B00000"), 0x6700);      /* no Le */
	CU_ASSERT_EQUAL(tx(c, "00B0000004"), 0x6986);                       /* no current EF */
	CU_ASSERT_EQUAL(tx(c, "00A4020C020004"), 0x9000);
	CU_ASSERT_EQUAL(tx(c, "00B0000004"), 0x9000);
	CU_ASSERT_EQUAL(RL, 6);
	CU_ASSERT(memcmp(R, "\x7F\x21\x82\x02", 4) == 0);
	CU_ASSERT_EQUAL(tx(c, "00B0000000"), 0x9000);                       /* 00 = 256 */
	CU_ASSERT_EQUAL(RL, 258);
	CU_ASSERT_EQUAL(tx(c, "00B00000000000"), 0x9000);                   /* extended 65536 */
	CU_ASSERT_EQUAL_FATAL(RL, 570);
	memcpy(first, R, 568);
	CU_ASSERT_EQUAL(tx(c, "00B0000000022C"), 0x9000);                   /* extended 556 */
	CU_ASSERT_EQUAL(RL, 558);
	CU_ASSERT_EQUAL(tx(c, "00B0023000"), 0x9000);                       /* offset 560: 8 left */
	CU_ASSERT_EQUAL(RL, 10);
	CU_ASSERT(memcmp(R, first + 560, 8) == 0);
	CU_ASSERT_EQUAL(tx(c, "00B0023801"), 0x6B00);                       /* at the end */
	CU_ASSERT_EQUAL(tx(c, "00B07FFF01"), 0x6B00);
	/* SFI: EF0004 = SFI 4; 8-bit offset; makes it current */
	CU_ASSERT_EQUAL(tx(c, "00A4020C020005"), 0x9000);
	CU_ASSERT_EQUAL(tx(c, "00B0840203"), 0x9000);
	CU_ASSERT_EQUAL(RL, 5);
	CU_ASSERT(memcmp(R, first + 2, 3) == 0);
	CU_ASSERT_EQUAL(tx(c, "00B0000004"), 0x9000);
	CU_ASSERT(memcmp(R, first, 4) == 0);
	CU_ASSERT_EQUAL(tx(c, "00B09E0001"), 0x6A82);                       /* unknown SFI */
	CU_ASSERT_EQUAL(tx(c, "00B0C40001"), 0x6A86);
	/* EF0005: 256 bytes, FF40 then filler */
	CU_ASSERT_EQUAL(tx(c, "00B0850000"), 0x9000);
	CU_ASSERT_EQUAL(RL, 258);
	CU_ASSERT(R[0] == 0xFF && R[1] == 0x40 && R[255] == 0xFF);
	/* IEF and protected EF */
	CU_ASSERT_EQUAL(tx(c, "00A4020C020011"), 0x9000);
	CU_ASSERT_EQUAL(tx(c, "00B0000001"), 0x6981);
	CU_ASSERT_EQUAL(tx(c, "00A4020C020001"), 0x9000);
	CU_ASSERT_EQUAL(tx(c, "00B0000011"), 0x6982);
	CU_ASSERT_EQUAL(tx(c, "00B0810000"), 0x6982);
	CU_ASSERT_EQUAL(tx(c, "00B0830000"), 0x6982);                       /* EF0003 */
	vcard_card_free(c);
}

static void t_verify_counts_blocks_and_persists(void)
{
	struct vcard_card *c = card_copy("verify.profile");
	long t = -1;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	tx(c, SEL_KENHOJO);
	CU_ASSERT_EQUAL(tx(c, "00200080"), 0x6986);                 /* no current EF */
	tx(c, "00A4020C020004");
	CU_ASSERT_EQUAL(tx(c, "00200080"), 0x6981);                 /* not a PIN */
	tx(c, "00A4020C020011");
	CU_ASSERT_EQUAL(tx(c, "00200080"), 0x63C3);
	CU_ASSERT_EQUAL(tx(c, "00200080"), 0x63C3);                 /* the query consumes nothing */
	CU_ASSERT_EQUAL(tx(c, "0020008004 31313131"), 0x63C2);
	/* the counter is on disk at once: a restarted emulator sees 2 */
	c = card_reload(c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(vcard_card_tries(c, VCARD_CARD_PIN_KENHOJO), 2);
	tx(c, SEL_KENHOJO);
	CU_ASSERT_EQUAL(tx(c, "00200091"), 0x63C2);                 /* by SFI, no SELECT */
	CU_ASSERT_EQUAL(tx(c, "0020009104 31323334"), 0x9000);      /* right: back to 3 */
	CU_ASSERT_EQUAL(vcard_card_tries(c, VCARD_CARD_PIN_KENHOJO), 3);
	CU_ASSERT_EQUAL(tx(c, "00200091"), 0x9000);                 /* verified (our choice) */
	CU_ASSERT_EQUAL(tx(c, "0020009103 313233"), 0x63C2);        /* wrong length is wrong */
	CU_ASSERT_EQUAL(vcard_card_verified(c, VCARD_CARD_PIN_KENHOJO), 0);
	CU_ASSERT_EQUAL(tx(c, "0020009104 39393939"), 0x63C1);
	CU_ASSERT_EQUAL(tx(c, "0020009104 39393939"), 0x63C0);      /* the blocking attempt */
	CU_ASSERT_EQUAL(tx(c, "0020009104 31323334"), 0x6984);      /* even the right PIN */
	CU_ASSERT_EQUAL(tx(c, "00200091"), 0x63C0);
	CU_ASSERT_EQUAL(tx(c, "0020009204 31323334"), 0x6984);      /* 0012: blocked at issuance */
	CU_ASSERT_EQUAL(tx(c, "00200092"), 0x63C0);
	CU_ASSERT_EQUAL(tx(c, "00200095"), 0x63CA);                 /* 照合番号B: 10 */
	CU_ASSERT_EQUAL(tx(c, "002000A0"), 0x6A86);
	CU_ASSERT_EQUAL(tx(c, "00210080"), 0x6D00);
	c = card_reload(c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(vcard_card_tries(c, VCARD_CARD_PIN_KENHOJO), 0);
	CU_ASSERT_EQUAL(vcard_profile_get_int(vcard_card_profile(c), "kenhojo_pin_tries", 0, 3, &t), 0);
	CU_ASSERT_EQUAL(t, 0);
	/* the JPKI PINs are separate keys */
	tx(c, SEL_JPKI);
	CU_ASSERT_EQUAL(tx(c, "00200098"), 0x63C3);
	CU_ASSERT_EQUAL(tx(c, "0020009B"), 0x63C5);
	vcard_card_free(c);
}

static void t_power_clears_volatile_state(void)
{
	struct vcard_card *c = card_copy("power.profile");
	static const enum vcard_card_power ev[3] = {
		VCARD_CARD_POWER_OFF, VCARD_CARD_POWER_ON, VCARD_CARD_POWER_RESET
	};

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	for (int i = 0; i < 3; i++) {
		tx(c, SEL_KENHOJO);
		CU_ASSERT_EQUAL(tx(c, "0020009104 31323334"), 0x9000);
		CU_ASSERT_EQUAL(tx(c, "00B0810000"), 0x9000);
		CU_ASSERT_EQUAL(RL, 19);
		CU_ASSERT(memcmp(R, "\xFF\x10\x0C" "123456789018\xFF\xFF", 17) == 0);
		tx(c, SEL_JPKI);                         /* another AP keeps the state */
		tx(c, SEL_KENHOJO);
		CU_ASSERT_EQUAL(tx(c, "00B0810000"), 0x9000);
		vcard_card_power(c, ev[i]);
		CU_ASSERT_EQUAL(tx(c, "00B0810000"), 0x6A82);   /* no AP any more */
		tx(c, SEL_KENHOJO);
		CU_ASSERT_EQUAL(tx(c, "00B0810000"), 0x6982);   /* not verified any more */
		CU_ASSERT_EQUAL(vcard_card_tries(c, VCARD_CARD_PIN_KENHOJO), 3);
		vcard_card_power(c, ev[i]);
	}
	vcard_card_free(c);
}

static void t_get_data_expiry_at_mf(void)
{
	struct vcard_card *c = card_copy("getdata.profile");

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(tx(c, "00CA00F200"), 0x9000);
	CU_ASSERT_EQUAL(RL, 12);
	CU_ASSERT(memcmp(R, "\xF2\x08" "20350401", 10) == 0);
	CU_ASSERT_EQUAL(tx(c, "00CA00F205"), 0x6700);
	CU_ASSERT_EQUAL(tx(c, "00CA00F000"), 0x6A88);
	tx(c, SEL_KENHOJO);
	CU_ASSERT_EQUAL(tx(c, "00CA00F200"), 0x6A88);
	vcard_card_power(c, VCARD_CARD_POWER_RESET);
	CU_ASSERT_EQUAL(tx(c, "00CA00F200"), 0x9000);
	vcard_card_free(c);
}

static void t_malformed_and_classes(void)
{
	struct vcard_card *c = card_copy("malformed.profile");
	uint8_t b[8] = { 0 };

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	for (size_t n = 0; n < 4; n++)
		CU_ASSERT_EQUAL(vcard_card_apdu(c, b, n, R, sizeof R, &RL), 0x6700);
	CU_ASSERT_EQUAL(tx(c, "00A4040C0AD39210"), 0x6700);          /* Lc too long */
	CU_ASSERT_EQUAL(tx(c, "00B0000000"), 0x6986);
	CU_ASSERT_EQUAL(tx(c, "00B00000000001"), 0x6986);            /* case 2E */
	CU_ASSERT_EQUAL(tx(c, "00B000000000"), 0x6700);              /* 6 bytes */
	CU_ASSERT_EQUAL(tx(c, "01A4040C0AD3921000310001010408"), 0x6881);
	CU_ASSERT_EQUAL(tx(c, "0CA4040C0AD3921000310001010408"), 0x6882);
	CU_ASSERT_EQUAL(tx(c, "0CB0000004"), 0x69FC);
	CU_ASSERT_EQUAL(tx(c, "90A4040C0AD3921000310001010408"), 0x6E00);
	CU_ASSERT_EQUAL(tx(c, "00FF0000"), 0x6D00);
	CU_ASSERT_EQUAL(tx(c, "0084000008"), 0x9000);
	CU_ASSERT_EQUAL(RL, 10);
	CU_ASSERT_EQUAL(tx(c, "00840000000008"), 0x6985);
	/* a 1-byte R buffer is never overrun: only the SW fits */
	{
		uint8_t small[2];
		size_t sl = 0;

		CU_ASSERT_EQUAL(vcard_card_apdu(c, (const uint8_t *)"\x00\x84\x00\x00\x08", 5, small, 2, &sl),
		                0x9000);
		CU_ASSERT_EQUAL(sl, 2);
	}
	vcard_card_free(c);
}

/* Parse one TLV at p (tag 1–2 bytes, BER length); returns header size or 0. */
static size_t tlv_at(const uint8_t *p, size_t n, unsigned *tag, size_t *len)
{
	size_t h = 0;

	if (n < 2)
		return 0;
	*tag = p[h++];
	if ((*tag & 0x1F) == 0x1F)
		*tag = *tag << 8 | p[h++];
	if (p[h] < 0x80) {
		*len = p[h++];
	} else if (p[h] == 0x81) {
		*len = p[h + 1];
		h += 2;
	} else if (p[h] == 0x82) {
		*len = (size_t)p[h + 1] << 8 | p[h + 2];
		h += 3;
	} else {
		return 0;
	}
	return h + *len <= n ? h : 0;
}

static void t_ef0002_layout_and_long_form(void)
{
	static const char *addr_long =
		"北海道札幌市中央区北一条西二丁目１番地　札幌市役所本庁舎内　"
		"ずっと長い建物名と部屋番号の番地１２３４５６７８９０号室まで";
	uint8_t *ef = NULL;
	size_t n = 0, df22 = 0, h, l;
	unsigned tag;

	CU_ASSERT_EQUAL_FATAL(vcard_card_kenhojo_ef0002("山田　太郎", "東京都千代田区霞が関二丁目１番２号",
	                                                "19850401", "1", &ef, &n, &df22), 0);
	/* the worked example of spec §4.3: 101 bytes, offsets 0E 20 56 61 */
	CU_ASSERT_EQUAL(n, 101);
	CU_ASSERT(memcmp(ef, "\xFF\x20\x62\xDF\x21\x08\x00\x0E\x00\x20\x00\x56\x00\x61", 14) == 0);
	CU_ASSERT_EQUAL(df22, 0x0E);
	free(ef);
	CU_ASSERT_FATAL(strlen(addr_long) >= 128);
	CU_ASSERT_EQUAL_FATAL(vcard_card_kenhojo_ef0002("山田　太郎", addr_long, "19850401", "2",
	                                                &ef, &n, &df22), 0);
	CU_ASSERT_EQUAL(ef[0], 0xFF);
	CU_ASSERT_EQUAL(ef[1], 0x20);
	CU_ASSERT_EQUAL(ef[2], 0x81);                     /* long form */
	CU_ASSERT_EQUAL(ef[3], n - 4);
	/* each table entry points at its tag */
	for (int i = 0; i < 4; i++) {
		size_t off = (size_t)ef[7 + 2 * i] << 8 | ef[8 + 2 * i];   /* header FF 20 81 LL */

		CU_ASSERT_FATAL(off < n);
		h = tlv_at(ef + off, n - off, &tag, &l);
		CU_ASSERT(h > 0);
		CU_ASSERT_EQUAL(tag, 0xDF22u + (unsigned)i);
		if (i == 1) {
			CU_ASSERT_EQUAL(ef[off + 2], 0x81);
			CU_ASSERT_EQUAL(l, strlen(addr_long));
		}
	}
	free(ef);
	CU_ASSERT_EQUAL(vcard_card_kenhojo_ef0002("", "x", "19850401", "1", &ef, &n, &df22), MG_EINVAL);
	CU_ASSERT_EQUAL(vcard_card_kenhojo_ef0002("x", "x", "1985041", "1", &ef, &n, &df22), MG_EINVAL);
}

static void t_wareki_and_collation(void)
{
	static const struct { const char *in, *out; } w[] = {
		{ "19850401", "600401" }, { "20190501", "010501" }, { "20190430", "310430" },
		{ "19890108", "010108" }, { "19890107", "640107" }, { "19261225", "011225" },
		{ "19261224", "151224" }, { "19800217", "550217" }, { "20200224", "020224" },
	};
	char o[7], b[15];

	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
		CU_ASSERT_EQUAL(vcard_card_wareki_yymmdd(w[i].in, o), 0);
		CU_ASSERT_STRING_EQUAL(o, w[i].out);
	}
	CU_ASSERT_EQUAL(vcard_card_wareki_yymmdd("1980021", o), MG_EINVAL);
	/* spec §3.3: 1980-02-17, expiry 2035, code 2285 */
	CU_ASSERT_EQUAL(vcard_card_collation_b("19800217", "20350101", "2285", b), 0);
	CU_ASSERT_STRING_EQUAL(b, "55021720352285");
	CU_ASSERT(vcard_ca_mynumber_ok("123456789018"));
	CU_ASSERT(vcard_ca_mynumber_ok("987654321093"));
	CU_ASSERT(!vcard_ca_mynumber_ok("123456789012"));
	CU_ASSERT(!vcard_ca_mynumber_ok("12345678901"));
}

static void t_profile_roundtrip(void)
{
	static const char text[] = "# comment\n\nname=山田\nkenhojo_pin_tries=3\n";
	struct vcard_profile *p = NULL;
	const char *path = testutil_path("rt.profile");
	int bad = 0;
	FILE *f;
	char buf[256];
	size_t n;
	long v = 0;

	CU_ASSERT_EQUAL_FATAL(vcard_profile_parse(text, sizeof text - 1, &p, &bad), 0);
	CU_ASSERT_STRING_EQUAL(vcard_profile_get(p, "name"), "山田");
	CU_ASSERT_EQUAL(vcard_profile_set_int(p, "kenhojo_pin_tries", 1), 0);
	CU_ASSERT_EQUAL(vcard_profile_set(p, "new_key", "x"), 0);
	CU_ASSERT_EQUAL(vcard_profile_set(p, "Bad", "x"), MG_EINVAL);
	CU_ASSERT_EQUAL(vcard_profile_set(p, "k", "a\nb"), MG_EINVAL);
	CU_ASSERT_EQUAL(vcard_profile_save_as(p, path), 0);
	vcard_profile_free(p);
	f = fopen(path, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	CU_ASSERT_STRING_EQUAL(buf, "# comment\n\nname=山田\nkenhojo_pin_tries=1\nnew_key=x\n");
	CU_ASSERT_EQUAL_FATAL(vcard_profile_load(path, &p, NULL), 0);
	CU_ASSERT_EQUAL(vcard_profile_get_int(p, "kenhojo_pin_tries", 0, 3, &v), 0);
	CU_ASSERT_EQUAL(v, 1);
	CU_ASSERT_EQUAL(vcard_profile_get_int(p, "name", 0, 3, &v), MG_EINVAL);
	CU_ASSERT_EQUAL(vcard_profile_get_int(p, "none", 0, 3, &v), MG_ENOTFOUND);
	vcard_profile_free(p);
	CU_ASSERT_EQUAL(vcard_profile_parse("a=1\nno equals\n", 14, &p, &bad), MG_EBADMSG);
	CU_ASSERT_EQUAL(bad, 2);
	CU_ASSERT_PTR_NULL(p);
	CU_ASSERT_EQUAL(vcard_profile_parse("a=1\na=2\n", 8, &p, &bad), MG_EBADMSG);
	CU_ASSERT_EQUAL(bad, 2);
	CU_ASSERT_EQUAL(vcard_profile_load(testutil_path("missing.profile"), &p, NULL), MG_ENOTFOUND);
}

static void t_vpcd_framing_and_log(void)
{
	struct vcard_card *c = card_copy("vpcd.profile");
	static const uint8_t stream[] = { 0x00, 0x01, 0x04, 0x00, 0x05, 0x00, 0xA4 };
	const uint8_t *msg;
	size_t ml, ol;
	uint8_t out[VCARD_VPCD_FRAME_MAX];
	const char *lp = testutil_path("apdu.log");
	FILE *log = fopen(lp, "w+");
	char text[4096];
	size_t tn;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(log);
	CU_ASSERT_EQUAL(vcard_vpcd_next(stream, 1, &msg, &ml), 0);
	CU_ASSERT_EQUAL(vcard_vpcd_next(stream, 2, &msg, &ml), 0);
	CU_ASSERT_EQUAL(vcard_vpcd_next(stream, 3, &msg, &ml), 3);
	CU_ASSERT_EQUAL(ml, 1);
	CU_ASSERT_EQUAL(msg[0], 4);
	CU_ASSERT_EQUAL(vcard_vpcd_next(stream + 3, 4, &msg, &ml), 0);     /* 5 announced, 2 there */
	/* get ATR: one frame with the ATR */
	CU_ASSERT_EQUAL(vcard_vpcd_reply(c, (const uint8_t *)"\x04", 1, out, sizeof out, &ol, log), 0);
	CU_ASSERT_EQUAL(ol, 11);
	CU_ASSERT(memcmp(out, "\x00\x09\x3B\xE0\x00\xFF\x81\x31\xFE\x45\x14", 11) == 0);
	/* APDUs: framed replies, PIN masked in the log */
	vcard_vpcd_reply(c, (const uint8_t *)"\x00\xA4\x04\x0C\x0A\xD3\x92\x10\x00\x31\x00\x01\x01\x04\x08",
	                 15, out, sizeof out, &ol, log);
	CU_ASSERT_EQUAL(ol, 4);
	CU_ASSERT(memcmp(out, "\x00\x02\x90\x00", 4) == 0);
	vcard_vpcd_reply(c, (const uint8_t *)"\x00\x20\x00\x91\x04" "1234", 9, out, sizeof out, &ol, log);
	CU_ASSERT(memcmp(out, "\x00\x02\x90\x00", 4) == 0);
	/* power events: no reply, state cleared */
	CU_ASSERT_EQUAL(vcard_vpcd_reply(c, (const uint8_t *)"\x02", 1, out, sizeof out, &ol, log), 0);
	CU_ASSERT_EQUAL(ol, 0);
	CU_ASSERT_EQUAL(vcard_card_verified(c, VCARD_CARD_PIN_KENHOJO), 0);
	CU_ASSERT_EQUAL(vcard_vpcd_reply(c, (const uint8_t *)"\x07", 1, out, sizeof out, &ol, log), 0);
	CU_ASSERT_EQUAL(ol, 0);
	CU_ASSERT_EQUAL(vcard_vpcd_reply(c, (const uint8_t *)"", 0, out, sizeof out, &ol, log), MG_EBADMSG);
	rewind(log);
	tn = fread(text, 1, sizeof text - 1, log);
	text[tn] = '\0';
	fclose(log);
	CU_ASSERT_STRING_EQUAL(text, "> 00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08\n< 90 00\n"
	                             "> 00 20 00 91 04 **\n< 90 00\n# reset\n");
	CU_ASSERT_PTR_NULL(strstr(text, "31 32 33 34"));
	vcard_card_free(c);
}

/* The public key of a 90/91 record (e 010001, 256-byte modulus) as EVP_PKEY. */
static EVP_PKEY *rsa_from_modulus(const uint8_t *mod)
{
	OSSL_PARAM_BLD *b = OSSL_PARAM_BLD_new();
	BIGNUM *n = BN_bin2bn(mod, 256, NULL), *e = BN_new();
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
	EVP_PKEY *k = NULL;

	BN_set_word(e, 65537);
	OSSL_PARAM_BLD_push_BN(b, "n", n);
	OSSL_PARAM_BLD_push_BN(b, "e", e);
	params = OSSL_PARAM_BLD_to_param(b);
	if (EVP_PKEY_fromdata_init(ctx) != 1 || EVP_PKEY_fromdata(ctx, &k, EVP_PKEY_PUBLIC_KEY, params) != 1)
		k = NULL;
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(b);
	BN_free(n);
	BN_free(e);
	EVP_PKEY_CTX_free(ctx);
	return k;
}

/* 1 when sig is a valid PKCS#1 v1.5 SHA-256 signature of msg by k. */
static int sig_ok(EVP_PKEY *k, const uint8_t *msg, size_t n, const uint8_t *sig)
{
	EVP_MD_CTX *m = EVP_MD_CTX_new();
	int ok = m && EVP_DigestVerifyInit(m, NULL, EVP_sha256(), NULL, k) == 1 &&
	         EVP_DigestVerify(m, sig, 256, msg, n) == 1;

	EVP_MD_CTX_free(m);
	return ok;
}

/* The modulus of the first key line of trust.txt. */
static int trust_modulus(const char *dir, uint8_t id[16], uint8_t mod[256])
{
	char path[600], line[2048];
	FILE *f;
	int ok = 0;

	snprintf(path, sizeof path, "%s/trust.txt", dir);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (!ok && fgets(line, sizeof line, f)) {
		char *sp1, *sp2;
		uint8_t *a = NULL, *b = NULL;
		size_t an = 0, bn = 0;

		if (line[0] == '#' || strncmp(line, "x509 ", 5) == 0)
			continue;
		line[strcspn(line, "\n")] = '\0';
		sp1 = strchr(line, ' ');
		sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
		if (!sp2)
			continue;
		*sp1 = *sp2 = '\0';
		if (vcard_profile_hex_decode(line, &a, &an) == 0 && an == 16 &&
		    strcmp(sp1 + 1, "010001") == 0 &&
		    vcard_profile_hex_decode(sp2 + 1, &b, &bn) == 0 && bn == 256) {
			memcpy(id, a, 16);
			memcpy(mod, b, 256);
			ok = 1;
		}
		free(a);
		free(b);
	}
	fclose(f);
	return ok;
}

/* Read a whole EF of the current AP by READ BINARY with extended Le. */
static size_t read_ef(struct vcard_card *c, const char *fid_hex, uint8_t *out, size_t cap)
{
	char cmd[64];

	snprintf(cmd, sizeof cmd, "00A4020C02%s", fid_hex);
	if (tx(c, cmd) != 0x9000 || tx(c, "00B00000000000") != 0x9000 || RL - 2 > cap)
		return 0;
	memcpy(out, R, RL - 2);
	return RL - 2;
}

static void t_signed_material_verifies(void)
{
	struct vcard_card *c = card_copy("signed.profile");
	uint8_t id[16], mod[256], ef1[17], ef2[1024], ef3[336], ef4[568], h[32];
	size_t n2;
	EVP_PKEY *issuer = NULL, *ap = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_FATAL(trust_modulus(ca_dir, id, mod));
	CU_ASSERT(memcmp(id, "9900033\x08\x05" "001\0\0\0\0", 16) == 0);
	issuer = rsa_from_modulus(mod);
	CU_ASSERT_PTR_NOT_NULL_FATAL(issuer);
	tx(c, SEL_KENHOJO);
	CU_ASSERT_EQUAL_FATAL(read_ef(c, "0004", ef4, sizeof ef4), 568);
	CU_ASSERT(memcmp(ef4, "\x7F\x21\x82\x02\x33\x5F\x4E\x82\x01\x29", 10) == 0);
	CU_ASSERT(memcmp(ef4 + 10, id, 16) == 0);
	CU_ASSERT(memcmp(ef4 + 10 + 32, "\x90\x03\x01\x00\x01\x91\x82\x01\x00", 9) == 0);
	CU_ASSERT(memcmp(ef4 + 307, "\x5F\x37\x82\x01\x00", 5) == 0);
	CU_ASSERT(sig_ok(issuer, ef4 + 10, 297, ef4 + 312));
	ap = rsa_from_modulus(ef4 + 10 + 41);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ap);
	CU_ASSERT_EQUAL(tx(c, "0020009104 31323334"), 0x9000);
	CU_ASSERT_EQUAL_FATAL(read_ef(c, "0001", ef1, sizeof ef1), 17);
	n2 = read_ef(c, "0002", ef2, sizeof ef2);
	CU_ASSERT_EQUAL_FATAL(n2, 101);
	CU_ASSERT_EQUAL_FATAL(read_ef(c, "0003", ef3, sizeof ef3), 336);
	CU_ASSERT(memcmp(ef3, "\xFF\x30\x82\x01\x4B\xDF\x31\x20", 8) == 0);
	SHA256(ef1, 17, h);
	CU_ASSERT(memcmp(ef3 + 8, h, 32) == 0);
	CU_ASSERT(memcmp(ef3 + 40, "\xDF\x32\x20", 3) == 0);
	SHA256(ef2 + 14, n2 - 14, h);
	CU_ASSERT(memcmp(ef3 + 43, h, 32) == 0);
	CU_ASSERT(memcmp(ef3 + 75, "\xDF\x33\x82\x01\x00", 5) == 0);
	CU_ASSERT(sig_ok(ap, ef3 + 5, 70, ef3 + 80));
	/* tampered 4情報: the profile edit changes EF0002 but not DF32 */
	vcard_profile_set(vcard_card_profile(c), "name", "山田　次郎");
	vcard_profile_save(vcard_card_profile(c));
	c = card_reload(c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	tx(c, SEL_KENHOJO);
	tx(c, "0020009104 31323334");
	n2 = read_ef(c, "0002", ef2, sizeof ef2);
	CU_ASSERT_FATAL(n2 > 14);
	SHA256(ef2 + 14, n2 - 14, h);
	CU_ASSERT(memcmp(ef3 + 43, h, 32) != 0);
	EVP_PKEY_free(issuer);
	EVP_PKEY_free(ap);
	vcard_card_free(c);
}

static void t_jpki_certificates_and_signature(void)
{
	struct vcard_card *c = card_copy("jpki.profile");
	uint8_t cert[4096], ca[4096], tok[160], sig[256];
	const unsigned char *q;
	size_t n, nca;
	X509 *x = NULL, *xca = NULL;
	EVP_PKEY *pub;
	static const char di[] = "3031300D060960864801650304020105000420"
	                         "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	tx(c, SEL_JPKI);
	n = read_ef(c, "000A", cert, sizeof cert);
	nca = read_ef(c, "000B", ca, sizeof ca);
	CU_ASSERT_FATAL(n > 4 && nca > 4);
	CU_ASSERT(cert[0] == 0x30 && cert[1] == 0x82 && ((size_t)cert[2] << 8 | cert[3]) + 4 == n);
	q = cert;
	x = d2i_X509(NULL, &q, (long)n);
	q = ca;
	xca = d2i_X509(NULL, &q, (long)nca);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_PTR_NOT_NULL_FATAL(xca);
	CU_ASSERT_EQUAL(X509_verify(x, X509_get0_pubkey(xca)), 1);
	CU_ASSERT_EQUAL(ASN1_TIME_cmp_time_t(X509_get0_notAfter(x), 2059200000), -1);   /* 2035-04-02 */
	CU_ASSERT(X509_cmp_current_time(X509_get0_notBefore(x)) < 0);                   /* valid now */
	CU_ASSERT(X509_cmp_current_time(X509_get0_notAfter(x)) > 0);
	CU_ASSERT_EQUAL(read_ef(c, "0006", tok, sizeof tok), 160);
	CU_ASSERT(memcmp(tok, "JPKIAPICCTOKEN2                 ", 32) == 0);
	CU_ASSERT_EQUAL(tx(c, "00A4020C020001"), 0x9000);
	CU_ASSERT_EQUAL(tx(c, "00B0000004"), 0x6982);                  /* sign cert needs 001B */
	/* COMPUTE DIGITAL SIGNATURE with the auth key */
	CU_ASSERT_EQUAL(tx(c, "00A4020C020017"), 0x9000);
	{
		char cmd[256];

		snprintf(cmd, sizeof cmd, "802A008033%s00", di);
		CU_ASSERT_EQUAL(tx(c, cmd), 0x6982);
		CU_ASSERT_EQUAL(tx(c, "00A4020C020018"), 0x9000);
		CU_ASSERT_EQUAL(tx(c, "0020008004 31323334"), 0x9000);
		CU_ASSERT_EQUAL(tx(c, "00A4020C020017"), 0x9000);
		CU_ASSERT_EQUAL(tx(c, cmd), 0x9000);
		CU_ASSERT_EQUAL_FATAL(RL, 258);
		memcpy(sig, R, 256);
		{
			uint8_t *d = NULL, dec[256];
			size_t dn = 0, decn = sizeof dec;
			EVP_PKEY_CTX *pc;

			pub = X509_get0_pubkey(x);
			pc = EVP_PKEY_CTX_new(pub, NULL);
			vcard_profile_hex_decode(di, &d, &dn);
			CU_ASSERT(EVP_PKEY_verify_recover_init(pc) == 1 &&
			          EVP_PKEY_CTX_set_rsa_padding(pc, RSA_PKCS1_PADDING) == 1 &&
			          EVP_PKEY_verify_recover(pc, dec, &decn, sig, 256) == 1);
			CU_ASSERT_EQUAL(decn, dn);
			CU_ASSERT(decn == dn && memcmp(dec, d, dn) == 0);
			free(d);
			EVP_PKEY_CTX_free(pc);
		}
	}
	X509_free(x);
	X509_free(xca);
	vcard_card_free(c);
}

static void t_kenkaku_with_collation_b(void)
{
	struct vcard_card *c = card_copy("kenkaku.profile");
	static uint8_t ef[65536];
	size_t n, h, l, off[9];
	unsigned tag;
	uint8_t dg[96];
	EVP_PKEY *k;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	tx(c, SEL_KENKAKU);
	CU_ASSERT_EQUAL(tx(c, "00A4020C020002"), 0x9000);
	CU_ASSERT_EQUAL(tx(c, "00B0000004"), 0x6982);
	CU_ASSERT_EQUAL(tx(c, "00A4020C020012"), 0x9000);
	CU_ASSERT_EQUAL(tx(c, "00200080"), 0x63CA);
	/* 照合番号B = 600401 (昭和60) + 2035 + 2285 */
	CU_ASSERT_EQUAL(tx(c, "002000800E 3630303430313230333532323835"), 0x9000);
	n = read_ef(c, "0002", ef, sizeof ef);
	CU_ASSERT_FATAL(n > 100);
	h = tlv_at(ef, n, &tag, &l);
	CU_ASSERT_EQUAL(tag, 0xFF20);
	CU_ASSERT_EQUAL(h + l, n);
	CU_ASSERT(memcmp(ef + h, "\xDF\x21\x12", 3) == 0);
	for (int i = 0; i < 9; i++) {
		size_t hh;

		off[i] = (size_t)ef[h + 3 + 2 * i] << 8 | ef[h + 4 + 2 * i];
		CU_ASSERT_FATAL(off[i] < n);
		hh = tlv_at(ef + off[i], n - off[i], &tag, &l);
		CU_ASSERT_EQUAL(tag, 0xDF22u + (unsigned)i);
		if (i == 0)
			CU_ASSERT(l == 8 && memcmp(ef + off[i] + hh, "19850401", 8) == 0);
		if (i == 3 || i == 4 || i == 5 || i == 8)
			CU_ASSERT(memcmp(ef + off[i] + hh, "\x89PNG\r\n\x1a\n", 8) == 0);
		if (i == 7)
			CU_ASSERT(l == 8 && memcmp(ef + off[i] + hh, "20350401", 8) == 0);
	}
	SHA256(ef + off[0], off[3] - off[0], dg);
	SHA256(ef + off[3], off[5] - off[3], dg + 32);
	SHA256(ef + off[5], off[6] - off[5], dg + 64);
	k = rsa_from_modulus(ef + off[2] + 5 + 9);   /* DF24 82 01 09 | 90 03 … 91 82 01 00 */
	CU_ASSERT_PTR_NOT_NULL_FATAL(k);
	CU_ASSERT(sig_ok(k, dg, sizeof dg, ef + off[6] + 5));
	EVP_PKEY_free(k);
	/* the birth key (和暦 YYMMDD) does not open EF0002 */
	vcard_card_power(c, VCARD_CARD_POWER_RESET);
	tx(c, SEL_KENKAKU);
	CU_ASSERT_EQUAL(tx(c, "0020009106 363030343031"), 0x9000);
	CU_ASSERT_EQUAL(tx(c, "00B0820004"), 0x6982);
	vcard_card_free(c);
}

static void t_png_is_valid(void)
{
	uint8_t *png = NULL;
	size_t n = 0;
	uint32_t crc;

	CU_ASSERT_EQUAL_FATAL(vcard_image_text("山田", 1, &png, &n), 0);
	CU_ASSERT(memcmp(png, "\x89PNG\r\n\x1a\n\x00\x00\x00\x0DIHDR", 16) == 0);
	/* IHDR CRC over type+data */
	crc = vcard_image_crc32(0, png + 12, 17);
	CU_ASSERT_EQUAL(crc, (uint32_t)png[29] << 24 | (uint32_t)png[30] << 16 | (uint32_t)png[31] << 8 | png[32]);
	CU_ASSERT(memcmp(png + n - 12, "\x00\x00\x00\x00IEND\xAE\x42\x60\x82", 12) == 0);
	free(png);
	CU_ASSERT_EQUAL(vcard_image_crc32(0, (const uint8_t *)"123456789", 9), 0xCBF43926u);
	CU_ASSERT_EQUAL(vcard_image_text("", 1, &png, &n), MG_EINVAL);
}

static void t_profile_new_options(void)
{
	struct vcard_ca_holder h = {
		.name = "鈴木　花子", .address = "大阪府大阪市北区１－１", .birth = "20000229", .sex = "2",
		.mynumber = "987654321093", .pin = "9999", .sign_pin = "PASS1234",
		.security_code = "0001", .tries = -1, .blocked = 1, .unknown_ca = 1, .expired = 1,
	};
	struct vcard_profile *p = NULL;
	struct vcard_card *c = NULL;
	const char *bad = NULL;
	uint8_t id[16], mod[256], *ef4 = NULL;
	size_t n4 = 0;
	EVP_PKEY *issuer;

	CU_ASSERT_EQUAL_FATAL(vcard_ca_profile_new(ca_dir, &h, &p, &bad), 0);
	CU_ASSERT_STRING_EQUAL(vcard_profile_get(p, "kenhojo_pin_tries"), "0");
	{
		/* --expired: card expiry and the certificate's notAfter are in the past */
		uint8_t *der = NULL;
		size_t dn = 0;
		const unsigned char *q;
		X509 *x;
		char today[16];
		time_t now = time(NULL);

		strftime(today, sizeof today, "%Y%m%d", gmtime(&now));
		CU_ASSERT(strcmp(vcard_profile_get(p, "card_expiry"), today) < 0);
		CU_ASSERT_EQUAL_FATAL(vcard_profile_get_hex(p, "auth_cert", &der, &dn), 0);
		q = der;
		x = d2i_X509(NULL, &q, (long)dn);
		CU_ASSERT_PTR_NOT_NULL_FATAL(x);
		CU_ASSERT(X509_cmp_current_time(X509_get0_notAfter(x)) < 0);
		CU_ASSERT(X509_cmp_time(X509_get0_notBefore(x), NULL) < 0);
		X509_free(x);
		free(der);
	}
	CU_ASSERT_EQUAL_FATAL(vcard_profile_get_hex(p, "ef0004", &ef4, &n4), 0);
	CU_ASSERT_FATAL(n4 == 568 && trust_modulus(ca_dir, id, mod));
	CU_ASSERT(memcmp(ef4 + 10, id, 16) != 0);                    /* not the trusted key id */
	issuer = rsa_from_modulus(mod);
	CU_ASSERT(!sig_ok(issuer, ef4 + 10, 297, ef4 + 312));         /* nor its key */
	EVP_PKEY_free(issuer);
	free(ef4);
	CU_ASSERT_EQUAL_FATAL(vcard_card_new(p, &c, &bad), 0);
	tx(c, SEL_KENHOJO);
	CU_ASSERT_EQUAL(tx(c, "00200091"), 0x63C0);
	CU_ASSERT_EQUAL(tx(c, "0020009104 39393939"), 0x6984);
	vcard_card_free(c);
	/* bad options name the option */
	h.mynumber = "987654321094";
	CU_ASSERT_EQUAL(vcard_ca_profile_new(ca_dir, &h, &p, &bad), MG_ECHECKDIGIT);
	CU_ASSERT_STRING_EQUAL(bad, "--mynumber");
	h.mynumber = "987654321093";
	h.sign_pin = "abc123";
	CU_ASSERT_EQUAL(vcard_ca_profile_new(ca_dir, &h, &p, &bad), MG_EINVAL);
	CU_ASSERT_STRING_EQUAL(bad, "--sign-pin");
	h.sign_pin = "ABC123";
	h.birth = "18000101";
	CU_ASSERT_EQUAL(vcard_ca_profile_new(ca_dir, &h, &p, &bad), MG_EINVAL);
	CU_ASSERT_STRING_EQUAL(bad, "--birth");
	CU_ASSERT_EQUAL(vcard_ca_init(ca_dir), MG_EEXISTS);
}

static void t_change_reference_data(void)
{
	struct vcard_card *c = card_copy("change.profile");

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	tx(c, SEL_KENHOJO);
	tx(c, "00A4020C020011");
	CU_ASSERT_EQUAL(tx(c, "0024018004 35353535"), 0x6982);
	CU_ASSERT_EQUAL(tx(c, "0020008004 31323334"), 0x9000);
	CU_ASSERT_EQUAL(tx(c, "0024018003 353535"), 0x6A80);
	CU_ASSERT_EQUAL(tx(c, "0024018004 35353535"), 0x9000);
	c = card_reload(c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	tx(c, SEL_KENHOJO);
	CU_ASSERT_EQUAL(tx(c, "0020009104 31323334"), 0x63C2);
	CU_ASSERT_EQUAL(tx(c, "0020009104 35353535"), 0x9000);
	vcard_card_free(c);
}

/*
 * The presence challenge for msg: 80 2A 00 00 33 <DigestInfo(SHA-256(msg))>,
 * with Le 00 when with_le. OUT: cmd (hex, at least 128 bytes).
 */
static void presence_cmd(char *cmd, size_t cap, const uint8_t *msg, size_t n, int with_le)
{
	uint8_t h[32];
	size_t o;

	SHA256(msg, n, h);
	o = (size_t)snprintf(cmd, cap, "802A000033" "3031300D060960864801650304020105000420");
	for (int i = 0; i < 32; i++)
		o += (size_t)snprintf(cmd + o, cap - o, "%02X", h[i]);
	snprintf(cmd + o, cap - o, "%s", with_le ? "00" : "");
}

/* The presence key (DF51 modulus) of a whole EF0007 as EVP_PKEY; NULL if malformed. */
static EVP_PKEY *ef0007_key(const uint8_t ef7[536])
{
	if (memcmp(ef7, "\xFF\x50\x82\x02\x13\xDF\x51\x82\x01\x09"
	           "\x90\x03\x01\x00\x01\x91\x82\x01\x00", 19) != 0)
		return NULL;
	return rsa_from_modulus(ef7 + 19);
}

static void t_presence_ef0007_and_signature(void)
{
	struct vcard_card *c = card_copy("presence.profile");
	uint8_t id[16], mod[256], ef4[568], ef7[536], rnd[32];
	char cmd[160], big[600];
	EVP_PKEY *issuer = NULL, *pres = NULL, *ap = NULL;
	size_t o;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_FATAL(trust_modulus(ca_dir, id, mod));
	issuer = rsa_from_modulus(mod);
	CU_ASSERT_PTR_NOT_NULL_FATAL(issuer);
	tx(c, SEL_KENHOJO);
	/* EF0007 opens with the PIN (or a 照合番号) like EF0003: read directly and by SFI 7 */
	CU_ASSERT_EQUAL(tx(c, "00A4020C020007"), 0x9000);
	CU_ASSERT_EQUAL(tx(c, "00B0000005"), 0x6982);
	CU_ASSERT_EQUAL(tx(c, "0020009104 31323334"), 0x9000);
	CU_ASSERT_EQUAL_FATAL(read_ef(c, "0007", ef7, sizeof ef7), 536);
	CU_ASSERT(memcmp(ef7, "\xFF\x50\x82\x02\x13", 5) == 0);
	CU_ASSERT(memcmp(ef7 + 5, "\xDF\x51\x82\x01\x09\x90\x03\x01\x00\x01\x91\x82\x01\x00", 14) == 0);
	CU_ASSERT(memcmp(ef7 + 275, "\xDF\x52\x82\x01\x00", 5) == 0);
	CU_ASSERT_EQUAL(tx(c, "00B0870000"), 0x9000);
	CU_ASSERT(RL == 258 && memcmp(R, ef7, 256) == 0);
	/* DF52: the issuer key of trust.txt over the 270 bytes of the DF51 TLV */
	CU_ASSERT(sig_ok(issuer, ef7 + 5, 270, ef7 + 280));
	CU_ASSERT(!sig_ok(issuer, ef7 + 10, 265, ef7 + 280));      /* not the value alone */
	/* a key of its own: not the EF0004 AP key */
	CU_ASSERT_EQUAL_FATAL(read_ef(c, "0004", ef4, sizeof ef4), 568);
	CU_ASSERT(memcmp(ef7 + 19, ef4 + 51, 256) != 0);
	pres = ef0007_key(ef7);
	ap = rsa_from_modulus(ef4 + 51);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pres);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ap);
	/* the challenge: signed with no VERIFY (a fresh power session), case 4 (Le 00) and case 3 */
	vcard_card_power(c, VCARD_CARD_POWER_RESET);
	tx(c, SEL_KENHOJO);
	CU_ASSERT_EQUAL(tx(c, "00A4020C020004"), 0x9000);
	CU_ASSERT_FATAL(RAND_bytes(rnd, sizeof rnd) == 1);
	presence_cmd(cmd, sizeof cmd, rnd, sizeof rnd, 1);
	CU_ASSERT_EQUAL(tx(c, cmd), 0x9000);
	CU_ASSERT_EQUAL_FATAL(RL, 258);
	CU_ASSERT(sig_ok(pres, rnd, sizeof rnd, R));
	CU_ASSERT(!sig_ok(ap, rnd, sizeof rnd, R));
	CU_ASSERT(!sig_ok(issuer, rnd, sizeof rnd, R));
	rnd[0] ^= 1;
	CU_ASSERT(!sig_ok(pres, rnd, sizeof rnd, R));               /* bound to the challenge */
	presence_cmd(cmd, sizeof cmd, rnd, sizeof rnd, 0);
	CU_ASSERT_EQUAL(tx(c, cmd), 0x9000);
	CU_ASSERT_EQUAL_FATAL(RL, 258);
	CU_ASSERT(sig_ok(pres, rnd, sizeof rnd, R));
	CU_ASSERT_EQUAL(vcard_card_verified(c, VCARD_CARD_PIN_KENHOJO), 0);
	CU_ASSERT_EQUAL(vcard_card_verified(c, VCARD_CARD_PIN_KENHOJO_A), 0);
	CU_ASSERT_EQUAL(vcard_card_verified(c, VCARD_CARD_PIN_KENHOJO_B), 0);
	/* the current EF (0004, read last) is kept */
	CU_ASSERT_EQUAL(tx(c, "00B0000004"), 0x9000);
	CU_ASSERT(RL == 6 && memcmp(R, "\x7F\x21\x82\x02", 4) == 0);
	/* Lc: 1..245 */
	CU_ASSERT_EQUAL(tx(c, "802A0000"), 0x6700);
	CU_ASSERT_EQUAL(tx(c, "802A000000"), 0x6700);
	o = (size_t)snprintf(big, sizeof big, "802A0000F6");         /* 246 bytes */
	for (int i = 0; i < 246; i++)
		o += (size_t)snprintf(big + o, sizeof big - o, "%02X", (unsigned)i);
	CU_ASSERT_EQUAL(tx(c, big), 0x6700);
	big[8] = 'F';
	big[9] = '5';
	big[10 + 2 * 245] = '\0';                                    /* 245 bytes */
	CU_ASSERT_EQUAL(tx(c, big), 0x9000);
	CU_ASSERT_EQUAL(RL, 258);
	CU_ASSERT_EQUAL(tx(c, "802A000101AA"), 0x6A86);              /* P1 */
	/* other APs keep their answers: 6A86 in JPKI and 券面, 6985 at MF level */
	presence_cmd(cmd, sizeof cmd, rnd, sizeof rnd, 1);
	tx(c, SEL_JPKI);
	CU_ASSERT_EQUAL(tx(c, cmd), 0x6A86);
	CU_ASSERT_EQUAL(RL, 2);
	tx(c, SEL_KENKAKU);
	CU_ASSERT_EQUAL(tx(c, cmd), 0x6A86);
	vcard_card_power(c, VCARD_CARD_POWER_RESET);
	CU_ASSERT_EQUAL(tx(c, cmd), 0x6985);
	tx(c, SEL_KENHOJO);
	CU_ASSERT_EQUAL(tx(c, cmd), 0x9000);
	CU_ASSERT(sig_ok(pres, rnd, sizeof rnd, R));
	EVP_PKEY_free(issuer);
	EVP_PKEY_free(pres);
	EVP_PKEY_free(ap);
	vcard_card_free(c);
}

static void t_presence_copied_card(void)
{
	struct vcard_ca_holder h = {
		.name = "佐藤　次郎", .address = "神奈川県横浜市中区港町１－１", .birth = "19700707", .sex = "1",
		.mynumber = "987654321093", .pin = "5678", .sign_pin = "XYZ789",
		.security_code = "4321", .tries = -1,
	};
	struct vcard_profile *other = NULL, *p = NULL;
	struct vcard_card *c = card_copy("copied.profile");
	uint8_t ef7[536], other7[536], *d = NULL, rnd[32];
	char cmd[160], *okey = NULL;
	const char *bad = NULL;
	EVP_PKEY *mine = NULL, *theirs = NULL;
	size_t n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	tx(c, SEL_KENHOJO);
	tx(c, "0020009104 31323334");
	CU_ASSERT_EQUAL_FATAL(read_ef(c, "0007", ef7, sizeof ef7), 536);
	mine = ef0007_key(ef7);
	CU_ASSERT_PTR_NOT_NULL_FATAL(mine);
	/* card B: another profile of the same CA, with its own presence key */
	CU_ASSERT_EQUAL_FATAL(vcard_ca_profile_new(ca_dir, &h, &other, &bad), 0);
	CU_ASSERT_EQUAL_FATAL(vcard_profile_get_hex(other, "ef0007", &d, &n), 0);
	CU_ASSERT_FATAL(n == 536);
	memcpy(other7, d, 536);
	free(d);
	theirs = ef0007_key(other7);
	CU_ASSERT_PTR_NOT_NULL_FATAL(theirs);
	CU_ASSERT(memcmp(other7 + 19, ef7 + 19, 256) != 0);
	okey = strdup(vcard_profile_get(other, "presence_key"));
	CU_ASSERT_FATAL(okey && *okey);
	CU_ASSERT(strcmp(okey, vcard_profile_get(vcard_card_profile(c), "presence_key")) != 0);
	/* card A's EFs answering with card B's key: the signature fails with A's DF51 */
	CU_ASSERT_EQUAL(vcard_profile_set(vcard_card_profile(c), "presence_key", okey), 0);
	CU_ASSERT_EQUAL(vcard_profile_save(vcard_card_profile(c)), 0);
	c = card_reload(c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	tx(c, SEL_KENHOJO);
	tx(c, "0020009104 31323334");
	CU_ASSERT_EQUAL(read_ef(c, "0007", other7, sizeof other7), 536);
	CU_ASSERT(memcmp(other7, ef7, 536) == 0);                    /* still A's EF0007 */
	CU_ASSERT_FATAL(RAND_bytes(rnd, sizeof rnd) == 1);
	presence_cmd(cmd, sizeof cmd, rnd, sizeof rnd, 1);
	CU_ASSERT_EQUAL(tx(c, cmd), 0x9000);
	CU_ASSERT_EQUAL_FATAL(RL, 258);
	CU_ASSERT(!sig_ok(mine, rnd, sizeof rnd, R));
	CU_ASSERT(sig_ok(theirs, rnd, sizeof rnd, R));               /* it is B's key answering */
	/* presence_key emptied (profile-edit FILE presence_key=): loads, no key, 6A88 */
	CU_ASSERT_EQUAL(vcard_profile_set(vcard_card_profile(c), "presence_key", ""), 0);
	CU_ASSERT_EQUAL(vcard_profile_save(vcard_card_profile(c)), 0);
	c = card_reload(c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	tx(c, SEL_KENHOJO);
	CU_ASSERT_EQUAL(tx(c, cmd), 0x6A88);
	CU_ASSERT_EQUAL(RL, 2);
	tx(c, "0020009104 31323334");
	CU_ASSERT_EQUAL(read_ef(c, "0007", other7, sizeof other7), 536);
	vcard_card_free(c);
	/* malformed presence_key: refused and named; no ef0007: no EF0007 */
	CU_ASSERT_EQUAL_FATAL(vcard_profile_load(base_profile, &p, NULL), 0);
	CU_ASSERT_EQUAL(vcard_profile_set(p, "presence_key", "00"), 0);
	bad = NULL;
	CU_ASSERT_EQUAL(vcard_card_new(p, &c, &bad), MG_EINVAL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(bad);
	CU_ASSERT_STRING_EQUAL(bad, "presence_key");
	CU_ASSERT_EQUAL_FATAL(vcard_profile_load(base_profile, &p, NULL), 0);
	CU_ASSERT_EQUAL(vcard_profile_set(p, "presence_key", "zz"), 0);
	CU_ASSERT_EQUAL(vcard_card_new(p, &c, &bad), MG_EINVAL);
	CU_ASSERT_STRING_EQUAL(bad, "presence_key");
	{
		/* the base profile without ef0007 and presence_key lines */
		FILE *f = fopen(base_profile, "r");
		static char text[262144];
		char line[VCARD_PROFILE_LINE_MAX + 2];
		size_t tl = 0;

		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		while (fgets(line, sizeof line, f))
			if (strncmp(line, "ef0007=", 7) != 0 && strncmp(line, "presence_key=", 13) != 0 &&
			    tl + strlen(line) < sizeof text) {
				memcpy(text + tl, line, strlen(line));
				tl += strlen(line);
			}
		fclose(f);
		CU_ASSERT_EQUAL_FATAL(vcard_profile_parse(text, tl, &p, NULL), 0);
		CU_ASSERT_PTR_NULL(vcard_profile_get(p, "ef0007"));
		CU_ASSERT_EQUAL_FATAL(vcard_card_new(p, &c, &bad), 0);
		tx(c, SEL_KENHOJO);
		CU_ASSERT_EQUAL(tx(c, "00A4020C020007"), 0x6A82);
		CU_ASSERT_EQUAL(tx(c, "00B0870000"), 0x6A82);
		CU_ASSERT_EQUAL(tx(c, cmd), 0x6A88);
		vcard_card_free(c);
	}
	free(okey);
	vcard_profile_free(other);
	EVP_PKEY_free(mine);
	EVP_PKEY_free(theirs);
}

TESTUTIL_REGISTER(vcard_card)
{
	static const struct testutil_case cases[] = {
		{ "select", t_select },
		{ "read_binary_forms", t_read_binary_forms },
		{ "verify_counts_blocks_and_persists", t_verify_counts_blocks_and_persists },
		{ "power_clears_volatile_state", t_power_clears_volatile_state },
		{ "get_data_expiry_at_mf", t_get_data_expiry_at_mf },
		{ "malformed_and_classes", t_malformed_and_classes },
		{ "ef0002_layout_and_long_form", t_ef0002_layout_and_long_form },
		{ "wareki_and_collation", t_wareki_and_collation },
		{ "profile_roundtrip", t_profile_roundtrip },
		{ "vpcd_framing_and_log", t_vpcd_framing_and_log },
		{ "signed_material_verifies", t_signed_material_verifies },
		{ "jpki_certificates_and_signature", t_jpki_certificates_and_signature },
		{ "kenkaku_with_collation_b", t_kenkaku_with_collation_b },
		{ "png_is_valid", t_png_is_valid },
		{ "profile_new_options", t_profile_new_options },
		{ "change_reference_data", t_change_reference_data },
		{ "presence_ef0007_and_signature", t_presence_ef0007_and_signature },
		{ "presence_copied_card", t_presence_copied_card },
		{ NULL, NULL }
	};

	testutil_suite("vcard_card", suite_init, NULL, cases);
}
