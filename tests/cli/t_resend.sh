#!/bin/sh
# t_resend.sh — `madoguchi resend` (review rv5 L4; 標準仕様 7.1.1.1): 津市
# makes a 特例転出, 宝塚市 the 特例転入, and its 転入通知 is damaged in the
# exchange, so 津市 rejects it and keeps nothing of it. 宝塚市 sends it again
# by the id 津市 quotes: a new id, logged; after both deliver, 津市 has the
# notice. Usage errors exit 2; refusals (not our id, never sent, not a
# 転入通知, sent again already) exit 1, name the id and queue nothing;
# --force sends it once more.
set -eu
: "${BIN:?}"
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 is not installed"; exit 77; }
[ -x "$BIN/mg_tokurei_prep" ] || { echo "no $BIN/mg_tokurei_prep (build it first)"; exit 77; }
d=$(mktemp -d /tmp/mg-resend.XXXXXX)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
M="$BIN/madoguchi"
A="$d/tsu.db" B="$d/takarazuka.db" CS="$d/cs.db"
printf 'mode = test\nterminal_id = CLI-RS\nlang = en\n' > "$d/m.conf"
mg() { "$M" --config "$d/m.conf" --lang en "$@"; }
val() { sed -n "s/^$1=//p" "$d/$2"; }

mg init --db "$A" --municipality 242012 --name 津市 > /dev/null || fail "init 津市"
mg demo-seed --db "$A" --residents 300 --seed 1 > /dev/null || fail "demo-seed 津市"
"$BIN/mg_tokurei_prep" "$A" 2025-04-01 282146 2025-04-10 > "$d/prep" || fail "特例転出"
mg cs-init --cs "$CS" > /dev/null || fail "cs-init"
mg deliver --db "$A" --cs "$CS" --today 2025-04-01 > /dev/null || fail "deliver 津市"
mg init --db "$B" --municipality 282146 --name 宝塚市 > /dev/null || fail "init 宝塚市"
mg demo-seed --db "$B" --residents 1 --seed 7 > /dev/null || fail "demo-seed 宝塚市"
mg deliver --db "$B" --cs "$CS" --today 2025-04-12 > /dev/null || fail "deliver 宝塚市"
"$BIN/mg_tokurei_prep" tennyu "$B" 2025-04-12 "$(val mynumber prep)" 2025-04-10 > "$d/tennyu" ||
  fail "特例転入"
mg deliver --db "$B" --cs "$CS" --today 2025-04-12 > /dev/null || fail "deliver 宝塚市"
id=$(sqlite3 "$CS" "SELECT msg_id FROM message WHERE kind = 'tennyu_notice'")
[ -n "$id" ] || fail "no 転入通知 in the exchange"
sqlite3 "$CS" "UPDATE message SET payload = replace(payload, 'birth=', 'birth=9') WHERE msg_id = '$id'"
mg deliver --db "$A" --cs "$CS" --today 2025-04-12 > "$d/out" || fail "deliver 津市"
grep -q "1 not accepted" "$d/out" || fail "津市 did not reject the damaged notice: $(cat "$d/out")"
[ "$(sqlite3 "$A" "SELECT count(*) FROM notice_inbox")" = 0 ] || fail "a rejected notice was kept"

# expect STATUS PATTERN ARGS...: exit status and a message matching PATTERN;
# nothing queued at 宝塚市.
queued() { sqlite3 "$B" "SELECT count(*) FROM outbox"; }
expect() {
  want=$1 pat=$2; shift 2
  before=$(queued)
  st=0; mg resend "$@" > "$d/out" 2>&1 || st=$?
  [ "$st" = "$want" ] || fail "resend $*: exit $st, want $want: $(cat "$d/out")"
  grep -q -- "$pat" "$d/out" || fail "resend $*: no '$pat' in: $(cat "$d/out")"
  [ "$(queued)" = "$before" ] || fail "resend $*: a refused resend queued a message"
}
expect 2 '--msg-id is required' --db "$B"
expect 2 '--msg-id needs a value' --db "$B" --msg-id
expect 2 'is not a 宛名番号' --db "$B" --msg-id "$id" --atena 12x
expect 1 'is not a message id of this municipality' --db "$B" --msg-id 242012-000000001
expect 1 'No message 282146-999999999 was sent' --db "$B" --msg-id 282146-999999999
honnin=$(sqlite3 "$B" "SELECT msg_id FROM outbox_sent WHERE kind = 'honnin_update' LIMIT 1")
expect 1 "Message $honnin is not a 転入通知" --db "$B" --msg-id "$honnin"

# The resend: queued under a new id, logged against the old one.
mg resend --db "$B" --msg-id "$id" > "$d/out" 2>&1 || fail "resend: $(cat "$d/out")"
new=$(sqlite3 "$B" "SELECT msg_id FROM outbox WHERE kind = 'tennyu_notice'")
[ -n "$new" ] && [ "$new" != "$id" ] || fail "no new 転入通知 queued"
grep -q "The 転入通知 $id (宛名番号 $(val atena tennyu)) is queued again as $new for 242012" "$d/out" ||
  fail "resend message: $(cat "$d/out")"
[ "$(sqlite3 "$B" "SELECT count(*) FROM audit WHERE action = 'deliver' AND target = '$id' \
  AND detail LIKE 'resend as=$new %'")" = 1 ] || fail "the resend is not in the operation log"
expect 1 "Message $new has not been sent yet" --db "$B" --msg-id "$new"
# Once: a second resend of the same id needs --force (rv13dom L1).
expect 1 "Message $id was already sent again as $new" --db "$B" --msg-id "$id"
mg resend --db "$B" --msg-id "$id" --force > "$d/out" 2>&1 || fail "resend --force: $(cat "$d/out")"
[ "$(sqlite3 "$B" "SELECT count(*) FROM audit WHERE action = 'deliver' AND target = '$id' \
  AND detail LIKE 'resend as=%'")" = 2 ] || fail "the forced resend is not in the operation log"

mg deliver --db "$B" --cs "$CS" --today 2025-04-12 > /dev/null || fail "deliver 宝塚市"
mg deliver --db "$A" --cs "$CS" --today 2025-04-12 > "$d/out" || fail "deliver 津市"
[ "$(sqlite3 "$A" "SELECT count(*) FROM notice_inbox WHERE msg_id = '$new' AND \
  applied_by IS NULL")" = 1 ] || fail "津市 did not receive the resent notice: $(cat "$d/out")"
[ "$(sqlite3 "$A" "SELECT count(*) FROM notice_inbox WHERE applied_by IS NULL")" = 2 ] ||
  fail "津市 did not receive the forced copy: $(cat "$d/out")"
echo "a rejected 転入通知 sent again by its id, once unless forced; refusals queue nothing"
