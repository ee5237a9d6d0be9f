#include "db/connection.h"

#include <doctest/doctest.h>

using namespace gander;

TEST_CASE("an error means `already applied` only for a statement that creates, adds, drops or renames it") {
  std::unique_ptr<Connection> conn;
  REQUIRE(OpenConnection("sqlite3", ":memory:", &conn).ok());
  const Dialect& d = conn->dialect();
  Status exists = Status::Failed("table t already exists");
  Status missing = Status::Failed("no such column: x");
  CHECK(MeansAlreadyApplied(d, exists, "CREATE TABLE t (id INT)"));
  CHECK(MeansAlreadyApplied(d, Status::Failed("duplicate column name: c"), "ALTER TABLE t ADD COLUMN c INT"));
  CHECK(MeansAlreadyApplied(d, Status::Failed("no such table: t"), "-- gone\nDROP TABLE t"));
  CHECK(MeansAlreadyApplied(d, missing, "alter table t drop column x"));
  CHECK(MeansAlreadyApplied(d, missing, "ALTER TABLE t RENAME COLUMN x TO y"));
  // A real failure that happens to use the same words:
  CHECK_FALSE(MeansAlreadyApplied(d, missing, "CREATE INDEX i ON t (x)"));
  CHECK_FALSE(MeansAlreadyApplied(d, exists, "DROP TABLE t"));
  CHECK_FALSE(MeansAlreadyApplied(d, Status::Failed("no such table: t"), "ALTER TABLE t ADD COLUMN c INT"));
  CHECK_FALSE(MeansAlreadyApplied(d, Status::Failed("syntax error"), "CREATE TABLE t (id INT)"));
}
