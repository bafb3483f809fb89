/*
 * view_unnotified.c — 転入通知未着者一覧 and 照会書 (see view_unnotified.h).
 */
#include "app/view_unnotified.h"

#include "app/audit.h"
#include "app/perm.h"
#include "app/session.h"
#include "app/wf.h"
#include "db/db_cert.h"
#include "db/db_inbox.h"
#include "i18n/i18n_date.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VU_FORM "notice_inquiry"

/* The list being filled, its capacity, today and the first error. */
struct vu_acc {
	struct app_ctx *ctx;
	struct view_unnotified_list *l;
	size_t cap;
	int rc;
};

/* The register serial of the 照会書 for one 転出: "<宛名番号>/<転出予定日>". */
static void vu_serial(const struct db_resident *r, char *out, size_t cap)
{
	snprintf(out, cap, "%s/%s", r->atena_no, r->dest_planned_date);
}

/* Days from the 転出予定日 to today (0 when it is not a date). */
static int vu_days(const struct app_ctx *ctx, const struct db_resident *r)
{
	i18n_day d;

	if (i18n_date_parse_iso(r->dest_planned_date, &d) != 0)
		return 0;
	return (int)(ctx->today - d);
}

/* The time of the last 照会書 for r into out[24] ("" never). */
static int vu_last(struct app_ctx *ctx, const struct db_resident *r, char *out)
{
	struct db_form f;
	char serial[sizeof f.form_serial];
	int rc;

	out[0] = '\0';
	vu_serial(r, serial, sizeof serial);
	rc = db_cert_form_last(ctx->db, VU_FORM, serial, &f);
	if (rc == 0)
		wf_copy(out, 24, f.issued_at);
	return rc == MG_ENOTFOUND ? 0 : rc;
}

/* Append one person to the growing list. */
static int vu_add(void *arg, const struct db_resident *r)
{
	struct vu_acc *a = arg;
	struct view_unnotified_list *l = a->l;
	struct view_unnotified_row *row;
	int pending = db_inbox_notice_pending_for(a->ctx->db, r->juminhyo_code, r->kojin_bango);

	/* a notice naming them has come and waits for the clerk (rv13dom L5) */
	if (pending) {
		a->rc = pending < 0 ? pending : 0;
		return pending < 0;
	}
	if (wf_grow((void **)&l->rows, &a->cap, (size_t)l->n + 1, sizeof *l->rows)) {
		a->rc = MG_ENOMEM;
		return 1;
	}
	row = &l->rows[l->n];
	memset(row, 0, sizeof *row);
	row->r = *r;
	row->days = vu_days(a->ctx, r);
	a->rc = vu_last(a->ctx, r, row->inquired_at);
	if (a->rc)
		return 1;
	l->n++;
	return 0;
}

static int vu_count(void *arg, const struct db_notice *n)
{
	(void)n;
	++*(int *)arg;
	return 0;
}

/* The log detail: the criteria, the window and the 宛名番号s listed. A new string. */
static char *vu_detail(const struct view_unnotified_list *l)
{
	size_t cap = 128 + (size_t)l->n * (DB_ID_CAP + 1);
	char *out = malloc(cap);
	size_t used;

	if (!out)
		return NULL;
	used = (size_t)snprintf(out, cap, "criteria=unnotified count=%d days=%d from=%s to=%s",
	                        l->n, l->days, l->from[0] ? l->from : "-", l->to);
	if (l->n && used + 8 < cap) {
		used += (size_t)snprintf(out + used, cap - used, " atena=");
		for (int i = 0; i < l->n; i++)
			audit_ids_add(out + used, cap - used, l->rows[i].r.atena_no);
	}
	return out;
}

int view_unnotified_load(struct app_ctx *ctx, int days, int whole,
                         struct view_unnotified_list *out)
{
	struct vu_acc a = { ctx, out, 0, 0 };
	char *detail;
	int rc;

	memset(out, 0, sizeof *out);
	rc = perm_check(ctx, PERM_WORKFLOW);
	if (rc)
		return rc;
	if (days < 0 || days > VIEW_UNNOTIFIED_MAX_DAYS)
		return MG_EINVAL;
	out->days = days;
	i18n_date_format_iso(ctx->today - days, out->to);
	if (!whole)
		i18n_date_format_iso(ctx->today - days - VIEW_UNNOTIFIED_WINDOW, out->from);
	rc = db_resident_unnotified(ctx->db, whole ? "0000-00-00" : out->from, out->to, vu_add, &a);
	if (rc == 0)
		rc = a.rc;
	if (rc == 0)
		rc = db_inbox_notices(ctx->db, 1, vu_count, &out->pending_notices);
	if (rc > 0)
		rc = 0;
	if (rc == 0) {
		/* Unlogged rows are never shown. */
		detail = vu_detail(out);
		rc = detail ? audit_log(ctx, AUDIT_SEARCH, NULL, detail) : MG_ENOMEM;
		free(detail);
	}
	if (rc)
		view_unnotified_free(out);
	return rc;
}

void view_unnotified_free(struct view_unnotified_list *l)
{
	if (!l)
		return;
	if (l->rows) {
		explicit_bzero(l->rows, (size_t)l->n * sizeof *l->rows);
		free(l->rows);
	}
	memset(l, 0, sizeof *l);
}

/* 1 when r is a person the list holds: 転出予定, or a 除票 of a 転出 without a notice. */
static int vu_waiting(const struct db_resident *r)
{
	if (!r->dest_planned_date[0] || r->notice_date[0])
		return 0;
	return strcmp(r->state, "yotei") == 0 ||
	       (strcmp(r->state, "jyohyo") == 0 && strcmp(r->shojo_jiyu, "tenshutsu") == 0);
}

int view_unnotified_inquire(struct app_ctx *ctx, const char *atena_no,
                            struct view_unnotified_row *row)
{
	struct db_form f;
	char detail[96];
	int rc;

	memset(row, 0, sizeof *row);
	rc = perm_check(ctx, PERM_WORKFLOW);
	if (rc)
		return rc;
	rc = db_begin(ctx->db);
	if (rc == 0)
		rc = db_resident_current(ctx->db, atena_no, &row->r);
	if (rc == 0 && !vu_waiting(&row->r))
		rc = MG_ESTATE;
	if (rc == 0) {
		rc = db_inbox_notice_pending_for(ctx->db, row->r.juminhyo_code, row->r.kojin_bango);
		if (rc > 0)
			rc = MG_ESTATE;
	}
	if (rc == 0) {
		memset(&f, 0, sizeof f);
		wf_copy(f.form_kind, sizeof f.form_kind, VU_FORM);
		vu_serial(&row->r, f.form_serial, sizeof f.form_serial);
		wf_now(f.issued_at);
		if (ctx->sess)
			wf_copy(f.operator_id, sizeof f.operator_id, ctx->sess->operator_id);
		wf_copy(f.terminal, sizeof f.terminal, ctx->terminal ? ctx->terminal : "");
		f.copies = 1;
		snprintf(f.note, sizeof f.note, "to=%s", row->r.dest_muni_code);
		rc = db_cert_register_form(ctx->db, &f);
	}
	if (rc == 0) {
		snprintf(detail, sizeof detail, "form=%s to=%s", VU_FORM, row->r.dest_muni_code);
		rc = audit_log(ctx, AUDIT_VIEW, row->r.atena_no, detail);
	}
	if (ctx->db->tx)
		rc = db_finish(ctx->db, rc);
	if (rc) {
		explicit_bzero(row, sizeof *row);
		return rc;
	}
	row->days = vu_days(ctx, &row->r);
	wf_copy(row->inquired_at, sizeof row->inquired_at, f.issued_at);
	wf_today(ctx, row->issued_on);
	return 0;
}
