#include "core/parser.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

using namespace gander;

namespace {

EnvLookup TestEnv() {
  static const std::map<std::string, std::string> kVars = {{"SCHEMA", "app"}, {"EMPTY", ""}};
  return [](const std::string& name) -> std::optional<std::string> {
    auto it = kVars.find(name);
    if (it == kVars.end()) return std::nullopt;
    return it->second;
  };
}

ParsedMigration Parse(const std::string& text) {
  ParsedMigration out;
  Status st = ParseGooseMigration(text, "00001_t.sql", TestEnv(), &out);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  return out;
}

Status ParseError(const std::string& text) {
  ParsedMigration out;
  Status st = ParseGooseMigration(text, "00001_t.sql", TestEnv(), &out);
  REQUIRE_FALSE(st.ok());
  CHECK(st.code() == StatusCode::kInvalid);
  CHECK(st.file() == "00001_t.sql");
  CHECK(st.message().find('\n') == std::string::npos);
  return st;
}

std::vector<std::string> Texts(const MigrationPart& part) {
  std::vector<std::string> out;
  for (const auto& s : part.statements) out.push_back(s.text);
  return out;
}

std::vector<int> Lines(const MigrationPart& part) {
  std::vector<int> out;
  for (const auto& s : part.statements) out.push_back(s.line);
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("goose format: Up and Down sections, statements with their first line") {
  ParsedMigration m = Parse(
      "-- comment before Up is fine\n"
      "\n"
      "-- +goose Up\n"
      "CREATE TABLE t (\n"
      "  id int\n"
      ");\n"
      "\n"
      "-- leading comment, dropped\n"
      "INSERT INTO t VALUES (1);\n"
      "-- +goose Down\n"
      "DROP TABLE t;\n");
  CHECK(Texts(m.up) == Strings{"CREATE TABLE t (\n  id int\n);", "INSERT INTO t VALUES (1);"});
  CHECK(Lines(m.up) == std::vector<int>{4, 9});
  REQUIRE(m.down);
  CHECK(Texts(*m.down) == Strings{"DROP TABLE t;"});
  CHECK(Lines(*m.down) == std::vector<int>{11});
  CHECK(m.up.use_tx);
  CHECK(m.down->use_tx);
}

TEST_CASE("a missing Down section is absent; an empty one is present and empty") {
  ParsedMigration no_down = Parse("-- +goose Up\nSELECT 1;\n");
  CHECK_FALSE(no_down.down.has_value());
  ParsedMigration empty_down = Parse("-- +goose Up\n-- +goose Down\n");
  CHECK(empty_down.up.statements.empty());
  REQUIRE(empty_down.down.has_value());
  CHECK(empty_down.down->statements.empty());
}

TEST_CASE("statement text: comments inside are kept, whitespace trimmed, annotations removed") {
  ParsedMigration m = Parse(
      "-- +goose Up\n"
      "   SELECT 1,   \n"
      "  -- inner comment\n"
      "  2;   -- trailing\n"
      "SELECT 3; SELECT 4;\n"
      "-- comment after the last statement\n");
  CHECK(Texts(m.up) == Strings{"SELECT 1,   \n  -- inner comment\n  2;   -- trailing", "SELECT 3; SELECT 4;"});
}

TEST_CASE("goose's word rule for the end of a statement is kept") {
  // `;--c` is one word not ending in `;`, so the statement goes on (goose does the same).
  CHECK(Texts(Parse("-- +goose Up\nSELECT 1;--c\nSELECT 2;\n").up) == Strings{"SELECT 1;--c\nSELECT 2;"});
  CHECK(Texts(Parse("-- +goose Up\nSELECT 1 ;\n").up) == Strings{"SELECT 1 ;"});
}

TEST_CASE("annotations: case, spacing and `--+goose` are accepted") {
  ParsedMigration m = Parse("--   +goose   uP   \nSELECT 1;\n--+goose DOWN\nSELECT 2;\n");
  CHECK(Texts(m.up) == Strings{"SELECT 1;"});
  CHECK(Texts(*m.down) == Strings{"SELECT 2;"});
}

TEST_CASE("annotation errors name the file and line") {
  Status st = ParseError("-- +goose Up\n  -- +goose StatementBegin\nSELECT 1;\n");
  CHECK(st.line() == 2);
  CHECK(st.message().find("beginning of the line") != std::string::npos);
  st = ParseError("-- +goose Up\n-- +goose Foo\n");
  CHECK(st.line() == 2);
  CHECK(st.message().find("unknown annotation \"Foo\"") != std::string::npos);
  st = ParseError("-- +goose Up\n-- note: written for +goose v3\nSELECT 1;\n");
  CHECK(st.line() == 2);
  CHECK(st.message().find("mentions +goose") != std::string::npos);
  CHECK(ParseError("-- +goose\n-- +goose Up\n").message().find("empty annotation") != std::string::npos);
  CHECK(ParseError("-- +goose +goose Up\n").line() == 1);
  CHECK(ParseError("-- +goose NO  TRANSACTION\n-- +goose Up\n").line() == 1);
  CHECK(ParseError("-- +goose Up -- create things\nSELECT 1;\n").line() == 1);
}

TEST_CASE("section order errors") {
  Status st = ParseError("SELECT 0;\n-- +goose Up\nSELECT 1;\n");
  CHECK(st.line() == 1);
  CHECK(st.message().find("before the '-- +goose Up'") != std::string::npos);
  CHECK(ParseError("-- +goose Down\nSELECT 1;\n").line() == 1);
  CHECK(ParseError("-- +goose Up\nSELECT 1;\n-- +goose Up\n").line() == 3);
  CHECK(ParseError("-- +goose Up\n-- +goose Down\n-- +goose Down\n").line() == 3);
  CHECK(ParseError("-- +goose Up\n-- +goose Down\n-- +goose Up\n").message().find("duplicate") != std::string::npos);
  CHECK(ParseError("-- +goose StatementBegin\n-- +goose Up\n").line() == 1);
  st = ParseError("");
  CHECK(st.line() == 0);
  CHECK(st.message().find("missing '-- +goose Up'") != std::string::npos);
  CHECK(ParseError("\n  \n-- just a comment\n").message().find("missing '-- +goose Up'") != std::string::npos);
}

TEST_CASE("StatementBegin/End keeps everything up to StatementEnd as one statement") {
  ParsedMigration m = Parse(
      "-- +goose Up\n"
      "-- +goose StatementBegin\n"
      "-- leading comment, dropped\n"
      "CREATE FUNCTION f() RETURNS int AS '\n"
      "  SELECT 1;\n"
      "' LANGUAGE sql;\n"
      "-- kept\n"
      "-- +goose StatementEnd\n"
      "-- +goose StatementBegin\n"
      "SELECT 2\n"
      "-- +goose StatementEnd\n");
  CHECK(Texts(m.up) ==
        Strings{"CREATE FUNCTION f() RETURNS int AS '\n  SELECT 1;\n' LANGUAGE sql;\n-- kept", "SELECT 2"});
  CHECK(Lines(m.up) == std::vector<int>{4, 10});
}

TEST_CASE("StatementBegin/End errors") {
  Status st = ParseError("-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n");
  CHECK(st.line() == 2);
  CHECK(st.message().find("no matching '-- +goose StatementEnd'") != std::string::npos);
  CHECK(ParseError("-- +goose Up\nSELECT 1;\n-- +goose StatementEnd\n").line() == 3);
  CHECK(ParseError("-- +goose Up\n-- +goose StatementBegin\n-- +goose StatementBegin\n").line() == 3);
  st = ParseError("-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n-- +goose Down\n");
  CHECK(st.line() == 4);
  CHECK(st.message().find("opened at line 2") != std::string::npos);
}

TEST_CASE("deviation: an empty StatementBegin/End block yields nothing and swallows nothing") {
  ParsedMigration m = Parse(
      "-- +goose Up\n"
      "-- +goose StatementBegin\n"
      "-- +goose StatementEnd\n"
      "CREATE TABLE x (\n"
      " id int\n"
      ");\n"
      "-- +goose StatementBegin\n"
      "-- only a comment\n"
      "-- +goose StatementEnd\n"
      "SELECT 1;\n");
  CHECK(Texts(m.up) == Strings{"CREATE TABLE x (\n id int\n);", "SELECT 1;"});
  CHECK(Lines(m.up) == std::vector<int>{4, 10});
}

TEST_CASE("unfinished text before StatementBegin joins the block, as in goose") {
  ParsedMigration m = Parse("-- +goose Up\nSELECT 1\n-- +goose StatementBegin\n, 2\n-- +goose StatementEnd\n");
  CHECK(Texts(m.up) == Strings{"SELECT 1\n, 2"});
  CHECK(Lines(m.up) == std::vector<int>{2});
}

TEST_CASE("an unfinished statement is an error at its first line: missing semicolon?") {
  Status st = ParseError("-- +goose Up\nSELECT 1;\nSELECT\n  2\n-- +goose Down\nSELECT 3;\n");
  CHECK(st.line() == 3);
  CHECK(st.message().find("missing semicolon?") != std::string::npos);
  CHECK(st.message().find("\"SELECT\"") != std::string::npos);
  CHECK(st.message().find("Up section") != std::string::npos);
  CHECK(st.ToString().rfind("00001_t.sql:3: ", 0) == 0);
  // The Down section counts too, although goose's Up direction alone ignores it.
  st = ParseError("-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 2\n");
  CHECK(st.line() == 4);
  CHECK(st.message().find("Down section") != std::string::npos);
  // A long first line is shortened in the message.
  st = ParseError("-- +goose Up\nSELECT 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'\n");
  CHECK(st.message().find("...\"") != std::string::npos);
}

TEST_CASE("the lexical guard: no boundary inside strings, quoted names, dollar quotes, comments") {
  ParsedMigration m = Parse(
      "-- +goose Up\n"
      "INSERT INTO t VALUES ('a;\n"
      "b');\n"
      "CREATE FUNCTION f() RETURNS int AS $$\n"
      "BEGIN RETURN 1; END;\n"
      "$$ LANGUAGE plpgsql;\n");
  CHECK(Texts(m.up) ==
        Strings{"INSERT INTO t VALUES ('a;\nb');", "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN RETURN 1; END;\n$$ LANGUAGE plpgsql;"});
  CHECK(Lines(m.up) == std::vector<int>{2, 4});
  Status st = ParseError("-- +goose Up\nSELECT 'it;\n");
  CHECK(st.message().find("unclosed quote") != std::string::npos);
}

TEST_CASE("a statement boundary never carries a lexer state into the next statement") {
  // The apostrophe is inside a -- comment, so it opens nothing.
  ParsedMigration m = Parse("-- +goose Up\nSELECT 1; -- don't\nSELECT 2;\n");
  CHECK(Texts(m.up) == Strings{"SELECT 1; -- don't", "SELECT 2;"});
}

TEST_CASE("NO TRANSACTION anywhere applies to both directions") {
  ParsedMigration m = Parse("-- +goose Up\nSELECT 1;\n-- +goose Down\n-- +goose no transaction\nSELECT 2;\n");
  CHECK_FALSE(m.up.use_tx);
  CHECK_FALSE(m.down->use_tx);
  CHECK_FALSE(Parse("-- +goose NO TRANSACTION\n-- +goose Up\nSELECT 1;\n").up.use_tx);
}

TEST_CASE("line ends: CRLF works, a lone CR is not a line end, no final newline is fine") {
  ParsedMigration m = Parse("-- +goose Up\r\nCREATE TABLE a (\r\n id int\r\n);\r\n-- +goose Down\r\nDROP TABLE a;\r\n");
  CHECK(Texts(m.up) == Strings{"CREATE TABLE a (\n id int\n);"});
  CHECK(Texts(*m.down) == Strings{"DROP TABLE a;"});
  CHECK(ParseError("-- +goose Up\rSELECT 1;\r").line() == 1);
  CHECK(Texts(Parse("-- +goose Up\nSELECT 1;").up) == Strings{"SELECT 1;"});
  CHECK(Texts(Parse("-- +goose Up\nSELECT '\r';\n").up) == Strings{"SELECT '\r';"});
}

TEST_CASE("deviation: a leading UTF-8 BOM is skipped and line numbers are unchanged") {
  ParsedMigration m = Parse("\xEF\xBB\xBF-- +goose Up\nSELECT 1;\n");
  CHECK(Texts(m.up) == Strings{"SELECT 1;"});
  CHECK(Lines(m.up) == std::vector<int>{2});
  CHECK(Texts(Parse("\xEF\xBB\xBF\n-- +goose Up\nSELECT 1;\n").up) == Strings{"SELECT 1;"});
  // Only at the very start: elsewhere it is text.
  CHECK(ParseError("-- +goose Up\n\xEF\xBB\xBF").line() == 2);
}

TEST_CASE("goose quirk kept: a whitespace-only line starts a statement, so later comments stay") {
  ParsedMigration m = Parse("-- +goose Up\n   \n-- keep?\nSELECT 1;\n");
  CHECK(Texts(m.up) == Strings{"-- keep?\nSELECT 1;"});
  CHECK(Lines(m.up) == std::vector<int>{3});
}

TEST_CASE("ENVSUB: off by default, from the annotation on, in both sections") {
  CHECK(Texts(Parse("-- +goose Up\nSELECT '${SCHEMA}';\n").up) == Strings{"SELECT '${SCHEMA}';"});
  ParsedMigration m = Parse(
      "-- +goose Up\n"
      "-- +goose envsub on\n"
      "-- ${NOT_SET} in a leading comment is not expanded\n"
      "CREATE SCHEMA ${SCHEMA};\n"
      "-- +goose ENVSUB OFF\n"
      "SELECT '$SCHEMA';\n"
      "-- +goose Down\n"
      "-- +goose ENVSUB ON\n"
      "DROP SCHEMA $SCHEMA${EMPTY:-};\n");
  CHECK(Texts(m.up) == Strings{"CREATE SCHEMA app;", "SELECT '$SCHEMA';"});
  CHECK(Texts(*m.down) == Strings{"DROP SCHEMA app;"});
}

TEST_CASE("ENVSUB errors name the variable, the file and the line") {
  Status st = ParseError("-- +goose ENVSUB ON\n-- +goose Up\nSELECT 1;\nSELECT '${NOT_SET}';\n");
  CHECK(st.line() == 4);
  CHECK(st.message().find("$NOT_SET is not set") != std::string::npos);
  CHECK(st.ToString().rfind("00001_t.sql:4: ", 0) == 0);
  // An error in the Down section fails the file.
  CHECK(ParseError("-- +goose ENVSUB ON\n-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT '${X?boom}';\n").line() == 5);
  CHECK(ParseError("-- +goose ENVSUB ON\n-- +goose Up\nPREPARE p AS SELECT $1;\n").line() == 3);
}

TEST_CASE("ENVSUB output is what the splitter sees") {
  // `$$` becomes `$`, so no dollar quote is opened and the line ends the statement.
  ParsedMigration m = Parse("-- +goose ENVSUB ON\n-- +goose Up\nSELECT '$$';\nSELECT 2;\n");
  CHECK(Texts(m.up) == Strings{"SELECT '$';", "SELECT 2;"});
}

TEST_CASE("paired format: no Up/Down annotation, other annotations work") {
  MigrationPart part;
  Status st = ParsePairedPart("\n  \n-- comment\n-- +goose NO TRANSACTION\nCREATE INDEX i ON t (c);\n", "2_x.up.sql",
                              TestEnv(), &part);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  CHECK(Texts(part) == Strings{"CREATE INDEX i ON t (c);"});
  CHECK(Lines(part) == std::vector<int>{5});
  CHECK_FALSE(part.use_tx);

  MigrationPart empty;
  REQUIRE(ParsePairedPart("", "2_x.down.sql", TestEnv(), &empty).ok());
  CHECK(empty.statements.empty());
  CHECK(empty.use_tx);

  st = ParsePairedPart("-- +goose Up\nSELECT 1;\n", "2_x.up.sql", TestEnv(), &part);
  CHECK_FALSE(st.ok());
  CHECK(st.ToString() == "2_x.up.sql:1: '-- +goose Up' is not used in .up.sql/.down.sql files (the file name "
                         "gives the direction)");
}

TEST_CASE("paired format: the end of the file ends its last statement, as golang-migrate sends a file whole") {
  MigrationPart part;
  REQUIRE(ParsePairedPart("SELECT 1\n", "2_x.down.sql", TestEnv(), &part).ok());
  CHECK(Texts(part) == Strings{"SELECT 1"});
  CHECK(Lines(part) == std::vector<int>{1});
  // pocket-id: two statements pasted on one line, the last without `;`.
  REQUIRE(ParsePairedPart("-- c\nALTER TABLE users DROP COLUMN disabled;ALTER TABLE users DROP COLUMN x", "3.up.sql",
                          TestEnv(), &part).ok());
  CHECK(Texts(part) == Strings{"ALTER TABLE users DROP COLUMN disabled;ALTER TABLE users DROP COLUMN x"});
  // concourse 1630515499: a function body ending in `$$` with no `;`.
  REQUIRE(ParsePairedPart("CREATE TABLE t (a int);\nCREATE FUNCTION f() RETURNS int AS $$\nbegin\n  return 1;\n"
                          "end; $$ LANGUAGE plpgsql\n\n",
                          "4.up.sql", TestEnv(), &part).ok());
  REQUIRE(part.statements.size() == 2);
  CHECK(part.statements[1].text == "CREATE FUNCTION f() RETURNS int AS $$\nbegin\n  return 1;\nend; $$ LANGUAGE plpgsql");
  CHECK(part.statements[1].line == 2);
  // Comments after the last statement are not a statement (nor `#` ones, MySQL's).
  REQUIRE(ParsePairedPart("SELECT 1;\n/* the end */\n", "5.up.sql", TestEnv(), &part).ok());
  CHECK(Texts(part) == Strings{"SELECT 1;"});
  REQUIRE(ParsePairedPart("SELECT 1;\n# the end\n", "5.up.sql", TestEnv(), &part).ok());
  CHECK(Texts(part) == Strings{"SELECT 1;"});
  // Text left inside an unclosed quote is still an error, before anything runs.
  Status st = ParsePairedPart("SELECT 1;\nINSERT INTO t VALUES ('a);\n", "6.up.sql", TestEnv(), &part);
  REQUIRE_FALSE(st.ok());
  CHECK(st.ToString() == "6.up.sql:2: SQL statement \"INSERT INTO t VALUES ('a);\" at the end of the file ends "
                         "inside an unclosed quote, dollar quote or block comment");
  CHECK_FALSE(part.problem.ok());
  // goose files keep goose's rule.
  ParsedMigration m;
  CHECK_FALSE(ParseGooseMigration("-- +goose Up\nSELECT 1\n", "7_x.sql", TestEnv(), &m).ok());
}

TEST_CASE("a malformed section is that part's problem; the other direction still parses (goose runs one)") {
  ParsedMigration m;
  // Unfinished last statement in Down: up is fine.
  Status st = ParseGooseSections("-- +goose Up\nSELECT 1;\n-- +goose Down\nDROP TABLE t\n", "8_x.sql", TestEnv(), &m);
  REQUIRE(st.ok());
  CHECK(Texts(m.up) == Strings{"SELECT 1;"});
  CHECK(m.up.problem.ok());
  REQUIRE(m.down.has_value());
  CHECK(m.down->problem.ToString() == "8_x.sql:4: unfinished SQL statement \"DROP TABLE t\" at the end of the Down "
                                      "section: missing semicolon?");
  // Unfinished Up, fine Down: the reverse.
  st = ParseGooseSections("-- +goose Up\nSELECT 1\n-- +goose Down\nSELECT 2;\n", "8_x.sql", TestEnv(), &m);
  REQUIRE(st.ok());
  CHECK(m.up.problem.line() == 2);
  CHECK(m.up.statements.empty());
  CHECK(m.down->problem.ok());
  CHECK(Texts(*m.down) == Strings{"SELECT 2;"});
  // Both: two problems. The strict parse returns the first.
  st = ParseGooseSections("-- +goose Up\nSELECT 1\n-- +goose Down\nSELECT 2\n", "8_x.sql", TestEnv(), &m);
  REQUIRE(st.ok());
  CHECK(m.up.problem.line() == 2);
  CHECK(m.down->problem.line() == 4);
  CHECK(ParseGooseMigration("-- +goose Up\nSELECT 1\n-- +goose Down\nSELECT 2\n", "8_x.sql", TestEnv(), &m)
            .line() == 2);
  // ENVSUB errors stay in their section.
  st = ParseGooseSections("-- +goose ENVSUB ON\n-- +goose Up\nSELECT 1;\n-- +goose Down\nDROP SCHEMA ${NOPE};\n",
                          "8_x.sql", TestEnv(), &m);
  REQUIRE(st.ok());
  CHECK(m.up.problem.ok());
  CHECK(m.down->problem.line() == 5);
  CHECK(m.down->problem.message().find("NOPE") != std::string::npos);
  // A malformed structure is the file's error, wherever it is.
  st = ParseGooseSections("-- +goose Up\nSELECT 1;\n-- +goose Down\n-- +goose StatementEnd\n", "8_x.sql", TestEnv(),
                          &m);
  CHECK(st.line() == 4);
}

// Golden files: tests/testdata/parser/NAME.sql with NAME.json holding either
// {"up":[{"line":N,"text":...}], "down":[...]|null, "use_tx":bool} (plus
// "paired":true for a paired part) or {"error":{"line":N,"contains":...}}.
TEST_CASE("golden migration files in tests/testdata/parser") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(GANDER_TESTDATA_DIR) / "parser";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".sql") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 5);
  auto read = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  };
  auto check_part = [](const MigrationPart& part, const nlohmann::json& want) {
    REQUIRE(part.statements.size() == want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      CHECK(part.statements[i].text == want[i]["text"].get<std::string>());
      CHECK(part.statements[i].line == want[i]["line"].get<int>());
    }
  };
  for (const fs::path& sql : files) {
    fs::path json_path = sql;
    json_path.replace_extension(".json");
    INFO("golden file: ", sql.filename().string());
    nlohmann::json want = nlohmann::json::parse(read(json_path), nullptr, false);
    REQUIRE_FALSE(want.is_discarded());
    ParsedMigration m;
    Status st;
    if (want.value("paired", false)) {
      st = ParsePairedPart(read(sql), sql.filename().string(), TestEnv(), &m.up);
    } else {
      st = ParseGooseMigration(read(sql), sql.filename().string(), TestEnv(), &m);
    }
    if (want.contains("error")) {
      REQUIRE_FALSE(st.ok());
      CHECK(st.line() == want["error"]["line"].get<int>());
      CHECK(st.message().find(want["error"]["contains"].get<std::string>()) != std::string::npos);
      continue;
    }
    REQUIRE_MESSAGE(st.ok(), st.ToString());
    check_part(m.up, want["up"]);
    CHECK(m.up.use_tx == want["use_tx"].get<bool>());
    if (want.value("paired", false)) continue;
    if (want["down"].is_null()) {
      CHECK_FALSE(m.down.has_value());
    } else {
      REQUIRE(m.down.has_value());
      check_part(*m.down, want["down"]);
      CHECK(m.down->use_tx == want["use_tx"].get<bool>());
    }
  }
}

TEST_CASE("a NUL byte is rejected with its line, in both file formats") {
  gander::ParsedMigration m;
  std::string text("-- +goose Up\nSELECT 1;\nSELECT\0 2;\n", 32);
  gander::Status st = gander::ParseGooseMigration(text, "00001_x.sql", nullptr, &m);
  CHECK(st.code() == gander::StatusCode::kInvalid);
  CHECK(st.line() == 3);
  CHECK(st.ToString().find("NUL byte") != std::string::npos);
  gander::MigrationPart part;
  CHECK_FALSE(gander::ParsePairedPart(text.substr(13), "00001_x.up.sql", nullptr, &part).ok());
}
