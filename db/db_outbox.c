/* db_outbox.c — the outbox and the CS exchange file. */
#include "db/db_outbox.h"
#include "i18n/i18n_text.h"
#include "i18n/mg_rc.h"

#include <openssl/evp.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int db_outbox_add(struct db *db, const struct db_message *m)
{
	static const char sql[] =
		"INSERT INTO outbox (msg_id, kind, to_code, created_at, uketsuke_no, payload, seq, "
		"atena_no) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, m->msg_id);
	db_bind_text(st, 2, m->kind);
	db_bind_text(st, 3, m->to_code);
	db_bind_text(st, 4, m->created_at);
	db_bind_text(st, 5, m->uketsuke_no[0] ? m->uketsuke_no : NULL);
	db_bind_text(st, 6, m->payload ? m->payload : "");
	sqlite3_bind_int64(st, 7, m->seq);
	db_bind_text(st, 8, m->atena_no[0] ? m->atena_no : NULL);
	return db_step_done(st);
}

/* Walk outbox rows (msg_id, kind, from, to, created_at, uketsuke, payload, seq). */
static int msg_walk(sqlite3_stmt *st, int (*fn)(void *arg, const struct db_message *m),
                    void *arg)
{
	struct db_message m;
	int n = 0, src;

	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&m, 0, sizeof m);
		db_col_copy(st, 0, m.msg_id, sizeof m.msg_id);
		db_col_copy(st, 1, m.kind, sizeof m.kind);
		db_col_copy(st, 2, m.from_code, sizeof m.from_code);
		db_col_copy(st, 3, m.to_code, sizeof m.to_code);
		db_col_copy(st, 4, m.created_at, sizeof m.created_at);
		db_col_copy(st, 5, m.uketsuke_no, sizeof m.uketsuke_no);
		m.payload = (char *)(uintptr_t)sqlite3_column_text(st, 6);
		m.payload_len = m.payload ? (size_t)sqlite3_column_bytes(st, 6) : 0;
		m.seq = sqlite3_column_int64(st, 7);
		n++;
		if (fn) {
			int rc = fn(arg, &m);

			if (rc) {
				sqlite3_reset(st);
				return rc < 0 ? rc : n;
			}
		}
	}
	sqlite3_reset(st);
	return src == SQLITE_DONE ? n : db_map(src);
}

int db_outbox_unsent(struct db *db, int (*fn)(void *arg, const struct db_message *m), void *arg)
{
	static const char sql[] =
		"SELECT msg_id, kind, '', to_code, created_at, uketsuke_no, payload, seq "
		"FROM outbox ORDER BY seq";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	return msg_walk(st, fn, arg);
}

/* The outbox holds only undelivered messages: a delivered one moves to
 * outbox_sent without its payload (two statements; the caller's
 * transaction makes them one). The DELETE tells whether this call moved it. */
int db_outbox_mark_sent(struct db *db, long long seq, const char *sent_at)
{
	static const char copy[] =
		"INSERT INTO outbox_sent (msg_id, kind, to_code, created_at, uketsuke_no, sent_at, "
		"atena_no) SELECT msg_id, kind, to_code, created_at, uketsuke_no, ?2, atena_no FROM outbox "
		"WHERE seq = ?1 ON CONFLICT (msg_id) DO NOTHING";
	static const char drop[] = "DELETE FROM outbox WHERE seq = ?1";
	sqlite3_stmt *st = db_stmt(db, copy);
	int rc;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	sqlite3_bind_int64(st, 1, seq);
	db_bind_text(st, 2, sent_at);
	rc = db_step_done(st);
	if (rc)
		return rc;
	st = db_stmt(db, drop);
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	sqlite3_bind_int64(st, 1, seq);
	rc = db_step_done(st);
	if (rc)
		return rc;
	return sqlite3_changes(db->h) > 0;
}

int db_outbox_find(struct db *db, const char *msg_id, struct db_message *out, int *sent)
{
	static const char sql[] =
		"SELECT kind, to_code, created_at, uketsuke_no, atena_no, 1 FROM outbox_sent "
		"WHERE msg_id = ?1 UNION ALL "
		"SELECT kind, to_code, created_at, uketsuke_no, atena_no, 0 FROM outbox "
		"WHERE msg_id = ?1 LIMIT 1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int src;

	memset(out, 0, sizeof *out);
	*sent = 0;
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, msg_id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		snprintf(out->msg_id, sizeof out->msg_id, "%s", msg_id);
		db_col_copy(st, 0, out->kind, sizeof out->kind);
		db_col_copy(st, 1, out->to_code, sizeof out->to_code);
		db_col_copy(st, 2, out->created_at, sizeof out->created_at);
		db_col_copy(st, 3, out->uketsuke_no, sizeof out->uketsuke_no);
		db_col_copy(st, 4, out->atena_no, sizeof out->atena_no);
		*sent = sqlite3_column_int(st, 5);
	}
	sqlite3_reset(st);
	if (src == SQLITE_DONE)
		return MG_ENOTFOUND;
	return src == SQLITE_ROW ? 0 : db_map(src);
}

/* The GLOB pattern of our message ids, "<prefix>-" and nine digits (as
 * wf_message writes them). OUT: out. 0 or MG_EINVAL (prefix too long). */
static int id_form(const char *prefix, char *out, size_t cap)
{
	int n = snprintf(out, cap, "%s-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]", prefix);

	return n < 0 || (size_t)n >= cap ? MG_EINVAL : 0;
}

int db_outbox_msg_counter_guard(struct db *db, const char *prefix, long long floor,
                                long long *before, long long *after)
{
	/*
	 * Our ids are "<prefix>-<serial>", the serial zero-padded to nine
	 * digits by wf_message (a billion messages: centuries of any city's
	 * 異動), so the highest id of that form holds the highest serial. That
	 * is one descent of outbox_sent's key instead of a scan of every
	 * message ever sent (0.17 s a run at 300,000 of them, in the write
	 * lock). The outbox holds only what is not sent yet and is read whole.
	 */
	static const char sent[] =
		"SELECT max(s) FROM ("
		"SELECT * FROM (SELECT CAST(substr(msg_id, length(?1) + 2) AS INTEGER) AS s "
		"FROM outbox_sent WHERE msg_id > ?1 || '-' AND msg_id < ?1 || '.' AND msg_id GLOB ?2 "
		"ORDER BY msg_id DESC LIMIT 1) "
		"UNION ALL SELECT CAST(substr(msg_id, length(?1) + 2) AS INTEGER) FROM outbox "
		"WHERE substr(msg_id, 1, length(?1) + 1) = ?1 || '-')";
	static const char cur[] = "SELECT value FROM counter WHERE name = 'msg'";
	static const char set[] =
		"INSERT INTO counter (name, value) VALUES ('msg', ?1) "
		"ON CONFLICT(name) DO UPDATE SET value = ?1 WHERE value < ?1";
	char form[64];
	sqlite3_stmt *st;
	long long hi = floor, v = 0;
	int src = id_form(prefix, form, sizeof form);

	if (src)
		return src;
	st = db_stmt(db, sent);
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, prefix);
	db_bind_text(st, 2, form);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL &&
	    sqlite3_column_int64(st, 0) > hi)
		hi = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (src != SQLITE_ROW)
		return db_map(src);
	st = db_stmt(db, cur);
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return db_map(src);
	*before = *after = v;
	if (v >= hi)
		return 0;
	st = db_stmt(db, set);
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	sqlite3_bind_int64(st, 1, hi);
	src = db_step_done(st);
	if (src)
		return src;
	*after = hi;
	return 1;
}

/* Every column delivery reads, rowid included (the payload is read in pieces by rowid). */
static const char cs_probe[] =
	"SELECT rowid, msg_id, kind, from_code, to_code, created_at, uketsuke_no, payload, "
	"posted_at, fetched_at FROM message LIMIT 0";

/* 0 when the open file has a usable message table, else MG_ECS_NOTCS (or MG_ENOMEM). */
static int cs_check(struct db *cs)
{
	sqlite3_stmt *st = NULL;
	int src = sqlite3_prepare_v2(cs->h, cs_probe, -1, &st, NULL);

	sqlite3_finalize(st);
	if (src == SQLITE_OK)
		return 0;
	return src == SQLITE_NOMEM ? MG_ENOMEM : MG_ECS_NOTCS;
}

/* What stat says of an exchange path: 0 (a non-empty regular file) or a refusal. */
static int cs_stat(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) != 0)
		return errno == ENOENT || errno == ENOTDIR ? MG_ECS_MISSING : MG_ECS;
	if (!S_ISREG(sb.st_mode))
		return MG_ECS_NOTFILE;
	if (sb.st_size == 0)
		return MG_ECS_NOTCS;      /* an empty file is no exchange */
	return 0;
}

int db_outbox_cs_attach(const char *path, struct db **out)
{
	struct db *cs = NULL;
	int rc;

	*out = NULL;
	if (!path || !*path)
		return MG_ECS_MISSING;
	rc = cs_stat(path);
	if (rc)
		return rc;
	/* Its folder too, where SQLite makes the -wal and -shm files. */
	rc = db_writable(path, 1);
	if (rc)
		return rc == MG_EREADONLY ? MG_ECS_READONLY : MG_ECS;
	rc = db_open(path, DB_OPEN_NOMIGRATE, &cs);
	if (rc == MG_ENOTFOUND)
		return MG_ECS_MISSING;    /* removed since the stat */
	if (rc == MG_ECORRUPT || rc == MG_EDB_NOTDB)
		return MG_ECS_NOTCS;      /* not a database */
	if (rc)
		return db_outbox_cs_rc(rc);
	rc = cs_check(cs);
	if (rc) {
		db_close(cs);
		return rc;
	}
	*out = cs;
	return 0;
}

int db_outbox_cs_rc(int rc)
{
	switch (rc) {
	case 0:
	case MG_ENOMEM:
		return rc;
	case MG_EBUSY:
		return MG_ECS_BUSY;
	case MG_EREADONLY:
		return MG_ECS_READONLY;
	case MG_EFULL:
		return MG_ECS_FULL;
	case MG_EIO:
		return MG_ECS_IO;
	default:
		return MG_ECS;
	}
}

/* Remove the exchange this process made (made: its stat then), with its
 * WAL files; nothing when the path holds another file by now (rv20 5: an
 * exchange moved into place meanwhile is never deleted). */
static void cs_unlink(const char *path, const struct stat *made)
{
	static const char *const sfx[] = { "-wal", "-shm", "" };
	struct stat sb;
	char p[4096];

	if (stat(path, &sb) != 0 || sb.st_dev != made->st_dev || sb.st_ino != made->st_ino)
		return;
	for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++)
		if ((size_t)snprintf(p, sizeof p, "%s%s", path, sfx[i]) < sizeof p)
			unlink(p);
}

/* Give the file this process has just made (empty, O_EXCL; made: its stat)
 * the exchange's table. On failure the file goes again: half made, the next
 * cs-init would refuse it as "not an exchange". */
static int cs_make(const char *path, const struct stat *made, struct db **out)
{
	static const char schema[] =
		"CREATE TABLE message ("
		"  msg_id TEXT PRIMARY KEY, kind TEXT NOT NULL, from_code TEXT NOT NULL,"
		"  to_code TEXT NOT NULL, created_at TEXT NOT NULL, uketsuke_no TEXT,"
		"  payload TEXT NOT NULL, posted_at TEXT NOT NULL, fetched_at TEXT);"
		"CREATE INDEX message_to ON message(to_code, fetched_at);";
	struct db *cs = NULL;
	int rc = db_open(path, DB_OPEN_CREATE | DB_OPEN_NOMIGRATE, &cs);

	if (rc)
		rc = rc == MG_ENOMEM || rc == MG_EBUSY ? rc : MG_EIO;
	else {
		rc = db_begin(cs);
		if (rc == 0)
			rc = db_finish(cs, db_exec(cs, schema));
	}
	if (rc) {
		db_close(cs);
		cs_unlink(path, made);
		return rc;
	}
	*out = cs;
	return 0;
}

int db_outbox_cs_create(const char *path, struct db **out)
{
	int rc, fd;

	*out = NULL;
	if (!path || !*path)
		return MG_ECS_MISSING;
	rc = cs_stat(path);
	if (rc == MG_ECS_MISSING) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0) {
			struct stat made;

			rc = fstat(fd, &made);
			close(fd);
			return rc == 0 ? cs_make(path, &made, out) : MG_EIO;
		}
		if (errno != EEXIST)
			return MG_EIO;
		rc = 0;   /* made by another cs-init since the stat */
	}
	/* Something is there: use it only if it is an exchange, never overwrite it. */
	if (rc == 0)
		rc = db_outbox_cs_attach(path, out);
	return rc == 0 ? MG_EEXISTS : rc;
}

int db_outbox_cs_post(struct db *cs, const struct db_message *m, const char *posted_at)
{
	static const char sql[] =
		"INSERT INTO message (msg_id, kind, from_code, to_code, created_at, "
		"uketsuke_no, payload, posted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	/* The same message posted before: same columns, and the same payload unless
	 * the addressee fetched it (then blanked): created_at alone tells a message
	 * made after a restore from the one posted before it. */
	static const char same[] =
		"SELECT count(*) FROM message WHERE msg_id = ?1 AND kind = ?2 AND from_code = ?3 "
		"AND to_code = ?4 AND created_at = ?5 AND uketsuke_no IS ?6 AND (payload = ?7 "
		"OR (fetched_at IS NOT NULL AND payload = ''))";
	static const char held[] = "SELECT count(*) FROM message WHERE msg_id = ?1";
	const char *q[2] = { same, held };
	long long n[2] = { 0, 0 };
	sqlite3_stmt *st = db_stmt(cs, sql);
	int rc;

	if (!st)
		return db_map(sqlite3_errcode(cs->h));
	db_bind_text(st, 1, m->msg_id);
	db_bind_text(st, 2, m->kind);
	db_bind_text(st, 3, m->from_code);
	db_bind_text(st, 4, m->to_code);
	db_bind_text(st, 5, m->created_at);
	db_bind_text(st, 6, m->uketsuke_no[0] ? m->uketsuke_no : NULL);
	db_bind_text(st, 7, m->payload ? m->payload : "");
	db_bind_text(st, 8, posted_at);
	rc = db_step_done(st);
	if (rc != MG_ECONSTRAINT)
		return rc;
	for (int k = 0; k < 2; k++) {
		int src;

		st = db_stmt(cs, q[k]);
		if (!st)
			return db_map(sqlite3_errcode(cs->h));
		db_bind_text(st, 1, m->msg_id);
		if (k == 0) {
			db_bind_text(st, 2, m->kind);
			db_bind_text(st, 3, m->from_code);
			db_bind_text(st, 4, m->to_code);
			db_bind_text(st, 5, m->created_at);
			db_bind_text(st, 6, m->uketsuke_no[0] ? m->uketsuke_no : NULL);
			db_bind_text(st, 7, m->payload ? m->payload : "");
		}
		src = sqlite3_step(st);
		if (src == SQLITE_ROW)
			n[k] = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (src != SQLITE_ROW)
			return db_map(src);
	}
	if (n[0] > 0)
		return 1;
	/* Another message holds the id (or a NOT NULL column refused the row). */
	return n[1] > 0 ? MG_EEXISTS : MG_ECONSTRAINT;
}

int db_outbox_cs_max_serial(struct db *cs, const char *from_code, long long *max)
{
	/* As db_outbox_msg_counter_guard: a descent of the id's index to the
	 * highest nine-digit serial posted from from_code. */
	static const char sql[] =
		"SELECT CAST(substr(msg_id, length(?1) + 2) AS INTEGER) FROM message "
		"WHERE msg_id > ?1 || '-' AND msg_id < ?1 || '.' AND msg_id GLOB ?2 "
		"AND from_code = ?1 ORDER BY msg_id DESC LIMIT 1";
	sqlite3_stmt *st;
	char form[64];
	int src;

	*max = 0;
	src = id_form(from_code, form, sizeof form);
	if (src)
		return src;
	st = db_stmt(cs, sql);
	if (!st)
		return db_map(sqlite3_errcode(cs->h));
	db_bind_text(st, 1, from_code);
	db_bind_text(st, 2, form);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		*max = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return src == SQLITE_ROW || src == SQLITE_DONE ? 0 : db_map(src);
}

/* SHA-256 of a tag byte and len bytes. OUT: out[65]. 0 or MG_ENOMEM. */
static int cs_sha(const char *tag, const void *p, size_t len, char *out)
{
	unsigned char d[32];
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	int ok;

	if (!md)
		return MG_ENOMEM;
	ok = EVP_DigestInit_ex(md, EVP_sha256(), NULL) == 1 &&
	     (!tag || EVP_DigestUpdate(md, tag, 1) == 1) &&
	     (!len || EVP_DigestUpdate(md, p, len) == 1) && EVP_DigestFinal_ex(md, d, NULL) == 1;
	EVP_MD_CTX_free(md);
	if (!ok)
		return MG_ENOMEM;
	i18n_text_hex(d, 32, out);
	return 0;
}

/* Copy a text column that must fit exactly (no NUL, not cut); 1 when it did. */
static int cs_col_exact(sqlite3_stmt *st, int i, char *buf, size_t cap, int null_ok)
{
	const unsigned char *p;
	int n;

	buf[0] = '\0';
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return null_ok;
	if (sqlite3_column_type(st, i) != SQLITE_TEXT)
		return 0;
	p = sqlite3_column_text(st, i);
	n = sqlite3_column_bytes(st, i);
	if (!p || n < 0 || (size_t)n >= cap || memchr(p, '\0', (size_t)n))
		return 0;
	memcpy(buf, p, (size_t)n);
	buf[n] = '\0';
	return 1;
}

/*
 * The payload of row rowid: its size and SHA-256 read in pieces through the
 * blob interface, and the bytes themselves (new, in *out) only when they
 * are at most max bytes. 0 or a code.
 */
static int cs_payload(struct db *cs, sqlite3_int64 rowid, size_t max, struct db_message *m,
                      char **out)
{
	sqlite3_blob *b = NULL;
	EVP_MD_CTX *md = NULL;
	unsigned char d[32], piece[16384];
	char *buf = NULL;
	int size, src, rc = 0;

	*out = NULL;
	src = sqlite3_blob_open(cs->h, "main", "message", "payload", rowid, 0, &b);
	if (src != SQLITE_OK) {
		sqlite3_blob_close(b);
		return db_map(src);
	}
	size = sqlite3_blob_bytes(b);
	m->size = size;
	m->over_cap = (size_t)size > max;
	if (!m->over_cap) {
		buf = malloc((size_t)size + 1);
		if (!buf)
			rc = MG_ENOMEM;
	}
	md = rc ? NULL : EVP_MD_CTX_new();
	if (rc == 0 && (!md || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1))
		rc = MG_ENOMEM;
	for (int at = 0; rc == 0 && at < size;) {
		int n = size - at < (int)sizeof piece ? size - at : (int)sizeof piece;

		src = sqlite3_blob_read(b, piece, n, at);
		if (src != SQLITE_OK)
			rc = db_map(src);
		else if (EVP_DigestUpdate(md, piece, (size_t)n) != 1)
			rc = MG_ENOMEM;
		else if (buf)
			memcpy(buf + at, piece, (size_t)n);
		at += n;
	}
	if (rc == 0 && EVP_DigestFinal_ex(md, d, NULL) != 1)
		rc = MG_ENOMEM;
	EVP_MD_CTX_free(md);
	explicit_bzero(piece, sizeof piece);
	src = sqlite3_blob_close(b);
	if (rc == 0 && src != SQLITE_OK)
		rc = db_map(src);
	if (rc) {
		free(buf);
		return rc;
	}
	i18n_text_hex(d, 32, m->sha256);
	if (buf) {
		buf[size] = '\0';
		m->payload_len = (size_t)size;
	}
	*out = buf;
	return 0;
}

int db_outbox_cs_pending(struct db *cs, const char *to_code, size_t max_size,
                         int (*fn)(void *arg, const struct db_message *m), void *arg)
{
	/* typeof() does not load the payload; its bytes are read in cs_payload. */
	static const char sql[] =
		"SELECT rowid, msg_id, kind, from_code, to_code, created_at, uketsuke_no, "
		"typeof(payload) FROM message WHERE to_code = ?1 AND fetched_at IS NULL "
		"ORDER BY posted_at, msg_id";
	sqlite3_stmt *st = db_stmt(cs, sql);
	struct db_message m;
	int n = 0, src, rc = 0;

	if (!st)
		return db_map(sqlite3_errcode(cs->h));
	db_bind_text(st, 1, to_code);
	while (rc == 0 && (src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 7);
		char *payload = NULL;

		memset(&m, 0, sizeof m);
		m.size = -1;
		m.cs_rowid = sqlite3_column_int64(st, 0);
		m.raw_id_blob = sqlite3_column_type(st, 1) == SQLITE_BLOB;
		m.raw_id_null = sqlite3_column_type(st, 1) == SQLITE_NULL;
		m.raw_id = sqlite3_column_blob(st, 1);
		m.raw_id_len = m.raw_id ? (size_t)sqlite3_column_bytes(st, 1) : 0;
		if (!m.raw_id)
			m.raw_id = "";
		if (!cs_col_exact(st, 1, m.msg_id, sizeof m.msg_id, 0))
			m.bad |= DB_MSG_BAD_ID;
		if (!cs_col_exact(st, 2, m.kind, sizeof m.kind, 0))
			m.bad |= DB_MSG_BAD_KIND;
		if (!cs_col_exact(st, 3, m.from_code, sizeof m.from_code, 0) ||
		    strlen(m.from_code) != 6)
			m.bad |= DB_MSG_BAD_FROM;
		db_col_copy(st, 4, m.to_code, sizeof m.to_code);
		if (!cs_col_exact(st, 5, m.created_at, sizeof m.created_at, 0) ||
		    !cs_col_exact(st, 6, m.uketsuke_no, sizeof m.uketsuke_no, 1))
			m.bad |= DB_MSG_BAD_OTHER;
		rc = cs_sha(m.raw_id_blob ? "b" : "t", m.raw_id, m.raw_id_len, m.raw_id_sha256);
		if (rc == 0 && type && (strcmp(type, "text") == 0 || strcmp(type, "blob") == 0))
			rc = cs_payload(cs, sqlite3_column_int64(st, 0), max_size, &m, &payload);
		m.payload = payload;
		if (rc == 0) {
			n++;
			rc = fn ? fn(arg, &m) : 0;
		}
		free(payload);
		if (rc > 0) {
			sqlite3_reset(st);
			return n;
		}
	}
	sqlite3_reset(st);
	if (rc)
		return rc;
	return src == SQLITE_DONE ? n : db_map(src);
}

int db_outbox_cs_ack(struct db *cs, const struct db_message *m, const char *fetched_at)
{
	/* the row read, and still the id read there (IS: NULL matches NULL) */
	static const char sql[] =
		"UPDATE message SET fetched_at = ?2, payload = '' WHERE rowid = ?3 AND msg_id IS ?1 "
		"AND fetched_at IS NULL";
	sqlite3_stmt *st = db_stmt(cs, sql);
	int src;

	if (!st)
		return db_map(sqlite3_errcode(cs->h));
	if (m->raw_id_len > 0x7fffffff)
		return MG_ETOOLONG;
	/* The exact stored value: a BLOB id stays a BLOB, a text id keeps every byte. */
	if (m->raw_id_null)
		src = sqlite3_bind_null(st, 1);
	else if (m->raw_id_blob)
		src = sqlite3_bind_blob(st, 1, m->raw_id, (int)m->raw_id_len, SQLITE_TRANSIENT);
	else
		src = sqlite3_bind_text(st, 1, m->raw_id, (int)m->raw_id_len, SQLITE_TRANSIENT);
	if (src == SQLITE_OK)
		src = sqlite3_bind_int64(st, 3, m->cs_rowid);
	if (src != SQLITE_OK) {
		sqlite3_reset(st);
		return db_map(src);
	}
	db_bind_text(st, 2, fetched_at);
	src = db_step_done(st);
	return src ? src : sqlite3_changes(cs->h);
}

int db_outbox_cs_count(struct db *cs, const char *from_code, const char *to_code,
                       const char *kind, long long *n)
{
	static const char sql[] =
		"SELECT count(*) FROM message WHERE (?1 IS NULL OR from_code = ?1) "
		"AND (?2 IS NULL OR to_code = ?2) AND (?3 IS NULL OR kind = ?3)";
	sqlite3_stmt *st = db_stmt(cs, sql);
	int src;

	if (!st)
		return db_map(sqlite3_errcode(cs->h));
	db_bind_text(st, 1, from_code);
	db_bind_text(st, 2, to_code);
	db_bind_text(st, 3, kind);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return src == SQLITE_ROW ? 0 : db_map(src);
}

/* An INSERT of the n texts v (?1 … ?n): 1 when the row went in, 0 when an
 * ON CONFLICT DO NOTHING kept the one there already, or a negative code. */
static int db_outbox_insert(struct db *db, const char *sql, const char *const *v, int n)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	for (int i = 0; i < n; i++)
		db_bind_text(st, i + 1, v[i]);
	rc = db_step_done(st);
	if (rc)
		return rc;
	return sqlite3_changes(db->h) == 1;
}

int db_outbox_answer_once(struct db *db, const char *group, const char *requester,
                          const char *request_id, const char *answered_at, int *nth)
{
	static const char count[] =
		"SELECT count(*) FROM tenshutsu_answer WHERE group_id = ?1 AND requester = ?2";
	long long n = 0;
	int rc;

	*nth = 0;
	rc = db_outbox_insert(db, "INSERT INTO tenshutsu_answer (group_id, requester, request_id, "
	                      "answered_at) VALUES (?1, ?2, ?3, ?4) "
	                      "ON CONFLICT (request_id) DO NOTHING",
	                      (const char *const[]){ group, requester, request_id, answered_at }, 4);
	if (rc <= 0)
		return rc;
	rc = db_count(db, count, (const char *const[]){ group, requester }, 2, &n);
	*nth = (int)n;
	return rc ? rc : 1;
}

int db_outbox_sent_by_us(struct db *db, const char *msg_id, const char *kind, const char *to_code)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM outbox_sent WHERE msg_id = ?1 AND kind = ?2 AND "
		"to_code = ?3) OR EXISTS (SELECT 1 FROM outbox WHERE msg_id = ?1 AND kind = ?2 AND "
		"to_code = ?3)";
	sqlite3_stmt *st = db_stmt(db, sql);
	int src, found;

	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, msg_id);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, to_code);
	src = sqlite3_step(st);
	found = src == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return src == SQLITE_ROW ? found : db_map(src);
}

int db_outbox_refusal_once(struct db *db, const char *request_id, const char *requester,
                           const char *reason, const char *refused_at)
{
	return db_outbox_insert(db, "INSERT INTO tenshutsu_refused (request_id, requester, reason, "
	                        "refused_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (request_id) DO NOTHING",
	                        (const char *const[]){ request_id, requester, reason, refused_at }, 4);
}

int db_outbox_request_add(struct db *db, const char *request_id, const char *to_code,
                          const char *kojin_bango, const char *requested_on,
                          const char *keep_until)
{
	int rc = db_outbox_insert(db, "INSERT INTO tenshutsu_request (request_id, to_code, "
	                          "kojin_bango, requested_on, keep_until) VALUES (?1, ?2, ?3, ?4, ?5)",
	                          (const char *const[]){ request_id, to_code, kojin_bango,
	                                                 requested_on, keep_until }, 5);

	return rc < 0 ? rc : 0;
}

int db_outbox_refusal_add(struct db *db, const struct db_refusal *r)
{
	return db_outbox_insert(db, "INSERT INTO tenshutsu_refusal (msg_id, request_id, from_code, "
	                        "reason, received_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
	                        (const char *const[]){ r->msg_id, r->request_id, r->from_code,
	                                               r->reason, r->received_at }, 5);
}

/* Copy a request row (request, to, at, refusal columns or NULLs). */
static void request_read(sqlite3_stmt *st, void *out)
{
	struct db_request_state *q = out;

	db_col_copy(st, 0, q->request_id, sizeof q->request_id);
	db_col_copy(st, 1, q->to_code, sizeof q->to_code);
	db_col_copy(st, 2, q->requested_on, sizeof q->requested_on);
	q->refused = sqlite3_column_type(st, 3) != SQLITE_NULL;
	if (q->refused) {
		db_col_copy(st, 3, q->r.msg_id, sizeof q->r.msg_id);
		snprintf(q->r.request_id, sizeof q->r.request_id, "%s", q->request_id);
		db_col_copy(st, 4, q->r.from_code, sizeof q->r.from_code);
		db_col_copy(st, 5, q->r.reason, sizeof q->r.reason);
		db_col_copy(st, 6, q->r.received_at, sizeof q->r.received_at);
	}
}

int db_outbox_request_for(struct db *db, const char *kojin_bango, const char *day_iso,
                          struct db_request_state *out)
{
	/* Our ids grow with the counter: the newest request has the highest. */
	static const char sql[] =
		"SELECT q.request_id, q.to_code, q.requested_on, f.msg_id, f.from_code, f.reason, "
		"f.received_at FROM tenshutsu_request q LEFT JOIN tenshutsu_refusal f "
		"ON f.request_id = q.request_id WHERE q.kojin_bango = ?1 AND q.keep_until >= ?2 "
		"ORDER BY q.requested_on DESC, q.request_id DESC LIMIT 1";
	sqlite3_stmt *st = db_stmt(db, sql);

	memset(out, 0, sizeof *out);
	if (!st)
		return db_map(sqlite3_errcode(db->h));
	db_bind_text(st, 1, kojin_bango);
	db_bind_text(st, 2, day_iso);
	return db_step_one(st, request_read, out);
}

int db_outbox_request_expire(struct db *db, const char *today_iso, long long *n)
{
	static const char refusals[] =
		"DELETE FROM tenshutsu_refusal WHERE request_id IN (SELECT request_id FROM "
		"tenshutsu_request WHERE keep_until < ?1)";
	static const char requests[] = "DELETE FROM tenshutsu_request WHERE keep_until < ?1";
	const char *q[2] = { refusals, requests };
	int rc = 0;

	*n = 0;
	for (int k = 0; rc == 0 && k < 2; k++) {
		sqlite3_stmt *st = db_stmt(db, q[k]);

		if (!st)
			return db_map(sqlite3_errcode(db->h));
		db_bind_text(st, 1, today_iso);
		rc = db_step_done(st);
		if (rc == 0 && k == 1)
			*n = sqlite3_changes(db->h);
	}
	return rc;
}
