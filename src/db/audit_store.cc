#include "db/audit_store.h"

#include <cstdlib>

#include "core/audit_history.h"

namespace gander {
namespace {

int64_t Int(const Row& row, size_t i) { return std::strtoll(CellText(row, i).c_str(), nullptr, 10); }

}  // namespace

AuditStore::AuditStore(Connection* conn, std::string table) : conn_(conn), table_(std::move(table)) {}

Status AuditStore::EnsureTables() {
  const Dialect& d = conn_->dialect();
  bool exists = false;
  GANDER_RETURN_IF_ERROR(TableExists(*conn_, HistoryTable(), &exists));
  if (exists) {
    bool chained = false;
    GANDER_RETURN_IF_ERROR(HasChainColumn(&chained));
    if (!chained) {
      GANDER_RETURN_IF_ERROR(conn_->Exec("ALTER TABLE " + d.QuoteIdentifier(HistoryTable()) + " ADD COLUMN row_sha256 " +
                                         d.KeyTextType()));
    }
  } else {
    GANDER_RETURN_IF_ERROR(conn_->Exec(
        "CREATE TABLE " + d.QuoteIdentifier(HistoryTable()) + " (id BIGINT NOT NULL PRIMARY KEY, " +
        "snapshot_seq BIGINT NOT NULL, version_id BIGINT NOT NULL, direction " + d.KeyTextType() + " NOT NULL, " +
        "outcome " + d.KeyTextType() + " NOT NULL, file " + d.TextType() + " NOT NULL, checksum " + d.KeyTextType() +
        ", up_sha256 " + d.KeyTextType() + ", down_sha256 " + d.KeyTextType() +
        ", started_at " + d.KeyTextType() + " NOT NULL, duration_us BIGINT NOT NULL, statements INTEGER NOT NULL, " +
        "command " + d.KeyTextType() + " NOT NULL, os_user " + d.TextType() + ", host " + d.TextType() +
        ", row_sha256 " + d.KeyTextType() + ")"));
  }
  chained_ = true;
  GANDER_RETURN_IF_ERROR(TableExists(*conn_, SnapshotTable(), &exists));
  if (!exists) {
    return conn_->Exec("CREATE TABLE " + d.QuoteIdentifier(SnapshotTable()) + " (seq BIGINT NOT NULL PRIMARY KEY, taken_at " +
                       d.KeyTextType() + " NOT NULL, sha256 " + d.KeyTextType() + " NOT NULL, body " + d.TextType() +
                       " NOT NULL, database_id " + d.KeyTextType() + ", file_name " + d.TextType() + ")");
  }
  bool has_id = false;
  GANDER_RETURN_IF_ERROR(ColumnExists(*conn_, SnapshotTable(), "database_id", &has_id));
  if (has_id) return Status::OK();
  // An older gander's table: its rows keep NULL there (ReadHead then reads
  // the newest one's bytes, until this gander's first snapshot).
  GANDER_RETURN_IF_ERROR(conn_->Exec("ALTER TABLE " + d.QuoteIdentifier(SnapshotTable()) + " ADD COLUMN database_id " +
                                     d.KeyTextType()));
  return conn_->Exec("ALTER TABLE " + d.QuoteIdentifier(SnapshotTable()) + " ADD COLUMN file_name " + d.TextType());
}

Status AuditStore::HasChainColumn(bool* has) {
  if (!chained_) {
    bool found = false;
    GANDER_RETURN_IF_ERROR(ColumnExists(*conn_, HistoryTable(), "row_sha256", &found));
    chained_ = found;
  }
  *has = *chained_;
  return Status::OK();
}

Status AuditStore::ReadHistoryHead(int64_t* id, std::string* sha256) {
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn_->Query("SELECT id, row_sha256 FROM " + conn_->dialect().QuoteIdentifier(HistoryTable()) +
                                          " ORDER BY id DESC LIMIT 1",
                                      &rows));
  *id = rows.empty() ? 0 : Int(rows[0], 0);
  *sha256 = rows.empty() ? "" : CellText(rows[0], 1);
  return Status::OK();
}

Status AuditStore::ChainUnhashedRows() {
  std::vector<AuditEvent> events;
  GANDER_RETURN_IF_ERROR(ListEvents(&events));
  std::string previous, sql;
  const Dialect& d = conn_->dialect();
  for (const AuditEvent& e : events) {
    if (!e.row_sha256.empty()) {
      previous = e.row_sha256;
      continue;
    }
    previous = HistoryRowHash(previous, e);
    sql += (sql.empty() ? "" : "; ") + ("UPDATE " + d.QuoteIdentifier(HistoryTable()) + " SET row_sha256 = " +
                                        d.QuoteString(previous) + " WHERE id = " + std::to_string(e.id));
  }
  if (sql.empty()) return Status::OK();
  GANDER_RETURN_IF_ERROR(conn_->Begin());
  Status st = conn_->Exec(sql);
  if (st.ok()) st = conn_->Commit();
  if (!st.ok()) conn_->Rollback().IgnoreError();  // `st` is what to report
  return st;
}

Status AuditStore::ReadHead(AuditHead* head) {
  *head = AuditHead();
  const Dialect& d = conn_->dialect();
  int64_t last_id = 0;
  GANDER_RETURN_IF_ERROR(ReadHistoryHead(&last_id, &head->last_row_sha256));
  head->next_event_id = last_id + 1;
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn_->Query("SELECT seq, sha256, database_id, file_name FROM " +
                                          d.QuoteIdentifier(SnapshotTable()) + " ORDER BY seq DESC LIMIT 1",
                                      &rows));
  if (rows.empty()) return Status::OK();
  int64_t seq = Int(rows[0], 0);
  head->next_seq = seq + 1;
  head->last_sha256 = CellText(rows[0], 1);
  head->database_id = CellText(rows[0], 2);
  head->last_file_name = CellText(rows[0], 3);
  if (!head->database_id.empty()) {
    head->records_history_head = true;  // only this gander fills the column, and it chains every row
    return Status::OK();
  }
  // Written by an older gander: what it knew is in its bytes.
  StoredSnapshot newest;
  GANDER_RETURN_IF_ERROR(ReadSnapshot(seq, &newest, &head->last_file_name));
  nlohmann::json body = nlohmann::json::parse(newest.body, nullptr, false);
  if (body.is_object() && body.contains("database_id") && body["database_id"].is_string()) {
    head->database_id = body["database_id"].get<std::string>();
  }
  head->records_history_head = RecordsHistoryHead(newest.body);
  return Status::OK();
}

Status AuditStore::ReadSnapshot(int64_t seq, StoredSnapshot* snapshot, std::string* file_name) {
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn_->Query("SELECT sha256, body, file_name FROM " +
                                          conn_->dialect().QuoteIdentifier(SnapshotTable()) +
                                          " WHERE seq = " + std::to_string(seq),
                                      &rows));
  if (rows.empty()) return Status::Failed("no snapshot " + std::to_string(seq) + " in " + SnapshotTable());
  *snapshot = {seq, CellText(rows[0], 0), CellText(rows[0], 1)};
  *file_name = CellText(rows[0], 2);
  if (file_name->empty()) *file_name = SnapshotFileNameOf(snapshot->body).value_or("");
  return Status::OK();
}

Status AuditStore::ReadSnapshotFileName(int64_t seq, std::string* file_name) {
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn_->Query("SELECT file_name FROM " + conn_->dialect().QuoteIdentifier(SnapshotTable()) +
                                          " WHERE seq = " + std::to_string(seq),
                                      &rows));
  *file_name = rows.empty() ? "" : CellText(rows[0], 0);
  if (rows.empty() || !file_name->empty()) return Status::OK();
  StoredSnapshot older;  // an older gander's row: the name is in its bytes
  return ReadSnapshot(seq, &older, file_name);
}

std::string AuditStore::EventSql(const AuditEvent& e) const {
  const Dialect& d = conn_->dialect();
  return "INSERT INTO " + d.QuoteIdentifier(HistoryTable()) +
         " (id, snapshot_seq, version_id, direction, outcome, file, checksum, up_sha256, down_sha256, started_at, "
         "duration_us, statements, command, os_user, host, row_sha256) VALUES (" +
         std::to_string(e.id) + ", " + std::to_string(e.snapshot_seq) + ", " + std::to_string(e.version) + ", " +
         d.QuoteString(e.direction) + ", " + d.QuoteString(e.outcome) + ", " + d.QuoteString(e.file) + ", " +
         (e.checksum.empty() ? "NULL" : d.QuoteString(e.checksum)) + ", " +
         (e.up_sha256.empty() ? "NULL" : d.QuoteString(e.up_sha256)) + ", " +
         (e.down_sha256.empty() ? "NULL" : d.QuoteString(e.down_sha256)) + ", " + d.QuoteString(e.started_at) + ", " +
         std::to_string(StoredDurationMicros(e)) + ", " + std::to_string(e.statements) + ", " +
         d.QuoteString(e.command) + ", " + d.QuoteString(e.user) + ", " + d.QuoteString(e.host) + ", " +
         (e.row_sha256.empty() ? "NULL" : d.QuoteString(e.row_sha256)) + ")";
}

Status AuditStore::AppendEvent(const AuditEvent& event) { return conn_->Exec(EventSql(event)); }

Status AuditStore::ListEvents(std::vector<AuditEvent>* events, int64_t from_seq) {
  events->clear();
  bool exists = false;
  GANDER_RETURN_IF_ERROR(TableExists(*conn_, HistoryTable(), &exists));
  if (!exists) return Status::OK();
  bool chained = false;
  GANDER_RETURN_IF_ERROR(HasChainColumn(&chained));
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn_->Query(
      "SELECT id, snapshot_seq, version_id, direction, outcome, file, checksum, started_at, duration_us, "
      "statements, command, os_user, host, up_sha256, down_sha256" + std::string(chained ? ", row_sha256" : "") +
          " FROM " + conn_->dialect().QuoteIdentifier(HistoryTable()) +
          (from_seq > 0 ? " WHERE snapshot_seq >= " + std::to_string(from_seq) : std::string()) + " ORDER BY id",
      &rows));
  for (const Row& r : rows) {
    AuditEvent e;
    e.id = Int(r, 0);
    e.snapshot_seq = Int(r, 1);
    e.version = Int(r, 2);
    e.direction = CellText(r, 3);
    e.outcome = CellText(r, 4);
    e.file = CellText(r, 5);
    e.checksum = CellText(r, 6);
    e.started_at = CellText(r, 7);
    e.duration_ms = static_cast<double>(Int(r, 8)) / 1000.0;
    e.statements = static_cast<int>(Int(r, 9));
    e.command = CellText(r, 10);
    e.user = CellText(r, 11);
    e.host = CellText(r, 12);
    e.up_sha256 = CellText(r, 13);
    e.down_sha256 = CellText(r, 14);
    if (chained) e.row_sha256 = CellText(r, 15);
    events->push_back(e);
  }
  return Status::OK();
}

Status AuditStore::InsertSnapshot(const StoredSnapshot& s, const std::string& taken_at, const std::string& database_id,
                                  const std::string& file_name) {
  const Dialect& d = conn_->dialect();
  auto text_or_null = [&d](const std::string& v) { return v.empty() ? std::string("NULL") : d.QuoteString(v); };
  // The body as a parameter: a snapshot of a large schema is hundreds of KB.
  return conn_->ExecWithParams("INSERT INTO " + d.QuoteIdentifier(SnapshotTable()) +
                                   " (seq, taken_at, sha256, body, database_id, file_name) VALUES (" +
                                   std::to_string(s.seq) + ", " + d.QuoteString(taken_at) + ", " +
                                   d.QuoteString(s.sha256) + ", ?, " + text_or_null(database_id) + ", " +
                                   text_or_null(file_name) + ")",
                               {s.body});
}

Status AuditStore::ListSnapshots(std::vector<StoredSnapshot>* snapshots) {
  snapshots->clear();
  bool exists = false;
  GANDER_RETURN_IF_ERROR(TableExists(*conn_, SnapshotTable(), &exists));
  if (!exists) return Status::OK();
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn_->Query(
      "SELECT seq, sha256, body FROM " + conn_->dialect().QuoteIdentifier(SnapshotTable()) + " ORDER BY seq", &rows));
  for (const Row& r : rows) snapshots->push_back({Int(r, 0), CellText(r, 1), CellText(r, 2)});
  return Status::OK();
}

}  // namespace gander
