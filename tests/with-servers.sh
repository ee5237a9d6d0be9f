#!/usr/bin/env bash
# Runs a command with a private PostgreSQL and MariaDB on 127.0.0.1.
#
#   tests/with-servers.sh CMD [ARGS...]
#
# Starts both servers on free ports with their data in a fresh temporary
# folder (no systemd), waits until they accept connections, exports
# GANDER_TEST_PG_DSN and GANDER_TEST_MYSQL_DSN (admin users with passwords,
# over TCP), runs CMD, then stops both servers and removes the folder on every
# exit path. Returns CMD's exit code. If both variables are already set (your
# own servers), it starts nothing and just runs CMD.
set -euo pipefail
script=with-servers
# shellcheck source=tests/server-helpers.sh
. "$(dirname "$0")/server-helpers.sh"

if [[ -n "${GANDER_TEST_PG_DSN:-}" && -n "${GANDER_TEST_MYSQL_DSN:-}" ]]; then
  exec "$@"
fi

root=$(mktemp -d /tmp/gander-servers.XXXXXX)
chmod 755 "$root"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
password="gander-test-$RANDOM$RANDOM"
pg_pid="" ; maria_pid=""

cleanup() {
  local rc=$?
  if [[ -n "$pg_pid" ]]; then runuser -u postgres -- "$pg_bin/pg_ctl" -D "$root/pg" -m immediate stop >/dev/null 2>&1 || kill -9 "$pg_pid" 2>/dev/null || true; fi
  if [[ -n "$maria_pid" ]]; then kill "$maria_pid" 2>/dev/null || true; wait "$maria_pid" 2>/dev/null || true; fi
  rm -rf "$root"
  exit "$rc"
}
trap cleanup EXIT
exit_on_signals

# PostgreSQL: trust on the private socket, scram passwords over TCP.
pg_port=$(free_port)
mkdir -p "$root/pg" "$root/pgsock"
chown postgres "$root/pg" "$root/pgsock"
echo "$password" > "$root/pgpass" && chown postgres "$root/pgpass"
runuser -u postgres -- "$pg_bin/initdb" -D "$root/pg" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  --pwfile="$root/pgpass" >"$root/pg-initdb.log" 2>&1 || { cat "$root/pg-initdb.log" >&2; exit 1; }
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$root/pg" -l "$root/pg/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $root/pgsock -c fsync=off -c max_connections=200" start >/dev/null
pg_pid=$(head -n 1 "$root/pg/postmaster.pid")
wait_for PostgreSQL 30 runuser -u postgres -- "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port"
echo "with-servers: PostgreSQL on 127.0.0.1:$pg_port (data $root/pg)"

# MariaDB: root over the socket, a password user over TCP.
maria_port=$(free_port)
mariadb-install-db --no-defaults --user=root --datadir="$root/maria" --auth-root-authentication-method=socket \
  >"$root/maria-install.log" 2>&1 || { cat "$root/maria-install.log" >&2; exit 1; }
# A private --tmpdir: MariaDB 10.11 once segfaulted under parallel load in
# ha_maria::drop_table (create_tmp_table_for_schema) with /tmp shared by
# several servers' internal temporary tables; each run now has its own.
mkdir -p "$root/maria-tmp"
mariadbd --no-defaults --user=root --datadir="$root/maria" --socket="$root/maria.sock" --port="$maria_port" \
  --tmpdir="$root/maria-tmp" --bind-address=127.0.0.1 --skip-name-resolve --innodb-flush-log-at-trx-commit=2 --max-connections=300 \
  >"$root/maria.log" 2>&1 &
maria_pid=$!
wait_for MariaDB 30 mariadb --no-defaults -S "$root/maria.sock" -u root -e "SELECT 1"
mariadb --no-defaults -S "$root/maria.sock" -u root -e \
  "CREATE USER 'gander'@'%' IDENTIFIED BY '$password'; GRANT ALL PRIVILEGES ON *.* TO 'gander'@'%' WITH GRANT OPTION;"
echo "with-servers: MariaDB on 127.0.0.1:$maria_port (data $root/maria)"

# Restarts PostgreSQL in place (same options, port and data): the
# server-restart fault test uses it.
export GANDER_TEST_PG_RESTART="runuser -u postgres -- $pg_bin/pg_ctl -D $root/pg -l $root/pg/server.log -w -m immediate restart"
export GANDER_TEST_PG_DSN="postgres://postgres:$password@127.0.0.1:$pg_port/postgres?sslmode=disable"
export GANDER_TEST_MYSQL_DSN="mysql://gander:$password@127.0.0.1:$maria_port/mysql"
set +e
"$@"
rc=$?
set -e
exit $rc
