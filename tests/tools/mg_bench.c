/*
 * mg_bench.c — the registry benchmarks behind tests/bench/registry.sh.
 * Each phase runs in its own process so its peak memory is its own.
 *
 *   mg_bench seed DB N              seed N residents (after init); print the rate
 *   mg_bench search DB Q CLI.sql    Q searches of each kind (かな+生年月日, 氏名+住所)
 *                                   through db_resident_search: p50/p99/mean and the
 *                                   process's peak RSS; writes the same statements with
 *                                   the same parameters as a sqlite3 CLI script
 *   mg_bench policy DB Q            Q searches through search_run (policy + log row)
 *   mg_bench like DB Q              the naive LIKE '%…%' scan for comparison
 *   mg_bench commit DB DIR N [R]    N 転入 commits, each followed by the references
 *                                   on the same disk (in DIR): 4 KiB append + fdatasync,
 *                                   4 KiB overwrite + fdatasync in a file already
 *                                   written (no size or block change to record),
 *                                   the commit's WAL volume + fdatasync, a one-row
 *                                   SQLite commit; p50/p99 of each and the ratios,
 *                                   the commit's own CPU time (user + system) and its
 *                                   disk reads; once with the registry file out of the
 *                                   kernel's page cache (cold), then R times in it
 *                                   (warm, R = 1 unless given): the first warm round
 *                                   prints every figure, each further round its p50s;
 *                                   then the commit-to-fsync ratio over the R rounds
 *
 * Figures go to stdout as "key value" lines; no pass/fail here.
 */
#include "app/app_ctx.h"
#include "app/search.h"
#include "app/ident.h"
#include "app/seed.h"
#include "app/session.h"
#include "app/tennyu.h"
#include "app/wf.h"
#include "db/db.h"
#include "db/db_registry.h"
#include "db/db_resident.h"
#include "i18n/i18n_kana.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Monotonic time in microseconds. */
/* A clock in µs: CLOCK_MONOTONIC for wall time, CLOCK_THREAD_CPUTIME_ID for
 * this thread's CPU time (user and system: the work without the waits). */
static double bn_clock(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static double bn_now(void)
{
	return bn_clock(CLOCK_MONOTONIC);
}

static int bn_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Print p50/p99/mean of n samples (µs) under a prefix. */
static void bn_report(const char *what, double *t, int n)
{
	double sum = 0;

	qsort(t, (size_t)n, sizeof *t, bn_cmp);
	for (int i = 0; i < n; i++)
		sum += t[i];
	printf("%s_n %d\n%s_p50_us %.1f\n%s_p99_us %.1f\n%s_mean_us %.1f\n", what, n, what,
	       t[n / 2], what, t[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1], what, sum / n);
}

/* The number after "key" in a /proc file of this process, or -1. */
static long long bn_proc(const char *file, const char *key)
{
	FILE *f = fopen(file, "r");
	char line[256];
	size_t n = strlen(key);
	long long v = -1;

	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, key, n) == 0) {
			v = strtoll(line + n, NULL, 10);
			break;
		}
	if (f)
		fclose(f);
	return v;
}

/* Peak resident set of this process in KiB. */
static long bn_peak_kib(void)
{
	return (long)bn_proc("/proc/self/status", "VmHWM:");
}

/* Open a registry with a clerk session. */
static int bn_open(const char *path, struct app_ctx *ctx, struct session *s)
{
	memset(ctx, 0, sizeof *ctx);
	memset(s, 0, sizeof *s);
	strcpy(s->operator_id, "bench");
	strcpy(s->terminal, "T-BENCH");
	s->role = SESSION_ROLE_CLERK;
	ctx->sess = s;
	ctx->terminal = "T-BENCH";
	ctx->today = i18n_date_today();
	if (db_open(path, 0, &ctx->db) != 0)
		return 1;
	return db_registry_muni(ctx->db, ctx->muni_code, ctx->muni_name, sizeof ctx->muni_name) ? 1 : 0;
}

/* Seed phase. */
static int bn_seed(const char *path, long n)
{
	struct app_ctx ctx;
	struct session s;
	struct seed_opts o = { n, 20261122, 64 };
	struct seed_stats st;
	double t0, t1;
	int rc;

	if (bn_open(path, &ctx, &s))
		return 1;
	ctx.sess = NULL;   /* seeding is a batch action of the system actor */
	db_exec(ctx.db, "UPDATE municipality SET mode = 'demo'");
	t0 = bn_now();
	rc = seed_run(&ctx, &o, &st);
	t1 = bn_now();
	db_exec(ctx.db, "PRAGMA wal_checkpoint(TRUNCATE)");
	db_close(ctx.db);
	if (rc) {
		fprintf(stderr, "seed: %s\n", mg_rc_name(rc));
		return 1;
	}
	printf("seed_persons %ld\nseed_seconds %.1f\nseed_rate_per_s %.0f\n", st.persons,
	       (t1 - t0) / 1e6, (double)st.persons / ((t1 - t0) / 1e6));
	return 0;
}

/* What a sampled person is searched by (small, so the sample adds little to the RSS). */
struct bn_key {
	char name_kana[96];
	char name[96];
	char name_key[96];
	char birth[11];
	char addr_code[16];
};

/* Sample persons spread over the registry. */
struct bn_sample {
	int n, cap;
	struct bn_key *r;
};

/* Pick rows for the sample (deterministic stride over the 宛名番号 serials). */
static int bn_sample(struct db *db, int want, struct bn_sample *s)
{
	sqlite3_stmt *st = NULL;
	long long total = 0;
	int rc = db_resident_count(db, &total);

	s->r = calloc((size_t)want, sizeof *s->r);
	s->cap = want;
	if (rc || !s->r || total <= 0)
		return 1;
	if (sqlite3_prepare_v2(db->h, "SELECT atena_no FROM person WHERE state = 'current' "
	                       "AND CAST(substr(atena_no, 1, 9) AS INTEGER) % ?1 = 0 LIMIT ?2", -1, &st, NULL) != SQLITE_OK)
		return 1;
	sqlite3_bind_int64(st, 1, total / want > 1 ? total / want : 1);
	sqlite3_bind_int(st, 2, want);
	while (s->n < want && sqlite3_step(st) == SQLITE_ROW) {
		struct db_resident r;
		struct bn_key *k = &s->r[s->n];

		if (db_resident_current(db, (const char *)sqlite3_column_text(st, 0), &r) != 0)
			continue;
		wf_copy(k->name_kana, sizeof k->name_kana, r.name_kana);
		wf_copy(k->name, sizeof k->name, r.name);
		wf_copy(k->name_key, sizeof k->name_key, r.name_key);
		memcpy(k->birth, r.birth, sizeof k->birth);
		snprintf(k->addr_code, sizeof k->addr_code, "%s", r.addr_code);
		s->n++;
	}
	sqlite3_finalize(st);
	return s->n == 0;
}

/* Count the rows of a search. */
static int bn_count(void *arg, const struct db_resident *r)
{
	(void)r;
	(*(int *)arg)++;
	return 0;
}

/* Write one query with its parameters for the sqlite3 CLI. */
static void bn_cli(FILE *f, const struct db_resident_query *q, const char *sql)
{
	fprintf(f, ".param clear\n.param set ?1 '%s'\n.param set ?2 '%s'\n.param set ?4 '%s'\n"
	        ".param set ?5 '%s'\n.param set ?6 ''\n.param set ?7 0\n.param set ?8 51\n%s;\n",
	        q->kana_prefix, q->name_prefix, q->birth, q->addr_code, sql);
}

/* Search phase: the indexed queries only. */
static int bn_search(const char *path, int nq, const char *cli)
{
	struct app_ctx ctx;
	struct session s;
	struct bn_sample smp = { 0, 0, NULL };
	FILE *f = fopen(cli, "w");
	double *t = malloc(sizeof(double) * (size_t)nq);
	int hits = 0, kinds;

	if (!f || !t || bn_open(path, &ctx, &s) || bn_sample(ctx.db, nq, &smp))
		return 1;
	fprintf(f, ".output /dev/null\n");
	for (kinds = 0; kinds < 2; kinds++) {
		for (int i = 0; i < smp.n; i++) {
			struct db_resident_query q;
			const struct bn_key *r = &smp.r[i];
			double t0;
			int n = 0;

			memset(&q, 0, sizeof q);
			if (kinds == 0) {
				/* 氏名かな (family name reading) + 生年月日 */
				char fam[DB_NAME_CAP];
				const char *sp = strstr(r->name_kana, "\u3000");

				snprintf(fam, sizeof fam, "%.*s", sp ? (int)(sp - r->name_kana) : 255, r->name_kana);
				/* both keys, as search_run asks for a name typed in kana */
				i18n_kana_search_key(fam, q.kana_prefix, sizeof q.kana_prefix);
				i18n_kana_name_key(fam, q.name_prefix, sizeof q.name_prefix);
				memcpy(q.birth, r->birth, sizeof r->birth);
			} else {
				/* 氏名 (written) + 住所 (町字) */
				snprintf(q.name_prefix, sizeof q.name_prefix, "%s", r->name_key);
				memcpy(q.addr_code, r->addr_code, sizeof r->addr_code);
			}
			bn_cli(f, &q, db_resident_search_sql(&q));
			t0 = bn_now();
			db_resident_search(ctx.db, &q, 51, bn_count, &n);
			t[i] = bn_now() - t0;
			hits += n;
		}
		bn_report(kinds == 0 ? "search_kana_birth" : "search_name_addr", t, smp.n);
	}
	printf("search_rows_found %d\nsearch_peak_rss_kib %ld\n", hits, bn_peak_kib());
	fclose(f);
	db_close(ctx.db);
	free(smp.r);
	free(t);
	return 0;
}

/* Policy phase: what a clerk waits for (policy, query, log row with its fsync). */
static int bn_policy(const char *path, int nq)
{
	struct app_ctx ctx;
	struct session s;
	struct bn_sample smp = { 0, 0, NULL };
	double *t = malloc(sizeof(double) * (size_t)nq);

	if (!t || bn_open(path, &ctx, &s) || bn_sample(ctx.db, nq, &smp))
		return 1;
	for (int i = 0; i < smp.n; i++) {
		struct search_req q;
		struct search_result res;
		double t0;

		memset(&q, 0, sizeof q);
		snprintf(q.name, sizeof q.name, "%s", smp.r[i].name_kana);
		memcpy(q.birth, smp.r[i].birth, sizeof smp.r[i].birth);
		t0 = bn_now();
		search_run(&ctx, &q, &res);
		t[i] = bn_now() - t0;
		search_free(&res);
	}
	bn_report("search_run_logged", t, smp.n);
	db_close(ctx.db);
	free(smp.r);
	free(t);
	return 0;
}

/* The naive scan a system without stored keys would do. */
static int bn_like(const char *path, int nq)
{
	struct app_ctx ctx;
	struct session s;
	struct bn_sample smp = { 0, 0, NULL };
	double *t = malloc(sizeof(double) * (size_t)nq);
	sqlite3_stmt *st = NULL;

	if (!t || bn_open(path, &ctx, &s) || bn_sample(ctx.db, nq, &smp))
		return 1;
	if (sqlite3_prepare_v2(ctx.db->h, "SELECT h.atena_no FROM resident_history h JOIN person p "
	                       "ON p.atena_no = h.atena_no AND p.rireki_no = h.rireki_no "
	                       "WHERE h.name_kana LIKE '%' || ?1 || '%' AND h.birth LIKE '%' || ?2 || '%' "
	                       "LIMIT 51", -1, &st, NULL) != SQLITE_OK)
		return 1;
	for (int i = 0; i < smp.n; i++) {
		double t0 = bn_now();

		sqlite3_bind_text(st, 1, smp.r[i].name_kana, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, smp.r[i].birth, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW)
			;
		sqlite3_reset(st);
		t[i] = bn_now() - t0;
	}
	sqlite3_finalize(st);
	bn_report("search_like_scan", t, smp.n);
	db_close(ctx.db);
	free(smp.r);
	free(t);
	return 0;
}

/* A 町字 code of the registry. */
static int bn_town(void *arg, const struct db_machiaza *m)
{
	strcpy(arg, m->code);
	return 1;
}

/* The same disk without madoguchi: append bytes and fdatasync; µs, <0 on error. */
static double bn_sync_once(int fd, const char *buf, size_t bytes)
{
	double t0 = bn_now();

	if (write(fd, buf, bytes) != (ssize_t)bytes || fdatasync(fd) != 0)
		return -1;
	return bn_now() - t0;
}

/* The same disk, rewriting a block of a file already written and synced:
 * pwrite 4 KiB at off + fdatasync (µs, <0 on error). */
static double bn_sync_over(int fd, const char *buf, off_t off)
{
	double t0 = bn_now();

	if (pwrite(fd, buf, 4096, off) != 4096 || fdatasync(fd) != 0)
		return -1;
	return bn_now() - t0;
}

/* The smallest durable SQLite transaction on the same disk: one row into a
 * one-table WAL database with synchronous=FULL (µs, <0 on error). */
static double bn_floor_once(sqlite3 *h)
{
	double t0 = bn_now();

	if (sqlite3_exec(h, "INSERT INTO t (v) VALUES (randomblob(64))", NULL, NULL, NULL))
		return -1;
	return bn_now() - t0;
}

/* The p50s of one warm round, for the summary over the rounds. */
struct bn_round {
	double commit, fsync, floor;
};

/* One 転入 of the commit phase; the first failure of a run says why on stderr. */
static int bn_tennyu_once(struct app_ctx *ctx, const struct tennyu_req *q,
                          struct tennyu_result *r)
{
	static int told;
	int rc = tennyu_commit(ctx, q, r);

	if (rc && !told) {
		told = 1;
		fprintf(stderr, "mg_bench: 転入 commit failed: rc %d%s%s\n", rc,
		        r->checks.n ? ", first finding " : "",
		        r->checks.n ? r->checks.item[0].msgid : "");
	}
	return rc;
}

/* Print "what_to_fsync_p50 a/b" for two already sorted sample sets. */
static void bn_ratio(const char *what, const double *a, const double *b, int n,
                     const char *target)
{
	printf("%s %.2f%s\n", what, a[n / 2] / b[n / 2], target);
}

/* The i-th benchmark 転入: one person with 個人番号 and 住民票コード, a new 世帯. */
static void bn_tennyu_req(const struct app_ctx *ctx, struct tennyu_req *q, int i, long block,
                          const char *town)
{
	memset(q, 0, sizeof *q);
	strcpy(q->prev_address, "三重県津市西丸之内23番1号");
	strcpy(q->prev_muni_code, "242012");
	strcpy(q->addr_code, town);
	strcpy(q->banchi, "1番1号");
	wf_today(ctx, q->tennyu_date);
	q->n = 1;
	snprintf(q->p[0].name, sizeof q->p[0].name, "計測\u3000%d号", i);
	strcpy(q->p[0].name_kana, "ケイソク\u3000ゴウ");
	/* births spread like a real registry's, so index entries land on cold pages */
	snprintf(q->p[0].birth, sizeof q->p[0].birth, "%04d-%02d-%02d",
	         1940 + (int)((block + i * 7) % 70), 1 + i % 12, 1 + (i / 12) % 28);
	strcpy(q->p[0].sex, "1");
	strcpy(q->p[0].zokugara, "世帯主");
	/* unique across runs on the same file: clock and pid pick the block;
	 * a 転入 at the counter carries both identifiers, so both indexes count */
	snprintf(q->p[0].juminhyo_code, sizeof q->p[0].juminhyo_code, "8%06ld%04d", block,
	         i % 10000);
	snprintf(q->p[0].kojin_bango, sizeof q->p[0].kojin_bango, "9%06ld%04d", block, i % 10000);
	q->p[0].kojin_bango[11] = (char)('0' + ident_kojin_bango_check(q->p[0].kojin_bango));
	q->p[0].kojin_bango[12] = '\0';
	q->alerts_acknowledged = 1;
}

/* Bytes this process has had read from the disk so far. */
static long long bn_disk_read(void)
{
	return bn_proc("/proc/self/io", "read_bytes:");
}

/* Put the registry file out of the kernel's page cache (cold) or wholly
 * into it (warm: read once, as a server that has been up a while has it). */
static int bn_cache(const char *path, int warm)
{
	int fd = open(path, O_RDONLY);
	char *buf = warm ? malloc(1 << 20) : NULL;
	int rc = 0;

	if (fd < 0 || (warm && !buf))
		rc = 1;
	else if (!warm)
		rc = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) != 0;
	else
		while (read(fd, buf, 1 << 20) > 0)
			;
	if (fd >= 0)
		close(fd);
	free(buf);
	return rc;
}

/*
 * One commit phase: N 転入 of one person each, interleaved sample by sample
 * with the references on the same disk, so that a noisy machine moves them
 * all alike: a 4 KiB append + fdatasync (the raw fsync), the same number of
 * bytes as the commit's WAL frames + fdatasync, and a one-row SQLite commit
 * (its own VFS, synchronous=FULL). The commit's CPU time (this thread, user
 * and system) is the work without the waits, which a busy disk does not move;
 * its disk reads are what the pages it found in no cache cost (with the
 * kernel's readahead). Every sample
 * runs right after the others, which makes each slower than it is back to
 * back; the ratios compare like with like.
 *
 * Between samples the phase calls db_idle, as the terminal does when a
 * second passes without a key: the WAL checkpoints it runs are timed apart
 * (idle_checkpoint), so the commit figures are what the clerk waits on.
 *
 * The phase starts from a fresh connection (an empty SQLite page cache) and
 * with the registry file either dropped from the kernel's page cache (cold)
 * or read into it (warm). The machine this is developed on hands the guest's
 * page cache back to its host within a minute, so without this step the
 * state of the cache, and the number of 80 µs disk reads in a commit, would
 * depend on how long the previous phase took.
 */
static int bn_commit_phase(const char *path, const char *dir, int n, int warm, int idx,
                           struct bn_round *round)
{
	const char *tag = warm ? "commit_tennyu" : "commit_tennyu_cold";
	struct app_ctx ctx;
	struct session s;
	struct tennyu_req *q = malloc(sizeof *q);
	struct tennyu_result *r = malloc(sizeof *r);
	double *t = calloc((size_t)n * 7, sizeof(double));
	double *f4 = t + n, *fv = t + 2 * n, *fl = t + 3 * n, *cpu = t + 4 * n, *fo = t + 5 * n;
	double *ck = t + 6 * n;
	char town[16] = "", raw[512], over[512], floor_db[512], what[64];
	char *buf = calloc(1, 1 << 20);
	long block = ((long)time(NULL) * 7 + (long)getpid() + warm + 2L * idx) % 1000000;
	long long frames = 0, disk = 0;
	sqlite3 *fh = NULL;
	int ok = 0, fd = -1, fdo = -1, bad = 0, nck = 0;

	if (!q || !r || !t || !buf || bn_cache(path, warm) || bn_open(path, &ctx, &s))
		return 1;
	snprintf(raw, sizeof raw, "%s/fsync.bin", dir);
	snprintf(over, sizeof over, "%s/fsync_over.bin", dir);
	snprintf(floor_db, sizeof floor_db, "%s/floor.db", dir);
	fd = open(raw, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	fdo = open(over, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || fdo < 0 || write(fdo, buf, 1 << 20) != 1 << 20 || fdatasync(fdo) != 0 ||
	    sqlite3_open(floor_db, &fh) != SQLITE_OK ||
	    sqlite3_exec(fh, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	                     "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v BLOB)",
	                 NULL, NULL, NULL) != SQLITE_OK)
		return 1;
	db_registry_machiaza_list(ctx.db, bn_town, town);
	for (int i = 0; i < n; i++) {
		int w0 = ctx.db->wal_frames, wf;
		double t0, c0;
		long long d0;

		bn_tennyu_req(&ctx, q, i, block, town);
		d0 = bn_disk_read();
		c0 = bn_clock(CLOCK_THREAD_CPUTIME_ID);
		t0 = bn_now();
		ok += bn_tennyu_once(&ctx, q, r) == 0;
		t[i] = bn_now() - t0;
		cpu[i] = bn_clock(CLOCK_THREAD_CPUTIME_ID) - c0;
		disk += bn_disk_read() - d0;
		/* the WAL starts over after a checkpoint: then all its frames are this commit's */
		wf = ctx.db->wal_frames > w0 ? ctx.db->wal_frames - w0 : ctx.db->wal_frames;
		frames += wf;
		f4[i] = bn_sync_once(fd, buf, 4096);
		fo[i] = bn_sync_over(fdo, buf, (off_t)(i % 256) * 4096);
		fv[i] = bn_sync_once(fd, buf, wf < 250 ? (size_t)wf * (4096 + 24) : (size_t)1 << 20);
		fl[i] = bn_floor_once(fh);
		bad |= f4[i] < 0 || fv[i] < 0 || fl[i] < 0 || fo[i] < 0;
		if (ctx.db->wal_frames >= DB_WAL_IDLE) {
			t0 = bn_now();
			bad |= db_idle(ctx.db) != 0;
			ck[nck++] = bn_now() - t0;
		}
		if (lseek(fd, 0, SEEK_END) > (64L << 20) && ftruncate(fd, 0) == 0)
			lseek(fd, 0, SEEK_SET);
	}
	close(fd);
	unlink(raw);
	close(fdo);
	unlink(over);
	sqlite3_close(fh);
	unlink(floor_db);
	if (idx > 0) {
		/* a further warm round: its p50s alone, below */
		qsort(t, (size_t)n, sizeof *t, bn_cmp);
		qsort(f4, (size_t)n, sizeof *f4, bn_cmp);
		qsort(fl, (size_t)n, sizeof *fl, bn_cmp);
		goto out;
	}
	printf("-- %s: the registry file %s the page cache\n", tag,
	       warm ? "read into" : "dropped from");
	bn_report(tag, t, n);
	snprintf(what, sizeof what, "%s_cpu", tag);
	bn_report(what, cpu, n);
	printf("%s_ok %d\n%s_disk_read_kib_mean %.1f\n", tag, ok, tag, (double)disk / 1024 / n);
	snprintf(what, sizeof what, "%s_idle_checkpoint", tag);
	if (nck)
		bn_report(what, ck, nck);
	else
		printf("%s_n 0\n", what);
	if (warm) {
		printf("commit_wal_frames_mean %.1f\n", (double)frames / n);
		bn_report("fsync_4k", f4, n);
		bn_report("fsync_4k_overwrite", fo, n);
		bn_report("fsync_same_volume", fv, n);
		bn_report("sqlite_one_row_commit", fl, n);
		bn_ratio("commit_to_fsync_p50", t, f4, n, " (target <= 1.5)");
		bn_ratio("commit_to_overwrite_fsync_p50", t, fo, n, "");
		bn_ratio("commit_to_same_volume_fsync_p50", t, fv, n, "");
		bn_ratio("commit_cpu_to_fsync_p50", cpu, f4, n, "");
		bn_ratio("sqlite_one_row_commit_to_fsync_p50", fl, f4, n, "");
		printf("commit_to_fsync_p99 %.2f\n", t[(n * 99) / 100] / f4[(n * 99) / 100]);
	} else {
		qsort(f4, (size_t)n, sizeof *f4, bn_cmp);
		bn_ratio("commit_cold_to_fsync_p50", t, f4, n, "");
	}
out:
	if (round) {
		/* the samples are sorted by now */
		round->commit = t[n / 2];
		round->fsync = f4[n / 2];
		round->floor = fl[n / 2];
	}
	db_close(ctx.db);
	free(q);
	free(r);
	free(t);
	free(buf);
	return ok == n && !bad ? 0 : 1;
}

/* Order rounds by their commit-to-fsync ratio. */
static int bn_round_cmp(const void *a, const void *b)
{
	const struct bn_round *x = a, *y = b;
	double rx = x->commit / x->fsync, ry = y->commit / y->fsync;

	return rx < ry ? -1 : rx > ry;
}

/*
 * Commit phase: cold, then R warm rounds (N up to 10,000: the numbers repeat
 * after that). The first warm round prints every figure. Each round starts
 * on a fresh connection, so the rounds differ only by the machine's state
 * from one moment to the next; the line per round and the spread of the
 * ratio over them show how much of the ratio that state decides.
 */
static int bn_commit(const char *path, const char *dir, int n, int rounds)
{
	struct bn_round *r = calloc((size_t)rounds, sizeof *r);
	int rc = !r || bn_commit_phase(path, dir, n, 0, 0, NULL);
	int within = 0;

	for (int i = 0; i < rounds && r; i++) {
		rc |= bn_commit_phase(path, dir, n, 1, i, &r[i]);
		if (rc)
			break;
		if (i == 0)
			continue;
		printf("commit_round_%d commit_p50_us %.1f fsync_4k_p50_us %.1f "
		       "commit_to_fsync_p50 %.2f sqlite_one_row_commit_to_fsync_p50 %.2f\n",
		       i + 1, r[i].commit, r[i].fsync, r[i].commit / r[i].fsync,
		       r[i].floor / r[i].fsync);
	}
	if (r && !rc && rounds > 1) {
		qsort(r, (size_t)rounds, sizeof *r, bn_round_cmp);
		for (int i = 0; i < rounds; i++)
			within += r[i].commit / r[i].fsync <= 1.5;
		printf("commit_to_fsync_p50_rounds %d min %.2f median %.2f max %.2f "
		       "within_target %d\n", rounds, r[0].commit / r[0].fsync,
		       r[rounds / 2].commit / r[rounds / 2].fsync,
		       r[rounds - 1].commit / r[rounds - 1].fsync, within);
	}
	free(r);
	return rc;
}

int main(int argc, char **argv)
{
	if (i18n_msg_init("en") != 0)
		return 2;
	if (argc == 4 && strcmp(argv[1], "seed") == 0)
		return bn_seed(argv[2], atol(argv[3]));
	if (argc == 5 && strcmp(argv[1], "search") == 0)
		return bn_search(argv[2], atoi(argv[3]), argv[4]);
	if (argc == 4 && strcmp(argv[1], "policy") == 0)
		return bn_policy(argv[2], atoi(argv[3]));
	if (argc == 4 && strcmp(argv[1], "like") == 0)
		return bn_like(argv[2], atoi(argv[3]));
	if ((argc == 5 || argc == 6) && strcmp(argv[1], "commit") == 0 &&
	    (argc == 5 || (atoi(argv[5]) >= 1 && atoi(argv[5]) <= 50)))
		return bn_commit(argv[2], argv[3], atoi(argv[4]), argc == 6 ? atoi(argv[5]) : 1);
	fprintf(stderr, "usage: see tests/tools/mg_bench.c\n");
	return 2;
}
