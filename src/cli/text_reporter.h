// The engine's reports (app/reporter.h) as gander shows them: a line per
// step done, state changes and step starts with -v, retries and notices on
// stderr; once the plan is applied, the --json result (or, for more than
// one step, the run summary).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "app/reporter.h"
#include "cli/output.h"

namespace gander {

class TextReporter : public Reporter {
 public:
  // `command` names the --json result.
  TextReporter(const Output& out, std::string command) : out_(out), command_(std::move(command)) {}

  void Notice(const std::string& text) override { out_.Notice(text); }
  void Detail(const std::string& text) override { out_.Verbose(text); }
  void StepStarted(const StepInfo& step) override;
  void AttemptChanged(const StepInfo& step, AttemptState state, int attempt) override;
  void Retrying(const StepInfo& step, int retry, int max_retries, std::chrono::milliseconds delay,
                const Status& cause) override;
  void StepDone(const StepReport& report) override;
  void PlanApplied(const Plan& plan) override;
  // -v, text mode only: goose's verbose lines (GooseVerboseLine).
  void Sql(SqlEvent event, const std::string& statement) override;

  // Every step reported done, in order (a failed one last).
  const std::vector<StepReport>& steps() const { return steps_; }

 private:
  const Output& out_;
  std::string command_;
  std::vector<StepReport> steps_;
};

// The line goose -v prints for `event` ("Begin transaction", "Executing
// statement: ...", "Commit transaction", "Rollback transaction"); the
// statement as goose shows it, without its comment-only and empty lines.
std::string GooseVerboseLine(SqlEvent event, const std::string& statement);

// The steps of a run as the --json result lists them.
nlohmann::json StepsJson(const std::vector<StepReport>& steps);

// "gander: 6 migrations in 61.2ms, slowest 00002_create_orders.sql (19.8ms)".
std::string RunSummary(const std::vector<StepReport>& steps);

}  // namespace gander
