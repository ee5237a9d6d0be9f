// history, audit verify, snapshot show / diff: reading the audit trail that
// changing commands leave (src/app/audit_recorder.h).
#include <cstdio>
#include <set>

#include "app/session.h"
#include "app/snapshot_files.h"
#include "core/audit_history.h"
#include "core/source.h"
#include "core/version_arg.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "core/time_text.h"
#include "db/audit_store.h"
#include "db/schema_reader.h"

namespace gander {
namespace {

// What history, audit and snapshot read.
struct AuditRequest {
  Env* env = nullptr;
  std::vector<std::string> args;
  std::string driver, dbstring, table;
  std::string dir;           // audit verify: the migrations folder (an earlier gander's snapshot folder)
  std::string snapshot_dir;  // audit verify: the snapshot files
  std::string since;         // history --since
  std::string direction;     // history --direction

  static AuditRequest From(const Invocation& inv) {
    return AuditRequest{inv.env,        inv.args,  inv.driver,   inv.dbstring, inv.table,
                        inv.dir,        inv.snapshot_dir, inv.since, inv.direction};
  }
};

std::string Millis(double ms) { return HumanDuration(ms); }

// `version`: the parsed VERSION argument (when given); `since`: ParseSince's bound ("" = no --since).
bool Matches(const AuditRequest& inv, int64_t version, const std::string& since, const AuditEvent& e) {
  if (!inv.args.empty() && e.version != version) return false;
  if (!since.empty() && e.started_at < since) return false;  // ISO 8601 sorts as text
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
  int64_t seq = 0;
  Status parsed = ParseVersionArgument(id, &seq);
  if (!parsed.ok()) {
    *st = Status::Invalid("not a snapshot number: \"" + EscapeControlCharacters(id) + "\" (a number, or latest)");
    return nullptr;
  }
  for (const StoredSnapshot& row : rows) {
    if (row.seq == seq) return &row;
  }
  *st = Status::Invalid("no snapshot " + std::to_string(seq) + " (snapshots " + std::to_string(rows.front().seq) +
                        " to " + std::to_string(rows.back().seq) + " exist; or use latest)");
  return nullptr;
}

nlohmann::json Parse(const StoredSnapshot& row) { return nlohmann::json::parse(row.body, nullptr, false); }

// Stored snapshots may have been edited into any shape: these never throw
// (a field of the wrong type reads as absent).
const nlohmann::json& Member(const nlohmann::json& j, const char* key) {
  static const nlohmann::json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}
std::string Text(const nlohmann::json& j, const char* key) {
  const nlohmann::json& v = Member(j, key);
  return v.is_string() ? v.get<std::string>() : "";
}
int64_t Number(const nlohmann::json& j, const char* key) {
  const nlohmann::json& v = Member(j, key);
  return v.is_number_integer() ? v.get<int64_t>() : 0;
}
std::set<int64_t> AppliedOf(const nlohmann::json& snapshot) {
  std::set<int64_t> applied;
  const nlohmann::json& list = Member(snapshot, "applied");
  if (!list.is_array()) return applied;
  for (const auto& v : list) {
    if (v.is_number_integer()) applied.insert(v.get<int64_t>());
  }
  return applied;
}

int AuditVerify(const AuditRequest& inv, const Output& out) {
  std::unique_ptr<Session> session;
  AuditTrail trail;
  trail.history_table = inv.table + "_history";
  trail.tracking_table = inv.table;
  SchemaDescription schema;
  DbVersions versions;
  std::optional<DirtyState> dirty;
  Status st = Session::OpenReadOnly(inv.driver, inv.dbstring, inv.table, &session);
  if (st.ok()) st = AuditStore(&session->conn(), inv.table).ListSnapshots(&trail.snapshots);
  if (st.ok()) st = AuditStore(&session->conn(), inv.table).ListEvents(&trail.events);
  // Files are compared only where a folder is configured: the rows are the record.
  trail.check_files = !inv.snapshot_dir.empty();
  if (st.ok() && trail.check_files) st = ReadSnapshotFolder(*inv.env, inv.snapshot_dir, &trail.files);
  if (st.ok()) st = ReadSchema(session->conn(), inv.table, &schema);
  if (st.ok()) st = session->ReadState(&versions, &dirty);
  if (!st.ok()) return out.Error("audit verify", st);
  std::string unused = UnusedDefaultSnapshotFolder(*inv.env, inv.dir, inv.snapshot_dir);
  if (!unused.empty()) {
    out.Notice(unused + " holds an earlier gander's snapshot files, but no snapshot folder is configured: verified "
               "against " + inv.table + "_snapshots alone; --snapshot-dir " + unused + " (or GANDER_SNAPSHOT_DIR) "
               "checks the files too");
  }
  for (const AppliedVersion& a : versions.applied) trail.tracking_applied.push_back(a.version);
  trail.live_fingerprint = SchemaFingerprint(schema);
  std::vector<AuditFinding> findings = VerifyTrail(trail);
  nlohmann::json list = nlohmann::json::array();
  bool only_interrupted = !findings.empty();
  for (const AuditFinding& f : findings) {
    out.Line(std::string(f.interrupted ? "INTERRUPTED " : "FINDING   ") + f.message);
    list.push_back({{"snapshot", f.snapshot}, {"message", f.message}, {"interrupted", f.interrupted}});
    only_interrupted = only_interrupted && f.interrupted;
  }
  const std::vector<StoredSnapshot>& rows = trail.snapshots;
  if (findings.empty() && rows.empty()) {
    out.Line("gander: no audit snapshots yet (nothing has been changed by gander in this database): nothing to verify");
  } else if (findings.empty()) {
    out.Line("gander: audit trail intact: " + std::to_string(rows.size()) + " snapshot(s) and " +
             std::to_string(trail.events.size()) + " history event(s) chained, " +
             (trail.check_files ? "files in " + inv.snapshot_dir + " match, " : std::string()) +
             "the tracking table agrees, live schema matches the latest snapshot");
  } else if (only_interrupted) {
    out.Line("gander: " + std::to_string(findings.size()) + " finding(s), all from an interrupted run: no sign of "
             "tampering; the next changing command completes the trail (exit 3)");
  } else {
    out.Line("gander: " + std::to_string(findings.size()) + " finding(s) (exit 3)");
  }
  out.Json({{"command", "audit verify"}, {"snapshots", rows.size()}, {"events", trail.events.size()},
            {"snapshot_dir", inv.snapshot_dir},  // "" when none is configured
            {"intact", findings.empty()}, {"findings", list}});
  return findings.empty() ? 0 : static_cast<int>(StatusCode::kRefused);
}

std::string VersionList(const std::vector<int64_t>& versions) {
  std::string text;
  for (int64_t v : versions) text += (text.empty() ? "" : ", ") + std::to_string(v);
  return text.empty() ? "(none)" : text;
}

int SnapshotDiff(const AuditRequest& inv, const Output& out, const std::vector<StoredSnapshot>& rows) {
  Status st;
  const StoredSnapshot* a = FindSnapshot(rows, inv.args[1], &st);
  const StoredSnapshot* b = a ? FindSnapshot(rows, inv.args[2], &st) : nullptr;
  if (!b) return out.Error("snapshot diff", st);
  nlohmann::json ja = Parse(*a), jb = Parse(*b);
  if (!ja.is_object() || !jb.is_object()) {
    return out.Error("snapshot diff", Status::Failed("snapshot " + std::to_string(ja.is_object() ? b->seq : a->seq) +
                                                     " is not a gander snapshot (not a JSON object); run audit "
                                                     "verify"));
  }
  std::set<int64_t> applied_a = AppliedOf(ja), applied_b = AppliedOf(jb);
  std::vector<int64_t> added, removed;
  for (int64_t v : applied_b) if (!applied_a.count(v)) added.push_back(v);
  for (int64_t v : applied_a) if (!applied_b.count(v)) removed.push_back(v);

  SchemaDescription sa, sb;
  SchemaFromJson(Member(ja, "schema"), &sa);
  SchemaFromJson(Member(jb, "schema"), &sb);
  std::vector<SchemaChange> changes = DiffSchemas(sa, sb);

  // Every migration step recorded by the snapshots after A up to B.
  nlohmann::json steps = nlohmann::json::array();
  for (const StoredSnapshot& row : rows) {
    if (row.seq <= a->seq || row.seq > b->seq) continue;
    const nlohmann::json j = Parse(row);
    const nlohmann::json& migrations = Member(j, "migrations");
    if (!migrations.is_array()) continue;
    for (const auto& m : migrations) {
      if (m.is_object()) steps.push_back(m);
    }
  }

  out.Line("snapshot " + std::to_string(a->seq) + " (" + Text(ja, "command") + ", " + Text(ja, "finished_at") +
           ") -> snapshot " + std::to_string(b->seq) + " (" + Text(jb, "command") + ", " + Text(jb, "finished_at") +
           ")");
  out.Line("version:     " + std::to_string(Number(ja, "version_after")) + " -> " +
           std::to_string(Number(jb, "version_after")));
  out.Line("applied:     " + VersionList(added));
  out.Line("rolled back: " + VersionList(removed));
  for (const auto& m : steps) {
    out.Line("  #" + std::to_string(Number(m, "snapshot")) + " " + Text(m, "direction") + " " +
             std::to_string(Number(m, "version")) + " " + Text(m, "outcome") + "  " + Text(m, "file"));
  }
  std::string fa = Text(Member(ja, "schema"), "fingerprint");
  std::string fb = Text(Member(jb, "schema"), "fingerprint");
  out.Line("fingerprint: " + fa.substr(0, 12) + " -> " + fb.substr(0, 12) + (fa == fb ? " (same schema)" : " (changed)"));
  nlohmann::json schema_changes = nlohmann::json::array();
  for (const SchemaChange& c : changes) {
    out.Line("  " + DescribeChange(c));
    schema_changes.push_back(DescribeChange(c));
  }
  out.Json({{"command", "snapshot diff"}, {"from", a->seq}, {"to", b->seq},
            {"version_from", Number(ja, "version_after")}, {"version_to", Number(jb, "version_after")},
            {"applied", added}, {"rolled_back", removed}, {"migrations", steps},
            {"fingerprint_from", fa}, {"fingerprint_to", fb}, {"schema_changes", schema_changes}});
  return 0;
}

}  // namespace

int RunHistory(const AuditRequest& inv, const Output& out) {
  if (inv.args.size() > 1) return out.Error("history", Status::Invalid("expects at most one argument, a version"));
  if (!inv.direction.empty() && inv.direction != "up" && inv.direction != "down") {
    return out.Error("history", Status::Invalid("--direction must be up or down"));
  }
  int64_t version = 0;
  if (!inv.args.empty()) {
    Status parsed = ParseVersionArgument(inv.args[0], &version);
    if (!parsed.ok()) return out.Error("history", parsed);
  }
  std::string since;
  if (!inv.since.empty()) {
    Status valid = ParseSince(inv.since, inv.env->WallNow(), &since);
    if (!valid.ok()) return out.Error("history", valid);
  }
  std::unique_ptr<Session> session;
  std::vector<AuditEvent> events;
  Status st = Session::OpenReadOnly(inv.driver, inv.dbstring, inv.table, &session);
  if (st.ok()) st = AuditStore(&session->conn(), inv.table).ListEvents(&events);
  if (!st.ok()) return out.Error("history", st);
  std::vector<std::vector<std::string>> table = {
      {"ID", "STARTED (UTC)", "DIRECTION", "VERSION", "OUTCOME", "DURATION", "BY", "COMMAND", "FILE"}};
  nlohmann::json list = nlohmann::json::array();
  for (const AuditEvent& e : events) {
    if (!Matches(inv, version, since, e)) continue;
    table.push_back({std::to_string(e.id), e.started_at, e.direction, std::to_string(e.version), e.outcome,
                     Millis(e.duration_ms), e.user + "@" + e.host, e.command,
                     EventNote(e).empty() ? e.file : e.file + " (" + EventNote(e) + ")"});
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

int RunAudit(const AuditRequest& inv, const Output& out) {
  if (inv.args.size() != 1 || inv.args[0] != "verify") {
    return out.Error("audit", Status::Invalid("usage: audit verify"));
  }
  return AuditVerify(inv, out);
}

int RunSnapshot(const AuditRequest& inv, const Output& out) {
  bool show = !inv.args.empty() && inv.args[0] == "show" && inv.args.size() <= 2;
  bool diff = !inv.args.empty() && inv.args[0] == "diff" && inv.args.size() == 3;
  if (!show && !diff) return out.Error("snapshot", Status::Invalid("usage: snapshot show [N|latest], snapshot diff A B"));
  std::unique_ptr<Session> session;
  std::vector<StoredSnapshot> rows;
  Status st = Session::OpenReadOnly(inv.driver, inv.dbstring, inv.table, &session);
  if (st.ok()) st = AuditStore(&session->conn(), inv.table).ListSnapshots(&rows);
  if (!st.ok()) return out.Error("snapshot", st);
  if (diff) return SnapshotDiff(inv, out, rows);
  const StoredSnapshot* row = FindSnapshot(rows, inv.args.size() == 2 ? inv.args[1] : "latest", &st);
  if (!row) return out.Error("snapshot show", st);
  if (out.json()) {
    nlohmann::json snapshot = Parse(*row);
    // --json promises docs/snapshot.schema.json: an edited row is not one.
    std::string wrong = snapshot.is_discarded() ? "not valid JSON" : SnapshotShapeProblem(snapshot);
    if (!wrong.empty()) {
      return out.Error("snapshot show", Status::Failed("snapshot " + std::to_string(row->seq) +
                                                       " in the database is not a gander snapshot: " + wrong +
                                                       "; run audit verify (without --json, show prints its bytes)"));
    }
    out.Json({{"command", "snapshot show"}, {"snapshot", snapshot}});
  } else {
    out.Text(row->body);
  }
  return 0;
}

// The entry points of command_table.cc: the request is built once, here.
int CmdHistory(const Invocation& inv, const Output& out) { return RunHistory(AuditRequest::From(inv), out); }
int CmdAudit(const Invocation& inv, const Output& out) { return RunAudit(AuditRequest::From(inv), out); }
int CmdSnapshot(const Invocation& inv, const Output& out) { return RunSnapshot(AuditRequest::From(inv), out); }

}  // namespace gander
