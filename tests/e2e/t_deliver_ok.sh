#!/bin/sh
# t_deliver_ok.sh — 受信・送信 from the menu: 津市 has a 特例転出 waiting in its
# outbox; the clerk opens 受信・送信 (the exchange named, no person shown),
# F5 sends everything and shows the counts; the outbox is empty afterwards
# and 宝塚市 receives the 転出証明書情報 from the exchange. A second run sends
# nothing and receives nothing. Each run is in the operation log.
# Before the exchange exists (cs-init not run yet), F5 is refused with the
# path named, the file is not created and the outbox stays as it was.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
[ -x "$BIN/mg_tokurei_prep" ] || e2e_skip "no $BIN/mg_tokurei_prep (build it first)"
B="$E2E_DIR/takarazuka.db"
CS="$E2E_DIR/cs.db"
e2e_registry 242012 津市
e2e_cli demo-seed --db "$E2E_DB" --residents 300 --seed 1 >/dev/null 2>&1 || e2e_fail "demo-seed 津市"
"$BIN/mg_tokurei_prep" "$E2E_DB" 2025-04-01 282146 2025-04-10 > "$E2E_DIR/prep" ||
  e2e_fail "特例転出 at 津市 failed"
name=$(sed -n 's/^name=//p' "$E2E_DIR/prep")
n=$(e2e_sql "SELECT count(*) FROM outbox")
[ "$n" -ge 1 ] || e2e_fail "nothing waits in the outbox"
e2e_operator clerk1 '窓口　太郎' clerk 'correct-horse-1'
e2e_start --cs "$CS" --today 2025-04-01
e2e_login clerk1 'correct-horse-1'
e2e_wait '業務メニュー'
e2e_key 6
e2e_wait '受信・送信（CS）'
e2e_wait "交換先: $CS"
e2e_key F5
e2e_wait '使用できません'
[ ! -e "$CS" ] || e2e_fail "a delivery created the exchange file"
[ "$(e2e_sql "SELECT count(*) FROM outbox")" = "$n" ] || e2e_fail "a refused delivery touched the outbox"
e2e_key Enter
e2e_gone '使用できません'
e2e_cli cs-init --cs "$CS" >/dev/null 2>&1 || e2e_fail "cs-init"
e2e_key F5
e2e_wait '送受信が完了しました'
e2e_wait "送信: ${n}件"
e2e_wait '受信: 0件'
e2e_absent "$name"
[ "$(e2e_sql "SELECT count(*) FROM outbox")" = 0 ] ||
  e2e_fail "the outbox was not sent"
[ "$(e2e_sql "SELECT count(*) FROM outbox_sent WHERE sent_at IS NOT NULL")" = "$n" ] ||
  e2e_fail "the sent messages were not kept in outbox_sent"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='deliver' AND operator='clerk1'")" = 1 ] ||
  e2e_fail "no deliver row in the operation log"
e2e_cli init --db "$B" --municipality 282146 --name 宝塚市 >/dev/null 2>&1 || e2e_fail "init 宝塚市"
e2e_cli deliver --db "$B" --cs "$CS" --today 2025-04-02 >/dev/null 2>&1 || e2e_fail "deliver 宝塚市"
[ "$(sqlite3 -batch "$B" "SELECT count(*) FROM tokurei_inbox")" = 1 ] ||
  e2e_fail "宝塚市 did not receive the 転出証明書情報 sent from the screen"
e2e_key F5
e2e_wait '送信: 0件'
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='deliver' AND operator='clerk1'")" = 2 ] ||
  e2e_fail "the second run is not in the operation log"
e2e_key Escape
e2e_wait '業務メニュー'
e2e_logout_exit
echo "delivery from the screen: $n sent, received at 宝塚市"
