/*
 * fuzz_vpcd.c — libFuzzer target for the emulator's vpcd framing and APDU
 * dispatcher: the input is a byte stream as pcscd's vpcd would send it
 * (2-byte length + payload, repeated); every complete message goes through
 * vcard_vpcd_reply on a fresh card built from an in-memory profile.
 */
#include "card/vcard/vcard_card.h"
#include "card/vcard/vcard_profile.h"
#include "card/vcard/vcard_vpcd.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A small synthetic profile (EF0003/EF0004 are placeholders of the right shape). */
static const char profile_text[] =
	"version=1\n"
	"name=山田　太郎\n"
	"address=東京都千代田区霞が関二丁目１番２号\n"
	"birth=19850401\nsex=1\nmynumber=123456789018\n"
	"card_expiry=20350401\nsecurity_code=2285\n"
	"kenhojo_pin=1234\nauth_pin=1234\nsign_pin=ABC123\n"
	"kenhojo_pin_tries=3\nauth_pin_tries=2\nsign_pin_tries=5\n"
	"ef0003=ff30820014df3120000102030405060708090a0b0c0d0e0f\n"
	"ef0004=7f2182000a5f4e0401020304\n"
	"auth_cert=308200083006020101020102\n"
	"kenkaku_ef0002=ff200bdf22083139383530343031\n";

static uint8_t out[VCARD_VPCD_FRAME_MAX];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vcard_profile *p = NULL;
	struct vcard_card *c = NULL;
	static FILE *log;
	const uint8_t *msg;
	size_t used, ml, ol, off = 0;

	if (!log)
		log = fopen("/dev/null", "w");
	if (vcard_profile_parse(profile_text, sizeof profile_text - 1, &p, NULL) != 0)
		return 0;
	if (vcard_card_new(p, &c, NULL) != 0)
		return 0;
	while ((used = vcard_vpcd_next(data + off, size - off, &msg, &ml)) > 0) {
		if (vcard_vpcd_reply(c, msg, ml, out, sizeof out, &ol, log) != 0)
			break;
		if (ol > 0 && (ol < 4 || ((size_t)out[0] << 8 | out[1]) + 2 != ol))
			__builtin_trap();             /* a reply frame must be well formed */
		off += used;
	}
	/* a bare APDU (no framing) as well */
	if (size >= 4 && size <= 65535) {
		size_t rl = 0;

		vcard_card_apdu(c, data, size, out, sizeof out, &rl);
		if (rl < 2 || rl > sizeof out)
			__builtin_trap();
	}
	vcard_card_free(c);
	return 0;
}
