/* check.c — error/alert findings of the workflows. */
#include "app/check.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <string.h>

void check_init(struct check_list *l)
{
	memset(l, 0, sizeof *l);
}

/* Copy one argument into a finding, cut at a UTF-8 character boundary. */
static void check_arg(struct check_item *it, int i, const char *a)
{
	size_t n = strlen(a);

	if (n >= CHECK_ARG_CAP) {
		n = CHECK_ARG_CAP - 1;
		while (n > 0 && ((unsigned char)a[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(it->args[i], a, n);
	it->args[i][n] = '\0';
	it->nargs = i + 1;
}

void check_add(struct check_list *l, enum check_level level, const char *msgid, int person,
               const char *a0, const char *a1, const char *a2)
{
	struct check_item *it;

	if (l->n >= CHECK_MAX) {
		l->overflow = 1;
		it = &l->item[CHECK_MAX - 1];
		memset(it, 0, sizeof *it);
		it->level = CHECK_ERROR;
		it->msgid = MSG("chk_too_many");
		it->person = -1;
		return;
	}
	it = &l->item[l->n++];
	memset(it, 0, sizeof *it);
	it->level = level;
	it->msgid = msgid;
	it->person = person;
	if (a0)
		check_arg(it, 0, a0);
	if (a1)
		check_arg(it, 1, a1);
	if (a2)
		check_arg(it, 2, a2);
}

int check_count(const struct check_list *l, enum check_level level)
{
	int n = 0;

	for (int i = 0; i < l->n; i++)
		n += l->item[i].level == level;
	return n;
}

int check_has(const struct check_list *l, const char *msgid)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->item[i].msgid, msgid) == 0)
			return 1;
	return 0;
}

int check_verdict(const struct check_list *l, int alerts_acknowledged)
{
	if (check_count(l, CHECK_ERROR) > 0)
		return MG_ERULE;
	if (check_count(l, CHECK_ALERT) > 0 && !alerts_acknowledged)
		return MG_ERULE;
	return 0;
}

void check_alert_ids(const struct check_list *l, char *out, unsigned cap)
{
	size_t used = 0;

	if (cap == 0)
		return;
	out[0] = '\0';
	for (int i = 0; i < l->n; i++) {
		size_t len;

		if (l->item[i].level != CHECK_ALERT)
			continue;
		len = strlen(l->item[i].msgid);
		if (used + len + 2 > cap)
			break;
		if (used)
			out[used++] = ',';
		memcpy(out + used, l->item[i].msgid, len + 1);
		used += len;
	}
}
