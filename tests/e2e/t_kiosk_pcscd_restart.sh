#!/bin/sh
# t_kiosk_pcscd_restart.sh — the kiosk survives pcscd going away under it
# (rv18kiosk 2: package upgrade, crash, reader re-plug). Before, card errors
# other than a timeout were dropped: a resident's 4情報 stayed on screen after
# the card was pulled, and after the idle reset the kiosk hung on "take the
# card" for good. Now:
#   - pcscd stops while a resident's data is shown: the data is wiped at
#     once, the no-reader page shows, the log has a reader_error row and
#     madoguchi.log one kiosk.reader_lost line;
#   - pcscd comes back: the kiosk reopens the reader by itself and asks for
#     the card to be taken (the session that was cut is not resumed);
#   - taking the card and putting it back starts a new session.
. "$MG_ROOT/tests/e2e/kiosk_lib.sh"
lab_profile hana --name "高橋　花子" --address "三重県津市島崎町１番１号" --birth 19800101 \
  --sex 2 --mynumber 123456789018 --pin 1234 --expiry 20340215 || exit 1
lab_start "$LAB_DIR/hana.profile" || exit 1
e2e_conf trust_store="$LAB_TRUST" idle_lock_seconds=300
e2e_start kiosk
kiosk_login
e2e_wait '残り回数: 3 回'
e2e_type 1234; e2e_key Enter
e2e_wait '高橋　花子'
# pcscd goes away: the resident's data must not wait for the idle time
lab_pcscd_stop
e2e_wait 'カードリーダーが使えません'
e2e_absent '高橋　花子'
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='kiosk' AND detail='event=reader_error verdict=genuine'")" = 1 ] ||
  e2e_fail "no reader_error row: $(e2e_sql "SELECT detail FROM audit WHERE action='kiosk'")"
# the retries while pcscd is down log nothing more
sleep 7
[ "$(grep -c 'kiosk.reader_lost' "$E2E_DIR/madoguchi.log")" = 1 ] ||
  e2e_fail "kiosk.reader_lost logged $(grep -c 'kiosk.reader_lost' "$E2E_DIR/madoguchi.log") times, want 1"
# pcscd back: the kiosk finds the reader again on its own; the card still
# lies there and must be taken before anything starts
lab_pcscd_start || e2e_fail "pcscd did not come back"
e2e_wait 'カードをカードリーダーからお取りください'
# and it stays so (the lab's second, empty reader is no removal: rv19swap 1)
for i in 1 2 3 4 5 6; do
  e2e_screen | grep -qF '暗証番号' && e2e_fail "a session started without taking the card"
  e2e_screen | grep -qF 'カードをカードリーダーからお取りください' ||
    e2e_fail "the kiosk left the take-the-card page with the card still in"
  sleep 0.5
done
lab_ctl remove || e2e_fail "remove"
e2e_wait 'カードをカードリーダーに置いてください'
lab_ctl insert || e2e_fail "insert"
e2e_wait '残り回数: 3 回'
e2e_type 1234; e2e_key Enter
e2e_wait '高橋　花子'
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE coalesce(detail,'') LIKE '%高橋%' OR coalesce(detail,'') LIKE '%123456789018%'")" = 0 ] ||
  e2e_fail "personal data in the log"
echo "kiosk survives a pcscd restart"
