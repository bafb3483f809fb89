# rootdir.sh — folders for production files in script tests (sourced).
# A production configuration or trust store must be root's alone, and so must
# every folder above it (i18n/mg_file.h), so such files cannot live under /tmp.

# mg_root_only DIR — DIR (resolved) and every folder above it are root's, not group/other-writable.
mg_root_only() {
  _d=$(readlink -f "$1") || return 1
  while :; do
    [ -d "$_d" ] && [ "$(stat -c %u "$_d")" = 0 ] && [ $(( 0$(stat -c %a "$_d") & 022 )) = 0 ] || return 1
    [ "$_d" = / ] && return 0
    _d=$(dirname "$_d")
  done
}

# mg_rootdir NAME — make a fresh folder NAME-XXXXXX (mode 0755) under /run or
# /root whose whole path is root's; print its resolved path. Fails, printing
# nothing, when not root or no such place exists. The caller removes it.
mg_rootdir() {
  [ "$(id -u)" = 0 ] || return 1
  for _b in /run /root; do
    mg_root_only "$_b" || continue
    _r=$(mktemp -d "$_b/$1-XXXXXX" 2>/dev/null) || continue
    chmod 755 "$_r" && readlink -f "$_r" && return 0
  done
  return 1
}
