#include "core/settings.h"

#include <doctest/doctest.h>

#include "cli/argv.h"
#include "core/dotenv.h"

using namespace gander;

TEST_CASE("settings: flag > GANDER_* env > GOOSE_* env > .env GANDER_* > .env GOOSE_* > gander.json > default") {
  std::map<std::string, std::string> flags, env, dotenv, project;
  auto resolve = [&](const char* name) {
    auto flag = flags.find(name);
    return ResolveSetting(name, CoreSettingSources(name), flag == flags.end() ? nullptr : &flag->second, env, dotenv,
                          project, "gander.json");
  };
  auto dir = [&] { return resolve("dir"); };
  CHECK(dir().value == ".");
  CHECK(dir().source == "default");
  project["dir"] = "p";
  CHECK(dir().value == "p");
  CHECK(dir().source == "gander.json");
  dotenv["GOOSE_MIGRATION_DIR"] = "a";
  CHECK(dir().value == "a");
  CHECK(dir().source == ".env GOOSE_MIGRATION_DIR");
  dotenv["GANDER_MIGRATION_DIR"] = "b";
  CHECK(dir().value == "b");
  env["GOOSE_MIGRATION_DIR"] = "c";
  CHECK(dir().value == "c");
  CHECK(dir().source == "env GOOSE_MIGRATION_DIR");
  env["GANDER_MIGRATION_DIR"] = "d";
  CHECK(dir().value == "d");
  flags["dir"] = "e";
  CHECK(dir().value == "e");
  CHECK(dir().source == "flag");
  CHECK(resolve("table").value == "goose_db_version");
}

TEST_CASE("table names are validated identifiers") {
  for (const char* ok : {"goose_db_version", "app.versions", "_x1"}) CHECK(ValidateTableName(ok).ok());
  for (const char* bad : {"", "a;b", "a b", "1abc", "a.b.c", "x\"y", "a-b"}) {
    CAPTURE(bad);
    CHECK(ValidateTableName(bad).exit_code() == 2);
  }
  // Without an engine's limit only the syntax counts (SQLite has no limit).
  CHECK(ValidateTableName(std::string(200, 'a')).ok());
}

TEST_CASE("table names leave room for the longest companion-table suffix within the engine's limit") {
  IdentifierLimit pg{63, "PostgreSQL", "_snapshots"};
  CHECK(ValidateTableName(std::string(53, 'a'), pg).ok());
  Status st = ValidateTableName(std::string(54, 'a'), pg);
  CHECK(st.exit_code() == 2);
  CHECK(st.message() == "table name \"" + std::string(54, 'a') + "\" is too long for PostgreSQL: 54 bytes, at most 53 "
                        "(PostgreSQL names have at most 63 bytes and gander adds \"_snapshots\" for its companion tables)");
  // The schema part gets no suffix: the whole limit.
  CHECK(ValidateTableName(std::string(63, 's') + "." + std::string(53, 't'), pg).ok());
  CHECK(ValidateTableName(std::string(64, 's') + ".t", pg).message().find("schema name") == 0);
  CHECK(ValidateTableName("s." + std::string(54, 't'), pg).exit_code() == 2);
  IdentifierLimit mysql{64, "MySQL", "_snapshots"};
  CHECK(ValidateTableName(std::string(54, 'a'), mysql).ok());
  CHECK_FALSE(ValidateTableName(std::string(55, 'a'), mysql).ok());
  CHECK(ValidateTableName("bad name", pg).message().find("invalid table name") == 0);
}

TEST_CASE(".env files: export, comments, quotes; errors name the line, never the value") {
  std::map<std::string, std::string> v;
  REQUIRE(ParseDotenv("# comment\nexport GOOSE_DRIVER=sqlite3\nGOOSE_DBSTRING='./a b.db'\n\n"
                      "X=\"line\\nnext\"\nY=plain value # trailing\n",
                      &v).ok());
  CHECK(v["GOOSE_DRIVER"] == "sqlite3");
  CHECK(v["GOOSE_DBSTRING"] == "./a b.db");
  CHECK(v["X"] == "line\nnext");
  CHECK(v["Y"] == "plain value");
  Status st = ParseDotenv("A=1\nB='s3cret\n", &v);
  CHECK(st.exit_code() == 2);
  CHECK(st.line() == 2);
  CHECK(st.ToString().find("s3cret") == std::string::npos);
}

TEST_CASE("goose's single-dash long flags become CLI11's double-dash ones") {
  std::set<std::string> known = {"dir", "table", "allow-missing"};
  CHECK(NormalizeArgs({"-dir", "m", "-table=t", "-allow-missing", "-v", "-s", "--dir", "x", "-5", "-"}, known) ==
        std::vector<std::string>{"--dir", "m", "--table=t", "--allow-missing", "-v", "-s", "--dir", "x", "-5", "-"});
  CHECK(NormalizeArgs({"--", "-dir"}, known) == std::vector<std::string>{"--", "-dir"});
}
