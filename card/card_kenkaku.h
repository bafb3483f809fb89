/*
 * card_kenkaku.h — the 券面AP (券面事項確認AP) opened with 照合番号B, no PIN
 * (card-protocol.md §3.3, §6): 生年月日, 性別, 有効期限 and the raw images of
 * the card face (name, address, photo, security code) kept in memory for a
 * later screen.
 *
 * 照合番号B = 生年月日 as 和暦 YYMMDD (i18n_wareki_yymmdd) + expiry year
 * (西暦 YYYY) + the 4-digit セキュリティコード printed on the card: 14 ASCII
 * digits, built in a locked secret and wiped after VERIFY. The retry rule
 * is the PIN rule of card_kenhojo.h (query first, at most one VERIFY, the
 * last attempt only with CARD_KENKAKU_LAST_TRY, never when blocked).
 *
 * Not an authenticity check: the DF28 signature over the face data is not
 * verified, so nothing read here may be taken as proven. No workflow uses
 * this AP yet; the 4情報 a workflow relies on come from card_kenhojo_read
 * and card_verify_kenhojo.
 */
#ifndef CARD_KENKAKU_H
#define CARD_KENKAKU_H

#include <stddef.h>
#include <stdint.h>

struct card_pcsc;
struct card_secret;

#define CARD_KENKAKU_LAST_TRY 1u
#define CARD_KENKAKU_EF_MAX   65536   /* largest EF0002 accepted */

/* One image of the card face (borrowed from the result's raw EF). */
struct card_kenkaku_image {
	const uint8_t *data;   /* PNG / JPEG 2000 bytes, NULL when absent */
	size_t len;
};

/* Result of card_kenkaku_read (caller owns; card_kenkaku_free). */
struct card_kenkaku {
	char birth[9];                      /* 生年月日 YYYYMMDD */
	char sex[2];                        /* 性別 "1" "2" "9" "0" */
	char expiry[9];                     /* 有効期限 YYYYMMDD */
	struct card_kenkaku_image name;     /* DF25 name image (PNG) */
	struct card_kenkaku_image address;  /* DF26 address image (PNG) */
	struct card_kenkaku_image face;     /* DF27 photo (JPEG 2000) */
	struct card_kenkaku_image code;     /* DF2A security-code image (PNG) */
	uint8_t *ef;                        /* raw EF0002 (owned; images point into it) */
	size_t ef_len;
	int retries;                        /* 照合番号B attempts left, -1 unknown */
	unsigned long apdus;                /* APDUs this read sent */
};

/*
 * card_kenkaku_key_b — build 照合番号B into out from the 生年月日 (YYYYMMDD),
 * the expiry year and the 4-digit security code (borrowed; the caller
 * wipes its copy). Returns 0, MG_ECARD_KEY_FORMAT or MG_EDATE.
 */
int card_kenkaku_key_b(const char *birth_ymd, int expiry_year, const char *code,
                       struct card_secret *out);

/*
 * card_kenkaku_read — connect, select the 券面AP, query the 照合番号B IEF
 * (0012), VERIFY once with key_b (14 digits; consumed: wiped after VERIFY
 * and on every path), read and validate EF0002, disconnect with a reset.
 * flags: CARD_KENKAKU_LAST_TRY. OUT: *out (on error only retries is kept).
 * Returns 0, MG_ECARD_KEY_FORMAT, MG_ECARD_PIN_WRONG, MG_ECARD_PIN_LASTTRY,
 * MG_ECARD_PIN_BLOCKED, MG_ECARD_NOTMYNA, MG_ECARD_DATA, MG_ENOMEM or a
 * transport code. Blocks.
 */
int card_kenkaku_read(struct card_pcsc *pc, const char *reader, struct card_secret *key_b,
                      unsigned flags, struct card_kenkaku *out);

/*
 * card_kenkaku_parse — validate EF0002 (FF20 { DF21 offsets of DF22..DF2A,
 * DF22 birth, DF23 sex, DF24 key, DF25–DF27 images, DF28 signature,
 * DF29 expiry, DF2A image }) and fill the fields of k that point into ef
 * (borrowed: ef must outlive k's image pointers). Returns 0 or MG_ECARD_DATA.
 */
int card_kenkaku_parse(const uint8_t *ef, size_t len, struct card_kenkaku *k);

/* card_kenkaku_free — free the raw EF and zero the struct. NULL is fine. */
void card_kenkaku_free(struct card_kenkaku *k);

#endif
