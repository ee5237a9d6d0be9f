// gander's audit tables, companions of the tracking table:
//   <table>_history    one row per migration step (and force/repair), never
//                      deleted, so the history survives rollbacks; applied
//                      events also hold the checksums drift is checked against;
//   <table>_snapshots  one JSON version snapshot per changing command, with
//                      the SHA-256 of its bytes (core/audit.h), its chain's
//                      database_id and the name of its file (so that the next
//                      command reads neither from its bytes).
// All SQL comes from the connection's Dialect.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/audit.h"
#include "db/companion_tables.h"
#include "db/connection.h"

namespace gander {

// Where the chain stands: the next numbers to use and the newest snapshot.
struct AuditHead {
  int64_t next_event_id = 1;
  std::string last_row_sha256;  // the newest history row's chain hash
  int64_t next_seq = 1;
  std::string last_sha256;   // empty before the first snapshot
  std::string database_id;   // empty before the first snapshot
  std::string last_file_name;  // the newest snapshot's file name (SnapshotFileName), empty before the first
  // Whether the newest snapshot records the history's newest row
  // (`history_head`, core/audit_history.h): written by a gander that chains
  // history rows. False before the first snapshot.
  bool records_history_head = false;
};

class AuditStore {
 public:
  // `table` is the validated tracking table name.
  // Caches what it learns of the tables' columns: make one per connection.
  AuditStore(Connection* conn, std::string table);

  Connection* connection() const { return conn_; }

  // Creates both tables if missing, and adds the columns an older gander's
  // tables lack: the history's chain column (row_sha256), the snapshots'
  // database_id and file_name.
  Status EnsureTables();
  // The newest history row's id and chain hash (0 and "" if none): what the
  // next row chains to. Reads through the connection's open transaction.
  Status ReadHistoryHead(int64_t* id, std::string* sha256);
  // Chains rows that have no hash yet (written by an older gander), in id
  // order after the last hashed row, in one transaction.
  Status ChainUnhashedRows();
  // Reads the head of the chain (after EnsureTables): two short rows. Only a
  // newest snapshot written by an older gander (no database_id column value)
  // is read whole, once, to take these from its bytes.
  Status ReadHead(AuditHead* head);
  // One snapshot (after EnsureTables) and the name of its file (from its
  // bytes for an older gander's row); an error if there is no such row.
  Status ReadSnapshot(int64_t seq, StoredSnapshot* snapshot, std::string* file_name);
  // Only the name of snapshot `seq`'s file; "" if there is no such row (or
  // an older gander's row whose bytes hold no name).
  Status ReadSnapshotFileName(int64_t seq, std::string* file_name);

  // SQL inserting one history row (run inside the migration's transaction,
  // so that the event commits or rolls back with the step it describes).
  std::string EventSql(const AuditEvent& event) const;
  // Inserts one history row on its own (a failed step, after its rollback).
  Status AppendEvent(const AuditEvent& event);
  // Every history row in id order (row_sha256 "" where the table has no
  // chain column yet), or only those naming snapshot `from_seq` or later;
  // none if the table does not exist.
  Status ListEvents(std::vector<AuditEvent>* events, int64_t from_seq = 0);

  // `database_id` and `file_name` may be empty (stored as NULL).
  Status InsertSnapshot(const StoredSnapshot& snapshot, const std::string& taken_at,
                        const std::string& database_id = "", const std::string& file_name = "");
  // Every snapshot in seq order; none if the table does not exist.
  Status ListSnapshots(std::vector<StoredSnapshot>* snapshots);

 private:
  std::string HistoryTable() const { return table_ + kHistoryTableSuffix; }
  std::string SnapshotTable() const { return table_ + kSnapshotsTableSuffix; }
  // Whether the history table has row_sha256; asked once per store.
  Status HasChainColumn(bool* has);

  Connection* conn_;
  std::string table_;
  std::optional<bool> chained_;
};

}  // namespace gander
