// gander lint over every folder of the real-world corpora
// (../shared/realworld/<project>/<engine>/, read in place): it must finish
// on each, and give the per-folder counts recorded in
// tests/testdata/lint/realworld-counts.json (docs/lint.md discusses them).
// GANDER_UPDATE_GOLDEN=1 rewrites that file; GANDER_REALWORLD_DIR points
// elsewhere. Skipped with a notice when the corpora are absent.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/lint_input.h"
#include "core/lint/lint.h"

namespace fs = std::filesystem;
using namespace gander;

namespace {

fs::path RealworldDir() {
  if (const char* dir = std::getenv("GANDER_REALWORLD_DIR")) return dir;
  return fs::path(GOOSE_TESTDATA_DIR) / ".." / "realworld";
}

// One folder's record: refused by discovery or parsing (gander would refuse
// it too), or its counts.
nlohmann::json LintFolder(const fs::path& dir, lint::Engine engine) {
  std::vector<lint::LintMigration> migrations;
  Status st = LoadLintMigrations(dir.string(), &migrations);
  if (!st.ok()) {
    std::string message = st.message();
    return {{"refused", message.substr(0, message.find(':'))}};
  }
  lint::LintOptions options;
  options.engine = engine;
  int suppressed = 0;
  std::vector<lint::Finding> findings = lint::Lint(migrations, options, &suppressed);
  std::map<std::string, int> rules;
  int errors = 0, warnings = 0;
  for (const lint::Finding& f : findings) {
    ++rules[f.rule];
    (f.severity == lint::Severity::kError ? errors : warnings)++;
  }
  return {{"migrations", migrations.size()}, {"errors", errors}, {"warnings", warnings}, {"rules", rules},
          {"suppressed", suppressed}};
}

}  // namespace

TEST_CASE("lint finishes on every real-world migration folder with the recorded counts") {
  fs::path root = RealworldDir();
  if (!fs::is_directory(root)) {
    MESSAGE("skipped: " << root.string() << " is not present");
    return;
  }
  nlohmann::json got = nlohmann::json::object();
  for (const auto& project : fs::directory_iterator(root)) {
    if (!project.is_directory()) continue;
    for (const auto& folder : fs::directory_iterator(project.path())) {
      std::optional<lint::Engine> engine = lint::EngineFromName(folder.path().filename().string());
      if (!folder.is_directory() || !engine) continue;
      std::string name = project.path().filename().string() + "/" + folder.path().filename().string();
      CAPTURE(name);
      got[name] = LintFolder(folder.path(), *engine);
    }
  }
  REQUIRE(got.size() >= 10);
  fs::path golden = fs::path(GANDER_TESTDATA_DIR) / "lint" / "realworld-counts.json";
  if (std::getenv("GANDER_UPDATE_GOLDEN")) {
    std::ofstream(golden) << got.dump(2) << "\n";
    MESSAGE("rewrote " << golden.string());
  }
  std::ifstream in(golden);
  REQUIRE(in.good());
  nlohmann::json want = nlohmann::json::parse(in);
  for (const auto& [name, record] : want.items()) {
    CAPTURE(name);
    CHECK(got.contains(name));
    if (got.contains(name)) CHECK(got[name] == record);
  }
  CHECK(got.size() == want.size());
}
