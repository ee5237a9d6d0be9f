#include "app/real_env.h"

#include "app/stop_signals.h"

#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
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

Status RealEnv::CreateFolders(const std::string& dir, unsigned mode) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return Status::OK();
  fs::create_directories(dir, ec);
  if (ec) return Status::Failed(ec.message());
  fs::permissions(dir, static_cast<fs::perms>(mode), fs::perm_options::replace, ec);
  return Status::OK();
}

Status RealEnv::ReadFile(const std::string& path, std::string* out) { return ReadWholeFile(path, out); }

Status RealEnv::WriteFileAtomically(const std::string& path, const std::string& bytes, unsigned mode) {
  return gander::WriteFileAtomically(path, bytes, mode);
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
