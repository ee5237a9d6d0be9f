#include "app/metrics_file.h"

#include <doctest/doctest.h>

#include "app/mem_env.h"

using namespace gander;

TEST_CASE("the metrics file: the run's figures and times from the Env, written atomically") {
  MemEnv env;
  RunMetrics m;
  m.command = "up";
  m.engine = "sqlite3";
  m.database = "app.db";
  m.applied = 2;
  m.started = env.SteadyNow();
  env.Advance(std::chrono::milliseconds(1500));
  REQUIRE(WriteRunMetrics(env, "gander.prom", m, Status::OK()).ok());
  std::string text = env.FileText("gander.prom");
  CHECK(env.FileMode("gander.prom") == 0644);
  CHECK(text.find("gander_last_run_duration_seconds{engine=\"sqlite3\",database=\"app.db\"} 1.5\n") != std::string::npos);
  CHECK(text.find("gander_last_success_timestamp_seconds{engine=\"sqlite3\",database=\"app.db\"} 1767323046.5\n") !=
        std::string::npos);
}

TEST_CASE("a failed run keeps the last success of the previous file") {
  MemEnv env;
  RunMetrics m;
  m.engine = "sqlite3";
  m.database = "app.db";
  m.started = env.SteadyNow();
  REQUIRE(WriteRunMetrics(env, "gander.prom", m, Status::OK()).ok());
  env.Advance(std::chrono::seconds(60));
  m.started = env.SteadyNow();
  REQUIRE(WriteRunMetrics(env, "gander.prom", m, Status::Failed("boom")).ok());
  std::string text = env.FileText("gander.prom");
  CHECK(text.find("} 1767323045\n") != std::string::npos);  // the first run's time
  CHECK(text.find("gander_last_run_success{engine=\"sqlite3\",database=\"app.db\",command=\"\"} 0") !=
        std::string::npos);
  env.FailWrites("gander.prom");
  CHECK_FALSE(WriteRunMetrics(env, "gander.prom", m, Status::OK()).ok());
}
