#include "core/planner.h"

#include <doctest/doctest.h>

using namespace gander;

namespace {

std::vector<MigrationSource> Sources(std::initializer_list<int64_t> versions) {
  std::vector<MigrationSource> out;
  for (int64_t v : versions) out.push_back({v, std::to_string(v) + "_m.sql", "", SourceFormat::kGoose});
  return out;
}

// Tracking rows as goose writes them: version 0 first, then one row per apply.
DbVersions Applied(std::initializer_list<int64_t> versions) {
  std::vector<TrackingRow> rows{{1, 0, true, ""}};
  int64_t id = 2;
  for (int64_t v : versions) rows.push_back({id++, v, true, "t" + std::to_string(v)});
  return SummarizeRows(rows);
}

std::vector<int64_t> Versions(const Plan& plan) {
  std::vector<int64_t> out;
  for (const PlanStep& s : plan.steps) out.push_back(s.version);
  return out;
}

}  // namespace

TEST_CASE("newest row decides and current is the most recently applied, not the maximum") {
  std::vector<TrackingRow> rows{{1, 0, true, ""}, {2, 1, true, ""}, {3, 5, true, ""},
                                {4, 3, true, ""}, {5, 7, true, ""}, {6, 7, false, ""}};
  DbVersions db = SummarizeRows(rows);
  CHECK(db.current() == 3);
  CHECK(db.IsApplied(5));
  CHECK_FALSE(db.IsApplied(7));
  CHECK(SummarizeRows({{1, 0, true, ""}}).current() == 0);
}

TEST_CASE("up plans pending migrations in order, up-to and up-by-one limit it") {
  auto sources = Sources({1, 2, 3, 4});
  Plan plan;
  REQUIRE(PlanUp(sources, Applied({1}), UpRequest{}, &plan).ok());
  CHECK(Versions(plan) == std::vector<int64_t>{2, 3, 4});
  CHECK(plan.version_before == 1);
  CHECK(plan.version_after == 4);

  REQUIRE(PlanUp(sources, Applied({1}), UpRequest{3, 0, false}, &plan).ok());
  CHECK(Versions(plan) == std::vector<int64_t>{2, 3});
  REQUIRE(PlanUp(sources, Applied({1}), UpRequest{kLatest, 1, false}, &plan).ok());
  CHECK(Versions(plan) == std::vector<int64_t>{2});

  REQUIRE(PlanUp(sources, Applied({1, 2, 3, 4}), UpRequest{}, &plan).ok());
  CHECK(plan.steps.empty());
  CHECK(plan.version_after == 4);
}

TEST_CASE("missing migrations are an error unless allowed") {
  auto sources = Sources({1, 2, 3, 4});
  Plan plan;
  Status st = PlanUp(sources, Applied({1, 3}), UpRequest{}, &plan);
  REQUIRE_FALSE(st.ok());
  CHECK(st.message().find("2_m.sql") != std::string::npos);
  CHECK(st.message().find("-allow-missing") != std::string::npos);
  CHECK(plan.steps.empty());

  REQUIRE(PlanUp(sources, Applied({1, 3}), UpRequest{kLatest, 0, true}, &plan).ok());
  CHECK(Versions(plan) == std::vector<int64_t>{2, 4});
}

TEST_CASE("down rolls back the most recently applied version first") {
  auto sources = Sources({1, 2, 3, 4});
  Plan plan;
  REQUIRE(PlanDown(sources, Applied({1, 2, 4, 3}), DownRequest{}, &plan).ok());
  CHECK(Versions(plan) == std::vector<int64_t>{3});
  CHECK(plan.version_after == 4);

  REQUIRE(PlanDown(sources, Applied({1, 2, 3}), DownRequest{2, -1}, &plan).ok());
  CHECK(Versions(plan) == std::vector<int64_t>{3, 2});
  CHECK(plan.version_after == 1);

  CHECK_FALSE(PlanDown(sources, Applied({1}), DownRequest{2, -1}, &plan).ok());
  Status at_zero = PlanDown(sources, Applied({}), DownRequest{}, &plan);
  CHECK(at_zero.exit_code() == 1);
}

TEST_CASE("down-to stops at the target and is a no-op when already there") {
  auto sources = Sources({1, 2, 3, 4});
  Plan plan;
  REQUIRE(PlanDown(sources, Applied({1, 2, 3, 4}), DownRequest{1, 2}, &plan).ok());
  CHECK(Versions(plan) == std::vector<int64_t>{4, 3});
  REQUIRE(PlanDown(sources, Applied({1, 2}), DownRequest{1, 2}, &plan).ok());
  CHECK(plan.steps.empty());
  REQUIRE(PlanDown(sources, Applied({}), DownRequest{1, 0}, &plan).ok());
  CHECK(plan.steps.empty());
}

TEST_CASE("rolling back an applied version without a file is refused") {
  Plan plan;
  Status st = PlanDown(Sources({1, 2}), Applied({1, 2, 9}), DownRequest{}, &plan);
  REQUIRE_FALSE(st.ok());
  CHECK(st.exit_code() == 3);
  CHECK(st.message().find("9") != std::string::npos);
  CHECK_FALSE(PlanReset(Sources({1, 2}), Applied({1, 9}), &plan).ok());
}

TEST_CASE("reset rolls back every applied version, highest first; redo is down then up") {
  auto sources = Sources({1, 2, 3});
  Plan plan;
  REQUIRE(PlanReset(sources, Applied({2, 1, 3}), &plan).ok());
  CHECK(Versions(plan) == std::vector<int64_t>{3, 2, 1});
  CHECK(plan.version_after == 0);

  REQUIRE(PlanRedo(sources, Applied({1, 2}), &plan).ok());
  REQUIRE(plan.steps.size() == 2);
  CHECK(plan.steps[0].direction == Direction::kDown);
  CHECK(plan.steps[1].direction == Direction::kUp);
  CHECK(plan.steps[1].version == 2);
}

TEST_CASE("-no-versioning plans from the files alone, as goose: up all or to a target, down the newest") {
  std::vector<MigrationSource> sources = Sources({1, 2, 3, 4});
  Plan plan;
  REQUIRE(PlanWithoutVersioning(sources, Direction::kUp, kLatest, 0, &plan).ok());
  CHECK(Versions(plan) == std::vector<int64_t>{1, 2, 3, 4});
  REQUIRE(PlanWithoutVersioning(sources, Direction::kUp, 2, 0, &plan).ok());
  CHECK(Versions(plan) == std::vector<int64_t>{1, 2});
  REQUIRE(PlanWithoutVersioning(sources, Direction::kUp, kLatest, 1, &plan).ok());  // up-by-one
  CHECK(Versions(plan) == std::vector<int64_t>{1});
  REQUIRE(PlanWithoutVersioning(sources, Direction::kDown, -1, 2, &plan).ok());  // down --steps 2
  CHECK(Versions(plan) == std::vector<int64_t>{4, 3});
  CHECK(plan.steps[0].direction == Direction::kDown);
  REQUIRE(PlanWithoutVersioning(sources, Direction::kDown, 2, 0, &plan).ok());  // down-to 2
  CHECK(Versions(plan) == std::vector<int64_t>{4, 3});
  REQUIRE(PlanWithoutVersioning(sources, Direction::kDown, -1, 0, &plan).ok());  // reset
  CHECK(Versions(plan) == std::vector<int64_t>{4, 3, 2, 1});
  CHECK(plan.version_before == 0);
  CHECK(PlanWithoutVersioning({}, Direction::kDown, -1, 1, &plan).message() == "no migrations to roll back");
  REQUIRE(PlanWithoutVersioning({}, Direction::kUp, kLatest, 0, &plan).ok());
  CHECK(plan.steps.empty());
}

TEST_CASE("version 0 of a paired folder: goose's own version-0 row never counts, a later one does") {
  // goose's table alone: nothing applied.
  CHECK(SummarizeRows({{1, 0, true, ""}}).applied.empty());
  // Migration 0 applied, then 1: a second version-0 row.
  DbVersions db = SummarizeRows({{1, 0, true, ""}, {2, 0, true, "t0"}, {3, 1, true, "t1"}});
  REQUIRE(db.applied.size() == 2);
  CHECK(db.IsApplied(0));
  CHECK(db.Find(0)->tstamp == "t0");
  CHECK(db.current() == 1);

  std::vector<MigrationSource> sources{{0, "0_init.up.sql", "0_init.down.sql", SourceFormat::kPaired},
                                       {1, "1_next.up.sql", "1_next.down.sql", SourceFormat::kPaired}};
  Plan plan;
  // Fresh database: up runs 0 first.
  REQUIRE(PlanUp(sources, Applied({}), UpRequest{}, &plan).ok());
  CHECK(Versions(plan) == std::vector<int64_t>{0, 1});
  // down-to 0 keeps migration 0, as down-to V keeps V; reset undoes it too.
  REQUIRE(PlanDown(sources, db, DownRequest{1, 0}, &plan).ok());
  CHECK(Versions(plan) == std::vector<int64_t>{1});
  REQUIRE(PlanReset(sources, db, &plan).ok());
  CHECK(Versions(plan) == std::vector<int64_t>{1, 0});
  // With only migration 0 applied, down rolls it back.
  DbVersions only_zero = SummarizeRows({{1, 0, true, ""}, {2, 0, true, ""}});
  REQUIRE(PlanDown(sources, only_zero, DownRequest{}, &plan).ok());
  CHECK(Versions(plan) == std::vector<int64_t>{0});
  // Migration 0 pending below an applied version is missing, like any other.
  CHECK_FALSE(PlanUp(sources, Applied({1}), UpRequest{}, &plan).ok());
}
