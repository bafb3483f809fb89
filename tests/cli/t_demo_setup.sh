#!/bin/sh
# t_demo_setup.sh — `make demo`'s set-up without the TUI (scripts/demo.sh
# setup into a temporary folder): two registries with real codes and
# synthetic residents, demo mode, the four demo operators in each, the
# 特例転出 made in 津市 and its 転出証明書情報 delivered to 宝塚市 through the
# CS exchange (one of them past its deadline), demo configurations, and the
# five card profiles (private keys only in the run folder, mode 0600). When
# pcscd can be used, `selftest` starts pcscd + the emulator, reads the
# arriving resident's card and checks that every process it started is gone.
set -u
: "${MG_ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${BIN:=$MG_ROOT/bin}"
fail() { echo "FAIL: $*"; exit 1; }
[ -x "$BIN/madoguchi" ] && [ -x "$BIN/madoguchi-vcard" ] || { echo "binaries not built"; exit 77; }
[ -x "$BIN/mg_tokurei_prep" ] || { echo "tests/tools/mg_tokurei_prep not built"; exit 77; }
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 is not installed"; exit 77; }
RUN=$(mktemp -d /tmp/mg-demo-XXXXXX) || exit 1
trap 'rm -rf "$RUN"' EXIT
export MG_DEMO_RUN="$RUN/run" BIN
"$MG_ROOT/scripts/demo.sh" setup > "$RUN/setup.out" 2>&1 || { cat "$RUN/setup.out"; fail "demo.sh setup"; }
T=$MG_DEMO_RUN/takarazuka.db
S=$MG_DEMO_RUN/tsu.db
q() { sqlite3 -batch "$1" "$2"; }
[ "$(q "$T" "SELECT code || ' ' || name || ' ' || mode FROM municipality")" = "282146 宝塚市 demo" ] || fail "宝塚市 registry"
[ "$(q "$S" "SELECT code || ' ' || name || ' ' || mode FROM municipality")" = "242012 津市 demo" ] || fail "津市 registry"
for db in "$T" "$S"; do
  [ "$(q "$db" "SELECT count(*) FROM person WHERE state = 'current'")" -ge 300 ] || fail "residents in $db"
  [ "$(q "$db" "SELECT group_concat(id || ':' || role, ' ') FROM (SELECT id, role FROM operator ORDER BY id)")" = \
    "admin1:admin clerk1:clerk kiosk1:kiosk super1:supervisor" ] || fail "operators in $db"
done
# 津市: two 特例転出 to 宝塚市 (転出予定), one of them planned 40 days ago
[ "$(q "$S" "SELECT count(*) FROM resident_history h JOIN person p ON p.atena_no = h.atena_no AND p.rireki_no = h.rireki_no WHERE p.state = 'yotei' AND h.tokurei = 1 AND h.dest_muni_code = '282146'")" = 2 ] ||
  fail "the 特例転出 in 津市"
[ "$(q "$S" "SELECT count(*) FROM outbox")" = 0 ] || fail "津市 outbox not delivered"
# 宝塚市: both 転出証明書情報 received, with the arriving resident's 個人番号
arrive=$(sed -n 's/^mynumber=//p' "$MG_DEMO_RUN/arrive.txt")
late=$(sed -n 's/^mynumber=//p' "$MG_DEMO_RUN/late.txt")
[ -n "$arrive" ] && [ -n "$late" ] || fail "no resident chosen"
[ "$(q "$T" "SELECT count(*) FROM tokurei_inbox WHERE from_code = '242012' AND kojin_bango = '$arrive' AND consumed_by IS NULL")" = 1 ] ||
  fail "the arriving resident's 転出証明書情報 is not in 宝塚市"
[ "$(q "$T" "SELECT count(*) FROM tokurei_inbox WHERE kojin_bango = '$late' AND date(planned_date, '+30 days') < date('now', 'localtime')")" = 1 ] ||
  fail "the late resident's deadline has not passed"
# configurations and profiles
for c in tsu takarazuka; do
  grep -qx 'mode = demo' "$MG_DEMO_RUN/$c.conf" || fail "$c.conf mode"
  grep -q "^trust_store = $MG_DEMO_RUN/ca/trust.txt" "$MG_DEMO_RUN/$c.conf" || fail "$c.conf trust store"
done
for p in arrive late blocked expired tampered; do
  f=$MG_DEMO_RUN/cards/$p.profile
  [ -f "$f" ] || fail "profile $p"
  [ "$(stat -c %a "$f")" = 600 ] || fail "profile $p is not 0600"
done
grep -q "^mynumber=$arrive\$" "$MG_DEMO_RUN/cards/arrive.profile" || fail "arrive profile number"
grep -q '^kenhojo_pin_tries=0' "$MG_DEMO_RUN/cards/blocked.profile" || fail "blocked profile"
grep -q '^name=小林　健二' "$MG_DEMO_RUN/cards/tampered.profile" || fail "tampered profile"
# no profile (private keys) is tracked by git
if command -v git >/dev/null 2>&1 && git -C "$MG_ROOT" rev-parse >/dev/null 2>&1; then
  [ -z "$(git -C "$MG_ROOT" ls-files '*.profile')" ] || fail "a card profile is in git"
  git -C "$MG_ROOT" check-ignore -q demo/run/x || fail "demo/run is not ignored"
fi
# a second run the same day keeps the data ("make demo-kiosk on the same data")
"$MG_ROOT/scripts/demo.sh" setup > "$RUN/setup2.out" 2>&1 || fail "second setup"
grep -q "using today's demo data" "$RUN/setup2.out" || fail "second setup recreated the data"
# data made on another day is made again: the story is dated to its day (rv5 admin §12)
echo 2000-01-01 > "$MG_DEMO_RUN/ready"
"$MG_ROOT/scripts/demo.sh" setup > "$RUN/setup3.out" 2>&1 || { cat "$RUN/setup3.out"; fail "third setup"; }
grep -q 'made on another day (2000-01-01)' "$RUN/setup3.out" || fail "old data reused: $(cat "$RUN/setup3.out")"
[ "$(cat "$MG_DEMO_RUN/ready")" = "$(date +%F)" ] || fail "ready does not hold today"
[ "$(q "$T" "SELECT count(*) FROM tokurei_inbox WHERE kojin_bango = '$(sed -n 's/^mynumber=//p' "$MG_DEMO_RUN/arrive.txt")' AND consumed_by IS NULL")" = 1 ] ||
  fail "the remade 宝塚市 has no arriving resident"
# the processes (needs root for pcscd's socket folder)
if [ "$(id -u)" = 0 ] && command -v flock >/dev/null 2>&1 && [ -x /usr/sbin/pcscd ]; then
  "$MG_ROOT/scripts/demo.sh" selftest > "$RUN/selftest.out" 2>&1 || { cat "$RUN/selftest.out"; fail "selftest"; }
  for p in $(awk '{print $2}' "$MG_DEMO_RUN/stopped-pids"); do
    kill -0 "$p" 2>/dev/null && fail "process $p still runs after the demo"
  done
  [ -e "$MG_DEMO_RUN/pids" ] && fail "pids file left behind"
  echo "demo set-up, card read and stop ok"
else
  echo "demo set-up ok (processes not tested: needs root and pcscd)"
fi
