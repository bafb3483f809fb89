/*
 * tokurei.h — 特例転入: the resident presents a My Number card instead of a
 * 転出証明書 (法24の2, 令24の2–24の4; 標準仕様 4.1.1.3).
 *
 * tokurei_prepare finds the 転出証明書情報 by the card's 個人番号 and applies
 * every condition of 令24の2: filing on or before min(予定日+30, 転入日+14)
 * (no holiday roll-over: domain-rules §3.3), no registration in between, the
 * card submitted, valid and genuine, and chip 4情報 = 転出証明書情報. The
 * commit then runs the 転入 (tennyu_apply) from that information in the same
 * transaction and consumes it.
 *
 * Members (法24の2②): with a card-holding 世帯主, the unconsumed, unexpired
 * rows of his 転出 group are the members who may travel on his card. The
 * 転入届 covers only those he files for now: the request names, by the
 * 転出証明書情報's msg_id, each member who is not moving in now. Such a member
 * stays pending: not in the 転入, no 転入通知 or 本人確認情報 for them, their
 * information not consumed (an INFO finding names them). The holder can
 * never be left out.
 */
#ifndef TOKUREI_H
#define TOKUREI_H

#include "app/app_ctx.h"
#include "app/check.h"
#include "app/tennyu.h"
#include "db/db_inbox.h"

enum tokurei_verdict {
	TOKUREI_GENUINE = 1,      /* chip data verified against a trusted key */
	TOKUREI_NOT_GENUINE = 2,  /* a hash or signature check failed */
	TOKUREI_UNKNOWN_CA = 3,   /* signed by a key not in the trust store */
	TOKUREI_UNCHECKED = 0     /* no authenticity check was made */
};

/* What the card gave (券面事項入力補助AP), mapped by the caller from card/. */
struct tokurei_card {
	char name[DB_NAME_CAP];          /* 氏名 (DF22) */
	char address[DB_ADDR_CAP];       /* 住所 (DF23): still the former address */
	char birth[DB_DATE_CAP];         /* 生年月日, ISO */
	char sex[2];                     /* 性別 */
	char kojin_bango[13];            /* 個人番号 (EF0001) */
	char card_expiry[DB_DATE_CAP];   /* ISO, "" when unknown */
	enum tokurei_verdict verdict;
};

struct tokurei_req {
	struct tokurei_card card;
	int card_submitted;              /* 番号法17⑥: the card is handed over */
	char tennyu_date[DB_DATE_CAP];   /* 転入日 */
	char todoke_date[DB_DATE_CAP];   /* 届出日 ("" = today) */
	char addr_code[DB_ID_CAP];       /* new address */
	char banchi[128];
	char katagaki[DB_NAME_CAP];
	char join_setai[DB_ID_CAP];      /* "" = a new household */
	char zokugara[WF_MAX_PERSONS][64]; /* 続柄 per member, indexed as tokurei_result.member
	                                    * ("" = as in the 転出証明書情報) */
	char not_moving[WF_MAX_PERSONS][48]; /* msg_id of each member not moving in now
	                                      * (今回は転入しない); "" = an unused slot; never
	                                      * the holder's. All zero (default): all move. */
	int alerts_acknowledged;
};

struct tokurei_result {
	struct check_list checks;
	int found;                       /* the 転出証明書情報 was found */
	int n;                           /* members of the group who may travel with the holder
	                                  * (member[0] = the card holder), those left out included */
	struct db_tenshutsu_info member[WF_MAX_PERSONS];
	int not_moving[WF_MAX_PERSONS];  /* 1: member[i] is left out (req.not_moving): stays pending */
	int moving;                      /* members in the 転入: n minus those left out */
	char last_day[DB_DATE_CAP];      /* min(予定日 + 30, 転入日 + 14) */
	char last_day_planned[DB_DATE_CAP];
	char last_day_tennyu[DB_DATE_CAP];
	int match_name, match_birth, match_sex, match_address;  /* chip ↔ 転出証明書情報 */
	int card_valid;                  /* card not expired on the 届出日 */
	/* after a commit */
	char uketsuke_no[24];
	char setai_no[DB_ID_CAP];
	char atena[WF_MAX_PERSONS][DB_ID_CAP]; /* per member[i]; "" for a member left out */
	/* follow-ups (domain-rules §4) */
	char keizoku_due[DB_DATE_CAP];   /* カード継続利用 by 届出日 + 90 */
	int card_tsuiki;                 /* 券面記載事項の変更 (追記) at the counter, 番号法17⑦ */
	int sign_cert_lapsed;            /* 署名用電子証明書 lapsed by the address change (JPKI法12) */
};

/*
 * tokurei_prepare — find the information and run every check; writes
 * nothing. OUT: *res. Returns 0 (see res->checks), MG_EPERM or a db code.
 * req->not_moving: a member named there gets res->not_moving[i] = 1 and an
 * INFO chk_member_not_moving; the holder's msg_id is an ERROR
 * chk_not_moving_holder, a msg_id not among res->member an ERROR
 * chk_not_moving_unknown (so the commit is refused: MG_ERULE).
 */
int tokurei_prepare(struct app_ctx *ctx, const struct tokurei_req *req,
                    struct tokurei_result *res);

/*
 * tokurei_commit — check and commit in one transaction: the 転入 of the
 * holder and of the members not left out, whose information is consumed;
 * the rows of members left out stay unconsumed. Returns 0, MG_ERULE,
 * MG_EPERM or a db code; nothing is written unless 0.
 */
int tokurei_commit(struct app_ctx *ctx, const struct tokurei_req *req,
                   struct tokurei_result *res);

/*
 * tokurei_request — ask the former municipality for the 転出証明書情報 when it
 * was not received or already erased (法24の2⑤⑥): queues a request message
 * carrying the 個人番号 and the 転入届's 氏名, 生年月日, 性別 (from the card,
 * which must have been read and verified genuine) and 転入日; the former
 * municipality answers automatically on its delivery, only when they match
 * its record of the 特例転出, once per request. The request is
 * written to the operation log (AUDIT_DELIVER, target = the request's
 * message id, detail "request=tenshutsu_info to=CODE"; never the number).
 * The request is kept for tokurei_request_status with the card's 個人番号
 * for TOKUREI_REQUEST_KEEP_DAYS (then erased by tokurei_request_purge).
 * card is borrowed. Commits. Returns 0, MG_EINVAL (bad code, number, name,
 * birth or 転入日), MG_ECARD_NOT_GENUINE (the card was not verified
 * genuine), MG_EPERM or a db code.
 */
int tokurei_request(struct app_ctx *ctx, const struct tokurei_card *card,
                    const char *from_muni_code, const char *tennyu_date);

/*
 * tokurei_prev_address — the 転出前の住所 of t with its 方書 (after an
 * ideographic space), as the chip and the 住民票 print it. OUT: out (cap
 * bytes, cut on a character boundary). Returns 0, or -1 when it was cut.
 */
int tokurei_prev_address(const struct db_tenshutsu_info *t, char *out, size_t cap);

/*
 * tokurei_same_name — 1 when two names are the same person's name as the
 * 特例転入 compares them (i18n_text_name, spaces of any width ignored), else 0.
 */
int tokurei_same_name(const char *a, const char *b);

/* Days a request is kept for its state to be shown (a 特例転入 is filed by 転入日 + 14). */
#define TOKUREI_REQUEST_KEEP_DAYS 30

/* The state of the newest request sent for a person (tokurei_request_status). */
enum tokurei_request_state {
	TOKUREI_REQ_NONE = 0,     /* no request kept for this 個人番号 */
	TOKUREI_REQ_WAITING = 1,  /* sent or queued; no refusal received (the answer, if any,
	                           * is the 転出証明書情報 tokurei_prepare finds) */
	TOKUREI_REQ_REFUSED = 2   /* the former municipality refused it (reason) */
};

struct tokurei_request_status {
	enum tokurei_request_state state;
	char request_id[48];      /* our request's message id */
	char to_code[7];          /* the former municipality asked */
	char requested_on[11];    /* the processing day of the request (ISO) */
	char reason[32];          /* TOKUREI_REQ_REFUSED: a code of tokurei_refusal_reason_known */
	char refused_at[24];      /* TOKUREI_REQ_REFUSED: when the refusal was received */
};

/*
 * tokurei_request_status — the newest request this registry sent for the
 * 個人番号 kojin_bango (still kept today) and whether the former
 * municipality refused it (法24の2⑤: a request it will not answer with the
 * 転出証明書情報 is answered with a reason code, deliver.c). Reads only; no
 * personal data in out. OUT: *out. Returns 0 (out->state NONE when no
 * request is kept), MG_EINVAL (number not valid), MG_EPERM or a db code.
 */
int tokurei_request_status(struct app_ctx *ctx, const char *kojin_bango,
                           struct tokurei_request_status *out);

/*
 * tokurei_refusal_reason_known — 1 when reason is a code a former
 * municipality may refuse a request with: "no_tokurei_tenshutsu" (no
 * 特例転出 of that person), "not_moving_out" (a resident there again, or a
 * later 異動), "already_confirmed" (registered elsewhere and confirmed),
 * "no_match" (氏名/生年月日/性別 differ from its record), "already_answered"
 * (sent before in answer to an earlier request; given by versions before
 * migration 017 only); else 0.
 */
int tokurei_refusal_reason_known(const char *reason);

/*
 * tokurei_request_purge — the date job: erase the requests kept past
 * TOKUREI_REQUEST_KEEP_DAYS (their 個人番号) and their refusals; logged
 * (AUDIT_BATCH "requests_erased=N") when any. OUT: *n (may be NULL).
 * Returns 0, MG_EPERM (neither PERM_BATCH nor PERM_WORKFLOW) or a db code.
 * Commits.
 */
int tokurei_request_purge(struct app_ctx *ctx, long long *n);

#endif
