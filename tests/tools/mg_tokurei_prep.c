/*
 * mg_tokurei_prep.c — the former municipality's side of the 特例 e2e tests
 * (tests/e2e/t_tokurei_*.sh, t_notice_*.sh): a 特例転出 made through the
 * real workflow (tenshutsu_commit), and the data the resident's card must
 * carry.
 *
 *   mg_tokurei_prep DB TODAY DEST_CODE PLANNED
 *
 * In registry DB (processing date TODAY, acting as a clerk "prep"), picks
 * the first current resident (by 宛名番号) who holds a valid 個人番号カード
 * and lives alone in a household, and commits a 特例転出 of that person to
 * DEST_CODE on PLANNED. Prints, one per line, for the test to make the
 * card profile and to check the registries afterwards:
 *   atena=  uketsuke=  name=  address=  birth=YYYYMMDD  sex=  mynumber=
 *
 *   mg_tokurei_prep tennyu DB TODAY MYNUMBER TENNYU_DATE
 *
 * The new municipality's side without the card reader (for the 転入通知
 * tests): a 特例転入 committed with tokurei_commit in registry DB for the
 * received 転出証明書情報 of MYNUMBER, the card's 4情報 taken from it (verdict
 * genuine, submitted), a new household at the first 町字. Prints
 * uketsuke= and atena=.
 * Exit 0, or 1 with the reason on stderr.
 */
#include "app/app_ctx.h"
#include "app/session.h"
#include "app/tenshutsu.h"
#include "db/db.h"
#include "db/db_registry.h"
#include "app/tokurei.h"
#include "db/db_inbox.h"
#include "db/db_resident.h"
#include "i18n/i18n_date.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first current card holder living alone (宛名番号 and 世帯番号). */
static int prep_pick(struct db *db, const char *today, char *atena, char *setai)
{
	static const char sql[] =
		"SELECT r.atena_no, r.setai_no FROM person p "
		"JOIN resident_history r ON r.atena_no = p.atena_no AND r.rireki_no = p.rireki_no "
		"WHERE p.state = 'current' AND r.kojin_bango <> '' AND r.card_expiry > ?1 "
		"AND (SELECT count(*) FROM person p2 WHERE p2.setai_no = p.setai_no "
		"     AND p2.state = 'current') = 1 "
		"ORDER BY r.atena_no LIMIT 1";
	sqlite3_stmt *st = NULL;
	int rc = MG_ENOTFOUND;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "mg_tokurei_prep: %s\n", sqlite3_errmsg(db->h));
		return MG_EDB;
	}
	sqlite3_bind_text(st, 1, today, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(atena, DB_ID_CAP, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(setai, DB_ID_CAP, "%s", (const char *)sqlite3_column_text(st, 1));
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Open a registry as the clerk "prep" on day today. */
static int prep_open(const char *path, const char *today_iso, struct app_ctx *ctx,
                     struct session *s)
{
	i18n_day today;
	int rc;

	if (i18n_date_parse_iso(today_iso, &today) != 0)
		return MG_EDATE;
	memset(ctx, 0, sizeof *ctx);
	memset(s, 0, sizeof *s);
	snprintf(s->operator_id, sizeof s->operator_id, "prep");
	snprintf(s->terminal, sizeof s->terminal, "T-PREP");
	s->role = SESSION_ROLE_CLERK;
	ctx->sess = s;
	ctx->terminal = "T-PREP";
	ctx->today = today;
	rc = db_open(path, 0, &ctx->db);
	if (rc == 0)
		rc = db_registry_muni(ctx->db, ctx->muni_code, ctx->muni_name, sizeof ctx->muni_name);
	return rc;
}

/* The first 町字 code. */
static int prep_town(void *arg, const struct db_machiaza *m)
{
	snprintf(arg, DB_ID_CAP, "%s", m->code);
	return 1;
}

/* tennyu mode: commit the 特例転入 of the received information. */
static int prep_tennyu(char **argv)
{
	struct tokurei_req *q = calloc(1, sizeof *q);
	struct tokurei_result *res = calloc(1, sizeof *res);
	struct db_tenshutsu_info *t = calloc(1, sizeof *t);
	struct app_ctx ctx;
	struct session s;
	int rc;

	if (!q || !res || !t)
		return 1;
	rc = prep_open(argv[2], argv[3], &ctx, &s);
	if (rc == 0)
		rc = db_inbox_info_by_kojin(ctx.db, argv[4], argv[3], t);
	if (rc == 0 && db_registry_machiaza_list(ctx.db, prep_town, q->addr_code) < 0)
		rc = MG_EDB;
	if (rc == 0) {
		snprintf(q->card.name, sizeof q->card.name, "%s", t->name);
		snprintf(q->card.address, sizeof q->card.address, "%s", t->prev_address);
		snprintf(q->card.birth, sizeof q->card.birth, "%s", t->birth);
		snprintf(q->card.sex, sizeof q->card.sex, "%s", t->sex);
		snprintf(q->card.kojin_bango, sizeof q->card.kojin_bango, "%s", t->kojin_bango);
		snprintf(q->card.card_expiry, sizeof q->card.card_expiry, "%s", t->card_expiry);
		q->card.verdict = TOKUREI_GENUINE;
		q->card_submitted = 1;
		snprintf(q->tennyu_date, sizeof q->tennyu_date, "%s", argv[5]);
		snprintf(q->banchi, sizeof q->banchi, "1番1号");
		q->alerts_acknowledged = 1;
		rc = tokurei_commit(&ctx, q, res);
		if (rc == MG_ERULE)
			for (int i = 0; i < res->checks.n; i++)
				fprintf(stderr, "finding: %s\n", res->checks.item[i].msgid);
	}
	if (rc == 0)
		printf("uketsuke=%s\natena=%s\n", res->uketsuke_no, res->atena[0]);
	else
		fprintf(stderr, "mg_tokurei_prep tennyu: %s\n", mg_rc_name(rc));
	if (ctx.db)
		db_close(ctx.db);
	explicit_bzero(q, sizeof *q);
	free(q);
	free(res);
	free(t);
	return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct tenshutsu_req *q = NULL;
	struct tenshutsu_result *res = NULL;
	struct db_resident *r = NULL;
	struct app_ctx ctx;
	struct session s;
	i18n_day today;
	int rc;

	if (argc == 6 && strcmp(argv[1], "tennyu") == 0)
		return i18n_msg_init("en") == 0 ? prep_tennyu(argv) : 2;
	if (argc != 5) {
		fprintf(stderr, "usage: mg_tokurei_prep DB TODAY DEST_CODE PLANNED\n"
		        "       mg_tokurei_prep tennyu DB TODAY MYNUMBER TENNYU_DATE\n");
		return 2;
	}
	if (i18n_msg_init("en") != 0 || i18n_date_parse_iso(argv[2], &today) != 0)
		return 2;
	memset(&ctx, 0, sizeof ctx);
	memset(&s, 0, sizeof s);
	snprintf(s.operator_id, sizeof s.operator_id, "prep");
	snprintf(s.terminal, sizeof s.terminal, "T-PREP");
	s.role = SESSION_ROLE_CLERK;
	ctx.sess = &s;
	ctx.terminal = "T-PREP";
	ctx.today = today;
	q = calloc(1, sizeof *q);
	res = calloc(1, sizeof *res);
	r = calloc(1, sizeof *r);
	if (!q || !res || !r)
		return 1;
	rc = db_open(argv[1], 0, &ctx.db);
	if (rc == 0)
		rc = db_registry_muni(ctx.db, ctx.muni_code, ctx.muni_name, sizeof ctx.muni_name);
	if (rc == 0)
		rc = prep_pick(ctx.db, argv[2], q->atena[0], q->setai_no);
	if (rc == 0)
		rc = db_resident_current(ctx.db, q->atena[0], r);
	if (rc == 0) {
		q->n = 1;
		snprintf(q->dest_muni_code, sizeof q->dest_muni_code, "%s", argv[3]);
		snprintf(q->dest_address, sizeof q->dest_address, "兵庫県宝塚市栄町一丁目1番1号");
		snprintf(q->planned_date, sizeof q->planned_date, "%s", argv[4]);
		q->tokurei = 1;
		q->alerts_acknowledged = 1;
		rc = tenshutsu_commit(&ctx, q, res);
		if (rc == MG_ERULE)
			for (int i = 0; i < res->checks.n; i++)
				fprintf(stderr, "finding: %s\n", res->checks.item[i].msgid);
	}
	if (rc == 0) {
		printf("atena=%s\nuketsuke=%s\nname=%s\naddress=%s\nbirth=%.4s%.2s%.2s\nsex=%s\n"
		       "mynumber=%s\n", q->atena[0], res->uketsuke_no, r->name, r->addr_text, r->birth,
		       r->birth + 5, r->birth + 8, r->sex, r->kojin_bango);
	} else {
		fprintf(stderr, "mg_tokurei_prep: %s\n", mg_rc_name(rc));
	}
	if (ctx.db)
		db_close(ctx.db);
	free(q);
	free(res);
	explicit_bzero(r, sizeof *r);
	free(r);
	return rc ? 1 : 0;
}
