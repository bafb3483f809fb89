/* resend.c — rebuilding a 転入通知 the former municipality could not take. */
#include "app/resend.h"
#include "app/audit.h"
#include "app/csmsg.h"
#include "app/perm.h"
#include "app/tennyu.h"
#include "app/wf.h"
#include "db/db_audit.h"
#include "db/db_outbox.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The history row a 受付 wrote for one person. */
struct rs_find {
	const char *uketsuke_no;
	struct db_resident *row;
	int found;
};

/* Keep the row of the 受付 (a 受付 writes one row per person). */
static int rs_row(void *arg, const struct db_resident *r)
{
	struct rs_find *f = arg;

	if (strcmp(r->uketsuke_no, f->uketsuke_no) != 0)
		return 0;
	*f->row = *r;
	f->found = 1;
	return 1;
}

/* Refuse with a reason (MG_ERULE). */
static int rs_refuse(struct resend_result *res, const char *why)
{
	res->why = why;
	return MG_ERULE;
}

/* The checks and the new outbox row, inside the caller's transaction. */
static int rs_apply(struct app_ctx *ctx, const char *msg_id, const char *atena_no, int force,
                    struct resend_result *res, struct db_resident *row)
{
	struct db_message m;
	struct rs_find f = { NULL, row, 0 };
	char detail[96];
	int sent = 0, rc;

	rc = db_outbox_find(ctx->db, msg_id, &m, &sent);
	if (rc == MG_ENOTFOUND)
		return rs_refuse(res, MSG("resend_not_found"));
	if (rc)
		return rc;
	wf_copy(res->kind, sizeof res->kind, m.kind);
	wf_copy(res->to_code, sizeof res->to_code, m.to_code);
	wf_copy(res->uketsuke_no, sizeof res->uketsuke_no, m.uketsuke_no);
	if (!sent)
		return rs_refuse(res, MSG("resend_not_sent"));
	if (strcmp(m.kind, "tennyu_notice") != 0)
		return rs_refuse(res, MSG("resend_kind"));
	if (atena_no && atena_no[0] && m.atena_no[0] && strcmp(atena_no, m.atena_no) != 0)
		return rs_refuse(res, MSG("resend_atena_differs"));
	wf_copy(res->atena_no, sizeof res->atena_no,
	        m.atena_no[0] ? m.atena_no : atena_no ? atena_no : "");
	if (!res->atena_no[0])
		return rs_refuse(res, MSG("resend_need_atena"));
	f.uketsuke_no = m.uketsuke_no;
	rc = db_resident_history(ctx->db, res->atena_no, rs_row, &f);
	if (rc < 0)
		return rc;
	/* The row of that 受付, and a 転入 from the message's addressee. */
	if (!m.uketsuke_no[0] || !f.found || strcmp(row->prev_muni_code, m.to_code) != 0)
		return rs_refuse(res, MSG("resend_no_row"));
	/* Once: each copy the addressee gets is one more notice its clerk has
	 * to settle (rv13dom L1). Again only when the clerk insists. */
	rc = db_audit_resent(ctx->db, msg_id, res->earlier, sizeof res->earlier);
	if (rc < 0)
		return rc;
	if (rc == 1 && !force)
		return rs_refuse(res, MSG("resend_again"));
	rc = tennyu_notice_send(ctx, row, m.to_code, m.uketsuke_no, row->shori_date,
	                        res->new_msg_id);
	if (rc == 0) {
		snprintf(detail, sizeof detail, "resend as=%s kind=tennyu_notice to=%s", res->new_msg_id,
		         m.to_code);
		rc = audit_log(ctx, AUDIT_DELIVER, msg_id, detail);
	}
	return rc;
}

int resend_message(struct app_ctx *ctx, const char *msg_id, const char *atena_no, int force,
                   struct resend_result *res)
{
	struct db_resident *row;
	int rc;

	memset(res, 0, sizeof *res);
	rc = perm_check(ctx, PERM_DELIVER);
	if (rc)
		return rc;
	if (!msg_id || !csmsg_id_valid(msg_id, strlen(msg_id), ctx->muni_code))
		return rs_refuse(res, MSG("resend_not_ours"));
	row = calloc(1, sizeof *row);
	if (!row)
		return MG_ENOMEM;
	rc = db_begin(ctx->db);
	if (rc == 0) {
		rc = rs_apply(ctx, msg_id, atena_no, force, res, row);
		rc = db_finish(ctx->db, rc);
	}
	explicit_bzero(row, sizeof *row);   /* the person's 住民票 items */
	free(row);
	if (rc)
		res->new_msg_id[0] = '\0';
	return rc;
}
