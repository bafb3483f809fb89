/*
 * setai.h — the 世帯主変更届 (法25; 標準仕様 1.1.10): who heads a 世帯 and
 * every other member's 続柄 to him. It is how a 世帯 that a 除票 left
 * without a 世帯主 (wf_setai_takeover, the date job's "headless" list) gets
 * one again, and how a 世帯 changes its 世帯主 of its own accord.
 *
 * The 世帯主 is not an item of the 本人確認情報 (法30の6), so nothing goes
 * to the CS: the change is the members' history rows (異動事由
 * "setainushi_henko"), the 世帯's head, the 受付 and one operation-log row.
 */
#ifndef SETAI_H
#define SETAI_H

#include "app/app_ctx.h"
#include "app/check.h"
#include "app/tennyu.h"
#include "db/db_resident.h"

/* One member of the 世帯 as the 届出 names him. */
struct setai_member {
	char atena_no[DB_ID_CAP];
	char zokugara[64];            /* 続柄 to the new 世帯主 (not 世帯主) */
};

struct setai_req {
	char setai_no[DB_ID_CAP];
	char head_atena[DB_ID_CAP];   /* the new 世帯主, a member living there */
	int n;                        /* every other member, each once */
	struct setai_member m[WF_MAX_PERSONS];
	char idou_date[DB_DATE_CAP];  /* the day the 世帯主 changed */
	char todoke_date[DB_DATE_CAP];/* "" = today */
	int alerts_acknowledged;
};

struct setai_result {
	struct check_list checks;
	char last_day[DB_DATE_CAP];   /* 法25: 異動日 + 14, past a 休日 */
	char uketsuke_no[24];         /* on a commit */
};

/*
 * setai_henko_check — every check of the 届出, no writes: the 世帯 exists
 * and is not closed; the new 世帯主 lives in it (not 転出予定); every other
 * member living there is named once with an allowed 続柄, and nobody else;
 * something changes; 届出日 rules (wf_todoke), 異動日 <= 届出日; a filing
 * after 異動日 + 14 (rolled past a 休日) is an alert. Person indexes of
 * the findings: -1 the 届出, 0 the new 世帯主, i + 1 member m[i].
 * Returns 0 (see res->checks), MG_EPERM or a db code.
 */
int setai_henko_check(struct app_ctx *ctx, struct setai_req *req, struct setai_result *res);

/*
 * setai_henko_commit — check again inside one transaction and write it:
 * a history row per member whose 続柄 or 世帯主 changes, the 世帯's head,
 * the 受付 (with the acknowledged alerts) and the log row. Returns 0,
 * MG_ERULE (res->checks says why; nothing written), MG_EPERM or a db code.
 */
int setai_henko_commit(struct app_ctx *ctx, struct setai_req *req, struct setai_result *res);

#endif
