/*
 * ident.h — identifiers and their check digits (domain-rules §6).
 * All take NUL-terminated ASCII digit strings (normalise full-width input
 * first); anything else — other characters, wrong length, NULL — is bad
 * input (-1 from *_check, 0 from *_valid). Pure; no allocation, no blocking.
 */
#ifndef IDENT_H
#define IDENT_H

/*
 * ident_kojin_bango_check — check digit of an 11-digit 個人番号 base
 * (weights 6,5,4,3,2,7,6,5,4,3,2 left to right; R = Σ mod 11;
 * 0 if R <= 1 else 11 - R). Returns 0..9, or -1 for bad input.
 */
int ident_kojin_bango_check(const char *base11);

/* ident_kojin_bango_valid — 1 for 12 digits with a matching check digit. */
int ident_kojin_bango_valid(const char *s);

/*
 * ident_muni_check — check digit of a 5-digit 地方公共団体コード base
 * (weights 6,5,4,3,2; R = Σ mod 11; (11 - R) mod 10). -1 for bad input.
 */
int ident_muni_check(const char *base5);

/* ident_muni_valid — 1 for 6 digits with a matching check digit. */
int ident_muni_valid(const char *s);

/*
 * ident_muni_city_valid — 1 for the code of a 市区町村 (a municipality that
 * keeps a 住民基本台帳): ident_muni_valid, a prefecture part 01–47 (JIS X
 * 0401) and a municipality part other than 000 (the prefecture itself).
 * 990001, 000001 and 130001 (東京都) are not.
 */
int ident_muni_city_valid(const char *s);

/*
 * ident_serial_check — check digit of an 宛名番号/世帯番号 serial (標準仕様
 * 1.1.13: modulus 11, weights 2..7 repeating from the rightmost digit;
 * remainder 0 → 0, else 11 - remainder). Returns 0..9, or -1 when the
 * result would be 10 (remainder 1): such a serial is skipped, never issued.
 * -1 also for bad input. serial: 1 or more digits, any length.
 */
int ident_serial_check(const char *serial);

/*
 * ident_serial_valid — 1 for 2 or more digits whose last digit checks the
 * rest (a base with remainder 1 has no valid number).
 */
int ident_serial_valid(const char *s);

/* ident_juminhyo_code_valid — 1 for exactly 11 ASCII digits (no public formula). */
int ident_juminhyo_code_valid(const char *s);

/* ident_postal_valid — 1 for exactly 7 ASCII digits. */
int ident_postal_valid(const char *s);

/*
 * ident_pref_name — the prefecture of a 全国地方公共団体コード (its first two
 * digits, JIS X 0401): "兵庫県" for 282146. Static; NULL for a bad code.
 */
const char *ident_pref_name(const char *muni_code);

#endif
