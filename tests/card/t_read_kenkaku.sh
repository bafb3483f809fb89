#!/bin/sh
# t_read_kenkaku.sh — 券面AP with 照合番号B (和暦 birth YYMMDD + expiry year +
# security code, no PIN): birth, sex, expiry and the face images; a wrong
# security code costs one 照合番号B attempt and reads nothing; the JPKI AP
# (no PIN): token label and the 利用者証明用 certificate, the same bytes as
# the profile's, chained to the demo JPKI CA of the trust store.
set -u
. "$MG_ROOT/tests/card/lab.sh"
fail() { echo "FAIL: $*"; lab_dump; exit 1; }

lab_profile fumi --birth 19800217 --sex 2 --expiry 20350217 --security-code 2285 || exit 1
lab_start "$LAB_DIR/fumi.profile" || exit 1
out=$LAB_DIR/out.txt

"$BIN/card_probe" --birth 19800217 --expiry-year 2035 --code 2285 kenkaku >"$out" 2>&1
rc=$?
cat "$out"
[ $rc = 0 ] || fail "照合番号B read"
grep -qx "birth=19800217" "$out" || fail "birth"
grep -qx "sex=2" "$out" || fail "sex"
grep -qx "expiry=20350217" "$out" || fail "expiry"
for img in name_image address_image face_image; do
  v=$(sed -n "s/^$img=//p" "$out")
  [ "${v:-0}" -gt 0 ] || fail "$img empty"
done
grep -q '^> 00 20 00 80 0E \*\*' "$LAB_APDU_LOG" || fail "照合番号B VERIFY not seen (masked)"
grep -q "35 35 30 32 31 37" "$LAB_APDU_LOG" && fail "照合番号B bytes in the log"

"$BIN/card_probe" --birth 19800217 --expiry-year 2035 --code 2286 kenkaku >"$out" 2>&1
cat "$out"
grep -qx "rc=MG_ECARD_PIN_WRONG" "$out" || fail "wrong security code"
grep -qx "retries=9" "$out" || fail "retries after a wrong 照合番号B"
grep -q '^birth=' "$out" && fail "data after a wrong 照合番号B"

"$BIN/card_probe" --trust "$LAB_TRUST" jpki >"$out" 2>&1
rc=$?
cat "$out"
[ $rc = 0 ] || fail "JPKI read"
grep -qx "label=JPKIAPICCTOKEN2" "$out" || fail "token label"
grep -qx "chain=1" "$out" || fail "certificate chain to the demo JPKI CA"
want=$(sed -n 's/^auth_cert=//p' "$LAB_DIR/fumi.profile" | xxd -r -p | openssl x509 -inform DER -noout -serial | sed 's/^serial=//')
[ -n "$want" ] || fail "no auth_cert in the profile"
grep -qx "serial=$want" "$out" || fail "serial differs from the profile's certificate ($want)"
"$BIN/card_probe" jpki >"$out" 2>&1
grep -qx "chain=3" "$out" || fail "without a trust store the JPKI CA is unknown"
echo "ok"
