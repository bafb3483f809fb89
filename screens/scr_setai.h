/*
 * scr_setai.h — 世帯主変更届 (法25): the clerk names a 世帯 by its 世帯番号
 * (check digit verified) or picks a member through the 住民検索 (F4); the
 * members living there today are listed with 氏名, 生年月日 and current
 * 続柄, the 世帯主 marked (never a 個人番号). F5 makes the focused member the
 * new 世帯主; every other member gets his 続柄 to the new 世帯主 (typed, or
 * chosen from a list with F6); 異動日 and 届出日 (empty = today). F10 runs
 * setai_henko_check and shows its findings with their catalog texts; F10
 * again commits (setai_henko_commit): errors block, each alert needs F2.
 * The result shows the 受付番号. A failed commit leaves the form as it was.
 *
 * Opened from the menu with a NULL argument; needs PERM_WORKFLOW.
 */
#ifndef SCR_SETAI_H
#define SCR_SETAI_H

#include "screens/scr.h"

extern const struct scr_ops scr_setai;

#endif
