// history, audit verify, snapshot show / diff: reading the audit trail that
// changing commands leave (src/app/audit_recorder.h).
#include <cstdio>
#include <set>

#include "app/session.h"
#include "app/snapshot_files.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "db/audit_store.h"
#include "db/schema_reader.h"

namespace gander {
namespace {

std::string Millis(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fms", ms);
  return buf;
}

bool Matches(const Invocation& inv, const AuditEvent& e) {
  if (!inv.args.empty() && std::to_string(e.version) != inv.args[0]) return false;
  if (!inv.since.empty() && e.started_at < inv.since) return false;  // ISO 8601 sorts as text
  if (!inv.direction.empty() && e.direction != inv.direction) return false;
  return true;
}

// A snapshot by number or "latest"; nullptr with an error if there is none.
const StoredSnapshot* FindSnapshot(const std::vector<StoredSnapshot>& rows, const std::string& id, Status* st) {
  if (rows.empty()) {
    *st = Status::Failed("no audit snapshots yet: nothing has been changed by gander in this database");
    return nullptr;
  }
  if (id == "latest") return &rows.back();
  for (const StoredSnapshot& row : rows) {
    if (std::to_string(row.seq) == id) return &row;
  }
  *st = Status::Invalid("no snapshot " + id + " (snapshots 1 to " + std::to_string(rows.back().seq) +
                        " exist; or use latest)");
  return nullptr;
}

nlohmann::json Parse(const StoredSnapshot& row) { return nlohmann::json::parse(row.body, nullptr, false); }

int AuditVerify(const Invocation& inv, const Output& out) {
  std::unique_ptr<Session> session;
  std::vector<StoredSnapshot> rows;
  std::vector<SnapshotFile> files;
  SchemaDescription schema;
  Status st = Session::Open(inv.driver, inv.dbstring, inv.table, &session);
  if (st.ok()) st = AuditStore(&session->conn(), inv.table).ListSnapshots(&rows);
  if (st.ok()) st = ReadSnapshotFolder(*inv.env, inv.snapshot_dir, &files);
  if (st.ok()) st = ReadSchema(session->conn(), inv.table, &schema);
  if (!st.ok()) return out.Error("audit verify", st);
  std::vector<AuditFinding> findings = VerifyAuditTrail(rows, files, SchemaFingerprint(schema));
  nlohmann::json list = nlohmann::json::array();
  for (const AuditFinding& f : findings) {
    out.Line("FINDING   " + f.message);
    list.push_back({{"snapshot", f.snapshot}, {"message", f.message}});
  }
  if (findings.empty()) {
    out.Line("gander: audit trail intact: " + std::to_string(rows.size()) + " snapshot(s) chained, files in " +
             inv.snapshot_dir + " match, live schema matches the latest snapshot");
  } else {
    out.Line("gander: " + std::to_string(findings.size()) + " finding(s) (exit 3)");
  }
  out.Json({{"command", "audit verify"}, {"snapshots", rows.size()}, {"snapshot_dir", inv.snapshot_dir},
            {"intact", findings.empty()}, {"findings", list}});
  return findings.empty() ? 0 : static_cast<int>(StatusCode::kRefused);
}

std::string VersionList(const std::vector<int64_t>& versions) {
  std::string text;
  for (int64_t v : versions) text += (text.empty() ? "" : ", ") + std::to_string(v);
  return text.empty() ? "(none)" : text;
}

int SnapshotDiff(const Invocation& inv, const Output& out, const std::vector<StoredSnapshot>& rows) {
  Status st;
  const StoredSnapshot* a = FindSnapshot(rows, inv.args[1], &st);
  const StoredSnapshot* b = a ? FindSnapshot(rows, inv.args[2], &st) : nullptr;
  if (!b) return out.Error("snapshot diff", st);
  nlohmann::json ja = Parse(*a), jb = Parse(*b);
  if (ja.is_discarded() || jb.is_discarded()) {
    return out.Error("snapshot diff", Status::Failed("a snapshot is not valid JSON; run audit verify"));
  }
  std::set<int64_t> applied_a, applied_b;
  for (const auto& v : ja.value("applied", nlohmann::json::array())) applied_a.insert(v.get<int64_t>());
  for (const auto& v : jb.value("applied", nlohmann::json::array())) applied_b.insert(v.get<int64_t>());
  std::vector<int64_t> added, removed;
  for (int64_t v : applied_b) if (!applied_a.count(v)) added.push_back(v);
  for (int64_t v : applied_a) if (!applied_b.count(v)) removed.push_back(v);

  SchemaDescription sa, sb;
  SchemaFromJson(ja.value("schema", nlohmann::json::object()), &sa);
  SchemaFromJson(jb.value("schema", nlohmann::json::object()), &sb);
  std::vector<SchemaChange> changes = DiffSchemas(sa, sb);

  // Every migration step recorded by the snapshots after A up to B.
  nlohmann::json steps = nlohmann::json::array();
  for (const StoredSnapshot& row : rows) {
    if (row.seq <= a->seq || row.seq > b->seq) continue;
    nlohmann::json j = Parse(row);
    if (j.is_discarded()) continue;
    for (const auto& m : j.value("migrations", nlohmann::json::array())) steps.push_back(m);
  }

  out.Line("snapshot " + std::to_string(a->seq) + " (" + ja.value("command", "") + ", " +
           ja.value("finished_at", "") + ") -> snapshot " + std::to_string(b->seq) + " (" + jb.value("command", "") +
           ", " + jb.value("finished_at", "") + ")");
  out.Line("version:     " + std::to_string(ja.value("version_after", 0LL)) + " -> " +
           std::to_string(jb.value("version_after", 0LL)));
  out.Line("applied:     " + VersionList(added));
  out.Line("rolled back: " + VersionList(removed));
  for (const auto& m : steps) {
    out.Line("  #" + std::to_string(m.value("snapshot", 0LL)) + " " + m.value("direction", "") + " " +
             std::to_string(m.value("version", 0LL)) + " " + m.value("outcome", "") + "  " + m.value("file", ""));
  }
  std::string fa = ja.value("schema", nlohmann::json::object()).value("fingerprint", "");
  std::string fb = jb.value("schema", nlohmann::json::object()).value("fingerprint", "");
  out.Line("fingerprint: " + fa.substr(0, 12) + " -> " + fb.substr(0, 12) + (fa == fb ? " (same schema)" : " (changed)"));
  nlohmann::json schema_changes = nlohmann::json::array();
  for (const SchemaChange& c : changes) {
    out.Line("  " + DescribeChange(c));
    schema_changes.push_back(DescribeChange(c));
  }
  out.Json({{"command", "snapshot diff"}, {"from", a->seq}, {"to", b->seq},
            {"version_from", ja.value("version_after", 0LL)}, {"version_to", jb.value("version_after", 0LL)},
            {"applied", added}, {"rolled_back", removed}, {"migrations", steps},
            {"fingerprint_from", fa}, {"fingerprint_to", fb}, {"schema_changes", schema_changes}});
  return 0;
}

}  // namespace

int CmdHistory(const Invocation& inv, const Output& out) {
  if (inv.args.size() > 1) return out.Error("history", Status::Invalid("expects at most one argument, a version"));
  if (!inv.direction.empty() && inv.direction != "up" && inv.direction != "down") {
    return out.Error("history", Status::Invalid("--direction must be up or down"));
  }
  std::unique_ptr<Session> session;
  std::vector<AuditEvent> events;
  Status st = Session::Open(inv.driver, inv.dbstring, inv.table, &session);
  if (st.ok()) st = AuditStore(&session->conn(), inv.table).ListEvents(&events);
  if (!st.ok()) return out.Error("history", st);
  std::vector<std::vector<std::string>> table = {
      {"ID", "STARTED (UTC)", "DIRECTION", "VERSION", "OUTCOME", "DURATION", "BY", "COMMAND", "FILE"}};
  nlohmann::json list = nlohmann::json::array();
  for (const AuditEvent& e : events) {
    if (!Matches(inv, e)) continue;
    table.push_back({std::to_string(e.id), e.started_at, e.direction, std::to_string(e.version), e.outcome,
                     Millis(e.duration_ms), e.user + "@" + e.host, e.command, e.file});
    list.push_back(EventToJson(e));
  }
  if (table.size() == 1) {
    out.Line("gander: no history events" + std::string(events.empty() ? " yet" : " match"));
  } else {
    std::string text = FormatTable(table);
    text.pop_back();
    out.Line(text);
  }
  out.Json({{"command", "history"}, {"events", list}});
  return 0;
}

int CmdAudit(const Invocation& inv, const Output& out) {
  if (inv.args.size() != 1 || inv.args[0] != "verify") {
    return out.Error("audit", Status::Invalid("usage: audit verify"));
  }
  return AuditVerify(inv, out);
}

int CmdSnapshot(const Invocation& inv, const Output& out) {
  bool show = !inv.args.empty() && inv.args[0] == "show" && inv.args.size() <= 2;
  bool diff = !inv.args.empty() && inv.args[0] == "diff" && inv.args.size() == 3;
  if (!show && !diff) return out.Error("snapshot", Status::Invalid("usage: snapshot show [N|latest], snapshot diff A B"));
  std::unique_ptr<Session> session;
  std::vector<StoredSnapshot> rows;
  Status st = Session::Open(inv.driver, inv.dbstring, inv.table, &session);
  if (st.ok()) st = AuditStore(&session->conn(), inv.table).ListSnapshots(&rows);
  if (!st.ok()) return out.Error("snapshot", st);
  if (diff) return SnapshotDiff(inv, out, rows);
  const StoredSnapshot* row = FindSnapshot(rows, inv.args.size() == 2 ? inv.args[1] : "latest", &st);
  if (!row) return out.Error("snapshot show", st);
  if (out.json()) {
    out.Json({{"command", "snapshot show"}, {"snapshot", Parse(*row)}});
  } else {
    out.Text(row->body);
  }
  return 0;
}

}  // namespace gander
