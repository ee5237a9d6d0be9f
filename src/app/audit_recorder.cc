#include "app/audit_recorder.h"

#include <cstdio>

#include "app/snapshot_files.h"
#include "core/checksum.h"
#include "db/schema_reader.h"
#include "gander_version.h"

namespace gander {
namespace {

// The person or pipeline behind the run: GANDER_ACTOR (set it in CI to the
// user who triggered the pipeline), else the OS user.
std::string CurrentUser(Env& env) {
  std::optional<std::string> actor = env.GetEnv("GANDER_ACTOR");
  if (actor && !actor->empty()) return *actor;
  return env.UserName();
}

// Identifies a database's chain among snapshots of several databases that
// share a folder.
std::string NewDatabaseId(Env& env) {
  char id[33];
  uint32_t a = env.Random32(), b = env.Random32(), c = env.Random32(), d = env.Random32();
  std::snprintf(id, sizeof id, "%08x%08x%08x%08x", a, b, c, d);
  return id;
}

}  // namespace

AuditRecorder::AuditRecorder(Env& env, Session* session, AuditCommand command)
    : env_(env), session_(session), command_(std::move(command)) {}

Status AuditRecorder::Start(int64_t version_before) {
  started_at_ = env_.WallNow();
  version_before_ = version_before;
  user_ = CurrentUser(env_);
  host_ = env_.HostName();
  AuditStore store = Store();
  GANDER_RETURN_IF_ERROR(store.EnsureTables());
  GANDER_RETURN_IF_ERROR(store.ReadHead(&head_));
  if (head_.database_id.empty()) head_.database_id = NewDatabaseId(env_);
  started_ = true;
  return Status::OK();
}

AuditEvent AuditRecorder::NewEvent(int64_t version, const std::string& direction, const std::string& outcome,
                                   const std::string& file, const std::string& checksum) {
  AuditEvent e;
  e.id = head_.next_event_id++;
  e.snapshot_seq = head_.next_seq;
  e.version = version;
  e.direction = direction;
  e.outcome = outcome;
  e.file = file;
  e.checksum = checksum;
  e.started_at = FormatUtc(env_.WallNow());
  e.command = command_.command;
  e.user = user_;
  e.host = host_;
  return e;
}

std::string AuditRecorder::StepEventSql(const StepResult& r, const PartChecksums& sums) {
  if (!started_) return "";
  bool up = r.direction == Direction::kUp;
  AuditEvent e = NewEvent(r.version, DirectionName(r.direction), up ? "applied" : "rolled_back", r.file,
                          up ? sums.up : sums.down);
  if (up) {
    e.up_sha256 = sums.up;
    e.down_sha256 = sums.down;
  }
  auto began = env_.WallNow() - std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                                      std::chrono::duration<double>(r.seconds));
  e.started_at = FormatUtc(began);
  e.duration_ms = r.seconds * 1000;
  e.statements = r.statements_run;
  pending_.push_back(e);
  return Store().EventSql(e);
}

void AuditRecorder::Keep(const AuditEvent& event, int retries, const Status& status) {
  nlohmann::json step = EventToJson(event);
  step["retries"] = retries;
  step["error"] = status.ok() ? nlohmann::json() : nlohmann::json(status.ToString());
  steps_.push_back(SnapshotElementText(step));
}

void AuditRecorder::CommitBatch() {
  for (const AuditEvent& e : pending_) Keep(e, 0, Status::OK());
  pending_.clear();
}

Status AuditRecorder::StepDone(const StepResult& r, const PartChecksums& sums, const Status& status, int retries) {
  if (!started_) return Status::OK();
  if (status.ok() && !pending_.empty()) {
    Keep(pending_.back(), retries, status);
    pending_.clear();
    return Status::OK();
  }
  pending_.clear();  // rolled back with their attempts
  AuditEvent event = NewEvent(r.version, DirectionName(r.direction), r.left_dirty ? "dirty" : "failed", r.file,
                              r.direction == Direction::kUp ? sums.up : sums.down);
  event.duration_ms = r.seconds * 1000;
  event.statements = r.statements_run;
  // The connection may be the thing that failed: then there is no event
  // (issue #17 item 6). One that answers and still refuses it is reported.
  Status stored = session_->Alive() ? Store().AppendEvent(event) : Status::OK();
  Keep(event, retries, status);
  if (!stored.ok()) stored.Prepend("the history event of migration " + std::to_string(r.version) + " was not recorded");
  return stored;
}

std::string AuditRecorder::ManualEventSql(int64_t version, const std::string& direction, const std::string& outcome,
                                          const std::string& file, const PartChecksums* sums) {
  if (!started_) return "";
  AuditEvent event = NewEvent(version, direction, outcome, file,
                              sums == nullptr ? "" : direction == "up" ? sums->up : sums->down);
  if (sums != nullptr && direction == "up") {
    event.up_sha256 = sums->up;
    event.down_sha256 = sums->down;
  }
  Keep(event, 0, Status::OK());
  return Store().EventSql(event);
}

nlohmann::json AuditRecorder::SnapshotHead(const Status& outcome, const DbVersions& versions,
                                           nlohmann::json schema) {
  nlohmann::json applied = nlohmann::json::array();
  for (const AppliedVersion& a : versions.applied) applied.push_back(a.version);
  auto now = env_.WallNow();
  nlohmann::json snapshot = {
      {"format", kSnapshotFormat},
      {"seq", head_.next_seq},
      {"database_id", head_.database_id},
      {"previous_sha256", head_.last_sha256.empty() ? nlohmann::json() : nlohmann::json(head_.last_sha256)},
      {"tool", {{"name", "gander"}, {"version", GANDER_VERSION}}},
      {"command", command_.command},
      {"arguments", command_.arguments},
      {"user", user_},
      {"host", host_},
      {"started_at", FormatUtc(started_at_)},
      {"finished_at", FormatUtc(now)},
      {"duration_ms", std::chrono::duration<double, std::milli>(now - started_at_).count()},
      {"engine", session_->conn().dialect().name()},
      {"server_version", session_->conn().ServerVersion()},
      {"database", command_.database},
      {"tracking_table", command_.tracking_table},
      {"outcome", outcome.ok() ? "ok" : "failed"},
      {"error", outcome.ok() ? nlohmann::json() : nlohmann::json(outcome.ToString())},
      {"version_before", version_before_},
      {"version_after", versions.current()},
      {"applied", std::move(applied)},
      {"migrations", SnapshotArrayPlaceholder(0)},
  };
  snapshot["schema"] = std::move(schema);
  return snapshot;
}

Status AuditRecorder::Finish(const Status& outcome) {
  if (!started_) return Status::OK();
  if (!session_->Alive()) {
    GANDER_RETURN_IF_ERROR(session_->Reconnect(std::chrono::seconds(10)));
  }
  DbVersions versions;
  std::optional<DirtyState> dirty;
  GANDER_RETURN_IF_ERROR(session_->ReadState(&versions, &dirty));
  // The steps and the schema objects are rendered one at a time into the
  // snapshot's text: with thousands of them a JSON tree would take MBs.
  std::string bytes;
  {
    SchemaDescription schema;
    GANDER_RETURN_IF_ERROR(ReadSchema(session_->conn(), command_.tracking_table, &schema));
    nlohmann::json schema_head = {{"engine", schema.engine},
                                  {"fingerprint", SchemaFingerprint(schema)},
                                  {"objects", SnapshotArrayPlaceholder(1)}};
    std::vector<SnapshotArray> arrays = {
        {steps_.size(), [this](size_t i) { return steps_[i]; }},
        {schema.objects.size(), [&schema](size_t i) { return SnapshotElementText(SchemaObjectToJson(schema.objects[i])); }}};
    bytes = SerializeSnapshot(SnapshotHead(outcome, versions, std::move(schema_head)), arrays);
  }
  std::vector<std::string>().swap(steps_);  // rendered: freed before the database copies the text
  StoredSnapshot row{head_.next_seq, Sha256Hex(bytes), std::move(bytes)};
  GANDER_RETURN_IF_ERROR(Store().InsertSnapshot(row, FormatUtc(started_at_)));
  head_.last_sha256 = row.sha256;
  return WriteSnapshotFile(env_, command_.snapshot_dir, SnapshotFileName(started_at_, row.seq, command_.command), row.body);
}

}  // namespace gander
