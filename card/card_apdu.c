/* card_apdu.c — APDU encoding, status words, and the basic card commands. */
#include "card/card_apdu.h"
#include "card/card_pcsc.h"
#include "card/card_tlv.h"
#include "i18n/mg_rc.h"

#include <stdlib.h>
#include <string.h>

/* At most this many 61xx / 6Cxx rounds for one command. */
#define XFER_ROUNDS 64

int card_apdu_encode(const struct card_apdu *a, uint8_t *out, size_t cap, size_t *len)
{
	int ext = a->lc > 255 || a->le > 256;
	size_t need = 4, n = 0;

	*len = 0;
	if (a->lc > 65535 || a->le > 65536 || (a->lc && !a->data))
		return MG_EINVAL;
	if (a->lc)
		need += (ext ? 3 : 1) + a->lc;
	if (a->le)
		need += ext ? (a->lc ? 2 : 3) : 1;
	if (need > cap)
		return MG_ETOOLONG;
	out[n++] = a->cla;
	out[n++] = a->ins;
	out[n++] = a->p1;
	out[n++] = a->p2;
	if (a->lc) {
		if (ext) {
			out[n++] = 0;
			out[n++] = (uint8_t)(a->lc >> 8);
		}
		out[n++] = (uint8_t)a->lc;
		memcpy(out + n, a->data, a->lc);
		n += a->lc;
	}
	if (a->le) {
		size_t le = a->le == (ext ? 65536u : 256u) ? 0 : a->le;

		if (ext) {
			if (!a->lc)
				out[n++] = 0;
			out[n++] = (uint8_t)(le >> 8);
		}
		out[n++] = (uint8_t)le;
	}
	*len = n;
	return 0;
}

int card_apdu_sw_rc(uint16_t sw)
{
	if (sw == 0x9000)
		return 0;
	if (sw == 0x63C0 || sw == 0x6983 || sw == 0x6984)
		return MG_ECARD_PIN_BLOCKED;
	if ((sw & 0xFFF0) == 0x63C0)
		return MG_ECARD_PIN_WRONG;
	if (sw == 0x6982)
		return MG_ECARD_SECURITY;
	if (sw == 0x6A82)
		return MG_ECARD_NOFILE;
	return MG_ECARD_SW;
}

int card_apdu_xfer(struct card_pcsc *pc, const struct card_apdu *a, uint8_t *resp, size_t cap,
                   size_t *rlen, uint16_t *sw)
{
	struct card_apdu cur = *a;
	uint8_t *c = NULL, *r = NULL;
	size_t clen = 0, total = 0;
	int rc = 0, wrong_le = 0;

	*rlen = 0;
	*sw = 0;
	c = malloc(CARD_APDU_MAX);
	r = malloc(65536 + 2);
	if (!c || !r) {
		rc = MG_ENOMEM;
		goto out;
	}
	for (int round = 0; round < XFER_ROUNDS; round++) {
		size_t n = 65536 + 2;
		uint16_t s;

		rc = card_apdu_encode(&cur, c, CARD_APDU_MAX, &clen);
		if (rc != 0)
			goto out;
		rc = card_pcsc_transmit(pc, c, clen, r, &n);
		explicit_bzero(c, clen);
		if (rc != 0)
			goto out;
		s = (uint16_t)(r[n - 2] << 8 | r[n - 1]);
		n -= 2;
		if (n > cap - total) {
			rc = MG_ETOOLONG;
			goto out;
		}
		if (n) {
			memcpy(resp + total, r, n);
			total += n;
		}
		if ((s & 0xFF00) == 0x6100) {
			/* more data waiting: GET RESPONSE */
			memset(&cur, 0, sizeof cur);
			cur.ins = 0xC0;
			cur.le = (s & 0xFF) ? (s & 0xFF) : 256;
			continue;
		}
		if ((s & 0xFF00) == 0x6C00 && n == 0 && cur.ins != 0xC0 && a->le != 0 &&
		    !wrong_le++) {
			/* wrong Le: the card says how many bytes it has; asked again
			 * once, and only a command that expects data (never a VERIFY,
			 * which would send the PIN again: rv16card L1) */
			cur.le = (s & 0xFF) ? (s & 0xFF) : 256;
			continue;
		}
		*sw = s;
		*rlen = total;
		goto out;
	}
	rc = MG_ECARD_COMM;
out:
	if (rc != 0 && resp && total)
		explicit_bzero(resp, total);
	if (r)
		explicit_bzero(r, 65536 + 2);
	free(c);
	free(r);
	return rc;
}

/* Send a command without response data; the SW decides. */
static int simple(struct card_pcsc *pc, const struct card_apdu *a, uint16_t *swp)
{
	size_t n = 0;
	uint16_t sw = 0;
	int rc = card_apdu_xfer(pc, a, NULL, 0, &n, &sw);

	if (swp)
		*swp = sw;
	return rc ? rc : card_apdu_sw_rc(sw);
}

int card_apdu_select_aid(struct card_pcsc *pc, const uint8_t *aid, size_t len)
{
	struct card_apdu a = { 0x00, 0xA4, 0x04, 0x0C, aid, len, 0 };

	return simple(pc, &a, NULL);
}

int card_apdu_select_ef(struct card_pcsc *pc, uint16_t fid)
{
	uint8_t f[2] = { (uint8_t)(fid >> 8), (uint8_t)fid };
	struct card_apdu a = { 0x00, 0xA4, 0x02, 0x0C, f, 2, 0 };

	return simple(pc, &a, NULL);
}

int card_apdu_read(struct card_pcsc *pc, size_t offset, size_t le, uint8_t *buf, size_t *got)
{
	struct card_apdu a = { 0x00, 0xB0, (uint8_t)(offset >> 8), (uint8_t)offset, NULL, 0, le };
	uint16_t sw = 0;
	int rc;

	*got = 0;
	if (offset > 0x7FFF || le == 0 || le > 256)
		return MG_EINVAL;
	rc = card_apdu_xfer(pc, &a, buf, le, got, &sw);
	if (rc == MG_ETOOLONG)
		rc = MG_ECARD_DATA;    /* more bytes than asked for */
	if (rc == 0)
		rc = card_apdu_sw_rc(sw);
	if (rc != 0) {
		explicit_bzero(buf, le);
		*got = 0;
	}
	return rc;
}

int card_apdu_read_ef(struct card_pcsc *pc, uint8_t *buf, size_t cap, size_t *len, size_t *tlv_len)
{
	struct card_tlv t;
	size_t have = 0, got = 0, total;
	int rc;

	*len = 0;
	*tlv_len = 0;
	rc = card_apdu_read(pc, 0, cap < CARD_APDU_CHUNK ? cap : CARD_APDU_CHUNK, buf, &got);
	if (rc != 0)
		goto out;
	have = got;
	rc = card_tlv_header(buf, have, &t);
	if (rc != 0)
		goto out;
	total = t.hdr_len + t.len;
	if (total > cap) {
		rc = MG_ECARD_DATA;
		goto out;
	}
	while (have < total) {
		size_t want = total - have;

		if (have > 0x7FFF) {
			rc = MG_ECARD_DATA;   /* beyond the 15-bit offset */
			goto out;
		}
		if (want > CARD_APDU_CHUNK)
			want = CARD_APDU_CHUNK;
		rc = card_apdu_read(pc, have, want, buf + have, &got);
		if (rc != 0)
			goto out;
		if (got == 0) {
			rc = MG_ECARD_DATA;   /* EF shorter than its TLV says */
			goto out;
		}
		have += got;
	}
	*len = have;
	*tlv_len = total;
out:
	if (rc != 0)
		explicit_bzero(buf, have < cap ? have : cap);
	return rc;
}

int card_apdu_retries(struct card_pcsc *pc, int *left)
{
	struct card_apdu a = { 0x00, 0x20, 0x00, 0x80, NULL, 0, 0 };
	uint16_t sw = 0;
	int rc = simple(pc, &a, &sw);

	*left = 0;
	if (rc != 0 && rc != MG_ECARD_PIN_WRONG && rc != MG_ECARD_PIN_BLOCKED)
		return rc;      /* transport failure or another status word */
	if ((sw & 0xFFF0) == 0x63C0) {
		*left = sw & 0x0F;
		return 0;
	}
	if (sw == 0x9000) {
		*left = -1;
		return 0;
	}
	return rc;
}

int card_apdu_verify(struct card_pcsc *pc, const uint8_t *secret, size_t len, int *left)
{
	struct card_apdu a = { 0x00, 0x20, 0x00, 0x80, secret, len, 0 };
	uint16_t sw = 0;
	int rc;

	*left = -1;
	if (len == 0 || len > 255)
		return MG_EINVAL;
	rc = simple(pc, &a, &sw);
	if ((sw & 0xFFF0) == 0x63C0)
		*left = sw & 0x0F;
	else if (sw == 0x6983 || sw == 0x6984)
		*left = 0;
	return rc;
}

/* Send a command that answers data: the SW judged, 6A88 (no such object) as MG_ECARD_NOFILE. */
static int xfer_data(struct card_pcsc *pc, const struct card_apdu *a, uint8_t *buf, size_t cap,
                     size_t *len)
{
	uint16_t sw = 0;
	int rc = card_apdu_xfer(pc, a, buf, cap, len, &sw);

	if (rc == MG_ETOOLONG)
		rc = MG_ECARD_DATA;
	if (rc == 0) {
		rc = card_apdu_sw_rc(sw);
		if (sw == 0x6A88)
			rc = MG_ECARD_NOFILE;
	}
	if (rc != 0)
		*len = 0;
	return rc;
}

int card_apdu_get_data(struct card_pcsc *pc, uint8_t p1, uint8_t p2, uint8_t *buf, size_t cap,
                       size_t *len)
{
	struct card_apdu a = { 0x00, 0xCA, p1, p2, NULL, 0, 256 };

	return xfer_data(pc, &a, buf, cap, len);
}

int card_apdu_sign(struct card_pcsc *pc, uint8_t p2, const uint8_t *data, size_t len, uint8_t *sig,
                   size_t cap, size_t *siglen)
{
	struct card_apdu a = { 0x80, 0x2A, 0x00, p2, data, len, 256 };

	*siglen = 0;
	if (len == 0 || len > 255)
		return MG_EINVAL;
	return xfer_data(pc, &a, sig, cap, siglen);
}
