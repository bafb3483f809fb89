/*
 * fuzz_kenhojo.c — libFuzzer target for the EF parsers of the card module:
 * 入力補助AP EF0001/EF0002 and the GET DATA expiry (card_kenhojo.c), the
 * 券面AP EF0002 (card_kenkaku.c), the JPKI token label and certificates
 * (card_jpki.c), and the authenticity checks on arbitrary EF0001–EF0004
 * (card_verify.c, no trust store: parsing only). The first input byte picks
 * the parser; the rest is the EF. Whatever a parser accepts must be valid.
 */
#include "card/card_jpki.h"
#include "card/card_kenhojo.h"
#include "card/card_kenkaku.h"
#include "card/card_verify.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *ef = data + 1;
	size_t n = size ? size - 1 : 0;

	if (size == 0)
		return 0;
	switch (data[0] % 6) {
	case 0: {
		char m[13];

		if (card_kenhojo_parse_ef1(ef, n, m) == 0 && !card_kenhojo_mynumber_valid(m))
			abort();
		break;
	}
	case 1: {
		struct card_kenhojo *k = calloc(1, sizeof *k);

		if (k && card_kenhojo_parse_ef2(ef, n, k) == 0 &&
		    (!card_kenhojo_text_ok((const uint8_t *)k->name, strlen(k->name)) ||
		     !card_kenhojo_text_ok((const uint8_t *)k->address, strlen(k->address)) ||
		     strlen(k->birth) != 8 || strlen(k->sex) != 1))
			abort();
		free(k);
		break;
	}
	case 2: {
		char ymd[9];

		if (card_kenhojo_parse_expiry(ef, n, ymd) == 0 && strlen(ymd) != 8)
			abort();
		break;
	}
	case 3: {
		struct card_kenkaku kk;

		memset(&kk, 0, sizeof kk);
		if (card_kenkaku_parse(ef, n, &kk) == 0 &&
		    ((kk.face.data && (kk.face.data < ef || kk.face.data + kk.face.len > ef + n)) ||
		     strlen(kk.birth) != 8 || strlen(kk.expiry) != 8))
			abort();
		break;
	}
	case 4: {
		struct card_jpki_cert c;
		char label[33];

		card_jpki_cert_info(ef, n, &c);
		card_jpki_parse_label(ef, n, label);
		break;
	}
	default: {
		/* split into four EFs: the next four bytes are the first three lengths */
		struct card_verdict v;
		const uint8_t *p[4];
		size_t l[4], off = 4;

		if (n < 4)
			break;
		for (int i = 0; i < 4; i++) {
			size_t want = i < 3 ? (size_t)ef[i] * 4 + ef[3] % 4 : n - off;

			p[i] = ef + off;
			l[i] = want > n - off ? n - off : want;
			off += l[i];
		}
		card_verify_kenhojo(NULL, CARD_VERIFY_ALLOW_DEMO, p[0], l[0], p[1], l[1], p[2], l[2], p[3], l[3], NULL, &v);
		if (v.kind == CARD_VERDICT_GENUINE)
			abort();   /* nothing is genuine without a trust store */
		break;
	}
	}
	return 0;
}
