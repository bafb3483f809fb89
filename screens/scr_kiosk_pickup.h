/*
 * scr_kiosk_pickup.h — キオスク受付 at the counter (issue 7): the open kiosk
 * applications by 受付番号 (kind, time, state); Enter opens one (kiosk_pick:
 * logged, marked picked) and shows what the card said (個人番号 masked) and
 * what the resident answered; F10 hands it to the matching workflow screen
 * with a pre-filled request (転入 → scr_tokurei with a struct tokurei_req,
 * F6 → scr_tennyu with a struct tennyu_req when there is no 転出証明書情報,
 * 転出 → scr_tenshutsu with a struct tenshutsu_req); the clerk checks,
 * completes and commits there. Back on this screen, kiosk_sync finds the
 * commit and marks the application done. A 住所確認 is closed with F8.
 * No argument. Needs PERM_WORKFLOW.
 */
#ifndef SCR_KIOSK_PICKUP_H
#define SCR_KIOSK_PICKUP_H

#include "screens/scr.h"

extern const struct scr_ops scr_kiosk_pickup;

#endif
