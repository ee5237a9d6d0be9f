// -v prints the SQL each migration sends, as goose's verbose mode does
// (Begin transaction, Executing statement: ..., Commit transaction); not
// with --json.
#include <doctest/doctest.h>

#include "integration/harness.h"

using namespace gander::test;

TEST_CASE("-v prints each statement as goose -v does, around its transaction") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    auto target = Target(db, dir.Join("m"));
    RunResult r = RunGander(Args(target, {"-v", "up-to", "1"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(Contains(r.err, "gander: Begin transaction\ngander: Executing statement: CREATE TABLE users (\n"
                          "    id INTEGER PRIMARY KEY,\n    email VARCHAR(255) NOT NULL\n);\n"
                          "gander: Commit transaction\n"));

    r = RunGander(Args(target, {"-v", "--json", "up-to", "2"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(!Contains(r.err, "Executing statement"));
    CHECK(!Contains(r.out, "Executing statement"));

    r = RunGander(Args(target, {"up-to", "3"}));  // without -v: none of it
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(!Contains(r.err, "Executing statement"));
  }
}

TEST_CASE("-v on a NO TRANSACTION migration: statements only, as goose prints them") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/no_tx", "m");
  RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"-v", "up"}));
  CHECK(r.exit_code == 1);  // its third statement fails
  CHECK(Contains(r.err, "gander: Executing statement: CREATE TABLE nt_a (id INTEGER PRIMARY KEY);\n"
                        "gander: Executing statement: CREATE TABLE nt_b (id INTEGER PRIMARY KEY);\n"
                        "gander: Executing statement: INSERT INTO nt_missing (id) VALUES (1);\n"));
  CHECK(!Contains(r.err, "Begin transaction"));
  CHECK(!Contains(r.err, "nt_c"));
}

TEST_CASE("-v shows a failed transactional migration rolled back") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.Write("m/00001_bad.sql", "-- +goose Up\nCREATE TABLE ok_t (id int);\nINSERT INTO missing_t VALUES (1);\n");
  RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"-v", "up"}));
  CHECK(r.exit_code == 1);
  CHECK(Contains(r.err, "gander: Executing statement: INSERT INTO missing_t VALUES (1);\ngander: Rollback transaction\n"));
}
