// Metrics of one changing run, as a Prometheus textfile-collector file
// (node_exporter --collector.textfile.directory), for SLA dashboards and
// alerts. Pure: the run's figures in, the file's text out.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace gander {

struct RunMetrics {
  std::string command;
  std::string engine;
  std::string database;        // a label: the database name or file, never a DSN
  bool success = false;
  int applied = 0;
  int rolled_back = 0;
  int failed = 0;
  int retries = 0;
  std::vector<double> durations;  // seconds, one per migration step that ran
  double lock_wait_seconds = 0;
  double run_seconds = 0;
  double finished_at = 0;         // Unix time
  std::chrono::steady_clock::time_point started;  // when the command began
  std::optional<double> last_success;  // Unix time of the last successful run, this one included
};

// Histogram bucket bounds in seconds (0.2 s among them, for the usual
// "migration over its budget" alert).
const std::vector<double>& DurationBuckets();

std::string PrometheusText(const RunMetrics& m);

// One fleet run: a series per target (label `target`) and the totals.
struct FleetTargetMetrics {
  std::string target;
  std::string outcome;             // "migrated", "up to date", "ok", "failed", "not started"
  std::optional<long long> version;  // after the run, when known
  double seconds = 0;
};
struct FleetMetrics {
  std::string command;
  std::vector<FleetTargetMetrics> targets;
  bool breaker_open = false;
  double run_seconds = 0;
  double finished_at = 0;  // Unix time
};
std::string FleetPrometheusText(const FleetMetrics& m);

// gander_last_success_timestamp_seconds from a previous file's text, so that
// a failed run keeps the time of the last good one.
std::optional<double> LastSuccessFrom(const std::string& previous_text);

}  // namespace gander
