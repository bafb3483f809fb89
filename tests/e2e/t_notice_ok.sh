#!/bin/sh
# t_notice_ok.sh — 転入通知受理 at the former municipality: 津市 makes a
# 特例転出 (tests/tools/mg_tokurei_prep), 宝塚市 receives the person (特例転入
# through the workflow) and its 転入通知 comes back through the CS. In 津市's
# TUI the clerk opens 転入通知受理: the notice is listed as pending with the
# person's name and 個人番号 masked; F5 applies it and the screen shows
# 転出確定 with the 宛名番号, the 消除日 in 和暦 and the 受付番号. The person is
# then a 除票 in 津市, the notice is marked applied, the commit is logged; the
# notice comes from another municipality than planned, so F5 first asks the
# clerk to confirm that alert (Esc applies nothing, F2 applies);
# applying it again and "apply all" with nothing pending say so. A second
# copy of the notice is then set aside (F7, 不受理) with its reason.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
[ -x "$BIN/mg_tokurei_prep" ] || e2e_skip "no $BIN/mg_tokurei_prep (build it first)"
B="$E2E_DIR/takarazuka.db"
CS="$E2E_DIR/cs.db"
val() { sed -n "s/^$1=//p" "$E2E_DIR/$2"; }

e2e_registry 242012 津市
e2e_cli demo-seed --db "$E2E_DB" --residents 300 --seed 1 >/dev/null 2>&1 || e2e_fail "demo-seed 津市"
"$BIN/mg_tokurei_prep" "$E2E_DB" 2025-04-01 282146 2025-04-10 > "$E2E_DIR/prep" ||
  e2e_fail "特例転出 at 津市 failed"
atena=$(val atena prep)
e2e_cli cs-init --cs "$CS" >/dev/null 2>&1 || e2e_fail "cs-init"
e2e_cli deliver --db "$E2E_DB" --cs "$CS" --today 2025-04-01 >/dev/null 2>&1 || e2e_fail "deliver 津市"
e2e_cli init --db "$B" --municipality 282146 --name 宝塚市 >/dev/null 2>&1 || e2e_fail "init 宝塚市"
e2e_cli demo-seed --db "$B" --residents 1 --seed 7 >/dev/null 2>&1 || e2e_fail "demo-seed 宝塚市"
e2e_cli deliver --db "$B" --cs "$CS" --today 2025-04-12 >/dev/null 2>&1 || e2e_fail "deliver 宝塚市"
"$BIN/mg_tokurei_prep" tennyu "$B" 2025-04-12 "$(val mynumber prep)" 2025-04-10 > "$E2E_DIR/tennyu" ||
  e2e_fail "特例転入 at 宝塚市 failed"
e2e_cli deliver --db "$B" --cs "$CS" --today 2025-04-12 >/dev/null 2>&1 || e2e_fail "deliver 宝塚市"
e2e_cli deliver --db "$E2E_DB" --cs "$CS" --today 2025-04-12 >/dev/null 2>&1 || e2e_fail "deliver 津市"
[ "$(e2e_sql "SELECT count(*) FROM notice_inbox WHERE applied_by IS NULL")" = 1 ] ||
  e2e_fail "津市 did not receive the 転入通知"
[ "$(e2e_sql "SELECT state FROM person WHERE atena_no='$atena'")" = yotei ] ||
  e2e_fail "the person is not 転出予定 before the notice"

# The resident went on elsewhere than planned: the notice comes from 大阪市.
command -v sqlite3 >/dev/null 2>&1 || e2e_skip "sqlite3 is not installed (scripts/deps.sh)"
sqlite3 "$E2E_DB" "UPDATE notice_inbox SET from_code='271004'" || e2e_fail "set the sender"

e2e_operator clerk1 '窓口　太郎' clerk 'correct-horse-1'
e2e_start --cs "$CS" --today 2025-04-12
e2e_login clerk1 'correct-horse-1'
e2e_wait '業務メニュー'
e2e_key 5
e2e_wait '転入通知受理'
e2e_wait '受信した転入通知: 1件（未処理 1件）'
e2e_wait "$(val name prep)"
e2e_wait '未処理'
e2e_wait '************'
e2e_absent "$(val mynumber prep)"
# F5: the sender is not the planned destination, so the clerk confirms first.
e2e_key F5
e2e_wait '注意事項の確認（F2 で確定）'
e2e_wait '転入通知は団体コード 271004 から届きましたが'
e2e_key Escape
e2e_gone '注意事項の確認（F2 で確定）'
[ "$(e2e_sql "SELECT state FROM person WHERE atena_no='$atena'")" = yotei ] ||
  e2e_fail "the notice was applied without the clerk's confirmation"
e2e_key F5
e2e_wait '注意事項の確認（F2 で確定）'
e2e_key F2
e2e_wait "転出確定: 宛名番号 $atena を転出予定から除票にしました"
e2e_wait '令和7年4月10日'
e2e_wait '（未処理 0件）'
uk=$(e2e_sql "SELECT applied_by FROM notice_inbox")
[ -n "$uk" ] || e2e_fail "the notice is not marked applied"
e2e_wait "$uk"
[ "$(e2e_sql "SELECT state FROM person WHERE atena_no='$atena'")" = jyohyo ] ||
  e2e_fail "the person is not a 除票 after the notice"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='commit' AND operator='clerk1' AND target='$uk' AND detail LIKE 'wf=tennyu_notice %'")" = 1 ] ||
  e2e_fail "no commit row in the operation log"
e2e_key F5
e2e_wait 'この通知は処理済みです'
e2e_key F6
e2e_wait '未処理の転入通知はありません'
e2e_key Escape
e2e_wait '業務メニュー'
# A second copy of the notice arrives (a resend): it can never be applied.
# F7 sets it aside (不受理) after a question, with its reason and a 受付番号.
sqlite3 "$E2E_DB" "INSERT INTO notice_inbox (msg_id, from_code, from_name, received_at,
  juminhyo_code, kojin_bango, name, birth, sex, new_address, tennyu_date, notice_date)
  SELECT msg_id || '9', from_code, from_name, received_at, juminhyo_code, kojin_bango, name,
  birth, sex, new_address, tennyu_date, notice_date FROM notice_inbox" || e2e_fail "add a copy"
e2e_key 5
e2e_wait '受信した転入通知: 2件（未処理 1件）'
e2e_key Down
e2e_key F7
e2e_wait '受理しない扱い（不受理）にします'
e2e_key Escape
e2e_gone '受理しない扱い（不受理）にします'
[ "$(e2e_sql "SELECT count(*) FROM notice_inbox WHERE applied_by IS NULL")" = 1 ] ||
  e2e_fail "the copy was set aside without the clerk's answer"
e2e_key F7
e2e_wait '受理しない扱い（不受理）にします'
e2e_key F2
e2e_wait '不受理にしました（受付番号'
e2e_wait '転出確定済み（二重の通知）'
e2e_wait '（未処理 0件）'
e2e_wait '不受理'
[ "$(e2e_sql "SELECT count(*) FROM notice_inbox WHERE declined='already' AND applied_by LIKE '%-%'")" = 1 ] ||
  e2e_fail "the copy is not recorded as set aside"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='commit' AND operator='clerk1' AND detail LIKE 'wf=tennyu_notice_declined %why=already atena=$atena'")" = 1 ] ||
  e2e_fail "no commit row for the set-aside notice"
e2e_key Escape
e2e_wait '業務メニュー'
e2e_logout_exit
echo "転入通知 applied: $atena is 転出確定 ($uk)"
