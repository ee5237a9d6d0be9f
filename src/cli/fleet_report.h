// What `gander fleet` learned about each target, and how it shows it: the
// final table, the --json result and the metrics file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/child_process.h"
#include "core/metrics.h"
#include "core/rollout.h"
#include "core/targets.h"

namespace gander {

struct TargetReport {
  std::string outcome = "not started";  // migrated | up to date | ok | failed | not started
  std::optional<long long> before, after;
  std::optional<long long> pending;  // status: migrations not applied
  double seconds = 0;
  double started_after = 0;  // seconds from the fleet's start to this target's
  int exit_code = -1;
  std::string error;  // one line, password-free (gander's own messages never hold one)
  nlohmann::json result;  // the target's own --json result, when it printed one
};

// Reads a target's run: its --json result on stdout (versions, error) or,
// when it printed none, the last line it wrote to stderr.
TargetReport ReportFromChild(const ChildResult& child, bool changing);

struct FleetSummary {
  std::string command;  // the fleet command, e.g. "up-to 5"
  std::vector<FleetTarget> targets;
  std::vector<TargetReport> reports;
  Breaker breaker = Breaker::kClosed;
  std::string stop_reason;
  double seconds = 0;
};

// TARGET  BEFORE  AFTER  SECONDS  OUTCOME  ERROR, then a one-line summary.
std::string FleetTable(const FleetSummary& s);
nlohmann::json FleetJson(const FleetSummary& s);
FleetMetrics FleetMetricsOf(const FleetSummary& s);
// "37/100 done, 2 failed, 4 running, ETA 12s" for the live progress line.
std::string ProgressLine(size_t done, size_t total, size_t failed, size_t running, double elapsed_seconds);

}  // namespace gander
