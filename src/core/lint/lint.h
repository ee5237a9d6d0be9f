// gander's migration linter: parsed migrations in, findings out (docs/lint.md).
// Pure: the files' texts, the applied history and the settings come in as
// values; nothing is read from disk or a database here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/lint/rules.h"
#include "core/migration.h"

namespace gander::lint {

// One migration as the linter sees it: parsed exactly as gander runs it, with
// the raw text of its file(s) for lint-ignore directives.
struct LintMigration {
  int64_t version = 0;
  std::string file;       // the goose file or the .up.sql file, as findings name it
  std::string down_file;  // the .down.sql file of a pair; "" for goose files (down is in `file`)
  SourceFormat format = SourceFormat::kGoose;
  ParsedMigration parsed;
  std::string text;       // raw text of `file`
  std::string down_text;  // raw text of `down_file`
  // Report findings for this migration. Migrations out of scope (already
  // applied, or before --from) still count as history: what they created.
  bool in_scope = true;
  // Runs in the same deploy as the other in_run migrations (pending ones, or
  // --from V on): a table an earlier in_run migration creates holds no data
  // yet. Without a database or --from, each migration is its own deploy.
  bool in_run = false;
};

// Severities set in gander.json ("lint": {"rules": {"GL110": "off"}}).
struct LintConfig {
  std::map<std::string, Severity> severities;  // rule id -> severity
};

struct LintOptions {
  std::optional<Engine> engine;  // nullopt: only the engine-neutral rules run
  LintConfig config;
};

// Lints `migrations` (sorted by version, all of them: history included).
// Findings come in migration order, up part before down part, by line;
// findings suppressed by a lint-ignore directive are left out (counted in
// *suppressed when given). Rules set "off" produce nothing.
std::vector<Finding> Lint(const std::vector<LintMigration>& migrations, const LintOptions& options,
                          int* suppressed = nullptr);

// What `up` / `down` refuse before anything runs: the error-severity
// findings of `direction` in the in-scope migrations (the plan's). Rules of
// kind kFile (directives, missing down parts) never refuse.
std::vector<Finding> LintForPreflight(const std::vector<LintMigration>& migrations, Direction direction,
                                      const LintOptions& options);

}  // namespace gander::lint
