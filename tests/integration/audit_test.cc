// The audit trail on every engine: history that survives rollbacks, the
// snapshot hash chain, and `audit verify` catching each kind of tampering.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "integration/harness.h"

using namespace gander::test;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> SnapshotFiles(const std::string& dir) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}


void Spit(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }


nlohmann::json JsonOf(const RunResult& r) { return nlohmann::json::parse(r.out, nullptr, false); }

}  // namespace

TEST_CASE("up 5, down 2, up 1: eight history events in order, a verified chain, no password anywhere") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    std::string m = dir.Join("m"), snapshots = m + "/.gander/snapshots";
    auto gander = [&](std::vector<std::string> args) {
      return RunGander(Args(Target(db, m), Args({"--snapshot-dir", snapshots}, args)));
    };

    REQUIRE(gander({"up"}).exit_code == 0);
    REQUIRE(gander({"down", "--steps", "2", "--yes"}).exit_code == 0);
    REQUIRE(gander({"up-by-one"}).exit_code == 0);

    RunResult r = gander({"history", "--json"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    nlohmann::json events = JsonOf(r)["events"];
    REQUIRE(events.size() == 8);
    std::vector<std::string> seen;
    for (const auto& e : events) {
      seen.push_back(e["direction"].get<std::string>() + std::to_string(e["version"].get<int>()) + ":" +
                     e["outcome"].get<std::string>());
      CHECK(e["duration_ms"].get<double>() > 0);
      CHECK(e["started_at"].get<std::string>().size() == 24);
      CHECK_FALSE(e["user"].get<std::string>().empty());
    }
    CHECK(seen == std::vector<std::string>{"up1:applied", "up2:applied", "up3:applied", "up4:applied", "up5:applied",
                                           "down5:rolled_back", "down4:rolled_back", "up4:applied"});
    CHECK(events[5]["command"] == "down");
    CHECK(events[5]["snapshot"] == 2);

    r = gander({"history", "4", "--direction", "down"});
    CHECK(r.exit_code == 0);
    CHECK(Contains(r.out, "rolled_back"));
    CHECK_FALSE(Contains(r.out, "applied "));

    // One snapshot per command, chained, 0600, in the folder and the table.
    std::vector<fs::path> files = SnapshotFiles(snapshots);
    REQUIRE(files.size() == 3);
    for (const fs::path& f : files) {
      struct stat info;
      REQUIRE(stat(f.c_str(), &info) == 0);
      CHECK((info.st_mode & 0777) == 0600);
    }
    nlohmann::json second = nlohmann::json::parse(Slurp(files[1]));
    CHECK(second["seq"] == 2);
    CHECK(second["command"] == "down");
    CHECK(second["version_before"] == 5);
    CHECK(second["version_after"] == 3);
    CHECK(second["migrations"].size() == 2);
    CHECK(second["previous_sha256"].is_string());
    CHECK(second["engine"] == engine);
    r = gander({"audit", "verify"});
    CHECK_MESSAGE(r.exit_code == 0, (r.out + r.err));
    CHECK(Contains(r.out, "audit trail intact: 3 snapshot(s)"));

    // Passwords never reach a snapshot, the history or the table copy.
    std::string password = PasswordOf(db.dsn());
    if (!password.empty()) {
      for (const fs::path& f : files) CHECK_FALSE(Contains(Slurp(f), password));
      CHECK_FALSE(Contains(gander({"snapshot", "show", "1"}).out, password));
      CHECK(Contains(Slurp(files[0]), "***"));
      CHECK_FALSE(Contains(gander({"history"}).out, password));
    }

    // Each kind of tampering is found and named; restoring the file heals it.
    std::string original = Slurp(files[1]);
    std::string edited = original;
    edited[edited.find("\"down\"") + 1] = 'D';
    Spit(files[1], edited);
    r = gander({"audit", "verify"});
    CHECK(r.exit_code == 3);
    CHECK(Contains(r.out, "snapshot 2: file " + files[1].filename().string() + " differs"));
    fs::remove(files[1]);
    r = gander({"audit", "verify"});
    CHECK(r.exit_code == 3);
    CHECK(Contains(r.out, "snapshot 2: its file is missing"));
    Spit(files[1], original);
    CHECK(gander({"audit", "verify"}).exit_code == 0);

    db.conn().Exec("CREATE TABLE by_hand (x INTEGER)").IgnoreError();
    r = gander({"audit", "verify"});
    CHECK(r.exit_code == 3);
    CHECK(Contains(r.out, "changed outside gander"));
    db.conn().Exec("DROP TABLE by_hand").IgnoreError();
    CHECK(gander({"audit", "verify"}).exit_code == 0);

    r = gander({"snapshot", "diff", "1", "2"});
    CHECK(r.exit_code == 0);
    CHECK(Contains(r.out, "version:     5 -> 3"));
    CHECK(Contains(r.out, "rolled back: 4, 5"));
    CHECK(Contains(r.out, "table audit_log missing"));
  }
}

TEST_CASE("a snapshot row edited or deleted in the database breaks the chain at that snapshot") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    std::string m = dir.Join("m");
    auto gander = [&](std::vector<std::string> args) { return RunGander(Args(Target(db, m), args)); };
    REQUIRE(gander({"up-to", "2"}).exit_code == 0);
    REQUIRE(gander({"up-to", "4"}).exit_code == 0);
    REQUIRE(gander({"up"}).exit_code == 0);

    db.conn()
        .Exec("UPDATE goose_db_version_snapshots SET body = REPLACE(body, '\"up-to\"', '\"up\"') WHERE seq = 2")
        .IgnoreError();
    RunResult r = gander({"audit", "verify"});
    CHECK(r.exit_code == 3);
    CHECK(Contains(r.out, "snapshot 2 in the database was edited"));

    db.conn().Exec("DELETE FROM goose_db_version_snapshots WHERE seq = 2").IgnoreError();
    r = gander({"audit", "verify", "--json"});
    CHECK(r.exit_code == 3);
    CHECK(Contains(r.out, "snapshot 2 is missing from the database"));
  }
}

TEST_CASE("schema fingerprints: equal for the same migrations on two fresh databases, different after ALTER TABLE") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb a(engine), b(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    std::string m = dir.Join("m");
    REQUIRE(RunGander(Args(Target(a, m), {"up"})).exit_code == 0);
    REQUIRE(RunGander(Args(Target(b, m), {"up-to", "2"})).exit_code == 0);
    REQUIRE(RunGander(Args(Target(b, m), {"up"})).exit_code == 0);

    RunResult ra = RunGander(Args(Target(a, m), {"schema", "--json"}));
    RunResult rb = RunGander(Args(Target(b, m), {"schema", "--json"}));
    REQUIRE_MESSAGE(ra.exit_code == 0, ra.err);
    nlohmann::json sa = JsonOf(ra), sb = JsonOf(rb);
    CHECK(sa["fingerprint"] == sb["fingerprint"]);
    CHECK(sa["objects"].size() >= 8);  // 3 tables, their columns, indexes, a view
    for (const auto& o : sa["objects"]) CHECK_FALSE(Contains(o["name"].get<std::string>(), "goose_db_version"));

    REQUIRE(b.conn().Exec("ALTER TABLE users ADD COLUMN nickname VARCHAR(20)").ok());
    rb = RunGander(Args(Target(b, m), {"schema"}));
    CHECK(Contains(rb.out, "column users.nickname"));
    CHECK(JsonOf(RunGander(Args(Target(b, m), {"schema", "--json"})))["fingerprint"] != sa["fingerprint"]);
  }
}

TEST_CASE("force and repair are recorded in the history and snapshots") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  std::string m = dir.Join("m");
  auto gander = [&](std::vector<std::string> args) { return RunGander(Args(Target(db, m), args)); };
  REQUIRE(gander({"up-to", "3"}).exit_code == 0);
  RunResult r = gander({"force", "4", "--yes"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  r = gander({"history", "--json"});
  nlohmann::json events = JsonOf(r)["events"];
  REQUIRE(events.size() == 4);
  CHECK(events[3]["outcome"] == "forced_applied");
  CHECK(events[3]["command"] == "force");
  CHECK(events[3]["file"] == "00004_order_totals_view.sql");

  dir.Write("m/00002_create_orders.sql", Slurp(m + "/00002_create_orders.sql") + "\n-- +goose StatementBegin\n"
            "SELECT 1;\n-- +goose StatementEnd\n");
  r = gander({"repair", "--yes"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  events = JsonOf(gander({"history", "--json"}))["events"];
  CHECK(events.back()["outcome"] == "checksum_repaired");
  r = gander({"snapshot", "show", "latest", "--json"});
  CHECK(JsonOf(r)["snapshot"]["command"] == "repair");
  CHECK(gander({"audit", "verify"}).exit_code == 0);
}
