#!/bin/sh
# t_tennyu_ok.sh — 転入 happy path: a clerk types a 転出証明書 of two persons
# (a new household) top to bottom, checks the confirmation page, commits
# with F10 and sees the 受付番号; the DB then holds both persons in one new
# household at the chosen 町字, the 受付 and the commit row of the operation log;
# the 届出日 typed (the day before) is confirmed as an alert and is the one stored;
# the 国民年金 items typed full-width reach the registry whole and normalised.
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
# fill TEXT — type into the focused field and go to the next one.
fill() { e2e_type "$1"; e2e_key Enter; }
fill '東京都千代田区千代田1番1号'
fill '131016'
fill 'R7.3.25'
e2e_wait '令和7年3月25日'
# 届出日: the 届 was received yesterday and is entered today
fill 'R7.3.31'
e2e_wait '令和7年3月31日'
fill '山田　太郎'
fill 'ヤマダ　タロウ'
fill 'S55.2.17'
fill '1'
fill '世帯主'
fill '兵庫県宝塚市栄町一丁目1番'
fill '山田　太郎'
fill '987654321018'
e2e_type '12345678901'
e2e_key F6
e2e_wait '2人目'
fill '山田　花子'
fill 'ヤマダ　ハナコ'
fill '2008-05-05'
fill '2'
fill '子'
fill ''
fill ''
fill ''
fill '12345678902'
# 国保 blank, 後期高齢者医療 typed full-width, 介護 blank, then the 国民年金
# items as an IME gives them (rv-input 1, 11): stored whole and normalised.
e2e_key Enter
fill '１'
e2e_key Enter
fill '第1号被保険者'
fill '１２３４－５６７８９０'
# to the new address: 児童手当 and the card dates of person 2
for i in 1 2 3; do e2e_key Enter; done
e2e_wait '町字'
e2e_key F4
e2e_wait '町字を選ぶ'
e2e_key Enter
e2e_wait '栄町一丁目（001001）'
fill '3番5号'
fill 'メゾン宝塚101'
e2e_key F10
e2e_wait '転入届 － 確認'
e2e_wait '確認結果'
e2e_screen | grep -q '届出日 *令和7年3月31日' || e2e_fail "the confirmation does not show the typed 届出日"
# the second person is on the next page of the confirmation
e2e_key NPage
e2e_wait '山田　花子'
e2e_key F10
# a 届出日 before today is confirmed before anything is written
e2e_wait '注意事項の確認'
e2e_screen | grep -q '処理日' || e2e_fail "the alert does not name the earlier 届出日"
[ "$(e2e_sql "SELECT count(*) FROM uketsuke")" = 0 ] || e2e_fail "written before the alert was confirmed"
e2e_key F2
e2e_wait '転入を受け付けました'
uk=$(e2e_sql "SELECT uketsuke_no FROM uketsuke WHERE workflow='tennyu'")
[ -n "$uk" ] || e2e_fail "no 受付 row"
e2e_wait "$uk"
[ "$(e2e_sql "SELECT count(*) FROM person p JOIN resident_history h USING(atena_no) WHERE h.uketsuke_no='$uk' AND p.state='current' AND h.addr_code='001001'")" = 2 ] ||
  e2e_fail "the two persons are not current residents at 001001"
[ "$(e2e_sql "SELECT count(DISTINCT setai_no) FROM resident_history WHERE uketsuke_no='$uk'")" = 1 ] ||
  e2e_fail "the two persons are not in one household"
[ "$(e2e_sql "SELECT alerts FROM uketsuke WHERE uketsuke_no='$uk'")" = chk_todoke_past ] ||
  e2e_fail "the confirmed alert is not on the 受付"
[ "$(e2e_sql "SELECT todoke_date FROM uketsuke WHERE uketsuke_no='$uk'")|$(e2e_sql "SELECT DISTINCT todoke_date FROM resident_history WHERE uketsuke_no='$uk'")" = '2025-03-31|2025-03-31' ] ||
  e2e_fail "the typed 届出日 is not the stored one"
[ "$(e2e_sql "SELECT zokugara FROM resident_history WHERE uketsuke_no='$uk' AND name='山田　花子'")" = 子 ] ||
  e2e_fail "続柄 not stored"
[ "$(e2e_sql "SELECT kojin_bango FROM resident_history WHERE uketsuke_no='$uk' AND name='山田　太郎'")" = 987654321018 ] ||
  e2e_fail "個人番号 not stored"
[ "$(e2e_sql "SELECT nenkin_kind || '|' || kiso_nenkin_no || '|' || kouki FROM resident_history WHERE uketsuke_no='$uk' AND name='山田　花子'")" = '第1号|1234567890|1' ] ||
  e2e_fail "国民年金 items / 後期高齢者医療 not stored as typed and normalised"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='commit' AND operator='clerk1' AND target='$uk' AND detail LIKE 'wf=tennyu % todoke=2025-03-31'")" = 1 ] ||
  e2e_fail "no commit row in the operation log"
e2e_key Enter
e2e_wait '業務メニュー'
e2e_logout_exit
echo "転入 of two persons committed with 受付番号 $uk"
