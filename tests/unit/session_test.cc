#include "app/session.h"

#include <doctest/doctest.h>

#include "fake_connection.h"

using namespace gander;
using namespace gander::test;
using std::chrono::milliseconds;

TEST_CASE("Session::Open: the table name is checked before any connection is opened") {
  FakeDatabase db;
  std::unique_ptr<Session> session;
  Status st = Session::Open(db.Factory(), "bad name; DROP", &session);
  CHECK(st.code() == StatusCode::kInvalid);
  CHECK(db.opens() == 0);
  db.FailOpens(1, Status::Failed("password authentication failed"));
  CHECK(Session::Open(db.Factory(), "goose_db_version", &session).message() == "password authentication failed");
}

TEST_CASE("Session: the lock is taken on Lock and released when the session ends") {
  FakeDatabase db;
  {
    std::unique_ptr<Session> session = db.OpenSession();
    REQUIRE(session->Lock(milliseconds(0)).ok());
    CHECK(db.locked());
    std::unique_ptr<Session> other = db.OpenSession();
    CHECK(other->Lock(milliseconds(0)).code() == StatusCode::kLockTimeout);
  }
  CHECK_FALSE(db.locked());
  CHECK(db.CountCalls("UNLOCK") == 1);
}

TEST_CASE("Session::Reconnect: a new connection from the factory, locked again") {
  FakeDatabase db;
  std::unique_ptr<Session> session = db.OpenSession();
  REQUIRE(session->Lock(milliseconds(0)).ok());
  db.FailNth(1, Fault::kLostBefore);
  CHECK_FALSE(session->Alive());
  CHECK_FALSE(db.locked());
  db.FailOpens(1);
  CHECK(session->Reconnect(milliseconds(0)).transient());  // the server is still restarting
  REQUIRE(session->Reconnect(milliseconds(0)).ok());
  CHECK(session->Alive());
  CHECK(db.locked());
  CHECK(db.opens() == 2);
  // The store follows the new connection.
  REQUIRE(session->store().EnsureVersionTable().ok());
  CHECK(db.TrackingRows() == "0:1");
}

TEST_CASE("Session::ReadState: applied versions and the dirty marker; nothing for a fresh database") {
  FakeDatabase db;
  std::unique_ptr<Session> session = db.OpenSession();
  DbVersions versions;
  std::optional<DirtyState> dirty;
  REQUIRE(session->ReadState(&versions, &dirty).ok());
  CHECK(versions.applied.empty());
  CHECK_FALSE(dirty);
  CHECK(db.Scalar("SELECT count(*) FROM sqlite_master") == "0");  // reading creates nothing

  REQUIRE(session->store().EnsureVersionTable().ok());
  REQUIRE(db.Exec("INSERT INTO goose_db_version (version_id, is_applied) VALUES (3, 1)").ok());
  REQUIRE(session->store().WriteDirty({4, Direction::kUp, 1, 3, true, "00004_d.sql", "", ""}).ok());
  REQUIRE(session->ReadState(&versions, &dirty).ok());
  CHECK(versions.current() == 3);
  REQUIRE(dirty);
  CHECK(dirty->version == 4);
  CHECK(dirty->in_flight);
}

TEST_CASE("Session::ReadState asks whether both tables exist in one query, then reads each that does (issue #21)") {
  FakeDatabase db;
  {
    std::unique_ptr<Session> session = db.OpenSession();
    REQUIRE(session->store().EnsureVersionTable().ok());
    REQUIRE(session->store().WriteDirty({4, Direction::kUp, 1, 3, true, "00004_d.sql", "", ""}).ok());
  }
  std::unique_ptr<Session> session = db.OpenSession();
  db.ClearCalls();
  DbVersions versions;
  std::optional<DirtyState> dirty;
  REQUIRE(session->ReadState(&versions, &dirty).ok());
  CHECK(dirty);
  CHECK(db.Texts().size() == 3);
  db.ClearCalls();
  REQUIRE(session->ReadState(&versions, &dirty).ok());  // both known to exist now
  CHECK(db.Texts().size() == 2);
  db.ClearCalls();
  REQUIRE(session->store().EnsureVersionTable().ok());  // known: not asked again
  CHECK(db.Texts().empty());
}
