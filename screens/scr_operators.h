/*
 * scr_operators.h — 操作者管理 (administrator, PERM_OPERATOR_ADMIN).
 *
 * The list page shows every operator (view_admin_ops_load) with role, state
 * (locked or active) and consecutive failed logins. F2 opens the add form
 * (id, name, role chosen with ←/→, the password typed twice, masked);
 * F5/F6 lock/unlock the selected operator after a question; F7 opens the
 * password reset form (typed twice, masked). Every change goes through
 * app/auth.h (auth_operator_add, auth_operator_passwd) or
 * view_admin_set_locked, which log it; an administrator cannot lock their
 * own account. Password fields are wiped after every try, on Esc and when
 * the screen is left. Esc on a form asks before discarding typed data.
 */
#ifndef SCR_OPERATORS_H
#define SCR_OPERATORS_H

#include "screens/scr.h"

extern const struct scr_ops scr_operators;

#endif
