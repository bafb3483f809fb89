#!/bin/sh
# t_read_pin.sh — wrong PIN: attempts fall 3 → 2 → 1; with one attempt left
# the PIN is not sent without --last-try (exit 3, no VERIFY in the emulator's
# log); the confirmed last wrong attempt blocks (exit 4); a blocked card gets
# no VERIFY at all; a right PIN resets the counter.
set -u
. "$MG_ROOT/tests/card/lab.sh"
fail() { echo "FAIL: $*"; lab_dump; exit 1; }

lab_profile bob --pin 2468 || exit 1
lab_profile blocked --blocked || exit 1
lab_profile carol --pin 1111 --tries 2 || exit 1
lab_start "$LAB_DIR/bob.profile" "$LAB_DIR/blocked.profile" "$LAB_DIR/carol.profile" || exit 1
MG="$BIN/madoguchi --lang en"
out=$LAB_DIR/out.txt err=$LAB_DIR/err.txt

# read PIN [flags...] — run card read, set rc; output in $out/$err
read_pin() {
  _p=$1; shift
  : > "$LAB_APDU_LOG"
  printf '%s\n' "$_p" > "$LAB_DIR/pin"
  $MG card read --config "$LAB_CONF" --pin-fd 3 "$@" 3<"$LAB_DIR/pin" >"$out" 2>"$err"
  rc=$?
  cat "$err"
}
verifies() { grep -c '^> 00 20 00 80 04' "$LAB_APDU_LOG"; }
tries() { lab_ctl status | sed -n 's/.*kenhojo_pin_tries=\([0-9]*\).*/\1/p'; }

for left in 2 1; do
  read_pin 1357
  [ $rc = 3 ] || fail "wrong PIN: exit $rc, want 3"
  grep -qx "PIN attempts left: $left" "$err" || fail "attempts left $left"
  [ "$(verifies)" = 1 ] || fail "one VERIFY per read"
  [ -s "$out" ] && fail "data printed after a wrong PIN"
  [ "$(tries)" = $left ] || fail "emulator counter $(tries), want $left"
done
# one attempt left: refused without the flag, nothing sent
read_pin 2468
[ $rc = 3 ] || fail "last try without flag: exit $rc, want 3"
grep -q "Only one attempt is left" "$err" || fail "last-try message"
[ "$(verifies)" = 0 ] || fail "a VERIFY was sent without --last-try"
grep -q '^> 00 20 00 80$' "$LAB_APDU_LOG" || fail "the retry query was not sent"
[ "$(tries)" = 1 ] || fail "counter changed"
# the confirmed last attempt, wrong: blocked
read_pin 1357 --last-try
[ $rc = 4 ] || fail "blocking attempt: exit $rc, want 4"
grep -qx "PIN attempts left: 0" "$err" || fail "0 attempts left"
[ "$(tries)" = 0 ] || fail "emulator not blocked"
# blocked: no VERIFY, even with the right PIN and the flag
read_pin 2468 --last-try
[ $rc = 4 ] || fail "blocked card: exit $rc, want 4"
[ "$(verifies)" = 0 ] || fail "VERIFY sent to a blocked key"
grep -q '^< 63 C0' "$LAB_APDU_LOG" || fail "query answer 63C0 not seen"

# a card blocked at issuance (profile --blocked)
lab_ctl swap blocked || fail "swap"
read_pin 1234 --last-try
[ $rc = 4 ] || fail "--blocked profile: exit $rc, want 4"
[ "$(verifies)" = 0 ] || fail "VERIFY sent to the blocked profile"

# a right PIN resets the counter (a profile with 2 tries left)
lab_ctl swap carol || fail "swap carol"
[ "$(tries)" = 2 ] || fail "carol starts with 2 tries"
read_pin 1111
[ $rc = 0 ] || fail "right PIN: exit $rc"
grep -qx "PIN attempts left: 3" "$out" || fail "counter reset to 3"
[ "$(tries)" = 3 ] || fail "emulator counter not reset"
echo "ok"
