// Pre-flight: everything a plan needs is checked before anything is written.
#pragma once

#include <vector>

#include "app/change_context.h"

namespace gander {

// The file of a step's direction: a pair's .down.sql for down, else the file.
std::string StepFile(const PlanStep& step, const MigrationSource& source);
// The part of `m` a step runs; a down step of a migration without a down
// part (let through by Preflight) runs an empty part.
const MigrationPart& PartOf(const PlanStep& step, const ParsedMigration& m);

// Whether a migration without a down part may be rolled back by deleting its
// row, running nothing: always when its up part has no statement (there is
// nothing to undo), otherwise only with --allow-no-down (goose's behaviour).
bool RollsBackWithoutDown(const EngineOptions& options, const ParsedMigration& m);

// What the plan, the notice and the docs say of such a rollback.
std::string WithoutDownNote(const ParsedMigration& m);

// Parses every migration of the plan into `parsed` (one per step) and checks
// the part each step needs (a missing down part is refused unless
// RollsBackWithoutDown; those steps go into ctx.without_down) and, for
// rollbacks, that the file has not changed since it was applied (unless
// --allow-drift): recorded checksums are read into ctx.checksums. Lists
// every problem at once; a malformed file (exit 2) outranks a safety refusal
// (exit 3). Once every file is in order, and unless --no-lint, the plan is
// linted (LintPlan, app/lint_input.h) with the engine of the connection and
// refused (exit 3, LintRefusal) on an error-severity finding of a step's
// own direction, each finding a notice of its own. Nothing is written.
Status Preflight(ChangeContext& ctx, const Plan& plan, std::vector<ParsedMigration>* parsed);

}  // namespace gander
