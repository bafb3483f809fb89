#!/bin/sh
# t_idle_checkpoint.sh — the terminal checkpoints the WAL when it idles
# (db_idle, issue 2), not inside a commit:
#  - with the TUI open, demo-seed leaves about 1,700 frames in the WAL (its
#    close is not the last, so SQLite does not checkpoint; it stays under
#    the 4000-frame backstop), and the database file does not move;
#  - the clerk logs in (a commit: the TUI learns the WAL's length) and
#    touches nothing: within a few idle seconds the database file grows
#    (the frames were copied into it), with the TUI still running.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_registry
e2e_operator clerk1 '山田　花子' clerk 'correct-horse-1'
e2e_start
e2e_wait '操作者ID'
e2e_cli demo-seed --db "$E2E_DB" --residents 8000 --seed 5 > "$E2E_DIR/seed.out" 2>&1 ||
  { cat "$E2E_DIR/seed.out"; e2e_fail "demo-seed failed"; }
wal=$(stat -c %s "$E2E_DB-wal" 2>/dev/null || echo 0)
frames=$(( (wal - 32) / 4120 ))
[ "$frames" -ge 1000 ] && [ "$frames" -lt 4000 ] ||
  e2e_fail "demo-seed left $frames WAL frames, not 1000 to 3999"
size0=$(stat -c %s "$E2E_DB")
sleep 2
[ "$(stat -c %s "$E2E_DB")" = "$size0" ] ||
  e2e_fail "the database file moved before the terminal had committed anything"
e2e_login clerk1 'correct-horse-1'
e2e_wait '業務メニュー'
end=$(( $(e2e_now) + E2E_DEADLINE ))
while [ "$(stat -c %s "$E2E_DB")" = "$size0" ]; do
  [ "$(e2e_now)" -ge "$end" ] && e2e_fail "the idle terminal did not checkpoint the WAL"
  sleep 0.2
done
[ -n "$(e2e_pid)" ] || e2e_fail "madoguchi is no longer running"
e2e_logout_exit
[ "$(e2e_sql "SELECT count(*) >= 8000 FROM person")" = 1 ] ||
  e2e_fail "the seeded residents are not all there"
echo "the WAL is checkpointed by the idle terminal, not by a commit"
