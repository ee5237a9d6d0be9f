#include "core/metrics.h"

#include <doctest/doctest.h>

using namespace gander;

TEST_CASE("the Prometheus textfile has the run's counts, a duration histogram with a 0.2 s bucket, and times") {
  RunMetrics m;
  m.command = "up";
  m.engine = "postgres";
  m.database = "app\"prod";
  m.success = true;
  m.applied = 3;
  m.retries = 1;
  m.durations = {0.05, 0.15, 0.7};
  m.lock_wait_seconds = 0.25;
  m.finished_at = 1795656310.123;
  m.last_success = 1795656310.123;
  std::string text = PrometheusText(m);
  CHECK(text.find("gander_migrations_applied{engine=\"postgres\",database=\"app\\\"prod\"} 3\n") != std::string::npos);
  CHECK(text.find("# TYPE gander_migration_duration_seconds histogram") != std::string::npos);
  CHECK(text.find("_bucket{engine=\"postgres\",database=\"app\\\"prod\",le=\"0.2\"} 2\n") != std::string::npos);
  CHECK(text.find("le=\"+Inf\"} 3\n") != std::string::npos);
  CHECK(text.find("gander_migration_duration_seconds_count{engine=\"postgres\",database=\"app\\\"prod\"} 3") !=
        std::string::npos);
  CHECK(text.find("gander_last_success_timestamp_seconds{engine=\"postgres\",database=\"app\\\"prod\"} "
                  "1795656310.123\n") != std::string::npos);
  CHECK(text.find("gander_retries{") != std::string::npos);
  CHECK(text.find("gander_lock_wait_seconds{engine=\"postgres\",database=\"app\\\"prod\"} 0.25") != std::string::npos);
}

TEST_CASE("a failed run keeps the last success time of the previous file") {
  RunMetrics ok;
  ok.finished_at = 1795656310.5;
  ok.last_success = 1795656310.5;
  ok.success = true;
  std::optional<double> last = LastSuccessFrom(PrometheusText(ok));
  REQUIRE(last);
  CHECK(*last == doctest::Approx(1795656310.5));
  CHECK_FALSE(LastSuccessFrom("# nothing here\n"));
}
