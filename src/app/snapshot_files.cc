#include "app/snapshot_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "app/migration_files.h"

namespace gander {
namespace fs = std::filesystem;

namespace {

Status Errno(const std::string& what, const std::string& path) {
  return Status::Failed(what + " " + path + ": " + std::strerror(errno));
}

Status MakeDirs(const std::string& dir) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return Status::OK();
  fs::create_directories(dir, ec);
  if (ec) return Status::Failed("creating snapshot folder " + dir + ": " + ec.message());
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  return Status::OK();
}

}  // namespace

Status WriteFileAtomically(const std::string& path, const std::string& bytes, unsigned mode) {
  std::string dir = DirName(path);
  std::string name = path.substr(path.rfind('/') + 1);  // npos + 1 == 0: a bare name
  std::string temp = JoinPath(dir, "." + name + ".tmp");
  int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return Errno("writing", temp);
  fchmod(fd, mode);  // whatever the umask
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Status st = Errno("writing", temp);
      close(fd);
      unlink(temp.c_str());
      return st;
    }
    written += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0 || close(fd) != 0) {
    Status st = Errno("writing", temp);
    unlink(temp.c_str());
    return st;
  }
  if (rename(temp.c_str(), path.c_str()) != 0) {
    Status st = Errno("writing", path);
    unlink(temp.c_str());
    return st;
  }
  // Make the rename itself durable.
  int dir_fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    fsync(dir_fd);
    close(dir_fd);
  }
  return Status::OK();
}

Status WriteSnapshotFile(const std::string& dir, const std::string& name, const std::string& bytes) {
  GANDER_RETURN_IF_ERROR(MakeDirs(dir));
  return WriteFileAtomically(JoinPath(dir, name), bytes, 0600);
}

Status ReadSnapshotFolder(const std::string& dir, std::vector<SnapshotFile>* files) {
  files->clear();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::OK();
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.' || entry.path().extension() != ".json") continue;
    SnapshotFile file{name, ""};
    GANDER_RETURN_IF_ERROR(ReadWholeFile(entry.path().string(), &file.bytes));
    files->push_back(std::move(file));
  }
  if (ec) return Status::Failed("reading snapshot folder " + dir + ": " + ec.message());
  std::sort(files->begin(), files->end(), [](const SnapshotFile& a, const SnapshotFile& b) { return a.name < b.name; });
  return Status::OK();
}

}  // namespace gander
