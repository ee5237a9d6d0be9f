#include "core/audit_history.h"

#include <cmath>
#include <map>
#include <set>

#include "core/checksum.h"

namespace gander {
namespace {

// Each field as "<length>:<bytes>\n": unambiguous whatever the bytes.
void AddField(std::string* out, const std::string& value) {
  out->append(std::to_string(value.size())).append(":").append(value).append("\n");
}

nlohmann::json ParseOrNull(const std::string& bytes) {
  nlohmann::json value = nlohmann::json::parse(bytes, nullptr, false);
  return value.is_discarded() ? nlohmann::json() : value;
}

// The latest snapshot's record of the history's last row, if it has one.
struct HistoryHead {
  bool present = false;
  int64_t id = 0;
  std::string sha256;
};

HistoryHead HeadOf(const nlohmann::json& snapshot) {
  HistoryHead head;
  if (!snapshot.is_object()) return head;
  auto it = snapshot.find("history_head");
  if (it == snapshot.end() || !it->is_object()) return head;
  auto id = it->find("id");
  auto sha = it->find("sha256");
  head.present = true;
  if (id != it->end() && id->is_number_integer()) head.id = id->get<int64_t>();
  if (sha != it->end() && sha->is_string()) head.sha256 = sha->get<std::string>();
  return head;
}

std::string Range(int64_t first, int64_t last) {
  return first == last ? std::to_string(first) : std::to_string(first) + " to " + std::to_string(last);
}

// Whether an event says its version is applied afterwards (true), rolled
// back (false), or says nothing about it (failed, dirty: nullopt).
std::optional<bool> AppliedAfter(const AuditEvent& e) {
  if (e.outcome == "applied" || e.outcome == "forced_applied" || e.outcome == "checksum_adopted" ||
      e.outcome == "checksum_repaired") {
    return true;
  }
  if (e.outcome == "rolled_back" || e.outcome == "forced_rolled_back") return false;
  return std::nullopt;
}

class TrailChecker {
 public:
  explicit TrailChecker(const AuditTrail& trail) : t_(trail) {
    last_seq_ = t_.snapshots.empty() ? 0 : t_.snapshots.back().seq;
    if (!t_.snapshots.empty()) latest_ = ParseOrNull(t_.snapshots.back().body);
    orphans_ = EventsAfterSnapshot(t_.events, last_seq_);
  }

  std::vector<AuditFinding> Run() {
    findings_ = VerifyAuditTrail(t_.snapshots, t_.files, "", t_.check_files);
    for (const StoredSnapshot& row : t_.snapshots) CheckShape(row);
    CheckChain();
    CheckHead();
    CheckSnapshotsNamed();
    CheckTracking();
    CheckSchema();
    return findings_;
  }

 private:
  void Add(int64_t seq, std::string message, bool interrupted = false) {
    findings_.push_back({seq, std::move(message), interrupted});
  }
  std::string HistoryRow(int64_t id) const { return "history row " + std::to_string(id) + " of " + t_.history_table; }

  // A snapshot edited into another shape (its hash recomputed, or the edit
  // reported above): named, so that nothing later reads it as a snapshot.
  void CheckShape(const StoredSnapshot& row) {
    nlohmann::json body = ParseOrNull(row.body);
    if (body.is_null()) return;  // not JSON: reported by the snapshot chain
    std::string wrong = SnapshotShapeProblem(body);
    if (!wrong.empty()) {
      Add(row.seq, "snapshot " + std::to_string(row.seq) + " in the database is not a gander snapshot: " + wrong);
    }
  }

  void CheckChain() {
    HistoryHead head = HeadOf(latest_);
    bool chained = head.present;
    for (const AuditEvent& e : t_.events) chained = chained || !e.row_sha256.empty();
    std::string previous;
    int64_t previous_id = 0;
    for (const AuditEvent& e : t_.events) {
      if (e.row_sha256.empty()) {
        // Rows of an older gander are chained by the first changing command
        // of this one; once the trail is chained, a row without a hash was
        // written or emptied by hand.
        if (chained) Add(e.snapshot_seq, HistoryRow(e.id) + " has no chain hash: written or edited outside gander");
        previous = chained ? HistoryRowHash(previous, e) : "";
      } else {
        if (HistoryRowHash(previous, e) != e.row_sha256) {
          if (e.id > previous_id + 1) {
            Add(e.snapshot_seq, "history row(s) " + Range(previous_id + 1, e.id - 1) + " missing from " +
                                    t_.history_table + " (deleted): row " + std::to_string(e.id) +
                                    " no longer chains to the row before it");
          } else {
            Add(e.snapshot_seq, HistoryRow(e.id) + " was edited, inserted or moved outside gander: its content "
                                "no longer matches its chain hash");
          }
        }
        previous = e.row_sha256;
      }
      previous_id = e.id;
    }
  }

  // The newest rows deleted leave a chain that is intact but shorter than
  // the one the latest snapshot saw.
  void CheckHead() {
    HistoryHead head = HeadOf(latest_);
    if (!head.present || head.id == 0) return;
    for (const AuditEvent& e : t_.events) {
      if (e.id != head.id) continue;
      if (e.row_sha256 != head.sha256) {
        Add(last_seq_, HistoryRow(e.id) + " is not the row snapshot " + std::to_string(last_seq_) +
                           " recorded as the history's last (its chain hash differs): rewritten outside gander");
      }
      return;
    }
    int64_t last_id = t_.events.empty() ? 0 : t_.events.back().id;
    if (last_id < head.id) {
      Add(last_seq_, "history row(s) " + Range(last_id + 1, head.id) + " missing from " + t_.history_table +
                         " (deleted): snapshot " + std::to_string(last_seq_) + " recorded the history up to row " +
                         std::to_string(head.id));
    }
  }

  // Events name the snapshot of their command. The next one not written yet
  // is an interrupted run; a later one, or one the table lost, is tampering.
  void CheckSnapshotsNamed() {
    std::set<int64_t> stored;
    for (const StoredSnapshot& s : t_.snapshots) stored.insert(s.seq);
    std::map<int64_t, std::vector<const AuditEvent*>> missing;  // seq -> events naming it
    for (const AuditEvent& e : t_.events) {
      if (!stored.count(e.snapshot_seq)) missing[e.snapshot_seq].push_back(&e);
    }
    int64_t newest_named = missing.empty() ? 0 : missing.rbegin()->first;
    for (const auto& [seq, events] : missing) {
      std::string ids = Range(events.front()->id, events.back()->id);
      if (seq == last_seq_ + 1 && seq == newest_named) {
        // Only the newest command can have been interrupted.
        const AuditEvent& first = *events.front();
        Add(seq, "snapshot " + std::to_string(seq) + " was never written: run interrupted (`" + first.command +
                     "` by " + first.user + "@" + first.host + ", started " + first.started_at +
                     "); history events " + ids + " describe it; the next changing command writes the snapshot",
            true);
      } else if (seq > last_seq_) {
        Add(seq, "history events " + ids + " name snapshot " + std::to_string(seq) + ", but the latest snapshot is " +
                     std::to_string(last_seq_) + ": snapshots were deleted outside gander");
      } else if (!t_.snapshots.empty() && seq > t_.snapshots.front().seq) {
        // A gap in the snapshots: reported by the snapshot chain.
      } else {
        Add(seq, "history events " + ids + " name snapshot " + std::to_string(seq) + ", which is not in the "
                     "snapshot table: snapshots were deleted outside gander");
      }
    }
    if (t_.snapshots.empty() && !t_.events.empty() && newest_named > 1) {
      Add(0, "the history holds " + std::to_string(t_.events.size()) + " event(s) but there are no snapshots: "
             "the snapshot table was emptied outside gander");
    }
  }

  // The tracking table must hold what the latest snapshot says was applied,
  // changed by exactly the events written after it (an interrupted run).
  void CheckTracking() {
    if (t_.snapshots.empty() || !latest_.is_object()) return;
    auto applied = latest_.find("applied");
    if (applied == latest_.end() || !applied->is_array()) return;  // the snapshot chain reports the edit
    std::map<int64_t, std::string> expected;  // version -> what says so
    std::string by_snapshot = "snapshot " + std::to_string(last_seq_);
    for (const auto& v : *applied) {
      if (v.is_number_integer() && v.get<int64_t>() != 0) expected[v.get<int64_t>()] = by_snapshot;
    }
    for (const AuditEvent& e : orphans_) {
      std::optional<bool> after = AppliedAfter(e);
      if (!after) continue;
      if (*after) {
        expected[e.version] = "history event " + std::to_string(e.id);
      } else {
        expected.erase(e.version);
      }
    }
    std::set<int64_t> tracked(t_.tracking_applied.begin(), t_.tracking_applied.end());
    for (int64_t v : t_.tracking_applied) {
      if (!expected.count(v)) {
        Add(last_seq_, "version " + std::to_string(v) + " is applied in the tracking table " + t_.tracking_table +
                           ", but neither " + by_snapshot + " nor a later history event records applying it: "
                           "recorded outside gander");
      }
    }
    for (const auto& [v, source] : expected) {
      if (!tracked.count(v)) {
        Add(last_seq_, "version " + std::to_string(v) + " is missing from the tracking table " + t_.tracking_table +
                           ", though " + source + " records it as applied: deleted outside gander (the next up "
                           "would run it again)");
      }
    }
  }

  void CheckSchema() {
    if (t_.snapshots.empty() || t_.live_fingerprint.empty() || !latest_.is_object()) return;
    auto schema = latest_.find("schema");
    if (schema == latest_.end() || !schema->is_object()) return;
    auto fp = schema->find("fingerprint");
    if (fp == schema->end() || !fp->is_string()) return;
    std::string recorded = fp->get<std::string>();
    if (recorded.empty() || recorded == t_.live_fingerprint) return;
    if (!orphans_.empty()) return;  // the interrupted run changed it; its finding says so
    auto finished = latest_.find("finished_at");
    Add(last_seq_, "the live schema no longer matches snapshot " + std::to_string(last_seq_) + " (fingerprint " +
                       recorded.substr(0, 12) + ", now " + t_.live_fingerprint.substr(0, 12) +
                       "): it was changed outside gander since " +
                       (finished != latest_.end() && finished->is_string() ? finished->get<std::string>() : ""));
  }

  const AuditTrail& t_;
  int64_t last_seq_ = 0;
  nlohmann::json latest_;
  std::vector<AuditEvent> orphans_;
  std::vector<AuditFinding> findings_;
};

}  // namespace

std::string SnapshotShapeProblem(const nlohmann::json& body) {
  if (!body.is_object()) return "not a JSON object";
  auto has = [&](const char* key, bool (nlohmann::json::*is)() const noexcept) {
    auto it = body.find(key);
    return it != body.end() && ((*it).*is)();
  };
  if (!has("seq", &nlohmann::json::is_number_integer)) return "\"seq\" is not a number";
  if (!has("command", &nlohmann::json::is_string)) return "\"command\" is not text";
  if (!has("version_after", &nlohmann::json::is_number_integer)) return "\"version_after\" is not a number";
  if (!has("applied", &nlohmann::json::is_array)) return "\"applied\" is not a list";
  for (const auto& v : body["applied"]) {
    if (!v.is_number_integer()) return "\"applied\" holds something other than versions";
  }
  if (!has("migrations", &nlohmann::json::is_array)) return "\"migrations\" is not a list";
  for (const auto& m : body["migrations"]) {
    if (!m.is_object()) return "\"migrations\" holds something other than events";
  }
  if (!has("schema", &nlohmann::json::is_object)) return "\"schema\" is not an object";
  return "";
}

int64_t StoredDurationMicros(const AuditEvent& event) { return std::llround(event.duration_ms * 1000); }

std::string HistoryRowHash(const std::string& previous, const AuditEvent& e) {
  std::string text = "gander-history/1\n";
  for (const std::string& field :
       {previous, std::to_string(e.id), std::to_string(e.snapshot_seq), std::to_string(e.version), e.direction,
        e.outcome, e.file, e.checksum, e.up_sha256, e.down_sha256, e.started_at,
        std::to_string(StoredDurationMicros(e)), std::to_string(e.statements), e.command, e.user, e.host}) {
    AddField(&text, field);
  }
  return Sha256Hex(text);
}

std::vector<AuditEvent> EventsAfterSnapshot(const std::vector<AuditEvent>& events, int64_t last_seq) {
  std::vector<AuditEvent> after;
  for (const AuditEvent& e : events) {
    if (e.snapshot_seq > last_seq) after.push_back(e);
  }
  return after;
}

bool RecordsHistoryHead(const std::string& snapshot_body) {
  return HeadOf(ParseOrNull(snapshot_body)).present;
}

std::vector<AuditFinding> VerifyTrail(const AuditTrail& trail) { return TrailChecker(trail).Run(); }

}  // namespace gander
