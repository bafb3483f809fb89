/*
 * notice.h — at the former municipality: the 転入通知 (法9①) that turns a
 * 転出予定 or 除票 into 転出確定 (令13②③; 標準仕様 4.1.3.1.1: the planned
 * values are kept beside the confirmed ones), and the date job that turns
 * passed planned dates into 除票 (令13①) and erases expired 転出証明書情報
 * (令24の4).
 */
#ifndef NOTICE_H
#define NOTICE_H

#include "app/app_ctx.h"
#include "app/check.h"
#include "db/db_resident.h"

struct notice_result {
	struct check_list checks;
	char atena_no[DB_ID_CAP];        /* the person confirmed */
	char uketsuke_no[24];
	char shojo_date[DB_DATE_CAP];    /* 消除日 = earlier of 転出予定日 and 転入日 */
	int was_yotei;                   /* 1: the person was still 転出予定 */
	char headless_setai[DB_ID_CAP];  /* a 世帯 the 除票 left without a 世帯主, or "" */
	char declined[24];               /* notice_decline: the reason code kept */
};

/*
 * notice_apply — apply one received 転入通知 by message id. Finds the person
 * by 住民票コード / 個人番号 (must be 転出予定 or 除票 after a 転出, and the
 * 氏名 and 生年月日 must agree; the 転入日 not after today nor before the day
 * the person took up the address here; the notice dated between the 転入日
 * and today). A notice from another municipality than the planned one is
 * an alert, applied only when alerts_acknowledged. The 転出確定 row is
 * dated the 転入日. When the date job made the 除票 already, an earlier
 * 転入日 moves the 消除日, and the 世帯主 change that 除票 made moves with
 * it (a row dated the new 消除日 for each member it changed and nothing
 * changed since). Commits one transaction. Returns 0, MG_ERULE (res->checks says why), MG_ENOTFOUND
 * (no such notice), MG_EPERM or a db code.
 */
int notice_apply(struct app_ctx *ctx, const char *msg_id, int alerts_acknowledged,
                 struct notice_result *res);

/*
 * notice_decline — set aside (受理しない) a received 転入通知 that cannot be
 * applied: its person is not ours, was confirmed already or has come back,
 * or its 氏名, 生年月日 or dates disagree with the record (the error checks
 * of notice_apply). One transaction: a 受付 of its own ("tennyu_notice_
 * declined"), the notice settled under that 受付番号 with the reason code of
 * its first error (res->declined: "no_person", "not_moved_out", "already",
 * "mismatch", "dates"), and an AUDIT_COMMIT row (detail "wf=tennyu_notice_
 * declined msg=ID why=CODE atena=NO"). res->checks holds the findings.
 * Returns 0; MG_ERULE when the notice was settled already or could be
 * applied (chk_notice_decline_applicable: nothing written); MG_ENOTFOUND
 * (no such notice); MG_EPERM; or a db code.
 */
int notice_decline(struct app_ctx *ctx, const char *msg_id, struct notice_result *res);

/* notice_declined_msgid — the catalog key of a reason code's short text. */
const char *notice_declined_msgid(const char *code);

/*
 * notice_apply_all — apply every pending notice without acknowledging
 * alerts (those need the clerk, one by one); those that fail stay pending.
 * OUT: *applied, *failed. Returns 0 or the first non-rule error.
 */
int notice_apply_all(struct app_ctx *ctx, int *applied, int *failed);

/* What one run of the date job did. */
#define NOTICE_JOB_LIST 16
struct notice_job {
	int shojo;                              /* persons made 除票 */
	long long erased;                       /* expired 転出証明書情報 erased */
	int headless;                           /* 世帯 left without a 世帯主 */
	char setai[NOTICE_JOB_LIST][DB_ID_CAP]; /* the first NOTICE_JOB_LIST of them */
};

/*
 * notice_date_job — 転出予定 whose planned date <= ctx->today become 除票 (one
 * transaction per person, earliest planned date first, each settling its
 * 世帯: wf_setai_takeover); expired 転出証明書情報 are erased. A 世帯 left
 * without a 世帯主 is logged (AUDIT_BATCH, target its 世帯番号) and listed.
 * OUT: *out. Returns 0 or a db code. Needs PERM_BATCH or PERM_WORKFLOW.
 */
int notice_date_job(struct app_ctx *ctx, struct notice_job *out);

#endif
