/*
 * scr_cert.c — the 転出証明書 on screen (see scr_cert.h). The text is laid
 * out once into lines at enter; drawing wraps them to the width, so any
 * terminal size shows the same content, scrolled with the arrow keys.
 */
#include "screens/scr_cert.h"

#include "screens/cells.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_keybar.h"

#include "app/app_ctx.h"
#include "app/view_registry.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_wareki.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ACT_CLOSE = 1 };

static const struct wgt_keybar_item cert_keys[] = {
	{ UI_K_ENTER, ACT_CLOSE, MSG("sa_cert_key_close") },
	{ UI_K_ESC, ACT_CLOSE, NULL },
	{ 0, 0, NULL }
};

#define CERT_LINES 400

struct cert_line {
	char text[600];
	int attr;
};

struct cert_st {
	struct view_registry_cert cert;   /* the header */
	struct cert_line *lines;          /* the text (owned, wiped) */
	int n;
	int scroll;                       /* first line shown */
	int person;                       /* persons laid out so far */
	const char *muni;                 /* issuing municipality (borrowed from ctx) */
};

/* Append a line. */
static void add(struct cert_st *st, int attr, const char *text)
{
	size_t n;

	if (st->n >= CERT_LINES)
		return;
	n = strlen(text);
	if (n >= sizeof st->lines[0].text)
		n = sizeof st->lines[0].text - 1;
	memcpy(st->lines[st->n].text, text, n);
	st->lines[st->n].text[n] = 0;
	st->lines[st->n].attr = attr;
	st->n++;
}

/* Append a catalog line with up to three arguments. */
static void addf(struct cert_st *st, int attr, const char *key, const char *a0, const char *a1,
                 const char *a2)
{
	const char *a[3] = { a0, a1, a2 };
	char line[600];

	if (i18n_msg_format(line, sizeof line, key, 3, a) < 0)
		line[0] = 0;
	add(st, attr, line);
}

/* The catalog text of a 該当/非該当 flag. */
static const char *flag(int on)
{
	return i18n_msg(on ? MSG("sa_cert_flag_yes") : MSG("sa_cert_flag_no"));
}

/* Lay out one certified person (every 令23② item). */
static int cert_person(void *arg, const struct db_resident *r)
{
	struct cert_st *st = arg;
	char no[16], d1[64], d2[64], kojin[32];

	st->person++;
	snprintf(no, sizeof no, "%d", st->person);
	add(st, CELLS_R_NORMAL, "");
	addf(st, CELLS_R_TITLE | CELLS_BOLD | CELLS_UNDERLINE, MSG("sa_cert_person"), no, NULL, NULL);
	addf(st, CELLS_R_NORMAL, MSG("sa_cert_name"), r->name, r->name_kana, NULL);
	addf(st, CELLS_R_NORMAL, MSG("sa_cert_birth"), i18n_wareki_text(r->birth, d1, sizeof d1),
	     i18n_msg(view_registry_sex_msgid(r->sex)), NULL);
	if (strcmp(r->zokugara, "世帯主") == 0)
		addf(st, CELLS_R_NORMAL, MSG("sa_cert_head_self"), NULL, NULL, NULL);
	else
		addf(st, CELLS_R_NORMAL, MSG("sa_cert_head"), r->head_name, r->zokugara, NULL);
	addf(st, CELLS_R_NORMAL, MSG("sa_cert_honseki"), r->honseki, r->hittosha, NULL);
	if (strlen(r->kojin_bango) == 12)
		snprintf(kojin, sizeof kojin, "%.4s %.4s %.4s", r->kojin_bango, r->kojin_bango + 4,
		         r->kojin_bango + 8);
	else
		snprintf(kojin, sizeof kojin, "%s", r->kojin_bango);
	addf(st, CELLS_R_NORMAL, MSG("sa_cert_kojin"), kojin, r->juminhyo_code, NULL);
	addf(st, CELLS_R_NORMAL, MSG("sa_cert_address"), r->addr_text, r->katagaki, NULL);
	addf(st, CELLS_R_NORMAL, MSG("sa_cert_dest"), r->dest_planned,
	     i18n_wareki_text(r->dest_planned_date, d2, sizeof d2), NULL);
	addf(st, CELLS_R_NORMAL, MSG("sa_cert_insurance"), flag(r->kokuho), flag(r->kouki),
	     flag(r->kaigo));
	addf(st, CELLS_R_NORMAL, MSG("sa_cert_nenkin"), r->nenkin_kind[0] ? r->nenkin_kind : "－",
	     r->kiso_nenkin_no[0] ? r->kiso_nenkin_no : "－", NULL);
	addf(st, CELLS_R_NORMAL, MSG("sa_cert_jidou"), flag(r->jidou_teate), NULL, NULL);
	return 0;
}

/* Load the certificate and lay its text out. */
static int cert_enter(struct scr_app *app, struct scr *s)
{
	const long long *serial = s->arg;
	struct cert_st *st;
	char no[32], d[64];
	int rc;

	if (!serial || *serial <= 0)
		return MG_EINVAL;
	st = calloc(1, sizeof *st);
	if (!st)
		return MG_ENOMEM;
	st->lines = calloc(CERT_LINES, sizeof *st->lines);
	if (!st->lines) {
		free(st);
		return MG_ENOMEM;
	}
	st->muni = app->ctx ? app->ctx->muni_name : "";
	add(st, CELLS_R_NORMAL, "");   /* the heading, filled below */
	add(st, CELLS_R_NORMAL, "");
	rc = view_registry_cert(app->ctx, *serial, &st->cert, cert_person, st);
	if (rc) {
		explicit_bzero(st->lines, CERT_LINES * sizeof *st->lines);
		free(st->lines);
		free(st);
		return rc;
	}
	snprintf(no, sizeof no, "%lld", st->cert.serial);
	{
		int n = st->n;

		st->n = 0;
		addf(st, CELLS_R_TITLE | CELLS_BOLD,
		     strcmp(st->cert.kind, "junzuru") == 0 ? MSG("sa_cert_heading_junzuru")
		                                           : MSG("sa_cert_heading"), no, NULL, NULL);
		addf(st, CELLS_R_NORMAL, MSG("sa_cert_issued"), i18n_wareki_text(st->cert.issued_on, d, sizeof d),
		     st->cert.uketsuke_no, NULL);
		st->n = n;
	}
	add(st, CELLS_R_NORMAL, "");
	addf(st, CELLS_R_NORMAL, MSG("sa_cert_attest"), st->muni, i18n_wareki_text(st->cert.issued_on, d, sizeof d),
	     NULL);
	if (strcmp(st->cert.kind, "junzuru") == 0)
		addf(st, CELLS_R_ALERT, MSG("sa_cert_junzuru_note"), NULL, NULL, NULL);
	s->st = st;
	return 0;
}

/* Keys: scroll; Enter or Esc closes. */
static int cert_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct cert_st *st = s->st;
	int old = st->scroll;

	(void)app;
	if (wgt_keybar_match(cert_keys, k) == ACT_CLOSE)
		return SCR_HANDLED | SCR_CLOSE;
	switch (k->code) {
	case UI_K_UP: st->scroll--; break;
	case UI_K_DOWN: st->scroll++; break;
	case UI_K_PGUP: st->scroll -= 10; break;
	case UI_K_PGDN: st->scroll += 10; break;
	case UI_K_HOME: st->scroll = 0; break;
	case UI_K_END: st->scroll = st->n - 1; break;
	default: return 0;
	}
	if (st->scroll > st->n - 1)
		st->scroll = st->n - 1;
	if (st->scroll < 0)
		st->scroll = 0;
	return st->scroll != old ? SCR_HANDLED | SCR_REDRAW : SCR_HANDLED;
}

/* The lines from the scroll position, wrapped; a hint on the last row. */
static void cert_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows)
{
	struct cert_st *st = s->st;
	int y = top;

	(void)app;
	for (int i = st->scroll; i < st->n && y < top + rows - 1; i++)
		y += cells_wrap(c, 2, y, c->w - 4, top + rows - 1 - y, st->lines[i].text,
		                st->lines[i].attr);
	cells_text(c, 2, top + rows - 1, c->w - 4, i18n_msg(MSG("sa_scroll_hint")), CELLS_R_DIM,
	           CELLS_ELLIPSIS);
}

/* Wipe the text and free the state. */
static void cert_leave(struct scr_app *app, struct scr *s)
{
	struct cert_st *st = s->st;

	(void)app;
	if (!st)
		return;
	explicit_bzero(st->lines, CERT_LINES * sizeof *st->lines);
	free(st->lines);
	explicit_bzero(st, sizeof *st);
	free(st);
	s->st = NULL;
}

const struct scr_ops scr_cert = {
	.name = "cert",
	.title_msgid = MSG("sa_cert_title"),
	.keys = cert_keys,
	.needs_session = 1,
	.enter = cert_enter,
	.key = cert_key,
	.tick = NULL,
	.draw = cert_draw,
	.leave = cert_leave,
};
