# lib.sh — the end-to-end TUI harness: the real bin/madoguchi in a detached
# tmux at 80×24, driven by keys, observed with `capture-pane -p`.
# Sourced (POSIX sh) by tests/e2e/t_*.sh:
#
#   . "$MG_ROOT/tests/e2e/lib.sh"
#   e2e_init                                  # temp dir, config allowing capture, trap
#   e2e_conf idle_lock_seconds=5              # extra config lines (before e2e_start)
#   e2e_registry                              # madoguchi init (skips if not built yet)
#   e2e_operator clerk1 '山田　花子' clerk 'correct-horse-1'
#   e2e_start                                 # madoguchi --config … --db … in tmux
#   (or e2e_start_shell: as a job of an interactive bash, for Ctrl+Z / fg)
#   e2e_wait '操作者ID'                        # poll the screen for text, with a deadline
#   e2e_type 'clerk1'; e2e_key Enter          # literal text / tmux key names (F12, Escape…)
#   e2e_gone '山田'                            # poll until the text is not on screen
#   e2e_resize 100 30
#   e2e_key F3; e2e_exited                    # wait for the program to end; $E2E_RC
#   e2e_logout_exit                           # F9 to the login page, F3, exit code 0
#   e2e_sql "SELECT count(*) FROM audit"     # the registry after the run
#   e2e_absent '山田'                          # not on the screen nor in the scrollback
#
# Environment: BIN (binaries, absolute) and MG_ROOT (repository), as set by
# tests/run-scripts.sh. Sets E2E_DIR (temp folder, removed by e2e_stop unless
# E2E_KEEP=1), E2E_DB, E2E_CONF, E2E_SOCK (this test's own tmux socket name,
# mg-e2e-PID, created under $E2E_DIR through TMUX_TMPDIR). Only this test's
# tmux server is ever killed (by its socket);
# nothing is killed by name. Waiting is polling with a deadline (E2E_DEADLINE
# seconds, default 20), never a fixed sleep. A test that also uses the card
# lab (tests/card/lab.sh) sets its own trap: trap 'e2e_stop; lab_stop' EXIT.

: "${MG_ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${BIN:=$MG_ROOT/bin}"
: "${E2E_DEADLINE:=20}"
E2E_MG="$BIN/madoguchi"
E2E_SOCK="mg-e2e-$$"
E2E_DIR=
E2E_DB=
E2E_CONF=
E2E_RC=
E2E_STARTED=
E2E_SHELL=

# e2e_skip REASON — end the test as skipped (exit 77, reason on the last line).
e2e_skip() {
  echo "$*"
  exit 77
}

# e2e_fail MESSAGE — print the message and the current screen, exit 1.
e2e_fail() {
  echo "FAIL: $*"
  if [ -n "$E2E_STARTED" ]; then
    echo "---- screen ----"
    e2e_screen
    echo "----------------"
  fi
  [ -n "$E2E_DIR" ] && [ -s "$E2E_DIR/madoguchi.log" ] && { echo "---- log ----"; tail -n 20 "$E2E_DIR/madoguchi.log"; }
  exit 1
}

# e2e_tmux ARGS — tmux on this test's own server (socket mg-e2e-PID).
e2e_tmux() {
  tmux -L "$E2E_SOCK" "$@"
}

# e2e_init — check the tools, make $E2E_DIR and the base config, set the trap.
e2e_init() {
  [ -n "$E2E_DIR" ] && return 0
  command -v tmux >/dev/null 2>&1 || e2e_skip "tmux is not installed (scripts/deps.sh)"
  [ -x "$E2E_MG" ] || e2e_skip "no $E2E_MG (build it first)"
  E2E_DIR=$(mktemp -d "${TMPDIR:-/tmp}/mg-e2e-XXXXXX") || exit 1
  # The server's socket lives in $E2E_DIR, so it goes away with it.
  TMUX_TMPDIR=$E2E_DIR
  export TMUX_TMPDIR
  unset TMUX
  E2E_DB="$E2E_DIR/registry.db"
  E2E_CONF="$E2E_DIR/madoguchi.conf"
  # Tests run under tmux, so capture must be allowed; mode test (badge, --today);
  # cheap scrypt so that logins are fast.
  cat > "$E2E_CONF" <<EOF
mode = test
allow_capture = 1
terminal_id = E2E01
db_path = $E2E_DB
log_file = $E2E_DIR/madoguchi.log
scrypt_log2_n = 10
lang = ja
EOF
  printf 'set -g remain-on-exit on\nset -g history-limit 2000\nset -g default-terminal screen\n' \
    > "$E2E_DIR/tmux.conf"
  trap 'e2e_stop' EXIT
  trap 'exit 143' TERM
  trap 'exit 130' INT
  trap 'exit 129' HUP
  # output piped to a reader that left (| head): stop quietly, still cleaning up
  trap 'trap "" PIPE; exit 141' PIPE
}

# e2e_kill_server — kill this test's tmux server and wait until its process
# has gone: a new-session on the same socket while the old server is still
# exiting connects to it and fails with "server exited unexpectedly".
e2e_kill_server() {
  spid=$(e2e_tmux display -p '#{pid}' 2>/dev/null)
  e2e_tmux kill-server >/dev/null 2>&1
  E2E_STARTED=
  [ -n "$spid" ] || return 0
  n=0
  while kill -0 "$spid" 2>/dev/null && [ $n -lt 100 ]; do
    sleep 0.05
    n=$((n + 1))
  done
}

# e2e_stop — kill this test's tmux server and remove $E2E_DIR (idempotent).
e2e_stop() {
  if [ -n "$E2E_STARTED" ]; then
    e2e_kill_server
  fi
  if [ -n "$E2E_DIR" ] && [ -z "${E2E_KEEP:-}" ]; then
    rm -rf "$E2E_DIR"
  fi
}

# e2e_conf KEY=VALUE... — set config keys, replacing earlier values (before e2e_start).
e2e_conf() {
  for kv in "$@"; do
    grep -v "^${kv%%=*} = " "$E2E_CONF" > "$E2E_CONF.new"
    printf '%s = %s\n' "${kv%%=*}" "${kv#*=}" >> "$E2E_CONF.new"
    mv "$E2E_CONF.new" "$E2E_CONF"
  done
}

# e2e_pid — the process id of madoguchi in the pane (the child of the pane's shell).
e2e_pid() {
  ps -o pid= --ppid "$(e2e_tmux display -p -t mg '#{pane_pid}')" | tr -d ' ' | head -n 1
}

# e2e_cli ARGS — run bin/madoguchi with this test's config (output to stdout).
e2e_cli() {
  "$E2E_MG" --config "$E2E_CONF" "$@"
}

# e2e_registry [CODE NAME] — initialise $E2E_DB (default 282146 宝塚市);
# skips the test when this build has no `init` subcommand yet.
e2e_registry() {
  code=${1:-282146}
  name=${2:-宝塚市}
  "$E2E_MG" --help 2>/dev/null | grep -q '^  init ' ||
    e2e_skip "madoguchi init is not in this build yet"
  e2e_cli init --db "$E2E_DB" --municipality "$code" --name "$name" > "$E2E_DIR/init.out" 2>&1 ||
    { cat "$E2E_DIR/init.out"; e2e_fail "madoguchi init failed"; }
}

# e2e_operator ID NAME ROLE PASSWORD — add an operator (password through fd 3).
e2e_operator() {
  "$E2E_MG" --help 2>/dev/null | grep -q '^  operator ' ||
    e2e_skip "madoguchi operator is not in this build yet"
  printf '%s\n' "$4" > "$E2E_DIR/pw"
  chmod 600 "$E2E_DIR/pw"
  e2e_cli operator add --db "$E2E_DB" --id "$1" --name "$2" --role "$3" --password-fd 3 \
    3< "$E2E_DIR/pw" > "$E2E_DIR/op.out" 2>&1
  rc=$?
  rm -f "$E2E_DIR/pw"
  [ $rc = 0 ] || { cat "$E2E_DIR/op.out"; e2e_fail "operator add $1 failed"; }
}

# e2e_start [ARGS] — start madoguchi (interactive) in a detached 80×24 tmux;
# its exit code goes to $E2E_DIR/exit.
e2e_start() {
  e2e_runner "$@"
  e2e_tmux -f "$E2E_DIR/tmux.conf" new-session -d -s mg -x 80 -y 24 "$E2E_DIR/run.sh" ||
    e2e_fail "tmux new-session failed"
  E2E_STARTED=1
}

# e2e_start_shell [ARGS] — as e2e_start, but madoguchi runs as a job of an
# interactive bash in the pane (job control: Ctrl+Z stops it, `fg` continues).
e2e_start_shell() {
  command -v bash >/dev/null 2>&1 || e2e_skip "bash is not installed"
  e2e_runner "$@"
  e2e_tmux -f "$E2E_DIR/tmux.conf" new-session -d -s mg -x 80 -y 24 \
    "env PS1='e2e\$ ' bash --norc --noprofile -i" || e2e_fail "tmux new-session failed"
  E2E_STARTED=1
  e2e_wait 'e2e$'
  # Typed as the shell's job itself (no wrapper process), so that the shell
  # reports "Stopped" only once madoguchi itself has stopped; e2e_exited asks
  # the shell for the exit code afterwards.
  e2e_type "LANG=C.UTF-8 LC_ALL=C.UTF-8 '$E2E_MG' --config '$E2E_CONF' --db '$E2E_DB' $*"
  e2e_key Enter
  E2E_SHELL=1
}

# e2e_runner [ARGS] — write $E2E_DIR/run.sh: madoguchi with this test's config
# and registry in a UTF-8 locale, then its exit code into $E2E_DIR/exit.
e2e_runner() {
  cat > "$E2E_DIR/run.sh" <<EOS
#!/bin/sh
export LANG=C.UTF-8 LC_ALL=C.UTF-8
"$E2E_MG" --config "$E2E_CONF" --db "$E2E_DB" $*
echo \$? > "$E2E_DIR/exit"
EOS
  chmod 700 "$E2E_DIR/run.sh"
  rm -f "$E2E_DIR/exit"
}

# e2e_screen — the visible screen as text.
e2e_screen() {
  e2e_tmux capture-pane -p -t mg 2>/dev/null
}

# e2e_history — the screen and the pane's whole scrollback as text.
e2e_history() {
  e2e_tmux capture-pane -p -S - -E - -t mg 2>/dev/null
}

# e2e_now — seconds (for deadlines).
e2e_now() {
  date +%s
}

# e2e_wait TEXT [SECONDS] — poll until TEXT is on the screen, or fail.
e2e_wait() {
  end=$(( $(e2e_now) + ${2:-$E2E_DEADLINE} ))
  while :; do
    e2e_screen | grep -qF -- "$1" && return 0
    [ "$(e2e_now)" -ge "$end" ] && e2e_fail "text not shown within ${2:-$E2E_DEADLINE}s: $1"
    sleep 0.1
  done
}

# e2e_gone TEXT [SECONDS] — poll until TEXT is no longer on the screen, or fail.
e2e_gone() {
  end=$(( $(e2e_now) + ${2:-$E2E_DEADLINE} ))
  while :; do
    e2e_screen | grep -qF -- "$1" || return 0
    [ "$(e2e_now)" -ge "$end" ] && e2e_fail "text still shown after ${2:-$E2E_DEADLINE}s: $1"
    sleep 0.1
  done
}

# e2e_absent TEXT — fail now if TEXT is on the screen or in the scrollback.
e2e_absent() {
  if e2e_history | grep -qF -- "$1"; then
    e2e_fail "text must not be on the screen or in the scrollback: $1"
  fi
}

# e2e_key KEY... — tmux key names (Enter, Escape, Tab, F1…F12, Up, BSpace…).
e2e_key() {
  e2e_tmux send-keys -t mg "$@"
}

# e2e_type TEXT — type literal text.
e2e_type() {
  e2e_tmux send-keys -t mg -l -- "$1"
}

# e2e_resize COLS ROWS — resize the window (the program gets SIGWINCH).
e2e_resize() {
  e2e_tmux resize-window -t mg -x "$1" -y "$2" || e2e_fail "resize-window failed"
}

# e2e_exited [SECONDS] — wait until the program ended; sets E2E_RC.
e2e_exited() {
  end=$(( $(e2e_now) + ${1:-$E2E_DEADLINE} ))
  if [ -n "$E2E_SHELL" ]; then
    while [ -n "$(e2e_pid)" ]; do
      [ "$(e2e_now)" -ge "$end" ] && e2e_fail "madoguchi did not exit within ${1:-$E2E_DEADLINE}s"
      sleep 0.1
    done
    e2e_type "echo \$? > '$E2E_DIR/exit'"
    e2e_key Enter
  fi
  while [ ! -s "$E2E_DIR/exit" ]; do
    [ "$(e2e_now)" -ge "$end" ] && e2e_fail "madoguchi did not exit within ${1:-$E2E_DEADLINE}s"
    sleep 0.1
  done
  E2E_RC=$(cat "$E2E_DIR/exit")
}

# e2e_logout_exit [WHO] — from a logged-in page: F9 logs out (wait for the
# login page), F3 ends the program; fail unless it exits with code 0 (the
# message starts with "WHO: " when given).
e2e_logout_exit() {
  e2e_key F9
  e2e_wait '操作者ID'
  e2e_key F3
  e2e_exited
  [ "$E2E_RC" = 0 ] || e2e_fail "${1:+$1: }exit code $E2E_RC"
}

# e2e_sql SQL — one query on the registry (sqlite3 CLI), rows on stdout.
e2e_sql() {
  command -v sqlite3 >/dev/null 2>&1 || e2e_skip "sqlite3 is not installed (scripts/deps.sh)"
  sqlite3 -batch "$E2E_DB" "$1"
}

# e2e_login ID PASSWORD — fill the login form and submit.
e2e_login() {
  e2e_wait '操作者ID'
  e2e_type "$1"
  e2e_key Enter
  e2e_type "$2"
  e2e_key Enter
}

# e2e_menu LABEL — on the 業務メニュー, press the number key of the entry LABEL
# (the menu numbers only the entries the operator's role may use).
e2e_menu() {
  e2e_wait '業務メニュー'
  _row=$(e2e_screen | sed -n "s/^ *\([0-9]\)  $1.*/\1/p" | head -n 1)
  [ -n "$_row" ] || e2e_fail "$1 has no number key in the menu"
  e2e_key "$_row"
}

# e2e_tenshutsu_household SETAI — from the 業務メニュー open 転出, find the
# household SETAI through the search (its 世帯主's カナ + 生年月日), take it,
# and Tab past its current members (all marked) to the 転出先 field.
e2e_tenshutsu_household() {
  _cur="FROM household hh JOIN person p ON p.atena_no=hh.head_atena JOIN resident_history h ON h.atena_no=p.atena_no AND h.rireki_no=p.rireki_no WHERE hh.setai_no='$1'"
  _name=$(e2e_sql "SELECT h.name $_cur")
  _n=$(e2e_sql "SELECT count(*) FROM person WHERE setai_no='$1' AND state='current'")
  e2e_wait '業務メニュー'
  e2e_key 2
  e2e_wait '世帯を選んでください'
  e2e_key F4
  e2e_wait '氏名（漢字かカナ）'
  e2e_type "$(e2e_sql "SELECT h.name_kana $_cur")"
  e2e_key Enter Enter
  e2e_type "$(e2e_sql "SELECT h.birth $_cur")"
  e2e_key F10
  e2e_wait '世帯を選ぶ'
  e2e_wait "$_name"
  e2e_key Enter
  e2e_wait "世帯番号 $1"
  _i=0
  while [ $_i -lt "$_n" ]; do e2e_key Tab; _i=$((_i+1)); done
}

# e2e_tokurei_tenshutsu SETAI ADDRESS CODE DATE — from the 業務メニュー, the
# 特例転出 of household SETAI to ADDRESS (municipality CODE), planned DATE:
# F8 switches to 特例, the confirmation says so, F10 commits. Returns on the
# done page, which says the 転出証明書情報 waits to be sent.
e2e_tokurei_tenshutsu() {
  e2e_tenshutsu_household "$1"
  e2e_type "$2"
  e2e_key Enter
  e2e_type "$3"
  e2e_key Enter
  e2e_type "$4"
  e2e_key F8
  e2e_wait '特例転出（マイナンバーカード'
  e2e_key F10
  e2e_wait '転出届 － 確認'
  e2e_wait '特例転出（マイナンバーカード'
  e2e_key F10
  e2e_wait '特例転出: 転出証明書情報を送信待ち'
}
