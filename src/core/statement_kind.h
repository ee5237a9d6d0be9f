// What kind of SQL statement a text is, by its first keyword (comments and
// blanks before it skipped). Used to decide what can be re-checked after a
// crash: a schema change can be re-run to learn whether it took effect (it
// then fails with "already exists" or "does not exist"), a data change cannot.
#pragma once

#include <string>

namespace gander {

// The first keyword, upper-cased ("" if none).
std::string FirstKeyword(const std::string& sql);

// CREATE, ALTER, DROP, RENAME, TRUNCATE or COMMENT.
bool IsSchemaStatement(const std::string& sql);

}  // namespace gander
