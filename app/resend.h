/*
 * resend.h — sending again a 転入通知 its addressee could not take
 * (標準仕様 7.1.1.1 "resend"; review rv5 L4).
 *
 * A receiver that rejects a message keeps no payload and tells its clerk to
 * ask the sender to send again, quoting the message id. The sender keeps no
 * payload of a delivered message either (migration 005), so the message is
 * rebuilt from what the 転入 wrote: the person's history row of that 受付
 * (append-only, so later changes do not alter it), dated as the original
 * (the row's 処理日). It leaves as a new message with a new id; the
 * operation log ties the two ids together.
 *
 * Only the 転入通知 is rebuilt this way. A 転出証明書情報 is asked for again
 * by the new municipality (the on-demand request, 法24の2⑤⑥), and the
 * 本人確認情報更新 goes to the CS, which has its own resend procedure.
 */
#ifndef RESEND_H
#define RESEND_H

#include "app/app_ctx.h"
#include "db/db_resident.h"

struct resend_result {
	const char *why;              /* catalog key when refused (MG_ERULE), else NULL */
	char kind[32];                /* the original message's kind ("" when not found) */
	char to_code[7];
	char uketsuke_no[24];
	char atena_no[DB_ID_CAP];
	char new_msg_id[48];          /* on success */
	char earlier[48];             /* the id it was sent again as before, "" if never */
};

/*
 * resend_message — queue again the 転入通知 msg_id this registry sent, about
 * atena_no (NULL or "": the person the outbox recorded; needed for a message
 * queued before migration 012). Once: a message sent again already
 * (res->earlier) is refused unless force. One transaction: the new outbox
 * row and an AUDIT_DELIVER row (target the old id, detail "resend as=<new
 * id>").
 * OUT: *res. Returns 0; MG_ERULE with res->why when refused (not an id of
 * this municipality, never sent from here, not sent yet, not a 転入通知, the
 * person missing or not the one recorded, no history row of that 受付, sent
 * again already and not force);
 * MG_EPERM; or a db code (nothing written).
 */
int resend_message(struct app_ctx *ctx, const char *msg_id, const char *atena_no, int force,
                   struct resend_result *res);

#endif
