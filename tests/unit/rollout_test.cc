#include "core/rollout.h"

#include <doctest/doctest.h>

using namespace gander;

namespace {

std::vector<std::string> Names(size_t n) {
  std::vector<std::string> names;
  for (size_t i = 0; i < n; ++i) names.push_back("t" + std::to_string(i));
  return names;
}

// Starts every target that may start now, returning their indexes.
std::vector<size_t> StartAll(Rollout& r) {
  std::vector<size_t> started;
  size_t i = 0;
  while (r.TakeNext(&i) == Rollout::Next::kStart) started.push_back(i);
  return started;
}

}  // namespace

TEST_CASE("rollout: at most `parallel` targets run at once, in file order") {
  RolloutPolicy policy;
  policy.parallel = 2;
  Rollout r(Names(5), policy);
  CHECK(StartAll(r) == std::vector<size_t>{0, 1});
  size_t i = 0;
  CHECK(r.TakeNext(&i) == Rollout::Next::kWait);
  r.Finish(1, true);
  CHECK(StartAll(r) == std::vector<size_t>{2});
  r.Finish(0, true);
  r.Finish(2, true);
  CHECK(StartAll(r) == std::vector<size_t>{3, 4});
  CHECK(r.TakeNext(&i) == Rollout::Next::kDone);
  r.Finish(3, false);  // no threshold: a failure stops nothing
  r.Finish(4, true);
  r.Close();
  CHECK(r.finished() == 5);
  CHECK(r.failed() == 1);
  CHECK(r.breaker() == Breaker::kClosed);
  CHECK(r.stop_reason().empty());
}

TEST_CASE("rollout: the canaries finish before the rest; a failing canary starts nothing else") {
  RolloutPolicy policy;
  policy.parallel = 4;
  policy.canary = 2;
  Rollout ok(Names(5), policy);
  CHECK(StartAll(ok) == std::vector<size_t>{0, 1});
  ok.Finish(0, true);
  CHECK(StartAll(ok).empty());  // t1 still running
  ok.Finish(1, true);
  CHECK(StartAll(ok) == std::vector<size_t>{2, 3, 4});

  Rollout bad(Names(5), policy);
  StartAll(bad);
  bad.Finish(1, false);
  bad.Finish(0, true);
  size_t i = 0;
  CHECK(bad.TakeNext(&i) == Rollout::Next::kDone);
  bad.Close();
  CHECK(bad.outcome(4) == TargetOutcome::kNotStarted);
  CHECK(bad.stop_reason() == "canary \"t1\" failed, so no further target was started");
  CHECK(bad.breaker() == Breaker::kClosed);
}

TEST_CASE("rollout: the breaker opens at --max-failures; running targets finish, none start") {
  RolloutPolicy policy;
  policy.parallel = 3;
  policy.max_failures = 2;
  Rollout r(Names(10), policy);
  StartAll(r);
  r.Finish(0, false);
  CHECK(StartAll(r) == std::vector<size_t>{3});
  r.Finish(1, false);
  CHECK(r.breaker() == Breaker::kOpen);
  size_t i = 0;
  CHECK(r.TakeNext(&i) == Rollout::Next::kDone);
  r.Finish(2, true);
  r.Finish(3, true);
  r.Close();
  CHECK(r.outcome(4) == TargetOutcome::kNotStarted);
  CHECK(r.stop_reason() == "the circuit breaker opened: 2 targets failed (--max-failures 2)");
}

TEST_CASE("rollout: --max-failure-rate counts against every selected target") {
  RolloutPolicy policy;
  policy.max_failure_rate = 10;  // of 20 targets: the third failure is over 10%
  Rollout r(Names(20), policy);
  size_t i = 0;
  for (int k = 0; k < 2; ++k) {
    REQUIRE(r.TakeNext(&i) == Rollout::Next::kStart);
    r.Finish(i, false);
  }
  CHECK(r.breaker() == Breaker::kClosed);
  REQUIRE(r.TakeNext(&i) == Rollout::Next::kStart);
  r.Finish(i, false);
  CHECK(r.breaker() == Breaker::kOpen);
  CHECK(r.stop_reason().find("3 of 20 targets failed, over --max-failure-rate 10%") != std::string::npos);
}

TEST_CASE("rollout: half-open probes the target that failed last, alone, first") {
  RolloutPolicy policy;
  policy.parallel = 4;
  policy.half_open = true;
  policy.probe = 3;
  Rollout fixed(Names(5), policy);
  CHECK(fixed.breaker() == Breaker::kHalfOpen);
  CHECK(StartAll(fixed) == std::vector<size_t>{3});
  fixed.Finish(3, true);
  CHECK(fixed.breaker() == Breaker::kClosed);
  CHECK(StartAll(fixed) == std::vector<size_t>{0, 1, 2, 4});

  Rollout broken(Names(5), policy);
  StartAll(broken);
  broken.Finish(3, false);
  CHECK(broken.breaker() == Breaker::kOpen);
  size_t i = 0;
  CHECK(broken.TakeNext(&i) == Rollout::Next::kDone);
  CHECK(broken.stop_reason() == "the half-open probe \"t3\" failed again, so the circuit breaker stays open");
}

TEST_CASE("rollout: an interrupt starts nothing more") {
  Rollout r(Names(3), RolloutPolicy());
  size_t i = 0;
  REQUIRE(r.TakeNext(&i) == Rollout::Next::kStart);
  r.Stop("interrupted (SIGINT)");
  CHECK(r.TakeNext(&i) == Rollout::Next::kDone);
  r.Finish(0, true);
  r.Close();
  CHECK(r.outcome(1) == TargetOutcome::kNotStarted);
  CHECK(r.stop_reason() == "interrupted (SIGINT)");
}

TEST_CASE("breaker record: round trip; a half-open record reads back as open") {
  BreakerRecord record;
  record.breaker = Breaker::kHalfOpen;
  record.command = "up";
  record.failed = {"t3", "t7"};
  BreakerRecord back;
  REQUIRE(ParseBreakerRecord(SerializeBreakerRecord(record), &back).ok());
  CHECK(back.breaker == Breaker::kOpen);
  CHECK(back.failed == record.failed);
  CHECK_FALSE(ParseBreakerRecord("{}", &back).ok());
}
