// golang-migrate's own DSN parameters (`x-migrations-table`, `x-statement-
// timeout`, ...), which its drivers take out of the URL before connecting:
// a team switching from golang-migrate keeps its DSN, so gander reads them
// too (docs/switching-from-golang-migrate.md#the-dsn).
//
// Each one of the engine's driver either takes effect (the migrations table
// is the golang-migrate table gander adopts from, app/adopt.h; the statement
// timeout is gander's --statement-timeout) or is accepted and ignored with a
// notice saying why; the MySQL TLS ones are refused, as gander cannot yet
// give the TLS they ask for. Any other `x-` parameter is an error naming it
// and the known ones: a misspelt x-migrations-table must not silently adopt
// nothing. Values are never secrets, but messages quote only names.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/status.h"

namespace gander {

// Which of golang-migrate's drivers reads the parameters: postgres (also
// pgx, pgx5, redshift), mysql, sqlite3 (also sqlite).
enum class MigrateDriver { kPostgres, kMysql, kSqlite };

struct MigrateSettings {
  // x-migrations-table, as gander names a table: `table` or `schema.table`
  // (x-migrations-table-quoted's `"schema"."table"` unquoted); "": not given.
  std::string migrations_table;
  // x-statement-timeout (golang-migrate: milliseconds); zero: not given.
  std::chrono::milliseconds statement_timeout{0};
  // One line per parameter accepted and ignored: what it does in
  // golang-migrate and why gander needs no such setting (for a -v notice).
  std::vector<std::string> ignored;
};

// Whether a query parameter is one of golang-migrate's (`x-` prefixed).
bool IsMigrateParameter(const std::string& key);

// Reads golang-migrate's parameters of one DSN (in the order given; the first
// value of a parameter counts, as golang-migrate reads it) into *out. Status::Invalid for a parameter that
// driver does not know, a malformed value (a timeout that is no whole number
// of milliseconds, a boolean that is none, a table name gander cannot read),
// and for the MySQL TLS parameters.
Status ReadMigrateSettings(MigrateDriver driver, const std::vector<std::pair<std::string, std::string>>& params,
                           MigrateSettings* out);

// The golang-migrate parameters of a DSN for gander's `driver` (postgres,
// mysql, sqlite3), read as that engine's parser reads the DSN: for SQLite,
// the query of a `file:` URI (SQLite itself ignores parameters it does not
// know). A DSN that does not parse yields no settings and OK: connecting
// reports why.
Status MigrateSettingsFor(const std::string& driver, const std::string& dsn, MigrateSettings* out);

}  // namespace gander
