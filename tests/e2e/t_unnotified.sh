#!/bin/sh
# t_unnotified.sh — 転入通知未着者一覧 (標準仕様 4.1.3.1.4) in the real TUI: on
# a seeded registry (whose 除票 by 転出 have no 転入通知) a clerk opens the
# menu row on 2025-06-02; the window ends 30 days back (令和7年5月3日) and
# starts a year before it; the first row is the person with the earliest
# 転出予定日 in it, 未照会, and no 個人番号 is on the screen. F5 issues the
# 転入通知未着照会書: the letter names the destination (団体コード, planned
# address), this municipality, the person and the 受付番号, never the
# 個人番号; the registry holds the form and the logged view. Esc: the row
# shows the 照会 date (和暦) and the list was not searched again.
. "$MG_ROOT/tests/e2e/lib.sh"
e2e_init
command -v sqlite3 >/dev/null 2>&1 || e2e_skip "sqlite3 is not installed (scripts/deps.sh)"

# wareki ISO — a 令和 date as the screens write it (dates from 2019-05-01).
wareki() {
  _y=${1%%-*}
  _m=$(printf '%s' "$1" | cut -c6-7 | sed 's/^0//')
  _d=$(printf '%s' "$1" | cut -c9-10 | sed 's/^0//')
  printf '令和%d年%d月%d日' $((_y - 2018)) "$_m" "$_d"
}

# on_screen TEXT — TEXT is on the screen, read as one text (wrapped rows
# joined, blanks ignored: a row may break anywhere in a long line).
on_screen() {
  _t=$(printf '%s' "$1" | tr -d ' ')
  e2e_screen | sed 's/^ //' | tr -d '\n ' | grep -qF -- "$_t" ||
    e2e_fail "not on the screen: $1"
}

e2e_registry
# (seed 12: five persons of this seed wait for a 転入通知 on that day)
e2e_cli demo-seed --db "$E2E_DB" --residents 300 --seed 12 --today 2025-06-02 >/dev/null 2>&1 ||
  e2e_fail "demo-seed"
# The persons the list holds on 2025-06-02 (転出予定日 2024-05-03 .. 2025-05-03).
cur="FROM resident_history h JOIN person p ON p.atena_no=h.atena_no AND p.rireki_no=h.rireki_no"
waiting="WHERE h.dest_planned_date IS NOT NULL AND h.notice_date IS NULL
  AND h.state IN ('yotei','jyohyo') AND (h.state='yotei' OR h.shojo_jiyu='tenshutsu')
  AND h.dest_planned_date BETWEEN '2024-05-03' AND '2025-05-03'"
atena=$(e2e_sql "SELECT h.atena_no $cur $waiting ORDER BY h.dest_planned_date, h.atena_no LIMIT 1")
[ -n "$atena" ] || e2e_fail "the seeded registry has nobody waiting for a 転入通知"
name=$(e2e_sql "SELECT h.name $cur WHERE p.atena_no='$atena'")
kana=$(e2e_sql "SELECT h.name_kana $cur WHERE p.atena_no='$atena'")
planned=$(e2e_sql "SELECT h.dest_planned_date $cur WHERE p.atena_no='$atena'")
dest=$(e2e_sql "SELECT h.dest_planned $cur WHERE p.atena_no='$atena'")
dcode=$(e2e_sql "SELECT h.dest_muni_code $cur WHERE p.atena_no='$atena'")
jcode=$(e2e_sql "SELECT h.juminhyo_code $cur WHERE p.atena_no='$atena'")
uk=$(e2e_sql "SELECT h.uketsuke_no $cur WHERE p.atena_no='$atena'")
[ -n "$uk" ] && [ -n "$dcode" ] || e2e_fail "the person $atena has no 受付番号 or 転出先 code"

e2e_operator clerk1 '窓口　太郎' clerk 'correct-horse-1'
e2e_start --today 2025-06-02
e2e_login clerk1 'correct-horse-1'
e2e_menu 転入通知未着者一覧
e2e_wait '転入通知未着者一覧（標準仕様4.1.3.1.4）'
e2e_wait '転出予定日 令和6年5月3日～令和7年5月3日（30日以上経過）'
e2e_wait "$atena"
# The first row (selected) is the person; his state and 未照会.
first=$(e2e_screen | grep -A1 '^ 転出予定日 *経過' | sed -n 2p)
printf '%s' "$first" | grep -qF "$atena" || e2e_fail "the first row is not $atena: $first"
printf '%s' "$first" | grep -qF "$(wareki "$planned")" || e2e_fail "no 転出予定日 on the row: $first"
printf '%s' "$first" | grep -qF '未照会' || e2e_fail "the row does not say 未照会: $first"
printf '%s' "$first" | grep -qE '転出予定|除票' || e2e_fail "no 状態 on the row: $first"
e2e_wait "転出先（予定） $dest（団体コード $dcode）"
# No 個人番号 of anyone listed (plain or grouped).
for k in $(e2e_sql "SELECT h.kojin_bango $cur $waiting AND h.kojin_bango <> ''"); do
  e2e_absent "$k"
  e2e_absent "$(printf '%s' "$k" | sed 's/^\(....\)\(....\)\(....\)$/\1 \2 \3/')"
done
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='search' AND operator='clerk1' AND detail LIKE 'criteria=unnotified %'")" = 1 ] ||
  e2e_fail "the list is not one logged search"

# F5: the 照会書.
e2e_key F5
e2e_wait '発行日 令和'
on_screen "宛先：転出先（予定） $dest の市区町村長 様（全国地方公共団体コード $dcode）"
on_screen '照会元：宝塚市長（全国地方公共団体コード 282146）'
on_screen "転出予定年月日を$(wareki "$planned")とする転出届"
on_screen '住民基本台帳法第9条第1項の転入通知'
e2e_wait "氏名 $name　振り仮名 $kana"
e2e_wait "住民票コード $jcode"
e2e_key PageDown
e2e_wait "受付番号 $uk"
on_screen "転出予定年月日 $(wareki "$planned")"
on_screen '転出の種別 通常の転出'
e2e_key Home
e2e_wait '転入通知未着照会書'
k=$(e2e_sql "SELECT h.kojin_bango $cur WHERE p.atena_no='$atena'")
[ -n "$k" ] && e2e_absent "$k"
[ "$(e2e_sql "SELECT count(*) FROM form_register WHERE form_kind='notice_inquiry' AND form_serial='$atena/$planned' AND operator='clerk1' AND note='to=$dcode'")" = 1 ] ||
  e2e_fail "the 照会書 is not in the form register"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='view' AND operator='clerk1' AND target='$atena' AND detail='form=notice_inquiry to=$dcode'")" = 1 ] ||
  e2e_fail "the 照会書 is not logged as a view"
issued=$(e2e_sql "SELECT substr(issued_at,1,10) FROM form_register WHERE form_kind='notice_inquiry'")

# Esc: the row shows the 照会 date; no second search.
e2e_key Escape
e2e_wait "最後の照会書 $(wareki "$issued")"
row=$(e2e_screen | grep -F "$atena" | head -n 1)
printf '%s' "$row" | grep -qF "$(wareki "$issued")" || e2e_fail "the row does not show the 照会 date: $row"
printf '%s' "$row" | grep -qF '未照会' && e2e_fail "the row still says 未照会: $row"
[ "$(e2e_sql "SELECT count(*) FROM audit WHERE action='search' AND detail LIKE 'criteria=unnotified %'")" = 1 ] ||
  e2e_fail "the list was searched again"
e2e_key Escape
e2e_wait '業務メニュー'
e2e_logout_exit
echo "転入通知未着照会書 issued for $atena ($planned → $dcode)"
