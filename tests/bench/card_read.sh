#!/bin/sh
# card_read.sh — benchmark of a full 券面事項入力補助AP read + authenticity
# check (GET DATA, SELECT AP, retry query, one VERIFY, EF0001–EF0004, EF0004
# and DF33 signatures, DF31/DF32 hashes) and of a JPKI certificate read,
# through the real pcscd + emulator. Prints the APDU count and wall times
# (median of N reads; target: < 10 ms per full read + verification, each EF
# selected once, one VERIFY). Usage: BIN=… MG_ROOT=… card_read.sh [N]
set -u
: "${MG_ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${BIN:=$MG_ROOT/bin}"
export MG_ROOT BIN
. "$MG_ROOT/tests/card/lab.sh"
n=${1:-50}

lab_profile bench --pin 1234 || exit 1
lab_start "$LAB_DIR/bench.profile" || exit 1
printf '1234\n' > "$LAB_DIR/pin"
out=$LAB_DIR/out.txt

: > "$LAB_APDU_LOG"
"$BIN/card_probe" --trust "$LAB_TRUST" --allow-demo --pin-fd 3 --repeat "$n" bench 3<"$LAB_DIR/pin" >"$out" 2>&1 ||
  { cat "$out"; lab_dump; exit 1; }
apdus=$(sed -n 's/^apdus=//p' "$out")
med=$(sed -n 's/^ms_median=//p' "$out")
verifies=$(lab_apdus | grep -c '^00 20 00 80 04')
selects=$(lab_apdus | grep -c '^00 A4')
echo "card read + verify: $apdus APDUs per read ($((selects / n)) SELECT, $((verifies / n)) VERIFY)," \
     "median $med ms, min $(sed -n 's/^ms_min=//p' "$out") ms, max $(sed -n 's/^ms_max=//p' "$out") ms over $n reads"
awk -v m="$med" 'BEGIN { exit !(m < 10.0) }' && echo "card read + verify: under the 10 ms target" ||
  echo "card read + verify: ABOVE the 10 ms target"

# JPKI: token label and the 利用者証明用 certificate with its CA certificate, chain checked
"$BIN/card_probe" --trust "$LAB_TRUST" --repeat "$n" jpki >"$out" 2>&1 || { cat "$out"; exit 1; }
echo "JPKI certificate read + chain: $(sed -n 's/^apdus=//p' "$out") APDUs per read," \
     "median $(sed -n 's/^ms_median=//p' "$out") ms, min $(sed -n 's/^ms_min=//p' "$out") ms"
