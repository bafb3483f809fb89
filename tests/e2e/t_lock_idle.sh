#!/bin/sh
# t_lock_idle.sh — after the idle time the screen is wiped to the neutral
# lock page: nothing of the work and no name on the screen or in the
# scrollback; a wrong password keeps it locked; the right one brings the
# menu back as it was.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_conf idle_lock_seconds=5 idle_logout_seconds=300
e2e_registry
e2e_operator clerk1 '山田　花子' clerk 'correct-horse-1'
e2e_start
e2e_login clerk1 'correct-horse-1'
e2e_wait '業務メニュー'
e2e_wait '山田　花子'
e2e_key Down Down
# No key for the idle time: the lock page appears by itself.
e2e_wait 'この端末はロックされています' 20
e2e_absent '山田'
e2e_absent '花子'
e2e_absent '業務メニュー'
e2e_absent '転入届'
e2e_wait 'clerk1'
e2e_type 'not-my-password'
e2e_key Enter
e2e_wait 'パスワードが正しくありません'
e2e_absent 'not-my-password'
e2e_type 'correct-horse-1'
e2e_key Enter
e2e_wait '業務メニュー'
e2e_wait '山田　花子'
e2e_logout_exit
echo "idle lock wiped the screen, unlock restored it"
