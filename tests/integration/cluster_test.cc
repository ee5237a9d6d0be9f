// Replicated and distributed engines, for real on loopback: a 3-node MariaDB
// Galera cluster (tests/with-galera.sh) and a PostgreSQL primary with a
// streaming replica (tests/with-pg-replica.sh); plus a read-only MariaDB.
#include <chrono>
#include <sstream>
#include <thread>

#include <doctest/doctest.h>

#include "integration/harness.h"

using namespace gander;
using namespace gander::test;

namespace {

std::vector<std::string> Split(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

std::unique_ptr<Connection> Open(const std::string& driver, const std::string& dsn) {
  std::unique_ptr<Connection> conn;
  Status st = OpenConnection(driver, dsn, &conn);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  return conn;
}

std::string Cell(Connection& conn, const std::string& sql) {
  std::vector<Row> rows;
  Status st = conn.Query(sql, &rows);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  return rows.empty() ? "" : CellText(rows[0], 0);
}

// Migrations whose second one takes a while, so that two runners overlap.
void WriteSlowMigrations(const TempDir& dir, const std::string& sleep_statement) {
  dir.Write("m/001_a.sql", "-- +goose Up\nCREATE TABLE cl_a (id INT PRIMARY KEY);\n-- +goose Down\nDROP TABLE cl_a;\n");
  dir.Write("m/002_b.sql", "-- +goose Up\nCREATE TABLE cl_b (id INT PRIMARY KEY);\n" + sleep_statement +
                               "\n-- +goose Down\nDROP TABLE cl_b;\n");
  dir.Write("m/003_c.sql", "-- +goose Up\nINSERT INTO cl_a VALUES (1);\n-- +goose Down\nDELETE FROM cl_a;\n");
}

}  // namespace

TEST_CASE("Galera: runners on two nodes exclude each other, DDL replicates, every node agrees") {
  const char* dsns = ServerDsn("GANDER_TEST_GALERA_DSNS", "tests/with-galera.sh");
  if (dsns == nullptr) return;
  std::vector<std::string> nodes = Split(dsns);
  REQUIRE(nodes.size() == 3);
  std::string db = UniqueName();
  auto admin = Open("mysql", nodes[0]);
  REQUIRE(admin->Exec("CREATE DATABASE " + db).ok());
  std::vector<std::string> node_dsn;
  for (const std::string& n : nodes) node_dsn.push_back(WithDatabase(n, db));
  TempDir dir;
  WriteSlowMigrations(dir, "SELECT SLEEP(1.5);");
  auto gander_on = [&](int node, std::vector<std::string> args) {
    return Args({"--dir", dir.Join("m"), "mysql", node_dsn[node]}, args);
  };

  // GET_LOCK is per node on Galera: without the lease row both would run.
  GanderProcess first(gander_on(0, {"up"}));
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  RunResult second = RunGander(gander_on(1, {"--lock-timeout", "0", "up"}));
  CHECK(second.exit_code == 4);
  CHECK(Contains(second.err, "a row of gander_lock: on a Galera cluster GET_LOCK is per node"));
  CHECK(Contains(second.err, "is held by"));
  RunResult waited = RunGander(gander_on(2, {"--lock-timeout", "30", "up"}));  // waits, then finds nothing to do
  CHECK_MESSAGE(waited.exit_code == 0, waited.err);
  RunResult firsts = first.Wait();
  CHECK_MESSAGE(firsts.exit_code == 0, firsts.err);

  // Every node has the tables and the same tracking rows; status agrees.
  std::string expected;
  for (int node = 0; node < 3; ++node) {
    CAPTURE(node);
    auto conn = Open("mysql", node_dsn[node]);
    REQUIRE(conn->Exec("SET SESSION wsrep_sync_wait = 1").ok());
    CHECK(Cell(*conn, "SELECT COUNT(*) FROM cl_a") == "1");
    std::string rows = Cell(*conn, "SELECT GROUP_CONCAT(version_id ORDER BY id) FROM goose_db_version");
    CHECK(rows == "0,1,2,3");
    RunResult status = RunGander(gander_on(node, {"status"}));
    CHECK(status.exit_code == 0);
    std::string text = status.out;
    if (node == 0) expected = text;
    CHECK(text == expected);
    CHECK(Contains(text, "002_b.sql"));
  }

  // A runner killed while holding the lock: its lease runs out and the next
  // runner on another node takes over, then resumes what it left.
  std::map<std::string, std::string> short_lease = {{"GANDER_LOCK_LEASE_SECONDS", "3"}};
  RunResult down = RunGander(gander_on(0, {"--yes", "down-to", "1"}));
  REQUIRE_MESSAGE(down.exit_code == 0, down.err);
  GanderProcess killed(gander_on(0, {"up"}), short_lease);
  std::this_thread::sleep_for(std::chrono::milliseconds(800));  // inside 002's SLEEP
  killed.Kill();
  killed.Wait();
  auto start = std::chrono::steady_clock::now();
  RunResult after = RunGander(gander_on(1, {"--lock-timeout", "30", "up"}), short_lease);
  double waited_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(waited_s >= 1.0);  // it had to wait for the lease
  CHECK(waited_s < 25);
  if (after.exit_code == 3) {  // 002 was cut between its statements: dirty, as on one server
    CHECK(Contains(after.err, "resume"));
    after = RunGander(gander_on(1, {"--lock-timeout", "30", "resume"}), short_lease);
    CHECK_MESSAGE(after.exit_code == 0, after.err);
    after = RunGander(gander_on(1, {"up"}), short_lease);
  }
  CHECK_MESSAGE(after.exit_code == 0, after.err);
  auto conn = Open("mysql", node_dsn[2]);
  REQUIRE(conn->Exec("SET SESSION wsrep_sync_wait = 1").ok());
  CHECK(Cell(*conn, "SELECT MAX(version_id) FROM goose_db_version") == "3");
  CHECK(Cell(*conn, "SELECT COUNT(*) FROM gander_lock") == "0");
  admin->Exec("DROP DATABASE " + db).IgnoreError();
}

TEST_CASE("PostgreSQL replica: it converges with its primary, and gander refuses to migrate it") {
  const char* primary = ServerDsn("GANDER_TEST_PG_PRIMARY_DSN", "tests/with-pg-replica.sh");
  const char* replica = ServerDsn("GANDER_TEST_PG_REPLICA_DSN", "tests/with-pg-replica.sh");
  if (primary == nullptr || replica == nullptr) return;
  std::string db = UniqueName();
  auto admin = Open("postgres", primary);
  REQUIRE(admin->Exec("CREATE DATABASE " + db).ok());
  std::string on_primary = WithDatabase(primary, db), on_replica = WithDatabase(replica, db);
  TempDir dir;
  WriteSlowMigrations(dir, "");
  RunResult r = RunGander({"--dir", dir.Join("m"), "postgres", on_primary, "up"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);

  // Wait until the replica has replayed everything the primary wrote.
  std::string lsn = Cell(*admin, "SELECT pg_current_wal_lsn()::text");
  auto standby = Open("postgres", replica);
  bool caught_up = false;
  for (int i = 0; i < 200 && !caught_up; ++i) {
    caught_up = Cell(*standby, "SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn") == "1";
    if (!caught_up) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(caught_up);
  r = RunGander({"postgres", on_primary, "compare", on_replica});
  CHECK_MESSAGE(r.exit_code == 0, r.out << r.err);

  // Migrating the replica is refused with the reason; nothing changes.
  TempDir more;
  WriteSlowMigrations(more, "");
  more.Write("m/004_d.sql", "-- +goose Up\nCREATE TABLE cl_d (id INT);\n-- +goose Down\nDROP TABLE cl_d;\n");
  r = RunGander({"--dir", more.Join("m"), "postgres", on_replica, "up"});
  CHECK(r.exit_code == 3);
  CHECK(Contains(r.err, "refusing to change a read-only server: it is a standby in recovery"));
  CHECK(Contains(r.err, "run gander against the primary"));
  r = RunGander({"--dir", more.Join("m"), "postgres", on_replica, "status"});  // reading is fine
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.out, "Pending"));
  admin->Exec("DROP DATABASE " + db + " WITH (FORCE)").IgnoreError();
}

TEST_CASE("a MariaDB server with read_only on is refused before anything is written") {
  const char* admin_dsn = ServerDsn("GANDER_TEST_MYSQL_DSN", "tests/with-servers.sh");
  if (admin_dsn == nullptr) return;
  ScratchDb db("mysql");
  TempDir dir;
  dir.CopyFixture("fleet", "m");
  auto admin = Open("mysql", admin_dsn);
  REQUIRE(admin->Exec("SET GLOBAL read_only = ON").ok());
  RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"up"}));
  REQUIRE(admin->Exec("SET GLOBAL read_only = OFF").ok());
  CHECK(r.exit_code == 3);
  CHECK(Contains(r.err, "refusing to change a read-only server: its read_only variable is ON"));
  CHECK_FALSE(db.TableExists("goose_db_version"));
}
