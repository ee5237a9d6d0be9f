#include "app/preflight.h"

#include "app/lint_input.h"
#include "app/migration_files.h"
#include "app/step_checks.h"
#include "core/checksum.h"
#include "core/lint/sql_types.h"

namespace gander {

std::string StepFile(const PlanStep& step, const MigrationSource& source) {
  return step.direction == Direction::kDown && !source.down_file.empty() ? source.down_file : source.file;
}

const MigrationPart& PartOf(const PlanStep& step, const ParsedMigration& m) {
  static const MigrationPart kNothing;
  if (step.direction == Direction::kUp) return m.up;
  return m.down ? *m.down : kNothing;
}

bool RollsBackWithoutDown(const EngineOptions& options, const ParsedMigration& m) {
  return m.up.statements.empty() || options.allow_no_down;
}

std::string WithoutDownNote(const ParsedMigration& m) {
  return m.up.statements.empty() ? "nothing to undo (no statement in its up part): rolled back without running anything"
                                 : "no down part: recorded as rolled back without running anything";
}

namespace {

Status NoDownRefusal(const EngineOptions& o, const MigrationSource& source) {
  return Status::Refused("migration " + std::to_string(source.version) +
                         " has no down part (add a `-- +goose Down` section or a .down.sql file; to delete its "
                         "row without running anything, as goose does: --allow-no-down)")
      .At(JoinPath(o.dir, source.file));
}

// The lint pre-flight with the engine of the connection.
Status LintSteps(ChangeContext& ctx, const Plan& plan) {
  std::vector<std::pair<int64_t, Direction>> steps;
  for (const PlanStep& step : plan.steps) steps.emplace_back(step.version, step.direction);
  lint::LintOptions options;
  options.engine = lint::EngineFromName(ctx.session->conn().dialect().name());
  options.config = ctx.options.lint_config;
  std::vector<lint::Finding> refusals;
  GANDER_RETURN_IF_ERROR(LintPlan(ctx.env, ctx.options.dir, steps, options, &refusals));
  if (refusals.empty()) return Status::OK();
  for (const lint::Finding& f : refusals) ctx.reporter.Notice(RefusalLine(f));
  return LintRefusal(refusals);
}

// Refuses rolling back a migration whose file changed since it was applied.
Status CheckDrift(const EngineOptions& o, const MigrationSource& source, const ParsedMigration& m,
                  const PartChecksums& recorded) {
  std::string changed = PartChecksum(m.up) != recorded.up       ? "up"
                        : PartChecksum(m.down) != recorded.down ? "down"
                                                                : "";
  if (changed.empty()) return Status::OK();
  return Status::Refused("migration " + std::to_string(source.version) + " changed since it was applied (its " +
                         changed + " part differs from the recorded checksum); review the file, then roll back "
                         "with --allow-drift, or accept the files as they are with `" + o.command_prefix +
                         " repair --yes`")
      .At(JoinPath(o.dir, changed == "down" && !source.down_file.empty() ? source.down_file : source.file));
}

}  // namespace

Status Preflight(ChangeContext& ctx, const Plan& plan, std::vector<ParsedMigration>* parsed) {
  const EngineOptions& o = ctx.options;
  parsed->assign(plan.steps.size(), ParsedMigration());
  // Read once here: drift checks need them, and ApplyPlan adopts what is missing.
  if (!o.no_versioning) GANDER_RETURN_IF_ERROR(ctx.session->store().ReadChecksums(&ctx.checksums));
  std::vector<Status> problems;
  ctx.without_down.clear();
  RunTarget target = RunTargetOf(ctx.session->conn());
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& step = plan.steps[i];
    const MigrationSource& source = ctx.sources[step.source];
    Status st = LoadMigrationToRun(ctx.env, o.dir, source, target, &(*parsed)[i]);
    size_t known = problems.size();
    if (st.ok()) CheckStepPart(ctx, step, source, target, (*parsed)[i], &problems);
    if (problems.size() > known) continue;  // a part that cannot run: its drift does not matter yet
    if (st.ok() && step.direction == Direction::kDown && !(*parsed)[i].down) {
      if (RollsBackWithoutDown(o, (*parsed)[i])) {
        ctx.without_down.insert(source.version);
      } else {
        st = NoDownRefusal(o, source);
      }
    }
    auto recorded = ctx.checksums.find(source.version);
    if (st.ok() && step.direction == Direction::kDown && !o.allow_drift && recorded != ctx.checksums.end()) {
      st = CheckDrift(o, source, (*parsed)[i], recorded->second);
    }
    if (!st.ok()) problems.push_back(st);
  }
  if (problems.empty()) return o.lint ? LintSteps(ctx, plan) : Status::OK();
  // Every problem, each on its own line; a malformed file (exit 2) outranks
  // a safety refusal (exit 3).
  return Status::Combine(std::move(problems), "found; nothing was run");
}

}  // namespace gander
