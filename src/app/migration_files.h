// The one place where migration files are read from disk.
#pragma once

#include <string>
#include <vector>

#include "core/migration.h"
#include "core/parser.h"
#include "core/status.h"

namespace gander {

// Lists `dir` (not recursively) and discovers its migrations, sorted by version.
Status ListMigrations(const std::string& dir, std::vector<MigrationSource>* out);

// Reads a whole file. Errors name the path and the cause.
Status ReadWholeFile(const std::string& path, std::string* out);

// Reads and parses one migration (both files of a pair).
Status LoadMigration(const std::string& dir, const MigrationSource& source, const EnvLookup& env,
                     ParsedMigration* out);

// The process environment as an EnvLookup (for ENVSUB).
EnvLookup ProcessEnv();

// `dir/name`.
std::string JoinPath(const std::string& dir, const std::string& name);
// The folder part of a path: "." for a bare name, "/" for a file at the root.
std::string DirName(const std::string& path);

}  // namespace gander
