#!/bin/sh
# t_read_garbled.sh — rv16card M2: a card that is still in the reader but
# breaks the exchange after the right PIN must not stay verified for the
# next PC/SC client. The emulator's `garble-at N` answers the first APDU after
# the PIN VERIFY with one byte (no status word) and keeps the card inserted,
# powered, its PIN verified.
#   - `card read` ends with a clean transport error (exit 5, nothing on
#     stdout) and resets the card on its way out: the APDU log shows the
#     reset after the garbled answer;
#   - another client that connects at once, without a PIN, is refused the
#     4情報 file (6982), while the same client after a right-PIN read is not
#     refused the AP itself (the contrast that shows the probe works);
#   - the card was not taken for pulled: it is still inserted and connected.
set -u
. "$MG_ROOT/tests/card/lab.sh"
fail() { echo "FAIL: $*"; lab_dump; exit 1; }

lab_profile gina --pin 2468 || exit 1
lab_start "$LAB_DIR/gina.profile" || exit 1
out=$LAB_DIR/out.txt err=$LAB_DIR/err.txt

# the 入力補助AP, its EF0001 (4情報), READ BINARY: what a PIN-less client tries
AP=00A4040C0AD3921000310001010408
EF1=00A4020C020001
READ=00B0000000
probe() { "$BIN/card_probe" apdu "$AP" "$EF1" "$READ"; }

idx=$(lab_verify_index 2468) || fail "clean read: $idx"
echo "the PIN VERIFY is APDU $idx of a read"

# the probe itself: a PIN-less client gets the AP and the EF, not the data
p=$(probe) || fail "probe on a fresh card: $p"
[ "$(echo "$p" | tr '\n' ' ')" = "sw=9000 sw=9000 sw=6982 " ] || fail "probe on a fresh card: $p"

# garble the APDU after the right PIN; the card stays in with its PIN verified
: > "$LAB_APDU_LOG"
lab_ctl garble-at $((idx + 1)) >/dev/null || fail "garble-at"
lab_read 2468
cat "$err"
[ $rc = 5 ] || { cat "$out"; fail "garbled read: exit $rc, want 5"; }
[ -s "$out" ] && fail "garbled read: data printed on stdout"
p=$(probe) || fail "probe after the garbled read: $p"
echo "probe after the garbled read: $(echo "$p" | tr '\n' ' ')"
[ "$(echo "$p" | sed -n 3p)" = sw=6982 ] || fail "another client read the 4情報 without a PIN: $p"
# the emulator's side: the garbled APDU came after the right PIN's 90 00, then a reset
sed -n '/^> 00 20 00 80 04 \*\*$/,$p' "$LAB_APDU_LOG" | head -n 5 > "$LAB_DIR/after"
[ "$(sed -n 2p "$LAB_DIR/after")" = "< 90 00" ] || fail "the PIN was not right: $(cat "$LAB_DIR/after")"
[ "$(sed -n 4p "$LAB_DIR/after")" = "# garbled" ] || fail "no garbled answer after the PIN: $(cat "$LAB_DIR/after")"
sed -n '/^# garbled$/,$p' "$LAB_APDU_LOG" | grep -qx -e '# reset' -e '# power-off' ||
  fail "the card was neither reset nor powered off after the garbled answer"
lab_ctl status | grep -q ' inserted=yes connected=yes ' || fail "status: $(lab_ctl status)"

# and the card reads normally afterwards
lab_read 2468
[ $rc = 0 ] || { cat "$err"; fail "read after the garbled one: exit $rc"; }
grep -q "^Authenticity: GENUINE" "$out" || fail "verdict after the garbled read"
echo "ok"
