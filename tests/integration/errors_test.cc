// Bad input and hostile conditions: each gets one clear line, the right exit
// code, and leaves the database and its tracking table as they were.
#include <doctest/doctest.h>

#include <sys/file.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <future>
#include <iterator>
#include <thread>
#include <sys/stat.h>

#include "integration/harness.h"

using namespace gander::test;

namespace {

int Lines(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

// The admin DSN of an engine with its password replaced.
std::string WithPassword(const std::string& dsn, const std::string& password) {
  size_t at = dsn.rfind('@');
  size_t colon = dsn.find(':', dsn.find("://") + 3);
  return dsn.substr(0, colon + 1) + password + dsn.substr(at);
}

}  // namespace

TEST_CASE("usage errors exit 2 with one line") {
  TempDir dir;
  RunResult r = RunGander({"-dir", dir.Join("nope"), "sqlite3", dir.Join("a.db"), "up"});
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, dir.Join("nope")));
  CHECK(Lines(r.err) == 1);

  r = RunGander({"oracle", "x", "status"});
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "unknown driver"));

  r = RunGander({"sqlite3", "x.db", "fly"});
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "unknown command"));

  r = RunGander({"--no-such-flag", "status"});
  CHECK(r.exit_code == 2);

  r = RunGander({"-dir", dir.path(), "up"}, {{"GOOSE_DRIVER", ""}, {"GOOSE_DBSTRING", ""}});
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "DRIVER and DBSTRING"));

  r = RunGander({"sqlite3", dir.Join("a.db"), "down", "--steps", "0"});
  CHECK(r.exit_code == 2);

  r = RunGander({"postgres", "not a dsn at all", "status"});
  CHECK(r.exit_code == 2);
  CHECK(Lines(r.err) == 1);
}

TEST_CASE("help and version") {
  RunResult r = RunGander({"--version"});
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.out, "gander version"));
  r = RunGander({"--help"});
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.out, "DRIVER DBSTRING COMMAND"));
  CHECK(Contains(r.out, "down-to"));
  r = RunGander({"down", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.out, "--steps"));
}

TEST_CASE("a file that is not a SQLite database is a one-line error and stays untouched") {
  TempDir dir;
  dir.Write("m/00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
  dir.Write("junk.db", std::string(4096, 'x'));
  RunResult r = RunGander({"-dir", dir.Join("m"), "sqlite3", dir.Join("junk.db"), "up"});
  CHECK(r.exit_code == 1);
  CHECK(Contains(r.err, "not a database"));
  CHECK(Lines(r.err) == 1);
}

TEST_CASE("a locked SQLite database: exit 4 after the lock timeout, nothing changed") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  REQUIRE(RunGander(Args(Target(db, dir.Join("m")), {"up-to", "1"})).exit_code == 0);
  int fd = open(db.dsn().c_str(), O_RDONLY);
  REQUIRE(flock(fd, LOCK_EX) == 0);  // as another gander would hold it
  RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"--lock-timeout", "0.3", "up"}));
  CHECK(r.exit_code == 4);
  CHECK(Contains(r.err, "locked"));
  CHECK(Lines(r.err) == 1);
  close(fd);
  CHECK(db.TrackingRows() == "0:1 1:1");
  r = RunGander(Args(Target(db, dir.Join("m")), {"up"}));
  CHECK(r.exit_code == 0);
}

TEST_CASE("a held server lock: exit 4 naming the holder") {
  for (const std::string& engine : TestEngines()) {
    if (engine == "sqlite3") continue;
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    std::unique_ptr<gander::Connection> holder;
    REQUIRE(gander::OpenConnection(engine, db.dsn(), &holder).ok());
    REQUIRE(holder->Lock(std::chrono::milliseconds(0)).ok());
    RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"--lock-timeout", "1", "up"}));
    CHECK(r.exit_code == 4);
    CHECK(Contains(r.err, "held by"));
    CHECK(Lines(r.err) == 1);
    CHECK(db.TrackingRows() == "(no table)");
    holder.reset();  // the session ends, the lock goes with it
    r = RunGander(Args(Target(db, dir.Join("m")), {"--lock-timeout", "5", "up"}));
    CHECK(r.exit_code == 0);
  }
}

TEST_CASE("two gander processes racing up apply each migration exactly once") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    auto args = Args(Target(db, dir.Join("m")), {"up"});
    auto a = std::async(std::launch::async, [&] { return RunGander(args); });
    auto b = std::async(std::launch::async, [&] { return RunGander(args); });
    RunResult ra = a.get(), rb = b.get();
    CHECK_MESSAGE(ra.exit_code == 0, ra.err);
    CHECK_MESSAGE(rb.exit_code == 0, rb.err);
    CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1");
    // One of them did the work, the other found nothing to do.
    CHECK(Contains(ra.out + rb.out, "no migrations to run"));
  }
}

TEST_CASE("connection failures are one line, exit 1, and never show the password") {
  for (const std::string& engine : TestEngines()) {
    if (engine == "sqlite3") continue;
    CAPTURE(engine);
    const char* admin = std::getenv(engine == "postgres" ? "GANDER_TEST_PG_DSN" : "GANDER_TEST_MYSQL_DSN");
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    std::string secret = "S3cr3t-Wrong-Pw";
    for (const std::string& dsn : {WithPassword(admin, secret),
                                   engine == "postgres" ? std::string("postgres://u:" + secret + "@127.0.0.1:1/db?sslmode=disable")
                                                        : std::string("mysql://u:" + secret + "@127.0.0.1:1/db")}) {
      RunResult r = RunGander({"-dir", dir.Join("m"), engine, dsn, "status"});
      CHECK(r.exit_code == 1);
      CHECK(Lines(r.err) == 1);
      CHECK_FALSE(Contains(r.err, secret));
      CHECK(Contains(r.err, "***"));
    }
    if (engine == "postgres") {  // the test server has no TLS
      std::string require_tls = admin;
      require_tls.replace(require_tls.find("sslmode=disable"), 15, "sslmode=require");
      RunResult tls = RunGander({"-dir", dir.Join("m"), engine, require_tls, "status"});
      CHECK(tls.exit_code == 1);
      CHECK(Lines(tls.err) == 1);
      CHECK(Contains(tls.err, "SSL"));
    }
    ScratchDb db(engine);
    std::string unknown = db.dsn();
    unknown.replace(unknown.rfind("gander_t"), 8, "nodb_t");
    RunResult r = RunGander({"-dir", dir.Join("m"), engine, unknown, "status"});
    CHECK(r.exit_code == 1);
    CHECK(Lines(r.err) == 1);
  }
}

TEST_CASE("resume after a crash: an in-flight data statement is not guessed; --in-flight decides") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.Write("m/00001_fill.sql",
            "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE t (id INTEGER PRIMARY KEY);\n"
            "INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2);\n-- +goose Down\nDROP TABLE t;\n");
  std::string m = dir.Join("m");
  REQUIRE(RunGander(Args(Target(db, m), {"up"})).exit_code == 0);
  // The state a kill -9 during statement 2 leaves: statement 1 done, 2 in flight
  // (here it had taken effect), version not recorded.
  REQUIRE(RunGander(Args(Target(db, m), {"down"})).exit_code == 0);
  REQUIRE(db.conn().Exec("CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1);").ok());
  REQUIRE(db.conn().Exec("INSERT INTO goose_db_version_dirty (version_id, direction, statements_done, "
                         "statements_total, in_flight, file, started_at) VALUES (1, 'up', 1, 3, 1, "
                         "'00001_fill.sql', '2026-11-26 00:00:00')").ok());
  RunResult r = RunGander(Args(Target(db, m), {"status"}));
  CHECK(Contains(r.out, "statement 2 was running when gander stopped"));
  r = RunGander(Args(Target(db, m), {"resume"}));
  CHECK(r.exit_code == 3);
  CHECK(Contains(r.err, "cannot tell whether it took effect"));
  CHECK(Contains(r.err, "resume --in-flight done"));
  r = RunGander(Args(Target(db, m), {"resume", "--in-flight", "done"}));
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(db.Query("SELECT COUNT(*) FROM t")[0][0] == "2");  // statement 3 ran, 2 was not repeated
  CHECK(db.TrackingRows() == "0:1 1:1");
}

TEST_CASE("secrets: the password is starred out of the process title while gander runs") {
  bool pg = false;
  for (const std::string& e : TestEngines()) pg = pg || e == "postgres";
  if (!pg) return;
  ScratchDb db("postgres");
  TempDir dir;
  dir.Write("m/00001_slow.sql", "-- +goose Up\nSELECT pg_sleep(1);\n-- +goose Down\nSELECT 1;\n");
  std::string dsn = db.dsn();
  std::string password = PasswordOf(dsn);
  REQUIRE(password.size() >= 4);
  GanderProcess p(Args(Target(db, dir.Join("m")), {"up"}));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  std::ifstream in("/proc/" + std::to_string(p.pid()) + "/cmdline", std::ios::binary);
  std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  RunResult r = p.Wait();
  CHECK(r.exit_code == 0);
  CHECK(Contains(cmdline, "postgres://"));
  CHECK_FALSE(Contains(cmdline, password));
  CHECK(Contains(cmdline, std::string(password.size(), '*')));
}

TEST_CASE("secrets: a .env holding a DSN with a password and readable by others draws a warning") {
  TempDir dir;
  dir.Write(".env", "GOOSE_DRIVER=postgres\nGOOSE_DBSTRING=postgres://u:pw@h/db\n");
  chmod(dir.Join(".env").c_str(), 0644);
  RunResult r = RunGander({"env"}, {}, dir.path());
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.err, "warning: .env holds a DBSTRING with a password and is readable by others (mode 644); "
                        "run: chmod 600 .env"));
  chmod(dir.Join(".env").c_str(), 0600);
  r = RunGander({"env"}, {}, dir.path());
  CHECK_FALSE(Contains(r.err, "warning"));
}

TEST_CASE("server faults on SQLite: a full disk and a read-only file give one line and a consistent, resumable database") {
  ScratchDb db("sqlite3");
  TempDir dir;
  dir.Write("m/00001_small.sql", "-- +goose Up\nCREATE TABLE small (id INTEGER);\n-- +goose Down\nDROP TABLE small;\n");
  dir.Write("m/00002_big.sql",
            "-- +goose Up\nCREATE TABLE big (b BLOB);\n"
            "INSERT INTO big SELECT randomblob(1000000) FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3);\n"
            "-- +goose Down\nDROP TABLE big;\n");
  std::string m = dir.Join("m");
  REQUIRE(RunGander(Args(Target(db, m), {"up-to", "1"})).exit_code == 0);

  // The disk fills up in the middle of migration 2.
  RunResult r = RunGander(Args(Target(db, m), {"up"}), {{"TEST_FILE_SIZE_LIMIT", "600000"}});
  CHECK(r.exit_code == 1);
  CHECK(Contains(r.err, "00002_big.sql"));
  CHECK_MESSAGE((Contains(r.err, "full") || Contains(r.err, "too large") || Contains(r.err, "I/O")), r.err);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  db.Reconnect();
  CHECK(db.TrackingRows() == "0:1 1:1");
  CHECK_FALSE(db.TableExists("big"));
  r = RunGander(Args(Target(db, m), {"up"}));
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  db.Reconnect();
  CHECK(db.TrackingRows() == "0:1 1:1 2:1");

  // The database file becomes immutable (read-only even for root).
  if (std::system(("chattr +i " + db.dsn() + " 2>/dev/null").c_str()) != 0) {
    MESSAGE("skipping the read-only part: chattr +i is not supported here");
    return;
  }
  r = RunGander(Args(Target(db, m), {"down"}));
  std::system(("chattr -i " + db.dsn()).c_str());
  CHECK((r.exit_code == 1 || r.exit_code == 2));
  CHECK(r.err.rfind("gander: down: ", 0) == 0);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  db.Reconnect();
  CHECK(db.TrackingRows() == "0:1 1:1 2:1");
  CHECK(RunGander(Args(Target(db, m), {"down"})).exit_code == 0);
  db.Reconnect();
  CHECK(db.TrackingRows() == "0:1 1:1");
}

TEST_CASE("MariaDB: gander's connection killed mid-migration (KILL) is retried after reconnecting") {
  bool mysql = false;
  for (const std::string& e : TestEngines()) mysql = mysql || e == "mysql";
  if (!mysql) return;
  ScratchDb db("mysql");
  TempDir dir;
  dir.Write("m/00001_slow.sql",
            "-- +goose Up\nCREATE TABLE slow (id INTEGER PRIMARY KEY);\nSELECT SLEEP(1.5);\n"
            "-- +goose Down\nDROP TABLE slow;\n");
  auto killer = std::async(std::launch::async, [&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    std::unique_ptr<gander::Connection> admin;
    REQUIRE(gander::OpenConnection("mysql", db.dsn(), &admin).ok());
    std::vector<gander::Row> rows;
    REQUIRE(admin->Query("SELECT id FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP%'", &rows).ok());
    if (rows.empty() || !rows[0][0]) return false;
    return admin->Exec("KILL " + *rows[0][0]).ok();
  });
  RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"-v", "up"}));
  CHECK(killer.get());
  // The CREATE TABLE had committed (MariaDB DDL): the dirty marker says so,
  // and the retry or a resume finishes the migration.
  if (r.exit_code != 0) {
    CHECK(Contains(RunGander(Args(Target(db, dir.Join("m")), {"status"})).out, "dirty"));
    RunResult resumed = RunGander(Args(Target(db, dir.Join("m")), {"resume"}));
    CHECK_MESSAGE(resumed.exit_code == 0, resumed.err);
  }
  db.Reconnect();
  CHECK(db.TrackingRows() == "0:1 1:1");
  CHECK(db.TableExists("slow"));
}
