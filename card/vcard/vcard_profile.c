/* vcard_profile.c — key=value profile files of the card emulator. */
#include "card/vcard/vcard_profile.h"
#include "i18n/i18n_text.h"
#include "i18n/mg_rc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One line of the file: a comment (key NULL, text in value) or key=value. */
struct pline {
	char *key;   /* NULL for a comment or blank line */
	char *value; /* the value, or the whole comment line */
};

struct vcard_profile {
	char *path;          /* file it saves to, NULL for memory */
	struct pline *lines; /* in file order */
	size_t n, cap;       /* used and allocated lines */
};

/* Free a string after wiping it (values may hold PINs). */
static void wipe_free(char *s)
{
	if (s) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}

/* 1 when s is a valid key: [a-z0-9_]+, at most 64 characters. */
static int key_ok(const char *s, size_t n)
{
	if (n == 0 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return 0;
	}
	return 1;
}

/* Append a line (takes ownership of key and value). */
static int add_line(struct vcard_profile *p, char *key, char *value)
{
	if (p->n == p->cap) {
		size_t nc = p->cap ? p->cap * 2 : 32;
		struct pline *nl = realloc(p->lines, nc * sizeof *nl);

		if (!nl)
			return MG_ENOMEM;
		p->lines = nl;
		p->cap = nc;
	}
	p->lines[p->n].key = key;
	p->lines[p->n].value = value;
	p->n++;
	return 0;
}

/* The line index of key, or -1. */
static long find_key(const struct vcard_profile *p, const char *key)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->lines[i].key && strcmp(p->lines[i].key, key) == 0)
			return (long)i;
	return -1;
}

int vcard_profile_new(const char *path, struct vcard_profile **out)
{
	struct vcard_profile *p = calloc(1, sizeof *p);

	*out = NULL;
	if (!p)
		return MG_ENOMEM;
	if (path && !(p->path = strdup(path))) {
		free(p);
		return MG_ENOMEM;
	}
	*out = p;
	return 0;
}

void vcard_profile_free(struct vcard_profile *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->lines[i].key);
		wipe_free(p->lines[i].value);
	}
	free(p->lines);
	free(p->path);
	free(p);
}

const char *vcard_profile_path(const struct vcard_profile *p)
{
	return p->path;
}

/* Parse one line (without its newline) into p. */
static int parse_line(struct vcard_profile *p, const char *s, size_t n)
{
	const char *eq;
	char *k = NULL, *v = NULL;
	int rc;

	if (n > 0 && s[n - 1] == '\r')
		n--;
	if (memchr(s, '\0', n))
		return MG_EBADMSG;
	if (n == 0 || s[0] == '#') {
		if (!(v = strndup(s, n)))
			return MG_ENOMEM;
		if (add_line(p, NULL, v) != 0) {
			free(v);
			return MG_ENOMEM;
		}
		return 0;
	}
	eq = memchr(s, '=', n);
	if (!eq || !key_ok(s, (size_t)(eq - s)))
		return MG_EBADMSG;
	k = strndup(s, (size_t)(eq - s));
	v = strndup(eq + 1, n - (size_t)(eq - s) - 1);
	if (!k || !v)
		rc = MG_ENOMEM;
	else if (find_key(p, k) >= 0)
		rc = MG_EBADMSG;
	else
		rc = add_line(p, k, v);
	if (rc != 0) {
		free(k);
		wipe_free(v);
	}
	return rc;
}

int vcard_profile_parse(const char *text, size_t len, struct vcard_profile **out,
                        int *bad_line)
{
	struct vcard_profile *p = NULL;
	size_t pos = 0;
	int rc, lineno = 0;

	if (bad_line)
		*bad_line = 0;
	rc = vcard_profile_new(NULL, &p);
	while (rc == 0 && pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;

		lineno++;
		if (n > VCARD_PROFILE_LINE_MAX)
			rc = MG_EBADMSG;
		else
			rc = parse_line(p, text + pos, n);
		if (rc == MG_EBADMSG && bad_line)
			*bad_line = lineno;
		pos += n + (nl ? 1 : 0);
	}
	if (rc != 0) {
		vcard_profile_free(p);
		p = NULL;
	}
	*out = p;
	return rc;
}

int vcard_profile_load(const char *path, struct vcard_profile **out, int *bad_line)
{
	FILE *f = NULL;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc = 0;

	*out = NULL;
	if (bad_line)
		*bad_line = 0;
	f = fopen(path, "re");
	if (!f)
		return errno == ENOENT ? MG_ENOTFOUND : MG_EIO;
	for (;;) {
		size_t got;

		if (len + 4096 > cap) {
			size_t nc = cap ? cap * 2 : 16384;
			char *nb;

			if (nc > (size_t)64 << 20) {
				rc = MG_EBADMSG;
				goto out;
			}
			nb = malloc(nc);
			if (!nb) {
				rc = MG_ENOMEM;
				goto out;
			}
			if (buf) {
				memcpy(nb, buf, len);
				explicit_bzero(buf, cap);
				free(buf);
			}
			buf = nb;
			cap = nc;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0) {
			if (ferror(f))
				rc = MG_EIO;
			break;
		}
	}
	if (rc == 0)
		rc = vcard_profile_parse(buf, len, out, bad_line);
	if (rc == 0 && !((*out)->path = strdup(path))) {
		vcard_profile_free(*out);
		*out = NULL;
		rc = MG_ENOMEM;
	}
out:
	if (buf) {
		explicit_bzero(buf, cap);
		free(buf);
	}
	fclose(f);
	return rc;
}

const char *vcard_profile_get(const struct vcard_profile *p, const char *key)
{
	long i = find_key(p, key);

	return i < 0 ? NULL : p->lines[i].value;
}

int vcard_profile_get_int(const struct vcard_profile *p, const char *key,
                          long lo, long hi, long *v)
{
	const char *s = vcard_profile_get(p, key);
	char *end;
	long x;

	if (!s)
		return MG_ENOTFOUND;
	if (*s < '0' || *s > '9') {
		if (*s != '-')
			return MG_EINVAL;
	}
	errno = 0;
	x = strtol(s, &end, 10);
	if (errno || *end || end == s || x < lo || x > hi)
		return MG_EINVAL;
	*v = x;
	return 0;
}

int vcard_profile_hex_decode(const char *hex, uint8_t **data, size_t *len)
{
	size_t n = strlen(hex), o = 0;
	uint8_t *d = malloc(n / 2 + 1);
	int hi = -1;

	*data = NULL;
	*len = 0;
	if (!d)
		return MG_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		int v;

		if (hex[i] == ' ' || hex[i] == ':' || hex[i] == '\t')
			continue;
		v = i18n_text_hexval((unsigned char)hex[i]);
		if (v < 0)
			goto bad;
		if (hi < 0) {
			hi = v;
		} else {
			d[o++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	if (hi >= 0)
		goto bad;
	*data = d;
	*len = o;
	return 0;
bad:
	free(d);
	return MG_EINVAL;
}

int vcard_profile_get_hex(const struct vcard_profile *p, const char *key,
                          uint8_t **data, size_t *len)
{
	const char *s = vcard_profile_get(p, key);

	*data = NULL;
	*len = 0;
	if (!s)
		return MG_ENOTFOUND;
	return vcard_profile_hex_decode(s, data, len);
}

int vcard_profile_set(struct vcard_profile *p, const char *key, const char *value)
{
	long i;
	char *v, *k;

	if (!key_ok(key, strlen(key)) || strchr(value, '\n') || strchr(value, '\r'))
		return MG_EINVAL;
	if (!(v = strdup(value)))
		return MG_ENOMEM;
	i = find_key(p, key);
	if (i >= 0) {
		wipe_free(p->lines[i].value);
		p->lines[i].value = v;
		return 0;
	}
	if (!(k = strdup(key)) || add_line(p, k, v) != 0) {
		free(k);
		wipe_free(v);
		return MG_ENOMEM;
	}
	return 0;
}

int vcard_profile_comment(struct vcard_profile *p, const char *text)
{
	char *v;

	if (text[0] != '#' || strchr(text, '\n') || strchr(text, '\r'))
		return MG_EINVAL;
	if (!(v = strdup(text)))
		return MG_ENOMEM;
	if (add_line(p, NULL, v) != 0) {
		free(v);
		return MG_ENOMEM;
	}
	return 0;
}

int vcard_profile_set_hex(struct vcard_profile *p, const char *key,
                          const uint8_t *data, size_t len)
{
	char *s = malloc(len * 2 + 1);
	int rc;

	if (!s)
		return MG_ENOMEM;
	i18n_text_hex(data, len, s);
	rc = vcard_profile_set(p, key, s);
	explicit_bzero(s, len * 2);
	free(s);
	return rc;
}

int vcard_profile_set_int(struct vcard_profile *p, const char *key, long v)
{
	char b[32];

	snprintf(b, sizeof b, "%ld", v);
	return vcard_profile_set(p, key, b);
}

/* Write every line to f; 0 or MG_EIO. */
static int write_lines(const struct vcard_profile *p, FILE *f)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct pline *l = &p->lines[i];

		if (l->key && fprintf(f, "%s=%s\n", l->key, l->value) < 0)
			return MG_EIO;
		if (!l->key && fprintf(f, "%s\n", l->value) < 0)
			return MG_EIO;
	}
	return 0;
}

/* Atomically replace path with the lines of p. */
static int save_to(const struct vcard_profile *p, const char *path)
{
	char tmp[PATH_MAX], dir[PATH_MAX];
	const char *slash;
	FILE *f = NULL;
	int fd = -1, dfd, rc = 0;

	if (snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", path) >= (int)sizeof tmp)
		return MG_EIO;
	fd = mkstemp(tmp);
	if (fd < 0)
		return MG_EIO;
	if (fchmod(fd, 0600) != 0 || !(f = fdopen(fd, "w"))) {
		close(fd);
		rc = MG_EIO;
		goto out;
	}
	rc = write_lines(p, f);
	if (rc == 0 && fflush(f) != 0)
		rc = MG_EIO;
	if (rc == 0 && fsync(fileno(f)) != 0)
		rc = MG_EIO;
	if (fclose(f) != 0 && rc == 0)
		rc = MG_EIO;
	if (rc == 0 && rename(tmp, path) != 0)
		rc = MG_EIO;
	if (rc == 0) {
		slash = strrchr(path, '/');
		if (!slash)
			snprintf(dir, sizeof dir, ".");
		else
			snprintf(dir, sizeof dir, "%.*s", (int)(slash - path + (slash == path)), path);
		dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			(void)fsync(dfd);
			close(dfd);
		}
	}
out:
	if (rc != 0)
		unlink(tmp);
	return rc;
}

int vcard_profile_save(const struct vcard_profile *p)
{
	if (!p->path)
		return 0;
	return save_to(p, p->path);
}

int vcard_profile_save_as(struct vcard_profile *p, const char *path)
{
	char *np = strdup(path);
	int rc;

	if (!np)
		return MG_ENOMEM;
	rc = save_to(p, path);
	if (rc != 0) {
		free(np);
		return rc;
	}
	free(p->path);
	p->path = np;
	return 0;
}
