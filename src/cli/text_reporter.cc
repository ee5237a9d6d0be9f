#include "cli/text_reporter.h"

#include <cstdio>

#include "core/time_text.h"

namespace gander {
namespace {

std::string Millis(double seconds) { return HumanDuration(seconds * 1000); }

std::string StepName(const StepInfo& step) {
  return "migration " + std::to_string(step.version) + " " + DirectionName(step.direction);
}

const char* OutcomeName(StepOutcome outcome) {
  return outcome == StepOutcome::kOk ? "ok" : outcome == StepOutcome::kDirty ? "dirty" : "failed";
}

}  // namespace

void TextReporter::StepStarted(const StepInfo& step) {
  out_.Verbose(std::string(DirectionName(step.direction)) + " " + step.file + ": " + std::to_string(step.statements) +
               " statements");
}

void TextReporter::AttemptChanged(const StepInfo& step, AttemptState state, int attempt) {
  std::string detail = state == AttemptState::kExecuting ? " (attempt " + std::to_string(attempt) + ")" : "";
  out_.Verbose(StepName(step) + ": " + AttemptStateName(state) + detail);
}

void TextReporter::Retrying(const StepInfo& step, int retry, int max_retries, std::chrono::milliseconds delay,
                            const Status& cause) {
  out_.Notice(StepName(step) + ": transient failure, retry " + std::to_string(retry) + " of " +
              std::to_string(max_retries) + " in " + std::to_string(delay.count()) + " ms: " + cause.message());
}

void TextReporter::StepDone(const StepReport& r) {
  if (r.outcome == StepOutcome::kOk) {
    out_.Line(out_.Paint("OK", Output::Color::kGreen) + "   " + r.step.file + " (" + Millis(r.result.seconds) + ")");
  }
  steps_.push_back(r);
}

void TextReporter::PlanApplied(const Plan& plan) {
  out_.Json({{"command", command_}, {"version_before", plan.version_before}, {"version_after", plan.version_after},
             {"steps", StepsJson(steps_)}});
  if (plan.steps.size() > 1) out_.Line(RunSummary(steps_));
}

void TextReporter::Sql(SqlEvent event, const std::string& statement) {
  if (!out_.json()) out_.Verbose(GooseVerboseLine(event, statement));
}

std::string GooseVerboseLine(SqlEvent event, const std::string& statement) {
  switch (event) {
    case SqlEvent::kBegin: return "Begin transaction";
    case SqlEvent::kCommit: return "Commit transaction";
    case SqlEvent::kRollback: return "Rollback transaction";
    case SqlEvent::kStatement: break;
  }
  std::string shown;
  size_t start = 0;
  while (start <= statement.size()) {
    size_t end = statement.find('\n', start);
    if (end == std::string::npos) end = statement.size();
    std::string line = statement.substr(start, end - start);
    if (!line.empty() && line != "\r" && line.rfind("--", 0) != 0) shown += (shown.empty() ? "" : "\n") + line;
    start = end + 1;
  }
  return "Executing statement: " + shown;
}

nlohmann::json StepsJson(const std::vector<StepReport>& steps) {
  nlohmann::json list = nlohmann::json::array();
  for (const StepReport& r : steps) {
    nlohmann::json states = nlohmann::json::array();
    for (AttemptState s : r.states) states.push_back(AttemptStateName(s));
    list.push_back({{"version", r.step.version}, {"file", r.step.file}, {"direction", DirectionName(r.step.direction)},
                    {"statements", r.result.statements_run}, {"seconds", r.result.seconds}, {"retries", r.retries},
                    {"states", states}, {"outcome", OutcomeName(r.outcome)}});
  }
  return list;
}

std::string RunSummary(const std::vector<StepReport>& steps) {
  double total = 0, slowest = -1;
  std::string slowest_file;
  for (const StepReport& r : steps) {
    total += r.result.seconds;
    if (r.result.seconds > slowest) {
      slowest = r.result.seconds;
      slowest_file = r.step.file;
    }
  }
  return "gander: " + std::to_string(steps.size()) + " migrations in " + Millis(total) + ", slowest " + slowest_file +
         " (" + Millis(slowest) + ")";
}

}  // namespace gander
