#!/bin/sh
# t_admin_operators.sh — an administrator adds a clerk on 操作者管理 (password
# typed twice, never on screen), the clerk logs in; the administrator cannot
# lock their own account, locks the clerk, and the clerk's next login is
# refused. The registry and the operation log hold each change.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_registry
e2e_operator admin1 '管理　次郎' admin 'admin-password-1'
e2e_start
e2e_login admin1 'admin-password-1'
e2e_wait '業務メニュー'
e2e_wait '操作者管理'
e2e_screen | grep -qF '転入届' && e2e_fail "an administrator must not see the registry work"
e2e_key 1
e2e_wait '最終ログイン'
e2e_wait 'admin1'
# Add clerk2: id, name, role (clerk, the default), the password twice.
e2e_key F2
e2e_wait '操作者の追加'
e2e_type clerk2
e2e_key Enter
e2e_type '新人　三郎'
e2e_key Enter
e2e_wait '職員'
e2e_key Enter
e2e_type 'new-clerk-pass-1'
e2e_key Enter
e2e_type 'new-clerk-pass-1'
e2e_wait '****************'
e2e_absent 'new-clerk-pass'
e2e_key F10
e2e_wait 'clerk2（新人　三郎）を追加しました'
e2e_absent 'new-clerk-pass'
[ "$(e2e_sql "SELECT role || ',' || locked FROM operator WHERE id='clerk2'")" = 'clerk,0' ] ||
  e2e_fail "clerk2 is not in the registry as an unlocked clerk"
e2e_key Escape
e2e_wait '業務メニュー'
e2e_key F9
# The new clerk logs in.
e2e_login clerk2 'new-clerk-pass-1'
e2e_wait '業務メニュー'
e2e_wait '新人　三郎'
e2e_wait '転入届'
e2e_key F9
# The administrator cannot lock themself out, then locks clerk2 (rows: admin1, clerk2).
e2e_login admin1 'admin-password-1'
e2e_wait '業務メニュー'
e2e_key 1
e2e_wait 'clerk2'
e2e_key F5
e2e_wait '自分自身のアカウントはロックできません'
e2e_key Enter
e2e_gone '自分自身のアカウントはロックできません'
[ "$(e2e_sql "SELECT locked FROM operator WHERE id='admin1'")" = 0 ] ||
  e2e_fail "the administrator's own account was locked"
e2e_key Down
e2e_key F5
e2e_wait 'clerk2（新人　三郎）をロックしますか'
e2e_key F2
e2e_wait 'clerk2 をロックしました'
e2e_wait 'ロック中'
[ "$(e2e_sql "SELECT locked FROM operator WHERE id='clerk2'")" = 1 ] ||
  e2e_fail "the lock is not in the registry"
e2e_key Escape
e2e_wait '業務メニュー'
e2e_key F9
# The locked clerk is refused, even with the right password.
e2e_login clerk2 'new-clerk-pass-1'
e2e_wait 'このIDはロックされています'
e2e_screen | grep -qF '業務メニュー' && e2e_fail "a locked clerk logged in"
e2e_key F3
e2e_exited
[ "$E2E_RC" = 0 ] || e2e_fail "exit code $E2E_RC"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='operator' AND operator='admin1'
  AND target='clerk2' AND detail='add role=clerk'")" = 1 ] || e2e_fail "the add is not logged"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='operator' AND operator='admin1'
  AND target='clerk2' AND detail='lock'")" = 1 ] || e2e_fail "the lock is not logged"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='operator' AND target='admin1'
  AND detail='lock'")" = 0 ] ||
  e2e_fail "the refused self-lock changed something"
echo "clerk added, logged in, locked, refused"
