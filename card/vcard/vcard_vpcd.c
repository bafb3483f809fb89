/* vcard_vpcd.c — vpcd framing and the card's TCP link to pcscd. */
#include "card/vcard/vcard_vpcd.h"
#include "card/vcard/vcard_card.h"
#include "i18n/mg_rc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct vcard_vpcd {
	int fd;                                /* connected socket */
	size_t have;                           /* bytes buffered in in[] */
	uint8_t in[2 * VCARD_VPCD_FRAME_MAX];  /* received, not yet handled */
	uint8_t out[VCARD_VPCD_FRAME_MAX];     /* one reply frame */
};

size_t vcard_vpcd_next(const uint8_t *buf, size_t n, const uint8_t **msg, size_t *msglen)
{
	size_t l;

	if (n < 2)
		return 0;
	l = (size_t)buf[0] << 8 | buf[1];
	if (n - 2 < l)
		return 0;
	*msg = buf + 2;
	*msglen = l;
	return l + 2;
}

/* Write bytes as spaced upper-case hex to f. */
static void hex_out(FILE *f, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(f, i ? " %02X" : "%02X", b[i]);
}

/* Log a C-APDU with its PIN data masked. */
static void log_command(FILE *log, const uint8_t *cmd, size_t n)
{
	size_t pub = vcard_card_log_public(cmd, n);

	fputs("> ", log);
	hex_out(log, cmd, pub);
	if (pub < n)
		fputs(" **", log);
	fputc('\n', log);
	fflush(log);
}

/* Log an R-APDU. */
static void log_response(FILE *log, const uint8_t *r, size_t n)
{
	fputs("< ", log);
	hex_out(log, r, n);
	fputc('\n', log);
	fflush(log);
}

int vcard_vpcd_reply(struct vcard_card *c, const uint8_t *msg, size_t len,
                     uint8_t *out, size_t cap, size_t *outlen, FILE *log)
{
	static const char *const ev_name[3] = { "power-off", "power-on", "reset" };
	size_t rl = 0;

	*outlen = 0;
	if (len == 0)
		return MG_EBADMSG;
	if (cap < 4)
		return 0;
	if (len == 1) {
		switch (msg[0]) {
		case VCARD_VPCD_POWER_OFF:
		case VCARD_VPCD_POWER_ON:
		case VCARD_VPCD_RESET:
			vcard_card_power(c, (enum vcard_card_power)msg[0]);
			if (log) {
				fprintf(log, "# %s\n", ev_name[msg[0]]);
				fflush(log);
			}
			return 0;
		case VCARD_VPCD_GET_ATR:
			if (cap < 2 + sizeof vcard_card_atr)
				return 0;
			memcpy(out + 2, vcard_card_atr, sizeof vcard_card_atr);
			rl = sizeof vcard_card_atr;
			break;
		default:
			return 0;               /* unknown control byte: no reply */
		}
	} else {
		size_t room = cap - 2;

		if (room > 65535)
			room = 65535;
		if (log)
			log_command(log, msg, len);
		vcard_card_apdu(c, msg, len, out + 2, room, &rl);
		if (log)
			log_response(log, out + 2, rl);
	}
	out[0] = (uint8_t)(rl >> 8);
	out[1] = (uint8_t)rl;
	*outlen = rl + 2;
	return 0;
}

int vcard_vpcd_open(const char *host, int port, struct vcard_vpcd **out)
{
	struct addrinfo hints, *res = NULL, *ai;
	struct vcard_vpcd *v;
	char ps[16];
	int fd = -1, one = 1;

	*out = NULL;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	snprintf(ps, sizeof ps, "%d", port);
	if (getaddrinfo(host, ps, &hints, &res) != 0)
		return MG_EIO;
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0)
		return MG_EIO;
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	v = malloc(sizeof *v);
	if (!v) {
		close(fd);
		return MG_ENOMEM;
	}
	v->fd = fd;
	v->have = 0;
	*out = v;
	return 0;
}

void vcard_vpcd_close(struct vcard_vpcd *v)
{
	if (!v)
		return;
	close(v->fd);
	free(v);
}

int vcard_vpcd_fd(const struct vcard_vpcd *v)
{
	return v->fd;
}

/* Send a whole buffer (one send() in practice; loops on a short write). */
static int send_all(int fd, const uint8_t *b, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, b, n, MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return MG_EIO;
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

int vcard_vpcd_pump(struct vcard_vpcd *v, struct vcard_card *c, FILE *log, long *fault_at,
                    enum vcard_fault fault)
{
	static const uint8_t garbled[] = { 0x00, 0x01, 0x6F };   /* length 1, one byte */
	const uint8_t *msg;
	size_t used, ml, off = 0, ol;
	ssize_t got;
	int one = 1, rc = 0;

	/* the flag is not sticky: set it before every recv (pcsc-lab §5) */
	(void)setsockopt(v->fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
	do
		got = recv(v->fd, v->in + v->have, sizeof v->in - v->have, 0);
	while (got < 0 && errno == EINTR);
	if (got <= 0)
		return MG_EIO;
	v->have += (size_t)got;
	while ((used = vcard_vpcd_next(v->in + off, v->have - off, &msg, &ml)) > 0) {
		int hit = ml > 1 && fault_at && *fault_at > 0 && --*fault_at == 0;

		if (hit && fault == VCARD_GARBLE) {
			if (log) {
				log_command(log, msg, ml);
				fputs("# garbled\n", log);
				fflush(log);
			}
			rc = send_all(v->fd, garbled, sizeof garbled);
			off += used;
			if (rc != 0)
				break;
			continue;
		}
		if (hit) {
			if (fault == VCARD_PULL_AFTER) {
				/* the card does the work; the answer dies with the link */
				(void)vcard_vpcd_reply(c, msg, ml, v->out, sizeof v->out, &ol, log);
				off += used;
			} else if (log) {
				log_command(log, msg, ml);
			}
			if (log) {
				fputs(fault == VCARD_PULL_AFTER ? "# pulled (answer not sent)\n" : "# pulled\n", log);
				fflush(log);
			}
			rc = MG_ESTATE;
			break;
		}
		rc = vcard_vpcd_reply(c, msg, ml, v->out, sizeof v->out, &ol, log);
		if (rc == 0 && ol > 0)
			rc = send_all(v->fd, v->out, ol);
		off += used;
		if (rc != 0)
			break;
	}
	if (off > 0) {
		memmove(v->in, v->in + off, v->have - off);
		v->have -= off;
	}
	(void)setsockopt(v->fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
	return rc;
}
