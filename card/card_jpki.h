/*
 * card_jpki.h — the 公的個人認証AP (JPKI) without a PIN (card-protocol.md §5):
 * token label (EF0006), the 利用者証明用電子証明書 (EF000A) and its CA
 * certificate (EF000B), parsed with libcrypto; PIN retry counters.
 */
#ifndef CARD_JPKI_H
#define CARD_JPKI_H

#include <stddef.h>
#include <stdint.h>

struct card_pcsc;

#define CARD_JPKI_CERT_MAX 8192   /* largest certificate EF accepted */

/* Facts of one X.509 certificate. */
struct card_jpki_cert {
	char serial[80];       /* serial number, upper-case hex */
	char not_after[15];    /* notAfter as UTC YYYYMMDDhhmmss */
	char subject[256];     /* subject, RFC 2253 form (UTF-8, controls escaped) */
	char issuer[256];      /* issuer, same form */
};

/* Result of card_jpki_read (caller owns; card_jpki_free). */
struct card_jpki {
	char label[33];                 /* token label ("JPKIAPICCTOKEN2"), spaces trimmed */
	uint8_t *auth_der;              /* 利用者証明用 certificate, DER (owned) */
	size_t auth_len;
	uint8_t *ca_der;                /* its CA certificate, DER (owned) */
	size_t ca_len;
	struct card_jpki_cert auth;     /* parsed auth_der */
	struct card_jpki_cert ca;       /* parsed ca_der */
	unsigned long apdus;            /* APDUs this read sent */
};

/*
 * card_jpki_read — connect to reader, select the JPKI AP, read the label
 * and both certificates (each: the first chunk gives the DER length, the
 * rest follows in 256-byte chunks), parse them, disconnect. No PIN.
 * OUT: *out (on error everything is freed and zeroed). Returns 0,
 * MG_ECARD_NOTMYNA, MG_ECARD_DATA (label or certificate malformed),
 * MG_ENOMEM or a transport code. Blocks.
 */
int card_jpki_read(struct card_pcsc *pc, const char *reader, struct card_jpki *out);

/* card_jpki_free — free the certificates and zero the struct. NULL is fine. */
void card_jpki_free(struct card_jpki *j);

/*
 * card_jpki_retries — the retry counters of the 利用者証明用 PIN (IEF 0018)
 * and the 署名用 password (IEF 001B), by empty VERIFY (nothing consumed).
 * OUT: *auth, *sign (-1 unknown). Returns 0, MG_ECARD_NOTMYNA or a
 * transport code. Blocks.
 */
int card_jpki_retries(struct card_pcsc *pc, const char *reader, int *auth, int *sign);

/*
 * card_jpki_cert_info — parse a DER certificate (exactly len bytes).
 * OUT: *out. Returns 0 or MG_ECARD_DATA.
 */
int card_jpki_cert_info(const uint8_t *der, size_t len, struct card_jpki_cert *out);

/*
 * card_jpki_parse_label — the token label from the first bytes of EF0006:
 * printable ASCII, space padded. OUT: label[33]. Returns 0 or MG_ECARD_DATA.
 */
int card_jpki_parse_label(const uint8_t *d, size_t len, char *label);

#endif
