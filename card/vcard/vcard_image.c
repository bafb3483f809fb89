/* vcard_image.c — minimal PNG writer and synthetic 券面AP images. */
#include "card/vcard/vcard_image.h"
#include "i18n/mg_rc.h"

#include <stdlib.h>
#include <string.h>

/* CRC-32 (ISO-HDLC, as PNG) of n bytes continuing from crc. */
uint32_t vcard_image_crc32(uint32_t crc, const uint8_t *b, size_t n)
{
	crc = ~crc;
	for (size_t i = 0; i < n; i++) {
		crc ^= b[i];
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
	}
	return ~crc;
}

/* Store a big-endian u32. */
static void be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Write a chunk (length, type, data, CRC) at out; returns its size. */
static size_t chunk(uint8_t *out, const char type[4], const uint8_t *d, size_t n)
{
	be32(out, (uint32_t)n);
	memcpy(out + 4, type, 4);
	if (n)
		memcpy(out + 8, d, n);
	be32(out + 8 + n, vcard_image_crc32(0, out + 4, n + 4));
	return n + 12;
}

int vcard_image_png(const uint8_t *raw, unsigned width, unsigned height, int depth,
                    uint8_t **png, size_t *len)
{
	size_t row, flen, nblocks, zlen, total, o = 0;
	uint8_t *f = NULL, *z = NULL, *out = NULL, ihdr[13];
	uint32_t a = 1, b = 0;
	int rc = MG_ENOMEM;

	*png = NULL;
	*len = 0;
	if (!width || !height || width > 4096 || height > 4096 || (depth != 1 && depth != 8))
		return MG_EINVAL;
	row = ((size_t)width * (size_t)depth + 7) / 8;
	flen = (row + 1) * height;                   /* filter byte 0 per row */
	nblocks = (flen + 65534) / 65535;
	zlen = 2 + flen + 5 * nblocks + 4;
	total = 8 + 25 + (zlen + 12) + 12;
	if (!(f = malloc(flen)) || !(z = malloc(zlen)) || !(out = malloc(total)))
		goto out;
	for (size_t y = 0; y < height; y++) {
		f[y * (row + 1)] = 0;
		memcpy(f + y * (row + 1) + 1, raw + y * row, row);
	}
	/* zlib: CMF/FLG, stored deflate blocks, Adler-32 */
	z[0] = 0x78;
	z[1] = 0x01;
	{
		size_t zo = 2, left = flen, pos = 0;

		while (left > 0) {
			size_t n = left > 65535 ? 65535 : left;

			z[zo++] = left == n ? 1 : 0;
			z[zo++] = (uint8_t)n;
			z[zo++] = (uint8_t)(n >> 8);
			z[zo++] = (uint8_t)~n;
			z[zo++] = (uint8_t)(~n >> 8);
			memcpy(z + zo, f + pos, n);
			zo += n;
			pos += n;
			left -= n;
		}
		for (size_t i = 0; i < flen; i++) {
			a = (a + f[i]) % 65521;
			b = (b + a) % 65521;
		}
		be32(z + zo, b << 16 | a);
	}
	memcpy(out, "\x89PNG\r\n\x1a\n", 8);
	o = 8;
	be32(ihdr, width);
	be32(ihdr + 4, height);
	ihdr[8] = (uint8_t)depth;
	ihdr[9] = 0;      /* greyscale */
	ihdr[10] = 0;     /* deflate */
	ihdr[11] = 0;     /* filter method 0 */
	ihdr[12] = 0;     /* no interlace */
	o += chunk(out + o, "IHDR", ihdr, 13);
	o += chunk(out + o, "IDAT", z, zlen);
	o += chunk(out + o, "IEND", NULL, 0);
	*png = out;
	*len = o;
	out = NULL;
	rc = 0;
out:
	free(f);
	free(z);
	free(out);
	return rc;
}

int vcard_image_text(const char *text, int scale, uint8_t **png, size_t *len)
{
	size_t n = text ? strlen(text) : 0, row;
	unsigned w, h;
	uint8_t *raw;
	int rc;

	*png = NULL;
	*len = 0;
	if (!n || scale < 1 || scale > 4 || n > 500)
		return MG_EINVAL;
	w = (unsigned)(n * 8 < 64 ? 64 : n * 8);
	h = 16u * (unsigned)scale;
	row = (w + 7) / 8;
	raw = malloc(row * h);
	if (!raw)
		return MG_ENOMEM;
	/* white background (1 = white in greyscale) with one column of bits per text byte */
	memset(raw, 0xFF, row * h);
	for (unsigned y = 2; y + 2 < h; y++)
		for (size_t i = 0; i < n && i < row; i++)
			raw[y * row + i] = (uint8_t)~((uint8_t)text[i] & (y % 2 ? 0xAA : 0x55));
	rc = vcard_image_png(raw, w, h, 1, png, len);
	free(raw);
	return rc;
}

int vcard_image_face(const char *seed, uint8_t **png, size_t *len)
{
	enum { W = 96, H = 120 };
	uint8_t *raw = malloc((size_t)W * H);
	unsigned s = 0;
	int rc;

	*png = NULL;
	*len = 0;
	if (!raw)
		return MG_ENOMEM;
	for (const char *p = seed ? seed : ""; *p; p++)
		s = s * 31u + (unsigned char)*p;
	for (unsigned y = 0; y < H; y++)
		for (unsigned x = 0; x < W; x++) {
			unsigned dx = x > W / 2 ? x - W / 2 : W / 2 - x;
			unsigned dy = y > H / 2 ? y - H / 2 : H / 2 - y;

			raw[y * W + x] = (uint8_t)(255 - (dx * dx + dy * dy + s) % 160);
		}
	rc = vcard_image_png(raw, W, H, 8, png, len);
	free(raw);
	return rc;
}
