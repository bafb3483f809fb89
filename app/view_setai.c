/*
 * view_setai.c — the 世帯 for the 世帯主変更届 screen (see view_setai.h).
 */
#include "app/view_setai.h"

#include "app/audit.h"
#include "app/ident.h"
#include "app/perm.h"
#include "app/wf.h"
#include "db/db_household.h"
#include "i18n/i18n_text.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <string.h>

/* The 続柄 the list offers (registry values, 標準仕様 1.1.11 / 5.2 order). */
static const char *const vs_choices[] = {
	"妻", "夫", "妻（未届）", "夫（未届）",
	"子", "子の妻", "子の夫", "子の子",
	"父", "母", "父の父", "父の母", "母の父", "母の母",
	"兄", "姉", "弟", "妹",
	"兄の子", "姉の子", "弟の子", "妹の子",
	"縁故者", "同居人",
};

/* The view being filled, the day, and the 宛名番号s listed (for the log row). */
struct vs_acc {
	struct view_setai *v;
	const char *today;
	const char *head_atena;
	char ids[VIEW_SETAI_MAX * DB_ID_CAP + 8];
};

/* Keep one member who lives in the 世帯 today; the 世帯主 goes first. */
static int vs_member(void *arg, const struct db_resident *r)
{
	struct vs_acc *a = arg;
	struct view_setai *v = a->v;
	struct view_setai_member *m;
	int head = a->head_atena[0] && strcmp(r->atena_no, a->head_atena) == 0;

	if (!wf_in_setai_on(r, a->today))
		return 0;
	if (v->n >= VIEW_SETAI_MAX) {
		v->more = 1;
		return 0;
	}
	if (head && v->n > 0) {
		memmove(&v->m[1], &v->m[0], (size_t)v->n * sizeof v->m[0]);
		m = &v->m[0];
	} else {
		m = &v->m[v->n];
	}
	memset(m, 0, sizeof *m);
	v->n++;
	wf_copy(m->atena_no, sizeof m->atena_no, r->atena_no);
	wf_copy(m->name, sizeof m->name, r->name);
	wf_copy(m->birth, sizeof m->birth, r->birth);
	wf_copy(m->zokugara, sizeof m->zokugara, r->zokugara);
	m->is_head = head;
	if (strcmp(r->state, "yotei") == 0)
		wf_copy(m->leaving, sizeof m->leaving, r->dest_planned_date);
	if (head)
		wf_copy(v->head_name, sizeof v->head_name, r->name);
	if (!v->address[0]) {
		if (r->katagaki[0])
			snprintf(v->address, sizeof v->address, "%s\u3000%s", r->addr_text, r->katagaki);
		else
			wf_copy(v->address, sizeof v->address, r->addr_text);
	}
	return audit_ids_add(a->ids, sizeof a->ids, r->atena_no) == 0 ? 0 : MG_ETOOLONG;
}

int view_setai_load(struct app_ctx *ctx, const char *setai_no, struct view_setai *out)
{
	char today[DB_DATE_CAP], detail[64];
	struct db_household h;
	struct vs_acc a;
	int rc;

	memset(out, 0, sizeof *out);
	rc = perm_check(ctx, PERM_WORKFLOW);
	if (rc == 0)
		rc = perm_check(ctx, PERM_VIEW);
	if (rc)
		return rc;
	/* 標準仕様 1.1.13: the last digit checks the serial (wf_new_setai). */
	if (!setai_no || strlen(setai_no) >= DB_ID_CAP || !ident_serial_valid(setai_no))
		return MG_EINVAL;
	wf_today(ctx, today);
	rc = db_household_get(ctx->db, setai_no, &h);
	if (rc == 0 && h.closed_on[0] && strcmp(h.closed_on, today) <= 0)
		rc = MG_ENOTFOUND;
	if (rc)
		return rc;
	memset(&a, 0, sizeof a);
	a.v = out;
	a.today = today;
	a.head_atena = h.head_atena;
	wf_copy(out->setai_no, sizeof out->setai_no, setai_no);
	rc = db_resident_household(ctx->db, setai_no, vs_member, &a);
	/* The members' 氏名 and 生年月日 are on the screen now: a view of each. */
	if (rc == 0 && a.ids[0]) {
		snprintf(detail, sizeof detail, "household=%s", setai_no);
		rc = audit_log(ctx, AUDIT_VIEW, a.ids, detail);
	}
	if (rc)
		view_setai_wipe(out);
	return rc;
}

void view_setai_wipe(struct view_setai *v)
{
	if (v)
		explicit_bzero(v, sizeof *v);
}

int view_setai_zokugara_norm(const char *in, char *out, size_t cap)
{
	static const char lp[] = "\xef\xbc\x88", rp[] = "\xef\xbc\x89";   /* （ ） */
	char tmp[256];
	size_t k = 0;
	int rc;

	if (!out || cap == 0)
		return MG_EINVAL;
	out[0] = '\0';
	rc = i18n_text_name(in, tmp, sizeof tmp);
	if (rc < 0)
		return rc;
	for (const char *p = tmp; *p; p++) {
		const char *put = *p == '(' ? lp : *p == ')' ? rp : NULL;
		size_t n = put ? 3 : 1;

		if (k + n >= cap) {
			out[0] = '\0';
			return MG_ETOOLONG;
		}
		memcpy(out + k, put ? put : p, n);
		k += n;
	}
	out[k] = '\0';
	return 0;
}

const char *const *view_setai_choices(int *n)
{
	*n = (int)(sizeof vs_choices / sizeof vs_choices[0]);
	return vs_choices;
}
