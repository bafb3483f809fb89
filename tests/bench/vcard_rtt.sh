#!/bin/sh
# vcard_rtt.sh — APDU round trip through the real pcscd + vpcd + madoguchi-vcard
# (SCardTransmit of a SELECT, 2000 times). With TCP_QUICKACK on the card side it
# is ~0.1–0.2 ms; without it ~48 ms (spec/pcsc-lab.md §5).
# Environment: BIN, MG_ROOT (as tests/run-scripts.sh sets them). Exit 77 = skipped.
set -u
: "${MG_ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$MG_ROOT/tests/card/lab.sh"
lab_profile bench >/dev/null || exit 1
lab_start "$LAB_DIR/bench.profile" || exit 1
"$LAB_VCARD" rtt --reader "$LAB_READER" --count 100 >/dev/null || exit 1     # warm-up
"$LAB_VCARD" rtt --reader "$LAB_READER" --count "${VCARD_RTT_COUNT:-2000}"
