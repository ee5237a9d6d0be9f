#include "cli/change.h"

#include <chrono>
#include <cstdio>

#include "app/migration_files.h"
#include "core/checksum.h"
#include "db/dsn.h"

namespace gander {

std::string CommandPrefix(const Invocation& inv) {
  std::string prefix = "gander";
  if (inv.dir != ".") prefix += " -dir " + inv.dir;
  if (inv.table != "goose_db_version") prefix += " -table " + inv.table;
  return prefix + " " + inv.driver + " '" + RedactDsn(inv.dbstring) + "'";
}

Status StartAudit(const Invocation& inv, ChangeContext& ctx, int64_t version_before) {
  if (inv.no_versioning) return Status::OK();
  AuditCommand command;
  command.command = inv.command;
  for (const std::string& arg : inv.argv) command.arguments.push_back(arg == inv.dbstring ? RedactDsn(arg) : arg);
  command.database = RedactDsn(inv.dbstring);
  command.tracking_table = inv.table;
  command.snapshot_dir = inv.snapshot_dir;
  ctx.audit = std::make_unique<AuditRecorder>(*inv.env, ctx.session.get(), command);
  return ctx.audit->Start(version_before).Prepend("starting the audit trail");
}

void FinishAudit(const Output& out, ChangeContext& ctx, const Status& outcome) {
  if (!ctx.audit) return;
  Status st = ctx.audit->Finish(outcome);
  if (!st.ok()) {
    out.Notice("warning: audit snapshot " + std::to_string(ctx.audit->seq()) + " not written: " + st.ToString());
  } else {
    out.Verbose("audit snapshot " + std::to_string(ctx.audit->seq()) + " written");
  }
}

Status DirtyRefusal(const Invocation& inv, const DirtyState& d) {
  std::string what = "migration " + std::to_string(d.version) + " (" + d.file + ") is dirty: its " +
                     DirectionName(d.direction) + " part stopped after " + std::to_string(d.statements_done) +
                     " of " + std::to_string(d.statements_total) + " statements";
  if (d.in_flight) {
    what += "; statement " + std::to_string(d.statements_done + 1) +
            " was running when gander stopped (process killed or connection lost)";
  }
  if (!d.error.empty()) what += " (" + d.error + ")";
  std::string prefix = CommandPrefix(inv);
  return Status::Refused(what + "; fix the cause, then run `" + prefix + " resume` to continue from statement " +
                         std::to_string(d.statements_done + 1) + ", or repair by hand and run `" + prefix +
                         " force " + std::to_string(d.version) + " --yes` to mark it " +
                         (d.direction == Direction::kUp ? "applied" : "rolled back"));
}

Status BeginChange(const Invocation& inv, bool refuse_dirty, ChangeContext* ctx) {
  ctx->metrics.started = inv.env->SteadyNow();
  GANDER_RETURN_IF_ERROR(ListMigrations(*inv.env, inv.dir, &ctx->sources));
  GANDER_RETURN_IF_ERROR(Session::Open(inv.driver, inv.dbstring, inv.table, &ctx->session));
  auto timeout = std::chrono::milliseconds(static_cast<long long>(inv.lock_timeout_seconds * 1000));
  auto lock_start = inv.env->SteadyNow();
  Status locked = ctx->session->Lock(timeout);
  ctx->metrics.lock_wait_seconds = std::chrono::duration<double>(inv.env->SteadyNow() - lock_start).count();
  GANDER_RETURN_IF_ERROR(locked);
  if (inv.statement_timeout_seconds > 0) {
    GANDER_RETURN_IF_ERROR(ctx->session->conn().SetStatementTimeout(
        std::chrono::milliseconds(static_cast<long long>(inv.statement_timeout_seconds * 1000))));
  }
  if (inv.no_versioning) return Status::OK();
  // The tracking table is created later, once pre-flight has passed, so that
  // a refused command leaves the database exactly as it was.
  GANDER_RETURN_IF_ERROR(ctx->session->ReadState(&ctx->versions, &ctx->dirty));
  if (refuse_dirty && ctx->dirty) return DirtyRefusal(inv, *ctx->dirty);
  if (inv.expect_version >= 0 && ctx->versions.current() != inv.expect_version) {
    return Status::Refused("the current version is " + std::to_string(ctx->versions.current()) + ", not " +
                           std::to_string(inv.expect_version) + " as --expect-version requires; nothing was run");
  }
  return Status::OK();
}

Status Preflight(const Invocation& inv, ChangeContext& ctx, const Plan& plan, std::vector<ParsedMigration>* parsed) {
  const std::vector<MigrationSource>& sources = ctx.sources;
  parsed->assign(plan.steps.size(), ParsedMigration());
  // Read once here: drift checks need them, and RunPlan adopts what is missing.
  if (!inv.no_versioning) GANDER_RETURN_IF_ERROR(ctx.session->store().ReadChecksums(&ctx.checksums));
  std::vector<Status> problems;
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& step = plan.steps[i];
    const MigrationSource& source = sources[step.source];
    Status st = LoadMigration(*inv.env, inv.dir, source, &(*parsed)[i]);
    if (st.ok() && step.direction == Direction::kDown && !(*parsed)[i].down) {
      st = Status::Refused("migration " + std::to_string(source.version) +
                           " has no down part (add a `-- +goose Down` section or a .down.sql file)")
               .At(JoinPath(inv.dir, source.file));
    }
    auto recorded = ctx.checksums.find(source.version);
    if (st.ok() && step.direction == Direction::kDown && !inv.allow_drift && recorded != ctx.checksums.end()) {
      const ParsedMigration& m = (*parsed)[i];
      std::string changed = PartChecksum(m.up) != recorded->second.up       ? "up"
                            : PartChecksum(m.down) != recorded->second.down ? "down"
                                                                             : "";
      if (!changed.empty()) {
        st = Status::Refused("migration " + std::to_string(source.version) + " changed since it was applied (its " +
                             changed + " part differs from the recorded checksum); review the file, then roll back "
                             "with --allow-drift, or accept the files as they are with `repair`")
                 .At(JoinPath(inv.dir, source.file));
      }
    }
    if (!st.ok()) problems.push_back(st);
  }
  if (problems.empty()) return Status::OK();
  if (problems.size() == 1) return problems[0];
  std::string all;
  bool bad_input = false;  // a malformed file outranks a safety refusal: exit 2
  for (const Status& p : problems) {
    all += (all.empty() ? "" : "; ") + p.ToString();
    bad_input = bad_input || p.code() == StatusCode::kInvalid;
  }
  std::string message = std::to_string(problems.size()) + " problems, nothing was run: " + all;
  return bad_input ? Status::Invalid(message) : Status::Refused(message);
}

namespace {

const MigrationPart& PartOf(const PlanStep& step, const ParsedMigration& m) {
  return step.direction == Direction::kUp ? m.up : *m.down;
}

std::string StepFile(const PlanStep& step, const MigrationSource& source) {
  return step.direction == Direction::kDown && !source.down_file.empty() ? source.down_file : source.file;
}

std::string Millis(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fms", seconds * 1000);
  return buf;
}

// "gander: 6 migrations in 61.2ms, slowest 00002_create_orders.sql (19.8ms)".
std::string RunSummary(const Plan& plan, const nlohmann::json& steps) {
  double total = 0, slowest = -1;
  std::string slowest_file;
  for (const auto& step : steps) {
    double seconds = step["seconds"].get<double>();
    total += seconds;
    if (seconds > slowest) {
      slowest = seconds;
      slowest_file = step["file"].get<std::string>();
    }
  }
  return "gander: " + std::to_string(plan.steps.size()) + " migrations in " + Millis(total) + ", slowest " +
         slowest_file + " (" + Millis(slowest) + ")";
}

}  // namespace

void WriteMetrics(const Invocation& inv, const Output& out, ChangeContext& ctx, const Status& outcome) {
  if (inv.metrics_file.empty()) return;
  RunMetrics& m = ctx.metrics;
  m.command = inv.command;
  m.engine = inv.driver;
  Dsn dsn;
  if (inv.driver == "postgres" && ParsePostgresDsn(inv.dbstring, &dsn).ok()) {
    m.database = dsn.database;
  } else if (inv.driver == "mysql" && ParseMysqlDsn(inv.dbstring, &dsn).ok()) {
    m.database = dsn.database;
  } else {
    m.database = inv.dbstring.substr(0, inv.dbstring.find('?'));  // a SQLite file: no secrets
  }
  m.success = outcome.ok();
  m.run_seconds = std::chrono::duration<double>(inv.env->SteadyNow() - m.started).count();
  m.finished_at = std::chrono::duration<double>(inv.env->WallNow().time_since_epoch()).count();
  std::string previous;
  if (m.success) {
    m.last_success = m.finished_at;
  } else if (inv.env->ReadFile(inv.metrics_file, &previous).ok()) {
    m.last_success = LastSuccessFrom(previous);
  }
  Status st = inv.env->WriteFileAtomically(inv.metrics_file, PrometheusText(m), 0644);
  if (!st.ok()) out.Notice("warning: metrics file not written: " + st.ToString());
}

void PrintPlan(const Invocation& inv, const Output& out, const ChangeContext& ctx, const Plan& plan,
               const std::vector<ParsedMigration>& parsed) {
  nlohmann::json steps = nlohmann::json::array();
  out.Line("-- gander plan: " + inv.command + ", version " + std::to_string(plan.version_before) + " -> " +
           std::to_string(plan.version_after) + ", " + std::to_string(plan.steps.size()) + " migration(s)" +
           (inv.atomic ? ", all in one transaction" : ""));
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& step = plan.steps[i];
    const MigrationPart& part = PartOf(step, parsed[i]);
    std::string file = StepFile(step, ctx.sources[step.source]);
    out.Line("");
    out.Line("-- " + std::string(DirectionName(step.direction)) + " " + std::to_string(step.version) + " " + file +
             (part.use_tx ? "" : " (NO TRANSACTION)"));
    nlohmann::json statements = nlohmann::json::array();
    for (const SqlStatement& stmt : part.statements) {
      out.Line(stmt.text);
      statements.push_back(stmt.text);
    }
    steps.push_back({{"direction", DirectionName(step.direction)}, {"version", step.version}, {"file", file},
                     {"transaction", part.use_tx}, {"statements", statements}});
  }
  out.Json({{"command", inv.command}, {"dry_run", true}, {"version_before", plan.version_before},
            {"version_after", plan.version_after}, {"steps", steps}});
}

Status Confirm(const Invocation& inv, const Output& out, const ChangeContext& ctx, const Plan& plan,
               const std::vector<ParsedMigration>& parsed) {
  bool multi_step = inv.command == "down-to" || inv.command == "reset" || (inv.command == "down" && inv.steps > 1);
  if (!multi_step || inv.yes || plan.steps.empty()) return Status::OK();
  std::string again = CommandPrefix(inv) + " " + inv.command;
  for (const std::string& a : inv.args) again += " " + a;
  if (inv.command == "down") again += " --steps " + std::to_string(inv.steps);
  again += " --yes";
  if (!inv.interactive || out.json()) {
    return Status::Refused("rolling back " + std::to_string(plan.steps.size()) +
                           " migrations needs confirmation; review `" + CommandPrefix(inv) + " plan " + inv.command +
                           "...`, then run `" + again + "`");
  }
  Output to_terminal(false, false, stderr, stderr);
  PrintPlan(inv, to_terminal, ctx, plan, parsed);
  return AskYes("\nRoll back " + std::to_string(plan.steps.size()) + " migration(s), version " +
                std::to_string(plan.version_before) + " -> " + std::to_string(plan.version_after) + "?");
}

Status AskYes(const std::string& question) {
  const char* gap = !question.empty() && question.back() == '\n' ? "" : " ";
  std::fprintf(stderr, "%s%sType yes to go ahead: ", question.c_str(), gap);
  char answer[16] = {0};
  if (std::fgets(answer, sizeof answer, stdin) == nullptr || std::string(answer).rfind("yes", 0) != 0) {
    return Status::Refused("not confirmed; nothing was run");
  }
  return Status::OK();
}

Status AdoptChecksums(const Invocation& inv, const Output& out, ChangeContext& ctx) {
  if (!ctx.audit) return Status::OK();
  std::string sql;
  int adopted = 0;
  for (const AppliedVersion& applied : ctx.versions.applied) {
    int index = FindSource(ctx.sources, applied.version);
    if (index < 0 || ctx.checksums.count(applied.version)) continue;
    ParsedMigration m;
    if (!LoadMigration(*inv.env, inv.dir, ctx.sources[index], &m).ok()) continue;  // reported when it is needed
    PartChecksums sums{PartChecksum(m.up), PartChecksum(m.down)};
    // The tracking row exists already: an event records the checksums.
    sql += (sql.empty() ? "" : "; ") +
           ctx.audit->ManualEventSql(applied.version, "up", "checksum_adopted", ctx.sources[index].file, &sums);
    ctx.checksums[applied.version] = sums;
    ++adopted;
  }
  if (adopted == 0) return Status::OK();
  GANDER_RETURN_IF_ERROR(ctx.session->conn().Exec(sql));
  out.Notice("recorded checksums of " + std::to_string(adopted) +
             " applied migration(s) that had none (applied by goose or an older gander); later edits to them will be "
             "reported as drift");
  return Status::OK();
}

void PrepareMigrator(const Invocation& inv, ChangeContext& ctx, const PartChecksums& sums, Migrator* migrator) {
  migrator->set_timeouts(std::chrono::milliseconds(static_cast<long long>(inv.migration_timeout_seconds * 1000)),
                         std::chrono::milliseconds(static_cast<long long>(inv.statement_timeout_seconds * 1000)));
  if (!ctx.audit) return;
  AuditRecorder* audit = ctx.audit.get();
  migrator->set_record_hook([audit, sums](const StepResult& r) { return audit->StepEventSql(r, sums); });
}

namespace {

// One migration under the retry state machine (core/retry.h). Each state
// change is shown with -v; a lost connection is re-opened and re-locked.
Status RunWithRetries(const Invocation& inv, const Output& out, ChangeContext& ctx, const PlanStep& step,
                      const std::string& file, const MigrationPart& part, const PartChecksums& sums, int* retries,
                      StepResult* result, nlohmann::json* states) {
  auto lock_timeout = std::chrono::milliseconds(static_cast<long long>(inv.lock_timeout_seconds * 1000));
  std::string name = "migration " + std::to_string(step.version) + " " + DirectionName(step.direction);
  auto enter = [&](AttemptState state, const std::string& detail) {
    out.Verbose(name + ": " + AttemptStateName(state) + detail);
    states->push_back(AttemptStateName(state));
  };
  enter(AttemptState::kPending, "");
  while (true) {
    enter(AttemptState::kExecuting, " (attempt " + std::to_string(*retries + 1) + ")");
    VersionStore* store = inv.no_versioning ? nullptr : &ctx.session->store();
    Migrator migrator(*inv.env, &ctx.session->conn(), store);
    PrepareMigrator(inv, ctx, sums, &migrator);
    Status st = migrator.Run(step.version, file, step.direction, part, 0, result);
    AttemptState next = NextState(inv.retry, *retries, st, !result->left_dirty);
    if (next != AttemptState::kRetrying) {
      enter(next, "");
      return st;
    }
    // Wait, and while the connection is lost (a server restarting), keep
    // re-opening it under the same retry budget.
    Status cause = st;
    while (true) {
      ++*retries;
      enter(AttemptState::kRetrying, "");
      auto delay = RetryDelay(inv.retry, *retries, inv.env->RandomUnit());
      out.Notice(name + ": transient failure, retry " + std::to_string(*retries) + " of " +
                 std::to_string(inv.retry.max_retries) + " in " + std::to_string(delay.count()) +
                 " ms: " + cause.message());
      inv.env->SleepFor(delay);
      if (ctx.session->Alive()) break;
      cause = ctx.session->Reconnect(lock_timeout);
      if (cause.ok()) {
        if (inv.statement_timeout_seconds > 0) {
          GANDER_RETURN_IF_ERROR(ctx.session->conn().SetStatementTimeout(
              std::chrono::milliseconds(static_cast<long long>(inv.statement_timeout_seconds * 1000))));
        }
        break;
      }
      if (NextState(inv.retry, *retries, cause, true) != AttemptState::kRetrying) {
        enter(AttemptState::kFailed, "");
        return cause.Prepend(name + ": reconnecting after a lost connection");
      }
    }
  }
}

}  // namespace

Status RunPlan(const Invocation& inv, const Output& out, ChangeContext& ctx, const Plan& plan,
               const std::vector<ParsedMigration>& parsed) {
  Connection& conn = ctx.session->conn();
  VersionStore* store = inv.no_versioning ? nullptr : &ctx.session->store();
  if (inv.atomic) {
    if (!conn.dialect().transactional_ddl()) {
      return Status::Refused(std::string("--atomic needs transactional DDL; ") + conn.dialect().name() +
                             " commits DDL implicitly, so a batch cannot be rolled back as one");
    }
    for (size_t i = 0; i < plan.steps.size(); ++i) {
      if (!PartOf(plan.steps[i], parsed[i]).use_tx) {
        return Status::Refused("--atomic cannot include a NO TRANSACTION migration")
            .At(JoinPath(inv.dir, StepFile(plan.steps[i], ctx.sources[plan.steps[i].source])));
      }
    }
  }
  if (store) {
    GANDER_RETURN_IF_ERROR(store->EnsureVersionTable());
    GANDER_RETURN_IF_ERROR(AdoptChecksums(inv, out, ctx));
  }
  Migrator migrator(*inv.env, &conn, store);  // --atomic batches only; others get one per attempt
  nlohmann::json steps = nlohmann::json::array();
  std::vector<std::string> done_lines;
  Status failure;
  StepResult failed_result;
  PartChecksums failed_sums;
  if (inv.atomic) GANDER_RETURN_IF_ERROR(conn.Begin());
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& step = plan.steps[i];
    const MigrationPart& part = PartOf(step, parsed[i]);
    std::string file = StepFile(step, ctx.sources[step.source]);
    StepResult result;
    PartChecksums sums{PartChecksum(parsed[i].up), PartChecksum(parsed[i].down)};
    out.Verbose(std::string(DirectionName(step.direction)) + " " + file + ": " +
                std::to_string(part.statements.size()) + " statements");
    Status st;
    int retries = 0;
    nlohmann::json states = nlohmann::json::array();
    if (inv.atomic) {
      PrepareMigrator(inv, ctx, sums, &migrator);
      st = migrator.RunInOpenTransaction(step.version, file, step.direction, part, &result);
    } else {
      st = RunWithRetries(inv, out, ctx, step, file, part, sums, &retries, &result, &states);
    }
    // An --atomic batch's events are only final once the batch ends.
    if (ctx.audit && !inv.atomic) {
      ctx.audit->StepDone(result, sums, st, retries);
    }
    ctx.metrics.retries += retries;
    if (result.statements_run > 0 || !st.ok()) ctx.metrics.durations.push_back(result.seconds);
    if (!st.ok()) {
      ++ctx.metrics.failed;
    } else if (!inv.atomic) {
      ++(step.direction == Direction::kUp ? ctx.metrics.applied : ctx.metrics.rolled_back);
    }
    steps.push_back({{"version", step.version}, {"file", file}, {"direction", DirectionName(step.direction)},
                     {"statements", result.statements_run}, {"seconds", result.seconds}, {"retries", retries}, {"states", states},
                     {"outcome", st.ok() ? "ok" : (result.left_dirty ? "dirty" : "failed")}});
    if (!st.ok()) {
      failure = st;
      failed_result = result;
      failed_sums = sums;
      break;
    }
    std::string line = out.Paint("OK", Output::Color::kGreen) + "   " + file + " (" + Millis(result.seconds) + ")";
    if (inv.atomic) {
      done_lines.push_back(line);  // printed once the batch commits
    } else {
      out.Line(line);
    }
  }
  if (inv.atomic) {
    if (failure.ok()) failure = conn.Commit();
    if (!failure.ok()) {
      conn.Rollback();
      failure.Prepend("--atomic batch rolled back, nothing was applied");
      if (ctx.audit) ctx.audit->StepDone(failed_result, failed_sums, failure, 0);
    } else {
      if (ctx.audit) ctx.audit->CommitBatch();
      for (const std::string& line : done_lines) out.Line(line);
      for (const PlanStep& step : plan.steps) {
        ++(step.direction == Direction::kUp ? ctx.metrics.applied : ctx.metrics.rolled_back);
      }
    }
  }
  if (failure.ok()) {
    out.Json({{"command", inv.command}, {"version_before", plan.version_before},
              {"version_after", plan.version_after}, {"steps", steps}});
    if (plan.steps.size() > 1) out.Line(RunSummary(plan, steps));
  }
  return failure;
}

}  // namespace gander
