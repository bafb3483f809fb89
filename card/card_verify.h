/*
 * card_verify.h — is the chip data genuine? (card-protocol.md §4.4, §7)
 *
 * The 券面事項入力補助AP's data is proven by a chain that ends in a key the
 * card does not hold:
 *   1. EF0004 is a card-verifiable certificate: body (issuer key id 16 |
 *      subject key id 16 | 90 exponent | 91 modulus) and 5F37, an RSA
 *      PKCS#1 v1.5 SHA-256 signature over the body by the issuer key, which
 *      must be a trusted anchor (trust store below);
 *   2. EF0003's DF33 is a signature by the EF0004 subject key over the bytes
 *      of the DF31 TLV followed by the DF32 TLV;
 *   3. DF31 = SHA-256 of the 17 bytes of EF0001 as stored (with FF FF);
 *   4. DF32 = SHA-256 of EF0002 from the DF22 tag to the end of the FF20 TLV.
 * Checks 1–4 prove the data was written by the issuer, not that it comes from
 * the chip in the reader: a copy of the four EFs replayed by an emulator
 * passes them. So the card must also prove it holds a key (§7.2):
 *   5. EF0007 (FF50 { DF51 public key, DF52 signature }) is the 入力補助AP's
 *      own key, certified by the same issuer: DF52 is an RSA PKCS#1 v1.5
 *      SHA-256 signature by the EF0004 issuer key over the DF51 TLV
 *      (header included);
 *   6. the card signed a fresh random challenge (80 2A 00 00, no PIN) with
 *      that key: the answer verifies as PKCS#1 v1.5 SHA-256 over the
 *      challenge with the DF51 key.
 * Every key must be RSA of 2048 to 4096 bits with an odd public exponent of
 * at least 3 (a weak key proves nothing: exponent 1 signs anything).
 * The verdict names the first check that failed.
 *
 * Trust store (a UTF-8 text file; '#' comments and blank lines ignored):
 *   <key id: 32 hex digits> <public exponent: hex> <modulus: hex>
 *   x509 <path of a PEM certificate, relative to the file's folder>
 * A key whose id starts with the ASCII digits "99" (a demo anchor,
 * madoguchi-vcard ca-init) or "6" (a J-LIS test-card key, spec §7.1) is
 * used only when the caller passes CARD_VERIFY_ALLOW_DEMO (demo and test
 * mode). An anchor vouches for a 入力補助AP certificate (EF0004) only when
 * its id names that AP's CA (digits 5–7 "033": 5000033, 6000033, 9900033);
 * any other issuer id is UNKNOWN_CA. Production anchors come from
 * the trust file the municipality configures. x509 lines are the JPKI CA
 * certificates for card_verify_jpki.
 *
 * In production the file vouches for every card, so the caller loads it with
 * CARD_VERIFY_TRUST_GUARDED: the trust file, each x509 file, and every
 * folder on their resolved paths must be root's and writable by no one else
 * (the same rule as the production configuration, app/config.c).
 */
#ifndef CARD_VERIFY_H
#define CARD_VERIFY_H

#include <stddef.h>
#include <stdint.h>

#define CARD_VERIFY_ALLOW_DEMO 1u   /* trust demo and test anchors (key ids "99…", "6…") */
#define CARD_VERIFY_TRUST_GUARDED 2u /* trust files root-only (production; trust_load) */
#define CARD_VERIFY_KEYID_LEN 16

/* The outcome. */
enum card_verdict_kind {
	CARD_VERDICT_UNCHECKED = 0,   /* not verified (read failed or not asked) */
	CARD_VERDICT_GENUINE,         /* every check passed */
	CARD_VERDICT_NOT_GENUINE,     /* a check failed: see card_check */
	CARD_VERDICT_UNKNOWN_CA       /* EF0004's issuer is not a usable anchor */
};

/* Which check failed (for NOT_GENUINE). */
enum card_check {
	CARD_CHECK_NONE = 0,
	CARD_CHECK_CERT_FORMAT,    /* EF0004 malformed */
	CARD_CHECK_CERT_SIG,       /* EF0004 signature (5F37) does not verify */
	CARD_CHECK_RECORD_FORMAT,  /* EF0003 malformed */
	CARD_CHECK_RECORD_SIG,     /* EF0003 signature (DF33) does not verify */
	CARD_CHECK_MYNUMBER_HASH,  /* DF31 ≠ SHA-256(EF0001) */
	CARD_CHECK_FOURINFO_HASH,  /* DF32 ≠ SHA-256(EF0002 DF22..end) */
	CARD_CHECK_PRESENCE_KEY,   /* EF0007 missing or malformed, or DF52 does not verify */
	CARD_CHECK_PRESENCE        /* the challenge went unsigned or its signature does not verify */
};

struct card_verdict {
	enum card_verdict_kind kind;    /* the verdict */
	enum card_check failed;         /* for NOT_GENUINE */
	int demo_anchor;                /* 1 when the anchor used (or refused) is a demo or test key */
	char issuer[24];                /* printable form of the issuer key id ("9900033-001") */
};

struct card_trust;

/* The card-presence evidence of one read (checks 5 and 6; all borrowed). */
struct card_presence {
	const uint8_t *ef7;        /* EF0007 as read (NULL/0: the card has none) */
	size_t ef7_len;
	const uint8_t *challenge;  /* the random bytes the reader chose */
	size_t challenge_len;
	const uint8_t *answer;     /* the card's signature (NULL/0: it refused) */
	size_t answer_len;
};

/*
 * card_verify_trust_load — parse a trust-store file. OUT: *out (returns
 * new: card_verify_trust_free). flags: 0, or
 * CARD_VERIFY_TRUST_GUARDED (production): path is resolved (realpath) and
 * every folder from "/" down to the file's own one must be a folder (not a
 * symbolic link) owned by uid 0 with neither group nor other write
 * permission (S_IWGRP|S_IWOTH; the sticky bit does not excuse it, so /tmp
 * and /var/tmp are refused); the file is opened (O_NOFOLLOW) and the
 * descriptor that is read must be a regular file owned by uid 0 without
 * group or other write permission (fstat, no stat-then-open). Each x509
 * file (relative names from the resolved trust file's folder) is checked
 * the same way. Without the flag the files are read with no owner or mode
 * check. Other flags are ignored. On a syntax error or an unreadable PEM
 * (MG_ECARD_TRUST) the line number goes to *line when line is not NULL (the
 * x509 line for a refused certificate too); where (wcap bytes, may be NULL)
 * receives the refused file or folder on MG_ECARD_TRUST_PERM. Returns 0,
 * MG_ECARD_TRUST_PERM, MG_ECARD_TRUST, MG_EIO (cannot open) or MG_ENOMEM.
 */
int card_verify_trust_load(const char *path, unsigned flags, struct card_trust **out, int *line,
                           char *where, size_t wcap);

/* card_verify_trust_free — free. NULL is fine. */
void card_verify_trust_free(struct card_trust *t);

/* card_verify_trust_count — number of keys (x509 anchors in *nx509 when not NULL). */
size_t card_verify_trust_count(const struct card_trust *t, size_t *nx509);

/*
 * card_verify_kenhojo — run checks 1–6 on the raw EFs and the presence
 * evidence (all borrowed). pr NULL means no evidence: the verdict is then
 * at best NOT_GENUINE / CARD_CHECK_PRESENCE_KEY. A challenge shorter than
 * 16 bytes proves nothing and fails check 6. trust may be NULL (then every
 * card is UNKNOWN_CA). flags: CARD_VERIFY_ALLOW_DEMO. OUT: *v. Returns 0
 * whatever the verdict is, or MG_ENOMEM / MG_ECARD_CRYPTO when the check
 * itself could not run.
 */
int card_verify_kenhojo(const struct card_trust *trust, unsigned flags,
                        const uint8_t *ef1, size_t ef1_len,
                        const uint8_t *ef2, size_t ef2_len,
                        const uint8_t *ef3, size_t ef3_len,
                        const uint8_t *ef4, size_t ef4_len,
                        const struct card_presence *pr, struct card_verdict *v);

/*
 * card_verify_jpki — the JPKI signature chain only: the DER certificate cert
 * is signed by ca_cert (the card's CA certificate), and ca_cert is one of
 * the trust store's x509 anchors (same DER). It checks neither validity
 * dates, key usage nor revocation (that needs J-LIS's CRL/OCSP), so it is
 * not a JPKI validation: no workflow relies on it (the 4情報 are proven by
 * card_verify_kenhojo), and `card status` shows the certificate expiry as
 * unverified. OUT: *v (GENUINE / NOT_GENUINE with CARD_CHECK_CERT_SIG /
 * UNKNOWN_CA). Returns 0, MG_ECARD_DATA (not DER certificates) or MG_ENOMEM.
 */
int card_verify_jpki(const struct card_trust *trust, const uint8_t *cert, size_t cert_len,
                     const uint8_t *ca_cert, size_t ca_len, struct card_verdict *v);

/* card_verify_check_name — a stable ASCII name of a check ("cert-signature"). */
const char *card_verify_check_name(enum card_check c);

/* card_verify_check_msgid — the catalog key describing a failed check. */
const char *card_verify_check_msgid(enum card_check c);

#endif
