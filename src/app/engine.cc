#include "app/engine.h"

#include "app/adopt.h"
#include "app/migration_files.h"
#include "app/preflight.h"
#include "app/retrying_runner.h"
#include "app/stop_signals.h"
#include "core/checksum.h"

namespace gander {

Status PlanChange(ChangeContext& ctx, const PlanRequest& r, Plan* plan) {
  if (ctx.options.no_versioning) {
    bool up = r.kind == PlanKind::kUp || r.kind == PlanKind::kUpByOne || r.kind == PlanKind::kUpTo;
    int64_t target = r.kind == PlanKind::kUpTo || r.kind == PlanKind::kDownTo ? r.target : up ? kLatest : -1;
    size_t steps = r.kind == PlanKind::kUpByOne ? 1 : r.kind == PlanKind::kDown ? r.steps : 0;
    return PlanWithoutVersioning(ctx.sources, up ? Direction::kUp : Direction::kDown, target, steps, plan);
  }
  switch (r.kind) {
    case PlanKind::kUp:
    case PlanKind::kUpByOne:
    case PlanKind::kUpTo: {
      UpRequest up;
      up.allow_missing = r.allow_missing;
      if (r.kind == PlanKind::kUpTo) up.target = r.target;
      if (r.kind == PlanKind::kUpByOne) up.max_steps = 1;
      return PlanUp(ctx.sources, ctx.versions, up, plan);
    }
    case PlanKind::kDown:
    case PlanKind::kDownTo: {
      DownRequest down;
      down.steps = r.steps;
      if (r.kind == PlanKind::kDownTo) down.to_version = r.target;
      return PlanDown(ctx.sources, ctx.versions, down, plan);
    }
    case PlanKind::kRedo: return PlanRedo(ctx.sources, ctx.versions, plan);
    case PlanKind::kReset: return PlanReset(ctx.sources, ctx.versions, plan);
  }
  return Status::Invalid("unknown plan");
}

Status BeginPlannedChange(ChangeContext& ctx, const PlanRequest& request, Plan* plan) {
  const EngineOptions& o = ctx.options;
  if (!o.no_versioning) {
    GANDER_RETURN_IF_ERROR(PeekChange(ctx));
    bool settled = !ctx.dirty && !ctx.adoption && (o.expect_version < 0 || ctx.versions.current() == o.expect_version);
    if (settled && PlanChange(ctx, request, plan).ok() && plan->steps.empty()) return Status::OK();
    *plan = Plan();
  }
  GANDER_RETURN_IF_ERROR(BeginChange(ctx, DirtyPolicy::kRefuse));
  return PlanChange(ctx, request, plan);
}

Status RefuseEmptyPlan(ChangeContext& ctx, const PlanRequest& request, const Plan& plan) {
  if (request.kind != PlanKind::kUpByOne || !plan.steps.empty() || ctx.options.no_versioning) return Status::OK();
  return Status::Failed("no next migration to apply; current version: " + std::to_string(plan.version_before));
}

Status PrepareRun(ChangeContext& ctx, const Plan& plan, bool dry_run, std::vector<ParsedMigration>* parsed) {
  // Only now that there is something to write: a replica may show its plan.
  if (!dry_run) GANDER_RETURN_IF_ERROR(RefuseReadOnly(ctx));
  return Preflight(ctx, plan, parsed);
}

Status RunChange(ChangeContext& ctx, const Plan& plan, const std::vector<ParsedMigration>& parsed) {
  Status st = StartAudit(ctx, plan.version_before);
  if (st.ok()) st = ApplyPlan(ctx, plan, parsed);
  FinishAudit(ctx, st);
  return st;
}

Status AdoptChecksums(ChangeContext& ctx) {
  if (!ctx.audit) return Status::OK();
  std::string sql;
  int adopted = 0;
  for (const AppliedVersion& applied : ctx.versions.applied) {
    int index = FindSource(ctx.sources, applied.version);
    if (index < 0 || ctx.checksums.count(applied.version)) continue;
    ParsedMigration m;
    if (!LoadMigration(ctx.env, ctx.options.dir, ctx.sources[index], &m).ok()) continue;  // reported when it is needed
    PartChecksums sums = ChecksumsOf(m);
    // The tracking row exists already: an event records the checksums.
    sql += (sql.empty() ? "" : "; ") +
           ctx.audit->ManualEventSql(applied.version, "up", "checksum_adopted", ctx.sources[index].file, &sums);
    ctx.checksums[applied.version] = sums;
    ++adopted;
  }
  if (adopted == 0) return Status::OK();
  GANDER_RETURN_IF_ERROR(ctx.session->conn().Exec(sql));
  ctx.reporter.Notice("recorded checksums of " + std::to_string(adopted) +
                      " applied migration(s) that had none (applied by goose or an older gander); later edits to "
                      "them will be reported as drift");
  return Status::OK();
}

namespace {

Status RefuseAtomic(ChangeContext& ctx, const Plan& plan, const std::vector<ParsedMigration>& parsed) {
  const Dialect& dialect = ctx.session->conn().dialect();
  if (!dialect.transactional_ddl()) {
    return Status::Refused(std::string("--atomic needs transactional DDL; ") + dialect.name() +
                           " commits DDL implicitly, so a batch cannot be rolled back as one");
  }
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    if (!PartOf(plan.steps[i], parsed[i]).use_tx) {
      return Status::Refused("--atomic cannot include a NO TRANSACTION migration")
          .At(JoinPath(ctx.options.dir, StepFile(plan.steps[i], ctx.sources[plan.steps[i].source])));
    }
  }
  return Status::OK();
}

StepOutcome OutcomeOf(const Status& st, const StepResult& result) {
  return st.ok() ? StepOutcome::kOk : result.left_dirty ? StepOutcome::kDirty : StepOutcome::kFailed;
}

// Counts a finished step in the run's metrics (an --atomic batch's
// successes are counted when it commits).
void CountStep(ChangeContext& ctx, const StepReport& r, bool atomic) {
  RunMetrics& m = ctx.metrics;
  m.retries += r.retries;
  if (r.result.statements_run > 0 || r.outcome != StepOutcome::kOk) m.durations.push_back(r.result.seconds);
  if (r.outcome != StepOutcome::kOk) {
    ++m.failed;
  } else if (!atomic) {
    ++(r.step.direction == Direction::kUp ? m.applied : m.rolled_back);
  }
}

}  // namespace

Status ApplyPlan(ChangeContext& ctx, const Plan& plan, const std::vector<ParsedMigration>& parsed) {
  bool atomic = ctx.options.atomic;
  if (atomic) GANDER_RETURN_IF_ERROR(RefuseAtomic(ctx, plan, parsed));
  if (StoreOf(ctx) != nullptr) {
    GANDER_RETURN_IF_ERROR(EnsureTrackingTable(ctx));
    GANDER_RETURN_IF_ERROR(AdoptChecksums(ctx));
  }
  // An --atomic batch never reconnects (a lost connection rolls it back):
  // one migrator on the session's connection serves the whole plan. Other
  // steps get a migrator per attempt (RunWithRetries), on whatever
  // connection the session has by then.
  std::optional<Migrator> batch_migrator;
  std::vector<StepReport> batch;  // an --atomic batch's steps, final once it commits
  Status failure;
  std::optional<StepReport> failed;
  PartChecksums failed_sums;
  if (atomic) {
    batch_migrator.emplace(ctx.env, &ctx.session->conn(), StoreOf(ctx));
    GANDER_RETURN_IF_ERROR(ctx.session->conn().Begin());
  }
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& step = plan.steps[i];
    if (int signal = ctx.env.StopSignal()) {  // a safe point: between two steps
      failure = Status::Failed("stopped by " + StopSignalName(signal) + " before migration " +
                               std::to_string(step.version) + " " + DirectionName(step.direction) +
                               ": nothing of it ran; the migrations before it are done");
      break;
    }
    const MigrationPart& part = PartOf(step, parsed[i]);
    StepReport report;
    report.step = {step.version, step.direction, StepFile(step, ctx.sources[step.source]), part.statements.size()};
    PartChecksums sums = ChecksumsOf(parsed[i]);
    if (step.direction == Direction::kDown && ctx.without_down.count(step.version)) {
      ctx.reporter.Notice("migration " + std::to_string(step.version) + " (" + report.step.file +
                          "): " + WithoutDownNote(parsed[i]));
    }
    ctx.reporter.StepStarted(report.step);
    Status st;
    if (atomic) {
      PrepareMigrator(ctx, sums, &*batch_migrator);
      st = batch_migrator->RunInOpenTransaction(step.version, report.step.file, step.direction, part, &report.result);
    } else {
      Attempts attempts;
      st = RunWithRetries(ctx, report.step, part, sums, &report.result, &attempts);
      report.retries = attempts.retries;
      report.states = std::move(attempts.states);
    }
    report.outcome = OutcomeOf(st, report.result);
    // An --atomic batch's events are only final once the batch ends.
    if (!atomic) AuditStepDone(ctx, report.result, sums, st, report.retries);
    CountStep(ctx, report, atomic);
    if (!st.ok()) {
      failure = st;
      failed = std::move(report);
      failed_sums = sums;
      break;
    }
    if (atomic) {
      batch.push_back(std::move(report));
    } else {
      ctx.reporter.StepDone(report);
    }
  }
  if (atomic) {
    Connection& conn = ctx.session->conn();
    if (failure.ok()) failure = conn.Commit();
    if (!failure.ok()) {
      conn.Rollback().IgnoreError();  // `failure` is what to report; a dead connection rolled back anyway
      failure.Prepend("--atomic batch rolled back, nothing was applied");
      // (A failed COMMIT has no failed step: the event then names none.)
      AuditStepDone(ctx, failed ? failed->result : StepResult(), failed_sums, failure, 0);
    } else {
      if (ctx.audit) ctx.audit->CommitBatch();
      for (const StepReport& r : batch) {
        ctx.reporter.StepDone(r);
        ++(r.step.direction == Direction::kUp ? ctx.metrics.applied : ctx.metrics.rolled_back);
      }
    }
  }
  if (failed) ctx.reporter.StepDone(*failed);
  if (failure.ok()) ctx.reporter.PlanApplied(plan);
  return failure;
}

}  // namespace gander
