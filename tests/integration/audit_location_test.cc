// #20 item 13: where audit snapshots go. The database's <table>_snapshots is
// the record; files only in a configured folder. Before, every run wrote
// DIR/.gander/snapshots inside the migrations folder: a read-only checkout
// warned on every run and `audit verify` failed forever, and databases
// migrated from one folder piled their files up together.
#include <sys/stat.h>

#include <filesystem>

#include <doctest/doctest.h>

#include "integration/harness.h"

using namespace gander::test;
namespace fs = std::filesystem;

namespace {

size_t JsonFiles(const std::string& dir) {
  size_t n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) n += e.path().extension() == ".json";
  return n;
}

}  // namespace

TEST_CASE("no snapshot folder by default: a read-only migrations folder, two databases, no warning, verify passes") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb a(engine), b(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    std::string m = dir.Join("m");
    for (const auto& e : fs::directory_iterator(m)) chmod(e.path().c_str(), 0444);
    REQUIRE(chmod(m.c_str(), 0555) == 0);  // a read-only checkout

    for (ScratchDb* db : {&a, &b}) {
      RunResult r = RunGander(Args(Target(*db, m), {"up-to", "2"}));
      REQUIRE_MESSAGE(r.exit_code == 0, r.err);
      CHECK_MESSAGE(!Contains(r.err, "warning"), r.err);
      r = RunGander(Args(Target(*db, m), {"up"}));
      REQUIRE_MESSAGE(r.exit_code == 0, r.err);
      CHECK_MESSAGE(!Contains(r.err, "warning"), r.err);
      r = RunGander(Args(Target(*db, m), {"audit", "verify"}));
      CHECK_MESSAGE(r.exit_code == 0, (r.out + r.err));
      CHECK_MESSAGE(Contains(r.out, "audit trail intact: 2 snapshot(s)"), r.out);
      CHECK_FALSE(Contains(r.out, "files in"));
      CHECK(db->Query("SELECT COUNT(*) FROM goose_db_version_snapshots")[0][0] == "2");
    }
    // Nothing written into the checkout: the two databases share no files.
    CHECK_FALSE(fs::exists(m + "/.gander"));
  }
}

TEST_CASE("an earlier gander's default folder: a notice, verify from the table; configured again, it is completed") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    std::string m = dir.Join("m"), old_default = m + "/.gander/snapshots";
    std::vector<std::string> configured = {"--snapshot-dir", old_default};
    REQUIRE(RunGander(Args(Target(db, m), Args(configured, {"up-to", "2"}))).exit_code == 0);
    REQUIRE(JsonFiles(old_default) == 1);

    RunResult r = RunGander(Args(Target(db, m), {"up-to", "3"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK_MESSAGE(Contains(r.err, "audit snapshot 2 is in goose_db_version_snapshots only: " + old_default +
                                      " (an earlier gander's default snapshot folder) is no longer written unless "
                                      "configured"),
                  r.err);
    CHECK(JsonFiles(old_default) == 1);
    r = RunGander(Args(Target(db, m), {"audit", "verify"}));
    CHECK_MESSAGE(r.exit_code == 0, (r.out + r.err));
    CHECK_MESSAGE(Contains(r.err, old_default + " holds an earlier gander's snapshot files, but no snapshot folder is "
                                                "configured"),
                  r.err);

    // Configured again: the next changing command writes the file it missed.
    r = RunGander(Args(Target(db, m), Args(configured, {"up"})));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(JsonFiles(old_default) == 3);
    r = RunGander(Args(Target(db, m), Args(configured, {"audit", "verify"})));
    CHECK_MESSAGE(r.exit_code == 0, (r.out + r.err));
    CHECK(Contains(r.out, "audit trail intact: 3 snapshot(s)"));
    CHECK(Contains(r.out, "files in " + old_default + " match"));
  }
}

TEST_CASE("a snapshot folder configured after the trail began gets every earlier file; each database its own folder") {
  ScratchDb a("sqlite3"), b("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  std::string m = dir.Join("m");
  for (ScratchDb* db : {&a, &b}) {
    REQUIRE(RunGander(Args(Target(*db, m), {"up-to", "1"})).exit_code == 0);
    REQUIRE(RunGander(Args(Target(*db, m), {"up-to", "2"})).exit_code == 0);
  }
  std::vector<std::string> folder_a = {"--snapshot-dir", dir.Join("audit/a")};
  RunResult r = RunGander(Args(Target(a, m), Args(folder_a, {"up"})));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(JsonFiles(dir.Join("audit/a")) == 3);
  r = RunGander(Args(Target(a, m), Args(folder_a, {"audit", "verify"})));
  CHECK_MESSAGE(r.exit_code == 0, (r.out + r.err));
  CHECK(Contains(r.out, "files in " + dir.Join("audit/a") + " match"));
  r = RunGander(Args(Target(b, m), {"audit", "verify"}));
  CHECK_MESSAGE(r.exit_code == 0, (r.out + r.err));
  CHECK_FALSE(fs::exists(dir.Join("audit/b")));
}
