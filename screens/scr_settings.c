/*
 * scr_settings.c — 設定, read only (see scr_settings.h).
 */
#include "screens/scr_settings.h"

#include "screens/cells.h"
#include "screens/ui.h"
#include "screens/wgt.h"
#include "screens/wgt_keybar.h"

#include "app/app_ctx.h"
#include "app/config.h"
#include "app/view_admin.h"
#include "i18n/i18n_date.h"
#include "i18n/i18n_msg.h"
#include "i18n/i18n_wareki.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ACT_BACK = 1 };

static const struct wgt_keybar_item settings_keys[] = {
	{ UI_K_ESC, ACT_BACK, MSG("adm_key_back") },
	{ 0, 0, NULL }
};

/* The settings shown, in this order (the only ones shown). */
enum set_row {
	R_TERMINAL, R_MODE, R_DB, R_CS, R_LOG, R_LANG, R_READER, R_TRUST,
	R_IDLE_LOCK, R_IDLE_LOGOUT, R_RESULT_CAP, R_REVEAL,
	R_HOURS, R_DAYS, R_YEAR_END, R_HOLIDAYS, R_CLOSED,
	R_CAPTURE, R_LOCKOUT, R_MIN_PW, R_SCRYPT,
	R_COUNT
};

/* The label of each row (catalog key: its name and its key in the file). */
static const char *const row_label[R_COUNT] = {
	[R_TERMINAL] = MSG("adm_set_terminal_id"),
	[R_MODE] = MSG("adm_set_mode"),
	[R_DB] = MSG("adm_set_db_path"),
	[R_CS] = MSG("adm_set_cs_path"),
	[R_LOG] = MSG("adm_set_log_file"),
	[R_LANG] = MSG("adm_set_lang"),
	[R_READER] = MSG("adm_set_reader"),
	[R_TRUST] = MSG("adm_set_trust_store"),
	[R_IDLE_LOCK] = MSG("adm_set_idle_lock"),
	[R_IDLE_LOGOUT] = MSG("adm_set_idle_logout"),
	[R_RESULT_CAP] = MSG("adm_set_result_cap"),
	[R_REVEAL] = MSG("adm_set_reveal"),
	[R_HOURS] = MSG("adm_set_office_hours"),
	[R_DAYS] = MSG("adm_set_office_days"),
	[R_YEAR_END] = MSG("adm_set_year_end"),
	[R_HOLIDAYS] = MSG("adm_set_holidays"),
	[R_CLOSED] = MSG("adm_set_closed_days"),
	[R_CAPTURE] = MSG("adm_set_allow_capture"),
	[R_LOCKOUT] = MSG("adm_set_lockout"),
	[R_MIN_PW] = MSG("adm_set_min_pw"),
	[R_SCRYPT] = MSG("adm_set_scrypt"),
};

/* Weekday names, Sunday first (office_days bit d). */
static const char *const weekday[7] = {
	MSG("adm_wd_0"), MSG("adm_wd_1"), MSG("adm_wd_2"), MSG("adm_wd_3"),
	MSG("adm_wd_4"), MSG("adm_wd_5"), MSG("adm_wd_6"),
};

#define VALUE_MAX 1536   /* bytes of one shown value */

struct settings_st {
	struct view_admin_settings set;     /* what is shown */
	char value[R_COUNT][VALUE_MAX];     /* each row's text */
	int scroll;                         /* first row shown */
	int shown;                          /* rows shown by the last draw */
};

/* Format a catalog key with up to three string arguments into out. */
static void fmt(char *out, size_t cap, const char *key, const char *a0, const char *a1,
                const char *a2)
{
	const char *a[3] = { a0, a1, a2 };

	if (i18n_msg_format(out, cap, key, 3, a) < 0)
		out[0] = '\0';
}

/* A number with its unit pattern (e.g. "{0} 秒"); 0 gives off_key when it is not NULL. */
static void number(char *out, size_t cap, const char *key, int n, const char *off_key)
{
	char num[16];

	if (n == 0 && off_key) {
		snprintf(out, cap, "%s", i18n_msg(off_key));
		return;
	}
	snprintf(num, sizeof num, "%d", n);
	fmt(out, cap, key, num, NULL, NULL);
}

/* A text value, or the catalog's words for an empty one. */
static void text(char *out, size_t cap, const char *v, const char *empty_key)
{
	snprintf(out, cap, "%s", v[0] ? v : i18n_msg(empty_key));
}

/* A yes/no value. */
static void yesno(char *out, size_t cap, int v)
{
	snprintf(out, cap, "%s", i18n_msg(v ? MSG("adm_set_yes") : MSG("adm_set_no")));
}

/* "HH:MM" of minutes after midnight. */
static void hhmm(char *out, size_t cap, int min)
{
	snprintf(out, cap, "%02d:%02d", min / 60, min % 60);
}

/* Append s to out (cap bytes) with sep before it when out is not empty. */
static void join(char *out, size_t cap, const char *sep, const char *s)
{
	size_t len = strlen(out);

	if (len > 0 && len < cap)
		len += (size_t)snprintf(out + len, cap - len, "%s", sep);
	if (len < cap)
		snprintf(out + len, cap - len, "%s", s);
}

/* The text of every row from the settings. */
static void build(struct settings_st *st)
{
	const struct config *c = &st->set.cfg;
	char a[32], b[32], d[32], day[64];
	char *v;

	text(st->value[R_TERMINAL], VALUE_MAX, c->terminal_id, MSG("adm_set_none"));
	snprintf(st->value[R_MODE], VALUE_MAX, "%s",
	         i18n_msg(c->mode == CONFIG_MODE_DEMO ? MSG("adm_set_mode_demo")
	                  : c->mode == CONFIG_MODE_TEST ? MSG("adm_set_mode_test")
	                  : MSG("adm_set_mode_production")));
	text(st->value[R_DB], VALUE_MAX, c->db_path, MSG("adm_set_none"));
	text(st->value[R_CS], VALUE_MAX, c->cs_path, MSG("adm_set_none"));
	text(st->value[R_LOG], VALUE_MAX, c->log_file, MSG("adm_set_none"));
	text(st->value[R_LANG], VALUE_MAX, c->lang, MSG("adm_set_lang_locale"));
	text(st->value[R_READER], VALUE_MAX, c->reader, MSG("adm_set_reader_first"));
	text(st->value[R_TRUST], VALUE_MAX, c->trust_store, MSG("adm_set_none"));
	number(st->value[R_IDLE_LOCK], VALUE_MAX, MSG("adm_set_seconds"), c->idle_lock_seconds,
	       MSG("adm_set_never"));
	number(st->value[R_IDLE_LOGOUT], VALUE_MAX, MSG("adm_set_seconds"), c->idle_logout_seconds,
	       MSG("adm_set_never"));
	number(st->value[R_RESULT_CAP], VALUE_MAX, MSG("adm_set_results"), c->result_cap, NULL);
	number(st->value[R_REVEAL], VALUE_MAX, MSG("adm_set_seconds"), c->reveal_seconds, NULL);
	hhmm(a, sizeof a, c->office_open_min);
	hhmm(b, sizeof b, c->office_close_min);
	fmt(st->value[R_HOURS], VALUE_MAX, MSG("adm_set_hours"), a, b, NULL);
	v = st->value[R_DAYS];
	v[0] = '\0';
	for (int i = 1; i <= 7; i++)   /* Monday first, Sunday last */
		if (c->office_days & (1u << (i % 7)))
			join(v, VALUE_MAX, " ", i18n_msg(weekday[i % 7]));
	if (!v[0])
		snprintf(v, VALUE_MAX, "%s", i18n_msg(MSG("adm_set_none")));
	yesno(st->value[R_YEAR_END], VALUE_MAX, c->year_end_closed);
	yesno(st->value[R_HOLIDAYS], VALUE_MAX, c->holidays_closed);
	v = st->value[R_CLOSED];
	v[0] = '\0';
	for (size_t i = 0; i < c->n_closed_days && i < CONFIG_MAX_CLOSED; i++) {
		char iso[I18N_DATE_ISO_LEN];

		i18n_date_format_iso(c->closed_days[i], iso);
		if (i18n_wareki_format_iso(iso, day, sizeof day) <= 0)
			snprintf(day, sizeof day, "%s", iso);
		join(v, VALUE_MAX, i18n_msg(MSG("adm_set_list_sep")), day);
	}
	if (!v[0])
		snprintf(v, VALUE_MAX, "%s", i18n_msg(MSG("adm_set_none")));
	yesno(st->value[R_CAPTURE], VALUE_MAX, c->allow_capture);
	number(st->value[R_LOCKOUT], VALUE_MAX, MSG("adm_set_times"), c->lockout_threshold,
	       MSG("adm_set_never"));
	number(st->value[R_MIN_PW], VALUE_MAX, MSG("adm_set_chars"), c->min_password_length, NULL);
	snprintf(a, sizeof a, "%d", c->scrypt_log2_n);
	snprintf(b, sizeof b, "%d", c->scrypt_r);
	snprintf(d, sizeof d, "%d", c->scrypt_p);
	fmt(st->value[R_SCRYPT], VALUE_MAX, MSG("adm_set_scrypt_value"), a, b, d);
}

/* Load the effective settings. */
static int settings_enter(struct scr_app *app, struct scr *s)
{
	struct settings_st *st = calloc(1, sizeof *st);
	int rc;

	if (!st)
		return MG_ENOMEM;
	rc = view_admin_settings_load(app->ctx, &st->set);
	if (rc) {
		free(st);
		return rc;
	}
	build(st);
	s->st = st;
	return 0;
}

/* Keys: Esc back; arrows and page keys scroll. */
static int settings_key(struct scr_app *app, struct scr *s, const struct ui_key *k)
{
	struct settings_st *st = s->st;
	int old = st->scroll, page = st->shown > 1 ? st->shown - 1 : 1;

	(void)app;
	if (wgt_keybar_match(settings_keys, k) == ACT_BACK)
		return SCR_HANDLED | SCR_CLOSE;
	switch (k->code) {
	case UI_K_UP: st->scroll--; break;
	case UI_K_DOWN: st->scroll++; break;
	case UI_K_PGUP: st->scroll -= page; break;
	case UI_K_PGDN: st->scroll += page; break;
	case UI_K_HOME: st->scroll = 0; break;
	case UI_K_END: st->scroll = R_COUNT - 1; break;
	default: return 0;
	}
	if (st->scroll > R_COUNT - 1)
		st->scroll = R_COUNT - 1;
	if (st->scroll < 0)
		st->scroll = 0;
	return st->scroll != old ? SCR_HANDLED | SCR_REDRAW : SCR_HANDLED;
}

/* The lines row r takes in a value column of vw columns (at most 4). */
static int row_lines(const struct settings_st *st, int r, int vw)
{
	int n = cells_wrap(NULL, 0, 0, vw, 4, st->value[r], CELLS_R_NORMAL);

	return n < 1 ? 1 : n > 4 ? 4 : n;
}

/* The file, the notice, then the rows from scroll: label column and wrapped value. */
static void settings_draw(struct scr_app *app, struct scr *s, struct cells *c, int top,
                          int rows)
{
	struct settings_st *st = s->st;
	char line[CONFIG_PATH_MAX + 256], a[16], b[16];
	int x = 2, w = c->w - 4, y = top, end = top + rows - 1, lw = 0, vx, vw, r, h;

	(void)app;
	if (st->set.source[0])
		fmt(line, sizeof line, st->set.source_explicit ? MSG("adm_set_source")
		                                               : MSG("adm_set_source_default"),
		    st->set.source, NULL, NULL);
	else
		snprintf(line, sizeof line, "%s", i18n_msg(MSG("adm_set_source_none")));
	y += cells_wrap(c, x, y, w, 2, line, CELLS_R_NORMAL | CELLS_BOLD);
	y += cells_wrap(c, x, y, w, 3, i18n_msg(MSG("adm_set_how_to_change")), CELLS_R_ALERT);
	cells_hline(c, x, y++, w, CELLS_R_DIM);
	for (int i = 0; i < R_COUNT; i++) {
		int lwi = cells_width(i18n_msg(row_label[i]));

		if (lwi > lw)
			lw = lwi;
	}
	if (lw > w - 26)
		lw = w - 26;
	vx = x + lw + 2;
	vw = x + w - vx;
	/* The last page is a full one: scroll no further than the rows that fill it. */
	for (r = R_COUNT - 1, h = 0; r >= 0; r--) {
		h += row_lines(st, r, vw);
		if (h > end - y)
			break;
	}
	if (st->scroll > r + 1)
		st->scroll = r + 1;
	for (r = st->scroll; r < R_COUNT && y < end; r++) {
		int need = row_lines(st, r, vw);

		if (y + need > end && r > st->scroll)
			break;
		cells_text(c, x, y, lw, i18n_msg(row_label[r]), CELLS_R_LABEL, CELLS_ELLIPSIS);
		y += cells_wrap(c, vx, y, vw, end - y < 4 ? end - y : 4, st->value[r], CELLS_R_NORMAL);
	}
	st->shown = r - st->scroll;
	snprintf(a, sizeof a, "%d", st->scroll + 1);
	snprintf(b, sizeof b, "%d", R_COUNT);
	fmt(line, sizeof line, MSG("adm_set_scroll"), a, b, NULL);
	cells_text(c, x, end, w, line, CELLS_R_DIM, CELLS_ELLIPSIS);
}

/* Free the state. */
static void settings_leave(struct scr_app *app, struct scr *s)
{
	(void)app;
	free(s->st);
	s->st = NULL;
}

const struct scr_ops scr_settings = {
	.name = "settings",
	.title_msgid = MSG("adm_set_title"),
	.keys = settings_keys,
	.needs_session = 1,
	.enter = settings_enter,
	.key = settings_key,
	.tick = NULL,
	.draw = settings_draw,
	.leave = settings_leave,
};
