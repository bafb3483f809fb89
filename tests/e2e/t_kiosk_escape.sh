#!/bin/sh
# t_kiosk_escape.sh — nothing but an administrator's password leaves the
# kiosk: Ctrl-C, Ctrl-\, Ctrl-Z, Esc and every function key leave it
# running; F11 asks for an administrator; a wrong password or a non-admin
# is refused (and logged as the kiosk operator with the attempted id; no
# account's failure count changes), the right one ends the kiosk (exit 0). Runs
# without a card reader (the kiosk then shows its "no reader" page).
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_registry
e2e_operator kiosk1 'キオスク一号' kiosk 'kiosk-pass-01'
e2e_operator admin1 '管理　三郎' admin 'admin-pass-001'
e2e_operator clerk1 '山田　花子' clerk 'correct-horse-1'
# a reader name that does not exist: the kiosk waits for it
e2e_conf reader='No Such Reader 99'
# The pane's wrapper shell is in the terminal's foreground group too: it
# ignores the keys itself so that only madoguchi's own handling is tested
# (ui_init installs quit handlers, so madoguchi must ignore them on its own).
e2e_runner kiosk
sed -i "2i trap '' INT QUIT TSTP" "$E2E_DIR/run.sh"
e2e_tmux -f "$E2E_DIR/tmux.conf" new-session -d -s mg -x 80 -y 24 "$E2E_DIR/run.sh" ||
  e2e_fail "tmux new-session failed"
E2E_STARTED=1
e2e_wait 'キオスクの開始'
e2e_type kiosk1; e2e_key Enter; e2e_type 'kiosk-pass-01'; e2e_key Enter
e2e_wait 'かんたん窓口'
pid=$(e2e_pid)
[ -n "$pid" ] || e2e_fail "no kiosk process"
for k in C-c 'C-\' C-z Escape F1 Escape F2 F3 F4 F6 F7 F8 F9 F10 F12 C-d q; do
  e2e_key "$k"
done
e2e_key Escape
e2e_wait 'かんたん窓口'
kill -0 "$pid" 2>/dev/null || e2e_fail "the kiosk ended on an escape key"
[ -s "$E2E_DIR/exit" ] && e2e_fail "the kiosk exited"
grep -q '^State:.*T' "/proc/$pid/status" 2>/dev/null && e2e_fail "the kiosk was stopped by Ctrl-Z"
# F11: the administrator
e2e_key F11
e2e_wait 'キオスクの終了（管理者）'
e2e_type admin1; e2e_key Enter; e2e_type 'wrong-password'; e2e_key Enter
e2e_wait '管理者のIDまたはパスワードが違います'
e2e_absent 'wrong-password'
e2e_key C-u; e2e_key BTab; e2e_key C-u
e2e_type clerk1; e2e_key Enter; e2e_type 'correct-horse-1'; e2e_key Enter
e2e_wait '管理者のIDまたはパスワードが違います'
e2e_key Escape
e2e_wait 'かんたん窓口'
e2e_key F11
e2e_wait 'キオスクの終了（管理者）'
e2e_type admin1; e2e_key Enter; e2e_type 'admin-pass-001'; e2e_key Enter
e2e_exited
[ "$E2E_RC" = 0 ] || e2e_fail "exit code $E2E_RC"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='kiosk' AND operator='kiosk1' AND detail IN ('event=exit ok=0 id=admin1 reason=password', 'event=exit ok=0 id=clerk1 reason=role')")" = 2 ] ||
  e2e_fail "refused exits not logged"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='kiosk' AND detail='event=exit ok=1 id=admin1' AND operator='kiosk1'")" = 1 ] ||
  e2e_fail "exit not logged"
# a refused exit is not a failed login: no account counts it
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action IN ('login_failed', 'locked') OR (action IN ('login', 'logout') AND operator <> 'kiosk1')")" = 0 ] ||
  e2e_fail "kiosk exits logged as logins"
[ "$(e2e_sql "SELECT count(*) FROM operator WHERE failures <> 0 OR locked <> 0")" = 0 ] ||
  e2e_fail "a refused exit counted against an account"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='logout' AND operator='kiosk1'")" = 1 ] ||
  e2e_fail "kiosk operator not logged out"
echo "kiosk escape keys refused, admin exit ok"
