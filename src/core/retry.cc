#include "core/retry.h"

#include <cmath>

namespace gander {

const char* AttemptStateName(AttemptState state) {
  switch (state) {
    case AttemptState::kPending: return "pending";
    case AttemptState::kExecuting: return "executing";
    case AttemptState::kSucceeded: return "succeeded";
    case AttemptState::kRetrying: return "retrying";
    case AttemptState::kFailed: return "failed";
  }
  return "unknown";
}

AttemptState NextState(const RetryPolicy& policy, int retries_done, const Status& result, bool rerun_is_safe) {
  if (result.ok()) return AttemptState::kSucceeded;
  if (result.transient() && rerun_is_safe && retries_done < policy.max_retries) return AttemptState::kRetrying;
  return AttemptState::kFailed;
}

std::chrono::milliseconds RetryDelay(const RetryPolicy& policy, int retry, double unit_random) {
  double base = static_cast<double>(policy.base_delay.count()) * std::pow(policy.multiplier, retry - 1);
  double scaled = base * (1.0 + policy.jitter * (2.0 * unit_random - 1.0));
  return std::chrono::milliseconds(static_cast<long long>(std::llround(scaled < 0 ? 0 : scaled)));
}

Status ValidateRetryPolicy(const RetryPolicy& policy) {
  if (policy.max_retries < 0 || policy.max_retries > 100) return Status::Invalid("--max-retries must be 0..100");
  if (policy.base_delay.count() < 0) return Status::Invalid("--retry-base-delay must be 0 or more milliseconds");
  if (policy.multiplier < 1.0) return Status::Invalid("--retry-multiplier must be at least 1");
  if (policy.jitter < 0 || policy.jitter >= 1) return Status::Invalid("--retry-jitter must be in [0, 1)");
  return Status::OK();
}

}  // namespace gander
