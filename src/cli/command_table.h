// The list of commands: name, usage, help text and handler. One table feeds
// dispatch, `gander --help` and `gander COMMAND --help`.
#pragma once

#include <string>
#include <vector>

#include "cli/commands.h"

namespace gander {

struct CommandInfo {
  const char* name;
  const char* usage;    // arguments after the command name
  const char* summary;  // one line
  const char* details;  // the rest of `gander COMMAND --help`
  bool needs_database;
  int (*run)(const Invocation&, const Output&);
};

const std::vector<CommandInfo>& Commands();
const CommandInfo* FindCommand(const std::string& name);

// `gander --help`.
std::string GeneralHelp();
// `gander COMMAND --help`.
std::string CommandHelp(const CommandInfo& command);

}  // namespace gander
