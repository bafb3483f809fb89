/*
 * scr_settings.h — 設定 (administrator, PERM_SETTINGS): a read-only view of
 * the configuration the program runs with (view_admin_settings_load: the
 * file's values with the command line's choices applied) and the file it
 * came from, with a line saying that settings are changed in that file by
 * the administrator, not here. Each setting shows its label and its key in
 * the file. The list is an explicit table of the settings: nothing that is
 * not in it (a secret added later) is shown by accident. Arrows and page
 * keys scroll; Esc goes back (nothing is typed here).
 */
#ifndef SCR_SETTINGS_H
#define SCR_SETTINGS_H

#include "screens/scr.h"

extern const struct scr_ops scr_settings;

#endif
