#include "app/lint_input.h"

#include "app/migration_files.h"

namespace gander {

Status LoadLintMigrations(const std::string& dir, std::vector<lint::LintMigration>* out) {
  out->clear();
  std::vector<MigrationSource> sources;
  GANDER_RETURN_IF_ERROR(ListMigrations(dir, &sources));
  EnvLookup env = ProcessEnv();
  for (const MigrationSource& s : sources) {
    lint::LintMigration m;
    m.version = s.version;
    m.file = JoinPath(dir, s.file);
    m.down_file = s.down_file.empty() ? "" : JoinPath(dir, s.down_file);
    GANDER_RETURN_IF_ERROR(LoadMigration(dir, s, env, &m.parsed));
    GANDER_RETURN_IF_ERROR(ReadWholeFile(m.file, &m.text));
    if (!m.down_file.empty()) GANDER_RETURN_IF_ERROR(ReadWholeFile(m.down_file, &m.down_text));
    out->push_back(std::move(m));
  }
  return Status::OK();
}

}  // namespace gander
