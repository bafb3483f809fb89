# audit_lib.sh — shared set-up of the operation-log CLI tests (sourced):
# $M the binary, $T a temp folder removed at exit, $C a configuration with
# terminal id $AUDIT_TERMINAL, fail(), and seed_base DB PASSWORD_PREFIX: a fresh registry
# (init) whose log holds four rows (two operators added, a lock, an unlock).
M="$BIN/madoguchi"
[ -x "$M" ] || { echo "no $M"; exit 1; }
command -v sqlite3 > /dev/null 2>&1 || { echo "sqlite3 shell not installed"; exit 77; }
T=$(mktemp -d)
# The production configuration must be root's alone, folders too (tests/rootdir.sh).
. "$MG_ROOT/tests/rootdir.sh"
R=$(mg_rootdir mg-conf) ||
  { rm -rf "$T"; echo "a production configuration needs a root-only folder (run as root)"; exit 77; }
trap 'rm -rf "$T" "$R"' EXIT INT TERM
C="$R/m.conf"
printf 'terminal_id = %s\nscrypt_log2_n = 10\n' "$AUDIT_TERMINAL" > "$C"
fail() { echo "FAIL: $*"; exit 1; }

seed_base() {
  rm -f "$1" "$1"-wal "$1"-shm
  "$M" init --db "$1" --config "$C" --municipality 282146 --name 宝塚市 > /dev/null 2>&1 ||
    fail "seed init"
  printf '%s-1\n' "$2" | "$M" operator add --db "$1" --config "$C" --id A001 --name A \
    --role admin --password-fd 0 > /dev/null 2>&1 || fail "seed add"
  printf '%s-2\n' "$2" | "$M" operator add --db "$1" --config "$C" --id C001 --name C \
    --role clerk --password-fd 0 > /dev/null 2>&1 || fail "seed add 2"
  "$M" operator lock --db "$1" --config "$C" --id C001 > /dev/null 2>&1 || fail "seed lock"
  "$M" operator unlock --db "$1" --config "$C" --id C001 > /dev/null 2>&1 || fail "seed unlock"
}
