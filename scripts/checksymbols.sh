#!/bin/sh
# checksymbols.sh OBJ...
# STYLE.md: every external symbol starts with its file's stem. Fails on any
# defined global symbol of an object whose name does not start with the stem
# of the source file (gen_* objects carry generated tables named gen_*).
set -eu
bad=0
for o in "$@"; do
  stem=$(basename "$o" .o)
  for sym in $(nm -g --defined-only "$o" | awk '$2 ~ /[TDRBC]/ {print $3}'); do
    case "$sym" in
      "$stem"_*|"$stem") ;;
      main) case "$stem" in main|vcard_main) ;; *) echo "$o: $sym"; bad=1;; esac ;;
      *) echo "$o: global symbol '$sym' lacks the prefix '${stem}_'"; bad=1 ;;
    esac
  done
done
[ "$bad" = 0 ] && echo "symbols: ok"
exit $bad
