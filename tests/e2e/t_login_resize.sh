#!/bin/sh
# t_login_resize.sh — resizing during the login form keeps what was typed:
# larger, then too small (a plain message), then 80×24 again; login works.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_registry
e2e_operator clerk1 '山田　花子' clerk 'correct-horse-1'
e2e_start
e2e_wait '操作者ID'
e2e_type clerk1
e2e_key Tab
e2e_type 'correct'
e2e_resize 100 30
# The key bar follows the bottom row and the clock the right edge.
end=$(( $(e2e_now) + E2E_DEADLINE ))
while ! e2e_screen | sed -n 30p | grep -q '^F1'; do
  [ "$(e2e_now)" -ge "$end" ] && e2e_fail "the key bar did not move to row 30"
  sleep 0.1
done
e2e_wait 'clerk1'
e2e_resize 70 20
e2e_wait '端末の大きさが足りません'
e2e_resize 80 24
e2e_wait '操作者ID'
e2e_wait 'clerk1'
e2e_wait '*******'
e2e_type '-horse-1'
e2e_key Enter
e2e_wait '業務メニュー'
e2e_logout_exit
echo "resize during the login form"
