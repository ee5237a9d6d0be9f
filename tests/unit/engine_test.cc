#include "app/engine.h"

#include <algorithm>

#include <doctest/doctest.h>

#include "engine_fixture.h"

using namespace gander;
using namespace gander::test;

namespace {

void ThreeMigrations(EngineFixture& f) { f.TableMigrations({"a", "b", "c"}); }

}  // namespace

TEST_CASE("up: every pending step reported through its states, then the plan, then the snapshot") {
  EngineFixture f;
  ThreeMigrations(f);
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  CHECK(f.db.TrackingRows() == "0:1 1:1 2:1 3:1");
  CHECK(f.reporter.Lines("state: up 1") == std::vector<std::string>{"state: up 1 pending 1", "state: up 1 executing 1",
                                                                   "state: up 1 succeeded 1"});
  CHECK(f.reporter.Lines("done:") == std::vector<std::string>{"done: up 1 ok", "done: up 2 ok", "done: up 3 ok"});
  CHECK(f.reporter.log.back() == "detail: audit snapshot 1 written");
  CHECK(f.reporter.log[f.reporter.log.size() - 2] == "applied: 3 steps");
  CHECK(f.ctx->metrics.applied == 3);
  CHECK(f.ctx->metrics.durations.size() == 3);
  CHECK(f.db.Scalar("SELECT group_concat(outcome) FROM goose_db_version_history") == "applied,applied,applied");
  CHECK(f.env.Files().size() == 4);  // three migrations and one snapshot
}

TEST_CASE("down-to and redo plan from the tracking table; the files' down parts run") {
  EngineFixture f;
  ThreeMigrations(f);
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  REQUIRE(f.Migrate(PlanKind::kDownTo, 1).ok());
  CHECK(f.db.TrackingRows() == "0:1 1:1");
  CHECK(f.ctx->metrics.rolled_back == 2);
  REQUIRE(f.Migrate(PlanKind::kRedo).ok());
  CHECK(f.reporter.Lines("done:") == std::vector<std::string>{"done: down 1 ok", "done: up 1 ok"});
  CHECK(f.db.TrackingRows() == "0:1 1:1");
}

TEST_CASE("--atomic: one transaction; a failing step rolls the whole batch back") {
  EngineFixture f;
  ThreeMigrations(f);
  f.options.atomic = true;
  f.db.FailWhen("CREATE TABLE c", Fault::kPermanent, 1, "disk full");
  Status st = f.Migrate(PlanKind::kUp);
  CHECK(st.message().rfind("--atomic batch rolled back, nothing was applied: migration 3 up failed at statement 1", 0) == 0);
  CHECK(f.db.Scalar("SELECT count(*) FROM sqlite_master WHERE name IN ('a', 'b', 'c')") == "0");
  CHECK(f.db.TrackingRows() == "0:1");
  // Steps 1 and 2 ran but were never final: only the failure is reported.
  CHECK(f.reporter.Lines("done:") == std::vector<std::string>{"done: up 3 failed"});
  CHECK(f.reporter.Lines("state:").empty());  // no retries inside a batch
  CHECK(f.ctx->metrics.applied == 0);
  CHECK(f.ctx->metrics.failed == 1);
  CHECK(f.db.Scalar("SELECT group_concat(outcome) FROM goose_db_version_history") == "failed");
}

TEST_CASE("--atomic: steps are reported done only once the batch commits") {
  EngineFixture f;
  ThreeMigrations(f);
  f.options.atomic = true;
  f.CreateTrackingTable();
  f.db.FailWhen("COMMIT", Fault::kPermanent, 1, "database is locked");  // the batch's COMMIT
  Status st = f.Migrate(PlanKind::kUp);
  CHECK(st.message() == "--atomic batch rolled back, nothing was applied: database is locked");
  CHECK(f.reporter.Lines("done:").empty());
  CHECK(f.db.TrackingRows() == "0:1");

  f.db.ClearCalls();
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  CHECK(f.reporter.Lines("done:") == std::vector<std::string>{"done: up 1 ok", "done: up 2 ok", "done: up 3 ok"});
  CHECK(f.db.CountCalls("BEGIN") == 1);
  CHECK(f.ctx->metrics.applied == 3);
  CHECK(f.db.TrackingRows() == "0:1 1:1 2:1 3:1");
}

TEST_CASE("--atomic is refused for a NO TRANSACTION step and on an engine that commits DDL; nothing is written") {
  EngineFixture f;
  ThreeMigrations(f);
  f.File("00002_b.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE b (id INTEGER);\n");
  f.options.atomic = true;
  Status st = f.Migrate(PlanKind::kUp);
  CHECK(st.code() == StatusCode::kRefused);
  CHECK(st.ToString() == "m/00002_b.sql: --atomic cannot include a NO TRANSACTION migration");
  CHECK(f.db.Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'goose_db_version'") == "0");

  EngineFixture mysql(FakeEngine::kMysqlLike);
  ThreeMigrations(mysql);
  mysql.options.atomic = true;
  st = mysql.Migrate(PlanKind::kUp);
  CHECK(st.message() == "--atomic needs transactional DDL; sqlite3 commits DDL implicitly, so a batch cannot be "
                        "rolled back as one");
}

TEST_CASE("checksums of migrations applied without them (goose) are adopted once, with a notice") {
  EngineFixture f;
  ThreeMigrations(f);
  REQUIRE(f.db.Exec("CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL, "
                    "is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')))").ok());
  REQUIRE(f.db.Exec("INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, 1), (1, 1), (2, 1)").ok());
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  CHECK(f.reporter.Lines("notice:") ==
        std::vector<std::string>{"notice: recorded checksums of 2 applied migration(s) that had none (applied by goose "
                                 "or an older gander); later edits to them will be reported as drift"});
  CHECK(f.db.Scalar("SELECT count(*) FROM goose_db_version_history WHERE outcome = 'checksum_adopted'") == "2");
  REQUIRE(f.Migrate(PlanKind::kDown).ok());  // recorded now: nothing more to adopt
  CHECK(f.reporter.Lines("notice:").empty());
}

TEST_CASE("drift: a file changed since it was applied is not rolled back, unless --allow-drift") {
  EngineFixture f;
  ThreeMigrations(f);
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  f.File("00003_c.sql", "-- +goose Up\nCREATE TABLE c (id INTEGER, extra TEXT);\n-- +goose Down\nDROP TABLE c;\n");
  Status st = f.Migrate(PlanKind::kDown);
  CHECK(st.code() == StatusCode::kRefused);
  CHECK(st.ToString() == "m/00003_c.sql: migration 3 changed since it was applied (its up part differs from the "
                         "recorded checksum); review the file, then roll back with --allow-drift, or accept the files "
                         "as they are with `gander -dir m sqlite3 'test.db' repair --yes`");
  CHECK(f.db.TrackingRows() == "0:1 1:1 2:1 3:1");
  f.options.allow_drift = true;
  REQUIRE(f.Migrate(PlanKind::kDown).ok());
  CHECK(f.db.TrackingRows() == "0:1 1:1 2:1");
}

TEST_CASE("--expect-version and a dirty database are refused before anything runs") {
  EngineFixture f;
  ThreeMigrations(f);
  f.options.expect_version = 2;
  Status st = f.Migrate(PlanKind::kUp);
  CHECK(st.code() == StatusCode::kRefused);
  CHECK(st.message() == "the current version is 0, not 2 as --expect-version requires; nothing was run");
  f.options.expect_version = -1;

  f.File("00001_a.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE a (id INTEGER);\nCREATE TABLE a2 (x);\n");
  f.db.FailWhen("CREATE TABLE a2", Fault::kPermanent, 1, "boom");
  CHECK_FALSE(f.Migrate(PlanKind::kUp).ok());
  CHECK(f.reporter.Lines("done:") == std::vector<std::string>{"done: up 1 dirty"});
  st = f.Migrate(PlanKind::kUp);
  CHECK(st.code() == StatusCode::kRefused);
  CHECK(st.message().find("run `gander -dir m sqlite3 'test.db' resume` to continue from statement 2") !=
        std::string::npos);
}

TEST_CASE("up-by-one with nothing to apply is an error, as in goose; up is not") {
  EngineFixture f;
  ThreeMigrations(f);
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  CHECK(f.Migrate(PlanKind::kUpByOne).message() == "no next migration to apply; current version: 3");
  CHECK(f.Migrate(PlanKind::kUp).ok());
}

TEST_CASE("-no-versioning: the files alone decide, and no tracking table is written") {
  EngineFixture f;
  ThreeMigrations(f);
  f.options.no_versioning = true;
  REQUIRE(f.Migrate(PlanKind::kUpTo, 2).ok());
  CHECK(f.reporter.Lines("done:") == std::vector<std::string>{"done: up 1 ok", "done: up 2 ok"});
  CHECK(f.db.Scalar("SELECT count(*) FROM sqlite_master WHERE name LIKE 'goose_db_version%'") == "0");
  // down rolls back the newest file, applied or not (goose): here it was not.
  Status st = f.Migrate(PlanKind::kDown, -1, 1);
  CHECK(st.message().rfind("migration 3 down failed at statement 1 of 1 (DROP TABLE c;): no such table: c", 0) == 0);
  // And up runs every file again: the first one now fails.
  CHECK_FALSE(f.Migrate(PlanKind::kUp).ok());
  CHECK(f.reporter.Lines("done:") == std::vector<std::string>{"done: up 1 failed"});
}

TEST_CASE("a step whose file has no down part is refused in pre-flight, naming the file") {
  EngineFixture f;
  f.File("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INTEGER);\n");
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  Status st = f.Migrate(PlanKind::kDown);
  // The way out is named: goose's behaviour on request (#23).
  CHECK(st.ToString() == "m/00001_a.sql: migration 1 has no down part (add a `-- +goose Down` section or a "
                         ".down.sql file; to delete its row without running anything, as goose does: --allow-no-down)");
  CHECK(f.db.TrackingRows() == "0:1 1:1");
}

// Issue #17 items 1 and 6: a statement whose reply was lost is settled on a
// new connection (app/in_flight_outcome.h): in doubt, so dirty, and the
// `dirty` history event is written on that connection.
TEST_CASE("a step left dirty by a lost connection is explained, and has its history event") {
  EngineFixture f;
  f.File("00001_a.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE a (id INTEGER);\n"
                        "CREATE TABLE b (id INTEGER);\n");
  f.db.FailWhen("CREATE TABLE b", Fault::kLostBefore);
  Status st = f.Migrate(PlanKind::kUp);
  CHECK(st.message().find("statement 2 was running and its reply never came") != std::string::npos);
  CHECK(st.message().find("migration 1 (00001_a.sql) is dirty") != std::string::npos);
  CHECK(f.reporter.Lines("done:") == std::vector<std::string>{"done: up 1 dirty"});
  // The marker written before statement 2 stands: it may have run.
  CHECK(f.db.Scalar("SELECT statements_done || ':' || in_flight FROM goose_db_version_dirty") == "1:1");
  CHECK(f.db.Scalar("SELECT outcome || ' ' || version_id FROM goose_db_version_history") == "dirty 1");
  CHECK(f.db.Scalar("SELECT count(*) FROM goose_db_version_snapshots") == "1");  // written after a reconnect
}

namespace {

// BeginPlannedChange for `up`, as the CLI runs it, in a new context.
Status PlanUp(EngineFixture& f, Plan* plan) {
  PlanRequest request;
  request.kind = PlanKind::kUp;
  request.target = kLatest;
  return BeginPlannedChange(f.NewContext(), request, plan);
}

}  // namespace

TEST_CASE("a no-op up reads the state without the lock, in two queries, and takes no lock (issue #21)") {
  EngineFixture f;
  ThreeMigrations(f);
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  f.db.ClearCalls();
  Plan plan;
  REQUIRE(PlanUp(f, &plan).ok());
  CHECK(plan.steps.empty());
  CHECK(plan.version_before == 3);
  // After opening: whether the tracking and dirty tables exist (one query),
  // the tracking rows; no lock.
  std::vector<std::string> texts = f.db.Texts();
  auto open = std::find(texts.begin(), texts.end(), "OPEN");
  REQUIRE(open != texts.end());
  std::vector<std::string> sent(open + 1, texts.end());
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].find("UNION ALL") != std::string::npos);
  CHECK(sent[1] == "SELECT id, version_id, is_applied, tstamp FROM \"goose_db_version\" ORDER BY id");
}

TEST_CASE("an up with work takes the lock and reads the state again under it") {
  EngineFixture f;
  ThreeMigrations(f);
  REQUIRE(f.Migrate(PlanKind::kUpTo, 2).ok());
  f.db.ClearCalls();
  Plan plan;
  REQUIRE(PlanUp(f, &plan).ok());
  REQUIRE(plan.steps.size() == 1);
  CHECK(plan.steps[0].version == 3);
  std::vector<std::string> texts = f.db.Texts();
  auto lock = std::find(texts.begin(), texts.end(), "LOCK");
  REQUIRE(lock != texts.end());
  CHECK(std::count(lock, texts.end(), "SELECT id, version_id, is_applied, tstamp FROM \"goose_db_version\" ORDER BY id") ==
        1);
}

TEST_CASE("a dirty database read without the lock is read again under it before it is refused") {
  EngineFixture f;
  ThreeMigrations(f);
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  {
    std::unique_ptr<Connection> conn = f.db.Connect();
    REQUIRE(VersionStore(conn.get(), f.options.table).WriteDirty({3, Direction::kUp, 1, 2, true, "00003_c.sql", "", ""}).ok());
  }
  f.db.ClearCalls();
  Plan plan;
  Status st = PlanUp(f, &plan);
  CHECK(st.code() == StatusCode::kRefused);
  std::vector<std::string> texts = f.db.Texts();
  CHECK(std::count(texts.begin(), texts.end(), "LOCK") == 1);
}
