#include "cli/change.h"

#include <sys/stat.h>

#include <cctype>
#include <cerrno>
#include <cstdio>

#include "app/adopt.h"
#include "app/metrics_file.h"
#include "app/preflight.h"
#include "app/snapshot_files.h"
#include "app/stop_signals.h"
#include "cli/project_file.h"
#include "core/lint/config.h"
#include "cli/command_table.h"
#include "db/dsn.h"
#include "db/engine_registry.h"

namespace gander {

std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string FlagsPrefix(const Invocation& inv) {
  std::string prefix = "gander";
  if (inv.dir != ".") prefix += " -dir " + inv.dir;
  if (inv.table != "goose_db_version") prefix += " -table " + inv.table;
  return prefix;
}

std::string CommandPrefix(const Invocation& inv) {
  std::string prefix = FlagsPrefix(inv);
  auto it = inv.settings.find("dbstring");
  bool on_command_line = it == inv.settings.end() || it->second.source == "flag";
  if (!on_command_line || inv.driver.empty()) return prefix;
  // A redacted password would fail authentication; the password itself must never be printed.
  if (RedactDsn(inv.dbstring) != inv.dbstring) return prefix + " " + inv.driver + " \"$GANDER_DBSTRING\"";
  return prefix + " " + inv.driver + " " + ShellQuote(inv.dbstring);
}

namespace {

std::chrono::milliseconds Millis(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

}  // namespace

EngineOptions EngineOptionsFrom(const Invocation& inv) {
  EngineOptions o;
  o.dir = inv.dir;
  o.table = inv.table;
  o.adopt_table = inv.adopt_table;
  o.command_prefix = CommandPrefix(inv);
  // What may run, and what it must find.
  o.no_versioning = inv.no_versioning;
  o.allow_drift = inv.allow_drift;
  o.atomic = inv.atomic;
  o.lint = !inv.no_lint;
  o.allow_no_down = inv.allow_no_down;
  o.expect_version = inv.expect_version;
  o.in_flight = inv.in_flight == "done" ? InFlight::kDone : inv.in_flight == "redo" ? InFlight::kRedo : InFlight::kCheck;
  o.retry = inv.retry;
  // The flags' seconds as the engine's milliseconds.
  o.lock_timeout = Millis(inv.lock_timeout_seconds);
  o.statement_timeout = Millis(inv.statement_timeout_seconds);
  o.migration_timeout = Millis(inv.migration_timeout_seconds);
  // The audit trail's record of the command, the DSN's password redacted.
  o.audit.command = inv.command;
  for (const std::string& arg : inv.argv) o.audit.arguments.push_back(arg == inv.dbstring ? RedactDsn(arg) : arg);
  o.audit.database = RedactDsn(inv.dbstring);
  o.audit.tracking_table = inv.table;
  o.audit.snapshot_dir = inv.snapshot_dir;
  o.audit.unused_snapshot_dir = UnusedDefaultSnapshotFolder(*inv.env, inv.dir, inv.snapshot_dir);
  return o;
}

ChangeRequest ChangeRequest::From(const Invocation& inv) {
  ChangeRequest r;
  r.env = inv.env;
  r.command = inv.command;
  r.args = inv.args;
  r.driver = inv.driver;
  r.dbstring = inv.dbstring;
  r.engine = EngineOptionsFrom(inv);
  r.project_file = inv.project_file;
  r.metrics_file = inv.metrics_file;
  r.dry_run = inv.dry_run;
  r.yes = inv.yes;
  const CommandInfo* command = FindCommand(inv.command);
  r.needs_yes = command != nullptr && command->Has(kNeedsYes);
  r.interactive = inv.interactive;
  r.allow_missing = inv.allow_missing;
  r.steps = inv.steps;
  r.steps_given = inv.steps_given;
  r.allow_unsafe_force = inv.allow_unsafe_force;
  r.verify = VerifyOptions{inv.verify_data, inv.verify_base, inv.allow_nonempty};
  return r;
}

namespace {

// A dry run only reads. On a SQLite file that does not exist yet (the
// quickstart's `gander plan` before the first `up`) it plans for an empty
// database, read from an empty in-memory one: the file is not created.
ConnectionFactory ConnectionsFor(const ChangeRequest& req, const Output& out) {
  // --statement-timeout / --migration-timeout enforced on the client too (+5 s): a server or
  // network that stops answering ends the request instead of hanging the run.
  if (!req.dry_run) {
    return DriverConnections(req.driver, req.dbstring,
                             ClientDeadlinesFor(req.engine.statement_timeout, req.engine.migration_timeout));
  }
  struct stat info;
  const std::string& path = req.dbstring;
  if (req.driver == "sqlite3" && path != ":memory:" && path.rfind("file:", 0) != 0 &&
      stat(path.c_str(), &info) != 0 && errno == ENOENT) {
    out.Notice("SQLite database " + path + " does not exist yet; this is the plan for an empty database (up creates it)");
    return ReadOnlyConnections(req.driver, ":memory:");
  }
  return ReadOnlyConnections(req.driver, req.dbstring);
}

}  // namespace

Status ReadLintConfig(const std::string& project_file, lint::LintConfig* config) {
  nlohmann::json json;
  std::string used;
  GANDER_RETURN_IF_ERROR(ReadProjectLint(project_file, &json, &used));
  if (json.is_null()) return Status::OK();
  return lint::ParseLintConfig(json, used, config);
}

Status ReadProjectEngineOptions(const std::string& project_file, EngineOptions* options) {
  GANDER_RETURN_IF_ERROR(ReadLintConfig(project_file, &options->lint_config));
  nlohmann::json no_down;
  std::string used;
  GANDER_RETURN_IF_ERROR(ReadProjectKey(project_file, "no_down", &no_down, &used));
  if (no_down.is_null()) return Status::OK();
  if (no_down != "refuse" && no_down != "skip") {
    return Status::Invalid("setting \"no_down\" must be \"refuse\" or \"skip\"").At(used);
  }
  if (no_down == "skip") options->allow_no_down = true;
  return Status::OK();
}

CliChange::CliChange(const ChangeRequest& req, const Output& out)
    : reporter(out, req.command), ctx(*req.env, reporter, ConnectionsFor(req, out), req.engine) {
  // From here on SIGTERM / SIGINT stop the change at a safe point (app/stop_signals.h).
  InstallStopHandlers();
}

void WriteMetrics(const ChangeRequest& req, const Output& out, const ChangeContext& ctx, const Status& outcome) {
  if (req.metrics_file.empty()) return;
  RunMetrics m = ctx.metrics;
  m.command = req.command;
  m.engine = req.driver;
  m.database = DatabaseNameForDisplay(req.driver, req.dbstring);  // never a secret, even for a DSN that does not parse
  Status st = WriteRunMetrics(*req.env, req.metrics_file, m, outcome);
  if (!st.ok()) out.Notice("warning: metrics file not written: " + st.ToString());
}

void PrintPlan(const ChangeRequest& req, const Output& out, const ChangeContext& ctx, const Plan& plan,
               const std::vector<ParsedMigration>& parsed) {
  nlohmann::json steps = nlohmann::json::array();
  out.Line("-- gander plan: " + req.command + ", version " + std::to_string(plan.version_before) + " -> " +
           std::to_string(plan.version_after) + ", " + std::to_string(plan.steps.size()) + " migration(s)" +
           (req.engine.atomic ? ", all in one transaction" : ""));
  if (ctx.adoption) {
    out.Line("-- first records version(s) " + VersionList(ctx.adoption->versions) + " as applied in " + req.engine.table +
             ", taken over from " + DescribeAdoption(*ctx.adoption));
  }
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& step = plan.steps[i];
    const MigrationPart& part = PartOf(step, parsed[i]);
    std::string file = StepFile(step, ctx.sources[step.source]);
    out.Line("");
    bool without_down = step.direction == Direction::kDown && ctx.without_down.count(step.version) > 0;
    out.Line("-- " + std::string(DirectionName(step.direction)) + " " + std::to_string(step.version) + " " + file +
             (part.use_tx                      ? ""
              : part.outside_tx_reason.empty() ? " (NO TRANSACTION)"
                                               : " (outside a transaction, as golang-migrate runs it: " +
                                                     part.outside_tx_reason + ")") +
             (without_down ? ": " + WithoutDownNote(parsed[i]) : ""));
    nlohmann::json statements = nlohmann::json::array();
    for (const SqlStatement& stmt : part.statements) {
      out.Line(stmt.text);
      statements.push_back(stmt.text);
    }
    steps.push_back({{"direction", DirectionName(step.direction)}, {"version", step.version}, {"file", file},
                     {"transaction", part.use_tx}, {"statements", statements}});
    if (without_down) steps.back()["note"] = WithoutDownNote(parsed[i]);
  }
  out.Json({{"command", req.command}, {"dry_run", true}, {"version_before", plan.version_before},
            {"version_after", plan.version_after}, {"steps", steps}});
}

Status Confirm(const ChangeRequest& req, const Output& out, const ChangeContext& ctx, const Plan& plan,
               const std::vector<ParsedMigration>& parsed) {
  const CommandInfo* command = FindCommand(req.command);
  bool by_steps = command != nullptr && command->Has(kConfirmSteps);
  bool multi_step = command != nullptr && (command->Has(kConfirmRollback) || (by_steps && req.steps > 1));
  if (!multi_step || req.yes || plan.steps.empty()) return Status::OK();
  std::string what = req.command;
  for (const std::string& a : req.args) what += " " + a;
  if (by_steps) what += " --steps " + std::to_string(req.steps);
  if (!req.interactive || out.json()) {
    return Status::Refused("rolling back " + std::to_string(plan.steps.size()) +
                           " migrations needs confirmation; review `" + req.engine.command_prefix + " plan " + what +
                           "`, then run `" + req.engine.command_prefix + " " + what + " --yes`");
  }
  Output to_terminal = out.ForPrompt();
  PrintPlan(req, to_terminal, ctx, plan, parsed);
  return AskYes(out, "\nRoll back " + std::to_string(plan.steps.size()) + " migration(s), version " +
                std::to_string(plan.version_before) + " -> " + std::to_string(plan.version_after) + "?");
}

Status AskYes(const Output& out, const std::string& question) {
  const char* gap = !question.empty() && question.back() == '\n' ? "" : " ";
  out.Progress(question + gap + "Type yes to go ahead: ");
  char answer[16] = {0};
  if (std::fgets(answer, sizeof answer, stdin) == nullptr || !IsYes(answer)) {
    return Status::Refused("not confirmed; nothing was run");
  }
  return Status::OK();
}

bool IsYes(std::string answer) {
  while (!answer.empty() && std::isspace(static_cast<unsigned char>(answer.back()))) answer.pop_back();
  for (char& c : answer) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return answer == "y" || answer == "yes" || answer == "1" || answer == "true";
}

}  // namespace gander
