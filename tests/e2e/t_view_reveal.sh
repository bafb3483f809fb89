#!/bin/sh
# t_view_reveal.sh — a supervisor-approved 個人番号 reveal: F5 on the 住民票,
# a reason from the list, the supervisor's id and password; the number shows
# and is masked again by itself after reveal_seconds (3 here); a wrong
# password shows nothing. The log holds AUDIT_APPROVE and AUDIT_REVEAL
# (target 宛名番号, reason and approver) and never the number.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_conf reveal_seconds=3
e2e_registry
e2e_cli demo-seed --db "$E2E_DB" --residents 300 --seed 1 >/dev/null 2>&1 || e2e_fail "demo-seed failed"
e2e_operator clerk1 '窓口　太郎' clerk 'correct-horse-1'
e2e_operator sup1 '責任　花子' supervisor 'super-visor-pw-1'
atena=$(e2e_sql "SELECT p.atena_no FROM person p JOIN resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no WHERE p.state='current' AND h.kojin_bango IS NOT NULL AND h.birth NOT LIKE '%-00%' ORDER BY p.atena_no LIMIT 1")
row="FROM person p JOIN resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no WHERE p.atena_no='$atena'"
kana=$(e2e_sql "SELECT h.name_kana $row")
birth=$(e2e_sql "SELECT h.birth $row")
kojin=$(e2e_sql "SELECT h.kojin_bango $row")
shown=$(echo "$kojin" | sed 's/^\(....\)\(....\)\(....\)$/\1 \2 \3/')
e2e_start --today 2025-04-01
e2e_login clerk1 'correct-horse-1'
e2e_wait '業務メニュー'
e2e_key 4
e2e_wait '氏名（漢字かカナ）'
e2e_type "$kana"
e2e_key Enter Enter
e2e_type "$birth"
e2e_key F10
e2e_wait '検索結果'
e2e_key Enter
e2e_wait '****-****-****'
e2e_key F5
e2e_wait '表示する理由を選んでください'
e2e_key Enter
e2e_wait '責任者ID'
# A wrong password reveals nothing.
e2e_type sup1
e2e_key Enter
e2e_type 'wrong-password'
e2e_key F10
e2e_wait 'パスワードが違います'
e2e_absent "$shown"
e2e_type 'super-visor-pw-1'
e2e_key F10
e2e_wait "$shown" 10
e2e_wait 'あと'
e2e_gone "$shown" 15
e2e_wait '****-****-****'
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='reveal' AND operator='clerk1' AND target='$atena' AND detail='reason=identity_check approver=sup1'")" = 1 ] ||
  e2e_fail "the reveal is not logged"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='approve' AND operator='clerk1' AND target='sup1'")" = 1 ] ||
  e2e_fail "the approval is not logged"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE coalesce(detail,'') LIKE '%$kojin%' OR coalesce(target,'') LIKE '%$kojin%'")" = 0 ] ||
  e2e_fail "the 個人番号 is in the operation log"
echo "reveal approved by sup1, re-masked after 3 s, logged"
