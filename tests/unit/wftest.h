/*
 * wftest.h — helpers of the registry workflow tests (tests/unit/test_wf_*.c).
 *
 * A wftest is one municipality's registry in a fresh file under
 * testutil_path(): the municipality row, three 町字, and an app_ctx with a
 * fixed processing date acting as a clerk session (or the system actor).
 * Helpers build 転入 requests, count rows and dump a whole database as text
 * so that "nothing changed" can be asserted byte for byte.
 */
#ifndef WFTEST_H
#define WFTEST_H

#include <stddef.h>

#include "app/app_ctx.h"
#include "app/config.h"
#include "app/deliver.h"
#include "app/session.h"
#include "app/tennyu.h"
#include "app/tenshutsu.h"
#include "app/tokurei.h"
#include "app/check.h"
#include "db/db.h"

/* The municipalities of the tests (valid 全国地方公共団体コード). */
#define WFTEST_A_CODE "131016"     /* 千代田区: the former municipality */
#define WFTEST_A_NAME "千代田区"
#define WFTEST_B_CODE "282146"     /* 宝塚市: the new municipality */
#define WFTEST_B_NAME "宝塚市"
#define WFTEST_C_CODE "271004"     /* 大阪市: where A's residents came from */

/* The 町字 every registry gets (codes, names). */
#define WFTEST_TOWN1 "001001"      /* 栄町一丁目 */
#define WFTEST_TOWN1_NAME "栄町一丁目"
#define WFTEST_TOWN2 "001002"      /* 栄町二丁目 */
#define WFTEST_TOWN3 "002001"      /* 中山寺一丁目 */

struct wftest {
	struct db *db;            /* the registry (owned) */
	struct app_ctx ctx;       /* ctx.db == db; ctx.sess == &clerk unless wftest_system */
	struct session clerk;     /* operator "clerk1", role clerk */
	struct config cfg;        /* defaults; point ctx.cfg at it to change settings */
	char path[512];           /* the file */
};

/*
 * wftest_open — a fresh registry file `file` (under the test tmpdir) of the
 * municipality code/name with the three 町字, today = today_iso, acting as
 * the clerk. Returns 0 or a code (the test should CU_ASSERT_FATAL it).
 */
int wftest_open(struct wftest *t, const char *file, const char *code, const char *name,
                const char *today_iso);

/* wftest_attach — open an existing registry file (e.g. a copy) with the same settings. */
int wftest_attach(struct wftest *t, const char *file, const char *today_iso);

/* wftest_attach_path — as wftest_attach with a full path (anywhere). */
int wftest_attach_path(struct wftest *t, const char *path, const char *today_iso);

/* wftest_close — close the registry (the file stays). Accepts a closed one. */
void wftest_close(struct wftest *t);

/* wftest_today — set the processing date (ISO). */
void wftest_today(struct wftest *t, const char *iso);

/* wftest_system / wftest_clerk — act as the system actor / as the clerk. */
void wftest_system(struct wftest *t);
void wftest_clerk(struct wftest *t);

/* wftest_date — iso + days. OUT: out[11]. */
void wftest_date(const char *iso, int days, char *out);

/* wftest_day — the day number of an ISO date (0 when invalid). */
i18n_day wftest_day(const char *iso);

/* wftest_kojin / wftest_jcode — a valid 個人番号 / 住民票コード for id n (>= 1). */
void wftest_kojin(long n, char out[13]);
void wftest_jcode(long n, char out[12]);

/*
 * wftest_person — fill a mover: name/kana/birth/sex/zokugara as given,
 * 個人番号 and 住民票コード from id (0 = neither), no card.
 */
void wftest_person(struct tennyu_person *p, const char *name, const char *kana,
                   const char *birth, const char *sex, const char *zokugara, long id);

/* wftest_card — give a mover a 個人番号カード (issued, expiry ISO). */
void wftest_card(struct tennyu_person *p, const char *issued, const char *expiry);

/*
 * wftest_tennyu_req — an empty 転入 request from prev_code (previous address
 * text made from it) on tennyu_date, to WFTEST_TOWN1 "1番1号", a new
 * household, 届出日 "" (= today), no persons yet.
 */
void wftest_tennyu_req(struct tennyu_req *q, const char *prev_code, const char *tennyu_date);

/*
 * wftest_family — fill q with a household of n (1..4) persons: 世帯主 (male),
 * 妻, 子, 子, named from the family number fam >= 1 (1 山田, 2 佐藤, 3 鈴木 …),
 * ids fam*10+1 … ; with_card: every member holds a card valid until 2034.
 */
void wftest_family(struct tennyu_req *q, int fam, int n, int with_card);

/*
 * wftest_settle — commit a family (wftest_family) moving in from
 * WFTEST_C_CODE on tennyu_date (todoke = today) as the clerk, alerts
 * acknowledged. OUT: *res. Returns the commit's code. wftest_settle_at
 * gives the household a 方書 (katagaki).
 */
int wftest_settle_at(struct wftest *t, int fam, int n, int with_card, const char *tennyu_date,
                     const char *katagaki, struct tennyu_result *res);
int wftest_settle(struct wftest *t, int fam, int n, int with_card, const char *tennyu_date,
                  struct tennyu_result *res);

/*
 * wftest_move_out — commit a 転出 (tokurei: 特例転出) of n members of setai to
 * dest_code on planned (moved_date "", todoke = today) as the clerk, alerts
 * acknowledged. OUT: *res. Returns the commit's code.
 */
int wftest_move_out(struct wftest *t, const char *setai, int n, char (*atena)[DB_ID_CAP],
                    const char *dest_code, const char *planned, int tokurei,
                    struct tenshutsu_result *res);

/* wftest_tennyu_commit — commit the 転入 q as the clerk, alerts acknowledged. */
int wftest_tennyu_commit(struct wftest *t, struct tennyu_req *q, struct tennyu_result *res);

/* wftest_move_out_req — commit the 転出 q as the clerk, alerts acknowledged. */
int wftest_move_out_req(struct wftest *t, struct tenshutsu_req *q, struct tenshutsu_result *res);

/* wftest_dest_address — the destination address text used for a municipality code. */
const char *wftest_dest_address(const char *code);

/*
 * wftest_catalog_ok — 1 when every finding of l names a message of the
 * catalog (i18n_msg_has), else 0 (and the missing key is printed).
 */
int wftest_catalog_ok(const struct check_list *l);

/* wftest_dump_checks — print the findings to stderr (debugging a failure). */
void wftest_dump_checks(const char *what, const struct check_list *l);

/* wftest_count — the integer of a one-value query (printf-style SQL); -1 on error. */
long long wftest_count(struct db *db, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* wftest_text — the text of a one-value query into out (cap bytes); "" when none/NULL. */
void wftest_text(struct db *db, char *out, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* wftest_audit — rows of the operation log with this action name ("commit", "search" …). */
long long wftest_audit(struct db *db, const char *action);

enum wftest_snap {
	WFTEST_SNAP_ALL = 0,      /* every table, every column, byte for byte */
	WFTEST_SNAP_STABLE = 1,   /* wall-clock columns (times, hashes) shown only as set/NULL */
	WFTEST_SNAP_NO_AUDIT = 2  /* leave out the operation log (audit, sqlite_sequence) */
};

/*
 * wftest_snapshot — the whole content of a database as text: user_version,
 * then one line per row of every table, "table<TAB>v1 | v2 …" with each
 * value in SQL quote() form (so NULL, '', 1 and '1' differ), lines sorted.
 * The query is built once per schema and flags and kept (see
 * wftest_snapshot_fini). Returns new text (free) or NULL. Must not run with
 * a fault armed.
 */
char *wftest_snapshot(struct db *db, unsigned flags);

/* wftest_snapshot_fini — free the cached dump queries (suite fini; optional). */
void wftest_snapshot_fini(void);

/* wftest_copy — copy a closed database file (and no -wal/-shm). 0 or -1. */
int wftest_copy(const char *from, const char *to);

/* wftest_unlink — remove a database file and its -wal/-shm. */
void wftest_unlink(const char *path);

/*
 * wftest_forked — run fn(arg) in a child process whose malloc fills every
 * new block with 0x01 bytes (glibc M_PERTURB), so a read of uninitialised
 * heap memory in the code under test misbehaves the same way on every run
 * instead of crashing the whole test runner. The child must not use the
 * parent's connections (open its own). Returns fn's exit code (0..127),
 * 128 + the signal that killed the child, or -1 when fork fails.
 */
int wftest_forked(int (*fn)(void *arg), void *arg);

/*
 * wftest_cs_init — create the exchange file at path (as `madoguchi cs-init`;
 * an existing exchange is kept). Returns 0 or a code.
 */
int wftest_cs_init(const char *path);

/* wftest_cs_open — the exchange at path, created when missing. OUT: *out. 0 or a code. */
int wftest_cs_open(const char *path, struct db **out);

/* wftest_deliver — deliver_run of t with the exchange cs (which must exist). OUT: *st (may be NULL). */
int wftest_deliver(struct wftest *t, const char *cs, struct deliver_stats *st);

/*
 * Two municipalities and the CS exchange: A (千代田区) with a family settled
 * on 2025-03-01, B (宝塚市), and the exchange file.
 */
struct wftest_pair {
	struct wftest a, b;
	char cs[512];                    /* the exchange file */
	struct tennyu_result fam;        /* A's family (atena[], setai_no) */
	struct tenshutsu_result out;     /* A's last 転出 */
};

/*
 * wftest_pair_open — files <tag>_a.db, <tag>_b.db, <tag>_cs.db (a new, empty
 * exchange made with wftest_cs_init); A has family
 * fam of n members (cards when with_card) moved in from WFTEST_C_CODE on
 * 2025-03-01 and today a_today; B has today b_today. Returns 0 or a code.
 * wftest_pair_open_at gives A's household the 方書 katagaki.
 */
int wftest_pair_open_at(struct wftest_pair *p, const char *tag, int fam, int n, int with_card,
                        const char *a_today, const char *b_today, const char *katagaki);
int wftest_pair_open(struct wftest_pair *p, const char *tag, int fam, int n, int with_card,
                     const char *a_today, const char *b_today);

/*
 * wftest_pair_move — A moves the family members idx[0..n-1] out to dest on
 * planned (tokurei: 特例転出); when deliver, A then B run a delivery.
 * Returns the first non-zero code.
 */
int wftest_pair_move(struct wftest_pair *p, int n, const int *idx, const char *dest,
                     const char *planned, int tokurei, int deliver);

/* wftest_pair_close — close both registries. */
void wftest_pair_close(struct wftest_pair *p);

/*
 * wftest_card_of — the card a resident of t would present: 氏名, 生年月日,
 * 性別, 個人番号 and expiry from the current row, address = its addr_text and 方書,
 * verdict genuine. Returns 0 or a code.
 */
int wftest_card_of(struct wftest *t, const char *atena, struct tokurei_card *c);

/* wftest_tokurei_at — the card submitted, 転入日 tennyu_date, the new address
 * WFTEST_TOWN2 3番5号: the usual 特例転入 request at B (q->card is kept). */
void wftest_tokurei_at(struct tokurei_req *q, const char *tennyu_date);

#endif
