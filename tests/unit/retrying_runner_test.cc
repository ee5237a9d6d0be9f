#include "app/retrying_runner.h"

#include <doctest/doctest.h>

#include "step_fixture.h"
#include "migration_parts.h"

using namespace gander;
using namespace gander::test;
using std::chrono::milliseconds;

namespace {

std::vector<std::string> Names(const std::vector<AttemptState>& states) {
  std::vector<std::string> names;
  for (AttemptState s : states) names.push_back(AttemptStateName(s));
  return names;
}

}  // namespace

TEST_CASE("transient failures are retried on the documented schedule, slept through the Env") {
  StepFixture f;
  f.db.FailWhen("CREATE TABLE a", Fault::kTransient, 1, "deadlock detected");
  f.db.FailWhen("CREATE TABLE a", Fault::kTransient, 2, "deadlock detected");
  f.db.FailWhen("CREATE TABLE a", Fault::kTransient, 3, "deadlock detected");
  REQUIRE(f.Run(Part({"CREATE TABLE a (id INTEGER);"})).ok());
  CHECK(f.env.sleeps() == std::vector<milliseconds>{milliseconds(100), milliseconds(200), milliseconds(400)});
  CHECK(f.attempts.retries == 3);
  CHECK(Names(f.attempts.states) == std::vector<std::string>{"pending", "executing", "retrying", "executing", "retrying",
                                                             "executing", "retrying", "executing", "succeeded"});
  std::string cause = "migration 1 up failed at statement 1 of 1 (CREATE TABLE a (id INTEGER);): deadlock detected";
  CHECK(f.reporter.Lines("retry:") == std::vector<std::string>{"retry: up 1 #1/5 100ms: " + cause,
                                                               "retry: up 1 #2/5 200ms: " + cause,
                                                               "retry: up 1 #3/5 400ms: " + cause});
  CHECK(f.reporter.Lines("state: up 1 executing") ==
        std::vector<std::string>{"state: up 1 executing 1", "state: up 1 executing 2", "state: up 1 executing 3",
                                 "state: up 1 executing 4"});
  CHECK(f.db.TrackingRows() == "0:1 1:1");
}

TEST_CASE("the jitter comes from the Env's random numbers") {
  StepFixture f;
  f.options.retry.jitter = 0.2;
  f.ctx->options.retry.jitter = 0.2;
  f.env.QueueRandom(0.0);  // -20 %
  f.db.FailWhen("CREATE TABLE a", Fault::kTransient);
  REQUIRE(f.Run(Part({"CREATE TABLE a (id INTEGER);"})).ok());
  CHECK(f.env.sleeps() == std::vector<milliseconds>{milliseconds(80)});
}

TEST_CASE("a permanent failure is not retried; a transient one only until MaxRetries") {
  StepFixture f;
  f.db.FailWhen("CREATE TABLE a", Fault::kPermanent, 1, "syntax error");
  CHECK(f.Run(Part({"CREATE TABLE a (id INTEGER);"})).message().find("syntax error") != std::string::npos);
  CHECK(f.env.sleeps().empty());
  CHECK(Names(f.attempts.states) == std::vector<std::string>{"pending", "executing", "failed"});

  StepFixture g;
  g.ctx->options.retry.max_retries = 2;
  for (int i = 1; i <= 3; ++i) g.db.FailWhen("CREATE TABLE a", Fault::kTransient, i);
  Status st = g.Run(Part({"CREATE TABLE a (id INTEGER);"}));
  CHECK(st.transient());
  CHECK(g.attempts.retries == 2);
  CHECK(g.env.sleeps().size() == 2);
  CHECK(Names(g.attempts.states).back() == "failed");
}

TEST_CASE("a lost connection is re-opened and re-locked, with the statement timeout, and the step runs again") {
  StepFixture f;
  f.ctx->options.statement_timeout = milliseconds(5000);
  f.db.FailWhen("CREATE TABLE a", Fault::kLostBefore);
  REQUIRE(f.Run(Part({"CREATE TABLE a (id INTEGER);"})).ok());
  CHECK(f.db.opens() == 3);  // CreateTrackingTable's, the session's, the reconnect
  CHECK(f.db.locked());
  int reconnected = f.db.calls().back().connection;
  CHECK(reconnected == 3);
  bool timeout_again = false, locked_again = false;
  for (const FakeCall& c : f.db.calls()) {
    timeout_again = timeout_again || (c.connection == 3 && c.text == "SET STATEMENT TIMEOUT 5000");
    locked_again = locked_again || (c.connection == 3 && c.text == "LOCK");
  }
  CHECK(timeout_again);
  CHECK(locked_again);
  CHECK(f.db.TrackingRows() == "0:1 1:1");
}

TEST_CASE("while the server is down the reconnects use the same retry budget, then give up") {
  StepFixture f;
  f.db.FailWhen("CREATE TABLE a", Fault::kLostBefore);
  f.db.FailOpens(2);
  REQUIRE(f.Run(Part({"CREATE TABLE a (id INTEGER);"})).ok());
  CHECK(f.attempts.retries == 3);
  CHECK(f.env.sleeps() == std::vector<milliseconds>{milliseconds(100), milliseconds(200), milliseconds(400)});

  StepFixture g;
  g.ctx->options.retry.max_retries = 2;
  g.db.FailWhen("CREATE TABLE a", Fault::kLostBefore);
  g.db.FailOpens(5);
  Status st = g.Run(Part({"CREATE TABLE a (id INTEGER);"}));
  // The lost request's outcome could not be read back: the error says so.
  CHECK(st.message() == "migration 1 up: reconnecting after a lost connection: connection refused (fake: the server "
                        "is restarting); the migration's last request had no reply; whether it took effect is "
                        "unknown: run `status` (it reads what the server kept) before running anything again");
  CHECK(Names(g.attempts.states) ==
        std::vector<std::string>{"pending", "executing", "retrying", "retrying", "failed"});
}

TEST_CASE("a transient failure after part of a NO TRANSACTION step took effect is not retried: it is dirty") {
  StepFixture f;
  f.db.FailWhen("CREATE TABLE b", Fault::kTransient);
  Status st = f.Run(Part({"CREATE TABLE a (id INTEGER);", "CREATE TABLE b (id INTEGER);"}, false));
  CHECK(st.transient());
  CHECK(f.result.left_dirty);
  CHECK(f.env.sleeps().empty());
  CHECK(f.db.CountCalls("CREATE TABLE a") == 1);
}

// A lost reply (the record and COMMIT reached the server, the reply did not):
// settled from the tracking table, never run twice; every branch is in
// in_flight_outcome_test.cc.
TEST_CASE("a lost COMMIT acknowledgement is settled from the tracking table: applied once, not run again") {
  StepFixture f;
  REQUIRE(f.db.Exec("CREATE TABLE t (n INTEGER)").ok());
  f.db.FailWhen("COMMIT", Fault::kLostAfter);
  REQUIRE(f.Run(Part({"INSERT INTO t VALUES (1);"})).ok());
  CHECK(f.attempts.retries == 1);
  CHECK(f.db.Scalar("SELECT count(*) FROM t") == "1");
  CHECK(f.db.TrackingRows() == "0:1 1:1");
  CHECK(Names(f.attempts.states) == std::vector<std::string>{"pending", "executing", "retrying", "succeeded"});
}
