/*
 * view_registry.h — thin read-only views of the registry for the counter
 * screens (screens never call db/ directly): a household's members, the 町字
 * master for the address picker, an issued 転出証明書 with the rows it
 * certifies, and the supervisor-approved 個人番号 reveal (approval + log).
 * Each call checks the operator's permission first (perm_check); nothing
 * here writes registry rows (the reveal writes only operation-log rows).
 */
#ifndef VIEW_REGISTRY_H
#define VIEW_REGISTRY_H

#include <stddef.h>

#include "app/app_ctx.h"
#include "db/db_registry.h"
#include "db/db_resident.h"

/*
 * view_registry_household — the current rows (state current or 転出予定) of
 * the members of 世帯 setai_no, calling fn for each (rows borrowed for the
 * call), then one AUDIT_VIEW row naming every member shown (target: their
 * 宛名番号s, comma separated). Needs PERM_VIEW. Returns 0, MG_EPERM, fn's
 * non-zero return, or a db/log code (then the caller shows nothing). Blocks
 * on the DB.
 */
int view_registry_household(struct app_ctx *ctx, const char *setai_no, db_resident_fn fn,
                            void *arg);

/*
 * view_registry_towns — the 町字 master in code order, calling fn for each
 * (borrowed for the call; a non-zero return stops). Needs PERM_SEARCH or
 * PERM_WORKFLOW. Returns the count, MG_EPERM or a db code. Blocks on the DB.
 */
int view_registry_towns(struct app_ctx *ctx,
                        int (*fn)(void *arg, const struct db_machiaza *m), void *arg);

/* What view_registry_cert reports about a certificate. */
struct view_registry_cert {
	long long serial;           /* 転出証明書 number */
	char kind[16];              /* "ordinary" or "junzuru" (転出証明書に準ずる証明書) */
	char uketsuke_no[24];       /* the 転出's 受付番号 */
	char issued_on[DB_DATE_CAP];/* ISO */
	int n;                      /* persons certified */
};

/*
 * view_registry_cert — an issued certificate and, for each person in
 * order, the immutable history row it certifies (fn gets it borrowed).
 * Needs PERM_WORKFLOW. OUT: *out. Returns 0, MG_ENOTFOUND, MG_EPERM, fn's
 * non-zero return, or a db code. Blocks on the DB.
 */
int view_registry_cert(struct app_ctx *ctx, long long serial, struct view_registry_cert *out,
                       db_resident_fn fn, void *arg);

/*
 * view_registry_reveal — a supervisor approves showing the 個人番号 of
 * atena_no to the acting clerk: session_approve(PERM_REVEAL_APPROVE, reason)
 * (password checked, failures counted, AUDIT_APPROVE logged), then one
 * AUDIT_REVEAL row (target 宛名番号, detail "reason=<reason>
 * approver=<id>"). reason: a short ASCII code chosen from a list (no
 * spaces, no personal data). The password is borrowed; the caller wipes it.
 * OUT: approver (cap bytes incl. NUL; "" on error). Returns 0, MG_EAUTH,
 * MG_ELOCKED, MG_EPERM (not a supervisor, or the clerk's own id), MG_EINVAL
 * or a db code. Blocks on the scrypt check and the DB.
 */
int view_registry_reveal(struct app_ctx *ctx, const char *atena_no, const char *supervisor_id,
                         const char *password, const char *reason, char *approver,
                         size_t cap);

/* view_registry_state_msgid — the catalog key of a state (現存 / 転出予定 / 除票). */
const char *view_registry_state_msgid(const char *state);

/* view_registry_sex_msgid — the catalog key of a sex code (1 男, 2 女, else その他). */
const char *view_registry_sex_msgid(const char *sex);

#endif
