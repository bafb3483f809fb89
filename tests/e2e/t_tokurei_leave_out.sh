#!/bin/sh
# t_tokurei_leave_out.sh — 特例転入 of a household where one member is not
# moving in now (法24の2②: the 世帯主 files only for the members moving with
# him). 津市's clerk makes a 特例転出 of a household whose 世帯主 holds a card
# (TUI, F8), both deliver; at 宝塚市 the head presents his card, and on the
# address page F6 on the youngest member's 続柄 row marks "今回は転入しない"
# (shown on the row and on the confirmation). After F10: the others are
# registered, the member left out is not, their 転出証明書情報 stays unconsumed
# and no 転入通知 goes to 津市 for them.
. "$MG_ROOT/tests/e2e/tokurei_lib.sh"
command -v sqlite3 >/dev/null 2>&1 || e2e_skip "sqlite3 is not installed (scripts/deps.sh)"
B="$E2E_DB"
sqa() { sqlite3 -batch "$A" "$1"; }

# 津市: a household of two or more current members whose head's card is valid.
E2E_DB="$A"
e2e_registry 242012 津市
e2e_cli demo-seed --db "$A" --residents 300 --seed 1 >/dev/null 2>&1 || e2e_fail "demo-seed 津市"
e2e_operator clerk1 '窓口　太郎' clerk 'correct-horse-1'
setai=$(sqa "SELECT hh.setai_no FROM household hh JOIN person p ON p.atena_no=hh.head_atena JOIN resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no WHERE p.state='current' AND h.kojin_bango<>'' AND h.card_expiry >= '2025-04-12' AND NOT EXISTS (SELECT 1 FROM person q WHERE q.setai_no=hh.setai_no AND q.state<>'current') AND (SELECT count(*) FROM person q WHERE q.setai_no=hh.setai_no) BETWEEN 2 AND 4 ORDER BY hh.setai_no LIMIT 1")
[ -n "$setai" ] || e2e_skip "no household of 2-4 with a card-holding head in the seed"
cur="FROM household hh JOIN person p ON p.atena_no=hh.head_atena JOIN resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no WHERE hh.setai_no='$setai'"
hname=$(sqa "SELECT h.name $cur")
hbirth=$(sqa "SELECT h.birth $cur")
haddr=$(sqa "SELECT h.addr_text $cur")
hsex=$(sqa "SELECT h.sex $cur")
hkojin=$(sqa "SELECT h.kojin_bango $cur")
nmemb=$(sqa "SELECT count(*) FROM person WHERE setai_no='$setai' AND state='current'")

# The 特例転出 at 津市, to 宝塚市, planned 2025-04-10.
e2e_start --today 2025-04-01
e2e_login clerk1 'correct-horse-1'
e2e_tokurei_tenshutsu "$setai" '兵庫県宝塚市栄町二丁目3番5号' 282146 2025-04-10
e2e_key Enter
e2e_wait '業務メニュー'
e2e_logout_exit 津市
e2e_tmux kill-session -t mg >/dev/null 2>&1
e2e_cli cs-init --cs "$CS" >/dev/null 2>&1 || e2e_fail "cs-init"
e2e_cli deliver --db "$A" --cs "$CS" --today 2025-04-01 >/dev/null 2>&1 || e2e_fail "deliver 津市"

# 宝塚市 receives the group.
E2E_DB="$B"
e2e_registry
e2e_cli demo-seed --db "$B" --residents 1 --seed 7 >/dev/null 2>&1 || e2e_fail "demo-seed 宝塚市"
e2e_cli deliver --db "$B" --cs "$CS" --today 2025-04-12 >/dev/null 2>&1 || e2e_fail "deliver 宝塚市"
[ "$(e2e_sql "SELECT count(*) FROM tokurei_inbox WHERE from_code='242012'")" = "$nmemb" ] ||
  e2e_fail "宝塚市 did not receive the group's 転出証明書情報"
# The member shown last (members follow the head by birth): the one left out.
last="FROM tokurei_inbox WHERE from_code='242012' AND is_head=0 ORDER BY birth DESC, msg_id DESC LIMIT 1"
lname=$(e2e_sql "SELECT name $last")
lmsg=$(e2e_sql "SELECT msg_id $last")
ljc=$(e2e_sql "SELECT juminhyo_code $last")
[ -n "$lmsg" ] || e2e_fail "no member row"

lab_profile resident --name "$hname" --address "$haddr" --birth "$(echo "$hbirth" | tr -d -)" \
  --sex "$hsex" --mynumber "$hkojin" --pin $PIN || e2e_fail "card profile"
start 2025-04-12
read_card
e2e_type 2025-04-10
e2e_key F10
e2e_wait '期限内'
e2e_wait "${nmemb}人"
e2e_key F10
end=$(( $(e2e_now) + E2E_DEADLINE ))
while ! e2e_screen | grep -qF '続柄（世帯主との関係）'; do
  if e2e_screen | grep -qF '警告の確認'; then e2e_key F2; fi
  e2e_screen | grep -qF '受け付けられません' && e2e_fail "特例転入 refused"
  [ "$(e2e_now)" -ge "$end" ] && e2e_fail "the address page did not open"
  sleep 0.1
done
e2e_wait '今回は転入しない'          # the key bar
e2e_key F4
e2e_wait '町字を選んでください'
e2e_key Enter
e2e_gone '町字を選んでください'
e2e_type '3番5号'
# F6 on the address form: it asks for a member's row.
e2e_key F6
e2e_wait 'Tab で移ってから F6'
# banchi → 方書 → 世帯番号 → the head's 続柄: F6 there is refused.
e2e_key Tab Tab Tab
e2e_key F6
e2e_wait '本人は「今回は転入しない」にできません'
e2e_absent '［今回は転入しない］'
# The last member's row.
n=1
while [ $n -lt "$nmemb" ]; do e2e_key Tab; n=$((n+1)); done
e2e_key F6
e2e_wait '［今回は転入しない］'
e2e_key F10
e2e_wait '内容をすべて確認したら'
e2e_wait '今回は転入しない人'
e2e_wait '［今回は転入しない］'
e2e_key F10
e2e_wait '特例転入を受け付けました'
uk=$(e2e_sql "SELECT uketsuke_no FROM uketsuke WHERE workflow='tokurei_tennyu'")
[ -n "$uk" ] || e2e_fail "no 受付 row"
e2e_wait "$uk"

moved=$((nmemb - 1))
[ "$(e2e_sql "SELECT count(*) FROM resident_history WHERE uketsuke_no='$uk'")" = "$moved" ] ||
  e2e_fail "not exactly the $moved members moving in were registered"
[ "$(e2e_sql "SELECT count(*) FROM resident_history WHERE juminhyo_code='$ljc'")" = 0 ] ||
  e2e_fail "the member left out ($lname) was registered"
[ "$(e2e_sql "SELECT count(*) FROM tokurei_inbox WHERE msg_id='$lmsg' AND consumed_by IS NULL")" = 1 ] ||
  e2e_fail "the 転出証明書情報 of the member left out was consumed"
[ "$(e2e_sql "SELECT count(*) FROM tokurei_inbox WHERE consumed_by='$uk'")" = "$moved" ] ||
  e2e_fail "the movers' 転出証明書情報 was not consumed"
[ "$(e2e_sql "SELECT count(*) FROM outbox WHERE uketsuke_no='$uk' AND kind='tennyu_notice' AND to_code='242012'")" = "$moved" ] ||
  e2e_fail "not one 転入通知 per mover"
[ "$(e2e_sql "SELECT count(*) FROM uketsuke WHERE uketsuke_no='$uk' AND (SELECT count(*) FROM household WHERE head_atena=(SELECT atena_no FROM resident_history WHERE uketsuke_no='$uk' AND kojin_bango='$hkojin')) = 1")" = 1 ] ||
  e2e_fail "the holder is not the head of the new 世帯"
e2e_key Enter
e2e_wait '業務メニュー'
e2e_logout_exit
echo "特例転入 of $moved of $nmemb; $lname left out, information kept"
