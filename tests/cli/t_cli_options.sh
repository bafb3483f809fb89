#!/bin/sh
# Command-line options (review rv5 L6): an option without its value and an
# option given twice are named, with exit 2, never taken silently (the last
# --municipality used to win); --pref can only repeat the code's 都道府県;
# operator ids and names, and card --pin-fd, are refused with their rule;
# a missing --db is a usage error (2); a CS exchange locked by another
# terminal says so (retry) and loses nothing.
set -eu
: "${BIN:?}"
d=$(mktemp -d /tmp/mg-cliopt.XXXXXX)
lockpid=
trap '[ -n "$lockpid" ] && kill "$lockpid" 2>/dev/null; rm -rf "$d"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
M="$BIN/madoguchi"
export MG_CONFIG="$d/none.conf"

# expect STATUS PATTERN ARGS...: exit status and a message matching PATTERN.
expect() {
  want=$1 pat=$2; shift 2
  st=0; "$M" --lang en "$@" > "$d/out" 2>&1 || st=$?
  [ "$st" = "$want" ] || fail "$*: exit $st, want $want: $(cat "$d/out")"
  grep -q -- "$pat" "$d/out" || fail "$*: no '$pat' in: $(cat "$d/out")"
}

expect 2 '--db needs a value' --db
expect 2 '--lang needs a value' --lang
expect 2 '--id needs a value' operator add --id
expect 2 '--db needs a value' audit verify --db
expect 2 'unknown option: --nosuch' init --nosuch
expect 2 '--db is given twice' --db "$d/a.db" init --db "$d/b.db" --municipality 282146 --name 宝塚市
expect 2 '--municipality is given twice' init --db "$d/r.db" --municipality 282146 \
  --municipality 242012 --name 宝塚市
expect 2 '--name is given twice' init --db "$d/r.db" --municipality=282146 --name=宝塚市 --name=x
[ -e "$d/r.db" ] && fail "a refused init created the registry"
[ -e "$d/a.db" ] || [ -e "$d/b.db" ] && fail "a refused init created a registry"
expect 2 'does not match the prefecture of code 282146' init --db "$d/r.db" \
  --municipality 282146 --name 宝塚市 --pref 東京都
expect 2 'does not match' init --db "$d/r.db" --municipality 282146 --name 宝塚市 \
  --pref "$(head -c 100000 /dev/zero | tr '\0' a)"
expect 2 'does not match' init --db "$d/r.db" --municipality 282146 --name 宝塚市 \
  --pref "$(printf 'Hyogo\377')"
[ -e "$d/r.db" ] && fail "a refused --pref created the registry"
"$M" init --db "$d/r.db" --municipality 282146 --name 宝塚市 --pref 兵庫県 > /dev/null ||
  fail "init with the right --pref"
[ "$(sqlite3 "$d/r.db" "SELECT pref_name FROM municipality")" = 兵庫県 ] || fail "pref_name"

expect 2 '--id takes an operator id' operator add --db "$d/r.db" --id 'a b' --name x --role clerk
expect 2 '--id takes an operator id' operator passwd --db "$d/r.db" --id "$(printf 'x\033[2J')"
expect 2 '--name takes a name of at most 96 bytes' operator add --db "$d/r.db" --id clerk9 \
  --name "$(printf 'あ%.0s' $(seq 40))" --role clerk
[ "$(sqlite3 "$d/r.db" "SELECT count(*) FROM operator")" = 0 ] || fail "an operator was added"
expect 2 '--pin-fd takes an open file descriptor' card read --pin-fd 99
expect 2 '--pin-fd takes an open file descriptor' card read --pin-fd x
expect 2 '--db is required' date-job
expect 2 '--db is required' deliver
expect 2 '--db is required' demo-seed --residents 1

# The exchange locked by another terminal: its own message, the message kept.
"$M" cs-init --cs "$d/cs.db" > /dev/null
sqlite3 "$d/r.db" "INSERT INTO outbox (seq, msg_id, kind, to_code, created_at, payload)
  VALUES (1, '282146-000000001', 'honnin_update', 'CS', '2025-01-01T00:00:00', 'v=1');
  INSERT OR REPLACE INTO counter (name, value) VALUES ('msg', 1);"
mkfifo "$d/fifo"
sqlite3 "$d/cs.db" < "$d/fifo" > /dev/null 2>&1 &
lockpid=$!
exec 3> "$d/fifo"
# A busy timeout: the probe below may hold the lock for an instant just as
# this BEGIN runs, which would otherwise fail it and leave no lock at all.
printf '.timeout 10000\nBEGIN IMMEDIATE; UPDATE message SET fetched_at = fetched_at;\n' >&3
i=0
while sqlite3 "$d/cs.db" "BEGIN IMMEDIATE; ROLLBACK;" 2>/dev/null; do
  i=$((i + 1)); [ $i -lt 100 ] || fail "the lock was not taken"; sleep 0.05
done
expect 1 'in use by another terminal' deliver --db "$d/r.db" --cs "$d/cs.db"
[ "$(sqlite3 "$d/r.db" "SELECT count(*) FROM outbox")" = 1 ] || fail "the message left the outbox"
exec 3>&-
wait "$lockpid" 2>/dev/null || true
lockpid=
"$M" deliver --db "$d/r.db" --cs "$d/cs.db" > /dev/null || fail "deliver after the lock"
[ "$(sqlite3 "$d/r.db" "SELECT count(*) FROM outbox")" = 0 ] || fail "not sent after the lock"
[ "$(sqlite3 "$d/cs.db" "SELECT count(*) FROM message")" = 1 ] || fail "not in the exchange"

# The configuration's lang is every subcommand's language unless --lang
# says otherwise, and audit takes the configuration's db_path like the
# others (rv5 admin §9). The environment (C.UTF-8) would choose Japanese.
printf 'mode = test\nlang = en\ndb_path = %s\n' "$d/cfg.db" > "$d/en.conf"
"$M" --config "$d/en.conf" init --municipality 282146 --name 宝塚市 > "$d/out" 2>&1 ||
  fail "init with the configuration's db_path: $(cat "$d/out")"
"$M" --config "$d/en.conf" date-job > "$d/out" 2>&1 || fail "date-job: $(cat "$d/out")"
grep -q '^Removed 0 persons' "$d/out" || fail "date-job ignored lang = en: $(cat "$d/out")"
"$M" --config "$d/en.conf" --lang ja date-job > "$d/out" 2>&1 || fail "date-job --lang ja"
grep -q '転出予定日を迎えた 0 人' "$d/out" || fail "--lang ja did not win: $(cat "$d/out")"
"$M" --config "$d/en.conf" audit verify > "$d/out" 2>&1 ||
  fail "audit verify with the configuration's db_path: $(cat "$d/out")"
grep -q '^Operation log intact' "$d/out" || fail "audit ignored lang = en: $(cat "$d/out")"
"$M" --config "$d/en.conf" cs-init --cs "$d/cs2.db" > "$d/out" 2>&1 || fail "cs-init"
grep -q "^Exchange file $d/cs2.db created" "$d/out" || fail "cs-init ignored lang = en: $(cat "$d/out")"

# SUBCOMMAND --help is a question, not an error: its usage on stdout, exit 0,
# for every subcommand the program lists (rv5 admin §9); --today and
# --reader are in the program's usage.
for sub in $("$M" --lang en --help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p'); do
  st=0; "$M" --lang en "$sub" --help > "$d/out" 2> "$d/err" || st=$?
  [ "$st" = 0 ] || fail "$sub --help: exit $st"
  [ -s "$d/err" ] && fail "$sub --help wrote to stderr: $(cat "$d/err")"
  grep -q "usage: madoguchi" "$d/out" || fail "$sub --help: no usage: $(cat "$d/out")"
  n=$((${n:-0} + 1))
done
[ "${n:-0}" -ge 10 ] || fail "only ${n:-0} subcommands listed by --help"
"$M" --lang en --help | grep -q -- '--today YYYY-MM-DD' || fail "--today not in the usage"
"$M" --lang en --help | grep -q -- '--reader NAME' || fail "--reader not in the usage"
exit 0
