# Shared by tests/with-servers.sh, with-pg-replica.sh and with-galera.sh
# (sourced, not run). The caller sets `script` to its name for messages.

# A TCP port nobody listens on now (the kernel picks it).
free_port() {
  python3 - 2>/dev/null <<'PY' || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

# wait_for NAME SECONDS CMD...: until CMD succeeds, or fails after SECONDS.
wait_for() {
  local name=$1 seconds=$2; shift 2
  for _ in $(seq 1 $((seconds * 10))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "$script: $name did not start in ${seconds}s" >&2
  return 1
}

# Dying of a signal skips the EXIT trap and would leave servers running:
# turn each into an exit, so that the caller's EXIT trap stops them.
exit_on_signals() {
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 141' PIPE
  trap 'exit 143' TERM
}
