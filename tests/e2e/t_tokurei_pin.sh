#!/bin/sh
# t_tokurei_pin.sh — wrong PINs at the counter: the PIN is never on screen,
# the attempts left fall 3 → 2 → 1 on screen and on the card, the last try
# shows the warning and needs an explicit F2 (Enter does not pass, Esc sends
# nothing); confirmed with the right PIN the card is read and its counter is
# back to 3. The operation log has each read with its result, never the PIN.
. "$MG_ROOT/tests/e2e/tokurei_lib.sh"
setup 2025-04-12
start 2025-04-12
tries() { lab_ctl status | sed -n 's/.*kenhojo_pin_tries=\([0-9]*\).*/\1/p'; }
e2e_wait '残り回数: 3回'
e2e_type 1111
e2e_key Enter
e2e_wait '暗証番号が違います。残り 2回です'
e2e_wait '残り回数: 2回'
[ "$(tries)" = 2 ] || e2e_fail "card tries $(tries), want 2"
e2e_type 2222
e2e_key Enter
e2e_wait '次に間違えるとロックされます'
e2e_wait '残り回数: 1回'
e2e_wait '残り1回です。間違えると'
[ "$(tries)" = 1 ] || e2e_fail "card tries $(tries), want 1"
e2e_type $PIN
e2e_key Enter
e2e_wait '暗証番号 残り1回'
e2e_wait 'F2 確認して続ける'
e2e_key Enter
e2e_wait '暗証番号 残り1回'
e2e_key Escape
e2e_wait '送信を取りやめました'
[ "$(tries)" = 1 ] || e2e_fail "the PIN was sent without the confirmation"
e2e_type $PIN
e2e_key Enter
e2e_wait 'F2 確認して続ける'
e2e_key F2
e2e_wait 'ICチップの情報'
e2e_wait '真正（信頼できる発行者'
[ "$(tries)" = 3 ] || e2e_fail "card tries $(tries) after the right PIN, want 3"
for p in 1111 2222 $PIN; do e2e_absent "$p"; done
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='card_read' AND detail LIKE '%MG_ECARD_PIN_WRONG%'")" = 2 ] ||
  e2e_fail "the two wrong PINs are not in the operation log"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='card_read' AND detail LIKE 'result=genuine%'")" = 1 ] ||
  e2e_fail "the read is not in the operation log"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE detail LIKE '%1111%' OR detail LIKE '%2222%' OR detail LIKE '%$PIN%'")" = 0 ] ||
  e2e_fail "a PIN is in the operation log"
nothing_written
quit
echo "wrong PINs: tries 3 → 2 → 1, last try confirmed, read"
