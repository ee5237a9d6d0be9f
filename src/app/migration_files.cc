#include "app/migration_files.h"

#include "core/source.h"

namespace gander {

std::string JoinPath(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir == ".") return name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

std::string DirName(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

Status ListMigrations(Env& env, const std::string& dir, std::vector<MigrationSource>* out) {
  std::vector<FolderEntry> entries;
  Status listed = env.ListFolder(dir, &entries);
  if (!listed.ok()) return Status::Invalid("cannot read migrations directory: " + listed.message()).At(dir);
  std::vector<std::string> names;
  for (FolderEntry& entry : entries) {
    // Sub-folders are not migrations (goose reads one level); skip them cheaply.
    if (!entry.is_folder) names.push_back(std::move(entry.name));
  }
  Status st = DiscoverMigrations(names, out);
  if (!st.ok() && !st.file().empty()) st.At(JoinPath(dir, st.file()), st.line());
  return st;
}

Status LoadMigration(Env& env, const std::string& dir, const MigrationSource& source, ParsedMigration* out) {
  *out = ParsedMigration();
  EnvLookup variables = VariablesOf(env);
  std::string text;
  std::string path = JoinPath(dir, source.file);
  GANDER_RETURN_IF_ERROR(env.ReadFile(path, &text));
  if (source.format == SourceFormat::kGoose) return ParseGooseMigration(text, path, variables, out);

  GANDER_RETURN_IF_ERROR(ParsePairedPart(text, path, variables, &out->up));
  if (!source.down_file.empty()) {
    std::string down_path = JoinPath(dir, source.down_file);
    GANDER_RETURN_IF_ERROR(env.ReadFile(down_path, &text));
    MigrationPart down;
    GANDER_RETURN_IF_ERROR(ParsePairedPart(text, down_path, variables, &down));
    out->down = std::move(down);
  }
  return Status::OK();
}

}  // namespace gander
