#include "app/lint_input.h"

#include <set>

#include "app/migration_files.h"
#include "app/real_env.h"
#include "core/transaction_needs.h"

namespace gander {

Status LoadLintMigrations(Env& env, const std::string& dir, std::vector<lint::LintMigration>* out,
                          bool skip_unparsable) {
  out->clear();
  std::vector<MigrationSource> sources;
  GANDER_RETURN_IF_ERROR(ListMigrations(env, dir, &sources));
  for (const MigrationSource& s : sources) {
    lint::LintMigration m;
    m.version = s.version;
    m.file = JoinPath(dir, s.file);
    m.down_file = s.down_file.empty() ? "" : JoinPath(dir, s.down_file);
    m.format = s.format;
    Status st = LoadMigration(env, dir, s, &m.parsed);
    if (st.ok() && !s.up_missing) st = env.ReadFile(m.file, &m.text);  // a down-only pair: no up text
    if (st.ok() && !m.down_file.empty()) st = env.ReadFile(m.down_file, &m.down_text);
    if (!st.ok() && skip_unparsable) continue;
    GANDER_RETURN_IF_ERROR(st);
    out->push_back(std::move(m));
  }
  return Status::OK();
}

Status LoadLintMigrations(const std::string& dir, std::vector<lint::LintMigration>* out, bool skip_unparsable) {
  RealEnv env;
  return LoadLintMigrations(env, dir, out, skip_unparsable);
}

Status LintPlan(Env& env, const std::string& dir, const std::vector<std::pair<int64_t, Direction>>& steps,
                const lint::LintOptions& options, std::vector<lint::Finding>* refusals) {
  refusals->clear();
  std::vector<lint::LintMigration> migrations;
  GANDER_RETURN_IF_ERROR(LoadLintMigrations(env, dir, &migrations, /*skip_unparsable=*/true));
  // Linted as they will run: a paired file that writes its own transaction,
  // or needs to run outside one, runs outside gander's (core/transaction_needs.h).
  RunTarget target;
  if (options.engine) target.engine = *options.engine;
  for (lint::LintMigration& m : migrations) DecideTransactions(m.format, target, &m.parsed);
  for (Direction direction : {Direction::kDown, Direction::kUp}) {
    std::set<int64_t> versions;
    for (const auto& [version, d] : steps) {
      if (d == direction) versions.insert(version);
    }
    if (versions.empty()) continue;
    for (lint::LintMigration& m : migrations) {
      m.in_scope = versions.count(m.version) > 0;
      m.in_run = m.in_scope && direction == Direction::kUp;
    }
    for (lint::Finding& f : lint::LintForPreflight(migrations, direction, options)) refusals->push_back(std::move(f));
  }
  return Status::OK();
}

Status LintPlan(const std::string& dir, const std::vector<std::pair<int64_t, Direction>>& steps,
                const lint::LintOptions& options, std::vector<lint::Finding>* refusals) {
  RealEnv env;
  return LintPlan(env, dir, steps, options, refusals);
}

std::string RefusalLine(const lint::Finding& f) {
  return f.file + ":" + std::to_string(f.line) + ": " + f.rule + " " + lint::SeverityName(f.severity) + ": " + f.message;
}

Status LintRefusal(const std::vector<lint::Finding>& refusals) {
  return Status::Refused("lint found " + std::to_string(refusals.size()) + " error" + (refusals.size() == 1 ? "" : "s") +
                         " in the plan, nothing was run (fix them, silence one with `-- gander:lint-ignore RULE "
                         "reason`, see gander lint and docs/lint.md, or skip the check with --no-lint)");
}

}  // namespace gander
