/* view_registry.c — read-only registry views for the screens (see view_registry.h). */
#include "app/view_registry.h"
#include "i18n/i18n_msg.h"

#include "app/audit.h"
#include "app/perm.h"
#include "app/session.h"
#include "db/db_cert.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The caller's callback, and the 宛名番号s it was shown (for the log row). */
struct vr_shown {
	db_resident_fn fn;
	void *arg;
	char ids[512];
	int overflow;
};

/* Forward a member to the caller and note its 宛名番号. */
static int vr_show(void *arg, const struct db_resident *r)
{
	struct vr_shown *s = arg;

	if (audit_ids_add(s->ids, sizeof s->ids, r->atena_no) != 0)
		s->overflow = 1;
	return s->fn(s->arg, r);
}

int view_registry_household(struct app_ctx *ctx, const char *setai_no, db_resident_fn fn,
                            void *arg)
{
	struct vr_shown s;
	char detail[64];
	int rc = perm_check(ctx, PERM_VIEW);

	if (rc)
		return rc;
	if (!setai_no || !fn)
		return MG_EINVAL;
	memset(&s, 0, sizeof s);
	s.fn = fn;
	s.arg = arg;
	rc = db_resident_household(ctx->db, setai_no, vr_show, &s);
	if (rc || !s.ids[0])
		return rc;
	/* The members' 氏名 and 生年月日 are on the screen now: a view of each. */
	snprintf(detail, sizeof detail, "household=%s%s", setai_no, s.overflow ? " more" : "");
	return audit_log(ctx, AUDIT_VIEW, s.ids, detail);
}

int view_registry_towns(struct app_ctx *ctx,
                        int (*fn)(void *arg, const struct db_machiaza *m), void *arg)
{
	if (perm_check(ctx, PERM_SEARCH) != 0 && perm_check(ctx, PERM_WORKFLOW) != 0)
		return MG_EPERM;
	if (!fn)
		return MG_EINVAL;
	return db_registry_machiaza_list(ctx->db, fn, arg);
}

/* The persons of a certificate, collected before their rows are read. */
struct vr_pairs {
	char atena[32][DB_ID_CAP];   /* 宛名番号 */
	int rireki[32];              /* 履歴番号 certified */
	int n;
};

/* Keep one (atena, rireki) pair of the certificate. */
static int vr_pair(void *arg, const char *atena, int rireki)
{
	struct vr_pairs *p = arg;

	if (p->n >= 32)
		return MG_ETOOMANY;
	snprintf(p->atena[p->n], DB_ID_CAP, "%s", atena);
	p->rireki[p->n++] = rireki;
	return 0;
}

int view_registry_cert(struct app_ctx *ctx, long long serial, struct view_registry_cert *out,
                       db_resident_fn fn, void *arg)
{
	struct vr_pairs *pairs = NULL;
	struct db_resident *row = NULL;
	struct db_cert c;
	int rc = perm_check(ctx, PERM_WORKFLOW);

	if (rc)
		return rc;
	if (!out || !fn)
		return MG_EINVAL;
	memset(out, 0, sizeof *out);
	pairs = calloc(1, sizeof *pairs);
	row = malloc(sizeof *row);
	if (!pairs || !row) {
		rc = MG_ENOMEM;
		goto out;
	}
	rc = db_cert_get(ctx->db, serial, &c, vr_pair, pairs);
	if (rc)
		goto out;
	out->serial = c.serial;
	snprintf(out->kind, sizeof out->kind, "%s", c.kind);
	snprintf(out->uketsuke_no, sizeof out->uketsuke_no, "%s", c.uketsuke_no);
	snprintf(out->issued_on, sizeof out->issued_on, "%s", c.issued_on);
	out->n = pairs->n;
	for (int i = 0; rc == 0 && i < pairs->n; i++) {
		rc = db_resident_get(ctx->db, pairs->atena[i], pairs->rireki[i], row);
		if (rc == 0)
			rc = fn(arg, row);
	}
out:
	if (row)
		explicit_bzero(row, sizeof *row);
	free(row);
	free(pairs);
	return rc;
}

int view_registry_reveal(struct app_ctx *ctx, const char *atena_no, const char *supervisor_id,
                         const char *password, const char *reason, char *approver,
                         size_t cap)
{
	char detail[160];
	int rc;

	if (!approver || cap == 0)
		return MG_EINVAL;
	approver[0] = '\0';
	if (!atena_no || !atena_no[0] || !reason || !reason[0] || strchr(reason, ' '))
		return MG_EINVAL;
	rc = perm_check(ctx, PERM_VIEW);
	if (rc == 0)
		rc = session_approve(ctx, supervisor_id, password, PERM_REVEAL_APPROVE, reason,
		                     approver, cap);
	if (rc == 0) {
		snprintf(detail, sizeof detail, "reason=%s approver=%s", reason, approver);
		rc = audit_log(ctx, AUDIT_REVEAL, atena_no, detail);
	}
	if (rc)
		approver[0] = '\0';
	return rc;
}

const char *view_registry_state_msgid(const char *state)
{
	if (strcmp(state, "yotei") == 0)
		return MSG("sa_state_yotei");
	if (strcmp(state, "jyohyo") == 0)
		return MSG("sa_state_jyohyo");
	return MSG("sa_state_current");
}

const char *view_registry_sex_msgid(const char *sex)
{
	if (strcmp(sex, "1") == 0)
		return MSG("sa_sex_1");
	if (strcmp(sex, "2") == 0)
		return MSG("sa_sex_2");
	return MSG("sa_sex_other");
}
