// golang-migrate's x- DSN parameters (db/dsn_migrate.h): each of a driver's
// takes effect or is ignored with a reason; any other x- one is an error;
// nothing of them reaches the client library, no password any message.
#include "db/dsn_migrate.h"

#include <doctest/doctest.h>

#include "core/status.h"
#include "db/client_options.h"
#include "db/dsn.h"

using namespace gander;

namespace {

MigrateSettings Read(const std::string& driver, const std::string& dsn) {
  MigrateSettings s;
  Status st = MigrateSettingsFor(driver, dsn, &s);
  REQUIRE_MESSAGE(st.ok(), st.message());
  return s;
}

// What reading `dsn` says: the parser's verdict on a server DSN (which
// checks golang-migrate's parameters too), MigrateSettingsFor's on SQLite.
Status Error(const std::string& driver, const std::string& dsn) {
  Dsn d;
  if (driver == "postgres") return ParsePostgresDsn(dsn, &d);
  if (driver == "mysql") return ParseMysqlDsn(dsn, &d);
  MigrateSettings s;
  return MigrateSettingsFor(driver, dsn, &s);
}

}  // namespace

TEST_CASE("golang-migrate's PostgreSQL parameters take effect or are ignored with the reason, never reach libpq") {
  const std::string base = "postgres://app:s3cret@db:5432/shop?sslmode=disable";
  MigrateSettings s = Read("postgres", base + "&x-migrations-table=migrate_versions&x-statement-timeout=1500");
  CHECK(s.migrations_table == "migrate_versions");
  CHECK(s.statement_timeout == std::chrono::milliseconds(1500));
  CHECK(s.ignored.empty());

  s = Read("postgres", base + "&x-migrations-table=%22app%22.%22migrate_versions%22&x-migrations-table-quoted=true");
  CHECK(s.migrations_table == "app.migrate_versions");
  s = Read("postgres", base + "&x-migrations-table-quoted=1&x-migrations-table=%22versions%22");
  CHECK(s.migrations_table == "versions");

  s = Read("postgres", base +
                           "&x-multi-statement=true&x-multi-statement-max-size=10485760&x-lock-strategy=table&"
                           "x-lock-table=schema_lock");
  REQUIRE(s.ignored.size() == 4);
  CHECK(s.ignored[0] == "DSN parameter x-multi-statement ignored: gander splits every file into statements itself");
  CHECK(s.ignored[2] == "DSN parameter x-lock-strategy ignored: gander takes its own lock on the database");

  // Not one of them is passed on: libpq would refuse it ("invalid connection option").
  std::string conninfo, search_path;
  REQUIRE(PostgresConninfo(base + "&x-migrations-table=v&x-multi-statement=false", ClientDeadlines(), &conninfo,
                           &search_path)
              .ok());
  CHECK(conninfo.find("x-") == std::string::npos);
  // Go's url.Values.Get: the first of two values counts.
  CHECK(Read("postgres", base + "&x-migrations-table=first&x-migrations-table=second").migrations_table == "first");
  CHECK(Read("postgres", base).migrations_table.empty());
}

TEST_CASE("golang-migrate's parameters with a wrong name or value are refused, naming the parameter only") {
  const std::string base = "postgres://app:s3cret@db:5432/shop?sslmode=disable";
  Dsn d;
  Status st = ParsePostgresDsn(base + "&x-migration-table=v", &d);  // a typo: no "s"
  CHECK(st.exit_code() == 2);
  CHECK(st.message() ==
        "unknown DSN parameter \"x-migration-table\": golang-migrate's postgres driver knows "
        "x-lock-strategy, x-lock-table, x-migrations-table, x-migrations-table-quoted, "
        "x-multi-statement, x-multi-statement-max-size, x-statement-timeout");
  CHECK(st.message().find("s3cret") == std::string::npos);
  // Another driver's parameter is unknown here.
  CHECK(ParsePostgresDsn(base + "&x-no-lock=true", &d).exit_code() == 2);
  CHECK(Error("postgres", base + "&x-statement-timeout=5s").message() ==
        "DSN parameter x-statement-timeout must be a whole number of milliseconds");
  CHECK(Error("postgres", base + "&x-multi-statement=yes").message() ==
        "DSN parameter x-multi-statement must be true or false");
  CHECK(Error("postgres", base + "&x-migrations-table=app.v").message().find("x-migrations-table-quoted=true") !=
        std::string::npos);
  CHECK(Error("postgres", base + "&x-migrations-table=v&x-migrations-table-quoted=true").message() ==
        "DSN parameter x-migrations-table must be quoted (\"schema\".\"table\") when x-migrations-table-quoted is "
        "true, as golang-migrate requires");
  CHECK(Error("postgres", base + "&x-migrations-table=v;drop").exit_code() == 2);
}

TEST_CASE("golang-migrate's MySQL and SQLite parameters") {
  for (const std::string& dsn :
       {std::string("mysql://app:s3cret@db:3306/shop?x-migrations-table=mv&x-no-lock=true"),
        std::string("app:s3cret@tcp(db:3306)/shop?parseTime=true&x-migrations-table=mv&x-no-lock=1")}) {
    CAPTURE(dsn);
    MigrateSettings s = Read("mysql", dsn);
    CHECK(s.migrations_table == "mv");
    REQUIRE(s.ignored.size() == 1);
    CHECK(s.ignored[0] == "DSN parameter x-no-lock ignored: gander takes its own lock on the database");
    Dsn d;
    REQUIRE(ParseMysqlDsn(dsn, &d).ok());
    CHECK(d.params.count("x-migrations-table") == 0);  // not passed on as a session variable
  }
  CHECK(Read("mysql", "mysql://app@db/shop?x-statement-timeout=250").statement_timeout ==
        std::chrono::milliseconds(250));
  // TLS gander cannot give yet: refused rather than connecting without it.
  Dsn d;
  Status st = ParseMysqlDsn("mysql://app:s3cret@db/shop?tls=custom&x-tls-ca=%2Fetc%2Fca.pem", &d);
  CHECK(st.exit_code() == 2);
  CHECK(st.message().find("x-tls-ca (golang-migrate's MySQL TLS setting) is not supported yet") != std::string::npos);
  CHECK(ParseMysqlDsn("mysql://app@db/shop?x-multi-statement=true", &d).exit_code() == 2);

  MigrateSettings s = Read("sqlite3", "file:app.db?x-migrations-table=mv&x-no-tx-wrap=true&_foreign_keys=on");
  CHECK(s.migrations_table == "mv");
  REQUIRE(s.ignored.size() == 1);
  CHECK(s.ignored[0].rfind("DSN parameter x-no-tx-wrap ignored: gander runs a file that writes its own BEGIN", 0) == 0);
  CHECK(Error("sqlite3", "file:app.db?x-statement-timeout=5").exit_code() == 2);
  // A plain path's '?' is part of the file's name, as SQLite reads it.
  CHECK(Read("sqlite3", "app.db?x-migrations-table=mv").migrations_table.empty());
}
