// Drives a Rollout with worker threads: each worker takes the next target
// the rollout allows and runs it, until nothing more may start.
#pragma once

#include <atomic>
#include <functional>

#include "core/rollout.h"

namespace gander {

// Runs targets on rollout.parallel() threads. `run_one(i)` runs target i and returns
// whether it succeeded; it is called without any lock held. `changed` is
// called, under the rollout's lock, after every start and finish (progress
// display). Once `stop` is true nothing more starts; running targets finish.
void RunRollout(Rollout& rollout, const std::function<bool(size_t)>& run_one,
                const std::function<void(const Rollout&, size_t index, bool finished)>& changed,
                const std::atomic<bool>& stop);

}  // namespace gander
