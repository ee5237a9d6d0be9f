#!/usr/bin/env bash
# Builds gander twice and runs every suite on real SQLite, PostgreSQL and
# MariaDB (README command 2; .ci/run). Needs the packages README command 2
# installs. Run from anywhere as root (the servers are started as postgres).
#
#   build/       the normal build (Release, -Werror): unit, integration, reliability
#                (short seeded profile), parser and DSN fuzzing, snapshot schema,
#                packaging checks, benchmark smoke run; then its .deb is
#                built, installed and run (packaging/build-deb.sh)
#   build-asan/  AddressSanitizer + UBSan: unit tests and fuzzing (parser, DSN, .env, targets file) built
#                with it, and the integration suite of build/ run against its
#                gander binary (GANDER_TEST_BINARY), but for the two fleet
#                tests at scale (150 targets; the smaller fleet tests run)
#
# Servers: tests/with-servers.sh starts a private PostgreSQL and MariaDB for
# both, unless GANDER_TEST_PG_DSN and GANDER_TEST_MYSQL_DSN are set;
# tests/with-galera.sh a 3-node MariaDB Galera cluster and
# tests/with-pg-replica.sh a PostgreSQL primary with a streaming replica
# (docs/scale.md), all on 127.0.0.1 and stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
# README command 2 installs zsh: its completion is tested, not skipped.
export GANDER_REQUIRE_ZSH=1

cmake -S . -B build -DGANDER_WERROR=ON -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
cmake -S . -B build-asan -DGANDER_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DGANDER_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs" --target gander gander_unit_tests gander_parser_fuzz gander_dsn_fuzz gander_dotenv_fuzz gander_targets_fuzz

run_suites() {
  local rc=0
  ctest --test-dir build --output-on-failure || rc=1
  ctest --test-dir build-asan --output-on-failure -R '^(unit|parser_fuzz|dsn_fuzz|dotenv_fuzz|targets_fuzz)$' || rc=1
  GANDER_TEST_BINARY=$PWD/build-asan/gander \
    LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    build/tests/gander_integration_tests -tce='fleet: 50*,fleet: kill*' || rc=1
  if [[ -f build/reliability-figures.txt ]]; then
    echo "== reliability figures (tests/reliability/README.md)"
    cat build/reliability-figures.txt
  fi
  return $rc
}
export -f run_suites
GANDER_TEST_REQUIRE_SERVERS=1 tests/with-servers.sh tests/with-galera.sh tests/with-pg-replica.sh bash -c run_suites

# The Debian package from the normal build, installed and tried
# (gander --version, man -w gander, completions, drivers, an up on SQLite).
packaging/build-deb.sh build
