// app/adopt: taking over golang-migrate's or dbmate's record, on the fake
// database (SQLite in memory; MySQL-like for DDL that commits on its own).
#include "app/adopt.h"

#include <doctest/doctest.h>

#include "app/migration_files.h"
#include "engine_fixture.h"

using namespace gander;
using namespace gander::test;

namespace {

void GolangMigrateTable(FakeDatabase& db, const std::string& row) {
  REQUIRE(db.Exec("CREATE TABLE schema_migrations (version uint64, dirty bool)").ok());
  if (!row.empty()) REQUIRE(db.Exec("INSERT INTO schema_migrations (version, dirty) VALUES " + row).ok());
}

bool HasTrackingTable(FakeDatabase& db) {
  return db.Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'goose_db_version'") == "1";
}

}  // namespace

TEST_CASE("golang-migrate's version: every migration up to it is applied, recorded by the first change") {
  for (FakeEngine engine : {FakeEngine::kSqlite, FakeEngine::kMysqlLike}) {
    EngineFixture f(engine);
    f.TableMigrations({"a", "b", "c", "d"});
    GolangMigrateTable(f.db, "(3, false)");
    REQUIRE(f.Migrate(PlanKind::kUp).ok());
    CHECK(f.db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1");
    CHECK(f.reporter.Lines("notice: recorded 3 version(s) as applied (1, 2, 3)").size() == 1);
    CHECK(f.db.Scalar("SELECT count(*) FROM goose_db_version_history WHERE outcome = 'adopted' "
                      "AND up_sha256 IS NOT NULL") == "3");
    CHECK(f.db.Scalar("SELECT version || ':' || dirty FROM schema_migrations") == "3:0");
    // Only 4 ran.
    CHECK(f.db.CountCalls("CREATE TABLE a") == 0);
    CHECK(f.db.CountCalls("CREATE TABLE d") == 1);
  }
}

TEST_CASE("the tracking table and the adopted rows come together or not at all") {
  EngineFixture f;
  f.TableMigrations({"a", "b"});
  GolangMigrateTable(f.db, "(1, false)");
  f.db.FailWhen("INSERT INTO \"goose_db_version\"", Fault::kPermanent);
  CHECK(!f.Migrate(PlanKind::kUp).ok());
  CHECK(!HasTrackingTable(f.db));
  // The next run takes over as if nothing had happened.
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  CHECK(f.db.TrackingRows() == "0:1 1:1 2:1");
}

TEST_CASE("what cannot be taken over as it is refuses the command before anything is written") {
  EngineFixture f;
  f.TableMigrations({"a", "b"});
  SUBCASE("dirty") {
    GolangMigrateTable(f.db, "(2, true)");
    Status st = f.Migrate(PlanKind::kUp);
    CHECK(st.code() == StatusCode::kRefused);
    CHECK(st.message().find("golang-migrate's schema_migrations marks version 2 dirty") == 0);
    CHECK(st.message().find("`migrate -path m -database URL force VERSION`") != std::string::npos);
  }
  SUBCASE("dirty at golang-migrate's nil version (a failed down of the first migration)") {
    GolangMigrateTable(f.db, "(-1, true)");
    CHECK(f.Migrate(PlanKind::kUp).message().find("marks version -1 dirty") != std::string::npos);
  }
  SUBCASE("two rows") {
    GolangMigrateTable(f.db, "(1, false), (2, false)");
    CHECK(f.Migrate(PlanKind::kUp).message().find("holds 2 rows, but golang-migrate keeps one") != std::string::npos);
  }
  SUBCASE("a version with no file") {
    GolangMigrateTable(f.db, "(9, false)");
    CHECK(f.Migrate(PlanKind::kUp).message().find("says version 9, but m has no migration 9") != std::string::npos);
  }
  SUBCASE("a dbmate version that is no number") {
    REQUIRE(f.db.Exec("CREATE TABLE schema_migrations (version varchar(128) primary key)").ok());
    REQUIRE(f.db.Exec("INSERT INTO schema_migrations VALUES ('1'), ('add_users')").ok());
    CHECK(f.Migrate(PlanKind::kUp).message().find("holds version \"add_users\"") != std::string::npos);
  }
  CHECK(!HasTrackingTable(f.db));
  CHECK(f.db.CountCalls("CREATE TABLE a") == 0);
}

TEST_CASE("nothing to take over: an empty golang-migrate table, or another tool's shape") {
  EngineFixture f;
  f.TableMigrations({"a"});
  SUBCASE("empty (golang-migrate after rolling everything back)") { GolangMigrateTable(f.db, ""); }
  SUBCASE("no version column") {
    REQUIRE(f.db.Exec("CREATE TABLE schema_migrations (id integer, name text)").ok());
  }
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  CHECK(f.db.TrackingRows() == "0:1 1:1");
  CHECK(f.reporter.Lines("notice: recorded").empty());
}

TEST_CASE("dbmate: every row is a version, with or without its file") {
  EngineFixture f;
  f.TableMigrations({"a", "b", "c"});
  REQUIRE(f.db.Exec("CREATE TABLE schema_migrations (version varchar(128) primary key)").ok());
  REQUIRE(f.db.Exec("INSERT INTO schema_migrations VALUES ('00002'), ('00001'), ('00007')").ok());
  std::unique_ptr<Session> session = f.db.OpenSession();
  std::vector<MigrationSource> sources;
  REQUIRE(ListMigrations(f.env, "m", &sources).ok());
  DbVersions versions;
  std::optional<DirtyState> dirty;
  std::optional<Adoption> adoption;
  REQUIRE(ReadStateAdopting(*session, sources, "m", &versions, &dirty, &adoption).ok());
  REQUIRE(adoption);
  CHECK(adoption->versions == std::vector<int64_t>{1, 2, 7});
  CHECK(DescribeAdoption(*adoption) == "dbmate's schema_migrations (3 rows)");
  CHECK(versions.applied.size() == 3);
  CHECK(versions.current() == 7);
  CHECK(!HasTrackingTable(f.db));  // reading writes nothing
}

TEST_CASE("the other tool's table is looked for in the tracking table's schema") {
  CHECK(ForeignTableFor("goose_db_version") == "schema_migrations");
  CHECK(ForeignTableFor("app.goose_db_version") == "app.schema_migrations");
  CHECK(VersionList({1, 2, 3}) == "1, 2, 3");
  CHECK(VersionList({1, 2, 3, 4, 5, 6, 7, 8}) == "1, 2, 3, ..., 8");
}
