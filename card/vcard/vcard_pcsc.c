/* vcard_pcsc.c — wait for a card to appear or go in a PC/SC reader. */
#include "card/vcard/vcard_pcsc.h"
#include "i18n/mg_rc.h"

#include <winscard.h>
#include <string.h>
#include <time.h>

/* Monotonic clock in milliseconds. */
static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sleep a few milliseconds (polling while pcscd or the reader is not there yet). */
static void nap(long ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

/* 1 when the reader state matches what is awaited. */
static int matches(DWORD st, int present)
{
	if (present)
		return (st & SCARD_STATE_PRESENT) && !(st & SCARD_STATE_MUTE);
	return (st & SCARD_STATE_EMPTY) != 0;
}

int vcard_pcsc_wait(const char *reader, int present, long timeout_ms)
{
	long long deadline = mono_ms() + timeout_ms;

	while (mono_ms() < deadline) {
		SCARDCONTEXT ctx;
		SCARD_READERSTATE rs;
		LONG rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &ctx);

		if (rv != SCARD_S_SUCCESS) {
			nap(20);
			continue;
		}
		memset(&rs, 0, sizeof rs);
		rs.szReader = reader;
		rs.dwCurrentState = SCARD_STATE_UNAWARE;
		for (;;) {
			long long left = deadline - mono_ms();

			if (left <= 0)
				break;
			rv = SCardGetStatusChange(ctx, (DWORD)left, &rs, 1);
			if (rv == SCARD_S_SUCCESS) {
				if (matches(rs.dwEventState, present)) {
					SCardReleaseContext(ctx);
					return 0;
				}
				rs.dwCurrentState = rs.dwEventState & ~(DWORD)SCARD_STATE_CHANGED;
				continue;
			}
			if (rv == SCARD_E_UNKNOWN_READER) {
				nap(20);
				rs.dwCurrentState = SCARD_STATE_UNAWARE;
				continue;
			}
			break;          /* timeout, no service, …: start over or give up */
		}
		SCardReleaseContext(ctx);
		if (rv != SCARD_E_TIMEOUT)
			nap(20);
	}
	return MG_ESTATE;
}

/* Monotonic clock in microseconds. */
static double mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

int vcard_pcsc_rtt(const char *reader, long count, double *usec_per_apdu, double *usec_min)
{
	static const BYTE sel[] = { 0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0x10, 0x00,
	                            0x31, 0x00, 0x01, 0x01, 0x04, 0x08 };
	SCARDCONTEXT ctx;
	SCARDHANDLE h;
	DWORD proto = 0;
	double t0, total = 0, best = 1e12;
	int rc = 0;

	if (count < 1)
		return MG_EINVAL;
	if (SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &ctx) != SCARD_S_SUCCESS)
		return MG_EIO;
	if (SCardConnect(ctx, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1 | SCARD_PROTOCOL_T0,
	                 &h, &proto) != SCARD_S_SUCCESS) {
		SCardReleaseContext(ctx);
		return MG_EIO;
	}
	for (long i = 0; i < count && rc == 0; i++) {
		BYTE r[258];
		DWORD rl = sizeof r;
		double dt;

		t0 = mono_us();
		if (SCardTransmit(h, proto == SCARD_PROTOCOL_T1 ? SCARD_PCI_T1 : SCARD_PCI_T0, sel,
		                  sizeof sel, NULL, r, &rl) != SCARD_S_SUCCESS ||
		    rl != 2 || r[0] != 0x90 || r[1] != 0x00)
			rc = MG_EIO;
		dt = mono_us() - t0;
		total += dt;
		if (dt < best)
			best = dt;
	}
	SCardDisconnect(h, SCARD_LEAVE_CARD);
	SCardReleaseContext(ctx);
	*usec_per_apdu = total / (double)count;
	*usec_min = best;
	return rc;
}
