/*
 * scr_tennyu.c — the 転入 form, its confirmation and its result (see
 * scr_tennyu.h). Pages are static scr_ops of this file sharing one state
 * (swapped in s->ops), so every page has its own key bar and title: the
 * form, the 町字 picker, the confirmation, the result.
 *
 * The form is longer than a screen: its rows (section heads and fields)
 * scroll so the focused field is always visible, at any terminal size; the
 * typed values live in the state, never in the layout, so a resize keeps
 * them.
 */
#include "screens/scr_tennyu.h"

#include "screens/cells.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_dialog.h"
#include "screens/wgt_field.h"
#include "screens/wgt_form.h"
#include "screens/wgt_keybar.h"
#include "screens/wgt_lines.h"
#include "screens/wgt_list.h"

#include "app/view_check.h"
#include "app/app_ctx.h"
#include "app/check.h"
#include "app/tennyu.h"
#include "app/view_registry.h"
#include "app/wf.h"
#include "i18n/i18n_date.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/i18n_wareki.h"
#include "i18n/i18n_width.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	ACT_CONFIRM = 1, ACT_TOWNS, ACT_ADD, ACT_REMOVE, ACT_BACK, ACT_COMMIT, ACT_CHOOSE, ACT_DONE
};

/* Dialog tags. */
enum { TAG_NONE, TAG_DISCARD, TAG_REMOVE, TAG_ALERT, TAG_BLOCKED };

static const struct wgt_keybar_item keys_form[] = {
	{ UI_K_F10, ACT_CONFIRM, MSG("sa_tn_key_confirm") },
	{ UI_K_F4, ACT_TOWNS, MSG("sa_tn_key_towns") },
	{ UI_K_F6, ACT_ADD, MSG("sa_tn_key_add") },
	{ UI_K_F7, ACT_REMOVE, MSG("sa_tn_key_remove") },
	{ UI_K_ESC, ACT_BACK, MSG("sa_key_back") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_town[] = {
	{ UI_K_ENTER, ACT_CHOOSE, MSG("sa_tn_key_choose_town") },
	{ UI_K_ESC, ACT_BACK, MSG("sa_key_cancel") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_confirm[] = {
	{ UI_K_F10, ACT_COMMIT, MSG("sa_tn_key_commit") },
	{ UI_K_ESC, ACT_BACK, MSG("sa_tn_key_edit") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_done[] = {
	{ UI_K_ENTER, ACT_DONE, MSG("sa_tn_key_done") },
	{ UI_K_ESC, ACT_DONE, NULL },
	{ 0, 0, NULL }
};

/* The fields of the whole request (common ones). */
enum { C_PREV_ADDR, C_PREV_CODE, C_DATE, C_TODOKE, C_N };
/* The fields of one person, in the order of the certificate. */
enum {
	P_NAME, P_KANA, P_BIRTH, P_SEX, P_ZOKU, P_HONSEKI, P_HITTO, P_KOJIN, P_JCODE,
	P_KOKUHO, P_KOUKI, P_KAIGO, P_NENKIN, P_KISO, P_JIDOU, P_CARD_ISSUED, P_CARD_EXPIRY, P_N
};
/* The fields of the new address and household. */
enum { A_TOWN, A_BANCHI, A_KATAGAKI, A_SETAI, A_N };

/* How each field is made: label, kind, size (of a field without a member;
 * one with a member takes what the member holds, see field_max), required,
 * hint, and the bytes of the request member it goes to (0: converted, not
 * copied). No field takes more than its destination holds (rv-input 1:
 * nothing is ever cut). */
struct fdef {
	const char *label;
	enum wgt_field_kind kind;
	int max;
	int width;
	int required;
	const char *hint;
	size_t cap;
};

/* The size of a member of the request / of a person. */
#define RCAP(m) sizeof(((struct tennyu_req *)0)->m)
#define PCAP(m) sizeof(((struct tennyu_person *)0)->m)

static const struct fdef cdefs[C_N] = {
	{ MSG("sa_tn_prev_address"), WGT_FIELD_TEXT, 240, 40, 1, NULL, RCAP(prev_address) },
	{ MSG("sa_tn_prev_code"), WGT_FIELD_DIGITS, 20, 10, 1, MSG("sa_tn_prev_code_hint"),
	  RCAP(prev_muni_code) },
	{ MSG("sa_tn_date"), WGT_FIELD_DATE, 60, 20, 1, NULL, 0 },
	/* 届出日: empty is today; an earlier day when the 届 was received before
	 * it is entered (the workflow refuses a future one, 標準仕様 4.1.0.2). */
	{ MSG("sa_tn_todoke"), WGT_FIELD_DATE, 60, 20, 0, MSG("sa_tn_todoke_hint"), 0 },
};

static const struct fdef pdefs[P_N] = {
	{ MSG("sa_tn_name"), WGT_FIELD_TEXT, 120, 24, 1, NULL, PCAP(name) },
	{ MSG("sa_tn_kana"), WGT_FIELD_TEXT, 180, 24, 1, NULL, PCAP(name_kana) },
	{ MSG("sa_tn_birth"), WGT_FIELD_TEXT, 60, 20, 1, NULL, 0 },
	{ MSG("sa_tn_sex"), WGT_FIELD_TEXT, 3, 4, 1, MSG("sa_tn_sex_hint"), 0 },
	{ MSG("sa_tn_zokugara"), WGT_FIELD_TEXT, 60, 16, 1, MSG("sa_tn_zokugara_hint"), PCAP(zokugara) },
	{ MSG("sa_tn_honseki"), WGT_FIELD_TEXT, 240, 40, 0, NULL, PCAP(honseki) },
	{ MSG("sa_tn_hittosha"), WGT_FIELD_TEXT, 120, 24, 0, NULL, PCAP(hittosha) },
	{ MSG("sa_tn_kojin"), WGT_FIELD_DIGITS, 40, 16, 0, NULL, PCAP(kojin_bango) },
	{ MSG("sa_tn_jcode"), WGT_FIELD_DIGITS, 40, 16, 1, NULL, PCAP(juminhyo_code) },
	/* The flags are one digit; 4 columns show even a wide character typed
	 * into them (rv-input 11), and full-width digits become ASCII as typed. */
	{ MSG("sa_tn_kokuho"), WGT_FIELD_DIGITS, 3, 4, 0, MSG("sa_tn_flag_hint"), 0 },
	{ MSG("sa_tn_kouki"), WGT_FIELD_DIGITS, 3, 4, 0, MSG("sa_tn_flag_hint"), 0 },
	{ MSG("sa_tn_kaigo"), WGT_FIELD_DIGITS, 3, 4, 0, MSG("sa_tn_flag_hint"), 0 },
	{ MSG("sa_tn_nenkin"), WGT_FIELD_TEXT, 30, 16, 0, MSG("sa_tn_nenkin_hint"), PCAP(nenkin_kind) },
	{ MSG("sa_tn_kiso"), WGT_FIELD_DIGITS, 40, 14, 0, MSG("sa_tn_kiso_hint"), PCAP(kiso_nenkin_no) },
	{ MSG("sa_tn_jidou"), WGT_FIELD_DIGITS, 3, 4, 0, MSG("sa_tn_flag_hint"), 0 },
	{ MSG("sa_tn_card_issued"), WGT_FIELD_DATE, 60, 20, 0, NULL, 0 },
	{ MSG("sa_tn_card_expiry"), WGT_FIELD_DATE, 60, 20, 0, NULL, 0 },
};

static const struct fdef adefs[A_N] = {
	{ MSG("sa_tn_town"), WGT_FIELD_TEXT, 120, 20, 1, MSG("sa_tn_town_hint"), 0 },
	{ MSG("sa_tn_banchi"), WGT_FIELD_TEXT, 120, 24, 1, NULL, RCAP(banchi) },
	{ MSG("sa_tn_katagaki"), WGT_FIELD_TEXT, 200, 30, 0, NULL, RCAP(katagaki) },
	{ MSG("sa_tn_setai"), WGT_FIELD_DIGITS, 30, 14, 0, MSG("sa_tn_setai_hint"), RCAP(join_setai) },
};

#define MAX_ITEMS (C_N + WF_MAX_PERSONS * P_N + A_N)
#define MAX_ROWS (MAX_ITEMS + WF_MAX_PERSONS + 4)
#define MAX_TOWNS 512
#define MAX_LINES 600

/* A row of the form's layout: a section head (item < 0) or a field. */
struct lrow {
	int item;              /* index into items, or -1 for a head */
	const char *head;      /* the head's catalog key */
	int person;            /* the head's person (1-based), 0 = none */
};

struct town {
	char code[16];
	char name[128];
};

struct tn_st {
	struct wgt_field com[C_N];
	struct wgt_field per[WF_MAX_PERSONS][P_N];
	struct wgt_field adr[A_N];
	int n;                                   /* persons on the form */
	struct wgt_form_item items[MAX_ITEMS];
	struct wgt_form form;
	struct lrow rows[MAX_ROWS];
	int nrows;
	int scroll;                              /* first form row shown */
	struct town *towns;                      /* the 町字 master (owned) */
	int ntowns;
	struct wgt_list ltown;
	struct tennyu_req req;                   /* built at F10 */
	struct tennyu_result res;                /* of the last check / commit */
	struct wgt_lines out;                    /* confirmation / result lines */
	int ack;                                 /* alerts acknowledged so far */
	struct wgt_dialog dlg;
};

static const struct scr_ops tn_town_ops;
static const struct scr_ops tn_confirm_ops;
static const struct scr_ops tn_done_ops;


/* The longest value a field may take. A text field copied into a request
 * member takes exactly what the member holds: never more (nothing is cut),
 * and never less, so whatever a prepared request carries (a kiosk
 * application with the card's address and name) fits when the form is
 * filled from it; wgt_field_set would clear a value that does not. A digit
 * field takes its own size as typed (hyphens, full-width digits); its ASCII
 * digits are checked against the member by too_long. */
static size_t field_max(const struct fdef *d)
{
	return d->cap && d->kind == WGT_FIELD_TEXT ? d->cap - 1 : (size_t)d->max;
}

_Static_assert(DB_ADDR_CAP <= WGT_FIELD_CAP && DB_NAME_CAP <= WGT_FIELD_CAP,
               "a field holds every text member of the request");

/* The members tn_prefill puts into the fields without a cap fit them too. */
#define FITS(m, max) _Static_assert(RCAP(m) - 1 <= (max), #m " fits its field")
FITS(tennyu_date, 60);
FITS(todoke_date, 60);
FITS(addr_code, 120);
#undef FITS
#define FITS(m, max) _Static_assert(PCAP(m) - 1 <= (max), #m " fits its field")
FITS(birth, 60);
FITS(sex, 3);
FITS(card_issued, 60);
FITS(card_expiry, 60);
#undef FITS

/* Format a key with up to three arguments into out. */
static void fmt(char *out, size_t cap, const char *key, const char *a0, const char *a1,
                const char *a2)
{
	const char *a[3] = { a0, a1, a2 };

	if (i18n_msg_format(out, cap, key, 3, a) < 0)
		out[0] = 0;
}

/* Lay the items and rows out for the current number of persons. */
static void build(struct tn_st *st)
{
	int ni = 0, nr = 0, focus = st->form.focus;

	st->rows[nr++] = (struct lrow){ -1, MSG("sa_tn_sec_prev"), 0 };
	for (int i = 0; i < C_N; i++) {
		st->items[ni] = (struct wgt_form_item){ cdefs[i].label, &st->com[i], cdefs[i].width,
		                                        cdefs[i].required, cdefs[i].hint, NULL };
		st->rows[nr++] = (struct lrow){ ni++, NULL, 0 };
	}
	for (int p = 0; p < st->n; p++) {
		st->rows[nr++] = (struct lrow){ -1, MSG("sa_tn_sec_person"), p + 1 };
		for (int i = 0; i < P_N; i++) {
			st->items[ni] = (struct wgt_form_item){ pdefs[i].label, &st->per[p][i],
			                                        pdefs[i].width, pdefs[i].required,
			                                        pdefs[i].hint, NULL };
			st->rows[nr++] = (struct lrow){ ni++, NULL, 0 };
		}
	}
	st->rows[nr++] = (struct lrow){ -1, MSG("sa_tn_sec_new"), 0 };
	for (int i = 0; i < A_N; i++) {
		st->items[ni] = (struct wgt_form_item){ adefs[i].label, &st->adr[i], adefs[i].width,
		                                        adefs[i].required, adefs[i].hint, NULL };
		st->rows[nr++] = (struct lrow){ ni++, NULL, 0 };
	}
	st->nrows = nr;
	wgt_form_init(&st->form, st->items, ni);
	st->form.focus = focus < ni ? focus : ni - 1;
}

/* Initialise the fields of person p. */
static void person_init(struct tn_st *st, int p)
{
	for (int i = 0; i < P_N; i++)
		wgt_field_init(&st->per[p][i], pdefs[i].kind, field_max(&pdefs[i]));
}

/* Keep one 町字 of the master. */
static int keep_town(void *arg, const struct db_machiaza *m)
{
	struct tn_st *st = arg;

	if (st->ntowns >= MAX_TOWNS)
		return 1;
	wf_copy(st->towns[st->ntowns].code, sizeof st->towns[0].code, m->code);
	wf_copy(st->towns[st->ntowns].name, sizeof st->towns[0].name, m->name);
	st->ntowns++;
	return 0;
}

/* A row of the 町字 picker. */
static void town_row(void *arg, int i, char *buf, size_t cap)
{
	const struct tn_st *st = arg;

	snprintf(buf, cap, " %-8s %s", st->towns[i].code, st->towns[i].name);
}

/* The 町字 a typed value names (code or exact name), or NULL. */
static const struct town *find_town(const struct tn_st *st, const char *v)
{
	char tmp[128];

	if (!v[0])
		return NULL;
	if (i18n_text_digits(v, tmp, sizeof tmp) >= 0 && tmp[0])
		v = tmp;
	for (int i = 0; i < st->ntowns; i++)
		if (strcmp(st->towns[i].code, v) == 0 || strcmp(st->towns[i].name, v) == 0)
			return &st->towns[i];
	return NULL;
}

/* Put a text into a field when there is one. */
static void tn_put(struct wgt_field *f, const char *v)
{
	if (v && v[0])
		wgt_field_set(f, v);
}

/* Fill the form from a prepared request (a kiosk application handed over):
 * the clerk checks it against the documents, completes it and commits. */
static void tn_prefill(struct tn_st *st, const struct tennyu_req *q)
{
	tn_put(&st->com[C_PREV_ADDR], q->prev_address);
	tn_put(&st->com[C_PREV_CODE], q->prev_muni_code);
	tn_put(&st->com[C_DATE], q->tennyu_date);
	tn_put(&st->com[C_TODOKE], q->todoke_date);
	st->n = q->n >= 1 && q->n <= WF_MAX_PERSONS ? q->n : 1;
	for (int p = 0; p < st->n; p++) {
		const struct tennyu_person *r = &q->p[p];

		if (p > 0)
			person_init(st, p);
		tn_put(&st->per[p][P_NAME], r->name);
		tn_put(&st->per[p][P_KANA], r->name_kana);
		tn_put(&st->per[p][P_BIRTH], r->birth);
		tn_put(&st->per[p][P_SEX], r->sex);   /* the field takes 1 / 2 as well */
		tn_put(&st->per[p][P_ZOKU], r->zokugara);
		tn_put(&st->per[p][P_HONSEKI], r->honseki);
		tn_put(&st->per[p][P_HITTO], r->hittosha);
		tn_put(&st->per[p][P_KOJIN], r->kojin_bango);
		tn_put(&st->per[p][P_JCODE], r->juminhyo_code);
		tn_put(&st->per[p][P_CARD_ISSUED], r->card_issued);
		tn_put(&st->per[p][P_CARD_EXPIRY], r->card_expiry);
	}
	tn_put(&st->adr[A_TOWN], q->addr_code);
	tn_put(&st->adr[A_BANCHI], q->banchi);
	tn_put(&st->adr[A_KATAGAKI], q->katagaki);
	tn_put(&st->adr[A_SETAI], q->join_setai);
}

/* Set up the form (empty, or from a prepared request) and load the 町字 master. */
static int tn_enter(struct scr_app *app, struct scr *s)
{
	struct tn_st *st = calloc(1, sizeof *st);
	int rc;

	if (!st)
		return MG_ENOMEM;
	st->towns = calloc(MAX_TOWNS, sizeof *st->towns);
	if (!st->towns) {
		free(st);
		return MG_ENOMEM;
	}
	rc = view_registry_towns(app->ctx, keep_town, st);
	if (rc < 0) {
		free(st->towns);
		free(st);
		return rc;
	}
	for (int i = 0; i < C_N; i++)
		wgt_field_init(&st->com[i], cdefs[i].kind, field_max(&cdefs[i]));
	for (int i = 0; i < A_N; i++)
		wgt_field_init(&st->adr[i], adefs[i].kind, field_max(&adefs[i]));
	st->n = 1;
	person_init(st, 0);
	if (s->arg)
		tn_prefill(st, s->arg);
	build(st);
	wgt_list_init(&st->ltown, st->ntowns, town_row, st);
	s->st = st;
	return 0;
}

/* The index of the first item of person p. */
static int person_item(int p)
{
	return C_N + p * P_N;
}

/* The person (0-based) the focus is in, or -1. */
static int focus_person(const struct tn_st *st)
{
	int f = st->form.focus - C_N;

	return f >= 0 && f < st->n * P_N ? f / P_N : -1;
}

/* Mark item it when the ASCII digits of a digit field f do not fit the
 * request member of cap bytes (0: not copied). 1 when marked. */
static int too_long(struct wgt_form_item *it, const struct wgt_field *f, size_t cap)
{
	if (!cap || f->kind != WGT_FIELD_DIGITS || it->error_msgid || strlen(f->digits) < cap)
		return 0;
	it->error_msgid = MSG("sa_tn_too_long");
	return 1;
}

/* Validate what the form can check itself (beyond the field kinds). */
static int form_check(struct tn_st *st)
{
	int bad = wgt_form_check(&st->form);
	char iso[I18N_DATE_ISO_LEN];

	for (int i = 0; i < C_N; i++)
		bad += too_long(&st->items[i], &st->com[i], cdefs[i].cap);
	for (int i = 0; i < A_N; i++)
		bad += too_long(&st->items[person_item(st->n) + i], &st->adr[i], adefs[i].cap);
	for (int p = 0; p < st->n; p++) {
		struct wgt_form_item *it = &st->items[person_item(p)];
		const char *v;

		for (int i = 0; i < P_N; i++)
			bad += too_long(&it[i], &st->per[p][i], pdefs[i].cap);

		/* 令23② 四: 10 digits (4+6); the workflow checks it again. */
		if (st->per[p][P_KISO].len && strlen(st->per[p][P_KISO].digits) != 10 &&
		    !it[P_KISO].error_msgid) {
			it[P_KISO].error_msgid = MSG("sa_tn_bad_kiso");
			bad++;
		}

		v = wgt_field_value(&st->per[p][P_BIRTH]);
		if (v[0] && i18n_wareki_parse_birth(v, iso) != 0 && !it[P_BIRTH].error_msgid) {
			it[P_BIRTH].error_msgid = MSG("ui_field_bad_date");
			bad++;
		}
		v = wgt_field_value(&st->per[p][P_SEX]);
		if (v[0] && strcmp(v, "1") && strcmp(v, "2") && strcmp(v, "9") && strcmp(v, "男") &&
		    strcmp(v, "女") && !it[P_SEX].error_msgid) {
			it[P_SEX].error_msgid = MSG("sa_tn_bad_sex");
			bad++;
		}
		for (int f = P_KOKUHO; f <= P_JIDOU; f++) {
			if (f == P_NENKIN || f == P_KISO)
				continue;
			v = st->per[p][f].digits;
			if (st->per[p][f].len && strcmp(v, "0") && strcmp(v, "1") && !it[f].error_msgid) {
				it[f].error_msgid = MSG("sa_tn_bad_flag");
				bad++;
			}
		}
	}
	if (!find_town(st, wgt_field_value(&st->adr[A_TOWN])) &&
	    !st->items[person_item(st->n) + A_TOWN].error_msgid) {
		st->items[person_item(st->n) + A_TOWN].error_msgid = MSG("sa_tn_bad_town");
		bad++;
	}
	for (int i = 0; bad && i < st->form.n; i++)
		if (st->items[i].error_msgid) {
			st->form.focus = i;
			break;
		}
	return bad;
}

/* An ISO date of a date field after wgt_form_check ("" when empty). */
static void field_iso(const struct wgt_field *f, char *out)
{
	if (f->len == 0)
		out[0] = 0;
	else
		i18n_date_format_iso(f->day, out);
}

/* Build the request from the (checked) form (an empty 届出日 is today, so
 * the confirmation shows the day that is stored). */
static void build_req(const struct app_ctx *ctx, struct tn_st *st)
{
	struct tennyu_req *q = &st->req;
	const struct town *t = find_town(st, wgt_field_value(&st->adr[A_TOWN]));

	memset(q, 0, sizeof *q);
	wf_copy(q->prev_address, sizeof q->prev_address, wgt_field_value(&st->com[C_PREV_ADDR]));
	wf_copy(q->prev_muni_code, sizeof q->prev_muni_code, st->com[C_PREV_CODE].digits);
	field_iso(&st->com[C_DATE], q->tennyu_date);
	field_iso(&st->com[C_TODOKE], q->todoke_date);
	if (!q->todoke_date[0])
		wf_today(ctx, q->todoke_date);
	wf_copy(q->addr_code, sizeof q->addr_code, t ? t->code : "");
	wf_copy(q->banchi, sizeof q->banchi, wgt_field_value(&st->adr[A_BANCHI]));
	wf_copy(q->katagaki, sizeof q->katagaki, wgt_field_value(&st->adr[A_KATAGAKI]));
	wf_copy(q->join_setai, sizeof q->join_setai, st->adr[A_SETAI].digits);
	q->n = st->n;
	for (int p = 0; p < st->n; p++) {
		struct tennyu_person *d = &q->p[p];
		struct wgt_field *f = st->per[p];
		const char *sex = wgt_field_value(&f[P_SEX]);

		wf_copy(d->name, sizeof d->name, wgt_field_value(&f[P_NAME]));
		wf_copy(d->name_kana, sizeof d->name_kana, wgt_field_value(&f[P_KANA]));
		if (i18n_wareki_parse_birth(wgt_field_value(&f[P_BIRTH]), d->birth) != 0)
			d->birth[0] = 0;
		snprintf(d->sex, sizeof d->sex, "%s",
		         strcmp(sex, "男") == 0 ? "1" : strcmp(sex, "女") == 0 ? "2" : sex);
		wf_copy(d->zokugara, sizeof d->zokugara, wgt_field_value(&f[P_ZOKU]));
		wf_copy(d->honseki, sizeof d->honseki, wgt_field_value(&f[P_HONSEKI]));
		wf_copy(d->hittosha, sizeof d->hittosha, wgt_field_value(&f[P_HITTO]));
		wf_copy(d->kojin_bango, sizeof d->kojin_bango, f[P_KOJIN].digits);
		wf_copy(d->juminhyo_code, sizeof d->juminhyo_code, f[P_JCODE].digits);
		d->kokuho = strcmp(f[P_KOKUHO].digits, "1") == 0;
		d->kouki = strcmp(f[P_KOUKI].digits, "1") == 0;
		d->kaigo = strcmp(f[P_KAIGO].digits, "1") == 0;
		wf_copy(d->nenkin_kind, sizeof d->nenkin_kind, wgt_field_value(&f[P_NENKIN]));
		wf_copy(d->kiso_nenkin_no, sizeof d->kiso_nenkin_no, f[P_KISO].digits);
		d->jidou_teate = strcmp(f[P_JIDOU].digits, "1") == 0;
		field_iso(&f[P_CARD_ISSUED], d->card_issued);
		field_iso(&f[P_CARD_EXPIRY], d->card_expiry);
	}
	/* The request holds what a commit stores ("第1号被保険者" → "第1号"…), so
	 * the confirmation built from it shows exactly that. Problems are the
	 * workflow's findings. */
	tennyu_normalise(q, NULL);
}

/* Append "label value": the value as the request holds it (what a commit stores). */
static void line_field(struct tn_st *st, const char *label, const char *value)
{
	char line[640];
	int lw = i18n_width_of(i18n_msg(label));

	snprintf(line, sizeof line, "  %s%*s %s", i18n_msg(label), lw < 20 ? 20 - lw : 0, "",
	         value);
	wgt_lines_add(&st->out, CELLS_R_NORMAL, line);
}

/* The 町字 of a code, or NULL. */
static const struct town *town_of_code(const struct tn_st *st, const char *code)
{
	for (int i = 0; code[0] && i < st->ntowns; i++)
		if (strcmp(st->towns[i].code, code) == 0)
			return &st->towns[i];
	return NULL;
}

/* The text of person p's item i in the request ("" when the item has none). */
static const char *person_text(const struct tennyu_person *d, int i)
{
	switch (i) {
	case P_NAME: return d->name;
	case P_KANA: return d->name_kana;
	case P_ZOKU: return d->zokugara;
	case P_HONSEKI: return d->honseki;
	case P_HITTO: return d->hittosha;
	case P_KOJIN: return d->kojin_bango;
	case P_JCODE: return d->juminhyo_code;
	case P_NENKIN: return d->nenkin_kind;
	case P_KISO: return d->kiso_nenkin_no;
	default: return "";
	}
}

/* The value of a flag of the request (令23② 三, 五). */
static int person_flag(const struct tennyu_person *d, int i)
{
	return i == P_KOKUHO ? d->kokuho : i == P_KOUKI ? d->kouki : i == P_KAIGO ? d->kaigo
	                                                                           : d->jidou_teate;
}

/* Append every finding of the check, errors first. */
static void lines_findings(struct tn_st *st)
{
	static const struct { int level; const char *tag; int attr; } kinds[] = {
		{ CHECK_ERROR, MSG("sa_tn_finding_error"), CELLS_R_ERROR | CELLS_BOLD },
		{ CHECK_ALERT, MSG("sa_tn_finding_alert"), CELLS_R_ALERT | CELLS_BOLD },
		{ CHECK_INFO, MSG("sa_tn_finding_info"), CELLS_R_INFO },
	};
	const struct check_list *l = &st->res.checks;
	char text[512], who[300], line[1100], no[16];

	wgt_lines_add(&st->out, CELLS_R_TITLE | CELLS_BOLD, i18n_msg(MSG("sa_tn_sec_findings")));
	if (l->n == 0)
		wgt_lines_add(&st->out, CELLS_R_NORMAL, i18n_msg(MSG("sa_tn_no_findings")));
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		for (int i = 0; i < l->n; i++) {
			const struct check_item *it = &l->item[i];

			if ((int)it->level != kinds[k].level)
				continue;
			view_check_text(it, text, sizeof text);
			who[0] = 0;
			if (it->person >= 0 && it->person < st->req.n) {
				snprintf(no, sizeof no, "%d", it->person + 1);
				fmt(who, sizeof who, MSG("sa_tn_finding_who"), no, st->req.p[it->person].name,
				    NULL);
			}
			snprintf(line, sizeof line, "%s %s%s", i18n_msg(kinds[k].tag), who, text);
			wgt_lines_add(&st->out, kinds[k].attr, line);
		}
}

/* The confirmation page: every finding first (errors on top), then every
 * value as the request holds it — what the commit will store, never the
 * widgets' text (rv-input 1). */
static void lines_confirm(struct tn_st *st)
{
	const struct tennyu_req *q = &st->req;
	const struct town *t = town_of_code(st, q->addr_code);
	char buf[256], head[128], no[16];

	wgt_lines_clear(&st->out);
	wgt_lines_add(&st->out, CELLS_R_NORMAL, i18n_msg(MSG("sa_tn_confirm_prompt")));
	lines_findings(st);
	wgt_lines_add(&st->out, CELLS_R_TITLE | CELLS_BOLD, i18n_msg(MSG("sa_tn_sec_prev")));
	line_field(st, cdefs[C_PREV_ADDR].label, q->prev_address);
	line_field(st, cdefs[C_PREV_CODE].label, q->prev_muni_code);
	line_field(st, cdefs[C_DATE].label, i18n_wareki_text(q->tennyu_date, buf, sizeof buf));
	line_field(st, cdefs[C_TODOKE].label, i18n_wareki_text(q->todoke_date, buf, sizeof buf));
	for (int p = 0; p < q->n; p++) {
		const struct tennyu_person *d = &q->p[p];

		snprintf(no, sizeof no, "%d", p + 1);
		fmt(head, sizeof head, MSG("sa_tn_sec_person"), no, NULL, NULL);
		wgt_lines_add(&st->out, CELLS_R_TITLE | CELLS_BOLD, head);
		for (int i = 0; i < P_N; i++) {
			const char *shown = person_text(d, i);

			if (i == P_BIRTH)
				shown = i18n_wareki_text(d->birth, buf, sizeof buf);
			else if (i == P_SEX)
				shown = strcmp(d->sex, "1") == 0 ? i18n_msg(MSG("sa_sex_1"))
				      : strcmp(d->sex, "2") == 0 ? i18n_msg(MSG("sa_sex_2")) : d->sex;
			else if (i == P_CARD_ISSUED)
				shown = i18n_wareki_text(d->card_issued, buf, sizeof buf);
			else if (i == P_CARD_EXPIRY)
				shown = i18n_wareki_text(d->card_expiry, buf, sizeof buf);
			else if (i >= P_KOKUHO && i <= P_JIDOU && i != P_NENKIN && i != P_KISO)
				shown = st->per[p][i].len == 0 ? ""
				      : i18n_msg(person_flag(d, i) ? MSG("sa_tn_flag_yes")
				                                   : MSG("sa_tn_flag_no"));
			if (i != P_NAME && i != P_KANA && i != P_BIRTH && i != P_SEX && i != P_ZOKU &&
			    i != P_JCODE && !shown[0])
				continue;
			line_field(st, pdefs[i].label, shown);
		}
	}
	wgt_lines_add(&st->out, CELLS_R_TITLE | CELLS_BOLD, i18n_msg(MSG("sa_tn_sec_new")));
	snprintf(buf, sizeof buf, "%s（%s）", t ? t->name : "", q->addr_code);
	line_field(st, adefs[A_TOWN].label, buf);
	line_field(st, adefs[A_BANCHI].label, q->banchi);
	line_field(st, adefs[A_KATAGAKI].label, q->katagaki);
	line_field(st, adefs[A_SETAI].label,
	           q->join_setai[0] ? q->join_setai : i18n_msg(MSG("sa_tn_setai_new")));
	if (st->res.last_day[0]) {
		char d[64], line[256];

		fmt(line, sizeof line, MSG("sa_tn_last_day"), i18n_wareki_text(st->res.last_day, d, sizeof d),
		    NULL, NULL);
		wgt_lines_add(&st->out, CELLS_R_NORMAL, line);
	}
}

/* The result page: 受付番号, 世帯番号 and each person's 宛名番号. */
static void lines_done(struct tn_st *st)
{
	char line[640];

	wgt_lines_clear(&st->out);
	fmt(line, sizeof line, MSG("sa_tn_done"), st->res.uketsuke_no, NULL, NULL);
	wgt_lines_add(&st->out, CELLS_R_INFO | CELLS_BOLD, line);
	fmt(line, sizeof line, MSG("sa_tn_done_setai"), st->res.setai_no, NULL, NULL);
	wgt_lines_add(&st->out, CELLS_R_NORMAL, line);
	for (int p = 0; p < st->req.n; p++) {
		fmt(line, sizeof line, MSG("sa_tn_done_person"), st->res.atena[p], st->req.p[p].name,
		    st->req.p[p].zokugara);
		wgt_lines_add(&st->out, CELLS_R_NORMAL, line);
	}
	wgt_lines_add(&st->out, CELLS_R_NORMAL, "");
	wgt_lines_add(&st->out, CELLS_R_NORMAL, i18n_msg(MSG("sa_tn_done_next")));
}

/* F10 on the form: check the fields, build the request, run tennyu_check. */
static int go_confirm(struct scr_app *app, struct scr *s, struct tn_st *st)
{
	int rc;

	if (form_check(st) != 0)
		return SCR_HANDLED | SCR_REDRAW;
	build_req(app->ctx, st);
	rc = tennyu_check(app->ctx, &st->req, &st->res);
	if (rc) {
		wgt_dialog_open_rc(&st->dlg, MSG("ui_dlg_title_error"), rc, TAG_NONE);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (wgt_lines_alloc(&st->out, MAX_LINES) != 0) {
		wgt_dialog_open_rc(&st->dlg, MSG("ui_dlg_title_error"), MG_ENOMEM, TAG_NONE);
		return SCR_HANDLED | SCR_REDRAW;
	}
	lines_confirm(st);
	st->ack = 0;
	s->ops = &tn_confirm_ops;
	return SCR_HANDLED | SCR_REDRAW;
}

/* Commit the checked request (alerts acknowledged). */
static int do_commit(struct scr_app *app, struct scr *s, struct tn_st *st)
{
	int rc;

	st->req.alerts_acknowledged = 1;
	rc = tennyu_commit(app->ctx, &st->req, &st->res);
	if (rc) {
		if (rc == MG_ERULE)
			lines_confirm(st);
		wgt_dialog_open_commit(&st->dlg, rc, TAG_BLOCKED, TAG_NONE);
		return SCR_HANDLED | SCR_REDRAW;
	}
	lines_done(st);
	s->ops = &tn_done_ops;
	return SCR_HANDLED | SCR_REDRAW;
}

/* Errors block; else the box of alert n (0-based). 1 when a box opened. */
static int ask(struct tn_st *st, int n)
{
	return wgt_dialog_ask(&st->dlg, &st->res.checks, n, MSG("sa_tn_alert_title"),
	                      MSG("sa_tn_alert_remedy"), TAG_ALERT, TAG_BLOCKED);
}

/* F10 on the confirmation: errors block; each alert is acknowledged; commit. */
static int try_commit(struct scr_app *app, struct scr *s, struct tn_st *st)
{
	st->ack = 0;
	return ask(st, 0) ? SCR_HANDLED | SCR_REDRAW : do_commit(app, s, st);
}

/* Add a person after the last one, focus on their 氏名. */
static int add_person(struct tn_st *st)
{
	if (st->n >= WF_MAX_PERSONS)
		return SCR_HANDLED;
	person_init(st, st->n);
	st->n++;
	build(st);
	st->form.focus = person_item(st->n - 1);
	return SCR_HANDLED | SCR_REDRAW;
}

/* Remove person p (the others move up). */
static void remove_person(struct tn_st *st, int p)
{
	for (int i = 0; i < P_N; i++)
		wgt_field_wipe(&st->per[p][i]);
	for (int q = p; q + 1 < st->n; q++)
		memcpy(st->per[q], st->per[q + 1], sizeof st->per[q]);
	for (int i = 0; i < P_N; i++)
		wgt_field_wipe(&st->per[st->n - 1][i]);
	st->n--;
	st->form.focus = person_item(p < st->n ? p : st->n - 1);
	build(st);
}

/* The answer of the screen's box. */
static int dialog_answer(struct scr_app *app, struct scr *s, struct tn_st *st)
{
	const struct wgt_dialog *d = &st->dlg;

	switch (d->tag) {
	case TAG_DISCARD:
		return d->answer == WGT_ANSWER_YES ? SCR_HANDLED | SCR_CLOSE : SCR_HANDLED | SCR_REDRAW;
	case TAG_REMOVE:
		if (d->answer == WGT_ANSWER_YES && focus_person(st) >= 0 && st->n > 1)
			remove_person(st, focus_person(st));
		return SCR_HANDLED | SCR_REDRAW;
	case TAG_ALERT:
		if (d->answer != WGT_ANSWER_YES)
			return SCR_HANDLED | SCR_REDRAW;
		return ask(st, ++st->ack) ? SCR_HANDLED | SCR_REDRAW : do_commit(app, s, st);
	default:
		return SCR_HANDLED | SCR_REDRAW;
	}
}

/* Keys of the form page. */
static int key_form(struct scr_app *app, struct scr *s, struct tn_st *st,
                    const struct ui_key *k)
{
	const struct town *t;
	int r;

	switch (wgt_keybar_match(keys_form, k)) {
	case ACT_CONFIRM:
		return go_confirm(app, s, st);
	case ACT_TOWNS:
		t = find_town(st, wgt_field_value(&st->adr[A_TOWN]));
		st->ltown.sel = t ? (int)(t - st->towns) : 0;
		s->ops = &tn_town_ops;
		return SCR_HANDLED | SCR_REDRAW;
	case ACT_ADD:
		return add_person(st);
	case ACT_REMOVE:
		if (focus_person(st) < 0 || st->n <= 1) {
			wgt_dialog_open(&st->dlg, WGT_DIALOG_INFO, MSG("sa_tn_remove_title"),
			                MSG("sa_tn_remove_which"), NULL, TAG_NONE);
			return SCR_HANDLED | SCR_REDRAW;
		}
		wgt_dialog_open(&st->dlg, WGT_DIALOG_CONFIRM, MSG("sa_tn_remove_title"),
		                MSG("sa_tn_remove_text"), NULL, TAG_REMOVE);
		return SCR_HANDLED | SCR_REDRAW;
	case ACT_BACK:
		if (wgt_form_changed(&st->form)) {
			wgt_dialog_open(&st->dlg, WGT_DIALOG_CONFIRM, MSG("sa_discard_title"),
			                MSG("sa_discard_text"), NULL, TAG_DISCARD);
			return SCR_HANDLED | SCR_REDRAW;
		}
		return SCR_HANDLED | SCR_CLOSE;
	default:
		break;
	}
	if (k->code == UI_K_CHAR && k->ch >= 0xff10 && k->ch <= 0xff19 &&
	    st->items[st->form.focus].field->kind == WGT_FIELD_DIGITS) {
		/* A digit field shows what it holds: full-width digits (an IME's
		 * usual output) go in as ASCII, so a 1-digit flag stays visible. */
		struct ui_key ascii = *k;

		ascii.ch = (wchar_t)(k->ch - 0xff10 + '0');
		r = wgt_form_key(&st->form, &ascii);
	} else {
		r = wgt_form_key(&st->form, k);
	}
	if (r & WGT_SUBMIT)
		return go_confirm(app, s, st);
	return r ? SCR_HANDLED | SCR_REDRAW : 0;
}

/* Keys: the box first, then the page's table. */
static int tn_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct tn_st *st = s->st;
	int r;

	if (st->dlg.open) {
		if (wgt_dialog_key(&st->dlg, k) & WGT_CLOSED)
			return dialog_answer(app, s, st);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (s->ops == &tn_town_ops) {
		switch (wgt_keybar_match(keys_town, k)) {
		case ACT_CHOOSE:
			if (st->ntowns > 0) {
				wgt_field_set(&st->adr[A_TOWN], st->towns[st->ltown.sel].name);
				st->adr[A_TOWN].changed = 1;
				st->items[person_item(st->n) + A_TOWN].error_msgid = NULL;
				st->form.focus = person_item(st->n) + A_BANCHI;
			}
			s->ops = &scr_tennyu;
			return SCR_HANDLED | SCR_REDRAW;
		case ACT_BACK:
			s->ops = &scr_tennyu;
			return SCR_HANDLED | SCR_REDRAW;
		default:
			break;
		}
		r = wgt_list_key(&st->ltown, k);
		if (r & WGT_SUBMIT) {
			struct ui_key enter = { UI_K_ENTER, 0 };

			return tn_key(app, s, &enter);
		}
		return r ? SCR_HANDLED | SCR_REDRAW : 0;
	}
	if (s->ops == &tn_confirm_ops) {
		switch (wgt_keybar_match(keys_confirm, k)) {
		case ACT_COMMIT:
			return try_commit(app, s, st);
		case ACT_BACK:
			s->ops = &scr_tennyu;
			return SCR_HANDLED | SCR_REDRAW;
		default:
			return scr_lines_key(&st->out, k);
		}
	}
	if (s->ops == &tn_done_ops) {
		if (wgt_keybar_match(keys_done, k) == ACT_DONE)
			return SCR_HANDLED | SCR_CLOSE;
		return scr_lines_key(&st->out, k);
	}
	return key_form(app, s, st, k);
}

/* The row of the layout holding item i. */
static int row_of(const struct tn_st *st, int item)
{
	for (int r = 0; r < st->nrows; r++)
		if (st->rows[r].item == item)
			return r;
	return 0;
}

/* A field's hint: its error, a date read back in 和暦, the 町字 name, or its hint. */
static const char *hint_of(const struct tn_st *st, const struct wgt_form_item *it, char *buf,
                           size_t cap, int *attr)
{
	const struct wgt_field *f = it->field;
	char iso[I18N_DATE_ISO_LEN];
	const struct town *t;
	i18n_day d;

	*attr = CELLS_R_DIM;
	if (it->error_msgid) {
		*attr = CELLS_R_ERROR | CELLS_BOLD;
		return i18n_msg(it->error_msgid);
	}
	if (f->len > 0 && f->kind == WGT_FIELD_DATE && i18n_wareki_parse(f->text, &d) == 0 &&
	    i18n_wareki_format(d, buf, cap) > 0)
		return buf;
	if (f->len > 0 && it->label_msgid == pdefs[P_BIRTH].label &&
	    i18n_wareki_parse_birth(f->text, iso) == 0 && i18n_wareki_format_iso(iso, buf, cap) > 0)
		return buf;
	if (f == &st->adr[A_TOWN] && (t = find_town(st, f->text)) != NULL) {
		snprintf(buf, cap, "%s（%s）", t->name, t->code);
		return buf;
	}
	return it->hint_msgid ? i18n_msg(it->hint_msgid) : NULL;
}

/* The form page: rows scrolled so the focused field shows, a status line. */
static void draw_form(struct tn_st *st, struct cells *c, int top, int rows)
{
	int vis = rows - 2, fr, lw = 0, y;
	char buf[256], no[16], tot[16];

	for (int i = 0; i < st->form.n; i++) {
		int w = cells_width(i18n_msg(st->items[i].label_msgid));

		if (w > lw)
			lw = w;
	}
	if (lw > 22)
		lw = 22;
	fr = row_of(st, st->form.focus);
	if (fr - 1 < st->scroll)
		st->scroll = fr > 0 && st->rows[fr - 1].item < 0 ? fr - 1 : fr;
	if (fr >= st->scroll + vis)
		st->scroll = fr - vis + 1;
	if (st->scroll < 0)
		st->scroll = 0;
	y = top;
	for (int r = st->scroll; r < st->nrows && y < top + vis; r++, y++) {
		const struct lrow *lr = &st->rows[r];
		const struct wgt_form_item *it;
		const char *hint;
		int fw, attr;

		if (lr->item < 0) {
			snprintf(no, sizeof no, "%d", lr->person);
			fmt(buf, sizeof buf, lr->head, no, NULL, NULL);
			cells_text(c, 1, y, c->w - 2, buf, CELLS_R_TITLE | CELLS_BOLD | CELLS_UNDERLINE,
			           CELLS_ELLIPSIS);
			continue;
		}
		it = &st->items[lr->item];
		cells_text(c, 3, y, lw, i18n_msg(it->label_msgid),
		           CELLS_R_LABEL | (lr->item == st->form.focus ? CELLS_BOLD : 0), CELLS_ELLIPSIS);
		fw = it->width;
		if (3 + lw + 2 + fw > c->w - 2)
			fw = c->w - 2 - (3 + lw + 2);
		wgt_field_draw(it->field, c, 3 + lw + 2, y, fw, lr->item == st->form.focus);
		hint = hint_of(st, it, buf, sizeof buf, &attr);
		if (hint && 3 + lw + 2 + fw + 1 < c->w - 1)
			cells_text(c, 3 + lw + 2 + fw + 1, y, c->w - 1 - (3 + lw + 2 + fw + 1), hint, attr,
			           CELLS_ELLIPSIS);
	}
	snprintf(no, sizeof no, "%d", focus_person(st) + 1);
	snprintf(tot, sizeof tot, "%d", st->n);
	fmt(buf, sizeof buf, focus_person(st) >= 0 ? MSG("sa_tn_status_person") : MSG("sa_tn_status"),
	    no, tot, NULL);
	cells_text(c, 1, top + rows - 1, c->w - 2, buf, CELLS_R_DIM, CELLS_ELLIPSIS);
}

/* The confirmation/result lines (wgt_lines) and the scroll hint. */
static void draw_lines(struct tn_st *st, struct cells *c, int top, int rows)
{
	wgt_lines_draw(&st->out, c, top, rows, i18n_msg(MSG("sa_scroll_hint")));
}

/* Draw the current page and the box. */
static void tn_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows)
{
	struct tn_st *st = s->st;

	(void)app;
	if (s->ops == &tn_town_ops) {
		cells_text(c, 2, top + 1, c->w - 4, i18n_msg(st->ntowns ? MSG("sa_tn_town_prompt")
		                                                        : MSG("sa_tn_no_towns")),
		           st->ntowns ? CELLS_R_NORMAL : CELLS_R_ERROR | CELLS_BOLD, CELLS_ELLIPSIS);
		wgt_list_draw(&st->ltown, c, 2, top + 3, c->w - 4 < 50 ? c->w - 4 : 50, rows - 4);
	} else if (s->ops == &tn_confirm_ops || s->ops == &tn_done_ops) {
		draw_lines(st, c, top, rows);
	} else {
		draw_form(st, c, top, rows);
	}
	if (st->dlg.open) {
		c->cur_visible = 0;
		wgt_dialog_draw(&st->dlg, c);
	}
}

/* Wipe every typed value and the request, free the state. */
static void tn_leave(struct scr_app *app, struct scr *s)
{
	struct tn_st *st = s->st;

	(void)app;
	if (!st)
		return;
	free(st->towns);
	wgt_lines_free(&st->out);
	explicit_bzero(st, sizeof *st);
	free(st);
	s->st = NULL;
}

const struct scr_ops scr_tennyu = {
	.name = "tennyu",
	.title_msgid = MSG("sa_tn_title"),
	.keys = keys_form,
	.needs_session = 1,
	.enter = tn_enter,
	.key = tn_key,
	.tick = NULL,
	.draw = tn_draw,
	.leave = tn_leave,
};

static const struct scr_ops tn_town_ops = {
	.name = "tennyu",
	.title_msgid = MSG("sa_tn_town_title"),
	.keys = keys_town,
	.needs_session = 1,
	.enter = tn_enter,
	.key = tn_key,
	.tick = NULL,
	.draw = tn_draw,
	.leave = tn_leave,
};

static const struct scr_ops tn_confirm_ops = {
	.name = "tennyu",
	.title_msgid = MSG("sa_tn_confirm_title"),
	.keys = keys_confirm,
	.needs_session = 1,
	.enter = tn_enter,
	.key = tn_key,
	.tick = NULL,
	.draw = tn_draw,
	.leave = tn_leave,
};

static const struct scr_ops tn_done_ops = {
	.name = "tennyu",
	.title_msgid = MSG("sa_tn_done_title"),
	.keys = keys_done,
	.needs_session = 1,
	.enter = tn_enter,
	.key = tn_key,
	.tick = NULL,
	.draw = tn_draw,
	.leave = tn_leave,
};
