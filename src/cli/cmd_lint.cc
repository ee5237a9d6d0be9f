// lint: what the migrations will do to a running database, before anything
// runs (docs/lint.md). Reads the files, and with DRIVER DBSTRING the applied
// versions (read-only, like status), then prints the linter's findings.
#include <cstdlib>
#include <memory>

#include "app/lint_input.h"
#include "app/session.h"
#include "cli/change.h"
#include "cli/commands.h"
#include "core/lint/lint.h"
#include "core/lint/report.h"
#include "db/connection.h"

namespace gander {
namespace {

using lint::Finding;
using lint::Severity;

// What lint reads.
struct LintRequest {
  Env* env = nullptr;
  std::vector<std::string> args;  // [DRIVER DBSTRING]
  std::string driver, dbstring;   // the invocation's database, if any
  std::string driver_setting;     // "driver" from the environment, .env or gander.json, even without DBSTRING
  std::string dir, table;
  std::string project_file;       // lint severities
  std::string engine;             // --engine
  std::string format;             // --format github|gitlab ("" = text, or --json)
  bool strict = false;            // --strict
  long long from = -1;            // --from V as V-1: older migrations count as history

  static LintRequest From(const Invocation& inv) {
    LintRequest r;
    r.env = inv.env;
    r.args = inv.args;
    r.driver = inv.driver;
    r.dbstring = inv.dbstring;
    auto it = inv.settings.find("driver");
    if (it != inv.settings.end()) r.driver_setting = it->second.value;
    r.dir = inv.dir;
    r.table = inv.table;
    r.project_file = inv.project_file;
    r.engine = inv.lint_engine;
    r.format = inv.lint_format;
    r.strict = inv.lint_strict;
    r.from = inv.verify_base;
    return r;
  }
};

// --engine, else the database's driver, else the driver setting (env, .env, gander.json).
Status PickEngine(const LintRequest& req, const std::string& driver, std::optional<lint::Engine>* engine) {
  std::string name = !req.engine.empty() ? req.engine : driver;
  if (name.empty()) name = req.driver_setting;
  if (name.empty()) return Status::OK();
  *engine = lint::EngineFromName(name);
  if (!*engine) {
    return Status::Invalid("unknown engine \"" + name + "\" (use postgres, mysql or sqlite)");
  }
  return Status::OK();
}

// Marks what is linted: pending migrations (with a database), from --from V on.
Status MarkScope(const LintRequest& req, const std::string& driver, const std::string& dbstring,
                 std::vector<lint::LintMigration>* migrations) {
  DbVersions versions;
  if (!driver.empty()) {
    std::unique_ptr<Session> session;
    std::optional<DirtyState> dirty;
    GANDER_RETURN_IF_ERROR(Session::OpenReadOnly(driver, dbstring, req.table, &session));
    GANDER_RETURN_IF_ERROR(session->ReadState(&versions, &dirty));
  }
  bool from = req.from >= 0;
  for (lint::LintMigration& m : *migrations) {
    m.in_scope = m.version > req.from && (driver.empty() || !versions.IsApplied(m.version));
    m.in_run = m.in_scope && (from || !driver.empty());
  }
  return Status::OK();
}

int RunLint(const LintRequest& req, const Output& out) {
  std::string driver = req.driver, dbstring = req.dbstring;
  if (req.args.size() == 2) {  // gander lint DRIVER DBSTRING
    std::optional<std::string> canonical = CanonicalDriver(req.args[0]);
    if (!canonical) return out.Error("lint", Status::Invalid("unknown driver \"" + req.args[0] + "\" (use sqlite3, postgres or mysql)"));
    driver = *canonical;
    dbstring = req.args[1];
  } else if (!req.args.empty()) {
    return out.Error("lint", Status::Invalid("usage: gander lint [--engine E] [DRIVER DBSTRING]"));
  }
  if (!req.format.empty() && req.format != "github" && req.format != "gitlab") {
    return out.Error("lint", Status::Invalid("--format must be github or gitlab (or --json)"));
  }
  if (!req.format.empty() && out.json()) return out.Error("lint", Status::Invalid("--format and --json exclude each other"));

  lint::LintOptions options;
  std::vector<lint::LintMigration> migrations;
  Status st = PickEngine(req, driver, &options.engine);
  if (st.ok()) st = ReadLintConfig(req.project_file, &options.config);
  if (st.ok()) st = LoadLintMigrations(*req.env, req.dir, &migrations);
  if (st.ok()) st = MarkScope(req, driver, dbstring, &migrations);
  if (!st.ok()) return out.Error("lint", st);
  if (!options.engine) {
    out.Notice("lint: no engine given (--engine, DRIVER DBSTRING or \"driver\" in gander.json): only the "
               "engine-neutral rules ran");
  }

  int suppressed = 0;
  std::vector<Finding> findings = lint::Lint(migrations, options, &suppressed);
  int errors = 0, warnings = 0, linted = 0;
  for (const Finding& f : findings) (f.severity == Severity::kError ? errors : warnings)++;
  for (const lint::LintMigration& m : migrations) linted += m.in_scope ? 1 : 0;

  if (req.format == "github") {
    std::fputs(lint::FormatGithub(findings).c_str(), stdout);
  } else if (req.format == "gitlab") {
    std::fputs(lint::FormatGitlab(findings).c_str(), stdout);
  } else if (!out.json()) {
    std::fputs(lint::FormatText(findings).c_str(), stdout);
  }
  std::string summary = "lint: " + std::to_string(linted) + " migration" + (linted == 1 ? "" : "s") + ", " +
                        std::to_string(errors) + " error" + (errors == 1 ? "" : "s") + ", " + std::to_string(warnings) +
                        " warning" + (warnings == 1 ? "" : "s") +
                        (suppressed ? " (" + std::to_string(suppressed) + " suppressed by lint-ignore)" : "");
  if (req.format.empty()) {
    out.Line("gander: " + summary);
  } else {
    out.Notice(summary);
  }
  int code = errors ? 1 : (warnings && req.strict) ? static_cast<int>(StatusCode::kRefused) : 0;
  out.Json({{"command", "lint"},
            {"engine", options.engine ? nlohmann::json(lint::EngineName(*options.engine)) : nlohmann::json()},
            {"migrations", linted}, {"errors", errors}, {"warnings", warnings}, {"suppressed", suppressed},
            {"exit_code", code}, {"findings", lint::FindingsJson(findings)}});
  return code;
}

}  // namespace

int CmdLint(const Invocation& inv, const Output& out) { return RunLint(LintRequest::From(inv), out); }

}  // namespace gander
