/* card_tlv.c — BER-TLV parsing of card data (untrusted bytes). */
#include "card/card_tlv.h"
#include "i18n/mg_rc.h"

#include <string.h>

int card_tlv_header(const uint8_t *buf, size_t len, struct card_tlv *t)
{
	size_t i = 0, vlen = 0;
	uint32_t tag;

	memset(t, 0, sizeof *t);
	if (!buf || len < 2)
		return MG_ECARD_DATA;
	tag = buf[i++];
	if ((tag & 0x1F) == 0x1F) {
		/* subsequent tag bytes: bit 8 set means another follows; at most 3 in all */
		do {
			if (i >= len || i >= 3)
				return MG_ECARD_DATA;
			tag = (tag << 8) | buf[i];
		} while (buf[i++] & 0x80);
	}
	if (i >= len)
		return MG_ECARD_DATA;
	if (buf[i] < 0x80) {
		vlen = buf[i++];
	} else {
		size_t n = buf[i++] & 0x7F;

		if (n == 0 || n > 3 || len - i < n)
			return MG_ECARD_DATA;   /* indefinite, too long, or cut short */
		for (size_t k = 0; k < n; k++)
			vlen = (vlen << 8) | buf[i++];
	}
	t->tag = tag;
	t->hdr_len = i;
	t->len = vlen;
	t->value = buf + i;
	return 0;
}

int card_tlv_parse(const uint8_t *buf, size_t len, struct card_tlv *t)
{
	int rc = card_tlv_header(buf, len, t);

	if (rc != 0)
		return rc;
	if (t->len > len - t->hdr_len) {
		memset(t, 0, sizeof *t);
		return MG_ECARD_DATA;
	}
	return 0;
}

/* 1 when buf[0..len) is only 00 bytes or only FF bytes (EF filler). */
static int is_filler(const uint8_t *buf, size_t len)
{
	for (size_t i = 1; i < len; i++)
		if (buf[i] != buf[0])
			return 0;
	return len > 0 && (buf[0] == 0x00 || buf[0] == 0xFF);
}

int card_tlv_find(const uint8_t *buf, size_t len, uint32_t tag, struct card_tlv *t)
{
	size_t off = 0;

	memset(t, 0, sizeof *t);
	while (off < len) {
		struct card_tlv cur;
		int rc;

		if (is_filler(buf + off, len - off))
			break;
		rc = card_tlv_parse(buf + off, len - off, &cur);
		if (rc != 0)
			return rc;
		if (cur.tag == tag) {
			*t = cur;
			return 0;
		}
		off += cur.hdr_len + cur.len;
	}
	return MG_ENOTFOUND;
}

int card_tlv_put_len(size_t len, uint8_t *out)
{
	if (len < 0x80) {
		out[0] = (uint8_t)len;
		return 1;
	}
	if (len <= 0xFF) {
		out[0] = 0x81;
		out[1] = (uint8_t)len;
		return 2;
	}
	if (len <= 0xFFFF) {
		out[0] = 0x82;
		out[1] = (uint8_t)(len >> 8);
		out[2] = (uint8_t)len;
		return 3;
	}
	if (len <= 0xFFFFFF) {
		out[0] = 0x83;
		out[1] = (uint8_t)(len >> 16);
		out[2] = (uint8_t)(len >> 8);
		out[3] = (uint8_t)len;
		return 4;
	}
	return MG_EINVAL;
}
