/*
 * auth.h — operator passwords and accounts (issue 5).
 *
 * Passwords are hashed with scrypt through OpenSSL 3's EVP_KDF "SCRYPT",
 * a fresh 16-byte salt per hash, and the parameters stored with the hash:
 *   "$scrypt$ln=15,r=8,p=1$<salt base64>$<32-byte key base64>"
 * Verification recomputes with the stored parameters and compares in
 * constant time. Consecutive failures are counted in the DB and lock the
 * account at the configured threshold until an admin unlocks it.
 * Callers own password buffers and wipe them after the call; nothing here
 * keeps a copy (internal copies are cleansed).
 */
#ifndef AUTH_H
#define AUTH_H

#include <stddef.h>

#include "app/session.h"

struct app_ctx;

#define AUTH_HASH_MAX 160          /* bytes incl. NUL of a stored hash string */
#define AUTH_LOG2N_MIN 10          /* accepted parameter bounds (stored or new) */
#define AUTH_LOG2N_MAX 20
#define AUTH_R_MAX 32
#define AUTH_P_MAX 16

/* scrypt cost parameters. */
struct auth_params {
	int log2_n;   /* N = 2^log2_n */
	int r;        /* block size */
	int p;        /* parallelism */
};

/* The account data session.c needs after a successful check. */
struct auth_operator {
	char id[33];               /* operator id */
	char name[97];             /* display name */
	enum session_role role;    /* role */
};

/*
 * auth_hash — hash password with p (NULL: from ctx-less defaults, 15/8/1)
 * and a fresh random salt. OUT: out (cap >= AUTH_HASH_MAX). Returns 0,
 * MG_EINVAL (bad parameters), MG_ECRYPTO. Blocks on the computation.
 */
int auth_hash(const char *password, const struct auth_params *p, char *out, size_t cap);

/*
 * auth_verify — 0 when password matches stored (a string from auth_hash),
 * MG_EAUTH when it does not, MG_EINVAL when stored is malformed or its
 * parameters are outside the accepted bounds, MG_ECRYPTO. Constant-time
 * comparison of the derived keys. Blocks on the computation.
 */
int auth_verify(const char *password, const char *stored);

/*
 * auth_password_acceptable — 0 when password has at least min_len
 * characters (UTF-8 code points) and is valid UTF-8 without control
 * characters, else MG_EWEAKPW (too short) or MG_EINVAL.
 */
int auth_password_acceptable(const char *password, int min_len);

/*
 * auth_id_valid — 1 when id is a valid operator id: 1–32 bytes of
 * [A-Za-z0-9._-], starting with a letter or digit; else 0.
 */
int auth_id_valid(const char *id);

/* auth_name_valid — 1 for an operator's display name: 1–96 bytes of valid
 * UTF-8 without control characters; else 0. */
int auth_name_valid(const char *name);

/*
 * auth_check — verify id + password against ctx->db with lockout: a locked
 * account fails with MG_ELOCKED without checking the password; a wrong
 * password increments the persisted failure count and locks the account when
 * it reaches the threshold (ctx->cfg lockout_threshold, default 5; the
 * locking attempt returns MG_ELOCKED); a right one resets it. Logs nothing
 * (session.c logs). OUT: *op on success (may be NULL); *tries_left (may be
 * NULL): attempts left before lock after this one (threshold for an unknown
 * id, 0 when locked). OUT: *just_locked (may be NULL) = 1 when this call
 * locked the account. Returns 0, MG_EAUTH (unknown id or wrong password),
 * MG_ELOCKED, MG_EINVAL, MG_ECRYPTO or a db code.
 */
int auth_check(struct app_ctx *ctx, const char *id, const char *password,
               struct auth_operator *op, int *tries_left, int *just_locked);

/*
 * auth_operator_add — create an operator (perm PERM_OPERATOR_ADMIN), the
 * password checked by auth_password_acceptable and hashed with the
 * configured parameters; logs AUDIT_OPERATOR "add role=<role>" with target =
 * id. Returns 0, MG_EPERM, MG_EINVAL (bad id/name), MG_EWEAKPW, MG_EEXISTS,
 * MG_ECRYPTO or a db code.
 */
int auth_operator_add(struct app_ctx *ctx, const char *id, const char *name,
                      enum session_role role, const char *password);

/*
 * auth_operator_passwd — set a new password. Allowed to PERM_OPERATOR_ADMIN,
 * or to the operator of ctx->sess for their own id. Resets the failure count
 * (not a lock). Logs AUDIT_OPERATOR "passwd". Returns 0, MG_EPERM,
 * MG_ENOTFOUND, MG_EWEAKPW, MG_ECRYPTO or a db code.
 */
int auth_operator_passwd(struct app_ctx *ctx, const char *id, const char *password);

/*
 * auth_operator_set_locked — lock (locked = 1) or unlock (0, also resets the
 * failure count) an account (perm PERM_OPERATOR_ADMIN); logs AUDIT_OPERATOR
 * "lock"/"unlock". Returns 0, MG_EPERM, MG_ENOTFOUND or a db code.
 */
int auth_operator_set_locked(struct app_ctx *ctx, const char *id, int locked);

/*
 * auth_operator_set_role / auth_operator_set_name — change an account's role
 * or display name (perm PERM_OPERATOR_ADMIN); logged as AUDIT_OPERATOR.
 * Returns 0, MG_EPERM, MG_EINVAL, MG_ENOTFOUND or a db code.
 */
int auth_operator_set_role(struct app_ctx *ctx, const char *id, enum session_role role);
int auth_operator_set_name(struct app_ctx *ctx, const char *id, const char *name);

/* auth_params_from_ctx — the parameters for new hashes (ctx->cfg, or 15/8/1). */
void auth_params_from_ctx(const struct app_ctx *ctx, struct auth_params *p);

#endif
