// The one place where migration files are read, through an Env.
#pragma once

#include <string>
#include <vector>

#include "app/env.h"
#include "core/migration.h"
#include "core/parser.h"
#include "core/status.h"
#include "core/transaction_needs.h"
#include "db/connection.h"

namespace gander {

// Lists `dir` (not recursively) and discovers its migrations, sorted by version.
Status ListMigrations(Env& env, const std::string& dir, std::vector<MigrationSource>* out);

// Reads and parses one migration (both files of a pair); ENVSUB takes the
// variables of `env`. Strict: every problem of the file (or of both files)
// is returned, combined (Status::Combine), for `validate` and checksums.
Status LoadMigration(Env& env, const std::string& dir, const MigrationSource& source, ParsedMigration* out);

// Reads one migration to run it on `target`. A problem confined to one part
// (an unfinished last statement, an ENVSUB error; in a pair, anything wrong
// with one of its files) is left in that part's `problem` and the other part
// still parses, because goose and golang-migrate read only the part they
// run; an unreadable file or a malformed goose structure is returned. Then
// the transactions are decided (DecideTransactions: a paired part that needs
// it runs outside gander's transaction).
Status LoadMigrationToRun(Env& env, const std::string& dir, const MigrationSource& source, const RunTarget& target,
                          ParsedMigration* out);

// The engine of `conn` and its server's major version (one round trip on a
// server), for LoadMigrationToRun.
RunTarget RunTargetOf(Connection& conn);

// `dir/name`.
std::string JoinPath(const std::string& dir, const std::string& name);
// The folder part of a path: "." for a bare name, "/" for a file at the root.
std::string DirName(const std::string& path);

}  // namespace gander
