#include "app/snapshot_files.h"

#include <algorithm>

#include "app/migration_files.h"

namespace gander {

Status WriteSnapshotFile(Env& env, const std::string& dir, const std::string& name, const std::string& bytes) {
  Status made = env.CreateFolders(dir, 0700);
  if (!made.ok()) return Status::Failed("creating snapshot folder " + dir + ": " + made.message());
  return env.WriteFileAtomically(JoinPath(dir, name), bytes, 0600);
}

std::string UnusedDefaultSnapshotFolder(Env& env, const std::string& migrations_dir, const std::string& configured) {
  if (!configured.empty()) return "";
  std::string old_default = JoinPath(migrations_dir, ".gander/snapshots");
  return env.IsFolder(old_default) ? old_default : "";
}

Status ReadSnapshotFolder(Env& env, const std::string& dir, std::vector<SnapshotFile>* files) {
  files->clear();
  if (!env.IsFolder(dir)) return Status::OK();
  std::vector<FolderEntry> entries;
  Status listed = env.ListFolder(dir, &entries);
  if (!listed.ok()) return Status::Failed("reading snapshot folder " + dir + ": " + listed.message());
  for (const FolderEntry& entry : entries) {
    const std::string& name = entry.name;
    bool json = name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0;
    if (name.empty() || name[0] == '.' || !json) continue;
    SnapshotFile file{name, ""};
    GANDER_RETURN_IF_ERROR(env.ReadFile(JoinPath(dir, name), &file.bytes));
    files->push_back(std::move(file));
  }
  std::sort(files->begin(), files->end(), [](const SnapshotFile& a, const SnapshotFile& b) { return a.name < b.name; });
  return Status::OK();
}

}  // namespace gander
