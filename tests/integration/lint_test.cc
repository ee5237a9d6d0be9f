// gander lint end to end, on every engine: what it reports, which
// migrations it reads (only the pending ones when given a database), its
// formats, exit codes, suppressions and gander.json severities.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "integration/harness.h"

using namespace gander::test;

namespace {

const char* kUsers =
    "-- +goose Up\nCREATE TABLE users (id int PRIMARY KEY, email varchar(100), legacy varchar(10));\n"
    "-- +goose Down\nDROP TABLE users;\n";
// Drops data an earlier migration holds, and its down part cannot bring it back.
const char* kDropLegacy =
    "-- +goose Up\nALTER TABLE users DROP COLUMN legacy;\n-- +goose Down\nALTER TABLE users ADD COLUMN legacy varchar(10);\n";

std::string EngineName(const std::string& driver) { return driver == "sqlite3" ? "sqlite" : driver; }

}  // namespace

TEST_CASE("lint: findings as file:line: RULE severity, exit 1 on an error, 0 or 3 (--strict) on warnings") {
  TempDir dir;
  dir.Write("m/00001_users.sql", kUsers);
  dir.Write("m/00002_drop_legacy.sql", kDropLegacy);
  std::string m = dir.Join("m");
  for (const char* engine : {"postgres", "mysql", "sqlite"}) {
    CAPTURE(engine);
    RunResult r = RunGander({"-dir", m, "lint", "--engine", engine});
    CHECK(r.exit_code == 1);
    CHECK(Contains(r.out, m + "/00002_drop_legacy.sql:2: GL302 error: DROP COLUMN legacy of users deletes its values"));
    CHECK(Contains(r.out, "    fix: "));
    CHECK(Contains(r.out, m + "/00002_drop_legacy.sql:2: GL313 error: "));
    CHECK(Contains(r.out, m + "/00001_users.sql:4: GL311 warning: "));
    CHECK(Contains(r.out, "gander: lint: 2 migrations, 2 errors, "));
  }
  // --from V: V and later are one run, older migrations history. From 1 on,
  // `legacy` is dropped in the run that creates it: it holds no data yet.
  RunResult r = RunGander({"-dir", m, "lint", "--engine", "sqlite", "--from", "2"});
  CHECK(r.exit_code == 1);
  CHECK(Contains(r.out, "gander: lint: 1 migration, 2 errors"));
  r = RunGander({"-dir", m, "lint", "--engine", "sqlite", "--from", "1"});
  CHECK_MESSAGE(r.exit_code == 0, r.out);

  TempDir warn;
  warn.Write("m/00001_users.sql", kUsers);
  r = RunGander({"-dir", warn.Join("m"), "lint", "--engine", "postgres"});
  CHECK_MESSAGE(r.exit_code == 0, r.out);
  r = RunGander({"-dir", warn.Join("m"), "lint", "--engine", "postgres", "--strict"});
  CHECK(r.exit_code == 3);
}

TEST_CASE("lint with a database reads only the pending migrations, on every engine") {
  for (const std::string& driver : TestEngines()) {
    CAPTURE(driver);
    ScratchDb db(driver);
    TempDir dir;
    // The database runs a clean migration 1; the folder linted holds a version
    // of it that would be an error, and a pending migration 2.
    dir.Write("applied/00001_users.sql", kUsers);
    dir.Write("m/00001_users.sql", std::string(kUsers) + "DROP TABLE users;\n");  // a second drop in its down part: GL312
    dir.Write("m/00002_index.sql", "-- +goose Up\nCREATE INDEX users_email ON users (email);\n-- +goose Down\nSELECT 1;\n");
    REQUIRE(RunGander(Args(Target(db, dir.Join("applied")), {"up"})).exit_code == 0);

    RunResult all = RunGander({"-dir", dir.Join("m"), "lint", "--engine", EngineName(driver)});
    CHECK(all.exit_code == 1);  // migration 1 read from the files alone
    RunResult pending = RunGander(Args(Target(db, dir.Join("m")), {"lint", "--json"}));
    CHECK_MESSAGE(pending.exit_code == 0, pending.out, pending.err);
    nlohmann::json j = nlohmann::json::parse(pending.out);
    CHECK(j["engine"] == EngineName(driver));  // the engine comes from DRIVER
    CHECK(j["migrations"] == 1);
    for (const auto& f : j["findings"]) CHECK(f["version"] == 2);
    bool lock = false;
    for (const auto& f : j["findings"]) lock = lock || f["rule"] == "GL101";
    CHECK(lock == (driver == "postgres"));  // users holds data: not created in this run
    // The same with DRIVER DBSTRING after the command; the password never shows.
    RunResult after = RunGander({"-dir", dir.Join("m"), "lint", driver, db.dsn()});
    CHECK(after.exit_code == 0);
    CHECK(Contains(after.out, "gander: lint: 1 migration, 0 errors"));
    if (!PasswordOf(db.dsn()).empty()) CHECK_FALSE(Contains(after.out + after.err, PasswordOf(db.dsn())));
    CHECK(db.TrackingRows() == "0:1 1:1");  // lint changed nothing
  }
}

TEST_CASE("lint --json, --format github and --format gitlab carry the same findings") {
  TempDir dir;
  dir.Write("m/00001_users.sql", kUsers);
  dir.Write("m/00002_drop_legacy.sql", kDropLegacy);
  std::string m = dir.Join("m");
  RunResult r = RunGander({"-dir", m, "lint", "--engine", "postgres", "--json"});
  CHECK(r.exit_code == 1);
  nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["command"] == "lint");
  CHECK(j["errors"] == 2);
  CHECK(j["exit_code"] == 1);
  CHECK(j["findings"][0]["doc"].get<std::string>().rfind("docs/lint.md#gl", 0) == 0);

  r = RunGander({"-dir", m, "lint", "--engine", "postgres", "--format", "github"});
  CHECK(r.exit_code == 1);
  CHECK(Contains(r.out, "::error file=" + m + "/00002_drop_legacy.sql,line=2,title=GL302::DROP COLUMN legacy"));
  CHECK(Contains(r.out, "::warning file="));
  CHECK(Contains(r.err, "lint: 2 migrations, 2 errors"));

  r = RunGander({"-dir", m, "lint", "--engine", "postgres", "--format", "gitlab"});
  CHECK(r.exit_code == 1);
  nlohmann::json report = nlohmann::json::parse(r.out);
  CHECK(report.size() == j["findings"].size());
  CHECK(report[0]["location"]["path"] == j["findings"][0]["file"]);

  r = RunGander({"-dir", m, "lint", "--format", "sarif"});
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "--format must be github or gitlab"));
}

TEST_CASE("lint: lint-ignore with a reason silences a finding; gander.json sets severities; bad input exits 2") {
  TempDir dir;
  dir.Write("m/00001_users.sql", kUsers);
  dir.Write("m/00002_drop_legacy.sql",
            "-- +goose Up\n-- gander:lint-ignore GL302,GL313 legacy is empty since 2025 (checked)\n"
            "ALTER TABLE users DROP COLUMN legacy;\n-- +goose Down\nALTER TABLE users ADD COLUMN legacy varchar(10);\n");
  RunResult r = RunGander({"-dir", "m", "lint", "--engine", "mysql"}, {}, dir.path());
  CHECK_MESSAGE(r.exit_code == 0, r.out);
  CHECK(Contains(r.out, "(2 suppressed by lint-ignore)"));

  dir.Write("gander.json", R"({"driver": "sqlite3", "dir": "m", "lint": {"rules": {"GL311": "error"}}})");
  r = RunGander({"lint"}, {}, dir.path());  // engine and folder from gander.json
  CHECK(r.exit_code == 1);
  CHECK(Contains(r.out, "m/00001_users.sql:4: GL311 error: "));
  CHECK_FALSE(Contains(r.err, "no engine given"));

  dir.Write("gander.json", R"({"dir": "m", "lint": {"rules": {"GL311": "fatal"}}})");
  r = RunGander({"lint"}, {}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "gander: lint: gander.json: lint.rules.GL311 must be \"error\", \"warning\" or \"off\""));

  dir.Write("gander.json", R"({"dir": "m"})");
  r = RunGander({"lint"}, {}, dir.path());
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.err, "no engine given"));

  r = RunGander({"-dir", "m", "lint", "--engine", "oracle"}, {}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "unknown engine \"oracle\""));

  dir.Write("m/00003_broken.sql", "-- +goose Up\nCREATE TABLE t (id int)\n");
  r = RunGander({"-dir", "m", "lint", "--engine", "postgres"}, {}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "m/00003_broken.sql:2: unfinished SQL statement"));
}
