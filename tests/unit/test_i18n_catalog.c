/*
 * test_i18n_catalog.c — the message catalogs: ja and en have the same keys,
 * every key the code refers to exists (MSG("…") in the sources, the message
 * ids of i18n/rc/rc_<area>.def, cmd_<name>_help/_usage of each subcommand), every
 * text is a valid MessageFormat pattern with the same arguments in both
 * languages; lookup and formatting survive missing keys and bad patterns.
 *
 * The source tree is found through MG_CATALOG_CHECK_SRC (set by the
 * Makefile), else the current folder when it is the repository.
 */
#include "tests/unit/testutil.h"
#include "i18n/i18n_msg.h"
#include "i18n/mg_rc.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/umsg.h>
#include <unicode/ustring.h>

/* A key referred to by the code, and where. */
struct ref {
	char key[128];     /* catalog key */
	char where[300];   /* file:line */
};

/* An error code line of a .def file. */
struct rcdef {
	char name[64];     /* MG_E… */
	long num;          /* its number */
	char file[64];     /* rc_<area>.def */
};

static struct ref *refs;
static size_t nrefs, caprefs;
static struct rcdef *defs;
static size_t ndefs, capdefs;
static char **keys_ja, **keys_en;
static int nja = -1, nen = -1;
static char root[1024];

/* Remember a key reference. */
static void add_ref(const char *key, size_t len, const char *file, int line)
{
	if (nrefs == caprefs) {
		size_t nc = caprefs ? caprefs * 2 : 256;
		struct ref *n = realloc(refs, nc * sizeof *n);

		if (!n)
			return;
		refs = n;
		caprefs = nc;
	}
	if (len >= sizeof refs[0].key)
		len = sizeof refs[0].key - 1;
	memcpy(refs[nrefs].key, key, len);
	refs[nrefs].key[len] = '\0';
	snprintf(refs[nrefs].where, sizeof refs[nrefs].where, "%s:%d", file, line);
	nrefs++;
}

/* Remember an MG_RC line. */
static void add_def(const char *name, size_t nlen, long num, const char *file)
{
	if (ndefs == capdefs) {
		size_t nc = capdefs ? capdefs * 2 : 128;
		struct rcdef *n = realloc(defs, nc * sizeof *n);

		if (!n)
			return;
		defs = n;
		capdefs = nc;
	}
	if (nlen >= sizeof defs[0].name)
		nlen = sizeof defs[0].name - 1;
	memcpy(defs[ndefs].name, name, nlen);
	defs[ndefs].name[nlen] = '\0';
	defs[ndefs].num = num;
	snprintf(defs[ndefs].file, sizeof defs[ndefs].file, "%s", file);
	ndefs++;
}

/* Read a whole file into a new NUL-terminated buffer, or NULL. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else if (buf) {
			buf[n] = '\0';
		}
	}
	fclose(f);
	return buf;
}

/* Lexer position: a pointer and the line it is on. */
struct lex {
	const char *p;   /* next character */
	int line;        /* 1-based line of p */
};

/* Skip whitespace and comments. */
static void lex_space(struct lex *l)
{
	for (;;) {
		if (*l->p == '\n') {
			l->line++;
			l->p++;
		} else if (*l->p == ' ' || *l->p == '\t' || *l->p == '\r' || *l->p == '\\') {
			l->p++;
		} else if (l->p[0] == '/' && l->p[1] == '*') {
			const char *e = strstr(l->p + 2, "*/");

			for (const char *q = l->p; q < (e ? e : l->p + strlen(l->p)); q++)
				l->line += *q == '\n';
			l->p = e ? e + 2 : l->p + strlen(l->p);
		} else if (l->p[0] == '/' && l->p[1] == '/') {
			while (*l->p && *l->p != '\n')
				l->p++;
		} else {
			return;
		}
	}
}

/* At a quote character: skip the literal; OUT its body. */
static void lex_quoted(struct lex *l, const char **body, size_t *len)
{
	char q = *l->p++;
	const char *b = l->p;

	while (*l->p && *l->p != q && *l->p != '\n') {
		if (*l->p == '\\' && l->p[1])
			l->p++;
		l->p++;
	}
	*body = b;
	*len = (size_t)(l->p - b);
	if (*l->p == q)
		l->p++;
}

/* 1 for a character of a C identifier. */
static int is_ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/*
 * Scan C text for MSG("key") (rc == 0) or MG_RC(NAME, num, "msgid")
 * (rc == 1), outside comments and literals.
 */
static void scan_text(const char *text, const char *rel, int rc)
{
	struct lex l = { text, 1 };

	while (*l.p) {
		const char *body, *id;
		size_t len, idlen;

		if (*l.p == '"' || *l.p == '\'') {
			lex_quoted(&l, &body, &len);
			continue;
		}
		if ((l.p[0] == '/' && (l.p[1] == '*' || l.p[1] == '/')) || *l.p == '\n') {
			lex_space(&l);
			continue;
		}
		if (!is_ident(*l.p)) {
			l.p++;
			continue;
		}
		id = l.p;
		while (is_ident(*l.p))
			l.p++;
		idlen = (size_t)(l.p - id);
		if (!rc && idlen == 3 && strncmp(id, "MSG", 3) == 0) {
			lex_space(&l);
			if (*l.p != '(')
				continue;
			l.p++;
			lex_space(&l);
			if (*l.p != '"')
				continue;
			lex_quoted(&l, &body, &len);
			add_ref(body, len, rel, l.line);
		} else if (rc && idlen == 5 && strncmp(id, "MG_RC", 5) == 0) {
			const char *name;
			size_t nlen;
			long num;
			char *end;

			lex_space(&l);
			if (*l.p++ != '(')
				continue;
			lex_space(&l);
			name = l.p;
			while (is_ident(*l.p))
				l.p++;
			nlen = (size_t)(l.p - name);
			lex_space(&l);
			if (*l.p++ != ',')
				continue;
			lex_space(&l);
			num = strtol(l.p, &end, 10);
			l.p = end;
			lex_space(&l);
			if (*l.p++ != ',')
				continue;
			lex_space(&l);
			if (*l.p != '"')
				continue;
			lex_quoted(&l, &body, &len);
			add_ref(body, len, rel, l.line);
			add_def(name, nlen, num, strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel);
		}
	}
}

/* 1 when name ends with suffix. */
static int ends_with(const char *name, const char *suffix)
{
	size_t n = strlen(name), m = strlen(suffix);

	return n >= m && strcmp(name + n - m, suffix) == 0;
}

/* Walk root/rel recursively, scanning *.c and *.h for MSG keys. */
static void scan_dir(const char *rel)
{
	char path[2048];
	DIR *d;
	struct dirent *e;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	d = opendir(path);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		char sub[1024], full[2048];
		struct stat sb;

		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof sub, "%s/%s", rel, e->d_name);
		snprintf(full, sizeof full, "%s/%s", root, sub);
		if (stat(full, &sb) != 0)
			continue;
		if (S_ISDIR(sb.st_mode)) {
			scan_dir(sub);
		} else if (ends_with(e->d_name, ".c") || ends_with(e->d_name, ".h")) {
			char *text = slurp(full);

			if (text) {
				scan_text(text, sub, 0);
				free(text);
			}
		}
	}
	closedir(d);
}

/* Add the .def message ids and cmd_<name>_help/_usage of each subcommand. */
static void scan_defs_and_commands(void)
{
	char path[2048];
	DIR *d;
	struct dirent *e;

	snprintf(path, sizeof path, "%s/i18n/rc", root);
	d = opendir(path);
	while (d && (e = readdir(d)) != NULL) {
		char rel[512], full[2048], *text;

		if (!ends_with(e->d_name, ".def"))
			continue;
		snprintf(rel, sizeof rel, "i18n/rc/%s", e->d_name);
		snprintf(full, sizeof full, "%s/%s", root, rel);
		text = slurp(full);
		if (text) {
			scan_text(text, rel, 1);
			free(text);
		}
	}
	if (d)
		closedir(d);
	snprintf(path, sizeof path, "%s/app", root);
	d = opendir(path);
	while (d && (e = readdir(d)) != NULL) {
		char name[256], fn[512], full[2048], key[300], rel[512], *text;
		size_t n;

		if (strncmp(e->d_name, "cmd_", 4) != 0 || !ends_with(e->d_name, ".c"))
			continue;
		n = strlen(e->d_name) - 6;
		if (n == 0 || n >= sizeof name)
			continue;
		memcpy(name, e->d_name + 4, n);
		name[n] = '\0';
		snprintf(rel, sizeof rel, "app/%s", e->d_name);
		snprintf(full, sizeof full, "%s/%s", root, rel);
		snprintf(fn, sizeof fn, "cmd_%s_main", name);
		text = slurp(full);
		if (text && strstr(text, fn)) {
			snprintf(key, sizeof key, "cmd_%s_help", name);
			add_ref(key, strlen(key), rel, 0);
			snprintf(key, sizeof key, "cmd_%s_usage", name);
			add_ref(key, strlen(key), rel, 0);
		}
		free(text);
	}
	if (d)
		closedir(d);
}

/* 1 when key is in the sorted list keys[0..n). */
static int has_key(char **keys, int n, const char *key)
{
	int lo = 0, hi = n - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2, c = strcmp(keys[mid], key);

		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return 0;
}

/* Free a key list from i18n_msg_keys. */
static void free_keys(char **k, int n)
{
	for (int i = 0; k && i < n; i++)
		free(k[i]);
	free(k);
}

/* Suite set-up: load both key lists and scan the tree once. */
static int suite_init(void)
{
	const char *r = getenv("MG_CATALOG_CHECK_SRC");
	struct stat sb;

	nja = i18n_msg_keys("ja", &keys_ja);
	nen = i18n_msg_keys("en", &keys_en);
	if (!r || !*r)
		r = ".";
	snprintf(root, sizeof root, "%s", r);
	{
		char p[1100];

		snprintf(p, sizeof p, "%s/i18n/rc", root);
		if (stat(p, &sb) != 0)
			root[0] = '\0';             /* not the repository: scan tests skip */
	}
	if (root[0]) {
		static const char *const dirs[] = { "app", "card", "db", "i18n", "screens", "tests/tools" };

		for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
			scan_dir(dirs[i]);
		scan_defs_and_commands();
	}
	return 0;
}

/* Suite tear-down. */
static int suite_fini(void)
{
	free_keys(keys_ja, nja);
	free_keys(keys_en, nen);
	keys_ja = keys_en = NULL;
	free(refs);
	free(defs);
	refs = NULL;
	defs = NULL;
	nrefs = caprefs = ndefs = capdefs = 0;
	i18n_msg_init("ja");
	return 0;
}

static void t_same_keys(void)
{
	int bad = 0;

	CU_ASSERT_FATAL(nja > 0 && nen > 0);
	for (int i = 0; i < nja; i++)
		if (!has_key(keys_en, nen, keys_ja[i])) {
			fprintf(stderr, "\n  key only in ja: %s", keys_ja[i]);
			bad++;
		}
	for (int i = 0; i < nen; i++)
		if (!has_key(keys_ja, nja, keys_en[i])) {
			fprintf(stderr, "\n  key only in en: %s", keys_en[i]);
			bad++;
		}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(nja, nen);
}

static void t_code_keys_exist(void)
{
	int bad = 0;

	if (!root[0]) {
		fprintf(stderr, "\n  (no source tree: set MG_CATALOG_CHECK_SRC) ");
		return;
	}
	CU_ASSERT(nrefs > 0);
	for (size_t i = 0; i < nrefs; i++) {
		int ja = has_key(keys_ja, nja, refs[i].key), en = has_key(keys_en, nen, refs[i].key);

		if (!ja || !en) {
			fprintf(stderr, "\n  missing catalog key %s%s%s (%s)", refs[i].key,
			        ja ? "" : " [ja]", en ? "" : " [en]", refs[i].where);
			bad++;
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
}

static void t_rc_defs(void)
{
	static const struct { const char *file; long lo, hi; } ranges[] = {
		{ "rc_core.def", 1, 199 }, { "rc_card.def", 200, 299 }, { "rc_sec.def", 300, 399 },
		{ "rc_ui.def", 400, 499 }, { "rc_i18n.def", 500, 599 },
	};
	char hdr[1200];
	char *mgrc;
	int bad = 0;

	if (!root[0])
		return;
	snprintf(hdr, sizeof hdr, "%s/i18n/mg_rc.h", root);
	mgrc = slurp(hdr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(mgrc);
	CU_ASSERT(ndefs > 0);
	for (size_t i = 0; i < ndefs; i++) {
		char inc[100];
		int known = 0;

		for (size_t j = i + 1; j < ndefs; j++)
			if (defs[j].num == defs[i].num || strcmp(defs[j].name, defs[i].name) == 0) {
				fprintf(stderr, "\n  duplicate code %s/%s = %ld (%s, %s)", defs[i].name,
				        defs[j].name, defs[i].num, defs[i].file, defs[j].file);
				bad++;
			}
		for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
			if (strcmp(defs[i].file, ranges[r].file) == 0) {
				known = 1;
				if (defs[i].num < ranges[r].lo || defs[i].num > ranges[r].hi) {
					fprintf(stderr, "\n  %s = %ld outside %ld–%ld of %s", defs[i].name,
					        defs[i].num, ranges[r].lo, ranges[r].hi, defs[i].file);
					bad++;
				}
			}
		snprintf(inc, sizeof inc, "i18n/rc/%s", defs[i].file);
		if (!known && !strstr(mgrc, inc)) {
			fprintf(stderr, "\n  %s is not included by i18n/mg_rc.h", defs[i].file);
			bad++;
		}
		/* the table in mg_rc.c knows the code */
		if (strcmp(mg_rc_name(-(int)defs[i].num), defs[i].name) != 0) {
			fprintf(stderr, "\n  %s (%ld) is not in the mg_rc table", defs[i].name, defs[i].num);
			bad++;
		}
	}
	free(mgrc);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_STRING_EQUAL(mg_rc_msgid(MG_EDATE), "rc_date");
	CU_ASSERT_STRING_EQUAL(mg_rc_msgid(0), "rc_ok");
	CU_ASSERT_STRING_EQUAL(mg_rc_msgid(-999), "rc_unknown");
}

/* 1 when ICU compiles text as a MessageFormat pattern. */
static int icu_compiles(const char *text, const char *lang)
{
	UErrorCode e = U_ZERO_ERROR;
	UChar buf[4096];
	UMessageFormat *f;

	u_strFromUTF8(buf, 4096, NULL, text, -1, &e);
	if (U_FAILURE(e))
		return 0;
	f = umsg_open(buf, -1, lang, NULL, &e);
	if (f)
		umsg_close(f);
	return U_SUCCESS(e);
}

static void t_patterns_valid(void)
{
	int bad = 0;
	char **texts;

	CU_ASSERT_FATAL(nja > 0);
	texts = calloc((size_t)nja, sizeof *texts);
	CU_ASSERT_PTR_NOT_NULL_FATAL(texts);
	/* ja texts first (i18n_msg's pointers change with the language) */
	CU_ASSERT_EQUAL_FATAL(i18n_msg_init("ja"), 0);
	for (int i = 0; i < nja; i++)
		texts[i] = strdup(i18n_msg(keys_ja[i]));
	CU_ASSERT_EQUAL_FATAL(i18n_msg_init("en"), 0);
	for (int i = 0; i < nja; i++) {
		const char *en = i18n_msg(keys_ja[i]);
		char tj[10], te[10];
		int rj = i18n_msg_arg_types(texts[i], tj), re = i18n_msg_arg_types(en, te);

		if (!icu_compiles(texts[i], "ja") || rj < 0) {
			fprintf(stderr, "\n  bad pattern [ja] %s: %s", keys_ja[i], texts[i]);
			bad++;
		}
		if (!has_key(keys_en, nen, keys_ja[i]))
			continue;
		if (!icu_compiles(en, "en") || re < 0) {
			fprintf(stderr, "\n  bad pattern [en] %s: %s", keys_ja[i], en);
			bad++;
		} else if (rj >= 0 && memcmp(tj, te, sizeof tj) != 0) {
			fprintf(stderr, "\n  arguments differ between ja and en: %s", keys_ja[i]);
			bad++;
		}
	}
	for (int i = 0; i < nja; i++)
		free(texts[i]);
	free(texts);
	CU_ASSERT_EQUAL(i18n_msg_init("ja"), 0);
	CU_ASSERT_EQUAL(bad, 0);
}

static void t_missing_and_bad(void)
{
	char out[64];
	char **k = NULL;
	const char *a[1] = { "x" };

	CU_ASSERT_EQUAL(i18n_msg_init("ja"), 0);
	CU_ASSERT_STRING_EQUAL(i18n_msg("no_such_key_zz"), "no_such_key_zz");
	CU_ASSERT_EQUAL(i18n_msg_has("no_such_key_zz"), 0);
	CU_ASSERT_EQUAL(i18n_msg_has("rc_date"), 1);
	CU_ASSERT_EQUAL(i18n_msg_init("fr"), MG_EINVAL);
	CU_ASSERT_STRING_EQUAL(i18n_msg_lang(), "ja");          /* unchanged */
	CU_ASSERT(i18n_msg_keys("fr", &k) < 0);                  /* no such bundle */
	CU_ASSERT(i18n_msg_keys("zz_ZZ", &k) < 0);
	/* a missing key formats as itself; one that is a broken pattern fails cleanly */
	CU_ASSERT_EQUAL(i18n_msg_format(out, sizeof out, "no_such_key", 1, a), 11);
	CU_ASSERT_STRING_EQUAL(out, "no_such_key");
	CU_ASSERT_EQUAL(i18n_msg_format(out, sizeof out, "no_such_{key", 1, a), MG_EI18N);
	CU_ASSERT_STRING_EQUAL(out, "");
	{
		static const char *const bad[] = {
			"{0", "a}", "{name}", "{12}", "{0,choice,0#a|1#b}", "{0,plural,one{x}",
			"{0,plural,one{x} other{y}", "{0,number}", "{0,date,short}", "{0} {0,number}",
			"{0,foo}", "{ }", "{0,", "{0,plural", "{0,plural,", "{0,plural,one{'#x",
			"{0,plural,one", "{0,number,'x",
		};

		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			memset(out, 'x', sizeof out);
			CU_ASSERT_EQUAL(i18n_msg_format_pattern(out, sizeof out, bad[i], 1, a), MG_EI18N);
			CU_ASSERT_STRING_EQUAL(out, "");
		}
	}
	{
		/* Every prefix of a rich pattern: parsed or refused, never overread (ASan). */
		static const char rich[] =
			"a ''b'' '{c}' {0,plural,offset:1 =0{x '#' {1}} one{# {1,select, a{'}'} other{z}}}"
			" other{#}} {2,number,integer} {3,date,short}";
		char buf[sizeof rich], types[10];

		for (size_t n = 0; n < sizeof rich; n++) {
			memcpy(buf, rich, n);
			buf[n] = '\0';
			(void)i18n_msg_arg_types(buf, types);
		}
		CU_ASSERT_EQUAL(i18n_msg_arg_types(rich, types), 4);
		CU_ASSERT(memcmp(types, "nsnd", 4) == 0);
	}
	CU_ASSERT_EQUAL(i18n_msg_format_pattern(out, sizeof out, NULL, 0, NULL), MG_EINVAL);
	CU_ASSERT_EQUAL(i18n_msg_format_pattern(out, sizeof out, "{0}", 11, a), MG_EINVAL);
}

static void t_arg_types(void)
{
	static const struct { const char *p; int rc; const char *types; } t[] = {
		{ "plain", 0, "" },
		{ "{0} and {1}", 2, "ss" },
		{ "{1}", 2, "\0s" },
		{ "'{0}' is quoted, {1} is not", 2, "\0s" },
		{ "it''s {0}", 1, "s" },
		{ "don't {0}", 1, "s" },
		{ "{0,number} 件", 1, "n" },
		{ "{0,number,integer}", 1, "n" },
		{ "{0,date,long} {1,time}", 2, "dd" },
		{ "{0,plural, =0{none} one{# item in {1}} other{# items in {1}}}", 2, "ns" },
		{ "{0,select, a{x} other{{1}}}", 2, "ss" },
		{ "{0,plural,offset:1 one{'#' #} other{#}}", 1, "n" },
		{ "{0,selectordinal, one{#st} two{#nd} few{#rd} other{#th}}", 1, "n" },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char types[10];
		int rc = i18n_msg_arg_types(t[i].p, types);

		if (rc != t[i].rc)
			fprintf(stderr, "\n  arg_types [%s] = %d", t[i].p, rc);
		CU_ASSERT_EQUAL(rc, t[i].rc);
		for (int j = 0; j < rc; j++) {
			if (types[j] != t[i].types[j])
				fprintf(stderr, "\n  arg_types [%s] type %d = %c", t[i].p, j, types[j]);
			CU_ASSERT_EQUAL(types[j], t[i].types[j]);
		}
	}
}

static void t_format(void)
{
	char out[64];
	const char *a[3] = { "山田", NULL, "x\xff" };

	CU_ASSERT_EQUAL(i18n_msg_init("ja"), 0);
	CU_ASSERT_EQUAL(i18n_msg_format_pattern(out, sizeof out, "{0}さん", 1, a), 12);
	CU_ASSERT_STRING_EQUAL(out, "山田さん");
	/* '' is one apostrophe; NULL and missing arguments are empty; bad UTF-8 is U+FFFD */
	CU_ASSERT(i18n_msg_format_pattern(out, sizeof out, "it''s [{1}][{3}]", 1, a) > 0);
	CU_ASSERT_STRING_EQUAL(out, "it's [][]");
	CU_ASSERT(i18n_msg_format_pattern(out, sizeof out, "{2}", 3, a) > 0);
	CU_ASSERT_STRING_EQUAL(out, "x\xEF\xBF\xBD");
	/* truncated at a character boundary */
	CU_ASSERT_EQUAL(i18n_msg_format_pattern(out, 8, "{0}さん", 1, a), 6);
	CU_ASSERT_STRING_EQUAL(out, "山田");
	/* the catalog key a real message uses */
	{
		const char *arg[1] = { "--foo" };

		CU_ASSERT(i18n_msg_format(out, sizeof out, MSG("cli_bad_option"), 1, arg) > 0);
		CU_ASSERT(strstr(out, "--foo") != NULL);
	}
}

static void t_format_count(void)
{
	char out[512];
	const char *a[1] = { "Tokyo" };

	CU_ASSERT_EQUAL_FATAL(i18n_msg_init("en"), 0);
	CU_ASSERT(i18n_msg_format_count(out, sizeof out, MSG("i18n_search_hits"), 1, 0, NULL) > 0);
	CU_ASSERT_STRING_EQUAL(out, "1 match");
	CU_ASSERT(i18n_msg_format_count(out, sizeof out, MSG("i18n_search_hits"), 0, 0, NULL) > 0);
	CU_ASSERT_STRING_EQUAL(out, "no matches");
	CU_ASSERT(i18n_msg_format_count(out, sizeof out, MSG("i18n_search_hits"), 1234, 0, NULL) > 0);
	CU_ASSERT_STRING_EQUAL(out, "1,234 matches");
	CU_ASSERT_EQUAL_FATAL(i18n_msg_init("ja"), 0);
	CU_ASSERT(i18n_msg_format_count(out, sizeof out, MSG("i18n_search_hits"), 1234, 0, NULL) > 0);
	CU_ASSERT_STRING_EQUAL(out, "1,234件");
	CU_ASSERT(i18n_msg_format_count(out, sizeof out, MSG("i18n_search_hits"), 0, 0, NULL) > 0);
	CU_ASSERT_STRING_EQUAL(out, "該当なし");
	/* a string where the pattern wants a number is refused, not misread */
	CU_ASSERT_EQUAL(i18n_msg_format(out, sizeof out, MSG("i18n_search_hits"), 1, a), MG_EI18N);
	{
		int rc = i18n_msg_format_count(out, sizeof out, MSG("cli_usage"), 3, 0, NULL);

		if (rc != (int)strlen(i18n_msg("cli_usage")))
			fprintf(stderr, "\n  count on cli_usage: %d [%s]", rc, out);
		CU_ASSERT_EQUAL(rc, (int)strlen(i18n_msg("cli_usage")));   /* {0} unused: fine */
	}
}

static void t_choose_lang(void)
{
	const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	char *saved[3];

	for (int i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);

		saved[i] = v ? strdup(v) : NULL;
		unsetenv(vars[i]);
	}
	CU_ASSERT_STRING_EQUAL(i18n_msg_choose_lang(NULL), "ja");
	setenv("LANG", "en_US.UTF-8", 1);
	CU_ASSERT_STRING_EQUAL(i18n_msg_choose_lang(NULL), "en");
	setenv("LC_MESSAGES", "ja_JP.UTF-8", 1);
	CU_ASSERT_STRING_EQUAL(i18n_msg_choose_lang(NULL), "ja");
	setenv("LC_ALL", "en_GB.UTF-8", 1);
	CU_ASSERT_STRING_EQUAL(i18n_msg_choose_lang(NULL), "en");
	setenv("LC_ALL", "C", 1);
	CU_ASSERT_STRING_EQUAL(i18n_msg_choose_lang(NULL), "ja");
	CU_ASSERT_STRING_EQUAL(i18n_msg_choose_lang("en"), "en");
	CU_ASSERT_STRING_EQUAL(i18n_msg_choose_lang("ja"), "ja");
	CU_ASSERT_PTR_NULL(i18n_msg_choose_lang("fr"));
	for (int i = 0; i < 3; i++) {
		if (saved[i])
			setenv(vars[i], saved[i], 1);
		else
			unsetenv(vars[i]);
		free(saved[i]);
	}
}

TESTUTIL_REGISTER(i18n_catalog)
{
	static const struct testutil_case cases[] = {
		{ "same_keys", t_same_keys },
		{ "code_keys_exist", t_code_keys_exist },
		{ "rc_defs", t_rc_defs },
		{ "patterns_valid", t_patterns_valid },
		{ "missing_and_bad", t_missing_and_bad },
		{ "arg_types", t_arg_types },
		{ "format", t_format },
		{ "format_count", t_format_count },
		{ "choose_lang", t_choose_lang },
		{ NULL, NULL }
	};

	testutil_suite("i18n_catalog", suite_init, suite_fini, cases);
}
