/* audit.c — the operation log: rows written by the app, verify, monthly review. */
#include "app/audit.h"
#include "app/wf.h"
#include "app/app_ctx.h"
#include "app/config.h"
#include "app/perm.h"
#include "app/session.h"
#include "db/db.h"
#include "db/db_audit.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *const audit_names[AUDIT_ACTION_COUNT_] = {
	[AUDIT_LOGIN] = "login",
	[AUDIT_LOGOUT] = "logout",
	[AUDIT_LOGIN_FAILED] = "login_failed",
	[AUDIT_LOCKED] = "locked",
	[AUDIT_SEARCH] = "search",
	[AUDIT_VIEW] = "view",
	[AUDIT_REVEAL] = "reveal",
	[AUDIT_CARD_READ] = "card_read",
	[AUDIT_COMMIT] = "commit",
	[AUDIT_CERT_ISSUE] = "cert_issue",
	[AUDIT_DELIVER] = "deliver",
	[AUDIT_SETTING] = "setting",
	[AUDIT_OPERATOR] = "operator",
	[AUDIT_KIOSK] = "kiosk",
	[AUDIT_BATCH] = "batch",
	[AUDIT_CAPTURE_ALLOWED] = "capture_allowed",
	[AUDIT_APPROVE] = "approve",
	[AUDIT_REVIEW] = "review",
};

const char *audit_action_name(enum audit_action a)
{
	if ((unsigned)a >= AUDIT_ACTION_COUNT_)
		return NULL;
	return audit_names[a];
}

int audit_action_parse(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < AUDIT_ACTION_COUNT_; i++)
		if (audit_names[i] && strcmp(audit_names[i], name) == 0)
			return i;
	return -1;
}

/* 1 for the actions the review lists as account and settings changes. */
static int audit_is_change(enum audit_action a)
{
	return a == AUDIT_OPERATOR || a == AUDIT_SETTING || a == AUDIT_CAPTURE_ALLOWED ||
	       a == AUDIT_APPROVE;
}

/* "uid<N>@<tty>" for the process (tty "-" without one; '/' as '-'). */
static void audit_unix_actor(char *out, size_t cap)
{
	const char *tty = NULL;
	char buf[32] = "-";

	for (int fd = 0; fd <= 2 && !tty; fd++)
		tty = ttyname(fd);
	if (tty) {
		if (strncmp(tty, "/dev/", 5) == 0)
			tty += 5;
		snprintf(buf, sizeof buf, "%s", tty);
		for (char *p = buf; *p; p++)
			if (*p == '/')
				*p = '-';
	}
	snprintf(out, cap, "uid%lu@%s", (unsigned long)getuid(), buf);
}

int audit_log_at(struct app_ctx *ctx, long long at, enum audit_action a,
                 const char *target, const char *detail)
{
	const char *name = audit_action_name(a);
	const char *op = "", *term = "";
	char who[48], *with = NULL;
	int rc;

	if (!ctx || !ctx->db || !name)
		return MG_EINVAL;
	if (ctx->sess) {
		op = ctx->sess->operator_id;
		term = ctx->sess->terminal;
	}
	if ((!term || !term[0]) && ctx->terminal)
		term = ctx->terminal;
	if (!ctx->sess) {
		/* A batch or administration command run by hand: the row says by
		 * which Unix account from which terminal ("uid1000@pts-3"), in the
		 * terminal field when no terminal id is set; an account or settings
		 * change also when one is set, as a last "unix=" token of the
		 * detail (the terminal id stays). */
		audit_unix_actor(who, sizeof who);
		if (!term || !term[0]) {
			term = who;
		} else if (audit_is_change(a)) {
			size_t n = detail ? strlen(detail) : 0;

			with = malloc(n + sizeof " unix=" + strlen(who));
			if (!with)
				return MG_ENOMEM;
			snprintf(with, n + sizeof " unix=" + strlen(who), "%s%sunix=%s",
			         detail ? detail : "", n ? " " : "", who);
			detail = with;
		}
	}
	if (!term)
		term = "";
	rc = db_audit_append(ctx->db, at, op, term, name, target, detail, NULL);
	free(with);
	return rc;
}

int audit_log(struct app_ctx *ctx, enum audit_action a, const char *target, const char *detail)
{
	return audit_log_at(ctx, -1, a, target, detail);
}

int audit_ids_add(char *list, size_t cap, const char *id)
{
	size_t k = strlen(list), n = strlen(id);

	if (k + (k ? 1 : 0) + n + 1 > cap)
		return -1;
	if (k)
		list[k++] = ',';
	memcpy(list + k, id, n + 1);
	return 0;
}

int audit_atena_in(const char *s, const char *atena)
{
	size_t n;
	const char *p;

	if (!s || !atena || !*atena)
		return 0;
	if (strcmp(s, atena) == 0)
		return 1;
	n = strlen(atena);
	for (p = strstr(s, "atena="); p; p = strstr(p, "atena=")) {
		/* only a token start: beginning of s or after a space */
		int token = p == s || p[-1] == ' ';

		p += 6;
		if (!token)
			continue;
		while (*p && *p != ' ') {
			size_t len = strcspn(p, ", ");

			if (len == n && memcmp(p, atena, n) == 0)
				return 1;
			p += len;
			if (*p == ',')
				p++;
		}
	}
	return 0;
}

int audit_verify_anchored(struct app_ctx *ctx, const struct db_audit_anchor *anchors, size_t n,
                          struct db_audit_verdict *v)
{
	char detail[96];
	int rc, lrc;

	memset(v, 0, sizeof *v);
	rc = perm_check(ctx, PERM_AUDIT_REPORT);
	if (rc)
		return rc;
	rc = db_audit_verify_anchored(ctx->db, anchors, n, v);
	switch (rc) {
	case 0:
		if (n)
			snprintf(detail, sizeof detail, "verify=ok rows=%lld expect=%zu", v->rows, n);
		else
			snprintf(detail, sizeof detail, "verify=ok rows=%lld", v->rows);
		break;
	case MG_ECHAIN:
		snprintf(detail, sizeof detail, "verify=bad seq=%lld", v->bad_seq);
		break;
	case MG_EAUDIT_ANCHOR:
		snprintf(detail, sizeof detail, "verify=bad expect=%lld", v->anchor_seq);
		break;
	case MG_EAUDIT_TRIGGER:
		snprintf(detail, sizeof detail, "verify=bad triggers");
		break;
	default:
		return rc;
	}
	lrc = audit_log(ctx, AUDIT_REVIEW, NULL, detail);
	if (lrc == MG_EREADONLY)
		lrc = 0;   /* a read-only copy: the verdict stands, unlogged (the caller says so) */
	return rc ? rc : lrc;
}

void audit_trigger_faults_text(const struct db_audit_verdict *v, char *out, size_t cap)
{
	char one[256], acc[512];

	if (!cap)
		return;
	out[0] = '\0';
	for (size_t i = 0; i < v->n_trigger_faults; i++) {
		const char *a[2] = { v->trigger_faults[i].name, NULL };

		if (i18n_msg_format(one, sizeof one, v->trigger_faults[i].reason, 1, a) < 0)
			continue;
		if (!out[0]) {
			snprintf(out, cap, "%s", one);
			continue;
		}
		a[0] = out;
		a[1] = one;
		if (i18n_msg_format(acc, sizeof acc, MSG("audit_trig_join"), 2, a) >= 0)
			snprintf(out, cap, "%s", acc);
	}
}

int audit_verify(struct app_ctx *ctx, struct db_audit_verdict *v)
{
	return audit_verify_anchored(ctx, NULL, 0, v);
}

/* ---- the monthly review -------------------------------------------------- */

/* A commit seen while walking: its seq, operator and the ids it names. */
struct audit_commit {
	long long seq;
	char operator_id[33];
	char *detail;          /* new: the detail text (atena=…) */
};

/* A search/view of the month waiting to be matched against later commits. */
struct audit_pending {
	struct audit_report_item item;
	char *ids;             /* new: target (view) or detail (search) */
	int is_view;
};

/* Walk state of audit_report_build. */
struct audit_walk {
	struct audit_report *r;
	const struct config *cfg;
	struct audit_commit *commits;
	size_t n_commits, cap_commits;
	struct audit_pending *pend;
	size_t n_pend, cap_pend;
	size_t cap_ops, cap_unf, cap_off, cap_fail, cap_chg;
	int rc;
};

/* Copy s into a fixed buffer, truncating at a UTF-8 boundary. */
static void audit_copy(char *dst, size_t cap, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	if (n)
		memcpy(dst, s, n);
	dst[n] = '\0';
}

/* Fill a report item from a log row. */
static void audit_item(struct audit_report_item *it, const struct db_audit_row *row)
{
	memset(it, 0, sizeof *it);
	it->seq = row->seq;
	it->at = row->at;
	audit_copy(it->operator_id, sizeof it->operator_id, row->operator_id);
	audit_copy(it->terminal, sizeof it->terminal, row->terminal);
	audit_copy(it->action, sizeof it->action, row->action);
	audit_copy(it->target, sizeof it->target, row->target);
	audit_copy(it->detail, sizeof it->detail, row->detail);
}

/* The per-operator counter of id, added when new (NULL on OOM). */
static struct audit_report_op *audit_op(struct audit_walk *w, const char *id)
{
	struct audit_report *r = w->r;
	struct audit_report_op *o;

	for (size_t i = 0; i < r->n_ops; i++)
		if (strcmp(r->ops[i].id, id) == 0)
			return &r->ops[i];
	if (wf_grow((void **)&r->ops, &w->cap_ops, r->n_ops, sizeof *r->ops))
		return NULL;
	o = &r->ops[r->n_ops++];
	memset(o, 0, sizeof *o);
	audit_copy(o->id, sizeof o->id, id);
	return o;
}

/* Append an item to one of the report's lists. */
static int audit_list_add(struct audit_report_item **list, size_t *n, size_t *cap,
                          const struct db_audit_row *row)
{
	if (wf_grow((void **)list, cap, *n, sizeof **list))
		return MG_ENOMEM;
	audit_item(&(*list)[(*n)++], row);
	return 0;
}

/* Remember a commit row (any time after the month starts). */
static int audit_note_commit(struct audit_walk *w, const struct db_audit_row *row)
{
	struct audit_commit *c;

	if (wf_grow((void **)&w->commits, &w->cap_commits, w->n_commits, sizeof *w->commits))
		return MG_ENOMEM;
	c = &w->commits[w->n_commits];
	c->seq = row->seq;
	audit_copy(c->operator_id, sizeof c->operator_id, row->operator_id);
	c->detail = strdup(row->detail ? row->detail : "");
	if (!c->detail)
		return MG_ENOMEM;
	w->n_commits++;
	return 0;
}

/* Remember a search/view row of the month for the "unfollowed" list. */
static int audit_note_pending(struct audit_walk *w, const struct db_audit_row *row, int is_view)
{
	struct audit_pending *p;
	const char *ids = is_view ? row->target : row->detail;

	if (wf_grow((void **)&w->pend, &w->cap_pend, w->n_pend, sizeof *w->pend))
		return MG_ENOMEM;
	p = &w->pend[w->n_pend];
	audit_item(&p->item, row);
	p->is_view = is_view;
	p->ids = strdup(ids ? ids : "");
	if (!p->ids)
		return MG_ENOMEM;
	w->n_pend++;
	return 0;
}

/* Count one row of the month. */
static int audit_count_row(struct audit_walk *w, const struct db_audit_row *row)
{
	struct audit_report *r = w->r;
	struct audit_report_op *o = audit_op(w, row->operator_id);
	int a = audit_action_parse(row->action);
	int rc = 0;

	if (!o)
		return MG_ENOMEM;
	r->rows++;
	switch (a) {
	case AUDIT_SEARCH: o->searches++; rc = audit_note_pending(w, row, 0); break;
	case AUDIT_VIEW: o->views++; rc = audit_note_pending(w, row, 1); break;
	case AUDIT_REVEAL: o->reveals++; break;
	case AUDIT_COMMIT: o->commits++; break;
	case AUDIT_LOGIN: o->logins++; break;
	case AUDIT_LOGIN_FAILED:
		o->failed_logins++;
		rc = audit_list_add(&r->failures, &r->n_failures, &w->cap_fail, row);
		break;
	case AUDIT_LOCKED:
		o->locks++;
		rc = audit_list_add(&r->failures, &r->n_failures, &w->cap_fail, row);
		break;
	default:
		if (a >= 0 && audit_is_change((enum audit_action)a))
			rc = audit_list_add(&r->changes, &r->n_changes, &w->cap_chg, row);
		break;
	}
	/* Every actor's rows outside office hours are counted; only operators'
	 * are listed (the system actor's batch jobs run at night by design; its
	 * account and settings changes are listed with their time above). */
	if (rc == 0 && !config_is_office_time(w->cfg, row->at)) {
		o->off_hours++;
		if (row->operator_id[0])
			rc = audit_list_add(&r->off_hours, &r->n_off_hours, &w->cap_off, row);
	}
	return rc;
}

/* db_audit_walk callback: rows from the month's start to the end of the log. */
static int audit_walk_row(void *arg, const struct db_audit_row *row)
{
	struct audit_walk *w = arg;
	int rc = 0;

	if (row->at < w->r->to)
		rc = audit_count_row(w, row);
	if (rc == 0 && audit_action_parse(row->action) == AUDIT_COMMIT)
		rc = audit_note_commit(w, row);
	return rc;
}

/* 1 when one 宛名番号 of the comma list ids (view target / atena=…) is in detail. */
static int audit_any_id_in(const char *ids, int is_view, const char *detail)
{
	char id[64];
	const char *p = ids;

	if (is_view)
		return audit_atena_in(detail, ids);
	for (p = strstr(ids, "atena="); p; p = strstr(p, "atena=")) {
		int token = p == ids || p[-1] == ' ';

		p += 6;
		if (!token)
			continue;
		while (*p && *p != ' ') {
			size_t len = strcspn(p, ", ");

			if (len > 0 && len < sizeof id) {
				memcpy(id, p, len);
				id[len] = '\0';
				if (audit_atena_in(detail, id))
					return 1;
			}
			p += len;
			if (*p == ',')
				p++;
		}
	}
	return 0;
}

/* 1 when the search/view p is followed by a commit that matches it. */
static int audit_followed(const struct audit_walk *w, const struct audit_pending *p)
{
	int named = p->is_view || strstr(p->ids, "atena=") != NULL;

	for (size_t i = 0; i < w->n_commits; i++) {
		const struct audit_commit *c = &w->commits[i];

		if (c->seq <= p->item.seq)
			continue;
		if (named ? audit_any_id_in(p->ids, p->is_view, c->detail)
		          : strcmp(c->operator_id, p->item.operator_id) == 0)
			return 1;
	}
	return 0;
}

/* Order operators by id. */
static int audit_op_cmp(const void *a, const void *b)
{
	return strcmp(((const struct audit_report_op *)a)->id,
	              ((const struct audit_report_op *)b)->id);
}

/* Local midnight of the first day of year-month (month may be 13). */
static long long audit_month_start(int year, int month)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = year - 1900 + (month - 1) / 12;
	tm.tm_mon = (month - 1) % 12;
	tm.tm_mday = 1;
	tm.tm_isdst = -1;
	return (long long)mktime(&tm);
}

int audit_report_build(struct app_ctx *ctx, int year, int month, struct audit_report *out)
{
	struct audit_walk w;
	char detail[48];
	int rc;

	memset(out, 0, sizeof *out);
	memset(&w, 0, sizeof w);
	rc = perm_check(ctx, PERM_AUDIT_REPORT);
	if (rc)
		return rc;
	if (year < 1970 || year > 9999 || month < 1 || month > 12)
		return MG_EINVAL;
	out->year = year;
	out->month = month;
	out->from = audit_month_start(year, month);
	out->to = audit_month_start(year, month + 1);
	/* The chain first: a review of a tampered log must say so, and its head
	 * is offered for recording only when the check holds. */
	rc = db_audit_verify(ctx->db, &out->verdict);
	if (rc != 0 && rc != MG_ECHAIN && rc != MG_EAUDIT_TRIGGER)
		return rc;
	out->verify_rc = rc;
	if (rc == 0)
		out->head = out->verdict.head;
	w.r = out;
	w.cfg = ctx->cfg;
	rc = db_audit_walk(ctx->db, out->from, 0, audit_walk_row, &w);
	for (size_t i = 0; rc == 0 && i < w.n_pend; i++) {
		if (audit_followed(&w, &w.pend[i]))
			continue;
		if (wf_grow((void **)&out->unfollowed, &w.cap_unf, out->n_unfollowed,
		               sizeof *out->unfollowed))
			rc = MG_ENOMEM;
		else
			out->unfollowed[out->n_unfollowed++] = w.pend[i].item;
	}
	if (rc == 0 && out->n_ops > 1)
		qsort(out->ops, out->n_ops, sizeof *out->ops, audit_op_cmp);
	for (size_t i = 0; i < w.n_commits; i++)
		free(w.commits[i].detail);
	for (size_t i = 0; i < w.n_pend; i++)
		free(w.pend[i].ids);
	free(w.commits);
	free(w.pend);
	if (rc == 0) {
		snprintf(detail, sizeof detail, "report=%04d-%02d", year, month);
		rc = audit_log(ctx, AUDIT_REVIEW, NULL, detail);
		if (rc == MG_EREADONLY)
			rc = 0;   /* a read-only copy: reviewed, unlogged (the caller says so) */
	}
	if (rc)
		audit_report_free(out);
	return rc;
}

void audit_report_free(struct audit_report *r)
{
	if (!r)
		return;
	free(r->ops);
	free(r->unfollowed);
	free(r->off_hours);
	free(r->failures);
	free(r->changes);
	memset(r, 0, sizeof *r);
}
