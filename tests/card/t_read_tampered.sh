#!/bin/sh
# t_read_tampered.sh — authenticity verdicts through the real stack:
# tampered 4情報 and 個人番号 (changed after signing) are NOT GENUINE (exit 6,
# with the failed check), a card signed by a CA outside the trust store is
# UNKNOWN CA (exit 7), an expired card still reads and shows its expiry.
# A copy of a genuine card's EFs without its chip (an emulator answering
# with no key, or with another card's key) is NOT GENUINE: it cannot sign
# the reader's challenge (spec §7.2, rv16card M3).
set -u
. "$MG_ROOT/tests/card/lab.sh"
fail() { echo "FAIL: $*"; lab_dump; exit 1; }

lab_profile good || exit 1
lab_profile tname || exit 1
lab_profile tnum || exit 1
lab_profile alien --unknown-ca || exit 1
lab_profile old --expiry 20200401 || exit 1
lab_profile other || exit 1
cp "$LAB_DIR/good.profile" "$LAB_DIR/copy.profile" && cp "$LAB_DIR/good.profile" "$LAB_DIR/nokey.profile" ||
  fail "copy the good card"
"$LAB_VCARD" profile-edit "$LAB_DIR/copy.profile" \
  "presence_key=$(sed -n 's/^presence_key=//p' "$LAB_DIR/other.profile")" || fail "profile-edit copy"
"$LAB_VCARD" profile-edit "$LAB_DIR/nokey.profile" "presence_key=" || fail "profile-edit nokey"
"$LAB_VCARD" profile-edit "$LAB_DIR/tname.profile" "name=山田　次郎" || fail "profile-edit name"
"$LAB_VCARD" profile-edit "$LAB_DIR/tnum.profile" "mynumber=987654321093" || fail "profile-edit mynumber"
lab_start "$LAB_DIR/good.profile" "$LAB_DIR/tname.profile" "$LAB_DIR/tnum.profile" \
  "$LAB_DIR/alien.profile" "$LAB_DIR/old.profile" "$LAB_DIR/copy.profile" "$LAB_DIR/nokey.profile" || exit 1
MG="$BIN/madoguchi --lang en"
out=$LAB_DIR/out.txt err=$LAB_DIR/err.txt
printf '1234\n' > "$LAB_DIR/pin"
card_read() {
  $MG card read --config "$LAB_CONF" --pin-fd 3 3<"$LAB_DIR/pin" >"$out" 2>"$err"
  rc=$?
  cat "$out" "$err"
}

card_read
[ $rc = 0 ] || fail "good card: exit $rc"
lab_ctl swap tname || fail "swap tname"
card_read
[ $rc = 6 ] || fail "tampered name: exit $rc, want 6"
grep -qx "Name: 山田　次郎" "$out" || fail "the tampered name is shown as read"
grep -qx "Authenticity: NOT GENUINE (the basic four information hash does not match (possible tampering))" "$out" ||
  fail "tampered name verdict"
lab_ctl swap tnum || fail "swap tnum"
card_read
[ $rc = 6 ] || fail "tampered My Number: exit $rc, want 6"
grep -q "^Authenticity: NOT GENUINE (the My Number hash does not match" "$out" || fail "tampered number verdict"
lab_ctl swap alien || fail "swap alien"
card_read
[ $rc = 7 ] || fail "unknown CA: exit $rc, want 7"
grep -q "^Authenticity: UNKNOWN CA (issuer key 9900099-" "$out" || fail "unknown CA verdict"
lab_ctl swap old || fail "swap old"
card_read
[ $rc = 0 ] || fail "expired card: exit $rc"
grep -qx "Card expiry: 2020-04-01" "$out" || fail "expired card expiry"
for c in copy nokey; do
  lab_ctl swap $c || fail "swap $c"
  card_read
  [ $rc = 6 ] || fail "$c of the good card: exit $rc, want 6"
  grep -qx "Authenticity: NOT GENUINE (the card could not sign a fresh challenge (possibly a copy of read data))" "$out" ||
    fail "$c verdict"
done
echo "ok"
