// up, up-by-one, up-to, down, down-to, redo, reset, resume, force, repair:
// arguments into a request for the engine (app/engine.h, app/recovery.h),
// its outcome rendered.
#include "app/engine.h"
#include "app/recovery.h"
#include "cli/change.h"
#include "cli/commands.h"
#include "core/version_arg.h"

namespace gander {
namespace {

Status ParseVersionArg(const ChangeRequest& req, int64_t* version) {
  if (req.args.size() != 1) return Status::Invalid("expects one argument, a version number");
  return ParseVersionArgument(req.args[0], version);
}

// force V is meant for the version a failed run left dirty, or one whose
// file was applied by hand. Two other uses silently rewrite what gander
// knows, so they take --allow-unsafe-force, with the consequence spelled out.
Status RefuseUnsafeForce(const ChangeContext& ctx, int64_t version) {
  std::string v = std::to_string(version);
  const char* override_hint = "; add --allow-unsafe-force to do it anyway";
  if (ctx.dirty && ctx.dirty->version != version) {
    return Status::Refused("version " + std::to_string(ctx.dirty->version) + " is dirty, not " + v + ": forcing " + v +
                           " would clear " + std::to_string(ctx.dirty->version) + "'s dirty marker and lose the "
                           "record of what it left half done" + override_hint);
  }
  if (ctx.dirty) return Status::OK();  // the intended use
  if (FindSource(ctx.sources, version) < 0) {
    return Status::Refused("no migration file in " + ctx.options.dir + " has version " + v + ": forcing it records "
                           "a version no file describes (up never runs it, down cannot roll it back)" + override_hint);
  }
  if (ctx.versions.IsApplied(version)) {
    int64_t current = ctx.versions.current();
    std::string consequence = current == version
                                  ? "replaces its tracking row, losing when it was applied"
                                  : "replaces its tracking row and makes it the newest, so the next down rolls back " +
                                        v + " instead of " + std::to_string(current) + " (the current version)";
    return Status::Refused("version " + v + " is already applied: forcing it again " + consequence + override_hint);
  }
  return Status::OK();
}

// What an error is reported as: `plan up: ...` for a dry run, as it was asked.
std::string ErrorLabel(const ChangeRequest& req) { return req.dry_run ? "plan " + req.command : req.command; }

Status NoArgs(const ChangeRequest& req) {
  if (!req.args.empty()) return Status::Invalid("unexpected argument \"" + req.args[0] + "\"");
  return Status::OK();
}

void PrintNothingToDo(const ChangeRequest& req, const Output& out, const Plan& plan, const std::string& line) {
  out.Line(line);
  out.Json({{"command", req.command}, {"version_before", plan.version_before},
            {"version_after", plan.version_before}, {"steps", nlohmann::json::array()}});
}

// A migration that could not run atomically and failed part-way left the
// database dirty: say so at once, with the recovery commands, rather than
// on the next command.
void SayIfDirty(const ChangeRequest& req, const Output& out, CliChange& change) {
  bool dirty_step = false;
  for (const StepReport& r : change.reporter.steps()) dirty_step = dirty_step || r.outcome == StepOutcome::kDirty;
  if (!dirty_step || !change.ctx.session) return;
  DbVersions versions;
  std::optional<DirtyState> dirty;
  if (!change.ctx.session->ReadState(&versions, &dirty).ok() || !dirty) return;
  out.Notice("the database is now dirty, nothing was rolled back: " + DirtyRefusal(req.engine.command_prefix, *dirty).message());
}

// Pre-flight, the plan (dry run) or the confirmation, then the run.
int Finish(const ChangeRequest& req, const Output& out, CliChange& change, const Plan& plan) {
  ChangeContext& ctx = change.ctx;
  if (plan.steps.empty()) {
    if (!req.dry_run) WriteMetrics(req, out, ctx, Status::OK());
    PrintNothingToDo(req, out, plan,
                     "gander: no migrations to run. current version: " + std::to_string(plan.version_before));
    return 0;
  }
  std::vector<ParsedMigration> parsed;
  Status st = PrepareRun(ctx, plan, req.dry_run, &parsed);
  if (st.ok() && req.dry_run) {
    PrintPlan(req, out, ctx, plan, parsed);
    return 0;
  }
  if (st.ok()) st = Confirm(req, out, ctx, plan, parsed);
  bool changing = st.ok();
  if (!changing) WriteMetrics(req, out, ctx, st);  // refused: a failed run for alerting
  if (changing) st = RunChange(ctx, plan, parsed);
  if (changing) WriteMetrics(req, out, ctx, st);
  if (!st.ok()) {
    int code = out.Error(ErrorLabel(req), st);
    SayIfDirty(req, out, change);
    return code;
  }
  // (The --json result and the summary came with the reporter's PlanApplied.)
  if (req.engine.no_versioning) {
    out.Line("gander: ran " + std::to_string(plan.steps.size()) + " migration(s) without versioning");
  } else {
    out.Line("gander: successfully migrated database to version: " + std::to_string(plan.version_after));
  }
  return 0;
}

// Plans the command, then Finish; a planning failure is a failed run.
int PlanAndFinish(const ChangeRequest& req, const Output& out, const PlanRequest& request) {
  CliChange change(req, out);
  Status st = ReadProjectEngineOptions(req.project_file, &change.ctx.options);
  Plan plan;
  if (st.ok()) st = BeginPlannedChange(change.ctx, request, &plan);
  if (!st.ok()) {
    if (!req.dry_run) WriteMetrics(req, out, change.ctx, st);
    return out.Error(ErrorLabel(req), st);
  }
  st = RefuseEmptyPlan(change.ctx, request, plan);
  if (!st.ok()) return out.Error(ErrorLabel(req), st);
  if (request.kind == PlanKind::kDownTo && plan.steps.empty()) {
    if (!req.dry_run) WriteMetrics(req, out, change.ctx, Status::OK());
    PrintNothingToDo(req, out, plan,
                     "gander: already at or below version " + std::to_string(request.target) +
                         "; nothing to roll back. current version: " + std::to_string(plan.version_before));
    return 0;
  }
  return Finish(req, out, change, plan);
}

int RunUp(const ChangeRequest& req, const Output& out) {
  PlanRequest request;
  request.kind = req.command == "up-to" ? PlanKind::kUpTo : req.command == "up-by-one" ? PlanKind::kUpByOne : PlanKind::kUp;
  request.target = kLatest;
  request.allow_missing = req.allow_missing;
  Status st = request.kind == PlanKind::kUpTo ? ParseVersionArg(req, &request.target) : NoArgs(req);
  if (!st.ok()) return out.Error(ErrorLabel(req), st);
  return PlanAndFinish(req, out, request);
}

int RunDown(const ChangeRequest& req, const Output& out) {
  PlanRequest request;
  request.kind = req.command == "down-to" ? PlanKind::kDownTo
                 : req.command == "reset" ? PlanKind::kReset
                 : req.command == "redo"  ? PlanKind::kRedo
                                          : PlanKind::kDown;
  request.steps = static_cast<size_t>(req.steps);
  Status st = request.kind == PlanKind::kDownTo ? ParseVersionArg(req, &request.target) : NoArgs(req);
  if (st.ok() && req.steps < 1) st = Status::Invalid("--steps must be at least 1");
  if (st.ok() && req.steps_given && req.command != "down") st = Status::Invalid("--steps goes with down only");
  if (!st.ok()) return out.Error(ErrorLabel(req), st);
  return PlanAndFinish(req, out, request);
}

// resume: continue a dirty migration from its first statement not done.
// force V: record V as done in the dirty direction without running SQL, and
// clear the dirty marker.
int RunRecover(const ChangeRequest& req, const Output& out) {
  if (req.engine.no_versioning) {
    return out.Error(req.command, Status::Invalid("works on the tracking table; not with -no-versioning"));
  }
  // force V: the argument is checked before the database is opened.
  int64_t version = 0;
  if (req.command == "force") {
    Status parsed = ParseVersionArg(req, &version);
    if (parsed.ok() && version < 1) {
      parsed = Status::Invalid("force needs a version of 1 or more (version 0 is the tracking table's own row)");
    }
    if (!parsed.ok()) return out.Error("force", parsed);
  }
  CliChange change(req, out);
  ChangeContext& ctx = change.ctx;
  Status st = BeginChange(ctx, DirtyPolicy::kAllow);
  if (st.ok()) st = RefuseReadOnly(ctx);
  if (!st.ok()) return out.Error(req.command, st);

  if (req.command == "resume") {
    ResumeResult resumed;
    st = Resume(ctx, &resumed);
    if (!st.ok()) return out.Error("resume", st);
    if (!resumed.resumed) {
      out.Line("gander: nothing to resume: no migration is dirty");
      out.Json({{"command", "resume"}, {"resumed", nullptr}});
      return 0;
    }
    const DirtyState& d = resumed.dirty;
    out.Line("OK   " + d.file + " (resumed at statement " + std::to_string(resumed.first + 1) + ")");
    out.Json({{"command", "resume"}, {"version", d.version}, {"direction", DirectionName(d.direction)},
              {"from_statement", resumed.first + 1}});
    return 0;
  }

  // force V
  if (!req.allow_unsafe_force) st = RefuseUnsafeForce(ctx, version);
  if (!st.ok()) return out.Error("force", st);
  if (req.needs_yes && !req.yes) {
    return out.Error("force", Status::Refused("force changes the tracking table without running SQL; "
                                              "add --yes to confirm"));
  }
  bool applied = false;
  st = Force(ctx, version, &applied);
  if (!st.ok()) return out.Error("force", st);
  out.Line("gander: forced version " + std::to_string(version) + " to " + (applied ? "applied" : "not applied") +
           (ctx.dirty ? "; dirty state cleared" : ""));
  out.Json({{"command", "force"}, {"version", version}, {"applied", applied}});
  return 0;
}

// repair: accept the migration files as they are now by re-recording the
// checksums of every applied migration that has a file.
int RunRepair(const ChangeRequest& req, const Output& out) {
  if (req.engine.no_versioning) {
    return out.Error("repair", Status::Invalid("works on the tracking table; not with -no-versioning"));
  }
  CliChange change(req, out);
  Status st = BeginChange(change.ctx, DirtyPolicy::kAllow);
  if (st.ok()) st = RefuseReadOnly(change.ctx);
  if (!st.ok()) return out.Error("repair", st);
  if (req.needs_yes && !req.yes) {
    return out.Error("repair", Status::Refused("repair replaces the recorded checksums with those of the files as "
                                               "they are now; review `" + req.engine.command_prefix +
                                               " validate`, then add --yes"));
  }
  std::vector<int64_t> repaired;
  st = Repair(change.ctx, &repaired);
  if (!st.ok()) return out.Error("repair", st);
  out.Line("gander: recorded the checksums of " + std::to_string(repaired.size()) + " applied migration(s)");
  out.Json({{"command", "repair"}, {"versions", repaired}});
  return 0;
}

}  // namespace

// The entry points of command_table.cc: the request is built once, here.
int CmdUp(const Invocation& inv, const Output& out) { return RunUp(ChangeRequest::From(inv), out); }
int CmdDown(const Invocation& inv, const Output& out) { return RunDown(ChangeRequest::From(inv), out); }
int CmdRecover(const Invocation& inv, const Output& out) { return RunRecover(ChangeRequest::From(inv), out); }
int CmdRepair(const Invocation& inv, const Output& out) { return RunRepair(ChangeRequest::From(inv), out); }

}  // namespace gander
