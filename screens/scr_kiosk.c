/*
 * scr_kiosk.c — the resident-facing kiosk (see scr_kiosk.h). All rules are
 * in app/kiosk.c and app/cardflow.c; this file only asks, shows and wipes.
 */
#include "screens/scr_kiosk.h"

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
#include "app/config.h"
#include "app/kiosk.h"
#include "app/log.h"
#include "app/session.h"
#include "i18n/i18n_date.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_wareki.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The steps. */
enum kiosk_phase {
	PH_STAFF,      /* the kiosk operator starts the kiosk */
	PH_NOREADER,   /* no card service / reader: retried every few seconds */
	PH_START,      /* place the card */
	PH_PIN,        /* the PIN */
	PH_CARD,       /* own 4情報 and the verdict */
	PH_KIND,       /* 転入 / 転出 / 住所確認 */
	PH_TOWN,       /* 転入: the 町字 of the new address */
	PH_FORM,       /* the short form */
	PH_CONFIRM,    /* check and send */
	PH_DONE,       /* the 受付番号 */
	PH_STOP,       /* the kiosk cannot go on with this card: take it */
	PH_ADMIN,      /* leaving: an administrator's id and password */
	PH_COUNT_
};

enum {
	ACT_OK = 1, ACT_BACK, ACT_LANG, ACT_ADMIN, ACT_SEND, ACT_K1, ACT_K2, ACT_K3
};

#define LANG_KEY { UI_K_F5, ACT_LANG, MSG("kiosk_key_lang") }

/* No quit key (rv-privacy finding 8): only an administrator ends the kiosk (F11). */
static const struct wgt_keybar_item keys_staff[] = {
	{ UI_K_F10, ACT_OK, MSG("kiosk_key_start") },
	{ UI_K_F11, ACT_ADMIN, MSG("kiosk_key_end") },
	{ 0, 0, NULL }
};
static const struct wgt_keybar_item keys_noreader[] = {
	{ UI_K_F11, ACT_ADMIN, MSG("kiosk_key_admin") },
	{ 0, 0, NULL }
};
static const struct wgt_keybar_item keys_start[] = {
	LANG_KEY,
	{ UI_K_F11, ACT_ADMIN, MSG("kiosk_key_admin") },
	{ 0, 0, NULL }
};
static const struct wgt_keybar_item keys_pin[] = {
	{ UI_K_ENTER, ACT_OK, MSG("kiosk_key_next") },
	{ UI_K_ESC, ACT_BACK, MSG("kiosk_key_cancel") },
	LANG_KEY,
	{ 0, 0, NULL }
};
static const struct wgt_keybar_item keys_card[] = {
	{ UI_K_ENTER, ACT_OK, MSG("kiosk_key_next") },
	{ UI_K_ESC, ACT_BACK, MSG("kiosk_key_cancel") },
	LANG_KEY,
	{ 0, 0, NULL }
};
static const struct wgt_keybar_item keys_kind[] = {
	{ UI_K_ENTER, ACT_OK, MSG("kiosk_key_choose") },
	{ UI_K_ESC, ACT_BACK, MSG("kiosk_key_back") },
	LANG_KEY,
	{ WGT_KEY_CHAR(L'1'), ACT_K1, NULL },
	{ WGT_KEY_CHAR(L'2'), ACT_K2, NULL },
	{ WGT_KEY_CHAR(L'3'), ACT_K3, NULL },
	{ 0, 0, NULL }
};
static const struct wgt_keybar_item keys_town[] = {
	{ UI_K_ENTER, ACT_OK, MSG("kiosk_key_choose") },
	{ UI_K_ESC, ACT_BACK, MSG("kiosk_key_back") },
	LANG_KEY,
	{ 0, 0, NULL }
};
static const struct wgt_keybar_item keys_form[] = {
	{ UI_K_F10, ACT_OK, MSG("kiosk_key_next") },
	{ UI_K_ESC, ACT_BACK, MSG("kiosk_key_back") },
	LANG_KEY,
	{ 0, 0, NULL }
};
static const struct wgt_keybar_item keys_confirm[] = {
	{ UI_K_F10, ACT_SEND, MSG("kiosk_key_send") },
	{ UI_K_ESC, ACT_BACK, MSG("kiosk_key_back") },
	LANG_KEY,
	{ 0, 0, NULL }
};
static const struct wgt_keybar_item keys_done[] = {
	{ UI_K_ENTER, ACT_OK, MSG("kiosk_key_finish") },
	LANG_KEY,
	{ 0, 0, NULL }
};
static const struct wgt_keybar_item keys_stop[] = {
	LANG_KEY,
	{ 0, 0, NULL }
};
static const struct wgt_keybar_item keys_admin[] = {
	{ UI_K_F10, ACT_OK, MSG("kiosk_key_exit") },
	{ UI_K_ESC, ACT_BACK, MSG("kiosk_key_back") },
	{ 0, 0, NULL }
};

#define TOWNS_MAX 512

struct kiosk_town {
	char code[16];                  /* 町字 code */
	char name[128];                 /* its name */
};

struct kiosk_st {
	enum kiosk_phase ph;            /* the step shown */
	enum kiosk_phase admin_back;    /* where Esc on the admin page returns */
	struct kiosk_exit_guard guard;  /* the admin exit's back-off (lives as long as the kiosk) */
	struct kiosk_exit_guard start_guard;   /* the start page's back-off */
	int wait_shown;                 /* 1: the staff or admin page shows the back-off countdown */
	struct session sess;            /* the kiosk operator (ctx->sess points here) */
	int staff;                      /* 1 once the kiosk operator logged in */
	struct cardflow *cf;            /* the card reader (owned) */
	long long reader_retry;         /* monotonic second of the next reader retry */
	int reader_down;                /* 1 after the reader failed, until it works again */
	int need_removal;               /* 1: wait for the reader to be empty first */
	int retries;                    /* PIN attempts left (-1 unknown) */
	int confirm_last;               /* 1: the last attempt was confirmed */
	struct tokurei_card card;       /* what the card said (wiped on reset) */
	int have_card;                  /* card holds a read */
	struct kiosk_answers ans;       /* the answers (wiped on reset) */
	struct wgt_field id, pw;        /* staff / admin login (password masked) */
	struct wgt_form_item login_items[2];
	struct wgt_form login;
	struct wgt_field pin;           /* the PIN (masked, wiped after each try) */
	struct wgt_field f[4];          /* the short form's fields */
	struct wgt_form_item items[4];
	struct wgt_form form;
	int asking;                     /* 1: the discard question is open */
	struct wgt_list kinds;          /* the three procedures */
	struct kiosk_town *towns;       /* the 町字 master (owned) */
	int n_towns;
	struct wgt_list town_list;
	char no[KIOSK_NO_CAP];          /* the 受付番号 given */
	const char *msgid;              /* message line (catalog key) or NULL */
	char msgarg[32];                /* its argument {0} */
	int msg_attr;
	const char *stop_msgid;         /* PH_STOP: why */
	char lang0[3];                  /* the language to return to on reset */
};

/* Step tables: the same handlers, the step's title and keys. */
static int kiosk_enter(struct scr_app *app, struct scr *s);
static int kiosk_key(struct scr_app *app, struct scr *s, const struct ui_key *k);
static int kiosk_tick(struct scr_app *app, struct scr *s);
static void kiosk_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows);
static void kiosk_leave(struct scr_app *app, struct scr *s);

#define KIOSK_OPS(title, keytab) { \
	.name = "kiosk", .title_msgid = title, .keys = keytab, .needs_session = 0, \
	.enter = kiosk_enter, .key = kiosk_key, .tick = kiosk_tick, .draw = kiosk_draw, \
	.leave = kiosk_leave }

static const struct scr_ops kiosk_ops[PH_COUNT_] = {
	[PH_STAFF] = KIOSK_OPS(MSG("kiosk_title_staff"), keys_staff),
	[PH_NOREADER] = KIOSK_OPS(MSG("kiosk_title"), keys_noreader),
	[PH_START] = KIOSK_OPS(MSG("kiosk_title"), keys_start),
	[PH_PIN] = KIOSK_OPS(MSG("kiosk_title"), keys_pin),
	[PH_CARD] = KIOSK_OPS(MSG("kiosk_title"), keys_card),
	[PH_KIND] = KIOSK_OPS(MSG("kiosk_title"), keys_kind),
	[PH_TOWN] = KIOSK_OPS(MSG("kiosk_title"), keys_town),
	[PH_FORM] = KIOSK_OPS(MSG("kiosk_title"), keys_form),
	[PH_CONFIRM] = KIOSK_OPS(MSG("kiosk_title"), keys_confirm),
	[PH_DONE] = KIOSK_OPS(MSG("kiosk_title"), keys_done),
	[PH_STOP] = KIOSK_OPS(MSG("kiosk_title"), keys_stop),
	[PH_ADMIN] = KIOSK_OPS(MSG("kiosk_title_admin"), keys_admin),
};

const struct scr_ops scr_kiosk = KIOSK_OPS(MSG("kiosk_title_staff"), keys_staff);

/* Show step ph (its title and keys too). */
static void go(struct scr *s, struct kiosk_st *st, enum kiosk_phase ph)
{
	st->ph = ph;
	s->ops = &kiosk_ops[ph];
	st->msgid = NULL;
}

/* Set the message line. */
static void say(struct kiosk_st *st, const char *msgid, const char *arg, int attr)
{
	st->msgid = msgid;
	snprintf(st->msgarg, sizeof st->msgarg, "%s", arg ? arg : "");
	st->msg_attr = attr;
}

/* The kiosk's idle time: the configuration's idle_lock_seconds (60 when unset). */
static int idle_seconds(const struct scr_app *app)
{
	int n = scr_idle_lock_seconds(app);

	return n > 0 ? n : 60;
}

/* Empty every field of the short form and the login forms. */
static void wipe_fields(struct kiosk_st *st)
{
	wgt_field_wipe(&st->pin);
	wgt_field_wipe(&st->id);
	wgt_field_wipe(&st->pw);
	for (int i = 0; i < 4; i++)
		wgt_field_wipe(&st->f[i]);
	wgt_field_init(&st->pin, WGT_FIELD_MASKED, 8);
	wgt_field_init(&st->id, WGT_FIELD_TEXT, SESSION_ID_MAX);
	wgt_field_init(&st->pw, WGT_FIELD_MASKED, 128);
	st->login_items[0].error_msgid = st->login_items[1].error_msgid = NULL;
	st->login.focus = 0;
}

/*
 * Back to the start page: log the use when it ended early (event non-NULL),
 * wipe the card, the answers and every field, and go back to the kiosk's
 * language. The next resident starts once the reader is empty.
 */
static void reset(struct scr_app *app, struct scr *s, struct kiosk_st *st, const char *event)
{
	if (event)
		kiosk_log_use(app->ctx, event, st->have_card ? (int)st->card.verdict : -1);
	kiosk_wipe(&st->card, sizeof st->card);
	kiosk_wipe(&st->ans, sizeof st->ans);
	kiosk_wipe(st->no, sizeof st->no);
	st->have_card = 0;
	st->retries = -1;
	st->confirm_last = 0;
	st->asking = 0;
	app->dialog.open = 0;
	wipe_fields(st);
	if (strcmp(i18n_msg_lang(), st->lang0) != 0)
		i18n_msg_init(st->lang0);
	st->need_removal = 1;
	go(s, st, PH_START);
	app->wipe = 1;
}

/* Set up the staff login page. */
static int kiosk_enter(struct scr_app *app, struct scr *s)
{
	struct kiosk_st *st = calloc(1, sizeof *st);

	if (!st)
		return MG_ENOMEM;
	snprintf(st->lang0, sizeof st->lang0, "%s", i18n_msg_lang());
	st->retries = -1;
	wipe_fields(st);
	st->login_items[0] = (struct wgt_form_item){ .label_msgid = MSG("kiosk_staff_id"),
	                                             .field = &st->id, .width = 34, .required = 1 };
	st->login_items[1] = (struct wgt_form_item){ .label_msgid = MSG("kiosk_staff_password"),
	                                             .field = &st->pw, .width = 34, .required = 1 };
	wgt_form_init(&st->login, st->login_items, 2);
	s->st = st;
	(void)app;
	go(s, st, PH_STAFF);
	return 0;
}

/* Open the card reader; on failure stay on the no-reader page and retry later. */
static void open_reader(struct scr_app *app, struct scr *s, struct kiosk_st *st)
{
	int rc;

	if (!st->cf) {
		rc = cardflow_open(app->ctx, NULL, &st->cf);
		if (rc) {
			st->cf = NULL;
			go(s, st, PH_NOREADER);
			say(st, mg_rc_msgid(rc), NULL, CELLS_R_ERROR | CELLS_BOLD);
			st->reader_retry = app->now + 3;
			return;
		}
		/* Reopened while a card must be taken (after an outage): bind to the
		 * card lying there, so that only its removal counts, not any empty
		 * reader; none anywhere: it was taken meanwhile (rv19swap 1). */
		if (st->need_removal && cardflow_mark(st->cf) == MG_ECARD_NOCARD)
			st->need_removal = 0;
	}
	go(s, st, PH_START);
}

/* The kiosk operator's login: only the kiosk role starts the kiosk. */
static int staff_login(struct scr_app *app, struct scr *s, struct kiosk_st *st)
{
	struct session sess;
	int rc, tries = -1;

	if (wgt_form_check(&st->login) != 0) {
		wgt_field_clear(&st->pw);
		return SCR_HANDLED | SCR_REDRAW;
	}
	memset(&sess, 0, sizeof sess);
	/*
	 * Only a kiosk account with its right password reaches session_login, so
	 * nobody's account is locked from here; every refusal reads the same.
	 */
	rc = kiosk_staff_check(app->ctx, &st->start_guard, app->now, wgt_field_value(&st->id),
	                       wgt_field_value(&st->pw));
	if (rc == 0)
		rc = session_login(app->ctx, wgt_field_value(&st->id), wgt_field_value(&st->pw),
		                   &sess, &tries);
	wgt_field_wipe(&st->pw);
	wgt_field_init(&st->pw, WGT_FIELD_MASKED, 128);
	if (rc == 0 && sess.role != SESSION_ROLE_KIOSK) {
		session_logout(app->ctx, &sess);
		rc = MG_EPERM;
	}
	if (rc) {
		explicit_bzero(&sess, sizeof sess);
		st->login.focus = 1;
		if (rc == MG_ETOOMANY)
			st->msgid = NULL;   /* the countdown says it */
		else
			say(st, MSG("kiosk_staff_failed"), NULL, CELLS_R_ERROR | CELLS_BOLD);
		return SCR_HANDLED | SCR_REDRAW;
	}
	st->sess = sess;
	explicit_bzero(&sess, sizeof sess);
	st->staff = 1;
	app->ctx->sess = &st->sess;
	wgt_field_wipe(&st->id);
	wgt_field_init(&st->id, WGT_FIELD_TEXT, SESSION_ID_MAX);
	st->need_removal = 0;
	open_reader(app, s, st);
	app->wipe = 1;
	return SCR_HANDLED | SCR_REDRAW;
}

/*
 * The admin exit: an administrator's id and password end the kiosk. Every
 * refusal shows the same text whatever its reason (rv-privacy finding 7);
 * inside the back-off wait nothing is checked and the page shows the
 * countdown (drawn from st->guard, counted down by the tick; nothing sleeps).
 */
static int admin_exit(struct scr_app *app, struct scr *s, struct kiosk_st *st)
{
	int rc;

	(void)s;
	if (wgt_form_check(&st->login) != 0) {
		wgt_field_clear(&st->pw);
		return SCR_HANDLED | SCR_REDRAW;
	}
	rc = kiosk_admin_check(app->ctx, &st->guard, app->now, wgt_field_value(&st->id),
	                       wgt_field_value(&st->pw));
	wgt_field_wipe(&st->pw);
	wgt_field_init(&st->pw, WGT_FIELD_MASKED, 128);
	if (rc == 0)
		return SCR_HANDLED | SCR_QUIT;
	st->login.focus = 1;
	if (rc == MG_ETOOMANY)
		st->msgid = NULL;
	else
		say(st, rc == MG_EAUTH ? MSG("kiosk_admin_failed") : mg_rc_msgid(rc), NULL,
		    CELLS_R_ERROR | CELLS_BOLD);
	return SCR_HANDLED | SCR_REDRAW;
}

/* Open the admin page from the current step. */
static int admin_open(struct scr *s, struct kiosk_st *st)
{
	st->admin_back = st->ph;
	wipe_fields(st);
	go(s, st, PH_ADMIN);
	return SCR_HANDLED | SCR_REDRAW;
}

/* Stop with a reason: the resident takes the card and asks at the counter. */
static void stop(struct scr *s, struct kiosk_st *st, const char *msgid)
{
	kiosk_wipe(&st->ans, sizeof st->ans);
	st->stop_msgid = msgid;
	st->need_removal = 1;
	go(s, st, PH_STOP);
}

/* 1 when the step holds a resident's data (card removal and idle reset it). */
static int resident_step(enum kiosk_phase ph)
{
	return ph >= PH_PIN && ph <= PH_STOP;
}

/*
 * The reader failed (pcscd restarted or stopped, the reader unplugged): a
 * resident's session ends as after a removal, the reader is closed and the
 * no-reader page retries opening it (rv18kiosk 2). Logged once per outage.
 */
static void reader_lost(struct scr_app *app, struct scr *s, struct kiosk_st *st, int rc)
{
	if (!st->reader_down)
		log_event(LOG_LEVEL_ERR, "kiosk.reader_lost", rc, NULL);
	st->reader_down = 1;
	if (resident_step(st->ph))
		reset(app, s, st, st->ph == PH_DONE || st->ph == PH_STOP ? NULL : "reader_error");
	cardflow_close(st->cf);
	st->cf = NULL;
	go(s, st, PH_NOREADER);
	say(st, mg_rc_msgid(rc), NULL, CELLS_R_ERROR | CELLS_BOLD);
	st->reader_retry = app->now + 3;
}

/*
 * Whether the card the session began with is still in the reader, however
 * quickly it was swapped (rv18kiosk 3). When it is not, the session ends as
 * after a removal (a failed reader as in reader_lost) and 0 is returned.
 */
static int card_stayed(struct scr_app *app, struct scr *s, struct kiosk_st *st)
{
	int rc = cardflow_same_card(st->cf);

	if (rc == 1) {
		st->reader_down = 0;
		return 1;
	}
	if (rc == 0 || rc == MG_ESTATE) {
		reset(app, s, st, st->ph == PH_DONE || st->ph == PH_STOP ? NULL : "removed");
		st->need_removal = 0;   /* it was taken: a card in the reader now is a new one */
	} else {
		reader_lost(app, s, st, rc);
	}
	return 0;
}

/* Send the PIN (after a confirmation when one attempt is left). */
static int pin_send(struct scr_app *app, struct scr *s, struct kiosk_st *st)
{
	const char *m = NULL;
	char n[16];
	int rc, left = -1;

	if (st->pin.len == 0) {
		say(st, MSG("kiosk_pin_empty"), NULL, CELLS_R_ERROR | CELLS_BOLD);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (st->retries == 1 && !st->confirm_last) {
		st->confirm_last = 1;
		say(st, MSG("kiosk_pin_last_confirm"), NULL, CELLS_R_ALERT | CELLS_BOLD);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (!card_stayed(app, s, st))
		return SCR_HANDLED | SCR_REDRAW;   /* the reset wiped the PIN */
	rc = cardflow_read(st->cf, wgt_field_value(&st->pin), st->confirm_last, &st->card, &left);
	wgt_field_wipe(&st->pin);
	wgt_field_init(&st->pin, WGT_FIELD_MASKED, 8);
	st->confirm_last = 0;
	if (left >= 0)
		st->retries = left;
	if (rc == 0) {
		st->have_card = 1;
		if (kiosk_card_check(app->ctx, &st->card, &m) != 0) {
			kiosk_log_use(app->ctx, "refused", (int)st->card.verdict);
			kiosk_wipe(&st->card, sizeof st->card);
			st->have_card = 0;
			stop(s, st, m);
		} else {
			go(s, st, PH_CARD);
		}
		return SCR_HANDLED | SCR_REDRAW;
	}
	kiosk_wipe(&st->card, sizeof st->card);
	switch (rc) {
	case MG_ECARD_PIN_WRONG:
		if (st->retries == 0) {
			kiosk_log_use(app->ctx, "pin_blocked", -1);
			stop(s, st, MSG("kiosk_pin_blocked"));
			break;
		}
		snprintf(n, sizeof n, "%d", st->retries);
		say(st, st->retries > 0 ? MSG("kiosk_pin_wrong") : MSG("kiosk_pin_wrong_unknown"), n,
		    CELLS_R_ERROR | CELLS_BOLD);
		break;
	case MG_ECARD_PIN_BLOCKED:
		kiosk_log_use(app->ctx, "pin_blocked", -1);
		stop(s, st, MSG("kiosk_pin_blocked"));
		break;
	case MG_ECARD_PIN_LASTTRY:
		st->retries = 1;
		say(st, MSG("kiosk_pin_last_confirm"), NULL, CELLS_R_ALERT | CELLS_BOLD);
		break;
	case MG_ECARD_PIN_FORMAT:
		say(st, MSG("kiosk_pin_format"), NULL, CELLS_R_ERROR | CELLS_BOLD);
		break;
	case MG_ECARD_REMOVED:
	case MG_ECARD_NOCARD:
		reset(app, s, st, "removed");
		break;
	default:
		kiosk_log_use(app->ctx, "read_error", -1);
		stop(s, st, mg_rc_msgid(rc));
		break;
	}
	return SCR_HANDLED | SCR_REDRAW;
}

/* The text of a procedure row. */
static void kind_row(void *arg, int i, char *buf, size_t cap)
{
	(void)arg;
	snprintf(buf, cap, " %d   %s", i + 1, i18n_msg(kiosk_kind_msgid((enum kiosk_kind)(i + 1))));
}

/* The text of a 町字 row. */
static void town_row(void *arg, int i, char *buf, size_t cap)
{
	const struct kiosk_st *st = arg;

	snprintf(buf, cap, " %s", st->towns[i].name);
}

/* Collect one 町字 for the picker. */
static int town_add(void *arg, const char *code, const char *name)
{
	struct kiosk_st *st = arg;

	if (st->n_towns >= TOWNS_MAX)
		return 1;
	snprintf(st->towns[st->n_towns].code, sizeof st->towns[0].code, "%s", code);
	snprintf(st->towns[st->n_towns].name, sizeof st->towns[0].name, "%s", name);
	st->n_towns++;
	return 0;
}

/* Set up the form of the chosen procedure. */
static void form_setup(struct kiosk_st *st)
{
	for (int i = 0; i < 4; i++)
		wgt_field_wipe(&st->f[i]);
	memset(st->items, 0, sizeof st->items);
	if (st->ans.kind == KIOSK_TENNYU) {
		wgt_field_init(&st->f[0], WGT_FIELD_DATE, 40);
		wgt_field_init(&st->f[1], WGT_FIELD_TEXT, 120);
		wgt_field_init(&st->f[2], WGT_FIELD_TEXT, 120);
		wgt_field_init(&st->f[3], WGT_FIELD_DIGITS, 4);
		wgt_field_set(&st->f[3], "1");
		st->items[0] = (struct wgt_form_item){ MSG("kiosk_f_tennyu_date"), &st->f[0], 24, 1,
		                                       MSG("kiosk_f_date_hint"), NULL };
		st->items[1] = (struct wgt_form_item){ MSG("kiosk_f_banchi"), &st->f[1], 30, 1,
		                                       MSG("kiosk_f_banchi_hint"), NULL };
		st->items[2] = (struct wgt_form_item){ MSG("kiosk_f_katagaki"), &st->f[2], 30, 0,
		                                       MSG("kiosk_f_optional"), NULL };
		st->items[3] = (struct wgt_form_item){ MSG("kiosk_f_members"), &st->f[3], 4, 1,
		                                       MSG("kiosk_f_members_hint"), NULL };
	} else {
		wgt_field_init(&st->f[0], WGT_FIELD_DATE, 40);
		wgt_field_init(&st->f[1], WGT_FIELD_TEXT, 200);
		wgt_field_init(&st->f[2], WGT_FIELD_DIGITS, 8);
		wgt_field_init(&st->f[3], WGT_FIELD_DIGITS, 2);
		wgt_field_set(&st->f[3], "1");
		st->items[0] = (struct wgt_form_item){ MSG("kiosk_f_planned_date"), &st->f[0], 24, 1,
		                                       MSG("kiosk_f_date_hint"), NULL };
		st->items[1] = (struct wgt_form_item){ MSG("kiosk_f_dest"), &st->f[1], 40, 1, NULL,
		                                       NULL };
		st->items[2] = (struct wgt_form_item){ MSG("kiosk_f_dest_code"), &st->f[2], 8, 0,
		                                       MSG("kiosk_f_dest_code_hint"), NULL };
		st->items[3] = (struct wgt_form_item){ MSG("kiosk_f_who"), &st->f[3], 2, 1,
		                                       MSG("kiosk_f_who_hint"), NULL };
	}
	wgt_form_init(&st->form, st->items, 4);
}

/* Choose procedure k. */
static int kind_pick(struct scr_app *app, struct scr *s, struct kiosk_st *st, int k)
{
	int rc;

	memset(&st->ans, 0, sizeof st->ans);
	st->ans.kind = (enum kiosk_kind)k;
	if (k == KIOSK_JUSHO) {
		go(s, st, PH_CONFIRM);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (k == KIOSK_TENNYU) {
		if (!st->towns) {
			st->towns = calloc(TOWNS_MAX, sizeof *st->towns);
			if (!st->towns)
				return SCR_HANDLED | SCR_REDRAW;
			st->n_towns = 0;
			rc = kiosk_machiaza_list(app->ctx, town_add, st);
			if (rc < 0) {
				say(st, mg_rc_msgid(rc), NULL, CELLS_R_ERROR | CELLS_BOLD);
				return SCR_HANDLED | SCR_REDRAW;
			}
		}
		wgt_list_init(&st->town_list, st->n_towns, town_row, st);
		form_setup(st);
		go(s, st, PH_TOWN);
		return SCR_HANDLED | SCR_REDRAW;
	}
	form_setup(st);
	go(s, st, PH_FORM);
	return SCR_HANDLED | SCR_REDRAW;
}

/* Check the form and take its values into the answers. */
static int form_submit(struct scr_app *app, struct scr *s, struct kiosk_st *st)
{
	const char *m = NULL;
	int rc;

	if (wgt_form_check(&st->form) != 0)
		return SCR_HANDLED | SCR_REDRAW;
	i18n_date_format_iso(st->f[0].day, st->ans.move_date);
	if (st->ans.kind == KIOSK_TENNYU) {
		snprintf(st->ans.banchi, sizeof st->ans.banchi, "%s", wgt_field_value(&st->f[1]));
		snprintf(st->ans.katagaki, sizeof st->ans.katagaki, "%s", wgt_field_value(&st->f[2]));
		st->ans.n_members = atoi(st->f[3].digits);
	} else {
		snprintf(st->ans.dest_address, sizeof st->ans.dest_address, "%s",
		         wgt_field_value(&st->f[1]));
		if (strlen(st->f[2].digits) >= sizeof st->ans.dest_muni_code) {
			st->items[2].error_msgid = MSG("kiosk_ans_dest_code_bad");
			st->form.focus = 2;
			return SCR_HANDLED | SCR_REDRAW;
		}
		memcpy(st->ans.dest_muni_code, st->f[2].digits, strlen(st->f[2].digits) + 1);
		if (strcmp(st->f[3].digits, "1") != 0 && strcmp(st->f[3].digits, "2") != 0) {
			st->items[3].error_msgid = MSG("kiosk_f_who_bad");
			st->form.focus = 3;
			return SCR_HANDLED | SCR_REDRAW;
		}
		st->ans.household = strcmp(st->f[3].digits, "2") == 0;
	}
	rc = kiosk_answers_check(app->ctx, &st->card, &st->ans, &m);
	if (rc == MG_EINVAL && m) {
		say(st, m, NULL, CELLS_R_ERROR | CELLS_BOLD);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (rc) {
		say(st, mg_rc_msgid(rc), NULL, CELLS_R_ERROR | CELLS_BOLD);
		return SCR_HANDLED | SCR_REDRAW;
	}
	go(s, st, PH_CONFIRM);
	return SCR_HANDLED | SCR_REDRAW;
}

/* Store the application and show its number, if the card is still the one read. */
static int send(struct scr_app *app, struct scr *s, struct kiosk_st *st)
{
	const char *m = NULL;
	int rc;

	if (!card_stayed(app, s, st))
		return SCR_HANDLED | SCR_REDRAW;
	rc = kiosk_create(app->ctx, &st->card, &st->ans, st->no);
	if (rc == 0) {
		kiosk_wipe(&st->ans, sizeof st->ans);
		for (int i = 0; i < 4; i++)
			wgt_field_wipe(&st->f[i]);
		st->need_removal = 1;
		go(s, st, PH_DONE);
		return SCR_HANDLED | SCR_REDRAW;
	}
	if (rc == MG_EINVAL && kiosk_answers_check(app->ctx, &st->card, &st->ans, &m) == MG_EINVAL &&
	    m)
		say(st, m, NULL, CELLS_R_ERROR | CELLS_BOLD);
	else
		say(st, mg_rc_msgid(rc), NULL, CELLS_R_ERROR | CELLS_BOLD);
	return SCR_HANDLED | SCR_REDRAW;
}

/* Esc on the form: back to the previous step, asking first when something was typed. */
static int form_back(struct scr_app *app, struct scr *s, struct kiosk_st *st)
{
	if (wgt_form_changed(&st->form)) {
		wgt_dialog_open(&app->dialog, WGT_DIALOG_CONFIRM, MSG("kiosk_discard_title"),
		                MSG("kiosk_discard"), NULL, 1);
		st->asking = 1;
		return SCR_HANDLED | SCR_REDRAW;
	}
	go(s, st, st->ans.kind == KIOSK_TENNYU ? PH_TOWN : PH_KIND);
	return SCR_HANDLED | SCR_REDRAW;
}

/* Switch between Japanese and English for this resident. */
static int toggle_lang(void)
{
	i18n_msg_init(strcmp(i18n_msg_lang(), "en") == 0 ? "ja" : "en");
	return SCR_HANDLED | SCR_REDRAW;
}

/* Keys of the steps. */
static int kiosk_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct kiosk_st *st = s->st;
	int act = wgt_keybar_match(s->ops->keys, k), r;

	if (act == ACT_LANG)
		return toggle_lang();
	if (act == ACT_ADMIN)
		return admin_open(s, st);
	switch (st->ph) {
	case PH_STAFF:
		if (act == ACT_OK)
			return staff_login(app, s, st);
		r = wgt_form_key(&st->login, k);
		if (r & WGT_SUBMIT)
			return staff_login(app, s, st);
		if (r)
			st->msgid = NULL;
		return r ? SCR_HANDLED | SCR_REDRAW : 0;
	case PH_ADMIN:
		if (act == ACT_BACK) {
			wipe_fields(st);
			go(s, st, st->admin_back);
			return SCR_HANDLED | SCR_REDRAW;
		}
		if (act == ACT_OK)
			return admin_exit(app, s, st);
		r = wgt_form_key(&st->login, k);
		if (r & WGT_SUBMIT)
			return admin_exit(app, s, st);
		return r ? SCR_HANDLED | SCR_REDRAW : 0;
	case PH_PIN:
		if (act == ACT_BACK) {
			reset(app, s, st, "cancel");
			return SCR_HANDLED | SCR_REDRAW;
		}
		if (act == ACT_OK)
			return pin_send(app, s, st);
		if (k->code == UI_K_CHAR && (k->ch < L'0' || k->ch > L'9'))
			return SCR_HANDLED;   /* digits only */
		if (wgt_field_key(&st->pin, k) & WGT_HANDLED) {
			if (!st->confirm_last)
				st->msgid = NULL;
			return SCR_HANDLED | SCR_REDRAW;
		}
		return 0;
	case PH_CARD:
		if (act == ACT_BACK) {
			reset(app, s, st, "cancel");
			return SCR_HANDLED | SCR_REDRAW;
		}
		if (act == ACT_OK) {
			wgt_list_init(&st->kinds, 3, kind_row, st);
			go(s, st, PH_KIND);
			return SCR_HANDLED | SCR_REDRAW;
		}
		return 0;
	case PH_KIND:
		if (act == ACT_BACK) {
			go(s, st, PH_CARD);
			return SCR_HANDLED | SCR_REDRAW;
		}
		if (act >= ACT_K1 && act <= ACT_K3)
			return kind_pick(app, s, st, act - ACT_K1 + 1);
		if (act == ACT_OK)
			return kind_pick(app, s, st, st->kinds.sel + 1);
		return (wgt_list_key(&st->kinds, k) & WGT_HANDLED) ? SCR_HANDLED | SCR_REDRAW : 0;
	case PH_TOWN:
		if (act == ACT_BACK) {
			go(s, st, PH_KIND);
			return SCR_HANDLED | SCR_REDRAW;
		}
		if (act == ACT_OK && st->n_towns > 0) {
			snprintf(st->ans.addr_code, sizeof st->ans.addr_code, "%s",
			         st->towns[st->town_list.sel].code);
			go(s, st, PH_FORM);
			return SCR_HANDLED | SCR_REDRAW;
		}
		return (wgt_list_key(&st->town_list, k) & WGT_HANDLED) ? SCR_HANDLED | SCR_REDRAW : 0;
	case PH_FORM:
		if (act == ACT_BACK)
			return form_back(app, s, st);
		if (act == ACT_OK)
			return form_submit(app, s, st);
		r = wgt_form_key(&st->form, k);
		if (r & WGT_SUBMIT)
			return form_submit(app, s, st);
		if (r & WGT_CHANGED)
			st->msgid = NULL;
		return r ? SCR_HANDLED | SCR_REDRAW : 0;
	case PH_CONFIRM:
		if (act == ACT_BACK) {
			if (st->ans.kind == KIOSK_JUSHO)
				go(s, st, PH_KIND);
			else
				go(s, st, PH_FORM);
			return SCR_HANDLED | SCR_REDRAW;
		}
		if (act == ACT_SEND)
			return send(app, s, st);
		return 0;
	case PH_DONE:
		if (act == ACT_OK) {
			reset(app, s, st, NULL);
			return SCR_HANDLED | SCR_REDRAW;
		}
		return 0;
	default:
		return 0;
	}
}

/* The back-off of the staff page shown (start or admin exit). */
static struct kiosk_exit_guard *page_guard(struct kiosk_st *st)
{
	return st->ph == PH_STAFF ? &st->start_guard : &st->guard;
}

/* Time passes: the card reader, the idle time and the discard question. */
static int kiosk_tick(struct scr_app *app, struct scr *s)
{
	struct kiosk_st *st = s->st;
	int rc, left = -1;

	if (st->asking && !app->dialog.open) {
		st->asking = 0;
		if (app->dialog.answer == WGT_ANSWER_YES && app->dialog.tag == 1) {
			form_setup(st);
			go(s, st, st->ans.kind == KIOSK_TENNYU ? PH_TOWN : PH_KIND);
		}
		return SCR_REDRAW;
	}
	if (st->ph == PH_STAFF || st->ph == PH_ADMIN) {
		long long wait = kiosk_exit_wait(page_guard(st), app->now);

		if (st->ph == PH_STAFF) {
			/* nothing typed stays on the unattended start page */
			if (app->now - app->last_input >= idle_seconds(app) &&
			    (wgt_field_value(&st->id)[0] || st->msgid)) {
				wipe_fields(st);
				st->msgid = NULL;
				return SCR_REDRAW;
			}
		} else if (app->now - app->last_input >= idle_seconds(app)) {
			wipe_fields(st);
			st->wait_shown = 0;
			if (resident_step(st->admin_back))
				reset(app, s, st, "idle");
			else
				go(s, st, st->admin_back);
			return SCR_REDRAW;
		}
		if (wait > 0 || st->wait_shown) {
			st->wait_shown = wait > 0;
			return SCR_REDRAW;   /* the countdown, and its end */
		}
		return 0;
	}
	if (st->ph == PH_NOREADER) {
		if (app->now >= st->reader_retry) {
			open_reader(app, s, st);
			return SCR_REDRAW;
		}
		return 0;
	}
	if (!st->cf)
		return 0;
	if (resident_step(st->ph)) {
		if (app->now - app->last_input >= idle_seconds(app)) {
			reset(app, s, st, st->ph == PH_DONE || st->ph == PH_STOP ? NULL : "idle");
			return SCR_REDRAW;
		}
		return card_stayed(app, s, st) ? 0 : SCR_REDRAW;
	}
	/* PH_START */
	rc = cardflow_wait(st->cf, !st->need_removal, st->need_removal ? 20 : 50);
	if (rc != 0 && rc != MG_ECARD_TIMEOUT) {
		reader_lost(app, s, st, rc);
		return SCR_REDRAW;
	}
	st->reader_down = 0;
	if (st->need_removal) {
		/* out and back in between two ticks counts as taken */
		if (rc == 0 || cardflow_same_card(st->cf) == 0) {
			st->need_removal = 0;
			return SCR_REDRAW;
		}
		return 0;
	}
	if (rc != 0)
		return 0;
	/* the session belongs to this card: any removal from now on ends it */
	rc = cardflow_mark(st->cf);
	if (rc == MG_ECARD_NOCARD || rc == MG_ECARD_REMOVED)
		return 0;
	if (rc != 0) {
		reader_lost(app, s, st, rc);
		return SCR_REDRAW;
	}
	rc = cardflow_retries(st->cf, &left);
	if (rc == MG_ECARD_REMOVED || rc == MG_ECARD_NOCARD)
		return 0;
	app->last_input = app->now;
	st->retries = rc == 0 ? left : -1;
	if (rc == 0 && left == 0) {
		kiosk_log_use(app->ctx, "pin_blocked", -1);
		stop(s, st, MSG("kiosk_pin_blocked"));
		return SCR_REDRAW;
	}
	if (rc != 0 && rc != MG_ECARD_SW) {
		kiosk_log_use(app->ctx, "read_error", -1);
		stop(s, st, mg_rc_msgid(rc));
		return SCR_REDRAW;
	}
	wgt_field_init(&st->pin, WGT_FIELD_MASKED, 8);
	go(s, st, PH_PIN);
	return SCR_REDRAW;
}

/* A 5-row block font for the 受付番号 ("K", "-", digits), '#' on blank. */
static const char *const big_font[12][5] = {
	{ "####", "#  #", "#  #", "#  #", "####" },   /* 0 */
	{ "  # ", " ## ", "  # ", "  # ", " ###" },   /* 1 */
	{ "####", "   #", "####", "#   ", "####" },   /* 2 */
	{ "####", "   #", " ###", "   #", "####" },   /* 3 */
	{ "#  #", "#  #", "####", "   #", "   #" },   /* 4 */
	{ "####", "#   ", "####", "   #", "####" },   /* 5 */
	{ "####", "#   ", "####", "#  #", "####" },   /* 6 */
	{ "####", "   #", "  # ", " #  ", " #  " },   /* 7 */
	{ "####", "#  #", "####", "#  #", "####" },   /* 8 */
	{ "####", "#  #", "####", "   #", "####" },   /* 9 */
	{ "#  #", "# # ", "##  ", "# # ", "#  #" },   /* K */
	{ "    ", "    ", "####", "    ", "    " },   /* - */
};

/* Draw the number in the block font from (x, y); returns the columns used. */
static int draw_big(struct cells *c, int x, int y, const char *no)
{
	int cx = x;

	for (const char *p = no; *p; p++) {
		int g = *p >= '0' && *p <= '9' ? *p - '0' : *p == 'K' ? 10 : *p == '-' ? 11 : -1;

		if (g < 0)
			continue;
		for (int row = 0; row < 5; row++)
			cells_text(c, cx, y + row, 4, big_font[g][row], CELLS_R_TITLE | CELLS_BOLD, 0);
		cx += 6;
	}
	return cx - x;
}

/* A heading line: bold, with a blank line after. Returns the next row. */
static int heading(struct cells *c, int y, const char *msgid)
{
	return y + cells_wrap(c, 4, y, c->w - 8, 3, i18n_msg(msgid), CELLS_R_NORMAL | CELLS_BOLD) + 1;
}

/* One "label  value" row. Returns the next row. */
static int field_row(struct cells *c, int y, const char *label_msgid, const char *value)
{
	int lw = cells_text(c, 6, y, 20, i18n_msg(label_msgid), CELLS_R_LABEL, CELLS_ELLIPSIS);

	(void)lw;
	cells_text(c, 24, y, c->w - 28, value, CELLS_R_NORMAL | CELLS_BOLD, CELLS_ELLIPSIS);
	return y + 1;
}

/* The card holder's own data and the verdict (never the 個人番号). */
static int draw_card(struct kiosk_st *st, struct cells *c, int y)
{
	char d[64];

	y = field_row(c, y, MSG("kiosk_card_name"), st->card.name);
	y = field_row(c, y, MSG("kiosk_card_address"), st->card.address);
	i18n_wareki_text(st->card.birth, d, sizeof d);
	y = field_row(c, y, MSG("kiosk_card_birth"), d);
	y = field_row(c, y, MSG("kiosk_card_sex"),
	              i18n_msg(st->card.sex[0] == '1' ? MSG("kiosk_sex_1") :
	                       st->card.sex[0] == '2' ? MSG("kiosk_sex_2") : MSG("kiosk_sex_9")));
	if (st->card.card_expiry[0]) {
		i18n_wareki_text(st->card.card_expiry, d, sizeof d);
		y = field_row(c, y, MSG("kiosk_card_expiry"), d);
	}
	return y;
}

/* The answers, for the confirmation page. */
static int draw_answers(struct scr_app *app, struct kiosk_st *st, struct cells *c, int y)
{
	char d[64], town[160], n[16];

	y = field_row(c, y, MSG("kiosk_sum_kind"), i18n_msg(kiosk_kind_msgid(st->ans.kind)));
	if (st->ans.kind == KIOSK_TENNYU) {
		i18n_wareki_text(st->ans.move_date, d, sizeof d);
		y = field_row(c, y, MSG("kiosk_f_tennyu_date"), d);
		if (kiosk_machiaza_name(app->ctx, st->ans.addr_code, town, sizeof town) != 0)
			town[0] = 0;
		snprintf(town + strlen(town), sizeof town - strlen(town), "%s", st->ans.banchi);
		y = field_row(c, y, MSG("kiosk_sum_new_address"), town);
		if (st->ans.katagaki[0])
			y = field_row(c, y, MSG("kiosk_f_katagaki"), st->ans.katagaki);
		snprintf(n, sizeof n, "%d", st->ans.n_members);
		y = field_row(c, y, MSG("kiosk_f_members"), n);
	} else if (st->ans.kind == KIOSK_TENSHUTSU) {
		i18n_wareki_text(st->ans.move_date, d, sizeof d);
		y = field_row(c, y, MSG("kiosk_f_planned_date"), d);
		y = field_row(c, y, MSG("kiosk_f_dest"), st->ans.dest_address);
		if (st->ans.dest_muni_code[0])
			y = field_row(c, y, MSG("kiosk_f_dest_code"), st->ans.dest_muni_code);
		y = field_row(c, y, MSG("kiosk_f_who"),
		              i18n_msg(st->ans.household ? MSG("kiosk_who_household") :
		                                           MSG("kiosk_who_self")));
	}
	return y;
}

/* The message line, if any. Returns the rows used. */
static int draw_msg(struct kiosk_st *st, struct cells *c, int y, int maxlines)
{
	char buf[768];
	const char *a[1] = { st->msgarg };

	if (!st->msgid)
		return 0;
	if (i18n_msg_format(buf, sizeof buf, st->msgid, 1, a) < 0)
		snprintf(buf, sizeof buf, "%s", i18n_msg(st->msgid));
	return cells_wrap(c, 4, y, c->w - 8, maxlines, buf, st->msg_attr);
}

/* The staff and admin pages' neutral "please wait" while the back-off lasts. */
static void draw_wait(struct scr_app *app, struct kiosk_st *st, struct cells *c, int y)
{
	char n[24], buf[512];
	const char *a[1] = { n };
	long long wait = kiosk_exit_wait(page_guard(st), app->now);

	if (wait <= 0)
		return;
	snprintf(n, sizeof n, "%lld", wait);
	if (i18n_msg_format(buf, sizeof buf, MSG("kiosk_admin_wait"), 1, a) < 0)
		return;
	cells_wrap(c, 4, y, c->w - 8, 2, buf, CELLS_R_ALERT | CELLS_BOLD);
}

/* The body of each step. */
static void kiosk_draw(struct scr_app *app, struct scr *s, struct cells *c, int top, int rows)
{
	struct kiosk_st *st = s->st;
	int y = top + 1, bottom = top + rows;
	char n[16], line[256];
	const char *a[1] = { n };

	switch (st->ph) {
	case PH_STAFF:
	case PH_ADMIN:
		if (app->ctx && app->ctx->muni_name[0])
			cells_text(c, 4, y++, c->w - 8, app->ctx->muni_name, CELLS_R_TITLE | CELLS_BOLD,
			           CELLS_ELLIPSIS);
		y++;
		y = heading(c, y, st->ph == PH_STAFF ? MSG("kiosk_staff_prompt") :
		                                       MSG("kiosk_admin_prompt"));
		wgt_form_draw(&st->login, c, 4, y, c->w - 8, 4);
		y += wgt_form_rows(&st->login) + 1;
		y += draw_msg(st, c, y, 3);
		draw_wait(app, st, c, y);
		return;
	case PH_NOREADER:
		y = heading(c, y + 1, MSG("kiosk_noreader"));
		draw_msg(st, c, y, 4);
		return;
	case PH_START:
		y += 2;
		if (st->need_removal) {
			y = heading(c, y, MSG("kiosk_take_card"));
			return;
		}
		y = heading(c, y, MSG("kiosk_welcome"));
		y = heading(c, y + 1, MSG("kiosk_place_card"));
		cells_wrap(c, 4, y + 1, c->w - 8, 3, i18n_msg(MSG("kiosk_place_card_note")),
		           CELLS_R_DIM);
		return;
	case PH_PIN:
		y = heading(c, y + 1, MSG("kiosk_pin_prompt"));
		cells_text(c, 6, y, 20, i18n_msg(MSG("kiosk_pin_label")), CELLS_R_LABEL | CELLS_BOLD,
		           CELLS_ELLIPSIS);
		wgt_field_draw(&st->pin, c, 24, y, 10, 1);
		y += 2;
		if (st->retries >= 0) {
			snprintf(n, sizeof n, "%d", st->retries);
			if (i18n_msg_format(line, sizeof line, MSG("kiosk_pin_tries"), 1, a) < 0)
				line[0] = 0;
			cells_text(c, 6, y, c->w - 10, line,
			           st->retries <= 1 ? CELLS_R_ALERT | CELLS_BOLD : CELLS_R_NORMAL,
			           CELLS_ELLIPSIS);
		}
		y += 2;
		y += cells_wrap(c, 4, y, c->w - 8, 3, i18n_msg(MSG("kiosk_pin_note")), CELLS_R_DIM) + 1;
		draw_msg(st, c, y, 4);
		return;
	case PH_CARD:
		y = heading(c, y, MSG("kiosk_card_heading"));
		y = draw_card(st, c, y) + 1;
		y = heading(c, y, MSG("kiosk_verdict_genuine"));
		cells_wrap(c, 4, y, c->w - 8, 2, i18n_msg(MSG("kiosk_card_next")), CELLS_R_NORMAL);
		return;
	case PH_KIND:
		y = heading(c, y + 1, MSG("kiosk_kind_prompt"));
		wgt_list_draw(&st->kinds, c, 6, y, c->w - 12 < 50 ? c->w - 12 : 50, 3);
		return;
	case PH_TOWN:
		y = heading(c, y, MSG("kiosk_town_prompt"));
		wgt_list_draw(&st->town_list, c, 6, y, c->w - 12 < 40 ? c->w - 12 : 40, bottom - y - 1);
		return;
	case PH_FORM:
		y = heading(c, y, st->ans.kind == KIOSK_TENNYU ? MSG("kiosk_form_tennyu") :
		                                                 MSG("kiosk_form_tenshutsu"));
		wgt_form_draw(&st->form, c, 4, y, c->w - 8, 9);
		y += wgt_form_rows(&st->form) + 1;
		draw_msg(st, c, y, bottom - y);
		return;
	case PH_CONFIRM:
		y = heading(c, y, MSG("kiosk_confirm_prompt"));
		y = field_row(c, y, MSG("kiosk_card_name"), st->card.name);
		y = draw_answers(app, st, c, y) + 1;
		draw_msg(st, c, y, bottom - y);
		return;
	case PH_DONE:
		y = heading(c, y, MSG("kiosk_done_heading"));
		if (i18n_msg_format(line, sizeof line, MSG("kiosk_done_number"), 1,
		                    (const char *const[]){ st->no }) < 0)
			line[0] = 0;
		cells_text(c, 6, y, c->w - 10, line, CELLS_R_NORMAL | CELLS_BOLD, CELLS_ELLIPSIS);
		y += 2;
		if (bottom - y >= 9) {
			draw_big(c, 8, y, st->no);
			y += 6;
		}
		cells_wrap(c, 4, y, c->w - 8, bottom - y, i18n_msg(MSG("kiosk_done_note")),
		           CELLS_R_NORMAL | CELLS_BOLD);
		return;
	case PH_STOP:
		y += 1;
		y += cells_wrap(c, 4, y, c->w - 8, 6, i18n_msg(st->stop_msgid ? st->stop_msgid :
		                                               MSG("kiosk_take_card")),
		                CELLS_R_ALERT | CELLS_BOLD) + 1;
		heading(c, y, MSG("kiosk_take_card"));
		return;
	default:
		return;
	}
}

/* Log the kiosk operator out, close the reader, wipe everything. */
static void kiosk_leave(struct scr_app *app, struct scr *s)
{
	struct kiosk_st *st = s->st;

	if (!st)
		return;
	cardflow_close(st->cf);
	/* a resident's session cut short (SIGTERM, SIGHUP) ends on record too */
	if (st->staff && resident_step(st->ph) && st->ph != PH_DONE && st->ph != PH_STOP)
		kiosk_log_use(app->ctx, "shutdown", st->have_card ? (int)st->card.verdict : -1);
	if (st->staff) {
		session_logout(app->ctx, &st->sess);
		if (app->ctx && app->ctx->sess == &st->sess)
			app->ctx->sess = NULL;
	}
	wipe_fields(st);
	if (strcmp(i18n_msg_lang(), st->lang0) != 0)
		i18n_msg_init(st->lang0);
	free(st->towns);
	explicit_bzero(st, sizeof *st);
	free(st);
	s->st = NULL;
}
