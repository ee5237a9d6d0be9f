// goose's command-line surface (cmd/goose/main.go's flags) and the settings
// table seen from outside: `gander env` lists every variable with its source.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "integration/harness.h"

using namespace gander::test;

TEST_CASE("gander env shows every GANDER_* variable with its value and source") {
  TempDir dir;
  dir.Write(".env", "GANDER_ACTOR=from-dotenv\nGANDER_MAX_RETRIES=7\n");
  chmod(dir.Join(".env").c_str(), 0600);
  dir.Write("gander.json", R"({"lock_timeout": 12, "dir": "m"})");
  RunResult r = RunGander({"--json", "env"}, {{"GANDER_STATEMENT_TIMEOUT", "30"}}, dir.path());
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  nlohmann::json s = nlohmann::json::parse(r.out)["settings"];
  CHECK(s.size() >= 19);
  CHECK(s["actor"] ==
        nlohmann::json({{"value", "from-dotenv"}, {"source", ".env GANDER_ACTOR"}, {"variable", "GANDER_ACTOR"}}));
  CHECK(s["max_retries"]["value"] == "7");
  CHECK(s["statement_timeout"]["source"] == "env GANDER_STATEMENT_TIMEOUT");
  CHECK(s["lock_timeout"]["value"] == "12");
  CHECK(s["lock_timeout"]["source"] == "gander.json");
  CHECK(s["lock_lease_seconds"]["value"] == "15");
  CHECK(s["lock_lease_seconds"]["source"] == "default");
  r = RunGander({"env"}, {}, dir.path());
  for (const char* v : {"GANDER_DRIVER", "GANDER_LOCK_LEASE_SECONDS", "GANDER_DRIVER_DIR", "GANDER_YES",
                        "GANDER_RETRY_JITTER", "GANDER_TARGETS"}) {
    CAPTURE(v);
    CHECK(Contains(r.out, v));
  }
  // A bad value is a usage error naming its source, before anything runs.
  r = RunGander({"sqlite3", dir.Join("a.db"), "up"}, {{"GANDER_MAX_RETRIES", "many"}}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "GANDER_MAX_RETRIES (env) must be a whole number (not \"many\")"));
}

TEST_CASE("a .env value of a setting read below the CLI reaches it (GANDER_ACTOR in the history)") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  dir.Write(".env", "GANDER_ACTOR=dotenv-actor\n");
  RunResult r = RunGander({"-dir", dir.Join("m"), "sqlite3", db.dsn(), "up-to", "1"}, {}, dir.path());
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  r = RunGander({"-dir", dir.Join("m"), "sqlite3", db.dsn(), "history"}, {}, dir.path());
  CHECK(Contains(r.out, "dotenv-actor"));
}

TEST_CASE("-env FILE reads another file, -env none none; a missing FILE is an error") {
  TempDir dir;
  dir.Write(".env", "GOOSE_MIGRATION_DIR=from-dotenv\n");
  dir.Write("other.env", "GOOSE_MIGRATION_DIR=from-other\n");
  auto dir_of = [&](const std::vector<std::string>& args) {
    std::vector<std::string> a = args;
    a.insert(a.end(), {"--json", "env"});
    RunResult r = RunGander(a, {}, dir.path());
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return nlohmann::json::parse(r.out)["settings"]["dir"]["value"].get<std::string>();
  };
  CHECK(dir_of({}) == "from-dotenv");
  CHECK(dir_of({"-env", "other.env"}) == "from-other");
  CHECK(dir_of({"-env=none"}) == ".");
  RunResult r = RunGander({"-env", "nope.env", "env"}, {}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "nope.env: env file not found (-env)"));
}

TEST_CASE("-timeout is the migration timeout, said on stderr; both together are refused") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  RunResult r = RunGander({"-timeout", "1m30s", "-dir", dir.Join("m"), "sqlite3", db.dsn(), "up-to", "1"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(Contains(r.err, "-timeout: each migration may run 90 s (as --migration-timeout"));
  r = RunGander({"-timeout", "5s", "--migration-timeout", "5", "-dir", dir.Join("m"), "sqlite3", db.dsn(), "up"});
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "-timeout and --migration-timeout both given"));
  r = RunGander({"-timeout", "soon", "-dir", dir.Join("m"), "sqlite3", db.dsn(), "up"});
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "-timeout must be a duration"));
}

TEST_CASE("-certfile, -ssl-cert, -ssl-key: refused for MySQL before connecting, ignored with a notice otherwise") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  // 127.0.0.1:9 has no server: the refusal comes before any connection attempt.
  RunResult r = RunGander({"-certfile", "ca.pem", "-dir", dir.Join("m"), "mysql", "u:p@tcp(127.0.0.1:9)/d", "status"});
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "not supported for MySQL yet; refusing to connect without the TLS"));
  CHECK_FALSE(Contains(r.err, "p@"));
  r = RunGander({"-ssl-key", "k.pem", "-dir", dir.Join("m"), "sqlite3", db.dsn(), "status"});
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.err, "apply to MySQL only (as in goose): ignored"));
}

TEST_CASE("-no-color turns colors off on a terminal too") {
  if (std::system("command -v script >/dev/null 2>&1") != 0) return;
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  std::string status = std::string(GANDER_BINARY) + " -dir " + dir.Join("m") + " sqlite3 " + db.dsn() + " status";
  auto on_terminal = [&](const std::string& command) {
    std::string shell = "TERM=xterm script -qec '" + command + "' /dev/null > " + dir.Join("tty.out") + " 2>&1";
    int rc = std::system(shell.c_str());
    CHECK(WIFEXITED(rc));
    return Slurp(dir.Join("tty.out"));
  };
  CHECK(Contains(on_terminal(status), "\033["));
  CHECK_FALSE(Contains(on_terminal(status + " -no-color"), "\033["));
}

TEST_CASE("a switch given as --flag=false is off") {
  TempDir dir;
  dir.Write("m/00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INTEGER);\n-- +goose Down\nDROP TABLE a;\n");
  RunResult r = RunGander({"-dir", dir.Join("m"), "--json=false", "sqlite3", dir.Join("a.db"), "up"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(Contains(r.out, "successfully migrated database to version: 1"));  // text, not JSON
  // --dry-run=false is no dry run: verify is not refused as one.
  r = RunGander({"-dir", dir.Join("m"), "--dry-run=false", "sqlite3", dir.Join("v.db"), "verify"});
  CHECK_FALSE(Contains(r.err, "has no dry run"));
}

TEST_CASE("GANDER_CONFIG in .env names the project file of every setting, lint rules too") {
  TempDir dir;
  dir.Write("m/00001_t.sql", "-- +goose Up\nCREATE TABLE t (id INTEGER, a INTEGER);\n-- +goose Down\nDROP TABLE t;\n");
  dir.Write("m/00002_drop.sql",
            "-- +goose Up\nALTER TABLE t DROP COLUMN a;\n-- +goose Down\nALTER TABLE t ADD COLUMN a INTEGER;\n");
  dir.Write(".env", "GANDER_CONFIG=cfg.json\n");
  dir.Write("cfg.json", R"({"dir": "m", "lint": {"rules": {"GL302": "off", "GL313": "off"}}})");
  RunResult r = RunGander({"sqlite3", dir.Join("a.db"), "up-to", "1"}, {}, dir.path());
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  r = RunGander({"sqlite3", dir.Join("a.db"), "up"}, {}, dir.path());
  CHECK_MESSAGE(r.exit_code == 0, r.err);  // GL302 and GL313 are off in cfg.json
}
