/* vcard_card.c — file system, keys and APDU dispatcher of the emulated card. */
#include "card/vcard/vcard_card.h"
#include "card/vcard/vcard_profile.h"
#include "i18n/mg_rc.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const uint8_t vcard_card_atr[9] = { 0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14 };

/* AIDs (spec §1.1). */
static const uint8_t aid_jpki[10] = { 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t aid_kenhojo[10] = { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08 };
static const uint8_t aid_kenkaku[10] = { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02 };
static const uint8_t aid_isd[7] = { 0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00 };

/* Status words used by the dispatcher. */
enum {
	SW_OK = 0x9000, SW_WRONG_LENGTH = 0x6700, SW_MEMORY = 0x6581,
	SW_CHANNEL = 0x6881, SW_SM = 0x6882, SW_SM_OTHER = 0x69FC,
	SW_INCOMPATIBLE = 0x6981, SW_SECURITY = 0x6982, SW_BLOCKED = 0x6984,
	SW_CONDITIONS = 0x6985, SW_NO_EF = 0x6986, SW_WRONG_DATA = 0x6A80,
	SW_NOT_FOUND = 0x6A82, SW_WRONG_P1P2 = 0x6A86, SW_REF_NOT_FOUND = 0x6A88,
	SW_BAD_OFFSET = 0x6B00, SW_INS = 0x6D00, SW_CLA = 0x6E00
};

enum ef_kind { EF_DATA, EF_PIN, EF_KEY };
enum { AP_JPKI, AP_KENHOJO, AP_KENKAKU, AP_COUNT };
enum { KEY_AUTH, KEY_SIGN, KEY_PRESENCE, KEY_COUNT };
#define MAX_EF 16
#define PINBIT(p) (1u << (p))

/* One elementary file or key of an AP. */
struct ef {
	uint16_t fid;     /* file id; SFI = fid when fid <= 0x1F */
	uint8_t kind;     /* enum ef_kind */
	unsigned access;  /* EF_DATA: PINBIT set of keys that open it (0 = free) */
	int pin;          /* EF_PIN: the key; EF_KEY: the key that must be verified */
	int key;          /* EF_KEY: KEY_AUTH or KEY_SIGN */
	uint8_t *data;    /* EF_DATA content (owned) */
	size_t len;       /* its size */
};

/* One application (DF). */
struct ap {
	const uint8_t *aid; /* its 10-byte AID */
	size_t nef;         /* files used */
	struct ef ef[MAX_EF];
};

/* A key's value and counters. */
struct pinst {
	char value[40];        /* the secret (ASCII), wiped on free */
	size_t vlen;           /* its length; 0 with no value (never matches) */
	int tries, max;        /* remaining and maximum tries */
	int verified;          /* volatile: verified since the last power event */
	const char *tries_key; /* profile key of the counter, NULL when fixed */
};

struct vcard_card {
	struct vcard_profile *prof;          /* owned */
	struct ap ap[AP_COUNT];              /* JPKI, 入力補助, 券面 */
	struct pinst pin[VCARD_CARD_PIN_COUNT];
	EVP_PKEY *key[KEY_COUNT];            /* JPKI and presence private keys (may be NULL) */
	char expiry[9];                      /* card expiry YYYYMMDD */
	int query_verified_9000;             /* empty VERIFY on a verified key: 9000 */
	int cur_ap;                          /* current AP or -1 (MF level) */
	int cur_ef;                          /* current EF index in cur_ap or -1 */
};

/* Static description of a key: profile key of the counter and maximum. */
static const struct {
	const char *tries_key;
	int max;
} pin_def[VCARD_CARD_PIN_COUNT] = {
	[VCARD_CARD_PIN_KENHOJO] = { "kenhojo_pin_tries", 3 },
	[VCARD_CARD_PIN_KENHOJO_A] = { "kenhojo_a_tries", 10 },
	[VCARD_CARD_PIN_KENHOJO_B] = { "kenhojo_b_tries", 10 },
	[VCARD_CARD_PIN_KENHOJO_X] = { NULL, 0 },
	[VCARD_CARD_PIN_AUTH] = { "auth_pin_tries", 3 },
	[VCARD_CARD_PIN_SIGN] = { "sign_pin_tries", 5 },
	[VCARD_CARD_PIN_KENKAKU_BIRTH] = { "kenkaku_birth_tries", 10 },
	[VCARD_CARD_PIN_KENKAKU_B] = { "kenkaku_b_tries", 10 },
	[VCARD_CARD_PIN_KENKAKU_A] = { "kenkaku_a_tries", 10 },
};

/* ---- encoders -------------------------------------------------------- */

size_t vcard_card_tlv(uint8_t *out, unsigned tag, const uint8_t *v, size_t n)
{
	size_t o = 0;

	if (tag > 0xFF) {
		if (out)
			out[o] = (uint8_t)(tag >> 8);
		o++;
	}
	if (out)
		out[o] = (uint8_t)tag;
	o++;
	if (n < 0x80) {
		if (out)
			out[o] = (uint8_t)n;
		o++;
	} else if (n < 0x100) {
		if (out) {
			out[o] = 0x81;
			out[o + 1] = (uint8_t)n;
		}
		o += 2;
	} else {
		if (out) {
			out[o] = 0x82;
			out[o + 1] = (uint8_t)(n >> 8);
			out[o + 2] = (uint8_t)n;
		}
		o += 3;
	}
	if (out && v && n)
		memmove(out + o, v, n);
	return o + n;
}

/* 1 when s is exactly n ASCII digits. */
static int digits(const char *s, size_t n)
{
	if (!s || strlen(s) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int vcard_card_kenhojo_ef0001(const char *mynumber, uint8_t out[17])
{
	if (!digits(mynumber, 12))
		return MG_EINVAL;
	out[0] = 0xFF;
	out[1] = 0x10;
	out[2] = 0x0C;
	memcpy(out + 3, mynumber, 12);
	out[15] = 0xFF;
	out[16] = 0xFF;
	return 0;
}

int vcard_card_kenhojo_ef0002(const char *name, const char *address, const char *birth,
                              const char *sex, uint8_t **out, size_t *len, size_t *df22)
{
	const char *field[4] = { name, address, birth, sex };
	size_t flen[4], inner = 0, hdr, pos, total;
	uint8_t table[8], *b;

	*out = NULL;
	*len = 0;
	if (!name || !address || !*name || !*address || !digits(birth, 8) || !digits(sex, 1))
		return MG_EINVAL;
	for (int i = 0; i < 4; i++) {
		flen[i] = strlen(field[i]);
		if (flen[i] > 4000)
			return MG_EINVAL;
		inner += vcard_card_tlv(NULL, 0xDF22 + (unsigned)i, NULL, flen[i]);
	}
	inner += vcard_card_tlv(NULL, 0xDF21, NULL, 8);
	hdr = vcard_card_tlv(NULL, 0xFF20, NULL, inner) - inner;
	total = hdr + inner;
	b = malloc(total);
	if (!b)
		return MG_ENOMEM;
	/* offsets of the DF22..DF25 tags from the first byte of the EF */
	pos = hdr + vcard_card_tlv(NULL, 0xDF21, NULL, 8);
	*df22 = pos;
	for (int i = 0; i < 4; i++) {
		table[2 * i] = (uint8_t)(pos >> 8);
		table[2 * i + 1] = (uint8_t)pos;
		pos += vcard_card_tlv(NULL, 0xDF22 + (unsigned)i, NULL, flen[i]);
	}
	vcard_card_tlv(b, 0xFF20, NULL, inner);   /* header only */
	pos = hdr;
	pos += vcard_card_tlv(b + pos, 0xDF21, table, 8);
	for (int i = 0; i < 4; i++)
		pos += vcard_card_tlv(b + pos, 0xDF22 + (unsigned)i, (const uint8_t *)field[i], flen[i]);
	*out = b;
	*len = pos;
	return 0;
}

int vcard_card_wareki_yymmdd(const char *birth, char out[7])
{
	static const struct {
		long from;  /* first day YYYYMMDD */
		int base;   /* Gregorian year of 元年 minus 1 */
	} era[] = {
		{ 20190501, 2018 }, { 19890108, 1988 }, { 19261225, 1925 },
		{ 19120730, 1911 }, { 18730101, 1867 },
	};
	long v;
	int y;

	if (!digits(birth, 8))
		return MG_EINVAL;
	v = strtol(birth, NULL, 10);
	y = (int)(v / 10000);
	for (size_t i = 0; i < sizeof era / sizeof era[0]; i++)
		if (v >= era[i].from) {
			int ey = y - era[i].base;

			if (ey < 1 || ey > 99)
				return MG_EINVAL;
			out[0] = (char)('0' + ey / 10);
			out[1] = (char)('0' + ey % 10);
			memcpy(out + 2, birth + 4, 4);
			out[6] = '\0';
			return 0;
		}
	return MG_EINVAL;
}

int vcard_card_collation_b(const char *birth, const char *expiry,
                           const char *security_code, char out[15])
{
	char w[7];

	if (vcard_card_wareki_yymmdd(birth, w) != 0 || !digits(expiry, 8) ||
	    !digits(security_code, 4))
		return MG_EINVAL;
	memcpy(out, w, 6);
	memcpy(out + 6, expiry, 4);
	memcpy(out + 10, security_code, 4);
	out[14] = '\0';
	return 0;
}

/* ---- construction ---------------------------------------------------- */

/* Add a data EF to an AP; takes ownership of data. */
static void add_data(struct ap *a, uint16_t fid, unsigned access, uint8_t *data, size_t len)
{
	struct ef *e = &a->ef[a->nef++];

	e->fid = fid;
	e->kind = EF_DATA;
	e->access = access;
	e->data = data;
	e->len = len;
}

/* Add a PIN IEF to an AP. */
static void add_pin(struct ap *a, uint16_t fid, int pin)
{
	struct ef *e = &a->ef[a->nef++];

	e->fid = fid;
	e->kind = EF_PIN;
	e->pin = pin;
}

/* Add a private-key IEF to an AP. */
static void add_key(struct ap *a, uint16_t fid, int key, int pin)
{
	struct ef *e = &a->ef[a->nef++];

	e->fid = fid;
	e->kind = EF_KEY;
	e->key = key;
	e->pin = pin;
}

/* A copy of n bytes (NULL on allocation failure). */
static uint8_t *dup_bytes(const void *src, size_t n)
{
	uint8_t *d = malloc(n ? n : 1);

	if (d && n)
		memcpy(d, src, n);
	return d;
}

/* Set a key's value (ASCII) and counter from the profile. */
static int set_pin(struct vcard_card *c, int pin, const char *value, const char **bad_key)
{
	struct pinst *s = &c->pin[pin];
	long t = pin_def[pin].max;
	int rc;

	s->max = pin_def[pin].max;
	s->tries_key = pin_def[pin].tries_key;
	if (value) {
		s->vlen = strlen(value);
		if (s->vlen >= sizeof s->value)
			return MG_EINVAL;
		memcpy(s->value, value, s->vlen);
	}
	if (s->tries_key) {
		rc = vcard_profile_get_int(c->prof, s->tries_key, 0, s->max, &t);
		if (rc == MG_EINVAL) {
			*bad_key = s->tries_key;
			return rc;
		}
	} else {
		t = 0;
	}
	s->tries = (int)t;
	return 0;
}

/*
 * Load a DER private key from the profile's hex (absent: NULL key, no error;
 * an empty value too when empty_none).
 */
static int load_key(struct vcard_card *c, const char *pkey, int k, int empty_none,
                    const char **bad_key)
{
	uint8_t *der = NULL;
	size_t n = 0;
	const unsigned char *q;
	int rc = vcard_profile_get_hex(c->prof, pkey, &der, &n);

	if (rc == MG_ENOTFOUND)
		return 0;
	if (rc != 0) {
		*bad_key = pkey;
		return rc;
	}
	if (n == 0 && empty_none) {
		free(der);
		return 0;
	}
	q = der;
	c->key[k] = d2i_AutoPrivateKey(NULL, &q, (long)n);
	OPENSSL_cleanse(der, n);
	free(der);
	if (!c->key[k]) {
		*bad_key = pkey;
		return MG_EINVAL;
	}
	return 0;
}

/* Hex field of the profile into a data EF (absent: EF not created). */
static int add_hex(struct vcard_card *c, struct ap *a, uint16_t fid, unsigned access,
                   const char *pkey, const char **bad_key)
{
	uint8_t *d = NULL;
	size_t n = 0;
	int rc = vcard_profile_get_hex(c->prof, pkey, &d, &n);

	if (rc == MG_ENOTFOUND)
		return 0;
	if (rc != 0 || n == 0 || n > 65535) {
		free(d);
		*bad_key = pkey;
		return rc ? rc : MG_EINVAL;
	}
	add_data(a, fid, access, d, n);
	return 0;
}

/* The JPKI token information EF0006 (160 bytes, label first). */
static uint8_t *jpki_token(void)
{
	uint8_t *t = malloc(160);

	if (!t)
		return NULL;
	memset(t, ' ', 96);
	memcpy(t, "JPKIAPICCTOKEN2", 15);
	memcpy(t + 32, "madoguchi vcard", 15);
	memcpy(t + 64, "JPKI", 4);
	memset(t + 96, 0, 64);
	return t;
}

/* The 入力補助AP EF0005 (AP basic info, padded to 256 bytes with FF). */
static uint8_t *kenhojo_ef0005(const uint8_t *ef0004, size_t n4)
{
	static const uint8_t apinfo[4] = { 0x01, 0x03, 0x0E, 0x01 };
	uint8_t body[200], d43[128], keyid[16] = { 0 };
	uint8_t *e = malloc(256);
	size_t p = 0;

	if (!e)
		return NULL;
	if (n4 >= 9 + 32)
		memcpy(keyid, ef0004 + 9 + 16, 16);   /* EF0004 subject key id */
	memset(d43, 0xFF, sizeof d43);
	SHA256(ef0004, n4, d43);
	p += vcard_card_tlv(body + p, 0xDF41, apinfo, 4);
	p += vcard_card_tlv(body + p, 0xDF42, keyid, 16);
	p += vcard_card_tlv(body + p, 0xDF43, d43, sizeof d43);
	memset(e, 0xFF, 256);
	vcard_card_tlv(e, 0xFF40, body, p);
	return e;
}

/* Build the three APs from the profile. */
static int build(struct vcard_card *c, const char **bad_key)
{
	const struct vcard_profile *p = c->prof;
	const char *mn = vcard_profile_get(p, "mynumber");
	const char *birth = vcard_profile_get(p, "birth");
	const char *exp = vcard_profile_get(p, "card_expiry");
	const char *sc = vcard_profile_get(p, "security_code");
	const char *qv = vcard_profile_get(p, "query_when_verified");
	const char *pin = vcard_profile_get(p, "kenhojo_pin");
	const char *auth = vcard_profile_get(p, "auth_pin");
	char colb[15], wb[7];
	uint8_t *ef1 = NULL, *ef2 = NULL, *d = NULL;
	size_t n2 = 0, df22 = 0;
	struct ap *a;
	int rc;

#define NEED(cond, key) do { if (!(cond)) { *bad_key = (key); return MG_EINVAL; } } while (0)
	NEED(digits(mn, 12), "mynumber");
	NEED(digits(birth, 8) && vcard_card_wareki_yymmdd(birth, wb) == 0, "birth");
	NEED(digits(exp, 8), "card_expiry");
	NEED(digits(sc, 4), "security_code");
	NEED(pin && *pin, "kenhojo_pin");
	NEED(!qv || strcmp(qv, "9000") == 0 || strcmp(qv, "63cx") == 0, "query_when_verified");
	vcard_card_collation_b(birth, exp, sc, colb);
	memcpy(c->expiry, exp, 9);
	c->query_verified_9000 = !qv || strcmp(qv, "9000") == 0;

	/* keys and counters */
	if ((rc = set_pin(c, VCARD_CARD_PIN_KENHOJO, pin, bad_key)) ||
	    (rc = set_pin(c, VCARD_CARD_PIN_KENHOJO_A, mn, bad_key)) ||
	    (rc = set_pin(c, VCARD_CARD_PIN_KENHOJO_B, colb, bad_key)) ||
	    (rc = set_pin(c, VCARD_CARD_PIN_KENHOJO_X, NULL, bad_key)) ||
	    (rc = set_pin(c, VCARD_CARD_PIN_AUTH, auth ? auth : pin, bad_key)) ||
	    (rc = set_pin(c, VCARD_CARD_PIN_SIGN, vcard_profile_get(p, "sign_pin"), bad_key)) ||
	    (rc = set_pin(c, VCARD_CARD_PIN_KENKAKU_BIRTH, wb, bad_key)) ||
	    (rc = set_pin(c, VCARD_CARD_PIN_KENKAKU_B, colb, bad_key)) ||
	    (rc = set_pin(c, VCARD_CARD_PIN_KENKAKU_A, mn, bad_key)))
		return rc;
	if ((rc = load_key(c, "auth_key", KEY_AUTH, 0, bad_key)) ||
	    (rc = load_key(c, "sign_key", KEY_SIGN, 0, bad_key)) ||
	    (rc = load_key(c, "presence_key", KEY_PRESENCE, 1, bad_key)))
		return rc;

	/* JPKI AP (spec §5.1) */
	a = &c->ap[AP_JPKI];
	a->aid = aid_jpki;
	if ((rc = add_hex(c, a, 0x0001, PINBIT(VCARD_CARD_PIN_SIGN), "sign_cert", bad_key)) ||
	    (rc = add_hex(c, a, 0x0002, 0, "sign_ca", bad_key)) ||
	    (rc = add_hex(c, a, 0x000A, 0, "auth_cert", bad_key)) ||
	    (rc = add_hex(c, a, 0x000B, 0, "auth_ca", bad_key)))
		return rc;
	if (!(d = jpki_token()))
		return MG_ENOMEM;
	add_data(a, 0x0006, 0, d, 160);
	if (!(d = dup_bytes("\x8F\x8F\x00", 3)))
		return MG_ENOMEM;
	add_data(a, 0x0008, 0, d, 3);
	add_key(a, 0x0017, KEY_AUTH, VCARD_CARD_PIN_AUTH);
	add_pin(a, 0x0018, VCARD_CARD_PIN_AUTH);
	add_key(a, 0x001A, KEY_SIGN, VCARD_CARD_PIN_SIGN);
	add_pin(a, 0x001B, VCARD_CARD_PIN_SIGN);

	/* 券面事項入力補助AP (spec §4.1) */
	a = &c->ap[AP_KENHOJO];
	a->aid = aid_kenhojo;
	if (!(ef1 = malloc(17)))
		return MG_ENOMEM;
	vcard_card_kenhojo_ef0001(mn, ef1);
	add_data(a, 0x0001, PINBIT(VCARD_CARD_PIN_KENHOJO) | PINBIT(VCARD_CARD_PIN_KENHOJO_A), ef1, 17);
	rc = vcard_card_kenhojo_ef0002(vcard_profile_get(p, "name"), vcard_profile_get(p, "address"),
	                               birth, vcard_profile_get(p, "sex"), &ef2, &n2, &df22);
	if (rc == MG_EINVAL) {
		*bad_key = vcard_profile_get(p, "name") ? (vcard_profile_get(p, "address") ? "sex" : "address")
		                                        : "name";
		return rc;
	}
	if (rc != 0)
		return rc;
	add_data(a, 0x0002, PINBIT(VCARD_CARD_PIN_KENHOJO) | PINBIT(VCARD_CARD_PIN_KENHOJO_B), ef2, n2);
	if ((rc = add_hex(c, a, 0x0003, PINBIT(VCARD_CARD_PIN_KENHOJO) | PINBIT(VCARD_CARD_PIN_KENHOJO_A) |
	                  PINBIT(VCARD_CARD_PIN_KENHOJO_B), "ef0003", bad_key)) ||
	    (rc = add_hex(c, a, 0x0004, 0, "ef0004", bad_key)))
		return rc;
	{
		const struct ef *e4 = &a->ef[a->nef - 1];
		int have4 = e4->fid == 0x0004;

		if (!(d = kenhojo_ef0005(have4 ? e4->data : (const uint8_t *)"", have4 ? e4->len : 0)))
			return MG_ENOMEM;
	}
	add_data(a, 0x0005, 0, d, 256);
	/* EF0007: the presence key's public part signed by the issuer (spec §4.1, §7.2) */
	if ((rc = add_hex(c, a, 0x0007, PINBIT(VCARD_CARD_PIN_KENHOJO) | PINBIT(VCARD_CARD_PIN_KENHOJO_A) |
	                  PINBIT(VCARD_CARD_PIN_KENHOJO_B), "ef0007", bad_key)))
		return rc;
	if (!(d = malloc(16)))
		return MG_ENOMEM;
	memset(d, 0xFF, 16);
	add_data(a, 0x0008, 0, d, 16);
	add_pin(a, 0x0011, VCARD_CARD_PIN_KENHOJO);
	add_pin(a, 0x0012, VCARD_CARD_PIN_KENHOJO_X);
	add_pin(a, 0x0014, VCARD_CARD_PIN_KENHOJO_A);
	add_pin(a, 0x0015, VCARD_CARD_PIN_KENHOJO_B);

	/* 券面事項確認AP (spec §6) */
	a = &c->ap[AP_KENKAKU];
	a->aid = aid_kenkaku;
	if ((rc = add_hex(c, a, 0x0002, PINBIT(VCARD_CARD_PIN_KENKAKU_A) | PINBIT(VCARD_CARD_PIN_KENKAKU_B),
	                  "kenkaku_ef0002", bad_key)))
		return rc;
	add_pin(a, 0x0011, VCARD_CARD_PIN_KENKAKU_BIRTH);
	add_pin(a, 0x0012, VCARD_CARD_PIN_KENKAKU_B);
	add_pin(a, 0x0013, VCARD_CARD_PIN_KENKAKU_A);
#undef NEED
	return 0;
}

int vcard_card_new(struct vcard_profile *p, struct vcard_card **out, const char **bad_key)
{
	struct vcard_card *c = calloc(1, sizeof *c);
	const char *dummy = NULL;
	int rc;

	*out = NULL;
	if (!bad_key)
		bad_key = &dummy;
	*bad_key = NULL;
	if (!c) {
		vcard_profile_free(p);
		return MG_ENOMEM;
	}
	c->prof = p;
	c->cur_ap = -1;
	c->cur_ef = -1;
	rc = build(c, bad_key);
	if (rc != 0) {
		vcard_card_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

void vcard_card_free(struct vcard_card *c)
{
	if (!c)
		return;
	for (int i = 0; i < AP_COUNT; i++)
		for (size_t j = 0; j < c->ap[i].nef; j++) {
			struct ef *e = &c->ap[i].ef[j];

			if (e->data) {
				OPENSSL_cleanse(e->data, e->len);
				free(e->data);
			}
		}
	for (int k = 0; k < KEY_COUNT; k++)
		EVP_PKEY_free(c->key[k]);
	vcard_profile_free(c->prof);
	OPENSSL_cleanse(c, sizeof *c);
	free(c);
}

struct vcard_profile *vcard_card_profile(struct vcard_card *c)
{
	return c->prof;
}

void vcard_card_power(struct vcard_card *c, enum vcard_card_power ev)
{
	(void)ev;
	c->cur_ap = -1;
	c->cur_ef = -1;
	for (int i = 0; i < VCARD_CARD_PIN_COUNT; i++)
		c->pin[i].verified = 0;
}

int vcard_card_tries(const struct vcard_card *c, enum vcard_card_pin pin)
{
	return c->pin[pin].tries;
}

int vcard_card_verified(const struct vcard_card *c, enum vcard_card_pin pin)
{
	return c->pin[pin].verified;
}

/* ---- APDU parsing ------------------------------------------------------ */

/* A parsed command APDU. */
struct apdu {
	uint8_t cla, ins, p1, p2;
	const uint8_t *data; /* command data (NULL when none) */
	size_t lc;           /* its length */
	size_t le;           /* expected length (256 / 65536 for 00 / 0000) */
	int has_le;          /* Le present */
	int ext;             /* extended length form */
};

/* Parse ISO 7816-4 cases 1–4 (short and extended); 0 or -1 when malformed. */
static int parse(const uint8_t *b, size_t n, struct apdu *a)
{
	memset(a, 0, sizeof *a);
	if (n < 4)
		return -1;
	a->cla = b[0];
	a->ins = b[1];
	a->p1 = b[2];
	a->p2 = b[3];
	if (n == 4)
		return 0;                                   /* case 1 */
	if (n == 5) {                                       /* case 2S */
		a->has_le = 1;
		a->le = b[4] ? b[4] : 256;
		return 0;
	}
	if (b[4] != 0) {                                    /* case 3S / 4S */
		a->lc = b[4];
		a->data = b + 5;
		if (n == 5 + a->lc)
			return 0;
		if (n == 6 + a->lc) {
			a->has_le = 1;
			a->le = b[n - 1] ? b[n - 1] : 256;
			return 0;
		}
		return -1;
	}
	a->ext = 1;
	if (n == 7) {                                       /* case 2E */
		a->has_le = 1;
		a->le = ((size_t)b[5] << 8 | b[6]);
		if (a->le == 0)
			a->le = 65536;
		return 0;
	}
	if (n < 7)
		return -1;
	a->lc = (size_t)b[5] << 8 | b[6];
	if (a->lc == 0)
		return -1;
	a->data = b + 7;
	if (n == 7 + a->lc)
		return 0;                                   /* case 3E */
	if (n == 9 + a->lc) {                               /* case 4E */
		a->has_le = 1;
		a->le = (size_t)b[n - 2] << 8 | b[n - 1];
		if (a->le == 0)
			a->le = 65536;
		return 0;
	}
	return -1;
}

size_t vcard_card_log_public(const uint8_t *cmd, size_t len)
{
	struct apdu a;

	if (parse(cmd, len, &a) == 0 && (a.ins == 0x20 || a.ins == 0x24) && a.lc > 0)
		return (size_t)(a.data - cmd);
	return len;
}

/* ---- command handlers ------------------------------------------------ */

/* The output of a handler: R-APDU buffer and its fill. */
struct out {
	uint8_t *r;  /* buffer */
	size_t cap;  /* its size (the last 2 bytes are reserved for the SW) */
	size_t n;    /* data bytes written */
};

/* Append data to the response (truncating at the buffer size). */
static void put(struct out *o, const void *d, size_t n)
{
	size_t room = o->cap - 2 - o->n;

	if (n > room)
		n = room;
	memcpy(o->r + o->n, d, n);
	o->n += n;
}

/* Find a file of the current AP by FID; -1 when none. */
static int find_fid(const struct vcard_card *c, unsigned fid)
{
	const struct ap *a;

	if (c->cur_ap < 0)
		return -1;
	a = &c->ap[c->cur_ap];
	for (size_t i = 0; i < a->nef; i++)
		if (a->ef[i].fid == fid)
			return (int)i;
	return -1;
}

/* 1 when one of the keys of mask is verified. */
static int any_verified(const struct vcard_card *c, unsigned mask)
{
	for (int i = 0; i < VCARD_CARD_PIN_COUNT; i++)
		if ((mask & PINBIT(i)) && c->pin[i].verified)
			return 1;
	return 0;
}

/* Save a changed counter; 0 or SW_MEMORY. */
static unsigned persist(struct vcard_card *c, int pin)
{
	const struct pinst *s = &c->pin[pin];

	if (!s->tries_key)
		return 0;
	if (vcard_profile_set_int(c->prof, s->tries_key, s->tries) != 0 ||
	    vcard_profile_save(c->prof) != 0)
		return SW_MEMORY;
	return 0;
}

/* SELECT (00 A4). */
static unsigned cmd_select(struct vcard_card *c, const struct apdu *a)
{
	if (a->p2 != 0x0C && a->p2 != 0x00)
		return SW_WRONG_P1P2;
	switch (a->p1) {
	case 0x04:                                  /* by DF name */
		if (a->lc == sizeof aid_isd && memcmp(a->data, aid_isd, sizeof aid_isd) == 0) {
			c->cur_ap = -1;             /* back to the MF-level state */
			c->cur_ef = -1;
			return SW_OK;
		}
		for (int i = 0; i < AP_COUNT; i++)
			if (a->lc == 10 && memcmp(a->data, c->ap[i].aid, 10) == 0) {
				c->cur_ap = i;
				c->cur_ef = -1;
				return SW_OK;
			}
		return SW_NOT_FOUND;
	case 0x02:                                  /* EF by FID under the current DF */
	{
		int i;

		if (a->lc != 2)
			return SW_WRONG_LENGTH;
		i = find_fid(c, (unsigned)a->data[0] << 8 | a->data[1]);
		if (i < 0)
			return SW_NOT_FOUND;
		c->cur_ef = i;
		return SW_OK;
	}
	case 0x00:                                  /* MF (ISO) */
		if (a->lc == 0)
			return c->cur_ap < 0 ? SW_WRONG_P1P2 : SW_OK;
		return SW_NOT_FOUND;                /* FID 3F00 and others: unknown */
	default:
		return SW_WRONG_P1P2;
	}
}

/* READ BINARY (00 B0): current EF with a 15-bit offset, or by SFI. */
static unsigned cmd_read(struct vcard_card *c, const struct apdu *a, struct out *o)
{
	size_t off, n;
	const struct ef *e;
	int i;

	if (a->lc || !a->has_le)
		return SW_WRONG_LENGTH;
	if (a->p1 & 0x80) {
		if (a->p1 & 0x60)
			return SW_WRONG_P1P2;
		if (c->cur_ap < 0)
			return SW_NOT_FOUND;
		i = find_fid(c, a->p1 & 0x1Fu);
		if (i < 0)
			return SW_NOT_FOUND;
		c->cur_ef = i;
		off = a->p2;
	} else {
		if (c->cur_ef < 0)
			return SW_NO_EF;
		off = (size_t)a->p1 << 8 | a->p2;
	}
	e = &c->ap[c->cur_ap].ef[c->cur_ef];
	if (e->kind != EF_DATA)
		return SW_INCOMPATIBLE;
	if (e->access && !any_verified(c, e->access))
		return SW_SECURITY;
	if (off >= e->len)
		return SW_BAD_OFFSET;
	n = e->len - off;
	if (n > a->le)
		n = a->le;
	put(o, e->data + off, n);
	return SW_OK;
}

/* Resolve the key a VERIFY / CHANGE REFERENCE DATA names: P2 80 (current) or 80|SFI. */
static unsigned key_target(const struct vcard_card *c, const struct apdu *a, int *pin)
{
	const struct ef *e;
	int i;

	if (a->p2 == 0x80) {
		if (c->cur_ef < 0)
			return SW_NO_EF;
		e = &c->ap[c->cur_ap].ef[c->cur_ef];
		if (e->kind != EF_PIN)
			return SW_INCOMPATIBLE;
		*pin = e->pin;
		return 0;
	}
	if ((a->p2 & 0xE0) != 0x80)
		return SW_WRONG_P1P2;
	i = find_fid(c, a->p2 & 0x1Fu);
	if (i < 0 || c->ap[c->cur_ap].ef[i].kind != EF_PIN)
		return SW_REF_NOT_FOUND;
	*pin = c->ap[c->cur_ap].ef[i].pin;
	return 0;
}

/* VERIFY (00 20): empty = retry query; else compare and count. */
static unsigned cmd_verify(struct vcard_card *c, const struct apdu *a)
{
	struct pinst *s;
	unsigned sw;
	int pin = 0, match;

	if (a->p1 != 0x00)
		return SW_WRONG_P1P2;
	if (a->has_le)
		return SW_WRONG_LENGTH;
	sw = key_target(c, a, &pin);
	if (sw)
		return sw;
	s = &c->pin[pin];
	if (a->lc == 0) {
		if (s->verified && s->tries > 0 && c->query_verified_9000)
			return SW_OK;
		return 0x63C0u | (unsigned)(s->tries > 15 ? 15 : s->tries);
	}
	if (s->tries <= 0)
		return SW_BLOCKED;
	match = s->vlen > 0 && a->lc == s->vlen && CRYPTO_memcmp(a->data, s->value, s->vlen) == 0;
	if (match) {
		s->verified = 1;
		if (s->tries != s->max) {
			s->tries = s->max;
			if (persist(c, pin))
				return SW_MEMORY;
		}
		return SW_OK;
	}
	s->verified = 0;
	s->tries--;
	if (persist(c, pin))
		return SW_MEMORY;
	return 0x63C0u | (unsigned)(s->tries > 15 ? 15 : s->tries);
}

/* 1 when the new value has the key's format (4 digits, or 6–16 of A–Z0–9). */
static int pin_format_ok(int pin, const uint8_t *v, size_t n)
{
	if (pin == VCARD_CARD_PIN_SIGN) {
		if (n < 6 || n > 16)
			return 0;
		for (size_t i = 0; i < n; i++)
			if (!((v[i] >= 'A' && v[i] <= 'Z') || (v[i] >= '0' && v[i] <= '9')))
				return 0;
		return 1;
	}
	if (pin != VCARD_CARD_PIN_KENHOJO && pin != VCARD_CARD_PIN_AUTH)
		return 0;
	if (n != 4)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (v[i] < '0' || v[i] > '9')
			return 0;
	return 1;
}

/* CHANGE REFERENCE DATA (00 24 01 80): new value after a VERIFY of the key. */
static unsigned cmd_change(struct vcard_card *c, const struct apdu *a)
{
	static const char *const value_key[VCARD_CARD_PIN_COUNT] = {
		[VCARD_CARD_PIN_KENHOJO] = "kenhojo_pin",
		[VCARD_CARD_PIN_AUTH] = "auth_pin",
		[VCARD_CARD_PIN_SIGN] = "sign_pin",
	};
	struct pinst *s;
	char v[40];
	unsigned sw;
	int pin = 0;

	if (a->p1 != 0x01)
		return SW_WRONG_P1P2;
	if (a->lc == 0 || a->has_le)
		return SW_WRONG_LENGTH;
	sw = key_target(c, a, &pin);
	if (sw)
		return sw;
	s = &c->pin[pin];
	if (s->tries <= 0)
		return SW_BLOCKED;
	if (!s->verified)
		return SW_SECURITY;
	if (!value_key[pin] || !pin_format_ok(pin, a->data, a->lc))
		return SW_WRONG_DATA;
	memcpy(v, a->data, a->lc);
	v[a->lc] = '\0';
	sw = 0;
	if (vcard_profile_set(c->prof, value_key[pin], v) != 0 || vcard_profile_save(c->prof) != 0)
		sw = SW_MEMORY;
	OPENSSL_cleanse(s->value, sizeof s->value);
	memcpy(s->value, v, a->lc);
	s->vlen = a->lc;
	OPENSSL_cleanse(v, sizeof v);
	return sw ? sw : SW_OK;
}

/* GET DATA (00 CA): tag 00F2 = card expiry, at MF level only. */
static unsigned cmd_get_data(struct vcard_card *c, const struct apdu *a, struct out *o)
{
	uint8_t v[11];
	size_t n;

	if (a->lc || !a->has_le)
		return SW_WRONG_LENGTH;
	if (c->cur_ap >= 0 || a->p1 != 0x00 || a->p2 != 0xF2)
		return SW_REF_NOT_FOUND;
	n = vcard_card_tlv(v, 0xF2, (const uint8_t *)c->expiry, 8);
	if (a->le < n)
		return SW_WRONG_LENGTH;
	put(o, v, n);
	return SW_OK;
}

/* GET CHALLENGE (00 84 00 00 Le): Le random bytes, short Le only. */
static unsigned cmd_challenge(const struct apdu *a, struct out *o)
{
	uint8_t rnd[256];

	if (a->p1 || a->p2)
		return SW_WRONG_P1P2;
	if (a->lc || !a->has_le)
		return SW_WRONG_LENGTH;
	if (a->ext)
		return SW_CONDITIONS;
	if (RAND_bytes(rnd, (int)a->le) != 1)
		return SW_MEMORY;
	put(o, rnd, a->le);
	return SW_OK;
}

/* RSA PKCS#1 v1.5 signature with k of the command data (a DigestInfo, 1–245 bytes). */
static unsigned sign_data(EVP_PKEY *k, const struct apdu *a, struct out *o)
{
	EVP_PKEY_CTX *ctx = NULL;
	uint8_t sig[512];
	size_t sl = sizeof sig;
	unsigned sw = SW_OK;

	if (a->lc == 0 || a->lc > 245)
		return SW_WRONG_LENGTH;
	ctx = EVP_PKEY_CTX_new(k, NULL);
	if (!ctx || EVP_PKEY_sign_init(ctx) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) <= 0 ||
	    EVP_PKEY_sign(ctx, sig, &sl, a->data, a->lc) <= 0)
		sw = SW_MEMORY;
	EVP_PKEY_CTX_free(ctx);
	if (sw == SW_OK)
		put(o, sig, sl);
	return sw;
}

/*
 * COMPUTE DIGITAL SIGNATURE: 80 2A 00 80|SFI (JPKI key after its PIN) or
 * 80 2A 00 00 in the 入力補助AP (presence key, no PIN; the current EF is kept).
 */
static unsigned cmd_sign(struct vcard_card *c, const struct apdu *a, struct out *o)
{
	const struct ef *e;
	int i;

	if (a->p1 != 0x00)
		return SW_WRONG_P1P2;
	if (c->cur_ap < 0)
		return SW_CONDITIONS;
	if (a->p2 == 0x00 && c->cur_ap == AP_KENHOJO) {
		if (!c->key[KEY_PRESENCE])
			return SW_REF_NOT_FOUND;
		return sign_data(c->key[KEY_PRESENCE], a, o);
	}
	if (a->p2 == 0x80) {
		if (c->cur_ef < 0)
			return SW_NO_EF;
		i = c->cur_ef;
	} else if ((a->p2 & 0xE0) == 0x80) {
		i = find_fid(c, a->p2 & 0x1Fu);
		if (i < 0)
			return SW_REF_NOT_FOUND;
	} else {
		return SW_WRONG_P1P2;
	}
	e = &c->ap[c->cur_ap].ef[i];
	if (e->kind != EF_KEY)
		return SW_INCOMPATIBLE;
	if (!c->key[e->key])
		return SW_REF_NOT_FOUND;
	if (!c->pin[e->pin].verified)
		return SW_SECURITY;
	return sign_data(c->key[e->key], a, o);
}

unsigned vcard_card_apdu(struct vcard_card *c, const uint8_t *cmd, size_t len,
                         uint8_t *r, size_t cap, size_t *rlen)
{
	struct out o = { r, cap, 0 };
	struct apdu a;
	unsigned sw;

	if (parse(cmd, len, &a) != 0) {
		sw = SW_WRONG_LENGTH;
	} else if ((a.cla & 0x03) != 0) {
		sw = SW_CHANNEL;
	} else if ((a.cla & 0x0C) != 0) {
		sw = a.ins == 0xA4 ? SW_SM : SW_SM_OTHER;
	} else if (a.cla == 0x80) {
		sw = a.ins == 0x2A ? cmd_sign(c, &a, &o) : SW_INS;
	} else if (a.cla != 0x00) {
		sw = SW_CLA;
	} else {
		switch (a.ins) {
		case 0xA4: sw = cmd_select(c, &a); break;
		case 0xB0: sw = cmd_read(c, &a, &o); break;
		case 0x20: sw = cmd_verify(c, &a); break;
		case 0x24: sw = cmd_change(c, &a); break;
		case 0xCA: sw = cmd_get_data(c, &a, &o); break;
		case 0x84: sw = cmd_challenge(&a, &o); break;
		default: sw = SW_INS; break;
		}
	}
	if (sw != SW_OK && (sw & 0xFF00) != 0x6100)
		o.n = 0;
	r[o.n] = (uint8_t)(sw >> 8);
	r[o.n + 1] = (uint8_t)sw;
	*rlen = o.n + 2;
	return sw;
}
