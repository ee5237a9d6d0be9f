// Concurrency with every spelling of one SQLite database: 8 runners at once,
// each naming the same file differently (relative, ./relative, absolute,
// `file:` URIs with and without parameters, a symlink). The migration lock
// must be one lock for all of them: every migration applies exactly once.
// The migrations only insert rows, so a second application does not fail on
// "already exists": it shows as a duplicate row and a duplicate tracking row.
#include <doctest/doctest.h>
#include <unistd.h>

#include "integration/harness.h"
#include "reliability/figures.h"

using namespace gander::test;

namespace {

constexpr int kMigrations = 20;

void WriteMigrations(const TempDir& dir) {
  dir.Write("m/00001_runs.sql", "-- +goose Up\nCREATE TABLE runs (part TEXT);\n-- +goose Down\nDROP TABLE runs;\n");
  for (int i = 2; i <= kMigrations; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "m/%05d_d%d.sql", i, i);
    dir.Write(name, "-- +goose Up\nINSERT INTO runs (part) VALUES ('up " + std::to_string(i) +
                        "');\n-- +goose Down\nDELETE FROM runs WHERE part = 'up " + std::to_string(i) + "';\n");
  }
}

}  // namespace

TEST_CASE("concurrency: 8 runners, each with another spelling of the same SQLite database") {
  int trials = ProfileRuns(3);
  SuiteFigures figures{"concurrency 8x up sqlite3 spellings", 0, 0, 0, ""};
  int exit0 = 0, exit4 = 0, failed = 0;
  for (int trial = 0; trial < trials; ++trial) {
    CAPTURE(trial);
    TempDir dir;
    WriteMigrations(dir);
    {
      std::unique_ptr<gander::Connection> create;  // the file exists before the race, as in production
      REQUIRE(gander::OpenConnection("sqlite3", dir.Join("w.db"), &create).ok());
    }
    REQUIRE(symlink("w.db", dir.Join("link.db").c_str()) == 0);
    const std::vector<std::string> spellings = {
        "w.db", "./w.db", dir.Join("w.db"), "file:w.db", "file:w.db?mode=rwc&cache=private",
        "file:" + dir.Join("w.db"), "file://" + dir.Join("w.db"), "link.db"};
    std::vector<std::unique_ptr<GanderProcess>> runners;
    for (const std::string& dsn : spellings) {
      runners.push_back(std::make_unique<GanderProcess>(
          std::vector<std::string>{"-dir", "m", "sqlite3", dsn, "up", "--lock-timeout", "30"},
          std::map<std::string, std::string>{}, dir.path()));
    }
    for (size_t i = 0; i < runners.size(); ++i) {
      RunResult r = runners[i]->Wait();
      CAPTURE(spellings[i]);
      CHECK_MESSAGE((r.exit_code == 0 || r.exit_code == 4), r.err);
      if (r.exit_code == 0) ++exit0;
      else if (r.exit_code == 4) ++exit4;
      else ++failed;
    }
    std::unique_ptr<gander::Connection> conn;
    REQUIRE(gander::OpenConnection("sqlite3", dir.Join("w.db"), &conn).ok());
    std::vector<gander::Row> rows;
    REQUIRE(conn->Query("SELECT COUNT(*), COUNT(DISTINCT part) FROM runs", &rows).ok());
    int data_twice = std::stoi(gander::CellText(rows[0], 0)) - std::stoi(gander::CellText(rows[0], 1));
    rows.clear();
    REQUIRE(conn->Query("SELECT COUNT(*), COUNT(DISTINCT version_id) FROM goose_db_version", &rows).ok());
    int tracked_twice = std::stoi(gander::CellText(rows[0], 0)) - std::stoi(gander::CellText(rows[0], 1));
    CHECK(gander::CellText(rows[0], 1) == std::to_string(kMigrations + 1));  // every version, and version 0
    CHECK(data_twice == 0);
    CHECK(tracked_twice == 0);
    figures.runs += 1;
    figures.faults += static_cast<int>(spellings.size());
    figures.inconsistencies += data_twice + tracked_twice;
  }
  figures.note = std::to_string(kMigrations) + " migrations, 8 spellings; exit codes: " + std::to_string(exit0) +
                 "x0 " + std::to_string(exit4) + "x4 " + std::to_string(failed) + "x other";
  RecordFigures(figures);
}
