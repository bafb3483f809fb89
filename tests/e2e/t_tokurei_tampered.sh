#!/bin/sh
# t_tokurei_tampered.sh — a card whose 4情報 were changed without the issuer's
# signature (profile-edit: the address): the chip page says NOT GENUINE, the
# comparison marks the authenticity "不可" with the finding, F10 is refused
# with cause and remedy, and nothing is written.
. "$MG_ROOT/tests/e2e/tokurei_lib.sh"
setup 2025-04-12
"$LAB_VCARD" profile-edit "$LAB_DIR/resident.profile" 'address=三重県津市西丸之内23番1号' \
  >/dev/null 2>&1 || e2e_fail "profile-edit"
start 2025-04-12
read_card 'NOT GENUINE'
e2e_type 2025-04-10
e2e_key F10
e2e_wait '不可'
e2e_wait 'ICチップの情報が正しく検証できませんでした'
e2e_key F10
e2e_wait '特例転入を受け付けられません'
e2e_key Enter
e2e_gone '特例転入を受け付けられません'
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='card_read' AND detail LIKE 'result=not-genuine%'")" = 1 ] ||
  e2e_fail "the NOT GENUINE read is not in the operation log"
nothing_written
quit
echo "tampered card: NOT GENUINE, commit refused"
