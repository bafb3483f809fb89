/* card_kenhojo.c — 券面事項入力補助AP: PIN rule, EF0001–EF0004, validation. */
#include "card/card_kenhojo.h"
#include "card/card_apdu.h"
#include "card/card_pcsc.h"
#include "card/card_secret.h"
#include "card/card_tlv.h"
#include "i18n/i18n_date.h"
#include "i18n/mg_rc.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <string.h>

static const uint8_t kenhojo_aid[] = { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08 };

/* 1 when rc is the card's own answer (a status word), not a transport failure. */
static int card_answered(int rc)
{
	return rc == MG_ECARD_SW || rc == MG_ECARD_NOFILE || rc == MG_ECARD_SECURITY ||
	       rc == MG_ECARD_PIN_WRONG || rc == MG_ECARD_PIN_BLOCKED || rc == MG_ECARD_DATA;
}

int card_kenhojo_mynumber_valid(const char *s)
{
	static const int w[11] = { 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };
	int sum = 0, r;

	for (int i = 0; i < 12; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	if (s[12] != '\0')
		return 0;
	for (int i = 0; i < 11; i++)
		sum += (s[i] - '0') * w[i];
	r = sum % 11;
	return s[11] - '0' == (r <= 1 ? 0 : 11 - r);
}

int card_kenhojo_mask(const char *mynumber, char *out, size_t cap)
{
	size_t n = strlen(mynumber);

	if (cap < 13 || n > 12) {
		if (cap)
			out[0] = '\0';
		return MG_ETOOLONG;
	}
	memset(out, '*', 12);
	out[12] = '\0';
	return 0;
}

int card_kenhojo_text_ok(const uint8_t *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n;

		if (s[i] < 0x80) {
			cp = s[i];
			n = 1;
		} else if ((s[i] & 0xE0) == 0xC0) {
			cp = s[i] & 0x1F;
			n = 2;
		} else if ((s[i] & 0xF0) == 0xE0) {
			cp = s[i] & 0x0F;
			n = 3;
		} else if ((s[i] & 0xF8) == 0xF0) {
			cp = s[i] & 0x07;
			n = 4;
		} else {
			return 0;
		}
		if (len - i < n)
			return 0;
		for (size_t k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		/* overlong forms, surrogates, beyond Unicode */
		if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return 0;
		/* C0, DEL, C1 controls; bidi embeddings, overrides and isolates; BOM */
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0xFEFF)
			return 0;
		i += n;
	}
	return 1;
}

int card_kenhojo_parse_ef1(const uint8_t *ef, size_t len, char *mynumber)
{
	struct card_tlv t;

	mynumber[0] = '\0';
	if (card_tlv_parse(ef, len, &t) != 0 || t.tag != 0xFF10 || t.len != 12)
		return MG_ECARD_DATA;
	for (size_t i = 0; i < 12; i++)
		if (t.value[i] < '0' || t.value[i] > '9')
			return MG_ECARD_DATA;
	memcpy(mynumber, t.value, 12);
	mynumber[12] = '\0';
	if (!card_kenhojo_mynumber_valid(mynumber)) {
		explicit_bzero(mynumber, 13);
		return MG_ECARD_MYNUMBER;
	}
	return 0;
}

/* Copy a validated text value into out (cap bytes incl. NUL). */
static int take_text(const struct card_tlv *t, char *out, size_t cap)
{
	if (t->len == 0 || t->len >= cap || !card_kenhojo_text_ok(t->value, t->len))
		return MG_ECARD_DATA;
	memcpy(out, t->value, t->len);
	out[t->len] = '\0';
	return 0;
}

int card_kenhojo_parse_ef2(const uint8_t *ef, size_t len, struct card_kenhojo *k)
{
	static const uint32_t tags[5] = { 0xDF21, 0xDF22, 0xDF23, 0xDF24, 0xDF25 };
	struct card_tlv outer, kid[5];
	size_t off, end;
	int rc = MG_ECARD_DATA;

	if (card_tlv_parse(ef, len, &outer) != 0 || outer.tag != 0xFF20)
		goto out;
	off = outer.hdr_len;
	end = outer.hdr_len + outer.len;
	/* the five children, in order, filling the value exactly */
	for (int i = 0; i < 5; i++) {
		if (off >= end || card_tlv_parse(ef + off, end - off, &kid[i]) != 0 || kid[i].tag != tags[i])
			goto out;
		/* DF21 holds the offset of each following TLV from the first byte of the EF */
		if (i > 0 && (((size_t)kid[0].value[2 * (i - 1)] << 8) | kid[0].value[2 * (i - 1) + 1]) != off)
			goto out;
		if (i == 0 && kid[0].len != 8)
			goto out;
		off += kid[i].hdr_len + kid[i].len;
	}
	if (off != end)
		goto out;
	if (take_text(&kid[1], k->name, sizeof k->name) != 0 ||
	    take_text(&kid[2], k->address, sizeof k->address) != 0)
		goto out;
	if (kid[3].len != 8)
		goto out;
	for (int i = 0; i < 8; i++)
		if (kid[3].value[i] < '0' || kid[3].value[i] > '9')
			goto out;
	{
		const uint8_t *b = kid[3].value;
		int y = (b[0] - '0') * 1000 + (b[1] - '0') * 100 + (b[2] - '0') * 10 + (b[3] - '0');
		int m = (b[4] - '0') * 10 + (b[5] - '0'), d = (b[6] - '0') * 10 + (b[7] - '0');

		if (!i18n_date_valid(y, m, d))
			goto out;
	}
	if (kid[4].len != 1 || !memchr("0129", kid[4].value[0], 4))
		goto out;
	memcpy(k->birth, kid[3].value, 8);
	k->birth[8] = '\0';
	k->sex[0] = (char)kid[4].value[0];
	k->sex[1] = '\0';
	rc = 0;
out:
	if (rc != 0) {
		explicit_bzero(k->name, sizeof k->name);
		explicit_bzero(k->address, sizeof k->address);
		explicit_bzero(k->birth, sizeof k->birth);
		explicit_bzero(k->sex, sizeof k->sex);
	}
	return rc;
}

int card_kenhojo_parse_expiry(const uint8_t *d, size_t len, char *ymd)
{
	struct card_tlv t;
	const uint8_t *v = d;
	size_t n = len;

	ymd[0] = '\0';
	if (len >= 2 && d[0] == 0xF2 && card_tlv_parse(d, len, &t) == 0 && t.tag == 0xF2) {
		v = t.value;
		n = t.len;
	}
	if (n == 8) {
		for (int i = 0; i < 8; i++)
			if (v[i] < '0' || v[i] > '9')
				return MG_ECARD_DATA;
		memcpy(ymd, v, 8);
	} else if (n == 4) {
		for (int i = 0; i < 4; i++) {
			if ((v[i] >> 4) > 9 || (v[i] & 0x0F) > 9)
				return MG_ECARD_DATA;
			ymd[2 * i] = (char)('0' + (v[i] >> 4));
			ymd[2 * i + 1] = (char)('0' + (v[i] & 0x0F));
		}
	} else {
		return MG_ECARD_DATA;
	}
	ymd[8] = '\0';
	{
		int y = (ymd[0] - '0') * 1000 + (ymd[1] - '0') * 100 + (ymd[2] - '0') * 10 + (ymd[3] - '0');
		int m = (ymd[4] - '0') * 10 + (ymd[5] - '0'), dd = (ymd[6] - '0') * 10 + (ymd[7] - '0');

		if (!i18n_date_valid(y, m, dd)) {
			ymd[0] = '\0';
			return MG_ECARD_DATA;
		}
	}
	return 0;
}

/* MF-level GET DATA F2 (card expiry); a card that has none is not an error. */
static int read_expiry(struct card_pcsc *pc, char *ymd)
{
	uint8_t d[64];
	size_t n = 0;
	int rc = card_apdu_get_data(pc, 0x00, 0xF2, d, sizeof d, &n);

	ymd[0] = '\0';
	if (rc != 0)
		return card_answered(rc) ? 0 : rc;
	card_kenhojo_parse_expiry(d, n, ymd);
	return 0;
}

/* Select an EF and read the object it holds into buf. */
static int read_file(struct card_pcsc *pc, uint16_t fid, uint8_t *buf, size_t cap, size_t *len)
{
	size_t tlv_len = 0;
	int rc = card_apdu_select_ef(pc, fid);

	*len = 0;
	if (rc == 0)
		rc = card_apdu_read_ef(pc, buf, cap, len, &tlv_len);
	return rc;
}

/*
 * The presence evidence (§7.2): EF0007 (free) and the card's signature over a
 * fresh random challenge, sent as a SHA-256 DigestInfo. A card that answers
 * with a status word (no EF0007, no key, command unknown) leaves the evidence
 * empty; only a transport failure ends the read.
 */
static int read_presence(struct card_pcsc *pc, struct card_kenhojo *k)
{
	static const uint8_t sha256_prefix[19] = { 0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48,
	                                          0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04,
	                                          0x20 };
	uint8_t di[sizeof sha256_prefix + 32];
	unsigned int hl = 0;
	int rc = read_file(pc, 0x0007, k->ef7, sizeof k->ef7, &k->ef7_len);

	if (rc != 0 && !card_answered(rc))
		return rc;
	if (rc != 0)
		k->ef7_len = 0;
	if (RAND_bytes(k->challenge, sizeof k->challenge) != 1)
		return MG_ECARD_CRYPTO;
	memcpy(di, sha256_prefix, sizeof sha256_prefix);
	if (EVP_Digest(k->challenge, sizeof k->challenge, di + sizeof sha256_prefix, &hl, EVP_sha256(),
	               NULL) != 1 || hl != 32)
		return MG_ECARD_CRYPTO;
	rc = card_apdu_sign(pc, 0x00, di, sizeof di, k->answer, sizeof k->answer, &k->answer_len);
	return rc != 0 && card_answered(rc) ? 0 : rc;
}

/* Connect and select the AP and the PIN IEF. */
static int open_ap(struct card_pcsc *pc, const char *reader, char *expiry)
{
	int rc = card_pcsc_connect(pc, reader);

	if (rc == 0 && expiry)
		rc = read_expiry(pc, expiry);
	if (rc == 0) {
		rc = card_apdu_select_aid(pc, kenhojo_aid, sizeof kenhojo_aid);
		if (rc == MG_ECARD_NOFILE)
			rc = MG_ECARD_NOTMYNA;
	}
	if (rc == 0)
		rc = card_apdu_select_ef(pc, 0x0011);
	return rc;
}

int card_kenhojo_read(struct card_pcsc *pc, const char *reader, struct card_secret *pin,
                      unsigned flags, struct card_kenhojo *out)
{
	unsigned long start = card_pcsc_count(pc);
	int rc, left = -1, retries = -1, sent = 0;

	memset(out, 0, sizeof *out);
	if (!pin || !card_secret_is_digits(pin, 4)) {
		rc = MG_ECARD_PIN_FORMAT;
		goto out;
	}
	rc = open_ap(pc, reader, out->expiry);
	if (rc == 0)
		rc = card_apdu_retries(pc, &left);
	if (rc != 0)
		goto out;
	retries = left;
	if (left == 0) {
		rc = MG_ECARD_PIN_BLOCKED;          /* 63C0: never VERIFY a blocked key */
		goto out;
	}
	if ((left == 1 || left < 0) && !(flags & CARD_KENHOJO_LAST_TRY)) {
		rc = MG_ECARD_PIN_LASTTRY;
		goto out;
	}
	sent = 1;
	rc = card_apdu_verify(pc, card_secret_data(pin), card_secret_len(pin), &left);
	card_secret_clear(pin);                  /* wiped right after VERIFY */
	if (rc == MG_ECARD_PIN_WRONG || rc == MG_ECARD_PIN_BLOCKED) {
		retries = left < 0 ? 0 : left;
		goto out;
	}
	if (rc != 0) {
		retries = -1;   /* the PIN went, no count came back: unknown (rv16card L2) */
		goto out;
	}
	retries = CARD_KENHOJO_PIN_TRIES;        /* a correct VERIFY resets the counter */
	rc = read_file(pc, 0x0001, out->ef1, sizeof out->ef1, &out->ef1_len);
	if (rc == 0)
		rc = read_file(pc, 0x0002, out->ef2, sizeof out->ef2, &out->ef2_len);
	if (rc == 0)
		rc = read_file(pc, 0x0003, out->ef3, sizeof out->ef3, &out->ef3_len);
	if (rc == 0)
		rc = read_file(pc, 0x0004, out->ef4, sizeof out->ef4, &out->ef4_len);
	if (rc == 0)
		rc = read_presence(pc, out);
	if (rc == 0)
		rc = card_kenhojo_parse_ef1(out->ef1, out->ef1_len, out->mynumber);
	if (rc == 0)
		rc = card_kenhojo_parse_ef2(out->ef2, out->ef2_len, out);
out:
	if (pin)
		card_secret_clear(pin);
	card_pcsc_disconnect(pc, 1);
	if (rc != 0) {
		card_kenhojo_wipe(out);
	}
	out->retries = retries;
	out->pin_sent = sent;
	out->apdus = card_pcsc_count(pc) - start;
	return rc;
}

int card_kenhojo_retries(struct card_pcsc *pc, const char *reader, int *left)
{
	int rc = open_ap(pc, reader, NULL);

	*left = -1;
	if (rc == 0)
		rc = card_apdu_retries(pc, left);
	if (rc == MG_ECARD_PIN_BLOCKED) {
		*left = 0;
		rc = 0;
	}
	card_pcsc_disconnect(pc, 1);
	return rc;
}

int card_kenhojo_verify(struct card_kenhojo *k, const struct card_trust *trust, unsigned flags)
{
	struct card_presence pr = { k->ef7, k->ef7_len, k->challenge, sizeof k->challenge, k->answer,
	                            k->answer_len };

	return card_verify_kenhojo(trust, flags, k->ef1, k->ef1_len, k->ef2, k->ef2_len,
	                           k->ef3, k->ef3_len, k->ef4, k->ef4_len, &pr, &k->verdict);
}

void card_kenhojo_wipe(struct card_kenhojo *k)
{
	explicit_bzero(k, sizeof *k);
}
