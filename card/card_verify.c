/* card_verify.c — authenticity of the chip data: trust store, EF0004, DF33, DF31/DF32, EF0007 and the challenge. */
#include "card/card_verify.h"
#include "card/card_tlv.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/mg_file.h"
#include "i18n/mg_rc.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One trusted issuer key. */
struct trust_key {
	uint8_t id[CARD_VERIFY_KEYID_LEN];   /* 証明者鍵ID */
	EVP_PKEY *pkey;                      /* RSA public key (owned) */
	int demo;                            /* a demo or test-card id ("99…" or "6…", nonprod_id) */
};

struct card_trust {
	struct trust_key *keys;   /* n keys (owned) */
	size_t n;
	X509 **x509;              /* nx JPKI CA anchors (owned) */
	size_t nx;
};

/*
 * An RSA public key from big-endian n and e, refused (NULL) unless it is
 * strong enough to prove anything: 2048..4096 bits, e odd and ≥ 3 (e = 1
 * makes every "signature" equal its message). Returns new or NULL.
 */
static EVP_PKEY *rsa_key(const uint8_t *n, size_t nlen, const uint8_t *e, size_t elen)
{
	OSSL_PARAM_BLD *bld = NULL;
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *pkey = NULL;
	BIGNUM *bn = NULL, *be = NULL;

	bn = BN_bin2bn(n, (int)nlen, NULL);
	be = BN_bin2bn(e, (int)elen, NULL);
	bld = OSSL_PARAM_BLD_new();
	if (!bn || !be || !bld || BN_num_bits(bn) < 2048 || BN_num_bits(bn) > 4096 ||
	    !BN_is_odd(be) || BN_is_one(be) || BN_num_bits(be) > 64)
		goto out;
	if (!OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, be))
		goto out;
	params = OSSL_PARAM_BLD_to_param(bld);
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
	if (!params || !ctx || EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) <= 0)
		pkey = NULL;
out:
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_free(bn);
	BN_free(be);
	return pkey;
}

/* RSA PKCS#1 v1.5 SHA-256 verification: 1 valid, 0 invalid, negative code on failure. */
static int rsa_verify(EVP_PKEY *k, const uint8_t *msg, size_t mlen, const uint8_t *sig, size_t slen)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx = NULL;
	int r;

	if (!ctx)
		return MG_ENOMEM;
	if (EVP_DigestVerifyInit(ctx, &pctx, EVP_sha256(), NULL, k) != 1 ||
	    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) <= 0) {
		EVP_MD_CTX_free(ctx);
		return MG_ECARD_CRYPTO;
	}
	r = EVP_DigestVerify(ctx, sig, slen, msg, mlen);
	EVP_MD_CTX_free(ctx);
	return r == 1 ? 1 : 0;
}

/*
 * 1 for a key id no production card chains to: a demo key ("99…",
 * madoguchi-vcard) or a J-LIS test-card key ("6…", spec §7.1).
 */
static int nonprod_id(const uint8_t *id)
{
	return (id[0] == '9' && id[1] == '9') || id[0] == '6';
}

/* 1 when an issuer key id names the 入力補助AP's CA ("5000033", "6000033", "9900033": digits 5–7 "033"). */
static int kenhojo_issuer(const uint8_t *id)
{
	return id[4] == '0' && id[5] == '3' && id[6] == '3';
}

/* Set a NOT_GENUINE verdict for check c. */
static void fail(struct card_verdict *v, enum card_check c)
{
	v->kind = CARD_VERDICT_NOT_GENUINE;
	v->failed = c;
}

/*
 * One signature check of the chain: 0 when it verifies, 1 when it does not
 * (verdict: NOT_GENUINE for check c), a negative code when it could not run.
 */
static int check_sig(EVP_PKEY *k, const uint8_t *msg, size_t mlen, const uint8_t *sig, size_t slen,
                     struct card_verdict *v, enum card_check c)
{
	int r = rsa_verify(k, msg, mlen, sig, slen);

	if (r == 0)
		fail(v, c);
	return r < 0 ? r : !r;
}

/* SHA-256 of data into out[32]. Returns 0 or MG_ECARD_CRYPTO. */
static int sha256(const uint8_t *data, size_t len, uint8_t *out)
{
	unsigned int n = 0;

	return EVP_Digest(data, len, out, &n, EVP_sha256(), NULL) == 1 && n == 32 ? 0 : MG_ECARD_CRYPTO;
}

/* Add a key line's fields to t. Returns 0, MG_ECARD_TRUST or MG_ENOMEM. */
static int add_key(struct card_trust *t, const char *id, size_t idlen, const char *e, size_t elen,
                   const char *m, size_t mlen)
{
	uint8_t ib[CARD_VERIFY_KEYID_LEN], eb[16], mb[1024];
	struct trust_key *nk;
	long ni, ne, nm;

	ni = i18n_text_unhex(id, idlen, ib, sizeof ib);
	ne = i18n_text_unhex(e, elen, eb, sizeof eb);
	nm = i18n_text_unhex(m, mlen, mb, sizeof mb);
	if (ni != CARD_VERIFY_KEYID_LEN || ne <= 0 || nm < 256)
		return MG_ECARD_TRUST;
	nk = realloc(t->keys, (t->n + 1) * sizeof *nk);
	if (!nk)
		return MG_ENOMEM;
	t->keys = nk;
	nk[t->n].pkey = rsa_key(mb, (size_t)nm, eb, (size_t)ne);
	if (!nk[t->n].pkey)
		return MG_ECARD_TRUST;
	memcpy(nk[t->n].id, ib, sizeof ib);
	nk[t->n].demo = nonprod_id(ib);
	t->n++;
	return 0;
}

/* Where the lines of one trust file come from and how its files are opened. */
struct trust_src {
	const char *dir;    /* the trust file's folder: x509 names are relative to it */
	unsigned flags;     /* CARD_VERIFY_TRUST_GUARDED */
	char *where;        /* OUT: the refused file or folder (may be NULL) */
	size_t wcap;        /* bytes at where */
};

/*
 * Open a trust file for reading: mg_file_open, guarded (i18n/mg_file.h) when
 * src->flags has CARD_VERIFY_TRUST_GUARDED. OUT: *f; real (PATH_MAX bytes)
 * the resolved name (path itself unguarded). Returns 0, MG_ECARD_TRUST_PERM
 * (refused file or folder in src->where), MG_EIO (missing, unreadable) or
 * MG_ENOMEM.
 */
static int trust_open(const struct trust_src *src, const char *path, char *real, FILE **f)
{
	unsigned mf = (src->flags & CARD_VERIFY_TRUST_GUARDED) ? MG_FILE_GUARDED : 0;
	int rc = mg_file_open(path, mf, f, real, src->where, src->wcap);

	return rc == MG_EPERM ? MG_ECARD_TRUST_PERM : rc;
}

/* Load a PEM certificate named relative to src->dir. */
static int add_x509(struct card_trust *t, const struct trust_src *src, const char *name)
{
	char path[PATH_MAX], real[PATH_MAX];
	X509 **nx, *x = NULL;
	FILE *f;
	int rc;

	if (name[0] == '/')
		snprintf(path, sizeof path, "%s", name);
	else if ((size_t)snprintf(path, sizeof path, "%s/%s", src->dir, name) >= sizeof path)
		return MG_ECARD_TRUST;
	rc = trust_open(src, path, real, &f);
	if (rc == MG_ECARD_TRUST_PERM || rc == MG_ENOMEM)
		return rc;
	if (rc != 0)
		return MG_ECARD_TRUST;
	x = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	if (!x)
		return MG_ECARD_TRUST;
	nx = realloc(t->x509, (t->nx + 1) * sizeof *nx);
	if (!nx) {
		X509_free(x);
		return MG_ENOMEM;
	}
	t->x509 = nx;
	nx[t->nx++] = x;
	return 0;
}

/* Split the next whitespace-separated word. OUT: *w, *wlen. */
static const char *word(const char *p, const char **w, size_t *wlen)
{
	while (*p == ' ' || *p == '\t')
		p++;
	*w = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	*wlen = (size_t)(p - *w);
	return p;
}

/* Parse one line (comments and newline already removed). */
static int parse_line(struct card_trust *t, const struct trust_src *src, const char *line)
{
	const char *w[4];
	size_t wl[4];
	const char *p = line;
	int n = 0;

	for (; n < 4; n++) {
		p = word(p, &w[n], &wl[n]);
		if (wl[n] == 0)
			break;
	}
	if (n == 0)
		return 0;
	if (n >= 2 && wl[0] == 4 && memcmp(w[0], "x509", 4) == 0) {
		char name[1024];

		/* the path runs to the end of the line (may contain spaces) */
		const char *s = w[1];
		size_t len = strlen(s);

		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (len >= sizeof name)
			return MG_ECARD_TRUST;
		memcpy(name, s, len);
		name[len] = '\0';
		return add_x509(t, src, name);
	}
	if (n != 3)
		return MG_ECARD_TRUST;
	return add_key(t, w[0], wl[0], w[1], wl[1], w[2], wl[2]);
}

int card_verify_trust_load(const char *path, unsigned flags, struct card_trust **out, int *line,
                           char *where, size_t wcap)
{
	struct trust_src src = { NULL, flags & CARD_VERIFY_TRUST_GUARDED, where, wcap };
	struct card_trust *t = NULL;
	char *buf = NULL, *dir = NULL, *slash;
	char real[PATH_MAX];
	size_t cap = 0;
	FILE *f = NULL;
	int rc = 0, ln = 0;

	*out = NULL;
	if (line)
		*line = 0;
	if (where && wcap)
		where[0] = '\0';
	rc = trust_open(&src, path, real, &f);
	if (rc != 0)
		return rc;
	t = calloc(1, sizeof *t);
	dir = strdup(real);   /* guarded: x509 names are relative to the resolved folder */
	if (!t || !dir) {
		rc = MG_ENOMEM;
		goto out;
	}
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	src.dir = dir;
	while (getline(&buf, &cap, f) >= 0) {
		char *hash = strchr(buf, '#');

		ln++;
		if (hash)
			*hash = '\0';
		buf[strcspn(buf, "\r\n")] = '\0';
		rc = parse_line(t, &src, buf);
		if (rc != 0) {
			if (line)
				*line = ln;
			goto out;
		}
	}
	if (ferror(f))
		rc = MG_EIO;
out:
	if (f)
		fclose(f);
	free(buf);
	free(dir);
	if (rc != 0)
		card_verify_trust_free(t);
	else
		*out = t;
	return rc;
}

void card_verify_trust_free(struct card_trust *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		EVP_PKEY_free(t->keys[i].pkey);
	for (size_t i = 0; i < t->nx; i++)
		X509_free(t->x509[i]);
	free(t->keys);
	free(t->x509);
	free(t);
}

size_t card_verify_trust_count(const struct card_trust *t, size_t *nx509)
{
	if (nx509)
		*nx509 = t ? t->nx : 0;
	return t ? t->n : 0;
}

/* Printable form of a key id: "9900033-001" for the usual 7|0805|3|pad shape, else hex. */
static void keyid_text(const uint8_t *id, char *out, size_t cap)
{
	int shaped = id[7] == 0x08 && id[8] == 0x05;

	for (int i = 0; i < 7 && shaped; i++)
		shaped = id[i] >= '0' && id[i] <= '9';
	for (int i = 9; i < 12 && shaped; i++)
		shaped = id[i] >= '0' && id[i] <= '9';
	if (shaped)
		snprintf(out, cap, "%.7s-%.3s", (const char *)id, (const char *)id + 9);
	else
		snprintf(out, cap, "%02X%02X%02X%02X%02X%02X%02X%02X", id[0], id[1], id[2], id[3],
		         id[4], id[5], id[6], id[7]);
}

int card_verify_kenhojo(const struct card_trust *trust, unsigned flags,
                        const uint8_t *ef1, size_t ef1_len,
                        const uint8_t *ef2, size_t ef2_len,
                        const uint8_t *ef3, size_t ef3_len,
                        const uint8_t *ef4, size_t ef4_len,
                        const struct card_presence *pr, struct card_verdict *v)
{
	struct card_tlv cert, body, sig, exp, mod, rec, d31, d32, d33, f2, d21, p50, d51, d52;
	const struct trust_key *anchor = NULL;
	EVP_PKEY *card_key = NULL, *presence_key = NULL;
	uint8_t h[32];
	size_t o1, end;
	int rc = 0, r;

	memset(v, 0, sizeof *v);
	/* 1. EF0004: 7F21 { 5F4E body, 5F37 signature } */
	if (card_tlv_parse(ef4, ef4_len, &cert) != 0 || cert.tag != 0x7F21 ||
	    card_tlv_find(cert.value, cert.len, 0x5F4E, &body) != 0 ||
	    card_tlv_find(cert.value, cert.len, 0x5F37, &sig) != 0 ||
	    body.len < 2 * CARD_VERIFY_KEYID_LEN + 4 ||
	    card_tlv_find(body.value + 32, body.len - 32, 0x90, &exp) != 0 ||
	    card_tlv_find(body.value + 32, body.len - 32, 0x91, &mod) != 0 ||
	    exp.len == 0 || exp.len > 8 || mod.len < 128 || mod.len > 1024) {
		fail(v, CARD_CHECK_CERT_FORMAT);
		goto out;
	}
	keyid_text(body.value, v->issuer, sizeof v->issuer);
	v->demo_anchor = nonprod_id(body.value);
	for (size_t i = 0; trust && kenhojo_issuer(body.value) && i < trust->n; i++)
		if (memcmp(trust->keys[i].id, body.value, CARD_VERIFY_KEYID_LEN) == 0)
			anchor = &trust->keys[i];
	if (!anchor || (anchor->demo && !(flags & CARD_VERIFY_ALLOW_DEMO))) {
		v->kind = CARD_VERDICT_UNKNOWN_CA;
		goto out;
	}
	r = check_sig(anchor->pkey, body.value, body.len, sig.value, sig.len, v,
	              CARD_CHECK_CERT_SIG);
	if (r != 0) {
		rc = r < 0 ? r : 0;
		goto out;
	}
	card_key = rsa_key(mod.value, mod.len, exp.value, exp.len);
	if (!card_key) {
		fail(v, CARD_CHECK_CERT_FORMAT);
		goto out;
	}
	/* 2. EF0003: FF30 { DF31, DF32, DF33 }; DF33 signs DF31 TLV ‖ DF32 TLV */
	if (card_tlv_parse(ef3, ef3_len, &rec) != 0 || rec.tag != 0xFF30 ||
	    card_tlv_parse(rec.value, rec.len, &d31) != 0 || d31.tag != 0xDF31 || d31.len != 32 ||
	    card_tlv_parse(d31.value + 32, rec.len - d31.hdr_len - 32, &d32) != 0 ||
	    d32.tag != 0xDF32 || d32.len != 32 ||
	    card_tlv_find(rec.value, rec.len, 0xDF33, &d33) != 0) {
		fail(v, CARD_CHECK_RECORD_FORMAT);
		goto out;
	}
	r = check_sig(card_key, rec.value, d31.hdr_len + 32 + d32.hdr_len + 32, d33.value, d33.len, v,
	              CARD_CHECK_RECORD_SIG);
	if (r != 0) {
		rc = r < 0 ? r : 0;
		goto out;
	}
	/* 3. DF31 = SHA-256 of EF0001 as stored */
	if ((rc = sha256(ef1, ef1_len, h)) != 0)
		goto out;
	if (ef1_len == 0 || CRYPTO_memcmp(h, d31.value, 32) != 0) {
		fail(v, CARD_CHECK_MYNUMBER_HASH);
		goto out;
	}
	/* 4. DF32 = SHA-256 of EF0002 from the DF22 tag (offset table) to the end of FF20 */
	if (card_tlv_parse(ef2, ef2_len, &f2) != 0 || f2.tag != 0xFF20 ||
	    card_tlv_parse(f2.value, f2.len, &d21) != 0 || d21.tag != 0xDF21 || d21.len < 2) {
		fail(v, CARD_CHECK_FOURINFO_HASH);
		goto out;
	}
	o1 = (size_t)d21.value[0] << 8 | d21.value[1];
	end = f2.hdr_len + f2.len;
	if (o1 < f2.hdr_len || o1 >= end) {
		fail(v, CARD_CHECK_FOURINFO_HASH);
		goto out;
	}
	if ((rc = sha256(ef2 + o1, end - o1, h)) != 0)
		goto out;
	if (CRYPTO_memcmp(h, d32.value, 32) != 0) {
		fail(v, CARD_CHECK_FOURINFO_HASH);
		goto out;
	}
	/* 5. EF0007: FF50 { DF51 { 90 exponent, 91 modulus }, DF52 }; the issuer signs the DF51 TLV */
	if (!pr || !pr->ef7 || card_tlv_parse(pr->ef7, pr->ef7_len, &p50) != 0 || p50.tag != 0xFF50 ||
	    card_tlv_parse(p50.value, p50.len, &d51) != 0 || d51.tag != 0xDF51 ||
	    card_tlv_find(p50.value, p50.len, 0xDF52, &d52) != 0 ||
	    card_tlv_find(d51.value, d51.len, 0x90, &exp) != 0 ||
	    card_tlv_find(d51.value, d51.len, 0x91, &mod) != 0 || exp.len > 8 || mod.len > 1024 ||
	    !(presence_key = rsa_key(mod.value, mod.len, exp.value, exp.len))) {
		fail(v, CARD_CHECK_PRESENCE_KEY);
		goto out;
	}
	r = check_sig(anchor->pkey, p50.value, d51.hdr_len + d51.len, d52.value, d52.len, v,
	              CARD_CHECK_PRESENCE_KEY);
	if (r != 0) {
		rc = r < 0 ? r : 0;
		goto out;
	}
	/* 6. the card's signature over the reader's fresh challenge */
	if (!pr->challenge || pr->challenge_len < 16 || !pr->answer || pr->answer_len == 0) {
		fail(v, CARD_CHECK_PRESENCE);
		goto out;
	}
	r = check_sig(presence_key, pr->challenge, pr->challenge_len, pr->answer, pr->answer_len, v,
	              CARD_CHECK_PRESENCE);
	if (r != 0) {
		rc = r < 0 ? r : 0;
		goto out;
	}
	v->kind = CARD_VERDICT_GENUINE;
out:
	EVP_PKEY_free(presence_key);
	EVP_PKEY_free(card_key);
	OPENSSL_cleanse(h, sizeof h);
	if (rc != 0)
		memset(v, 0, sizeof *v);
	return rc;
}

int card_verify_jpki(const struct card_trust *trust, const uint8_t *cert, size_t cert_len,
                     const uint8_t *ca_cert, size_t ca_len, struct card_verdict *v)
{
	const unsigned char *p;
	X509 *c = NULL, *ca = NULL;
	EVP_PKEY *cakey;
	int rc = 0;

	memset(v, 0, sizeof *v);
	p = cert;
	c = d2i_X509(NULL, &p, (long)cert_len);
	p = ca_cert;
	ca = d2i_X509(NULL, &p, (long)ca_len);
	if (!c || !ca) {
		rc = MG_ECARD_DATA;
		goto out;
	}
	cakey = X509_get0_pubkey(ca);
	if (!cakey || X509_check_issued(ca, c) != X509_V_OK || X509_verify(c, cakey) != 1) {
		fail(v, CARD_CHECK_CERT_SIG);
		goto out;
	}
	v->kind = CARD_VERDICT_UNKNOWN_CA;
	for (size_t i = 0; trust && i < trust->nx; i++)
		if (X509_cmp(trust->x509[i], ca) == 0)
			v->kind = CARD_VERDICT_GENUINE;
out:
	X509_free(c);
	X509_free(ca);
	return rc;
}

const char *card_verify_check_name(enum card_check c)
{
	switch (c) {
	case CARD_CHECK_NONE: return "none";
	case CARD_CHECK_CERT_FORMAT: return "cert-format";
	case CARD_CHECK_CERT_SIG: return "cert-signature";
	case CARD_CHECK_RECORD_FORMAT: return "record-format";
	case CARD_CHECK_RECORD_SIG: return "record-signature";
	case CARD_CHECK_MYNUMBER_HASH: return "mynumber-hash";
	case CARD_CHECK_FOURINFO_HASH: return "fourinfo-hash";
	case CARD_CHECK_PRESENCE_KEY: return "presence-key";
	case CARD_CHECK_PRESENCE: return "presence";
	}
	return "?";
}

const char *card_verify_check_msgid(enum card_check c)
{
	switch (c) {
	case CARD_CHECK_NONE: return MSG("card_check_none");
	case CARD_CHECK_CERT_FORMAT: return MSG("card_check_cert_format");
	case CARD_CHECK_CERT_SIG: return MSG("card_check_cert_sig");
	case CARD_CHECK_RECORD_FORMAT: return MSG("card_check_record_format");
	case CARD_CHECK_RECORD_SIG: return MSG("card_check_record_sig");
	case CARD_CHECK_MYNUMBER_HASH: return MSG("card_check_mynumber_hash");
	case CARD_CHECK_FOURINFO_HASH: return MSG("card_check_fourinfo_hash");
	case CARD_CHECK_PRESENCE_KEY: return MSG("card_check_presence_key");
	case CARD_CHECK_PRESENCE: return MSG("card_check_presence");
	}
	return MSG("card_check_none");
}
