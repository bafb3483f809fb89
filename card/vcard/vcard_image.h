/*
 * vcard_image.h — synthetic images for the 券面AP of emulated cards.
 *
 * The real card holds rendered name/address/security-code images (1-bit PNG)
 * and a face photo (JPEG 2000). The emulator has no fonts and no photos, so
 * it writes valid PNG files whose pixels are a pattern derived from the text
 * (different holders give different images; nothing is readable in them).
 * The face is a greyscale PNG, not JPEG 2000 (documented in README.md).
 */
#ifndef VCARD_IMAGE_H
#define VCARD_IMAGE_H

#include <stddef.h>
#include <stdint.h>

/*
 * vcard_image_text — a 1-bit PNG for a UTF-8 text: 16*scale pixels high,
 * 8 pixels per byte of text wide (at least 64), stripes from the bytes.
 * OUT: *png (returns new, free()), *len. Returns 0, MG_EINVAL or MG_ENOMEM.
 */
int vcard_image_text(const char *text, int scale, uint8_t **png, size_t *len);

/*
 * vcard_image_face — a 96x120 8-bit greyscale PNG, a gradient seeded by seed.
 * OUT: *png (returns new, free()), *len. Returns 0 or MG_ENOMEM.
 */
int vcard_image_face(const char *seed, uint8_t **png, size_t *len);

/* vcard_image_crc32 — CRC-32 (ISO-HDLC, as PNG) of n bytes continuing from crc. */
uint32_t vcard_image_crc32(uint32_t crc, const uint8_t *b, size_t n);

/*
 * vcard_image_png — encode raw rows as PNG (zlib stored blocks, no
 * compression): width x height, bit depth 1 or 8, greyscale. raw holds
 * height rows of ceil(width*depth/8) bytes (no filter bytes).
 * OUT: *png (returns new, free()), *len. Returns 0, MG_EINVAL or MG_ENOMEM.
 */
int vcard_image_png(const uint8_t *raw, unsigned width, unsigned height, int depth,
                    uint8_t **png, size_t *len);

#endif
