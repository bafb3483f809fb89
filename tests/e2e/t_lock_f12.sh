#!/bin/sh
# t_lock_f12.sh — F12 (離席) locks at once; help on the lock page shows only
# the lock page's keys; F9 on the lock page logs out.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_conf idle_lock_seconds=600 idle_logout_seconds=3600
e2e_registry
e2e_operator clerk1 '山田　花子' clerk 'correct-horse-1'
e2e_start
e2e_login clerk1 'correct-horse-1'
e2e_wait '業務メニュー'
e2e_key F12
e2e_wait 'この端末はロックされています' 5
e2e_absent '山田'
e2e_absent '業務メニュー'
e2e_key F1
e2e_wait 'キー操作の説明'
e2e_absent '転入届'
e2e_key Escape
e2e_gone 'キー操作の説明'
e2e_type 'correct-horse-1'
e2e_key Enter
e2e_wait '業務メニュー'
e2e_key F12
e2e_wait 'この端末はロックされています' 5
e2e_key F9
e2e_wait '操作者ID'
e2e_absent '山田'
e2e_key F3
e2e_exited
[ "$E2E_RC" = 0 ] || e2e_fail "exit code $E2E_RC"
echo "F12 locks at once"
