// Reads a migrations folder as the linter sees it (core/lint/lint.h): every
// migration parsed exactly as gander runs it, with its files' raw text for
// lint-ignore directives. Used by `gander lint` and the up/down pre-flight.
#pragma once

#include <string>
#include <vector>

#include "core/lint/lint.h"
#include "core/status.h"

namespace gander {

// All migrations of `dir` in version order, each in scope and not in a run
// (the caller marks scope and run). File names in the result are `dir`
// joined with the file's name. Errors (discovery, a file that cannot be
// read or parsed) name the file and line, as `validate` reports them.
Status LoadLintMigrations(const std::string& dir, std::vector<lint::LintMigration>* out);

}  // namespace gander
