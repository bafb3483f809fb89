/*
 * seed.h — synthetic residents for demos, tests and benchmarks: common
 * surnames and given names with their correct readings, households with a
 * 世帯主 and 続柄, addresses from the 町字 master, valid and unique 個人番号 and
 * 住民票コード, some 除票 (most of them 転出確定) and 転出予定. Deterministic
 * for a given seed.
 * Never for a production registry (the caller checks the configuration).
 */
#ifndef SEED_H
#define SEED_H

#include "app/app_ctx.h"

struct seed_opts {
	long residents;              /* about this many persons */
	unsigned long long seed;     /* PRNG seed (same seed, same registry) */
	int towns;                   /* 町字 to create when the master is empty (default 24) */
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
 * transactions of a few thousand households. OUT: *st. Returns 0 or a code.
 * Needs PERM_BATCH (the system actor).
 */
int seed_run(struct app_ctx *ctx, const struct seed_opts *o, struct seed_stats *st);

/*
 * seed_kojin — the deterministic 個人番号 of serial n of a municipality:
 * unique for n < 10^8 within a municipality, and across municipalities whose
 * codes differ in their last three digits (as the demo's 282146 and 242012
 * do). OUT: out[13].
 */
void seed_kojin(const char *muni_code, long long n, char *out);

/* seed_jcode — the deterministic 住民票コード of serial n, unique likewise. OUT: out[12]. */
void seed_jcode(const char *muni_code, long long n, char *out);

#endif
