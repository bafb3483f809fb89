#!/bin/sh
# t_audit_anchor.sh — the head of the operation log's chain as an anchor
# outside the file (rv-privacy finding 1), with the real binary:
# `audit verify` prints the head (SEQ:HASH, the last row's stored hash); a
# log whose tail was cut off behind the program's back (triggers dropped,
# rows deleted, sqlite_sequence set back, triggers put back) passes the
# chain alone but fails `--expect HEAD`; so does a log cut and then
# re-grown by the program itself (a consistent chain, a different row
# HEAD's seq); a missing append-only trigger fails with its name; a bad
# --expect is a usage error (exit 2).
set -u
AUDIT_TERMINAL=CLI-03
. "$MG_ROOT/tests/cli/audit_lib.sh"

# A log of 5 rows: two operators added, a lock, an unlock, another lock.
seed() {
  seed_base "$1" Anchor-Test-Pass
  "$M" operator lock --db "$1" --config "$C" --id C001 > /dev/null 2>&1 || fail "seed lock 2"
}
# verify DB WANT_RC [ARGS...]: output (stdout and stderr) in $T/out
verify() {
  db=$1; want=$2; shift 2
  "$M" --lang en audit verify --db "$db" --config "$C" "$@" > "$T/out" 2>&1
  rc=$?
  [ "$rc" = "$want" ] || { cat "$T/out"; fail "verify $db $*: rc $rc, want $want"; }
}
want() { grep -q -- "$1" "$T/out" || fail "want '$1', got: $(cat "$T/out")"; }
unwanted() { grep -q -- "$1" "$T/out" && fail "unwanted '$1' in: $(cat "$T/out")"; return 0; }
# the stored head of row N as the program prints it
row_head() { sqlite3 "$1" "SELECT printf('%07d', seq) || ':' || lower(hex(hash)) FROM audit WHERE seq = $2"; }
drop='DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;'
back="CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;"

D="$T/good.db"; seed "$D"
verify "$D" 0
want "intact: 5 rows"
want "^Head of the chain: 0000005:[0-9a-f]\{64\}$"
want "Record this head outside the system"
HEAD=$(sed -n 's/^Head of the chain: \([0-9]*:[0-9a-f]*\)$/\1/p' "$T/out")
[ "$HEAD" = "$(row_head "$D" 5)" ] || fail "printed head $HEAD is not row 5's stored hash"
# untouched: the recorded head holds (repeatable, upper-case hex accepted), and is logged
EARLY=$(row_head "$D" 3)
UPPER=$(printf '%s' "$HEAD" | tr 'a-f' 'A-F')
verify "$D" 0 --expect "$HEAD" --expect "$EARLY" --expect "$UPPER"
want "Recorded head $HEAD matches: the log up to row 5 is unchanged"
want "Recorded head $EARLY matches"
[ "$(sqlite3 "$D" "SELECT count(*) FROM audit WHERE action='review' AND detail LIKE 'verify=ok rows=% expect=3'")" = 1 ] \
  || fail "the anchored verification is not logged"
# Japanese: the same token with its own text
"$M" --lang ja audit verify --db "$D" --config "$C" > "$T/out" 2>&1 || fail "ja verify"
want "^チェーンの先頭: [0-9]\{7\}:[0-9a-f]\{64\}$"
want "システムの外"

# Truncation: triggers dropped, rows 4-5 deleted, sqlite_sequence set back, triggers back.
D="$T/cut.db"; seed "$D"
verify "$D" 0
HEAD=$(sed -n 's/^Head of the chain: \([0-9]*:[0-9a-f]*\)$/\1/p' "$T/out")
EARLY=$(row_head "$D" 3)
sqlite3 "$D" "$drop DELETE FROM audit WHERE seq >= 4;
  UPDATE sqlite_sequence SET seq = 3 WHERE name = 'audit'; $back" || fail "tamper cut"
verify "$D" 0                         # the chain alone cannot see it (README)
want "intact: 3 rows"
verify "$D" 1 --expect "$HEAD"
want "TAMPERED: row 5 of the recorded head no longer exists"
unwanted "intact"
unwanted "Head of the chain"
[ "$(sqlite3 "$D" "SELECT count(*) FROM audit WHERE action='review' AND detail='verify=bad expect=5'")" = 1 ] \
  || fail "the failed anchored verification is not logged"
verify "$D" 0 --expect "$EARLY"       # a head before the cut still holds
# one failing head among good ones fails the run
verify "$D" 1 --expect "$EARLY" --expect "$HEAD"

# Cut, then grown again by the program: a consistent chain, row 5 is another row.
D="$T/regrown.db"; seed "$D"
HEAD=$(row_head "$D" 5)
sqlite3 "$D" "$drop DELETE FROM audit WHERE seq >= 3;
  UPDATE sqlite_sequence SET seq = 2 WHERE name = 'audit'; $back" || fail "tamper regrow"
for i in 1 2 3; do
  "$M" operator unlock --db "$D" --config "$C" --id C001 > /dev/null 2>&1 || fail "regrow $i"
done
verify "$D" 0
want "intact: 5 rows"
verify "$D" 1 --expect "$HEAD"
want "TAMPERED: row 5 no longer matches the recorded head"

# A missing append-only trigger: its own failure, named; no head offered.
D="$T/notrig.db"; seed "$D"
sqlite3 "$D" "DROP TRIGGER audit_no_delete;" || fail "tamper trigger"
verify "$D" 1
want "NOT PROTECTED"
want "trigger audit_no_delete is missing"
unwanted "intact"
unwanted "Head of the chain"
[ "$(sqlite3 "$D" "SELECT count(*) FROM audit WHERE action='review' AND detail='verify=bad triggers'")" = 1 ] \
  || fail "the trigger failure is not logged"
# defused in place (never fires): changed
sqlite3 "$D" "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit WHEN 0 BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only'); END;" || fail "tamper trigger 2"
verify "$D" 1
want "trigger audit_no_delete was changed"
sqlite3 "$D" "DROP TRIGGER audit_no_delete; $(printf '%s' "$back" | sed -n '/audit_no_delete/,$p')" \
  || fail "restore trigger"
verify "$D" 0

# Bad --expect: a usage error naming the value, exit 2.
D="$T/good.db"
for bad in "5" "5:" "0000005:abc" "0:$(printf '%064d' 0)" "x:$(printf '%064d' 0)" \
           "5:$(printf '%063d' 0)" "5:$(printf '%064d' 0) " ""; do
  verify "$D" 2 --expect "$bad"
  want "expect takes a head as printed by audit verify"
done
"$M" audit report --db "$D" --config "$C" --month "$(date +%Y-%m)" --expect "$HEAD" > "$T/out" 2>&1
[ $? = 2 ] || fail "--expect with report must be a usage error"
# The monthly report names the head at its time.
"$M" --lang en audit report --db "$D" --config "$C" --month "$(date +%Y-%m)" > "$T/out" 2>&1 \
  || fail "report"
want "Head of the chain at this review: [0-9]\{7\}:[0-9a-f]\{64\}"
echo "audit anchor ok"
exit 0
