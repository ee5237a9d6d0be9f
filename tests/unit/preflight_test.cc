#include "app/preflight.h"

#include <doctest/doctest.h>

#include "engine_fixture.h"

using namespace gander;
using namespace gander::test;

namespace {

// Pre-flight of rolling back every applied migration, newest first.
Status PreflightReset(EngineFixture& f, std::vector<ParsedMigration>* parsed) {
  ChangeContext& c = f.NewContext();
  GANDER_RETURN_IF_ERROR(BeginChange(c, DirtyPolicy::kRefuse));
  Plan plan;
  GANDER_RETURN_IF_ERROR(PlanReset(c.sources, c.versions, &plan));
  return Preflight(c, plan, parsed);
}

}  // namespace

TEST_CASE("pre-flight parses every step's file, one result per step, and writes nothing") {
  EngineFixture f;
  f.File("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INTEGER);\n-- +goose Down\nDROP TABLE a;\n");
  f.File("00002_b.up.sql", "CREATE TABLE b (id INTEGER);\n");
  f.File("00002_b.down.sql", "DROP TABLE b;\n");
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  f.db.ClearCalls();
  std::vector<ParsedMigration> parsed;
  REQUIRE(PreflightReset(f, &parsed).ok());
  REQUIRE(parsed.size() == 2);
  CHECK(parsed[0].down->statements[0].text == "DROP TABLE b;");
  for (const std::string& text : f.db.Texts()) CHECK(text.find("INSERT") == std::string::npos);
  CHECK(f.ctx->checksums.size() == 2);  // read for the drift check
}

TEST_CASE("pre-flight lists every problem at once; a malformed file makes it an input error") {
  EngineFixture f;
  f.File("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INTEGER);\n");
  f.File("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id INTEGER);\n");
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  std::vector<ParsedMigration> parsed;
  Status st = PreflightReset(f, &parsed);
  CHECK(st.code() == StatusCode::kRefused);
  CHECK(st.message().rfind("2 problems, nothing was run: m/00002_b.sql: migration 2 has no down part", 0) == 0);
  CHECK(st.message().find("; m/00001_a.sql: migration 1 has no down part") != std::string::npos);

  f.File("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INTEGER)\n");  // missing semicolon
  st = PreflightReset(f, &parsed);
  CHECK(st.code() == StatusCode::kInvalid);
  CHECK(st.message().rfind("2 problems, nothing was run: ", 0) == 0);
}

TEST_CASE("StepFile and PartOf: a pair's down file and part for down, else the file and its up part") {
  MigrationSource pair{2, "00002_b.up.sql", "00002_b.down.sql", SourceFormat::kPaired};
  MigrationSource goose{1, "00001_a.sql", "", SourceFormat::kGoose};
  CHECK(StepFile({Direction::kDown, 0, 2}, pair) == "00002_b.down.sql");
  CHECK(StepFile({Direction::kUp, 0, 2}, pair) == "00002_b.up.sql");
  CHECK(StepFile({Direction::kDown, 0, 1}, goose) == "00001_a.sql");
  ParsedMigration m;
  m.up.statements.push_back({"UP", 2});
  m.down = MigrationPart{};
  m.down->statements.push_back({"DOWN", 4});
  CHECK(PartOf({Direction::kUp, 0, 1}, m).statements[0].text == "UP");
  CHECK(PartOf({Direction::kDown, 0, 1}, m).statements[0].text == "DOWN");
}
