/*
 * scr_kiosk.h — the resident-facing kiosk (書かない窓口, issue 7).
 *
 * A kiosk operator (role kiosk) starts it with their id and password; then,
 * for each resident: place the card → the 券面事項入力補助用 PIN (masked, the
 * attempts left shown; the last attempt only after a second Enter) → the
 * resident's own 4情報 and the authenticity verdict (the 個人番号 is never
 * shown) → 転入 / 転出 / 住所確認 → a short form (destination, dates, who
 * moves) → confirmation → the 受付番号 in large digits. Removing the card,
 * the idle time (config idle_lock_seconds, 60 by default) or finishing
 * resets to the start page and wipes everything the resident gave. F5
 * switches Japanese/English for the current resident. No key leaves the
 * kiosk: F11 asks for an administrator's id and password first (the
 * program ignores Ctrl-C, Ctrl-Z and Ctrl-\ while the kiosk runs, see
 * app/cmd_kiosk.c). Every use is logged by app/kiosk.c with ids only.
 *
 * The screen changes its own table (title and keys) per step: s->ops points
 * at one of the step tables, all sharing these handlers.
 */
#ifndef SCR_KIOSK_H
#define SCR_KIOSK_H

#include "screens/scr.h"

extern const struct scr_ops scr_kiosk;

#endif
