/* cmd.c — shared option handling and message output for subcommands. */
#include "app/cmd.h"
#include "app/auth.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <string.h>

int cmd_common_opt(struct cmd_env *env, int c, const char *arg)
{
	switch (c) {
	case 0x1001: env->db_path = arg; return 1;
	case 0x1002: env->cs_path = arg; return 1;
	case 0x1003: env->config_path = arg; return 1;
	case 0x1004:
		/* The id goes into every operation-log row: the same rule as the
		 * configuration's terminal_id (no escapes, no size surprises). */
		if (!auth_id_valid(arg)) {
			cmd_msg(env->err, MSG("cli_bad_terminal"), 0, NULL);
			return MG_EINVAL;
		}
		env->terminal = arg;
		return 1;
	case 0x1005: env->reader = arg; return 1;
	case 0x1006:
		if (!i18n_msg_choose_lang(arg)) {
			const char *a[1] = { arg };

			cmd_msg(env->err, MSG("cli_bad_lang"), 1, a);
			return MG_EINVAL;
		}
		env->lang = arg;
		i18n_msg_init(arg);
		return 1;
	case 0x1007: env->today = arg; return 1;
	case 0x1008: env->kiosk = 1; return 1;
	default: return 0;
	}
}

void cmd_msg(FILE *f, const char *key, int nargs, const char *const *args)
{
	char buf[2048];

	if (i18n_msg_format(buf, sizeof buf, key, nargs, args) < 0)
		fputs(key, f);
	else
		fputs(buf, f);
	fputc('\n', f);
}

int cmd_err(struct cmd_env *env, int rc)
{
	const char *a[1] = { i18n_msg(mg_rc_msgid(rc)) };

	cmd_msg(env->err, MSG("cli_error"), 1, a);
	return 1;
}

int cmd_usage(struct cmd_env *env, const char *name)
{
	char key[64];

	snprintf(key, sizeof key, "cmd_%s_usage", name);
	for (char *p = key; *p; p++)
		if (*p == '-')
			*p = '_';
	fputs(i18n_msg(key), env->err);
	fputc('\n', env->err);
	return 2;
}

int cmd_need(struct cmd_env *env, const char *value, const char *option)
{
	const char *a[1] = { option };

	if (value && *value)
		return 0;
	cmd_msg(env->err, MSG("cli_missing_option"), 1, a);
	return MG_EUSAGE;
}
