// migrations-example/ is what a new user runs first (README command 1), and
// the runbook tells them to run it on their own engine: the same files must
// work on each.
#include <doctest/doctest.h>

#include "integration/harness.h"

using namespace gander::test;

namespace {

// The tables and views the example left behind (gander's and goose's own
// tables excepted).
std::vector<std::vector<std::string>> UserObjects(ScratchDb& db) {
  if (db.driver() == "sqlite3") {
    return db.Query("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'goose_db_version%' "
                    "AND name NOT LIKE 'sqlite_%'");
  }
  std::string schema = db.driver() == "postgres" ? "current_schema()" : "DATABASE()";
  return db.Query("SELECT table_type, table_name FROM information_schema.tables WHERE table_schema = " + schema +
                  " AND table_name NOT LIKE 'goose_db_version%' AND table_name NOT LIKE 'gander_%'");
}

}  // namespace

TEST_CASE("migrations-example runs unchanged on every engine: up, status, down-to 0 --yes, up") {
  std::string dir = std::string(GANDER_SOURCE_DIR) + "/migrations-example";
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir audit;  // keeps snapshots out of the source tree
    std::map<std::string, std::string> env = {{"GANDER_SNAPSHOT_DIR", audit.Join("snapshots")}};

    RunResult r = RunGander(Args(Target(db, dir), {"up"}), env);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(Contains(r.out, "successfully migrated database to version: 6"));
    CHECK(db.Query("SELECT order_count FROM users WHERE id = 1")[0][0] == "2");  // the backfill ran
    CHECK(db.Query("SELECT total_cents FROM user_order_totals WHERE user_id = 2")[0][0] == "4999");
    CHECK(db.Query("SELECT status FROM orders WHERE id = 3")[0][0] == "placed");

    r = RunGander(Args(Target(db, dir), {"status"}), env);
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(Contains(r.out, "00006_add_order_status.up.sql"));
    CHECK_FALSE(Contains(r.out, "Pending"));

    r = RunGander(Args(Target(db, dir), {"down-to", "0", "--yes"}), env);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(UserObjects(db).empty());
    CHECK(db.TrackingRows() == "0:1");

    r = RunGander(Args(Target(db, dir), {"up"}), env);
    CHECK_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1 6:1");
    CHECK(db.Query("SELECT COUNT(*) FROM orders")[0][0] == "3");
  }
}

TEST_CASE("migrations-example is valid without a database") {
  RunResult r = RunGander({"-dir", std::string(GANDER_SOURCE_DIR) + "/migrations-example", "validate"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("6 migrations are valid") != std::string::npos);
}
