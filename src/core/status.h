// A Status is the result of an operation: OK, or an error with a category,
// a one-line message and, where known, the file and line it is about.
// The category decides gander's exit code (docs/exit-codes.md):
//   0 ok, 1 migration or database error, 2 usage or input error,
//   3 refused by a safety check, 4 lock not acquired in time.
// Nothing in gander's core throws; exceptions from libraries are caught at
// the driver and CLI boundaries and turned into a Status.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace gander {

enum class StatusCode {
  kOk = 0,
  kFailed = 1,       // a migration or the database failed
  kInvalid = 2,      // bad usage or bad input (flag, file, DSN, duplicate version)
  kRefused = 3,      // a safety check said no (drift, dirty state, expect-version)
  kLockTimeout = 4,  // another runner holds the migration lock
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK

  static Status OK() { return Status(); }
  static Status Failed(std::string msg) { return Status(StatusCode::kFailed, std::move(msg)); }
  static Status Invalid(std::string msg) { return Status(StatusCode::kInvalid, std::move(msg)); }
  static Status Refused(std::string msg) { return Status(StatusCode::kRefused, std::move(msg)); }
  static Status LockTimeout(std::string msg) { return Status(StatusCode::kLockTimeout, std::move(msg)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  int exit_code() const { return static_cast<int>(code_); }
  const std::string& message() const { return message_; }
  const std::string& file() const { return file_; }
  int line() const { return line_; }  // 0 when unknown

  // Transient errors (lost connection, deadlock, serialization failure, lock
  // wait timeout) may succeed when retried; everything else is permanent.
  bool transient() const { return transient_; }
  Status& MarkTransient() { transient_ = true; return *this; }

  // The engine's own code for a database error, set by the driver that saw
  // it, so that nothing needs to search the message: PostgreSQL's SQLSTATE
  // ("42P07"), MySQL's error number ("1050"), SQLite's extended result code
  // ("2067"), all as text; empty when there is none (gander's own errors).
  // Survives Prepend() and At(); the message text is not changed by it.
  const std::string& engine_code() const { return engine_code_; }
  Status& WithEngineCode(std::string code) {
    engine_code_ = std::move(code);
    return *this;
  }

  // Whether the failed request may have taken effect: it was sent (or may
  // have been) and no reply came back: the connection broke or the client
  // deadline passed while waiting. False when the server answered with an
  // error, or when nothing was sent (a failed connect): then the request
  // certainly did not take effect. A caller that sees true after a COMMIT or
  // a self-committing statement must read the database to learn what
  // happened (db/connection.h).
  bool outcome_unknown() const { return outcome_unknown_; }
  Status& MarkOutcomeUnknown() {
    outcome_unknown_ = true;
    return *this;
  }

  // Attaches the file (and line) the error is about.
  Status& At(std::string file, int line = 0) {
    file_ = std::move(file);
    line_ = line;
    return *this;
  }
  // Replaces the message, keeping everything else (the secret scrubber,
  // core/secret_scrubber.h, masks secrets in it).
  Status& WithMessage(std::string msg) {
    message_ = std::move(msg);
    return *this;
  }
  // Prefixes the message with context: "context: message".
  Status& Prepend(const std::string& context) {
    message_ = context + ": " + message_;
    return *this;
  }
  // Adds what else went wrong: "message; more".
  Status& Append(const std::string& more) {
    message_ += "; " + more;
    return *this;
  }

  // Drops this status on purpose (a rollback after the error that is being
  // reported, a best-effort cleanup): says so where a reader sees it.
  void IgnoreError() const {}

  // "file:line: message", "file: message" or "message"; "ok" when OK.
  std::string ToString() const;

  // Several problems found in one pass (every bad file, every step of a
  // plan), so that one run shows them all. Empty problems: OK. One problem:
  // that problem itself. More: a Status whose message is `summary` preceded by
  // the count ("3 problems in the migration files"), whose code is the most
  // serious of theirs for a user (input error before a refusal before a
  // failure), and whose problems() are the problems in the order given.
  static Status Combine(std::vector<Status> problems, const std::string& summary);
  // The problems a Combine()d status holds; empty for any other status.
  const std::vector<Status>& problems() const { return problems_; }

 private:
  Status(StatusCode code, std::string msg) : code_(code), message_(std::move(msg)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string file_;
  int line_ = 0;
  bool transient_ = false;
  bool outcome_unknown_ = false;
  std::string engine_code_;
  std::vector<Status> problems_;
};

// Evaluates an expression returning Status and returns it from the caller on error.
#define GANDER_RETURN_IF_ERROR(expr)          \
  do {                                        \
    ::gander::Status _gander_st = (expr);     \
    if (!_gander_st.ok()) return _gander_st;  \
  } while (0)

}  // namespace gander
