/* seed.c — deterministic synthetic residents (app/seed.h). */
#include "app/seed.h"
#include "app/audit.h"
#include "app/ident.h"
#include "app/perm.h"
#include "app/wf.h"
#include "db/db_household.h"
#include "db/db_registry.h"
#include "db/db_resident.h"
#include "i18n/i18n_date.h"
#include "i18n/i18n_kana.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sd_name {
	const char *kanji;
	const char *kana;
};

/* Common surnames with their usual readings. */
static const struct sd_name surnames[] = {
	{ "佐藤", "サトウ" }, { "鈴木", "スズキ" }, { "高橋", "タカハシ" }, { "田中", "タナカ" },
	{ "伊藤", "イトウ" }, { "渡辺", "ワタナベ" }, { "山本", "ヤマモト" }, { "中村", "ナカムラ" },
	{ "小林", "コバヤシ" }, { "加藤", "カトウ" }, { "吉田", "ヨシダ" }, { "山田", "ヤマダ" },
	{ "佐々木", "ササキ" }, { "山口", "ヤマグチ" }, { "松本", "マツモト" }, { "井上", "イノウエ" },
	{ "木村", "キムラ" }, { "林", "ハヤシ" }, { "斎藤", "サイトウ" }, { "清水", "シミズ" },
	{ "山崎", "ヤマザキ" }, { "森", "モリ" }, { "池田", "イケダ" }, { "橋本", "ハシモト" },
	{ "阿部", "アベ" }, { "石川", "イシカワ" }, { "山下", "ヤマシタ" }, { "中島", "ナカジマ" },
	{ "石井", "イシイ" }, { "小川", "オガワ" }, { "前田", "マエダ" }, { "岡田", "オカダ" },
	{ "長谷川", "ハセガワ" }, { "藤田", "フジタ" }, { "後藤", "ゴトウ" }, { "近藤", "コンドウ" },
	{ "村上", "ムラカミ" }, { "遠藤", "エンドウ" }, { "青木", "アオキ" }, { "坂本", "サカモト" },
	{ "斉藤", "サイトウ" }, { "福田", "フクダ" }, { "太田", "オオタ" }, { "西村", "ニシムラ" },
	{ "藤井", "フジイ" }, { "金子", "カネコ" }, { "岡本", "オカモト" }, { "藤原", "フジワラ" },
	{ "三浦", "ミウラ" }, { "中野", "ナカノ" }, { "中川", "ナカガワ" }, { "原田", "ハラダ" },
	{ "松田", "マツダ" }, { "竹内", "タケウチ" }, { "小野", "オノ" }, { "田村", "タムラ" },
	{ "中山", "ナカヤマ" }, { "和田", "ワダ" }, { "石田", "イシダ" }, { "森田", "モリタ" },
	{ "上田", "ウエダ" }, { "原", "ハラ" }, { "内田", "ウチダ" }, { "柴田", "シバタ" },
	{ "酒井", "サカイ" }, { "宮崎", "ミヤザキ" }, { "横山", "ヨコヤマ" }, { "高木", "タカギ" },
	{ "安藤", "アンドウ" }, { "宮本", "ミヤモト" }, { "大野", "オオノ" }, { "小島", "コジマ" },
	{ "工藤", "クドウ" }, { "谷口", "タニグチ" }, { "今井", "イマイ" }, { "高田", "タカダ" },
	{ "丸山", "マルヤマ" }, { "増田", "マスダ" }, { "杉山", "スギヤマ" }, { "村田", "ムラタ" },
};

static const struct sd_name males[] = {
	{ "太郎", "タロウ" }, { "翔太", "ショウタ" }, { "大輔", "ダイスケ" }, { "健太", "ケンタ" },
	{ "拓也", "タクヤ" }, { "誠", "マコト" }, { "浩", "ヒロシ" }, { "清", "キヨシ" },
	{ "茂", "シゲル" }, { "学", "マナブ" }, { "悠真", "ユウマ" }, { "蓮", "レン" },
	{ "湊", "ミナト" }, { "陽翔", "ハルト" }, { "大和", "ヤマト" }, { "一郎", "イチロウ" },
	{ "和也", "カズヤ" }, { "隆", "タカシ" }, { "修", "オサム" }, { "直樹", "ナオキ" },
	{ "達也", "タツヤ" }, { "勇気", "ユウキ" }, { "亮", "リョウ" }, { "翼", "ツバサ" },
	{ "大樹", "ダイキ" }, { "海斗", "カイト" }, { "颯太", "ソウタ" }, { "陸", "リク" },
	{ "蒼", "アオイ" }, { "樹", "イツキ" }, { "悠人", "ユウト" }, { "大翔", "ヒロト" },
	{ "健一", "ケンイチ" }, { "正樹", "マサキ" }, { "秀樹", "ヒデキ" }, { "博", "ヒロシ" },
	{ "剛", "ツヨシ" }, { "稔", "ミノル" }, { "進", "ススム" }, { "豊", "ユタカ" },
	{ "光", "ヒカル" }, { "聡", "サトシ" }, { "康介", "コウスケ" }, { "雄一", "ユウイチ" },
};

static const struct sd_name females[] = {
	{ "花子", "ハナコ" }, { "陽子", "ヨウコ" }, { "恵子", "ケイコ" }, { "裕子", "ユウコ" },
	{ "美咲", "ミサキ" }, { "愛", "アイ" }, { "さくら", "サクラ" }, { "結衣", "ユイ" },
	{ "陽菜", "ヒナ" }, { "葵", "アオイ" }, { "凛", "リン" }, { "芽依", "メイ" },
	{ "幸子", "サチコ" }, { "和子", "カズコ" }, { "久美子", "クミコ" }, { "直美", "ナオミ" },
	{ "真由美", "マユミ" }, { "由美", "ユミ" }, { "明美", "アケミ" }, { "智子", "トモコ" },
	{ "彩", "アヤ" }, { "七海", "ナナミ" }, { "美月", "ミヅキ" }, { "千尋", "チヒロ" },
	{ "結菜", "ユイナ" }, { "紬", "ツムギ" }, { "杏", "アン" }, { "莉子", "リコ" },
	{ "優子", "ユウコ" }, { "京子", "キョウコ" }, { "洋子", "ヨウコ" }, { "節子", "セツコ" },
	{ "文子", "フミコ" }, { "悦子", "エツコ" }, { "典子", "ノリコ" }, { "純子", "ジュンコ" },
	{ "麻衣", "マイ" }, { "舞", "マイ" }, { "沙織", "サオリ" }, { "香織", "カオリ" },
	{ "遥", "ハルカ" }, { "菜々子", "ナナコ" }, { "桜", "サクラ" }, { "瑞穂", "ミズホ" },
};

/* 町字 name parts for the synthetic address master. */
static const struct sd_name towns[] = {
	{ "栄町", "サカエマチ" }, { "本町", "ホンマチ" }, { "中央", "チュウオウ" },
	{ "旭町", "アサヒマチ" }, { "緑町", "ミドリマチ" }, { "若葉台", "ワカバダイ" },
	{ "桜ケ丘", "サクラガオカ" }, { "東町", "ヒガシマチ" }, { "西町", "ニシマチ" },
	{ "南町", "ミナミマチ" }, { "北町", "キタマチ" }, { "寿町", "コトブキチョウ" },
	{ "末広町", "スエヒロチョウ" }, { "錦町", "ニシキチョウ" }, { "清水", "シミズ" },
	{ "川原町", "カワラマチ" }, { "山手台", "ヤマテダイ" }, { "宮前", "ミヤマエ" },
};

static const char *const chome[] = { "一丁目", "二丁目", "三丁目", "四丁目" };
static const char *const chome_kana[] = { "イッチョウメ", "ニチョウメ", "サンチョウメ", "ヨンチョウメ" };

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define SD_END "2024-12-31"          /* the absolute dates (births, households, cards) end here */
#define SD_CARD_FROM "2016-01-01"    /* 個人番号カード exist from 2016 */
#define SD_INDEXES 47000ULL          /* municipality indexes: (都道府県 − 1) × 1000 + 3 digits */
#define SD_OWN 200000ULL             /* serials with numbers of their own per municipality */
#define SD_TAIL 600000000ULL         /* the shared rest: 10^10 − SD_INDEXES × SD_OWN */
#define SD_MEMBERS 4                 /* the largest household */
#define SD_SPACING 300               /* days between siblings (twins aside) when avoidable */

/*
 * The first three digits of postal codes: the demo's municipalities their
 * own, others those of their prefectural office's area (JIS X 0401 order).
 */
static const struct {
	const char *code;
	const char *postal;
} muni_postal[] = {
	{ "282146", "665" },   /* 宝塚市 */
	{ "242012", "514" },   /* 津市 */
};

static const char *const pref_postal[47] = {
	"060", "030", "020", "980", "010", "990", "960", "310", "320", "371", "330", "260",
	"100", "231", "950", "930", "920", "910", "400", "380", "500", "420", "460", "514",
	"520", "602", "540", "650", "630", "640", "680", "690", "700", "730", "753", "770",
	"760", "790", "780", "812", "840", "850", "862", "870", "880", "890", "900",
};

/* xorshift64* — small, fast and reproducible across machines. */
static unsigned long long sd_next(unsigned long long *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* A number in [0, n) (n >= 1). */
static unsigned sd_pick(unsigned long long *s, unsigned n)
{
	return (unsigned)(sd_next(s) % n);
}

/* The first two digits of a code as the prefecture number (0 when not digits). */
static int sd_pref(const char *muni_code)
{
	if (muni_code[0] < '0' || muni_code[0] > '9' || muni_code[1] < '0' || muni_code[1] > '9')
		return 0;
	return (muni_code[0] - '0') * 10 + (muni_code[1] - '0');
}

/* The municipality's index in [0, SD_INDEXES): its five base digits, compacted. */
static unsigned long long sd_index(const char *muni_code)
{
	unsigned long long v = 0;
	int pref = sd_pref(muni_code);

	for (int i = 0; i < 5 && muni_code[i] >= '0' && muni_code[i] <= '9'; i++)
		v = v * 10 + (unsigned long long)(muni_code[i] - '0');
	if (pref >= 1 && pref <= 47)
		return (unsigned long long)(pref - 1) * 1000ULL + v % 1000ULL;
	return v % SD_INDEXES;
}

/* The value in [0, 10^10) of serial n of a municipality (see seed.h). */
static unsigned long long sd_space(const char *muni_code, long long n)
{
	unsigned long long u = n < 0 ? 0 : (unsigned long long)n;

	if (u < SD_OWN)
		return sd_index(muni_code) * SD_OWN + u;
	return SD_INDEXES * SD_OWN + (u - SD_OWN) % SD_TAIL;
}

void seed_kojin(const char *muni_code, long long n, char *out)
{
	/* A bijection of [0, 10^11): multiply by a unit mod 10^11 (odd, not a multiple of 5). */
	unsigned long long v = (sd_space(muni_code, n) * 7919ULL + 13579246801ULL) % 100000000000ULL;

	snprintf(out, 12, "%011llu", v);
	out[11] = (char)('0' + ident_kojin_bango_check(out));
	out[12] = '\0';
}

void seed_jcode(const char *muni_code, long long n, char *out)
{
	/* A bijection of the 10-digit body, then a stand-in check digit. */
	unsigned long long v = (sd_space(muni_code, n) * 104729ULL + 2468013579ULL) % 10000000000ULL;
	int cd;

	snprintf(out, 11, "%010llu", v);
	cd = ident_serial_check(out);
	out[10] = (char)('0' + (cd < 0 ? 0 : cd));
	out[11] = '\0';
}

/* The first three digits of the postal codes of a municipality. */
static const char *sd_postal(const char *muni_code)
{
	int pref = sd_pref(muni_code);

	for (size_t i = 0; i < N(muni_postal); i++)
		if (strcmp(muni_postal[i].code, muni_code) == 0)
			return muni_postal[i].postal;
	return pref >= 1 && pref <= 47 ? pref_postal[pref - 1] : "100";
}

/* Create the synthetic 町字 master (count <= SEED_TOWNS_MAX) when the registry has none. */
static int sd_towns(struct app_ctx *ctx, int count, struct seed_stats *st)
{
	int have = db_registry_machiaza_list(ctx->db, NULL, NULL);
	int rc = 0;

	if (have < 0)
		return have;
	if (have > 0)
		return 0;
	for (int i = 0; i < count && rc == 0; i++) {
		struct db_machiaza m;
		char kana[128];

		memset(&m, 0, sizeof m);
		snprintf(m.code, sizeof m.code, "%03d%03d", i / 4 + 1, i % 4 + 1);
		snprintf(m.name, sizeof m.name, "%s%s", towns[(size_t)(i / 4) % N(towns)].kanji,
		         chome[i % 4]);
		snprintf(kana, sizeof kana, "%s%s", towns[(size_t)(i / 4) % N(towns)].kana,
		         chome_kana[i % 4]);
		wf_copy(m.kana, sizeof m.kana, kana);
		snprintf(m.postal_code, sizeof m.postal_code, "%.3s%04u", sd_postal(ctx->muni_code),
		         (unsigned)((i / 4) * 10 + i % 4 + 1) % 10000u);
		if (i18n_kana_search_key(m.kana, m.search_key, sizeof m.search_key) < 0)
			return MG_EINVAL;
		rc = db_registry_add_machiaza(ctx->db, &m);
		if (rc == 0)
			st->towns++;
	}
	return rc;
}

/* Collect the 町字 codes. */
struct sd_townlist {
	int n;
	struct db_machiaza t[256];
};

/* Keep one 町字. */
static int sd_town_add(void *arg, const struct db_machiaza *m)
{
	struct sd_townlist *l = arg;

	if (l->n < (int)N(l->t))
		l->t[l->n++] = *m;
	return 0;
}

/* One seeding run: the PRNG, the fixed dates, the 町字 and the row buffer. */
struct sd_run {
	struct app_ctx *ctx;
	unsigned long long s;            /* PRNG state */
	i18n_day today;                  /* processing date */
	i18n_day end;                    /* SD_END */
	i18n_day card_from;              /* SD_CARD_FROM */
	const struct sd_townlist *tl;
	struct db_resident *r;           /* row buffer */
	struct seed_stats *st;
};

/* One person of a household, drawn before any row is written. */
struct sd_person {
	const struct sd_name *given;     /* given name and its reading */
	i18n_day birth;                  /* 生年月日 */
	int male;                        /* 1 male, 0 female */
	const char *zokugara;            /* 世帯主, 夫, 妻 or 子 */
};

/* A birth date between two years (year, month, day drawn in that order). */
static i18n_day sd_birth(unsigned long long *s, int y0, int y1)
{
	int y = y0 + (int)sd_pick(s, (unsigned)(y1 - y0 + 1));
	int m = 1 + (int)sd_pick(s, 12);
	int d = 1 + (int)sd_pick(s, (unsigned)i18n_date_mdays(y, m));

	return i18n_date_from_ymd(y, m, d);
}

/* The same month and day `years` later (29 February: 1 March in a common year). */
static i18n_day sd_years_on(i18n_day d, int years)
{
	int y, m, dd;

	i18n_date_to_ymd(d, &y, &m, &dd);
	y += years;
	if (m == 2 && dd == 29 && !i18n_date_leap(y)) {
		m = 3;
		dd = 1;
	}
	return i18n_date_from_ymd(y, m, dd);
}

/* Age in whole years on day `on` of someone born on `birth`. */
static int sd_age(i18n_day birth, i18n_day on)
{
	int by, bm, bd, oy, om, od;

	i18n_date_to_ymd(birth, &by, &bm, &bd);
	i18n_date_to_ymd(on, &oy, &om, &od);
	return oy - by - ((om < bm || (om == bm && od < bd)) ? 1 : 0);
}

/* 1 when p[k] is born within SD_SPACING days of a sibling p[first..k-1]. */
static int sd_close(const struct sd_person *p, int first, int k)
{
	for (int j = first; j < k; j++) {
		i18n_day diff = p[k].birth - p[j].birth;

		if (diff > -SD_SPACING && diff < SD_SPACING)
			return 1;
	}
	return 0;
}

/* A given name for p[k] that no earlier member has, in writing or in reading. */
static const struct sd_name *sd_given(unsigned long long *s, int male, const struct sd_person *p,
                                      int k)
{
	const struct sd_name *list = male ? males : females;
	unsigned n = male ? (unsigned)N(males) : (unsigned)N(females);
	unsigned i = sd_pick(s, n);

	for (unsigned tries = 0; tries < n; tries++, i = (i + 1) % n) {
		int clash = 0;

		for (int j = 0; j < k && !clash; j++)
			clash = strcmp(p[j].given->kanji, list[i].kanji) == 0 ||
			        strcmp(p[j].given->kana, list[i].kana) == 0;
		if (!clash)
			break;
	}
	return &list[i];
}

/*
 * Draw the members of a household: the 世帯主, maybe a spouse, children
 * born when the younger partner was 19 or more and the mother (the 世帯主
 * when alone) 45 at most. OUT: p[0..members-1], *younger (the younger
 * partner's birth). Returns the index of the first child.
 */
static int sd_members(struct sd_run *w, int members, int spouse, int head_male,
                      struct sd_person *p, i18n_day *younger)
{
	unsigned long long *s = &w->s;
	i18n_day mother, lo, hi;
	int k = 1, first, hy, hm, hd;

	p[0].male = head_male;
	p[0].birth = sd_birth(s, 1940, 2000);
	p[0].zokugara = "世帯主";
	i18n_date_to_ymd(p[0].birth, &hy, &hm, &hd);
	if (spouse) {
		p[1].male = !head_male;
		p[1].birth = sd_birth(s, hy - 8, hy + 8 > 2002 ? 2002 : hy + 8);
		p[1].zokugara = p[1].male ? "夫" : "妻";
		k = 2;
	}
	*younger = spouse && p[1].birth > p[0].birth ? p[1].birth : p[0].birth;
	mother = spouse && head_male ? p[1].birth : p[0].birth;
	lo = sd_years_on(*younger, 19);
	hi = sd_years_on(mother, 46) - 1;
	if (hi > w->end)
		hi = w->end;
	if (hi < lo)        /* not reached: younger <= 2002, mother >= younger − 9 years */
		hi = lo;
	first = k;
	for (; k < members; k++) {
		p[k].male = (int)sd_pick(s, 2);
		p[k].zokugara = "子";
		for (int tries = 0; tries < 4; tries++) {
			p[k].birth = lo + (i18n_day)sd_pick(s, (unsigned)(hi - lo + 1));
			if (!sd_close(p, first, k))
				break;
		}
	}
	for (k = 0; k < members; k++)
		p[k].given = sd_given(s, p[k].male, p, k);
	return first;
}

/*
 * A 個人番号カード for r (6 in 10 hold one): issued between 2016 (30 days
 * after birth at the earliest) and `last`, valid until the 10th (issued
 * under 18: 5th) birthday after the issue date. Draws the same whatever
 * `last` is.
 */
static void sd_card(struct sd_run *w, i18n_day birth, i18n_day last, struct db_resident *r)
{
	unsigned long long u;
	i18n_day lo = birth + 30 > w->card_from ? birth + 30 : w->card_from, issued;
	int by, bm, bd, age, ey;

	if (sd_pick(&w->s, 10) >= 6)
		return;
	u = sd_next(&w->s);
	if (lo > last)
		return;
	issued = lo + (i18n_day)(u % (unsigned long long)(last - lo + 1));
	i18n_date_format_iso(issued, r->card_issued);
	i18n_date_to_ymd(birth, &by, &bm, &bd);
	/* The 10th (under 18: 5th) birthday after the issue date. */
	age = sd_age(birth, issued);
	ey = by + age + (age < 18 ? 5 : 10);
	if (bm == 2 && bd == 29 && !i18n_date_leap(ey))
		bd = 28;
	i18n_date_format_iso(i18n_date_from_ymd(ey, bm, bd), r->card_expiry);
}

/*
 * The 転出 rows of r (already written as row 1): 除票 in the past (with a
 * 転入通知 row when `notice` > 0 days after the move) or 転出予定 ahead.
 */
static int sd_moved(struct sd_run *w, struct db_resident *r, int past, const char *planned,
                    const char *dest, int notice)
{
	char today[11];
	int rc;

	i18n_date_format_iso(w->today, today);
	r->rireki_no = 2;
	wf_copy(r->dest_planned, sizeof r->dest_planned, dest);
	wf_copy(r->dest_muni_code, sizeof r->dest_muni_code, "271004");
	wf_copy(r->dest_planned_date, sizeof r->dest_planned_date, planned);
	wf_copy(r->idou_jiyu, sizeof r->idou_jiyu, "tenshutsu");
	wf_copy(r->idou_date, sizeof r->idou_date, planned);
	wf_copy(r->todoke_date, sizeof r->todoke_date, past ? planned : today);
	wf_copy(r->shori_date, sizeof r->shori_date, r->todoke_date);
	wf_copy(r->state, sizeof r->state, past ? "jyohyo" : "yotei");
	if (past) {
		wf_copy(r->shojo_jiyu, sizeof r->shojo_jiyu, "tenshutsu");
		wf_copy(r->shojo_date, sizeof r->shojo_date, planned);
		w->st->jyohyo++;
	} else {
		w->st->yotei++;
	}
	rc = db_resident_append(w->ctx->db, r);
	if (rc == 0 && past && notice > 0) {
		/* 転出確定: the 転入通知 came a few days after the move. */
		i18n_day pd;

		r->rireki_no = 3;
		rc = i18n_date_parse_iso(planned, &pd) == 0 ? 0 : MG_EDATE;
		if (rc == 0) {
			i18n_date_format_iso(pd + notice, r->notice_date);
			wf_copy(r->moved_date_confirmed, sizeof r->moved_date_confirmed, planned);
			wf_copy(r->dest_confirmed, sizeof r->dest_confirmed, dest);
			wf_copy(r->idou_jiyu, sizeof r->idou_jiyu, "tenshutsu_kakutei");
			wf_copy(r->shori_date, sizeof r->shori_date, r->notice_date);
			rc = db_resident_append(w->ctx->db, r);
		}
	}
	return rc;
}

/* One household of a few persons; some moved out already or are about to. */
static int sd_household(struct sd_run *w)
{
	struct app_ctx *ctx = w->ctx;
	unsigned long long *s = &w->s;
	struct db_resident *r = w->r;
	const struct sd_name *fam = &surnames[sd_pick(s, N(surnames))];
	const struct db_machiaza *town = &w->tl->t[sd_pick(s, (unsigned)w->tl->n)];
	unsigned ban = 1 + sd_pick(s, 30), go = 1 + sd_pick(s, 20);
	int members = 1 + (int)sd_pick(s, SD_MEMBERS);
	unsigned fate = sd_pick(s, 100);   /* < 3: moved out (除票), < 5: 転出予定 */
	int head_male = sd_pick(s, 10) < 7;
	int spouse = members > 1 && sd_pick(s, 10) < 8;
	int kokuho = sd_pick(s, 4) == 0;
	int past = fate < 3, notice = 0, minor = 0, first, rc;
	struct sd_person p[SD_MEMBERS];
	struct db_household h;
	char head_name[DB_NAME_CAP], since_iso[11], uketsuke[24], planned[11] = "";
	char dest[DB_ADDR_CAP] = "";
	i18n_day younger, since, latest, moved = 0, ref;

	first = sd_members(w, members, spouse, head_male, p, &younger);
	/* The household's date: never before the younger partner came of age. */
	since = sd_birth(s, 1990, 2024);
	if (since < sd_years_on(younger, 18))
		since = sd_years_on(younger, 18);
	latest = since;
	for (int i = 0; i < members; i++)
		if (p[i].birth > latest)
			latest = p[i].birth;
	if (fate < 5) {
		/* 転出: the whole household on one date to one destination; the
		 * date is a drawn number of days from today. */
		unsigned back = 30 + sd_pick(s, 700), ahead = 1 + sd_pick(s, 20);
		unsigned chome_no = 1 + sd_pick(s, 3), ban_no = 1 + sd_pick(s, 30);
		int after = 3 + (int)sd_pick(s, 7);
		int confirmed = sd_pick(s, 5) != 0;   /* about 4 in 5 除票: the 転入通知 came */

		moved = past ? w->today - (i18n_day)back : w->today + (i18n_day)ahead;
		if (past && moved <= latest)
			moved = latest + 1 + (i18n_day)(back % 30);
		i18n_date_format_iso(moved, planned);
		snprintf(dest, sizeof dest, "大阪府大阪市北区梅田%u丁目%u番", chome_no, ban_no);
		notice = past && confirmed ? after : 0;
	}
	ref = past ? moved : w->today;
	for (int i = first; i < members; i++)
		if (sd_age(p[i].birth, ref) < 18)
			minor = 1;
	i18n_date_format_iso(since, since_iso);

	memset(&h, 0, sizeof h);
	rc = wf_new_setai(ctx, h.setai_no);
	if (rc)
		return rc;
	wf_copy(h.addr_code, sizeof h.addr_code, town->code);
	snprintf(h.banchi, sizeof h.banchi, "%u番%u号", ban, go);
	wf_copy(h.created_on, sizeof h.created_on, since_iso);
	snprintf(uketsuke, sizeof uketsuke, "SEED-%s", h.setai_no);
	rc = db_household_add(ctx->db, &h);
	for (int i = 0; rc == 0 && i < members; i++) {
		int age = sd_age(p[i].birth, ref);
		long long serial;

		memset(r, 0, sizeof *r);
		wf_copy(r->zokugara, sizeof r->zokugara, p[i].zokugara);
		i18n_date_format_iso(p[i].birth, r->birth);
		snprintf(r->name, sizeof r->name, "%s\u3000%s", fam->kanji, p[i].given->kanji);
		snprintf(r->name_kana, sizeof r->name_kana, "%s\u3000%s", fam->kana, p[i].given->kana);
		if (i == 0)
			wf_copy(head_name, sizeof head_name, r->name);
		wf_copy(r->head_name, sizeof r->head_name, head_name);
		r->sex[0] = p[i].male ? '1' : '2';
		rc = wf_new_atena(ctx, r->atena_no);
		if (rc)
			break;
		r->rireki_no = 1;
		serial = atoll(r->atena_no) / 10;
		seed_kojin(ctx->muni_code, serial, r->kojin_bango);
		seed_jcode(ctx->muni_code, serial, r->juminhyo_code);
		wf_copy(r->setai_no, sizeof r->setai_no, h.setai_no);
		snprintf(r->honseki, sizeof r->honseki, "%s%s", ctx->muni_name, town->name);
		wf_copy(r->hittosha, sizeof r->hittosha, head_name);
		wf_copy(r->addr_code, sizeof r->addr_code, town->code);
		wf_address(ctx, town->name, h.banchi, r->addr_text, sizeof r->addr_text);
		wf_copy(r->postal_code, sizeof r->postal_code, town->postal_code);
		wf_copy(r->jumin_date, sizeof r->jumin_date, p[i].birth > since ? r->birth : since_iso);
		wf_copy(r->jusho_date, sizeof r->jusho_date, r->jumin_date);
		wf_copy(r->idou_jiyu, sizeof r->idou_jiyu, p[i].birth > since ? "shussei" : "tennyu");
		wf_copy(r->idou_date, sizeof r->idou_date, r->jumin_date);
		wf_copy(r->todoke_date, sizeof r->todoke_date, r->jumin_date);
		wf_copy(r->shori_date, sizeof r->shori_date, r->jumin_date);
		wf_copy(r->todoke_kind, sizeof r->todoke_kind, "todoke");
		wf_copy(r->state, sizeof r->state, "current");
		wf_copy(r->uketsuke_no, sizeof r->uketsuke_no, uketsuke);
		sd_card(w, p[i].birth, past && moved - 1 < w->end ? moved - 1 : w->end, r);
		r->kouki = age >= 75;
		r->kaigo = age >= 65;
		r->kokuho = kokuho && !r->kouki;
		r->jidou_teate = i == 0 && minor;
		rc = wf_keys(r);
		if (rc == 0)
			rc = db_resident_append(ctx->db, r);
		if (rc == 0 && i == 0)
			rc = db_household_set_head(ctx->db, h.setai_no, r->atena_no);
		if (rc == 0 && fate < 5)
			rc = sd_moved(w, r, past, planned, dest, notice);
		if (rc == 0 && past && i == members - 1)
			rc = db_household_close(ctx->db, h.setai_no, planned);
		if (rc == 0)
			w->st->persons++;
	}
	if (rc == 0)
		w->st->households++;
	return rc;
}

int seed_run(struct app_ctx *ctx, const struct seed_opts *o, struct seed_stats *st)
{
	struct sd_run w;
	struct sd_townlist *tl = NULL;
	char detail[96];
	long long seeded = 0;
	int rc;

	memset(st, 0, sizeof *st);
	memset(&w, 0, sizeof w);
	rc = perm_check(ctx, PERM_BATCH);
	if (rc)
		return rc;
	w.ctx = ctx;
	w.st = st;
	w.s = o->seed ? o->seed : 0x9E3779B97F4A7C15ULL;
	w.today = ctx->today;
	if (i18n_date_parse_iso(SD_END, &w.end) != 0 ||
	    i18n_date_parse_iso(SD_CARD_FROM, &w.card_from) != 0)
		return MG_EDATE;
	{
		i18n_day min;

		if (i18n_date_parse_iso(SEED_TODAY_MIN, &min) != 0 || w.today < min)
			return MG_EINVAL;
	}
	if (o->residents < 0 || o->towns < 0 || o->towns > SEED_TOWNS_MAX)
		return MG_EINVAL;
	rc = db_resident_seeded(ctx->db, &seeded);
	if (rc == 0 && seeded > 0)
		rc = MG_EEXISTS;
	if (rc)
		return rc;
	tl = calloc(1, sizeof *tl);
	w.r = malloc(sizeof *w.r);
	if (!tl || !w.r) {
		rc = MG_ENOMEM;
		goto out;
	}
	w.tl = tl;
	rc = db_begin(ctx->db);
	if (rc == 0)
		rc = sd_towns(ctx, o->towns > 0 ? o->towns : 24, st);
	rc = db_finish(ctx->db, rc);
	if (rc == 0)
		rc = db_registry_machiaza_list(ctx->db, sd_town_add, tl) < 0 ? MG_EDB : 0;
	if (rc == 0 && tl->n == 0)
		rc = MG_ENOTFOUND;
	while (rc == 0 && st->persons < o->residents) {
		rc = db_begin(ctx->db);
		for (int k = 0; rc == 0 && k < 2000 && st->persons < o->residents; k++)
			rc = sd_household(&w);
		rc = db_finish(ctx->db, rc);
	}
	if (rc == 0) {
		snprintf(detail, sizeof detail, "seed persons=%ld households=%ld", st->persons,
		         st->households);
		rc = db_begin(ctx->db);
		if (rc == 0)
			rc = db_finish(ctx->db, audit_log(ctx, AUDIT_BATCH, "demo-seed", detail));
	}
out:
	free(tl);
	free(w.r);
	return rc;
}
