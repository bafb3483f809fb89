#!/bin/sh
# t_operator_cli.sh — `madoguchi operator add|passwd|lock|unlock|list` end to end:
# passwords from --password-fd, refusals with the right exit codes, every change
# in the operation log, and no password anywhere in the database file.
set -u
M="$BIN/madoguchi"
[ -x "$M" ] || { echo "no $M"; exit 1; }
T=$(mktemp -d)
D="$T/r.db"
# The production configuration must be root's alone, folders too (tests/rootdir.sh).
. "$MG_ROOT/tests/rootdir.sh"
R=$(mg_rootdir mg-conf) ||
  { rm -rf "$T"; echo "a production configuration needs a root-only folder (run as root)"; exit 77; }
trap 'rm -rf "$T" "$R"' EXIT INT TERM
C="$R/m.conf"
printf 'terminal_id = CLI-01\nscrypt_log2_n = 10\nmin_password_length = 10\n' > "$C"
fail() { echo "FAIL: $*"; exit 1; }
op() { "$M" --lang en operator "$@" --db "$D" --config "$C"; }

# Only into an initialised registry: a misspelt path creates nothing (rv5 M4).
printf 'Kiosk-Admin-Pass-1\n' | op add --id A001 --name "管理 太郎" --role admin --password-fd 0 > "$T/out" 2>&1
[ $? = 1 ] || fail "add into a missing registry must exit 1"
grep -q "does not exist" "$T/out" || fail "missing registry message: $(cat "$T/out")"
[ -e "$D" ] && fail "operator add created $D"
"$M" init --db "$D" --config "$C" --municipality 282146 --name 宝塚市 > /dev/null 2>&1 || fail "init"
# A test configuration never writes into a production registry.
printf 'mode = test\nmin_password_length = 8\nscrypt_log2_n = 10\nscrypt_r = 1\n' > "$T/weak.conf"
printf '12345678\n' | "$M" --lang en operator add --db "$D" --config "$T/weak.conf" --id W001 \
  --name "弱い 一" --role admin --password-fd 0 > "$T/out" 2>&1
[ $? = 1 ] || fail "a test configuration must not add to a production registry"
grep -q "production" "$T/out" || fail "production guard message: $(cat "$T/out")"

printf 'Kiosk-Admin-Pass-1\n' | op add --id A001 --name "管理 太郎" --role admin --password-fd 0 > "$T/out" 2>&1 \
  || { cat "$T/out"; fail "add admin"; }
grep -q "Operator A001 added (role admin)" "$T/out" || fail "add message: $(cat "$T/out")"
# the password on fd 3, as a script would pass it
op add --id C001 --name "窓口 花子" --role clerk --password-fd 3 3<<PW > /dev/null 2>&1 || fail "add clerk via fd 3"
Clerk-Pass-0001
PW
# refusals
printf 'short\n' | op add --id C002 --name x --role clerk --password-fd 0 > "$T/out" 2>&1
[ $? = 1 ] || fail "weak password must exit 1"
grep -q "too short" "$T/out" || fail "weak password message: $(cat "$T/out")"
printf 'Another-Pass-01\n' | op add --id C001 --name x --role clerk --password-fd 0 > "$T/out" 2>&1
[ $? = 1 ] || fail "duplicate id must exit 1"
printf 'Another-Pass-01\n' | op add --id C003 --name x --role root --password-fd 0 > "$T/out" 2>&1
[ $? = 2 ] || fail "bad role must exit 2"
grep -q "role takes clerk" "$T/out" || fail "bad role message"
op add --id C004 --role clerk --password-fd 0 < /dev/null > "$T/out" 2>&1
[ $? = 2 ] || fail "missing --name must exit 2"
"$M" operator list > /dev/null 2>&1
[ $? = 2 ] || fail "missing --db must exit 2"
op frobnicate --id C001 > /dev/null 2>&1
[ $? = 2 ] || fail "unknown verb must exit 2"
op passwd --id C001 --password-fd 99 > /dev/null 2>&1
[ $? = 2 ] || fail "closed fd must exit 2"

# list, lock, unlock, passwd
op list > "$T/list" 2>&1 || fail "list"
grep -q "^A001	admin	active" "$T/list" || fail "list A001: $(cat "$T/list")"
grep -q "^C001	clerk	active.*窓口 花子" "$T/list" || fail "list C001: $(cat "$T/list")"
grep -q scrypt "$T/list" && fail "list shows a hash"
op lock --id C001 > /dev/null 2>&1 || fail "lock"
op list | grep -q "^C001	clerk	LOCKED" || fail "not locked"
op unlock --id C001 > /dev/null 2>&1 || fail "unlock"
op list | grep -q "^C001	clerk	active	failures=0" || fail "not unlocked"
op lock --id nobody > /dev/null 2>&1
[ $? = 1 ] || fail "lock of an unknown id must exit 1"
printf 'Clerk-Pass-0002\n' | op passwd --id C001 --password-fd 0 > "$T/out" 2>&1 || fail "passwd"
grep -q "password of C001 was changed" "$T/out" || fail "passwd message"

# every change is in the log, the chain holds, and no password is stored anywhere
"$M" --lang en audit verify --db "$D" > "$T/out" 2>&1 || { cat "$T/out"; fail "verify"; }
grep -q "intact: 5 rows" "$T/out" || fail "expected 5 log rows (add, add, lock, unlock, passwd): $(cat "$T/out")"
for pw in Kiosk-Admin-Pass-1 Clerk-Pass-0001 Clerk-Pass-0002; do
  cat "$D"* | grep -a -q -- "$pw" && fail "password $pw found in the database files"
done
echo "operator CLI ok"
exit 0
