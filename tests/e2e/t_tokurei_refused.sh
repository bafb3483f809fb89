#!/bin/sh
# t_tokurei_refused.sh — a refused 転出証明書情報 request is answered
# (rv13dom L4): the card presented at 宝塚市 carries a 個人番号 津市 has no
# 特例転出 of, so nothing was received. The clerk requests the information
# from 津市 (F6, 242012, F10); 宝塚市 delivers, 津市 delivers and refuses
# (no_match: it knows nobody with these 4情報, rv19cs 4), answering with the
# request's id and the reason
# only; 宝塚市 delivers again. Back on the card page, F10 shows on the
# comparison page that 津市 refused, why, and what to do (a paper
# 転出証明書), without the 個人番号. Nothing is written but the request.
. "$MG_ROOT/tests/e2e/tokurei_lib.sh"
OTHER=123456789018
setup 2025-04-12
# The same person's card, but a 個人番号 津市 has no 特例転出 of.
lab_profile resident --name "$(val name)" --address "$(val address)" --birth "$(val birth)" \
  --sex "$(val sex)" --mynumber $OTHER --pin $PIN || e2e_fail "card profile"
start 2025-04-12
read_card
e2e_type 2025-04-10
e2e_key F10
e2e_wait '（受信していません）'
e2e_wait 'F6 で転出元の'
e2e_key F6
e2e_wait '転出元団体コード'
e2e_type 242012
e2e_key F10
e2e_wait '転出元に転出証明書情報を請求しました'
[ "$(e2e_sql "SELECT count(*) FROM outbox WHERE kind='tenshutsu_request' AND to_code='242012'")" = 1 ] ||
  e2e_fail "the request is not queued"
e2e_cli deliver --db "$E2E_DB" --cs "$CS" --today 2025-04-12 >/dev/null 2>&1 || e2e_fail "deliver 宝塚市"
e2e_cli --lang ja deliver --db "$A" --cs "$CS" --today 2025-04-12 > "$E2E_DIR/dl.out" 2>&1 ||
  e2e_fail "deliver 津市"
grep -qF '応じられない旨の回答 1 件' "$E2E_DIR/dl.out" || e2e_fail "deliver did not count the refusal: $(cat "$E2E_DIR/dl.out")"
[ "$(sqlite3 "$A" "SELECT count(*) FROM tenshutsu_refused WHERE requester='282146' AND reason='no_match'")" = 1 ] ||
  e2e_fail "津市 did not answer the refusal"
e2e_cli deliver --db "$E2E_DB" --cs "$CS" --today 2025-04-12 >/dev/null 2>&1 || e2e_fail "deliver 宝塚市 again"
[ "$(e2e_sql "SELECT count(*) FROM tenshutsu_refusal WHERE from_code='242012' AND reason='no_match'")" = 1 ] ||
  e2e_fail "宝塚市 did not store the refusal"
# The card page again, F10: the comparison shows the refusal and the remedy.
e2e_key Escape
e2e_wait '転入日'
e2e_key F10
e2e_wait '（受信していません）'
e2e_wait '団体コード 242012'
e2e_wait '令和7年4月12日に送った'
e2e_wait '応じられないと回答しました'
e2e_wait '特例転出の記録が、転出元にありません'
e2e_wait '紙の転出証明書'
e2e_absent $OTHER
e2e_absent '転出元に転出証明書情報を請求しました'
# F10 still refuses the 特例転入, pointing to the paper certificate.
e2e_key F10
e2e_wait '特例転入を受け付けられません'
e2e_key Enter
e2e_gone '特例転入を受け付けられません'
[ "$(e2e_sql "SELECT count(*) FROM uketsuke WHERE workflow='tokurei_tennyu'")" = 0 ] ||
  e2e_fail "a 特例転入 was committed"
[ "$(e2e_sql "SELECT count(*) FROM resident_history WHERE kojin_bango='$OTHER'")" = 0 ] ||
  e2e_fail "the person was written"
quit
echo "the refusal of the request was shown with its reason and the paper 転出証明書"
