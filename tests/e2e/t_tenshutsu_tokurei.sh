#!/bin/sh
# t_tenshutsu_tokurei.sh — 特例転出 of a household whose 世帯主 holds a valid
# 個人番号カード: F8 switches to 特例; after the commit no certificate is shown
# but "特例転出: 転出証明書情報を送信待ち"; the DB holds no certificate and one
# 転出証明書情報 outbox row per mover, addressed to the destination.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_registry
e2e_cli demo-seed --db "$E2E_DB" --residents 300 --seed 1 >/dev/null 2>&1 || e2e_fail "demo-seed failed"
e2e_operator clerk1 '窓口　太郎' clerk 'correct-horse-1'
# A household of current members whose head's card is valid on 2025-04-01.
setai=$(e2e_sql "SELECT hh.setai_no FROM household hh JOIN person p ON p.atena_no=hh.head_atena JOIN resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no WHERE p.state='current' AND h.card_expiry >= '2025-04-01' AND NOT EXISTS (SELECT 1 FROM person q WHERE q.setai_no=hh.setai_no AND q.state<>'current') ORDER BY hh.setai_no LIMIT 1")
[ -n "$setai" ] || e2e_fail "no household with a card-holding head"
cur="FROM household hh JOIN person p ON p.atena_no=hh.head_atena JOIN resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no WHERE hh.setai_no='$setai'"
nmemb=$(e2e_sql "SELECT count(*) FROM person WHERE setai_no='$setai' AND state='current'")
e2e_start --today 2025-04-01
e2e_login clerk1 'correct-horse-1'
e2e_tokurei_tenshutsu "$setai" '東京都千代田区丸の内1丁目1番' 131016 2025-04-15
e2e_screen | grep -qF '転出証明書　第' && e2e_fail "a certificate is shown for 特例転出"
uk=$(e2e_sql "SELECT uketsuke_no FROM uketsuke WHERE workflow='tokurei_tenshutsu'")
[ -n "$uk" ] || e2e_fail "no 受付 row"
e2e_wait "$uk"
[ "$(e2e_sql "SELECT count(*) FROM tenshutsu_cert")" = 0 ] || e2e_fail "a certificate was issued"
[ "$(e2e_sql "SELECT count(*) FROM outbox WHERE kind='tenshutsu_info' AND to_code='131016' AND uketsuke_no='$uk'")" = "$nmemb" ] ||
  e2e_fail "the 転出証明書情報 is not queued for every mover"
[ "$(e2e_sql "SELECT count(*) FROM resident_history WHERE uketsuke_no='$uk' AND tokurei=1 AND state='yotei'")" = "$nmemb" ] ||
  e2e_fail "the movers are not 特例 転出予定"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='commit' AND target='$uk' AND detail LIKE 'wf=tokurei_tenshutsu %'")" = 1 ] ||
  e2e_fail "the commit is not logged"
e2e_key Enter
e2e_wait '業務メニュー'
echo "特例転出 of $nmemb members queued, no certificate"
