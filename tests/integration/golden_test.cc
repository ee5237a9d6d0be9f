// Golden tests: the text a person reads, for each command, compared with
// tests/testdata/golden/*.txt after the parts that change from run to run
// (times, durations, temporary paths, hashes) are replaced by placeholders.
// Every command is also run with --json; those outputs are validated against
// docs/output.schema.json by the json_output_schema test.
//
// GANDER_UPDATE_GOLDEN=1 rewrites the files from the current output: review
// the diff before committing it.
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <regex>

#include <doctest/doctest.h>

#include "integration/harness.h"

using namespace gander::test;

namespace {

std::string Normalize(std::string text, const TempDir& dir) {
  for (size_t at; (at = text.find(dir.path())) != std::string::npos;) text.replace(at, dir.path().size(), "$DIR");
  static const std::vector<std::pair<std::regex, std::string>> rules = {
      {std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)"), "<utc>"},
      {std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"), "<rfc3339>"},
      {std::regex(R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)"), "<time>"},
      {std::regex(R"(\d{14}_)"), "<timestamp>_"},
      {std::regex(R"(\d+\.\dms)"), "<ms>"},
      {std::regex(R"(\b[0-9a-f]{64}\b)"), "<sha256>"},
      {std::regex(R"(\b[0-9a-f]{12}\b)"), "<sha12>"},
      {std::regex(R"(\b[0-9a-f]{16}\b)"), "<crc64>"},
      {std::regex(R"([A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+)"), "<user>@<host>"},
      {std::regex(R"(slowest \S+ \(<ms>\))"), "slowest <file> (<ms>)"},
      {std::regex(R"(\d+(\.\d+)? s\b)"), "<s>"},
      {std::regex(R"(  +)"), "  "},  // table columns: widths follow the host name and timings
  };
  for (const auto& [pattern, placeholder] : rules) text = std::regex_replace(text, pattern, placeholder);
  return text;
}

void CheckGolden(const std::string& name, const std::string& actual) {
  std::string path = std::string(GANDER_TESTDATA_DIR) + "/golden/" + name + ".txt";
  if (std::getenv("GANDER_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "missing golden file " << path << " (run with GANDER_UPDATE_GOLDEN=1)");
  std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK_MESSAGE(actual == expected, "golden " << name << " differs; actual:\n" << actual);
}

}  // namespace

TEST_CASE("golden text output of each command, and every command's --json") {
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  std::string db = dir.Join("app.db"), other = dir.Join("other.db");
  auto run = [&](const std::string& golden, std::vector<std::string> args, int exit_code = 0) {
    RunResult r = RunGander(Args({"-dir", dir.Join("m"), "sqlite3", db}, args), {{"GANDER_ACTOR", "golden"}});
    CHECK_MESSAGE(r.exit_code == exit_code, golden << ": " << r.err);
    CheckGolden(golden, Normalize(r.out + (r.err.empty() ? "" : "[stderr]\n" + r.err), dir));
    RunResult j = RunGander(Args(Args({"-dir", dir.Join("m"), "sqlite3", db}, args), {"--json"}),
                            {{"GANDER_ACTOR", "golden"}});
    CHECK_MESSAGE(j.out.rfind("{", 0) == 0, golden << " --json: " << j.out << j.err);
  };
  // --json variants run second, so commands that change the database get a
  // state in which they have something to do again.
  run("plan_up", {"plan"});
  dir.Write("app.db", "");  // an empty database: status on a missing file is an error (cli_edges_test.cc)
  run("status_pending", {"status"});
  RunResult r = RunGander({"-dir", dir.Join("m"), "sqlite3", db, "up-to", "3"});
  REQUIRE(r.exit_code == 0);
  CheckGolden("up_to", Normalize(r.out, dir));
  run("status", {"status"});
  run("version", {"version"});
  run("validate", {"validate"});
  r = RunGander({"-dir", dir.Join("m"), "sqlite3", db, "up"});
  CheckGolden("up", Normalize(r.out, dir));
  run("plan_down_to", {"plan", "down-to", "2"});
  run("down_to_refused", {"down-to", "2"}, 3);
  r = RunGander({"-dir", dir.Join("m"), "sqlite3", db, "down", "--steps", "2", "--yes"});
  CheckGolden("down_steps", Normalize(r.out, dir));
  run("redo", {"redo"});
  run("history", {"history", "--direction", "down"});
  run("audit_verify", {"audit", "verify"});
  run("snapshot_diff", {"snapshot", "diff", "1", "2"});
  run("schema", {"schema"});
  run("datasum", {"datasum"});
  RunResult copy = RunGander({"-dir", dir.Join("m"), "sqlite3", other, "up-to", "3"});
  REQUIRE(copy.exit_code == 0);
  run("compare", {"compare", other});
  run("resume_nothing", {"resume"});
  run("force", {"force", "3", "--yes", "--allow-unsafe-force"});  // 3 is applied: forcing it again is unsafe
  run("repair", {"repair", "--yes"});
  run("env", {"env"});
  run("up_by_one", {"up-by-one"});
  run("reset_plan", {"plan", "reset"});
  run("error_unknown_command", {"sideways"}, 2);

  TempDir scratch;
  RunResult v = RunGander({"-dir", dir.Join("m"), "sqlite3", scratch.Join("v.db"), "verify"});
  CHECK(v.exit_code == 0);
  CheckGolden("verify", Normalize(v.out, dir));
  CHECK(RunGander({"-dir", dir.Join("m"), "sqlite3", scratch.Join("w.db"), "verify", "--json"}).exit_code == 0);
  CHECK(RunGander({"--version", "--json"}).exit_code == 0);
  CHECK(RunGander({"-dir", scratch.Join("new"), "create", "add_x", "--json"}).exit_code == 0);
  CHECK(RunGander({"-dir", scratch.Join("new"), "fix", "--json"}).exit_code == 0);
  CHECK(RunGander({"init", "--json"}, {}, scratch.path()).exit_code == 0);
  CHECK(RunGander({"-dir", dir.Join("m"), "sqlite3", db, "snapshot", "show", "--json"}).exit_code == 0);
  CHECK(RunGander({"-dir", dir.Join("m"), "sqlite3", db, "down-to", "0", "--yes", "--json"}).exit_code == 0);
  CHECK(RunGander({"-dir", dir.Join("m"), "sqlite3", db, "up", "--json"}).exit_code == 0);
  CHECK(RunGander({"-dir", dir.Join("m"), "sqlite3", db, "reset", "--yes", "--json"}).exit_code == 0);
}
