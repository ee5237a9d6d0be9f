// One migration step under the retry state machine of core/retry.h:
// Pending -> Executing -> Succeeded | Retrying -> Executing ... | Failed.
#pragma once

#include "app/change_context.h"

namespace gander {

struct Attempts {
  int retries = 0;
  std::vector<AttemptState> states;  // every state entered, in order
};

// Runs `part` of `step` with a fresh Migrator per attempt. A transient
// failure that left nothing behind (not dirty) is retried after
// RetryDelay(policy, retry, env jitter), slept through the Env; while the
// connection is lost (Session::Alive) it is re-opened from the factory and
// re-locked under the same retry budget, and --statement-timeout applied
// again. A failure whose outcome is unknown (a lost reply) is settled on
// that new, locked connection from the tracking table and the dirty marker
// (app/in_flight_outcome.h): recorded -> succeeded with a notice, never run
// again; nothing kept -> retried (from the first statement not kept);
// a statement in doubt -> dirty (left_dirty, the error holds the refusal
// `status` shows). Every state change and retry goes to the reporter.
// Returns the last attempt's status (or the reconnect's, prefixed
// "reconnecting after a lost connection"), its result in `result`.
Status RunWithRetries(ChangeContext& ctx, const StepInfo& step, const MigrationPart& part, const PartChecksums& sums,
                      StepResult* result, Attempts* attempts);

}  // namespace gander
