// The SQL an engine needs for gander's own bookkeeping (goose's
// dialect.Querier): pure strings and pure classification, no connection.
// One implementation per engine (dialect_sqlite.h, dialect_postgres.h,
// dialect_mysql.h), each unit-tested without a server; a driver hands its
// dialect out through Connection::dialect().
#pragma once

#include <string>

#include "core/status.h"

namespace gander {

// Table names passed in are already validated identifiers (optionally
// `schema.table`); the dialect quotes them. Every method is pure and
// thread-safe.
class Dialect {
 public:
  virtual ~Dialect() = default;

  // Canonical driver name: "sqlite3", "postgres" or "mysql" (db/engine_registry.h).
  virtual const char* name() const = 0;
  // The longest identifier the engine keeps whole, in bytes; 0: no limit.
  // A longer name is cut (PostgreSQL) or refused (MySQL), so gander checks
  // table names against it before touching anything (ValidateTableNameFor,
  // db/engine_registry.h).
  virtual size_t MaxIdentifierBytes() const = 0;
  // Quotes an identifier, `schema.table` becoming "schema"."table" (or `..`).
  virtual std::string QuoteIdentifier(const std::string& name) const = 0;
  // Creates goose's tracking table, exactly as goose v3 does on this engine.
  virtual std::string CreateVersionTable(const std::string& table) const = 0;
  // A query returning one row if `table` exists (in the current schema, or in
  // the one named by `schema.table`), none otherwise.
  virtual std::string TableExists(const std::string& table) const = 0;
  // A query returning one row if `table` (found as TableExists finds it) has
  // a column named `column`, none otherwise.
  virtual std::string ColumnExists(const std::string& table, const std::string& column) const = 0;
  // A string literal for a value gander writes into its own tables
  // (standard SQL: '...' with doubled quotes; MySQL also escapes backslashes).
  // NUL bytes are dropped: they are never valid inside a literal.
  virtual std::string QuoteString(const std::string& value) const;
  // The SQL literal for a boolean value (`true`/`false`, or 1/0).
  virtual std::string BoolLiteral(bool value) const = 0;
  // Type names for gander's companion tables.
  virtual std::string TextType() const = 0;       // unbounded text
  virtual std::string KeyTextType() const = 0;    // short text usable in a key
  virtual std::string TimestampNow() const = 0;   // expression: current UTC time as text
  // The tracking table's `tstamp` as the engine's text of a UTC time, whatever
  // the session's time zone (a select expression; NULL stays NULL).
  virtual std::string TrackingTimeRead() const { return "tstamp"; }
  // The value gander sets `tstamp` of a row it inserted to, UTC whatever the
  // session's time zone; empty: the column's default (goose's table) already
  // is UTC, or is read as UTC (TrackingTimeRead).
  virtual std::string TrackingTimeWrite() const { return ""; }
  // Expression: the current time as whole seconds since 1970 (the lease lock).
  virtual std::string EpochSecondsNow() const = 0;
  // Appended to CREATE TABLE for a table whose rows must be transactional
  // (and, on a Galera cluster, replicated): MySQL " ENGINE=InnoDB".
  virtual std::string TransactionalTableOptions() const { return ""; }
  // Whether DDL is transactional (SQLite, PostgreSQL) or commits implicitly (MySQL).
  virtual bool transactional_ddl() const = 0;
  // Whether this statement commits the open transaction implicitly (MySQL DDL).
  virtual bool CommitsImplicitly(const std::string& statement) const = 0;
  // What a failed schema statement's error says about the object it names:
  // that it already exists ("table already exists", "duplicate column"), that
  // it is missing ("no such table", "unknown column"), or neither. Reads the
  // error's Status::engine_code() where the engine has codes for these.
  enum class SchemaError { kNone, kExists, kMissing };
  virtual SchemaError ClassifySchemaError(const Status& error) const = 0;
  // A query whose first cell is 1 when the server refuses writes (a
  // PostgreSQL standby, a MySQL server with read_only on), and the words
  // that explain it; an empty query where the engine has no such state.
  virtual std::string ReadOnlyQuery() const { return ""; }
  virtual std::string ReadOnlyReason() const { return ""; }
  // Catalog queries of the fleet's server patterns: the names (first column)
  // of the databases, or of the schemas of the current database, that a
  // target may run in; empty where the engine has no such thing.
  virtual std::string ListDatabasesQuery() const { return ""; }
  virtual std::string ListSchemasQuery() const { return ""; }

 protected:
  // ColumnExists from information_schema.columns (PostgreSQL, MySQL): `table`
  // as `schema.name`, or a bare name in `current_schema` (an SQL expression).
  std::string InformationSchemaColumnExists(const std::string& table, const std::string& column,
                                            const char* current_schema) const;
};

}  // namespace gander
