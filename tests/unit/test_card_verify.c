/*
 * test_card_verify.c — the production guard of the trust store
 * (card_verify_trust_load with CARD_VERIFY_TRUST_GUARDED, review rv16
 * M1): the trust file, each x509 file it names and every folder on their
 * resolved paths must be root's and writable by no one else; test and demo
 * mode (no flag) read them as before. The positive cases need a folder
 * whose whole path is root's (testutil_rootdir: /run or /root) and a root
 * process; without them those cases are skipped with the reason printed.
 */
#include "tests/unit/testutil.h"

#include "card/card_verify.h"
#include "i18n/mg_rc.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NOBODY 65534   /* a uid that is not root */

static EVP_PKEY *key;          /* the anchor key of every store */
static const char *base;       /* the case's root-only folder (testutil_rootcase) */

/* Write a key line for key, then extra (may be ""), as a trust store at path. */
static void put_store(const char *path, const char *extra, mode_t mode)
{
	BIGNUM *n = NULL, *e = NULL;
	char *nh, *eh, text[2048];

	CU_ASSERT_FATAL(EVP_PKEY_get_bn_param(key, "n", &n) == 1);
	CU_ASSERT_FATAL(EVP_PKEY_get_bn_param(key, "e", &e) == 1);
	nh = BN_bn2hex(n);
	eh = BN_bn2hex(e);
	CU_ASSERT_FATAL(nh && eh);
	snprintf(text, sizeof text, "# anchors\n35303030303333080530303100000000 %s %s\n%s", eh, nh,
	         extra);
	testutil_put_file(path, text, mode);
	OPENSSL_free(nh);
	OPENSSL_free(eh);
	BN_free(n);
	BN_free(e);
}

/* Write a self-signed PEM certificate of key at path. */
static void put_cert(const char *path, mode_t mode)
{
	X509 *x = X509_new();
	X509_NAME *nm = X509_NAME_new();
	FILE *f;

	CU_ASSERT_FATAL(x && nm);
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 7);
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_gmtime_adj(X509_getm_notAfter(x), 3600);
	X509_NAME_add_entry_by_txt(nm, "CN", MBSTRING_UTF8, (const unsigned char *)"Test JPKI CA", -1, -1,
	                           0);
	X509_set_subject_name(x, nm);
	X509_set_issuer_name(x, nm);
	X509_set_pubkey(x, key);
	CU_ASSERT_FATAL(X509_sign(x, key, EVP_sha256()) > 0);
	f = fopen(path, "w");
	CU_ASSERT_FATAL(f != NULL);
	PEM_write_X509(f, x);
	CU_ASSERT_FATAL(fclose(f) == 0);
	CU_ASSERT_FATAL(chmod(path, mode) == 0);
	X509_NAME_free(nm);
	X509_free(x);
}

/* Load path with flags; OUT where; return the code (the store is freed). */
static int load(const char *path, unsigned flags, char *where, size_t wcap, int *line)
{
	struct card_trust *t = NULL;
	int rc = card_verify_trust_load(path, flags, &t, line, where, wcap);

	if (rc == 0) {
		size_t nx = 0;

		CU_ASSERT_EQUAL(card_verify_trust_count(t, &nx), 1);
		CU_ASSERT_PTR_NOT_NULL(t);
	} else {
		CU_ASSERT_PTR_NULL(t);
	}
	card_verify_trust_free(t);
	return rc;
}

/* Refused in production with where naming want; read as before in test mode. */
static void refused(const char *store, const char *want)
{
	char where[PATH_MAX];

	CU_ASSERT_EQUAL(load(store, CARD_VERIFY_TRUST_GUARDED, where, sizeof where, NULL),
	                MG_ECARD_TRUST_PERM);
	CU_ASSERT_STRING_EQUAL(where, want);
	CU_ASSERT_EQUAL(load(store, 0, where, sizeof where, NULL), 0);
}

/* A root-owned 0644 store naming a 0644 certificate in a root-owned 0755 folder loads. */
static void t_guarded_ok(void)
{
	struct card_trust *t = NULL;
	char where[PATH_MAX] = "x";
	const char *store;
	size_t nx = 0;

	if (!(base = testutil_rootcase("production cases")))
		return;
	store = testutil_join(base, "trust.txt");
	put_cert(testutil_join(base, "ca.pem"), 0644);
	put_store(store, "x509 ca.pem\n", 0644);
	CU_ASSERT_EQUAL_FATAL(card_verify_trust_load(store, CARD_VERIFY_TRUST_GUARDED, &t, NULL,
	                                             where, sizeof where), 0);
	CU_ASSERT_EQUAL(card_verify_trust_count(t, &nx), 1);
	CU_ASSERT_EQUAL(nx, 1);
	CU_ASSERT_STRING_EQUAL(where, "");
	card_verify_trust_free(t);
	/* 0600 / 0700 (tighter) and 0640 (group may read, not write) are fine */
	CU_ASSERT_FATAL(chmod(store, 0600) == 0 && chmod(testutil_join(base, "ca.pem"), 0640) == 0);
	CU_ASSERT_FATAL(chmod(base, 0700) == 0);
	CU_ASSERT_EQUAL(load(store, CARD_VERIFY_TRUST_GUARDED, where, sizeof where, NULL), 0);
	/* a link in a world-writable folder to the guarded store: the resolved path counts */
	unlink(testutil_path("link-trust.txt"));
	CU_ASSERT_FATAL(symlink(store, testutil_path("link-trust.txt")) == 0);
	CU_ASSERT_EQUAL(load(testutil_path("link-trust.txt"), CARD_VERIFY_TRUST_GUARDED, where,
	                     sizeof where, NULL), 0);
}

/* A store writable by group or others is refused; test mode reads it. */
static void t_store_writable(void)
{
	const char *store;

	if (!(base = testutil_rootcase("production cases")))
		return;
	store = testutil_join(base, "trust.txt");
	put_store(store, "", 0666);
	refused(store, store);
	CU_ASSERT_FATAL(chmod(store, 0664) == 0);   /* group-writable only */
	refused(store, store);
	CU_ASSERT_FATAL(chmod(store, 0646) == 0);   /* other-writable only */
	refused(store, store);
}

/* A store in a 0777 folder, a group-writable folder or a sticky 1777 one is refused. */
static void t_folder_writable(void)
{
	const char *dir, *store;
	char tmp[PATH_MAX];

	if (!(base = testutil_rootcase("production cases")))
		return;
	dir = testutil_join(base, "open");
	CU_ASSERT_FATAL(mkdir(dir, 0755) == 0 && chmod(dir, 0777) == 0);
	store = testutil_join(dir, "trust.txt");
	put_store(store, "", 0644);
	refused(store, dir);
	CU_ASSERT_FATAL(chmod(dir, 0775) == 0);
	refused(store, dir);
	/* the sticky bit does not excuse it (the simple rule, as for the configuration) */
	CU_ASSERT_FATAL(chmod(dir, 01777) == 0);
	refused(store, dir);
	/* the folder above is checked too */
	CU_ASSERT_FATAL(chmod(dir, 0755) == 0 && chmod(base, 0757) == 0);
	refused(store, base);
	CU_ASSERT_FATAL(chmod(base, 0755) == 0);
	CU_ASSERT_EQUAL(load(store, CARD_VERIFY_TRUST_GUARDED, NULL, 0, NULL), 0);
	/* the unit tests' own folder is under /tmp (1777): refused at /tmp */
	store = testutil_path("tmp-trust.txt");
	put_store(store, "", 0644);
	CU_ASSERT_FATAL(realpath(testutil_tmpdir(), tmp) != NULL);
	*strchr(tmp + 1, '/') = '\0';   /* "/tmp" */
	refused(store, tmp);
	/* a guarded-looking link to a store in /tmp: the resolved path counts */
	CU_ASSERT_FATAL(symlink(store, testutil_join(base, "link.txt")) == 0);
	refused(testutil_join(base, "link.txt"), tmp);
}

/* A store naming a group-writable x509 file, or one in a writable folder, is refused. */
static void t_x509_writable(void)
{
	char where[PATH_MAX];
	const char *store, *sub;
	int line = 0;

	if (!(base = testutil_rootcase("production cases")))
		return;
	store = testutil_join(base, "trust.txt");
	put_cert(testutil_join(base, "ca.pem"), 0664);
	put_store(store, "\nx509 ca.pem\n", 0644);
	CU_ASSERT_EQUAL(load(store, CARD_VERIFY_TRUST_GUARDED, where, sizeof where, &line),
	                MG_ECARD_TRUST_PERM);
	CU_ASSERT_STRING_EQUAL(where, testutil_join(base, "ca.pem"));
	CU_ASSERT_EQUAL(line, 4);   /* the x509 line */
	CU_ASSERT_EQUAL(load(store, 0, where, sizeof where, NULL), 0);
	/* fixed: loads */
	CU_ASSERT_FATAL(chmod(testutil_join(base, "ca.pem"), 0644) == 0);
	CU_ASSERT_EQUAL(load(store, CARD_VERIFY_TRUST_GUARDED, where, sizeof where, NULL), 0);
	/* a certificate in a world-writable subfolder (relative name) */
	sub = testutil_join(base, "certs");
	CU_ASSERT_FATAL(mkdir(sub, 0755) == 0 && chmod(sub, 0777) == 0);
	put_cert(testutil_join(sub, "ca.pem"), 0644);
	put_store(store, "x509 certs/ca.pem\n", 0644);
	refused(store, sub);
	/* an absolute x509 name into /tmp */
	put_cert(testutil_path("ca.pem"), 0644);
	{
		char line_text[PATH_MAX + 8], tmp[PATH_MAX];

		snprintf(line_text, sizeof line_text, "x509 %s\n", testutil_path("ca.pem"));
		put_store(store, line_text, 0644);
		CU_ASSERT_FATAL(realpath(testutil_tmpdir(), tmp) != NULL);
		*strchr(tmp + 1, '/') = '\0';
		refused(store, tmp);
	}
}

/* A store, certificate or folder not owned by root is refused (chown to 65534). */
static void t_not_root_owned(void)
{
	const char *store, *ca;

	if (!(base = testutil_rootcase("production cases")))
		return;
	store = testutil_join(base, "trust.txt");
	ca = testutil_join(base, "ca.pem");
	put_cert(ca, 0644);
	put_store(store, "x509 ca.pem\n", 0644);
	CU_ASSERT_EQUAL_FATAL(load(store, CARD_VERIFY_TRUST_GUARDED, NULL, 0, NULL), 0);
	CU_ASSERT_FATAL(chown(store, NOBODY, NOBODY) == 0);
	refused(store, store);
	CU_ASSERT_FATAL(chown(store, 0, 0) == 0 && chown(ca, NOBODY, 0) == 0);
	refused(store, ca);
	CU_ASSERT_FATAL(chown(ca, 0, 0) == 0 && chown(base, NOBODY, 0) == 0);
	refused(store, base);
	CU_ASSERT_FATAL(chown(base, 0, 0) == 0);
	/* root's group but another owner is still refused; another group with root owner is fine */
	CU_ASSERT_FATAL(chown(store, 0, NOBODY) == 0);
	CU_ASSERT_EQUAL(load(store, CARD_VERIFY_TRUST_GUARDED, NULL, 0, NULL), 0);
}

/* Not a regular file: refused in production (a folder named as the store). */
static void t_not_regular(void)
{
	char where[PATH_MAX];

	if (!(base = testutil_rootcase("production cases")))
		return;
	CU_ASSERT_FATAL(mkdir(testutil_join(base, "dir.txt"), 0755) == 0);
	CU_ASSERT_EQUAL(load(testutil_join(base, "dir.txt"), CARD_VERIFY_TRUST_GUARDED, where, sizeof where,
	                     NULL), MG_ECARD_TRUST_PERM);
	CU_ASSERT_STRING_EQUAL(where, testutil_join(base, "dir.txt"));
	CU_ASSERT_EQUAL(load(testutil_join(base, "dir.txt"), 0, NULL, 0, NULL), MG_EIO);   /* as before */
	/* a missing store is still MG_EIO in both modes */
	CU_ASSERT_EQUAL(load(testutil_join(base, "none.txt"), CARD_VERIFY_TRUST_GUARDED, NULL, 0, NULL), MG_EIO);
	CU_ASSERT_EQUAL(load(testutil_join(base, "none.txt"), 0, NULL, 0, NULL), MG_EIO);
}

/* Test mode (no flag) reads everything the production guard refuses. */
static void t_test_mode_unchanged(void)
{
	const char *store = testutil_path("plain-trust.txt");

	put_cert(testutil_path("plain-ca.pem"), 0666);
	put_store(store, "x509 plain-ca.pem\n", 0666);
	CU_ASSERT_EQUAL(load(store, 0, NULL, 0, NULL), 0);
	CU_ASSERT_EQUAL(load(store, CARD_VERIFY_ALLOW_DEMO, NULL, 0, NULL), 0);
	if (geteuid() == 0) {
		CU_ASSERT_FATAL(chown(store, NOBODY, NOBODY) == 0);
		CU_ASSERT_EQUAL(load(store, 0, NULL, 0, NULL), 0);
	}
	CU_ASSERT_EQUAL(load(store, CARD_VERIFY_TRUST_GUARDED, NULL, 0, NULL), MG_ECARD_TRUST_PERM);
}

static int suite_init(void)
{
	key = EVP_RSA_gen(2048);   /* anchors under 2048 bits are refused */
	return key ? 0 : 1;
}

static int suite_fini(void)
{
	EVP_PKEY_free(key);
	key = NULL;
	return 0;
}

TESTUTIL_REGISTER(card_verify)
{
	static const struct testutil_case list[] = {
		{ "guarded store loads", t_guarded_ok },
		{ "writable store refused", t_store_writable },
		{ "writable folder refused", t_folder_writable },
		{ "writable x509 refused", t_x509_writable },
		{ "not root-owned refused", t_not_root_owned },
		{ "not a regular file", t_not_regular },
		{ "test mode unchanged", t_test_mode_unchanged },
		{ NULL, NULL }
	};

	testutil_suite("card_verify", suite_init, suite_fini, list);
}
