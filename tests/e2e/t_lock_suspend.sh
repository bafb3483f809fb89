#!/bin/sh
# t_lock_suspend.sh — Ctrl+Z (SIGTSTP) locks first and wipes the screen and
# the scrollback before the program stops; after `fg` it shows the lock
# page, not the work. madoguchi runs as a job of an interactive shell, as at
# a counter.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_conf idle_lock_seconds=600 idle_logout_seconds=3600
e2e_registry
e2e_operator clerk1 '山田　花子' clerk 'correct-horse-1'
e2e_start_shell
e2e_login clerk1 'correct-horse-1'
e2e_wait '業務メニュー'
e2e_wait '山田　花子'
e2e_key C-z
# Stopped: back at the shell, nothing of the session on screen or in the scrollback.
e2e_wait 'Stopped'
e2e_absent '山田'
e2e_absent '業務メニュー'
e2e_type fg
e2e_key Enter
e2e_wait 'この端末はロックされています'
e2e_absent '山田'
e2e_type 'correct-horse-1'
e2e_key Enter
e2e_wait '業務メニュー'
e2e_logout_exit
echo "suspend locked first"
