#!/bin/sh
# t_demo_seed.sh — `madoguchi demo-seed` (review rv21seed F1, F7, F8):
# under a production configuration file, or under the built-in defaults into
# a registry being prepared for real data (an operator), it is refused with
# exit 1 and the registry is left byte for byte as it was, never turned into
# a demo registry; under the defaults a registry as init left it is seeded
# (the issue's two commands); a test
# or demo configuration seeds; a second seed into a seeded registry is
# refused (exit 1, nothing written), with the same seed or another; --towns
# above the 72 distinct 町字 names is a usage error (2); a processing date
# before the seed's dates end is refused.
set -eu
: "${BIN:?}"
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 is not installed"; exit 77; }
d=$(mktemp -d /tmp/mg-seed.XXXXXX)
G=   # a root-only folder for a production configuration (made below when root)
trap 'rm -rf "$d" ${G:+"$G"}' EXIT
. "$MG_ROOT/tests/rootdir.sh"
fail() { echo "FAIL: $*"; exit 1; }
M="$BIN/madoguchi"
printf 'mode = test\n' > "$d/test.conf"
printf 'mode = demo\n' > "$d/demo.conf"

# run STATUS PATTERN ARGS...: exit status and a message matching PATTERN.
run() {
  want=$1 pat=$2; shift 2
  st=0; "$M" --lang en "$@" > "$d/out" 2>&1 || st=$?
  [ "$st" = "$want" ] || fail "$*: exit $st, want $want: $(cat "$d/out")"
  grep -q -- "$pat" "$d/out" || fail "$*: no '$pat' in: $(cat "$d/out")"
}
# state DB — the registry's content (a text dump) and its file's checksum.
state() { sqlite3 "$1" .dump | cksum; cksum < "$1"; ls "$1"*; }
persons() { sqlite3 "$1" "SELECT count(*) FROM person"; }

# 1. Production. A production configuration file refuses before opening the
# registry. The built-in defaults (no file: a machine not set up for a
# municipality yet) seed only a registry as init left it, the issue's two
# commands; a registry with an operator (being prepared for real data) is
# refused and left as it was.
if [ -e /etc/madoguchi/madoguchi.conf ]; then
  echo "note: /etc/madoguchi/madoguchi.conf exists; the built-in production defaults are not tested"
else
  "$M" init --db "$d/prod.db" --municipality 282146 --name 宝塚市 > /dev/null || fail "init (production)"
  [ "$(sqlite3 "$d/prod.db" "SELECT mode FROM municipality")" = production ] || fail "init mode"
  printf 'Admin-Pass-Word-1\n' > "$d/pw"
  "$M" operator add --db "$d/prod.db" --id A001 --name 管理 --role admin --password-fd 3 \
    3< "$d/pw" > /dev/null 2>&1 || fail "operator add"
  s0=$(state "$d/prod.db")
  run 1 'prepared for real data' demo-seed --db "$d/prod.db" --residents 10
  run 1 'prepared for real data' demo-seed --db "$d/prod.db" --residents 10 --seed 3 --towns 5
  [ "$(state "$d/prod.db")" = "$s0" ] || fail "a refused demo-seed changed the registry"
  [ "$(sqlite3 "$d/prod.db" "SELECT mode FROM municipality")" = production ] ||
    fail "the production registry became a demo registry"
  [ "$(persons "$d/prod.db")" = 0 ] || fail "persons were seeded under production"
  # ... and a missing --db is still a usage error (2) first.
  run 2 '--db is required' demo-seed --residents 10
  # A test configuration does not open a production registry either.
  run 1 'production registry' --config "$d/test.conf" demo-seed --db "$d/prod.db" --residents 10
  [ "$(state "$d/prod.db")" = "$s0" ] || fail "demo-seed under a test configuration changed it"
  # init and demo-seed as the issue gives them, on a machine with no configuration
  "$M" init --db "$d/plain.db" --municipality 131016 --name 千代田区 > /dev/null || fail "init (plain)"
  run 0 'synthetic residents' demo-seed --db "$d/plain.db" --residents 30
  [ "$(sqlite3 "$d/plain.db" "SELECT mode FROM municipality")" = demo ] || fail "plain: not marked demo"
fi
G=$(mg_rootdir mg-seed-conf) || G=
if [ -n "$G" ]; then
  printf 'mode = production\n' > "$G/prod.conf"
  chmod 644 "$G/prod.conf"
  "$M" --config "$d/test.conf" init --db "$d/p2.db" --municipality 282146 --name 宝塚市 > /dev/null
  s2=$(state "$d/p2.db")
  run 1 'production configuration' --config "$G/prod.conf" demo-seed --db "$d/p2.db" --residents 10
  [ "$(state "$d/p2.db")" = "$s2" ] || fail "a production configuration file let demo-seed write"
else
  echo "note: not root: a production configuration file is not tried"
fi

# 2. A test configuration seeds (init with the same configuration).
"$M" --config "$d/test.conf" init --db "$d/t.db" --municipality 282146 --name 宝塚市 > /dev/null ||
  fail "init (test)"
run 0 'synthetic residents' --config "$d/test.conf" demo-seed --db "$d/t.db" --residents 40 --seed 5
n=$(persons "$d/t.db")
[ "$n" -ge 40 ] || fail "only $n persons seeded"
[ "$(sqlite3 "$d/t.db" "SELECT mode FROM municipality")" = demo ] || fail "not marked demo"

# 3. A second seed is refused, nothing written (same seed, another seed).
s1=$(state "$d/t.db")
run 1 "already holds $n synthetic residents" --config "$d/test.conf" demo-seed --db "$d/t.db" \
  --residents 40 --seed 5
run 1 'already holds' --config "$d/test.conf" demo-seed --db "$d/t.db" --residents 10 --seed 6
[ "$(state "$d/t.db")" = "$s1" ] || fail "a refused second seed changed the registry"
[ "$(sqlite3 "$d/t.db" "SELECT count(*) FROM (SELECT name, birth FROM resident_history
  WHERE rireki_no = 1 GROUP BY name, birth, sex HAVING count(*) > 1)")" = 0 ] || fail "twins"

# 4. A demo configuration seeds too; --towns: 72 distinct names at most.
"$M" --config "$d/demo.conf" init --db "$d/m.db" --municipality 242012 --name 津市 > /dev/null ||
  fail "init (demo)"
run 2 'takes 1 to 72' --config "$d/demo.conf" demo-seed --db "$d/m.db" --residents 10 --towns 73
run 2 'usage' --config "$d/demo.conf" demo-seed --db "$d/m.db" --residents 10 --towns 0
[ "$(persons "$d/m.db")" = 0 ] || fail "a refused --towns seeded"
run 0 'synthetic residents' --config "$d/demo.conf" demo-seed --db "$d/m.db" --residents 10 --towns 72
[ "$(sqlite3 "$d/m.db" "SELECT count(DISTINCT name) || ' ' || count(*) FROM machiaza")" = "72 72" ] ||
  fail "町字 names repeat: $(sqlite3 "$d/m.db" "SELECT count(DISTINCT name), count(*) FROM machiaza")"
[ "$(sqlite3 "$d/m.db" "SELECT count(*) FROM machiaza WHERE postal_code NOT LIKE '514%'")" = 0 ] ||
  fail "津市 postal codes outside 514"

# 5. A processing date before the seed's dates end (2024) is refused.
"$M" --config "$d/test.conf" init --db "$d/e.db" --municipality 282146 --name 宝塚市 > /dev/null
run 1 'on or after 2025-03-01' --config "$d/test.conf" --today 2025-02-28 demo-seed --db "$d/e.db" \
  --residents 10
[ "$(persons "$d/e.db")" = 0 ] || fail "seeded on an early day"
echo "production configuration refused, registry unchanged; test and demo configurations seed;"
echo "a second seed refused with nothing written; --towns capped at 72; an early --today refused"
