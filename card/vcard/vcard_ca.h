/*
 * vcard_ca.h — the demo CA of the emulator and the signed material of a card
 * profile (RSA-2048 through the libcrypto EVP API).
 *
 * A CA folder (ca-init) holds:
 *   ca.conf              key=value: kenhojo_issuer_id (hex), file names, serial
 *   kenhojo-issuer.pem   券面事項入力補助AP issuer key (PKCS#8, 0600)
 *   jpki-ca.pem / .crt   JPKI CA key (PKCS#8, 0600) and self-signed certificate
 *   trust.txt            the trust store madoguchi reads in demo/test mode:
 *                        "<key id hex> <exponent hex> <modulus hex>" per key,
 *                        "x509 jpki-ca.crt" for the JPKI chain
 * Demo key ids start with the digits 99: "9900033" 08 05 "001" 00 00 00 00.
 */
#ifndef VCARD_CA_H
#define VCARD_CA_H

#include <stddef.h>
#include <stdint.h>

struct vcard_profile;

/* The demo 入力補助AP issuer key id ("9900033" 08 05 "001" 00 00 00 00). */
extern const uint8_t vcard_ca_demo_issuer_id[16];

/*
 * vcard_ca_init — create a demo CA in dir (created 0700 when missing; an
 * existing CA there is refused). Blocks (two RSA-2048 key generations).
 * Returns 0, MG_EEXISTS (dir already holds ca.conf), MG_EIO or MG_ENOMEM.
 */
int vcard_ca_init(const char *dir);

/* Holder data and card options for vcard_ca_profile_new (strings borrowed). */
struct vcard_ca_holder {
	const char *name;           /* 氏名, UTF-8 (family U+3000 given) */
	const char *address;        /* 住所, UTF-8 */
	const char *birth;          /* YYYYMMDD */
	const char *sex;            /* "1" male, "2" female, "9", "0" */
	const char *mynumber;       /* 12 digits with a valid check digit */
	const char *pin;            /* 入力補助AP PIN, 4 digits */
	const char *auth_pin;       /* JPKI 利用者証明用 PIN (NULL: = pin) */
	const char *sign_pin;       /* 署名用パスワード, 6–16 of A–Z 0–9 */
	const char *expiry;         /* card expiry YYYYMMDD (NULL: default) */
	const char *cert_expiry;    /* JPKI certificates' notAfter date (NULL: = expiry) */
	const char *security_code;  /* 4 digits printed on the card */
	int tries;                  /* remaining 入力補助AP PIN tries (-1: 3) */
	int expired;                /* card and certificates already expired */
	int blocked;                /* 入力補助AP and JPKI auth PINs blocked (0 tries) */
	int unknown_ca;             /* sign with a fresh CA that trust.txt does not name */
};

/*
 * vcard_ca_profile_new — build a complete profile: holder data, PINs,
 * counters, EF0003 (DF31/DF32 hashes, DF33 signed by the card's AP key),
 * EF0004 (AP key certified by the CA's issuer key), a fresh presence key
 * (presence_key) and EF0007 (its public key signed by the same issuer key),
 * the JPKI auth/sign certificates and keys and the JPKI CA certificate, the
 * 券面AP EF0002.
 * ca_dir: a folder made by vcard_ca_init. The values are validated first.
 * OUT: *out, returns new (vcard_profile_free); a memory profile (no path).
 * *bad: the option at fault on MG_EINVAL (static string) when bad is not NULL.
 * Returns 0, MG_EINVAL, MG_ECHECKDIGIT (個人番号), MG_ENOTFOUND (no CA in
 * ca_dir), MG_EIO or MG_ENOMEM. Blocks (RSA key generation, ~0.7 s).
 */
int vcard_ca_profile_new(const char *ca_dir, const struct vcard_ca_holder *h,
                         struct vcard_profile **out, const char **bad);

/*
 * vcard_ca_mynumber_ok — 1 when s is 12 digits whose last is the check digit
 * of the first 11 (spec §3.3).
 */
int vcard_ca_mynumber_ok(const char *s);

#endif
