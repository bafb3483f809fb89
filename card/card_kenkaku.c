/* card_kenkaku.c — 券面AP with 照合番号B: birth, sex, expiry and face images. */
#include "card/card_kenkaku.h"
#include "card/card_apdu.h"
#include "card/card_pcsc.h"
#include "card/card_secret.h"
#include "card/card_tlv.h"
#include "i18n/i18n_date.h"
#include "i18n/i18n_wareki.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t kenkaku_aid[] = { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02 };

/* y, m, d of 8 ASCII digits YYYYMMDD when they are a real date; else 0. */
static int ymd_ok(const uint8_t *s, size_t len, int *y, int *m, int *d)
{
	if (len != 8)
		return 0;
	for (int i = 0; i < 8; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[4] - '0') * 10 + (s[5] - '0');
	*d = (s[6] - '0') * 10 + (s[7] - '0');
	return i18n_date_valid(*y, *m, *d);
}

int card_kenkaku_key_b(const char *birth_ymd, int expiry_year, const char *code,
                       struct card_secret *out)
{
	char yymmdd[7], year[5];
	int y, m, d, rc;

	card_secret_clear(out);
	if (!birth_ymd || !code || strlen(code) != 4 || strspn(code, "0123456789") != 4 ||
	    expiry_year < 1000 || expiry_year > 9999)
		return MG_ECARD_KEY_FORMAT;
	if (!ymd_ok((const uint8_t *)birth_ymd, strlen(birth_ymd), &y, &m, &d))
		return MG_EDATE;
	rc = i18n_wareki_yymmdd(i18n_date_from_ymd(y, m, d), yymmdd);
	if (rc != 0)
		return rc;
	snprintf(year, sizeof year, "%04d", expiry_year);
	rc = card_secret_append(out, yymmdd, 6);
	if (rc == 0)
		rc = card_secret_append(out, year, 4);
	if (rc == 0)
		rc = card_secret_append(out, code, 4);
	explicit_bzero(yymmdd, sizeof yymmdd);
	if (rc != 0 || !card_secret_is_digits(out, 14)) {
		card_secret_clear(out);
		return MG_ECARD_KEY_FORMAT;
	}
	return 0;
}

/* An image TLV's value as an image record (empty TLVs give none). */
static void image(const struct card_tlv *t, struct card_kenkaku_image *img)
{
	img->data = t->len ? t->value : NULL;
	img->len = t->len;
}

int card_kenkaku_parse(const uint8_t *ef, size_t len, struct card_kenkaku *k)
{
	struct card_tlv outer, kid[10];
	size_t off, end;
	int y, m, d, rc = MG_ECARD_DATA;

	if (card_tlv_parse(ef, len, &outer) != 0 || outer.tag != 0xFF20)
		goto out;
	off = outer.hdr_len;
	end = outer.hdr_len + outer.len;
	/* DF21 (9 offsets) then DF22 … DF2A in order, filling the value */
	for (int i = 0; i < 10; i++) {
		if (off >= end || card_tlv_parse(ef + off, end - off, &kid[i]) != 0 ||
		    kid[i].tag != 0xDF21u + (uint32_t)i)
			goto out;
		if (i == 0 && kid[0].len != 18)
			goto out;
		if (i > 0 && (((size_t)kid[0].value[2 * (i - 1)] << 8) | kid[0].value[2 * (i - 1) + 1]) != off)
			goto out;
		off += kid[i].hdr_len + kid[i].len;
	}
	if (off != end)
		goto out;
	if (!ymd_ok(kid[1].value, kid[1].len, &y, &m, &d) ||
	    kid[2].len != 1 || !memchr("0129", kid[2].value[0], 4) ||
	    !ymd_ok(kid[8].value, kid[8].len, &y, &m, &d))
		goto out;
	memcpy(k->birth, kid[1].value, 8);
	k->birth[8] = '\0';
	k->sex[0] = (char)kid[2].value[0];
	k->sex[1] = '\0';
	memcpy(k->expiry, kid[8].value, 8);
	k->expiry[8] = '\0';
	image(&kid[4], &k->name);
	image(&kid[5], &k->address);
	image(&kid[6], &k->face);
	image(&kid[9], &k->code);
	rc = 0;
out:
	if (rc != 0) {
		memset(k->birth, 0, sizeof k->birth);
		memset(k->sex, 0, sizeof k->sex);
		memset(k->expiry, 0, sizeof k->expiry);
		memset(&k->name, 0, sizeof k->name);
		memset(&k->address, 0, sizeof k->address);
		memset(&k->face, 0, sizeof k->face);
		memset(&k->code, 0, sizeof k->code);
	}
	return rc;
}

int card_kenkaku_read(struct card_pcsc *pc, const char *reader, struct card_secret *key_b,
                      unsigned flags, struct card_kenkaku *out)
{
	unsigned long start = card_pcsc_count(pc);
	int rc, left = -1, retries = -1;

	memset(out, 0, sizeof *out);
	if (!key_b || !card_secret_is_digits(key_b, 14)) {
		rc = MG_ECARD_KEY_FORMAT;
		goto out;
	}
	rc = card_pcsc_connect(pc, reader);
	if (rc == 0) {
		rc = card_apdu_select_aid(pc, kenkaku_aid, sizeof kenkaku_aid);
		if (rc == MG_ECARD_NOFILE)
			rc = MG_ECARD_NOTMYNA;
	}
	if (rc == 0)
		rc = card_apdu_select_ef(pc, 0x0012);
	if (rc == 0)
		rc = card_apdu_retries(pc, &left);
	if (rc != 0)
		goto out;
	retries = left;
	if (left == 0) {
		rc = MG_ECARD_PIN_BLOCKED;
		goto out;
	}
	if ((left == 1 || left < 0) && !(flags & CARD_KENKAKU_LAST_TRY)) {
		rc = MG_ECARD_PIN_LASTTRY;
		goto out;
	}
	rc = card_apdu_verify(pc, card_secret_data(key_b), card_secret_len(key_b), &left);
	card_secret_clear(key_b);
	if (rc == MG_ECARD_PIN_WRONG || rc == MG_ECARD_PIN_BLOCKED) {
		retries = left < 0 ? 0 : left;
		goto out;
	}
	/* From here the count is unknown: the key went and no answer came back
	 * (rv16card L2), or it was right and the maximum of 照合番号B is not
	 * published (spec §3.3). */
	retries = -1;
	if (rc != 0)
		goto out;
	out->ef = malloc(CARD_KENKAKU_EF_MAX);
	if (!out->ef) {
		rc = MG_ENOMEM;
		goto out;
	}
	rc = card_apdu_select_ef(pc, 0x0002);
	if (rc == 0) {
		size_t tlv = 0;

		rc = card_apdu_read_ef(pc, out->ef, CARD_KENKAKU_EF_MAX, &out->ef_len, &tlv);
	}
	if (rc == 0)
		rc = card_kenkaku_parse(out->ef, out->ef_len, out);
out:
	if (key_b)
		card_secret_clear(key_b);
	card_pcsc_disconnect(pc, 1);
	if (rc != 0)
		card_kenkaku_free(out);
	out->retries = retries;
	out->apdus = card_pcsc_count(pc) - start;
	return rc;
}

void card_kenkaku_free(struct card_kenkaku *k)
{
	if (!k)
		return;
	if (k->ef) {
		explicit_bzero(k->ef, k->ef_len);
		free(k->ef);
	}
	explicit_bzero(k, sizeof *k);
}
