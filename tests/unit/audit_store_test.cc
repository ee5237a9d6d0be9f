// AuditStore's tables and SQL, run on a real SQLite database (no server needed).
#include "db/audit_store.h"

#include <doctest/doctest.h>

#include <memory>

using namespace gander;

TEST_CASE("history events and snapshots round-trip; the head follows them") {
  std::unique_ptr<Connection> conn;
  REQUIRE(OpenConnection("sqlite3", ":memory:", &conn).ok());
  AuditStore store(conn.get(), "goose_db_version");
  std::vector<AuditEvent> events;
  REQUIRE(store.ListEvents(&events).ok());  // no tables yet
  CHECK(events.empty());
  REQUIRE(store.EnsureTables().ok());
  REQUIRE(store.EnsureTables().ok());
  AuditHead head;
  REQUIRE(store.ReadHead(&head).ok());
  CHECK(head.next_event_id == 1);
  CHECK(head.next_seq == 1);
  CHECK(head.last_sha256.empty());

  AuditEvent e;
  e.id = 1;
  e.snapshot_seq = 1;
  e.version = 3;
  e.direction = "up";
  e.outcome = "applied";
  e.file = "00003_o'neil.sql";
  e.checksum = "abc";
  e.up_sha256 = "u";
  e.started_at = "2026-11-26T01:25:10.123Z";
  e.duration_ms = 12.5;
  e.statements = 2;
  e.command = "up";
  e.user = "ci";
  e.host = "runner";
  REQUIRE(store.AppendEvent(e).ok());
  e.id = 2;
  e.outcome = "failed";
  e.checksum.clear();
  REQUIRE(conn->Exec(store.EventSql(e)).ok());
  REQUIRE(store.ListEvents(&events).ok());
  REQUIRE(events.size() == 2);
  CHECK(events[0].file == "00003_o'neil.sql");
  CHECK(events[0].checksum == "abc");
  CHECK(events[0].duration_ms == doctest::Approx(12.5));
  CHECK(events[0].user == "ci");
  CHECK(events[1].outcome == "failed");
  CHECK(events[1].checksum.empty());  // NULL

  std::string body = "{\"database_id\":\"db-1\",\"big\":\"" + std::string(100000, 'x') + "\"}";
  REQUIRE(store.InsertSnapshot({1, "sha-1", body}, "2026-11-26T01:25:10Z").ok());
  REQUIRE(store.InsertSnapshot({2, "sha-2", "{}"}, "2026-11-26T01:25:11Z").ok());
  std::vector<StoredSnapshot> snapshots;
  REQUIRE(store.ListSnapshots(&snapshots).ok());
  REQUIRE(snapshots.size() == 2);
  CHECK(snapshots[0].body == body);
  CHECK(snapshots[1].sha256 == "sha-2");
  REQUIRE(store.ReadHead(&head).ok());
  CHECK(head.next_event_id == 3);
  CHECK(head.next_seq == 3);
  CHECK(head.last_sha256 == "sha-2");
  CHECK(head.database_id.empty());  // the newest snapshot has none
}

TEST_CASE("the head's database id comes from the newest snapshot; a body of the wrong shape is no id") {
  std::unique_ptr<Connection> conn;
  REQUIRE(OpenConnection("sqlite3", ":memory:", &conn).ok());
  AuditStore store(conn.get(), "t");
  REQUIRE(store.EnsureTables().ok());
  REQUIRE(store.InsertSnapshot({1, "s1", "{\"database_id\":\"db-1\"}"}, "x").ok());
  AuditHead head;
  REQUIRE(store.ReadHead(&head).ok());
  CHECK(head.database_id == "db-1");
  REQUIRE(store.InsertSnapshot({2, "s2", "{\"database_id\":42}"}, "x").ok());
  REQUIRE(store.ReadHead(&head).ok());
  CHECK(head.database_id.empty());
  REQUIRE(store.InsertSnapshot({3, "s3", "not json"}, "x").ok());
  REQUIRE(store.ReadHead(&head).ok());
  CHECK(head.last_sha256 == "s3");
}
