/* vcard_ca.c — demo CA, EF0003/EF0004 signing and JPKI certificates. */
#include "card/vcard/vcard_ca.h"
#include "card/vcard/vcard_card.h"
#include "card/vcard/vcard_image.h"
#include "card/vcard/vcard_profile.h"
#include "i18n/mg_rc.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const uint8_t vcard_ca_demo_issuer_id[16] = {
	'9', '9', '0', '0', '0', '3', '3', 0x08, 0x05, '0', '0', '1', 0, 0, 0, 0
};

/* Key id of the issuer used for --unknown-ca (not in any trust store). */
static const uint8_t unknown_issuer_id[16] = {
	'9', '9', '0', '0', '0', '9', '9', 0x08, 0x05, '0', '0', '1', 0, 0, 0, 0
};

int vcard_ca_mynumber_ok(const char *s)
{
	int sum = 0, r, check;

	if (!s || strlen(s) != 12)
		return 0;
	for (int i = 0; i < 12; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	/* P_n: n-th digit from the right of the first 11; Q_n = n+1 (n<=6) or n-5 */
	for (int n = 1; n <= 11; n++) {
		int p = s[11 - n] - '0';

		sum += p * (n <= 6 ? n + 1 : n - 5);
	}
	r = sum % 11;
	check = r <= 1 ? 0 : 11 - r;
	return check == s[11] - '0';
}

/* A new RSA-2048 key (e = 65537), or NULL. */
static EVP_PKEY *rsa_new(void)
{
	return EVP_RSA_gen(2048);
}

/* The 256-byte big-endian modulus of an RSA-2048 key; 0 or MG_EINVAL. */
static int rsa_modulus(const EVP_PKEY *k, uint8_t mod[256])
{
	BIGNUM *n = NULL;
	int rc = MG_EINVAL;

	if (EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_N, &n) == 1 &&
	    BN_num_bytes(n) == 256 && BN_bn2binpad(n, mod, 256) == 256)
		rc = 0;
	BN_free(n);
	return rc;
}

/* RSA PKCS#1 v1.5 / SHA-256 signature of msg with k. OUT: sig[256]. */
static int rsa_sign(EVP_PKEY *k, const uint8_t *msg, size_t n, uint8_t sig[256])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t sl = 256;
	int rc = MG_EINVAL;

	if (ctx && EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, k) == 1 &&
	    EVP_DigestSign(ctx, sig, &sl, msg, n) == 1 && sl == 256)
		rc = 0;
	EVP_MD_CTX_free(ctx);
	return rc;
}

/* Write a private key as PKCS#8 PEM, mode 0600. */
static int write_key(const char *path, EVP_PKEY *k)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	FILE *f;
	int rc = 0;

	if (fd < 0)
		return MG_EIO;
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		return MG_EIO;
	}
	if (PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL) != 1)
		rc = MG_EIO;
	if (fclose(f) != 0)
		rc = MG_EIO;
	return rc;
}

/* Read a PEM private key. */
static EVP_PKEY *read_key(const char *path)
{
	FILE *f = fopen(path, "re");
	EVP_PKEY *k;

	if (!f)
		return NULL;
	k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	return k;
}

/* Read a PEM certificate. */
static X509 *read_cert(const char *path)
{
	FILE *f = fopen(path, "re");
	X509 *x;

	if (!f)
		return NULL;
	x = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	return x;
}

/* Add one X.509v3 extension given in OpenSSL's config syntax. */
static int add_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509_EXTENSION *e;
	int ok;

	X509V3_set_ctx(&ctx, issuer, x, NULL, NULL, 0);
	e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	if (!e)
		return MG_EINVAL;
	ok = X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
	return ok == 1 ? 0 : MG_EINVAL;
}

/* Set an ASN1 time from "YYYYMMDDHHMMSSZ". */
static int set_time(ASN1_TIME *t, const char *s)
{
	return ASN1_TIME_set_string_X509(t, s) == 1 ? 0 : MG_EINVAL;
}

/* "YYYYMMDDHHMMSSZ" of a Unix time (UTC). */
static void gen_time(time_t t, char out[16])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y%m%d%H%M%SZ", &tm);
}

/*
 * Make a certificate: subject CN, public key of subj, signed by ikey (issuer
 * cert ix, or self-signed when ix is NULL). ca: CA extensions.
 * not_before/not_after: "YYYYMMDDHHMMSSZ". OUT: *out (new X509).
 */
static int make_cert(EVP_PKEY *subj, const char *org, const char *cn, X509 *ix, EVP_PKEY *ikey,
                     int ca, int sign_use, const char *not_before, const char *not_after, X509 **out)
{
	X509 *x = X509_new();
	X509_NAME *nm = NULL;
	BIGNUM *sn = BN_new();
	int rc = MG_ENOMEM;

	*out = NULL;
	if (!x || !sn || !(nm = X509_NAME_new()))
		goto out;
	rc = MG_EINVAL;
	if (X509_set_version(x, 2) != 1 || BN_rand(sn, 63, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) != 1 ||
	    !BN_to_ASN1_INTEGER(sn, X509_get_serialNumber(x)))
		goto out;
	if (X509_NAME_add_entry_by_txt(nm, "C", MBSTRING_UTF8, (const unsigned char *)"JP", -1, -1, 0) != 1 ||
	    X509_NAME_add_entry_by_txt(nm, "O", MBSTRING_UTF8, (const unsigned char *)org, -1, -1, 0) != 1 ||
	    X509_NAME_add_entry_by_txt(nm, "CN", MBSTRING_UTF8, (const unsigned char *)cn, -1, -1, 0) != 1 ||
	    X509_set_subject_name(x, nm) != 1 ||
	    X509_set_issuer_name(x, ix ? X509_get_subject_name(ix) : nm) != 1 ||
	    set_time(X509_getm_notBefore(x), not_before) != 0 ||
	    set_time(X509_getm_notAfter(x), not_after) != 0 || X509_set_pubkey(x, subj) != 1)
		goto out;
	if (add_ext(x, ix ? ix : x, NID_subject_key_identifier, "hash") != 0)
		goto out;
	if (ca) {
		if (add_ext(x, x, NID_basic_constraints, "critical,CA:TRUE") != 0 ||
		    add_ext(x, x, NID_key_usage, "critical,keyCertSign,cRLSign") != 0)
			goto out;
	} else {
		if (add_ext(x, ix, NID_basic_constraints, "critical,CA:FALSE") != 0 ||
		    add_ext(x, ix, NID_authority_key_identifier, "keyid:always") != 0 ||
		    add_ext(x, ix, NID_key_usage, sign_use ? "critical,nonRepudiation"
		                                           : "critical,digitalSignature") != 0)
			goto out;
	}
	if (X509_sign(x, ikey, EVP_sha256()) <= 0)
		goto out;
	*out = x;
	x = NULL;
	rc = 0;
out:
	X509_NAME_free(nm);
	BN_free(sn);
	X509_free(x);
	return rc;
}

/* The path dir/name in buf (PATH_MAX). */
static const char *join(char *buf, const char *dir, const char *name)
{
	snprintf(buf, PATH_MAX, "%s/%s", dir, name);
	return buf;
}

/* Upper-case hex of n bytes into out (2n+1). */
static void hex(char *out, const uint8_t *b, size_t n)
{
	static const char d[] = "0123456789ABCDEF";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = d[b[i] >> 4];
		out[2 * i + 1] = d[b[i] & 15];
	}
	out[2 * n] = '\0';
}

/* Write trust.txt naming the issuer key and the JPKI CA certificate. */
static int write_trust(const char *path, const uint8_t id[16], const uint8_t mod[256])
{
	char idh[33], modh[513];
	FILE *f = fopen(path, "wxe");
	int rc = 0;

	if (!f)
		return MG_EIO;
	hex(idh, id, 16);
	hex(modh, mod, 256);
	fprintf(f, "# madoguchi DEMO trust store, written by madoguchi-vcard ca-init.\n"
	           "# Trust it only in demo and test mode: these keys are not J-LIS keys.\n"
	           "# 券面事項入力補助AP issuer key \"9900033\" 08 05 \"001\": <key id> <exponent> <modulus>\n"
	           "%s 010001 %s\n"
	           "# JPKI CA certificate for the certificate chain check\n"
	           "x509 jpki-ca.crt\n", idh, modh);
	if (fclose(f) != 0)
		rc = MG_EIO;
	return rc;
}

/* Write a certificate as PEM. */
static int write_cert(const char *path, X509 *x)
{
	FILE *f = fopen(path, "wxe");
	int rc = 0;

	if (!f)
		return MG_EIO;
	if (PEM_write_X509(f, x) != 1)
		rc = MG_EIO;
	if (fclose(f) != 0)
		rc = MG_EIO;
	return rc;
}

int vcard_ca_init(const char *dir)
{
	char p[PATH_MAX], nb[16], na[16];
	struct vcard_profile *conf = NULL;
	EVP_PKEY *issuer = NULL, *jca = NULL;
	X509 *jcert = NULL;
	uint8_t mod[256];
	time_t now = time(NULL);
	int rc;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return MG_EIO;
	if (access(join(p, dir, "ca.conf"), F_OK) == 0 || access(join(p, dir, "trust.txt"), F_OK) == 0)
		return MG_EEXISTS;
	rc = MG_ENOMEM;
	if (!(issuer = rsa_new()) || !(jca = rsa_new()))
		goto out;
	gen_time(now - 86400, nb);
	gen_time(now + 30L * 366 * 86400, na);
	if ((rc = rsa_modulus(issuer, mod)) != 0 ||
	    (rc = make_cert(jca, "madoguchi demo", "madoguchi demo JPKI CA", NULL, jca, 1, 0, nb, na,
	                    &jcert)) != 0)
		goto out;
	if ((rc = write_key(join(p, dir, "kenhojo-issuer.pem"), issuer)) != 0 ||
	    (rc = write_key(join(p, dir, "jpki-ca.pem"), jca)) != 0 ||
	    (rc = write_cert(join(p, dir, "jpki-ca.crt"), jcert)) != 0 ||
	    (rc = write_trust(join(p, dir, "trust.txt"), vcard_ca_demo_issuer_id, mod)) != 0)
		goto out;
	if ((rc = vcard_profile_new(join(p, dir, "ca.conf"), &conf)) != 0)
		goto out;
	if ((rc = vcard_profile_set(conf, "version", "1")) == 0 &&
	    (rc = vcard_profile_set_hex(conf, "kenhojo_issuer_id", vcard_ca_demo_issuer_id, 16)) == 0 &&
	    (rc = vcard_profile_set(conf, "kenhojo_issuer_key", "kenhojo-issuer.pem")) == 0 &&
	    (rc = vcard_profile_set(conf, "jpki_ca_key", "jpki-ca.pem")) == 0 &&
	    (rc = vcard_profile_set(conf, "jpki_ca_cert", "jpki-ca.crt")) == 0)
		rc = vcard_profile_save(conf);
out:
	vcard_profile_free(conf);
	EVP_PKEY_free(issuer);
	EVP_PKEY_free(jca);
	X509_free(jcert);
	return rc;
}

/* ---- profiles -------------------------------------------------------- */

/* The keys and certificates a profile is signed with. */
struct signer {
	uint8_t issuer_id[16]; /* EF0004 issuer key id */
	EVP_PKEY *issuer;      /* 入力補助AP issuer key */
	EVP_PKEY *jca;         /* JPKI CA key */
	X509 *jcert;           /* JPKI CA certificate */
};

/* Free a signer's keys. */
static void signer_free(struct signer *s)
{
	EVP_PKEY_free(s->issuer);
	EVP_PKEY_free(s->jca);
	X509_free(s->jcert);
	memset(s, 0, sizeof *s);
}

/* Load the CA of dir, or (unknown_ca) make a fresh one that no trust store names. */
static int signer_load(const char *dir, int unknown_ca, struct signer *s)
{
	struct vcard_profile *conf = NULL;
	uint8_t *id = NULL;
	size_t idn = 0;
	char p[PATH_MAX];
	const char *v;
	int rc;

	memset(s, 0, sizeof *s);
	if (unknown_ca) {
		char nb[16], na[16];
		time_t now = time(NULL);

		memcpy(s->issuer_id, unknown_issuer_id, 16);
		gen_time(now - 86400, nb);
		gen_time(now + 30L * 366 * 86400, na);
		if (!(s->issuer = rsa_new()) || !(s->jca = rsa_new()))
			return MG_ENOMEM;
		return make_cert(s->jca, "madoguchi unknown", "unknown JPKI CA", NULL, s->jca, 1, 0, nb, na,
		                 &s->jcert);
	}
	rc = vcard_profile_load(join(p, dir, "ca.conf"), &conf, NULL);
	if (rc != 0)
		return rc == MG_EBADMSG ? MG_EINVAL : rc;
	rc = vcard_profile_get_hex(conf, "kenhojo_issuer_id", &id, &idn);
	if (rc != 0 || idn != 16) {
		rc = MG_EINVAL;
		goto out;
	}
	memcpy(s->issuer_id, id, 16);
	rc = MG_EINVAL;
	if (!(v = vcard_profile_get(conf, "kenhojo_issuer_key")) || !(s->issuer = read_key(join(p, dir, v))))
		goto out;
	if (!(v = vcard_profile_get(conf, "jpki_ca_key")) || !(s->jca = read_key(join(p, dir, v))))
		goto out;
	if (!(v = vcard_profile_get(conf, "jpki_ca_cert")) || !(s->jcert = read_cert(join(p, dir, v))))
		goto out;
	rc = 0;
out:
	free(id);
	vcard_profile_free(conf);
	if (rc != 0)
		signer_free(s);
	return rc;
}

/* DER of a certificate into the profile as hex. */
static int put_cert(struct vcard_profile *pr, const char *key, X509 *x)
{
	unsigned char *der = NULL;
	int n = i2d_X509(x, &der), rc;

	if (n <= 0)
		return MG_ENOMEM;
	rc = vcard_profile_set_hex(pr, key, der, (size_t)n);
	OPENSSL_free(der);
	return rc;
}

/* PKCS#8 DER of a private key into the profile as hex. */
static int put_key(struct vcard_profile *pr, const char *key, EVP_PKEY *k)
{
	unsigned char *der = NULL;
	int n = i2d_PrivateKey(k, &der), rc;

	if (n <= 0)
		return MG_ENOMEM;
	rc = vcard_profile_set_hex(pr, key, der, (size_t)n);
	OPENSSL_clear_free(der, (size_t)n);
	return rc;
}

/* EF0004: the card AP key certified by the issuer key (568 bytes). */
static int make_ef0004(const struct signer *s, EVP_PKEY *ap, const uint8_t subject_id[16],
                       uint8_t out[568])
{
	uint8_t body[297], sig[256], inner[563];
	size_t p = 0;
	int rc;

	memcpy(body, s->issuer_id, 16);
	memcpy(body + 16, subject_id, 16);
	memcpy(body + 32, "\x90\x03\x01\x00\x01\x91\x82\x01\x00", 9);
	if ((rc = rsa_modulus(ap, body + 41)) != 0 || (rc = rsa_sign(s->issuer, body, 297, sig)) != 0)
		return rc;
	p += vcard_card_tlv(inner + p, 0x5F4E, body, 297);
	p += vcard_card_tlv(inner + p, 0x5F37, sig, 256);
	return vcard_card_tlv(out, 0x7F21, inner, p) == 568 ? 0 : MG_EINVAL;
}

/*
 * EF0007 (spec §4.4, §7.2): the presence key's public part (DF51: 90 e | 91
 * modulus) and the issuer key's signature over the whole DF51 TLV (DF52),
 * 536 bytes.
 */
static int make_ef0007(const struct signer *s, EVP_PKEY *pres, uint8_t out[536])
{
	uint8_t key[265], sig[256], inner[531];
	size_t p = 0;
	int rc;

	memcpy(key, "\x90\x03\x01\x00\x01\x91\x82\x01\x00", 9);
	if ((rc = rsa_modulus(pres, key + 9)) != 0)
		return rc;
	p += vcard_card_tlv(inner + p, 0xDF51, key, sizeof key);
	if ((rc = rsa_sign(s->issuer, inner, p, sig)) != 0)
		return rc;
	p += vcard_card_tlv(inner + p, 0xDF52, sig, sizeof sig);
	return vcard_card_tlv(out, 0xFF50, inner, p) == 536 ? 0 : MG_EINVAL;
}

/* EF0003: hashes of EF0001/EF0002 and their signature by the AP key (336 bytes). */
static int make_ef0003(EVP_PKEY *ap, const uint8_t ef1[17], const uint8_t *ef2, size_t n2,
                       size_t df22, uint8_t out[336])
{
	uint8_t h[32], inner[331], sig[256];
	size_t p = 0;
	int rc;

	SHA256(ef1, 17, h);
	p += vcard_card_tlv(inner + p, 0xDF31, h, 32);
	SHA256(ef2 + df22, n2 - df22, h);
	p += vcard_card_tlv(inner + p, 0xDF32, h, 32);
	if ((rc = rsa_sign(ap, inner, p, sig)) != 0)
		return rc;
	p += vcard_card_tlv(inner + p, 0xDF33, sig, 256);
	return vcard_card_tlv(out, 0xFF30, inner, p) == 336 ? 0 : MG_EINVAL;
}

/*
 * 券面AP EF0002 (spec §6): DF21 offsets of DF22..DF2A, birth, sex, the AP
 * public key, name/address images, face image, signature over the SHA-256
 * of DF22–DF24, DF25–DF26 and DF27 (concatenated), expiry, code image.
 */
static int make_kenkaku(EVP_PKEY *ap, const struct vcard_ca_holder *h, const char *expiry,
                        uint8_t **out, size_t *len)
{
	uint8_t *img[4] = { NULL, NULL, NULL, NULL }, *b = NULL, key[265], sig[256], dg[96];
	size_t imn[4] = { 0, 0, 0, 0 }, inner, hdr, pos, off[9];
	const uint8_t *val[9];
	size_t vl[9];
	int rc;

	memcpy(key, "\x90\x03\x01\x00\x01\x91\x82\x01\x00", 9);
	if ((rc = rsa_modulus(ap, key + 9)) != 0)
		return rc;
	if ((rc = vcard_image_text(h->name, 2, &img[0], &imn[0])) != 0 ||
	    (rc = vcard_image_text(h->address, 1, &img[1], &imn[1])) != 0 ||
	    (rc = vcard_image_face(h->mynumber, &img[2], &imn[2])) != 0 ||
	    (rc = vcard_image_text(h->security_code, 2, &img[3], &imn[3])) != 0)
		goto out;
	val[0] = (const uint8_t *)h->birth; vl[0] = 8;
	val[1] = (const uint8_t *)h->sex; vl[1] = 1;
	val[2] = key; vl[2] = sizeof key;
	val[3] = img[0]; vl[3] = imn[0];
	val[4] = img[1]; vl[4] = imn[1];
	val[5] = img[2]; vl[5] = imn[2];
	val[6] = sig; vl[6] = 256;
	val[7] = (const uint8_t *)expiry; vl[7] = 8;
	val[8] = img[3]; vl[8] = imn[3];
	inner = vcard_card_tlv(NULL, 0xDF21, NULL, 18);
	for (int i = 0; i < 9; i++)
		inner += vcard_card_tlv(NULL, 0xDF22 + (unsigned)i, NULL, vl[i]);
	hdr = vcard_card_tlv(NULL, 0xFF20, NULL, inner) - inner;
	rc = MG_ENOMEM;
	if (!(b = malloc(hdr + inner)))
		goto out;
	pos = hdr + vcard_card_tlv(NULL, 0xDF21, NULL, 18);
	for (int i = 0; i < 9; i++) {
		off[i] = pos;
		pos += vcard_card_tlv(NULL, 0xDF22 + (unsigned)i, NULL, vl[i]);
	}
	/* write everything but the signature, hash, sign, write the signature */
	memset(sig, 0, sizeof sig);
	vcard_card_tlv(b, 0xFF20, NULL, inner);
	{
		uint8_t tbl[18];

		for (int i = 0; i < 9; i++) {
			tbl[2 * i] = (uint8_t)(off[i] >> 8);
			tbl[2 * i + 1] = (uint8_t)off[i];
		}
		vcard_card_tlv(b + hdr, 0xDF21, tbl, 18);
	}
	for (int i = 0; i < 9; i++)
		vcard_card_tlv(b + off[i], 0xDF22 + (unsigned)i, val[i], vl[i]);
	SHA256(b + off[0], off[3] - off[0], dg);
	SHA256(b + off[3], off[5] - off[3], dg + 32);
	SHA256(b + off[5], off[6] - off[5], dg + 64);
	if ((rc = rsa_sign(ap, dg, sizeof dg, sig)) != 0)
		goto out;
	vcard_card_tlv(b + off[6], 0xDF28, sig, 256);
	*out = b;
	*len = hdr + inner;
	b = NULL;
	rc = 0;
out:
	for (int i = 0; i < 4; i++)
		free(img[i]);
	free(b);
	return rc;
}

/* 1 when s is n..m characters of A–Z 0–9 (or digits only when digits_only). */
static int chars_ok(const char *s, size_t n, size_t m, int digits_only)
{
	size_t l = s ? strlen(s) : 0;

	if (l < n || l > m)
		return 0;
	for (size_t i = 0; i < l; i++) {
		int d = s[i] >= '0' && s[i] <= '9', u = s[i] >= 'A' && s[i] <= 'Z';

		if (!d && (digits_only || !u))
			return 0;
	}
	return 1;
}

/* Validate the holder options; the first bad one in *bad. */
static int check_holder(const struct vcard_ca_holder *h, const char *expiry, const char **bad)
{
	char w[7];

#define BAD(cond, opt) do { if (cond) { *bad = (opt); return MG_EINVAL; } } while (0)
	BAD(!h->name || !*h->name || strlen(h->name) > 400 || strchr(h->name, '\n'), "--name");
	BAD(!h->address || !*h->address || strlen(h->address) > 1000 || strchr(h->address, '\n'),
	    "--address");
	BAD(!chars_ok(h->birth, 8, 8, 1) || vcard_card_wareki_yymmdd(h->birth, w) != 0, "--birth");
	BAD(!h->sex || strlen(h->sex) != 1 || !strchr("0129", h->sex[0]), "--sex");
	BAD(!chars_ok(h->mynumber, 12, 12, 1), "--mynumber");
	BAD(!chars_ok(h->pin, 4, 4, 1), "--pin");
	BAD(h->auth_pin && !chars_ok(h->auth_pin, 4, 4, 1), "--auth-pin");
	BAD(!chars_ok(h->sign_pin, 6, 16, 0), "--sign-pin");
	BAD(!chars_ok(expiry, 8, 8, 1), "--expiry");
	BAD(h->cert_expiry && !chars_ok(h->cert_expiry, 8, 8, 1), "--cert-expiry");
	BAD(!chars_ok(h->security_code, 4, 4, 1), "--security-code");
	BAD(h->tries > 3, "--tries");
#undef BAD
	if (!vcard_ca_mynumber_ok(h->mynumber)) {
		*bad = "--mynumber";
		return MG_ECHECKDIGIT;
	}
	return 0;
}

/* Holder fields, PINs and counters into the profile. */
static int put_holder(struct vcard_profile *pr, const struct vcard_ca_holder *h, const char *expiry)
{
	int t = h->blocked ? 0 : (h->tries >= 0 ? h->tries : 3);
	int rc = 0;

	if (!rc) rc = vcard_profile_set(pr, "version", "1");
	if (!rc) rc = vcard_profile_set(pr, "name", h->name);
	if (!rc) rc = vcard_profile_set(pr, "address", h->address);
	if (!rc) rc = vcard_profile_set(pr, "birth", h->birth);
	if (!rc) rc = vcard_profile_set(pr, "sex", h->sex);
	if (!rc) rc = vcard_profile_set(pr, "mynumber", h->mynumber);
	if (!rc) rc = vcard_profile_set(pr, "card_expiry", expiry);
	if (!rc) rc = vcard_profile_set(pr, "security_code", h->security_code);
	if (!rc) rc = vcard_profile_set(pr, "kenhojo_pin", h->pin);
	if (!rc) rc = vcard_profile_set(pr, "auth_pin", h->auth_pin ? h->auth_pin : h->pin);
	if (!rc) rc = vcard_profile_set(pr, "sign_pin", h->sign_pin);
	if (!rc) rc = vcard_profile_set_int(pr, "kenhojo_pin_tries", t);
	if (!rc) rc = vcard_profile_set_int(pr, "kenhojo_a_tries", 10);
	if (!rc) rc = vcard_profile_set_int(pr, "kenhojo_b_tries", 10);
	if (!rc) rc = vcard_profile_set_int(pr, "auth_pin_tries", h->blocked ? 0 : 3);
	if (!rc) rc = vcard_profile_set_int(pr, "sign_pin_tries", 5);
	if (!rc) rc = vcard_profile_set_int(pr, "kenkaku_birth_tries", 10);
	if (!rc) rc = vcard_profile_set_int(pr, "kenkaku_a_tries", 10);
	if (!rc) rc = vcard_profile_set_int(pr, "kenkaku_b_tries", 10);
	if (!rc) rc = vcard_profile_set(pr, "query_when_verified", "9000");
	return rc;
}

int vcard_ca_profile_new(const char *ca_dir, const struct vcard_ca_holder *h,
                         struct vcard_profile **out, const char **bad)
{
	struct vcard_profile *pr = NULL;
	struct signer s;
	EVP_PKEY *ap = NULL, *auth = NULL, *sign = NULL, *pres = NULL;
	X509 *acert = NULL, *scert = NULL;
	uint8_t ef1[17], *ef2 = NULL, ef3[336], ef4[568], ef7[536], subject_id[16], rnd[4], *kk = NULL;
	size_t n2 = 0, df22 = 0, nk = 0;
	char expiry[24], nb[32], na[32], cn[40];
	const char *dummy;
	int rc;

	*out = NULL;
	if (!bad)
		bad = &dummy;
	*bad = NULL;
	memset(&s, 0, sizeof s);
	/* card expiry: given, or 10 years from now (--expired: last year) */
	if (h->expiry) {
		snprintf(expiry, sizeof expiry, "%.8s", h->expiry);
	} else {
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		snprintf(expiry, sizeof expiry, "%04u%02u%02u",
		         (unsigned)(tm.tm_year + 1900 + (h->expired ? -1 : 10)) % 10000u,
		         (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)(tm.tm_mday > 28 ? 28 : tm.tm_mday) % 100u);
	}
	if ((rc = check_holder(h, expiry, bad)) != 0)
		return rc;
	if ((rc = signer_load(ca_dir, h->unknown_ca, &s)) != 0)
		return rc;
	rc = MG_ENOMEM;
	if (!(ap = rsa_new()) || !(auth = rsa_new()) || !(sign = rsa_new()) || !(pres = rsa_new()))
		goto out;
	/* the card's AP key id: "99" + 5 random digits, 08 05, "101", padding */
	if (RAND_bytes(rnd, sizeof rnd) != 1)
		goto out;
	snprintf(cn, sizeof cn, "99%05u", (unsigned)(((uint32_t)rnd[0] << 16 | rnd[1] << 8 | rnd[2]) % 100000));
	memcpy(subject_id, cn, 7);
	memcpy(subject_id + 7, "\x08\x05" "101\0\0\0\0", 9);
	if ((rc = vcard_card_kenhojo_ef0001(h->mynumber, ef1)) != 0 ||
	    (rc = vcard_card_kenhojo_ef0002(h->name, h->address, h->birth, h->sex, &ef2, &n2, &df22)) != 0 ||
	    (rc = make_ef0003(ap, ef1, ef2, n2, df22, ef3)) != 0 ||
	    (rc = make_ef0004(&s, ap, subject_id, ef4)) != 0 ||
	    (rc = make_ef0007(&s, pres, ef7)) != 0)
		goto out;
	/* JPKI certificates: notAfter = cert expiry (<= card expiry) at 23:59:59 */
	snprintf(na, sizeof na, "%.8s235959Z", h->cert_expiry ? h->cert_expiry : expiry);
	{
		/* valid from yesterday; an already expired certificate from 5 years before notAfter */
		char nowt[32];
		int y = (na[0] - '0') * 1000 + (na[1] - '0') * 100 + (na[2] - '0') * 10 + (na[3] - '0');

		gen_time(time(NULL), nowt);
		if (strcmp(na, nowt) <= 0)
			snprintf(nb, sizeof nb, "%04d%.4s000000Z", y - 5, na + 4);
		else
			gen_time(time(NULL) - 86400, nb);
	}
	snprintf(cn, sizeof cn, "%02X%02X%02X%02X AUTH", rnd[0], rnd[1], rnd[2], rnd[3]);
	if ((rc = make_cert(auth, "JPKI", cn, s.jcert, s.jca, 0, 0, nb, na, &acert)) != 0)
		goto out;
	snprintf(cn, sizeof cn, "%02X%02X%02X%02X SIGN", rnd[0], rnd[1], rnd[2], rnd[3]);
	if ((rc = make_cert(sign, "JPKI", cn, s.jcert, s.jca, 0, 1, nb, na, &scert)) != 0)
		goto out;
	if ((rc = make_kenkaku(ap, h, expiry, &kk, &nk)) != 0)
		goto out;
	if ((rc = vcard_profile_new(NULL, &pr)) != 0)
		goto out;
	if ((rc = vcard_profile_comment(pr, "# madoguchi-vcard card profile: synthetic DEMO data "
	                                "(format: card/vcard/README.md)")) != 0)
		goto out;
	if ((rc = put_holder(pr, h, expiry)) != 0 ||
	    (rc = vcard_profile_set_hex(pr, "ef0003", ef3, sizeof ef3)) != 0 ||
	    (rc = vcard_profile_set_hex(pr, "ef0004", ef4, sizeof ef4)) != 0 ||
	    (rc = vcard_profile_set_hex(pr, "ef0007", ef7, sizeof ef7)) != 0 ||
	    (rc = put_cert(pr, "auth_cert", acert)) != 0 ||
	    (rc = put_cert(pr, "auth_ca", s.jcert)) != 0 ||
	    (rc = put_cert(pr, "sign_cert", scert)) != 0 ||
	    (rc = put_cert(pr, "sign_ca", s.jcert)) != 0 ||
	    (rc = put_key(pr, "auth_key", auth)) != 0 ||
	    (rc = put_key(pr, "sign_key", sign)) != 0 ||
	    (rc = put_key(pr, "presence_key", pres)) != 0 ||
	    (rc = vcard_profile_set_hex(pr, "kenkaku_ef0002", kk, nk)) != 0)
		goto out;
	*out = pr;
	pr = NULL;
out:
	vcard_profile_free(pr);
	signer_free(&s);
	EVP_PKEY_free(ap);
	EVP_PKEY_free(auth);
	EVP_PKEY_free(sign);
	EVP_PKEY_free(pres);
	X509_free(acert);
	X509_free(scert);
	free(ef2);
	free(kk);
	return rc;
}
