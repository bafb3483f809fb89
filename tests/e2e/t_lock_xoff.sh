#!/bin/sh
# t_lock_xoff.sh — Ctrl-S (XOFF) must not freeze the screen: with flow
# control on, the next screen write blocks and the idle lock never comes,
# leaving the work on the screen. The terminal's IXON is off while the
# program runs, and the lock page appears on time after a Ctrl-S.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_conf idle_lock_seconds=5 idle_logout_seconds=300
e2e_registry
e2e_operator clerk1 '山田　花子' clerk 'correct-horse-1'
e2e_start
e2e_login clerk1 'correct-horse-1'
e2e_wait '業務メニュー'
e2e_wait '山田　花子'
e2e_key C-s
e2e_wait 'この端末はロックされています' 20
e2e_absent '山田'
e2e_absent '業務メニュー'
e2e_type 'correct-horse-1'
e2e_key Enter
e2e_wait '業務メニュー'
e2e_logout_exit
echo "Ctrl-S did not freeze the screen: the idle lock came on time"
