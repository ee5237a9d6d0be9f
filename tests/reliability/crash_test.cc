// Crash suite: gander is killed (SIGKILL) at random, seeded points while it
// applies or rolls back 20 migrations. After each kill a fresh `status` must
// match the database exactly (a migration's table exists if and only if it is
// recorded as applied, apart from a migration reported dirty), and gander
// must finish the job (resume if dirty, then up / down-to 0).
#include <chrono>
#include <random>
#include <thread>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "integration/harness.h"
#include "reliability/figures.h"

using namespace gander::test;

namespace {

constexpr int kMigrations = 20;

void WriteMigrations(const TempDir& dir) {
  for (int i = 1; i <= kMigrations; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "m/%05d_r%d.sql", i, i);
    std::string t = "r" + std::to_string(i);
    dir.Write(name, "-- +goose Up\nCREATE TABLE " + t + " (id INTEGER PRIMARY KEY, v VARCHAR(20));\n" +
                        "INSERT INTO " + t + " (id, v) VALUES (1, 'a'), (2, 'b');\n" +
                        "-- +goose Down\nDROP TABLE " + t + ";\n");
  }
}

// Compares `status --json` with the tables that exist; returns the number of
// migrations whose record and effect disagree. Sets *dirty if one is dirty.
int Inconsistencies(ScratchDb& db, const std::string& dir, bool* dirty) {
  RunResult r = RunGander(Args(Target(db, dir), {"status", "--json"}));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  nlohmann::json status = nlohmann::json::parse(r.out);
  int64_t dirty_version = status["dirty"].is_null() ? -1 : status["dirty"]["version"].get<int64_t>();
  *dirty = dirty_version >= 0;
  db.Reconnect();
  int bad = 0;
  for (const auto& m : status["migrations"]) {
    int64_t v = m["version"];
    if (v == dirty_version) continue;
    bool exists = db.TableExists("r" + std::to_string(v));
    if (exists != m["applied"].get<bool>()) {
      ++bad;
      MESSAGE("version " << v << ": applied=" << m["applied"] << " but table exists=" << exists);
    }
  }
  return bad;
}

void CrashSuite(const std::string& engine, bool up) {
  TempDir dir;
  WriteMigrations(dir);
  std::string m = dir.Join("m");
  std::vector<std::string> run = up ? std::vector<std::string>{"up"}
                                    : std::vector<std::string>{"down-to", "0", "--yes"};
  std::mt19937 rng(ProfileSeed() + (up ? 1 : 2) + static_cast<uint32_t>(engine.size()));
  SuiteFigures figures{"crash " + std::string(up ? "up" : "down-to 0") + " " + engine, 0, 0, 0, ""};
  double full_ms = 0;
  int killed_mid_run = 0, dirty_seen = 0;
  int runs = ProfileRuns(6);
  for (int i = 0; i < runs; ++i) {
    ScratchDb db(engine);
    if (!up) REQUIRE(RunGander(Args(Target(db, m), {"up"})).exit_code == 0);
    if (full_ms == 0) {  // calibrate: how long an uninterrupted run takes here
      auto start = std::chrono::steady_clock::now();
      REQUIRE(RunGander(Args(Target(db, m), run)).exit_code == 0);
      full_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      RunGander(Args(Target(db, m), up ? std::vector<std::string>{"down-to", "0", "--yes"}
                                       : std::vector<std::string>{"up"}));
    }
    std::uniform_real_distribution<double> at(0.0, full_ms * 1.1);
    GanderProcess p(Args(Target(db, m), run));
    std::this_thread::sleep_for(std::chrono::microseconds(static_cast<long long>(at(rng) * 1000)));
    p.Kill();
    RunResult killed = p.Wait();
    ++figures.runs;
    ++figures.faults;
    if (killed.exit_code == 128 + 9) ++killed_mid_run;

    bool dirty = false;
    figures.inconsistencies += Inconsistencies(db, m, &dirty);
    if (dirty) {
      ++dirty_seen;
      RunResult resumed = RunGander(Args(Target(db, m), {"resume"}));
      CHECK_MESSAGE(resumed.exit_code == 0, resumed.err);
    }
    RunResult finish = RunGander(Args(Target(db, m), run));
    CHECK_MESSAGE(finish.exit_code == 0, finish.err);
    figures.inconsistencies += Inconsistencies(db, m, &dirty);
    CHECK_FALSE(dirty);
    db.Reconnect();
    CHECK(db.TableExists("r" + std::to_string(kMigrations)) == up);
    CHECK(db.TableExists("r1") == up);
  }
  figures.note = std::to_string(killed_mid_run) + " killed mid-run, " + std::to_string(dirty_seen) +
                 " left dirty and resumed; full run " + std::to_string(static_cast<int>(full_ms)) + " ms";
  RecordFigures(figures);
  CHECK(figures.inconsistencies == 0);
}

}  // namespace

TEST_CASE("crash suite: kill -9 during up, then status matches the database and up finishes") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    CrashSuite(engine, true);
  }
}

TEST_CASE("crash suite: kill -9 during down-to 0, then status matches and the rollback finishes") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    CrashSuite(engine, false);
  }
}
