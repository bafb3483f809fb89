#!/bin/sh
# t_admin_audit.sh — a supervisor verifies the operation log on 操作ログ点検
# and sees it intact, with the head of the chain (SEQ:HASH of the last
# verified row) to record outside the system; the monthly review shows the
# head at its time too. The test then drops one append-only trigger behind
# the program's back: the next verification fails naming it (and offers no
# head). With the trigger back, it changes a row (both triggers dropped):
# the next verification names the first bad row and warns about the
# triggers; the monthly review says so first, then shows the supervisor's
# own activity. Every
# run is a review row in the log.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_registry
e2e_operator sup1 '監督　花子' supervisor 'super-visor-pw-1'
e2e_start
e2e_login sup1 'super-visor-pw-1'
e2e_wait '業務メニュー'
e2e_wait '操作ログ点検'
e2e_key 7
e2e_wait 'チェーンの検証はまだ行っていません'
e2e_key F5
e2e_wait '操作ログは正常です'
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='review' AND operator='sup1'
  AND detail LIKE 'verify=ok rows=%'")" = 1 ] || e2e_fail "the verification is not logged"
# The head to record: the last verified row (the one before the review row).
e2e_wait 'チェーンの先頭（紙の台帳など、システムの外に記録してください）'
head=$(e2e_sql "SELECT printf('%07d', seq) || ':' || lower(hex(hash)) FROM audit WHERE seq =
  (SELECT CAST(substr(detail, 16) AS INTEGER) FROM audit WHERE action='review'
   AND detail LIKE 'verify=ok rows=%')")
[ -n "$head" ] || e2e_fail "no head in the database"
e2e_wait "$head"
# The monthly review shows the head at its time (the row before its review row).
e2e_key F6
e2e_wait '職員別の件数'
rhead=$(e2e_sql "SELECT printf('%07d', seq) || ':' || lower(hex(hash)) FROM audit WHERE seq =
  (SELECT max(seq) FROM audit WHERE action='review' AND detail LIKE 'report=%') - 1")
e2e_wait "$rhead"
e2e_wait 'チェーンの先頭（紙の台帳など、システムの外に記録してください）'
# Behind the program's back: one append-only trigger dropped, the chain intact.
e2e_sql "DROP TRIGGER audit_no_delete;" || e2e_fail "could not drop the trigger"
e2e_key F5
e2e_wait '操作ログの保護が外されています'
e2e_wait 'トリガー audit_no_delete'
e2e_key Enter
e2e_wait '検証: 操作ログの保護が外されています'
e2e_screen | grep -qF "$rhead" && e2e_fail "a head is still offered for recording"
e2e_screen | grep -qF '操作ログは正常です' && e2e_fail "the old verdict is still shown"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='review' AND operator='sup1'
  AND detail='verify=bad triggers'")" = 1 ] || e2e_fail "the trigger failure is not logged"
e2e_sql "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;" || e2e_fail "could not put the trigger back"
# Behind the program's back: the triggers dropped and row 2 changed.
e2e_sql "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
  UPDATE audit SET target='X999' WHERE seq=2;" || e2e_fail "could not tamper with the log"
e2e_key F5
e2e_wait '操作ログの改ざん'
e2e_wait '最初の異常行 #2'
e2e_key Enter
e2e_wait '警告: 操作ログを追記専用に保つトリガーがありません'
e2e_wait '最初の異常行 #2'
e2e_screen | grep -qF '操作ログは正常です' && e2e_fail "the old verdict is still shown"
# The monthly review of the current month (the field's default): it checks
# the chain first and says at once that the log was tampered with.
e2e_wait "$(date +%Y-%m)"
e2e_key F6
e2e_wait 'MG_ECHAIN'
e2e_key Enter
e2e_gone 'MG_ECHAIN'
e2e_wait '職員別の件数'
e2e_wait 'sup1: 検索 0'
e2e_key Escape
e2e_wait '業務メニュー'
e2e_logout_exit
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='review' AND operator='sup1'
  AND detail='verify=bad seq=2'")" = 1 ] || e2e_fail "the bad verification is not logged"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='review' AND operator='sup1'
  AND detail='report=$(date +%Y-%m)'")" = 2 ] || e2e_fail "the reviews are not logged"
echo "intact with its head, the dropped trigger named, then the changed row 2 named; review shown and logged"
