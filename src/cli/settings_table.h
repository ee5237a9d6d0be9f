// The one table of gander's settings: every flag, the GANDER_* / GOOSE_*
// variables (process environment and .env), the keys of gander.json, the
// flag lines of `gander --help` and the rows of `gander env` come from it.
//
// Adding a flag is one row in settings_table.cc (plus the Invocation field it
// fills, in cli/commands.h): the row says how it is spelled, where else it
// may come from, its default, its help line and which field it sets.
#pragma once

#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/duration.h"  // ParseDuration, for goose's -timeout
#include "core/settings.h"
#include "core/status.h"

namespace gander {

// Stores a setting's text in the invocation. Returns Status::Invalid with a
// message that reads after the setting's origin ("must be 1 or more").
using SettingSetter = Status (*)(const std::string& value, Invocation* inv);

enum class FlagKind {
  kNone,      // no flag: environment, .env or gander.json only (or a positional)
  kSwitch,    // -name alone means "true"
  kValue,     // -name VALUE (or -name=VALUE); given twice, the last wins
  kRepeated,  // -name VALUE, repeatable; the values reach the setter one per line
};

struct SettingRow {
  const char* name;  // `gander env`'s SETTING, gander.json's key, --json's key ("dir")
  const char* flag;  // "dir" for -dir / --dir; one letter for -v; "" = none
  FlagKind kind;
  SettingSources sources;  // environment, .env, gander.json, default
  const char* value_name;  // "DIR" in the help line; "" for a switch
  const char* help;        // `gander --help` line; "" = documented in a command's own help
  SettingSetter set;       // nullptr: handled by RunCli (config, env), or, with no flag,
                           // read below the CLI from the process environment (a value
                           // from .env is exported there)
};

// Every row, in `gander --help` order.
const std::vector<SettingRow>& SettingRows();
const SettingRow* FindSetting(const std::string& name);

// A row's flag names without dashes ("h", "help").
std::vector<std::string> FlagNames(const SettingRow& row);
// The long flag names goose spells with one dash (`-dir`), for NormalizeArgs.
std::vector<std::string> LongFlagNames();

// The "Flags:" block of `gander --help` (without the heading), one line per
// row with help text, and the "Environment:" block: each variable and the
// setting it feeds.
std::string FlagsHelp();
std::string EnvironmentHelp();

// Switch text: 1/true/yes/on or 0/false/no/off (any case); else Invalid.
Status ParseSwitch(const std::string& text, bool* value);

}  // namespace gander
