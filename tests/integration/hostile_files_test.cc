// Hostile files (#18): only regular files are read, up to a size cap, and a
// version argument is parsed by one parser. On main a FIFO named like a
// migration hung gander, a symlink to /dev/zero grew its memory without
// bound, and `force 99999999999999999999999 --yes` recorded INT64_MAX.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

#include <doctest/doctest.h>

#include "integration/harness.h"

using namespace gander::test;
using namespace std::chrono_literals;

namespace {

// Runs gander, killing it if it has not finished within 10 s (so that a
// hang fails the test instead of blocking the suite); `seconds` is how long it took.
RunResult RunWithDeadline(const std::vector<std::string>& args, double* seconds,
                          const std::map<std::string, std::string>& env = {}) {
  auto start = std::chrono::steady_clock::now();
  GanderProcess p(args, env);
  std::atomic<bool> done{false};
  std::thread watchdog([&] {
    for (int i = 0; i < 200 && !done; ++i) std::this_thread::sleep_for(50ms);
    if (!done) kill(p.pid(), SIGKILL);
  });
  RunResult r = p.Wait();
  done = true;
  watchdog.join();
  *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace

TEST_CASE("a FIFO or a symlink to /dev/zero named like a migration is refused at once, naming the file") {
  for (const char* kind : {"fifo", "dev-zero"}) {
    CAPTURE(kind);
    ScratchDb db("sqlite3");
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    std::string hostile = dir.Join("m/00006_hostile.sql");
    if (std::string(kind) == "fifo") {
      REQUIRE(mkfifo(hostile.c_str(), 0600) == 0);
    } else {
      REQUIRE(symlink("/dev/zero", hostile.c_str()) == 0);
    }
    double seconds = 0;
    RunResult r = RunWithDeadline(Args(Target(db, dir.Join("m")), {"up"}), &seconds);
    CHECK_MESSAGE(r.exit_code == 2, (r.out + r.err));
    CHECK(seconds < 5);
    CHECK_MESSAGE(Contains(r.err, "00006_hostile.sql: is not a regular file (a FIFO, device or socket): gander reads "
                                  "only regular files"),
                  r.err);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_FALSE(db.TableExists("goose_db_version"));  // pre-flight: nothing touched

    // validate and status read the folder too.
    r = RunWithDeadline({"-dir", dir.Join("m"), "validate"}, &seconds);
    CHECK(r.exit_code == 2);
    CHECK(Contains(r.err, "is not a regular file"));
  }
}

TEST_CASE("a snapshot folder holding a FIFO does not hang audit verify") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  std::vector<std::string> snapshots = {"--snapshot-dir", dir.Join("m/.gander/snapshots")};
  REQUIRE(RunGander(Args(Target(db, dir.Join("m")), Args(snapshots, {"up-to", "1"}))).exit_code == 0);
  std::string fifo = dir.Join("m/.gander/snapshots/20260101T000000Z-000009-up.json");
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  double seconds = 0;
  RunResult r = RunWithDeadline(Args(Target(db, dir.Join("m")), Args(snapshots, {"audit", "verify"})), &seconds);
  CHECK(r.exit_code == 2);
  CHECK(seconds < 5);
  CHECK_MESSAGE(Contains(r.err, "20260101T000000Z-000009-up.json: is not a regular file"), r.err);
}

TEST_CASE("files above the size cap are refused with the cap; --max-file-mb and GANDER_MAX_FILE_MB raise it") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  std::string big = "-- +goose Up\nCREATE TABLE big (x TEXT);\n";
  while (big.size() < (2u << 20)) big += "-- " + std::string(1000, 'x') + "\n";
  dir.Write("m/00006_big.sql", big);
  std::vector<std::string> up = Args(Target(db, dir.Join("m")), {"up"});

  RunResult r = RunGander(Args(up, {"--max-file-mb", "1"}));
  CHECK(r.exit_code == 2);
  CHECK_MESSAGE(Contains(r.err, "00006_big.sql: file is larger than 1.0 MiB (2.0 MiB), the most gander reads; raise it "
                                "with --max-file-mb"),
                r.err);
  CHECK_FALSE(db.TableExists("goose_db_version"));
  r = RunGander(up, {{"GANDER_MAX_FILE_MB", "1"}});
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "file is larger than 1.0 MiB"));
  CHECK(RunGander(Args(up, {"--max-file-mb", "0"})).exit_code == 2);
  r = RunGander(Args(up, {"--max-file-mb", "3"}));
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(db.TableExists("big"));
}

TEST_CASE("version arguments: overflow, negative and junk are exit 2 with one line, the database untouched") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  auto gander = [&](std::vector<std::string> args) { return RunGander(Args(Target(db, dir.Join("m")), args)); };
  REQUIRE(gander({"up-to", "3"}).exit_code == 0);
  std::string before = db.TrackingRows();
  std::string history_before = db.Query("SELECT COUNT(*) FROM goose_db_version_history")[0][0];
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {{"force", "99999999999999999999999", "--yes"},
            "not a version number: \"99999999999999999999999\" (larger than 9223372036854775807, the largest version)"},
           {{"force", "-2", "--yes"}, "not a version number: \"-2\" (versions are 0 or more)"},
           {{"force", "0", "--yes"}, "force needs a version of 1 or more"},
           {{"up-to", "99999999999999999999"}, "not a version number: \"99999999999999999999\" (larger than"},
           {{"up-to", "4abc"}, "not a version number: \"4abc\" (digits only)"},
           {{"up-to", "+4"}, "not a version number: \"+4\" (digits only)"},
           {{"down-to", "-1"}, "not a version number: \"-1\" (versions are 0 or more)"},
           {{"history", "2x"}, "not a version number: \"2x\" (digits only)"},
           {{"snapshot", "show", "1e3"}, "not a snapshot number: \"1e3\" (a number, or latest)"}}) {
    CAPTURE(c.args[0]);
    RunResult r = gander(c.args);
    CHECK_MESSAGE(r.exit_code == 2, (r.out + r.err));
    CHECK_MESSAGE(Contains(r.err, c.message), r.err);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
  CHECK(db.TrackingRows() == before);
  CHECK(db.Query("SELECT COUNT(*) FROM goose_db_version_history")[0][0] == history_before);
}

TEST_CASE("force of a version with no file, or already applied, or not the dirty one, needs --allow-unsafe-force") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  auto gander = [&](std::vector<std::string> args) { return RunGander(Args(Target(db, dir.Join("m")), args)); };
  REQUIRE(gander({"up-to", "3"}).exit_code == 0);
  std::string before = db.TrackingRows();

  RunResult r = gander({"force", "42", "--yes"});
  CHECK(r.exit_code == 3);
  CHECK_MESSAGE(Contains(r.err, "no migration file in " + dir.Join("m") + " has version 42: forcing it records a "
                                "version no file describes (up never runs it, down cannot roll it back); add "
                                "--allow-unsafe-force to do it anyway"),
                r.err);
  r = gander({"force", "2", "--yes"});
  CHECK(r.exit_code == 3);
  CHECK_MESSAGE(Contains(r.err, "version 2 is already applied: forcing it again replaces its tracking row and makes "
                                "it the newest, so the next down rolls back 2 instead of 3 (the current version)"),
                r.err);
  r = gander({"force", "3", "--yes"});
  CHECK(r.exit_code == 3);
  CHECK(Contains(r.err, "version 3 is already applied: forcing it again replaces its tracking row, losing when it "
                        "was applied"));
  CHECK(db.TrackingRows() == before);
  CHECK(gander({"audit", "verify"}).exit_code == 0);

  // Said explicitly, it is done (and recorded like any force).
  r = gander({"force", "42", "--yes", "--allow-unsafe-force"});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(Contains(db.TrackingRows(), "42:1"));
  CHECK(gander({"audit", "verify"}).exit_code == 0);
  // A version with a file that is not applied is force's ordinary use.
  CHECK(gander({"force", "4", "--yes"}).exit_code == 0);
}
