#include "core/lint/report.h"

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>

using namespace gander;
using namespace gander::lint;

namespace {

std::vector<Finding> Sample() {
  return {{"GL101", Severity::kWarning, "m/00002_idx.sql", 3, 2, Direction::kUp, "CREATE INDEX i on existing table t, 50% slower",
           "CREATE INDEX CONCURRENTLY"},
          {"GL312", Severity::kError, "m/00003_x.sql", 7, 3, Direction::kDown, "the rollback drops t.c\nreally", "undo only what up did"}};
}

}  // namespace

TEST_CASE("text: file:line: RULE severity: message, then the fix and the doc anchor") {
  CHECK(FormatText(Sample()) ==
        "m/00002_idx.sql:3: GL101 warning: CREATE INDEX i on existing table t, 50% slower\n"
        "    fix: CREATE INDEX CONCURRENTLY (docs/lint.md#gl101)\n"
        "m/00003_x.sql:7: GL312 error: the rollback drops t.c\nreally\n"
        "    fix: undo only what up did (docs/lint.md#gl312)\n");
}

TEST_CASE("GitHub annotations escape what the workflow command syntax needs") {
  CHECK(FormatGithub(Sample()) ==
        "::warning file=m/00002_idx.sql,line=3,title=GL101::CREATE INDEX i on existing table t, 50%25 slower%0Afix: "
        "CREATE INDEX CONCURRENTLY\n"
        "::error file=m/00003_x.sql,line=7,title=GL312::the rollback drops t.c%0Areally%0Afix: undo only what up did\n");
}

TEST_CASE("GitLab Code Quality: the fields GitLab reads; fingerprints stable when lines move, distinct per occurrence") {
  std::vector<Finding> f = Sample();
  f.push_back(f[0]);
  nlohmann::json report = nlohmann::json::parse(FormatGitlab(f));
  REQUIRE(report.size() == 3);
  CHECK(report[0]["check_name"] == "GL101");
  CHECK(report[0]["severity"] == "minor");
  CHECK(report[1]["severity"] == "critical");
  CHECK(report[0]["location"]["path"] == "m/00002_idx.sql");
  CHECK(report[0]["location"]["lines"]["begin"] == 3);
  CHECK(report[0]["fingerprint"] != report[2]["fingerprint"]);
  std::vector<Finding> moved = Sample();
  moved[0].line = 30;
  CHECK(nlohmann::json::parse(FormatGitlab(moved))[0]["fingerprint"] == report[0]["fingerprint"]);
}

TEST_CASE("docs/lint.md has an entry for every rule, under the anchor findings link to") {
  std::ifstream in(std::string(GANDER_TESTDATA_DIR) + "/../../docs/lint.md");
  REQUIRE(in.good());
  std::stringstream doc;
  doc << in.rdbuf();
  for (const RuleInfo& r : Rules()) {
    CAPTURE(r.id);
    CHECK(doc.str().find(std::string("### ") + r.id) != std::string::npos);
  }
}
