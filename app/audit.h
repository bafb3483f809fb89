/*
 * audit.h — the tamper-evident operation log (操作ログ, issue 5).
 * Each row: time, operator, terminal, action, target ids, detail; SHA-256
 * over its content and the previous row's hash. Rows never hold a PIN,
 * password, 個人番号 or name: targets are ids (宛名番号, 受付番号). A
 * command run without a session (batch, administration) has operator "" and
 * names the Unix account that ran it, "uid<N>@<tty>", as the terminal when no
 * terminal id is set. An account or settings change (AUDIT_OPERATOR,
 * AUDIT_SETTING, AUDIT_CAPTURE_ALLOWED, AUDIT_APPROVE) without a session
 * names it always: with a terminal id (from --terminal or the configuration,
 * kept as the terminal) as the last detail token "unix=uid<N>@<tty>". Rows
 * written before this rule keep their form (the chain covers them as they
 * are).
 */
#ifndef AUDIT_H
#define AUDIT_H

#include "db/db_audit.h"

#include <stddef.h>

struct app_ctx;

enum audit_action {
	AUDIT_LOGIN, AUDIT_LOGOUT, AUDIT_LOGIN_FAILED, AUDIT_LOCKED,
	AUDIT_SEARCH,        /* detail: criteria kinds and result count */
	AUDIT_VIEW,          /* target: 宛名番号 */
	AUDIT_REVEAL,        /* target: 宛名番号, detail: reason + approver */
	AUDIT_CARD_READ,     /* detail: verdict, never the PIN */
	AUDIT_COMMIT,        /* target: 受付番号, detail: workflow and 宛名番号s */
	AUDIT_CERT_ISSUE,    /* target: certificate serial */
	AUDIT_DELIVER,       /* detail: counts sent/received */
	AUDIT_SETTING,
	AUDIT_OPERATOR,
	AUDIT_KIOSK,
	AUDIT_BATCH,         /* date job, seed; target 世帯番号 + "setai_headless": a 世帯 left without a 世帯主 */
	AUDIT_CAPTURE_ALLOWED,
	AUDIT_APPROVE,       /* target: approver id, detail: what + reason (session_approve) */
	AUDIT_REVIEW,        /* audit verify / report run (detail: which) */
	AUDIT_ACTION_COUNT_
};

/*
 * audit_log — append one row to ctx->db's log. When called inside an open
 * transaction (a workflow commit) the row is part of it and disappears with
 * a rollback. target and detail may be NULL. Without a session the Unix
 * account is added (see above). Returns 0, MG_ENOMEM, MG_EAUDIT_LOST (no row
 * was stored: the caller must roll back its transaction) or a db code.
 */
int audit_log(struct app_ctx *ctx, enum audit_action a,
              const char *target, const char *detail);

/*
 * Conventions for target/detail (what the monthly report matches on):
 * ids only, never names, addresses, birth dates, PINs or 個人番号. A row
 * about persons names them by 宛名番号: AUDIT_VIEW/AUDIT_REVEAL target =
 * 宛名番号; AUDIT_SEARCH detail "criteria=name,addr,birth count=N
 * atena=NNN,NNN" (the 宛名番号s listed to the clerk, when any);
 * AUDIT_COMMIT target = 受付番号, detail "wf=tennyu atena=NNN,NNN".
 * Tokens are separated by spaces; values hold no spaces.
 */

/*
 * audit_log_at — as audit_log with an explicit time (unix seconds; must not
 * be earlier than the last row's; < 0 = now). For seeding and tests.
 * Returns 0, MG_EINVAL or a db code.
 */
int audit_log_at(struct app_ctx *ctx, long long at, enum audit_action a,
                 const char *target, const char *detail);

/* audit_action_name — the stored name ("login", "search", …; static), or NULL. */
const char *audit_action_name(enum audit_action a);

/* audit_action_parse — inverse of audit_action_name; -1 when unknown. */
int audit_action_parse(const char *name);

/*
 * audit_ids_add — append id to the comma-separated id list list (cap bytes,
 * NUL-terminated; "" to start), the form rows name persons in ("atena=" list,
 * view target). Returns 0, or -1 when it does not fit (list unchanged).
 */
int audit_ids_add(char *list, size_t cap, const char *id);

/*
 * audit_atena_in — 1 when the 宛名番号 atena appears in s as a whole id of
 * an "atena=" list (or s is exactly atena), else 0. NULLs give 0.
 */
int audit_atena_in(const char *s, const char *atena);

/* Per-operator counts of one month. */
struct audit_report_op {
	char id[33];              /* operator id ("" = system) */
	long searches, views, reveals, commits;
	long logins, failed_logins, locks;
	long off_hours;           /* rows outside office hours */
};

/* One listed row of the report. */
struct audit_report_item {
	long long seq;            /* log row */
	long long at;             /* unix time */
	char operator_id[33];
	char terminal[33];
	char action[20];          /* audit_action_name */
	char target[64];          /* ids (truncated) */
	char detail[64];          /* the row's detail (truncated) */
};

/* The monthly review (監査). */
struct audit_report {
	int year, month;                         /* the month */
	long long from, to;                      /* [from, to) in unix time, local month */
	long long rows;                          /* log rows in the month */
	struct audit_report_op *ops;             /* per operator, sorted by id */
	size_t n_ops;
	struct audit_report_item *unfollowed;    /* searches/views not followed by a commit */
	size_t n_unfollowed;
	struct audit_report_item *off_hours;     /* operator activity outside office hours */
	size_t n_off_hours;
	struct audit_report_item *failures;      /* failed logins and locks */
	size_t n_failures;
	struct audit_report_item *changes;       /* account and settings changes: operator,
	                                          * setting, capture_allowed, approve rows */
	size_t n_changes;
	int verify_rc;                           /* the chain check run first: 0 (intact),
	                                          * MG_ECHAIN or MG_EAUDIT_TRIGGER */
	struct db_audit_verdict verdict;         /* its verdict (db_audit_verify) */
	struct db_audit_anchor head;             /* the verified head (before the report's own
	                                          * review row) for the supervisor to record
	                                          * outside; seq 0 when verify_rc is not 0 */
};

/*
 * audit_report_build — the review of month year-month (local time) of
 * ctx->db, checked with PERM_AUDIT_REPORT and logged as AUDIT_REVIEW
 * ("report=YYYY-MM"). It first verifies the whole chain and the log's
 * definitions (db_audit_verify): out->verify_rc and out->verdict say how that
 * went, and out->head is the verified head (the last row before the review
 * row) only when it held. A tampered log still gets its report (code 0):
 * the caller must show the verdict.
 * A view (target 宛名番号) or search (detail atena=…) is "unfollowed" when no
 * later AUDIT_COMMIT (to the end of the log) names any of its 宛名番号s; a
 * search naming none is unfollowed when its operator made no later commit.
 * Office hours come from ctx->cfg (defaults when NULL); every actor's rows
 * outside them are counted; only operators' are listed in off_hours (the
 * system actor's batch jobs run at night by design; its account and settings
 * changes are in changes, with their time).
 * OUT: *out (free with audit_report_free). Returns 0, MG_EPERM, MG_EINVAL
 * (bad month), MG_ENOMEM or a db code.
 */
int audit_report_build(struct app_ctx *ctx, int year, int month, struct audit_report *out);

/*
 * audit_verify_anchored — walk the whole chain of ctx->db and check the n
 * heads recorded outside the file (db_audit_verify_anchored; checked with
 * PERM_AUDIT_REPORT), then log AUDIT_REVIEW: "verify=ok rows=N" (plus
 * " expect=K" when heads were given), "verify=bad seq=N" (chain),
 * "verify=bad expect=SEQ" (a recorded head) or "verify=bad triggers".
 * anchors may be NULL when n is 0 (borrowed). OUT: *v. Returns 0 (all
 * hold), MG_ECHAIN, MG_EAUDIT_ANCHOR, MG_EAUDIT_TRIGGER (v says which
 * check failed), MG_EPERM or a db code.
 */
int audit_verify_anchored(struct app_ctx *ctx, const struct db_audit_anchor *anchors, size_t n,
                          struct db_audit_verdict *v);

/*
 * audit_trigger_faults_text — v's trigger faults as one catalog-formatted
 * text ("trigger audit_no_delete is missing; …"), "" when there are none.
 * OUT: out (cap bytes, cut to fit).
 */
void audit_trigger_faults_text(const struct db_audit_verdict *v, char *out, size_t cap);

/* audit_verify — audit_verify_anchored without recorded heads. */
int audit_verify(struct app_ctx *ctx, struct db_audit_verdict *v);

/* audit_report_free — free what audit_report_build allocated; zeroes *r. */
void audit_report_free(struct audit_report *r);

#endif
