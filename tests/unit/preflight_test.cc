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
  CHECK(st.message() == "2 problems found; nothing was run");
  REQUIRE(st.problems().size() == 2);
  CHECK(st.problems()[0].ToString() ==
        "m/00002_b.sql: migration 2 has no down part (add a `-- +goose Down` section or a .down.sql file; to delete "
        "its row without running anything, as goose does: --allow-no-down)");
  CHECK(st.problems()[1].ToString().rfind("m/00001_a.sql: migration 1 has no down part", 0) == 0);

  f.File("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INTEGER);\n-- +goose Down\nDROP TABLE a\n");  // missing semicolon
  st = PreflightReset(f, &parsed);
  CHECK(st.code() == StatusCode::kInvalid);
  CHECK(st.message() == "2 problems found; nothing was run");
  REQUIRE(st.problems().size() == 2);
  CHECK(st.problems()[1].file() == "m/00001_a.sql");
  CHECK(st.problems()[1].line() == 4);
}

TEST_CASE("a malformed Down section does not stop up: a warning names file:line, rolling back is refused") {
  EngineFixture f;
  f.File("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INTEGER);\n-- +goose Down\nDROP TABLE a\n");
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  CHECK(f.db.Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'a'") == "1");
  bool warned = false;
  for (const std::string& line : f.reporter.log) {
    warned = warned || line.rfind("notice: warning: m/00001_a.sql:4: ", 0) == 0;
  }
  CHECK(warned);
  Status st = f.Migrate(PlanKind::kDown);
  CHECK(st.code() == StatusCode::kInvalid);
  CHECK(st.file() == "m/00001_a.sql");
  CHECK(st.line() == 4);
  CHECK(f.db.Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'a'") == "1");
}

TEST_CASE("a paired file that writes its own transaction runs as written, outside gander's, and is recorded") {
  EngineFixture f;
  f.File("00001_t.up.sql", "CREATE TABLE t (id INTEGER, x TEXT);\n");
  f.File("00001_t.down.sql", "DROP TABLE t;\n");
  f.File("00002_rebuild.up.sql",
         "PRAGMA foreign_keys=OFF;\nBEGIN;\nCREATE TABLE t2 (id INTEGER PRIMARY KEY);\nINSERT INTO t2 SELECT id FROM t;\n"
         "DROP TABLE t;\nALTER TABLE t2 RENAME TO t;\nCOMMIT;\nPRAGMA foreign_keys=ON;\n");
  f.File("00002_rebuild.down.sql", "SELECT 1;\n");
  REQUIRE(f.Migrate(PlanKind::kUp).ok());  // wrapped in gander's transaction, BEGIN would fail
  CHECK(f.db.Scalar("SELECT count(*) FROM goose_db_version WHERE version_id = 2") == "1");
  CHECK(f.db.Scalar("SELECT count(*) FROM pragma_table_info('t')") == "1");
  std::vector<ParsedMigration> parsed;
  REQUIRE(PreflightReset(f, &parsed).ok());
  CHECK(parsed[0].up.outside_tx_reason == "it writes its own transaction (BEGIN at line 2)");
}

TEST_CASE("a goose file in a transaction that holds what cannot run in one is refused before anything runs") {
  EngineFixture f;
  f.File("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INTEGER);\n");
  f.File("00002_v.sql", "-- +goose Up\nCREATE TABLE b (id INTEGER);\nVACUUM;\n");
  f.File("00003_own.sql", "-- +goose Up\nBEGIN;\nCREATE TABLE c (id INTEGER);\nCOMMIT;\n");
  Status st = f.Migrate(PlanKind::kUp);
  CHECK(st.code() == StatusCode::kRefused);
  REQUIRE(st.problems().size() == 2);
  CHECK(st.problems()[0].ToString().rfind("m/00002_v.sql:3: VACUUM cannot run inside a transaction block", 0) == 0);
  CHECK(st.problems()[0].message().find("-- +goose NO TRANSACTION") != std::string::npos);
  CHECK(st.problems()[1].ToString().rfind("m/00003_own.sql:2: BEGIN: the file manages its own transaction", 0) == 0);
  CHECK(f.db.Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'a'") == "0");
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

namespace {

// Whether the fake database holds table `name`.
bool HasTable(EngineFixture& f, const std::string& name) {
  return f.db.Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + name + "'") == "1";
}

}  // namespace

TEST_CASE("pre-flight lint: a plan breaking an error rule is refused before anything is written") {
  EngineFixture f;
  // (A goose file's own BEGIN/COMMIT is refused before lint runs: core/transaction_needs.h.)
  f.File("00001_t.sql", "-- +goose Up\nCREATE TABLE t (id INTEGER);\nALTER TABLE t ALTER COLUMN id TYPE TEXT;\n"
                        "-- +goose Down\nDROP TABLE t;\n");
  Status st = f.Migrate(PlanKind::kUp);
  CHECK(st.code() == StatusCode::kRefused);
  CHECK(st.message().rfind("lint found 1 error in the plan, nothing was run (", 0) == 0);
  CHECK(f.reporter.Lines("notice: m/00001_t.sql:3: GL141 error: ").size() == 1);
  CHECK_FALSE(HasTable(f, "goose_db_version"));  // not even the tracking table
  CHECK_FALSE(HasTable(f, "t"));
  CHECK(f.reporter.Lines("start: ").empty());
}

TEST_CASE("pre-flight lint: one line per finding, each step in its own direction; --no-lint runs anyway") {
  EngineFixture f;
  f.File("00001_t.sql", "-- +goose Up\nCREATE TABLE t (id INTEGER, a INTEGER, b INTEGER);\n"
                        "-- +goose Down\nDROP TABLE t;\n");
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  f.File("00002_drop.sql", "-- +goose Up\nALTER TABLE t DROP COLUMN a;\n\nALTER TABLE t DROP COLUMN b;\n"
                           "-- +goose Down\nALTER TABLE t ADD COLUMN a INTEGER;\nALTER TABLE t ADD COLUMN b INTEGER;\n");
  Status st = f.Migrate(PlanKind::kUp);
  CHECK(st.code() == StatusCode::kRefused);
  // One notice per finding.
  CHECK(f.reporter.Lines("notice: m/00002_drop.sql:2: GL302 error: ").size() == 1);
  CHECK(f.reporter.Lines("notice: m/00002_drop.sql:4: GL302 error: ").size() == 1);
  CHECK(f.db.TrackingRows() == "0:1 1:1");
  CHECK(f.db.Scalar("SELECT count(*) FROM pragma_table_info('t')") == "3");

  f.options.lint = false;
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  CHECK(f.db.TrackingRows() == "0:1 1:1 2:1");
}

TEST_CASE("pre-flight lint: a rollback that drops what an earlier migration created is refused (GL312)") {
  EngineFixture f;
  f.File("00001_t.sql", "-- +goose Up\nCREATE TABLE t (id INTEGER, note TEXT);\n-- +goose Down\nDROP TABLE t;\n");
  f.File("00002_index.sql", "-- +goose Up\nCREATE INDEX t_note ON t (note);\n"
                            "-- +goose Down\nDROP INDEX t_note;\nALTER TABLE t DROP COLUMN note;\n");
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  Status st = f.Migrate(PlanKind::kDown);
  CHECK(st.code() == StatusCode::kRefused);
  CHECK(f.reporter.Lines("notice: m/00002_index.sql:5: GL312 error: ").size() == 1);
  CHECK(f.db.TrackingRows() == "0:1 1:1 2:1");
  // A severity set in gander.json lets it through.
  f.options.lint_config.severities["GL312"] = lint::Severity::kWarning;
  REQUIRE(f.Migrate(PlanKind::kDown).ok());
  CHECK(f.db.TrackingRows() == "0:1 1:1");
}

TEST_CASE("a migration whose up part has no statement rolls back as a no-op, as goose does") {
  EngineFixture f;
  f.TableMigrations({"a"});
  f.File("00002_empty.sql", "-- +goose Up\n");
  f.File("00003_comments.sql", "-- +goose Up\n-- nothing here yet\n");
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  REQUIRE(f.Migrate(PlanKind::kDownTo, 0).ok());
  CHECK(f.db.TrackingRows() == "0:1");
  CHECK(f.reporter.Lines("notice: migration 3 (00003_comments.sql): nothing to undo").size() == 1);
  CHECK(f.reporter.Lines("done: down ").size() == 3);
}

TEST_CASE("a migration without a down part: refused naming --allow-no-down; with it, its row goes, nothing runs") {
  EngineFixture f;
  f.TableMigrations({"a"});
  f.File("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id INTEGER);\n");
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  Status st = f.Migrate(PlanKind::kDown);
  CHECK(st.code() == StatusCode::kRefused);
  CHECK(st.message().find("migration 2 has no down part (") != std::string::npos);
  CHECK(st.message().find("--allow-no-down") != std::string::npos);
  CHECK(f.db.TrackingRows() == "0:1 1:1 2:1");

  f.options.allow_no_down = true;
  f.db.ClearCalls();
  REQUIRE(f.Migrate(PlanKind::kDown).ok());
  CHECK(f.db.TrackingRows() == "0:1 1:1");
  CHECK(HasTable(f, "b"));  // nothing ran
  CHECK(f.db.CountCalls("DROP") == 0);
  CHECK(f.reporter.Lines("notice: migration 2 (00002_b.sql): no down part: recorded as rolled back without running "
                         "anything").size() == 1);
}

TEST_CASE("a down-only version: up records it and runs nothing, down runs its down file") {
  EngineFixture f;
  f.File("00001_t.up.sql", "CREATE TABLE t (id INTEGER);\n");
  f.File("00002_go_coded.down.sql", "CREATE TABLE restored (id INTEGER);\n");
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  CHECK(f.db.Scalar("SELECT count(*) FROM goose_db_version WHERE version_id = 2") == "1");
  CHECK(f.db.Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'restored'") == "0");
  REQUIRE(f.Migrate(PlanKind::kDown).ok());
  CHECK(f.db.Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'restored'") == "1");
  CHECK(f.db.Scalar("SELECT count(*) FROM goose_db_version WHERE version_id = 2") == "0");
}
