# lab.sh — the card test harness: real pcscd + vpcd + madoguchi-vcard.
# Sourced (POSIX sh) by tests/card/t_*.sh and benchmarks:
#
#   . "$MG_ROOT/tests/card/lab.sh"
#   lab_profile alice --pin 1234            # $LAB_DIR/alice.profile (demo CA in $LAB_DIR/ca)
#   lab_profile bob --blocked
#   lab_start "$LAB_DIR/alice.profile" "$LAB_DIR/bob.profile"
#   ... opensc-tool -r "$LAB_READER" -s "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08" ...
#   lab_ctl remove | insert | swap bob | kill | pull-at N | pull-after N | garble-at N | status
#   lab_pcscd_stop; lab_pcscd_start
#   (lab_stop runs from the EXIT trap; call it yourself if you set your own trap)
#
# Environment: BIN (binaries, absolute) and MG_ROOT (repository), as set by
# tests/run-scripts.sh. Sets: LAB_DIR (temp folder, removed by lab_stop unless
# LAB_KEEP=1), LAB_READER ("Virtual PCD 00 00"), LAB_CTL (control socket),
# LAB_APDU_LOG (one line per C-APDU "> 00 A4 …" and R-APDU "< 90 00", PIN data
# as "**", power events as "# reset"), LAB_TRUST (demo trust store), LAB_CONF
# (a test configuration: mode test, trust_store = LAB_TRUST), LAB_CA,
# LAB_PCSCD_PID, LAB_VCARD_PID.
#
# pcscd's socket path is fixed, so only one pcscd can run on the machine:
# lab_start holds an exclusive flock on /tmp/madoguchi-pcscd.lock until
# lab_stop, starts its own `pcscd --foreground` and stops exactly the PIDs it
# started. Nothing is killed by name. Waiting is event-driven
# (`madoguchi-vcard wait`, SCardGetStatusChange) or short polls with a
# deadline; there are no fixed sleeps.

: "${MG_ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${BIN:=$MG_ROOT/bin}"
LAB_LOCK=/tmp/madoguchi-pcscd.lock
LAB_READER="Virtual PCD 00 00"
LAB_PORT=35963
LAB_VCARD="$BIN/madoguchi-vcard"
LAB_DIR=
LAB_PCSCD_PID=
LAB_VCARD_PID=
LAB_LOCKED=
LAB_VCARD_ARGS=

# lab_skip REASON — end the test as skipped (exit 77, reason on the last line).
lab_skip() {
  echo "$*"
  exit 77
}

# lab_init — create $LAB_DIR and install the cleanup trap (idempotent).
lab_init() {
  [ -n "$LAB_DIR" ] && return 0
  [ -x "$LAB_VCARD" ] || lab_skip "no $LAB_VCARD (build it first)"
  LAB_DIR=$(mktemp -d /tmp/mg-lab-XXXXXX) || exit 1
  LAB_CTL="$LAB_DIR/vcard.ctl"
  LAB_APDU_LOG="$LAB_DIR/apdu.log"
  LAB_CA="$LAB_DIR/ca"
  LAB_TRUST="$LAB_CA/trust.txt"
  LAB_CONF="$LAB_DIR/test.conf"
  trap 'lab_stop' EXIT
  trap 'exit 143' TERM
  trap 'exit 130' INT
  trap 'exit 129' HUP
  # output piped to a reader that left (| head): stop quietly, still cleaning up
  trap 'trap "" PIPE; exit 141' PIPE
}

# lab_ca — the demo CA of this run ($LAB_CA, $LAB_TRUST), created once.
lab_ca() {
  lab_init
  [ -f "$LAB_TRUST" ] && return 0
  "$LAB_VCARD" ca-init "$LAB_CA" >/dev/null 2>&1 || { echo "lab: ca-init failed"; return 1; }
  # The configuration of a test terminal ($LAB_CONF): mode test trusts the demo CA.
  printf 'mode = test\ntrust_store = %s\nallow_capture = 1\n' "$LAB_TRUST" > "$LAB_CONF"
}

# lab_profile NAME [profile-new options] — create $LAB_DIR/NAME.profile.
lab_profile() {
  _n=$1; shift
  lab_ca || return 1
  "$LAB_VCARD" profile-new --ca "$LAB_CA" --out "$LAB_DIR/$_n.profile" "$@" >/dev/null 2>"$LAB_DIR/profile-$_n.err" ||
    { echo "lab: profile-new $_n failed:"; cat "$LAB_DIR/profile-$_n.err"; return 1; }
}

# lab_deadline_poll SECONDS COMMAND... — run COMMAND every 20 ms until it succeeds.
lab_deadline_poll() {
  _secs=$1; shift
  _end=$(( $(date +%s) + _secs ))
  while ! "$@"; do
    [ "$(date +%s)" -ge "$_end" ] && return 1
    sleep 0.02
  done
}

# True when pcscd's socket exists and our pcscd is alive.
_lab_pcscd_ready() {
  kill -0 "$LAB_PCSCD_PID" 2>/dev/null || return 2
  [ -S /run/pcscd/pcscd.comm ]
}

# lab_pcscd_start — start pcscd in the foreground (needs the lock) and wait for its socket.
lab_pcscd_start() {
  [ -n "$LAB_LOCKED" ] || { echo "lab: pcscd needs lab_start's lock"; return 1; }
  command -v pcscd >/dev/null 2>&1 || [ -x /usr/sbin/pcscd ] || lab_skip "pcscd is not installed"
  _pcscd=$(command -v pcscd 2>/dev/null || echo /usr/sbin/pcscd)
  # a pid file left by a dead pcscd is cleaned up by pcscd itself; a live one is not ours
  if [ -f /run/pcscd/pcscd.pid ]; then
    _p=$(cat /run/pcscd/pcscd.pid 2>/dev/null)
    if [ -n "$_p" ] && kill -0 "$_p" 2>/dev/null; then
      if [ "$(cat /proc/"$_p"/comm 2>/dev/null)" = pcscd ]; then
        lab_skip "another pcscd (pid $_p) runs outside /tmp/madoguchi-pcscd.lock"
      fi
      rm -f /run/pcscd/pcscd.pid /run/pcscd/pcscd.comm   # PID reused by another process
    fi
  fi
  "$_pcscd" --foreground ${LAB_PCSCD_ARGS:-} >>"$LAB_DIR/pcscd.log" 2>&1 &
  LAB_PCSCD_PID=$!
  lab_deadline_poll 10 _lab_pcscd_ready || { echo "lab: pcscd did not start"; tail -n 20 "$LAB_DIR/pcscd.log"; return 1; }
}

# lab_pcscd_stop — stop our pcscd (SIGTERM) and wait for it.
lab_pcscd_stop() {
  [ -n "$LAB_PCSCD_PID" ] || return 0
  kill -TERM "$LAB_PCSCD_PID" 2>/dev/null
  wait "$LAB_PCSCD_PID" 2>/dev/null
  LAB_PCSCD_PID=
}

# lab_vcard_start PROFILE... — start the emulator (again) with the profiles.
lab_vcard_start() {
  [ $# -gt 0 ] || set -- $LAB_VCARD_ARGS
  LAB_VCARD_ARGS="$*"
  rm -f "$LAB_CTL"
  "$LAB_VCARD" serve --port "$LAB_PORT" --ctl "$LAB_CTL" --apdu-log "$LAB_APDU_LOG" "$@" \
    >>"$LAB_DIR/vcard.log" 2>&1 &
  LAB_VCARD_PID=$!
  lab_deadline_poll 10 test -S "$LAB_CTL" || { echo "lab: emulator did not start"; cat "$LAB_DIR/vcard.log"; return 1; }
}

# lab_vcard_stop — stop the emulator cleanly (SIGTERM) and wait for it.
lab_vcard_stop() {
  [ -n "$LAB_VCARD_PID" ] || return 0
  kill -TERM "$LAB_VCARD_PID" 2>/dev/null
  wait "$LAB_VCARD_PID" 2>/dev/null
  LAB_VCARD_PID=
}

# lab_wait present|absent [SECONDS] — wait until pcscd sees the card come or go.
lab_wait() {
  "$LAB_VCARD" wait "$1" --reader "$LAB_READER" --timeout "${2:-10}"
}

# lab_start PROFILE... — lock, start pcscd and the emulator, wait for the card.
lab_start() {
  lab_init
  command -v flock >/dev/null 2>&1 || lab_skip "flock is not installed"
  exec 8>>"$LAB_LOCK"
  flock -w 900 8 || { echo "lab: could not take $LAB_LOCK"; return 1; }
  LAB_LOCKED=1
  lab_pcscd_start || return 1
  lab_vcard_start "$@" || return 1
  lab_wait present 15 || { echo "lab: the card did not appear"; lab_dump; return 1; }
}

# Send one command to the control socket, printing the reply.
_lab_send() {
  "$LAB_VCARD" ctl "$LAB_CTL" "$@"
}

# lab_ctl remove|insert|swap NAME|kill|pull-at N|pull-after N|garble-at N|status — change the inserted card.
# remove/insert/swap/kill return once pcscd has seen the change. pull-at N: the
# N-th C-APDU from now is dropped unseen by the card, which is then removed;
# pull-after N: the card processes the N-th (counters change and are saved)
# and is removed before answering. Both print the reply line and return at
# once; wait with `lab_wait absent` and bring the card back with `lab_ctl insert`.
# garble-at N: the N-th is answered with one byte and the card stays in.
lab_ctl() {
  case $1 in
    remove) _lab_send remove >/dev/null && lab_wait absent ;;
    insert) _lab_send insert >/dev/null && lab_wait present ;;
    swap) _lab_send remove >/dev/null && lab_wait absent && _lab_send swap "$2" >/dev/null && lab_wait present ;;
    kill)
      [ -n "$LAB_VCARD_PID" ] || return 1
      kill -KILL "$LAB_VCARD_PID" 2>/dev/null
      wait "$LAB_VCARD_PID" 2>/dev/null
      LAB_VCARD_PID=
      if [ -n "$LAB_PCSCD_PID" ]; then lab_wait absent; fi ;;
    *) _lab_send "$@" ;;
  esac
}

# lab_read PIN — `madoguchi --lang en card read` with PIN (from a descriptor)
# on the lab's configuration: stdout in $LAB_DIR/out.txt, stderr in
# $LAB_DIR/err.txt, the exit code in rc.
lab_read() {
  printf '%s\n' "$1" > "$LAB_DIR/pin"
  "$BIN/madoguchi" --lang en card read --config "$LAB_CONF" --pin-fd 3 3<"$LAB_DIR/pin" \
    >"$LAB_DIR/out.txt" 2>"$LAB_DIR/err.txt"
  rc=$?
}

# lab_verify_index PIN — a clean read with PIN (lab_read); prints where its one
# PIN VERIFY is among the read's C-APDUs, or why not (and returns 1).
lab_verify_index() {
  : > "$LAB_APDU_LOG"
  lab_read "$1"
  [ "$rc" = 0 ] || { echo "exit $rc: $(cat "$LAB_DIR/err.txt")"; return 1; }
  _lab_i=$(lab_apdus | grep -n '^00 20 00 80 04 \*\*$' | cut -d: -f1)
  [ "$(printf '%s\n' "$_lab_i" | grep -c .)" = 1 ] ||
    { echo "want one PIN VERIFY in a read, got: $_lab_i"; return 1; }
  echo "$_lab_i"
}

# lab_apdus — the C-APDU lines of the APDU log (without the "> ").
lab_apdus() {
  sed -n 's/^> //p' "$LAB_APDU_LOG" 2>/dev/null
}

# lab_dump — print the logs (for a failing test).
lab_dump() {
  for _f in pcscd.log vcard.log apdu.log; do
    [ -f "$LAB_DIR/$_f" ] && { echo "---- $_f"; tail -n 40 "$LAB_DIR/$_f"; }
  done
}

# lab_stop — stop what we started, remove $LAB_DIR, release the lock (idempotent).
lab_stop() {
  lab_vcard_stop
  lab_pcscd_stop
  if [ -n "$LAB_LOCKED" ]; then
    exec 8>&-
    LAB_LOCKED=
  fi
  if [ -n "$LAB_DIR" ] && [ -z "${LAB_KEEP:-}" ]; then
    rm -rf "$LAB_DIR"
  fi
  LAB_DIR=
}
