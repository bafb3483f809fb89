/*
 * seed.h — synthetic residents for demos, tests and benchmarks: common
 * surnames and given names with their correct readings, households with a
 * 世帯主 and 続柄, addresses from the 町字 master, valid and unique 個人番号 and
 * 住民票コード, some 除票 (most of them 転出確定) and 転出予定.
 *
 * Households: the 世帯主 (born 1940–2000), in 8 of 10 households of two or
 * more a spouse (夫/妻, the other sex, within about 8 years), and children
 * (子) born when the younger partner was at least 19 and the mother (the
 * 世帯主 when alone) at most 45, not two within 300 days when avoidable. The
 * household's date (住民となった日 / 住所を定めた日 of those born before it)
 * is never before the younger partner's 18th birthday. Given names are
 * distinct within a household (in writing and in reading). 後期高齢者 is set
 * from 75, 介護 (第1号被保険者) from 65, both by the age on the day the person's
 * latest state refers to (today; for a 除票 the 消除日); 国保 for a household
 * drawn as such, except its 後期高齢者 members; 児童手当 on the 世帯主 while a
 * child under 18 lives in the household.
 *
 * Determinism: the same seed gives the same persons and households (names,
 * births, sexes, 続柄, addresses, cards, numbers) and the same choice of
 * 除票, 転出予定 and 転入通知 whatever the processing date: every random
 * draw is independent of it. Births, household dates and card dates are
 * absolute (ending 2024-12-31); the 転出 dates are drawn as day offsets from
 * today, so another today shifts them (and the 届出日 and 転入通知 dates that
 * follow) by the same number of days. Exceptions: the age flags follow the
 * day they are taken on, and a 除票 date that would fall on or before the
 * household's latest date of 2024 is moved just after it, and a card is
 * issued before it (both only for a today before 2027). Needs today >=
 * SEED_TODAY_MIN.
 *
 * Never for a production registry: the caller checks the configuration (a
 * production configuration file is refused; the built-in defaults only for
 * a registry as init left it) and the registry's own mode.
 */
#ifndef SEED_H
#define SEED_H

#include "app/app_ctx.h"

/* The earliest processing date seed_run accepts (its absolute dates end 2024-12-31). */
#define SEED_TODAY_MIN "2025-03-01"

/* The most 町字 seed_run creates: 18 names × 4 丁目, all distinct. */
#define SEED_TOWNS_MAX 72

/* The most residents demo-seed accepts. */
#define SEED_RESIDENTS_MAX 50000000L

struct seed_opts {
	long residents;              /* about this many persons (the last household may add up to 3) */
	unsigned long long seed;     /* PRNG seed (same seed, same registry) */
	int towns;                   /* 町字 to create when the master is empty: 0 (= 24) to SEED_TOWNS_MAX */
};

struct seed_stats {
	long persons;
	long households;
	long jyohyo;
	long yotei;
	long towns;
};

/*
 * seed_run — add synthetic residents to ctx's registry (after init), in
 * transactions of 2,000 households; the 町字 master is created first when it
 * is empty. Refuses (MG_EEXISTS, nothing written) a registry that already
 * holds seeded persons (db_resident_seeded), so a second run never makes
 * twins; a run that failed part-way leaves its committed batches, and the
 * registry has to be made again. OUT: *st (zeroed first). Returns 0,
 * MG_EPERM (needs PERM_BATCH: the system actor), MG_EINVAL (towns out of
 * range, residents < 0, today before SEED_TODAY_MIN), MG_EEXISTS,
 * MG_ENOTFOUND (no 町字), MG_ENOMEM or a db code. Blocks on the database.
 */
int seed_run(struct app_ctx *ctx, const struct seed_opts *o, struct seed_stats *st);

/*
 * seed_kojin / seed_jcode — the deterministic 個人番号 (check digit valid) and
 * 住民票コード of serial n (the 宛名番号 without its check digit, 0 <= n < 10^9)
 * of municipality muni_code (6 digits). The numbers come from one space of
 * 10^10 values: the municipality's index (都道府県 − 1) × 1000 + its three
 * municipality digits (< 47,000) times 200,000 plus n for n < 200,000, then
 * a shared tail of 600,000,000 values for larger n; 個人番号 scrambles it by
 * a bijection of its 11-digit body (10^11), 住民票コード by one of a 10-digit
 * body (10^10; its last digit is a stand-in check digit, the real formula is
 * not public). Hence:
 *  - within a municipality, unique for n < 600,200,000 (a registry seeded
 *    with SEED_RESIDENTS_MAX persons uses serials up to about 55,000,000);
 *  - between two municipalities, distinct while both serials are below
 *    200,000 (about 180,000 persons seeded into a fresh registry); above
 *    that, two municipalities' seeds may share numbers.
 * OUT: out[13] / out[12].
 */
void seed_kojin(const char *muni_code, long long n, char *out);
void seed_jcode(const char *muni_code, long long n, char *out);

#endif
