/*
 * test_ident.c — check digits of 個人番号, 地方公共団体コード and the
 * 宛名番号/世帯番号 serial, and the plain formats (domain-rules §6).
 */
#include "tests/unit/testutil.h"
#include "app/ident.h"

#include <stdio.h>
#include <string.h>

/* Record one assertion with a message naming the input. */
static void expect(int ok, const char *what, const char *s)
{
	char msg[120];

	snprintf(msg, sizeof msg, "%s(\"%s\")", what, s);
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, __LINE__, msg, __FILE__, "", CU_FALSE);
}

/*
 * The 個人番号 check digit as the spec states it (カード省令5条): digits
 * numbered n = 1..11 from the right, weight n+1 for n <= 6 and n-5 above.
 * Written independently of the left-to-right table in ident.c.
 */
static int kojin_oracle(const char *base11)
{
	int sum = 0;

	for (int n = 1; n <= 11; n++)
		sum += (base11[11 - n] - '0') * (n <= 6 ? n + 1 : n - 5);
	return sum % 11 <= 1 ? 0 : 11 - sum % 11;
}

/* The spec's verified examples. */
static void t_kojin_examples(void)
{
	static const char *const valid[] = { "123456789018", "983205673214", "111111111118" };

	for (size_t i = 0; i < 3; i++)
		expect(ident_kojin_bango_valid(valid[i]) == 1, "kojin_valid", valid[i]);
	CU_ASSERT_EQUAL(ident_kojin_bango_valid("123456789019"), 0);
	CU_ASSERT_EQUAL(ident_kojin_bango_check("12345678901"), 8);
	CU_ASSERT_EQUAL(ident_kojin_bango_check("98320567321"), 4);
	CU_ASSERT_EQUAL(ident_kojin_bango_check("11111111111"), 8);
	/* R = 0 and R = 1 both give 0. */
	CU_ASSERT_EQUAL(ident_kojin_bango_check("00000000000"), 0);
	CU_ASSERT_EQUAL(ident_kojin_bango_check("00000000006"), 0);   /* 6·2 = 12 → R 1 */
	CU_ASSERT_EQUAL(ident_kojin_bango_check("00000000001"), 9);   /* R 2 */
}

/*
 * Every single-digit change of the valid examples is refused: the check digit
 * always, the base digits because no change moves R between 0 and 1 here.
 * The function agrees with the spec's formula on every changed base.
 */
static void t_kojin_corruptions(void)
{
	static const char *const valid[] = { "123456789018", "983205673214", "111111111118" };

	for (size_t v = 0; v < 3; v++)
		for (int i = 0; i < 12; i++)
			for (char c = '0'; c <= '9'; c++) {
				char s[13];

				if (c == valid[v][i])
					continue;
				memcpy(s, valid[v], sizeof s);
				s[i] = c;
				expect(ident_kojin_bango_valid(s) == 0, "!kojin_valid", s);
				s[11] = '\0';
				if (i < 11)
					expect(ident_kojin_bango_check(s) == kojin_oracle(s),
					       "kojin_check", s);
			}
	/* The known blind spot: R 0 → 1 keeps the check digit 0. */
	CU_ASSERT_EQUAL(ident_kojin_bango_valid("000000000000"), 1);
	CU_ASSERT_EQUAL(ident_kojin_bango_valid("000000000060"), 1);
}

/* Bad input: not 11/12 ASCII digits, NULL. */
static void t_kojin_bad_input(void)
{
	static const char *const bad12[] = {
		"", "12345678901", "1234567890180", "12345678901a", "a23456789018",
		"1234 5678901", "１23456789018", "12345678901-", " 123456789018",
	};
	static const char *const bad11[] = {
		"", "1234567890", "123456789012", "1234567890x", "12345/78901", "12345:78901",
	};

	for (size_t i = 0; i < sizeof bad12 / sizeof bad12[0]; i++)
		expect(ident_kojin_bango_valid(bad12[i]) == 0, "!kojin_valid", bad12[i]);
	for (size_t i = 0; i < sizeof bad11 / sizeof bad11[0]; i++)
		expect(ident_kojin_bango_check(bad11[i]) == -1, "kojin_check=-1", bad11[i]);
	CU_ASSERT_EQUAL(ident_kojin_bango_valid(NULL), 0);
	CU_ASSERT_EQUAL(ident_kojin_bango_check(NULL), -1);
}

/* The verified 地方公共団体コード of the spec plus 宝塚市 and 津市. */
static const char *const muni_codes[] = {
	"131016", "011002", "011011", "141003", "271004",
	"131130", "401005", "472018", "282146", "242012",
};

#define N_MUNI (sizeof muni_codes / sizeof muni_codes[0])

/* Each verified code is valid and its base gives its check digit. */
static void t_muni_examples(void)
{
	for (size_t i = 0; i < N_MUNI; i++) {
		char base[6];

		expect(ident_muni_valid(muni_codes[i]) == 1, "muni_valid", muni_codes[i]);
		memcpy(base, muni_codes[i], 5);
		base[5] = '\0';
		expect(ident_muni_check(base) == muni_codes[i][5] - '0', "muni_check", base);
	}
	/* R = 0 → 1, R = 1 → 0. */
	CU_ASSERT_EQUAL(ident_muni_check("00000"), 1);
	CU_ASSERT_EQUAL(ident_muni_check("00006"), 0);   /* 6·2 = 12 → R 1 */
	CU_ASSERT_EQUAL(ident_muni_check("00005"), 1);   /* 5·2 = 10 → R 10 */
	CU_ASSERT_EQUAL(ident_muni_check("00001"), 9);   /* R 2 */
}

/*
 * Single-digit changes are refused, except where the change moves R between
 * 0 and 10 ((11 − R) mod 10 is 1 for both): of the examples only 011011
 * (R = 10) has such changes, exactly these five.
 */
static void t_muni_corruptions(void)
{
	static const char *const blind[] = { "911011", "031011", "019011", "011711", "011061" };

	for (size_t v = 0; v < N_MUNI; v++)
		for (int i = 0; i < 6; i++)
			for (char c = '0'; c <= '9'; c++) {
				char s[7];
				int want = 0;

				if (c == muni_codes[v][i])
					continue;
				memcpy(s, muni_codes[v], sizeof s);
				s[i] = c;
				for (size_t b = 0; b < 5; b++)
					if (strcmp(s, blind[b]) == 0)
						want = 1;
				expect(ident_muni_valid(s) == want, want ? "muni_valid" : "!muni_valid", s);
			}
}

/* Bad input for the 地方公共団体コード. */
static void t_muni_bad_input(void)
{
	static const char *const bad6[] = { "", "13101", "1310160", "13101a", "A31016", "１31016" };
	static const char *const bad5[] = { "", "1310", "131016", "1310x", " 1310" };

	for (size_t i = 0; i < sizeof bad6 / sizeof bad6[0]; i++)
		expect(ident_muni_valid(bad6[i]) == 0, "!muni_valid", bad6[i]);
	for (size_t i = 0; i < sizeof bad5 / sizeof bad5[0]; i++)
		expect(ident_muni_check(bad5[i]) == -1, "muni_check=-1", bad5[i]);
	CU_ASSERT_EQUAL(ident_muni_valid(NULL), 0);
	CU_ASSERT_EQUAL(ident_muni_check(NULL), -1);
}

/*
 * rv19wf L2: a 市区町村's code, not only a valid check digit: no prefecture
 * 00 or 48–99, not a prefecture itself (municipality part 000). Each code
 * refused here has a correct check digit.
 */
static void t_muni_city(void)
{
	static const char *const not_city[] = { "000001", "480002", "990001", "130001", "010006",
		"470007" };

	for (size_t i = 0; i < N_MUNI; i++)
		expect(ident_muni_city_valid(muni_codes[i]) == 1, "muni_city", muni_codes[i]);
	for (size_t i = 0; i < sizeof not_city / sizeof not_city[0]; i++) {
		expect(ident_muni_valid(not_city[i]) == 1, "muni_valid", not_city[i]);
		expect(ident_muni_city_valid(not_city[i]) == 0, "!muni_city", not_city[i]);
	}
	CU_ASSERT_EQUAL(ident_muni_city_valid("131015"), 0);   /* check digit */
	CU_ASSERT_EQUAL(ident_muni_city_valid(NULL), 0);
}

/* 標準仕様 1.1.13 serial check digit: worked examples, remainder 0 and 1. */
static void t_serial(void)
{
	/* 7·2 + 6·3 + 5·4 + 4·5 + 3·6 + 2·7 + 1·2 = 106, R 7 → 4. */
	CU_ASSERT_EQUAL(ident_serial_check("1234567"), 4);
	CU_ASSERT_EQUAL(ident_serial_valid("12345674"), 1);
	CU_ASSERT_EQUAL(ident_serial_valid("12345675"), 0);
	CU_ASSERT_EQUAL(ident_serial_valid("13245674"), 0);   /* transposition */
	CU_ASSERT_EQUAL(ident_serial_check("1"), 9);          /* 1·2 = 2 → 9 */
	CU_ASSERT_EQUAL(ident_serial_valid("19"), 1);
	CU_ASSERT_EQUAL(ident_serial_check("100000"), 4);     /* 1·7 = 7 → 4 */
	CU_ASSERT_EQUAL(ident_serial_check("1000000"), 9);    /* weights repeat: 1·2 */
	/* Remainder 0 → 0. */
	CU_ASSERT_EQUAL(ident_serial_check("14"), 0);         /* 4·2 + 1·3 = 11 */
	CU_ASSERT_EQUAL(ident_serial_valid("140"), 1);
	CU_ASSERT_EQUAL(ident_serial_check("0"), 0);
	CU_ASSERT_EQUAL(ident_serial_valid("00"), 1);
	/* Long serials: no overflow, weights cycle. */
	CU_ASSERT_EQUAL(ident_serial_check("9999999999"), 5);
	CU_ASSERT_EQUAL(ident_serial_valid("99999999995"), 1);
}

/* Remainder 1 (11 − 1 = 10): refused, and no number with that base is valid. */
static void t_serial_remainder1(void)
{
	static const char *const r1[] = { "6", "23", "37", "40", "104" };

	for (size_t i = 0; i < sizeof r1 / sizeof r1[0]; i++) {
		expect(ident_serial_check(r1[i]) == -1, "serial_check=-1", r1[i]);
		for (char c = '0'; c <= '9'; c++) {
			char s[16];

			snprintf(s, sizeof s, "%s%c", r1[i], c);
			expect(ident_serial_valid(s) == 0, "!serial_valid", s);
		}
	}
	/* Of 1..999, a base is refused about once in 11. */
	{
		int refused = 0;

		for (int n = 1; n <= 999; n++) {
			char s[16];

			snprintf(s, sizeof s, "%d", n);
			refused += ident_serial_check(s) == -1;
		}
		CU_ASSERT(refused > 70 && refused < 110);
	}
}

/* Bad input for the serial. */
static void t_serial_bad_input(void)
{
	static const char *const bad[] = { "", "12a", "-12", "1 2", "１２" };

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		expect(ident_serial_check(bad[i]) == -1, "serial_check=-1", bad[i]);
		expect(ident_serial_valid(bad[i]) == 0, "!serial_valid", bad[i]);
	}
	CU_ASSERT_EQUAL(ident_serial_valid("0"), 0);   /* a check digit alone */
	CU_ASSERT_EQUAL(ident_serial_valid("7"), 0);
	CU_ASSERT_EQUAL(ident_serial_check(NULL), -1);
	CU_ASSERT_EQUAL(ident_serial_valid(NULL), 0);
}

/* 住民票コード (11 digits, no formula) and 郵便番号 (7 digits). */
static void t_plain_formats(void)
{
	CU_ASSERT_EQUAL(ident_juminhyo_code_valid("12345678901"), 1);
	CU_ASSERT_EQUAL(ident_juminhyo_code_valid("00000000000"), 1);
	CU_ASSERT_EQUAL(ident_juminhyo_code_valid("1234567890"), 0);
	CU_ASSERT_EQUAL(ident_juminhyo_code_valid("123456789012"), 0);
	CU_ASSERT_EQUAL(ident_juminhyo_code_valid("1234567890a"), 0);
	CU_ASSERT_EQUAL(ident_juminhyo_code_valid(""), 0);
	CU_ASSERT_EQUAL(ident_juminhyo_code_valid(NULL), 0);
	CU_ASSERT_EQUAL(ident_postal_valid("1000001"), 1);
	CU_ASSERT_EQUAL(ident_postal_valid("100-0001"), 0);
	CU_ASSERT_EQUAL(ident_postal_valid("100000"), 0);
	CU_ASSERT_EQUAL(ident_postal_valid("10000010"), 0);
	CU_ASSERT_EQUAL(ident_postal_valid("１000001"), 0);
	CU_ASSERT_EQUAL(ident_postal_valid(""), 0);
	CU_ASSERT_EQUAL(ident_postal_valid(NULL), 0);
}

TESTUTIL_REGISTER(ident)
{
	static const struct testutil_case cases[] = {
		{ "個人番号 verified examples", t_kojin_examples },
		{ "個人番号 single-digit corruptions", t_kojin_corruptions },
		{ "個人番号 bad input", t_kojin_bad_input },
		{ "地方公共団体コード verified examples", t_muni_examples },
		{ "地方公共団体コード single-digit corruptions", t_muni_corruptions },
		{ "地方公共団体コード bad input", t_muni_bad_input },
		{ "地方公共団体コード of a 市区町村 only", t_muni_city },
		{ "serial check digit", t_serial },
		{ "serial remainder 1 refused", t_serial_remainder1 },
		{ "serial bad input", t_serial_bad_input },
		{ "住民票コード and 郵便番号", t_plain_formats },
		{ NULL, NULL },
	};

	testutil_suite("ident", NULL, NULL, cases);
}
