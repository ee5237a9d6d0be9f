// The optional project file, gander.json: the settings a team shares (driver,
// migrations folder, table, snapshot folder; a DSN without its password is
// fine, a password belongs in the environment). Lowest precedence after the
// defaults; see core/settings.h.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/status.h"

namespace gander {

// Reads `path` (from --config or GANDER_CONFIG; must exist), or ./gander.json
// if it exists, into setting name -> value. Unknown keys and non-string
// values are errors naming the file. *used is the file read ("" if none).
// The "lint" object and "no_down" are left to ReadProjectLint and
// ReadProjectKey.
Status ReadProjectFile(const std::string& path, std::map<std::string, std::string>* values, std::string* used);

// The "lint" object of the same project file (null when the file or the
// key is absent), for `gander lint` and the up/down pre-flight.
Status ReadProjectLint(const std::string& path, nlohmann::json* lint, std::string* used);

// The value of `key` in the same project file (null when the file or the
// key is absent).
Status ReadProjectKey(const std::string& path, const std::string& key, nlohmann::json* value, std::string* used);

}  // namespace gander
