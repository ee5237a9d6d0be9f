// The leased lock row (Galera's migration lock), run on a SQLite file: the
// SQL is the dialect's, so its logic is tested without a cluster.
#include "db/lease_lock.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>

using namespace gander;
using std::chrono::milliseconds;

namespace {

struct TempDb {
  std::string dir, path;
  TempDb() {
    char pattern[] = "/tmp/gander-lease-XXXXXX";
    dir = mkdtemp(pattern);
    path = dir + "/lock.db";
  }
  ~TempDb() {
    unlink(path.c_str());
    rmdir(dir.c_str());
  }
  std::unique_ptr<Connection> Open() const {
    std::unique_ptr<Connection> conn;
    REQUIRE(OpenConnection("sqlite3", path, &conn).ok());
    return conn;
  }
  LeaseLock::Opener Opener() const {
    std::string p = path;
    return [p](std::unique_ptr<Connection>* out) { return OpenConnection("sqlite3", p, out); };
  }
};

std::string Owner(Connection& conn) {
  std::vector<Row> rows;
  REQUIRE(conn.Query("SELECT owner FROM gander_lock WHERE name = 'gander:shop'", &rows).ok());
  return rows.empty() ? "" : CellText(rows[0], 0);
}

}  // namespace

TEST_CASE("one holder at a time; the other is told who holds it; release hands it over") {
  TempDb db;
  auto a_conn = db.Open();
  auto b_conn = db.Open();
  LeaseLock a("gander:shop", db.Opener(), std::chrono::seconds(3), "host-a:1:1");
  LeaseLock b("gander:shop", db.Opener(), std::chrono::seconds(3), "host-b:2:2");
  REQUIRE(a.Acquire(*a_conn, milliseconds(0)).ok());
  CHECK(Owner(*a_conn) == "host-a:1:1");
  Status busy = b.Acquire(*b_conn, milliseconds(0));
  CHECK(busy.code() == StatusCode::kLockTimeout);
  CHECK(busy.message().find("is held by host-a:1:1 for ") != std::string::npos);
  CHECK(busy.message().find("gander_lock") != std::string::npos);
  // Taking it again on a reconnect of the same holder is no conflict.
  REQUIRE(a.Acquire(*a_conn, milliseconds(0)).ok());
  REQUIRE(a.Release(*a_conn).ok());
  CHECK(Owner(*a_conn).empty());
  REQUIRE(b.Acquire(*b_conn, milliseconds(0)).ok());
  CHECK(Owner(*b_conn) == "host-b:2:2");
  REQUIRE(b.Release(*b_conn).ok());
}

TEST_CASE("a lease its holder stopped renewing is taken over; a renewed one is not") {
  TempDb db;
  auto conn = db.Open();
  LeaseLock alive("gander:shop", db.Opener(), std::chrono::seconds(2), "alive:1:1");
  REQUIRE(alive.Acquire(*conn, milliseconds(0)).ok());
  // Past its lease, the heartbeat (three times a lease) has renewed it.
  usleep(2500 * 1000);
  auto other = db.Open();
  LeaseLock waiting("gander:shop", db.Opener(), std::chrono::seconds(3), "waiting:2:2");
  CHECK(waiting.Acquire(*other, milliseconds(0)).code() == StatusCode::kLockTimeout);
  REQUIRE(alive.Release(*conn).ok());

  // A dead holder: its row's lease ran out and no heartbeat renews it.
  std::string now = conn->dialect().EpochSecondsNow();
  REQUIRE(conn->Exec("INSERT INTO gander_lock (name, owner, acquired_at, expires_at) VALUES ('gander:shop', "
                     "'dead:9:9', " + now + " - 60, " + now + " - 1)")
              .ok());
  REQUIRE(waiting.Acquire(*other, milliseconds(0)).ok());
  CHECK(Owner(*other) == "waiting:2:2");
  REQUIRE(waiting.Release(*other).ok());
}
