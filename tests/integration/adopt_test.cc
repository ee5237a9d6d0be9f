// Taking over a database golang-migrate or dbmate migrated (docs/adopting.md):
// the other tool's table made exactly as that tool makes and writes it, then
// gander's status, up and down; that table is never changed.
#include <algorithm>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "integration/harness.h"

using namespace gander::test;

namespace {

// golang-migrate's schema_migrations (or the x-migrations-table `name`, in
// PostgreSQL's `schema`) as its driver for `engine` creates it
// (ensureVersionTable) and SetVersion writes it: the table emptied, one row.
void MakeGolangMigrateTable(ScratchDb& db, int version, bool dirty, const std::string& name = "schema_migrations",
                            const std::string& schema = "public") {
  gander::Connection& c = db.conn();
  std::string table, create;
  if (db.driver() == "sqlite3") {
    table = name;
    create = "CREATE TABLE IF NOT EXISTS " + name + " (version uint64,dirty bool); "
             "CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON " + name + " (version);";
  } else if (db.driver() == "postgres") {
    table = "\"" + schema + "\".\"" + name + "\"";
    create = "CREATE TABLE IF NOT EXISTS " + table + " (version bigint not null primary key, dirty boolean not null)";
  } else {
    table = "`" + name + "`";
    create = "CREATE TABLE IF NOT EXISTS " + table + " (version bigint not null primary key, dirty boolean not null)";
  }
  REQUIRE(c.Exec(create).ok());
  REQUIRE(c.Exec("DELETE FROM " + table).ok());
  REQUIRE(c.Exec("INSERT INTO " + table + " (version, dirty) VALUES (" + std::to_string(version) + ", " +
                 c.dialect().BoolLiteral(dirty) + ")").ok());
}

// dbmate's schema_migrations (CreateMigrationsTable) and a row per applied
// migration (InsertMigration), the version as the file name's digits.
void MakeDbmateTable(ScratchDb& db, const std::vector<std::string>& versions) {
  gander::Connection& c = db.conn();
  std::string table = db.driver() == "postgres" ? "\"public\".\"schema_migrations\"" : "schema_migrations";
  std::string type = db.driver() == "postgres" ? "varchar(255)" : "varchar(128)";
  REQUIRE(c.Exec("create table if not exists " + table + " (version " + type + " primary key)").ok());
  for (const std::string& v : versions) {
    REQUIRE(c.Exec("insert into " + table + " (version) values ('" + v + "')").ok());
  }
}

std::string ForeignRows(ScratchDb& db) {
  std::string text;
  for (const auto& row : db.Query("SELECT * FROM schema_migrations ORDER BY version")) {
    if (!text.empty()) text += " ";
    for (size_t i = 0; i < row.size(); ++i) text += (i ? ":" : "") + row[i];
  }
  return text;
}

// A database on `engine` that another tool brought to version 3 of the basic
// fixture: its schema changed, no goose tracking table (that tool's own
// table is each test's to make).
struct MigratedElsewhere {
  explicit MigratedElsewhere(const std::string& engine) : db(engine) {
    dir.CopyFixture("migrations/basic", "m");
    target = Target(db, dir.Join("m"));
    RunResult r = RunGander(Args(target, {"-no-versioning", "up-to", "3"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    REQUIRE(!db.TableExists("goose_db_version"));
  }
  ScratchDb db;
  TempDir dir;
  std::vector<std::string> target;
};

}  // namespace

TEST_CASE("a database golang-migrate migrated is taken over: status shows it, up applies only the rest") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    MigratedElsewhere m(engine);
    ScratchDb& db = m.db;
    const auto& target = m.target;
    MakeGolangMigrateTable(db, 3, false);

    RunResult r = RunGander(Args(target, {"status"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(Contains(r.out, "by golang-migrate" + std::string(8, ' ') + "-- 00003_seed_users.sql"));
    CHECK(Contains(r.out, "Pending" + std::string(18, ' ') + "-- 00004_order_totals_view.sql"));
    CHECK(Contains(r.out, "records 3 version(s) as applied, taken over from golang-migrate's schema_migrations "
                          "(version 3)"));
    r = RunGander(Args(target, {"--json", "status"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto status = nlohmann::json::parse(r.out);
    CHECK(status["current_version"] == 3);
    CHECK(status["adopting"]["tool"] == "golang-migrate");
    CHECK(status["adopting"]["versions"] == nlohmann::json::array({1, 2, 3}));
    CHECK(!db.TableExists("goose_db_version"));  // status writes nothing

    r = RunGander(Args(target, {"plan"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(Contains(r.out, "version 3 -> 5, 2 migration(s)"));
    CHECK(Contains(r.out, "-- first records version(s) 1, 2, 3 as applied in goose_db_version"));

    r = RunGander(Args(target, {"up"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(Contains(r.err, "recorded 3 version(s) as applied (1, 2, 3) in goose_db_version, taken over from "
                          "golang-migrate's schema_migrations (version 3), which stays as it is"));
    CHECK(!Contains(r.out, "00003_seed_users.sql"));
    CHECK(Contains(r.out, "00004_order_totals_view.sql"));
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1");
    CHECK(db.Query("SELECT COUNT(*) FROM goose_db_version_history WHERE outcome = 'adopted'")[0][0] == "3");
    // The adopted versions have their checksums: no second adoption of them.
    CHECK(db.Query("SELECT COUNT(*) FROM goose_db_version_history WHERE outcome = 'checksum_adopted'")[0][0] == "0");

    r = RunGander(Args(target, {"down-to", "2", "--yes"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1");
    CHECK(db.Query("SELECT COUNT(*) FROM users")[0][0] == "0");  // 3's down part ran: the seed is gone

    r = RunGander(Args(target, {"status"}));
    CHECK(!Contains(r.out, "taken over"));  // the tracking table is the record now
    CHECK(ForeignRows(db) == "3:0");        // golang-migrate's row, as it was
  }
}

TEST_CASE("a dirty golang-migrate table is refused with what to check, and nothing changes") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    MigratedElsewhere m(engine);
    ScratchDb& db = m.db;
    const auto& target = m.target;
    MakeGolangMigrateTable(db, 3, true);

    RunResult r = RunGander(Args(target, {"up"}));
    CHECK(r.exit_code == 3);
    CHECK(Contains(r.err, "golang-migrate's schema_migrations marks version 3 dirty"));
    CHECK(Contains(r.err, "force VERSION"));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one line
    CHECK(!db.TableExists("goose_db_version"));
    CHECK(ForeignRows(db) == "3:1");

    r = RunGander(Args(target, {"status"}));  // status shows the state and the same explanation
    CHECK(r.exit_code == 0);
    CHECK(Contains(r.out, "marks version 3 dirty"));

    // Once golang-migrate says the database is clean, gander takes over.
    REQUIRE(db.conn().Exec("UPDATE schema_migrations SET dirty = " + db.conn().dialect().BoolLiteral(false)).ok());
    r = RunGander(Args(target, {"up"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1");
  }
}

TEST_CASE("a golang-migrate version without its file is refused: the folder is not the one it ran") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  auto target = Target(db, dir.Join("m"));
  MakeGolangMigrateTable(db, 7, false);
  RunResult r = RunGander(Args(target, {"up"}));
  CHECK(r.exit_code == 3);
  CHECK(Contains(r.err, "says version 7, but " + dir.Join("m") + " has no migration 7; check -dir"));
  CHECK(!db.TableExists("goose_db_version"));
}

TEST_CASE("a database dbmate migrated is taken over row by row; up and down run only what is missing") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    MigratedElsewhere m(engine);
    ScratchDb& db = m.db;
    const auto& target = m.target;
    MakeDbmateTable(db, {"00001", "00002", "00003"});

    RunResult r = RunGander(Args(target, {"--json", "status"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto status = nlohmann::json::parse(r.out);
    CHECK(status["adopting"]["tool"] == "dbmate");
    CHECK(status["adopting"]["versions"] == nlohmann::json::array({1, 2, 3}));
    CHECK(status["migrations"][2]["applied"] == true);
    CHECK(status["migrations"][3]["applied"] == false);

    r = RunGander(Args(target, {"up"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(Contains(r.err, "taken over from dbmate's schema_migrations (3 rows)"));
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1");
    r = RunGander(Args(target, {"down"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1");
    CHECK(ForeignRows(db) == "00001 00002 00003");
  }
}

TEST_CASE("goose's own table is the record even when another tool's table is there too") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  auto target = Target(db, dir.Join("m"));
  REQUIRE(RunGander(Args(target, {"up-to", "1"})).exit_code == 0);
  MakeGolangMigrateTable(db, 3, true);  // even a dirty one is not looked at
  RunResult r = RunGander(Args(target, {"up"}));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(!Contains(r.err, "taken over"));
  CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1");
}

// The DSN of `db` with golang-migrate's parameters `query` added (SQLite: as
// a file: URI, the form that carries parameters).
std::string WithMigrateParams(const ScratchDb& db, const std::string& query) {
  if (db.driver() == "sqlite3") return "file:" + db.dsn() + "?" + query;
  return db.dsn() + (db.dsn().find('?') == std::string::npos ? "?" : "&") + query;
}

TEST_CASE("golang-migrate's x-migrations-table in the DSN names the table taken over, on every engine") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    MigratedElsewhere m(engine);
    ScratchDb& db = m.db;
    MakeGolangMigrateTable(db, 3, false, "migrate_versions");
    std::string dir = m.target[1];

    // Without the parameter there is nothing to take over: schema_migrations is absent.
    RunResult r = RunGander(Args(m.target, {"status"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(!Contains(r.out, "taken over"));

    const std::vector<std::string> target = {"-dir", dir, engine,
                                             WithMigrateParams(db, "x-migrations-table=migrate_versions")};
    r = RunGander(Args(target, {"-v", "status"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(Contains(r.out, "taken over from golang-migrate's migrate_versions (version 3)"));
    CHECK(Contains(r.err, "DSN parameter x-migrations-table: golang-migrate's table is migrate_versions"));
    r = RunGander(Args(target, {"up"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(Contains(r.err, "recorded 3 version(s) as applied (1, 2, 3) in goose_db_version, taken over from "
                          "golang-migrate's migrate_versions (version 3), which stays as it is"));
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1");
    CHECK(db.Query("SELECT version, dirty FROM migrate_versions").size() == 1);  // as it was

    // The parameters gander ignores are -v notices; an unknown one is refused.
    std::string ignored = engine == "postgres" ? "x-multi-statement=true" : engine == "mysql" ? "x-no-lock=true"
                                                                                                : "x-no-tx-wrap=true";
    r = RunGander({"-v", "-dir", dir, engine, WithMigrateParams(db, ignored), "status"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(Contains(r.err, "DSN parameter " + ignored.substr(0, ignored.find('=')) + " ignored: "));
    r = RunGander({"-dir", dir, engine, WithMigrateParams(db, "x-migration-table=migrate_versions"), "status"});
    CHECK(r.exit_code == 2);
    CHECK(Contains(r.err, "unknown DSN parameter \"x-migration-table\": golang-migrate's "));
    CHECK(!Contains(r.err, "gander-test-"));  // the servers' password
  }
}

TEST_CASE("x-migrations-table-quoted names golang-migrate's table in another PostgreSQL schema") {
  for (const std::string& engine : TestEngines()) {
    if (engine != "postgres") continue;
    MigratedElsewhere m(engine);
    REQUIRE(m.db.conn().Exec("CREATE SCHEMA migrate").ok());
    MakeGolangMigrateTable(m.db, 3, false, "versions", "migrate");
    std::vector<std::string> target = {
        "-dir", m.target[1], engine,
        WithMigrateParams(m.db, "x-migrations-table=%22migrate%22.%22versions%22&x-migrations-table-quoted=true")};
    RunResult r = RunGander(Args(target, {"up"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(Contains(r.err, "taken over from golang-migrate's migrate.versions (version 3)"));
    CHECK(m.db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1");
  }
}
