/*
 * vcard_pcsc.h — PC/SC helpers of the emulator's test tooling (not the
 * reader module: that is card/). Used by `madoguchi-vcard wait` so that test
 * scripts wait for pcscd to see a card come or go by events, not sleeps.
 */
#ifndef VCARD_PCSC_H
#define VCARD_PCSC_H

/*
 * vcard_pcsc_wait — wait until pcscd reports the reader with a card present
 * (present = 1) or empty (present = 0). Retries while pcscd or the reader
 * does not exist yet (every 20 ms), then waits on SCardGetStatusChange.
 * Returns 0, or MG_ESTATE when timeout_ms passed first. Blocks.
 */
int vcard_pcsc_wait(const char *reader, int present, long timeout_ms);

/*
 * vcard_pcsc_rtt — measure the APDU round trip through pcscd: connect to the
 * reader (T=1 or T=0), send SELECT of the 入力補助AP count times, check 9000.
 * OUT: *usec_per_apdu (mean), *usec_min. Returns 0, MG_EIO (PC/SC error or
 * a status word other than 9000) or MG_EINVAL (count < 1). Blocks.
 */
int vcard_pcsc_rtt(const char *reader, long count, double *usec_per_apdu, double *usec_min);

#endif
