/*
 * scr_unnotified.h — 転入通知未着者一覧 (標準仕様 4.1.3.1.4, domain-rules
 * §2.5): the persons whose 転出 still waits for the 転入通知 of the new
 * municipality (転出予定, or a 除票 by 転出 without a 転入通知年月日) with a
 * 転出予定日 at least VIEW_UNNOTIFIED_DAYS days ago, in the last year's
 * window (F6: the whole past). The header says the window, the count and,
 * when received 転入通知 wait to be applied, that they should be applied
 * first on the 転入通知受理 screen. Each row: 転出予定日, days since, 宛名番号,
 * 氏名, 転出先 (予定), 状態 and the last 照会書 (or 未照会); never a 個人番号.
 * F5 issues the 転入通知未着照会書 for the selected person
 * (view_unnotified_inquire) and shows it as a page; Esc returns to the list,
 * whose row then shows the new 照会 date (the list is not read again, so no
 * second search is logged). A code from the view is shown in a box from
 * the rc catalog; the list stays as it was.
 *
 * Opened from the menu with a NULL argument; needs PERM_WORKFLOW (the
 * view's check: enter returns MG_EPERM). Loading is a logged search. The
 * list and the letter are wiped when the screen is left.
 */
#ifndef SCR_UNNOTIFIED_H
#define SCR_UNNOTIFIED_H

#include "screens/scr.h"

extern const struct scr_ops scr_unnotified;

#endif
