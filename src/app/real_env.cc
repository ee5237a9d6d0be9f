#include "app/real_env.h"

#include "app/stop_signals.h"

#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "app/migration_files.h"

namespace gander {
namespace fs = std::filesystem;

namespace {

Status Errno(const std::string& what, const std::string& path) {
  return Status::Failed(what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

std::chrono::system_clock::time_point RealEnv::WallNow() { return std::chrono::system_clock::now(); }

std::chrono::steady_clock::time_point RealEnv::SteadyNow() { return std::chrono::steady_clock::now(); }

void RealEnv::SleepFor(std::chrono::milliseconds delay) { std::this_thread::sleep_for(delay); }

double RealEnv::RandomUnit() {
  if (!random_) random_.emplace(std::random_device{}());
  return std::uniform_real_distribution<double>(0.0, 1.0)(*random_);
}

uint32_t RealEnv::Random32() { return std::random_device{}(); }

std::string RealEnv::UserName() {
  if (const passwd* pw = getpwuid(geteuid())) return pw->pw_name;
  const char* user = std::getenv("USER");
  return user ? user : "";
}

std::string RealEnv::HostName() {
  char name[256] = {0};
  if (gethostname(name, sizeof name - 1) != 0) return "";
  return name;
}

std::optional<std::string> RealEnv::GetEnv(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

Status RealEnv::ListFolder(const std::string& dir, std::vector<FolderEntry>* entries) {
  entries->clear();
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return Status::Failed(std::strerror(errno));
  while (dirent* entry = readdir(d)) {
    std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    entries->push_back({std::move(name), entry->d_type == DT_DIR});
  }
  closedir(d);
  return Status::OK();
}

bool RealEnv::IsFolder(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

bool RealEnv::Exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));
}

Status RealEnv::CreateFolders(const std::string& dir, unsigned mode) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return Status::OK();
  fs::create_directories(dir, ec);
  if (ec) return Status::Failed(ec.message());
  fs::permissions(dir, static_cast<fs::perms>(mode), fs::perm_options::replace, ec);
  return Status::OK();
}

Status RealEnv::ReadFile(const std::string& path, std::string* out) {
  return ReadWholeFile(path, out, max_file_bytes_);
}

Status RealEnv::WriteFileAtomically(const std::string& path, const std::string& bytes, unsigned mode) {
  return gander::WriteFileAtomically(path, bytes, mode);
}

namespace {

std::string Mebibytes(uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
  return text;
}

Status TooLarge(const std::string& path, uint64_t size, uint64_t max_bytes) {
  return Status::Invalid("file is larger than " + Mebibytes(max_bytes) + " (" + Mebibytes(size) +
                         "), the most gander reads; raise it with --max-file-mb").At(path);
}

}  // namespace

Status ReadWholeFile(const std::string& path, std::string* out, uint64_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer. fstat on the open
  // file: what is checked is what is read (a symlink is followed once).
  int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return Status::Invalid(std::string("cannot read file: ") + std::strerror(errno)).At(path);
  struct stat info;
  Status st;
  if (fstat(fd, &info) != 0) {
    st = Status::Invalid(std::string("cannot read file: ") + std::strerror(errno)).At(path);
  } else if (S_ISDIR(info.st_mode)) {
    st = Status::Invalid("is a directory, not a file").At(path);  // any file gander reads: migrations, .env, targets, state
  } else if (!S_ISREG(info.st_mode)) {
    st = Status::Invalid("is not a regular file (a FIFO, device or socket): gander reads only regular files").At(path);
  } else if (static_cast<uint64_t>(info.st_size) > max_bytes) {
    st = TooLarge(path, static_cast<uint64_t>(info.st_size), max_bytes);
  }
  std::string bytes;
  while (st.ok()) {
    char buf[65536];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) st = Status::Invalid("error while reading file: " + std::string(std::strerror(errno))).At(path);
    if (n <= 0) break;
    bytes.append(buf, static_cast<size_t>(n));
    // A file that grows while it is read is held to the same limit.
    if (bytes.size() > max_bytes) st = TooLarge(path, bytes.size(), max_bytes);
  }
  close(fd);
  if (st.ok()) *out = std::move(bytes);
  return st;
}

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

int RealEnv::StopSignal() { return StopSignalReceived(); }

}  // namespace gander
