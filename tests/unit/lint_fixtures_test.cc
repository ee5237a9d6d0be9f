// Every lint rule against its fixtures (tests/testdata/lint/<RULE>/<engine>-<positive|negative>[-what]/):
// a positive fixture marks each line where the rule must report with
// `-- lint-expect: RULE` (or `-- lint-expect-next: RULE` on the line above),
// and the rule must report exactly there; a negative fixture must give no
// finding of that rule. `all-` fixtures run on every engine the rule applies
// to. An `options` file may say `from V` (lint V and later as one run).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "app/lint_input.h"
#include "core/lint/lint.h"

namespace fs = std::filesystem;
using namespace gander;
using gander::lint::Engine;

namespace {

const fs::path kLintData = fs::path(GANDER_TESTDATA_DIR) / "lint";

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The fixture's migrations, parsed as gander runs them.
std::vector<lint::LintMigration> LoadFixture(const fs::path& dir) {
  std::vector<lint::LintMigration> out;
  Status st = LoadLintMigrations(dir.string(), &out);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  int64_t from = -1;
  std::istringstream options(Read(dir / "options"));
  std::string word;
  while (options >> word) {
    if (word == "from") options >> from;
  }
  for (lint::LintMigration& m : out) m.in_run = from >= 0 && m.version >= from;
  return out;
}

// "file:line" of every marker for `rule` in the fixture's files.
std::set<std::string> Expected(const std::vector<lint::LintMigration>& migrations, const std::string& rule) {
  std::set<std::string> want;
  auto scan = [&](const std::string& file, const std::string& text) {
    std::istringstream lines(text);
    std::string line;
    for (int n = 1; std::getline(lines, line); ++n) {
      for (const auto& [marker, offset] : {std::pair<std::string, int>{"lint-expect: ", 0}, {"lint-expect-next: ", 1}}) {
        size_t at = line.find(marker);
        if (at == std::string::npos) continue;
        std::istringstream rules(line.substr(at + marker.size()));
        std::string r;
        while (std::getline(rules, r, ',')) {
          r.erase(0, r.find_first_not_of(' '));
          r.erase(r.find_last_not_of(" \r") + 1);
          if (r == rule) want.insert(file + ":" + std::to_string(n + offset));
        }
      }
    }
  };
  for (const lint::LintMigration& m : migrations) {
    scan(m.file, m.text);
    if (!m.down_file.empty()) scan(m.down_file, m.down_text);
  }
  return want;
}

std::vector<Engine> EnginesOf(const lint::RuleInfo& rule) {
  std::vector<Engine> out;
  for (Engine e : {Engine::kPostgres, Engine::kMySql, Engine::kSqlite}) {
    if (lint::RuleApplies(rule, e)) out.push_back(e);
  }
  return out;
}

}  // namespace

TEST_CASE("every lint rule reports its positive fixtures exactly and stays quiet on its negative ones, per engine") {
  REQUIRE(fs::is_directory(kLintData));
  std::set<std::string> covered;  // RULE/engine/positive|negative
  int runs = 0;
  for (const auto& rule_dir : fs::directory_iterator(kLintData)) {
    if (!rule_dir.is_directory()) continue;
    std::string rule = rule_dir.path().filename().string();
    const lint::RuleInfo* info = lint::FindRule(rule);
    REQUIRE_MESSAGE(info != nullptr, "fixture folder for an unknown rule: " << rule);
    for (const auto& fixture : fs::directory_iterator(rule_dir.path())) {
      std::string name = fixture.path().filename().string();
      size_t dash = name.find('-');
      REQUIRE(dash != std::string::npos);
      std::string engine_name = name.substr(0, dash);
      bool positive = name.compare(dash + 1, 8, "positive") == 0;
      REQUIRE_MESSAGE((positive || name.compare(dash + 1, 8, "negative") == 0), name);
      std::vector<Engine> engines = engine_name == "all" ? EnginesOf(*info)
                                                          : std::vector<Engine>{*lint::EngineFromName(engine_name)};
      std::vector<lint::LintMigration> migrations = LoadFixture(fixture.path());
      std::set<std::string> want = Expected(migrations, rule);
      if (positive) CHECK_MESSAGE(!want.empty(), fixture.path().string() << " marks no expected finding");
      for (Engine engine : engines) {
        CAPTURE(fixture.path().string());
        CAPTURE(lint::EngineName(engine));
        REQUIRE(lint::RuleApplies(*info, engine));
        lint::LintOptions options;
        options.engine = engine;
        std::set<std::string> got;
        std::string all;
        for (const lint::Finding& f : lint::Lint(migrations, options)) {
          all += f.file + ":" + std::to_string(f.line) + ": " + f.rule + " " + f.message + "\n";
          if (f.rule == rule) got.insert(f.file + ":" + std::to_string(f.line));
        }
        CHECK_MESSAGE(got == (positive ? want : std::set<std::string>{}), "findings:\n" << all);
        covered.insert(rule + "/" + lint::EngineName(engine) + (positive ? "/positive" : "/negative"));
        ++runs;
      }
    }
  }
  for (const lint::RuleInfo& rule : lint::Rules()) {
    for (Engine e : EnginesOf(rule)) {
      for (const char* kind : {"/positive", "/negative"}) {
        CHECK_MESSAGE(covered.count(std::string(rule.id) + "/" + lint::EngineName(e) + kind),
                      rule.id << " has no " << (kind + 1) << " fixture for " << lint::EngineName(e));
      }
    }
  }
  MESSAGE(runs << " fixture runs");
}
