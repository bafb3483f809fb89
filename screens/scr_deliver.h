/*
 * scr_deliver.h — 受信・送信: one delivery between this registry and the CS
 * exchange configured for the program (app_ctx.cs_path) with deliver_run,
 * then the counts (sent, received, duplicates, rejected, requests answered).
 * No data of any person is shown.
 */
#ifndef SCR_DELIVER_H
#define SCR_DELIVER_H

#include "screens/scr.h"

extern const struct scr_ops scr_deliver;

#endif
