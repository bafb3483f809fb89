/*
 * db_outbox.h — messages to other municipalities and the CS, written in the
 * transaction of the change that causes them, and the CS exchange file that
 * `deliver` moves them through (ARCHITECTURE.md §3).
 *
 * The exchange is created only by an explicit set-up step (db_outbox_cs_create,
 * `madoguchi cs-init`); delivery opens an existing one (db_outbox_cs_attach),
 * so a misspelt or unmounted path never receives the outbox.
 */
#ifndef DB_OUTBOX_H
#define DB_OUTBOX_H

#include <stddef.h>
#include "db/db.h"

/* What db_outbox_cs_pending found wrong with a row (struct db_message.bad). */
enum db_message_bad {
	DB_MSG_BAD_ID = 1,      /* msg_id not text, holds a NUL or does not fit msg_id[] */
	DB_MSG_BAD_KIND = 2,    /* kind not text, holds a NUL or does not fit kind[] */
	DB_MSG_BAD_FROM = 4,    /* from_code not text of 6 bytes */
	DB_MSG_BAD_OTHER = 8    /* created_at / uketsuke_no not text or too long */
};

/* A message, in the outbox or in the exchange. */
struct db_message {
	char msg_id[48];      /* "<from code>-<serial>": unique across municipalities */
	char kind[32];        /* tenshutsu_info, tennyu_notice, honnin_update, tenshutsu_request,
	                       * tenshutsu_refusal */
	char from_code[7];
	char to_code[7];      /* a 団体コード, or "CS" for the prefecture/機構 side */
	char created_at[24];
	char uketsuke_no[24];
	char atena_no[16];    /* outbox / outbox_sent: the person it is about, "" = none */
	char *payload;        /* key=value lines (app/csmsg.h); owned by the struct's user */
	long long seq;        /* outbox only: the serial of msg_id, the row's key */
	/* Set by db_outbox_cs_pending only (zero/NULL elsewhere): */
	size_t payload_len;   /* bytes at payload (a BLOB may hold NUL bytes) */
	long long size;       /* bytes of the stored payload; -1 when NULL or not text/blob */
	int over_cap;         /* size > the caller's cap: payload NULL, never read whole */
	char sha256[65];      /* hex SHA-256 of the stored payload bytes ("" when size < 0) */
	unsigned bad;         /* enum db_message_bad bits */
	const char *raw_id;   /* msg_id exactly as stored (raw_id_len bytes; borrowed) */
	size_t raw_id_len;
	int raw_id_blob;      /* 1: the id is stored as a BLOB, 0: as text */
	int raw_id_null;      /* 1: the id is NULL (raw_id ""): no valid message */
	char raw_id_sha256[65]; /* hex SHA-256 of 't'|'b' + the raw id bytes */
	long long cs_rowid;   /* the exchange row, for db_outbox_cs_ack */
};

/* db_outbox_add — queue a message under its seq (call inside the change's
 * transaction). A seq already queued fails with MG_ECONSTRAINT. */
int db_outbox_add(struct db *db, const struct db_message *m);

/*
 * db_outbox_unsent — the unsent messages in seq order (oldest first); fn
 * gets a message whose payload is borrowed for the call only. Returns the
 * count or a code.
 */
int db_outbox_unsent(struct db *db, int (*fn)(void *arg, const struct db_message *m), void *arg);

/*
 * db_outbox_mark_sent — move the delivered message of seq (as read by
 * db_outbox_unsent) to outbox_sent (idempotent). Returns 1 when this call
 * moved it, 0 when it was no longer in the outbox (another delivery moved it
 * first), or a code.
 */
int db_outbox_mark_sent(struct db *db, long long seq, const char *sent_at);

/*
 * db_outbox_msg_counter_guard — the message counter ('msg') against every
 * serial already used: our ids "<prefix>-<serial>" (nine digits, as
 * wf_message writes them) in outbox_sent and the outbox, and floor (e.g.
 * the highest serial of ours the exchange holds). Reads the highest id,
 * not every message sent.
 * When the counter is below the highest of them (a registry restored from
 * a backup), it is advanced to it, so the next id is new. Call inside a
 * transaction. OUT: *before, *after (the counter's value; equal when not
 * moved). Returns 1 (advanced), 0 (it was fine) or a code.
 */
int db_outbox_msg_counter_guard(struct db *db, const char *prefix, long long floor,
                                long long *before, long long *after);

/*
 * db_outbox_cs_rc — the code of a failure on the exchange, told from the
 * registry's: MG_ECS_BUSY (in use by another terminal), MG_ECS_READONLY,
 * MG_ECS_FULL, MG_ECS_IO, MG_ENOMEM (kept), or MG_ECS; 0 stays 0.
 */
int db_outbox_cs_rc(int rc);

/*
 * db_outbox_cs_attach — open an existing CS exchange file, never creating
 * one. OUT: *out (close with db_close). Returns 0, MG_ECS_MISSING (no such
 * file), MG_ECS_NOTFILE (a directory or other non-regular file),
 * MG_ECS_NOTCS (empty, not SQLite, or no usable `message` table; nothing is
 * written to it), MG_ECS_READONLY (the file, its folder or its -wal / -shm
 * file cannot be written: checked before opening, so nothing is created),
 * or a code of db_outbox_cs_rc (cannot be opened).
 */
int db_outbox_cs_attach(const char *path, struct db **out);

/*
 * db_outbox_cs_create — the explicit set-up step: create a new exchange file
 * (mode 0600) with its schema. OUT: *out. Returns 0, MG_EEXISTS (path is
 * already a usable exchange: *out is that exchange, opened), the refusals of
 * db_outbox_cs_attach for an existing path that is not an exchange (never
 * overwritten), or MG_EIO (the file cannot be created).
 */
int db_outbox_cs_create(const char *path, struct db **out);

/*
 * db_outbox_cs_post — put a message into the exchange. Returns 0 (posted),
 * 1 (this same message was posted before: a re-post after a crash, left
 * alone), MG_EEXISTS (the id is held by a different message — the sender's
 * counter went back, e.g. a registry restored from a backup: nothing
 * written, the caller must keep its message), or a code. "The same" means
 * the same kind, codes, created_at and 受付番号, and the same payload unless
 * the addressee has fetched (and so blanked) it.
 */
int db_outbox_cs_post(struct db *cs, const struct db_message *m, const char *posted_at);

/*
 * db_outbox_cs_max_serial — the highest serial of the ids "<from_code>-<serial>"
 * (nine digits) the exchange holds from from_code (0 when none); one index
 * descent. OUT: *max. 0 or a code.
 */
int db_outbox_cs_max_serial(struct db *cs, const char *from_code, long long *max);

/*
 * db_outbox_cs_pending — messages addressed to to_code not yet fetched,
 * oldest first. Each row is checked as it is read: its columns exactly as
 * stored (raw_id, bad), and its payload's size and SHA-256, read in pieces;
 * a payload larger than max_size bytes is never loaded (payload NULL,
 * over_cap 1). fn gets a message whose payload and raw_id are borrowed for
 * the call. Returns the count or a code.
 */
int db_outbox_cs_pending(struct db *cs, const char *to_code, size_t max_size,
                         int (*fn)(void *arg, const struct db_message *m), void *arg);

/*
 * db_outbox_cs_ack — mark the message m that db_outbox_cs_pending read
 * (its exchange row, with its msg_id exactly as stored: text, BLOB or NULL)
 * fetched by its addressee and blank its payload: the addressee holds it
 * now, the exchange keeps only the id (idempotent). A row without a usable
 * id is marked too, so it never comes back (rv19cs 2). Returns the number
 * of rows marked now (0 when it was already marked) or a code.
 */
int db_outbox_cs_ack(struct db *cs, const struct db_message *m, const char *fetched_at);

/* db_outbox_cs_count — messages in the exchange from a code to a code (NULL = any). */
int db_outbox_cs_count(struct db *cs, const char *from_code, const char *to_code,
                       const char *kind, long long *n);

/*
 * db_outbox_answer_once — record that the 転出証明書情報 of group (a 特例転出's
 * 受付番号, or "受付番号/宛名番号" for one member answered alone) is sent to
 * requester in answer to request_id (法24の2⑥): once per request. Call inside
 * the transaction that queues the answer. OUT: *nth, the answers of group to
 * requester so far, this one included (2 or more: a repeat, for the log).
 * Returns 1 (recorded now), 0 (this request was answered before) or a code.
 */
int db_outbox_answer_once(struct db *db, const char *group, const char *requester,
                          const char *request_id, const char *answered_at, int *nth);

/*
 * db_outbox_sent_by_us — 1 when this registry queued (or sent) a message
 * msg_id of kind to to_code, 0 when not, or a code.
 */
int db_outbox_sent_by_us(struct db *db, const char *msg_id, const char *kind, const char *to_code);

/*
 * db_outbox_find — a message this registry queued or sent, by its id: kind,
 * to_code, created_at, uketsuke_no and atena_no ("" when the row has none)
 * into *out (no payload: a sent one keeps none). OUT: *sent 1 when it has
 * left for the exchange, 0 while still queued. Returns 0, MG_ENOTFOUND or
 * a code.
 */
int db_outbox_find(struct db *db, const char *msg_id, struct db_message *out, int *sent);

/*
 * Requests for a 転出証明書情報 (法24の2⑤) and their refusals (rv13dom L4).
 *
 * db_outbox_refusal_once — the former municipality: record that the request
 * request_id of requester is refused with an answer (reason, a code), once
 * per request id. Call inside the transaction that queues the answer.
 * Returns 1 (recorded now: send the answer), 0 (refused before: do not
 * answer again) or a code.
 */
int db_outbox_refusal_once(struct db *db, const char *request_id, const char *requester,
                           const char *reason, const char *refused_at);

/*
 * db_outbox_request_add — the requester: record the request request_id
 * sent to to_code on requested_on (ISO date) for the card's 個人番号
 * kojin_bango, kept until
 * keep_until (ISO date; erased by db_outbox_request_expire). Call inside the
 * transaction that queues the request. Returns 0 or a code.
 */
int db_outbox_request_add(struct db *db, const char *request_id, const char *to_code,
                          const char *kojin_bango, const char *requested_on,
                          const char *keep_until);

/* A received refusal of one of our requests. */
struct db_refusal {
	char msg_id[48];          /* the refusal's id */
	char request_id[48];      /* our request it answers */
	char from_code[7];
	char reason[32];
	char received_at[24];
};

/*
 * db_outbox_refusal_add — store a received refusal (the caller has checked
 * that request_id is a request we sent to from_code). Returns 1 (stored),
 * 0 (a refusal of that request is held already: nothing stored) or a code.
 */
int db_outbox_refusal_add(struct db *db, const struct db_refusal *r);

/* The newest request recorded for a 個人番号, and its refusal if any. */
struct db_request_state {
	char request_id[48];
	char to_code[7];
	char requested_on[11];    /* ISO date */
	int refused;              /* 1: r holds the refusal of request_id */
	struct db_refusal r;
};

/*
 * db_outbox_request_for — the newest request for kojin_bango still kept on
 * day_iso (keep_until >= day_iso), with its refusal when one was received.
 * OUT: *out. Returns 0, MG_ENOTFOUND (no request kept) or a code.
 */
int db_outbox_request_for(struct db *db, const char *kojin_bango, const char *day_iso,
                          struct db_request_state *out);

/*
 * db_outbox_request_expire — erase the requests whose keep_until < today_iso
 * (their 個人番号 with them) and the refusals of those requests. OUT: *n
 * (requests erased). Returns 0 or a code.
 */
int db_outbox_request_expire(struct db *db, const char *today_iso, long long *n);

#endif
