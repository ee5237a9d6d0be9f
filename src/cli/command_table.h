// The list of commands: name, usage, help text and handler. One table feeds
// dispatch, `gander --help` and `gander COMMAND --help`.
#pragma once

#include <string>
#include <vector>

#include "cli/commands.h"

namespace gander {

// What a command is, for the dispatcher, the fleet and confirmations (bits
// of CommandInfo::properties).
enum CommandProperty : unsigned {
  kChangesDatabase = 1u << 0,   // writes migrations, tracking rows or markers
  kDryRun = 1u << 1,            // plan / --dry-run shows it without running; a changing
                                // command without it refuses --dry-run
  kInFleet = 1u << 2,           // `gander fleet COMMAND` may run it on every target
  kConfirmRollback = 1u << 3,   // a rollback of several migrations: asks, or needs --yes
  kConfirmSteps = 1u << 4,      // the same when --steps N asks for more than one
  kNeedsYes = 1u << 5,          // always needs --yes (force, repair)
  kRollsBack = 1u << 6,         // undoes migrations (a fleet asks before it)
};

struct CommandInfo {
  const char* name;
  const char* usage;    // arguments after the command name
  const char* summary;  // one line
  const char* details;  // the rest of `gander COMMAND --help`
  bool needs_database;  // DRIVER DBSTRING required; without, a command in a fleet (kInFleet) takes them optionally
  int (*run)(const Invocation&, const Output&);
  unsigned properties = 0;  // CommandProperty bits

  bool Has(CommandProperty p) const { return (properties & p) != 0; }
};

const std::vector<CommandInfo>& Commands();
const CommandInfo* FindCommand(const std::string& name);

// `gander --help`.
std::string GeneralHelp();
// `gander COMMAND --help`.
std::string CommandHelp(const CommandInfo& command);

}  // namespace gander
