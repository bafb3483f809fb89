/*
 * scr_tokurei.h — 特例転入 at the counter (法24の2): the resident's My Number
 * card instead of a 転出証明書.
 *
 * Steps, each a page of the same screen with its own keys:
 *   1. "カードを置いてください": waits for a card (cardflow_wait polled in
 *      short steps from the tick handler, so the program stays responsive);
 *      Esc cancels.
 *   2. PIN entry by the resident: masked, the attempts left shown; with one
 *      attempt left (or an unknown counter) the PIN is sent only after the
 *      clerk's explicit confirmation; a blocked card is refused.
 *   3. The chip 4情報 with the authenticity verdict (個人番号 masked) and the
 *      転入日 / 届出日; F10 runs tokurei_prepare.
 *   4. Chip ↔ 転出証明書情報 side by side with every check's verdict: the
 *      deadline min(予定日+30, 転入日+14) with each computed day in 和暦,
 *      card validity and authenticity, 4情報 match, the members travelling,
 *      and every finding (errors block, alerts need F2). Without a
 *      転出証明書情報, F6 requests it from the former municipality
 *      (tokurei_request).
 *   5. The new address (町字 picker F4, 番地, 方書), a new household or one to
 *      join, and 続柄 per member. F6 on a member's row marks them 今回は転入しない
 *      (法24の2②): not registered, their 転出証明書情報 kept.
 *   6. Confirmation of every value; F10 commits (tokurei_commit).
 *   7. The 受付番号 and the card follow-ups: 追記, 継続利用 due date,
 *      署名用電子証明書 lapsed.
 * Esc goes back a step; leaving with read data asks first. Everything read
 * is wiped when the screen is left.
 *
 * Argument (scr_push arg, may be NULL): a const struct tokurei_req * already
 * holding a card read elsewhere (the kiosk pick-up); the screen then starts
 * at step 3 with a copy of it.
 */
#ifndef SCR_TOKUREI_H
#define SCR_TOKUREI_H

#include "screens/scr.h"

extern const struct scr_ops scr_tokurei;

#endif
