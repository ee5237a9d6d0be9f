// create and fix: the commands that write migration files.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "integration/harness.h"

using namespace gander::test;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> Names(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("create writes goose's template, timestamped or sequential, and the result validates") {
  TempDir dir;
  RunResult r = RunGander({"-dir", dir.Join("m"), "create", "AddUsers", "sql"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  std::vector<std::string> names = Names(dir.Join("m"));
  REQUIRE(names.size() == 1);
  CHECK(names[0].size() == std::string("20261124120000_add_users.sql").size());
  CHECK(names[0].substr(14) == "_add_users.sql");

  fs::remove_all(dir.Join("m"));
  REQUIRE(RunGander({"-dir", dir.Join("m"), "-s", "create", "init"}).exit_code == 0);
  REQUIRE(RunGander({"-dir", dir.Join("m"), "-s", "create", "add orders"}).exit_code == 0);
  CHECK(Names(dir.Join("m")) == std::vector<std::string>{"00001_init.sql", "00002_add_orders.sql"});
  r = RunGander({"-dir", dir.Join("m"), "validate"});
  CHECK(r.exit_code == 0);

  r = RunGander({"-dir", dir.Join("m"), "create", "x", "go"});
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "SQL migrations only"));
}

TEST_CASE("fix renumbers timestamped migrations after the sequential ones, pairs together") {
  TempDir dir;
  dir.Write("m/00001_init.sql", "-- +goose Up\nSELECT 1;\n");
  dir.Write("m/20261124120000_b.sql", "-- +goose Up\nSELECT 1;\n");
  dir.Write("m/20261124110000_a.up.sql", "SELECT 1;\n");
  dir.Write("m/20261124110000_a.down.sql", "SELECT 1;\n");
  RunResult r = RunGander({"-dir", dir.Join("m"), "fix"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(Names(dir.Join("m")) ==
        std::vector<std::string>{"00001_init.sql", "00002_a.down.sql", "00002_a.up.sql", "00003_b.sql"});
  r = RunGander({"-dir", dir.Join("m"), "fix"});
  CHECK(r.exit_code == 0);  // nothing left to do
  CHECK(Names(dir.Join("m")).size() == 4);
}
