// What differs between engines: dialect features, DSN forms, and MySQL's
// implicit DDL commits (a failed migration leaves a dirty state).
#include <doctest/doctest.h>

#include <cstdlib>

#include "integration/harness.h"

using namespace gander::test;

TEST_CASE("PostgreSQL: dollar-quoted functions and CREATE INDEX CONCURRENTLY in a NO TRANSACTION file") {
  if (!HasEngine("postgres")) return;
  ScratchDb db("postgres");
  TempDir dir;
  dir.CopyFixture("migrations/postgres_only", "m");
  RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"up"}));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  db.Query("INSERT INTO accounts (balance) VALUES (5)");
  CHECK(db.Query("SELECT add_funds(1, 7)")[0][0] == "7");
  CHECK(db.Query("SELECT balance FROM accounts WHERE id = 1")[0][0] == "12");
  CHECK(db.Query("SELECT indexname FROM pg_indexes WHERE indexname = 'accounts_balance_idx'").size() == 1);
  r = RunGander(Args(Target(db, dir.Join("m")), {"reset", "--yes"}));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK_FALSE(db.TableExists("accounts"));
  CHECK(db.Query("SELECT * FROM goose_db_version_dirty").empty());  // the NO TRANSACTION run finished clean
}

TEST_CASE("PostgreSQL: key=value DSNs and a search_path option") {
  if (!HasEngine("postgres")) return;
  ScratchDb db("postgres");
  db.conn().Exec("CREATE SCHEMA app").IgnoreError();
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  // postgres://user:pass@host:port/db?sslmode=disable -> key=value form
  std::string url = db.dsn();
  std::string rest = url.substr(url.find("://") + 3);
  std::string user = rest.substr(0, rest.find(':'));
  std::string pass = rest.substr(rest.find(':') + 1, rest.rfind('@') - rest.find(':') - 1);
  std::string hostport = rest.substr(rest.rfind('@') + 1, rest.find('/') - rest.rfind('@') - 1);
  std::string dbname = rest.substr(rest.find('/') + 1, rest.find('?') - rest.find('/') - 1);
  std::string kv = "host=" + hostport.substr(0, hostport.find(':')) + " port=" + hostport.substr(hostport.find(':') + 1) +
                   " user=" + user + " password='" + pass + "' dbname=" + dbname + " sslmode=disable";
  RunResult r = RunGander({"-dir", dir.Join("m"), "postgres", kv, "up-to", "1"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(db.TrackingRows() == "0:1 1:1");

  r = RunGander({"-dir", dir.Join("m"), "postgres", url + "&search_path=app", "up-to", "1"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(db.TrackingRows("app.goose_db_version") == "0:1 1:1");
}

TEST_CASE("MySQL: stored procedures and triggers with BEGIN...END via StatementBegin/End") {
  if (!HasEngine("mysql")) return;
  ScratchDb db("mysql");
  TempDir dir;
  dir.CopyFixture("migrations/mysql_only", "m");
  RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"up"}));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(db.Query("SELECT value FROM counters WHERE name = 'deploys'")[0][0] == "2");
  r = RunGander(Args(Target(db, dir.Join("m")), {"down"}));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK_FALSE(db.TableExists("counters"));
}

TEST_CASE("MySQL: goose's user:pass@tcp(host:port)/db form") {
  if (!HasEngine("mysql")) return;
  ScratchDb db("mysql");
  TempDir dir;
  dir.CopyFixture("migrations/basic", "m");
  std::string url = db.dsn();  // mysql://user:pass@host:port/db
  std::string rest = url.substr(url.find("://") + 3);
  size_t at = rest.rfind('@'), slash = rest.find('/', at);
  std::string goose_form = rest.substr(0, at) + "@tcp(" + rest.substr(at + 1, slash - at - 1) + ")" +
                           rest.substr(slash) + "?parseTime=true";
  RunResult r = RunGander({"-dir", dir.Join("m"), "mysql", goose_form, "up"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1 4:1 5:1");
}

TEST_CASE("MySQL: a migration failing after implicitly committed DDL is dirty; resume finishes it") {
  if (!HasEngine("mysql")) return;
  ScratchDb db("mysql");
  TempDir dir;
  dir.CopyFixture("migrations/fail_mid", "m");
  RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"up"}));
  CHECK(r.exit_code == 1);
  CHECK(db.TrackingRows() == "0:1 1:1");
  // Statement 1 (CREATE TABLE) was committed by MySQL itself.
  CHECK(db.TableExists("broken_first"));

  r = RunGander(Args(Target(db, dir.Join("m")), {"status"}));
  CHECK(Contains(r.out, "DIRTY"));
  CHECK(Contains(r.out, "1 of 3"));
  r = RunGander(Args(Target(db, dir.Join("m")), {"up"}));
  CHECK(r.exit_code == 3);
  CHECK(Contains(r.err, "resume"));

  // The operator fixes the cause (creates the missing table) and resumes.
  REQUIRE(db.conn().Exec("CREATE TABLE no_such_table (id INTEGER PRIMARY KEY)").ok());
  r = RunGander(Args(Target(db, dir.Join("m")), {"resume"}));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(Contains(r.out, "resumed at statement 2"));
  CHECK(db.TableExists("broken_third"));
  CHECK(db.TrackingRows() == "0:1 1:1 2:1");
  r = RunGander(Args(Target(db, dir.Join("m")), {"up"}));
  CHECK(r.exit_code == 0);
  CHECK(db.TrackingRows() == "0:1 1:1 2:1 3:1");
}

TEST_CASE("NO TRANSACTION: resume continues from the first statement not done") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/no_tx", "m");
    RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"up"}));
    CHECK(r.exit_code == 1);
    CHECK(db.TableExists("nt_a"));
    CHECK(db.TableExists("nt_b"));
    REQUIRE(db.conn().Exec("CREATE TABLE nt_missing (id INTEGER PRIMARY KEY)").ok());
    r = RunGander(Args(Target(db, dir.Join("m")), {"resume"}));
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(db.TableExists("nt_c"));
    CHECK(db.TrackingRows() == "0:1 1:1");
    r = RunGander(Args(Target(db, dir.Join("m")), {"status"}));
    CHECK_FALSE(Contains(r.out, "DIRTY"));
  }
}
