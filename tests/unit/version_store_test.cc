// VersionStore's SQL, run on a real SQLite database (no server needed).
#include "db/version_store.h"

#include <doctest/doctest.h>

#include <memory>

#include "fake_connection.h"

using namespace gander;
using namespace gander::test;

namespace {

std::unique_ptr<Connection> Memory() {
  std::unique_ptr<Connection> conn;
  REQUIRE(OpenConnection("sqlite3", ":memory:", &conn).ok());
  return conn;
}

std::string Rows(Connection& conn, const std::string& sql) {
  std::vector<Row> rows;
  REQUIRE(conn.Query(sql, &rows).ok());
  std::string out;
  for (const Row& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + row[i].value_or("NULL");
    out += ";";
  }
  return out;
}

}  // namespace

TEST_CASE("the tracking table is created as goose does, with its version-0 row, once") {
  auto conn = Memory();
  VersionStore store(conn.get(), "goose_db_version");
  std::vector<TrackingRow> rows;
  REQUIRE(store.ListRows(&rows).ok());
  CHECK(rows.empty());  // no table yet: no rows, no error
  REQUIRE(store.EnsureVersionTable().ok());
  REQUIRE(store.EnsureVersionTable().ok());
  CHECK(Rows(*conn, "SELECT version_id, is_applied FROM goose_db_version") == "0,1;");
  CHECK(Rows(*conn, "SELECT sql FROM sqlite_master WHERE name = 'goose_db_version'") ==
        conn->dialect().CreateVersionTable("goose_db_version") + ";");
}

TEST_CASE("recording up and down; a rollback deletes from the version's first row on") {
  auto conn = Memory();
  VersionStore store(conn.get(), "goose_db_version");
  REQUIRE(store.EnsureVersionTable().ok());
  CHECK(store.RecordSql(Direction::kUp, 7) ==
        "INSERT INTO \"goose_db_version\" (version_id, is_applied) VALUES (7, true)");
  REQUIRE(conn->Exec(store.RecordSql(Direction::kUp, 7)).ok());
  REQUIRE(conn->Exec(store.RecordSql(Direction::kUp, 8)).ok());
  std::vector<TrackingRow> rows;
  REQUIRE(store.ListRows(&rows).ok());
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].version == 7);
  CHECK(rows[1].applied);
  CHECK(rows[1].tstamp.size() == 19);
  // After ListRows the store knows version 7's first row id (2).
  CHECK(store.RecordSql(Direction::kDown, 7) == "DELETE FROM \"goose_db_version\" WHERE id >= 2 AND version_id = 7");
  CHECK(store.RecordSql(Direction::kDown, 99) == "DELETE FROM \"goose_db_version\" WHERE version_id = 99");
  REQUIRE(conn->Exec(store.RecordSql(Direction::kDown, 7)).ok());
  CHECK(Rows(*conn, "SELECT version_id FROM goose_db_version ORDER BY id") == "0;8;");
}

TEST_CASE("a NULL in the tracking table is an error naming the table") {
  auto conn = Memory();
  REQUIRE(conn->Exec("CREATE TABLE goose_db_version (id INTEGER, version_id INTEGER, is_applied INTEGER, tstamp TEXT);"
                     "INSERT INTO goose_db_version VALUES (1, NULL, 1, NULL)")
              .ok());
  VersionStore store(conn.get(), "goose_db_version");
  std::vector<TrackingRow> rows;
  Status st = store.ListRows(&rows);
  CHECK(st.message() == "tracking table goose_db_version has a row with NULL id, version_id or is_applied");
}

TEST_CASE("the dirty marker: written, replaced, read back and cleared") {
  auto conn = Memory();
  VersionStore store(conn.get(), "goose_db_version");
  std::optional<DirtyState> dirty;
  REQUIRE(store.ReadDirty(&dirty).ok());
  CHECK_FALSE(dirty);
  DirtyState s{5, Direction::kDown, 2, 4, true, "00005_x.sql", "", ""};
  REQUIRE(store.WriteDirty(s).ok());
  s.statements_done = 3;
  s.in_flight = false;
  s.error = "it's broken";
  REQUIRE(store.WriteDirty(s).ok());
  REQUIRE(store.ReadDirty(&dirty).ok());
  REQUIRE(dirty);
  CHECK(dirty->version == 5);
  CHECK(dirty->direction == Direction::kDown);
  CHECK(dirty->statements_done == 3);
  CHECK(dirty->statements_total == 4);
  CHECK_FALSE(dirty->in_flight);
  CHECK(dirty->file == "00005_x.sql");
  CHECK(dirty->error == "it's broken");
  CHECK(dirty->started_at.size() == 19);
  CHECK(Rows(*conn, "SELECT COUNT(*) FROM goose_db_version_dirty") == "1;");
  REQUIRE(store.ClearDirty().ok());
  REQUIRE(store.ReadDirty(&dirty).ok());
  CHECK_FALSE(dirty);
  CHECK(store.ClearDirtySql() == "DELETE FROM \"goose_db_version_dirty\"");
}

// Issue #17 item 4: the marker was replaced by a DELETE and an INSERT that
// committed apart, so a kill between them left statements applied and no
// marker. Here the INSERT fails after the DELETE ran: the old marker stays.
TEST_CASE("the dirty marker is replaced atomically: a failed write leaves the old one") {
  auto conn = Memory();
  VersionStore store(conn.get(), "goose_db_version");
  REQUIRE(store.WriteDirty({5, Direction::kUp, 2, 4, true, "00005_x.sql", "", ""}).ok());
  REQUIRE(conn->Exec("CREATE TRIGGER refuse BEFORE INSERT ON goose_db_version_dirty "
                     "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END").ok());
  Status st = store.WriteDirty({5, Direction::kUp, 3, 4, true, "00005_x.sql", "", ""});
  CHECK(st.message().find("disk I/O error") != std::string::npos);
  CHECK(Rows(*conn, "SELECT statements_done, in_flight FROM goose_db_version_dirty") == "2,1;");
  // And the connection is usable afterwards: no transaction left open.
  REQUIRE(conn->Exec("DROP TRIGGER refuse").ok());
  REQUIRE(store.WriteDirty({5, Direction::kUp, 3, 4, false, "00005_x.sql", "", ""}).ok());
  CHECK(Rows(*conn, "SELECT statements_done, in_flight FROM goose_db_version_dirty") == "3,0;");
}

TEST_CASE("checksums come from each version's latest applying event") {
  auto conn = Memory();
  VersionStore store(conn.get(), "goose_db_version");
  std::map<int64_t, PartChecksums> sums;
  REQUIRE(store.ReadChecksums(&sums).ok());  // no history table yet
  CHECK(sums.empty());
  REQUIRE(conn->Exec("CREATE TABLE goose_db_version_history (id INTEGER, version_id INTEGER, outcome TEXT, "
                     "up_sha256 TEXT, down_sha256 TEXT);"
                     "INSERT INTO goose_db_version_history VALUES (1, 1, 'applied', 'u1', 'd1');"
                     "INSERT INTO goose_db_version_history VALUES (2, 1, 'checksum_repaired', 'u1b', NULL);"
                     "INSERT INTO goose_db_version_history VALUES (3, 1, 'rolled_back', NULL, NULL);"
                     "INSERT INTO goose_db_version_history VALUES (4, 2, 'applied', 'u2', '');")
              .ok());
  REQUIRE(store.ReadChecksums(&sums).ok());
  CHECK(sums.size() == 2);
  CHECK(sums[1].up == "u1b");
  CHECK(sums[1].down.empty());
  CHECK(sums[2].up == "u2");
}

TEST_CASE("the tracking table is made in one transaction: a failure half-way leaves none, and says what it did") {
  FakeDatabase db;
  std::unique_ptr<Connection> conn = db.Connect();
  VersionStore store(conn.get(), "goose_db_version");
  db.FailWhen("INSERT INTO", Fault::kPermanent, 1, "disk I/O error");
  Status st = store.EnsureVersionTable();
  CHECK(st.message() == "creating tracking table goose_db_version: disk I/O error");
  CHECK(db.Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'goose_db_version'") == "0");
  CHECK(db.CountCalls("BEGIN") == 1);
  CHECK(db.CountCalls("ROLLBACK") == 1);
}

TEST_CASE("migration 0 of a paired folder: recorded as a second version-0 row, rolled back without goose's own") {
  auto conn = Memory();
  VersionStore store(conn.get(), "goose_db_version");
  REQUIRE(store.EnsureVersionTable().ok());
  REQUIRE(conn->Exec(store.RecordSql(Direction::kUp, 0)).ok());
  REQUIRE(conn->Exec(store.RecordSql(Direction::kUp, 1)).ok());
  std::vector<TrackingRow> rows;
  REQUIRE(store.ListRows(&rows).ok());
  CHECK(SummarizeRows(rows).IsApplied(0));
  REQUIRE(conn->Exec(store.RecordSql(Direction::kDown, 0)).ok());
  CHECK(Rows(*conn, "SELECT id, version_id FROM goose_db_version ORDER BY id") == "1,0;3,1;");
  REQUIRE(store.ListRows(&rows).ok());
  CHECK_FALSE(SummarizeRows(rows).IsApplied(0));
  // Rolling back again leaves goose's row alone.
  REQUIRE(conn->Exec(store.RecordSql(Direction::kDown, 0)).ok());
  CHECK(Rows(*conn, "SELECT id, version_id FROM goose_db_version ORDER BY id") == "1,0;3,1;");
}
