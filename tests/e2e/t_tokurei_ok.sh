#!/bin/sh
# t_tokurei_ok.sh — 特例転入 happy path across two registries and the CS:
# 津市 (242012) makes a 特例転出 of a card holder to 宝塚市 with the real
# workflow (tests/tools/mg_tokurei_prep), both deliver through one exchange
# file, and 宝塚市's clerk runs 特例転入 in the TUI with the resident's card in
# the emulator behind the real pcscd: card wait, PIN (masked), chip 4情報 and
# GENUINE, the deadline with each computed day in 和暦, the new address from
# the 町字 list, confirmation, F10, the 受付番号 and the card follow-ups.
# Then 宝塚市's registry holds the person, the 転出証明書情報 is consumed, the
# 転入通知 to 津市 waits in the outbox, and the operation log has the card
# read (verdict only) and the commit.
. "$MG_ROOT/tests/e2e/tokurei_lib.sh"

# 津市: card holders; one moves out with 特例 on 2025-04-01, planned 2025-04-10;
# 宝塚市 (a seed of one household whose ids do not meet 津市's) receives it.
setup 2025-04-12
[ "$(e2e_sql "SELECT count(*) FROM tokurei_inbox WHERE kojin_bango='$(val mynumber)'")" = 1 ] ||
  e2e_fail "宝塚市 did not receive the 転出証明書情報"
# The resident's card (the same 4情報 and 個人番号, signed by the lab's demo CA).
start 2025-04-12
e2e_wait '残り回数: 3回'
e2e_type $PIN
e2e_wait '****'
e2e_absent $PIN
e2e_key Enter
e2e_wait 'ICチップの情報'
e2e_wait '真正（信頼できる発行者'
e2e_wait "$(val name)"
e2e_wait '************'
e2e_absent "$(val mynumber)"
e2e_type 2025-04-10
e2e_key F10
e2e_wait '転出証明書情報'
e2e_wait '期限内'
e2e_wait '令和7年4月24日まで'       # min(4/10 + 30, 4/10 + 14)
e2e_wait '令和7年5月10日'           # 予定日 + 30
e2e_wait '津市（242012）'
e2e_key F10
# Any alert is acknowledged explicitly (F2); errors would stop here.
end=$(( $(e2e_now) + E2E_DEADLINE ))
while ! e2e_screen | grep -qF '続柄（世帯主との関係）'; do
  if e2e_screen | grep -qF '警告の確認'; then e2e_key F2; fi
  e2e_screen | grep -qF '受け付けられません' && e2e_fail "特例転入 refused"
  [ "$(e2e_now)" -ge "$end" ] && e2e_fail "the address page did not open"
  sleep 0.1
done
e2e_key F4
e2e_wait '町字を選んでください'
e2e_key Enter
e2e_gone '町字を選んでください'
e2e_type '3番5号'
e2e_key F10
e2e_wait '内容をすべて確認したら'
e2e_wait '3番5号'
e2e_wait '新しい世帯をつくる'
e2e_key F10
e2e_wait '特例転入を受け付けました'
uk=$(e2e_sql "SELECT uketsuke_no FROM uketsuke WHERE workflow='tokurei_tennyu'")
[ -n "$uk" ] || e2e_fail "no 受付 row"
e2e_wait "$uk"
e2e_wait '署名用電子証明書は住所の変更により失効しました'
e2e_wait '継続利用'

[ "$(e2e_sql "SELECT count(*) FROM person p JOIN resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no WHERE h.uketsuke_no='$uk' AND p.state='current' AND h.kojin_bango='$(val mynumber)' AND h.addr_text LIKE '%3番5号'")" = 1 ] ||
  e2e_fail "the person is not a current resident of 宝塚市"
[ "$(e2e_sql "SELECT count(*) FROM tokurei_inbox WHERE consumed_by='$uk'")" = 1 ] ||
  e2e_fail "the 転出証明書情報 was not consumed"
[ "$(e2e_sql "SELECT count(*) FROM outbox WHERE uketsuke_no='$uk' AND kind='tennyu_notice' AND to_code='242012'")" = 1 ] ||
  e2e_fail "no 転入通知 to 津市 in the outbox"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='commit' AND operator='clerk1' AND target='$uk' AND detail LIKE 'wf=tokurei_tennyu %'")" = 1 ] ||
  e2e_fail "no commit row in the operation log"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='card_read' AND operator='clerk1' AND detail LIKE 'result=genuine%'")" = 1 ] ||
  e2e_fail "no card_read row with the verdict"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE detail LIKE '%$PIN%' OR detail LIKE '%$(val mynumber)%'")" = 0 ] ||
  e2e_fail "the operation log holds the PIN or the 個人番号"
e2e_key Enter
e2e_wait '業務メニュー'
e2e_logout_exit
echo "特例転入 committed with 受付番号 $uk"
