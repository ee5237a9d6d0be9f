#include "core/audit_history.h"

#include <doctest/doctest.h>

#include "core/checksum.h"

using namespace gander;

namespace {

AuditEvent Event(int64_t id, int64_t seq, int64_t version, const std::string& outcome = "applied") {
  AuditEvent e;
  e.id = id;
  e.snapshot_seq = seq;
  e.version = version;
  e.direction = outcome == "rolled_back" ? "down" : "up";
  e.outcome = outcome;
  e.file = "0000" + std::to_string(version) + "_m.sql";
  e.started_at = "2026-11-26T00:00:00.000Z";
  e.duration_ms = 1.25;
  e.command = "up";
  e.user = "alice";
  e.host = "ci";
  return e;
}

// Events chained as the recorder chains them, and one snapshot per seq
// listing what was applied after it, with the history's head.
struct Trail {
  AuditTrail t;
  void AddEvents(std::vector<AuditEvent> events) {
    for (AuditEvent& e : events) {
      e.row_sha256 = HistoryRowHash(t.events.empty() ? "" : t.events.back().row_sha256, e);
      t.events.push_back(e);
    }
  }
  void AddSnapshot(std::vector<int64_t> applied) {
    int64_t seq = static_cast<int64_t>(t.snapshots.size()) + 1;
    nlohmann::json s = {{"format", kSnapshotFormat}, {"seq", seq}, {"database_id", "db1"},
                        {"previous_sha256", t.snapshots.empty() ? nlohmann::json() : nlohmann::json(t.snapshots.back().sha256)},
                        {"command", "up"}, {"started_at", "2026-11-26T00:00:0" + std::to_string(seq) + ".000Z"},
                        {"finished_at", "2026-11-26T00:00:0" + std::to_string(seq) + ".500Z"},
                        {"version_after", applied.empty() ? 0 : applied.back()}, {"applied", applied},
                        {"migrations", nlohmann::json::array()}, {"schema", {{"fingerprint", "fp"}}}};
    if (!t.events.empty()) s["history_head"] = {{"id", t.events.back().id}, {"sha256", t.events.back().row_sha256}};
    std::string bytes = SerializeSnapshot(s);
    t.snapshots.push_back({seq, Sha256Hex(bytes), bytes});
    t.files.push_back({*SnapshotFileNameOf(bytes), bytes});
    t.tracking_applied = applied;
  }
  std::string Findings() const {
    std::string all;
    for (const AuditFinding& f : VerifyTrail(t)) all += (f.interrupted ? "I " : "T ") + f.message + "\n";
    return all;
  }
};

Trail ThreeCommands() {
  Trail trail;
  trail.t.history_table = "h";
  trail.t.tracking_table = "t";
  trail.t.live_fingerprint = "fp";
  trail.AddEvents({Event(1, 1, 1), Event(2, 1, 2)});
  trail.AddSnapshot({1, 2});
  trail.AddEvents({Event(3, 2, 3)});
  trail.AddSnapshot({1, 2, 3});
  trail.AddEvents({Event(4, 3, 3, "rolled_back")});
  trail.AddSnapshot({1, 2});
  return trail;
}

}  // namespace

TEST_CASE("the history hash covers every stored field and the row before") {
  AuditEvent e = Event(1, 1, 1);
  std::string h = HistoryRowHash("", e);
  CHECK(h.size() == 64);
  CHECK(HistoryRowHash("x", e) != h);
  for (auto edit : std::vector<void (*)(AuditEvent&)>{
           [](AuditEvent& a) { a.id = 2; }, [](AuditEvent& a) { a.outcome = "failed"; },
           [](AuditEvent& a) { a.user = "mallory"; }, [](AuditEvent& a) { a.duration_ms = 1.251; },
           [](AuditEvent& a) { a.started_at[3] = '5'; }, [](AuditEvent& a) { a.up_sha256 = "u"; }}) {
    AuditEvent changed = e;
    edit(changed);
    CHECK(HistoryRowHash("", changed) != h);
  }
  // Fields never run into each other.
  AuditEvent a = e, b = e;
  a.user = "al";
  a.host = "iceci";
  b.user = "alice";
  b.host = "ci";
  CHECK(HistoryRowHash("", a) != HistoryRowHash("", b));
  // The duration as stored: whole microseconds, read back as ms / 1000.
  AuditEvent read = e;
  read.duration_ms = static_cast<double>(StoredDurationMicros(e)) / 1000.0;
  CHECK(HistoryRowHash("", read) == h);
}

TEST_CASE("an intact trail has no findings; each tampering is named") {
  CHECK(ThreeCommands().Findings().empty());
  SUBCASE("a row edited") {
    Trail t = ThreeCommands();
    t.t.events[1].user = "mallory";
    CHECK(t.Findings() == "T history row 2 of h was edited, inserted or moved outside gander: its content no longer "
                          "matches its chain hash\n");
  }
  SUBCASE("a middle row deleted") {
    Trail t = ThreeCommands();
    t.t.events.erase(t.t.events.begin() + 1);
    CHECK(t.Findings().find("history row(s) 2 missing from h (deleted): row 3 no longer chains") != std::string::npos);
  }
  SUBCASE("the newest row deleted") {
    Trail t = ThreeCommands();
    t.t.events.pop_back();
    CHECK(t.Findings().find("history row(s) 4 missing from h (deleted): snapshot 3 recorded the history up to row 4") !=
          std::string::npos);
  }
  SUBCASE("the tracking table edited") {
    Trail t = ThreeCommands();
    t.t.tracking_applied = {1, 7};
    std::string all = t.Findings();
    CHECK(all.find("version 7 is applied in the tracking table t, but neither snapshot 3 nor a later history event "
                   "records applying it") != std::string::npos);
    CHECK(all.find("version 2 is missing from the tracking table t, though snapshot 3 records it as applied") !=
          std::string::npos);
  }
  SUBCASE("every snapshot deleted") {
    Trail t = ThreeCommands();
    t.t.snapshots.clear();
    t.t.files.clear();
    std::string all = t.Findings();
    CHECK(all.find("T the history holds 4 event(s) but there are no snapshots") != std::string::npos);
    CHECK(all.find("I ") == std::string::npos);
  }
  SUBCASE("a snapshot of the wrong shape") {
    Trail t = ThreeCommands();
    nlohmann::json body = nlohmann::json::parse(t.t.snapshots[1].body);
    body["applied"] = "everything";
    t.t.snapshots[1].body = SerializeSnapshot(body);
    CHECK(t.Findings().find("snapshot 2 in the database is not a gander snapshot: \"applied\" is not a list") !=
          std::string::npos);
  }
}

TEST_CASE("a run interrupted before its snapshot is named as such, and explains the schema and tracking changes") {
  Trail t = ThreeCommands();
  t.AddEvents({Event(5, 4, 3), Event(6, 4, 4)});
  t.t.tracking_applied = {1, 2, 3, 4};
  t.t.live_fingerprint = "changed";
  std::string all = t.Findings();
  CHECK(all == "I snapshot 4 was never written: run interrupted (`up` by alice@ci, started 2026-11-26T00:00:00.000Z); "
               "history events 5 to 6 describe it; the next changing command writes the snapshot\n");
  CHECK(EventsAfterSnapshot(t.t.events, 3).size() == 2);
}

TEST_CASE("a snapshot row whose file was never written is named as an interrupted run") {
  Trail t = ThreeCommands();
  t.t.files.pop_back();
  std::vector<AuditFinding> f = VerifyTrail(t.t);
  REQUIRE(f.size() == 1);
  CHECK(f[0].interrupted);
  CHECK(f[0].message.find("snapshot 3 was never written to the snapshot folder: the run that stored it was "
                          "interrupted") == 0);
}

TEST_CASE("rows of an older gander (no hashes, no snapshot with a history head) are not findings") {
  Trail t;
  t.t.history_table = "h";
  t.t.tracking_table = "t";
  t.t.events = {Event(1, 1, 1), Event(3, 1, 2)};
  nlohmann::json s = {{"seq", 1}, {"command", "up"}, {"version_after", 2}, {"applied", {1, 2}},
                      {"migrations", nlohmann::json::array()}, {"schema", nlohmann::json::object()},
                      {"started_at", "2026-11-26T00:00:01.000Z"}, {"previous_sha256", nullptr}};
  std::string bytes = SerializeSnapshot(s);
  t.t.snapshots = {{1, Sha256Hex(bytes), bytes}};
  t.t.files = {{*SnapshotFileNameOf(bytes), bytes}};
  t.t.tracking_applied = {1, 2};
  CHECK(t.Findings().empty());
  CHECK_FALSE(RecordsHistoryHead(bytes));
  CHECK(RecordsHistoryHead(ThreeCommands().t.snapshots.back().body));
  CHECK(*SnapshotFileNameOf(bytes) == "20261126T000001Z-000001-up.json");
}
