#!/usr/bin/env bash
# Generates the benchmark's migrations and the engine-CLI "floor" scripts.
#
#   bench/gen.sh DIR N
#
# Writes, for i = 1..N (5 digits, 00001..N):
#   DIR/migrations/NNNNN_m.sql  goose file: create table t_NNNNN + one insert; down drops it
#   DIR/floor_up.sql            the same up SQL, one BEGIN/COMMIT per migration, in order
#   DIR/floor_down.sql          the same down SQL, one BEGIN/COMMIT per migration, newest first
# The SQL runs unchanged on SQLite, PostgreSQL and MariaDB (the insert names
# the id: only SQLite fills an INTEGER PRIMARY KEY by itself).
set -euo pipefail

if [[ $# -ne 2 || ! $2 =~ ^[0-9]+$ || $2 -lt 1 || $2 -gt 99999 ]]; then
  echo "usage: bench/gen.sh DIR N   (1 <= N <= 99999)" >&2
  exit 2
fi
dir=$1 n=$2
rm -rf "$dir/migrations"
mkdir -p "$dir/migrations"

up_sql()   { printf 'CREATE TABLE t_%s (id INTEGER PRIMARY KEY, v TEXT);\nINSERT INTO t_%s (id, v) VALUES (1, '"'x'"');\n' "$1" "$1"; }
down_sql() { printf 'DROP TABLE t_%s;\n' "$1"; }

{
  for ((i = 1; i <= n; i++)); do
    printf -v v "%05d" "$i"   # no $(...): a fork per file makes N=10000 take 10 s
    { printf -- '-- +goose Up\n'; up_sql "$v"; printf -- '\n-- +goose Down\n'; down_sql "$v"; } >"$dir/migrations/${v}_m.sql"
    printf 'BEGIN;\n'; up_sql "$v"; printf 'COMMIT;\n'
  done
} >"$dir/floor_up.sql"

{
  for ((i = n; i >= 1; i--)); do
    printf -v v "%05d" "$i"
    printf 'BEGIN;\n'; down_sql "$v"; printf 'COMMIT;\n'
  done
} >"$dir/floor_down.sql"
