// argv and the settings' other sources into an Invocation, driven by the
// settings table (cli/settings_table.h).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/status.h"

namespace gander {

// What the command line says: the flags given (setting name -> text; a
// switch is "true", a repeated flag one value per line) and the positionals.
struct CommandLine {
  std::map<std::string, std::string> given;
  std::vector<std::string> positionals;
};

// Parses argv (without the program name). goose's one-dash long flags
// (`-dir`) are accepted beside `--dir`; flags may follow the positionals.
// An unknown flag or a missing value is Status::Invalid.
Status ParseCommandLine(const std::vector<std::string>& args, CommandLine* out);

// Everything a setting may come from besides the command line.
struct SettingInputs {
  std::map<std::string, std::string> env;      // the process environment (only the table's variables needed)
  std::map<std::string, std::string> dotenv;   // ./.env (or -env FILE)
  std::map<std::string, std::string> project;  // gander.json, setting name -> text
  std::string project_file = "gander.json";
};

// Resolves every row of the table (flag > GANDER_* env > GOOSE_* env >
// .env > gander.json > default), stores each in `inv` through the row's
// setter and records value and source in inv->settings. A value a setter
// rejects is Status::Invalid naming where it came from:
// `--steps must be a whole number (not "x")`,
// `GANDER_MAX_RETRIES (env) must be ...`, `gander.json: max_retries must ...`.
Status ApplySettings(const CommandLine& line, const SettingInputs& inputs, Invocation* inv);

// The process environment's values of every variable the table names.
std::map<std::string, std::string> TableEnvironment();

}  // namespace gander
