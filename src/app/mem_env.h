// An Env that lives in memory, for unit tests of the engine: files and
// folders in a map, clocks that move only when told to (or when the engine
// sleeps), scripted random numbers, a fixed user and host, its own
// environment variables. (LevelDB's helpers/memenv, ninja's VirtualFileSystem.)
//
// Paths are plain strings: "m/00001_a.sql" is the file 00001_a.sql in folder
// "m"; a leading "./" and trailing slashes are ignored. A folder exists once
// created or once a file is added below it.
#pragma once

#include <deque>
#include <map>
#include <set>

#include "app/env.h"

namespace gander {

class MemEnv : public Env {
 public:
  // Wall clock at 2026-01-02T03:04:05Z, user "tester", host "testhost".
  MemEnv();

  // --- set up and inspect (tests) ---
  void AddFile(const std::string& path, const std::string& bytes, unsigned mode = 0644);
  void AddFolder(const std::string& path);
  void RemoveFile(const std::string& path);
  bool HasFile(const std::string& path) const;
  // The file's bytes ("" if there is none) and mode (0 if none).
  std::string FileText(const std::string& path) const;
  unsigned FileMode(const std::string& path) const;
  // Every file path, sorted.
  std::vector<std::string> Files() const;
  void SetEnv(const std::string& name, const std::string& value) { vars_[name] = value; }
  void UnsetEnv(const std::string& name) { vars_.erase(name); }
  void SetUser(std::string user) { user_ = std::move(user); }
  void SetHost(std::string host) { host_ = std::move(host); }
  // Moves both clocks forward.
  void Advance(std::chrono::milliseconds by);
  // Every SleepFor, in order (each also advanced the clocks).
  const std::vector<std::chrono::milliseconds>& sleeps() const { return sleeps_; }
  // RandomUnit returns these in order, then 0.5 (the middle: no jitter).
  void QueueRandom(double unit) { randoms_.push_back(unit); }
  // StopSignal() returns 0 for the next `polls` calls, then `signal` (as if
  // it came while the engine ran the statement after its polls-th check).
  void RequestStop(int signal, int polls = 0) {
    stop_signal_ = signal;
    stop_polls_ = polls;
  }
  // Every later write of a path starting with `prefix` fails with `reason`.
  void FailWrites(const std::string& prefix, const std::string& reason = "Input/output error");

  // --- Env ---
  std::chrono::system_clock::time_point WallNow() override { return wall_; }
  std::chrono::steady_clock::time_point SteadyNow() override { return steady_; }
  void SleepFor(std::chrono::milliseconds delay) override;
  double RandomUnit() override;
  uint32_t Random32() override { return next_random32_++; }
  std::string UserName() override { return user_; }
  std::string HostName() override { return host_; }
  std::optional<std::string> GetEnv(const std::string& name) override;
  // The files of the map; errors are worded as RealEnv's.
  Status ListFolder(const std::string& dir, std::vector<FolderEntry>* entries) override;
  bool IsFolder(const std::string& path) override;
  bool Exists(const std::string& path) override;
  Status CreateFolders(const std::string& dir, unsigned mode) override;
  Status ReadFile(const std::string& path, std::string* out) override;
  Status WriteFileAtomically(const std::string& path, const std::string& bytes, unsigned mode) override;
  int StopSignal() override {
    if (stop_signal_ == 0 || stop_polls_-- > 0) return 0;
    return stop_signal_;
  }

 private:
  struct File {
    std::string bytes;
    unsigned mode = 0644;
  };
  bool FolderExists(const std::string& norm) const;

  std::map<std::string, File> files_;
  std::set<std::string> folders_;
  std::map<std::string, std::string> vars_;
  std::map<std::string, std::string> failing_writes_;  // prefix -> reason
  std::string user_ = "tester", host_ = "testhost";
  std::chrono::system_clock::time_point wall_;
  std::chrono::steady_clock::time_point steady_;
  std::vector<std::chrono::milliseconds> sleeps_;
  std::deque<double> randoms_;
  uint32_t next_random32_ = 0x1000;
  int stop_signal_ = 0, stop_polls_ = 0;
};

}  // namespace gander
