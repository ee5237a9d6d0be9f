#include "app/fleet_run.h"

#include <doctest/doctest.h>

#include <mutex>
#include <set>

using namespace gander;

TEST_CASE("RunRollout runs every target once on its worker threads, reporting each start and finish") {
  RolloutPolicy policy;
  policy.parallel = 3;
  Rollout rollout({"a", "b", "c", "d", "e"}, policy);
  std::mutex mutex;
  std::multiset<size_t> ran;
  int changes = 0;
  std::atomic<bool> stop{false};
  RunRollout(
      rollout,
      [&](size_t i) {
        std::lock_guard<std::mutex> lock(mutex);
        ran.insert(i);
        return i != 2;
      },
      [&](const Rollout&, size_t, bool) { ++changes; }, stop);
  CHECK(ran == std::multiset<size_t>{0, 1, 2, 3, 4});
  CHECK(changes == 10);
  CHECK(rollout.failed() == 1);
  CHECK(rollout.outcome(2) == TargetOutcome::kFailed);
}

TEST_CASE("RunRollout starts nothing once stopped, and a failed canary stops the rest") {
  Rollout stopped({"a", "b"}, RolloutPolicy());
  std::atomic<bool> stop{true};
  int runs = 0;
  RunRollout(stopped, [&](size_t) { return ++runs > 0; }, [](const Rollout&, size_t, bool) {}, stop);
  CHECK(runs == 0);
  CHECK(stopped.outcome(0) == TargetOutcome::kNotStarted);

  RolloutPolicy canary;
  canary.canary = 1;
  canary.parallel = 2;
  Rollout rollout({"canary", "b", "c"}, canary);
  stop = false;
  RunRollout(rollout, [&](size_t) { return false; }, [](const Rollout&, size_t, bool) {}, stop);
  CHECK(rollout.outcome(0) == TargetOutcome::kFailed);
  CHECK(rollout.outcome(1) == TargetOutcome::kNotStarted);
  CHECK_FALSE(rollout.stop_reason().empty());
}
