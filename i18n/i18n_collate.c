/*
 * i18n_collate.c — sorting by reading with ICU's ja collator (cached).
 *
 * The collator runs at quaternary strength, the level at which the ja
 * tailoring tells hiragana from katakana, and ties (strings ICU treats as
 * equal, e.g. canonically equivalent ones) fall back to byte order, so the
 * order is total and a sort is reproducible.
 */
#include "i18n/i18n_collate.h"
#include "i18n/mg_rc.h"

#include <pthread.h>
#include <string.h>
#include <unicode/ucol.h>

static pthread_mutex_t collate_lock = PTHREAD_MUTEX_INITIALIZER;
static UCollator *collate_ja;

/* Open the collator if needed (lock held). Returns it or NULL. */
static UCollator *collate_get(void)
{
	UErrorCode e = U_ZERO_ERROR;

	if (collate_ja)
		return collate_ja;
	collate_ja = ucol_open("ja", &e);
	if (U_FAILURE(e)) {
		collate_ja = NULL;
		return NULL;
	}
	ucol_setAttribute(collate_ja, UCOL_STRENGTH, UCOL_QUATERNARY, &e);
	if (U_FAILURE(e)) {
		ucol_close(collate_ja);
		collate_ja = NULL;
	}
	return collate_ja;
}

/* Byte order of two counted strings (the tie-break and the no-ICU fallback). */
static int collate_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	int r = memcmp(a, b, alen < blen ? alen : blen);

	if (r)
		return r < 0 ? -1 : 1;
	return alen < blen ? -1 : alen > blen;
}

int i18n_collate_cmpn(const char *a, size_t alen, const char *b, size_t blen)
{
	UErrorCode e = U_ZERO_ERROR;
	UCollationResult r = UCOL_EQUAL;
	UCollator *c;

	if (!a) {
		a = "";
		alen = 0;
	}
	if (!b) {
		b = "";
		blen = 0;
	}
	if (alen > INT32_MAX || blen > INT32_MAX)
		return collate_bytes(a, alen, b, blen);
	pthread_mutex_lock(&collate_lock);
	c = collate_get();
	if (c)
		r = ucol_strcollUTF8(c, a, (int32_t)alen, b, (int32_t)blen, &e);
	pthread_mutex_unlock(&collate_lock);
	if (!c || U_FAILURE(e) || r == UCOL_EQUAL)
		return collate_bytes(a, alen, b, blen);
	return r == UCOL_LESS ? -1 : 1;
}

int i18n_collate_cmp(const char *a, const char *b)
{
	return i18n_collate_cmpn(a, a ? strlen(a) : 0, b, b ? strlen(b) : 0);
}

int i18n_collate_ready(void)
{
	int rc;

	pthread_mutex_lock(&collate_lock);
	rc = collate_get() ? 0 : MG_EI18N;
	pthread_mutex_unlock(&collate_lock);
	return rc;
}

void i18n_collate_fini(void)
{
	pthread_mutex_lock(&collate_lock);
	if (collate_ja)
		ucol_close(collate_ja);
	collate_ja = NULL;
	pthread_mutex_unlock(&collate_lock);
}
