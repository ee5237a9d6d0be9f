// The one list of database engines gander knows. Everything that differs
// between engines and is not SQL (the dialect) or a live connection (the
// driver) is looked up here: names and aliases, DSN parsing, redaction and
// display, the fleet's catalog queries and DSN rewriting, the schema reader,
// and how to open a connection. Adding an engine is its own files (dialect,
// driver, schema reader, DSN forms) plus one entry in engine_registry.cc;
// docs/architecture.md, "Engines (src/db)", has the recipe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/schema.h"
#include "db/connection.h"
#include "db/driver_loader.h"
#include "db/dsn.h"

namespace gander {

struct EngineInfo {
  // Canonical driver name, as Dialect::name() returns it ("postgres").
  const char* name;
  // Every spelling a user may give, the canonical name first ("postgres", "pgx", "postgresql").
  std::vector<std::string> aliases;
  const Dialect* dialect;
  // Checks a DSN before any driver is loaded (Status::Invalid naming the
  // problem); nullptr: any text is accepted here (a file path) and the
  // driver reports what it cannot open.
  Status (*parse_dsn)(const std::string& dsn, Dsn* out);
  // The DSN with every secret masked; safe to print anywhere.
  std::string (*redact_dsn)(const std::string& dsn);
  // The database's name for metrics labels: never a secret.
  std::string (*database_for_display)(const std::string& dsn);
  // A database is a file (SQLite): fleet targets may be globs, and a
  // relative path is taken from the targets file's folder.
  bool file_based;
  // The fleet's server patterns: the same DSN pointing at another database,
  // or running in another schema; nullptr where the engine has none (then
  // Dialect::ListDatabasesQuery / ListSchemasQuery are empty too).
  Status (*dsn_for_database)(const std::string& dsn, const std::string& database, std::string* out);
  Status (*dsn_for_schema)(const std::string& dsn, const std::string& schema, std::string* out);
  // Every object of the current schema (db/schema_reader.h), gander's tables included.
  Status (*read_schema)(Connection& conn, std::vector<SchemaObject>* out);
  // Opening: `open` for a driver linked into every program (SQLite), else
  // `module`, the name db/driver_loader.h loads on first use ("postgres" ->
  // gander-postgres.so), so that the gander binary links no client library.
  DriverOpenFn open;
  const char* module;
};

// The engines, in the order of "use sqlite3, postgres or mysql".
const std::vector<EngineInfo>& Engines();

// The engine a user-given driver name or alias means; nullptr if none.
const EngineInfo* FindEngine(const std::string& driver);

// Status::Invalid `unknown driver "x" (use sqlite3, postgres or mysql)`.
Status UnknownDriverError(const std::string& driver);

// The database a DSN names, for display (metrics): the database of a server
// DSN, the file of a SQLite one (without URI parameters); never a password.
std::string DatabaseNameForDisplay(const std::string& driver, const std::string& dsn);

// A -table name checked against the engine's identifier limit
// (Dialect::MaxIdentifierBytes) less the longest companion-table suffix
// (db/companion_tables.h), before anything is touched: PostgreSQL would cut
// a longer name (and merge the companion tables with the tracking table),
// MySQL would refuse it halfway. SQLite has no limit. Status::Invalid states
// the limit and the longest name allowed; an unknown driver gets the syntax
// check only.
Status ValidateTableNameFor(const std::string& driver, const std::string& table);

// The parameters of `dsn` that the engine's parser accepts but gander does
// not use (Dsn::ignored: pgx's pool and cache settings in a PostgreSQL DSN),
// for a -v notice; none for a DSN that does not parse.
std::vector<std::string> IgnoredDsnParameters(const std::string& driver, const std::string& dsn);

// The DSN with every secret masked, by the engine's own redactor (RedactDsn
// for an unknown driver).
std::string RedactDsnFor(const std::string& driver, const std::string& dsn);

}  // namespace gander
