#!/bin/sh
# t_search_view.sh — 住民検索 with 氏名 + 住所 → the result list → the 住民票:
# person, household with 続柄, history (F6), state 現存; the 個人番号 is
# masked and never on the screen. The search and the view are logged.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_registry
e2e_cli demo-seed --db "$E2E_DB" --residents 300 --seed 1 >/dev/null 2>&1 || e2e_fail "demo-seed failed"
e2e_operator clerk1 '窓口　太郎' clerk 'correct-horse-1'
# The head of the first household of the seed, with its town.
atena=$(e2e_sql "SELECT h.atena_no FROM household hh JOIN person p ON p.atena_no=hh.head_atena JOIN resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no WHERE p.state='current' AND h.kojin_bango IS NOT NULL ORDER BY hh.setai_no LIMIT 1")
name=$(e2e_sql "SELECT h.name FROM person p JOIN resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no WHERE p.atena_no='$atena'")
kana=$(e2e_sql "SELECT h.name_kana FROM person p JOIN resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no WHERE p.atena_no='$atena'")
town=$(e2e_sql "SELECT m.name FROM person p JOIN resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no JOIN machiaza m ON m.code=h.addr_code WHERE p.atena_no='$atena'")
kojin=$(e2e_sql "SELECT h.kojin_bango FROM person p JOIN resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no WHERE p.atena_no='$atena'")
[ -n "$kojin" ] || e2e_fail "no test person"
e2e_start --today 2025-04-01
e2e_login clerk1 'correct-horse-1'
e2e_wait '業務メニュー'
e2e_key 4
e2e_wait '氏名（漢字かカナ）'
e2e_type "${kana%%　*}"
e2e_key Enter
e2e_type "$town"
e2e_key F10
e2e_wait '検索結果'
e2e_wait "$name"
# choose the row of that person
row=$(e2e_screen | grep -n '^  ' | grep -F "$town" | grep -nF "$name" | head -n 1 | cut -d: -f1)
[ -n "$row" ] || e2e_fail "the person is not in the list"
n=1
while [ "$n" -lt "$row" ]; do e2e_key Down; n=$((n+1)); done
e2e_key Enter
e2e_wait '住民票'
e2e_wait "$name（$kana）"
e2e_wait '現存'
e2e_wait '****-****-****'
e2e_wait '世帯の構成'
e2e_wait '世帯主'
e2e_key F6
e2e_wait '履歴（F6で世帯）'
e2e_absent "$kojin"
e2e_absent "$(echo "$kojin" | sed 's/^\(....\)\(....\)\(....\)$/\1 \2 \3/')"
# (the 住民票 view; the household view is logged on its own row, household=…)
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='view' AND operator='clerk1' AND target='$atena' AND ifnull(detail,'') NOT LIKE 'household=%'")" = 1 ] ||
  e2e_fail "the view is not logged"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='search' AND operator='clerk1' AND detail LIKE 'criteria=name,address, count=%'")" = 1 ] ||
  e2e_fail "the search is not logged"
e2e_key Escape
e2e_wait '検索結果'
e2e_key Escape
e2e_wait '氏名（漢字かカナ）'
echo "search → list → 住民票 with the 個人番号 masked"
