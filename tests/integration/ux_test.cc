// What a new user meets first: colors only on a terminal, settings from every
// source in the documented order, `init`, `env`, the run summary and the
// metrics file.
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "integration/harness.h"

using namespace gander::test;

namespace {


// Runs a shell command line under script(1), i.e. on a pseudo-terminal.
std::string OnTerminal(const std::string& command, const std::string& env, const TempDir& dir) {
  std::string shell = env + " script -qec '" + command + "' /dev/null > " + dir.Join("tty.out") + " 2>&1 < /dev/null";
  int status = std::system(shell.c_str());
  CHECK(WIFEXITED(status));
  return Slurp(dir.Join("tty.out"));
}

}  // namespace

TEST_CASE("colors on a terminal only, and never with NO_COLOR or TERM=dumb") {
  if (std::system("command -v script >/dev/null 2>&1") != 0) return;
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  REQUIRE(RunGander(Args(Target(db, dir.Join("m")), {"up-to", "2"})).exit_code == 0);
  std::string status = std::string(GANDER_BINARY) + " -dir " + dir.Join("m") + " sqlite3 " + db.dsn() + " status";
  CHECK(Contains(OnTerminal(status, "TERM=xterm", dir), "\033[33mPending"));
  CHECK(Contains(OnTerminal(status, "TERM=xterm", dir), "\033[32m"));
  CHECK_FALSE(Contains(OnTerminal(status, "NO_COLOR=1 TERM=xterm", dir), "\033["));
  CHECK_FALSE(Contains(OnTerminal(status, "TERM=dumb", dir), "\033["));
  RunResult piped = RunGander(Args(Target(db, dir.Join("m")), {"status"}));  // stdout is a file here
  CHECK(Contains(piped.out, "Pending"));
  CHECK_FALSE(Contains(piped.out, "\033["));
  CHECK_FALSE(Contains(OnTerminal(status + " --json", "TERM=xterm", dir), "\033["));
}

TEST_CASE("settings precedence, case by case: flag > GANDER_ env > GOOSE_ env > .env > gander.json > default") {
  TempDir dir;
  dir.Write("gander.json", R"({"driver": "sqlite3", "dbstring": "json.db", "dir": "from-json", "table": "t_json"})");
  auto env_of = [&](const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
    RunResult r = RunGander(Args(args, {"env", "--json"}), env, dir.path());
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return nlohmann::json::parse(r.out)["settings"];
  };
  nlohmann::json s = env_of({}, {});
  CHECK(s["dir"]["value"] == "from-json");
  CHECK(s["dir"]["source"] == "gander.json");
  CHECK(s["snapshot_dir"]["value"] == "");  // no snapshot files unless configured (docs/audit.md)
  CHECK(s["snapshot_dir"]["source"] == "default");

  dir.Write(".env", "GOOSE_MIGRATION_DIR=from-dotenv-goose\n");
  chmod(dir.Join(".env").c_str(), 0600);
  CHECK(env_of({}, {})["dir"]["source"] == ".env GOOSE_MIGRATION_DIR");
  dir.Write(".env", "GOOSE_MIGRATION_DIR=a\nGANDER_MIGRATION_DIR=from-dotenv-gander\n");
  CHECK(env_of({}, {})["dir"]["value"] == "from-dotenv-gander");
  CHECK(env_of({}, {{"GOOSE_MIGRATION_DIR", "goose-env"}})["dir"]["value"] == "goose-env");
  s = env_of({}, {{"GOOSE_MIGRATION_DIR", "goose-env"}, {"GANDER_MIGRATION_DIR", "gander-env"}});
  CHECK(s["dir"]["value"] == "gander-env");
  CHECK(s["dir"]["source"] == "env GANDER_MIGRATION_DIR");
  s = env_of({"-dir", "flag-dir"}, {{"GANDER_MIGRATION_DIR", "gander-env"}});
  CHECK(s["dir"]["value"] == "flag-dir");
  CHECK(s["dir"]["source"] == "flag");
  // DRIVER DBSTRING given on the command line win too; the password is redacted.
  s = env_of({"postgres", "postgres://u:hunter2@h/db"}, {});
  CHECK(s["dbstring"]["value"] == "postgres://u:***@h/db");
  CHECK(s["driver"]["source"] == "flag");
  CHECK(s["table"]["value"] == "t_json");

  // --config and GANDER_CONFIG name another file; a bad one is a clear error.
  dir.Write("other.json", R"({"table": "t_other"})");
  CHECK(env_of({"--config", "other.json"}, {})["table"]["value"] == "t_other");
  CHECK(env_of({}, {{"GANDER_CONFIG", "other.json"}})["table"]["source"] == "other.json");
  dir.Write("bad.json", R"({"tabel": "x"})");
  RunResult r = RunGander({"--config", "bad.json", "env"}, {}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "bad.json: unknown setting \"tabel\""));
}

TEST_CASE("init starts a project that runs at once, and refuses to overwrite one") {
  TempDir dir;
  RunResult r = RunGander({"init"}, {}, dir.path());
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(Contains(Slurp(dir.Join("gander.json")), "\"driver\": \"sqlite3\""));
  CHECK(Contains(Slurp(dir.Join("migrations/00001_init.sql")), "-- +goose Up"));
  r = RunGander({"up"}, {}, dir.path());
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(Contains(r.out, "successfully migrated database to version: 1"));
  r = RunGander({"init"}, {}, dir.path());
  CHECK(r.exit_code == 3);
  CHECK(Contains(r.err, "migrations are already there"));
}

TEST_CASE("a run ends with a summary, and --metrics-file keeps the last success through a failure") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  std::string prom = dir.Join("gander.prom");
  RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"up", "--metrics-file", prom}));
  REQUIRE(r.exit_code == 0);
  CHECK(Contains(r.out, "gander: 5 migrations in "));
  CHECK(Contains(r.out, ", slowest "));
  std::string text = Slurp(prom);
  CHECK(Contains(text, "gander_last_run_success{engine=\"sqlite3\",database=\"" + db.dsn() + "\",command=\"up\"} 1"));
  CHECK(Contains(text, "gander_migrations_applied{engine=\"sqlite3\",database=\"" + db.dsn() + "\"} 5"));
  CHECK(Contains(text, "le=\"0.2\"} 5"));
  CHECK(Contains(text, "gander_migration_duration_seconds_count{engine=\"sqlite3\",database=\"" + db.dsn() + "\"} 5"));
  size_t at = text.find("gander_last_success_timestamp_seconds{");
  REQUIRE(at != std::string::npos);
  std::string last_success = text.substr(at, text.find('\n', at) - at);

  // A refused run (no --yes for a multi-step rollback) is a failed run for alerting.
  r = RunGander(Args(Target(db, dir.Join("m")), {"down-to", "0", "--metrics-file", prom}));
  CHECK(r.exit_code == 3);
  text = Slurp(prom);
  CHECK(Contains(text, "gander_last_run_success{engine=\"sqlite3\",database=\"" + db.dsn() + "\",command=\"down-to\"} 0"));
  CHECK(Contains(text, last_success));
}

TEST_CASE("a dry run changes nothing: file commands show what they would do, acting ones refuse") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.Write("m/20240101000000_a.sql", "-- +goose Up\nSELECT 1;\n");
  RunResult r = RunGander({"-dir", dir.Join("m"), "plan", "fix"});
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.out, "would rename 20240101000000_a.sql => 00001_a.sql"));
  CHECK(std::ifstream(dir.Join("m/20240101000000_a.sql")).good());
  r = RunGander({"-dir", dir.Join("new"), "create", "x", "--dry-run"});
  CHECK(r.exit_code == 0);
  CHECK_FALSE(std::ifstream(dir.Join("new")).good());
  for (const char* acting : {"resume", "repair", "verify"}) {
    r = RunGander(Args(Target(db, dir.Join("m")), {"plan", acting}));
    CHECK(r.exit_code == 2);
    CHECK(Contains(r.err, "has no dry run"));
  }
  r = RunGander(Args(Target(db, dir.Join("m")), {"force", "1", "--yes", "--dry-run"}));
  CHECK(r.exit_code == 2);
  CHECK_FALSE(db.TableExists("goose_db_version"));
}
