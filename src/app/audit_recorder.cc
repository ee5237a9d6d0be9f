#include "app/audit_recorder.h"

#include <cstdio>

#include "app/migration_files.h"
#include "app/snapshot_files.h"
#include "core/audit_history.h"
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

AuditStore& AuditRecorder::Store() {
  if (!store_ || store_->connection() != &session_->conn()) store_.emplace(&session_->conn(), command_.tracking_table);
  return *store_;
}

Status AuditRecorder::Start(int64_t version_before) {
  started_at_ = env_.WallNow();
  version_before_ = version_before;
  user_ = CurrentUser(env_);
  host_ = env_.HostName();
  AuditStore& store = Store();
  GANDER_RETURN_IF_ERROR(store.EnsureTables());
  GANDER_RETURN_IF_ERROR(store.ReadHead(&head_));
  // A trail last written by an older gander: its rows join the chain now
  // (docs/audit.md). Once a snapshot records the head, an unhashed row is
  // tampering, and is left for audit verify to report.
  if (!head_.records_history_head) {
    GANDER_RETURN_IF_ERROR(store.ChainUnhashedRows());
    GANDER_RETURN_IF_ERROR(store.ReadHead(&head_));
  }
  committed_row_sha256_ = head_.last_row_sha256;
  if (head_.database_id.empty()) head_.database_id = NewDatabaseId(env_);
  GANDER_RETURN_IF_ERROR(CompleteInterruptedRun(store));
  started_ = true;
  return Status::OK();
}

Status AuditRecorder::CompleteSnapshotFolder(AuditStore& store) {
  // Newest first, while a snapshot's file is missing, one row in memory at a
  // time; usually the newest file is there and no row is read.
  int64_t newest = head_.next_seq - 1;
  for (int64_t seq = newest; seq >= 1; --seq) {
    std::string name = seq == newest ? head_.last_file_name : "";
    if (name.empty()) GANDER_RETURN_IF_ERROR(store.ReadSnapshotFileName(seq, &name));
    if (name.empty() || env_.Exists(JoinPath(command_.snapshot_dir, name))) break;  // there, or no such row
    StoredSnapshot row;
    GANDER_RETURN_IF_ERROR(store.ReadSnapshot(seq, &row, &name));
    GANDER_RETURN_IF_ERROR(WriteSnapshotFile(env_, command_.snapshot_dir, name, row.body));
  }
  return Status::OK();
}

Status AuditRecorder::CompleteInterruptedRun(AuditStore& store) {
  // Killed after the snapshot's row and before its file (or a folder
  // configured after the trail began): the files again, from the rows.
  if (!command_.snapshot_dir.empty()) GANDER_RETURN_IF_ERROR(CompleteSnapshotFolder(store));
  // Killed before its snapshot: its events belong to the snapshot this
  // command writes (they name its seq).
  std::vector<AuditEvent> orphans;
  GANDER_RETURN_IF_ERROR(store.ListEvents(&orphans, head_.next_seq));
  for (const AuditEvent& e : orphans) {
    nlohmann::json step = EventToJson(e);
    step["retries"] = 0;
    step["error"] = nullptr;
    step["interrupted"] = true;
    steps_.push_back(SnapshotElementText(step));
  }
  return Status::OK();
}

void AuditRecorder::Chain(AuditEvent* event, bool from_database) {
  if (from_database || reread_head_) {
    // What is committed, or written earlier in the open transaction: a
    // retried, rolled back or lost attempt leaves no hole in the chain.
    int64_t last_id = 0;
    std::string last_sha;
    if (Store().ReadHistoryHead(&last_id, &last_sha).ok()) {
      head_.next_event_id = last_id + 1;
      head_.last_row_sha256 = last_sha;
      reread_head_ = false;
    }
  }
  event->id = head_.next_event_id++;
  event->row_sha256 = HistoryRowHash(head_.last_row_sha256, *event);
  head_.last_row_sha256 = event->row_sha256;
}

AuditEvent AuditRecorder::NewEvent(int64_t version, const std::string& direction, const std::string& outcome,
                                   const std::string& file, const std::string& checksum) {
  AuditEvent e;
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
  // Another attempt of the step whose event is the newest pending one (an
  // --atomic batch never retries, and never holds one step twice in a row):
  // that attempt rolled back, or may have, so the database decides.
  bool retry = !pending_.empty() && pending_.back().version == e.version && pending_.back().direction == e.direction;
  if (retry) {
    head_.next_event_id = pending_.back().id;
    pending_.pop_back();
    head_.last_row_sha256 = pending_.empty() ? committed_row_sha256_ : pending_.back().row_sha256;
  }
  Chain(&e, retry);
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
  if (!pending_.empty()) committed_row_sha256_ = pending_.back().row_sha256;
  pending_.clear();
}

Status AuditRecorder::StepDone(const StepResult& r, const PartChecksums& sums, const Status& status, int retries) {
  if (!started_) return Status::OK();
  if (status.ok() && !pending_.empty()) {
    Keep(pending_.back(), retries, status);
    committed_row_sha256_ = pending_.back().row_sha256;
    pending_.clear();
    return Status::OK();
  }
  pending_.clear();  // rolled back with their attempts
  reread_head_ = true;  // until an event is chained after the database's newest row
  AuditEvent event = NewEvent(r.version, DirectionName(r.direction), r.left_dirty ? "dirty" : "failed", r.file,
                              r.direction == Direction::kUp ? sums.up : sums.down);
  event.duration_ms = r.seconds * 1000;
  event.statements = r.statements_run;
  // The connection may be the thing that failed: the event goes over a new
  // one (issue #17 item 6: a dirty step always has its event).
  Status stored = session_->Alive() ? Status::OK() : session_->Reconnect(std::chrono::seconds(10));
  if (stored.ok() && !r.left_dirty) {
    // What the server holds decides: a marker the failed step could not
    // clear (its connection was gone) leaves it dirty.
    DbVersions versions;
    std::optional<DirtyState> dirty;
    if (session_->ReadState(&versions, &dirty).ok() && dirty && dirty->version == r.version) event.outcome = "dirty";
  }
  if (stored.ok()) {
    Chain(&event, true);
    stored = Store().AppendEvent(event);
    if (stored.ok()) committed_row_sha256_ = event.row_sha256;
  }
  if (!stored.ok()) reread_head_ = true;
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
  // Several may go into one statement: chained in memory, from Start's head.
  Chain(&event, false);
  committed_row_sha256_ = event.row_sha256;
  Keep(event, 0, Status::OK());
  return Store().EventSql(event);
}

nlohmann::json AuditRecorder::SnapshotHead(const Status& outcome, const DbVersions& versions,
                                           nlohmann::json schema, int64_t last_event, const std::string& last_sha) {
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
  if (last_event > 0) snapshot["history_head"] = {{"id", last_event}, {"sha256", last_sha}};
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
  int64_t last_event = 0;
  std::string last_sha;
  GANDER_RETURN_IF_ERROR(Store().ReadHistoryHead(&last_event, &last_sha));
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
    bytes = SerializeSnapshot(SnapshotHead(outcome, versions, std::move(schema_head), last_event, last_sha), arrays);
  }
  std::vector<std::string>().swap(steps_);  // rendered: freed before the database copies the text
  StoredSnapshot row{head_.next_seq, Sha256Hex(bytes), std::move(bytes)};
  std::string file_name = SnapshotFileName(started_at_, row.seq, command_.command);
  GANDER_RETURN_IF_ERROR(Store().InsertSnapshot(row, FormatUtc(started_at_), head_.database_id, file_name));
  head_.last_sha256 = row.sha256;
  if (command_.snapshot_dir.empty()) return Status::OK();  // the table is the record
  return WriteSnapshotFile(env_, command_.snapshot_dir, file_name, row.body);
}

}  // namespace gander
