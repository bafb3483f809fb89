/*
 * scr_cert.h — the 転出証明書 (or 転出証明書に準ずる証明書) on screen: every
 * 令23② item of each person as registered with the certificate (the
 * immutable history rows), its number, date and issuing municipality. This
 * is the only screen meant to be handed over in print (printing comes
 * later), so it is also the only one that shows the 個人番号 unmasked: the
 * certificate carries it by law (法7 8の2号, 令23②).
 *
 * Argument: const long long * — the certificate serial (borrowed while open).
 */
#ifndef SCR_CERT_H
#define SCR_CERT_H

#include "screens/scr.h"

extern const struct scr_ops scr_cert;

#endif
