/*
 * deliver.h — the delivery step between this registry and the CS exchange
 * file (ARCHITECTURE.md §3): outbox → exchange, exchange → inbox, and the
 * automatic answer to on-demand 転出証明書情報 requests (法24の2⑤⑥).
 *
 * Idempotent: a message id is posted once (a re-post of the same message is
 * harmless; an id held by a different message is refused and the message
 * kept) and applied once (inbox_seen); each side commits before the other is
 * told, so a crash between steps loses nothing and duplicates nothing — the
 * next run finishes. The operation log row of each step is written in the
 * local transaction of that step (the push's marking, each pulled batch),
 * counting only what this process moved.
 */
#ifndef DELIVER_H
#define DELIVER_H

#include "app/app_ctx.h"

struct deliver_stats {
	int sent;        /* outbox messages posted to the exchange */
	int received;    /* new messages stored in the inbox */
	int duplicates;  /* messages seen before (not applied again) */
	int rejected;    /* refused messages (malformed, too large, bad id or sender, a
	                  * request not answered): acknowledged, recorded in inbox_seen
	                  * with id, kind, sender, error, size and SHA-256, never the payload */
	int answered;    /* on-demand requests answered */
	int refused;     /* requests refused and told so (tenshutsu_refusal queued; rv13dom L4);
	                  * counted in rejected too */
	int conflicts;   /* outbox messages whose id the exchange holds for a different
	                  * message (a registry restored from a backup): kept, not sent */
	int counter_advanced; /* 1: the message counter was below a serial already used
	                       * (restored registry) and was moved past it */
};

/*
 * deliver_run — one full delivery with the exchange at cs_path, which must
 * already exist (db_outbox_cs_create / `madoguchi cs-init`): it is never
 * created here. Payloads over CSMSG_MAX_SIZE are not loaded; message ids are
 * validated (csmsg_id_valid) and every offered message is acknowledged under
 * its exact id. A 転出証明書情報 request is answered only when its 4情報 match
 * the 特例転出, once per request (a later one is answered again), and logged. A well-formed
 * request from a valid municipality that is refused for a reason
 * tokurei_refusal_reason_known names is answered, once per request id, with
 * a "tenshutsu_refusal" message (answer_to = the request's id, reason = the
 * code; nothing of the person). A received refusal is taken only for a
 * request we sent to its sender, with a known reason and no other field
 * (else rejected: "unknown_request", "reason_unknown", "unexpected_field",
 * "already_refused"), stored (tokurei_request_status) and logged. A
 * 転出証明書情報 is not kept when a copy of it is held (a differing copy is
 * rejected, "copy_differs") or its person is registered here already.
 * Received messages are taken in batches of DELIVER_BATCH (one local
 * transaction and one acknowledgement each; requests last, so a 転入通知 of
 * the batch is stored first), so memory stays bounded whatever the backlog.
 * OUT: *st. Returns 0, MG_ECS_IDCONFLICT (the run finished, but st->conflicts
 * messages stay in the outbox: their ids are used in the exchange by other
 * messages; the operation log names them), MG_ECS_MISSING, MG_ECS_NOTFILE or MG_ECS_NOTCS (the
 * path is not an exchange: nothing sent, nothing written to it),
 * MG_ECS_READONLY (checked before the exchange is opened, so no -shm is left
 * behind), MG_ECS_FULL, MG_ECS_IO, MG_ECS_BUSY, MG_ECS (no path, or another
 * failure on the exchange), MG_EPERM, or a registry code. Blocks on the
 * SQLite busy timeout.
 */
int deliver_run(struct app_ctx *ctx, const char *cs_path, struct deliver_stats *st);

/* deliver_cs_failed — 1 when deliver_run's rc is about the exchange file
 * (its message should name the exchange path), else 0. */
int deliver_cs_failed(int rc);

/* Received messages per local transaction and acknowledgement. */
#define DELIVER_BATCH 200

/*
 * deliver_fault_hook — for the crash tests only: when set, called after each
 * step ("posted", "marked", "stored", "acked"); a non-zero return aborts the
 * run there as if the process had died.
 */
extern int (*deliver_fault_hook)(const char *step);

#endif
