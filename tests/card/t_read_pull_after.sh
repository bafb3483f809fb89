#!/bin/sh
# t_read_pull_after.sh — the reader's worst case: the card PROCESSES the VERIFY
# that carries a WRONG PIN (the attempt is counted and saved) and is pulled
# before its answer comes back (the emulator's `pull-after N`).
#   - `card read` ends with a clean transport error: exit 5, nothing on
#     stdout, a message on stderr, and no attempt count claimed (the reader's
#     count is unknown, -1: `card read` says the card may have counted the
#     attempt and prints no number);
#   - the attempt really was consumed: the profile's kenhojo_pin_tries 3 → 2;
#   - after `insert` the right PIN reads and shows 3 attempts left again.
# For contrast, `pull-at` on the same VERIFY drops it before the card sees it:
# the counter stays where it was.
set -u
. "$MG_ROOT/tests/card/lab.sh"
fail() { echo "FAIL: $*"; lab_dump; exit 1; }

lab_profile erin --pin 8642 || exit 1
lab_start "$LAB_DIR/erin.profile" || exit 1
prof=$LAB_DIR/erin.profile
out=$LAB_DIR/out.txt err=$LAB_DIR/err.txt

# the counter as saved in the profile file (the card is removed: no status)
profile_tries() { sed -n 's/^kenhojo_pin_tries=//p' "$prof"; }
status_tries() { lab_ctl status | sed -n 's/.*kenhojo_pin_tries=\([0-9-]*\).*/\1/p'; }
VERIFY_PIN='00 20 00 80 04 \*\*'

# where the VERIFY with the PIN sits in a clean read
idx=$(lab_verify_index 8642) || fail "clean read: $idx"
echo "the PIN VERIFY is APDU $idx of a read"
[ "$(profile_tries)" = 3 ] || fail "profile starts with $(profile_tries) tries, want 3"

# contrast: pull-at drops the wrong-PIN VERIFY unseen, nothing is counted
: > "$LAB_APDU_LOG"
lab_ctl pull-at "$idx" >/dev/null || fail "pull-at $idx"
lab_read 1357
[ $rc = 5 ] || { cat "$out" "$err"; fail "pull-at $idx: exit $rc, want 5"; }
# the reader cannot tell this from pull-after: it says the attempt may have counted
grep -q "the card may have counted an attempt" "$err" || fail "pull-at: no word that the attempt may have been counted"
lab_wait absent 5 || fail "card still present after pull-at $idx"
[ "$(profile_tries)" = 3 ] || fail "pull-at: profile tries $(profile_tries), want 3 (the card never saw the PIN)"
lab_ctl insert || fail "insert after pull-at"

# pull-after: the card processes the wrong PIN, the answer never comes back
: > "$LAB_APDU_LOG"
lab_ctl pull-after "$idx" >/dev/null || fail "pull-after $idx"
lab_read 1357
cat "$err"
[ $rc = 5 ] || { cat "$out"; fail "pull-after $idx: exit $rc, want 5"; }
[ -s "$out" ] && fail "pull-after $idx: data printed on stdout"
[ -s "$err" ] || fail "pull-after $idx: no message on stderr"
grep -q 'PIN attempts left: [0-9]' "$err" && fail "a count was claimed although none came back"
grep -q "the card may have counted an attempt" "$err" || fail "no word that the attempt may have been counted"
lab_wait absent 5 || fail "card still present after pull-after $idx"
# the emulator's side: it was that VERIFY, the card answered 63 C2, the answer was not sent
[ "$(lab_apdus | sed -n "${idx}p")" = "00 20 00 80 04 **" ] || fail "APDU $idx is $(lab_apdus | sed -n "${idx}p")"
[ "$(lab_apdus | grep -c "^$VERIFY_PIN\$")" = 1 ] || fail "the PIN was sent more than once"
[ "$(tail -n 3 "$LAB_APDU_LOG" | tr '\n' '|')" = "> 00 20 00 80 04 **|< 63 C2|# pulled (answer not sent)|" ] ||
  fail "last log lines: $(tail -n 3 "$LAB_APDU_LOG" | tr '\n' '|')"
lab_ctl status | grep -q ' inserted=no ' || fail "status after pull-after: $(lab_ctl status)"
# the attempt really was consumed, and saved
[ "$(profile_tries)" = 2 ] || fail "profile tries $(profile_tries) after the wrong PIN, want 2"

# back in: the card remembers, and the right PIN resets the counter
lab_ctl insert || fail "insert after pull-after"
[ "$(status_tries)" = 2 ] || fail "emulator tries $(status_tries) after insert, want 2"
lab_read 8642
[ $rc = 0 ] || { cat "$err"; fail "right PIN after the pull: exit $rc"; }
grep -q "^Authenticity: GENUINE" "$out" || fail "verdict after the pull"
grep -qx "PIN attempts left: 3" "$out" || fail "attempts left after the right PIN: $(grep 'attempts' "$out")"
[ "$(profile_tries)" = 3 ] || fail "profile tries $(profile_tries) after the right PIN, want 3"
echo "ok"
