#!/bin/sh
# t_kiosk_reset.sh — the kiosk forgets the resident: pulling the card in the
# middle of the form, or leaving it idle (idle_lock_seconds), goes back to the
# start page, wipes what was shown (screen and scrollback) and logs the
# reason with ids only; after the idle reset the card must be taken and put
# back before a new session starts. A wrong PIN shows the attempts left. A
# session ended by SIGTERM is logged as such.
. "$MG_ROOT/tests/e2e/kiosk_lib.sh"
e2e_cli demo-seed --db "$E2E_DB" --residents 20 --seed 1 > "$E2E_DIR/seed.out" 2>&1 ||
  { cat "$E2E_DIR/seed.out"; e2e_fail "demo-seed"; }
lab_profile bob --name "鈴木　一郎" --address "三重県津市島崎町１番１号" \
  --birth 19751105 --sex 1 --mynumber 123456789018 --pin 2580 --expiry 20340215 || exit 1
lab_start "$LAB_DIR/bob.profile" || exit 1
e2e_conf trust_store="$LAB_TRUST" idle_lock_seconds=5
e2e_start kiosk
kiosk_login
e2e_wait '残り回数: 3 回'
# a wrong PIN: attempts left go down
e2e_type 1111; e2e_key Enter
e2e_wait '暗証番号が違います。残り 2 回です。'
e2e_type 2580; e2e_key Enter
e2e_wait '鈴木　一郎'
e2e_key Enter
e2e_key 2
e2e_wait '引っ越し先の住所'
e2e_key Tab
e2e_type '大阪府大阪市北区'
# pulling the card resets at once
lab_ctl remove || e2e_fail "remove"
e2e_wait 'カードをカードリーダーに置いてください'
e2e_absent '鈴木　一郎'
e2e_absent '大阪府大阪市北区'
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='kiosk' AND detail='event=removed verdict=genuine'")" = 1 ] ||
  e2e_fail "no 'removed' row in the log"
# again, and this time walk away: the idle time resets
lab_ctl insert || e2e_fail "insert"
e2e_wait '残り回数: 3 回'
e2e_type 2580; e2e_key Enter
e2e_wait '鈴木　一郎'
e2e_wait 'カードをカードリーダーからお取りください' 20
e2e_absent '鈴木　一郎'
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='kiosk' AND detail='event=idle verdict=genuine'")" = 1 ] ||
  e2e_fail "no 'idle' row in the log"
# the card still lies there: nothing starts until it is taken and put back
e2e_screen | grep -qF '暗証番号' && e2e_fail "a new session started without taking the card"
lab_ctl remove || e2e_fail "remove 2"
e2e_wait 'カードをカードリーダーに置いてください'
lab_ctl insert || e2e_fail "insert 2"
e2e_wait '残り回数: 3 回'
[ "$(e2e_sql "SELECT count(*) FROM kiosk_app")" = 0 ] || e2e_fail "an application was stored"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE coalesce(detail,'') LIKE '%鈴木%' OR coalesce(detail,'') LIKE '%123456789018%'")" = 0 ] ||
  e2e_fail "personal data in the log"
# a session cut short by SIGTERM (shutdown, package upgrade) ends on record too (rv18kiosk 6)
e2e_type 2580; e2e_key Enter
e2e_wait '鈴木　一郎'
pid=$(e2e_pid)
[ -n "$pid" ] || e2e_fail "no kiosk process"
kill -TERM "$pid"
e2e_exited
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='kiosk' AND detail='event=shutdown verdict=genuine'")" = 1 ] ||
  e2e_fail "no 'shutdown' row in the log: $(e2e_sql "SELECT detail FROM audit WHERE action='kiosk'")"
echo "kiosk reset on removal, idle and shutdown ok"
