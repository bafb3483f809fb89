/*
 * vcard_card.h — the emulated My Number card: its file system, PIN state and
 * APDU dispatcher (no sockets; see vcard_vpcd.h for the wire and
 * vcard_serve.h for the process).
 *
 * Behaviour follows the checklist in spec/card-protocol.md §11: the real
 * contact ATR; SELECT by AID (exact) and by FID; READ BINARY with a 15-bit
 * offset or an SFI, short, 00 and extended Le, fewer bytes than Le at the end,
 * 6B00 past the end, 6981 on an IEF, 6982 on a protected EF; VERIFY with the
 * empty retry query (63Cx), 63C0 on the blocking attempt and 6984 after;
 * GET DATA F2 (card expiry) at MF level; COMPUTE DIGITAL SIGNATURE with a
 * JPKI key after its PIN, and 80 2A 00 00 in the 入力補助AP with the card's
 * presence key and no PIN (§7.2); every volatile state (current AP/EF,
 * verified keys) cleared by power off/on/reset. Retry counters are
 * non-volatile: every change is written to the profile file at once.
 */
#ifndef VCARD_CARD_H
#define VCARD_CARD_H

#include <stddef.h>
#include <stdint.h>

struct vcard_profile;
struct vcard_card;

/* Largest R-APDU the dispatcher produces (65536 data bytes + SW1 SW2). */
#define VCARD_CARD_RAPDU_MAX 65538

/* The real contact ATR of the card (spec §8), 9 bytes. */
extern const uint8_t vcard_card_atr[9];

/* The keys (IEFs) of the card, each with its own counter and value. */
enum vcard_card_pin {
	VCARD_CARD_PIN_KENHOJO,       /* 入力補助AP 0011: 4-digit PIN, 3 tries */
	VCARD_CARD_PIN_KENHOJO_A,     /* 入力補助AP 0014: 照合番号A (個人番号), 10 */
	VCARD_CARD_PIN_KENHOJO_B,     /* 入力補助AP 0015: 照合番号B (14 digits), 10 */
	VCARD_CARD_PIN_KENHOJO_X,     /* 入力補助AP 0012: blocked at issuance */
	VCARD_CARD_PIN_AUTH,          /* JPKI 0018: 利用者証明用 PIN, 3 tries */
	VCARD_CARD_PIN_SIGN,          /* JPKI 001B: 署名用パスワード, 5 tries */
	VCARD_CARD_PIN_KENKAKU_BIRTH, /* 券面AP 0011: 和暦 birth YYMMDD, 10 */
	VCARD_CARD_PIN_KENKAKU_B,     /* 券面AP 0012: 照合番号B, 10 */
	VCARD_CARD_PIN_KENKAKU_A,     /* 券面AP 0013: 照合番号A, 10 */
	VCARD_CARD_PIN_COUNT
};

/* Power events from the reader (vpcd control bytes 0, 1, 2). */
enum vcard_card_power {
	VCARD_CARD_POWER_OFF = 0,
	VCARD_CARD_POWER_ON = 1,
	VCARD_CARD_POWER_RESET = 2
};

/*
 * vcard_card_new — build a card from a profile (see card/vcard/README.md for
 * the keys): 入力補助AP EF0001/EF0002 from the holder data, EF0003/EF0004/
 * EF0007 and the JPKI certificates from their hex (an absent one: no such
 * EF), the JPKI and presence private keys (absent: no key; presence_key
 * empty: no key too), retry counters and PINs.
 * Consumes p (freed with the card, also on error). Counter changes are saved
 * to p's file (nothing is written for a memory profile).
 * OUT: *out, returns new (vcard_card_free).
 * Returns 0, MG_EINVAL (a missing or malformed field; its key in *bad_key when
 * bad_key is not NULL, a static string) or MG_ENOMEM. Does not block.
 */
int vcard_card_new(struct vcard_profile *p, struct vcard_card **out,
                   const char **bad_key);

/* vcard_card_free — free the card and its profile (NULL is fine); secrets wiped. */
void vcard_card_free(struct vcard_card *c);

/* vcard_card_profile — the card's profile (borrowed, valid while the card lives). */
struct vcard_profile *vcard_card_profile(struct vcard_card *c);

/*
 * vcard_card_power — a power event: clears the current AP/EF and every
 * verified key (counters are kept).
 */
void vcard_card_power(struct vcard_card *c, enum vcard_card_power ev);

/*
 * vcard_card_apdu — process one C-APDU (ISO 7816-4 cases 1–4, short or
 * extended) and write the R-APDU (data + SW1 SW2) into r (cap bytes; at least
 * 2, VCARD_CARD_RAPDU_MAX never truncates). Any byte string is accepted:
 * malformed commands get an error status word.
 * OUT: *rlen. Returns the status word (e.g. 0x9000). When a counter change
 * cannot be saved the answer is 6581 (memory failure) and the change is kept
 * in memory. Blocks only on that save.
 */
unsigned vcard_card_apdu(struct vcard_card *c, const uint8_t *cmd, size_t len,
                         uint8_t *r, size_t cap, size_t *rlen);

/* vcard_card_tries — remaining tries of a key (0 = blocked). */
int vcard_card_tries(const struct vcard_card *c, enum vcard_card_pin pin);

/* vcard_card_verified — 1 when the key was verified since the last power event. */
int vcard_card_verified(const struct vcard_card *c, enum vcard_card_pin pin);

/*
 * vcard_card_log_public — how many leading bytes of a C-APDU may be logged:
 * for VERIFY and CHANGE REFERENCE DATA with data, the header and Lc only
 * (the PIN bytes must be masked); len otherwise.
 */
size_t vcard_card_log_public(const uint8_t *cmd, size_t len);

/*
 * vcard_card_tlv — write a BER-TLV (tag of 1 or 2 bytes, definite length in
 * short, 81 or 82 form) with value v (n bytes) to out; out NULL only measures,
 * v NULL writes the tag and length only.
 * Returns the bytes written (or needed).
 */
size_t vcard_card_tlv(uint8_t *out, unsigned tag, const uint8_t *v, size_t n);

/*
 * vcard_card_kenhojo_ef0001 — the 17-byte 入力補助AP EF0001 for a 12-digit
 * 個人番号: FF 10 0C <12 ASCII digits> FF FF. OUT: out[17].
 * Returns 0 or MG_EINVAL (not 12 digits).
 */
int vcard_card_kenhojo_ef0001(const char *mynumber, uint8_t out[17]);

/*
 * vcard_card_kenhojo_ef0002 — the 入力補助AP EF0002 (基本4情報, spec §4.3):
 * FF20 { DF21 offsets, DF22 name, DF23 address, DF24 birth, DF25 sex }.
 * OUT: *out (returns new, free()), *len; *df22 = offset of the DF22 tag (the
 * start of what DF32 hashes). Returns 0, MG_EINVAL or MG_ENOMEM.
 */
int vcard_card_kenhojo_ef0002(const char *name, const char *address, const char *birth,
                              const char *sex, uint8_t **out, size_t *len, size_t *df22);

/*
 * vcard_card_wareki_yymmdd — 和暦 YYMMDD of a Gregorian YYYYMMDD (明治…令和,
 * as printed for 照合番号B and the 券面AP birth key). OUT: out[7] (NUL-ended).
 * Returns 0 or MG_EINVAL.
 */
int vcard_card_wareki_yymmdd(const char *birth, char out[7]);

/*
 * vcard_card_collation_b — 照合番号B = 和暦 birth YYMMDD + expiry year YYYY +
 * 4-digit security code (14 digits). OUT: out[15]. Returns 0 or MG_EINVAL.
 */
int vcard_card_collation_b(const char *birth, const char *expiry,
                           const char *security_code, char out[15]);

#endif
