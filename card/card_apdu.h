/*
 * card_apdu.h — ISO 7816-4 command APDUs and status words, and the
 * commands the My Number card readers use (SELECT, READ BINARY, VERIFY,
 * GET DATA, COMPUTE DIGITAL SIGNATURE) over a card_pcsc connection.
 *
 * Bytes and status words: /work/shared/spec/card-protocol.md §1–§3.
 */
#ifndef CARD_APDU_H
#define CARD_APDU_H

#include <stddef.h>
#include <stdint.h>

struct card_pcsc;

#define CARD_APDU_MAX   (7 + 65535 + 3)   /* longest extended C-APDU */
#define CARD_APDU_CHUNK 256               /* READ BINARY chunk: short Le 00 */

/* One command APDU. */
struct card_apdu {
	uint8_t cla, ins, p1, p2;   /* header */
	const uint8_t *data;        /* command data (borrowed), may be NULL when lc = 0 */
	size_t lc;                  /* command data length, 0..65535 */
	size_t le;                  /* expected length: 0 = no Le field, 1..65536 */
};

/*
 * card_apdu_encode — the bytes of a command (case 1–4): short form when
 * lc <= 255 and le <= 256 (Le 256 written 00), extended form otherwise
 * (Le 65536 written 00 00). OUT: out (cap bytes), *len.
 * Returns 0, MG_EINVAL (lc > 65535, le > 65536, data NULL with lc) or
 * MG_ETOOLONG (cap too small).
 */
int card_apdu_encode(const struct card_apdu *a, uint8_t *out, size_t cap, size_t *len);

/*
 * card_apdu_sw_rc — the madoguchi code of a status word: 9000 → 0;
 * 63Cx (x > 0) → MG_ECARD_PIN_WRONG; 63C0, 6983, 6984 → MG_ECARD_PIN_BLOCKED;
 * 6982 → MG_ECARD_SECURITY; 6A82 → MG_ECARD_NOFILE; anything else →
 * MG_ECARD_SW.
 */
int card_apdu_sw_rc(uint16_t sw);

/*
 * card_apdu_xfer — send a command and collect its whole answer: 61xx is
 * followed by GET RESPONSE, 6Cxx by the same command with Le = xx.
 * OUT: resp (cap bytes; may be NULL when cap is 0), *rlen (data length,
 * without the SW), *sw. Returns 0 whatever the SW is (the caller judges
 * it), or a transport code / MG_ETOOLONG (answer larger than cap) /
 * MG_ECARD_COMM. The encoded command is wiped after sending (it may hold a
 * PIN). Blocks.
 */
int card_apdu_xfer(struct card_pcsc *pc, const struct card_apdu *a, uint8_t *resp, size_t cap,
                   size_t *rlen, uint16_t *sw);

/*
 * card_apdu_select_aid — SELECT by DF name, no FCI (00 A4 04 0C).
 * Returns 0, MG_ECARD_NOFILE (6A82), MG_ECARD_SW or a transport code.
 */
int card_apdu_select_aid(struct card_pcsc *pc, const uint8_t *aid, size_t len);

/*
 * card_apdu_select_ef — SELECT EF/IEF by file id, no FCI (00 A4 02 0C).
 * Returns 0, MG_ECARD_NOFILE, MG_ECARD_SW or a transport code.
 */
int card_apdu_select_ef(struct card_pcsc *pc, uint16_t fid);

/*
 * card_apdu_read — READ BINARY of the current EF at offset (< 0x8000),
 * asking le (1..256) bytes. OUT: buf (le bytes), *got (may be fewer at the
 * end of the EF). Returns 0, MG_ECARD_SECURITY (6982), MG_ECARD_SW (6B00:
 * offset past the end …) or a transport code.
 */
int card_apdu_read(struct card_pcsc *pc, size_t offset, size_t le, uint8_t *buf, size_t *got);

/*
 * card_apdu_read_ef — read the BER-TLV object at the start of the current
 * EF: the first chunk gives the header (tag + length), the rest follows in
 * chunks of 256 bytes, each asking exactly what is left. What the EF holds
 * after the object (filler) is returned too when it came in the same chunk.
 * OUT: buf (cap bytes), *len (≥ the object's length), *tlv_len (header +
 * value length). Returns 0, MG_ECARD_DATA (no valid header, object longer
 * than cap, EF shorter than its header says) or a code of card_apdu_read.
 */
int card_apdu_read_ef(struct card_pcsc *pc, uint8_t *buf, size_t cap, size_t *len, size_t *tlv_len);

/*
 * card_apdu_retries — the retry query of the current IEF: an empty VERIFY
 * (00 20 00 80), which consumes no attempt. OUT: *left (attempts left;
 * 0 when blocked; -1 when the card answers 9000, i.e. already verified in
 * this power session). Returns 0 (also for 63C0: check *left),
 * MG_ECARD_PIN_BLOCKED (6983/6984), MG_ECARD_SW or a transport code.
 */
int card_apdu_retries(struct card_pcsc *pc, int *left);

/*
 * card_apdu_verify — VERIFY the current IEF with secret (len bytes, ASCII).
 * secret is borrowed; the APDU bytes holding it are wiped before return.
 * OUT: *left (attempts left after a wrong secret, else -1).
 * Returns 0, MG_ECARD_PIN_WRONG, MG_ECARD_PIN_BLOCKED (63C0, 6983, 6984),
 * MG_ECARD_SW or a transport code. Blocks.
 */
int card_apdu_verify(struct card_pcsc *pc, const uint8_t *secret, size_t len, int *left);

/*
 * card_apdu_get_data — GET DATA 00 CA p1 p2 with Le 00. OUT: buf (cap),
 * *len. Returns 0, MG_ECARD_NOFILE (6A88 / 6A82), MG_ECARD_SW or a
 * transport code.
 */
int card_apdu_get_data(struct card_pcsc *pc, uint8_t p1, uint8_t p2, uint8_t *buf, size_t cap,
                       size_t *len);

/*
 * card_apdu_sign — COMPUTE DIGITAL SIGNATURE 80 2A 00 p2 over data (len
 * bytes, 1..255: the caller's DigestInfo) with Le 00. p2 00 is the current
 * AP's own key (the 入力補助AP's presence key, no PIN); 80|SFI a key EF.
 * OUT: sig (cap bytes), *siglen. Returns 0, MG_ECARD_SECURITY (6982),
 * MG_ECARD_NOFILE (6A88 / 6A82: no such key), MG_ECARD_SW, MG_ECARD_DATA
 * (answer longer than cap) or a transport code. Blocks.
 */
int card_apdu_sign(struct card_pcsc *pc, uint8_t p2, const uint8_t *data, size_t len, uint8_t *sig,
                   size_t cap, size_t *siglen);

#endif
