// Environment substitution for lines under `-- +goose ENVSUB ON`, with the
// syntax goose accepts (docs/file-format.md, "ENVSUB"). Pure: variables come
// from an EnvLookup.
#pragma once

#include <string>
#include <string_view>

#include "core/parser.h"  // EnvLookup
#include "core/status.h"

namespace gander {

// Expands one line of migration text into *out:
//   $VAR, ${VAR}     the value; an unset VAR is an error (goose: empty)
//   ${VAR:-word}     word when VAR is unset or empty
//   ${VAR-word}      word when VAR is unset
//   ${VAR?msg}       error "$VAR: msg" when VAR is unset ("not set" if no msg)
//   ${VAR:off[:len]} a byte slice of the value (negative = from the end)
//   \$ and $$        a literal `$`;  `$(` and a `$` ending the line stay as is
//   \\               stays `\\`
// `word` and `msg` may hold further expansions; results are never expanded
// again. A `$` followed by anything else, or a malformed ${...}, is an error.
// Names are ASCII: a letter, then letters, digits and `_`.
// On error returns Status::Invalid with a one-line message and leaves *out
// unspecified; the caller attaches the file and line.
Status ExpandEnv(std::string_view line, const EnvLookup& env, std::string* out);

}  // namespace gander
