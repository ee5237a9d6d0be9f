// The process's Env: the system clocks, POSIX files, getpwuid and
// gethostname, the real environment. Cheap to create; the CLI makes one per
// run and hands it to everything it calls.
#pragma once

#include <optional>
#include <random>

#include "app/env.h"

namespace gander {

// The largest file gander reads unless told otherwise (--max-file-mb): far
// above any real migration, far below what would exhaust memory.
inline constexpr uint64_t kDefaultMaxFileBytes = 64ull << 20;

class RealEnv : public Env {
 public:
  // Files larger than `max_file_bytes` are refused by ReadFile.
  explicit RealEnv(uint64_t max_file_bytes = kDefaultMaxFileBytes) : max_file_bytes_(max_file_bytes) {}

  // POSIX files (ReadWholeFile and WriteFileAtomically below).
  Status ReadFile(const std::string& path, std::string* out) override;
  Status WriteFileAtomically(const std::string& path, const std::string& bytes, unsigned mode) override;
  Status ListFolder(const std::string& dir, std::vector<FolderEntry>* entries) override;
  bool IsFolder(const std::string& path) override;
  bool Exists(const std::string& path) override;
  Status CreateFolders(const std::string& dir, unsigned mode) override;
  // The system's clocks, std::random_device, getpwuid, gethostname, getenv.
  std::chrono::system_clock::time_point WallNow() override;
  std::chrono::steady_clock::time_point SteadyNow() override;
  void SleepFor(std::chrono::milliseconds delay) override;
  double RandomUnit() override;
  uint32_t Random32() override;
  std::string UserName() override;
  std::string HostName() override;
  std::optional<std::string> GetEnv(const std::string& name) override;
  // The signal caught by the handlers of app/stop_signals.h, if installed.
  int StopSignal() override;

 private:
  // Seeded on first use: std::random_device costs a system call, and a run
  // of a thousand migrations that never retries needs no random number.
  std::optional<std::mt19937> random_;
  uint64_t max_file_bytes_;
};

// The file operations RealEnv is made of, for the CLI's own files read
// before any command runs (.env, gander.json, a targets file, fleet state).
// ReadWholeFile reads regular files only (a FIFO, a device such as
// /dev/zero or a socket is refused without being read: "is not a regular
// file") of at most `max_bytes` bytes; errors name the file.
Status ReadWholeFile(const std::string& path, std::string* out, uint64_t max_bytes = kDefaultMaxFileBytes);
Status WriteFileAtomically(const std::string& path, const std::string& bytes, unsigned mode);

}  // namespace gander
