// goose v3.27's own parser cases through the user-facing contract:
// `gander validate --json` must print exactly goose's statements for every
// file goose accepts, and refuse (exit 2, JSON error) every file it rejects.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "integration/harness.h"

using namespace gander::test;
namespace fs = std::filesystem;

namespace {

const fs::path kGooseData = fs::path(GANDER_SOURCE_DIR) / ".." / "shared" / "goose-testdata";


nlohmann::json Statements(const nlohmann::json& part) {
  return part.is_null() ? nlohmann::json::array() : part["statements"];
}

}  // namespace

TEST_CASE("every goose parser case gives goose's statements through validate --json") {
  if (!fs::exists(kGooseData / "cases")) {
    MESSAGE("skipped: " << kGooseData.string() << " is not present");
    return;
  }
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(kGooseData / "cases")) {
    nlohmann::json c = nlohmann::json::parse(Slurp(entry.path()));
    std::string name = c["name"];
    CAPTURE(name);
    TempDir dir;
    dir.Write("m/00001_case.sql", Slurp(kGooseData / c["input"].get<std::string>()));
    std::map<std::string, std::string> env;
    if (c.contains("env") && c["env"].is_object()) {
      for (auto& [k, v] : c["env"].items()) env[k] = v.get<std::string>();
    }
    RunResult r = RunGander({"-dir", dir.Join("m"), "validate", "--json"}, env);
    nlohmann::json out = nlohmann::json::parse(r.out, nullptr, false);
    REQUIRE_FALSE(out.is_discarded());
    if (c["parse_all_error"].get<bool>()) {
      CHECK(r.exit_code == 2);
      CHECK(out.contains("error"));
      CHECK(out["error"]["file"].get<std::string>().find("00001_case.sql") != std::string::npos);
    } else {
      REQUIRE_MESSAGE(r.exit_code == 0, r.out);
      const nlohmann::json& m = out["migrations"][0];
      CHECK(Statements(m["up"]) == c["up"]);
      CHECK(Statements(m["down"]) == c["down"]);
      CHECK(m["up"]["transaction"] == c["up_tx"]);
    }
    ++checked;
  }
  CHECK(checked >= 30);
}
