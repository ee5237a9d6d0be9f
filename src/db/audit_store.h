// gander's audit tables, companions of the tracking table:
//   <table>_history    one row per migration step (and force/repair), never
//                      deleted, so the history survives rollbacks; applied
//                      events also hold the checksums drift is checked against;
//   <table>_snapshots  one JSON version snapshot per changing command, with
//                      the SHA-256 of its bytes (core/audit.h).
// All SQL comes from the connection's Dialect.
#pragma once

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
  std::string last_body;     // the newest snapshot's bytes, empty before the first
};

class AuditStore {
 public:
  // `table` is the validated tracking table name.
  AuditStore(Connection* conn, std::string table);

  // Creates both tables if missing, and adds the chain column (row_sha256)
  // to a history table made by an older gander.
  Status EnsureTables();
  // The newest history row's id and chain hash (0 and "" if none): what the
  // next row chains to. Reads through the connection's open transaction.
  Status ReadHistoryHead(int64_t* id, std::string* sha256);
  // Chains rows that have no hash yet (written by an older gander), in id
  // order after the last hashed row, in one transaction.
  Status ChainUnhashedRows();
  // Reads the head of the chain (after EnsureTables).
  Status ReadHead(AuditHead* head);

  // SQL inserting one history row (run inside the migration's transaction,
  // so that the event commits or rolls back with the step it describes).
  std::string EventSql(const AuditEvent& event) const;
  // Inserts one history row on its own (a failed step, after its rollback).
  Status AppendEvent(const AuditEvent& event);
  // Every history row in id order (row_sha256 "" where the table has no
  // chain column yet), or only those naming snapshot `from_seq` or later;
  // none if the table does not exist.
  Status ListEvents(std::vector<AuditEvent>* events, int64_t from_seq = 0);

  Status InsertSnapshot(const StoredSnapshot& snapshot, const std::string& taken_at);
  // Every snapshot in seq order; none if the table does not exist.
  Status ListSnapshots(std::vector<StoredSnapshot>* snapshots);

 private:
  std::string HistoryTable() const { return table_ + kHistoryTableSuffix; }
  std::string SnapshotTable() const { return table_ + kSnapshotsTableSuffix; }
  Status HasChainColumn(bool* has);

  Connection* conn_;
  std::string table_;
};

}  // namespace gander
