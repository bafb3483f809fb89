/*
 * db_outbox.h — messages to other municipalities and the CS, written in the
 * transaction of the change that causes them, and the CS exchange file that
 * `deliver` moves them through (ARCHITECTURE.md §3).
 */
#ifndef DB_OUTBOX_H
#define DB_OUTBOX_H

#include <stddef.h>
#include "db/db.h"

/* A message, in the outbox or in the exchange. */
struct db_message {
	char msg_id[48];      /* "<from code>-<serial>": unique across municipalities */
	char kind[32];        /* tenshutsu_info, tennyu_notice, honnin_update, tenshutsu_request */
	char from_code[7];
	char to_code[7];      /* a 団体コード, or "CS" for the prefecture/機構 side */
	char created_at[24];
	char uketsuke_no[24];
	char *payload;        /* key=value lines (app/csmsg.h); owned by the struct's user */
};

/* db_outbox_add — queue a message (call inside the change's transaction). */
int db_outbox_add(struct db *db, const struct db_message *m);

/*
 * db_outbox_unsent — the unsent messages, oldest first; fn gets a message
 * whose payload is borrowed for the call only. Returns the count or a code.
 */
int db_outbox_unsent(struct db *db, int (*fn)(void *arg, const struct db_message *m), void *arg);

/* db_outbox_mark_sent — move a delivered message to outbox_sent (idempotent). */
int db_outbox_mark_sent(struct db *db, const char *msg_id, const char *sent_at);

/*
 * db_outbox_cs_open — open (creating if needed) a CS exchange file and its
 * schema. OUT: *out. Returns 0 or a code (MG_ECS wrapping is the caller's).
 */
int db_outbox_cs_open(const char *path, struct db **out);

/* db_outbox_cs_post — put a message into the exchange; an existing id is left alone. */
int db_outbox_cs_post(struct db *cs, const struct db_message *m, const char *posted_at);

/*
 * db_outbox_cs_pending — messages addressed to to_code not yet fetched, oldest
 * first; payload borrowed for the call. Returns the count or a code.
 */
int db_outbox_cs_pending(struct db *cs, const char *to_code,
                         int (*fn)(void *arg, const struct db_message *m), void *arg);

/* db_outbox_cs_ack — mark a message fetched by its addressee and blank its
 * payload: the addressee holds it now, the exchange keeps only the id
 * (idempotent). */
int db_outbox_cs_ack(struct db *cs, const char *msg_id, const char *fetched_at);

/* db_outbox_cs_count — messages in the exchange from a code to a code (NULL = any). */
int db_outbox_cs_count(struct db *cs, const char *from_code, const char *to_code,
                       const char *kind, long long *n);

#endif
