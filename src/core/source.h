// Discovery: turns the file names of a migrations directory into migration
// sources sorted by version. Pure: the caller lists the directory.
#pragma once

#include <string>
#include <vector>

#include "core/migration.h"
#include "core/status.h"

namespace gander {

// Files not ending in `.sql` are ignored. A `.sql` file whose name does not
// start with a positive 64-bit version followed by `_` is an error naming
// it; two migrations with the same version are an error naming both files;
// a `.down.sql` without its `.up.sql` is an error. Output is sorted by version.
Status DiscoverMigrations(const std::vector<std::string>& file_names,
                          std::vector<MigrationSource>* out);

}  // namespace gander
