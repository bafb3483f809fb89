/*
 * test_seed.c — the synthetic registry (app/seed.h) as the review rv21seed
 * found it wanting: realistic households (F6: a spouse of age at the
 * household's date, children born to a mother of 18–45, distinct given
 * names, 後期高齢者/介護 by age), numbers of their own per municipality and
 * the same people on any day (F8), and no second seed into one registry
 * (F7). Every household of the seeded registries is checked.
 */
#include "tests/unit/testutil.h"
#include "tests/unit/wftest.h"
#include "app/ident.h"
#include "app/seed.h"
#include "i18n/i18n_date.h"
#include "i18n/mg_rc.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Seed a fresh registry of municipality code/name on day today as the system actor. */
static int sd_seeded(struct wftest *t, const char *file, const char *code, const char *name,
                     const char *today, unsigned long long seed, long n, struct seed_stats *st)
{
	struct seed_opts o = { n, seed, 0 };
	int rc = wftest_open(t, file, code, name, today);

	if (rc)
		return rc;
	wftest_system(t);
	return seed_run(&t->ctx, &o, st);
}

/* Run SQL with no result (ATTACH, DELETE) on db; 0 or an SQLite code. */
static int sd_exec(struct db *db, const char *sql)
{
	return sqlite3_exec(db->h, sql, NULL, NULL, NULL);
}

/* Attach the file path to db as "o". */
static int sd_attach(struct db *db, const char *path)
{
	char *sql = sqlite3_mprintf("ATTACH DATABASE %Q AS o", path);
	int rc = sql ? sd_exec(db, sql) : SQLITE_NOMEM;

	sqlite3_free(sql);
	return rc;
}

/* Age in whole years on `on` of someone born on `birth` (ISO dates); -999 when bad. */
static int sd_age(const char *birth, const char *on)
{
	i18n_day b, o;
	int by, bm, bd, oy, om, od;

	if (!birth || !on || i18n_date_parse_iso(birth, &b) != 0 || i18n_date_parse_iso(on, &o) != 0)
		return -999;
	i18n_date_to_ymd(b, &by, &bm, &bd);
	i18n_date_to_ymd(o, &oy, &om, &od);
	return oy - by - ((om < bm || (om == bm && od < bd)) ? 1 : 0);
}

/* One member of a household as its latest row says. */
struct sd_mem {
	char zok[32], given[64], kana[64], birth[11], sex[2], ref[11];
	int kouki, kaigo;
};

/* Tallies over the households of a registry. */
struct sd_tally {
	long households, spouses, children, kouki, kaigo;
	long bad_head, bad_zok, bad_sex, spouse_young, younger_young;
	long mother_out, younger_at_child, same_given, bad_kouki, bad_kaigo;
	int min_spouse_age, min_mother_age, max_mother_age;
};

/* Copy a text column (NULL as ""). */
static void sd_col(sqlite3_stmt *q, int i, char *out, size_t cap)
{
	const char *s = (const char *)sqlite3_column_text(q, i);

	snprintf(out, cap, "%s", s ? s : "");
}

/* Check one household m[0..n-1] whose date (住民となった日 of its founders) is since. */
static void sd_check_household(const struct sd_mem *m, int n, const char *since, struct sd_tally *t)
{
	const struct sd_mem *head = NULL, *spouse = NULL, *mother;
	const char *younger;
	int heads = 0;

	t->households++;
	for (int i = 0; i < n; i++) {
		if (strcmp(m[i].zok, "世帯主") == 0) {
			head = &m[i];
			heads++;
		} else if (strcmp(m[i].zok, "夫") == 0 || strcmp(m[i].zok, "妻") == 0) {
			spouse = &m[i];
		} else if (strcmp(m[i].zok, "子") != 0) {
			t->bad_zok++;
		}
	}
	if (heads != 1 || !head) {
		t->bad_head++;
		return;
	}
	younger = head->birth;
	if (spouse) {
		int a = sd_age(spouse->birth, since);

		t->spouses++;
		if (strcmp(spouse->sex, head->sex) == 0 ||
		    strcmp(spouse->sex, strcmp(spouse->zok, "夫") == 0 ? "1" : "2") != 0)
			t->bad_sex++;
		if (a < 18)
			t->spouse_young++;
		if (a < t->min_spouse_age)
			t->min_spouse_age = a;
		if (strcmp(spouse->birth, head->birth) > 0)
			younger = spouse->birth;
	}
	if (sd_age(younger, since) < 18)
		t->younger_young++;
	mother = spouse && strcmp(spouse->sex, "2") == 0 ? spouse : head;
	for (int i = 0; i < n; i++) {
		int a;

		if (strcmp(m[i].zok, "子") != 0)
			continue;
		t->children++;
		a = sd_age(mother->birth, m[i].birth);
		if (a < 18 || a > 45)
			t->mother_out++;
		if (a < t->min_mother_age)
			t->min_mother_age = a;
		if (a > t->max_mother_age)
			t->max_mother_age = a;
		if (sd_age(younger, m[i].birth) < 18)
			t->younger_at_child++;
	}
	for (int i = 0; i < n; i++) {
		int a = sd_age(m[i].birth, m[i].ref);

		for (int j = 0; j < i; j++)
			if (strcmp(m[i].given, m[j].given) == 0 || strcmp(m[i].kana, m[j].kana) == 0)
				t->same_given++;
		t->kouki += m[i].kouki;
		t->kaigo += m[i].kaigo;
		if (m[i].kouki != (a >= 75))
			t->bad_kouki++;
		if (m[i].kaigo != (a >= 65))
			t->bad_kaigo++;
	}
}

/*
 * Walk every household of db (latest row of each member); the age flags
 * are judged on today, for a 除票 on its 消除日. Returns 0 or -1.
 */
static int sd_tally(struct db *db, const char *today, struct sd_tally *t)
{
	static const char sql[] =
		"SELECT p.setai_no, h.zokugara, h.name, h.name_kana, h.birth, h.sex, p.state, "
		"h.shojo_date, h.kouki, h.kaigo, hh.created_on FROM person p "
		"JOIN resident_history h ON h.atena_no = p.atena_no AND h.rireki_no = p.rireki_no "
		"JOIN household hh ON hh.setai_no = p.setai_no ORDER BY p.setai_no, p.atena_no";
	sqlite3_stmt *q = NULL;
	struct sd_mem m[8];
	char setai[32] = "", since[11] = "";
	int n = 0;

	memset(t, 0, sizeof *t);
	t->min_spouse_age = t->min_mother_age = 999;
	t->max_mother_age = -999;
	if (sqlite3_prepare_v2(db->h, sql, -1, &q, NULL) != SQLITE_OK)
		return -1;
	for (;;) {
		int more = sqlite3_step(q) == SQLITE_ROW;
		char s[32] = "", name[128], kana[128];
		const char *g;

		if (more)
			sd_col(q, 0, s, sizeof s);
		if (n > 0 && (!more || strcmp(s, setai) != 0)) {
			sd_check_household(m, n, since, t);
			n = 0;
		}
		if (!more)
			break;
		if (n == (int)(sizeof m / sizeof m[0])) {
			t->bad_head++;     /* more members than any seeded household has */
			continue;
		}
		snprintf(setai, sizeof setai, "%s", s);
		sd_col(q, 10, since, sizeof since);
		memset(&m[n], 0, sizeof m[n]);
		sd_col(q, 1, m[n].zok, sizeof m[n].zok);
		sd_col(q, 2, name, sizeof name);
		sd_col(q, 3, kana, sizeof kana);
		g = strstr(name, "\u3000");
		snprintf(m[n].given, sizeof m[n].given, "%s", g ? g + 3 : "");
		g = strstr(kana, "\u3000");
		snprintf(m[n].kana, sizeof m[n].kana, "%s", g ? g + 3 : "");
		sd_col(q, 4, m[n].birth, sizeof m[n].birth);
		sd_col(q, 5, m[n].sex, sizeof m[n].sex);
		if (strcmp((const char *)sqlite3_column_text(q, 6), "jyohyo") == 0)
			sd_col(q, 7, m[n].ref, sizeof m[n].ref);
		else
			snprintf(m[n].ref, sizeof m[n].ref, "%s", today);
		m[n].kouki = sqlite3_column_int(q, 8);
		m[n].kaigo = sqlite3_column_int(q, 9);
		n++;
	}
	sqlite3_finalize(q);
	return 0;
}

/* F6: every household is one a registry could hold. */
static void t_households(void)
{
	struct wftest t;
	struct seed_stats st;
	struct sd_tally y;

	CU_ASSERT_EQUAL_FATAL(sd_seeded(&t, "seed_hh.db", WFTEST_B_CODE, WFTEST_B_NAME, "2026-11-23",
	                                42, 3000, &st), 0);
	CU_ASSERT_EQUAL_FATAL(sd_tally(t.db, "2026-11-23", &y), 0);
	CU_ASSERT_EQUAL(y.households, st.households);
	/* Enough of each kind that the checks below mean something. */
	CU_ASSERT(y.spouses > 500);
	CU_ASSERT(y.children > 500);
	CU_ASSERT(y.kouki > 100);
	CU_ASSERT(y.kaigo > y.kouki);
	CU_ASSERT_EQUAL(y.bad_head, 0);
	CU_ASSERT_EQUAL(y.bad_zok, 0);
	CU_ASSERT_EQUAL(y.bad_sex, 0);
	/* The spouse and the younger partner were adults when the household began. */
	CU_ASSERT_EQUAL(y.spouse_young, 0);
	CU_ASSERT_EQUAL(y.younger_young, 0);
	CU_ASSERT(y.min_spouse_age >= 18);
	/* Each child was born to a mother of 18–45, neither partner a minor. */
	CU_ASSERT_EQUAL(y.mother_out, 0);
	CU_ASSERT(y.min_mother_age >= 18 && y.max_mother_age <= 45);
	CU_ASSERT_EQUAL(y.younger_at_child, 0);
	/* No two members of a household share a given name, written or read. */
	CU_ASSERT_EQUAL(y.same_given, 0);
	/* 後期高齢者 from 75, 介護 (第1号) from 65; no 国保 for a 後期高齢者. */
	CU_ASSERT_EQUAL(y.bad_kouki, 0);
	CU_ASSERT_EQUAL(y.bad_kaigo, 0);
	CU_ASSERT_EQUAL(wftest_count(t.db, "SELECT count(*) FROM resident_history WHERE kouki = 1 "
	                "AND kokuho = 1"), 0);
	/* The household's own date is its members' 住民となった日 (or their birth). */
	CU_ASSERT_EQUAL(wftest_count(t.db, "SELECT count(*) FROM resident_history r JOIN household h "
	                "ON h.setai_no = r.setai_no WHERE r.rireki_no = 1 AND r.jumin_date <> "
	                "max(h.created_on, r.birth)"), 0);
	wftest_close(&t);
}

/* F8: municipalities whose codes end alike never share a number. */
static void t_municipalities(void)
{
	static const char *const codes[] = { "062146", "282146", "242012", "131016", "011002" };
	struct wftest a, b;
	struct seed_stats sa, sb;
	char k[13], k2[13], j[12], j2[12];
	long bad = 0;

	CU_ASSERT_EQUAL_FATAL(sd_seeded(&a, "seed_nanyo.db", "062146", "南陽市", "2026-11-23", 42, 300,
	                                &sa), 0);
	CU_ASSERT_EQUAL_FATAL(sd_seeded(&b, "seed_takara.db", WFTEST_B_CODE, WFTEST_B_NAME,
	                                "2026-11-23", 42, 300, &sb), 0);
	/* The same seed: the same people, with numbers of their own. */
	CU_ASSERT_EQUAL(sa.persons, sb.persons);
	wftest_close(&b);
	CU_ASSERT_EQUAL_FATAL(sd_attach(a.db, b.path), SQLITE_OK);
	CU_ASSERT_EQUAL(wftest_count(a.db, "SELECT count(*) FROM o.resident_history"),
	                wftest_count(a.db, "SELECT count(*) FROM main.resident_history"));
	CU_ASSERT_EQUAL(wftest_count(a.db, "SELECT count(*) FROM main.resident_history x JOIN "
	                "o.resident_history y USING (atena_no, rireki_no) WHERE x.name IS NOT y.name "
	                "OR x.birth IS NOT y.birth"), 0);
	CU_ASSERT_EQUAL(wftest_count(a.db, "SELECT count(*) FROM main.resident_history x JOIN "
	                "o.resident_history y ON x.kojin_bango = y.kojin_bango"), 0);
	CU_ASSERT_EQUAL(wftest_count(a.db, "SELECT count(*) FROM main.resident_history x JOIN "
	                "o.resident_history y ON x.juminhyo_code = y.juminhyo_code"), 0);
	wftest_close(&a);
	/* The functions: valid, distinct between municipalities for serials below
	 * 200,000, distinct within one across the shared tail. */
	for (long long n = 0; n < 2000; n++)
		for (size_t c = 0; c < sizeof codes / sizeof codes[0]; c++) {
			seed_kojin(codes[c], n * 97, k);
			seed_jcode(codes[c], n * 97, j);
			if (!ident_kojin_bango_valid(k) || !ident_juminhyo_code_valid(j))
				bad++;
			for (size_t d = 0; d < c; d++) {
				seed_kojin(codes[d], n * 97, k2);
				seed_jcode(codes[d], n * 97, j2);
				if (strcmp(k, k2) == 0 || strcmp(j, j2) == 0)
					bad++;
			}
		}
	{
		static const long long ns[] = { 0, 199999, 200000, 200001, 55000000, 600199999 };

		for (size_t x = 0; x < sizeof ns / sizeof ns[0]; x++)
			for (size_t y = 0; y < x; y++) {
				seed_kojin("282146", ns[x], k);
				seed_kojin("282146", ns[y], k2);
				seed_jcode("282146", ns[x], j);
				seed_jcode("282146", ns[y], j2);
				if (!ident_kojin_bango_valid(k) || strcmp(k, k2) == 0 || strcmp(j, j2) == 0)
					bad++;
			}
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/*
 * F8: the same seed on two days gives the same persons and households, and
 * the same 除票, 転出予定 and 転入通知; only the 転出 dates (and the 届出日,
 * 処理日 and 転入通知 dates that follow them) move, by the days between.
 */
static void t_any_day(void)
{
	struct wftest a, b;
	struct seed_stats sa, sb;
	const char *same =
		"x.name IS NOT y.name OR x.name_kana IS NOT y.name_kana OR x.birth IS NOT y.birth "
		"OR x.sex IS NOT y.sex OR x.zokugara IS NOT y.zokugara OR x.setai_no IS NOT y.setai_no "
		"OR x.kojin_bango IS NOT y.kojin_bango OR x.juminhyo_code IS NOT y.juminhyo_code "
		"OR x.addr_text IS NOT y.addr_text OR x.postal_code IS NOT y.postal_code "
		"OR x.jumin_date IS NOT y.jumin_date OR x.card_issued IS NOT y.card_issued "
		"OR x.card_expiry IS NOT y.card_expiry OR x.state IS NOT y.state "
		"OR x.idou_jiyu IS NOT y.idou_jiyu OR x.dest_planned IS NOT y.dest_planned "
		"OR x.dest_confirmed IS NOT y.dest_confirmed OR x.uketsuke_no IS NOT y.uketsuke_no";

	CU_ASSERT_EQUAL_FATAL(sd_seeded(&a, "seed_day1.db", WFTEST_B_CODE, WFTEST_B_NAME, "2027-03-10",
	                                7, 1500, &sa), 0);
	CU_ASSERT_EQUAL_FATAL(sd_seeded(&b, "seed_day2.db", WFTEST_B_CODE, WFTEST_B_NAME, "2027-11-23",
	                                7, 1500, &sb), 0);
	CU_ASSERT_EQUAL(sa.persons, sb.persons);
	CU_ASSERT_EQUAL(sa.households, sb.households);
	CU_ASSERT_EQUAL(sa.jyohyo, sb.jyohyo);
	CU_ASSERT_EQUAL(sa.yotei, sb.yotei);
	CU_ASSERT(sa.jyohyo > 10 && sa.yotei > 10);
	wftest_close(&b);
	CU_ASSERT_EQUAL_FATAL(sd_attach(a.db, b.path), SQLITE_OK);
	/* Row for row (宛名番号 + 履歴番号), 転入通知 rows included. */
	CU_ASSERT(wftest_count(a.db, "SELECT count(*) FROM main.resident_history WHERE rireki_no = 3")
	          > 5);
	CU_ASSERT_EQUAL(wftest_count(a.db, "SELECT count(*) FROM main.resident_history"),
	                wftest_count(a.db, "SELECT count(*) FROM o.resident_history"));
	CU_ASSERT_EQUAL(wftest_count(a.db, "SELECT count(*) FROM main.resident_history x JOIN "
	                "o.resident_history y USING (atena_no, rireki_no)"),
	                wftest_count(a.db, "SELECT count(*) FROM main.resident_history"));
	CU_ASSERT_EQUAL(wftest_count(a.db, "SELECT count(*) FROM main.resident_history x JOIN "
	                "o.resident_history y USING (atena_no, rireki_no) WHERE %s", same), 0);
	/* Row 1 keeps its dates; the 転出 rows' dates move by 258 days. */
	CU_ASSERT_EQUAL(wftest_count(a.db, "SELECT count(*) FROM main.resident_history x JOIN "
	                "o.resident_history y USING (atena_no, rireki_no) WHERE x.rireki_no = 1 AND "
	                "(x.idou_date IS NOT y.idou_date OR x.todoke_date IS NOT y.todoke_date)"), 0);
	CU_ASSERT_EQUAL(wftest_count(a.db, "SELECT count(*) FROM main.resident_history x JOIN "
	                "o.resident_history y USING (atena_no, rireki_no) WHERE x.rireki_no > 1 AND ("
	                "julianday(y.idou_date) - julianday(x.idou_date) IS NOT 258 OR "
	                "julianday(y.todoke_date) - julianday(x.todoke_date) IS NOT 258 OR "
	                "julianday(y.shori_date) - julianday(x.shori_date) IS NOT 258 OR "
	                "julianday(y.dest_planned_date) - julianday(x.dest_planned_date) IS NOT 258 OR "
	                "(x.shojo_date IS NULL) <> (y.shojo_date IS NULL) OR "
	                "julianday(y.shojo_date) - julianday(x.shojo_date) IS NOT "
	                "(CASE WHEN x.shojo_date IS NULL THEN NULL ELSE 258 END) OR "
	                "(x.notice_date IS NULL) <> (y.notice_date IS NULL) OR "
	                "julianday(y.notice_date) - julianday(x.notice_date) IS NOT "
	                "(CASE WHEN x.notice_date IS NULL THEN NULL ELSE 258 END))"), 0);
	/* Households: the same, closed 258 days later. */
	CU_ASSERT_EQUAL(wftest_count(a.db, "SELECT count(*) FROM main.household x JOIN o.household y "
	                "USING (setai_no) WHERE x.addr_code IS NOT y.addr_code OR x.banchi IS NOT "
	                "y.banchi OR x.head_atena IS NOT y.head_atena OR x.created_on IS NOT "
	                "y.created_on OR (x.closed_on IS NULL) <> (y.closed_on IS NULL) OR "
	                "julianday(y.closed_on) - julianday(x.closed_on) IS NOT "
	                "(CASE WHEN x.closed_on IS NULL THEN NULL ELSE 258 END)"), 0);
	wftest_close(&a);
}

/* F7: a registry that holds seeded persons is refused, and nothing is written. */
static void t_once(void)
{
	struct wftest t;
	struct seed_stats st;
	struct seed_opts o = { 50, 9, 0 };
	char *before, *after;

	CU_ASSERT_EQUAL_FATAL(sd_seeded(&t, "seed_once.db", WFTEST_B_CODE, WFTEST_B_NAME, "2026-11-23",
	                                9, 200, &st), 0);
	before = wftest_snapshot(t.db, WFTEST_SNAP_ALL);
	CU_ASSERT_EQUAL(seed_run(&t.ctx, &o, &st), MG_EEXISTS);
	CU_ASSERT_EQUAL(st.persons, 0);
	o.seed = 10;   /* another seed too: still one seeding per registry */
	CU_ASSERT_EQUAL(seed_run(&t.ctx, &o, &st), MG_EEXISTS);
	after = wftest_snapshot(t.db, WFTEST_SNAP_ALL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	CU_ASSERT_PTR_NOT_NULL_FATAL(after);
	CU_ASSERT_STRING_EQUAL(before, after);
	CU_ASSERT_EQUAL(wftest_count(t.db, "SELECT count(*) FROM (SELECT name, birth, sex FROM "
	                "resident_history WHERE rireki_no = 1 GROUP BY name, birth, sex HAVING "
	                "count(DISTINCT atena_no) > 1)"), 0);
	free(before);
	free(after);
	wftest_close(&t);
}

/* F8: the 町字 master it makes has distinct names (72 at most) and the city's postal codes. */
static void t_towns(void)
{
	struct wftest t;
	struct seed_stats st;
	struct seed_opts o = { 30, 3, SEED_TOWNS_MAX };

	CU_ASSERT_EQUAL_FATAL(wftest_open(&t, "seed_towns.db", WFTEST_B_CODE, WFTEST_B_NAME,
	                                  "2026-11-23"), 0);
	wftest_system(&t);
	CU_ASSERT_EQUAL_FATAL(sd_exec(t.db, "DELETE FROM machiaza"), SQLITE_OK);
	o.towns = SEED_TOWNS_MAX + 1;
	CU_ASSERT_EQUAL(seed_run(&t.ctx, &o, &st), MG_EINVAL);
	CU_ASSERT_EQUAL(wftest_count(t.db, "SELECT count(*) FROM machiaza"), 0);
	o.towns = SEED_TOWNS_MAX;
	CU_ASSERT_EQUAL_FATAL(seed_run(&t.ctx, &o, &st), 0);
	CU_ASSERT_EQUAL(st.towns, SEED_TOWNS_MAX);
	CU_ASSERT_EQUAL(wftest_count(t.db, "SELECT count(DISTINCT name) FROM machiaza"), SEED_TOWNS_MAX);
	CU_ASSERT_EQUAL(wftest_count(t.db, "SELECT count(*) FROM machiaza WHERE postal_code NOT GLOB "
	                "'665[0-9][0-9][0-9][0-9]'"), 0);
	wftest_close(&t);
	/* A day before the seed's dates end is refused, nothing written. */
	CU_ASSERT_EQUAL_FATAL(wftest_open(&t, "seed_early.db", WFTEST_B_CODE, WFTEST_B_NAME,
	                                  "2025-02-28"), 0);
	wftest_system(&t);
	o.towns = 0;
	CU_ASSERT_EQUAL(seed_run(&t.ctx, &o, &st), MG_EINVAL);
	CU_ASSERT_EQUAL(wftest_count(t.db, "SELECT count(*) FROM person"), 0);
	wftest_close(&t);
}

TESTUTIL_REGISTER(seed)
{
	static const struct testutil_case cases[] = {
		{ "households: ages, mothers, names, 後期/介護 (F6)", t_households },
		{ "numbers: distinct between municipalities (F8)", t_municipalities },
		{ "any day: same persons, 転出 dates shifted (F8)", t_any_day },
		{ "once: a seeded registry is refused (F7)", t_once },
		{ "towns: distinct names, postal codes, early day (F8)", t_towns },
		{ NULL, NULL }
	};
	testutil_suite("seed", NULL, NULL, cases);
}
