// `fix`: renumber timestamp-versioned migrations sequentially (goose's fix).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/migration.h"

namespace gander {

struct Rename {
  std::string from;
  std::string to;
};

// Timestamped migrations (version > kTimestampVersionFloor), in version
// order, get the versions after the highest sequential one, as %05d; the
// rest of each file name is kept; both files of a pair are renamed.
std::vector<Rename> PlanFix(const std::vector<MigrationSource>& sources);

}  // namespace gander
