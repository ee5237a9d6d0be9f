#include "core/retry.h"

#include <doctest/doctest.h>

using namespace gander;
using std::chrono::milliseconds;

TEST_CASE("the documented schedule: 100, 200, 400, 800, 1600 ms, +-20 % jitter") {
  RetryPolicy policy;
  const long long expected[] = {100, 200, 400, 800, 1600};
  for (int retry = 1; retry <= 5; ++retry) {
    CAPTURE(retry);
    CHECK(RetryDelay(policy, retry, 0.5) == milliseconds(expected[retry - 1]));  // no jitter at the midpoint
    CHECK(RetryDelay(policy, retry, 0.0) == milliseconds(expected[retry - 1] * 8 / 10));
    CHECK(RetryDelay(policy, retry, 0.999999) == milliseconds(expected[retry - 1] * 12 / 10));
  }
}

TEST_CASE("transient failures are retried up to MaxRetries, permanent ones never") {
  RetryPolicy policy;
  Status transient = Status::Failed("deadlock detected");
  transient.MarkTransient();
  Status permanent = Status::Failed("syntax error");

  CHECK(NextState(policy, 0, Status::OK(), true) == AttemptState::kSucceeded);
  for (int done = 0; done < 5; ++done) CHECK(NextState(policy, done, transient, true) == AttemptState::kRetrying);
  CHECK(NextState(policy, 5, transient, true) == AttemptState::kFailed);
  CHECK(NextState(policy, 0, permanent, true) == AttemptState::kFailed);
  // A migration that left effects behind (dirty) is never re-run from its start.
  CHECK(NextState(policy, 0, transient, false) == AttemptState::kFailed);

  // Walking the machine: a failure that stays transient gives exactly 5 retries.
  int retries = 0;
  AttemptState state = AttemptState::kExecuting;
  while ((state = NextState(policy, retries, transient, true)) == AttemptState::kRetrying) ++retries;
  CHECK(retries == 5);
  CHECK(state == AttemptState::kFailed);
}

TEST_CASE("retry policies are validated") {
  RetryPolicy p;
  CHECK(ValidateRetryPolicy(p).ok());
  p.multiplier = 0.5;
  CHECK(ValidateRetryPolicy(p).exit_code() == 2);
  p = RetryPolicy();
  p.jitter = 1.5;
  CHECK_FALSE(ValidateRetryPolicy(p).ok());
  p = RetryPolicy();
  p.max_retries = -1;
  CHECK_FALSE(ValidateRetryPolicy(p).ok());
}
