#!/bin/sh
# t_card_events.sh — what the kiosk's "same card" check stands on
# (card_pcsc_card_events, rv18kiosk 3), against the real pcscd: pcscd counts
# every insertion and removal of a card in the reader, a swap is two of them,
# and our own reads (a PIN VERIFY, the reset at the end) and another client's
# connect and reset are none.
set -u
. "$MG_ROOT/tests/card/lab.sh"
fail() { echo "FAIL: $*"; lab_dump; exit 1; }

lab_profile ann --pin 1234 || exit 1
lab_profile ben --pin 5678 || exit 1
lab_start "$LAB_DIR/ann.profile" "$LAB_DIR/ben.profile" || exit 1

# events — "COUNT PRESENT" of the lab reader
events() {
  "$BIN/card_probe" --reader "$LAB_READER" events > "$LAB_DIR/ev.txt" || {
    cat "$LAB_DIR/ev.txt"; return 1; }
  echo "$(sed -n 's/^events=//p' "$LAB_DIR/ev.txt") $(sed -n 's/^present=//p' "$LAB_DIR/ev.txt")"
}
# expect WHAT COUNT PRESENT
expect() {
  got=$(events) || fail "$1: card_probe events failed: $got"
  [ "$got" = "$2 $3" ] || fail "$1: events/present '$got', wanted '$2 $3'"
}

n0=$(events) || fail "card_probe events: $n0"
n0=${n0% *}
expect "inserted" "$n0" 1
lab_read 1234
[ "$rc" = 0 ] || fail "read: exit $rc: $(cat "$LAB_DIR/err.txt")"
grep -q '# reset' "$LAB_APDU_LOG" || fail "the read did not end with a reset"
expect "after a read with the PIN and its reset" "$n0" 1
"$BIN/card_probe" apdu 00A4040C0AD3921000310001010408 > /dev/null || fail "second client"
expect "after another client's connect and reset" "$n0" 1
lab_ctl swap ben || fail "swap"
expect "after a swap" $((n0 + 2)) 1
lab_ctl remove || fail "remove"
expect "after a removal" $((n0 + 3)) 0
lab_ctl insert || fail "insert"
expect "after an insertion" $((n0 + 4)) 1
echo "pcscd counts insertions and removals, not reads or resets"
