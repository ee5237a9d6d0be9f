#!/usr/bin/env bash
# gander benchmark: gander against each engine's own CLI (the "floor").
#
#   bench/run.sh [--gander PATH] [--engines "sqlite pg mysql mysql-nofsync"] [--ns "100 1000"]
#                [--runs 5] [--cases "up noop status down validate version"] [--smoke]
#
# Prints a Markdown table on stdout (progress and notices on stderr); every
# time is the median of --runs runs. Stops with exit 1 as soon as a gander
# command or a floor script fails, showing its stderr. See bench/README.md.
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export LC_ALL=C   # "." as the decimal separator for $EPOCHREALTIME and awk

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
gander=$here/../build/gander
engines="sqlite pg mysql"
ns="100 1000"
runs=5
cases="up noop status down validate version"
smoke=0
given=""   # options given on the command line (--smoke leaves them alone)

usage() { sed -n '4,5p' "${BASH_SOURCE[0]}" | sed 's/^#   //' >&2; exit "${1:-2}"; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --gander | --engines | --ns | --runs | --cases)
      [[ $# -ge 2 ]] || usage
      case $1 in
        --gander) gander=$2 ;; --engines) engines=$2 ;; --ns) ns=$2 ;;
        --runs) runs=$2 ;; --cases) cases=$2 ;;
      esac
      given+=" $1"
      shift 2 ;;
    --smoke) smoke=1; shift ;;
    -h | --help) usage 0 ;;
    *) echo "bench: unknown argument: $1" >&2; usage ;;
  esac
done

# --smoke: tiny and quick; PostgreSQL/MariaDB only when their DSNs are set.
if ((smoke)); then
  if [[ $given != *--ns* ]]; then ns=5; fi
  if [[ $given != *--runs* ]]; then runs=1; fi
  if [[ $given != *--engines* ]]; then
    engines=sqlite
    if [[ -n ${GANDER_TEST_PG_DSN:-} ]]; then engines+=" pg"; fi
    if [[ -n ${GANDER_TEST_MYSQL_DSN:-} ]]; then engines+=" mysql"; fi
  fi
fi

notice() { echo "bench: $*" >&2; }
die() { notice "$*"; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
for n in $ns; do [[ $n =~ ^[1-9][0-9]*$ && $n -le 99999 ]] || die "--ns: $n is not in 1..99999"; done
for c in $cases; do [[ $c =~ ^(up|noop|status|down|validate|version)$ ]] || die "--cases: unknown case $c"; done
for e in $engines; do [[ $e =~ ^(sqlite|pg|mysql|mysql-nofsync)$ ]] || die "--engines: unknown engine $e"; done
if [[ $gander != */* ]]; then gander=$(command -v "$gander" || true); fi
[[ -n $gander && -x $gander ]] || die "gander binary not found (use --gander PATH)"
gander=$(cd "$(dirname "$gander")" && pwd)/$(basename "$gander")
has_case() { [[ " $cases " == *" $1 "* ]]; }

# Only the command line decides what gander does: no settings from the
# caller's environment, and it runs in the scratch folder (no ./.env).
unset GOOSE_DRIVER GOOSE_DBSTRING GOOSE_MIGRATION_DIR GOOSE_TABLE \
  GANDER_DRIVER GANDER_DBSTRING GANDER_MIGRATION_DIR GANDER_TABLE
export GANDER_YES=1   # down-to 0 rolls back many migrations: skip the confirmation
work=$(mktemp -d "${TMPDIR:-/tmp}/gander-bench.XXXXXX")
cd "$work"

# ---- measuring ---------------------------------------------------------------

# Peak RSS comes from GNU time's %M (KiB), in one extra untimed run per
# command: the wrapper adds ~1 ms per call, too much inside 5 ms timings.
# (A python3 getrusage wrapper cannot do it: a child counts its parent's
# RSS from before exec, ~14 MB for python3.)
gnu_time=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
  gnu_time=/usr/bin/time
else
  notice "GNU time (/usr/bin/time, Debian package time) not found: no peak RSS"
fi

fail() {  # fail RC CMD...: reports a failed command with its stderr, stops
  local rc=$1; shift
  notice "FAILED (exit $rc): $(echo "$*" | redact)"
  tail -n 20 "$work/stderr" | redact | sed 's/^/  | /' >&2
  exit 1
}

# timed CMD...: runs CMD once, stdout discarded; its wall time in µs into $elapsed.
timed() {
  local t0 rc=0
  now_us; t0=$us
  "$@" >/dev/null 2>"$work/stderr" || rc=$?
  now_us
  ((rc == 0)) || fail "$rc" "$@"
  elapsed=$((us - t0))
}

# peak_kib CMD...: runs CMD once; its peak RSS in KiB into $kib (empty without GNU time).
peak_kib() {
  local rc=0
  kib=""
  if [[ -n $gnu_time ]]; then
    "$gnu_time" -f %M -o "$work/rss" "$@" >/dev/null 2>"$work/stderr" || rc=$?
  else
    "$@" >/dev/null 2>"$work/stderr" || rc=$?
  fi
  ((rc == 0)) || fail "$rc" "$@"
  if [[ -n $gnu_time ]]; then kib=$(tail -n 1 "$work/rss"); fi
}

secs() { awk -v us="$1" 'BEGIN { printf "%.4f", us / 1e6 }'; }
ratio() { awk -v f="$1" -v g="$2" 'BEGIN { printf "%.2f", g / f }'; }
mib() { if [[ -n $1 ]]; then awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; else echo n/a; fi; }

rows=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 | $6 | $7 |"); }

# ---- engines: setup, scratch database, floor ---------------------------------


# engine_ok ENGINE: checks what ENGINE needs; a notice and status 1 to skip it.
engine_ok() {
  case $1 in
    sqlite)
      if ! command -v sqlite3 >/dev/null; then notice "sqlite3 CLI not found: sqlite runs without a floor"; fi ;;
    pg)
      [[ -n ${GANDER_TEST_PG_DSN:-} ]] || { notice "GANDER_TEST_PG_DSN unset: skipping pg"; return 1; }
      command -v psql >/dev/null || { notice "psql not found: skipping pg"; return 1; } ;;
    mysql | mysql-nofsync)
      [[ -n ${GANDER_TEST_MYSQL_DSN:-} ]] || { notice "GANDER_TEST_MYSQL_DSN unset: skipping $1"; return 1; }
      my_cli=$(command -v mariadb || command -v mysql || true)
      [[ -n $my_cli ]] || { notice "mariadb/mysql CLI not found: skipping mysql"; return 1; }
      split_dsn "$GANDER_TEST_MYSQL_DSN"
      my_args=(--no-defaults --protocol=TCP -h "$dsn_host" -P "${dsn_port:-3306}" -u "$dsn_user")
      if [[ -n $dsn_pass ]]; then my_args+=("-p$dsn_pass"); fi ;;
  esac
}

# Scratch database of the current $engine; $dsn is what gander is given.
# db_create stops the benchmark on failure; db_drop only warns (a leftover).
db_seq=0 scratch=""
admin_sql() {  # admin_sql SQL: runs SQL with the admin DSN of $engine
  case $engine in
    pg) psql -X -q -v ON_ERROR_STOP=1 -d "$GANDER_TEST_PG_DSN" -c "$1" ;;
    mysql*) "$my_cli" "${my_args[@]}" -e "$1" ;;
  esac
}
# mysql: InnoDB flushes its log at every commit (innodb_flush_log_at_trx_commit=1,
# fsync on); mysql-nofsync: the same server flushing about once a second (=0).
# The setting is global (use a private server; it needs SUPER): the server's
# own value is put back afterwards.
flush_saved=""
fsync_mode() {  # fsync_mode on|off: the current $engine's setting, or the saved one back
  [[ $engine == mysql* ]] || return 0
  local value
  if [[ $1 == on ]]; then
    if [[ -z $flush_saved ]]; then
      flush_saved=$(admin_sql "SELECT @@GLOBAL.innodb_flush_log_at_trx_commit" 2>/dev/null | tail -n 1) || true
    fi
    value=1
    if [[ $engine == mysql-nofsync ]]; then value=0; fi
  else
    [[ -n $flush_saved ]] || return 0
    value=$flush_saved
  fi
  admin_sql "SET GLOBAL innodb_flush_log_at_trx_commit = $value" >/dev/null 2>"$work/stderr" ||
    fail $? "SET GLOBAL innodb_flush_log_at_trx_commit = $value (needs a private server and SUPER)"
}
db_create() {
  local name=bench_$$_$((++db_seq))
  case $engine in
    sqlite) driver=sqlite3 dsn=$work/$name.db ;;
    pg) driver=postgres; split_dsn "$GANDER_TEST_PG_DSN" ;;
    mysql*) driver=mysql; split_dsn "$GANDER_TEST_MYSQL_DSN" ;;
  esac
  if [[ $engine != sqlite ]]; then
    dsn=$dsn_scheme://$dsn_authority/$name$dsn_query
    admin_sql "CREATE DATABASE $name" >/dev/null 2>"$work/stderr" || fail $? "CREATE DATABASE $name ($engine)"
  fi
  scratch=$name
}
db_drop() {
  [[ -n $scratch ]] || return 0
  case $engine in
    sqlite) rm -f "$work/$scratch.db" "$work/$scratch.db-journal" "$work/$scratch.db-wal" "$work/$scratch.db-shm" ;;
    *) admin_sql "DROP DATABASE IF EXISTS $scratch" >/dev/null 2>&1 || notice "could not drop $engine database $scratch" ;;
  esac
  scratch=""
}
trap 'rc=$?; db_drop; fsync_mode restore; rm -rf "$work"; exit $rc' EXIT
trap 'exit 130' INT TERM

# floor FILE: the engine's own CLI runs FILE (generated by gen.sh) on the scratch database.
floor() {
  case $engine in
    sqlite) sqlite3 -bail "$dsn" <"$1" ;;
    pg) psql -X -q -v ON_ERROR_STOP=1 -d "$dsn" -f "$1" ;;
    mysql*) "$my_cli" "${my_args[@]}" "$scratch" <"$1" ;;
  esac
}
# floor_read: the client reads the tracking table gander wrote (the floor of
# a no-op up and of status: one query).
floor_read() {
  local sql="SELECT id, version_id, is_applied, tstamp FROM goose_db_version ORDER BY id"
  case $engine in
    sqlite) sqlite3 -bail "$dsn" "$sql" ;;
    pg) psql -X -q -v ON_ERROR_STOP=1 -d "$dsn" -c "$sql" ;;
    mysql*) "$my_cli" "${my_args[@]}" "$scratch" -e "$sql" ;;
  esac
}
has_floor() { [[ $engine != sqlite ]] || command -v sqlite3 >/dev/null; }

# ---- the cases -----------------------------------------------------------------

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
engine_cases=0
for c in up noop status down; do if has_case $c; then engine_cases=1; fi; done
active=""
if ((engine_cases)); then
  for engine in $engines; do if engine_ok "$engine"; then active+=" $engine"; fi; done
fi
engine=""

"$gander" --version >/dev/null 2>"$work/stderr" || fail $? "$gander" --version   # also warms the page cache

if has_case version; then
  t=()
  t=() f=()
  for ((r = 0; r < runs; r++)); do
    timed "$gander" --version; t+=("$elapsed")
    if command -v sqlite3 >/dev/null; then timed sqlite3 --version; f+=("$elapsed"); fi
  done
  peak_kib "$gander" --version
  fl=n/a rv=n/a
  if ((${#f[@]})); then fl=$(median "${f[@]}"); rv=$(ratio "$fl" "$(median "${t[@]}")"); fl=$(secs "$fl"); fi
  # The floor of --version: `sqlite3 --version` (target: within 1.5x).
  row "--version" "—" "—" "$fl" "$(secs "$(median "${t[@]}")")" "$rv" "$(mib "$kib")"
fi

for n in $ns; do
  has_case validate || [[ -n $active ]] || continue
  notice "generating $n migrations"
  "$here/gen.sh" "$work/n$n" "$n"
  mig=$work/n$n/migrations

  if has_case validate; then
    t=()
    for ((r = 0; r < runs; r++)); do timed "$gander" -dir "$mig" validate; t+=("$elapsed"); done
    peak_kib "$gander" -dir "$mig" validate
    row validate "—" "$n" "—" "$(secs "$(median "${t[@]}")")" "—" "$(mib "$kib")"
  fi

  for engine in $active; do
    fsync_mode on
    t_up=() t_noop=() t_status=() t_down=() f_up=() f_down=() f_read=()
    for ((r = 1; r <= runs; r++)); do
      notice "$engine N=$n run $r/$runs"
      # gander on a fresh database: up, the same up again (nothing to do), status, down-to 0.
      db_create
      timed "$gander" -dir "$mig" "$driver" "$dsn" up;        t_up+=("$elapsed")
      timed "$gander" -dir "$mig" "$driver" "$dsn" up;        t_noop+=("$elapsed")
      timed "$gander" -dir "$mig" "$driver" "$dsn" status;    t_status+=("$elapsed")
      if has_floor; then timed floor_read; f_read+=("$elapsed"); fi
      timed "$gander" -dir "$mig" "$driver" "$dsn" down-to 0; t_down+=("$elapsed")
      db_drop
      # The floor on another fresh database: the same SQL through the engine's CLI.
      if has_floor; then
        db_create
        timed floor "$work/n$n/floor_up.sql";   f_up+=("$elapsed")
        timed floor "$work/n$n/floor_down.sql"; f_down+=("$elapsed")
        db_drop
      fi
    done

    # One more untimed pass for gander's peak RSS per command.
    db_create
    peak_kib "$gander" -dir "$mig" "$driver" "$dsn" up;        k_up=$kib
    peak_kib "$gander" -dir "$mig" "$driver" "$dsn" up;        k_noop=$kib
    peak_kib "$gander" -dir "$mig" "$driver" "$dsn" status;    k_status=$kib
    peak_kib "$gander" -dir "$mig" "$driver" "$dsn" down-to 0; k_down=$kib
    db_drop
    fsync_mode restore

    g_up=$(median "${t_up[@]}") g_down=$(median "${t_down[@]}")
    g_noop=$(median "${t_noop[@]}") g_status=$(median "${t_status[@]}")
    fl_read=n/a r_noop=n/a r_status=n/a
    if ((${#f_read[@]})); then
      fl_read=$(median "${f_read[@]}")
      r_noop=$(ratio "$fl_read" "$g_noop") r_status=$(ratio "$fl_read" "$g_status")
      fl_read=$(secs "$fl_read")
    fi
    fl_up=n/a fl_down=n/a r_up=n/a r_down=n/a
    if ((${#f_up[@]})); then
      fl_up=$(median "${f_up[@]}") fl_down=$(median "${f_down[@]}")
      r_up=$(ratio "$fl_up" "$g_up") r_down=$(ratio "$fl_down" "$g_down")
      fl_up=$(secs "$fl_up") fl_down=$(secs "$fl_down")
    fi
    if has_case up; then row up "$engine" "$n" "$fl_up" "$(secs "$g_up")" "$r_up" "$(mib "$k_up")"; fi
    if has_case noop; then row "no-op up" "$engine" "$n" "$fl_read" "$(secs "$g_noop")" "$r_noop" "$(mib "$k_noop")"; fi
    if has_case status; then row status "$engine" "$n" "$fl_read" "$(secs "$g_status")" "$r_status" "$(mib "$k_status")"; fi
    if has_case down; then row "down-to 0" "$engine" "$n" "$fl_down" "$(secs "$g_down")" "$r_down" "$(mib "$k_down")"; fi
  done
  engine=""
  rm -rf "$work/n$n"
done

echo "load average before the run: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
echo
echo "| case | engine | N | floor s | gander s | ratio | gander peak RSS MB |"
echo "|---|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
