#!/bin/sh
# t_tui_logfile.sh — a log file the counter program cannot open (rv5 L6) stops
# the start with a message naming the file and why, exit code 1, before the
# screen comes up: a missing folder, a folder, a symbolic link, an unwritable
# file (not as root), a FIFO and the default log beside the registry (db_path.log)
# when log_file is not set. A writable log_file starts as before and gets the
# program's end line. The program needs a terminal: each run has its own tmux
# server (socket under the test's temp folder); only those are killed.
set -eu
: "${BIN:?}"
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed"; exit 77; }
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 is not installed"; exit 77; }
M="$BIN/madoguchi"
d=$(mktemp -d /tmp/mg-tuilog.XXXXXX)
TMUX_TMPDIR=$d
export TMUX_TMPDIR
unset TMUX
# One tmux server (socket) per run, so a new one never races the old one's exit.
runs=0
sock=
trap 'if [ -n "$sock" ]; then tmux -L "$sock" kill-server 2>/dev/null; fi; rm -rf "$d"' EXIT
fail() {
  echo "FAIL: $*"
  [ -s "$d/err" ] && { echo "---- stderr ----"; cat "$d/err"; }
  exit 1
}

# conf LOG_FILE — the configuration (log_file left out when LOG_FILE is "").
conf() {
  {
    echo "mode = test"
    echo "allow_capture = 1"
    echo "terminal_id = LOG01"
    echo "lang = en"
    if [ -n "$1" ]; then echo "log_file = $1"; fi
  } > "$d/conf"
}

# a test-mode registry (a production one refuses a test configuration)
conf ''
"$M" --config "$d/conf" init --db "$d/r.db" --municipality 282146 --name 宝塚市 > /dev/null
logins=$(sqlite3 "$d/r.db" "SELECT count(*) FROM audit")

# run DB — madoguchi on a terminal (tmux), stderr to $d/err; waits for its
# exit code in $st, or for the login page (then $st is "screen").
run() {
  rm -f "$d/rc" "$d/err"
  printf '#!/bin/sh\nexport LANG=C.UTF-8 LC_ALL=C.UTF-8\n"%s" --config "%s" --db "%s" 2> "%s"\necho $? > "%s"\n' \
    "$M" "$d/conf" "$1" "$d/err" "$d/rc" > "$d/run.sh"
  chmod 700 "$d/run.sh"
  if [ -n "$sock" ]; then tmux -L "$sock" kill-server 2>/dev/null || true; fi
  runs=$((runs + 1))
  sock="mg-tuilog-$$-$runs"
  tmux -L "$sock" -f /dev/null new-session -d -s t -x 80 -y 24 "$d/run.sh; sleep 30"
  end=$(( $(date +%s) + 20 ))
  st=
  while [ -z "$st" ]; do
    if [ -s "$d/rc" ]; then st=$(cat "$d/rc")
    elif tmux -L "$sock" capture-pane -p -t t 2>/dev/null | grep -q 'Operator ID'; then st=screen
    elif [ "$(date +%s)" -ge "$end" ]; then fail "madoguchi neither ended nor showed the login page"
    fi
    [ -n "$st" ] || sleep 0.1
  done
}

# refused PATH REASON — the run ended with 1 and the message names PATH and REASON.
refused() {
  [ "$st" = 1 ] || fail "log file $1: not refused (result $st)"
  grep -qF "Cannot open the log file $1 ($2)" "$d/err" ||
    fail "log file $1: not the message with '$2'"
  grep -qF 'did not start' "$d/err" || fail "log file $1: does not say it did not start"
}

# 1. the folder is missing: nothing is created
conf "$d/nope/madoguchi.log"
run "$d/r.db"
refused "$d/nope/madoguchi.log" 'its folder does not exist'
[ ! -e "$d/nope" ] || fail "the missing folder was created"

# 2. a folder
mkdir "$d/logdir"
conf "$d/logdir"
run "$d/r.db"
refused "$d/logdir" 'it is a folder, not a file'
[ -z "$(ls -A "$d/logdir")" ] || fail "something was written into the folder"

# 3. a symbolic link (the log is opened with O_NOFOLLOW)
: > "$d/target.log"
ln -s "$d/target.log" "$d/link.log"
conf "$d/link.log"
run "$d/r.db"
refused "$d/link.log" 'a symbolic link is not accepted'
[ ! -s "$d/target.log" ] || fail "the link target was written"

# 3b. a FIFO: refused at once, not waited on for a reader
mkfifo "$d/fifo.log"
conf "$d/fifo.log"
run "$d/r.db"
refused "$d/fifo.log" 'it is a pipe, a socket or a disk device, not a file'

# 4. a file this user cannot write (root can write anything: skipped)
if [ "$(id -u)" != 0 ]; then
  : > "$d/ro.log"
  chmod 400 "$d/ro.log"
  conf "$d/ro.log"
  run "$d/r.db"
  refused "$d/ro.log" 'no permission to write it'
fi

# 5. no log_file: the default, the registry's path with .log, is a folder
mkdir "$d/r.db.log"
conf ''
run "$d/r.db"
refused "$d/r.db.log" 'it is a folder, not a file'
rmdir "$d/r.db.log"

# Nothing was logged in or out of the registry by the refused starts.
[ "$(sqlite3 "$d/r.db" "SELECT count(*) FROM audit")" = "$logins" ] ||
  fail "a refused start wrote to the operation log"

# 6. a writable log_file: the program starts, F3 ends it, the log has its end line
conf "$d/ok.log"
run "$d/r.db"
[ "$st" = screen ] || fail "a writable log_file: not started (result $st)"
tmux -L "$sock" send-keys -t t F3
end=$(( $(date +%s) + 20 ))
while [ ! -s "$d/rc" ]; do
  [ "$(date +%s)" -ge "$end" ] && fail "madoguchi did not end after F3"
  sleep 0.1
done
[ "$(cat "$d/rc")" = 0 ] || fail "a writable log_file: exit $(cat "$d/rc")"
grep -q 'tui.end' "$d/ok.log" || fail "the log file has no tui.end line"

echo "unopenable log files refused with the path and the reason; a writable one is used"
