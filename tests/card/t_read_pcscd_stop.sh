#!/bin/sh
# t_read_pcscd_stop.sh — pcscd is stopped in the middle of a read (before
# APDU N, for several N): the read ends with a clean error (no data), the
# CLI then reports "no PC/SC service" (exit 8), and once pcscd is back the
# emulator reconnects and the card reads again.
set -u
. "$MG_ROOT/tests/card/lab.sh"
fail() { echo "FAIL: $*"; lab_dump; exit 1; }

lab_profile eve --pin 1234 || exit 1
lab_start "$LAB_DIR/eve.profile" || exit 1
MG="$BIN/madoguchi --lang en"
out=$LAB_DIR/out.txt err=$LAB_DIR/err.txt
printf '1234\n' > "$LAB_DIR/pin"

for n in 2 6 9 14; do
  hook="kill -TERM $LAB_PCSCD_PID; i=0; while [ -S /run/pcscd/pcscd.comm ] && [ \$i -lt 1000 ]; do sleep 0.01; i=\$((i+1)); done"
  "$BIN/card_probe" --trust "$LAB_TRUST" --allow-demo --pin-fd 3 --hook-at $n --hook "$hook" kenhojo \
    3<"$LAB_DIR/pin" >"$out" 2>"$err"
  rc=$?
  cat "$out"
  [ $rc = 1 ] || fail "stopped before APDU $n: probe exit $rc"
  grep -Eqx 'rc=MG_ECARD_(NOSERVICE|COMM|REMOVED)' "$out" || fail "stopped before APDU $n: $(head -n 1 "$out") $(cat "$err")"
  grep -q '^name=' "$out" && fail "data after pcscd stopped"
  wait "$LAB_PCSCD_PID" 2>/dev/null
  LAB_PCSCD_PID=
  $MG card read --pin-fd 3 3<"$LAB_DIR/pin" >"$out" 2>"$err"
  rc=$?
  [ $rc = 8 ] || fail "no pcscd: exit $rc, want 8"
  grep -q "smart card service" "$err" || fail "no-service message"
  lab_pcscd_start || fail "restart pcscd"
  lab_wait present 15 || fail "card not back after pcscd restart"
done
"$BIN/card_probe" --trust "$LAB_TRUST" --allow-demo --pin-fd 3 kenhojo 3<"$LAB_DIR/pin" >"$out" 2>"$err" ||
  fail "read after the restarts: $(head -n 1 "$out")"
grep -qx 'verdict=1' "$out" || fail "verdict after restarts"
echo "ok"
