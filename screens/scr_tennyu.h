/*
 * scr_tennyu.h — 転入 with a paper 転出証明書: one form grouped like the
 * certificate so a clerk types it top to bottom (従前の住所 and its 団体コード,
 * 転入日 in 和暦 or western form, each person's items, the new address with a
 * 町字 picker, 番地 and 方書, a new household or the 世帯番号 to join, 続柄);
 * a confirmation page listing every value and every finding of
 * tennyu_check; F10 commits (errors block, each alert needs an explicit
 * acknowledgement); a result page with the 受付番号. Esc asks before
 * discarding typed data. No argument.
 */
#ifndef SCR_TENNYU_H
#define SCR_TENNYU_H

#include "screens/scr.h"

extern const struct scr_ops scr_tennyu;

#endif
