/*
 * wf.h — what the workflows share: 受付番号, new 宛名番号/世帯番号 with their
 * check digits, outbox messages (転入通知, 本人確認情報更新, 転出証明書情報),
 * the office calendar, search keys of a row, and the commit's audit row.
 * Every function that writes is called inside the workflow's transaction.
 */
#ifndef WF_H
#define WF_H

#include <stddef.h>
#include "app/app_ctx.h"
#include "app/check.h"
#include "app/holiday.h"
#include "db/db_outbox.h"
#include "db/db_resident.h"

#define WF_CAL_MAX 366

/* The office calendar of this municipality (closing days from the registry). */
struct wf_cal {
	struct holiday_cal cal;
	i18n_day extra[WF_CAL_MAX];
};

/* wf_today — ctx->today as ISO. OUT: out[11]. */
void wf_today(const struct app_ctx *ctx, char *out);

/*
 * wf_todoke — the 届出日 rules every 届出 shares (標準仕様 4.1.0.2): empty
 * means today (written into todoke[DB_DATE_CAP]); not a date, or after
 * today, is an error; before today (received by post or at a branch and
 * entered later) is an alert the clerk confirms, because every deadline
 * counts from it. OUT: *day. Returns 0 when todoke is a date, else -1.
 */
int wf_todoke(const struct app_ctx *ctx, char *todoke, struct check_list *l, i18n_day *day);

/* wf_now — the current local time "YYYY-MM-DDTHH:MM:SS". OUT: out[24]. */
void wf_now(char *out);

/*
 * wf_load_cal — the calendar: weekends, national holidays, 12/29–1/3 and the
 * registry's closing days. OUT: *c. Returns 0 or a db code.
 */
int wf_load_cal(const struct app_ctx *ctx, struct wf_cal *c);

/* The findings wf_event_dates names, per kind of 届出. */
struct wf_event_msgs {
	const char *invalid;   /* the event's date is not a date (error) */
	const char *after;     /* the event after the 届出日 (error) */
	const char *late;      /* filed after the 14 days (alert) */
};

/*
 * wf_event_dates — the dates of a 届出 made within 14 days of an event (転入,
 * 法22①; 世帯主変更, 法25): the 届出日 rules (wf_todoke, which may write
 * today into todoke), the event's date valid and not after the 届出日, and
 * the 14 days after it (民法140: the first day not counted), the last one
 * moved past a 休日 (地方自治法4条の2④); a later filing is an alert. The
 * first error ends the checks. OUT: last_day[11] once the 14 days are
 * counted. Returns 0 (findings in l) or a db code.
 */
int wf_event_dates(const struct app_ctx *ctx, char *todoke, const char *event,
                   const struct wf_event_msgs *m, struct check_list *l, char *last_day);

/*
 * wf_uketsuke — allocate the next 受付番号 ("YYYYMMDD-NNNN" of ctx->today)
 * and record the 受付 (workflow, dates, operator, terminal, acknowledged
 * alerts). OUT: no[24]. Returns 0 or a db code.
 */
int wf_uketsuke(const struct app_ctx *ctx, const char *workflow, const char *todoke_date,
                const char *alerts, char *no);

/* wf_new_atena / wf_new_setai — a new 宛名番号 / 世帯番号 (10 digits, mod-11 check). */
int wf_new_atena(const struct app_ctx *ctx, char *out);
int wf_new_setai(const struct app_ctx *ctx, char *out);

/*
 * wf_keys — compute the stored search keys of a row from its 氏名 and
 * 振り仮名. Returns 0, or MG_EINVAL when the text cannot be keyed.
 */
int wf_keys(struct db_resident *r);

/*
 * wf_message — start an outbox message of kind to to_code: its serial from
 * the "msg" counter (as seq and in the id "<団体コード>-<serial>"), sender
 * and time. Call inside the change's transaction. Returns 0 or a code.
 */
int wf_message(const struct app_ctx *ctx, const char *kind, const char *to_code,
               struct db_message *m);

/*
 * wf_send — queue a message of kind to to_code about the person atena_no
 * (NULL: none) of the 受付 uketsuke_no (NULL: none), with the payload
 * (consumed: freed here, also on failure). OUT: id_out[48] (may be NULL),
 * the message id. Returns 0 or a code.
 */
int wf_send(const struct app_ctx *ctx, const char *kind, const char *to_code,
            const char *uketsuke_no, const char *atena_no, char *payload, char *id_out);

/*
 * wf_honnin — queue the 本人確認情報更新 of a row for the CS (法30の6; event
 * data per 令30の5: 記載/消除/修正 + 事由 + 事由発生日).
 */
int wf_honnin(const struct app_ctx *ctx, const struct db_resident *r, const char *event,
              const char *uketsuke_no);

/*
 * wf_tenshutsu_info — queue the 転出証明書情報 (令24の3 items, with the card's
 * dates) of a 特例転出 row to to_code. group_id ties the members that moved
 * together (the 転出's 受付番号). answer_to is the id of the request (法24の2⑤)
 * a copy answers, NULL for the push at 転出 time: the receiver keeps an
 * answer longer (deliver.c).
 */
int wf_tenshutsu_info(const struct app_ctx *ctx, const struct db_resident *r, int is_head,
                      const char *to_code, const char *group_id, const char *uketsuke_no,
                      const char *answer_to);

/*
 * wf_audit_commit — the operation-log row of a commit: target = 受付番号,
 * detail "wf=<workflow> atena=<n>,<n>… [todoke=<届出日>]". atena is an array
 * of n ids; todoke (NULL: none) puts the 届出日 of a 届出 into the chained
 * row, so a date typed earlier than the day of processing is on record.
 */
int wf_audit_commit(struct app_ctx *ctx, const char *workflow, const char *uketsuke_no,
                    char (*atena)[DB_ID_CAP], int n, const char *todoke);

/*
 * wf_address — the full address as the registry stores and sends it:
 * 都道府県 + 市区町村 (of ctx) + 町字 name + 番地. OUT: out (cap bytes).
 */
void wf_address(const struct app_ctx *ctx, const char *town, const char *banchi,
                char *out, size_t cap);

/*
 * wf_grow — make room for one more element in the array *arr of n elements
 * of size sz (capacity *cap, doubled from 16 when full; *arr may be NULL).
 * Returns 0 or MG_ENOMEM (*arr and *cap unchanged).
 */
int wf_grow(void **arr, size_t *cap, size_t n, size_t sz);

/* wf_copy — snprintf-style bounded copy that never overflows; returns dst. */
char *wf_copy(char *dst, size_t cap, const char *src);

/* wf_date_add — ISO date + days. OUT: out[11]. Returns 0 or MG_EDATE. */
int wf_date_add(const char *iso, int days, char *out);

/*
 * wf_date_cmp — compare two ISO dates as text (both must be valid ISO);
 * <0, 0, >0.
 */
int wf_date_cmp(const char *a, const char *b);

#endif

/* How a new arrival relates to the registry (標準仕様 4.1.1.2). */
enum wf_match_kind {
	WF_MATCH_NONE = 0,
	WF_MATCH_CURRENT_ID,    /* 個人番号/住民票コード of a current resident: error */
	WF_MATCH_JYOHYO_ID,     /* … of a 除票: 再転入, reuse the 宛名番号 */
	WF_MATCH_CURRENT_3,     /* 氏名+生年月日+性別 of a current resident: alert */
	WF_MATCH_JYOHYO_3       /* … of a 除票: alert, the clerk chooses */
};

struct wf_match {
	enum wf_match_kind kind;
	char atena[DB_ID_CAP];        /* the matched person */
	int rireki_no;                /* its current 履歴番号 */
	char name[DB_NAME_CAP];       /* its current 氏名, 氏名 key, 生年月日, 性別 */
	char name_key[DB_NAME_CAP];
	char birth[DB_DATE_CAP];
	char sex[2];
	char shojo_date[DB_DATE_CAP]; /* its 消除日 ("" unless a 除票) */
};

/*
 * wf_match_person — look the arrival up by 個人番号, 住民票コード (either may
 * be "") and the 3 items (name_key, birth, sex). OUT: *m. Returns 0 or a code.
 */
int wf_match_person(const struct app_ctx *ctx, const char *kojin, const char *jcode,
                    const char *name_key, const char *birth, const char *sex,
                    struct wf_match *m);

/*
 * wf_setai_apply — give the member cur the new 続柄 and 世帯主 of p (a
 * setainushi_henko row dated day, under p's 受付 and kind); when cur is the
 * new 世帯主, the household's 世帯主 too. Inside the caller's transaction.
 * Returns 0 or a code.
 */
struct db_setai_pending;
int wf_setai_apply(const struct app_ctx *ctx, const struct db_resident *cur,
                   const struct db_setai_pending *p, const char *day);

/*
 * wf_in_setai_on — 1 when the member row r still lives in its 世帯 on day:
 * current, or 転出予定 for a day after it (none when day is ""); else 0.
 */
int wf_in_setai_on(const struct db_resident *r, const char *day);

/*
 * wf_setai_takeover — leaving_atena has just become a 除票 on day (inside the
 * caller's transaction); settle the 世帯 as it is that day. The members who
 * remain are the current ones and those 転出予定 for a later day. None left:
 * the 世帯 closes on day. The leaver was not the 世帯主: nothing changes. Else
 * the change his future-dated 転出 queued (db_household_pending_*) is applied
 * when it still names exactly the members who remain and its new 世帯主 is one
 * of them; otherwise one who remains alone becomes 世帯主 by 職権 (令25), and
 * two or more are left without a 世帯主 until a 世帯主変更届 (標準仕様 1.1.10):
 * then OUT headless (DB_ID_CAP bytes, may be NULL) gets the 世帯番号, else "".
 * The queued change is forgotten either way. Returns 0 or a code.
 */
int wf_setai_takeover(const struct app_ctx *ctx, const char *leaving_atena, const char *day,
                      char *headless);

/*
 * wf_check_birth — 1 when an ISO 生年月日 is acceptable: a real date, or the
 * 不詳/non-calendar forms of 標準仕様 1.1.8 (month 00 with day 00, or day 00,
 * or day up to 31 in any month 1..12), not after today.
 */
int wf_check_birth(const char *iso, const char *today);
