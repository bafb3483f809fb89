/*
 * cmd_resend.c — `madoguchi resend --db D --msg-id ID [--atena NO] [--force]`: queue
 * again a 転入通知 the former municipality could not take (it quotes the
 * id from its 受信 screen), once (--force: again). `deliver` then sends it.
 * See app/resend.h.
 * Exit 0 queued, 1 refused or failed, 2 usage.
 */
#include "app/app_ctx.h"
#include "app/cmd.h"
#include "app/config.h"
#include "app/ident.h"
#include "app/resend.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <string.h>

int cmd_resend_main(struct cmd_env *env, int argc, char **argv);
int cmd_resend_main(struct cmd_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		CMD_COMMON_OPTS,
		{ "msg-id", required_argument, NULL, 'm' },
		{ "atena", required_argument, NULL, 'a' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct cmd_getopt_state gs = { { 0 }, 0 };
	struct resend_result res;
	struct app_ctx ctx;
	struct config cfg;
	const char *msg_id = NULL, *atena = NULL;
	char shown[96];
	int c, rc, force = 0;

	while ((c = cmd_getopt(env, &gs, argc, argv, "", opts, NULL)) != -1) {
		if (c == 'm')
			msg_id = optarg;
		else if (c == 'a')
			atena = optarg;
		else if (c == 'f')
			force = 1;
		else if (cmd_common_opt(env, c, optarg) != 1)
			return cmd_usage(env, "resend");
	}
	if (optind < argc)
		return cmd_usage(env, "resend");
	if (cmd_need(env, msg_id, "--msg-id"))
		return 2;
	if (atena && !ident_serial_valid(atena)) {
		const char *a[1] = { shown };

		i18n_text_sanitize(atena, shown, sizeof shown);
		cmd_msg(env->err, MSG("resend_bad_atena"), 1, a);
		return 2;
	}
	rc = app_ctx_open(env, APP_CTX_NEED_MUNI, &ctx, &cfg);
	if (rc)
		return rc == MG_EUSAGE ? 2 : 1;
	rc = resend_message(&ctx, msg_id, atena, force, &res);
	app_ctx_close(&ctx);
	i18n_text_sanitize(msg_id, shown, sizeof shown);
	if (rc == MG_ERULE && res.why) {
		const char *a[4] = { shown, res.kind, res.uketsuke_no, res.earlier };

		cmd_msg(env->err, res.why, 4, a);
		return 1;
	}
	if (rc)
		return cmd_err(env, rc);
	{
		const char *a[4] = { shown, res.new_msg_id, res.to_code, res.atena_no };

		cmd_msg(env->out, MSG("resend_done"), 4, a);
	}
	return 0;
}
