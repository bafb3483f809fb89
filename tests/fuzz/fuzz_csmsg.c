/*
 * fuzz_csmsg.c — libFuzzer target for the CS message parser (app/csmsg.h):
 * payloads come from another system, so any byte string must be either
 * refused cleanly (MG_EBADMSG) or parsed into keys and values that obey the
 * format; and a parsed message written again with csmsg_put must give back
 * the very same text (the escaped form is canonical) and the same values.
 * The same bytes taken as a message id (csmsg_id_valid) are accepted only
 * in the form "<sender code>-<digits>" that fits a struct db_message id.
 * Corpus: tests/fuzz/corpus/csmsg/ (replayed by make test-fuzz).
 */
#include "app/csmsg.h"
#include "i18n/mg_rc.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 1 when k is a valid key: [a-z0-9_]{1,31}. */
static int fz_key_ok(const char *k)
{
	size_t n = strlen(k);

	if (n == 0 || n > 31)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= '0' && k[i] <= '9') || k[i] == '_'))
			return 0;
	return 1;
}

/* Check what a successful parse produced; abort() on any broken rule. */
static void fz_check(const uint8_t *data, size_t size, const struct csmsg *m)
{
	struct csmsg_out o;
	struct csmsg again;
	size_t len;
	char *text;
	int rc = -1;

	if (m->n < 1 || m->n > CSMSG_MAX_KEYS || strcmp(m->key[0], "v") != 0 ||
	    strcmp(m->val[0], "1") != 0)
		abort();
	for (int i = 0; i < m->n; i++) {
		if (!fz_key_ok(m->key[i]) || strlen(m->val[i]) > CSMSG_MAX_VALUE)
			abort();
		for (int j = 0; j < i; j++)
			if (strcmp(m->key[i], m->key[j]) == 0)
				abort();
		for (const unsigned char *v = (const unsigned char *)m->val[i]; *v; v++)
			if ((*v < 0x20 && *v != '\n' && *v != '\r' && *v != '\t') || *v == 0x7F)
				abort();
		if (csmsg_get(m, m->key[i]) != m->val[i])
			abort();
	}
	/* Write it again: the same text (an optional final newline aside). */
	csmsg_begin(&o);
	for (int i = 1; i < m->n; i++)
		csmsg_put(&o, m->key[i], m->val[i]);
	text = csmsg_end(&o, &rc);
	if (!text) {
		if (rc == MG_ENOMEM)
			return;
		abort();
	}
	len = strlen(text);
	if (!(len == size || (len + 1 == size && data[len] == '\n')) || memcmp(text, data, len) != 0)
		abort();
	rc = csmsg_parse(text, len, &again);
	if (rc == 0) {
		if (again.n != m->n)
			abort();
		for (int i = 0; i < m->n; i++)
			if (strcmp(again.key[i], m->key[i]) != 0 || strcmp(again.val[i], m->val[i]) != 0)
				abort();
	} else if (rc != MG_ENOMEM) {
		abort();
	}
	csmsg_free(&again);
	free(text);
}

/* The id check: valid only for "<from>-<1..40 digits>", whatever the bytes. */
static void fz_id(const uint8_t *data, size_t size)
{
	static const char *const from[] = { "131016", "282146" };

	for (size_t k = 0; k < 2; k++) {
		int ok = size >= 8 && size <= 47 && memcmp(data, from[k], 6) == 0 && data[6] == '-';

		for (size_t i = 7; ok && i < size; i++)
			ok = data[i] >= '0' && data[i] <= '9';
		if (csmsg_id_valid((const char *)data, size, from[k]) != ok)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csmsg m;
	int rc = csmsg_parse((const char *)data, size, &m);

	fz_id(data, size);
	if (rc == 0)
		fz_check(data, size, &m);
	else if (rc != MG_EBADMSG && rc != MG_ENOMEM)
		abort();
	csmsg_free(&m);
	return 0;
}
