// validate with a database: how the applied migrations compare with their
// files. Read-only: no lock, nothing created.
#pragma once

#include <string>
#include <vector>

#include "app/session.h"

namespace gander {

struct DriftFinding {
  enum class Kind {
    kMissingFile,  // applied, but no file has its version
    kChanged,      // the file's `part` (up or down) differs from the checksum recorded when it was applied
    kUnrecorded,   // applied without a recorded checksum (by goose, or an older gander)
  };
  Kind kind = Kind::kChanged;
  int64_t version = 0;
  std::string file;  // empty for kMissingFile
  std::string part;  // "up" or "down", for kChanged
};

// Opens the database from `connect` (tracking table `table`), reads the
// applied versions and their recorded checksums, and compares them with
// `sums`, the files' checksums (one per source, ChecksumsOf: no need to keep
// every parsed file). Findings in the order of the applied versions; a
// version's up part before its down part.
Status FindDrift(const ConnectionFactory& connect, const std::string& table, const std::vector<MigrationSource>& sources,
                 const std::vector<PartChecksums>& sums, std::vector<DriftFinding>* findings);

}  // namespace gander
