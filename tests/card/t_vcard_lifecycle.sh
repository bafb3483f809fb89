#!/bin/sh
# t_vcard_lifecycle.sh — the emulator process on the real stack: remove, insert and
# swap through the control socket, SIGUSR1 toggle, pull at a given APDU, pcscd
# going away and coming back (no emulator restart), kill, clean SIGTERM exit.
set -u
. "$MG_ROOT/tests/card/lab.sh"
command -v scriptor >/dev/null 2>&1 || lab_skip "scriptor (pcsc-tools) is not installed"

fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
status() { "$LAB_VCARD" ctl "$LAB_CTL" status; }
has() { case "$(status)" in *"$1"*) return 0 ;; esac; return 1; }

SEL_HOJO="00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08"

lab_profile alice || exit 1
lab_profile bob --name "鈴木　花子" --tries 1 || exit 1
lab_start "$LAB_DIR/alice.profile" "$LAB_DIR/bob.profile" || exit 1
has "inserted=yes connected=yes profile=$LAB_DIR/alice.profile" || fail "status at start: $(status)"

# control socket
lab_ctl remove || fail "remove not seen by pcscd"
has "inserted=no connected=no" || fail "status after remove: $(status)"
lab_ctl insert || fail "insert not seen by pcscd"
lab_ctl swap bob || fail "swap not seen by pcscd"
has "profile=$LAB_DIR/bob.profile kenhojo_pin_tries=1" || fail "status after swap: $(status)"
"$LAB_VCARD" ctl "$LAB_CTL" swap nobody >/dev/null && fail "swap to an unknown profile accepted"
"$LAB_VCARD" ctl "$LAB_CTL" frobnicate >/dev/null && fail "unknown command accepted"
lab_ctl swap alice.profile || fail "swap by file name"

# SIGUSR1 toggles
kill -USR1 "$LAB_VCARD_PID"
lab_wait absent || fail "SIGUSR1 did not pull the card"
kill -USR1 "$LAB_VCARD_PID"
lab_wait present || fail "SIGUSR1 did not insert the card"

# pull at the 3rd APDU: two answered, the third never
n0=$(grep -c '^< ' "$LAB_APDU_LOG")
lab_ctl pull-at 3 >/dev/null || fail "pull-at"
printf '%s\n' "$SEL_HOJO" "00 A4 02 0C 02 00 11" "00 20 00 80" "00 20 00 80" |
  scriptor -r "$LAB_READER" > "$LAB_DIR/pull.out" 2>&1
lab_wait absent || fail "card not pulled"
n1=$(grep -c '^< ' "$LAB_APDU_LOG")
[ $((n1 - n0)) -eq 2 ] || fail "pull-at 3: $((n1 - n0)) answers, want 2"
[ "$(tail -n 2 "$LAB_APDU_LOG" | tr '\n' '|')" = "> 00 20 00 80|# pulled|" ] ||
  fail "last log lines: $(tail -n 2 "$LAB_APDU_LOG")"
has "inserted=no" || fail "status after pull: $(status)"
lab_ctl insert || fail "insert after pull"

# pcscd goes away and comes back: the emulator reconnects by itself
lab_pcscd_stop
kill -0 "$LAB_VCARD_PID" 2>/dev/null || fail "emulator died with pcscd"
has "inserted=yes connected=no" || fail "status without pcscd: $(status)"
lab_pcscd_start || fail "pcscd restart"
lab_wait present 15 || fail "card not back after the pcscd restart"
has "connected=yes" || fail "status after pcscd restart: $(status)"
printf '%s\n' "$SEL_HOJO" | scriptor -r "$LAB_READER" 2>&1 | grep -q '< 90 00' || fail "APDU after pcscd restart"

# kill -9: pcscd sees the card gone; a new emulator serves it again
lab_ctl kill || fail "card still present after kill"
lab_vcard_start || fail "emulator restart"
lab_wait present || fail "card not back after emulator restart"

# SIGTERM: clean exit 0, control socket removed
kill -TERM "$LAB_VCARD_PID"
wait "$LAB_VCARD_PID"
rc=$?
LAB_VCARD_PID=
[ "$rc" -eq 0 ] || fail "exit status after SIGTERM: $rc"
[ -e "$LAB_CTL" ] && fail "control socket left behind"
lab_wait absent || fail "card present after SIGTERM"
grep -q '^# power' "$LAB_APDU_LOG" || fail "no power events logged"

if [ "$fails" -ne 0 ]; then
  lab_dump
  echo "$fails failure(s)"
  exit 1
fi
echo "vcard lifecycle: ok"
