#!/bin/sh
# Bad input on the command line (review findings): a clear message, nothing
# written. --terminal is checked like the configuration's terminal_id (its
# value goes into every operation-log row); an empty file is a missing
# registry, never filled with a fresh schema; a folder or device as the
# registry gets its own message; a password prompt ended by SIGTERM or SIGHUP
# gives the terminal its echo back.
set -eu
: "${BIN:?}"
d=$(mktemp -d /tmp/mg-badin.XXXXXX)
sock="mg-badin-$$"
. "$MG_ROOT/tests/rootdir.sh"
G=   # a root-only folder for the configuration guard (made below when root)
trap 'for s in TERM HUP dumb; do tmux -L "$sock-$s" kill-server 2>/dev/null || true; done; rm -rf "$d" ${G:+"$G"}' EXIT
fail() { echo "FAIL: $*"; exit 1; }
M="$BIN/madoguchi"
"$M" init --db "$d/r.db" --municipality 282146 --name 宝塚市 >/dev/null
before=$(sqlite3 "$d/r.db" "SELECT count(*) FROM audit")

# A code with a valid check digit but no prefecture (00, 48-99) is no code.
for code in 000001 990001 480002; do
  st=0; "$M" --lang en init --db "$d/p$code.db" --municipality $code --name 架空市 > "$d/out" 2>&1 || st=$?
  [ "$st" = 1 ] || fail "init --municipality $code: exit $st"
  grep -q "$code is not valid" "$d/out" || fail "init $code message: $(cat "$d/out")"
  [ -e "$d/p$code.db" ] && fail "init $code created a file"
done
# madoguchi-vcard: --help is never taken as an argument (a CA folder named --help).
st=0; (cd "$d" && "$BIN/madoguchi-vcard" ca-init --help > "$d/out" 2>&1) || st=$?
[ "$st" = 2 ] || fail "madoguchi-vcard ca-init --help: exit $st"
[ -e "$d/--help" ] && fail "madoguchi-vcard ca-init --help created a folder"

# --terminal with an escape sequence / too long: usage error, no log row
st=0; "$M" date-job --db "$d/r.db" --terminal "$(printf 'T1\033[1A')" > "$d/out" 2>&1 || st=$?
[ "$st" != 0 ] || fail "--terminal with ESC accepted"
grep -q -- '--terminal' "$d/out" || fail "no --terminal message: $(cat "$d/out")"
st=0; "$M" date-job --db "$d/r.db" --terminal "$(printf '%040d' 0)" > "$d/out" 2>&1 || st=$?
[ "$st" != 0 ] || fail "a 40-byte --terminal accepted"
[ "$(sqlite3 "$d/r.db" "SELECT count(*) FROM audit")" = "$before" ] || fail "a log row was written"
"$M" date-job --db "$d/r.db" --terminal MADO-01 > /dev/null 2>&1 || fail "a valid --terminal refused"
[ "$(sqlite3 "$d/r.db" "SELECT terminal FROM audit ORDER BY seq DESC LIMIT 1")" = MADO-01 ] ||
  fail "the batch row does not carry --terminal"
# without one, a command run by hand is logged with its Unix account and tty
"$M" date-job --db "$d/r.db" > /dev/null 2>&1 || fail "date-job"
sqlite3 "$d/r.db" "SELECT terminal FROM audit ORDER BY seq DESC LIMIT 1" | grep -q "^uid$(id -u)@" ||
  fail "the batch row does not name the Unix account"

# an empty file is a missing registry: refused, left empty, mode unchanged
: > "$d/empty.db"
chmod 600 "$d/empty.db"
st=0; "$M" date-job --db "$d/empty.db" > "$d/out" 2>&1 || st=$?
[ "$st" != 0 ] || fail "date-job on an empty file succeeded"
[ ! -s "$d/empty.db" ] || fail "the empty file was filled"
grep -q 'empty.db' "$d/out" || fail "the message does not name the file: $(cat "$d/out")"
grep -q 'init' "$d/out" || fail "the message does not say how to create one"
st=0; "$M" audit verify --db "$d/empty.db" > "$d/out" 2>&1 || st=$?
[ "$st" != 0 ] || fail "audit verify passed an empty file"
[ ! -s "$d/empty.db" ] || fail "audit verify filled the empty file"
st=0; "$M" deliver --db "$d/nope.db" --cs "$d/cs.db" > "$d/out" 2>&1 || st=$?
[ "$st" != 0 ] && [ ! -e "$d/nope.db" ] || fail "deliver created a registry"

# a folder (or device) as the registry: its own message naming the path, for
# the commands that open, create or only check a registry
mkdir "$d/folder.db"
for cmd in "date-job --db $d/folder.db" "init --db $d/folder.db --municipality 282146 --name x" \
           "audit verify --db $d/folder.db" "date-job --db /dev/null"; do
  st=0; "$M" --lang en $cmd > "$d/out" 2>&1 || st=$?
  [ "$st" != 0 ] || fail "$cmd succeeded"
  grep -q 'folder or another kind of non-regular file' "$d/out" ||
    fail "$cmd: not the non-regular-file message: $(cat "$d/out")"
done
[ -z "$(ls -A "$d/folder.db")" ] || fail "something was written into the folder"

# SIGTERM / SIGHUP at the password prompt: echo is on again afterwards
command -v tmux >/dev/null || { echo "tmux missing"; exit 77; }
for sig in TERM HUP; do
  rm -f "$d/stty.$sig" "$d/pid"
  tmux -L "$sock-$sig" new-session -d -x 100 -y 20 \
    "sh -c 'echo \$\$ > $d/pid; exec $M operator add --db $d/r.db --id zz$sig --name 試験 --role clerk'; stty -a > $d/stty.$sig; sleep 5"
  i=0
  while [ ! -s "$d/pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
  # wait for the prompt (echo off) before the signal
  i=0
  while ! tmux -L "$sock-$sig" capture-pane -p | grep -q 'zz'"$sig" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
  sleep 0.3
  kill -s "$sig" "$(cat "$d/pid")"
  i=0
  while [ ! -s "$d/stty.$sig" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
  [ -s "$d/stty.$sig" ] || fail "no stty output after SIG$sig"
  grep -qw -- '-echo' "$d/stty.$sig" && fail "echo left off after SIG$sig"
  grep -qw 'echo' "$d/stty.$sig" || fail "stty shows no echo after SIG$sig"
  tmux -L "$sock-$sig" kill-server 2>/dev/null || true
done
[ "$(sqlite3 "$d/r.db" "SELECT count(*) FROM operator WHERE id LIKE 'zz%'")" = 0 ] ||
  fail "an operator was added by a killed prompt"

# TERM=dumb cannot address the cursor: the screen would stream into the
# scrollback, so the program refuses to start (with the TERM advice)
printf 'mode = test\nallow_capture = yes\n' > "$d/cap.conf"
chmod 600 "$d/cap.conf"
"$M" --config "$d/cap.conf" init --db "$d/t.db" --municipality 282146 --name 宝塚市 >/dev/null
tmux -L "$sock-dumb" new-session -d -x 100 -y 20 \
  "TERM=dumb $M --config $d/cap.conf --db $d/t.db 2> $d/dumb.out; echo \$? > $d/dumb.rc; sleep 5"
i=0
while [ ! -s "$d/dumb.rc" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
tmux -L "$sock-dumb" kill-server 2>/dev/null || true
[ "$(cat "$d/dumb.rc" 2>/dev/null)" = 1 ] || fail "TERM=dumb was not refused"
grep -q 'TERM' "$d/dumb.out" || fail "no TERM advice: $(cat "$d/dumb.out")"

# a test configuration never opens a production registry (it would trust the
# demo CA and allow --today there); init under it makes a demo registry
st=0; "$M" --config "$d/cap.conf" date-job --db "$d/r.db" > "$d/out" 2>&1 || st=$?
[ "$st" != 0 ] || fail "a production registry opened under mode = test"
grep -q 'mode = test' "$d/out" || fail "no explanation: $(cat "$d/out")"
[ "$(sqlite3 "$d/t.db" "SELECT mode FROM municipality")" = demo ] || fail "init under mode = test made no demo registry"
"$M" --config "$d/cap.conf" date-job --db "$d/t.db" --today 2026-01-05 > /dev/null 2>&1 ||
  fail "the test registry refused under mode = test"

# a production configuration named on the command line must be root's alone:
# the file and every folder on its resolved path (so not under /tmp); the
# refusal names the file and the folder or file at fault
printf 'terminal_id = MADO-09\n' > "$d/prod.conf"
chmod 644 "$d/prod.conf"
st=0; "$M" --lang en --config "$d/prod.conf" date-job --db "$d/r.db" > "$d/out" 2>&1 || st=$?
[ "$st" != 0 ] || fail "a production configuration under /tmp was used"
grep -q "^$d/prod.conf: .*; $(readlink -f /tmp) is not" "$d/out" ||
  fail "the message does not name the file and /tmp: $(cat "$d/out")"
G=$(mg_rootdir mg-badin-conf) || G=
if [ -n "$G" ]; then
  cp "$d/prod.conf" "$G/prod.conf"
  chmod 644 "$G/prod.conf"
  "$M" --config "$G/prod.conf" date-job --db "$d/r.db" > "$d/out" 2>&1 ||
    fail "a root-owned 0644 configuration in a root-only folder refused: $(cat "$d/out")"
  chmod 666 "$G/prod.conf"
  st=0; "$M" --lang en --config "$G/prod.conf" date-job --db "$d/r.db" > "$d/out" 2>&1 || st=$?
  [ "$st" != 0 ] || fail "a world-writable production configuration was used"
  grep -q "; $G/prod.conf is not" "$d/out" || fail "the message does not name the file: $(cat "$d/out")"
  chmod 644 "$G/prod.conf"; chmod 777 "$G"
  st=0; "$M" --lang en --config "$G/prod.conf" date-job --db "$d/r.db" > "$d/out" 2>&1 || st=$?
  [ "$st" != 0 ] || fail "a production configuration in a world-writable folder was used"
  grep -q "; $G is not" "$d/out" || fail "the message does not name the folder: $(cat "$d/out")"
  # a test configuration is read wherever it is
  cp "$d/cap.conf" "$G/test.conf"; chmod 666 "$G/test.conf"
  "$M" --config "$G/test.conf" date-job --db "$d/t.db" --today 2026-01-05 > "$d/out" 2>&1 ||
    fail "a test configuration in a writable folder refused: $(cat "$d/out")"
else
  echo "note: not root, or no root-only folder under /run or /root: the accepted production configuration not shown"
fi
echo "bad command-line input refused clearly; the prompt restores the terminal"
