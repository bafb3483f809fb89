#!/bin/sh
# t_tenshutsu_ordinary.sh — ordinary 転出 of a whole household: the household
# is chosen through the search (氏名 + 生年月日 of its head), every member is
# marked, 転出先 / 団体コード / 予定日 and the 届出日 of a 届 by post typed,
# confirmation, F10; the 転出証明書 is shown on screen with every person; the
# DB holds the certificate (serial, its persons, the form register), the
# members as 転出予定, the typed 届出日, and the log the commit and the
# certificate issue.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
e2e_registry
e2e_cli demo-seed --db "$E2E_DB" --residents 300 --seed 1 >/dev/null 2>&1 || e2e_fail "demo-seed failed"
e2e_operator clerk1 '窓口　太郎' clerk 'correct-horse-1'
# A household of two or more current members whose head is current.
setai=$(e2e_sql "SELECT hh.setai_no FROM household hh JOIN person p ON p.setai_no=hh.setai_no AND p.state='current' WHERE hh.closed_on IS NULL OR hh.closed_on='' GROUP BY hh.setai_no HAVING count(*) >= 2 AND sum(p.atena_no=hh.head_atena)=1 ORDER BY hh.setai_no LIMIT 1")
[ -n "$setai" ] || e2e_fail "no household to move"
cur="FROM household hh JOIN person p ON p.atena_no=hh.head_atena JOIN resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no WHERE hh.setai_no='$setai'"
hname=$(e2e_sql "SELECT h.name $cur")
nmemb=$(e2e_sql "SELECT count(*) FROM person WHERE setai_no='$setai' AND state='current'")
e2e_start --today 2025-04-01
e2e_login clerk1 'correct-horse-1'
e2e_tenshutsu_household "$setai"
[ "$(e2e_screen | grep -c '^  \[x\] ')" = "$nmemb" ] || e2e_fail "not every member is marked"
e2e_type '大阪府大阪市北区梅田2丁目2番'
e2e_key Enter
e2e_type '271004'
e2e_key Enter
e2e_type 'R7.4.10'
e2e_wait '令和7年4月10日'
# 届出日: a 転出届 that came by post and arrived on 3/28 (転出済みの日 left empty)
e2e_key Enter Enter
e2e_type 'R7.3.28'
e2e_wait '令和7年3月28日'
e2e_key F10
e2e_wait '転出届 － 確認'
e2e_wait "転出する人：$hname"
e2e_wait '届出日：令和7年3月28日'
e2e_key F10
# a 届出日 before today is confirmed before anything is written
e2e_wait '注意事項の確認'
e2e_screen | grep -q '処理日' || e2e_fail "the alert does not name the earlier 届出日"
[ "$(e2e_sql "SELECT count(*) FROM uketsuke")" = 0 ] || e2e_fail "written before the alert was confirmed"
e2e_key F2
e2e_wait '転出証明書　第'
e2e_wait "$hname"
e2e_wait '大阪府大阪市北区梅田2丁目2番'
serial=$(e2e_sql "SELECT serial FROM tenshutsu_cert")
[ -n "$serial" ] || e2e_fail "no certificate row"
e2e_wait "転出証明書　第${serial}号"
uk=$(e2e_sql "SELECT uketsuke_no FROM tenshutsu_cert WHERE serial=$serial")
[ "$(e2e_sql "SELECT count(*) FROM tenshutsu_cert_person WHERE serial=$serial")" = "$nmemb" ] ||
  e2e_fail "the certificate does not hold every member"
[ "$(e2e_sql "SELECT count(*) FROM form_register WHERE form_serial='$serial' AND form_kind='tenshutsu_cert' AND operator='clerk1'")" = 1 ] ||
  e2e_fail "the certificate is not in the form register"
[ "$(e2e_sql "SELECT alerts FROM uketsuke WHERE uketsuke_no='$uk'")" = chk_todoke_past ] ||
  e2e_fail "the confirmed alert is not on the 受付"
[ "$(e2e_sql "SELECT todoke_date FROM uketsuke WHERE uketsuke_no='$uk'")|$(e2e_sql "SELECT DISTINCT todoke_date FROM resident_history WHERE uketsuke_no='$uk'")" = '2025-03-28|2025-03-28' ] ||
  e2e_fail "the typed 届出日 is not the stored one"
[ "$(e2e_sql "SELECT count(*) FROM person WHERE setai_no='$setai' AND state='yotei'")" = "$nmemb" ] ||
  e2e_fail "the members are not 転出予定"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='commit' AND target='$uk' AND detail LIKE 'wf=tenshutsu % todoke=2025-03-28'")" = 1 ] ||
  e2e_fail "the commit is not logged"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='cert_issue' AND target='$serial'")" = 1 ] ||
  e2e_fail "the certificate issue is not logged"
e2e_key Enter
e2e_wait '転出を受け付けました'
e2e_wait "$uk"
e2e_key Enter
e2e_wait '業務メニュー'
echo "ordinary 転出 of $nmemb members, certificate $serial shown"
