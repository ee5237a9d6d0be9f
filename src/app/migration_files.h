// The one place where migration files are read, through an Env.
#pragma once

#include <string>
#include <vector>

#include "app/env.h"
#include "core/migration.h"
#include "core/parser.h"
#include "core/status.h"

namespace gander {

// Lists `dir` (not recursively) and discovers its migrations, sorted by version.
Status ListMigrations(Env& env, const std::string& dir, std::vector<MigrationSource>* out);

// Reads and parses one migration (both files of a pair); ENVSUB takes the
// variables of `env`.
Status LoadMigration(Env& env, const std::string& dir, const MigrationSource& source, ParsedMigration* out);

// `dir/name`.
std::string JoinPath(const std::string& dir, const std::string& name);
// The folder part of a path: "." for a bare name, "/" for a file at the root.
std::string DirName(const std::string& path);

}  // namespace gander
