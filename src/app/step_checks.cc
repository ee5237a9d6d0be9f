#include "app/step_checks.h"

#include "app/migration_files.h"
#include "app/preflight.h"

namespace gander {

void CheckStepPart(ChangeContext& ctx, const PlanStep& step, const MigrationSource& source,
                   const RunTarget& target, const ParsedMigration& m, std::vector<Status>* problems) {
  bool up = step.direction == Direction::kUp;
  if (!up && !m.down) return;  // pre-flight reports the missing part itself
  const MigrationPart& part = PartOf(step, m);
  if (!part.problem.ok()) {
    problems->push_back(part.problem);
    return;
  }
  if (source.format == SourceFormat::kGoose) {
    Status st = GooseTransactionProblem(part, JoinPath(ctx.options.dir, StepFile(step, source)), target);
    if (!st.ok()) problems->push_back(st);
  }
  if (up && m.down && !m.down->problem.ok()) {
    ctx.reporter.Notice("warning: " + m.down->problem.ToString() + " (the down part of migration " +
                        std::to_string(source.version) +
                        "; up runs, but rolling this migration back is refused until the file is fixed)");
  }
}

}  // namespace gander
