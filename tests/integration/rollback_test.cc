// Safe rollback for production: plan before running, confirmation for
// multi-step rollbacks, idempotent retries with --expect-version, pre-flight
// that refuses the whole command, and --atomic batches.
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "integration/harness.h"

using namespace gander::test;

TEST_CASE("plan and --dry-run print every statement and write nothing") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    auto target = Target(db, dir.Join("m"));

    RunResult r = RunGander(Args(target, {"plan"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(Contains(r.out, "version 0 -> 5"));
    CHECK(Contains(r.out, "-- up 3 00003_seed_users.sql"));
    CHECK(Contains(r.out, "INSERT INTO users (id, email) VALUES (1, 'a@example.com'); INSERT INTO users"));
    CHECK(db.TrackingRows() == "(no table)");  // not even the tracking table

    REQUIRE(RunGander(Args(target, {"up"})).exit_code == 0);
    r = RunGander(Args(target, {"--json", "down", "--steps", "2", "--dry-run"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto plan = nlohmann::json::parse(r.out);
    CHECK(plan["dry_run"] == true);
    CHECK(plan["version_before"] == 5);
    CHECK(plan["version_after"] == 3);
    REQUIRE(plan["steps"].size() == 2);
    CHECK(plan["steps"][0]["version"] == 5);
    CHECK(plan["steps"][0]["direction"] == "down");
    CHECK(plan["steps"][0]["statements"][0] == "DROP TABLE audit_log;");
    CHECK(plan["steps"][1]["version"] == 4);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1");

    // The plan is exactly what runs.
    r = RunGander(Args(target, {"--json", "down", "--steps", "2", "--yes"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto ran = nlohmann::json::parse(r.out);
    CHECK(ran["steps"][0]["version"] == 5);
    CHECK(ran["steps"][1]["version"] == 4);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1");
  }
}

TEST_CASE("multi-step rollbacks need --yes when nobody can be asked") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  auto target = Target(db, dir.Join("m"));
  REQUIRE(RunGander(Args(target, {"up"})).exit_code == 0);
  for (std::vector<std::string> cmd : {std::vector<std::string>{"down", "--steps", "2"},
                                       std::vector<std::string>{"down-to", "1"}, std::vector<std::string>{"reset"}}) {
    CAPTURE(cmd[0]);
    RunResult r = RunGander(Args(target, cmd));
    CHECK(r.exit_code == 3);
    CHECK(Contains(r.err, "--yes"));
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1");
  }
  // A single-step down and redo never ask, as in goose.
  CHECK(RunGander(Args(target, {"down"})).exit_code == 0);
  CHECK(RunGander(Args(target, {"redo"})).exit_code == 0);
  CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1");
}

TEST_CASE("--expect-version makes a retried rollback a no-op") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    auto target = Target(db, dir.Join("m"));
    REQUIRE(RunGander(Args(target, {"up"})).exit_code == 0);
    auto rollback = Args(target, {"down", "--steps", "2", "--expect-version", "5", "--yes"});
    RunResult r = RunGander(rollback);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1");
    // The same command again (the first outcome was unknown to the caller): refused, nothing rolled back.
    r = RunGander(rollback);
    CHECK(r.exit_code == 3);
    CHECK(Contains(r.err, "current version is 3"));
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1");
  }
}

TEST_CASE("pre-flight refuses the whole rollback when one migration cannot be rolled back") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    auto target = Target(db, dir.Join("m"));
    REQUIRE(RunGander(Args(target, {"up"})).exit_code == 0);
    // The 3rd of the 4 to roll back loses its down part.
    dir.Write("m/00003_seed_users.sql",
              "-- +goose Up\nINSERT INTO users (id, email) VALUES (1, 'a@example.com'); INSERT INTO users (id, email) "
              "VALUES (2, 'b@example.com');\n");
    RunResult r = RunGander(Args(target, {"down-to", "1", "--yes"}));
    CHECK(r.exit_code == 3);
    CHECK(Contains(r.err, "00003_seed_users.sql"));
    CHECK(Contains(r.err, "no down part"));
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1");
    CHECK(db.TableExists("audit_log"));  // migration 5 was not rolled back either
  }
}

TEST_CASE("--atomic rolls back a whole batch on failure, and is refused on MySQL") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/fail_mid", "m");
    RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"--atomic", "up"}));
    if (engine == "mysql") {
      CHECK(r.exit_code == 3);
      CHECK(Contains(r.err, "--atomic"));
      CHECK(db.TrackingRows() == "(no table)");
      continue;
    }
    CHECK(r.exit_code == 1);
    CHECK(Contains(r.err, "nothing was applied"));
    CHECK(db.TrackingRows() == "0:1");  // migration 1 succeeded but was rolled back with the batch
    CHECK_FALSE(db.TableExists("users"));
  }
}

TEST_CASE("checksums: a CRLF-only edit is not drift, a one-character SQL change is") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    auto target = Target(db, dir.Join("m"));
    REQUIRE(RunGander(Args(target, {"up"})).exit_code == 0);

    dir.Write("m/00005_create_audit.sql",
              "-- +goose Up\r\nCREATE TABLE audit_log (\r\n    id INTEGER PRIMARY KEY,\r\n    note TEXT\r\n);\r\n"
              "INSERT INTO audit_log (id, note) VALUES (1, 'semicolon; inside a string');\r\n\r\n"
              "-- +goose Down\r\nDROP TABLE audit_log;\r\n");
    RunResult r = RunGander(Args(target, {"validate"}));
    CHECK_MESSAGE(r.exit_code == 0, r.out);

    dir.Write("m/00004_order_totals_view.sql",
              "-- +goose Up\nCREATE VIEW order_totals AS\nSELECT user_id, SUM(total_cents) AS total_cents\nFROM orders\n"
              "GROUP BY user_id;\n\n-- +goose Down\nDROP VIEW  order_totals;\n");
    r = RunGander(Args(target, {"validate"}));
    CHECK(r.exit_code == 3);
    CHECK(Contains(r.out, "DRIFT"));
    CHECK(Contains(r.out, "00004_order_totals_view.sql"));

    // Rolling back past the changed file is refused before anything runs.
    r = RunGander(Args(target, {"down-to", "3", "--yes"}));
    CHECK(r.exit_code == 3);
    CHECK(Contains(r.err, "changed since it was applied"));
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1");

    r = RunGander(Args(target, {"down-to", "3", "--yes", "--allow-drift"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1");
  }
}

TEST_CASE("checksums: a goose-migrated database is adopted, and repair accepts edited files") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    auto target = Target(db, dir.Join("m"));
    // goose applied 1..3: its table and rows, the schema by running the up parts without versioning.
    MakeGooseTable(db, {1, 2, 3});
    REQUIRE(RunGander(Args(target, {"-no-versioning", "up-to", "3"})).exit_code == 0);

    RunResult r = RunGander(Args(target, {"up"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(Contains(r.err, "recorded checksums of 3 applied migration(s)"));
    // 3 adopted, 2 applied: each has its checksums in the history.
    CHECK(db.Query("SELECT COUNT(*) FROM goose_db_version_history WHERE outcome = 'checksum_adopted'")[0][0] == "3");
    CHECK(db.Query("SELECT COUNT(*) FROM goose_db_version_history WHERE up_sha256 IS NOT NULL")[0][0] == "5");

    dir.Write("m/00003_seed_users.sql",
              "-- +goose Up\nINSERT INTO users (id, email) VALUES (1, 'a@example.com'); INSERT INTO users (id, email) "
              "VALUES (2, 'b@example.com');\n\n-- +goose Down\nDELETE FROM users WHERE id IN (1, 2) AND 1 = 1;\n");
    CHECK(RunGander(Args(target, {"validate"})).exit_code == 3);
    CHECK(RunGander(Args(target, {"repair"})).exit_code == 3);  // needs --yes
    r = RunGander(Args(target, {"repair", "--yes"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(RunGander(Args(target, {"validate"})).exit_code == 0);
    CHECK(RunGander(Args(target, {"down-to", "2", "--yes"})).exit_code == 0);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1");
  }
}

TEST_CASE("on a terminal a multi-step rollback shows the plan and asks; only `yes` goes ahead") {
  // script(1) (util-linux, on every Debian) gives gander a pseudo-terminal
  // and feeds it our answer.
  if (std::system("command -v script >/dev/null 2>&1") != 0) {
    MESSAGE("skipping: script(1) not installed");
    return;
  }
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  REQUIRE(RunGander(Args(Target(db, dir.Join("m")), {"up"})).exit_code == 0);
  auto on_terminal = [&](const std::string& answer) {
    std::string command = std::string(GANDER_BINARY) + " -dir " + dir.Join("m") + " sqlite3 " + db.dsn() +
                          " down-to 3";
    std::string shell = "printf '" + answer + "\\n' | script -qec '" + command + "' /dev/null > " +
                        dir.Join("tty.out") + " 2>&1";
    int status = std::system(shell.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  CHECK(on_terminal("no") == 3);
  CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1");
  std::ifstream in(dir.Join("tty.out"));
  std::string shown((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(Contains(shown, "-- down 5 00005_create_audit.sql"));  // the plan, statement by statement
  CHECK(Contains(shown, "Roll back 2 migration(s), version 5 -> 3? Type yes to go ahead"));
  CHECK(Contains(shown, "not confirmed; nothing was run"));

  CHECK(on_terminal("yes") == 0);
  CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1");
}
