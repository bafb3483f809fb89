/*
 * scr_login.h — the login page: operator id and password (no echo), tries
 * left, lockout message (session_login). The bottom of the stack; opened
 * again after every logout.
 */
#ifndef SCR_LOGIN_H
#define SCR_LOGIN_H

#include "screens/scr.h"

extern const struct scr_ops scr_login;

#endif
