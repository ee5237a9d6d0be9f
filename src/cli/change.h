// What the changing commands share in the CLI: the engine's options from the
// invocation, the engine set up to report through Output, showing a plan,
// and asking for a yes. The engine itself is src/app (app/engine.h).
#pragma once

#include <string>
#include <vector>

#include "app/change_context.h"
#include "cli/commands.h"
#include "cli/text_reporter.h"

namespace gander {

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

// The rule severities of the project file's "lint" object (--config,
// GANDER_CONFIG or ./gander.json); a bad one is Status::Invalid naming it.
Status ReadLintConfig(const Invocation& inv, lint::LintConfig* config);

// What up and down read of the project file besides the settings: the lint
// severities for the pre-flight and "no_down" ("refuse", the default, or
// "skip": as --allow-no-down). Anything else is Status::Invalid naming it.
Status ReadProjectEngineOptions(const Invocation& inv, EngineOptions* options);

// One changing command's engine: the invocation's database, options and
// Env, reporting through `out`.
struct CliChange {
  CliChange(const Invocation& inv, const Output& out);
  TextReporter reporter;
  ChangeContext ctx;
};

// Prints the plan: per step the direction, version, file and every statement
// exactly as it would be sent, and the versions before and after.
void PrintPlan(const Invocation& inv, const Output& out, const ChangeContext& ctx, const Plan& plan,
               const std::vector<ParsedMigration>& parsed);

// Prints `question` (and "Type yes to go ahead: ") on stderr through `out`
// (secrets masked) and reads the answer from stdin: OK only for "yes", else
// Status::Refused ("not confirmed; nothing was run").
Status AskYes(const Output& out, const std::string& question);
// Whether an answer or GANDER_YES means yes: y, yes, 1 or true, any case, surrounding newline ignored.
bool IsYes(std::string answer);

// Multi-step rollbacks need a yes: --yes, or an answer on a terminal. Without
// one, refuses (exit 3) naming the command that would go ahead.
Status Confirm(const Invocation& inv, const Output& out, const ChangeContext& ctx, const Plan& plan,
               const std::vector<ParsedMigration>& parsed);

// Writes --metrics-file (if given) for a changing command that ended with
// `outcome`; a failure to write it is a warning.
void WriteMetrics(const Invocation& inv, const Output& out, const ChangeContext& ctx, const Status& outcome);

}  // namespace gander
