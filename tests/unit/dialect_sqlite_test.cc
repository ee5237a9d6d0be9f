#include "db/dialect_sqlite.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <ctime>
#include <memory>

#include "db/connection.h"

using namespace gander;

TEST_CASE("SQLite: goose's tracking-table DDL, quoted identifiers and literals") {
  SqliteDialect d;
  CHECK(std::string(d.name()) == "sqlite3");
  CHECK(d.CreateVersionTable("goose_db_version") ==
        "CREATE TABLE \"goose_db_version\" (\n"
        "\t\tid INTEGER PRIMARY KEY AUTOINCREMENT,\n"
        "\t\tversion_id INTEGER NOT NULL,\n"
        "\t\tis_applied INTEGER NOT NULL,\n"
        "\t\ttstamp TIMESTAMP DEFAULT (datetime('now'))\n"
        "\t)");
  CHECK(d.QuoteIdentifier("aux.t") == "\"aux\".\"t\"");
  CHECK(d.QuoteIdentifier("we\"ird") == "\"we\"\"ird\"");
  CHECK(d.QuoteString(std::string("O'Brien\\\0x", 11)) == "'O''Brien\\x'");
  CHECK(d.TableExists("t") == "SELECT 1 FROM \"main\".sqlite_master WHERE type = 'table' AND name = 't'");
  CHECK(d.TableExists("aux.t") == "SELECT 1 FROM \"aux\".sqlite_master WHERE type = 'table' AND name = 't'");
  CHECK(d.BoolLiteral(true) == "true");
  CHECK(d.transactional_ddl());
  CHECK_FALSE(d.CommitsImplicitly("CREATE TABLE t (id INT)"));
  CHECK(d.ReadOnlyQuery().empty());        // read-only files are refused at open
  CHECK(d.ListDatabasesQuery().empty());   // a fleet globs files instead
  CHECK(d.ListSchemasQuery().empty());
  CHECK(d.TransactionalTableOptions().empty());
}

TEST_CASE("SQLite: schema errors are known by their message (SQLite has one code for all)") {
  SqliteDialect d;
  using E = Dialect::SchemaError;
  CHECK(d.ClassifySchemaError(Status::Failed("table t already exists")) == E::kExists);
  CHECK(d.ClassifySchemaError(Status::Failed("duplicate column name: c")) == E::kExists);
  CHECK(d.ClassifySchemaError(Status::Failed("no such table: t")) == E::kMissing);
  CHECK(d.ClassifySchemaError(Status::Failed("no such index: i")) == E::kMissing);
  CHECK(d.ClassifySchemaError(Status::Failed("near \"x\": syntax error")) == E::kNone);
}

TEST_CASE("SQLite: an error carries its extended result code; busy and locked are transient") {
  Status unique = SqliteDialect::ErrorStatus(SQLITE_CONSTRAINT_UNIQUE, "UNIQUE constraint failed: t.id");
  CHECK(unique.message() == "UNIQUE constraint failed: t.id");
  CHECK(unique.engine_code() == "2067");
  CHECK_FALSE(unique.transient());
  CHECK_FALSE(unique.outcome_unknown());
  CHECK(SqliteDialect::ErrorStatus(SQLITE_BUSY, "database is locked").transient());
  CHECK(SqliteDialect::ErrorStatus(SQLITE_BUSY_SNAPSHOT, "database is locked").transient());
  CHECK(SqliteDialect::ErrorStatus(SQLITE_LOCKED, "database table is locked").transient());
  Status timeout = SqliteDialect::StatementTimeoutError(std::chrono::milliseconds(1500));
  CHECK(timeout.message() == "statement timeout: interrupted after 1500 ms (--statement-timeout)");
  CHECK(timeout.engine_code() == "9");
}

TEST_CASE("SQLite: the driver sets the engine code of a real error, and the dialect's expressions run") {
  std::unique_ptr<Connection> conn;
  REQUIRE(OpenConnection("sqlite3", ":memory:", &conn).ok());
  REQUIRE(conn->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY)").ok());
  REQUIRE(conn->Exec("INSERT INTO t VALUES (1)").ok());
  Status dup = conn->Exec("INSERT INTO t VALUES (1)");
  CHECK(dup.message() == "UNIQUE constraint failed: t.id");
  CHECK(dup.engine_code() == "1555");  // SQLITE_CONSTRAINT_PRIMARYKEY
  Status again = conn->Exec("CREATE TABLE t (id INTEGER)");
  CHECK(again.engine_code() == "1");
  CHECK(conn->dialect().ClassifySchemaError(again) == Dialect::SchemaError::kExists);

  std::vector<Row> rows;
  const Dialect& d = conn->dialect();
  REQUIRE(conn->Query("SELECT " + d.EpochSecondsNow() + ", " + d.TimestampNow(), &rows).ok());
  long long now = std::atoll(CellText(rows[0], 0).c_str());
  CHECK(std::llabs(now - static_cast<long long>(std::time(nullptr))) <= 2);
  CHECK(CellText(rows[0], 1).size() == 19);  // YYYY-MM-DD HH:MM:SS
}
