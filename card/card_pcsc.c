/* card_pcsc.c — PC/SC transport over libpcsclite behind an operations table. */
#include "card/card_pcsc.h"
#include "i18n/mg_rc.h"

#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct card_pcsc {
	const struct card_pcsc_ops *ops;   /* the implementation */
	void *impl;                        /* its state */
	int connected;                     /* 1 while a card connection is open */
	uint8_t atr[CARD_PCSC_ATR_MAX];    /* ATR of the connection */
	size_t atr_len;
	unsigned long napdu;               /* APDUs transmitted */
	int broken;                        /* a transmit failed: the card is gone or mute */
	char reader[CARD_PCSC_NAME_MAX];   /* the reader of the connection */
};

/* The real implementation's state. */
struct sys {
	SCARDCONTEXT ctx;    /* from SCardEstablishContext */
	SCARDHANDLE card;    /* the connection, valid when has_card */
	int has_card;
	DWORD proto;         /* SCARD_PROTOCOL_T0 / T1 of the connection */
};

int card_pcsc_map(long rv)
{
	switch ((LONG)rv) {
	case SCARD_S_SUCCESS:
		return 0;
	case SCARD_E_NO_SERVICE:
	case SCARD_E_SERVICE_STOPPED:
	case SCARD_F_COMM_ERROR:          /* the socket to pcscd broke */
	case SCARD_E_INVALID_HANDLE:      /* context lost with a restarted pcscd */
		return MG_ECARD_NOSERVICE;
	case SCARD_E_UNKNOWN_READER:
	case SCARD_E_READER_UNAVAILABLE:
	case SCARD_E_NO_READERS_AVAILABLE:
	case SCARD_E_DUPLICATE_READER:
		return MG_ECARD_NOREADER;
	case SCARD_E_NO_SMARTCARD:
		return MG_ECARD_NOCARD;
	case SCARD_W_REMOVED_CARD:
		return MG_ECARD_REMOVED;
	case SCARD_W_RESET_CARD:
		return MG_ECARD_RESET;
	case SCARD_E_SHARING_VIOLATION:
		return MG_ECARD_SHARING;
	case SCARD_E_TIMEOUT:
		return MG_ECARD_TIMEOUT;
	case SCARD_E_CANCELLED:
		return MG_ECARD_CANCELLED;
	case SCARD_W_UNRESPONSIVE_CARD:
	case SCARD_W_UNPOWERED_CARD:
	case SCARD_W_UNSUPPORTED_CARD:
	case SCARD_E_PROTO_MISMATCH:
	case SCARD_E_CARD_UNSUPPORTED:
		return MG_ECARD_UNRESPONSIVE;
	case SCARD_E_NOT_TRANSACTED:      /* the exchange with the card broke */
	case SCARD_W_SECURITY_VIOLATION:  /* seen from 1.9.9 when pcscd stops mid-exchange */
	case SCARD_F_INTERNAL_ERROR:
		return MG_ECARD_COMM;
	case SCARD_E_NO_MEMORY:
		return MG_ENOMEM;
	default:
		return MG_ECARD_PCSC;
	}
}

/* Our state bits of an SCARD_STATE_* event state. */
static unsigned sys_state_bits(DWORD s)
{
	unsigned b = 0;

	if (s & SCARD_STATE_PRESENT)
		b |= CARD_PCSC_PRESENT;
	if (s & (SCARD_STATE_INUSE | SCARD_STATE_EXCLUSIVE))
		b |= CARD_PCSC_INUSE;
	if (s & SCARD_STATE_MUTE)
		b |= CARD_PCSC_MUTE;
	if (s & (SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE | SCARD_STATE_IGNORE))
		b |= CARD_PCSC_GONE;
	return b;
}

/* List reader names as a multi-string. */
static int sys_list(void *impl, char *buf, size_t cap)
{
	struct sys *s = impl;
	DWORD len = (DWORD)cap;
	LONG rv = SCardListReaders(s->ctx, NULL, buf, &len);

	if (rv == SCARD_S_SUCCESS && len < 2)
		return MG_ECARD_NOREADER;
	if (rv == SCARD_E_INSUFFICIENT_BUFFER)
		return MG_ETOOLONG;
	return card_pcsc_map(rv);
}

/* SCardGetStatusChange over our reader records. */
static int sys_status_change(void *impl, struct card_pcsc_reader *r, size_t n, long timeout_ms)
{
	struct sys *s = impl;
	SCARD_READERSTATE st[CARD_PCSC_READERS + 1];
	LONG rv;

	if (n > CARD_PCSC_READERS + 1)
		return MG_EINVAL;
	memset(st, 0, sizeof st);
	for (size_t i = 0; i < n; i++) {
		st[i].szReader = r[i].name;
		st[i].dwCurrentState = r[i].known == ~0u ? SCARD_STATE_UNAWARE : (DWORD)r[i].event;
	}
	rv = SCardGetStatusChange(s->ctx, timeout_ms < 0 ? INFINITE : (DWORD)timeout_ms, st, (DWORD)n);
	if (rv != SCARD_S_SUCCESS)
		return card_pcsc_map(rv);
	for (size_t i = 0; i < n; i++) {
		r[i].state = sys_state_bits(st[i].dwEventState);
		if (st[i].dwEventState & SCARD_STATE_CHANGED)
			r[i].state |= CARD_PCSC_CHANGED;
		r[i].event = st[i].dwEventState & ~(DWORD)SCARD_STATE_CHANGED;
		r[i].atr_len = 0;
		if ((r[i].state & CARD_PCSC_PRESENT) && st[i].cbAtr <= CARD_PCSC_ATR_MAX) {
			memcpy(r[i].atr, st[i].rgbAtr, st[i].cbAtr);
			r[i].atr_len = st[i].cbAtr;
		}
	}
	return 0;
}

/* SCardCancel. */
static int sys_cancel(void *impl)
{
	struct sys *s = impl;

	return card_pcsc_map(SCardCancel(s->ctx));
}

/* SCardConnect, exclusive, T=1 or T=0, then SCardStatus for the ATR. */
static int sys_connect(void *impl, const char *reader, uint8_t *atr, size_t *atr_len)
{
	struct sys *s = impl;
	BYTE a[MAX_ATR_SIZE];
	DWORD alen = sizeof a, state = 0, proto = 0, rlen = 0;
	LONG rv;

	rv = SCardConnect(s->ctx, reader, SCARD_SHARE_EXCLUSIVE, SCARD_PROTOCOL_T1 | SCARD_PROTOCOL_T0,
	                  &s->card, &s->proto);
	if (rv != SCARD_S_SUCCESS)
		return card_pcsc_map(rv);
	s->has_card = 1;
	rv = SCardStatus(s->card, NULL, &rlen, &state, &proto, a, &alen);
	if (rv != SCARD_S_SUCCESS) {
		SCardDisconnect(s->card, SCARD_LEAVE_CARD);
		s->has_card = 0;
		return card_pcsc_map(rv);
	}
	if (alen > CARD_PCSC_ATR_MAX)
		alen = CARD_PCSC_ATR_MAX;
	memcpy(atr, a, alen);
	*atr_len = alen;
	return 0;
}

/* SCardTransmit with the PCI of the connected protocol. */
static int sys_transmit(void *impl, const uint8_t *c, size_t clen, uint8_t *r, size_t *rlen)
{
	struct sys *s = impl;
	const SCARD_IO_REQUEST *pci = s->proto == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
	DWORD len = (DWORD)*rlen;
	LONG rv;

	if (!s->has_card)
		return MG_ESTATE;
	rv = SCardTransmit(s->card, pci, c, (DWORD)clen, NULL, r, &len);
	if (rv != SCARD_S_SUCCESS)
		return card_pcsc_map(rv);
	*rlen = len;
	return 0;
}

/* SCardDisconnect, resetting or leaving the card. */
static int sys_disconnect(void *impl, int reset)
{
	struct sys *s = impl;
	LONG rv;

	if (!s->has_card)
		return 0;
	rv = SCardDisconnect(s->card, reset ? SCARD_RESET_CARD : SCARD_LEAVE_CARD);
	s->has_card = 0;
	return card_pcsc_map(rv);
}

/* Release the context and the state. */
static void sys_release(void *impl)
{
	struct sys *s = impl;

	if (!s)
		return;
	if (s->has_card)
		SCardDisconnect(s->card, SCARD_LEAVE_CARD);
	SCardReleaseContext(s->ctx);
	free(s);
}

static const struct card_pcsc_ops sys_ops = {
	sys_list, sys_status_change, sys_cancel, sys_connect, sys_transmit, sys_disconnect, sys_release
};

int card_pcsc_open_ops(const struct card_pcsc_ops *ops, void *impl, struct card_pcsc **out)
{
	struct card_pcsc *pc = calloc(1, sizeof *pc);

	*out = NULL;
	if (!pc)
		return MG_ENOMEM;
	pc->ops = ops;
	pc->impl = impl;
	*out = pc;
	return 0;
}

int card_pcsc_system(const struct card_pcsc_ops **ops, void **impl)
{
	struct sys *s = calloc(1, sizeof *s);
	LONG rv;

	*ops = &sys_ops;
	*impl = NULL;
	if (!s)
		return MG_ENOMEM;
	rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &s->ctx);
	if (rv != SCARD_S_SUCCESS) {
		free(s);
		return card_pcsc_map(rv);
	}
	*impl = s;
	return 0;
}

int card_pcsc_open(struct card_pcsc **out)
{
	const struct card_pcsc_ops *ops = NULL;
	void *impl = NULL;
	int rc;

	*out = NULL;
	rc = card_pcsc_system(&ops, &impl);
	if (rc == 0) {
		rc = card_pcsc_open_ops(ops, impl, out);
		if (rc != 0)
			ops->release(impl);
	}
	return rc;
}

void card_pcsc_close(struct card_pcsc *pc)
{
	if (!pc)
		return;
	if (pc->connected)
		pc->ops->disconnect(pc->impl, 0);
	if (pc->ops->release)
		pc->ops->release(pc->impl);
	free(pc);
}

/* Split a multi-string into reader records (known state: unaware). */
static size_t split_names(const char *ms, size_t len, struct card_pcsc_reader *list, size_t cap)
{
	size_t n = 0;

	for (const char *p = ms; p < ms + len && *p && n < cap; p += strlen(p) + 1) {
		size_t l = strlen(p);

		if (l >= CARD_PCSC_NAME_MAX)
			continue;   /* a name this long is not a reader we can address */
		memset(&list[n], 0, sizeof list[n]);
		memcpy(list[n].name, p, l + 1);
		list[n].known = ~0u;
		n++;
	}
	return n;
}

/* The reader names (without states). OUT: list, *n. */
static int list_names(struct card_pcsc *pc, struct card_pcsc_reader *list, size_t cap, size_t *n)
{
	char buf[CARD_PCSC_READERS * CARD_PCSC_NAME_MAX + 1];
	int rc;

	*n = 0;
	memset(buf, 0, sizeof buf);
	rc = pc->ops->list(pc->impl, buf, sizeof buf - 1);
	if (rc != 0)
		return rc;
	*n = split_names(buf, sizeof buf - 1, list, cap);
	return *n ? 0 : MG_ECARD_NOREADER;
}

int card_pcsc_readers(struct card_pcsc *pc, struct card_pcsc_reader *list, size_t cap, size_t *n)
{
	int rc = list_names(pc, list, cap, n);

	if (rc != 0)
		return rc;
	rc = pc->ops->status_change(pc->impl, list, *n, 0);
	if (rc != 0)
		*n = 0;
	return rc;
}

int card_pcsc_choose(struct card_pcsc *pc, const char *want, char *name, size_t cap)
{
	struct card_pcsc_reader list[CARD_PCSC_READERS];
	size_t n = 0;
	int rc = card_pcsc_readers(pc, list, CARD_PCSC_READERS, &n);

	if (rc != 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (want && strcmp(want, list[i].name) != 0)
			continue;
		if (strlen(list[i].name) >= cap)
			return MG_ETOOLONG;
		if (want || (list[i].state & CARD_PCSC_PRESENT)) {
			strcpy(name, list[i].name);
			return (list[i].state & CARD_PCSC_PRESENT) ? 0 : MG_ECARD_NOCARD;
		}
	}
	return want ? MG_ECARD_NOREADER : MG_ECARD_NOCARD;
}

/* Milliseconds on the monotonic clock. */
static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int card_pcsc_wait(struct card_pcsc *pc, const char *reader, int present, long timeout_ms,
                   char *name, size_t cap)
{
	struct card_pcsc_reader r[CARD_PCSC_READERS + 1];
	struct card_pcsc_reader pnp;
	long long deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
	size_t n = 0;
	int rc, relist = 1;

	memset(&pnp, 0, sizeof pnp);
	strcpy(pnp.name, CARD_PCSC_PNP);
	pnp.known = ~0u;
	for (;;) {
		long left = -1;

		if (relist) {
			rc = list_names(pc, r, CARD_PCSC_READERS, &n);
			if (rc == MG_ECARD_NOREADER)
				n = 0;
			else if (rc != 0)
				return rc;
			if (reader) {
				size_t k = n;

				for (size_t i = 0; i < n; i++)
					if (strcmp(r[i].name, reader) == 0)
						k = i;
				if (k == n) {
					n = 0;    /* not there (yet): wait for hot-plug */
				} else {
					r[0] = r[k];
					n = 1;
				}
			}
			relist = 0;
		}
		r[n] = pnp;
		if (deadline >= 0) {
			left = (long)(deadline - now_ms());
			if (left < 0)
				left = 0;
		}
		rc = pc->ops->status_change(pc->impl, r, n + 1, left);
		if (rc != 0)
			return rc;
		for (size_t i = 0; i < n; i++) {
			if (!!(r[i].state & CARD_PCSC_PRESENT) == !!present && !(r[i].state & CARD_PCSC_GONE)) {
				if (name) {
					if (strlen(r[i].name) >= cap)
						return MG_ETOOLONG;
					strcpy(name, r[i].name);
				}
				return 0;
			}
			if (r[i].state & CARD_PCSC_GONE)
				relist = 1;
			r[i].known = r[i].state;
		}
		/* a reader came or went: list them again */
		if (pnp.known != ~0u && (r[n].state & CARD_PCSC_CHANGED))
			relist = 1;
		pnp = r[n];
		pnp.known = 0;
		if (deadline >= 0 && now_ms() >= deadline)
			return MG_ECARD_TIMEOUT;
	}
}

int card_pcsc_card_events(struct card_pcsc *pc, const char *reader, unsigned *events, int *present)
{
	struct card_pcsc_reader r;
	int rc;

	*events = 0;
	*present = 0;
	if (strlen(reader) >= sizeof r.name)
		return MG_ECARD_NOREADER;
	memset(&r, 0, sizeof r);
	strcpy(r.name, reader);
	r.known = ~0u;
	rc = pc->ops->status_change(pc->impl, &r, 1, 0);
	if (rc != 0)
		return rc;
	if (r.state & CARD_PCSC_GONE)
		return MG_ECARD_NOREADER;
	*events = (unsigned)(r.event >> 16) & 0xFFFFu;
	*present = !!(r.state & CARD_PCSC_PRESENT);
	return 0;
}

int card_pcsc_cancel(struct card_pcsc *pc)
{
	return pc->ops->cancel(pc->impl);
}

int card_pcsc_connect(struct card_pcsc *pc, const char *reader)
{
	int rc;

	if (pc->connected) {
		pc->ops->disconnect(pc->impl, 0);
		pc->connected = 0;
	}
	pc->atr_len = 0;
	if (strlen(reader) >= sizeof pc->reader)
		return MG_ECARD_NOREADER;
	rc = pc->ops->connect(pc->impl, reader, pc->atr, &pc->atr_len);
	pc->broken = 0;
	if (rc == 0) {
		pc->connected = 1;
		strcpy(pc->reader, reader);
	} else {
		pc->atr_len = 0;
	}
	return rc;
}

const uint8_t *card_pcsc_atr(const struct card_pcsc *pc, size_t *len)
{
	*len = pc->atr_len;
	return pc->atr;
}

int card_pcsc_transmit(struct card_pcsc *pc, const uint8_t *c, size_t clen, uint8_t *r, size_t *rlen)
{
	size_t cap = *rlen;
	int rc;

	if (!pc->connected)
		return MG_ESTATE;
	pc->napdu++;
	rc = pc->ops->transmit(pc->impl, c, clen, r, rlen);
	if (rc == 0 && (*rlen < 2 || *rlen > cap))
		rc = MG_ECARD_COMM;   /* an R-APDU always ends with SW1 SW2 */
	if (rc != 0) {
		*rlen = 0;
		pc->broken = 1;
	}
	return rc;
}

/*
 * After a failed exchange: 1 when the card may still be powered in the
 * reader (mute, or an answer without a status word), 0 when the reader shows
 * it gone or PC/SC can no longer reach it (service or reader gone: nobody
 * else can either). A pulled card is not always reported as removed by the
 * transmit (vpcd reports a communication error); pcscd sees it at its next
 * presence poll, so this waits up to CARD_PCSC_SETTLE_MS for that.
 */
static int still_present(struct card_pcsc *pc)
{
	struct card_pcsc_reader r;
	long long deadline = now_ms() + CARD_PCSC_SETTLE_MS;
	long left = 0;
	int rc;

	memset(&r, 0, sizeof r);
	strcpy(r.name, pc->reader);
	r.known = ~0u;
	for (;;) {
		rc = pc->ops->status_change(pc->impl, &r, 1, left);
		if (rc == MG_ECARD_NOSERVICE || rc == MG_ECARD_NOREADER)
			return 0;
		if (rc != 0)
			return 1;   /* timed out still present, or PC/SC cannot say: assume the worst */
		if (!(r.state & CARD_PCSC_PRESENT) || (r.state & CARD_PCSC_GONE))
			return 0;
		left = (long)(deadline - now_ms());
		if (left <= 0)
			return 1;
		r.known = r.state;
	}
}

int card_pcsc_disconnect(struct card_pcsc *pc, int reset)
{
	int rc;

	if (!pc->connected)
		return 0;
	/*
	 * A card that failed may still hold a verified PIN (rv16card M2): reset
	 * it unless the reader shows it gone. Resetting a pulled card upsets
	 * some drivers (vpcd), hence the wait in still_present.
	 */
	if (reset && pc->broken)
		reset = still_present(pc);
	rc = pc->ops->disconnect(pc->impl, reset);
	pc->connected = 0;
	pc->atr_len = 0;
	return rc;
}

unsigned long card_pcsc_count(const struct card_pcsc *pc)
{
	return pc->napdu;
}
