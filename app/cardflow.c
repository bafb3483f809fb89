/*
 * cardflow.c — a My Number card read for the screens and the kiosk (see
 * cardflow.h): PC/SC through card/card_pcsc.h, the 券面事項入力補助AP
 * through card/card_kenhojo.h (which applies the PIN rule), authenticity
 * through card/card_verify.h with the configuration's trust store, and one
 * AUDIT_CARD_READ row per read (verdict or error code, never the PIN or the
 * data). The only app/ file that calls card/.
 */
#include "app/cardflow.h"

#include "app/audit.h"
#include "app/config.h"
#include "app/perm.h"
#include "card/card_kenhojo.h"
#include "card/card_pcsc.h"
#include "card/card_secret.h"
#include "card/card_verify.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The transport constructor. The unit tests put an in-process emulated card
 * here (card_pcsc_open_ops); everything else uses libpcsclite.
 */
int (*cardflow_transport)(struct card_pcsc **out) = card_pcsc_open;

struct cardflow {
	struct app_ctx *ctx;                 /* borrowed */
	struct card_pcsc *pc;                /* the PC/SC context (owned) */
	struct card_trust *trust;            /* the trust store, NULL when none configured */
	unsigned vflags;                     /* CARD_VERIFY_ALLOW_DEMO outside production */
	char want[CARD_PCSC_NAME_MAX];       /* the reader asked for ("" = any) */
	char reader[CARD_PCSC_NAME_MAX];     /* where the card was last seen ("" = not yet) */
	char bound[CARD_PCSC_NAME_MAX];      /* cardflow_mark's reader ("" = nothing bound) */
	unsigned events;                     /* pcscd's insert/remove count there at the mark */
};

int cardflow_open(struct app_ctx *ctx, const char *reader, struct cardflow **out)
{
	struct card_pcsc_reader list[CARD_PCSC_READERS];
	const struct config *cfg;
	struct cardflow *cf = NULL;
	size_t n = 0;
	int rc;

	if (!out)
		return MG_EINVAL;
	*out = NULL;
	if (!ctx)
		return MG_EINVAL;
	rc = perm_check(ctx, PERM_CARD_READ);
	if (rc)
		return rc;
	cf = calloc(1, sizeof *cf);
	if (!cf)
		return MG_ENOMEM;
	cf->ctx = ctx;
	cfg = ctx->cfg;
	if (reader && reader[0])
		snprintf(cf->want, sizeof cf->want, "%s", reader);
	else if (cfg && cfg->reader[0])
		snprintf(cf->want, sizeof cf->want, "%s", cfg->reader);
	/* The demo CA of the emulator is trusted only in demo and test mode. */
	cf->vflags = cfg && cfg->mode != CONFIG_MODE_PRODUCTION ? CARD_VERIFY_ALLOW_DEMO : 0;
	if (cfg && cfg->trust_store[0]) {
		/* In production only root may change what vouches for a card (MG_ECARD_TRUST_PERM). */
		rc = card_verify_trust_load(cfg->trust_store,
		                            cfg->mode == CONFIG_MODE_PRODUCTION ?
		                            CARD_VERIFY_TRUST_GUARDED : 0,
		                            &cf->trust, NULL, NULL, 0);
		if (rc)
			goto fail;
	}
	rc = cardflow_transport(&cf->pc);
	if (rc)
		goto fail;
	rc = card_pcsc_readers(cf->pc, list, CARD_PCSC_READERS, &n);
	if (rc)
		goto fail;
	if (cf->want[0]) {
		size_t i;

		for (i = 0; i < n && strcmp(list[i].name, cf->want) != 0; i++)
			;
		if (i == n) {
			rc = MG_ECARD_NOREADER;
			goto fail;
		}
	}
	*out = cf;
	return 0;
fail:
	cardflow_close(cf);
	return rc;
}

void cardflow_close(struct cardflow *cf)
{
	if (!cf)
		return;
	card_pcsc_close(cf->pc);
	card_verify_trust_free(cf->trust);
	explicit_bzero(cf, sizeof *cf);
	free(cf);
}

int cardflow_wait(struct cardflow *cf, int present, int timeout_ms)
{
	char name[CARD_PCSC_NAME_MAX];
	const char *r = NULL;
	int rc;

	if (!cf)
		return MG_EINVAL;
	if (cf->want[0])
		r = cf->want;
	else if (!present && cf->reader[0])
		r = cf->reader;   /* the card we read leaves the reader it was in */
	rc = card_pcsc_wait(cf->pc, r, present ? 1 : 0, timeout_ms < 0 ? 0 : timeout_ms, name,
	                    sizeof name);
	if (rc == 0 && present)
		memcpy(cf->reader, name, sizeof cf->reader);
	return rc;
}

/* The reader to talk to: the one the card was seen in, else the chosen one. */
static int cf_reader(struct cardflow *cf)
{
	if (cf->reader[0])
		return 0;
	return card_pcsc_choose(cf->pc, cf->want[0] ? cf->want : NULL, cf->reader,
	                        sizeof cf->reader);
}

int cardflow_mark(struct cardflow *cf)
{
	int rc, present = 0;

	if (!cf)
		return MG_EINVAL;
	cf->bound[0] = '\0';
	rc = cf_reader(cf);
	if (rc == 0)
		rc = card_pcsc_card_events(cf->pc, cf->reader, &cf->events, &present);
	if (rc == 0 && !present)
		rc = MG_ECARD_NOCARD;
	if (rc == 0)
		memcpy(cf->bound, cf->reader, sizeof cf->bound);
	return rc;
}

int cardflow_same_card(struct cardflow *cf)
{
	unsigned events = 0;
	int rc, present = 0;

	if (!cf)
		return MG_EINVAL;
	if (!cf->bound[0])
		return MG_ESTATE;
	rc = card_pcsc_card_events(cf->pc, cf->bound, &events, &present);
	if (rc != 0)
		return rc;
	if (present && events == cf->events)
		return 1;
	cf->bound[0] = '\0';
	return 0;
}

int cardflow_retries(struct cardflow *cf, int *left)
{
	int rc;

	if (!cf || !left)
		return MG_EINVAL;
	*left = -1;
	rc = cf_reader(cf);
	if (rc == 0)
		rc = card_kenhojo_retries(cf->pc, cf->reader, left);
	if (rc == MG_ECARD_REMOVED || rc == MG_ECARD_NOCARD)
		cf->reader[0] = '\0';
	return rc;
}

/* "YYYYMMDD" → "YYYY-MM-DD" ("" stays ""). */
static void cf_iso(const char *ymd, char *out, size_t cap)
{
	if (strlen(ymd) == 8)
		snprintf(out, cap, "%.4s-%.2s-%.2s", ymd, ymd + 4, ymd + 6);
	else
		out[0] = '\0';
}

/* The workflow's verdict of the card module's. */
static enum tokurei_verdict cf_verdict(enum card_verdict_kind k)
{
	switch (k) {
	case CARD_VERDICT_GENUINE:
		return TOKUREI_GENUINE;
	case CARD_VERDICT_NOT_GENUINE:
		return TOKUREI_NOT_GENUINE;
	case CARD_VERDICT_UNKNOWN_CA:
		return TOKUREI_UNKNOWN_CA;
	default:
		return TOKUREI_UNCHECKED;
	}
}

/* Copy what was read into the workflow's card; MG_ECARD_DATA when a field does not fit. */
static int cf_map(const struct card_kenhojo *k, struct tokurei_card *card)
{
	if (strlen(k->name) >= sizeof card->name || strlen(k->address) >= sizeof card->address ||
	    strlen(k->mynumber) != 12 || strlen(k->birth) != 8 || !k->sex[0])
		return MG_ECARD_DATA;
	memcpy(card->name, k->name, strlen(k->name) + 1);
	memcpy(card->address, k->address, strlen(k->address) + 1);
	cf_iso(k->birth, card->birth, sizeof card->birth);
	card->sex[0] = k->sex[0];
	card->sex[1] = '\0';
	memcpy(card->kojin_bango, k->mynumber, 13);
	cf_iso(k->expiry, card->card_expiry, sizeof card->card_expiry);
	card->verdict = cf_verdict(k->verdict.kind);
	return 0;
}

/* The AUDIT_CARD_READ row: verdict (and failed check) or error code, and the tries left. */
static int cf_audit(struct cardflow *cf, int rc, const struct card_kenhojo *k)
{
	char detail[160];

	if (rc != 0)
		snprintf(detail, sizeof detail, "result=error code=%s retries=%d", mg_rc_name(rc),
		         k->retries);
	else if (k->verdict.kind == CARD_VERDICT_GENUINE)
		snprintf(detail, sizeof detail, "result=genuine retries=%d", k->retries);
	else if (k->verdict.kind == CARD_VERDICT_NOT_GENUINE)
		snprintf(detail, sizeof detail, "result=not-genuine check=%s retries=%d",
		         card_verify_check_name(k->verdict.failed), k->retries);
	else
		snprintf(detail, sizeof detail, "result=unknown-ca retries=%d", k->retries);
	return audit_log(cf->ctx, AUDIT_CARD_READ, NULL, detail);
}

int cardflow_read(struct cardflow *cf, const char *pin, int last_try_confirmed,
                  struct tokurei_card *card, int *retries_left)
{
	struct card_kenhojo *k = NULL;
	struct card_secret *s = NULL;
	int rc, arc;

	if (retries_left)
		*retries_left = -1;
	if (card)
		memset(card, 0, sizeof *card);
	if (!cf || !pin || !card)
		return MG_EINVAL;
	k = calloc(1, sizeof *k);
	if (!k)
		return MG_ENOMEM;
	k->retries = -1;
	rc = card_secret_new(&s);
	if (rc == 0)
		rc = card_secret_set(s, pin, strlen(pin));
	if (rc == 0 && !card_secret_is_digits(s, 4))
		rc = MG_ECARD_PIN_FORMAT;   /* checked before the card is touched */
	if (rc == 0)
		rc = cf_reader(cf);
	if (rc == 0)
		rc = card_kenhojo_read(cf->pc, cf->reader, s,
		                       last_try_confirmed ? CARD_KENHOJO_LAST_TRY : 0u, k);
	card_secret_free(s);   /* wiped */
	s = NULL;
	if (rc == 0)
		rc = card_kenhojo_verify(k, cf->trust, cf->vflags);
	if (rc == 0)
		rc = cf_map(k, card);
	if (rc == MG_ECARD_REMOVED || rc == MG_ECARD_NOCARD)
		cf->reader[0] = '\0';
	if (retries_left)
		*retries_left = k->retries;
	arc = cf_audit(cf, rc, k);
	if (rc == 0 && arc != 0)
		rc = arc;   /* no read without its log row */
	if (rc != 0)
		explicit_bzero(card, sizeof *card);
	card_kenhojo_wipe(k);
	free(k);
	return rc;
}
