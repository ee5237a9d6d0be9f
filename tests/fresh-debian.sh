#!/usr/bin/env bash
# Usage: tests/fresh-debian.sh [--only-1] [--keep] [--mirror URL]
#
# Proves the README on a machine that has only what the README installs:
# makes a fresh Debian 12 root (debootstrap --variant=minbase bookworm, as a
# new server has it, no systemd), clones this repository's committed HEAD into
# /root/gander there, and runs README command 1, then command 2, exactly as
# README.md prints them, as root in a chroot with /proc, /sys, /dev, /dev/pts
# and /dev/shm mounted. Prints how long each step took; exits 1 naming the
# first command that failed. --only-1 stops after command 1 (minutes instead
# of an hour). --keep leaves the root in place for a look (the mounts and any
# process left inside are always removed); the path is printed.
#
# On demand, not in CI (.ci/run): command 2 builds and tests everything, which
# takes long. Needs root, debootstrap (installed with apt-get if missing),
# git, and the Debian mirror (MIRROR or --mirror, default deb.debian.org);
# about 4 GB in TMPDIR (default /var/tmp). FRESH_DEBIAN_CACHE=FILE.tar keeps
# the bare debootstrap root in FILE.tar and starts from it next time.
set -euo pipefail

mirror=${MIRROR:-http://deb.debian.org/debian}
only_1=0
keep=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --only-1) only_1=1 ;;
    --keep) keep=1 ;;
    --mirror) mirror=$2; shift ;;
    -h | --help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fresh-debian: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { echo "fresh-debian: $*" >&2; }
die() { say "$*"; exit 1; }
(( EUID == 0 )) || die "needs root (debootstrap, mount, chroot)"
command -v git >/dev/null || die "needs git (to clone the repository into the fresh root)"
if ! command -v debootstrap >/dev/null; then
  say "installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null || die "apt-get install debootstrap failed"
fi

# README command N: the one line of the ```sh block after "**N.".
readme_command() {
  awk -v n="$1" '$0 ~ "^\\*\\*" n "\\." { found = 1 } found && /^```sh$/ { getline; print; exit }' "$src/README.md"
}
command_1=$(readme_command 1)
command_2=$(readme_command 2)
[[ -n $command_1 && -n $command_2 ]] || die "README.md has no command 1 or 2 (a one-line \`\`\`sh block after '**1.' / '**2.')"

work=$(realpath "$(mktemp -d "${TMPDIR:-/var/tmp}/gander-fresh.XXXXXX")")
root=$work/debian
mounted=()
cleanup() {
  local rc=$? i pid
  # Servers or builds still running inside (a failed or interrupted run)
  # would hold the mounts.
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [[ $(readlink "/proc/$pid/root" 2>/dev/null) == "$root" ]] && kill -9 "$pid" 2>/dev/null
  done
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" 2>/dev/null || say "could not unmount ${mounted[i]}"
  done
  if (( keep )); then
    say "kept the root in $root"
  elif ! grep -q " $work/" /proc/mounts; then
    rm -rf "$work"
  else
    say "left $work: something is still mounted there"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

timings=()
step() {  # step NAME CMD...: runs CMD, records how long it took
  local name=$1 t=$SECONDS rc=0
  shift
  say "== $name"
  "$@" || rc=$?
  timings+=("$(printf '%-40s %4dm%02ds%s' "$name" $(((SECONDS - t) / 60)) $(((SECONDS - t) % 60)) "$( ((rc)) && echo "  FAILED (exit $rc)")")")
  return "$rc"
}
report() {
  say "timings:"
  printf '  %s\n' "${timings[@]}" >&2
}

make_root() {
  mkdir "$root"
  if [[ -n ${FRESH_DEBIAN_CACHE:-} && -f $FRESH_DEBIAN_CACHE ]]; then
    tar -C "$root" -xf "$FRESH_DEBIAN_CACHE"
  else
    debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
      { tail -n 20 "$work/debootstrap.log" >&2; return 1; }
    if [[ -n ${FRESH_DEBIAN_CACHE:-} ]]; then tar -C "$root" -cf "$FRESH_DEBIAN_CACHE" .; fi
  fi
  # As a Debian 12 install has them: the release, its updates and security.
  cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
EOF
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  chmod 755 "$root"   # the servers run as postgres and mysql in there
  git clone --quiet "$src" "$root/root/gander"
}

mount_all() {
  local what
  mount -t proc proc "$root/proc" && mounted+=("$root/proc")
  mount -t sysfs sysfs "$root/sys" && mounted+=("$root/sys")
  for what in dev dev/pts; do
    mount --bind "/$what" "$root/$what" && mounted+=("$root/$what")
  done
  mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm" && mounted+=("$root/dev/shm")
}

# in_root COMMAND_LINE: as root in the clone, with a clean environment.
in_root() {
  chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash -c "cd /root/gander && $1"
}

say "fresh Debian 12 root in $root (mirror $mirror), repository $(git -C "$src" rev-parse --short HEAD)"
status=0
step "debootstrap --variant=minbase bookworm$([[ -f ${FRESH_DEBIAN_CACHE:-} ]] && echo " (cached)")" make_root || { report; die "could not make the root"; }
mount_all || { report; die "could not mount /proc, /sys, /dev in the root"; }
step "README command 1 (build, example on SQLite)" in_root "$command_1" || status=1
if (( status == 0 && ! only_1 )); then
  step "README command 2 (build, every test)" in_root "$command_2" || status=1
fi
report
if (( status )); then
  die "a README command failed in the fresh root (see above)"
fi
say "ok: README command 1$( ((only_1)) || echo " and 2") passed in a fresh Debian 12 root"
