/* test_auth.c — scrypt hashes, password rules, lockout with persistence, operator changes. */
#include "tests/unit/testutil.h"
#include "app/app_ctx.h"
#include "app/auth.h"
#include "app/config.h"
#include "app/session.h"
#include "db/db.h"
#include "db/db_audit.h"
#include "db/db_operator.h"
#include "i18n/mg_rc.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const struct auth_params fast = { 10, 8, 1 };
static struct config cfg;

/* A context on a fresh file with fast scrypt and the system actor. */
static int open_ctx(struct app_ctx *ctx, const char *name, int fresh_file)
{
	struct db *db = NULL;

	config_defaults(&cfg);
	cfg.scrypt_log2_n = 10;
	cfg.lockout_threshold = 5;
	if (fresh_file)
		unlink(testutil_path(name));
	memset(ctx, 0, sizeof *ctx);
	if (db_open(testutil_path(name), DB_OPEN_CREATE, &db) != 0)
		return -1;
	ctx->db = db;
	ctx->cfg = &cfg;
	ctx->terminal = "T01";
	return 0;
}

/* Replace the ln/r/p part of a stored hash. */
static void with_params(const char *stored, const char *params, char *out, size_t cap)
{
	const char *d1 = strchr(stored + 8, '$');

	snprintf(out, cap, "$scrypt$%s%s", params, d1);
}

static void t_hash_and_verify(void)
{
	char h1[AUTH_HASH_MAX], h2[AUTH_HASH_MAX];

	CU_ASSERT_EQUAL_FATAL(auth_hash("correct horse", &fast, h1, sizeof h1), 0);
	CU_ASSERT_EQUAL(strncmp(h1, "$scrypt$ln=10,r=8,p=1$", 22), 0);
	CU_ASSERT_PTR_NULL(strstr(h1, "correct"));
	CU_ASSERT_EQUAL(auth_verify("correct horse", h1), 0);
	CU_ASSERT_EQUAL(auth_verify("correct hors", h1), MG_EAUTH);
	CU_ASSERT_EQUAL(auth_verify("correct horse ", h1), MG_EAUTH);
	CU_ASSERT_EQUAL(auth_verify("Correct horse", h1), MG_EAUTH);
	/* a fresh salt every time */
	CU_ASSERT_EQUAL_FATAL(auth_hash("correct horse", &fast, h2, sizeof h2), 0);
	CU_ASSERT_STRING_NOT_EQUAL(h1, h2);
	CU_ASSERT_EQUAL(auth_verify("correct horse", h2), 0);
	/* UTF-8 passwords */
	CU_ASSERT_EQUAL_FATAL(auth_hash("まどぐち窓口パスワード", &fast, h1, sizeof h1), 0);
	CU_ASSERT_EQUAL(auth_verify("まどぐち窓口パスワード", h1), 0);
	CU_ASSERT_EQUAL(auth_verify("まどぐち窓口パスワー", h1), MG_EAUTH);
}

/* The stored key is scrypt(password, salt, N, r, p) as a second OpenSSL API computes it. */
static void t_stored_key_is_scrypt(void)
{
	struct auth_params p16 = { 11, 4, 2 };
	unsigned char salt[24], key[32];
	char h[AUTH_HASH_MAX], b64[64];
	const char *s1, *s2;
	int n;

	CU_ASSERT_EQUAL_FATAL(auth_hash("password", &p16, h, sizeof h), 0);
	CU_ASSERT_EQUAL(strncmp(h, "$scrypt$ln=11,r=4,p=2$", 22), 0);
	s1 = h + 22;
	s2 = strchr(s1, '$');
	CU_ASSERT_PTR_NOT_NULL_FATAL(s2);
	CU_ASSERT_EQUAL_FATAL(s2 - s1, 24);                    /* 16 bytes in base64 */
	n = EVP_DecodeBlock(salt, (const unsigned char *)s1, 24);
	CU_ASSERT_EQUAL_FATAL(n, 18);                           /* 16 + 2 padding */
	CU_ASSERT_EQUAL_FATAL(EVP_PBE_scrypt("password", 8, salt, 16, 1u << 11, 4, 2,
	                                     64u << 20, key, sizeof key), 1);
	EVP_EncodeBlock((unsigned char *)b64, key, sizeof key);
	CU_ASSERT_STRING_EQUAL(s2 + 1, b64);
	CU_ASSERT_EQUAL(auth_verify("password", h), 0);
}

static void t_altered_parameters_fail(void)
{
	char h[AUTH_HASH_MAX], alt[AUTH_HASH_MAX + 16];
	char *salt, *key;

	CU_ASSERT_EQUAL_FATAL(auth_hash("correct horse", &fast, h, sizeof h), 0);
	with_params(h, "ln=11,r=8,p=1", alt, sizeof alt);
	CU_ASSERT_EQUAL(auth_verify("correct horse", alt), MG_EAUTH);
	with_params(h, "ln=10,r=4,p=1", alt, sizeof alt);
	CU_ASSERT_EQUAL(auth_verify("correct horse", alt), MG_EAUTH);
	with_params(h, "ln=10,r=8,p=2", alt, sizeof alt);
	CU_ASSERT_EQUAL(auth_verify("correct horse", alt), MG_EAUTH);
	/* weaker than accepted, or too costly: refused without computing */
	with_params(h, "ln=4,r=8,p=1", alt, sizeof alt);
	CU_ASSERT_EQUAL(auth_verify("correct horse", alt), MG_EINVAL);
	with_params(h, "ln=30,r=8,p=1", alt, sizeof alt);
	CU_ASSERT_EQUAL(auth_verify("correct horse", alt), MG_EINVAL);
	with_params(h, "ln=20,r=32,p=16", alt, sizeof alt);
	CU_ASSERT_EQUAL(auth_verify("correct horse", alt), MG_EINVAL);
	with_params(h, "ln=+10,r=8,p=1", alt, sizeof alt);
	CU_ASSERT_EQUAL(auth_verify("correct horse", alt), MG_EINVAL);
	with_params(h, "ln=10,r=8", alt, sizeof alt);
	CU_ASSERT_EQUAL(auth_verify("correct horse", alt), MG_EINVAL);
	/* the salt and the key themselves */
	snprintf(alt, sizeof alt, "%s", h);
	salt = strchr(alt + 8, '$') + 1;
	salt[0] = salt[0] == 'A' ? 'B' : 'A';
	CU_ASSERT_EQUAL(auth_verify("correct horse", alt), MG_EAUTH);
	snprintf(alt, sizeof alt, "%s", h);
	key = strrchr(alt, '$') + 1;
	key[3] = key[3] == 'A' ? 'B' : 'A';
	CU_ASSERT_EQUAL(auth_verify("correct horse", alt), MG_EAUTH);
	/* malformed strings */
	CU_ASSERT_EQUAL(auth_verify("x", "correct horse"), MG_EINVAL);
	CU_ASSERT_EQUAL(auth_verify("x", "$scrypt$ln=10,r=8,p=1$AAAA"), MG_EINVAL);
	CU_ASSERT_EQUAL(auth_verify("x", "$scrypt$ln=10,r=8,p=1$AAAA$BBBB"), MG_EINVAL);
	snprintf(alt, sizeof alt, "%s$", h);
	CU_ASSERT_EQUAL(auth_verify("correct horse", alt), MG_EINVAL);
	CU_ASSERT_EQUAL(auth_verify(NULL, h), MG_EINVAL);
	/* bad parameters for a new hash */
	{
		struct auth_params bad = { 9, 8, 1 };

		CU_ASSERT_EQUAL(auth_hash("x", &bad, alt, sizeof alt), MG_EINVAL);
		CU_ASSERT_EQUAL(auth_hash("x", &fast, alt, 20), MG_EINVAL);
	}
}

static void t_password_rules_and_ids(void)
{
	CU_ASSERT_EQUAL(auth_password_acceptable("0123456789", 10), 0);
	CU_ASSERT_EQUAL(auth_password_acceptable("012345678", 10), MG_EWEAKPW);
	/* characters, not bytes: 10 kanji are 10 characters */
	CU_ASSERT_EQUAL(auth_password_acceptable("窓口窓口窓口窓口窓口", 10), 0);
	CU_ASSERT_EQUAL(auth_password_acceptable("窓口窓口窓口窓口窓", 10), MG_EWEAKPW);
	CU_ASSERT_EQUAL(auth_password_acceptable("01234\n56789", 5), MG_EINVAL);
	CU_ASSERT_EQUAL(auth_password_acceptable("0123\xff" "456789", 5), MG_EINVAL);
	CU_ASSERT_EQUAL(auth_password_acceptable("\xc0\xaf" "23456789ab", 5), MG_EINVAL);
	CU_ASSERT_EQUAL(auth_password_acceptable(NULL, 1), MG_EINVAL);
	CU_ASSERT(auth_id_valid("C001"));
	CU_ASSERT(auth_id_valid("yamada.taro_2-x"));
	CU_ASSERT(auth_id_valid("12345678901234567890123456789012"));
	CU_ASSERT_FALSE(auth_id_valid("123456789012345678901234567890123"));
	CU_ASSERT_FALSE(auth_id_valid(""));
	CU_ASSERT_FALSE(auth_id_valid("-C001"));
	CU_ASSERT_FALSE(auth_id_valid("C 001"));
	CU_ASSERT_FALSE(auth_id_valid("職員"));
	CU_ASSERT_FALSE(auth_id_valid(NULL));
}

/* Count the audit rows with a given action. */
static int rows_with(struct app_ctx *ctx, const char *action)
{
	sqlite3_stmt *st = db_stmt(ctx->db, "SELECT count(*) FROM audit WHERE action = ?1");
	int n = -1;

	db_bind_text(st, 1, action);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return n;
}

static void t_lockout_after_threshold_persists(void)
{
	const char *name = "lock.db";
	struct app_ctx ctx;
	struct auth_operator op;
	int tries = -1, locked = -1;

	CU_ASSERT_EQUAL_FATAL(open_ctx(&ctx, name, 1), 0);
	CU_ASSERT_EQUAL_FATAL(auth_operator_add(&ctx, "C001", "窓口 一郎", SESSION_ROLE_CLERK,
	                                        "correct horse"), 0);
	CU_ASSERT_EQUAL(auth_check(&ctx, "C001", "correct horse", &op, &tries, &locked), 0);
	CU_ASSERT_STRING_EQUAL(op.id, "C001");
	CU_ASSERT_STRING_EQUAL(op.name, "窓口 一郎");
	CU_ASSERT_EQUAL(op.role, SESSION_ROLE_CLERK);
	CU_ASSERT_EQUAL(tries, 5);
	for (int i = 1; i <= 2; i++) {
		CU_ASSERT_EQUAL(auth_check(&ctx, "C001", "wrong", NULL, &tries, &locked), MG_EAUTH);
		CU_ASSERT_EQUAL(tries, 5 - i);
		CU_ASSERT_EQUAL(locked, 0);
	}
	/* restart: the two failures are remembered */
	db_close(ctx.db);
	CU_ASSERT_EQUAL_FATAL(open_ctx(&ctx, name, 0), 0);
	CU_ASSERT_EQUAL(auth_check(&ctx, "C001", "wrong", NULL, &tries, &locked), MG_EAUTH);
	CU_ASSERT_EQUAL(tries, 2);
	CU_ASSERT_EQUAL(auth_check(&ctx, "C001", "wrong", NULL, &tries, &locked), MG_EAUTH);
	CU_ASSERT_EQUAL(tries, 1);
	CU_ASSERT_EQUAL(auth_check(&ctx, "C001", "wrong", NULL, &tries, &locked), MG_ELOCKED);
	CU_ASSERT_EQUAL(tries, 0);
	CU_ASSERT_EQUAL(locked, 1);
	/* locked: even the right password fails, and the lock survives a restart */
	CU_ASSERT_EQUAL(auth_check(&ctx, "C001", "correct horse", NULL, &tries, &locked), MG_ELOCKED);
	CU_ASSERT_EQUAL(locked, 0);
	db_close(ctx.db);
	CU_ASSERT_EQUAL_FATAL(open_ctx(&ctx, name, 0), 0);
	CU_ASSERT_EQUAL(auth_check(&ctx, "C001", "correct horse", NULL, &tries, &locked), MG_ELOCKED);
	/* an admin unlocks; the count starts again */
	CU_ASSERT_EQUAL(auth_operator_set_locked(&ctx, "C001", 0), 0);
	CU_ASSERT_EQUAL(auth_check(&ctx, "C001", "wrong", NULL, &tries, &locked), MG_EAUTH);
	CU_ASSERT_EQUAL(tries, 4);
	CU_ASSERT_EQUAL(auth_check(&ctx, "C001", "correct horse", NULL, &tries, &locked), 0);
	CU_ASSERT_EQUAL(rows_with(&ctx, "operator"), 2);     /* add, unlock */
	db_close(ctx.db);
}

static void t_success_resets_the_count(void)
{
	struct app_ctx ctx;
	int tries = 0;

	CU_ASSERT_EQUAL_FATAL(open_ctx(&ctx, "reset.db", 1), 0);
	CU_ASSERT_EQUAL_FATAL(auth_operator_add(&ctx, "C001", "窓口", SESSION_ROLE_CLERK,
	                                        "correct horse"), 0);
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 4; i++)
			CU_ASSERT_EQUAL(auth_check(&ctx, "C001", "wrong", NULL, &tries, NULL), MG_EAUTH);
		CU_ASSERT_EQUAL(tries, 1);
		CU_ASSERT_EQUAL(auth_check(&ctx, "C001", "correct horse", NULL, &tries, NULL), 0);
	}
	db_close(ctx.db);
}

static void t_unknown_ids_look_like_wrong_passwords(void)
{
	struct app_ctx ctx;
	int tries = -1;

	CU_ASSERT_EQUAL_FATAL(open_ctx(&ctx, "unknown.db", 1), 0);
	CU_ASSERT_EQUAL(auth_check(&ctx, "nobody", "whatever", NULL, &tries, NULL), MG_EAUTH);
	CU_ASSERT_EQUAL(tries, 5);
	CU_ASSERT_EQUAL(auth_check(&ctx, "bad id!", "whatever", NULL, &tries, NULL), MG_EAUTH);
	CU_ASSERT_EQUAL(auth_check(&ctx, "x", NULL, NULL, &tries, NULL), MG_EINVAL);
	db_close(ctx.db);
}

static void t_malformed_stored_hash_never_matches(void)
{
	struct app_ctx ctx;

	CU_ASSERT_EQUAL_FATAL(open_ctx(&ctx, "badhash.db", 1), 0);
	CU_ASSERT_EQUAL_FATAL(auth_operator_add(&ctx, "C001", "窓口", SESSION_ROLE_CLERK,
	                                        "correct horse"), 0);
	CU_ASSERT_EQUAL(db_operator_set_hash(ctx.db, "C001", "$scrypt$garbage", 1), 0);
	CU_ASSERT_EQUAL(auth_check(&ctx, "C001", "correct horse", NULL, NULL, NULL), MG_EAUTH);
	CU_ASSERT_EQUAL(auth_check(&ctx, "C001", "", NULL, NULL, NULL), MG_EAUTH);
	db_close(ctx.db);
}

static void t_operator_changes_need_permission(void)
{
	struct app_ctx ctx;
	struct session s;
	struct db_operator_row r;

	CU_ASSERT_EQUAL_FATAL(open_ctx(&ctx, "perm.db", 1), 0);
	CU_ASSERT_EQUAL(auth_operator_add(&ctx, "C001", "窓口", SESSION_ROLE_CLERK, "short"),
	                MG_EWEAKPW);
	CU_ASSERT_EQUAL(auth_operator_add(&ctx, "C 1", "窓口", SESSION_ROLE_CLERK, "long enough pw"),
	                MG_EINVAL);
	CU_ASSERT_EQUAL(auth_operator_add(&ctx, "C001", "", SESSION_ROLE_CLERK, "long enough pw"),
	                MG_EINVAL);
	CU_ASSERT_EQUAL(auth_operator_add(&ctx, "C001", "a\x1b]52;b", SESSION_ROLE_CLERK,
	                                  "long enough pw"), MG_EINVAL);
	CU_ASSERT_EQUAL(auth_operator_add(&ctx, "C001", "窓口", SESSION_ROLE_CLERK,
	                                  "long enough pw"), 0);
	CU_ASSERT_EQUAL(auth_operator_add(&ctx, "C001", "窓口", SESSION_ROLE_CLERK,
	                                  "long enough pw"), MG_EEXISTS);
	CU_ASSERT_EQUAL(auth_operator_add(&ctx, "C002", "窓口2", SESSION_ROLE_CLERK,
	                                  "long enough pw"), 0);
	/* a clerk may change only their own password */
	memset(&s, 0, sizeof s);
	snprintf(s.operator_id, sizeof s.operator_id, "C001");
	s.role = SESSION_ROLE_CLERK;
	ctx.sess = &s;
	CU_ASSERT_EQUAL(auth_operator_add(&ctx, "C003", "x", SESSION_ROLE_CLERK, "long enough pw"),
	                MG_EPERM);
	CU_ASSERT_EQUAL(auth_operator_set_locked(&ctx, "C002", 1), MG_EPERM);
	CU_ASSERT_EQUAL(auth_operator_passwd(&ctx, "C002", "another long pw"), MG_EPERM);
	CU_ASSERT_EQUAL(auth_operator_passwd(&ctx, "C001", "another long pw"), 0);
	CU_ASSERT_EQUAL(auth_check(&ctx, "C001", "another long pw", NULL, NULL, NULL), 0);
	CU_ASSERT_EQUAL(auth_operator_set_role(&ctx, "C001", SESSION_ROLE_ADMIN), MG_EPERM);
	/* an admin may */
	s.role = SESSION_ROLE_ADMIN;
	CU_ASSERT_EQUAL(auth_operator_set_role(&ctx, "C002", SESSION_ROLE_SUPERVISOR), 0);
	CU_ASSERT_EQUAL(auth_operator_set_name(&ctx, "C002", "監督"), 0);
	CU_ASSERT_EQUAL(auth_operator_set_locked(&ctx, "C002", 1), 0);
	CU_ASSERT_EQUAL(auth_operator_set_locked(&ctx, "nobody", 1), MG_ENOTFOUND);
	CU_ASSERT_EQUAL(auth_operator_passwd(&ctx, "nobody", "another long pw"), MG_ENOTFOUND);
	CU_ASSERT_EQUAL(db_operator_get(ctx.db, "C002", &r), 0);
	CU_ASSERT_STRING_EQUAL(r.role, "supervisor");
	CU_ASSERT_EQUAL(r.locked, 1);
	/* a supervisor may not */
	s.role = SESSION_ROLE_SUPERVISOR;
	CU_ASSERT_EQUAL(auth_operator_set_locked(&ctx, "C002", 0), MG_EPERM);
	/* every change was logged, and no row holds a password */
	CU_ASSERT_EQUAL(rows_with(&ctx, "operator"), 6);
	{
		sqlite3_stmt *st = db_stmt(ctx.db, "SELECT count(*) FROM audit WHERE"
		        " coalesce(detail, '') LIKE '%pw%' OR coalesce(target, '') LIKE '%pw%'"
		        " OR coalesce(detail, '') LIKE '%scrypt%'");

		CU_ASSERT_EQUAL_FATAL(sqlite3_step(st), SQLITE_ROW);
		CU_ASSERT_EQUAL(sqlite3_column_int(st, 0), 0);
		sqlite3_reset(st);
	}
	{
		struct db_audit_verdict v;

		CU_ASSERT_EQUAL(db_audit_verify(ctx.db, &v), 0);
	}
	ctx.sess = NULL;
	db_close(ctx.db);
}

TESTUTIL_REGISTER(auth)
{
	static const struct testutil_case cases[] = {
		{ "hash and verify", t_hash_and_verify },
		{ "stored key is scrypt(N, r, p)", t_stored_key_is_scrypt },
		{ "altered parameters, salt or key fail", t_altered_parameters_fail },
		{ "password rules and ids", t_password_rules_and_ids },
		{ "lockout after the threshold persists", t_lockout_after_threshold_persists },
		{ "success resets the count", t_success_resets_the_count },
		{ "unknown ids look like wrong passwords", t_unknown_ids_look_like_wrong_passwords },
		{ "malformed stored hash never matches", t_malformed_stored_hash_never_matches },
		{ "operator changes need permission", t_operator_changes_need_permission },
		{ NULL, NULL }
	};
	testutil_suite("auth", NULL, NULL, cases);
}
