/* auth.c — scrypt password hashes (EVP_KDF "SCRYPT"), lockout, operator changes. */
#include "app/auth.h"
#include "app/app_ctx.h"
#include "app/audit.h"
#include "app/config.h"
#include "app/log.h"
#include "app/perm.h"
#include "db/db.h"
#include "db/db_operator.h"
#include "i18n/mg_rc.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define AUTH_SALT_LEN 16
#define AUTH_KEY_LEN 32
#define AUTH_MAXMEM (256u * 1024u * 1024u)   /* scrypt memory bound: 128·r·N·p */
#define AUTH_PW_MAX 1024                      /* bytes */

/* 1 when the parameters are inside the accepted bounds (and memory bound). */
static int auth_params_ok(const struct auth_params *p)
{
	unsigned long long mem;

	if (p->log2_n < AUTH_LOG2N_MIN || p->log2_n > AUTH_LOG2N_MAX ||
	    p->r < 1 || p->r > AUTH_R_MAX || p->p < 1 || p->p > AUTH_P_MAX)
		return 0;
	mem = 128ull * (unsigned long long)p->r * (1ull << p->log2_n);
	return mem * (unsigned long long)p->p <= AUTH_MAXMEM;
}

/* scrypt(password, salt, p) → key (AUTH_KEY_LEN bytes). */
static int auth_scrypt(const char *password, const unsigned char *salt, size_t saltlen,
                       const struct auth_params *p, unsigned char *key)
{
	EVP_KDF *kdf = NULL;
	EVP_KDF_CTX *kctx = NULL;
	OSSL_PARAM params[7], *q = params;
	uint64_t n = 1ull << p->log2_n, maxmem = 2ull * AUTH_MAXMEM;
	uint32_t r = (uint32_t)p->r, par = (uint32_t)p->p;
	int rc = MG_ECRYPTO;

	kdf = EVP_KDF_fetch(NULL, "SCRYPT", NULL);
	if (!kdf)
		goto out;
	kctx = EVP_KDF_CTX_new(kdf);
	if (!kctx)
		goto out;
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
	                                         (void *)(uintptr_t)password, strlen(password));
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
	                                         (void *)(uintptr_t)salt, saltlen);
	*q++ = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n);
	*q++ = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r);
	*q++ = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &par);
	*q++ = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem);
	*q = OSSL_PARAM_construct_end();
	if (EVP_KDF_derive(kctx, key, AUTH_KEY_LEN, params) == 1)
		rc = 0;
out:
	EVP_KDF_CTX_free(kctx);
	EVP_KDF_free(kdf);
	return rc;
}

/* Decode base64 text of exactly want bytes into out; 0 or -1. */
static int auth_b64_decode(const char *s, size_t len, unsigned char *out, size_t want)
{
	unsigned char buf[64];
	int n, pad = 0;

	if (len == 0 || len % 4 != 0 || len / 4 * 3 > sizeof buf)
		return -1;
	if (s[len - 1] == '=')
		pad++;
	if (s[len - 2] == '=')
		pad++;
	n = EVP_DecodeBlock(buf, (const unsigned char *)s, (int)len);
	if (n < 0 || (size_t)(n - pad) != want)
		return -1;
	memcpy(out, buf, want);
	OPENSSL_cleanse(buf, sizeof buf);
	return 0;
}

int auth_hash(const char *password, const struct auth_params *p, char *out, size_t cap)
{
	static const struct auth_params def = { 15, 8, 1 };
	unsigned char salt[AUTH_SALT_LEN], key[AUTH_KEY_LEN];
	char salt64[32], key64[48];
	int rc, n;

	if (cap)
		out[0] = '\0';
	if (!p)
		p = &def;
	if (!password || !auth_params_ok(p) || cap < AUTH_HASH_MAX)
		return MG_EINVAL;
	if (RAND_bytes(salt, sizeof salt) != 1)
		return MG_ECRYPTO;
	rc = auth_scrypt(password, salt, sizeof salt, p, key);
	if (rc == 0) {
		EVP_EncodeBlock((unsigned char *)salt64, salt, sizeof salt);
		EVP_EncodeBlock((unsigned char *)key64, key, sizeof key);
		n = snprintf(out, cap, "$scrypt$ln=%d,r=%d,p=%d$%s$%s",
		             p->log2_n, p->r, p->p, salt64, key64);
		if (n < 0 || (size_t)n >= cap)
			rc = MG_EINVAL;
	}
	OPENSSL_cleanse(key, sizeof key);
	OPENSSL_cleanse(key64, sizeof key64);
	if (rc && cap)
		out[0] = '\0';
	return rc;
}

/* Parse "ln=N,r=R,p=P" exactly; 0 or -1. */
static int auth_parse_params(const char *s, size_t len, struct auth_params *p)
{
	char buf[40], tail;

	if (len >= sizeof buf)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (sscanf(buf, "ln=%d,r=%d,p=%d%c", &p->log2_n, &p->r, &p->p, &tail) != 3)
		return -1;
	/* only plain digits: refuse "+15", " 15" which sscanf would accept */
	for (size_t i = 0; i < len; i++)
		if (!((buf[i] >= '0' && buf[i] <= '9') || buf[i] == ',' || buf[i] == '=' ||
		      buf[i] == 'l' || buf[i] == 'n' || buf[i] == 'r' || buf[i] == 'p'))
			return -1;
	return 0;
}

int auth_verify(const char *password, const char *stored)
{
	static const char prefix[] = "$scrypt$";
	unsigned char salt[AUTH_SALT_LEN], want[AUTH_KEY_LEN], got[AUTH_KEY_LEN];
	struct auth_params p;
	const char *s, *d1, *d2;
	int rc;

	if (!password || !stored || strncmp(stored, prefix, sizeof prefix - 1) != 0)
		return MG_EINVAL;
	s = stored + sizeof prefix - 1;
	d1 = strchr(s, '$');
	d2 = d1 ? strchr(d1 + 1, '$') : NULL;
	if (!d1 || !d2 || strchr(d2 + 1, '$'))
		return MG_EINVAL;
	if (auth_parse_params(s, (size_t)(d1 - s), &p) != 0 || !auth_params_ok(&p))
		return MG_EINVAL;
	if (auth_b64_decode(d1 + 1, (size_t)(d2 - d1 - 1), salt, sizeof salt) != 0 ||
	    auth_b64_decode(d2 + 1, strlen(d2 + 1), want, sizeof want) != 0)
		return MG_EINVAL;
	rc = auth_scrypt(password, salt, sizeof salt, &p, got);
	if (rc == 0 && CRYPTO_memcmp(got, want, AUTH_KEY_LEN) != 0)
		rc = MG_EAUTH;
	OPENSSL_cleanse(got, sizeof got);
	OPENSSL_cleanse(want, sizeof want);
	return rc;
}

/* Count the code points of valid UTF-8 without control characters; -1 if invalid. */
static long auth_utf8_chars(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;

	while (*p) {
		unsigned c = *p;
		int len;
		unsigned cp;

		if (c < 0x80) {
			if (c < 0x20 || c == 0x7F)
				return -1;
			p++;
			n++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return -1;
		}
		for (int i = 1; i < len; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return -1;
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp <= 0x9F))
			return -1;
		p += len;
		n++;
	}
	return n;
}

int auth_password_acceptable(const char *password, int min_len)
{
	long n;

	if (!password || strlen(password) > AUTH_PW_MAX)
		return MG_EINVAL;
	n = auth_utf8_chars(password);
	if (n < 0)
		return MG_EINVAL;
	return n < min_len ? MG_EWEAKPW : 0;
}

int auth_id_valid(const char *id)
{
	size_t n;

	if (!id)
		return 0;
	n = strlen(id);
	if (n < 1 || n > 32)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = id[i];
		int alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

		if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
			return 0;
	}
	return 1;
}

void auth_params_from_ctx(const struct app_ctx *ctx, struct auth_params *p)
{
	if (ctx && ctx->cfg) {
		p->log2_n = ctx->cfg->scrypt_log2_n;
		p->r = ctx->cfg->scrypt_r;
		p->p = ctx->cfg->scrypt_p;
	} else {
		p->log2_n = 15;
		p->r = 8;
		p->p = 1;
	}
}

/* The lockout threshold of ctx (default 5). */
static int auth_threshold(const struct app_ctx *ctx)
{
	return ctx && ctx->cfg && ctx->cfg->lockout_threshold > 0 ? ctx->cfg->lockout_threshold : 5;
}

/* The minimum password length of ctx (default 10). */
static int auth_min_len(const struct app_ctx *ctx)
{
	return ctx && ctx->cfg && ctx->cfg->min_password_length > 0
	       ? ctx->cfg->min_password_length : 10;
}

/* Spend the same work as a real check so an unknown id does not answer faster. */
static void auth_dummy_work(const struct app_ctx *ctx, const char *password)
{
	struct auth_params p;
	char buf[AUTH_HASH_MAX];

	auth_params_from_ctx(ctx, &p);
	(void)auth_hash(password ? password : "", &p, buf, sizeof buf);
	OPENSSL_cleanse(buf, sizeof buf);
}

int auth_check(struct app_ctx *ctx, const char *id, const char *password,
               struct auth_operator *op, int *tries_left, int *just_locked)
{
	struct db_operator_row row;
	enum session_role role;
	int threshold = auth_threshold(ctx), failures = 0, locked = 0, rc;

	if (op)
		memset(op, 0, sizeof *op);
	if (just_locked)
		*just_locked = 0;
	if (tries_left)
		*tries_left = threshold;
	if (!ctx || !ctx->db || !id || !password)
		return MG_EINVAL;
	if (!auth_id_valid(id)) {
		auth_dummy_work(ctx, password);
		return MG_EAUTH;
	}
	rc = db_operator_get(ctx->db, id, &row);
	if (rc == MG_ENOTFOUND) {
		auth_dummy_work(ctx, password);
		return MG_EAUTH;
	}
	if (rc)
		goto out;
	if (row.locked) {
		if (tries_left)
			*tries_left = 0;
		rc = MG_ELOCKED;
		goto out;
	}
	rc = auth_verify(password, row.pw_hash);
	if (rc == MG_EINVAL) {
		/* a malformed stored hash: never a match; the admin must reset it */
		log_event(LOG_LEVEL_ERR, "auth.bad_hash", rc, id);
		rc = MG_EAUTH;
	}
	if (rc == MG_EAUTH) {
		int frc = db_operator_fail(ctx->db, id, threshold, (long long)time(NULL),
		                           &failures, &locked);

		if (frc) {
			rc = frc;
		} else if (locked) {
			rc = MG_ELOCKED;
			if (just_locked)
				*just_locked = 1;
			if (tries_left)
				*tries_left = 0;
		} else if (tries_left) {
			*tries_left = threshold - failures > 0 ? threshold - failures : 0;
		}
		goto out;
	}
	if (rc)
		goto out;
	if (session_role_parse(row.role, &role) != 0) {
		rc = MG_EAUTH;
		goto out;
	}
	rc = db_operator_success(ctx->db, id, (long long)time(NULL));
	if (rc == 0 && op) {
		snprintf(op->id, sizeof op->id, "%s", row.id);
		snprintf(op->name, sizeof op->name, "%s", row.name);
		op->role = role;
	}
	if (rc == 0 && tries_left)
		*tries_left = threshold;
out:
	OPENSSL_cleanse(row.pw_hash, sizeof row.pw_hash);
	return rc;
}

int auth_name_valid(const char *name)
{
	return name && *name && strlen(name) <= 96 && auth_utf8_chars(name) > 0;
}

/* Log one operator change inside the open transaction. */
static int auth_log_change(struct app_ctx *ctx, const char *id, const char *what,
                           const char *role)
{
	char detail[48];

	if (role)
		snprintf(detail, sizeof detail, "%s role=%s", what, role);
	else
		snprintf(detail, sizeof detail, "%s", what);
	return audit_log(ctx, AUDIT_OPERATOR, id, detail);
}

int auth_operator_add(struct app_ctx *ctx, const char *id, const char *name,
                      enum session_role role, const char *password)
{
	struct db_operator_row row;
	struct auth_params p;
	const char *rname = session_role_name(role);
	long long now = (long long)time(NULL);
	int rc;

	rc = perm_check(ctx, PERM_OPERATOR_ADMIN);
	if (rc)
		return rc;
	if (!auth_id_valid(id) || !auth_name_valid(name) || !rname || !password)
		return MG_EINVAL;
	rc = auth_password_acceptable(password, auth_min_len(ctx));
	if (rc)
		return rc;
	memset(&row, 0, sizeof row);
	snprintf(row.id, sizeof row.id, "%s", id);
	snprintf(row.name, sizeof row.name, "%s", name);
	snprintf(row.role, sizeof row.role, "%s", rname);
	row.created_at = now;
	row.pw_changed_at = now;
	auth_params_from_ctx(ctx, &p);
	rc = auth_hash(password, &p, row.pw_hash, sizeof row.pw_hash);
	if (rc == 0)
		rc = db_begin(ctx->db);
	if (rc == 0) {
		rc = db_operator_insert(ctx->db, &row);
		if (rc == 0)
			rc = auth_log_change(ctx, id, "add", rname);
		rc = db_finish(ctx->db, rc);
	}
	OPENSSL_cleanse(row.pw_hash, sizeof row.pw_hash);
	return rc;
}

int auth_operator_passwd(struct app_ctx *ctx, const char *id, const char *password)
{
	char hash[AUTH_HASH_MAX];
	struct db_operator_row row;
	struct auth_params p;
	int own, rc;

	if (!ctx || !id || !password)
		return MG_EINVAL;
	own = ctx->sess && strcmp(ctx->sess->operator_id, id) == 0;
	rc = own ? 0 : perm_check(ctx, PERM_OPERATOR_ADMIN);
	if (rc)
		return rc;
	rc = db_operator_get(ctx->db, id, &row);
	OPENSSL_cleanse(row.pw_hash, sizeof row.pw_hash);
	if (rc)
		return rc;
	rc = auth_password_acceptable(password, auth_min_len(ctx));
	if (rc)
		return rc;
	auth_params_from_ctx(ctx, &p);
	rc = auth_hash(password, &p, hash, sizeof hash);
	if (rc == 0)
		rc = db_begin(ctx->db);
	if (rc == 0) {
		rc = db_operator_set_hash(ctx->db, id, hash, (long long)time(NULL));
		if (rc == 0)
			rc = auth_log_change(ctx, id, "passwd", NULL);
		rc = db_finish(ctx->db, rc);
	}
	OPENSSL_cleanse(hash, sizeof hash);
	return rc;
}

int auth_operator_set_locked(struct app_ctx *ctx, const char *id, int locked)
{
	int rc = perm_check(ctx, PERM_OPERATOR_ADMIN);

	if (rc)
		return rc;
	if (!id)
		return MG_EINVAL;
	rc = db_begin(ctx->db);
	if (rc)
		return rc;
	rc = db_operator_set_locked(ctx->db, id, locked ? 1 : 0, (long long)time(NULL));
	if (rc == 0)
		rc = auth_log_change(ctx, id, locked ? "lock" : "unlock", NULL);
	return db_finish(ctx->db, rc);
}

int auth_operator_set_role(struct app_ctx *ctx, const char *id, enum session_role role)
{
	const char *rname = session_role_name(role);
	int rc = perm_check(ctx, PERM_OPERATOR_ADMIN);

	if (rc)
		return rc;
	if (!id || !rname)
		return MG_EINVAL;
	rc = db_begin(ctx->db);
	if (rc)
		return rc;
	rc = db_operator_set_role(ctx->db, id, rname);
	if (rc == 0)
		rc = auth_log_change(ctx, id, "role", rname);
	return db_finish(ctx->db, rc);
}

int auth_operator_set_name(struct app_ctx *ctx, const char *id, const char *name)
{
	int rc = perm_check(ctx, PERM_OPERATOR_ADMIN);

	if (rc)
		return rc;
	if (!id || !auth_name_valid(name))
		return MG_EINVAL;
	rc = db_begin(ctx->db);
	if (rc)
		return rc;
	rc = db_operator_set_name(ctx->db, id, name);
	if (rc == 0)
		rc = auth_log_change(ctx, id, "name", NULL);
	return db_finish(ctx->db, rc);
}
