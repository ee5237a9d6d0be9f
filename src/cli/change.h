// What the changing commands share in the CLI: their request (built from the
// invocation here, once), the engine set up to report through Output,
// showing a plan, and asking for a yes. The engine itself is src/app
// (app/engine.h).
#pragma once

#include <string>
#include <vector>

#include "app/change_context.h"
#include "app/verifier.h"
#include "cli/commands.h"
#include "cli/text_reporter.h"

namespace gander {

// What a changing command (up..., down..., resume, force, repair, verify)
// reads: the engine's options and what the CLI around the engine needs.
struct ChangeRequest {
  Env* env = nullptr;
  std::string command;            // as dispatched: up, down-to, force, ...
  std::vector<std::string> args;  // the command's positional arguments
  std::string driver, dbstring;   // the database
  EngineOptions engine;           // only what the engine reads (EngineOptionsFrom)
  std::string project_file;       // lint severities and "no_down" come from it ("" none)
  std::string metrics_file;       // --metrics-file ("" none)
  bool dry_run = false;           // plan / --dry-run
  bool yes = false;               // --yes
  bool needs_yes = false;         // the command always needs --yes (kNeedsYes: force, repair)
  bool interactive = false;       // a confirmation may ask on the terminal
  bool allow_missing = false;     // up: --allow-missing
  long long steps = 1;            // down --steps N
  bool steps_given = false;
  bool allow_unsafe_force = false;  // force --allow-unsafe-force
  VerifyOptions verify;           // verify --data, --only-new / --from, --allow-nonempty

  static ChangeRequest From(const Invocation& inv);
};

// `gander [flags] DRIVER DBSTRING` as a command gander suggests, pasteable as
// printed: DRIVER DBSTRING only when they were given on the command line
// (else gander finds them again in the environment, .env or gander.json),
// and a DSN holding a password as "$GANDER_DBSTRING", never redacted.
std::string CommandPrefix(const Invocation& inv);
// `gander [-dir D] [-table T]`: the flags a suggested command must repeat.
std::string FlagsPrefix(const Invocation& inv);
// `text` quoted for a POSIX shell ('...'), as printed in suggestions.
std::string ShellQuote(const std::string& text);

// Only what the engine reads of the invocation.
EngineOptions EngineOptionsFrom(const Invocation& inv);

// The rule severities of the project file's "lint" object (`project_file`:
// Invocation::project_file, from --config, GANDER_CONFIG or ./gander.json;
// "" none); a bad one is Status::Invalid naming it.
Status ReadLintConfig(const std::string& project_file, lint::LintConfig* config);

// What up and down read of the project file besides the settings: the lint
// severities for the pre-flight and "no_down" ("refuse", the default, or
// "skip": as --allow-no-down). Anything else is Status::Invalid naming it.
Status ReadProjectEngineOptions(const std::string& project_file, EngineOptions* options);

// One changing command's engine: the request's database, options and Env,
// reporting through `out`.
struct CliChange {
  CliChange(const ChangeRequest& req, const Output& out);
  TextReporter reporter;
  ChangeContext ctx;
};

// Prints the plan: per step the direction, version, file and every statement
// exactly as it would be sent, and the versions before and after.
void PrintPlan(const ChangeRequest& req, const Output& out, const ChangeContext& ctx, const Plan& plan,
               const std::vector<ParsedMigration>& parsed);

// Prints `question` (and "Type yes to go ahead: ") on stderr through `out`
// (secrets masked) and reads the answer from stdin: OK only for "yes", else
// Status::Refused ("not confirmed; nothing was run").
Status AskYes(const Output& out, const std::string& question);
// Whether an answer or GANDER_YES means yes: y, yes, 1 or true, any case, surrounding newline ignored.
bool IsYes(std::string answer);

// Multi-step rollbacks need a yes: --yes, or an answer on a terminal. Without
// one, refuses (exit 3) naming the command that would go ahead.
Status Confirm(const ChangeRequest& req, const Output& out, const ChangeContext& ctx, const Plan& plan,
               const std::vector<ParsedMigration>& parsed);

// Writes --metrics-file (if given) for a changing command that ended with
// `outcome`; a failure to write it is a warning.
void WriteMetrics(const ChangeRequest& req, const Output& out, const ChangeContext& ctx, const Status& outcome);

}  // namespace gander
