/*
 * card_pcsc.h — the PC/SC transport: readers, insert/remove events, one
 * connection, APDU exchange.
 *
 * The module talks to libpcsclite through a small table of operations
 * (struct card_pcsc_ops) so that the unit tests can put a scripted fake in
 * its place; card_pcsc_open() installs the real one. Every operation returns
 * 0 or a negative enum mg_rc: the real table maps each SCARD_* result with
 * card_pcsc_map() at this boundary, so nothing above it sees a PC/SC code.
 *
 * A struct card_pcsc holds one PC/SC context and at most one card
 * connection. It is not thread-safe, except card_pcsc_cancel(), which may be
 * called from another thread (or a signal-free watcher) to end a
 * card_pcsc_wait() in progress.
 */
#ifndef CARD_PCSC_H
#define CARD_PCSC_H

#include <stddef.h>
#include <stdint.h>

#define CARD_PCSC_NAME_MAX  128   /* reader name incl. NUL */
#define CARD_PCSC_ATR_MAX   33    /* ISO 7816-3 maximum */
#define CARD_PCSC_READERS   16    /* readers handled at once */
#define CARD_PCSC_SETTLE_MS 1000  /* > two presence polls of pcscd (400 ms each) */
#define CARD_PCSC_PNP       "\\\\?PnP?\\Notification"  /* hot-plug pseudo reader */

/* Reader state bits (our own, translated from SCARD_STATE_*). */
enum {
	CARD_PCSC_PRESENT = 1,   /* a card is in the reader */
	CARD_PCSC_INUSE   = 2,   /* another application holds it */
	CARD_PCSC_MUTE    = 4,   /* the card does not answer (bad ATR) */
	CARD_PCSC_GONE    = 8,   /* the reader disappeared */
	CARD_PCSC_CHANGED = 16   /* OUT of status_change: differs from known */
};

/* One reader as seen by card_pcsc_status_change / card_pcsc_readers. */
struct card_pcsc_reader {
	char name[CARD_PCSC_NAME_MAX];   /* reader name (UTF-8, from PC/SC) */
	unsigned known;                  /* IN: ~0u = unaware, else event holds the known state */
	unsigned state;                  /* OUT: current CARD_PCSC_* bits */
	unsigned long event;             /* IN/OUT: the implementation's state word; bits 16-31
	                                    count card insertions and removals */
	uint8_t atr[CARD_PCSC_ATR_MAX];  /* OUT: ATR when PRESENT */
	size_t atr_len;                  /* OUT: its length (0 without a card) */
};

/*
 * The operations behind a struct card_pcsc. impl is the implementation's
 * own state (borrowed by the ops; released by release()).
 *  list:          reader names as a PC/SC multi-string ("a\0b\0\0") into buf
 *                 (cap bytes); no reader at all is MG_ECARD_NOREADER.
 *  status_change: SCardGetStatusChange over n readers (names and known
 *                 states IN, states OUT); timeout_ms < 0 waits forever;
 *                 MG_ECARD_TIMEOUT / MG_ECARD_CANCELLED.
 *  cancel:        ends a status_change in progress (any thread).
 *  connect:       exclusive connection, T=1 or T=0; OUT: atr, *atr_len.
 *  transmit:      one C-APDU; OUT: R-APDU (data + SW1 SW2) in r, *rlen
 *                 (IN: capacity of r).
 *  disconnect:    ends the connection; reset != 0 resets the card (clears
 *                 its security state).
 *  release:       frees impl (after disconnect).
 */
struct card_pcsc_ops {
	int (*list)(void *impl, char *buf, size_t cap);
	int (*status_change)(void *impl, struct card_pcsc_reader *r, size_t n, long timeout_ms);
	int (*cancel)(void *impl);
	int (*connect)(void *impl, const char *reader, uint8_t *atr, size_t *atr_len);
	int (*transmit)(void *impl, const uint8_t *c, size_t clen, uint8_t *r, size_t *rlen);
	int (*disconnect)(void *impl, int reset);
	void (*release)(void *impl);
};

struct card_pcsc;

/*
 * card_pcsc_open — establish a PC/SC context with libpcsclite.
 * OUT: *out (returns new: free with card_pcsc_close). Returns 0,
 * MG_ECARD_NOSERVICE (pcscd not running), MG_ENOMEM or another card code.
 * Does not block beyond the round trip to pcscd.
 */
int card_pcsc_open(struct card_pcsc **out);

/*
 * card_pcsc_system — the libpcsclite operations and a new context for them,
 * for a caller that wraps the real transport (a test client that acts at
 * APDU N). OUT: *ops (static), *impl (returns new: released by
 * ops->release, or by card_pcsc_close once passed to card_pcsc_open_ops).
 * Returns 0, MG_ECARD_NOSERVICE or MG_ENOMEM.
 */
int card_pcsc_system(const struct card_pcsc_ops **ops, void **impl);

/*
 * card_pcsc_open_ops — a transport over caller-supplied operations (the
 * scripted fake of the unit tests, or a wrapper around a real transport).
 * ops and impl are borrowed; ops->release(impl) is called by
 * card_pcsc_close. OUT: *out (returns new). Returns 0 or MG_ENOMEM.
 */
int card_pcsc_open_ops(const struct card_pcsc_ops *ops, void *impl, struct card_pcsc **out);

/* card_pcsc_close — disconnect (leaving the card), release, free. NULL is fine. */
void card_pcsc_close(struct card_pcsc *pc);

/*
 * card_pcsc_map — the madoguchi code of a PC/SC result (LONG rv as long):
 * 0 for SCARD_S_SUCCESS; removed card, no service, reader gone, sharing
 * violation, timeout, cancel … each to its MG_ECARD_* code; anything not
 * listed to MG_ECARD_PCSC.
 */
int card_pcsc_map(long rv);

/*
 * card_pcsc_readers — the readers and their current state (no waiting).
 * OUT: list[0..*n-1] (cap entries). Returns 0, MG_ECARD_NOREADER when none,
 * or a transport code.
 */
int card_pcsc_readers(struct card_pcsc *pc, struct card_pcsc_reader *list, size_t cap, size_t *n);

/*
 * card_pcsc_choose — the reader to use: want when given (must exist:
 * MG_ECARD_NOREADER otherwise), else the first reader holding a card, else
 * MG_ECARD_NOCARD (or MG_ECARD_NOREADER when there are no readers).
 * OUT: name (cap bytes). Does not block.
 */
int card_pcsc_choose(struct card_pcsc *pc, const char *want, char *name, size_t cap);

/*
 * card_pcsc_wait — wait until a card is present (present = 1) or absent
 * (present = 0) in reader (NULL: any reader; readers plugged in meanwhile are
 * seen through the PnP notification). timeout_ms < 0 waits forever.
 * OUT: name (cap bytes, may be NULL): the reader where it happened.
 * Returns 0, MG_ECARD_TIMEOUT, MG_ECARD_CANCELLED (card_pcsc_cancel) or a
 * transport code. Blocks.
 */
int card_pcsc_wait(struct card_pcsc *pc, const char *reader, int present, long timeout_ms,
                   char *name, size_t cap);

/*
 * card_pcsc_card_events — how many times a card was put into or taken out of
 * reader, as pcscd counts them (pcsc-lite keeps the count in the high word of
 * the event state; it wraps at 65536), and whether a card is in it now. Two
 * different counts mean the card may not be the one seen before, however
 * quickly it was swapped. No waiting. OUT: *events, *present.
 * Returns 0, MG_ECARD_NOREADER (the reader is gone) or a transport code.
 */
int card_pcsc_card_events(struct card_pcsc *pc, const char *reader, unsigned *events, int *present);

/* card_pcsc_cancel — end a card_pcsc_wait in progress. Any thread. Returns 0 or a code. */
int card_pcsc_cancel(struct card_pcsc *pc);

/*
 * card_pcsc_connect — connect to the card in reader (exclusive access, T=1
 * or T=0). A connection already open is closed first (card left as is).
 * Returns 0, MG_ECARD_NOCARD, MG_ECARD_SHARING, MG_ECARD_NOREADER …
 */
int card_pcsc_connect(struct card_pcsc *pc, const char *reader);

/* card_pcsc_atr — the ATR of the connection (borrowed until disconnect). OUT: *len. */
const uint8_t *card_pcsc_atr(const struct card_pcsc *pc, size_t *len);

/*
 * card_pcsc_transmit — send one C-APDU, receive the R-APDU (≥ 2 bytes: the
 * status word last). IN/OUT: *rlen (capacity of r in, length out).
 * Returns 0, MG_ECARD_REMOVED, MG_ECARD_COMM, MG_ECARD_NOSERVICE …; without
 * a connection MG_ESTATE. Counts the APDU (card_pcsc_count). Blocks.
 */
int card_pcsc_transmit(struct card_pcsc *pc, const uint8_t *c, size_t clen, uint8_t *r, size_t *rlen);

/*
 * card_pcsc_disconnect — end the connection; reset != 0 resets the card so
 * that no verified PIN state outlives our read. After a failed transmit the
 * card is reset too unless the reader reports it gone: that takes up to
 * CARD_PCSC_SETTLE_MS, the time pcscd needs to notice a pulled card.
 * Nothing to do without a connection. Returns 0 or a transport code (the
 * handle is gone either way). Blocks.
 */
int card_pcsc_disconnect(struct card_pcsc *pc, int reset);

/* card_pcsc_count — APDUs transmitted since open (for tests and benchmarks). */
unsigned long card_pcsc_count(const struct card_pcsc *pc);

#endif
