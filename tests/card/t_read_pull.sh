#!/bin/sh
# t_read_pull.sh — the card is pulled at every APDU index of a full read
# (the emulator's `pull-at N`): each read ends with a clean error (exit 5,
# nothing printed on stdout, a message on stderr), at most one VERIFY with
# the PIN is sent per read, and the next read works.
# pull-at drops the N-th command BEFORE the card processes it, and the PIN is
# right, so a VERIFY that reaches the card can only reset the counter: the
# final kenhojo_pin_tries=3 is a sanity check that no pull left the card's
# counter changed, not a proof that the reader loses no attempt. The risky
# case (a wrong PIN the card counted, whose answer never came back) is
# t_read_pull_after.sh.
set -u
. "$MG_ROOT/tests/card/lab.sh"
fail() { echo "FAIL: $*"; lab_dump; exit 1; }

lab_profile dan --pin 8642 || exit 1
lab_start "$LAB_DIR/dan.profile" || exit 1
MG="$BIN/madoguchi --lang en"
out=$LAB_DIR/out.txt err=$LAB_DIR/err.txt
printf '8642\n' > "$LAB_DIR/pin"
card_read() {
  $MG card read --config "$LAB_CONF" --pin-fd 3 3<"$LAB_DIR/pin" >"$out" 2>"$err"
}

: > "$LAB_APDU_LOG"
card_read || fail "clean read: exit $?"
total=$(lab_apdus | wc -l)
[ "$total" -ge 10 ] || fail "only $total APDUs in a read"
echo "a full read is $total APDUs"
n=1
while [ $n -le "$total" ]; do
  lab_ctl pull-at $n >/dev/null || fail "pull-at $n"
  : > "$LAB_APDU_LOG"
  card_read
  rc=$?
  [ $rc = 5 ] || { cat "$out" "$err"; fail "pulled at APDU $n: exit $rc, want 5"; }
  [ -s "$out" ] && fail "pulled at APDU $n: data printed"
  [ -s "$err" ] || fail "pulled at APDU $n: no message"
  v=$(lab_apdus | grep -c '^00 20 00 80 04 \*\*$')
  [ "$v" -le 1 ] || fail "pulled at APDU $n: $v PIN VERIFYs sent"
  # only a pull at the VERIFY itself leaves the count unknown, and says so
  lost=$(grep -c "the card may have counted an attempt" "$err")
  at_verify=0
  [ "$(lab_apdus | tail -n 1)" = "00 20 00 80 04 **" ] && at_verify=1
  [ "$lost" = "$at_verify" ] || fail "pulled at APDU $n: 'may have counted' said $lost times, want $at_verify"
  echo "APDU $n: $(cat "$err")"
  lab_wait absent 5 || fail "card still present after pull-at $n"
  lab_ctl insert || fail "re-insert after $n"
  n=$((n + 1))
done
tries=$(lab_ctl status | sed -n 's/.*kenhojo_pin_tries=\([0-9]*\).*/\1/p')
[ "$tries" = 3 ] || fail "attempts left $tries after the pulls, want 3"
card_read || fail "read after the pulls: exit $?"
grep -q "^Authenticity: GENUINE" "$out" || fail "verdict after the pulls"
echo "ok"
