/*
 * scr_audit.h — 操作ログ点検 (supervisor, PERM_AUDIT_REPORT).
 *
 * F5 verifies the operation log's hash chain (audit_verify) and shows the
 * verdict on the page: intact with its row count, or the first bad row and
 * why (with an error box: tampering blocks nothing here but must be
 * reported); missing or changed append-only triggers are a failure of their
 * own (error line and box); after an intact verification or a review, the
 * head of the chain (SEQ:HASH) replaces the prompt, with the text telling
 * the supervisor to record it outside the system.
 * F6 (or Enter) shows the monthly review (audit_report_build) of the month
 * in the month field — the current month by default; F7/F8 step to the
 * previous/next month — as scrollable lines: per-operator counts, searches
 * and views not followed by a workflow, activity outside office hours,
 * failed logins and locks (at most 2000 rows listed per section, the rest
 * counted). Both app functions log their run as
 * AUDIT_REVIEW; nothing of the report is written anywhere. The report names
 * operators and ids only (no person's data). Esc goes back, asking first
 * when a month was typed but not shown.
 */
#ifndef SCR_AUDIT_H
#define SCR_AUDIT_H

#include "screens/scr.h"

extern const struct scr_ops scr_audit;

#endif
