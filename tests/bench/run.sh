#!/bin/sh
# make bench: every tests/bench/*.sh except this one, each printing its figures.
# A benchmark that cannot run here (exit 77) says why and is skipped.
set -u
here=$(cd "$(dirname "$0")" && pwd)
MG_ROOT=$(cd "$here/../.." && pwd)
: "${BIN:=$MG_ROOT/bin}"
export BIN MG_ROOT
rc=0
for b in "$here"/*.sh; do
  [ "$(basename "$b")" = run.sh ] && continue
  echo "== $(basename "$b" .sh)"
  sh "$b"
  r=$?
  case $r in 0) ;; 77) echo "(skipped)";; *) echo "benchmark $(basename "$b") failed: $r"; rc=1;; esac
done
exit $rc
