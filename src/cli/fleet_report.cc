#include "cli/fleet_report.h"

#include <cstdio>

#include "cli/table.h"
#include "db/dsn.h"

namespace gander {
namespace {

std::optional<long long> NumberAt(const nlohmann::json& j, const char* key) {
  if (j.contains(key) && j[key].is_number_integer()) return j[key].get<long long>();
  return std::nullopt;
}

std::string OneLine(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  size_t last = text.rfind('\n');
  if (last != std::string::npos) text = text.substr(last + 1);
  return text;
}

std::string Seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", s);
  return buf;
}

std::string Version(const std::optional<long long>& v) { return v ? std::to_string(*v) : "-"; }

}  // namespace

TargetReport ReportFromChild(const ChildResult& child, bool changing) {
  TargetReport r;
  r.seconds = child.seconds;
  r.exit_code = child.exit_code;
  // The JSON result is the last line of stdout (there is only one).
  nlohmann::json j = nlohmann::json::parse(OneLine(child.out), nullptr, false);
  if (!j.is_discarded() && j.is_object()) r.result = j;
  if (r.result.contains("error") && r.result["error"].is_object()) {
    const nlohmann::json& e = r.result["error"];
    if (e.contains("message") && e["message"].is_string()) r.error = e["message"].get<std::string>();
    if (e.contains("file") && e["file"].is_string()) r.error = e["file"].get<std::string>() + ": " + r.error;
  }
  if (r.result.value("command", "") == "resume" && child.exit_code == 0) {
    // {"resumed": null}: nothing was dirty; else the migration it finished.
    r.outcome = r.result.contains("from_statement") ? "migrated" : "up to date";
    return r;
  }
  r.before = NumberAt(r.result, "version_before");
  r.after = NumberAt(r.result, "version_after");
  for (const char* key : {"current_version", "version"}) {
    if (!r.before) r.before = NumberAt(r.result, key);
  }
  if (!r.after && child.exit_code == 0) r.after = r.before;
  if (r.result.value("command", "") == "status" && r.result.contains("migrations") && r.result["migrations"].is_array()) {
    long long pending = 0;
    for (const nlohmann::json& m : r.result["migrations"]) pending += m.value("applied", true) ? 0 : 1;
    r.pending = pending;
  }
  if (child.exit_code == 0) {
    r.outcome = !changing ? "ok" : (r.before != r.after ? "migrated" : "up to date");
    return r;
  }
  r.outcome = "failed";
  if (r.error.empty()) r.error = OneLine(child.err);
  if (r.error.rfind("gander: ", 0) == 0) r.error = r.error.substr(8);
  if (r.error.empty()) r.error = "exited with code " + std::to_string(child.exit_code) + " and no message";
  return r;
}

std::string FleetTable(const FleetSummary& s) {
  // status: one VERSION and the PENDING count instead of BEFORE and AFTER.
  bool status = s.command == "status";
  std::vector<std::vector<std::string>> rows = {
      status ? std::vector<std::string>{"TARGET", "VERSION", "PENDING", "SECONDS", "OUTCOME", "ERROR"}
             : std::vector<std::string>{"TARGET", "BEFORE", "AFTER", "SECONDS", "OUTCOME", "ERROR"}};
  size_t failed = 0, not_started = 0;
  for (size_t i = 0; i < s.targets.size(); ++i) {
    const TargetReport& r = s.reports[i];
    bool started = r.outcome != "not started";
    failed += r.outcome == "failed" ? 1 : 0;
    not_started += started ? 0 : 1;
    rows.push_back({s.targets[i].name, Version(r.before), status ? Version(r.pending) : Version(r.after),
                    started ? Seconds(r.seconds) : "-", r.outcome, r.error});
  }
  std::string text = FormatTable(rows);
  text += "fleet " + s.command + ": " + std::to_string(s.targets.size()) + " targets, " +
          std::to_string(s.targets.size() - failed - not_started) + " ok, " + std::to_string(failed) + " failed, " +
          std::to_string(not_started) + " not started in " + Seconds(s.seconds) + "s";
  text += std::string("; circuit breaker ") + BreakerName(s.breaker) + "\n";
  if (!s.stop_reason.empty()) text += "stopped: " + s.stop_reason + "\n";
  return text;
}

nlohmann::json FleetJson(const FleetSummary& s) {
  nlohmann::json targets = nlohmann::json::array();
  for (size_t i = 0; i < s.targets.size(); ++i) {
    const FleetTarget& t = s.targets[i];
    const TargetReport& r = s.reports[i];
    nlohmann::json item = {{"name", t.name},
                           {"driver", t.driver},
                           {"dsn", RedactDsn(t.dsn)},
                           {"labels", t.labels},
                           {"outcome", r.outcome},
                           {"version_before", r.before ? nlohmann::json(*r.before) : nlohmann::json()},
                           {"version_after", r.after ? nlohmann::json(*r.after) : nlohmann::json()},
                           {"seconds", r.seconds},
                           {"started_after", r.outcome == "not started" ? nlohmann::json() : nlohmann::json(r.started_after)},
                           {"exit_code", r.outcome == "not started" ? nlohmann::json() : nlohmann::json(r.exit_code)},
                           {"error", r.error.empty() ? nlohmann::json() : nlohmann::json(r.error)},
                           {"result", r.result.is_null() ? nlohmann::json() : r.result}};
    targets.push_back(item);
  }
  size_t failed = 0, not_started = 0;
  for (const TargetReport& r : s.reports) {
    failed += r.outcome == "failed" ? 1 : 0;
    not_started += r.outcome == "not started" ? 1 : 0;
  }
  return {{"command", "fleet"},
          {"fleet_command", s.command},
          {"targets", targets},
          {"summary",
           {{"total", s.targets.size()},
            {"ok", s.targets.size() - failed - not_started},
            {"failed", failed},
            {"not_started", not_started}}},
          {"breaker", BreakerName(s.breaker)},
          {"stop_reason", s.stop_reason.empty() ? nlohmann::json() : nlohmann::json(s.stop_reason)},
          {"seconds", s.seconds}};
}

FleetMetrics FleetMetricsOf(const FleetSummary& s) {
  FleetMetrics m;
  m.command = s.command;
  m.breaker_open = s.breaker == Breaker::kOpen;
  m.run_seconds = s.seconds;
  for (size_t i = 0; i < s.targets.size(); ++i) {
    const TargetReport& r = s.reports[i];
    m.targets.push_back({s.targets[i].name, r.outcome, r.after, r.seconds});
  }
  return m;
}

std::string ProgressLine(size_t done, size_t total, size_t failed, size_t running, double elapsed_seconds) {
  std::string line = std::to_string(done) + "/" + std::to_string(total) + " done, " + std::to_string(failed) +
                     " failed, " + std::to_string(running) + " running";
  if (done > 0 && done < total) {
    double eta = elapsed_seconds / static_cast<double>(done) * static_cast<double>(total - done);
    line += ", ETA " + std::to_string(static_cast<long long>(eta + 0.5)) + "s";
  }
  return line;
}

}  // namespace gander
