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
#include "db/client_options.h"
#include "db/dialect.h"

namespace gander {

// One row of a query result: each column as text; nullopt for SQL NULL.
// Booleans come back as "1"/"0" on every engine (PostgreSQL's t/f converted).
using Row = std::vector<std::optional<std::string>>;

// Cell `i` of a row as text: "" for SQL NULL or a missing column.
inline std::string CellText(const Row& row, size_t i) { return i < row.size() && row[i] ? *row[i] : ""; }

// An open connection to one database. Not thread-safe; one per runner.
//
// Errors, for every method returning Status: the engine's own message, with
// Status::engine_code() set where the engine has a code (db/dialect.h reads
// it), and two marks the engine decides by:
//   transient()        a retry may succeed (lost connection, deadlock,
//                      serialization failure, lock wait timeout);
//   outcome_unknown()  the request was sent (or may have been) and no reply
//                      came back: the connection broke, or the client
//                      deadline (ClientDeadlines::reply) passed and the
//                      connection was closed. Whether it took effect is
//                      unknown: after a COMMIT, or a statement that commits
//                      on its own, read the tracking table and the dirty
//                      marker on a new connection before deciding anything.
//                      Without the mark, a failed request did not take
//                      effect (the server answered with an error; or nothing
//                      was sent).
// After an outcome-unknown error the connection is dead: every later call
// fails at once (lost connection) and the caller opens a new one.
class Connection {
 public:
  virtual ~Connection() = default;

  // The engine's SQL (db/dialect.h); lives as long as the connection.
  virtual const Dialect& dialect() const = 0;

  // Executes SQL text that may hold several statements (`SELECT 1; SELECT 2;`):
  // every statement runs and every result is consumed; the first failure is
  // returned with the engine's own message (statements before it, outside a
  // transaction, have taken effect).
  virtual Status Exec(const std::string& sql) = 0;
  // Runs one statement whose `?` placeholders take `params` as text, sent
  // apart from the SQL: a large value (an audit snapshot) is neither quoted
  // nor copied into the statement text. The SQL holds no other `?`.
  virtual Status ExecWithParams(const std::string& sql, const std::vector<std::string>& params) = 0;
  // Runs one query and appends its rows to *rows (as text; booleans "1"/"0").
  // On error *rows may hold some of the rows.
  virtual Status Query(const std::string& sql, std::vector<Row>* rows) = 0;

  // Open, commit and roll back a transaction. Rollback with none open is OK
  // (an engine may have rolled back already on error). A Commit that fails
  // with outcome_unknown() may have committed.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Takes the engine-wide migration lock for this database, waiting up to
  // `timeout` (zero: try once): the same lock for every spelling of the same
  // database (SQLite: the file SQLite opened; PostgreSQL: goose's advisory
  // lock, or the search_path's own; MySQL: GET_LOCK per database, a leased
  // row on Galera). It is released when its holder's connection or process
  // dies. On timeout returns Status::LockTimeout naming the holder where the
  // engine can tell; a client deadline is named "taking the migration lock".
  virtual Status Lock(std::chrono::milliseconds timeout) = 0;
  // Releases the lock if held; OK if it was not.
  virtual Status Unlock() = 0;

  // Limits every later statement to `timeout` (zero: no limit), with the
  // engine's own mechanism: PostgreSQL statement_timeout, MariaDB
  // max_statement_time, MySQL max_execution_time (SELECT only), SQLite a
  // progress handler. A statement over the limit fails with the engine's
  // error (not outcome_unknown: the server stopped it). The client-side
  // deadline is separate (ClientDeadlines, fixed when the connection opens).
  virtual Status SetStatementTimeout(std::chrono::milliseconds timeout) = 0;

  // Engine and server version, e.g. "SQLite 3.40.1", "PostgreSQL 15.18";
  // the engine's name alone if the server cannot be asked.
  virtual std::string ServerVersion() = 0;
};

// Whether `table` exists (Dialect::TableExists), for gander's own tables.
Status TableExists(Connection& conn, const std::string& table, bool* exists);
// The same for several tables in one query (one round trip): (*exists)[i]
// says whether tables[i] exists.
Status TablesExist(Connection& conn, const std::vector<std::string>& tables, std::vector<bool>* exists);

// Whether `table` has column `column` (Dialect::ColumnExists): a catalog
// query, never a failing probe (which would abort an open PostgreSQL
// transaction).
Status ColumnExists(Connection& conn, const std::string& table, const std::string& column, bool* exists);

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
// loaded (Status::Invalid). Errors name the cause (refused, bad password,
// unknown database, no answer within the connect deadline), are transient
// where a later attempt may succeed, never mark outcome_unknown (nothing ran)
// and never contain the password. `deadlines` apply to the connection's
// whole life (db/client_options.h); the default: connect within 10 s, no
// reply deadline.
Status OpenConnection(const std::string& driver, const std::string& dsn, const ClientDeadlines& deadlines,
                      std::unique_ptr<Connection>* out);
Status OpenConnection(const std::string& driver, const std::string& dsn, std::unique_ptr<Connection>* out);

}  // namespace gander
