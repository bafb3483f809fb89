/*
 * app_ctx.h — what every workflow, search and command runs with: the
 * registry connection, this municipality, the processing date, and who is
 * acting (the logged-in session, or the system for batch commands).
 */
#ifndef APP_CTX_H
#define APP_CTX_H

#include "i18n/i18n_date.h"

struct db;
struct session;
struct config;

struct app_ctx {
	struct db *db;                 /* the registry (borrowed) */
	const char *cs_path;           /* the CS exchange file, or NULL */
	i18n_day today;                /* 処理日 (the clock; fixed in tests and demo) */
	char muni_code[7];             /* 全国地方公共団体コード of this registry */
	char muni_name[96];            /* its name */
	const struct session *sess;    /* the operator's session; NULL = system (batch CLI) */
	const struct config *cfg;      /* settings (borrowed), or NULL for defaults */
	const char *terminal;          /* terminal id for logs ("" when none) */
};

#endif
