#!/bin/sh
# t_vcard_protocol.sh — the emulator's card behaviour (spec §11 checklist) through
# the real pcscd: APDUs sent with scriptor (pcsc-tools; raw SCardTransmit, extended
# APDUs included), the ATR read with opensc-tool; answers checked as status words
# and, byte for byte, in the emulator's APDU log.
set -u
. "$MG_ROOT/tests/card/lab.sh"
command -v opensc-tool >/dev/null 2>&1 || lab_skip "opensc-tool is not installed"
command -v scriptor >/dev/null 2>&1 || lab_skip "scriptor (pcsc-tools) is not installed"
command -v openssl >/dev/null 2>&1 || lab_skip "openssl is not installed"
command -v xxd >/dev/null 2>&1 || lab_skip "xxd is not installed"

fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# sws APDU... — send the APDUs in one connection; print the status words, one per line.
sws() {
  printf '%s\n' "$@" | scriptor -r "$LAB_READER" 2>&1 |
    sed -n 's/^\(.* \)\{0,1\}\([0-9A-F][0-9A-F]\) \([0-9A-F][0-9A-F]\) : .*/\2\3/p'
}

# expect "SW SW…" APDU… — the status words of the APDUs must be exactly these.
expect() {
  _want=$1; shift
  _got=$(sws "$@" | tr '\n' ' ' | sed 's/ $//')
  [ "$_got" = "$_want" ] || fail "$* -> got [$_got], want [$_want]"
}

# answer C-APDU — the R-APDU logged right after the last occurrence of the C-APDU.
answer() {
  awk -v c="> $1" '$0 == c { getline r; last = r } END { print substr(last, 3) }' "$LAB_APDU_LOG"
}

# nbytes R-APDU — the number of data bytes (without SW1 SW2).
nbytes() {
  echo "$1" | awk '{ print NF - 2 }'
}

SEL_HOJO="00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08"
SEL_JPKI="00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01"

lab_profile alice --expiry 20350401 || exit 1
lab_profile victim --name "鈴木　花子" || exit 1
lab_start "$LAB_DIR/alice.profile" "$LAB_DIR/victim.profile" || exit 1

# ATR
atr=$(opensc-tool -r "$LAB_READER" -a 2>&1 | tail -n 1)
[ "$atr" = "3b:e0:00:ff:81:31:fe:45:14" ] || fail "ATR $atr"

# SELECT: unknown AID, the APs, EFs, MF
expect "6A82 9000 9000 6A82 9000 6A82" \
  "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 09" "$SEL_HOJO" "00 A4 00 00" \
  "00 A4 00 0C 02 3F 00" "00 A4 02 0C 02 00 04" "00 A4 02 0C 02 00 99"

# MF level after the ISD select: SELECT MF 6A86, GET DATA F2 = card expiry
expect "9000 6A86 9000" "00 A4 04 0C 07 A0 00 00 01 51 00 00" "00 A4 00 00" "00 CA 00 F2 00"
r=$(answer "00 CA 00 F2 00")
[ "$r" = "F2 08 32 30 33 35 30 34 30 31 90 00" ] || fail "GET DATA F2 -> $r"

# VERIFY: query, wrong, right; READ BINARY forms
offs=$(grep -c '^# power-off' "$LAB_APDU_LOG")
expect "9000 9000 63C3 63C2 9000 9000 9000 9000 9000 9000 9000 6B00 6B00 9000 6981" \
  "$SEL_HOJO" "00 A4 02 0C 02 00 11" "00 20 00 80" "00 20 00 80 04 39 39 39 39" \
  "00 20 00 80 04 31 32 33 34" "00 A4 02 0C 02 00 01" "00 B0 00 00 11" \
  "00 B0 84 00 00" "00 B0 00 00 00 00 00" "00 B0 00 00 00 02 2C" "00 B0 02 30 00" \
  "00 B0 02 38 01" "00 B0 81 11 01" "00 A4 02 0C 02 00 11" "00 B0 00 00 01"
[ "$(answer "00 B0 00 00 11")" = "FF 10 0C 31 32 33 34 35 36 37 38 39 30 31 38 FF FF 90 00" ] ||
  fail "EF0001 -> $(answer "00 B0 00 00 11")"
[ "$(nbytes "$(answer "00 B0 84 00 00")")" = 256 ] || fail "SFI read with Le 00 is not 256 bytes"
[ "$(nbytes "$(answer "00 B0 00 00 00 00 00")")" = 568 ] || fail "extended Le: EF0004 is not 568 bytes"
[ "$(nbytes "$(answer "00 B0 00 00 00 02 2C")")" = 556 ] || fail "extended Le 556"
[ "$(nbytes "$(answer "00 B0 02 30 00")")" = 8 ] || fail "fewer bytes than Le at the end"
grep -q '^> 00 20 00 80 04 \*\*$' "$LAB_APDU_LOG" || fail "VERIFY not masked in the log"
grep -q '^> 00 20 00 80 04 3[19]' "$LAB_APDU_LOG" && fail "PIN digits in the APDU log"

# power off clears the verified state: wait for pcscd to power the idle card down
powered_off() { [ "$(grep -c '^# power-off' "$LAB_APDU_LOG")" -gt "$offs" ]; }
lab_deadline_poll 10 powered_off || fail "pcscd never powered the card off"
expect "9000 9000 6982 6982" "$SEL_HOJO" "00 A4 02 0C 02 00 01" "00 B0 00 00 11" "00 B0 83 00 00"

# the JPKI AP: certificates readable without PIN, the sign certificate not
expect "9000 9000 9000 9000 6982 9000 9000" "$SEL_JPKI" "00 A4 02 0C 02 00 0A" "00 B0 00 00 04" \
  "00 A4 02 0C 02 00 01" "00 B0 00 00 04" "00 A4 02 0C 02 00 06" "00 B0 00 00 20"
case "$(answer "00 B0 00 00 20")" in
  "4A 50 4B 49 41 50 49 43 43 54 4F 4B 45 4E 32 20"*) ;;
  *) fail "token label: $(answer "00 B0 00 00 20")" ;;
esac

# card presence (spec §7.2): in the 入力補助AP, 80 2A 00 00 signs a DigestInfo with no
# VERIFY (checked with the DF51 key); EF0007 opens with the PIN like EF0003 (§4.1);
# 6700 without data; 6A86 in JPKI
DI_HDR="30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20"
dig=$(printf 'presence %s' "$$" | openssl dgst -sha256 -binary | xxd -p -c 32 | tr 'a-f' 'A-F' |
  sed 's/../& /g; s/ $//')
P_SIGN="80 2A 00 00 33 $DI_HDR $dig 00"
expect "9000 9000 6982 9000 9000 9000 6700 9000 6A86" "$SEL_HOJO" "$P_SIGN" "00 B0 87 00 00" \
  "00 20 00 91 04 31 32 33 34" "00 A4 02 0C 02 00 07" "00 B0 00 00 00 00 00" \
  "80 2A 00 00" "$SEL_JPKI" "80 2A 00 00 33 $DI_HDR $dig"
ef7=$(answer "00 B0 00 00 00 00 00")
psig=$(answer "$P_SIGN")
case "$ef7" in
  "FF 50 82 02 13 DF 51 82 01 09 90 03 01 00 01 91 82 01 00 "*) ;;
  *) fail "EF0007 header: $(echo "$ef7" | cut -d' ' -f1-19)" ;;
esac
[ "$(nbytes "$ef7")" = 536 ] || fail "EF0007 is not 536 bytes"
if [ "$(nbytes "$psig")" = 256 ]; then
  printf 'asn1=SEQUENCE:k\n[k]\nn=INTEGER:0x%s\ne=INTEGER:0x010001\n' \
    "$(echo "$ef7" | cut -d' ' -f20-275 | tr -d ' ')" > "$LAB_DIR/presence.cnf"
  echo "$psig" | cut -d' ' -f1-256 | tr -d ' ' | xxd -r -p > "$LAB_DIR/presence.sig"
  echo "$DI_HDR $dig" | tr -d ' ' | xxd -r -p > "$LAB_DIR/presence.di"
  { openssl asn1parse -genconf "$LAB_DIR/presence.cnf" -out "$LAB_DIR/presence.der" &&
    openssl rsa -RSAPublicKey_in -inform DER -in "$LAB_DIR/presence.der" -pubout \
      -out "$LAB_DIR/presence.pem" &&
    openssl pkeyutl -verifyrecover -pubin -inkey "$LAB_DIR/presence.pem" \
      -in "$LAB_DIR/presence.sig" -out "$LAB_DIR/presence.rec" &&
    cmp -s "$LAB_DIR/presence.rec" "$LAB_DIR/presence.di"; } >/dev/null 2>&1 ||
    fail "the presence signature does not verify with the EF0007 key"
else
  fail "presence signature: $(nbytes "$psig") bytes"
fi

# blocking: 63C2 63C1 63C0 (the blocking attempt), then 6984 even for the right PIN
lab_ctl swap victim || fail "swap"
expect "9000 9000 63C3 63C2 63C1 63C0 6984 63C0" "$SEL_HOJO" "00 A4 02 0C 02 00 11" "00 20 00 80" \
  "00 20 00 80 04 30 30 30 30" "00 20 00 80 04 30 30 30 30" "00 20 00 80 04 30 30 30 30" \
  "00 20 00 80 04 31 32 33 34" "00 20 00 80"
grep -q '^kenhojo_pin_tries=0$' "$LAB_DIR/victim.profile" || fail "counter not persisted"

# counters survive an emulator restart
lab_vcard_stop
lab_wait absent || fail "card still present after the emulator stopped"
lab_vcard_start "$LAB_DIR/victim.profile" || exit 1
lab_wait present || fail "card not back after restart"
expect "9000 63C0 9000 63C3" "$SEL_HOJO" "00 20 00 91" "$SEL_JPKI" "00 20 00 98"

if [ "$fails" -ne 0 ]; then
  lab_dump
  echo "$fails failure(s)"
  exit 1
fi
echo "vcard protocol: ok"
