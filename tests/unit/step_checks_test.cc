// CheckStepPart: what stops one step of a plan once its file is parsed, and
// the warning that does not.
#include "app/step_checks.h"

#include <doctest/doctest.h>

#include "app/migration_files.h"
#include "engine_fixture.h"

using namespace gander;
using namespace gander::test;

namespace {

// The problems CheckStepPart finds for migration `version`'s step in
// `direction`, and what it reported, on SQLite.
struct Checked {
  std::vector<Status> problems;
  std::vector<std::string> notices;
};

Checked Check(EngineFixture& f, Direction direction, int64_t version) {
  ChangeContext& ctx = f.NewContext();
  REQUIRE(ListMigrations(f.env, "m", &ctx.sources).ok());
  int index = FindSource(ctx.sources, version);
  REQUIRE(index >= 0);
  const MigrationSource& source = ctx.sources[static_cast<size_t>(index)];
  RunTarget sqlite;  // SQLite, a recent version
  ParsedMigration m;
  REQUIRE(LoadMigrationToRun(f.env, "m", source, sqlite, &m).ok());
  PlanStep step{direction, static_cast<size_t>(index), version};
  Checked out;
  CheckStepPart(ctx, step, source, sqlite, m, &out.problems);
  out.notices = f.reporter.Lines("notice: ");
  return out;
}

}  // namespace

TEST_CASE("a well-formed part in either direction: nothing to stop, nothing to say") {
  EngineFixture f;
  f.File("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INTEGER);\n-- +goose Down\nDROP TABLE a;\n");
  for (Direction d : {Direction::kUp, Direction::kDown}) {
    Checked c = Check(f, d, 1);
    CHECK(c.problems.empty());
    CHECK(c.notices.empty());
  }
}

TEST_CASE("a down step without a down part is left to pre-flight, which names --allow-no-down") {
  EngineFixture f;
  f.File("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INTEGER);\n");
  Checked c = Check(f, Direction::kDown, 1);
  CHECK(c.problems.empty());
  CHECK(c.notices.empty());
}

TEST_CASE("a malformed down part: up runs with a warning naming file:line; down is stopped by it") {
  EngineFixture f;
  f.File("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INTEGER);\n-- +goose Down\nDROP TABLE a\n");
  Checked up = Check(f, Direction::kUp, 1);
  CHECK(up.problems.empty());
  REQUIRE(up.notices.size() == 1);
  CHECK(up.notices[0].rfind("notice: warning: m/00001_a.sql:4: ", 0) == 0);
  CHECK(up.notices[0].find("(the down part of migration 1; up runs, but rolling this migration back is refused until "
                           "the file is fixed)") != std::string::npos);

  Checked down = Check(f, Direction::kDown, 1);
  CHECK(down.notices.empty());
  REQUIRE(down.problems.size() == 1);
  CHECK(down.problems[0].code() == StatusCode::kInvalid);
  CHECK(down.problems[0].file() == "m/00001_a.sql");
  CHECK(down.problems[0].line() == 4);
}

TEST_CASE("a goose part in a transaction holding what cannot run in one is refused at its file:line") {
  EngineFixture f;
  f.File("00001_v.sql", "-- +goose Up\nCREATE TABLE b (id INTEGER);\nVACUUM;\n-- +goose Down\nBEGIN;\nDROP TABLE b;\n"
                        "COMMIT;\n");
  Checked up = Check(f, Direction::kUp, 1);
  REQUIRE(up.problems.size() == 1);
  CHECK(up.problems[0].code() == StatusCode::kRefused);
  CHECK(up.problems[0].ToString().rfind("m/00001_v.sql:3: VACUUM cannot run inside a transaction block", 0) == 0);
  Checked down = Check(f, Direction::kDown, 1);
  REQUIRE(down.problems.size() == 1);
  CHECK(down.problems[0].ToString().rfind("m/00001_v.sql:5: BEGIN: the file manages its own transaction", 0) == 0);
}

TEST_CASE("the same statements as a golang-migrate pair are not refused: the pair runs outside a transaction") {
  EngineFixture f;
  f.File("00001_v.up.sql", "CREATE TABLE b (id INTEGER);\nVACUUM;\n");
  f.File("00001_v.down.sql", "DROP TABLE b;\n");
  Checked c = Check(f, Direction::kUp, 1);
  CHECK(c.problems.empty());
  CHECK(c.notices.empty());
}

TEST_CASE("NO TRANSACTION lets a goose part hold VACUUM") {
  EngineFixture f;
  f.File("00001_v.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nVACUUM;\n-- +goose Down\nSELECT 1;\n");
  CHECK(Check(f, Direction::kUp, 1).problems.empty());
}
