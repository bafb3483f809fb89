/*
 * scr_tenshutsu.h — 転出 and 特例転出: the household is chosen through the
 * search (scr_search in pick mode); the clerk marks the members who move
 * (all or some), types 転出先 and its 団体コード, the planned date and, when
 * already moved, the move date, and chooses ordinary or 特例 (F8). When the
 * app says the 世帯主 leaves two or more members behind, the screen asks for
 * the new 世帯主 and the members' new 続柄. A confirmation lists every value
 * and finding (errors block, alerts need an acknowledgement); F10 commits;
 * then the 転出証明書 is shown (scr_cert), or "特例転出: 転出証明書情報を
 * 送信待ち". No argument.
 */
#ifndef SCR_TENSHUTSU_H
#define SCR_TENSHUTSU_H

#include "screens/scr.h"

extern const struct scr_ops scr_tenshutsu;

#endif
