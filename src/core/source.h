// Discovery: turns the file names of a migrations directory into migration
// sources sorted by version. Pure: the caller lists the directory.
#pragma once

#include <string>
#include <vector>

#include "core/migration.h"
#include "core/status.h"

namespace gander {

// Files not ending in `.sql` are ignored. A `.sql` file whose name holds a
// control character (a byte below 0x20, DEL, or a UTF-8 C1 control U+0080 to
// U+009F) is an error, the name shown escaped: it would break gander's
// one-line output (a newline) or steer a terminal (ESC). Up and down files pair by version
// (`1_x..up.sql` with `1_x.down.sql`). Errors, each naming its file: a
// `.sql` file whose name does not start with a 64-bit version followed by
// `_`; version 0 in a goose file (paired folders may start at 0, as
// golang-migrate allows); two migrations with the same version (naming all
// their files); a `.down.sql` without its `.up.sql`. Every problem is
// reported (Status::Combine), and then *out is empty. Output is sorted by
// version.
Status DiscoverMigrations(const std::vector<std::string>& file_names,
                          std::vector<MigrationSource>* out);

// `name` with each control character written as an escape (\n, \t, \r,
// \x01, \x7f, \u009b) and a backslash as \\; other bytes unchanged.
std::string EscapeControlCharacters(const std::string& name);

}  // namespace gander
