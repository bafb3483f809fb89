/*
 * zokugara.h — 続柄 as 標準仕様 1.1.11 allows them (domain-rules §7.2):
 * 世帯主; 夫, 妻, 夫（未届）, 妻（未届）, 子, 父, 母, 兄, 姉, 弟, 妹 and chains of
 * those joined by の up to four links (子の夫, 子の子の子の子); 縁故者; 同居人.
 * Not allowed: 祖父, 祖母, おじ, おば, 甥, 姪, 孫, 家事使用人, 準世帯主 (they are
 * written as chains, e.g. 父の父, or as 縁故者).
 */
#ifndef ZOKUGARA_H
#define ZOKUGARA_H

/*
 * zokugara_valid — 1 when s (NFC, full-width parentheses) is an allowed
 * 続柄, 0 otherwise. The 世帯主 entry is allowed only when head_ok is set.
 */
int zokugara_valid(const char *s, int head_ok);

/* zokugara_is_head — 1 when s is "世帯主". */
int zokugara_is_head(const char *s);

#endif
