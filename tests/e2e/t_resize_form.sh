#!/bin/sh
# t_resize_form.sh — resizing the terminal during the 転入 form keeps what was
# typed: larger, smaller than 80×24 (the "too small" page, no form data), and
# back; then the form goes on to its confirmation with the same values.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_registry
e2e_cli demo-seed --db "$E2E_DB" --residents 300 --seed 1 >/dev/null 2>&1 || e2e_fail "demo-seed failed"
e2e_operator clerk1 '窓口　太郎' clerk 'correct-horse-1'
e2e_start --today 2025-04-01
e2e_login clerk1 'correct-horse-1'
e2e_wait '業務メニュー'
e2e_key 1
e2e_wait '従前の住所'
fill() { e2e_type "$1"; e2e_key Enter; }
fill '北海道札幌市中央区北1条西2丁目'
fill '011002'
fill '令和7年3月30日'
fill ''
fill '佐藤　一'
e2e_type 'サトウ　ハジメ'
e2e_wait 'サトウ　ハジメ'
e2e_resize 120 40
e2e_wait '北海道札幌市中央区北1条西2丁目'
e2e_wait '佐藤　一'
e2e_wait 'サトウ　ハジメ'
e2e_resize 60 20
e2e_wait '80桁×24行以上'
e2e_screen | grep -qF '佐藤' && e2e_fail "form data shown on the too-small page"
e2e_resize 80 24
e2e_wait '佐藤　一'
e2e_wait 'サトウ　ハジメ'
e2e_wait '令和7年3月30日'
e2e_key Enter
fill '昭和60年1月2日'
fill '1'
fill '世帯主'
fill ''
fill ''
fill ''
e2e_type '11122233344'
for i in 1 2 3 4 5 6 7 8 9; do e2e_key Enter; done
fill '栄町三丁目'
fill '4番4号'
e2e_key F10
e2e_wait '転入届 － 確認'
e2e_wait '北海道札幌市中央区北1条西2丁目'
e2e_wait 'サトウ　ハジメ'
e2e_wait '令和7年3月30日'
e2e_key Escape
e2e_wait '従前の住所'
e2e_key Escape
e2e_wait '入力した内容を破棄'
e2e_key F2
e2e_wait '業務メニュー'
[ "$(e2e_sql "SELECT count(*) FROM uketsuke")" = 0 ] || e2e_fail "something was committed"
echo "resize kept the typed 転入 data"
