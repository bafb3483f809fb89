#!/bin/sh
# t_kiosk_pickup.sh — the counter picks up a kiosk application through to
# commit. 津市 makes a 特例転出 to 宝塚市 (tests/tools/mg_tokurei_prep, the
# real workflow) and both deliver through a CS file; at 宝塚市's kiosk the
# resident reads the card and prepares the 転入; a clerk opens キオスク受付,
# sees the application (個人番号 masked), hands it to 特例転入 (F10), commits
# there, and back in キオスク受付 the application is done. Skipped while the
# menu has no キオスク受付 screen (screens/scr_menu.c).
. "$MG_ROOT/tests/e2e/kiosk_lib.sh"
[ -x "$BIN/mg_tokurei_prep" ] || e2e_skip "tests/tools/mg_tokurei_prep is not built"
TODAY=2025-06-02
TSU="$E2E_DIR/tsu.db"
CS="$E2E_DIR/cs.db"
e2e_cli demo-seed --db "$E2E_DB" --residents 30 --seed 1 > "$E2E_DIR/seed.out" 2>&1 || e2e_fail "seed 宝塚市"
e2e_cli init --db "$TSU" --municipality 242012 --name 津市 > /dev/null 2>&1 || e2e_fail "init 津市"
e2e_cli demo-seed --db "$TSU" --residents 60 --seed 7 > /dev/null 2>&1 || e2e_fail "seed 津市"
"$BIN/mg_tokurei_prep" "$TSU" 2025-05-30 282146 2025-06-01 > "$E2E_DIR/prep.txt" 2>&1 ||
  { cat "$E2E_DIR/prep.txt"; e2e_fail "特例転出 in 津市"; }
e2e_cli cs-init --cs "$CS" > /dev/null 2>&1 || e2e_fail "cs-init"
e2e_cli deliver --db "$TSU" --cs "$CS" --today 2025-05-30 > /dev/null 2>&1 || e2e_fail "deliver 津市"
e2e_cli deliver --db "$E2E_DB" --cs "$CS" --today "$TODAY" > /dev/null 2>&1 || e2e_fail "deliver 宝塚市"
f() { sed -n "s/^$1=//p" "$E2E_DIR/prep.txt"; }
name=$(f name); num=$(f mynumber)
e2e_operator clerk1 '山田　花子' clerk 'correct-horse-1'
lab_profile arrive --name "$name" --address "$(f address)" --birth "$(f birth)" --sex "$(f sex)" \
  --mynumber "$num" --pin 1234 || exit 1
lab_start "$LAB_DIR/arrive.profile" || exit 1
e2e_conf trust_store="$LAB_TRUST"
# 1. the kiosk
e2e_start --today "$TODAY" kiosk
kiosk_login
e2e_wait '残り回数: 3 回'
e2e_type 1234; e2e_key Enter
e2e_wait "$name"
e2e_key Enter; e2e_key 1
e2e_wait '新しい住所の町名'
e2e_key Enter
e2e_wait '住み始めた日'
e2e_type '2025-06-01'; e2e_key Tab; e2e_type '2番3号'; e2e_key Tab; e2e_key Tab; e2e_key Enter
e2e_wait 'この内容でよろしければ F10'
e2e_key F10
e2e_wait '受付番号: K-0001'
e2e_key Enter
e2e_key F11
e2e_wait 'キオスクの終了'
e2e_kill_server
# 2. the counter
e2e_start --today "$TODAY"
e2e_login clerk1 'correct-horse-1'
e2e_menu キオスク受付
e2e_wait 'K-0001'
e2e_key Enter
e2e_wait "$name"
e2e_wait '************'
e2e_absent "$num"
e2e_key F10
e2e_wait '特例転入'
# The card is placed and read at the counter too (it is submitted with the
# 転入届, and must be the kiosk applicant's): the resident types the PIN again.
e2e_wait '残り回数: 3回'
e2e_type 1234; e2e_key Enter
e2e_wait "$name"
for step in 1 2 3 4; do
  e2e_screen | grep -qF '受付番号' && break
  e2e_key F10
  sleep 0.5
done
e2e_wait '受付番号'
e2e_key Enter
e2e_wait '確定を確認しました'
[ "$(e2e_sql "SELECT state FROM kiosk_app WHERE kiosk_no = 'K-0001'")" = done ] || e2e_fail "not done"
[ "$(e2e_sql "SELECT count(*) FROM kiosk_app k JOIN uketsuke u ON u.uketsuke_no = k.done_uketsuke WHERE u.workflow LIKE 'tokurei%'")" = 1 ] ||
  e2e_fail "the application does not point at the 特例転入's 受付"
[ "$(e2e_sql "SELECT count(*) FROM resident_history WHERE kojin_bango = '$num' AND idou_jiyu = 'tokurei_tennyu'")" = 1 ] ||
  e2e_fail "no 特例転入 committed"
echo "kiosk pick-up through commit ok"
