/*
 * kiosk.h — applications prepared by a resident at an unattended card-reader
 * kiosk (書かない窓口, issue 7), and their pick-up at the counter.
 *
 * At the kiosk (role kiosk, PERM_KIOSK): the card is read (app/cardflow.h),
 * kiosk_card_check says whether the kiosk may go on with it, the resident
 * answers a short form (kiosk_answers_check), and kiosk_create stores the
 * application under a new 受付番号. At the counter (PERM_WORKFLOW):
 * kiosk_list shows the open applications, kiosk_pick opens one, and
 * kiosk_to_tokurei_req / kiosk_to_tenshutsu_req / kiosk_to_tennyu_req turn
 * it into a pre-filled workflow request the clerk checks, completes and
 * commits; kiosk_mark_done records the workflow's 受付番号.
 *
 * Every kiosk use is logged as AUDIT_KIOSK with ids only (the kiosk 受付番号,
 * the kind, the verdict, the reason of a reset): never a name, address,
 * birth date or 個人番号. The structures below hold personal data: wipe
 * them with kiosk_wipe when done.
 */
#ifndef KIOSK_H
#define KIOSK_H

#include <stddef.h>

#include "app/app_ctx.h"
#include "app/tennyu.h"
#include "app/tenshutsu.h"
#include "app/tokurei.h"
#include "db/db_kiosk.h"

#define KIOSK_NO_CAP DB_KIOSK_NO_CAP
#define KIOSK_DAYS_KEPT 7         /* an open application is kept this many days after today */

enum kiosk_kind {
	KIOSK_TENNYU = 1,      /* 転入: 特例転入 preparation (the card replaces the 転出証明書) */
	KIOSK_TENSHUTSU = 2,   /* 転出: 特例転出 preparation */
	KIOSK_JUSHO = 3        /* 住所確認: the counter compares the card with the registry */
};

/* The resident's answers (the short form). "" = not given. */
struct kiosk_answers {
	enum kiosk_kind kind;
	char move_date[DB_DATE_CAP];      /* 転入日 (not after today) / 転出予定日 (ISO) */
	char addr_code[DB_ID_CAP];        /* 転入: the new 町字 code (kiosk_machiaza_list) */
	char banchi[128];                 /* 転入: 番地 */
	char katagaki[DB_NAME_CAP];       /* 転入: 方書 (optional) */
	char dest_address[DB_ADDR_CAP];   /* 転出: 転出先の住所 */
	char dest_muni_code[8];           /* 転出: its 団体コード (optional; checked when given) */
	int household;                    /* 転出: 1 = the whole 世帯 moves, 0 = the card holder only */
	int n_members;                    /* 転入: persons moving in together, 1..WF_MAX_PERSONS */
};

/* One application as the counter sees it. */
struct kiosk_app {
	char kiosk_no[KIOSK_NO_CAP];      /* 受付番号 of the kiosk ("K-0001") */
	char state[16];                   /* "pending", "picked", "done" */
	struct tokurei_card card;         /* what the card said (個人番号 included: mask it) */
	struct kiosk_answers ans;         /* what the resident answered */
	char created_at[24];              /* local time */
	char expires_on[DB_DATE_CAP];
	char terminal[33];                /* the kiosk */
	char picked_by[33];               /* the clerk who opened it ("" none) */
	char done_uketsuke[24];           /* the workflow's 受付番号 once done */
};

/* Called per application; a non-zero return stops the walk. */
typedef int (*kiosk_fn)(void *arg, const struct kiosk_app *a);

/*
 * kiosk_card_check — may the kiosk go on with this card? A card must be
 * genuine (verified against the trust store), not expired on ctx->today,
 * and carry a valid 個人番号. OUT: *msgid (may be NULL): the catalog key
 * telling the resident why not (cause and what to do), NULL when fine.
 * Returns 0, MG_ERULE (see *msgid) or MG_EINVAL (NULL card). Pure.
 */
int kiosk_card_check(const struct app_ctx *ctx, const struct tokurei_card *card,
                     const char **msgid);

/*
 * kiosk_answers_check — validate the answers for their kind: dates real
 * (転入日 not after today, 転出予定日 not before today − 14), the 町字 in the
 * master, 番地 given, the 転出先 given and its code valid and not this
 * municipality, the member count in range; for 転出 the card holder must be
 * a resident of this registry (by 個人番号). Writes nothing.
 * OUT: *msgid (may be NULL): catalog key of the first problem, NULL when fine.
 * Returns 0, MG_EINVAL (see *msgid), MG_EPERM (not PERM_KIOSK nor
 * PERM_WORKFLOW) or a db code.
 */
int kiosk_answers_check(struct app_ctx *ctx, const struct tokurei_card *card,
                        const struct kiosk_answers *ans, const char **msgid);

/*
 * kiosk_create — store an application (card + answers) in one transaction:
 * a new 受付番号 ("K-" and 4+ digits of the counter "kiosk"), the row
 * (expires today + KIOSK_DAYS_KEPT), and an AUDIT_KIOSK row (target = the
 * number, detail "event=create kind=<kind> verdict=<verdict>"). Checks
 * kiosk_card_check and kiosk_answers_check first.
 * OUT: no (KIOSK_NO_CAP bytes). Returns 0, MG_EPERM (needs PERM_KIOSK),
 * MG_ERULE (card refused), MG_EINVAL (answers) or a db code; nothing is
 * written unless 0.
 */
int kiosk_create(struct app_ctx *ctx, const struct tokurei_card *card,
                 const struct kiosk_answers *ans, char *no);

/*
 * kiosk_log_use — an AUDIT_KIOSK row for a kiosk session that ended without
 * an application: event is one short ASCII token ("removed", "idle",
 * "cancel", "refused", "pin_blocked"…), verdict the card's verdict (or -1
 * when no card was read). Returns 0, MG_EINVAL (bad token), MG_EPERM or a
 * db code.
 */
int kiosk_log_use(struct app_ctx *ctx, const char *event, int verdict);

/*
 * kiosk_list — the open applications (pending or picked, not expired),
 * oldest first; fn gets a borrowed application valid during the call.
 * Returns the number listed, MG_EPERM (PERM_WORKFLOW) or a db code.
 */
int kiosk_list(struct app_ctx *ctx, kiosk_fn fn, void *arg);

/*
 * kiosk_pick — open an application at the counter: mark it picked by the
 * clerk and log AUDIT_KIOSK (target = number, detail "event=pick").
 * OUT: *out. Returns 0, MG_ENOTFOUND (unknown or expired), MG_ESTATE
 * (already done), MG_EPERM (PERM_WORKFLOW) or a db code.
 */
int kiosk_pick(struct app_ctx *ctx, const char *kiosk_no, struct kiosk_app *out);

/*
 * kiosk_mark_done — the workflow committed: record its 受付番号 and log
 * AUDIT_KIOSK (target = kiosk number, detail "event=done uketsuke=<no>").
 * Returns 0, MG_ENOTFOUND, MG_ESTATE (already done), MG_EINVAL (empty
 * 受付番号), MG_EPERM or a db code.
 */
int kiosk_mark_done(struct app_ctx *ctx, const char *kiosk_no, const char *uketsuke_no);

/*
 * kiosk_sync — did the counter commit the workflow of an application (the
 * workflow screens know nothing of the kiosk)? Looks the card holder up by
 * 個人番号: for 転入, a current resident whose last 異動 is a 転入 or 特例転入
 * processed on or after the application's day; for 転出, a 転出予定 or 除票
 * by 転出. When found, marks the application done with that 受付番号
 * (kiosk_mark_done). OUT: uketsuke (24 bytes; "" when not done).
 * Returns 0 (done, now or before), MG_ENOTFOUND (no commit yet; also for a
 * 住所確認, which the clerk closes with kiosk_mark_done), MG_EPERM or a db code.
 */
int kiosk_sync(struct app_ctx *ctx, const char *kiosk_no, char *uketsuke);

/*
 * kiosk_purge — remove the applications expired before ctx->today (for the
 * date job and the pick-up list). OUT: *n (may be NULL). Returns 0, MG_EPERM
 * (PERM_WORKFLOW or PERM_BATCH) or a db code.
 */
int kiosk_purge(struct app_ctx *ctx, long long *n);

/*
 * kiosk_to_tokurei_req — a 特例転入 request filled from a 転入 application:
 * the card, card_submitted 0 (the clerk confirms the hand-over), 転入日,
 * the new address, a new household. OUT: *req (zeroed first). Returns 0 or
 * MG_EINVAL (not a 転入 application).
 */
int kiosk_to_tokurei_req(const struct kiosk_app *a, struct tokurei_req *req);

/*
 * kiosk_to_tennyu_req — a paper 転入 request (when no 転出証明書情報 exists)
 * with the card holder as the first mover (氏名, 生年月日, 性別, 個人番号,
 * card expiry) and the previous address from the card. OUT: *req (zeroed
 * first). Returns 0 or MG_EINVAL (not a 転入 application).
 */
int kiosk_to_tennyu_req(const struct kiosk_app *a, struct tennyu_req *req);

/*
 * kiosk_to_tenshutsu_req — a 特例転出 request from a 転出 application: the
 * card holder's household and 宛名番号 from the registry (by 個人番号), the
 * whole household when the resident said so, destination, planned date.
 * Reads the registry (PERM_WORKFLOW). OUT: *req (zeroed first). Returns 0,
 * MG_EINVAL (not a 転出 application), MG_ENOTFOUND (not a current resident
 * here), MG_EPERM or a db code.
 */
int kiosk_to_tenshutsu_req(struct app_ctx *ctx, const struct kiosk_app *a,
                           struct tenshutsu_req *req);

/*
 * kiosk_machiaza_list — the 町字 master for the address picker (code and
 * name), in code order. fn returns non-zero to stop. Returns the count,
 * MG_EPERM (PERM_KIOSK or PERM_WORKFLOW) or a db code.
 */
int kiosk_machiaza_list(struct app_ctx *ctx,
                        int (*fn)(void *arg, const char *code, const char *name), void *arg);

/*
 * kiosk_machiaza_name — the name of a 町字 code. OUT: name (cap bytes).
 * Returns 0, MG_ENOTFOUND or a db code.
 */
int kiosk_machiaza_name(struct app_ctx *ctx, const char *code, char *name, size_t cap);

/*
 * Leaving the kiosk (rv-privacy findings 7 and 8). The kiosk is public: the
 * admin exit must not let a passer-by lock staff accounts or learn which
 * operator ids exist. So the check never counts a failure against any
 * account (no lockout, no failure counter, no login rows); instead the kiosk
 * process slows repeated failures down itself: KIOSK_EXIT_FREE_TRIES
 * failures are free, then each further try must wait KIOSK_EXIT_DELAY
 * seconds, doubled per failure up to KIOSK_EXIT_DELAY_MAX; failures older
 * than KIOSK_EXIT_FORGET seconds (counted from the last one) are forgotten.
 */
#define KIOSK_EXIT_FREE_TRIES 3     /* failed exits before the back-off starts */
#define KIOSK_EXIT_DELAY 5          /* seconds to wait after the first failure past the free ones */
#define KIOSK_EXIT_DELAY_MAX 300    /* longest wait (seconds) */
#define KIOSK_EXIT_FORGET 3600      /* seconds without a failure that reset the count */

/* The back-off of one kiosk, held by the kiosk process (zero it to start). */
struct kiosk_exit_guard {
	int failures;              /* consecutive failed exit checks at this kiosk */
	long long last_failure;    /* monotonic second of the last failure */
	long long not_before;      /* monotonic second before which no check is made */
	long long wait_logged;     /* not_before of the last window a "wait" row was written for */
};

/*
 * kiosk_exit_wait — the seconds the kiosk must still wait before the next
 * exit check (0: it may check now). now: monotonic seconds. Pure.
 */
long long kiosk_exit_wait(const struct kiosk_exit_guard *g, long long now);

/*
 * kiosk_admin_check — leaving the kiosk: the id and password of an
 * administrator (role admin, account not locked). The password is verified
 * with the stored scrypt hash (auth_verify; an unknown id costs the same
 * work) but this is not a login: no operator's failure count, lock state or
 * last login changes, and no login rows are written. Every attempt is
 * logged as one AUDIT_KIOSK row as ctx->sess (the kiosk operator; the
 * system actor before the kiosk is started): detail
 * "event=exit ok=1 id=<id>" or "event=exit ok=0 id=<id> reason=<r>" with r
 * one of unknown, password, role, locked, wait, error; id is "-" when the
 * typed text names no operator (so that a password typed into the id field
 * never reaches the log, as app/session.c does). Never the password.
 * g: the kiosk's back-off (borrowed, updated): a failure counts, a success
 * clears it; while kiosk_exit_wait(g, now) > 0 nothing is checked, and only
 * the first try of each wait is logged (reason wait), so that pressing Enter
 * during a wait cannot flood the log.
 * now: monotonic seconds. The caller wipes the password.
 * Returns 0 (an administrator: the kiosk may end), MG_EAUTH (refused, for
 * every reason alike: unknown id, wrong password, not an administrator,
 * locked, or an error while checking), MG_ETOOMANY (inside the back-off
 * wait: not checked), MG_EINVAL (NULL argument) or a db code (the success
 * row could not be written: the kiosk must not end). Blocks on scrypt.
 */
int kiosk_admin_check(struct app_ctx *ctx, struct kiosk_exit_guard *g, long long now,
                      const char *admin_id, const char *password);

/*
 * kiosk_staff_check — the kiosk's start page, before session_login: only an
 * account of role kiosk may start the kiosk, and a passer-by typing staff ids
 * there must not lock any account, learn which ids exist or which password is
 * right (rv-privacy finding 7, rv18kiosk 1). Every id, the kiosk account's
 * too, is verified like kiosk_admin_check does (no failure count, no lock,
 * no login rows, the same scrypt work for unknown ids) and under the
 * back-off g (the start page's own, kept like the admin exit's).
 * A refusal writes one AUDIT_KIOSK row as ctx->sess: detail
 * "event=start ok=0 id=<id or -> reason=<unknown|password|role|locked|wait|error>"
 * (wait: once per back-off window). A right password clears g, as the
 * admin exit does. now: monotonic seconds. The caller wipes the password
 * and, on 0, goes on with session_login.
 * Returns 0 (the right password of a kiosk account), MG_EAUTH (refused, for
 * every reason alike), MG_ETOOMANY (inside the back-off wait: not checked)
 * or MG_EINVAL (NULL argument). Blocks on scrypt.
 */
int kiosk_staff_check(struct app_ctx *ctx, struct kiosk_exit_guard *g, long long now,
                      const char *id, const char *password);

/* kiosk_kind_name — "tennyu", "tenshutsu", "jusho" (static), NULL when unknown. */
const char *kiosk_kind_name(enum kiosk_kind k);

/* kiosk_kind_parse — inverse of kiosk_kind_name; 0 when unknown. */
enum kiosk_kind kiosk_kind_parse(const char *s);

/* kiosk_kind_msgid — the catalog key naming the kind (for screens), NULL when unknown. */
const char *kiosk_kind_msgid(enum kiosk_kind k);

/* kiosk_verdict_name — "genuine", "not_genuine", "unknown_ca", "unchecked" (static). */
const char *kiosk_verdict_name(int verdict);

/* kiosk_wipe — explicit_bzero of n bytes of personal data (card, answers, app). */
void kiosk_wipe(void *p, size_t n);

#endif
