// --metrics-file: the run's figures (collected by the engine in
// ChangeContext::metrics) written as a Prometheus textfile (core/metrics.h).
#pragma once

#include <string>

#include "app/env.h"
#include "core/metrics.h"

namespace gander {

// Completes `m` with the outcome, the run's duration and finish time (from
// `env`'s clocks) and the time of the last success (this run's, or the one
// the previous file at `path` recorded), then writes `path` atomically.
Status WriteRunMetrics(Env& env, const std::string& path, RunMetrics m, const Status& outcome);

}  // namespace gander
