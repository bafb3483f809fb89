/*
 * card_kenhojo.h — the 券面事項入力補助AP: 個人番号 and 基本4情報 with the
 * 4-digit PIN (card-protocol.md §3, §4), plus the card expiry (MF GET DATA
 * F2) read in the same connection, and the evidence that the chip itself
 * is in the reader (§7.2): EF0007 (the AP's own public key, certified by
 * the issuer) and the card's signature over a fresh random challenge
 * (80 2A 00 00 with a SHA-256 DigestInfo, no PIN), checked by
 * card_kenhojo_verify. A card that has no EF0007 or refuses to sign is
 * still read; its verdict says so.
 *
 * PIN rule (ARCHITECTURE.md §6): the retry counter is queried first (empty
 * VERIFY, no attempt consumed); the PIN is sent at most once per read; with
 * exactly one attempt left it is sent only when the caller passes
 * CARD_KENHOJO_LAST_TRY (the clerk confirmed it); never when the key is
 * blocked (63C0 to the query, 6983/6984). When the query answers 9000 (the
 * card is still verified from an earlier session) the counter is unknown and
 * the PIN is sent only with CARD_KENHOJO_LAST_TRY. One connection covers the
 * whole read; it ends with a card reset so no verified state outlives it.
 *
 * All card text is untrusted and validated: UTF-8 without control or bidi
 * override characters, bounded lengths, the DF21 offset table matching the
 * TLVs, 8-digit real birth date, sex 0/1/2/9, 12-digit 個人番号 with a
 * correct check digit. On any failure no data is left in the result.
 *
 * 個人番号 display: callers show it masked with all twelve digits hidden
 * (card_kenhojo_mask): a partial number helps no counter task, while last
 * four digits are what a bystander needs to link a person across records.
 */
#ifndef CARD_KENHOJO_H
#define CARD_KENHOJO_H

#include <stddef.h>
#include <stdint.h>

#include "card/card_verify.h"

struct card_pcsc;
struct card_secret;

#define CARD_KENHOJO_LAST_TRY 1u     /* the clerk confirmed using the last attempt */
#define CARD_KENHOJO_PIN_TRIES 3     /* retry maximum of the PIN (spec §3.3) */
#define CARD_KENHOJO_NAME_MAX 256    /* 氏名 bytes incl. NUL */
#define CARD_KENHOJO_ADDR_MAX 512    /* 住所 bytes incl. NUL */
#define CARD_KENHOJO_EF1_MAX 32
#define CARD_KENHOJO_EF2_MAX 1024
#define CARD_KENHOJO_EF3_MAX 512
#define CARD_KENHOJO_EF4_MAX 1024
#define CARD_KENHOJO_EF7_MAX 1024
#define CARD_KENHOJO_CHALLENGE 32    /* random bytes the card must sign */
#define CARD_KENHOJO_ANSWER_MAX 512  /* its signature (RSA ≤ 4096 bits) */

/* Result of one read (the caller owns it; card_kenhojo_wipe when done). */
struct card_kenhojo {
	char name[CARD_KENHOJO_NAME_MAX];     /* 氏名 (UTF-8, U+3000 between parts) */
	char address[CARD_KENHOJO_ADDR_MAX];  /* 住所 (UTF-8) */
	char birth[9];                        /* 生年月日 YYYYMMDD (Gregorian) */
	char sex[2];                          /* 性別 "1" male "2" female "9" n/a "0" unknown */
	char mynumber[13];                    /* 個人番号, check digit verified */
	char expiry[9];                       /* card expiry YYYYMMDD, "" when the card gives none */
	int retries;                          /* PIN attempts left (after this read), -1 unknown */
	int pin_sent;                         /* 1 once the VERIFY with the PIN went to the card */
	struct card_verdict verdict;          /* set by card_kenhojo_verify */
	uint8_t ef1[CARD_KENHOJO_EF1_MAX];    /* raw EF0001 as read (all bytes) */
	size_t ef1_len;
	uint8_t ef2[CARD_KENHOJO_EF2_MAX];    /* raw EF0002 */
	size_t ef2_len;
	uint8_t ef3[CARD_KENHOJO_EF3_MAX];    /* raw EF0003 (integrity record) */
	size_t ef3_len;
	uint8_t ef4[CARD_KENHOJO_EF4_MAX];    /* raw EF0004 (CV certificate) */
	size_t ef4_len;
	uint8_t ef7[CARD_KENHOJO_EF7_MAX];    /* raw EF0007 (presence key), ef7_len 0: none */
	size_t ef7_len;
	uint8_t challenge[CARD_KENHOJO_CHALLENGE];   /* chosen at random for this read */
	uint8_t answer[CARD_KENHOJO_ANSWER_MAX];     /* the card's signature, answer_len 0: refused */
	size_t answer_len;
	unsigned long apdus;                  /* APDUs this read sent */
};

/*
 * card_kenhojo_read — connect to reader, read the card expiry, select the
 * AP, apply the PIN rule, read EF0001–EF0004 and EF0007, have the card
 * sign a fresh challenge, validate, disconnect with a reset. pin: 4 ASCII digits (checked before the card is touched); it is
 * wiped right after VERIFY and on every path (consumed). flags:
 * CARD_KENHOJO_LAST_TRY. OUT: *out (all fields; on error only retries and
 * pin_sent are kept, everything else wiped).
 * Returns 0, MG_ECARD_PIN_FORMAT, MG_ECARD_PIN_WRONG (out->retries left),
 * MG_ECARD_PIN_LASTTRY (1 left, not confirmed: nothing sent),
 * MG_ECARD_PIN_BLOCKED, MG_ECARD_NOTMYNA (no such AP), MG_ECARD_DATA,
 * MG_ECARD_MYNUMBER (check digit), MG_ECARD_SECURITY, MG_ECARD_SW, or a
 * transport code (MG_ECARD_REMOVED, MG_ECARD_NOSERVICE …). Blocks.
 */
int card_kenhojo_read(struct card_pcsc *pc, const char *reader, struct card_secret *pin,
                      unsigned flags, struct card_kenhojo *out);

/*
 * card_kenhojo_retries — the PIN retry counter only (no PIN): connect,
 * select, query, disconnect. OUT: *left (-1 unknown). Returns 0,
 * MG_ECARD_NOTMYNA or a transport code. Blocks.
 */
int card_kenhojo_retries(struct card_pcsc *pc, const char *reader, int *left);

/*
 * card_kenhojo_verify — run card_verify_kenhojo on the raw EFs and the
 * presence evidence of k and store the verdict in k->verdict. Returns what card_verify_kenhojo returns.
 */
int card_kenhojo_verify(struct card_kenhojo *k, const struct card_trust *trust, unsigned flags);

/* card_kenhojo_wipe — zero every field (explicit_bzero). */
void card_kenhojo_wipe(struct card_kenhojo *k);

/*
 * card_kenhojo_parse_ef1 — EF0001 bytes → 個人番号 (FF10 0C + 12 digits,
 * filler allowed after). OUT: mynumber[13]. Returns 0, MG_ECARD_DATA or
 * MG_ECARD_MYNUMBER (check digit).
 */
int card_kenhojo_parse_ef1(const uint8_t *ef, size_t len, char *mynumber);

/*
 * card_kenhojo_parse_ef2 — EF0002 bytes → 4情報 (FF20 { DF21 offsets,
 * DF22 氏名, DF23 住所, DF24 生年月日, DF25 性別 }), fully validated.
 * OUT: the four fields of k. Returns 0 or MG_ECARD_DATA.
 */
int card_kenhojo_parse_ef2(const uint8_t *ef, size_t len, struct card_kenhojo *k);

/*
 * card_kenhojo_parse_expiry — the answer to GET DATA F2 (F2 08 + 8 ASCII
 * digits, F2 04 + 4 BCD bytes, or the bare value). OUT: ymd[9].
 * Returns 0 or MG_ECARD_DATA.
 */
int card_kenhojo_parse_expiry(const uint8_t *d, size_t len, char *ymd);

/* card_kenhojo_mynumber_valid — 1 for 12 ASCII digits with a correct check digit. */
int card_kenhojo_mynumber_valid(const char *s);

/*
 * card_kenhojo_mask — the masked form shown to the clerk: one '*' per digit
 * (no digit revealed). OUT: out (cap ≥ 13). Returns 0 or MG_ETOOLONG.
 */
int card_kenhojo_mask(const char *mynumber, char *out, size_t cap);

/* card_kenhojo_text_ok — 1 when s[0..len) is UTF-8 text safe to keep (see above). */
int card_kenhojo_text_ok(const uint8_t *s, size_t len);

#endif
