// up, up-by-one, up-to, down, down-to, redo, reset, resume, force.
#include <cerrno>
#include <cstdlib>

#include "app/migration_files.h"
#include "core/checksum.h"
#include "core/statement_kind.h"
#include "cli/change.h"
#include "cli/commands.h"

namespace gander {
namespace {

Status ParseVersionArg(const Invocation& inv, int64_t* version) {
  if (inv.args.size() != 1) return Status::Invalid("expects one argument, a version number");
  const std::string& text = inv.args[0];
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE || v < 0) {
    return Status::Invalid("not a version number: \"" + text + "\"");
  }
  *version = v;
  return Status::OK();
}

Status NoArgs(const Invocation& inv) {
  if (!inv.args.empty()) return Status::Invalid("unexpected argument \"" + inv.args[0] + "\"");
  return Status::OK();
}

// Migrations to run with -no-versioning: nothing is read from or written to
// the tracking table (goose's behaviour: up runs all, down the newest).
Status PlanWithoutVersioning(const Invocation& inv, const std::vector<MigrationSource>& sources,
                             int64_t target, Plan* plan) {
  *plan = Plan();
  bool up = inv.command.rfind("up", 0) == 0;
  if (up) {
    for (size_t i = 0; i < sources.size(); ++i) {
      if (sources[i].version > target) break;
      plan->steps.push_back({Direction::kUp, i, sources[i].version});
      if (inv.command == "up-by-one") break;
    }
    return Status::OK();
  }
  if (sources.empty()) return Status::Failed("no migrations to roll back");
  size_t count = inv.command == "down" ? static_cast<size_t>(inv.steps) : sources.size();
  for (size_t i = sources.size(); i-- > 0 && plan->steps.size() < count;) {
    if (inv.command == "down-to" && sources[i].version <= target) break;
    plan->steps.push_back({Direction::kDown, i, sources[i].version});
  }
  return Status::OK();
}

int Finish(const Invocation& inv, const Output& out, ChangeContext& ctx, const Plan& plan) {
  if (plan.steps.empty()) {
    if (!inv.dry_run) WriteMetrics(inv, out, ctx, Status::OK());
    out.Line("gander: no migrations to run. current version: " + std::to_string(plan.version_before));
    out.Json({{"command", inv.command}, {"version_before", plan.version_before},
              {"version_after", plan.version_before}, {"steps", nlohmann::json::array()}});
    return 0;
  }
  std::vector<ParsedMigration> parsed;
  // Only now that there is something to write: a replica may show its status.
  Status st = inv.dry_run ? Status::OK() : RefuseReadOnlyServer(ctx.session->conn());
  if (st.ok()) st = Preflight(inv, ctx, plan, &parsed);
  if (st.ok() && inv.dry_run) {
    PrintPlan(inv, out, ctx, plan, parsed);
    return 0;
  }
  if (st.ok()) st = Confirm(inv, out, ctx, plan, parsed);
  bool changing = st.ok();
  if (!changing) WriteMetrics(inv, out, ctx, st);  // refused: a failed run for alerting
  if (st.ok()) st = StartAudit(inv, ctx, plan.version_before);
  if (st.ok()) st = RunPlan(inv, out, ctx, plan, parsed);
  if (changing) FinishAudit(out, ctx, st);
  if (changing) WriteMetrics(inv, out, ctx, st);
  if (!st.ok()) return out.Error(inv.command, st);
  if (inv.no_versioning) {
    out.Line("gander: ran " + std::to_string(plan.steps.size()) + " migration(s) without versioning");
  } else {
    out.Line("gander: successfully migrated database to version: " + std::to_string(plan.version_after));
  }
  return 0;
}

}  // namespace

int CmdUp(const Invocation& inv, const Output& out) {
  UpRequest request;
  request.allow_missing = inv.allow_missing;
  Status st = inv.command == "up-to" ? ParseVersionArg(inv, &request.target) : NoArgs(inv);
  if (!st.ok()) return out.Error(inv.command, st);
  if (inv.command == "up-by-one") request.max_steps = 1;

  ChangeContext ctx;
  st = BeginChange(inv, true, &ctx);
  Plan plan;
  if (st.ok()) {
    st = inv.no_versioning ? PlanWithoutVersioning(inv, ctx.sources, request.target, &plan)
                           : PlanUp(ctx.sources, ctx.versions, request, &plan);
  }
  if (!st.ok()) {
    if (!inv.dry_run) WriteMetrics(inv, out, ctx, st);
    return out.Error(inv.command, st);
  }
  if (inv.command == "up-by-one" && plan.steps.empty() && !inv.no_versioning) {
    // goose reports "no next version" as an error for up-by-one.
    return out.Error(inv.command, Status::Failed("no next migration to apply; current version: " +
                                                 std::to_string(plan.version_before)));
  }
  return Finish(inv, out, ctx, plan);
}

int CmdDown(const Invocation& inv, const Output& out) {
  DownRequest request;
  request.steps = static_cast<size_t>(inv.steps);
  Status st = inv.command == "down-to" ? ParseVersionArg(inv, &request.to_version) : NoArgs(inv);
  if (st.ok() && inv.steps < 1) st = Status::Invalid("--steps must be at least 1");
  if (st.ok() && inv.steps_given && inv.command != "down") st = Status::Invalid("--steps goes with down only");
  if (!st.ok()) return out.Error(inv.command, st);

  ChangeContext ctx;
  st = BeginChange(inv, true, &ctx);
  Plan plan;
  if (st.ok()) {
    if (inv.no_versioning) {
      st = PlanWithoutVersioning(inv, ctx.sources, request.to_version, &plan);
    } else if (inv.command == "reset") {
      st = PlanReset(ctx.sources, ctx.versions, &plan);
    } else if (inv.command == "redo") {
      st = PlanRedo(ctx.sources, ctx.versions, &plan);
    } else {
      st = PlanDown(ctx.sources, ctx.versions, request, &plan);
    }
  }
  if (!st.ok()) {
    if (!inv.dry_run) WriteMetrics(inv, out, ctx, st);
    return out.Error(inv.command, st);
  }
  if (inv.command == "down-to" && plan.steps.empty()) {
    if (!inv.dry_run) WriteMetrics(inv, out, ctx, Status::OK());
    out.Line("gander: already at or below version " + std::to_string(request.to_version) +
             "; nothing to roll back. current version: " + std::to_string(plan.version_before));
    out.Json({{"command", inv.command}, {"version_before", plan.version_before},
              {"version_after", plan.version_before}, {"steps", nlohmann::json::array()}});
    return 0;
  }
  return Finish(inv, out, ctx, plan);
}

// Where `resume` continues. After a crash the statement that was running
// (in flight) may or may not have taken effect: --in-flight done|redo says
// which; otherwise a schema statement is re-run to find out (it fails with
// "already exists"/"does not exist" if it had taken effect), and a data
// statement, which cannot be checked that way, is refused.
Status ResumePoint(const Invocation& inv, const Output& out, Connection& conn, const DirtyState& d,
                   const MigrationPart& part, int* first) {
  *first = d.statements_done;
  if (!d.in_flight || d.statements_done >= d.statements_total) return Status::OK();
  const SqlStatement& stmt = part.statements[d.statements_done];
  std::string which = "statement " + std::to_string(d.statements_done + 1) + " (line " + std::to_string(stmt.line) +
                      ": " + stmt.text.substr(0, stmt.text.find('\n')).substr(0, 60) + ")";
  if (inv.in_flight == "done") {
    *first += 1;
    return Status::OK();
  }
  if (inv.in_flight == "redo") return Status::OK();
  if (!IsSchemaStatement(stmt.text)) {
    return Status::Refused(which + " of migration " + std::to_string(d.version) +
                           " was running when gander stopped, and gander cannot tell whether it took effect; "
                           "check the database, then run `" + CommandPrefix(inv) +
                           " resume --in-flight done` if it did, or `--in-flight redo` if it did not");
  }
  Status rerun = conn.Exec(stmt.text);
  if (rerun.ok()) {
    out.Notice(which + " was running when gander stopped and had not taken effect; it has now run");
  } else if (MeansAlreadyApplied(conn.dialect(), rerun, stmt.text)) {
    out.Notice(which + " was running when gander stopped and had taken effect (re-running it says: " +
               rerun.message() + "); continuing after it");
  } else {
    return Status::Refused(which + " was running when gander stopped; re-running it failed: " + rerun.message() +
                           ". Check the database, then `resume --in-flight done` or `--in-flight redo`");
  }
  *first += 1;
  return Status::OK();
}

// resume: continue a dirty migration from its first statement not done.
// force V: record V as done in the dirty direction without running SQL
// (with --pending: record it as not applied), and clear the dirty marker.
int CmdRecover(const Invocation& inv, const Output& out) {
  if (inv.no_versioning) {
    return out.Error(inv.command, Status::Invalid("works on the tracking table; not with -no-versioning"));
  }
  ChangeContext ctx;
  Status st = BeginChange(inv, false, &ctx);
  if (st.ok()) st = RefuseReadOnlyServer(ctx.session->conn());
  if (!st.ok()) return out.Error(inv.command, st);
  VersionStore& store = ctx.session->store();

  if (inv.command == "resume") {
    if (!ctx.dirty) {
      out.Line("gander: nothing to resume: no migration is dirty");
      out.Json({{"command", "resume"}, {"resumed", nullptr}});
      return 0;
    }
    const DirtyState& d = *ctx.dirty;
    int index = FindSource(ctx.sources, d.version);
    if (index < 0) return out.Error("resume", Status::Refused("the dirty migration's file is missing: " + d.file));
    ParsedMigration m;
    st = LoadMigration(*inv.env, inv.dir, ctx.sources[index], &m);
    if (!st.ok()) return out.Error("resume", st);
    if (d.direction == Direction::kDown && !m.down) {
      return out.Error("resume", Status::Refused("migration " + std::to_string(d.version) + " has no down part"));
    }
    const MigrationPart& part = d.direction == Direction::kUp ? m.up : *m.down;
    if (static_cast<int>(part.statements.size()) != d.statements_total) {
      return out.Error("resume", Status::Refused(
          "the file of migration " + std::to_string(d.version) + " now has " + std::to_string(part.statements.size()) +
          " statements where the failed run had " + std::to_string(d.statements_total) +
          "; resume cannot tell where to continue. Repair by hand, then use force"));
    }
    int first = d.statements_done;
    st = ResumePoint(inv, out, ctx.session->conn(), d, part, &first);
    if (!st.ok()) return out.Error("resume", st);
    Migrator migrator(*inv.env, &ctx.session->conn(), &store);
    StepResult result;
    PartChecksums sums{PartChecksum(m.up), PartChecksum(m.down)};
    st = StartAudit(inv, ctx, ctx.versions.current());
    if (st.ok()) {
      PrepareMigrator(inv, ctx, sums, &migrator);
      st = migrator.Run(d.version, d.file, d.direction, part, first, &result);
      ctx.audit->StepDone(result, sums, st, 0);
    }
    FinishAudit(out, ctx, st);
    if (!st.ok()) return out.Error("resume", st);
    out.Line("OK   " + d.file + " (resumed at statement " + std::to_string(first + 1) + ")");
    out.Json({{"command", "resume"}, {"version", d.version}, {"direction", DirectionName(d.direction)},
              {"from_statement", first + 1}});
    return 0;
  }

  // force V
  int64_t version = 0;
  if (inv.args.size() != 1) return out.Error("force", Status::Invalid("expects one argument, a version number"));
  char* end = nullptr;
  version = std::strtoll(inv.args[0].c_str(), &end, 10);
  if (*end != '\0' || version < 1) return out.Error("force", Status::Invalid("not a version number: " + inv.args[0]));
  if (!inv.yes) {
    return out.Error("force", Status::Refused("force changes the tracking table without running SQL; "
                                              "add --yes to confirm"));
  }
  bool mark_applied = !(ctx.dirty && ctx.dirty->version == version && ctx.dirty->direction == Direction::kDown);
  Connection& conn = ctx.session->conn();
  int index = FindSource(ctx.sources, version);
  std::string file = ctx.dirty && ctx.dirty->version == version ? ctx.dirty->file
                     : index >= 0                               ? ctx.sources[index].file
                                                                : "";
  // A forced version takes its file's checksums as the drift reference, if the file parses.
  PartChecksums sums;
  bool have_sums = false;
  if (mark_applied && index >= 0) {
    ParsedMigration m;
    if (LoadMigration(*inv.env, inv.dir, ctx.sources[index], &m).ok()) {
      sums = {PartChecksum(m.up), PartChecksum(m.down)};
      have_sums = true;
    }
  }
  st = store.EnsureVersionTable();
  if (st.ok()) st = StartAudit(inv, ctx, ctx.versions.current());
  if (st.ok()) st = conn.Begin();
  if (st.ok()) st = conn.Exec(store.RecordSql(Direction::kDown, version));  // one row per version
  if (st.ok() && mark_applied) st = conn.Exec(store.RecordSql(Direction::kUp, version));
  if (st.ok() && ctx.dirty) st = conn.Exec(store.ClearDirtySql());
  if (st.ok()) {
    st = conn.Exec(ctx.audit->ManualEventSql(version, mark_applied ? "up" : "down",
                                             mark_applied ? "forced_applied" : "forced_rolled_back", file,
                                             have_sums ? &sums : nullptr));
  }
  if (st.ok()) st = conn.Commit();
  if (!st.ok()) conn.Rollback();
  FinishAudit(out, ctx, st);
  if (!st.ok()) return out.Error("force", st);
  out.Line("gander: forced version " + std::to_string(version) + " to " +
           (mark_applied ? "applied" : "not applied") + (ctx.dirty ? "; dirty state cleared" : ""));
  out.Json({{"command", "force"}, {"version", version}, {"applied", mark_applied}});
  return 0;
}

// repair: accept the migration files as they are now by re-recording the
// checksums of every applied migration that has a file.
int CmdRepair(const Invocation& inv, const Output& out) {
  if (inv.no_versioning) {
    return out.Error("repair", Status::Invalid("works on the tracking table; not with -no-versioning"));
  }
  ChangeContext ctx;
  Status st = BeginChange(inv, false, &ctx);
  if (st.ok()) st = RefuseReadOnlyServer(ctx.session->conn());
  if (!st.ok()) return out.Error("repair", st);
  if (!inv.yes) {
    return out.Error("repair", Status::Refused("repair replaces the recorded checksums with those of the files as "
                                               "they are now; review `" + CommandPrefix(inv) +
                                               " validate`, then add --yes"));
  }
  std::string sql;
  std::vector<int64_t> repaired;
  std::vector<std::string> files;
  std::vector<PartChecksums> all_sums;
  for (const AppliedVersion& applied : ctx.versions.applied) {
    int index = FindSource(ctx.sources, applied.version);
    if (!st.ok() || index < 0) continue;
    ParsedMigration m;
    st = LoadMigration(*inv.env, inv.dir, ctx.sources[index], &m);
    repaired.push_back(applied.version);
    files.push_back(ctx.sources[index].file);
    all_sums.push_back({PartChecksum(m.up), PartChecksum(m.down)});
  }
  Connection& conn = ctx.session->conn();
  bool changing = st.ok() && !repaired.empty();
  if (changing) st = StartAudit(inv, ctx, ctx.versions.current());
  for (size_t i = 0; changing && st.ok() && i < files.size(); ++i) {
    sql += (sql.empty() ? "" : "; ") +
           ctx.audit->ManualEventSql(repaired[i], "up", "checksum_repaired", files[i], &all_sums[i]);
  }
  if (changing && st.ok()) st = conn.Begin();
  if (changing && st.ok()) st = conn.Exec(sql);
  if (changing && st.ok()) st = conn.Commit();
  if (!st.ok()) conn.Rollback();
  if (changing) FinishAudit(out, ctx, st);
  if (!st.ok()) return out.Error("repair", st);
  out.Line("gander: recorded the checksums of " + std::to_string(repaired.size()) + " applied migration(s)");
  out.Json({{"command", "repair"}, {"versions", repaired}});
  return 0;
}

}  // namespace gander
