/*
 * tennyu.h — 転入 with a paper 転出証明書 (法22, 令23; 標準仕様 4.1.1).
 *
 * tennyu_check runs every check and writes nothing but the operation-log row
 * of a match (a check that names an existing person is a lookup); tennyu_commit
 * runs them again inside one transaction and commits the history rows, the
 * household, the 転入通知 to the former municipality (法9①), the 本人確認情報更新
 * (法30の6), the 受付 and the operation-log row — or nothing.
 */
#ifndef TENNYU_H
#define TENNYU_H

#include "app/app_ctx.h"
#include "app/check.h"
#include "db/db_resident.h"

#define WF_MAX_PERSONS 16

/* One mover, as on the 転出証明書 (text as typed; the workflow normalises it). */
struct tennyu_person {
	char name[DB_NAME_CAP];          /* 氏名 */
	char name_kana[DB_NAME_CAP];     /* 振り仮名 (kana) */
	char birth[DB_DATE_CAP];         /* 生年月日, ISO (00 for unknown parts) */
	char sex[2];                     /* '1' / '2' */
	char zokugara[64];               /* 続柄 (世帯主 for the head) */
	char honseki[DB_ADDR_CAP];       /* 本籍 */
	char hittosha[DB_NAME_CAP];      /* 筆頭者 */
	char kojin_bango[64];            /* 個人番号 (digits, any width: normalised to 12 ASCII) */
	char juminhyo_code[64];          /* 住民票コード (likewise, 11) */
	int kokuho, kouki, kaigo;        /* 令23② 三 */
	char nenkin_kind[64];            /* 令23② 四: 種別 as typed ("第1号被保険者", "第１号"…);
	                                  * stored short ("第1号"), at most 15 bytes */
	char kiso_nenkin_no[64];         /* 基礎年金番号 (any width, hyphens/spaces allowed:
	                                  * normalised to 10 ASCII digits, 4+6) */
	int jidou_teate;                 /* 令23② 五 */
	char card_issued[DB_DATE_CAP];   /* 個人番号カード, "" = none */
	char card_expiry[DB_DATE_CAP];
	char reuse_atena[DB_ID_CAP];     /* clerk's choice on a 3-item 除票 match ("" = new) */
};

struct tennyu_req {
	char prev_address[DB_ADDR_CAP];  /* 従前の住所 */
	char prev_muni_code[32];         /* its 全国地方公共団体コード (any width) */
	char tennyu_date[DB_DATE_CAP];   /* 転入日 (異動日) */
	char todoke_date[DB_DATE_CAP];   /* 届出日 ("" = today) */
	char addr_code[DB_ID_CAP];       /* new address: 町字 code */
	char banchi[128];                /* 番地 */
	char katagaki[DB_NAME_CAP];      /* 方書 */
	char join_setai[DB_ID_CAP];      /* join this 世帯 ("" = a new household) */
	int n;                           /* movers */
	struct tennyu_person p[WF_MAX_PERSONS];
	int alerts_acknowledged;         /* the clerk acknowledged every alert */
	char workflow[32];               /* "" = "tennyu"; "tokurei_tennyu" from tokurei.c */
	char prior_alerts[256];          /* alerts the caller's own checks raised (comma list) */
};

struct tennyu_result {
	struct check_list checks;
	char last_day[DB_DATE_CAP];      /* 転入日 + 14, rolled to an open day (地方自治法4条の2④) */
	char uketsuke_no[24];            /* after a commit */
	char setai_no[DB_ID_CAP];
	char atena[WF_MAX_PERSONS][DB_ID_CAP];
	int reentry[WF_MAX_PERSONS];     /* 1: 再転入, 宛名番号 reused (標準仕様 4.1.1.2) */
	char match_atena[WF_MAX_PERSONS][DB_ID_CAP]; /* a 3-item match the clerk must judge */
};

/*
 * tennyu_check — run the checks. OUT: *res. Returns 0 (see res->checks),
 * MG_EPERM, or a db code. Writes nothing to the registry; when a mover
 * matches an existing resident or 除票 (res names its 宛名番号) and no
 * transaction is open on ctx->db, it writes one operation-log row
 * (AUDIT_SEARCH, detail "criteria=tennyu_check match=id|3items count=N
 * atena=NNN,NNN" — ids only, never the 個人番号). Inside a transaction (the
 * re-check of a commit, e.g. tokurei_commit) it logs nothing, so one commit
 * is logged once. When that row cannot be written, *res is cleared and the
 * db code is returned: no 宛名番号 is shown unlogged.
 */
int tennyu_check(struct app_ctx *ctx, const struct tennyu_req *req, struct tennyu_result *res);

/*
 * tennyu_normalise — normalise the request's text in place, as the checks
 * do first: names NFC, kana to katakana, ids, codes and the 基礎年金番号 to
 * ASCII digits, the 国民年金の種別 to its short form ("第1号被保険者",
 * "第１号", "1" → "第1号"). A field that cannot be normalised is left as it
 * is and reported in l (may be NULL). Idempotent; touches no database. A
 * screen calls it to show exactly what a commit will store.
 */
void tennyu_normalise(struct tennyu_req *q, struct check_list *l);

/*
 * tennyu_commit — check and commit in one transaction. OUT: *res.
 * Returns 0 (committed: res->uketsuke_no), MG_ERULE (errors, or alerts not
 * acknowledged: nothing written), MG_EPERM, or a db code (nothing written).
 */
int tennyu_commit(struct app_ctx *ctx, const struct tennyu_req *req, struct tennyu_result *res);

/*
 * tennyu_apply — the checks and writes of tennyu_commit inside a transaction
 * the caller opened (特例転入 builds its request from the 転出証明書情報 and
 * calls this). Returns 0 or a code; the caller commits or rolls back.
 */
int tennyu_apply(struct app_ctx *ctx, const struct tennyu_req *req, struct tennyu_result *res);

/*
 * tennyu_notice_send — queue the 転入通知 (法9①) of the history row r (the
 * row a 転入 wrote: 氏名, 生年月日, 性別, 新住所, 転入日 = its 異動日) to the
 * former municipality to_code, dated notice_date, for the 受付 uketsuke_no.
 * The 転入 calls it in its transaction; resend calls it to rebuild a message
 * the former municipality could not take. OUT: id_out[48] (may be NULL),
 * the new message's id. Returns 0 or a code.
 */
int tennyu_notice_send(struct app_ctx *ctx, const struct db_resident *r, const char *to_code,
                       const char *uketsuke_no, const char *notice_date, char *id_out);

#endif
