// PostgreSQL's SQL and error classification, pure (no server): what
// postgres_driver.cc sends and how it reads libpq's answers.
#pragma once

#include <chrono>
#include <string>

#include "db/dialect.h"

namespace gander {

class PostgresDialect : public Dialect {
 public:
  const char* name() const override { return "postgres"; }
  size_t MaxIdentifierBytes() const override { return 63; }  // NAMEDATALEN - 1; longer names are cut
  // "a.b" -> "a"."b", a double quote doubled.
  std::string QuoteIdentifier(const std::string& name) const override;
  // goose v3's PostgreSQL DDL.
  std::string CreateVersionTable(const std::string& table) const override;
  // Looks in current_schema(), or in the schema named before the dot.
  std::string TableExists(const std::string& table) const override;
  std::string ColumnExists(const std::string& table, const std::string& column) const override;
  std::string BoolLiteral(bool value) const override { return value ? "true" : "false"; }
  std::string TextType() const override { return "text"; }
  std::string KeyTextType() const override { return "text"; }
  std::string TimestampNow() const override;
  // goose's `tstamp timestamp DEFAULT now()` holds the session's local time.
  std::string TrackingTimeWrite() const override { return "now() AT TIME ZONE 'UTC'"; }
  std::string EpochSecondsNow() const override { return "CAST(extract(epoch FROM now()) AS bigint)"; }
  bool transactional_ddl() const override { return true; }
  bool CommitsImplicitly(const std::string&) const override { return false; }
  // By SQLSTATE: 42P07/42701/42710/42P06 exist, 42P01/42703/42704 missing.
  SchemaError ClassifySchemaError(const Status& error) const override;
  std::string ReadOnlyQuery() const override { return "SELECT pg_is_in_recovery()"; }
  std::string ReadOnlyReason() const override;
  std::string ListDatabasesQuery() const override;
  std::string ListSchemasQuery() const override;

  // The migration lock: goose's advisory lock id (4097083626), so that gander
  // and goose's library exclude each other; with a search_path (a schema per
  // tenant), an id of that schema's own, so that tenants do not wait on each other.
  static std::string LockIdFor(const std::string& search_path);
  static std::string TryLock(const std::string& lock_id);  // one row: 1 if taken
  static std::string Unlock(const std::string& lock_id);
  // pid, application, client address, connected since: of the lock's holder.
  static std::string LockHolderQuery(const std::string& lock_id);
  static std::string SetStatementTimeout(std::chrono::milliseconds limit);
  static std::string ServerVersionQuery() { return "SHOW server_version"; }
  std::string SetSearchPath(const std::string& schema) const;

  // SQLSTATEs worth a retry: serialization failure, deadlock, lock not
  // available, admin shutdown, and every connection exception (class 08).
  static bool IsTransientState(const std::string& sqlstate);
  // The first line of a libpq message, without its "ERROR:  " / "FATAL:  ".
  static std::string FirstLine(const std::string& text);
  // The Status of an error the server answered with: libpq's first line and
  // " (SQLSTATE x)", the SQLSTATE as engine_code(), transient as above.
  static Status ErrorStatus(const std::string& libpq_message, const std::string& sqlstate);
  // A failed connect (`why` is libpq's message, which never holds the
  // password; `redacted_dsn` is safe to print). Transient unless the server
  // refused the password or the database does not exist. libpq's "timeout
  // expired" is followed by `connect_limit`, the limit that ran out
  // ("10 s (set connect_timeout in the DSN to change it)").
  static Status ConnectError(const std::string& redacted_dsn, const std::string& why,
                             const std::string& connect_limit = "");
};

}  // namespace gander
