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

// Resolves driver, dbstring, dir and table. `flags` holds the settings given
// on the command line by name ("driver", "dbstring", "dir", "table").
// `project` holds the settings of the project file by name, like `flags`.
std::map<std::string, ResolvedSetting> ResolveSettings(const std::map<std::string, std::string>& flags,
                                                       const std::map<std::string, std::string>& env,
                                                       const std::map<std::string, std::string>& dotenv,
                                                       const std::map<std::string, std::string>& project = {},
                                                       const std::string& project_file = "gander.json");

// The setting names ResolveSettings knows, in display order.
std::vector<std::string> SettingNames();

// The environment variable names ResolveSettings reads.
const std::map<std::string, std::string>& SettingEnvSuffixes();

// A tracking-table name: `[A-Za-z_][A-Za-z0-9_]*`, optionally `schema.`
// prefixed, at most 63 characters a part. Anything else is Status::Invalid.
Status ValidateTableName(const std::string& name);

}  // namespace gander
