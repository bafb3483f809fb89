#!/bin/sh
# t_audit_cli.sh — `madoguchi audit verify|report`: a good chain exits 0; a row
# changed, removed or inserted behind the program's back (sqlite3 shell, triggers
# dropped) exits 1 naming the first bad row; the report in text and CSV.
set -u
AUDIT_TERMINAL=CLI-02
. "$MG_ROOT/tests/cli/audit_lib.sh"

# A log of 5 rows: two operators added, a lock, an unlock, a password change.
seed() {
  seed_base "$1" Audit-Test-Pass
  printf 'Audit-Test-Pass-3\n' | "$M" operator passwd --db "$1" --config "$C" --id C001 \
    --password-fd 0 > /dev/null 2>&1 || fail "seed passwd"
}
# verify DB WANT_RC WANT_TEXT
check() {
  "$M" --lang en audit verify --db "$1" --config "$C" > "$T/out" 2>&1
  rc=$?
  [ "$rc" = "$2" ] || { cat "$T/out"; fail "verify $1: rc $rc, want $2"; }
  grep -q -- "$3" "$T/out" || fail "verify $1: want '$3', got: $(cat "$T/out")"
}
drop='DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;'

D="$T/good.db"; seed "$D"
check "$D" 0 "intact: 5 rows"
# the program itself cannot change or delete rows
sqlite3 "$D" "UPDATE audit SET detail='x' WHERE seq=2" 2> /dev/null && fail "UPDATE was allowed"
sqlite3 "$D" "DELETE FROM audit WHERE seq=2" 2> /dev/null && fail "DELETE was allowed"
check "$D" 0 "intact: 6 rows"      # the verify run above added its review row

D="$T/changed.db"; seed "$D"
sqlite3 "$D" "$drop UPDATE audit SET target='C999' WHERE seq=3;" || fail "tamper"
check "$D" 1 "first bad row 3: the row.s content was changed"
grep -q "append-only are missing" "$T/out" || fail "no warning about the dropped triggers"

D="$T/removed.db"; seed "$D"
sqlite3 "$D" "$drop DELETE FROM audit WHERE seq=2;" || fail "tamper"
check "$D" 1 "first bad row 2: this row is missing"

D="$T/tail.db"; seed "$D"
sqlite3 "$D" "$drop DELETE FROM audit WHERE seq=5;" || fail "tamper"
check "$D" 1 "first bad row 5: rows were removed from the end"

D="$T/inserted.db"; seed "$D"
sqlite3 "$D" "INSERT INTO audit (at, operator, terminal, action, target, detail, prev_hash, hash)
  SELECT at, 'C001', 'CLI-02', 'view', '1000001', NULL, hash, randomblob(32) FROM audit WHERE seq=5;" \
  || fail "tamper"
check "$D" 1 "first bad row 6"

D="$T/order.db"; seed "$D"
sqlite3 "$D" "$drop UPDATE audit SET seq=100 WHERE seq=2; UPDATE audit SET seq=2 WHERE seq=3;
  UPDATE audit SET seq=3 WHERE seq=100; UPDATE sqlite_sequence SET seq=5 WHERE name='audit';" \
  || fail "tamper"
check "$D" 1 "first bad row 2"

# the monthly report
D="$T/good.db"
month=$(date +%Y-%m)
"$M" --lang en audit report --db "$D" --config "$C" --month "$month" > "$T/out" 2>&1 \
  || { cat "$T/out"; fail "report"; }
grep -q "Operation log review for $month" "$T/out" || fail "report title: $(cat "$T/out")"
grep -q "(system): searches 0" "$T/out" || fail "report operator line: $(cat "$T/out")"
grep -q "Failed logins and locks: 0" "$T/out" || fail "report failures"
"$M" audit report --db "$D" --config "$C" --month "$month" --csv > "$T/out" 2>&1 || fail "csv"
head -n 1 "$T/out" | grep -q "^section,operator,searches,views,reveals,commits,logins,failed_logins,locks,off_hours$" \
  || fail "csv header: $(head -n 1 "$T/out")"
grep -q "^section,seq,time,operator,terminal,action,target$" "$T/out" || fail "csv item header"
"$M" audit report --db "$D" --config "$C" --month 2025-13 > /dev/null 2>&1
[ $? = 2 ] || fail "bad month must exit 2"
"$M" audit report --db "$D" --config "$C" > /dev/null 2>&1
[ $? = 2 ] || fail "missing --month must exit 2"
"$M" audit verify --db "$T/none.db" > /dev/null 2>&1
[ $? = 1 ] || fail "missing database must exit 1"
check "$D" 0 "intact"
# A test configuration never opens a production registry, not even to audit
# it (its terminal id would land in the log): refused, and no row is added.
printf 'mode = test\nterminal_id = TEST-99\n' > "$T/test.conf"
rows=$(sqlite3 "$D" "SELECT count(*) FROM audit")
"$M" --lang en audit verify --db "$D" --config "$T/test.conf" > "$T/out" 2>&1
[ $? = 1 ] || fail "audit under a test configuration must exit 1"
grep -q "production registry" "$T/out" || fail "production guard message: $(cat "$T/out")"
[ "$(sqlite3 "$D" "SELECT count(*) FROM audit")" = "$rows" ] || fail "the refused audit wrote a row"
sqlite3 "$D" "SELECT count(*) FROM audit WHERE terminal = 'TEST-99'" | grep -qx 0 \
  || fail "a test terminal in a production log"
echo "audit CLI ok"
exit 0
