#!/bin/sh
# t_setai_ok.sh — 世帯主変更届 (法25) in the real TUI: on a seeded registry a
# clerk opens 世帯主変更 from the menu, a 世帯番号 with a wrong check digit is
# refused beside the field, the right one lists the couple (氏名, 生年月日 in
# 和暦, 続柄, the 世帯主 marked, no 個人番号). The wife becomes 世帯主 (F5), the
# husband her 夫; the change was on 2025-05-01 and is filed on 2025-06-02,
# past the 14 days of 法25: the confirmation shows the warning, F10 asks for
# the acknowledgement, Esc writes nothing, F2 commits. The screen shows the
# 受付番号; the registry has the new 世帯主, the 続柄, the 受付 with the
# acknowledged alert and the commit in the operation log.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
command -v sqlite3 >/dev/null 2>&1 || e2e_skip "sqlite3 is not installed (scripts/deps.sh)"

e2e_registry
e2e_cli demo-seed --db "$E2E_DB" --residents 300 --seed 1 >/dev/null 2>&1 || e2e_fail "demo-seed"
# A 世帯 of two: the 世帯主 and his 妻.
cur="FROM person p JOIN resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no"
setai=$(e2e_sql "SELECT p.setai_no $cur WHERE p.state='current' GROUP BY p.setai_no
  HAVING count(*)=2 AND sum(h.zokugara='世帯主')=1 AND sum(h.zokugara='妻')=1
  ORDER BY p.setai_no LIMIT 1")
[ -n "$setai" ] || e2e_fail "the seeded registry has no couple"
head=$(e2e_sql "SELECT p.atena_no $cur WHERE p.setai_no='$setai' AND h.zokugara='世帯主'")
wife=$(e2e_sql "SELECT p.atena_no $cur WHERE p.setai_no='$setai' AND h.zokugara='妻'")
head_name=$(e2e_sql "SELECT h.name $cur WHERE p.atena_no='$head'")
wife_name=$(e2e_sql "SELECT h.name $cur WHERE p.atena_no='$wife'")
[ "$(e2e_sql "SELECT head_atena FROM household WHERE setai_no='$setai'")" = "$head" ] ||
  e2e_fail "the 世帯 $setai is not headed by $head"
# The same number with its check digit off by one.
last=$(printf '%s' "$setai" | cut -c10)
bad=$(printf '%s' "$setai" | cut -c1-9)$(( (last + 1) % 10 ))

e2e_operator clerk1 '窓口　太郎' clerk 'correct-horse-1'
e2e_start --today 2025-06-02
e2e_login clerk1 'correct-horse-1'
e2e_menu 世帯主変更
e2e_wait '世帯主変更届（法25）'
e2e_wait '世帯番号を入力して Enter'
e2e_type "$bad"
e2e_key Enter
e2e_wait '世帯番号の桁数か検査数字が違います'
e2e_key C-u
e2e_type "$setai"
e2e_key Enter
e2e_wait "$wife_name"
e2e_wait "現在の世帯主 $head_name"
e2e_wait '* '"$head_name"
e2e_wait '妻'
for a in "$head" "$wife"; do
  e2e_absent "$(e2e_sql "SELECT h.kojin_bango $cur WHERE p.atena_no='$a'")"
done
# The wife is the new 世帯主, the husband her 夫; the change on 2025-05-01.
e2e_key Down F5
e2e_wait '← 新しい世帯主'
e2e_key Up
e2e_type '夫'
e2e_key Down Down
e2e_type '2025-05-01'
e2e_wait '令和7年5月1日'
e2e_key F10
e2e_wait '世帯主変更届 － 確認'
e2e_wait '【注意】'
e2e_wait "$head_name：世帯主 → 夫"
e2e_key F10
e2e_wait '注意事項の確認'
e2e_wait '14日を過ぎた届出です'
e2e_key Escape
e2e_gone '注意事項の確認'
[ "$(e2e_sql "SELECT head_atena FROM household WHERE setai_no='$setai'")" = "$head" ] ||
  e2e_fail "the 世帯主 changed without the acknowledgement"
[ "$(e2e_sql "SELECT count(*) FROM uketsuke WHERE workflow='setai_henko'")" = 0 ] ||
  e2e_fail "a 受付 was recorded without the acknowledgement"
e2e_key F10
e2e_wait '注意事項の確認'
e2e_key F2
e2e_wait '世帯主変更届 － 受付完了'
uk=$(e2e_sql "SELECT uketsuke_no FROM uketsuke WHERE workflow='setai_henko' AND alerts='chk_setai_late'")
[ -n "$uk" ] || e2e_fail "no 受付 with the acknowledged alert"
e2e_wait "受付番号 $uk"
[ "$(e2e_sql "SELECT head_atena FROM household WHERE setai_no='$setai'")" = "$wife" ] ||
  e2e_fail "the wife is not the 世帯主"
[ "$(e2e_sql "SELECT h.zokugara || '|' || h.head_name || '|' || h.idou_date $cur WHERE p.atena_no='$head'")" = "夫|$wife_name|2025-05-01" ] ||
  e2e_fail "the husband's row is not 夫 of the new 世帯主"
[ "$(e2e_sql "SELECT h.zokugara $cur WHERE p.atena_no='$wife'")" = 世帯主 ] ||
  e2e_fail "the wife's row does not say 世帯主"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='commit' AND operator='clerk1' AND target='$uk' AND detail LIKE 'wf=setai_henko %'")" = 1 ] ||
  e2e_fail "no commit row in the operation log"
e2e_key Enter
e2e_wait '業務メニュー'
e2e_logout_exit
echo "世帯主変更: $setai now headed by $wife ($uk)"
