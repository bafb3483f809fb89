/* wftest.c — helpers of the registry workflow tests (see wftest.h). */
#include "tests/unit/wftest.h"
#include "tests/unit/testutil.h"
#include "app/ident.h"
#include "app/wf.h"
#include "db/db_outbox.h"
#include "db/db_registry.h"
#include "i18n/i18n_date.h"
#include "i18n/i18n_kana.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* The three 町字 of every test registry. */
static const struct {
	const char *code, *name, *kana, *postal;
} wt_towns[] = {
	{ WFTEST_TOWN1, "栄町一丁目", "サカエマチイッチョウメ", "6650845" },
	{ WFTEST_TOWN2, "栄町二丁目", "サカエマチニチョウメ", "6650846" },
	{ WFTEST_TOWN3, "中山寺一丁目", "ナカヤマデライッチョウメ", "6650861" },
};

/* Bounded copy. */
static void wt_copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src ? src : "");
}

/* Set up the context fields from the open connection. */
static int wt_ctx(struct wftest *t, const char *today_iso)
{
	int rc;

	memset(&t->ctx, 0, sizeof t->ctx);
	memset(&t->clerk, 0, sizeof t->clerk);
	config_defaults(&t->cfg);
	strcpy(t->clerk.operator_id, "clerk1");
	t->clerk.role = SESSION_ROLE_CLERK;
	strcpy(t->clerk.terminal, "T01");
	t->ctx.db = t->db;
	t->ctx.sess = &t->clerk;
	t->ctx.terminal = "T01";
	rc = db_registry_muni(t->db, t->ctx.muni_code, t->ctx.muni_name, sizeof t->ctx.muni_name);
	wftest_today(t, today_iso);
	return rc;
}

void wftest_unlink(const char *path)
{
	char p[600];

	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

int wftest_open(struct wftest *t, const char *file, const char *code, const char *name,
                const char *today_iso)
{
	int rc;

	memset(t, 0, sizeof *t);
	wt_copy(t->path, sizeof t->path, testutil_path(file));
	wftest_unlink(t->path);
	rc = db_open(t->path, DB_OPEN_CREATE, &t->db);
	if (rc)
		return rc;
	rc = db_registry_set_muni(t->db, code, name,
	                          strcmp(code, WFTEST_B_CODE) == 0 ? "兵庫県" :
	                          strcmp(code, WFTEST_A_CODE) == 0 ? "東京都" : "大阪府",
	                          "2024-01-01T09:00:00");
	for (size_t i = 0; rc == 0 && i < sizeof wt_towns / sizeof wt_towns[0]; i++) {
		struct db_machiaza m;

		memset(&m, 0, sizeof m);
		wt_copy(m.code, sizeof m.code, wt_towns[i].code);
		wt_copy(m.name, sizeof m.name, wt_towns[i].name);
		wt_copy(m.kana, sizeof m.kana, wt_towns[i].kana);
		wt_copy(m.postal_code, sizeof m.postal_code, wt_towns[i].postal);
		if (i18n_kana_search_key(m.kana, m.search_key, sizeof m.search_key) < 0)
			rc = MG_EINVAL;
		else
			rc = db_registry_add_machiaza(t->db, &m);
	}
	if (rc == 0)
		rc = wt_ctx(t, today_iso);
	if (rc) {
		db_close(t->db);
		t->db = NULL;
	}
	return rc;
}

int wftest_attach(struct wftest *t, const char *file, const char *today_iso)
{
	return wftest_attach_path(t, testutil_path(file), today_iso);
}

int wftest_attach_path(struct wftest *t, const char *path, const char *today_iso)
{
	int rc;

	memset(t, 0, sizeof *t);
	wt_copy(t->path, sizeof t->path, path);
	rc = db_open(t->path, 0, &t->db);
	if (rc == 0)
		rc = wt_ctx(t, today_iso);
	if (rc) {
		db_close(t->db);
		t->db = NULL;
	}
	return rc;
}

void wftest_close(struct wftest *t)
{
	db_close(t->db);
	t->db = NULL;
	t->ctx.db = NULL;
}

void wftest_today(struct wftest *t, const char *iso)
{
	if (i18n_date_parse_iso(iso, &t->ctx.today) != 0)
		t->ctx.today = 0;
}

void wftest_system(struct wftest *t)
{
	t->ctx.sess = NULL;
}

void wftest_clerk(struct wftest *t)
{
	t->ctx.sess = &t->clerk;
}

void wftest_date(const char *iso, int days, char *out)
{
	i18n_day d = 0;

	if (i18n_date_parse_iso(iso, &d) != 0) {
		out[0] = '\0';
		return;
	}
	i18n_date_format_iso(d + days, out);
}

i18n_day wftest_day(const char *iso)
{
	i18n_day d = 0;

	i18n_date_parse_iso(iso, &d);
	return d;
}

void wftest_kojin(long n, char out[13])
{
	char b[32];

	snprintf(b, sizeof b, "%011ld", (30000000000L + n * 7919L) % 100000000000L);
	memcpy(out, b, 11);
	out[11] = '\0';
	out[11] = (char)('0' + ident_kojin_bango_check(out));
	out[12] = '\0';
}

void wftest_jcode(long n, char out[12])
{
	char b[32];

	snprintf(b, sizeof b, "%011ld", (50000000000L + n * 104729L) % 100000000000L);
	memcpy(out, b, 11);
	out[11] = '\0';
}

void wftest_person(struct tennyu_person *p, const char *name, const char *kana,
                   const char *birth, const char *sex, const char *zokugara, long id)
{
	memset(p, 0, sizeof *p);
	wt_copy(p->name, sizeof p->name, name);
	wt_copy(p->name_kana, sizeof p->name_kana, kana);
	wt_copy(p->birth, sizeof p->birth, birth);
	wt_copy(p->sex, sizeof p->sex, sex);
	wt_copy(p->zokugara, sizeof p->zokugara, zokugara);
	wt_copy(p->honseki, sizeof p->honseki, "大阪府大阪市北区梅田一丁目1番");
	if (id > 0) {
		wftest_kojin(id, p->kojin_bango);
		wftest_jcode(id, p->juminhyo_code);
	}
}

void wftest_card(struct tennyu_person *p, const char *issued, const char *expiry)
{
	wt_copy(p->card_issued, sizeof p->card_issued, issued);
	wt_copy(p->card_expiry, sizeof p->card_expiry, expiry);
}

const char *wftest_dest_address(const char *code)
{
	if (strcmp(code, WFTEST_A_CODE) == 0)
		return "東京都千代田区丸の内一丁目1番1号";
	if (strcmp(code, WFTEST_B_CODE) == 0)
		return "兵庫県宝塚市栄町一丁目1番1号";
	if (strcmp(code, WFTEST_C_CODE) == 0)
		return "大阪府大阪市北区梅田一丁目2番3号";
	return "北海道札幌市中央区北一条西二丁目";
}

void wftest_tennyu_req(struct tennyu_req *q, const char *prev_code, const char *tennyu_date)
{
	memset(q, 0, sizeof *q);
	wt_copy(q->prev_address, sizeof q->prev_address, wftest_dest_address(prev_code));
	wt_copy(q->prev_muni_code, sizeof q->prev_muni_code, prev_code);
	wt_copy(q->tennyu_date, sizeof q->tennyu_date, tennyu_date);
	wt_copy(q->addr_code, sizeof q->addr_code, WFTEST_TOWN1);
	wt_copy(q->banchi, sizeof q->banchi, "1番1号");
}

/* Surnames of the test families (distinct readings). */
static const struct {
	const char *name, *kana;
} wt_fam[] = {
	{ "山田", "ヤマダ" }, { "佐藤", "サトウ" }, { "鈴木", "スズキ" }, { "高橋", "タカハシ" },
	{ "田中", "タナカ" }, { "伊藤", "イトウ" }, { "渡辺", "ワタナベ" }, { "中村", "ナカムラ" },
	{ "小林", "コバヤシ" }, { "加藤", "カトウ" }, { "吉田", "ヨシダ" }, { "松本", "マツモト" },
};

/* Members of a test family: given name, reading, birth, sex, 続柄. */
static const struct {
	const char *name, *kana, *birth, *sex, *zokugara;
} wt_mem[] = {
	{ "太郎", "タロウ", "1980-05-10", "1", "世帯主" },
	{ "花子", "ハナコ", "1982-07-21", "2", "妻" },
	{ "一郎", "イチロウ", "2010-03-03", "1", "子" },
	{ "桜", "サクラ", "2014-11-30", "2", "子" },
};

void wftest_family(struct tennyu_req *q, int fam, int n, int with_card)
{
	size_t f = (size_t)(fam > 0 ? fam - 1 : 0) % (sizeof wt_fam / sizeof wt_fam[0]);

	if (n < 1)
		n = 1;
	if (n > 4)
		n = 4;
	q->n = n;
	for (int i = 0; i < n; i++) {
		char name[64], kana[64];

		snprintf(name, sizeof name, "%s\u3000%s", wt_fam[f].name, wt_mem[i].name);
		snprintf(kana, sizeof kana, "%s\u3000%s", wt_fam[f].kana, wt_mem[i].kana);
		wftest_person(&q->p[i], name, kana, wt_mem[i].birth, wt_mem[i].sex,
		              wt_mem[i].zokugara, (long)fam * 10 + i + 1);
		if (with_card)
			wftest_card(&q->p[i], "2024-02-01", "2034-05-10");
	}
}

int wftest_settle_at(struct wftest *t, int fam, int n, int with_card, const char *tennyu_date,
                     const char *katagaki, struct tennyu_result *res)
{
	struct tennyu_req *q = calloc(1, sizeof *q);
	int rc;

	if (!q)
		return MG_ENOMEM;
	wftest_tennyu_req(q, WFTEST_C_CODE, tennyu_date);
	wftest_family(q, fam, n, with_card);
	wt_copy(q->katagaki, sizeof q->katagaki, katagaki);
	rc = wftest_tennyu_commit(t, q, res);
	free(q);
	return rc;
}

int wftest_tennyu_commit(struct wftest *t, struct tennyu_req *q, struct tennyu_result *res)
{
	const struct session *saved = t->ctx.sess;
	int rc;

	q->alerts_acknowledged = 1;
	t->ctx.sess = &t->clerk;
	rc = tennyu_commit(&t->ctx, q, res);
	t->ctx.sess = saved;
	return rc;
}

int wftest_settle(struct wftest *t, int fam, int n, int with_card, const char *tennyu_date,
                  struct tennyu_result *res)
{
	return wftest_settle_at(t, fam, n, with_card, tennyu_date, "", res);
}

int wftest_move_out(struct wftest *t, const char *setai, int n, char (*atena)[DB_ID_CAP],
                    const char *dest_code, const char *planned, int tokurei,
                    struct tenshutsu_result *res)
{
	struct tenshutsu_req *q = calloc(1, sizeof *q);
	int rc;

	if (!q)
		return MG_ENOMEM;
	wt_copy(q->setai_no, sizeof q->setai_no, setai);
	q->n = n;
	for (int i = 0; i < n && i < WF_MAX_PERSONS; i++)
		wt_copy(q->atena[i], sizeof q->atena[i], atena[i]);
	wt_copy(q->dest_address, sizeof q->dest_address, wftest_dest_address(dest_code));
	wt_copy(q->dest_muni_code, sizeof q->dest_muni_code, dest_code);
	wt_copy(q->planned_date, sizeof q->planned_date, planned);
	q->tokurei = tokurei;
	rc = wftest_move_out_req(t, q, res);
	free(q);
	return rc;
}

int wftest_move_out_req(struct wftest *t, struct tenshutsu_req *q, struct tenshutsu_result *res)
{
	const struct session *saved = t->ctx.sess;
	int rc;

	q->alerts_acknowledged = 1;
	t->ctx.sess = &t->clerk;
	rc = tenshutsu_commit(&t->ctx, q, res);
	t->ctx.sess = saved;
	return rc;
}

int wftest_catalog_ok(const struct check_list *l)
{
	int ok = 1;

	for (int i = 0; i < l->n; i++)
		if (!l->item[i].msgid || !i18n_msg_has(l->item[i].msgid)) {
			fprintf(stderr, "wftest: finding %s is not in the catalog\n",
			        l->item[i].msgid ? l->item[i].msgid : "(null)");
			ok = 0;
		}
	return ok;
}

void wftest_dump_checks(const char *what, const struct check_list *l)
{
	fprintf(stderr, "%s: %d findings\n", what, l->n);
	for (int i = 0; i < l->n; i++)
		fprintf(stderr, "  [%d] %s person=%d %s|%s|%s\n", l->item[i].level, l->item[i].msgid,
		        l->item[i].person, l->item[i].nargs > 0 ? l->item[i].args[0] : "",
		        l->item[i].nargs > 1 ? l->item[i].args[1] : "",
		        l->item[i].nargs > 2 ? l->item[i].args[2] : "");
}

/* Prepare a formatted query. */
static sqlite3_stmt *wt_query(struct db *db, const char *fmt, va_list ap)
{
	char sql[1024];
	sqlite3_stmt *st = NULL;

	vsnprintf(sql, sizeof sql, fmt, ap);
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "wftest: %s: %s\n", sql, sqlite3_errmsg(db->h));
		return NULL;
	}
	return st;
}

long long wftest_count(struct db *db, const char *fmt, ...)
{
	sqlite3_stmt *st;
	long long v = -1;
	va_list ap;

	va_start(ap, fmt);
	st = wt_query(db, fmt, ap);
	va_end(ap);
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

void wftest_text(struct db *db, char *out, size_t cap, const char *fmt, ...)
{
	sqlite3_stmt *st;
	va_list ap;

	out[0] = '\0';
	va_start(ap, fmt);
	st = wt_query(db, fmt, ap);
	va_end(ap);
	if (st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		wt_copy(out, cap, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

long long wftest_audit(struct db *db, const char *action)
{
	return wftest_count(db, "SELECT count(*) FROM audit WHERE action = '%s'", action);
}

/* A growing text buffer. */
struct wt_buf {
	char *p;
	size_t len, cap;
	int oom;
};

/* Append n bytes. */
static void wt_put(struct wt_buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *np;

		while (cap < b->len + n + 1)
			cap *= 2;
		np = realloc(b->p, cap);
		if (!np) {
			b->oom = 1;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Append a NUL-terminated string. */
static void wt_puts(struct wt_buf *b, const char *s)
{
	wt_put(b, s, strlen(s));
}

/* Columns whose value is the wall clock (or derived from it): shown as set/NULL when stable. */
static int wt_volatile(const char *table, const char *col)
{
	static const char *const names[] = {
		"created_at", "received_at", "sent_at", "issued_at", "posted_at", "fetched_at",
		"hash", "prev_hash", "changed_at", "last_login_at", "locked_at",
	};

	if (strcmp(table, "audit") == 0 && strcmp(col, "at") == 0)
		return 1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(col, names[i]) == 0)
			return 1;
	return 0;
}

/* One value of a table: its quote() form, or only set/NULL for a wall-clock column. */
static void wt_col_expr(struct wt_buf *b, const char *table, const char *col, unsigned flags)
{
	if ((flags & WFTEST_SNAP_STABLE) && wt_volatile(table, col)) {
		wt_puts(b, "CASE WHEN \"");
		wt_puts(b, col);
		wt_puts(b, "\" IS NULL THEN 'NULL' ELSE '<set>' END");
	} else {
		wt_puts(b, "quote(\"");
		wt_puts(b, col);
		wt_puts(b, "\")");
	}
}

/*
 * The one query that lists every row of every table as (table, text of the
 * row), ordered: built from the schema (PRAGMA table_info). New text or NULL.
 */
static char *wt_dump_sql(struct db *db, unsigned flags)
{
	struct wt_buf b = { NULL, 0, 0, 0 };
	sqlite3_stmt *st = NULL, *ti = NULL;
	int parts = 0, ok = 1;

	if (sqlite3_prepare_v2(db->h, "SELECT name FROM sqlite_master WHERE type = 'table' AND "
	                       "name NOT LIKE 'sqlite_stat%' ORDER BY name", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	while (ok && sqlite3_step(st) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(st, 0);
		char sql[300];
		int ncol = 0;

		if ((flags & WFTEST_SNAP_NO_AUDIT) &&
		    (strcmp(table, "audit") == 0 || strcmp(table, "sqlite_sequence") == 0))
			continue;
		snprintf(sql, sizeof sql, "PRAGMA table_info(\"%s\")", table);
		if (sqlite3_prepare_v2(db->h, sql, -1, &ti, NULL) != SQLITE_OK) {
			ok = 0;
			break;
		}
		wt_puts(&b, parts++ ? " UNION ALL SELECT '" : "SELECT '");
		wt_puts(&b, table);
		wt_puts(&b, "', ");
		while (sqlite3_step(ti) == SQLITE_ROW) {
			wt_puts(&b, ncol++ ? " || ' | ' || " : "");
			wt_col_expr(&b, table, (const char *)sqlite3_column_text(ti, 1), flags);
		}
		sqlite3_finalize(ti);
		ti = NULL;
		if (ncol == 0)
			wt_puts(&b, "''");
		wt_puts(&b, " FROM \"");
		wt_puts(&b, table);
		wt_puts(&b, "\"");
	}
	sqlite3_finalize(st);
	wt_puts(&b, parts ? " ORDER BY 1, 2" : "SELECT '', ''");
	if (!ok || b.oom) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* The dump queries built so far, by schema and flags (the tests use few schemas). */
static struct {
	char *schema;     /* group_concat of the tables' SQL */
	unsigned flags;
	char *sql;
} wt_dumps[8];

/* The dump query of db's schema (cached); borrowed. */
static const char *wt_dump_query(struct db *db, unsigned flags)
{
	sqlite3_stmt *st = NULL;
	char *schema = NULL;
	size_t free_slot = sizeof wt_dumps / sizeof wt_dumps[0];

	if (sqlite3_prepare_v2(db->h, "SELECT group_concat(sql, ';') FROM (SELECT sql FROM "
	                       "sqlite_master ORDER BY name)", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		schema = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (!schema)
		return NULL;
	for (size_t i = 0; i < sizeof wt_dumps / sizeof wt_dumps[0]; i++) {
		if (wt_dumps[i].schema && wt_dumps[i].flags == flags &&
		    strcmp(wt_dumps[i].schema, schema) == 0) {
			free(schema);
			return wt_dumps[i].sql;
		}
		if (!wt_dumps[i].schema && free_slot == sizeof wt_dumps / sizeof wt_dumps[0])
			free_slot = i;
	}
	if (free_slot == sizeof wt_dumps / sizeof wt_dumps[0]) {
		/* Full: forget the oldest. */
		free(wt_dumps[0].schema);
		free(wt_dumps[0].sql);
		memmove(&wt_dumps[0], &wt_dumps[1], sizeof wt_dumps - sizeof wt_dumps[0]);
		free_slot = sizeof wt_dumps / sizeof wt_dumps[0] - 1;
		wt_dumps[free_slot].schema = NULL;
	}
	wt_dumps[free_slot].sql = wt_dump_sql(db, flags);
	if (!wt_dumps[free_slot].sql) {
		free(schema);
		return NULL;
	}
	wt_dumps[free_slot].schema = schema;
	wt_dumps[free_slot].flags = flags;
	return wt_dumps[free_slot].sql;
}

void wftest_snapshot_fini(void)
{
	for (size_t i = 0; i < sizeof wt_dumps / sizeof wt_dumps[0]; i++) {
		free(wt_dumps[i].schema);
		free(wt_dumps[i].sql);
		wt_dumps[i].schema = wt_dumps[i].sql = NULL;
	}
}

char *wftest_snapshot(struct db *db, unsigned flags)
{
	struct wt_buf b = { NULL, 0, 0, 0 };
	sqlite3_stmt *st = NULL;
	const char *sql;
	char line[64];
	int src;

	if (!db)
		return NULL;
	sql = wt_dump_query(db, flags);
	if (!sql || sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	snprintf(line, sizeof line, "user_version %lld\n",
	         wftest_count(db, "PRAGMA user_version"));
	wt_puts(&b, line);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		wt_put(&b, (const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
		wt_puts(&b, "\t");
		wt_put(&b, (const char *)sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st, 1));
		wt_puts(&b, "\n");
	}
	sqlite3_finalize(st);
	if (src != SQLITE_DONE || b.oom) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

int wftest_copy(const char *from, const char *to)
{
	FILE *in, *out;
	char buf[65536];
	size_t n;
	int rc = 0;

	wftest_unlink(to);
	in = fopen(from, "rb");
	if (!in)
		return -1;
	out = fopen(to, "wb");
	if (!out) {
		fclose(in);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (ferror(in))
		rc = -1;
	fclose(in);
	if (fclose(out) != 0)
		rc = -1;
	return rc;
}

int wftest_cs_open(const char *path, struct db **out)
{
	int rc = db_outbox_cs_create(path, out);

	return rc == MG_EEXISTS ? 0 : rc;
}

int wftest_cs_init(const char *path)
{
	struct db *cs = NULL;
	int rc = wftest_cs_open(path, &cs);

	db_close(cs);
	return rc;
}

int wftest_deliver(struct wftest *t, const char *cs, struct deliver_stats *st)
{
	struct deliver_stats tmp;

	return deliver_run(&t->ctx, cs, st ? st : &tmp);
}

int wftest_pair_open_at(struct wftest_pair *p, const char *tag, int fam, int n, int with_card,
                        const char *a_today, const char *b_today, const char *katagaki)
{
	char name[96];
	int rc;

	memset(p, 0, sizeof *p);
	snprintf(name, sizeof name, "%s_a.db", tag);
	rc = wftest_open(&p->a, name, WFTEST_A_CODE, WFTEST_A_NAME, "2025-03-01");
	if (rc)
		return rc;
	snprintf(name, sizeof name, "%s_b.db", tag);
	rc = wftest_open(&p->b, name, WFTEST_B_CODE, WFTEST_B_NAME, b_today);
	if (rc)
		return rc;
	snprintf(name, sizeof name, "%s_cs.db", tag);
	wt_copy(p->cs, sizeof p->cs, testutil_path(name));
	wftest_unlink(p->cs);
	/* The exchange is set up explicitly (cs-init); delivery never creates it. */
	rc = wftest_cs_init(p->cs);
	if (rc)
		return rc;
	rc = wftest_settle_at(&p->a, fam, n, with_card, "2025-03-01", katagaki, &p->fam);
	wftest_today(&p->a, a_today);
	return rc;
}

int wftest_pair_open(struct wftest_pair *p, const char *tag, int fam, int n, int with_card,
                     const char *a_today, const char *b_today)
{
	return wftest_pair_open_at(p, tag, fam, n, with_card, a_today, b_today, "");
}

int wftest_pair_move(struct wftest_pair *p, int n, const int *idx, const char *dest,
                     const char *planned, int tokurei, int deliver)
{
	char atena[WF_MAX_PERSONS][DB_ID_CAP];
	int rc;

	for (int i = 0; i < n && i < WF_MAX_PERSONS; i++)
		wt_copy(atena[i], sizeof atena[i], p->fam.atena[idx[i]]);
	rc = wftest_move_out(&p->a, p->fam.setai_no, n, atena, dest, planned, tokurei, &p->out);
	if (rc == 0 && deliver)
		rc = wftest_deliver(&p->a, p->cs, NULL);
	if (rc == 0 && deliver)
		rc = wftest_deliver(&p->b, p->cs, NULL);
	return rc;
}

void wftest_pair_close(struct wftest_pair *p)
{
	wftest_close(&p->a);
	wftest_close(&p->b);
}

void wftest_tokurei_at(struct tokurei_req *q, const char *tennyu_date)
{
	q->card_submitted = 1;
	snprintf(q->tennyu_date, sizeof q->tennyu_date, "%s", tennyu_date);
	snprintf(q->addr_code, sizeof q->addr_code, "%s", WFTEST_TOWN2);
	snprintf(q->banchi, sizeof q->banchi, "%s", "3番5号");
}

int wftest_card_of(struct wftest *t, const char *atena, struct tokurei_card *c)
{
	struct db_resident *r = calloc(1, sizeof *r);
	int rc;

	memset(c, 0, sizeof *c);
	if (!r)
		return MG_ENOMEM;
	rc = db_resident_current(t->db, atena, r);
	if (rc == 0) {
		wt_copy(c->name, sizeof c->name, r->name);
		char full[sizeof r->addr_text + 1 + sizeof r->katagaki];

		/* The chip's 住所 as the 住民票 prints it, 方書 included. */
		snprintf(full, sizeof full, "%s%s%s", r->addr_text, r->katagaki[0] ? " " : "",
		         r->katagaki);
		wf_copy(c->address, sizeof c->address, full);
		wt_copy(c->birth, sizeof c->birth, r->birth);
		wt_copy(c->sex, sizeof c->sex, r->sex);
		wt_copy(c->kojin_bango, sizeof c->kojin_bango, r->kojin_bango);
		wt_copy(c->card_expiry, sizeof c->card_expiry, r->card_expiry);
		c->verdict = TOKUREI_GENUINE;
	}
	free(r);
	return rc;
}

int wftest_forked(int (*fn)(void *arg), void *arg)
{
	pid_t pid;
	int status = 0;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		mallopt(M_PERTURB, 0xFE);       /* new blocks read as 0x01 bytes */
		_exit(fn(arg) & 0x7F);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return -1;
}
