#!/bin/sh
# t_tokurei_deadline.sh — 特例転入 after the deadline (令24の2①二): 津市's
# 特例転出 planned for 2025-04-10, the resident moved in on 2025-04-10 and
# comes to 宝塚市 on 2025-05-05 (a test configuration's --today). The
# comparison page shows the last day min(予定日+30, 転入日+14) = 令和7年4月24日
# with both computed days, "期限切れ" and the finding; F10 is refused with
# cause and remedy, and nothing is written.
. "$MG_ROOT/tests/e2e/tokurei_lib.sh"
setup 2025-05-05
start 2025-05-05
read_card
e2e_type R7.4.10
e2e_wait '令和7年4月10日'
e2e_key F10
e2e_wait '令和7年4月24日まで'
e2e_wait '令和7年5月10日'
e2e_wait '期限切れ'
e2e_wait '特例転入の期限'
e2e_key F10
e2e_wait '特例転入を受け付けられません'
e2e_wait '転出証明書による転入届'
e2e_key Enter
e2e_gone '特例転入を受け付けられません'
e2e_wait '期限切れ'
nothing_written
quit
echo "the late 特例転入 was refused with the computed last day"
