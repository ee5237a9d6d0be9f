// Retrying transient failures (rollback SOP): each migration is attempted
// again after a lost connection, deadlock, serialization failure or lock
// timeout, with exponential backoff and jitter. Permanent errors (syntax,
// constraint) are never retried, nor is a migration that left effects behind.
//
// States of one migration: Pending -> Executing -> Succeeded
//                                               -> Retrying -> Executing ...
//                                               -> Failed
// Pure: the caller supplies the random number and does the sleeping.
#pragma once

#include <chrono>

#include "core/status.h"

namespace gander {

struct RetryPolicy {
  int max_retries = 5;
  std::chrono::milliseconds base_delay{100};
  double multiplier = 2.0;
  double jitter = 0.2;  // +-20 %
};

enum class AttemptState { kPending, kExecuting, kSucceeded, kRetrying, kFailed };

const char* AttemptStateName(AttemptState state);

// The state after an attempt that returned `result`, when `retries_done`
// retries have already happened. `rerun_is_safe` is false when the attempt
// may have left effects behind (a dirty, non-atomic migration).
AttemptState NextState(const RetryPolicy& policy, int retries_done, const Status& result, bool rerun_is_safe);

// The wait before retry number `retry` (1-based): base * multiplier^(retry-1),
// scaled by 1 + jitter * (2 * unit_random - 1) with unit_random in [0, 1).
std::chrono::milliseconds RetryDelay(const RetryPolicy& policy, int retry, double unit_random);

// Checks a policy given by the user (flags / env).
Status ValidateRetryPolicy(const RetryPolicy& policy);

}  // namespace gander
