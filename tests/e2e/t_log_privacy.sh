#!/bin/sh
# t_log_privacy.sh — issue 5: the log files never receive 個人番号, names,
# addresses or birth dates. A full 転入 runs through the TUI (t_tennyu_ok.sh
# does it and checks the registry); afterwards every log file of the run is
# searched for each personal item typed, and for the seeded residents' data.
. "$MG_ROOT/tests/e2e/lib.sh"
# Run the whole 転入 workflow, keeping its folder for the inspection.
keep=$(mktemp -d /tmp/mg-logpriv.XXXXXX)
trap 'rm -rf "$keep"' EXIT
E2E_KEEP=1 TMPDIR="$keep" sh "$MG_ROOT/tests/e2e/t_tennyu_ok.sh" > "$keep/run.txt" 2>&1 ||
  { cat "$keep/run.txt"; echo "the 転入 run failed"; exit 1; }
dir=$(find "$keep" -maxdepth 1 -mindepth 1 -type d | head -n 1)
[ -n "$dir" ] && [ -f "$dir/registry.db" ] || { echo "no kept run folder"; exit 1; }
logs=$(find "$dir" -name '*.log' -type f)
[ -n "$logs" ] || { echo "no log file was written"; exit 1; }
bad=0
# What the clerk typed: names, kana, 個人番号, 住民票コード, addresses, birth dates.
for s in '山田' 'ヤマダ' '987654321018' '12345678901' '12345678902' '千代田' '栄町' '3番5号' \
         'メゾン' '1980-02-17' 'S55.2.17' '2008-05-05' '昭和55'; do
  if grep -l -F "$s" $logs >/dev/null 2>&1; then echo "log holds personal data: $s"; bad=1; fi
done
# And the seeded residents' 個人番号 (12 digits) never appear either.
if grep -E -l '(^|[^0-9])[0-9]{12}([^0-9]|$)' $logs >/dev/null 2>&1; then
  echo "a 12-digit number (個人番号?) is in a log file"; bad=1
fi
[ "$bad" = 0 ] || { for f in $logs; do echo "== $f"; cat "$f"; done; exit 1; }
echo "log files checked: $(echo $logs | wc -w), no personal data"
