// SQLite's SQL and error classification, pure (no database): what
// sqlite_driver.cc sends and how it reads SQLite's answers.
#pragma once

#include <chrono>
#include <string>

#include "db/dialect.h"

namespace gander {

class SqliteDialect : public Dialect {
 public:
  const char* name() const override { return "sqlite3"; }
  size_t MaxIdentifierBytes() const override { return 0; }  // SQLite has no identifier limit
  // "a.b" -> "a"."b", a double quote doubled.
  std::string QuoteIdentifier(const std::string& name) const override;
  // goose v3's SQLite DDL (database/dialect sqlite3).
  std::string CreateVersionTable(const std::string& table) const override;
  // Looks in `main`, or in the attached database named before the dot.
  std::string TableExists(const std::string& table) const override;
  std::string ColumnExists(const std::string& table, const std::string& column) const override;
  std::string BoolLiteral(bool value) const override { return value ? "true" : "false"; }
  std::string TextType() const override { return "TEXT"; }
  std::string KeyTextType() const override { return "TEXT"; }
  std::string TimestampNow() const override { return "datetime('now')"; }
  std::string EpochSecondsNow() const override { return "CAST(strftime('%s', 'now') AS INTEGER)"; }
  bool transactional_ddl() const override { return true; }
  bool CommitsImplicitly(const std::string&) const override { return false; }
  // SQLite reports both cases with the generic SQLITE_ERROR: its message is
  // the only witness ("already exists", "duplicate column name", "no such table").
  SchemaError ClassifySchemaError(const Status& error) const override;

  // Read at open, so that "file is not a database" fails there.
  static std::string SchemaProbeQuery() { return "SELECT count(*) FROM sqlite_master"; }

  // The Status of a failed call: SQLite's message unchanged, the extended
  // result code as engine_code(), transient for SQLITE_BUSY / SQLITE_LOCKED
  // (another connection holds the database: the busy timeout ran out).
  static Status ErrorStatus(int extended_code, const std::string& message);
  // A statement interrupted by the progress handler after `limit`.
  static Status StatementTimeoutError(std::chrono::milliseconds limit);
};

}  // namespace gander
