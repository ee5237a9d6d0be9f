// Integration-test helpers: run the real gander binary, make scratch
// databases on real engines, and read them back. No mocks.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "db/connection.h"

namespace gander::test {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the gander binary with `args` in `cwd` (default: current directory),
// with extra environment variables, and no stdin.
RunResult RunGander(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {},
                    const std::string& cwd = "");

class TempDir;

// The gander binary running in the background (for kill -9 and concurrency
// tests); its output is captured like RunGander's. Killed on destruction.
class GanderProcess {
 public:
  GanderProcess(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {},
                const std::string& cwd = "");
  ~GanderProcess();
  void Kill();        // SIGKILL, as a crash or the OOM killer would
  int pid() const { return pid_; }
  RunResult Wait();   // exit code (128 + signal if killed) and output

 private:
  int pid_ = -1;
  std::unique_ptr<TempDir> capture_;
  bool json_ = false;  // --json was given: the output is kept for schema validation
};

// A fresh temporary directory, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string Join(const std::string& name) const { return path_ + "/" + name; }
  // Writes a file (creating parent folders).
  void Write(const std::string& name, const std::string& text) const;
  // Copies every file of a folder of tests/testdata (non-recursive) into `to` below this dir.
  void CopyFixture(const std::string& fixture, const std::string& to) const;

 private:
  std::string path_;
};

// Engines to test: sqlite3 always; postgres and mysql when
// GANDER_TEST_PG_DSN / GANDER_TEST_MYSQL_DSN hold an admin DSN. With
// GANDER_TEST_REQUIRE_SERVERS=1 a missing server variable fails the run.
std::vector<std::string> TestEngines();

// Whether `engine` ("postgres", "mysql", "sqlite3") is among TestEngines().
bool HasEngine(const std::string& engine);

// A server DSN from the environment for the cluster and replica tests, or
// nullptr (the test is skipped) when unset; with GANDER_TEST_REQUIRE_SERVERS=1
// an unset one fails. `script` names the script that sets it.
const char* ServerDsn(const char* var, const char* script);

// An admin DSN `scheme://...host:port/NAME?params` with NAME replaced.
std::string WithDatabase(const std::string& dsn, const std::string& name);
// A database name no other test of this process uses.
std::string UniqueName();

// A new, empty database on one engine, dropped on destruction.
class ScratchDb {
 public:
  explicit ScratchDb(const std::string& engine);
  ~ScratchDb();
  const std::string& driver() const { return engine_; }
  const std::string& dsn() const { return dsn_; }
  // A connection for assertions (opened lazily, kept).
  Connection& conn();
  // Drops the kept connection (after a server restart); the next use reopens.
  void Reconnect() { conn_.reset(); }
  // Rows of a query as strings ("NULL" for NULL), failing the test on error.
  std::vector<std::vector<std::string>> Query(const std::string& sql);
  // The tracking table's (version_id, is_applied) rows in id order, e.g. "0:1 1:1 2:1".
  std::string TrackingRows(const std::string& table = "goose_db_version");
  bool TableExists(const std::string& table);

 private:
  std::string engine_;
  std::string dsn_;
  std::string name_;
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<Connection> conn_;
};

// The bytes of a file ("" if it cannot be read).
std::string Slurp(const std::string& path);

// The password of a server DSN (scheme://user:password@host...); "" for
// SQLite or a DSN without one. For tests that check it is never shown.
std::string PasswordOf(const std::string& dsn);

// Whether `part` occurs in `text`.
inline bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Builds goose's tracking table by hand, with goose's own DDL and the rows
// goose writes for `versions` (version 0 first), as a goose-migrated database has.
void MakeGooseTable(ScratchDb& db, const std::vector<int>& versions);

// gander's argv prefix for a scratch database: {"-dir", dir, driver, dsn}.
std::vector<std::string> Target(const ScratchDb& db, const std::string& dir);
// Concatenates argv pieces.
std::vector<std::string> Args(std::vector<std::string> a, const std::vector<std::string>& b);
// Runs gander on `db` with the migrations in `dir`, then `args`: RunGander of
// Args(Target(db, dir), args), with `env` and `cwd` as there.
RunResult GanderOn(const ScratchDb& db, const std::string& dir, const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env = {}, const std::string& cwd = "");

}  // namespace gander::test
