/*
 * scr_tokurei.c — 特例転入 (see scr_tokurei.h).
 *
 * One screen with one page per step. Each step has its own key table, so the
 * function-key bar always shows what the keys do now: the screen points its
 * stack entry at the step's ops (same handlers, that step's keys).
 */
#include "screens/scr_tokurei.h"

#include "screens/cells.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_dialog.h"
#include "screens/wgt_field.h"
#include "screens/wgt_form.h"
#include "screens/wgt_keybar.h"
#include "screens/wgt_list.h"

#include "app/app_ctx.h"
#include "app/cardflow.h"
#include "app/tokurei.h"
#include "app/view_check.h"
#include "app/view_tokurei.h"
#include "i18n/i18n_date.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_text.h"
#include "i18n/i18n_wareki.h"
#include "i18n/i18n_width.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The steps. */
enum tk_phase {
	PH_WAIT,      /* カードを置いてください */
	PH_PIN,       /* the resident types the PIN */
	PH_CARD,      /* chip 4情報 + verdict, 転入日 */
	PH_CHECK,     /* chip ↔ 転出証明書情報, findings */
	PH_REQUEST,   /* ask the former municipality for the information */
	PH_ADDR,      /* new address, household, 続柄 */
	PH_CONFIRM,   /* every value, F10 commits */
	PH_DONE,      /* 受付番号 and follow-ups */
	PH_COUNT_
};

enum {
	ACT_BACK = 1,   /* Esc: back a step / leave */
	ACT_NEXT,       /* F10: go on */
	ACT_RETRY,      /* F5: open the reader again */
	ACT_REQUEST,    /* F6: request the 転出証明書情報 */
	ACT_PICK,       /* F4: 町字 list */
	ACT_UP,         /* scroll the findings */
	ACT_DOWN,
	ACT_STAY,       /* F6 on a member row: 今回は転入しない / moves after all */
	ACT_CLOSE       /* leave (done page) */
};

/* Questions of the screen's own box (dialog tags). */
enum { TAG_NONE, TAG_LASTTRY, TAG_ALERTS, TAG_DISCARD };

#define TK_POLL_MS 200      /* one card-wait step from the tick handler */
#define TK_PIN_POLL_MS 20   /* the removal check on the PIN page (short: the clerk is typing) */
#define TK_MASK "************"

static const struct wgt_keybar_item keys_wait[] = {
	{ UI_K_F5, ACT_RETRY, MSG("scrb_tk_key_retry") },
	{ UI_K_ESC, ACT_BACK, MSG("scrb_tk_key_cancel") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_pin[] = {
	{ UI_K_F10, ACT_NEXT, MSG("scrb_tk_key_read") },
	{ UI_K_ENTER, ACT_NEXT, NULL },
	{ UI_K_ESC, ACT_BACK, MSG("scrb_tk_key_cancel") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_card[] = {
	{ UI_K_F10, ACT_NEXT, MSG("scrb_tk_key_prepare") },
	{ UI_K_ESC, ACT_BACK, MSG("scrb_tk_key_quit") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_check[] = {
	{ UI_K_F10, ACT_NEXT, MSG("scrb_key_next") },
	{ UI_K_F6, ACT_REQUEST, MSG("scrb_tk_key_request") },
	{ UI_K_UP, ACT_UP, NULL },
	{ UI_K_DOWN, ACT_DOWN, NULL },
	{ UI_K_PGUP, ACT_UP, NULL },
	{ UI_K_PGDN, ACT_DOWN, NULL },
	{ UI_K_ESC, ACT_BACK, MSG("scrb_key_back") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_request[] = {
	{ UI_K_F10, ACT_NEXT, MSG("scrb_tk_key_send_request") },
	{ UI_K_ESC, ACT_BACK, MSG("scrb_key_back") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_addr[] = {
	{ UI_K_F4, ACT_PICK, MSG("scrb_tk_key_town") },
	{ UI_K_F6, ACT_STAY, MSG("scrb_tk_key_stay") },
	{ UI_K_F10, ACT_NEXT, MSG("scrb_key_next") },
	{ UI_K_ESC, ACT_BACK, MSG("scrb_key_back") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_confirm[] = {
	{ UI_K_F10, ACT_NEXT, MSG("scrb_tk_key_commit") },
	{ UI_K_ESC, ACT_BACK, MSG("scrb_key_back") },
	{ 0, 0, NULL }
};

static const struct wgt_keybar_item keys_done[] = {
	{ UI_K_ENTER, ACT_CLOSE, MSG("scrb_tk_key_finish") },
	{ UI_K_ESC, ACT_CLOSE, NULL },
	{ 0, 0, NULL }
};

struct tk_st {
	enum tk_phase ph;               /* the step shown */
	struct cardflow *cf;            /* the reader while waiting / reading (owned) */
	int cf_rc;                      /* the last card problem shown on the wait page (0 none) */
	int wait_absent;                /* 1: the card on the reader was refused; wait for it to go */
	int retries;                    /* PIN attempts left (-1 unknown) */
	int last_try_ok;                /* the clerk confirmed sending the last attempt */
	struct wgt_field pin;           /* the PIN (masked, wiped after every try) */
	struct tokurei_req req;         /* the request being built (holds the card) */
	char expect_kojin[13];          /* a kiosk application's card: the one to be placed here */
	struct tokurei_result res;      /* the last prepare / commit */
	int prepared;                   /* res holds a prepare of the current request */
	int committed;                  /* res holds the commit */
	int requested;                  /* a 転出証明書情報 request was sent */
	struct tokurei_request_status rq; /* the newest request for this card (when not found) */
	/* step 3 */
	struct wgt_field tennyu, todoke;
	struct wgt_form_item card_items[2];
	struct wgt_form card_form;
	/* step 4 */
	int scroll;                     /* first finding shown */
	/* request */
	struct wgt_field from_code;
	struct wgt_form_item req_items[1];
	struct wgt_form req_form;
	/* step 5 */
	struct wgt_field town, banchi, katagaki, setai;
	struct wgt_form_item addr_items[4];
	struct wgt_form addr_form;
	char town_code[16];             /* the 町字 chosen (code) */
	char town_name[128];            /* its name as put in the field */
	char setai_addr[600];           /* the address of the 世帯 joined */
	struct wgt_field zk[WF_MAX_PERSONS]; /* 続柄 per member */
	const char *zk_err[WF_MAX_PERSONS];
	int stay[WF_MAX_PERSONS];       /* 1: member i is not moving in now (法24の2②) */
	int focus_zk;                   /* -1: the address form has the focus */
	int zk_ready;                   /* the 続柄 fields were filled from the information */
	/* the 町字 picker */
	int picking;
	struct db_machiaza *towns;
	int ntowns;
	struct wgt_list tlist;
	/* messages */
	struct wgt_dialog dlg;          /* the screen's questions */
	char msg[WGT_DIALOG_TEXT];      /* a line on the current page ("" none) */
	int msg_attr;
};

static const struct scr_ops tk_ops[PH_COUNT_];

/* Show step ph (its keys in the bar). */
static void tk_go(struct scr *s, struct tk_st *st, enum tk_phase ph)
{
	st->ph = ph;
	s->ops = &tk_ops[ph];
	st->msg[0] = '\0';
}

/* Set the page's message from a key with up to three arguments. */
static void tk_say(struct tk_st *st, const char *key, int n, const char *const *a, int attr)
{
	if (i18n_msg_format(st->msg, sizeof st->msg, key, n, a) < 0)
		st->msg[0] = '\0';
	st->msg_attr = attr;
}

/* The catalog key of a 性別 code. */
static const char *tk_sex(const char *sex)
{
	switch (sex[0]) {
	case '1': return MSG("card_sex_1");
	case '2': return MSG("card_sex_2");
	case '9': return MSG("card_sex_9");
	default: return MSG("card_sex_0");
	}
}

/* Close the reader (after a read, or when the screen is left). */
static void tk_close_reader(struct tk_st *st)
{
	cardflow_close(st->cf);
	st->cf = NULL;
}

/* Wipe the read card and everything derived from it. */
static void tk_wipe_card(struct tk_st *st)
{
	explicit_bzero(&st->req, sizeof st->req);
	explicit_bzero(&st->res, sizeof st->res);
	st->prepared = st->committed = 0;
	st->zk_ready = 0;
	memset(st->stay, 0, sizeof st->stay);
	for (int i = 0; i < WF_MAX_PERSONS; i++)
		wgt_field_wipe(&st->zk[i]);
}

/* Set up every field and form. */
static void tk_init_forms(struct tk_st *st)
{
	wgt_field_init(&st->pin, WGT_FIELD_MASKED, 8);
	wgt_field_init(&st->tennyu, WGT_FIELD_DATE, 64);
	wgt_field_init(&st->todoke, WGT_FIELD_DATE, 64);
	st->card_items[0] = (struct wgt_form_item){ .label_msgid = MSG("scrb_tk_tennyu_date"),
	                                             .field = &st->tennyu, .width = 24,
	                                             .required = 1 };
	st->card_items[1] = (struct wgt_form_item){ .label_msgid = MSG("scrb_tk_todoke_date"),
	                                             .field = &st->todoke, .width = 24,
	                                             .hint_msgid = MSG("scrb_tk_todoke_hint") };
	wgt_form_init(&st->card_form, st->card_items, 2);
	wgt_field_init(&st->from_code, WGT_FIELD_DIGITS, 16);
	st->req_items[0] = (struct wgt_form_item){ .label_msgid = MSG("scrb_tk_from_code"),
	                                            .field = &st->from_code, .width = 10,
	                                            .required = 1,
	                                            .hint_msgid = MSG("scrb_tk_from_code_hint") };
	wgt_form_init(&st->req_form, st->req_items, 1);
	wgt_field_init(&st->town, WGT_FIELD_TEXT, 120);
	wgt_field_init(&st->banchi, WGT_FIELD_TEXT, 120);
	wgt_field_init(&st->katagaki, WGT_FIELD_TEXT, 200);
	wgt_field_init(&st->setai, WGT_FIELD_DIGITS, DB_ID_CAP - 1);
	st->addr_items[0] = (struct wgt_form_item){ .label_msgid = MSG("scrb_tk_town"),
	                                             .field = &st->town, .width = 28, .required = 1,
	                                             .hint_msgid = MSG("scrb_tk_town_hint") };
	st->addr_items[1] = (struct wgt_form_item){ .label_msgid = MSG("scrb_tk_banchi"),
	                                             .field = &st->banchi, .width = 28,
	                                             .required = 1 };
	st->addr_items[2] = (struct wgt_form_item){ .label_msgid = MSG("scrb_tk_katagaki"),
	                                             .field = &st->katagaki, .width = 28 };
	st->addr_items[3] = (struct wgt_form_item){ .label_msgid = MSG("scrb_tk_setai"),
	                                             .field = &st->setai, .width = 14,
	                                             .hint_msgid = MSG("scrb_tk_setai_hint") };
	wgt_form_init(&st->addr_form, st->addr_items, 4);
	for (int i = 0; i < WF_MAX_PERSONS; i++)
		wgt_field_init(&st->zk[i], WGT_FIELD_TEXT, 60);
	st->focus_zk = -1;
	st->retries = -1;
}

/* Open the screen: at the card wait, or at step 3 with a card read elsewhere. */
/* Forward: put a 町字 into the address form. */
static void tk_set_town(struct tk_st *st, const struct db_machiaza *m);

static int tk_enter(struct scr_app *app, struct scr *s)
{
	struct tk_st *st = calloc(1, sizeof *st);

	if (!st)
		return MG_ENOMEM;
	tk_init_forms(st);
	s->st = st;
	if (s->arg) {
		/* A prepared request (a kiosk application): the card is read, the
		 * resident's answers fill the dates and the new address. */
		const struct tokurei_req *q = s->arg;
		struct db_machiaza m;

		st->req = *q;
		if (q->tennyu_date[0])
			wgt_field_set(&st->tennyu, q->tennyu_date);
		if (q->addr_code[0] && view_tokurei_town(app->ctx, q->addr_code, &m) == 0)
			tk_set_town(st, &m);
		if (q->banchi[0])
			wgt_field_set(&st->banchi, q->banchi);
		if (q->katagaki[0])
			wgt_field_set(&st->katagaki, q->katagaki);
		if (q->join_setai[0])
			wgt_field_set(&st->setai, q->join_setai);
		/* The card must still be placed and read here: the 特例 needs it
		 * submitted with the 転入届 (令24の2①三), and it must be the card the
		 * resident used at the kiosk. */
		memcpy(st->expect_kojin, q->card.kojin_bango, sizeof st->expect_kojin);
		memset(&st->req.card, 0, sizeof st->req.card);
		st->req.card_submitted = 0;
		tk_go(s, st, PH_WAIT);
	} else {
		tk_go(s, st, PH_WAIT);
	}
	return 0;
}

/* ---- step 1: waiting for the card --------------------------------------- */

/* Codes after which the card on the reader is refused until it is taken away. */
static int tk_refused(int rc)
{
	return rc == MG_ECARD_NOTMYNA || rc == MG_ECARD_DATA || rc == MG_ECARD_MYNUMBER ||
	       rc == MG_ECARD_SW || rc == MG_ECARD_SECURITY || rc == MG_ECARD_NOFILE ||
	       rc == MG_ECARD_UNRESPONSIVE;
}

/* One step of the wait: open the reader, poll for the card, query the tries. */
static int tk_poll(struct scr_app *app, struct scr *s, struct tk_st *st)
{
	int rc, left = -1, before = st->cf_rc;

	if (!st->cf) {
		rc = cardflow_open(app->ctx, NULL, &st->cf);
		if (rc) {
			st->cf_rc = rc;
			return before != rc ? SCR_REDRAW : 0;
		}
	}
	if (st->wait_absent) {
		rc = cardflow_wait(st->cf, 0, TK_POLL_MS);
		if (rc == 0) {
			st->wait_absent = 0;
			return SCR_REDRAW;
		}
	} else {
		rc = cardflow_wait(st->cf, 1, TK_POLL_MS);
		if (rc == 0) {
			rc = cardflow_retries(st->cf, &left);
			if (rc == 0) {
				st->cf_rc = 0;
				st->retries = left;
				st->last_try_ok = 0;
				wgt_field_clear(&st->pin);
				tk_go(s, st, PH_PIN);
				return SCR_REDRAW;
			}
			if (tk_refused(rc))
				st->wait_absent = 1;
		}
	}
	if (rc == MG_ECARD_TIMEOUT)
		return 0;
	if (rc != 0 && !tk_refused(rc) && rc != MG_ECARD_REMOVED && rc != MG_ECARD_NOCARD)
		tk_close_reader(st);   /* the service or the reader went away: open again */
	st->cf_rc = rc;
	return before != rc ? SCR_REDRAW : 0;
}

/* ---- step 2: the PIN ----------------------------------------------------- */

/* Back to the card wait after a failed read, with its message. */
static void tk_back_to_wait(struct scr *s, struct tk_st *st, int rc)
{
	st->cf_rc = rc;
	if (tk_refused(rc))
		st->wait_absent = 1;
	else if (rc != MG_ECARD_REMOVED && rc != MG_ECARD_NOCARD && rc != MG_ECARD_RESET)
		tk_close_reader(st);
	wgt_field_wipe(&st->pin);
	tk_go(s, st, PH_WAIT);
}

/* Read the card with the typed PIN; the PIN is wiped whatever happens. */
static int tk_read(struct scr_app *app, struct scr *s, struct tk_st *st)
{
	struct tokurei_card card;
	const char *v = wgt_field_value(&st->pin);
	char pin[8], n[16];
	const char *a[1] = { n };
	int rc, left = -1;

	(void)app;
	if (st->retries == 0) {
		wgt_field_wipe(&st->pin);
		tk_say(st, MSG("scrb_tk_pin_blocked"), 0, NULL, CELLS_R_ERROR | CELLS_BOLD);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (strlen(v) != 4 || strspn(v, "0123456789") != 4) {
		wgt_field_wipe(&st->pin);
		tk_say(st, MSG("scrb_tk_pin_format"), 0, NULL, CELLS_R_ERROR | CELLS_BOLD);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (st->retries <= 1 && !st->last_try_ok) {
		/* One attempt left (or not known): only with the clerk's explicit yes. */
		wgt_dialog_open(&st->dlg, WGT_DIALOG_ALERT, MSG("scrb_tk_lasttry_title"),
		                st->retries == 1 ? MSG("scrb_tk_lasttry_q") : MSG("scrb_tk_unknown_q"),
		                MSG("scrb_tk_lasttry_remedy"), TAG_LASTTRY);
		return SCR_HANDLED | SCR_REDRAW;
	}
	memcpy(pin, v, 5);
	wgt_field_wipe(&st->pin);
	rc = st->cf ? cardflow_read(st->cf, pin, st->last_try_ok, &card, &left) : MG_ECARD_NOCARD;
	explicit_bzero(pin, sizeof pin);
	st->last_try_ok = 0;
	st->retries = left;
	snprintf(n, sizeof n, "%d", left);
	switch (rc) {
	case 0:
		if (st->expect_kojin[0] && strcmp(card.kojin_bango, st->expect_kojin) != 0) {
			/* Not the card of the kiosk application being processed. */
			explicit_bzero(&card, sizeof card);
			tk_close_reader(st);
			tk_go(s, st, PH_WAIT);
			tk_say(st, MSG("scrb_tk_other_card"), 0, NULL, CELLS_R_ERROR | CELLS_BOLD);
			break;
		}
		tk_wipe_card(st);
		st->req.card = card;
		st->req.card_submitted = 1;
		explicit_bzero(&card, sizeof card);
		tk_close_reader(st);
		tk_go(s, st, PH_CARD);
		break;
	case MG_ECARD_PIN_WRONG:
		tk_say(st, left == 1 ? MSG("scrb_tk_pin_wrong_last") : MSG("scrb_tk_pin_wrong"), 1, a,
		       CELLS_R_ERROR | CELLS_BOLD);
		break;
	case MG_ECARD_PIN_BLOCKED:
		st->retries = 0;
		tk_say(st, MSG("scrb_tk_pin_blocked"), 0, NULL, CELLS_R_ERROR | CELLS_BOLD);
		break;
	case MG_ECARD_PIN_LASTTRY:
		st->retries = 1;
		tk_say(st, MSG("rc_card_pin_lasttry"), 0, NULL, CELLS_R_ALERT | CELLS_BOLD);
		break;
	case MG_ECARD_PIN_FORMAT:
		tk_say(st, MSG("scrb_tk_pin_format"), 0, NULL, CELLS_R_ERROR | CELLS_BOLD);
		break;
	default:
		explicit_bzero(&card, sizeof card);
		tk_back_to_wait(s, st, rc);
		break;
	}
	return SCR_HANDLED | SCR_REDRAW;
}

/* ---- step 3 → 4: prepare ---------------------------------------------- */

/* Fill the 続柄 fields from the 転出証明書情報 (once per card read). */
static void tk_fill_zokugara(struct tk_st *st)
{
	if (st->zk_ready)
		return;
	for (int i = 0; i < st->res.n && i < WF_MAX_PERSONS; i++)
		wgt_field_set(&st->zk[i], st->res.member[i].zokugara);
	st->zk_ready = st->res.n > 0;
}

/* The state of the request for this card when no information was found
 * (a refusal received by the delivery shows on the check page). */
static void tk_request_state(struct scr_app *app, struct tk_st *st)
{
	memset(&st->rq, 0, sizeof st->rq);
	if (!st->res.found &&
	    tokurei_request_status(app->ctx, st->req.card.kojin_bango, &st->rq) != 0)
		memset(&st->rq, 0, sizeof st->rq);
}

/* Check the dates and run tokurei_prepare; show the comparison. */
static int tk_prepare(struct scr_app *app, struct scr *s, struct tk_st *st)
{
	int rc;

	if (wgt_form_check(&st->card_form) != 0)
		return SCR_HANDLED | SCR_REDRAW;
	i18n_date_format_iso(st->tennyu.day, st->req.tennyu_date);
	if (st->todoke.len > 0)
		i18n_date_format_iso(st->todoke.day, st->req.todoke_date);
	else
		st->req.todoke_date[0] = '\0';
	st->req.alerts_acknowledged = 0;
	rc = tokurei_prepare(app->ctx, &st->req, &st->res);
	if (rc != 0) {
		st->prepared = 0;
		wgt_dialog_open_rc(&app->dialog, MSG("scrb_tk_title"), rc, 0);
		return SCR_HANDLED | SCR_REDRAW;
	}
	st->prepared = 1;
	st->scroll = 0;
	tk_request_state(app, st);
	tk_fill_zokugara(st);
	tk_go(s, st, PH_CHECK);
	return SCR_HANDLED | SCR_REDRAW;
}

/* The texts of every finding of a level, one per line, into out. */
static void tk_findings_text(const struct check_list *l, enum check_level level, char *out,
                             size_t cap)
{
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < l->n && len + 2 < cap; i++) {
		if (l->item[i].level != level)
			continue;
		if (len) {
			out[len++] = '\n';
			out[len] = '\0';
		}
		view_check_text(&l->item[i], out + len, cap - len);
		len += strlen(out + len);
	}
}

/* Step 4 F10: errors block, alerts need an acknowledgement, then the address. */
static int tk_check_next(struct scr_app *app, struct scr *s, struct tk_st *st)
{
	char text[WGT_DIALOG_TEXT], q[256], n[16];
	const char *a[1] = { n };
	int errors = check_count(&st->res.checks, CHECK_ERROR);
	int alerts = check_count(&st->res.checks, CHECK_ALERT);

	if (errors > 0 || !st->res.found) {
		tk_findings_text(&st->res.checks, CHECK_ERROR, text, sizeof text);
		wgt_dialog_open_text(&app->dialog, WGT_DIALOG_ERROR, MSG("scrb_tk_blocked_title"),
		                     text, i18n_msg(st->res.found ? MSG("scrb_tk_blocked_remedy")
		                                    : st->rq.state == TOKUREI_REQ_REFUSED
		                                    ? MSG("scrb_tk_refused_remedy")
		                                    : MSG("scrb_tk_request_hint")), 0);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (alerts > 0 && !st->req.alerts_acknowledged) {
		snprintf(n, sizeof n, "%d", alerts);
		if (i18n_msg_format(q, sizeof q, MSG("scrb_tk_alerts_q"), 1, a) < 0)
			q[0] = '\0';
		tk_findings_text(&st->res.checks, CHECK_ALERT, text, sizeof text);
		wgt_dialog_open_text(&st->dlg, WGT_DIALOG_ALERT, MSG("scrb_tk_alerts_title"), q, text,
		                     TAG_ALERTS);
		return SCR_HANDLED | SCR_REDRAW;
	}
	st->focus_zk = -1;
	tk_go(s, st, PH_ADDR);
	return SCR_HANDLED | SCR_REDRAW;
}

/* Request page F10: tokurei_request to the code typed. */
static int tk_request(struct scr_app *app, struct scr *s, struct tk_st *st)
{
	int rc;

	if (wgt_form_check(&st->req_form) != 0)
		return SCR_HANDLED | SCR_REDRAW;
	/* 法24の2⑤: the card's 氏名, 生年月日, 性別 and the 転入日 go with the number. */
	rc = tokurei_request(app->ctx, &st->req.card, st->from_code.digits, st->req.tennyu_date);
	if (rc == MG_EINVAL) {
		st->req_items[0].error_msgid = MSG("scrb_tk_from_code_bad");
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (rc != 0) {
		wgt_dialog_open_rc(&app->dialog, MSG("scrb_tk_request_title"), rc, 0);
		return SCR_HANDLED | SCR_REDRAW;
	}
	st->requested = 1;
	tk_request_state(app, st);
	tk_go(s, st, PH_CHECK);
	tk_say(st, MSG("scrb_tk_requested"), 0, NULL, CELLS_R_INFO | CELLS_BOLD);
	return SCR_HANDLED | SCR_REDRAW;
}

/* ---- step 5: address and household ----------------------------------- */

/* Put the 町字 picked or found into the field. */
static void tk_set_town(struct tk_st *st, const struct db_machiaza *m)
{
	snprintf(st->town_code, sizeof st->town_code, "%s", m->code);
	snprintf(st->town_name, sizeof st->town_name, "%s", m->name);
	wgt_field_set(&st->town, m->name);
	st->town.changed = 1;
	st->addr_items[0].error_msgid = NULL;
}

/* The text of picker row i: name and reading. */
static void tk_town_row(void *arg, int i, char *buf, size_t cap)
{
	const struct tk_st *st = arg;

	snprintf(buf, cap, "%s  %s", st->towns[i].name, st->towns[i].kana);
}

/* Open the 町字 picker. */
static int tk_pick(struct scr_app *app, struct tk_st *st)
{
	int rc;

	if (!st->towns) {
		rc = view_tokurei_towns(app->ctx, &st->towns, &st->ntowns);
		if (rc != 0) {
			wgt_dialog_open_rc(&app->dialog, MSG("scrb_tk_title"), rc, 0);
			return SCR_HANDLED | SCR_REDRAW;
		}
	}
	wgt_list_init(&st->tlist, st->ntowns, tk_town_row, st);
	for (int i = 0; i < st->ntowns; i++)
		if (strcmp(st->towns[i].code, st->town_code) == 0)
			st->tlist.sel = i;
	st->picking = 1;
	return SCR_HANDLED | SCR_REDRAW;
}

/* Keys of the open picker: the list, Enter chooses, Esc closes. */
static int tk_pick_key(struct tk_st *st, const struct ui_key *k)
{
	int r;

	if (k->code == UI_K_ESC) {
		st->picking = 0;
		return SCR_HANDLED | SCR_REDRAW;
	}
	r = wgt_list_key(&st->tlist, k);
	if ((r & WGT_SUBMIT) && st->ntowns > 0) {
		tk_set_town(st, &st->towns[st->tlist.sel]);
		st->picking = 0;
		st->addr_form.focus = 1;
	}
	return SCR_HANDLED | SCR_REDRAW;
}

/* Copy text into a smaller buffer, cut at a character boundary. */
static void tk_copy(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* The request's members not moving in now, by their 転出証明書情報's msg_id. */
static void tk_set_not_moving(struct tk_st *st)
{
	int k = 0;

	memset(st->req.not_moving, 0, sizeof st->req.not_moving);
	for (int i = 1; i < st->res.n && i < WF_MAX_PERSONS; i++)
		if (st->stay[i])
			tk_copy(st->req.not_moving[k++], sizeof st->req.not_moving[0],
			        st->res.member[i].msg_id);
}

/* F6 on a member row: mark "今回は転入しない", or take the mark back. */
static int tk_toggle_stay(struct tk_st *st)
{
	int i = st->focus_zk;

	if (i < 0 || i >= st->res.n) {
		tk_say(st, MSG("scrb_tk_stay_pick_row"), 0, NULL, CELLS_R_ALERT | CELLS_BOLD);
	} else if (i == 0) {
		/* The card holder files the 転入届: he always moves. */
		tk_say(st, MSG("scrb_tk_stay_holder"), 0, NULL, CELLS_R_ALERT | CELLS_BOLD);
	} else {
		st->stay[i] = !st->stay[i];
		st->zk_err[i] = NULL;
		st->msg[0] = '\0';
	}
	return SCR_HANDLED | SCR_REDRAW;
}

/* Check the address page and build the request's address part. */
static int tk_addr_next(struct scr_app *app, struct scr *s, struct tk_st *st)
{
	struct db_machiaza m;
	int bad = wgt_form_check(&st->addr_form), rc;

	if (st->addr_items[0].error_msgid == NULL &&
	    !(st->town_code[0] && strcmp(wgt_field_value(&st->town), st->town_name) == 0)) {
		rc = view_tokurei_town(app->ctx, wgt_field_value(&st->town), &m);
		if (rc == 0) {
			tk_set_town(st, &m);
		} else if (rc == MG_ENOTFOUND) {
			st->town_code[0] = '\0';
			st->addr_items[0].error_msgid = MSG("scrb_tk_town_unknown");
			bad++;
		} else {
			wgt_dialog_open_rc(&app->dialog, MSG("scrb_tk_title"), rc, 0);
			return SCR_HANDLED | SCR_REDRAW;
		}
	}
	st->setai_addr[0] = '\0';
	if (st->addr_items[3].error_msgid == NULL && st->setai.digits[0] && st->setai.len > 0) {
		rc = view_tokurei_household(app->ctx, st->setai.digits, st->setai_addr,
		                            sizeof st->setai_addr);
		if (rc == MG_ENOTFOUND) {
			st->addr_items[3].error_msgid = MSG("scrb_tk_setai_unknown");
			bad++;
		} else if (rc != 0) {
			wgt_dialog_open_rc(&app->dialog, MSG("scrb_tk_title"), rc, 0);
			return SCR_HANDLED | SCR_REDRAW;
		}
	}
	for (int i = 0; i < st->res.n; i++) {
		st->zk_err[i] = NULL;
		if (!st->stay[i] && !wgt_field_value(&st->zk[i])[0]) {
			st->zk_err[i] = MSG("ui_field_required");
			if (!bad)
				st->focus_zk = i;
			bad++;
		}
	}
	if (bad) {
		if (st->focus_zk >= 0 && st->zk_err[st->focus_zk] == NULL)
			st->focus_zk = -1;
		return SCR_HANDLED | SCR_REDRAW;
	}
	snprintf(st->req.addr_code, sizeof st->req.addr_code, "%s", st->town_code);
	tk_copy(st->req.banchi, sizeof st->req.banchi, wgt_field_value(&st->banchi));
	tk_copy(st->req.katagaki, sizeof st->req.katagaki, wgt_field_value(&st->katagaki));
	tk_copy(st->req.join_setai, sizeof st->req.join_setai,
	        st->setai.len > 0 ? st->setai.digits : "");
	for (int i = 0; i < WF_MAX_PERSONS; i++)
		tk_copy(st->req.zokugara[i], sizeof st->req.zokugara[i],
		        i < st->res.n ? wgt_field_value(&st->zk[i]) : "");
	tk_set_not_moving(st);
	tk_go(s, st, PH_CONFIRM);
	return SCR_HANDLED | SCR_REDRAW;
}

/* Keys of the address page that move between the form and the 続柄 fields. */
static int tk_addr_key(struct tk_st *st, const struct ui_key *k)
{
	int n = st->res.n, r;
	int fwd = k->code == UI_K_TAB || k->code == UI_K_DOWN || k->code == UI_K_ENTER;
	int back = k->code == UI_K_BTAB || k->code == UI_K_UP;

	if (st->focus_zk < 0) {
		if (fwd && st->addr_form.focus == st->addr_form.n - 1 && n > 0) {
			st->focus_zk = 0;
			return SCR_HANDLED | SCR_REDRAW;
		}
		if (back && st->addr_form.focus == 0 && n > 0) {
			st->focus_zk = n - 1;
			return SCR_HANDLED | SCR_REDRAW;
		}
		r = wgt_form_key(&st->addr_form, k);
		if (st->addr_form.focus == 0 && (r & WGT_CHANGED))
			st->town_code[0] = '\0';
		return r ? SCR_HANDLED | SCR_REDRAW : 0;
	}
	if (fwd) {
		if (++st->focus_zk >= n) {
			st->focus_zk = -1;
			st->addr_form.focus = 0;
		}
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (back) {
		if (--st->focus_zk < 0)
			st->addr_form.focus = st->addr_form.n - 1;
		return SCR_HANDLED | SCR_REDRAW;
	}
	r = wgt_field_key(&st->zk[st->focus_zk], k);
	if (r & WGT_CHANGED)
		st->zk_err[st->focus_zk] = NULL;
	return r ? SCR_HANDLED | SCR_REDRAW : 0;
}

/* ---- step 6: commit ----------------------------------------------------- */

/* F10 on the confirmation: tokurei_commit; a refusal goes back to the findings. */
static int tk_commit(struct scr_app *app, struct scr *s, struct tk_st *st)
{
	char text[WGT_DIALOG_TEXT];
	int rc;

	rc = tokurei_commit(app->ctx, &st->req, &st->res);
	if (rc == 0) {
		st->committed = 1;
		tk_go(s, st, PH_DONE);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (rc == MG_ERULE) {
		st->prepared = 1;
		st->scroll = 0;
		tk_findings_text(&st->res.checks, CHECK_ERROR, text, sizeof text);
		if (!text[0])
			tk_findings_text(&st->res.checks, CHECK_ALERT, text, sizeof text);
		tk_go(s, st, PH_CHECK);
		wgt_dialog_open_text(&app->dialog, WGT_DIALOG_ERROR, MSG("scrb_tk_blocked_title"),
		                     text, i18n_msg(MSG("scrb_tk_blocked_remedy")), 0);
		return SCR_HANDLED | SCR_REDRAW;
	}
	wgt_dialog_open_rc(&app->dialog, MSG("scrb_tk_title"), rc, 0);
	return SCR_HANDLED | SCR_REDRAW;
}

/* ---- keys ---------------------------------------------------------------- */

/* The answer to one of the screen's questions. */
static int tk_answer(struct scr_app *app, struct scr *s, struct tk_st *st)
{
	int yes = st->dlg.answer == WGT_ANSWER_YES;

	switch (st->dlg.tag) {
	case TAG_LASTTRY:
		if (yes) {
			st->last_try_ok = 1;
			return tk_read(app, s, st);
		}
		wgt_field_wipe(&st->pin);
		tk_say(st, MSG("scrb_tk_lasttry_cancelled"), 0, NULL, CELLS_R_ALERT);
		break;
	case TAG_ALERTS:
		if (yes) {
			st->req.alerts_acknowledged = 1;
			return tk_check_next(app, s, st);
		}
		break;
	case TAG_DISCARD:
		if (yes)
			return SCR_HANDLED | SCR_CLOSE;
		break;
	default:
		break;
	}
	return SCR_HANDLED | SCR_REDRAW;
}

/* Esc: back one step, or leave (asking when read data would be discarded). */
static int tk_back(struct scr *s, struct tk_st *st)
{
	switch (st->ph) {
	case PH_CHECK:
		tk_go(s, st, PH_CARD);
		break;
	case PH_REQUEST:
		tk_go(s, st, PH_CHECK);
		break;
	case PH_ADDR:
		tk_go(s, st, PH_CHECK);
		break;
	case PH_CONFIRM:
		tk_go(s, st, PH_ADDR);
		break;
	case PH_CARD:
		wgt_dialog_open(&st->dlg, WGT_DIALOG_CONFIRM, MSG("scrb_tk_title"),
		                MSG("scrb_tk_discard_q"), NULL, TAG_DISCARD);
		break;
	default:
		return SCR_HANDLED | SCR_CLOSE;
	}
	return SCR_HANDLED | SCR_REDRAW;
}

/* Keys: the question first, the picker, then the step's table, then its fields. */
static int tk_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct tk_st *st = s->st;
	int act, r;

	if (st->dlg.open) {
		if (wgt_dialog_key(&st->dlg, k) & WGT_CLOSED)
			return tk_answer(app, s, st);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (st->ph == PH_ADDR && st->picking)
		return tk_pick_key(st, k);
	act = wgt_keybar_match(s->ops->keys, k);
	switch (act) {
	case ACT_BACK:
		return tk_back(s, st);
	case ACT_CLOSE:
		return SCR_HANDLED | SCR_CLOSE;
	case ACT_RETRY:
		tk_close_reader(st);
		st->cf_rc = 0;
		st->wait_absent = 0;
		return SCR_HANDLED | SCR_REDRAW | tk_poll(app, s, st);
	case ACT_UP:
		if (st->scroll > 0)
			st->scroll--;
		return SCR_HANDLED | SCR_REDRAW;
	case ACT_DOWN:
		if (st->scroll + 1 < st->res.checks.n)
			st->scroll++;
		return SCR_HANDLED | SCR_REDRAW;
	case ACT_REQUEST:
		if (st->res.found) {
			tk_say(st, MSG("scrb_tk_request_not_needed"), 0, NULL, CELLS_R_ALERT);
			return SCR_HANDLED | SCR_REDRAW;
		}
		wgt_form_init(&st->req_form, st->req_items, 1);
		tk_go(s, st, PH_REQUEST);
		return SCR_HANDLED | SCR_REDRAW;
	case ACT_PICK:
		return tk_pick(app, st);
	case ACT_STAY:
		return tk_toggle_stay(st);
	case ACT_NEXT:
		switch (st->ph) {
		case PH_PIN:
			return tk_read(app, s, st);
		case PH_CARD:
			return tk_prepare(app, s, st);
		case PH_CHECK:
			return tk_check_next(app, s, st);
		case PH_REQUEST:
			return tk_request(app, s, st);
		case PH_ADDR:
			return tk_addr_next(app, s, st);
		case PH_CONFIRM:
			return tk_commit(app, s, st);
		default:
			return 0;
		}
	default:
		break;
	}
	switch (st->ph) {
	case PH_PIN:
		r = wgt_field_key(&st->pin, k);
		return r ? SCR_HANDLED | SCR_REDRAW : 0;
	case PH_CARD:
		r = wgt_form_key(&st->card_form, k);
		if (r & WGT_SUBMIT)
			return tk_prepare(app, s, st);
		return r ? SCR_HANDLED | SCR_REDRAW : 0;
	case PH_REQUEST:
		r = wgt_form_key(&st->req_form, k);
		if (r & WGT_SUBMIT)
			return tk_request(app, s, st);
		return r ? SCR_HANDLED | SCR_REDRAW : 0;
	case PH_ADDR:
		return tk_addr_key(st, k);
	default:
		return 0;
	}
}

/* Time passes: poll for the card; a half-typed PIN does not outlive the idle time. */
static int tk_tick(struct scr_app *app, struct scr *s)
{
	struct tk_st *st = s->st;
	int lk = scr_idle_lock_seconds(app);

	if (st->dlg.open)
		return 0;
	if (st->ph == PH_WAIT)
		return tk_poll(app, s, st);
	/* the card taken away (or swapped) on the PIN page: its tries no longer hold */
	if (st->ph == PH_PIN && st->cf && cardflow_wait(st->cf, 0, TK_PIN_POLL_MS) == 0) {
		tk_back_to_wait(s, st, MG_ECARD_REMOVED);
		return SCR_REDRAW;
	}
	if (st->ph == PH_PIN && st->pin.len > 0 && lk > 0 && app->now - app->last_input >= lk) {
		wgt_field_wipe(&st->pin);
		return SCR_REDRAW;
	}
	return 0;
}

/* ---- drawing ------------------------------------------------------------ */

#define TK_LW 14   /* label column of the value rows */

/* One "label  value" row. */
static void tk_kv(struct cells *c, int x, int y, int w, const char *label_msgid,
                  const char *value, int attr)
{
	cells_text(c, x, y, TK_LW, i18n_msg(label_msgid), CELLS_R_LABEL, CELLS_ELLIPSIS);
	cells_text(c, x + TK_LW + 1, y, w - TK_LW - 1, value, attr, CELLS_ELLIPSIS);
}

/* The page's message line(s) from row y; returns the rows used. */
static int tk_draw_msg(const struct tk_st *st, struct cells *c, int x, int y, int w, int end)
{
	if (!st->msg[0] || y >= end)
		return 0;
	return cells_wrap(c, x, y, w, end - y, st->msg, st->msg_attr);
}

/* The catalog text of the verdict. */
static const char *tk_verdict_msgid(enum tokurei_verdict v)
{
	switch (v) {
	case TOKUREI_GENUINE: return MSG("scrb_tk_verdict_genuine");
	case TOKUREI_NOT_GENUINE: return MSG("scrb_tk_verdict_not_genuine");
	case TOKUREI_UNKNOWN_CA: return MSG("scrb_tk_verdict_unknown_ca");
	default: return MSG("scrb_tk_verdict_unchecked");
	}
}

/* Step 1. */
static void tk_draw_wait(const struct tk_st *st, struct cells *c, int x, int y, int w, int end)
{
	cells_text(c, x, y + 1, w, i18n_msg(MSG("scrb_tk_place_card")), CELLS_R_TITLE | CELLS_BOLD,
	           CELLS_ELLIPSIS);
	y += 3;
	y += cells_wrap(c, x, y, w, 3, i18n_msg(MSG("scrb_tk_place_card_help")), CELLS_R_NORMAL) + 1;
	if (st->wait_absent) {
		y += cells_wrap(c, x, y, w, end - y, i18n_msg(mg_rc_msgid(st->cf_rc)),
		                CELLS_R_ERROR | CELLS_BOLD);
		cells_wrap(c, x, y, w, end - y, i18n_msg(MSG("scrb_tk_remove_card")),
		           CELLS_R_ALERT | CELLS_BOLD);
	} else if (st->cf_rc && st->cf_rc != MG_ECARD_TIMEOUT) {
		y += cells_wrap(c, x, y, w, end - y, i18n_msg(mg_rc_msgid(st->cf_rc)),
		                CELLS_R_ERROR | CELLS_BOLD);
		cells_wrap(c, x, y, w, end - y, i18n_msg(MSG("scrb_tk_waiting_again")), CELLS_R_DIM);
	} else {
		cells_text(c, x, y, w, i18n_msg(MSG("scrb_tk_waiting")), CELLS_R_DIM, CELLS_ELLIPSIS);
	}
}

/* Step 2. */
static void tk_draw_pin(const struct tk_st *st, struct cells *c, int x, int y, int w, int end)
{
	char n[16], line[512];
	const char *a[1] = { n };
	int fx;

	y += 1 + cells_wrap(c, x, y + 1, w, 3, i18n_msg(MSG("scrb_tk_pin_prompt")), CELLS_R_NORMAL);
	y++;
	fx = x + 2 + cells_text(c, x + 2, y, 20, i18n_msg(MSG("scrb_tk_pin")), CELLS_R_LABEL,
	                        CELLS_ELLIPSIS) + 2;
	wgt_field_draw(&st->pin, c, fx, y, 8, !st->dlg.open);
	y += 2;
	snprintf(n, sizeof n, "%d", st->retries);
	if (st->retries < 0)
		snprintf(line, sizeof line, "%s", i18n_msg(MSG("scrb_tk_tries_unknown")));
	else if (i18n_msg_format(line, sizeof line, MSG("scrb_tk_tries"), 1, a) < 0)
		line[0] = '\0';
	cells_text(c, x + 2, y++, w - 2, line,
	           st->retries == 1 || st->retries == 0 ? CELLS_R_ALERT | CELLS_BOLD : CELLS_R_NORMAL,
	           CELLS_ELLIPSIS);
	if (st->retries == 1)
		y += cells_wrap(c, x + 2, y, w - 2, 3, i18n_msg(MSG("scrb_tk_last_try_warning")),
		                CELLS_R_ALERT | CELLS_BOLD);
	else if (st->retries == 0)
		y += cells_wrap(c, x + 2, y, w - 2, 3, i18n_msg(MSG("scrb_tk_pin_blocked")),
		                CELLS_R_ERROR | CELLS_BOLD);
	tk_draw_msg(st, c, x, y + 1, w, end);
}

/* The chip's data (step 3 and the confirmation). Returns the rows used. */
static int tk_draw_chip(const struct tk_st *st, struct cells *c, int x, int y, int w)
{
	const struct tokurei_card *k = &st->req.card;
	char d[128];
	int r = 0;

	tk_kv(c, x, y + r++, w, MSG("scrb_tk_name"), k->name, CELLS_R_NORMAL);
	tk_kv(c, x, y + r++, w, MSG("scrb_tk_address"), k->address, CELLS_R_NORMAL);
	i18n_wareki_text(k->birth, d, sizeof d);
	tk_kv(c, x, y + r++, w, MSG("scrb_tk_birth"), d, CELLS_R_NORMAL);
	tk_kv(c, x, y + r++, w, MSG("scrb_tk_sex"), i18n_msg(tk_sex(k->sex)), CELLS_R_NORMAL);
	tk_kv(c, x, y + r++, w, MSG("scrb_tk_kojin"), k->kojin_bango[0] ? TK_MASK : "",
	      CELLS_R_NORMAL);
	if (k->card_expiry[0])
		i18n_wareki_text(k->card_expiry, d, sizeof d);
	else
		snprintf(d, sizeof d, "%s", i18n_msg(MSG("card_unknown")));
	tk_kv(c, x, y + r++, w, MSG("scrb_tk_expiry"), d, CELLS_R_NORMAL);
	tk_kv(c, x, y + r++, w, MSG("scrb_tk_verdict"), i18n_msg(tk_verdict_msgid(k->verdict)),
	      k->verdict == TOKUREI_GENUINE ? CELLS_R_INFO | CELLS_BOLD : CELLS_R_ERROR | CELLS_BOLD);
	return r;
}

/* Step 3. */
static void tk_draw_card(const struct tk_st *st, struct cells *c, int x, int y, int w, int end)
{
	cells_text(c, x, y, w, i18n_msg(MSG("scrb_tk_chip_title")), CELLS_R_TITLE, CELLS_ELLIPSIS);
	y += 1 + tk_draw_chip(st, c, x + 2, y + 1, w - 2);
	y++;
	y += cells_wrap(c, x, y, w, 2, i18n_msg(MSG("scrb_tk_dates_prompt")), CELLS_R_NORMAL);
	wgt_form_draw(&st->card_form, c, x + 2, y, w - 2, end - y);
	y += wgt_form_rows(&st->card_form) + 1;
	tk_draw_msg(st, c, x, y, w, end);
}

/* One row of the side-by-side table: label, card, information, verdict. */
static void tk_row4(struct cells *c, int x, int y, int w, const char *label, const char *card,
                    const char *info, const char *verdict, int vattr)
{
	int cw = (w - 12 - 8) / 2;

	cells_text(c, x, y, 11, label, CELLS_R_LABEL, CELLS_ELLIPSIS);
	cells_text(c, x + 12, y, cw - 1, card, CELLS_R_NORMAL, CELLS_ELLIPSIS);
	cells_text(c, x + 12 + cw, y, cw - 1, info, CELLS_R_NORMAL, CELLS_ELLIPSIS);
	if (verdict)
		cells_text(c, x + 12 + 2 * cw, y, w - 12 - 2 * cw, verdict, vattr, CELLS_ELLIPSIS);
}

/* The verdict word of a boolean check. */
static void tk_ok(int ok, const char *yes_msgid, const char *no_msgid, const char **text,
                  int *attr)
{
	*text = i18n_msg(ok ? yes_msgid : no_msgid);
	*attr = ok ? CELLS_R_INFO | CELLS_BOLD : CELLS_R_ERROR | CELLS_BOLD;
}

/* The catalog text of a refusal's reason code. */
static const char *tk_refusal_msgid(const char *reason)
{
	if (strcmp(reason, "no_tokurei_tenshutsu") == 0)
		return MSG("scrb_tk_refused_no_tokurei_tenshutsu");
	if (strcmp(reason, "not_moving_out") == 0)
		return MSG("scrb_tk_refused_not_moving_out");
	if (strcmp(reason, "already_confirmed") == 0)
		return MSG("scrb_tk_refused_already_confirmed");
	if (strcmp(reason, "no_match") == 0)
		return MSG("scrb_tk_refused_no_match");
	if (strcmp(reason, "already_answered") == 0)
		return MSG("scrb_tk_refused_already_answered");
	return MSG("scrb_tk_refused_other");
}

/* The former municipality refused the request: who, when, why, what to do. Returns rows. */
static int tk_draw_refused(const struct tokurei_request_status *q, struct cells *c, int x,
                           int y, int w, int end)
{
	char when[64], line[512];
	const char *a[3] = { q->to_code, when, i18n_msg(tk_refusal_msgid(q->reason)) };
	int y0 = y;

	i18n_wareki_text(q->requested_on, when, sizeof when);
	if (i18n_msg_format(line, sizeof line, MSG("scrb_tk_refused"), 3, a) < 0)
		line[0] = '\0';
	if (y < end)
		y += cells_wrap(c, x, y, w, end - y < 4 ? end - y : 4, line, CELLS_R_ERROR | CELLS_BOLD);
	if (y < end)
		y += cells_wrap(c, x, y, w, end - y < 3 ? end - y : 3,
		                i18n_msg(MSG("scrb_tk_refused_remedy")), CELLS_R_ALERT | CELLS_BOLD);
	return y - y0;
}

/* Step 4: chip ↔ 転出証明書情報 side by side, the deadline, the card, the findings. */
static void tk_draw_check(const struct tk_st *st, struct cells *c, int x, int y, int w, int end)
{
	const struct tokurei_result *r = &st->res;
	const struct tokurei_card *k = &st->req.card;
	const struct db_tenshutsu_info *m = &r->member[0];
	char d1[128], d2[128], d3[128], line[768];
	const char *v;
	char prev[DB_ADDR_CAP];
	int attr;

	tk_row4(c, x, y++, w, "", i18n_msg(MSG("scrb_tk_col_card")),
	        i18n_msg(MSG("scrb_tk_col_info")), i18n_msg(MSG("scrb_tk_col_verdict")),
	        CELLS_R_DIM);
	if (!r->found) {
		tk_row4(c, x, y++, w, i18n_msg(MSG("scrb_tk_name")), k->name,
		        i18n_msg(MSG("scrb_tk_no_info")), NULL, 0);
		y++;
		if (st->rq.state == TOKUREI_REQ_REFUSED)
			y += tk_draw_refused(&st->rq, c, x, y, w, end);
		else
			y += cells_wrap(c, x, y, w, 3,
			                i18n_msg(st->requested || st->rq.state == TOKUREI_REQ_WAITING
			                         ? MSG("scrb_tk_requested") : MSG("scrb_tk_request_hint")),
			                CELLS_R_ALERT | CELLS_BOLD);
	} else {
		tk_ok(r->match_name, MSG("scrb_tk_match"), MSG("scrb_tk_mismatch"), &v, &attr);
		tk_row4(c, x, y++, w, i18n_msg(MSG("scrb_tk_name")), k->name, m->name, v, attr);
		i18n_wareki_text(k->birth, d1, sizeof d1);
		i18n_wareki_text(m->birth, d2, sizeof d2);
		tk_ok(r->match_birth, MSG("scrb_tk_match"), MSG("scrb_tk_mismatch"), &v, &attr);
		tk_row4(c, x, y++, w, i18n_msg(MSG("scrb_tk_birth")), d1, d2, v, attr);
		tk_ok(r->match_sex, MSG("scrb_tk_match"), MSG("scrb_tk_mismatch"), &v, &attr);
		tk_row4(c, x, y++, w, i18n_msg(MSG("scrb_tk_sex")), i18n_msg(tk_sex(k->sex)),
		        i18n_msg(tk_sex(m->sex)), v, attr);
		v = i18n_msg(r->match_address ? MSG("scrb_tk_match") : MSG("scrb_tk_differs"));
		tokurei_prev_address(m, prev, sizeof prev);
		tk_row4(c, x, y++, w, i18n_msg(MSG("scrb_tk_address")), k->address, prev, v,
		        r->match_address ? CELLS_R_INFO | CELLS_BOLD : CELLS_R_ALERT | CELLS_BOLD);
		/* 令24の2①二: min(予定日 + 30, 転入日 + 14), each day shown. */
		{
			const char *a[3] = { d1, d2, d3 };
			int late = check_has(&r->checks, MSG("chk_tokurei_deadline"));

			i18n_wareki_text(r->last_day_planned, d1, sizeof d1);
			i18n_wareki_text(r->last_day_tennyu, d2, sizeof d2);
			i18n_wareki_text(r->last_day, d3, sizeof d3);
			a[0] = d3;
			if (i18n_msg_format(line, sizeof line, MSG("scrb_tk_deadline_value"), 1, a) < 0)
				line[0] = '\0';
			tk_ok(!late, MSG("scrb_tk_in_time"), MSG("scrb_tk_late"), &v, &attr);
			tk_row4(c, x, y++, w, i18n_msg(MSG("scrb_tk_deadline")), line, "", v, attr);
			a[0] = d1;
			if (i18n_msg_format(line, sizeof line, MSG("scrb_tk_deadline_calc"), 2, a) < 0)
				line[0] = '\0';
			cells_text(c, x + 12, y++, w - 12, line, CELLS_R_DIM, CELLS_ELLIPSIS);
		}
		{
			const char *a[2] = { m->from_name, m->from_code };

			i18n_wareki_text(m->planned_date, d2, sizeof d2);
			if (i18n_msg_format(line, sizeof line, MSG("scrb_tk_from_value"), 2, a) < 0)
				line[0] = '\0';
			tk_row4(c, x, y++, w, i18n_msg(MSG("scrb_tk_from")), line, d2, NULL, 0);
		}
		if (k->card_expiry[0])
			i18n_wareki_text(k->card_expiry, d1, sizeof d1);
		else
			snprintf(d1, sizeof d1, "%s", i18n_msg(MSG("card_unknown")));
		tk_ok(r->card_valid, MSG("scrb_tk_valid"), MSG("scrb_tk_expired"), &v, &attr);
		tk_row4(c, x, y++, w, i18n_msg(MSG("scrb_tk_expiry")), d1, "", v, attr);
		tk_ok(k->verdict == TOKUREI_GENUINE, MSG("scrb_tk_genuine_short"),
		      MSG("scrb_tk_not_genuine_short"), &v, &attr);
		tk_row4(c, x, y++, w, i18n_msg(MSG("scrb_tk_verdict")),
		        i18n_msg(tk_verdict_msgid(k->verdict)), "", v, attr);
		{
			char n[16], names[512];
			const char *a[2] = { n, names };
			size_t len = 0;

			names[0] = '\0';
			for (int i = 0; i < r->n && len + 2 < sizeof names; i++) {
				if (r->not_moving[i])
					continue;
				snprintf(names + len, sizeof names - len, "%s%s", len ? "、" : "",
				         r->member[i].name);
				len += strlen(names + len);
			}
			snprintf(n, sizeof n, "%d", r->moving);
			if (i18n_msg_format(line, sizeof line, MSG("scrb_tk_members_value"), 2, a) < 0)
				line[0] = '\0';
			tk_row4(c, x, y, w, i18n_msg(MSG("scrb_tk_members")), "", "", NULL, 0);
			cells_text(c, x + 12, y++, w - 12, line, CELLS_R_NORMAL, CELLS_ELLIPSIS);
		}
	}
	cells_hline(c, x, y++, w, CELLS_R_DIM);
	if (st->msg[0])
		y += tk_draw_msg(st, c, x, y, w, end);
	if (r->checks.n == 0 && y < end) {
		cells_text(c, x, y, w, i18n_msg(MSG("scrb_tk_no_findings")), CELLS_R_INFO | CELLS_BOLD,
		           CELLS_ELLIPSIS);
		return;
	}
	for (int i = st->scroll; i < r->checks.n && y < end; i++) {
		const struct check_item *it = &r->checks.item[i];
		char text[WGT_DIALOG_TEXT + 64], body[WGT_DIALOG_TEXT];
		const char *a[2] = { i18n_msg(view_check_level_msgid(it->level)), body };
		int la = it->level == CHECK_ERROR ? CELLS_R_ERROR | CELLS_BOLD
		         : it->level == CHECK_ALERT ? CELLS_R_ALERT | CELLS_BOLD : CELLS_R_NORMAL;

		view_check_text(it, body, sizeof body);
		if (i18n_msg_format(text, sizeof text, MSG("scrb_tk_finding"), 2, a) < 0)
			text[0] = '\0';
		y += cells_wrap(c, x, y, w, end - y, text, la);
	}
	if (st->scroll > 0 || y >= end)
		cells_text(c, x + w - 1, end - 1, 1, st->scroll + 1 < r->checks.n ? "v" : "^",
		           CELLS_R_DIM, 0);
}

/* The request page. */
static void tk_draw_request(const struct tk_st *st, struct cells *c, int x, int y, int w,
                            int end)
{
	y += 1 + cells_wrap(c, x, y + 1, w, 4, i18n_msg(MSG("scrb_tk_request_prompt")),
	                    CELLS_R_NORMAL);
	y++;
	wgt_form_draw(&st->req_form, c, x + 2, y, w - 2, end - y);
	y += wgt_form_rows(&st->req_form) + 1;
	tk_draw_msg(st, c, x, y, w, end);
}

/* Step 5: the address form, the members with their 続柄, the picker over it. */
static void tk_draw_addr(struct tk_st *st, struct cells *c, int x, int y, int w, int end)
{
	int fy, cur_x = -1, cur_y = -1;

	wgt_form_draw(&st->addr_form, c, x + 2, y + 1, w - 2, end - y - 1);
	y += 2 + wgt_form_rows(&st->addr_form);
	cells_text(c, x, y++, w, i18n_msg(MSG("scrb_tk_members_zokugara")), CELLS_R_TITLE,
	           CELLS_ELLIPSIS);
	for (int i = 0; i < st->res.n && y < end; i++) {
		char d[128];
		int fw = w - 48 > 24 ? 24 : w - 48, mx = x + 46 + fw + 2;

		cells_text(c, x + 2, y, 22, st->res.member[i].name,
		           st->stay[i] ? CELLS_R_DIM : CELLS_R_NORMAL, CELLS_ELLIPSIS);
		i18n_wareki_text(st->res.member[i].birth, d, sizeof d);
		cells_text(c, x + 25, y, 20, d, CELLS_R_DIM, CELLS_ELLIPSIS);
		fy = y;
		wgt_field_draw(&st->zk[i], c, x + 46, fy, fw, st->focus_zk == i);
		if (st->focus_zk == i) {
			cur_x = c->cur_x;
			cur_y = c->cur_y;
		}
		if (st->stay[i]) {
			/* The mark on the row; under it when the row is too narrow. */
			if (x + w - mx < 12 && y + 1 < end)
				cells_text(c, x + 4, ++y, w - 4, i18n_msg(MSG("scrb_tk_stay_mark")),
				           CELLS_R_ALERT | CELLS_BOLD, CELLS_ELLIPSIS);
			else if (x + w - mx >= 12)
				cells_text(c, mx, y, x + w - mx, i18n_msg(MSG("scrb_tk_stay_mark")),
				           CELLS_R_ALERT | CELLS_BOLD, CELLS_ELLIPSIS);
		}
		y++;
		if (st->zk_err[i] && y < end)
			cells_text(c, x + 46, y++, w - 46, i18n_msg(st->zk_err[i]),
			           CELLS_R_ERROR | CELLS_BOLD, CELLS_ELLIPSIS);
	}
	if (st->focus_zk >= 0 && cur_x >= 0)
		cells_cursor(c, cur_x, cur_y);
	if (st->res.n > 1 && y < end)
		y += cells_wrap(c, x + 2, y, w - 2, end - y, i18n_msg(MSG("scrb_tk_stay_help")),
		                CELLS_R_DIM);
	y++;
	tk_draw_msg(st, c, x, y, w, end);
	if (st->picking) {
		int bw = w - 8 < 56 ? w - 8 : 56, bh = end - 4 - (y - y), bx = x + (w - bw) / 2, by;

		if (bh > st->ntowns + 4)
			bh = st->ntowns + 4;
		if (bh < 5)
			bh = 5;
		by = 3 + (end - 3 - bh) / 2;
		cells_box(c, bx, by, bw, bh, CELLS_R_FRAME);
		cells_text(c, bx + 2, by + 1, bw - 4, i18n_msg(MSG("scrb_tk_town_pick")),
		           CELLS_R_TITLE | CELLS_BOLD, CELLS_ELLIPSIS);
		wgt_list_draw(&st->tlist, c, bx + 2, by + 2, bw - 4, bh - 3);
		c->cur_visible = 0;
	}
}

/* Step 6: every value before the commit. */
static void tk_draw_confirm(const struct tk_st *st, struct cells *c, int x, int y, int w,
                            int end)
{
	const struct tokurei_req *q = &st->req;
	char d[128], line[768];
	int alerts = check_count(&st->res.checks, CHECK_ALERT);

	i18n_wareki_text(q->tennyu_date, d, sizeof d);
	tk_kv(c, x, y++, w, MSG("scrb_tk_tennyu_date"), d, CELLS_R_NORMAL);
	if (q->todoke_date[0])
		i18n_wareki_text(q->todoke_date, d, sizeof d);
	else
		snprintf(d, sizeof d, "%s", i18n_msg(MSG("scrb_tk_today")));
	tk_kv(c, x, y++, w, MSG("scrb_tk_todoke_date"), d, CELLS_R_NORMAL);
	snprintf(line, sizeof line, "%s %s%s%s", st->town_name, q->banchi, q->katagaki[0] ? " " : "",
	         q->katagaki);
	tk_kv(c, x, y++, w, MSG("scrb_tk_new_address"), line, CELLS_R_NORMAL);
	if (q->join_setai[0]) {
		const char *a[2] = { q->join_setai, st->setai_addr };

		if (i18n_msg_format(line, sizeof line, MSG("scrb_tk_join_value"), 2, a) < 0)
			line[0] = '\0';
		tk_kv(c, x, y++, w, MSG("scrb_tk_household"), line, CELLS_R_NORMAL);
	} else {
		tk_kv(c, x, y++, w, MSG("scrb_tk_household"), i18n_msg(MSG("scrb_tk_new_household")),
		      CELLS_R_NORMAL);
	}
	if (st->res.found) {
		const struct db_tenshutsu_info *m = &st->res.member[0];
		const char *a[2] = { m->from_name, m->from_code };
		char prev[DB_ADDR_CAP];

		if (i18n_msg_format(line, sizeof line, MSG("scrb_tk_from_value"), 2, a) < 0)
			line[0] = '\0';
		tk_kv(c, x, y++, w, MSG("scrb_tk_from"), line, CELLS_R_NORMAL);
		tokurei_prev_address(m, prev, sizeof prev);
		tk_kv(c, x, y++, w, MSG("scrb_tk_prev_address"), prev, CELLS_R_NORMAL);
	}
	tk_kv(c, x, y++, w, MSG("scrb_tk_card_submitted"),
	      i18n_msg(q->card_submitted ? MSG("scrb_tk_yes") : MSG("scrb_tk_no")), CELLS_R_NORMAL);
	cells_text(c, x, y++, w, i18n_msg(MSG("scrb_tk_movers")), CELLS_R_TITLE, CELLS_ELLIPSIS);
	for (int i = 0; i < st->res.n && y < end - 2; i++) {
		if (st->stay[i])
			continue;
		i18n_wareki_text(st->res.member[i].birth, d, sizeof d);
		cells_text(c, x + 2, y, 22, st->res.member[i].name, CELLS_R_NORMAL, CELLS_ELLIPSIS);
		cells_text(c, x + 25, y, 20, d, CELLS_R_NORMAL, CELLS_ELLIPSIS);
		cells_text(c, x + 46, y++, w - 46, q->zokugara[i], CELLS_R_NORMAL, CELLS_ELLIPSIS);
	}
	/* 法24の2②: those the head does not file for now stay pending. */
	for (int i = 1, first = 1; i < st->res.n && y < end - 2; i++) {
		if (!st->stay[i])
			continue;
		if (first) {
			cells_text(c, x, y++, w, i18n_msg(MSG("scrb_tk_stayers")), CELLS_R_TITLE,
			           CELLS_ELLIPSIS);
			first = 0;
			if (y >= end - 2)
				break;
		}
		i18n_wareki_text(st->res.member[i].birth, d, sizeof d);
		cells_text(c, x + 2, y, 22, st->res.member[i].name, CELLS_R_DIM, CELLS_ELLIPSIS);
		cells_text(c, x + 25, y, 20, d, CELLS_R_DIM, CELLS_ELLIPSIS);
		cells_text(c, x + 46, y++, w - 46, i18n_msg(MSG("scrb_tk_stay_mark")),
		           CELLS_R_ALERT | CELLS_BOLD, CELLS_ELLIPSIS);
	}
	if (alerts > 0 && y < end - 1) {
		char n[16];
		const char *a[1] = { n };

		snprintf(n, sizeof n, "%d", alerts);
		if (i18n_msg_format(line, sizeof line, MSG("scrb_tk_alerts_acked"), 1, a) < 0)
			line[0] = '\0';
		cells_text(c, x, y++, w, line, CELLS_R_ALERT | CELLS_BOLD, CELLS_ELLIPSIS);
	}
	if (y < end)
		cells_wrap(c, x, y, w, end - y, i18n_msg(MSG("scrb_tk_commit_prompt")),
		           CELLS_R_NORMAL | CELLS_BOLD);
}

/* Step 7: the 受付番号 and the card follow-ups. */
static void tk_draw_done(const struct tk_st *st, struct cells *c, int x, int y, int w, int end)
{
	const struct tokurei_result *r = &st->res;
	char d[128], line[768];
	const char *a[1] = { d };
	size_t len = 0;

	cells_text(c, x, y++, w, i18n_msg(MSG("scrb_tk_done")), CELLS_R_INFO | CELLS_BOLD,
	           CELLS_ELLIPSIS);
	y++;
	tk_kv(c, x, y++, w, MSG("scrb_tk_uketsuke"), r->uketsuke_no, CELLS_R_TITLE | CELLS_BOLD);
	tk_kv(c, x, y++, w, MSG("scrb_tk_setai_no"), r->setai_no, CELLS_R_NORMAL);
	line[0] = '\0';
	for (int i = 0; i < r->n && len + 2 < sizeof line; i++) {
		if (!r->atena[i][0])
			continue;   /* a member left out: not registered */
		snprintf(line + len, sizeof line - len, "%s%s", len ? ", " : "", r->atena[i]);
		len += strlen(line + len);
	}
	tk_kv(c, x, y++, w, MSG("scrb_tk_atena"), line, CELLS_R_NORMAL);
	y++;
	cells_text(c, x, y++, w, i18n_msg(MSG("scrb_tk_followups")), CELLS_R_TITLE, CELLS_ELLIPSIS);
	if (r->card_tsuiki && y < end)
		y += cells_wrap(c, x + 2, y, w - 2, end - y, i18n_msg(MSG("scrb_tk_tsuiki")),
		                CELLS_R_NORMAL);
	if (r->keizoku_due[0] && y < end) {
		i18n_wareki_text(r->keizoku_due, d, sizeof d);
		if (i18n_msg_format(line, sizeof line, MSG("scrb_tk_keizoku"), 1, a) < 0)
			line[0] = '\0';
		y += cells_wrap(c, x + 2, y, w - 2, end - y, line, CELLS_R_NORMAL);
	}
	if (r->sign_cert_lapsed && y < end)
		cells_wrap(c, x + 2, y, w - 2, end - y, i18n_msg(MSG("scrb_tk_sign_lapsed")),
		           CELLS_R_ALERT | CELLS_BOLD);
}

/* The body of the step shown, and the screen's question over it. */
static void tk_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows)
{
	struct tk_st *st = s->st;
	int x = 2, w = c->w - 4, end = top + rows;

	(void)app;
	switch (st->ph) {
	case PH_WAIT:
		tk_draw_wait(st, c, x, top, w, end);
		break;
	case PH_PIN:
		tk_draw_pin(st, c, x, top, w, end);
		break;
	case PH_CARD:
		tk_draw_card(st, c, x, top, w, end);
		break;
	case PH_CHECK:
		tk_draw_check(st, c, x, top, w, end);
		break;
	case PH_REQUEST:
		tk_draw_request(st, c, x, top, w, end);
		break;
	case PH_ADDR:
		tk_draw_addr(st, c, x, top, w, end);
		break;
	case PH_CONFIRM:
		tk_draw_confirm(st, c, x, top, w, end);
		break;
	case PH_DONE:
		tk_draw_done(st, c, x, top, w, end);
		break;
	default:
		break;
	}
	if (st->dlg.open) {
		c->cur_visible = 0;
		wgt_dialog_draw(&st->dlg, c);
	}
}

/* Wipe the PIN, the card and every entry; close the reader; free. */
static void tk_leave(struct scr_app *app, struct scr *s)
{
	struct tk_st *st = s->st;

	(void)app;
	if (!st)
		return;
	tk_close_reader(st);
	wgt_field_wipe(&st->pin);
	wgt_field_wipe(&st->tennyu);
	wgt_field_wipe(&st->todoke);
	wgt_field_wipe(&st->from_code);
	wgt_field_wipe(&st->town);
	wgt_field_wipe(&st->banchi);
	wgt_field_wipe(&st->katagaki);
	wgt_field_wipe(&st->setai);
	tk_wipe_card(st);
	free(st->towns);
	explicit_bzero(st, sizeof *st);
	free(st);
	s->st = NULL;
}

/* One step's table: the same handlers, that step's keys. */
#define TK_OPS(keytable) { .name = "tokurei", .title_msgid = MSG("scrb_tk_title"), \
	.keys = keytable, .needs_session = 1, .enter = tk_enter, .key = tk_key, \
	.tick = tk_tick, .draw = tk_draw, .leave = tk_leave }

static const struct scr_ops tk_ops[PH_COUNT_] = {
	[PH_WAIT] = TK_OPS(keys_wait),
	[PH_PIN] = TK_OPS(keys_pin),
	[PH_CARD] = TK_OPS(keys_card),
	[PH_CHECK] = TK_OPS(keys_check),
	[PH_REQUEST] = TK_OPS(keys_request),
	[PH_ADDR] = TK_OPS(keys_addr),
	[PH_CONFIRM] = TK_OPS(keys_confirm),
	[PH_DONE] = TK_OPS(keys_done),
};

const struct scr_ops scr_tokurei = TK_OPS(keys_wait);
