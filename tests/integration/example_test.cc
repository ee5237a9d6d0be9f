// migrations-example/ is what a new user runs first (README command 1).
#include <doctest/doctest.h>

#include "integration/harness.h"

using namespace gander::test;

TEST_CASE("migrations-example applies fully and its down parts restore an empty schema") {
  ScratchDb db("sqlite3");
  std::string dir = std::string(GANDER_SOURCE_DIR) + "/migrations-example";
  TempDir audit;  // keeps snapshots out of the source tree
  std::map<std::string, std::string> env = {{"GANDER_SNAPSHOT_DIR", audit.Join("snapshots")}};
  RunResult r = RunGander(Args(Target(db, dir), {"up"}), env);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(db.Query("SELECT order_count FROM users WHERE id = 1")[0][0] == "2");  // backfill ran
  CHECK(db.Query("SELECT total_cents FROM user_order_totals WHERE user_id = 2")[0][0] == "4999");

  r = RunGander(Args(Target(db, dir), {"down-to", "0", "--yes"}), env);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto objects = db.Query(
      "SELECT type, name FROM sqlite_master WHERE tbl_name NOT LIKE 'goose_db_version%' AND name NOT LIKE 'sqlite_%'");
  CHECK(objects.empty());

  r = RunGander({"-dir", dir, "validate"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("6 migrations are valid") != std::string::npos);
}
