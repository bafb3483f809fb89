/* i18n_msg.c — catalog loading and lookup on top of ICU resource bundles. */
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/udata.h>
#include <unicode/ures.h>
#include <unicode/umsg.h>
#include <unicode/ustring.h>

#define PACKAGE "madoguchi"

struct msg_entry {
	char *key;   /* catalog key */
	char *text;  /* UTF-8 text */
};

static struct msg_entry *msg_tab;   /* sorted by key */
static size_t msg_n;
static char msg_cur[3] = "ja";
static int msg_registered;

/* Register the embedded data with ICU once. */
static int msg_register(void)
{
	UErrorCode e = U_ZERO_ERROR;

	if (msg_registered)
		return 0;
	udata_setAppData(PACKAGE, gen_catalog_data, &e);
	if (U_FAILURE(e) && e != U_USING_DEFAULT_WARNING)
		return MG_EI18N;
	msg_registered = 1;
	return 0;
}

/* Convert UTF-16 to a new UTF-8 string, or NULL. */
static char *msg_to_utf8(const UChar *s, int32_t len)
{
	UErrorCode e = U_ZERO_ERROR;
	int32_t need = 0;
	char *out;

	u_strToUTF8(NULL, 0, &need, s, len, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		return NULL;
	out = malloc((size_t)need + 1);
	if (!out)
		return NULL;
	e = U_ZERO_ERROR;
	u_strToUTF8(out, need + 1, NULL, s, len, &e);
	if (U_FAILURE(e)) {
		free(out);
		return NULL;
	}
	return out;
}

/* Order entries by key (qsort/bsearch). */
static int msg_cmp(const void *a, const void *b)
{
	return strcmp(((const struct msg_entry *)a)->key,
	              ((const struct msg_entry *)b)->key);
}

/* Free a table of entries. */
static void msg_free_tab(struct msg_entry *tab, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(tab[i].key);
		free(tab[i].text);
	}
	free(tab);
}

/* Read every string of a bundle's top table into a new sorted array. */
static int msg_load(const char *lang, struct msg_entry **out, size_t *nout)
{
	UErrorCode e = U_ZERO_ERROR;
	UResourceBundle *b = NULL;
	struct msg_entry *tab = NULL;
	size_t n = 0;
	int32_t size;
	int rc = 0;

	rc = msg_register();
	if (rc)
		return rc;
	b = ures_openDirect(PACKAGE, lang, &e);
	if (U_FAILURE(e))
		return MG_EI18N;
	size = ures_getSize(b);
	tab = calloc((size_t)(size > 0 ? size : 1), sizeof *tab);
	if (!tab) {
		rc = MG_ENOMEM;
		goto out;
	}
	ures_resetIterator(b);
	while (ures_hasNext(b)) {
		const char *key = NULL;
		int32_t len = 0;
		const UChar *s;

		e = U_ZERO_ERROR;
		s = ures_getNextString(b, &len, &key, &e);
		if (U_FAILURE(e) || !key) {
			rc = MG_EI18N;
			goto out;
		}
		tab[n].key = strdup(key);
		tab[n].text = msg_to_utf8(s, len);
		if (!tab[n].key || !tab[n].text) {
			free(tab[n].key);
			free(tab[n].text);
			rc = MG_ENOMEM;
			goto out;
		}
		n++;
	}
	qsort(tab, n, sizeof *tab, msg_cmp);
out:
	ures_close(b);
	if (rc) {
		msg_free_tab(tab, n);
		return rc;
	}
	*out = tab;
	*nout = n;
	return 0;
}

const char *i18n_msg_choose_lang(const char *explicit_lang)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	if (explicit_lang) {
		if (strcmp(explicit_lang, "ja") == 0)
			return "ja";
		if (strcmp(explicit_lang, "en") == 0)
			return "en";
		return NULL;
	}
	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return strncmp(v, "en", 2) == 0 ? "en" : "ja";
	}
	return "ja";
}

int i18n_msg_init(const char *lang)
{
	const char *l = i18n_msg_choose_lang(lang);
	struct msg_entry *tab = NULL;
	size_t n = 0;
	int rc;

	if (!l)
		return MG_EINVAL;
	rc = msg_load(l, &tab, &n);
	if (rc)
		return rc;
	msg_free_tab(msg_tab, msg_n);
	msg_tab = tab;
	msg_n = n;
	memcpy(msg_cur, l, 3);
	return 0;
}

void i18n_msg_fini(void)
{
	msg_free_tab(msg_tab, msg_n);
	msg_tab = NULL;
	msg_n = 0;
}

const char *i18n_msg_lang(void)
{
	return msg_cur;
}

/* Look a key up in the loaded table (loading the default first if needed). */
static const struct msg_entry *msg_find(const char *key)
{
	struct msg_entry k;

	if (!msg_tab && i18n_msg_init(NULL) != 0)
		return NULL;
	k.key = (char *)(uintptr_t)key;
	k.text = NULL;
	return bsearch(&k, msg_tab, msg_n, sizeof *msg_tab, msg_cmp);
}

const char *i18n_msg(const char *key)
{
	const struct msg_entry *m = msg_find(key);

	return m ? m->text : key;
}

int i18n_msg_has(const char *key)
{
	return msg_find(key) != NULL;
}

/* ---- argument types of a MessageFormat pattern ------------------------ */

/* Parser state over a UTF-8 pattern (ICU's ApostropheMode DOUBLE_OPTIONAL). */
struct msg_scan {
	const char *p;      /* next character */
	char *types;        /* types[10]: 0, 's', 'n' or 'd' */
	int bad;            /* 1 once the pattern is malformed or unsupported */
};

static void msg_scan_message(struct msg_scan *m, int depth, int in_plural);

/* Skip Pattern_White_Space (the ASCII part is enough for catalogs). */
static void msg_scan_ws(struct msg_scan *m)
{
	while (*m->p == ' ' || *m->p == '\t' || *m->p == '\n' || *m->p == '\r')
		m->p++;
}

/* Consume c at the current position, or mark the pattern bad (never passes the NUL). */
static int msg_scan_expect(struct msg_scan *m, char c)
{
	if (*m->p != c) {
		m->bad = 1;
		return 0;
	}
	m->p++;
	return 1;
}

/* Read an identifier-like word (type names, plural selectors). */
static size_t msg_scan_word(struct msg_scan *m, char *w, size_t cap)
{
	size_t n = 0;

	while ((*m->p >= 'a' && *m->p <= 'z') || (*m->p >= 'A' && *m->p <= 'Z') ||
	       (*m->p >= '0' && *m->p <= '9') || *m->p == '_' || *m->p == '=' ||
	       *m->p == ':' || *m->p == '-' || *m->p == '.' || *m->p == '+') {
		if (n + 1 < cap)
			w[n++] = *m->p;
		m->p++;
	}
	w[n] = '\0';
	return n;
}

/* Record that argument idx is used with type t ('s', 'n', 'd'). */
static void msg_scan_type(struct msg_scan *m, int idx, char t)
{
	if (m->types[idx] && m->types[idx] != t)
		m->bad = 1;
	m->types[idx] = t;
}

/* Skip a simple argument style up to its closing brace (quotes respected). */
static void msg_scan_style(struct msg_scan *m)
{
	int level = 0;

	while (*m->p && !m->bad) {
		if (*m->p == '\'') {
			const char *q = strchr(m->p + 1, '\'');

			if (!q) {
				m->bad = 1;
				return;
			}
			m->p = q + 1;
			continue;
		}
		if (*m->p == '{')
			level++;
		if (*m->p == '}') {
			if (level == 0)
				return;
			level--;
		}
		m->p++;
	}
}

/* After '{': an argument up to and including its '}'. */
static void msg_scan_arg(struct msg_scan *m, int depth)
{
	char w[32];
	int idx = 0, digits = 0;

	msg_scan_ws(m);
	while (*m->p >= '0' && *m->p <= '9') {
		idx = idx * 10 + (*m->p++ - '0');
		digits++;
	}
	if (digits == 0 || digits > 1 || idx > 9) {
		m->bad = 1;                 /* named or out-of-range argument */
		return;
	}
	msg_scan_ws(m);
	if (*m->p == '}') {
		m->p++;
		msg_scan_type(m, idx, 's');
		return;
	}
	if (!msg_scan_expect(m, ','))
		return;
	msg_scan_ws(m);
	msg_scan_word(m, w, sizeof w);
	msg_scan_ws(m);
	if (strcmp(w, "plural") == 0 || strcmp(w, "selectordinal") == 0 ||
	    strcmp(w, "select") == 0) {
		int plural = strcmp(w, "select") != 0;

		msg_scan_type(m, idx, plural ? 'n' : 's');
		if (!msg_scan_expect(m, ','))
			return;
		for (;;) {
			msg_scan_ws(m);
			if (*m->p == '}') {
				m->p++;
				return;
			}
			if (!msg_scan_word(m, w, sizeof w)) {
				m->bad = 1;
				return;
			}
			if (strncmp(w, "offset:", 7) == 0)
				continue;
			msg_scan_ws(m);
			if (!msg_scan_expect(m, '{'))
				return;
			msg_scan_message(m, depth + 1, plural);
			if (m->bad)
				return;
		}
	}
	if (strcmp(w, "number") == 0 || strcmp(w, "spellout") == 0 ||
	    strcmp(w, "ordinal") == 0 || strcmp(w, "duration") == 0)
		msg_scan_type(m, idx, 'n');
	else if (strcmp(w, "date") == 0 || strcmp(w, "time") == 0)
		msg_scan_type(m, idx, 'd');
	else
		m->bad = 1;                 /* choice (deprecated) or unknown */
	if (*m->p == ',') {
		m->p++;
		msg_scan_style(m);
	}
	msg_scan_expect(m, '}');
}

/* A (sub)message: text, quotes and arguments, up to its '}' at depth > 0. */
static void msg_scan_message(struct msg_scan *m, int depth, int in_plural)
{
	while (*m->p && !m->bad) {
		char c = *m->p;

		if (c == '\'') {
			char n = m->p[1];

			if (n == '\'') {
				m->p += 2;
			} else if (n == '{' || n == '}' || n == '|' || (in_plural && n == '#')) {
				/* quoted literal up to the next single apostrophe */
				m->p += 2;
				for (;;) {
					if (!*m->p)
						break;         /* quoted to the end */
					if (m->p[0] == '\'' && m->p[1] == '\'') {
						m->p += 2;
						continue;
					}
					if (*m->p++ == '\'')
						break;
				}
			} else {
				m->p++;
			}
		} else if (c == '{') {
			m->p++;
			msg_scan_arg(m, depth);
		} else if (c == '}') {
			if (depth == 0) {
				m->bad = 1;
				return;
			}
			m->p++;
			return;
		} else {
			m->p++;
		}
	}
	if (depth > 0)
		m->bad = 1;                     /* unterminated sub-message */
}

int i18n_msg_arg_types(const char *pattern, char types[10])
{
	struct msg_scan m;
	int n = 0;

	memset(types, 0, 10);
	if (!pattern)
		return MG_EINVAL;
	m.p = pattern;
	m.types = types;
	m.bad = 0;
	msg_scan_message(&m, 0, 0);
	if (m.bad)
		return MG_EI18N;
	for (int i = 0; i < 10; i++)
		if (types[i])
			n = i + 1;
	return n;
}

/* Copy src into out (cap bytes incl. NUL), cutting at a UTF-8 boundary. */
static int msg_copy_utf8(char *out, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (cap == 0)
		return 0;
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(out, src, n);
	out[n] = '\0';
	return (int)n;
}

/*
 * Format text (a pattern) with string arguments; when count is set, {0} is
 * the number *count and args fill {1}..{nargs}. The argument types of the
 * pattern are checked first, so a pattern that expects a number where a
 * string is passed (or the reverse) is refused instead of misread.
 */
static int msg_format_core(char *out, size_t cap, const char *text, const double *count,
                           int nargs, const char *const *args)
{
	UErrorCode e = U_ZERO_ERROR;
	UChar *pat = NULL, *res = NULL;
	UChar *uargs[10] = { 0 };
	UMessageFormat *fmt = NULL;
	int32_t plen = 0, rlen;
	char *utf8 = NULL;
	char types[10];
	const int first = count ? 1 : 0;
	int rc = 0;

	if (out && cap)
		out[0] = '\0';
	if (nargs < 0 || nargs + first > 10 || (nargs > 0 && !args))
		return MG_EINVAL;
	if (i18n_msg_arg_types(text, types) < 0)
		return MG_EI18N;
	for (int i = 0; i < 10; i++)
		if (types[i] && types[i] != (i < first ? 'n' : 's'))
			return MG_EI18N;
	u_strFromUTF8(NULL, 0, &plen, text, -1, &e);
	e = U_ZERO_ERROR;
	pat = malloc(((size_t)plen + 1) * sizeof(UChar));
	if (!pat) {
		rc = MG_ENOMEM;
		goto out;
	}
	u_strFromUTF8(pat, plen + 1, NULL, text, -1, &e);
	/* Every slot gets a string ("" beyond nargs); invalid UTF-8 → U+FFFD. */
	for (int i = 0; i < 10 - first && U_SUCCESS(e); i++) {
		int32_t alen = 0;
		const char *a = i < nargs && args[i] ? args[i] : "";

		u_strFromUTF8WithSub(NULL, 0, &alen, a, -1, 0xFFFD, NULL, &e);
		if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
			break;
		e = U_ZERO_ERROR;
		uargs[i] = malloc(((size_t)alen + 1) * sizeof(UChar));
		if (!uargs[i]) {
			rc = MG_ENOMEM;
			goto out;
		}
		u_strFromUTF8WithSub(uargs[i], alen + 1, NULL, a, -1, 0xFFFD, NULL, &e);
	}
	if (U_FAILURE(e)) {
		rc = MG_EI18N;
		goto out;
	}
	fmt = umsg_open(pat, plen, i18n_msg_lang(), NULL, &e);
	if (U_FAILURE(e)) {
		rc = MG_EI18N;
		goto out;
	}
	rlen = count ? umsg_format(fmt, NULL, 0, &e, *count, uargs[0], uargs[1], uargs[2],
	                           uargs[3], uargs[4], uargs[5], uargs[6], uargs[7], uargs[8])
	             : umsg_format(fmt, NULL, 0, &e, uargs[0], uargs[1], uargs[2], uargs[3],
	                           uargs[4], uargs[5], uargs[6], uargs[7], uargs[8], uargs[9]);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e)) {
		rc = MG_EI18N;
		goto out;
	}
	e = U_ZERO_ERROR;
	res = malloc(((size_t)rlen + 1) * sizeof(UChar));
	if (!res) {
		rc = MG_ENOMEM;
		goto out;
	}
	if (count)
		umsg_format(fmt, res, rlen + 1, &e, *count, uargs[0], uargs[1], uargs[2],
		            uargs[3], uargs[4], uargs[5], uargs[6], uargs[7], uargs[8]);
	else
		umsg_format(fmt, res, rlen + 1, &e, uargs[0], uargs[1], uargs[2], uargs[3],
		            uargs[4], uargs[5], uargs[6], uargs[7], uargs[8], uargs[9]);
	if (U_FAILURE(e)) {
		rc = MG_EI18N;
		goto out;
	}
	utf8 = msg_to_utf8(res, rlen);
	if (!utf8) {
		rc = MG_ENOMEM;
		goto out;
	}
	rc = msg_copy_utf8(out, cap, utf8);
out:
	if (fmt)
		umsg_close(fmt);
	for (int i = 0; i < 10; i++)
		free(uargs[i]);
	free(pat);
	free(res);
	free(utf8);
	return rc;
}

int i18n_msg_format(char *out, size_t cap, const char *key,
                    int nargs, const char *const *args)
{
	return msg_format_core(out, cap, i18n_msg(key), NULL, nargs, args);
}

int i18n_msg_format_count(char *out, size_t cap, const char *key, double count,
                          int nargs, const char *const *args)
{
	return msg_format_core(out, cap, i18n_msg(key), &count, nargs, args);
}

int i18n_msg_format_pattern(char *out, size_t cap, const char *pattern,
                            int nargs, const char *const *args)
{
	if (!pattern)
		return MG_EINVAL;
	return msg_format_core(out, cap, pattern, NULL, nargs, args);
}

int i18n_msg_keys(const char *lang, char ***keys)
{
	struct msg_entry *tab = NULL;
	size_t n = 0;
	char **k;
	int rc;

	rc = msg_load(lang, &tab, &n);
	if (rc)
		return rc;
	k = calloc(n + 1, sizeof *k);
	if (!k) {
		msg_free_tab(tab, n);
		return MG_ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		k[i] = tab[i].key;
		tab[i].key = NULL;
	}
	msg_free_tab(tab, n);
	*keys = k;
	return (int)n;
}
