// A scripted database for unit tests of the engine's decisions (ninja's
// FakeCommandRunner, LevelDB's FaultInjectionTestEnv). Not a mock of SQL:
// every connection decorates a real SQLite connection to one shared
// in-memory database, so the tracking and companion tables are real and
// every read answers truthfully. On top of that it
//   - records every call of every connection it handed out (Exec, Query,
//     Begin, Commit, Rollback, Lock, Unlock, ...) with its SQL and result;
//   - can present a MySQL-like dialect: DDL commits the open transaction
//     implicitly (emulated: a COMMIT is sent before it) and is not
//     transactional, which drives the dirty-marker branches (a COMMIT with
//     no transaction open is then a no-op, as on MySQL);
//   - fails a scripted call (the Nth from now, or the Nth whose text
//     contains a pattern) with one of the Faults below;
//   - emulates the migration lock (one holder; a dead connection's lock is
//     released, as a server releases it with the session) and reconnects:
//     Factory() hands out a fresh connection to the same database each time,
//     and can be told to refuse the next opens (a server restarting).
//
// Contract of the Faults, as a real server and driver behave:
//   kTransient   the server answers with a transient error (deadlock,
//                serialization failure): nothing ran; the connection stays
//                usable; an open transaction stays open.
//   kPermanent   the server answers with a permanent error (syntax,
//                constraint): nothing ran; the connection stays usable.
//   kLostBefore  the connection drops before the server got the request:
//                nothing ran; the server rolls back the open transaction;
//                the connection is dead (every later call fails as lost).
//   kLostAfter   the request took effect, then the connection drops before
//                the reply: SQL ran (a trailing COMMIT committed; a COMMIT
//                call committed); whatever transaction was still open is
//                rolled back by the server; the connection is dead. This is
//                the lost COMMIT acknowledgement of issue #17.
// A lost call returns Status::Failed("lost connection to the server ...")
// marked transient and outcome_unknown (db/connection.h), like the drivers'
// "server closed the connection"; later calls on the dead connection are
// transient only (nothing was sent).
//
// Transaction state is followed through Begin/Commit/Rollback and SQL text
// whose last statement is BEGIN / COMMIT / ROLLBACK (the migrator's
// "record; COMMIT"); migrations that manage their own transactions are not
// emulated in MySQL-like mode.
//
// The database must outlive every connection and Session made from it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/session.h"
#include "db/connection.h"

namespace gander::test {

enum class Fault { kTransient, kPermanent, kLostBefore, kLostAfter };

enum class FakeEngine {
  kSqlite,     // SQLite as it is: transactional DDL
  kMysqlLike,  // DDL commits implicitly (CREATE, ALTER, DROP, RENAME, TRUNCATE, COMMENT)
};

// One call on a connection, as the fake saw it.
struct FakeCall {
  int connection = 0;  // 1 for the first connection opened, 2 for the next, ...
  std::string text;    // the SQL; "BEGIN", "COMMIT", "ROLLBACK", "LOCK", "UNLOCK" for those calls
  bool failed = false;
  bool faulted = false;  // failed (or lost) because a scripted fault said so
};

class FakeConnection;

class FakeDatabase {
 public:
  explicit FakeDatabase(FakeEngine engine = FakeEngine::kSqlite);
  ~FakeDatabase();
  FakeDatabase(const FakeDatabase&) = delete;
  FakeDatabase& operator=(const FakeDatabase&) = delete;

  // Opens a new connection (counted and recorded); fails while FailOpens says so.
  Status Open(std::unique_ptr<Connection>* out);
  // Open() that must succeed: a test's own connection.
  std::unique_ptr<Connection> Connect();
  // Open() as a Session's factory, for reconnects.
  ConnectionFactory Factory();
  // A Session on a new connection, tracking table `table`.
  std::unique_ptr<Session> OpenSession(const std::string& table = "goose_db_version");

  // The `n`th call from now (1 = the next one), on any connection, fails with `fault`.
  void FailNth(int n, Fault fault, const std::string& message = "");
  // The `nth` call from now whose text contains `pattern` fails with `fault`.
  void FailWhen(const std::string& pattern, Fault fault, int nth = 1, const std::string& message = "");
  // The next `count` opens fail with `error` (default: a transient "connection refused").
  void FailOpens(int count, Status error = Status());

  // Every call so far, in order; the texts alone; those containing `pattern`.
  const std::vector<FakeCall>& calls() const { return calls_; }
  std::vector<std::string> Texts() const;
  int CountCalls(const std::string& pattern) const;
  void ClearCalls() { calls_.clear(); }
  int opens() const { return opens_; }
  // Whether a live connection holds the migration lock.
  bool locked() const { return lock_holder_ != 0; }

  // The database itself, bypassing the script (not recorded): for setting up
  // and for checking what a test left behind.
  Status Exec(const std::string& sql);
  std::vector<Row> Query(const std::string& sql);
  // The first cell of the first row, "" if none.
  std::string Scalar(const std::string& sql);
  // "version:applied" of each tracking row in id order, e.g. "0:1 1:1".
  std::string TrackingRows(const std::string& table = "goose_db_version");

 private:
  friend class FakeConnection;
  struct Rule {
    int countdown;
    std::string pattern;  // empty: any call
    Fault fault;
    std::string message;
  };
  // The fault for the call about to run (consumed), if one is due.
  bool TakeFault(const std::string& text, Fault* fault, std::string* message);
  void Record(int connection, const std::string& text, const Status& result, bool faulted);

  FakeEngine engine_;
  std::string uri_;
  std::unique_ptr<Connection> keeper_;  // keeps the in-memory database alive; used for Exec/Query
  std::vector<Rule> rules_;
  std::vector<FakeCall> calls_;
  int opens_ = 0;
  int failing_opens_ = 0;
  Status open_error_;
  int lock_holder_ = 0;
};

}  // namespace gander::test
