#include "db/lease_lock.h"

#include <unistd.h>

#include <random>
#include <vector>

namespace gander {
namespace {

const char* const kTable = kLeaseLockTable;

}  // namespace

LeaseLock::LeaseLock(std::string name, Opener open, std::chrono::seconds lease, std::string owner)
    : name_(std::move(name)), open_(std::move(open)), lease_(lease), owner_(std::move(owner)) {}

LeaseLock::~LeaseLock() { StopHeartbeat(); }

const std::string& LeaseLock::Owner() {
  static const std::string owner = [] {
    char host[256] = "?";
    gethostname(host, sizeof host - 1);
    std::random_device random;
    return std::string(host) + ":" + std::to_string(getpid()) + ":" + std::to_string(random() % 100000);
  }();
  return owner;
}

Status LeaseLock::TryOnce(Connection& conn, bool* acquired, std::string* holder) {
  const Dialect& d = conn.dialect();
  std::string name = d.QuoteString(name_), owner = d.QuoteString(owner_);
  std::string now = d.EpochSecondsNow();
  std::string lease = std::to_string(lease_.count());
  *acquired = false;
  // The INSERT either commits cluster-wide or fails (duplicate key, or a
  // certification conflict with another node's INSERT).
  if (conn.Exec(std::string("INSERT INTO ") + kTable + " (name, owner, acquired_at, expires_at) VALUES (" + name +
                ", " + owner + ", " + now + ", " + now + " + " + lease + ")")
          .ok()) {
    *acquired = true;
    return Status::OK();
  }
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn.Query("SELECT owner, " + now + " - acquired_at, expires_at - " + now + " FROM " +
                                        kTable + " WHERE name = " + name,
                                    &rows));
  if (rows.empty()) return Status::OK();  // released meanwhile: try again
  std::string current = CellText(rows[0], 0);
  long long remaining = std::atoll(CellText(rows[0], 2).c_str());
  if (current == owner_) {  // ours already (a reconnect of this process)
    *acquired = true;
    return Status::OK();
  }
  *holder = current + " for " + CellText(rows[0], 1) + "s (its lease ends in " + std::to_string(remaining) +
            "s unless renewed)";
  if (remaining >= 0) return Status::OK();
  // A holder that stopped renewing died: take its lease over, if no one else did.
  conn.Exec(std::string("UPDATE ") + kTable + " SET owner = " + owner + ", acquired_at = " + now +
            ", expires_at = " + now + " + " + lease + " WHERE name = " + name + " AND owner = " +
            d.QuoteString(current) + " AND expires_at < " + now).IgnoreError();  // the SELECT below decides
  rows.clear();
  GANDER_RETURN_IF_ERROR(conn.Query(std::string("SELECT owner FROM ") + kTable + " WHERE name = " + name, &rows));
  *acquired = !rows.empty() && CellText(rows[0], 0) == owner_;
  return Status::OK();
}

Status LeaseLock::Acquire(Connection& conn, std::chrono::milliseconds timeout) {
  GANDER_RETURN_IF_ERROR(conn.Exec(std::string("CREATE TABLE IF NOT EXISTS ") + kTable +
                                   " (name VARCHAR(64) NOT NULL PRIMARY KEY, owner VARCHAR(255) NOT NULL, "
                                   "acquired_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)" +
                                   conn.dialect().TransactionalTableOptions()));
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string holder = "another runner";
  while (true) {
    bool acquired = false;
    GANDER_RETURN_IF_ERROR(TryOnce(conn, &acquired, &holder));
    if (acquired) {
      Status beating = StartHeartbeat();
      if (beating.ok()) return Status::OK();
      Release(conn).IgnoreError();  // a lease nobody renews would run out mid-migration; `beating` says why
      return beating.Prepend("cannot keep the migration lock alive (a second connection renews its lease)");
    }
    if (std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return Status::LockTimeout("the migration lock \"" + name_ + "\" (a row of " + kTable +
                             ": on a Galera cluster GET_LOCK is per node) is held by " + holder + "; waited " +
                             std::to_string(timeout.count() / 1000) + "s (see --lock-timeout)");
}

Status LeaseLock::Release(Connection& conn) {
  StopHeartbeat();
  return conn.Exec(std::string("DELETE FROM ") + kTable + " WHERE name = " + conn.dialect().QuoteString(name_) +
                   " AND owner = " + conn.dialect().QuoteString(owner_));
}

Status LeaseLock::StartHeartbeat() {
  if (heartbeat_.joinable()) return Status::OK();
  std::unique_ptr<Connection> conn;
  GANDER_RETURN_IF_ERROR(open_(&conn));
  stopping_ = false;
  heartbeat_ = std::thread([this, conn = std::move(conn)]() mutable {
    const Dialect& d = conn->dialect();
    std::string sql = std::string("UPDATE ") + kTable + " SET expires_at = " + d.EpochSecondsNow() + " + " +
                      std::to_string(lease_.count()) + " WHERE name = " + d.QuoteString(name_) +
                      " AND owner = " + d.QuoteString(owner_);
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, lease_ / 3, [this] { return stopping_; })) {
      lock.unlock();
      // A failed renewal reopens the connection and is retried at the next
      // beat: there are three beats in a lease.
      if (!conn->Exec(sql).ok()) {
        std::unique_ptr<Connection> fresh;
        if (open_(&fresh).ok() && fresh->Exec(sql).ok()) conn = std::move(fresh);
      }
      lock.lock();
    }
  });
  return Status::OK();
}

void LeaseLock::StopHeartbeat() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (heartbeat_.joinable()) heartbeat_.join();
}

}  // namespace gander
