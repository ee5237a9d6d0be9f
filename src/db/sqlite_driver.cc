// SQLite through its C API. The migration lock is an flock() on the database
// file itself: independent of SQLite's own fcntl locks on Linux, held for the
// whole command, and released by the kernel if the process dies.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "db/dialect_sqlite.h"
#include "db/drivers.h"

namespace gander {
namespace {

class SqliteConnection : public Connection {
 public:
  SqliteConnection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteConnection() override {
    if (lock_fd_ >= 0) close(lock_fd_);
    sqlite3_close_v2(db_);
  }

  const Dialect& dialect() const override { return dialect_; }

  Status Exec(const std::string& sql) override { return Run(sql, nullptr); }
  Status Query(const std::string& sql, std::vector<Row>* rows) override { return Run(sql, rows); }
  Status ExecWithParams(const std::string& sql, const std::vector<std::string>& params) override {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) return Error(rc);
    for (size_t i = 0; i < params.size() && rc == SQLITE_OK; ++i) {
      // SQLITE_STATIC: `params` outlives the statement, so no copy is made.
      rc = sqlite3_bind_text(stmt, static_cast<int>(i + 1), params[i].data(), static_cast<int>(params[i].size()),
                             SQLITE_STATIC);
    }
    if (rc == SQLITE_OK) rc = sqlite3_step(stmt);
    Status st = rc == SQLITE_DONE ? Status::OK() : Error(rc);
    sqlite3_finalize(stmt);
    return st;
  }
  Status Begin() override { return Run("BEGIN", nullptr); }
  Status Commit() override { return Run("COMMIT", nullptr); }
  Status Rollback() override {
    if (sqlite3_get_autocommit(db_)) return Status::OK();  // nothing open (already rolled back by an error)
    return Run("ROLLBACK", nullptr);
  }

  // The file is the one SQLite itself opened (sqlite3_db_filename: an
  // absolute path, whatever the DSN's spelling: relative, `file:` URI with
  // parameters, or a symlink, whose target the kernel's lock is on). An
  // in-memory or temporary database has no file and no other process sees it.
  Status Lock(std::chrono::milliseconds timeout) override {
    const char* file = sqlite3_db_filename(db_, "main");
    if (file == nullptr || *file == '\0') return Status::OK();
    if (lock_fd_ < 0) lock_fd_ = open(file, O_RDONLY | O_CLOEXEC);  // again after Unlock: the same descriptor
    if (lock_fd_ < 0) return Status::Failed("cannot open " + path_ + " to lock it: " + std::strerror(errno));
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK) return Status::Failed("cannot lock " + path_ + ": " + std::strerror(errno));
      if (std::chrono::steady_clock::now() >= deadline) {
        return Status::LockTimeout("database " + path_ + " is locked by another gander process (waited " +
                                   std::to_string(timeout.count() / 1000.0).substr(0, 4) + "s; see --lock-timeout)");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return Status::OK();
  }
  Status Unlock() override {
    if (lock_fd_ >= 0) flock(lock_fd_, LOCK_UN);
    return Status::OK();
  }

  Status SetStatementTimeout(std::chrono::milliseconds timeout) override {
    timeout_ = timeout;
    if (timeout.count() == 0) {
      sqlite3_progress_handler(db_, 0, nullptr, nullptr);
    } else {
      sqlite3_progress_handler(db_, 10000, &SqliteConnection::Interrupt, this);
    }
    return Status::OK();
  }

  std::string ServerVersion() override { return std::string("SQLite ") + sqlite3_libversion(); }

 private:
  Status Error(int rc) const {
    if (rc == SQLITE_INTERRUPT) return SqliteDialect::StatementTimeoutError(timeout_);
    int code = sqlite3_extended_errcode(db_);  // rc's extended form, unless rc came from elsewhere
    return SqliteDialect::ErrorStatus((code & 0xff) == (rc & 0xff) ? code : rc, sqlite3_errmsg(db_));
  }

  // Progress handler: a non-zero return interrupts the running statement.
  static int Interrupt(void* self) {
    auto* conn = static_cast<SqliteConnection*>(self);
    return std::chrono::steady_clock::now() > conn->deadline_ ? 1 : 0;
  }

  // Runs every statement of `sql` in turn (the text may hold several),
  // collecting rows when asked.
  Status Run(const std::string& sql, std::vector<Row>* rows) {
    deadline_ = std::chrono::steady_clock::now() + timeout_;
    const char* tail = sql.c_str();
    const char* end = tail + sql.size();
    while (tail < end) {
      sqlite3_stmt* stmt = nullptr;
      const char* start = tail;
      int rc = sqlite3_prepare_v2(db_, tail, static_cast<int>(end - tail), &stmt, &tail);
      if (rc != SQLITE_OK) return Error(rc);
      if (stmt == nullptr) {
        // Whitespace or a comment; SQLite also stops at a NUL byte without
        // moving on, which would loop here for ever.
        if (tail == start) return Status::Invalid("SQL text contains a NUL byte");
        continue;
      }
      while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (rows == nullptr) continue;
        Row row;
        for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
          const unsigned char* text = sqlite3_column_text(stmt, i);
          if (text) {
            row.emplace_back(std::string(reinterpret_cast<const char*>(text)));
          } else {
            row.emplace_back(std::nullopt);
          }
        }
        rows->push_back(std::move(row));
      }
      if (rc != SQLITE_DONE) {
        Status st = Error(rc);
        sqlite3_finalize(stmt);
        return st;
      }
      sqlite3_finalize(stmt);
    }
    return Status::OK();
  }

  SqliteDialect dialect_;
  sqlite3* db_;
  std::string path_;
  int lock_fd_ = -1;
  std::chrono::milliseconds timeout_{0};
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace

Status OpenSqlite(const std::string& path, const ClientDeadlines& options, std::unique_ptr<Connection>* out) {
  struct stat info;
  if (path.empty()) return Status::Invalid("empty SQLite database path");
  bool exists = stat(path.c_str(), &info) == 0;
  if (exists && S_ISDIR(info.st_mode)) {
    return Status::Invalid("SQLite database path is a directory: " + path);
  }
  // A read-only command on a mistyped path must not leave an empty database
  // behind (and then report every migration Pending).
  bool uri = path.rfind("file:", 0) == 0;
  if (options.read_only && !exists && !uri && path != ":memory:") {
    return Status::Invalid("SQLite database " + path + " does not exist (check the path; only up creates one)");
  }
  sqlite3* db = nullptr;
  // Read-only commands: never SQLITE_OPEN_CREATE. Still READWRITE where the
  // file allows it (SQLite falls back to reading a write-protected file, and
  // a mode=ro URI wins), so that a hot journal left by a killed gander is
  // rolled back on open rather than making the database unreadable.
  int flags = options.read_only ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI
                                : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    if (options.read_only && rc == SQLITE_CANTOPEN) why += " (does it exist? only up creates one)";
    return Status::Failed("cannot open SQLite database " + path + ": " + why);
  }
  sqlite3_busy_timeout(db, 5000);
  auto conn = std::make_unique<SqliteConnection>(db, path);
  // Reading the schema now turns "file is not a database" into an error here,
  // not halfway through a command.
  std::vector<Row> rows;
  Status st = conn->Query(SqliteDialect::SchemaProbeQuery(), &rows);
  if (!st.ok()) return st.Prepend("cannot open SQLite database " + path);
  if (!options.read_only && sqlite3_db_readonly(db, "main") == 1) {
    return Status::Failed("SQLite database " + path + " is read-only");
  }
  *out = std::move(conn);
  return Status::OK();
}

}  // namespace gander
