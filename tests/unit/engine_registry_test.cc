#include "db/engine_registry.h"

#include <doctest/doctest.h>

#include "db/companion_tables.h"
#include "db/schema_reader.h"

using namespace gander;

TEST_CASE("every alias finds its engine; the canonical name comes first and is the dialect's") {
  CHECK(std::string(FindEngine("sqlite")->name) == "sqlite3");
  CHECK(std::string(FindEngine("sqlite3")->name) == "sqlite3");
  for (const char* alias : {"postgres", "pgx", "postgresql"}) CHECK(std::string(FindEngine(alias)->name) == "postgres");
  for (const char* alias : {"mysql", "mariadb"}) CHECK(std::string(FindEngine(alias)->name) == "mysql");
  CHECK(FindEngine("oracle") == nullptr);
  CHECK(FindEngine("Postgres") == nullptr);  // names are case-sensitive, as goose's
  CHECK(FindEngine("") == nullptr);
  CHECK(CanonicalDriver("pgx") == std::optional<std::string>("postgres"));
  CHECK_FALSE(CanonicalDriver("mssql"));
  CHECK(UnknownDriverError("mssql").message() == "unknown driver \"mssql\" (use sqlite3, postgres or mysql)");
  CHECK(UnknownDriverError("mssql").exit_code() == 2);

  for (const EngineInfo& e : Engines()) {
    CAPTURE(e.name);
    CHECK(e.aliases.front() == e.name);
    CHECK(std::string(e.dialect->name()) == e.name);
    CHECK((e.open == nullptr) != (e.module == nullptr));  // linked or loaded, not both
    CHECK(bool(e.read_schema));
    CHECK(bool(e.redact_dsn));
    CHECK(bool(e.database_for_display));
    // A server engine checks its DSN before loading a driver; a file engine lists no databases.
    CHECK(e.file_based == !e.parse_dsn);
    CHECK(e.dialect->ListDatabasesQuery().empty() == !e.dsn_for_database);
    CHECK(e.dialect->ListSchemasQuery().empty() == !e.dsn_for_schema);
  }
  // The gander binary links no client library: server drivers are modules.
  CHECK((FindEngine("postgres")->open == nullptr));
  CHECK((FindEngine("mysql")->open == nullptr));
}

TEST_CASE("the database's name for display never holds a password") {
  CHECK(DatabaseNameForDisplay("postgres", "postgres://app:s3cret@db:5432/shop?sslmode=disable") == "shop");
  CHECK(DatabaseNameForDisplay("postgres", "host=db user=app password=s3cret dbname=shop") == "shop");
  CHECK(DatabaseNameForDisplay("mysql", "app:s3cret@tcp(db:3306)/shop?parseTime=true") == "shop");
  CHECK(DatabaseNameForDisplay("mysql", "mysql://app:s3cret@db/shop") == "shop");
  CHECK(DatabaseNameForDisplay("sqlite3", "./data/app.db") == "./data/app.db");
  CHECK(DatabaseNameForDisplay("sqlite3", "file:app.db?mode=rwc") == "file:app.db");
  // A DSN its parser refuses (a bad port) is shown redacted.
  std::string bad = DatabaseNameForDisplay("postgres", "postgres://app:s3cret@db:99999/shop");
  CHECK(bad.find("s3cret") == std::string::npos);
  CHECK(RedactDsnFor("postgres", "postgres://app:s3cret@db/shop") == "postgres://app:***@db/shop");
}

TEST_CASE("OpenConnection goes through the registry: aliases work, unknown engines and bad DSNs fail first") {
  std::unique_ptr<Connection> conn;
  REQUIRE(OpenConnection("sqlite", ":memory:", &conn).ok());
  CHECK(std::string(conn->dialect().name()) == "sqlite3");
  Status unknown = OpenConnection("oracle", "x", &conn);
  CHECK(unknown.message() == "unknown driver \"oracle\" (use sqlite3, postgres or mysql)");
  // Checked by the engine's DSN parser, before its driver is loaded or any network is used.
  Status bad = OpenConnection("postgres", "not a dsn", &conn);
  CHECK(bad.exit_code() == 2);
  CHECK(bad.message().find("not a PostgreSQL connection string") == 0);
  CHECK(OpenConnection("mysql", "nothing here", &conn).exit_code() == 2);
}

TEST_CASE("ReadSchema dispatches by the connection's engine") {
  std::unique_ptr<Connection> conn;
  REQUIRE(OpenConnection("sqlite3", ":memory:", &conn).ok());
  REQUIRE(conn->Exec("CREATE TABLE t (id INTEGER); CREATE TABLE goose_db_version (id INTEGER);").ok());
  SchemaDescription schema;
  REQUIRE(ReadSchema(*conn, "goose_db_version", &schema).ok());
  CHECK(schema.engine == "sqlite3");
  CHECK(SchemaText(schema) == "table t\ncolumn t.id: INTEGER\n");
}

TEST_CASE("table names: each engine's identifier limit less the longest companion-table suffix") {
  std::string longest;
  for (const std::string& suffix : CompanionTableSuffixes()) longest = suffix.size() > longest.size() ? suffix : longest;
  CHECK(longest == "_snapshots");
  for (const auto& [engine, allowed] : std::vector<std::pair<std::string, size_t>>{{"postgres", 53}, {"mysql", 54}}) {
    CAPTURE(engine);
    const Dialect& dialect = *FindEngine(engine)->dialect;
    CHECK(allowed + longest.size() == dialect.MaxIdentifierBytes());
    CHECK(ValidateTableNameFor(engine, std::string(allowed, 't')).ok());
    for (size_t length : {allowed + 1, size_t(62), size_t(63), size_t(64)}) {
      Status st = ValidateTableNameFor(engine, std::string(length, 't'));
      CHECK(st.exit_code() == 2);
      CHECK(st.message().find("at most " + std::to_string(allowed) + " (") != std::string::npos);
    }
    CHECK(ValidateTableNameFor(engine, std::string(dialect.MaxIdentifierBytes(), 's') + ".t").ok());
  }
  CHECK(ValidateTableNameFor("postgres", std::string(54, 't')).message() ==
        "table name \"" + std::string(54, 't') + "\" is too long for PostgreSQL: 54 bytes, at most 53 (PostgreSQL "
        "names have at most 63 bytes and gander adds \"_snapshots\" for its companion tables)");
  // SQLite has no limit on names.
  CHECK(FindEngine("sqlite3")->dialect->MaxIdentifierBytes() == 0);
  CHECK(ValidateTableNameFor("sqlite3", std::string(300, 't')).ok());
  CHECK(ValidateTableNameFor("sqlite3", "a b").exit_code() == 2);
}
