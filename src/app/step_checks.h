// What pre-flight checks of the part a step runs once it is parsed (#19): the
// part's own problem, a goose part's transaction problems, and the warning
// about a malformed other part that does not stop this step.
#pragma once

#include <vector>

#include "app/change_context.h"
#include "core/transaction_needs.h"

namespace gander {

// Appends to *problems what stops `step` (whose migration `m` was read by
// LoadMigrationToRun for `target`): the needed part's own problem (a
// malformed section or file), and for a goose part that runs in a
// transaction a statement that cannot, or the file's own BEGIN/COMMIT
// (GooseTransactionProblem). For an up step whose down part is malformed,
// reports a warning (file:line and what is wrong) and lets the step run, as
// goose does: rolling it back is refused until the part is fixed.
void CheckStepPart(ChangeContext& ctx, const PlanStep& step, const MigrationSource& source,
                   const RunTarget& target, const ParsedMigration& m, std::vector<Status>* problems);

}  // namespace gander
