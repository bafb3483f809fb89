#!/bin/sh
# t_login_wrong.sh — a wrong password and an unknown id get the same answer
# with the tries left; the password field is emptied; the failure is logged.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_conf lockout_threshold=5
e2e_registry
e2e_operator clerk1 '山田　花子' clerk 'correct-horse-1'
e2e_start
e2e_login clerk1 'wrong-horse-11'
e2e_wait 'あと 4 回誤ると'
e2e_absent 'wrong-horse'
e2e_screen | grep -qF '業務メニュー' && e2e_fail "logged in with a wrong password"
# The id stays; Esc clears both fields; an unknown id: same message, full count.
e2e_key Escape
e2e_gone 'clerk1'
e2e_login nobody 'whatever-pw-1'
e2e_wait 'あと 5 回誤ると'
# Now the right password.
e2e_key Escape
e2e_login clerk1 'correct-horse-1'
e2e_wait '業務メニュー'
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='login_failed'")" = 2 ] ||
  e2e_fail "failed logins not logged"
e2e_logout_exit
echo "wrong password and unknown id refused alike, then login ok"
