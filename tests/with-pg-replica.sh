#!/usr/bin/env bash
# Runs a command with a private PostgreSQL primary and a streaming replica on
# 127.0.0.1.
#
#   tests/with-pg-replica.sh CMD [ARGS...]
#
# Starts a primary on a free port with its data in a fresh temporary folder
# (no systemd), clones it with pg_basebackup -R into a hot standby on another
# free port, waits until the primary reports the standby as streaming,
# exports GANDER_TEST_PG_PRIMARY_DSN and GANDER_TEST_PG_REPLICA_DSN (the
# postgres user with a password over TCP, the same form as GANDER_TEST_PG_DSN
# in with-servers.sh), runs CMD, then stops both servers and removes the
# folder on every exit path. Returns CMD's exit code. If
# GANDER_TEST_PG_PRIMARY_DSN is already set (your own pair), it starts
# nothing and just runs CMD.
set -euo pipefail
script=with-pg-replica
# shellcheck source=tests/server-helpers.sh
. "$(dirname "$0")/server-helpers.sh"

if [[ -n "${GANDER_TEST_PG_PRIMARY_DSN:-}" ]]; then
  exec "$@"
fi

root=$(mktemp -d /tmp/gander-pg-replica.XXXXXX)
chmod 755 "$root"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
password="gander-test-$RANDOM$RANDOM"

# Whatever has a postmaster.pid is (or was) running, even if pg_ctl start
# gave up on it.
stop_pg() {  # stop_pg primary|replica
  local pid
  [[ -f "$root/$1/postmaster.pid" ]] || return 0
  pid=$(head -n 1 "$root/$1/postmaster.pid")
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$root/$1" -m immediate stop >/dev/null 2>&1 || kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  stop_pg replica
  stop_pg primary
  rm -rf "$root"
  exit "$rc"
}
trap cleanup EXIT
exit_on_signals

psql_primary() {  # psql_primary SQL: postgres over the primary's private socket
  runuser -u postgres -- "$pg_bin/psql" -h "$root/primary-sock" -p "$primary_port" -d postgres -XAtq -c "$1"
}

replica_streaming() {
  [[ $(psql_primary "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'") == 1 ]]
}

primary_port=$(free_port)
replica_port=$(free_port)
while [[ $replica_port == "$primary_port" ]]; do replica_port=$(free_port); done
mkdir -p "$root/primary" "$root/replica" "$root/primary-sock" "$root/replica-sock" "$root/log"
chown postgres "$root/primary" "$root/replica" "$root/primary-sock" "$root/replica-sock" "$root/log"
chmod 700 "$root/replica"
echo "$password" > "$root/pgpass" && chown postgres "$root/pgpass"
# Same server options for both (a hot standby needs max_connections at least
# the primary's); only the port and socket folder differ.
pg_opts="-c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"

# Primary: trust on the private socket, scram passwords over TCP, and
# replication connections for postgres from 127.0.0.1 only. -N (no fsync)
# here and in pg_basebackup: the data is thrown away anyway.
runuser -u postgres -- "$pg_bin/initdb" -D "$root/primary" -N -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  --pwfile="$root/pgpass" >"$root/initdb.log" 2>&1 || { cat "$root/initdb.log" >&2; exit 1; }
cat > "$root/primary/pg_hba.conf" <<'EOF'
local all         all                   trust
host  all         all      127.0.0.1/32 scram-sha-256
host  replication postgres 127.0.0.1/32 scram-sha-256
EOF
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$root/primary" -l "$root/log/primary.log" -w \
  -o "$pg_opts -p $primary_port -k $root/primary-sock" start >/dev/null ||
  { tail -n 30 "$root/log/primary.log" >&2; exit 1; }
wait_for "PostgreSQL primary" 30 runuser -u postgres -- "$pg_bin/pg_isready" -h 127.0.0.1 -p "$primary_port"
echo "with-pg-replica: primary on 127.0.0.1:$primary_port (data $root/primary)"

# Replica: a base backup over a replication connection; -R writes
# primary_conninfo (with the password) and standby.signal, -C -S keeps the
# WAL the replica still needs in a slot, -c fast skips waiting for a
# checkpoint (seconds).
PGPASSWORD="$password" runuser -u postgres -- "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres \
  -D "$root/replica" -R -X stream -C -S gander_replica -c fast -N >"$root/basebackup.log" 2>&1 ||
  { cat "$root/basebackup.log" >&2; exit 1; }
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$root/replica" -l "$root/log/replica.log" -w \
  -o "$pg_opts -c hot_standby=on -p $replica_port -k $root/replica-sock" start >/dev/null ||
  { tail -n 30 "$root/log/replica.log" >&2; exit 1; }
wait_for "PostgreSQL replica" 30 runuser -u postgres -- "$pg_bin/pg_isready" -h 127.0.0.1 -p "$replica_port"
wait_for "Streaming replication" 30 replica_streaming ||
  { tail -n 30 "$root/log/primary.log" "$root/log/replica.log" >&2; exit 1; }
echo "with-pg-replica: replica on 127.0.0.1:$replica_port (data $root/replica), streaming"

export GANDER_TEST_PG_PRIMARY_DSN="postgres://postgres:$password@127.0.0.1:$primary_port/postgres?sslmode=disable"
export GANDER_TEST_PG_REPLICA_DSN="postgres://postgres:$password@127.0.0.1:$replica_port/postgres?sslmode=disable"
set +e
"$@"
rc=$?
set -e
exit $rc
