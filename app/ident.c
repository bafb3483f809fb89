/* ident.c — identifier formats and check digits (domain-rules §6). */
#include "app/ident.h"

#include <stddef.h>
#include <string.h>

/* Length of s when it is 1 or more ASCII digits only, else 0 (NULL → 0). */
static size_t digits_len(const char *s)
{
	size_t n = 0;

	if (!s)
		return 0;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return s[n] == '\0' ? n : 0;
}

/* Σ digit·weight mod 11 over n digits, weights given left to right. */
static int weighted_mod11(const char *s, const int *w, size_t n)
{
	int sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += (s[i] - '0') * w[i];
	return sum % 11;
}

/* 個人番号 check digit of the 11 digits at s (カード省令5条). */
static int kojin_check(const char *s)
{
	static const int w[11] = { 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };
	int r = weighted_mod11(s, w, 11);

	return r <= 1 ? 0 : 11 - r;
}

int ident_kojin_bango_check(const char *base11)
{
	if (digits_len(base11) != 11)
		return -1;
	return kojin_check(base11);
}

int ident_kojin_bango_valid(const char *s)
{
	if (digits_len(s) != 12)
		return 0;
	return kojin_check(s) == s[11] - '0';
}

/* 地方公共団体コード check digit of the 5 digits at s. */
static int muni_check(const char *s)
{
	static const int w[5] = { 6, 5, 4, 3, 2 };

	return (11 - weighted_mod11(s, w, 5)) % 10;
}

int ident_muni_check(const char *base5)
{
	if (digits_len(base5) != 5)
		return -1;
	return muni_check(base5);
}

int ident_muni_valid(const char *s)
{
	if (digits_len(s) != 6)
		return 0;
	return muni_check(s) == s[5] - '0';
}

int ident_muni_city_valid(const char *s)
{
	return ident_muni_valid(s) && ident_pref_name(s) && strncmp(s + 2, "000", 3) != 0;
}

/*
 * Serial check digit of the n digits at s (標準仕様 1.1.13: modulus 11,
 * weights 2..7 repeating from the rightmost); -1 for remainder 1.
 */
static int serial_check(const char *s, size_t n)
{
	int sum = 0;

	for (size_t i = 0; i < n; i++) {
		sum += (s[n - 1 - i] - '0') * (int)(2 + i % 6);
		sum %= 11;   /* any length without overflow */
	}
	if (sum == 0)
		return 0;
	return sum == 1 ? -1 : 11 - sum;
}

int ident_serial_check(const char *serial)
{
	size_t n = digits_len(serial);

	if (n == 0)
		return -1;
	return serial_check(serial, n);
}

int ident_serial_valid(const char *s)
{
	size_t n = digits_len(s);
	int c;

	if (n < 2)
		return 0;
	c = serial_check(s, n - 1);
	return c >= 0 && c == s[n - 1] - '0';
}

int ident_juminhyo_code_valid(const char *s)
{
	return digits_len(s) == 11;
}

int ident_postal_valid(const char *s)
{
	return digits_len(s) == 7;
}

const char *ident_pref_name(const char *muni_code)
{
	static const char *const pref[47] = {
		"北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県",
		"栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県",
		"石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県",
		"滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県",
		"岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
		"佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
	};
	int n;

	if (!muni_code || muni_code[0] < '0' || muni_code[0] > '9' || muni_code[1] < '0' ||
	    muni_code[1] > '9')
		return NULL;
	n = (muni_code[0] - '0') * 10 + (muni_code[1] - '0');
	return n >= 1 && n <= 47 ? pref[n - 1] : NULL;
}
