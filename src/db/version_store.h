// goose's tracking table and gander's companion tables, engine-neutral:
// all SQL comes from the connection's Dialect.
//
// Companion tables are named after the tracking table (`<table>_dirty`, ...),
// created on first use, and never needed by goose.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/checksum.h"
#include "core/planner.h"
#include "db/companion_tables.h"
#include "db/connection.h"

namespace gander {

// A migration that started without atomicity (NO TRANSACTION, or DDL on an
// engine that commits it implicitly) and did not finish.
struct DirtyState {
  int64_t version = 0;
  Direction direction = Direction::kUp;
  int statements_done = 0;   // statements known to have taken effect
  int statements_total = 0;
  // Statement statements_done + 1 was running when gander stopped (killed,
  // lost connection): it may or may not have taken effect.
  bool in_flight = false;
  std::string file;
  std::string error;         // empty while running, or if the process died
  std::string started_at;
};

// Checksums of an applied migration's parts (core/checksum.h PartChecksum);
// down is empty when the migration had no down part. Recorded with the
// migration's event in `<table>_history` (db/audit_store.h), in the same
// transaction as its tracking row.
struct PartChecksums {
  std::string up;
  std::string down;
};

// Both parts' checksums of `m`, as the files are.
inline PartChecksums ChecksumsOf(const ParsedMigration& m) { return {PartChecksum(m.up), PartChecksum(m.down)}; }

class VersionStore {
 public:
  // `table` must already be validated (ValidateTableName).
  VersionStore(Connection* conn, std::string table);

  const std::string& table() const { return table_; }

  // Creates the tracking table and its version-0 row in one transaction if it
  // does not exist yet, exactly as goose does.
  Status EnsureVersionTable();
  // Creates the tracking table (which must not exist yet) with goose's
  // version-0 row, then a row for each of `applied` in order (RecordSql), then
  // runs `also_sql` (may be empty): all in one transaction where DDL is
  // transactional; elsewhere (MySQL) the CREATE commits on its own and the
  // rows follow in one transaction. For taking over a database another tool
  // migrated (app/adopt.h).
  Status CreateVersionTableWith(const std::vector<int64_t>& applied, const std::string& also_sql);
  // All tracking rows; an absent table has none.
  Status ListRows(std::vector<TrackingRow>* rows);
  // ListRows and ReadDirty together, asking whether both tables exist in
  // one query: a read of the state costs two or three round trips, not four.
  Status ReadState(std::vector<TrackingRow>* rows, std::optional<DirtyState>* dirty);
  // Whether the tracking table is known to exist (seen by a read, or created).
  bool tracking_table_known() const { return tracking_table_known_; }

  // SQL recording that a version was applied / rolled back (run inside the
  // migration's own transaction).
  std::string RecordSql(Direction direction, int64_t version) const;

  // The checksums recorded for each version by its latest applied, forced,
  // repaired, checksum-adopted or adopted (app/adopt.h) history event (none if that event has none, or if
  // there is no history yet). Callers look up applied versions only.
  Status ReadChecksums(std::map<int64_t, PartChecksums>* out);

  // The unfinished non-atomic migration, if any.
  Status ReadDirty(std::optional<DirtyState>* out);
  // Writes (replaces) the dirty marker atomically, in its own transaction:
  // whatever happens, the old marker or the new one is there. Not inside an
  // open transaction (WriteDirtyAndCommit).
  Status WriteDirty(const DirtyState& state);
  // The same inside the caller's open transaction, then COMMIT, in one round
  // trip: the marker commits with the statements before it. On failure the
  // transaction is left to the caller to roll back.
  Status WriteDirtyAndCommit(const DirtyState& state);
  // SQL deleting the dirty marker (run with the tracking row's change).
  std::string ClearDirtySql() const;
  Status ClearDirty();

 private:
  std::string DirtyTable() const { return table_ + kDirtyTableSuffix; }
  std::string HistoryTable() const { return table_ + kHistoryTableSuffix; }
  Status EnsureDirtyTable();
  std::string ReplaceDirtySql(const DirtyState& state) const;
  // goose's INSERT of an applied row, its tstamp in UTC (Dialect::TrackingTimeWrite).
  std::string InsertRowSql(int64_t version) const;

  Connection* conn_;
  std::string table_;
  bool dirty_table_known_ = false;
  bool tracking_table_known_ = false;
  Status ReadRows(std::vector<TrackingRow>* rows);
  Status ReadDirtyRow(std::optional<DirtyState>* out);
  // The smallest row id of each version seen by ListRows: a rollback deletes
  // `WHERE id >= first AND version_id = v`, the same rows as goose's
  // `WHERE version_id = v` (later rows have larger ids), found through the
  // primary key instead of a scan of goose's unindexed version_id.
  std::map<int64_t, int64_t> first_row_id_;
};

}  // namespace gander
