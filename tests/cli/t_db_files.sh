#!/bin/sh
# The registry file from the command line (rv21seed F2-F5): a file that is not
# SQLite, a missing folder, a link to nothing, another program's database with a schema version,
# a damaged page and a read-only registry each get a message that names the
# cause, and none of them is written to (not even its journal mode). After a
# read-only refusal, making the file writable is all the administrator has to
# do (no read-only -wal/-shm left behind).
set -eu
: "${BIN:?}"
d=$(mktemp -d /tmp/mg-dbfiles.XXXXXX)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
M="$BIN/madoguchi"
sum() { md5sum < "$1"; }

# refused CMD... — the command exits 1 and its output matches $want;
# $f keeps its bytes and gets no -wal/-journal beside it
refused() {
  before=$(sum "$f")
  st=0; "$M" --lang en "$@" > "$d/out" 2>&1 || st=$?
  [ "$st" = 1 ] || fail "$*: exit $st: $(cat "$d/out")"
  grep -q "$want" "$d/out" || fail "$*: not '$want': $(cat "$d/out")"
  [ "$(sum "$f")" = "$before" ] || fail "$*: $f was changed"
  [ ! -e "$f-wal" ] && [ ! -e "$f-journal" ] || fail "$*: a -wal or -journal was made"
}

# not an SQLite file (a path mixed up with /etc/passwd): not "damaged"
f=$d/passwd.db
yes 'root:x:0:0:root:/root:/bin/bash' | head -n 300 > "$f"
want='is not an SQLite database'
refused date-job --db "$f"
refused audit verify --db "$f"
refused init --db "$f" --municipality 282146 --name 宝塚市

# a missing folder, for init and the others
want='folder of the registry path does not exist'
st=0; "$M" --lang en init --db "$d/no/such/r.db" --municipality 282146 --name 宝塚市 > "$d/out" 2>&1 || st=$?
[ "$st" = 1 ] && grep -q "$want" "$d/out" || fail "init in a missing folder: exit $st: $(cat "$d/out")"
[ ! -e "$d/no" ] || fail "init made the folder"
# a symbolic link to nothing (db_path on a share that is not mounted)
ln -s "$d/share/r.db" "$d/link.db"
for cmd in "date-job --db $d/link.db" "init --db $d/link.db --municipality 282146 --name x"; do
  st=0; "$M" --lang en $cmd > "$d/out" 2>&1 || st=$?
  [ "$st" = 1 ] && grep -q 'symbolic link to a file that does not exist' "$d/out" ||
    fail "$cmd: exit $st: $(cat "$d/out")"
done
[ ! -e "$d/share" ] || fail "something was made behind the link"

# another program's database with a schema version of its own, in
# rollback-journal mode: foreign, untouched (before, only user_version 0 was)
f=$d/notes.db
sqlite3 "$f" "CREATE TABLE notes (id INTEGER PRIMARY KEY, t TEXT); INSERT INTO notes (t) VALUES ('x');
              PRAGMA user_version = 17"
want='not a resident register'
refused date-job --db "$f"
refused init --db "$f" --municipality 282146 --name 宝塚市
[ "$(sqlite3 "$f" "PRAGMA journal_mode")" = delete ] || fail "the foreign file went to WAL"

# a registry of a newer program, in rollback-journal mode (a restore made with
# the sqlite3 shell): refused with its header as it was
f=$d/newer.db
"$M" init --db "$f" --municipality 282146 --name 宝塚市 > /dev/null
sqlite3 "$f" "PRAGMA journal_mode = DELETE; PRAGMA user_version = 9999" > /dev/null
want='newer version of madoguchi'
refused date-job --db "$f"

# a damaged page that opening does not read: the daily job and the
# administrator's check both say so, and the job writes nothing
f=$d/damaged.db
"$M" init --db "$f" --municipality 282146 --name 宝塚市 > /dev/null
root=$(sqlite3 "$f" "SELECT rootpage FROM sqlite_master WHERE name = 'resident_history'")
psize=$(sqlite3 "$f" "PRAGMA page_size")
[ ! -e "$f-wal" ] || fail "init left a -wal"
printf '\356\356\356\356\356\356\356\356' |
  dd of="$f" bs=1 seek=$(( (root - 1) * psize )) conv=notrunc status=none
sqlite3 "$f" "PRAGMA integrity_check" 2>&1 | grep -qv '^ok$' || fail "the damage did not take"
want='database is damaged'
before=$(sum "$f")
st=0; "$M" --lang en date-job --db "$f" > "$d/out" 2>&1 || st=$?
[ "$st" = 1 ] && grep -q "$want" "$d/out" || fail "date-job on a damaged registry: exit $st: $(cat "$d/out")"
st=0; "$M" --lang en audit verify --db "$f" > "$d/out" 2>&1 || st=$?
[ "$st" = 1 ] && grep -q "$want" "$d/out" || fail "audit verify on a damaged registry: exit $st: $(cat "$d/out")"
[ "$(sum "$f")" = "$before" ] || fail "the damaged registry was written"

# a read-only registry (as nobody when root, who may write any file): refused
# before SQLite opens it; a chmod is then all it takes
f=$d/ro/ro.db
mkdir "$d/ro"
"$M" init --db "$f" --municipality 282146 --name 宝塚市 > /dev/null
chmod 0400 "$f"
as=
if [ "$(id -u)" = 0 ]; then
  chown -R 65534:65534 "$d/ro"
  chmod 755 "$d"
  as="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
st=0; $as "$M" --lang en date-job --db "$f" > "$d/out" 2>&1 || st=$?
[ "$st" = 1 ] && grep -q 'cannot be written (read-only)' "$d/out" ||
  fail "a read-only registry: exit $st: $(cat "$d/out")"
[ ! -e "$f-wal" ] && [ ! -e "$f-shm" ] || fail "the refusal left $(ls "$d/ro")"
chmod 0600 "$f"
$as "$M" --lang en date-job --db "$f" > "$d/out" 2>&1 ||
  fail "still refused after chmod 0600: $(cat "$d/out")"
echo "wrong, foreign, newer, damaged and read-only registry files refused by name, unwritten"
