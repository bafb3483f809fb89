#!/bin/sh
# deps.sh — install the Debian packages madoguchi needs to build, test and demo.
# As root: installs what is missing with apt-get. Otherwise: prints the exact
# command and exits 1. Prints nothing and exits 0 when all is there.
set -eu
PKGS="build-essential pkg-config clang libclang-rt-14-dev
libsqlite3-dev sqlite3 libicu-dev icu-devtools libcunit1-dev libssl-dev openssl
libncurses-dev libpcsclite-dev pcscd vsmartcard-vpcd opensc pcsc-tools
tmux procps iproute2 util-linux xxd"
missing=""
for p in $PKGS; do
  st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$st" in *" installed") ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" != 0 ]; then
  echo "madoguchi needs these Debian packages:$missing" >&2
  echo "run as root:  apt-get update && $cmd" >&2
  exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# pcscd's postinst must not start a system daemon: tests run their own.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
$cmd -qq
