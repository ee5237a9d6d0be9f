// The migration scenarios of the core, run unchanged on every engine under
// test (SQLite always; PostgreSQL and MariaDB when their servers are given).
#include <algorithm>

#include <doctest/doctest.h>

#include "integration/harness.h"

using namespace gander::test;

TEST_CASE("up, status, version, down, down-to, redo, reset and up-to on every engine") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    std::string m = dir.Join("m");

    RunResult r = GanderOn(db, m, {"status"});
    CHECK(r.exit_code == 0);
    CHECK(Contains(r.out, "Pending"));
    CHECK_FALSE(db.TableExists("goose_db_version"));  // status creates nothing

    r = GanderOn(db, m, {"up"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(Contains(r.out, "successfully migrated database to version: 5"));
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1");

    r = GanderOn(db, m, {"up"});
    CHECK(r.exit_code == 0);
    CHECK(Contains(r.out, "no migrations to run. current version: 5"));
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1");

    r = GanderOn(db, m, {"version"});
    CHECK(r.exit_code == 0);
    CHECK(Contains(r.out, "version 5"));

    r = GanderOn(db, m, {"status"});
    CHECK(r.exit_code == 0);
    CHECK_FALSE(Contains(r.out, "Pending"));

    r = GanderOn(db, m, {"down"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1");

    r = GanderOn(db, m, {"down", "--steps", "2", "--yes"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1");

    r = GanderOn(db, m, {"redo"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1");

    r = GanderOn(db, m, {"down-to", "2"});
    CHECK(r.exit_code == 0);
    CHECK(Contains(r.out, "nothing to roll back"));

    r = GanderOn(db, m, {"up-to", "4"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1");

    r = GanderOn(db, m, {"up-by-one"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1");

    r = GanderOn(db, m, {"down-to", "1", "--yes"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1");

    r = GanderOn(db, m, {"reset", "--yes"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1");

    // Every down part really undid its up part: no user table is left.
    r = GanderOn(db, m, {"up"});
    REQUIRE(r.exit_code == 0);
    r = GanderOn(db, m, {"down-to", "0", "--yes"});
    REQUIRE(r.exit_code == 0);
    CHECK(db.TrackingRows() == "0:1");
  }
}

TEST_CASE("paired .up.sql/.down.sql migrations run both ways") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/paired", "m");
    RunResult r = GanderOn(db, dir.Join("m"), {"up"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1");
    r = GanderOn(db, dir.Join("m"), {"reset", "--yes"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1");
  }
}

TEST_CASE("a failing statement stops the run, names the statement and keeps earlier migrations") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/fail_mid", "m");
    RunResult r = GanderOn(db, dir.Join("m"), {"up"});
    CHECK(r.exit_code == 1);
    CHECK(Contains(r.err, "migration 2 up failed at statement 2 of 3"));
    CHECK(Contains(r.err, "00002_"));
    // One line; on MySQL (DDL commits implicitly) a second one says at once
    // that the database is now dirty and how to recover (#20 item 4).
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == (engine == "mysql" ? 2 : 1));
    CHECK(Contains(r.err, "the database is now dirty") == (engine == "mysql"));
    CHECK(db.TrackingRows() == "0:1 1:1");
    if (engine != "mysql") {
      // Transactional DDL: migration 2 left nothing behind, a retry starts clean.
      r = GanderOn(db, dir.Join("m"), {"status"});
      CHECK_FALSE(Contains(r.out, "DIRTY"));
    }
  }
}

TEST_CASE("rolling back a migration without a down part is refused and changes nothing") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/no_down", "m");
    REQUIRE(GanderOn(db, dir.Join("m"), {"up"}).exit_code == 0);
    RunResult r = GanderOn(db, dir.Join("m"), {"down"});
    CHECK(r.exit_code == 3);
    CHECK(Contains(r.err, "no down part"));
    CHECK(db.TrackingRows() == "0:1 1:1 2:1");
  }
}

TEST_CASE("missing (out-of-order) migrations need -allow-missing") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/missing", "m");
    REQUIRE(GanderOn(db, dir.Join("m"), {"up"}).exit_code == 0);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 4:1");
    dir.CopyFixture("migrations/missing/later", "m");

    RunResult r = GanderOn(db, dir.Join("m"), {"up"});
    CHECK(r.exit_code == 2);
    CHECK(Contains(r.err, "00003_"));
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 4:1");

    r = GanderOn(db, dir.Join("m"), {"-allow-missing", "up"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 4:1 3:1");
    // goose's current version is the most recently applied, not the highest.
    CHECK(Contains(GanderOn(db, dir.Join("m"), {"version"}).out, "version 3"));
    r = GanderOn(db, dir.Join("m"), {"down"});
    REQUIRE(r.exit_code == 0);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 4:1");
  }
}

TEST_CASE("a failed NO TRANSACTION migration leaves a dirty state that status explains and up refuses") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/no_tx", "m");
    RunResult r = GanderOn(db, dir.Join("m"), {"up"});
    CHECK(r.exit_code == 1);
    CHECK(Contains(r.err, "statement 3 of 4"));

    r = GanderOn(db, dir.Join("m"), {"status"});
    CHECK(r.exit_code == 0);
    CHECK(Contains(r.out, "DIRTY"));
    CHECK(Contains(r.out, "2 of 4"));

    std::string before = db.TrackingRows();
    r = GanderOn(db, dir.Join("m"), {"up"});
    CHECK(r.exit_code == 3);
    CHECK(Contains(r.err, "resume"));
    CHECK(Contains(r.err, "force"));
    CHECK(db.TrackingRows() == before);

    r = GanderOn(db, dir.Join("m"), {"down"});
    CHECK(r.exit_code == 3);

    // The operator repairs by hand and marks it applied.
    r = GanderOn(db, dir.Join("m"), {"force", "1", "--yes"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    r = GanderOn(db, dir.Join("m"), {"status"});
    CHECK_FALSE(Contains(r.out, "DIRTY"));
    CHECK(Contains(GanderOn(db, dir.Join("m"), {"version"}).out, "version 1"));
  }
}

TEST_CASE("a database migrated by goose is picked up as it is") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    // Build goose's table by hand with goose's own DDL, then apply 1 and 2 as
    // goose would: rows (0,true), (1,true), (2,true).
    MakeGooseTable(db, {1, 2});
    RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"up-to", "2"}));
    CHECK(r.exit_code == 0);
    CHECK(Contains(r.out, "no migrations to run. current version: 2"));
    // The schema of migrations 1 and 2 must exist for 3..5 to apply: create it by running their up parts.
    REQUIRE(GanderOn(db, dir.Join("m"), {"-no-versioning", "up-to", "2"}).exit_code == 0);
    r = GanderOn(db, dir.Join("m"), {"up"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1");
  }
}

TEST_CASE("a custom tracking table name, and a bad one") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    RunResult r = GanderOn(db, dir.Join("m"), {"-table", "schema_versions", "up-to", "1"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows("schema_versions") == "0:1 1:1");
    CHECK_FALSE(db.TableExists("goose_db_version"));

    r = GanderOn(db, dir.Join("m"), {"-table", "x; DROP TABLE t1", "up"});
    CHECK(r.exit_code == 2);
    CHECK(db.TrackingRows("schema_versions") == "0:1 1:1");
  }
}

TEST_CASE("-no-versioning runs migrations without a tracking table") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    RunResult r = GanderOn(db, dir.Join("m"), {"-no-versioning", "up"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK_FALSE(db.TableExists("goose_db_version"));
  }
}

TEST_CASE("malformed migration folders are refused with exit 2 before the database is touched") {
  for (const char* bad : {"unknown_annotation", "duplicate_version", "no_semicolon", "no_up", "bad_name"}) {
    CAPTURE(bad);
    ScratchDb db("sqlite3");
    TempDir dir;
    dir.CopyFixture(std::string("migrations/bad/") + bad, "m");
    RunResult r = GanderOn(db, dir.Join("m"), {"up"});
    CHECK(r.exit_code == 2);
    CHECK(Contains(r.err, dir.Join("m")));  // names the file
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(db.TrackingRows() == "(no table)");  // the database was not touched
  }
}
