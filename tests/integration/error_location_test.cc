// What an error and a time say, the same on every engine (#20 items 5 and
// 16): a failed statement is `FOLDER/FILE:LINE:` in text and {file, line} in
// --json, as a parse error is; the tracking table's times are UTC whatever the
// session's time zone; a rollback without a down part says so in its history
// event and snapshot (#23).
#include <chrono>
#include <ctime>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "integration/harness.h"

using namespace gander::test;

namespace {

// "2026-12-02T04:03:40Z" as seconds since 1970 (UTC); -1 when it is not that form.
long long Rfc3339Seconds(const std::string& text) {
  std::tm tm{};
  if (text.size() != 20 || text[10] != 'T' || text.back() != 'Z') return -1;
  if (!strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return -1;
  return static_cast<long long>(timegm(&tm));
}

long long NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

TEST_CASE("a failed statement is named FOLDER/FILE:LINE (its first line) in text and in --json, as a parse error") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    // Statement 1 (so that MariaDB, which commits DDL at once, is not left
    // dirty) starts on line 5 after a comment and a blank line.
    dir.Write("m/00001_bad.sql",
              "-- +goose Up\n-- seeds the table\n\n-- that is not there\nINSERT INTO nowhere\n"
              "VALUES (1);\n-- +goose Down\nDELETE FROM nowhere;\n");
    std::string m = dir.Join("m");
    RunResult r = RunGander(Args(Target(db, m), {"up"}));
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(r.err.rfind("gander: up: " + m + "/00001_bad.sql:5: migration 1 up failed at statement 1 of 1 "
                              "(INSERT INTO nowhere): ", 0) == 0,
                  r.err);

    r = RunGander(Args(Target(db, m), {"--json", "up"}));
    CHECK(r.exit_code == 1);
    nlohmann::json error = nlohmann::json::parse(r.out)["error"];
    CHECK(error["file"] == m + "/00001_bad.sql");
    CHECK(error["line"] == 5);
    CHECK(error["message"].get<std::string>().rfind("migration 1 up failed at statement 1 of 1 (INSERT INTO nowhere): ",
                                                    0) == 0);

    // A parse error of the same folder: the same form.
    dir.Write("m/00002_unfinished.sql", "-- +goose Up\nCREATE TABLE t (id int)\n");
    r = RunGander(Args(Target(db, m), {"--json", "up"}));
    error = nlohmann::json::parse(r.out)["error"];
    CHECK(error["file"] == m + "/00002_unfinished.sql");
    CHECK(error["line"] == 2);
  }
}

TEST_CASE("applied_at is RFC 3339 UTC whatever the session's time zone (PGTZ, MariaDB's time_zone)") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.Write("m/00001_a.sql", "-- +goose Up\nCREATE TABLE zoned (id int);\n-- +goose Down\nDROP TABLE zoned;\n");
    std::string m = dir.Join("m");
    // Nine hours east of UTC: a local time taken for UTC is far off.
    std::map<std::string, std::string> env = {{"PGTZ", "Asia/Tokyo"}, {"TZ", "Asia/Tokyo"}};
    if (engine == "mysql") REQUIRE(db.conn().Exec("SET GLOBAL time_zone = '+09:00'").ok());
    RunResult up = RunGander(Args(Target(db, m), {"up"}), env);
    RunResult status = RunGander(Args(Target(db, m), {"--json", "status"}), env);
    if (engine == "mysql") REQUIRE(db.conn().Exec("SET GLOBAL time_zone = DEFAULT").ok());
    REQUIRE_MESSAGE(up.exit_code == 0, up.err);
    REQUIRE_MESSAGE(status.exit_code == 0, status.err);
    nlohmann::json migrations = nlohmann::json::parse(status.out)["migrations"];
    REQUIRE(migrations.size() == 1);
    std::string applied_at = migrations[0]["applied_at"].get<std::string>();
    long long at = Rfc3339Seconds(applied_at);
    CHECK_MESSAGE(at > 0, applied_at);
    CHECK_MESSAGE(std::llabs(NowSeconds() - at) < 600, applied_at);
    // Read in UTC, the text status shows is the same time.
    RunResult text = RunGander(Args(Target(db, m), {"status"}));
    CHECK(Contains(text.out, applied_at));
  }
}

TEST_CASE("a rollback without a down part says so in history (text and --json) and in the audit snapshot") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/no_down", "m");
    std::string m = dir.Join("m");
    REQUIRE(RunGander(Args(Target(db, m), {"up"})).exit_code == 0);
    RunResult r = RunGander(Args(Target(db, m), {"down", "--allow-no-down"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::string note = "no down part: recorded as rolled back without running anything";

    r = RunGander(Args(Target(db, m), {"history"}));
    CHECK_MESSAGE(Contains(r.out, "00002_irreversible.sql (" + note + ")"), r.out);
    r = RunGander(Args(Target(db, m), {"--json", "history"}));
    nlohmann::json events = nlohmann::json::parse(r.out)["events"];
    REQUIRE(events.size() == 3);
    CHECK(events[2]["direction"] == "down");
    CHECK(events[2]["note"] == note);
    CHECK_FALSE(events[0].contains("note"));  // the applied ones have none

    r = RunGander(Args(Target(db, m), {"--json", "snapshot", "show", "latest"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK_MESSAGE(Contains(r.out, "\"note\""), r.out);
    CHECK_MESSAGE(Contains(r.out, note), r.out);
  }
}
