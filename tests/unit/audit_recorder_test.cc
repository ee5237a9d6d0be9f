#include "app/audit_recorder.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "app/mem_env.h"
#include "core/audit_history.h"
#include "fake_connection.h"

using namespace gander;
using namespace gander::test;

namespace {

struct AuditFixture {
  AuditFixture() : session(db.OpenSession()) {
    REQUIRE(session->store().EnsureVersionTable().ok());
    env.SetEnv("GANDER_ACTOR", "release-bot");
    command = {"up", {"sqlite3", "app.db", "up"}, "app.db", "goose_db_version", "snap", ""};
  }
  FakeDatabase db;
  MemEnv env;
  std::unique_ptr<Session> session;
  AuditCommand command;
};

StepResult Step(int64_t version, int statements) {
  StepResult r;
  r.version = version;
  r.file = "0000" + std::to_string(version) + "_m.sql";
  r.statements_run = statements;
  r.seconds = 0.25;
  return r;
}

}  // namespace

TEST_CASE("a step's event commits with the step; the snapshot is a row and a file, named by the Env's clock") {
  AuditFixture f;
  AuditRecorder audit(f.env, f.session.get(), f.command);
  REQUIRE(audit.Start(0).ok());
  std::string sql = audit.StepEventSql(Step(1, 2), {"up-sum", "down-sum"});
  REQUIRE(f.session->conn().Exec(sql).ok());
  REQUIRE(audit.StepDone(Step(1, 2), {"up-sum", "down-sum"}, Status::OK(), 1).ok());
  REQUIRE(audit.Finish(Status::OK()).ok());

  CHECK(f.db.Scalar("SELECT outcome || ' ' || up_sha256 || ' ' || os_user || ' ' || host "
                    "FROM goose_db_version_history") == "applied up-sum release-bot testhost");
  std::vector<std::string> files = f.env.Files();
  REQUIRE(files.size() == 1);
  CHECK(files[0].rfind("snap/20260102T030405", 0) == 0);
  nlohmann::json snapshot = nlohmann::json::parse(f.env.FileText(files[0]));
  CHECK(snapshot["user"] == "release-bot");
  CHECK(snapshot["started_at"] == "2026-01-02T03:04:05.000Z");
  CHECK(snapshot["database_id"] == "00001000000010010000100200001003");  // the MemEnv's Random32 sequence
  CHECK(snapshot["migrations"][0]["retries"] == 1);
  CHECK(f.db.Scalar("SELECT count(*) FROM goose_db_version_snapshots") == "1");
}

TEST_CASE("a failed step gets its own event after the rollback; without GANDER_ACTOR the OS user is recorded") {
  AuditFixture f;
  f.env.UnsetEnv("GANDER_ACTOR");
  AuditRecorder audit(f.env, f.session.get(), f.command);
  REQUIRE(audit.Start(0).ok());
  audit.StepEventSql(Step(1, 1), {"u", "d"});  // rolled back with its attempt
  StepResult dirty = Step(1, 1);
  dirty.left_dirty = true;
  REQUIRE(audit.StepDone(dirty, {"u", "d"}, Status::Failed("boom"), 0).ok());
  CHECK(f.db.Scalar("SELECT outcome || ' ' || os_user FROM goose_db_version_history") == "dirty tester");
  REQUIRE(audit.Finish(Status::Failed("boom")).ok());
  nlohmann::json snapshot = nlohmann::json::parse(f.env.FileText(f.env.Files().at(0)));
  CHECK(snapshot["outcome"] == "failed");
  CHECK(snapshot["migrations"][0]["error"] == "boom");
}

TEST_CASE("Finish reconnects a lost connection before writing the snapshot") {
  AuditFixture f;
  AuditRecorder audit(f.env, f.session.get(), f.command);
  REQUIRE(audit.Start(0).ok());
  f.db.FailNth(1, Fault::kLostBefore);
  REQUIRE(audit.Finish(Status::OK()).ok());
  CHECK(f.db.opens() == 2);
  CHECK(f.db.Scalar("SELECT count(*) FROM goose_db_version_snapshots") == "1");
}

TEST_CASE("manual events (force, repair, adoption) are SQL for the caller's transaction") {
  AuditFixture f;
  AuditRecorder audit(f.env, f.session.get(), f.command);
  CHECK(audit.ManualEventSql(3, "up", "forced_applied", "00003_c.sql", nullptr).empty());  // not started
  REQUIRE(audit.Start(0).ok());
  PartChecksums sums{"u3", "d3"};
  REQUIRE(f.session->conn().Exec(audit.ManualEventSql(3, "up", "forced_applied", "00003_c.sql", &sums)).ok());
  CHECK(f.db.Scalar("SELECT outcome || ' ' || down_sha256 FROM goose_db_version_history") == "forced_applied d3");
}

TEST_CASE("a failed step's event that the database refuses is reported, not lost") {
  AuditFixture f;
  AuditRecorder audit(f.env, f.session.get(), f.command);
  REQUIRE(audit.Start(0).ok());
  f.db.FailWhen("INSERT INTO \"goose_db_version_history\"", Fault::kPermanent, 1, "disk I/O error");
  Status st = audit.StepDone(Step(2, 0), {"u", "d"}, Status::Failed("boom"), 0);
  CHECK(st.message() == "the history event of migration 2 was not recorded: disk I/O error");
  // A connection that no longer answers is replaced, and the event stored (#17 item 6).
  f.db.FailNth(1, Fault::kLostBefore);
  CHECK(audit.StepDone(Step(3, 0), {"u", "d"}, Status::Failed("lost"), 0).ok());
  CHECK(f.db.opens() == 2);
  CHECK(f.db.Scalar("SELECT outcome FROM goose_db_version_history WHERE version_id = 3") == "failed");
}

TEST_CASE("history rows are numbered without gaps and hash-chained, through retried and rolled back attempts") {
  AuditFixture f;
  AuditRecorder audit(f.env, f.session.get(), f.command);
  REQUIRE(audit.Start(0).ok());
  audit.StepEventSql(Step(1, 1), {"u", "d"});  // an attempt rolled back, then retried
  REQUIRE(f.session->conn().Exec(audit.StepEventSql(Step(1, 1), {"u", "d"})).ok());
  REQUIRE(audit.StepDone(Step(1, 1), {"u", "d"}, Status::OK(), 1).ok());
  REQUIRE(audit.StepDone(Step(2, 1), {"u", "d"}, Status::Failed("boom"), 0).ok());
  REQUIRE(audit.Finish(Status::Failed("boom")).ok());

  std::vector<AuditEvent> events;
  REQUIRE(AuditStore(&f.session->conn(), "goose_db_version").ListEvents(&events).ok());
  REQUIRE(events.size() == 2);
  CHECK(events[0].id == 1);
  CHECK(events[1].id == 2);
  CHECK(events[0].row_sha256 == HistoryRowHash("", events[0]));
  CHECK(events[1].row_sha256 == HistoryRowHash(events[0].row_sha256, events[1]));
  nlohmann::json snapshot = nlohmann::json::parse(f.env.FileText(f.env.Files().at(0)));
  CHECK(snapshot["history_head"]["id"] == 2);
  CHECK(snapshot["history_head"]["sha256"] == events[1].row_sha256);
}

TEST_CASE("the next command completes an interrupted run: its events join the snapshot, a missing file is written") {
  AuditFixture f;
  {
    AuditRecorder killed(f.env, f.session.get(), f.command);
    REQUIRE(killed.Start(0).ok());
    REQUIRE(f.session->conn().Exec(killed.StepEventSql(Step(1, 1), {"u", "d"})).ok());
    // killed here: no StepDone, no Finish
  }
  AuditRecorder next(f.env, f.session.get(), f.command);
  REQUIRE(next.Start(1).ok());
  REQUIRE(f.session->conn().Exec(next.StepEventSql(Step(2, 1), {"u", "d"})).ok());
  REQUIRE(next.StepDone(Step(2, 1), {"u", "d"}, Status::OK(), 0).ok());
  REQUIRE(next.Finish(Status::OK()).ok());
  std::vector<std::string> files = f.env.Files();
  REQUIRE(files.size() == 1);
  nlohmann::json snapshot = nlohmann::json::parse(f.env.FileText(files[0]));
  REQUIRE(snapshot["migrations"].size() == 2);
  CHECK(snapshot["migrations"][0]["version"] == 1);
  CHECK(snapshot["migrations"][0]["interrupted"] == true);
  CHECK(snapshot["migrations"][1]["id"] == 2);

  // Killed between the row and the file: the next Start writes the file.
  std::string body = f.env.FileText(files[0]);
  f.env.RemoveFile(files[0]);
  AuditRecorder third(f.env, f.session.get(), f.command);
  REQUIRE(third.Start(2).ok());
  REQUIRE(f.env.Files().size() == 1);
  CHECK(f.env.FileText(f.env.Files()[0]) == body);
}

TEST_CASE("a run reads the history head once, not once per step, and never the previous snapshot's bytes (#21)") {
  AuditFixture f;
  {
    AuditRecorder first(f.env, f.session.get(), f.command);
    REQUIRE(first.Start(0).ok());
    REQUIRE(f.session->conn().Exec(first.StepEventSql(Step(1, 1), {"u", "d"})).ok());
    REQUIRE(first.StepDone(Step(1, 1), {"u", "d"}, Status::OK(), 0).ok());
    REQUIRE(first.Finish(Status::OK()).ok());
  }
  int heads = f.db.CountCalls("ORDER BY id DESC LIMIT 1");
  int bodies = f.db.CountCalls("body FROM");
  AuditRecorder audit(f.env, f.session.get(), f.command);
  REQUIRE(audit.Start(1).ok());
  for (int64_t v = 2; v <= 4; ++v) {
    REQUIRE(f.session->conn().Exec(audit.StepEventSql(Step(v, 1), {"u", "d"})).ok());
    REQUIRE(audit.StepDone(Step(v, 1), {"u", "d"}, Status::OK(), 0).ok());
  }
  REQUIRE(audit.Finish(Status::OK()).ok());
  CHECK(f.db.CountCalls("ORDER BY id DESC LIMIT 1") - heads == 2);  // Start and Finish
  CHECK(f.db.CountCalls("body FROM") == bodies);
  std::vector<AuditEvent> events;
  REQUIRE(AuditStore(&f.session->conn(), "goose_db_version").ListEvents(&events).ok());
  REQUIRE(events.size() == 4);
  for (size_t i = 1; i < events.size(); ++i) {
    CHECK(events[i].id == static_cast<int64_t>(i + 1));
    CHECK(events[i].row_sha256 == HistoryRowHash(events[i - 1].row_sha256, events[i]));
  }
  nlohmann::json snapshot = nlohmann::json::parse(f.env.FileText(f.env.Files().at(1)));
  CHECK(snapshot["database_id"] == "00001000000010010000100200001003");  // the first snapshot's, from its column
}

TEST_CASE("without a snapshot folder no file is written; the row is the record") {
  AuditFixture f;
  f.command.snapshot_dir = "";
  AuditRecorder audit(f.env, f.session.get(), f.command);
  REQUIRE(audit.Start(0).ok());
  REQUIRE(audit.Finish(Status::OK()).ok());
  CHECK(f.env.Files().empty());
  CHECK(f.db.Scalar("SELECT count(*) FROM goose_db_version_snapshots WHERE database_id IS NOT NULL AND "
                    "file_name LIKE '%-000001-up.json'") == "1");
}
