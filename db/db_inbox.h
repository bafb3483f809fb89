/*
 * db_inbox.h — what other municipalities sent us: 転出証明書情報 (for 特例転入,
 * kept until 予定日 + 30, 令24の4), 転入通知 (applied here as 転出確定), and the
 * register of every message id received (never applied twice).
 */
#ifndef DB_INBOX_H
#define DB_INBOX_H

#include <stddef.h>
#include "db/db.h"

/* One person of a received 転出証明書情報 (令24の3 items). */
struct db_tenshutsu_info {
	char msg_id[48];
	char group_id[48];        /* members who moved together share it */
	char from_code[7];
	char from_name[96];
	char received_at[24];
	char expires_on[11];      /* 転出予定日 + 30; an answer: later (deliver.c) */
	char consumed_by[24];     /* 受付番号 of the 特例転入, "" while unused */
	char name[256];
	char name_kana[256];
	char birth[11];
	char sex[2];
	int is_head;
	char zokugara[64];
	char head_name[256];
	char honseki[512];
	char hittosha[256];
	char kojin_bango[13];
	char juminhyo_code[12];
	char prev_address[512];   /* 転出前の住所: 都道府県 … 番地 */
	char prev_katagaki[256];  /* and its 方書, "" when none (or not sent) */
	char dest_address[512];
	char planned_date[11];
	int kokuho, kouki, kaigo;
	char nenkin_kind[64];
	char kiso_nenkin_no[16];
	int jidou_teate;
	int card_holder;
	char card_issued[11];
	char card_expiry[11];
};

/* One received 転入通知. */
struct db_notice {
	char msg_id[48];
	char from_code[7];
	char from_name[96];
	char received_at[24];
	char juminhyo_code[12];
	char kojin_bango[13];
	char name[256];
	char birth[11];
	char sex[2];
	char new_address[512];
	char tennyu_date[11];
	char notice_date[11];
	char applied_by[24];      /* 受付番号 once applied, "" before */
	char atena_no[16];        /* the person it matched, once applied */
	char declined[24];        /* why it was set aside (受理しない), "" when applied or pending */
};

/* One received message id, as recorded (never its payload). */
struct db_seen {
	const char *msg_id;       /* the id, or "invalid:<sha256>" for an unusable one */
	const char *kind;
	const char *from_code;    /* "" when unusable */
	const char *received_at;
	const char *status;       /* "ok" or "rejected" */
	const char *error;        /* short reason of a rejection ("" when ok) */
	long long size;           /* payload bytes as offered; -1 when none */
	const char *sha256;       /* hex SHA-256 of the payload as offered ("" = none) */
};

/*
 * db_inbox_seen — record a message id; returns 1 when it is new (and
 * recorded), 0 when it was seen before, or a negative code. Only what a
 * clerk needs to ask the sender for a resend is kept: id, kind, sender,
 * time, status, error, size and SHA-256 — never the payload (a rejected
 * 転出証明書情報 would otherwise outlive its 令24の4 erasure).
 */
int db_inbox_seen(struct db *db, const struct db_seen *s);

/*
 * db_inbox_seen_prior — the record of msg_id. OUT: status ("ok" or
 * "rejected") and sha256 ("" when not kept). Returns 1 (found), 0 (never
 * seen) or a negative code.
 */
int db_inbox_seen_prior(struct db *db, const char *msg_id, char status[16], char sha256[65]);

/* db_inbox_seen_replace — overwrite the record of s->msg_id with s (a new
 * body offered under an id we rejected). Returns 0 or a negative code. */
int db_inbox_seen_replace(struct db *db, const struct db_seen *s);

/* db_inbox_seen_error — note why a message recorded as seen was not stored. */
int db_inbox_seen_error(struct db *db, const char *msg_id, const char *error);

/* db_inbox_rejected_count — messages kept as rejected. */
int db_inbox_rejected_count(struct db *db, long long *n);

/*
 * db_inbox_add_info — store a 転出証明書情報 row, unless a row of the same
 * person (from_code, group_id, juminhyo_code) is already held (a second copy
 * of the same 転出: the push and the answer to a request). A held copy not
 * yet used takes t's expires_on when that is later. Returns 1 (stored), 0
 * (the same copy was held: nothing else stored), 2 (a copy with a field
 * that differs was held: nothing changed) or a code.
 */
int db_inbox_add_info(struct db *db, const struct db_tenshutsu_info *t);

/*
 * db_inbox_info_by_kojin / _by_jcode — the newest unconsumed row for a
 * 個人番号 / 住民票コード still kept on day_iso (expires_on >= day_iso).
 * OUT: *out. 0 or MG_ENOTFOUND.
 */
int db_inbox_info_by_kojin(struct db *db, const char *kojin_bango, const char *day_iso,
                           struct db_tenshutsu_info *out);
int db_inbox_info_by_jcode(struct db *db, const char *juminhyo_code, const char *day_iso,
                           struct db_tenshutsu_info *out);

/*
 * db_inbox_info_group — every row of the group group_id sent by from_code (head
 * first), calling fn for each. Group ids are the sender's 受付番号, so two
 * municipalities may use the same one: the sender is part of the key.
 */
int db_inbox_info_group(struct db *db, const char *from_code, const char *group_id,
                        int (*fn)(void *arg, const struct db_tenshutsu_info *t), void *arg);

/* db_inbox_info_consume — mark a row used by a 特例転入 (MG_ESTATE if already used). */
int db_inbox_info_consume(struct db *db, const char *msg_id, const char *uketsuke_no);

/* db_inbox_info_expire — erase the rows whose expires_on < today_iso (令24の4). OUT: *n. */
int db_inbox_info_expire(struct db *db, const char *today_iso, long long *n);

/* db_inbox_add_notice — store a received 転入通知. */
int db_inbox_add_notice(struct db *db, const struct db_notice *n);

/* db_inbox_notices — notices, unapplied only when pending_only, oldest first. */
int db_inbox_notices(struct db *db, int pending_only,
                     int (*fn)(void *arg, const struct db_notice *n), void *arg);

/*
 * db_inbox_notice_pending_for — 1 when a received 転入通知 not applied yet
 * names the person (by 住民票コード or 個人番号; "" or NULL matches
 * nothing), 0 when none does, or a negative code.
 */
int db_inbox_notice_pending_for(struct db *db, const char *juminhyo_code,
                                const char *kojin_bango);

/*
 * db_inbox_notices_pending_for — each received 転入通知 not applied yet that
 * names the person (as db_inbox_notice_pending_for), oldest first, to fn
 * (may be NULL; a non-zero return stops the walk). Returns the number
 * walked or a negative code.
 */
int db_inbox_notices_pending_for(struct db *db, const char *juminhyo_code,
                                 const char *kojin_bango,
                                 int (*fn)(void *arg, const struct db_notice *n), void *arg);

/* db_inbox_notice — one notice by id. 0 or MG_ENOTFOUND. */
int db_inbox_notice(struct db *db, const char *msg_id, struct db_notice *out);

/*
 * db_inbox_notice_applied — settle a pending notice under the 受付番号
 * uketsuke_no: applied to atena_no (declined NULL or ""), or set aside as
 * 受理しない for the reason code declined (atena_no the person it named,
 * NULL or "" when none). Returns 0, MG_ESTATE if it was settled already,
 * or a db code.
 */
int db_inbox_notice_applied(struct db *db, const char *msg_id, const char *uketsuke_no,
                            const char *atena_no, const char *declined);

#endif
