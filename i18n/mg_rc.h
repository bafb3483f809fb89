/*
 * mg_rc.h — madoguchi result codes.
 *
 * Every function that can fail returns 0 or a negative enum mg_rc value
 * (STYLE.md "Errors and memory"). Codes are declared per area in
 * i18n/rc/rc_<area>.def as MG_RC(NAME, number, "message id") so that each
 * area owns its own list; numbers are unique across areas:
 *   core/db/app 1–199, card 200–299, security 300–399, screens 400–499,
 *   i18n 500–599.
 * A code maps to a catalog message id, never to text inside the logic.
 */
#ifndef MG_RC_H
#define MG_RC_H

enum mg_rc {
	MG_OK = 0,
#define MG_RC(name, num, msgid) name = -(num),
#include "i18n/rc/rc_core.def"
#include "i18n/rc/rc_card.def"
#include "i18n/rc/rc_sec.def"
#include "i18n/rc/rc_ui.def"
#include "i18n/rc/rc_i18n.def"
#undef MG_RC
	MG_RC_END_ = -1000
};

/*
 * mg_rc_msgid — the catalog message id for a code (0 gives "rc_ok").
 * Returns a static string; an unknown code gives "rc_unknown".
 */
const char *mg_rc_msgid(int rc);

/*
 * mg_rc_name — the symbolic name ("MG_ENOTFOUND") for logs and tests.
 * Returns a static string; an unknown code gives "MG_E?".
 */
const char *mg_rc_name(int rc);

#endif
