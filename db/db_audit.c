/* db_audit.c — the operation log table: hash-chained append, walk, verify. */
#include "db/db_audit.h"
#include "db/db.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/mg_rc.h"

#include <sys/stat.h>

#include <errno.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char DB_AUDIT_DOMAIN[] = "madoguchi-audit-v1";

/* SHA-256 fetched from the provider once: an implicit fetch on every row
 * (EVP_sha256() in EVP_DigestInit_ex) costs more than hashing the row. */
static EVP_MD *db_audit_sha256;
static pthread_once_t db_audit_sha256_once = PTHREAD_ONCE_INIT;

static void db_audit_sha256_fetch(void)
{
	db_audit_sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
}

/* Feed one length-prefixed field (NULL → length 0xFFFFFFFF) to the digest. */
static int db_audit_field(EVP_MD_CTX *md, const char *s, size_t n)
{
	unsigned char len[4];
	uint32_t v = s ? (uint32_t)n : 0xFFFFFFFFu;

	len[0] = (unsigned char)(v >> 24);
	len[1] = (unsigned char)(v >> 16);
	len[2] = (unsigned char)(v >> 8);
	len[3] = (unsigned char)v;
	if (EVP_DigestUpdate(md, len, 4) != 1)
		return MG_ECRYPTO;
	if (s && n && EVP_DigestUpdate(md, s, n) != 1)
		return MG_ECRYPTO;
	return 0;
}

/* Feed a text field (NULL allowed). */
static int db_audit_text(EVP_MD_CTX *md, const char *s)
{
	return db_audit_field(md, s, s ? strlen(s) : 0);
}

/* Feed an integer field as decimal ASCII. */
static int db_audit_int(EVP_MD_CTX *md, long long v)
{
	char buf[24];
	int n = snprintf(buf, sizeof buf, "%lld", v);

	return db_audit_field(md, buf, (size_t)n);
}

int db_audit_hash(const struct db_audit_row *r, unsigned char out[DB_AUDIT_HASH_LEN])
{
	EVP_MD_CTX *md;
	unsigned int len = 0;
	int rc = MG_ECRYPTO;

	if (pthread_once(&db_audit_sha256_once, db_audit_sha256_fetch) != 0 || !db_audit_sha256)
		return MG_ECRYPTO;
	md = EVP_MD_CTX_new();
	if (!md)
		return MG_ECRYPTO;
	if (EVP_DigestInit_ex(md, db_audit_sha256, NULL) != 1 ||
	    EVP_DigestUpdate(md, DB_AUDIT_DOMAIN, sizeof DB_AUDIT_DOMAIN) != 1)
		goto out;
	rc = db_audit_int(md, r->seq);
	if (rc == 0)
		rc = db_audit_int(md, r->at);
	if (rc == 0)
		rc = db_audit_text(md, r->operator_id);
	if (rc == 0)
		rc = db_audit_text(md, r->terminal);
	if (rc == 0)
		rc = db_audit_text(md, r->action);
	if (rc == 0)
		rc = db_audit_text(md, r->target);
	if (rc == 0)
		rc = db_audit_text(md, r->detail);
	if (rc == 0 && EVP_DigestUpdate(md, r->prev_hash, DB_AUDIT_HASH_LEN) != 1)
		rc = MG_ECRYPTO;
	if (rc == 0 && (EVP_DigestFinal_ex(md, out, &len) != 1 || len != DB_AUDIT_HASH_LEN))
		rc = MG_ECRYPTO;
out:
	EVP_MD_CTX_free(md);
	return rc;
}

/* Read the last row's seq, time and hash (zeros when the log is empty). */
static int db_audit_last(struct db *db, long long *seq, long long *at,
                         unsigned char hash[DB_AUDIT_HASH_LEN])
{
	static const char sql[] =
		"SELECT seq, at, hash FROM audit ORDER BY seq DESC LIMIT 1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int src;

	*seq = 0;
	*at = 0;
	memset(hash, 0, DB_AUDIT_HASH_LEN);
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		const void *h = sqlite3_column_blob(st, 2);

		*seq = sqlite3_column_int64(st, 0);
		*at = sqlite3_column_int64(st, 1);
		if (h && sqlite3_column_bytes(st, 2) == DB_AUDIT_HASH_LEN)
			memcpy(hash, h, DB_AUDIT_HASH_LEN);
		src = SQLITE_DONE;
	}
	sqlite3_reset(st);
	return src == SQLITE_DONE ? 0 : db_map(src);
}

/* The highest seq ever issued (sqlite_sequence), 0 when none; *found (may be
 * NULL) says whether sqlite_sequence has the log's row at all. */
static int db_audit_maxseq(struct db *db, long long *maxseq, int *found)
{
	static const char sql[] =
		"SELECT seq FROM sqlite_sequence WHERE name = 'audit'";
	sqlite3_stmt *st = db_stmt(db, sql);
	int src;

	*maxseq = 0;
	if (found)
		*found = 0;
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*maxseq = sqlite3_column_int64(st, 0);
		if (found)
			*found = 1;
		src = SQLITE_DONE;
	}
	sqlite3_reset(st);
	return src == SQLITE_DONE ? 0 : db_map(src);
}

/* Insert the row r (seq, hashes filled in) inside the current transaction. */
static int db_audit_insert(struct db *db, const struct db_audit_row *r)
{
	static const char sql[] =
		"INSERT INTO audit (seq, at, operator, terminal, action, target, detail,"
		" prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_int(st, 1, r->seq);
	db_bind_int(st, 2, r->at);
	db_bind_text(st, 3, r->operator_id);
	db_bind_text(st, 4, r->terminal);
	db_bind_text(st, 5, r->action);
	db_bind_text(st, 6, r->target);
	db_bind_text(st, 7, r->detail);
	sqlite3_bind_blob(st, 8, r->prev_hash, DB_AUDIT_HASH_LEN, SQLITE_TRANSIENT);
	sqlite3_bind_blob(st, 9, r->hash, DB_AUDIT_HASH_LEN, SQLITE_TRANSIENT);
	rc = db_step_done(st);
	/* The row must really be stored under the seq the chain expects: a
	 * changed table (an ON CONFLICT IGNORE constraint) or a trigger could
	 * make the INSERT succeed with nothing written. */
	if (rc == 0 && (sqlite3_changes(db->h) != 1 || sqlite3_last_insert_rowid(db->h) != r->seq))
		rc = MG_EAUDIT_LOST;
	return rc;
}

int db_audit_append(struct db *db, long long at, const char *operator_id,
                    const char *terminal, const char *action, const char *target,
                    const char *detail, long long *seq)
{
	struct db_audit_row r;
	long long last_seq = 0, last_at = 0, maxseq = 0;
	int own_tx = !db->tx, rc;

	if (!operator_id || !terminal || !action)
		return MG_EINVAL;
	if (own_tx) {
		rc = db_begin(db);
		if (rc)
			return rc;
	}
	memset(&r, 0, sizeof r);
	rc = db_audit_last(db, &last_seq, &last_at, r.prev_hash);
	if (rc == 0)
		rc = db_audit_maxseq(db, &maxseq, NULL);
	if (rc == 0) {
		/* seq continues after the highest ever issued, so a gap shows. */
		r.seq = (maxseq > last_seq ? maxseq : last_seq) + 1;
		if (at < 0) {
			r.at = (long long)time(NULL);
			if (r.at < last_at)
				r.at = last_at;
		} else if (at < last_at) {
			rc = MG_EINVAL;
		} else {
			r.at = at;
		}
	}
	r.operator_id = operator_id;
	r.terminal = terminal;
	r.action = action;
	r.target = target;
	r.detail = detail;
	if (rc == 0)
		rc = db_audit_hash(&r, r.hash);
	if (rc == 0)
		rc = db_audit_insert(db, &r);
	if (rc == 0 && seq)
		*seq = r.seq;
	if (own_tx)
		rc = db_finish(db, rc);
	return rc;
}

/* Fill r from the current row of a "SELECT seq, at, operator, …" statement. */
static void db_audit_from_stmt(sqlite3_stmt *st, struct db_audit_row *r)
{
	const void *p;

	r->seq = sqlite3_column_int64(st, 0);
	r->at = sqlite3_column_int64(st, 1);
	r->operator_id = (const char *)sqlite3_column_text(st, 2);
	r->terminal = (const char *)sqlite3_column_text(st, 3);
	r->action = (const char *)sqlite3_column_text(st, 4);
	r->target = (const char *)sqlite3_column_text(st, 5);
	r->detail = (const char *)sqlite3_column_text(st, 6);
	memset(r->prev_hash, 0, DB_AUDIT_HASH_LEN);
	memset(r->hash, 0, DB_AUDIT_HASH_LEN);
	p = sqlite3_column_blob(st, 7);
	if (p && sqlite3_column_bytes(st, 7) == DB_AUDIT_HASH_LEN)
		memcpy(r->prev_hash, p, DB_AUDIT_HASH_LEN);
	p = sqlite3_column_blob(st, 8);
	if (p && sqlite3_column_bytes(st, 8) == DB_AUDIT_HASH_LEN)
		memcpy(r->hash, p, DB_AUDIT_HASH_LEN);
	if (!r->operator_id)
		r->operator_id = "";
	if (!r->terminal)
		r->terminal = "";
	if (!r->action)
		r->action = "";
}

int db_audit_walk(struct db *db, long long from, long long to,
                  int (*fn)(void *arg, const struct db_audit_row *r), void *arg)
{
	/* Not cached: fn may call back into the log (nested walks). */
	static const char sql[] =
		"SELECT seq, at, operator, terminal, action, target, detail, prev_hash, hash"
		" FROM audit WHERE at >= ?1 AND (?2 <= 0 OR at < ?2) ORDER BY seq";
	sqlite3_stmt *st = NULL;
	struct db_audit_row r;
	int src, rc = 0;

	src = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (src != SQLITE_OK)
		return db_map(src);
	db_bind_int(st, 1, from);
	db_bind_int(st, 2, to);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		db_audit_from_stmt(st, &r);
		rc = fn(arg, &r);
		if (rc)
			break;
	}
	if (rc == 0 && src != SQLITE_DONE)
		rc = db_map(src);
	sqlite3_finalize(st);
	return rc;
}

/* ---- recorded heads (anchors) -------------------------------------------- */

int db_audit_anchor_format(const struct db_audit_anchor *a, char out[DB_AUDIT_ANCHOR_TEXT])
{
	int n;

	out[0] = '\0';
	if (!a || a->seq < 0)
		return MG_EINVAL;
	n = snprintf(out, DB_AUDIT_ANCHOR_TEXT, "%07lld:", a->seq);
	if (n < 0 || (size_t)n + 2 * DB_AUDIT_HASH_LEN >= DB_AUDIT_ANCHOR_TEXT) {
		out[0] = '\0';
		return MG_EINVAL;
	}
	i18n_text_hex(a->hash, DB_AUDIT_HASH_LEN, out + n);
	return 0;
}

int db_audit_anchor_parse(const char *s, struct db_audit_anchor *a)
{
	const char *p = s;
	long long seq = 0;
	int digits = 0;

	memset(a, 0, sizeof *a);
	if (!s)
		return MG_EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (++digits > 18)
			return MG_EINVAL;
		seq = seq * 10 + (*p - '0');
	}
	if (digits == 0 || seq < 1 || *p++ != ':')
		return MG_EINVAL;
	if (strlen(p) != 2 * DB_AUDIT_HASH_LEN ||
	    i18n_text_unhex(p, 2 * DB_AUDIT_HASH_LEN, a->hash, DB_AUDIT_HASH_LEN) != DB_AUDIT_HASH_LEN)
		goto bad;
	a->seq = seq;
	return 0;
bad:
	memset(a, 0, sizeof *a);
	return MG_EINVAL;
}

int db_audit_head(struct db *db, struct db_audit_anchor *head)
{
	long long at;

	return db_audit_last(db, &head->seq, &at, head->hash);
}

/* Check the recorded heads against the stored rows (the walk proved the chain). */
static int db_audit_anchors(struct db *db, const struct db_audit_anchor *anchors, size_t n,
                            struct db_audit_verdict *v)
{
	static const char sql[] = "SELECT hash FROM audit WHERE seq = ?1";
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < n; i++) {
		sqlite3_stmt *st = db_stmt(db, sql);
		const char *reason = NULL;
		int src;

		if (!st)
			return db_map(sqlite3_errcode(db->h));
		db_bind_int(st, 1, anchors[i].seq);
		rc = db_bind_check(st);
		if (rc)
			break;
		src = sqlite3_step(st);
		if (src == SQLITE_ROW) {
			const void *h = sqlite3_column_blob(st, 0);

			if (!h || sqlite3_column_bytes(st, 0) != DB_AUDIT_HASH_LEN ||
			    memcmp(h, anchors[i].hash, DB_AUDIT_HASH_LEN) != 0)
				reason = MSG("audit_anchor_mismatch");
		} else if (src == SQLITE_DONE) {
			reason = MSG("audit_anchor_missing");
		} else {
			rc = db_map(src);
		}
		sqlite3_reset(st);
		if (rc == 0 && reason && !v->anchor_reason) {
			v->anchor_seq = anchors[i].seq;
			v->anchor_reason = reason;
		} else if (rc == 0 && !reason) {
			v->anchors_ok++;
		}
	}
	return rc;
}

/* ---- the log's definitions: table, index, append-only triggers ------------ */

/*
 * What db/schema creates for the log (normalised, see db_audit_sql_norm):
 * the table (002_security.sql), its index audit_at, and the two append-only
 * triggers. A migration that changes one of them must change it here too.
 * audit_operator (002, dropped by 004) is accepted with its exact text so
 * that a registry not yet migrated still verifies; audit_resend (015) too,
 * so that one not yet at 015 does.
 */
static const char db_audit_want_table[] =
	"create table audit(seq integer primary key autoincrement,at integer not null,"
	"operator text not null,terminal text not null,action text not null,target text,"
	"detail text,prev_hash blob not null check(length(prev_hash)=32),"
	"hash blob not null check(length(hash)=32))";

/* The indexes and triggers on the log table; required ones must be present. */
static const struct {
	const char *type;        /* "index" | "trigger" */
	const char *name;
	const char *sql;
	int required;
} db_audit_want[] = {
	{ "index", "audit_at", "create index audit_at on audit(at)", 1 },
	{ "index", "audit_operator", "create index audit_operator on audit(operator,at)", 0 },
	{ "index", "audit_resend", "create index audit_resend on audit(target)where action='deliver'"
	                           "and substr(detail,1,10)='resend as='", 0 },
	{ "trigger", "audit_no_update", "create trigger audit_no_update before update on audit begin "
	                                "select raise(abort,'audit rows are append-only');end", 1 },
	{ "trigger", "audit_no_delete", "create trigger audit_no_delete before delete on audit begin "
	                                "select raise(abort,'audit rows are append-only');end", 1 },
};

/* 1 for a character of an SQL word. */
static int db_audit_wordch(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || (unsigned char)c >= 0x80;
}

/* 1 for SQL white space. */
static int db_audit_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/*
 * Normalise SQL text for comparison: comments dropped, ASCII letters folded
 * to lower case and whitespace dropped (one space kept between two words)
 * outside '…' literals, a trailing ';' dropped. OUT: out. Returns 0, or -1
 * when it does not fit.
 */
static int db_audit_sql_norm(const char *in, char *out, size_t cap)
{
	size_t n = 0;
	int quoted = 0, space = 0;

	for (const char *p = in ? in : ""; *p; p++) {
		char c = *p;

		if (!quoted && c == '-' && p[1] == '-') {
			while (p[1] && p[1] != '\n')
				p++;
			space = 1;
			continue;
		}
		if (!quoted && c == '/' && p[1] == '*') {
			p += 2;
			while (*p && !(p[0] == '*' && p[1] == '/'))
				p++;
			if (!*p)
				break;
			p++;
			space = 1;
			continue;
		}
		if (!quoted && db_audit_space(c)) {
			space = 1;
			continue;
		}
		if (!quoted && space && n > 0 && db_audit_wordch(out[n - 1]) && db_audit_wordch(c)) {
			if (n + 1 >= cap)
				return -1;
			out[n++] = ' ';
		}
		space = 0;
		if (c == '\'')
			quoted = !quoted;
		else if (!quoted && c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (n + 1 >= cap)
			return -1;
		out[n++] = c;
	}
	while (n > 0 && out[n - 1] == ';')
		n--;
	out[n] = '\0';
	return 0;
}

/* Note one fault of the log's definitions (the first DB_AUDIT_TRIGGER_FAULTS). */
static void db_audit_trigger_fault(struct db_audit_verdict *v, const char *reason, const char *name)
{
	struct db_audit_trigger_fault *f;
	size_t i = 0;

	v->triggers_ok = 0;
	if (v->n_trigger_faults >= DB_AUDIT_TRIGGER_FAULTS)
		return;
	f = &v->trigger_faults[v->n_trigger_faults++];
	f->reason = reason;
	for (; name && name[i] && i + 1 < sizeof f->name; i++)
		f->name[i] = name[i] > ' ' && name[i] < 0x7f ? name[i] : '?';
	f->name[i] = '\0';
}

/* The catalog key of a fault of kind (0 missing, 1 altered, 2 extra) on an object of type. */
static const char *db_audit_fault_key(const char *type, int kind)
{
	if (strcmp(type, "trigger") == 0)
		return kind == 0 ? MSG("audit_trig_missing")
		     : kind == 1 ? MSG("audit_trig_altered") : MSG("audit_trig_extra");
	if (strcmp(type, "index") == 0)
		return kind == 0 ? MSG("audit_index_missing")
		     : kind == 1 ? MSG("audit_index_altered") : MSG("audit_index_extra");
	return kind == 0 ? MSG("audit_table_missing")
	     : kind == 1 ? MSG("audit_table_altered") : MSG("audit_object_extra");
}

/*
 * Check the definitions of the log: the table audit exactly as the schema
 * creates it, and on it exactly the schema's index and the two append-only
 * triggers, with their text. A table rebuilt with an ON CONFLICT IGNORE
 * constraint, a generated column or a view in its place would drop new rows
 * silently while the chain stays whole. Sets v->table_ok, v->triggers_ok
 * (0 when anything is wrong) and v->trigger_faults. Returns 0 or a db code.
 */
static int db_audit_structure(struct db *db, struct db_audit_verdict *v)
{
	static const char sql[] =
		"SELECT type, name, sql FROM sqlite_master WHERE"
		" (tbl_name = 'audit' COLLATE NOCASE OR name = 'audit' COLLATE NOCASE)"
		" ORDER BY type = 'trigger', name";
	enum { N_WANT = sizeof db_audit_want / sizeof db_audit_want[0] };
	char norm[1024];
	int seen[N_WANT] = { 0 }, table_seen = 0;
	sqlite3_stmt *st = db_stmt(db, sql);
	int src;

	v->triggers_ok = 1;
	v->table_ok = 1;
	v->n_trigger_faults = 0;
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *text = (const char *)sqlite3_column_text(st, 2);
		int is_trigger = type && strcmp(type, "trigger") == 0;
		size_t k = 0;

		if (!type || !name)
			continue;
		if (strcmp(type, "table") == 0 && strcmp(name, "audit") == 0) {
			table_seen = 1;
			if (db_audit_sql_norm(text, norm, sizeof norm) != 0 ||
			    strcmp(norm, db_audit_want_table) != 0) {
				v->table_ok = 0;
				db_audit_trigger_fault(v, db_audit_fault_key(type, 1), name);
			}
			continue;
		}
		while (k < N_WANT && !(strcmp(type, db_audit_want[k].type) == 0 &&
		                       strcmp(name, db_audit_want[k].name) == 0))
			k++;
		if (!is_trigger)
			v->table_ok = k < N_WANT ? v->table_ok : 0;
		if (k == N_WANT) {
			db_audit_trigger_fault(v, db_audit_fault_key(type, 2), name);
			continue;
		}
		seen[k] = 1;
		if (db_audit_sql_norm(text, norm, sizeof norm) != 0 ||
		    strcmp(norm, db_audit_want[k].sql) != 0) {
			if (!is_trigger)
				v->table_ok = 0;
			db_audit_trigger_fault(v, db_audit_fault_key(type, 1), name);
		}
	}
	sqlite3_reset(st);
	if (src != SQLITE_DONE)
		return db_map(src);
	if (!table_seen) {
		v->table_ok = 0;
		db_audit_trigger_fault(v, db_audit_fault_key("table", 0), "audit");
	}
	for (size_t k = 0; k < N_WANT; k++) {
		if (seen[k] || !db_audit_want[k].required)
			continue;
		if (strcmp(db_audit_want[k].type, "trigger") != 0)
			v->table_ok = 0;
		db_audit_trigger_fault(v, db_audit_fault_key(db_audit_want[k].type, 0),
		                       db_audit_want[k].name);
	}
	return 0;
}

/* Set the verdict to "row seq is bad because of reason". */
static int db_audit_bad(struct db_audit_verdict *v, long long seq, const char *reason)
{
	v->bad_seq = seq;
	v->reason = reason;
	return MG_ECHAIN;
}

/* Walk the chain from row 1 (see db_audit_verify_anchored); sets v->rows, v->head. */
static int db_audit_chain(struct db *db, struct db_audit_verdict *v)
{
	static const char sql[] =
		"SELECT seq, at, operator, terminal, action, target, detail, prev_hash, hash"
		" FROM audit ORDER BY seq";
	unsigned char prev[DB_AUDIT_HASH_LEN], h[DB_AUDIT_HASH_LEN];
	sqlite3_stmt *st = NULL;
	struct db_audit_row r;
	long long expect = 1, last_at = 0, maxseq = 0;
	int src, rc = 0, found = 0;

	memset(prev, 0, sizeof prev);
	src = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (src != SQLITE_OK)
		return db_map(src);
	while (rc == 0 && (src = sqlite3_step(st)) == SQLITE_ROW) {
		db_audit_from_stmt(st, &r);
		v->rows++;
		v->head.seq = r.seq;
		memcpy(v->head.hash, r.hash, DB_AUDIT_HASH_LEN);
		if (sqlite3_column_bytes(st, 7) != DB_AUDIT_HASH_LEN ||
		    sqlite3_column_bytes(st, 8) != DB_AUDIT_HASH_LEN)
			rc = db_audit_bad(v, r.seq, MSG("audit_bad_hash_field"));
		else if (r.seq > expect)
			rc = db_audit_bad(v, expect, MSG("audit_bad_missing"));
		else if (r.seq < expect)
			rc = db_audit_bad(v, r.seq, MSG("audit_bad_order"));
		else if (memcmp(r.prev_hash, prev, DB_AUDIT_HASH_LEN) != 0)
			rc = db_audit_bad(v, r.seq, MSG("audit_bad_link"));
		else if (db_audit_hash(&r, h) != 0)
			rc = MG_ECRYPTO;
		else if (memcmp(h, r.hash, DB_AUDIT_HASH_LEN) != 0)
			rc = db_audit_bad(v, r.seq, MSG("audit_bad_content"));
		else if (r.at < last_at)
			rc = db_audit_bad(v, r.seq, MSG("audit_bad_time"));
		memcpy(prev, r.hash, DB_AUDIT_HASH_LEN);
		last_at = r.at;
		expect = r.seq + 1;
	}
	if (rc == 0 && src != SQLITE_DONE)
		rc = db_map(src);
	sqlite3_finalize(st);
	if (rc == 0)
		rc = db_audit_maxseq(db, &maxseq, &found);
	if (rc == 0 && maxseq >= expect)
		rc = db_audit_bad(v, expect, MSG("audit_bad_truncated"));
	/* AUTOINCREMENT keeps the highest seq issued: with rows in the log its
	 * record must be there and name the last row, or a cut-off tail (or a
	 * rebuilt table) would go unnoticed. */
	if (rc == 0 && v->rows > 0 && (!found || maxseq != v->head.seq))
		rc = db_audit_bad(v, v->head.seq, MSG("audit_bad_sequence"));
	return rc;
}

int db_audit_verify_anchored(struct db *db, const struct db_audit_anchor *anchors, size_t n,
                             struct db_audit_verdict *v)
{
	int own_read = !db->tx && sqlite3_get_autocommit(db->h);
	int rc, arc = 0, trc = 0;

	memset(v, 0, sizeof *v);
	if (n && !anchors)
		return MG_EINVAL;
	/* One read snapshot: a row appended meanwhile by a counter must not look
	 * like a cut-off tail (sqlite_sequence read after the walk). */
	if (own_read && sqlite3_exec(db->h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return db_map(sqlite3_errcode(db->h));
	rc = db_audit_chain(db, v);
	if (rc == 0 || rc == MG_ECHAIN)
		arc = db_audit_anchors(db, anchors, n, v);
	if ((rc == 0 || rc == MG_ECHAIN) && arc == 0)
		trc = db_audit_structure(db, v);
	if (own_read)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	if (rc != 0 && rc != MG_ECHAIN)
		return rc;
	if (arc)
		return arc;
	if (trc)
		return trc;
	if (rc == 0 && v->anchor_reason)
		rc = MG_EAUDIT_ANCHOR;
	if (rc == 0 && !v->triggers_ok)
		rc = MG_EAUDIT_TRIGGER;
	return rc;
}

int db_audit_verify(struct db *db, struct db_audit_verdict *v)
{
	return db_audit_verify_anchored(db, NULL, 0, v);
}

int db_audit_count(struct db *db, long long *n)
{
	static const char sql[] = "SELECT count(*) FROM audit";
	sqlite3_stmt *st = db_stmt(db, sql);
	int src;

	*n = 0;
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*n = sqlite3_column_int64(st, 0);
		src = SQLITE_DONE;
	}
	sqlite3_reset(st);
	return src == SQLITE_DONE ? 0 : db_map(src);
}

int db_audit_resent(struct db *db, const char *msg_id, char *as, size_t cap)
{
	static const char sql[] =
		"SELECT substr(detail, 11, instr(substr(detail, 11) || ' ', ' ') - 1) FROM audit "
		"WHERE target = ?1 AND action = 'deliver' AND substr(detail, 1, 10) = 'resend as=' "
		"ORDER BY seq LIMIT 1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int src;

	if (cap)
		as[0] = '\0';
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, msg_id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		db_col_copy(st, 0, as, (unsigned)cap);
	sqlite3_reset(st);
	return src == SQLITE_ROW ? 1 : src == SQLITE_DONE ? 0 : db_map(src);
}

/* ---- evidence copies and newer registries ------------------------------------ */

/*
 * The URI "file:PATH?immutable=1" of path (relative paths stay relative),
 * every byte outside the unreserved set and '/' percent-encoded. Returns a
 * new string or NULL (out of memory).
 */
static char *db_audit_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	static const char prefix[] = "file:", suffix[] = "?immutable=1";
	size_t n = strlen(path);
	char *uri = malloc(sizeof prefix + 3 * n + sizeof suffix);
	char *q;

	if (!uri)
		return NULL;
	memcpy(uri, prefix, sizeof prefix - 1);
	q = uri + sizeof prefix - 1;
	/* "file://x" would name a host: a path starting with "//" keeps one '/'
	 * encoded. */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)path[i];
		int plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		            c == '-' || c == '.' || c == '_' || c == '~' ||
		            (c == '/' && !(i == 1 && path[0] == '/'));

		if (plain) {
			*q++ = (char)c;
		} else {
			*q++ = '%';
			*q++ = hex[c >> 4];
			*q++ = hex[c & 15];
		}
	}
	memcpy(q, suffix, sizeof suffix);
	return uri;
}

int db_audit_open_evidence(const char *path, struct db **out)
{
	struct db *db = NULL;
	struct stat sb;
	char *uri = NULL;
	int rc;

	*out = NULL;
	if (!path)
		return MG_EINVAL;
	if (stat(path, &sb) != 0)
		return errno == ENOENT ? MG_ENOTFOUND : MG_EIO;
	if (!S_ISREG(sb.st_mode))
		return MG_EDB_NOTFILE;
	if (sb.st_size == 0)
		return MG_ENOTFOUND;
	db = calloc(1, sizeof *db);
	uri = db_audit_uri(path);
	if (db)
		db->path = strdup(path);
	if (!db || !uri || !db->path) {
		rc = MG_ENOMEM;
		goto out;
	}
	rc = db_map(sqlite3_open_v2(uri, &db->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
	                            SQLITE_OPEN_NOMUTEX, NULL));
	if (rc)
		goto out;
	sqlite3_extended_result_codes(db->h, 1);
	rc = db_exec(db, "PRAGMA trusted_schema=OFF; PRAGMA query_only=ON;");
	/* Reading the schema now turns "not a database" into its own code. */
	if (rc == 0)
		rc = db_audit_readable(db);
	if (rc == 0)
		rc = db_map(sqlite3_prepare_v3(db->h, "ROLLBACK", -1, SQLITE_PREPARE_PERSISTENT,
		                               &db->rollback, NULL));
out:
	free(uri);
	if (rc) {
		db_close(db);
		db = NULL;
	}
	*out = db;
	return rc;
}

int db_audit_schema_newer(struct db *db, int *newer)
{
	int cur = 0, last = 0;
	int rc = db_schema_version(db, &cur);

	*newer = 0;
	for (const struct db_migration *m = gen_migrations; m->version; m++)
		last = m->version;
	if (rc == 0)
		*newer = cur > last;
	return rc;
}

int db_audit_readable(struct db *db)
{
	return db_exec(db, "SELECT count(*) FROM sqlite_master");
}
