#!/usr/bin/env bash
# gander fleet benchmark: how `gander fleet --parallel K up` scales with K.
#
#   bench/fleet.sh [--gander PATH] [--engines "sqlite pg"] [--targets T] [--migrations M]
#                  [--ks "1 2 4 8"] [--runs R] [--smoke]
#
# For every engine, run and K: T fresh targets, then `fleet --parallel K up`
# (M migrations each, from empty) and the same command again (nothing to do).
# Prints the machine and a Markdown table on stdout (progress on stderr);
# every time is the median of --runs runs. Stops with exit 1 as soon as a
# fleet command fails or does not report all T targets. See bench/README.md.
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export LC_ALL=C   # "." as the decimal separator for $EPOCHREALTIME and awk

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
gander=$here/../build/gander
engines="sqlite pg"
targets=100
migrations=20
ks="1 2 4 8"
runs=3
smoke=0
given=""   # options given on the command line (--smoke leaves them alone)

usage() { sed -n '4,5p' "${BASH_SOURCE[0]}" | sed 's/^#   //' >&2; exit "${1:-2}"; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --gander | --engines | --targets | --migrations | --ks | --runs)
      [[ $# -ge 2 ]] || usage
      case $1 in
        --gander) gander=$2 ;; --engines) engines=$2 ;; --targets) targets=$2 ;;
        --migrations) migrations=$2 ;; --ks) ks=$2 ;; --runs) runs=$2 ;;
      esac
      given+=" $1"
      shift 2 ;;
    --smoke) smoke=1; shift ;;
    -h | --help) usage 0 ;;
    *) echo "fleet bench: unknown argument: $1" >&2; usage ;;
  esac
done

# --smoke: only checks that the benchmark runs (ctest bench_fleet_smoke).
if ((smoke)); then
  if [[ $given != *--targets* ]]; then targets=3; fi
  if [[ $given != *--migrations* ]]; then migrations=2; fi
  if [[ $given != *--ks* ]]; then ks="1 2"; fi
  if [[ $given != *--runs* ]]; then runs=1; fi
  if [[ $given != *--engines* ]]; then engines=sqlite; fi
fi

notice() { echo "fleet bench: $*" >&2; }
die() { notice "$*"; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
[[ $targets =~ ^[1-9][0-9]*$ && $targets -le 9999 ]] || die "--targets must be in 1..9999"
[[ $migrations =~ ^[1-9][0-9]*$ && $migrations -le 99999 ]] || die "--migrations must be in 1..99999"
[[ -n ${ks// /} ]] || die "--ks is empty"
for k in $ks; do [[ $k =~ ^[1-9][0-9]*$ ]] || die "--ks: $k is not a positive integer"; done
for e in $engines; do [[ $e =~ ^(sqlite|pg)$ ]] || die "--engines: unknown engine $e"; done
if [[ $gander != */* ]]; then gander=$(command -v "$gander" || true); fi
[[ -n $gander && -x $gander ]] || die "gander binary not found (use --gander PATH)"
gander=$(cd "$(dirname "$gander")" && pwd)/$(basename "$gander")
pg_admin=${GANDER_PG_DSN:-${GANDER_TEST_PG_DSN:-}}

# Only the command line and the targets file decide what gander does.
unset GOOSE_DRIVER GOOSE_DBSTRING GOOSE_MIGRATION_DIR GOOSE_TABLE \
  GANDER_DRIVER GANDER_DBSTRING GANDER_MIGRATION_DIR GANDER_TABLE \
  GANDER_TARGETS GANDER_SNAPSHOT_DIR GANDER_CONFIG GANDER_METRICS_FILE
work=$(mktemp -d "${TMPDIR:-/tmp}/gander-fleet-bench.XXXXXX")
cd "$work"

# ---- measuring (as bench/run.sh) -----------------------------------------------

fail() {  # fail RC WHAT: reports a failed step with its output, stops
  local rc=$1; shift
  notice "FAILED (exit $rc): $(echo "$*" | redact)"
  tail -n 20 "$work/stdout" 2>/dev/null | redact | sed 's/^/  | /' >&2 || true
  tail -n 20 "$work/stderr" 2>/dev/null | redact | sed 's/^/  | /' >&2 || true
  exit 1
}

# fleet_timed K OUTCOME: times `gander fleet --parallel K up` into $elapsed (µs);
# the run must succeed and report every one of the T targets with OUTCOME.
fleet_timed() {
  local k=$1 outcome=$2 t0 rc=0 n
  : >"$work/stdout"
  now_us; t0=$us
  "$gander" -dir "$mig" fleet --targets "$work/targets.json" --parallel "$k" up \
    >"$work/stdout" 2>"$work/stderr" || rc=$?
  now_us
  ((rc == 0)) || fail "$rc" "gander fleet --parallel $k up ($engine)"
  elapsed=$((us - t0))
  grep -q "^fleet up: $targets targets, $targets ok, 0 failed" "$work/stdout" ||
    fail 0 "fleet up ($engine, K=$k) did not report $targets ok targets"
  n=$(grep -cE " $outcome( |$)" "$work/stdout" || true)
  ((n == targets)) || fail 0 "fleet up ($engine, K=$k): $n of $targets targets '$outcome'"
}

secs() { awk -v us="$1" 'BEGIN { printf "%.3f", us / 1e6 }'; }
speedup() { awk -v base="$1" -v t="$2" 'BEGIN { printf "%.2f", base / t }'; }

# ---- engines: fresh targets ------------------------------------------------------

engine_ok() {  # engine_ok ENGINE: a notice and status 1 to skip it
  case $1 in
    pg)
      [[ -n $pg_admin ]] || { notice "GANDER_PG_DSN / GANDER_TEST_PG_DSN unset: skipping pg"; return 1; }
      command -v psql >/dev/null || { notice "psql not found: skipping pg"; return 1; } ;;
  esac
}

# Target names: t_00001 … (SQLite files db/t_NNNNN.db, PostgreSQL schemas).
db_seq=0 scratch=""
pg_sql() { psql -X -q -v ON_ERROR_STOP=1 -d "$1" >/dev/null 2>"$work/stderr"; }   # SQL on stdin
targets_drop() {
  [[ -n $scratch ]] || return 0
  case $engine in
    sqlite) rm -rf "$work/db" ;;
    pg) echo "DROP DATABASE IF EXISTS $scratch" | pg_sql "$pg_admin" || notice "could not drop pg database $scratch" ;;
  esac
  scratch=""
}
# targets_create: T fresh, empty targets and the targets file naming them;
# also forgets the previous run's snapshots and fleet state.
targets_create() {
  local i v
  targets_drop
  rm -rf "$mig/.gander" "$work/targets.state.json"
  case $engine in
    sqlite)
      mkdir -p "$work/db"
      for ((i = 1; i <= targets; i++)); do printf -v v "%05d" "$i"; : >"$work/db/t_$v.db"; done
      scratch=db
      echo '{"targets": [{"name": "sqlite-{file}", "driver": "sqlite3", "glob": "db/t_*.db"}]}' >"$work/targets.json" ;;
    pg)
      scratch=bench_fleet_$$_$((++db_seq))
      echo "CREATE DATABASE $scratch" | pg_sql "$pg_admin" || fail $? "CREATE DATABASE $scratch"
      split_dsn "$pg_admin"
      export GANDER_BENCH_FLEET_DSN=$dsn_scheme://$dsn_authority/$scratch$dsn_query
      for ((i = 1; i <= targets; i++)); do printf 'CREATE SCHEMA t_%05d;\n' "$i"; done |
        pg_sql "$GANDER_BENCH_FLEET_DSN" || fail $? "CREATE SCHEMA t_* in $scratch"
      # The DSN stays in the environment: gander expands ${VAR} (no password on disk).
      # shellcheck disable=SC2016
      echo '{"targets": [{"name": "pg-{schema}", "driver": "postgres", "dsn": "${GANDER_BENCH_FLEET_DSN}", "schemas": "t_*"}]}' >"$work/targets.json" ;;
  esac
}
engine=""
trap 'rc=$?; targets_drop; rm -rf "$work"; exit $rc' EXIT
trap 'exit 130' INT TERM

# ---- the runs ----------------------------------------------------------------------

active=""
for engine in $engines; do if engine_ok "$engine"; then active+=" $engine"; fi; done
engine=""
[[ -n $active ]] || die "no engine to run"

"$gander" --version >/dev/null 2>"$work/stderr" || fail $? "$gander --version"   # warms the page cache
notice "generating $migrations migrations"
"$here/gen.sh" "$work/gen" "$migrations"
mig=$work/gen/migrations

cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo "machine: $(nproc) CPUs, ${cpu:-unknown CPU}; load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
echo "gander: $gander ($("$gander" --version 2>/dev/null | head -n 1))"
echo "profile: $targets targets × $migrations migrations, K in {${ks// /, }}, median of $runs run(s)"
echo

k0=${ks%% *}
rows=()
for engine in $active; do
  declare -A t_up=() t_noop=()
  for ((r = 1; r <= runs; r++)); do
    for k in $ks; do
      notice "$engine K=$k run $r/$runs"
      targets_create
      fleet_timed "$k" migrated;     t_up[$k]+=" $elapsed"
      fleet_timed "$k" "up to date"; t_noop[$k]+=" $elapsed"
    done
  done
  targets_drop
  # shellcheck disable=SC2086  # the lists are space-separated on purpose
  base_up=$(median ${t_up[$k0]}) base_noop=$(median ${t_noop[$k0]})
  for k in $ks; do
    # shellcheck disable=SC2086
    m_up=$(median ${t_up[$k]}) m_noop=$(median ${t_noop[$k]})
    rows+=("| $engine | $k | $(secs "$m_up") | $(secs "$m_noop") | $(speedup "$base_up" "$m_up") | $(speedup "$base_noop" "$m_noop") |")
  done
  unset t_up t_noop
done
engine=""

echo "| engine | K | up s | no-op up s | up speed-up vs K=$k0 | no-op speed-up vs K=$k0 |"
echo "|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
