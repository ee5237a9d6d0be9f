// Acceptance against goose v3.27's own parser: every case and probe in
// GOOSE_TESTDATA_DIR (see its README.md) is parsed by gander and must give
// exactly goose's statements, byte for byte, except the deliberate deviations
// listed below. goose parses each direction on its own; gander parses the
// whole file, so an error in either direction fails the file, which is
// goose's own `parse_all_error` view.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/lexer.h"
#include "core/parser.h"

using namespace gander;
namespace fs = std::filesystem;

namespace {

// GOOSE_TESTDATA_DIR (../shared/goose-testdata beside the source folder), or
// GANDER_GOOSE_TESTDATA_DIR when set (a worktree whose ../shared is elsewhere).
fs::path GooseTestdata() {
  if (const char* dir = std::getenv("GANDER_GOOSE_TESTDATA_DIR")) return dir;
  return GOOSE_TESTDATA_DIR;
}

// What gander does instead of goose, per case name (docs/file-format.md,
// "Differences from goose"). `up` nullopt means gander rejects the file;
// every deviating case has no Down statements.
struct Deviation {
  std::optional<std::vector<std::string>> up;
};

const std::map<std::string, Deviation>& Deviations() {
  static const std::map<std::string, Deviation> kDeviations = {
      // A UTF-8 BOM is skipped; goose sees "\ufeff-- +goose Up" as SQL before Up.
      {"probes/bom", {std::vector<std::string>{"SELECT 1;"}}},
      {"probes/bom-then-blank-line", {std::vector<std::string>{"SELECT 1;"}}},
      // An empty StatementBegin/End block yields nothing; goose yields "" and
      // silently swallows the line after the block.
      {"probes/statementbegin-empty-block", {std::vector<std::string>{"CREATE TABLE x (\n id int\n);"}}},
      {"probes/statementbegin-comment-only-block", {std::vector<std::string>{"SELECT 1;"}}},
      // An unset variable under ENVSUB is an error; goose substitutes "".
      {"probes/envsub-unset-plain", {std::nullopt}},
      // The lexical guard: a `;` inside a string literal does not end the
      // statement; goose cuts the string in two.
      {"probes/semicolon-inside-string-at-eol", {std::vector<std::string>{"INSERT INTO t VALUES ('a;\nb');"}}},
  };
  return kDeviations;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> Texts(const std::optional<MigrationPart>& part) {
  std::vector<std::string> out;
  if (part) {
    for (const SqlStatement& s : part->statements) out.push_back(s.text);
  }
  return out;
}

std::vector<std::string> JsonStrings(const nlohmann::json& array) {
  std::vector<std::string> out;
  for (const auto& item : array) out.push_back(item.get<std::string>());
  return out;
}

// Checks one JSON case; returns its name ("" if the JSON is unreadable).
std::string CheckCase(const fs::path& root, const fs::path& json_path) {
  nlohmann::json c = nlohmann::json::parse(ReadFile(json_path), nullptr, /*allow_exceptions=*/false);
  INFO("case file: ", json_path.string());
  REQUIRE_FALSE(c.is_discarded());
  const std::string name = c.value("name", "");
  INFO("case: ", name);

  std::map<std::string, std::string> vars;
  if (c.contains("env")) vars = c["env"].get<std::map<std::string, std::string>>();
  EnvLookup env = [vars](const std::string& key) -> std::optional<std::string> {
    auto it = vars.find(key);
    if (it == vars.end()) return std::nullopt;  // env_must_be_unset and everything else
    return it->second;
  };

  const std::string input = c["input"].get<std::string>();
  ParsedMigration parsed;
  Status st = ParseGooseMigration(ReadFile(root / input), input, env, &parsed);
  INFO("gander: ", st.ToString());

  auto deviation = Deviations().find(name);
  if (deviation != Deviations().end()) {
    if (!deviation->second.up) {
      CHECK_FALSE(st.ok());
    } else {
      REQUIRE(st.ok());
      CHECK(Texts(parsed.up) == *deviation->second.up);
      CHECK(Texts(parsed.down).empty());
    }
    return name;
  }

  if (c["parse_all_error"].get<bool>()) {
    CHECK_FALSE(st.ok());
    CHECK(st.code() == StatusCode::kInvalid);
    CHECK(st.file() == input);
    CHECK(st.message().find('\n') == std::string::npos);
    return name;
  }
  REQUIRE(st.ok());
  CHECK(Texts(parsed.up) == JsonStrings(c["up"]));
  // goose returns no Down statements for a file without a Down section;
  // gander says "no Down section" (nullopt), which is the same for this check.
  CHECK(Texts(parsed.down) == JsonStrings(c["down"]));
  CHECK(parsed.up.use_tx == c["up_tx"].get<bool>());
  if (parsed.down) CHECK(parsed.down->use_tx == c["down_tx"].get<bool>());
  return name;
}

}  // namespace

TEST_CASE("gander splits every goose test case and probe exactly as goose v3.27 does") {
  const fs::path root = GooseTestdata();
  std::error_code ec;
  if (!fs::is_directory(root / "cases", ec)) {
    MESSAGE("goose test data not found at " << root.string() << "; skipping the goose acceptance cases");
    return;
  }
  std::set<std::string> seen;
  for (const char* folder : {"cases", "probes"}) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(root / folder)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) seen.insert(CheckCase(root, file));
  }
  CHECK(seen.size() >= 80);  // 38 goose cases + 51 probes at v3.27.3
  for (const auto& [name, deviation] : Deviations()) {
    INFO("deviation listed but no such case: ", name);
    CHECK(seen.count(name) == 1);
  }
}

// goose's line-level tables (unit/*.json): TestSemicolons and
// Test_extractAnnotation, checked through gander's public behaviour.
TEST_CASE("goose's end-of-statement and annotation tables") {
  const fs::path root = GooseTestdata();
  std::error_code ec;
  if (!fs::is_directory(root / "unit", ec)) {
    MESSAGE("goose test data not found at " << root.string() << "; skipping goose's line tables");
    return;
  }
  nlohmann::json semicolons =
      nlohmann::json::parse(ReadFile(root / "unit" / "ends_with_semicolon.json"), nullptr, false);
  REQUIRE_FALSE(semicolons.is_discarded());
  REQUIRE(semicolons["cases"].size() >= 6);
  for (const auto& row : semicolons["cases"]) {
    const std::string line = row["line"].get<std::string>();
    INFO("line: ", line);
    CHECK(StatementSplitter().EndsStatement(line) == row["result"].get<bool>());
  }

  nlohmann::json annotations =
      nlohmann::json::parse(ReadFile(root / "unit" / "extract_annotation.json"), nullptr, false);
  REQUIRE_FALSE(annotations.is_discarded());
  REQUIRE(annotations["cases"].size() >= 10);
  EnvLookup env = [](const std::string& key) -> std::optional<std::string> {
    if (key == "SETV") return std::string("val");
    return std::nullopt;
  };
  for (const auto& row : annotations["cases"]) {
    const std::string line = row["input"].get<std::string>();
    const std::string want = row["want"].get<std::string>();
    INFO("annotation line: ", line);
    ParsedMigration m;
    if (row["wantErr"].get<bool>()) {
      Status st = ParseGooseMigration(line + "\n-- +goose Up\nSELECT 1;\n", "a.sql", env, &m);
      CHECK_FALSE(st.ok());
      CHECK(st.line() == 1);
      continue;
    }
    // Put the annotation where it is valid and check its effect.
    std::string text;
    std::vector<std::string> up = {"SELECT 1;"};
    if (want == "Up") {
      text = line + "\nSELECT 1;\n";
    } else if (want == "Down") {
      text = "-- +goose Up\n" + line + "\nSELECT 1;\n";
      up.clear();
    } else if (want == "StatementBegin") {
      text = "-- +goose Up\n" + line + "\nSELECT 1;\nSELECT 2;\n-- +goose StatementEnd\n";
      up = {"SELECT 1;\nSELECT 2;"};
    } else if (want == "StatementEnd") {
      text = "-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\nSELECT 2;\n" + line + "\n";
      up = {"SELECT 1;\nSELECT 2;"};
    } else if (want == "ENVSUB ON") {
      text = "-- +goose Up\n" + line + "\nSELECT '${SETV}';\n";
      up = {"SELECT 'val';"};
    } else if (want == "ENVSUB OFF") {
      text = "-- +goose Up\n-- +goose ENVSUB ON\n" + line + "\nSELECT '${SETV}';\n";
      up = {"SELECT '${SETV}';"};
    } else {
      REQUIRE(want == "NO TRANSACTION");
      text = "-- +goose Up\n" + line + "\nSELECT 1;\n";
    }
    Status st = ParseGooseMigration(text, "a.sql", env, &m);
    REQUIRE_MESSAGE(st.ok(), st.ToString());
    CHECK(Texts(m.up) == up);
    if (want == "Down") CHECK(Texts(m.down) == std::vector<std::string>{"SELECT 1;"});
    CHECK(m.up.use_tx == (want != "NO TRANSACTION"));
  }
}
