/* test_i18n_text.c — names, readings, digits, NFKC, is_kana, the sanitiser. */
#include "tests/unit/testutil.h"
#include "i18n/i18n_text.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <string.h>

/* One row of a conversion table: input, expected result or code. */
struct conv {
	const char *in;    /* input */
	int rc;            /* expected code (0 = success) */
	const char *out;   /* expected output when rc == 0 */
};

/* Run fn over a table, reporting the failing row by its input. */
static void run_table(int (*fn)(const char *, char *, size_t), const struct conv *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char out[256];
		int rc;

		memset(out, 'x', sizeof out);
		rc = fn(t[i].in, out, sizeof out);
		if (t[i].rc == 0) {
			if (rc < 0 || strcmp(out, t[i].out) != 0)
				fprintf(stderr, "\n  row %zu: [%s] → rc %d [%s], want [%s]\n",
				        i, t[i].in, rc, rc < 0 ? "" : out, t[i].out);
			CU_ASSERT_EQUAL(rc, (int)strlen(t[i].out));
			CU_ASSERT_STRING_EQUAL(out, t[i].out);
		} else {
			if (rc != t[i].rc)
				fprintf(stderr, "\n  row %zu: [%s] → rc %d, want %d\n", i, t[i].in, rc, t[i].rc);
			CU_ASSERT_EQUAL(rc, t[i].rc);
			CU_ASSERT_STRING_EQUAL(out, "");
		}
	}
}

static void t_name(void)
{
	static const struct conv t[] = {
		{ "山田　太郎", 0, "山田　太郎" },
		{ "山田 太郎", 0, "山田　太郎" },                      /* ASCII space → U+3000 */
		{ "  山田 \u3000  太郎　", 0, "山田　太郎" },          /* runs folded, trimmed */
		{ "髙橋　﨑子", 0, "髙橋　﨑子" },                      /* 異体字 kept */
		{ "\xEF\xA8\x99", 0, "\xEF\xA8\x99" },                  /* 神 U+FA19 kept (NFC would unify it) */
		{ "\xF0\xAF\xA0\x80", 0, "\xF0\xAF\xA0\x80" },          /* U+2F800 kept */
		{ "\xE8\x91\x9B\xF3\xA0\x84\x81", 0, "\xE8\x91\x9B\xF3\xA0\x84\x81" }, /* 葛 + IVS kept */
		{ "ﾔﾏﾀﾞ ﾀﾛｳ", 0, "ヤマダ　タロウ" },                    /* half-width kana widened and composed */
		{ "カ\xE3\x82\x99", 0, "ガ" },                          /* NFC composes カ+U+3099 */
		{ "Ｊｏｈｎ　ＳＭＩＴＨ", 0, "Ｊｏｈｎ　ＳＭＩＴＨ" },    /* full-width Latin kept */
		{ "Jose\xCC\x81", 0, "Jos\xC3\xA9" },                   /* NFC */
		{ "", 0, "" },
		{ "山田\t太郎", MG_EINVAL, NULL },                      /* control refused */
		{ "山田\x1b[31m", MG_EINVAL, NULL },
		{ "山田\xE2\x80\xAE", MG_EINVAL, NULL },                /* RLO refused */
		{ "山田\xC2\x9B", MG_EINVAL, NULL },                    /* C1 CSI refused */
		{ "山田\xE2\x80\x8B　太郎", MG_EINVAL, NULL },          /* ZWSP refused (rv5inp M2) */
		{ "\xEF\xBB\xBF山田　太郎", MG_EINVAL, NULL },          /* BOM */
		{ "山田\xE2\x81\xA0　太郎", MG_EINVAL, NULL },          /* word joiner */
		{ "山\xC2\xAD田", MG_EINVAL, NULL },                    /* soft hyphen */
		{ "山田\xE3\x85\xA4", MG_EINVAL, NULL },               /* Hangul filler */
		{ "\xE8\xBE\xBB\xEF\xB8\x80", 0, "\xE8\xBE\xBB\xEF\xB8\x80" }, /* 辻 + VS1 kept */
		{ "\xff\xfe", MG_EINVAL, NULL },                        /* invalid UTF-8 */
		{ "\xED\xA0\x80", MG_EINVAL, NULL },                    /* encoded surrogate */
		{ "\xC0\xAF", MG_EINVAL, NULL },                        /* overlong */
	};

	char out[16];

	run_table(i18n_text_name, t, sizeof t / sizeof t[0]);
	CU_ASSERT_EQUAL(i18n_text_name(NULL, NULL, 0), MG_EINVAL);
	/* fini releases the cached normaliser; the next call rebuilds it. */
	i18n_text_fini();
	CU_ASSERT_EQUAL(i18n_text_name("\xEF\xA8\x99", out, sizeof out), 3);
	CU_ASSERT_STRING_EQUAL(out, "\xEF\xA8\x99");
}

static void t_kana(void)
{
	static const struct conv t[] = {
		{ "ヤマダ　タロウ", 0, "ヤマダ　タロウ" },
		{ "やまだ たろう", 0, "ヤマダ　タロウ" },
		{ "ﾔﾏﾀﾞ  ﾀﾛｳ", 0, "ヤマダ　タロウ" },
		{ "ｶﾞｯｺｳ", 0, "ガッコウ" },
		{ "カ゛ッコウ", 0, "ガッコウ" },                         /* spacing ゛ after a kana */
		{ "ゔぁいおりん", 0, "ヴァイオリン" },
		{ "ジョン・スミス", 0, "ジョン・スミス" },
		{ "サトー", 0, "サトー" },                               /* ー kept in the stored form */
		{ "ササヽキ", 0, "ササヽキ" },
		{ " \u3000ア ", 0, "ア" },
		{ "", 0, "" },
		{ "山田", MG_EINVAL, NULL },
		{ "ヤマダ1", MG_EINVAL, NULL },
		{ "Yamada", MG_EINVAL, NULL },
		{ "゛カ", MG_EINVAL, NULL },                              /* a mark with nothing before */
		{ "ヤマダ\n", MG_EINVAL, NULL },
		{ "\xE3\x82", MG_EINVAL, NULL },                         /* truncated UTF-8 */
	};

	run_table(i18n_text_kana, t, sizeof t / sizeof t[0]);
}

static void t_digits(void)
{
	static const struct conv t[] = {
		{ "0312345678", 0, "0312345678" },
		{ "０３－１２３４－５６７８", 0, "0312345678" },
		{ "03-1234-5678", 0, "0312345678" },
		{ "１２３４ ５６７８ ９０１２", 0, "123456789012" },
		{ "０３ー１２３４", 0, "031234" },                          /* IME long vowel as hyphen */
		{ "03\u20101234\u22125678", 0, "0312345678" },
		{ "", 0, "" },
		{ "12a4", MG_EINVAL, NULL },
		{ "１２三", MG_EINVAL, NULL },
		{ "\xD9\xA1\xD9\xA2", MG_EINVAL, NULL },                   /* Arabic-Indic digits */
		{ "12\xff", MG_EINVAL, NULL },
	};

	run_table(i18n_text_digits, t, sizeof t / sizeof t[0]);
}

static void t_nfkc(void)
{
	static const struct conv t[] = {
		{ "ｶﾞｯｺｳ", 0, "ガッコウ" },
		{ "東京都千代田区１－２－３", 0, "東京都千代田区1-2-3" },
		{ "ＡＢＣ　ｄｅｆ", 0, "ABC def" },
		{ "㈱", 0, "(株)" },
		{ "\xE2\x91\xA0", 0, "1" },                                 /* ① */
		{ "\xEF\xA8\x99", 0, "\xE7\xA5\x9E" },                      /* U+FA19 → U+795E */
		{ "", 0, "" },
		{ "a\xc3", MG_EINVAL, NULL },
	};

	run_table(i18n_text_nfkc, t, sizeof t / sizeof t[0]);
}

static void t_too_long(void)
{
	char out[8];

	memset(out, 'x', sizeof out);
	CU_ASSERT_EQUAL(i18n_text_name("山田太郎", out, sizeof out), MG_ETOOLONG);
	CU_ASSERT_STRING_EQUAL(out, "");
	CU_ASSERT_EQUAL(i18n_text_name("山田", out, 7), 6);          /* exactly fits */
	CU_ASSERT_EQUAL(i18n_text_name("山田", out, 6), MG_ETOOLONG);
	CU_ASSERT_EQUAL(i18n_text_digits("12345678", out, sizeof out), MG_ETOOLONG);
	CU_ASSERT_EQUAL(i18n_text_digits("1234567", out, sizeof out), 7);
	CU_ASSERT_EQUAL(i18n_text_kana("ア", out, 0), MG_ETOOLONG);
}

static void t_long_input(void)
{
	static char in[3 * 1000 + 1], out[3 * 1000 + 1];

	/* Longer than the inline UTF-16 storage: the heap path. */
	for (int i = 0; i < 1000; i++)
		memcpy(in + 3 * i, i % 2 ? "ｶ" : "ﾞ", 3);
	in[3000] = '\0';
	CU_ASSERT(i18n_text_nfkc(in, out, sizeof out) > 0);
	CU_ASSERT(i18n_text_kana(in + 3, out, sizeof out) == 3 * 500);   /* ガ × 500 */
	CU_ASSERT(strncmp(out, "ガガ", 6) == 0);
}

static void t_is_kana(void)
{
	static const struct { const char *s; int want; } t[] = {
		{ "ヤマダ", 1 }, { "やまだ　たろう", 1 }, { "ﾔﾏﾀﾞ", 1 }, { "サトー", 1 },
		{ "ガ", 1 }, { "カ\xE3\x82\x99", 1 }, { "ジョン・スミス", 1 },
		{ "", 0 }, { "　", 0 }, { "ー", 0 }, { "山田", 0 }, { "ヤマダ1", 0 },
		{ "abc", 0 }, { "\xE3\x82\x99", 0 }, { "\xff", 0 },
		/* as typed: a spacing ゛ after its kana, and what the reading key ignores */
		{ "タ゛イスケ", 1 }, { "か゛とう", 1 }, { "スズキ〜", 1 }, { "サト－", 1 },
		{ "ｻﾄ-", 1 }, { "スミス.ジョン", 1 }, { "〜", 0 }, { "-", 0 }, { "゛カ", 0 },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		if (i18n_text_is_kana(t[i].s) != t[i].want)
			fprintf(stderr, "\n  is_kana [%s] want %d\n", t[i].s, t[i].want);
		CU_ASSERT_EQUAL(i18n_text_is_kana(t[i].s), t[i].want);
	}
	CU_ASSERT_EQUAL(i18n_text_is_kana(NULL), 0);
}

/* 1 when s holds no byte below 0x20, no DEL and no C1 control (as UTF-8). */
static int inert(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7F)
			return 0;
		if (*p == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0)
			return 0;
	}
	return 1;
}

static void t_sanitize(void)
{
	static const struct conv t[] = {
		{ "山田　太郎", 0, "山田　太郎" },
		/* OSC 52 (clipboard write) with BEL and with ST terminators */
		{ "山田\x1b]52;c;ZXZpbA==\x07太郎", 0, "山田太郎" },
		{ "山田\x1b]52;c;ZXZpbA==\x1b\\太郎", 0, "山田太郎" },
		/* CSI: colour, cursor movement, erase, private modes */
		{ "\x1b[31m赤\x1b[0m", 0, "赤" },
		{ "a\x1b[2J\x1b[H\x1b[?1049hb", 0, "ab" },
		{ "a\x1b[38;5;196mb", 0, "ab" },
		/* DCS, APC, PM, SOS strings; charset designation; single-char ESC */
		{ "a\x1bP1$qm\x1b\\b", 0, "ab" },
		{ "a\x1b_payload\x1b\\b", 0, "ab" },
		{ "a\x1b(0qqq\x1b(Bb", 0, "aqqqb" },
		{ "a\x1b" "cb", 0, "ab" },
		/* C1 controls encoded in UTF-8: CSI and OSC */
		{ "a\xC2\x9B" "31mb", 0, "ab" },
		{ "a\xC2\x9D" "52;c;x\xC2\x9C" "b", 0, "ab" },
		/* C0 controls, DEL, bidi overrides */
		{ "a\tb\r\nc\x7f" "d\x07", 0, "abcd" },
		{ "abc\xE2\x80\xAE" "def\xE2\x81\xA6", 0, "abcdef" },
		/* unterminated OSC swallows the rest; lone ESC at the end */
		{ "a\x1b]0;title", 0, "a" },
		{ "a\x1b", 0, "a" },
		/* invalid UTF-8 becomes U+FFFD */
		{ "a\xff" "b", 0, "a\xEF\xBF\xBD" "b" },
		{ "\xE3\x81", 0, "\xEF\xBF\xBD" },
		{ "\xED\xA0\x80", 0, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" },
		/* combining sequences and emoji are kept */
		{ "e\xCC\x81\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9", 0,
		  "e\xCC\x81\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9" },
		{ "", 0, "" },
	};
	char out[16];

	run_table(i18n_text_sanitize, t, sizeof t / sizeof t[0]);
	/* Truncation at a character boundary, never failing for cap >= 1. */
	CU_ASSERT_EQUAL(i18n_text_sanitize("山田太郎様", out, 10), 9);
	CU_ASSERT_STRING_EQUAL(out, "山田太");
	CU_ASSERT_EQUAL(i18n_text_sanitize("山田", out, 1), 0);
	CU_ASSERT_STRING_EQUAL(out, "");
	CU_ASSERT_EQUAL(i18n_text_sanitize(NULL, out, sizeof out), 0);
	CU_ASSERT_STRING_EQUAL(out, "");
}

static void t_sanitize_every_byte(void)
{
	char in[4], out[32];

	/* Every byte pair after ESC and every single byte: output is inert. */
	for (int a = 1; a < 256; a++)
		for (int b = 1; b < 256; b++) {
			in[0] = (char)a;
			in[1] = (char)b;
			in[2] = 'z';
			in[3] = '\0';
			i18n_text_sanitize(in, out, sizeof out);
			if (!inert(out)) {
				CU_FAIL("control byte survived the sanitiser");
				return;
			}
		}
	CU_PASS("all pairs inert");
}

TESTUTIL_REGISTER(i18n_text)
{
	static const struct testutil_case cases[] = {
		{ "name", t_name },
		{ "kana", t_kana },
		{ "digits", t_digits },
		{ "nfkc", t_nfkc },
		{ "too_long", t_too_long },
		{ "long_input", t_long_input },
		{ "is_kana", t_is_kana },
		{ "sanitize", t_sanitize },
		{ "sanitize_every_byte", t_sanitize_every_byte },
		{ NULL, NULL }
	};

	testutil_suite("i18n_text", NULL, NULL, cases);
}
