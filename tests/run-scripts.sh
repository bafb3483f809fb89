#!/bin/sh
# run-scripts.sh — run the script tests (tests/cli, tests/card, tests/e2e: t_*.sh)
# one at a time (the card stack has one pcscd per machine), each with a time
# limit, and end with the plain summary line "N passed, N failed".
# Environment: BIN (folder of the binaries). A test exits 0 (pass), 77 (skip)
# or anything else (fail); its output is shown only when it fails.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
: "${BIN:=$root/bin}"
export BIN MG_ROOT="$root"
# The tests read and grep UTF-8 text (Japanese, ’): whatever the caller's
# locale (CI may have none), the shell tools run in a UTF-8 one.
export LANG=C.UTF-8 LC_ALL=C.UTF-8
pass=0; fail=0; skip=0; failed=""
for t in $(ls "$here"/cli/t_*.sh "$here"/card/t_*.sh "$here"/e2e/t_*.sh 2>/dev/null | sort); do
  name=${t#"$here"/}
  log=$(mktemp)
  start=$(date +%s)
  timeout -k 10 600 sh "$t" > "$log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  case $rc in
    0)  pass=$((pass + 1)); echo "PASS $name (${secs}s)" ;;
    77) skip=$((skip + 1)); echo "SKIP $name: $(tail -n 1 "$log")" ;;
    *)  fail=$((fail + 1)); failed="$failed $name"; echo "FAIL $name (rc=$rc, ${secs}s)"; sed 's/^/    /' "$log" | tail -n 60 ;;
  esac
  rm -f "$log"
done
echo "script tests: $pass passed, $fail failed, $skip skipped"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
