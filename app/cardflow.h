/*
 * cardflow.h — a My Number card read as the screens and the kiosk use it:
 * wait for the card (cancellable, polled in short steps so the UI loop keeps
 * running), query the PIN retries, read the 券面事項入力補助AP with the
 * resident's PIN under the PIN rules (card/card_kenhojo.h: one VERIFY, none
 * when blocked, the last try only when confirmed), verify authenticity with
 * the configured trust store (the demo CA only in demo/test mode), map the
 * result to struct tokurei_card, and log AUDIT_CARD_READ (verdict, never the
 * PIN or the data). The only app/ file that calls card/.
 */
#ifndef CARDFLOW_H
#define CARDFLOW_H

#include "app/app_ctx.h"
#include "app/tokurei.h"

struct cardflow;

/*
 * cardflow_open — connect to PC/SC for the reader `reader` (NULL/"" = the
 * configuration's reader, else the first reader). OUT: *out (close with
 * cardflow_close). Returns 0, MG_EPERM (PERM_CARD_READ), or a card code
 * (no service, no reader; MG_ECARD_TRUST_PERM when a production trust store,
 * a certificate it names or a folder above them is not root's alone;
 * MG_ECARD_TRUST / MG_EIO for a bad or missing trust store) whose message
 * says what to do.
 */
int cardflow_open(struct app_ctx *ctx, const char *reader, struct cardflow **out);

/* cardflow_close — release everything; wipes what was read. Accepts NULL. */
void cardflow_close(struct cardflow *cf);

/*
 * cardflow_wait — wait up to timeout_ms (short, e.g. 200) for the card to be
 * present (present = 1) or absent (0). Returns 0 when it is, MG_ECARD_TIMEOUT
 * (not yet: call again), or a card code. Blocks at most timeout_ms.
 */
int cardflow_wait(struct cardflow *cf, int present, int timeout_ms);

/*
 * cardflow_mark — bind to the card now in the reader (the one cardflow_wait
 * last saw, else the chosen one): remember pcscd's count of insertions and
 * removals there. Returns 0, MG_ECARD_NOCARD when the reader is empty, or a
 * card code. Does not block beyond a round trip to pcscd.
 */
int cardflow_mark(struct cardflow *cf);

/*
 * cardflow_same_card — whether the card bound by cardflow_mark is still in
 * its reader with no card taken out or put in since, however quickly (a
 * present/absent poll misses a swap between two polls; the count does not).
 * Returns 1 (the same card), 0 (it was taken out or swapped: the binding
 * ends), MG_ESTATE (nothing bound), or a card code (the service or the
 * reader is gone). Does not block beyond a round trip to pcscd.
 */
int cardflow_same_card(struct cardflow *cf);

/* cardflow_retries — the PIN attempts left (no PIN sent). OUT: *left. */
int cardflow_retries(struct cardflow *cf, int *left);

/*
 * cardflow_read — read with the 4-digit PIN (wiped by the caller after the
 * call; this function keeps no copy). last_try_confirmed allows the VERIFY
 * when one attempt is left. OUT: *card (4情報, 個人番号, expiry, verdict),
 * *retries_left (after the read, -1 if unknown). Returns 0 (read, see
 * card->verdict), or a card code: wrong PIN, blocked, last try not confirmed,
 * card removed, no service… Logs one AUDIT_CARD_READ row either way.
 */
int cardflow_read(struct cardflow *cf, const char *pin, int last_try_confirmed,
                  struct tokurei_card *card, int *retries_left);

struct card_pcsc;

/*
 * cardflow_transport — how cardflow_open makes its PC/SC transport
 * (default card_pcsc_open); the unit tests put an in-process emulated reader
 * here. Never changed by the program.
 */
extern int (*cardflow_transport)(struct card_pcsc **out);

#endif
