#include "app/migrator.h"

#include <doctest/doctest.h>

#include "app/mem_env.h"
#include "fake_connection.h"
#include "migration_parts.h"

using namespace gander;
using namespace gander::test;
using std::chrono::milliseconds;

namespace {

// A migrator over a fresh tracking table of `db`.
struct MigratorFixture {
  explicit MigratorFixture(FakeEngine engine = FakeEngine::kSqlite) : db(engine) {
    conn = db.Connect();
    store = std::make_unique<VersionStore>(conn.get(), "goose_db_version");
    REQUIRE(store->EnsureVersionTable().ok());
    db.ClearCalls();
  }
  Status Run(const MigrationPart& part, int first = 0, int64_t version = 1) {
    Migrator migrator(env, conn.get(), store.get());
    if (!folder.empty()) migrator.set_folder(folder);
    return migrator.Run(version, "00001_a.sql", Direction::kUp, part, first, &result);
  }
  std::optional<DirtyState> Dirty() {
    std::optional<DirtyState> dirty;
    REQUIRE(store->ReadDirty(&dirty).ok());
    return dirty;
  }
  FakeDatabase db;
  MemEnv env;
  std::unique_ptr<Connection> conn;
  std::unique_ptr<VersionStore> store;
  StepResult result;
  std::string folder;
};

// Three CREATE TABLE statements without a transaction, the third failing
// with "syntax error".
Status RunFailingThird(MigratorFixture& f) {
  f.db.FailWhen("CREATE TABLE c", Fault::kPermanent, 1, "syntax error");
  return f.Run(Part({"CREATE TABLE a (id INTEGER);", "CREATE TABLE b (id INTEGER);", "CREATE TABLE c (x);"}, false));
}

}  // namespace

TEST_CASE("an atomic step: statements, tracking row and COMMIT in one transaction, the last two in one round trip") {
  MigratorFixture f;
  REQUIRE(f.Run(Part({"CREATE TABLE a (id INTEGER);", "INSERT INTO a VALUES (1);"})).ok());
  CHECK(f.db.Texts() == std::vector<std::string>{
                            "BEGIN", "CREATE TABLE a (id INTEGER);", "INSERT INTO a VALUES (1);",
                            "INSERT INTO \"goose_db_version\" (version_id, is_applied) VALUES (1, true); COMMIT"});
  CHECK(f.db.TrackingRows() == "0:1 1:1");
  CHECK(f.result.statements_run == 2);
  CHECK_FALSE(f.result.left_dirty);
}

TEST_CASE("a failed statement is named as FOLDER/FILE:LINE, the line of its first line in the file") {
  MigratorFixture f;
  f.folder = "db/migrations";
  f.db.FailWhen("INSERT INTO a", Fault::kPermanent, 1, "UNIQUE constraint failed: a.id");
  Status st = f.Run(Part({"CREATE TABLE a (id INTEGER PRIMARY KEY);", "INSERT INTO a VALUES (1);"}));
  CHECK(st.file() == "db/migrations/00001_a.sql");
  CHECK(st.line() == 3);
  CHECK(st.ToString().rfind("db/migrations/00001_a.sql:3: migration 1 up failed at statement 2 of 2 (INSERT", 0) == 0);
}

TEST_CASE("an atomic step that fails is rolled back entirely; the error names version, statement, line and file") {
  MigratorFixture f;
  f.db.FailWhen("INSERT INTO a", Fault::kPermanent, 1, "UNIQUE constraint failed: a.id");
  Status st = f.Run(Part({"CREATE TABLE a (id INTEGER PRIMARY KEY);", "INSERT INTO a VALUES (1);\n-- more"}));
  CHECK(st.ToString() ==
        "00001_a.sql:3: migration 1 up failed at statement 2 of 2 (INSERT INTO a VALUES (1);): "
        "UNIQUE constraint failed: a.id");
  CHECK(f.db.Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'a'") == "0");
  CHECK(f.db.TrackingRows() == "0:1");
  CHECK(f.db.Texts().back() == "ROLLBACK");
  CHECK_FALSE(f.result.left_dirty);
}

TEST_CASE("a failed record-and-commit is rolled back and named as such") {
  MigratorFixture f;
  f.db.FailWhen("COMMIT", Fault::kPermanent, 1, "database is locked");
  Status st = f.Run(Part({"CREATE TABLE a (id INTEGER);"}));
  CHECK(st.ToString() == "00001_a.sql: migration 1: recording it in the tracking table and committing: "
                         "database is locked");
  CHECK(f.db.TrackingRows() == "0:1");
}

TEST_CASE("a NO TRANSACTION step: a dirty marker before each statement, cleared with the tracking row") {
  MigratorFixture f;
  REQUIRE(f.Run(Part({"CREATE TABLE a (id INTEGER);", "CREATE TABLE b (id INTEGER);"}, false)).ok());
  std::vector<std::string> texts = f.db.Texts();
  // marker (0, in flight), statement 1, marker (1, in flight), statement 2,
  // record + clear + COMMIT in one round trip (issue #21: no marker "done 0"
  // before a first statement whose own marker follows at once).
  CHECK(f.db.CountCalls("INSERT INTO \"goose_db_version_dirty\"") == 2);
  REQUIRE(texts.size() == 7);  // after the dirty table's check and creation (first use)
  CHECK(std::vector<std::string>(texts.end() - 2, texts.end()) ==
        std::vector<std::string>{"CREATE TABLE b (id INTEGER);",
                                 "BEGIN; INSERT INTO \"goose_db_version\" (version_id, is_applied) VALUES (1, true); "
                                 "DELETE FROM \"goose_db_version_dirty\"; COMMIT"});
  CHECK(f.db.TrackingRows() == "0:1 1:1");
  CHECK_FALSE(f.Dirty());
}

TEST_CASE("a NO TRANSACTION step that writes its own transactions: no marker inside them, each ends as written") {
  MigratorFixture f;
  // As a goose NO TRANSACTION file (or a paired file run as written) writes it;
  // statement 3 ends the first transaction and opens the second.
  REQUIRE(f.Run(Part({"BEGIN;", "CREATE TABLE a (id INTEGER);", "COMMIT; BEGIN;", "CREATE TABLE b (id INTEGER);",
                      "COMMIT;", "CREATE TABLE c (id INTEGER);"},
                     false))
              .ok());
  // Markers: before statement 1 (BEGIN) and before statement 6 only.
  CHECK(f.db.CountCalls("INSERT INTO \"goose_db_version_dirty\"") == 2);
  CHECK(f.db.TrackingRows() == "0:1 1:1");
  CHECK(f.db.Scalar("SELECT count(*) FROM sqlite_master WHERE name IN ('a', 'b', 'c')") == "3");
  CHECK_FALSE(f.Dirty());
}

TEST_CASE("a NO TRANSACTION step that fails after a statement took effect leaves a dirty marker") {
  MigratorFixture f;
  Status st = RunFailingThird(f);
  CHECK(st.message() == "migration 1 up failed at statement 3 of 3 (CREATE TABLE c (x);): syntax error");
  CHECK(f.result.left_dirty);
  CHECK(f.result.statements_run == 2);
  std::optional<DirtyState> dirty = f.Dirty();
  REQUIRE(dirty);
  CHECK(dirty->statements_done == 2);
  CHECK(dirty->statements_total == 3);
  CHECK_FALSE(dirty->in_flight);  // the failed statement did not take effect
  CHECK(dirty->error == st.ToString());
  CHECK(f.db.TrackingRows() == "0:1");
  CHECK(f.db.Scalar("SELECT count(*) FROM sqlite_master WHERE name IN ('a', 'b')") == "2");
}

TEST_CASE("a NO TRANSACTION step whose first statement fails is a clean failure: no marker is left") {
  MigratorFixture f;
  f.db.FailWhen("CREATE TABLE a", Fault::kPermanent);
  CHECK_FALSE(f.Run(Part({"CREATE TABLE a (id INTEGER);", "CREATE TABLE b (id INTEGER);"}, false)).ok());
  CHECK_FALSE(f.result.left_dirty);
  CHECK_FALSE(f.Dirty());
}

TEST_CASE("a failed dirty-marker write after a partial failure is reported with the statement's error") {
  MigratorFixture f;
  // Marker writes: before each of the 3 statements, then the failure's (the 4th).
  f.db.FailWhen("INSERT INTO \"goose_db_version_dirty\"", Fault::kPermanent, 4, "disk I/O error");
  Status st = RunFailingThird(f);
  CHECK(st.message() == "migration 1 up failed at statement 3 of 3 (CREATE TABLE c (x);): syntax error; "
                        "recording the failure in the dirty marker failed too: disk I/O error");
  CHECK(f.result.left_dirty);
  // The marker left says statement 3 may have run, which resume checks.
  std::optional<DirtyState> dirty = f.Dirty();
  REQUIRE(dirty);
  CHECK(dirty->statements_done == 2);
  CHECK(dirty->in_flight);
}

TEST_CASE("a dirty marker that cannot be cleared after a clean failure is reported; the step may still be retried") {
  MigratorFixture f;
  f.db.FailWhen("CREATE TABLE a", Fault::kTransient, 1, "deadlock detected");
  // The 2nd text starting so: after statement 1's marker write, the clearing.
  f.db.FailWhen("DELETE FROM \"goose_db_version_dirty\"", Fault::kPermanent, 2, "disk I/O error");
  Status st = f.Run(Part({"CREATE TABLE a (id INTEGER);", "CREATE TABLE b (id INTEGER);"}, false));
  CHECK(st.message() == "migration 1 up failed at statement 1 of 2 (CREATE TABLE a (id INTEGER);): "
                        "deadlock detected; clearing the dirty marker failed too: disk I/O error");
  CHECK(st.transient());
  CHECK_FALSE(f.result.left_dirty);
  CHECK(f.Dirty());
}

TEST_CASE("a resumed step starts at its first statement not done, tracked even when transactional") {
  MigratorFixture f;
  REQUIRE(f.store->WriteDirty({1, Direction::kUp, 1, 2, false, "00001_a.sql", "", ""}).ok());
  REQUIRE(f.db.Exec("CREATE TABLE a (id INTEGER)").ok());
  REQUIRE(f.Run(Part({"CREATE TABLE a (id INTEGER);", "CREATE TABLE b (id INTEGER);"}), 1).ok());
  CHECK(f.db.CountCalls("CREATE TABLE a") == 0);
  CHECK(f.db.CountCalls("CREATE TABLE b") == 1);
  CHECK(f.result.statements_run == 1);
  CHECK(f.db.TrackingRows() == "0:1 1:1");
  CHECK_FALSE(f.Dirty());
}

TEST_CASE("MySQL-like engine: before each DDL the marker commits the statements done, with in_flight set") {
  MigratorFixture f(FakeEngine::kMysqlLike);
  f.db.FailWhen("CREATE TABLE c", Fault::kPermanent, 1, "Table 'c' already exists");
  Status st = f.Run(Part({"CREATE TABLE a (id INTEGER);", "INSERT INTO a VALUES (1);", "CREATE TABLE c (id INTEGER);"}));
  CHECK_FALSE(st.ok());
  CHECK(f.result.left_dirty);
  std::optional<DirtyState> dirty = f.Dirty();
  REQUIRE(dirty);
  CHECK(dirty->statements_done == 2);  // the INSERT was committed with the marker before statement 3
  CHECK(f.db.Scalar("SELECT count(*) FROM a") == "1");
  CHECK(f.db.TrackingRows() == "0:1");
}

TEST_CASE("MySQL-like engine: one round trip per marker, a transaction only around statements that need one") {
  MigratorFixture f(FakeEngine::kMysqlLike);
  REQUIRE(f.Run(Part({"CREATE TABLE a (id INTEGER);", "INSERT INTO a VALUES (1);", "CREATE TABLE b (id INTEGER);",
                      "CREATE TABLE c (id INTEGER);"}))
              .ok());
  auto marker = [](int done) {
    return "DELETE FROM \"goose_db_version_dirty\"; INSERT INTO \"goose_db_version_dirty\" (version_id, direction, "
           "statements_done, statements_total, in_flight, file, error, started_at) VALUES (1, 'up', " +
           std::to_string(done) + ", 4, 1, '00001_a.sql', NULL, datetime('now'))";
  };
  // Issue #21: per DDL one marker write (in flight) and the DDL; the INSERT's
  // transaction commits with the marker of the DDL after it; the record, the
  // marker's deletion and the COMMIT in one round trip. No marker "done 0",
  // no START TRANSACTION after a DDL that a DDL follows.
  std::vector<std::string> texts = f.db.Texts();
  REQUIRE(texts.size() > 2);  // the dirty table's check and creation (first use), then the step
  CHECK(std::vector<std::string>(texts.begin() + 2, texts.end()) == std::vector<std::string>{
                            "BEGIN; " + marker(0) + "; COMMIT", "CREATE TABLE a (id INTEGER);", "BEGIN",
                            "INSERT INTO a VALUES (1);", marker(2) + "; COMMIT", "CREATE TABLE b (id INTEGER);",
                            "BEGIN; " + marker(3) + "; COMMIT", "CREATE TABLE c (id INTEGER);",
                            "BEGIN; INSERT INTO \"goose_db_version\" (version_id, is_applied) VALUES (1, true); "
                            "DELETE FROM \"goose_db_version_dirty\"; COMMIT"});
  CHECK(f.db.TrackingRows() == "0:1 1:1");
  CHECK_FALSE(f.Dirty());
}

TEST_CASE("MySQL-like engine: DML before the first DDL runs in a transaction after a marker none in flight") {
  MigratorFixture f(FakeEngine::kMysqlLike);
  REQUIRE(f.Run(Part({"INSERT INTO goose_db_version (version_id, is_applied) VALUES (7, 1);",
                      "CREATE TABLE a (id INTEGER);", "INSERT INTO a VALUES (1);"}))
              .ok());
  std::vector<std::string> texts = f.db.Texts();
  REQUIRE(texts.size() == 10);  // the dirty table's check and creation (first use), then the step
  CHECK(texts[2].find("VALUES (1, 'up', 0, 3, 0,") != std::string::npos);  // running, none in flight
  CHECK(texts[3] == "BEGIN");
  CHECK(texts[5].find("VALUES (1, 'up', 1, 3, 1,") != std::string::npos);  // commits statement 1 with it
  CHECK(texts[5].find("; COMMIT") != std::string::npos);
  CHECK(texts[7] == "BEGIN");  // the last INSERT commits with the record
  CHECK(texts[9] == "INSERT INTO \"goose_db_version\" (version_id, is_applied) VALUES (1, true); "
                    "DELETE FROM \"goose_db_version_dirty\"; COMMIT");
  CHECK(f.db.Scalar("SELECT count(*) FROM a") == "1");
  CHECK_FALSE(f.Dirty());
}

TEST_CASE("MySQL-like engine: a transactional step with DDL succeeds and leaves no marker") {
  MigratorFixture f(FakeEngine::kMysqlLike);
  REQUIRE(f.Run(Part({"CREATE TABLE a (id INTEGER);", "INSERT INTO a VALUES (1);"})).ok());
  CHECK(f.db.TrackingRows() == "0:1 1:1");
  CHECK_FALSE(f.Dirty());
  CHECK(f.db.Scalar("SELECT count(*) FROM a") == "1");
}

TEST_CASE("the record hook's SQL commits with the tracking row, given the step's time so far") {
  MigratorFixture f;
  REQUIRE(f.db.Exec("CREATE TABLE events (v INTEGER, statements INTEGER)").ok());
  Migrator migrator(f.env, f.conn.get(), f.store.get());
  migrator.set_record_hook([](const StepResult& r) {
    return "INSERT INTO events VALUES (" + std::to_string(r.version) + ", " + std::to_string(r.statements_run) + ")";
  });
  REQUIRE(migrator.Run(3, "00003_c.sql", Direction::kUp, Part({"SELECT 1;"}), 0, &f.result).ok());
  CHECK(f.db.Texts().back() == "INSERT INTO \"goose_db_version\" (version_id, is_applied) VALUES (3, true); "
                               "INSERT INTO events VALUES (3, 1); COMMIT");
  CHECK(f.db.Scalar("SELECT v || ':' || statements FROM events") == "3:1");
}

TEST_CASE("without a store (-no-versioning) nothing is recorded") {
  MigratorFixture f;
  Migrator migrator(f.env, f.conn.get(), nullptr);
  REQUIRE(migrator.Run(1, "00001_a.sql", Direction::kUp, Part({"CREATE TABLE a (id INTEGER);"}), 0, &f.result).ok());
  CHECK(f.db.Texts() == std::vector<std::string>{"BEGIN", "CREATE TABLE a (id INTEGER);", "COMMIT"});
  CHECK(f.db.TrackingRows() == "0:1");
}

namespace {

// Each look at the steady clock moves it on: statements "take" time.
class TickingEnv : public MemEnv {
 public:
  explicit TickingEnv(milliseconds tick) : tick_(tick) {}
  std::chrono::steady_clock::time_point SteadyNow() override {
    Advance(tick_);
    return MemEnv::SteadyNow();
  }

 private:
  milliseconds tick_;
};

}  // namespace

TEST_CASE("--migration-timeout: each statement gets what is left, then the migration runs out of time") {
  MigratorFixture f;
  TickingEnv env(milliseconds(300));
  Migrator migrator(env, f.conn.get(), f.store.get());
  migrator.set_timeouts(milliseconds(1000), milliseconds(0));
  Status st = migrator.Run(1, "00001_a.sql", Direction::kUp,
                           Part({"SELECT 1;", "SELECT 2;", "SELECT 3;", "SELECT 4;"}), 0, &f.result);
  // 300 ms pass before each statement starts: 700, 400, then 100 ms are
  // left for it; none for the fourth, which is not sent.
  CHECK(st.message() == "migration 1 up failed at statement 4 of 4 (SELECT 4;): "
                        "the migration ran out of time (--migration-timeout 1.000s)");
  CHECK(f.db.CountCalls("SET STATEMENT TIMEOUT 700") == 1);
  CHECK(f.db.CountCalls("SET STATEMENT TIMEOUT 400") == 1);
  CHECK(f.db.CountCalls("SET STATEMENT TIMEOUT 100") == 1);
  CHECK(f.db.CountCalls("SET STATEMENT TIMEOUT 0") == 3);  // after each, the usual limit again
  CHECK(f.db.CountCalls("SELECT 4") == 0);
  CHECK(f.db.TrackingRows() == "0:1");
}

// Issue #17 item 5: a stop signal (Env::StopSignal) is honoured between statements.
TEST_CASE("a stop signal during an atomic step: the statement completes, the transaction is rolled back") {
  MigratorFixture f;
  f.env.RequestStop(15);
  Status st = f.Run(Part({"CREATE TABLE a (id INTEGER);", "CREATE TABLE b (id INTEGER);"}));
  CHECK(st.ToString() == "00001_a.sql: migration 1 up stopped by SIGTERM after statement 1 of 2: its transaction was "
                         "rolled back, nothing of it was applied");
  CHECK(f.db.Texts().back() == "ROLLBACK");
  CHECK(f.db.CountCalls("CREATE TABLE b") == 0);
  CHECK(f.db.TrackingRows() == "0:1");
  CHECK(f.db.Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'a'") == "0");
  CHECK_FALSE(f.result.left_dirty);
}

TEST_CASE("a stop signal during a NO TRANSACTION step: dirty with the completed statements, none in flight") {
  MigratorFixture f;
  f.env.RequestStop(2, 1);  // SIGINT, during statement 2
  Status st = f.Run(Part({"CREATE TABLE a (id INTEGER);", "CREATE TABLE b (id INTEGER);", "CREATE TABLE c (id INTEGER);"},
                         false));
  CHECK(st.message().find("migration 1 up stopped by SIGINT after statement 2 of 3: it is dirty with 2 statement(s) "
                          "done and none in flight") != std::string::npos);
  CHECK(f.db.CountCalls("CREATE TABLE c") == 0);
  std::optional<DirtyState> dirty = f.Dirty();
  REQUIRE(dirty);
  CHECK(dirty->statements_done == 2);
  CHECK_FALSE(dirty->in_flight);
  CHECK(dirty->error.find("SIGINT") != std::string::npos);
  CHECK(f.result.left_dirty);
}

TEST_CASE("MySQL-like: a stop signal before any DDL committed rolls back and leaves no marker") {
  MigratorFixture f(FakeEngine::kMysqlLike);
  f.env.RequestStop(15);
  Status st = f.Run(Part({"INSERT INTO goose_db_version (version_id, is_applied) VALUES (9, 1);", "CREATE TABLE a (id INTEGER);"}));
  CHECK(st.message().find("stopped by SIGTERM after statement 1 of 2: its transaction was rolled back") !=
        std::string::npos);
  CHECK_FALSE(f.Dirty());
  CHECK(f.db.TrackingRows() == "0:1");
  CHECK_FALSE(f.result.left_dirty);
}
