// The decision "what happened to the migration in flight" after a lost reply
// (issue #17 item 1): each branch of DecideInFlight, then each as the retry
// loop meets it on the fake database, whose lost-after faults commit what
// the server committed.
#include "app/in_flight_outcome.h"

#include <doctest/doctest.h>

#include "step_fixture.h"
#include "migration_parts.h"

using namespace gander;
using namespace gander::test;
using Kind = InFlightVerdict::Kind;

namespace {

const StepInfo kUp1{1, Direction::kUp, "00001_a.sql", 3};

DbVersions Applied(std::vector<int64_t> versions) {
  std::vector<TrackingRow> rows;
  int64_t id = 1;
  for (int64_t v : versions) rows.push_back({id++, v, true, ""});
  return SummarizeRows(rows);
}

DirtyState Marker(int done, bool in_flight, int64_t version = 1) {
  return {version, Direction::kUp, done, 3, in_flight, "00001_a.sql", "", ""};
}

// A step over table t, whose rows the migrations insert.
struct TableStep : StepFixture {
  explicit TableStep(FakeEngine engine = FakeEngine::kSqlite) : StepFixture(engine) {
    REQUIRE(db.Exec("CREATE TABLE t (n INTEGER)").ok());
  }
  std::string Rows() { return db.Scalar("SELECT group_concat(n, ',') FROM (SELECT n FROM t ORDER BY rowid)"); }
  std::string Marker() {
    return db.Scalar("SELECT statements_done || '/' || statements_total || (CASE in_flight WHEN 1 THEN ' in flight' "
                     "ELSE '' END) FROM goose_db_version_dirty");
  }
};

const MigrationPart kThreeInserts = Part(
    {"INSERT INTO t VALUES (1);", "INSERT INTO t VALUES (2);", "INSERT INTO t VALUES (3);"}, /*use_tx=*/false);

}  // namespace

TEST_CASE("decision: the step's tracking change is there -> recorded, whatever the marker says") {
  CHECK(DecideInFlight(kUp1, {0, 3, -1}, Applied({1}), std::nullopt).kind == Kind::kRecorded);
  StepInfo down{1, Direction::kDown, "00001_a.sql", 1};
  CHECK(DecideInFlight(down, {0, 1, -1}, Applied({}), std::nullopt).kind == Kind::kRecorded);
  CHECK(DecideInFlight(down, {0, 1, -1}, Applied({1}), std::nullopt).kind == Kind::kRunFrom);
}

TEST_CASE("decision: no marker and nothing recorded -> the transaction was rolled back, run it all again") {
  InFlightVerdict v = DecideInFlight(kUp1, {0, 2, 2}, Applied({}), std::nullopt);
  CHECK(v.kind == Kind::kRunFrom);
  CHECK(v.run_from == 0);
  // A continued attempt whose marker vanished without a record: unexplained, so dirty.
  CHECK(DecideInFlight(kUp1, {2, 0, -1}, Applied({}), std::nullopt).kind == Kind::kDirty);
}

TEST_CASE("decision: a marker not in flight counts what took effect -> continue after it") {
  InFlightVerdict v = DecideInFlight(kUp1, {0, 0, 0}, Applied({}), Marker(0, false));
  CHECK(v.kind == Kind::kRunFrom);
  CHECK(v.run_from == 0);
  CHECK(DecideInFlight(kUp1, {0, 2, -1}, Applied({}), Marker(2, false)).run_from == 2);
}

TEST_CASE("decision: the statement in flight ran if its reply came, never ran if never sent, else is unknown") {
  // Statement 2 (index 1) in flight, its reply came, the record was lost.
  InFlightVerdict acked = DecideInFlight(kUp1, {0, 3, -1}, Applied({}), Marker(2, true));
  CHECK(acked.kind == Kind::kRunFrom);
  CHECK(acked.run_from == 3);
  // The marker before statement 3 committed, its reply was lost: statement 3 was never sent.
  InFlightVerdict unsent = DecideInFlight(kUp1, {0, 2, -1}, Applied({}), Marker(2, true));
  CHECK(unsent.kind == Kind::kRunFrom);
  CHECK(unsent.run_from == 2);
  // Statement 3 was sent and its reply never came.
  InFlightVerdict doubt = DecideInFlight(kUp1, {0, 2, 2}, Applied({}), Marker(2, true));
  CHECK(doubt.kind == Kind::kDirty);
  CHECK(doubt.why.find("statement 3 was running and its reply never came") != std::string::npos);
}

TEST_CASE("decision: another step's marker -> dirty") {
  CHECK(DecideInFlight(kUp1, {0, 0, -1}, Applied({}), Marker(1, false, 7)).kind == Kind::kDirty);
}

TEST_CASE("a lost COMMIT acknowledgement whose COMMIT took effect: counted as done, never run again") {
  TableStep f;
  f.db.FailWhen("COMMIT", Fault::kLostAfter);
  Status st = f.Run(Part({"INSERT INTO t VALUES (1);"}));
  REQUIRE(st.ok());
  CHECK(f.Rows() == "1");
  CHECK(f.db.TrackingRows() == "0:1 1:1");
  CHECK(f.db.CountCalls("INSERT INTO t") == 1);
  CHECK(f.db.locked());  // on the new connection, taken again before reading
  CHECK(f.reporter.Lines("notice:") ==
        std::vector<std::string>{"notice: migration 1 up: the connection was lost before the server's reply; the "
                                 "tracking table shows it applied: the server committed it before the connection "
                                 "was lost; counted as done, not run again"});
  CHECK(f.attempts.states.back() == AttemptState::kSucceeded);

  // With DDL: no misleading "already exists".
  TableStep g;
  g.db.FailWhen("COMMIT", Fault::kLostAfter);
  REQUIRE(g.Run(Part({"CREATE TABLE a (id INTEGER);"})).ok());
  CHECK(g.db.TrackingRows() == "0:1 1:1");
}

TEST_CASE("a COMMIT lost before the server got it: nothing was kept, the step runs again, once") {
  TableStep f;
  f.db.FailWhen("COMMIT", Fault::kLostBefore);
  REQUIRE(f.Run(Part({"INSERT INTO t VALUES (1);"})).ok());
  CHECK(f.Rows() == "1");
  CHECK(f.db.TrackingRows() == "0:1 1:1");
  CHECK(f.db.CountCalls("INSERT INTO t") == 2);
  CHECK(f.attempts.retries == 1);
}

TEST_CASE("NO TRANSACTION: a statement whose reply was lost is in doubt: dirty, explained, never re-run") {
  TableStep f;
  f.db.FailWhen("INSERT INTO t VALUES (2)", Fault::kLostAfter);
  Status st = f.Run(kThreeInserts);
  REQUIRE_FALSE(st.ok());
  CHECK(f.result.left_dirty);
  CHECK(f.Rows() == "1,2");
  CHECK(f.db.CountCalls("INSERT INTO t VALUES (2)") == 1);
  CHECK(f.db.TrackingRows() == "0:1");
  CHECK(f.Marker() == "1/3 in flight");
  CHECK(st.message().find("statement 2 was running and its reply never came") != std::string::npos);
  CHECK(st.message().find("migration 1 (00001_a.sql) is dirty") != std::string::npos);
  CHECK(st.message().find("resume") != std::string::npos);
  CHECK(f.attempts.states.back() == AttemptState::kFailed);
}

TEST_CASE("NO TRANSACTION: a marker write whose reply was lost: the statement was never sent, continue from it") {
  TableStep f;
  // The marker write before statement 2 (done 1 of 3, in flight).
  f.db.FailWhen("VALUES (1, 'up', 1, 3, 1,", Fault::kLostAfter);
  REQUIRE(f.Run(kThreeInserts).ok());
  CHECK(f.Rows() == "1,2,3");
  CHECK(f.db.TrackingRows() == "0:1 1:1");
  CHECK(f.Marker().empty());
  CHECK(f.reporter.Lines("notice:").size() == 1);
  CHECK(f.reporter.Lines("notice:")[0].find("continuing from statement 2") != std::string::npos);
}

TEST_CASE("NO TRANSACTION: the record lost before the server got it: every statement is done, only the record is written") {
  TableStep f;
  f.db.FailWhen("(version_id, is_applied) VALUES (1,", Fault::kLostBefore);
  REQUIRE(f.Run(kThreeInserts).ok());
  CHECK(f.Rows() == "1,2,3");
  CHECK(f.db.TrackingRows() == "0:1 1:1");
  CHECK(f.Marker().empty());
  CHECK(f.reporter.Lines("notice:")[0].find("continuing from statement 4") != std::string::npos);
}

TEST_CASE("MySQL-like: statements after a DDL rolled back with the lost connection are run again, the DDL not") {
  TableStep f(FakeEngine::kMysqlLike);
  MigrationPart part = Part({"INSERT INTO t VALUES (1);", "CREATE TABLE a (id INTEGER);", "INSERT INTO t VALUES (2);"});
  f.db.FailWhen("(version_id, is_applied) VALUES (1,", Fault::kLostBefore);  // with the open transaction
  REQUIRE(f.Run(part).ok());
  CHECK(f.Rows() == "1,2");
  CHECK(f.db.TrackingRows() == "0:1 1:1");
  CHECK(f.db.CountCalls("CREATE TABLE a") == 1);
}

TEST_CASE("a lost reply with -no-versioning cannot be settled: it fails, saying so") {
  TableStep f;
  f.ctx->options.no_versioning = true;
  f.db.FailWhen("COMMIT", Fault::kLostAfter);
  Status st = f.Run(Part({"INSERT INTO t VALUES (1);"}));
  CHECK_FALSE(st.ok());
  CHECK(st.message().find("whether it took effect is unknown") != std::string::npos);
  CHECK(f.db.CountCalls("INSERT INTO t") == 1);
}

TEST_CASE("no retry left after a lost reply: the server's state is still read, and nothing is run again") {
  TableStep f;
  f.ctx->options.retry.max_retries = 0;
  f.db.FailWhen("COMMIT", Fault::kLostAfter);
  REQUIRE(f.Run(Part({"INSERT INTO t VALUES (1);"})).ok());  // committed: done
  CHECK(f.Rows() == "1");
  CHECK(f.db.TrackingRows() == "0:1 1:1");

  TableStep g;
  g.ctx->options.retry.max_retries = 0;
  g.db.FailWhen("COMMIT", Fault::kLostBefore);
  Status st = g.Run(Part({"INSERT INTO t VALUES (1);"}));
  CHECK(st.message().find("the server kept nothing of it (its transaction was rolled back); not run again: no retry "
                          "left (--max-retries)") != std::string::npos);
  CHECK(g.Rows().empty());
  CHECK_FALSE(g.result.left_dirty);

  // A tracked step with part of it kept: dirty, the marker saying exactly how much.
  TableStep h;
  h.ctx->options.retry.max_retries = 0;
  h.db.FailWhen("(version_id, is_applied) VALUES (1,", Fault::kLostBefore);
  CHECK_FALSE(h.Run(kThreeInserts).ok());
  CHECK(h.result.left_dirty);
  CHECK(h.Marker() == "3/3");
  CHECK(h.Rows() == "1,2,3");
}

TEST_CASE("a stop signal after a lost reply: no retry, but a COMMIT the server made counts as done") {
  TableStep f;
  f.env.RequestStop(15, 1);  // after the statement's own poll: during the COMMIT
  f.db.FailWhen("COMMIT", Fault::kLostAfter);
  REQUIRE(f.Run(Part({"INSERT INTO t VALUES (1);"})).ok());
  CHECK(f.db.TrackingRows() == "0:1 1:1");

  TableStep g;
  g.env.RequestStop(15, 1);
  g.db.FailWhen("COMMIT", Fault::kLostBefore);
  Status st = g.Run(Part({"INSERT INTO t VALUES (1);"}));
  CHECK(st.message().find("not run again: stopped by SIGTERM") != std::string::npos);
  CHECK(g.db.CountCalls("INSERT INTO t") == 1);
  CHECK(g.db.TrackingRows() == "0:1");
}
