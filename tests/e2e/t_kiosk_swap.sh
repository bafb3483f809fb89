#!/bin/sh
# t_kiosk_swap.sh — the kiosk session belongs to the card it began with
# (rv18kiosk 3): a card swapped for another between two ticks of the kiosk
# ends the session like a removal ('removed' row, nothing stored, the next
# card starts its own session); a card taken out and put back quickly after
# the 受付番号 counts as taken, so the next session starts. pcscd's count of
# insertions and removals is what tells, not a present/absent poll.
. "$MG_ROOT/tests/e2e/kiosk_lib.sh"
e2e_cli demo-seed --db "$E2E_DB" --residents 20 --seed 1 > "$E2E_DIR/seed.out" 2>&1 ||
  { cat "$E2E_DIR/seed.out"; e2e_fail "demo-seed"; }
lab_profile bob --name "鈴木　一郎" --address "三重県津市島崎町１番１号" \
  --birth 19751105 --sex 1 --mynumber 123456789018 --pin 2580 --expiry 20340215 || exit 1
lab_profile eve --name "高橋　花子" --address "三重県津市栄町１番１号" \
  --birth 19880808 --sex 2 --mynumber 987654321093 --pin 1357 --expiry 20340215 || exit 1
lab_start "$LAB_DIR/bob.profile" "$LAB_DIR/eve.profile" || exit 1
e2e_conf trust_store="$LAB_TRUST"
e2e_start kiosk
kiosk_login
e2e_wait '残り回数: 3 回'
e2e_type 2580; e2e_key Enter
e2e_wait '鈴木　一郎'
e2e_key Enter
e2e_wait '手続きを選んでください'
e2e_key 3
e2e_wait 'この内容でよろしければ F10'
# another card in bob's place, then F10 at once: the tick or the F10 itself sees it
lab_ctl swap eve || e2e_fail "swap"
e2e_key F10
e2e_wait '残り回数: 3 回'
e2e_absent '鈴木　一郎'
e2e_absent '受付番号'
[ "$(e2e_sql "SELECT count(*) FROM kiosk_app")" = 0 ] ||
  e2e_fail "an application was stored after the swap: $(e2e_sql 'SELECT kiosk_no, name FROM kiosk_app')"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='kiosk' AND detail='event=removed verdict=genuine'")" = 1 ] ||
  e2e_fail "no 'removed' row: $(e2e_sql "SELECT detail FROM audit WHERE action='kiosk'")"
# eve's own session stores eve's application
e2e_type 1357; e2e_key Enter
e2e_wait '高橋　花子'
e2e_key Enter
e2e_wait '手続きを選んでください'
e2e_key 3
e2e_wait 'この内容でよろしければ F10'
e2e_key F10
e2e_wait '受付番号: K-0001'
[ "$(e2e_sql "SELECT name || '|' || kojin_bango FROM kiosk_app")" = '高橋　花子|987654321093' ] ||
  e2e_fail "kiosk_app row: $(e2e_sql 'SELECT * FROM kiosk_app')"
# taken out and put back between two ticks: taken, so the next session starts
lab_ctl remove || e2e_fail "remove"
lab_ctl insert || e2e_fail "insert"
e2e_wait '残り回数: 3 回'
e2e_gone 'K-0001'
echo "kiosk swap ok"
