/* csmsg.c — strict key=value payloads of exchange messages. */
#include "app/csmsg.h"
#include "i18n/mg_rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 when c may appear in a key. */
static int key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* Validate UTF-8 of len bytes (no overlongs, no surrogates). */
static int utf8_ok(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if (i + n >= len)
			return 0;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += n + 1;
	}
	return 1;
}

int csmsg_parse(const char *payload, size_t len, struct csmsg *m)
{
	char *p, *end;

	memset(m, 0, sizeof *m);
	if (!payload || len == 0 || len > CSMSG_MAX_SIZE)
		return MG_EBADMSG;
	if (memchr(payload, '\0', len))
		return MG_EBADMSG;
	if (!utf8_ok((const unsigned char *)payload, len))
		return MG_EBADMSG;
	m->buf = malloc(len + 1);
	if (!m->buf)
		return MG_ENOMEM;
	memcpy(m->buf, payload, len);
	m->buf[len] = '\0';
	p = m->buf;
	end = m->buf + len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *line_end = nl ? nl : end;
		char *eq = memchr(p, '=', (size_t)(line_end - p));
		char *r, *w;

		if (!eq || eq == p || eq - p > 31)
			return MG_EBADMSG;
		for (char *k = p; k < eq; k++)
			if (!key_char(*k))
				return MG_EBADMSG;
		if (line_end - eq - 1 > CSMSG_MAX_VALUE || m->n >= CSMSG_MAX_KEYS)
			return MG_EBADMSG;
		*eq = '\0';
		*line_end = '\0';
		for (int i = 0; i < m->n; i++)
			if (strcmp(m->key[i], p) == 0)
				return MG_EBADMSG;
		/* Unescape in place; raw control characters are refused. */
		for (r = w = eq + 1; *r; r++) {
			unsigned char c = (unsigned char)*r;

			if (c < 0x20 || c == 0x7F ||
			    (c == 0xC2 && (unsigned char)r[1] >= 0x80 && (unsigned char)r[1] <= 0x9F))
				return MG_EBADMSG;
			if (c == '\\') {
				switch (r[1]) {
				case '\\': *w++ = '\\'; break;
				case 'n': *w++ = '\n'; break;
				case 'r': *w++ = '\r'; break;
				case 't': *w++ = '\t'; break;
				default: return MG_EBADMSG;
				}
				r++;
				continue;
			}
			*w++ = (char)c;
		}
		*w = '\0';
		m->key[m->n] = p;
		m->val[m->n] = eq + 1;
		m->n++;
		p = line_end + 1;
	}
	if (m->n == 0 || strcmp(m->key[0], "v") != 0 || strcmp(m->val[0], "1") != 0)
		return MG_EBADMSG;
	return 0;
}

void csmsg_free(struct csmsg *m)
{
	free(m->buf);
	memset(m, 0, sizeof *m);
}

const char *csmsg_get(const struct csmsg *m, const char *key)
{
	for (int i = 0; i < m->n; i++)
		if (strcmp(m->key[i], key) == 0)
			return m->val[i];
	return NULL;
}

int csmsg_id_valid(const char *id, size_t len, const char *from_code)
{
	if (!id || !from_code || strlen(from_code) != 6 || len < 8 || len > 47)
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (i == 6 ? id[i] != '-' : !(id[i] >= '0' && id[i] <= '9'))
			return 0;
	}
	return memcmp(id, from_code, 6) == 0;
}

/* Append raw bytes to the builder, growing it. */
static void out_raw(struct csmsg_out *o, const char *s, size_t n)
{
	if (o->rc)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 256;
		char *np;

		while (cap < o->len + n + 1)
			cap *= 2;
		np = realloc(o->p, cap);
		if (!np) {
			o->rc = MG_ENOMEM;
			return;
		}
		o->p = np;
		o->cap = cap;
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
	o->p[o->len] = '\0';
}

void csmsg_begin(struct csmsg_out *o)
{
	memset(o, 0, sizeof *o);
	out_raw(o, "v=1", 3);
}

void csmsg_put(struct csmsg_out *o, const char *key, const char *value)
{
	size_t kl = strlen(key);

	if (kl == 0 || kl > 31) {
		o->rc = o->rc ? o->rc : MG_EINVAL;
		return;
	}
	for (size_t i = 0; i < kl; i++)
		if (!key_char(key[i])) {
			o->rc = o->rc ? o->rc : MG_EINVAL;
			return;
		}
	out_raw(o, "\n", 1);
	out_raw(o, key, kl);
	out_raw(o, "=", 1);
	for (const char *v = value ? value : ""; *v; v++) {
		switch (*v) {
		case '\\': out_raw(o, "\\\\", 2); break;
		case '\n': out_raw(o, "\\n", 2); break;
		case '\r': out_raw(o, "\\r", 2); break;
		case '\t': out_raw(o, "\\t", 2); break;
		default:
			if ((unsigned char)*v < 0x20 || *v == 0x7F)
				continue;   /* other control characters are dropped */
			if ((unsigned char)v[0] == 0xC2 && (unsigned char)v[1] >= 0x80 &&
			    (unsigned char)v[1] <= 0x9F) {
				v++;        /* and C1 controls (U+0080–U+009F) */
				continue;
			}
			out_raw(o, v, 1);
		}
	}
}

void csmsg_put_int(struct csmsg_out *o, const char *key, long long v)
{
	char b[24];

	snprintf(b, sizeof b, "%lld", v);
	csmsg_put(o, key, b);
}

char *csmsg_end(struct csmsg_out *o, int *rc)
{
	if (o->rc) {
		*rc = o->rc;
		free(o->p);
		memset(o, 0, sizeof *o);
		return NULL;
	}
	*rc = 0;
	return o->p;
}
