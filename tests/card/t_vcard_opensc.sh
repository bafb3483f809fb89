#!/bin/sh
# t_vcard_opensc.sh — an independent client: OpenSC's JPKI driver recognises the
# emulator as a My Number card (pkcs15-tool -D), reports the PIN tries left from
# the profile, reads the same certificates as the profile holds, and (through
# opensc-pkcs11) makes a signature with the auth key that verifies with the
# certificate (COMPUTE DIGITAL SIGNATURE after VERIFY).
set -u
. "$MG_ROOT/tests/card/lab.sh"
command -v pkcs15-tool >/dev/null 2>&1 || lab_skip "pkcs15-tool (opensc) is not installed"
command -v openssl >/dev/null 2>&1 || lab_skip "openssl is not installed"

fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Tries left of the PIN block whose label is $1, from pkcs15-tool -D output in $2.
tries_of() {
  awk -v l="PIN [$1]" 'index($0, l) == 1 { inpin = 1 } inpin && /Tries left/ { print $NF; exit }' "$2"
}

# The DER of a PEM certificate as lower-case hex on one line.
pem_hex() {
  openssl x509 -in "$1" -outform DER | od -An -v -tx1 | tr -d ' \n'
}

lab_profile alice || exit 1
lab_start "$LAB_DIR/alice.profile" || exit 1

pkcs15-tool --reader "$LAB_READER" -D > "$LAB_DIR/d1.txt" 2>&1 || fail "pkcs15-tool -D failed"
grep -q 'PKCS#15 Card \[JPKI\]' "$LAB_DIR/d1.txt" || fail "not recognised as JPKI"
[ "$(tries_of "User Authentication PIN" "$LAB_DIR/d1.txt")" = 3 ] || fail "auth PIN tries != 3"
[ "$(tries_of "Digital Signature PIN" "$LAB_DIR/d1.txt")" = 5 ] || fail "sign PIN tries != 5"
grep -q 'ModLength *: 2048' "$LAB_DIR/d1.txt" || fail "no 2048-bit key listed"

# The tries come from the card: change the profile while the card is out
lab_ctl remove || fail "remove"
"$LAB_VCARD" profile-edit "$LAB_DIR/alice.profile" auth_pin_tries=1 sign_pin_tries=2 || fail "profile-edit"
lab_ctl insert || fail "insert"
pkcs15-tool --reader "$LAB_READER" -D > "$LAB_DIR/d2.txt" 2>&1 || fail "pkcs15-tool -D failed (2)"
[ "$(tries_of "User Authentication PIN" "$LAB_DIR/d2.txt")" = 1 ] || fail "auth PIN tries != 1 after edit"
[ "$(tries_of "Digital Signature PIN" "$LAB_DIR/d2.txt")" = 2 ] || fail "sign PIN tries != 2 after edit"
"$LAB_VCARD" ctl "$LAB_CTL" remove >/dev/null
lab_wait absent
"$LAB_VCARD" profile-edit "$LAB_DIR/alice.profile" auth_pin_tries=3 sign_pin_tries=5 || fail "profile-edit back"
lab_ctl insert || fail "insert"

# Certificates read by OpenSC = the profile's
for pair in "01 auth_cert" "03 auth_ca" "04 sign_ca"; do
  id=${pair% *}; key=${pair#* }
  pkcs15-tool --reader "$LAB_READER" --read-certificate "$id" > "$LAB_DIR/c$id.pem" 2>"$LAB_DIR/c$id.err" ||
    { fail "read-certificate $id"; cat "$LAB_DIR/c$id.err"; continue; }
  want=$(sed -n "s/^$key=//p" "$LAB_DIR/alice.profile")
  [ -n "$want" ] && [ "$(pem_hex "$LAB_DIR/c$id.pem")" = "$want" ] || fail "certificate $id differs from the profile's $key"
done
# and the auth certificate chains to the demo CA named in trust.txt
openssl verify -CAfile "$LAB_CA/jpki-ca.crt" "$LAB_DIR/c01.pem" >/dev/null 2>&1 || fail "auth certificate does not chain to the demo CA"

# A signature through opensc-pkcs11 (VERIFY 0018 + COMPUTE DIGITAL SIGNATURE)
mod=
for m in /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so /usr/lib/aarch64-linux-gnu/opensc-pkcs11.so \
         /usr/lib/opensc-pkcs11.so; do
  [ -f "$m" ] && { mod=$m; break; }
done
if [ -n "$mod" ] && command -v pkcs11-tool >/dev/null 2>&1; then
  printf 'madoguchi vcard signature test\n' > "$LAB_DIR/msg"
  if pkcs11-tool --module "$mod" --slot-index 0 --login --pin 1234 --sign --id 01 \
       --mechanism SHA256-RSA-PKCS -i "$LAB_DIR/msg" -o "$LAB_DIR/sig" >"$LAB_DIR/p11.log" 2>&1; then
    openssl x509 -in "$LAB_DIR/c01.pem" -pubkey -noout > "$LAB_DIR/pub.pem"
    openssl dgst -sha256 -verify "$LAB_DIR/pub.pem" -signature "$LAB_DIR/sig" "$LAB_DIR/msg" >/dev/null 2>&1 ||
      fail "the card's signature does not verify with its certificate"
    grep -q '^> 00 20 00 80 04 \*\*$' "$LAB_APDU_LOG" || fail "no masked VERIFY in the log"
    grep -q '^> 80 2A 00 80 ' "$LAB_APDU_LOG" || fail "no COMPUTE DIGITAL SIGNATURE in the log"
  else
    fail "pkcs11-tool --sign failed"; cat "$LAB_DIR/p11.log"
  fi
else
  echo "note: opensc-pkcs11 not found, signature check skipped"
fi

if [ "$fails" -ne 0 ]; then
  lab_dump
  echo "$fails failure(s)"
  exit 1
fi
echo "vcard opensc: ok"
