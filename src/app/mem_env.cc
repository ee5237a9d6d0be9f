#include "app/mem_env.h"

#include "app/migration_files.h"

namespace gander {
namespace {

// "./m/x.sql" -> "m/x.sql", "m/" -> "m", "" and "./" -> ".".
std::string Normalize(std::string path) {
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path.empty() ? "." : path;
}

std::string Parent(const std::string& norm) { return norm == "." ? "" : DirName(norm); }

std::string BaseName(const std::string& norm) { return norm.substr(norm.rfind('/') + 1); }

}  // namespace

MemEnv::MemEnv()
    : wall_(std::chrono::system_clock::from_time_t(1767323045)),  // 2026-01-02T03:04:05Z
      steady_(std::chrono::hours(1000)) {}

void MemEnv::AddFile(const std::string& path, const std::string& bytes, unsigned mode) {
  files_[Normalize(path)] = {bytes, mode};
}

void MemEnv::AddFolder(const std::string& path) { folders_.insert(Normalize(path)); }

void MemEnv::RemoveFile(const std::string& path) { files_.erase(Normalize(path)); }

bool MemEnv::HasFile(const std::string& path) const { return files_.count(Normalize(path)) > 0; }

std::string MemEnv::FileText(const std::string& path) const {
  auto it = files_.find(Normalize(path));
  return it == files_.end() ? "" : it->second.bytes;
}

unsigned MemEnv::FileMode(const std::string& path) const {
  auto it = files_.find(Normalize(path));
  return it == files_.end() ? 0 : it->second.mode;
}

std::vector<std::string> MemEnv::Files() const {
  std::vector<std::string> paths;
  for (const auto& [path, file] : files_) paths.push_back(path);
  return paths;
}

void MemEnv::Advance(std::chrono::milliseconds by) {
  wall_ += by;
  steady_ += by;
}

void MemEnv::FailWrites(const std::string& prefix, const std::string& reason) {
  failing_writes_[Normalize(prefix)] = reason;
}

void MemEnv::SleepFor(std::chrono::milliseconds delay) {
  sleeps_.push_back(delay);
  Advance(delay);
}

double MemEnv::RandomUnit() {
  if (randoms_.empty()) return 0.5;
  double next = randoms_.front();
  randoms_.pop_front();
  return next;
}

std::optional<std::string> MemEnv::GetEnv(const std::string& name) {
  auto it = vars_.find(name);
  if (it == vars_.end()) return std::nullopt;
  return it->second;
}

bool MemEnv::FolderExists(const std::string& norm) const {
  if (norm == "." || folders_.count(norm)) return true;
  for (const auto& [path, file] : files_) {
    for (std::string up = Parent(path); !up.empty() && up != "."; up = Parent(up)) {
      if (up == norm) return true;
    }
  }
  for (const std::string& folder : folders_) {
    for (std::string up = Parent(folder); !up.empty() && up != "."; up = Parent(up)) {
      if (up == norm) return true;
    }
  }
  return false;
}

Status MemEnv::ListFolder(const std::string& dir, std::vector<FolderEntry>* entries) {
  entries->clear();
  std::string norm = Normalize(dir);
  if (files_.count(norm)) return Status::Failed("Not a directory");
  if (!FolderExists(norm)) return Status::Failed("No such file or directory");
  std::map<std::string, bool> found;  // name -> is a folder
  auto visit = [&](const std::string& path, bool is_folder) {
    // Walk up until the child of `norm` is reached.
    std::string child = path;
    bool folder = is_folder;
    while (!child.empty() && child != "." && Parent(child) != norm) {
      child = Parent(child);
      folder = true;
    }
    if (!child.empty() && child != "." && child != norm) found[BaseName(child)] = folder;
  };
  for (const auto& [path, file] : files_) visit(path, false);
  for (const std::string& folder : folders_) visit(folder, true);
  for (const auto& [name, is_folder] : found) entries->push_back({name, is_folder});
  return Status::OK();
}

bool MemEnv::IsFolder(const std::string& path) { return !files_.count(Normalize(path)) && FolderExists(Normalize(path)); }

bool MemEnv::Exists(const std::string& path) { return files_.count(Normalize(path)) || FolderExists(Normalize(path)); }

Status MemEnv::CreateFolders(const std::string& dir, unsigned) {
  std::string norm = Normalize(dir);
  if (files_.count(norm)) return Status::Failed("File exists");
  folders_.insert(norm);
  return Status::OK();
}

Status MemEnv::ReadFile(const std::string& path, std::string* out) {
  std::string norm = Normalize(path);
  auto it = files_.find(norm);
  if (it == files_.end()) {
    if (FolderExists(norm)) return Status::Invalid("is a directory, not a file").At(path);
    return Status::Invalid("cannot read file: No such file or directory").At(path);
  }
  *out = it->second.bytes;
  return Status::OK();
}

Status MemEnv::WriteFileAtomically(const std::string& path, const std::string& bytes, unsigned mode) {
  std::string norm = Normalize(path);
  for (const auto& [prefix, reason] : failing_writes_) {
    if (norm.rfind(prefix, 0) == 0) return Status::Failed("writing " + path + ": " + reason);
  }
  if (!FolderExists(Parent(norm).empty() ? "." : Parent(norm))) {
    return Status::Failed("writing " + path + ": No such file or directory");
  }
  if (FolderExists(norm) && !files_.count(norm)) return Status::Failed("writing " + path + ": Is a directory");
  files_[norm] = {bytes, mode};
  return Status::OK();
}

}  // namespace gander
