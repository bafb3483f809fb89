#!/bin/sh
# t_kiosk_paper_long.sh — a kiosk 転入 application handed to the ordinary 転入
# (F6: the resident brought a paper 転出証明書) whose card name and address are
# longer than the 転入 form's fields used to be (120 / 240 bytes: a foreign
# resident's name in full-width letters, an address with a long 方書). The
# form used to clear such values silently; they now fill the form, and the
# commit stores them whole. The application row stands for what the kiosk
# wrote (the kiosk's own card read is t_kiosk_flow.sh / t_kiosk_pickup.sh).
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
TODAY=2025-06-02
e2e_registry
e2e_cli demo-seed --db "$E2E_DB" --residents 20 --seed 1 > /dev/null 2>&1 || e2e_fail "demo-seed failed"
e2e_operator clerk1 '山田　花子' clerk 'correct-horse-1'
# 55 full-width characters (165 bytes) and 96 characters (288 bytes: more
# than a form field held before, 255 bytes)
name='ＭＡＸＩＭＩＬＩＡＮＯ　ＧＯＮＺＡＬＥＺ　ＲＯＤＲＩＧＵＥＺ　ＤＥ　ＬＡ　ＳＡＮＴＩＳＩＭＡ　ＴＲＩＮＩＤＡＤ'
addr='三重県津市西丸之内二十三番一号津市西丸之内第一共同住宅管理組合所有集合住宅北棟東側階段上る三階三百十一号室に居住する世帯主の父方の叔母方の西丸之内第一共同住宅管理組合気付宝塚市への転入予定の者方'
[ "$(printf %s "$name" | wc -c)" -gt 120 ] && [ "$(printf %s "$addr" | wc -c)" -gt 240 ] ||
  e2e_fail "the test values are not longer than the old fields"
town=$(e2e_sql "SELECT code FROM machiaza ORDER BY code LIMIT 1")
e2e_sql "INSERT INTO kiosk_app (kiosk_no, kind, name, address, birth, sex, kojin_bango, card_expiry,
  verdict, move_date, addr_code, banchi, created_at, created_on, expires_on)
  VALUES ('K-0001', 'tennyu', '$name', '$addr', '1985-07-07', '1', '987654321018', '2030-07-07',
  0, '2025-06-01', '$town', '2番3号', '${TODAY}T09:00:00', '$TODAY', '2025-06-09')" ||
  e2e_fail "cannot write the application row"
e2e_start --today "$TODAY"
e2e_login clerk1 'correct-horse-1'
e2e_menu キオスク受付
e2e_wait 'K-0001'
e2e_key Enter
e2e_wait 'ＭＡＸＩＭＩＬＩＡＮＯ'
e2e_key F6
e2e_wait '従前の住所'
# a long value shows its end (the cursor is there)
e2e_wait '転入予定の者方'
e2e_wait 'ＴＲＩＮＩＤＡＤ'
# complete what the application cannot carry: 団体コード, フリガナ, 住民票コード
fill() { e2e_type "$1"; e2e_key Enter; }
e2e_key Enter                  # 従前の住所 (prefilled)
fill '242012'                  # 団体コード
e2e_key Enter Enter Enter      # 転入日 (prefilled), 届出日 (today), 氏名 (prefilled)
fill 'マキシミリアノ　ゴンサレス'
e2e_key Enter Enter Enter      # 生年月日, 性別, 続柄 (prefilled)
e2e_key Enter Enter Enter      # 本籍, 筆頭者 (none), 個人番号 (prefilled)
e2e_type '12345678901'         # 住民票コード
e2e_key F10
e2e_wait '転入届 － 確認'
e2e_wait '確認結果'
e2e_key F10
e2e_wait '転入を受け付けました'
got=$(e2e_sql "SELECT name || '|' || prev_address FROM resident_history WHERE kojin_bango='987654321018'")
[ "$got" = "$name|$addr" ] || e2e_fail "the card's name and address were not stored whole: $got"
echo "a kiosk application's long card name and address reached the 転入 whole"
