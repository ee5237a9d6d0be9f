// Where the world enters the migration engine: clocks, sleeping, randomness,
// who and where gander runs, environment variables and files. Nothing in
// src/app calls these directly; it asks an Env, so that a unit test hands it
// an in-memory one (app/mem_env.h: retries without sleeping, audits at a
// fixed time, migration folders that exist only in memory). The process's
// own is RealEnv (app/real_env.h), created once by the CLI.
// (LevelDB's Env, ninja's DiskInterface.)
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/parser.h"  // EnvLookup
#include "core/status.h"

namespace gander {

struct FolderEntry {
  std::string name;        // the entry's own name, no folder part
  bool is_folder = false;  // a sub-folder (as readdir reports it)
};

// Not thread-safe: one per thread of work (the CLI runs one command at a time).
class Env {
 public:
  virtual ~Env() = default;

  // The time of day (audit timestamps, metrics' Unix times).
  virtual std::chrono::system_clock::time_point WallNow() = 0;
  // A clock that never goes back (durations, deadlines).
  virtual std::chrono::steady_clock::time_point SteadyNow() = 0;
  // Waits `delay` (retry back-off). An in-memory Env only advances its clocks.
  virtual void SleepFor(std::chrono::milliseconds delay) = 0;
  // A uniformly distributed number in [0, 1) (retry jitter).
  virtual double RandomUnit() = 0;
  // 32 random bits (identifiers: an audit chain's database id).
  virtual uint32_t Random32() = 0;

  // The operating-system user running gander ("" if unknown) and the host's name.
  virtual std::string UserName() = 0;
  virtual std::string HostName() = 0;
  // An environment variable; nullopt when it is not set.
  virtual std::optional<std::string> GetEnv(const std::string& name) = 0;

  // The entries of folder `dir` (not recursive), "." and ".." left out, in no
  // particular order. On error the message is the reason only ("No such file
  // or directory"): the caller says which folder and what it was doing.
  virtual Status ListFolder(const std::string& dir, std::vector<FolderEntry>* entries) = 0;
  // Whether `path` names an existing folder.
  virtual bool IsFolder(const std::string& path) = 0;
  // Whether anything (a file, a folder, a FIFO, ...) is at `path`; nothing is read.
  virtual bool Exists(const std::string& path) = 0;
  // Creates folder `dir` and any missing parents, `dir` itself with `mode`;
  // OK if it exists already. On error the message is the reason only.
  virtual Status CreateFolders(const std::string& dir, unsigned mode) = 0;
  // Reads a whole file. Errors are Status::Invalid at the path: "is a
  // directory, not a file" or "cannot read file: <reason>".
  virtual Status ReadFile(const std::string& path, std::string* out) = 0;
  // Writes `bytes` to `path` with `mode` so that the file appears complete
  // or not at all (a temporary file beside it, fsync, rename, fsync of the
  // folder). Errors are Status::Failed "writing <path>: <reason>".
  virtual Status WriteFileAtomically(const std::string& path, const std::string& bytes, unsigned mode) = 0;

  // The signal (SIGTERM, SIGINT) by which the user asked gander to stop, 0
  // while none came. The engine polls it at its safe points (after each
  // statement, before each step and retry) and stops there: it rolls back
  // the open transaction or records the statements that completed, and
  // says so (app/stop_signals.h). Never blocks.
  virtual int StopSignal() { return 0; }
};

// The environment variables of `env` as the parser's lookup (ENVSUB, the
// targets file); `env` must outlive the lookup.
inline EnvLookup VariablesOf(Env& env) {
  return [&env](const std::string& name) { return env.GetEnv(name); };
}

}  // namespace gander
