#!/bin/sh
# t_search_refused.sh — a search with one criterion (氏名 only; 性別 does not
# count) is refused with the policy's text and no result list; the refusal
# is logged (criteria kinds only, never the typed name).
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_registry
e2e_cli demo-seed --db "$E2E_DB" --residents 300 --seed 1 >/dev/null 2>&1 || e2e_fail "demo-seed failed"
e2e_operator clerk1 '窓口　太郎' clerk 'correct-horse-1'
e2e_start --today 2025-04-01
e2e_login clerk1 'correct-horse-1'
e2e_wait '業務メニュー'
e2e_key 4
e2e_wait '氏名（漢字かカナ）'
e2e_type 'ヤマグチ'
e2e_key Enter Enter Enter
e2e_type '2'
e2e_key F10
e2e_wait '2つ以上を入力してください'
e2e_screen | grep -qF '山口' && e2e_fail "a resident is listed after a refused search"
e2e_screen | grep -qF '検索結果' && e2e_fail "the result page opened"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='search' AND operator='clerk1' AND detail LIKE 'criteria=name,sex, %result=refused%'")" = 1 ] ||
  e2e_fail "the refused search is not logged"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE detail LIKE '%ヤマグチ%'")" = 0 ] ||
  e2e_fail "the typed name is in the operation log"
echo "one-criterion search refused and logged"
