// Where each setting comes from: flag > GANDER_* env > GOOSE_* env >
// .env's GANDER_* > .env's GOOSE_* > project file (gander.json) > default.
// Pure: all inputs are maps.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace gander {

struct ResolvedSetting {
  std::string value;
  std::string source;  // "flag", "env GANDER_DBSTRING", ".env GOOSE_DRIVER", "default"
};

// Where one setting may come from besides the command line, and its default.
// The CLI's settings table (cli/settings_table.cc) holds one per setting.
struct SettingSources {
  const char* env = "";        // "GANDER_MIGRATION_DIR"; "" = no variable
  const char* goose_env = "";  // goose's name for it ("GOOSE_MIGRATION_DIR"); "" = none
  bool project = false;        // may be set in the project file, under the setting's name
  const char* fallback = "";   // the default, as text
};

// Resolves one setting: `flag` (if given) > env's GANDER_* > env's GOOSE_* >
// dotenv's GANDER_* > dotenv's GOOSE_* > project[name] (when allowed) >
// the default. An empty variable counts as unset (as in goose).
ResolvedSetting ResolveSetting(const std::string& name, const SettingSources& sources, const std::string* flag,
                               const std::map<std::string, std::string>& env,
                               const std::map<std::string, std::string>& dotenv,
                               const std::map<std::string, std::string>& project, const std::string& project_file);

// The sources of the settings every command may read (driver, dbstring,
// dir, table, snapshot_dir); the CLI's table uses these rows as they are.
const SettingSources& CoreSettingSources(const std::string& name);

// The names of the core settings (CoreSettingSources), in display order.
std::vector<std::string> SettingNames();

// An engine's limit on names (db/engine_registry.h fills it in): identifiers
// of at most `max_bytes` (0: no limit), and the longest suffix gander
// appends to the table's name for its companion tables.
struct IdentifierLimit {
  size_t max_bytes = 0;
  std::string engine;          // "PostgreSQL", for the message
  std::string longest_suffix;  // "_snapshots"
};

// A tracking-table name: `[A-Za-z_][A-Za-z0-9_]*`, optionally `schema.`
// prefixed; with a limit, the schema part at most `max_bytes` long and the
// table part short enough that every companion table's name fits too.
// Anything else is Status::Invalid, naming the limit and the longest name
// allowed.
Status ValidateTableName(const std::string& name, const IdentifierLimit& limit = {});

}  // namespace gander
