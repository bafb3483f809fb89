#!/bin/sh
# t_login_guard.sh — the interactive program refuses to run under tmux when
# the configuration does not allow capture, and refuses a non-terminal.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_registry
e2e_operator clerk1 '山田　花子' clerk 'correct-horse-1'
# Not a terminal: refused at once, nothing drawn.
e2e_cli --db "$E2E_DB" < /dev/null > "$E2E_DIR/notty.out" 2>&1
rc=$?
[ $rc = 1 ] || e2e_fail "exit code $rc without a terminal"
grep -q '端末' "$E2E_DIR/notty.out" || { cat "$E2E_DIR/notty.out"; e2e_fail "no reason given"; }
grep -q "$(printf '\033')" "$E2E_DIR/notty.out" && e2e_fail "escape sequences written to a non-terminal"
# Under tmux without allow_capture: refused with a message, exit 1.
e2e_conf allow_capture=0
e2e_start
e2e_exited
[ "$E2E_RC" = 1 ] || e2e_fail "exit code $E2E_RC under tmux without allow_capture"
e2e_screen | grep -qF '操作者ID' && e2e_fail "the login page was shown"
echo "refused without a terminal and under an unallowed capture tool"
