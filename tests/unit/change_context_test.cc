#include "app/change_context.h"

#include <doctest/doctest.h>

#include "engine_fixture.h"

using namespace gander;
using namespace gander::test;
using std::chrono::milliseconds;

TEST_CASE("BeginChange: lists, opens, locks, applies the statement timeout, reads the state, creates nothing") {
  EngineFixture f;
  f.File("00001_a.sql", "-- +goose Up\nSELECT 1;\n");
  f.options.statement_timeout = milliseconds(2500);
  ChangeContext& c = f.NewContext();
  REQUIRE(BeginChange(c, DirtyPolicy::kRefuse).ok());
  CHECK(c.sources.size() == 1);
  CHECK(f.db.locked());
  CHECK(f.db.Texts().at(1) == "LOCK");
  CHECK(f.db.Texts().at(2) == "SET STATEMENT TIMEOUT 2500");
  CHECK(c.versions.applied.empty());
  CHECK(f.db.Scalar("SELECT count(*) FROM sqlite_master") == "0");
}

TEST_CASE("BeginChange: a folder that cannot be listed and a lock held elsewhere are errors") {
  EngineFixture f;
  f.options.dir = "missing";
  CHECK(BeginChange(f.NewContext(), DirtyPolicy::kRefuse).code() == StatusCode::kInvalid);
  CHECK(f.db.opens() == 0);  // the files are checked first

  EngineFixture g;
  std::unique_ptr<Session> holder = g.db.OpenSession();
  REQUIRE(holder->Lock(milliseconds(0)).ok());
  ChangeContext& c = g.NewContext();
  CHECK(BeginChange(c, DirtyPolicy::kRefuse).code() == StatusCode::kLockTimeout);
}

TEST_CASE("BeginChange: the time spent waiting for the lock is measured on the Env's clock") {
  EngineFixture f;
  ChangeContext& c = f.NewContext();
  REQUIRE(BeginChange(c, DirtyPolicy::kRefuse).ok());
  CHECK(c.metrics.lock_wait_seconds == 0.0);  // a MemEnv clock stands still
  CHECK(c.metrics.started == f.env.SteadyNow());
}

TEST_CASE("DirtyRefusal names the state and both ways out, with the caller's command prefix") {
  DirtyState d{4, Direction::kUp, 2, 5, true, "00004_d.sql", "lost connection", ""};
  Status st = DirtyRefusal("gander -dir m postgres 'postgres://u:***@h/db'", d);
  CHECK(st.code() == StatusCode::kRefused);
  CHECK(st.message() == "migration 4 (00004_d.sql) is dirty: its up part stopped after 2 of 5 statements; "
                        "statement 3 was running when gander stopped (process killed or connection lost) "
                        "(lost connection); fix the cause, then run `gander -dir m postgres 'postgres://u:***@h/db' "
                        "resume` to continue from statement 3, or repair by hand and run `gander -dir m postgres "
                        "'postgres://u:***@h/db' force 4 --yes` to mark it applied");
  d.direction = Direction::kDown;
  d.in_flight = false;
  d.error.clear();
  CHECK(DirtyRefusal("gander sqlite3 'x.db'", d).message() ==
        "migration 4 (00004_d.sql) is dirty: its down part stopped after 2 of 5 statements; fix the cause, then run "
        "`gander sqlite3 'x.db' resume` to continue from statement 3, or repair by hand and run `gander sqlite3 "
        "'x.db' force 4 --yes` to mark it rolled back");
}

TEST_CASE("the audit trail: a snapshot once finished; a snapshot that cannot be written is only a warning") {
  EngineFixture f;
  ChangeContext& c = f.NewContext();
  REQUIRE(BeginChange(c, DirtyPolicy::kRefuse).ok());
  REQUIRE(StartAudit(c, 0).ok());
  FinishAudit(c, Status::OK());
  CHECK(f.reporter.log == std::vector<std::string>{"detail: audit snapshot 1 written"});
  CHECK(f.env.Files().size() == 1);

  f.env.FailWrites("m/.gander/");
  ChangeContext& again = f.NewContext();
  REQUIRE(BeginChange(again, DirtyPolicy::kRefuse).ok());
  REQUIRE(StartAudit(again, 0).ok());
  FinishAudit(again, Status::OK());
  REQUIRE(f.reporter.log.size() == 1);
  CHECK(f.reporter.log[0].rfind("notice: warning: audit snapshot 2 not written: writing m/.gander/snapshots/", 0) == 0);
}

TEST_CASE("-no-versioning: no audit trail and no version store") {
  EngineFixture f;
  f.options.no_versioning = true;
  ChangeContext& c = f.NewContext();
  REQUIRE(BeginChange(c, DirtyPolicy::kRefuse).ok());
  REQUIRE(StartAudit(c, 0).ok());
  CHECK_FALSE(c.audit);
  CHECK(StoreOf(c) == nullptr);
  FinishAudit(c, Status::OK());
  CHECK(f.reporter.log.empty());
}

TEST_CASE("PrepareMigrator: the timeouts and the history event that commits with each step") {
  EngineFixture f;
  f.options.migration_timeout = milliseconds(60000);
  ChangeContext& c = f.NewContext();
  REQUIRE(BeginChange(c, DirtyPolicy::kRefuse).ok());
  REQUIRE(c.session->store().EnsureVersionTable().ok());
  REQUIRE(StartAudit(c, 0).ok());
  Migrator migrator(c.env, &c.session->conn(), &c.session->store());
  PrepareMigrator(c, PartChecksums{"u", "d"}, &migrator);
  StepResult result;
  MigrationPart part;
  part.statements.push_back({"CREATE TABLE a (id INTEGER);", 2});
  REQUIRE(migrator.Run(1, "00001_a.sql", Direction::kUp, part, 0, &result).ok());
  CHECK(f.db.CountCalls("SET STATEMENT TIMEOUT 60000") == 1);
  CHECK(f.db.Scalar("SELECT outcome || ' ' || up_sha256 FROM goose_db_version_history") == "applied u");
}
