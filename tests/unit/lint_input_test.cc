// The lint pre-flight of a plan, over the rule fixtures (tests/testdata/lint).
#include "app/lint_input.h"

#include <doctest/doctest.h>

using namespace gander;

namespace {

const std::string kLint = std::string(GANDER_TESTDATA_DIR) + "/lint/";

std::string Refusals(const std::string& fixture, const std::vector<std::pair<int64_t, Direction>>& steps,
                     lint::Engine engine = lint::Engine::kPostgres) {
  lint::LintOptions options;
  options.engine = engine;
  std::vector<lint::Finding> refusals;
  Status st = LintPlan(kLint + fixture, steps, options, &refusals);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  std::string out;
  for (const lint::Finding& f : refusals) out += (out.empty() ? "" : " ") + f.rule + "@" + std::to_string(f.version);
  return out;
}

}  // namespace

TEST_CASE("a plan is refused on the error findings of its own steps and directions") {
  // 00002 drops a table 00001 created: refused when 00002 is applied alone...
  CHECK(Refusals("GL301/all-positive", {{2, Direction::kUp}}) == "GL301@2 GL313@2");
  // ...not when 00001 is applied in the same run (the table holds no data yet),
  CHECK(Refusals("GL301/all-positive", {{1, Direction::kUp}, {2, Direction::kUp}}) == "");
  // and a rollback of 00002 (recreating the table) is not refused.
  CHECK(Refusals("GL301/all-positive", {{2, Direction::kDown}}) == "");
  // The rollback of 00002 drops a column migration 1 created: refused; warnings never refuse.
  CHECK(Refusals("GL312/all-positive", {{3, Direction::kDown}, {2, Direction::kDown}}) == "GL312@2 GL312@3");
  CHECK(Refusals("GL311/all-positive", {{2, Direction::kDown}, {1, Direction::kDown}}) == "");
  // redo: the down and the up of the same migration, each in its direction.
  CHECK(Refusals("GL201/postgres-positive", {{2, Direction::kDown}, {2, Direction::kUp}}) == "GL201@2");
  CHECK(Refusals("GL201/postgres-positive", {{2, Direction::kUp}}, lint::Engine::kMySql) == "");
}

TEST_CASE("the refusal names each finding and the ways out") {
  std::vector<lint::Finding> f = {{"GL302", lint::Severity::kError, "m/2.sql", 3, 2, Direction::kUp, "DROP COLUMN x", ""}};
  Status st = LintRefusal(f);
  CHECK(st.code() == StatusCode::kRefused);
  CHECK(st.message().rfind("lint found 1 error in the plan, nothing was run (", 0) == 0);
  CHECK(st.message().find("--no-lint") != std::string::npos);
  CHECK(RefusalLine(f[0]) == "m/2.sql:3: GL302 error: DROP COLUMN x");
  f.push_back({"GL312", lint::Severity::kError, "m/3.sql", 7, 3, Direction::kDown, "DROP TABLE y", ""});
  CHECK(LintRefusal(f).message().rfind("lint found 2 errors in the plan", 0) == 0);
}
