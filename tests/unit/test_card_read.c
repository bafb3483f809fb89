/*
 * test_card_read.c — the card applications over a scripted fake transport:
 * every C-APDU expected and every answer scripted; faults injected at call N
 * for every N; authenticity with keys generated here (libcrypto).
 */
#include "tests/unit/testutil.h"
#include "card/card_apdu.h"
#include "card/card_jpki.h"
#include "card/card_kenhojo.h"
#include "card/card_kenkaku.h"
#include "card/card_pcsc.h"
#include "card/card_secret.h"
#include "card/card_tlv.h"
#include "card/card_verify.h"
#include "i18n/mg_rc.h"

#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/bn.h>
#include <openssl/x509.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the scripted fake transport ---------------------------------------- */

#define FAKE_STEPS 256

struct step {
	uint8_t cmd[300];      /* expected C-APDU */
	size_t clen;
	uint8_t resp[600];     /* scripted R-APDU */
	size_t rlen;
	EVP_PKEY *signer;      /* set: cmd is a header + Lc only; the answer signs the data with it */
};

struct fake {
	struct step steps[FAKE_STEPS];
	size_t n, pos;         /* scripted steps, next step */
	long calls;            /* connect + transmit calls seen */
	long fail_at;          /* fail call number fail_at and every later one (0: never) */
	int fail_rc;           /* the code it fails with */
	long sw_at;            /* answer transmit number sw_at with 6F00 instead (0: never) */
	long transmits;
	int mismatch;          /* a command differed from the script */
	size_t presence_at;    /* transmit number (1-based) of the first presence APDU (SELECT 0007) */
	int connected, resets, released;
	int gone;              /* the card was pulled (a transmit failed with MG_ECARD_REMOVED) */
	char log[8192];        /* commands seen, hex, one per line (PIN included) */
};

/* Append a hex line to the fake's log. */
static void fake_log(struct fake *f, const uint8_t *c, size_t n)
{
	size_t o = strlen(f->log);

	for (size_t i = 0; i < n && o + 4 < sizeof f->log; i++)
		o += (size_t)snprintf(f->log + o, sizeof f->log - o, "%02X", c[i]);
	if (o + 2 < sizeof f->log) {
		f->log[o++] = '\n';
		f->log[o] = '\0';
	}
}

/* ops: list */
static int fake_list(void *impl, char *buf, size_t cap)
{
	(void)impl;
	if (cap < 20)
		return MG_ETOOLONG;
	memcpy(buf, "Fake 00\0Fake 01\0\0", 17);
	return 0;
}

/* One counted call: 1 when it must fail. */
static int fake_fails(struct fake *f)
{
	f->calls++;
	return f->fail_at > 0 && f->calls >= f->fail_at;
}

/*
 * ops: status_change — a card in "Fake 00" only, until it is pulled. Once the
 * service failed, it stays gone. Nothing changes while waiting: a known state
 * with a timeout is MG_ECARD_TIMEOUT at once.
 */
static int fake_status_change(void *impl, struct card_pcsc_reader *r, size_t n, long t)
{
	struct fake *f = impl;
	int same = 1;

	if (f->fail_at > 0 && f->calls >= f->fail_at && f->fail_rc == MG_ECARD_NOSERVICE)
		return MG_ECARD_NOSERVICE;
	for (size_t i = 0; i < n; i++) {
		unsigned was = r[i].known;

		r[i].state = strcmp(r[i].name, "Fake 00") == 0 && !f->gone ? CARD_PCSC_PRESENT : 0;
		same = same && was == r[i].state;
		r[i].atr_len = 0;
		if (r[i].state) {
			static const uint8_t atr[] = { 0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14 };

			memcpy(r[i].atr, atr, sizeof atr);
			r[i].atr_len = sizeof atr;
		}
	}
	return same && t != 0 ? MG_ECARD_TIMEOUT : 0;
}

/* ops: cancel */
static int fake_cancel(void *impl)
{
	(void)impl;
	return 0;
}

/* ops: connect */
static int fake_connect(void *impl, const char *reader, uint8_t *atr, size_t *atr_len)
{
	struct fake *f = impl;

	if (fake_fails(f))
		return f->fail_rc;
	if (strcmp(reader, "Fake 00") != 0)
		return MG_ECARD_NOCARD;
	atr[0] = 0x3B;
	*atr_len = 1;
	f->connected = 1;
	return 0;
}

/* ops: transmit — compare with the script and answer */
static int fake_transmit(void *impl, const uint8_t *c, size_t clen, uint8_t *r, size_t *rlen)
{
	struct fake *f = impl;
	const struct step *s;

	if (!f->connected)
		return MG_ESTATE;
	if (fake_fails(f)) {
		f->gone = f->fail_rc == MG_ECARD_REMOVED;
		return f->fail_rc;
	}
	f->transmits++;
	fake_log(f, c, clen);
	if (f->pos >= f->n) {
		f->mismatch = 1;
		return MG_ECARD_COMM;
	}
	s = &f->steps[f->pos++];
	if (!s->signer && (s->clen != clen || memcmp(s->cmd, c, clen) != 0))
		f->mismatch = 1;
	if (f->sw_at && f->transmits == f->sw_at) {
		r[0] = 0x6F;
		r[1] = 0x00;
		*rlen = 2;
		return 0;
	}
	if (s->signer) {
		/* 80 2A 00 00 Lc data 00: the data is the reader's own random DigestInfo */
		size_t sl = *rlen - 2;
		EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(s->signer, NULL);
		int ok = clen > 5 && clen == s->clen + c[4] + 1u && memcmp(s->cmd, c, s->clen) == 0 && ctx &&
		         EVP_PKEY_sign_init(ctx) > 0 &&
		         EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) > 0 &&
		         EVP_PKEY_sign(ctx, r, &sl, c + 5, c[4]) > 0;

		EVP_PKEY_CTX_free(ctx);
		if (!ok) {
			f->mismatch = 1;
			sl = 0;
		}
		r[sl] = 0x90;
		r[sl + 1] = 0x00;
		*rlen = sl + 2;
		return 0;
	}
	if (s->rlen > *rlen)
		return MG_ETOOLONG;
	memcpy(r, s->resp, s->rlen);
	*rlen = s->rlen;
	return 0;
}

/* ops: disconnect */
static int fake_disconnect(void *impl, int reset)
{
	struct fake *f = impl;

	f->connected = 0;
	f->resets += reset;
	return 0;
}

/* ops: release */
static void fake_release(void *impl)
{
	struct fake *f = impl;

	f->released = 1;
}

static const struct card_pcsc_ops fake_ops = {
	fake_list, fake_status_change, fake_cancel, fake_connect, fake_transmit, fake_disconnect,
	fake_release
};

/* Decode hex text (spaces allowed) into out; returns the byte count. */
static size_t hx(const char *s, uint8_t *out)
{
	size_t n = 0;
	unsigned v;

	while (*s) {
		if (*s == ' ') {
			s++;
			continue;
		}
		if (sscanf(s, "%2x", &v) != 1)
			break;
		out[n++] = (uint8_t)v;
		s += 2;
	}
	return n;
}

/* Script one step: command hex, answer = data bytes + SW. */
static void step(struct fake *f, const char *cmd, const uint8_t *data, size_t dlen, uint16_t sw)
{
	struct step *s = &f->steps[f->n++];

	CU_ASSERT_FATAL(f->n <= FAKE_STEPS && dlen + 2 <= sizeof s->resp);
	s->clen = hx(cmd, s->cmd);
	if (dlen)
		memcpy(s->resp, data, dlen);
	s->resp[dlen] = (uint8_t)(sw >> 8);
	s->resp[dlen + 1] = (uint8_t)sw;
	s->rlen = dlen + 2;
}

/* Script the READ BINARY steps of card_apdu_read_ef for an EF of len bytes. */
static void step_read_ef(struct fake *f, const uint8_t *ef, size_t len, size_t cap)
{
	struct card_tlv t;
	size_t first = cap < 256 ? cap : 256, have, total;
	char cmd[32];

	CU_ASSERT_FATAL(card_tlv_header(ef, len, &t) == 0);
	total = t.hdr_len + t.len;
	snprintf(cmd, sizeof cmd, "00B00000%02X", (unsigned)(first & 0xFF));
	have = len < first ? len : first;
	step(f, cmd, ef, have, 0x9000);
	while (have < total) {
		size_t want = total - have < 256 ? total - have : 256;

		snprintf(cmd, sizeof cmd, "00B0%02X%02X%02X", (unsigned)(have >> 8), (unsigned)(have & 0xFF),
		         (unsigned)(want & 0xFF));
		step(f, cmd, ef + have, want, 0x9000);
		have += want;
	}
}

/* Script the presence challenge (80 2A 00 00, a 51-byte DigestInfo, Le 00) answered by key. */
static void step_sign(struct fake *f, EVP_PKEY *key)
{
	struct step *s = &f->steps[f->n++];

	CU_ASSERT_FATAL(f->n <= FAKE_STEPS);
	s->clen = hx("802A000033", s->cmd);
	s->signer = key;
}

/* ---- card data, signed with keys made here -------------------------------- */

struct cardset {
	EVP_PKEY *ca;            /* issuer key (demo id) */
	EVP_PKEY *ca_prod;       /* issuer key (non-demo id) */
	EVP_PKEY *cardkey;       /* the AP key certified by EF0004 */
	EVP_PKEY *presence;      /* the AP's own key of EF0007 (the card signs challenges with it) */
	EVP_PKEY *other;         /* another card's key: a copy of this card answers with it */
	uint8_t ef1[17], ef2[600], ef3[400], ef4[600], ef7[600];
	size_t ef2_len, ef3_len, ef4_len, ef7_len;
};

static struct cardset cs;
static const uint8_t demo_id[16] = { '9', '9', '0', '0', '0', '3', '3', 0x08, 0x05, '0', '0', '1', 0, 0, 0, 0 };
static const uint8_t prod_id[16] = { '5', '0', '0', '0', '0', '3', '3', 0x08, 0x05, '0', '0', '1', 0, 0, 0, 0 };
static const uint8_t card_id[16] = { 'C', 'A', 'R', 'D', '0', '0', '1', 0x08, 0x05, '0', '0', '1', 0, 0, 0, 1 };

/* Modulus and exponent of an RSA key (big-endian). */
static void key_ne(EVP_PKEY *k, uint8_t *n, size_t *nlen, uint8_t *e, size_t *elen)
{
	BIGNUM *bn = NULL, *be = NULL;

	EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_N, &bn);
	EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_E, &be);
	*nlen = (size_t)BN_bn2bin(bn, n);
	*elen = (size_t)BN_bn2bin(be, e);
	BN_free(bn);
	BN_free(be);
}

/* RSA PKCS#1 v1.5 SHA-256 signature; returns its length. */
static size_t sign(EVP_PKEY *k, const uint8_t *m, size_t mlen, uint8_t *sig)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t slen = 512;

	EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, k);
	EVP_DigestSign(ctx, sig, &slen, m, mlen);
	EVP_MD_CTX_free(ctx);
	return slen;
}

/* Write tag + length (+ value unless v is NULL) at p; returns bytes written. */
static size_t put(uint8_t *p, uint32_t tag, const uint8_t *v, size_t len)
{
	size_t o = 0;
	int n;

	if (tag > 0xFF)
		p[o++] = (uint8_t)(tag >> 8);
	p[o++] = (uint8_t)tag;
	n = card_tlv_put_len(len, p + o);
	o += (size_t)n;
	if (!v)
		return o;          /* header only: the value follows */
	memmove(p + o, v, len);
	return o + len;
}

/* Build EF0002 for name/address/birth/sex. */
static size_t make_ef2(uint8_t *b, const char *name, const char *addr, const char *birth, char sex)
{
	size_t nl = strlen(name), al = strlen(addr), inner, hdr, o1, o2, o3, o4, p;
	uint8_t tbl[8];

	inner = 11 + 2 + (nl < 0x80 ? 1 : 2) + nl + 2 + (al < 0x80 ? 1 : 2) + al + 11 + 4;
	hdr = 2 + (inner < 0x80 ? 1 : inner < 0x100 ? 2 : 3);
	o1 = hdr + 11;
	o2 = o1 + 2 + (nl < 0x80 ? 1 : 2) + nl;
	o3 = o2 + 2 + (al < 0x80 ? 1 : 2) + al;
	o4 = o3 + 11;
	tbl[0] = (uint8_t)(o1 >> 8); tbl[1] = (uint8_t)o1;
	tbl[2] = (uint8_t)(o2 >> 8); tbl[3] = (uint8_t)o2;
	tbl[4] = (uint8_t)(o3 >> 8); tbl[5] = (uint8_t)o3;
	tbl[6] = (uint8_t)(o4 >> 8); tbl[7] = (uint8_t)o4;
	p = put(b, 0xFF20, NULL, inner);
	p += put(b + p, 0xDF21, tbl, 8);
	p += put(b + p, 0xDF22, (const uint8_t *)name, nl);
	p += put(b + p, 0xDF23, (const uint8_t *)addr, al);
	p += put(b + p, 0xDF24, (const uint8_t *)birth, 8);
	p += put(b + p, 0xDF25, (const uint8_t *)&sex, 1);
	CU_ASSERT(p == hdr + inner);
	return p;
}

/* Build EF0003 (hashes + DF33 by cardkey), EF0004 (certificate by issuer) and EF0007 (presence key by issuer). */
static void make_signed(struct cardset *c, EVP_PKEY *issuer, const uint8_t *issuer_id)
{
	uint8_t body[297], sig[512], n[512], e[8], rec[600], h[32];
	size_t nlen, elen, slen, p, o1, end;
	unsigned int hl;
	struct card_tlv t, d21;

	key_ne(c->cardkey, n, &nlen, e, &elen);
	CU_ASSERT_FATAL(nlen == 256 && elen == 3);
	memcpy(body, issuer_id, 16);
	memcpy(body + 16, card_id, 16);
	p = 32 + put(body + 32, 0x90, e, 3);
	p += put(body + p, 0x91, n, 256);
	CU_ASSERT_FATAL(p == 297);
	slen = sign(issuer, body, 297, sig);
	p = put(c->ef4, 0x7F21, NULL, 5 + 297 + 5 + slen);
	p += put(c->ef4 + p, 0x5F4E, body, 297);
	p += put(c->ef4 + p, 0x5F37, sig, slen);
	c->ef4_len = p;
	/* DF31 ‖ DF32, then DF33 over both */
	EVP_Digest(c->ef1, 17, h, &hl, EVP_sha256(), NULL);
	p = put(rec, 0xDF31, h, 32);
	card_tlv_parse(c->ef2, c->ef2_len, &t);
	card_tlv_parse(t.value, t.len, &d21);
	o1 = (size_t)d21.value[0] << 8 | d21.value[1];
	end = t.hdr_len + t.len;
	EVP_Digest(c->ef2 + o1, end - o1, h, &hl, EVP_sha256(), NULL);
	p += put(rec + p, 0xDF32, h, 32);
	slen = sign(c->cardkey, rec, p, sig);
	p += put(rec + p, 0xDF33, sig, slen);
	end = put(c->ef3, 0xFF30, NULL, p);
	memcpy(c->ef3 + end, rec, p);
	c->ef3_len = end + p;
	/* EF0007: FF50 { DF51 { 90 e, 91 n }, DF52 = issuer signature over the DF51 TLV } */
	key_ne(c->presence, n, &nlen, e, &elen);
	CU_ASSERT_FATAL(nlen == 256 && elen == 3);
	p = put(body, 0x90, e, 3);
	p += put(body + p, 0x91, n, 256);
	p = put(rec, 0xDF51, body, p);
	slen = sign(issuer, rec, p, sig);
	p += put(rec + p, 0xDF52, sig, slen);
	end = put(c->ef7, 0xFF50, NULL, p);
	memcpy(c->ef7 + end, rec, p);
	c->ef7_len = end + p;
}

/* The default holder. */
static void make_card(struct cardset *c, const char *mynumber, EVP_PKEY *issuer, const uint8_t *id)
{
	memcpy(c->ef1, "\xFF\x10\x0C", 3);
	memcpy(c->ef1 + 3, mynumber, 12);
	c->ef1[15] = c->ef1[16] = 0xFF;
	c->ef2_len = make_ef2(c->ef2, "山田　太郎", "東京都千代田区霞が関二丁目１番２号", "19850401", '1');
	make_signed(c, issuer, id);
}

/* Presence evidence for c: the card's key (or another) signed the 32-byte challenge chal. */
static void presence_of(const struct cardset *c, EVP_PKEY *signer, const uint8_t *chal, uint8_t *ans,
                        struct card_presence *pr)
{
	pr->ef7 = c->ef7;
	pr->ef7_len = c->ef7_len;
	pr->challenge = chal;
	pr->challenge_len = 32;
	pr->answer = ans;
	pr->answer_len = sign(signer, chal, 32, ans);
}

/* One trust-store key line, without its end: id, exponent, modulus in hex. */
static void put_key_line(FILE *f, const uint8_t *id, EVP_PKEY *k)
{
	uint8_t n[512], e[8];
	size_t nl, el;

	key_ne(k, n, &nl, e, &el);
	for (int i = 0; i < 16; i++)
		fprintf(f, "%02x", id[i]);
	fputc(' ', f);
	for (size_t i = 0; i < el; i++)
		fprintf(f, "%02X", e[i]);
	fputc(' ', f);
	for (size_t i = 0; i < nl; i++)
		fprintf(f, "%02X", n[i]);
}

/* Write a trust file with the given keys. */
static const char *write_trust(int with_demo, int with_prod)
{
	const char *path = testutil_path(with_demo ? (with_prod ? "trust-both.txt" : "trust-demo.txt")
	                                            : "trust-prod.txt");
	FILE *f = fopen(path, "w");

	CU_ASSERT_FATAL(f != NULL);
	fprintf(f, "# test anchors\n\n");
	for (int k = 0; k < 2; k++) {
		if ((k == 0 && !with_demo) || (k == 1 && !with_prod))
			continue;
		put_key_line(f, k == 0 ? demo_id : prod_id, k == 0 ? cs.ca : cs.ca_prod);
		fprintf(f, "   # key %d\n", k);
	}
	fclose(f);
	return path;
}

static int suite_init(void)
{
	cs.ca = EVP_RSA_gen(2048);
	cs.ca_prod = EVP_RSA_gen(2048);
	cs.cardkey = EVP_RSA_gen(2048);
	cs.presence = EVP_RSA_gen(2048);
	cs.other = EVP_RSA_gen(2048);
	return cs.ca && cs.ca_prod && cs.cardkey && cs.presence && cs.other ? 0 : 1;
}

static int suite_fini(void)
{
	EVP_PKEY_free(cs.ca);
	EVP_PKEY_free(cs.ca_prod);
	EVP_PKEY_free(cs.cardkey);
	EVP_PKEY_free(cs.presence);
	EVP_PKEY_free(cs.other);
	return 0;
}

/* ---- scripts --------------------------------------------------------------- */

#define SEL_KENHOJO "00A4040C0AD3921000310001010408"
#define GET_F2 "00CA00F200"

/* Script a full 入力補助AP read of c with retry answer q and VERIFY answer v. */
static void script_kenhojo(struct fake *f, const struct cardset *c, uint16_t q, uint16_t v)
{
	uint8_t exp[10];

	step(f, GET_F2, exp, hx("F2 08 3230333530343031", exp), 0x9000);
	step(f, SEL_KENHOJO, NULL, 0, 0x9000);
	step(f, "00A4020C020011", NULL, 0, 0x9000);
	step(f, "00200080", NULL, 0, q);
	if (v == 0)
		return;
	step(f, "002000800431323334", NULL, 0, v);
	if (v != 0x9000)
		return;
	step(f, "00A4020C020001", NULL, 0, 0x9000);
	step_read_ef(f, c->ef1, 17, CARD_KENHOJO_EF1_MAX);
	step(f, "00A4020C020002", NULL, 0, 0x9000);
	step_read_ef(f, c->ef2, c->ef2_len, CARD_KENHOJO_EF2_MAX);
	step(f, "00A4020C020003", NULL, 0, 0x9000);
	step_read_ef(f, c->ef3, c->ef3_len, CARD_KENHOJO_EF3_MAX);
	step(f, "00A4020C020004", NULL, 0, 0x9000);
	step_read_ef(f, c->ef4, c->ef4_len, CARD_KENHOJO_EF4_MAX);
	f->presence_at = f->n + 1;
	step(f, "00A4020C020007", NULL, 0, 0x9000);
	step_read_ef(f, c->ef7, c->ef7_len, CARD_KENHOJO_EF7_MAX);
	step_sign(f, c->presence);
}

/* A transport over a fresh fake. */
static struct card_pcsc *open_fake(struct fake *f)
{
	struct card_pcsc *pc = NULL;

	memset(f, 0, sizeof *f);
	CU_ASSERT_FATAL(card_pcsc_open_ops(&fake_ops, f, &pc) == 0);
	return pc;
}

/* A PIN secret holding pin. */
static struct card_secret *pin_of(const char *pin)
{
	struct card_secret *s = NULL;

	CU_ASSERT_FATAL(card_secret_new(&s) == 0);
	CU_ASSERT_FATAL(card_secret_set(s, pin, strlen(pin)) == 0);
	return s;
}

/* 1 when every byte of the result except retries, pin_sent and apdus is zero. */
static int wiped(const struct card_kenhojo *k)
{
	struct card_kenhojo z;

	memcpy(&z, k, sizeof z);
	z.retries = 0;
	z.pin_sent = 0;
	z.apdus = 0;
	for (size_t i = 0; i < sizeof z; i++)
		if (((const uint8_t *)&z)[i])
			return 0;
	return 1;
}

/* Count lines of the fake's log starting with prefix. */
static int log_count(const struct fake *f, const char *prefix)
{
	int n = 0;

	for (const char *p = f->log; *p; p = strchr(p, '\n') + 1)
		if (strncmp(p, prefix, strlen(prefix)) == 0)
			n++;
	return n;
}

/* ---- tests ------------------------------------------------------------------ */

static void t_full_read_exact_apdus(void)
{
	static struct fake f;
	struct card_pcsc *pc = open_fake(&f);
	struct card_kenhojo *k = calloc(1, sizeof *k);
	struct card_secret *pin = pin_of("1234");
	char reader[CARD_PCSC_NAME_MAX];

	make_card(&cs, "123456789018", cs.ca, demo_id);
	script_kenhojo(&f, &cs, 0x63C3, 0x9000);
	CU_ASSERT_EQUAL(card_pcsc_choose(pc, NULL, reader, sizeof reader), 0);
	CU_ASSERT_STRING_EQUAL(reader, "Fake 00");
	CU_ASSERT_EQUAL(card_kenhojo_read(pc, reader, pin, 0, k), 0);
	CU_ASSERT_EQUAL(f.mismatch, 0);
	CU_ASSERT_EQUAL(f.pos, f.n);                 /* every scripted APDU, nothing more */
	CU_ASSERT_EQUAL(k->apdus, f.n);
	CU_ASSERT_EQUAL(f.resets, 1);                /* disconnect resets the card */
	CU_ASSERT_EQUAL(f.connected, 0);
	CU_ASSERT_EQUAL(card_secret_len(pin), 0);    /* PIN wiped */
	CU_ASSERT_STRING_EQUAL(k->name, "山田　太郎");
	CU_ASSERT_STRING_EQUAL(k->address, "東京都千代田区霞が関二丁目１番２号");
	CU_ASSERT_STRING_EQUAL(k->birth, "19850401");
	CU_ASSERT_STRING_EQUAL(k->sex, "1");
	CU_ASSERT_STRING_EQUAL(k->mynumber, "123456789018");
	CU_ASSERT_STRING_EQUAL(k->expiry, "20350401");
	CU_ASSERT_EQUAL(k->retries, 3);
	CU_ASSERT_EQUAL(k->ef1_len, 17);
	/* one SELECT per EF, one VERIFY with data */
	CU_ASSERT_EQUAL(log_count(&f, "00A4020C020001"), 1);
	CU_ASSERT_EQUAL(log_count(&f, "00A4020C020004"), 1);
	CU_ASSERT_EQUAL(log_count(&f, "0020008004"), 1);
	/* the presence evidence: EF0007 and one signed challenge, not a fixed one */
	CU_ASSERT_EQUAL(log_count(&f, "00A4020C020007"), 1);
	CU_ASSERT_EQUAL(log_count(&f, "802A000033"), 1);
	CU_ASSERT_EQUAL(k->ef7_len, cs.ef7_len);
	CU_ASSERT(memcmp(k->ef7, cs.ef7, cs.ef7_len) == 0);
	CU_ASSERT_EQUAL(k->answer_len, 256);
	{
		static const uint8_t zero[CARD_KENHOJO_CHALLENGE];

		CU_ASSERT(memcmp(k->challenge, zero, sizeof zero) != 0);
	}
	card_secret_free(pin);
	card_kenhojo_wipe(k);
	free(k);
	card_pcsc_close(pc);
	CU_ASSERT(f.released);
}

static void t_verdicts(void)
{
	static struct fake f;
	struct card_kenhojo *k = calloc(1, sizeof *k);
	struct card_trust *demo = NULL, *prod = NULL, *both = NULL;
	struct card_presence pr;
	uint8_t chal[32] = "a challenge of thirty-two bytes", ans[512];
	int line = -1;

	CU_ASSERT_EQUAL_FATAL(card_verify_trust_load(write_trust(1, 0), 0, &demo, &line, NULL, 0), 0);
	CU_ASSERT_EQUAL(line, 0);
	CU_ASSERT_EQUAL_FATAL(card_verify_trust_load(write_trust(0, 1), 0, &prod, NULL, NULL, 0), 0);
	CU_ASSERT_EQUAL_FATAL(card_verify_trust_load(write_trust(1, 1), 0, &both, NULL, NULL, 0), 0);
	CU_ASSERT_EQUAL(card_verify_trust_count(both, NULL), 2);
	make_card(&cs, "123456789018", cs.ca, demo_id);
	{
		struct card_pcsc *pc = open_fake(&f);
		struct card_secret *pin = pin_of("1234");

		script_kenhojo(&f, &cs, 0x63C3, 0x9000);
		CU_ASSERT_EQUAL_FATAL(card_kenhojo_read(pc, "Fake 00", pin, 0, k), 0);
		card_secret_free(pin);
		card_pcsc_close(pc);
	}
	/* demo anchor: genuine only with the flag */
	CU_ASSERT_EQUAL(card_kenhojo_verify(k, demo, CARD_VERIFY_ALLOW_DEMO), 0);
	CU_ASSERT_EQUAL(k->verdict.kind, CARD_VERDICT_GENUINE);
	CU_ASSERT_STRING_EQUAL(k->verdict.issuer, "9900033-001");
	CU_ASSERT(k->verdict.demo_anchor);
	CU_ASSERT_EQUAL(card_kenhojo_verify(k, demo, 0), 0);
	CU_ASSERT_EQUAL(k->verdict.kind, CARD_VERDICT_UNKNOWN_CA);
	CU_ASSERT_EQUAL(card_kenhojo_verify(k, prod, CARD_VERIFY_ALLOW_DEMO), 0);
	CU_ASSERT_EQUAL(k->verdict.kind, CARD_VERDICT_UNKNOWN_CA);
	CU_ASSERT_EQUAL(card_kenhojo_verify(k, NULL, CARD_VERIFY_ALLOW_DEMO), 0);
	CU_ASSERT_EQUAL(k->verdict.kind, CARD_VERDICT_UNKNOWN_CA);
	/* tampered 4情報: a changed name, re-encoded with the same lengths */
	{
		uint8_t save[CARD_KENHOJO_EF2_MAX];

		memcpy(save, k->ef2, sizeof save);
		k->ef2[k->ef2_len - 20] ^= 0x01;
		CU_ASSERT_EQUAL(card_kenhojo_verify(k, both, CARD_VERIFY_ALLOW_DEMO), 0);
		CU_ASSERT_EQUAL(k->verdict.kind, CARD_VERDICT_NOT_GENUINE);
		CU_ASSERT_EQUAL(k->verdict.failed, CARD_CHECK_FOURINFO_HASH);
		memcpy(k->ef2, save, sizeof save);
	}
	/* tampered 個人番号 */
	k->ef1[14] ^= 0x01;
	CU_ASSERT_EQUAL(card_kenhojo_verify(k, both, CARD_VERIFY_ALLOW_DEMO), 0);
	CU_ASSERT_EQUAL(k->verdict.failed, CARD_CHECK_MYNUMBER_HASH);
	k->ef1[14] ^= 0x01;
	/* a flipped bit in DF33 */
	k->ef3[k->ef3_len - 1] ^= 0x01;
	CU_ASSERT_EQUAL(card_kenhojo_verify(k, both, CARD_VERIFY_ALLOW_DEMO), 0);
	CU_ASSERT_EQUAL(k->verdict.failed, CARD_CHECK_RECORD_SIG);
	k->ef3[k->ef3_len - 1] ^= 0x01;
	/* a flipped bit in the certified modulus */
	k->ef4[200] ^= 0x01;
	CU_ASSERT_EQUAL(card_kenhojo_verify(k, both, CARD_VERIFY_ALLOW_DEMO), 0);
	CU_ASSERT_EQUAL(k->verdict.kind, CARD_VERDICT_NOT_GENUINE);
	CU_ASSERT_EQUAL(k->verdict.failed, CARD_CHECK_CERT_SIG);
	k->ef4[200] ^= 0x01;
	/* a truncated certificate */
	{
		size_t l = k->ef4_len;

		k->ef4_len = 100;
		CU_ASSERT_EQUAL(card_kenhojo_verify(k, both, CARD_VERIFY_ALLOW_DEMO), 0);
		CU_ASSERT_EQUAL(k->verdict.failed, CARD_CHECK_CERT_FORMAT);
		k->ef4_len = l;
	}
	CU_ASSERT_EQUAL(card_kenhojo_verify(k, both, CARD_VERIFY_ALLOW_DEMO), 0);
	CU_ASSERT_EQUAL(k->verdict.kind, CARD_VERDICT_GENUINE);
	/* a production anchor needs no flag; the same card key signed by the other CA */
	make_signed(&cs, cs.ca_prod, prod_id);
	presence_of(&cs, cs.presence, chal, ans, &pr);
	CU_ASSERT_EQUAL(card_verify_kenhojo(prod, 0, cs.ef1, 17, cs.ef2, cs.ef2_len, cs.ef3, cs.ef3_len,
	                                    cs.ef4, cs.ef4_len, &pr, &k->verdict), 0);
	CU_ASSERT_EQUAL(k->verdict.kind, CARD_VERDICT_GENUINE);
	CU_ASSERT(!k->verdict.demo_anchor);
	/* signed by the demo CA but naming the production id: signature fails */
	make_signed(&cs, cs.ca, prod_id);
	CU_ASSERT_EQUAL(card_verify_kenhojo(prod, 0, cs.ef1, 17, cs.ef2, cs.ef2_len, cs.ef3, cs.ef3_len,
	                                    cs.ef4, cs.ef4_len, &pr, &k->verdict), 0);
	CU_ASSERT_EQUAL(k->verdict.failed, CARD_CHECK_CERT_SIG);
	card_verify_trust_free(demo);
	card_verify_trust_free(prod);
	card_verify_trust_free(both);
	card_kenhojo_wipe(k);
	free(k);
}

static void t_trust_file_errors(void)
{
	const char *p = testutil_path("trust-bad.txt");
	struct card_trust *t = NULL;
	FILE *f;
	int line = 0;

	f = fopen(p, "w");
	fprintf(f, "# ok\n\n%s 010001 00FF\n", "39393030303333080530303100000000");
	fclose(f);
	/* modulus too short */
	CU_ASSERT_EQUAL(card_verify_trust_load(p, 0, &t, &line, NULL, 0), MG_ECARD_TRUST);
	CU_ASSERT_EQUAL(line, 3);
	CU_ASSERT_PTR_NULL(t);
	f = fopen(p, "w");
	fprintf(f, "3939 010001\n");
	fclose(f);
	CU_ASSERT_EQUAL(card_verify_trust_load(p, 0, &t, &line, NULL, 0), MG_ECARD_TRUST);
	CU_ASSERT_EQUAL(line, 1);
	f = fopen(p, "w");
	fprintf(f, "x509 missing.pem\n");
	fclose(f);
	CU_ASSERT_EQUAL(card_verify_trust_load(p, 0, &t, &line, NULL, 0), MG_ECARD_TRUST);
	CU_ASSERT_EQUAL(card_verify_trust_load(testutil_path("none.txt"), 0, &t, &line, NULL, 0), MG_EIO);
	/* weak anchors: a 1024-bit modulus, exponent 1, an even exponent */
	{
		EVP_PKEY *k1024 = EVP_RSA_gen(1024);
		uint8_t n[512], e[8];
		size_t nl, el;
		static const char *const exps[3] = { "010001", "01", "010000" };

		CU_ASSERT_FATAL(k1024 != NULL);
		for (int i = 0; i < 3; i++) {
			key_ne(i == 0 ? k1024 : cs.ca, n, &nl, e, &el);
			f = fopen(p, "w");
			fprintf(f, "39393030303333080530303100000000 %s ", exps[i]);
			for (size_t j = 0; j < nl; j++)
				fprintf(f, "%02X", n[j]);
			fputc('\n', f);
			fclose(f);
			line = 0;
			CU_ASSERT_EQUAL(card_verify_trust_load(p, 0, &t, &line, NULL, 0), MG_ECARD_TRUST);
			CU_ASSERT_EQUAL(line, 1);
		}
		/* the same line with the real exponent loads: the refusals above are the key's */
		CU_ASSERT_EQUAL(el, 3);
		f = fopen(p, "w");
		fprintf(f, "39393030303333080530303100000000 %02X%02X%02X ", e[0], e[1], e[2]);
		for (size_t j = 0; j < nl; j++)
			fprintf(f, "%02X", n[j]);
		fputc('\n', f);
		fclose(f);
		CU_ASSERT_EQUAL(card_verify_trust_load(p, 0, &t, &line, NULL, 0), 0);
		card_verify_trust_free(t);
		EVP_PKEY_free(k1024);
	}
}

/* Verify cs with evidence pr against the demo anchor; the verdict's failed check (NONE: genuine). */
static enum card_check presence_verdict(const struct card_trust *tr, const struct card_presence *pr)
{
	struct card_verdict v;

	CU_ASSERT_EQUAL_FATAL(card_verify_kenhojo(tr, CARD_VERIFY_ALLOW_DEMO, cs.ef1, 17, cs.ef2,
	                                          cs.ef2_len, cs.ef3, cs.ef3_len, cs.ef4, cs.ef4_len, pr,
	                                          &v), 0);
	CU_ASSERT(v.kind == (v.failed == CARD_CHECK_NONE ? CARD_VERDICT_GENUINE : CARD_VERDICT_NOT_GENUINE));
	return v.failed;
}

/* Checks 5–6 (§7.2): a copy of the EFs without the chip's key is not genuine; weak keys prove nothing. */
static void t_presence_and_weak_keys(void)
{
	struct card_trust *tr = NULL;
	struct card_presence pr;
	uint8_t chal[32], ans[512], e1[3] = { 0x00, 0x00, 0x01 };

	memset(chal, 0xA5, sizeof chal);
	CU_ASSERT_EQUAL_FATAL(card_verify_trust_load(write_trust(1, 0), 0, &tr, NULL, NULL, 0), 0);
	make_card(&cs, "123456789018", cs.ca, demo_id);
	presence_of(&cs, cs.presence, chal, ans, &pr);
	CU_ASSERT_EQUAL(presence_verdict(tr, &pr), CARD_CHECK_NONE);
	/* no evidence at all, no EF0007, a truncated one */
	CU_ASSERT_EQUAL(presence_verdict(tr, NULL), CARD_CHECK_PRESENCE_KEY);
	pr.ef7_len = 0;
	CU_ASSERT_EQUAL(presence_verdict(tr, &pr), CARD_CHECK_PRESENCE_KEY);
	pr.ef7_len = cs.ef7_len - 1;
	CU_ASSERT_EQUAL(presence_verdict(tr, &pr), CARD_CHECK_PRESENCE_KEY);
	pr.ef7_len = cs.ef7_len;
	/* DF52 or the DF51 modulus changed: the key is not the issuer's */
	cs.ef7[cs.ef7_len - 1] ^= 0x01;
	CU_ASSERT_EQUAL(presence_verdict(tr, &pr), CARD_CHECK_PRESENCE_KEY);
	cs.ef7[cs.ef7_len - 1] ^= 0x01;
	cs.ef7[100] ^= 0x01;
	CU_ASSERT_EQUAL(presence_verdict(tr, &pr), CARD_CHECK_PRESENCE_KEY);
	cs.ef7[100] ^= 0x01;
	CU_ASSERT_EQUAL(presence_verdict(tr, &pr), CARD_CHECK_NONE);
	/* the card refused to sign; a flipped bit; a short challenge */
	pr.answer_len = 0;
	CU_ASSERT_EQUAL(presence_verdict(tr, &pr), CARD_CHECK_PRESENCE);
	pr.answer_len = 256;
	ans[17] ^= 0x01;
	CU_ASSERT_EQUAL(presence_verdict(tr, &pr), CARD_CHECK_PRESENCE);
	ans[17] ^= 0x01;
	pr.challenge_len = 15;
	CU_ASSERT_EQUAL(presence_verdict(tr, &pr), CARD_CHECK_PRESENCE);
	/* a copy: the same EFs, and an answer by another key or an old answer replayed */
	presence_of(&cs, cs.other, chal, ans, &pr);
	CU_ASSERT_EQUAL(presence_verdict(tr, &pr), CARD_CHECK_PRESENCE);
	presence_of(&cs, cs.presence, chal, ans, &pr);
	chal[0] ^= 0x01;
	CU_ASSERT_EQUAL(presence_verdict(tr, &pr), CARD_CHECK_PRESENCE);
	chal[0] ^= 0x01;
	/* exponent 1 in EF0007, re-signed by the issuer: refused as a key */
	CU_ASSERT_FATAL(memcmp(cs.ef7 + 10, "\x90\x03\x01\x00\x01", 5) == 0);
	memcpy(cs.ef7 + 12, e1, 3);
	CU_ASSERT_EQUAL(sign(cs.ca, cs.ef7 + 5, 270, cs.ef7 + 280), 256);
	CU_ASSERT_EQUAL(presence_verdict(tr, &pr), CARD_CHECK_PRESENCE_KEY);
	/* exponent 1 in EF0004, re-signed by the issuer: the certificate is refused */
	make_card(&cs, "123456789018", cs.ca, demo_id);
	CU_ASSERT_FATAL(memcmp(cs.ef4 + 10 + 32, "\x90\x03\x01\x00\x01", 5) == 0);
	memcpy(cs.ef4 + 10 + 34, e1, 3);
	CU_ASSERT_EQUAL(sign(cs.ca, cs.ef4 + 10, 297, cs.ef4 + 312), 256);
	CU_ASSERT_EQUAL(presence_verdict(tr, &pr), CARD_CHECK_CERT_FORMAT);
	make_card(&cs, "123456789018", cs.ca, demo_id);
	card_verify_trust_free(tr);
}

/* A trust file holding one anchor: key under id. */
static struct card_trust *trust_one(const uint8_t *id, EVP_PKEY *key)
{
	const char *path = testutil_path("trust-one.txt");
	struct card_trust *t = NULL;
	FILE *f = fopen(path, "w");

	CU_ASSERT_FATAL(f != NULL);
	put_key_line(f, id, key);
	fputc('\n', f);
	fclose(f);
	CU_ASSERT_EQUAL_FATAL(card_verify_trust_load(path, 0, &t, NULL, NULL, 0), 0);
	return t;
}

/* J-LIS test-card anchors only in demo/test mode; an anchor of another AP's CA vouches for nothing. */
static void t_anchor_ids(void)
{
	static const uint8_t test_id[16] = { '6', '0', '0', '0', '0', '3', '3', 0x08, 0x05, '0', '0', '1' };
	static const uint8_t kenkaku_id[16] = { '5', '0', '0', '0', '0', '2', '3', 0x08, 0x05, '0', '0', '1' };
	struct card_presence pr;
	struct card_verdict v;
	struct card_trust *t;
	uint8_t chal[32], ans[512];

	memset(chal, 0x3C, sizeof chal);
	make_card(&cs, "123456789018", cs.ca_prod, test_id);
	presence_of(&cs, cs.presence, chal, ans, &pr);
	t = trust_one(test_id, cs.ca_prod);
	CU_ASSERT_EQUAL(card_verify_kenhojo(t, 0, cs.ef1, 17, cs.ef2, cs.ef2_len, cs.ef3, cs.ef3_len,
	                                    cs.ef4, cs.ef4_len, &pr, &v), 0);
	CU_ASSERT_EQUAL(v.kind, CARD_VERDICT_UNKNOWN_CA);
	CU_ASSERT(v.demo_anchor);
	CU_ASSERT_STRING_EQUAL(v.issuer, "6000033-001");
	CU_ASSERT_EQUAL(card_verify_kenhojo(t, CARD_VERIFY_ALLOW_DEMO, cs.ef1, 17, cs.ef2, cs.ef2_len,
	                                    cs.ef3, cs.ef3_len, cs.ef4, cs.ef4_len, &pr, &v), 0);
	CU_ASSERT_EQUAL(v.kind, CARD_VERDICT_GENUINE);
	card_verify_trust_free(t);
	/* the 券面AP CA (…023) signing a 入力補助AP certificate: not its purpose */
	make_card(&cs, "123456789018", cs.ca_prod, kenkaku_id);
	t = trust_one(kenkaku_id, cs.ca_prod);
	for (unsigned fl = 0; fl <= CARD_VERIFY_ALLOW_DEMO; fl++) {
		CU_ASSERT_EQUAL(card_verify_kenhojo(t, fl, cs.ef1, 17, cs.ef2, cs.ef2_len, cs.ef3, cs.ef3_len,
		                                    cs.ef4, cs.ef4_len, &pr, &v), 0);
		CU_ASSERT_EQUAL(v.kind, CARD_VERDICT_UNKNOWN_CA);
		CU_ASSERT(!v.demo_anchor);
	}
	card_verify_trust_free(t);
	make_card(&cs, "123456789018", cs.ca, demo_id);
}

static void t_pin_rule(void)
{
	static struct fake f;
	struct card_kenhojo *k = calloc(1, sizeof *k);
	struct card_pcsc *pc;
	struct card_secret *pin;

	make_card(&cs, "123456789018", cs.ca, demo_id);
	/* wrong PIN: 3 → 2 */
	pc = open_fake(&f);
	pin = pin_of("1234");
	script_kenhojo(&f, &cs, 0x63C3, 0x63C2);
	CU_ASSERT_EQUAL(card_kenhojo_read(pc, "Fake 00", pin, 0, k), MG_ECARD_PIN_WRONG);
	CU_ASSERT_EQUAL(k->retries, 2);
	CU_ASSERT(wiped(k));
	CU_ASSERT_EQUAL(f.mismatch, 0);
	CU_ASSERT_EQUAL(f.pos, f.n);
	CU_ASSERT_EQUAL(card_secret_len(pin), 0);
	card_secret_free(pin);
	card_pcsc_close(pc);
	/* one try left, no confirmation: nothing sent after the query */
	pc = open_fake(&f);
	pin = pin_of("1234");
	script_kenhojo(&f, &cs, 0x63C1, 0);
	CU_ASSERT_EQUAL(card_kenhojo_read(pc, "Fake 00", pin, 0, k), MG_ECARD_PIN_LASTTRY);
	CU_ASSERT_EQUAL(k->retries, 1);
	CU_ASSERT_EQUAL(log_count(&f, "0020008004"), 0);
	CU_ASSERT_EQUAL(f.pos, f.n);
	CU_ASSERT_EQUAL(card_secret_len(pin), 0);
	card_secret_free(pin);
	card_pcsc_close(pc);
	/* one try left, confirmed, wrong: 63C0 → blocked */
	pc = open_fake(&f);
	pin = pin_of("1234");
	script_kenhojo(&f, &cs, 0x63C1, 0x63C0);
	CU_ASSERT_EQUAL(card_kenhojo_read(pc, "Fake 00", pin, CARD_KENHOJO_LAST_TRY, k), MG_ECARD_PIN_BLOCKED);
	CU_ASSERT_EQUAL(k->retries, 0);
	CU_ASSERT_EQUAL(log_count(&f, "0020008004"), 1);
	card_secret_free(pin);
	card_pcsc_close(pc);
	/* one try left, confirmed, right */
	pc = open_fake(&f);
	pin = pin_of("1234");
	script_kenhojo(&f, &cs, 0x63C1, 0x9000);
	CU_ASSERT_EQUAL(card_kenhojo_read(pc, "Fake 00", pin, CARD_KENHOJO_LAST_TRY, k), 0);
	CU_ASSERT_EQUAL(k->retries, 3);
	card_secret_free(pin);
	card_pcsc_close(pc);
	/* blocked: 63C0 to the query, never a VERIFY, even with the flag */
	pc = open_fake(&f);
	pin = pin_of("1234");
	script_kenhojo(&f, &cs, 0x63C0, 0);
	CU_ASSERT_EQUAL(card_kenhojo_read(pc, "Fake 00", pin, CARD_KENHOJO_LAST_TRY, k), MG_ECARD_PIN_BLOCKED);
	CU_ASSERT_EQUAL(k->retries, 0);
	CU_ASSERT_EQUAL(log_count(&f, "0020008004"), 0);
	card_secret_free(pin);
	card_pcsc_close(pc);
	/* 6984 to the query */
	pc = open_fake(&f);
	pin = pin_of("1234");
	script_kenhojo(&f, &cs, 0x6984, 0);
	CU_ASSERT_EQUAL(card_kenhojo_read(pc, "Fake 00", pin, CARD_KENHOJO_LAST_TRY, k), MG_ECARD_PIN_BLOCKED);
	CU_ASSERT_EQUAL(log_count(&f, "0020008004"), 0);
	card_secret_free(pin);
	card_pcsc_close(pc);
	/* 6984 to the VERIFY */
	pc = open_fake(&f);
	pin = pin_of("1234");
	script_kenhojo(&f, &cs, 0x63C2, 0x6984);
	CU_ASSERT_EQUAL(card_kenhojo_read(pc, "Fake 00", pin, 0, k), MG_ECARD_PIN_BLOCKED);
	CU_ASSERT_EQUAL(k->retries, 0);
	card_secret_free(pin);
	card_pcsc_close(pc);
	/* already verified (9000 to the query): counter unknown, treated as the last try */
	pc = open_fake(&f);
	pin = pin_of("1234");
	script_kenhojo(&f, &cs, 0x9000, 0);
	CU_ASSERT_EQUAL(card_kenhojo_read(pc, "Fake 00", pin, 0, k), MG_ECARD_PIN_LASTTRY);
	CU_ASSERT_EQUAL(k->retries, -1);
	card_secret_free(pin);
	card_pcsc_close(pc);
	/* a malformed PIN never reaches the card */
	pc = open_fake(&f);
	pin = pin_of("123");
	CU_ASSERT_EQUAL(card_kenhojo_read(pc, "Fake 00", pin, 0, k), MG_ECARD_PIN_FORMAT);
	CU_ASSERT_EQUAL(f.calls, 0);
	CU_ASSERT_EQUAL(card_secret_len(pin), 0);
	card_secret_set(pin, "12a4", 4);
	CU_ASSERT_EQUAL(card_kenhojo_read(pc, "Fake 00", pin, 0, k), MG_ECARD_PIN_FORMAT);
	CU_ASSERT_EQUAL(f.calls, 0);
	card_secret_free(pin);
	card_pcsc_close(pc);
	free(k);
}

static void t_not_a_mynumber_card(void)
{
	static struct fake f;
	struct card_kenhojo *k = calloc(1, sizeof *k);
	struct card_pcsc *pc = open_fake(&f);
	struct card_secret *pin = pin_of("1234");

	step(&f, GET_F2, NULL, 0, 0x6A88);         /* no expiry at MF level: not an error */
	step(&f, SEL_KENHOJO, NULL, 0, 0x6A82);
	CU_ASSERT_EQUAL(card_kenhojo_read(pc, "Fake 00", pin, 0, k), MG_ECARD_NOTMYNA);
	CU_ASSERT(wiped(k));
	CU_ASSERT_EQUAL(f.pos, f.n);
	card_secret_free(pin);
	card_pcsc_close(pc);
	free(k);
}

/* Fail transport call N (then every later one) for every N of a full read. */
static void t_fault_every_call(void)
{
	static struct fake f;
	struct card_kenhojo *k = calloc(1, sizeof *k);
	long total, verify_call = 0;

	make_card(&cs, "123456789018", cs.ca, demo_id);
	{
		struct card_pcsc *pc = open_fake(&f);
		struct card_secret *pin = pin_of("1234");
		long line = 0;

		script_kenhojo(&f, &cs, 0x63C3, 0x9000);
		CU_ASSERT_EQUAL_FATAL(card_kenhojo_read(pc, "Fake 00", pin, 0, k), 0);
		total = f.calls;
		/* the call that sends the PIN: after the connect, its line of the log */
		for (const char *p = f.log; *p && !verify_call; p = strchr(p, '\n') + 1) {
			line++;
			if (strncmp(p, "0020008004", 10) == 0)
				verify_call = 1 + line;
		}
		CU_ASSERT_FATAL(verify_call > 1);
		card_secret_free(pin);
		card_pcsc_close(pc);
	}
	CU_ASSERT(total >= 17);
	for (long n = 1; n <= total; n++) {
		static const int codes[] = { MG_ECARD_REMOVED, MG_ECARD_NOSERVICE, MG_ECARD_COMM };
		int want = codes[n % 3];
		struct card_pcsc *pc = open_fake(&f);
		struct card_secret *pin = pin_of("1234");
		int rc;

		script_kenhojo(&f, &cs, 0x63C3, 0x9000);
		f.fail_at = n;
		f.fail_rc = want;
		memset(k, 0x5A, sizeof *k);
		rc = card_kenhojo_read(pc, "Fake 00", pin, 0, k);
		CU_ASSERT_EQUAL(rc, want);
		CU_ASSERT(wiped(k));
		CU_ASSERT_EQUAL(card_secret_len(pin), 0);
		CU_ASSERT_EQUAL(f.connected, 0);
		/*
		 * rv16card M2: a card that is still in the reader after a failed
		 * exchange is reset (its PIN may be verified); a pulled card, or one
		 * behind a lost service, is left. Call 1 is the connect.
		 */
		CU_ASSERT_EQUAL(f.resets, n > 1 && want == MG_ECARD_COMM);
		/* the PIN went, no answer came: the count is unknown (rv16card L2) */
		CU_ASSERT_EQUAL(k->pin_sent, n >= verify_call);
		if (n == verify_call)
			CU_ASSERT_EQUAL(k->retries, -1);
		if (n > verify_call)
			CU_ASSERT_EQUAL(k->retries, CARD_KENHOJO_PIN_TRIES);
		card_secret_free(pin);
		card_pcsc_close(pc);
	}
	/* a bad status word at APDU N */
	for (long n = 1; n <= total - 1; n++) {
		struct card_pcsc *pc = open_fake(&f);
		struct card_secret *pin = pin_of("1234");
		int rc;

		script_kenhojo(&f, &cs, 0x63C3, 0x9000);
		f.sw_at = n;
		memset(k, 0x5A, sizeof *k);
		rc = card_kenhojo_read(pc, "Fake 00", pin, 0, k);
		if (n == 1) {
			CU_ASSERT_EQUAL(rc, 0);            /* GET DATA F2 is optional */
			CU_ASSERT_STRING_EQUAL(k->expiry, "");
		} else if (n >= (long)f.presence_at) {
			/* a card without EF0007 or the key is read; its evidence is empty */
			CU_ASSERT_EQUAL(rc, 0);
			CU_ASSERT(n == total - 1 ? k->answer_len == 0 && k->ef7_len > 0 : k->ef7_len == 0);
			CU_ASSERT_STRING_EQUAL(k->mynumber, "123456789018");
		} else {
			CU_ASSERT(rc < 0);
			CU_ASSERT(wiped(k));
		}
		card_secret_free(pin);
		card_pcsc_close(pc);
	}
	card_kenhojo_wipe(k);
	free(k);
}

/* 61xx: GET RESPONSE; 6Cxx: the same command with the right Le. */
static void t_get_response_and_wrong_le(void)
{
	static struct fake f;
	struct card_pcsc *pc = open_fake(&f);
	uint8_t buf[300], d[32];
	size_t n = 0, tlv = 0;
	uint16_t sw = 0;
	struct card_apdu a = { 0x00, 0xCA, 0x00, 0xF2, NULL, 0, 256 };

	CU_ASSERT_EQUAL(card_pcsc_connect(pc, "Fake 00"), 0);
	hx("F20832303335303430", d);
	step(&f, GET_F2, d, 4, 0x6106);
	step(&f, "00C0000006", d + 4, 6, 0x9000);
	CU_ASSERT_EQUAL(card_apdu_xfer(pc, &a, buf, sizeof buf, &n, &sw), 0);
	CU_ASSERT_EQUAL(sw, 0x9000);
	CU_ASSERT_EQUAL(n, 10);
	CU_ASSERT(memcmp(buf, d, 10) == 0);
	/* READ BINARY that the card wants with Le = 0x11 */
	hx("FF100C313233343536373839303138FFFF", d);
	step(&f, "00B0000020", NULL, 0, 0x6C11);
	step(&f, "00B0000011", d, 17, 0x9000);
	CU_ASSERT_EQUAL(card_apdu_read_ef(pc, buf, 32, &n, &tlv), 0);
	CU_ASSERT_EQUAL(n, 17);
	CU_ASSERT_EQUAL(tlv, 15);
	/* an EF shorter than its TLV says */
	hx("FF101A313233", d);
	step(&f, "00B0000020", d, 6, 0x9000);
	step(&f, "00B0000617", NULL, 0, 0x6B00);
	CU_ASSERT_EQUAL(card_apdu_read_ef(pc, buf, 32, &n, &tlv), MG_ECARD_SW);
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT_EQUAL(f.mismatch, 0);
	/* rv16card L1: a second 6Cxx is the answer (asked again once only) ... */
	step(&f, "00B0000020", NULL, 0, 0x6C11);
	step(&f, "00B0000011", NULL, 0, 0x6C05);
	CU_ASSERT_EQUAL(card_apdu_read_ef(pc, buf, 32, &n, &tlv), MG_ECARD_SW);
	/* ... and a VERIFY answered 6C00 is never sent again with the PIN */
	{
		static const uint8_t digits[4] = { '1', '2', '3', '4' };
		struct card_apdu v = { 0x00, 0x20, 0x00, 0x80, digits, 4, 0 };
		unsigned long before = card_pcsc_count(pc);

		step(&f, "002000800431323334", NULL, 0, 0x6C00);
		CU_ASSERT_EQUAL(card_apdu_xfer(pc, &v, buf, sizeof buf, &n, &sw), 0);
		CU_ASSERT_EQUAL(sw, 0x6C00);
		CU_ASSERT_EQUAL(card_pcsc_count(pc) - before, 1);
	}
	CU_ASSERT_EQUAL(f.mismatch, 0);
	card_pcsc_close(pc);
}

static void t_choose_reader(void)
{
	static struct fake f;
	struct card_pcsc *pc = open_fake(&f);
	struct card_pcsc_reader r[4];
	char name[CARD_PCSC_NAME_MAX];
	size_t n = 0;

	CU_ASSERT_EQUAL(card_pcsc_readers(pc, r, 4, &n), 0);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT(r[0].state & CARD_PCSC_PRESENT);
	CU_ASSERT_EQUAL(r[0].atr_len, 9);
	CU_ASSERT_EQUAL(card_pcsc_choose(pc, "Fake 01", name, sizeof name), MG_ECARD_NOCARD);
	CU_ASSERT_EQUAL(card_pcsc_choose(pc, "Nope", name, sizeof name), MG_ECARD_NOREADER);
	CU_ASSERT_EQUAL(card_pcsc_choose(pc, "Fake 00", name, sizeof name), 0);
	CU_ASSERT_EQUAL(card_pcsc_wait(pc, NULL, 1, 0, name, sizeof name), 0);
	CU_ASSERT_STRING_EQUAL(name, "Fake 00");
	CU_ASSERT_EQUAL(card_pcsc_wait(pc, "Fake 01", 0, 0, name, sizeof name), 0);
	CU_ASSERT_STRING_EQUAL(name, "Fake 01");
	{
		uint8_t r2[4];
		size_t rl = sizeof r2;

		CU_ASSERT_EQUAL(card_pcsc_transmit(pc, r2, 4, r2, &rl), MG_ESTATE);
	}
	card_pcsc_close(pc);
}

/* 券面AP with 照合番号B built from the 和暦 birth date. */
static void t_kenkaku_key_b_read(void)
{
	static struct fake f;
	struct card_pcsc *pc;
	struct card_secret *key = NULL;
	struct card_kenkaku kk;
	uint8_t ef[700], tbl[18], img[200];
	size_t p, inner = 0, o[9], hdr;
	const char *vals[9] = { "19800217", "1", NULL, NULL, NULL, NULL, NULL, "20350217", NULL };
	size_t lens[9] = { 8, 1, 30, 120, 150, 200, 20, 8, 40 };

	CU_ASSERT_EQUAL_FATAL(card_secret_new(&key), 0);
	CU_ASSERT_EQUAL(card_kenkaku_key_b("19800217", 2035, "2285", key), 0);
	CU_ASSERT_EQUAL(card_secret_len(key), 14);
	CU_ASSERT(memcmp(card_secret_data(key), "55021720352285", 14) == 0);
	CU_ASSERT_EQUAL(card_kenkaku_key_b("19800217", 2035, "228", key), MG_ECARD_KEY_FORMAT);
	CU_ASSERT_EQUAL(card_kenkaku_key_b("19800230", 2035, "2285", key), MG_EDATE);
	CU_ASSERT_EQUAL(card_kenkaku_key_b("20200224", 2030, "0001", key), 0);
	CU_ASSERT(memcmp(card_secret_data(key), "02022420300001", 14) == 0);   /* 令和2年 */
	/* EF0002 of the 券面AP */
	memset(img, 0xA5, sizeof img);
	for (int i = 0; i < 9; i++)
		inner += 2 + (lens[i] < 0x80 ? 1 : 2) + lens[i];
	inner += 3 + 18;
	hdr = 2 + (inner < 0x80 ? 1 : inner < 0x100 ? 2 : 3);
	p = hdr + 21;
	for (int i = 0; i < 9; i++) {
		o[i] = p;
		tbl[2 * i] = (uint8_t)(p >> 8);
		tbl[2 * i + 1] = (uint8_t)p;
		p += 2 + (lens[i] < 0x80 ? 1 : 2) + lens[i];
	}
	p = put(ef, 0xFF20, NULL, inner);
	p += put(ef + p, 0xDF21, tbl, 18);
	for (int i = 0; i < 9; i++) {
		CU_ASSERT(p == o[i]);
		p += put(ef + p, 0xDF22u + (uint32_t)i, vals[i] ? (const uint8_t *)vals[i] : img, lens[i]);
	}
	CU_ASSERT_FATAL(p == hdr + inner);
	pc = open_fake(&f);
	card_kenkaku_key_b("19800217", 2035, "2285", key);
	step(&f, "00A4040C0AD3921000310001010402", NULL, 0, 0x9000);
	step(&f, "00A4020C020012", NULL, 0, 0x9000);
	step(&f, "00200080", NULL, 0, 0x63CA);
	step(&f, "002000800E3535303231373230333532323835", NULL, 0, 0x9000);
	step(&f, "00A4020C020002", NULL, 0, 0x9000);
	/* EF0002 is larger than one chunk */
	step(&f, "00B0000000", ef, 256, 0x9000);
	{
		char cmd[20];
		size_t have = 256;

		while (have < p) {
			size_t want = p - have < 256 ? p - have : 256;

			snprintf(cmd, sizeof cmd, "00B0%02X%02X%02X", (unsigned)(have >> 8), (unsigned)(have & 0xFF),
			         (unsigned)(want & 0xFF));
			step(&f, cmd, ef + have, want, 0x9000);
			have += want;
		}
	}
	CU_ASSERT_EQUAL(card_kenkaku_read(pc, "Fake 00", key, 0, &kk), 0);
	CU_ASSERT_EQUAL(f.mismatch, 0);
	CU_ASSERT_EQUAL(f.pos, f.n);
	CU_ASSERT_EQUAL(card_secret_len(key), 0);
	CU_ASSERT_STRING_EQUAL(kk.birth, "19800217");
	CU_ASSERT_STRING_EQUAL(kk.sex, "1");
	CU_ASSERT_STRING_EQUAL(kk.expiry, "20350217");
	CU_ASSERT_EQUAL(kk.face.len, 200);
	CU_ASSERT_EQUAL(kk.address.len, 150);
	CU_ASSERT_EQUAL(kk.name.len, 120);
	CU_ASSERT_EQUAL(kk.code.len, 40);
	CU_ASSERT(kk.face.data && kk.face.data[0] == 0xA5);
	card_kenkaku_free(&kk);
	card_pcsc_close(pc);
	/* wrong 照合番号B: 10 → 9, nothing read */
	pc = open_fake(&f);
	card_kenkaku_key_b("19800217", 2035, "2286", key);
	step(&f, "00A4040C0AD3921000310001010402", NULL, 0, 0x9000);
	step(&f, "00A4020C020012", NULL, 0, 0x9000);
	step(&f, "00200080", NULL, 0, 0x63CA);
	step(&f, "002000800E3535303231373230333532323836", NULL, 0, 0x63C9);
	CU_ASSERT_EQUAL(card_kenkaku_read(pc, "Fake 00", key, 0, &kk), MG_ECARD_PIN_WRONG);
	CU_ASSERT_EQUAL(kk.retries, 9);
	CU_ASSERT_PTR_NULL(kk.ef);
	CU_ASSERT_EQUAL(f.mismatch, 0);
	card_pcsc_close(pc);
	card_secret_free(key);
}

/* A self-signed CA and a certificate it issues, DER. */
static size_t make_x509(EVP_PKEY *signer, EVP_PKEY *subject_key, const char *cn, const char *issuer_cn,
                        long serial, uint8_t **der)
{
	X509 *x = X509_new();
	X509_NAME *sn = X509_NAME_new(), *in = X509_NAME_new();
	int n;

	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	ASN1_TIME_set_string(X509_getm_notAfter(x), "20350401000000Z");
	X509_NAME_add_entry_by_txt(sn, "CN", MBSTRING_UTF8, (const unsigned char *)cn, -1, -1, 0);
	X509_NAME_add_entry_by_txt(in, "CN", MBSTRING_UTF8, (const unsigned char *)issuer_cn, -1, -1, 0);
	X509_set_subject_name(x, sn);
	X509_set_issuer_name(x, in);
	X509_set_pubkey(x, subject_key);
	X509_sign(x, signer, EVP_sha256());
	*der = NULL;
	n = i2d_X509(x, der);
	X509_NAME_free(sn);
	X509_NAME_free(in);
	X509_free(x);
	return n > 0 ? (size_t)n : 0;
}

/* Script a certificate EF read (first chunk 256, then exact chunks). */
static void script_cert(struct fake *f, const char *sel, const uint8_t *der, size_t len)
{
	step(f, sel, NULL, 0, 0x9000);
	step_read_ef(f, der, len, CARD_JPKI_CERT_MAX);
}

static void t_jpki_read_and_chain(void)
{
	static struct fake f;
	struct card_pcsc *pc;
	struct card_jpki j;
	struct card_verdict v;
	struct card_trust *t = NULL;
	uint8_t *ca = NULL, *auth = NULL, tok[32];
	size_t calen = make_x509(cs.ca, cs.ca, "Demo JPKI CA", "Demo JPKI CA", 1, &ca);
	size_t alen = make_x509(cs.ca, cs.cardkey, "利用者 証明", "Demo JPKI CA", 0x1234ABCD, &auth);
	const char *trust = testutil_path("trust-x509.txt");
	FILE *fp;

	CU_ASSERT_FATAL(calen > 0 && alen > 256);
	pc = open_fake(&f);
	memset(tok, ' ', sizeof tok);
	memcpy(tok, "JPKIAPICCTOKEN2", 15);
	step(&f, "00A4040C0AD392F000260100000001", NULL, 0, 0x9000);
	step(&f, "00A4020C020006", NULL, 0, 0x9000);
	step(&f, "00B0000020", tok, 32, 0x9000);
	script_cert(&f, "00A4020C02000A", auth, alen);
	script_cert(&f, "00A4020C02000B", ca, calen);
	CU_ASSERT_EQUAL(card_jpki_read(pc, "Fake 00", &j), 0);
	CU_ASSERT_EQUAL(f.mismatch, 0);
	CU_ASSERT_EQUAL(f.pos, f.n);
	CU_ASSERT_STRING_EQUAL(j.label, "JPKIAPICCTOKEN2");
	CU_ASSERT_STRING_EQUAL(j.auth.serial, "1234ABCD");
	CU_ASSERT_STRING_EQUAL(j.auth.not_after, "20350401000000");
	CU_ASSERT(strstr(j.auth.subject, "CN=利用者 証明") != NULL);
	CU_ASSERT_STRING_EQUAL(j.ca.subject, "CN=Demo JPKI CA");
	CU_ASSERT_EQUAL(j.auth_len, alen);
	/* chain: card CA anchored in the trust store */
	CU_ASSERT_EQUAL(card_verify_jpki(NULL, j.auth_der, j.auth_len, j.ca_der, j.ca_len, &v), 0);
	CU_ASSERT_EQUAL(v.kind, CARD_VERDICT_UNKNOWN_CA);
	{
		X509 *x;
		const unsigned char *q = ca;
		FILE *pem = fopen(testutil_path("jpki-ca.pem"), "w");

		x = d2i_X509(NULL, &q, (long)calen);
		PEM_write_X509(pem, x);
		fclose(pem);
		X509_free(x);
	}
	fp = fopen(trust, "w");
	fprintf(fp, "x509 jpki-ca.pem\n");
	fclose(fp);
	CU_ASSERT_EQUAL_FATAL(card_verify_trust_load(trust, 0, &t, NULL, NULL, 0), 0);
	CU_ASSERT_EQUAL(card_verify_jpki(t, j.auth_der, j.auth_len, j.ca_der, j.ca_len, &v), 0);
	CU_ASSERT_EQUAL(v.kind, CARD_VERDICT_GENUINE);
	j.auth_der[j.auth_len - 5] ^= 1;
	CU_ASSERT_EQUAL(card_verify_jpki(t, j.auth_der, j.auth_len, j.ca_der, j.ca_len, &v), 0);
	CU_ASSERT_EQUAL(v.kind, CARD_VERDICT_NOT_GENUINE);
	card_verify_trust_free(t);
	card_jpki_free(&j);
	card_pcsc_close(pc);
	/* every fault of the JPKI read: a clean error, nothing kept */
	for (long n = 1; n < 12; n++) {
		pc = open_fake(&f);
		step(&f, "00A4040C0AD392F000260100000001", NULL, 0, 0x9000);
		step(&f, "00A4020C020006", NULL, 0, 0x9000);
		step(&f, "00B0000020", tok, 32, 0x9000);
		script_cert(&f, "00A4020C02000A", auth, alen);
		script_cert(&f, "00A4020C02000B", ca, calen);
		f.fail_at = n;
		f.fail_rc = MG_ECARD_REMOVED;
		CU_ASSERT_EQUAL(card_jpki_read(pc, "Fake 00", &j), MG_ECARD_REMOVED);
		CU_ASSERT_PTR_NULL(j.auth_der);
		CU_ASSERT_PTR_NULL(j.ca_der);
		card_pcsc_close(pc);
	}
	OPENSSL_free(ca);
	OPENSSL_free(auth);
}

TESTUTIL_REGISTER(card_read)
{
	static const struct testutil_case cases[] = {
		{ "full read: exact APDUs, fields, PIN wiped", t_full_read_exact_apdus },
		{ "verdicts: genuine, demo flag, tampering, unknown CA", t_verdicts },
		{ "trust file errors", t_trust_file_errors },
		{ "presence challenge and weak keys", t_presence_and_weak_keys },
		{ "anchor ids: test cards, purpose", t_anchor_ids },
		{ "PIN rule: query, last try, blocked", t_pin_rule },
		{ "not a My Number card", t_not_a_mynumber_card },
		{ "fault at every call: clean error, no data", t_fault_every_call },
		{ "GET RESPONSE, wrong Le, short EF", t_get_response_and_wrong_le },
		{ "reader choice and wait", t_choose_reader },
		{ "券面AP with 照合番号B", t_kenkaku_key_b_read },
		{ "JPKI label, certificates, chain", t_jpki_read_and_chain },
		{ NULL, NULL }
	};
	testutil_suite("card_read", suite_init, suite_fini, cases);
}
