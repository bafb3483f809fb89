#!/bin/sh
# t_audit_harden.sh — the operation log against a rebuilt table (rows dropped silently),
# account administration naming the Unix account, `audit report` checking the chain
# first, a newer registry left untouched, and a read-only evidence copy in a folder
# nobody may write (verdict given, nothing created beside it; run as nobody when root).
set -u
AUDIT_TERMINAL=CLI-05
. "$MG_ROOT/tests/cli/audit_lib.sh"
month=$(date +%Y-%m)

# Account administration with a terminal id names the Unix account too.
D="$T/r.db"; seed_base "$D" Harden-Test-Pass
[ "$(sqlite3 "$D" "SELECT terminal FROM audit WHERE seq=1")" = CLI-05 ] || fail "terminal id not kept"
sqlite3 "$D" "SELECT detail FROM audit WHERE seq=1" | grep -q "^add role=admin unix=uid$(id -u)@" ||
  fail "no Unix account: $(sqlite3 "$D" "SELECT detail FROM audit WHERE seq=1")"
# The report lists them under account and settings changes, after the verdict.
"$M" --lang en audit report --db "$D" --config "$C" --month "$month" > "$T/out" 2>&1 ||
  fail "report: $(cat "$T/out")"
head -n 1 "$T/out" | grep -q "^Chain check: intact (4 rows)" || fail "verdict not first: $(cat "$T/out")"
grep -q "^Account and settings changes: 4" "$T/out" || fail "no changes section: $(cat "$T/out")"
grep -q "operator C001 lock unix=uid" "$T/out" || fail "lock row not listed"
grep -q "Head of the chain at this review" "$T/out" || fail "no head on an intact log"

# A tampered log: the report is printed, exits 1 and offers no head.
cp "$D" "$T/v.db"
sqlite3 "$T/v.db" "DROP TRIGGER audit_no_update; UPDATE audit SET detail='x' WHERE seq=3;
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only'); END;" || fail "tamper"
st=0; "$M" --lang en audit report --db "$T/v.db" --config "$C" --month "$month" > "$T/out" 2>&1 || st=$?
[ "$st" = 1 ] || fail "report on a tampered log: exit $st"
head -n 1 "$T/out" | grep -q "TAMPERED: first bad row 3" || fail "verdict: $(cat "$T/out")"
grep -q "Operation log review for $month" "$T/out" || fail "no review printed"
grep -q "Head of the chain" "$T/out" && fail "a head offered on a tampered log"

# The table rebuilt to drop new 'operator' rows: the add fails, verify fails.
cp "$D" "$T/s.db"
sqlite3 "$T/s.db" "BEGIN; DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
CREATE TABLE audit_new (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, operator TEXT NOT NULL,
  terminal TEXT NOT NULL, action TEXT NOT NULL, target TEXT, detail TEXT,
  prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32), hash BLOB NOT NULL CHECK (length(hash) = 32),
  keep INTEGER GENERATED ALWAYS AS (CASE WHEN action = 'operator' AND seq > 4 THEN NULL ELSE 1 END)
  VIRTUAL NOT NULL ON CONFLICT IGNORE);
INSERT INTO audit_new (seq, at, operator, terminal, action, target, detail, prev_hash, hash)
  SELECT seq, at, operator, terminal, action, target, detail, prev_hash, hash FROM audit;
DROP TABLE audit; ALTER TABLE audit_new RENAME TO audit;
INSERT OR REPLACE INTO sqlite_sequence (name, seq) VALUES ('audit', 4);
DELETE FROM sqlite_sequence WHERE name = 'audit_new';
CREATE INDEX audit_at ON audit(at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;
COMMIT;" || fail "rebuild"
st=0; printf 'Evil-Admin-Pass-1\n' | "$M" --lang en operator add --db "$T/s.db" --config "$C" \
  --id E001 --name E --role admin --password-fd 0 > "$T/out" 2>&1 || st=$?
[ "$st" != 0 ] || fail "an account was added with no log row"
[ "$(sqlite3 "$T/s.db" "SELECT count(*) FROM operator WHERE id='E001'")" = 0 ] || fail "E001 stored"
st=0; "$M" --lang en audit verify --db "$T/s.db" --config "$C" > "$T/out" 2>&1 || st=$?
[ "$st" = 1 ] || fail "verify of the rebuilt table: exit $st"
grep -q "log table audit was rebuilt or changed" "$T/out" || fail "verdict: $(cat "$T/out")"

# A newer registry: refused, nothing appended.
cp "$D" "$T/n.db"; sqlite3 "$T/n.db" "PRAGMA user_version = 9999"
n=$(sqlite3 "$T/n.db" "SELECT count(*) FROM audit")
st=0; "$M" --lang en audit verify --db "$T/n.db" > "$T/out" 2>&1 || st=$?
[ "$st" = 1 ] && grep -q "newer version" "$T/out" || fail "newer registry: exit $st $(cat "$T/out")"
[ "$(sqlite3 "$T/n.db" "SELECT count(*) FROM audit")" = "$n" ] || fail "a row was appended"

# A read-only evidence copy (0444) in a folder nobody may write: a verdict (4 rows + the
# report's review row), no -wal/-shm.
E="$T/ev"; mkdir "$E"; cp "$D" "$E/ev.db"; chmod 444 "$E/ev.db"; chmod 555 "$E"
run=""
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null 2>&1; then
  chmod 755 "$T"; cp "$M" "$T/mg"; chmod 755 "$T/mg"
  run="setpriv --reuid=65534 --regid=65534 --clear-groups"; M2="$T/mg"
else
  M2="$M"
fi
st=0; $run "$M2" --lang en audit verify --db "$E/ev.db" > "$T/out" 2>&1 || st=$?
chmod 755 "$E"
[ "$st" = 0 ] || fail "evidence copy: exit $st $(cat "$T/out")"
grep -q "intact: 5 rows" "$T/out" || fail "no verdict: $(cat "$T/out")"
if [ -n "$run" ] || [ "$(id -u)" != 0 ]; then
  grep -q "was not recorded" "$T/out" || fail "not told the check was not logged: $(cat "$T/out")"
fi
[ ! -e "$E/ev.db-wal" ] && [ ! -e "$E/ev.db-shm" ] || fail "files left beside the copy"
echo "audit hardening ok"
exit 0
