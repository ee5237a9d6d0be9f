#!/usr/bin/env bash
# Usage: packaging/build-deb.sh [--no-install] [BUILD_DIR]
#
# Builds gander's Debian package with CPack in BUILD_DIR (default: build-deb in
# the source tree; configured with -DGANDER_TESTS=OFF if it is not configured
# yet), then, unless --no-install, installs it with apt-get (as root, or
# through sudo) and checks the installed package: `gander --version`,
# `man -w gander`, the completion files, the PostgreSQL and MySQL driver
# modules, and a real `up`/`version` on the example migrations with SQLite. The last line printed is the path of the .deb.
#
# JOBS=N sets the build's parallelism (default: the number of cores).
set -euo pipefail

install=1
build=""
for arg in "$@"; do
  case $arg in
    --no-install) install=0 ;;
    -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "build-deb: unknown option $arg" >&2; exit 2 ;;
    *) build=$arg ;;
  esac
done
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${build:-$src/build-deb}
mkdir -p "$build"
build=$(cd "$build" && pwd)
step() { echo "==> $*" >&2; }
die() { echo "build-deb: $*" >&2; exit 1; }

# 1. Build.
if [[ ! -f $build/CMakeCache.txt ]]; then
  step "configuring $build"
  cmake -S "$src" -B "$build" -DGANDER_TESTS=OFF >/dev/null
fi
step "building gander and its man page"
cmake --build "$build" --target gander gander_manpage -j "${JOBS:-$(nproc)}" >/dev/null
built_version=$("$build/gander" --version)

# 2. Package.
step "cpack -G DEB in $build"
rm -f "$build"/gander_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
debs=("$build"/gander_*.deb)
[[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] || die "expected one gander_*.deb in $build, found: ${debs[*]}"
deb=${debs[0]}
dpkg-deb --field "$deb" Package Version Architecture Depends >&2
dpkg-deb --contents "$deb" | awk '$NF !~ /\/$/ { print "    " $NF }' >&2

if (( install == 0 )); then
  echo "$deb"
  exit 0
fi

# 3. Install it as a user would.
sudo=()
if (( EUID != 0 )); then
  command -v sudo >/dev/null || die "installing needs root (or sudo); use --no-install to only build"
  sudo=(sudo)
fi
step "installing $deb"
# --reinstall: a package of the same version already installed is replaced too.
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall "$deb" >&2 ||
  die "apt-get install $deb failed"

# 4. Check the installed package.
step "checking the installed package"
[[ $(dpkg-query -W -f '${Status}' gander) == "install ok installed" ]] || die "dpkg does not list gander as installed"
[[ $(command -v gander) == /usr/bin/gander ]] || die "gander on PATH is $(command -v gander), not /usr/bin/gander"
installed_version=$(/usr/bin/gander --version) || die "/usr/bin/gander --version failed"
echo "    gander --version: $installed_version" >&2
[[ $installed_version == "$built_version" ]] || die "installed gander says '$installed_version', the build '$built_version'"

if ! manpath=$(man -w gander 2>&1); then
  if grep -qs 'path-exclude.*/usr/share/man' /etc/dpkg/dpkg.cfg.d/*; then
    die "man -w gander: $manpath (dpkg is told not to install man pages: path-exclude in /etc/dpkg/dpkg.cfg.d)"
  fi
  die "man -w gander: $manpath"
fi
echo "    man -w gander: $manpath" >&2
[[ $manpath == /usr/share/man/man1/gander.1.gz ]] || die "man -w gander finds $manpath, not the package's page"
warnings=$(MANWIDTH=80 man --warnings gander 2>&1 >/dev/null) || die "man gander failed: $warnings"
[[ -z $warnings ]] || die "man gander warns: $warnings"

for file in /usr/share/bash-completion/completions/gander /usr/share/zsh/vendor-completions/_gander \
            /usr/share/doc/gander/README.md /usr/share/doc/gander/commands.md; do
  [[ -f $file ]] || die "$file is not installed"
done
completion=$(bash --noprofile --norc -c 'source /usr/share/bash-completion/completions/gander
  COMP_WORDS=(gander sqlite3 app.db st); COMP_CWORD=3; _gander; printf "%s\n" "${COMPREPLY[@]}"')
[[ $completion == status ]] || die "installed bash completion offers '$completion' for 'gander sqlite3 app.db st'"
echo "    bash completion: 'gander sqlite3 app.db st' -> $completion" >&2

# The PostgreSQL and MySQL drivers are modules loaded on first use: the
# package's own must load (their client libraries come from Depends). Port 1 on
# the loopback refuses the connection at once; the driver got that far.
# (LD_DEBUG shows which file was loaded: the binary also searches its build
# folder, which would hide a module missing from the package.)
for engine in postgres mysql; do
  case $engine in
    postgres) dsn='postgres://gander@127.0.0.1:1/gander?connect_timeout=2' ;;
    mysql) dsn='gander@tcp(127.0.0.1:1)/gander' ;;
  esac
  packaged=$(dpkg -L gander | grep "/gander-$engine\.so$" || true)
  [[ -n $packaged ]] || die "the package has no gander-$engine.so"
  out=$(LD_DEBUG=files /usr/bin/gander "$engine" "$dsn" status 2>&1 || true)
  loaded=$(grep -o "file=[^ ]*gander-$engine\.so" <<<"$out" | head -n 1 | cut -d= -f2)
  [[ -n $loaded && $(readlink -f "$loaded") == "$(readlink -f "$packaged")" ]] || die "gander $engine loaded '${loaded:-no module}', not the package's $packaged: $(grep '^gander:' <<<"$out")"
  grep -q "^gander: status: cannot connect" <<<"$out" || die "gander $engine: $(grep '^gander:' <<<"$out")"
  echo "    $engine driver: $loaded loads" >&2
done

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT
(cd "$work" && /usr/bin/gander -dir "$src/migrations-example" sqlite3 ./app.db up >/dev/null &&
   /usr/bin/gander -dir "$src/migrations-example" sqlite3 ./app.db version) >&2 ||
  die "the installed gander could not migrate the example migrations on SQLite"

step "ok: $(dpkg-query -W -f '${Package} ${Version}' gander) is installed and works"
echo "$deb"
