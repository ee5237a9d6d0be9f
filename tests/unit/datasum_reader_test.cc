// ReadDataSums on a real SQLite database (no server needed).
#include "db/datasum_reader.h"

#include <doctest/doctest.h>

#include <memory>

#include "db/schema_reader.h"

using namespace gander;

TEST_CASE("data sums read columns in name order, whatever order they were added in") {
  std::unique_ptr<Connection> a, b;
  REQUIRE(OpenConnection("sqlite3", ":memory:", &a).ok());
  REQUIRE(OpenConnection("sqlite3", ":memory:", &b).ok());
  REQUIRE(a->Exec("CREATE TABLE t (x INTEGER, y TEXT); INSERT INTO t VALUES (1, 'a'), (2, NULL);"
                  "CREATE TABLE u (id INTEGER); CREATE VIEW v AS SELECT * FROM t;")
              .ok());
  REQUIRE(b->Exec("CREATE TABLE t (y TEXT, x INTEGER); INSERT INTO t VALUES (NULL, 2), ('a', 1);"
                  "CREATE TABLE u (id INTEGER); CREATE VIEW v AS SELECT * FROM t;")
              .ok());
  SchemaDescription sa, sb;
  REQUIRE(ReadSchema(*a, "goose_db_version", &sa).ok());
  REQUIRE(ReadSchema(*b, "goose_db_version", &sb).ok());
  std::vector<TableSum> ta, tb;
  REQUIRE(ReadDataSums(*a, sa, {}, &ta).ok());
  REQUIRE(ReadDataSums(*b, sb, {}, &tb).ok());
  REQUIRE(ta.size() == 2);  // tables only: the view is not summed
  CHECK(ta[0].table == "t");
  CHECK(ta[0].rows == 2);
  CHECK(ta[1].rows == 0);
  CHECK(ta == tb);

  REQUIRE(b->Exec("UPDATE t SET y = 'b' WHERE x = 1").ok());
  REQUIRE(ReadDataSums(*b, sb, {"t"}, &tb).ok());
  REQUIRE(tb.size() == 1);
  CHECK(tb[0] != ta[0]);
  Status unknown = ReadDataSums(*a, sa, {"nope"}, &ta);
  CHECK(unknown.message() == "no table \"nope\" in the database");
  CHECK(unknown.exit_code() == 2);
}
