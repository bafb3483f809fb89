/*
 * view_check.c — findings as text for the screens (see view_check.h).
 */
#include "app/view_check.h"

#include "i18n/i18n_msg.h"
#include "i18n/i18n_wareki.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <string.h>

/* 1 when s is exactly "YYYY-MM-DD" (digits and hyphens in place). */
static int vc_is_iso(const char *s)
{
	static const char pat[] = "0000-00-00";

	if (strlen(s) != 10)
		return 0;
	for (int i = 0; i < 10; i++) {
		if (pat[i] == '-' ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	}
	return 1;
}

int view_check_text(const struct check_item *it, char *out, size_t cap)
{
	char a[3][CHECK_ARG_CAP + 64];
	const char *args[3] = { a[0], a[1], a[2] };
	int n, rc;

	if (!it || !out || cap == 0 || !it->msgid)
		return MG_EINVAL;
	n = it->nargs < 0 ? 0 : (it->nargs > 3 ? 3 : it->nargs);
	for (int i = 0; i < 3; i++) {
		const char *v = i < n ? it->args[i] : "";

		if (vc_is_iso(v) && i18n_wareki_format_iso(v, a[i], sizeof a[i]) >= 0)
			continue;
		snprintf(a[i], sizeof a[i], "%s", v);
	}
	rc = i18n_msg_format(out, cap, it->msgid, 3, args);
	if (rc < 0)
		snprintf(out, cap, "%s", it->msgid);
	return rc;
}

const char *view_check_level_msgid(enum check_level level)
{
	switch (level) {
	case CHECK_ERROR:
		return MSG("scrb_level_error");
	case CHECK_ALERT:
		return MSG("scrb_level_alert");
	default:
		return MSG("scrb_level_info");
	}
}

const struct check_item *view_check_first(const struct check_list *l, enum check_level level)
{
	if (!l)
		return NULL;
	for (int i = 0; i < l->n; i++)
		if (l->item[i].level == level)
			return &l->item[i];
	return NULL;
}

int view_check_nth(const struct check_list *l, enum check_level level, int n)
{
	for (int i = 0; i < l->n; i++)
		if (l->item[i].level == level && n-- == 0)
			return i;
	return -1;
}
