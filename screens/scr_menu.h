/*
 * scr_menu.h — the main menu: the workflows, search, 受信・送信 and the
 * supervisor/admin items the operator's role allows (perm_check), by number
 * key or Enter; logout. Items whose screen is not in this build open a clear
 * "not available" box.
 */
#ifndef SCR_MENU_H
#define SCR_MENU_H

#include "screens/scr.h"

extern const struct scr_ops scr_menu;

#endif
