// The fake's own contract (fake_connection.h): what each Fault does to the
// database and to the connection, so that engine tests can rely on it.
#include "fake_connection.h"

#include <doctest/doctest.h>

using namespace gander;
using namespace gander::test;

namespace {

// A connection to `db`, which now has a table t (id).
std::unique_ptr<Connection> WithTable(FakeDatabase& db) {
  std::unique_ptr<Connection> conn = db.Connect();
  REQUIRE(conn->Exec("CREATE TABLE t (id INTEGER)").ok());
  return conn;
}

}  // namespace

TEST_CASE("fake: every call is recorded and reads answer from a real database") {
  FakeDatabase db;
  std::unique_ptr<Connection> conn = WithTable(db);
  REQUIRE(conn->Begin().ok());
  REQUIRE(conn->Exec("INSERT INTO t VALUES (1)").ok());
  REQUIRE(conn->Commit().ok());
  std::vector<Row> rows;
  REQUIRE(conn->Query("SELECT count(*) FROM t", &rows).ok());
  CHECK(CellText(rows[0], 0) == "1");
  CHECK(db.Texts() == std::vector<std::string>{"OPEN", "CREATE TABLE t (id INTEGER)", "BEGIN",
                                               "INSERT INTO t VALUES (1)", "COMMIT", "SELECT count(*) FROM t"});
  CHECK(db.Scalar("SELECT id FROM t") == "1");
}

TEST_CASE("fake: transient and permanent faults run nothing and leave the connection usable") {
  FakeDatabase db;
  std::unique_ptr<Connection> conn = WithTable(db);
  db.FailWhen("INSERT", Fault::kTransient);
  db.FailNth(2, Fault::kPermanent, "UNIQUE constraint failed");
  Status st = conn->Exec("INSERT INTO t VALUES (1)");
  CHECK(st.transient());
  st = conn->Exec("INSERT INTO t VALUES (2)");
  CHECK_FALSE(st.transient());
  CHECK(st.message() == "UNIQUE constraint failed");
  REQUIRE(conn->Exec("INSERT INTO t VALUES (3)").ok());
  CHECK(db.Scalar("SELECT group_concat(id) FROM t") == "3");
  CHECK(db.calls()[2].faulted);
}

TEST_CASE("fake: lost before the server got it: nothing ran, the transaction is gone, the connection is dead") {
  FakeDatabase db;
  std::unique_ptr<Connection> conn = WithTable(db);
  REQUIRE(conn->Lock(std::chrono::milliseconds(0)).ok());
  CHECK(db.locked());
  REQUIRE(conn->Begin().ok());
  REQUIRE(conn->Exec("INSERT INTO t VALUES (1)").ok());
  db.FailWhen("COMMIT", Fault::kLostBefore);
  Status st = conn->Exec("INSERT INTO t VALUES (2); COMMIT");
  CHECK(st.transient());
  CHECK(st.outcome_unknown());  // the client cannot tell which of the two it was
  CHECK(db.Scalar("SELECT count(*) FROM t") == "0");
  CHECK_FALSE(db.locked());  // the server released it with the session
  std::vector<Row> rows;
  st = conn->Query("SELECT 1", &rows);
  CHECK(st.transient());
  CHECK_FALSE(st.outcome_unknown());  // nothing was sent
  CHECK_FALSE(conn->Rollback().ok());
}

TEST_CASE("fake: lost after it took effect: a COMMIT committed, but the answer is an error") {
  FakeDatabase db;
  std::unique_ptr<Connection> conn = WithTable(db);
  REQUIRE(conn->Begin().ok());
  REQUIRE(conn->Exec("INSERT INTO t VALUES (1)").ok());
  db.FailWhen("COMMIT", Fault::kLostAfter);
  CHECK_FALSE(conn->Commit().ok());
  CHECK(db.Scalar("SELECT count(*) FROM t") == "1");

  // Inside a transaction that never commits, the server rolls it back.
  std::unique_ptr<Connection> second = db.Connect();
  REQUIRE(second->Begin().ok());
  db.FailWhen("INSERT", Fault::kLostAfter);
  CHECK_FALSE(second->Exec("INSERT INTO t VALUES (2)").ok());
  CHECK(db.Scalar("SELECT count(*) FROM t") == "1");
}

TEST_CASE("fake: one lock holder; the factory opens fresh connections and can refuse for a while") {
  FakeDatabase db;
  std::unique_ptr<Connection> a = db.Connect(), b = db.Connect();
  REQUIRE(a->Lock(std::chrono::milliseconds(0)).ok());
  CHECK(b->Lock(std::chrono::milliseconds(0)).code() == StatusCode::kLockTimeout);
  REQUIRE(a->Unlock().ok());
  REQUIRE(b->Lock(std::chrono::milliseconds(0)).ok());
  b.reset();
  CHECK_FALSE(db.locked());

  db.FailOpens(2);
  ConnectionFactory open = db.Factory();
  std::unique_ptr<Connection> c;
  CHECK(open(&c).transient());
  CHECK(open(&c).transient());
  REQUIRE(open(&c).ok());
  CHECK(db.opens() == 3);
}

TEST_CASE("fake: a MySQL-like engine commits the open transaction before DDL") {
  FakeDatabase db(FakeEngine::kMysqlLike);
  std::unique_ptr<Connection> conn = db.Connect();
  CHECK_FALSE(conn->dialect().transactional_ddl());
  CHECK(conn->dialect().CommitsImplicitly("ALTER TABLE t ADD COLUMN c INT"));
  CHECK_FALSE(conn->dialect().CommitsImplicitly("INSERT INTO t VALUES (1)"));
  REQUIRE(conn->Exec("CREATE TABLE t (id INTEGER)").ok());
  REQUIRE(conn->Begin().ok());
  REQUIRE(conn->Exec("INSERT INTO t VALUES (1)").ok());
  REQUIRE(conn->Exec("CREATE TABLE u (id INTEGER)").ok());  // commits the INSERT
  REQUIRE(conn->Rollback().ok());
  CHECK(db.Scalar("SELECT count(*) FROM t") == "1");
  REQUIRE(conn->Begin().ok());  // no transaction was left open by the DDL
}
