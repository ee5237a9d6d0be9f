// Reads a migrations folder as the linter sees it (core/lint/lint.h): every
// migration parsed exactly as gander runs it, with its files' raw text for
// lint-ignore directives. Used by `gander lint` and the up/down pre-flight.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "app/env.h"
#include "core/lint/lint.h"
#include "core/status.h"

namespace gander {

// All migrations of `dir` in version order, each in scope and not in a run
// (the caller marks scope and run). File names in the result are `dir`
// joined with the file's name. Errors (discovery, a file that cannot be
// read or parsed) name the file and line, as `validate` reports them; with
// `skip_unparsable`, a migration that cannot be read or parsed is left out
// instead (discovery errors still fail).
Status LoadLintMigrations(Env& env, const std::string& dir, std::vector<lint::LintMigration>* out,
                          bool skip_unparsable = false);
// The same on the process's files and environment (RealEnv), for tests
// that read fixtures in place.
Status LoadLintMigrations(const std::string& dir, std::vector<lint::LintMigration>* out, bool skip_unparsable = false);

// The lint pre-flight of a plan, given as (version, direction) steps: its up
// steps are linted as one run, its down steps as rollbacks, every other
// migration of `dir` counts as history (one that does not parse is left
// out). *refusals gets the error findings of each step's own direction.
Status LintPlan(Env& env, const std::string& dir, const std::vector<std::pair<int64_t, Direction>>& steps,
                const lint::LintOptions& options, std::vector<lint::Finding>* refusals);
// The same with RealEnv.
Status LintPlan(const std::string& dir, const std::vector<std::pair<int64_t, Direction>>& steps,
                const lint::LintOptions& options, std::vector<lint::Finding>* refusals);

// One finding as the pre-flight lists it: `file:line: RULE error: message`.
std::string RefusalLine(const lint::Finding& finding);

// The refusal (exit 3) for non-empty `refusals`: their count and the ways
// out (fix, lint-ignore with a reason, --no-lint). Errors are one line: the
// caller lists the findings themselves, one RefusalLine each, before it.
Status LintRefusal(const std::vector<lint::Finding>& refusals);

}  // namespace gander
