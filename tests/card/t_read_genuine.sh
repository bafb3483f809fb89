#!/bin/sh
# t_read_genuine.sh — `madoguchi card read --pin-fd 3` against a demo profile
# through the real pcscd + emulator: the profile's 4情報, a fully masked
# 個人番号, the card expiry, GENUINE; one VERIFY, each EF selected once, one
# presence challenge; the
# demo CA is refused without the demo/test flag (UNKNOWN CA, exit 7); in
# production a trust store others can write (or under /tmp) is refused (exit 1).
set -u
. "$MG_ROOT/tests/card/lab.sh"
. "$MG_ROOT/tests/rootdir.sh"
fail() { echo "FAIL: $*"; lab_dump; exit 1; }

lab_profile alice --name "佐藤　花子" --address "大阪府大阪市北区中之島一丁目３番２０号" \
  --birth 19900215 --sex 2 --mynumber 987654321093 --pin 4711 --expiry 20340215 || exit 1
lab_start "$LAB_DIR/alice.profile" || exit 1
MG="$BIN/madoguchi --lang en"
out=$LAB_DIR/out.txt err=$LAB_DIR/err.txt

: > "$LAB_APDU_LOG"
$MG card read --config "$LAB_CONF" --pin-fd 3 3<<X >"$out" 2>"$err"
4711
X
rc=$?
cat "$out" "$err"
[ $rc = 0 ] || fail "exit $rc, want 0"
grep -qx "Name: 佐藤　花子" "$out" || fail "name"
grep -qx "Address: 大阪府大阪市北区中之島一丁目３番２０号" "$out" || fail "address"
grep -qx "Date of birth: 1990-02-15" "$out" || fail "birth"
grep -qx "Sex: female" "$out" || fail "sex"
grep -qx "My Number: \*\*\*\*\*\*\*\*\*\*\*\*" "$out" || fail "masked My Number"
grep -q "98765\|1093" "$out" "$err" && fail "digits of the My Number are shown"
grep -qx "Card expiry: 2034-02-15" "$out" || fail "card expiry"
grep -q "^Authenticity: GENUINE (issuer key 9900033-001)" "$out" || fail "verdict"
grep -qx "PIN attempts left: 3" "$out" || fail "retries"

# the APDUs of one read: one VERIFY with data, each EF selected once, the PIN never logged
lab_apdus > "$LAB_DIR/apdus.txt"
[ "$(grep -c '^00 20 00 80 04' "$LAB_DIR/apdus.txt")" = 1 ] || fail "VERIFY count"
for ef in 00\ 11 00\ 01 00\ 02 00\ 03 00\ 04 00\ 07; do
  [ "$(grep -c "^00 A4 02 0C 02 $ef\$" "$LAB_DIR/apdus.txt")" = 1 ] || fail "EF $ef not selected exactly once"
done
# one presence challenge (80 2A 00 00, a 51-byte SHA-256 DigestInfo, Le 00)
[ "$(grep -c '^80 2A 00 00 33 30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20 ' "$LAB_DIR/apdus.txt")" = 1 ] ||
  fail "presence challenge count"
[ "$(grep -c '^00 A4 04' "$LAB_DIR/apdus.txt")" = 1 ] || fail "AP selected more than once"
grep -q '34 37 31 31' "$LAB_APDU_LOG" && fail "PIN bytes in the APDU log"
echo "APDUs: $(wc -l < "$LAB_DIR/apdus.txt")"

# Japanese output (default catalog)
$BIN/madoguchi card read --config "$LAB_CONF" --pin-fd 3 3<<X >"$out" 2>"$err"
4711
X
[ $? = 0 ] || fail "ja read"
grep -qx "氏名: 佐藤　花子" "$out" || fail "ja name"
grep -qx "性別: 女" "$out" || fail "ja sex"

# --allow-demo-ca under a production configuration (the default) is refused
$MG card read --trust "$LAB_TRUST" --allow-demo-ca --pin-fd 3 3<<X >"$out" 2>"$err"
4711
X
rc=$?
[ $rc = 2 ] || fail "demo CA under production: exit $rc, want 2"
grep -q "mode is demo or test" "$err" || fail "demo CA refusal message"
# --trust under a production configuration is refused: only the
# configuration's trust_store vouches for a card there (rv5 admin §9)
$MG card read --trust "$LAB_TRUST" --pin-fd 3 3<<X >"$out" 2>"$err"
4711
X
rc=$?
[ $rc = 2 ] || fail "--trust under production: exit $rc, want 2"
grep -q "trust_store in the configuration only" "$err" || fail "--trust refusal message"
# the environment cannot make the demo CA trusted
MG_CARD_TRUST=$LAB_TRUST MG_CARD_ALLOW_DEMO=1 $MG card read --pin-fd 3 3<<X >"$out" 2>"$err"
4711
X
[ $? = 7 ] || fail "environment made the demo CA trusted"

# A production configuration's trust_store must be root's, like the
# configuration: the store, its x509 files and every folder above them
# writable by no one else (rv16 M1). The demo CA in a guarded store is still
# not trusted. (A production configuration must be root's alone, its folders
# too, so it lives in a root-only folder $P: skipped for other users.)
P=$(mg_rootdir mg-lab-conf) || P=
if [ -n "$P" ]; then
  trap 'rm -rf "$P"; lab_stop' EXIT
  prod_read() {
    printf 'trust_store = %s\n' "$1" > "$P/prod.conf"
    chmod 600 "$P/prod.conf"
    $MG card read --config "$P/prod.conf" --pin-fd 3 3<<X >"$out" 2>"$err"
4711
X
  }
  # the lab's store is under /tmp (1777): refused, nothing read
  prod_read "$LAB_TRUST"
  rc=$?
  [ $rc = 1 ] || fail "store under /tmp in production: exit $rc, want 1 ($(cat "$err"))"
  grep -q "^madoguchi: /tmp cannot serve a production trust store" "$err" || fail "/tmp refusal: $(cat "$err")"
  grep -q "must be owned by root" "$err" || fail "refusal remedy: $(cat "$err")"
  [ -s "$out" ] && fail "output with a refused trust store"
  # a copy in a folder whose whole path is root's (/run, else /root)
  G=$(mg_rootdir mg-lab-trust) || G=
  if [ -n "$G" ]; then
    trap 'rm -rf "$G" "$P"; lab_stop' EXIT
    cp "$LAB_TRUST" "$LAB_CA/jpki-ca.crt" "$G/" || fail "copy the trust store"
    chmod 644 "$G/trust.txt" "$G/jpki-ca.crt"
    prod_read "$G/trust.txt"
    rc=$?
    [ $rc = 7 ] || fail "demo CA under production: exit $rc, want 7 ($(cat "$err"))"
    grep -q "^Authenticity: UNKNOWN CA" "$out" || fail "UNKNOWN CA verdict"
    # writable by others (the M1 forgery set-up): refused, the file named
    chmod 666 "$G/trust.txt"
    prod_read "$G/trust.txt"
    rc=$?
    [ $rc = 1 ] || fail "0666 store in production: exit $rc, want 1"
    grep -q "^madoguchi: $G/trust.txt cannot serve" "$err" || fail "0666 refusal: $(cat "$err")"
    grep -q "^Authenticity" "$out" && fail "a verdict with a refused trust store"
    # owned by another user
    chmod 644 "$G/trust.txt"; chown 65534 "$G/trust.txt"
    prod_read "$G/trust.txt"
    rc=$?
    [ $rc = 1 ] || fail "store owned by 65534 in production: exit $rc, want 1"
    # its certificate group-writable
    chown 0 "$G/trust.txt"; chmod 664 "$G/jpki-ca.crt"
    prod_read "$G/trust.txt"
    rc=$?
    [ $rc = 1 ] || fail "group-writable certificate in production: exit $rc, want 1"
    grep -q "^madoguchi: $G/jpki-ca.crt cannot serve" "$err" || fail "certificate refusal: $(cat "$err")"
    rm -rf "$G"
    trap 'rm -rf "$P"; lab_stop' EXIT
  else
    echo "note: no root-only folder under /run or /root: guarded-store read not shown"
  fi
  rm -rf "$P"
  trap 'lab_stop' EXIT
else
  echo "note: not root, or no root-only folder under /run or /root: production reads not shown"
fi
# no trust store at all
$MG card read --pin-fd 3 3<<X >"$out" 2>"$err"
4711
X
rc=$?
[ $rc = 7 ] || fail "no trust store: exit $rc, want 7"

# status: readers, card, ATR, counters; never a VERIFY with data
: > "$LAB_APDU_LOG"
$MG card status > "$out" 2>"$err"
rc=$?
cat "$out"
[ $rc = 0 ] || fail "status exit $rc"
grep -qx "Reader: $LAB_READER" "$out" || fail "status reader"
grep -qx "  Card: present (ATR: 3B E0 00 FF 81 31 FE 45 14)" "$out" || fail "status ATR"
grep -qx "  Attempts left, card-info PIN: 3" "$out" || fail "status PIN tries"
grep -qx "  Attempts left, signature password: 5" "$out" || fail "status sign tries"
grep -qx "  Token: JPKIAPICCTOKEN2" "$out" || fail "status token"
grep -qx "  User authentication certificate expires (as written on the chip; the certificate is not verified): 2034-02-15" "$out" ||
  fail "status certificate expiry, marked unverified"
grep -q '^> 00 20 00 .. 0' "$LAB_APDU_LOG" && fail "status sent a PIN"
$MG card status --reader "No Such Reader" >"$out" 2>"$err"
rc=$?
[ $rc = 5 ] || fail "unknown reader: exit $rc, want 5"
$MG card read --reader "Virtual PCD 00 01" --pin-fd 3 3<<X >"$out" 2>"$err"
4711
X
rc=$?
[ $rc = 5 ] || fail "empty reader: exit $rc, want 5"
[ -s "$out" ] && fail "output without a card"
echo "ok"
