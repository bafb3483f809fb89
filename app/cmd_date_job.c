/*
 * cmd_date_job.c — `madoguchi date-job --db D`: the daily job. 転出予定 whose
 * planned date has come become 除票 (令13①); 転出証明書情報 past 予定日 + 30
 * are erased (令24の4), and so are the 転出証明書情報 requests kept past
 * TOKUREI_REQUEST_KEEP_DAYS. Run it once a day (cron) and before a demo.
 * It first reads the whole file (PRAGMA quick_check): a damaged registry is
 * reported and left as it is, not written to by the job.
 * Exit 0 done, 1 failure, 2 usage.
 */
#include "app/app_ctx.h"
#include "app/cmd.h"
#include "app/config.h"
#include "app/kiosk.h"
#include "app/notice.h"
#include "app/tokurei.h"
#include "db/db.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>

int cmd_date_job_main(struct cmd_env *env, int argc, char **argv);
int cmd_date_job_main(struct cmd_env *env, int argc, char **argv)
{
	static const struct option opts[] = { CMD_COMMON_OPTS, { NULL, 0, NULL, 0 } };
	struct cmd_getopt_state gs = { { 0 }, 0 };
	struct app_ctx ctx;
	struct config cfg;
	struct notice_job job;
	long long purged = 0;
	int c, rc;
	char n1[16], n2[24];

	while ((c = cmd_getopt(env, &gs, argc, argv, "", opts, NULL)) != -1)
		if (cmd_common_opt(env, c, optarg) != 1)
			return cmd_usage(env, "date-job");
	if (optind < argc)
		return cmd_usage(env, "date-job");
	rc = app_ctx_open(env, APP_CTX_NEED_MUNI, &ctx, &cfg);
	if (rc)
		return rc == MG_EUSAGE ? 2 : 1;   /* 2: no --db (usage) */
	rc = db_quick_check(ctx.db);
	if (rc == 0)
		rc = notice_date_job(&ctx, &job);
	/* Kiosk applications nobody picked up are erased when they expire. */
	if (rc == 0)
		rc = kiosk_purge(&ctx, &purged);
	/* Requests for a 転出証明書情報 (with the card's 個人番号) are kept 30 days. */
	if (rc == 0)
		rc = tokurei_request_purge(&ctx, NULL);
	app_ctx_close(&ctx);
	if (rc)
		return cmd_err(env, rc);
	snprintf(n1, sizeof n1, "%d", job.shojo);
	snprintf(n2, sizeof n2, "%lld", job.erased);
	{
		const char *a[2] = { n1, n2 };

		cmd_msg(env->out, MSG("cli_date_job_done"), 2, a);
	}
	/* Each 世帯 left without a 世帯主 waits for a 世帯主変更届. */
	for (int i = 0; i < job.headless && i < NOTICE_JOB_LIST; i++) {
		const char *a[1] = { job.setai[i] };

		cmd_msg(env->out, MSG("cli_date_job_headless"), 1, a);
	}
	if (job.headless > NOTICE_JOB_LIST) {
		const char *a[1] = { n1 };

		snprintf(n1, sizeof n1, "%d", job.headless - NOTICE_JOB_LIST);
		cmd_msg(env->out, MSG("cli_date_job_headless_more"), 1, a);
	}
	return 0;
}
