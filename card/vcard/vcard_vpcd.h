/*
 * vcard_vpcd.h — vsmartcard's vpcd wire protocol, card side
 * (spec/card-protocol.md §9.2, spec/pcsc-lab.md §2 and §5).
 *
 * pcscd's vpcd driver is the TCP server; the card connects to it. Every
 * message both ways is a 2-byte big-endian length and that many bytes. A
 * 1-byte message from vpcd is a control byte: 00 power off, 01 power on,
 * 02 reset (no reply), 04 get ATR (reply: the ATR). A longer message is a
 * C-APDU; the reply is the R-APDU. Each reply goes out in one send().
 * TCP_QUICKACK is set before every recv(): vpcd writes the length and the
 * payload in two send() calls without TCP_NODELAY, so a delayed ACK on our
 * side would stall every APDU by ~40 ms.
 */
#ifndef VCARD_VPCD_H
#define VCARD_VPCD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct vcard_card;
struct vcard_vpcd;

/* Largest frame: 2 length bytes + 65535 payload bytes. */
#define VCARD_VPCD_FRAME_MAX (2 + 65535)

/* vpcd control bytes. */
enum vcard_vpcd_ctl {
	VCARD_VPCD_POWER_OFF = 0,
	VCARD_VPCD_POWER_ON = 1,
	VCARD_VPCD_RESET = 2,
	VCARD_VPCD_GET_ATR = 4
};

/*
 * vcard_vpcd_next — find the first complete message in a byte stream.
 * OUT: *msg (borrowed, points into buf), *msglen.
 * Returns the bytes the message used (2 + msglen), or 0 when buf does not
 * yet hold a whole message. Never reads past n.
 */
size_t vcard_vpcd_next(const uint8_t *buf, size_t n, const uint8_t **msg, size_t *msglen);

/*
 * vcard_vpcd_reply — handle one message for card c: a control byte (power
 * events clear the card's volatile state; get ATR answers the ATR; unknown
 * control bytes are ignored) or a C-APDU. Writes the reply frame (length +
 * payload) into out (cap >= VCARD_VPCD_FRAME_MAX never truncates). When log
 * is not NULL, each C-APDU and R-APDU is written to it as one line of hex
 * ("> …" / "< …"), PIN data masked as "**", and power events as "# …" lines.
 * OUT: *outlen (0: no reply is due).
 * Returns 0, or MG_EBADMSG for an empty message (the caller drops the link).
 */
int vcard_vpcd_reply(struct vcard_card *c, const uint8_t *msg, size_t len,
                     uint8_t *out, size_t cap, size_t *outlen, FILE *log);

/*
 * vcard_vpcd_open — connect to vpcd at host:port (TCP, blocking; fails at
 * once when nothing listens). OUT: *out, returns new (vcard_vpcd_close).
 * Returns 0, MG_EIO (refused, unreachable) or MG_ENOMEM.
 */
int vcard_vpcd_open(const char *host, int port, struct vcard_vpcd **out);

/* vcard_vpcd_close — close the connection (pcscd then sees the card removed). NULL is fine. */
void vcard_vpcd_close(struct vcard_vpcd *v);

/* vcard_vpcd_fd — the socket, for poll(). */
int vcard_vpcd_fd(const struct vcard_vpcd *v);

/* What happens at the C-APDU a countdown (pull-at, pull-after, garble-at) reaches. */
enum vcard_fault {
	VCARD_PULL_BEFORE,   /* pulled before the card sees it */
	VCARD_PULL_AFTER,    /* the card does the work, then is pulled before answering */
	VCARD_GARBLE         /* the card stays, does nothing, answers one byte without a status word */
};

/*
 * vcard_vpcd_pump — one recv() (after TCP_QUICKACK) and the handling of every
 * complete message received so far, each reply in one send(). Call when the
 * socket is readable (otherwise it blocks until data arrives).
 * *fault_at: when > 0, counts down one per C-APDU; the APDU that brings it to
 * 0 meets the fault. VCARD_PULL_BEFORE: that APDU is not processed (logged,
 * then "# pulled"): the card never saw it. VCARD_PULL_AFTER: the card
 * processes it like any other (its state changes, counters are persisted to
 * the profile) and its R-APDU is logged, but the answer is never sent ("#
 * pulled (answer not sent)"): the card vanished between doing the work and
 * answering. After either pull it is the last APDU the link carries and
 * MG_ESTATE is returned (the caller closes the link). VCARD_GARBLE: the APDU
 * is not processed and the answer is the single byte 6F ("# garbled"); the
 * card stays in the reader with its state (a verified PIN stays verified).
 * *fault_at <= 0: no fault.
 * Returns 0, MG_EIO (peer closed or socket error), MG_EBADMSG (protocol
 * error) or MG_ESTATE (pulled).
 */
int vcard_vpcd_pump(struct vcard_vpcd *v, struct vcard_card *c, FILE *log, long *fault_at,
                    enum vcard_fault fault);

#endif
