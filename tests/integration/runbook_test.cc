// docs/runbook.md's commands are run verbatim, in order, against
// migrations-example applied to version 6: a runbook that no longer works
// fails the build.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "integration/harness.h"

using namespace gander::test;
namespace fs = std::filesystem;

namespace {

struct RunbookLine {
  std::vector<std::string> args;  // after "gander"
  int exit_code = 0;              // "# exit N" at the end of the line, else 0
  std::string text;
};

std::vector<RunbookLine> ReadRunbook() {
  std::ifstream in(std::string(GANDER_SOURCE_DIR) + "/docs/runbook.md");
  std::vector<RunbookLine> lines;
  std::string line;
  bool in_block = false;
  while (std::getline(in, line)) {
    if (line.rfind("```", 0) == 0) {
      in_block = !in_block;
      continue;
    }
    if (!in_block || line.rfind("gander ", 0) != 0) continue;
    RunbookLine r;
    r.text = line;
    std::smatch m;
    if (std::regex_search(line, m, std::regex("#\\s*exit (\\d+)"))) r.exit_code = std::stoi(m[1]);
    std::istringstream words(line.substr(0, line.find('#')));
    std::string w;
    words >> w;  // "gander"
    while (words >> w) r.args.push_back(w);
    lines.push_back(r);
  }
  return lines;
}

}  // namespace

TEST_CASE("every command of the production rollback runbook works as documented") {
  TempDir work;
  fs::copy(std::string(GANDER_SOURCE_DIR) + "/migrations-example", work.Join("migrations-example"));
  RunResult setup = RunGander({"-dir", "migrations-example", "sqlite3", "./app.db", "up"}, {}, work.path());
  REQUIRE_MESSAGE(setup.exit_code == 0, setup.err);

  std::vector<RunbookLine> lines = ReadRunbook();
  REQUIRE(lines.size() >= 10);
  for (const RunbookLine& line : lines) {
    CAPTURE(line.text);
    RunResult r = RunGander(line.args, {}, work.path());
    CHECK_MESSAGE(r.exit_code == line.exit_code, r.err);
  }
  RunResult version = RunGander({"-dir", "migrations-example", "sqlite3", "./app.db", "version"}, {}, work.path());
  CHECK(version.out.find("version 4") != std::string::npos);
}
