/*
 * view_unnotified.h — the 転入通知未着者一覧 and the 転入通知未着照会書
 * (標準仕様 4.1.3.1.4, domain-rules §2.5).
 *
 * A person who filed a 転出 stays 転出予定 until the planned date and becomes
 * a 除票 on it (令13); only the 転入通知 from the new municipality makes the
 * 転出 確定. When no notice comes, the former municipality lists those
 * persons and asks the planned destination whether a 転入届 was made.
 *
 * The list holds every person whose current row is 転出予定, or a 除票 by
 * 転出 without a 転入通知年月日, and whose 転出予定日 lies in a window that
 * ends a number of days before today (default VIEW_UNNOTIFIED_DAYS; a notice
 * that is only late is not yet missing). Loading it is a search of the
 * registry and is logged as one (the 宛名番号s listed). Issuing a 照会書 for
 * one of them registers the form (帳票発行簿, kind "notice_inquiry", serial
 * "<宛名番号>/<転出予定日>") and logs a view of that person, in one
 * transaction. Received 転入通知 not yet applied are counted, because
 * applying them may empty the list.
 */
#ifndef VIEW_UNNOTIFIED_H
#define VIEW_UNNOTIFIED_H

#include "app/app_ctx.h"
#include "db/db_resident.h"

#define VIEW_UNNOTIFIED_DAYS 30   /* default: planned date at least this many days ago */
#define VIEW_UNNOTIFIED_MAX_DAYS 3660
#define VIEW_UNNOTIFIED_WINDOW 365  /* the window's length unless the whole past is asked for */

/* One person of the list. */
struct view_unnotified_row {
	struct db_resident r;       /* the current row (転出予定, or the 除票 of the 転出) */
	int days;                   /* days since the 転出予定日 (>= the list's days) */
	char inquired_at[24];       /* when the last 照会書 was issued ("" never) */
	char issued_on[DB_DATE_CAP]; /* view_unnotified_inquire only: the 処理日 the letter is dated */
};

struct view_unnotified_list {
	struct view_unnotified_row *rows;  /* by 転出予定日, then 宛名番号 (owned) */
	int n;
	int days;                   /* the list's days */
	char from[DB_DATE_CAP];     /* first 転出予定日 of the window ("" = no lower end) */
	char to[DB_DATE_CAP];       /* last 転出予定日: today - days */
	int pending_notices;        /* received 転入通知 not applied yet */
};

/*
 * view_unnotified_load — the list for planned dates up to today - days
 * (0..VIEW_UNNOTIFIED_MAX_DAYS) and from VIEW_UNNOTIFIED_WINDOW days before
 * that, or with no lower end when whole. A person that a received 転入通知
 * not applied yet names is left out (pending_notices counts those notices).
 * Logs one search row (criteria
 * "unnotified"); when it cannot be logged nothing is returned. OUT: *out
 * (free with view_unnotified_free; empty on error). Returns 0, MG_EPERM,
 * MG_EINVAL (days), MG_ENOMEM, MG_EAUDIT_LOST or a db code.
 */
int view_unnotified_load(struct app_ctx *ctx, int days, int whole,
                         struct view_unnotified_list *out);

/* view_unnotified_free — wipe and free the rows. Accepts an empty list. */
void view_unnotified_free(struct view_unnotified_list *l);

/*
 * view_unnotified_inquire — issue the 照会書 for one person: re-reads the
 * current row (it must still wait for a 転入通知, and no received notice
 * may name the person, else MG_ESTATE), registers
 * the form and logs the view in one transaction. OUT: *row (the person as
 * the letter shows it, inquired_at = this issue). Returns 0, MG_EPERM,
 * MG_ENOTFOUND, MG_ESTATE, MG_EAUDIT_LOST or a db code; nothing is written
 * unless 0.
 */
int view_unnotified_inquire(struct app_ctx *ctx, const char *atena_no,
                            struct view_unnotified_row *row);

#endif
