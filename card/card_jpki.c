/* card_jpki.c — JPKI AP: token label, certificates (libcrypto), retry counters. */
#include "card/card_jpki.h"
#include "card/card_apdu.h"
#include "card/card_pcsc.h"
#include "i18n/mg_rc.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const uint8_t jpki_aid[] = { 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01 };

int card_jpki_parse_label(const uint8_t *d, size_t len, char *label)
{
	size_t n = len < 32 ? len : 32;

	label[0] = '\0';
	for (size_t i = 0; i < n; i++)
		if (d[i] < 0x20 || d[i] > 0x7E)
			return MG_ECARD_DATA;
	while (n && d[n - 1] == ' ')
		n--;
	if (n == 0)
		return MG_ECARD_DATA;
	memcpy(label, d, n);
	label[n] = '\0';
	return 0;
}

/* An X509_NAME in RFC 2253 form into out (cap). Returns 0 or MG_ECARD_DATA. */
static int name_text(const X509_NAME *nm, char *out, size_t cap)
{
	BIO *b = BIO_new(BIO_s_mem());
	int n, rc = MG_ECARD_DATA;

	out[0] = '\0';
	if (!b)
		return MG_ENOMEM;
	if (X509_NAME_print_ex(b, nm, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0) {
		n = BIO_read(b, out, (int)cap - 1);
		if (n >= 0) {
			out[n] = '\0';
			rc = 0;
		}
	}
	BIO_free(b);
	return rc;
}

int card_jpki_cert_info(const uint8_t *der, size_t len, struct card_jpki_cert *out)
{
	const unsigned char *p = der;
	X509 *x = NULL;
	BIGNUM *bn = NULL;
	char *hex = NULL;
	struct tm tm;
	int rc = MG_ECARD_DATA;

	memset(out, 0, sizeof *out);
	x = d2i_X509(NULL, &p, (long)len);
	if (!x || p != der + len)
		goto out;
	bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL);
	hex = bn ? BN_bn2hex(bn) : NULL;
	if (!hex || strlen(hex) >= sizeof out->serial)
		goto out;
	strcpy(out->serial, hex);
	if (ASN1_TIME_to_tm(X509_get0_notAfter(x), &tm) != 1)
		goto out;
	if (tm.tm_year < -1900 || tm.tm_year > 9999 - 1900 || tm.tm_mon < 0 || tm.tm_mon > 11 ||
	    tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour < 0 || tm.tm_hour > 23 ||
	    tm.tm_min < 0 || tm.tm_min > 59 || tm.tm_sec < 0 || tm.tm_sec > 60)
		goto out;
	snprintf(out->not_after, sizeof out->not_after, "%04u%02u%02u%02u%02u%02u",
	         (unsigned)(tm.tm_year + 1900) % 10000u, (unsigned)(tm.tm_mon + 1) % 100u,
	         (unsigned)tm.tm_mday % 100u, (unsigned)tm.tm_hour % 100u, (unsigned)tm.tm_min % 100u,
	         (unsigned)tm.tm_sec % 100u);
	if (name_text(X509_get_subject_name(x), out->subject, sizeof out->subject) != 0 ||
	    name_text(X509_get_issuer_name(x), out->issuer, sizeof out->issuer) != 0)
		goto out;
	rc = 0;
out:
	OPENSSL_free(hex);
	BN_free(bn);
	X509_free(x);
	if (rc != 0)
		memset(out, 0, sizeof *out);
	return rc;
}

/* Select a certificate EF and read it into a new buffer. */
static int read_cert(struct card_pcsc *pc, uint16_t fid, uint8_t **der, size_t *len)
{
	size_t got = 0, tlv = 0;
	uint8_t *buf = NULL;
	int rc = card_apdu_select_ef(pc, fid);

	*der = NULL;
	*len = 0;
	if (rc != 0)
		return rc;
	buf = malloc(CARD_JPKI_CERT_MAX);
	if (!buf)
		return MG_ENOMEM;
	rc = card_apdu_read_ef(pc, buf, CARD_JPKI_CERT_MAX, &got, &tlv);
	if (rc == 0 && buf[0] != 0x30)
		rc = MG_ECARD_DATA;
	if (rc != 0) {
		free(buf);
		return rc;
	}
	*der = buf;
	*len = tlv;
	return 0;
}

/* Connect and select the JPKI AP. */
static int open_ap(struct card_pcsc *pc, const char *reader)
{
	int rc = card_pcsc_connect(pc, reader);

	if (rc == 0) {
		rc = card_apdu_select_aid(pc, jpki_aid, sizeof jpki_aid);
		if (rc == MG_ECARD_NOFILE)
			rc = MG_ECARD_NOTMYNA;
	}
	return rc;
}

int card_jpki_read(struct card_pcsc *pc, const char *reader, struct card_jpki *out)
{
	unsigned long start = card_pcsc_count(pc);
	uint8_t tok[32];
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof *out);
	rc = open_ap(pc, reader);
	if (rc == 0)
		rc = card_apdu_select_ef(pc, 0x0006);
	if (rc == 0)
		rc = card_apdu_read(pc, 0, sizeof tok, tok, &n);
	if (rc == 0)
		rc = card_jpki_parse_label(tok, n, out->label);
	if (rc == 0)
		rc = read_cert(pc, 0x000A, &out->auth_der, &out->auth_len);
	if (rc == 0)
		rc = read_cert(pc, 0x000B, &out->ca_der, &out->ca_len);
	if (rc == 0)
		rc = card_jpki_cert_info(out->auth_der, out->auth_len, &out->auth);
	if (rc == 0)
		rc = card_jpki_cert_info(out->ca_der, out->ca_len, &out->ca);
	card_pcsc_disconnect(pc, 1);
	if (rc != 0)
		card_jpki_free(out);
	out->apdus = card_pcsc_count(pc) - start;
	return rc;
}

void card_jpki_free(struct card_jpki *j)
{
	if (!j)
		return;
	free(j->auth_der);
	free(j->ca_der);
	memset(j, 0, sizeof *j);
}

/* The retry counter of one IEF; a blocked key gives 0. */
static int query(struct card_pcsc *pc, uint16_t fid, int *left)
{
	int rc = card_apdu_select_ef(pc, fid);

	*left = -1;
	if (rc == 0)
		rc = card_apdu_retries(pc, left);
	if (rc == MG_ECARD_PIN_BLOCKED) {
		*left = 0;
		rc = 0;
	}
	return rc;
}

int card_jpki_retries(struct card_pcsc *pc, const char *reader, int *auth, int *sign)
{
	int rc = open_ap(pc, reader);

	*auth = *sign = -1;
	if (rc == 0)
		rc = query(pc, 0x0018, auth);
	if (rc == 0)
		rc = query(pc, 0x001B, sign);
	card_pcsc_disconnect(pc, 1);
	return rc;
}
