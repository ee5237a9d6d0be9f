// The edges a new user meets (issue #20, "Broken or wrong" and "Confusing"):
// read-only commands that read, suggested commands that paste, errors that
// say what happened at once and in one line, times in one format.
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdlib>
#include <regex>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "integration/harness.h"

using namespace gander::test;

namespace {

// The binary under test (GANDER_TEST_BINARY overrides, as in RunGander).
std::string Binary() {
  const char* other = std::getenv("GANDER_TEST_BINARY");
  return other ? other : GANDER_BINARY;
}

bool Exists(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0;
}

// The text between the n-th pair of backticks of `text` ("" if none).
std::string Quoted(const std::string& text, int n) {
  size_t at = 0;
  for (int i = 0; i <= n; ++i) {
    size_t open = text.find('`', at);
    if (open == std::string::npos) return "";
    size_t close = text.find('`', open + 1);
    if (close == std::string::npos) return "";
    if (i == n) return text.substr(open + 1, close - open - 1);
    at = close + 1;
  }
  return "";
}

// Runs a suggested command line as the user would paste it into a shell, `env` (VAR='value' ...) exported.
int Paste(const std::string& command, const std::string& env, const std::string& cwd) {
  std::string gander = "gander ";
  REQUIRE(command.rfind(gander, 0) == 0);
  // Exported first, as a user who sets GANDER_DBSTRING does: "$GANDER_DBSTRING" expands to it.
  std::string line = "cd '" + cwd + "' && " + (env.empty() ? "" : "export " + env + " && ") + Binary() + " " +
                     command.substr(gander.size()) + " >/dev/null 2>&1";
  int status = std::system(line.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int Lines(const std::string& text) {
  int n = 0;
  for (char c : text) n += c == '\n' ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("#20.1 read-only commands read a read-only SQLite database (mode=ro); plan's errors say plan") {
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  std::string path = dir.Join("app.db");
  REQUIRE(RunGander({"-dir", dir.Join("m"), "sqlite3", path, "up"}).exit_code == 0);
  std::string ro = "file:" + path + "?mode=ro";
  for (std::vector<std::string> command : {std::vector<std::string>{"status"}, {"version"}, {"history"}, {"validate"},
                                           {"schema"}, {"datasum"}, {"plan"}, {"plan", "down"}, {"audit", "verify"}}) {
    RunResult r = RunGander(Args({"-dir", dir.Join("m"), "sqlite3", ro}, command));
    CHECK_MESSAGE(r.exit_code == 0, command[0] << ": " << r.err);
    CHECK_FALSE(Contains(r.err, "read-only"));
  }
  RunResult r = RunGander({"-dir", dir.Join("m"), "sqlite3", ro, "status"});
  CHECK(Contains(r.out, "00005_create_audit.sql"));
  CHECK_FALSE(Contains(r.out, "Pending"));
  // A changing command still refuses it, at once.
  r = RunGander({"-dir", dir.Join("m"), "sqlite3", ro, "down"});
  CHECK(r.exit_code != 0);
  CHECK(Contains(r.err, "read-only"));
  r = RunGander({"-dir", dir.Join("m"), "sqlite3", path, "plan", "up-to", "soon"});
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "gander: plan up-to: not a version number"));
}

TEST_CASE("#20.2 a read-only command on a mistyped SQLite path creates no database and says it does not exist") {
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  std::string typo = dir.Join("ap.db");
  for (const char* command : {"status", "version", "history", "schema", "datasum"}) {
    RunResult r = RunGander({"-dir", dir.Join("m"), "sqlite3", typo, command});
    CHECK_MESSAGE(r.exit_code == 2, command);
    CHECK(Contains(r.err, "SQLite database " + typo + " does not exist"));
    CHECK_FALSE(Contains(r.out, "Pending"));
    CHECK(Lines(r.err) == 1);
  }
  RunResult r = RunGander({"-dir", dir.Join("m"), "sqlite3", typo, "validate"});
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "does not exist"));
  // plan before the first up (the quickstart) plans for an empty database, and says so.
  r = RunGander({"-dir", dir.Join("m"), "sqlite3", typo, "plan"});
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.out, "version 0 -> 5"));
  CHECK(Contains(r.err, "SQLite database " + typo + " does not exist yet"));
  CHECK_FALSE(Exists(typo));
  REQUIRE(RunGander({"-dir", dir.Join("m"), "sqlite3", typo, "up"}).exit_code == 0);
  CHECK(Exists(typo));
}

TEST_CASE("#20.3 suggested commands paste as printed: DSN from the environment omitted, a password never redacted") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    std::string env = "GANDER_DRIVER=" + engine + " GANDER_DBSTRING='" + db.dsn() + "'";
    std::map<std::string, std::string> vars = {{"GANDER_DRIVER", engine}, {"GANDER_DBSTRING", db.dsn()}};
    REQUIRE(RunGander({"-dir", dir.Join("m"), "up"}, vars).exit_code == 0);
    RunResult r = RunGander({"-dir", dir.Join("m"), "down-to", "2"}, vars);
    REQUIRE(r.exit_code == 3);
    std::string review = Quoted(r.err, 0), run = Quoted(r.err, 1);
    CHECK(review == "gander -dir " + dir.Join("m") + " plan down-to 2");
    CHECK(run == "gander -dir " + dir.Join("m") + " down-to 2 --yes");
    CHECK_FALSE(Contains(r.err, "***"));
    CHECK(Paste(review, env, dir.path()) == 0);
    CHECK(db.TrackingRows().size() > 0);
    CHECK(Paste(run, env, dir.path()) == 0);
    RunResult v = RunGander({"-dir", dir.Join("m"), "version"}, vars);
    CHECK(Contains(v.out, "version 2"));

    // Given on the command line with a password: "$GANDER_DBSTRING", never `***`.
    if (!PasswordOf(db.dsn()).empty()) {
      r = RunGander({"-dir", dir.Join("m"), engine, db.dsn(), "reset"});
      REQUIRE(r.exit_code == 3);
      run = Quoted(r.err, 1);
      CHECK(run == "gander -dir " + dir.Join("m") + " " + engine + " \"$GANDER_DBSTRING\" reset --yes");
      CHECK_FALSE(Contains(r.err, PasswordOf(db.dsn())));
      CHECK(Paste(run, env, dir.path()) == 0);
      CHECK(Contains(RunGander({"-dir", dir.Join("m"), "version"}, vars).out, "version 0"));
    }
  }
}

TEST_CASE("#20.3 the fleet's confirmation hint keeps -dir") {
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  dir.Write("targets.json", R"({"targets": [{"name": "a", "driver": "sqlite3", "dsn": "a.db"}]})");
  std::vector<std::string> fleet = {"-dir", dir.Join("m"), "--targets", dir.Join("targets.json"), "fleet"};
  REQUIRE(RunGander(Args(fleet, {"up"}), {}, dir.path()).exit_code == 0);
  RunResult r = RunGander(Args(fleet, {"down"}), {}, dir.path());
  REQUIRE(r.exit_code == 3);
  std::string run = Quoted(r.err, 1);
  CHECK(run == "gander -dir " + dir.Join("m") + " fleet --targets " + dir.Join("targets.json") + " down --yes");
  CHECK(Paste(run, "", dir.path()) == 0);
  CHECK(Contains(RunGander({"-dir", dir.Join("m"), "sqlite3", dir.Join("a.db"), "version"}).out, "version 4"));
}

TEST_CASE("#20.4 a failed non-transactional migration says at once that the database is dirty, and how to recover") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/no_tx", "m");
    RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"up"}));
    CHECK(r.exit_code == 1);
    CHECK(Contains(r.err, "failed at statement 3 of 4"));
    CHECK(Contains(r.err, "the database is now dirty, nothing was rolled back: migration 1 (00001_no_tx.sql) is "
                          "dirty: its up part stopped after 2 of 4 statements"));
    CHECK(Contains(r.err, " resume` to continue from statement 3"));
  }
}

TEST_CASE("#20.6 history --since takes a duration or an ISO date, and refuses anything else") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  REQUIRE(RunGander(Args(Target(db, dir.Join("m")), {"up"})).exit_code == 0);
  auto since = [&](const std::string& value) {
    return RunGander(Args(Target(db, dir.Join("m")), {"history", "--since", value}));
  };
  for (const char* bad : {"yesterday", "banana", "1x", "2026-13-01", "2026-11-01T25:00"}) {
    RunResult r = since(bad);
    CHECK_MESSAGE(r.exit_code == 2, bad);
    CHECK(Contains(r.err, "is neither a duration back from now (30m, 1h, 7d, 2w) nor a UTC date or time"));
  }
  for (const char* all : {"1h", "7d", "1d12h", "2000-01-01", "2000-01-01T00:00", "2000-01-01 00:00:00Z"}) {
    RunResult r = since(all);
    CHECK_MESSAGE(r.exit_code == 0, all << r.err);
    CHECK_MESSAGE(Contains(r.out, "00005_create_audit.sql"), all);
  }
  RunResult r = since("2999-01-01");
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.out, "no history events match"));
}

TEST_CASE("#20.7 init creates parent folders and honours -dir") {
  TempDir dir;
  RunResult r = RunGander({"init", "db/migrations"}, {}, dir.path());
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(Exists(dir.Join("db/migrations/00001_init.sql")));
  CHECK(Contains(Slurp(dir.Join("gander.json")), "\"dir\": \"db/migrations\""));
  TempDir other;
  r = RunGander({"-dir", "other", "init"}, {}, other.path());
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(Exists(other.Join("other/00001_init.sql")));
  CHECK_FALSE(Exists(other.Join("migrations")));
  CHECK(Contains(r.out, "gander: created other/00001_init.sql"));
}

TEST_CASE("#20.8 -no-versioning: status and version say there is no versioning, as goose does") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  REQUIRE(RunGander(Args({"-no-versioning"}, Args(Target(db, dir.Join("m")), {"up"}))).exit_code == 0);
  RunResult r = RunGander(Args({"-no-versioning"}, Args(Target(db, dir.Join("m")), {"status"})));
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.out, "    no versioning            -- 00001_create_users.sql\n"));
  CHECK_FALSE(Contains(r.out, "Pending"));
  r = RunGander(Args({"-no-versioning"}, Args(Target(db, dir.Join("m")), {"version"})));
  CHECK(r.out == "gander: file version 5\n");
  r = RunGander(Args({"-no-versioning", "--json"}, Args(Target(db, dir.Join("m")), {"version"})));
  CHECK(nlohmann::json::parse(r.out)["no_versioning"] == true);
}

TEST_CASE("#20.10 drift of a pair's down file names the down file; the hint runs repair with --yes") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/paired", "m");
  REQUIRE(RunGander(Args(Target(db, dir.Join("m")), {"up"})).exit_code == 0);
  std::string down = Slurp(dir.Join("m/00003_p3.down.sql"));
  dir.Write("m/00003_p3.down.sql", down + "\n-- reviewed\nSELECT 1;\n");
  RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"validate"}));
  CHECK(r.exit_code == 3);
  CHECK(Contains(r.out, "DRIFT     00003_p3.down.sql: the down part changed since it was applied"));
  r = RunGander(Args(Target(db, dir.Join("m")), {"down"}));
  CHECK(r.exit_code == 3);
  CHECK(Contains(r.err, dir.Join("m/00003_p3.down.sql") + ": migration 3 changed since it was applied"));
  std::string repair = Quoted(r.err, 0);
  CHECK(repair == "gander -dir " + dir.Join("m") + " sqlite3 '" + db.dsn() + "' repair --yes");
  CHECK(Paste(repair, "", dir.path()) == 0);
  CHECK(RunGander(Args(Target(db, dir.Join("m")), {"down"})).exit_code == 0);
}

TEST_CASE("#20.11 with 2>&1 the lines come in the order they happened") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  dir.Write("m/00006_broken.sql", "-- +goose Up\nSELECT * FROM no_such_table;\n");
  std::string log = dir.Join("ci.log");
  std::string line = Binary() + " -dir " + dir.Join("m") + " sqlite3 " + db.dsn() + " up > " + log +
                     " 2>&1";
  CHECK(std::system(line.c_str()) != 0);
  std::string text = Slurp(log);
  size_t last_ok = text.find("OK   00005_create_audit.sql"), error = text.find("gander: up:");
  REQUIRE(last_ok != std::string::npos);
  REQUIRE(error != std::string::npos);
  CHECK(last_ok < error);
}

TEST_CASE("#20.12 a missing or unknown command is one line with a suggestion, not the usage") {
  TempDir dir;
  RunResult r = RunGander({"sqlite3", "x.db", "stauts"}, {}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err == "gander: usage: unknown command \"stauts\"; did you mean status? (gander --help lists the commands)\n");
  r = RunGander({"./app.db", "status"}, {{"GOOSE_DRIVER", "sqlite3"}}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(Lines(r.err) == 1);
  CHECK(Contains(r.err, "\"status\" after one word (\"./app.db\"): give the DRIVER before the DBSTRING"));
  r = RunGander({"postgres", "up"}, {}, dir.path());
  CHECK(Contains(r.err, "give the DBSTRING after the DRIVER"));
  r = RunGander({}, {}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err == "gander: usage: no command given, e.g. gander status (gander --help lists the commands)\n");
  r = RunGander({"sqlite3", "x.db"}, {}, dir.path());
  CHECK(Lines(r.err) == 1);
  CHECK(Contains(r.err, "no command given after DRIVER DBSTRING"));
  r = RunGander({"verison"}, {}, dir.path());
  CHECK(Contains(r.err, "did you mean version?"));
  r = RunGander({"xyzzy"}, {}, dir.path());
  CHECK(r.err == "gander: usage: unknown command \"xyzzy\" (gander --help lists the commands)\n");
  CHECK_FALSE(Exists(dir.Join("x.db")));
}

TEST_CASE("#20.14 the .env permission warning only for a .env holding a password") {
  TempDir dir;
  dir.Write(".env", "GOOSE_DRIVER=sqlite3\nGOOSE_DBSTRING=./x.db\n");
  chmod(dir.Join(".env").c_str(), 0644);
  RunResult r = RunGander({"env"}, {}, dir.path());
  CHECK(r.exit_code == 0);
  CHECK_FALSE(Contains(r.err, "warning"));
  dir.Write(".env", "GOOSE_DRIVER=postgres\nGOOSE_DBSTRING=postgres://app:s3cret@db/app\n");
  chmod(dir.Join(".env").c_str(), 0644);
  r = RunGander({"env"}, {}, dir.path());
  CHECK(Contains(r.err, "warning: .env holds a DBSTRING with a password and is readable by others (mode 644); "
                        "run: chmod 600 .env"));
  CHECK_FALSE(Contains(r.err + r.out, "s3cret"));
  chmod(dir.Join(".env").c_str(), 0600);
  CHECK_FALSE(Contains(RunGander({"env"}, {}, dir.path()).err, "warning"));
}

TEST_CASE("#20.15 audit verify with no snapshots says there is nothing to verify") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"audit", "verify"}));
  CHECK(r.exit_code == 0);
  CHECK(r.out == "gander: no audit snapshots yet (nothing has been changed by gander in this database): nothing to "
                 "verify\n");
  CHECK_FALSE(Contains(r.out, "matches the latest snapshot"));
}

TEST_CASE("#20.16 status and its JSON give applied times in RFC 3339 UTC") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  REQUIRE(RunGander(Args(Target(db, dir.Join("m")), {"up-to", "2"})).exit_code == 0);
  RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"status"}));
  CHECK(std::regex_search(r.out, std::regex(R"(    \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ     -- 00001_create_users.sql)")));
  r = RunGander(Args(Target(db, dir.Join("m")), {"--json", "status"}));
  std::string at = nlohmann::json::parse(r.out)["migrations"][0]["applied_at"];
  CHECK(std::regex_match(at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
}

TEST_CASE("#20.17 usage lines without DRIVER DBSTRING where none is used; y and GANDER_YES=yes confirm") {
  for (const char* command : {"create", "fix", "init", "env"}) {
    RunResult r = RunGander({command, "--help"});
    CHECK(r.out.rfind(std::string("Usage: gander [flags] ") + command, 0) == 0);
    CHECK_FALSE(Contains(r.out.substr(0, r.out.find('\n')), "DBSTRING"));
  }
  CHECK(RunGander({"status", "--help"}).out.rfind("Usage: gander [flags] DRIVER DBSTRING status", 0) == 0);
  CHECK(RunGander({"validate", "--help"}).out.rfind("Usage: gander [flags] [DRIVER DBSTRING] validate", 0) == 0);

  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  REQUIRE(RunGander(Args(Target(db, dir.Join("m")), {"up"})).exit_code == 0);
  RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"down-to", "3"}), {{"GANDER_YES", "yes"}});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(Contains(RunGander(Args(Target(db, dir.Join("m")), {"version"})).out, "version 3"));
  if (std::system("command -v script >/dev/null 2>&1") != 0) return;
  std::string command = Binary() + " -dir " + dir.Join("m") + " sqlite3 " + db.dsn() + " down-to 1";
  std::string shell = "printf 'y\\n' | script -qec '" + command + "' /dev/null > " + dir.Join("tty.out") + " 2>&1";
  CHECK(std::system(shell.c_str()) == 0);
  CHECK(Contains(Slurp(dir.Join("tty.out")), "Type yes to go ahead"));
  CHECK(Contains(RunGander(Args(Target(db, dir.Join("m")), {"version"})).out, "version 1"));
}

TEST_CASE("#20.17 fleet status lists each target once, with its pending count") {
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  dir.Write("targets.json", R"({"targets": [{"name": "alpha", "driver": "sqlite3", "dsn": "a.db"},
                                            {"name": "beta", "driver": "sqlite3", "dsn": "b.db"}]})");
  REQUIRE(RunGander({"-dir", dir.Join("m"), "sqlite3", dir.Join("a.db"), "up-to", "2"}).exit_code == 0);
  REQUIRE(RunGander({"-dir", dir.Join("m"), "sqlite3", dir.Join("b.db"), "up"}).exit_code == 0);
  RunResult r = RunGander({"-dir", dir.Join("m"), "--targets", dir.Join("targets.json"), "fleet", "status"});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK_FALSE(Contains(r.err, "alpha"));
  CHECK(Contains(r.out, "TARGET  VERSION  PENDING"));
  CHECK(std::regex_search(r.out, std::regex(R"(alpha +2 +3 +)")));
  CHECK(std::regex_search(r.out, std::regex(R"(beta +5 +0 +)")));
  size_t first = r.out.find("alpha");
  CHECK(r.out.find("alpha", first + 1) == std::string::npos);
}
