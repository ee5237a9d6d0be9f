// The tables gander keeps beside goose's tracking table, named after it
// (`goose_db_version_history`, ...): every suffix in one place, so that a
// table name's length is checked against the longest (ValidateTableNameFor,
// db/engine_registry.h). The lease lock's table (db/lease_lock.h) has a fixed
// name and the locks' names come from the database, not from the table.
#pragma once

#include <string>
#include <vector>

namespace gander {

inline constexpr const char* kDirtyTableSuffix = "_dirty";          // db/version_store.h
inline constexpr const char* kHistoryTableSuffix = "_history";      // db/version_store.h, db/audit_store.h
inline constexpr const char* kSnapshotsTableSuffix = "_snapshots";  // db/audit_store.h

inline const std::vector<std::string>& CompanionTableSuffixes() {
  static const std::vector<std::string> suffixes = {kDirtyTableSuffix, kHistoryTableSuffix, kSnapshotsTableSuffix};
  return suffixes;
}

}  // namespace gander
