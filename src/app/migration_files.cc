#include "app/migration_files.h"

#include <cctype>

#include "core/lint/sql_types.h"
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

namespace {

// Both parts, each with its own problem; only what no part can hold is returned.
Status LoadParts(Env& env, const std::string& dir, const MigrationSource& source, ParsedMigration* out) {
  *out = ParsedMigration();
  EnvLookup variables = VariablesOf(env);
  std::string text;
  std::string path = JoinPath(dir, source.file);
  if (!source.up_missing) GANDER_RETURN_IF_ERROR(env.ReadFile(path, &text));
  if (source.format == SourceFormat::kGoose) return ParseGooseSections(text, path, variables, out);

  // The files of a pair are independent: each one's problem is its part's.
  Status st = source.up_missing ? Status::OK() : ParsePairedPart(text, path, variables, &out->up);
  if (!st.ok() && out->up.problem.ok()) out->up.problem = st;
  if (!source.down_file.empty()) {
    std::string down_path = JoinPath(dir, source.down_file);
    GANDER_RETURN_IF_ERROR(env.ReadFile(down_path, &text));
    MigrationPart down;
    st = ParsePairedPart(text, down_path, variables, &down);
    if (!st.ok() && down.problem.ok()) down.problem = st;
    out->down = std::move(down);
  }
  return Status::OK();
}

// "PostgreSQL 15.18" -> 15; 0 when there is no number.
int MajorVersion(const std::string& server_version) {
  size_t digit = server_version.find_first_of("0123456789");
  if (digit == std::string::npos) return 0;
  int major = 0;
  for (size_t i = digit; i < server_version.size() && std::isdigit(static_cast<unsigned char>(server_version[i])); ++i) {
    if (major > 100000) break;
    major = major * 10 + (server_version[i] - '0');
  }
  return major;
}

}  // namespace

Status LoadMigration(Env& env, const std::string& dir, const MigrationSource& source, ParsedMigration* out) {
  GANDER_RETURN_IF_ERROR(LoadParts(env, dir, source, out));
  std::vector<Status> problems;
  if (!out->up.problem.ok()) problems.push_back(out->up.problem);
  if (out->down && !out->down->problem.ok()) problems.push_back(out->down->problem);
  return Status::Combine(std::move(problems), "in " + JoinPath(dir, source.file));
}

Status LoadMigrationToRun(Env& env, const std::string& dir, const MigrationSource& source, const RunTarget& target,
                          ParsedMigration* out) {
  GANDER_RETURN_IF_ERROR(LoadParts(env, dir, source, out));
  DecideTransactions(source.format, target, out);
  return Status::OK();
}

RunTarget RunTargetOf(Connection& conn) {
  RunTarget target;
  target.engine = lint::EngineFromName(conn.dialect().name()).value_or(lint::Engine::kSqlite);
  if (target.engine == lint::Engine::kPostgres) target.server_major = MajorVersion(conn.ServerVersion());
  return target;
}

}  // namespace gander
