/* zokugara.c — validation of 続柄 (標準仕様 1.1.11). */
#include "app/zokugara.h"

#include <string.h>

static const char head[] = "世帯主";

/* The single links a chain may be made of. */
static const char *const links[] = {
	"夫", "妻", "子", "父", "母", "兄", "姉", "弟", "妹",
};

/* Terms that stand alone (no chaining). */
static const char *const alone[] = {
	"夫（未届）", "妻（未届）", "縁故者", "同居人",
};

int zokugara_is_head(const char *s)
{
	return s && strcmp(s, head) == 0;
}

/* Length of the link at s when it is one of the allowed links, else 0. */
static size_t zokugara_link(const char *s)
{
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
		size_t n = strlen(links[i]);

		if (strncmp(s, links[i], n) == 0)
			return n;
	}
	return 0;
}

int zokugara_valid(const char *s, int head_ok)
{
	static const char no[] = "の";
	const size_t nolen = sizeof no - 1;
	int count = 0;

	if (!s || !*s)
		return 0;
	if (zokugara_is_head(s))
		return head_ok;
	for (size_t i = 0; i < sizeof alone / sizeof alone[0]; i++)
		if (strcmp(s, alone[i]) == 0)
			return 1;
	for (;;) {
		size_t n = zokugara_link(s);

		if (n == 0 || ++count > 4)
			return 0;
		s += n;
		if (*s == '\0')
			return 1;
		if (strncmp(s, no, nolen) != 0)
			return 0;
		s += nolen;
	}
}
