/*
 * scr_lock.h — the neutral lock page (idle lock, F12 離席): nothing of the
 * work on screen, the operator's password unlocks (session_reauth); F9 logs
 * out. Used by scr.c, never pushed on the stack.
 */
#ifndef SCR_LOCK_H
#define SCR_LOCK_H

#include "screens/scr.h"

extern const struct scr_ops scr_lock;

#endif
