#!/bin/sh
# t_login_lockout.sh — after the configured number of wrong passwords the id
# is locked: the last-try warning, then the lockout message; the right
# password no longer works; the lock is in the registry.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_conf lockout_threshold=3
e2e_registry
e2e_operator clerk1 '山田　花子' clerk 'correct-horse-1'
e2e_start
e2e_login clerk1 'wrong-horse-11'
e2e_wait 'あと 2 回誤ると'
e2e_type 'wrong-horse-12'
e2e_key Enter
e2e_wait '次に誤ると'
e2e_type 'wrong-horse-13'
e2e_key Enter
e2e_wait 'このIDはロックされています'
e2e_type 'correct-horse-1'
e2e_key Enter
e2e_wait 'このIDはロックされています'
e2e_screen | grep -qF '業務メニュー' && e2e_fail "a locked id logged in"
[ "$(e2e_sql "SELECT locked FROM operator WHERE id='clerk1'")" = 1 ] ||
  e2e_fail "the lock is not in the registry"
e2e_key F3
e2e_exited
echo "locked after 3 failures"
