#include "db/version_store.h"

#include <cstdlib>

namespace gander {

VersionStore::VersionStore(Connection* conn, std::string table)
    : conn_(conn), table_(std::move(table)) {}

Status VersionStore::EnsureVersionTable() {
  if (tracking_table_known_) return Status::OK();
  bool exists = false;
  GANDER_RETURN_IF_ERROR(TableExists(*conn_, table_, &exists));
  if (!exists) GANDER_RETURN_IF_ERROR(CreateVersionTableWith({}, ""));
  tracking_table_known_ = true;
  return Status::OK();
}

Status VersionStore::CreateVersionTableWith(const std::vector<int64_t>& applied, const std::string& also_sql) {
  const Dialect& d = conn_->dialect();
  std::string rows = InsertRowSql(0);
  for (int64_t version : applied) rows += "; " + RecordSql(Direction::kUp, version);
  if (!also_sql.empty()) rows += "; " + also_sql;
  // Where DDL commits implicitly, the rows get a transaction of their own.
  Status st = d.transactional_ddl() ? conn_->Begin() : conn_->Exec(d.CreateVersionTable(table_));
  if (st.ok()) st = d.transactional_ddl() ? conn_->Exec(d.CreateVersionTable(table_)) : conn_->Begin();
  if (st.ok()) st = conn_->Exec(rows);
  if (st.ok()) st = conn_->Commit();
  if (!st.ok()) {
    conn_->Rollback().IgnoreError();  // `st` is the error to report
    return st.Prepend("creating tracking table " + table_);
  }
  return Status::OK();
}

Status VersionStore::ListRows(std::vector<TrackingRow>* out) {
  out->clear();
  bool exists = tracking_table_known_;
  if (!exists) GANDER_RETURN_IF_ERROR(TableExists(*conn_, table_, &exists));
  if (!exists) return Status::OK();
  tracking_table_known_ = true;
  return ReadRows(out);
}

Status VersionStore::ReadState(std::vector<TrackingRow>* rows, std::optional<DirtyState>* dirty) {
  rows->clear();
  dirty->reset();
  if (!tracking_table_known_ || !dirty_table_known_) {
    std::vector<bool> exists;
    GANDER_RETURN_IF_ERROR(TablesExist(*conn_, {table_, DirtyTable()}, &exists));
    tracking_table_known_ = tracking_table_known_ || exists[0];
    dirty_table_known_ = dirty_table_known_ || exists[1];
  }
  if (tracking_table_known_) GANDER_RETURN_IF_ERROR(ReadRows(rows));
  return dirty_table_known_ ? ReadDirtyRow(dirty) : Status::OK();
}

Status VersionStore::ReadRows(std::vector<TrackingRow>* out) {
  out->clear();
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn_->Query("SELECT id, version_id, is_applied, " + conn_->dialect().TrackingTimeRead() +
                                      " FROM " +
                                      conn_->dialect().QuoteIdentifier(table_) + " ORDER BY id",
                                      &rows));
  for (const Row& row : rows) {
    if (row.size() < 4 || !row[0] || !row[1] || !row[2]) {
      return Status::Failed("tracking table " + table_ + " has a row with NULL id, version_id or is_applied");
    }
    TrackingRow r;
    r.id = std::strtoll(row[0]->c_str(), nullptr, 10);
    r.version = std::strtoll(row[1]->c_str(), nullptr, 10);
    r.applied = *row[2] == "1" || *row[2] == "t" || *row[2] == "true";
    r.tstamp = row[3].value_or("").substr(0, 19);  // drop fractional seconds (PostgreSQL)
    auto first = first_row_id_.find(r.version);
    if (first == first_row_id_.end() || r.id < first->second) first_row_id_[r.version] = r.id;
    out->push_back(r);
  }
  return Status::OK();
}

std::string VersionStore::RecordSql(Direction direction, int64_t version) const {
  const Dialect& d = conn_->dialect();
  std::string table = d.QuoteIdentifier(table_);
  std::string v = std::to_string(version);
  if (direction == Direction::kDown && version == 0) {
    // Migration 0 of a paired folder: every version-0 row but goose's own,
    // the oldest, which the table keeps (core/planner.h). The derived table
    // lets MySQL read the table it deletes from.
    return "DELETE FROM " + table + " WHERE version_id = 0 AND id > (SELECT first_id FROM (SELECT MIN(id) AS "
           "first_id FROM " + table + " WHERE version_id = 0) AS goose_zero)";
  }
  if (direction == Direction::kDown) {
    auto first = first_row_id_.find(version);
    std::string from_id = first == first_row_id_.end() ? "" : "id >= " + std::to_string(first->second) + " AND ";
    return "DELETE FROM " + table + " WHERE " + from_id + "version_id = " + v;
  }
  return InsertRowSql(version);
}

std::string VersionStore::InsertRowSql(int64_t version) const {
  const Dialect& d = conn_->dialect();
  std::string table = d.QuoteIdentifier(table_);
  std::string insert = "INSERT INTO " + table + " (version_id, is_applied) VALUES (" + std::to_string(version) + ", " +
                       d.BoolLiteral(true) + ")";
  // goose's own INSERT, then the time in UTC where the column's default is
  // the session's local time: the row is the newest (the migration lock).
  std::string time = d.TrackingTimeWrite();
  if (time.empty()) return insert;
  return insert + "; UPDATE " + table + " SET tstamp = " + time + " WHERE id = (SELECT max(id) FROM " + table + ")";
}

Status VersionStore::ReadChecksums(std::map<int64_t, PartChecksums>* out) {
  out->clear();
  bool exists = false;
  GANDER_RETURN_IF_ERROR(TableExists(*conn_, HistoryTable(), &exists));
  if (!exists) return Status::OK();
  std::string history = conn_->dialect().QuoteIdentifier(HistoryTable());
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn_->Query(
      "SELECT h.version_id, h.up_sha256, h.down_sha256 FROM " + history + " h JOIN (SELECT MAX(id) AS id FROM " +
          history +
          " WHERE outcome IN ('applied', 'forced_applied', 'checksum_repaired', 'checksum_adopted', 'adopted') "
          "GROUP BY version_id) latest ON latest.id = h.id WHERE h.up_sha256 IS NOT NULL",
      &rows));
  for (const Row& row : rows) {
    (*out)[std::strtoll(row[0].value_or("0").c_str(), nullptr, 10)] = {row[1].value_or(""), row[2].value_or("")};
  }
  return Status::OK();
}

Status VersionStore::EnsureDirtyTable() {
  if (dirty_table_known_) return Status::OK();
  bool exists = false;
  GANDER_RETURN_IF_ERROR(TableExists(*conn_, DirtyTable(), &exists));
  if (!exists) {
    const Dialect& d = conn_->dialect();
    GANDER_RETURN_IF_ERROR(conn_->Exec(
        "CREATE TABLE " + d.QuoteIdentifier(DirtyTable()) + " (version_id BIGINT NOT NULL PRIMARY KEY, " +
        "direction " + d.KeyTextType() + " NOT NULL, statements_done INTEGER NOT NULL, " +
        "statements_total INTEGER NOT NULL, in_flight INTEGER NOT NULL, file " + d.TextType() +
        " NOT NULL, error " + d.TextType() +
        ", started_at " + d.TextType() + " NOT NULL)"));
  }
  dirty_table_known_ = true;
  return Status::OK();
}

Status VersionStore::ReadDirty(std::optional<DirtyState>* out) {
  out->reset();
  bool exists = dirty_table_known_;
  if (!exists) GANDER_RETURN_IF_ERROR(TableExists(*conn_, DirtyTable(), &exists));
  if (!exists) return Status::OK();
  dirty_table_known_ = true;
  return ReadDirtyRow(out);
}

Status VersionStore::ReadDirtyRow(std::optional<DirtyState>* out) {
  out->reset();
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn_->Query(
      "SELECT version_id, direction, statements_done, statements_total, file, error, started_at, in_flight FROM " +
          conn_->dialect().QuoteIdentifier(DirtyTable()) + " ORDER BY version_id",
      &rows));
  if (rows.empty()) return Status::OK();
  const Row& row = rows.front();
  DirtyState s;
  s.version = std::strtoll(row[0].value_or("0").c_str(), nullptr, 10);
  s.direction = row[1].value_or("up") == "down" ? Direction::kDown : Direction::kUp;
  s.statements_done = std::atoi(row[2].value_or("0").c_str());
  s.statements_total = std::atoi(row[3].value_or("0").c_str());
  s.file = row[4].value_or("");
  s.error = row[5].value_or("");
  s.started_at = row[6].value_or("");
  s.in_flight = row[7].value_or("0") != "0";
  *out = s;
  return Status::OK();
}

Status VersionStore::WriteDirty(const DirtyState& s) {
  GANDER_RETURN_IF_ERROR(EnsureDirtyTable());
  // One transaction in one round trip: a kill (or a lost connection) leaves
  // the old marker or the new one, never none (autocommitted, the DELETE and
  // the INSERT would commit apart: issue #17 item 4).
  Status st = conn_->Exec("BEGIN; " + ReplaceDirtySql(s) + "; COMMIT");
  if (!st.ok() && !st.outcome_unknown()) conn_->Rollback().IgnoreError();  // `st` is what to report
  return st;
}

Status VersionStore::WriteDirtyAndCommit(const DirtyState& s) {
  GANDER_RETURN_IF_ERROR(EnsureDirtyTable());
  return conn_->Exec(ReplaceDirtySql(s) + "; COMMIT");
}

std::string VersionStore::ReplaceDirtySql(const DirtyState& s) const {
  const Dialect& d = conn_->dialect();
  return ClearDirtySql() + "; INSERT INTO " + d.QuoteIdentifier(DirtyTable()) +
         " (version_id, direction, statements_done, statements_total, in_flight, file, error, started_at)"
         " VALUES (" + std::to_string(s.version) + ", '" + DirectionName(s.direction) + "', " +
         std::to_string(s.statements_done) + ", " + std::to_string(s.statements_total) + ", " +
         (s.in_flight ? "1" : "0") + ", " + d.QuoteString(s.file) + ", " +
         (s.error.empty() ? "NULL" : d.QuoteString(s.error)) + ", " + d.TimestampNow() + ")";
}

std::string VersionStore::ClearDirtySql() const {
  return "DELETE FROM " + conn_->dialect().QuoteIdentifier(DirtyTable());
}

Status VersionStore::ClearDirty() {
  GANDER_RETURN_IF_ERROR(EnsureDirtyTable());
  return conn_->Exec(ClearDirtySql());
}

}  // namespace gander
