/* card_secret.c — locked, wiped buffers for PINs and 照合番号. */
#include "card/card_secret.h"
#include "i18n/mg_rc.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>

struct card_secret {
	size_t len;                      /* bytes in use */
	size_t map_len;                  /* size of the mapping holding this struct */
	uint8_t buf[CARD_SECRET_MAX];    /* the value (not NUL-terminated) */
};

int card_secret_new(struct card_secret **out)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t len = page > 0 && (size_t)page >= sizeof(struct card_secret) ? (size_t)page : 4096;
	struct card_secret *s;

	*out = NULL;
	s = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (s == MAP_FAILED)
		return MG_ENOMEM;
	if (mlock(s, len) != 0) {
		munmap(s, len);
		return MG_ECARD_SECRET;
	}
#ifdef MADV_DONTDUMP
	madvise(s, len, MADV_DONTDUMP);
#endif
	memset(s, 0, len);
	s->map_len = len;
	*out = s;
	return 0;
}

void card_secret_clear(struct card_secret *s)
{
	if (!s)
		return;
	explicit_bzero(s->buf, sizeof s->buf);
	s->len = 0;
}

void card_secret_free(struct card_secret *s)
{
	size_t len;

	if (!s)
		return;
	len = s->map_len;
	explicit_bzero(s, len);
	munlock(s, len);
	munmap(s, len);
}

int card_secret_set(struct card_secret *s, const char *value, size_t len)
{
	card_secret_clear(s);
	return card_secret_append(s, value, len);
}

int card_secret_append(struct card_secret *s, const char *value, size_t len)
{
	if (len > sizeof s->buf - s->len) {
		card_secret_clear(s);
		return MG_ETOOLONG;
	}
	memcpy(s->buf + s->len, value, len);
	s->len += len;
	return 0;
}

int card_secret_read_fd(struct card_secret *s, int fd)
{
	struct termios old, quiet;
	int tty = 0, rc = 0, over = 0;
	unsigned char ch = 0;

	card_secret_clear(s);
	if (isatty(fd) && tcgetattr(fd, &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		quiet.c_lflag |= ICANON;
		if (tcsetattr(fd, TCSAFLUSH, &quiet) == 0)
			tty = 1;
	}
	for (;;) {
		ssize_t r = read(fd, &ch, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rc = MG_EIO;
			break;
		}
		if (r == 0 || ch == '\n')
			break;
		if (ch == '\r')
			continue;
		if (s->len >= sizeof s->buf)
			over = 1;
		else
			s->buf[s->len++] = ch;
	}
	explicit_bzero(&ch, sizeof ch);
	if (tty)
		tcsetattr(fd, TCSAFLUSH, &old);
	if (rc == 0 && over)
		rc = MG_ETOOLONG;
	if (rc != 0)
		card_secret_clear(s);
	return rc;
}

const uint8_t *card_secret_data(const struct card_secret *s)
{
	return s->buf;
}

size_t card_secret_len(const struct card_secret *s)
{
	return s->len;
}

int card_secret_is_digits(const struct card_secret *s, size_t n)
{
	if (s->len != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s->buf[i] < '0' || s->buf[i] > '9')
			return 0;
	return 1;
}
