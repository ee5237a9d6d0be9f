#!/usr/bin/env bash
# Usage: tests/tsan.sh [BUILD_DIR]   (default build-tsan)
#
# ThreadSanitizer over the code that runs threads: the fleet's workers
# (app/fleet_run, core/rollout) and the MySQL/Galera lease lock with its
# heartbeat. Builds gander and the unit tests with -DGANDER_TSAN=ON, runs the
# fleet, rollout and lease unit tests, then the integration suite's fleet
# tests (but the two at scale) against the TSan gander binary
# (GANDER_TEST_BINARY; the suite itself comes from build/, which must exist).
# Any data race fails the run (halt_on_error). Set GANDER_TEST_PG_DSN /
# GANDER_TEST_MYSQL_DSN (tests/with-servers.sh) for the server targets.
# On demand, not in tests/build-and-test.sh: the TSan build alone takes
# longer than the 2 minutes CI allows it.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-tsan}
jobs=$(nproc)
cmake -S . -B "$build" -DGANDER_TSAN=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGANDER_WERROR=ON >/dev/null
cmake --build "$build" -j"$jobs" --target gander gander_unit_tests
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
rc=0
"$build/tests/gander_unit_tests" \
  -sf='*fleet_run_test.cc,*fleet_targets_test.cc,*rollout_test.cc,*lease_lock_test.cc' || rc=1
if [[ -x build/tests/gander_integration_tests ]]; then
  GANDER_TEST_BINARY=$PWD/$build/gander build/tests/gander_integration_tests -tc='fleet*' \
    -tce='fleet: 50*,fleet: kill*' || rc=1
else
  echo "tsan: build/tests/gander_integration_tests not built: the fleet integration tests were not run" >&2
fi
exit "$rc"
