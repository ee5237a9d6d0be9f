// Turns the entries of a targets file into the databases `gander fleet`
// runs on: SQLite globs against the file system, PostgreSQL schema and
// PostgreSQL/MySQL database patterns by asking the server which exist.
#pragma once

#include <string>
#include <vector>

#include "core/targets.h"

namespace gander {

// Expands every entry, in file order (an entry's matches sorted by name).
// Relative SQLite paths are taken from `base_dir` (the targets file's folder).
// A pattern matching nothing is an error naming the entry: a typo must not
// look like a fleet with nothing to do.
Status ExpandTargets(const TargetsFile& file, const std::string& base_dir, std::vector<FleetTarget>* out);

}  // namespace gander
