/* mg_rc.c — code → message id table, built from the rc_*.def lists. */
#include "i18n/mg_rc.h"
#include "i18n/i18n_msg.h"

#include <stddef.h>

struct rc_entry {
	int code;           /* negative code */
	const char *name;   /* symbolic name */
	const char *msgid;  /* catalog key */
};

static const struct rc_entry rc_table[] = {
#define MG_RC(name, num, msgid) { -(num), #name, msgid },
#include "i18n/rc/rc_core.def"
#include "i18n/rc/rc_card.def"
#include "i18n/rc/rc_sec.def"
#include "i18n/rc/rc_ui.def"
#include "i18n/rc/rc_i18n.def"
#undef MG_RC
};

/* Find the table row of a code, or NULL. */
static const struct rc_entry *rc_find(int rc)
{
	for (size_t i = 0; i < sizeof rc_table / sizeof rc_table[0]; i++)
		if (rc_table[i].code == rc)
			return &rc_table[i];
	return NULL;
}

const char *mg_rc_msgid(int rc)
{
	const struct rc_entry *e;

	if (rc == 0)
		return MSG("rc_ok");
	e = rc_find(rc);
	return e ? e->msgid : MSG("rc_unknown");
}

const char *mg_rc_name(int rc)
{
	const struct rc_entry *e;

	if (rc == 0)
		return "MG_OK";
	e = rc_find(rc);
	return e ? e->name : "MG_E?";
}
