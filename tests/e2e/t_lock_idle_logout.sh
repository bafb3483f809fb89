#!/bin/sh
# t_lock_idle_logout.sh — a longer idle time logs the operator out (from the
# lock page): the login page says why; the logout is in the operation log.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_conf idle_lock_seconds=5 idle_logout_seconds=10
e2e_registry
e2e_operator clerk1 '山田　花子' clerk 'correct-horse-1'
e2e_start
e2e_login clerk1 'correct-horse-1'
e2e_wait '業務メニュー'
e2e_wait 'この端末はロックされています' 20
e2e_wait '一定時間操作がなかったため、ログアウトしました' 20
e2e_wait '操作者ID'
e2e_absent '山田'
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='logout' AND operator='clerk1'")" = 1 ] ||
  e2e_fail "no logout row in the operation log"
e2e_key F3
e2e_exited
echo "idle logout"
