// One command's view of a database: the connection, the tracking store and
// the migration lock, opened in that order and released in reverse.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/planner.h"
#include "db/connection.h"
#include "db/version_store.h"

namespace gander {

// Opens a new connection to one database: a session's first, and another
// after a lost connection. Tests supply fakes (tests/unit/fake_connection.h).
using ConnectionFactory = std::function<Status(std::unique_ptr<Connection>* out)>;

// The factory of a real database: OpenConnection(driver, dsn, deadlines) each
// time, so that every reconnect keeps the client-side deadlines of the first
// connection (a changing command: ClientDeadlinesFor its --statement-timeout
// and --migration-timeout). `driver` is canonical; errors never contain the
// DSN's password.
ConnectionFactory DriverConnections(const std::string& driver, const std::string& dsn,
                                    const ClientDeadlines& deadlines = ClientDeadlines());
// The same for a command that only reads (ClientDeadlines::read_only): a
// SQLite file opens read-only and a missing one is an error, not created.
ConnectionFactory ReadOnlyConnections(const std::string& driver, const std::string& dsn);

class Session {
 public:
  // Validates `table`, then opens the first connection from `connect`.
  static Status Open(ConnectionFactory connect, const std::string& table, std::unique_ptr<Session>* out);
  // The same with DriverConnections(driver, dbstring).
  static Status Open(const std::string& driver, const std::string& dbstring, const std::string& table,
                     std::unique_ptr<Session>* out);
  // The same with ReadOnlyConnections(driver, dbstring): for commands that only read.
  static Status OpenReadOnly(const std::string& driver, const std::string& dbstring, const std::string& table,
                             std::unique_ptr<Session>* out);
  ~Session();

  Connection& conn() { return *conn_; }
  VersionStore& store() { return *store_; }

  // Takes the migration lock (released by the destructor).
  Status Lock(std::chrono::milliseconds timeout);
  // After a lost connection: opens a new one from the factory and takes the
  // lock again (the server released the old one with the old session). If
  // no connection opens, the old one is kept.
  Status Reconnect(std::chrono::milliseconds lock_timeout);
  // Whether the connection still answers.
  bool Alive();

  // Reads the applied versions and any dirty marker.
  Status ReadState(DbVersions* versions, std::optional<DirtyState>* dirty);

 private:
  Session() = default;
  std::unique_ptr<Connection> conn_;
  std::unique_ptr<VersionStore> store_;
  bool locked_ = false;
  ConnectionFactory connect_;
  std::string table_;
};

}  // namespace gander
