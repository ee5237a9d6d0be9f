// A migration lock every node of a MySQL-protocol cluster sees: a row in
// `gander_lock`, held under a lease that a heartbeat renews. For Galera,
// where GET_LOCK is node-local: two runners on two nodes would both get it.
// The row's INSERT is certified cluster-wide, so exactly one runner wins; a
// holder that dies stops renewing and its lease runs out.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "db/connection.h"

namespace gander {

// The lock table, one row per locked database; not part of the user's schema.
inline constexpr const char* kLeaseLockTable = "gander_lock";

class LeaseLock {
 public:
  using Opener = std::function<Status(std::unique_ptr<Connection>*)>;
  // `name` identifies the lock (one per database); `open` opens a second
  // connection to the same database for the heartbeat; `owner` is the holder
  // id written into the row (two owners in one process: tests).
  LeaseLock(std::string name, Opener open, std::chrono::seconds lease = std::chrono::seconds(15),
            std::string owner = Owner());
  ~LeaseLock();

  // Takes the lock on `conn` (creating the lock table if needed), waiting up
  // to `timeout`; a lease that ran out is taken over; a row already ours (a
  // reconnect) counts as taken. Then a heartbeat thread renews the lease on
  // its own connection every third of the lease. Status::LockTimeout names
  // the holder and its lease; other errors are the database's.
  Status Acquire(Connection& conn, std::chrono::milliseconds timeout);
  // Stops the heartbeat and deletes the row if it is still ours.
  Status Release(Connection& conn);

  // The holder id of this process: host, pid and a random tag.
  static const std::string& Owner();

 private:
  Status TryOnce(Connection& conn, bool* acquired, std::string* holder);
  Status StartHeartbeat();
  void StopHeartbeat();

  std::string name_;
  Opener open_;
  std::chrono::seconds lease_;
  std::thread heartbeat_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::string owner_;
};

}  // namespace gander
