/* seed.c — deterministic synthetic residents. */
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

/* xorshift64* — small, fast and reproducible across machines. */
static unsigned long long sd_next(unsigned long long *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* A number in [0, n). */
static unsigned sd_pick(unsigned long long *s, unsigned n)
{
	return (unsigned)(sd_next(s) % n);
}

/*
 * 1 for about four past 転出 in five: those whose 転入通知 came. Decided by
 * the planned date, not drawn, so the random stream (and every other
 * seeded value of a given seed) stays as it was.
 */
static int sd_confirmed(const char *planned)
{
	i18n_day d;

	return i18n_date_parse_iso(planned, &d) == 0 && ((d % 5) + 5) % 5 != 0;
}

/* The serial space of a municipality: its code's last three digits lead. */
static unsigned long long sd_space(const char *muni_code, long long n)
{
	unsigned long long m = (unsigned long long)(atoi(muni_code) % 1000);

	return m * 100000000ULL + (unsigned long long)(n % 100000000LL);
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
	unsigned long long v = (sd_space(muni_code, n) * 104729ULL + 24680135791ULL) % 100000000000ULL;

	snprintf(out, 12, "%011llu", v);
}

/* Create the synthetic 町字 master when the registry has none. */
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
		snprintf(m.postal_code, sizeof m.postal_code, "%.3s%04u", ctx->muni_code,
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

/* A birth date between two years. OUT: iso[11]. */
static void sd_birth(unsigned long long *s, int y0, int y1, char *iso)
{
	int y = y0 + (int)sd_pick(s, (unsigned)(y1 - y0 + 1));
	int m = 1 + (int)sd_pick(s, 12);
	int d = 1 + (int)sd_pick(s, (unsigned)i18n_date_mdays(y, m));

	i18n_date_format_iso(i18n_date_from_ymd(y, m, d), iso);
}

/* One household of a few persons; some moved out already or are about to. */
static int sd_household(struct app_ctx *ctx, unsigned long long *s, const struct sd_townlist *tl,
                        const char *today, struct db_resident *r, struct seed_stats *st)
{
	const struct sd_name *fam = &surnames[sd_pick(s, N(surnames))];
	const struct db_machiaza *town = &tl->t[sd_pick(s, (unsigned)tl->n)];
	struct db_household h;
	char head_name[DB_NAME_CAP], since[11], uketsuke[24], head_birth[11], adult[32];
	char planned[11] = "", dest[DB_ADDR_CAP] = "";
	int members = 1 + (int)sd_pick(s, 4), head_year;
	unsigned fate = sd_pick(s, 100);   /* < 3: moved out (除票), < 5: 転出予定 */
	int head_male = sd_pick(s, 10) < 7;
	int rc;

	memset(&h, 0, sizeof h);
	rc = wf_new_setai(ctx, h.setai_no);
	if (rc)
		return rc;
	wf_copy(h.addr_code, sizeof h.addr_code, town->code);
	snprintf(h.banchi, sizeof h.banchi, "%u番%u号", 1 + sd_pick(s, 30), 1 + sd_pick(s, 20));
	sd_birth(s, 1990, 2024, since);
	/* The 世帯主 first: the others' ages follow from his (a spouse within
	 * 8 years, children born when he was 20 to 42), and he set up this
	 * household as an adult. */
	sd_birth(s, 1940, 2000, head_birth);
	head_year = atoi(head_birth);
	snprintf(adult, sizeof adult, "%04d-%.2s-01", head_year + 18, head_birth + 5);
	if (strcmp(since, adult) < 0)
		wf_copy(since, sizeof since, adult);
	wf_copy(h.created_on, sizeof h.created_on, since);
	snprintf(uketsuke, sizeof uketsuke, "SEED-%s", h.setai_no);
	rc = db_household_add(ctx->db, &h);
	for (int i = 0; rc == 0 && i < members; i++) {
		const struct sd_name *given;
		int male;
		long long serial;

		memset(r, 0, sizeof *r);
		if (i == 0) {
			male = head_male;
			wf_copy(r->zokugara, sizeof r->zokugara, "世帯主");
			wf_copy(r->birth, sizeof r->birth, head_birth);
		} else if (i == 1 && sd_pick(s, 10) < 8) {
			male = !head_male;
			wf_copy(r->zokugara, sizeof r->zokugara, male ? "夫" : "妻");
			sd_birth(s, head_year - 8, head_year + 8 > 2002 ? 2002 : head_year + 8, r->birth);
		} else {
			male = sd_pick(s, 2);
			wf_copy(r->zokugara, sizeof r->zokugara, "子");
			sd_birth(s, head_year + 20, head_year + 42 > 2024 ? 2024 : head_year + 42, r->birth);
		}
		given = male ? &males[sd_pick(s, N(males))] : &females[sd_pick(s, N(females))];
		snprintf(r->name, sizeof r->name, "%s\u3000%s", fam->kanji, given->kanji);
		snprintf(r->name_kana, sizeof r->name_kana, "%s\u3000%s", fam->kana, given->kana);
		if (i == 0)
			wf_copy(head_name, sizeof head_name, r->name);
		wf_copy(r->head_name, sizeof r->head_name, head_name);
		r->sex[0] = male ? '1' : '2';
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
		wf_copy(r->jumin_date, sizeof r->jumin_date, strcmp(r->birth, since) > 0 ? r->birth : since);
		wf_copy(r->jusho_date, sizeof r->jusho_date, r->jumin_date);
		wf_copy(r->idou_jiyu, sizeof r->idou_jiyu, strcmp(r->birth, since) > 0 ? "shussei" : "tennyu");
		wf_copy(r->idou_date, sizeof r->idou_date, r->jumin_date);
		wf_copy(r->todoke_date, sizeof r->todoke_date, r->jumin_date);
		wf_copy(r->shori_date, sizeof r->shori_date, r->jumin_date);
		wf_copy(r->todoke_kind, sizeof r->todoke_kind, "todoke");
		wf_copy(r->state, sizeof r->state, "current");
		wf_copy(r->uketsuke_no, sizeof r->uketsuke_no, uketsuke);
		if (sd_pick(s, 10) < 6) {
			/* About 6 in 10 hold a card: 10 years from issue (5 under 18). */
			int iy = 2016 + (int)sd_pick(s, 9);

			if (iy <= atoi(r->birth))
				iy = atoi(r->birth) + 1;

			int by, bm, bd, ey;

			i18n_date_format_iso(i18n_date_from_ymd(iy, 1 + (int)sd_pick(s, 12),
			                                        1 + (int)sd_pick(s, 28)), r->card_issued);
			/* Valid until the birthday, 10 (under 18: 5) years on. */
			by = atoi(r->birth);
			bm = atoi(r->birth + 5);
			bd = atoi(r->birth + 8);
			/* The 10th (under 18: 5th) birthday after the issue date. */
			ey = iy + (iy - by < 18 ? 5 : 10) -
			     (strcmp(r->card_issued + 5, r->birth + 5) < 0 ? 1 : 0);
			if (bm == 2 && bd == 29 && !i18n_date_leap(ey))
				bd = 28;
			i18n_date_format_iso(i18n_date_from_ymd(ey, bm, bd), r->card_expiry);
		}
		r->kokuho = sd_pick(s, 4) == 0;
		r->jidou_teate = strcmp(r->birth, "2008") > 0;
		rc = wf_keys(r);
		if (rc == 0)
			rc = db_resident_append(ctx->db, r);
		if (rc == 0 && i == 0)
			rc = db_household_set_head(ctx->db, h.setai_no, r->atena_no);
		if (rc == 0 && fate < 5) {
			/* 転出: 除票 in the past, or 転出予定 a few days ahead; the
			 * household moves together (one date and destination). */
			int past = fate < 3;

			r->rireki_no = 2;
			if (!planned[0]) {
				wf_date_add(today, past ? -(int)(30 + sd_pick(s, 700))
				                        : (int)(1 + sd_pick(s, 20)), planned);
				snprintf(dest, sizeof dest, "大阪府大阪市北区梅田%u丁目%u番",
				         1 + sd_pick(s, 3), 1 + sd_pick(s, 30));
			}
			wf_copy(r->dest_planned, sizeof r->dest_planned, dest);
			wf_copy(r->dest_muni_code, sizeof r->dest_muni_code, "271004");
			wf_copy(r->dest_planned_date, sizeof r->dest_planned_date, planned);
			wf_copy(r->idou_jiyu, sizeof r->idou_jiyu, "tenshutsu");
			wf_copy(r->idou_date, sizeof r->idou_date, planned);
			wf_copy(r->todoke_date, sizeof r->todoke_date, strcmp(planned, today) < 0 ? planned : today);
			wf_copy(r->shori_date, sizeof r->shori_date, r->todoke_date);
			wf_copy(r->state, sizeof r->state, past ? "jyohyo" : "yotei");
			if (past) {
				wf_copy(r->shojo_jiyu, sizeof r->shojo_jiyu, "tenshutsu");
				wf_copy(r->shojo_date, sizeof r->shojo_date, planned);
				st->jyohyo++;
			} else {
				st->yotei++;
			}
			rc = db_resident_append(ctx->db, r);
			if (rc == 0 && past && sd_confirmed(planned)) {
				/* 転出確定: the 転入通知 came 3–9 days after the move. */
				i18n_day pd;

				r->rireki_no = 3;
				rc = i18n_date_parse_iso(planned, &pd) == 0 ? 0 : MG_EDATE;
				if (rc == 0) {
					i18n_date_format_iso(pd + 3 + ((pd % 7) + 7) % 7, r->notice_date);
					wf_copy(r->moved_date_confirmed, sizeof r->moved_date_confirmed, planned);
					wf_copy(r->dest_confirmed, sizeof r->dest_confirmed, dest);
					wf_copy(r->idou_jiyu, sizeof r->idou_jiyu, "tenshutsu_kakutei");
					wf_copy(r->shori_date, sizeof r->shori_date, r->notice_date);
					rc = db_resident_append(ctx->db, r);
				}
			}
			if (rc == 0 && past && i == members - 1)
				rc = db_household_close(ctx->db, h.setai_no, planned);
		}
		if (rc == 0)
			st->persons++;
	}
	if (rc == 0)
		st->households++;
	return rc;
}

int seed_run(struct app_ctx *ctx, const struct seed_opts *o, struct seed_stats *st)
{
	unsigned long long s = o->seed ? o->seed : 0x9E3779B97F4A7C15ULL;
	struct sd_townlist *tl = NULL;
	struct db_resident *r = NULL;
	char today[11], detail[96];
	int rc;

	memset(st, 0, sizeof *st);
	rc = perm_check(ctx, PERM_BATCH);
	if (rc)
		return rc;
	wf_today(ctx, today);
	tl = calloc(1, sizeof *tl);
	r = malloc(sizeof *r);
	if (!tl || !r) {
		rc = MG_ENOMEM;
		goto out;
	}
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
			rc = sd_household(ctx, &s, tl, today, r, st);
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
	free(r);
	return rc;
}
