/* perm.c — the one table of who may do what (issue 5). */
#include "app/perm.h"
#include "app/app_ctx.h"
#include "app/session.h"
#include "i18n/mg_rc.h"

/* Actors: the four roles, then the system actor (batch CLI, ctx->sess == NULL). */
enum { PERM_ACTOR_SYSTEM = SESSION_ROLE_KIOSK + 1, PERM_ACTORS };

#define P(a) (1u << (a))

/*
 * Roles × actions. clerk: registry work and search; supervisor: the same
 * plus approvals and the monthly review; admin: operators and settings, no
 * registry work; kiosk: only its own flow (which reads the card); system:
 * batch jobs, delivery and the admin CLI (operator, audit, settings).
 */
static const unsigned perm_table[PERM_ACTORS] = {
	[SESSION_ROLE_CLERK] = P(PERM_SEARCH) | P(PERM_VIEW) | P(PERM_WORKFLOW) |
	                       P(PERM_CARD_READ) | P(PERM_DELIVER),
	[SESSION_ROLE_SUPERVISOR] = P(PERM_SEARCH) | P(PERM_VIEW) | P(PERM_WORKFLOW) |
	                            P(PERM_CARD_READ) | P(PERM_DELIVER) |
	                            P(PERM_REVEAL_APPROVE) | P(PERM_BULK_APPROVE) |
	                            P(PERM_AUDIT_REPORT),
	[SESSION_ROLE_ADMIN] = P(PERM_OPERATOR_ADMIN) | P(PERM_SETTINGS),
	[SESSION_ROLE_KIOSK] = P(PERM_KIOSK) | P(PERM_CARD_READ),
	[PERM_ACTOR_SYSTEM] = P(PERM_BATCH) | P(PERM_DELIVER) | P(PERM_OPERATOR_ADMIN) |
	                      P(PERM_SETTINGS) | P(PERM_AUDIT_REPORT),
};

_Static_assert(PERM_ACTION_COUNT_ <= 32, "perm_table holds one bit per action");

int perm_check(const struct app_ctx *ctx, enum perm_action a)
{
	unsigned actor;

	if (!ctx || (unsigned)a >= PERM_ACTION_COUNT_)
		return MG_EPERM;
	if (!ctx->sess)
		actor = PERM_ACTOR_SYSTEM;
	else if ((unsigned)ctx->sess->role <= SESSION_ROLE_KIOSK)
		actor = (unsigned)ctx->sess->role;
	else
		return MG_EPERM;
	return (perm_table[actor] & P(a)) ? 0 : MG_EPERM;
}
