// Pre-flight: everything a plan needs is checked before anything is written.
#pragma once

#include <vector>

#include "app/change_context.h"

namespace gander {

// The file of a step's direction: a pair's .down.sql for down, else the file.
std::string StepFile(const PlanStep& step, const MigrationSource& source);
// The part of `m` a step runs.
const MigrationPart& PartOf(const PlanStep& step, const ParsedMigration& m);

// Parses every migration of the plan into `parsed` (one per step) and checks
// the part each step needs and, for rollbacks, that the file has not changed
// since it was applied (unless --allow-drift): recorded checksums are read
// into ctx.checksums. Lists every problem at once; a malformed file (exit 2)
// outranks a safety refusal (exit 3). Nothing is written.
Status Preflight(ChangeContext& ctx, const Plan& plan, std::vector<ParsedMigration>* parsed);

}  // namespace gander
