#include "core/metrics.h"

#include <cstdio>
#include <cstdlib>

namespace gander {
namespace {

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.13g", v);  // Unix times to the millisecond
  return buf;
}

// Label values escape backslash, double quote and newline.
std::string Escape(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

const std::vector<double>& DurationBuckets() {
  static const std::vector<double> buckets = {0.01, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 300};
  return buckets;
}

std::string PrometheusText(const RunMetrics& m) {
  std::string labels = "engine=\"" + Escape(m.engine) + "\",database=\"" + Escape(m.database) + "\"";
  std::string text;
  auto gauge = [&](const std::string& name, const std::string& help, double value, const std::string& extra = "") {
    text += "# HELP " + name + " " + help + "\n# TYPE " + name + " gauge\n";
    text += name + "{" + labels + extra + "} " + Number(value) + "\n";
  };
  gauge("gander_last_run_success", "1 if the last run succeeded, 0 if it failed.", m.success ? 1 : 0,
        ",command=\"" + Escape(m.command) + "\"");
  gauge("gander_last_run_timestamp_seconds", "When the last run ended (Unix time).", m.finished_at);
  gauge("gander_last_run_duration_seconds", "Wall time of the last run.", m.run_seconds);
  if (m.last_success) {
    gauge("gander_last_success_timestamp_seconds", "When the last successful run ended (Unix time).",
          *m.last_success);
  }
  gauge("gander_migrations_applied", "Migrations applied by the last run.", m.applied);
  gauge("gander_migrations_rolled_back", "Migrations rolled back by the last run.", m.rolled_back);
  gauge("gander_migrations_failed", "Migrations that failed in the last run.", m.failed);
  gauge("gander_retries", "Retries of transient failures in the last run.", m.retries);
  gauge("gander_lock_wait_seconds", "Time the last run waited for the migration lock.", m.lock_wait_seconds);

  std::string name = "gander_migration_duration_seconds";
  text += "# HELP " + name + " Duration of each migration step of the last run.\n# TYPE " + name + " histogram\n";
  double sum = 0;
  for (double d : m.durations) sum += d;
  for (double bound : DurationBuckets()) {
    int count = 0;
    for (double d : m.durations) count += d <= bound ? 1 : 0;
    text += name + "_bucket{" + labels + ",le=\"" + Number(bound) + "\"} " + std::to_string(count) + "\n";
  }
  text += name + "_bucket{" + labels + ",le=\"+Inf\"} " + std::to_string(m.durations.size()) + "\n";
  text += name + "_sum{" + labels + "} " + Number(sum) + "\n";
  text += name + "_count{" + labels + "} " + std::to_string(m.durations.size()) + "\n";
  return text;
}

std::string FleetPrometheusText(const FleetMetrics& m) {
  std::string text;
  auto header = [&](const std::string& name, const std::string& help) {
    text += "# HELP " + name + " " + help + "\n# TYPE " + name + " gauge\n";
  };
  auto per_target = [&](const std::string& name, const std::string& help, auto value) {
    header(name, help);
    for (const FleetTargetMetrics& t : m.targets) {
      std::optional<double> v = value(t);
      if (v) text += name + "{target=\"" + Escape(t.target) + "\"} " + Number(*v) + "\n";
    }
  };
  std::string command = "command=\"" + Escape(m.command) + "\"";
  per_target("gander_fleet_target_success", "1 if the target succeeded in the last fleet run, 0 if it failed.",
             [](const FleetTargetMetrics& t) -> std::optional<double> {
               if (t.outcome == "not started") return std::nullopt;
               return t.outcome == "failed" ? 0 : 1;
             });
  per_target("gander_fleet_target_started", "1 if the last fleet run started the target, 0 if it left it alone.",
             [](const FleetTargetMetrics& t) -> std::optional<double> { return t.outcome == "not started" ? 0 : 1; });
  per_target("gander_fleet_target_version", "The target's version after the last fleet run.",
             [](const FleetTargetMetrics& t) -> std::optional<double> {
               if (!t.version) return std::nullopt;
               return static_cast<double>(*t.version);
             });
  per_target("gander_fleet_target_duration_seconds", "Wall time of the target in the last fleet run.",
             [](const FleetTargetMetrics& t) -> std::optional<double> {
               if (t.outcome == "not started") return std::nullopt;
               return t.seconds;
             });
  header("gander_fleet_targets", "Targets of the last fleet run by outcome.");
  for (const char* outcome : {"migrated", "up to date", "ok", "failed", "not started"}) {
    int count = 0;
    for (const FleetTargetMetrics& t : m.targets) count += t.outcome == outcome ? 1 : 0;
    text += "gander_fleet_targets{" + command + ",outcome=\"" + outcome + "\"} " + std::to_string(count) + "\n";
  }
  header("gander_fleet_breaker_open", "1 if the last fleet run left its circuit breaker open.");
  text += "gander_fleet_breaker_open{" + command + "} " + std::string(m.breaker_open ? "1" : "0") + "\n";
  header("gander_fleet_last_run_timestamp_seconds", "When the last fleet run ended (Unix time).");
  text += "gander_fleet_last_run_timestamp_seconds{" + command + "} " + Number(m.finished_at) + "\n";
  header("gander_fleet_last_run_duration_seconds", "Wall time of the last fleet run.");
  text += "gander_fleet_last_run_duration_seconds{" + command + "} " + Number(m.run_seconds) + "\n";
  return text;
}

std::optional<double> LastSuccessFrom(const std::string& previous) {
  const std::string key = "\ngander_last_success_timestamp_seconds{";
  size_t at = ("\n" + previous).find(key);
  if (at == std::string::npos) return std::nullopt;
  size_t space = previous.find("} ", at);
  if (space == std::string::npos) return std::nullopt;
  return std::strtod(previous.c_str() + space + 2, nullptr);
}

}  // namespace gander
