// The pre-flight of up and down on every engine: lint refusals before
// anything runs (docs/lint.md#pre-flight-in-up-and-down), and migrations
// without a down part (nothing to undo; --allow-no-down, "no_down": "skip").
#include <doctest/doctest.h>

#include "integration/harness.h"

using namespace gander::test;

TEST_CASE("up and down refuse a plan that breaks an error lint rule, naming file:line and rule; --no-lint runs it") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/lint_preflight", "m");
    std::string m = dir.Join("m");
    RunResult r = GanderOn(db, m, {"up-to", "2"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);

    // 00003 drops a column holding data since 00001: refused, nothing run.
    r = GanderOn(db, m, {"up"});
    CHECK(r.exit_code == 3);
    CHECK(Contains(r.err, "gander: up: lint found 2 errors in the plan, nothing was run ("));
    CHECK(Contains(r.err, "gander: " + m + "/00003_drop_legacy.sql:2: GL302 error: "));
    CHECK(Contains(r.err, "gander: " + m + "/00003_drop_legacy.sql:2: GL313 error: "));
    CHECK(db.TrackingRows() == "0:1 1:1 2:1");
    r = GanderOn(db, m, {"up", "--json"});
    CHECK(r.exit_code == 3);
    CHECK(Contains(r.out, "lint found 2 errors in the plan"));  // the error object; the findings on stderr
    CHECK(Contains(r.err, "GL302 error"));

    r = GanderOn(db, m, {"up"}, {{"GANDER_NO_LINT", "1"}});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1");
    r = GanderOn(db, m, {"down"});  // 00003's down part only adds the column back
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);

    // 00002's down part drops a column 00001 created: the rollback is refused.
    r = GanderOn(db, m, {"down"});
    CHECK(r.exit_code == 3);
    CHECK(Contains(r.err, "gander: down: lint found 1 error in the plan"));
    CHECK(Contains(r.err, "gander: " + m + "/00002_audit.sql:6: GL312 error: "));
    CHECK(db.TrackingRows() == "0:1 1:1 2:1");
    CHECK(db.TableExists("audit"));
    r = GanderOn(db, m, {"--no-lint", "down"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1");
  }
}

TEST_CASE("a refused first run creates nothing, not even the tracking table") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/lint_drops_unknown", "m");
    RunResult r = GanderOn(db, dir.Join("m"), {"up"});
    CHECK(r.exit_code == 3);
    CHECK(Contains(r.err, "gander: " + dir.Join("m") + "/00001_cleanup.sql:2: GL301 error: "));
    CHECK_FALSE(db.TableExists("goose_db_version"));
    CHECK_FALSE(db.TableExists("sessions"));
  }
}

TEST_CASE("goose's integration scenario: up all, down-to 0, up-by-one to the newest, with an annotation-only file") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/goose_scenario", "m");
    std::string m = dir.Join("m");
    RunResult r = GanderOn(db, m, {"up"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1 6:1");

    r = GanderOn(db, m, {"plan", "down-to", "0"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(Contains(r.out, "-- down 4 00004_empty.sql: nothing to undo (no statement in its up part): rolled back "
                          "without running anything\n"));
    r = GanderOn(db, m, {"down-to", "0", "--yes"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1");
    CHECK_FALSE(db.TableExists("owners"));

    for (int version = 1; version <= 6; ++version) {
      r = GanderOn(db, m, {"up-by-one"});
      REQUIRE_MESSAGE(r.exit_code == 0, r.err);
      CHECK(Contains(r.out, "successfully migrated database to version: " + std::to_string(version)));
    }
    r = GanderOn(db, m, {"up-by-one"});
    CHECK(r.exit_code == 1);  // goose: no next version
    CHECK(Contains(r.err, "no next migration to apply; current version: 6"));
    CHECK(db.Query("SELECT count(*) FROM repos")[0][0] == "3");
  }
}

TEST_CASE("a migration without a down part: --allow-no-down or \"no_down\": \"skip\" rolls it back as goose does") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/no_down", "m");
    std::string m = dir.Join("m");
    REQUIRE(GanderOn(db, m, {"up"}).exit_code == 0);
    RunResult r = GanderOn(db, m, {"down"});
    CHECK(r.exit_code == 3);
    CHECK(Contains(r.err, "migration 2 has no down part ("));
    CHECK(Contains(r.err, "--allow-no-down"));

    r = GanderOn(db, m, {"plan", "down", "--allow-no-down"});
    CHECK(Contains(r.out, "-- down 2 00002_irreversible.sql: no down part: recorded as rolled back without running "
                          "anything\n"));
    r = GanderOn(db, m, {"down", "--allow-no-down"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(Contains(r.err, "no down part: recorded as rolled back without running anything"));
    CHECK(db.TrackingRows() == "0:1 1:1");
    CHECK(db.TableExists("irreversible"));  // nothing ran

    // The table is still there (goose's trade-off): drop it to apply 00002 again.
    REQUIRE(db.conn().Exec("DROP TABLE irreversible").ok());
    dir.Write("gander.json", "{\"no_down\": \"skip\"}\n");
    REQUIRE(GanderOn(db, m, {"up"}).exit_code == 0);
    r = GanderOn(db, m, {"down"}, {}, dir.path());
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1");
    dir.Write("gander.json", "{\"no_down\": \"sometimes\"}\n");
    r = GanderOn(db, m, {"down"}, {}, dir.path());
    CHECK(r.exit_code == 2);
    CHECK(Contains(r.err, "gander.json: setting \"no_down\" must be \"refuse\" or \"skip\""));
  }
}
