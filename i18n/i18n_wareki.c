/*
 * i18n_wareki.c — 和暦 on ICU's japanese calendar: parsing what clerks type,
 * formatting, and the era year of 照合番号B.
 *
 * Nothing about the eras is hard-coded here: at first use the era list
 * (from 明治 on), each era's first day, its name (GGGG) and its letter
 * (GGGGG) are read from ICU ("ja_JP@calendar=japanese"). ICU's data puts
 * the first day of 明治 at 1868-09-08 (the day of the change of era, taken
 * as a Gregorian date), 大正 1912-07-30, 昭和 1926-12-25, 平成 1989-01-08,
 * 令和 2019-05-01; the tests check those days against this table.
 * The output text (年, 月, 日, 元年) comes from ICU's date patterns.
 */
#include "i18n/i18n_wareki.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/i18n_utf8.h"
#include "i18n/mg_rc.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#define WAREKI_MAX_ERAS 8
#define WAREKI_OUTSIDE_ERA 1    /* internal: a real date outside the typed era */
#define WAREKI_MS_PER_DAY 86400000.0

/* One era from 明治 on, as ICU's japanese calendar defines it. */
struct wareki_era {
	int icu_era;          /* ICU's UCAL_ERA value */
	i18n_day start;       /* its first day */
	int start_year;       /* Gregorian year of its first day (= its year 1) */
	char name[24];        /* "令和" (UTF-8, ICU's GGGG) */
	size_t name_len;      /* bytes of name */
	size_t abbr_len;      /* bytes of the first character ("令") */
	char letter;          /* 'R' (ICU's GGGGG), upper case */
};

/* Cached date formats (all UTC, proleptic Gregorian). */
enum wareki_fmt {
	WF_JA_YMD,     /* 令和7年3月14日 (ICU's long japanese date) */
	WF_JA_YM,      /* 令和7年3月 */
	WF_JA_Y,       /* 令和7年 */
	WF_JA_D,       /* 14日 */
	WF_JAG_YMD,    /* 1850年1月2日 (before 明治) */
	WF_JAG_YM,     /* 1850年1月 */
	WF_JAG_Y,      /* 1850年 */
	WF_EN_YMD,     /* 14 Mar 2025 */
	WF_EN_YM,      /* Mar 2025 */
	WF_EN_Y,       /* 2025 */
	WF_EN_D,       /* 14 */
	WF_COUNT
};

/* The locale and skeleton of each format (NULL skeleton = ICU's long date). */
static const struct {
	const char *locale;
	const char *skeleton;
} wareki_fmt_def[WF_COUNT] = {
	[WF_JA_YMD] = { "ja_JP@calendar=japanese", NULL },
	[WF_JA_YM] = { "ja_JP@calendar=japanese", "GyMMM" },
	[WF_JA_Y] = { "ja_JP@calendar=japanese", "Gy" },
	[WF_JA_D] = { "ja_JP@calendar=japanese", "d" },
	[WF_JAG_YMD] = { "ja_JP@calendar=gregorian", NULL },
	[WF_JAG_YM] = { "ja_JP@calendar=gregorian", "yMMM" },
	[WF_JAG_Y] = { "ja_JP@calendar=gregorian", "y" },
	[WF_EN_YMD] = { "en_GB@calendar=gregorian", "dMMMy" },
	[WF_EN_YM] = { "en_GB@calendar=gregorian", "MMMy" },
	[WF_EN_Y] = { "en_GB@calendar=gregorian", "y" },
	[WF_EN_D] = { "en_GB@calendar=gregorian", "d" },
};

static pthread_mutex_t wareki_lock = PTHREAD_MUTEX_INITIALIZER;
static int wareki_ready;
static struct wareki_era wareki_eras[WAREKI_MAX_ERAS];
static int wareki_n;
static UDateFormat *wareki_fmt[WF_COUNT];

static const UChar wareki_utc[] = u"UTC";

/* The era ICU's calendar c gives for day d, or -1. */
static int wareki_icu_era(UCalendar *c, i18n_day d, int *year)
{
	UErrorCode e = U_ZERO_ERROR;
	int era;

	ucal_setMillis(c, (UDate)d * WAREKI_MS_PER_DAY, &e);
	era = ucal_get(c, UCAL_ERA, &e);
	if (year)
		*year = ucal_get(c, UCAL_YEAR, &e);
	return U_FAILURE(e) ? -1 : era;
}

/* Format day d with f into UTF-8 out[cap]; returns 0 or MG_EI18N. */
static int wareki_udat(UDateFormat *f, i18n_day d, char *out, size_t cap)
{
	UErrorCode e = U_ZERO_ERROR;
	UChar buf[64];
	int32_t n;

	n = udat_format(f, (UDate)d * WAREKI_MS_PER_DAY, buf, 64, NULL, &e);
	if (U_FAILURE(e) || n >= 64)
		return MG_EI18N;
	u_strToUTF8(out, (int32_t)cap, NULL, buf, n, &e);
	if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING)
		return MG_EI18N;
	return 0;
}

/* Format day d with an ICU pattern in the japanese calendar (ja). */
static int wareki_pattern(const char *pattern, i18n_day d, char *out, size_t cap)
{
	UErrorCode e = U_ZERO_ERROR;
	UDateFormat *f;
	UChar pat[16];
	int rc;

	u_uastrcpy(pat, pattern);
	f = udat_open(UDAT_PATTERN, UDAT_PATTERN, "ja_JP@calendar=japanese",
	              wareki_utc, -1, pat, -1, &e);
	if (U_FAILURE(e))
		return MG_EI18N;
	rc = wareki_udat(f, d, out, cap);
	udat_close(f);
	return rc;
}

/* Open the format of one definition, proleptic Gregorian, UTC. */
static UDateFormat *wareki_open_fmt(int i)
{
	UErrorCode e = U_ZERO_ERROR;
	const char *loc = wareki_fmt_def[i].locale;
	UDateFormat *f = NULL;
	UCalendar *cal = NULL;

	if (!wareki_fmt_def[i].skeleton) {
		f = udat_open(UDAT_NONE, UDAT_LONG, loc, wareki_utc, -1, NULL, 0, &e);
	} else {
		UDateTimePatternGenerator *g = udatpg_open(loc, &e);
		UChar sk[16], pat[64];
		int32_t n;

		u_uastrcpy(sk, wareki_fmt_def[i].skeleton);
		n = udatpg_getBestPattern(g, sk, -1, pat, 64, &e);
		if (U_SUCCESS(e) && n < 64)
			f = udat_open(UDAT_PATTERN, UDAT_PATTERN, loc, wareki_utc, -1, pat, n, &e);
		if (g)
			udatpg_close(g);
	}
	if (U_FAILURE(e) || !f)
		goto fail;
	/*
	 * Gregorian formats are made proleptic, like i18n_day (ICU switches to
	 * the Julian calendar before 1582). The japanese calendar refuses the
	 * change and is used from 明治 on only.
	 */
	if (strcmp(ucal_getType(udat_getCalendar(f), &e), "gregorian") != 0) {
		if (U_FAILURE(e))
			goto fail;
		return f;
	}
	cal = ucal_clone(udat_getCalendar(f), &e);
	if (U_FAILURE(e))
		goto fail;
	ucal_setGregorianChange(cal, -1.8e17, &e);
	if (U_FAILURE(e))
		goto fail;
	udat_setCalendar(f, cal);
	ucal_close(cal);
	return f;
fail:
	if (cal)
		ucal_close(cal);
	if (f)
		udat_close(f);
	return NULL;
}

/* Close the cached formats (caller holds the lock). */
static void wareki_close_fmts(void)
{
	for (int i = 0; i < WF_COUNT; i++) {
		if (wareki_fmt[i])
			udat_close(wareki_fmt[i]);
		wareki_fmt[i] = NULL;
	}
}

/* Find the first day of ICU era k by bisection over [lo, hi]; -1 if none. */
static int wareki_find_start(UCalendar *c, int k, i18n_day lo, i18n_day hi, i18n_day *start)
{
	int era = wareki_icu_era(c, hi, NULL);

	if (era < k)
		return -1;
	while (lo < hi) {
		i18n_day mid = lo + (hi - lo) / 2;

		era = wareki_icu_era(c, mid, NULL);
		if (era < 0)
			return -1;
		if (era >= k)
			hi = mid;
		else
			lo = mid + 1;
	}
	*start = lo;
	return 0;
}

/* Read the era table and open the formats (caller holds the lock). */
static int wareki_load(void)
{
	UErrorCode e = U_ZERO_ERROR;
	UCalendar *c = NULL;
	const i18n_day lo = i18n_date_from_ymd(1800, 1, 1);
	const i18n_day hi = i18n_date_from_ymd(2400, 1, 1);
	int first, last, rc = MG_EI18N;

	for (int i = 0; i < WF_COUNT; i++) {
		wareki_fmt[i] = wareki_open_fmt(i);
		if (!wareki_fmt[i])
			goto out;
	}
	c = ucal_open(wareki_utc, -1, "ja_JP@calendar=japanese", UCAL_TRADITIONAL, &e);
	if (U_FAILURE(e) || strcmp(ucal_getType(c, &e), "japanese") != 0)
		goto out;
	/* 明治 is the era of 1900-01-01; the last is ICU's maximum era. */
	first = wareki_icu_era(c, i18n_date_from_ymd(1900, 1, 1), NULL);
	last = ucal_getLimit(c, UCAL_ERA, UCAL_MAXIMUM, &e);
	if (first < 0 || U_FAILURE(e))
		goto out;
	wareki_n = 0;
	for (int k = first; k <= last && wareki_n < WAREKI_MAX_ERAS; k++) {
		struct wareki_era *r = &wareki_eras[wareki_n];
		char letter[8];
		int y, m, d, eyear = 0;
		int32_t i = 0;

		if (wareki_find_start(c, k, lo, hi, &r->start) != 0)
			break;
		if (wareki_icu_era(c, r->start, &eyear) != k || eyear != 1)
			goto out;
		i18n_date_to_ymd(r->start, &y, &m, &d);
		r->icu_era = k;
		r->start_year = y;
		/* Name and letter: ICU's GGGG and GGGGG of the era's first day. */
		if (wareki_pattern("GGGG", r->start, r->name, sizeof r->name) != 0 ||
		    wareki_pattern("GGGGG", r->start, letter, sizeof letter) != 0)
			goto out;
		if (letter[0] < 'A' || letter[0] > 'Z' || letter[1] != '\0' || !r->name[0])
			goto out;
		r->letter = letter[0];
		r->name_len = strlen(r->name);
		U8_FWD_1(r->name, i, (int32_t)r->name_len);
		r->abbr_len = (size_t)i;
		wareki_n++;
	}
	rc = wareki_n >= 5 ? 0 : MG_EI18N;   /* at least 明治…令和 */
out:
	if (c)
		ucal_close(c);
	if (rc != 0) {
		wareki_close_fmts();
		wareki_n = 0;
	}
	return rc;
}

/* Lock and make sure the tables are loaded; on success the lock is held. */
static int wareki_enter(void)
{
	pthread_mutex_lock(&wareki_lock);
	if (!wareki_ready) {
		if (wareki_load() != 0) {
			pthread_mutex_unlock(&wareki_lock);
			return MG_EI18N;
		}
		wareki_ready = 1;
	}
	return 0;
}

/* Leave the section entered by wareki_enter. */
static void wareki_leave(void)
{
	pthread_mutex_unlock(&wareki_lock);
}

/* The index of the era holding day d, or -1 before 明治 (lock held). */
static int wareki_era_of(i18n_day d)
{
	for (int i = wareki_n - 1; i >= 0; i--)
		if (d >= wareki_eras[i].start)
			return i;
	return -1;
}

/* ---- parsing ------------------------------------------------------------ */

/* What the parser read: y-m-d with 0 for 不詳, and the era if one was typed. */
struct wareki_in {
	int era;     /* index into wareki_eras, or -1 for a western year */
	int year;    /* era year or Gregorian year */
	int month;   /* 1..12, 0 = 不詳 */
	int day;     /* 1..31, 0 = 不詳 */
	int iso;     /* 1 when typed as the stored form YYYY-MM-DD */
};

/* Skip the literal lit at *p. */
static int wareki_lit(const char **p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*p, lit, n) != 0)
		return 0;
	*p += n;
	return 1;
}

/* Read 1..max digits at *p into *v; returns the count (0 = none). */
static int wareki_num(const char **p, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && (*p)[n] >= '0' && (*p)[n] <= '9') {
		*v = *v * 10 + ((*p)[n] - '0');
		n++;
	}
	if ((*p)[n] >= '0' && (*p)[n] <= '9')
		return 0;               /* too many digits */
	*p += n;
	return n;
}

/* Read a month or day field, or 不詳 (0) when unknown is allowed. */
static int wareki_field(const char **p, int *v, const char *unit, int *unknown)
{
	if (wareki_lit(p, "不詳")) {
		*v = 0;
		*unknown = 1;
		if (unit)
			wareki_lit(p, unit);
		return 1;
	}
	return wareki_num(p, 2, v) > 0;
}

/* Match an era name, its first character or its letter at *p (lock held). */
static int wareki_match_era(const char **p)
{
	for (int i = wareki_n - 1; i >= 0; i--) {
		const struct wareki_era *r = &wareki_eras[i];

		if (strncmp(*p, r->name, r->name_len) == 0) {
			*p += r->name_len;
			return i;
		}
	}
	for (int i = wareki_n - 1; i >= 0; i--) {
		const struct wareki_era *r = &wareki_eras[i];

		if (strncmp(*p, r->name, r->abbr_len) == 0) {
			*p += r->abbr_len;
			return i;
		}
		if (((**p) & ~0x20) == r->letter) {
			*p += 1;
			return i;
		}
	}
	return -1;
}

/*
 * Normalise what was typed: NFKC (full-width digits and punctuation), no
 * spaces, dash look-alikes (ー, ‐, −) as '-'. Returns 0 or MG_EINVAL.
 */
static int wareki_clean(const char *in, char *out, size_t cap)
{
	char nf[128];
	struct i18n_utf8_out o;
	int32_t i = 0, len;
	UChar32 c;

	if (!in || i18n_text_nfkc(in, nf, sizeof nf) < 0)
		return MG_EINVAL;
	len = (int32_t)strlen(nf);
	i18n_utf8_out_init(&o, out, cap);
	while (i < len) {
		U8_NEXT(nf, i, len, c);
		if (c < 0)
			return MG_EINVAL;
		if (i18n_utf8_is_space(c) || c == '\t')
			continue;
		if (i18n_utf8_is_hyphen(c) || c == 0x30FC)
			c = '-';
		i18n_utf8_out_put(&o, c);
	}
	return i18n_utf8_out_end(&o) < 0 ? MG_EINVAL : 0;
}

/*
 * Parse the grammar of a date (lock held). Forms: [era] year 年 month 月 day
 * 日, [era] year sep month sep day (sep one of . / -), eraYYMMDD, YYYYMMDD;
 * month/day may be 不詳 (*unknown set). Returns 0 or MG_EINVAL.
 */
static int wareki_scan(const char *s, struct wareki_in *r, int *unknown)
{
	const char *p = s;
	int n;

	memset(r, 0, sizeof *r);
	*unknown = 0;
	wareki_lit(&p, "西暦");
	r->era = p == s ? wareki_match_era(&p) : -1;
	if (r->era >= 0 && wareki_lit(&p, "元")) {
		r->year = 1;
		n = 1;
	} else {
		n = wareki_num(&p, 8, &r->year);
	}
	if (n == 0)
		return MG_EINVAL;
	if (*p == '\0') {
		/* Compact forms: R070314 and 20250314. */
		int v = r->year;

		if ((r->era >= 0 && n == 6) || (r->era < 0 && n == 8)) {
			r->day = v % 100;
			r->month = v / 100 % 100;
			r->year = v / 10000;
			r->iso = 0;
			return 0;
		}
		return MG_EINVAL;
	}
	if (r->era >= 0 ? n > 2 : n != 4)
		return MG_EINVAL;
	if (wareki_lit(&p, "年")) {
		if (!wareki_field(&p, &r->month, "月", unknown))
			return MG_EINVAL;
		if (r->month == 0 && *unknown) {
			/* 1950年不詳 / 1950年不詳月 [不詳日]: the day is unknown too. */
			if (!wareki_lit(&p, "不詳日"))
				wareki_lit(&p, "不詳");
			return *p ? MG_EINVAL : 0;
		}
		if (!wareki_lit(&p, "月"))
			return MG_EINVAL;
		if (!wareki_field(&p, &r->day, "日", unknown))
			return MG_EINVAL;
		if (r->day)
			wareki_lit(&p, "日");
		return *p ? MG_EINVAL : 0;
	}
	if (*p == '.' || *p == '/' || *p == '-') {
		char sep = *p++;

		if (!wareki_num(&p, 2, &r->month) || *p++ != sep || !wareki_num(&p, 2, &r->day))
			return MG_EINVAL;
		r->iso = sep == '-' && r->era < 0 && p - s == 10;
		return *p ? MG_EINVAL : 0;
	}
	return MG_EINVAL;
}

/*
 * Check the scanned date (lock held). Calendar dates must be real unless
 * noncal; month/day 0 only when partial. Fills *y (Gregorian). Returns 0,
 * MG_EDATE (impossible) or WAREKI_OUTSIDE_ERA (real, but not in the era).
 */
static int wareki_check(const struct wareki_in *r, int partial, int noncal, int *y)
{
	i18n_day first, last;
	int m = r->month, d = r->day, md;

	if (r->era >= 0) {
		if (r->year < 1)
			return MG_EDATE;
		*y = wareki_eras[r->era].start_year + r->year - 1;
	} else {
		*y = r->year;
	}
	if (*y < 1 || *y > 9999 || m > 12 || d > 31)
		return MG_EDATE;
	if ((m == 0 || d == 0) && !partial)
		return MG_EDATE;
	if (m == 0 && d != 0)
		return MG_EDATE;
	md = m ? i18n_date_mdays(*y, m) : 0;
	if (d > md && !noncal)
		return MG_EDATE;
	if (r->era < 0)
		return 0;
	/* The period the input names must meet the era (non-calendar days clamp). */
	if (m == 0) {
		first = i18n_date_from_ymd(*y, 1, 1);
		last = i18n_date_from_ymd(*y, 12, 31);
	} else if (d == 0) {
		first = i18n_date_from_ymd(*y, m, 1);
		last = i18n_date_from_ymd(*y, m, md);
	} else {
		first = last = i18n_date_from_ymd(*y, m, d > md ? md : d);
	}
	if (last < wareki_eras[r->era].start)
		return WAREKI_OUTSIDE_ERA;
	if (r->era + 1 < wareki_n && first >= wareki_eras[r->era + 1].start)
		return WAREKI_OUTSIDE_ERA;
	return 0;
}

/* Write v (0..99) as two digits. */
static void wareki_put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
}

/* Read and check a date as typed (birth: 00 parts allowed in the stored
 * form "1950-00-00" / "1950-03-00"). OUT: r (month, day), *y the year. */
static int wareki_read(const char *in, int birth, struct wareki_in *r, int *y)
{
	char s[128];
	int rc, unknown;

	rc = wareki_clean(in, s, sizeof s);
	if (rc != 0)
		return rc;
	rc = wareki_enter();
	if (rc != 0)
		return rc;
	rc = wareki_scan(s, r, &unknown);
	if (rc == 0 && birth && r->iso && (r->month == 0 || r->day == 0))
		unknown = 1;
	if (rc == 0)
		rc = wareki_check(r, birth ? unknown : 0, birth, y);
	wareki_leave();
	return rc == WAREKI_OUTSIDE_ERA ? MG_EDATE : rc;
}

int i18n_wareki_parse(const char *in, i18n_day *day)
{
	struct wareki_in r;
	int y, rc = wareki_read(in, 0, &r, &y);

	if (rc == 0)
		*day = i18n_date_from_ymd(y, r.month, r.day);
	return rc;
}

int i18n_wareki_parse_birth(const char *in, char *iso)
{
	struct wareki_in r;
	int y, rc = wareki_read(in, 1, &r, &y);

	if (rc != 0)
		return rc;
	wareki_put2(iso, y / 100);
	wareki_put2(iso + 2, y % 100);
	iso[4] = '-';
	wareki_put2(iso + 5, r.month);
	iso[7] = '-';
	wareki_put2(iso + 8, r.day);
	iso[10] = '\0';
	return 0;
}

int i18n_wareki_format(i18n_day day, char *out, size_t cap)
{
	int rc, y, m, d;

	if (!out || cap == 0)
		return MG_ETOOLONG;
	out[0] = '\0';
	i18n_date_to_ymd(day, &y, &m, &d);
	if (y < 1 || y > 9999)
		return MG_EDATE;
	rc = wareki_enter();
	if (rc != 0)
		return rc;
	rc = wareki_udat(wareki_fmt[wareki_era_of(day) >= 0 ? WF_JA_YMD : WF_JAG_YMD],
	                 day, out, cap);
	wareki_leave();
	if (rc != 0) {
		out[0] = '\0';
		return cap < 64 ? MG_ETOOLONG : rc;
	}
	return (int)strlen(out);
}

int i18n_wareki_yymmdd(i18n_day day, char *out)
{
	int rc, i, start_year = 0, y, m, d;

	rc = wareki_enter();
	if (rc != 0)
		return rc;
	i = wareki_era_of(day);
	if (i >= 0)
		start_year = wareki_eras[i].start_year;
	wareki_leave();
	if (i < 0)
		return MG_EDATE;
	i18n_date_to_ymd(day, &y, &m, &d);
	wareki_put2(out, (y - start_year + 1) % 100);
	wareki_put2(out + 2, m);
	wareki_put2(out + 4, d);
	out[6] = '\0';
	return 0;
}

/* Parse the stored form "YYYY-MM-DD" allowing 00 parts; 0 or MG_EDATE. */
static int wareki_iso_parts(const char *s, int *y, int *m, int *d)
{
	int v[3] = { 0, 0, 0 };
	static const int w[3] = { 4, 2, 2 };
	const char *p = s;

	for (int k = 0; k < 3; k++) {
		for (int j = 0; j < w[k]; j++, p++) {
			if (*p < '0' || *p > '9')
				return MG_EDATE;
			v[k] = v[k] * 10 + (*p - '0');
		}
		if (k < 2 && *p++ != '-')
			return MG_EDATE;
	}
	if (*p)
		return MG_EDATE;
	*y = v[0];
	*m = v[1];
	*d = v[2];
	if (*m > 12 || *d > 31 || (*m == 0 && *d != 0) || (*y == 0 && *m != 0))
		return MG_EDATE;
	return 0;
}

const char *i18n_wareki_text(const char *iso, char *out, size_t cap)
{
	if (!iso)
		iso = "";
	if (!iso[0] || i18n_wareki_format_iso(iso, out, cap) < 0)
		snprintf(out, cap, "%s", iso);
	return out;
}

int i18n_wareki_format_iso(const char *iso, char *out, size_t cap)
{
	const int en = strcmp(i18n_msg_lang(), "en") == 0;
	char a[64], b[64];
	const char *args[2] = { a, b };
	int y, m, d, md, rc, era;
	i18n_day ref;

	if (!out || cap == 0)
		return MG_ETOOLONG;
	if (!iso || wareki_iso_parts(iso, &y, &m, &d) != 0)
		return i18n_text_sanitize(iso ? iso : "", out, cap);
	if (y == 0)
		return i18n_msg_format(out, cap, MSG("i18n_date_unknown"), 0, NULL);
	md = m ? i18n_date_mdays(y, m) : 0;
	if (m && d && d <= md) {
		ref = i18n_date_from_ymd(y, m, d);
		if (!en)
			return i18n_wareki_format(ref, out, cap);
	}
	/* The era of a partial or non-calendar date: its period's last real day. */
	ref = m == 0 ? i18n_date_from_ymd(y, 12, 31)
	             : i18n_date_from_ymd(y, m, d && d <= md ? d : md);
	rc = wareki_enter();
	if (rc != 0)
		return rc;
	era = wareki_era_of(ref);
	if (m && d && d <= md) {
		rc = wareki_udat(wareki_fmt[WF_EN_YMD], ref, a, sizeof a);
	} else if (m == 0) {
		rc = wareki_udat(wareki_fmt[en ? WF_EN_Y : era >= 0 ? WF_JA_Y : WF_JAG_Y],
		                 ref, a, sizeof a);
	} else {
		rc = wareki_udat(wareki_fmt[en ? WF_EN_YM : era >= 0 ? WF_JA_YM : WF_JAG_YM],
		                 ref, a, sizeof a);
		if (rc == 0 && d > md)
			rc = wareki_udat(wareki_fmt[en ? WF_EN_D : WF_JA_D],
			                 i18n_date_from_ymd(2001, 1, d), b, sizeof b);
	}
	wareki_leave();
	if (rc != 0) {
		out[0] = '\0';
		return rc;
	}
	if (m && d && d <= md) {
		if (strlen(a) >= cap) {
			out[0] = '\0';
			return MG_ETOOLONG;
		}
		memcpy(out, a, strlen(a) + 1);
		return (int)strlen(out);
	}
	if (m == 0)
		return i18n_msg_format(out, cap, MSG("i18n_date_unknown_month"), 1, args);
	if (d == 0)
		return i18n_msg_format(out, cap, MSG("i18n_date_unknown_day"), 1, args);
	return i18n_msg_format(out, cap, MSG("i18n_date_noncalendar"), 2, args);
}

/* Copy the catalog text of key into out (cut at a character boundary). */
static int wareki_msg(const char *key, char *out, size_t cap)
{
	return i18n_msg_format(out, cap, key, 0, NULL);
}

int i18n_wareki_explain(const char *in, int birth, char *out, size_t cap)
{
	struct wareki_in r;
	char s[128], a[3][64];
	const char *args[3] = { a[0], a[1], a[2] };
	int rc, unknown = 0, y = 0, md = 0, first_day = 0;
	i18n_day from = 0, to = 0;
	const char *era = "";

	if (!out || cap == 0)
		return MG_ETOOLONG;
	out[0] = '\0';
	rc = wareki_clean(in, s, sizeof s);
	if (rc != 0)
		return wareki_msg(MSG("rc_date"), out, cap);
	rc = wareki_enter();
	if (rc != 0)
		return rc;
	rc = wareki_scan(s, &r, &unknown);
	if (rc == 0) {
		if (birth && r.iso && (r.month == 0 || r.day == 0))
			unknown = 1;
		rc = wareki_check(&r, birth && unknown, birth, &y);
	}
	if (rc == WAREKI_OUTSIDE_ERA) {
		era = wareki_eras[r.era].name;
		from = wareki_eras[r.era].start;
		first_day = r.era + 1 >= wareki_n;
		if (!first_day)
			to = wareki_eras[r.era + 1].start - 1;
		if (wareki_udat(wareki_fmt[WF_JA_YMD], from, a[1], sizeof a[1]) != 0 ||
		    (!first_day && wareki_udat(wareki_fmt[WF_JA_YMD], to, a[2], sizeof a[2]) != 0))
			rc = MG_EI18N;
		snprintf(a[0], sizeof a[0], "%s", era);
	}
	wareki_leave();
	if (rc == 0)
		return 0;                                /* a valid date: nothing to say */
	if (rc == WAREKI_OUTSIDE_ERA)
		return i18n_msg_format(out, cap, first_day ? MSG("i18n_date_outside_era_open")
		                                           : MSG("i18n_date_outside_era"), 3, args);
	if (rc == MG_EDATE && r.month >= 1 && r.month <= 12 && r.day >= 1 &&
	    y >= 1 && y <= 9999 && r.day > (md = i18n_date_mdays(y, r.month))) {
		snprintf(a[0], sizeof a[0], "%d", r.month);
		snprintf(a[1], sizeof a[1], "%d", r.day);
		snprintf(a[2], sizeof a[2], "%d", md);
		return i18n_msg_format(out, cap, MSG("i18n_date_no_such_day"), 3, args);
	}
	return wareki_msg(MSG("rc_date"), out, cap);
}

void i18n_wareki_fini(void)
{
	pthread_mutex_lock(&wareki_lock);
	wareki_close_fmts();
	wareki_n = 0;
	wareki_ready = 0;
	pthread_mutex_unlock(&wareki_lock);
}
