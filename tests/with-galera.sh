#!/usr/bin/env bash
# Runs a command with a private 3-node MariaDB Galera cluster on 127.0.0.1.
#
#   tests/with-galera.sh CMD [ARGS...]
#
# Starts three mariadbd nodes with wsrep on (node 1 bootstraps the cluster,
# nodes 2 and 3 join it through the rsync SST script), every one on its own
# free ports with its data in one fresh temporary folder (no systemd), waits
# until every node is Synced in a cluster of 3, exports
# GANDER_TEST_GALERA_DSNS (one DSN per node, space separated: a password user
# over TCP, the same form as GANDER_TEST_MYSQL_DSN in with-servers.sh), runs
# CMD, then stops the nodes and removes the folder on every exit path.
# Returns CMD's exit code. If GANDER_TEST_GALERA_DSNS is already set (your
# own cluster), it starts nothing and just runs CMD. Needs root (like
# with-servers.sh); the nodes themselves run as mysql.
set -euo pipefail
script=with-galera
# shellcheck source=tests/server-helpers.sh
. "$(dirname "$0")/server-helpers.sh"

if [[ -n "${GANDER_TEST_GALERA_DSNS:-}" ]]; then
  exec "$@"
fi

root=$(mktemp -d /tmp/gander-galera.XXXXXX)
chmod 755 "$root"
password="gander-test-$RANDOM$RANDOM"
nodes=(1 2 3)
declare -A pid=() sql_port=() gcomm_port=() ist_port=() sst_port=()

# One at a time, last node first: a node leaving a healthy cluster is gone
# in well under a second, while nodes leaving together wait out each other's
# 5s suspect timeout. SIGKILL after 5s: mariadbd 10.11 ignores a SIGTERM that
# comes while it is still joining, and the data goes anyway.
stop_nodes() {
  local n
  for n in $(printf '%s\n' "${!pid[@]}" | sort -rn); do
    kill "${pid[$n]}" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "${pid[$n]}" 2>/dev/null || break; sleep 0.1; done
    # Each node leads its own process group (setsid below), so this also ends
    # an SST script or rsync daemon it left behind.
    kill -9 -- "-${pid[$n]}" 2>/dev/null || true
    wait "${pid[$n]}" 2>/dev/null || true
    unset "pid[$n]"
  done
}

cleanup() {
  local rc=$?
  stop_nodes
  rm -rf "$root"
  exit "$rc"
}
trap cleanup EXIT
exit_on_signals

# All twelve ports from one process holding every socket at once, so no two
# are the same.
free_ports() {  # free_ports COUNT
  python3 - "$1" 2>/dev/null <<'PY' || for _ in $(seq 1 "$1"); do echo $((20000 + RANDOM % 20000)); done
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks: s.bind(("127.0.0.1", 0))
print("\n".join(str(s.getsockname()[1]) for s in socks))
PY
}

sql() {  # sql NODE SQL: root over the node's socket
  mariadb --no-defaults -S "$root/n$1/mariadb.sock" -u root -N -B -e "$2"
}

cluster_size_is() {  # cluster_size_is NODE SIZE
  [[ $(sql "$1" "SHOW STATUS LIKE 'wsrep_cluster_size'") == "wsrep_cluster_size"$'\t'"$2" ]]
}

node_synced() {  # the node sees all three and accepts queries
  local status
  status=$(sql "$1" "SHOW STATUS WHERE Variable_name IN ('wsrep_cluster_size','wsrep_ready','wsrep_local_state_comment')") || return 1
  grep -qx $'wsrep_cluster_size\t3' <<<"$status" && grep -qx $'wsrep_ready\tON' <<<"$status" &&
    grep -qx $'wsrep_local_state_comment\tSynced' <<<"$status"
}

dump_logs() {
  local n
  for n in "${nodes[@]}"; do
    echo "with-galera: last 30 lines of node $n's log ($root/n$n.log):" >&2
    tail -n 30 "$root/n$n.log" >&2 || true
  done
}

wait_for() {  # wait_for NAME SECONDS CMD...: gives up early if a node died
  local name=$1 seconds=$2 n; shift 2
  for _ in $(seq 1 $((seconds * 10))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    for n in "${!pid[@]}"; do
      kill -0 "${pid[$n]}" 2>/dev/null || { echo "with-galera: node $n exited before the cluster was up (waiting for $name)" >&2; dump_logs; return 1; }
    done
    sleep 0.1
  done
  echo "with-galera: $name did not start in ${seconds}s" >&2
  dump_logs
  return 1
}

mapfile -t ports < <(free_ports 12)
for n in "${nodes[@]}"; do
  i=$(( (n - 1) * 4 ))
  sql_port[$n]=${ports[i]} gcomm_port[$n]=${ports[i+1]} ist_port[$n]=${ports[i+2]} sst_port[$n]=${ports[i+3]}
done
cluster="gcomm://127.0.0.1:${gcomm_port[1]},127.0.0.1:${gcomm_port[2]},127.0.0.1:${gcomm_port[3]}"

# The nodes run as mysql, not root: a root rsync SST daemon drops to nobody
# and then may not write the joiner's datadir.
mariadb-install-db --no-defaults --user=mysql --datadir="$root/n1" --auth-root-authentication-method=socket \
  --innodb-buffer-pool-size=32M --innodb-log-file-size=8M --skip-test-db \
  >"$root/install.log" 2>&1 || { cat "$root/install.log" >&2; exit 1; }

start_node() {  # start_node N [--wsrep-new-cluster]
  local n=$1; shift
  # Every listener on 127.0.0.1: SQL (bind-address), group communication
  # (gmcast.listen_addr), IST (ist.recv_addr) and the rsync SST daemon
  # (wsrep_sst_receive_address). Small InnoDB files and gcache keep start-up
  # and SST short.
  # Its own --tmpdir, as in with-servers.sh (not the shared /tmp).
  mkdir -p "$root/n$n-tmp" && chown mysql "$root/n$n-tmp"
  setsid mariadbd --no-defaults --user=mysql --datadir="$root/n$n" --socket="$root/n$n/mariadb.sock" \
    --tmpdir="$root/n$n-tmp" \
    --port="${sql_port[$n]}" --bind-address=127.0.0.1 --skip-name-resolve --max-connections=300 \
    --innodb-flush-log-at-trx-commit=2 --innodb-buffer-pool-size=32M --innodb-log-file-size=8M \
    --binlog-format=ROW --innodb-autoinc-lock-mode=2 --default-storage-engine=InnoDB \
    --wsrep-on=ON --wsrep-provider=/usr/lib/galera/libgalera_smm.so --wsrep-cluster-name=gander-test \
    --wsrep-cluster-address="$cluster" --wsrep-node-name="node$n" \
    --wsrep-node-address="127.0.0.1:${gcomm_port[$n]}" \
    --wsrep-provider-options="base_host=127.0.0.1;base_port=${gcomm_port[$n]};gmcast.listen_addr=tcp://127.0.0.1:${gcomm_port[$n]};ist.recv_addr=127.0.0.1:${ist_port[$n]};gcache.size=16M" \
    --wsrep-sst-method=rsync --wsrep-sst-receive-address="127.0.0.1:${sst_port[$n]}" \
    "$@" >>"$root/n$n.log" 2>&1 &
  pid[$n]=$!
}

# Node 1 bootstraps once alone, gets the user, and stops cleanly, which
# records the cluster position in InnoDB and grastate.dat; its copies then
# join by IST (just the view changes since) instead of a full SST: about 2s
# faster.
start_node 1 --wsrep-new-cluster
wait_for "Galera node 1" 60 sql 1 "SELECT 1"
sql 1 "CREATE USER 'gander'@'%' IDENTIFIED BY '$password'; GRANT ALL PRIVILEGES ON *.* TO 'gander'@'%' WITH GRANT OPTION;"
stop_nodes
cp -a "$root/n1" "$root/n2"
cp -a "$root/n1" "$root/n3"
start_node 1 --wsrep-new-cluster
wait_for "Galera node 1" 60 sql 1 "SELECT 1"
# Node 3 starts once node 2 is in the group: two nodes joining at the same
# moment cost a 4s membership retry.
start_node 2
wait_for "Galera node 2" 60 cluster_size_is 1 2
start_node 3
for n in "${nodes[@]}"; do wait_for "Galera node $n" 60 node_synced "$n"; done
dsns=""
for n in "${nodes[@]}"; do
  echo "with-galera: node $n on 127.0.0.1:${sql_port[$n]} (galera ${gcomm_port[$n]}, data $root/n$n)"
  dsns+="${dsns:+ }mysql://gander:$password@127.0.0.1:${sql_port[$n]}/mysql"
done

export GANDER_TEST_GALERA_DSNS="$dsns"
set +e
"$@"
rc=$?
set -e
exit $rc
