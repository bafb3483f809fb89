/*
 * scr_view.h — the 住民票 of one person: 氏名, 振り仮名, 生年月日 (和暦), 性別,
 * state (現存 / 転出予定 / 除票), address, the household with each member's
 * 続柄, and the history rows. Opening it is logged (search_view). The
 * 個人番号 is masked; F5 asks a supervisor's approval with a reason chosen
 * from a list, then shows it for config reveal_seconds (30) and masks it
 * again by itself (AUDIT_REVEAL logged by view_registry_reveal).
 *
 * Argument: the 宛名番号 (const char *, borrowed while the screen is open).
 */
#ifndef SCR_VIEW_H
#define SCR_VIEW_H

#include "screens/scr.h"

extern const struct scr_ops scr_view;

#endif
