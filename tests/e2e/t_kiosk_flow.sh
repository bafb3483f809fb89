#!/bin/sh
# t_kiosk_flow.sh — the kiosk end to end through the real pcscd + card
# emulator: a kiosk operator starts it; the resident places the card, sees the
# attempts left, types the PIN (masked), sees their own 4情報 and the verdict
# (never the 個人番号), switches to English and back, chooses 転入, picks the
# 町字, fills the form, confirms and gets a 受付番号 in large digits; taking
# the card resets to the start page. The registry holds the application and
# the operation log ids only. A clerk cannot start the kiosk.
. "$MG_ROOT/tests/e2e/kiosk_lib.sh"
e2e_cli demo-seed --db "$E2E_DB" --residents 20 --seed 1 > "$E2E_DIR/seed.out" 2>&1 ||
  { cat "$E2E_DIR/seed.out"; e2e_fail "demo-seed"; }
e2e_operator clerk1 '山田　花子' clerk 'correct-horse-1'
e2e_operator admin1 '管理　三郎' admin 'admin-pass-001'
lab_profile alice --name "佐藤　花子" --address "三重県津市西丸之内２３番１号" \
  --birth 19900215 --sex 2 --mynumber 987654321093 --pin 4711 --expiry 20340215 || exit 1
lab_start "$LAB_DIR/alice.profile" || exit 1
e2e_conf trust_store="$LAB_TRUST"
e2e_start --today 2025-06-02 kiosk
e2e_wait 'キオスクの開始'
# a clerk is refused, in the words of any refusal (rv18kiosk 1)
e2e_type clerk1; e2e_key Enter; e2e_type 'correct-horse-1'; e2e_key Enter
e2e_wait 'このIDとパスワードではキオスクを開始できません'
e2e_key C-u; e2e_key BTab; e2e_key C-u
e2e_type kiosk1; e2e_key Enter; e2e_type 'kiosk-pass-01'; e2e_key Enter
# the card is already on the reader: the PIN page with the attempts left
e2e_wait '暗証番号（数字4桁）'
e2e_wait '残り回数: 3 回'
e2e_absent 'kiosk-pass-01'
e2e_type 4711
e2e_wait '****'
e2e_absent '4711'
e2e_key Enter
e2e_wait '本物であることを確認しました'
e2e_wait '佐藤　花子'
e2e_wait '三重県津市西丸之内２３番１号'
e2e_wait '平成2年2月15日'
e2e_absent '987654321093'
e2e_absent '9876 5432 1093'
# English for this resident, and back
e2e_key F5
e2e_wait 'confirmed to be genuine'
e2e_key F5
e2e_wait '本物であることを確認しました'
e2e_key Enter
e2e_wait '手続きを選んでください'
e2e_key 1
e2e_wait '新しい住所の町名'
e2e_key Enter
e2e_wait '住み始めた日'
e2e_type '令和7年6月1日'; e2e_key Tab
e2e_type '3番5号'; e2e_key Tab
e2e_key Tab
e2e_key Enter
e2e_wait 'この内容でよろしければ F10'
e2e_wait '3番5号'
e2e_key F10
e2e_wait '受付番号: K-0001'
e2e_wait '#  #'
[ "$(e2e_sql "SELECT kind || '|' || state || '|' || kojin_bango || '|' || move_date || '|' || banchi FROM kiosk_app")" = \
  'tennyu|pending|987654321093|2025-06-01|3番5号' ] || e2e_fail "kiosk_app row: $(e2e_sql 'SELECT * FROM kiosk_app')"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='kiosk' AND target='K-0001' AND detail='event=create kind=tennyu verdict=genuine' AND operator='kiosk1'")" = 1 ] ||
  e2e_fail "no kiosk row in the operation log"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE coalesce(detail,'') || coalesce(target,'') LIKE '%987654321093%' OR coalesce(detail,'') LIKE '%佐藤%'")" = 0 ] ||
  e2e_fail "personal data in the operation log"
# taking the card ends the session and wipes the screen
lab_ctl remove || e2e_fail "remove"
e2e_wait 'カードをカードリーダーに置いてください'
e2e_gone 'K-0001'
e2e_absent '佐藤　花子'
e2e_absent '三重県津市'
echo "kiosk flow ok"
