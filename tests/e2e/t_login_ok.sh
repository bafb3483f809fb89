#!/bin/sh
# t_login_ok.sh — a clerk logs in (password never on screen), sees the menu of
# a clerk with name, terminal and the capture badge in the status bar, logs
# out with F9 and quits with F3; the operation log has the login and logout.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_registry
e2e_operator clerk1 '山田　花子' clerk 'correct-horse-1'
e2e_start
e2e_wait '操作者ID'
e2e_wait '宝塚市'
e2e_wait 'E2E01'
e2e_wait '画面記録許可中'
e2e_type clerk1
e2e_key Enter
e2e_type 'correct-horse-1'
e2e_wait '***************'
e2e_absent 'correct-horse'
e2e_key Enter
e2e_wait '業務メニュー'
e2e_wait '山田　花子'
e2e_wait '転入届'
e2e_wait '特例転入'
e2e_wait 'F12 離席'
e2e_screen | grep -qF '操作者管理' && e2e_fail "a clerk must not see the operator administration"
# 1 opens the 転入 form; Esc (nothing typed) goes back to the menu.
e2e_key 1
e2e_wait '従前の住所'
e2e_key Escape
e2e_wait '業務メニュー'
e2e_key F9
e2e_wait '操作者ID'
e2e_gone '山田　花子'
e2e_key F3
e2e_exited
[ "$E2E_RC" = 0 ] || e2e_fail "exit code $E2E_RC"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='login' AND operator='clerk1'")" = 1 ] ||
  e2e_fail "no login row in the operation log"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='logout' AND operator='clerk1'")" = 1 ] ||
  e2e_fail "no logout row in the operation log"
echo "login ok, menu, logout, quit"
