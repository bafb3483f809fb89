#!/bin/sh
# t_tennyu_resident.sh — 転入 of someone who is already a resident (his
# 個人番号 and 住民票コード belong to a current 住民票): the confirmation page
# shows the error, F10 is blocked with cause and remedy, and nothing is
# written (no 受付, no new history row, no commit in the operation log) —
# except the one operation-log row of the lookup: the check named the
# resident's 宛名番号, so it is logged as a search (ids only, rv-privacy 4).
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_registry
e2e_cli demo-seed --db "$E2E_DB" --residents 300 --seed 1 >/dev/null 2>&1 || e2e_fail "demo-seed failed"
e2e_operator clerk1 '窓口　太郎' clerk 'correct-horse-1'
rows0=$(e2e_sql "SELECT count(*) FROM resident_history")
kojin=$(e2e_sql "SELECT h.kojin_bango FROM person p JOIN resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no WHERE p.state='current' AND h.kojin_bango IS NOT NULL ORDER BY p.atena_no LIMIT 1")
jcode=$(e2e_sql "SELECT h.juminhyo_code FROM person p JOIN resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no WHERE h.kojin_bango='$kojin'")
atena=$(e2e_sql "SELECT atena_no FROM resident_history WHERE kojin_bango='$kojin' LIMIT 1")
[ -n "$kojin" ] && [ -n "$jcode" ] || e2e_fail "no current resident with a 個人番号 in the seed"
e2e_start --today 2025-04-01
e2e_login clerk1 'correct-horse-1'
e2e_wait '業務メニュー'
e2e_key 1
e2e_wait '従前の住所'
fill() { e2e_type "$1"; e2e_key Enter; }
fill '大阪府大阪市北区梅田1丁目1番'
fill '271004'
fill '2025-03-28'
fill ''
fill '住民　一郎'
fill 'ジュウミン　イチロウ'
fill '1980-01-01'
fill '1'
fill '世帯主'
fill ''
fill ''
fill "$kojin"
fill "$jcode"
for i in 1 2 3 4 5 6 7 8; do e2e_key Enter; done
fill '栄町二丁目'
fill '2番2号'
e2e_key F10
e2e_wait '転入届 － 確認'
e2e_wait '【エラー】'
e2e_wait 'すでに当市区町村の住民です'
e2e_key F10
e2e_wait 'エラーがあるため登録できません'
e2e_wait '対処'
e2e_key Enter
e2e_gone 'エラーがあるため登録できません'
e2e_key Escape
# back on the form (its status line; the confirmation shows 従前の住所 too)
e2e_gone '転入届 － 確認'
e2e_wait '全1人'
e2e_key Escape
e2e_wait '入力した内容を破棄'
e2e_key F2
e2e_wait '業務メニュー'
[ "$(e2e_sql "SELECT count(*) FROM uketsuke")" = 0 ] || e2e_fail "a 受付 was written"
[ "$(e2e_sql "SELECT count(*) FROM resident_history")" = "$rows0" ] || e2e_fail "history rows were written"
[ "$(e2e_sql "SELECT count(*) FROM outbox")" = 0 ] || e2e_fail "outbox rows were written"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='commit'")" = 0 ] || e2e_fail "a commit was logged"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='search' AND operator='clerk1' AND detail='criteria=tennyu_check match=id count=1 atena=$atena'")" = 1 ] ||
  e2e_fail "the lookup of 宛名番号 $atena by the 転入 check is not logged once"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE instr(ifnull(detail,''), '$kojin') > 0 OR instr(ifnull(target,''), '$kojin') > 0")" = 0 ] ||
  e2e_fail "a 個人番号 reached the operation log"
echo "転入 of a current resident refused, nothing written but the logged lookup"
