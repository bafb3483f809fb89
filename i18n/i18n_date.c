/* i18n_date.c — Gregorian day arithmetic and the ISO form. */
#include "i18n/i18n_date.h"
#include "i18n/mg_rc.h"

#include <time.h>

int i18n_date_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int i18n_date_mdays(int y, int m)
{
	static const int md[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return md[m - 1] + (m == 2 && i18n_date_leap(y));
}

int i18n_date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && d >= 1 && d <= i18n_date_mdays(y, m);
}

/* Days from civil (Howard Hinnant's public-domain algorithm, restated). */
i18n_day i18n_date_from_ymd(int y, int m, int d)
{
	int yy = m <= 2 ? y - 1 : y;
	int era = (yy >= 0 ? yy : yy - 399) / 400;
	unsigned yoe = (unsigned)(yy - era * 400);
	unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (i18n_day)(era * 146097 + (int)doe - 719468);
}

void i18n_date_to_ymd(i18n_day day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	int mm = (int)(mp < 10 ? mp + 3 : mp - 9);

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = mm;
	*y = (int)yoe + era * 400 + (mm <= 2);
}

int i18n_date_weekday(i18n_day day)
{
	int w = (int)((day + 4) % 7);   /* 1970-01-01 was a Thursday */

	return w < 0 ? w + 7 : w;
}

int i18n_date_parse_iso(const char *s, i18n_day *day)
{
	int y = 0, m = 0, d = 0;

	for (int i = 0; i < 10; i++) {
		char c = s[i];

		if (i == 4 || i == 7) {
			if (c != '-')
				return MG_EDATE;
			continue;
		}
		if (c < '0' || c > '9')
			return MG_EDATE;
		if (i < 4)
			y = y * 10 + (c - '0');
		else if (i < 7)
			m = m * 10 + (c - '0');
		else
			d = d * 10 + (c - '0');
	}
	if (s[10] != '\0' || !i18n_date_valid(y, m, d))
		return MG_EDATE;
	*day = i18n_date_from_ymd(y, m, d);
	return 0;
}

void i18n_date_format_iso(i18n_day day, char *out)
{
	int y, m, d;

	i18n_date_to_ymd(day, &y, &m, &d);
	y = y < 0 ? 0 : y % 10000;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

i18n_day i18n_date_today(void)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	return i18n_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
