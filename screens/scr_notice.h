/*
 * scr_notice.h — 転入通知受理: the 転入通知 received from other municipalities
 * (法9①), listed oldest first with their state; F5 applies the selected one
 * (notice_apply: the person becomes 転出確定, 除票), F6 applies every pending
 * one after a confirmation (notice_apply_all). Each result is shown: the
 * 宛名番号, the 消除日 and the 受付番号, or the finding that blocked it.
 * 個人番号 is shown masked.
 */
#ifndef SCR_NOTICE_H
#define SCR_NOTICE_H

#include "screens/scr.h"

extern const struct scr_ops scr_notice;

#endif
