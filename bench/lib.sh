# Shared by bench/run.sh and bench/fleet.sh (sourced, not run).

# now_us: wall clock in µs into $us. bash 5's $EPOCHREALTIME is read without
# a fork; `date` would put ~1 ms of its own exit inside every sample.
if [[ -n ${EPOCHREALTIME:-} ]]; then
  now_us() { us=${EPOCHREALTIME/./}; }
else
  now_us() { us=$(date +%s%6N); }
fi

redact() { sed -E 's#(://[^:/@]*:)[^@/]*@#\1***@#g'; }   # passwords in DSNs

# median N...: the median of integers (the mean of the middle two for an even count).
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { printf "%d\n", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# split_dsn URL: scheme://user:pass@host:port/db?query into dsn_* variables.
split_dsn() {
  local rest=${1#*://} userinfo="" hostport
  dsn_scheme=${1%%://*}
  dsn_authority=${rest%%/*}
  rest=${rest#"$dsn_authority"}
  dsn_query=""
  if [[ $rest == *\?* ]]; then dsn_query="?${rest#*\?}"; fi
  hostport=$dsn_authority
  if [[ $dsn_authority == *@* ]]; then userinfo=${dsn_authority%@*} hostport=${dsn_authority##*@}; fi
  dsn_user=${userinfo%%:*} dsn_pass=""
  if [[ $userinfo == *:* ]]; then
    dsn_pass=${userinfo#*:}
    printf -v dsn_pass '%b' "${dsn_pass//%/\\x}"   # URL-decode (%40 -> @) for the CLI
  fi
  dsn_host=${hostport%%:*} dsn_port=""
  if [[ $hostport == *:* ]]; then dsn_port=${hostport##*:}; fi
}
