// The migration commands' engine: which plan a command runs, pre-flight, and
// applying the plan (up, down or both, as redo) step by step or, with
// --atomic, as one transaction. The CLI calls, in order: BeginChange
// (app/change_context.h), PlanChange, PrepareRun, then (after its own
// confirmation) RunChange; everything it shows comes through the Reporter.
#pragma once

#include <vector>

#include "app/change_context.h"

namespace gander {

enum class PlanKind { kUp, kUpByOne, kUpTo, kDown, kDownTo, kRedo, kReset };

struct PlanRequest {
  PlanKind kind = PlanKind::kUp;
  int64_t target = -1;   // up-to / down-to VERSION
  size_t steps = 1;      // down --steps N
  bool allow_missing = false;
};

// The plan of a command on the state BeginChange read (core/planner.h;
// -no-versioning: PlanWithoutVersioning).
Status PlanChange(ChangeContext& ctx, const PlanRequest& request, Plan* plan);

// BeginChange(ctx, kRefuse) and PlanChange, with the read done first
// without the lock (PeekChange): when it shows nothing to do (no dirty
// marker, no other tool's record to take over, --expect-version met, an
// empty plan), that plan stands and the lock is never taken, as the engine's
// own client reading the tracking table; otherwise the lock is taken and the
// state read and the plan made again under it. A concurrent runner is
// waited for only when there is work: a plan it empties is seen under the lock.
Status BeginPlannedChange(ChangeContext& ctx, const PlanRequest& request, Plan* plan);

// goose reports "no next version" as an error for up-by-one; any other
// empty plan simply has nothing to do (OK).
Status RefuseEmptyPlan(ChangeContext& ctx, const PlanRequest& request, const Plan& plan);

// Before a plan runs: refuses a read-only server (not for a dry run, which
// writes nothing), then Preflight (app/preflight.h).
Status PrepareRun(ChangeContext& ctx, const Plan& plan, bool dry_run, std::vector<ParsedMigration>* parsed);

// Runs a prepared plan with its audit trail: StartAudit, ApplyPlan,
// FinishAudit (which runs whatever the outcome).
Status RunChange(ChangeContext& ctx, const Plan& plan, const std::vector<ParsedMigration>& parsed);

// Creates the tracking table if needed, adopts missing checksums, then runs
// the plan's steps in order, reporting each; stops at the first failure.
// --atomic: refused on an engine without transactional DDL or with a NO
// TRANSACTION step; otherwise all steps in one transaction, reported done
// only once it commits, rolled back as a whole on any failure.
Status ApplyPlan(ChangeContext& ctx, const Plan& plan, const std::vector<ParsedMigration>& parsed);

// Records checksums for applied migrations that have none yet in
// ctx.checksums (applied by goose, or before gander kept them), with a
// notice. Only once the audit trail has started.
Status AdoptChecksums(ChangeContext& ctx);

}  // namespace gander
