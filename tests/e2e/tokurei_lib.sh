# tokurei_lib.sh — sourced by the 特例転入 e2e tests (not a test itself): two
# cities and a CS file, the 特例転出 at 津市 (mg_tokurei_prep), the resident's
# card profile, and the helpers setup / start / read_card / nothing_written /
# quit (t_tokurei_leave_out makes its own 特例転出 and uses start and
# read_card only).
# Sets A (津市's registry), CS, PIN and val NAME (an item of the prepared person).
. "$MG_ROOT/tests/e2e/lib.sh"
. "$MG_ROOT/tests/card/lab.sh"
e2e_init
lab_init
trap 'e2e_stop; lab_stop' EXIT
[ -x "$BIN/mg_tokurei_prep" ] || e2e_skip "no $BIN/mg_tokurei_prep (build it first)"
A="$E2E_DIR/tsu.db"
CS="$E2E_DIR/cs.db"
PIN=4321
val() { sed -n "s/^$1=//p" "$E2E_DIR/prep"; }
# setup B_TODAY — 津市 makes a 特例転出 to 宝塚市 (planned 2025-04-10), both
# deliver (宝塚市 on B_TODAY), the resident's card goes into the lab reader.
setup() {
  e2e_cli init --db "$A" --municipality 242012 --name 津市 >/dev/null 2>&1 || e2e_fail "init 津市"
  e2e_cli demo-seed --db "$A" --residents 300 --seed 1 >/dev/null 2>&1 || e2e_fail "demo-seed 津市"
  "$BIN/mg_tokurei_prep" "$A" 2025-04-01 282146 2025-04-10 > "$E2E_DIR/prep" ||
    e2e_fail "特例転出 at 津市 failed"
  e2e_cli cs-init --cs "$CS" >/dev/null 2>&1 || e2e_fail "cs-init"
  e2e_cli deliver --db "$A" --cs "$CS" --today 2025-04-01 >/dev/null 2>&1 || e2e_fail "deliver 津市"
  e2e_registry
  e2e_cli demo-seed --db "$E2E_DB" --residents 1 --seed 7 >/dev/null 2>&1 || e2e_fail "demo-seed 宝塚市"
  e2e_cli deliver --db "$E2E_DB" --cs "$CS" --today "$1" >/dev/null 2>&1 || e2e_fail "deliver 宝塚市"
  lab_profile resident --name "$(val name)" --address "$(val address)" --birth "$(val birth)" \
    --sex "$(val sex)" --mynumber "$(val mynumber)" --pin $PIN || e2e_fail "card profile"
}
# start B_TODAY — start the lab with the resident's card and the TUI of 宝塚市, open 特例転入.
start() {
  lab_start "$LAB_DIR/resident.profile" || e2e_fail "card lab"
  e2e_conf "trust_store=$LAB_TRUST"
  e2e_operator clerk1 '窓口　太郎' clerk 'correct-horse-1'
  e2e_start --cs "$CS" --today "$1"
  e2e_login clerk1 'correct-horse-1'
  e2e_wait '業務メニュー'
  e2e_key 3
  e2e_wait '特例転入'
}
# read_card [VERDICT] — on the PIN page (3 tries left) type $PIN, Enter, and
# wait for the chip's VERDICT (default: GENUINE, '真正（信頼できる発行者').
read_card() {
  e2e_wait '残り回数: 3回'
  e2e_type $PIN
  e2e_key Enter
  e2e_wait "${1:-真正（信頼できる発行者}"
}
# nothing_written — no 特例転入 in 宝塚市, the information still unused.
nothing_written() {
  [ "$(e2e_sql "SELECT count(*) FROM uketsuke WHERE workflow='tokurei_tennyu'")" = 0 ] ||
    e2e_fail "a 特例転入 was committed"
  [ "$(e2e_sql "SELECT count(*) FROM resident_history WHERE kojin_bango='$(val mynumber)'")" = 0 ] ||
    e2e_fail "the person was written"
  [ "$(e2e_sql "SELECT count(*) FROM tokurei_inbox WHERE kojin_bango='$(val mynumber)' AND (consumed_by IS NULL OR consumed_by='')")" -ge 1 ] ||
    e2e_fail "the 転出証明書情報 was consumed"
}
# quit — leave with Esc (confirming the discard), log out, end.
quit() {
  end=$(( $(e2e_now) + E2E_DEADLINE ))
  while ! e2e_screen | grep -qF '業務メニュー'; do
    if e2e_screen | grep -qF 'F2 はい'; then e2e_key F2; else e2e_key Escape; fi
    [ "$(e2e_now)" -ge "$end" ] && e2e_fail "could not go back to the menu"
    sleep 0.3
  done
  e2e_logout_exit
}

