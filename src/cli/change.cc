#include "cli/change.h"

#include <chrono>
#include <cstdio>

#include "app/migration_files.h"
#include "db/dsn.h"

namespace gander {

std::string CommandPrefix(const Invocation& inv) {
  std::string prefix = "gander";
  if (inv.dir != ".") prefix += " -dir " + inv.dir;
  if (inv.table != "goose_db_version") prefix += " -table " + inv.table;
  return prefix + " " + inv.driver + " '" + RedactDsn(inv.dbstring) + "'";
}

Status DirtyRefusal(const Invocation& inv, const DirtyState& d) {
  std::string what = "migration " + std::to_string(d.version) + " (" + d.file + ") is dirty: its " +
                     DirectionName(d.direction) + " part stopped after " + std::to_string(d.statements_done) +
                     " of " + std::to_string(d.statements_total) + " statements";
  if (!d.error.empty()) what += " (" + d.error + ")";
  std::string prefix = CommandPrefix(inv);
  return Status::Refused(what + "; fix the cause, then run `" + prefix + " resume` to continue from statement " +
                         std::to_string(d.statements_done + 1) + ", or repair by hand and run `" + prefix +
                         " force " + std::to_string(d.version) + " --yes` to mark it " +
                         (d.direction == Direction::kUp ? "applied" : "rolled back"));
}

Status BeginChange(const Invocation& inv, bool refuse_dirty, ChangeContext* ctx) {
  GANDER_RETURN_IF_ERROR(ListMigrations(inv.dir, &ctx->sources));
  GANDER_RETURN_IF_ERROR(Session::Open(inv.driver, inv.dbstring, inv.table, &ctx->session));
  auto timeout = std::chrono::milliseconds(static_cast<long long>(inv.lock_timeout_seconds * 1000));
  GANDER_RETURN_IF_ERROR(ctx->session->Lock(timeout));
  if (inv.no_versioning) return Status::OK();
  // The tracking table is created later, once pre-flight has passed, so that
  // a refused command leaves the database exactly as it was.
  GANDER_RETURN_IF_ERROR(ctx->session->ReadState(&ctx->versions, &ctx->dirty));
  if (refuse_dirty && ctx->dirty) return DirtyRefusal(inv, *ctx->dirty);
  return Status::OK();
}

Status Preflight(const Invocation& inv, const std::vector<MigrationSource>& sources, const Plan& plan,
                 std::vector<ParsedMigration>* parsed) {
  parsed->assign(plan.steps.size(), ParsedMigration());
  EnvLookup env = ProcessEnv();
  std::vector<Status> problems;
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& step = plan.steps[i];
    const MigrationSource& source = sources[step.source];
    Status st = LoadMigration(inv.dir, source, env, &(*parsed)[i]);
    if (st.ok() && step.direction == Direction::kDown && !(*parsed)[i].down) {
      st = Status::Refused("migration " + std::to_string(source.version) +
                           " has no down part (add a `-- +goose Down` section or a .down.sql file)")
               .At(JoinPath(inv.dir, source.file));
    }
    if (!st.ok()) problems.push_back(st);
  }
  if (problems.empty()) return Status::OK();
  if (problems.size() == 1) return problems[0];
  std::string all;
  for (const Status& p : problems) all += (all.empty() ? "" : "; ") + p.ToString();
  return Status::Refused(std::to_string(problems.size()) + " problems, nothing was run: " + all);
}

namespace {

std::string Millis(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fms", seconds * 1000);
  return buf;
}

}  // namespace

Status RunPlan(const Invocation& inv, const Output& out, ChangeContext& ctx, const Plan& plan,
               const std::vector<ParsedMigration>& parsed) {
  VersionStore* store = inv.no_versioning ? nullptr : &ctx.session->store();
  if (store) GANDER_RETURN_IF_ERROR(store->EnsureVersionTable());
  Migrator migrator(&ctx.session->conn(), store);
  nlohmann::json steps = nlohmann::json::array();
  Status failure;
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& step = plan.steps[i];
    const MigrationSource& source = ctx.sources[step.source];
    const ParsedMigration& m = parsed[i];
    const MigrationPart& part = step.direction == Direction::kUp ? m.up : *m.down;
    std::string file = step.direction == Direction::kDown && !source.down_file.empty() ? source.down_file
                                                                                        : source.file;
    StepResult result;
    out.Verbose(std::string(DirectionName(step.direction)) + " " + file + ": " +
                std::to_string(part.statements.size()) + " statements");
    Status st = migrator.Run(step.version, file, step.direction, part, 0, &result);
    steps.push_back({{"version", step.version}, {"file", file}, {"direction", DirectionName(step.direction)},
                     {"statements", result.statements_run}, {"seconds", result.seconds},
                     {"outcome", st.ok() ? "ok" : (result.left_dirty ? "dirty" : "failed")}});
    if (!st.ok()) {
      failure = st;
      break;
    }
    out.Line(std::string(step.direction == Direction::kUp ? "OK   " : "OK   ") + file + " (" +
             Millis(result.seconds) + ")");
  }
  if (out.json()) {
    nlohmann::json result = {{"command", inv.command}, {"version_before", plan.version_before},
                             {"steps", steps}};
    if (failure.ok()) {
      result["version_after"] = plan.version_after;
      out.Json(result);
    }
  }
  return failure;
}

}  // namespace gander
