/* test_card_codec.c — TLV, APDU, status words, PC/SC errors, EF parsers, secrets. */
#include "tests/unit/testutil.h"
#include "card/card_apdu.h"
#include "card/card_jpki.h"
#include "card/card_kenhojo.h"
#include "card/card_pcsc.h"
#include "card/card_secret.h"
#include "card/card_tlv.h"
#include "i18n/mg_rc.h"

#include <PCSC/winscard.h>
#include <string.h>
#include <unistd.h>

/* Decode hex text (spaces allowed) into out; returns the byte count. */
static size_t hx(const char *s, uint8_t *out)
{
	size_t n = 0;
	unsigned v;

	while (*s) {
		if (*s == ' ') {
			s++;
			continue;
		}
		sscanf(s, "%2x", &v);
		out[n++] = (uint8_t)v;
		s += 2;
	}
	return n;
}

static void t_tlv_short_and_long_forms(void)
{
	uint8_t b[70000];
	struct card_tlv t;
	size_t n;

	n = hx("DF22 03 414243", b);
	CU_ASSERT_EQUAL(card_tlv_parse(b, n, &t), 0);
	CU_ASSERT_EQUAL(t.tag, 0xDF22);
	CU_ASSERT_EQUAL(t.hdr_len, 3);
	CU_ASSERT_EQUAL(t.len, 3);
	CU_ASSERT_EQUAL(t.value, b + 3);
	/* 81: one length byte */
	memset(b, 0xAA, sizeof b);
	n = hx("FF20 81 80", b);
	CU_ASSERT_EQUAL(card_tlv_parse(b, n + 0x80, &t), 0);
	CU_ASSERT_EQUAL(t.tag, 0xFF20);
	CU_ASSERT_EQUAL(t.hdr_len, 4);
	CU_ASSERT_EQUAL(t.len, 0x80);
	CU_ASSERT_EQUAL(card_tlv_parse(b, n + 0x7F, &t), MG_ECARD_DATA);   /* value cut */
	/* 82: two length bytes (EF0004: 7F21 82 02 33) */
	n = hx("7F21 82 0233", b);
	CU_ASSERT_EQUAL(card_tlv_parse(b, n + 0x233, &t), 0);
	CU_ASSERT_EQUAL(t.tag, 0x7F21);
	CU_ASSERT_EQUAL(t.len, 0x233);
	CU_ASSERT_EQUAL(t.hdr_len, 5);
	/* 83: three length bytes */
	n = hx("53 83 010000", b);
	CU_ASSERT_EQUAL(card_tlv_parse(b, n + 0x10000, &t), 0);
	CU_ASSERT_EQUAL(t.len, 0x10000);
	CU_ASSERT_EQUAL(t.hdr_len, 5);
	/* header only: the value need not be there */
	CU_ASSERT_EQUAL(card_tlv_header(b, 5, &t), 0);
	CU_ASSERT_EQUAL(t.len, 0x10000);
	/* three-byte tag */
	n = hx("5F8101 01 00", b);
	CU_ASSERT_EQUAL(card_tlv_parse(b, n, &t), 0);
	CU_ASSERT_EQUAL(t.tag, 0x5F8101);
}

static void t_tlv_rejects_malformed(void)
{
	uint8_t b[16];
	struct card_tlv t;

	CU_ASSERT_EQUAL(card_tlv_parse(b, hx("30 80 0000", b), &t), MG_ECARD_DATA);      /* indefinite */
	CU_ASSERT_EQUAL(card_tlv_parse(b, hx("30 84 00000001 00", b), &t), MG_ECARD_DATA); /* 4 length bytes */
	CU_ASSERT_EQUAL(card_tlv_parse(b, hx("30 82 01", b), &t), MG_ECARD_DATA);        /* length cut */
	CU_ASSERT_EQUAL(card_tlv_parse(b, hx("5F", b), &t), MG_ECARD_DATA);              /* tag cut */
	CU_ASSERT_EQUAL(card_tlv_parse(b, hx("5F81", b), &t), MG_ECARD_DATA);
	CU_ASSERT_EQUAL(card_tlv_parse(b, hx("5F818181 00", b), &t), MG_ECARD_DATA);     /* tag > 3 bytes */
	CU_ASSERT_EQUAL(card_tlv_parse(b, hx("04 05 0102", b), &t), MG_ECARD_DATA);      /* value cut */
	CU_ASSERT_EQUAL(card_tlv_parse(NULL, 0, &t), MG_ECARD_DATA);
}

static void t_tlv_find_and_filler(void)
{
	uint8_t b[32];
	struct card_tlv t;
	size_t n = hx("DF31 02 AABB DF32 01 CC FFFF", b);

	CU_ASSERT_EQUAL(card_tlv_find(b, n, 0xDF32, &t), 0);
	CU_ASSERT_EQUAL(t.len, 1);
	CU_ASSERT_EQUAL(t.value[0], 0xCC);
	CU_ASSERT_EQUAL(card_tlv_find(b, n, 0xDF33, &t), MG_ENOTFOUND);
	n = hx("DF31 02 AABB 01 05 00", b);   /* garbage that is not filler */
	CU_ASSERT_EQUAL(card_tlv_find(b, n, 0xDF33, &t), MG_ECARD_DATA);
}

static void t_tlv_put_len_round_trip(void)
{
	static const size_t lens[] = { 0, 1, 0x7F, 0x80, 0xFF, 0x100, 0xFFFF, 0x10000, 0xFFFFFF };
	uint8_t b[8];
	struct card_tlv t;

	for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		int n;

		b[0] = 0x04;
		n = card_tlv_put_len(lens[i], b + 1);
		CU_ASSERT(n >= 1 && n <= 4);
		CU_ASSERT_EQUAL(card_tlv_header(b, (size_t)n + 1, &t), 0);
		CU_ASSERT_EQUAL(t.len, lens[i]);
	}
	CU_ASSERT_EQUAL(card_tlv_put_len(0x1000000, b), MG_EINVAL);
}

static void t_apdu_encode_cases(void)
{
	uint8_t out[70000], exp[32], data[300];
	size_t n, en;
	struct card_apdu a = { 0x00, 0x20, 0x00, 0x80, NULL, 0, 0 };

	CU_ASSERT_EQUAL(card_apdu_encode(&a, out, sizeof out, &n), 0);      /* case 1 */
	en = hx("00 20 00 80", exp);
	CU_ASSERT(n == en && memcmp(out, exp, n) == 0);
	a = (struct card_apdu){ 0x00, 0xB0, 0x00, 0x00, NULL, 0, 256 };     /* case 2, Le 256 → 00 */
	CU_ASSERT_EQUAL(card_apdu_encode(&a, out, sizeof out, &n), 0);
	en = hx("00 B0 00 00 00", exp);
	CU_ASSERT(n == en && memcmp(out, exp, n) == 0);
	a.le = 0x11;
	CU_ASSERT_EQUAL(card_apdu_encode(&a, out, sizeof out, &n), 0);
	en = hx("00 B0 00 00 11", exp);
	CU_ASSERT(n == en && memcmp(out, exp, n) == 0);
	a.le = 65536;                                                      /* extended Le */
	CU_ASSERT_EQUAL(card_apdu_encode(&a, out, sizeof out, &n), 0);
	en = hx("00 B0 00 00 00 00 00", exp);
	CU_ASSERT(n == en && memcmp(out, exp, n) == 0);
	a.le = 0x1234;
	CU_ASSERT_EQUAL(card_apdu_encode(&a, out, sizeof out, &n), 0);
	en = hx("00 B0 00 00 00 12 34", exp);
	CU_ASSERT(n == en && memcmp(out, exp, n) == 0);
	/* case 3: SELECT EF */
	hx("0011", data);
	a = (struct card_apdu){ 0x00, 0xA4, 0x02, 0x0C, data, 2, 0 };
	CU_ASSERT_EQUAL(card_apdu_encode(&a, out, sizeof out, &n), 0);
	en = hx("00 A4 02 0C 02 00 11", exp);
	CU_ASSERT(n == en && memcmp(out, exp, n) == 0);
	/* case 4 short and extended */
	a.le = 256;
	CU_ASSERT_EQUAL(card_apdu_encode(&a, out, sizeof out, &n), 0);
	en = hx("00 A4 02 0C 02 00 11 00", exp);
	CU_ASSERT(n == en && memcmp(out, exp, n) == 0);
	memset(data, 0x5A, sizeof data);
	a = (struct card_apdu){ 0x80, 0x2A, 0x00, 0x80, data, 300, 256 };
	CU_ASSERT_EQUAL(card_apdu_encode(&a, out, sizeof out, &n), 0);
	CU_ASSERT_EQUAL(n, 4 + 3 + 300 + 2);
	CU_ASSERT(out[4] == 0 && out[5] == 0x01 && out[6] == 0x2C);
	CU_ASSERT(out[307] == 0x01 && out[308] == 0x00);
	/* errors */
	CU_ASSERT_EQUAL(card_apdu_encode(&a, out, 10, &n), MG_ETOOLONG);
	a.le = 65537;
	CU_ASSERT_EQUAL(card_apdu_encode(&a, out, sizeof out, &n), MG_EINVAL);
	a = (struct card_apdu){ 0x00, 0x20, 0x00, 0x80, NULL, 4, 0 };
	CU_ASSERT_EQUAL(card_apdu_encode(&a, out, sizeof out, &n), MG_EINVAL);
}

static void t_status_word_mapping(void)
{
	CU_ASSERT_EQUAL(card_apdu_sw_rc(0x9000), 0);
	CU_ASSERT_EQUAL(card_apdu_sw_rc(0x63C3), MG_ECARD_PIN_WRONG);
	CU_ASSERT_EQUAL(card_apdu_sw_rc(0x63C1), MG_ECARD_PIN_WRONG);
	CU_ASSERT_EQUAL(card_apdu_sw_rc(0x63C0), MG_ECARD_PIN_BLOCKED);
	CU_ASSERT_EQUAL(card_apdu_sw_rc(0x6984), MG_ECARD_PIN_BLOCKED);
	CU_ASSERT_EQUAL(card_apdu_sw_rc(0x6983), MG_ECARD_PIN_BLOCKED);
	CU_ASSERT_EQUAL(card_apdu_sw_rc(0x6982), MG_ECARD_SECURITY);
	CU_ASSERT_EQUAL(card_apdu_sw_rc(0x6A82), MG_ECARD_NOFILE);
	CU_ASSERT_EQUAL(card_apdu_sw_rc(0x6B00), MG_ECARD_SW);
	CU_ASSERT_EQUAL(card_apdu_sw_rc(0x6700), MG_ECARD_SW);
	CU_ASSERT_EQUAL(card_apdu_sw_rc(0x6D00), MG_ECARD_SW);
	CU_ASSERT_EQUAL(card_apdu_sw_rc(0x6300), MG_ECARD_SW);
}

static void t_pcsc_error_mapping(void)
{
	CU_ASSERT_EQUAL(card_pcsc_map((long)SCARD_S_SUCCESS), 0);
	CU_ASSERT_EQUAL(card_pcsc_map((long)SCARD_W_REMOVED_CARD), MG_ECARD_REMOVED);
	CU_ASSERT_EQUAL(card_pcsc_map((long)SCARD_E_NO_SMARTCARD), MG_ECARD_NOCARD);
	CU_ASSERT_EQUAL(card_pcsc_map((long)SCARD_E_NO_SERVICE), MG_ECARD_NOSERVICE);
	CU_ASSERT_EQUAL(card_pcsc_map((long)SCARD_E_SERVICE_STOPPED), MG_ECARD_NOSERVICE);
	CU_ASSERT_EQUAL(card_pcsc_map((long)SCARD_F_COMM_ERROR), MG_ECARD_NOSERVICE);
	CU_ASSERT_EQUAL(card_pcsc_map((long)SCARD_E_UNKNOWN_READER), MG_ECARD_NOREADER);
	CU_ASSERT_EQUAL(card_pcsc_map((long)SCARD_E_READER_UNAVAILABLE), MG_ECARD_NOREADER);
	CU_ASSERT_EQUAL(card_pcsc_map((long)SCARD_E_NO_READERS_AVAILABLE), MG_ECARD_NOREADER);
	CU_ASSERT_EQUAL(card_pcsc_map((long)SCARD_E_SHARING_VIOLATION), MG_ECARD_SHARING);
	CU_ASSERT_EQUAL(card_pcsc_map((long)SCARD_E_TIMEOUT), MG_ECARD_TIMEOUT);
	CU_ASSERT_EQUAL(card_pcsc_map((long)SCARD_E_CANCELLED), MG_ECARD_CANCELLED);
	CU_ASSERT_EQUAL(card_pcsc_map((long)SCARD_W_RESET_CARD), MG_ECARD_RESET);
	CU_ASSERT_EQUAL(card_pcsc_map((long)SCARD_W_UNRESPONSIVE_CARD), MG_ECARD_UNRESPONSIVE);
	CU_ASSERT_EQUAL(card_pcsc_map((long)SCARD_E_NOT_TRANSACTED), MG_ECARD_COMM);
	CU_ASSERT_EQUAL(card_pcsc_map((long)SCARD_W_SECURITY_VIOLATION), MG_ECARD_COMM);
	CU_ASSERT_EQUAL(card_pcsc_map((long)SCARD_E_NO_MEMORY), MG_ENOMEM);
	CU_ASSERT_EQUAL(card_pcsc_map((long)SCARD_E_INVALID_PARAMETER), MG_ECARD_PCSC);
	/* every code has a message id of its own */
	for (int rc = -200; rc >= -226; rc--)
		CU_ASSERT_STRING_NOT_EQUAL(mg_rc_msgid(rc), "rc_unknown");
}

static void t_mynumber_check_digit_and_mask(void)
{
	char m[16];

	CU_ASSERT(card_kenhojo_mynumber_valid("123456789018"));
	CU_ASSERT(card_kenhojo_mynumber_valid("987654321093"));
	CU_ASSERT(!card_kenhojo_mynumber_valid("123456789017"));
	CU_ASSERT(!card_kenhojo_mynumber_valid("123456789019"));
	CU_ASSERT(!card_kenhojo_mynumber_valid("12345678901"));
	CU_ASSERT(!card_kenhojo_mynumber_valid("1234567890180"));
	CU_ASSERT(!card_kenhojo_mynumber_valid("12345678901a"));
	/* R <= 1 gives check digit 0: 00000000001x → sum 2 → R 2 → 9; 00000000000x → 0 */
	CU_ASSERT(card_kenhojo_mynumber_valid("000000000000"));
	CU_ASSERT(card_kenhojo_mynumber_valid("000000000019"));
	CU_ASSERT_EQUAL(card_kenhojo_mask("123456789018", m, sizeof m), 0);
	CU_ASSERT_STRING_EQUAL(m, "************");
	CU_ASSERT(strpbrk(m, "0123456789") == NULL);
	CU_ASSERT_EQUAL(card_kenhojo_mask("123456789018", m, 5), MG_ETOOLONG);
}

static void t_text_validation(void)
{
	const char *ok = "山田　太郎 東京都千代田区霞が関二丁目１番２号 ABC-1";

	CU_ASSERT(card_kenhojo_text_ok((const uint8_t *)ok, strlen(ok)));
	CU_ASSERT(!card_kenhojo_text_ok((const uint8_t *)"a\x1b[2Jb", 6));           /* ESC */
	CU_ASSERT(!card_kenhojo_text_ok((const uint8_t *)"a\nb", 3));
	CU_ASSERT(!card_kenhojo_text_ok((const uint8_t *)"a\x7f", 2));
	CU_ASSERT(!card_kenhojo_text_ok((const uint8_t *)"\xc2\x9b", 2));            /* C1 CSI */
	CU_ASSERT(!card_kenhojo_text_ok((const uint8_t *)"\xe2\x80\xae", 3));        /* RLO */
	CU_ASSERT(!card_kenhojo_text_ok((const uint8_t *)"\xc0\xaf", 2));            /* overlong */
	CU_ASSERT(!card_kenhojo_text_ok((const uint8_t *)"\xed\xa0\x80", 3));        /* surrogate */
	CU_ASSERT(!card_kenhojo_text_ok((const uint8_t *)"\xe5\xb1", 2));            /* cut */
	CU_ASSERT(!card_kenhojo_text_ok((const uint8_t *)"\xff", 1));
}

/* The worked example of card-protocol.md §4.3. */
static const char *ef2_example =
	"FF 20 62"
	"DF 21 08 00 0E 00 20 00 56 00 61"
	"DF 22 0F E5 B1 B1 E7 94 B0 E3 80 80 E5 A4 AA E9 83 8E"
	"DF 23 33 E6 9D B1 E4 BA AC E9 83 BD E5 8D 83 E4 BB A3 E7 94 B0"
	"E5 8C BA E9 9C 9E E3 81 8C E9 96 A2 E4 BA 8C E4 B8 81"
	"E7 9B AE EF BC 91 E7 95 AA EF BC 92 E5 8F B7"
	"DF 24 08 31 39 38 35 30 34 30 31"
	"DF 25 01 31";

static void t_parse_ef1_ef2_expiry(void)
{
	struct card_kenhojo k;
	uint8_t b[600];
	char m[13], ymd[9];
	size_t n;

	n = hx("FF 10 0C 31 32 33 34 35 36 37 38 39 30 31 38 FF FF", b);
	CU_ASSERT_EQUAL(card_kenhojo_parse_ef1(b, n, m), 0);
	CU_ASSERT_STRING_EQUAL(m, "123456789018");
	b[14] = '7';
	CU_ASSERT_EQUAL(card_kenhojo_parse_ef1(b, n, m), MG_ECARD_MYNUMBER);
	CU_ASSERT_STRING_EQUAL(m, "");
	b[14] = 'x';
	CU_ASSERT_EQUAL(card_kenhojo_parse_ef1(b, n, m), MG_ECARD_DATA);
	CU_ASSERT_EQUAL(card_kenhojo_parse_ef1(b, 10, m), MG_ECARD_DATA);

	memset(&k, 0, sizeof k);
	n = hx(ef2_example, b);
	CU_ASSERT_EQUAL(n, 101);
	b[n] = 0xFF;          /* filler after the TLV is allowed */
	CU_ASSERT_EQUAL(card_kenhojo_parse_ef2(b, n + 1, &k), 0);
	CU_ASSERT_STRING_EQUAL(k.name, "山田　太郎");
	CU_ASSERT_STRING_EQUAL(k.address, "東京都千代田区霞が関二丁目１番２号");
	CU_ASSERT_STRING_EQUAL(k.birth, "19850401");
	CU_ASSERT_STRING_EQUAL(k.sex, "1");
	/* a wrong offset table entry */
	b[9] = 0x21;
	CU_ASSERT_EQUAL(card_kenhojo_parse_ef2(b, n, &k), MG_ECARD_DATA);
	CU_ASSERT_STRING_EQUAL(k.name, "");
	b[9] = 0x20;
	/* sex 3 is not a JIS X 0303 code */
	b[100] = '3';
	CU_ASSERT_EQUAL(card_kenhojo_parse_ef2(b, n, &k), MG_ECARD_DATA);
	b[100] = '2';
	CU_ASSERT_EQUAL(card_kenhojo_parse_ef2(b, n, &k), 0);
	CU_ASSERT_STRING_EQUAL(k.sex, "2");
	/* 1985-02-30 is not a date */
	memcpy(b + 93, "0230", 4);
	CU_ASSERT_EQUAL(card_kenhojo_parse_ef2(b, n, &k), MG_ECARD_DATA);
	memcpy(b + 93, "0401", 4);
	/* a control character in the name */
	b[17] = 0x1B;
	CU_ASSERT_EQUAL(card_kenhojo_parse_ef2(b, n, &k), MG_ECARD_DATA);
	b[17] = 0xE5;
	CU_ASSERT_EQUAL(card_kenhojo_parse_ef2(b, n, &k), 0);
	/* outer length one short */
	b[2] = 0x61;
	CU_ASSERT_EQUAL(card_kenhojo_parse_ef2(b, n, &k), MG_ECARD_DATA);

	CU_ASSERT_EQUAL(card_kenhojo_parse_expiry(b, hx("F2 08 3230333530343031", b), ymd), 0);
	CU_ASSERT_STRING_EQUAL(ymd, "20350401");
	CU_ASSERT_EQUAL(card_kenhojo_parse_expiry(b, hx("F2 04 20350401", b), ymd), 0);
	CU_ASSERT_STRING_EQUAL(ymd, "20350401");
	CU_ASSERT_EQUAL(card_kenhojo_parse_expiry(b, hx("3230333530343031", b), ymd), 0);
	CU_ASSERT_STRING_EQUAL(ymd, "20350401");
	CU_ASSERT_EQUAL(card_kenhojo_parse_expiry(b, hx("F2 04 2035021A", b), ymd), MG_ECARD_DATA);
	CU_ASSERT_EQUAL(card_kenhojo_parse_expiry(b, hx("F2 08 3230333530323330", b), ymd), MG_ECARD_DATA);
	CU_ASSERT_STRING_EQUAL(ymd, "");
}

/* EF0002 with an address long enough for the 81 LL outer length. */
static void t_parse_ef2_long_form(void)
{
	struct card_kenhojo k;
	uint8_t b[700];
	const char *name = "佐藤　花子", *addr =
		"北海道札幌市中央区北一条西二丁目一番地　札幌市役所本庁舎十八階東側会議室前";
	size_t nl = strlen(name), al = strlen(addr), pos, inner;

	memset(&k, 0, sizeof k);
	inner = 11 + 3 + nl + 3 + al + 11 + 4;
	CU_ASSERT_FATAL(inner >= 0x80 && inner <= 0xFF && al < 0x80);
	pos = 0;
	b[pos++] = 0xFF;
	b[pos++] = 0x20;
	b[pos++] = 0x81;
	b[pos++] = (uint8_t)inner;
	{
		size_t o1 = 4 + 11, o2 = o1 + 3 + nl, o3 = o2 + 3 + al, o4 = o3 + 11;
		uint8_t t[] = { 0xDF, 0x21, 0x08, 0, (uint8_t)o1, 0, (uint8_t)o2, (uint8_t)(o3 >> 8),
		                (uint8_t)o3, (uint8_t)(o4 >> 8), (uint8_t)o4 };

		memcpy(b + pos, t, sizeof t);
		pos += sizeof t;
	}
	b[pos++] = 0xDF; b[pos++] = 0x22; b[pos++] = (uint8_t)nl;
	memcpy(b + pos, name, nl); pos += nl;
	b[pos++] = 0xDF; b[pos++] = 0x23; b[pos++] = (uint8_t)al;
	memcpy(b + pos, addr, al); pos += al;
	memcpy(b + pos, "\xDF\x24\x08" "20000229" "\xDF\x25\x01" "2", 15);
	pos += 15;
	CU_ASSERT_EQUAL(pos, 4 + inner);
	CU_ASSERT_EQUAL(card_kenhojo_parse_ef2(b, pos, &k), 0);
	CU_ASSERT_STRING_EQUAL(k.address, addr);
	CU_ASSERT_STRING_EQUAL(k.birth, "20000229");
}

static void t_secret_buffers(void)
{
	struct card_secret *s = NULL;
	int fds[2];

	CU_ASSERT_EQUAL_FATAL(card_secret_new(&s), 0);
	CU_ASSERT_EQUAL(card_secret_len(s), 0);
	CU_ASSERT_EQUAL(card_secret_set(s, "1234", 4), 0);
	CU_ASSERT(card_secret_is_digits(s, 4));
	CU_ASSERT(!card_secret_is_digits(s, 5));
	CU_ASSERT_EQUAL(card_secret_append(s, "x", 1), 0);
	CU_ASSERT(!card_secret_is_digits(s, 5));
	card_secret_clear(s);
	CU_ASSERT_EQUAL(card_secret_len(s), 0);
	CU_ASSERT_EQUAL(card_secret_data(s)[0], 0);
	{
		char big[CARD_SECRET_MAX + 1];

		memset(big, '1', sizeof big);
		CU_ASSERT_EQUAL(card_secret_set(s, big, sizeof big), MG_ETOOLONG);
		CU_ASSERT_EQUAL(card_secret_len(s), 0);
	}
	/* one line from a descriptor; nothing after it is consumed */
	CU_ASSERT_EQUAL_FATAL(pipe(fds), 0);
	CU_ASSERT_EQUAL(write(fds[1], "4321\r\nrest", 10), 10);
	close(fds[1]);
	CU_ASSERT_EQUAL(card_secret_read_fd(s, fds[0]), 0);
	CU_ASSERT_EQUAL(card_secret_len(s), 4);
	CU_ASSERT(memcmp(card_secret_data(s), "4321", 4) == 0);
	{
		char rest[8] = { 0 };

		CU_ASSERT_EQUAL(read(fds[0], rest, sizeof rest - 1), 4);
		CU_ASSERT_STRING_EQUAL(rest, "rest");
	}
	close(fds[0]);
	card_secret_free(s);
	card_secret_free(NULL);
}

static void t_jpki_label(void)
{
	uint8_t b[40];
	char label[33];

	memset(b, ' ', sizeof b);
	memcpy(b, "JPKIAPICCTOKEN2", 15);
	CU_ASSERT_EQUAL(card_jpki_parse_label(b, 32, label), 0);
	CU_ASSERT_STRING_EQUAL(label, "JPKIAPICCTOKEN2");
	b[3] = 0x07;
	CU_ASSERT_EQUAL(card_jpki_parse_label(b, 32, label), MG_ECARD_DATA);
	memset(b, ' ', sizeof b);
	CU_ASSERT_EQUAL(card_jpki_parse_label(b, 32, label), MG_ECARD_DATA);
}

TESTUTIL_REGISTER(card_codec)
{
	static const struct testutil_case cases[] = {
		{ "TLV short and long forms", t_tlv_short_and_long_forms },
		{ "TLV rejects malformed input", t_tlv_rejects_malformed },
		{ "TLV find skips filler", t_tlv_find_and_filler },
		{ "TLV length encoding round trip", t_tlv_put_len_round_trip },
		{ "APDU encoding, cases 1-4, extended", t_apdu_encode_cases },
		{ "status word mapping", t_status_word_mapping },
		{ "PC/SC error mapping", t_pcsc_error_mapping },
		{ "My Number check digit and mask", t_mynumber_check_digit_and_mask },
		{ "card text validation", t_text_validation },
		{ "EF0001, EF0002, expiry parsing", t_parse_ef1_ef2_expiry },
		{ "EF0002 with 81 LL length", t_parse_ef2_long_form },
		{ "secret buffers", t_secret_buffers },
		{ "JPKI token label", t_jpki_label },
		{ NULL, NULL }
	};
	testutil_suite("card_codec", NULL, NULL, cases);
}
