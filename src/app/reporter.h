// What the migration engine tells the outside while it works. The engine
// never prints and never reads stdin: the CLI implements this for text,
// --json, -v and progress (cli/text_reporter.h); tests record it. Every
// method ignores its report unless overridden.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "app/migrator.h"
#include "core/retry.h"

namespace gander {

// One step of a plan, as it is run.
struct StepInfo {
  int64_t version = 0;
  Direction direction = Direction::kUp;
  std::string file;       // the file of this direction (a pair's .down.sql for down)
  size_t statements = 0;  // in this direction's part
};

enum class StepOutcome {
  kOk,      // applied or rolled back, and recorded
  kFailed,  // nothing of it remains (rolled back, or failed before any statement took effect)
  kDirty,   // failed after part of it took effect: the dirty marker says how far
};

// A step that finished.
struct StepReport {
  StepInfo step;
  StepResult result;                // statements run, seconds
  int retries = 0;
  std::vector<AttemptState> states;  // every state it went through (empty in an --atomic batch)
  StepOutcome outcome = StepOutcome::kOk;
};

class Reporter {
 public:
  virtual ~Reporter() = default;

  // Something the user should know even without -v: adopted checksums, how
  // a resumed statement was judged, a warning (an audit snapshot not written).
  virtual void Notice(const std::string&) {}
  // Detail for -v.
  virtual void Detail(const std::string&) {}

  // A step of the plan is about to run.
  virtual void StepStarted(const StepInfo&) {}
  // The step entered `state`; `attempt` (1, 2, ...) is the attempt now
  // executing or that just ended.
  virtual void AttemptChanged(const StepInfo&, AttemptState, int /*attempt*/) {}
  // A transient failure (`cause`) will be retried after `delay`: retry
  // number `retry` of at most `max_retries`.
  virtual void Retrying(const StepInfo&, int /*retry*/, int /*max_retries*/, std::chrono::milliseconds /*delay*/,
                        const Status& /*cause*/) {}
  // A step finished: a successful one once it is final (in an --atomic
  // batch, when the batch commits), a failed one at once.
  virtual void StepDone(const StepReport&) {}
  // Every step of `plan` is done (before the audit snapshot is written).
  virtual void PlanApplied(const Plan&) {}
  // The SQL a step sends (Migrator::set_sql_observer), for -v.
  virtual void Sql(SqlEvent, const std::string& /*statement*/) {}
};

}  // namespace gander
