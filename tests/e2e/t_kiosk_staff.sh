#!/bin/sh
# t_kiosk_staff.sh — the kiosk's staff pages are safe to leave unattended
# (rv-privacy findings 7 and 8). On the first (staff) page no key leaves the
# program (F3 used to drop to the shell); F11 asks for an administrator there
# too. Failed admin exits never count against any account (no lockout, no
# failure counter, no login rows), show one neutral text whatever the reason
# (wrong password, not an admin, locked, unknown id), and after three
# failures the kiosk itself makes the next try wait (a neutral "please
# wait", counted down, the right password not checked meanwhile). Each
# attempt is logged as the kiosk with the attempted id, never the password.
# The start page (kiosk operator login) likewise never counts a failure
# against any account, shows one text whether the password was wrong or the
# right one of a staff member who is not of role kiosk (rv18kiosk 1), and
# has its own back-off after three failures.
# Runs without a card reader (none is needed before the kiosk is started).
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_registry
e2e_operator kiosk1 'キオスク一号' kiosk 'kiosk-pass-01'
e2e_operator admin1 '管理　三郎' admin 'admin-pass-001'
e2e_operator admin2 '管理　四郎' admin 'admin-pass-002'
e2e_operator clerk1 '山田　花子' clerk 'correct-horse-1'
e2e_cli operator lock --db "$E2E_DB" --id admin2 > "$E2E_DIR/lock.out" 2>&1 ||
  { cat "$E2E_DIR/lock.out"; e2e_fail "operator lock admin2"; }
e2e_conf reader='No Such Reader 99' lockout_threshold=3
e2e_runner kiosk
sed -i "2i trap '' INT QUIT TSTP" "$E2E_DIR/run.sh"
e2e_tmux -f "$E2E_DIR/tmux.conf" new-session -d -s mg -x 80 -y 24 "$E2E_DIR/run.sh" ||
  e2e_fail "tmux new-session failed"
E2E_STARTED=1
e2e_wait 'キオスクの開始'
pid=$(e2e_pid)
[ -n "$pid" ] || e2e_fail "no kiosk process"
# finding 8: F3 (and every other key) on the staff page leaves the kiosk running
e2e_key F3
for k in C-c 'C-\' C-z F1 Escape F2 F4 F5 F6 F7 F8 F9 F12 C-d q; do
  e2e_key "$k"
done
e2e_key Escape
e2e_wait 'キオスク用の職員IDとパスワードを入力してください'
e2e_wait 'F11 終了（管理者）'
kill -0 "$pid" 2>/dev/null || e2e_fail "the kiosk ended on a key of the staff page"
[ -s "$E2E_DIR/exit" ] && e2e_fail "the kiosk exited from the staff page"
# finding 7 through the first page: staff ids typed there are never locked
# (more tries than lockout_threshold), and one neutral text whatever the
# reason, the right password of a clerk included; then the page's back-off
for i in 1 2 3 4; do
  # empty the id (the keys above typed into it); after a refusal the focus
  # is on the password: empty both
  if [ "$i" = 1 ]; then e2e_key C-u; else e2e_key C-u; e2e_key BTab; e2e_key C-u; fi
  if [ "$i" = 2 ]; then
    e2e_type clerk1; e2e_key Enter; e2e_type 'correct-horse-1'; e2e_key Enter
  else
    e2e_type admin1; e2e_key Enter; e2e_type "wrong-password-$i"; e2e_key Enter
  fi
  if [ "$i" = 4 ]; then
    e2e_wait 'しばらくお待ちください'
  else
    e2e_wait 'このIDとパスワードではキオスクを開始できません'
  fi
done
e2e_absent 'ロック'
e2e_absent '役割'
e2e_gone 'しばらくお待ちください'
[ "$(e2e_sql "SELECT failures || '|' || locked FROM operator WHERE id = 'admin1'")" = '0|0' ] ||
  e2e_fail "the start page counted against admin1: $(e2e_sql 'SELECT id, failures, locked FROM operator')"
# finding 7: F11 from the staff page; every refusal looks the same
e2e_key F11
e2e_wait 'キオスクの終了（管理者）'
failed='管理者のIDまたはパスワードが違います'
e2e_type admin1; e2e_key Enter; e2e_type 'wrong-password-1'; e2e_key Enter
e2e_wait "$failed"
e2e_key Escape; e2e_wait 'キオスクの開始'; e2e_key F11; e2e_wait 'キオスクの終了（管理者）'
e2e_type admin2; e2e_key Enter; e2e_type 'admin-pass-002'; e2e_key Enter
e2e_wait "$failed"
e2e_key Escape; e2e_wait 'キオスクの開始'; e2e_key F11; e2e_wait 'キオスクの終了（管理者）'
e2e_type clerk1; e2e_key Enter; e2e_type 'correct-horse-1'; e2e_key Enter
e2e_wait "$failed"
# three failures: the kiosk's own back-off, shown as a neutral wait
e2e_wait 'しばらくお待ちください'
e2e_absent 'ロック'
e2e_absent 'wrong-password-1'
# inside the wait even the right password is not checked
e2e_key C-u; e2e_key BTab; e2e_key C-u
e2e_type admin1; e2e_key Enter; e2e_type 'admin-pass-001'; e2e_key Enter
e2e_wait 'しばらくお待ちください'
kill -0 "$pid" 2>/dev/null || e2e_fail "the kiosk ended inside the back-off"
e2e_gone 'しばらくお待ちください'
# an unknown id: the same text, then a longer wait
e2e_key C-u; e2e_key BTab; e2e_key C-u
e2e_type nosuch; e2e_key Enter; e2e_type 'whatever-pass'; e2e_key Enter
e2e_wait "$failed"
e2e_wait 'しばらくお待ちください'
e2e_absent 'ロック'
e2e_gone 'しばらくお待ちください'
# no account was touched, nothing was logged as a login
[ "$(e2e_sql "SELECT count(*) FROM operator WHERE failures <> 0 OR last_failure_at IS NOT NULL")" = 0 ] ||
  e2e_fail "a failed kiosk exit counted against an account: $(e2e_sql 'SELECT id, failures, locked FROM operator')"
[ "$(e2e_sql "SELECT group_concat(id) FROM operator WHERE locked = 1")" = admin2 ] ||
  e2e_fail "lock state changed: $(e2e_sql 'SELECT id, failures, locked FROM operator')"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action IN ('login_failed', 'locked')")" = 0 ] ||
  e2e_fail "failed kiosk exits logged as logins"
# the administrator ends the kiosk
e2e_key C-u; e2e_key BTab; e2e_key C-u
e2e_type admin1; e2e_key Enter; e2e_type 'admin-pass-001'; e2e_key Enter
e2e_exited
[ "$E2E_RC" = 0 ] || e2e_fail "exit code $E2E_RC"
log=$(e2e_sql "SELECT detail FROM audit WHERE action = 'kiosk' AND coalesce(operator, '') = '' ORDER BY seq" | tr '\n' '|')
start='event=start ok=0 id=admin1 reason=password'
[ "$log" = "$start|event=start ok=0 id=clerk1 reason=role|$start|event=start ok=0 id=admin1 reason=wait|event=exit ok=0 id=admin1 reason=password|event=exit ok=0 id=admin2 reason=locked|event=exit ok=0 id=clerk1 reason=role|event=exit ok=0 id=admin1 reason=wait|event=exit ok=0 id=- reason=unknown|event=exit ok=1 id=admin1|" ] ||
  e2e_fail "kiosk rows: $log"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE coalesce(detail, '') || coalesce(target, '') LIKE '%nosuch%'")" = 0 ] ||
  e2e_fail "an id that names no operator reached the log"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE coalesce(detail, '') || coalesce(target, '') LIKE '%pass-%' OR coalesce(detail, '') || coalesce(target, '') LIKE '%wrong%' OR coalesce(detail, '') || coalesce(target, '') LIKE '%horse%' OR coalesce(detail, '') || coalesce(target, '') LIKE '%whatever%'")" = 0 ] ||
  e2e_fail "a password in the operation log"
echo "kiosk staff page: no quit key; admin exit neutral, no lockout, back-off"
