// The seam between gander's migration engine and a database engine.
// One implementation per engine (sqlite_driver.cc, postgres_driver.cc,
// mysql_driver.cc), found through db/engine_registry.h; all engine-specific
// SQL lives behind Dialect and Connection, never in src/app or src/cli.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "db/dialect.h"

namespace gander {

// One row of a query result: each column as text; nullopt for SQL NULL.
// Booleans come back as "1"/"0" on every engine (PostgreSQL's t/f converted).
using Row = std::vector<std::optional<std::string>>;

// Cell `i` of a row as text: "" for SQL NULL or a missing column.
inline std::string CellText(const Row& row, size_t i) { return i < row.size() && row[i] ? *row[i] : ""; }

// An open connection. Not thread-safe; one per runner.
class Connection {
 public:
  virtual ~Connection() = default;

  virtual const Dialect& dialect() const = 0;

  // Executes SQL text that may hold several statements (`SELECT 1; SELECT 2;`):
  // every statement runs and every result is consumed; the first failure is
  // returned with the engine's own message. Transient failures are marked.
  virtual Status Exec(const std::string& sql) = 0;
  // Runs one statement whose `?` placeholders take `params` as text, sent
  // apart from the SQL: a large value (an audit snapshot) is neither quoted
  // nor copied into the statement text.
  virtual Status ExecWithParams(const std::string& sql, const std::vector<std::string>& params) = 0;
  // Runs one query and appends its rows to *rows.
  virtual Status Query(const std::string& sql, std::vector<Row>* rows) = 0;

  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Takes the engine-wide migration lock for this database, waiting up to
  // `timeout` (zero: try once). A lock is released when its holder's
  // connection or process dies. On timeout returns Status::LockTimeout
  // naming the holder where the engine can tell.
  virtual Status Lock(std::chrono::milliseconds timeout) = 0;
  virtual Status Unlock() = 0;

  // Limits every later statement to `timeout` (zero: no limit), with the
  // engine's own mechanism: PostgreSQL statement_timeout, MariaDB
  // max_statement_time, MySQL max_execution_time (SELECT only), SQLite a
  // progress handler. A statement over the limit fails with the engine's error.
  virtual Status SetStatementTimeout(std::chrono::milliseconds timeout) = 0;

  // Engine and server version, e.g. "SQLite 3.40.1", "PostgreSQL 15.18".
  virtual std::string ServerVersion() = 0;
};

// Whether `table` exists (Dialect::TableExists), for gander's own tables.
Status TableExists(Connection& conn, const std::string& table, bool* exists);

// Whether re-running `statement` failed because the schema is already as the
// statement leaves it: "exists" for what creates or adds, "missing" for what
// drops or renames (a CREATE INDEX on a missing column is a real failure).
// After a crash, such a statement had taken effect.
bool MeansAlreadyApplied(const Dialect& dialect, const Status& error, const std::string& statement);

// Refuses (Status::Refused) a server that does not take writes, before
// anything is locked or written: a replica follows its primary.
Status RefuseReadOnlyServer(Connection& conn);

// Canonical driver name for a user-given one ("sqlite" -> "sqlite3",
// "pgx"/"postgresql" -> "postgres", "mariadb" -> "mysql"); nullopt if unknown.
std::optional<std::string> CanonicalDriver(const std::string& driver);

// Opens a connection through the engine registry (db/engine_registry.h):
// `driver` is a name or alias; its DSN is checked before any driver module is
// loaded (Status::Invalid). Errors name the cause
// (refused, bad password, unknown database) and never contain the password.
Status OpenConnection(const std::string& driver, const std::string& dsn,
                      std::unique_ptr<Connection>* out);

}  // namespace gander
