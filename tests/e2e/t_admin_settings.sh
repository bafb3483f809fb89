#!/bin/sh
# t_admin_settings.sh — an administrator opens 設定: the file the program was
# started with, the line saying settings are changed in that file, and the
# effective values (the test configuration's terminal id, mode, registry);
# nothing can be typed; Esc goes back. Also at 100×30.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_conf idle_lock_seconds=45
e2e_registry
e2e_operator admin1 '管理　次郎' admin 'admin-password-1'
e2e_start
e2e_login admin1 'admin-password-1'
e2e_wait '業務メニュー'
e2e_key 2
e2e_wait '設定（表示のみ）'
conf=$(realpath "$E2E_CONF")
e2e_wait "設定ファイル: $conf"
e2e_wait '設定は管理者が設定ファイルを編集して変更し'
e2e_wait '端末ID（terminal_id）'
e2e_screen | grep -F '端末ID（terminal_id）' | grep -qF 'E2E01' ||
  e2e_fail "the terminal id row does not show E2E01"
e2e_screen | grep -F '動作モード（mode）' | grep -qF 'テスト（test）' ||
  e2e_fail "the mode row does not show test"
e2e_screen | grep -F '離席ロック（idle_lock_seconds）' | grep -qF '45 秒' ||
  e2e_fail "the idle lock row does not show the file's value"
e2e_screen | grep -qF "$(realpath "$E2E_DB")" || e2e_fail "the registry path is not shown"
# Read only: typing does nothing, there is no save key.
e2e_type 'x'
e2e_screen | grep -qF 'F10' && e2e_fail "a read-only page offers F10"
e2e_resize 100 30
e2e_wait 'パスワードハッシュ（scrypt_*）'
e2e_wait 'N = 2^10'
e2e_key Escape
e2e_wait '業務メニュー'
e2e_logout_exit
echo "settings shown read only with the file and the terminal id"
