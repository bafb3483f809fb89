/*
 * tenshutsu.h — 転出 and 特例転出 (法24, 法24の2, 令23–24の3; 標準仕様 4.1.3).
 *
 * Whole or part of a household moves out. Ordinary 転出 issues a 転出証明書
 * (all 令23② items, registered in the form register); a 転出届 filed more
 * than 14 days after the actual move is recorded as 職権 with a 転出証明書に
 * 準ずる証明書; 特例転出 issues none and queues the 転出証明書情報 (令24の3)
 * for the destination. Movers stay current as 転出予定 until the planned
 * date or the 転入通知, whichever is earlier (then 除票, 令13).
 */
#ifndef TENSHUTSU_H
#define TENSHUTSU_H

#include "app/app_ctx.h"
#include "app/check.h"
#include "app/tennyu.h"

struct tenshutsu_req {
	char setai_no[DB_ID_CAP];                 /* the household */
	int n;                                    /* movers */
	char atena[WF_MAX_PERSONS][DB_ID_CAP];    /* 宛名番号 of each mover */
	char dest_address[DB_ADDR_CAP];           /* 転出先 */
	char dest_muni_code[32];                  /* its 団体コード (any width) */
	char planned_date[DB_DATE_CAP];           /* 転出の予定年月日 (future allowed) */
	char moved_date[DB_DATE_CAP];             /* actual move date when already moved, else "" */
	char todoke_date[DB_DATE_CAP];            /* 届出日 ("" = today) */
	int tokurei;                              /* 1: 特例転出 (法24の2) */
	char new_head[DB_ID_CAP];                 /* when the 世帯主 leaves 2+ members */
	char new_zokugara[WF_MAX_PERSONS][64];    /* then: 続柄 of each remaining member, */
	char new_zokugara_atena[WF_MAX_PERSONS][DB_ID_CAP]; /* keyed by 宛名番号 (標準仕様 4.1.4.2) */
	int alerts_acknowledged;
};

struct tenshutsu_result {
	struct check_list checks;
	int shokken;                              /* 1: recorded as 職権 (filed > 14 days late) */
	char last_day[DB_DATE_CAP];               /* move date + 14 */
	char uketsuke_no[24];
	long long cert_serial;                    /* 転出証明書 number (0 for 特例) */
	char cert_kind[16];                       /* "ordinary", "junzuru", "" */
	char auto_head[DB_ID_CAP];                /* 令25: the one remaining member became 世帯主 */
	int remaining;                            /* members who stay */
};

/* tenshutsu_check — run the checks; writes nothing. Returns 0, MG_EPERM or a db code. */
int tenshutsu_check(struct app_ctx *ctx, const struct tenshutsu_req *req,
                    struct tenshutsu_result *res);

/*
 * tenshutsu_commit — check and commit in one transaction: 転出予定 rows (or
 * 除票 when the planned date has come), household changes, the certificate
 * or the 転出証明書情報, 受付, log. Returns 0, MG_ERULE, MG_EPERM or a db code.
 */
int tenshutsu_commit(struct app_ctx *ctx, const struct tenshutsu_req *req,
                     struct tenshutsu_result *res);

#endif
