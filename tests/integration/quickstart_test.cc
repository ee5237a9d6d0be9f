// docs/quickstart.md's commands are run as written on each engine: a
// quickstart that no longer works fails the build. The page marks the blocks
// to run with `<!-- quickstart-test ENGINES -->` and says how they are run
// (its last section); only the example DSNs are replaced, by scratch
// databases.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "integration/harness.h"

using namespace gander::test;
namespace fs = std::filesystem;

namespace {

struct MarkedBlock {
  std::vector<std::string> tags;  // engines, or "$EDITOR"
  std::string text;
  int line = 0;  // of the marker in the page
};

std::vector<MarkedBlock> ReadQuickstart(const std::string& path) {
  std::ifstream in(path);
  std::vector<MarkedBlock> blocks;
  std::string line;
  int number = 0;
  const std::regex marker("^<!-- quickstart-test (.+) -->\\s*$");
  while (std::getline(in, line)) {
    ++number;
    std::smatch m;
    if (!std::regex_match(line, m, marker)) continue;
    MarkedBlock block;
    block.line = number;
    std::istringstream tags(m[1].str());
    for (std::string tag; tags >> tag;) block.tags.push_back(tag);
    std::string fence;
    std::getline(in, fence);
    ++number;
    REQUIRE_MESSAGE(fence.rfind("```", 0) == 0, path, ":", number, ": a quickstart-test marker must precede a ``` block");
    while (std::getline(in, line)) {
      ++number;
      if (line.rfind("```", 0) == 0) break;
      block.text += line + "\n";
    }
    blocks.push_back(block);
  }
  return blocks;
}

bool Tagged(const MarkedBlock& block, const std::string& tag) {
  for (const std::string& t : block.tags) {
    if (t == tag) return true;
  }
  return false;
}

void ReplaceAll(std::string* text, const std::string& from, const std::string& to) {
  for (size_t at = text->find(from); at != std::string::npos; at = text->find(from, at + to.size())) {
    text->replace(at, from.size(), to);
  }
}

// Single-quoted for bash.
std::string Quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// The example DSNs of the page, replaced by the test's.
const char* const kPostgresDsn = "postgres://app:secret@localhost:5432/app?sslmode=disable";
const char* const kMysqlDsn = "mysql://app:secret@localhost:3306/app";

}  // namespace

TEST_CASE("every command of docs/quickstart.md runs as written on each engine") {
  std::string page = std::string(GANDER_SOURCE_DIR) + "/docs/quickstart.md";
  std::vector<MarkedBlock> blocks = ReadQuickstart(page);
  REQUIRE(blocks.size() >= 5);
  const MarkedBlock* editor = nullptr;
  for (const MarkedBlock& b : blocks) {
    if (Tagged(b, "$EDITOR")) editor = &b;
  }
  REQUIRE_MESSAGE(editor != nullptr, page, " marks no block `<!-- quickstart-test $EDITOR -->`");
  const char* other = std::getenv("GANDER_TEST_BINARY");
  std::string binary = other && *other ? other : GANDER_BINARY;

  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    std::unique_ptr<ScratchDb> db, scratch;
    if (engine != "sqlite3") {
      db = std::make_unique<ScratchDb>(engine);
      scratch = std::make_unique<ScratchDb>(engine);
    }
    TempDir tools, work;
    fs::create_symlink(binary, tools.Join("gander"));
    tools.Write("migration.sql", editor->text);
    tools.Write("editor", "#!/bin/sh\ncat " + Quoted(tools.Join("migration.sql")) + " > \"$1\"\n");
    fs::permissions(tools.Join("editor"), fs::perms::owner_all);

    // The page's steps, in order, in one shell; -x shows which one failed.
    std::string script =
        "set -eE -o pipefail\n"
        "PS4='+ quickstart: '\n"
        "trap 'echo \"quickstart: exit $? from: $BASH_COMMAND\" >&2' ERR\n"
        "unset GOOSE_DRIVER GOOSE_DBSTRING GOOSE_MIGRATION_DIR GOOSE_TABLE GANDER_DRIVER GANDER_DBSTRING "
        "GANDER_MIGRATION_DIR GANDER_TABLE GANDER_SNAPSHOT_DIR\n"
        "export PATH=" + Quoted(tools.path()) + ":\"$PATH\" EDITOR=" + Quoted(tools.Join("editor")) + "\n";
    if (scratch) script += "export SCRATCH_DSN=" + Quoted(scratch->dsn()) + "\n";
    script += "set -x\n";
    int steps = 0;
    for (const MarkedBlock& b : blocks) {
      if (!Tagged(b, engine)) continue;
      std::string text = b.text;
      if (db) ReplaceAll(&text, engine == "postgres" ? kPostgresDsn : kMysqlDsn, db->dsn());
      script += "# " + page + ":" + std::to_string(b.line) + "\n" + text;
      ++steps;
    }
    REQUIRE_MESSAGE(steps >= 2, page, " marks fewer than two blocks for ", engine);
    tools.Write("quickstart.sh", script);  // not in `work`: the page starts in an empty folder

    std::string shell = "cd " + Quoted(work.path()) + " && bash " + Quoted(tools.Join("quickstart.sh")) + " > " +
                        Quoted(tools.Join("out")) + " 2>&1 < /dev/null";
    int status = std::system(shell.c_str());
    int exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::string out = Slurp(tools.Join("out"));
    CHECK_MESSAGE(exit_code == 0, "docs/quickstart.md failed on ", engine, ":\n", out);
    // What a reader of the page sees: the new migration applied, then rolled back.
    CHECK(Contains(out, "_add_users.sql"));
    CHECK(Contains(out, "successfully migrated database to version: 1"));
    if (db) {
      // gander env and the rest never show the password (the shell's own -x
      // trace of the export does: not gander's output).
      std::istringstream lines(out);
      for (std::string line; std::getline(lines, line);) {
        if (line.rfind("+ quickstart: ", 0) != 0) CHECK_FALSE(Contains(line, PasswordOf(db->dsn())));
      }
    }
  }
}
