#!/bin/sh
# demo.sh — the two-municipality demo (issue 7; walkthrough in docs/demo.md).
#
#   scripts/demo.sh [counter]   set up (once) and open the counter TUI of 宝塚市
#   scripts/demo.sh kiosk       set up (once) and open the kiosk of 宝塚市
#   scripts/demo.sh setup       only create the data in demo/run (no processes)
#   scripts/demo.sh selftest    set up, start pcscd + the card emulator, read the
#                               arriving resident's card, stop everything (no TUI)
#   scripts/demo.sh reset       remove demo/run (then run again)
#
# `make demo` / `make demo-kiosk` install the packages (scripts/deps.sh) and
# build first; this script expects the binaries in $BIN (default bin/).
#
# The story, in demo/run/ (gitignored; MG_DEMO_RUN moves it):
#   tsu.db          津市 (242012): synthetic residents; two of them made a
#                   特例転出 to 宝塚市 through the real workflow
#                   (tests/tools/mg_tokurei_prep: tenshutsu_commit), one of
#                   them long ago (its 特例転入 deadline has passed)
#   takarazuka.db   宝塚市 (282146): synthetic residents; the 転出証明書情報
#                   of both has arrived through the CS exchange (cs.db,
#                   created by `madoguchi cs-init`; deliver never creates it)
#   cards/*.profile the card profiles (private keys: never committed):
#                   arrive (the resident arriving from 津市, PIN 1234),
#                   late (the one whose deadline passed, PIN 1234),
#                   blocked (PIN blocked), expired (expired card),
#                   tampered (chip 4情報 changed after signing)
#   ca/             the demo CA (trusted only because mode = demo)
#   *.conf          mode = demo, the demo CA as trust store, allow_capture = 0
#   pids            the PIDs this script started (pcscd, madoguchi-vcard)
# Operators of both cities (passwords in docs/demo.md):
#   clerk1 / demo-clerk-01, super1 / demo-super-01, admin1 / demo-admin-01,
#   kiosk1 / demo-kiosk-01.
# Leaving the TUI (or Ctrl-C here) stops every process the script started,
# by PID. Nothing is killed by name.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$ROOT/bin}
RUN=${MG_DEMO_RUN:-$ROOT/demo/run}
MG="$BIN/madoguchi"
VCARD="$BIN/madoguchi-vcard"
PREP="$BIN/mg_tokurei_prep"
LOCK=/tmp/madoguchi-pcscd.lock
PORT=35963
READER="Virtual PCD 00 00"
TODAY=$(date +%F)
STARTED_PCSCD=
STARTED_VCARD=

say() { printf '%s\n' "demo: $*"; }
die() { printf '%s\n' "demo: $*" >&2; exit 1; }

# days_ago N — the ISO date N days before today.
days_ago() { date -d "$TODAY - $1 days" +%F; }

# conf NAME CODE — the configuration of one city.
conf() {
  cat > "$RUN/$1.conf" <<EOF
# demo configuration of $1 ($2), written by scripts/demo.sh
mode = demo
db_path = $RUN/$1.db
cs_path = $RUN/cs.db
log_file = $RUN/$1.log
trust_store = $RUN/ca/trust.txt
terminal_id = DEMO-$2
allow_capture = 0
reader = $READER
lang = ja
EOF
}

# city NAME CODE KANJI RESIDENTS SEED — registry, residents, operators.
city() {
  c="$RUN/$1.conf"
  db="$RUN/$1.db"
  conf "$1" "$2"
  "$MG" --config "$c" init --db "$db" --municipality "$2" --name "$3" >/dev/null
  "$MG" --config "$c" demo-seed --db "$db" --residents "$4" --seed "$5" >/dev/null
  for op in "clerk1 窓口　一郎 clerk demo-clerk-01" "super1 監督　花子 supervisor demo-super-01" \
            "admin1 管理　三郎 admin demo-admin-01" "kiosk1 キオスク　一号 kiosk demo-kiosk-01"; do
    set -- $op
    printf '%s\n' "$4" > "$RUN/pw"
    "$MG" --config "$c" operator add --db "$db" --id "$1" --name "$2" --role "$3" \
      --password-fd 3 3< "$RUN/pw" >/dev/null || { rm -f "$RUN/pw"; die "operator add $1"; }
    rm -f "$RUN/pw"
  done
}

# field KEY FILE — a value of mg_tokurei_prep's output.
field() { sed -n "s/^$1=//p" "$2"; }

# card NAME PREP_OUTPUT [profile-new options] — a card profile for a resident.
card() {
  n=$1; f=$2; shift 2
  "$VCARD" profile-new --ca "$RUN/ca" --out "$RUN/cards/$n.profile" \
    --name "$(field name "$f")" --address "$(field address "$f")" --birth "$(field birth "$f")" \
    --sex "$(field sex "$f")" --mynumber "$(field mynumber "$f")" --pin 1234 "$@" >/dev/null 2>>"$RUN/setup.log"
}

setup() {
  # The story is dated to the day it was made (the arriving resident's planned
  # date, the 30 days a 転出証明書情報 is kept): data from an earlier day no
  # longer shows what the walkthrough says, so it is made again.
  # Cards made before the emulator had a presence key (EF0007) no longer
  # read as genuine: they are made again too.
  if [ -f "$RUN/ready" ]; then
    if [ "$(cat "$RUN/ready")" = "$TODAY" ] && grep -q '^ef0007=' "$RUN/cards/arrive.profile" 2>/dev/null; then
      say "using today's demo data in $RUN (scripts/demo.sh reset to start over)"
      return 0
    fi
    say "the demo data in $RUN was made on another day ($(cat "$RUN/ready")) or by an older emulator: making it again for $TODAY"
  fi
  for b in "$MG" "$VCARD" "$PREP"; do
    [ -x "$b" ] || die "$b is missing: run make demo (or make all) first"
  done
  rm -rf "$RUN"
  mkdir -p "$RUN/cards"
  chmod 700 "$RUN" "$RUN/cards"
  say "creating 津市 (242012) and 宝塚市 (282146) with synthetic residents"
  city tsu 242012 津市 400 7
  city takarazuka 282146 宝塚市 400 1
  "$VCARD" ca-init "$RUN/ca" >/dev/null 2>>"$RUN/setup.log"
  # The resident whose deadline has passed: a 特例転出 planned 40 days ago.
  "$PREP" "$RUN/tsu.db" "$(days_ago 45)" 282146 "$(days_ago 40)" > "$RUN/late.txt" ||
    die "特例転出 (late) failed"
  # The arriving resident: a 特例転出 planned for today.
  "$PREP" "$RUN/tsu.db" "$(days_ago 3)" 282146 "$TODAY" > "$RUN/arrive.txt" ||
    die "特例転出 (arrive) failed"
  say "creating the CS exchange and delivering through it: 津市 → CS → 宝塚市"
  # Delivery never creates the exchange (a misspelt path must not swallow the
  # outbox): it is set up once, explicitly.
  "$MG" --config "$RUN/tsu.conf" cs-init --cs "$RUN/cs.db" >/dev/null
  "$MG" --config "$RUN/tsu.conf" deliver --db "$RUN/tsu.db" --cs "$RUN/cs.db" >/dev/null
  "$MG" --config "$RUN/takarazuka.conf" deliver --db "$RUN/takarazuka.db" --cs "$RUN/cs.db" >/dev/null
  say "making the card profiles"
  card arrive "$RUN/arrive.txt"
  card late "$RUN/late.txt"
  "$VCARD" profile-new --ca "$RUN/ca" --out "$RUN/cards/blocked.profile" --name "田中　三郎" \
    --address "兵庫県宝塚市栄町一丁目１番１号" --birth 19700707 --sex 1 --mynumber 123456789018 \
    --blocked >/dev/null 2>>"$RUN/setup.log"
  "$VCARD" profile-new --ca "$RUN/ca" --out "$RUN/cards/expired.profile" --name "中村　恵子" \
    --address "三重県津市丸之内１番１号" --birth 19620303 --sex 2 --mynumber 987654321093 \
    --pin 1234 --expired >/dev/null 2>>"$RUN/setup.log"
  "$VCARD" profile-new --ca "$RUN/ca" --out "$RUN/cards/tampered.profile" --name "小林　健" \
    --address "三重県津市丸之内２番２号" --birth 19881212 --sex 1 --mynumber 111111111118 \
    --pin 1234 >/dev/null 2>>"$RUN/setup.log"
  # Change the chip's 4情報 without re-signing: the verdict is "not genuine".
  "$VCARD" profile-edit "$RUN/cards/tampered.profile" "name=小林　健二" >/dev/null 2>>"$RUN/setup.log"
  printf '%s\n' "$TODAY" > "$RUN/ready"
  say "ready: arriving resident $(field name "$RUN/arrive.txt"), late resident $(field name "$RUN/late.txt")"
}

# stop_all — stop what this script started, by PID (comm checked first).
stop_all() {
  for p in $STARTED_VCARD $STARTED_PCSCD; do
    if kill -0 "$p" 2>/dev/null; then
      kill -TERM "$p" 2>/dev/null || true
      wait "$p" 2>/dev/null || true
    fi
  done
  STARTED_VCARD=
  STARTED_PCSCD=
  rm -f "$RUN/pids"
}

# ready_pcscd — pcscd's socket exists and our pcscd (if any) lives.
ready_pcscd() {
  [ -z "$STARTED_PCSCD" ] || kill -0 "$STARTED_PCSCD" 2>/dev/null || return 1
  [ -S /run/pcscd/pcscd.comm ]
}

# poll SECONDS CMD... — run CMD every 50 ms until it succeeds.
poll() {
  s=$1; shift
  end=$(( $(date +%s) + s ))
  until "$@"; do
    [ "$(date +%s)" -ge "$end" ] && return 1
    sleep 0.05
  done
}

# start_lab — pcscd (unless one already serves) and the emulator with every profile.
start_lab() {
  command -v flock >/dev/null 2>&1 || die "flock is missing (util-linux)"
  exec 8>>"$LOCK"
  flock -w 60 8 || die "another demo or card test holds $LOCK"
  trap 'stop_all' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  if [ -S /run/pcscd/pcscd.comm ] && [ -f /run/pcscd/pcscd.pid ] &&
     kill -0 "$(cat /run/pcscd/pcscd.pid)" 2>/dev/null; then
    say "using the running pcscd (pid $(cat /run/pcscd/pcscd.pid))"
  else
    pcscd=$(command -v pcscd 2>/dev/null || echo /usr/sbin/pcscd)
    [ -x "$pcscd" ] || die "pcscd is missing (scripts/deps.sh)"
    "$pcscd" --foreground >>"$RUN/pcscd.log" 2>&1 &
    STARTED_PCSCD=$!
    echo "pcscd $STARTED_PCSCD" >> "$RUN/pids"
    poll 10 ready_pcscd || die "pcscd did not start (see $RUN/pcscd.log)"
  fi
  rm -f "$RUN/vcard.ctl"
  "$VCARD" serve --port "$PORT" --ctl "$RUN/vcard.ctl" "$RUN/cards/arrive.profile" \
    "$RUN/cards/late.profile" "$RUN/cards/blocked.profile" "$RUN/cards/expired.profile" \
    "$RUN/cards/tampered.profile" >>"$RUN/vcard.log" 2>&1 &
  STARTED_VCARD=$!
  echo "madoguchi-vcard $STARTED_VCARD" >> "$RUN/pids"
  poll 10 test -S "$RUN/vcard.ctl" || die "the card emulator did not start (see $RUN/vcard.log)"
  "$VCARD" wait present --reader "$READER" --timeout 15 >/dev/null ||
    die "the card did not appear in $READER"
  say "card reader ready: swap cards with  $VCARD ctl $RUN/vcard.ctl swap arrive|late|blocked|expired|tampered"
}

case "${1:-counter}" in
  setup)
    setup ;;
  reset)
    rm -rf "$RUN"; say "removed $RUN" ;;
  counter|kiosk)
    setup
    start_lab
    if [ "${1:-counter}" = kiosk ]; then
      say "opening the kiosk of 宝塚市 (kiosk1 / demo-kiosk-01; F11 + admin1 / demo-admin-01 ends it)"
      "$MG" --config "$RUN/takarazuka.conf" kiosk || true
    else
      say "opening the counter of 宝塚市 (clerk1 / demo-clerk-01)"
      "$MG" --config "$RUN/takarazuka.conf" || true
    fi
    stop_all
    say "stopped everything the demo started" ;;
  selftest)
    setup
    start_lab
    printf '1234\n' > "$RUN/pin"
    "$MG" --config "$RUN/takarazuka.conf" card read --pin-fd 3 3< "$RUN/pin" > "$RUN/selftest.out" 2>&1 ||
      { rm -f "$RUN/pin"; cat "$RUN/selftest.out"; die "reading the arriving resident's card failed"; }
    rm -f "$RUN/pin"
    grep -q "$(field name "$RUN/arrive.txt")" "$RUN/selftest.out" || die "the card shows another name"
    pids=$(cat "$RUN/pids")
    stop_all
    echo "$pids" > "$RUN/stopped-pids"
    say "selftest ok (card read, processes stopped)" ;;
  *)
    echo "usage: scripts/demo.sh [counter|kiosk|setup|selftest|reset]" >&2; exit 2 ;;
esac
