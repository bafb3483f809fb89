#!/bin/sh
# t_card_wait.sh — card_pcsc_wait on the real pcscd: a waiting client sees
# the card come and go (any reader, or a named one), a wait times out with
# MG_ECARD_TIMEOUT, and card_pcsc_cancel from another thread ends a wait
# with MG_ECARD_CANCELLED.
set -u
. "$MG_ROOT/tests/card/lab.sh"
fail() { echo "FAIL: $*"; lab_dump; exit 1; }

lab_profile gin || exit 1
lab_start "$LAB_DIR/gin.profile" || exit 1
out=$LAB_DIR/out.txt

# present now: returns at once with the reader's name
"$BIN/card_probe" --timeout 5000 wait >"$out" 2>&1 || fail "wait present: $(cat "$out")"
grep -qx "reader=$LAB_READER" "$out" || fail "reader name"
# absent: wait in the background, then pull the card
"$BIN/card_probe" --reader "$LAB_READER" --absent --timeout 20000 wait >"$out" 2>&1 &
pid=$!
lab_ctl remove || fail "remove"
wait $pid || fail "wait absent: $(cat "$out")"
grep -qx "rc=MG_OK" "$out" || fail "wait absent rc"
# any reader: the card comes back
"$BIN/card_probe" --timeout 20000 wait >"$out" 2>&1 &
pid=$!
lab_ctl insert || fail "insert"
wait $pid || fail "wait present (any reader): $(cat "$out")"
grep -qx "reader=$LAB_READER" "$out" || fail "reader of the insert"
# the empty second reader never gets a card: timeout
"$BIN/card_probe" --reader "Virtual PCD 00 01" --timeout 300 wait >"$out" 2>&1
grep -qx "rc=MG_ECARD_TIMEOUT" "$out" || fail "timeout: $(cat "$out")"
# cancelled from another thread
"$BIN/card_probe" --reader "Virtual PCD 00 01" --cancel-after 200 wait >"$out" 2>&1
grep -qx "rc=MG_ECARD_CANCELLED" "$out" || fail "cancel: $(cat "$out")"
echo "ok"
