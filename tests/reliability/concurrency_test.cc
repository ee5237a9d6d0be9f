// Concurrency suite: 8 gander processes at once against one database. The
// migration lock must make each migration apply (or roll back) exactly once;
// every other runner finds nothing to do (exit 0), waits out the lock and is
// refused by --expect-version (exit 3), or gives up on the lock (exit 4).
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "integration/harness.h"
#include "reliability/figures.h"

using namespace gander::test;

namespace {

constexpr int kRunners = 8;
constexpr int kMigrations = 10;

void WriteMigrations(const TempDir& dir) {
  for (int i = 1; i <= kMigrations; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "m/%05d_c%d.sql", i, i);
    std::string t = "c" + std::to_string(i);
    // The counter table records every execution of an up or down part.
    dir.Write(name, "-- +goose Up\n" + std::string(i == 1 ? "CREATE TABLE runs (part VARCHAR(20));\n" : "") +
                        "CREATE TABLE " + t + " (id INTEGER);\nINSERT INTO runs (part) VALUES ('up " + t + "');\n" +
                        "-- +goose Down\n" + (i == 1 ? "DROP TABLE runs;\n" : "INSERT INTO runs (part) VALUES ('down " + t + "');\n") +
                        "DROP TABLE " + t + ";\n");
  }
}

}  // namespace

TEST_CASE("concurrency: 8 runners of up, then 8 of down --steps 1 --expect-version") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    WriteMigrations(dir);
    std::string m = dir.Join("m");
    SuiteFigures up{"concurrency 8x up " + engine, 0, 0, 0, ""};
    std::map<int, int> exits;
    {
      std::vector<std::unique_ptr<GanderProcess>> runners;
      for (int i = 0; i < kRunners; ++i) {
        runners.push_back(std::make_unique<GanderProcess>(Args(Target(db, m), {"up", "--lock-timeout", "30"})));
      }
      for (auto& p : runners) {
        RunResult r = p->Wait();
        ++exits[r.exit_code];
        CHECK_MESSAGE((r.exit_code == 0 || r.exit_code == 4), r.err);
      }
    }
    up.runs = 1;
    up.faults = kRunners;
    auto ups = db.Query("SELECT part, COUNT(*) FROM runs GROUP BY part");
    CHECK(ups.size() == kMigrations);
    for (const auto& row : ups) {
      if (row[1] != "1") ++up.inconsistencies;
    }
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1 6:1 7:1 8:1 9:1 10:1");
    up.note = "exit codes: " + std::to_string(exits[0]) + "x0 " + std::to_string(exits[4]) + "x4";
    RecordFigures(up);

    SuiteFigures down{"concurrency 8x down --expect " + engine, 1, kRunners, 0, ""};
    exits.clear();
    {
      std::vector<std::unique_ptr<GanderProcess>> runners;
      for (int i = 0; i < kRunners; ++i) {
        runners.push_back(std::make_unique<GanderProcess>(
            Args(Target(db, m), {"down", "--steps", "1", "--expect-version", "10", "--lock-timeout", "30"})));
      }
      for (auto& p : runners) {
        RunResult r = p->Wait();
        ++exits[r.exit_code];
        CHECK_MESSAGE((r.exit_code == 0 || r.exit_code == 3 || r.exit_code == 4), r.err);
      }
    }
    CHECK(exits[0] == 1);  // exactly one runner rolled back version 10
    db.Reconnect();
    CHECK(db.Query("SELECT COUNT(*) FROM runs WHERE part = 'down c10'")[0][0] == "1");
    CHECK(db.Query("SELECT COUNT(*) FROM runs WHERE part LIKE 'down%'")[0][0] == "1");
    if (exits[0] != 1) ++down.inconsistencies;
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1 6:1 7:1 8:1 9:1");
    down.note = "exit codes: " + std::to_string(exits[0]) + "x0 " + std::to_string(exits[3]) + "x3 " +
                std::to_string(exits[4]) + "x4";
    RecordFigures(down);
  }
}
