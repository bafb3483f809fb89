/*
 * fuzz_sanitize.c — untrusted text through the i18n layer: the sanitiser,
 * date parsers and width. None may crash, overrun or leave a control byte.
 */
#include "i18n/i18n_text.h"
#include "i18n/i18n_wareki.h"
#include "i18n/i18n_width.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	char in[4096], out[4096], iso[I18N_DATE_ISO_LEN];
	i18n_day day;

	if (n >= sizeof in)
		n = sizeof in - 1;
	memcpy(in, d, n);
	in[n] = '\0';
	i18n_text_sanitize(in, out, sizeof out);
	for (const char *p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			abort();
	i18n_wareki_parse(in, &day);
	i18n_wareki_parse_birth(in, iso);
	i18n_width_of(out);
	return 0;
}
