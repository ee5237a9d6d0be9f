// One command's view of a database: the connection, the tracking store and
// the migration lock, opened in that order and released in reverse.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/planner.h"
#include "db/connection.h"
#include "db/version_store.h"

namespace gander {

class Session {
 public:
  // `driver` is canonical; `table` is validated here. Errors never contain
  // the DSN's password.
  static Status Open(const std::string& driver, const std::string& dbstring, const std::string& table,
                     std::unique_ptr<Session>* out);
  ~Session();

  Connection& conn() { return *conn_; }
  VersionStore& store() { return *store_; }

  // Takes the migration lock (released by the destructor).
  Status Lock(std::chrono::milliseconds timeout);
  // After a lost connection: opens a new one and takes the lock again (the
  // server released the old one with the old session).
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
  std::string driver_, dbstring_, table_;
};

}  // namespace gander
