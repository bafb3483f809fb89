#!/bin/sh
# t_tokurei_pull.sh — the card taken away on the PIN page sends the clerk
# back to the wait page with the typed digits wiped (rv16card L6); the card
# pulled during the read (the emulator's pull-at, through the real pcscd):
# a clean message on the wait page, no data of the card on screen, nothing
# written, no PIN attempt lost; put back, the PIN page comes again and the
# read works.
. "$MG_ROOT/tests/e2e/tokurei_lib.sh"
setup 2025-04-12
start 2025-04-12
# taken away on the PIN page: back to the wait page, the typed digits gone
e2e_wait '残り回数: 3回'
e2e_type 12
lab_ctl remove || e2e_fail "remove"
e2e_wait 'カードを置いてください'
e2e_gone '残り回数: 3回'
lab_ctl insert || e2e_fail "insert"
e2e_wait '残り回数: 3回'
lab_ctl pull-at 5 >/dev/null || e2e_fail "pull-at"
e2e_type $PIN
e2e_key Enter
# pcscd reports the pull as "removed" or as a failed transmission: both say so and both discard.
e2e_wait 'カードを置いてください'
e2e_wait '置き直して'
e2e_absent "$(val name)"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='card_read' AND detail LIKE 'result=error code=MG_ECARD_%'")" = 1 ] ||
  e2e_fail "the interrupted read is not in the operation log"
nothing_written
lab_wait absent 5 || e2e_fail "the card is still in the reader"
lab_ctl insert || e2e_fail "insert"
read_card
e2e_wait "$(val name)"
nothing_written
quit
echo "card pulled during the read: clean message, nothing written, read again"
