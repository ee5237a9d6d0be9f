// The linter as a whole: history across migrations, the run, scope,
// directives, severities and the pre-flight selection.
#include "core/lint/lint.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "app/lint_input.h"
#include "core/lint/config.h"
#include "core/lint/directives.h"
#include "core/parser.h"

using namespace gander;
using namespace gander::lint;

namespace {

LintMigration Goose(int64_t version, const std::string& text) {
  LintMigration m;
  m.version = version;
  m.file = std::to_string(version) + "_m.sql";
  m.text = text;
  Status st = ParseGooseMigration(text, m.file, [](const std::string&) { return std::nullopt; }, &m.parsed);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  return m;
}

std::string Rules(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) out += (out.empty() ? "" : " ") + f.rule + "@" + std::to_string(f.version) + ":" + std::to_string(f.line);
  return out;
}

LintOptions Pg() {
  LintOptions o;
  o.engine = Engine::kPostgres;
  return o;
}

const char* kUsers = "-- +goose Up\nCREATE TABLE users (id int, email text);\n-- +goose Down\nDROP TABLE users;\n";

}  // namespace

TEST_CASE("an index on a table an earlier pending migration of the same run creates is no lock hazard") {
  std::vector<LintMigration> ms = {Goose(1, kUsers),
                                   Goose(2, "-- +goose Up\nSET lock_timeout = '1s';\nCREATE INDEX e ON users (email);\n"
                                            "-- +goose Down\nDROP INDEX e;\n")};
  CHECK(Rules(Lint(ms, Pg())).find("GL101@2:3") != std::string::npos);  // each migration its own deploy
  for (LintMigration& m : ms) m.in_run = true;                          // pending together, or --from 1
  CHECK(Rules(Lint(ms, Pg())).find("GL101") == std::string::npos);
  ms[0].in_run = false;  // migration 1 is applied already: the table holds data
  ms[0].in_scope = false;
  CHECK(Rules(Lint(ms, Pg())) == "GL101@2:3 GL102@2:5 GL110@2:5");  // no lock_timeout in the down part
}

TEST_CASE("a rollback that drops what its own up created warns; what an earlier migration created is an error") {
  std::vector<LintMigration> ms = {
      Goose(1, kUsers),
      Goose(2, "-- +goose Up\nALTER TABLE users ADD COLUMN nick text;\n-- +goose Down\nALTER TABLE users DROP COLUMN nick;\n"),
      Goose(3, "-- +goose Up\nCREATE TABLE audit (id int);\n-- +goose Down\nDROP TABLE audit;\nALTER TABLE users DROP COLUMN email;\n"),
  };
  LintOptions neutral;  // engine-neutral rules only
  std::vector<Finding> f = Lint(ms, neutral);
  CHECK(Rules(f) == "GL311@1:4 GL311@2:4 GL311@3:4 GL312@3:5");
  CHECK(f[3].severity == Severity::kError);
  CHECK(f[3].message.find("created by migration 1") != std::string::npos);
  CHECK(f[3].direction == Direction::kDown);
}

TEST_CASE("migrations out of scope are history: what they create counts, their findings are not reported") {
  std::vector<LintMigration> ms = {Goose(1, kUsers), Goose(2, "-- +goose Up\nDROP TABLE users;\n")};
  ms[0].in_scope = false;
  std::vector<Finding> f = Lint(ms, LintOptions());
  CHECK(Rules(f) == "GL301@2:2 GL321@2:1");
}

TEST_CASE("lint-ignore: on the statement, above it, for the whole file; a reason is required") {
  std::vector<LintMigration> ms = {
      Goose(1, kUsers),
      Goose(2, "-- +goose Up\n"
               "-- gander:lint-ignore GL301 retired, backed up in s3://x\n"
               "DROP TABLE users;\n"
               "DROP TABLE audit; -- gander:lint-ignore GL301\n"
               "-- +goose Down\nSELECT 1;\n"),
  };
  int suppressed = 0;
  std::vector<Finding> f = Lint(ms, LintOptions(), &suppressed);
  CHECK(suppressed == 1);
  CHECK(Rules(f) == "GL311@1:4 GL301@2:4 GL901@2:4");

  ms[1] = Goose(2, "-- gander:lint-ignore GL301,GL321 a scratch table\n\n-- +goose Up\nDROP TABLE users;\nDROP TABLE audit;\n");
  f = Lint(ms, LintOptions(), &suppressed);
  CHECK(suppressed == 3);
  CHECK(Rules(f) == "GL311@1:4");
}

TEST_CASE("directive targets: a trailing comment, comment lines above, a blank line making it file-wide") {
  std::string text = "-- +goose Up\n-- gander:lint-ignore GL101 x\n-- more words\nCREATE INDEX a ON t (c);\n\n"
                     "CREATE INDEX b ON t (c) -- gander:lint-ignore GL101 y\n  WHERE c > 0;\n";
  std::vector<Directive> d = ReadDirectives(text, {{4, 4}, {6, 7}}, true);
  REQUIRE(d.size() == 2);
  CHECK(d[0].target.first == 4);
  CHECK_FALSE(d[0].file_wide);
  CHECK(d[1].target.first == 6);
  CHECK(d[1].reason == "y");
  d = ReadDirectives("-- gander:lint-ignore GL101, GL102 why\n-- +goose Up\nCREATE INDEX a ON t (c);\n", {{3, 3}}, true);
  REQUIRE(d.size() == 1);
  CHECK(d[0].file_wide);
  CHECK(d[0].rules == std::vector<std::string>{"GL101", "GL102"});
  CHECK(ReadDirectives("SELECT '-- gander:lint-ignore GL101 x';\n", {{1, 1}}, false).empty());  // inside a string
}

TEST_CASE("severities from gander.json: off drops a rule, error turns a warning into a refusal") {
  LintConfig config;
  REQUIRE(ParseLintConfig(nlohmann::json::parse(R"({"rules": {"GL311": "off", "gl321": "error"}})"), "g.json", &config).ok());
  LintOptions o;
  o.config = config;
  std::vector<LintMigration> ms = {Goose(1, "-- +goose Up\nCREATE TABLE t (id int);\n")};
  std::vector<Finding> f = Lint(ms, o);
  REQUIRE(f.size() == 1);
  CHECK(f[0].rule == "GL321");
  CHECK(f[0].severity == Severity::kError);

  Status st = ParseLintConfig(nlohmann::json::parse(R"({"rules": {"GL999": "off"}})"), "g.json", &config);
  CHECK(st.code() == StatusCode::kInvalid);
  CHECK(st.ToString() == "g.json: unknown rule \"GL999\" in lint.rules (see docs/lint.md)");
  CHECK_FALSE(ParseLintConfig(nlohmann::json::parse(R"({"rules": {"GL101": "fatal"}})"), "g.json", &config).ok());
  CHECK_FALSE(ParseLintConfig(nlohmann::json::parse(R"({"engine": "postgres"})"), "g.json", &config).ok());
}

TEST_CASE("the pre-flight refuses on the error findings of its own direction only") {
  std::vector<LintMigration> ms = {
      Goose(1, kUsers),
      Goose(2, "-- +goose Up\nCREATE INDEX CONCURRENTLY e ON users (email);\n"
               "-- +goose Down\nALTER TABLE users DROP COLUMN email;\n"),
  };
  ms[0].in_scope = false;  // applied
  std::vector<Finding> up = LintForPreflight(ms, Direction::kUp, Pg());
  CHECK(Rules(up) == "GL201@2:2");
  std::vector<Finding> down = LintForPreflight(ms, Direction::kDown, Pg());
  CHECK(Rules(down) == "GL312@2:4");
  LintOptions off = Pg();
  off.config.severities["GL201"] = Severity::kWarning;
  CHECK(LintForPreflight(ms, Direction::kUp, off).empty());
  // Rules about the file itself never refuse: no down part is a warning, made an error here.
  ms = {Goose(1, "-- +goose Up\nCREATE TABLE t (id int);\n")};
  off.config.severities["GL321"] = Severity::kError;
  CHECK(LintForPreflight(ms, Direction::kDown, off).empty());
}

TEST_CASE("without an engine only the engine-neutral rules run") {
  std::vector<LintMigration> ms = {Goose(1, kUsers), Goose(2, "-- +goose Up\nCREATE INDEX e ON users (email);\n-- +goose Down\nDROP INDEX e;\n")};
  CHECK(Rules(Lint(ms, LintOptions())) == "GL311@1:4");
  for (const RuleInfo& r : Rules()) {
    if (!RuleApplies(r, std::nullopt)) CHECK(r.engines != kAllEngines);
  }
}

TEST_CASE("every migration fixture of the test suite lints on every engine without trouble") {
  namespace fs = std::filesystem;
  int folders = 0;
  for (const auto& dir : fs::directory_iterator(fs::path(GANDER_TESTDATA_DIR) / "migrations")) {
    std::vector<LintMigration> ms;
    if (!dir.is_directory() || !LoadLintMigrations(dir.path().string(), &ms).ok()) continue;  // bad-input fixtures
    for (Engine e : {Engine::kPostgres, Engine::kMySql, Engine::kSqlite}) {
      LintOptions o;
      o.engine = e;
      for (const Finding& f : Lint(ms, o)) {
        CAPTURE(f.file);
        CHECK(f.line >= 1);
        CHECK(FindRule(f.rule) != nullptr);
      }
    }
    ++folders;
  }
  CHECK(folders >= 10);
}

TEST_CASE("GL203 is an error where the file fails (SQLite), a warning where it runs without atomicity") {
  std::vector<LintMigration> ms = {Goose(1, "-- +goose Up\nBEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\n")};
  for (auto [engine, severity] : {std::pair{Engine::kSqlite, Severity::kError}, std::pair{Engine::kPostgres, Severity::kWarning},
                                   std::pair{Engine::kMySql, Severity::kWarning}}) {
    LintOptions o;
    o.engine = engine;
    std::vector<Finding> f = Lint(ms, o);
    REQUIRE(f.size() >= 1);
    CHECK(f[0].rule == "GL203");
    CHECK(f[0].severity == severity);
    // gander.json's severity holds on every engine.
    o.config.severities["GL203"] = Severity::kError;
    CHECK(Lint(ms, o)[0].severity == Severity::kError);
  }
}

TEST_CASE("GL301: DROP TABLE IF EXISTS before a TEMPORARY table of that name is a scratch table, not data loss") {
  LintOptions o = Pg();
  std::vector<LintMigration> scratch = {
      Goose(1, "-- +goose Up\nDROP TABLE IF EXISTS _map;\nCREATE TEMP TABLE _map AS SELECT 1 AS id;\n")};
  CHECK(Rules(Lint(scratch, o)).find("GL301") == std::string::npos);
  // Without IF EXISTS, without the temporary table, or of a table a migration created: reported.
  for (const char* text : {"-- +goose Up\nDROP TABLE _map;\nCREATE TEMP TABLE _map AS SELECT 1 AS id;\n",
                                  "-- +goose Up\nDROP TABLE IF EXISTS _map;\nCREATE TABLE _map (id int);\n"}) {
    CHECK(Rules(Lint({Goose(1, text)}, o)).find("GL301@1:2") != std::string::npos);
  }
  std::vector<LintMigration> created = {
      Goose(1, "-- +goose Up\nCREATE TABLE _map (id int);\n"),
      Goose(2, "-- +goose Up\nDROP TABLE IF EXISTS _map;\nCREATE TEMP TABLE _map AS SELECT 1 AS id;\n")};
  CHECK(Rules(Lint(created, o)).find("GL301@2:2") != std::string::npos);
}

TEST_CASE("a view's output column named like a table's column does not use it (GL142, GL402)") {
  LintOptions o;
  o.engine = Engine::kSqlite;
  const std::string view = "-- +goose Up\nCREATE TABLE users (id int, n int);\n"
                           "CREATE VIEW totals AS SELECT u.id, COUNT(*) AS order_count FROM users u GROUP BY u.id;\n";
  std::vector<LintMigration> alias = {
      Goose(1, view), Goose(2, "-- +goose Up\nALTER TABLE users ADD COLUMN order_count int;\n"
                               "-- +goose Down\nALTER TABLE users DROP COLUMN order_count;\n")};
  CHECK(Rules(Lint(alias, o)).find("GL142") == std::string::npos);
  std::vector<LintMigration> uses = {
      Goose(1, "-- +goose Up\nCREATE TABLE users (id int, n int);\n"
               "CREATE VIEW totals AS SELECT u.id, u.n AS n FROM users u;\n"),
      Goose(2, "-- +goose Up\nALTER TABLE users DROP COLUMN n;\n")};
  CHECK(Rules(Lint(uses, o)).find("GL142@2:2") != std::string::npos);
}
