/*
 * card_tlv.h — BER-TLV as the My Number card uses it (ISO 7816-4 §5.2):
 * tags of 1 to 3 bytes (FF10, DF21, 5F37, 7F21 …), definite lengths in
 * short form or long form 81/82/83 (up to 16 MiB). Parsing never reads
 * outside the buffer; indefinite length (80) and lengths over 83 are refused.
 */
#ifndef CARD_TLV_H
#define CARD_TLV_H

#include <stddef.h>
#include <stdint.h>

/* One parsed TLV (pointers borrowed from the parsed buffer). */
struct card_tlv {
	uint32_t tag;          /* tag bytes as a big-endian number (0xDF21) */
	size_t hdr_len;        /* tag + length bytes */
	size_t len;            /* value length */
	const uint8_t *value;  /* the value: hdr_len bytes after the start */
};

/*
 * card_tlv_header — parse a tag and a length at buf (len bytes available),
 * without requiring the value to be there. OUT: t (value pointer set even
 * when the value lies beyond len). Returns 0 or MG_ECARD_DATA (malformed,
 * unsupported, or the header itself cut short).
 */
int card_tlv_header(const uint8_t *buf, size_t len, struct card_tlv *t);

/*
 * card_tlv_parse — one complete TLV at buf: like card_tlv_header, and the
 * value must fit in len. OUT: t. Returns 0 or MG_ECARD_DATA.
 */
int card_tlv_parse(const uint8_t *buf, size_t len, struct card_tlv *t);

/*
 * card_tlv_find — the first TLV with tag among the sibling TLVs filling buf
 * (all of them must parse; filler bytes 00 or FF after the last one end the
 * walk). OUT: t. Returns 0, MG_ENOTFOUND or MG_ECARD_DATA.
 */
int card_tlv_find(const uint8_t *buf, size_t len, uint32_t tag, struct card_tlv *t);

/*
 * card_tlv_put_len — encode a definite length (shortest form).
 * OUT: out (at least 4 bytes). Returns the number of bytes, or MG_EINVAL
 * for len ≥ 16 MiB.
 */
int card_tlv_put_len(size_t len, uint8_t *out);

#endif
