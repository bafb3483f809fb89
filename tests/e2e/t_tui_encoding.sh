#!/bin/sh
# t_tui_encoding.sh — bytes from the keyboard that are not UTF-8 (a terminal
# set to EUC-JP or Shift_JIS; rv5 L5) are reported on screen, and what was
# typed after them in the same burst still arrives:
#  - "X" FF FE "CDE" into the login ID: the title row says the terminal is not
#    UTF-8, the field holds XCDE;
#  - the next key that is not a character (Ctrl+U) takes the message away;
#  - EUC-JP 山田 (BB B3 C5 C4) then UTF-8 山 and "a": message again, field 山a;
#  - a bad byte just before F1 (ESC O P): the help still opens;
#  - on the lock page, a UTF-8 lead byte C3 directly followed by the password
#    and Enter in one burst unlocks: the "c" that broke the sequence is kept
#    as the password's first character.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_registry
e2e_operator clerk1 '山田　花子' clerk 'correct-horse-1'
e2e_start
MSG='端末の文字コードが UTF-8 ではありません'

# e2e_hex HEX... — send raw bytes in one write (tmux send-keys -H).
e2e_hex() {
  e2e_tmux send-keys -t mg -H "$@"
}

# id_field — the text after the 操作者ID label on the screen.
id_field() {
  e2e_screen | sed -n 's/^ *操作者ID  *\([^ ]*\).*$/\1/p' | head -n 1
}

# wait_field TEXT — poll until the ID field holds exactly TEXT.
wait_field() {
  end=$(( $(e2e_now) + E2E_DEADLINE ))
  while [ "$(id_field)" != "$1" ]; do
    [ "$(e2e_now)" -ge "$end" ] && e2e_fail "ID field is '$(id_field)', not '$1'"
    sleep 0.1
  done
}

e2e_wait '操作者ID'
e2e_screen | grep -qF "$MSG" && e2e_fail "the message is shown before any bad input"
# X, two bytes that never start UTF-8, then CDE: one write.
e2e_hex 58 ff fe 43 44 45
e2e_wait "$MSG"
wait_field XCDE
# Ctrl+U (not a character) clears the field and the message.
e2e_key C-u
e2e_gone "$MSG"
wait_field ''
e2e_wait 'ログイン'
# EUC-JP 山田, then UTF-8 山 and "a", in one write.
e2e_hex bb b3 c5 c4 e5 b1 b1 61
e2e_wait "$MSG"
wait_field '山a'
# A bad byte right before F1 (kf1 of TERM=screen is ESC O P): help opens.
e2e_hex ff 1b 4f 50
e2e_wait 'キー操作の説明'
e2e_key Enter
e2e_gone 'キー操作の説明'
e2e_key Escape
wait_field ''

# Log in, lock with F12, then C3 + the password + Enter in one write.
e2e_login clerk1 'correct-horse-1'
e2e_wait '業務メニュー'
e2e_key F12
e2e_wait 'この端末はロックされています'
pw_hex=$(printf '%s' 'correct-horse-1' | od -An -tx1)
# shellcheck disable=SC2086
e2e_hex c3 $pw_hex 0d
e2e_wait '業務メニュー'
e2e_gone 'この端末はロックされています'
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='login_failed'")" = 0 ] ||
  e2e_fail "the unlock password did not arrive whole"
e2e_logout_exit
echo "bad bytes reported; the characters after them arrive; keys and unlock still work"
