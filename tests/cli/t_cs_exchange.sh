#!/bin/sh
# t_cs_exchange.sh — the CS exchange file is created only by `cs-init`
# (review rv-input 2): `deliver` refuses a missing path, a folder, a file that
# is not SQLite and a database without the message table, naming the path
# and the cause (not the generic CS sentence), writes nothing to it and
# leaves the outbox unsent. cs-init creates a 0600 exchange, leaves an
# existing one alone and never overwrites another file; delivery then works.
# A read-only exchange gets its own message and leaves no -wal / -shm.
set -eu
: "${BIN:?}"
d=$(mktemp -d /tmp/mg-csx.XXXXXX)
trap 'rm -rf "$d"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 is not installed"; exit 77; }
[ -x "$BIN/mg_tokurei_prep" ] || { echo "tests/tools/mg_tokurei_prep not built"; exit 77; }
M="$BIN/madoguchi"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# init and demo-seed under a test configuration, whatever configuration file
# this machine has (demo-seed refuses a production one)
printf 'mode = test\n' > "$d/test.conf"
"$M" --config "$d/test.conf" init --db "$d/tsu.db" --municipality 242012 --name 津市 >/dev/null
"$M" --config "$d/test.conf" demo-seed --db "$d/tsu.db" --residents 50 --seed 1 >/dev/null
"$BIN/mg_tokurei_prep" "$d/tsu.db" 2025-04-01 282146 2025-04-10 > "$d/prep" || fail "特例転出"
n=$(sqlite3 "$d/tsu.db" "SELECT count(*) FROM outbox")
[ "$n" -ge 1 ] || fail "nothing in the outbox"
unsent() { [ "$(sqlite3 "$d/tsu.db" "SELECT count(*) FROM outbox")" = "$n" ] || fail "outbox changed: $1"; }
refused() { # refused PATH WORD — deliver fails, names PATH and says WORD
  st=0; "$M" --lang ja deliver --db "$d/tsu.db" --cs "$1" > "$d/out" 2>&1 || st=$?
  [ "$st" = 1 ] || fail "deliver --cs $1: exit $st"
  grep -qF "$1" "$d/out" || fail "message does not name $1: $(cat "$d/out")"
  grep -qF "$2" "$d/out" || fail "message for $1 does not say '$2': $(cat "$d/out")"
  ! grep -qF 'CS（交換データベース）との連携に失敗' "$d/out" || fail "generic message for $1"
  unsent "$1"
}

refused "$d/typo-cs.db" 'ありません'
[ ! -e "$d/typo-cs.db" ] || fail "deliver created the exchange file"
mkdir "$d/dir"
refused "$d/dir" '通常のファイルではありません'
printf 'not an exchange\n' > "$d/text"
refused "$d/text" 'CS の交換ファイルではありません'
[ "$(cat "$d/text")" = 'not an exchange' ] || fail "the text file was changed"
: > "$d/empty"
refused "$d/empty" 'CS の交換ファイルではありません'
[ ! -s "$d/empty" ] || fail "the empty file was filled"
refused "$d/tsu.db" 'CS の交換ファイルではありません'
[ "$(sqlite3 "$d/tsu.db" "SELECT count(*) FROM sqlite_schema WHERE name = 'message'")" = 0 ] ||
  fail "the registry got a message table"
[ "$(sqlite3 "$d/tsu.db" "SELECT count(*) FROM audit WHERE action = 'deliver'")" = 0 ] ||
  fail "a refused delivery was logged as a delivery"

# cs-init: refuses what is not an exchange, creates, then leaves it alone.
st=0; "$M" --lang ja cs-init --cs "$d/text" > "$d/out" 2>&1 || st=$?
[ "$st" = 1 ] && grep -qF "$d/text" "$d/out" || fail "cs-init over a text file: $st $(cat "$d/out")"
[ "$(cat "$d/text")" = 'not an exchange' ] || fail "cs-init overwrote a file"
st=0; "$M" cs-init > "$d/out" 2>&1 || st=$?
[ "$st" = 2 ] || fail "cs-init without --cs: exit $st"
"$M" --lang ja cs-init --cs "$d/cs.db" > "$d/out" 2>&1 || fail "cs-init: $(cat "$d/out")"
grep -qF '作成しました' "$d/out" || fail "cs-init message: $(cat "$d/out")"
[ "$(stat -c %a "$d/cs.db")" = 600 ] || fail "exchange mode $(stat -c %a "$d/cs.db")"
"$M" --lang ja cs-init --cs "$d/cs.db" > "$d/out" 2>&1 || fail "cs-init again: $(cat "$d/out")"
grep -qF 'すでにあります' "$d/out" || fail "cs-init again: $(cat "$d/out")"
"$M" deliver --db "$d/tsu.db" --cs "$d/cs.db" > "$d/out" 2>&1 || fail "deliver: $(cat "$d/out")"
[ "$(sqlite3 "$d/tsu.db" "SELECT count(*) FROM outbox")" = 0 ] || fail "not sent"
[ "$(sqlite3 "$d/cs.db" "SELECT count(*) FROM message")" = "$n" ] || fail "not in the exchange"
# 宝塚市 receives on a day near the planned date (a date a year away is refused).
printf 'mode = test\n' > "$d/test.conf"
"$M" --config "$d/test.conf" init --db "$d/tz.db" --municipality 282146 --name 宝塚市 >/dev/null
"$M" --config "$d/test.conf" deliver --db "$d/tz.db" --cs "$d/cs.db" --today 2025-04-02 > /dev/null 2>&1 ||
  fail "deliver 宝塚市"
[ "$(sqlite3 "$d/tz.db" "SELECT count(*) FROM tokurei_inbox")" = 1 ] || fail "not received"

# A read-only exchange folder, then a read-only exchange file (rv19cs 6): each
# gets the read-only message naming the path, the outbox stays, and no -wal or
# -shm file is left behind; made writable again, delivery works at once. Root
# ignores file modes, so a root run checks this as nobody.
as_user() {
  if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi
}
r="$d/ro"; mkdir -p "$r/x"; chmod 755 "$d"
"$M" --config "$d/test.conf" init --db "$r/tsu.db" --municipality 242012 --name 津市 >/dev/null
"$M" --config "$d/test.conf" demo-seed --db "$r/tsu.db" --residents 50 --seed 1 >/dev/null
"$BIN/mg_tokurei_prep" "$r/tsu.db" 2025-04-01 282146 2025-04-10 > "$d/prep" || fail "特例転出 (ro)"
"$M" cs-init --cs "$r/x/cs.db" >/dev/null
[ "$(id -u)" != 0 ] || chown -R 65534:65534 "$r"
m=$(sqlite3 "$r/tsu.db" "SELECT count(*) FROM outbox")
[ "$m" -ge 1 ] || fail "nothing in the outbox (ro)"
ro_refused() { # ro_refused WHAT
  st=0; as_user "$M" --lang ja deliver --db "$r/tsu.db" --cs "$r/x/cs.db" > "$d/out" 2>&1 || st=$?
  [ "$st" = 1 ] || fail "deliver with $1: exit $st $(cat "$d/out")"
  grep -qF "$r/x/cs.db" "$d/out" || fail "$1: the path is not named: $(cat "$d/out")"
  grep -qF '交換ファイルに書き込めません（読み取り専用）' "$d/out" || fail "$1: $(cat "$d/out")"
  [ ! -e "$r/x/cs.db-shm" ] && [ ! -e "$r/x/cs.db-wal" ] || fail "$1: -shm or -wal left"
  [ "$(sqlite3 "$r/tsu.db" "SELECT count(*) FROM outbox")" = "$m" ] || fail "$1: outbox changed"
}
chmod 555 "$r/x"
ro_refused "a read-only folder"
chmod 755 "$r/x"; chmod 444 "$r/x/cs.db"
ro_refused "a read-only file"
chmod 644 "$r/x/cs.db"
as_user "$M" deliver --db "$r/tsu.db" --cs "$r/x/cs.db" > "$d/out" 2>&1 ||
  fail "deliver once writable: $(cat "$d/out")"
[ "$(sqlite3 "$r/tsu.db" "SELECT count(*) FROM outbox")" = 0 ] || fail "not sent once writable"
# A link to the exchange from a folder nobody may write (rv20 2): judged by
# the target's folder, where SQLite makes the -wal and -shm files.
mkdir "$r/links"; ln -s "$r/x/cs.db" "$r/links/cs.db"
[ "$(id -u)" != 0 ] || chown root:root "$r/links"
chmod 555 "$r/links"
as_user "$M" --lang ja deliver --db "$r/tsu.db" --cs "$r/links/cs.db" > "$d/out" 2>&1 ||
  fail "deliver through a link: $(cat "$d/out")"
echo "exchange: refused 5 ways with the path named, created only by cs-init, then delivered;"
echo "a read-only folder or file: its own message, nothing left behind, then delivered;"
echo "a link from a read-only folder to a writable exchange: delivered"
