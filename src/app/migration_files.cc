#include "app/migration_files.h"

#include <dirent.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

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

Status ListMigrations(const std::string& dir, std::vector<MigrationSource>* out) {
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) {
    return Status::Invalid(std::string("cannot read migrations directory: ") + std::strerror(errno)).At(dir);
  }
  std::vector<std::string> names;
  while (dirent* entry = readdir(d)) {
    std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    // Sub-folders are not migrations (goose reads one level); skip them cheaply.
    if (entry->d_type == DT_DIR) continue;
    names.push_back(std::move(name));
  }
  closedir(d);
  Status st = DiscoverMigrations(names, out);
  if (!st.ok() && !st.file().empty()) st.At(JoinPath(dir, st.file()), st.line());
  return st;
}

Status ReadWholeFile(const std::string& path, std::string* out) {
  struct stat info;
  if (stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    return Status::Invalid("is a directory, not a file").At(path);  // any file gander reads: migrations, .env, targets, state
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Invalid(std::string("cannot read file: ") + std::strerror(errno)).At(path);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Status::Invalid("error while reading file").At(path);
  *out = buf.str();
  return Status::OK();
}

Status LoadMigration(const std::string& dir, const MigrationSource& source, const EnvLookup& env,
                     ParsedMigration* out) {
  *out = ParsedMigration();
  std::string text;
  std::string path = JoinPath(dir, source.file);
  GANDER_RETURN_IF_ERROR(ReadWholeFile(path, &text));
  if (source.format == SourceFormat::kGoose) return ParseGooseMigration(text, path, env, out);

  GANDER_RETURN_IF_ERROR(ParsePairedPart(text, path, env, &out->up));
  if (!source.down_file.empty()) {
    std::string down_path = JoinPath(dir, source.down_file);
    GANDER_RETURN_IF_ERROR(ReadWholeFile(down_path, &text));
    MigrationPart down;
    GANDER_RETURN_IF_ERROR(ParsePairedPart(text, down_path, env, &down));
    out->down = std::move(down);
  }
  return Status::OK();
}

EnvLookup ProcessEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

}  // namespace gander
